//! Notifications in each reader's language: decisions of the moderation, news for the
//! moderators, invitations to an organisation and inboxes named in conversations (links
//! into `/en/…` for English accounts, German text unchanged for German ones).

use crate::support::TestApp;
use axum::http::StatusCode;

/// The mails sent to `to`, oldest first.
fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    app.mails()
        .into_iter()
        .filter(|m| m.contains(&format!("To: {to}")))
        .collect()
}

fn last_mail(app: &TestApp, to: &str) -> String {
    mails_to(app, to).pop().unwrap_or_default()
}

/// Submits an event for the (unverified) organisation `org` so that it waits for review;
/// returns its id.
async fn submit(app: &TestApp, cookie: &str, org: i64, title: &str) -> String {
    let musik = app.sparte_id("musik");
    let saved = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &format!(
                "title={}&subtitle=&description=Ein+Abend+mit+Musik.&sparte={musik}&tags=&organisation={org}\
                 &venue=&location_text=Kulturkeller+an+der+Ruhr&date_mode=single&date=2026-12-20&time=20%3A00&end_time=\
                 &price_kind=free&language=de&action=veroeffentlichen",
                title.replace(' ', "+")
            ),
            Some(cookie),
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
    id
}

#[tokio::test]
async fn decisions_and_the_review_queue_are_mailed_in_each_readers_language() {
    let app = TestApp::new().await;
    let org = app
        .org_with("freies-ensemble", "Freies Ensemble", false)
        .await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    app.english(eva).await;
    let ben = app.user("ben@example.org", "member").await;
    app.member(org, ben, "editor").await;
    let mo = app.user("mo@example.org", "moderator").await;
    app.english(mo).await;
    app.user("mia@example.org", "moderator").await;
    let eva_c = app.login("eva@example.org").await;
    let ben_c = app.login("ben@example.org").await;
    let mo_c = app.login("mo@example.org").await;

    // The moderators hear of the waiting event, each in their language.
    let jazz = submit(&app, &eva_c, org, "Jazz im Keller").await;
    let to_mo = last_mail(&app, "mo@example.org");
    assert!(
        to_mo.contains("Subject: For review: Jazz im Keller")
            && to_mo.contains("Hello,")
            && to_mo.contains("is waiting for review.")
            && to_mo.contains("http://kultur.test/en/moderation#warteschlange")
            && !to_mo.contains("only available in German"),
        "{to_mo}"
    );
    let to_mia = last_mail(&app, "mia@example.org");
    assert!(
        to_mia.contains("Subject: Zur Freigabe: Jazz im Keller")
            && to_mia.contains("Guten Tag,")
            && to_mia.contains("wartet auf die Freigabe.")
            && to_mia.contains("http://kultur.test/moderation#warteschlange"),
        "{to_mia}"
    );

    // Approved: Eva (English) is told in English, with a link into /en.
    let approved = app
        .post(
            &format!("/moderation/veranstaltungen/{jazz}/freigeben"),
            "",
            Some(&mo_c),
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let to_eva = last_mail(&app, "eva@example.org");
    assert!(
        to_eva.contains("Subject: Approved: Jazz im Keller")
            && to_eva.contains("The moderators have approved your event")
            && to_eva.contains("It is now in the calendar:")
            && to_eva.contains("Your Kulturportal Bochum")
            && !to_eva.contains("Guten Tag")
            && !to_eva.contains("only available in German"),
        "{to_eva}"
    );
    assert_eq!(
        app.link_in_mail("eva@example.org", "/en/veranstaltungen/")
            .as_deref(),
        Some("/en/veranstaltungen/jazz-im-keller")
    );
    // … and her centre in „Mein Bereich“ lists it in English.
    let home = app.get_as("/en/mein-bereich", &eva_c).await;
    assert!(home.has("Approved: Jazz im Keller"), "{}", home.body);

    // Refused, with the moderator's reason, in English.
    let second = submit(&app, &eva_c, org, "Tango am Abend").await;
    app.post(
        &format!("/moderation/veranstaltungen/{second}/ablehnen"),
        "reason=Bitte+den+Ort+angeben.",
        Some(&mo_c),
    )
    .await;
    let refused = last_mail(&app, "eva@example.org");
    assert!(
        refused.contains("Subject: Not approved: Tango am Abend")
            && refused.contains("Their reason:")
            && refused.contains("Bitte den Ort angeben.")
            && refused.contains("You can correct the details and submit the event again."),
        "{refused}"
    );

    // Ben kept German: his decision is German, word for word, with German links.
    let chor = submit(&app, &ben_c, org, "Chor im Park").await;
    app.post(
        &format!("/moderation/veranstaltungen/{chor}/freigeben"),
        "",
        Some(&mo_c),
    )
    .await;
    let to_ben = last_mail(&app, "ben@example.org");
    assert!(
        to_ben.contains("Subject: Freigegeben: Chor im Park")
            && to_ben.contains("Guten Tag,")
            && to_ben.contains("Vielen Dank!")
            && to_ben.contains("http://kultur.test/veranstaltungen/chor-im-park")
            && !to_ben.contains("/en/")
            && !to_ben.contains("Hello"),
        "{to_ben}"
    );
}

#[tokio::test]
async fn reports_and_applications_reach_english_moderators_in_english() {
    let app = TestApp::new().await;
    let slug = app
        .event("Lesung im Park")
        .on("2026-12-05 19:00")
        .create()
        .await;
    let mo = app.user("mo@example.org", "moderator").await;
    app.english(mo).await;
    app.user("mia@example.org", "moderator").await;
    let sent = app
        .post(
            &format!("/veranstaltungen/{slug}/melden"),
            "reason=abgesagt&message=Die+Lesung+f%C3%A4llt+aus.",
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    let to_mo = last_mail(&app, "mo@example.org");
    assert!(
        to_mo.contains("A report has come in about the event")
            && to_mo.contains("http://kultur.test/en/moderation#meldungen"),
        "{to_mo}"
    );
    let to_mia = last_mail(&app, "mia@example.org");
    assert!(
        to_mia.contains("ist eine Meldung eingegangen.")
            && to_mia.contains("http://kultur.test/moderation#meldungen"),
        "{to_mia}"
    );
}

#[tokio::test]
async fn invitations_speak_the_inviters_page_language() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let owner = app.user("olga@example.org", "member").await;
    app.member(org, owner, "owner").await;
    let olga = app.login("olga@example.org").await;
    let page = app
        .post(
            "/en/mein-bereich/organisationen/jazzkeller/einladen",
            "invite_email=ann%40example.org&role=editor",
            Some(&olga),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let mail = last_mail(&app, "ann@example.org");
    assert!(
        mail.contains("Subject: Invitation: Jazzkeller e. V.")
            && mail.contains("invites you to work on")
            && mail.contains("(role: Editor)")
            && mail.contains("Accept the invitation with this link"),
        "{mail}"
    );
    assert!(
        app.link_in_mail("ann@example.org", "/en/einladung/")
            .is_some()
    );
    app.post(
        "/mein-bereich/organisationen/jazzkeller/einladen",
        "invite_email=ben%40example.org&role=editor",
        Some(&olga),
    )
    .await;
    let german = last_mail(&app, "ben@example.org");
    assert!(
        german.contains("Subject: Einladung: Jazzkeller e. V.")
            && german.contains("Guten Tag,")
            && german.contains("http://kultur.test/einladung/"),
        "{german}"
    );
}

#[tokio::test]
async fn an_organisations_inbox_is_named_in_the_pages_language() {
    let app = TestApp::new().await;
    app.org("jazzkeller", "Jazzkeller e. V.").await;
    app.user("ben@example.org", "member").await;
    let ben = app.login("ben@example.org").await;
    let sent = app
        .post(
            "/nachrichten/neu",
            "an=organisation%3Ajazzkeller&subject=Probenraum&message=Haben+Sie+einen+Raum+frei%3F",
            Some(&ben),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let thread = sent.location();
    let german = app.get_as(&thread, &ben).await;
    assert!(german.has("Jazzkeller e. V. (Postfach)"), "{}", german.body);
    let english = app.get_as(&format!("/en{thread}"), &ben).await;
    assert!(
        english.has("Jazzkeller e. V. (inbox)") && !english.has("(Postfach)"),
        "{}",
        english.body
    );
    let list = app.get_as("/en/nachrichten", &ben).await;
    assert!(list.has("Jazzkeller e. V. (inbox)"), "{}", list.body);
}

#[tokio::test]
async fn an_anonymous_submitter_hears_in_german_unless_the_address_has_an_english_account() {
    let app = TestApp::new().await;
    app.user("mo@example.org", "moderator").await;
    let mo = app.login("mo@example.org").await;
    let now = app.state.clock.now().timestamp();
    let mut ids: Vec<String> = Vec::new();
    for (title, email) in [
        ("Adventssingen", "chor%40example.org"),
        ("Laternenlauf", "kita%40example.org"),
    ] {
        let form = format!(
            "t={}&website=&submitter_name=Nachbarn&submitter_email={email}&title={title}\
             &sparte=2&venue=&location_text=Kirchplatz+Langendreer&date_mode=single&date=2026-12-20&time=16%3A00\
             &price_kind=free&action=veroeffentlichen",
            app.state.form_secret.token(now - 30)
        );
        let ok = app.post("/veranstaltung-melden", &form, None).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let queue = app.get_as("/moderation", &mo).await;
        let id = queue
            .body
            .split("/moderation/veranstaltungen/")
            .skip(1)
            .filter_map(|s| s.split('/').next())
            .find(|id| !id.is_empty() && !ids.iter().any(|known| known == id))
            .unwrap_or_default()
            .to_owned();
        ids.push(id);
    }
    // The second address belongs to an account that reads English.
    let kita = app.user("kita@example.org", "member").await;
    app.english(kita).await;
    for id in &ids {
        app.post(
            &format!("/moderation/veranstaltungen/{id}/freigeben"),
            "",
            Some(&mo),
        )
        .await;
    }
    let german = last_mail(&app, "chor@example.org");
    assert!(
        german.contains("Subject: Freigegeben: Adventssingen")
            && german.contains("Guten Tag,")
            && german.contains("http://kultur.test/veranstaltungen/adventssingen"),
        "{german}"
    );
    let english_mail = last_mail(&app, "kita@example.org");
    assert!(
        english_mail.contains("Subject: Approved: Laternenlauf")
            && english_mail.contains("http://kultur.test/en/veranstaltungen/laternenlauf"),
        "{english_mail}"
    );
}

#[tokio::test]
async fn working_group_mails_follow_each_members_language() {
    let app = TestApp::new().await;
    let lea_id = app.user("lea@example.org", "member").await;
    app.english(lea_id).await;
    let max_id = app.user("max@example.org", "member").await;
    let lea = app.login("lea@example.org").await;
    let max = app.login("max@example.org").await;
    app.post(
        "/arbeitskreise",
        "name=Netzwerk+Freie+Szene&description=Wir+vernetzen+die+freie+Szene.&closed=1",
        Some(&lea),
    )
    .await;
    let group = "/arbeitskreise/netzwerk-freie-szene";
    // Max asks to join: Lea, who leads the group, is asked in English.
    app.post(&format!("{group}/beitreten"), "", Some(&max))
        .await;
    let request = last_mail(&app, "lea@example.org");
    assert!(
        request.contains("Subject: Request to join: Netzwerk Freie Szene")
            && request.contains("Someone would like to join the working group")
            && request.contains("http://kultur.test/en/arbeitskreise/netzwerk-freie-szene"),
        "{request}"
    );
    app.post(
        &format!("{group}/mitglieder/{max_id}/annehmen"),
        "",
        Some(&lea),
    )
    .await;
    // Lea's announcement reaches Max in German.
    app.post(
        &format!("{group}/themen"),
        "title=Neue+Termine&text=Bitte+eintragen.&announcement=1",
        Some(&lea),
    )
    .await;
    let announcement = last_mail(&app, "max@example.org");
    assert!(
        announcement.contains("Subject: Netzwerk Freie Szene: Neue Termine")
            && announcement.contains("Guten Tag,")
            && announcement.contains("Lesen:")
            && announcement
                .contains("http://kultur.test/arbeitskreise/netzwerk-freie-szene/themen/"),
        "{announcement}"
    );
}

#[tokio::test]
async fn proposed_venue_changes_and_their_decisions_are_mailed_in_english() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let venue = app.venue("kellerbuehne", "mitte", false).await;
    kulturportal::db::venues::set_keeper(&app.state.db, venue, Some(org), None, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let eva_id = app.user("eva@example.org", "member").await;
    app.member(org, eva_id, "editor").await;
    app.english(eva_id).await;
    let mo_id = app.user("mo@example.org", "moderator").await;
    app.english(mo_id).await;
    let eva = app.login("eva@example.org").await;
    let mo = app.login("mo@example.org").await;
    let edit = "/mein-bereich/orte/kellerbuehne";
    let name = app
        .get_as(edit, &eva)
        .await
        .body
        .split("name=\"name\"")
        .nth(1)
        .and_then(|s| s.split("value=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .replace(' ', "+");
    let valid = format!("name={name}&street=Teststra%C3%9Fe+1&postal_code=44787&district=mitte");
    for round in ["freigeben", "ablehnen"] {
        let saved = app
            .post(
                edit,
                &format!("{valid}&access=aufzug&access_checked=selbstauskunft"),
                Some(&eva),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let to_mo = last_mail(&app, "mo@example.org");
        assert!(
            to_mo.contains("Subject: Change proposed:")
                && to_mo.contains("have been proposed.")
                && to_mo.contains("http://kultur.test/en/moderation#ortsaenderungen"),
            "{to_mo}"
        );
        let desk = app.get_as("/moderation", &mo).await;
        let id = desk
            .body
            .split("/moderation/ortsaenderungen/")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .unwrap_or_default()
            .to_owned();
        app.post(
            &format!("/moderation/ortsaenderungen/{id}/{round}"),
            "reason=Bitte+Zertifikat+beilegen",
            Some(&mo),
        )
        .await;
        let to_eva = last_mail(&app, "eva@example.org");
        if round == "freigeben" {
            assert!(
                to_eva.contains("Subject: Accepted: your changes to")
                    && to_eva.contains("They are now public:")
                    && to_eva.contains("http://kultur.test/en/orte/kellerbuehne"),
                "{to_eva}"
            );
            // Without the lift again, so that there is something to refuse.
            app.post(
                edit,
                &format!("{valid}&access_checked=selbstauskunft"),
                Some(&eva),
            )
            .await;
            let desk = app.get_as("/moderation", &mo).await;
            if let Some(id) = desk
                .body
                .split("/moderation/ortsaenderungen/")
                .nth(1)
                .and_then(|s| s.split('/').next())
            {
                app.post(
                    &format!("/moderation/ortsaenderungen/{id}/freigeben"),
                    "",
                    Some(&mo),
                )
                .await;
            }
        } else {
            assert!(
                to_eva.contains("Subject: Not accepted: your changes to")
                    && to_eva.contains("Reason: Bitte Zertifikat beilegen")
                    && to_eva.contains("You can correct the details here:")
                    && to_eva.contains("http://kultur.test/en/mein-bereich/orte/kellerbuehne"),
                "{to_eva}"
            );
        }
    }
}
