//! Languages of the user interface. German is the default and lives at the root; English
//! lives under `/en` (`/en/veranstaltungen`). The texts are Fluent messages in
//! `locales/{de,en}/*.ftl`, one folder per language (one file per area of the portal),
//! so a further language is a folder and one line in [`Lang`], not code in every page.
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
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "de",
        // Inserted values without Unicode isolation marks (they would end up in
        // attributes and plain-text mails).
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DE: LazyLock<LanguageIdentifier> = LazyLock::new(|| "de".parse().unwrap_or_default());
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().unwrap_or_default());

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The BCP 47 code, for `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The writing direction, for `dir` attributes (`rtl` for a future Arabic).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::De | Lang::En => "ltr",
        }
    }

    /// The `lang` of German text on pages in this language: `"de"`, or `""` on German
    /// pages, where it needs no mark.
    pub fn german_mark(self) -> &'static str {
        if self == Lang::De { "" } else { "de" }
    }

    /// Whether a page in this language shows an event's English texts: on English pages,
    /// when the event has an English title (else its German texts, marked as German).
    pub fn shows_english(self, title_en: &str) -> bool {
        self == Lang::En && !title_en.is_empty()
    }

    /// The path prefix of the language's pages (`""` for German).
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::De => "",
            Lang::En => "/en",
        }
    }

    /// The language's own name, for the language switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// The message `key` in this language (German when it is missing there, the key
    /// itself when it is missing everywhere).
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key`, or `fallback` when no language has it (names from the
    /// database, such as a Sparte an admin added).
    pub fn t_or(self, key: &str, fallback: &str) -> String {
        LOCALES
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| fallback.to_owned())
    }

    /// The message `key` with a number, e.g. `("count", 3)` (plural rules apply).
    pub fn t_n(self, key: &str, name: &str, n: i64) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> =
            [(Cow::Owned(name.to_owned()), FluentValue::from(n))].into();
        LOCALES
            .try_lookup_with_args(self.id(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with text arguments, e.g. `[("first", "Sat 5 December")]`.
    pub fn t_args(self, key: &str, args: &[(&str, &str)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_owned()), FluentValue::from(*v)))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// A domain message (a Fluent id with arguments) in words; text that is no message
    /// id is given back as it is.
    pub fn message(self, m: &crate::domain::account::Message) -> String {
        let args: Vec<(&str, &str)> = m.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        LOCALES
            .try_lookup_with_args(
                self.id(),
                &m.id,
                &args
                    .iter()
                    .map(|(k, v)| (Cow::Owned((*k).to_owned()), FluentValue::from(*v)))
                    .collect::<HashMap<Cow<'static, str>, FluentValue<'_>>>(),
            )
            .unwrap_or_else(|| m.id.clone())
    }

    /// A domain message in this language, and the `lang` of the words when they are
    /// not in it (a message only German has: `"de"`).
    pub fn message_marked(self, m: &crate::domain::account::Message) -> (String, &'static str) {
        let own = self == Lang::De
            || LOCALES
                .lookup_single_language::<&str>(self.id(), &m.id, None)
                .is_ok();
        (self.message(m), if own { "" } else { "de" })
    }

    /// An audience's name (the German one is the fallback).
    pub fn audience(self, a: crate::domain::event::Audience) -> String {
        self.t_or(&format!("audience-{}", a.slug()), a.name())
    }

    /// A date's status badge; empty for a plain scheduled date.
    pub fn occurrence_status(self, s: crate::domain::event::OccurrenceStatus) -> String {
        self.t_or(&format!("status-{}", s.key()), s.label())
    }

    /// A named period's label („Am Wochenende“ / "This weekend").
    pub fn period(self, p: crate::domain::calendar::NamedPeriod) -> String {
        self.t_or(&format!("period-{}", p.slug_en()), p.label())
    }

    /// How dates are written in this language.
    pub fn dates(self) -> crate::domain::calendar::DateLocale {
        match self {
            Lang::De => crate::domain::calendar::DateLocale::De,
            Lang::En => crate::domain::calendar::DateLocale::En,
        }
    }

    /// The language of the request being answered (German outside a request).
    pub fn current() -> Lang {
        REQUEST.try_with(|r| r.lang).unwrap_or_default()
    }
}

/// Every message of a form in German, one after the other (import reports, mails).
pub fn german(errors: &crate::domain::account::FieldErrors) -> String {
    errors
        .0
        .values()
        .map(|m| Lang::De.message(m))
        .collect::<Vec<_>>()
        .join(" ")
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
        return axum::response::Redirect::to(&german_target(rest)).into_response();
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

    #[test]
    fn every_language_has_the_messages_german_has() {
        assert_eq!(Lang::En.t("nav-events"), "Events");
        assert_eq!(Lang::De.t("nav-events"), "Veranstaltungen");
        assert_eq!(Lang::En.t_n("results-count", "count", 3), "3 dates");
        assert_eq!(Lang::De.t_n("results-count", "count", 1), "1 Termin");
        assert_eq!(Lang::De.t_n("results-count", "count", 7), "7 Termine");
        assert_eq!(Lang::En.t_or("category-chorus", "Chor"), "Chor");
    }

    #[test]
    fn english_has_every_german_message() {
        let ids = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with([' ', '#', '*', '[', '}']) && l.contains(" = "))
                .filter_map(|l| l.split(" = ").next().map(str::to_owned))
                .collect()
        };
        // Every `.ftl` file of a language's folder is one part of its messages.
        let all = |lang: &str| -> Vec<String> {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang);
            let mut ids_all = Vec::new();
            for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
                if entry.path().extension().is_some_and(|e| e == "ftl") {
                    ids_all.extend(ids(
                        &std::fs::read_to_string(entry.path()).unwrap_or_default()
                    ));
                }
            }
            ids_all
        };
        let de = all("de");
        let en = all("en");
        let missing: Vec<&String> = de.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing.is_empty(), "missing in English: {missing:?}");
        let extra: Vec<&String> = en.iter().filter(|k| !de.contains(k)).collect();
        assert!(extra.is_empty(), "only in English: {extra:?}");
        let mut unique = de.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), de.len(), "an id is defined twice");
        assert!(de.len() > 100, "{}", de.len());
    }
}
