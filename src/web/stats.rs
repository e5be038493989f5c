//! Counting in the request path (outside the page cache, so cached answers are counted
//! too) and the portal's own redirects for ticket and share links (`/weiter/…`, looked up
//! by the event's slug, so they cannot send anybody anywhere else). Nothing here sets a
//! cookie or keeps an address; see `crate::stats` for what is kept.

use crate::db::event_details;
use crate::domain::slug::Slug;
use crate::domain::stats::{BrowserHeaders, PathKind, path_kind, search_term};
use crate::error::AppError;
use crate::stats::{ApiConsumer, PageView, SHARE, TICKET};
use crate::web::AppState;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;
use std::time::Instant;

fn text(headers: &HeaderMap, name: impl header::AsHeaderName) -> &str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn address(req_extensions: &axum::http::Extensions) -> String {
    req_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default()
}

/// The middleware: counts page views, feed subscribers and API use, and measures answer
/// times per kind of page.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let kind = path_kind(req.uri().path());
    if !matches!(*req.method(), Method::GET | Method::HEAD) || kind == PathKind::Ignored {
        return next.run(req).await;
    }
    let started = Instant::now();
    let path = req.uri().path().to_owned();
    let headers = req.headers().clone();
    let addr = address(req.extensions());
    let search = (path == "/veranstaltungen")
        .then(|| {
            form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
                .find(|(k, _)| k == "q")
                .and_then(|(_, v)| search_term(&v))
        })
        .flatten();
    let response = next.run(req).await;
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    let now = state.clock.now();
    let status = response.status();
    let answered = status == StatusCode::OK || status == StatusCode::NOT_MODIFIED;
    let user_agent = text(&headers, header::USER_AGENT);
    let stats = &state.stats;
    match kind {
        PathKind::Feed if answered => stats.feed_fetch(now, &path, &addr, user_agent),
        PathKind::Api => {
            stats.answer_time(now, "api", micros);
            let consumer = match text(&headers, header::AUTHORIZATION).strip_prefix("Bearer ") {
                Some(token) => ApiConsumer::Token(crate::auth::token_hash(token.trim())),
                None => ApiConsumer::Anonymous {
                    address: &addr,
                    user_agent,
                },
            };
            stats.api_request(now, consumer);
        }
        PathKind::Page(kind) => {
            stats.answer_time(now, kind, micros);
            let html = status == StatusCode::NOT_MODIFIED
                || text(response.headers(), header::CONTENT_TYPE).starts_with("text/html");
            // htmx fragments are parts of a page already counted.
            if answered && html && !headers.contains_key("hx-request") {
                stats.page_view(
                    now,
                    PageView {
                        path: &path,
                        address: &addr,
                        browser: BrowserHeaders {
                            user_agent,
                            accept: text(&headers, header::ACCEPT),
                            accept_language: text(&headers, header::ACCEPT_LANGUAGE),
                        },
                        referer: text(&headers, header::REFERER),
                        host: text(&headers, header::HOST),
                        search,
                    },
                );
            }
        }
        _ => {}
    }
    response
}

/// Whether a click comes from a person's browser (bots following links are not counted).
fn from_a_person(headers: &HeaderMap) -> bool {
    !BrowserHeaders {
        user_agent: text(headers, header::USER_AGENT),
        accept: text(headers, header::ACCEPT),
        accept_language: text(headers, header::ACCEPT_LANGUAGE),
    }
    .is_bot()
}

async fn published(state: &AppState, slug: &str) -> Result<(Slug, i64), AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let id = event_details::published_id_by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((slug, id))
}

fn away(url: &str) -> Response {
    let mut r = Redirect::to(url).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    r
}

/// `GET /weiter/karten/{slug}`: counts a click on the event's ticket link, then goes there.
pub async fn ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (slug, id) = published(&state, &slug).await?;
    let mut details = event_details::load(&state.db, &[id]).await?;
    let url = details
        .remove(&id)
        .map(|d| d.event.ticket_url)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .ok_or(AppError::NotFound)?;
    if from_a_person(&headers) {
        state.stats.click(state.clock.now(), TICKET, slug.as_str());
    }
    Ok(away(&url))
}

/// `GET /weiter/teilen/{slug}/{service}`: counts a share, then opens the service's form.
pub async fn share(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((slug, service)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (slug, id) = published(&state, &slug).await?;
    let mut details = event_details::load(&state.db, &[id]).await?;
    let d = details.remove(&id).ok_or(AppError::NotFound)?;
    let link = crate::web::schema::share_links(
        &d.event.title,
        &format!("{}/veranstaltungen/{}", state.base_url, slug.as_str()),
    )
    .into_iter()
    .find(|l| l.key() == service && l.href.starts_with("https://"))
    .ok_or(AppError::NotFound)?;
    if from_a_person(&headers) {
        state.stats.click(state.clock.now(), SHARE, slug.as_str());
    }
    Ok(away(&link.href))
}
