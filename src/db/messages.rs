//! Private messages: threads between members and organisations' shared inboxes (all the
//! organisation's people see them), unread counts, and blocks.

use super::users::audit;
use super::{Db, DbResult, Value};
use crate::domain::moderation::ReportOutcome;

/// Who a new thread goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Member(i64),
    Inbox(i64),
}

/// "This user takes part" as SQL on `p` (a thread_participants row); binds the user as `$1`.
const TAKES_PART: &str = "(p.user_id = $1 OR p.organization_id IN (SELECT organization_id FROM memberships WHERE user_id = $1))";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ThreadLine {
    pub id: i64,
    pub subject: String,
    /// The handle of the author on the fediverse (a reply or mention), else empty.
    pub remote_author: String,
    pub updated_at: i64,
    pub unread: i64,
}

/// The threads a member takes part in (also through an organisation), newest first.
pub async fn threads_of(db: &Db, user: i64) -> DbResult<Vec<ThreadLine>> {
    db.fetch_all(
        &format!(
            "SELECT t.id, t.subject, t.remote_author, t.updated_at, \
             (SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id \
               AND (m.author_id IS NULL OR m.author_id <> $1) \
               AND m.id > COALESCE((SELECT r.last_message_id FROM thread_reads r WHERE r.thread_id = t.id AND r.user_id = $1), 0)) AS unread \
             FROM message_threads t WHERE EXISTS (SELECT 1 FROM thread_participants p WHERE p.thread_id = t.id AND {TAKES_PART}) \
             ORDER BY t.updated_at DESC, t.id DESC"
        ),
        &[user.into()],
    )
    .await
}

/// Unread messages over all of a member's threads.
pub async fn unread_total(db: &Db, user: i64) -> DbResult<i64> {
    Ok(threads_of(db, user).await?.iter().map(|t| t.unread).sum())
}

/// Whether the member may read the thread.
pub async fn takes_part(db: &Db, thread: i64, user: i64) -> DbResult<bool> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            &format!(
                "SELECT p.thread_id FROM thread_participants p WHERE {TAKES_PART} AND p.thread_id = $2"
            ),
            &[user.into(), thread.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: i64,
    /// Hidden by the moderators after a report.
    pub hidden_at: Option<i64>,
}

pub async fn subject_of(db: &Db, thread: i64) -> DbResult<Option<(String, Option<i64>)>> {
    db.fetch_optional(
        "SELECT subject, post_id FROM message_threads WHERE id = $1",
        &[thread.into()],
    )
    .await
}

pub async fn messages_of(db: &Db, thread: i64) -> DbResult<Vec<MessageRow>> {
    db.fetch_all(
        "SELECT m.id, m.author_id, u.display_name AS author_name, m.body, m.created_at, m.hidden_at FROM messages m \
         LEFT JOIN users u ON u.id = m.author_id WHERE m.thread_id = $1 ORDER BY m.id",
        &[thread.into()],
    )
    .await
}

/// One who takes part in a thread: a member in person (`user_id`, their name), or an
/// organisation's shared inbox (`inbox`, the organisation's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub user_id: Option<i64>,
    pub name: String,
    pub inbox: bool,
}

/// The participants: members by name, inboxes by the organisation's name (the web layer
/// puts „(Postfach)“ into words).
pub async fn participants(db: &Db, thread: i64) -> DbResult<Vec<Participant>> {
    let rows: Vec<(Option<i64>, String, Option<i64>)> = db
        .fetch_all(
            "SELECT p.user_id, COALESCE(u.display_name, o.name, ''), p.organization_id \
             FROM thread_participants p \
             LEFT JOIN users u ON u.id = p.user_id LEFT JOIN organizations o ON o.id = p.organization_id \
             WHERE p.thread_id = $1 ORDER BY p.id",
            &[thread.into()],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, org)| Participant {
            user_id,
            name,
            inbox: user_id.is_none() && org.is_some(),
        })
        .collect())
}

/// Addresses to notify of a new message: every member taking part except the author.
pub async fn addresses_to_notify(
    db: &Db,
    thread: i64,
    author: i64,
) -> DbResult<Vec<(i64, String)>> {
    db
        .fetch_all(
            "SELECT DISTINCT u.id, u.email FROM users u WHERE u.id <> $2 AND (\
               u.id IN (SELECT user_id FROM thread_participants WHERE thread_id = $1 AND user_id IS NOT NULL) \
               OR u.id IN (SELECT m.user_id FROM memberships m JOIN thread_participants p ON p.organization_id = m.organization_id WHERE p.thread_id = $1))",
            &[thread.into(), author.into()],
        )
        .await
}

/// Whether anyone taking part (in person or through an organisation's inbox) has blocked
/// `author`.
pub async fn blocked_in(db: &Db, thread: i64, author: i64) -> DbResult<bool> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            "SELECT b.user_id FROM member_blocks b WHERE b.blocked_id = $2 AND (\
               b.user_id IN (SELECT user_id FROM thread_participants WHERE thread_id = $1 AND user_id IS NOT NULL) \
               OR b.user_id IN (SELECT m.user_id FROM memberships m JOIN thread_participants p \
                 ON p.organization_id = m.organization_id WHERE p.thread_id = $1))",
            &[thread.into(), author.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

pub async fn has_blocked(db: &Db, user: i64, other: i64) -> DbResult<bool> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            "SELECT user_id FROM member_blocks WHERE user_id = $1 AND blocked_id = $2",
            &[user.into(), other.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// Starts a thread from `author` to `to` with the first message; returns its id.
pub async fn start(
    db: &Db,
    author: i64,
    to: Recipient,
    subject: &str,
    body: &str,
    post: Option<i64>,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (thread,): (i64,) = tx
        .fetch_one(
            "INSERT INTO message_threads (subject, post_id, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id",
            &[subject.into(), Value::OptInt(post), now.into()],
        )
        .await?;
    tx.execute(
        "INSERT INTO thread_participants (thread_id, user_id) VALUES ($1, $2)",
        &[thread.into(), author.into()],
    )
    .await?;
    add_participant(&mut tx, thread, to).await?;
    let (message,): (i64,) = tx
        .fetch_one(
            "INSERT INTO messages (thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            &[thread.into(), author.into(), body.into(), now.into()],
        )
        .await?;
    read_up_to(&mut tx, thread, author, message).await?;
    tx.commit().await?;
    Ok(thread)
}

/// `to` takes part in the thread (a member in person, or an organisation's inbox).
async fn add_participant(tx: &mut super::Tx, thread: i64, to: Recipient) -> DbResult<()> {
    let (user, org) = match to {
        Recipient::Member(u) => (Some(u), None),
        Recipient::Inbox(o) => (None, Some(o)),
    };
    tx.execute(
        "INSERT INTO thread_participants (thread_id, user_id, organization_id) VALUES ($1, $2, $3)",
        &[thread.into(), Value::OptInt(user), Value::OptInt(org)],
    )
    .await
}

async fn read_up_to(tx: &mut super::Tx, thread: i64, user: i64, message: i64) -> DbResult<()> {
    tx.execute(
        "INSERT INTO thread_reads (thread_id, user_id, last_message_id) VALUES ($1, $2, $3) \
         ON CONFLICT (thread_id, user_id) DO UPDATE SET last_message_id = excluded.last_message_id",
        &[thread.into(), user.into(), message.into()],
    )
    .await
}

pub async fn reply(db: &Db, thread: i64, author: i64, body: &str, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    let (message,): (i64,) = tx
        .fetch_one(
            "INSERT INTO messages (thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            &[thread.into(), author.into(), body.into(), now.into()],
        )
        .await?;
    tx.execute(
        "UPDATE message_threads SET updated_at = $1 WHERE id = $2",
        &[now.into(), thread.into()],
    )
    .await?;
    read_up_to(&mut tx, thread, author, message).await?;
    tx.commit().await
}

/// Marks everything in the thread read for the member.
pub async fn mark_read(db: &Db, thread: i64, user: i64) -> DbResult<()> {
    let (last,): (Option<i64>,) = db
        .fetch_one(
            "SELECT MAX(id) FROM messages WHERE thread_id = $1",
            &[thread.into()],
        )
        .await?;
    let Some(last) = last else {
        return Ok(());
    };
    let mut tx = db.begin().await?;
    read_up_to(&mut tx, thread, user, last).await?;
    tx.commit().await
}

pub async fn block(db: &Db, user: i64, other: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO member_blocks (user_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[user.into(), other.into(), now.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(user),
        "member.blocked",
        ("user", other),
        "{}",
    )
    .await?;
    tx.commit().await
}

/// Every message a member wrote: (thread, subject, text, when), for their data export.
pub async fn written_by(db: &Db, user: i64) -> DbResult<Vec<(i64, String, String, i64)>> {
    db.fetch_all(
        "SELECT m.thread_id, t.subject, m.body, m.created_at FROM messages m \
         JOIN message_threads t ON t.id = m.thread_id WHERE m.author_id = $1 ORDER BY m.id",
        &[user.into()],
    )
    .await
}

/// Reports one message of `thread` (nothing happens when it is not in that thread).
/// Returns whether it was reported.
pub async fn report(
    db: &Db,
    thread: i64,
    message: i64,
    reporter: i64,
    reason: &str,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let found: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM messages WHERE id = $1 AND thread_id = $2",
            &[message.into(), thread.into()],
        )
        .await?;
    if found.is_empty() {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO message_reports (message_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)",
        &[message.into(), reporter.into(), reason.into(), now.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(reporter),
        "message.reported",
        ("message", message),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A reported message as the moderators see it: that one message, not its thread.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportedMessage {
    pub message_id: i64,
    pub author_name: Option<String>,
    pub reporter_name: Option<String>,
    pub body: String,
    pub reason: String,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

pub async fn open_reports(db: &Db) -> DbResult<Vec<ReportedMessage>> {
    db.fetch_all(
        "SELECT m.id AS message_id, a.display_name AS author_name, r2.display_name AS reporter_name, \
         m.body, r.reason, r.created_at, m.hidden_at FROM message_reports r JOIN messages m ON m.id = r.message_id \
         LEFT JOIN users a ON a.id = m.author_id LEFT JOIN users r2 ON r2.id = r.reporter_id \
         WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id",
        &[],
    )
    .await
}

/// Hides a reported message (or keeps it) and closes its reports, with the audit-log row.
/// Returns false when the message has no open report.
pub async fn moderate(
    db: &Db,
    message: i64,
    outcome: ReportOutcome,
    actor: i64,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let open: (i64,) = tx
        .fetch_one(
            "SELECT COUNT(*) FROM message_reports WHERE message_id = $1 AND resolved_at IS NULL",
            &[message.into()],
        )
        .await?;
    if open.0 == 0 {
        return Ok(false);
    }
    if outcome.hides() {
        tx.execute(
            "UPDATE messages SET hidden_at = $1 WHERE id = $2",
            &[now.into(), message.into()],
        )
        .await?;
    }
    tx.execute(
        "UPDATE message_reports SET resolved_at = $1 WHERE message_id = $2 AND resolved_at IS NULL",
        &[now.into(), message.into()],
    )
    .await?;
    let action = format!("message.{}", outcome.key());
    audit(
        &mut tx,
        now,
        Some(actor),
        &action,
        ("message", message),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A message from the fediverse (a reply or a mention): who wrote it, where the original
/// is, its sanitised HTML.
#[derive(Debug, Clone)]
pub struct RemoteMessage<'a> {
    pub subject: &'a str,
    pub author: &'a str,
    pub url: &'a str,
    pub html: &'a str,
}

/// Starts a thread with a message from the fediverse to `to` (organisations' inboxes or
/// members), inside the caller's transaction; returns its id.
pub async fn start_remote(
    tx: &mut super::Tx,
    m: &RemoteMessage<'_>,
    to: &[Recipient],
    now: i64,
) -> DbResult<i64> {
    let (thread,): (i64,) = tx
        .fetch_one(
            "INSERT INTO message_threads (subject, created_at, updated_at, remote_author, remote_url) \
             VALUES ($1, $2, $2, $3, $4) RETURNING id",
            &[m.subject.into(), now.into(), m.author.into(), m.url.into()],
        )
        .await?;
    for r in to {
        add_participant(tx, thread, *r).await?;
    }
    tx.execute(
        "INSERT INTO messages (thread_id, author_id, body, created_at) VALUES ($1, NULL, $2, $3)",
        &[thread.into(), m.html.into(), now.into()],
    )
    .await?;
    Ok(thread)
}

/// Who wrote a thread from the fediverse and where the original is (`None`: a thread
/// between members).
pub async fn remote_of(db: &Db, thread: i64) -> DbResult<Option<(String, String)>> {
    let row: Option<(String, String)> = db
        .fetch_optional(
            "SELECT remote_author, remote_url FROM message_threads WHERE id = $1",
            &[thread.into()],
        )
        .await?;
    Ok(row.filter(|(author, _)| !author.is_empty()))
}

/// The moderators and administrators (who read what is written to the portal or a Sparte).
pub async fn moderator_ids(tx: &mut super::Tx) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM users WHERE role IN ('moderator', 'admin') ORDER BY id LIMIT 200",
            &[],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
