//! `GET /pinnwand/{id}`: one post with its text, Sparten and what the reader may do.

use super::{PostView, readable, today, view};
use crate::db::pinboard::{self, PostRow};
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::{AppState, markdown, page};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "pinboard/show.html")]
pub struct ShowPage {
    pub layout: Layout,
    pub post: PostView,
    pub body_html: String,
    pub sparten: Vec<(String, String)>,
    pub notice: String,
    pub f: FormView,
    pub moderator: bool,
}

pub(super) async fn show_page(
    state: &AppState,
    actor: &Actor,
    post: &PostRow,
    f: FormView,
    notice: &'static str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let all = state.categories.list();
    let view = ShowPage {
        layout: Layout::new(post.title.clone())
            .in_section("mein-bereich")
            .translated(),
        post: view(post, actor.user_id, today(state)),
        body_html: markdown::render(&post.body),
        sparten: pinboard::categories_of(&state.db, post.id)
            .await?
            .into_iter()
            .map(|(slug, name)| {
                let name = all
                    .iter()
                    .find(|c| c.slug == slug)
                    .map_or(name, |c| c.name_in(lang.dates()).to_owned());
                (slug, name)
            })
            .collect(),
        notice: if notice.is_empty() {
            String::new()
        } else {
            lang.t(notice)
        },
        f,
        moderator: actor.is_moderator(),
    };
    page::private(status, &view)
}

/// `GET /pinnwand/{id}`
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    let notice = match raw.as_deref() {
        Some("ok=gespeichert") => "pinboard-saved",
        Some("ok=verlaengert") => "pinboard-renewed",
        _ => "",
    };
    let f = FormView::new(FormData::default(), FieldErrors::default());
    show_page(&state, &actor, &post, f, notice, StatusCode::OK).await
}
