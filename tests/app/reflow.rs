//! Reflow (WCAG 1.4.10) of every kind of page: at 360 CSS px nothing scrolls sideways.
//! The browser follows the links of the English pages the way the English link test does
//! (one page of each kind), logged out and as a member, an organisation's lead, a
//! moderator and an admin. The German-only pages (the magazine's and the social-media
//! desk, and every member, editor, moderator and admin page in German) are crawled the
//! same way through their German links.

use crate::browser::{Browser, start_with};
use std::collections::{HashSet, VecDeque};

/// The kind of a page, as the English link test counts them: a path whose slugs and
/// numbers (after the language's segment and the first one) are stars.
fn kind(path: &str) -> String {
    let first = if path.starts_with("/en") { 2 } else { 1 };
    path.split('/')
        .enumerate()
        .map(|(i, seg)| {
            if i > first && (seg.contains('-') || seg.chars().any(|c| c.is_ascii_digit())) {
                "*"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The links the crawl follows: the English pages' or the German pages'.
const ENGLISH_LINKS: &str = "a[href^=\"/en\"]";
const GERMAN_LINKS: &str = "a[href^=\"/\"]:not([href^=\"/en\"]):not([href^=\"//\"])";

const MEASURE: &str = "const w = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.visually-hidden, .skip-link, .hp, .table-scroll'))
        .slice(0, 4).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
    const links = Array.from(document.querySelectorAll(arguments[0])).map(a => a.getAttribute('href'));
    return [document.documentElement.scrollWidth, w, wide.join(', '), links, document.documentElement.lang];";

impl Browser {
    /// Visits one page of each kind reachable from `start`; returns the pages that
    /// scroll sideways and how many pages were measured.
    async fn reflow_crawl(&self, who: &str, start: &[&str]) -> (Vec<String>, usize) {
        let lang = if start.iter().all(|s| s.starts_with("/en")) {
            "en"
        } else {
            "de"
        };
        let links = if lang == "en" {
            ENGLISH_LINKS
        } else {
            GERMAN_LINKS
        };
        let mut queue: VecDeque<String> = start.iter().map(|s| (*s).to_owned()).collect();
        let mut kinds = HashSet::new();
        let mut problems = Vec::new();
        let mut measured = 0;
        while let Some(uri) = queue.pop_front() {
            let path = uri.split(['?', '#']).next().unwrap_or_default().to_owned();
            let last = path.rsplit('/').next().unwrap_or_default();
            // Files (.ics, .csv …) are not pages; logging out ends the tour; `/weiter/…`
            // counts a click and sends the browser to another site (tickets, sharing).
            if last.contains('.')
                || path.starts_with("/en/abmelden")
                || path.starts_with("/abmelden")
                || path.starts_with("/en/weiter/")
                || path.starts_with("/weiter/")
                || !kinds.insert(kind(&path))
            {
                continue;
            }
            if measured >= 150 {
                break;
            }
            self.open(&uri).await;
            let v = self
                .client
                .execute(MEASURE, vec![links.into()])
                .await
                .unwrap_or_else(|e| panic!("{uri}: {e}"));
            if v[4].as_str() != Some(lang) {
                continue;
            }
            measured += 1;
            let (scroll, client) = (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0));
            assert_eq!(client, 360, "the viewport is 360 CSS px wide");
            if scroll > client {
                problems.push(format!(
                    "{who} {uri}: {scroll} px wide at {client} px: {}",
                    v[2].as_str().unwrap_or_default()
                ));
            }
            for link in v[3].as_array().into_iter().flatten() {
                if let Some(href) = link.as_str() {
                    queue.push_back(href.to_owned());
                }
            }
        }
        eprintln!("reflow at 360 px, {who} ({lang}): {measured} kinds of page measured");
        (problems, measured)
    }
}

#[tokio::test]
async fn every_kind_of_page_reflows_at_360_px_logged_out_and_in_every_role() {
    // Without scroll bars the viewport is the window: 360 CSS px on every page.
    let Some(b) = start_with(&["--hide-scrollbars"]).await else {
        return;
    };
    b.client
        .set_window_size(360, 900)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (mut problems, mut total) = b
        .reflow_crawl(
            "visitor",
            &["/en", "/en/veranstaltung-melden", "/en/anmelden"],
        )
        .await;
    // Followers on the fediverse with long addresses, and a blocked instance, for the
    // moderators' fediverse page.
    crate::fediverse_moderation::some_followers(&b.app.state.db).await;
    let password = kulturportal::accounts::DEMO_PASSWORD;
    for (who, email, start) in [
        (
            "member",
            "mitglied@demo.kulturportal.invalid",
            &[
                "/en/mein-bereich",
                "/en/pinnwand",
                "/en/arbeitskreise",
                "/en/nachrichten",
                "/en/verein/mitglied-werden",
                "/en/verein/versammlungen",
            ][..],
        ),
        (
            "organisation lead",
            "redaktion@demo.kulturportal.invalid",
            &[
                "/en/mein-bereich",
                "/en/mein-bereich/veranstaltungen",
                "/en/pinnwand",
            ][..],
        ),
        (
            "moderator",
            "moderation@demo.kulturportal.invalid",
            &[
                "/en/moderation",
                "/en/moderation/protokoll",
                "/en/moderation/fediverse",
                "/en/mein-bereich",
            ][..],
        ),
        (
            "admin",
            "admin@demo.kulturportal.invalid",
            &[
                "/en/verwaltung",
                "/en/verwaltung/sichtbarkeit",
                "/en/moderation",
                "/en/mein-bereich",
                "/en/verein/register",
                "/en/verwaltung/verein",
                "/en/moderation/widersprueche",
            ][..],
        ),
    ] {
        b.log_in(email, password).await;
        let (found, measured) = b.reflow_crawl(who, start).await;
        problems.extend(found);
        total += measured;
        b.log_out().await;
    }
    assert!(total > 60, "only {total} pages measured");
    assert!(
        problems.is_empty(),
        "pages that scroll sideways at 360 px:\n{}",
        problems.join("\n")
    );
}

/// The social-media desk speaks German only (as the magazine's desk does), so the crawl
/// of English pages above does not reach it: its pages, with a post whose texts are long,
/// are measured here.
#[tokio::test]
async fn the_social_media_desk_reflows_at_360_px() {
    let Some(b) = start_with(&["--hide-scrollbars"]).await else {
        return;
    };
    b.client
        .set_window_size(360, 900)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let db = &b.app.state.db;
    let event = kulturportal::db::event_writes::first_published(db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no demo event"));
    let post = crate::social::post_in(db, event, "published", 1, 0).await;
    b.log_in(
        "admin@demo.kulturportal.invalid",
        kulturportal::accounts::DEMO_PASSWORD,
    )
    .await;
    let mut problems = Vec::new();
    for path in [
        "/redaktion/sozial".to_owned(),
        "/redaktion/sozial/neu".to_owned(),
        format!("/redaktion/sozial/{post}"),
        "/redaktion/sozial/bereit".to_owned(),
        "/mein-bereich/organisationen/kollektiv-floezlicht".to_owned(),
    ] {
        b.open(&path).await;
        let v = b
            .client
            .execute(MEASURE, vec![GERMAN_LINKS.into()])
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let (scroll, client) = (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0));
        assert_eq!(client, 360, "the viewport is 360 CSS px wide");
        if scroll > client {
            problems.push(format!(
                "{path}: {scroll} px wide: {}",
                v[2].as_str().unwrap_or_default()
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The German pages of members, the magazine's editor, moderators and admins, crawled as
/// the English ones are: the magazine's desk and its article form speak German only.
#[tokio::test]
async fn the_german_member_editor_moderator_and_admin_pages_reflow_at_360_px() {
    let Some(b) = start_with(&["--hide-scrollbars"]).await else {
        return;
    };
    b.client
        .set_window_size(360, 900)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    crate::fediverse_moderation::some_followers(&b.app.state.db).await;
    let password = kulturportal::accounts::DEMO_PASSWORD;
    let mut problems = Vec::new();
    let mut total = 0;
    for (who, email, start) in [
        (
            "member",
            "mitglied@demo.kulturportal.invalid",
            &[
                "/mein-bereich",
                "/pinnwand",
                "/nachrichten",
                "/arbeitskreise",
            ][..],
        ),
        (
            "organisation lead",
            "redaktion@demo.kulturportal.invalid",
            &["/mein-bereich", "/mein-bereich/veranstaltungen"][..],
        ),
        (
            "magazine editor",
            "magazin@demo.kulturportal.invalid",
            &["/redaktion", "/redaktion/neu", "/redaktion/sozial"][..],
        ),
        (
            "moderator",
            "moderation@demo.kulturportal.invalid",
            &[
                "/moderation",
                "/moderation/protokoll",
                "/moderation/fediverse",
            ][..],
        ),
        (
            "admin",
            "admin@demo.kulturportal.invalid",
            &[
                "/verwaltung",
                "/verwaltung/sichtbarkeit",
                "/verwaltung/verein",
                "/verein/register",
                "/redaktion",
                "/redaktion/neu",
            ][..],
        ),
    ] {
        b.log_in(email, password).await;
        let (found, measured) = b.reflow_crawl(who, start).await;
        problems.extend(found);
        total += measured;
        b.log_out().await;
    }
    assert!(total > 40, "only {total} German pages measured");
    assert!(
        problems.is_empty(),
        "German pages that scroll sideways at 360 px:\n{}",
        problems.join("\n")
    );
}
