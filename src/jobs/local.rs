//! This instance's own consumers: the search index (only the events a change names are
//! indexed again), the page cache (its generation moves on with every change) and the
//! Sparten. Every instance follows the outbox by id. On PostgreSQL ids are handed out
//! before commit, so a transaction may commit a lower id after a higher one was seen: the
//! follower remembers the ids it applied above its low-water mark and waits for the gaps
//! below them (a gap that stays for [`GAP_PATIENCE`] was a rolled-back transaction).

use crate::db::categories::Categories;
use crate::db::{self, Db};
use crate::domain::change::ChangeKind;
use crate::service::{ServiceError, Services};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// How long a gap in the outbox ids is waited for.
const GAP_PATIENCE: Duration = Duration::from_secs(30);
/// Changes read at once.
const PAGE: i64 = 1000;

/// How far this instance has applied the outbox.
pub struct Follower {
    /// Every change up to here is applied.
    low: i64,
    /// Applied changes above `low` (there are gaps below them).
    seen: BTreeSet<i64>,
    /// Since when the lowest gap is open.
    gap_since: Option<Instant>,
}

impl Follower {
    /// Every change up to this id is applied.
    pub fn low(&self) -> i64 {
        self.low
    }

    pub fn new(low: i64) -> Follower {
        Follower {
            low,
            seen: BTreeSet::new(),
            gap_since: None,
        }
    }

    /// Reads what was recorded since the last call and applies it. Returns whether there
    /// was anything.
    pub async fn catch_up(
        &mut self,
        svc: &Services,
        categories: &Categories,
    ) -> Result<bool, ServiceError> {
        let mut any = false;
        loop {
            let page = db::outbox::since(&svc.db, self.low, PAGE).await?;
            let full = page.len() as i64 == PAGE;
            let fresh: Vec<_> = page
                .into_iter()
                .filter(|r| !self.seen.contains(&r.id))
                .collect();
            if fresh.is_empty() {
                self.advance();
                return Ok(any);
            }
            any = true;
            let complete = self.low_after(fresh.iter().map(|r| r.id));
            apply(svc, categories, &fresh, complete).await?;
            self.seen.extend(fresh.iter().map(|r| r.id));
            self.advance();
            if !full {
                return Ok(any);
            }
        }
    }

    /// Up to where every change will be applied once `fresh` is (what the index on disk
    /// records with its commit; a gap still open is not passed).
    fn low_after(&self, fresh: impl Iterator<Item = i64>) -> i64 {
        let ids: BTreeSet<i64> = self.seen.iter().copied().chain(fresh).collect();
        let mut low = self.low;
        while ids.contains(&(low + 1)) {
            low += 1;
        }
        low
    }

    /// Moves the low-water mark over applied ids, and over a gap that stayed too long.
    fn advance(&mut self) {
        loop {
            while self.seen.remove(&(self.low + 1)) {
                self.low += 1;
            }
            let Some(&next) = self.seen.first() else {
                self.gap_since = None;
                return;
            };
            let since = *self.gap_since.get_or_insert_with(Instant::now);
            if since.elapsed() < GAP_PATIENCE {
                return;
            }
            // Rolled back: nothing will ever commit between here and `next`.
            self.low = next - 1;
            self.gap_since = None;
        }
    }
}

/// Applies changes to this instance: the events they name are indexed again (or
/// dropped), the page cache forgets, the Sparten are read again when they changed.
async fn apply(
    svc: &Services,
    categories: &Categories,
    changes: &[db::outbox::Recorded],
    complete: i64,
) -> Result<(), ServiceError> {
    let mut events: Vec<i64> = Vec::new();
    for r in changes {
        let c = &r.change;
        match c.kind {
            k if k.is_about_an_event() => events.push(c.subject),
            ChangeKind::OrganizationChanged => {
                events.extend(db::events::ids_of_organization(&svc.db, c.subject).await?)
            }
            ChangeKind::VenueChanged => {
                events.extend(db::events::ids_at_venue(&svc.db, c.subject).await?)
            }
            ChangeKind::CategoriesChanged => categories.reload(&svc.db).await?,
            _ => {}
        }
    }
    events.sort_unstable();
    events.dedup();
    svc.search.update(&svc.db, &events, complete).await?;
    Ok(())
}

/// On PostgreSQL, a listener for the outbox's announcements (none on SQLite).
pub async fn listen(db: &Db) -> Option<sqlx::postgres::PgListener> {
    let Db::Postgres(pool) = db else {
        return None;
    };
    match sqlx::postgres::PgListener::connect_with(pool).await {
        Ok(mut l) => match l.listen(db::outbox::CHANNEL).await {
            Ok(()) => Some(l),
            Err(e) => {
                tracing::warn!(error = %e, "LISTEN failed; polling the outbox");
                None
            }
        },
        Err(e) => {
            tracing::warn!(error = %e, "no listener connection; polling the outbox");
            None
        }
    }
}

/// Waits for an announcement, at most `poll`.
pub async fn announced(listener: &mut Option<sqlx::postgres::PgListener>, poll: Duration) {
    match listener {
        Some(l) => {
            if let Ok(Err(e)) = tokio::time::timeout(poll, l.recv()).await {
                // The listener reconnects on its next call; until then, poll.
                tracing::warn!(error = %e, "outbox listener lost its connection");
                tokio::time::sleep(poll).await;
            }
        }
        None => tokio::time::sleep(poll).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_low_water_mark_waits_for_gaps() {
        let mut f = Follower::new(10);
        f.seen.extend([11, 12]);
        assert_eq!(f.low_after([14].into_iter()), 12);
        f.seen.insert(14);
        f.advance();
        assert_eq!(f.low, 12, "13 is not committed yet");
        assert!(f.seen.contains(&14));
        f.seen.insert(13);
        f.advance();
        assert_eq!(f.low, 14);
        assert!(f.seen.is_empty());
        // A gap that stays too long was rolled back.
        f.seen.insert(17);
        f.gap_since = Instant::now().checked_sub(GAP_PATIENCE + Duration::from_secs(1));
        f.advance();
        assert_eq!(f.low, 17);
    }
}
