//! What every page's frame needs: the title, the asset URLs, and the language.

use super::assets;
use super::i18n;
use crate::i18n::Lang;

pub struct Layout {
    pub title: String,
    pub css: &'static str,
    pub htmx: &'static str,
    pub enhance: &'static str,
    /// The path of the page, for `aria-current` in the navigation.
    pub section: &'static str,
    /// The language of the interface for this request.
    pub lang: Lang,
    /// Whether the page's own content is written in `lang`; pages not yet translated
    /// keep German content, marked `lang="de"` inside the translated frame.
    pub translated: bool,
    /// The same page in the other languages: (code, own name, href).
    pub alternates: Vec<(&'static str, &'static str, String)>,
    /// The same page in the language the browser prefers: (code, href, words in that
    /// language).
    pub suggestion: Option<(&'static str, String, String)>,
}

impl Layout {
    pub fn new(title: impl Into<String>) -> Layout {
        let lang = Lang::current();
        let mut path = i18n::current_path();
        // An overlong query (which the page refuses anyway) is not echoed into links.
        if path.len() > 400 {
            let mut cut = path.find('?').unwrap_or(path.len()).min(400);
            while !path.is_char_boundary(cut) {
                cut -= 1;
            }
            path.truncate(cut);
        }
        let alternates: Vec<(&'static str, &'static str, String)> = Lang::ALL
            .into_iter()
            .filter(|l| *l != lang)
            .map(|l| {
                // German is linked with its explicit prefix (it redirects to the bare
                // path), so that every link to a page on an English page names its
                // language and a bare one there is a mistake a test can find.
                let prefix = if l == Lang::De { "/de" } else { l.prefix() };
                (l.code(), l.name(), format!("{prefix}{path}"))
            })
            .collect();
        let suggestion = i18n::suggested().and_then(|s| {
            alternates
                .iter()
                .find(|(code, _, _)| *code == s.code())
                .map(|(code, _, href)| (*code, href.clone(), s.t("page-also-in")))
        });
        Layout {
            suggestion,
            title: title.into(),
            css: assets::css_path(),
            htmx: assets::htmx_path(),
            enhance: assets::enhance_path(),
            section: "",
            lang,
            translated: lang == Lang::De,
            alternates,
        }
    }

    pub fn in_section(mut self, section: &'static str) -> Layout {
        self.section = section;
        self
    }

    /// Marks the page's content as written in every language of the interface.
    pub fn translated(mut self) -> Layout {
        self.translated = true;
        self
    }

    /// Whether German text people wrote must be marked `lang="de"` on this page.
    pub fn marks_german(&self) -> bool {
        self.lang != Lang::De
    }

    /// A link to `path` from this page: in the page's language when it is a page, as it
    /// is when it is data ([`Lang::href`]).
    pub fn href(&self, path: impl std::fmt::Display) -> String {
        self.lang.href(path)
    }

    /// A message of the interface in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A message with a number.
    pub fn t_n(&self, key: &str, n: usize) -> String {
        self.lang.t_n(key, "count", n as i64)
    }

    /// A message with a count (askama hands template values by reference).
    pub fn t_nr(&self, key: &str, n: &i64) -> String {
        self.lang.t_count(key, *n)
    }

    /// A Sparte's name in the page's language.
    pub fn sparte<'a>(&self, c: &'a crate::domain::category::Category) -> &'a str {
        c.name_in(self.lang.dates())
    }

    /// The house rules of `/regeln` in the page's language (moderators cite them).
    pub fn house_rules(&self) -> Vec<crate::web::association::RuleView> {
        crate::web::association::rules(self.lang)
    }

    /// The `lang` of the page's content.
    pub fn content_lang(&self) -> &'static str {
        if self.translated {
            self.lang.code()
        } else {
            Lang::De.code()
        }
    }
}
