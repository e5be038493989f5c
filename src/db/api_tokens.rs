//! API tokens: an organisation's key to the write API. Created and revoked by owners in the
//! members' area; only the hash is stored; every use is noted.

use super::users::audit;
use super::{Db, DbResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub organization_id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, organization_id, name, created_at, last_used_at, revoked_at";

pub async fn create(
    db: &Db,
    org: i64,
    name: &str,
    hash: &str,
    actor: i64,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO api_tokens (organization_id, name, hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[org.into(), name.into(), hash.into(), actor.into(), now.into()],
        )
        .await?;
    let details = serde_json::json!({ "token": id, "name": name }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "api_token.created",
        ("organization", org),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn of_organization(db: &Db, org: i64) -> DbResult<Vec<TokenRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM api_tokens WHERE organization_id = $1 ORDER BY created_at DESC, id DESC"),
        &[org.into()],
    )
    .await
}

/// Revokes a token of `org`; false when there is no such live token.
pub async fn revoke(db: &Db, org: i64, id: i64, actor: i64, now: i64) -> DbResult<bool> {
    let live: Option<(i64,)> = db
        .fetch_optional(
            "SELECT id FROM api_tokens WHERE id = $1 AND organization_id = $2 AND revoked_at IS NULL",
            &[id.into(), org.into()],
        )
        .await?;
    if live.is_none() {
        return Ok(false);
    }
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2",
        &[now.into(), id.into()],
    )
    .await?;
    let details = serde_json::json!({ "token": id }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "api_token.revoked",
        ("organization", org),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// How stale a token's „zuletzt benutzt“ may get before a use writes it again: a sync
/// sending many writes a second would otherwise add a write transaction to each.
const LAST_USED_PRECISION: i64 = 60;

/// The live token with this hash, noting its use (to the minute).
pub async fn authenticate(db: &Db, hash: &str, now: i64) -> DbResult<Option<TokenRow>> {
    let row: Option<TokenRow> = db
        .fetch_optional(
            &format!("SELECT {COLUMNS} FROM api_tokens WHERE hash = $1 AND revoked_at IS NULL"),
            &[hash.into()],
        )
        .await?;
    if let Some(t) = row.as_ref().filter(|t| {
        t.last_used_at
            .is_none_or(|at| now - at >= LAST_USED_PRECISION || at > now)
    }) {
        let mut tx = db.begin().await?;
        tx.execute(
            "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
            &[now.into(), t.id.into()],
        )
        .await?;
        tx.commit().await?;
    }
    Ok(row)
}

/// The event of `org` with the caller's external id.
pub async fn event_by_external_id(db: &Db, org: i64, external_id: &str) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT e.id FROM events e JOIN event_organizers eo ON eo.event_id = e.id \
             WHERE eo.organization_id = $1 AND e.external_id = $2",
            &[org.into(), external_id.into()],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

/// What an import last wrote into an event, with the SEQUENCE it left (see
/// `import::store`): `(fingerprint, sequence)`.
pub async fn import_fingerprint(db: &Db, event: i64) -> DbResult<Option<(String, i64)>> {
    db.fetch_optional(
        "SELECT import_fingerprint, sequence FROM events WHERE id = $1",
        &[event.into()],
    )
    .await
}

/// Remembers what an import wrote into an event (with its SEQUENCE now).
pub async fn set_import_fingerprint(db: &Db, event: i64, fingerprint: &str) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE events SET import_fingerprint = $1 || '@' || CAST(sequence AS TEXT) WHERE id = $2",
        &[fingerprint.into(), event.into()],
    )
    .await?;
    tx.commit().await
}
