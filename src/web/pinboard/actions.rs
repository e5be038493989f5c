//! What members do with a post: the author renews or deletes it (moderators delete too),
//! any member reports it or replies with a private message.

use super::show::show_page;
use super::{own, readable, today};
use crate::db::pinboard;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::pinboard::{self as rules};
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /pinnwand/{id}/verlaengern`: the author keeps the post up for another
/// [`rules::DEFAULT_DAYS`] days.
pub async fn renew(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    own(&actor, &post)?;
    let until = today(&state) + rules::DEFAULT_DAYS as i64;
    let now = state.clock.now().timestamp();
    pinboard::renew(&state.db, post.id, until, actor.user_id, now).await?;
    Ok(redirect(&format!("/pinnwand/{}?ok=verlaengert", post.id)).into_response())
}

/// `POST /pinnwand/{id}/loeschen`: the author or a moderator deletes the post.
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    if post.author_id != actor.user_id && !actor.is_moderator() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now().timestamp();
    pinboard::delete(&state.db, post.id, actor.user_id, now).await?;
    Ok(redirect("/pinnwand?ok=geloescht").into_response())
}

/// `POST /pinnwand/{id}/melden`: any member reports the post (with a reason); the
/// moderators are told.
pub async fn report(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    let form = FormData::from_urlencoded(&body);
    let reason: String = form.trimmed("reason").chars().take(1000).collect();
    let now = state.clock.now().timestamp();
    pinboard::report(&state.db, post.id, actor.user_id, &reason, now).await?;
    crate::web::notify::notify_moderators_in(
        &state,
        |lang| {
            let title = [("title", post.title.as_str())];
            (
                lang.t_args("mail-pinboard-reported-subject", &title),
                lang.t_args("mail-pinboard-reported-text", &title),
            )
        },
        "/moderation#pinnwand",
    )
    .await?;
    Ok(redirect("/pinnwand?ok=gemeldet").into_response())
}

/// `POST /pinnwand/{id}/antworten`: a private message to the poster (or the inbox of the
/// organisation the post is for).
pub async fn reply(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    let form = FormData::from_urlencoded(&body);
    let text: String = form.trimmed("message").chars().take(10_000).collect();
    if text.chars().count() < 2 || !actor.email_verified {
        let mut errors = FieldErrors::default();
        errors.add(
            "message",
            if actor.email_verified {
                "message-text-missing"
            } else {
                "message-confirm-first"
            },
        );
        let f = FormView::new(form, errors);
        return show_page(
            &state,
            &actor,
            &post,
            f,
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let to = match post.organization_id {
        Some(org) => crate::db::messages::Recipient::Inbox(org),
        None => crate::db::messages::Recipient::Member(post.author_id),
    };
    let thread = crate::web::messages::send_new(
        &state,
        &actor,
        to,
        // The thread's subject, in the language of the one who starts it.
        &Lang::current().t_args("pinboard-reply-subject", &[("title", post.title.as_str())]),
        &text,
        Some(post.id),
    )
    .await?;
    match thread {
        Ok(id) => Ok(redirect(&format!("/nachrichten/{id}")).into_response()),
        Err(message) => {
            let mut errors = FieldErrors::default();
            errors.add("message", message);
            let f = FormView::new(form, errors);
            show_page(
                &state,
                &actor,
                &post,
                f,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
