//! The association that runs the portal: its public pages (`/verein`, `/regeln`,
//! `/impressum`; `/datenschutz` keeps its fixed text and shows the admins' additions),
//! edited by admins as versioned Markdown (pages.rs), membership (membership.rs) and
//! general assemblies with votes (assemblies.rs, votes.rs).

pub mod assemblies;
pub mod membership;
pub mod pages;
pub mod votes;

use crate::db::association::{self, DocumentRow};
use crate::domain::association::{Page, RULES};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::current_user;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::markdown;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use tower_sessions::Session;

/// A date in the page's language („7. Dezember 2026“).
pub fn date_in(ts: i64, lang: Lang) -> String {
    crate::domain::calendar::long_date_in(
        crate::domain::calendar::local_date(instant(ts)),
        lang.dates(),
    )
}

/// A page's text in the page's language, rendered from Markdown (German when the English
/// text is empty); `None` before any admin wrote it.
pub async fn page_text(state: &AppState, p: Page, lang: Lang) -> Result<Option<String>, AppError> {
    Ok(association::page(&state.db, p).await?.map(|v| {
        let body = if lang != Lang::De && !v.body_en.trim().is_empty() {
            v.body_en
        } else {
            v.body_de
        };
        markdown::render(&body)
    }))
}

pub struct DocumentView {
    pub title: String,
    pub version: i64,
    pub href: String,
    pub date: String,
    pub size: String,
}

impl DocumentView {
    pub fn of(d: DocumentRow, lang: Lang) -> DocumentView {
        DocumentView {
            title: if lang != Lang::De && !d.title_en.is_empty() {
                d.title_en
            } else {
                d.title
            },
            version: d.version,
            href: format!("/medien/{}", d.media_key),
            date: date_in(d.uploaded_at, lang),
            size: crate::web::groups::files::size_words_in(d.size.max(0) as u64, lang),
        }
    }
}

#[derive(Template)]
#[template(path = "association/verein.html")]
pub struct AssociationPage {
    pub layout: Layout,
    pub text: String,
    pub board: Vec<(String, String)>,
    pub listed: Vec<String>,
    pub documents: Vec<DocumentView>,
}

/// `GET /verein`: who runs the portal, the board, listed members, documents, how to join.
pub async fn show(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let lang = Lang::current();
    let text = page_text(&state, Page::Association, lang)
        .await?
        .unwrap_or_default();
    let board = association::board(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.board_office, m.name))
        .collect();
    let listed = association::listed_members(&state.db)
        .await?
        .into_iter()
        .map(|m| m.name)
        .collect();
    let documents = association::documents(&state.db)
        .await?
        .into_iter()
        .map(|d| DocumentView::of(d, lang))
        .collect();
    page::html(
        &headers,
        &AssociationPage {
            layout: Layout::new(lang.t("verein-title"))
                .in_section("verein")
                .translated(),
            text,
            board,
            listed,
            documents,
        },
    )
}

pub struct RuleView {
    pub number: i64,
    pub title: String,
    pub text: String,
}

/// The house rules in the page's language.
pub fn rules(lang: Lang) -> Vec<RuleView> {
    RULES
        .iter()
        .map(|n| RuleView {
            number: *n,
            title: lang.t(&format!("rule-{n}-title")),
            text: lang.t(&format!("rule-{n}-text")),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "association/rules.html")]
pub struct RulesPage {
    pub layout: Layout,
    pub text: String,
    pub rules: Vec<RuleView>,
}

/// `GET /regeln`: the house rules, numbered, that moderation decisions cite.
pub async fn rules_page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let text = page_text(&state, Page::Rules, lang)
        .await?
        .unwrap_or_default();
    page::html(
        &headers,
        &RulesPage {
            layout: Layout::new(lang.t("rules-title")).translated(),
            text,
            rules: rules(lang),
        },
    )
}

#[derive(Template)]
#[template(path = "association/text.html")]
pub struct TextPage {
    pub layout: Layout,
    pub text: String,
    pub missing: String,
}

/// `GET /impressum`: the imprint as the admins wrote it.
pub async fn imprint(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let text = page_text(&state, Page::Imprint, lang)
        .await?
        .unwrap_or_default();
    page::html(
        &headers,
        &TextPage {
            layout: Layout::new(lang.t("imprint-title")).translated(),
            text,
            missing: lang.t("imprint-missing"),
        },
    )
}

/// Tells every member in good standing that has an account (kind `verein`: the
/// notification centre, and mail as each member chose), in each member's language.
pub async fn tell_members(
    state: &AppState,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), AppError> {
    for m in association::members(&state.db).await? {
        if m.status != crate::domain::association::MemberStatus::Member {
            continue;
        }
        if let (Some(user), Some(email)) = (m.user_id, m.email.as_deref()) {
            crate::web::notify::notify_in(state, user, email, "verein", &words, link).await?;
        }
    }
    Ok(())
}

/// Whether the logged-in account sits on the board (or is an admin, who stands in).
pub async fn board_member(state: &AppState, session: &Session) -> Result<i64, AppError> {
    let (user, actor) = crate::web::account::require_actor(state, session).await?;
    if actor.is_admin() || association::is_board(&state.db, user.id).await? {
        Ok(user.id)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The logged-in account's id, if any (for pages that show more to members).
pub async fn viewer(state: &AppState, session: &Session) -> Result<Option<i64>, AppError> {
    Ok(current_user(state, session).await?.map(|u| u.id))
}
