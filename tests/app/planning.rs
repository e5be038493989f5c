//! The planning calendar: density per day, tentative dates that only members see, and the
//! editor's clash warnings that count them — by Bochum days, also across DST.

use crate::support::TestApp;
use axum::http::StatusCode;

fn sparte(app: &TestApp, slug: &str) -> i64 {
    app.state
        .categories
        .list()
        .iter()
        .find(|c| c.slug == slug)
        .map_or(0, |c| c.id)
}

/// What a day of the month grid says (its link's text without markup), as read aloud.
fn cell(page: &crate::support::Page, date: &str) -> String {
    let start = format!("href=\"/mein-bereich/planung/{date}\">");
    let Some(rest) = page.body.split(&start).nth(1) else {
        return String::new();
    };
    let inner = rest.split("</a>").next().unwrap_or("");
    let mut text = String::new();
    let mut in_tag = false;
    for ch in inner.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The editor's „check dates“ step for a theatre evening at `venue`.
fn check_dates(org: i64, sparte: i64, venue: i64, date: &str, time: &str) -> String {
    format!(
        "title=Neues+St%C3%BCck&sparte={sparte}&organisation={org}&venue={venue}&location_text=\
         &date_mode=single&date={date}&time={}&price_kind=free&language=de&action=termine",
        time.replace(':', "%3A")
    )
}

#[tokio::test]
async fn tentative_dates_are_for_members_and_warn_other_planners() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let theater = sparte(&app, "theater");
    let mitte = app.venue("buehne-mitte", "mitte", true).await;
    let a = app.org("theater-a", "Theater A").await;
    let b = app.org("theater-b", "Theater B").await;
    let ada = app.user("ada@example.org", "member").await;
    app.member(a, ada, "editor").await;
    let bea = app.user("bea@example.org", "member").await;
    app.member(b, bea, "editor").await;
    app.user("max@example.org", "member").await;
    let (ada_c, bea_c, max_c) = (
        app.login("ada@example.org").await,
        app.login("bea@example.org").await,
        app.login("max@example.org").await,
    );
    app.event("Hamlet")
        .sparte("theater")
        .venue(mitte)
        .organizer(b)
        .on("2027-01-15 19:30")
        .create()
        .await;

    // Visitors see nothing of it.
    assert_eq!(
        app.get("/mein-bereich/planung")
            .await
            .headers
            .get("location")
            .map(|v| v.as_bytes()),
        Some(&b"/anmelden"[..])
    );
    // Ada reserves the 16th for a premiere; a wrong form says what is wrong.
    let bad = app
        .post(
            "/mein-bereich/planung",
            &format!("organisation={b}&title=P&day=gestern&sparte={theater}"),
            Some(&ada_c),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.has("Ihrer Organisationen") && bad.has("Datum wie") && bad.has("3 bis 120 Zeichen")
    );
    let reserved = app
        .post(
            "/mein-bereich/planung",
            &format!(
                "organisation={a}&title=Premiere+%E2%80%9EDie+R%C3%A4uber%E2%80%9C&day=2027-01-16&time=19%3A30\
                 &sparte={theater}&district=mitte&note=Noch+nicht+ank%C3%BCndigen"
            ),
            Some(&ada_c),
        )
        .await;
    assert_eq!(reserved.status, StatusCode::SEE_OTHER, "{}", reserved.body);
    // Every member sees it in the month and on the day, with the public events.
    let month = app
        .get_as("/mein-bereich/planung?monat=2027-01", &max_c)
        .await;
    assert!(month.has("Planung: Januar 2027"));
    assert_eq!(
        cell(&month, "2027-01-15"),
        "15Freitag, 15. Januar 2027: 1 öffentlich"
    );
    assert_eq!(
        cell(&month, "2027-01-16"),
        "16Samstag, 16. Januar 2027: 0 öffentlich + 1 vorgemerkt"
    );
    let filtered = app
        .get_as("/mein-bereich/planung?monat=2027-01&sparte=musik", &max_c)
        .await;
    assert_eq!(
        cell(&filtered, "2027-01-16"),
        "16Samstag, 16. Januar 2027: 0 öffentlich"
    );
    let day = app.get_as("/mein-bereich/planung/2027-01-16", &max_c).await;
    assert!(
        day.has("Premiere „Die Räuber“")
            && day.has("Theater A")
            && day.has("Noch nicht ankündigen"),
        "{}",
        day.body
    );
    // Never public: not in lists, search, feeds or the API.
    app.reindex().await;
    for uri in [
        "/veranstaltungen?von=2027-01-16&bis=2027-01-16",
        "/veranstaltungen?q=R%C3%A4uber",
        "/veranstaltungen.ics",
        "/api/v1/events?from=2027-01-16&to=2027-01-16",
    ] {
        assert!(!app.get(uri).await.has("Die Räuber"), "{uri}");
    }

    // Bea plans the same evening: the editor warns her of the public event and the
    // reservation before anything is saved; Ada is not warned of her own reservation.
    let check = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &check_dates(b, theater, mitte, "2027-01-16", "20:00"),
            Some(&bea_c),
        )
        .await;
    assert_eq!(check.status, StatusCode::OK);
    assert!(
        check.has("Am Sa., 16. Januar ist in Bochum-Mitte bereits ein Termin der Sparte Theater vorgemerkt (noch nicht öffentlich):"),
        "{}",
        check.body
    );
    assert!(check.has("Theater A: Premiere „Die Räuber“ (Theater, 19:30 Uhr)"));
    let own = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &check_dates(a, theater, mitte, "2027-01-16", "20:00"),
            Some(&ada_c),
        )
        .await;
    assert!(!own.has("vorgemerkt (noch nicht öffentlich)"));
    let both = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &check_dates(a, theater, mitte, "2027-01-15", "20:00"),
            Some(&ada_c),
        )
        .await;
    assert!(
        both.has("bereits eine Veranstaltung der Sparte Theater statt") && both.has(">Hamlet</a>")
    );

    // Only the organisation's people remove a reservation.
    let id = month
        .body
        .split("/mein-bereich/planung/vormerkung/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .map(str::to_owned);
    assert!(id.is_none(), "others get no delete button");
    let mine = app
        .get_as("/mein-bereich/planung?monat=2027-01", &ada_c)
        .await;
    let id = mine
        .body
        .split("/mein-bereich/planung/vormerkung/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    let refused = app
        .post(
            &format!("/mein-bereich/planung/vormerkung/{id}/loeschen"),
            "",
            Some(&bea_c),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let removed = app
        .post(
            &format!("/mein-bereich/planung/vormerkung/{id}/loeschen"),
            "",
            Some(&ada_c),
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(
        !app.get_as("/mein-bereich/planung/2027-01-16", &max_c)
            .await
            .has("Die Räuber")
    );
}

#[tokio::test]
async fn clashes_follow_bochum_days_across_the_change_to_summer_time() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let theater = sparte(&app, "theater");
    let mitte = app.venue("buehne-mitte", "mitte", true).await;
    let a = app.org("theater-a", "Theater A").await;
    let b = app.org("theater-b", "Theater B").await;
    let ada = app.user("ada@example.org", "member").await;
    app.member(a, ada, "editor").await;
    let ada_c = app.login("ada@example.org").await;
    // 28 March 2027 is 23 hours long: 00:30 is still winter time (23:30 UTC on the 27th).
    app.event("Nachtvorstellung")
        .sparte("theater")
        .venue(mitte)
        .organizer(b)
        .on("2027-03-28 00:30")
        .create()
        .await;
    let late = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &check_dates(a, theater, mitte, "2027-03-28", "22:00"),
            Some(&ada_c),
        )
        .await;
    assert!(
        late.has("Am So., 28. März") && late.has(">Nachtvorstellung</a>"),
        "{}",
        late.body
    );
    let day_before = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &check_dates(a, theater, mitte, "2027-03-27", "23:30"),
            Some(&ada_c),
        )
        .await;
    assert!(
        !day_before.has(">Nachtvorstellung</a>"),
        "27 March is another day in Bochum"
    );
    let month = app
        .get_as("/mein-bereich/planung?monat=2027-03", &ada_c)
        .await;
    assert_eq!(
        cell(&month, "2027-03-28"),
        "28Sonntag, 28. März 2027: 1 öffentlich"
    );
    assert_eq!(
        cell(&month, "2027-03-27"),
        "27Samstag, 27. März 2027: 0 öffentlich"
    );
}
