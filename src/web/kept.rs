//! What pages make from the database per event, date or search — list cards
//! (`web::cards`), the API's event objects, event pages' parts, a search's ranked hits —
//! kept until a change.
//!
//! Every applied change moves the search index's generation, on every instance (the page
//! cache and `web::totals` rely on the same), so what was made for one generation is
//! right until the next. Readers take the generation *before* they read the database:
//! something made from data older than a change is then never kept under the generation
//! after it. Unlike the page cache this serves every visitor — logged in or not, any
//! filter, any page — because it keeps parts, not pages.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// A part is made again after this long even when no change was announced (a net under
/// writes that forget to announce; announced changes take effect at once).
pub const MAX_AGE_SECONDS: i64 = 60;

/// Up to `CAPACITY` parts made for the latest generation seen, each with when it was made
/// (Unix seconds); when full, all are forgotten and the next requests make theirs again.
pub struct Kept<K, V, const CAPACITY: usize> {
    entries: Mutex<Entries<K, V>>,
}

/// The generation the parts were made for, and each part with when it was made.
struct Entries<K, V> {
    generation: u64,
    parts: HashMap<K, (i64, V)>,
}

impl<K, V, const CAPACITY: usize> Default for Kept<K, V, CAPACITY> {
    fn default() -> Self {
        Kept {
            entries: Mutex::new(Entries {
                generation: 0,
                parts: HashMap::new(),
            }),
        }
    }
}

impl<K: Eq + Hash + Clone, V: Clone, const CAPACITY: usize> Kept<K, V, CAPACITY> {
    /// The parts of `keys` made for `generation` less than [`MAX_AGE_SECONDS`] before
    /// `now` (`None` where there is none).
    pub fn take(&self, generation: u64, now: i64, keys: &[K]) -> Vec<Option<V>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.generation != generation {
            return vec![None; keys.len()];
        }
        keys.iter()
            .map(|k| {
                entries
                    .parts
                    .get(k)
                    .filter(|(made, _)| (0..MAX_AGE_SECONDS).contains(&(now - made)))
                    .map(|(_, part)| part.clone())
            })
            .collect()
    }

    /// Keeps parts made for `generation` at `now`; parts of an older generation are
    /// forgotten, and parts made for one older than the kept ones are not kept.
    pub fn keep(&self, generation: u64, now: i64, parts: Vec<(K, V)>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if generation < entries.generation {
            return;
        }
        if generation > entries.generation || entries.parts.len() + parts.len() > CAPACITY {
            entries.parts.clear();
            entries.generation = generation;
        }
        entries
            .parts
            .extend(parts.into_iter().map(|(key, part)| (key, (now, part))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_kept_for_its_generation_and_a_minute() {
        let kept: Kept<i64, &str, 3> = Kept::default();
        kept.keep(5, 1_000, vec![(1, "eins"), (2, "zwei")]);
        assert_eq!(
            kept.take(5, 1_059, &[1, 2, 3]),
            vec![Some("eins"), Some("zwei"), None]
        );
        assert_eq!(kept.take(5, 1_060, &[1]), vec![None], "a minute old");
        assert_eq!(kept.take(5, 999, &[1]), vec![None], "a clock set back");
        assert_eq!(kept.take(6, 1_001, &[1]), vec![None], "a change since");
    }

    #[test]
    fn a_newer_generation_forgets_and_an_older_one_is_not_kept() {
        let kept: Kept<i64, &str, 3> = Kept::default();
        kept.keep(5, 1_000, vec![(1, "alt")]);
        kept.keep(6, 1_000, vec![(2, "neu")]);
        assert_eq!(kept.take(6, 1_000, &[1, 2]), vec![None, Some("neu")]);
        // Made from data read before the change that made generation 6.
        kept.keep(5, 1_000, vec![(1, "alt")]);
        assert_eq!(kept.take(6, 1_000, &[1]), vec![None]);
        assert_eq!(kept.take(5, 1_000, &[1]), vec![None]);
    }

    #[test]
    fn a_full_store_starts_again() {
        let kept: Kept<i64, i64, 3> = Kept::default();
        kept.keep(1, 0, vec![(1, 1), (2, 2)]);
        kept.keep(1, 0, vec![(3, 3), (4, 4)]);
        assert_eq!(
            kept.take(1, 0, &[1, 2, 3, 4]),
            vec![None, None, Some(3), Some(4)]
        );
    }
}
