//! `/arbeitskreise`: working groups of the scene. Open groups anyone joins; closed groups
//! admit members after the leads approve. Threads, files and meeting dates are for the
//! group's members only — everyone else gets 404, also when guessing ids. Announcements
//! by the leads are mailed to every member (as each chose in their notifications). Here:
//! the list of groups, founding one, and who someone is in a group.

pub mod files;
pub mod meetings;
pub mod membership;
pub mod show;
pub mod threads;

use crate::db::groups::{self, GroupRow};
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::groups::GroupRole;
use crate::domain::permissions::Actor;
use crate::domain::slug::Slug;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "groups/index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub groups: Vec<(GroupRow, String)>,
    pub f: FormView,
}

async fn index_page(
    state: &AppState,
    actor: &Actor,
    f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let mut list = Vec::new();
    for g in groups::all(&state.db).await? {
        let mine = match groups::role(&state.db, g.id, actor.user_id).await? {
            Some(GroupRole::Lead) => lang.t("group-you-lead"),
            Some(GroupRole::Member) => lang.t("group-you-member"),
            Some(GroupRole::Requested) => lang.t("group-you-asked"),
            None => String::new(),
        };
        list.push((g, mine));
    }
    let view = IndexPage {
        layout: Layout::new(lang.t("group-title"))
            .in_section("mein-bereich")
            .translated(),
        groups: list,
        f,
    };
    page::private(status, &view)
}

/// `GET /arbeitskreise`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    index_page(&state, &actor, f, StatusCode::OK).await
}

/// `POST /arbeitskreise`: a new group, led by whoever founds it.
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let name = form.trimmed("name").to_owned();
    let mut errors = FieldErrors::default();
    if !(3..=80).contains(&name.chars().count()) {
        errors.add("name", "group-name-length");
    }
    if !actor.email_verified {
        errors.add("name", "group-email-unconfirmed");
    }
    if errors.is_empty() {
        let slug = Slug::from_title(&name).to_string();
        let description: String = form.trimmed("description").chars().take(5000).collect();
        let now = state.clock.now().timestamp();
        match groups::create(
            &state.db,
            &slug,
            &name,
            &description,
            form.has("closed", "1"),
            actor.user_id,
            now,
        )
        .await?
        {
            Some(_) => return Ok(redirect(&format!("/arbeitskreise/{slug}")).into_response()),
            None => errors.add("name", "group-name-taken"),
        }
    }
    index_page(
        &state,
        &actor,
        FormView::new(form, errors),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The group and the person's role in it.
async fn group_of(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(GroupRow, Option<GroupRole>), AppError> {
    let g = groups::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = groups::role(&state.db, g.id, actor.user_id).await?;
    Ok((g, role))
}

/// Members only: anyone else learns nothing (404), as if it did not exist.
async fn member_of(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(GroupRow, bool), AppError> {
    match group_of(state, actor, slug).await? {
        (g, Some(role)) if role.is_member() => Ok((g, role.is_lead())),
        _ => Err(AppError::NotFound),
    }
}

fn back_to(slug: &str) -> Response {
    redirect(&format!("/arbeitskreise/{slug}")).into_response()
}
