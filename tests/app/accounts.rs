//! Accounts: register, log in, the members' home, log out; bad input and cross-site posts.

use crate::support::{TestApp, fresh_url};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kulturportal::accounts::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use std::io::Write;
use std::process::{Command, Stdio};

fn form(uri: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "kultur.test")
        .header(header::ORIGIN, "http://kultur.test");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    let body = if uri == "/registrieren" {
        format!("{body}&t={}", crate::support::form_token())
    } else {
        body.to_owned()
    };
    r.body(Body::from(body)).unwrap_or_else(|e| panic!("{e}"))
}

fn get_with(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The session cookie a response sets (`name=value`).
fn session_cookie(page: &crate::support::Page) -> String {
    let set = page
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    set.split(';').next().unwrap_or_default().to_owned()
}

/// Registers Ada with the password `eine-lange-passphrase`; returns her session cookie.
async fn register_ada(app: &TestApp) -> String {
    let body = "email=ada%40example.org&display_name=Ada&password=eine-lange-passphrase&password_repeat=eine-lange-passphrase";
    let page = app.request(form("/registrieren", body, None)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/registrieren/gesendet");
    let login = app
        .request(form(
            "/anmelden",
            "email=ada%40example.org&password=eine-lange-passphrase",
            None,
        ))
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    session_cookie(&login)
}

#[tokio::test]
async fn register_then_log_out_and_in_again() {
    let app = TestApp::new().await;
    let registered = app
        .request(form("/registrieren", "email=Ada%40Example.org&display_name=Ada+Lovelace&password=eine-lange-passphrase&password_repeat=eine-lange-passphrase", None))
        .await;
    assert_eq!(registered.status, StatusCode::SEE_OTHER);
    // Registering does not log in (that would tell a stranger whether the address was
    // new): the next page says to look in the mailbox.
    assert_eq!(registered.location(), "/registrieren/gesendet");
    let sent = app.get("/registrieren/gesendet").await;
    assert!(sent.has("Bitte sehen Sie in Ihr Postfach"), "{}", sent.body);
    let logged_in = app
        .request(form(
            "/anmelden",
            "email=ada%40example.org&password=eine-lange-passphrase",
            None,
        ))
        .await;
    assert_eq!(logged_in.status, StatusCode::SEE_OTHER);
    let cookie = session_cookie(&logged_in);
    let home = app.request(get_with("/mein-bereich", &cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.has("Angemeldet als <strong>Ada Lovelace</strong> (ada@example.org)"));
    assert!(
        home.headers
            .get(header::CACHE_CONTROL)
            .is_some_and(|v| v == "private, no-store")
    );
    let out = app.request(form("/abmelden", "", Some(&cookie))).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = app.request(get_with("/mein-bereich", &cookie)).await;
    assert_eq!(
        after.status,
        StatusCode::SEE_OTHER,
        "the old session is gone"
    );
    let wrong = app
        .request(form(
            "/anmelden",
            "email=ada%40example.org&password=falsch",
            None,
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.has("E-Mail-Adresse oder Passwort ist falsch."));
    assert!(
        wrong.has(r#"value="ada@example.org""#),
        "the address typed is kept"
    );
    let again = app
        .request(form(
            "/anmelden",
            "email=ADA%40example.org&password=eine-lange-passphrase",
            None,
        ))
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_ne!(
        session_cookie(&again),
        cookie,
        "a new session id at every login"
    );
}

#[tokio::test]
async fn registration_errors_stand_next_to_their_fields_and_keep_the_input() {
    let app = TestApp::new().await;
    let page = app
        .request(form(
            "/registrieren",
            "email=kein-at&display_name=%3Cb%3EBert%3C%2Fb%3E&password=kurz&password_repeat=kurz",
            None,
        ))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.has(r#"id="email-fehler">Bitte geben Sie eine gültige E-Mail-Adresse an"#));
    assert!(page.has("mindestens 10 Zeichen lang"));
    assert!(page.has(r#"value="kein-at""#));
    assert!(
        page.has(r#"value="&#60;b&#62;Bert&#60;/b&#62;""#),
        "kept, escaped: {}",
        page.body
    );
    let ok = "email=bert%40example.org&display_name=Bert&password=lange-passphrase&password_repeat=lange-passphrase";
    let first = app.request(form("/registrieren", ok, None)).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    // A known address gets the very answer a new one gets; its owner is told by mail.
    let twice = app.request(form("/registrieren", ok, None)).await;
    assert_eq!(twice.status, first.status);
    assert_eq!(twice.location(), first.location());
    assert!(!twice.has("schon ein Konto"), "{}", twice.body);
    assert!(
        twice.headers.get(header::SET_COOKIE).is_none()
            && first.headers.get(header::SET_COOKIE).is_none(),
        "a session cookie tells new from known addresses"
    );
    let mails: Vec<String> = app
        .mails()
        .into_iter()
        .filter(|m| m.contains("bert@example.org"))
        .collect();
    assert_eq!(mails.len(), 2, "a verification mail, then the note");
    assert!(
        mails[1].contains("Zu dieser Adresse gibt es schon ein Konto"),
        "{}",
        mails[1]
    );
    assert!(
        mails[1].contains("http://kultur.test/passwort-vergessen"),
        "{}",
        mails[1]
    );
    let bot = app
        .request(form("/registrieren", "email=bot%40example.org&display_name=Bot&password=lange-passphrase&password_repeat=lange-passphrase&website=spam", None))
        .await;
    assert_eq!(
        bot.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the honeypot field was filled"
    );
    let garbage = app.request(form("/anmelden", "%%%&&&=", None)).await;
    assert_eq!(
        garbage.status,
        StatusCode::UNAUTHORIZED,
        "malformed form bodies are just wrong credentials"
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::new().await;
    let ok = "email=eve%40example.org&display_name=Eve&password=lange-passphrase&password_repeat=lange-passphrase";
    let mut evil = form("/registrieren", ok, None);
    evil.headers_mut().insert(
        header::ORIGIN,
        "https://evil.example"
            .parse()
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let page = app.request(evil).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.has("von einer anderen Website"));
    let mut fetch = form("/anmelden", "email=a%40b.de&password=x", None);
    fetch.headers_mut().insert(
        "sec-fetch-site",
        "cross-site".parse().unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(app.request(fetch).await.status, StatusCode::FORBIDDEN);
    let anonymous = app.get("/mein-bereich").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous
            .headers
            .get(header::LOCATION)
            .map(|v| v.as_bytes()),
        Some(&b"/anmelden"[..])
    );
}

#[tokio::test]
async fn demo_accounts_can_log_in() {
    let app = TestApp::demo().await;
    let (email, _, _, _) = DEMO_ACCOUNTS[2];
    let body = format!(
        "email={}&password={DEMO_PASSWORD}",
        email.replace('@', "%40")
    );
    let login = app.request(form("/anmelden", &body, None)).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let home = app
        .request(get_with("/mein-bereich", &session_cookie(&login)))
        .await;
    assert!(home.has("Rita Redaktion (Demo)"));
    assert!(
        home.has("Kollektiv Flözlicht"),
        "the editor's organisation is listed: {}",
        home.body
    );
    // The demo moderator finds work waiting: suggestions and a report.
    let (moderator, _, _, _) = DEMO_ACCOUNTS[1];
    let body = format!(
        "email={}&password={DEMO_PASSWORD}",
        moderator.replace('@', "%40")
    );
    let login = app.request(form("/anmelden", &body, None)).await;
    let desk = app
        .request(get_with("/moderation", &session_cookie(&login)))
        .await;
    assert_eq!(desk.status, StatusCode::OK);
    assert!(desk.has("Adventssingen im Hinterhof") && desk.has("Lesebühne: Texte aus dem Revier"));
    assert!(desk.has("Auf der Website des Veranstalters steht 20 Uhr"));
    assert!(
        desk.has("Kollektiv Flözlicht (fiktiv)"),
        "unverified organisation listed"
    );
}

#[tokio::test]
async fn user_create_reads_the_password_from_stdin() {
    let (url, _dir) = fresh_url().await;
    let run = |email: &str, password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kulturportal"))
            .args([
                "user",
                "create",
                "--email",
                email,
                "--role",
                "admin",
                "--database-url",
                &url,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(mut stdin) = child.stdin.take() {
            let _ = writeln!(stdin, "{password}");
        }
        child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
    };
    let ok = run("chefin@example.org", "ein-sehr-langes-passwort");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("chefin@example.org"));
    let short = run("zweite@example.org", "kurz");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("mindestens 10 Zeichen"));
    let twice = run("chefin@example.org", "ein-sehr-langes-passwort");
    assert!(!twice.status.success(), "an address has one account");
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_per_account() {
    let app = TestApp::new().await;
    register_ada(&app).await;
    for _ in 0..5 {
        let wrong = app
            .request(form(
                "/anmelden",
                "email=ada%40example.org&password=falsch",
                None,
            ))
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now: guessing stops being worthwhile.
    let blocked = app
        .request(form(
            "/anmelden",
            "email=ada%40example.org&password=eine-lange-passphrase",
            None,
        ))
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.has("Zu viele fehlgeschlagene Anmeldeversuche"));
    assert!(blocked.has(r#"value="ada@example.org""#));
    // Another account from the same (unknown) address is not affected by Ada's failures.
    let other = app
        .request(form(
            "/anmelden",
            "email=bert%40example.org&password=falsch",
            None,
        ))
        .await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn members_download_their_data_and_delete_their_account() {
    let app = TestApp::new().await;
    let cookie = register_ada(&app).await;
    let export = app.request(get_with("/mein-bereich/daten", &cookie)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(
        export
            .headers
            .get(header::CONTENT_DISPOSITION)
            .is_some_and(|v| v.to_str().unwrap_or("").contains("attachment"))
    );
    let data = export.json();
    assert_eq!(data["account"]["email"], "ada@example.org");
    assert_eq!(data["activity"][0]["action"], "user.created");
    let wrong = app
        .request(form(
            "/mein-bereich/konto-loeschen",
            "password=falsch",
            Some(&cookie),
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::SEE_OTHER);
    let home = app
        .request(get_with("/mein-bereich?loeschen=passwort-falsch", &cookie))
        .await;
    assert!(home.has("Das Passwort war nicht richtig; das Konto wurde nicht gelöscht."));
    let deleted = app
        .request(form(
            "/mein-bereich/konto-loeschen",
            "password=eine-lange-passphrase",
            Some(&cookie),
        ))
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.request(get_with("/mein-bereich", &cookie)).await.status,
        StatusCode::SEE_OTHER,
        "logged out"
    );
    let login = app
        .request(form(
            "/anmelden",
            "email=ada%40example.org&password=eine-lange-passphrase",
            None,
        ))
        .await;
    assert_eq!(
        login.status,
        StatusCode::UNAUTHORIZED,
        "the account is gone"
    );
    assert_eq!(
        app.get("/mein-bereich/daten").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_address_is_confirmed_by_the_link_in_the_mail() {
    let app = TestApp::new().await;
    let cookie = register_ada(&app).await;
    assert!(
        app.request(get_with("/mein-bereich", &cookie))
            .await
            .has("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    );
    let link = app
        .link_in_mail("ada@example.org", "/e-mail-bestaetigen/")
        .unwrap_or_else(|| panic!("no mail: {:?}", app.mails()));
    let confirmed = app.get(&link).await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert!(confirmed.has("Ihre E-Mail-Adresse ist bestätigt"));
    assert!(
        !app.request(get_with("/mein-bereich", &cookie))
            .await
            .has("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    );
    assert_eq!(
        app.get(&link).await.status,
        StatusCode::BAD_REQUEST,
        "a link works once"
    );
    assert_eq!(
        app.get("/e-mail-bestaetigen/%3Cscript%3E").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_mail() {
    let app = TestApp::new().await;
    register_ada(&app).await;
    let asked = app
        .request(form("/passwort-vergessen", "email=ADA%40example.org", None))
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(asked.has("Falls es ein Konto mit dieser Adresse gibt"));
    let unknown = app
        .request(form(
            "/passwort-vergessen",
            "email=niemand%40example.org",
            None,
        ))
        .await;
    assert_eq!(
        unknown.body.replace("niemand", ""),
        asked.body.replace("ADA", ""),
        "no hint whether an account exists"
    );
    let link = app
        .link_in_mail("ada@example.org", "/passwort-zuruecksetzen/")
        .unwrap_or_else(|| panic!("no mail: {:?}", app.mails()));
    assert_eq!(
        app.get(&link).await.status,
        StatusCode::OK,
        "opening the link does not use it up"
    );
    let short = app
        .request(form(&link, "password=kurz&password_repeat=kurz", None))
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.has("mindestens 10 Zeichen"));
    let done = app
        .request(form(
            &link,
            "password=ganz-neues-passwort&password_repeat=ganz-neues-passwort",
            None,
        ))
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.has("Ihr neues Passwort gilt ab sofort"));
    assert_eq!(
        app.request(form(
            &link,
            "password=noch-ein-passwort&password_repeat=noch-ein-passwort",
            None
        ))
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    let old = app
        .request(form(
            "/anmelden",
            "email=ada%40example.org&password=eine-lange-passphrase",
            None,
        ))
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = app
        .request(form(
            "/anmelden",
            "email=ada%40example.org&password=ganz-neues-passwort",
            None,
        ))
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
}
