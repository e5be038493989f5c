//! Languages of the portal: [`Lang`] and its Fluent messages, shared by the web pages,
//! mails, error pages and importers. German is the default; the texts live in
//! `locales/{de,en}/*.ftl`, one folder per language (one file per area of the portal),
//! so a further language is a folder and one line in [`Lang`], not code in every page.
//!
//! English pages live under `/en`; [`Lang::href`] gives a path the prefix of the page's
//! language when templates render, and leaves data (`/static`, `/medien`, `/api`, feeds,
//! files) with its one address. The HTTP side (taking the prefix off, the request's
//! language) is `web::i18n`.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;
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

    /// `path` as a link from a page in this language: the portal's pages get the
    /// language's prefix (`/en/veranstaltungen`); data, files and other sites keep their
    /// one address (see [`is_page`]). Templates build every link with it:
    /// `href="{{ layout.href("/orte/" ~ slug) }}"`.
    pub fn href(self, path: impl Display) -> String {
        let path = path.to_string();
        let prefix = self.prefix();
        if prefix.is_empty() || !is_page(&path) {
            return path;
        }
        format!("{prefix}{path}")
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

    /// A whole number with the language's digit grouping: „1.666“, "1,666".
    pub fn number(self, n: i64) -> String {
        let sep = match self {
            Lang::De => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// The message `key` with a count: `$count` chooses the plural form, `$shown` is
    /// the count with digit grouping („1.666 Termine“).
    pub fn t_count(self, key: &str, n: i64) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = [
            (Cow::Borrowed("count"), FluentValue::from(n)),
            (Cow::Borrowed("shown"), FluentValue::from(self.number(n))),
        ]
        .into();
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
}

/// Whether a link target is a page of the portal, which exists in every language:
/// a path of ours (`/…`, not `//host`) that has no language yet and is no data. Data has
/// one address for all: assets, media, the JSON API, feeds and other files (page slugs
/// have no dots, files do: `.ics`, `.rss`, `.csv`), the embeddable list.
pub fn is_page(target: &str) -> bool {
    const DATA: [&str; 8] = [
        "/static/",
        "/medien/",
        "/media/",
        "/api/",
        "/healthz",
        "/feeds/",
        "/einbetten",
        "/sitemap",
    ];
    let path = target.split(['?', '#']).next().unwrap_or(target);
    let first = path.split('/').nth(1).unwrap_or("");
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !Lang::ALL.iter().any(|l| l.code() == first)
        && !DATA.iter().any(|d| path.starts_with(d))
        && !path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_pages_link_to_english_pages_and_to_data_as_it_is() {
        assert_eq!(Lang::En.href("/veranstaltungen"), "/en/veranstaltungen");
        assert_eq!(Lang::En.href("/suche?q=a&b=c#x"), "/en/suche?q=a&b=c#x");
        assert_eq!(Lang::En.href("/"), "/en/");
        assert_eq!(Lang::En.href("/?datum=heute"), "/en/?datum=heute");
        assert_eq!(
            Lang::En.href("/api"),
            "/en/api",
            "the API's documentation page"
        );
        assert_eq!(Lang::De.href("/veranstaltungen"), "/veranstaltungen");
        assert_eq!(
            Lang::En.href("/entdecken/jazzkeller"),
            "/en/entdecken/jazzkeller",
            "a path that only begins with en"
        );
        for data in [
            "/static/app.css",
            "/medien/abc-640.webp",
            "/api/v1/events",
            "/kalender.ics",
            "/veranstaltungen.rss?sparte=musik",
            "/veranstaltungen/jazz.ics",
            "/einbetten?veranstalter=x",
            "/healthz",
            "/en/veranstaltungen",
            "/en",
            "/de/orte",
            "/de?x=1",
            "//evil.example/",
            "https://example.org/",
            "mailto:a@example.org",
            "#inhalt",
        ] {
            assert_eq!(Lang::En.href(data), data);
        }
    }

    #[test]
    fn every_language_has_the_messages_german_has() {
        assert_eq!(Lang::En.t("nav-events"), "Events");
        assert_eq!(Lang::De.t("nav-events"), "Veranstaltungen");
        assert_eq!(Lang::En.t_n("results-count", "count", 3), "3 dates");
        assert_eq!(Lang::De.t_n("results-count", "count", 1), "1 Termin");
        assert_eq!(Lang::De.t_n("results-count", "count", 7), "7 Termine");
        assert_eq!(Lang::De.number(1666), "1.666");
        assert_eq!(Lang::En.number(1_234_567), "1,234,567");
        assert_eq!(Lang::De.number(42), "42");
        assert_eq!(Lang::De.t_count("dates-total", 1666), "1.666 Termine");
        assert_eq!(Lang::En.t_count("dates-total", 1), "1 date");
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
