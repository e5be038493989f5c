//! What a search without hits offers instead: „Meinten Sie …“ (the text with its
//! unknown words corrected, when that finds something), and the Sparten and venues whose
//! names are close to what was typed.

use crate::db::venues;
use crate::error::AppError;
use crate::search::{analyzer, similar};
use crate::web::AppState;
use crate::web::i18n::Lang;

/// A link the page offers.
pub struct Suggestion {
    pub label: String,
    pub href: String,
}

/// The offers for a search without hits.
#[derive(Default)]
pub struct Suggestions {
    /// The text as typed.
    pub query: String,
    pub did_you_mean: Option<Suggestion>,
    /// Sparten first, then venues.
    pub links: Vec<Suggestion>,
}

/// Most links offered.
const MAX_LINKS: usize = 6;

/// Whether a word typed and a word of a name are close: the same, one the start of the
/// other, the name's word inside a compound typed (`Theaterstück` → Theater), or a typo.
fn close(typed: &str, name: &str) -> bool {
    let (t, n) = (typed.chars().count(), name.chars().count());
    if t < 3 || n < 3 {
        return false;
    }
    typed == name
        || (t >= 4 && name.starts_with(typed))
        || (n >= 4 && typed.starts_with(name))
        || (n >= 5 && typed.contains(name))
        || similar(typed, name)
}

fn matches(typed: &[String], name: &str) -> bool {
    let name_words: Vec<String> = analyzer::words(name)
        .into_iter()
        .map(|w| w.folded)
        .filter(|w| w != "bochum")
        .collect();
    typed.iter().any(|t| name_words.iter().any(|n| close(t, n)))
}

pub async fn for_text(state: &AppState, text: &str) -> Result<Suggestions, AppError> {
    let lang = Lang::current();
    let typed: Vec<String> = analyzer::words(text)
        .into_iter()
        .map(|w| w.folded)
        .collect();
    let did_you_mean = state
        .search
        .did_you_mean(text)
        .await?
        .map(|corrected| Suggestion {
            href: crate::web::query::url("/veranstaltungen", &[("q", corrected.clone())]),
            label: corrected,
        });
    let mut links: Vec<Suggestion> = state
        .categories
        .list()
        .iter()
        .filter(|c| matches(&typed, &c.name) || matches(&typed, &c.name_en))
        .map(|c| Suggestion {
            label: c.name_in(lang.dates()).to_owned(),
            href: format!("/sparten/{}", c.slug),
        })
        .collect();
    for v in venues::all(&state.db).await? {
        if links.len() >= MAX_LINKS {
            break;
        }
        if matches(&typed, &v.name) {
            links.push(Suggestion {
                label: v.name,
                href: format!("/orte/{}", v.slug),
            });
        }
    }
    links.truncate(MAX_LINKS);
    Ok(Suggestions {
        query: text.to_owned(),
        did_you_mean,
        links,
    })
}
