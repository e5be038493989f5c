//! Mailings and their recipients: queuing a run once, claiming recipients in batches
//! (with a lease, `SKIP LOCKED` on PostgreSQL), recording each outcome, and the progress
//! admins see.

use super::{Db, DbResult, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailingRow {
    pub id: i64,
    pub kind: String,
    pub key: String,
    pub subject: String,
    pub body: String,
    pub interests: String,
    pub scheduled_at: i64,
    pub created_at: i64,
    pub state: String,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str =
    "id, kind, key, subject, body, interests, scheduled_at, created_at, state, finished_at";

/// What a new mailing is.
pub struct NewMailing<'a> {
    pub kind: &'a str,
    pub key: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub interests: &'a str,
    pub scheduled_at: i64,
    pub created_by: Option<i64>,
}

/// Queues a mailing to `recipients` with its sending job, in one transaction. A mailing
/// with the same key exists already: nothing happens (`None`).
pub async fn queue(
    db: &Db,
    m: &NewMailing<'_>,
    recipients: &[i64],
    consumer: &str,
    now: i64,
) -> DbResult<Option<i64>> {
    let mut tx = db.begin().await?;
    let row: Option<(i64,)> = tx
        .fetch_all(
            "INSERT INTO mailings (kind, key, subject, body, interests, scheduled_at, created_by, created_at, state) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'sending') ON CONFLICT (key) DO NOTHING RETURNING id",
            &[
                m.kind.into(),
                m.key.into(),
                m.subject.into(),
                m.body.into(),
                m.interests.into(),
                m.scheduled_at.into(),
                m.created_by.into(),
                now.into(),
            ],
        )
        .await?
        .into_iter()
        .next();
    let Some((id,)) = row else {
        return Ok(None);
    };
    add_recipients(&mut tx, id, recipients).await?;
    job(&mut tx, id, consumer, m.scheduled_at.max(now)).await?;
    tx.commit().await?;
    Ok(Some(id))
}

async fn add_recipients(tx: &mut Tx, mailing: i64, recipients: &[i64]) -> DbResult<()> {
    for chunk in recipients.chunks(200) {
        let mut p = super::Params::default();
        let rows: Vec<String> = chunk
            .iter()
            .map(|s| format!("({}, {})", p.push(mailing), p.push(*s)))
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO mailing_recipients (mailing_id, subscription_id) VALUES {} ON CONFLICT DO NOTHING",
                rows.join(", ")
            ),
            &p.values,
        )
        .await?;
    }
    Ok(())
}

/// The sending job of a mailing (no change in the outbox behind it).
async fn job(tx: &mut Tx, mailing: i64, consumer: &str, run_after: i64) -> DbResult<()> {
    tx.execute(
        "INSERT INTO jobs (consumer, target, run_after, created_at) VALUES ($1, $2, $3, $3)",
        &[
            consumer.into(),
            format!("mailing:{mailing}").into(),
            run_after.into(),
        ],
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<MailingRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM mailings WHERE id = $1"),
        &[id.into()],
    )
    .await
}

/// The latest mailings, newest first.
pub async fn latest(db: &Db, limit: i64) -> DbResult<Vec<MailingRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM mailings ORDER BY id DESC LIMIT $1"),
        &[limit.into()],
    )
    .await
}

/// Claims up to `limit` recipients of a mailing that wait (or whose claimant died) until
/// `lease_until`; returns their subscription ids.
pub async fn claim(
    db: &Db,
    mailing: i64,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> DbResult<Vec<i64>> {
    let lock = match db {
        Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
        Db::Sqlite(_) => "",
    };
    let mut tx = db.begin().await?;
    let mut rows: Vec<(i64,)> = tx
        .fetch_all(
            &format!(
                "UPDATE mailing_recipients SET claimed_until = $2, attempts = attempts + 1 \
                 WHERE mailing_id = $1 AND subscription_id IN (SELECT subscription_id FROM mailing_recipients \
                 WHERE mailing_id = $1 AND state = 'pending' AND claimed_until < $3 \
                 ORDER BY subscription_id LIMIT $4 {lock}) RETURNING subscription_id"
            ),
            &[mailing.into(), lease_until.into(), now.into(), limit.into()],
        )
        .await?;
    tx.commit().await?;
    rows.sort_unstable();
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Gives claimed recipients back unmailed (shutdown): due again at once, and the claim
/// does not count as an attempt.
pub async fn unclaim(db: &Db, mailing: i64, subscriptions: &[i64]) -> DbResult<()> {
    let mut tx = db.begin().await?;
    for subscription in subscriptions {
        tx.execute(
            "UPDATE mailing_recipients SET claimed_until = 0, attempts = attempts - 1 \
             WHERE mailing_id = $1 AND subscription_id = $2 AND state = 'pending'",
            &[mailing.into(), (*subscription).into()],
        )
        .await?;
    }
    tx.commit().await
}

/// How many times a recipient was claimed (this time included).
pub async fn attempts(db: &Db, mailing: i64, subscription: i64) -> DbResult<i64> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT attempts FROM mailing_recipients WHERE mailing_id = $1 AND subscription_id = $2",
            &[mailing.into(), subscription.into()],
        )
        .await?;
    Ok(row.map_or(0, |r| r.0))
}

/// Records what became of one recipient: `sent`, `skipped` (nothing to say) or `failed`
/// (given up); `pending` lets it go for another try.
pub async fn finish(
    db: &Db,
    mailing: i64,
    subscription: i64,
    state: &str,
    error: &str,
    now: i64,
) -> DbResult<()> {
    let error: String = error.chars().take(500).collect();
    let mut tx = db.begin().await?;
    let finished = (state != "pending").then_some(now);
    tx.execute(
        "UPDATE mailing_recipients SET state = $3, last_error = $4, claimed_until = 0, finished_at = $5 \
         WHERE mailing_id = $1 AND subscription_id = $2",
        &[
            mailing.into(),
            subscription.into(),
            state.into(),
            error.into(),
            finished.into(),
        ],
    )
    .await?;
    tx.commit().await
}

/// Lets a recipient whose mail failed wait until `retry_at`.
pub async fn release(
    db: &Db,
    mailing: i64,
    subscription: i64,
    error: &str,
    retry_at: i64,
) -> DbResult<()> {
    let error: String = error.chars().take(500).collect();
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE mailing_recipients SET last_error = $3, claimed_until = $4 \
         WHERE mailing_id = $1 AND subscription_id = $2",
        &[
            mailing.into(),
            subscription.into(),
            error.into(),
            retry_at.into(),
        ],
    )
    .await?;
    tx.commit().await
}

/// Counts of a mailing's recipients: (pending, sent, skipped, failed).
pub async fn progress(db: &Db, mailing: i64) -> DbResult<(i64, i64, i64, i64)> {
    let rows: Vec<(String, i64)> = db
        .fetch_all(
            "SELECT state, COUNT(*) FROM mailing_recipients WHERE mailing_id = $1 GROUP BY state",
            &[mailing.into()],
        )
        .await?;
    let get = |s: &str| rows.iter().find(|r| r.0 == s).map_or(0, |r| r.1);
    Ok((get("pending"), get("sent"), get("skipped"), get("failed")))
}

/// The failed recipients of a mailing with their last error (no addresses: admins see
/// that something failed and why, not to whom).
pub async fn failures(db: &Db, mailing: i64, limit: i64) -> DbResult<Vec<(i64, String)>> {
    db.fetch_all(
        "SELECT subscription_id, last_error FROM mailing_recipients WHERE mailing_id = $1 AND state = 'failed' \
         ORDER BY subscription_id LIMIT $2",
        &[mailing.into(), limit.into()],
    )
    .await
}

/// Marks a mailing done once no recipient waits.
pub async fn finish_mailing(db: &Db, mailing: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE mailings SET state = 'done', finished_at = $2 WHERE id = $1 AND state <> 'done' \
         AND NOT EXISTS (SELECT 1 FROM mailing_recipients WHERE mailing_id = $1 AND state = 'pending')",
        &[mailing.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// Subscriptions still waiting in an unfinished mailing of `kind` (not to be queued
/// again by the next run).
pub async fn waiting_in(db: &Db, kind: &str) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            "SELECT r.subscription_id FROM mailing_recipients r JOIN mailings m ON m.id = r.mailing_id \
             WHERE m.kind = $1 AND r.state = 'pending'",
            &[kind.into()],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
