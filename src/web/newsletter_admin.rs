//! `/verwaltung/newsletter`: admins write the portal's newsletter. An issue is a draft
//! with a subject, a Markdown text (the coming week's highlights can be put in with one
//! button) and the interests it is for; its page shows the preview and how many
//! addresses it would reach, mails a test to the admin, and sends it now or schedules it.

use crate::db::mailings::{self, MailingRow};
use crate::db::newsletters::{self, IssueText};
use crate::db::subscribers;
use crate::db::users;
use crate::domain::calendar::{self, Window};
use crate::domain::form::FormData;
use crate::domain::mailing::Scope;
use crate::domain::newsletter::{Interests, IssueState};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::newsletters::{self as service, Refused};
use crate::web::admin::admin;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::options::{self, Choice};
use crate::web::{AppState, listing, page};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Berlin;
use tower_sessions::Session;

/// One issue in the list.
pub struct Listed {
    pub href: String,
    pub subject: String,
    pub state: String,
    pub when: String,
    pub progress: String,
}

/// The form of an issue (new or draft).
#[derive(Default)]
pub struct IssueForm {
    pub subject: String,
    pub body: String,
    pub sparten: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub error: String,
    pub error_field: String,
}

#[derive(Template)]
#[template(path = "admin/newsletter.html")]
pub struct ListPage {
    pub layout: Layout,
    pub subscribers: usize,
    pub issues: Vec<Listed>,
    pub form: IssueForm,
}

#[derive(Template)]
#[template(path = "admin/newsletter_issue.html")]
pub struct IssuePage {
    pub layout: Layout,
    pub id: i64,
    pub state: String,
    pub draft: bool,
    pub scheduled: bool,
    pub when: String,
    pub reach: usize,
    pub progress: String,
    pub preview_subject: String,
    pub preview: String,
    pub form: IssueForm,
    /// A line above the page: the test mail went out, or what was refused.
    pub notice: String,
    pub schedule_value: String,
}

fn state_name(lang: Lang, state: &str) -> String {
    lang.t(&format!("newsletter-state-{state}"))
}

fn when(lang: Lang, t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|t| calendar::date_time_in(t, lang.dates()))
        .unwrap_or_default()
}

async fn progress(state: &AppState, lang: Lang, m: &MailingRow) -> Result<String, AppError> {
    if !matches!(m.state.as_str(), "sending" | "done") {
        return Ok(String::new());
    }
    let (pending, sent, skipped, failed) = mailings::progress(&state.db, m.id).await?;
    let args = [
        ("sent", sent.to_string()),
        ("pending", pending.to_string()),
        ("skipped", skipped.to_string()),
        ("failed", failed.to_string()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(lang.t_args("newsletter-progress", &args))
}

fn form_of(state: &AppState, lang: Lang, subject: &str, body: &str, interests: &str) -> IssueForm {
    let i = Interests::parse(interests);
    IssueForm {
        subject: subject.to_owned(),
        body: body.to_owned(),
        sparten: options::sparten_by_slug(&state.categories.list(), lang, |c| {
            i.sparten.contains(&c.slug)
        }),
        districts: options::districts(|d| i.districts.contains(d.slug())),
        error: String::new(),
        error_field: String::new(),
    }
}

/// Subject, text and interests as typed.
fn typed(f: &FormData) -> (String, String, String) {
    (
        f.trimmed("betreff").chars().take(400).collect(),
        f.get("text").chars().take(service::MAX_BODY + 1).collect(),
        Interests::new(f.all("sparte"), f.all("bezirk")).to_query(),
    )
}

async fn list_page(state: &AppState, form: IssueForm) -> Result<ListPage, AppError> {
    let lang = Lang::current();
    let mut issues = Vec::new();
    for m in newsletters::latest(&state.db, 50).await? {
        issues.push(Listed {
            href: format!("/verwaltung/newsletter/{}", m.id),
            subject: m.subject.clone(),
            state: state_name(lang, &m.state),
            when: when(lang, m.scheduled_at),
            progress: progress(state, lang, &m).await?,
        });
    }
    let all = subscribers::active(&state.db, Scope::Newsletter).await?;
    Ok(ListPage {
        layout: Layout::new(lang.t("newsletter-admin-title")).translated(),
        subscribers: service::recipients(&all, &Interests::default()).len(),
        issues,
        form,
    })
}

/// `GET /verwaltung/newsletter`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    admin(&state, &session).await?;
    let lang = Lang::current();
    let v = list_page(&state, form_of(&state, lang, "", "", "")).await?;
    page::private(StatusCode::OK, &v)
}

/// The coming week's highlights as Markdown (the start page's choice: the magazine's
/// „Tipps“ first, then balanced).
async fn tips(state: &AppState, lang: Lang) -> Result<String, AppError> {
    let now = state.clock.now();
    let week = Window {
        from: now,
        to: now.checked_add_days(Days::new(7)),
    };
    // The magazine's newest „Tipps“ lead, as on the start page.
    let picks = crate::db::articles::latest_tips(&state.db, now.timestamp())
        .await?
        .map(|t| t.2)
        .unwrap_or_default();
    let picked = listing::choice(state, week, 8, 400, true, &picks).await?;
    let mut md = format!("## {}\n\n", lang.t("newsletter-tips-heading"));
    for o in picked {
        let place = if o.venue_name.is_empty() {
            String::new()
        } else {
            format!(", {}", o.venue_name)
        };
        md.push_str(&format!(
            "- **[{}]({}{})** – {}{place}\n",
            o.title.replace(['[', ']'], ""),
            state.base_url,
            o.href,
            o.when
        ));
    }
    Ok(md)
}

/// `POST /verwaltung/newsletter`: writes a new draft (or, with `aktion=tipps`, puts the
/// week's highlights into the text and shows the form again).
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let lang = Lang::current();
    let f = FormData::from_urlencoded(&body);
    let (subject, mut text, interests) = typed(&f);
    if f.trimmed("aktion") == "tipps" {
        if !text.trim().is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&tips(&state, lang).await?);
        let v = list_page(&state, form_of(&state, lang, &subject, &text, &interests)).await?;
        return page::private(StatusCode::OK, &v);
    }
    let t = IssueText {
        subject: &subject,
        body: &text,
        interests: &interests,
    };
    match service::create(&state.services(), &t, me).await? {
        Ok(id) => Ok(redirect(&format!("/verwaltung/newsletter/{id}")).into_response()),
        Err(refused) => {
            let mut form = form_of(&state, lang, &subject, &text, &interests);
            (form.error_field, form.error) = refusal(lang, &refused);
            let v = list_page(&state, form).await?;
            page::private(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
    }
}

fn refusal(lang: Lang, r: &Refused) -> (String, String) {
    let (field, key) = match r {
        Refused::Invalid(p) => p.field_and_message(),
        Refused::NotADraft => ("", "newsletter-not-a-draft"),
        Refused::InThePast => ("zeitpunkt", "newsletter-in-the-past"),
    };
    (field.to_owned(), lang.t(key))
}

async fn issue(state: &AppState, id: &str) -> Result<MailingRow, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    newsletters::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn issue_page(
    state: &AppState,
    m: &MailingRow,
    form: Option<IssueForm>,
    notice: String,
    schedule_value: String,
) -> Result<IssuePage, AppError> {
    let lang = Lang::current();
    let issue_state = IssueState::parse(&m.state).map_err(|e| AppError::Internal(e.into()))?;
    let all = subscribers::active(&state.db, Scope::Newsletter).await?;
    let form = form.unwrap_or_else(|| form_of(state, lang, &m.subject, &m.body, &m.interests));
    Ok(IssuePage {
        layout: Layout::new(lang.t("newsletter-issue-title")).translated(),
        id: m.id,
        state: state_name(lang, &m.state),
        draft: issue_state == IssueState::Draft,
        scheduled: issue_state == IssueState::Scheduled,
        when: when(lang, m.scheduled_at),
        reach: service::recipients(&all, &Interests::parse(&m.interests)).len(),
        progress: progress(state, lang, m).await?,
        preview_subject: m.subject.clone(),
        preview: crate::web::markdown::render(&m.body),
        form,
        notice,
        schedule_value,
    })
}

/// `GET /verwaltung/newsletter/{id}`
pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    admin(&state, &session).await?;
    let m = issue(&state, &id).await?;
    let v = issue_page(&state, &m, None, String::new(), String::new()).await?;
    page::private(StatusCode::OK, &v)
}

/// A `datetime-local` value („2026-12-10T09:00“), Berlin time.
fn parse_local(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok()?;
    Berlin
        .from_local_datetime(&t)
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// `POST /verwaltung/newsletter/{id}`: `aktion` = `speichern`, `test` (to the admin's own
/// address), `senden` (now), `planen` (at `zeitpunkt`) or `zuruecknehmen` (scheduled →
/// draft). Saving comes first, so that what is sent is what the form shows.
pub async fn act(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = admin(&state, &session).await?;
    let lang = Lang::current();
    let m = issue(&state, &id).await?;
    let f = FormData::from_urlencoded(&body);
    let action = f.trimmed("aktion").to_owned();
    let svc = state.services();
    let schedule_value: String = f.trimmed("zeitpunkt").chars().take(20).collect();
    let back = |notice: String| async {
        let m = issue(&state, &id).await?;
        let v = issue_page(&state, &m, None, notice, String::new()).await?;
        page::private(StatusCode::OK, &v)
    };
    if action == "zuruecknehmen" {
        let notice = match service::unschedule(&svc, m.id).await? {
            Ok(()) => lang.t("newsletter-unscheduled"),
            Err(r) => refusal(lang, &r).1,
        };
        return back(notice).await;
    }
    if m.state == IssueState::Draft.key() {
        let (subject, text, interests) = typed(&f);
        let t = IssueText {
            subject: &subject,
            body: &text,
            interests: &interests,
        };
        if let Err(r) = service::save(&svc, m.id, &t).await? {
            let mut form = form_of(&state, lang, &subject, &text, &interests);
            (form.error_field, form.error) = refusal(lang, &r);
            let v = issue_page(&state, &m, Some(form), String::new(), schedule_value).await?;
            return page::private(StatusCode::UNPROCESSABLE_ENTITY, &v);
        }
    }
    let m = issue(&state, &id).await?;
    let outcome: Result<String, Option<Refused>> = match action.as_str() {
        "test" => {
            let user = users::by_id(&state.db, me)
                .await?
                .ok_or(AppError::Forbidden)?;
            match service::send_test(&svc, &m, &user.email, lang).await {
                Ok(()) => Ok(lang.t_args("newsletter-test-sent", &[("email", &user.email)])),
                Err(crate::service::ServiceError::Mail(e)) => {
                    tracing::warn!(error = %e, "newsletter test mail not sent");
                    Ok(lang.t("newsletter-test-failed"))
                }
                Err(e) => return Err(e.into()),
            }
        }
        "senden" => service::schedule(&svc, m.id, None)
            .await?
            .map(|()| lang.t("newsletter-sending"))
            .map_err(Some),
        // `None`: the time could not be read.
        "planen" => match parse_local(&schedule_value) {
            None => Err(None),
            Some(at) => service::schedule(&svc, m.id, Some(at))
                .await?
                .map(|()| lang.t("newsletter-scheduled"))
                .map_err(Some),
        },
        _ => Ok(lang.t("newsletter-saved")),
    };
    match outcome {
        Ok(notice) => back(notice).await,
        Err(r) => {
            let mut form = form_of(&state, lang, &m.subject, &m.body, &m.interests);
            (form.error_field, form.error) = match r {
                Some(r) => refusal(lang, &r),
                None => ("zeitpunkt".into(), lang.t("newsletter-time-invalid")),
            };
            let v = issue_page(&state, &m, Some(form), String::new(), schedule_value).await?;
            page::private(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
    }
}
