//! `/moderation`: the association's moderators work the queue (events and proposed venues),
//! reports, applications for organisations, and verify organisations. Decisions on events
//! are mailed to whoever entered them, with the reason when rejected.

use crate::db::event_writes::{self, EventLine};
use crate::db::moderation::{self, ApplicationRow, ReportRow};
use crate::db::organizations::{self, OrgRow};
use crate::db::users;
use crate::db::venues::{self, VenueRow};
use crate::domain::calendar;
use crate::domain::change::{Change, ChangeKind};
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::lifecycle::{AuditView, Line};
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::notify::{notify_in, page_url};
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

async fn moderator(state: &AppState, session: &Session) -> Result<Actor, AppError> {
    let (_, actor) = require_actor(state, session).await?;
    if !actor.is_moderator() {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

/// A report's reason in the language of the request.
pub fn report_reason_words(reason: &str) -> String {
    let key = match reason {
        "falsch" | "abgesagt" | "unangemessen" | "spam" | "rechte" => reason,
        _ => "sonstiges",
    };
    Lang::current().t_or(&format!("mod-report-{key}"), report_reason(reason))
}

/// A report's reason in German.
pub fn report_reason(reason: &str) -> &'static str {
    match reason {
        "falsch" => "Angaben falsch oder veraltet",
        "abgesagt" => "Findet nicht statt",
        "unangemessen" => "Unangemessener Inhalt",
        "spam" => "Werbung oder Spam",
        "rechte" => "Verletzt Rechte (Bild, Text)",
        _ => "Sonstiges",
    }
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
}

/// `GET /moderation`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
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
                reason: report_reason_words(&r.reason),
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

/// `POST /moderation/doppelt/{id}/{decision}`: `bestaetigen` keeps the later entry out
/// of the lists; `trennen` shows both and never suspects the pair again.
pub async fn decide_duplicate(
    State(state): State<AppState>,
    session: Session,
    Path((id, decision)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let confirm = decision_is(&decision, "bestaetigen", "trennen")?;
    let now = state.clock.now().timestamp();
    let id = parse_id(&id)?;
    crate::db::duplicates::decide(&state.db, id, confirm, actor.user_id, now).await?;
    crate::service::events::touched(&state.services(), id).await?;
    Ok(back())
}

/// `POST /moderation/nachrichten/{id}/ausblenden` or `…/behalten`: decides a reported
/// private message.
pub async fn decide_message(
    State(state): State<AppState>,
    session: Session,
    Path((id, decision)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let hide = decision_is(&decision, "ausblenden", "behalten")?;
    let now = state.clock.now().timestamp();
    if !crate::db::messages::moderate(&state.db, parse_id(&id)?, hide, actor.user_id, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(back())
}

/// `POST /moderation/pinnwand/{id}/ausblenden` (with a reason) or `…/behalten`.
pub async fn decide_post(
    State(state): State<AppState>,
    session: Session,
    Path((id, decision)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let hide = decision_is(&decision, "ausblenden", "behalten")?;
    let reason: String = FormData::from_urlencoded(&body)
        .trimmed("reason")
        .chars()
        .take(1000)
        .collect();
    let now = state.clock.now().timestamp();
    crate::db::pinboard::moderate(&state.db, parse_id(&id)?, hide, &reason, actor.user_id, now)
        .await?;
    Ok(back())
}

fn back() -> Response {
    redirect("/moderation").into_response()
}

/// The last path segment of a decision: `yes` or `no`, anything else is not a page.
fn decision_is(decision: &str, yes: &str, no: &str) -> Result<bool, AppError> {
    match decision {
        d if d == yes => Ok(true),
        d if d == no => Ok(false),
        _ => Err(AppError::NotFound),
    }
}

fn parse_id(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// Who hears about a decision: a member's account (their notification centre, mailed as
/// they chose), or nobody. (Decisions on events reach their writers through the outbox,
/// see `jobs::notify`.)
enum Contact {
    Member(i64, String),
    Nobody,
}

/// Tells about a decision, with the subject and text written by `words` in the member's
/// language. A failed mail is logged, the decision stands.
async fn tell(
    state: &AppState,
    to: &Contact,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), AppError> {
    match to {
        Contact::Member(user, email) => {
            notify_in(state, *user, email, "entscheidungen", words, link).await
        }
        Contact::Nobody => Ok(()),
    }
}

/// `POST /moderation/veranstaltungen/{id}/freigeben`: the event goes online; whoever
/// entered it hears about it (through the outbox).
pub async fn approve_event(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = parse_id(&id)?;
    crate::service::events::approve(&state.services(), id, actor.user_id).await?;
    Ok(back())
}

/// `POST /moderation/veranstaltungen/{id}/ablehnen` with a reason, told to whoever
/// entered the event (through the outbox).
pub async fn reject_event(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = parse_id(&id)?;
    let form = FormData::from_urlencoded(&body);
    let reason: String = form.trimmed("reason").chars().take(2000).collect();
    if reason.chars().count() < 5 {
        return Err(AppError::Invalid("mod-reason-missing-event".into()));
    }
    crate::service::events::reject(&state.services(), id, actor.user_id, &reason).await?;
    Ok(back())
}

/// `POST /moderation/orte/{id}/freigeben` and `…/ablehnen`
pub async fn decide_venue(
    State(state): State<AppState>,
    session: Session,
    Path((id, decision)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let accept = decision_is(&decision, "freigeben", "ablehnen")?;
    let now = state.clock.now().timestamp();
    let id = parse_id(&id)?;
    venues::decide(&state.db, id, accept, actor.user_id, now).await?;
    crate::service::announce(&state.services(), &Change::of(ChangeKind::VenueChanged, id)).await?;
    Ok(back())
}

/// `POST /moderation/ortsaenderungen/{id}/freigeben` and `…/ablehnen` (with a reason):
/// applies or drops a proposed change of a venue's address and access data, and tells
/// whoever proposed it.
pub async fn decide_venue_change(
    State(state): State<AppState>,
    session: Session,
    Path((id, decision)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let accept = decision_is(&decision, "freigeben", "ablehnen")?;
    let form = FormData::from_urlencoded(&body);
    let reason: String = form.trimmed("reason").chars().take(1000).collect();
    if !accept && reason.chars().count() < 5 {
        return Err(AppError::Invalid("mod-reason-missing-change".into()));
    }
    let now = state.clock.now().timestamp();
    let Some(change) = venues::decide_change(
        &state.db,
        parse_id(&id)?,
        accept,
        &reason,
        actor.user_id,
        now,
    )
    .await?
    else {
        return Ok(back());
    };
    let to = match (change.proposer_id, change.proposer_email.clone()) {
        (Some(id), Some(email)) => Contact::Member(id, email),
        _ => Contact::Nobody,
    };
    let args = [("venue", change.venue_name.as_str())];
    let public = format!("/orte/{}", change.venue_slug);
    let own = format!("/mein-bereich/orte/{}", change.venue_slug);
    tell(
        &state,
        &to,
        |lang| {
            if accept {
                (
                    lang.t_args("notice-venue-change-accepted-subject", &args),
                    format!(
                        "{}\n{}\n",
                        lang.t_args("notice-venue-change-accepted", &args),
                        page_url(&state, lang, &public)
                    ),
                )
            } else {
                (
                    lang.t_args("notice-venue-change-refused-subject", &args),
                    format!(
                        "{}\n\n{}\n\n{}\n{}\n",
                        lang.t_args("notice-venue-change-refused", &args),
                        lang.t_args("notice-venue-change-reason", &[("reason", reason.as_str())]),
                        lang.t("notice-venue-change-correct"),
                        page_url(&state, lang, &own)
                    ),
                )
            }
        },
        &own,
    )
    .await?;
    if accept {
        let venue = Change::of(ChangeKind::VenueChanged, change.venue_id);
        crate::service::announce(&state.services(), &venue).await?;
    }
    Ok(back())
}

/// `POST /moderation/meldungen/{id}/erledigt`
pub async fn resolve_report(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let now = state.clock.now().timestamp();
    if !moderation::resolve_report(&state.db, parse_id(&id)?, actor.user_id, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(back())
}

/// `POST /moderation/antraege/{id}/{annehmen|ablehnen}`
pub async fn decide_application(
    State(state): State<AppState>,
    session: Session,
    Path((id, decision)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let approve = decision_is(&decision, "annehmen", "ablehnen")?;
    let app = moderation::application(&state.db, parse_id(&id)?)
        .await?
        .filter(|a| a.status == "pending")
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now().timestamp();
    let what = if approve {
        match app.organization_id {
            Some(org) => {
                users::add_membership(
                    &state.db,
                    org,
                    app.user_id,
                    "editor",
                    Some(actor.user_id),
                    now,
                )
                .await?;
                (
                    "notice-application-joined",
                    app.organization_name.clone().unwrap_or_default(),
                )
            }
            None => {
                organizations::create_with_owner(
                    &state.db,
                    &app.name,
                    &app.kind,
                    app.user_id,
                    actor.user_id,
                    now,
                )
                .await?;
                ("notice-application-created", app.name.clone())
            }
        }
    } else {
        ("notice-application-refused", String::new())
    };
    moderation::decide_application(&state.db, app.id, approve, actor.user_id, now).await?;
    tell(
        &state,
        &Contact::Member(app.user_id, app.applicant_email.clone()),
        |lang| {
            let subject = if approve {
                "notice-application-approved-subject"
            } else {
                "notice-application-refused-subject"
            };
            (
                lang.t(subject),
                format!(
                    "{}\n\n{}\n\n{}\n\n{}\n",
                    lang.t_args("notice-hello-name", &[("name", app.applicant.as_str())]),
                    lang.t_args(what.0, &[("org", what.1.as_str())]),
                    page_url(&state, lang, "/mein-bereich"),
                    lang.t("notice-signature"),
                ),
            )
        },
        "/mein-bereich",
    )
    .await?;
    Ok(back())
}

/// `POST /moderation/organisationen/{id}/verifizieren`
pub async fn verify_org(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = parse_id(&id)?;
    organizations::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now().timestamp();
    organizations::set_verified(&state.db, id, true, actor.user_id, now).await?;
    Ok(back())
}

#[derive(Template)]
#[template(path = "moderation/audit.html")]
pub struct AuditPage {
    pub layout: Layout,
    pub lines: Vec<AuditView>,
}

/// `GET /moderation/protokoll`: the latest 300 entries of the audit log.
pub async fn audit(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    moderator(&state, &session).await?;
    let lines = moderation::recent_audit(&state.db, 300).await?;
    page::private(
        StatusCode::OK,
        &AuditPage {
            layout: Layout::new(Lang::current().t("mod-audit-title")).translated(),
            lines: lines.into_iter().map(AuditView::from).collect(),
        },
    )
}
