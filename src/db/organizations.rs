//! Organisations: institutions, collectives, ensembles, festivals, offices, associations.

use super::{Db, DbResult, Value};
use crate::domain::permissions::OrgRole;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrgRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    /// The description in English, for the English interface (empty: none).
    pub description_en: String,
    pub website: String,
    pub district: Option<String>,
    pub verified: bool,
    /// JSON list of stored variants, or empty.
    pub logo: String,
    pub logo_alt: String,
}

const COLUMNS: &str = "id, slug, name, kind, description, description_en, website, district, verified, logo, logo_alt";

pub async fn by_slug(db: &Db, slug: &str) -> DbResult<Option<OrgRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM organizations WHERE slug = $1"),
        &[slug.into()],
    )
    .await
}

pub async fn all(db: &Db) -> DbResult<Vec<OrgRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM organizations ORDER BY name"),
        &[],
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<OrgRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM organizations WHERE id = $1"),
        &[id.into()],
    )
    .await
}

/// One member of an organisation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: OrgRole,
}

pub async fn members(db: &Db, org: i64) -> DbResult<Vec<MemberRow>> {
    db.fetch_all(
        "SELECT u.id AS user_id, u.display_name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.organization_id = $1 ORDER BY m.role DESC, u.display_name",
        &[org.into()],
    )
    .await
}

/// The organisation's editable data.
pub struct OrgEdit {
    pub name: String,
    pub description: String,
    pub description_en: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    /// Profile links (https only), stored as a JSON list.
    pub social_links: Vec<String>,
    pub district: Option<String>,
    pub category_ids: Vec<i64>,
}

pub async fn update(db: &Db, id: i64, edit: &OrgEdit, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE organizations SET name = $1, description = $2, website = $3, email = $4, phone = $5, updated_at = $6, \
         social_links = $8, district = $9, description_en = $10 WHERE id = $7",
        &[
            edit.name.as_str().into(),
            edit.description.as_str().into(),
            edit.website.as_str().into(),
            edit.email.as_str().into(),
            edit.phone.as_str().into(),
            now.into(),
            id.into(),
            serde_json::to_string(&edit.social_links)
                .unwrap_or_else(|_| "[]".into())
                .into(),
            Value::OptText(edit.district.clone()),
            edit.description_en.as_str().into(),
        ],
    )
    .await?;
    tx.execute(
        "DELETE FROM organization_categories WHERE organization_id = $1",
        &[id.into()],
    )
    .await?;
    tx.insert_many(
        "organization_categories",
        &["organization_id", "category_id"],
        edit.category_ids
            .iter()
            .map(|c| vec![Value::Int(id), Value::Int(*c)])
            .collect(),
    )
    .await?;
    let details = serde_json::json!({ "name": edit.name, "website": edit.website }).to_string();
    super::users::audit(
        &mut tx,
        now,
        Some(actor),
        "organization.updated",
        ("organization", id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Changes a member's role, or removes them (`role = None`). Refuses to leave the
/// organisation without an owner: returns false then.
pub async fn set_member(
    db: &Db,
    org: i64,
    user_id: i64,
    role: Option<OrgRole>,
    actor: i64,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    match role {
        Some(role) => {
            tx.execute(
                "UPDATE memberships SET role = $1 WHERE organization_id = $2 AND user_id = $3",
                &[role.key().into(), org.into(), user_id.into()],
            )
            .await?
        }
        None => {
            tx.execute(
                "DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2",
                &[org.into(), user_id.into()],
            )
            .await?
        }
    }
    let (owners,): (i64,) = tx
        .fetch_one(
            "SELECT COUNT(*) FROM memberships WHERE organization_id = $1 AND role = 'owner'",
            &[org.into()],
        )
        .await?;
    if owners == 0 {
        // Dropping the transaction rolls it back.
        return Ok(false);
    }
    let (action, details) = match role {
        Some(role) => (
            "membership.role_changed",
            serde_json::json!({ "user_id": user_id, "role": role.key() }),
        ),
        None => (
            "membership.removed",
            serde_json::json!({ "user_id": user_id }),
        ),
    };
    super::users::audit(
        &mut tx,
        now,
        Some(actor),
        action,
        ("organization", org),
        &details.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Marks an organisation as verified: its events publish without the queue from now on.
pub async fn set_verified(db: &Db, org: i64, verified: bool, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE organizations SET verified = $1, updated_at = $2 WHERE id = $3",
        &[verified.into(), now.into(), org.into()],
    )
    .await?;
    let action = if verified {
        "organization.verified"
    } else {
        "organization.unverified"
    };
    super::users::audit(
        &mut tx,
        now,
        Some(actor),
        action,
        ("organization", org),
        "{}",
    )
    .await?;
    tx.commit().await
}

/// Organisations whose events still go through the queue.
pub async fn unverified(db: &Db) -> DbResult<Vec<OrgRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM organizations WHERE verified = FALSE ORDER BY name"),
        &[],
    )
    .await
}

/// Stores an invitation (the token's hash) and writes the audit-log row.
pub async fn invite(
    db: &Db,
    org: i64,
    email: &str,
    role: OrgRole,
    token_hash: &str,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO invitations (hash, organization_id, email, role, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            token_hash.into(),
            org.into(),
            email.into(),
            role.key().into(),
            actor.into(),
            now.into(),
            (now + 14 * 86_400).into(),
        ],
    )
    .await?;
    let details = serde_json::json!({ "email": email, "role": role.key() }).to_string();
    super::users::audit(
        &mut tx,
        now,
        Some(actor),
        "membership.invited",
        ("organization", org),
        &details,
    )
    .await?;
    tx.commit().await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub organization_id: i64,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: OrgRole,
}

pub async fn invitation(db: &Db, token_hash: &str, now: i64) -> DbResult<Option<InvitationRow>> {
    db.fetch_optional(
        "SELECT organization_id, email, role FROM invitations WHERE hash = $1 AND expires_at > $2",
        &[token_hash.into(), now.into()],
    )
    .await
}

/// Accepts an invitation for `user_id`: the membership is added (or its role raised) and
/// the invitation used up.
pub async fn accept_invitation(
    db: &Db,
    token_hash: &str,
    inv: &InvitationRow,
    user_id: i64,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM invitations WHERE hash = $1",
        &[token_hash.into()],
    )
    .await?;
    tx.execute(
        "INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (organization_id, user_id) DO UPDATE SET role = CASE WHEN memberships.role = 'owner' THEN 'owner' ELSE excluded.role END",
        &[inv.organization_id.into(), user_id.into(), inv.role.key().into(), now.into()],
    )
    .await?;
    let details =
        serde_json::json!({ "user_id": user_id, "role": inv.role.key(), "via": "invitation" })
            .to_string();
    super::users::audit(
        &mut tx,
        now,
        Some(user_id),
        "membership.added",
        ("organization", inv.organization_id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// A new organisation, founded by an approved application; its founder becomes owner.
pub async fn create_with_owner(
    db: &Db,
    name: &str,
    kind: &str,
    owner: i64,
    actor: i64,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let slug = super::event_writes::unique_slug(&mut tx, "organizations", name).await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO organizations (slug, name, kind, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
            &[slug.into(), name.into(), kind.into(), now.into()],
        )
        .await?;
    tx.execute(
        "INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)",
        &[id.into(), owner.into(), now.into()],
    )
    .await?;
    let details = serde_json::json!({ "name": name, "kind": kind, "owner": owner }).to_string();
    super::users::audit(
        &mut tx,
        now,
        Some(actor),
        "organization.created",
        ("organization", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The organisation's contact address and phone (not part of the public row).
pub async fn contact(db: &Db, id: i64) -> DbResult<(String, String)> {
    let row: Option<(String, String)> = db
        .fetch_optional(
            "SELECT email, phone FROM organizations WHERE id = $1",
            &[id.into()],
        )
        .await?;
    Ok(row.unwrap_or_default())
}

/// The organisation's social profile links (stored as a JSON list of URLs).
pub async fn social_links(db: &Db, id: i64) -> DbResult<Vec<String>> {
    let row: Option<(String,)> = db
        .fetch_optional(
            "SELECT social_links FROM organizations WHERE id = $1",
            &[id.into()],
        )
        .await?;
    Ok(row
        .and_then(|r| serde_json::from_str::<Vec<String>>(&r.0).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .collect())
}

/// Sets (or with `None` removes) the organisation's logo.
pub async fn set_logo(
    db: &Db,
    org: i64,
    logo: Option<(&str, &str)>,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let (variants, alt) = logo.unwrap_or(("", ""));
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE organizations SET logo = $1, logo_alt = $2, updated_at = $3 WHERE id = $4",
        &[variants.into(), alt.into(), now.into(), org.into()],
    )
    .await?;
    let details = serde_json::json!({ "alt": alt }).to_string();
    super::users::audit(
        &mut tx,
        now,
        Some(actor),
        "organization.logo",
        ("organization", org),
        &details,
    )
    .await?;
    tx.commit().await
}
