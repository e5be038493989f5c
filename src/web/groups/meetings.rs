//! A group's meeting dates: the leads add them; members see the coming ones on the group's
//! page and in their members' area.

use super::show::refused;
use super::{back_to, member_of};
use crate::db::groups;
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::TimeZone;
use tower_sessions::Session;

/// `POST /arbeitskreise/{slug}/termine`: the leads add a meeting.
pub async fn add_meeting(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, lead) = member_of(&state, &actor, &slug).await?;
    if !lead {
        return Err(AppError::Forbidden);
    }
    let form = FormData::from_urlencoded(&body);
    let title: String = form.trimmed("meeting_title").chars().take(200).collect();
    let place: String = form.trimmed("place").chars().take(200).collect();
    let when = chrono::NaiveDateTime::parse_from_str(
        &format!("{} {}", form.trimmed("date"), form.trimmed("time")),
        "%Y-%m-%d %H:%M",
    )
    .ok()
    .and_then(|n| calendar::ZONE.from_local_datetime(&n).earliest());
    let mut errors = FieldErrors::default();
    if title.chars().count() < 3 {
        errors.add("meeting_title", "group-meeting-title-missing");
    }
    if when.is_none() {
        errors.add("date", "group-meeting-when-missing");
    }
    let (Some(when), true) = (when, errors.is_empty()) else {
        return refused(&state, &actor, &slug, form, errors).await;
    };
    groups::add_meeting(
        &state.db,
        g.id,
        &title,
        when.timestamp(),
        &place,
        actor.user_id,
    )
    .await?;
    Ok(back_to(&slug))
}
