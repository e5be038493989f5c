//! The moderation desk's records: reports about events, applications for organisations,
//! the audit log as moderators and owners read it, and the counters behind rate limits.

use super::users::audit;
use super::{Db, DbResult};
use crate::domain::moderation::{ApplicationStatus, Decision, ReportReason};

/// A report („Melden“) about an event.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub event_id: i64,
    pub event_slug: String,
    pub event_title: String,
    #[sqlx(try_from = "String")]
    pub reason: ReportReason,
    pub message: String,
    pub created_at: i64,
}

pub async fn add_report(
    db: &Db,
    event_id: i64,
    reason: ReportReason,
    message: &str,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO reports (event_id, reason, message, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            &[event_id.into(), reason.key().into(), message.into(), now.into()],
        )
        .await?;
    let details = serde_json::json!({ "report": id, "reason": reason.key() }).to_string();
    audit(
        &mut tx,
        now,
        None,
        "event.reported",
        ("event", event_id),
        &details,
    )
    .await?;
    tx.commit().await
}

pub async fn open_reports(db: &Db) -> DbResult<Vec<ReportRow>> {
    db.fetch_all(
        "SELECT r.id, r.event_id, e.slug AS event_slug, e.title AS event_title, r.reason, r.message, r.created_at \
         FROM reports r JOIN events e ON e.id = r.event_id WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id",
        &[],
    )
    .await
}

/// Closes a report; returns false when there was no open report with that id.
pub async fn resolve_report(db: &Db, id: i64, actor: i64, now: i64) -> DbResult<bool> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT event_id FROM reports WHERE id = $1 AND resolved_at IS NULL",
            &[id.into()],
        )
        .await?;
    let Some((event_id,)) = row else {
        return Ok(false);
    };
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE reports SET resolved_at = $1, resolved_by = $2 WHERE id = $3",
        &[now.into(), actor.into(), id.into()],
    )
    .await?;
    let details = serde_json::json!({ "report": id }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "report.resolved",
        ("event", event_id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// An application to found or to join an organisation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub user_id: i64,
    pub applicant: String,
    pub applicant_email: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub name: String,
    pub kind: String,
    pub message: String,
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
    pub created_at: i64,
}

const APPLICATION: &str = "SELECT a.id, a.user_id, u.display_name AS applicant, u.email AS applicant_email, \
    a.organization_id, o.name AS organization_name, a.name, a.kind, a.message, a.status, a.created_at \
    FROM organization_applications a JOIN users u ON u.id = a.user_id \
    LEFT JOIN organizations o ON o.id = a.organization_id";

pub async fn apply(
    db: &Db,
    user_id: i64,
    organization_id: Option<i64>,
    name: &str,
    kind: &str,
    message: &str,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO organization_applications (user_id, organization_id, name, kind, message, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                user_id.into(),
                organization_id.into(),
                name.into(),
                kind.into(),
                message.into(),
                now.into(),
            ],
        )
        .await?;
    let details =
        serde_json::json!({ "organization_id": organization_id, "name": name }).to_string();
    audit(
        &mut tx,
        now,
        Some(user_id),
        "application.submitted",
        ("application", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn pending_applications(db: &Db) -> DbResult<Vec<ApplicationRow>> {
    db.fetch_all(
        &format!("{APPLICATION} WHERE a.status = 'pending' ORDER BY a.created_at, a.id"),
        &[],
    )
    .await
}

pub async fn applications_of(db: &Db, user_id: i64) -> DbResult<Vec<ApplicationRow>> {
    db.fetch_all(
        &format!("{APPLICATION} WHERE a.user_id = $1 ORDER BY a.created_at DESC, a.id DESC"),
        &[user_id.into()],
    )
    .await
}

pub async fn application(db: &Db, id: i64) -> DbResult<Option<ApplicationRow>> {
    db.fetch_optional(&format!("{APPLICATION} WHERE a.id = $1"), &[id.into()])
        .await
}

/// Records the decision on an application (the membership or organisation it grants is
/// written by the caller in its own transaction first).
pub async fn decide_application(
    db: &Db,
    id: i64,
    decision: Decision,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let status = ApplicationStatus::after(decision).key();
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE organization_applications SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4",
        &[status.into(), now.into(), actor.into(), id.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(actor),
        &format!("application.{status}"),
        ("application", id),
        "{}",
    )
    .await?;
    tx.commit().await
}

/// One audit-log line with the actor's name and the name of what it is about.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditLine {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub subject_name: Option<String>,
    pub details: String,
}

const AUDIT: &str = "SELECT a.at, u.display_name AS actor, a.action, a.subject_type, a.subject_id, \
    CASE a.subject_type \
      WHEN 'event' THEN (SELECT title FROM events WHERE id = a.subject_id) \
      WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = a.subject_id) \
      WHEN 'venue' THEN (SELECT name FROM venues WHERE id = a.subject_id) \
      WHEN 'user' THEN (SELECT display_name FROM users WHERE id = a.subject_id) \
      WHEN 'pinboard_post' THEN (SELECT title FROM pinboard_posts WHERE id = a.subject_id) \
      WHEN 'group' THEN (SELECT name FROM working_groups WHERE id = a.subject_id) \
      WHEN 'application' THEN (SELECT name FROM organization_applications WHERE id = a.subject_id) \
      WHEN 'association_member' THEN (SELECT name FROM association_members WHERE id = a.subject_id) \
      WHEN 'assembly' THEN (SELECT title FROM assemblies WHERE id = a.subject_id) \
      WHEN 'motion' THEN (SELECT title FROM motions WHERE id = a.subject_id) \
      WHEN 'category' THEN (SELECT name FROM categories WHERE id = a.subject_id) \
      WHEN 'comment' THEN (SELECT ar.title FROM article_comments cm JOIN articles ar ON ar.id = cm.article_id WHERE cm.id = a.subject_id) \
    END AS subject_name, a.details \
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id";

/// What the protocol is filtered by: who acted, the area of the action (`event`, …), a
/// period of UTC seconds.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<i64>,
    pub area: Option<String>,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

fn audit_where(f: &AuditFilter) -> (String, Vec<super::Value>) {
    let mut clauses = Vec::new();
    let mut args: Vec<super::Value> = Vec::new();
    if let Some(actor) = f.actor {
        args.push(actor.into());
        clauses.push(format!("a.actor_id = ${}", args.len()));
    }
    if let Some(area) = &f.area {
        args.push(format!("{area}.%").into());
        clauses.push(format!("a.action LIKE ${}", args.len()));
    }
    if let Some(from) = f.from {
        args.push(from.into());
        clauses.push(format!("a.at >= ${}", args.len()));
    }
    if let Some(until) = f.until {
        args.push(until.into());
        clauses.push(format!("a.at < ${}", args.len()));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, args)
}

/// One page of the filtered log, newest first.
pub async fn audit_page(
    db: &Db,
    f: &AuditFilter,
    limit: i64,
    offset: i64,
) -> DbResult<Vec<AuditLine>> {
    let (filter, mut args) = audit_where(f);
    args.push(limit.into());
    args.push(offset.into());
    let n = args.len();
    db.fetch_all(
        &format!(
            "{AUDIT}{filter} ORDER BY a.at DESC, a.id DESC LIMIT ${} OFFSET ${n}",
            n - 1
        ),
        &args,
    )
    .await
}

/// How many lines the filtered log has.
pub async fn audit_count(db: &Db, f: &AuditFilter) -> DbResult<i64> {
    let (filter, args) = audit_where(f);
    let (n,): (i64,) = db
        .fetch_one(&format!("SELECT COUNT(*) FROM audit_log a{filter}"), &args)
        .await?;
    Ok(n)
}

/// The accounts that appear as actors in the log (for the filter), by name.
pub async fn audit_actors(db: &Db) -> DbResult<Vec<(i64, String)>> {
    db.fetch_all(
        "SELECT id, display_name FROM users WHERE role IN ('moderator', 'admin') \
         OR id IN (SELECT actor_id FROM audit_log WHERE action LIKE 'event.%' LIMIT 500) ORDER BY display_name LIMIT 500",
        &[],
    )
    .await
}

/// The latest entries of the whole log (moderation and administration).
pub async fn recent_audit(db: &Db, limit: i64) -> DbResult<Vec<AuditLine>> {
    db.fetch_all(
        &format!("{AUDIT} ORDER BY a.at DESC, a.id DESC LIMIT $1"),
        &[limit.into()],
    )
    .await
}

/// The entries about one organisation and its events (for its owners).
pub async fn audit_of_organization(db: &Db, org: i64, limit: i64) -> DbResult<Vec<AuditLine>> {
    db.fetch_all(
        &format!(
            "{AUDIT} WHERE (a.subject_type = 'organization' AND a.subject_id = $1) \
             OR (a.subject_type = 'event' AND a.subject_id IN (SELECT event_id FROM event_organizers WHERE organization_id = $1)) \
             ORDER BY a.at DESC, a.id DESC LIMIT $2"
        ),
        &[org.into(), limit.into()],
    )
    .await
}

/// The entries about one event.
pub async fn audit_of_event(db: &Db, event: i64) -> DbResult<Vec<AuditLine>> {
    db.fetch_all(
        &format!("{AUDIT} WHERE a.subject_type = 'event' AND a.subject_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT 100"),
        &[event.into()],
    )
    .await
}

/// How many hits `key` had since `since`, without counting one.
pub async fn hits_since(db: &Db, key: &str, since: i64) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM rate_hits WHERE key = $1 AND at >= $2",
            &[key.into(), since.into()],
        )
        .await?;
    Ok(n)
}

/// Counts a hit on a rate-limited form and tells how many `key` had since `since`
/// (including this one). Hits older than a day are forgotten.
pub async fn hit(db: &Db, key: &str, since: i64, now: i64) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO rate_hits (key, at) VALUES ($1, $2)",
        &[key.into(), now.into()],
    )
    .await?;
    // This key's old hits go by its index; the others' in [`forget_old_hits`].
    tx.execute(
        "DELETE FROM rate_hits WHERE key = $1 AND at < $2",
        &[key.into(), (now - 86_400).into()],
    )
    .await?;
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT COUNT(*) FROM rate_hits WHERE key = $1 AND at >= $2",
            &[key.into(), since.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(n)
}

/// Forgets the hits older than a day of every key (the background loop, hourly; a hit
/// prunes only its own key, by the index, so that a busy form does not scan them all).
pub async fn forget_old_hits(db: &Db, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM rate_hits WHERE at < $1",
        &[(now - 86_400).into()],
    )
    .await?;
    tx.commit().await
}

/// Stores feedback about a barrier; returns its id.
pub async fn add_feedback(
    db: &Db,
    page: &str,
    message: &str,
    contact: &str,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO feedback (page, message, contact, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            &[page.into(), message.into(), contact.into(), now.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedbackRow {
    pub id: i64,
    pub page: String,
    pub message: String,
    pub contact: String,
    pub created_at: i64,
}

/// Feedback not yet handled, oldest first.
pub async fn open_feedback(db: &Db) -> DbResult<Vec<FeedbackRow>> {
    db.fetch_all(
        "SELECT id, page, message, contact, created_at FROM feedback WHERE handled_at IS NULL ORDER BY created_at, id",
        &[],
    )
    .await
}

/// The addresses of every admin (feedback about barriers goes to them).
pub async fn admin_addresses(db: &Db) -> DbResult<Vec<(String, String)>> {
    db.fetch_all(
        "SELECT email, lang FROM users WHERE role = 'admin' ORDER BY id",
        &[],
    )
    .await
}
