//! `GET /api/v1/articles` (public magazine articles, newest first; `rubrik=`, `seite=`)
//! and `GET /api/v1/articles/{id}` (one article; 410 once withdrawn).

use crate::db::articles::{self, ArticleRow, AuthorRow};
use crate::domain::magazine::ArticleState;
use crate::error::{ApiError, AppError};
use crate::web::{AppState, page, query};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct ApiAuthor {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct ApiEnglish {
    title: String,
    lead: String,
    body: String,
}

#[derive(Serialize)]
struct ApiLink {
    kind: String,
    id: i64,
}

#[derive(Serialize)]
struct ApiArticle {
    id: i64,
    slug: String,
    url: String,
    rubric: &'static str,
    rubric_label: &'static str,
    title: String,
    lead: String,
    /// Markdown with the portal's short codes.
    body: String,
    published: String,
    corrected: Option<String>,
    correction: String,
    authors: Vec<ApiAuthor>,
    image: Option<String>,
    guest_organization: Option<i64>,
    links: Vec<ApiLink>,
    english: Option<ApiEnglish>,
}

fn rfc3339(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(crate::domain::calendar::rfc3339_local)
        .unwrap_or_default()
}

fn api_article(
    a: &ArticleRow,
    authors: &[AuthorRow],
    links: Vec<(String, i64)>,
    base: &str,
) -> ApiArticle {
    ApiArticle {
        id: a.id,
        slug: a.slug.clone(),
        url: format!("{base}/magazin/{}", a.slug),
        rubric: a.rubric.key(),
        rubric_label: a.rubric.label(),
        title: a.title.clone(),
        lead: a.lead.clone(),
        body: a.body.clone(),
        published: rfc3339(a.publish_at.unwrap_or(a.created_at)),
        corrected: a
            .corrected_at
            .filter(|_| a.state == ArticleState::Corrected)
            .map(rfc3339),
        correction: a.correction.clone(),
        authors: authors
            .iter()
            .map(|au| ApiAuthor {
                name: au.name.clone(),
                url: format!("{base}/magazin/autoren/{}", au.slug),
            })
            .collect(),
        image: crate::web::images::ImageView::from_variants(
            0,
            &a.image,
            String::new(),
            String::new(),
        )
        .map(|v| format!("{base}{}", v.src)),
        guest_organization: a.guest_org,
        links: links
            .into_iter()
            .map(|(kind, id)| ApiLink { kind, id })
            .collect(),
        english: (!a.title_en.is_empty()).then(|| ApiEnglish {
            title: a.title_en.clone(),
            lead: a.lead_en.clone(),
            body: a.body_en.clone(),
        }),
    }
}

#[derive(Serialize)]
struct ListBody {
    data: Vec<ApiArticle>,
    total: i64,
    page: i64,
    pages: i64,
}

/// `GET /api/v1/articles?rubrik=&sparte=&seite=`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let pairs = query::pairs(raw.as_deref());
    let (filter, _) = crate::web::magazine::list::read_filter(&state, &pairs)?;
    let page_no = i64::from(query::page(&pairs, "seite")?);
    let size = crate::web::magazine::list::PAGE_SIZE;
    let now = state.clock.now().timestamp();
    let total = articles::public_count(&state.db, &filter, now).await?;
    let rows = articles::public(&state.db, &filter, now, (page_no - 1) * size, size).await?;
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let mut authors: HashMap<i64, Vec<AuthorRow>> = HashMap::new();
    for (id, au) in articles::authors_of(&state.db, &ids).await? {
        authors.entry(id).or_default().push(au);
    }
    let mut data = Vec::with_capacity(rows.len());
    for a in &rows {
        let links = articles::links_of(&state.db, a.id).await?;
        data.push(api_article(
            a,
            authors.get(&a.id).map_or(&[][..], Vec::as_slice),
            links,
            &state.base_url,
        ));
    }
    let body = ListBody {
        data,
        total,
        page: page_no,
        pages: ((total + size - 1) / size).max(1),
    };
    Ok(page::json(&headers, &body)?)
}

#[derive(Serialize)]
struct OneBody {
    data: ApiArticle,
}

/// `GET /api/v1/articles/{id}`
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let a = articles::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.state == ArticleState::Withdrawn {
        let body = serde_json::json!({ "error": { "code": "gone", "message": "the article was withdrawn" } });
        return Ok((StatusCode::GONE, Json(body)).into_response());
    }
    if !a.is_public(state.clock.now().timestamp()) {
        return Err(AppError::NotFound.into());
    }
    let authors: Vec<AuthorRow> = articles::authors_of(&state.db, &[a.id])
        .await?
        .into_iter()
        .map(|(_, au)| au)
        .collect();
    let links = articles::links_of(&state.db, a.id).await?;
    Ok(page::json(
        &headers,
        &OneBody {
            data: api_article(&a, &authors, links, &state.base_url),
        },
    )?)
}
