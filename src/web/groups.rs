//! `/arbeitskreise`: working groups of the scene. Open groups anyone joins; closed groups
//! admit members after the leads approve. Threads, files and meeting dates are for the
//! group's members only — everyone else gets 404, also when guessing ids. Announcements
//! by the leads are mailed to every member (as each chose in their notifications).

use crate::db::groups::{self, GroupRow};
use crate::domain::account::{FieldErrors, Message};
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::domain::slug::Slug;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::{FormView, Submitted};
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, markdown, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::TimeZone;
use tower_sessions::Session;

/// The biggest file a group keeps.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

#[derive(Template)]
#[template(path = "groups/index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub groups: Vec<(GroupRow, String)>,
    pub f: FormView,
}

async fn index_page(
    state: &AppState,
    actor: &Actor,
    f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let mut list = Vec::new();
    for g in groups::all(&state.db).await? {
        let mine = match groups::role(&state.db, g.id, actor.user_id)
            .await?
            .as_deref()
        {
            Some("leitung") => lang.t("group-you-lead"),
            Some("mitglied") => lang.t("group-you-member"),
            Some(_) => lang.t("group-you-asked"),
            None => String::new(),
        };
        list.push((g, mine));
    }
    let view = IndexPage {
        layout: Layout::new(lang.t("group-title"))
            .in_section("mein-bereich")
            .translated(),
        groups: list,
        f,
    };
    page::private(status, &view)
}

/// `GET /arbeitskreise`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    index_page(&state, &actor, f, StatusCode::OK).await
}

/// `POST /arbeitskreise`: a new group, led by whoever founds it.
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let name = form.trimmed("name").to_owned();
    let mut errors = FieldErrors::default();
    if !(3..=80).contains(&name.chars().count()) {
        errors.add("name", "group-name-length");
    }
    if !actor.email_verified {
        errors.add("name", "group-email-unconfirmed");
    }
    if errors.is_empty() {
        let slug = Slug::from_title(&name).to_string();
        let description: String = form.trimmed("description").chars().take(5000).collect();
        let now = state.clock.now().timestamp();
        match groups::create(
            &state.db,
            &slug,
            &name,
            &description,
            form.has("closed", "1"),
            actor.user_id,
            now,
        )
        .await?
        {
            Some(_) => return Ok(redirect(&format!("/arbeitskreise/{slug}")).into_response()),
            None => errors.add("name", "group-name-taken"),
        }
    }
    index_page(
        &state,
        &actor,
        FormView::new(form, errors),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The group and the person's role in it.
async fn group_of(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(GroupRow, Option<String>), AppError> {
    let g = groups::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = groups::role(&state.db, g.id, actor.user_id).await?;
    Ok((g, role))
}

fn is_member(role: &Option<String>) -> bool {
    matches!(role.as_deref(), Some("leitung" | "mitglied"))
}

/// Members only: anyone else learns nothing (404), as if it did not exist.
async fn member_of(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(GroupRow, bool), AppError> {
    let (g, role) = group_of(state, actor, slug).await?;
    if !is_member(&role) {
        return Err(AppError::NotFound);
    }
    Ok((g, role.as_deref() == Some("leitung")))
}

pub struct FileView {
    pub id: i64,
    pub name: String,
    pub size: String,
    pub when: String,
    pub by: String,
    /// The lead and the uploader may delete a version.
    pub deletable: bool,
}

/// A size in a language's words: „850 KB“, „12,3 MB“ / "12.3 MB".
pub fn size_words_in(bytes: u64, lang: Lang) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b < MB {
        format!("{} KB", (b / 1024.0).ceil() as u64)
    } else if b < 10.0 * MB {
        let text = format!("{:.1} MB", b / MB);
        if lang == Lang::De {
            text.replace('.', ",")
        } else {
            text
        }
    } else {
        format!("{} MB", (b / MB).round() as u64)
    }
}

#[derive(Template)]
#[template(path = "groups/show.html")]
pub struct ShowPage {
    pub layout: Layout,
    pub g: GroupRow,
    pub description_html: String,
    pub member: bool,
    pub lead: bool,
    pub requested: bool,
    pub threads: Vec<(i64, String, bool, String, i64)>,
    pub meetings: Vec<(String, String, String)>,
    pub files: Vec<FileView>,
    /// „Speicherplatz: 12,3 MB von 100 MB belegt.“
    pub usage: String,
    pub people: Vec<(i64, String, String)>,
    pub requests: Vec<(i64, String)>,
    pub f: FormView,
}

async fn show_page(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (g, role) = group_of(state, actor, slug).await?;
    let lang = Lang::current();
    let dates = lang.dates();
    let member = is_member(&role);
    let lead = role.as_deref() == Some("leitung");
    let (mut threads, mut meetings, mut files, mut people, mut requests) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut usage = String::new();
    if member {
        threads = groups::threads(&state.db, g.id)
            .await?
            .into_iter()
            .map(|t| {
                (
                    t.id,
                    t.title,
                    t.announcement,
                    calendar::date_time_in(instant(t.updated_at), dates),
                    t.replies,
                )
            })
            .collect();
        meetings = groups::meetings(&state.db, g.id, state.clock.now().timestamp())
            .await?
            .into_iter()
            .map(|(title, at, place)| (title, calendar::date_time_in(instant(at), dates), place))
            .collect();
        files = groups::files(&state.db, g.id)
            .await?
            .into_iter()
            .map(|f| FileView {
                id: f.id,
                name: f.name,
                size: size_words_in(f.size.max(0) as u64, lang),
                when: calendar::date_time_in(instant(f.uploaded_at), dates),
                by: f.uploader.unwrap_or_default(),
                deletable: lead || f.uploaded_by == Some(actor.user_id),
            })
            .collect();
        usage = lang.t_args(
            "group-usage",
            &[
                (
                    "used",
                    &size_words_in(groups::used(&state.db, g.id).await?.max(0) as u64, lang),
                ),
                ("quota", &size_words_in(state.group_quota, lang)),
            ],
        );
        for (id, name, _, r) in groups::members(&state.db, g.id).await? {
            match r.as_str() {
                "angefragt" => requests.push((id, name)),
                "leitung" => people.push((id, name, lang.t("group-lead-role"))),
                _ => people.push((id, name, String::new())),
            }
        }
    }
    let view = ShowPage {
        layout: Layout::new(g.name.clone())
            .in_section("mein-bereich")
            .translated(),
        description_html: markdown::render(&g.description),
        member,
        lead,
        requested: role.as_deref() == Some("angefragt"),
        threads,
        meetings,
        files,
        usage,
        people,
        requests: if lead { requests } else { Vec::new() },
        f,
        g,
    };
    page::private(status, &view)
}

/// The group page again with the form as sent and what is wrong with it.
async fn refused(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    form: FormData,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let f = FormView::new(form, errors);
    show_page(state, actor, slug, f, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// `GET /arbeitskreise/{slug}`
pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    show_page(&state, &actor, &slug, f, StatusCode::OK).await
}

/// `POST /arbeitskreise/{slug}/{action}`: `beitreten` (or ask to), `verlassen`,
/// `themen` (a new thread; `announcement=1` by the leads is mailed), `termine` (the
/// leads add a meeting).
pub async fn act(
    State(state): State<AppState>,
    session: Session,
    Path((slug, action)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let now = state.clock.now().timestamp();
    let back = || Ok(redirect(&format!("/arbeitskreise/{slug}")).into_response());
    match action.as_str() {
        "beitreten" => {
            let (g, role) = group_of(&state, &actor, &slug).await?;
            if role.is_some() {
                return back();
            }
            let new_role = if g.closed { "angefragt" } else { "mitglied" };
            groups::set_role(
                &state.db,
                g.id,
                actor.user_id,
                Some(new_role),
                actor.user_id,
                now,
            )
            .await?;
            if g.closed {
                for (id, _, email, r) in groups::members(&state.db, g.id).await? {
                    if r == "leitung" {
                        let link = format!("/arbeitskreise/{slug}");
                        let args = [("group", g.name.as_str())];
                        crate::web::notify::notify_in(
                            &state,
                            id,
                            &email,
                            "arbeitskreise",
                            |lang| {
                                (
                                    lang.t_args("notice-group-request-subject", &args),
                                    format!(
                                        "{}\n\n{}\n{}\n",
                                        lang.t("mail-hello"),
                                        lang.t_args("notice-group-request-text", &args),
                                        crate::web::notify::page_url(&state, lang, &link)
                                    ),
                                )
                            },
                            &link,
                        )
                        .await?;
                    }
                }
            }
            back()
        }
        "verlassen" => {
            let (g, role) = group_of(&state, &actor, &slug).await?;
            if role.is_some() {
                groups::set_role(&state.db, g.id, actor.user_id, None, actor.user_id, now).await?;
            }
            Ok(redirect("/arbeitskreise").into_response())
        }
        "themen" => {
            let (g, lead) = member_of(&state, &actor, &slug).await?;
            let title: String = form.trimmed("title").chars().take(200).collect();
            let text: String = form.trimmed("text").chars().take(20_000).collect();
            let mut errors = FieldErrors::default();
            if title.chars().count() < 3 {
                errors.add("title", "group-thread-title-short");
            }
            if text.chars().count() < 2 {
                errors.add("text", "group-text-empty");
            }
            if !errors.is_empty() {
                return refused(&state, &actor, &slug, form, errors).await;
            }
            let announce = lead && form.has("announcement", "1");
            let id =
                groups::start_thread(&state.db, g.id, &title, &text, announce, actor.user_id, now)
                    .await?;
            if announce {
                for (user, _, email, r) in groups::members(&state.db, g.id).await? {
                    if r != "angefragt" && user != actor.user_id {
                        let link = format!("/arbeitskreise/{slug}/themen/{id}");
                        let args = [("group", g.name.as_str()), ("title", title.as_str())];
                        crate::web::notify::notify_in(
                            &state,
                            user,
                            &email,
                            "arbeitskreise",
                            |lang| {
                                (
                                    lang.t_args("notice-group-announcement-subject", &args),
                                    format!(
                                        "{}\n\n{}\n\n{}\n{}\n",
                                        lang.t("mail-hello"),
                                        lang.t_args("notice-group-announcement-text", &args),
                                        lang.t("notice-group-read"),
                                        crate::web::notify::page_url(&state, lang, &link)
                                    ),
                                )
                            },
                            &link,
                        )
                        .await?;
                    }
                }
            }
            Ok(redirect(&format!("/arbeitskreise/{slug}/themen/{id}")).into_response())
        }
        "termine" => {
            let (g, lead) = member_of(&state, &actor, &slug).await?;
            if !lead {
                return Err(AppError::Forbidden);
            }
            let title: String = form.trimmed("meeting_title").chars().take(200).collect();
            let place: String = form.trimmed("place").chars().take(200).collect();
            let when = chrono::NaiveDateTime::parse_from_str(
                &format!("{} {}", form.trimmed("date"), form.trimmed("time")),
                "%Y-%m-%d %H:%M",
            )
            .ok()
            .and_then(|n| calendar::ZONE.from_local_datetime(&n).earliest());
            let mut errors = FieldErrors::default();
            if title.chars().count() < 3 {
                errors.add("meeting_title", "group-meeting-title-missing");
            }
            if when.is_none() {
                errors.add("date", "group-meeting-when-missing");
            }
            let (Some(when), true) = (when, errors.is_empty()) else {
                return refused(&state, &actor, &slug, form, errors).await;
            };
            groups::add_meeting(
                &state.db,
                g.id,
                &title,
                when.timestamp(),
                &place,
                actor.user_id,
            )
            .await?;
            back()
        }
        _ => Err(AppError::NotFound),
    }
}

/// `POST /arbeitskreise/{slug}/mitglieder/{user}/{decision}`: the leads admit
/// (`annehmen`) or turn away / remove (`ablehnen`).
pub async fn decide(
    State(state): State<AppState>,
    session: Session,
    Path((slug, user, decision)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, lead) = member_of(&state, &actor, &slug).await?;
    if !lead {
        return Err(AppError::Forbidden);
    }
    let user: i64 = user.parse().map_err(|_| AppError::NotFound)?;
    let role = match decision.as_str() {
        "annehmen" => Some("mitglied"),
        "ablehnen" => None,
        _ => return Err(AppError::NotFound),
    };
    groups::set_role(
        &state.db,
        g.id,
        user,
        role,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/arbeitskreise/{slug}")).into_response())
}

#[derive(Template)]
#[template(path = "groups/thread.html")]
pub struct ThreadPage {
    pub layout: Layout,
    pub g: GroupRow,
    pub id: i64,
    pub title: String,
    pub posts: Vec<(String, String, String)>,
    pub f: FormView,
}

async fn thread_of(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    id: &str,
) -> Result<(GroupRow, i64, String), AppError> {
    let (g, _) = member_of(state, actor, slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let t = groups::thread(&state.db, id)
        .await?
        .filter(|t| t.group_id == g.id)
        .ok_or(AppError::NotFound)?;
    Ok((g, t.id, t.title))
}

async fn thread_page(
    state: &AppState,
    g: GroupRow,
    id: i64,
    title: String,
    f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let posts = groups::posts(&state.db, id)
        .await?
        .into_iter()
        .map(|(name, body, at)| {
            (
                name.unwrap_or_else(|| lang.t("group-deleted-account")),
                calendar::date_time_in(instant(at), lang.dates()),
                markdown::render(&body),
            )
        })
        .collect();
    let view = ThreadPage {
        layout: Layout::new(title.clone())
            .in_section("mein-bereich")
            .translated(),
        g,
        id,
        title,
        posts,
        f,
    };
    page::private(status, &view)
}

/// `GET /arbeitskreise/{slug}/themen/{id}`
pub async fn thread(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, id, title) = thread_of(&state, &actor, &slug, &id).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    thread_page(&state, g, id, title, f, StatusCode::OK).await
}

/// `POST /arbeitskreise/{slug}/themen/{id}`: a reply.
pub async fn reply(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, id, title) = thread_of(&state, &actor, &slug, &id).await?;
    let form = FormData::from_urlencoded(&body);
    let text: String = form.trimmed("text").chars().take(20_000).collect();
    if text.chars().count() < 2 {
        let mut errors = FieldErrors::default();
        errors.add("text", "group-text-empty");
        return thread_page(
            &state,
            g,
            id,
            title,
            FormView::new(form, errors),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    groups::reply(
        &state.db,
        id,
        &text,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/arbeitskreise/{slug}/themen/{id}#antworten")).into_response())
}

/// `POST /arbeitskreise/{slug}/dateien`: a file for the group (members, at most 10 MB).
/// A second file of the same name is kept as a newer version.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, _) = member_of(&state, &actor, &slug).await?;
    let Some(upload) = submitted.upload else {
        let mut errors = FieldErrors::default();
        errors.add("file", "group-file-missing");
        return refused(&state, &actor, &slug, submitted.form, errors).await;
    };
    if upload.bytes.len() > MAX_FILE {
        let mut errors = FieldErrors::default();
        errors.add(
            "file",
            Message::new("group-file-too-big").with("max", "10 MB"),
        );
        return refused(&state, &actor, &slug, submitted.form, errors).await;
    }
    let used = groups::used(&state.db, g.id).await?.max(0) as u64;
    if used + upload.bytes.len() as u64 > state.group_quota {
        let mut errors = FieldErrors::default();
        let lang = Lang::current();
        errors.add(
            "file",
            Message::new("group-quota-full")
                .with("used", size_words_in(used, lang))
                .with("quota", size_words_in(state.group_quota, lang))
                .with("size", size_words_in(upload.bytes.len() as u64, lang)),
        );
        return refused(&state, &actor, &slug, submitted.form, errors).await;
    }
    // Only the last part of the name, without control characters or quotes.
    let name: String = upload
        .file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(120)
        .collect();
    let name = if name.trim().is_empty() {
        "Datei".to_owned()
    } else {
        name
    };
    groups::add_file(
        &state.db,
        g.id,
        &name,
        &upload.content_type,
        upload.bytes,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/arbeitskreise/{slug}#dateien")).into_response())
}

/// The type a file is served with: a few kinds recognised by their content (not by what
/// the uploader's browser said); everything else as plain bytes.
fn served_type(declared: &str, data: &[u8]) -> &'static str {
    if data.starts_with(b"%PDF-") {
        "application/pdf"
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if data.starts_with(&[0xff, 0xd8, 0xff]) {
        "image/jpeg"
    } else if declared.starts_with("text/plain") && std::str::from_utf8(data).is_ok() {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

/// `POST /arbeitskreise/{slug}/dateien/{id}/loeschen`: the lead or the uploader deletes a
/// file version.
pub async fn delete_file(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, lead) = member_of(&state, &actor, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let uploader = groups::uploader(&state.db, g.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !lead && uploader != Some(actor.user_id) {
        return Err(AppError::Forbidden);
    }
    groups::delete_file(
        &state.db,
        g.id,
        id,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/arbeitskreise/{slug}#dateien")).into_response())
}

/// `GET /arbeitskreise/{slug}/dateien/{id}`: members only; always as a download.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, _) = member_of(&state, &actor, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (_, name, content_type, data) = groups::file(&state.db, id)
        .await?
        .filter(|f| f.0 == g.id)
        .ok_or(AppError::NotFound)?;
    let kind = served_type(&content_type, &data);
    let mut response = data.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    Ok(response)
}
