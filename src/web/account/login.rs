//! `GET/POST /anmelden` and `POST /abmelden`.

use super::{current_user, log_in};
use crate::auth;
use crate::db::users;
use crate::domain::account::Email;
use crate::error::AppError;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
}

#[derive(Template)]
#[template(path = "account/login.html")]
pub struct LoginPage {
    pub layout: Layout,
    pub email: String,
    pub error: String,
}

pub async fn get(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if current_user(&state, &session).await?.is_some() {
        return Ok(Redirect::to("/mein-bereich").into_response());
    }
    let view = LoginPage {
        layout: Layout::new("Anmelden"),
        email: String::new(),
        error: String::new(),
    };
    page::html(&headers, &view)
}

pub async fn post(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let user = match Email::parse(&form.email) {
        Some(email) => users::by_email(&state.db, &email).await?,
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
            log_in(&session, u.id).await?;
            Ok(Redirect::to("/mein-bereich").into_response())
        }
        _ => {
            let view = LoginPage {
                layout: Layout::new("Anmelden"),
                email: form.email.chars().take(254).collect(),
                error: "E-Mail-Adresse oder Passwort ist falsch.".to_owned(),
            };
            let html = view.render().map_err(|e| AppError::Internal(e.into()))?;
            Ok((StatusCode::UNAUTHORIZED, axum::response::Html(html)).into_response())
        }
    }
}

pub async fn logout(session: Session) -> Result<Response, AppError> {
    session
        .flush()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(Redirect::to("/").into_response())
}
