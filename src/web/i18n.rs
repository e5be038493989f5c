//! Languages over HTTP. German lives at the root, English under `/en`
//! (`/en/veranstaltungen`); [`Lang`] and the Fluent messages are in [`crate::i18n`].
//!
//! Two layers make a language a prefix:
//! - [`prefix`] (outermost) takes `/en` off the path, so the same routes answer both
//!   languages, and runs the request in a task-local scope that knows the language and
//!   the path without prefix (for the language switch);
//! - [`links`] (inside the compression) keeps visitors in their language: in English
//!   responses, links, form targets and redirects to the portal's own pages get the
//!   prefix back. Data (`/api`, feeds, `/static`, media) stays without one.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::borrow::Cow;

// Moved to the crate root (mail, errors and importers use them too); re-exported so that
// `crate::web::i18n::Lang` keeps working.
pub use crate::i18n::{Lang, german};

impl Lang {
    /// The language of the request being answered (German outside a request).
    pub fn current() -> Lang {
        REQUEST.try_with(|r| r.lang).unwrap_or_default()
    }
}

/// A redirect (303 See Other) to `path` in the request's language: a page of the
/// portal gets the language's prefix, data keeps its address ([`Lang::href`]).
pub fn redirect(path: &str) -> Redirect {
    Redirect::to(&Lang::current().href(path))
}

/// What the [`prefix`] layer knows about the request being answered.
#[derive(Debug, Clone)]
struct RequestLanguage {
    lang: Lang,
    /// Path and query without the language prefix.
    path: String,
    /// Another language the browser prefers (`Accept-Language`), offered with a link —
    /// a first guess only: the visitor's choice is the prefix of the page they are on.
    suggest: Option<Lang>,
}

/// The language the browser prefers over the page's, if any.
pub fn suggested() -> Option<Lang> {
    REQUEST.try_with(|r| r.suggest).ok().flatten()
}

/// The interface language an `Accept-Language` header likes best (`None`: none of ours).
pub fn preferred(accept_language: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in accept_language.split(',').take(20) {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|v| v.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == primary)
            && q > 0.0
            && best.is_none_or(|(b, _)| q > b)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

tokio::task_local! {
    static REQUEST: RequestLanguage;
}

/// The current page's path and query without language prefix (`/` outside a request).
pub fn current_path() -> String {
    REQUEST
        .try_with(|r| r.path.clone())
        .unwrap_or_else(|_| "/".to_owned())
}

/// The language a path asks for, and the path without its prefix.
///
/// `/de/…` asks for German explicitly: the language switch on English pages links there
/// (links on English pages to other paths get the English prefix), and [`prefix`]
/// answers it with a redirect to the path without prefix.
pub fn split(path_and_query: &str) -> (Lang, Cow<'_, str>) {
    for lang in Lang::ALL {
        let prefix = lang.prefix();
        if prefix.is_empty() {
            continue;
        }
        if let Some(rest) = path_and_query.strip_prefix(prefix) {
            if rest.is_empty() || rest.starts_with('?') {
                return (lang, Cow::Owned(format!("/{rest}")));
            }
            if rest.starts_with('/') {
                return (lang, Cow::Borrowed(rest));
            }
        }
    }
    (Lang::De, Cow::Borrowed(path_and_query))
}

/// Where `/de{rest}` goes: the path without prefix, never another site (`/de//host`
/// would otherwise send the browser to `//host`).
fn german_target(rest: &str) -> String {
    let target = if rest.starts_with('/') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    };
    if target.starts_with("//") || target.starts_with("/\\") {
        "/".to_owned()
    } else {
        target
    }
}

/// Outermost layer: takes the language prefix off the path.
pub async fn prefix(mut req: Request, next: Next) -> Response {
    let original = req
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    if let Some(rest) = original.strip_prefix("/de")
        && (rest.is_empty() || rest.starts_with(['/', '?']))
    {
        return Redirect::to(&german_target(rest)).into_response();
    }
    let (lang, path) = split(&original);
    let path = path.into_owned();
    let suggest = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(preferred)
        .filter(|l| *l != lang);
    if lang != Lang::De {
        let mut parts = req.uri().clone().into_parts();
        if let Ok(pq) = path.parse() {
            parts.path_and_query = Some(pq);
            if let Ok(uri) = Uri::from_parts(parts) {
                *req.uri_mut() = uri;
            }
        }
    }
    REQUEST
        .scope(
            RequestLanguage {
                lang,
                path,
                suggest,
            },
            next.run(req),
        )
        .await
}

/// Whether a link to `path` (starting with `/`) is a page that has a language.
fn localised(path: &str) -> bool {
    const DATA: [&str; 10] = [
        "/de/",
        "/static/",
        "/medien/",
        "/media/",
        "/api",
        "/healthz",
        "/en/",
        "/feeds/",
        "/einbetten",
        "/sitemap",
    ];
    !path.starts_with("//")
        && path != "/en"
        && path != "/de"
        && !DATA.iter().any(|d| path.starts_with(d))
        && !is_file(path)
}

/// Whether a link points at a file (`.ics`, `.rss`, `.csv` …): page slugs have no dots.
fn is_file(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Adds the prefix of `lang` to the targets of links and forms in an HTML page, in one
/// pass over the page (every `="/` is looked at once).
pub fn localise_html(html: &str, lang: Lang) -> String {
    let prefix = lang.prefix();
    if prefix.is_empty() {
        return html.to_owned();
    }
    const ATTRS: [&str; 4] = ["href", "action", "hx-get", "hx-post"];
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut copied = 0;
    let mut from = 0;
    while let Some(i) = html[from..].find("=\"/") {
        let at = from + i;
        let value = at + 2;
        let before = &html[..at];
        let is_target = ATTRS.iter().any(|a| {
            before.ends_with(a)
                && before[..before.len() - a.len()].ends_with(|c: char| c.is_ascii_whitespace())
        });
        if is_target {
            let end = html[value..].find('"').map_or(html.len(), |e| value + e);
            if localised(&html[value..end]) {
                out.push_str(&html[copied..value]);
                out.push_str(prefix);
                copied = value;
            }
        }
        from = value;
    }
    out.push_str(&html[copied..]);
    out
}

/// Inner layer: English responses keep their visitors in English.
pub async fn links(req: Request, next: Next) -> Response {
    let lang = Lang::current();
    let mut response = next.run(req).await;
    // Pages offer another language when the browser prefers it.
    if response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
    {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
    if lang == Lang::De {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    if let Some(location) = parts
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.starts_with('/') && localised(l))
        .map(|l| format!("{}{l}", lang.prefix()))
        && let Ok(v) = HeaderValue::from_str(&location)
    {
        parts.headers.insert(header::LOCATION, v);
    }
    let html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !html {
        return Response::from_parts(parts, body);
    }
    // The body changes: its length and validator go.
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ETAG);
    let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let text = String::from_utf8_lossy(&bytes);
    Response::from_parts(parts, Body::from(localise_html(&text, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_names_the_language() {
        assert_eq!(split("/en/veranstaltungen?q=jazz").0, Lang::En);
        assert_eq!(
            split("/en/veranstaltungen?q=jazz").1,
            "/veranstaltungen?q=jazz"
        );
        assert_eq!(split("/en").1, "/");
        assert_eq!(split("/en?x=1").1, "/?x=1");
        assert_eq!(
            split("/entdecken").0,
            Lang::De,
            "a path that only begins with en"
        );
        assert_eq!(split("/veranstaltungen").0, Lang::De);
    }

    #[test]
    fn the_way_back_to_german_stays_on_the_portal() {
        assert_eq!(
            german_target("/veranstaltungen?q=x"),
            "/veranstaltungen?q=x"
        );
        assert_eq!(german_target(""), "/");
        assert_eq!(german_target("?q=x"), "/?q=x");
        assert_eq!(german_target("//evil.example/"), "/");
        assert_eq!(german_target("/\\evil.example/"), "/");
    }

    #[test]
    fn the_browser_preference_is_read_with_its_weights() {
        assert_eq!(preferred("en-GB,en;q=0.9,de;q=0.8"), Some(Lang::En));
        assert_eq!(preferred("de-DE,de;q=0.9,en;q=0.8"), Some(Lang::De));
        assert_eq!(preferred("tr, en;q=0.5"), Some(Lang::En));
        assert_eq!(preferred("fr-FR"), None);
        assert_eq!(preferred("en;q=0, de;q=0.1"), Some(Lang::De));
        assert_eq!(preferred(""), None);
    }

    #[test]
    fn english_pages_link_to_english_pages_and_to_data_as_it_is() {
        let html = r#"<a href="/veranstaltungen">x</a><form action="/suche"></form><link href="/static/app.css"><a href="/api/v1/events">y</a><a href="https://example.org/">z</a><a href="/kalender.ics">c</a>"#;
        assert_eq!(
            localise_html(html, Lang::En),
            r#"<a href="/en/veranstaltungen">x</a><form action="/en/suche"></form><link href="/static/app.css"><a href="/api/v1/events">y</a><a href="https://example.org/">z</a><a href="/kalender.ics">c</a>"#
        );
        assert_eq!(localise_html(html, Lang::De), html);
        // Only the attributes themselves, not ones that end the same way.
        let data = r#"<div data-href="/x" hx-get="/suche?q=a"><form method="post" hx-post="/y"></form></div>"#;
        assert_eq!(
            localise_html(data, Lang::En),
            r#"<div data-href="/x" hx-get="/en/suche?q=a"><form method="post" hx-post="/en/y"></form></div>"#
        );
    }
}
