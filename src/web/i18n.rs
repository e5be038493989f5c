//! Languages over HTTP. German lives at the root, English under `/en`
//! (`/en/veranstaltungen`); [`Lang`] and the Fluent messages are in [`crate::i18n`].
//!
//! The [`prefix`] layer (outermost) takes `/en` off the path, so the same routes answer
//! both languages, and runs the request in a task-local scope that knows the language
//! ([`Lang::current`]), the path without prefix (for the language switch) and the
//! language the browser prefers. Visitors stay in their language because templates
//! build links with [`Lang::href`] and handlers redirect with [`redirect`]; nothing is
//! rewritten after rendering (that would cost CPU and the ETag).

use axum::extract::Request;
use axum::http::{Uri, header};
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
/// `/de/…` asks for German explicitly: the language switch on other languages' pages
/// links there (so that every page link on them names its language), and [`prefix`]
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
}
