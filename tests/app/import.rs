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
    let outcomes = import::ical(&app.state.db, FILE.as_bytes(), "jazzkeller", "musik", now)
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
    // Again: updates, no duplicates.
    let again = import::ical(&app.state.db, FILE.as_bytes(), "jazzkeller", "musik", now)
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
            .filter(|o| matches!(o, Outcome::Updated { .. }))
            .count(),
        6
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
        &app.state.db,
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
        &app.state.db,
        b"<html>kein Kalender</html>",
        "jazzkeller",
        "musik",
        now,
    )
    .await;
    assert!(not_ical.is_err());
    let unknown = import::ical(
        &app.state.db,
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
        import::ical(&app.state.db, &huge, "jazzkeller", "musik", now)
            .await
            .err()
            .is_some_and(|e| e.to_string().contains("zu groß"))
    );
}

/// A multipart upload of `file` as `datei`, with a fallback Sparte.
fn upload(uri: &str, cookie: &str, file: &[u8]) -> axum::http::Request<axum::body::Body> {
    let b = "XimportX";
    let mut body = Vec::new();
    body.extend(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"sparte\"\r\n\r\nmusik\r\n")
            .as_bytes(),
    );
    body.extend(format!("--{b}\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"programm.ics\"\r\nContent-Type: text/calendar\r\n\r\n").as_bytes());
    body.extend_from_slice(file);
    body.extend(format!("\r\n--{b}--\r\n").as_bytes());
    axum::http::Request::post(uri)
        .header("content-type", format!("multipart/form-data; boundary={b}"))
        .header("host", "kultur.test")
        .header("origin", "http://kultur.test")
        .header("cookie", cookie)
        .body(axum::body::Body::from(body))
        .unwrap_or_else(|e| panic!("{e}"))
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
            .has("Kalender importieren")
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
    assert!(broken.has("kein gültiger Kalender"));
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
