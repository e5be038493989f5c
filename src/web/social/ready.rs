//! „Bereit zum Posten“: the texts of published posts for the channels without an open
//! interface (Instagram, Facebook, Bluesky), each with its whole text to copy and its
//! pictures to download, until an editor marks it „gepostet“. And the same pictures for
//! organisations: their own events' pictures on their page in „Mein Bereich“.

use super::{cards, require_editor};
use crate::db::organizations;
use crate::db::social as posts;
use crate::domain::social::{self as rules, Channel};
use crate::error::AppError;
use crate::media::social::Format;
use crate::service::social as service;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// One text waiting to be posted.
pub struct ReadyItem {
    pub post: i64,
    pub channel_key: &'static str,
    pub channel: &'static str,
    pub title: String,
    pub planned: String,
    /// What to paste: the text, the link and the hashtags.
    pub text: String,
    pub alt: String,
    pub pictures: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "social/ready.html")]
pub struct ReadyPage {
    pub layout: Layout,
    pub items: Vec<ReadyItem>,
}

/// `GET /redaktion/sozial/bereit`
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    require_editor(&state, &session).await?;
    let base = &state.base_url;
    let mut items = Vec::new();
    for (p, t) in posts::ready(&state.db).await? {
        let made = match (p.event_id, p.article_id) {
            (Some(e), _) => cards::event_card(&state.db, e, Format::Square).await?,
            (_, Some(a)) => cards::article_card(&state.db, a, Format::Square).await?,
            _ => None,
        };
        items.push(ReadyItem {
            post: p.id,
            channel_key: t.channel.key(),
            channel: t.channel.label(),
            planned: super::when(p.planned_at),
            text: rules::full_text(&t.body, &format!("{base}{}", p.path()), &p.tags()),
            alt: made.map(|m| m.alt).unwrap_or_default(),
            pictures: Format::ALL
                .into_iter()
                .map(|f| {
                    (
                        f.label(),
                        format!("/redaktion/sozial/{}/bild/{}.jpg", p.id, f.key()),
                    )
                })
                .collect(),
            title: p.title,
        });
    }
    let view = ReadyPage {
        layout: Layout::new("Bereit zum Posten").in_section("mein-bereich"),
        items,
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /redaktion/sozial/{id}/gepostet/{channel}`: it leaves the list.
pub async fn mark_posted(
    State(state): State<AppState>,
    session: Session,
    Path((id, channel)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let actor = require_editor(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let channel = Channel::parse(&channel).ok_or(AppError::NotFound)?;
    service::mark_posted(&state.services(), &actor, id, channel)
        .await
        .map_err(super::refused)?;
    Ok(redirect("/redaktion/sozial/bereit").into_response())
}

/// `GET /mein-bereich/organisationen/{slug}/veranstaltungen/{event}/bild/{format}.jpg`: the
/// picture of one of the organisation's own events, for its members.
pub async fn org_picture(
    State(state): State<AppState>,
    session: Session,
    Path((slug, event, format)): Path<(String, i64, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = organizations::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if actor.role_in(org.id).is_none() && !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    if !posts::organises(&state.db, org.id, event).await? {
        return Err(AppError::NotFound);
    }
    let format = Format::from_file(&format).ok_or(AppError::NotFound)?;
    let made = cards::event_card(&state.db, event, format)
        .await?
        .ok_or(AppError::NotFound)?;
    cards::download(&state, &made).await
}

/// An event of the organisation page's picture section.
pub struct OrgEventPictures {
    pub title: String,
    pub when: String,
    pub links: Vec<(String, String)>,
}

/// The organisation's coming events with their picture downloads (its page shows them).
pub async fn for_organisation(
    state: &AppState,
    org_id: i64,
    org_slug: &str,
) -> Result<Vec<OrgEventPictures>, AppError> {
    let now = state.clock.now().timestamp();
    let events = posts::coming_events_of(&state.db, org_id, now).await?;
    let lang = crate::web::i18n::Lang::current();
    Ok(events
        .into_iter()
        .map(|(id, _, title, start)| OrgEventPictures {
            title,
            when: crate::domain::calendar::date_time_in(
                crate::web::listing::instant(start),
                lang.dates(),
            ),
            links: Format::ALL
                .into_iter()
                .map(|f| {
                    (
                        lang.t(&format!("orgs-social-format-{}", f.key())),
                        format!(
                            "/mein-bereich/organisationen/{org_slug}/veranstaltungen/{id}/bild/{}.jpg",
                            f.key()
                        ),
                    )
                })
                .collect(),
        })
        .collect())
}
