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

/// The `src` of the first card's picture on a list page.
fn first_picture(page: &crate::support::Page) -> String {
    page.body
        .split("class=\"event-picture\" src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

/// Cards are kept between lists (`web::cards`) until a change is announced: an
/// organisation's new logo (the picture of its events without their own) and its new name
/// (searched with its events) reach every list at once.
#[tokio::test]
async fn an_organisations_new_logo_and_name_reach_its_events_in_every_list() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let org = app.org("jazzkeller", "Jazzkeller").await;
    app.event("Jazz am Abend")
        .organizer(org)
        .on("2026-12-05 20:00")
        .create()
        .await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let eva = app.login("eva@example.org").await;
    let before = app.get("/veranstaltungen").await;
    assert!(
        first_picture(&before).starts_with("/medien/plakat/"),
        "a poster before the logo: {}",
        first_picture(&before)
    );
    let uploaded = app
        .request(crate::support::multipart_post(
            "/mein-bereich/organisationen/jazzkeller/logo",
            "logo_alt=Logo+des+Jazzkellers",
            "logo",
            &crate::support::png(400, 200),
            &eva,
        ))
        .await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER);
    for list in [
        "/veranstaltungen",
        "/veranstaltungen?seite=1&datum=wochenende",
    ] {
        let after = app.get(list).await;
        let src = first_picture(&after);
        assert!(
            src.starts_with("/medien/") && !src.starts_with("/medien/plakat/"),
            "{list}: the logo instead of the poster: {src}"
        );
        assert!(after.has("alt=\"Logo des Jazzkellers\""), "{list}");
    }
    assert!(
        app.get("/veranstaltungen?q=Kellerklub")
            .await
            .titles()
            .is_empty()
    );
    let renamed = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/daten",
            "name=Kellerklub",
            Some(&eva),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/veranstaltungen?q=Kellerklub").await.titles(),
        vec!["Jazz am Abend"],
        "the organiser's new name finds its events"
    );
}
