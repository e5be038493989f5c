//! German full-text search: folding, stemming, compounds, prefixes, typos, ranking, filters.

use crate::support::TestApp;

async fn app_with_texts() -> TestApp {
    let app = TestApp::new().await;
    app.event("Heiner Müller: Die Hamletmaschine")
        .sparte("theater")
        .on("2026-12-03 19:30")
        .create()
        .await;
    app.event("Großes Sommerkonzert")
        .sparte("musik")
        .on("2026-12-04 20:00")
        .create()
        .await;
    app.event("Straßenmusik am Bermudadreieck")
        .sparte("musik")
        .free()
        .on("2026-12-05 16:00")
        .create()
        .await;
    app.event("Lesung im Park")
        .sparte("literatur")
        .description("Mit anschließendem Konzert der Schülerband.")
        .on("2026-12-06 11:00")
        .create()
        .await;
    app.event("Konzerte für Kinder")
        .sparte("musik")
        .sparte("kinder-familie")
        .on("2026-12-06 15:00")
        .create()
        .await;
    app.event("Märchenstunde")
        .sparte("literatur")
        .tag("Vorlesen")
        .on("2026-12-07 15:00")
        .create()
        .await;
    app.reindex().await;
    app
}

fn q(s: &str) -> String {
    format!("/veranstaltungen?q={}", s.replace(' ', "+"))
}

#[tokio::test]
async fn umlauts_and_sharp_s_are_forgiven() {
    let app = app_with_texts().await;
    for spelling in ["Müller", "Mueller", "muller", "MÜLLER"] {
        assert_eq!(
            app.get(&q(spelling)).await.titles(),
            vec!["Heiner Müller: Die Hamletmaschine"],
            "{spelling}"
        );
    }
    for spelling in ["Straße", "Strasse", "strassenmusik"] {
        assert_eq!(
            app.get(&q(spelling)).await.titles(),
            vec!["Straßenmusik am Bermudadreieck"],
            "{spelling}"
        );
    }
    assert_eq!(
        app.get(&q("Maerchenstunde")).await.titles(),
        vec!["Märchenstunde"]
    );
}

#[tokio::test]
async fn stems_compounds_prefixes_and_one_typo() {
    let app = app_with_texts().await;
    let konzert = app.get(&q("Konzert")).await.titles();
    // Title matches rank before a mention in a description; the compound is found too.
    assert_eq!(konzert.len(), 3, "{konzert:?}");
    assert_eq!(konzert.last().map(String::as_str), Some("Lesung im Park"));
    assert!(konzert.contains(&"Großes Sommerkonzert".to_owned()));
    assert!(konzert.contains(&"Konzerte für Kinder".to_owned()));
    assert_eq!(
        app.get(&q("Konzerte")).await.titles().len(),
        3,
        "plural is stemmed"
    );
    assert_eq!(
        app.get(&q("Hamletmasch")).await.titles(),
        vec!["Heiner Müller: Die Hamletmaschine"],
        "prefix"
    );
    assert_eq!(
        app.get(&q("Hamletmaschiene")).await.titles(),
        vec!["Heiner Müller: Die Hamletmaschine"],
        "one typo"
    );
    assert_eq!(
        app.get(&q("vorlesen")).await.titles(),
        vec!["Märchenstunde"],
        "tags are searched"
    );
    assert!(app.get(&q("Xylophonorchester")).await.titles().is_empty());
}

#[tokio::test]
async fn every_word_must_match_and_filters_still_apply() {
    let app = app_with_texts().await;
    assert_eq!(
        app.get(&q("Konzert Kinder")).await.titles(),
        vec!["Konzerte für Kinder"]
    );
    assert_eq!(
        app.get("/veranstaltungen?q=musik&kostenlos=1")
            .await
            .titles(),
        vec!["Straßenmusik am Bermudadreieck"]
    );
    assert_eq!(
        app.get("/veranstaltungen?q=konzert&sparte=literatur")
            .await
            .titles(),
        vec!["Lesung im Park"]
    );
    assert_eq!(
        app.get("/veranstaltungen?q=konzert&datum=morgen")
            .await
            .titles(),
        Vec::<String>::new()
    );
    let api = app.get("/api/v1/events?q=Mueller").await.json();
    assert_eq!(
        api["data"][0]["event"]["title"],
        "Heiner Müller: Die Hamletmaschine"
    );
}

#[tokio::test]
async fn the_index_follows_changes_made_elsewhere() {
    let app = TestApp::new().await;
    assert!(
        !app.state
            .search
            .refresh_if_changed(&app.state.db)
            .await
            .unwrap_or(true),
        "nothing changed yet"
    );
    // Another instance writes to the shared database.
    app.event("Orgelnacht")
        .on("2026-12-03 20:00")
        .create_elsewhere()
        .await;
    assert!(
        app.get(&q("Orgelnacht")).await.titles().is_empty(),
        "not indexed yet"
    );
    assert!(
        app.state
            .search
            .refresh_if_changed(&app.state.db)
            .await
            .unwrap_or(false)
    );
    assert_eq!(app.get(&q("Orgelnacht")).await.titles(), vec!["Orgelnacht"]);
}
