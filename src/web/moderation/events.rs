//! Decisions on events in the queue: approving publishes, rejecting sends the reason; both
//! are told to whoever entered the event.

use super::{Contact, back, moderator, parse_id, tell};
use crate::db::event_writes;
use crate::db::users;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::editor::reindex;
use crate::web::notify::page_url;
use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

/// Who hears about a decision on an event: the anonymous submitter, or the account that
/// entered it.
async fn event_contact(state: &AppState, id: i64) -> Result<(Contact, String), AppError> {
    let e = event_writes::editable(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = e.detail.event.title.clone();
    if !e.submitter.email.is_empty() {
        return Ok((Contact::Address(e.submitter.email), title));
    }
    let contact = match event_writes::created_by(&state.db, id).await? {
        Some(user) => users::by_id(&state.db, user)
            .await?
            .map_or(Contact::Nobody, |u| Contact::Member(u.id, u.email)),
        None => Contact::Nobody,
    };
    Ok((contact, title))
}

/// `POST /moderation/veranstaltungen/{id}/freigeben`
pub async fn approve_event(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = parse_id(&id)?;
    let (to, title) = event_contact(&state, id).await?;
    let now = state.clock.now().timestamp();
    event_writes::set_status(&state.db, id, "published", "", Some(actor.user_id), now).await?;
    crate::web::editor::written(&state, id).await?;
    let slug = event_writes::editable(&state.db, id)
        .await?
        .map(|e| e.detail.event.slug)
        .unwrap_or_default();
    let link = format!("/veranstaltungen/{slug}");
    let args = [("title", title.as_str())];
    tell(
        &state,
        &to,
        |lang| {
            (
                lang.t_args("notice-event-approved-subject", &args),
                format!(
                    "{}\n\n{}\n\n{}\n\n{}\n{}\n",
                    lang.t("mail-hello"),
                    lang.t_args("notice-event-approved", &args),
                    page_url(&state, lang, &link),
                    lang.t("notice-thanks"),
                    lang.t("notice-signature"),
                ),
            )
        },
        &link,
    )
    .await?;
    Ok(back())
}

/// `POST /moderation/veranstaltungen/{id}/ablehnen` with a reason, mailed to the submitter.
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
    let (to, title) = event_contact(&state, id).await?;
    let now = state.clock.now().timestamp();
    event_writes::set_status(&state.db, id, "rejected", &reason, Some(actor.user_id), now).await?;
    reindex(&state).await?;
    let args = [("title", title.as_str())];
    tell(
        &state,
        &to,
        |lang| {
            (
                lang.t_args("notice-event-refused-subject", &args),
                format!(
                    "{}\n\n{}\n\n{reason}\n\n{}\n\n{}\n",
                    lang.t("mail-hello"),
                    lang.t_args("notice-event-refused", &args),
                    lang.t("notice-event-refused-resubmit"),
                    lang.t("notice-signature"),
                ),
            )
        },
        &format!("/mein-bereich/veranstaltungen/{id}"),
    )
    .await?;
    Ok(back())
}
