//! Notification settings, unsubscribe tokens and the digest queue.

use super::{Db, DbResult};

/// The member's mode for a kind (`sofort` unless they chose otherwise).
pub async fn mode(db: &Db, user: i64, kind: &str) -> DbResult<String> {
    let row: Option<(String,)> = db
        .fetch_optional(
            "SELECT mode FROM notification_settings WHERE user_id = $1 AND kind = $2",
            &[user.into(), kind.into()],
        )
        .await?;
    Ok(row.map_or_else(|| "sofort".to_owned(), |r| r.0))
}

pub async fn set_mode(db: &Db, user: i64, kind: &str, mode: &str) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO notification_settings (user_id, kind, mode) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode",
        &[user.into(), kind.into(), mode.into()],
    )
    .await?;
    tx.commit().await
}

/// The member's unsubscribe token, made on first use.
pub async fn token(db: &Db, user: i64, fresh: &str) -> DbResult<String> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO notification_tokens (user_id, token) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING",
        &[user.into(), fresh.into()],
    )
    .await?;
    let (token,): (String,) = tx
        .fetch_one(
            "SELECT token FROM notification_tokens WHERE user_id = $1",
            &[user.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn user_of_token(db: &Db, token: &str) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT user_id FROM notification_tokens WHERE token = $1",
            &[token.into()],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

pub async fn enqueue(
    db: &Db,
    user: i64,
    kind: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO notification_queue (user_id, kind, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[user.into(), kind.into(), subject.into(), body.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// One member's digest: who, where to, in which language, and the queued (kind,
/// subject, text).
pub type Digest = (i64, String, String, Vec<(String, String, String)>);

/// Takes everything queued (marks it sent) and returns it per member.
pub async fn take_digests(db: &Db, now: i64) -> DbResult<Vec<Digest>> {
    let mut tx = db.begin().await?;
    let mut rows: Vec<(i64, i64, String, String, String)> = tx
        .fetch_all(
            "UPDATE notification_queue SET sent_at = $1 WHERE sent_at IS NULL \
             RETURNING id, user_id, kind, subject, body",
            &[now.into()],
        )
        .await?;
    tx.commit().await?;
    rows.sort_by_key(|r| r.0);
    let mut out: Vec<Digest> = Vec::new();
    for (_, user, kind, subject, body) in rows {
        match out.iter_mut().find(|(u, _, _, _)| *u == user) {
            Some((_, _, _, items)) => items.push((kind, subject, body)),
            None => {
                let email: Option<(String, String)> = db
                    .fetch_optional(
                        "SELECT email, lang FROM users WHERE id = $1",
                        &[user.into()],
                    )
                    .await?;
                if let Some((email, lang)) = email {
                    out.push((user, email, lang, vec![(kind, subject, body)]));
                }
            }
        }
    }
    Ok(out)
}

/// One entry of a member's notification centre.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notice {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// Keeps a notification for the member's centre. With a `source` (the job that tells),
/// a second call for the same source adds nothing; returns whether it was new.
pub async fn record(
    db: &Db,
    source: Option<&str>,
    user: i64,
    kind: &str,
    subject: &str,
    link: &str,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "INSERT INTO member_notices (user_id, kind, subject, link, created_at, source) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source) DO NOTHING RETURNING id",
            &[
                user.into(),
                kind.into(),
                subject.into(),
                link.into(),
                now.into(),
                super::Value::OptText(source.map(str::to_owned)),
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(!rows.is_empty())
}

/// The member's latest notifications, newest first.
pub async fn recent(db: &Db, user: i64, limit: i64) -> DbResult<Vec<Notice>> {
    db.fetch_all(
        "SELECT id, kind, subject, link, created_at, read_at FROM member_notices \
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        &[user.into(), limit.into()],
    )
    .await
}

/// Marks all of the member's notifications read.
pub async fn mark_read(db: &Db, user: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE member_notices SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
        &[now.into(), user.into()],
    )
    .await?;
    tx.commit().await
}

/// How many of the member's notifications are unread.
pub async fn unread(db: &Db, user: i64) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM member_notices WHERE user_id = $1 AND read_at IS NULL",
            &[user.into()],
        )
        .await?;
    Ok(n)
}
