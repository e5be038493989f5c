//! `GET /moderation`: everything that waits for the moderators on one page — events,
//! proposed venues and venue changes, suspected duplicates, reports, applications and
//! unverified organisations, readers' comments of the magazine.

use super::moderator;
use crate::db::event_writes::{self, EventLine};
use crate::db::moderation::{self, ApplicationRow, ReportRow};
use crate::db::organizations::{self, OrgRow};
use crate::db::venues::{self, VenueRow};
use crate::domain::calendar;
use crate::domain::moderation::ReportReason;
use crate::error::AppError;
use crate::web::editor::lifecycle::Line;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

/// A report's reason in the language of the request.
pub fn report_reason_words(reason: ReportReason) -> String {
    Lang::current().t_or(&format!("mod-report-{}", reason.key()), reason.label())
}

pub struct ReportView {
    pub id: i64,
    pub event_id: i64,
    pub event_slug: String,
    pub event_title: String,
    pub reason: String,
    pub message: String,
    pub at: String,
}

pub struct ChangeView {
    pub id: i64,
    pub venue_slug: String,
    pub venue_name: String,
    pub by: String,
    pub at: String,
    pub lines: Vec<(String, String, String)>,
}

pub struct PostReportView {
    pub post_id: i64,
    pub title: String,
    pub reason: String,
    pub at: String,
}

/// A reported private message: only that message, with who wrote and who reported it.
pub struct MessageReportView {
    pub message_id: i64,
    pub author: String,
    pub reporter: String,
    pub html: String,
    pub reason: String,
    pub at: String,
}

/// A reader's comment waiting in the queue (a first one, or reported).
pub struct CommentQueueView {
    pub id: i64,
    pub article_slug: String,
    pub article_title: String,
    pub author: String,
    pub body: String,
    /// Why it waits, in words (with the reporter's reason).
    pub why: String,
    pub at: String,
}

pub struct DuplicateView {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub source: String,
    pub kept_slug: String,
    pub kept_title: String,
    pub kept_source: String,
    pub when: String,
}

pub struct ApplicationView {
    pub id: i64,
    pub applicant: String,
    pub applicant_email: String,
    pub what: String,
    pub message: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "moderation/index.html")]
pub struct ModerationPage {
    pub layout: Layout,
    pub events: Vec<Line>,
    pub venues: Vec<VenueRow>,
    pub changes: Vec<ChangeView>,
    pub duplicates: Vec<DuplicateView>,
    pub posts: Vec<PostReportView>,
    pub messages: Vec<MessageReportView>,
    pub reports: Vec<ReportView>,
    pub applications: Vec<ApplicationView>,
    pub unverified: Vec<OrgRow>,
    pub comments: Vec<CommentQueueView>,
}

/// `GET /moderation`
pub async fn get(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    moderator(&state, &session).await?;
    let events: Vec<EventLine> = event_writes::pending(&state.db).await?;
    let reports: Vec<ReportRow> = moderation::open_reports(&state.db).await?;
    let applications: Vec<ApplicationRow> = moderation::pending_applications(&state.db).await?;
    let lang = Lang::current();
    let when = |t: i64| calendar::date_time_in(instant(t), lang.dates());
    let deleted = || lang.t("mod-deleted-account");
    let view = ModerationPage {
        layout: Layout::new(lang.t("mod-title")).translated(),
        events: events.into_iter().map(Line::from).collect(),
        venues: venues::pending(&state.db).await?,
        changes: change_views(&state).await?,
        duplicates: duplicate_views(&state).await?,
        posts: crate::db::pinboard::open_reports(&state.db)
            .await?
            .into_iter()
            .map(|r| PostReportView {
                post_id: r.post_id,
                title: r.title,
                reason: r.reason,
                at: when(r.created_at),
            })
            .collect(),
        messages: crate::db::messages::open_reports(&state.db)
            .await?
            .into_iter()
            .map(|r| MessageReportView {
                message_id: r.message_id,
                author: r.author_name.unwrap_or_else(deleted),
                reporter: r.reporter_name.unwrap_or_else(deleted),
                html: crate::web::markdown::render(&r.body),
                reason: r.reason,
                at: when(r.created_at),
            })
            .collect(),
        reports: reports
            .into_iter()
            .map(|r| ReportView {
                id: r.id,
                event_id: r.event_id,
                event_slug: r.event_slug,
                event_title: r.event_title,
                reason: report_reason_words(r.reason),
                message: r.message,
                at: when(r.created_at),
            })
            .collect(),
        applications: applications
            .into_iter()
            .map(|a| ApplicationView {
                id: a.id,
                what: match (&a.organization_name, a.organization_id) {
                    (Some(name), Some(_)) => lang.t_args("mod-wants-join", &[("name", name)]),
                    _ => lang.t_args(
                        "mod-wants-create",
                        &[
                            ("name", &a.name),
                            (
                                "kind",
                                &lang.t_or(
                                    &format!("orgs-kind-{}", a.kind),
                                    crate::domain::event::org_kind_name(&a.kind),
                                ),
                            ),
                        ],
                    ),
                },
                applicant: a.applicant,
                applicant_email: a.applicant_email,
                message: a.message,
                at: when(a.created_at),
            })
            .collect(),
        unverified: organizations::unverified(&state.db).await?,
        comments: crate::db::comments::held(&state.db)
            .await?
            .into_iter()
            .map(|c| CommentQueueView {
                id: c.id,
                author: if c.author.is_empty() {
                    lang.t("comment-deleted-account")
                } else {
                    c.author.clone()
                },
                body: c.body.clone(),
                why: if c.held_for == crate::domain::magazine::comments::HELD_REPORTED {
                    let reason = if c.report_reason.is_empty() {
                        "–".to_owned()
                    } else {
                        c.report_reason.clone()
                    };
                    lang.t_args("mod-comment-reported", &[("reason", reason.as_str())])
                } else {
                    lang.t("mod-comment-first")
                },
                at: when(c.created_at),
                article_slug: c.article_slug,
                article_title: c.article_title,
            })
            .collect(),
    };
    page::private(StatusCode::OK, &view)
}

async fn change_views(state: &AppState) -> Result<Vec<ChangeView>, AppError> {
    let mut out = Vec::new();
    for c in venues::pending_changes(&state.db).await? {
        let Some(venue) = venues::by_slug(&state.db, &c.venue_slug).await? else {
            continue;
        };
        let lines = c
            .place()
            .map(|p| venue.place().changes(&p))
            .unwrap_or_default();
        let by = match (&c.proposer_name, &c.organization_name) {
            (Some(p), Some(o)) => format!("{p} ({o})"),
            (Some(p), None) => p.clone(),
            (None, Some(o)) => o.clone(),
            (None, None) => Lang::current().t("mod-by-deleted-account"),
        };
        out.push(ChangeView {
            id: c.id,
            venue_slug: c.venue_slug,
            venue_name: c.venue_name,
            by,
            at: calendar::date_time_in(instant(c.created_at), Lang::current().dates()),
            lines,
        });
    }
    Ok(out)
}

async fn duplicate_views(state: &AppState) -> Result<Vec<DuplicateView>, AppError> {
    let mut out = Vec::new();
    for p in crate::db::duplicates::suspected(&state.db).await? {
        out.push(DuplicateView {
            source: crate::db::duplicates::sources(&state.db, p.id).await?,
            kept_source: crate::db::duplicates::sources(&state.db, p.kept_id).await?,
            when: p
                .first_start
                .map(|t| calendar::date_time_in(instant(t), Lang::current().dates()))
                .unwrap_or_default(),
            id: p.id,
            slug: p.slug,
            title: p.title,
            kept_slug: p.kept_slug,
            kept_title: p.kept_title,
        });
    }
    Ok(out)
}
