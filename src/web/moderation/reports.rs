//! Reports: reported private messages and pinboard posts are hidden or kept; reports
//! about events are marked done.

use super::{back, moderator, parse_id};
use crate::db::moderation;
use crate::domain::form::FormData;
use crate::domain::moderation::ReportOutcome;
use crate::domain::transparency::Ruling;
use crate::error::AppError;
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

/// `POST /moderation/nachrichten/{id}/ausblenden`: hides a reported private message.
pub async fn hide_message(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide_message(&state, &session, &id, ReportOutcome::Hide, &body).await
}

/// `POST /moderation/nachrichten/{id}/behalten`: keeps it; its reports are closed.
pub async fn keep_message(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide_message(&state, &session, &id, ReportOutcome::Keep, &[]).await
}

async fn decide_message(
    state: &AppState,
    session: &Session,
    id: &str,
    outcome: ReportOutcome,
    body: &[u8],
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let now = state.clock.now().timestamp();
    let id = parse_id(id)?;
    if !crate::db::messages::moderate(&state.db, id, outcome, actor.user_id, now).await? {
        return Err(AppError::NotFound);
    }
    if outcome.hides() {
        let form = FormData::from_urlencoded(body);
        super::transparency::cite(
            state,
            &form,
            Ruling::MessageHidden,
            ("message", id),
            actor.user_id,
        )
        .await?;
    }
    Ok(back())
}

/// `POST /moderation/pinnwand/{id}/ausblenden` (with a reason): hides a reported pinboard post.
pub async fn hide_post(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide_post(&state, &session, &id, ReportOutcome::Hide, &body).await
}

/// `POST /moderation/pinnwand/{id}/behalten`: keeps it; its reports are closed.
pub async fn keep_post(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide_post(&state, &session, &id, ReportOutcome::Keep, &body).await
}

async fn decide_post(
    state: &AppState,
    session: &Session,
    id: &str,
    outcome: ReportOutcome,
    body: &[u8],
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let form = FormData::from_urlencoded(body);
    let reason: String = form.trimmed("reason").chars().take(1000).collect();
    let now = state.clock.now().timestamp();
    let id = parse_id(id)?;
    crate::db::pinboard::moderate(&state.db, id, outcome, &reason, actor.user_id, now).await?;
    if outcome.hides() {
        super::transparency::cite(
            state,
            &form,
            Ruling::PostHidden,
            ("pinboard_post", id),
            actor.user_id,
        )
        .await?;
    }
    Ok(back())
}

/// `POST /moderation/meldungen/{id}/erledigt`
pub async fn resolve_report(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let now = state.clock.now().timestamp();
    if !moderation::resolve_report(&state.db, parse_id(&id)?, actor.user_id, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(back())
}
