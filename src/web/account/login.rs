//! `GET/POST /anmelden` and `POST /abmelden`.

use super::{PeerAddress, current_user, log_in};
use crate::auth;
use crate::db::users;
use crate::domain::account::Email;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    /// Where to go after logging in: a page of the portal (`domain::text::local_path`).
    pub weiter: String,
}

/// `?weiter=…` of the login page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginQuery {
    pub weiter: String,
}

/// The page to go to after logging in: `weiter` when it is a page of the portal.
fn next_page(weiter: &str) -> &str {
    crate::domain::text::local_path(weiter).unwrap_or("/mein-bereich")
}

#[derive(Template)]
#[template(path = "account/login.html")]
pub struct LoginPage {
    pub layout: Layout,
    pub email: String,
    pub error: String,
    /// A checked „back to“ page, kept through the form (empty: the members' home).
    pub next: String,
}

pub async fn get(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    if current_user(&state, &session).await?.is_some() {
        return Ok(redirect(next_page(&q.weiter)).into_response());
    }
    let view = LoginPage {
        layout: Layout::new(Lang::current().t("account-login-title")).translated(),
        email: String::new(),
        error: String::new(),
        next: crate::domain::text::local_path(&q.weiter)
            .unwrap_or_default()
            .to_owned(),
    };
    page::html(&headers, &view)
}

/// Failed logins allowed per client address (over all accounts) within [`WINDOW`] seconds.
pub const PER_ADDRESS: i64 = 20;
pub const WINDOW: i64 = 15 * 60;
/// How far back failures of one client with one account count (their waits grow).
pub const PAIR_WINDOW: i64 = 24 * 3600;

/// The login form again, with the message `error` (a message id).
fn login_page(form: &LoginForm, error: &str) -> LoginPage {
    LoginPage {
        layout: Layout::new(Lang::current().t("account-login-title")).translated(),
        email: form.email.chars().take(254).collect(),
        error: Lang::current().t(error),
        next: crate::domain::text::local_path(&form.weiter)
            .unwrap_or_default()
            .to_owned(),
    }
}

fn answer(status: StatusCode, view: &LoginPage) -> Result<Response, AppError> {
    page::private(status, view)
}

pub async fn post(
    State(state): State<AppState>,
    session: Session,
    PeerAddress(peer): PeerAddress,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now().timestamp();
    let email = Email::parse(&form.email);
    let address = peer.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let address_key = format!("address:{address}");
    // Failures count per client and account: a stranger's guesses slow the stranger down,
    // with growing waits, and never the owner on another device.
    let pair_key = format!(
        "pair:{address}:{}",
        email.as_ref().map_or("", |e| e.as_str())
    );
    let (failures, last) =
        users::failures_and_last(&state.db, &pair_key, now - PAIR_WINDOW).await?;
    let wait = crate::domain::account::login_wait(failures);
    if (wait > 0 && now < last + wait)
        || users::failures_since(&state.db, &address_key, now - WINDOW).await? >= PER_ADDRESS
    {
        return answer(
            StatusCode::TOO_MANY_REQUESTS,
            &login_page(&form, "account-login-too-many"),
        );
    }
    let user = match &email {
        Some(email) => users::by_email(&state.db, email).await?,
        None => None,
    };
    // Verify against a dummy hash for unknown addresses: the answer takes as long either way.
    let stored = user
        .as_ref()
        .map_or(auth::dummy_hash(), |u| u.password_hash.as_str());
    let password = form.password.clone();
    let stored = stored.to_owned();
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&password, &stored))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    match user {
        Some(u) if matches => {
            log_in(&session, &u).await?;
            Ok(redirect(next_page(&form.weiter)).into_response())
        }
        _ => {
            users::record_failure(&state.db, &[pair_key, address_key], now).await?;
            answer(
                StatusCode::UNAUTHORIZED,
                &login_page(&form, "account-login-wrong"),
            )
        }
    }
}

pub async fn logout(session: Session) -> Result<Response, AppError> {
    session
        .flush()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(redirect("/").into_response())
}
