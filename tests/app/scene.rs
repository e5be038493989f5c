//! The directory of the scene, organisation profiles and fair visibility.

use crate::support::TestApp;
use axum::http::StatusCode;

#[tokio::test]
async fn the_directory_lists_organisations_and_venues_a_to_z_with_filters() {
    let app = TestApp::new().await;
    app.org("zeche-kollektiv", "Zeche Kollektiv").await;
    app.org("mueller-ensemble", "Müller-Ensemble").await;
    app.venue("atelier-sued", "sued", false).await;
    let page = app.get("/kulturszene").await;
    assert_eq!(page.status, StatusCode::OK);
    let names: Vec<&str> = ["Müller-Ensemble", "Ort atelier-sued", "Zeche Kollektiv"]
        .into_iter()
        .filter(|n| page.has(n))
        .collect();
    assert_eq!(names.len(), 3, "{}", page.body);
    let pos = |n: &str| {
        page.body
            .find(&format!(">{n}</a></h2>"))
            .unwrap_or(usize::MAX)
    };
    assert!(
        pos("Müller-Ensemble") < pos("Ort atelier-sued")
            && pos("Ort atelier-sued") < pos("Zeche Kollektiv"),
        "not A–Z"
    );
    // Folded search: „muller“ finds „Müller“.
    let found = app.get("/kulturszene?q=muller").await;
    assert!(found.has("Müller-Ensemble") && !found.has("Zeche Kollektiv"));
    // Stems and compound parts, as in the event search: „Ensembles“, „Kollektive“, „Atelier“.
    let found = app.get("/kulturszene?q=Ensembles").await;
    assert!(found.has("Müller-Ensemble") && !found.has("Zeche Kollektiv"));
    assert!(
        app.get("/kulturszene?q=kollektive")
            .await
            .has("Zeche Kollektiv")
    );
    let org = app.org("kinderchor", "Bochumer Kinderchor").await;
    assert!(org > 0);
    let chor = app.get("/kulturszene?q=chor").await;
    assert!(chor.has("Bochumer Kinderchor") && !chor.has("Müller-Ensemble"));
    // Only venues, by district.
    let venues = app.get("/kulturszene?art=ort&bezirk=sued").await;
    assert!(venues.has("Ort atelier-sued") && !venues.has("Müller-Ensemble"));
    assert!(
        app.get("/kulturszene?art=ort&bezirk=nord")
            .await
            .has("Keine Einträge für diese Auswahl.")
    );
    assert_eq!(
        app.get("/kulturszene?seite=abc").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn an_organisation_profile_shows_programme_venues_archive_and_contact() {
    let app = TestApp::at("2026-12-02 10:00").await;
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let venue = app.venue("kellerbuehne", "mitte", true).await;
    app.event("Jazz im Dezember")
        .organizer(org)
        .venue(venue)
        .on("2026-12-05 19:30")
        .create()
        .await;
    app.event("Jazz im Sommer")
        .organizer(org)
        .venue(venue)
        .on("2026-07-05 19:30")
        .create()
        .await;
    app.event("Fremdes Konzert")
        .on("2026-12-05 19:30")
        .create()
        .await;
    let page = app.get("/kulturszene/jazzkeller").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("<h1>Jazzkeller e. V.</h1>"));
    assert_eq!(
        page.titles(),
        vec!["Jazz im Dezember"],
        "programme: only its own, only coming"
    );
    assert!(
        page.has("Archiv")
            && page.has("Jazz im Sommer")
            && page.has("zuletzt Sonntag, 5. Juli 2026")
    );
    assert!(
        page.has("href=\"/orte/kellerbuehne\""),
        "venues it plays in"
    );
    assert!(page.has("href=\"/kulturszene/jazzkeller.ics\""));
    assert!(page.has("\"@type\":\"Organization\""));
    assert_eq!(
        app.get("/kulturszene/gibt-es-nicht").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/kulturszene/jazzkeller.ics").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_discover_block_rotates_fairly_and_counts_only_aggregates() {
    let app = TestApp::new().await;
    let mut orgs = Vec::new();
    for i in 0..6 {
        let id = app
            .org(&format!("gruppe-{i}"), &format!("Gruppe {i}"))
            .await;
        app.event(&format!("Abend {i}"))
            .organizer(id)
            .on("2026-12-05 19:30")
            .create()
            .await;
        orgs.push(id);
    }
    app.org("ohne-termine", "Ohne Termine").await;
    // A cookie makes every request bypass the page cache, so each one draws anew.
    for _ in 0..30 {
        let home = app.get_as("/", "egal=1").await;
        assert!(home.has("Entdecken"));
        assert!(
            !home.has("Ohne Termine"),
            "only organisations with something coming"
        );
    }
    let today = app.state.clock.now().timestamp().div_euclid(86_400);
    let exposure = kulturportal::db::directory::recent_exposure(&app.state.db, today - 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let counts: Vec<i64> = orgs
        .iter()
        .map(|o| exposure.get(o).copied().unwrap_or(0))
        .collect();
    assert_eq!(
        counts.iter().sum::<i64>(),
        120,
        "30 pages × 4 shown: {counts:?}"
    );
    // Weighted against exposure, nobody is left out and nobody runs away.
    assert!(counts.iter().all(|c| (10..=30).contains(c)), "{counts:?}");
    // A click is counted and leads to the profile.
    let click = app.get("/entdecken/gruppe-0").await;
    assert_eq!(click.status, StatusCode::SEE_OTHER);
    assert_eq!(
        click.headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/kulturszene/gruppe-0")
    );
    // The admins' report; others may not see it.
    app.user("admin@example.org", "admin").await;
    app.user("eva@example.org", "member").await;
    let admin = app.login("admin@example.org").await;
    let report = app.get_as("/verwaltung/sichtbarkeit", &admin).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.has("<td>120</td>"), "{}", report.body);
    let eva = app.login("eva@example.org").await;
    assert_eq!(
        app.get_as("/verwaltung/sichtbarkeit", &eva).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        app.get("/wie-wir-sortieren")
            .await
            .has("gewichteter Zufall")
    );
}

#[tokio::test]
async fn editors_keep_the_profile_up_to_date_and_it_shows_publicly() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let cookie = app.login("eva@example.org").await;
    let musik = app.sparte_id("musik");
    let bad = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/daten",
            "name=Jazzkeller+e.+V.&social=instagram.com%2Fjazz&district=mitte",
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("mit https:// beginnt") && bad.has("instagram.com/jazz</textarea>"));
    let body = format!(
        "name=Jazzkeller+e.+V.&description=Seit+1989+**live**.&website=https%3A%2F%2Fjazzkeller.example&email=info%40jazzkeller.example\
         &phone=0234+123&social=https%3A%2F%2Fwww.instagram.com%2Fjazzkeller&district=mitte&sparte={musik}"
    );
    let ok = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/daten",
            &body,
            Some(&cookie),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let profile = app.get("/kulturszene/jazzkeller").await;
    assert!(profile.has("<h1>Jazzkeller e. V.</h1>") && profile.has("<strong>live</strong>"));
    assert!(
        profile.has("href=\"https://www.instagram.com/jazzkeller\"") && profile.has(">Instagram<")
    );
    assert!(profile.has("Bochum-Mitte") && profile.has("href=\"/sparten/musik\""));
    assert!(
        app.get("/kulturszene?sparte=musik")
            .await
            .has("Jazzkeller e. V.")
    );
    // Editors do not manage members.
    let refused = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/einladen",
            "invite_email=x%40example.org",
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
