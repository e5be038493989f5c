//! German at the root, English under `/en`: the same pages in the visitor's language,
//! links that keep them there, English texts where the editors wrote some and German
//! ones marked `lang="de"` where not.

use crate::support::TestApp;
use axum::http::StatusCode;

/// An editor of a verified organisation enters an event, with or without English texts.
/// Returns the editor's address of the event.
async fn entered(app: &TestApp, cookie: &str, org: i64, title: &str, english: &str) -> String {
    let saved = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &format!(
                "title={}&subtitle=Mit+dem+Trio+Ruhrpott&description=Ein+Abend+mit+Jazz+im+Gew%C3%B6lbe.\
                 &sparte={}&tags=&organisation={org}&venue=&location_text=Kulturkeller+an+der+Ruhr\
                 &date_mode=single&date=2026-12-05&time=19%3A30&end_time=&price_kind=range&price_min=12\
                 &price_max=15%2C50&language=de&language=en&audience=erwachsene&action=veroeffentlichen{english}",
                title.replace(' ', "+"),
                app.sparte_id("musik")
            ),
            Some(cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    saved
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_english_calendar_speaks_english_and_links_in_english() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let cookie = app.login("eva@example.org").await;
    entered(&app, &cookie, org, "Jazz im Keller", "").await;
    app.reindex().await;

    // German first, so that a cached German page could leak into English if the cache
    // did not tell the languages apart.
    let german = app.get("/veranstaltungen").await;
    assert!(german.has("<html lang=\"de\">") && german.has("Filter anwenden"));
    assert!(german.has("Samstag, 5. Dezember 2026") && german.has("19:30 Uhr"));
    assert!(german.has("href=\"/en/veranstaltungen\" hreflang=\"en\" lang=\"en\">English</a>"));

    let english = app.get("/en/veranstaltungen").await;
    assert_eq!(english.status, StatusCode::OK);
    for text in [
        "<html lang=\"en\">",
        "<h1>All events</h1>",
        "Apply filters",
        "Free admission only",
        "Saturday 5 December 2026",
        "7:30 pm",
        "€12–€15.50",
        "Music",
        "Subscribe to this selection",
        "1 date – Page 1 of 1",
    ] {
        assert!(english.has(text), "{text}: {}", english.body);
    }
    assert!(!english.has("Filter anwenden") && !english.has("Uhr"));
    // Links to pages stay in English; data and assets keep their one address.
    assert!(english.has("href=\"/en/veranstaltungen/jazz-im-keller?termin="));
    assert!(english.has("action=\"/en/veranstaltungen\""));
    assert!(english.has("data-hx-get=\"/en/veranstaltungen\""));
    assert!(english.has("href=\"/static/") && !english.has("/en/static/"));
    assert!(english.has("/veranstaltungen.rss") && !english.has("/en/veranstaltungen.rss"));
    // The way back to German goes through /de, which redirects to the bare path.
    assert!(english.has("href=\"/de/veranstaltungen\" hreflang=\"de\" lang=\"de\">Deutsch</a>"));
    let back = app.get("/de/veranstaltungen?sparte=musik").await;
    assert_eq!(back.location(), "/veranstaltungen?sparte=musik");
    assert_eq!(app.get("/de//evil.example/").await.location(), "/");
    // Filters and htmx fragments work the same under the prefix.
    let filtered = app
        .get("/en/veranstaltungen?sparte=musik&datum=wochenende")
        .await;
    assert!(
        filtered.has("Music") && filtered.has("This weekend"),
        "{}",
        filtered.body
    );
    let bad = app.get("/en/veranstaltungen?datum=gestern").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.has("<h1>Invalid request</h1>") && !bad.has("Ungültige Anfrage"),
        "{}",
        bad.body
    );
    let start = app.get("/en").await;
    assert!(start.has("What&#39;s on in Bochum?"), "{}", start.body);
    let missing = app.get("/en/gibt-es-nicht").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.has("<h1>Page not found</h1>")
            && missing.has("href=\"/en/veranstaltungen\">All events</a>")
    );
    let venues = app.get("/en/orte?zugang=aufzug").await;
    assert!(
        venues.has("<h1>Cultural venues in Bochum</h1>")
            && venues.has("> Lift</label>")
            && venues.has("0 venues"),
        "{}",
        venues.body
    );
    let sparten = app.get("/en/sparten").await;
    assert!(sparten.has("<h1>Categories</h1>") && sparten.has(">Music</a>"));
    let musik = app.get("/en/sparten/musik").await;
    assert!(
        musik.has("<h1>Music in Bochum</h1>") && musik.has("Jazz im Keller"),
        "{}",
        musik.body
    );
}

#[tokio::test]
async fn english_pages_show_english_texts_or_the_german_ones_marked_german() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let cookie = app.login("eva@example.org").await;
    let edit = entered(
        &app,
        &cookie,
        org,
        "Jazz im Keller",
        "&title_en=Jazz+in+the+Cellar&subtitle_en=With+the+Trio+Ruhrpott&description_en=",
    )
    .await;
    entered(
        &app,
        &cookie,
        org,
        "Lesung am Kamin",
        "&title_en=&subtitle_en=&description_en=",
    )
    .await;
    // An English title without an English subtitle: the list shows no German subtitle
    // under the English title (it would be German text without a German mark).
    entered(
        &app,
        &cookie,
        org,
        "Chor im Advent",
        "&title_en=Choir+in+Advent&subtitle_en=&description_en=",
    )
    .await;
    app.reindex().await;
    let list = app.get("/en/veranstaltungen").await;
    let choir = list
        .body
        .split("Choir in Advent")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .unwrap_or_default();
    assert!(!choir.is_empty(), "{}", list.body);
    assert!(!choir.contains("Mit dem Trio Ruhrpott"), "{choir}");

    let translated = app.get("/en/veranstaltungen/jazz-im-keller").await;
    assert!(
        translated.has("<h1>Jazz in the Cellar</h1>"),
        "{}",
        translated.body
    );
    assert!(translated.has("With the Trio Ruhrpott"));
    // No English description: the German one, marked German.
    assert!(translated.has("<div lang=\"de\"><p>Ein Abend mit Jazz im Gewölbe.</p>"));
    assert!(translated.has("German, English") && translated.has("Adults"));
    assert!(translated.has("Saturday 5 December 2026, 7:30 pm"));
    let untranslated = app.get("/en/veranstaltungen/lesung-am-kamin").await;
    assert!(
        untranslated.has("<h1 lang=\"de\">Lesung am Kamin</h1>"),
        "{}",
        untranslated.body
    );
    // German visitors always get the German texts.
    let german = app.get("/veranstaltungen/jazz-im-keller").await;
    assert!(german.has("<h1>Jazz im Keller</h1>") && !german.has("Cellar"));
    // The editor shows the English texts again for changes.
    let editor = app.get_as(&edit, &cookie).await;
    assert!(
        editor.has("value=\"Jazz in the Cellar\"") && editor.has("lang=\"en\""),
        "{edit}: {}",
        editor.body
    );
    // A description without an English title is refused, in German, keeping the input.
    let refused = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &format!(
                "title=Chorkonzert&sparte={}&organisation={org}&venue=&location_text=Pauluskirche\
                 &date_mode=single&date=2026-12-06&time=17%3A00&price_kind=free&language=de\
                 &action=veroeffentlichen&title_en=&description_en=A+choir+concert.",
                app.sparte_id("musik")
            ),
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("auch einen englischen Titel") && refused.has("A choir concert."));
}

/// Follows every link of the English pages the way a visitor (or a member) can, from the
/// given start pages: each page answers, none is left German only, `<main>` is English,
/// and its links keep the visitor in English (see [`links_out_of_english`]).
async fn crawl_english(app: &TestApp, cookie: Option<&str>, start: &[&str]) -> Vec<String> {
    let mut queue: std::collections::VecDeque<String> =
        start.iter().map(|s| (*s).to_owned()).collect();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut problems = Vec::new();
    let mut kinds: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut visited = 0;
    while let Some(uri) = queue.pop_front() {
        if visited >= 400 {
            break;
        }
        let path = uri.split(['?', '#']).next().unwrap_or_default().to_owned();
        // A few pages of each kind (six event pages, not six hundred), so that every
        // kind of page is reached within the budget.
        let kind: Vec<&str> = path
            .split('/')
            .enumerate()
            .map(|(i, seg)| {
                if i > 2 && (seg.contains('-') || seg.chars().any(|c| c.is_ascii_digit())) {
                    "*"
                } else {
                    seg
                }
            })
            .collect();
        let kind = kind.join("/");
        let count = kinds.entry(kind).or_insert(0);
        if *count >= 6 || !seen.insert(path) {
            continue;
        }
        *count += 1;
        visited += 1;
        let page = match cookie {
            Some(c) => app.get_as(&uri, c).await,
            None => app.get(&uri).await,
        };
        if page.status.is_redirection() {
            continue;
        }
        if page.status != StatusCode::OK {
            problems.push(format!("{uri}: {}", page.status));
            continue;
        }
        if !page.has("<html lang=\"en\"") {
            continue; // a file or a fragment
        }
        if page.has("This page is available in German only so far.")
            || !page.has("<main id=\"inhalt\" class=\"wrap\" tabindex=\"-1\">")
        {
            problems.push(format!("{uri}: German only"));
        }
        problems.extend(links_out_of_english(&uri, &page.body));
        // The HTML validator knows htmx's attributes only with the data- prefix.
        if page.has(" hx-") {
            problems.push(format!("{uri}: an hx-* attribute instead of data-hx-*"));
        }
        for link in page.body.split("href=\"").skip(1) {
            let href = link
                .split('"')
                .next()
                .unwrap_or_default()
                .replace("&amp;", "&");
            // The way back to German and the session's end are not pages to read.
            if href.starts_with("/en/") && !href.starts_with("/en/abmelden") {
                queue.push_back(href);
            }
        }
    }
    eprintln!(
        "{visited} English pages of {} kinds from {start:?}",
        kinds.len()
    );
    assert!(visited > 20, "only {visited} pages reached from {start:?}");
    problems
}

/// The links and form targets of an English page that leave English, or that give data
/// a language: every link to a page names its language (`/en/…`, or `/de/…` for the way
/// back to German); data keeps its one address (`/static/…`, `/medien/…`, `/api/…`, the
/// embeddable list, files such as `.ics`).
fn links_out_of_english(uri: &str, html: &str) -> Vec<String> {
    let is_data = |path: &str| {
        ["/static/", "/medien/", "/api/", "/einbetten"]
            .iter()
            .any(|d| path.starts_with(d))
            || path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'))
    };
    let mut wrong = Vec::new();
    for attr in [
        "href",
        "action",
        "data-hx-get",
        "data-hx-post",
        "hx-get",
        "hx-post",
    ] {
        let marker = format!(" {attr}=\"");
        for part in html.split(marker.as_str()).skip(1) {
            let target = part.split('"').next().unwrap_or_default();
            if !target.starts_with('/') || target.starts_with("//") {
                continue; // another site, an anchor, mailto:
            }
            let path = target.split(['?', '#']).next().unwrap_or_default();
            let english = path
                .strip_prefix("/en")
                .filter(|rest| rest.is_empty() || rest.starts_with('/'));
            match english {
                Some(rest) if is_data(rest) => {
                    wrong.push(format!("{uri}: {attr}=\"{target}\" gives data a language"));
                }
                Some(_) => {}
                None if path == "/de" || path.starts_with("/de/") || is_data(path) => {}
                None => wrong.push(format!("{uri}: {attr}=\"{target}\" leads to German")),
            }
        }
    }
    wrong
}

#[tokio::test]
async fn every_page_a_visitor_or_member_reaches_speaks_english() {
    let app = TestApp::demo().await;
    let mut problems = crawl_english(&app, None, &["/en", "/en/veranstaltung-melden"]).await;
    for (email, start) in [
        (
            "redaktion@demo.kulturportal.invalid",
            vec![
                "/en/mein-bereich",
                "/en/pinnwand",
                "/en/arbeitskreise",
                "/en/nachrichten",
            ],
        ),
        (
            "admin@demo.kulturportal.invalid",
            vec!["/en/moderation", "/en/verwaltung", "/en/mein-bereich"],
        ),
    ] {
        let cookie = app
            .login_with(email, kulturportal::accounts::DEMO_PASSWORD)
            .await;
        problems.extend(crawl_english(&app, Some(&cookie), &start).await);
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn members_pages_send_visitors_to_the_login_in_their_language() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/en/mein-bereich").await.location(), "/en/anmelden");
    assert_eq!(app.get("/mein-bereich").await.location(), "/anmelden");
}

#[tokio::test]
async fn an_organisation_can_describe_itself_in_english() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let ada = app.user("ada@example.org", "member").await;
    app.member(org, ada, "owner").await;
    let cookie = app.login("ada@example.org").await;
    let saved = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/daten",
            "name=Jazzkeller+e.+V.&description=Jazz+im+Gew%C3%B6lbekeller+seit+1983.\
             &description_en=Jazz+in+a+vaulted+cellar+since+1983.&website=&email=&phone=",
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let english = app.get("/en/kulturszene/jazzkeller").await;
    assert!(
        english.has("<div lang=\"en\"><p>Jazz in a vaulted cellar since 1983.</p>"),
        "{}",
        english.body
    );
    let german = app.get("/kulturszene/jazzkeller").await;
    assert!(german.has("Jazz im Gewölbekeller seit 1983.") && !german.has("vaulted"));
    let form = app
        .get_as("/mein-bereich/organisationen/jazzkeller", &cookie)
        .await;
    assert!(form.has("Jazz in a vaulted cellar since 1983.</textarea>"));
}

#[tokio::test]
async fn the_browser_language_is_a_first_guess_offered_as_a_link() {
    let app = TestApp::new().await;
    let ask = |uri: &str, accept: &str| {
        axum::http::Request::get(uri)
            .header("Accept-Language", accept)
            .body(axum::body::Body::empty())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // The German page stays German for an English browser, and offers the English one.
    let offered = app
        .request(ask(
            "/veranstaltungen?datum=heute",
            "en-GB,en;q=0.9,de;q=0.5",
        ))
        .await;
    assert!(offered.has("<html lang=\"de\">"));
    assert!(
        offered.has("<p class=\"wrap language-hint\" lang=\"en\"><a href=\"/en/veranstaltungen?datum=heute\" hreflang=\"en\">This page is also available in English.</a></p>"),
        "{}",
        offered.body
    );
    assert!(
        offered
            .headers
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap_or_default().contains("Accept-Language"))
    );
    // A German browser gets no hint — also not from the page cache that just stored one.
    let plain = app
        .request(ask("/veranstaltungen?datum=heute", "de-DE,de"))
        .await;
    assert!(!plain.has("language-hint"), "{}", plain.body);
    // The English page offers German to a German browser.
    let back = app.request(ask("/en/veranstaltungen", "de")).await;
    assert!(back.has(
        "<a href=\"/de/veranstaltungen\" hreflang=\"de\">Diese Seite gibt es auch auf Deutsch.</a>"
    ));
}

#[tokio::test]
async fn english_pages_answer_304_when_the_browser_has_them() {
    let app = TestApp::new().await;
    app.event("Jazz").on("2026-12-03 20:00").create().await;
    // Anonymous (through the page cache) and with a cookie (straight from the handler).
    for cookie in [None, Some("id=abc")] {
        let ask = |etag: Option<&str>| {
            let mut req = axum::http::Request::get("/en/veranstaltungen");
            if let Some(c) = cookie {
                req = req.header("Cookie", c);
            }
            if let Some(e) = etag {
                req = req.header("If-None-Match", e);
            }
            req.body(axum::body::Body::empty())
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let page = app.request(ask(None)).await;
        assert!(page.has("<html lang=\"en\">"), "{}", page.body);
        assert!(page.has("href=\"/en/veranstaltungen/"), "{}", page.body);
        let etag = page
            .headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{cookie:?}: no ETag on the English page"))
            .to_owned();
        let again = app.request(ask(Some(&etag))).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{cookie:?}");
        assert!(again.body.is_empty());
        // The German page is another one, with another validator.
        let german = app.get("/veranstaltungen").await;
        assert_ne!(
            german.headers.get("etag").and_then(|v| v.to_str().ok()),
            Some(etag.as_str())
        );
    }
}
