//! SIGTERM on the real binary: a request in flight completes, the job in hand (a webhook
//! delivery) finishes and is marked done, claimed jobs go back to the queue, exit 0.

use crate::processes::{Instance, client, event_json, fixture, free_port, write};
use crate::support::fresh_url;
use kulturportal::db::Db;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn sigterm_finishes_the_request_and_the_job_in_hand_then_exits_0() {
    let (url, _db_dir) = fresh_url().await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A receiver that takes two seconds to answer, and says when a delivery arrived.
    let (arrived_tx, mut arrived) = tokio::sync::mpsc::unbounded_channel::<()>();
    let answered: Arc<Mutex<usize>> = Arc::default();
    let count = answered.clone();
    let routes = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let (arrived_tx, count) = (arrived_tx.clone(), count.clone());
            async move {
                let _ = arrived_tx.send(());
                tokio::time::sleep(Duration::from_secs(2)).await;
                if let Ok(mut c) = count.lock() {
                    *c += 1;
                }
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    let hook = format!("{}/hook", crate::support::serve(routes).await);
    let port = free_port();
    let media = dir.path().join("media").display().to_string();
    let mails = dir.path().join("mails").display().to_string();
    let mut server = Instance::start(
        "portal",
        &url,
        port,
        dir.path(),
        &[
            "--fetch-allow",
            "127.0.0.1/32",
            "--media-dir",
            &media,
            "--mail-dir",
            &mails,
        ],
    );
    let http = client();
    server.ready(&http, Duration::from_secs(60)).await;
    let db = Db::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    let f = fixture(&db, &hook).await;

    // A slow client: the request's head and half its body are sent...
    let body = event_json("Langsam geschickt");
    let (first, rest) = body.split_at(body.len() / 2);
    let mut slow = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    slow.write_all(
        format!(
            "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
             Authorization: Bearer {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{first}",
            f.token,
            body.len()
        )
        .as_bytes(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    // ... while an event written before makes the worker deliver to the slow receiver.
    let base = server.base();
    assert!(
        write(&http, &base, &f.token, "Vorher gespeichert")
            .await
            .is_some()
    );
    tokio::time::timeout(Duration::from_secs(15), arrived.recv())
        .await
        .unwrap_or_else(|_| panic!("no delivery started:\n{}", server.logged()));

    // SIGTERM now: a delivery and a request are in flight.
    let term = Instant::now();
    let pid = server.child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(sent.success());
    tokio::time::sleep(Duration::from_millis(300)).await;
    slow.write_all(rest.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut answer = String::new();
    slow.read_to_string(&mut answer)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        answer.starts_with("HTTP/1.1 201"),
        "the request in flight: {answer}\n{}",
        server.logged()
    );

    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            break status;
        }
        assert!(
            term.elapsed() < Duration::from_secs(30),
            "still running 30 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let took = term.elapsed();
    assert_eq!(status.code(), Some(0), "{}", server.logged());
    // The delivery in hand was answered and recorded as done: nobody delivers it again.
    assert_eq!(answered.lock().map(|c| *c).unwrap_or(0), 1);
    let states: Vec<(String, String, i64)> = db
        .fetch_all(
            "SELECT target, state, claimed_until FROM jobs WHERE consumer = 'webhooks' ORDER BY id",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let delivered: Vec<_> = states.iter().filter(|s| !s.0.is_empty()).collect();
    assert_eq!(
        delivered.first().map(|s| s.1.as_str()),
        Some("done"),
        "{states:?}\n{}",
        server.logged()
    );
    // Nothing is left claimed by the stopped instance: the next one starts at once.
    assert!(
        states.iter().all(|s| s.1 != "pending" || s.2 == 0),
        "{states:?}"
    );
    assert!(server.logged().contains("shut down"), "{}", server.logged());
    eprintln!(
        "SIGTERM with a request and a delivery in flight: exit 0 after {:.2} s",
        took.as_secs_f32()
    );
    db.close().await;
}
