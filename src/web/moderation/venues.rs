//! Decisions on venues: proposed venues go online or are dropped; proposed changes of a
//! venue's address and access data are applied or refused (and the proposer is told).

use super::{Contact, back, moderator, parse_id, tell};
use crate::db::venues;
use crate::domain::change::{Change, ChangeKind};
use crate::domain::form::FormData;
use crate::domain::moderation::Decision;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::notify::page_url;
use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

/// `POST /moderation/orte/{id}/freigeben`: a proposed venue goes online.
pub async fn approve_venue(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide_venue(&state, &session, &id, Decision::Approve).await
}

/// `POST /moderation/orte/{id}/ablehnen`: a proposed venue is dropped (its events keep the address as text).
pub async fn refuse_venue(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide_venue(&state, &session, &id, Decision::Refuse).await
}

async fn decide_venue(
    state: &AppState,
    session: &Session,
    id: &str,
    decision: Decision,
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let now = state.clock.now().timestamp();
    let id = parse_id(id)?;
    venues::decide(&state.db, id, decision, actor.user_id, now).await?;
    crate::service::announce(&state.services(), &Change::of(ChangeKind::VenueChanged, id)).await?;
    Ok(back())
}

/// `POST /moderation/ortsaenderungen/{id}/freigeben`: applies a proposed change of a
/// venue's address and access data, and tells whoever proposed it.
pub async fn approve_venue_change(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide_venue_change(&state, &session, &id, Decision::Approve, &body).await
}

/// `POST /moderation/ortsaenderungen/{id}/ablehnen` (with a reason): drops it, and tells
/// whoever proposed it why.
pub async fn refuse_venue_change(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide_venue_change(&state, &session, &id, Decision::Refuse, &body).await
}

async fn decide_venue_change(
    state: &AppState,
    session: &Session,
    id: &str,
    decision: Decision,
    body: &[u8],
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let accept = decision.approves();
    let form = FormData::from_urlencoded(body);
    let reason: String = form.trimmed("reason").chars().take(1000).collect();
    if !accept && reason.chars().count() < 5 {
        return Err(AppError::Invalid("mod-reason-missing-change".into()));
    }
    let now = state.clock.now().timestamp();
    let Some(change) = venues::decide_change(
        &state.db,
        parse_id(id)?,
        decision,
        &reason,
        actor.user_id,
        now,
    )
    .await?
    else {
        return Ok(back());
    };
    if !accept {
        super::transparency::cite(
            state,
            &form,
            crate::domain::transparency::Ruling::VenueChangeRefused,
            ("venue", change.venue_id),
            actor.user_id,
        )
        .await?;
    }
    let to = match (change.proposer_id, change.proposer_email.clone()) {
        (Some(id), Some(email)) => Contact::Member(id, email),
        _ => Contact::Nobody,
    };
    let args = [("venue", change.venue_name.as_str())];
    let public = format!("/orte/{}", change.venue_slug);
    let own = format!("/mein-bereich/orte/{}", change.venue_slug);
    tell(
        state,
        &to,
        |lang| {
            if accept {
                (
                    lang.t_args("notice-venue-change-accepted-subject", &args),
                    format!(
                        "{}\n{}\n",
                        lang.t_args("notice-venue-change-accepted", &args),
                        page_url(state, lang, &public)
                    ),
                )
            } else {
                (
                    lang.t_args("notice-venue-change-refused-subject", &args),
                    format!(
                        "{}\n\n{}\n\n{}\n{}\n",
                        lang.t_args("notice-venue-change-refused", &args),
                        lang.t_args("notice-venue-change-reason", &[("reason", reason.as_str())]),
                        lang.t("notice-venue-change-correct"),
                        page_url(state, lang, &own)
                    ),
                )
            }
        },
        &own,
    )
    .await?;
    if accept {
        let venue = Change::of(ChangeKind::VenueChanged, change.venue_id);
        crate::service::announce(&state.services(), &venue).await?;
    }
    Ok(back())
}
