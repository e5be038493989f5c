//! Suspected duplicates: one event (the later entry stays out of the lists) or two.

use super::{back, moderator, parse_id};
use crate::domain::moderation::DuplicateDecision;
use crate::error::AppError;
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

/// `POST /moderation/doppelt/{id}/bestaetigen`: one event; the later entry stays out of the lists.
pub async fn confirm_duplicate(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide_duplicate(&state, &session, &id, DuplicateDecision::Confirm).await
}

/// `POST /moderation/doppelt/{id}/trennen`: two events; both are shown and the pair is never suspected again.
pub async fn split_duplicate(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide_duplicate(&state, &session, &id, DuplicateDecision::Split).await
}

async fn decide_duplicate(
    state: &AppState,
    session: &Session,
    id: &str,
    decision: DuplicateDecision,
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let now = state.clock.now().timestamp();
    let id = parse_id(id)?;
    crate::db::duplicates::decide(&state.db, id, decision, actor.user_id, now).await?;
    crate::service::events::touched(&state.services(), id).await?;
    Ok(back())
}
