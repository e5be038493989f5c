//! `/verwaltung`: administration. Admins set platform roles and maintain the Sparten.

use crate::db::users::{self, UserRow};
use crate::domain::account::PlatformRole;
use crate::domain::category::Category;
use crate::domain::form::FormData;
use crate::domain::slug::Slug;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The logged-in admin's id; anyone else is refused.
pub async fn admin(state: &AppState, session: &Session) -> Result<i64, AppError> {
    let (_, actor) = require_actor(state, session).await?;
    if !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(actor.user_id)
}

#[derive(Template)]
#[template(path = "admin/index.html")]
pub struct AdminPage {
    pub layout: Layout,
    pub users: Vec<UserRow>,
    pub categories: Vec<Category>,
    pub me: i64,
    /// The magazine's editors (user ids).
    pub magazine_editors: Vec<i64>,
}

impl AdminPage {
    pub fn edits_magazine(&self, id: &i64) -> bool {
        self.magazine_editors.contains(id)
    }
}

/// `GET /verwaltung`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let view = AdminPage {
        layout: Layout::new(crate::i18n::Lang::current().t("admin-title")).translated(),
        users: users::all(&state.db).await?,
        categories: state.categories.list().to_vec(),
        me,
        magazine_editors: crate::db::articles::editors(&state.db).await?,
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /verwaltung/nutzer/{id}/rolle`
pub async fn set_role(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    users::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = FormData::from_urlencoded(&body);
    let role = PlatformRole::parse(form.get("role"))
        .ok_or_else(|| AppError::Invalid("orgs-role-unknown".into()))?;
    if id == me && role != PlatformRole::Admin {
        return Err(AppError::Invalid("admin-keep-own-role".into()));
    }
    users::set_role(&state.db, id, role, me, state.clock.now().timestamp()).await?;
    Ok(redirect("/verwaltung").into_response())
}

/// `POST /verwaltung/nutzer/{id}/magazin` with `magazin=1` (give) or `magazin=0` (take):
/// the magazine editor role, beside the platform role.
pub async fn set_magazine_editor(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    users::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = FormData::from_urlencoded(&body);
    let editor = match form.get("magazin") {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::Invalid("orgs-role-unknown".into())),
    };
    crate::db::articles::set_editor(&state.db, id, editor, me, state.clock.now().timestamp())
        .await?;
    Ok(redirect("/verwaltung").into_response())
}

/// `POST /verwaltung/sparten`: adds a Sparte (German and English name).
pub async fn add_category(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let name = form.trimmed("name");
    let name_en = form.trimmed("name_en");
    if name.chars().count() < 2
        || name.chars().count() > 60
        || name_en.is_empty()
        || name_en.chars().count() > 60
    {
        return Err(AppError::Invalid("admin-sparte-names".into()));
    }
    let slug = Slug::from_title(name);
    if state
        .categories
        .list()
        .iter()
        .any(|c| c.slug == slug.as_str())
    {
        return Err(AppError::Invalid("admin-sparte-exists".into()));
    }
    crate::db::categories::add(
        &state.db,
        slug.as_str(),
        name,
        name_en,
        me,
        state.clock.now().timestamp(),
    )
    .await?;
    // Every instance reads the Sparten again (this one before it answers).
    let change =
        crate::domain::change::Change::of(crate::domain::change::ChangeKind::CategoriesChanged, 0);
    crate::service::announce(&state.services(), &change).await?;
    Ok(redirect("/verwaltung").into_response())
}
