//! The portal's newsletter: the sign-up page `/newsletter` (double opt-in with interests,
//! the same answer for known and unknown addresses, spam defences) and the admins' desk
//! (draft, preview, test mail, scheduling at a fixed time, sending only to confirmed
//! subscribers whose interests the issue meets).

use crate::support::{TestApp, form_token, local};
use axum::http::StatusCode;
use kulturportal::clock::FixedClock;
use kulturportal::db::subscribers;
use kulturportal::domain::mailing::Scope;
use std::sync::Arc;

fn signup(email: &str, interests: &str) -> String {
    format!(
        "t={}&email={}&{interests}&einwilligung=ja",
        form_token(),
        email.replace('@', "%40")
    )
}

/// Signs `email` up through the page and clicks the confirmation link.
async fn confirmed(app: &TestApp, email: &str, interests: &str) {
    let done = app
        .post("/newsletter", &signup(email, interests), None)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let link = app
        .link_in_mail(email, "/newsletter/bestaetigen/")
        .unwrap_or_else(|| panic!("no confirmation mail to {email}"));
    let page = app.post(&link, "", None).await;
    assert!(page.has("Ihre Adresse ist bestätigt"), "{}", page.body);
}

/// Another instance at `when` on the same database runs what is due (as `serve` does once
/// a minute).
async fn send_due_at(app: &TestApp, when: &str) {
    let mut later = kulturportal::AppState::new(
        app.state.db.clone(),
        Arc::new(FixedClock(local(when))),
        "http://kultur.test",
    )
    .await
    .unwrap_or_else(|e| panic!("{e:#}"));
    later.mailer = app.state.mailer.clone();
    later.mail_limits.per_minute = 0;
    kulturportal::service::mailings::send_due(&later.services(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

fn mails_to<'a>(mails: &'a [String], email: &str) -> Vec<&'a String> {
    mails
        .iter()
        .filter(|m| m.contains(&format!("To: {email}")))
        .collect()
}

#[tokio::test]
async fn the_sign_up_page_asks_for_consent_and_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let page = app.get("/newsletter").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("Newsletter des Kulturportals"), "{}", page.body);
    assert!(page.has("Ja, schicken Sie mir den Newsletter"));
    assert!(page.has("name=\"sparte\" value=\"musik\""));
    assert!(page.has("name=\"bezirk\" value=\"mitte\""));

    // Without the tick: refused, in German, with the address and the choice kept.
    let refused = app
        .post(
            "/newsletter",
            &format!("t={}&email=anna%40example.org&sparte=musik", form_token()),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("Bitte bestätigen Sie mit dem Häkchen"));
    assert!(refused.has("value=\"anna@example.org\""));
    assert!(refused.has("value=\"musik\" checked"), "{}", refused.body);
    let bad = app
        .post(
            "/newsletter",
            &signup("anna-at-example", "sparte=musik"),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("gültige E-Mail-Adresse"));
    // A bot that fills the hidden field is told what a person is told, and nothing is kept.
    let bot = app
        .post(
            "/newsletter",
            &format!("{}&website=spam", signup("bot@example.org", "")),
            None,
        )
        .await;
    assert!(bot.has("Fast geschafft"));
    assert!(app.mails().is_empty(), "mail went out for a refused form");

    let done = app
        .post(
            "/newsletter",
            &signup("anna@example.org", "sparte=musik&bezirk=mitte&bezirk=mond"),
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.has("Fast geschafft"), "{}", done.body);
    let rows = subscribers::of_email(&app.state.db, "anna@example.org")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].scope, Scope::Newsletter);
    assert_eq!(rows[0].interests, "sparte=musik&bezirk=mitte");
    assert!(
        rows[0]
            .consent_text
            .starts_with("Ja, schicken Sie mir den Newsletter")
    );
    assert!(!rows[0].is_active(), "active before the confirmation");
    assert_eq!(app.mails().len(), 1, "one confirmation mail");

    // A second sign-up of a known address gets the very same answer.
    let again = app
        .post(
            "/newsletter",
            &signup("anna@example.org", "sparte=theater"),
            None,
        )
        .await;
    assert_eq!(again.status, done.status);
    assert!(again.has("Fast geschafft"));

    let english = app.get("/en/newsletter").await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(
        english.has("The Kulturportal&#39;s newsletter")
            || english.has("The Kulturportal's newsletter"),
        "{}",
        english.body
    );
}

#[tokio::test]
async fn a_confirmed_sign_up_replaces_the_address_earlier_one() {
    let app = TestApp::new().await;
    confirmed(&app, "anna@example.org", "sparte=musik").await;
    confirmed(&app, "anna@example.org", "sparte=theater").await;
    let active: Vec<_> = subscribers::active(&app.state.db, Scope::Newsletter)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(active.len(), 1, "two active subscriptions of one address");
    assert_eq!(active[0].interests, "sparte=theater");
}

#[tokio::test]
async fn an_issue_reaches_the_interested_confirmed_subscribers_at_its_time() {
    let app = TestApp::new().await;
    app.user("admin@example.org", "admin").await;
    let admin = app.login("admin@example.org").await;
    confirmed(&app, "anna@example.org", "sparte=musik").await;
    confirmed(&app, "ben@example.org", "sparte=theater").await;
    confirmed(&app, "cara@example.org", "").await;
    // Dora never clicks her link.
    app.post(
        "/newsletter",
        &signup("dora@example.org", "sparte=musik"),
        None,
    )
    .await;

    // Writing: a subject is required, the text is kept.
    let refused = app
        .post(
            "/verwaltung/newsletter",
            "betreff=&text=Ein+Text&sparte=musik",
            Some(&admin),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("Bitte geben Sie einen Betreff an."));
    assert!(refused.has("Ein Text"));
    let created = app
        .post(
            "/verwaltung/newsletter",
            "betreff=Jazz+im+Advent&text=Drei+**Konzerte**+in+der+Innenstadt.&sparte=musik",
            Some(&admin),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let issue = created.location();
    let page = app.get_as(&issue, &admin).await;
    assert!(
        page.has("<strong>Konzerte</strong>"),
        "no preview: {}",
        page.body
    );
    // Anna (music) and Cara (everything); not Ben (theatre), not Dora (unconfirmed).
    assert!(page.has("2 Adressen"), "{}", page.body);

    let before = app.mails().len();
    let test = app.post(&issue, "aktion=test&betreff=Jazz+im+Advent&text=Drei+**Konzerte**+in+der+Innenstadt.&sparte=musik", Some(&admin)).await;
    assert!(
        test.has("Die Testmail ist an admin@example.org unterwegs"),
        "{}",
        test.body
    );
    let mails = app.mails();
    assert_eq!(mails.len(), before + 1);
    assert!(mails_to(&mails, "admin@example.org")[0].contains("[Test] Jazz im Advent"));

    // A time in the past is refused; Thursday 9:00 is taken.
    let past = app
        .post(
            &issue,
            "aktion=planen&zeitpunkt=2026-12-01T09%3A00&betreff=Jazz+im+Advent&text=Drei+**Konzerte**.&sparte=musik",
            Some(&admin),
        )
        .await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(past.has("in der Vergangenheit"));
    let planned = app
        .post(
            &issue,
            "aktion=planen&zeitpunkt=2026-12-03T09%3A00&betreff=Jazz+im+Advent&text=Drei+**Konzerte**.&sparte=musik",
            Some(&admin),
        )
        .await;
    assert!(planned.has("Der Versand ist geplant."), "{}", planned.body);
    assert!(planned.has("kein Entwurf mehr"));

    // Before its time nothing goes out.
    let before = app.mails().len();
    kulturportal::service::mailings::send_due(&app.state.services(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    send_due_at(&app, "2026-12-03 08:59").await;
    assert_eq!(app.mails().len(), before, "sent before its time");

    // At its time: Anna and Cara, once each.
    send_due_at(&app, "2026-12-03 09:00").await;
    send_due_at(&app, "2026-12-03 09:05").await;
    let mails = app.mails();
    for (email, count) in [
        ("anna@example.org", 1),
        ("cara@example.org", 1),
        ("ben@example.org", 0),
        ("dora@example.org", 0),
    ] {
        let issues: Vec<_> = mails_to(&mails, email)
            .into_iter()
            .filter(|m| m.contains("Subject: Jazz im Advent"))
            .collect();
        assert_eq!(issues.len(), count, "{email}");
        if let Some(m) = issues.first() {
            assert!(m.contains("List-Unsubscribe"), "{m}");
            assert!(m.contains("<strong>Konzerte</strong>"), "{m}");
        }
    }
    let page = app.get_as(&issue, &admin).await;
    assert!(page.has("versandt"), "{}", page.body);
    assert!(page.has("2 gesendet"), "{}", page.body);
}

#[tokio::test]
async fn a_schedule_taken_back_sends_nothing() {
    let app = TestApp::new().await;
    app.user("admin@example.org", "admin").await;
    let admin = app.login("admin@example.org").await;
    confirmed(&app, "anna@example.org", "").await;
    let created = app
        .post(
            "/verwaltung/newsletter",
            "betreff=Zur%C3%BCckgenommen&text=Kommt+nicht.",
            Some(&admin),
        )
        .await;
    let issue = created.location();
    app.post(
        &issue,
        "aktion=planen&zeitpunkt=2026-12-03T09%3A00&betreff=Zur%C3%BCckgenommen&text=Kommt+nicht.",
        Some(&admin),
    )
    .await;
    let back = app.post(&issue, "aktion=zuruecknehmen", Some(&admin)).await;
    assert!(back.has("wieder ein Entwurf"), "{}", back.body);
    send_due_at(&app, "2026-12-03 10:00").await;
    assert!(
        !app.mails().iter().any(|m| m.contains("Subject: Zur")),
        "a taken-back issue went out"
    );
    // Members who are not admins do not see the desk.
    app.user("member@example.org", "member").await;
    let member = app.login("member@example.org").await;
    let refused = app.get_as("/verwaltung/newsletter", &member).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
