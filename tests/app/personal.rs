//! „Mein Kulturkalender“: a list view, follows and a Merkliste saved behind a private
//! link (no account, no cookie), shown once, with iCal and RSS feeds of exactly that
//! selection; the link can be replaced and the calendar deleted; members keep theirs in
//! „Mein Bereich“.

use crate::support::{Page, TestApp};
use axum::http::StatusCode;

/// The token of the private link a save redirected to.
fn token_of(page: &Page) -> String {
    let location = page.location();
    let rest = location
        .strip_prefix("/mein-kulturkalender/")
        .unwrap_or_else(|| panic!("not a calendar link: {location:?} ({})", page.status));
    rest.split(['?', '#']).next().unwrap_or_default().to_owned()
}

async fn kids_in_wattenscheid(app: &TestApp) -> (String, String, String) {
    let watt = app.venue("lutherhaus", "wattenscheid", true).await;
    let mitte = app.venue("schauspielhaus", "mitte", true).await;
    let kids = app
        .event("Kinderkonzert im Lutherhaus")
        .sparte("musik")
        .audience(kulturportal::domain::event::Audience::Kinder)
        .venue(watt)
        .on("2026-12-05 15:00")
        .create()
        .await;
    let adults = app
        .event("Jazz für Erwachsene")
        .sparte("musik")
        .venue(watt)
        .on("2026-12-05 21:00")
        .create()
        .await;
    let hamlet = app
        .event("Hamlet")
        .sparte("theater")
        .venue(mitte)
        .on("2026-12-07 19:00")
        .create()
        .await;
    (kids, adults, hamlet)
}

#[tokio::test]
async fn a_saved_list_view_is_a_private_page_and_feeds_without_a_cookie() {
    let app = TestApp::new().await;
    kids_in_wattenscheid(&app).await;
    let query = "sparte=musik&bezirk=wattenscheid&zielgruppe=kinder";
    let list = app.get(&format!("/veranstaltungen?{query}")).await;
    assert!(list.has("action=\"/mein-kulturkalender\""), "no save form");
    assert!(
        list.has(&format!(
            "name=\"auswahl\" value=\"{}\"",
            query.replace('&', "&#38;")
        )) || list.has(&format!(
            "name=\"auswahl\" value=\"{}\"",
            query.replace('&', "&amp;")
        )),
        "the form does not carry the selection"
    );

    let saved = app
        .post(
            "/mein-kulturkalender",
            &format!("auswahl={}&email=", urlencoding(query)),
            None,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(
        saved.headers.get("set-cookie").is_none(),
        "a cookie was set"
    );
    let token = token_of(&saved);
    assert_eq!(token.len(), 64);

    let first = app.get(&saved.location()).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.has("Wir zeigen ihn nur dieses eine Mal"));
    assert!(first.has(&format!("http://kultur.test/mein-kulturkalender/{token}")));
    assert!(first.has("Kinderkonzert im Lutherhaus"));
    assert!(!first.has("Jazz für Erwachsene"), "not for children");
    assert!(!first.has("Hamlet"), "not music");
    assert!(
        first.has("Musik · Wattenscheid"),
        "the selection is not named"
    );
    assert_eq!(
        first
            .headers
            .get("referrer-policy")
            .and_then(|v| v.to_str().ok()),
        Some("no-referrer")
    );
    assert!(
        first
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("no-store"))
    );

    let again = app.get(&format!("/mein-kulturkalender/{token}")).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(!again.has("Wir zeigen ihn nur dieses eine Mal"));
    assert!(again.has("Kinderkonzert im Lutherhaus"));

    let ics = app.get(&format!("/mein-kulturkalender/{token}.ics")).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.body.starts_with("BEGIN:VCALENDAR"));
    assert!(ics.has("SUMMARY:Kinderkonzert im Lutherhaus"));
    assert!(!ics.has("Hamlet"));
    let rss = app.get(&format!("/mein-kulturkalender/{token}.rss")).await;
    assert_eq!(rss.status, StatusCode::OK);
    assert!(rss.has("Kinderkonzert im Lutherhaus"));
    assert!(!rss.has("Jazz für Erwachsene"));

    // Only a hash of the token is stored.
    let stored: Vec<(String,)> = app
        .state
        .db
        .fetch_all("SELECT token_hash FROM personal_calendars", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, token);
    assert_eq!(stored[0].0, kulturportal::auth::token_hash(&token));
}

fn urlencoding(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn follows_and_the_merkliste_join_one_calendar_by_its_link() {
    let app = TestApp::new().await;
    let (_, adults, hamlet) = kids_in_wattenscheid(&app).await;
    // The venue's page carries the form too; its programme is a follow of the venue.
    let venue = app.get("/orte/lutherhaus").await;
    assert!(venue.has("name=\"auswahl\" value=\"ort=lutherhaus\""));
    let saved = app
        .post("/mein-kulturkalender", "auswahl=ort%3Dlutherhaus", None)
        .await;
    let token = token_of(&saved);
    let link = format!("http://kultur.test/mein-kulturkalender/{token}");

    // The event page offers the Merkliste; the pasted link adds it to the same calendar.
    let event = app.get(&format!("/veranstaltungen/{hamlet}")).await;
    assert!(event.has("name=\"veranstaltung\""));
    let added = app
        .post(
            "/mein-kulturkalender",
            &format!("veranstaltung={hamlet}&link={}", urlencoding(&link)),
            None,
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(added.location(), format!("/mein-kulturkalender/{token}"));

    let page = app.get(&added.location()).await;
    assert!(page.has("Ort Ort lutherhaus"), "the follow is not named");
    assert!(
        page.has("Jazz für Erwachsene"),
        "the venue's programme is missing"
    );
    assert!(page.has("Hamlet"), "the Merkliste is missing");
    let ics = app.get(&format!("/mein-kulturkalender/{token}.ics")).await;
    assert!(ics.has("SUMMARY:Hamlet") && ics.has("SUMMARY:Jazz für Erwachsene"));

    // Following Sparten from the page; removing the venue again.
    let followed = app
        .post(
            &format!("/mein-kulturkalender/{token}/folgen"),
            "sparte=theater",
            None,
        )
        .await;
    assert_eq!(followed.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/mein-kulturkalender/{token}")).await;
    assert!(page.has("Sparte Theater"));
    let id = page
        .body
        .split(&format!("/mein-kulturkalender/{token}/entfernen/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    app.post(
        &format!("/mein-kulturkalender/{token}/entfernen/{id}"),
        "",
        None,
    )
    .await;
    let page = app.get(&format!("/mein-kulturkalender/{token}")).await;
    assert!(
        !page.has("Ort Ort lutherhaus"),
        "the venue is still followed"
    );
    assert!(
        !page.has(&format!("/veranstaltungen/{adults}\"")),
        "its programme stayed"
    );

    // A pasted link that opens nothing is a form error, with what was typed kept.
    let wrong = app
        .post(
            "/mein-kulturkalender",
            &format!("veranstaltung={hamlet}&link=http%3A%2F%2Fkultur.test%2Fmein-kulturkalender%2Fabc&email=ich%40example.org"),
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("Zu diesem Link gibt es keinen Kulturkalender"));
    assert!(wrong.has("value=\"ich@example.org\""));
}

#[tokio::test]
async fn a_replaced_link_stops_working_and_a_deleted_calendar_is_gone() {
    let app = TestApp::new().await;
    let saved = app.post("/mein-kulturkalender", "sparte=musik", None).await;
    let old = token_of(&saved);
    let replaced = app
        .post(&format!("/mein-kulturkalender/{old}/ersetzen"), "", None)
        .await;
    let new = token_of(&replaced);
    assert_ne!(old, new);
    let gone = app.get(&format!("/mein-kulturkalender/{old}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(gone.has("Diesen Kulturkalender gibt es nicht"));
    assert_eq!(
        app.get(&format!("/mein-kulturkalender/{old}.ics"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let page = app.get(&replaced.location()).await;
    assert!(page.has("Wir zeigen ihn nur dieses eine Mal"));
    assert!(
        page.has("Sparte Musik"),
        "the entries moved with the new link"
    );

    let deleted = app
        .post(&format!("/mein-kulturkalender/{new}/loeschen"), "", None)
        .await;
    assert!(deleted.has("Kulturkalender gelöscht"));
    assert_eq!(
        app.get(&format!("/mein-kulturkalender/{new}")).await.status,
        StatusCode::NOT_FOUND
    );
    let left: Vec<(i64,)> = app
        .state
        .db
        .fetch_all("SELECT COUNT(*) FROM personal_items", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(left[0].0, 0);
}

#[tokio::test]
async fn an_address_gets_the_link_by_mail_and_a_bad_one_is_named() {
    let app = TestApp::new().await;
    let bad = app
        .post("/mein-kulturkalender", "sparte=musik&email=kein-at", None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("Bitte geben Sie eine gültige E-Mail-Adresse an"));
    assert!(bad.has("value=\"kein-at\""));
    let saved = app
        .post(
            "/mein-kulturkalender",
            "sparte=musik&email=besucherin%40example.org",
            None,
        )
        .await;
    let token = token_of(&saved);
    let mailed = app
        .link_in_mail("besucherin@example.org", "/mein-kulturkalender/")
        .unwrap_or_else(|| panic!("no link mailed: {:?}", app.mails()));
    assert_eq!(mailed, format!("/mein-kulturkalender/{token}"));
}

#[tokio::test]
async fn members_keep_their_calendar_in_mein_bereich() {
    let app = TestApp::new().await;
    let (kids, _, _) = kids_in_wattenscheid(&app).await;
    app.user("mitglied@example.org", "member").await;
    let cookie = app.login("mitglied@example.org").await;
    let home = app.get_as("/mein-bereich", &cookie).await;
    assert!(home.has("href=\"/mein-bereich/kulturkalender\""));

    // The first save makes the member's calendar and shows its link once.
    let first = app
        .post(
            "/mein-kulturkalender",
            "auswahl=sparte%3Dmusik",
            Some(&cookie),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.has("Wir zeigen ihn nur dieses eine Mal"));
    let second = app
        .post(
            "/mein-kulturkalender",
            &format!("veranstaltung={kids}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(second.location(), "/mein-bereich/kulturkalender");
    let page = app.get_as("/mein-bereich/kulturkalender", &cookie).await;
    assert!(page.has("Sparte Musik"));
    assert!(page.has("Kinderkonzert im Lutherhaus"));
    assert!(
        !page.has("Wir zeigen ihn nur dieses eine Mal"),
        "shown twice"
    );
    // The member's data export carries the calendar.
    let data = app.get_as("/mein-bereich/daten", &cookie).await;
    assert!(data.has("\"personal_calendar\""), "{}", data.body);
    assert!(data.has("\"kind\": \"sparte\""));
    let other = app.get("/mein-bereich/kulturkalender").await;
    assert_ne!(other.status, StatusCode::OK, "open to anyone");
}
