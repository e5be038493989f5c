//! Decisions on events in the queue: approving publishes, rejecting records the reason;
//! whoever entered the event hears about both through the outbox (`service::events`).

use super::{back, moderator, parse_id};
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

/// `POST /moderation/veranstaltungen/{id}/freigeben`: the event goes online; whoever
/// entered it hears about it (through the outbox).
pub async fn approve_event(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = parse_id(&id)?;
    crate::service::events::approve(&state.services(), id, actor.user_id).await?;
    Ok(back())
}

/// `POST /moderation/veranstaltungen/{id}/ablehnen` with a reason, told to whoever
/// entered the event (through the outbox).
pub async fn reject_event(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = parse_id(&id)?;
    let form = FormData::from_urlencoded(&body);
    let reason: String = form.trimmed("reason").chars().take(2000).collect();
    if reason.chars().count() < 5 {
        return Err(AppError::Invalid("mod-reason-missing-event".into()));
    }
    crate::service::events::reject(&state.services(), id, actor.user_id, &reason).await?;
    super::transparency::cite(
        &state,
        &form,
        crate::domain::transparency::Ruling::EventRefused,
        ("event", id),
        actor.user_id,
    )
    .await?;
    Ok(back())
}
