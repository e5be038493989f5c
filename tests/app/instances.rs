//! Two real `kulturportal serve` processes on one PostgreSQL database behind Debian's
//! nginx (round robin), as the README's recipe runs them: migrations once, a change
//! through one seen through the other, one login for both, one picture store, each job
//! once, and a `kill -9` of one under write load loses no acknowledged write.

use crate::processes::{Instance, client, fixture, free_port, receiver, text, write};
use crate::support::{PASSWORD, fresh_url, multipart, png};
use kulturportal::db::Db;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Debian's nginx, or `None` (a failure when `KP_REQUIRE_NGINX=1`, as in `.ci/run`).
fn nginx() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() && std::env::var("KP_REQUIRE_NGINX").is_ok_and(|v| v == "1") {
        panic!("nginx is required (KP_REQUIRE_NGINX=1): apt-get install nginx-light");
    }
    found
}

/// nginx in the foreground, one process (killed with the test), round robin over `ports`.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_nginx(binary: &Path, dir: &Path, port: u16, upstreams: &[u16]) -> Nginx {
    let d = dir.display();
    let servers: String = upstreams
        .iter()
        .map(|p| format!("    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n"))
        .collect();
    let conf = format!(
        "master_process off;\nworker_processes 1;\nerror_log {d}/nginx-error.log warn;\n\
         pid {d}/nginx.pid;\nevents {{ worker_connections 512; }}\n\
         http {{\n  access_log off;\n  client_max_body_size 20m;\n\
         client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         upstream kulturportal {{\n{servers}    keepalive 16;\n  }}\n\
         server {{\n    listen 127.0.0.1:{port};\n    location / {{\n\
         proxy_pass http://kulturportal;\n      proxy_http_version 1.1;\n\
         proxy_set_header Connection \"\";\n      proxy_set_header Host $http_host;\n\
         proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
         proxy_connect_timeout 1s;\n      proxy_next_upstream error timeout;\n    }}\n  }}\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap_or_else(|e| panic!("{e}"));
    let child = Command::new(binary)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("nginx: {e}"));
    Nginx(child)
}

#[tokio::test]
async fn two_instances_behind_nginx_act_as_one_portal() {
    if !std::env::var("KP_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        eprintln!(
            "two_instances_behind_nginx_act_as_one_portal: skipped on SQLite \
             (several instances need PostgreSQL; set KP_TEST_DATABASE_URL)"
        );
        return;
    }
    let Some(nginx_bin) = nginx() else {
        eprintln!("two_instances_behind_nginx_act_as_one_portal: skipped, nginx not installed");
        return;
    };
    let (url, _none) = fresh_url().await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let media = dir.path().join("media");
    let (hook, deliveries) = receiver().await;
    let (pa, pb, pn) = (free_port(), free_port(), free_port());
    let public = format!("http://127.0.0.1:{pn}");
    let media_arg = media.display().to_string();
    let mails = dir.path().join("mails").display().to_string();
    let args = [
        "--base-url",
        public.as_str(),
        "--media-dir",
        media_arg.as_str(),
        "--secret",
        "ein-gemeinsames-geheimnis",
        "--fetch-allow",
        "127.0.0.1/32",
        "--mail-dir",
        mails.as_str(),
    ];
    let http = client();

    // Both start at the same moment on an empty database: the migrations run once
    // (sqlx holds an advisory lock), and both come up ready.
    let started = Instant::now();
    let mut a = Instance::start("a", &url, pa, dir.path(), &args);
    let mut b = Instance::start("b", &url, pb, dir.path(), &args);
    a.ready(&http, Duration::from_secs(60)).await;
    let ready_a = started.elapsed();
    b.ready(&http, Duration::from_secs(60)).await;
    let ready_b = started.elapsed();
    let db = Db::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".sql"))
        })
        .count() as i64;
    let (applied,): (i64,) = db
        .fetch_one("SELECT COUNT(*) FROM _sqlx_migrations WHERE success", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(applied, files, "every migration applied once");

    let f = fixture(&db, &hook).await;
    let nginx_dir = dir.path().join("nginx");
    std::fs::create_dir_all(&nginx_dir).unwrap_or_else(|e| panic!("{e}"));
    let _nginx = start_nginx(&nginx_bin, &nginx_dir, pn, &[pa, pb]);
    let started = Instant::now();
    while text(&http, &format!("{public}/healthz")).await != "ok" {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nginx did not start: {}",
            std::fs::read_to_string(nginx_dir.join("nginx-error.log")).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // A change through one is in the list and in search on both within 2 s. The pages
    // were asked for before, so both instances' page caches hold the old answers.
    let list = "/veranstaltungen";
    let search = "/veranstaltungen?q=Zebrafink";
    let title = "Zebrafink-Quartett im Keller";
    for _ in 0..2 {
        for path in [list, search] {
            let page = text(&http, &format!("{public}{path}")).await;
            assert!(!page.is_empty() && !page.contains(title), "{page}");
        }
    }
    assert!(
        write(&http, &public, &f.token, title).await.is_some(),
        "the API write through nginx"
    );
    let written = Instant::now();
    let mut seen_after = None;
    while written.elapsed() < Duration::from_secs(2) {
        let mut all = true;
        for base in [a.base(), b.base()] {
            for path in [list, search] {
                all &= text(&http, &format!("{base}{path}")).await.contains(title);
            }
        }
        if all {
            seen_after = Some(written.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let seen_after = seen_after.unwrap_or_else(|| {
        panic!(
            "not in list and search of both instances within 2 s\n{}\n{}",
            a.logged(),
            b.logged()
        )
    });
    for _ in 0..2 {
        assert!(
            text(&http, &format!("{public}{search}"))
                .await
                .contains(title)
        );
    }

    // A login through nginx is valid on both instances.
    let login = http
        .post(format!("{public}/anmelden"))
        .header("origin", &public)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email={}&password={PASSWORD}",
            f.email.replace('@', "%40")
        ))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(login.status(), 303, "login through nginx");
    let cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.starts_with("kp_session="), "{cookie}");
    for base in [a.base(), b.base()] {
        let home = http
            .get(format!("{base}/mein-bereich"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(home.status(), 200, "the session on {base}");
        assert!(home.text().await.unwrap_or_default().contains("Olga"));
    }

    // A picture uploaded through nginx is served by both.
    let sparte = kulturportal::db::categories::all(&db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|c| c.slug == "musik")
        .map_or(0, |c| c.id);
    let day = (kulturportal::clock::system().now() + chrono::Duration::days(8))
        .format("%Y-%m-%d")
        .to_string();
    let (content_type, body) = multipart(
        &format!(
            "title=Bilderabend&sparte={sparte}&organisation={}&venue=&location_text=Kulturkeller\
             &date_mode=single&date={day}&time=19%3A30&price_kind=free\
             &image_alt=Ein+Farbverlauf+in+Blau&action=veroeffentlichen",
            f.org
        ),
        "image",
        &png(400, 300),
    );
    let upload = http
        .post(format!("{public}/mein-bereich/veranstaltungen/neu"))
        .header("origin", &public)
        .header("cookie", &cookie)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = upload.status();
    assert_eq!(status, 303, "{}", upload.text().await.unwrap_or_default());
    let (variants,): (String,) = db
        .fetch_one(
            "SELECT variants FROM event_images ORDER BY id DESC LIMIT 1",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let stored: serde_json::Value =
        serde_json::from_str(&variants).unwrap_or_else(|e| panic!("{e}"));
    let key = stored[0]["key"].as_str().unwrap_or_default().to_owned();
    assert!(!key.is_empty(), "{variants}");
    let mut sizes = Vec::new();
    for base in [a.base(), b.base()] {
        let r = http
            .get(format!("{base}/medien/{key}"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.status(), 200, "the picture on {base}");
        sizes.push(r.bytes().await.map(|b| b.len()).unwrap_or(0));
    }
    assert!(sizes[0] > 0 && sizes[0] == sizes[1], "{sizes:?}");

    // Each background job runs once: ten writes through nginx (both instances write
    // and both workers compete for the jobs), ten deliveries, none twice.
    let before = deliveries.lock().map(|d| d.len()).unwrap_or(0);
    for n in 0..10 {
        assert!(
            write(&http, &public, &f.token, &format!("Lesung Nummer {n}"))
                .await
                .is_some()
        );
    }
    let waited = Instant::now();
    while deliveries.lock().map(|d| d.len()).unwrap_or(0) < before + 10 {
        assert!(
            waited.elapsed() < Duration::from_secs(15),
            "deliveries missing: {:?}",
            deliveries.lock().map(|d| d.clone()).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Long enough for a second worker to deliver again (both poll every 2 s).
    tokio::time::sleep(Duration::from_secs(3)).await;
    let got = deliveries.lock().map(|d| d.clone()).unwrap_or_default();
    let distinct: BTreeSet<&String> = got.iter().collect();
    assert_eq!(got.len(), distinct.len(), "a delivery came twice: {got:?}");
    let (targets,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM jobs WHERE consumer = 'webhooks' AND target <> ''",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.len() as i64, targets, "one delivery per job: {got:?}");
    let workers: Vec<(String, i64)> = db
        .fetch_all(
            "SELECT claimed_by, COUNT(*) FROM jobs WHERE consumer = 'webhooks' \
             AND target <> '' AND state = 'done' GROUP BY claimed_by",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (twice,): (i64,) = db
        .fetch_one("SELECT COUNT(*) FROM jobs WHERE attempts > 1", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(twice, 0, "no job was claimed twice");

    // kill -9 of one instance under write load: writers through nginx and directly on
    // both; every write answered 201 is in the database, the other instance keeps serving.
    let acked: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let after_kill = Arc::new(Mutex::new(0_usize));
    let killed = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for (w, base) in [public.clone(), public.clone(), a.base(), b.base()]
        .into_iter()
        .enumerate()
    {
        let (http, token) = (http.clone(), f.load_token.clone());
        let (acked, after_kill, killed, stop) = (
            acked.clone(),
            after_kill.clone(),
            killed.clone(),
            stop.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Acquire) && n < 150 {
                n += 1;
                let title = format!("Last {w}-{n}");
                let was_killed = killed.load(Ordering::Acquire);
                match write(&http, &base, &token, &title).await {
                    Some(id) => {
                        if let Ok(mut a) = acked.lock() {
                            a.push((id, title));
                        }
                        if was_killed
                            && w < 2
                            && let Ok(mut k) = after_kill.lock()
                        {
                            *k += 1;
                        }
                    }
                    None => tokio::time::sleep(Duration::from_millis(20)).await,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let before_kill = acked.lock().map(|a| a.len()).unwrap_or(0);
    b.child.kill().unwrap_or_else(|e| panic!("kill -9: {e}"));
    killed.store(true, Ordering::Release);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::Release);
    for w in writers {
        let _ = w.await;
    }
    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();
    let after_kill = after_kill.lock().map(|k| *k).unwrap_or(0);
    assert!(before_kill > 0, "writes before the kill");
    assert!(after_kill > 0, "writes through nginx after the kill");
    let mut stored: BTreeMap<i64, String> = BTreeMap::new();
    for chunk in acked.chunks(200) {
        let ids: Vec<String> = chunk.iter().map(|(id, _)| id.to_string()).collect();
        let rows: Vec<(i64, String)> = db
            .fetch_all(
                &format!(
                    "SELECT id, title FROM events WHERE id IN ({})",
                    ids.join(",")
                ),
                &[],
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        stored.extend(rows);
    }
    let lost: Vec<&(i64, String)> = acked
        .iter()
        .filter(|(id, title)| stored.get(id) != Some(title))
        .collect();
    assert!(lost.is_empty(), "acknowledged writes lost: {lost:?}");
    // The survivor serves pages, directly and through nginx.
    for base in [a.base(), public.clone(), public.clone()] {
        assert!(
            text(&http, &format!("{base}{list}")).await.contains(title),
            "{base} after the kill"
        );
    }
    assert!(a.child.try_wait().ok().flatten().is_none(), "a still runs");

    eprintln!(
        "two instances: ready after {:.2} s and {:.2} s (migrations once, {files} of them); \
         a change in list and search of both after {} ms; pictures {} bytes from both; \
         10 deliveries once each, webhook jobs done per worker {:?}; kill -9 under load: \
         {} writes acknowledged ({before_kill} before the kill, {after_kill} through nginx \
         after it), none lost",
        ready_a.as_secs_f32(),
        ready_b.as_secs_f32(),
        seen_after.as_millis(),
        sizes[0],
        workers.iter().map(|w| w.1).collect::<Vec<_>>(),
        acked.len(),
    );
    db.close().await;
}
