//! Organisations' webhooks: where their systems want to hear about changes of their own
//! events, and the secret the portal signs with.

use super::{Db, DbResult, Tx, Value};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WebhookRow {
    pub id: i64,
    pub organization_id: i64,
    pub url: String,
    pub secret: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub last_status: String,
    pub last_delivery_at: Option<i64>,
}

const COLUMNS: &str =
    "id, organization_id, url, secret, created_at, revoked_at, last_status, last_delivery_at";

/// Registers a webhook; returns its id.
pub async fn create(
    db: &Db,
    organization: i64,
    url: &str,
    secret: &str,
    by: i64,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO webhooks (organization_id, url, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[organization.into(), url.into(), secret.into(), by.into(), now.into()],
        )
        .await?;
    let details = serde_json::json!({ "url": url }).to_string();
    super::users::audit(
        &mut tx,
        now,
        Some(by),
        "webhook.created",
        ("organization", organization),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The webhooks of an organisation, active ones first.
pub async fn of_organization(db: &Db, organization: i64) -> DbResult<Vec<WebhookRow>> {
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM webhooks WHERE organization_id = $1 ORDER BY revoked_at IS NOT NULL, id"
        ),
        &[organization.into()],
    )
    .await
}

/// Active webhooks of these organisations.
pub async fn active_of(db: &Db, organizations: &[i64]) -> DbResult<Vec<WebhookRow>> {
    if organizations.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = super::Params::default();
    let list = p.push_list(organizations.iter().copied());
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM webhooks WHERE organization_id IN ({list}) AND revoked_at IS NULL ORDER BY id"
        ),
        &p.values,
    )
    .await
}

/// Whether any of these organisations has an active webhook (asked in the writer's
/// transaction, so that changes without listeners queue no job).
pub async fn any_active(tx: &mut Tx, organizations: &[i64]) -> DbResult<bool> {
    let mut p = super::Params::default();
    let list = p.push_list(organizations.iter().copied());
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            &format!(
                "SELECT id FROM webhooks WHERE organization_id IN ({list}) AND revoked_at IS NULL LIMIT 1"
            ),
            &p.values,
        )
        .await?;
    Ok(!rows.is_empty())
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<WebhookRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM webhooks WHERE id = $1"),
        &[id.into()],
    )
    .await
}

/// Revokes a webhook of `organization`; returns whether there was one.
pub async fn revoke(db: &Db, organization: i64, id: i64, by: i64, now: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE webhooks SET revoked_at = $1 WHERE id = $2 AND organization_id = $3 AND revoked_at IS NULL RETURNING id",
            &[now.into(), id.into(), organization.into()],
        )
        .await?;
    if rows.is_empty() {
        return Ok(false);
    }
    super::users::audit(
        &mut tx,
        now,
        Some(by),
        "webhook.revoked",
        ("organization", organization),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Notes the outcome of the last delivery (shown to the organisation).
pub async fn delivered(db: &Db, id: i64, status: &str, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE webhooks SET last_status = $1, last_delivery_at = $2 WHERE id = $3",
        &[
            Value::Text(status.chars().take(200).collect()),
            now.into(),
            id.into(),
        ],
    )
    .await?;
    tx.commit().await
}
