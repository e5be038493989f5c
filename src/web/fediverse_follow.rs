//! `/verwaltung/fediverse`: the calendars on the fediverse the portal follows (Gancio,
//! Mobilizon …), whether they accepted, the Sparte their events get; following one by
//! handle or address, and unfollowing. Their events arrive as suggestions in the
//! moderation queue. The work is in `fediverse::following`.

use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::fediverse::following::{self, FollowError};
use crate::i18n::Lang;
use crate::web::admin::admin;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::options::Choice;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub struct FollowingView {
    pub id: i64,
    pub handle: String,
    pub name: String,
    pub address: String,
    pub accepted: bool,
    pub since: String,
    pub sparte: String,
}

#[derive(Template)]
#[template(path = "admin/fediverse.html")]
pub struct FollowingPage {
    pub layout: Layout,
    pub following: Vec<FollowingView>,
    pub sparten: Vec<Choice>,
    pub f: FormView,
}

async fn render(state: &AppState, f: FormView, status: StatusCode) -> Result<Response, AppError> {
    let lang = Lang::current();
    let categories = crate::db::categories::all(&state.db).await?;
    let following = crate::db::fedi_following::all(&state.db)
        .await?
        .into_iter()
        .map(|r| FollowingView {
            id: r.id,
            sparte: categories
                .iter()
                .find(|c| Some(c.id) == r.category_id)
                .map(|c| c.name_in(lang.dates()).to_owned())
                .unwrap_or_default(),
            since: calendar::date_time_in(instant(r.created_at), lang.dates()),
            accepted: r.accepted_at.is_some(),
            handle: r.handle,
            name: r.name,
            address: r.actor,
        })
        .collect();
    let chosen = f.v("sparte").to_owned();
    let sparten = categories
        .iter()
        .map(|c| Choice::new(c.id, c.name_in(lang.dates())).checked_if(chosen == c.id.to_string()))
        .collect();
    let view = FollowingPage {
        layout: Layout::new(lang.t("fedi-follow-title")).translated(),
        following,
        sparten,
        f,
    };
    page::private(status, &view)
}

/// `GET /verwaltung/fediverse`
pub async fn get(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    admin(&state, &session).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    render(&state, f, StatusCode::OK).await
}

/// `POST /verwaltung/fediverse` (`konto`: a handle or an address, `sparte`)
pub async fn post(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let account: String = form.trimmed("konto").chars().take(500).collect();
    let categories = crate::db::categories::all(&state.db).await?;
    let sparte = categories
        .iter()
        .find(|c| c.id.to_string() == form.trimmed("sparte"))
        .map(|c| c.id);
    let mut errors = FieldErrors::default();
    if sparte.is_none() {
        errors.add("sparte", "fedi-follow-sparte-missing");
    }
    if account.chars().count() < 3 || account.contains(char::is_control) {
        errors.add("konto", "fedi-follow-not-found");
    }
    if errors.is_empty() {
        match following::follow(&state.services(), &account, sparte, me).await {
            Ok(_) => return Ok(redirect("/verwaltung/fediverse").into_response()),
            Err(FollowError::NotFound) => errors.add("konto", "fedi-follow-not-found"),
            Err(FollowError::Service(e)) => return Err(e.into()),
        }
    }
    let f = FormView::new(form, errors);
    render(&state, f, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// `POST /verwaltung/fediverse/{id}/entfolgen`
pub async fn unfollow(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if !following::unfollow(&state.services(), id, me).await? {
        return Err(AppError::NotFound);
    }
    Ok(redirect("/verwaltung/fediverse").into_response())
}
