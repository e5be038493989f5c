//! `/mein-bereich/organisationen/{slug}/reichweite` (and `.csv`): how often an
//! organisation's events and profile were seen, per day and week, its ticket and share
//! clicks, calendar subscribers and „Entdecken“ showings, beside the median of
//! organisations of similar size. For the organisation's members and the admins.

use crate::db::reach::{self, ReachDay};
use crate::db::{directory, organizations};
use crate::domain::calendar;
use crate::domain::stats::{date_of, day_of, median, size_class};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::require_actor;
use crate::web::charts::{Chart, count};
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use tower_sessions::Session;

/// Days the page looks back (twelve weeks).
pub const DAYS: i64 = 84;
/// Days of the daily chart.
const DAILY: i64 = 28;

pub struct Figure {
    pub label: String,
    pub value: String,
}

pub struct WeekRow {
    pub week: String,
    pub event_views: String,
    pub profile_views: String,
    pub ticket_clicks: String,
    pub share_clicks: String,
    pub subscribers: String,
    pub shown: String,
    pub clicked: String,
}

#[derive(Template)]
#[template(path = "stats/reach.html")]
pub struct ReachPage {
    pub layout: Layout,
    pub slug: String,
    pub name: String,
    pub period: String,
    pub figures: Vec<Figure>,
    pub comparison: String,
    pub charts: Vec<Chart>,
    pub weeks: Vec<WeekRow>,
}

async fn allowed(
    state: &AppState,
    session: &Session,
    slug: &str,
) -> Result<organizations::OrgRow, AppError> {
    let (_, actor) = require_actor(state, session).await?;
    let org = organizations::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if actor.role_in(org.id).is_none() && !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

/// The organisation's days of the period, the first and last day.
async fn days(state: &AppState, org: i64) -> Result<(BTreeMap<i64, ReachDay>, i64, i64), AppError> {
    let last = day_of(state.clock.now());
    let first = last - DAYS + 1;
    Ok((
        reach::organization_days(&state.db, org, first, last).await?,
        first,
        last,
    ))
}

fn sum(days: &BTreeMap<i64, ReachDay>, f: impl Fn(&ReachDay) -> i64) -> i64 {
    days.values().map(f).sum()
}

/// The week (Monday) a day belongs to.
fn monday(day: i64) -> chrono::NaiveDate {
    use chrono::Datelike;
    let d = date_of(day);
    d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// `GET /mein-bereich/organisationen/{slug}/reichweite`
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let org = allowed(&state, &session, &slug).await?;
    let lang = Lang::current();
    let (days, first, last) = days(&state, org.id).await?;
    let n = |v: i64| count(lang, v);
    let long = |d: i64| calendar::long_date_in(date_of(d), lang.dates());
    let short = |d: i64| calendar::short_date_in(date_of(d), lang.dates());
    let views = sum(&days, |d| d.event_views + d.profile_views);
    // Similar organisations: the same size class by upcoming dates, with their views.
    let now = state.clock.now().timestamp();
    let all = directory::organizations(&state.db, now).await?;
    let class = all
        .iter()
        .find(|o| o.id == org.id)
        .map_or(size_class(0), |o| size_class(o.upcoming));
    let per_org = reach::views_per_organization(&state.db, first, last).await?;
    let peers: Vec<i64> = all
        .iter()
        .filter(|o| o.id != org.id && size_class(o.upcoming) == class)
        .map(|o| per_org.get(&o.id).copied().unwrap_or(0))
        .collect();
    let comparison = match median(&peers) {
        Some(m) => lang.t_args(
            "reach-comparison",
            &[
                ("class", &lang.t(class.message_id())),
                ("peers", &peers.len().to_string()),
                ("median", &n(m)),
                ("views", &n(views)),
            ],
        ),
        None => lang.t("reach-comparison-none"),
    };
    let figures = [
        ("reach-event-views", sum(&days, |d| d.event_views)),
        ("reach-profile-views", sum(&days, |d| d.profile_views)),
        ("reach-ticket-clicks", sum(&days, |d| d.ticket_clicks)),
        ("reach-share-clicks", sum(&days, |d| d.share_clicks)),
        (
            "reach-subscribers",
            days.values().map(|d| d.subscribers).max().unwrap_or(0),
        ),
        ("reach-shown", sum(&days, |d| d.shown)),
        ("reach-clicked", sum(&days, |d| d.clicked)),
    ]
    .into_iter()
    .map(|(id, v)| Figure {
        label: lang.t(id),
        value: n(v),
    })
    .collect();
    let mut weekly: BTreeMap<chrono::NaiveDate, ReachDay> = BTreeMap::new();
    for (day, d) in &days {
        let w = weekly.entry(monday(*day)).or_default();
        w.event_views += d.event_views;
        w.profile_views += d.profile_views;
        w.ticket_clicks += d.ticket_clicks;
        w.share_clicks += d.share_clicks;
        w.subscribers = w.subscribers.max(d.subscribers);
        w.shown += d.shown;
        w.clicked += d.clicked;
    }
    let week_label = |m: &chrono::NaiveDate| {
        lang.t_args(
            "reach-week-of",
            &[("date", &calendar::short_date_in(*m, lang.dates()))],
        )
    };
    let daily_points: Vec<(String, i64)> = days
        .iter()
        .filter(|(d, _)| **d > last - DAILY)
        .map(|(d, r)| (short(*d), r.event_views + r.profile_views))
        .collect();
    let weekly_points: Vec<(String, i64)> = weekly
        .iter()
        .map(|(m, r)| (week_label(m), r.event_views + r.profile_views))
        .collect();
    let headings = |label: &str| (lang.t(label), lang.t("reach-views"));
    let charts = vec![
        Chart::bars(
            "tage",
            lang.t("reach-chart-days"),
            lang.t_args(
                "reach-chart-days-desc",
                &[("from", &long(last - DAILY + 1)), ("to", &long(last))],
            ),
            headings("reach-day"),
            &daily_points,
            n,
        ),
        Chart::bars(
            "wochen",
            lang.t("reach-chart-weeks"),
            lang.t_args(
                "reach-chart-weeks-desc",
                &[("from", &long(first)), ("to", &long(last))],
            ),
            headings("reach-week"),
            &weekly_points,
            n,
        ),
    ];
    let weeks = weekly
        .iter()
        .rev()
        .map(|(m, r)| WeekRow {
            week: week_label(m),
            event_views: n(r.event_views),
            profile_views: n(r.profile_views),
            ticket_clicks: n(r.ticket_clicks),
            share_clicks: n(r.share_clicks),
            subscribers: n(r.subscribers),
            shown: n(r.shown),
            clicked: n(r.clicked),
        })
        .collect();
    let view = ReachPage {
        layout: Layout::new(lang.t_args("reach-title", &[("name", org.name.as_str())]))
            .in_section("mein-bereich")
            .translated(),
        period: lang.t_args(
            "reach-period",
            &[("from", &long(first)), ("to", &long(last))],
        ),
        slug: org.slug,
        name: org.name,
        figures,
        comparison,
        charts,
        weeks,
    };
    page::private(StatusCode::OK, &view)
}

/// `GET /mein-bereich/organisationen/{slug}/reichweite.csv`: every day of the period.
pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let org = allowed(&state, &session, &slug).await?;
    let (days, _, _) = days(&state, org.id).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![vec![
        "datum".to_owned(),
        "aufrufe_veranstaltungen".to_owned(),
        "aufrufe_profil".to_owned(),
        "ticket_klicks".to_owned(),
        "teilen_klicks".to_owned(),
        "kalender_abonnenten".to_owned(),
        "entdecken_gezeigt".to_owned(),
        "entdecken_geklickt".to_owned(),
    ]];
    for (day, d) in &days {
        rows.push(vec![
            date_of(*day).to_string(),
            d.event_views.to_string(),
            d.profile_views.to_string(),
            d.ticket_clicks.to_string(),
            d.share_clicks.to_string(),
            d.subscribers.to_string(),
            d.shown.to_string(),
            d.clicked.to_string(),
        ]);
    }
    for r in rows {
        w.write_record(&r)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"reichweite-{}.csv\"", org.slug),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
