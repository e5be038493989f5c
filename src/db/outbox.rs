//! The transactional outbox: recording a change in the writer's transaction (with one
//! job per shared consumer that cares), and reading what was recorded since a point.

use super::{Db, DbResult, Tx};
use crate::domain::change::{Change, ChangeKind, EventFacts};

/// The channel PostgreSQL announces new outbox rows on (`LISTEN kp_outbox`).
pub const CHANNEL: &str = "kp_outbox";

/// Records `change` and queues a job for each of `consumers`, inside `tx`: the change,
/// its record and its jobs land together or not at all. Returns the outbox id.
pub async fn record(tx: &mut Tx, change: &Change, consumers: &[&str], now: i64) -> DbResult<i64> {
    let payload = serde_json::to_string(&change.facts).unwrap_or_else(|_| "{}".into());
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO outbox (kind, subject_id, payload, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            &[
                change.kind.key().into(),
                change.subject.into(),
                payload.into(),
                now.into(),
            ],
        )
        .await?;
    for consumer in consumers {
        tx.execute(
            "INSERT INTO jobs (outbox_id, consumer, target, run_after, created_at) VALUES ($1, $2, '', $3, $3)",
            &[id.into(), (*consumer).into(), now.into()],
        )
        .await?;
    }
    if let Tx::Postgres(_) = tx {
        // Delivered at commit, to every instance that listens (once per transaction).
        tx.execute(&format!("NOTIFY {CHANNEL}"), &[]).await?;
    }
    Ok(id)
}

/// One recorded change as read back.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: i64,
    pub change: Change,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    subject_id: i64,
    payload: String,
    created_at: i64,
}

impl Row {
    fn read(self) -> Option<Recorded> {
        Some(Recorded {
            id: self.id,
            change: Change {
                kind: ChangeKind::parse(&self.kind)?,
                subject: self.subject_id,
                facts: serde_json::from_str::<EventFacts>(&self.payload).unwrap_or_default(),
            },
            created_at: self.created_at,
        })
    }
}

/// Changes recorded after `after` (by id), oldest first, at most `limit`. Kinds this
/// version does not know are left out.
pub async fn since(db: &Db, after: i64, limit: i64) -> DbResult<Vec<Recorded>> {
    let rows: Vec<Row> = db
        .fetch_all(
            "SELECT id, kind, subject_id, payload, created_at FROM outbox WHERE id > $1 ORDER BY id LIMIT $2",
            &[after.into(), limit.into()],
        )
        .await?;
    Ok(rows.into_iter().filter_map(Row::read).collect())
}

/// One change by its id.
pub async fn get(db: &Db, id: i64) -> DbResult<Option<Recorded>> {
    let row: Option<Row> = db
        .fetch_optional(
            "SELECT id, kind, subject_id, payload, created_at FROM outbox WHERE id = $1",
            &[id.into()],
        )
        .await?;
    Ok(row.and_then(Row::read))
}

/// The newest id (0 when nothing was recorded yet).
pub async fn latest(db: &Db) -> DbResult<i64> {
    let (id,): (Option<i64>,) = db.fetch_one("SELECT MAX(id) FROM outbox", &[]).await?;
    Ok(id.unwrap_or(0))
}

/// Whether the outbox still holds every change after `since` up to `latest` (an index
/// complete up to `since` can catch up from it). Not when `since` is beyond the latest
/// id (another or a restored database), nor when the change `since` itself was pruned:
/// pruning takes the oldest changes, so the ones after it may be gone too. (A change
/// that was rolled back leaves a gap; a position on one rebuilds, which is merely slow.)
pub async fn reaches_back(db: &Db, since: i64, latest: i64) -> DbResult<bool> {
    if since > latest {
        return Ok(false);
    }
    if since == latest {
        return Ok(true);
    }
    let (oldest,): (Option<i64>,) = if since == 0 {
        db.fetch_one("SELECT MIN(id) FROM outbox", &[]).await?
    } else {
        db.fetch_one("SELECT MIN(id) FROM outbox WHERE id = $1", &[since.into()])
            .await?
    };
    Ok(oldest.is_some_and(|o| o <= since.max(1)))
}

/// The ids of changes recorded for `subject` of `kind`, oldest first (tests, admins).
pub async fn of_subject(db: &Db, kind: ChangeKind, subject: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            "SELECT id FROM outbox WHERE kind = $1 AND subject_id = $2 ORDER BY id",
            &[kind.key().into(), subject.into()],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Forgets changes older than `before` whose jobs are all finished (the outbox is a
/// queue, not an archive: the audit log keeps the history).
pub async fn prune(db: &Db, before: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM outbox WHERE created_at < $1 AND NOT EXISTS \
         (SELECT 1 FROM jobs j WHERE j.outbox_id = outbox.id AND j.state <> 'done')",
        &[before.into()],
    )
    .await?;
    tx.commit().await
}
