//! Cross-site request forgery: a state-changing request from another site is refused.
//! Browsers say where a request comes from (`Sec-Fetch-Site`, `Origin`); together with
//! SameSite=Lax session cookies that is enough without tokens in every form.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request's own headers show it was sent by another site. `scheme` is the
/// portal's own (`http` or `https`, from its base URL): `Origin: https://host` on the
/// http site (or the other way round) is another origin, as browsers count them.
pub fn cross_site(req: &Request, scheme: &str) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => match origin.split_once("://") {
            Some((origin_scheme, origin_host)) => {
                !origin_scheme.eq_ignore_ascii_case(scheme)
                    || !origin_host.eq_ignore_ascii_case(host)
            }
            None => true,
        },
        (Some(_), None) => true,
        // Neither header: not a browser form post (browsers send Origin with every POST).
        (None, _) => false,
    }
}

/// The portal's own scheme, for [`layer`].
#[derive(Clone, Copy)]
pub struct OwnScheme(pub &'static str);

impl OwnScheme {
    pub fn of(base_url: &str) -> OwnScheme {
        if base_url.starts_with("https://") {
            OwnScheme("https")
        } else {
            OwnScheme("http")
        }
    }
}

/// One-click unsubscribing (RFC 8058) is posted by mail clients, some of them from a
/// web mail's own site: the token in the path is the permission, and unsubscribing
/// harms nobody, so it is taken from anywhere.
fn one_click(req: &Request) -> bool {
    let path = req.uri().path();
    path.starts_with("/newsletter/abbestellen/") || path.starts_with("/en/newsletter/abbestellen/")
}

pub async fn layer(State(own): State<OwnScheme>, req: Request, next: Next) -> Response {
    if !safe(req.method()) && cross_site(&req, own.0) && !one_click(&req) {
        return (
            StatusCode::FORBIDDEN,
            "Diese Anfrage kam von einer anderen Website und wurde deshalb abgelehnt.",
        )
            .into_response();
    }
    next.run(req).await
}
