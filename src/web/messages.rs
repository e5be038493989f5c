//! `/nachrichten`: private messages between members and to organisations' shared inboxes.
//! A thread is readable only by those taking part (in person or as a member of the
//! organisation written to); anyone else gets 404, also when guessing ids. New messages
//! are announced by mail (with a link, without the text).

use crate::db::messages::{self, Recipient};
use crate::db::organizations;
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, markdown, page};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub struct ThreadView {
    pub id: i64,
    pub subject: String,
    pub with: String,
    pub when: String,
    pub unread: i64,
}

#[derive(Template)]
#[template(path = "messages/index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub threads: Vec<ThreadView>,
    pub unread: i64,
}

/// `GET /nachrichten`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let lang = Lang::current();
    let mut threads = Vec::new();
    for t in messages::threads_of(&state.db, actor.user_id).await? {
        let with = if t.remote_author.is_empty() {
            others(&state, t.id, actor.user_id).await?
        } else {
            lang.t_args("message-fediverse", &[("author", t.remote_author.as_str())])
        };
        threads.push(ThreadView {
            with,
            when: calendar::date_time_in(instant(t.updated_at), lang.dates()),
            unread: t.unread,
            subject: t.subject,
            id: t.id,
        });
    }
    let view = IndexPage {
        layout: Layout::new(lang.t("message-title"))
            .in_section("mein-bereich")
            .translated(),
        unread: threads.iter().map(|t| t.unread).sum(),
        threads,
    };
    page::private(StatusCode::OK, &view)
}

/// The other participants in words (inboxes as „Organisation (Postfach)“ in the page's
/// language).
async fn others(state: &AppState, thread: i64, me: i64) -> Result<String, AppError> {
    let lang = Lang::current();
    Ok(messages::participants(&state.db, thread)
        .await?
        .into_iter()
        .filter(|p| p.user_id != Some(me))
        .map(|p| {
            if p.inbox {
                lang.t_args("message-inbox", &[("name", p.name.as_str())])
            } else {
                p.name
            }
        })
        .collect::<Vec<_>>()
        .join(", "))
}

/// Starts a thread and announces it; `Ok(Err(message id))` when the recipient blocked
/// the sender or the sender may not write yet.
pub async fn send_new(
    state: &AppState,
    actor: &Actor,
    to: Recipient,
    subject: &str,
    body: &str,
    post: Option<i64>,
) -> Result<Result<i64, String>, AppError> {
    if !actor.email_verified {
        return Ok(Err("message-confirm-first".into()));
    }
    if let Recipient::Member(user) = to {
        if user == actor.user_id {
            return Ok(Err("message-to-self".into()));
        }
        if messages::has_blocked(&state.db, user, actor.user_id).await? {
            return Ok(Err("message-refused".into()));
        }
    }
    let now = state.clock.now().timestamp();
    let thread = messages::start(&state.db, actor.user_id, to, subject, body, post, now).await?;
    announce(state, thread, actor.user_id, subject).await?;
    Ok(Ok(thread))
}

async fn announce(
    state: &AppState,
    thread: i64,
    author: i64,
    subject: &str,
) -> Result<(), AppError> {
    for (user, to) in messages::addresses_to_notify(&state.db, thread, author).await? {
        let link = format!("/nachrichten/{thread}");
        crate::web::notify::notify_in(
            state,
            user,
            &to,
            "nachrichten",
            |lang| {
                let text = format!(
                    "{}\n\n{}\n\n{}\n{}\n",
                    lang.t("mail-hello"),
                    lang.t_args("mail-message-waiting", &[("subject", subject)]),
                    lang.t("mail-message-read"),
                    crate::web::notify::page_url(state, lang, &link)
                );
                (
                    lang.t_args("mail-message-subject", &[("subject", subject)]),
                    text,
                )
            },
            &link,
        )
        .await?;
    }
    Ok(())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    /// `mitglied:{id}` or `organisation:{slug}`.
    pub an: String,
}

#[derive(Template)]
#[template(path = "messages/new.html")]
pub struct NewPage {
    pub layout: Layout,
    pub to: String,
    pub to_name: String,
    pub f: FormView,
}

async fn recipient(state: &AppState, an: &str) -> Result<(Recipient, String), AppError> {
    if let Some(id) = an.strip_prefix("mitglied:") {
        let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
        let user = crate::db::users::by_id(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        return Ok((Recipient::Member(id), user.display_name));
    }
    if let Some(slug) = an.strip_prefix("organisation:") {
        let org = organizations::by_slug(&state.db, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        return Ok((
            Recipient::Inbox(org.id),
            Lang::current().t_args("message-inbox", &[("name", org.name.as_str())]),
        ));
    }
    Err(AppError::NotFound)
}

/// `GET /nachrichten/neu?an=…`
pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    require_actor(&state, &session).await?;
    let (_, name) = recipient(&state, &q.an).await?;
    let view = NewPage {
        layout: Layout::new(Lang::current().t("message-new-title"))
            .in_section("mein-bereich")
            .translated(),
        to: q.an,
        to_name: name,
        f: FormView::new(FormData::default(), FieldErrors::default()),
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /nachrichten/neu`
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let an = form.get("an").to_owned();
    let (to, name) = recipient(&state, &an).await?;
    let subject: String = form.trimmed("subject").chars().take(200).collect();
    let text: String = form.trimmed("message").chars().take(10_000).collect();
    let mut errors = FieldErrors::default();
    if subject.chars().count() < 2 {
        errors.add("subject", "message-subject-missing");
    }
    if text.chars().count() < 2 {
        errors.add("message", "message-text-missing");
    }
    if errors.is_empty() {
        match send_new(&state, &actor, to, &subject, &text, None).await? {
            Ok(id) => return Ok(redirect(&format!("/nachrichten/{id}")).into_response()),
            Err(message) => errors.add("message", message),
        }
    }
    let view = NewPage {
        layout: Layout::new(Lang::current().t("message-new-title"))
            .in_section("mein-bereich")
            .translated(),
        to: an,
        to_name: name,
        f: FormView::new(form, errors),
    };
    page::private(StatusCode::UNPROCESSABLE_ENTITY, &view)
}

pub struct MessageView {
    pub id: i64,
    /// Hidden by the moderators after a report.
    pub hidden: bool,
    pub author: String,
    pub mine: bool,
    pub when: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "messages/thread.html")]
pub struct ThreadPage {
    pub layout: Layout,
    pub id: i64,
    pub subject: String,
    pub with: String,
    pub post: Option<i64>,
    /// A reply or mention from the fediverse: the original's address (answered there,
    /// not here).
    pub remote_url: Option<String>,
    pub messages: Vec<MessageView>,
    pub f: FormView,
    /// Someone to block: there is another member in person.
    pub can_block: bool,
    pub notice: String,
}

async fn thread_page(
    state: &AppState,
    actor: &Actor,
    id: i64,
    f: FormView,
    notice: &'static str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (subject, post) = messages::subject_of(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = messages::participants(&state.db, id).await?;
    let lang = Lang::current();
    let remote = messages::remote_of(&state.db, id).await?;
    let (with, can_block) = match &remote {
        Some((author, _)) => (
            lang.t_args("message-fediverse", &[("author", author.as_str())]),
            false,
        ),
        None => (
            others(state, id, actor.user_id).await?,
            people
                .iter()
                .any(|p| p.user_id.is_some_and(|u| u != actor.user_id)),
        ),
    };
    let view = ThreadPage {
        layout: Layout::new(subject.clone())
            .in_section("mein-bereich")
            .translated(),
        id,
        with,
        can_block,
        remote_url: remote.as_ref().map(|(_, url)| url.clone()),
        subject,
        post,
        messages: messages::messages_of(&state.db, id)
            .await?
            .into_iter()
            .map(|m| MessageView {
                id: m.id,
                mine: m.author_id == Some(actor.user_id),
                author: m.author_name.unwrap_or_else(|| match &remote {
                    Some((author, _)) if m.author_id.is_none() => author.clone(),
                    _ => lang.t("message-deleted-account"),
                }),
                when: calendar::date_time_in(instant(m.created_at), lang.dates()),
                hidden: m.hidden_at.is_some(),
                html: if m.hidden_at.is_some() {
                    String::new()
                } else if remote.is_some() && m.author_id.is_none() {
                    markdown::clean(&m.body)
                } else {
                    markdown::render(&m.body)
                },
            })
            .collect(),
        f,
        notice: if notice.is_empty() {
            String::new()
        } else {
            lang.t(notice)
        },
    };
    page::private(status, &view)
}

async fn taking_part(state: &AppState, actor: &Actor, id: &str) -> Result<i64, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if messages::takes_part(&state.db, id, actor.user_id).await? {
        Ok(id)
    } else {
        Err(AppError::NotFound)
    }
}

/// `GET /nachrichten/{id}`: the thread; reading marks it read.
pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let id = taking_part(&state, &actor, &id).await?;
    messages::mark_read(&state.db, id, actor.user_id).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    thread_page(&state, &actor, id, f, "", StatusCode::OK).await
}

/// `POST /nachrichten/{id}`: a reply.
pub async fn reply(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let id = taking_part(&state, &actor, &id).await?;
    let form = FormData::from_urlencoded(&body);
    if messages::remote_of(&state.db, id).await?.is_some() {
        // Answered on the fediverse: nothing written here would reach the author.
        let f = FormView::new(form, FieldErrors::default());
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return thread_page(&state, &actor, id, f, "message-fediverse-no-reply", status).await;
    }
    let text: String = form.trimmed("message").chars().take(10_000).collect();
    let mut errors = FieldErrors::default();
    if text.chars().count() < 2 {
        errors.add("message", "message-text-missing");
    } else if messages::blocked_in(&state.db, id, actor.user_id).await? {
        errors.add("message", "message-refused");
    } else if !actor.email_verified {
        errors.add("message", "message-confirm-first");
    }
    if !errors.is_empty() {
        let f = FormView::new(form, errors);
        return thread_page(&state, &actor, id, f, "", StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let now = state.clock.now().timestamp();
    messages::reply(&state.db, id, actor.user_id, &text, now).await?;
    let (subject, _) = messages::subject_of(&state.db, id)
        .await?
        .unwrap_or_default();
    announce(&state, id, actor.user_id, &subject).await?;
    Ok(redirect(&format!("/nachrichten/{id}#antworten")).into_response())
}

/// `POST /nachrichten/{id}/melden/{message}`: reports one message to the moderators,
/// who see that message only.
pub async fn report(
    State(state): State<AppState>,
    session: Session,
    Path((id, message)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let id = taking_part(&state, &actor, &id).await?;
    let message: i64 = message.parse().map_err(|_| AppError::NotFound)?;
    let reason: String = FormData::from_urlencoded(&body)
        .trimmed("reason")
        .chars()
        .take(1000)
        .collect();
    let now = state.clock.now().timestamp();
    if !messages::report(&state.db, id, message, actor.user_id, &reason, now).await? {
        return Err(AppError::NotFound);
    }
    crate::web::notify::notify_moderators_in(
        &state,
        |lang| {
            (
                lang.t("mail-message-reported-subject"),
                lang.t("mail-message-reported-text"),
            )
        },
        "/moderation#nachrichten",
    )
    .await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    thread_page(&state, &actor, id, f, "message-reported", StatusCode::OK).await
}

/// `POST /nachrichten/{id}/blockieren`: the other members in person may not write to me
/// any more.
pub async fn block(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let id = taking_part(&state, &actor, &id).await?;
    let now = state.clock.now().timestamp();
    for p in messages::participants(&state.db, id).await? {
        if let Some(u) = p.user_id.filter(|u| *u != actor.user_id) {
            messages::block(&state.db, actor.user_id, u, now).await?;
        }
    }
    let f = FormView::new(FormData::default(), FieldErrors::default());
    thread_page(&state, &actor, id, f, "message-blocked", StatusCode::OK).await
}
