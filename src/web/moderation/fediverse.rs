//! `/moderation/fediverse`: who follows the portal, each organisation and each Sparte on
//! the fediverse, and which instances are blocked. Moderators remove a follower (its
//! server gets a `Reject`), block an instance with a reason (its followers go) and lift
//! a block; every action is in the protocol. The work is in `fediverse::moderation`.

use super::moderator;
use crate::db;
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::fediverse::{self, moderation};
use crate::i18n::Lang;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The most followers listed (the page stays bounded; the count says if there are more).
const MAX_LISTED: i64 = 2000;

pub struct FollowerView {
    pub id: i64,
    pub address: String,
    pub host: String,
    pub since: String,
}

/// One of the portal's actors with its followers.
pub struct ActorView {
    pub name: String,
    pub handle: String,
    pub followers: Vec<FollowerView>,
}

pub struct BlockedView {
    pub host: String,
    pub reason: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "moderation/fediverse.html")]
pub struct FediversePage {
    pub layout: Layout,
    pub actors: Vec<ActorView>,
    pub total: usize,
    pub blocked: Vec<BlockedView>,
    pub f: FormView,
}

async fn render(state: &AppState, f: FormView, status: StatusCode) -> Result<Response, AppError> {
    let lang = Lang::current();
    let host = fediverse::host_of(&state.base_url);
    let when = |t: i64| calendar::date_time_in(instant(t), lang.dates());
    let followers = db::fediverse::all_followers(&state.db, MAX_LISTED).await?;
    let total = followers.len();
    let mut actors: Vec<ActorView> = Vec::new();
    let mut current = String::new();
    for f in followers {
        if f.actor != current || actors.is_empty() {
            current = f.actor.clone();
            let (name, handle) = match fediverse::actor_by_key(&state.db, &f.actor).await? {
                Some(a) => (
                    a.name().to_owned(),
                    format!("@{}@{host}", fediverse::handle_of(&state.db, &a).await?),
                ),
                None => (lang.t("fedi-mod-gone"), String::new()),
            };
            actors.push(ActorView {
                name,
                handle,
                followers: Vec::new(),
            });
        }
        if let Some(a) = actors.last_mut() {
            a.followers.push(FollowerView {
                id: f.id,
                since: when(f.created_at),
                address: f.follower,
                host: f.host,
            });
        }
    }
    let blocked = db::fediverse::blocked_hosts(&state.db)
        .await?
        .into_iter()
        .map(|b| BlockedView {
            since: when(b.created_at),
            host: b.host,
            reason: b.reason,
        })
        .collect();
    let view = FediversePage {
        layout: Layout::new(lang.t("fedi-mod-title")).translated(),
        actors,
        total,
        blocked,
        f,
    };
    page::private(status, &view)
}

/// `GET /moderation/fediverse`
pub async fn get(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    moderator(&state, &session).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    render(&state, f, StatusCode::OK).await
}

fn back() -> Response {
    redirect("/moderation/fediverse").into_response()
}

/// `POST /moderation/fediverse/folgende/{id}/entfernen`
pub async fn remove_follower(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = super::parse_id(&id)?;
    if !moderation::remove_follower(&state.services(), id, actor.user_id).await? {
        return Err(AppError::NotFound);
    }
    Ok(back())
}

/// `POST /moderation/fediverse/instanzen/sperren` (`instanz`, `grund`)
pub async fn block(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let reason: String = form
        .trimmed("grund")
        .chars()
        .filter(|c| !c.is_control())
        .take(moderation::MAX_REASON)
        .collect();
    let host = moderation::instance_host(form.trimmed("instanz"));
    let mut errors = FieldErrors::default();
    if host.is_none() {
        errors.add("instanz", "fedi-mod-host-invalid");
    }
    if reason.chars().count() < 3 {
        errors.add("grund", "fedi-mod-reason-missing");
    }
    match host {
        Some(host) if errors.is_empty() => {
            moderation::block(&state.services(), &host, &reason, actor.user_id).await?;
            Ok(back())
        }
        _ => {
            let f = FormView::new(form, errors);
            render(&state, f, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// `POST /moderation/fediverse/instanzen/entsperren` (`instanz`)
pub async fn unblock(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let host = moderation::instance_host(form.trimmed("instanz")).ok_or(AppError::NotFound)?;
    if !moderation::unblock(&state.services(), &host, actor.user_id).await? {
        return Err(AppError::NotFound);
    }
    Ok(back())
}
