//! A start opens the search index kept on disk and applies what the outbox recorded
//! meanwhile, instead of indexing every event again; an unusable index is rebuilt.

use crate::processes::{Instance, client, fixture, free_port, write};
use crate::support::fresh_url;
use kulturportal::db::Db;
use std::time::Duration;

async fn stop(server: &mut Instance) {
    let pid = server.child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(sent.success());
    for _ in 0..600 {
        if let Some(status) = server.child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            assert_eq!(status.code(), Some(0), "{}", server.logged());
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no exit after SIGTERM:\n{}", server.logged());
}

async fn builds(http: &reqwest::Client, server: &Instance) -> String {
    let page = http
        .get(format!("{}/metrics", server.base()))
        .header("authorization", "Bearer messwerte")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_default();
    page.lines()
        .find(|l| l.starts_with("kp_search_index_builds "))
        .unwrap_or_default()
        .to_owned()
}

async fn found(http: &reqwest::Client, server: &Instance, word: &str, title: &str) -> bool {
    let page = http
        .get(format!("{}/veranstaltungen?q={word}", server.base()))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_default();
    page.contains(title)
}

#[tokio::test]
async fn a_restart_opens_the_index_and_catches_up_instead_of_rebuilding() {
    let (url, _db_dir) = fresh_url().await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let media = dir.path().join("media").display().to_string();
    let args = [
        "--metrics-token",
        "messwerte",
        "--media-dir",
        media.as_str(),
    ];
    let http = client();
    let port = free_port();
    let mut first = Instance::start("first", &url, port, dir.path(), &args);
    first.ready(&http, Duration::from_secs(60)).await;
    assert!(
        first.logged().contains("search index rebuilt"),
        "{}",
        first.logged()
    );
    let db = Db::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    let f = fixture(&db, "http://127.0.0.1:9/nirgends").await;
    assert!(
        write(&http, &first.base(), &f.token, "Amselchor am Abend")
            .await
            .is_some()
    );
    // The writing instance indexes in its background loop, a moment after the write.
    let written = std::time::Instant::now();
    while !found(&http, &first, "Amselchor", "Amselchor am Abend").await {
        assert!(
            written.elapsed() < Duration::from_secs(2),
            "not found within 2 s of the write"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop(&mut first).await;

    // While the portal is down, an import writes an event (through the outbox).
    let day = (kulturportal::clock::system().now() + chrono::Duration::days(9))
        .format("%d.%m.%Y")
        .to_string();
    let table = dir.path().join("programm.csv");
    std::fs::write(
        &table,
        format!("titel;datum;beginn;sparten;adresse\nZebrafink im Keller;{day};19:30;Musik;Kulturkeller\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kulturportal"))
        .args(["import", "csv"])
        .arg(&table)
        .args(["--org", "jazzkeller", "--database-url", &url])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // Started again: the index is opened, not built, and knows both events.
    let mut second = Instance::start("second", &url, port, dir.path(), &args);
    second.ready(&http, Duration::from_secs(60)).await;
    let log = second.logged();
    assert!(log.contains("search index opened from disk"), "{log}");
    assert!(!log.contains("search index rebuilt"), "{log}");
    assert_eq!(builds(&http, &second).await, "kp_search_index_builds 0");
    assert!(found(&http, &second, "Zebrafink", "Zebrafink im Keller").await);
    assert!(found(&http, &second, "Amselchor", "Amselchor am Abend").await);
    // A second instance on the same host takes a folder of its own.
    let mut beside = Instance::start("beside", &url, free_port(), dir.path(), &args);
    beside.ready(&http, Duration::from_secs(60)).await;
    assert!(
        beside.logged().contains("instance-1"),
        "{}",
        beside.logged()
    );
    stop(&mut beside).await;
    stop(&mut second).await;

    // An index that cannot be read is built again, and nothing is missing.
    let folder = dir.path().join("index/instance-0");
    let current = std::fs::read_to_string(folder.join("current")).unwrap_or_default();
    std::fs::write(folder.join(current.trim()).join("meta.json"), "kaputt")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut third = Instance::start("third", &url, port, dir.path(), &args);
    third.ready(&http, Duration::from_secs(60)).await;
    let log = third.logged();
    assert!(
        log.contains("search index rebuilt") && log.contains("unusable"),
        "{log}"
    );
    assert_eq!(builds(&http, &third).await, "kp_search_index_builds 1");
    assert!(found(&http, &third, "Zebrafink", "Zebrafink im Keller").await);
    db.close().await;
}
