//! The same concert entered by the venue and imported from the band's calendar: found,
//! shown once, and decided by a moderator (confirm or split, and a split pair stays split).

use crate::support::TestApp;
use axum::http::StatusCode;
use kulturportal::import;

fn band_calendar(title: &str, start: &str, location: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Band//DE\r\n\
         BEGIN:VEVENT\r\nUID:tour-1@band.example\r\nDTSTART;TZID=Europe/Berlin:{start}\r\n\
         SUMMARY:{title}\r\nLOCATION:{location}\r\nCATEGORIES:Musik\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:tour-2@band.example\r\nDTSTART;TZID=Europe/Berlin:20261206T193000\r\n\
         SUMMARY:Lesung mit Musik\r\nLOCATION:{location}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

#[tokio::test]
async fn one_concert_from_two_sources_is_shown_once_until_a_moderator_splits_it() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let venue = app.venue("kellerbuehne", "mitte", true).await;
    let house = app.org("kellerhaus", "Kellerhaus").await;
    app.org("trio-nord", "Trio Nord (Band)").await;
    let other_venue = app.venue("anderswo", "ost", true).await;
    app.event("Trio Nord")
        .sparte("musik")
        .venue(venue)
        .organizer(house)
        .on("2026-12-05 19:30")
        .create()
        .await;
    // The same evening elsewhere, and another evening: never the same event.
    app.event("Trio Nord")
        .sparte("musik")
        .venue(other_venue)
        .organizer(house)
        .on("2026-12-05 19:30")
        .create()
        .await;
    let now = app.state.clock.now();
    // The band's feed: ten minutes later, a longer title, the place in words.
    let feed = band_calendar(
        "Trio Nord – live im Keller",
        "20261205T194000",
        "Ort kellerbuehne, Teststraße 1, 44787 Bochum",
    );
    import::ical(
        &app.state.services(),
        feed.as_bytes(),
        "trio-nord",
        "musik",
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    app.reindex().await;

    // Shown once in the calendar, the search, the API and the feeds …
    let day = app
        .get("/veranstaltungen?von=2026-12-05&bis=2026-12-05")
        .await;
    assert_eq!(day.titles(), vec!["Trio Nord", "Trio Nord"], "{}", day.body);
    assert!(!day.has("live im Keller"));
    assert!(
        !app.get("/veranstaltungen?q=trio+nord")
            .await
            .has("live im Keller")
    );
    let api = app
        .get("/api/v1/events?from=2026-12-05&to=2026-12-05")
        .await;
    assert_eq!(api.json()["data"].as_array().map(Vec::len), Some(2));
    assert!(!app.get("/veranstaltungen.ics").await.has("live im Keller"));
    // … but the band's own programme keeps its entry, and the other import is untouched.
    let band = app.get("/kulturszene/trio-nord").await;
    assert!(band.has("Trio Nord – live im Keller") && band.has("Lesung mit Musik"));

    // The moderators see the pair with where each came from.
    app.user("mo@example.org", "moderator").await;
    let mo = app.login("mo@example.org").await;
    let desk = app.get_as("/moderation", &mo).await;
    assert!(desk.has("Mögliche Doppeleinträge (1)"));
    assert!(desk.has("Trio Nord (Band) (aus einer Kalenderdatei)"));
    assert!(desk.has("Kellerhaus (von Hand eingetragen)"));
    let id = desk
        .body
        .split("/moderation/doppelt/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    // Not for members.
    app.user("max@example.org", "member").await;
    let max = app.login("max@example.org").await;
    assert_eq!(
        app.post(&format!("/moderation/doppelt/{id}/trennen"), "", Some(&max))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Split: both are shown, and importing again does not suspect them again.
    let split = app
        .post(&format!("/moderation/doppelt/{id}/trennen"), "", Some(&mo))
        .await;
    assert_eq!(split.status, StatusCode::SEE_OTHER);
    import::ical(
        &app.state.services(),
        feed.as_bytes(),
        "trio-nord",
        "musik",
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    app.reindex().await;
    let day = app
        .get("/veranstaltungen?von=2026-12-05&bis=2026-12-05")
        .await;
    assert!(day.has("Trio Nord – live im Keller"));
    assert!(
        app.get_as("/moderation", &mo)
            .await
            .has("Mögliche Doppeleinträge (0)")
    );
    let log = app.get_as("/moderation/protokoll", &mo).await;
    assert!(
        log.has("für einen möglichen Doppeleintrag")
            && log.has("als eigene Veranstaltung bestätigt")
    );
}

#[tokio::test]
async fn a_confirmed_duplicate_stays_hidden_and_different_events_are_never_suspected() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let venue = app.venue("kellerbuehne", "mitte", true).await;
    let house = app.org("kellerhaus", "Kellerhaus").await;
    app.org("trio-nord", "Trio Nord (Band)").await;
    app.event("Weihnachtskonzerte")
        .sparte("musik")
        .venue(venue)
        .organizer(house)
        .on("2026-12-05 19:30")
        .create()
        .await;
    app.event("Poetry Slam")
        .sparte("literatur")
        .venue(venue)
        .organizer(house)
        .on("2026-12-06 19:30")
        .create()
        .await;
    let now = app.state.clock.now();
    // „Weihnachtskonzert“ is the same words; the 6th's „Lesung mit Musik“ is not the slam.
    let feed = band_calendar("Weihnachtskonzert", "20261205T193000", "Ort kellerbuehne");
    import::ical(
        &app.state.services(),
        feed.as_bytes(),
        "trio-nord",
        "musik",
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    app.reindex().await;
    assert!(
        app.get("/veranstaltungen?von=2026-12-06&bis=2026-12-06")
            .await
            .has("Lesung mit Musik")
    );
    app.user("mo@example.org", "moderator").await;
    let mo = app.login("mo@example.org").await;
    let desk = app.get_as("/moderation", &mo).await;
    assert!(desk.has("Mögliche Doppeleinträge (1)"), "{}", desk.body);
    let id = desk
        .body
        .split("/moderation/doppelt/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    app.post(
        &format!("/moderation/doppelt/{id}/bestaetigen"),
        "",
        Some(&mo),
    )
    .await;
    import::ical(
        &app.state.services(),
        feed.as_bytes(),
        "trio-nord",
        "musik",
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    app.reindex().await;
    let day = app
        .get("/veranstaltungen?von=2026-12-05&bis=2026-12-05")
        .await;
    assert_eq!(day.titles(), vec!["Weihnachtskonzerte"]);
    assert!(
        app.get_as("/moderation", &mo)
            .await
            .has("Mögliche Doppeleinträge (0)")
    );
}
