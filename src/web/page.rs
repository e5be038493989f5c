//! Turning a rendered page into a response that caches well: an ETag over the bytes,
//! a short public max-age, and 304 when the browser already has it (in every language:
//! links are in the page's language when it renders, nothing rewrites it afterwards).

use crate::error::AppError;
use askama::Template;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::hash::{DefaultHasher, Hash, Hasher};

/// How long browsers and proxies may reuse an anonymous page without asking.
const MAX_AGE: &str = "public, max-age=60";

fn etag_of(bytes: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

/// A body with its content type, answered with 304 if `If-None-Match` matches.
pub fn cached(request: &HeaderMap, content_type: &'static str, body: Vec<u8>) -> Response {
    let etag = etag_of(&body);
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(MAX_AGE));
    // Pages offer the language the browser prefers when it is not theirs.
    // Pages that are also fediverse actors or objects answer by `Accept`.
    let vary = if content_type.starts_with("text/html") {
        "HX-Request, Accept-Encoding, Accept-Language, Accept"
    } else if content_type.starts_with("application/activity+json") {
        "Accept, Accept-Encoding"
    } else {
        "HX-Request, Accept-Encoding"
    };
    headers.insert(header::VARY, HeaderValue::from_static(vary));
    response
}

/// Renders an HTML template as a cacheable page.
pub fn html(request: &HeaderMap, template: &impl Template) -> Result<Response, AppError> {
    let body = template
        .render()
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(cached(
        request,
        "text/html; charset=utf-8",
        body.into_bytes(),
    ))
}

/// Serialises a JSON value as a cacheable response.
pub fn json(request: &HeaderMap, value: &impl serde::Serialize) -> Result<Response, AppError> {
    let body = serde_json::to_vec(value).map_err(|e| AppError::Internal(e.into()))?;
    Ok(cached(request, "application/json", body))
}

/// Renders a personal page (a form, the members' area): never stored by shared caches.
pub fn private(status: StatusCode, template: &impl Template) -> Result<Response, AppError> {
    let body = template
        .render()
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    crate::web::i18n::varies_by_language(&mut response);
    Ok(response)
}

/// Whether htmx asked for a fragment.
pub fn is_htmx(request: &HeaderMap) -> bool {
    request.get("HX-Request").is_some_and(|v| v == "true")
}
