//! The members' home: notifications (also for moderation decisions), activity in one's
//! working groups and clashes with one's own coming events; reporting a private message;
//! the space a working group's files may take.

use crate::support::{TestApp, multipart_post};
use axum::http::StatusCode;

/// The home's section with the given heading id, up to the next section.
fn section(page: &crate::support::Page, id: &str) -> String {
    page.body
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_home_shows_clashes_with_own_events_and_news_from_groups() {
    let app = TestApp::new().await;
    let mitte = app.venue("schauspielhaus", "mitte", true).await;
    let also_mitte = app.venue("rottstr5", "mitte", false).await;
    let wat = app.venue("alte-lohnhalle", "wattenscheid", true).await;
    let own = app.org("prinz-regent", "Prinz Regent Theater").await;
    let other = app.org("rottstr", "Rottstr5 Theater").await;
    let lea = app.user("lea@example.org", "member").await;
    app.member(own, lea, "editor").await;
    app.event("Die Möwe")
        .sparte("theater")
        .on("2026-12-12 19:30")
        .venue(mitte)
        .organizer(own)
        .create()
        .await;
    app.event("Gastspiel Woyzeck")
        .sparte("theater")
        .on("2026-12-12 20:00")
        .venue(also_mitte)
        .organizer(other)
        .create()
        .await;
    // Not clashes: another Sparte, another district, another day.
    app.event("Kammerkonzert")
        .sparte("musik")
        .on("2026-12-12 19:00")
        .venue(also_mitte)
        .organizer(other)
        .create()
        .await;
    app.event("Woyzeck in Wattenscheid")
        .sparte("theater")
        .on("2026-12-12 19:00")
        .venue(wat)
        .organizer(other)
        .create()
        .await;
    app.event("Gastspiel am Sonntag")
        .sparte("theater")
        .on("2026-12-13 18:00")
        .venue(also_mitte)
        .organizer(other)
        .create()
        .await;
    let lea_c = app.login("lea@example.org").await;
    let home = app.get_as("/mein-bereich", &lea_c).await;
    let clashes = section(&home, "ueberschneidungen");
    assert!(
        clashes.contains("Sa., 12. Dezember")
            && clashes.contains("„Die Möwe“")
            && clashes.contains("ein weiterer Termin der Sparte Theater in Bochum-Mitte")
            && clashes.contains("Gastspiel Woyzeck"),
        "{clashes}"
    );
    for not in [
        "Kammerkonzert",
        "Woyzeck in Wattenscheid",
        "Gastspiel am Sonntag",
    ] {
        assert!(!clashes.contains(not), "{not}: {clashes}");
    }

    // A thread in a group Lea belongs to shows up; one in a group she left does not.
    app.user("max@example.org", "member").await;
    let max_c = app.login("max@example.org").await;
    app.post("/arbeitskreise", "name=Clubkultur", Some(&max_c))
        .await;
    app.post("/arbeitskreise", "name=Kulturelle+Bildung", Some(&max_c))
        .await;
    app.post("/arbeitskreise/clubkultur/beitreten", "", Some(&lea_c))
        .await;
    app.post(
        "/arbeitskreise/clubkultur/themen",
        "title=Sperrstunde+im+Bermudadreieck&text=Was+wissen+wir%3F",
        Some(&max_c),
    )
    .await;
    app.post(
        "/arbeitskreise/kulturelle-bildung/themen",
        "title=Schulprojekte+2027&text=Ideen%3F",
        Some(&max_c),
    )
    .await;
    let groups = section(
        &app.get_as("/mein-bereich", &lea_c).await,
        "aus-arbeitskreisen",
    );
    assert!(
        groups.contains("Clubkultur") && groups.contains("Sperrstunde im Bermudadreieck"),
        "{groups}"
    );
    assert!(!groups.contains("Schulprojekte"), "{groups}");
    // A member without organisations and groups sees neither section.
    let max_home = app.get_as("/mein-bereich", &max_c).await;
    assert!(!max_home.has("id=\"ueberschneidungen\""));
}

#[tokio::test]
async fn notifications_are_kept_in_the_home_also_for_decisions_and_without_mail() {
    let app = TestApp::new().await;
    let org = app
        .org_with("freies-ensemble", "Freies Ensemble", false)
        .await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    app.user("mod@example.org", "moderator").await;
    let eva_c = app.login("eva@example.org").await;
    let mod_c = app.login("mod@example.org").await;
    let empty = app.get_as("/mein-bereich", &eva_c).await;
    assert!(section(&empty, "neuigkeiten").contains("Noch keine."));

    // An unverified organisation's event waits; the moderator hears of it.
    let musik = app.sparte_id("musik");
    let saved = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &format!(
                "title=Jazz+im+Keller&subtitle=&description=Ein+Abend+mit+Jazz.&sparte={musik}&tags=&organisation={org}\
                 &venue=&location_text=Kulturkeller+an+der+Ruhr&date_mode=single&date=2026-12-20&time=20%3A00&end_time=\
                 &price_kind=free&language=de&action=veroeffentlichen"
            ),
            Some(&eva_c),
        )
        .await;
    let id = saved
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.split('/').nth(3))
        .and_then(|s| s.split('?').next())
        .unwrap_or_default()
        .to_owned();
    assert!(!id.is_empty(), "{}", saved.body);
    let mod_home = app.get_as("/mein-bereich", &mod_c).await;
    assert!(
        section(&mod_home, "neuigkeiten").contains("Zur Freigabe: Jazz im Keller"),
        "{}",
        mod_home.body
    );
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("To: mod@example.org") && m.contains("/abbestellen/"))
    );

    // Eva switched decision mails off: the approval is not mailed, but listed.
    app.post(
        "/mein-bereich/benachrichtigungen",
        "entscheidungen=aus",
        Some(&eva_c),
    )
    .await;
    let mails_before = app.mails().len();
    app.post(
        &format!("/moderation/veranstaltungen/{id}/freigeben"),
        "",
        Some(&mod_c),
    )
    .await;
    assert!(
        !app.mails()[mails_before..]
            .iter()
            .any(|m| m.contains("To: eva@example.org")),
        "no mail for a kind switched off"
    );
    let home = app.get_as("/mein-bereich", &eva_c).await;
    let news = section(&home, "neuigkeiten");
    assert!(
        news.contains("1 neu")
            && news.contains("neu:</strong> <a href=\"/veranstaltungen/jazz-im-keller\">Freigegeben: Jazz im Keller</a>"),
        "{news}"
    );
    // Seen once, it is no longer new.
    let again = section(&app.get_as("/mein-bereich", &eva_c).await, "neuigkeiten");
    assert!(
        again.contains("Freigegeben: Jazz im Keller") && !again.contains("neu"),
        "{again}"
    );
    // Decisions can be unsubscribed from without logging in, like every kind.
    let settings = app.get_as("/mein-bereich/benachrichtigungen", &eva_c).await;
    assert!(settings.has("Entscheidungen der Moderation"));
    // And they are in the member's data export.
    let export = app.get_as("/mein-bereich/daten", &eva_c).await;
    assert!(export.json()["notifications"][0]["subject"] == "Freigegeben: Jazz im Keller");
}

#[tokio::test]
async fn a_reported_message_reaches_the_moderators_alone_and_can_be_hidden() {
    let app = TestApp::new().await;
    let ada = app.user("ada@example.org", "member").await;
    app.user("ben@example.org", "member").await;
    app.user("carl@example.org", "member").await;
    app.user("mod@example.org", "moderator").await;
    let (ada_c, ben_c, carl_c, mod_c) = (
        app.login("ada@example.org").await,
        app.login("ben@example.org").await,
        app.login("carl@example.org").await,
        app.login("mod@example.org").await,
    );
    let started = app
        .post(
            "/nachrichten/neu",
            &format!("an=mitglied%3A{ada}&subject=Ihr+Aushang&message=Unversch%C3%A4mtes+Angebot"),
            Some(&ben_c),
        )
        .await;
    let thread = started
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split('#')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(thread.starts_with("/nachrichten/"), "{thread}");
    app.post(&thread, "message=Bitte+nicht+so.", Some(&ada_c))
        .await;
    let page = app.get_as(&thread, &ada_c).await;
    // Ada may report Ben's message, not her own.
    let report_url = page
        .body
        .split(&format!("action=\"{thread}/melden/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|id| format!("{thread}/melden/{id}"))
        .unwrap_or_default();
    assert_eq!(page.body.matches("/melden/").count(), 1, "{}", page.body);
    // Outsiders cannot report into a thread they do not take part in.
    assert_eq!(
        app.post(&report_url, "reason=x", Some(&carl_c))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(&format!("{thread}/melden/999999"), "", Some(&ada_c))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let reported = app
        .post(&report_url, "reason=Bel%C3%A4stigung", Some(&ada_c))
        .await;
    assert!(reported.has("Gemeldet"), "{}", reported.body);
    // The moderator sees that one message and the reason, not the rest of the thread.
    let queue = app.get_as("/moderation", &mod_c).await;
    let messages = section(&queue, "nachrichten");
    assert!(
        messages.contains("Unverschämtes Angebot") && messages.contains("Belästigung"),
        "{messages}"
    );
    assert!(!queue.has("Bitte nicht so."));
    let hide = messages
        .split("action=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert!(hide.ends_with("/ausblenden"), "{hide}");
    assert_eq!(
        app.post(&hide, "", Some(&ben_c)).await.status,
        StatusCode::FORBIDDEN
    );
    app.post(&hide, "", Some(&mod_c)).await;
    for who in [&ada_c, &ben_c] {
        let seen = app.get_as(&thread, who).await;
        assert!(
            !seen.has("Unverschämtes Angebot")
                && seen.has("hat die Moderation nach einer Meldung ausgeblendet")
                && seen.has("Bitte nicht so."),
            "{}",
            seen.body
        );
    }
    assert!(section(&app.get_as("/moderation", &mod_c).await, "nachrichten").contains("Keine."));
    // Deciding twice finds nothing to decide.
    assert_eq!(
        app.post(&hide, "", Some(&mod_c)).await.status,
        StatusCode::NOT_FOUND
    );
    let log = app.get_as("/moderation/protokoll", &mod_c).await;
    assert!(
        log.has("hat eine gemeldete Nachricht ausgeblendet."),
        "{}",
        log.body
    );
}

#[tokio::test]
async fn a_working_group_keeps_files_within_its_space() {
    let mut app = TestApp::new().await;
    app.state.group_quota = 1000;
    app.rebuild_router();
    app.user("lea@example.org", "member").await;
    app.user("max@example.org", "member").await;
    let lea = app.login("lea@example.org").await;
    let max = app.login("max@example.org").await;
    app.post("/arbeitskreise", "name=Clubkultur", Some(&lea))
        .await;
    app.post("/arbeitskreise/clubkultur/beitreten", "", Some(&max))
        .await;
    let upload = |cookie: &str, size: usize| {
        multipart_post(
            "/arbeitskreise/clubkultur/dateien",
            "",
            "file",
            &vec![b'a'; size],
            cookie,
        )
    };
    assert_eq!(
        app.request(upload(&max, 600)).await.status,
        StatusCode::SEE_OTHER
    );
    let full = app.request(upload(&lea, 600)).await;
    assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        full.has(
            "Der Platz des Arbeitskreises reicht für diese Datei nicht: 1 KB von 1 KB sind belegt"
        ),
        "{}",
        full.body
    );
    let page = app.get_as("/arbeitskreise/clubkultur", &lea).await;
    assert!(page.has("Speicherplatz: 1 KB von 1 KB belegt."));
    let delete = page
        .body
        .split("action=\"/arbeitskreise/clubkultur/dateien/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|rest| format!("/arbeitskreise/clubkultur/dateien/{rest}"))
        .unwrap_or_default();
    assert!(delete.ends_with("/loeschen"), "{delete}");
    // Lea leads the group and may delete Max's file; a third member may not.
    app.user("ole@example.org", "member").await;
    let ole = app.login("ole@example.org").await;
    app.post("/arbeitskreise/clubkultur/beitreten", "", Some(&ole))
        .await;
    assert_eq!(
        app.post(&delete, "", Some(&ole)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post(&delete, "", Some(&lea)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.request(upload(&lea, 600)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_home_names_ones_role_in_each_organisation() {
    let app = TestApp::new().await;
    let a = app.org("ensemble-a", "Ensemble A").await;
    let b = app.org("ensemble-b", "Ensemble B").await;
    let lea = app.user("lea@example.org", "member").await;
    app.member(a, lea, "owner").await;
    app.member(b, lea, "editor").await;
    let cookie = app.login("lea@example.org").await;
    let home = app.get_as("/mein-bereich", &cookie).await;
    assert_eq!(home.status, StatusCode::OK);
    for (org, role) in [
        ("Ensemble A", "Verantwortlich"),
        ("Ensemble B", "Redaktion"),
    ] {
        assert!(
            home.has(&format!("{org}</a> <span class=\"muted\">{role}</span>")),
            "{org} as {role}: {}",
            home.body
        );
    }
}
