//! Subscribed calendars of organisations and what their last fetch brought.

use super::users::audit;
use super::{Db, DbResult};
use crate::domain::subscription::FetchStatus;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubscriptionRow {
    pub id: i64,
    pub organization_id: i64,
    pub organization_slug: String,
    pub url: String,
    pub fallback_category: String,
    pub etag: String,
    pub last_modified: String,
    pub checked_at: Option<i64>,
    #[sqlx(try_from = "String")]
    pub last_status: FetchStatus,
    pub last_report: String,
    pub succeeded_at: Option<i64>,
}

const COLUMNS: &str = "s.id, s.organization_id, o.slug AS organization_slug, s.url, s.fallback_category, \
    s.etag, s.last_modified, s.checked_at, s.last_status, s.last_report, s.succeeded_at";
const FROM: &str = "feed_subscriptions s JOIN organizations o ON o.id = s.organization_id";

pub async fn of_organization(db: &Db, org: i64) -> DbResult<Vec<SubscriptionRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE s.organization_id = $1 ORDER BY s.id"),
        &[org.into()],
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<SubscriptionRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE s.id = $1"),
        &[id.into()],
    )
    .await
}

/// Adds a subscription; `false` when the organisation has this URL already.
pub async fn add(
    db: &Db,
    org: i64,
    url: &str,
    fallback_category: &str,
    actor: i64,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let taken: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM feed_subscriptions WHERE organization_id = $1 AND url = $2",
            &[org.into(), url.into()],
        )
        .await?;
    if !taken.is_empty() {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO feed_subscriptions (organization_id, url, fallback_category, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[org.into(), url.into(), fallback_category.into(), actor.into(), now.into()],
    )
    .await?;
    let details = serde_json::json!({ "url": url }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "subscription.added",
        ("organization", org),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn remove(db: &Db, id: i64, org: i64, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM feed_subscriptions WHERE id = $1 AND organization_id = $2",
        &[id.into(), org.into()],
    )
    .await?;
    let details = serde_json::json!({ "subscription": id }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "subscription.removed",
        ("organization", org),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Claims a subscription for fetching: only one instance gets it while `since` has not
/// passed (`checked_at` older than `since`, or never). Returns whether this caller got it.
pub async fn claim(db: &Db, id: i64, now: i64, since: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let got: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE feed_subscriptions SET checked_at = $1 WHERE id = $2 AND (checked_at IS NULL OR checked_at < $3) RETURNING id",
            &[now.into(), id.into(), since.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(!got.is_empty())
}

/// Subscriptions not checked since `since`.
pub async fn due(db: &Db, since: i64) -> DbResult<Vec<SubscriptionRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE s.checked_at IS NULL OR s.checked_at < $1 ORDER BY s.checked_at, s.id"),
        &[since.into()],
    )
    .await
}

/// What a fetch brought.
pub struct Checked<'a> {
    pub status: FetchStatus,
    pub report: &'a str,
    /// New validators after a successful fetch (`None`: keep the old ones).
    pub validators: Option<(&'a str, &'a str)>,
    pub succeeded: bool,
}

pub async fn record(db: &Db, id: i64, c: Checked<'_>, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE feed_subscriptions SET last_status = $1, last_report = $2 WHERE id = $3",
        &[c.status.key().into(), c.report.into(), id.into()],
    )
    .await?;
    if let Some((etag, last_modified)) = c.validators {
        tx.execute(
            "UPDATE feed_subscriptions SET etag = $1, last_modified = $2 WHERE id = $3",
            &[etag.into(), last_modified.into(), id.into()],
        )
        .await?;
    }
    if c.succeeded {
        tx.execute(
            "UPDATE feed_subscriptions SET succeeded_at = $1 WHERE id = $2",
            &[now.into(), id.into()],
        )
        .await?;
    }
    tx.commit().await
}
