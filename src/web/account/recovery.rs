//! Links by e-mail: confirming the address (`/e-mail-bestaetigen/{token}`) and resetting a
//! forgotten password (`/passwort-vergessen`, `/passwort-zuruecksetzen/{token}`).

use crate::auth;
use crate::db::{moderation, users};
use crate::domain::account::{Email, FieldErrors, NewAccount};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::PeerAddress;
use crate::web::layout::Layout;
use crate::web::notify::{lang_of, page_url};
use crate::web::{AppState, page};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// How long a link in a mail works.
pub const VERIFY_HOURS: i64 = 72;
pub const RESET_HOURS: i64 = 1;

#[derive(Template)]
#[template(path = "account/message.html")]
pub struct MessagePage {
    pub layout: Layout,
    pub heading: String,
    pub text: String,
}

/// A page with a heading and a sentence, both message ids.
pub fn message(status: StatusCode, heading: &str, text: &str) -> Result<Response, AppError> {
    let lang = Lang::current();
    let view = MessagePage {
        layout: Layout::new(lang.t(heading)).translated(),
        heading: lang.t(heading),
        text: lang.t(text),
    };
    page::private(status, &view)
}

/// Sends the link that confirms `email` for `user_id`, in `lang`. A failed mail is
/// logged, not fatal: the account exists either way and the member can ask again.
pub async fn send_verification(
    state: &AppState,
    user_id: i64,
    email: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let (token, hash) = auth::new_token();
    let now = state.clock.now().timestamp();
    users::store_token(
        &state.db,
        &hash,
        user_id,
        "verify",
        now + VERIFY_HOURS * 3600,
    )
    .await?;
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        lang.t("mail-verify-welcome"),
        lang.t_n("mail-verify-link", "hours", VERIFY_HOURS),
        page_url(state, lang, &format!("/e-mail-bestaetigen/{token}")),
        lang.t("mail-verify-ignore"),
    );
    if let Err(e) = state
        .mailer
        .send(email, &lang.t("mail-verify-subject"), &body)
        .await
    {
        tracing::error!(error = %format!("{e:#}"), "verification mail not sent");
    }
    Ok(())
}

fn token_ok(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn verify(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now().timestamp();
    if token_ok(&token) && users::verify_email(&state.db, &auth::token_hash(&token), now).await? {
        return message(
            StatusCode::OK,
            "account-verified-title",
            "account-verified-text",
        );
    }
    message(
        StatusCode::BAD_REQUEST,
        "account-link-invalid",
        "account-verify-invalid-text",
    )
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
pub struct ForgotPage {
    pub layout: Layout,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    pub email: String,
}

pub async fn forgot(headers: HeaderMap) -> Result<Response, AppError> {
    page::html(
        &headers,
        &ForgotPage {
            layout: Layout::new(Lang::current().t("account-forgot-title")).translated(),
        },
    )
}

/// Reset mails one address receives per hour at most; requests one client makes per hour.
pub const RESET_MAILS_PER_ADDRESS: i64 = 3;
pub const RESET_REQUESTS_PER_CLIENT: i64 = 10;

pub async fn forgot_post(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now().timestamp();
    let client = peer.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let client_key = format!("reset-client:{client}");
    if moderation::hit(&state.db, &client_key, now - 3600, now).await? > RESET_REQUESTS_PER_CLIENT {
        return Err(AppError::TooManyRequests);
    }
    if let Some(email) = Email::parse(&form.email) {
        // Counted for every address, with an account or without: the same work either way.
        let key = format!("reset-address:{}", email.as_str());
        if moderation::hit(&state.db, &key, now - 3600, now).await? <= RESET_MAILS_PER_ADDRESS {
            // Looking the account up, storing the token and sending the mail happen after
            // the answer (in the background, as jobs do), so that it takes as long whether
            // or not the address has an account. Tests run jobs inline and so this too.
            if state.jobs.runs_inline() {
                send_reset(&state, &email, now).await;
            } else {
                let state = state.clone();
                tokio::spawn(async move { send_reset(&state, &email, now).await });
            }
        }
    }
    // The same answer whether or not the address has an account.
    message(
        StatusCode::OK,
        "account-mail-sent-title",
        "account-mail-sent-text",
    )
}

/// Sends a reset link to `email` when it has an account; failures are logged.
async fn send_reset(state: &AppState, email: &Email, now: i64) {
    let sent: Result<(), AppError> = async {
        let Some(user) = users::by_email(&state.db, email).await? else {
            return Ok(());
        };
        let (token, hash) = auth::new_token();
        users::store_token(&state.db, &hash, user.id, "reset", now + RESET_HOURS * 3600).await?;
        let lang = lang_of(&user.lang);
        let body = format!(
            "{}\n\n{}\n\n{}\n\n{}\n",
            lang.t("mail-reset-asked"),
            lang.t_n("mail-reset-link", "hours", RESET_HOURS),
            page_url(state, lang, &format!("/passwort-zuruecksetzen/{token}")),
            lang.t("mail-reset-ignore"),
        );
        state
            .mailer
            .send(email.as_str(), &lang.t("mail-reset-subject"), &body)
            .await
            .map_err(AppError::Internal)
    }
    .await;
    if let Err(e) = sent {
        tracing::error!(error = %format!("{e:?}"), "reset mail not sent");
    }
}

#[derive(Template)]
#[template(path = "account/reset.html")]
pub struct ResetPage {
    pub layout: Layout,
    pub token: String,
    pub error: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    pub password: String,
    pub password_repeat: String,
}

async fn valid_reset(state: &AppState, token: &str) -> Result<bool, AppError> {
    let now = state.clock.now().timestamp();
    Ok(token_ok(token)
        && users::token_user(&state.db, &auth::token_hash(token), "reset", now)
            .await?
            .is_some())
}

fn invalid_link() -> Result<Response, AppError> {
    message(
        StatusCode::BAD_REQUEST,
        "account-link-invalid",
        "account-reset-invalid-text",
    )
}

pub async fn reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !valid_reset(&state, &token).await? {
        return invalid_link();
    }
    let view = ResetPage {
        layout: Layout::new(Lang::current().t("account-reset-title")).translated(),
        token,
        error: String::new(),
    };
    page::private(StatusCode::OK, &view)
}

pub async fn reset_post(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    if !valid_reset(&state, &token).await? {
        return invalid_link();
    }
    // The same password rules as at registration.
    let checked = NewAccount::parse("x@beispiel.de", "x", &form.password, &form.password_repeat);
    if let Err(errors) = checked {
        let error = first(&errors);
        let view = ResetPage {
            layout: Layout::new(Lang::current().t("account-reset-title")).translated(),
            token,
            error,
        };
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    }
    let password = form.password;
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    let now = state.clock.now().timestamp();
    if !users::reset_password(&state.db, &auth::token_hash(&token), &hash, now).await? {
        return invalid_link();
    }
    message(
        StatusCode::OK,
        "account-password-changed-title",
        "account-password-changed-text",
    )
}

fn first(errors: &FieldErrors) -> String {
    errors
        .message("password")
        .or_else(|| errors.message("password_repeat"))
        .map_or_else(
            || Lang::current().t("account-check-input"),
            |m| Lang::current().message(m),
        )
}

/// `POST /mein-bereich/bestaetigung-senden`: a new confirmation link (three an hour).
pub async fn resend(
    State(state): State<AppState>,
    session: tower_sessions::Session,
) -> Result<Response, AppError> {
    let Some(user) = super::current_user(&state, &session).await? else {
        return Err(AppError::LoginRequired);
    };
    if users::is_verified(&state.db, user.id).await? {
        return Ok(crate::web::i18n::redirect("/mein-bereich").into_response());
    }
    let now = state.clock.now().timestamp();
    let sent = crate::db::moderation::hit(
        &state.db,
        &format!("verify-mail:{}", user.id),
        now - 3600,
        now,
    )
    .await?;
    if sent > 3 {
        return Err(AppError::TooManyRequests);
    }
    send_verification(&state, user.id, &user.email, lang_of(&user.lang)).await?;
    Ok(crate::web::i18n::redirect("/mein-bereich?bestaetigung=gesendet").into_response())
}
