//! Cross-site request forgery: a state-changing request from another site is refused.
//! Browsers say where a request comes from (`Sec-Fetch-Site`, `Origin`); together with
//! SameSite=Lax session cookies that is enough without tokens in every form.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request's own headers show it was sent by another site.
pub fn cross_site(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            origin_host != host
        }
        (Some(_), None) => true,
        // Neither header: not a browser form post (browsers send Origin with every POST).
        (None, _) => false,
    }
}

/// One-click unsubscribing (RFC 8058) is posted by mail clients, some of them from a
/// web mail's own site: the token in the path is the permission, and unsubscribing
/// harms nobody, so it is taken from anywhere.
fn one_click(req: &Request) -> bool {
    let path = req.uri().path();
    path.starts_with("/newsletter/abbestellen/") || path.starts_with("/en/newsletter/abbestellen/")
}

pub async fn layer(req: Request, next: Next) -> Response {
    if !safe(req.method()) && cross_site(&req) && !one_click(&req) {
        return (
            StatusCode::FORBIDDEN,
            "Diese Anfrage kam von einer anderen Website und wurde deshalb abgelehnt.",
        )
            .into_response();
    }
    next.run(req).await
}
