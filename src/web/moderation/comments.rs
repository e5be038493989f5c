//! Readers' comments in the queue: a held comment (a first one, or reported) is approved
//! or removed; each decision has its audit-log row (`service::comments::decide`).

use super::{back, moderator, parse_id};
use crate::error::AppError;
use crate::service::comments;
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

/// `POST /moderation/kommentare/{id}/freigeben`
pub async fn approve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide(&state, &session, &id, true).await
}

/// `POST /moderation/kommentare/{id}/entfernen`
pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide(&state, &session, &id, false).await
}

async fn decide(
    state: &AppState,
    session: &Session,
    id: &str,
    approve: bool,
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let id = parse_id(id)?;
    if !comments::decide(&state.services(), &actor, id, approve).await? {
        return Err(AppError::NotFound);
    }
    Ok(back())
}
