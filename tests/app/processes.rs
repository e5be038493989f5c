//! The real binary as a test starts it: `kulturportal serve` processes on loopback ports,
//! an HTTP client, and the fixtures the multi-process tests share (an organisation with
//! its owner, API tokens and a webhook).

use crate::support::PASSWORD;
use kulturportal::db::Db;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A `kulturportal serve` process; killed (SIGKILL) when dropped.
pub struct Instance {
    pub child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free port on 127.0.0.1 (taken again by the process started next).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

impl Instance {
    /// Starts the real binary on `port`, logging (JSON lines) into `dir/NAME.log`.
    pub fn start(name: &str, url: &str, port: u16, dir: &Path, args: &[&str]) -> Instance {
        let log = dir.join(format!("{name}.log"));
        let file = std::fs::File::create(&log).unwrap_or_else(|e| panic!("{e}"));
        let child = Command::new(env!("CARGO_BIN_EXE_kulturportal"))
            .arg("serve")
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(["--database-url", url])
            .arg("--index-dir")
            .arg(dir.join("index"))
            .args(args)
            .env("KP_LOG_FORMAT", "json")
            .env("KP_LOG", "info,tower_http=warn")
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .unwrap_or_else(|e| panic!("start {name}: {e}"));
        Instance { child, port, log }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the process logged so far.
    pub fn logged(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `/readyz` says ready; returns how long that took.
    pub async fn ready(&mut self, http: &reqwest::Client, within: Duration) -> Duration {
        let started = Instant::now();
        while started.elapsed() < within {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "instance on {} ended with {status}:\n{}",
                    self.port,
                    self.logged()
                );
            }
            if let Ok(r) = http.get(format!("{}/readyz", self.base())).send().await
                && r.status() == 200
            {
                return started.elapsed();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("instance on {} not ready:\n{}", self.port, self.logged());
    }
}

/// An HTTP client that shows redirects instead of following them.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// An event for the write API, a week from now.
pub fn event_json(title: &str) -> String {
    let day = (kulturportal::clock::system().now() + chrono::Duration::days(7))
        .format("%Y-%m-%d")
        .to_string();
    serde_json::json!({
        "title": title,
        "description": "Ein Abend zum Testen.",
        "categories": ["musik"],
        "location": "Kulturkeller, Rottstraße 5",
        "dates": [{"start": format!("{day}T19:30"), "end": format!("{day}T21:30")}],
        "price": {"kind": "free"},
    })
    .to_string()
}

/// POSTs an event through `base`; the new event's id when the answer was 201.
pub async fn write(http: &reqwest::Client, base: &str, token: &str, title: &str) -> Option<i64> {
    let r = http
        .post(format!("{base}/api/v1/events"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(event_json(title))
        .send()
        .await
        .ok()?;
    if r.status() != 201 {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(&r.text().await.ok()?).ok()?;
    v["data"]["id"].as_i64()
}

pub async fn text(http: &reqwest::Client, url: &str) -> String {
    match http.get(url).send().await {
        Ok(r) if r.status() == 200 => r.text().await.unwrap_or_default(),
        _ => String::new(),
    }
}

/// The organisation, its owner with [`PASSWORD`], two API tokens and a webhook.
pub struct Fixture {
    pub org: i64,
    pub email: String,
    pub token: String,
    pub load_token: String,
}

pub async fn fixture(db: &Db, hook: &str) -> Fixture {
    use kulturportal::db::{api_tokens, seed, users, webhooks};
    use kulturportal::domain::account::{Email, PlatformRole};
    let org = seed::insert_organizations(
        db,
        vec![seed::NewOrganization {
            slug: "jazzkeller".into(),
            name: "Jazzkeller".into(),
            kind: "collective".into(),
            description: String::new(),
            website: String::new(),
            district: None,
            verified: true,
            category_ids: Vec::new(),
        }],
        0,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))[0];
    let email = "olga@example.org";
    let hash = kulturportal::auth::hash_password(PASSWORD).unwrap_or_else(|e| panic!("{e}"));
    let parsed = Email::parse(email).unwrap_or_else(|| panic!("address"));
    let olga = users::create(db, &parsed, "Olga", &hash, PlatformRole::Member, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    users::mark_verified(db, olga, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let owner = kulturportal::domain::permissions::OrgRole::parse("owner")
        .unwrap_or_else(|| panic!("owner"));
    users::add_membership(db, org, olga, owner, None, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tokens = Vec::new();
    for name in ["Website", "Last"] {
        let token = format!("kp_{}", kulturportal::auth::new_token().0);
        api_tokens::create(
            db,
            org,
            name,
            &kulturportal::auth::token_hash(&token),
            olga,
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        tokens.push(token);
    }
    webhooks::create(db, org, hook, "geheim", olga, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    Fixture {
        org,
        email: email.into(),
        load_token: tokens.pop().unwrap_or_default(),
        token: tokens.pop().unwrap_or_default(),
    }
}

/// A webhook receiver counting deliveries by their `X-Kulturportal-Delivery`.
pub async fn receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    let got: Arc<Mutex<Vec<String>>> = Arc::default();
    let keep = got.clone();
    let routes = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap| {
            let keep = keep.clone();
            async move {
                let id = headers
                    .get("x-kulturportal-delivery")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                if let Ok(mut g) = keep.lock() {
                    g.push(id);
                }
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    (format!("{}/hook", crate::support::serve(routes).await), got)
}
