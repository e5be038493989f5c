//! Venues: where culture happens.

use super::users::audit;
use super::{Db, DbResult, Params, Tx};
use crate::domain::moderation::Decision;
use crate::domain::venue::{
    AccessCheck, AccessProfile, OpeningHours, VenueDetails, VenueInput, VenuePlace, VenueStatus,
};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, serde::Deserialize)]
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
    #[serde(deserialize_with = "super::packed::flag")]
    pub step_free: bool,
    #[serde(deserialize_with = "super::packed::flag")]
    pub wheelchair_wc: bool,
    #[serde(deserialize_with = "super::packed::flag")]
    pub wheelchair_spaces: bool,
    #[serde(deserialize_with = "super::packed::flag")]
    pub lift: bool,
    #[serde(deserialize_with = "super::packed::flag")]
    pub parking: bool,
    #[serde(deserialize_with = "super::packed::flag")]
    pub induction_loop: bool,
    pub access_notes: String,
    /// Pending while a proposal waits for moderation.
    #[sqlx(try_from = "String")]
    #[serde(deserialize_with = "super::packed::parsed")]
    pub status: VenueStatus,
    #[serde(deserialize_with = "super::packed::flag")]
    pub seating: bool,
    #[serde(deserialize_with = "super::packed::flag")]
    pub quiet_room: bool,
    #[serde(deserialize_with = "super::packed::flag")]
    pub assistance_dogs: bool,
    pub access_checked: String,
    /// JSON, see [`OpeningHours::from_storage`].
    pub opening_hours: String,
    /// The organisation that keeps this venue's data.
    pub organization_id: Option<i64>,
    /// JSON list of stored variants, or empty.
    pub image: String,
    pub image_alt: String,
}

impl VenueRow {
    pub fn access(&self) -> AccessProfile {
        AccessProfile {
            step_free: self.step_free,
            lift: self.lift,
            wheelchair_spaces: self.wheelchair_spaces,
            wheelchair_wc: self.wheelchair_wc,
            parking: self.parking,
            induction_loop: self.induction_loop,
            seating: self.seating,
            quiet_room: self.quiet_room,
            assistance_dogs: self.assistance_dogs,
            check: AccessCheck::parse(&self.access_checked).unwrap_or_default(),
            notes: self.access_notes.clone(),
        }
    }

    pub fn hours(&self) -> OpeningHours {
        OpeningHours::from_storage(&self.opening_hours)
    }

    /// The venue as its edit form shows it.
    pub fn input(&self) -> VenueInput {
        VenueInput {
            details: VenueDetails {
                name: self.name.clone(),
                description: self.description.clone(),
                website: self.website.clone(),
                email: self.email.clone(),
                phone: self.phone.clone(),
                hours: self.hours(),
            },
            place: self.place(),
        }
    }

    pub fn place(&self) -> VenuePlace {
        VenuePlace {
            street: self.street.clone(),
            postal_code: self.postal_code.clone(),
            district: self.district.clone(),
            lat: self.lat,
            lon: self.lon,
            access: self.access(),
        }
    }
}

const COLUMNS: &str = "id, slug, name, street, postal_code, city, district, lat, lon, description, website, \
    email, phone, step_free, wheelchair_wc, wheelchair_spaces, lift, parking, induction_loop, access_notes, status, \
    seating, quiet_room, assistance_dogs, access_checked, opening_hours, organization_id, image, image_alt";

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
    db.fetch_packed(
        &format!("SELECT {COLUMNS} FROM venues WHERE id IN ({list})"),
        COLUMNS,
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
pub async fn decide(db: &Db, id: i64, decision: Decision, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    if decision.approves() {
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
    let action = format!("venue.{}", decision.key());
    super::users::audit(&mut tx, now, Some(actor), &action, ("venue", id), "{}").await?;
    tx.commit().await
}

/// Venues whose data an organisation keeps.
pub async fn kept_by(db: &Db, organization: i64) -> DbResult<Vec<VenueRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM venues WHERE organization_id = $1 AND status = 'published' ORDER BY name"),
        &[organization.into()],
    )
    .await
}

/// Names the organisation that keeps a venue's data (`None`: nobody but moderators).
pub async fn set_keeper(
    db: &Db,
    venue: i64,
    organization: Option<i64>,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE venues SET organization_id = $1, updated_at = $2 WHERE id = $3",
        &[organization.into(), now.into(), venue.into()],
    )
    .await?;
    let details = serde_json::json!({ "organization": organization }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "venue.keeper",
        ("venue", venue),
        &details,
    )
    .await?;
    tx.commit().await
}

async fn write_details(tx: &mut Tx, venue: i64, d: &VenueDetails, now: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE venues SET name = $1, description = $2, website = $3, email = $4, phone = $5, \
         opening_hours = $6, updated_at = $7 WHERE id = $8",
        &[
            d.name.as_str().into(),
            d.description.as_str().into(),
            d.website.as_str().into(),
            d.email.as_str().into(),
            d.phone.as_str().into(),
            d.hours.to_storage().into(),
            now.into(),
            venue.into(),
        ],
    )
    .await
}

async fn write_place(tx: &mut Tx, venue: i64, p: &VenuePlace, now: i64) -> DbResult<()> {
    let a = &p.access;
    tx.execute(
        "UPDATE venues SET street = $1, postal_code = $2, district = $3, lat = $4, lon = $5, \
         step_free = $6, lift = $7, wheelchair_spaces = $8, wheelchair_wc = $9, parking = $10, \
         induction_loop = $11, seating = $12, quiet_room = $13, assistance_dogs = $14, \
         access_checked = $15, access_notes = $16, updated_at = $17 WHERE id = $18",
        &[
            p.street.as_str().into(),
            p.postal_code.as_str().into(),
            p.district.as_str().into(),
            p.lat.into(),
            p.lon.into(),
            a.step_free.into(),
            a.lift.into(),
            a.wheelchair_spaces.into(),
            a.wheelchair_wc.into(),
            a.parking.into(),
            a.induction_loop.into(),
            a.seating.into(),
            a.quiet_room.into(),
            a.assistance_dogs.into(),
            a.check.slug().into(),
            a.notes.as_str().into(),
            now.into(),
            venue.into(),
        ],
    )
    .await
}

/// What became of an edit by a venue's keepers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Everything is live.
    Live,
    /// The details are live; the address and access data wait for moderation.
    Proposed,
}

/// Saves an edit. Moderators' edits go live as a whole; a keeper's details go live and
/// changed address or access data become a proposal (replacing an earlier one that still
/// waits). One transaction, with its audit-log rows.
pub async fn save(
    db: &Db,
    venue: &VenueRow,
    input: &VenueInput,
    moderator: bool,
    organization: Option<i64>,
    actor: i64,
    now: i64,
) -> DbResult<Saved> {
    let mut tx = db.begin().await?;
    write_details(&mut tx, venue.id, &input.details, now).await?;
    let changed = venue.place() != input.place;
    let saved = if moderator || !changed {
        if changed {
            write_place(&mut tx, venue.id, &input.place, now).await?;
        }
        Saved::Live
    } else {
        tx.execute(
            "DELETE FROM venue_changes WHERE venue_id = $1 AND status = 'pending'",
            &[venue.id.into()],
        )
        .await?;
        let data = serde_json::to_string(&input.place).unwrap_or_default();
        tx.execute(
            "INSERT INTO venue_changes (venue_id, organization_id, proposed_by, data, created_at) VALUES ($1, $2, $3, $4, $5)",
            &[
                venue.id.into(),
                organization.into(),
                actor.into(),
                data.into(),
                now.into(),
            ],
        )
        .await?;
        audit(
            &mut tx,
            now,
            Some(actor),
            "venue.change_proposed",
            ("venue", venue.id),
            "{}",
        )
        .await?;
        Saved::Proposed
    };
    let details =
        serde_json::json!({ "place_changed": changed && saved == Saved::Live }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "venue.updated",
        ("venue", venue.id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(saved)
}

/// A proposed change to a venue's address and access data.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangeRow {
    pub id: i64,
    pub venue_id: i64,
    pub venue_slug: String,
    pub venue_name: String,
    pub organization_name: Option<String>,
    pub proposer_id: Option<i64>,
    pub proposer_name: Option<String>,
    pub proposer_email: Option<String>,
    pub data: String,
    pub status: String,
    pub created_at: i64,
}

impl ChangeRow {
    pub fn place(&self) -> Option<VenuePlace> {
        serde_json::from_str(&self.data).ok()
    }
}

const CHANGE_COLUMNS: &str = "c.id, c.venue_id, v.slug AS venue_slug, v.name AS venue_name, \
    o.name AS organization_name, u.id AS proposer_id, u.display_name AS proposer_name, u.email AS proposer_email, \
    c.data, c.status, c.created_at";
const CHANGE_FROM: &str = "venue_changes c JOIN venues v ON v.id = c.venue_id \
    LEFT JOIN organizations o ON o.id = c.organization_id LEFT JOIN users u ON u.id = c.proposed_by";

pub async fn pending_changes(db: &Db) -> DbResult<Vec<ChangeRow>> {
    db.fetch_all(
        &format!("SELECT {CHANGE_COLUMNS} FROM {CHANGE_FROM} WHERE c.status = 'pending' ORDER BY c.created_at, c.id"),
        &[],
    )
    .await
}

/// The change waiting for a venue, if any.
pub async fn pending_change_of(db: &Db, venue: i64) -> DbResult<Option<ChangeRow>> {
    db.fetch_optional(
        &format!("SELECT {CHANGE_COLUMNS} FROM {CHANGE_FROM} WHERE c.status = 'pending' AND c.venue_id = $1"),
        &[venue.into()],
    )
    .await
}

/// Approves (applies) or rejects a waiting change, with its audit-log row. Returns the
/// change as it was, or `None` when it was no longer waiting.
pub async fn decide_change(
    db: &Db,
    id: i64,
    decision: Decision,
    reason: &str,
    actor: i64,
    now: i64,
) -> DbResult<Option<ChangeRow>> {
    let mut tx = db.begin().await?;
    let rows: Vec<ChangeRow> = tx
        .fetch_all(
            &format!("SELECT {CHANGE_COLUMNS} FROM {CHANGE_FROM} WHERE c.id = $1 AND c.status = 'pending'"),
            &[id.into()],
        )
        .await?;
    let Some(change) = rows.into_iter().next() else {
        return Ok(None);
    };
    if decision.approves()
        && let Some(place) = change.place()
    {
        write_place(&mut tx, change.venue_id, &place, now).await?;
    }
    tx.execute(
        "UPDATE venue_changes SET status = $1, reason = $2, decided_at = $3, decided_by = $4 WHERE id = $5",
        &[
            decision.key().into(),
            reason.into(),
            now.into(),
            actor.into(),
            id.into(),
        ],
    )
    .await?;
    let action = format!("venue.change_{}", decision.key());
    let details = serde_json::json!({ "change": id, "reason": reason }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        &action,
        ("venue", change.venue_id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(change))
}

/// Sets (or with `None` removes) the venue's photo.
pub async fn set_image(
    db: &Db,
    venue: i64,
    image: Option<(&str, &str)>,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let (variants, alt) = image.unwrap_or(("", ""));
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE venues SET image = $1, image_alt = $2, updated_at = $3 WHERE id = $4",
        &[variants.into(), alt.into(), now.into(), venue.into()],
    )
    .await?;
    let details = serde_json::json!({ "alt": alt }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "venue.image",
        ("venue", venue),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Writes a whole profile and its keeper without audit rows: for seeding only.
pub async fn seed_profile(
    db: &Db,
    venue: i64,
    input: &VenueInput,
    keeper: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    write_details(&mut tx, venue, &input.details, now).await?;
    write_place(&mut tx, venue, &input.place, now).await?;
    tx.execute(
        "UPDATE venues SET organization_id = $1 WHERE id = $2",
        &[keeper.into(), venue.into()],
    )
    .await?;
    tx.commit().await
}
