//! `GET/POST /registrieren`: a new member account.

use super::{PeerAddress, log_in};
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
use tower_sessions::Session;

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
    session: Session,
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
            if let Some(user) = users::by_id(&state.db, id).await? {
                log_in(&session, &user).await?;
            }
            Ok(redirect("/mein-bereich").into_response())
        }
        Err(CreateUserError::EmailTaken) => {
            let mut errors = FieldErrors::default();
            errors.add("email", "account-email-taken");
            again(&state, form, errors)
        }
        Err(CreateUserError::Db(e)) => Err(e.into()),
    }
}
