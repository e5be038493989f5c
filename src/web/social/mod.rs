//! `/redaktion/sozial`: the social-media desk of the magazine's editors. A post is about
//! an event or an article, has a text per channel (the characters left shown, checked
//! again here), hashtags and a planned time; a second editor approves it
//! (`service::social`). Its pictures are made from the subject's picture ([`cards`]);
//! published posts wait for the download channels in „bereit zum Posten“ ([`ready`]).

pub mod cards;
pub mod ready;

use crate::db::social::{self as posts, PostRow};
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::domain::social::{self as rules, Channel, PostDraft, PostState};
use crate::error::AppError;
use crate::media::social::Format;
use crate::service::social::{self as service, PostError};
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::DateTime;
use tower_sessions::Session;

/// One line of the desk.
pub struct PostLine {
    pub id: i64,
    pub title: String,
    pub state: &'static str,
    pub when: String,
    pub channels: String,
    pub author: String,
}

#[derive(Template)]
#[template(path = "social/desk.html")]
pub struct DeskPage {
    pub layout: Layout,
    pub lines: Vec<PostLine>,
    pub ready: usize,
}

/// A channel's text field with its limit and what is left.
pub struct ChannelField {
    pub key: &'static str,
    pub field: &'static str,
    pub label: &'static str,
    pub limit: usize,
    pub remaining: i64,
    pub automatic: bool,
}

/// A picture of the post: its preview and its download.
pub struct PictureLink {
    pub label: &'static str,
    pub preview: String,
    pub download: String,
    pub width: u32,
    pub height: u32,
}

/// A stored post's place on the desk and what this editor may do next.
pub struct Flow {
    pub id: i64,
    pub state: &'static str,
    pub author: String,
    pub approver: String,
    pub returned_reason: String,
    pub editable: bool,
    pub may_submit: bool,
    pub may_approve: bool,
    pub own_in_review: bool,
    pub may_send_back: bool,
    pub subject: String,
    pub alt: String,
    pub pictures: Vec<PictureLink>,
}

#[derive(Template)]
#[template(path = "social/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub heading: String,
    pub action: String,
    pub f: FormView,
    pub channels: Vec<ChannelField>,
    pub post: Option<Flow>,
    pub notice: &'static str,
    /// New posts and drafts or posts in review change; approved ones are shown only.
    pub editable: bool,
}

/// The person, if they edit the magazine.
async fn require_editor(state: &AppState, session: &Session) -> Result<Actor, AppError> {
    let (_, actor) = require_actor(state, session).await?;
    if !actor.can_edit_magazine() {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

fn when(t: i64) -> String {
    calendar::date_time(DateTime::from_timestamp(t, 0).unwrap_or_default())
}

/// Maps a refused step to what the person sees.
pub fn refused(e: PostError) -> AppError {
    match e {
        PostError::Refused(rules::Refusal::NotAllowed) => AppError::Forbidden,
        PostError::Refused(r) => AppError::Invalid(r.message_id().into()),
        PostError::NotFound => AppError::NotFound,
        PostError::Fields(errors) => AppError::Invalid(
            errors
                .0
                .values()
                .next()
                .map(|m| m.id.clone())
                .unwrap_or_default(),
        ),
        PostError::Service(s) => s.into(),
    }
}

/// `GET /redaktion/sozial`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    require_editor(&state, &session).await?;
    let rows = posts::desk(&state.db).await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let texts = posts::texts_of(&state.db, &ids).await?;
    let ready = posts::ready(&state.db).await?.len();
    let lines = rows
        .into_iter()
        .map(|p| PostLine {
            id: p.id,
            state: p.state.label(),
            when: when(p.planned_at),
            channels: texts
                .iter()
                .filter(|t| t.post_id == p.id)
                .map(|t| t.channel.label())
                .collect::<Vec<_>>()
                .join(", "),
            author: p.author_name.clone().unwrap_or_default(),
            title: p.title,
        })
        .collect();
    let view = DeskPage {
        layout: Layout::new("Social Media").in_section("mein-bereich"),
        lines,
        ready,
    };
    page::private(StatusCode::OK, &view)
}

fn channel_fields(f: &FormData) -> Vec<ChannelField> {
    let tags = rules::hashtags(f.trimmed("hashtags")).unwrap_or_default();
    Channel::ALL
        .into_iter()
        .map(|c| ChannelField {
            key: c.key(),
            field: c.field(),
            label: c.label(),
            limit: c.limit(),
            remaining: rules::remaining(c, f.trimmed(c.field()), &tags),
            automatic: c.is_automatic(),
        })
        .collect()
}

async fn form_page(
    heading: String,
    action: String,
    f: FormView,
    post: Option<Flow>,
    notice: &'static str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let view = FormPage {
        layout: Layout::new(heading.clone()).in_section("mein-bereich"),
        heading,
        action,
        channels: channel_fields(&f.data),
        f,
        editable: post.as_ref().is_none_or(|p| p.editable),
        post,
        notice,
    };
    page::private(status, &view)
}

/// `GET /redaktion/sozial/neu` (`?ziel=/veranstaltungen/…` fills in the subject)
pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    require_editor(&state, &session).await?;
    let mut f = FormData::default();
    let query = FormData::from_urlencoded(query.unwrap_or_default().as_bytes());
    f.set("ziel", query.trimmed("ziel"));
    f.set("hashtags", "KulturBochum");
    form_page(
        "Neuer Social-Media-Beitrag".into(),
        "/redaktion/sozial/neu".into(),
        FormView::new(f, FieldErrors::default()),
        None,
        "",
        StatusCode::OK,
    )
    .await
}

/// `POST /redaktion/sozial/neu`
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = require_editor(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let outcome = match PostDraft::parse(&form) {
        Ok(draft) => service::create(&state.services(), &actor, &draft).await,
        Err(errors) => Err(PostError::Fields(errors)),
    };
    match outcome {
        Ok(id) => Ok(redirect(&format!("/redaktion/sozial/{id}?ok=gespeichert")).into_response()),
        Err(PostError::Fields(errors)) => {
            form_page(
                "Neuer Social-Media-Beitrag".into(),
                "/redaktion/sozial/neu".into(),
                FormView::new(form, errors),
                None,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(refused(e)),
    }
}

fn fill(p: &PostRow, texts: &[posts::TextRow]) -> FormData {
    let mut f = FormData::default();
    f.set("ziel", p.path());
    f.set("hashtags", p.tags().join(" "));
    let at = DateTime::from_timestamp(p.planned_at, 0).unwrap_or_default();
    f.set(
        "datum",
        calendar::local_date(at).format("%Y-%m-%d").to_string(),
    );
    f.set("uhrzeit", calendar::clock(at));
    for t in texts {
        f.set(t.channel.field(), t.body.clone());
    }
    f
}

async fn load(state: &AppState, id: &str) -> Result<PostRow, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    posts::by_id(&state.db, id).await?.ok_or(AppError::NotFound)
}

async fn flow(state: &AppState, actor: &Actor, p: &PostRow) -> Result<Flow, AppError> {
    let mut pictures = Vec::new();
    let mut alt = String::new();
    for format in Format::ALL {
        let made = match (p.event_id, p.article_id) {
            (Some(e), _) => cards::event_card(&state.db, e, format).await?,
            (_, Some(a)) => cards::article_card(&state.db, a, format).await?,
            _ => None,
        };
        let Some(made) = made else { continue };
        let (kind, subject) = match (p.event_id, p.article_id) {
            (Some(e), _) => ("veranstaltung", e),
            (_, a) => ("artikel", a.unwrap_or_default()),
        };
        let (width, height) = format.size();
        pictures.push(PictureLink {
            label: format.label(),
            preview: cards::public_path(kind, subject, &made.card),
            download: format!("/redaktion/sozial/{}/bild/{}.jpg", p.id, format.key()),
            width,
            height,
        });
        alt = made.alt;
    }
    Ok(Flow {
        id: p.id,
        state: p.state.label(),
        author: p.author_name.clone().unwrap_or_default(),
        approver: p.approver_name.clone().unwrap_or_default(),
        returned_reason: p.returned_reason.clone(),
        editable: rules::edit(actor, p.state).is_ok(),
        may_submit: rules::submit(actor, p.state).is_ok(),
        may_approve: rules::approve(actor, p.created_by, p.state).is_ok(),
        own_in_review: p.state == PostState::InReview && p.created_by == Some(actor.user_id),
        may_send_back: rules::send_back(actor, p.state).is_ok(),
        subject: p.title.clone(),
        alt,
        pictures,
    })
}

fn notice(query: Option<String>) -> &'static str {
    let query = FormData::from_urlencoded(query.unwrap_or_default().as_bytes());
    match query.trimmed("ok") {
        "gespeichert" => "Gespeichert.",
        "eingereicht" => {
            "Zur Freigabe gegeben: Eine andere Person der Redaktion prüft den Beitrag."
        }
        "freigegeben" => "Freigegeben: Der Beitrag erscheint zur geplanten Zeit.",
        "zurueck" => "Der Beitrag ist zurück im Entwurf, mit Ihrer Begründung.",
        _ => "",
    }
}

/// `GET /redaktion/sozial/{id}`
pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let actor = require_editor(&state, &session).await?;
    let p = load(&state, &id).await?;
    let texts = posts::texts_of(&state.db, &[p.id]).await?;
    let f = FormView::new(fill(&p, &texts), FieldErrors::default());
    let flow = flow(&state, &actor, &p).await?;
    form_page(
        format!("Social-Media-Beitrag: {}", p.title),
        format!("/redaktion/sozial/{}", p.id),
        f,
        Some(flow),
        notice(query),
        StatusCode::OK,
    )
    .await
}

/// `POST /redaktion/sozial/{id}`
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = require_editor(&state, &session).await?;
    let p = load(&state, &id).await?;
    let form = FormData::from_urlencoded(&body);
    let outcome = match PostDraft::parse(&form) {
        Ok(draft) => service::update(&state.services(), &actor, p.id, &draft).await,
        Err(errors) => Err(PostError::Fields(errors)),
    };
    match outcome {
        Ok(()) => {
            Ok(redirect(&format!("/redaktion/sozial/{}?ok=gespeichert", p.id)).into_response())
        }
        Err(PostError::Fields(errors)) => {
            let flow = flow(&state, &actor, &p).await?;
            form_page(
                format!("Social-Media-Beitrag: {}", p.title),
                format!("/redaktion/sozial/{}", p.id),
                FormView::new(form, errors),
                Some(flow),
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(refused(e)),
    }
}

/// A step of the gate: einreichen, freigeben, zurueckgeben (with `grund`).
async fn act(
    state: &AppState,
    session: &Session,
    id: &str,
    action: &str,
    body: &[u8],
) -> Result<Response, AppError> {
    let actor = require_editor(state, session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let form = FormData::from_urlencoded(body);
    let svc = state.services();
    let ok = match action {
        "einreichen" => service::submit(&svc, &actor, id)
            .await
            .map(|_| "eingereicht"),
        "freigeben" => service::approve(&svc, &actor, id)
            .await
            .map(|_| "freigegeben"),
        _ => service::send_back(&svc, &actor, id, form.trimmed("grund"))
            .await
            .map(|_| "zurueck"),
    }
    .map_err(refused)?;
    Ok(redirect(&format!("/redaktion/sozial/{id}?ok={ok}")).into_response())
}

/// `POST /redaktion/sozial/{id}/einreichen`: to a second editor.
pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    act(&state, &session, &id, "einreichen", &body).await
}

/// `POST /redaktion/sozial/{id}/freigeben`: by an editor who did not write it.
pub async fn approve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    act(&state, &session, &id, "freigeben", &body).await
}

/// `POST /redaktion/sozial/{id}/zurueckgeben` with `grund`: back to a draft.
pub async fn send_back(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    act(&state, &session, &id, "zurueckgeben", &body).await
}

/// `GET /redaktion/sozial/{id}/bild/{format}.jpg`: a picture of the post as a download.
pub async fn picture(
    State(state): State<AppState>,
    session: Session,
    Path((id, format)): Path<(String, String)>,
) -> Result<Response, AppError> {
    require_editor(&state, &session).await?;
    let p = load(&state, &id).await?;
    let format = Format::from_file(&format).ok_or(AppError::NotFound)?;
    let made = match (p.event_id, p.article_id) {
        (Some(e), _) => cards::event_card(&state.db, e, format).await?,
        (_, Some(a)) => cards::article_card(&state.db, a, format).await?,
        _ => None,
    }
    .ok_or(AppError::NotFound)?;
    cards::download(&state, &made).await
}
