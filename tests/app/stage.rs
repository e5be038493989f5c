//! The public stage as a visitor sees it: the phone-first list (total, „Filter (n)“,
//! badges, Tickets, a cancelled date never first), pictures on every card, and the event
//! page's single-date calendar file.

use crate::support::{TestApp, local};
use kulturportal::db::seed::NewOccurrence;
use kulturportal::domain::event::OccurrenceStatus;

/// `n` one-hour dates, one every `step` hours from local `first`.
fn dates(first: &str, n: i64, step: i64) -> Vec<NewOccurrence> {
    let start = local(first).timestamp();
    (0..n)
        .map(|i| NewOccurrence {
            starts_at: start + i * step * 3600,
            ends_at: start + i * step * 3600 + 3600,
            all_day: false,
            status: OccurrenceStatus::Scheduled,
            from_rule: false,
        })
        .collect()
}

/// The text of the results summary.
fn summary(body: &str) -> String {
    body.split_once("class=\"results-summary\" role=\"status\">")
        .and_then(|(_, rest)| rest.split_once("</p>"))
        .map(|(s, _)| s.to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_list_names_the_real_total_with_digit_grouping_and_the_page_count() {
    let app = TestApp::new().await;
    app.event("Stundenkonzert")
        .occurrences(dates("2026-12-03 08:00", 1001, 2))
        .create()
        .await;
    let first = app.get("/veranstaltungen").await;
    assert_eq!(
        summary(&first.body),
        "1.001 Termine – Seite 1 von 26",
        "{}",
        summary(&first.body)
    );
    let second = app.get("/veranstaltungen?seite=2").await;
    assert_eq!(summary(&second.body), "1.001 Termine – Seite 2 von 26");
    let english = app.get("/en/veranstaltungen").await;
    assert_eq!(summary(&english.body), "1,001 dates – Page 1 of 26");
    let few = app
        .get("/veranstaltungen?von=2026-12-03&bis=2026-12-03")
        .await;
    assert_eq!(summary(&few.body), "8 Termine – Seite 1 von 1");
}

#[tokio::test]
async fn search_hits_are_counted_too() {
    let app = TestApp::new().await;
    for i in 0..23 {
        app.event(&format!("Orgelnacht {i}"))
            .on("2026-12-05 19:30")
            .create_elsewhere()
            .await;
    }
    app.reindex().await;
    let page = app.get("/veranstaltungen?q=Orgelnacht").await;
    assert_eq!(
        summary(&page.body),
        "23 Treffer, nach Relevanz sortiert – Seite 1 von 2"
    );
}

#[tokio::test]
async fn on_a_phone_the_filters_wait_behind_a_filter_control_that_counts_them() {
    let app = TestApp::new().await;
    app.event("Der Sturm")
        .sparte("theater")
        .free()
        .on("2026-12-05 19:30")
        .create()
        .await;
    let page = app
        .get("/veranstaltungen?sparte=theater&bezirk=mitte&kostenlos=1&q=Sturm")
        .await;
    assert!(
        page.has(r#"<details class="filter-panel" data-open-wide>"#),
        "closed without JavaScript: {}",
        page.body
    );
    assert!(page.has(
        r#"<summary class="filter-toggle"><span id="filter-toggle">Filter (3)</span></summary>"#
    ));
    // Every filter choice is inside the panel; only the search box comes before it.
    let (before, _) = page
        .body
        .split_once("<details class=\"filter-panel\"")
        .unwrap_or_default();
    assert!(!before.contains("type=\"checkbox\""), "{before}");
    let plain = app.get("/veranstaltungen").await;
    assert!(
        plain.has(
            r#"<summary class="filter-toggle"><span id="filter-toggle">Filter</span></summary>"#
        )
    );
    let english = app.get("/en/veranstaltungen?kostenlos=1").await;
    assert!(english.has(
        r#"<summary class="filter-toggle"><span id="filter-toggle">Filters (1)</span></summary>"#
    ));
    // When htmx swaps only the results after a checkbox changed, the fragment brings the
    // new count along out of band, so the control never shows the count of the last load.
    let req = axum::http::Request::get("/veranstaltungen?sparte=theater&kostenlos=1")
        .header("HX-Request", "true")
        .body(axum::body::Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let fragment = app.request(req).await;
    assert!(!fragment.has("<html"), "a fragment, not a page");
    assert!(
        fragment.has(r#"<span id="filter-toggle" data-hx-swap-oob="true">Filter (2)</span>"#),
        "{}",
        fragment.body
    );
}

#[tokio::test]
async fn cards_show_badges_and_a_tickets_button() {
    let app = TestApp::new().await;
    app.event("Umsonst und draußen")
        .free()
        .on("2026-12-03 18:00")
        .create()
        .await;
    app.event("Volles Haus")
        .on_with("2026-12-03 19:00", OccurrenceStatus::SoldOut)
        .ticket("https://tickets.example/volles-haus")
        .create()
        .await;
    app.event("Fällt aus")
        .on_with("2026-12-03 20:00", OccurrenceStatus::Cancelled)
        .ticket("https://tickets.example/faellt-aus")
        .create()
        .await;
    app.event("Mit Karten")
        .on("2026-12-03 21:00")
        .ticket("https://tickets.example/karten")
        .create()
        .await;
    let page = app.get("/veranstaltungen").await;
    assert!(page.has(r#"<strong class="badge badge-free">kostenlos</strong>"#));
    assert!(page.has(r#"<strong class="badge badge-sold_out">Ausverkauft</strong>"#));
    assert!(page.has(r#"<strong class="badge badge-cancelled">Abgesagt</strong>"#));
    // The button goes through the counting redirect to the organiser's ticket page.
    let button = |title: &str| {
        page.body
            .split("<a class=\"button button-ticket\" href=\"")
            .skip(1)
            .find(|rest| rest.contains(&format!(": {title}</span>")))
            .and_then(|rest| rest.split_once('"'))
            .map(|(href, _)| href.to_owned())
            .unwrap_or_default()
    };
    let tickets = button("Mit Karten");
    assert!(
        tickets.starts_with("/weiter/karten/mit-karten"),
        "{}",
        page.body
    );
    assert!(button("Volles Haus").starts_with("/weiter/karten/volles-haus"));
    assert!(
        button("Fällt aus").is_empty() && !page.has("/weiter/karten/faellt-aus"),
        "no tickets for a cancelled date"
    );
    let away = app.get(&tickets).await;
    assert!(away.status.is_redirection(), "{}", away.status);
    assert_eq!(away.location(), "https://tickets.example/karten");
    let english = app.get("/en/veranstaltungen").await;
    assert!(
        english.has(&format!("href=\"/en{tickets}\"")),
        "{}",
        english.body
    );
}

#[tokio::test]
async fn a_cancelled_date_is_marked_and_never_the_best_match() {
    let app = TestApp::new().await;
    app.event("Der Sturm")
        .on_with("2026-12-04 19:30", OccurrenceStatus::Cancelled)
        .create()
        .await;
    app.event("Lesung am Kamin")
        .description("Wir lesen aus Shakespeares Sturm.")
        .on("2026-12-05 19:30")
        .create()
        .await;
    app.event("Sturm im Wasserglas")
        .on_with("2026-12-03 19:30", OccurrenceStatus::Cancelled)
        .on("2026-12-10 19:30")
        .create()
        .await;
    let page = app.get("/veranstaltungen?q=Sturm").await;
    let titles = page.titles();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert_eq!(
        titles.last().map(String::as_str),
        Some("Der Sturm"),
        "{titles:?}"
    );
    assert!(page.has("badge-cancelled"), "still shown, marked");
    // An event with a cancelled and a later date is shown with the date that takes place.
    assert!(page.has("10. Dezember"), "{}", page.body);
}

#[tokio::test]
async fn the_event_page_has_tickets_and_puts_the_chosen_date_into_the_calendar() {
    let app = TestApp::new().await;
    let slug = app
        .event("Winterreise")
        .on("2026-12-04 19:30")
        .on("2026-12-11 19:30")
        .on("2026-12-18 19:30")
        .ticket("https://tickets.example/winterreise")
        .create()
        .await;
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    assert!(page.has(&format!(
        r#"<a class="button button-ticket" href="/weiter/karten/{slug}" rel="noopener nofollow">Tickets"#
    )));
    assert!(page.has(&format!(
        r#"<form class="calendar-form" action="/veranstaltungen/{slug}.ics" method="get">"#
    )));
    assert!(page.has("In meinen Kalender</button>"));
    let ids: Vec<String> = page
        .body
        .split("<option value=\"")
        .skip(1)
        .filter_map(|s| s.split_once('"').map(|(v, _)| v.to_owned()))
        .collect();
    assert_eq!(ids.len(), 3, "{}", page.body);
    assert!(page.has(&format!(r#"<option value="{}" selected>"#, ids[0])));
    // Coming from a list with the second date chosen, that one is offered: the list's
    // card for 11 December links to the event with that date.
    let list = app
        .get("/veranstaltungen?von=2026-12-10&bis=2026-12-12")
        .await;
    let card = format!(
        r#"<a href="/veranstaltungen/{slug}?termin={}">Winterreise</a>"#,
        ids[1]
    );
    assert!(list.has(&card), "{}", list.body);
    let chosen = app
        .get(&format!("/veranstaltungen/{slug}?termin={}", ids[1]))
        .await;
    assert!(chosen.has(&format!(r#"<option value="{}" selected>"#, ids[1])));
    // The address with the date is not a page of its own for search engines.
    assert!(
        chosen.has(&format!(
            r#"<link rel="canonical" href="http://localhost/veranstaltungen/{slug}">"#
        )) || chosen.has(&format!("/veranstaltungen/{slug}\">")),
        "{}",
        chosen.body
    );
    let one = app
        .get(&format!("/veranstaltungen/{slug}.ics?termin={}", ids[1]))
        .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body.matches("BEGIN:VEVENT").count(), 1, "{}", one.body);
    assert!(
        one.body
            .contains("DTSTART;TZID=Europe/Berlin:20261211T193000"),
        "{}",
        one.body
    );
    let all = app.get(&format!("/veranstaltungen/{slug}.ics")).await;
    assert_eq!(all.body.matches("BEGIN:VEVENT").count(), 3);
    let bad = app
        .get(&format!("/veranstaltungen/{slug}.ics?termin=abc"))
        .await;
    assert_eq!(bad.status, 404);
    let other = app
        .get(&format!("/veranstaltungen/{slug}.ics?termin=999999"))
        .await;
    assert_eq!(other.status, 404);
}

#[tokio::test]
async fn every_card_has_a_picture_with_srcset_lazy_below_the_first_screen() {
    let app = TestApp::new().await;
    for (i, day) in ["03", "04", "05", "06", "07"].iter().enumerate() {
        app.event(&format!("Abend {i}"))
            .sparte("musik")
            .on(&format!("2026-12-{day} 19:30"))
            .create()
            .await;
    }
    let page = app.get("/veranstaltungen").await;
    let cards: Vec<&str> = page.body.split("<li class=\"event").skip(1).collect();
    assert_eq!(cards.len(), 5);
    for (i, card) in cards.iter().enumerate() {
        let img = card
            .split_once("<img class=\"event-picture\"")
            .map(|(_, rest)| rest.split_once('>').map(|(a, _)| a).unwrap_or(rest))
            .unwrap_or_else(|| panic!("card {i} without picture: {card}"));
        assert!(img.contains("srcset=\"/medien/plakat/"), "{img}");
        assert!(img.contains(" 480w"), "{img}");
        assert!(img.contains("sizes=\""), "{img}");
        assert!(img.contains("width=\"1200\" height=\"630\""), "{img}");
        assert!(img.contains("alt=\"Plakat"), "{img}");
        assert_eq!(img.contains("loading=\"lazy\""), i >= 3, "card {i}: {img}");
    }
    assert!(page.has("sparte-musik"));
    // The same cards on the start page, a Sparte page and a venue's programme.
    for path in ["/", "/sparten/musik"] {
        let p = app.get(path).await;
        assert!(p.has("<img class=\"event-picture\""), "{path}");
    }
}

/// The part of the start page between `from` and the next `</section>`.
fn section<'a>(body: &'a str, from: &str) -> &'a str {
    body.split_once(from)
        .map(|(_, rest)| rest.split_once("</section>").map_or(rest, |(s, _)| s))
        .unwrap_or("")
}

fn titles_in(part: &str) -> Vec<String> {
    part.split("class=\"event-title\"><a href=\"")
        .skip(1)
        .filter_map(|s| {
            s.split_once("\">")
                .and_then(|(_, rest)| rest.split_once("</a>"))
                .map(|(t, _)| t.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn the_start_page_shows_the_whole_weekend_by_day_each_a_balanced_choice() {
    let app = TestApp::new().await; // Wednesday 2 December 2026
    let haus = app.org("grosses-haus", "Großes Haus").await;
    let lesebuehne = app.org("lesebuehne", "Lesebühne Ehrenfeld").await;
    // Friday: a day of dates before the evening, then two in the evening.
    for h in 9..17 {
        app.event(&format!("Freitag früh {h}"))
            .sparte("musik")
            .organizer(haus)
            .on(&format!("2026-12-04 {h:02}:00"))
            .create_elsewhere()
            .await;
    }
    app.event("Freitagskonzert")
        .sparte("musik")
        .organizer(haus)
        .on("2026-12-04 19:00")
        .create_elsewhere()
        .await;
    // Saturday: twelve concerts of one house from the morning on, then theatre and a
    // reading by a small actor in the evening.
    for h in 8..20 {
        app.event(&format!("Samstagskonzert {h}"))
            .sparte("musik")
            .organizer(haus)
            .on(&format!("2026-12-05 {h:02}:00"))
            .create_elsewhere()
            .await;
    }
    app.event("Die Räuber")
        .sparte("theater")
        .on("2026-12-05 20:30")
        .create_elsewhere()
        .await;
    app.event("Lesung im Hinterhof")
        .sparte("literatur")
        .organizer(lesebuehne)
        .on("2026-12-05 21:00")
        .create_elsewhere()
        .await;
    app.event("Sonntagsmatinee")
        .sparte("musik")
        .on("2026-12-06 11:00")
        .create_elsewhere()
        .await;
    app.reindex().await;
    let home = app.get("/").await;
    assert!(home.has("Freitagabend, 4. Dezember 2026"), "{}", home.body);
    assert!(home.has("Samstag, 5. Dezember 2026"));
    assert!(home.has("Sonntag, 6. Dezember 2026"));
    let friday = titles_in(section(&home.body, "id=\"wochenende-2026-12-04\""));
    assert_eq!(friday, vec!["Freitagskonzert"], "only the evening");
    let saturday = titles_in(section(&home.body, "id=\"wochenende-2026-12-05\""));
    assert_eq!(saturday.len(), 6, "{saturday:?}");
    assert!(saturday.contains(&"Die Räuber".to_owned()), "{saturday:?}");
    assert!(
        saturday.contains(&"Lesung im Hinterhof".to_owned()),
        "{saturday:?}"
    );
    assert_eq!(
        saturday.first().map(String::as_str),
        Some("Samstagskonzert 8"),
        "in time order: {saturday:?}"
    );
    let sunday = titles_in(section(&home.body, "id=\"wochenende-2026-12-06\""));
    assert_eq!(sunday, vec!["Sonntagsmatinee"]);
    // Highlights of the week mix Sparten and include the small actor.
    let tips = titles_in(section(&home.body, "id=\"tipps\""));
    assert!(tips.contains(&"Lesung im Hinterhof".to_owned()), "{tips:?}");
    assert!(tips.contains(&"Die Räuber".to_owned()), "{tips:?}");
    let english = app.get("/en").await;
    assert!(
        english.has("Friday evening, 4 December 2026"),
        "{}",
        english.body
    );
    assert!(english.has("Saturday 5 December 2026"));
}

#[tokio::test]
async fn on_saturday_the_weekend_is_saturday_and_sunday() {
    let app = TestApp::at("2026-12-05 12:00").await;
    app.event("Samstagabend")
        .on("2026-12-05 20:00")
        .create()
        .await;
    app.event("Sonntag").on("2026-12-06 15:00").create().await;
    let home = app.get("/").await;
    assert!(!home.has("Freitagabend"));
    assert_eq!(
        titles_in(section(&home.body, "id=\"wochenende-2026-12-05\"")),
        vec!["Samstagabend"]
    );
    assert_eq!(
        titles_in(section(&home.body, "id=\"wochenende-2026-12-06\"")),
        vec!["Sonntag"]
    );
}

#[tokio::test]
async fn directory_cards_show_logos_and_venue_photos() {
    let app = TestApp::demo().await;
    let page = app.get("/kulturszene").await;
    assert!(page.has("<img class=\"event-picture\""), "{}", page.body);
    let first = page
        .body
        .split_once("<img class=\"event-picture\"")
        .map(|(_, r)| r.split_once('>').map_or(r, |(a, _)| a))
        .unwrap_or_default();
    assert!(first.contains("srcset=\"/medien/"), "{first}");
    assert!(first.contains("alt=\""), "{first}");
    let home = app.get("/").await;
    assert!(home.has("class=\"discover-picture\""), "{}", home.body);
    assert!(home.has("class=\"sparte-tile sparte-theater\""));
}
