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
    /// `published`, or `pending` while a proposal waits for moderation.
    pub status: String,
}

const COLUMNS: &str = "id, slug, name, street, postal_code, city, district, lat, lon, description, website, \
    email, phone, step_free, wheelchair_wc, wheelchair_spaces, lift, parking, induction_loop, access_notes, status";

pub async fn by_slug(db: &Db, slug: &str) -> DbResult<Option<VenueRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM venues WHERE slug = $1 AND status = 'published'"),
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
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM venues WHERE status = 'published' ORDER BY name"),
        &[],
    )
    .await
}

/// Venues proposed in the editor, waiting for moderation.
pub async fn pending(db: &Db) -> DbResult<Vec<VenueRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM venues WHERE status = 'pending' ORDER BY created_at, id"),
        &[],
    )
    .await
}

/// Publishes a proposed venue (or, when `accept` is false, removes it from the events
/// that named it and deletes it), with its audit-log row.
pub async fn decide(db: &Db, id: i64, accept: bool, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    if accept {
        tx.execute(
            "UPDATE venues SET status = 'published', updated_at = $1 WHERE id = $2 AND status = 'pending'",
            &[now.into(), id.into()],
        )
        .await?;
    } else {
        tx.execute(
            "UPDATE events SET location_text = (SELECT name || ', ' || street FROM venues WHERE id = $1), venue_id = NULL, updated_at = $2, sequence = sequence + 1 WHERE venue_id = $1",
            &[id.into(), now.into()],
        )
        .await?;
        tx.execute(
            "DELETE FROM venues WHERE id = $1 AND status = 'pending'",
            &[id.into()],
        )
        .await?;
    }
    let action = if accept {
        "venue.approved"
    } else {
        "venue.rejected"
    };
    super::users::audit(&mut tx, now, Some(actor), action, ("venue", id), "{}").await?;
    tx.commit().await
}
