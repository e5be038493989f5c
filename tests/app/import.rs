//! Importing an organisation's iCalendar file: time zones, whole days, series with
//! exceptions, cancellations, a broken record, overrides; again without duplicates; and
//! events gone from the file.

use crate::support::TestApp;
use axum::http::StatusCode;
use kulturportal::import::{self, Outcome};

const FILE: &str = include_str!("../fixtures/jazzkeller.ics");

#[tokio::test]
async fn a_real_world_calendar_file_comes_in_once_and_stays_in_step() {
    let app = TestApp::new().await;
    app.org("jazzkeller", "Jazzkeller").await;
    let now = app.state.clock.now();
    let outcomes = import::ical(
        &app.state.services(),
        FILE.as_bytes(),
        "jazzkeller",
        "musik",
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let created = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Created { .. }))
        .count();
    assert_eq!(created, 6, "{outcomes:#?}");
    assert!(outcomes.iter().any(
        |o| matches!(o, Outcome::Failed { record: 6, reason, .. } if reason.contains("DTSTART"))
    ));
    // Overrides of single dates: one moved (and its own title reported), one cancelled.
    let adjusted: Vec<String> = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Adjusted { .. }))
        .map(Outcome::line)
        .collect();
    assert!(
        adjusted
            .iter()
            .any(|l| l.contains("15.12.2026, 20:00 Uhr verlegt auf 15.12.2026, 21:00 Uhr")),
        "{adjusted:#?}"
    );
    assert!(
        adjusted
            .iter()
            .any(|l| l.contains("„Offene Bühne (später)“ wird nicht übernommen"))
    );
    assert!(
        adjusted
            .iter()
            .any(|l| l.contains("29.12.2026, 20:00 Uhr abgesagt"))
    );
    app.reindex().await;
    // Bochum time, folded and escaped text.
    let trio = app.get("/veranstaltungen/trio-nord-live").await;
    assert_eq!(trio.status, StatusCode::OK);
    assert!(
        trio.has("<h1>Trio Nord, live</h1>")
            && trio.has("Samstag, 5. Dezember 2026, 19:30 bis 21:30 Uhr")
    );
    assert!(
        trio.has("eine lange Beschreibung, die der Export auf mehrere Zeilen faltet")
            || trio.has("Eine lange Beschreibung, die der Export auf mehrere Zeilen faltet"),
        "{}",
        trio.body
    );
    assert!(trio.has("Jazzkeller, Rottstraße 5, 44793 Bochum"));
    // UTC 18:00 is 19:00 in Bochum in December; New York 13:00 is 19:00 too.
    assert!(
        app.get("/veranstaltungen/jam-session")
            .await
            .has("Sonntag, 6. Dezember 2026, 19:00")
    );
    assert!(
        app.get("/veranstaltungen/livestream-aus-new-york")
            .await
            .has("Samstag, 12. Dezember 2026, 19:00")
    );
    // A whole-day run: DTEND is exclusive.
    assert!(
        app.get("/veranstaltungen/plakate-aus-40-jahren")
            .await
            .has("Donnerstag, 10. Dezember 2026 bis Samstag, 12. Dezember 2026")
    );
    // The series: four Tuesdays minus the exception; the 15th an hour later, the 29th off.
    let series = app.get("/veranstaltungen/offene-buehne").await;
    for day in ["8. Dezember", "15. Dezember", "29. Dezember"] {
        assert!(series.has(day), "missing {day}");
    }
    assert!(!series.has("22. Dezember"), "the exception is a date");
    let dates = app
        .get("/api/v1/events?veranstalter=jazzkeller&organizer=jazzkeller&q=offene")
        .await
        .json();
    let starts: Vec<(String, String)> = dates["data"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["start"].as_str().unwrap_or_default().to_owned(),
                d["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        starts.contains(&("2026-12-15T21:00:00+01:00".into(), "scheduled".into()))
            && starts.contains(&("2026-12-29T20:00:00+01:00".into(), "cancelled".into()))
            && !starts.iter().any(|(s, _)| s == "2026-12-15T20:00:00+01:00"),
        "{starts:?}"
    );
    assert!(
        app.get("/veranstaltungen/gastkonzert")
            .await
            .has("Diese Veranstaltung findet nicht statt.")
    );
    // Again, unchanged: nothing is written, no SEQUENCE raised, reported „unverändert“.
    let sequences = || async {
        let (n,): (i64,) = app
            .state
            .db
            .fetch_one("SELECT CAST(SUM(sequence) AS BIGINT) FROM events", &[])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        n
    };
    let before = sequences().await;
    let again = import::ical(
        &app.state.services(),
        FILE.as_bytes(),
        "jazzkeller",
        "musik",
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        again
            .iter()
            .filter(|o| matches!(o, Outcome::Created { .. }))
            .count(),
        0,
        "{again:#?}"
    );
    assert_eq!(
        again
            .iter()
            .filter(|o| matches!(o, Outcome::Unchanged { .. }))
            .count(),
        6,
        "{again:#?}"
    );
    assert_eq!(
        sequences().await,
        before,
        "an unchanged file raises no SEQUENCE"
    );
    assert!(
        import::Summary::of(&again)
            .text()
            .starts_with("0 neu, 0 aktualisiert, 6 unverändert"),
        "{}",
        import::Summary::of(&again).text()
    );
    // Again: the series' dates are the same, the cancelled one stays cancelled.
    app.reindex().await;
    assert_eq!(
        app.get("/veranstaltungen?veranstalter=jazzkeller&q=trio")
            .await
            .titles(),
        vec!["Trio Nord, live"]
    );
    // The jam session leaves the file: its date is cancelled, its page stays.
    let without = FILE
        .replace(
            "UID:utc-2@jazzkeller.example",
            "UID:utc-2b@jazzkeller.example",
        )
        .replace("SUMMARY:Jam Session", "SUMMARY:Jam Session neu");
    let third = import::ical(
        &app.state.services(),
        without.as_bytes(),
        "jazzkeller",
        "musik",
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        third.iter().any(
            |o| matches!(o, Outcome::Withdrawn { uid, .. } if uid == "utc-2@jazzkeller.example")
        ),
        "{third:#?}"
    );
    assert!(
        app.get("/veranstaltungen/jam-session")
            .await
            .has("Diese Veranstaltung findet nicht statt.")
    );
}

#[tokio::test]
async fn bad_files_get_clear_errors() {
    let app = TestApp::new().await;
    app.org("jazzkeller", "Jazzkeller").await;
    let now = app.state.clock.now();
    let not_ical = import::ical(
        &app.state.services(),
        b"<html>kein Kalender</html>",
        "jazzkeller",
        "musik",
        now,
    )
    .await;
    assert!(not_ical.is_err());
    let unknown = import::ical(
        &app.state.services(),
        FILE.as_bytes(),
        "gibt-es-nicht",
        "musik",
        now,
    )
    .await;
    assert!(
        unknown
            .err()
            .is_some_and(|e| e.to_string().contains("gibt-es-nicht"))
    );
    let huge = vec![b'x'; import::MAX_BYTES + 1];
    assert!(
        import::ical(&app.state.services(), &huge, "jazzkeller", "musik", now)
            .await
            .err()
            .is_some_and(|e| e.to_string().contains("zu groß"))
    );
}

/// A multipart upload of `file` as `datei`, with a fallback Sparte.
fn upload(uri: &str, cookie: &str, file: &[u8]) -> axum::http::Request<axum::body::Body> {
    crate::support::multipart_post(uri, "sparte=musik", "datei", file, cookie)
}

#[tokio::test]
async fn editors_upload_the_file_in_the_members_area() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    app.user("max@example.org", "member").await;
    let cookie = app.login("eva@example.org").await;
    assert!(
        app.get_as("/mein-bereich/organisationen/jazzkeller", &cookie)
            .await
            .has("Termine importieren")
    );
    let page = app
        .request(upload(
            "/mein-bereich/organisationen/jazzkeller/import",
            &cookie,
            FILE.as_bytes(),
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.has("6 neu, 0 aktualisiert, 3 Hinweise zu einzelnen Terminen, 1 mit Fehlern."));
    assert!(page.has("FEHLER      Eintrag 6 (kaputt-6@jazzkeller.example)"));
    assert_eq!(
        app.get("/veranstaltungen/trio-nord-live").await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/veranstaltungen?q=trio").await.titles(),
        vec!["Trio Nord, live"],
        "indexed at once"
    );
    let broken = app
        .request(upload(
            "/mein-bereich/organisationen/jazzkeller/import",
            &cookie,
            b"kein Kalender",
        ))
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.has("weder ein Kalender"));
    // Not a member: refused.
    let max = app.login("max@example.org").await;
    let refused = app
        .request(upload(
            "/mein-bereich/organisationen/jazzkeller/import",
            &max,
            FILE.as_bytes(),
        ))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn spreadsheets_come_in_row_by_row_with_german_messages() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    app.venue("kellerbuehne", "mitte", true).await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let cookie = app.login("eva@example.org").await;
    // As German Excel saves it: semicolons, Windows-1252 („ü“ is 0xFC, „–“ 0x96, „€“ 0x80).
    let table: Vec<u8> = [
        &b"Titel;Datum;Beginn;Ende;Ort;Adresse;Sparten;Preis;Kennung\r\n"[..],
        b"Jazz am Freitag;04.12.2026;20:00;22:30;kellerbuehne;;Musik;8\x9612 \x80;jaf-1\r\n",
        b"Kinderb\xfchne;2026-12-06;15;;;Gemeindehaus Hamme;Theater,Kinder & Familie;Eintritt frei;\r\n",
        b"Ohne Datum;morgen;20:00;;;irgendwo;;;\r\n",
        b"Zirkusabend;10.12.2026;19:00;;;Zelt;Zirkus;;\r\n",
        b"Sp\xe4tvorstellung;11.12.2026;25:00;;;Zelt;Musik;;\r\n",
        b";;;;;;;;\r\n",
    ]
    .concat();
    let page = app
        .request(upload(
            "/mein-bereich/organisationen/jazzkeller/import",
            &cookie,
            &table,
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.has("2 neu, 0 aktualisiert, 3 mit Fehlern."),
        "{}",
        page.body
    );
    assert!(page.has("Eintrag 4 (Zeile 4): „morgen“ ist kein Datum"));
    assert!(page.has("Eintrag 5 (Zeile 5): Unbekannte Sparte: Zirkus."));
    assert!(
        page.has("Eintrag 6 (Zeile 6)") && page.has("Uhrzeit"),
        "{}",
        page.body
    );
    let events = app.get("/api/v1/events?organizer=jazzkeller").await.json();
    let data = events["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(data.len(), 2);
    let jazz = &data[0]["event"];
    assert_eq!(jazz["title"], "Jazz am Freitag");
    assert_eq!(data[0]["start"], "2026-12-04T20:00:00+01:00");
    assert_eq!(jazz["venue"]["slug"], "kellerbuehne");
    assert_eq!(jazz["price"]["kind"], "range");
    let kids = &data[1]["event"];
    assert_eq!(kids["title"], "Kinderbühne");
    assert_eq!(kids["price"]["kind"], "free");
    assert_eq!(kids["location_text"], "Gemeindehaus Hamme");
    assert_eq!(kids["categories"].as_array().map(Vec::len), Some(2));
    // The same table again: recognised (by Kennung, or by title and date), unchanged, no
    // duplicates.
    let again = app
        .request(upload(
            "/mein-bereich/organisationen/jazzkeller/import",
            &cookie,
            &table,
        ))
        .await;
    assert!(
        again.has("0 neu, 0 aktualisiert, 2 unverändert, 3 mit Fehlern."),
        "{}",
        again.body
    );
    // The template imports as it is, and a table without the needed columns is refused.
    let template = app.get("/import-vorlage.csv").await;
    assert_eq!(template.status, StatusCode::OK);
    assert!(
        template
            .headers
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"text/csv"))
    );
    let from_template = app
        .request(upload(
            "/mein-bereich/organisationen/jazzkeller/import",
            &cookie,
            template.body.as_bytes(),
        ))
        .await;
    assert!(
        from_template.has("1 neu, 0 aktualisiert, 0 mit Fehlern."),
        "{}",
        from_template.body
    );
    let wrong = app
        .request(upload(
            "/mein-bereich/organisationen/jazzkeller/import",
            &cookie,
            b"name,wann\r\nKonzert,morgen\r\n",
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("Die Spalte „titel“ fehlt"));
}

const CONCERT_PAGE: &str = r#"<!doctype html><html lang="de"><head><title>Trio Süd</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","name":"Bahnhof Langendreer e. V."},
 {"@type":"MusicEvent","name":"Trio Süd – live","description":"Jazz aus dem Süden.",
  "startDate":"2026-12-12T20:00:00+01:00","endDate":"2026-12-12T22:00:00+01:00",
  "eventStatus":"https://schema.org/EventScheduled",
  "location":{"@type":"Place","name":"Ort kellerbuehne","address":{"@type":"PostalAddress","streetAddress":"Teststraße 1","postalCode":"44787","addressLocality":"Bochum"}},
  "offers":{"@type":"AggregateOffer","lowPrice":"12.50","highPrice":"18","priceCurrency":"EUR","url":"https://tickets.example/trio"}}]}
</script></head><body><h1>Trio Süd</h1></body></html>"#;

#[tokio::test]
async fn one_event_comes_from_a_page_with_json_ld_as_a_draft() {
    let mut app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    app.venue("kellerbuehne", "mitte", true).await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let cookie = app.login("eva@example.org").await;
    let base = crate::support::serve(
        axum::Router::new()
            .route(
                "/trio.html",
                axum::routing::get(|| async { axum::response::Html(CONCERT_PAGE) }),
            )
            .route(
                "/leer.html",
                axum::routing::get(|| async { axum::response::Html("<p>Nichts</p>") }),
            ),
    )
    .await;
    let post = |path: &str| {
        format!(
            "page_url={}&page_sparte=musik",
            form_urlencoded::byte_serialize(format!("{base}{path}").as_bytes()).collect::<String>()
        )
    };
    let uri = "/mein-bereich/organisationen/jazzkeller/von-webseite";
    // Local addresses are refused unless the operator allows them.
    let refused = app.post(uri, &post("/trio.html"), Some(&cookie)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("privates oder lokales Netz"));
    app.state.fetch = crate::support::loopback_allowed();
    app.rebuild_router();
    let empty = app.post(uri, &post("/leer.html"), Some(&cookie)).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.has("kein schema.org-Event"));
    let made = app.post(uri, &post("/trio.html"), Some(&cookie)).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let editor = made
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(editor.ends_with("?gespeichert=webseite"), "{editor}");
    let form = app.get_as(&editor, &cookie).await;
    assert!(form.has("Von der Webseite übernommen"));
    assert!(form.has("value=\"Trio Süd – live\"") && form.has("value=\"2026-12-12\""));
    assert!(form.has("value=\"20:00\"") && form.has("value=\"22:00\""));
    assert!(form.has("value=\"12,50\"") && form.has("https://tickets.example/trio"));
    // A draft: not public until someone publishes it; importing again updates it.
    app.reindex().await;
    assert!(app.get("/veranstaltungen?q=trio").await.titles().is_empty());
    let again = app.post(uri, &post("/trio.html"), Some(&cookie)).await;
    assert_eq!(
        again.headers.get("location").and_then(|v| v.to_str().ok()),
        Some(editor.as_str())
    );
}
