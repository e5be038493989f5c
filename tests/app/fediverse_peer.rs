//! Interoperability with a second, independent ActivityPub implementation: a peer built
//! on bovine (PyPI, installed by `.ci/run` into `target/fediverse-peer`), run on
//! loopback. It follows an organisation and a Sparte with requests it signs itself (the
//! portal checks them against the key it fetches from the peer), and receives a new
//! event, its update and its cancellation, checking the portal's signatures with the
//! key it fetches from the portal.

use crate::api_write::json_request;
use crate::fediverse::{cancel, followers};
use crate::outbox::owner_with_token;
use crate::support::{TestApp, fresh_db, loopback_allowed};
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::io::BufRead;
use std::process::{Child, Command, Stdio};

/// The peer process (ended when dropped).
struct Peer {
    child: Child,
    base: String,
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Peer {
    /// Starts the peer, or `None` when bovine is not installed (a failure with
    /// `KP_REQUIRE_FEDI_PEER=1`, as in CI).
    fn start() -> Option<Peer> {
        let path = std::env::var("KP_FEDI_PEER_PATH")
            .unwrap_or_else(|_| format!("{}/target/fediverse-peer", env!("CARGO_MANIFEST_DIR")));
        let installed = Command::new("python3")
            .args(["-c", "import bovine, aiohttp"])
            .env("PYTHONPATH", &path)
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            assert!(
                std::env::var("KP_REQUIRE_FEDI_PEER").is_err(),
                "bovine is not installed in {path} (pip install --target {path} bovine)"
            );
            eprintln!("skipped: bovine is not installed in {path}");
            return None;
        }
        let mut child = Command::new("python3")
            .arg(format!(
                "{}/tests/app/fediverse_peer.py",
                env!("CARGO_MANIFEST_DIR")
            ))
            .env("PYTHONPATH", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting the peer: {e}"));
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = std::io::BufReader::new(out).read_line(&mut line);
        }
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the peer did not say its port: {line:?}"));
        Some(Peer {
            child,
            base: format!("http://127.0.0.1:{port}"),
        })
    }

    /// Tells the peer to do something (`/control/follow`, `/control/undo`).
    async fn control(&self, path: &str, body: Value) -> Value {
        let request = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string());
        answer(request).await
    }

    /// What the peer received: `{activity, signer}` each (`signer` null when the
    /// signature did not check out).
    async fn received(&self) -> Vec<Value> {
        let answer = answer(reqwest::Client::new().get(format!("{}/control/received", self.base)));
        serde_json::from_value(answer.await).unwrap_or_default()
    }
}

/// The wall clock's now: the peer checks that signatures are fresh by its own clock.
#[expect(
    clippy::disallowed_methods,
    reason = "the peer compares dates with the real time"
)]
fn real_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bovine_peer_follows_and_receives_events_signed_both_ways() {
    let Some(peer) = Peer::start() else {
        return;
    };
    let (db, dir) = fresh_db().await;
    let mut app = TestApp::with_db(db, dir, real_now()).await;
    app.state.fetch = loopback_allowed();
    let base = app.serve_on_loopback().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let (cookie, token) = owner_with_token(&app, org, "jazzkeller", "olga@example.org").await;

    for target in [
        format!("{base}/kulturszene/jazzkeller"),
        format!("{base}/sparten/musik"),
    ] {
        let answer = peer
            .control("/control/follow", json!({ "target": target }))
            .await;
        assert_eq!(answer["status"], 202, "following {target}: {answer}");
    }
    assert_eq!(
        followers(&app, "/ap/organisationen/jazzkeller/followers").await,
        1
    );
    assert_eq!(followers(&app, "/ap/sparten/musik/followers").await, 1);

    let day = (real_now() + chrono::Duration::days(3))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%Y-%m-%d")
        .to_string();
    let event = format!(
        r#"{{"title":"Jazz im Keller","categories":["musik"],"location":"Kulturkeller","dates":[{{"start":"{day}T19:30"}}]}}"#
    );
    let put =
        |body: String| json_request("PUT", "/api/v1/events/external/k-1", Some(&token), &body);
    let created = app.request(put(event.clone())).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["data"]["id"].as_i64().unwrap_or_default();
    let changed = app
        .request(put(
            event.replace("Jazz im Keller", "Jazz im Keller: Trio Nord")
        ))
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    cancel(&app, id, &cookie).await;

    let got = peer.received().await;
    let summary: Vec<(String, String, Value)> = got
        .iter()
        .map(|g| {
            (
                g["activity"]["type"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                g["activity"]["actor"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                g["signer"].clone(),
            )
        })
        .collect();
    // Every delivery's signature checked out for the peer, as its sender's.
    for (kind, actor, signer) in &summary {
        assert_eq!(
            signer.as_str(),
            Some(actor.as_str()),
            "{kind} from {actor}: {got:?}"
        );
    }
    let kinds: Vec<&str> = summary.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        kinds,
        ["Accept", "Accept", "Create", "Announce", "Update", "Update"],
        "{got:?}"
    );
    let objects: Vec<&Value> = got.iter().map(|g| &g["activity"]["object"]).collect();
    assert_eq!(objects[2]["type"], "Event");
    assert_eq!(objects[2]["name"], "Jazz im Keller");
    assert_eq!(
        objects[3],
        &json!(format!("{base}/veranstaltungen/jazz-im-keller"))
    );
    assert_eq!(objects[4]["name"], "Jazz im Keller: Trio Nord");
    assert_eq!(objects[5]["ical:status"], "CANCELLED");

    // The peer leaves the Sparte: its Undo is signed and taken.
    let undo = peer
        .control(
            "/control/undo",
            json!({ "target": format!("{base}/sparten/musik") }),
        )
        .await;
    assert_eq!(undo["status"], 202, "{undo}");
    assert_eq!(followers(&app, "/ap/sparten/musik/followers").await, 0);
    assert_eq!(
        followers(&app, "/ap/organisationen/jazzkeller/followers").await,
        1
    );
}

async fn answer(request: reqwest::RequestBuilder) -> Value {
    let text = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}
