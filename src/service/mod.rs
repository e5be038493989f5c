//! What happens when something changes: one function per use case, for every writer
//! (the web pages, the API, importers, jobs and the demo). A use case takes the narrow
//! [`Services`] handle, decides by the domain's rules, writes through `db/` and records
//! what happened in the outbox in the same transaction; the consumers in `jobs/` do the
//! rest (search index, page cache, notifications, webhooks), exactly once.

pub mod articles;
pub mod comments;
pub mod dates;
pub mod events;
pub mod mailings;
pub mod newsletters;
pub mod notify;
pub mod social;
pub mod subscribers;

use crate::clock::SharedClock;
use crate::db::{Db, DbError};
use crate::jobs::Jobs;
use crate::mail::Mailer;
use crate::search::{SearchError, SearchIndex};

/// What use cases may reach: the database, the search index, the mailer, the clock, the
/// base URL and the job queue — not the web layer's whole state.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub search: SearchIndex,
    pub mailer: Mailer,
    pub clock: SharedClock,
    /// Public base URL without trailing slash, for absolute links in mails and payloads.
    pub base_url: String,
    pub jobs: Jobs,
    /// What webhooks may be delivered to (the fetch guard's policy).
    pub fetch: crate::fetch::FetchPolicy,
    /// How mailings are sent (rate, batch size).
    pub mail_limits: crate::mail::Limits,
}

impl Services {
    /// Services for commands that write but serve nothing (imports on the command line,
    /// the demo's seed): the portal's instances follow what they record.
    pub fn detached(db: Db, clock: SharedClock) -> anyhow::Result<Services> {
        Ok(Services {
            db,
            search: SearchIndex::empty()?,
            mailer: Mailer::new(
                None,
                crate::mail::DEFAULT_FROM,
                std::path::Path::new("data/mails"),
            )?,
            clock,
            base_url: String::new(),
            jobs: Jobs::detached(),
            fetch: crate::fetch::FetchPolicy::default(),
            mail_limits: crate::mail::Limits::default(),
        })
    }

    pub fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }

    /// After a commit that recorded changes: this instance's own consumers (search index,
    /// page cache, Sparten) catch up and the shared jobs run — before the writer goes on
    /// in tests and commands, in `serve` a moment later in the background loop, where
    /// writes that come together share one index commit (see [`crate::jobs::Jobs::committed`]).
    pub async fn committed(&self) -> Result<(), ServiceError> {
        self.jobs.committed(self).await
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("not found")]
    NotFound,
    /// A mail could not be put together (a template failed).
    #[error("{0}")]
    Mail(String),
}

/// Records a change that was written elsewhere (a venue's or an organisation's data, the
/// Sparten) so that every instance's index and cache follow. Written in its own
/// transaction right after the data; a crash in between costs only freshness, which
/// every start restores (the index is built from the database).
pub async fn announce(
    svc: &Services,
    change: &crate::domain::change::Change,
) -> Result<(), ServiceError> {
    let mut tx = svc.db.begin().await?;
    events::record(&mut tx, change, svc.now()).await?;
    tx.commit().await?;
    // Rare and made by people who look at the result next (a new Sparte on the admins'
    // page): this instance follows before it answers, also in `serve`, where event writes
    // leave it to the background loop.
    svc.jobs.follow(svc).await?;
    svc.committed().await
}
