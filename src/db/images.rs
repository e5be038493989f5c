//! Images attached to events: alt text, credit, size and the stored variants (JSON).

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
