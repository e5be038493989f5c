//! Finding events with tantivy: German full-text search, and the filter facets that let
//! a rare combination of filters find its few events without scanning every date. The
//! database stays the source of truth: `serve` keeps the index on disk ([`disk`]) and at
//! start opens it and applies what the outbox recorded since; it is built from the
//! database when it is missing, unreadable, of another version, or the outbox no longer
//! reaches back to it (tests and commands build one in a temporary folder). Every change
//! recorded in the outbox indexes the events it names again (`jobs::local`), on every
//! instance.

pub mod analyzer;
mod build;
mod collect;
pub mod disk;
mod query;
mod suggest;
mod unsynced;

pub use suggest::similar;

use crate::db::{Db, DbError, event_details, search_source};
use crate::domain::filter::EventFilter;
use build::Built;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use tantivy::collector::TopDocs;
use tokio::sync::RwLock;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Most hits one text search returns (the list shows them ranked; narrow the filter for more).
pub const MAX_HITS: usize = 1_000;

/// Up to this many matching events, a filter is answered from the index's list of ids;
/// above it the matches are dense enough that walking the dates in time order is faster.
pub const SPARSE_LIMIT: usize = 3_000;

/// Which events a filter can match.
#[derive(Debug, Clone, PartialEq)]
pub enum Candidates {
    /// Too many to list: let the database walk the dates in time order.
    Any,
    /// Exactly these events (best first when the filter has a text).
    Only(Vec<i64>),
}

impl Candidates {
    pub fn ids(&self) -> Option<&[i64]> {
        match self {
            Candidates::Any => None,
            Candidates::Only(ids) => Some(ids),
        }
    }
}

/// The event index, swappable as a whole when rebuilt.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<RwLock<Arc<Built>>>,
    sparse_limit: Arc<AtomicUsize>,
    /// Moves on with every rebuild or update: whatever was derived before is stale.
    generation: Arc<AtomicU64>,
    /// One writer at a time (tantivy allows one; updates and rebuilds take turns).
    writing: Arc<tokio::sync::Mutex<()>>,
    /// This instance's folder when the index is kept on disk.
    slot: Option<Arc<disk::Slot>>,
    /// Full builds since the process started (`/metrics`, and tests of a fast start).
    builds: Arc<AtomicU64>,
}

/// How [`SearchIndex::open`] came by its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The index on disk, complete up to this outbox id (the rest is caught up).
    FromDisk { outbox: i64 },
    /// Built from the database, for this reason.
    Built { reason: String, outbox: i64 },
}

impl Opened {
    /// The outbox id up to which the index is complete.
    pub fn outbox(&self) -> i64 {
        match self {
            Opened::FromDisk { outbox } | Opened::Built { outbox, .. } => *outbox,
        }
    }
}

/// Memory of the writer of one update (tantivy's minimum per thread; updates are small).
const WRITER_MEMORY: usize = 15_000_000;

impl SearchIndex {
    fn of(built: build::Built, slot: Option<Arc<disk::Slot>>, builds: u64) -> SearchIndex {
        SearchIndex {
            inner: Arc::new(RwLock::new(Arc::new(built))),
            sparse_limit: Arc::new(AtomicUsize::new(SPARSE_LIMIT)),
            generation: Arc::new(AtomicU64::new(1)),
            writing: Arc::new(tokio::sync::Mutex::new(())),
            slot,
            builds: Arc::new(AtomicU64::new(builds)),
        }
    }

    /// Builds the index from every published event in the database (in a temporary
    /// folder); returns it with the outbox id it is complete up to.
    pub async fn build(db: &Db) -> Result<(SearchIndex, i64), SearchError> {
        // What the outbox holds before the first event is read: later changes are
        // applied to the index afterwards.
        let seen = crate::db::outbox::latest(db).await?;
        Ok((
            SearchIndex::of(build::build(db, seen, None).await?, None, 1),
            seen,
        ))
    }

    /// The index kept in `dir` (this instance's own folder under it): opened as it was
    /// left when it is usable and the outbox still holds every change since, else built.
    pub async fn open(
        db: &Db,
        dir: &std::path::Path,
    ) -> Result<(SearchIndex, Opened), SearchError> {
        let slot = Arc::new(disk::Slot::claim(dir)?);
        let latest = crate::db::outbox::latest(db).await?;
        let reason = match slot.current() {
            None => "there is none yet".to_owned(),
            Some(folder) => match build::open(&folder) {
                Err(why) => format!("the index in {} is unusable: {why}", folder.display()),
                Ok((built, outbox)) => {
                    if crate::db::outbox::reaches_back(db, outbox, latest).await? {
                        let index = SearchIndex::of(built, Some(slot), 0);
                        return Ok((index, Opened::FromDisk { outbox }));
                    }
                    format!(
                        "the outbox no longer holds every change since {outbox} (latest {latest})"
                    )
                }
            },
        };
        let folder = slot.fresh()?;
        let built = build::build(db, latest, Some(&folder)).await?;
        slot.switch_to(&folder)?;
        let index = SearchIndex::of(built, Some(slot), 1);
        Ok((
            index,
            Opened::Built {
                reason,
                outbox: latest,
            },
        ))
    }

    /// An index without documents (commands that write but serve nothing).
    pub fn empty() -> Result<SearchIndex, SearchError> {
        Ok(SearchIndex::of(build::empty()?, None, 0))
    }

    /// Full builds since the process started (the first one included).
    pub fn builds(&self) -> u64 {
        self.builds.load(Ordering::Relaxed)
    }

    /// The folder the index is kept in (`None`: a temporary one).
    pub async fn folder(&self) -> Option<std::path::PathBuf> {
        self.inner.read().await.folder.clone()
    }

    /// Whether the index holds exactly the published events of the database (after
    /// catching up at start: events written around the outbox, such as `seed`, are not
    /// in it otherwise).
    pub async fn matches(&self, db: &Db) -> Result<bool, SearchError> {
        let docs = self.inner.read().await.reader.searcher().num_docs();
        Ok(docs == search_source::count(db).await?)
    }

    /// The current generation (see [`crate::web::cache`]).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Changes the [`SPARSE_LIMIT`] (tests compare both strategies with it).
    pub fn set_sparse_limit(&self, limit: usize) {
        self.sparse_limit.store(limit, Ordering::Relaxed);
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Rebuilds from the database and swaps the new index in; searches keep working
    /// meanwhile. `seen` is the outbox id read before (the index is complete up to it).
    pub async fn rebuild_at(&self, db: &Db, seen: i64) -> Result<(), SearchError> {
        let _writing = self.writing.lock().await;
        // The kept writer of the index being replaced stops first (its merges too): its
        // folder may be removed below.
        let old = self.inner.read().await.clone();
        drop(
            old.writer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take(),
        );
        let fresh = match &self.slot {
            Some(slot) => {
                let folder = slot.fresh()?;
                let built = build::build(db, seen, Some(&folder)).await?;
                slot.switch_to(&folder)?;
                built
            }
            None => build::build(db, seen, None).await?,
        };
        *self.inner.write().await = Arc::new(fresh);
        self.builds.fetch_add(1, Ordering::Relaxed);
        self.generation.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    /// [`SearchIndex::rebuild_at`] the outbox's latest id.
    pub async fn rebuild(&self, db: &Db) -> Result<(), SearchError> {
        let seen = crate::db::outbox::latest(db).await?;
        self.rebuild_at(db, seen).await
    }

    /// Indexes these events again from the database (a published one gets its fresh
    /// document, any other is dropped) — what a change costs, instead of a rebuild.
    /// Whatever was derived from the index before is stale afterwards, also when `ids`
    /// is empty (a change that touched no event, such as a profile's text).
    /// `outbox` is the id up to which the index is complete after this update (kept
    /// with the commit, so that the next start catches up from there).
    pub async fn update(&self, db: &Db, ids: &[i64], outbox: i64) -> Result<(), SearchError> {
        if !ids.is_empty() {
            let docs = search_source::of_ids(db, ids).await?;
            let _writing = self.writing.lock().await;
            let built = self.inner.read().await.clone();
            let mut kept = built
                .writer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let writer = match kept.as_mut() {
                Some(w) => w,
                None => kept.insert(
                    built
                        .index
                        .writer_with_num_threads::<tantivy::TantivyDocument>(1, WRITER_MEMORY)?,
                ),
            };
            let written = (|| {
                for id in ids {
                    writer.delete_term(tantivy::Term::from_field_i64(built.fields.id, *id));
                }
                for e in &docs {
                    writer.add_document(build::document(&built.fields, e))?;
                }
                let mut commit = writer.prepare_commit()?;
                commit.set_payload(&disk::Payload::at(outbox));
                commit.commit()
            })();
            if let Err(e) = written {
                // A writer that failed is not trusted again: the next update makes a new one.
                *kept = None;
                return Err(e.into());
            }
            drop(kept);
            built.reader.reload()?;
        }
        self.generation.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    /// Rebuilds when the events in the database changed since the last build (for
    /// instances that share a PostgreSQL database). Returns whether it rebuilt.
    pub async fn refresh_if_changed(&self, db: &Db) -> Result<bool, SearchError> {
        let current = event_details::fingerprint(db).await?;
        if self.inner.read().await.fingerprint == current {
            return Ok(false);
        }
        self.rebuild(db).await?;
        Ok(true)
    }

    /// „Meinten Sie …“: the text with each unknown word replaced by the nearest word of
    /// the index, when that finds something (see [`suggest`]).
    pub async fn did_you_mean(&self, text: &str) -> Result<Option<String>, SearchError> {
        let built = self.inner.read().await.clone();
        suggest::did_you_mean(&built, text)
    }

    /// The events `filter` can match. With a text, the best [`MAX_HITS`] in order of
    /// relevance (every word must match: as itself, a prefix, a compound part, or with one
    /// typo in words of five letters or more). Without, the ids when they are few.
    pub async fn find(&self, filter: &EventFilter) -> Result<Candidates, SearchError> {
        let built = self.inner.read().await.clone();
        let facets = query::facets(&built.fields, filter);
        let searcher = built.reader.searcher();
        let text = filter
            .text
            .as_deref()
            .map(|t| query::text(&built.fields, &searcher, t));
        match text {
            Some(None) => Ok(Candidates::Only(Vec::new())),
            Some(Some(text)) => {
                let q = query::all_of(std::iter::once(text).chain(facets));
                let top = searcher.search(&q, &TopDocs::with_limit(MAX_HITS))?;
                Ok(Candidates::Only(
                    built.ids(&searcher, top.into_iter().map(|(_, a)| a))?,
                ))
            }
            None if facets.is_empty() => Ok(Candidates::Any),
            None => {
                let q = query::all_of(facets);
                let limit = self.sparse_limit.load(Ordering::Relaxed);
                let found = searcher.search(&q, &collect::Matches { limit })?;
                if found.count > limit {
                    return Ok(Candidates::Any);
                }
                Ok(Candidates::Only(
                    built.ids(&searcher, found.addresses.into_iter())?,
                ))
            }
        }
    }
}
