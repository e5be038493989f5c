//! Writing a post and editing one's own: the form, its rules (`domain::pinboard`), saving.

use super::{own, readable, topic_label};
use crate::db::pinboard;
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::domain::pinboard::{self as rules, PostInput, TOPICS, from_day_number};
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::options::{self, Choice};
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "pinboard/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub action: String,
    pub heading: String,
    pub f: FormView,
    pub topics: Vec<Choice>,
    pub sparten: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub organizations: Vec<Choice>,
    pub unverified: bool,
}

async fn form_page(
    state: &AppState,
    actor: &Actor,
    action: String,
    heading: &str,
    f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let heading = lang.t(heading);
    let view = FormPage {
        layout: Layout::new(heading.clone())
            .in_section("mein-bereich")
            .translated(),
        action,
        heading,
        f,
        topics: TOPICS
            .iter()
            .map(|(s, _)| Choice::new(s, topic_label(lang, s)))
            .collect(),
        sparten: options::sparten_by_id(&state.categories.list(), lang),
        districts: options::districts(|_| false),
        organizations: crate::web::editor::organizations_of(state, actor).await?,
        unverified: !actor.email_verified,
    };
    page::private(status, &view)
}

fn choices(state: &AppState, actor: &Actor) -> (Vec<i64>, Vec<i64>) {
    (
        state.categories.list().iter().map(|c| c.id).collect(),
        actor.organizations.iter().map(|(id, _)| *id).collect(),
    )
}

/// `GET /pinnwand/neu`
pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let mut f = FormData::default();
    let until = calendar::local_date(state.clock.now()) + chrono::Days::new(rules::DEFAULT_DAYS);
    f.set("expires", until.format("%Y-%m-%d").to_string());
    f.set("kind", "sucht");
    let view = FormView::new(f, FieldErrors::default());
    form_page(
        &state,
        &actor,
        "/pinnwand/neu".into(),
        "pinboard-new",
        view,
        StatusCode::OK,
    )
    .await
}

/// `POST /pinnwand/neu`
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    save(&state, &actor, None, FormData::from_urlencoded(&body)).await
}

async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let (action, heading) = match id {
        Some(id) => (format!("/pinnwand/{id}/bearbeiten"), "pinboard-edit"),
        None => ("/pinnwand/neu".to_owned(), "pinboard-new"),
    };
    if !actor.email_verified {
        let mut errors = FieldErrors::default();
        errors.add("title", "pinboard-error-unverified");
        let f = FormView::new(form, errors);
        return form_page(state, actor, action, heading, f, StatusCode::FORBIDDEN).await;
    }
    let (categories, organizations) = choices(state, actor);
    let today = calendar::local_date(state.clock.now());
    match PostInput::parse(&form, today, &categories, &organizations) {
        Ok(input) => {
            let now = state.clock.now().timestamp();
            let id = pinboard::save(&state.db, id, &input, actor.user_id, now).await?;
            Ok(redirect(&format!("/pinnwand/{id}?ok=gespeichert")).into_response())
        }
        Err(errors) => {
            let f = FormView::new(form, errors);
            form_page(
                state,
                actor,
                action,
                heading,
                f,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `GET /pinnwand/{id}/bearbeiten`
pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    own(&actor, &post)?;
    let mut f = FormData::default();
    f.set("kind", post.kind.slug());
    f.set("topic", post.topic.clone());
    f.set("title", post.title.clone());
    f.set("body", post.body.clone());
    f.set("district", post.district.clone().unwrap_or_default());
    f.set("period", post.period.clone());
    f.set(
        "expires",
        from_day_number(post.expires_day)
            .format("%Y-%m-%d")
            .to_string(),
    );
    f.set(
        "as",
        post.organization_id
            .map_or_else(|| "person".to_owned(), |o| o.to_string()),
    );
    let all = state.categories.list();
    for (slug, _) in pinboard::categories_of(&state.db, post.id).await? {
        if let Some(c) = all.iter().find(|c| c.slug == slug) {
            f.push("sparte", c.id.to_string());
        }
    }
    let view = FormView::new(f, FieldErrors::default());
    form_page(
        &state,
        &actor,
        format!("/pinnwand/{}/bearbeiten", post.id),
        "pinboard-edit",
        view,
        StatusCode::OK,
    )
    .await
}

/// `POST /pinnwand/{id}/bearbeiten`
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    own(&actor, &post)?;
    save(
        &state,
        &actor,
        Some(post.id),
        FormData::from_urlencoded(&body),
    )
    .await
}
