//! The read-only JSON API: occurrences in order, cursors, filters, records, errors.

use crate::support::TestApp;
use axum::http::StatusCode;
use std::collections::HashSet;

#[tokio::test]
async fn occurrences_come_in_chronological_order_with_offsets() {
    let app = TestApp::new().await;
    let haus = app.venue("schauspielhaus", "mitte", true).await;
    app.event("Später")
        .sparte("theater")
        .venue(haus)
        .on("2026-12-10 19:30")
        .create()
        .await;
    app.event("Früher")
        .sparte("musik")
        .free()
        .on("2026-12-03 20:00")
        .create()
        .await;
    let page = app.get("/api/v1/events").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers
            .get("access-control-allow-origin")
            .map(|v| v.as_bytes()),
        Some(&b"*"[..])
    );
    let body = page.json();
    let data = body["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["event"]["title"], "Früher");
    assert_eq!(data[0]["start"], "2026-12-03T20:00:00+01:00");
    assert_eq!(data[0]["status"], "scheduled");
    assert_eq!(data[0]["event"]["price"]["kind"], "free");
    assert_eq!(data[1]["event"]["venue"]["district"], "mitte");
    assert_eq!(data[1]["event"]["categories"][0]["slug"], "theater");
    assert_eq!(
        data[1]["event"]["url"]
            .as_str()
            .map(|u| u.starts_with("http://kultur.test/veranstaltungen/")),
        Some(true)
    );
    assert!(body["next_cursor"].is_null());
    let filtered = app
        .get("/api/v1/events?category=theater&district=mitte&accessible=true")
        .await
        .json();
    assert_eq!(filtered["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        app.get("/api/v1/events?free=1").await.json()["data"][0]["event"]["title"],
        "Früher"
    );
}

#[tokio::test]
async fn cursor_pages_cover_everything_exactly_once() {
    let app = TestApp::new().await;
    for i in 0..23 {
        // Pairs of events at the same minute test the tie-break on id.
        app.event(&format!("Termin {i}"))
            .on(&format!("2026-12-{:02} 19:00", 3 + i / 2))
            .create()
            .await;
    }
    app.event("Ausstellung")
        .running("2026-11-01", "2027-01-31")
        .create()
        .await;
    let mut seen = Vec::new();
    let mut cursor = String::new();
    for _ in 0..10 {
        let body = app
            .get(&format!("/api/v1/events?limit=5&cursor={cursor}"))
            .await
            .json();
        for item in body["data"].as_array().cloned().unwrap_or_default() {
            seen.push((
                item["start"].as_str().unwrap_or_default().to_owned(),
                item["id"].as_i64().unwrap_or_default(),
            ));
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 24);
    assert_eq!(
        seen.iter().map(|s| s.1).collect::<HashSet<_>>().len(),
        24,
        "no duplicates"
    );
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(
        seen[0].0, "2026-11-01T10:00:00+01:00",
        "the running exhibition starts first"
    );
    assert_eq!(seen.len(), sorted.len());
}

#[tokio::test]
async fn single_event_and_directories() {
    let app = TestApp::new().await;
    let haus = app.venue("schauspielhaus", "mitte", true).await;
    app.org("kollektiv-x", "Kollektiv X").await;
    app.event("Faust")
        .venue(haus)
        .on("2026-12-03 19:30")
        .on("2026-12-04 19:30")
        .create()
        .await;
    let first = app.get("/api/v1/events").await.json();
    let id = first["data"][0]["event"]["id"].as_i64().unwrap_or_default();
    let one = app.get(&format!("/api/v1/events/{id}")).await.json();
    assert_eq!(one["data"]["title"], "Faust");
    assert_eq!(one["occurrences"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        app.get("/api/v1/events/999999").await.status,
        StatusCode::NOT_FOUND
    );
    let missing = app.get("/api/v1/events/abc").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"]["code"], "not_found");
    assert_eq!(
        app.get("/api/v1/venues").await.json()["data"][0]["slug"],
        "schauspielhaus"
    );
    assert_eq!(
        app.get("/api/v1/organizations").await.json()["data"][0]["name"],
        "Kollektiv X"
    );
    let cats = app.get("/api/v1/categories").await.json();
    assert_eq!(cats["data"].as_array().map(Vec::len), Some(16));
    assert_eq!(cats["data"][0]["name"], "Theater");
}

#[tokio::test]
async fn other_sites_may_read_but_their_browsers_may_not_write() {
    let app = TestApp::new().await;
    let preflight = |method: &str| {
        axum::http::Request::builder()
            .method("OPTIONS")
            .uri("/api/v1/events?sparte=musik")
            .header("origin", "https://theater.example")
            .header("access-control-request-method", method)
            .header("access-control-request-headers", "if-none-match")
            .body(axum::body::Body::empty())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let read = app.request(preflight("GET")).await;
    assert_eq!(read.status, StatusCode::OK);
    let header = |p: &crate::support::Page, name: &str| {
        p.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    assert_eq!(header(&read, "access-control-allow-origin"), "*");
    assert!(header(&read, "access-control-allow-methods").contains("get"));
    assert!(header(&read, "access-control-allow-headers").contains("if-none-match"));
    let write = app.request(preflight("PUT")).await;
    assert!(!header(&write, "access-control-allow-methods").contains("put"));
    let get = app
        .request(
            axum::http::Request::get("/api/v1/categories")
                .header("origin", "https://theater.example")
                .body(axum::body::Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await;
    assert_eq!(get.status, StatusCode::OK);
    assert_eq!(header(&get, "access-control-allow-origin"), "*");
    assert!(header(&get, "access-control-expose-headers").contains("etag"));
}
