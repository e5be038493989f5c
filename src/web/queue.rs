//! `/verwaltung/auftraege`: what the outbox's workers still have to do, and what they
//! gave up on (dead letters), with a button to try a given-up job again.

use crate::db::jobs::{self, JobLine};
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::i18n::{Lang, redirect};
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub struct JobView {
    pub id: i64,
    pub what: String,
    pub target: String,
    pub attempts: i64,
    pub error: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "admin/jobs.html")]
pub struct JobsPage {
    pub layout: Layout,
    pub pending: i64,
    pub done: i64,
    pub dead_count: i64,
    pub waiting: Vec<JobView>,
    pub dead: Vec<JobView>,
    /// Mailings to visitors: progress and failures (never addresses).
    pub mailings: Vec<MailingView>,
}

pub struct MailingView {
    pub what: String,
    pub state: String,
    pub when: String,
    pub pending: i64,
    pub sent: i64,
    pub skipped: i64,
    pub failed: i64,
    pub errors: Vec<String>,
}

async fn mailings(state: &AppState, lang: Lang) -> Result<Vec<MailingView>, AppError> {
    let mut out = Vec::new();
    for m in crate::db::mailings::latest(&state.db, 20).await? {
        let (pending, sent, skipped, failed) =
            crate::db::mailings::progress(&state.db, m.id).await?;
        let errors = crate::db::mailings::failures(&state.db, m.id, 5)
            .await?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        out.push(MailingView {
            what: format!("#{} {}", m.id, m.key),
            state: m.state,
            when: crate::domain::calendar::date_time_in(instant(m.created_at), lang.dates()),
            pending,
            sent,
            skipped,
            failed,
            errors,
        });
    }
    Ok(out)
}

fn view(j: JobLine, lang: Lang, at: i64) -> JobView {
    let what = match (&j.kind, j.subject_id) {
        (Some(kind), Some(subject)) => format!("{} · {kind} #{subject}", j.consumer),
        _ => j.consumer.clone(),
    };
    JobView {
        id: j.id,
        what,
        target: j.target,
        attempts: j.attempts,
        error: j.last_error,
        when: crate::domain::calendar::date_time_in(instant(at), lang.dates()),
    }
}

async fn admin(state: &AppState, session: &Session) -> Result<(), AppError> {
    let (_, actor) = require_actor(state, session).await?;
    if !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// `GET /verwaltung/auftraege`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    admin(&state, &session).await?;
    let lang = Lang::current();
    let (pending, done, dead_count) = jobs::counts(&state.db).await?;
    let waiting = jobs::waiting(&state.db, 100)
        .await?
        .into_iter()
        .map(|j| {
            let at = j.run_after;
            view(j, lang, at)
        })
        .collect();
    let dead = jobs::dead(&state.db, 100)
        .await?
        .into_iter()
        .map(|j| {
            let at = j.created_at;
            view(j, lang, at)
        })
        .collect();
    let v = JobsPage {
        layout: Layout::new(lang.t("jobs-title")).translated(),
        pending,
        done,
        dead_count,
        waiting,
        dead,
        mailings: mailings(&state, lang).await?,
    };
    page::private(StatusCode::OK, &v)
}

/// `POST /verwaltung/auftraege/{id}/wiederholen`: a dead letter is due again at once.
pub async fn retry(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    admin(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if !jobs::retry(&state.db, id, state.clock.now().timestamp()).await? {
        return Err(AppError::NotFound);
    }
    state.services().committed().await?;
    Ok(redirect("/verwaltung/auftraege").into_response())
}
