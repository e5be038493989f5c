//! Newsletter issues: mailings of kind `newsletter` that admins write as drafts, send now
//! or schedule. Scheduling adds the sending job with the issue's time; the recipients are
//! chosen when the time comes ([`start`]), so that whoever unsubscribed meanwhile is left
//! out and whoever confirmed meanwhile is in.

use super::mailings::MailingRow;
use super::{Db, DbResult};

const COLUMNS: &str =
    "id, kind, key, subject, body, interests, scheduled_at, created_at, state, finished_at";

/// A newsletter issue's text and audience.
pub struct IssueText<'a> {
    pub subject: &'a str,
    pub body: &'a str,
    pub interests: &'a str,
}

/// Records a new draft; returns its id.
pub async fn create(db: &Db, t: &IssueText<'_>, author: i64, now: i64) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let key = format!("newsletter:{}", crate::auth::new_token().0);
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO mailings (kind, key, subject, body, interests, scheduled_at, created_by, created_at, state) \
             VALUES ('newsletter', $1, $2, $3, $4, $5, $6, $5, 'draft') RETURNING id",
            &[
                key.into(),
                t.subject.into(),
                t.body.into(),
                t.interests.into(),
                now.into(),
                author.into(),
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// One issue (`None` for unknown ids and for mailings that are not newsletter issues).
pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<MailingRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM mailings WHERE id = $1 AND kind = 'newsletter'"),
        &[id.into()],
    )
    .await
}

/// The latest issues, newest first.
pub async fn latest(db: &Db, limit: i64) -> DbResult<Vec<MailingRow>> {
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM mailings WHERE kind = 'newsletter' ORDER BY id DESC LIMIT $1"
        ),
        &[limit.into()],
    )
    .await
}

/// Saves a draft's text; `false` when the issue is no longer a draft.
pub async fn save(db: &Db, id: i64, t: &IssueText<'_>) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let changed: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE mailings SET subject = $2, body = $3, interests = $4 \
             WHERE id = $1 AND kind = 'newsletter' AND state = 'draft' RETURNING id",
            &[
                id.into(),
                t.subject.into(),
                t.body.into(),
                t.interests.into(),
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(!changed.is_empty())
}

/// Schedules a draft for `at` (now or later) with its sending job; `false` when the
/// issue is no longer a draft.
pub async fn schedule(db: &Db, id: i64, at: i64, consumer: &str, now: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let changed: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE mailings SET state = 'scheduled', scheduled_at = $2 \
             WHERE id = $1 AND kind = 'newsletter' AND state = 'draft' RETURNING id",
            &[id.into(), at.into()],
        )
        .await?;
    if changed.is_empty() {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO jobs (consumer, target, run_after, created_at) VALUES ($1, $2, $3, $4)",
        &[
            consumer.into(),
            format!("mailing:{id}").into(),
            at.max(now).into(),
            now.into(),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Takes a scheduled issue back to a draft (its job finds it a draft and does nothing);
/// `false` when it is not scheduled any more (sending has begun).
pub async fn unschedule(db: &Db, id: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let changed: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE mailings SET state = 'draft' \
             WHERE id = $1 AND kind = 'newsletter' AND state = 'scheduled' RETURNING id",
            &[id.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(!changed.is_empty())
}

/// Starts sending a scheduled issue whose time has come: adds `recipients` and moves it
/// to `sending`, in one transaction. `false` when it was not (or no longer) scheduled for
/// a time at or before `now` — another instance started it, or it went back to a draft.
pub async fn start(db: &Db, id: i64, recipients: &[i64], now: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let changed: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE mailings SET state = 'sending' WHERE id = $1 AND kind = 'newsletter' \
             AND state = 'scheduled' AND scheduled_at <= $2 RETURNING id",
            &[id.into(), now.into()],
        )
        .await?;
    if changed.is_empty() {
        return Ok(false);
    }
    for chunk in recipients.chunks(200) {
        let mut p = super::Params::default();
        let rows: Vec<String> = chunk
            .iter()
            .map(|s| format!("({}, {})", p.push(id), p.push(*s)))
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
    tx.commit().await?;
    Ok(true)
}
