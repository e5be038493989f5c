//! `/veranstaltungen/{slug}`: everything to decide and go, sanitised.

use crate::support::TestApp;
use axum::http::StatusCode;
use kulturportal::domain::event::OccurrenceStatus;

#[tokio::test]
async fn the_event_page_shows_dates_place_price_and_safe_description() {
    let app = TestApp::new().await;
    let haus = app.venue("schauspielhaus", "mitte", true).await;
    let org = app
        .org("schauspielhaus-bochum", "Schauspielhaus Bochum")
        .await;
    let slug = app
        .event("Der zerbrochne Krug")
        .subtitle("Lustspiel von Heinrich von Kleist")
        .description("Ein **Klassiker**.<script>alert('x')</script>")
        .sparte("theater")
        .venue(haus)
        .organizer(org)
        .on("2026-12-05 19:30")
        .on_with("2026-12-12 19:30", OccurrenceStatus::Cancelled)
        .create()
        .await;
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("<h1>Der zerbrochne Krug</h1>"));
    assert!(
        page.has("Samstag, 5. Dezember 2026, 19:30 bis 21:30 Uhr"),
        "{}",
        page.body
    );
    assert!(page.has("Abgesagt"));
    assert!(page.has("10–20 €"));
    assert!(page.has(r#"<a href="/orte/schauspielhaus">"#));
    assert!(page.has("Schauspielhaus Bochum"));
    assert!(page.has("<strong>Klassiker</strong>"));
    assert!(!page.has("<script>alert"), "the description is sanitised");
}

#[tokio::test]
async fn past_events_say_so_and_unknown_ones_are_404() {
    let app = TestApp::new().await;
    let slug = app.event("Vorbei").on("2026-11-20 19:30").create().await;
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("Diese Veranstaltung hat bereits stattgefunden."));
    let missing = app.get("/veranstaltungen/gibt-es-nicht").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.has("Seite nicht gefunden"));
    let draft = app
        .event("Geheim")
        .on("2026-12-05 19:30")
        .draft()
        .create()
        .await;
    assert_eq!(
        app.get(&format!("/veranstaltungen/{draft}")).await.status,
        StatusCode::NOT_FOUND
    );
}
