//! Venues: where culture happens.

use super::{Db, DbResult, Params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct VenueRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub description: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub step_free: bool,
    pub wheelchair_wc: bool,
    pub wheelchair_spaces: bool,
    pub lift: bool,
    pub parking: bool,
    pub induction_loop: bool,
    pub access_notes: String,
}

const COLUMNS: &str = "id, slug, name, street, postal_code, city, district, lat, lon, description, website, \
    email, phone, step_free, wheelchair_wc, wheelchair_spaces, lift, parking, induction_loop, access_notes";

pub async fn by_slug(db: &Db, slug: &str) -> DbResult<Option<VenueRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM venues WHERE slug = $1"),
        &[slug.into()],
    )
    .await
}

pub async fn by_ids(db: &Db, ids: &[i64]) -> DbResult<Vec<VenueRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = Params::default();
    let list = p.push_list(ids.iter().copied());
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM venues WHERE id IN ({list})"),
        &p.values,
    )
    .await
}

pub async fn all(db: &Db) -> DbResult<Vec<VenueRow>> {
    db.fetch_all(&format!("SELECT {COLUMNS} FROM venues ORDER BY name"), &[])
        .await
}
