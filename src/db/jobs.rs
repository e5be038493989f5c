//! The job queue behind the outbox: claiming due jobs (one claimant per job, also with
//! several instances on PostgreSQL), finishing them, retrying with back-off, and the dead
//! letters admins look at.

use super::{Db, DbResult, Tx};

/// A claimed job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub outbox_id: Option<i64>,
    pub consumer: String,
    pub target: String,
    /// How often it was claimed, this time included.
    pub attempts: i64,
}

/// Queues a job of `consumer` for `target`, once per change (a second call adds nothing).
pub async fn fan_out(
    tx: &mut Tx,
    outbox_id: Option<i64>,
    consumer: &str,
    target: &str,
    now: i64,
) -> DbResult<()> {
    tx.execute(
        "INSERT INTO jobs (outbox_id, consumer, target, run_after, created_at) VALUES ($1, $2, $3, $4, $4) \
         ON CONFLICT (outbox_id, consumer, target) DO NOTHING",
        &[outbox_id.into(), consumer.into(), target.into(), now.into()],
    )
    .await
}

/// Claims up to `limit` due jobs for `worker` until `lease_until`. A job whose claimant
/// died is claimed again once its lease ran out. On PostgreSQL, `FOR UPDATE SKIP LOCKED`
/// lets several instances claim side by side without waiting for each other; SQLite
/// writes one transaction at a time, so the statement alone is enough.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> DbResult<Vec<Job>> {
    let lock = match db {
        Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
        Db::Sqlite(_) => "",
    };
    let mut tx = db.begin().await?;
    let jobs: Vec<Job> = tx
        .fetch_all(
            &format!(
                "UPDATE jobs SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND run_after <= $3 \
                 AND claimed_until < $3 ORDER BY id LIMIT $4 {lock}) \
                 RETURNING id, outbox_id, consumer, target, attempts"
            ),
            &[worker.into(), lease_until.into(), now.into(), limit.into()],
        )
        .await?;
    tx.commit().await?;
    let mut jobs = jobs;
    jobs.sort_by_key(|j| j.id);
    Ok(jobs)
}

/// Gives claimed jobs back unstarted (shutdown): due again at once for any worker, and
/// the claim does not count as an attempt.
pub async fn release(db: &Db, ids: &[i64]) -> DbResult<()> {
    let mut tx = db.begin().await?;
    for id in ids {
        tx.execute(
            "UPDATE jobs SET claimed_by = '', claimed_until = 0, attempts = attempts - 1 \
             WHERE id = $1 AND state = 'pending'",
            &[(*id).into()],
        )
        .await?;
    }
    tx.commit().await
}

/// Marks a job done.
pub async fn done(db: &Db, id: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE jobs SET state = 'done', finished_at = $2, claimed_until = 0, last_error = '' WHERE id = $1",
        &[id.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// Records a failure: the job runs again after `retry_at`, or, with `None`, is given up
/// (a dead letter).
pub async fn failed(
    db: &Db,
    id: i64,
    error: &str,
    retry_at: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let error: String = error.chars().take(1000).collect();
    let mut tx = db.begin().await?;
    match retry_at {
        Some(at) => {
            tx.execute(
                "UPDATE jobs SET run_after = $2, claimed_until = 0, last_error = $3 WHERE id = $1",
                &[id.into(), at.into(), error.into()],
            )
            .await?
        }
        None => {
            tx.execute(
                "UPDATE jobs SET state = 'dead', finished_at = $2, claimed_until = 0, last_error = $3 WHERE id = $1",
                &[id.into(), now.into(), error.into()],
            )
            .await?
        }
    }
    tx.commit().await
}

/// A job as admins see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobLine {
    pub id: i64,
    pub consumer: String,
    pub target: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: String,
    pub created_at: i64,
    pub run_after: i64,
    pub kind: Option<String>,
    pub subject_id: Option<i64>,
}

const LINE: &str = "SELECT j.id, j.consumer, j.target, j.state, j.attempts, j.last_error, j.created_at, \
     j.run_after, o.kind, o.subject_id FROM jobs j LEFT JOIN outbox o ON o.id = j.outbox_id";

/// Given-up jobs, newest first.
pub async fn dead(db: &Db, limit: i64) -> DbResult<Vec<JobLine>> {
    db.fetch_all(
        &format!("{LINE} WHERE j.state = 'dead' ORDER BY j.id DESC LIMIT $1"),
        &[limit.into()],
    )
    .await
}

/// Jobs still waiting (with their last error, if they failed before), oldest first.
pub async fn waiting(db: &Db, limit: i64) -> DbResult<Vec<JobLine>> {
    db.fetch_all(
        &format!("{LINE} WHERE j.state = 'pending' ORDER BY j.id LIMIT $1"),
        &[limit.into()],
    )
    .await
}

/// Counts by state: (pending, done, dead).
pub async fn counts(db: &Db) -> DbResult<(i64, i64, i64)> {
    let rows: Vec<(String, i64)> = db
        .fetch_all("SELECT state, COUNT(*) FROM jobs GROUP BY state", &[])
        .await?;
    let get = |s: &str| rows.iter().find(|r| r.0 == s).map_or(0, |r| r.1);
    Ok((get("pending"), get("done"), get("dead")))
}

/// Puts a dead letter back into the queue, due at once. Returns whether there was one.
pub async fn retry(db: &Db, id: i64, now: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let row: Option<(i64,)> = tx
        .fetch_all(
            "UPDATE jobs SET state = 'pending', attempts = 0, run_after = $2, claimed_until = 0, finished_at = NULL \
             WHERE id = $1 AND state = 'dead' RETURNING id",
            &[id.into(), now.into()],
        )
        .await?
        .into_iter()
        .next();
    tx.commit().await?;
    Ok(row.is_some())
}

/// Forgets finished jobs older than `before` (dead letters stay until retried).
pub async fn prune(db: &Db, before: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM jobs WHERE state = 'done' AND finished_at < $1",
        &[before.into()],
    )
    .await?;
    tx.commit().await
}

/// Whether a job's mail to one recipient went out already (`key` names job and
/// recipient).
pub async fn mailed(db: &Db, key: &str) -> DbResult<bool> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT sent_at FROM mail_receipts WHERE key = $1",
            &[key.into()],
        )
        .await?;
    Ok(row.is_some())
}

/// Notes that a job's mail went out.
pub async fn note_mailed(db: &Db, key: &str, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO mail_receipts (key, sent_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        &[key.into(), now.into()],
    )
    .await?;
    tx.commit().await
}
