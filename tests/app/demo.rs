//! The Bochum demo: realistic, deterministic, dense enough to feel like a real city.

use crate::support::{NOW, TestApp, fresh_db, local};
use axum::http::StatusCode;
use kulturportal::demo;

#[tokio::test]
async fn the_demo_fills_ninety_days_with_bochum_culture() {
    let (db, dir) = fresh_db().await;
    let app = TestApp::with_db(db, dir, local(NOW)).await;
    let (db, media) = (&app.state.db, app.state.media.as_ref());
    let created = demo::seed_demo_if_empty(db, media, local(NOW))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(created > 300, "{created} events");
    assert_eq!(
        demo::seed_demo_if_empty(db, media, local(NOW))
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0,
        "only into an empty calendar"
    );
    app.reindex().await;
    // Count the dates of the next 90 days as a re-user of the API would.
    let mut count = 0;
    let mut cursor = String::new();
    let mut cancelled = 0;
    loop {
        let body = app
            .get(&format!(
                "/api/v1/events?to=2027-03-01&limit=200&cursor={cursor}"
            ))
            .await
            .json();
        let data = body["data"].as_array().cloned().unwrap_or_default();
        count += data.len();
        cancelled += data.iter().filter(|d| d["status"] == "cancelled").count();
        match body["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    assert!(count >= 1_500, "only {count} dates in the next 90 days");
    assert!(cancelled > 0, "a real season has cancellations");
    let venue = app.get("/orte/schauspielhaus-bochum").await;
    assert_eq!(venue.status, StatusCode::OK);
    assert!(venue.has("Königsallee"));
    // (The summer concert is out of season in December; the Christmas one is on.)
    for q in ["Mueller", "Weihnachtskonzert", "Strasse"] {
        assert!(
            !app.get(&format!("/veranstaltungen?q={q}"))
                .await
                .titles()
                .is_empty(),
            "{q}"
        );
    }
    for d in ["mitte", "wattenscheid", "nord", "ost", "sued", "suedwest"] {
        assert!(
            !app.get(&format!("/veranstaltungen?bezirk={d}&datum=monat"))
                .await
                .titles()
                .is_empty(),
            "{d}"
        );
    }
    assert!(
        !app.get("/veranstaltungen?kostenlos=1")
            .await
            .titles()
            .is_empty()
    );
    assert!(
        !app.get("/veranstaltungen?zielgruppe=kinder")
            .await
            .titles()
            .is_empty()
    );
    assert!(app.get("/veranstaltungen").await.has("Läuft gerade"));
    // Houses with their keepers, opening hours and checked access data.
    let museum = app.get("/orte/kunstmuseum-bochum").await;
    assert!(museum.has("Öffnungszeiten") && museum.has("Betrieben von"));
    assert!(
        app.get("/orte?zugang=ruheraum&zugang=assistenzhunde")
            .await
            .has("Anneliese Brost Musikforum Ruhr")
    );
    // A demo member finds a working platform: posts, and a conversation with a reply.
    let login = |email: &str| {
        crate::support::form_post(
            "/anmelden",
            &format!(
                "email={}&password={}",
                email.replace('@', "%40"),
                kulturportal::accounts::DEMO_PASSWORD
            ),
            None,
        )
    };
    let page = app
        .request(login("mitglied@demo.kulturportal.invalid"))
        .await;
    let cookie = page
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned();
    let board = app.get_as("/pinnwand", &cookie).await;
    assert!(board.has("5 Aushänge") && board.has("Probenraum für Figurentheater"));
    let inbox = app.get_as("/nachrichten", &cookie).await;
    assert!(inbox.has("1 ungelesene Nachricht.") && inbox.has("Kollektiv Flözlicht"));
    let group = app
        .get_as("/arbeitskreise/netzwerk-freie-szene", &cookie)
        .await;
    assert!(group.has("Stellungnahme zum Kulturentwicklungsplan") && group.has("Plenum"));
    assert!(group.has("Entwurf-Stellungnahme.txt"));
}

/// Every demo event of the season as the API shows it, once, with the months of its dates.
async fn season(app: &TestApp) -> Vec<(serde_json::Value, Vec<u32>)> {
    let mut events: Vec<(serde_json::Value, Vec<u32>)> = Vec::new();
    let mut cursor = String::new();
    loop {
        let body = app
            .get(&format!(
                "/api/v1/events?to=2027-03-01&limit=200&cursor={cursor}"
            ))
            .await
            .json();
        for d in body["data"].as_array().cloned().unwrap_or_default() {
            let month = d["start"]
                .as_str()
                .and_then(|s| s.get(5..7))
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            match events.iter_mut().find(|(e, _)| e["id"] == d["event"]["id"]) {
                Some((_, months)) => months.push(month),
                None => events.push((d["event"].clone(), vec![month])),
            }
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    events
}

#[tokio::test]
async fn the_demo_is_plausible() {
    let app = TestApp::demo().await;
    let events = season(&app).await;
    assert!(events.len() > 300, "{} events", events.len());
    let slugs = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["slug"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    for (e, months) in &events {
        let title = e["title"].as_str().unwrap_or_default();
        // No event in a Sparte its organiser never plays (no club night by the orchestra).
        for org in slugs(&e["organizers"]) {
            let plays = demo::catalog::ORGS
                .iter()
                .find(|o| o.slug == org)
                .map(|o| o.categories)
                .unwrap_or_default();
            for sparte in slugs(&e["categories"]) {
                if !plays.contains(&sparte.as_str()) {
                    problems.push(format!("{title}: {sparte} by {org}"));
                }
            }
        }
        // Open air only from May to September; Advent only in December.
        let tags: Vec<String> = e["tags"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(str::to_lowercase))
                    .collect()
            })
            .unwrap_or_default();
        let venue = e["venue"]["slug"].as_str().unwrap_or_default();
        let open_air = tags.iter().any(|t| t == "open air" || t == "sommer")
            || venue == "freilichtbuehne-wattenscheid";
        if open_air && let Some(m) = months.iter().find(|m| !(5..=9).contains(*m)) {
            problems.push(format!("{title}: open air in month {m}"));
        }
        if tags.iter().any(|t| t == "advent" || t == "weihnachten")
            && months.iter().any(|m| *m != 12)
        {
            problems.push(format!("{title}: Advent outside December {months:?}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The season's own events are on: Advent and New Year in a winter season.
    let titles: Vec<&str> = events
        .iter()
        .filter_map(|(e, _)| e["title"].as_str())
        .collect();
    assert!(titles.contains(&"Adventsbühne am Bermuda3eck") && titles.contains(&"Neujahrskonzert"));
    assert!(!titles.contains(&"Großes Sommerkonzert") && !titles.contains(&"Bochum Total"));
    // At least a quarter of the events sell tickets through a link.
    let with_tickets = events
        .iter()
        .filter(|(e, _)| {
            e["ticket_url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://"))
        })
        .count();
    eprintln!("ticket links: {with_tickets} of {} events", events.len());
    assert!(
        with_tickets * 4 >= events.len(),
        "{with_tickets} of {}",
        events.len()
    );
}

#[tokio::test]
async fn every_demo_event_venue_and_organisation_has_an_example_picture() {
    use kulturportal::db::{images, organizations, venues};
    use kulturportal::web::pictures::{Source, pictures_for};
    let app = TestApp::demo().await;
    let db = &app.state.db;
    let ids: Vec<i64> = images::published_events(db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let pictures = pictures_for(&app.state, &ids)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pictures.len(), ids.len());
    let mut own = 0;
    for p in pictures.values() {
        assert!(p.alt.len() > 10, "{p:?}");
        if p.source == Source::Own {
            own += 1;
            assert!(
                p.credit.contains("Beispielbild") && p.alt.starts_with("Beispielbild"),
                "{p:?}"
            );
        }
    }
    let logos = pictures
        .values()
        .filter(|p| p.source == Source::OrganizerLogo)
        .count();
    eprintln!(
        "{own} own pictures, {logos} organiser logos of {} events",
        ids.len()
    );
    assert!(
        own * 10 >= ids.len() * 8 && logos > 0,
        "{own} own, {logos} logos"
    );
    for v in venues::all(db).await.unwrap_or_else(|e| panic!("{e}")) {
        assert!(
            !v.image.is_empty() && v.image_alt.starts_with("Beispielbild"),
            "{}",
            v.name
        );
    }
    for o in organizations::all(db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    {
        assert!(
            !o.logo.is_empty() && o.logo_alt.starts_with("Beispielbild"),
            "{}",
            o.name
        );
    }
    // A demo event page: its picture and its 1200 × 630 preview are served.
    let page = app.get("/veranstaltungen/momo").await;
    let og = page
        .body
        .split_once("og:image\" content=\"http://kultur.test")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(v, _)| v.to_owned())
        .unwrap_or_else(|| panic!("{}", page.body));
    let preview =
        image::load_from_memory(&app.bytes(&og).await).unwrap_or_else(|e| panic!("{og}: {e}"));
    assert_eq!((preview.width(), preview.height()), (1200, 630));
    assert!(
        page.has("alt=\"Beispielbild: abstrakte Komposition"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn synthetic_data_spreads_over_all_districts_and_sparten() {
    let (db, dir) = fresh_db().await;
    let made = demo::synthetic::seed(&db, 600, 7, local(NOW))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(made, 600);
    let app = TestApp::with_db(db, dir, local(NOW)).await;
    assert_eq!(
        app.get("/api/v1/venues").await.json()["data"]
            .as_array()
            .map(Vec::len),
        Some(200)
    );
    let page = app.get("/veranstaltungen?bezirk=nord").await;
    assert!(
        page.titles().len() >= 40,
        "a full page of dates (plus running exhibitions)"
    );
}

#[tokio::test]
async fn the_list_page_stays_within_its_weight_budget() {
    let app = TestApp::demo().await;
    // What a first visit to the list loads: the page, its stylesheet and its scripts,
    // as sent to a browser that accepts gzip. Images are loaded lazily and not counted.
    let page = app.get("/veranstaltungen").await;
    assert!(
        page.titles().len() >= 20,
        "a realistic page: {}",
        page.titles().len()
    );
    let assets: Vec<String> = page
        .body
        .split(['"', '\''])
        .filter(|s| s.starts_with("/static/") && (s.ends_with(".css") || s.ends_with(".js")))
        .map(str::to_owned)
        .collect();
    assert!(assets.len() >= 3, "{assets:?}");
    let mut total = 0;
    let mut parts = Vec::new();
    for uri in std::iter::once("/veranstaltungen".to_owned()).chain(assets) {
        let (bytes, encoding) = app.gzipped(&uri).await;
        assert_eq!(encoding, "gzip", "{uri} is sent compressed");
        parts.push(format!("{uri}: {bytes} B"));
        total += bytes;
    }
    eprintln!("list page weight: {total} B ({})", parts.join(", "));
    assert!(total <= 60 * 1024, "{total} B: {}", parts.join(", "));
    // The demo shows the English interface with English titles where there are some.
    let english = app.get("/en/veranstaltungen?q=Kirschgarten").await;
    assert!(
        english.has("The Cherry Orchard") && english.has("with English surtitles"),
        "{}",
        english.body
    );
    let german_only = app.get("/en/veranstaltungen?q=Momo").await;
    assert!(
        german_only.has("<h3 class=\"event-title\" lang=\"de\">"),
        "{}",
        german_only.body
    );
}
