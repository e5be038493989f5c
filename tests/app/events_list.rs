//! `/veranstaltungen`: grouping by day, every filter alone and combined, pagination.

use crate::support::TestApp;
use axum::http::StatusCode;
use kulturportal::domain::event::{Audience, OccurrenceStatus};

#[tokio::test]
async fn upcoming_dates_are_grouped_by_day_with_german_headings() {
    let app = TestApp::new().await;
    app.event("Gestern vorbei")
        .on("2026-12-01 19:30")
        .create()
        .await;
    app.event("Der Sturm").on("2026-12-05 19:30").create().await;
    app.event("Jazz am Abend")
        .on("2026-12-03 20:00")
        .create()
        .await;
    app.event("Entwurf")
        .on("2026-12-03 20:00")
        .draft()
        .create()
        .await;
    let page = app.get("/veranstaltungen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.titles(), vec!["Jazz am Abend", "Der Sturm"]);
    assert!(page.has("Donnerstag, 3. Dezember 2026"));
    assert!(page.has("Samstag, 5. Dezember 2026"));
    assert!(page.has("19:30 Uhr"));
    assert!(page.has(r#"<html lang="de">"#));
    assert!(!page.has("Gestern vorbei"), "past dates are not listed");
    assert!(!page.has("Entwurf"), "drafts are not public");
}

#[tokio::test]
async fn date_filters_follow_bochum_days() {
    let app = TestApp::new().await; // Wednesday 2 December 2026, 10:00
    app.event("Heute Abend")
        .on("2026-12-02 20:00")
        .create()
        .await;
    app.event("Heute früh vorbei")
        .on("2026-12-02 06:00")
        .create()
        .await;
    app.event("Morgen").on("2026-12-03 19:00").create().await;
    app.event("Freitag").on("2026-12-04 19:00").create().await;
    app.event("Sonntag spät")
        .on("2026-12-06 23:30")
        .create()
        .await;
    app.event("Montag").on("2026-12-07 19:00").create().await;
    app.event("Im Januar").on("2027-01-15 19:00").create().await;
    assert_eq!(
        app.get("/veranstaltungen?datum=heute").await.titles(),
        vec!["Heute Abend"]
    );
    assert_eq!(
        app.get("/veranstaltungen?datum=morgen").await.titles(),
        vec!["Morgen"]
    );
    assert_eq!(
        app.get("/veranstaltungen?datum=wochenende").await.titles(),
        vec!["Freitag", "Sonntag spät"]
    );
    assert_eq!(
        app.get("/veranstaltungen?datum=woche").await.titles(),
        vec!["Heute Abend", "Morgen", "Freitag", "Sonntag spät", "Montag"]
    );
    assert_eq!(
        app.get("/veranstaltungen?von=2026-12-04&bis=2026-12-06")
            .await
            .titles(),
        vec!["Freitag", "Sonntag spät"]
    );
    assert_eq!(
        app.get("/veranstaltungen?von=2027-01-01").await.titles(),
        vec!["Im Januar"]
    );
    assert_eq!(
        app.get("/veranstaltungen?datum=monat").await.titles().len(),
        5
    );
}

#[tokio::test]
async fn each_filter_narrows_the_list_and_they_combine() {
    let app = TestApp::new().await;
    let haus = app.venue("schauspielhaus", "mitte", true).await;
    let keller = app.venue("kellerbuehne", "wattenscheid", false).await;
    let kollektiv = app.org("kollektiv-x", "Kollektiv X").await;
    app.event("Theater Mitte")
        .sparte("theater")
        .venue(haus)
        .on("2026-12-03 19:00")
        .create()
        .await;
    app.event("Konzert Keller")
        .sparte("musik")
        .venue(keller)
        .free()
        .organizer(kollektiv)
        .on("2026-12-04 20:00")
        .create()
        .await;
    app.event("Kindertheater")
        .sparte("theater")
        .sparte("kinder-familie")
        .venue(keller)
        .audience(Audience::Kinder)
        .on("2026-12-05 15:00")
        .create()
        .await;
    app.event("Seniorenchor")
        .sparte("musik")
        .venue(haus)
        .free()
        .audience(Audience::Senioren)
        .on("2026-12-06 16:00")
        .create()
        .await;

    let app = &app;
    let titles =
        |q: &'static str| async move { app.get(&format!("/veranstaltungen?{q}")).await.titles() };
    assert_eq!(
        titles("sparte=theater").await,
        vec!["Theater Mitte", "Kindertheater"]
    );
    assert_eq!(
        titles("sparte=musik&sparte=kinder-familie").await,
        vec!["Konzert Keller", "Kindertheater", "Seniorenchor"]
    );
    assert_eq!(
        titles("bezirk=wattenscheid").await,
        vec!["Konzert Keller", "Kindertheater"]
    );
    assert_eq!(titles("bezirk=mitte&bezirk=wattenscheid").await.len(), 4);
    assert_eq!(titles("bezirk=ost").await, Vec::<String>::new());
    assert_eq!(
        titles("ort=schauspielhaus").await,
        vec!["Theater Mitte", "Seniorenchor"]
    );
    assert_eq!(
        titles("veranstalter=kollektiv-x").await,
        vec!["Konzert Keller"]
    );
    assert_eq!(
        titles("kostenlos=1").await,
        vec!["Konzert Keller", "Seniorenchor"]
    );
    assert_eq!(
        titles("barrierefrei=1").await,
        vec!["Theater Mitte", "Seniorenchor"]
    );
    assert_eq!(titles("zielgruppe=kinder").await, vec!["Kindertheater"]);
    assert_eq!(
        titles("zielgruppe=kinder&zielgruppe=senioren").await,
        vec!["Kindertheater", "Seniorenchor"]
    );
    assert_eq!(
        titles("sparte=musik&kostenlos=1&barrierefrei=1").await,
        vec!["Seniorenchor"]
    );
    assert_eq!(
        titles("sparte=theater&bezirk=wattenscheid&datum=wochenende").await,
        vec!["Kindertheater"]
    );
    let empty = app.get("/veranstaltungen?sparte=tanz").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.has("Keine passenden Veranstaltungen gefunden."));
}

#[tokio::test]
async fn the_form_keeps_the_filter_and_offers_to_remove_each_part() {
    let app = TestApp::new().await;
    app.event("Jazz")
        .sparte("musik")
        .on("2026-12-03 20:00")
        .create()
        .await;
    let page = app
        .get("/veranstaltungen?sparte=musik&kostenlos=1&q=jazz")
        .await;
    assert!(page.has(r#"value="musik" checked"#));
    assert!(page.has(r#"name="kostenlos" value="1" checked"#));
    assert!(page.has(r#"value="jazz""#));
    // The chip for "Eintritt frei" links to the same view without it.
    assert!(
        page.has(r#"href="/veranstaltungen?q=jazz&#38;sparte=musik">Eintritt frei"#),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn running_exhibitions_get_their_own_section_and_do_not_flood_days() {
    let app = TestApp::new().await;
    app.event("Kohle und Kunst")
        .sparte("ausstellung")
        .running("2026-11-01", "2027-02-28")
        .create()
        .await;
    app.event("Konzert").on("2026-12-03 20:00").create().await;
    app.event("Ausstellung vorbei")
        .running("2026-10-01", "2026-11-30")
        .create()
        .await;
    let page = app.get("/veranstaltungen").await;
    assert!(page.has("Läuft gerade"));
    assert_eq!(page.titles(), vec!["Kohle und Kunst", "Konzert"]);
    assert!(
        page.has("So., 1. November bis So., 28. Februar"),
        "{}",
        page.body
    );
    assert_eq!(
        page.body.matches("<h2 id=\"tag-").count(),
        1,
        "only the concert's day is a day group"
    );
    // A window after the exhibition ends no longer shows it.
    assert!(
        !app.get("/veranstaltungen?von=2027-03-01")
            .await
            .has("Kohle und Kunst")
    );
}

#[tokio::test]
async fn cancelled_dates_stay_visible_and_say_so() {
    let app = TestApp::new().await;
    app.event("Fällt aus")
        .on_with("2026-12-03 20:00", OccurrenceStatus::Cancelled)
        .create()
        .await;
    let page = app.get("/veranstaltungen").await;
    assert!(page.has("Fällt aus"));
    assert!(page.has("Abgesagt"));
}

#[tokio::test]
async fn pages_of_forty_with_links_both_ways() {
    let app = TestApp::new().await;
    for i in 0..45 {
        app.event(&format!("Abend {i:02}"))
            .on(&format!("2026-12-{:02} {:02}:00", 3 + i / 10, 10 + i % 10))
            .create()
            .await;
    }
    let first = app.get("/veranstaltungen").await;
    assert_eq!(first.titles().len(), 40);
    assert!(first.has(r#"<a rel="next" href="/veranstaltungen?seite=2">"#));
    assert!(!first.has(r#"rel="prev""#));
    let second = app.get("/veranstaltungen?seite=2").await;
    assert_eq!(
        second.titles(),
        (40..45)
            .map(|i| format!("Abend {i:02}"))
            .collect::<Vec<_>>()
    );
    assert!(second.has(r#"rel="prev" href="/veranstaltungen""#));
    assert!(!second.has(r#"rel="next""#));
    assert_eq!(app.get("/veranstaltungen?seite=9").await.titles().len(), 0);
}

#[tokio::test]
async fn htmx_gets_only_the_results_fragment() {
    let app = TestApp::new().await;
    app.event("Jazz").on("2026-12-03 20:00").create().await;
    let req = axum::http::Request::get("/veranstaltungen?datum=morgen")
        .header("HX-Request", "true")
        .body(axum::body::Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let page = app.request(req).await;
    assert_eq!(page.titles(), vec!["Jazz"]);
    assert!(!page.has("<html"), "a fragment, not a page");
}

#[tokio::test]
async fn pages_carry_etags_and_answer_304() {
    let app = TestApp::new().await;
    app.event("Jazz").on("2026-12-03 20:00").create().await;
    let page = app.get("/veranstaltungen").await;
    let etag = page
        .headers
        .get("etag")
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    assert!(etag.starts_with('"'));
    assert!(page.headers.get("cache-control").is_some());
    let req = axum::http::Request::get("/veranstaltungen")
        .header("If-None-Match", &etag)
        .body(axum::body::Body::empty());
    let again = app.request(req.unwrap_or_else(|e| panic!("{e}"))).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let gz = axum::http::Request::get("/veranstaltungen")
        .header("Accept-Encoding", "gzip")
        .body(axum::body::Body::empty());
    let zipped = app.request(gz.unwrap_or_else(|e| panic!("{e}"))).await;
    assert_eq!(
        zipped.headers.get("content-encoding").map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
}

#[tokio::test]
async fn venue_and_sparte_pages_list_what_is_on_there() {
    let app = TestApp::new().await;
    let haus = app.venue("schauspielhaus", "mitte", true).await;
    app.event("Faust")
        .sparte("theater")
        .venue(haus)
        .on("2026-12-03 19:30")
        .create()
        .await;
    app.event("Anderswo")
        .sparte("musik")
        .on("2026-12-03 19:30")
        .create()
        .await;
    let venue = app.get("/orte/schauspielhaus").await;
    assert_eq!(venue.status, StatusCode::OK);
    assert!(venue.has("Bochum-Mitte"));
    assert!(venue.has("Stufenloser Zugang"));
    assert_eq!(venue.titles(), vec!["Faust"]);
    let sparte = app.get("/sparten/theater").await;
    assert_eq!(sparte.titles(), vec!["Faust"]);
    assert!(sparte.has("<h1>Theater in Bochum</h1>"));
    assert_eq!(
        app.get("/orte/gibt-es-nicht").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/sparten/gibt-es-nicht").await.status,
        StatusCode::NOT_FOUND
    );
    let home = app.get("/").await;
    assert!(home.has("Was ist los in Bochum?"));
    assert!(home.has(r#"href="/sparten/theater""#));
}

#[tokio::test]
async fn organiser_and_venue_views_are_titled_with_their_names() {
    let app = TestApp::new().await;
    let haus = app.venue("rottstr5", "mitte", false).await;
    let org = app.org("kollektiv-x", "Kollektiv X").await;
    app.event("Premiere")
        .venue(haus)
        .organizer(org)
        .on("2026-12-03 20:00")
        .create()
        .await;
    let by_org = app.get("/veranstaltungen?veranstalter=kollektiv-x").await;
    assert!(by_org.has("<h1>Veranstaltungen von Kollektiv X</h1>"));
    assert!(by_org.has("Veranstalter: Kollektiv X"));
    assert!(
        by_org.has(r#"<input type="hidden" name="veranstalter" value="kollektiv-x">"#),
        "the form keeps the filter"
    );
    let by_venue = app.get("/veranstaltungen?ort=rottstr5").await;
    assert!(by_venue.has("<h1>Veranstaltungen: Ort rottstr5</h1>"));
}

#[tokio::test]
async fn index_assisted_and_time_ordered_filtering_agree() {
    let (db, dir) = crate::support::fresh_db().await;
    kulturportal::demo::synthetic::seed(&db, 800, 3, crate::support::local(crate::support::NOW))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let app = TestApp::with_db(db, dir, crate::support::local(crate::support::NOW)).await;
    let views = [
        "/veranstaltungen?sparte=musik&bezirk=mitte",
        "/veranstaltungen?kostenlos=1&barrierefrei=1&datum=monat",
        "/veranstaltungen?zielgruppe=kinder&zielgruppe=familie",
        "/veranstaltungen?bezirk=ost&seite=2",
        "/api/v1/events?category=theater&limit=30",
    ];
    let mut sparse = Vec::new();
    for v in views {
        sparse.push(app.get(v).await.body);
    }
    app.state.search.set_sparse_limit(0);
    for (v, expected) in views.iter().zip(sparse) {
        let dense = app.get(v).await.body;
        assert_eq!(dense, expected, "{v}");
        assert!(
            dense.contains("event-title") || dense.contains("\"data\":[{"),
            "{v} lists something"
        );
    }
}
