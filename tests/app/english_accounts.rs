//! The accounts area in English: logging in and registering under `/en`, the members'
//! home and the notification settings, form errors in English, and mails in the
//! language each member chose (links into `/en/…` for English accounts).

use crate::support::{TestApp, form_token};
use axum::http::StatusCode;

fn translated(page: &crate::support::Page) {
    assert!(page.has("<html lang=\"en\">"), "{}", page.body);
    assert!(
        !page.has("tabindex=\"-1\" lang=\"de\">")
            && !page.has("This page is available in German only"),
        "{}",
        page.body
    );
}

/// Asserts that the page's content has no German words left (no umlauts, no „quotes“).
fn no_german(page: &crate::support::Page) {
    let main = page
        .body
        .split("<main")
        .nth(1)
        .and_then(|m| m.split("</main>").next())
        .unwrap_or_default();
    assert!(
        !main.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü', 'ß', '„']),
        "German left: {main}"
    );
}

/// The mails sent to `to`, oldest first.
fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    app.mails()
        .into_iter()
        .filter(|m| m.contains(&format!("To: {to}")))
        .collect()
}

#[tokio::test]
async fn the_login_and_registration_speak_english_and_lead_to_english_pages() {
    let app = TestApp::new().await;
    let login = app.get("/en/anmelden").await;
    assert_eq!(login.status, StatusCode::OK);
    translated(&login);
    for text in [
        "<h1>Log in</h1>",
        "E-mail address",
        "Password",
        "Forgotten your password?",
        "Register now",
    ] {
        assert!(login.has(text), "{text}: {}", login.body);
    }
    assert!(login.has("action=\"/en/anmelden\"") && login.has("href=\"/en/registrieren\""));
    no_german(&login);
    // German stays German.
    let german = app.get("/anmelden").await;
    assert!(german.has("<h1>Anmelden</h1>") && german.has("Passwort vergessen?"));

    let register = app.get("/en/registrieren").await;
    translated(&register);
    assert!(register.has("Create account") && register.has("(at least 10 characters)"));
    no_german(&register);
    let wrong = app
        .post(
            "/en/registrieren",
            &format!(
                "email=kein-at&display_name=&password=kurz&password_repeat=kurz&t={}",
                form_token()
            ),
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        "Please check the marked fields.",
        "Please enter a valid e-mail address",
        "Please enter a name.",
        "The password must be at least 10 characters long.",
    ] {
        assert!(wrong.has(text), "{text}: {}", wrong.body);
    }
    assert!(!wrong.has("Bitte"), "{}", wrong.body);

    // A registration on the English page: English home, English mail with an English link.
    let registered = app
        .post(
            "/en/registrieren",
            &format!(
                "email=jo%40example.org&display_name=Jo&password=a-long-passphrase&password_repeat=a-long-passphrase&t={}",
                form_token()
            ),
            None,
        )
        .await;
    assert_eq!(
        registered.status,
        StatusCode::SEE_OTHER,
        "{}",
        registered.body
    );
    assert_eq!(registered.location(), "/en/registrieren/gesendet");
    let mail = mails_to(&app, "jo@example.org").pop().unwrap_or_default();
    assert!(
        mail.contains("Subject: Please confirm your e-mail address"),
        "{mail}"
    );
    assert!(
        mail.contains("Welcome to the Kulturportal Bochum!") && mail.contains("valid for 72 hours"),
        "{mail}"
    );
    let link = app
        .link_in_mail("jo@example.org", "/en/e-mail-bestaetigen/")
        .unwrap_or_else(|| panic!("no English link: {mail}"));
    let confirmed = app.get(&link).await;
    assert_eq!(confirmed.status, StatusCode::OK);
    translated(&confirmed);
    assert!(confirmed.has("Your e-mail address is confirmed."));

    // Logging in on the English page leads to the English home.
    let wrong = app
        .post(
            "/en/anmelden",
            "email=jo%40example.org&password=falsch",
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.has("The e-mail address or password is wrong."));
    let ok = app
        .post(
            "/en/anmelden",
            "email=jo%40example.org&password=a-long-passphrase",
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/en/mein-bereich");
    let cookie = ok
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned();
    let home = app.get_as("/en/mein-bereich", &cookie).await;
    assert_eq!(home.status, StatusCode::OK);
    translated(&home);
    for text in [
        "<h1>My area</h1>",
        "Logged in as <strong>Jo</strong> (jo@example.org) · Member",
        "Notifications",
        "None yet.",
        "My organisations",
        "Delete account",
        "Log out",
    ] {
        assert!(home.has(text), "{text}: {}", home.body);
    }
    assert!(home.has("href=\"/en/nachrichten\""));
    no_german(&home);
    // The data export names the language of the mails.
    let data = app.get_as("/mein-bereich/daten", &cookie).await;
    assert_eq!(data.json()["account"]["language"], "en");
}

#[tokio::test]
async fn a_forgotten_password_is_reset_in_the_language_of_the_account() {
    let app = TestApp::new().await;
    let ada = app.user("ada@example.org", "member").await;
    app.english(ada).await;
    app.user("bert@example.org", "member").await;
    // Asked on the German page: Ada still gets English, Bert German.
    let asked = app
        .post("/passwort-vergessen", "email=ada%40example.org", None)
        .await;
    assert!(asked.has("Falls es ein Konto mit dieser Adresse gibt"));
    app.post("/passwort-vergessen", "email=bert%40example.org", None)
        .await;
    let ada_mail = mails_to(&app, "ada@example.org").pop().unwrap_or_default();
    assert!(
        ada_mail.contains("Subject: New password for the Kulturportal"),
        "{ada_mail}"
    );
    assert!(ada_mail.contains("valid for 1 hour"), "{ada_mail}");
    let bert_mail = mails_to(&app, "bert@example.org").pop().unwrap_or_default();
    assert!(
        bert_mail.contains("gültig 1 Stunde") || bert_mail.contains("g=C3=BCltig 1 Stunde"),
        "{bert_mail}"
    );
    assert!(
        app.link_in_mail("bert@example.org", "/passwort-zuruecksetzen/")
            .is_some()
    );
    let link = app
        .link_in_mail("ada@example.org", "/en/passwort-zuruecksetzen/")
        .unwrap_or_else(|| panic!("no English link: {ada_mail}"));
    let form = app.get(&link).await;
    translated(&form);
    assert!(form.has("<h1>Set a new password</h1>") && form.has("Save password"));
    let short = app
        .post(&link, "password=kurz&password_repeat=kurz", None)
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.has("The password must be at least 10 characters long."),
        "{}",
        short.body
    );
    let mismatch = app
        .post(
            &link,
            "password=ganz-neues-passwort&password_repeat=anderes-passwort",
            None,
        )
        .await;
    assert!(
        mismatch.has("The two passwords do not match."),
        "{}",
        mismatch.body
    );
    let done = app
        .post(
            &link,
            "password=ganz-neues-passwort&password_repeat=ganz-neues-passwort",
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    translated(&done);
    assert!(done.has("Your new password is valid now."));
    let forgot = app.get("/en/passwort-vergessen").await;
    translated(&forgot);
    assert!(forgot.has("Request link"));
    no_german(&forgot);
    no_german(&form);
}

#[tokio::test]
async fn notifications_reach_each_member_in_their_language() {
    let app = TestApp::new().await;
    let ada = app.user("ada@example.org", "member").await;
    app.user("ben@example.org", "member").await;
    let ada_c = app.login("ada@example.org").await;
    let ben_c = app.login("ben@example.org").await;
    // Ada chooses English mails on the English settings page.
    let settings = app
        .get_as("/en/mein-bereich/benachrichtigungen", &ada_c)
        .await;
    assert_eq!(settings.status, StatusCode::OK);
    translated(&settings);
    for text in [
        "<h1>Notifications</h1>",
        "New messages",
        "by e-mail at once",
        "collected once a day",
        "Language of e-mails",
        "value=\"de\" checked",
    ] {
        assert!(settings.has(text), "{text}: {}", settings.body);
    }
    no_german(&settings);
    let german = app.get_as("/mein-bereich/benachrichtigungen", &ada_c).await;
    assert!(german.has("Sprache der E-Mails") && german.has("sofort per E-Mail"));
    let saved = app
        .post(
            "/en/mein-bereich/benachrichtigungen",
            "nachrichten=sofort&sprache=en",
            Some(&ada_c),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        saved.location(),
        "/en/mein-bereich/benachrichtigungen?ok=gespeichert"
    );
    let after = app
        .get_as("/en/mein-bereich/benachrichtigungen?ok=gespeichert", &ada_c)
        .await;
    assert!(
        after.has("Saved.") && after.has("value=\"en\" checked"),
        "{}",
        after.body
    );

    // Ben writes to Ada (German page): her mail is English, with English links.
    app.post(
        "/nachrichten/neu",
        &format!("an=mitglied%3A{ada}&subject=Licht&message=Hallo+Ada"),
        Some(&ben_c),
    )
    .await;
    let mail = mails_to(&app, "ada@example.org").pop().unwrap_or_default();
    assert!(mail.contains("Subject: New message: Licht"), "{mail}");
    assert!(mail.contains("A new message is waiting for you"), "{mail}");
    assert!(
        mail.contains("http://kultur.test/en/nachrichten/"),
        "{mail}"
    );
    assert!(mail.contains("Unsubscribe (no login needed):"), "{mail}");
    let link = app
        .link_in_mail("ada@example.org", "/en/abbestellen/")
        .unwrap_or_else(|| panic!("no English unsubscribe link: {mail}"));
    let ask = app.get(&link).await;
    translated(&ask);
    assert!(ask.has("Yes, unsubscribe"), "{}", ask.body);
    no_german(&ask);
    let done = app.post(&link, "", None).await;
    assert!(
        done.has("You will no longer get e-mails about"),
        "{}",
        done.body
    );

    // The other way round: Ben's mail stays German.
    app.post(
        "/en/mein-bereich/benachrichtigungen",
        "nachrichten=taeglich&sprache=en",
        Some(&ada_c),
    )
    .await;
    let ben_id = kulturportal::db::users::by_email(
        &app.state.db,
        &kulturportal::domain::account::Email::parse("ben@example.org")
            .unwrap_or_else(|| panic!("address")),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .map(|u| u.id)
    .unwrap_or_default();
    app.post(
        "/nachrichten/neu",
        &format!("an=mitglied%3A{ben_id}&subject=Antwort&message=Hallo+Ben"),
        Some(&ada_c),
    )
    .await;
    let ben_mail = mails_to(&app, "ben@example.org").pop().unwrap_or_default();
    assert!(ben_mail.contains("Neue Nachricht: Antwort"), "{ben_mail}");
    assert!(
        ben_mail.contains("http://kultur.test/nachrichten/"),
        "{ben_mail}"
    );

    // A daily digest in English.
    let ben_c2 = app.login("ben@example.org").await;
    app.post(
        "/en/mein-bereich/benachrichtigungen",
        "nachrichten=taeglich&sprache=en",
        Some(&ada_c),
    )
    .await;
    app.post(
        "/nachrichten/neu",
        &format!("an=mitglied%3A{ada}&subject=Zweite&message=Hallo+Ada"),
        Some(&ben_c2),
    )
    .await;
    kulturportal::web::notify::send_digests(&app.state)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let digest = mails_to(&app, "ada@example.org").pop().unwrap_or_default();
    assert!(
        digest.contains("Subject: Your summary from the Kulturportal"),
        "{digest}"
    );
    assert!(
        digest.contains("Here is your daily summary from the Kulturportal (1 notice)"),
        "{digest}"
    );
    // Her home lists the notification in English words and English dates.
    let home = app.get_as("/en/mein-bereich", &ada_c).await;
    assert!(home.has("New message: Zweite"), "{}", home.body);
}

const POST: &str = "kind=sucht&topic=raum&title=Proberaum+mit+Schwingboden\
    &body=Wir+suchen+dienstags+abends+einen+Proberaum+mit+Schwingboden+f%C3%BCr+sechs+T%C3%A4nzerinnen.\
    &district=mitte&period=ab+Januar+2027";

#[tokio::test]
async fn the_pinboard_messages_and_directory_speak_english() {
    let app = TestApp::new().await;
    let ada = app.user("ada@example.org", "member").await;
    app.user("ben@example.org", "member").await;
    let ada_c = app.login("ada@example.org").await;
    let ben_c = app.login("ben@example.org").await;

    // The pinboard form with English errors.
    let form = app.get_as("/en/pinnwand/neu", &ada_c).await;
    translated(&form);
    assert!(
        form.has("<h1>New notice</h1>") && form.has("Rooms (rehearsal, studio, stage, storage)")
    );
    let bad = app
        .post(
            "/en/pinnwand/neu",
            "kind=sucht&title=Hi&body=kurz&expires=2020-01-01",
            Some(&ada_c),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        "Please check 4 entries:",
        "Please choose what it is about.",
        "Please enter a title of 5 to 120 characters.",
        "at least 20 characters",
        "The date is in the past.",
    ] {
        assert!(bad.has(text), "{text}: {}", bad.body);
    }
    let made = app.post("/en/pinnwand/neu", POST, Some(&ada_c)).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert!(
        made.location().starts_with("/en/pinnwand/"),
        "{}",
        made.location()
    );
    let shown = app.get_as(&made.location(), &ada_c).await;
    translated(&shown);
    assert!(shown.has("The notice is saved and visible to all members.") && shown.has("Wanted"));
    assert!(
        shown.has("Extend by 60 days") && shown.has("Visible until Sunday 31 January 2027."),
        "{}",
        shown.body
    );
    let board = app.get_as("/en/pinnwand", &ben_c).await;
    translated(&board);
    assert!(board.has("<h1>Pinboard</h1>") && board.has("1 notice") && board.has("Apply filters"));
    let german = app.get_as("/pinnwand", &ben_c).await;
    assert!(german.has("1 Aushang") && german.has("Gesucht"));

    // A reply becomes a message; the thread and the inbox in English.
    let post_url = made
        .location()
        .replace("/en", "")
        .replace("?ok=gespeichert", "");
    let sent = app
        .post(
            &format!("/en{post_url}/antworten"),
            "message=Gern%21",
            Some(&ben_c),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let thread = app.get_as(&sent.location(), &ada_c).await;
    translated(&thread);
    assert!(
        thread.has("<h1>Pinboard: Proberaum mit Schwingboden</h1>"),
        "{}",
        thread.body
    );
    assert!(
        thread.has("Report message")
            && thread.has("Your reply")
            && thread.has("with ben@example.org"),
        "{}",
        thread.body
    );
    let inbox = app.get_as("/en/nachrichten", &ada_c).await;
    translated(&inbox);
    no_german(&inbox);
    no_german(&thread);
    assert!(
        inbox.has("No unread messages.") || inbox.has("unread message"),
        "{}",
        inbox.body
    );
    let empty = app
        .post(
            "/en/nachrichten/neu",
            &format!("an=mitglied%3A{ada}&subject=&message="),
            Some(&ben_c),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.has("Please enter a subject.") && empty.has("Please write a message."),
        "{}",
        empty.body
    );

    // The skills directory.
    let directory = app.get_as("/en/mitglieder", &ada_c).await;
    translated(&directory);
    assert!(
        directory.has("<h1>Members' skills</h1>") || directory.has("<h1>Members&#39; skills</h1>"),
        "{}",
        directory.body
    );
    assert!(directory.has("Lighting") && directory.has("0 members"));
    let entry = app.get_as("/en/mein-bereich/profil", &ada_c).await;
    translated(&entry);
    assert!(entry.has("Show my organisations"));
    no_german(&entry);
    no_german(&directory);
}

#[tokio::test]
async fn moderators_get_the_queue_and_reports_in_their_language() {
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
    let english = mails_to(&app, "mo@example.org").pop().unwrap_or_default();
    assert!(
        english.contains("Hello,")
            && english.contains("A report has come in about the event")
            && !english.contains("only available in German")
            && english.contains("To the moderation:")
            && english.contains("http://kultur.test/en/moderation#meldungen"),
        "{english}"
    );
    let german = mails_to(&app, "mia@example.org").pop().unwrap_or_default();
    assert!(
        german.contains("Guten Tag,")
            && !german.contains("only available in German")
            && german.contains("http://kultur.test/moderation#meldungen"),
        "{german}"
    );
}
