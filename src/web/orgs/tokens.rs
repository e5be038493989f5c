//! The organisation's API keys: owners create (shown once) and revoke them.

use super::{managed, org_form, render_with_token};
use crate::auth;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /mein-bereich/organisationen/{slug}/api-schluessel`: a new token, shown once.
pub async fn create_token(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor, org) = managed(&state, &session, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let name: String = form.trimmed("token_name").chars().take(80).collect();
    let name = if name.is_empty() {
        "API-Schlüssel".to_owned()
    } else {
        name
    };
    let (secret, _) = auth::new_token();
    let token = format!("kp_{secret}");
    let now = state.clock.now().timestamp();
    crate::db::api_tokens::create(
        &state.db,
        org.id,
        &name,
        &auth::token_hash(&token),
        actor.user_id,
        now,
    )
    .await?;
    let f = FormView::new(org_form(&state, &org).await?, FieldErrors::default());
    render_with_token(
        &state,
        &actor,
        org,
        f,
        Lang::current().t("orgs-new-token-notice"),
        StatusCode::OK,
        token,
    )
    .await
}

/// `POST /mein-bereich/organisationen/{slug}/api-schluessel/{id}/widerrufen`
pub async fn revoke_token(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, actor, org) = managed(&state, &session, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if !crate::db::api_tokens::revoke(
        &state.db,
        org.id,
        id,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=widerrufen"
    ))
    .into_response())
}
