//! Joining and leaving a group; the leads admit requests or turn them away.

use super::{back_to, group_of, member_of};
use crate::db::groups;
use crate::domain::groups::GroupRole;
use crate::domain::moderation::Decision;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /arbeitskreise/{slug}/beitreten`: joins an open group at once; for a closed one
/// the leads get the request.
pub async fn join(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, role) = group_of(&state, &actor, &slug).await?;
    if role.is_some() {
        return Ok(back_to(&slug));
    }
    groups::set_role(
        &state.db,
        g.id,
        actor.user_id,
        Some(GroupRole::on_joining(g.closed)),
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    if g.closed {
        let link = format!("/arbeitskreise/{slug}");
        let args = [("group", g.name.as_str())];
        for m in groups::members(&state.db, g.id).await? {
            if m.role.is_lead() {
                crate::web::notify::notify_in(
                    &state,
                    m.id,
                    &m.email,
                    "arbeitskreise",
                    |lang| {
                        (
                            lang.t_args("notice-group-request-subject", &args),
                            format!(
                                "{}\n\n{}\n{}\n",
                                lang.t("mail-hello"),
                                lang.t_args("notice-group-request-text", &args),
                                crate::web::notify::page_url(&state, lang, &link)
                            ),
                        )
                    },
                    &link,
                )
                .await?;
            }
        }
    }
    Ok(back_to(&slug))
}

/// `POST /arbeitskreise/{slug}/verlassen`
pub async fn leave(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, role) = group_of(&state, &actor, &slug).await?;
    if let Some(role) = role {
        if role.is_lead() && groups::lead_count(&state.db, g.id).await? <= 1 {
            return Err(AppError::Invalid("group-last-lead".into()));
        }
        let now = state.clock.now().timestamp();
        groups::set_role(&state.db, g.id, actor.user_id, None, actor.user_id, now).await?;
    }
    Ok(redirect("/arbeitskreise").into_response())
}

/// `POST /arbeitskreise/{slug}/mitglieder/{user}/annehmen`: a lead admits a request.
pub async fn admit(
    State(state): State<AppState>,
    session: Session,
    Path((slug, user)): Path<(String, String)>,
) -> Result<Response, AppError> {
    decide(&state, &session, &slug, &user, Decision::Approve).await
}

/// `POST /arbeitskreise/{slug}/mitglieder/{user}/ablehnen`: a lead turns a request away
/// or removes a member.
pub async fn turn_away(
    State(state): State<AppState>,
    session: Session,
    Path((slug, user)): Path<(String, String)>,
) -> Result<Response, AppError> {
    decide(&state, &session, &slug, &user, Decision::Refuse).await
}

async fn decide(
    state: &AppState,
    session: &Session,
    slug: &str,
    user: &str,
    decision: Decision,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(state, session).await?;
    let (g, lead) = member_of(state, &actor, slug).await?;
    if !lead {
        return Err(AppError::Forbidden);
    }
    let user: i64 = user.parse().map_err(|_| AppError::NotFound)?;
    // Only someone in the group (or asking to be) is decided on; admitting is for requests.
    let Some(current) = groups::role(&state.db, g.id, user).await? else {
        return Err(AppError::NotFound);
    };
    match (decision.approves(), current) {
        (true, GroupRole::Requested) => {}
        (true, _) => return Ok(back_to(slug)),
        (false, GroupRole::Lead) if groups::lead_count(&state.db, g.id).await? <= 1 => {
            return Err(AppError::Invalid("group-last-lead".into()));
        }
        (false, _) => {}
    }
    groups::set_role(
        &state.db,
        g.id,
        user,
        decision.approves().then_some(GroupRole::Member),
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(back_to(slug))
}
