//! Hardening of accounts (issue 23): password reset without a mail cannon or a hint, all
//! sessions ended by a new password or „Überall abmelden“, lock-out of the guesser only.

use crate::support::{PASSWORD, TestApp, form_post};
use axum::extract::ConnectInfo;
use axum::http::StatusCode;

/// A form post from the client at `ip`.
async fn post_from(app: &TestApp, ip: [u8; 4], uri: &str, body: &str) -> crate::support::Page {
    let mut req = form_post(uri, body, None);
    req.extensions_mut()
        .insert(ConnectInfo(std::net::SocketAddr::from((ip, 40000))));
    app.request(req).await
}

fn reset_mails(app: &TestApp, to: &str) -> usize {
    app.mails()
        .iter()
        .filter(|m| m.contains(to) && m.contains("/passwort-zuruecksetzen/"))
        .count()
}

#[tokio::test]
async fn password_resets_are_limited_per_address_and_per_client() {
    let app = TestApp::new().await;
    app.user("ada@example.org", "member").await;
    // Forty requests from forty clients: three mails reach Ada within the hour.
    for n in 0..40 {
        let page = post_from(
            &app,
            [10, 0, 0, n],
            "/passwort-vergessen",
            "email=ada%40example.org",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "request {n}");
        assert!(page.has("Falls es ein Konto mit dieser Adresse gibt"));
    }
    assert_eq!(reset_mails(&app, "ada@example.org"), 3);
    // One client asking for many addresses is stopped after ten.
    for n in 0..10 {
        let page = post_from(
            &app,
            [10, 1, 0, 1],
            "/passwort-vergessen",
            &format!("email=p{n}%40example.org"),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "request {n}");
    }
    let page = post_from(
        &app,
        [10, 1, 0, 1],
        "/passwort-vergessen",
        "email=q%40example.org",
    )
    .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.has("Zu viele Anfragen"));
}

#[tokio::test]
async fn a_new_password_ends_every_other_session() {
    let app = TestApp::new().await;
    app.user("ada@example.org", "member").await;
    let laptop = app.login("ada@example.org").await;
    let phone = app.login("ada@example.org").await;
    assert_eq!(
        app.get_as("/mein-bereich", &laptop).await.status,
        StatusCode::OK
    );
    app.post("/passwort-vergessen", "email=ada%40example.org", None)
        .await;
    let link = app
        .link_in_mail("ada@example.org", "/passwort-zuruecksetzen/")
        .unwrap_or_else(|| panic!("no mail: {:?}", app.mails()));
    let done = app
        .post(
            &link,
            "password=ganz-neue-passphrase&password_repeat=ganz-neue-passphrase",
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    for cookie in [&laptop, &phone] {
        let home = app.get_as("/mein-bereich", cookie).await;
        assert_eq!(home.location(), "/anmelden", "an old session is logged out");
    }
    let fresh = app
        .login_with("ada@example.org", "ganz-neue-passphrase")
        .await;
    assert_eq!(
        app.get_as("/mein-bereich", &fresh).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn log_out_everywhere_ends_every_session() {
    let app = TestApp::new().await;
    app.user("ada@example.org", "member").await;
    let laptop = app.login("ada@example.org").await;
    let phone = app.login("ada@example.org").await;
    let home = app.get_as("/mein-bereich", &phone).await;
    assert!(
        home.has("action=\"/mein-bereich/ueberall-abmelden\"") && home.has("Überall abmelden"),
        "{}",
        home.body
    );
    let out = app
        .post("/mein-bereich/ueberall-abmelden", "", Some(&phone))
        .await;
    assert_eq!(out.location(), "/anmelden");
    for cookie in [&laptop, &phone] {
        assert_eq!(
            app.get_as("/mein-bereich", cookie).await.location(),
            "/anmelden"
        );
    }
    let again = app.login("ada@example.org").await;
    assert_eq!(
        app.get_as("/mein-bereich", &again).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_guessing_stranger_does_not_lock_the_owner_out() {
    let app = TestApp::new().await;
    app.user("ada@example.org", "member").await;
    let stranger = [203, 0, 113, 7];
    for n in 0..5 {
        let wrong = post_from(
            &app,
            stranger,
            "/anmelden",
            "email=ada%40example.org&password=falsch",
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    // The stranger waits now, even with the right password …
    let blocked = post_from(
        &app,
        stranger,
        "/anmelden",
        &format!("email=ada%40example.org&password={PASSWORD}"),
    )
    .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.has("Zu viele fehlgeschlagene Anmeldeversuche"));
    // … Ada on her own device does not.
    let owner = post_from(
        &app,
        [192, 0, 2, 1],
        "/anmelden",
        &format!("email=ada%40example.org&password={PASSWORD}"),
    )
    .await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER, "{}", owner.body);
    assert_eq!(owner.location(), "/mein-bereich");
}

/// A form post from the client at `ip` with an `X-Forwarded-For` line.
async fn post_forwarded(
    app: &TestApp,
    ip: [u8; 4],
    forwarded: &str,
    uri: &str,
    body: &str,
) -> crate::support::Page {
    let mut req = form_post(uri, body, None);
    req.headers_mut().insert(
        "x-forwarded-for",
        forwarded.parse().unwrap_or_else(|e| panic!("{e}")),
    );
    req.extensions_mut()
        .insert(ConnectInfo(std::net::SocketAddr::from((ip, 40000))));
    app.request(req).await
}

#[tokio::test]
async fn behind_a_trusted_proxy_limits_count_visitors_and_the_header_fools_nobody_else() {
    let mut app = TestApp::new().await;
    app.state.trusted_proxies = kulturportal::web::proxy::TrustedProxies::parse("127.0.0.1")
        .unwrap_or_else(|e| panic!("{e}"));
    app.rebuild_router();
    let signup = |n: usize| {
        format!(
            "t={}&email=leser{n}%40example.org&einwilligung=ja",
            crate::support::form_token()
        )
    };
    let nginx = [127, 0, 0, 1];
    // Ten sign-ups an hour per visitor: the eleventh from the same visitor is refused …
    for n in 0..10 {
        let page = post_forwarded(&app, nginx, "203.0.113.7", "/newsletter", &signup(n)).await;
        assert_eq!(page.status, StatusCode::OK, "sign-up {n}: {}", page.body);
    }
    let eleventh = post_forwarded(&app, nginx, "203.0.113.7", "/newsletter", &signup(10)).await;
    assert_eq!(eleventh.status, StatusCode::TOO_MANY_REQUESTS);
    // … while another visitor behind the same proxy is not, even with a made-up first hop.
    let other = post_forwarded(
        &app,
        nginx,
        "203.0.113.7, 198.51.100.20",
        "/newsletter",
        &signup(11),
    )
    .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.body);
    // A client that is not the proxy cannot escape its own limit with the header.
    let direct = [198, 51, 100, 1];
    for n in 0..10 {
        let page = post_forwarded(
            &app,
            direct,
            &format!("192.0.2.{n}"),
            "/newsletter",
            &signup(20 + n),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "direct {n}");
    }
    let spoofed = post_forwarded(&app, direct, "192.0.2.99", "/newsletter", &signup(40)).await;
    assert_eq!(spoofed.status, StatusCode::TOO_MANY_REQUESTS);
}
