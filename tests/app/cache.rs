//! The page micro-cache: repeated anonymous GETs come from memory, never stale data.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};

fn cache_header(page: &crate::support::Page) -> String {
    page.headers
        .get("x-cache")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

#[tokio::test]
async fn a_repeated_page_is_served_from_memory_until_events_change() {
    let app = TestApp::new().await;
    app.event("Erstes").on("2026-12-03 20:00").create().await;
    let first = app.get("/veranstaltungen").await;
    assert_eq!(cache_header(&first), "miss");
    let second = app.get("/veranstaltungen").await;
    assert_eq!(cache_header(&second), "hit");
    assert_eq!(first.body, second.body);
    app.event("Zweites").on("2026-12-04 20:00").create().await;
    let third = app.get("/veranstaltungen").await;
    assert_eq!(
        cache_header(&third),
        "miss",
        "a change in the events empties the cache"
    );
    assert_eq!(third.titles(), vec!["Erstes", "Zweites"]);
}

#[tokio::test]
async fn conditional_requests_and_cookies_are_respected() {
    let app = TestApp::new().await;
    app.event("Erstes").on("2026-12-03 20:00").create().await;
    let page = app.get("/veranstaltungen").await;
    let etag = page
        .headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let req = Request::get("/veranstaltungen")
        .header("If-None-Match", &etag)
        .body(Body::empty());
    let again = app.request(req.unwrap_or_else(|e| panic!("{e}"))).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let req = Request::get("/veranstaltungen")
        .header("Cookie", "id=abc")
        .body(Body::empty());
    let with_cookie = app.request(req.unwrap_or_else(|e| panic!("{e}"))).await;
    assert_eq!(with_cookie.status, StatusCode::OK);
    assert_eq!(
        cache_header(&with_cookie),
        "",
        "personal requests bypass the cache"
    );
    let errors = app.get("/veranstaltungen?seite=0").await;
    assert_eq!(errors.status, StatusCode::BAD_REQUEST);
    assert_eq!(cache_header(&errors), "", "errors are not cached");
}
