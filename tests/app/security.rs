//! Security headers, session rotation at login, spam checks on registration.

use crate::support::{TestApp, form_post};
use axum::http::StatusCode;

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = TestApp::new().await;
    for uri in [
        "/",
        "/veranstaltungen",
        "/anmelden",
        "/veranstaltung-melden",
        "/gibt-es-nicht",
    ] {
        let page = app.get(uri).await;
        let header = |name: &str| {
            page.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = header("content-security-policy");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{uri}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(header("referrer-policy"), "same-origin", "{uri}");
    }
}

#[tokio::test]
async fn logging_in_starts_a_new_session_and_the_old_one_dies() {
    let app = TestApp::new().await;
    app.user("eva@example.org", "member").await;
    let first = app.login("eva@example.org").await;
    let body = format!(
        "email=eva%40example.org&password={}",
        crate::support::PASSWORD
    );
    let again = app
        .request(form_post("/anmelden", &body, Some(&first)))
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let second = again
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned();
    assert!(
        !second.is_empty() && second != first,
        "session id not rotated"
    );
    assert_eq!(
        app.get_as("/mein-bereich", &second).await.status,
        StatusCode::OK
    );
    let old = app.get_as("/mein-bereich", &first).await;
    assert_eq!(
        old.status,
        StatusCode::SEE_OTHER,
        "the old session still works"
    );
}

#[tokio::test]
async fn registration_refuses_forms_sent_too_fast_and_too_often() {
    let app = TestApp::new().await;
    let now = app.state.clock.now().timestamp();
    let fast = format!(
        "email=bot%40example.org&display_name=Bot&password=lange-passphrase&password_repeat=lange-passphrase&t={}",
        app.state.form_secret.token(now)
    );
    let page = app.post("/registrieren", &fast, None).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.has("Das ging sehr schnell"));
    assert!(page.has("value=\"bot@example.org\""), "the address is kept");
    let token = crate::support::form_token();
    for i in 0..9 {
        let body = format!(
            "email=p{i}%40example.org&display_name=P&password=lange-passphrase&password_repeat=lange-passphrase&t={token}"
        );
        assert_eq!(
            app.post("/registrieren", &body, None).await.status,
            StatusCode::SEE_OTHER,
            "registration {i}"
        );
    }
    let body = format!(
        "email=p99%40example.org&display_name=P&password=lange-passphrase&password_repeat=lange-passphrase&t={token}"
    );
    assert_eq!(
        app.post("/registrieren", &body, None).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn barriers_reported_through_the_statement_reach_the_admins() {
    let app = TestApp::new().await;
    app.user("admin@example.org", "admin").await;
    let english_admin = app.user("erin@example.org", "admin").await;
    app.english(english_admin).await;
    let home = app.get("/").await;
    assert!(home.has("href=\"/barrierefreiheit\"") && home.has("href=\"/leichte-sprache\""));
    assert!(
        app.get("/leichte-sprache")
            .await
            .has("Das Kulturportal in Leichter Sprache")
    );
    let statement = app.get("/barrierefreiheit").await;
    assert!(statement.has("Erklärung zur Barrierefreiheit") && statement.has("name=\"t\""));
    let short = app
        .post(
            "/barrierefreiheit",
            &format!("message=kurz&t={}", crate::support::form_token()),
            None,
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.has("mindestens 10 Zeichen") && short.has(">kurz</textarea>"));
    let body = format!(
        "message=Der+Filter+Stadtbezirk+ist+mit+dem+Screenreader+nicht+bedienbar.&page=%2Fveranstaltungen&contact=ada%40example.org&t={}",
        crate::support::form_token()
    );
    let sent = app.post("/barrierefreiheit", &body, None).await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.has("Ihre Nachricht ist angekommen"));
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.contains("Barriere gemeldet"))
        .unwrap_or_else(|| panic!("no mail to the admins"));
    assert!(
        mail.contains("admin@example.org")
            && mail.contains("nicht bedienbar")
            && mail.contains("ada@example.org")
            && mail.contains("Nach BITV 2.0")
    );
    // An admin whose account is English reads it in English.
    let english = app
        .mails()
        .into_iter()
        .find(|m| m.contains("erin@example.org"))
        .unwrap_or_else(|| panic!("no mail to the English admin"));
    assert!(
        english.contains("Barrier reported (no. 1)")
            && english.contains("Page: /veranstaltungen")
            && english.contains("nicht bedienbar"),
        "{english}"
    );
    let stored = kulturportal::db::moderation::open_feedback(&app.state.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].page, "/veranstaltungen");
}
