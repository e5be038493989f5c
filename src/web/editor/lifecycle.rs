//! An event's life after the editor: the list of one's events, preview, cancel, postpone,
//! delete. Cancelling keeps the page (visibly cancelled) so people who saved it learn of it.

use super::{editable_for, status_words};
use crate::db::event_writes::{self, EventLine};
use crate::db::moderation::{self, AuditLine};
use crate::domain::calendar;
use crate::domain::event::EventStatus;
use crate::error::AppError;
use crate::service::events;
use crate::web::account::require_actor;
use crate::web::events::show::event_page;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub struct Line {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub next: String,
}

impl Line {
    pub fn from(e: EventLine) -> Line {
        let lang = Lang::current();
        Line {
            id: e.id,
            title: e.title,
            status: status_words(EventStatus::parse(&e.status)),
            next: e.next_start.map_or_else(
                || lang.t("editor-no-upcoming"),
                |t| calendar::date_time_in(instant(t), lang.dates()),
            ),
        }
    }
}

#[derive(Template)]
#[template(path = "editor/list.html")]
pub struct ListPage {
    pub layout: Layout,
    pub events: Vec<Line>,
    pub can_create: bool,
}

/// `GET /mein-bereich/veranstaltungen`
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let orgs: Vec<i64> = actor.organizations.iter().map(|(o, _)| *o).collect();
    let now = state.clock.now().timestamp();
    let events = event_writes::of_organizations(&state.db, &orgs, now).await?;
    let view = ListPage {
        layout: Layout::new(Lang::current().t("editor-list-title"))
            .in_section("mein-bereich")
            .translated(),
        events: events.into_iter().map(Line::from).collect(),
        can_create: !orgs.is_empty() || actor.is_moderator(),
    };
    page::private(StatusCode::OK, &view)
}

/// `GET /mein-bereich/veranstaltungen/{id}/vorschau`: the public page, before it is public.
pub async fn preview(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (id, e) = editable_for(&state, &actor, &id).await?;
    let mut view = event_page(&state, id, &e.detail).await?;
    view.notice = Lang::current().t_args(
        "editor-preview-notice",
        &[("status", status_words(e.status).as_str())],
    );
    view.slug = String::new();
    page::private(StatusCode::OK, &view)
}

/// `POST …/{id}/absagen`: every coming date is cancelled; the page stays and says so.
pub async fn cancel(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    mark(state, session, id, true).await
}

/// `POST …/{id}/verschieben`: every coming date is marked as postponed (new dates follow).
pub async fn postpone(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    mark(state, session, id, false).await
}

async fn mark(
    state: AppState,
    session: Session,
    id: String,
    cancelled: bool,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (id, _) = editable_for(&state, &actor, &id).await?;
    events::mark_upcoming(&state.services(), id, cancelled, Some(actor.user_id)).await?;
    let status = if cancelled { "cancelled" } else { "postponed" };
    Ok(redirect(&format!(
        "/mein-bereich/veranstaltungen/{id}?gespeichert={status}"
    ))
    .into_response())
}

/// `POST …/{id}/loeschen`
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (id, _) = editable_for(&state, &actor, &id).await?;
    events::delete(&state.services(), id, Some(actor.user_id)).await?;
    Ok(redirect("/mein-bereich/veranstaltungen").into_response())
}

#[derive(Template)]
#[template(path = "editor/history.html")]
pub struct HistoryPage {
    pub layout: Layout,
    pub title: String,
    pub id: i64,
    pub lines: Vec<AuditView>,
}

pub struct AuditView {
    pub at: String,
    pub actor: String,
    /// The line as a sentence in the page's language („Mia Muster hat die Veranstaltung
    /// „Konzert“ veröffentlicht.“).
    pub sentence: String,
    /// A reason or a status people wrote or chose (never raw JSON).
    pub details: String,
}

impl AuditView {
    pub fn from(a: AuditLine) -> AuditView {
        let lang = Lang::current();
        let who = a.actor.clone().unwrap_or_else(|| lang.t("audit-nobody"));
        let facts: serde_json::Value = serde_json::from_str(&a.details).unwrap_or_default();
        // What has no table of its own (a remote account, an instance) is named in the facts.
        let named = facts.get("name").and_then(serde_json::Value::as_str);
        let subject = a
            .subject_name
            .clone()
            .or_else(|| named.map(str::to_owned))
            .unwrap_or_else(|| match a.subject_id {
                Some(id) if id > 0 => format!("#{id}"),
                _ => String::new(),
            });
        let key = format!("audit-{}", a.action.replace(['.', '_'], "-"));
        let args = [("who", who.as_str()), ("subject", subject.as_str())];
        let mut sentence = lang.t_args(&key, &args);
        if sentence == key {
            let area = lang.t_or(&format!("audit-area-{}", a.subject_type), &a.subject_type);
            sentence = lang.t_args(
                "audit-other",
                &[
                    ("who", who.as_str()),
                    ("what", a.action.as_str()),
                    ("area", area.as_str()),
                    ("subject", subject.as_str()),
                ],
            );
        }
        let details = ["reason", "status", "office", "file", "title"]
            .iter()
            .filter_map(|k| facts.get(*k).and_then(serde_json::Value::as_str))
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        AuditView {
            at: calendar::date_time_in(instant(a.at), lang.dates()),
            actor: who,
            sentence,
            details,
        }
    }
}

/// `GET …/{id}/verlauf`: who changed what and when.
pub async fn history(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (id, e) = editable_for(&state, &actor, &id).await?;
    let lines = moderation::audit_of_event(&state.db, id).await?;
    let view = HistoryPage {
        layout: Layout::new(Lang::current().t("editor-history-title"))
            .in_section("mein-bereich")
            .translated(),
        title: e.detail.event.title.clone(),
        id,
        lines: lines.into_iter().map(AuditView::from).collect(),
    };
    page::private(StatusCode::OK, &view)
}
