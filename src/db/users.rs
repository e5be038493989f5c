//! Accounts and their memberships in organisations. Every change writes its audit-log row
//! in the same transaction.

use super::{Db, DbError, DbResult, Tx, Value};
use crate::domain::account::{Email, PlatformRole};
use crate::domain::permissions::OrgRole;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    #[sqlx(try_from = "String")]
    pub role: PlatformRole,
    /// The language of the interface for mails (`de`, `en`).
    pub lang: String,
    /// Raised when every session of the account ends (password changed, „Überall abmelden“).
    pub session_epoch: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MembershipRow {
    pub slug: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub role: OrgRole,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("e-mail address already registered")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] DbError),
}

const COLUMNS: &str = "id, email, display_name, password_hash, role, lang, session_epoch";

/// Writes one audit-log row inside `tx`.
pub async fn audit(
    tx: &mut Tx,
    at: i64,
    actor: Option<i64>,
    action: &str,
    subject: (&str, i64),
    details: &str,
) -> DbResult<()> {
    tx.execute(
        "INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5, $6)",
        &[at.into(), Value::OptInt(actor), action.into(), subject.0.into(), subject.1.into(), details.into()],
    )
    .await
}

/// Creates an account; a taken address is [`CreateUserError::EmailTaken`], not a crash.
pub async fn create(
    db: &Db,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    role: PlatformRole,
    now: i64,
) -> Result<i64, CreateUserError> {
    if by_email(db, email).await?.is_some() {
        return Err(CreateUserError::EmailTaken);
    }
    let mut tx = db.begin().await?;
    let inserted: Result<(i64,), DbError> = tx
        .fetch_one(
            "INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            &[
                email.as_str().into(),
                display_name.into(),
                password_hash.into(),
                role.key().into(),
                now.into(),
            ],
        )
        .await;
    let (id,) = match inserted {
        Ok(row) => row,
        // Two registrations racing for one address: the unique index decides.
        Err(DbError::Sqlx(sqlx::Error::Database(e))) if e.is_unique_violation() => {
            return Err(CreateUserError::EmailTaken);
        }
        Err(e) => return Err(e.into()),
    };
    let details = serde_json::json!({ "email": email.as_str(), "role": role.key() }).to_string();
    audit(
        &mut tx,
        now,
        Some(id),
        "user.created",
        ("user", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Sets the language of the account's mails (a language code such as `en`).
pub async fn set_lang(db: &Db, user_id: i64, lang: &str) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE users SET lang = $1 WHERE id = $2",
        &[lang.into(), user_id.into()],
    )
    .await?;
    tx.commit().await
}

/// The language of the account's mails (`de` for an unknown account).
pub async fn lang_of(db: &Db, user_id: i64) -> DbResult<String> {
    let row: Option<(String,)> = db
        .fetch_optional("SELECT lang FROM users WHERE id = $1", &[user_id.into()])
        .await?;
    Ok(row.map_or_else(|| "de".to_owned(), |r| r.0))
}

pub async fn by_email(db: &Db, email: &Email) -> DbResult<Option<UserRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM users WHERE email = $1"),
        &[email.as_str().into()],
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<UserRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM users WHERE id = $1"),
        &[id.into()],
    )
    .await
}

/// The organisations a person belongs to, by name.
pub async fn memberships(db: &Db, user_id: i64) -> DbResult<Vec<MembershipRow>> {
    db.fetch_all(
        "SELECT o.slug, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id \
         WHERE m.user_id = $1 ORDER BY o.name",
        &[user_id.into()],
    )
    .await
}

/// Adds a person to an organisation, with its audit-log row.
pub async fn add_membership(
    db: &Db,
    org_id: i64,
    user_id: i64,
    role: OrgRole,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
        &[org_id.into(), user_id.into(), role.key().into(), now.into()],
    )
    .await?;
    let details = serde_json::json!({ "user_id": user_id, "role": role.key() }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "membership.added",
        ("organization", org_id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// How many failed logins `key` had since `since`.
pub async fn failures_since(db: &Db, key: &str, since: i64) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2",
            &[key.into(), since.into()],
        )
        .await?;
    Ok(n)
}

/// How many failed logins `key` had since `since`, and when the last one was.
pub async fn failures_and_last(db: &Db, key: &str, since: i64) -> DbResult<(i64, i64)> {
    let (n, last): (i64, Option<i64>) = db
        .fetch_one(
            "SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = $1 AND at >= $2",
            &[key.into(), since.into()],
        )
        .await?;
    Ok((n, last.unwrap_or(0)))
}

/// Records a failed login for each key and forgets failures older than a day.
pub async fn record_failure(db: &Db, keys: &[String], now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    for key in keys {
        tx.execute(
            "INSERT INTO login_failures (key, at) VALUES ($1, $2)",
            &[key.as_str().into(), now.into()],
        )
        .await?;
    }
    tx.execute(
        "DELETE FROM login_failures WHERE at < $1",
        &[(now - 86_400).into()],
    )
    .await?;
    tx.commit().await
}

/// Everything stored about one person, for the GDPR export.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub at: i64,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub details: String,
}

/// The audit-log rows a person caused.
pub async fn audit_by_actor(db: &Db, user_id: i64) -> DbResult<Vec<AuditRow>> {
    db.fetch_all(
        "SELECT at, action, subject_type, subject_id, details FROM audit_log WHERE actor_id = $1 ORDER BY at, id",
        &[user_id.into()],
    )
    .await
}

/// Deletes an account. Memberships go with it; the organisations and their events stay;
/// the audit log keeps the deletion without the address.
pub async fn delete(db: &Db, user_id: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute("DELETE FROM users WHERE id = $1", &[user_id.into()])
        .await?;
    audit(&mut tx, now, None, "user.deleted", ("user", user_id), "{}").await?;
    tx.commit().await
}

/// Stores the hash of a one-time token for `user_id`.
pub async fn store_token(
    db: &Db,
    hash: &str,
    user_id: i64,
    purpose: &str,
    expires_at: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO account_tokens (hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)",
        &[
            hash.into(),
            user_id.into(),
            purpose.into(),
            expires_at.into(),
        ],
    )
    .await?;
    tx.commit().await
}

/// The account a valid, unexpired token belongs to (without using it up).
pub async fn token_user(db: &Db, hash: &str, purpose: &str, now: i64) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT user_id FROM account_tokens WHERE hash = $1 AND purpose = $2 AND expires_at > $3",
            &[hash.into(), purpose.into(), now.into()],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

/// Confirms the address of the token's account and uses the token up.
pub async fn verify_email(db: &Db, hash: &str, now: i64) -> DbResult<bool> {
    let Some(user_id) = token_user(db, hash, "verify", now).await? else {
        return Ok(false);
    };
    let mut tx = db.begin().await?;
    tx.execute("DELETE FROM account_tokens WHERE hash = $1", &[hash.into()])
        .await?;
    tx.execute(
        "UPDATE users SET email_verified_at = $1, updated_at = $1 WHERE id = $2",
        &[now.into(), user_id.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(user_id),
        "user.email_verified",
        ("user", user_id),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Ends every session of the account (they carry an older epoch from now on).
pub async fn end_sessions(db: &Db, user_id: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE users SET session_epoch = session_epoch + 1, updated_at = $1 WHERE id = $2",
        &[now.into(), user_id.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(user_id),
        "user.sessions_ended",
        ("user", user_id),
        "{}",
    )
    .await?;
    tx.commit().await
}

/// Sets a new password with a reset token (every session of the account ends); every other reset token of the account dies too.
pub async fn reset_password(db: &Db, hash: &str, password_hash: &str, now: i64) -> DbResult<bool> {
    let Some(user_id) = token_user(db, hash, "reset", now).await? else {
        return Ok(false);
    };
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM account_tokens WHERE user_id = $1 AND purpose = 'reset'",
        &[user_id.into()],
    )
    .await?;
    tx.execute(
        "UPDATE users SET password_hash = $1, updated_at = $2, session_epoch = session_epoch + 1 \
         WHERE id = $3",
        &[password_hash.into(), now.into(), user_id.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(user_id),
        "user.password_reset",
        ("user", user_id),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Whether the account's address is confirmed.
pub async fn is_verified(db: &Db, user_id: i64) -> DbResult<bool> {
    let row: Option<(Option<i64>,)> = db
        .fetch_optional(
            "SELECT email_verified_at FROM users WHERE id = $1",
            &[user_id.into()],
        )
        .await?;
    Ok(row.and_then(|r| r.0).is_some())
}

/// The person as the permission rules see them.
pub async fn actor(db: &Db, user: &UserRow) -> DbResult<crate::domain::permissions::Actor> {
    use crate::domain::permissions::Actor;
    let rows: Vec<(i64, String)> = db
        .fetch_all(
            "SELECT organization_id, role FROM memberships WHERE user_id = $1",
            &[user.id.into()],
        )
        .await?;
    let editor: Option<(i64,)> = db
        .fetch_optional(
            "SELECT user_id FROM magazine_editors WHERE user_id = $1",
            &[user.id.into()],
        )
        .await?;
    Ok(Actor {
        magazine_editor: editor.is_some(),
        user_id: user.id,
        role: user.role,
        email_verified: is_verified(db, user.id).await?,
        organizations: rows
            .into_iter()
            .filter_map(|(o, r)| OrgRole::parse(&r).map(|r| (o, r)))
            .collect(),
    })
}

/// Every account, for administration.
pub async fn all(db: &Db) -> DbResult<Vec<UserRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM users ORDER BY display_name, id"),
        &[],
    )
    .await
}

/// Moderators and admins, who hear about new items in the moderation queue.
pub async fn moderators(db: &Db) -> DbResult<Vec<UserRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM users WHERE role IN ('moderator', 'admin') ORDER BY id"),
        &[],
    )
    .await
}

/// Changes a platform role, with its audit-log row.
pub async fn set_role(
    db: &Db,
    user_id: i64,
    role: PlatformRole,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE users SET role = $1, updated_at = $2 WHERE id = $3",
        &[role.key().into(), now.into(), user_id.into()],
    )
    .await?;
    let details = serde_json::json!({ "role": role.key() }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "user.role_changed",
        ("user", user_id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Marks an address as confirmed without a link (accounts an admin or the demo creates).
pub async fn mark_verified(db: &Db, user_id: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL",
        &[now.into(), user_id.into()],
    )
    .await?;
    tx.commit().await
}
