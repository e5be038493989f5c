//! `GET /moderation/protokoll`: the audit log as sentences in the page's language, naming
//! the event, organisation or person concerned, filtered by who, what and when, in pages.

use super::moderator;
use crate::db::moderation::{self, AuditFilter};
use crate::error::AppError;
use crate::web::editor::lifecycle::AuditView;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::options::Choice;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use tower_sessions::Session;

const PER_PAGE: i64 = 50;

/// The areas of the log a moderator filters by (the first part of an action).
const AREAS: [&str; 14] = [
    "event",
    "venue",
    "organization",
    "application",
    "pinboard",
    "message",
    "group",
    "user",
    "membership",
    "objection",
    "association",
    "assembly",
    "fediverse",
    "comment",
];

#[derive(Template)]
#[template(path = "moderation/audit.html")]
pub struct AuditPage {
    pub layout: Layout,
    pub lines: Vec<AuditView>,
    pub actors: Vec<Choice>,
    pub areas: Vec<Choice>,
    pub from: String,
    pub until: String,
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    /// The filter as a query, for the paging links (`wer=3&was=event&`).
    pub query: String,
}

/// `GET /moderation/protokoll?wer=&was=&von=&bis=&seite=`
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    moderator(&state, &session).await?;
    let lang = Lang::current();
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let value = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let bad = || AppError::Invalid("audit-filter-invalid".into());
    let mut filter = AuditFilter::default();
    let who = value("wer");
    if !who.is_empty() {
        filter.actor = Some(who.parse().map_err(|_| bad())?);
    }
    let what = value("was");
    if !what.is_empty() {
        let area = AREAS.iter().find(|a| **a == what).ok_or_else(bad)?;
        filter.area = Some((*area).to_owned());
    }
    let day = |s: &str| -> Result<Option<NaiveDate>, AppError> {
        if s.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| bad())
    };
    let (from, until) = (value("von"), value("bis"));
    if let Some(d) = day(&from)? {
        filter.from = Some(crate::domain::calendar::start_of_day(d).timestamp());
    }
    if let Some(d) = day(&until)? {
        let next = d.succ_opt().ok_or_else(bad)?;
        filter.until = Some(crate::domain::calendar::start_of_day(next).timestamp());
    }
    let page_no: i64 = match value("seite").as_str() {
        "" => 1,
        n => n.parse().map_err(|_| bad())?,
    };
    let total = moderation::audit_count(&state.db, &filter).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if !(1..=pages).contains(&page_no) {
        return Err(AppError::NotFound);
    }
    let lines =
        moderation::audit_page(&state.db, &filter, PER_PAGE, (page_no - 1) * PER_PAGE).await?;
    let actors = moderation::audit_actors(&state.db)
        .await?
        .into_iter()
        .map(|(id, name)| Choice::new(id, name).checked_if(filter.actor == Some(id)))
        .collect();
    let areas = AREAS
        .iter()
        .map(|a| Choice::new(a, lang.t(&format!("audit-area-{a}"))).checked_if(what == *a))
        .collect();
    let query = [
        ("wer", &who),
        ("was", &what),
        ("von", &from),
        ("bis", &until),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}&", urlencoding(v)))
    .collect();
    page::private(
        StatusCode::OK,
        &AuditPage {
            layout: Layout::new(lang.t("mod-audit-title")).translated(),
            lines: lines.into_iter().map(AuditView::from).collect(),
            actors,
            areas,
            from,
            until,
            page: page_no,
            pages,
            total,
            query,
        },
    )
}

fn urlencoding(v: &str) -> String {
    form_urlencoded::byte_serialize(v.as_bytes()).collect()
}
