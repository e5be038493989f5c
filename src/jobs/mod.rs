//! The consumers of the outbox. Two kinds:
//! - **this instance's own**, in [`local`]: every instance follows the outbox and brings
//!   its search index, page cache and Sparten up to date (a change made through another
//!   instance arrives within a moment: PostgreSQL announces it, and a short poll is the
//!   fallback);
//! - **shared work**, done once for the whole portal: each change queues a job per
//!   consumer that cares ([`consumers_for`]); a worker claims due jobs (one claimant per
//!   job, `FOR UPDATE SKIP LOCKED` on PostgreSQL), runs them, retries failures with
//!   back-off and gives up after [`MAX_ATTEMPTS`] (a dead letter admins can retry). A job
//!   may fan out into one job per target (a recipient, a webhook), so that one failing
//!   target is retried alone. Running a job twice does no harm: notices and mails carry
//!   the job's key.

pub mod fediverse;
pub mod local;
pub mod magazine;
pub mod mailings;
pub mod messages;
pub mod notify;
pub mod webhooks;

use crate::db::categories::Categories;
use crate::db::{self, Tx};
use crate::domain::change::{Change, ChangeKind};
use crate::service::{ServiceError, Services};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

/// How many times a job is tried before it becomes a dead letter.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claim holds: a worker that died lets its jobs go after this.
const LEASE_SECONDS: i64 = 300;
/// Jobs claimed at once.
const BATCH: i64 = 20;

/// Why a job did not finish.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth another try later (a network error, a busy database).
    #[error("{0}")]
    Retry(String),
    /// Will never work (the job names something that is gone); no retry.
    #[error("{0}")]
    GiveUp(String),
    /// Stopped in between because the instance shuts down: the job goes back to the
    /// queue at once, without counting as an attempt.
    #[error("stopped for shutdown")]
    Interrupted,
}

impl From<ServiceError> for JobError {
    fn from(e: ServiceError) -> Self {
        JobError::Retry(e.to_string())
    }
}

impl From<db::DbError> for JobError {
    fn from(e: db::DbError) -> Self {
        JobError::Retry(e.to_string())
    }
}

/// When a job that failed `attempts` times runs again: 30 s, 1 min, 2 min … at most 6 h.
pub fn backoff(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 20) - 1;
    (30_i64 << exp.min(10)).min(6 * 3600)
}

/// The shared consumers `change` needs, decided in the writer's transaction.
pub async fn consumers_for(tx: &mut Tx, change: &Change) -> Result<Vec<&'static str>, db::DbError> {
    let mut out = Vec::new();
    let facts = &change.facts;
    if change.kind == ChangeKind::EventSubmitted
        || change.kind == ChangeKind::EventRejected
        || facts.approved
    {
        out.push(notify::CONSUMER);
    }
    if magazine::wanted(change.kind) {
        out.push(magazine::CONSUMER);
    }
    if messages::wanted(change.kind) {
        out.push(messages::CONSUMER);
    }
    if change.kind.is_public()
        && !facts.organizations.is_empty()
        && db::webhooks::any_active(tx, &facts.organizations).await?
    {
        out.push(webhooks::CONSUMER);
    }
    if fediverse::needed(tx, change).await? {
        out.push(fediverse::CONSUMER);
    }
    Ok(out)
}

/// This instance's handle on the queue: its own consumers and the shared worker.
#[derive(Clone)]
pub struct Jobs {
    inner: Arc<Inner>,
}

struct Inner {
    /// `None` for a handle without consumers of its own (see [`Jobs::detached`]).
    local: Option<tokio::sync::Mutex<local::Follower>>,
    categories: Categories,
    wake: tokio::sync::Notify,
    worker: Worker,
    /// Run shared jobs right after the commit that queued them, in the writer's task
    /// (tests: deterministic, and what a one-process SQLite portal wants anyway).
    inline: AtomicBool,
    /// The outbox id up to which this instance's own consumers have applied every change.
    applied: AtomicI64,
    /// Set at shutdown: no new job is started, claimed ones go back to the queue.
    stop: tokio::sync::watch::Sender<bool>,
}

impl Jobs {
    /// A handle whose own consumers have seen every change up to `seen` (read before the
    /// search index was built, so nothing recorded meanwhile is missed).
    pub fn new(seen: i64, categories: Categories) -> Jobs {
        Jobs {
            inner: Arc::new(Inner {
                local: Some(tokio::sync::Mutex::new(local::Follower::new(seen))),
                categories,
                wake: tokio::sync::Notify::new(),
                worker: Worker::new(&format!("instance-{}", crate::auth::new_token().0)),
                inline: AtomicBool::new(true),
                applied: AtomicI64::new(seen),
                stop: tokio::sync::watch::Sender::new(false),
            }),
        }
    }

    /// A handle for commands that write but serve nothing (imports on the command line,
    /// seeding the demo): no index or cache of its own to follow, and shared jobs wait
    /// for the portal's workers.
    pub fn detached() -> Jobs {
        Jobs {
            inner: Arc::new(Inner {
                local: None,
                categories: Categories::default(),
                wake: tokio::sync::Notify::new(),
                worker: Worker::new("command"),
                inline: AtomicBool::new(false),
                applied: AtomicI64::new(0),
                stop: tokio::sync::watch::Sender::new(false),
            }),
        }
    }

    /// Leave shared jobs to the background worker ([`Jobs::run`]) instead of running
    /// them right after their commit.
    pub fn in_background(&self) {
        self.inner.inline.store(false, Ordering::Release);
    }

    /// Whether shared jobs run right after their commit.
    pub fn runs_inline(&self) -> bool {
        self.inner.inline.load(Ordering::Acquire)
    }

    /// Hold shared jobs until [`Jobs::run_due`] is called (tests of a crash between the
    /// write and the delivery).
    pub fn hold(&self) {
        self.in_background();
    }

    /// Shutdown: the background loop ([`Jobs::run`]) finishes the job in hand and
    /// returns; jobs claimed but not started go back to the queue for another instance
    /// (or the next start), so nothing is lost and nothing runs twice.
    pub fn stop(&self) {
        self.inner.stop.send_replace(true);
    }

    /// Whether [`Jobs::stop`] was called (long jobs look between their items).
    pub fn stopping(&self) -> bool {
        *self.inner.stop.borrow()
    }

    /// Completes once [`Jobs::stop`] was called (background loops of `serve` end then).
    pub async fn stopped(&self) {
        let mut rx = self.inner.stop.subscribe();
        let _ = rx.wait_for(|s| *s).await;
    }

    pub fn worker(&self) -> &Worker {
        &self.inner.worker
    }

    /// After a commit. Inline (tests, commands): this instance's own consumers catch up
    /// and the shared jobs run before the writer goes on. In `serve` the background loop
    /// is woken and does both a moment later ([`LINGER`]), for this instance as every other
    /// instance does for it: the writer does not wait for the search index's commit, and
    /// writes that come together share one commit (each commit builds a segment with a
    /// term dictionary per field — about 10 ms of CPU, more than the write itself; per
    /// write it held an API sync at 30–40 writes a second).
    pub async fn committed(&self, svc: &Services) -> Result<(), ServiceError> {
        if self.runs_inline() {
            self.follow(svc).await?;
            self.inner.worker.run_due(svc).await?;
        } else {
            self.inner.wake.notify_one();
        }
        Ok(())
    }

    /// Brings this instance's search index, page cache and Sparten up to the outbox.
    /// Returns whether anything changed.
    pub async fn follow(&self, svc: &Services) -> Result<bool, ServiceError> {
        let Some(local) = &self.inner.local else {
            return Ok(false);
        };
        let mut follower = local.lock().await;
        let changed = follower.catch_up(svc, &self.inner.categories).await;
        self.inner.applied.store(follower.low(), Ordering::Release);
        changed
    }

    /// The outbox id up to which this instance has applied every change (metrics: the
    /// lag of its search index and page cache behind the database).
    pub fn applied(&self) -> i64 {
        self.inner.applied.load(Ordering::Acquire)
    }

    /// Runs every due shared job now (tests, the command line).
    pub async fn run_due(&self, svc: &Services) -> Result<usize, ServiceError> {
        self.inner.worker.run_due(svc).await
    }

    /// The background loop of one instance: follows the outbox (woken by PostgreSQL's
    /// `NOTIFY`, else every `poll`) and runs due shared jobs, until [`Jobs::stop`].
    pub async fn run(self, svc: Services, poll: Duration) {
        let listener = local::listen(&svc.db).await;
        let mut listener = listener;
        let mut mail_checked: Option<std::time::Instant> = None;
        let mut maintained: Option<std::time::Instant> = None;
        while !self.stopping() {
            // Hourly: the planner's statistics, and rate-limit hits older than a day.
            if maintained.is_none_or(|t| t.elapsed() >= Duration::from_secs(3600)) {
                maintained = Some(std::time::Instant::now());
                if let Err(e) = maintain(&svc).await {
                    tracing::warn!(error = %e, "database upkeep failed");
                }
            }
            // Weekly mails and reminders that have come due are queued (once a minute).
            if mail_checked.is_none_or(|t| t.elapsed() >= Duration::from_secs(60)) {
                mail_checked = Some(std::time::Instant::now());
                if let Err(e) = crate::service::mailings::queue_due(&svc).await {
                    tracing::warn!(error = %e, "queuing mailings failed");
                }
            }
            if let Err(e) = self.follow(&svc).await {
                tracing::warn!(error = %e, "following the outbox failed");
            }
            match self.inner.worker.run_due(&svc).await {
                Ok(n) if n > 0 => tracing::debug!(jobs = n, "jobs done"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "running jobs failed"),
            }
            let announced = local::announced(&mut listener, poll);
            let woken = tokio::select! {
                () = self.inner.wake.notified() => true,
                () = announced => false,
                () = self.stopped() => false,
            };
            if woken {
                // A write of this instance: the writes right behind it join the same
                // round (one index commit for all of them).
                tokio::select! {
                    () = tokio::time::sleep(LINGER) => {}
                    () = self.stopped() => {}
                }
            }
        }
        tracing::info!("job worker stopped");
    }
}

/// The database's hourly upkeep (see [`Jobs::run`]).
pub async fn maintain(svc: &Services) -> Result<(), db::DbError> {
    svc.db.refresh_statistics().await?;
    db::moderation::forget_old_hits(&svc.db, svc.now()).await
}

/// How long the background loop waits after a write of this instance before it follows
/// the outbox, so that the writes arriving meanwhile are indexed in the same commit.
pub const LINGER: Duration = Duration::from_millis(20);

/// Claims and runs shared jobs under one name.
pub struct Worker {
    name: String,
}

impl Worker {
    pub fn new(name: &str) -> Worker {
        Worker {
            name: name.to_owned(),
        }
    }

    /// Runs due jobs until none is left; returns how many ran.
    pub async fn run_due(&self, svc: &Services) -> Result<usize, ServiceError> {
        let mut ran = 0;
        loop {
            let now = svc.now();
            let jobs =
                db::jobs::claim(&svc.db, &self.name, now, now + LEASE_SECONDS, BATCH).await?;
            if jobs.is_empty() {
                return Ok(ran);
            }
            let mut jobs = jobs.into_iter();
            while let Some(job) = jobs.next() {
                if svc.jobs.stopping() {
                    // Shutting down: what was claimed but not started goes back now
                    // instead of waiting for its lease to run out.
                    let rest: Vec<i64> =
                        std::iter::once(job.id).chain(jobs.map(|j| j.id)).collect();
                    db::jobs::release(&svc.db, &rest).await?;
                    return Ok(ran);
                }
                self.run_one(svc, job).await?;
                ran += 1;
            }
        }
    }

    async fn run_one(&self, svc: &Services, job: db::jobs::Job) -> Result<(), ServiceError> {
        let outcome = match job.consumer.as_str() {
            notify::CONSUMER => notify::run(svc, &job).await,
            webhooks::CONSUMER => webhooks::run(svc, &job).await,
            mailings::CONSUMER => mailings::run(svc, &job).await,
            fediverse::CONSUMER => fediverse::run(svc, &job).await,
            magazine::CONSUMER => magazine::run(svc, &job).await,
            messages::CONSUMER => messages::run(svc, &job).await,
            other => Err(JobError::GiveUp(format!("no consumer named {other}"))),
        };
        let now = svc.now();
        match outcome {
            Ok(()) => db::jobs::done(&svc.db, job.id, now).await?,
            Err(JobError::Interrupted) => {
                tracing::info!(job = job.id, consumer = %job.consumer, "job interrupted by shutdown, back in the queue");
                db::jobs::release(&svc.db, &[job.id]).await?
            }
            Err(JobError::Retry(e)) if job.attempts < MAX_ATTEMPTS => {
                tracing::info!(job = job.id, consumer = %job.consumer, error = %e, "job failed, trying again later");
                db::jobs::failed(&svc.db, job.id, &e, Some(now + backoff(job.attempts)), now)
                    .await?
            }
            Err(e) => {
                tracing::warn!(job = job.id, consumer = %job.consumer, error = %e, "job given up");
                db::jobs::failed(&svc.db, job.id, &e.to_string(), None, now).await?
            }
        }
        Ok(())
    }
}

/// The outbox record a job belongs to (a fan-out or a target job).
async fn change_of(svc: &Services, job: &db::jobs::Job) -> Result<Change, JobError> {
    let id = job
        .outbox_id
        .ok_or_else(|| JobError::GiveUp("the job belongs to no change".into()))?;
    db::outbox::get(&svc.db, id)
        .await?
        .map(|r| r.change)
        .ok_or_else(|| JobError::GiveUp(format!("change {id} is gone")))
}

/// Queues one job per target of a fan-out job (once: a second fan-out adds nothing).
async fn fan_out(svc: &Services, job: &db::jobs::Job, targets: &[String]) -> Result<(), JobError> {
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    for target in targets {
        db::jobs::fan_out(&mut tx, job.outbox_id, &job.consumer, target, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_grows_and_stops_at_six_hours() {
        assert_eq!(backoff(1), 30);
        assert_eq!(backoff(2), 60);
        assert_eq!(backoff(3), 120);
        assert_eq!(backoff(8), 3840);
        assert_eq!(backoff(30), 6 * 3600);
    }
}
