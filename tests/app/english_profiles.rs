//! The profiles area in English: venue pages, the cultural scene, the accessibility
//! statement and the easy-read page, the event report form, sharing, the API page,
//! working groups and the planning calendar — and the same pages still German at the root.

use crate::support::TestApp;
use axum::http::StatusCode;

/// Translated pages carry no `lang="de"` on `<main>`.
fn translated(page: &crate::support::Page) -> bool {
    page.has("<main id=\"inhalt\" class=\"wrap\" tabindex=\"-1\">")
        && !page.has("This page is available in German only so far.")
}

async fn uncached() -> TestApp {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    app
}

#[tokio::test]
async fn venue_pages_speak_english() {
    let app = uncached().await;
    let venue = app.venue("kellerbuehne", "mitte", false).await;
    app.event("Jazz im Keller")
        .venue(venue)
        .on("2030-12-05 19:30")
        .create()
        .await;
    let english = app.get("/en/orte/kellerbuehne").await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(translated(&english), "{}", english.body);
    for words in [
        "Address",
        "Bochum-Mitte district",
        "No step-free entrance",
        "Coming up here",
        "Programme and accessibility: Ort kellerbuehne",
    ] {
        assert!(english.has(words), "{words}: {}", english.body);
    }
    assert!(!english.has("Adresse") && !english.has("Kein stufenloser Zugang"));
    let german = app.get("/orte/kellerbuehne").await;
    assert!(german.has("Adresse") && german.has("Stadtbezirk Bochum-Mitte"));
    assert!(german.has("Kein stufenloser Zugang") && german.has("Demnächst hier"));
}

#[tokio::test]
async fn the_scene_speaks_english() {
    let app = uncached().await;
    app.org("kollektiv", "Kollektiv Flözlicht").await;
    app.venue("kellerbuehne", "mitte", true).await;
    let english = app.get("/en/kulturszene").await;
    assert!(translated(&english), "{}", english.body);
    assert!(english.has("2 entries, A to Z") && english.has("Independent collective"));
    assert!(english.has("Name or keyword") && english.has("Accessibility (venues only)"));
    assert!(english.has(">Venue<") && !english.has("Einträge"));
    let profile = app.get("/en/kulturszene/kollektiv").await;
    assert!(translated(&profile), "{}", profile.body);
    assert!(profile.has("Contact") && profile.has("Subscribe to the programme"));
    // Without a description there is no empty „About“ section.
    assert!(!profile.has("About Kollektiv Flözlicht") && profile.has("Programme"));
    let german = app.get("/kulturszene").await;
    assert!(german.has("2 Einträge, von A bis Z") && german.has("Kollektiv der freien Szene"));
    assert!(
        app.get("/kulturszene/kollektiv")
            .await
            .has("Programm abonnieren")
    );
    app.user("admin@example.org", "admin").await;
    let admin = app.login("admin@example.org").await;
    let report = app.get_as("/en/verwaltung/sichtbarkeit", &admin).await;
    assert!(translated(&report), "{}", report.body);
    assert!(report.has("<h1>Visibility</h1>") && report.has("fewer than 5 upcoming dates"));
    assert!(
        app.get_as("/verwaltung/sichtbarkeit", &admin)
            .await
            .has("weniger als 5 kommende Termine")
    );
    let fair = app.get("/en/wie-wir-sortieren").await;
    assert!(translated(&fair) && fair.has("How we sort") && fair.has("weighted chance"));
    assert!(
        app.get("/wie-wir-sortieren")
            .await
            .has("gewichteter Zufall")
    );
}

#[tokio::test]
async fn the_accessibility_statement_and_easy_read_are_english() {
    let app = TestApp::new().await;
    let statement = app.get("/en/barrierefreiheit").await;
    assert!(translated(&statement), "{}", statement.body);
    assert!(statement.has("<h1>Accessibility statement</h1>"));
    assert!(statement.has("The German version of this statement is the legally binding one."));
    assert!(statement.has("Report a barrier") && statement.has("Send message"));
    let german = app.get("/barrierefreiheit").await;
    assert!(german.has("Erklärung zur Barrierefreiheit") && !german.has("legally binding"));
    let short = app
        .post(
            "/en/barrierefreiheit",
            &format!("message=short&t={}", crate::support::form_token()),
            None,
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.has("Please describe the barrier in a few words (at least 10 characters)."));
    let easy = app.get("/en/leichte-sprache").await;
    assert!(translated(&easy), "{}", easy.body);
    assert!(easy.has("The Kulturportal in easy read") && easy.has("You can look for events."));
    assert!(easy.has(">Easy read</a>") && easy.has(">Accessibility statement</a>"));
    assert!(
        app.get("/leichte-sprache")
            .await
            .has("Sie können Veranstaltungen suchen.")
    );
}

#[tokio::test]
async fn reports_sharing_and_the_api_page_are_english() {
    let app = TestApp::new().await;
    let slug = app
        .event("Jazz im Keller")
        .on("2030-12-05 19:30")
        .create()
        .await;
    let form = app.get(&format!("/en/veranstaltungen/{slug}/melden")).await;
    assert!(translated(&form), "{}", form.body);
    assert!(form.has("Report a problem:") && form.has("<span lang=\"de\">Jazz im Keller</span>"));
    assert!(form.has("Information wrong or out of date") && form.has("Send report"));
    let refused = app
        .post(
            &format!("/en/veranstaltungen/{slug}/melden"),
            "reason=&message=",
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("Please choose a reason."), "{}", refused.body);
    let german = app
        .post(
            &format!("/veranstaltungen/{slug}/melden"),
            "reason=sonstiges&message=",
            None,
        )
        .await;
    assert!(german.has("Bitte beschreiben Sie kurz, was nicht stimmt."));
    assert!(german.has("Problem melden: Jazz im Keller"));

    let share = app
        .get("/en/teilen/mastodon?instanz=ruhr.social&seite=%2Fveranstaltungen")
        .await;
    assert!(translated(&share), "{}", share.body);
    assert!(share.has("Share on Mastodon") && share.has("Continue to ruhr.social"));
    assert!(share.has("href=\"/en/veranstaltungen\">Back</a>"));
    let no_host = app
        .get("/en/teilen/mastodon?instanz=&seite=%2Fveranstaltungen")
        .await;
    assert!(no_host.has("Please give the name of your Mastodon instance"));

    let api = app.get("/en/api").await;
    assert!(translated(&api), "{}", api.body);
    assert!(api.has("Open data: the API") && api.has("Key needed") && api.has("Examples"));
    assert!(app.get("/api").await.has("Schlüssel nötig"));
}

#[tokio::test]
async fn working_groups_and_planning_are_english_for_members() {
    let app = uncached().await;
    let org = app.org("theater-a", "Theater A").await;
    let ada = app.user("ada@example.org", "member").await;
    app.member(org, ada, "editor").await;
    let cookie = app.login("ada@example.org").await;

    let groups = app.get_as("/en/arbeitskreise", &cookie).await;
    assert!(translated(&groups), "{}", groups.body);
    assert!(groups.has("Working groups") && groups.has("Start a working group"));
    let short = app
        .post("/en/arbeitskreise", "name=ab", Some(&cookie))
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.has("Please give a name of 3 to 80 characters."));
    let made = app
        .post(
            "/en/arbeitskreise",
            "name=Netzwerk+Freie+Szene&description=Wir+vernetzen.",
            Some(&cookie),
        )
        .await;
    assert_eq!(made.location(), "/en/arbeitskreise/netzwerk-freie-szene");
    let group = app
        .get_as("/en/arbeitskreise/netzwerk-freie-szene", &cookie)
        .await;
    assert!(translated(&group), "{}", group.body);
    assert!(group.has("Open working group · 1 member") && group.has("New topic"));
    assert!(group.has("Leave working group") && group.has("Storage: "));
    assert!(
        app.get_as("/arbeitskreise/netzwerk-freie-szene", &cookie)
            .await
            .has("Offener Arbeitskreis · 1 Mitglied<")
    );

    let planning = app.get_as("/en/mein-bereich/planung", &cookie).await;
    assert!(translated(&planning), "{}", planning.body);
    assert!(planning.has("Planning:") && planning.has("Reserve a date"));
    assert!(planning.has("abbr=\"Monday\">Mon</th>"));
    let bad = app
        .post(
            "/en/mein-bereich/planung",
            "organisation=&title=P&day=yesterday&sparte=",
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.has("Please choose one of your organisations."),
        "{}",
        bad.body
    );
    assert!(bad.has("Please give a date like 05.12.2026."));
    let theater = app
        .state
        .categories
        .list()
        .iter()
        .find(|c| c.slug == "theater")
        .map(|c| c.id)
        .unwrap_or_default();
    let reserved = app
        .post(
            "/en/mein-bereich/planung",
            &format!(
                "organisation={org}&title=Premiere&day=2027-01-16&time=19%3A30&sparte={theater}&district=mitte"
            ),
            Some(&cookie),
        )
        .await;
    assert_eq!(reserved.location(), "/en/mein-bereich/planung/2027-01-16");
    let day = app
        .get_as("/en/mein-bereich/planung/2027-01-16", &cookie)
        .await;
    assert!(translated(&day), "{}", day.body);
    assert!(day.has("Reserved (1)") && day.has("Saturday 16 January 2027, 7:30 pm"));
    assert!(
        day.has("Theatre") && day.has("Public events (0)"),
        "{}",
        day.body
    );
    assert!(
        app.get_as("/mein-bereich/planung/2027-01-16", &cookie)
            .await
            .has("Samstag, 16. Januar 2027, 19:30 Uhr")
    );
    let german = app.get_as("/mein-bereich/planung", &cookie).await;
    assert!(german.has("Termin vormerken") && german.has("abbr=\"Montag\">Mo.</th>"));
}
