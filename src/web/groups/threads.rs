//! A group's threads: starting one (an announcement by a lead is mailed to every member),
//! reading and replying.

use super::member_of;
use super::show::refused;
use crate::db::groups::{self, GroupRow};
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, markdown, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /arbeitskreise/{slug}/themen`: a new thread (members); with `announcement=1` by
/// a lead it is mailed to every member.
pub async fn start_thread(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, lead) = member_of(&state, &actor, &slug).await?;
    let form = FormData::from_urlencoded(&body);
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
    let now = state.clock.now().timestamp();
    let id =
        groups::start_thread(&state.db, g.id, &title, &text, announce, actor.user_id, now).await?;
    if announce {
        let link = format!("/arbeitskreise/{slug}/themen/{id}");
        let args = [("group", g.name.as_str()), ("title", title.as_str())];
        for m in groups::members(&state.db, g.id).await? {
            if m.role.is_member() && m.id != actor.user_id {
                crate::web::notify::notify_in(
                    &state,
                    m.id,
                    &m.email,
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
