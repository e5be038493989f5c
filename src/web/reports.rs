//! `GET/POST /veranstaltungen/{slug}/melden`: a visitor tells the moderation that something
//! is wrong with an event. No account needed; rate-limited per address.

use crate::db::{event_details, moderation};
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::slug::Slug;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::PeerAddress;
use crate::web::editor::form::FormView;
use crate::web::layout::Layout;
use crate::web::moderation::report_reason;
use crate::web::{AppState, page, spam};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

pub const REASONS: [&str; 6] = [
    "falsch",
    "abgesagt",
    "unangemessen",
    "spam",
    "rechte",
    "sonstiges",
];
/// Reports one address may send per hour.
pub const PER_HOUR: i64 = 10;

pub struct Reason {
    pub key: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "events/report.html")]
pub struct ReportPage {
    pub layout: Layout,
    pub slug: String,
    pub title: String,
    pub reasons: Vec<Reason>,
    pub f: FormView,
    pub done: bool,
}

async fn event(state: &AppState, slug: &str) -> Result<(i64, String, String), AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let id = event_details::published_id_by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let title = event_details::load(&state.db, &[id])
        .await?
        .remove(&id)
        .map(|d| d.event.title)
        .unwrap_or_default();
    Ok((id, slug.as_str().to_owned(), title))
}

fn view(slug: String, title: String, f: FormView, done: bool) -> ReportPage {
    let lang = Lang::current();
    ReportPage {
        layout: Layout::new(lang.t("event-report-title")).translated(),
        slug,
        title,
        reasons: REASONS
            .iter()
            .map(|k| Reason {
                key: k,
                label: lang.t_or(&format!("event-report-reason-{k}"), report_reason(k)),
            })
            .collect(),
        f,
        done,
    }
}

pub async fn get(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (_, slug, title) = event(&state, &slug).await?;
    page::private(
        StatusCode::OK,
        &view(
            slug,
            title,
            FormView::new(FormData::default(), FieldErrors::default()),
            false,
        ),
    )
}

pub async fn post(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (id, slug, title) = event(&state, &slug).await?;
    spam::limit(&state, "report", peer, PER_HOUR).await?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let reason = form.get("reason");
    if !REASONS.contains(&reason) {
        errors.add("reason", "event-report-reason-missing");
    }
    let message: String = form.trimmed("message").chars().take(2000).collect();
    if reason == "sonstiges" && message.chars().count() < 5 {
        errors.add("message", "event-report-message-missing");
    }
    if !form.get("website").is_empty() {
        errors.add("reason", "event-report-refused");
    }
    if !errors.is_empty() {
        return page::private(
            StatusCode::UNPROCESSABLE_ENTITY,
            &view(slug, title, FormView::new(form, errors), false),
        );
    }
    moderation::add_report(
        &state.db,
        id,
        reason,
        &message,
        state.clock.now().timestamp(),
    )
    .await?;
    let args = [("title", title.as_str())];
    crate::web::notify::notify_moderators_in(
        &state,
        |lang| {
            (
                lang.t_args("notice-report-subject", &args),
                lang.t_args("notice-report-text", &args),
            )
        },
        "/moderation#meldungen",
    )
    .await?;
    page::private(
        StatusCode::OK,
        &view(
            slug,
            title,
            FormView::new(FormData::default(), FieldErrors::default()),
            true,
        ),
    )
}
