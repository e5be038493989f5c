//! Organisations: institutions, collectives, ensembles, festivals, offices, associations.

use super::{Db, DbResult};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrgRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub website: String,
    pub district: Option<String>,
    pub verified: bool,
}

const COLUMNS: &str = "id, slug, name, kind, description, website, district, verified";

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
