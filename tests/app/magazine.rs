//! The magazine: the editorial workflow (nobody approves their own article; a scheduled
//! article is public exactly from its time on; a withdrawn one answers 410; corrections
//! are dated), guest proposals, the body's short codes, „Im Magazin“ on linked pages, the
//! feeds (read back with feed-rs) and the article's JSON-LD and OpenGraph.

use crate::support::{Page, TestApp, local};
use axum::http::StatusCode;
use kulturportal::clock::FixedClock;
use std::sync::Arc;

/// Moves the portal's clock (Europe/Berlin local time, seconds allowed).
fn set_clock(app: &mut TestApp, when: &str) {
    let t = chrono::NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M:%S")
        .unwrap_or_else(|e| panic!("{when}: {e}"));
    let t = t
        .and_local_timezone(chrono_tz::Europe::Berlin)
        .single()
        .unwrap_or_else(|| panic!("{when}"))
        .with_timezone(&chrono::Utc);
    app.state.clock = Arc::new(FixedClock(t));
    app.rebuild_router();
}

/// Two magazine editors (given the role by an admin), logged in.
pub struct Desk {
    pub first: String,
    pub second: String,
    pub admin: String,
}

pub async fn desk(app: &TestApp) -> Desk {
    let one = app.user("erste@example.org", "member").await;
    let two = app.user("zweite@example.org", "member").await;
    app.user("chefin@example.org", "admin").await;
    let admin = app.login("chefin@example.org").await;
    for id in [one, two] {
        let page = app
            .post(
                &format!("/verwaltung/nutzer/{id}/magazin"),
                "magazin=1",
                Some(&admin),
            )
            .await;
        assert_eq!(page.location(), "/verwaltung", "{}", page.body);
    }
    Desk {
        first: app.login("erste@example.org").await,
        second: app.login("zweite@example.org").await,
        admin,
    }
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Writes an article as `cookie`; returns its id.
pub async fn write(app: &TestApp, cookie: &str, title: &str, rubric: &str, body: &str) -> i64 {
    let form = format!(
        "title={}&lead={}&body={}&rubric={rubric}&authors={}",
        enc(title),
        enc("Ein Vorspann, der neugierig macht."),
        enc(body),
        enc("Ada Muster")
    );
    let page = app.post("/redaktion/neu", &form, Some(cookie)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location()
        .trim_start_matches("/redaktion/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no article: {}", page.location()))
}

/// Writes, submits and (by the other editor) approves an article, public at once.
pub async fn publish(app: &TestApp, desk: &Desk, title: &str, rubric: &str, body: &str) -> i64 {
    let id = write(app, &desk.first, title, rubric, body).await;
    let sent = app
        .post(
            &format!("/redaktion/{id}/einreichen"),
            "",
            Some(&desk.first),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let approved = app
        .post(
            &format!("/redaktion/{id}/freigeben"),
            "",
            Some(&desk.second),
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    id
}

async fn outbox_kinds(app: &TestApp, article: i64) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .state
        .db
        .fetch_all(
            "SELECT kind FROM outbox WHERE subject_id = $1 AND kind LIKE 'article.%' ORDER BY id",
            &[article.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    rows.into_iter().map(|r| r.0).collect()
}

#[tokio::test]
async fn nobody_approves_their_own_article_and_a_scheduled_one_appears_exactly_at_its_time() {
    let mut app = TestApp::at("2026-12-02 10:00").await;
    let desk = desk(&app).await;
    let id = write(
        &app,
        &desk.first,
        "Die Rotunde lebt",
        "portraet",
        "Ein Haus voller **Ideen**.",
    )
    .await;
    let slug = "die-rotunde-lebt";
    // A draft is not public.
    assert_eq!(
        app.get(&format!("/magazin/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
    let sent = app
        .post(
            &format!("/redaktion/{id}/einreichen"),
            "",
            Some(&desk.first),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // The writer may not approve it.
    let own = app
        .post(
            &format!("/redaktion/{id}/freigeben"),
            "datum=2026-12-03&uhrzeit=08%3A00",
            Some(&desk.first),
        )
        .await;
    assert_eq!(own.status, StatusCode::BAD_REQUEST);
    assert!(
        own.has("Niemand gibt den eigenen Artikel frei"),
        "{}",
        own.body
    );
    let edit = app.get_as(&format!("/redaktion/{id}"), &desk.first).await;
    assert!(
        edit.has("Freigeben muss ihn jemand anderes"),
        "{}",
        edit.body
    );
    assert!(!edit.has(">Freigeben</button>"));
    // The other editor schedules it for tomorrow 8:00.
    let approved = app
        .post(
            &format!("/redaktion/{id}/freigeben"),
            "datum=2026-12-03&uhrzeit=08%3A00",
            Some(&desk.second),
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    assert_eq!(
        outbox_kinds(&app, id).await,
        vec!["article.submitted", "article.scheduled"]
    );
    set_clock(&mut app, "2026-12-03 07:59:59");
    assert_eq!(
        app.get(&format!("/magazin/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get("/magazin").await.has("Die Rotunde lebt"));
    set_clock(&mut app, "2026-12-03 08:00:00");
    let page = app.get(&format!("/magazin/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.has("<h1>Die Rotunde lebt</h1>") && page.has("<strong>Ideen</strong>"),
        "{}",
        page.body
    );
    assert!(app.get("/magazin").await.has("Die Rotunde lebt"));
    // The sweep announces it once.
    kulturportal::service::articles::publish_due(&app.state.services())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    kulturportal::service::articles::publish_due(&app.state.services())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        outbox_kinds(&app, id).await,
        vec![
            "article.submitted",
            "article.scheduled",
            "article.published"
        ]
    );
}

#[tokio::test]
async fn corrections_are_dated_versions_kept_and_withdrawn_articles_answer_410() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let id = publish(
        &app,
        &desk,
        "Jazz im Keller",
        "hintergrund",
        "Erste Zeile.\nZweite Zeile.",
    )
    .await;
    let url = "/magazin/jazz-im-keller";
    assert_eq!(app.get(url).await.status, StatusCode::OK);
    // Changing a public article needs a note; what was typed stays in the form.
    let form = |note: &str| {
        format!(
            "title=Jazz+im+Keller&lead=Ein+Vorspann.&body={}&rubric=hintergrund&authors=Ada+Muster&note={}",
            enc("Erste Zeile.\nZweite Zeile, berichtigt."),
            enc(note)
        )
    };
    let refused = app
        .post(&format!("/redaktion/{id}"), &form(""), Some(&desk.second))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.has("Korrekturhinweis") && refused.has("Zweite Zeile, berichtigt."),
        "{}",
        refused.body
    );
    let saved = app
        .post(
            &format!("/redaktion/{id}"),
            &form("Das Datum war falsch."),
            Some(&desk.second),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = app.get(url).await;
    assert!(
        page.has("Korrektur vom") && page.has("Das Datum war falsch."),
        "{}",
        page.body
    );
    assert!(page.has("Zweite Zeile, berichtigt."));
    // Reviewers see every version with what changed.
    let versions = app
        .get_as(&format!("/redaktion/{id}/verlauf"), &desk.first)
        .await;
    assert!(
        versions.has("Version 2") && versions.has("Version 1"),
        "{}",
        versions.body
    );
    assert!(
        versions.has("<del>− Zweite Zeile.</del>")
            && versions.has("<ins>+ Zweite Zeile, berichtigt.</ins>"),
        "{}",
        versions.body
    );
    // Withdrawn: the address says so, with 410, and the list forgets it.
    let gone = app
        .post(
            &format!("/redaktion/{id}/zurueckziehen"),
            "grund=Rechte+am+Bild+fehlen.",
            Some(&desk.first),
        )
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER, "{}", gone.body);
    let page = app.get(url).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(
        page.has("Artikel zurückgezogen") && page.has("Rechte am Bild fehlen."),
        "{}",
        page.body
    );
    assert!(!app.get("/magazin").await.has("Jazz im Keller"));
    assert_eq!(
        app.get("/en/magazin/jazz-im-keller").await.status,
        StatusCode::GONE
    );
    assert_eq!(
        outbox_kinds(&app, id).await,
        vec![
            "article.submitted",
            "article.scheduled",
            "article.published",
            "article.corrected",
            "article.withdrawn"
        ]
    );
}

#[tokio::test]
async fn member_organisations_propose_guest_articles_that_editors_approve() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let org = app.org("theater-im-hof", "Theater im Hof").await;
    let guest = app.user("gast@example.org", "member").await;
    app.member(org, guest, "editor").await;
    let cookie = app.login("gast@example.org").await;
    let stranger = app.user("fremd@example.org", "member").await;
    let _ = stranger;
    let stranger = app.login("fremd@example.org").await;
    // Members without an organisation do not write for the magazine.
    assert_eq!(
        app.get_as("/redaktion/neu", &stranger).await.status,
        StatusCode::FORBIDDEN
    );
    let form = format!(
        "title=Wir+proben+im+Hof&lead=Ein+Blick+hinter+die+B%C3%BChne.&body=Text.&rubric=interview&authors=Gast&organisation={org}"
    );
    let page = app.post("/redaktion/neu", &form, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let id: i64 = page
        .location()
        .trim_start_matches("/redaktion/")
        .split('?')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert_eq!(
        app.post(&format!("/redaktion/{id}/einreichen"), "", Some(&cookie))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // The guest may not approve; others may not even open it.
    assert_eq!(
        app.post(&format!("/redaktion/{id}/freigeben"), "", Some(&cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get_as(&format!("/redaktion/{id}"), &stranger)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post(&format!("/redaktion/{id}/freigeben"), "", Some(&desk.first))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let article = app.get("/magazin/wir-proben-im-hof").await;
    assert!(
        article.has("Aus der Szene") && article.has("Theater im Hof"),
        "{}",
        article.body
    );
    assert!(
        app.get("/magazin?rubrik=szene")
            .await
            .has("Wir proben im Hof")
    );
    assert!(
        !app.get("/magazin?rubrik=interview")
            .await
            .has("Wir proben im Hof")
    );
    // The organisation's page shows it „Im Magazin“.
    let profile = app.get("/kulturszene/theater-im-hof").await;
    assert!(
        profile.has("Im Magazin") && profile.has("Wir proben im Hof"),
        "{}",
        profile.body
    );
}

#[tokio::test]
async fn short_codes_embed_cards_figures_and_quotes_and_bad_ones_are_named() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let venue = app.venue("rotunde", "mitte", true).await;
    let event = app
        .event("Nachtkonzert")
        .venue(venue)
        .on("2026-12-12 20:00")
        .create()
        .await;
    // A figure without alt text is refused with the line; nothing typed is lost.
    let form = format!(
        "title=Tipps&lead=Vorspann.&body={}&rubric=tipps&authors=Ada",
        enc("Text\n[[bild:abc-800.jpg|]]")
    );
    let refused = app.post("/redaktion/neu", &form, Some(&desk.first)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.has("Zeile 2: Jedes Bild braucht einen Alternativtext"),
        "{}",
        refused.body
    );
    assert!(refused.has("[[bild:abc-800.jpg|]]"));
    let unknown = format!(
        "title=Tipps&lead=Vorspann.&body={}&rubric=tipps&authors=Ada",
        enc("[[veranstaltung:gibt-es-nicht]]")
    );
    let refused = app
        .post("/redaktion/neu", &unknown, Some(&desk.first))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("gibt-es-nicht"), "{}", refused.body);
    let body = format!(
        "Unsere Tipps.\n[[veranstaltung:{event}]]\n[[zitat:Kunst braucht Räume.|Ada Muster]]\n[[ort:rotunde]]"
    );
    publish(&app, &desk, "Tipps der Woche", "tipps", &body).await;
    let page = app.get("/magazin/tipps-der-woche").await;
    assert!(page.has("class=\"magazine-card\""), "{}", page.body);
    assert!(
        page.has(&format!("href=\"/veranstaltungen/{event}\""))
            && page.has("href=\"/orte/rotunde\"")
    );
    assert!(
        page.has("<blockquote><p>Kunst braucht Räume.</p></blockquote>")
            && page.has("– Ada Muster")
    );
    // Linked both ways: the event and the venue show the article.
    let e = app.get(&format!("/veranstaltungen/{event}")).await;
    assert!(
        e.has("Im Magazin") && e.has("Tipps der Woche"),
        "{}",
        e.body
    );
    assert!(app.get("/orte/rotunde").await.has("Tipps der Woche"));
    // The article page: JSON-LD Article with author and dates, OpenGraph, feeds linked.
    assert!(
        page.has("\"@type\":\"Article\"")
            && page.has("\"datePublished\"")
            && page.has("\"name\":\"Ada Muster\""),
        "{}",
        page.body
    );
    assert!(page.has("<meta property=\"og:type\" content=\"article\">"));
    assert!(
        page.has("rel=\"alternate\" type=\"application/rss+xml\"")
            && page.has("href=\"/magazin.atom?rubrik=tipps\"")
    );
    // The site search shows matching articles as a group of their own.
    let search = app.get("/veranstaltungen?q=Tipps+Woche").await;
    assert!(
        search.has("id=\"suche-magazin\"") && search.has("href=\"/magazin/tipps-der-woche\""),
        "{}",
        search.body
    );
    assert!(
        !app.get("/veranstaltungen?q=Kammermusik")
            .await
            .has("id=\"suche-magazin\"")
    );
    // The author's page.
    let author = app.get("/magazin/autoren/ada-muster").await;
    assert_eq!(author.status, StatusCode::OK);
    assert!(author.has("Tipps der Woche"));
    // English twin: the German text marked as German.
    let en = app.get("/en/magazin/tipps-der-woche").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(
        en.has("<article class=\"magazine-article\" lang=\"de\">"),
        "{}",
        en.body
    );
}

#[tokio::test]
async fn the_feeds_list_the_articles_and_filter_by_rubric() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    publish(&app, &desk, "Porträt einer Bühne", "portraet", "Text eins.").await;
    publish(&app, &desk, "Tipps für den Advent", "tipps", "Text zwei.").await;
    write(
        &app,
        &desk.first,
        "Noch ein Entwurf",
        "tipps",
        "Nicht öffentlich.",
    )
    .await;
    for path in ["/magazin.rss", "/magazin.atom"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let feed =
            feed_rs::parser::parse(page.body.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut titles: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
            .collect();
        titles.sort();
        assert_eq!(
            titles,
            vec!["Porträt einer Bühne", "Tipps für den Advent"],
            "{path}"
        );
        let tips = app.get(&format!("{path}?rubrik=tipps")).await;
        let feed =
            feed_rs::parser::parse(tips.body.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        let titles: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
            .collect();
        assert_eq!(titles, vec!["Tipps für den Advent"], "{path}");
        assert!(
            feed.entries[0]
                .links
                .iter()
                .any(|l| l.href == "http://kultur.test/magazin/tipps-fuer-den-advent"),
            "{path}"
        );
        assert_eq!(
            app.get(&format!("{path}?rubrik=klatsch")).await.status,
            StatusCode::BAD_REQUEST
        );
    }
}

#[tokio::test]
async fn the_magazine_list_filters_pages_and_refuses_bad_parameters() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    for n in 0..13 {
        publish(
            &app,
            &desk,
            &format!("Rückblick Nummer {n}"),
            "rueckblick",
            "Text.",
        )
        .await;
    }
    let first: Page = app.get("/magazin").await;
    assert!(
        first.has("13 Artikel") && first.has("Seite 1 von 2"),
        "{}",
        first.body
    );
    assert!(first.has("Rückblick Nummer 12") && !first.has("Rückblick Nummer 0<"));
    let second = app.get("/magazin?seite=2").await;
    assert!(second.has("Rückblick Nummer 0<"), "{}", second.body);
    assert!(
        app.get("/magazin?rubrik=tipps")
            .await
            .has("Zu dieser Auswahl gibt es keine Artikel.")
    );
    assert_eq!(
        app.get("/magazin?rubrik=klatsch").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/magazin?sparte=gibt-es-nicht").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/magazin?seite=x").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/magazin/gibt-es-nicht").await.status,
        StatusCode::NOT_FOUND
    );
    let en = app.get("/en/magazin").await;
    assert!(en.has("13 articles") && en.has("Review"), "{}", en.body);
    let _ = desk.admin;
    let _ = local;
}

#[tokio::test]
async fn the_api_lists_articles_as_the_openapi_document_says() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let id = publish(
        &app,
        &desk,
        "Interview mit der Intendanz",
        "interview",
        "Fragen und Antworten.",
    )
    .await;
    publish(
        &app,
        &desk,
        "Hintergrund Kulturförderung",
        "hintergrund",
        "Zahlen.",
    )
    .await;
    let hidden = write(&app, &desk.first, "Entwurf", "tipps", "Geheim.").await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    let mut problems = Vec::new();
    let list = app.get("/api/v1/articles").await;
    assert_eq!(list.status, StatusCode::OK);
    problems.extend(crate::openapi::conforms(
        &doc,
        "/articles",
        "get",
        list.status,
        &list.body,
    ));
    let json = list.json();
    assert_eq!(json["total"], 2);
    assert_eq!(json["data"][1]["title"], "Interview mit der Intendanz");
    assert_eq!(json["data"][1]["authors"][0]["name"], "Ada Muster");
    let filtered = app.get("/api/v1/articles?rubrik=interview").await.json();
    assert_eq!(filtered["total"], 1);
    let bad = app.get("/api/v1/articles?rubrik=klatsch").await;
    problems.extend(crate::openapi::conforms(
        &doc,
        "/articles",
        "get",
        bad.status,
        &bad.body,
    ));
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let one = app.get(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(one.json()["data"]["rubric"], "interview");
    problems.extend(crate::openapi::conforms(
        &doc,
        "/articles/{id}",
        "get",
        one.status,
        &one.body,
    ));
    let draft = app.get(&format!("/api/v1/articles/{hidden}")).await;
    assert_eq!(draft.status, StatusCode::NOT_FOUND);
    problems.extend(crate::openapi::conforms(
        &doc,
        "/articles/{id}",
        "get",
        draft.status,
        &draft.body,
    ));
    app.post(
        &format!("/redaktion/{id}/zurueckziehen"),
        "grund=Falsch.",
        Some(&desk.second),
    )
    .await;
    let gone = app.get(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(gone.status, StatusCode::GONE);
    problems.extend(crate::openapi::conforms(
        &doc,
        "/articles/{id}",
        "get",
        gone.status,
        &gone.body,
    ));
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(app.get("/api").await.has("/api/v1/articles/{id}"));
}

#[tokio::test]
async fn the_demo_has_a_magazine_with_pictures_rubrics_and_a_review_queue() {
    let app = TestApp::demo().await;
    let api = app.get("/api/v1/articles").await.json();
    let total = api["total"].as_i64().unwrap_or(0);
    assert!(total >= 10, "{total} public demo articles");
    let mut rubrics: Vec<String> = Vec::new();
    for page in 1..=2 {
        let list = app
            .get(&format!("/api/v1/articles?seite={page}"))
            .await
            .json();
        for a in list["data"].as_array().into_iter().flatten() {
            rubrics.push(a["rubric"].as_str().unwrap_or_default().to_owned());
            assert!(a["image"].is_string(), "no picture: {}", a["title"]);
            assert!(
                !a["links"].as_array().is_none_or(Vec::is_empty),
                "no links: {}",
                a["title"]
            );
        }
    }
    rubrics.sort();
    rubrics.dedup();
    assert!(rubrics.len() >= 5, "{rubrics:?}");
    let list = app.get("/magazin").await;
    assert!(list.has("<img src=\"/medien/"), "{}", list.body);
    // „Tipps der Woche“ lead the start page's highlights.
    let home = app.get("/").await;
    assert!(
        home.has("Ausgewählt von der Magazin-Redaktion")
            && home.has("href=\"/magazin/tipps-der-woche-adventszeit-in-bochum\""),
        "{}",
        home.body
    );
    // One waits in review on the desk of the demo's magazine editor.
    let cookie = app
        .login_with(
            "magazin@demo.kulturportal.invalid",
            kulturportal::accounts::DEMO_PASSWORD,
        )
        .await;
    let desk = app.get_as("/redaktion", &cookie).await;
    assert!(
        desk.has("In Prüfung") && desk.has("Geplant"),
        "{}",
        desk.body
    );
    // A guest article „Aus der Szene“ and a portrait with figures and cards.
    let guest = app.get("/magazin?rubrik=szene").await;
    assert!(guest.has("Warum wir im Hinterhof feiern"), "{}", guest.body);
    let portrait = app
        .get("/magazin/licht-aus-der-tiefe-das-kollektiv-floezlicht")
        .await;
    assert_eq!(portrait.status, StatusCode::OK);
    assert!(
        portrait.has("class=\"magazine-card\"") && portrait.has("class=\"pull-quote\""),
        "{}",
        portrait.body
    );
    let en = app
        .get("/en/magazin/licht-aus-der-tiefe-das-kollektiv-floezlicht")
        .await;
    assert!(en.has("Light from the deep"), "{}", en.body);
}
