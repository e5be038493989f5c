//! `GET/POST /registrieren`: a new member account.

use super::PeerAddress;
use crate::auth;
use crate::db::users::{self, CreateUserError};
use crate::domain::account::{FieldErrors, NewAccount, PlatformRole};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RegisterForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_repeat: String,
    /// A field people never see: bots fill it in.
    pub website: String,
    /// The signed time the form was shown (minimum fill time).
    pub t: String,
}

#[derive(Template)]
#[template(path = "account/register.html")]
pub struct RegisterPage {
    pub layout: Layout,
    pub email: String,
    pub display_name: String,
    pub errors: FieldErrors,
    pub form_token: String,
}

impl RegisterPage {
    fn new(
        state: &AppState,
        email: String,
        display_name: String,
        errors: FieldErrors,
    ) -> RegisterPage {
        RegisterPage {
            layout: Layout::new(Lang::current().t("account-register-title")).translated(),
            email,
            display_name,
            errors,
            form_token: state.form_secret.token(state.clock.now().timestamp()),
        }
    }

    pub fn error(&self, field: &str) -> String {
        self.errors
            .message(field)
            .map(|m| self.layout.lang.message(m))
            .unwrap_or_default()
    }
}

pub async fn get(State(state): State<AppState>) -> Result<Response, AppError> {
    page::private(
        StatusCode::OK,
        &RegisterPage::new(&state, String::new(), String::new(), FieldErrors::default()),
    )
}

/// Accounts one address may register per hour.
pub const PER_HOUR: i64 = 10;

fn again(state: &AppState, form: RegisterForm, errors: FieldErrors) -> Result<Response, AppError> {
    let view = RegisterPage::new(
        state,
        form.email.chars().take(254).collect(),
        form.display_name.chars().take(80).collect(),
        errors,
    );
    page::private(StatusCode::UNPROCESSABLE_ENTITY, &view)
}

pub async fn post(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    Form(form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    crate::web::spam::limit(&state, "register", peer, PER_HOUR).await?;
    if !form.website.is_empty() {
        let mut errors = FieldErrors::default();
        errors.add("email", "account-register-refused");
        return again(&state, form, errors);
    }
    if !state
        .form_secret
        .filled_by_a_person(&form.t, state.clock.now().timestamp())
    {
        let mut errors = FieldErrors::default();
        errors.add("email", "account-register-too-fast");
        return again(&state, form, errors);
    }
    let account = match NewAccount::parse(
        &form.email,
        &form.display_name,
        &form.password,
        &form.password_repeat,
    ) {
        Ok(a) => a,
        Err(errors) => return again(&state, form, errors),
    };
    let password = account.password.clone();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    let now = state.clock.now().timestamp();
    match users::create(
        &state.db,
        &account.email,
        &account.display_name,
        &hash,
        PlatformRole::Member,
        now,
    )
    .await
    {
        Ok(id) => {
            // Mails speak the language of the registration page.
            let lang = Lang::current();
            if lang != Lang::De {
                users::set_lang(&state.db, id, lang.code()).await?;
            }
            super::recovery::send_verification(&state, id, account.email.as_str(), lang).await?;
            Ok(redirect(SENT).into_response())
        }
        Err(CreateUserError::EmailTaken) => {
            // The same answer as for a new account; the address's owner learns by mail
            // that someone tried (at most a few times an hour).
            let key = format!("register-known:{}", account.email.as_str());
            let n = crate::db::moderation::hit(&state.db, &key, now - 3600, now).await?;
            if n <= KNOWN_MAILS_PER_HOUR {
                known_address_mail(&state, account.email.as_str()).await;
            }
            Ok(redirect(SENT).into_response())
        }
        Err(CreateUserError::Db(e)) => Err(e.into()),
    }
}

/// Where a registration leads, whether the address was new or known.
const SENT: &str = "/registrieren/gesendet";

/// „Someone tried to register with your address“ mails per address and hour.
const KNOWN_MAILS_PER_HOUR: i64 = 3;

/// Tells the owner of a known address that someone tried to register with it, with the
/// ways into the existing account.
async fn known_address_mail(state: &AppState, email: &str) {
    let lang = Lang::current();
    let body = format!(
        "{}\n\n{}\n{}\n\n{}\n{}\n\n{}\n",
        lang.t("mail-known-text"),
        lang.t("mail-known-login"),
        crate::web::notify::page_url(state, lang, "/anmelden"),
        lang.t("mail-known-forgot"),
        crate::web::notify::page_url(state, lang, "/passwort-vergessen"),
        lang.t("mail-verify-ignore"),
    );
    if let Err(e) = state
        .mailer
        .send(email, &lang.t("mail-known-subject"), &body)
        .await
    {
        tracing::error!(error = %format!("{e:#}"), "mail about a known address not sent");
    }
}

/// `GET /registrieren/gesendet`: look in the mailbox.
pub async fn sent() -> Result<Response, AppError> {
    super::recovery::message(
        StatusCode::OK,
        "account-register-sent-title",
        "account-register-sent-text",
    )
}
