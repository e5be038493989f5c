//! „Mein Kulturkalender“: personal calendars (found by the hash of their private link, or
//! by the member's account) and their entries.

use super::{Db, DbResult};
use crate::domain::personal::ItemKind;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CalendarRow {
    pub id: i64,
    pub user_id: Option<i64>,
    pub lang: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: ItemKind,
    pub value: String,
    pub remind: bool,
    pub created_at: i64,
}

const CALENDAR: &str = "SELECT id, user_id, lang, created_at FROM personal_calendars";

/// Makes a calendar whose link has the hash `token_hash`; returns its id.
pub async fn create(
    db: &Db,
    token_hash: &str,
    user: Option<i64>,
    lang: &str,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO personal_calendars (token_hash, user_id, lang, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            &[token_hash.into(), user.into(), lang.into(), now.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The calendar behind a private link (by the hash of its token).
pub async fn by_token_hash(db: &Db, token_hash: &str) -> DbResult<Option<CalendarRow>> {
    db.fetch_optional(
        &format!("{CALENDAR} WHERE token_hash = $1"),
        &[token_hash.into()],
    )
    .await
}

/// A member's calendar.
pub async fn of_user(db: &Db, user: i64) -> DbResult<Option<CalendarRow>> {
    db.fetch_optional(&format!("{CALENDAR} WHERE user_id = $1"), &[user.into()])
        .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<CalendarRow>> {
    db.fetch_optional(&format!("{CALENDAR} WHERE id = $1"), &[id.into()])
        .await
}

/// Gives the calendar a new link; the old one stops working at once.
pub async fn replace_token(db: &Db, id: i64, token_hash: &str, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE personal_calendars SET token_hash = $2, replaced_at = $3 WHERE id = $1",
        &[id.into(), token_hash.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// Deletes a calendar with everything in it.
pub async fn delete(db: &Db, id: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM personal_items WHERE calendar_id = $1",
        &[id.into()],
    )
    .await?;
    tx.execute("DELETE FROM personal_calendars WHERE id = $1", &[id.into()])
        .await?;
    tx.commit().await
}

/// The entries of a calendar, by kind and in the order they were added.
pub async fn items(db: &Db, calendar: i64) -> DbResult<Vec<ItemRow>> {
    let mut rows: Vec<ItemRow> = db
        .fetch_all(
            "SELECT id, kind, value, remind, created_at FROM personal_items WHERE calendar_id = $1 ORDER BY id",
            &[calendar.into()],
        )
        .await?;
    rows.sort_by_key(|r| r.kind);
    Ok(rows)
}

/// Adds an entry (once: the same entry again changes nothing). Returns whether the
/// calendar has room (at most `max` entries).
pub async fn add(
    db: &Db,
    calendar: i64,
    kind: ItemKind,
    value: &str,
    max: usize,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let (count,): (i64,) = tx
        .fetch_one(
            "SELECT COUNT(*) FROM personal_items WHERE calendar_id = $1",
            &[calendar.into()],
        )
        .await?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= max {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO personal_items (calendar_id, kind, value, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (calendar_id, kind, value) DO NOTHING",
        &[calendar.into(), kind.key().into(), value.into(), now.into()],
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes one entry of this calendar.
pub async fn remove(db: &Db, calendar: i64, item: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM personal_items WHERE calendar_id = $1 AND id = $2",
        &[calendar.into(), item.into()],
    )
    .await?;
    tx.commit().await
}

/// Switches the reminder the day before for an event on the Merkliste.
pub async fn set_remind(db: &Db, calendar: i64, item: i64, on: bool) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE personal_items SET remind = $3 WHERE calendar_id = $1 AND id = $2 AND kind = 'merkliste'",
        &[calendar.into(), item.into(), on.into()],
    )
    .await?;
    tx.commit().await
}
