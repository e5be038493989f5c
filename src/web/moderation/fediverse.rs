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
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Followers listed per page (`?seite=N`).
pub const PER_PAGE: i64 = 50;

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
    pub page: i64,
    pub pages: i64,
    pub blocked: Vec<BlockedView>,
    pub f: FormView,
}

async fn render(
    state: &AppState,
    f: FormView,
    status: StatusCode,
    page_no: i64,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let host = fediverse::host_of(&state.base_url);
    let when = |t: i64| calendar::date_time_in(instant(t), lang.dates());
    let count = db::fediverse::count_all_followers(&state.db).await?;
    let pages = ((count + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_no = page_no.clamp(1, pages);
    let followers =
        db::fediverse::all_followers(&state.db, PER_PAGE, (page_no - 1) * PER_PAGE).await?;
    let total = usize::try_from(count).unwrap_or_default();
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
        page: page_no,
        pages,
        blocked,
        f,
    };
    page::private(status, &view)
}

/// `GET /moderation/fediverse[?seite=N]` (a page out of range shows the nearest one).
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    moderator(&state, &session).await?;
    let page_no = FormData::from_urlencoded(query.unwrap_or_default().as_bytes())
        .trimmed("seite")
        .parse::<i64>()
        .unwrap_or(1);
    let f = FormView::new(FormData::default(), FieldErrors::default());
    render(&state, f, StatusCode::OK, page_no).await
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
            render(&state, f, StatusCode::UNPROCESSABLE_ENTITY, 1).await
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
