//! Images: those attached to events (alt text, credit, stored variants as JSON), the
//! sources a picture of an event is chosen from, and seeding example pictures.

use super::users::audit;
use super::{Db, DbResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ImageRow {
    pub id: i64,
    pub alt: String,
    pub credit: String,
    pub width: i64,
    pub height: i64,
    /// `[{"key": …, "width": …, "height": …}, …]`, narrowest first.
    pub variants: String,
}

pub async fn of_event(db: &Db, event_id: i64) -> DbResult<Vec<ImageRow>> {
    db.fetch_all(
        "SELECT id, alt, credit, width, height, variants FROM event_images WHERE event_id = $1 ORDER BY position, id",
        &[event_id.into()],
    )
    .await
}

pub struct NewImage<'a> {
    pub alt: &'a str,
    pub credit: &'a str,
    pub width: i64,
    pub height: i64,
    pub variants: String,
}

pub async fn add(
    db: &Db,
    event_id: i64,
    image: NewImage<'_>,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO event_images (event_id, position, alt, credit, width, height, variants) \
         VALUES ($1, (SELECT COALESCE(MAX(position), -1) + 1 FROM event_images WHERE event_id = $1), $2, $3, $4, $5, $6)",
        &[
            event_id.into(),
            image.alt.into(),
            image.credit.into(),
            image.width.into(),
            image.height.into(),
            image.variants.into(),
        ],
    )
    .await?;
    tx.execute(
        "UPDATE events SET updated_at = $1, sequence = sequence + 1 WHERE id = $2",
        &[now.into(), event_id.into()],
    )
    .await?;
    let details = serde_json::json!({ "alt": image.alt }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "event.image_added",
        ("event", event_id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Removes images of one event by id (ids of other events are ignored).
/// Whether a stored picture (an event's image, an organisation's logo, a venue's photo)
/// still uses the files of the image with content hash `hash` (keys are content hashes, so
/// two pictures may share them).
pub async fn hash_in_use(db: &Db, hash: &str) -> DbResult<bool> {
    let pattern = format!("%{hash}%");
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT (SELECT COUNT(*) FROM event_images WHERE variants LIKE $1) \
             + (SELECT COUNT(*) FROM organizations WHERE logo LIKE $1) \
             + (SELECT COUNT(*) FROM venues WHERE image LIKE $1)",
            &[pattern.into()],
        )
        .await?;
    Ok(n > 0)
}

pub async fn remove(db: &Db, event_id: i64, ids: &[i64], actor: i64, now: i64) -> DbResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for id in ids {
        tx.execute(
            "DELETE FROM event_images WHERE id = $1 AND event_id = $2",
            &[(*id).into(), event_id.into()],
        )
        .await?;
    }
    tx.execute(
        "UPDATE events SET updated_at = $1, sequence = sequence + 1 WHERE id = $2",
        &[now.into(), event_id.into()],
    )
    .await?;
    let details = serde_json::json!({ "images": ids }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "event.image_removed",
        ("event", event_id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// An event as far as its picture goes: its texts for a poster and its venue's photo.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct EventPictureRow {
    pub id: i64,
    pub title: String,
    pub location_text: String,
    pub venue_name: Option<String>,
    /// The venue's photo (variants JSON, '' when none) and its alt text.
    pub venue_image: Option<String>,
    pub venue_image_alt: Option<String>,
}

/// The first own image of an event.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct OwnImageRow {
    pub event_id: i64,
    pub alt: String,
    pub credit: String,
    pub variants: String,
}

/// The logo of an event's first organiser that has one.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct LogoRow {
    pub event_id: i64,
    pub name: String,
    pub logo: String,
    pub logo_alt: String,
}

/// An event's dates in short: first and last start, last end, how many, any all-day.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct SpanRow {
    pub event_id: i64,
    pub first_start: i64,
    pub last_start: i64,
    pub last_end: i64,
    pub dates: i64,
    pub all_day: i64,
}

/// Everything the pictures of many events are chosen from, in five queries whatever
/// their number.
#[derive(Debug, Default)]
pub struct PictureSources {
    pub events: Vec<EventPictureRow>,
    pub own: std::collections::HashMap<i64, OwnImageRow>,
    pub logos: std::collections::HashMap<i64, LogoRow>,
    pub spans: std::collections::HashMap<i64, SpanRow>,
    pub sparten: std::collections::HashMap<i64, Vec<super::events::Labelled>>,
}

pub async fn picture_sources(db: &Db, ids: &[i64]) -> DbResult<PictureSources> {
    let sparten = super::events::categories_of(db, ids).await?;
    picture_sources_with(db, ids, sparten).await
}

/// [`picture_sources`] for a caller that has read the events' Sparten already (a list).
pub async fn picture_sources_with(
    db: &Db,
    ids: &[i64],
    sparten: std::collections::HashMap<i64, Vec<super::events::Labelled>>,
) -> DbResult<PictureSources> {
    if ids.is_empty() {
        return Ok(PictureSources::default());
    }
    let mut p = super::Params::default();
    let list = p.push_list(ids.iter().copied());
    let events: Vec<EventPictureRow> = db
        .fetch_packed(
            &format!(
                "SELECT e.id, e.title, e.location_text, v.name AS venue_name, \
                 v.image AS venue_image, v.image_alt AS venue_image_alt \
                 FROM events e LEFT JOIN venues v ON v.id = e.venue_id WHERE e.id IN ({list})"
            ),
            "id, title, location_text, venue_name, venue_image, venue_image_alt",
            &p.values,
        )
        .await?;
    let own_rows: Vec<OwnImageRow> = db
        .fetch_packed(
            &format!(
                "SELECT event_id, alt, credit, variants FROM event_images \
                 WHERE event_id IN ({list}) ORDER BY event_id, position DESC, id DESC"
            ),
            "event_id, alt, credit, variants",
            &p.values,
        )
        .await?;
    let logo_rows: Vec<LogoRow> = db
        .fetch_packed(
            &format!(
                "SELECT eo.event_id, o.name, o.logo, o.logo_alt FROM event_organizers eo \
                 JOIN organizations o ON o.id = eo.organization_id \
                 WHERE eo.event_id IN ({list}) AND o.logo <> '' \
                 ORDER BY eo.event_id, eo.position DESC"
            ),
            "event_id, name, logo, logo_alt",
            &p.values,
        )
        .await?;
    let span_rows: Vec<SpanRow> = db
        .fetch_packed(
            &format!(
                "SELECT event_id, MIN(starts_at) AS first_start, MAX(starts_at) AS last_start, \
                 MAX(ends_at) AS last_end, COUNT(*) AS dates, \
                 CAST(MAX(CASE WHEN all_day THEN 1 ELSE 0 END) AS BIGINT) AS all_day \
                 FROM occurrences WHERE event_id IN ({list}) GROUP BY event_id"
            ),
            "event_id, first_start, last_start, last_end, dates, all_day",
            &p.values,
        )
        .await?;
    // Later rows win: the rows come last-first, so the first image and organiser stay.
    Ok(PictureSources {
        events,
        own: own_rows.into_iter().map(|r| (r.event_id, r)).collect(),
        logos: logo_rows.into_iter().map(|r| (r.event_id, r)).collect(),
        spans: span_rows.into_iter().map(|r| (r.event_id, r)).collect(),
        sparten,
    })
}

/// Adds one image to many events at once (the demo's example pictures), without an
/// audit row each: one statement per thousand rows.
pub async fn add_many(db: &Db, rows: Vec<(i64, NewImage<'_>)>) -> DbResult<()> {
    let mut tx = db.begin().await?;
    let values: Vec<Vec<super::Value>> = rows
        .into_iter()
        .map(|(event_id, i)| {
            vec![
                event_id.into(),
                0i64.into(),
                i.alt.into(),
                i.credit.into(),
                i.width.into(),
                i.height.into(),
                i.variants.into(),
            ]
        })
        .collect();
    tx.insert_many(
        "event_images",
        &[
            "event_id", "position", "alt", "credit", "width", "height", "variants",
        ],
        values,
    )
    .await?;
    tx.commit().await
}

/// Sets photos of venues and logos of organisations (variants JSON, alt text) in one
/// transaction, without audit rows: for seeding the demo only.
pub async fn seed_profile_pictures(
    db: &Db,
    venues: &[(i64, String, String)],
    organizations: &[(i64, String, String)],
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    for (id, variants, alt) in venues {
        tx.execute(
            "UPDATE venues SET image = $1, image_alt = $2 WHERE id = $3",
            &[variants.as_str().into(), alt.as_str().into(), (*id).into()],
        )
        .await?;
    }
    for (id, variants, alt) in organizations {
        tx.execute(
            "UPDATE organizations SET logo = $1, logo_alt = $2 WHERE id = $3",
            &[variants.as_str().into(), alt.as_str().into(), (*id).into()],
        )
        .await?;
    }
    tx.commit().await
}

/// Every published event: id and title (for seeding example pictures).
pub async fn published_events(db: &Db) -> DbResult<Vec<(i64, String)>> {
    db.fetch_all(
        "SELECT id, title FROM events WHERE status = 'published' ORDER BY id",
        &[],
    )
    .await
}
