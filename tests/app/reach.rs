//! What the counting shows: an organisation's reach beside similar ones, the portal's
//! figures for the admins, the evaluation report over a seeded year (page, CSV, JSON,
//! the finance form), and the privacy statement.

use crate::statistics::{FIREFOX, IPHONE, flush, from};
use crate::support::{NOW, TestApp, local};
use axum::http::StatusCode;
use kulturportal::db::Value;
use kulturportal::db::stats::{Upsert, add};
use kulturportal::domain::stats::day_of;

#[tokio::test]
async fn an_organisation_sees_its_reach_beside_similar_ones() {
    let app = TestApp::new().await;
    let org = app.org("kleine-buehne", "Kleine Bühne").await;
    let other = app.org("andere-buehne", "Andere Bühne").await;
    let third = app.org("dritte-buehne", "Dritte Bühne").await;
    let own = app
        .event("Liederabend")
        .organizer(org)
        .ticket("https://karten.example/lieder")
        .on("2026-12-05 20:00")
        .create()
        .await;
    let theirs = app
        .event("Puppenspiel")
        .organizer(other)
        .on("2026-12-06 16:00")
        .create()
        .await;
    let thirds = app
        .event("Lesung")
        .organizer(third)
        .on("2026-12-07 19:00")
        .create()
        .await;
    for i in 1..=3 {
        app.request(from(
            &format!("/veranstaltungen/{own}"),
            &format!("192.0.2.{i}"),
            FIREFOX,
        ))
        .await;
    }
    app.request(from("/kulturszene/kleine-buehne", "192.0.2.1", IPHONE))
        .await;
    app.request(from(&format!("/weiter/karten/{own}"), "192.0.2.1", FIREFOX))
        .await;
    for i in 1..=2 {
        app.request(from(
            "/kulturszene/kleine-buehne.ics",
            &format!("192.0.2.{i}"),
            "Thunderbird/128",
        ))
        .await;
    }
    for i in 1..=8 {
        app.request(from(
            &format!("/veranstaltungen/{theirs}"),
            &format!("192.0.2.{i}"),
            FIREFOX,
        ))
        .await;
    }
    for i in 1..=2 {
        app.request(from(
            &format!("/veranstaltungen/{thirds}"),
            &format!("192.0.2.{i}"),
            FIREFOX,
        ))
        .await;
    }
    let utc_day = local(NOW).timestamp().div_euclid(86_400);
    kulturportal::db::directory::record_shown(&app.state.db, &[org], utc_day)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    flush(&app, "2026-12-02 11:00").await;
    flush(&app, "2026-12-03 00:10").await;

    let path = "/mein-bereich/organisationen/kleine-buehne/reichweite";
    // Only its members (and admins) see it.
    assert_eq!(app.get(path).await.status, StatusCode::SEE_OTHER);
    app.user("fremd@example.org", "member").await;
    let stranger = app.login("fremd@example.org").await;
    assert_eq!(
        app.get_as(path, &stranger).await.status,
        StatusCode::FORBIDDEN
    );
    let member = app.user("mitglied@example.org", "member").await;
    app.member(org, member, "editor").await;
    let cookie = app.login("mitglied@example.org").await;
    let page = app.get_as(path, &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    for (label, value) in [
        ("Aufrufe Ihrer Veranstaltungen", "3"),
        ("Aufrufe Ihres Profils", "1"),
        ("Klicks auf Ticket-Links", "1"),
        ("Kalender-Abonnenten (höchstens an einem Tag)", "2"),
        ("In „Entdecken“ gezeigt", "1"),
    ] {
        assert!(
            page.has(&format!("<dt>{label}</dt><dd>{value}</dd>")),
            "{label} = {value}:\n{}",
            page.body
        );
    }
    // Two others of the same size: 8 and 2 views, the (lower) median is 2.
    assert!(
        page.has("im Median 2-mal aufgerufen; Ihre Seiten 4-mal"),
        "{}",
        page.body
    );
    // The charts are drawn here, named for screen readers, with their numbers beside.
    assert!(page.has("role=\"img\" aria-labelledby=\"tage-title tage-desc\""));
    assert!(page.has("<title id=\"tage-title\">Aufrufe je Tag (letzte 28 Tage)</title>"));
    assert!(
        page.has("<th scope=\"row\">Mi., 2. Dezember</th><td class=\"num\">4</td>"),
        "{}",
        page.body
    );
    let csv = app.get_as(&format!("{path}.csv"), &cookie).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body
            .starts_with("datum,aufrufe_veranstaltungen,aufrufe_profil,ticket_klicks")
    );
    assert!(csv.has("2026-12-02,3,1,1,0,2,1,0"), "{}", csv.body);
}

#[tokio::test]
async fn admins_see_the_portals_figures() {
    let app = TestApp::new().await;
    let slug = app
        .event("Jazz im Park")
        .on("2026-12-05 20:00")
        .create()
        .await;
    for i in 1..=5 {
        app.request(from(
            "/veranstaltungen?q=jazz",
            &format!("192.0.2.{i}"),
            IPHONE,
        ))
        .await;
    }
    let mut referred = from(&format!("/veranstaltungen/{slug}"), "192.0.2.9", FIREFOX);
    referred.headers_mut().insert(
        "referer",
        "https://www.waz.de/bochum/kultur"
            .parse()
            .unwrap_or_else(|e| panic!("{e}")),
    );
    app.request(referred).await;
    app.request(from("/api/v1/events", "192.0.2.7", "curl/8"))
        .await;
    // Counted on 2 December (the app's clock); closed the next night.
    flush(&app, "2026-12-02 10:00").await;
    flush(&app, "2026-12-03 00:10").await;
    app.user("admin@example.org", "admin").await;
    let cookie = app.login("admin@example.org").await;
    let page = app.get_as("/verwaltung/statistik", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.has("<dt>Seitenaufrufe</dt><dd>6</dd>"),
        "{}",
        page.body
    );
    assert!(page.has("<th scope=\"row\">waz.de</th><td class=\"num\">1</td>"));
    assert!(page.has("<th scope=\"row\">Telefon</th><td class=\"num\">5</td>"));
    assert!(page.has("<th scope=\"row\">jazz</th><td class=\"num\">5</td>"));
    assert!(page.has("ohne Schlüssel, Rang 001"));
    assert!(
        page.has("<th scope=\"row\">liste</th>"),
        "answer times per kind"
    );
    // Members who are not admins do not.
    app.user("mitglied@example.org", "member").await;
    let member = app.login("mitglied@example.org").await;
    assert_eq!(
        app.get_as("/verwaltung/statistik", &member).await.status,
        StatusCode::FORBIDDEN
    );
}

/// A year of daily views for the events of two organisations: the small one (two dates
/// in the year) gets a quarter of the views.
async fn seed_year(app: &TestApp, small_event: &str, big_event: &str) {
    let last = day_of(local(NOW));
    let mut pages = Vec::new();
    let mut daily = Vec::new();
    for day in (last - 364)..=last {
        pages.push(vec![
            Value::from(day),
            Value::from(format!("/veranstaltungen/{small_event}")),
            Value::from(1i64),
        ]);
        pages.push(vec![
            Value::from(day),
            Value::from(format!("/veranstaltungen/{big_event}")),
            Value::from(3i64),
        ]);
        daily.push(vec![
            Value::from(day),
            Value::from(4i64),
            Value::from(0i64),
            Value::from(2i64),
        ]);
    }
    // Already in key order (day, then path: „hoflesung-…“ before „spielzeit-…“).
    add(
        &app.state.db,
        vec![
            Upsert {
                table: "stats_daily",
                columns: &["day", "views", "bots", "visitors"],
                keys: 1,
                rows: daily,
            },
            Upsert {
                table: "stats_pages",
                columns: &["day", "path", "views"],
                keys: 2,
                rows: pages,
            },
        ],
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn the_evaluation_reports_a_seeded_year_as_page_csv_and_json() {
    let app = TestApp::new().await;
    let small = app.org("kleines-kollektiv", "Kleines Kollektiv").await;
    let big = app.org("grosses-haus", "Großes Haus").await;
    let small_event = app
        .event("Hoflesung")
        .organizer(small)
        .sparte("literatur")
        .on("2026-03-10 19:00")
        .on("2026-09-10 19:00")
        .create()
        .await;
    let mut big_builder = app.event("Spielzeit").organizer(big).sparte("theater");
    for month in 1..=11 {
        big_builder = big_builder
            .on(&format!("2026-{month:02}-05 19:30"))
            .on(&format!("2026-{month:02}-20 19:30"));
    }
    let big_event = big_builder.create().await;
    seed_year(&app, &small_event, &big_event).await;
    app.user("admin@example.org", "admin").await;
    let cookie = app.login("admin@example.org").await;
    // The association enters 2026: 36.500 € hosting, 3.650 € member fees.
    let saved = app
        .post(
            "/verwaltung/evaluation/finanzen?von=2025-12-03&bis=2026-12-02",
            "jahr=2026&hosting=36.500&mitgliedsbeitraege=3650%2C00",
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // A wrong amount is said in German next to the field, the typed values kept.
    let wrong = app
        .post(
            "/verwaltung/evaluation/finanzen",
            "jahr=2026&hosting=viel",
            Some(&cookie),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("Bitte einen Betrag in Euro angeben"));
    assert!(wrong.has("value=\"viel\""));

    let page = app.get_as("/verwaltung/evaluation", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    let row = |label: &str, value: &str| {
        format!("<th scope=\"row\">{label}</th><td class=\"num\">{value}</td>")
    };
    for (label, value) in [
        (
            "Veröffentlichte Veranstaltungen mit Terminen im Zeitraum",
            "2",
        ),
        ("Termine", "24"),
        ("Organisationen mit Terminen", "2"),
        ("davon kleine Akteure", "1"),
        (
            "Anteil kleiner Akteure an den Aufrufen von Veranstaltungen und Profilen",
            "25,0 %",
        ),
        ("Seitenaufrufe", "1.460"),
    ] {
        assert!(
            page.has(&row(label, value)),
            "{label} = {value}:\n{}",
            page.body
        );
    }
    // 36.500 € for 2026, of which 336 days lie in the period: 33.600 €; two events.
    assert!(
        page.has(&row("Hosting und Betrieb", "33.600,00 €")),
        "{}",
        page.body
    );
    assert!(page.has(&row(
        "Kosten je veröffentlichter Veranstaltung",
        "16.800,00 €"
    )));
    assert!(
        page.has("<a href=\"#wirtschaftlichkeit\">Wirtschaftlichkeit</a>"),
        "table of contents"
    );
    let json = app
        .get_as(
            "/verwaltung/evaluation.json?von=2025-12-03&bis=2026-12-02",
            &cookie,
        )
        .await
        .json();
    let overview = &json["sections"][0]["tables"][0];
    assert_eq!(overview["id"], "ueberblick");
    let share = overview["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == "views-small-share"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(share["values"][0], 25.0);
    let csv = app
        .get_as(
            "/verwaltung/evaluation.csv?von=2025-12-03&bis=2026-12-02",
            &cookie,
        )
        .await;
    assert!(
        csv.has("wirtschaftlichkeit,kennzahlen,cost-per-event,"),
        "{}",
        csv.body
    );
    assert!(csv.has(",16800\n"), "{}", csv.body);
    // A period that is no period is a German 400, not a 500.
    let bad = app
        .get_as("/verwaltung/evaluation?von=2026-02-30", &cookie)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_privacy_statement_says_what_is_counted_and_sets_no_cookie() {
    let app = TestApp::new().await;
    let page = app
        .request(from("/datenschutz", "192.0.2.1", FIREFOX))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers.get("set-cookie").is_none());
    assert!(page.has("Prüfsumme"));
    assert!(page.has("mindestens fünf verschiedene Menschen"));
    let home = app.get("/").await;
    assert!(home.has("href=\"/datenschutz\""));
    let en = app.get("/en/datenschutz").await;
    assert!(en.has("What we count"));
}

/// Availability comes from the portal's own record: running instances note every minute;
/// the minutes missing in the period are its downtime.
#[tokio::test]
async fn the_evaluation_reports_availability_from_the_portals_own_record() {
    let app = TestApp::new().await;
    app.user("admin@example.org", "admin").await;
    let cookie = app.login("admin@example.org").await;
    let period = "/verwaltung/evaluation?von=2026-11-30&bis=2026-11-30";
    // No record yet: no figure is made up.
    let empty = app.get_as(period, &cookie).await;
    assert!(
        empty.has(
            "<th scope=\"row\">Verfügbarkeit (eigene Aufzeichnung)</th><td class=\"num\">–</td>"
        ),
        "{}",
        empty.body
    );
    // 30 November in Bochum: 1,440 minutes from 23:00 UTC the day before. Down for 30
    // minutes from 02:00 and for 3 minutes from 12:00 (not an interruption of note).
    let first = chrono::DateTime::parse_from_rfc3339("2026-11-29T23:00:00Z")
        .map(|t| t.timestamp() / 60)
        .unwrap_or_default();
    for m in 0..1440 {
        if (180..210).contains(&m) || (780..783).contains(&m) {
            continue;
        }
        kulturportal::db::evaluation::note_up(&app.state.db, first + m)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // Two instances note the same minute: it counts once.
    kulturportal::db::evaluation::note_up(&app.state.db, first)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let page = app.get_as(period, &cookie).await;
    let row = |label: &str, value: &str| {
        format!("<th scope=\"row\">{label}</th><td class=\"num\">{value}</td>")
    };
    // 1,407 of 1,440 minutes.
    for (label, value) in [
        ("Verfügbarkeit (eigene Aufzeichnung)", "97,7 %"),
        ("Unterbrechungen über 5 Minuten", "1"),
        ("Längste Unterbrechung", "0,5 h"),
    ] {
        assert!(
            page.has(&row(label, value)),
            "{label} = {value}:\n{}",
            page.body
        );
    }
}
