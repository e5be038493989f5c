//! `GET /magazin/{slug}` (an article: picture, body with figures, quotes and cards,
//! authors, correction note, JSON-LD `Article`, OpenGraph, feeds linked, the readers'
//! comments of `comments.rs`; a withdrawn one answers 410 and says so) and
//! `GET /magazin/autoren/{slug}` (an author's bio and articles).

use super::comments::{self, CommentsSection};
use super::render::{self, Part};
use super::{ArticlePicture, Teaser};
use crate::db::articles::{self, ArticleRow, AuthorRow};
use crate::db::organizations;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::magazine::ArticleState;
use crate::domain::slug::Slug;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::current_user;
use crate::web::editor::form::FormView;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "magazine/show.html")]
pub struct ArticlePage {
    pub layout: Layout,
    pub slug: String,
    pub title: String,
    pub lead: String,
    /// Whether the texts shown are German on a page in another language.
    pub german: bool,
    pub rubric: String,
    pub rubric_key: &'static str,
    pub date: String,
    pub date_iso: String,
    pub authors: Vec<AuthorRow>,
    pub picture: Option<ArticlePicture>,
    pub og_image: String,
    pub parts: Vec<Part>,
    /// „Korrigiert am …“ and the note, when corrected.
    pub correction: Option<(String, String, String)>,
    /// The proposing organisation of a guest article: (slug, name).
    pub guest: Option<(String, String)>,
    pub jsonld: String,
    pub rss: String,
    pub atom: String,
    pub comments: CommentsSection,
    /// The draft's id when its writers and editors preview it („Vorschau“, not indexed).
    pub preview: Option<i64>,
}

#[derive(Template)]
#[template(path = "magazine/withdrawn.html")]
pub struct WithdrawnPage {
    pub layout: Layout,
    pub title: String,
    pub date: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "magazine/author.html")]
pub struct AuthorPage {
    pub layout: Layout,
    pub author: AuthorRow,
    pub bio: String,
    pub german: bool,
    pub magazine: Vec<Teaser>,
}

fn jsonld(
    state: &AppState,
    a: &ArticleRow,
    authors: &[AuthorRow],
    image: &str,
    lang: Lang,
) -> serde_json::Value {
    let base = &state.base_url;
    let date = |t: Option<i64>| {
        t.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(crate::domain::calendar::rfc3339_local)
            .unwrap_or_default()
    };
    let (title, _) = super::title_in(a, lang);
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": title,
        "description": a.lead,
        "articleSection": a.rubric.label(),
        "inLanguage": "de-DE",
        "datePublished": date(a.publish_at),
        "dateModified": date(a.corrected_at.or(a.publish_at)),
        "url": format!("{base}/magazin/{}", a.slug),
        "mainEntityOfPage": format!("{base}/magazin/{}", a.slug),
        "author": authors.iter().map(|au| serde_json::json!({
            "@type": "Person",
            "name": au.name,
            "url": format!("{base}/magazin/autoren/{}", au.slug),
        })).collect::<Vec<_>>(),
        "publisher": {
            "@type": "Organization",
            "name": "Kulturportal Bochum",
            "url": format!("{base}/"),
        },
    });
    if !image.is_empty() {
        ld["image"] = serde_json::json!(image);
    }
    ld
}

/// The withdrawn article's page: 410 Gone, in German first.
fn gone(a: &ArticleRow) -> Result<Response, AppError> {
    let lang = Lang::current();
    let view = WithdrawnPage {
        layout: Layout::new(lang.t("magazine-withdrawn-title"))
            .in_section("magazin")
            .translated(),
        title: a.title.clone(),
        date: super::date_in(a.withdrawn_at.unwrap_or(a.updated_at), lang).0,
        reason: a.withdrawn_reason.clone(),
    };
    let body = view.render().map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        StatusCode::GONE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        body,
    )
        .into_response())
}

/// `GET /magazin/{slug}` (`?antwort={id}` puts the form under a comment's answer)
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: Session,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let Some(slug) = Slug::parse(&slug) else {
        return Err(AppError::NotFound);
    };
    let Some(a) = articles::by_slug(&state.db, slug.as_str()).await? else {
        return Err(AppError::NotFound);
    };
    if a.state == ArticleState::Withdrawn {
        return gone(&a);
    }
    let now = state.clock.now().timestamp();
    if !a.is_public(now) {
        return Err(AppError::NotFound);
    }
    let reply = form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "antwort")
        .and_then(|(_, v)| v.parse().ok());
    let user = current_user(&state, &session).await?;
    let section = comments::section(
        &state,
        &a,
        user.as_ref(),
        FormView::new(FormData::default(), FieldErrors::default()),
        reply,
    )
    .await?;
    let view = article_page(&state, &a, section).await?;
    if user.is_some() {
        // The form names the member: never stored by shared caches.
        return page::private(StatusCode::OK, &view);
    }
    page::html(&headers, &view)
}

/// The public page of a public article, with its comments section.
pub async fn article_page(
    state: &AppState,
    a: &ArticleRow,
    comments: CommentsSection,
) -> Result<ArticlePage, AppError> {
    let lang = Lang::current();
    let english = lang == Lang::En && !a.title_en.is_empty();
    let (title, lead, body) = if english {
        (
            a.title_en.clone(),
            if a.lead_en.is_empty() {
                a.lead.clone()
            } else {
                a.lead_en.clone()
            },
            if a.body_en.is_empty() {
                a.body.clone()
            } else {
                a.body_en.clone()
            },
        )
    } else {
        (a.title.clone(), a.lead.clone(), a.body.clone())
    };
    let authors: Vec<AuthorRow> = articles::authors_of(&state.db, &[a.id])
        .await?
        .into_iter()
        .map(|(_, au)| au)
        .collect();
    let picture = super::pictures(state, std::slice::from_ref(a))
        .await?
        .remove(&a.id);
    let og_image = picture
        .as_ref()
        .map(|p| format!("{}{}", state.base_url, p.og))
        .unwrap_or_default();
    let (date, date_iso) = super::date_in(a.publish_at.unwrap_or(a.created_at), lang);
    let correction = match (a.state, a.corrected_at) {
        (ArticleState::Corrected, Some(at)) => {
            let (d, iso) = super::date_in(at, lang);
            Some((d, iso, a.correction.clone()))
        }
        _ => None,
    };
    let guest = match a.guest_org {
        Some(id) => organizations::by_id(&state.db, id)
            .await?
            .map(|o| (o.slug, o.name)),
        None => None,
    };
    let ld = jsonld(state, a, &authors, &og_image, lang);
    let rubric_query = format!("?rubrik={}", a.rubric.key());
    Ok(ArticlePage {
        layout: Layout::new(title.clone())
            .in_section("magazin")
            .translated(),
        slug: a.slug.clone(),
        german: lang != Lang::De && !english,
        title,
        lead,
        rubric: super::rubric_name(a.rubric, lang),
        rubric_key: a.rubric.key(),
        date,
        date_iso,
        authors,
        picture,
        og_image,
        parts: render::parts(state, &body).await?,
        correction,
        guest,
        jsonld: crate::web::schema::script_safe(&ld),
        rss: format!("/magazin.rss{rubric_query}"),
        atom: format!("/magazin.atom{rubric_query}"),
        comments,
        preview: None,
    })
}

/// `GET /redaktion/{id}/vorschau`: an article as its public page will look, for those
/// who may edit it, in any state; marked „Vorschau“, never indexed or stored by caches.
pub async fn preview(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (user, actor) = crate::web::account::require_actor(&state, &session).await?;
    let a = super::desk::editable(&state, &actor, &id).await?;
    let section = comments::section(
        &state,
        &a,
        Some(&user),
        FormView::new(FormData::default(), FieldErrors::default()),
        None,
    )
    .await?;
    let mut view = article_page(&state, &a, section).await?;
    view.preview = Some(a.id);
    let mut response = page::private(StatusCode::OK, &view)?;
    response.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    Ok(response)
}

/// `GET /magazin/autoren/{slug}`
pub async fn author(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let Some(slug) = Slug::parse(&slug) else {
        return Err(AppError::NotFound);
    };
    let Some(author) = articles::author_by_slug(&state.db, slug.as_str()).await? else {
        return Err(AppError::NotFound);
    };
    let rows =
        articles::public_by_author(&state.db, author.id, state.clock.now().timestamp()).await?;
    let lang = Lang::current();
    let english = lang == Lang::En && !author.bio_en.is_empty();
    let view = AuthorPage {
        layout: Layout::new(author.name.clone())
            .in_section("magazin")
            .translated(),
        bio: if english {
            author.bio_en.clone()
        } else {
            author.bio.clone()
        },
        german: lang != Lang::De && !english,
        magazine: super::teasers(&state, &rows).await?,
        author,
    };
    page::html(&headers, &view)
}
