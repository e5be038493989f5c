//! `/redaktion`: the magazine's desk. Editors see every article, members of organisations
//! their own proposals („Aus der Szene“); the form writes and changes articles through
//! `service::articles` (every save a version).

use crate::db::articles::{self, ArticleRow};
use crate::db::organizations;
use crate::db::users::UserRow;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::magazine::form::ArticleDraft;
use crate::domain::magazine::{self as rules, ArticleState, Rubric};
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::service::articles::{self as service, ArticleError, Writer};
use crate::web::account::require_actor;
use crate::web::editor::form::{FormView, Submitted, Upload};
use crate::web::i18n::{Lang, redirect};
use crate::web::images::{self, Accepted};
use crate::web::layout::Layout;
use crate::web::options::Choice;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// One line of the desk.
pub struct DeskLine {
    pub id: i64,
    pub title: String,
    pub rubric: &'static str,
    pub state: &'static str,
    /// „ab 7. Dezember 2026“ for approved articles.
    pub when: String,
    pub public_slug: Option<String>,
}

#[derive(Template)]
#[template(path = "magazine/desk.html")]
pub struct DeskPage {
    pub layout: Layout,
    pub lines: Vec<DeskLine>,
    pub editor: bool,
    pub may_write: bool,
}

#[derive(Template)]
#[template(path = "magazine/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub heading: String,
    pub action: String,
    pub f: FormView,
    pub rubrics: Vec<Choice>,
    pub sparten: Vec<Choice>,
    pub organisations: Vec<Choice>,
    /// Guests write „Aus der Szene“ for one of their organisations.
    pub guest: bool,
    /// The article being edited, with what its reader may do next.
    pub article: Option<Workflow>,
}

/// An article's place in the workflow and the steps this person may take.
pub struct Workflow {
    pub id: i64,
    pub state: &'static str,
    pub public: bool,
    pub slug: String,
    pub versions: i64,
    pub may_submit: bool,
    pub may_approve: bool,
    /// An editor reading their own article in review: someone else approves it.
    pub own_in_review: bool,
    pub may_withdraw: bool,
    /// Changing it needs a correction note.
    pub needs_note: bool,
    /// It has a lead picture of its own.
    pub has_picture: bool,
}

/// The person's organisations (for guest articles).
fn own_orgs(actor: &Actor) -> Vec<i64> {
    actor.organizations.iter().map(|(id, _)| *id).collect()
}

fn is_guest(actor: &Actor) -> bool {
    !actor.can_edit_magazine()
}

/// Maps a refused step to what the person sees.
pub fn refused(e: ArticleError) -> AppError {
    match e {
        ArticleError::Refused(rules::Refusal::NotAllowed) => AppError::Forbidden,
        ArticleError::Refused(r) => AppError::Invalid(r.message_id().into()),
        ArticleError::NotFound => AppError::NotFound,
        ArticleError::Fields(errors) => AppError::Invalid(
            errors
                .0
                .values()
                .next()
                .map(|m| m.id.clone())
                .unwrap_or_default(),
        ),
        ArticleError::Service(s) => s.into(),
    }
}

/// `GET /redaktion`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let editor = actor.can_edit_magazine();
    let rows = if editor {
        articles::desk(&state.db, None, &[]).await?
    } else {
        articles::desk(&state.db, Some(actor.user_id), &own_orgs(&actor)).await?
    };
    if !rules::may_write(&actor) && rows.is_empty() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now().timestamp();
    let lang = Lang::current();
    let lines = rows
        .into_iter()
        .map(|a| DeskLine {
            id: a.id,
            rubric: a.rubric.label(),
            state: a.state.label(),
            when: a
                .publish_at
                .filter(|_| a.state.is_approved())
                .map(|t| super::date_in(t, lang).0)
                .unwrap_or_default(),
            public_slug: a.is_public(now).then(|| a.slug.clone()),
            title: a.title,
        })
        .collect();
    let view = DeskPage {
        layout: Layout::new("Magazin-Redaktion").in_section("mein-bereich"),
        lines,
        editor,
        may_write: rules::may_write(&actor),
    };
    page::private(StatusCode::OK, &view)
}

async fn form_page(
    state: &AppState,
    actor: &Actor,
    heading: &str,
    action: String,
    f: FormView,
    article: Option<Workflow>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::De;
    let mut organisations = Vec::new();
    for id in own_orgs(actor) {
        if let Some(o) = organizations::by_id(&state.db, id).await? {
            organisations.push(Choice::new(o.id, o.name));
        }
    }
    let view = FormPage {
        layout: Layout::new(heading.to_owned()).in_section("mein-bereich"),
        heading: heading.to_owned(),
        action,
        f,
        rubrics: Rubric::ALL
            .iter()
            .map(|r| Choice::new(r.key(), r.label()))
            .collect(),
        sparten: crate::web::options::sparten_by_slug(&state.categories.list(), lang, |_| false),
        organisations,
        guest: is_guest(actor),
        article,
    };
    page::private(status, &view)
}

/// `GET /redaktion/neu`
pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let (user, actor) = require_actor(&state, &session).await?;
    if !rules::may_write(&actor) {
        return Err(AppError::Forbidden);
    }
    let mut f = FormData::default();
    f.set("authors", user.display_name.clone());
    f.set(
        "rubric",
        if is_guest(&actor) {
            "szene"
        } else {
            "portraet"
        },
    );
    form_page(
        &state,
        &actor,
        "Neuer Artikel",
        "/redaktion/neu".into(),
        FormView::new(f, FieldErrors::default()),
        None,
        StatusCode::OK,
    )
    .await
}

/// Checks an uploaded lead picture (alt text required) before anything is saved.
async fn picture(
    state: &AppState,
    form: &FormData,
    upload: Option<Upload>,
) -> Result<Result<Option<Accepted>, FieldErrors>, AppError> {
    let Some(upload) = upload else {
        return Ok(Ok(None));
    };
    Ok(
        match images::accept(state, form, upload, "image_alt", "image_credit").await? {
            Ok(accepted) => Ok(Some(accepted)),
            Err((field, message)) => {
                let mut errors = FieldErrors::default();
                errors.add(field, message);
                Err(errors)
            }
        },
    )
}

/// The draft of the form and its checked picture, or every message of both.
async fn read(
    state: &AppState,
    actor: &Actor,
    form: &FormData,
    upload: Option<Upload>,
) -> Result<Result<(ArticleDraft, Option<Accepted>), ArticleError>, AppError> {
    let draft = ArticleDraft::parse(form, is_guest(actor), &own_orgs(actor));
    Ok(match (draft, picture(state, form, upload).await?) {
        (Ok(d), Ok(p)) => Ok((d, p)),
        (Err(mut e), Err(p)) => {
            for (k, v) in p.0 {
                e.add(k, v);
            }
            Err(ArticleError::Fields(e))
        }
        (Err(e), _) | (_, Err(e)) => Err(ArticleError::Fields(e)),
    })
}

/// Stores an accepted lead picture with its caption and credit.
async fn keep_picture(
    state: &AppState,
    id: i64,
    form: &FormData,
    accepted: Option<Accepted>,
) -> Result<(), AppError> {
    let Some(image) = accepted else {
        return Ok(());
    };
    let variants = images::store(state, &image).await?;
    let caption: String = form.trimmed("image_caption").chars().take(300).collect();
    service::set_picture(
        &state.services(),
        id,
        &variants,
        image.alt(),
        &caption,
        image.credit(),
    )
    .await?;
    Ok(())
}

/// `POST /redaktion/neu` (a form, or multipart with a lead picture)
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Submitted { form, upload }: Submitted,
) -> Result<Response, AppError> {
    let (user, actor) = require_actor(&state, &session).await?;
    if !rules::may_write(&actor) {
        return Err(AppError::Forbidden);
    }
    let outcome = match read(&state, &actor, &form, upload).await? {
        Ok((draft, image)) => service::create(&state.services(), &writer(&user, &actor), &draft)
            .await
            .map(|a| (a, image)),
        Err(e) => Err(e),
    };
    match outcome {
        Ok((a, image)) => {
            keep_picture(&state, a.id, &form, image).await?;
            Ok(redirect(&format!("/redaktion/{}?ok=gespeichert", a.id)).into_response())
        }
        Err(ArticleError::Fields(errors)) => {
            form_page(
                &state,
                &actor,
                "Neuer Artikel",
                "/redaktion/neu".into(),
                FormView::new(form, errors),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(refused(e)),
    }
}

fn writer<'a>(user: &'a UserRow, actor: &'a Actor) -> Writer<'a> {
    Writer {
        actor,
        name: &user.display_name,
    }
}

/// The article named by the path, if this person may open it.
pub async fn editable(state: &AppState, actor: &Actor, id: &str) -> Result<ArticleRow, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let a = articles::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let who = service::authorship(&state.db, &a).await?;
    if !rules::may_edit(actor, &who) {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

async fn workflow(state: &AppState, actor: &Actor, a: &ArticleRow) -> Result<Workflow, AppError> {
    let who = service::authorship(&state.db, a).await?;
    let now = state.clock.now().timestamp();
    let public = a.is_public(now);
    Ok(Workflow {
        id: a.id,
        state: a.state.label(),
        public,
        slug: a.slug.clone(),
        versions: a.version,
        may_submit: rules::submit(actor, &who, a.state).is_ok(),
        may_approve: rules::approve(actor, &who, a.state).is_ok(),
        own_in_review: a.state == ArticleState::InReview
            && actor.can_edit_magazine()
            && who.is_author(actor.user_id),
        may_withdraw: rules::withdraw(actor, a.state).is_ok(),
        needs_note: public,
        has_picture: !a.image.is_empty(),
    })
}

fn fill(a: &ArticleRow, authors: &[String], sparte: Option<String>) -> FormData {
    let mut f = FormData::default();
    for (k, v) in [
        ("title", &a.title),
        ("title_en", &a.title_en),
        ("lead", &a.lead),
        ("lead_en", &a.lead_en),
        ("body", &a.body),
        ("body_en", &a.body_en),
    ] {
        f.set(k, v.clone());
    }
    f.set("rubric", a.rubric.key());
    f.set("sparte", sparte.unwrap_or_default());
    f.set("authors", authors.join(", "));
    f.set(
        "organisation",
        a.guest_org.map(|o| o.to_string()).unwrap_or_default(),
    );
    f
}

/// `GET /redaktion/{id}`
pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let a = editable(&state, &actor, &id).await?;
    let authors: Vec<String> = articles::authors_of(&state.db, &[a.id])
        .await?
        .into_iter()
        .map(|(_, au)| au.name)
        .collect();
    let sparte = a.category_id.and_then(|c| {
        state
            .categories
            .list()
            .iter()
            .find(|x| x.id == c)
            .map(|x| x.slug.clone())
    });
    let f = FormView::new(fill(&a, &authors, sparte), FieldErrors::default());
    let flow = workflow(&state, &actor, &a).await?;
    form_page(
        &state,
        &actor,
        &format!("Artikel bearbeiten: {}", a.title),
        format!("/redaktion/{}", a.id),
        f,
        Some(flow),
        StatusCode::OK,
    )
    .await
}

/// `POST /redaktion/{id}` (a form, or multipart with a new lead picture)
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Submitted { form, upload }: Submitted,
) -> Result<Response, AppError> {
    let (user, actor) = require_actor(&state, &session).await?;
    let a = editable(&state, &actor, &id).await?;
    let outcome = match read(&state, &actor, &form, upload).await? {
        Ok((draft, image)) => {
            service::update(&state.services(), &writer(&user, &actor), a.id, &draft)
                .await
                .map(|saved| (saved, image))
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok((saved, image)) => {
            keep_picture(&state, saved.id, &form, image).await?;
            Ok(redirect(&format!("/redaktion/{}?ok=gespeichert", saved.id)).into_response())
        }
        Err(ArticleError::Fields(errors)) => {
            let flow = workflow(&state, &actor, &a).await?;
            form_page(
                &state,
                &actor,
                &format!("Artikel bearbeiten: {}", a.title),
                format!("/redaktion/{}", a.id),
                FormView::new(form, errors),
                Some(flow),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(refused(e)),
    }
}
