//! The workflow's buttons on the desk: to review, approve (with the publication time),
//! back to the writers, withdraw; and the versions with a diff for reviewers.

use super::desk::{editable, refused};
use crate::db::articles::{self, VersionRow};
use crate::domain::calendar;
use crate::domain::editor::{parse_date, parse_time};
use crate::domain::form::FormData;
use crate::domain::magazine::diff::{self, Line};
use crate::error::AppError;
use crate::service::articles as service;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /redaktion/{id}/einreichen`
pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let a = editable(&state, &actor, &id).await?;
    service::submit(&state.services(), &actor, a.id)
        .await
        .map_err(refused)?;
    Ok(redirect(&format!("/redaktion/{}?ok=eingereicht", a.id)).into_response())
}

/// A magazine editor's action on the article `id`: the editor and the form sent.
async fn editor_action(
    state: &AppState,
    session: &Session,
    id: &str,
    body: &[u8],
) -> Result<(crate::domain::permissions::Actor, i64, FormData), AppError> {
    let (_, actor) = require_actor(state, session).await?;
    if !actor.can_edit_magazine() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    Ok((actor, id, FormData::from_urlencoded(body)))
}

/// `POST /redaktion/{id}/freigeben` with `datum` and `uhrzeit` (Bochum time; empty: now).
pub async fn approve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (actor, id, form) = editor_action(&state, &session, &id, &body).await?;
    let at = match (form.trimmed("datum"), form.trimmed("uhrzeit")) {
        ("", "") => None,
        (d, t) => {
            let day =
                parse_date(d).ok_or_else(|| AppError::Invalid("magazine-publish-date".into()))?;
            let (h, m) = if t.is_empty() {
                (0, 0)
            } else {
                parse_time(t).ok_or_else(|| AppError::Invalid("magazine-publish-time".into()))?
            };
            Some(calendar::local_instant(day, h, m).timestamp())
        }
    };
    service::approve(&state.services(), &actor, id, at)
        .await
        .map_err(refused)?;
    Ok(redirect(&format!("/redaktion/{id}?ok=freigegeben")).into_response())
}

/// `POST /redaktion/{id}/zurueckgeben`
pub async fn send_back(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (actor, id, form) = editor_action(&state, &session, &id, &body).await?;
    let note: String = form.trimmed("note").chars().take(600).collect();
    service::send_back(&state.services(), &actor, id, &note)
        .await
        .map_err(refused)?;
    Ok(redirect(&format!("/redaktion/{id}?ok=zurueck")).into_response())
}

/// `POST /redaktion/{id}/zurueckziehen` with `grund`
pub async fn withdraw(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (actor, id, form) = editor_action(&state, &session, &id, &body).await?;
    service::withdraw(&state.services(), &actor, id, form.trimmed("grund"))
        .await
        .map_err(refused)?;
    Ok(redirect(&format!("/redaktion/{id}?ok=zurueckgezogen")).into_response())
}

/// One version in the list, with what changed against the one before.
pub struct VersionView {
    pub version: i64,
    pub state: String,
    pub saved_at: String,
    pub saved_by: String,
    pub note: String,
    pub changes: Vec<Line>,
}

#[derive(Template)]
#[template(path = "magazine/versions.html")]
pub struct VersionsPage {
    pub layout: Layout,
    pub id: i64,
    pub title: String,
    pub versions: Vec<VersionView>,
}

fn whole(v: &VersionRow) -> String {
    let mut s = format!("# {}\n\n{}\n\n{}", v.title, v.lead, v.body);
    if !v.title_en.is_empty() || !v.body_en.is_empty() {
        s.push_str(&format!(
            "\n\n[English]\n# {}\n\n{}\n\n{}",
            v.title_en, v.lead_en, v.body_en
        ));
    }
    s
}

/// `GET /redaktion/{id}/verlauf`: every version, newest first, each with its diff.
pub async fn versions(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    RawQuery(_): RawQuery,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let a = editable(&state, &actor, &id).await?;
    let rows = articles::versions(&state.db, a.id).await?;
    let lang = crate::i18n::Lang::De;
    let mut views = Vec::with_capacity(rows.len());
    for (i, v) in rows.iter().enumerate() {
        let before = rows.get(i + 1).map(whole).unwrap_or_default();
        let changes = diff::lines(&before, &whole(v))
            .into_iter()
            .filter(|l| !matches!(l, Line::Same(_)))
            .collect();
        let at = chrono::DateTime::from_timestamp(v.saved_at, 0).unwrap_or_default();
        views.push(VersionView {
            version: v.version,
            state: crate::domain::magazine::ArticleState::parse(&v.state)
                .map(|s| s.label().to_owned())
                .unwrap_or_default(),
            saved_at: calendar::date_time_in(at, lang.dates()),
            saved_by: v.saved_by.clone().unwrap_or_default(),
            note: v.note.clone(),
            changes,
        });
    }
    let view = VersionsPage {
        layout: Layout::new(format!("Versionen: {}", a.title)).in_section("mein-bereich"),
        id: a.id,
        title: a.title,
        versions: views,
    };
    page::private(StatusCode::OK, &view)
}
