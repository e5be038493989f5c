//! The members' platform: the pinboard and private messages — what members can do, and
//! that nothing of it reaches visitors or members who do not take part.

use crate::support::TestApp;
use axum::http::StatusCode;
use kulturportal::db::organizations::{self, OrgEdit};

async fn in_mitte(app: &TestApp, slug: &str, name: &str, by: i64) -> i64 {
    let id = app.org(slug, name).await;
    let edit = OrgEdit {
        name: name.into(),
        description: String::new(),
        description_en: String::new(),
        website: String::new(),
        email: String::new(),
        phone: String::new(),
        social_links: Vec::new(),
        district: Some("mitte".into()),
        category_ids: Vec::new(),
    };
    organizations::update(&app.state.db, id, &edit, by, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    id
}

const POST: &str = "kind=sucht&topic=raum&title=Proberaum+mit+Schwingboden\
    &body=Wir+suchen+dienstags+abends+einen+Proberaum+mit+Schwingboden+f%C3%BCr+sechs+T%C3%A4nzerinnen.\
    &district=mitte&period=ab+Januar+2027";

#[tokio::test]
async fn a_pinboard_post_gets_a_private_reply_and_stays_among_members() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let admin = app.user("admin@example.org", "admin").await;
    let tanz = in_mitte(&app, "tanzkollektiv", "Tanzkollektiv Haldenrausch", admin).await;
    let theater = in_mitte(&app, "theater-ost", "Theater Ost", admin).await;
    let ada = app.user("ada@example.org", "member").await;
    app.member(tanz, ada, "owner").await;
    let ben = app.user("ben@example.org", "member").await;
    app.member(theater, ben, "editor").await;
    app.user("carl@example.org", "member").await;
    let (ada_c, ben_c, carl_c) = (
        app.login("ada@example.org").await,
        app.login("ben@example.org").await,
        app.login("carl@example.org").await,
    );

    // Visitors are sent to the login, whatever they try.
    for uri in [
        "/pinnwand",
        "/pinnwand/neu",
        "/pinnwand/1",
        "/nachrichten",
        "/nachrichten/1",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(page.location(), "/anmelden", "{uri}");
    }
    assert_eq!(
        app.post("/pinnwand/neu", POST, None).await.location(),
        "/anmelden"
    );

    // A post with mistakes keeps what was typed and says what is wrong.
    let bad = app
        .post(
            "/pinnwand/neu",
            "kind=sucht&title=Proberaum+gesucht&body=kurz&expires=2020-01-01",
            Some(&ada_c),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("Bitte wählen Sie, worum es geht.") && bad.has("mindestens 20 Zeichen"));
    assert!(bad.has("Vergangenheit") && bad.has("value=\"Proberaum gesucht\""));
    // Posted for the collective: replies go to its inbox.
    let made = app
        .post("/pinnwand/neu", &format!("{POST}&as={tanz}"), Some(&ada_c))
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let post_url = made.location().replace("?ok=gespeichert", "");
    let post_id = post_url.trim_start_matches("/pinnwand/").to_owned();

    // Other members find it with the filters, and on their home page.
    let board = app
        .get_as("/pinnwand?art=sucht&thema=raum&q=schwingboden", &ben_c)
        .await;
    assert!(board.has("Proberaum mit Schwingboden") && board.has("Tanzkollektiv Haldenrausch"));
    assert!(
        !app.get_as("/pinnwand?art=bietet", &ben_c)
            .await
            .has("Proberaum mit Schwingboden")
    );
    assert!(
        !app.get_as("/pinnwand?bezirk=ost", &ben_c)
            .await
            .has("Proberaum mit Schwingboden")
    );
    let home = app.get_as("/mein-bereich", &ben_c).await;
    assert!(home.has("Neu auf der Pinnwand für Sie") && home.has(&post_url));
    // Nothing of it in public pages, search, feeds or the API.
    app.reindex().await;
    for uri in [
        "/veranstaltungen?q=Schwingboden",
        "/api/v1/events?q=Schwingboden",
        "/kulturszene?q=Schwingboden",
        "/veranstaltungen.rss",
        "/",
    ] {
        let page = app.get(uri).await;
        assert!(
            !page.has("Proberaum mit Schwingboden") && !page.has("sechs Tänzerinnen"),
            "{uri}"
        );
    }

    // Ben answers; the collective's people get a mail with a link and read it there.
    let sent = app
        .post(
            &format!("{post_url}/antworten"),
            "message=Unsere+Probeb%C3%BChne+ist+dienstags+frei.",
            Some(&ben_c),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let thread = sent.location();
    assert!(thread.starts_with("/nachrichten/"), "{thread}");
    assert!(app.mails().iter().any(
        |m| m.contains("ada@example.org") && m.contains(&format!("http://kultur.test{thread}"))
    ));
    assert!(
        !app.mails().iter().any(|m| m.contains("Probeb")),
        "mails carry a link, not the text"
    );
    let inbox = app.get_as("/nachrichten", &ada_c).await;
    assert!(
        inbox.has("1 ungelesene Nachricht.") && inbox.has("Pinnwand: Proberaum mit Schwingboden")
    );
    assert!(
        app.get_as("/mein-bereich", &ada_c)
            .await
            .has("Nachrichten (1 ungelesen)")
    );
    let read = app.get_as(&thread, &ada_c).await;
    assert!(read.has("Unsere Probebühne ist dienstags frei."));
    assert!(
        app.get_as("/nachrichten", &ada_c)
            .await
            .has("Keine ungelesenen Nachrichten.")
    );
    let answer = app
        .post(
            &thread,
            "message=Wunderbar%2C+wir+kommen+vorbei.",
            Some(&ada_c),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert!(
        app.get_as("/nachrichten", &ben_c)
            .await
            .has("1 ungelesene Nachricht.")
    );
    // Others cannot read it, not even by guessing ids.
    assert_eq!(
        app.get_as(&thread, &carl_c).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(&thread, "message=Hallo", Some(&carl_c))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_as("/nachrichten/999999", &carl_c).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !app.get_as("/nachrichten", &carl_c)
            .await
            .has("Schwingboden")
    );

    // Each one's data export carries what they wrote, and only that.
    let export = app.get_as("/mein-bereich/daten", &ada_c).await;
    assert!(
        export.has("Proberaum mit Schwingboden") && export.has("Wunderbar, wir kommen vorbei.")
    );
    assert!(!export.has("Unsere Probebühne"));
    assert!(
        app.get_as("/mein-bereich/daten", &ben_c)
            .await
            .has("Unsere Probebühne ist dienstags frei.")
    );
    // Ada blocks Ben: he cannot write to her any more, here or anew.
    let blocked = app
        .post(&format!("{thread}/blockieren"), "", Some(&ada_c))
        .await;
    assert!(blocked.has("Blockiert"));
    let again = app
        .post(&thread, "message=Noch+eine+Frage", Some(&ben_c))
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.has("nimmt keine Nachrichten von Ihnen an") && again.has("Noch eine Frage"));
    let fresh = app
        .post(
            "/nachrichten/neu",
            &format!("an=mitglied%3A{ada}&subject=Hallo&message=Noch+eine+Frage"),
            Some(&ben_c),
        )
        .await;
    assert_eq!(fresh.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fresh.has("nimmt keine Nachrichten von Ihnen an"));

    // Reported, hidden by moderation, logged; the author still sees it, marked.
    app.post(
        &format!("{post_url}/melden"),
        "reason=Kein+Raumangebot",
        Some(&carl_c),
    )
    .await;
    app.user("mo@example.org", "moderator").await;
    let mo = app.login("mo@example.org").await;
    let desk = app.get_as("/moderation", &mo).await;
    assert!(desk.has("Gemeldete Aushänge (1)") && desk.has("Kein Raumangebot"));
    assert_eq!(
        app.post(
            &format!("/moderation/pinnwand/{post_id}/ausblenden"),
            "reason=x",
            Some(&ben_c)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    app.post(
        &format!("/moderation/pinnwand/{post_id}/ausblenden"),
        "reason=Werbung",
        Some(&mo),
    )
    .await;
    assert!(
        !app.get_as("/pinnwand", &ben_c)
            .await
            .has("Proberaum mit Schwingboden")
    );
    assert_eq!(
        app.get_as(&post_url, &ben_c).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.get_as("/pinnwand", &ada_c)
            .await
            .has("von der Moderation ausgeblendet")
    );
    assert!(
        app.get_as("/moderation/protokoll", &mo)
            .await
            .has("“ ausgeblendet.")
    );
}

#[tokio::test]
async fn posts_expire_with_a_reminder_and_are_renewed_with_one_click() {
    let app = TestApp::new().await;
    app.user("ada@example.org", "member").await;
    app.user("ben@example.org", "member").await;
    let ada_c = app.login("ada@example.org").await;
    let ben_c = app.login("ben@example.org").await;
    // NOW is 2 December 2026: shown until the 4th, so due for a reminder.
    let made = app
        .post(
            "/pinnwand/neu",
            &format!("{POST}&expires=2026-12-04"),
            Some(&ada_c),
        )
        .await;
    let post_url = made.location().replace("?ok=gespeichert", "");
    // Someone else's post cannot be renewed, changed or removed.
    for action in ["verlaengern", "loeschen"] {
        assert_eq!(
            app.post(&format!("{post_url}/{action}"), "", Some(&ben_c))
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{action}"
        );
    }
    assert_eq!(
        app.get_as(&format!("{post_url}/bearbeiten"), &ben_c)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let reminded = kulturportal::web::pinboard::remind_expiring(&app.state)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reminded, 1);
    assert!(
        app.mails().iter().any(|m| m.contains("ada@example.org")
            && m.contains(&format!("http://kultur.test{post_url}")))
    );
    assert_eq!(
        kulturportal::web::pinboard::remind_expiring(&app.state)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0,
        "once per post"
    );
    let renewed = app
        .post(&format!("{post_url}/verlaengern"), "", Some(&ada_c))
        .await;
    assert_eq!(renewed.status, StatusCode::SEE_OTHER);
    let page = app.get_as(&renewed.location(), &ada_c).await;
    assert!(
        page.has("Der Aushang ist verlängert.")
            && page.has("Sichtbar bis Sonntag, 31. Januar 2027"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_competence_directory_shows_only_what_members_opt_into() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let org = app.org("lichtwerk", "Lichtwerk e. V.").await;
    let ada = app.user("ada@example.org", "member").await;
    app.member(org, ada, "owner").await;
    app.user("ben@example.org", "member").await;
    let ada_c = app.login("ada@example.org").await;
    let ben_c = app.login("ben@example.org").await;
    assert_eq!(
        app.get("/mitglieder")
            .await
            .headers
            .get("location")
            .map(|v| v.as_bytes()),
        Some(&b"/anmelden"[..])
    );
    // Nobody is listed without saying so.
    let empty = app.get_as("/mitglieder", &ben_c).await;
    assert!(empty.has("0 Mitglieder"));
    // Ada opts in with competences, but keeps her organisations to herself.
    let saved = app
        .post(
            "/mein-bereich/profil",
            "listed=1&competence=licht&competence=foerderantraege&competence=erfunden\
             &languages=Deutsch%2C+T%C3%BCrkisch&available_for=Lichtplanung+f%C3%BCr+kleine+B%C3%BChnen",
            Some(&ada_c),
        )
        .await;
    assert_eq!(saved.status, axum::http::StatusCode::SEE_OTHER);
    let list = app.get_as("/mitglieder?kompetenz=licht", &ben_c).await;
    assert!(list.has("1 Mitglied") && list.has("Förderanträge") && list.has("Deutsch, Türkisch"));
    assert!(list.has("Lichtplanung für kleine Bühnen"));
    assert!(!list.has("Lichtwerk e. V.") && !list.has("mailto:") && !list.has("erfunden"));
    assert!(list.has(&format!("/nachrichten/neu?an=mitglied:{ada}")));
    assert!(
        app.get_as("/mitglieder?kompetenz=ton", &ben_c)
            .await
            .has("Niemand passt zu dieser Auswahl.")
    );
    assert!(
        app.get_as("/mitglieder?q=t%C3%BCrkisch", &ben_c)
            .await
            .has("1 Mitglied")
    );
    // Showing the organisations is a choice of its own; leaving lists her out again.
    app.post(
        "/mein-bereich/profil",
        "listed=1&show_organizations=1&competence=licht",
        Some(&ada_c),
    )
    .await;
    assert!(
        app.get_as("/mitglieder", &ben_c)
            .await
            .has("Lichtwerk e. V.")
    );
    app.post("/mein-bereich/profil", "competence=licht", Some(&ada_c))
        .await;
    assert!(app.get_as("/mitglieder", &ben_c).await.has("0 Mitglieder"));
    // Contact goes through messages.
    let sent = app
        .post(
            "/nachrichten/neu",
            &format!("an=mitglied%3A{ada}&subject=Licht+f%C3%BCr+Mai&message=Haben+Sie+Zeit%3F"),
            Some(&ben_c),
        )
        .await;
    assert_eq!(sent.status, axum::http::StatusCode::SEE_OTHER);
    assert!(
        app.get_as("/nachrichten", &ada_c)
            .await
            .has("Licht für Mai")
    );
}

#[tokio::test]
async fn notifications_come_at_once_daily_or_not_and_unsubscribe_without_login() {
    let app = TestApp::new().await;
    let ada = app.user("ada@example.org", "member").await;
    app.user("ben@example.org", "member").await;
    let ada_c = app.login("ada@example.org").await;
    let ben_c = app.login("ben@example.org").await;
    let write = |subject: &str| format!("an=mitglied%3A{ada}&subject={subject}&message=Hallo+Ada");
    let to_ada = || {
        app.mails()
            .into_iter()
            .filter(|m| m.contains("To: ada@example.org"))
            .collect::<Vec<_>>()
    };
    // At once by default, with a link that unsubscribes without logging in.
    app.post("/nachrichten/neu", &write("Erste"), Some(&ben_c))
        .await;
    let first = to_ada();
    assert_eq!(first.len(), 1, "{first:#?}");
    let link = app
        .link_in_mail("ada@example.org", "/abbestellen/")
        .unwrap_or_else(|| panic!("no unsubscribe link: {first:#?}"));
    assert!(link.ends_with("/nachrichten"), "{link}");
    // Daily: nothing now, one digest later with everything queued.
    let saved = app
        .post(
            "/mein-bereich/benachrichtigungen",
            "nachrichten=taeglich&erinnerungen=sofort",
            Some(&ada_c),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    app.post("/nachrichten/neu", &write("Zweite"), Some(&ben_c))
        .await;
    app.post("/nachrichten/neu", &write("Dritte"), Some(&ben_c))
        .await;
    assert_eq!(to_ada().len(), 1, "queued, not sent");
    let sent = kulturportal::web::notify::send_digests(&app.state)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sent, 1);
    let all = to_ada();
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .any(|m| m.contains("2 Hinweise") && m.contains("/abbestellen/"))
    );
    assert_eq!(
        kulturportal::web::notify::send_digests(&app.state)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0
    );
    // The link asks first (a GET changes nothing), then unsubscribes for good.
    let ask = app.get(&link).await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.has("abbestellen?"));
    let done = app.post(&link, "", None).await;
    assert!(done.has("Sie bekommen keine E-Mails mehr zu „Neue Nachrichten“"));
    app.post("/nachrichten/neu", &write("Vierte"), Some(&ben_c))
        .await;
    kulturportal::web::notify::send_digests(&app.state)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(to_ada().len(), 2, "nothing more");
    let settings = app.get_as("/mein-bereich/benachrichtigungen", &ada_c).await;
    assert!(settings.has("value=\"aus\" checked"));
    assert_eq!(
        app.get("/abbestellen/falsch/nachrichten").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&link.replace("/nachrichten", "/alles"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
