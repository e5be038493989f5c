//! iCalendar, RSS and Atom exports, read back with independent parsers (`ical`, `feed-rs`).

use crate::support::TestApp;
use axum::http::StatusCode;
use kulturportal::domain::event::OccurrenceStatus;

/// The VEVENTs of a calendar as (name → value) maps; parameters joined into the name
/// (`DTSTART;TZID=Europe/Berlin`).
fn vevents(body: &str) -> Vec<std::collections::HashMap<String, String>> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(body.as_bytes()));
    let mut out = Vec::new();
    for cal in reader {
        let cal = cal.unwrap_or_else(|e| panic!("the ical crate refuses our calendar: {e}"));
        assert!(
            !cal.timezones.is_empty() || body.contains("BEGIN:VTIMEZONE"),
            "no VTIMEZONE"
        );
        for ev in cal.events {
            let mut map = std::collections::HashMap::new();
            for p in ev.properties {
                let params = p
                    .params
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| format!(";{k}={}", v.join(",")))
                    .collect::<String>();
                map.insert(format!("{}{params}", p.name), p.value.unwrap_or_default());
            }
            out.push(map);
        }
    }
    out
}

fn assert_strict_lines(body: &str) {
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(!body.replace("\r\n", "").contains('\n'), "bare LF");
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
    }
}

#[tokio::test]
async fn the_filtered_list_is_a_subscribable_calendar_for_strict_parsers() {
    let app = TestApp::new().await;
    let venue = app.venue("schauspielhaus", "mitte", true).await;
    let long = "Ein sehr langer Titel mit Umlauten: Fräulein Müllers größtes Abenteuer, erzählt, gesungen; und getanzt";
    app.event(long)
        .sparte("musik")
        .venue(venue)
        .on("2026-12-05 19:30")
        .create()
        .await;
    app.event("Abgesagtes Konzert")
        .sparte("musik")
        .venue(venue)
        .on_with("2026-12-06 20:00", OccurrenceStatus::Cancelled)
        .create()
        .await;
    app.event("Hamlet")
        .sparte("theater")
        .on("2026-12-07 19:00")
        .create()
        .await;
    let page = app.get("/veranstaltungen.ics?sparte=musik").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/calendar; charset=utf-8")
    );
    assert_strict_lines(&page.body);
    let events = vevents(&page.body);
    assert_eq!(events.len(), 2, "only Musik: {events:?}");
    let first = &events[0];
    assert_eq!(
        first.get("DTSTART;TZID=Europe/Berlin").map(String::as_str),
        Some("20261205T193000")
    );
    assert_eq!(
        first.get("DTEND;TZID=Europe/Berlin").map(String::as_str),
        Some("20261205T213000")
    );
    // The parser keeps escapes; unescaped, the title is ours again.
    let summary = first
        .get("SUMMARY")
        .cloned()
        .unwrap_or_default()
        .replace("\\,", ",")
        .replace("\\;", ";");
    assert_eq!(summary, long);
    assert!(
        first
            .get("LOCATION")
            .is_some_and(|l| l.contains("Teststraße 1"))
    );
    assert!(
        first
            .get("URL")
            .is_some_and(|u| u.starts_with("http://kultur.test/veranstaltungen/"))
    );
    assert!(
        first.contains_key("UID")
            && first.contains_key("DTSTAMP")
            && first.contains_key("SEQUENCE")
    );
    assert_eq!(first.get("CATEGORIES").map(String::as_str), Some("Musik"));
    assert_eq!(
        events[1].get("STATUS").map(String::as_str),
        Some("CANCELLED")
    );
    // The list page offers the subscription for exactly this filter.
    let list = app.get("/veranstaltungen?sparte=musik").await;
    assert!(list.has("webcal://kultur.test/veranstaltungen.ics?sparte=musik"));
    assert!(list.has("/veranstaltungen.rss?sparte=musik"));
}

#[tokio::test]
async fn uid_stays_and_sequence_grows_when_an_event_is_edited() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let cookie = app.login("eva@example.org").await;
    let musik = app.sparte_id("musik");
    let form = |title: &str| {
        format!(
            "title={title}&sparte={musik}&organisation={org}&venue=&location_text=Keller&date_mode=single&date=2026-12-05&time=19%3A30&price_kind=free&action=veroeffentlichen"
        )
    };
    let created = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &form("Jazz"),
            Some(&cookie),
        )
        .await;
    let id = created
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim_start_matches("/mein-bereich/veranstaltungen/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let before = vevents(&app.get("/veranstaltungen/jazz.ics").await.body);
    app.post(
        &format!("/mein-bereich/veranstaltungen/{id}"),
        &form("Jazz+am+Abend"),
        Some(&cookie),
    )
    .await;
    let after = vevents(&app.get("/veranstaltungen/jazz.ics").await.body);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].get("UID"), after[0].get("UID"));
    let seq = |e: &std::collections::HashMap<String, String>| {
        e.get("SEQUENCE")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(-1)
    };
    assert!(seq(&after[0]) > seq(&before[0]), "SEQUENCE must grow");
    assert_eq!(
        after[0].get("SUMMARY").map(String::as_str),
        Some("Jazz am Abend")
    );
}

#[tokio::test]
async fn a_series_keeps_its_local_time_across_the_change_to_summer_time() {
    let app = TestApp::new().await;
    let venue = app.venue("bahnhof-langendreer", "ost", true).await;
    // Summer time begins on Sunday 28 March 2027.
    let slug = app
        .event("Offene Bühne")
        .venue(venue)
        .on("2027-03-23 19:00")
        .on("2027-03-30 19:00")
        .create()
        .await;
    let events = vevents(&app.get(&format!("/veranstaltungen/{slug}.ics")).await.body);
    let starts: Vec<&str> = events
        .iter()
        .filter_map(|e| e.get("DTSTART;TZID=Europe/Berlin").map(String::as_str))
        .collect();
    assert_eq!(starts, vec!["20270323T190000", "20270330T190000"]);
    let uids: std::collections::HashSet<_> = events.iter().filter_map(|e| e.get("UID")).collect();
    assert_eq!(uids.len(), 2, "one UID per date");
    // A venue's programme as a calendar.
    let venue_cal = app.get("/orte/bahnhof-langendreer.ics").await;
    assert_eq!(vevents(&venue_cal.body).len(), 2);
    assert_eq!(
        app.get("/orte/gibt-es-nicht.ics").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_organisations_programme_is_a_calendar() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    app.event("Jazz")
        .organizer(org)
        .on("2026-12-05 19:30")
        .create()
        .await;
    app.event("Theater woanders")
        .on("2026-12-05 19:30")
        .create()
        .await;
    let page = app.get("/kulturszene/jazzkeller.ics").await;
    assert_eq!(page.status, StatusCode::OK);
    let events = vevents(&page.body);
    assert_eq!(events.len(), 1);
    assert!(page.body.contains("X-WR-CALNAME:Jazzkeller"));
}

#[tokio::test]
async fn rss_and_atom_carry_the_lists_filter_and_parse_in_feed_readers() {
    let app = TestApp::new().await;
    app.event("Jazz im Keller")
        .sparte("musik")
        .description("Mit *Trio*.")
        .on("2026-12-05 19:30")
        .create()
        .await;
    app.event("Hamlet")
        .sparte("theater")
        .on("2026-12-07 19:00")
        .create()
        .await;
    for (path, kind) in [
        ("/veranstaltungen.rss?sparte=musik", "rss"),
        ("/veranstaltungen.atom?sparte=musik", "atom"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .contains(kind)
        );
        let feed =
            feed_rs::parser::parse(page.body.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        let titles: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
            .collect();
        assert_eq!(
            titles,
            vec!["Sa., 5. Dezember, 19:30 Uhr: Jazz im Keller"],
            "{path}"
        );
        let link = feed.entries[0]
            .links
            .first()
            .map(|l| l.href.clone())
            .unwrap_or_default();
        assert!(
            link.starts_with("http://kultur.test/veranstaltungen/jazz-im-keller"),
            "{link}"
        );
    }
    assert_eq!(
        app.get("/veranstaltungen.rss?sparte=%3Cscript%3E")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

/// The JSON-LD block of a page.
fn jsonld(body: &str) -> serde_json::Value {
    let start = body
        .find("<script type=\"application/ld+json\">")
        .unwrap_or_else(|| panic!("no JSON-LD"));
    let rest = &body[start + "<script type=\"application/ld+json\">".len()..];
    let end = rest
        .find("</script>")
        .unwrap_or_else(|| panic!("unclosed JSON-LD"));
    serde_json::from_str(&rest[..end]).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}"))
}

#[tokio::test]
async fn event_pages_carry_schema_org_events_opengraph_and_share_links() {
    let app = TestApp::new().await;
    let venue = app.venue("schauspielhaus", "mitte", true).await;
    let slug = app
        .event("Jazz </script> im Keller")
        .sparte("musik")
        .venue(venue)
        .subtitle("Ein Abend mit dem Trio Nord")
        .on("2026-12-05 19:30")
        .on_with("2026-12-12 19:30", OccurrenceStatus::Cancelled)
        .create()
        .await;
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    let ld = jsonld(&page.body);
    let first = &ld[0];
    assert_eq!(first["@type"], "MusicEvent");
    assert_eq!(first["name"], "Jazz </script> im Keller");
    assert_eq!(first["startDate"], "2026-12-05T19:30:00+01:00");
    assert_eq!(first["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(
        first["eventAttendanceMode"],
        "https://schema.org/OfflineEventAttendanceMode"
    );
    assert_eq!(first["location"]["@type"], "Place");
    assert_eq!(first["location"]["address"]["postalCode"], "44787");
    assert_eq!(first["offers"]["@type"], "AggregateOffer");
    assert_eq!(first["offers"]["lowPrice"], "10.00");
    assert_eq!(first["offers"]["priceCurrency"], "EUR");
    assert_eq!(ld[1]["eventStatus"], "https://schema.org/EventCancelled");
    assert!(
        page.has("<meta property=\"og:title\" content=\"Jazz &#60;/script&#62; im Keller\">")
            || page.has("og:title\" content=\"Jazz &lt;/script&gt; im Keller\""),
        "og:title"
    );
    assert!(page.has("<meta property=\"og:description\" content=\"Ein Abend mit dem Trio Nord\">"));
    // Web services through the portal's counting redirect, mail directly.
    assert!(page.has(&format!("/weiter/teilen/{slug}/whatsapp")) && page.has("mailto:?subject="));
    // Mastodon: the visitor's instance, shown as a link, only for pages of the portal.
    let share = app
        .get(&format!(
            "/teilen/mastodon?instanz=%40ada%40ruhr.social&seite=%2Fveranstaltungen%2F{slug}"
        ))
        .await;
    assert_eq!(share.status, StatusCode::OK);
    assert!(share.has(&format!(
        "https://ruhr.social/share?text=http%3A%2F%2Fkultur.test%2Fveranstaltungen%2F{slug}"
    )));
    assert_eq!(
        app.get("/teilen/mastodon?instanz=evil.example%2Fx&seite=%2F")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/teilen/mastodon?instanz=ruhr.social&seite=https%3A%2F%2Fevil.example")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let backslash = app
        .get("/teilen/mastodon?instanz=ruhr.social&seite=%2F%5Cevil.example")
        .await;
    assert_eq!(
        backslash.status,
        StatusCode::NOT_FOUND,
        "/\\host is another site"
    );
    // Venue pages describe the place.
    let venue_page = app.get("/orte/schauspielhaus").await;
    let place = jsonld(&venue_page.body);
    assert_eq!(place["@type"], "Place");
    assert_eq!(place["address"]["streetAddress"], "Teststraße 1");
}

#[tokio::test]
async fn the_embeddable_list_may_be_framed_and_nothing_else_may() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    for day in ["05", "06", "07"] {
        app.event(&format!("Jazz am {day}."))
            .organizer(org)
            .on(&format!("2026-12-{day} 19:30"))
            .create()
            .await;
    }
    app.event("Fremd").on("2026-12-05 19:30").create().await;
    let page = app
        .get("/einbetten?veranstalter=jazzkeller&anzahl=2&titel=Unser+Programm")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        csp.contains("frame-ancestors *") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(page.has("<h1 class=\"embed-title\">Unser Programm</h1>"));
    assert!(
        page.has(">Jazz am 05.<")
            && page.has(">Jazz am 06.<")
            && !page.has(">Jazz am 07.<")
            && !page.has(">Fremd<")
    );
    assert!(page.has("target=\"_blank\" rel=\"noopener\""));
    assert!(
        !page.has("class=\"site-header\""),
        "no portal frame inside the iframe"
    );
    // Sites in English embed the English list, with links to the English pages.
    let english = app
        .get("/en/einbetten?veranstalter=jazzkeller&anzahl=2")
        .await;
    assert!(english.has("<html lang=\"en\">") && english.has(">Upcoming events</h1>"));
    assert!(
        english.has("Sat 5 December 2026, 7:30 pm"),
        "{}",
        english.body
    );
    assert!(english.has("<span lang=\"de\">Jazz am 05.</span>"));
    assert!(
        english.has("/en/veranstaltungen/") && english.has("All dates in the Kulturportal Bochum")
    );
    assert!(!english.has("Kommende"));
    let other = app.get("/veranstaltungen").await;
    let csp = other
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(csp.contains("frame-ancestors 'none'"));
    let script = app.get("/einbetten.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.has("data-kulturportal"));
    assert_eq!(
        app.get("/einbetten?sparte=%3Cx%3E").await.status,
        StatusCode::BAD_REQUEST
    );
    // Owners and editors find the snippet for their organisation.
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let cookie = app.login("eva@example.org").await;
    let manage = app
        .get_as("/mein-bereich/organisationen/jazzkeller", &cookie)
        .await;
    assert!(manage.has("einbetten?veranstalter=jazzkeller") && manage.has("einbetten.js"));
    assert!(
        manage.has("title=&#34;Programm: Jazzkeller&#34;"),
        "{}",
        manage.body
    );
    let english = app
        .get_as("/en/mein-bereich/organisationen/jazzkeller", &cookie)
        .await;
    assert!(
        english.has("/en/einbetten?veranstalter=jazzkeller")
            && english.has("title=&#34;Programme: Jazzkeller&#34;"),
        "{}",
        english.body
    );
}
