//! Remembered totals of lists („1.666 Termine – Seite 1 von 42“).
//!
//! Counting every date a filter selects walks all of them, so its cost grows with the
//! calendar. A total only changes when events change (the search index's generation moves
//! on every applied change, on every instance) or when dates pass; so a total is kept per
//! filter until either happens, and dates passing are allowed to show a minute late. The
//! first request for a filter pays the count, repeated and paged ones do not. When a total
//! is older than that minute (and no event changed), it is still shown while one request
//! counts again in the background: counting every date of a large calendar takes a few
//! hundred milliseconds, which no visitor should wait for because dates ended.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// How long a total may lag behind dates that end (it never lags behind changed events).
pub const MAX_AGE_SECONDS: i64 = 60;

/// At most this many filters are remembered; when full, the oldest half is forgotten.
const CAPACITY: usize = 2_048;

#[derive(Clone, Copy)]
struct Entry {
    generation: u64,
    counted_at: i64,
    total: i64,
}

/// How long a total of the current generation may be shown while it is counted again.
pub const STALE_SECONDS: i64 = 600;

#[derive(Default)]
pub struct Totals {
    entries: Mutex<HashMap<String, Entry>>,
    /// Filters being counted again in the background (one count per filter at a time).
    recounting: Mutex<HashSet<String>>,
}

/// A remembered total that may be shown but should be counted again.
pub struct Stale(pub i64);

impl Totals {
    /// The remembered total of `key` if it was counted for this `generation` less than
    /// [`MAX_AGE_SECONDS`] before `now` (Unix seconds).
    pub fn get(&self, key: &str, generation: u64, now: i64) -> Option<i64> {
        self.counted_within(key, generation, now, MAX_AGE_SECONDS)
    }

    /// A total of this `generation` less than [`STALE_SECONDS`] old, to show while it is
    /// counted again (when [`Totals::get`] has none).
    pub fn stale(&self, key: &str, generation: u64, now: i64) -> Option<Stale> {
        self.counted_within(key, generation, now, STALE_SECONDS)
            .map(Stale)
    }

    fn counted_within(&self, key: &str, generation: u64, now: i64, seconds: i64) -> Option<i64> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|e| e.generation == generation && (0..seconds).contains(&(now - e.counted_at)))
            .map(|e| e.total)
    }

    /// Whether the caller is the one to count `key` again (no other count of it runs).
    pub fn start_recount(&self, key: &str) -> bool {
        let mut recounting = self.recounting.lock().unwrap_or_else(|e| e.into_inner());
        recounting.len() < CAPACITY && recounting.insert(key.to_owned())
    }

    /// A background count of `key` ended (with or without a total to [`Totals::put`]).
    pub fn end_recount(&self, key: &str) {
        let mut recounting = self.recounting.lock().unwrap_or_else(|e| e.into_inner());
        recounting.remove(key);
    }

    pub fn put(&self, key: String, generation: u64, now: i64, total: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY && !entries.contains_key(&key) {
            let mut ages: Vec<i64> = entries.values().map(|e| e.counted_at).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            entries.retain(|_, e| e.counted_at > cut && e.generation == generation);
        }
        entries.insert(
            key,
            Entry {
                generation,
                counted_at: now,
                total,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_is_kept_until_events_change_or_a_minute_passes() {
        let t = Totals::default();
        t.put("sparte=musik".into(), 7, 1_000, 42);
        assert_eq!(t.get("sparte=musik", 7, 1_000), Some(42));
        assert_eq!(t.get("sparte=musik", 7, 1_059), Some(42));
        assert_eq!(t.get("sparte=musik", 7, 1_060), None, "a minute old");
        assert_eq!(t.get("sparte=musik", 8, 1_001), None, "events changed");
        assert_eq!(t.get("sparte=theater", 7, 1_001), None);
        // A clock set back does not make an old total look new.
        assert_eq!(t.get("sparte=musik", 7, 999), None);
    }

    #[test]
    fn an_old_total_is_shown_while_one_request_counts_again() {
        let t = Totals::default();
        t.put("sparte=musik".into(), 7, 1_000, 42);
        assert_eq!(t.get("sparte=musik", 7, 1_060), None);
        assert_eq!(t.stale("sparte=musik", 7, 1_060).map(|s| s.0), Some(42));
        assert!(
            t.stale("sparte=musik", 8, 1_060).is_none(),
            "events changed"
        );
        assert!(t.stale("sparte=musik", 7, 1_000 + STALE_SECONDS).is_none());
        assert!(t.start_recount("sparte=musik"));
        assert!(!t.start_recount("sparte=musik"), "one count at a time");
        t.end_recount("sparte=musik");
        assert!(t.start_recount("sparte=musik"));
    }

    #[test]
    fn a_full_memory_forgets_the_oldest_half() {
        let t = Totals::default();
        for i in 0..CAPACITY as i64 {
            t.put(format!("k{i}"), 1, i, i);
        }
        t.put("new".into(), 1, 5_000, 1);
        let entries = t.entries.lock().unwrap_or_else(|e| e.into_inner());
        assert!(entries.len() <= CAPACITY / 2 + 1, "{}", entries.len());
        assert!(entries.contains_key("new"));
        assert!(!entries.contains_key("k0"));
        assert!(entries.contains_key(&format!("k{}", CAPACITY - 1)));
    }
}
