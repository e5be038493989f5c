//! Tentative dates and the density of public events per day, for the planning calendar.

use super::users::audit;
use super::{Db, DbResult, Params, Value};
use crate::domain::pinboard::day_number;
use crate::domain::planning::TentativeInput;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TentativeRow {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub title: String,
    pub day: i64,
    pub time: String,
    pub category_slug: String,
    pub category_name: String,
    pub district: Option<String>,
    pub note: String,
}

const COLUMNS: &str = "t.id, t.organization_id, o.name AS organization_name, t.title, t.day, t.time, \
    c.slug AS category_slug, c.name AS category_name, t.district, t.note";
const FROM: &str = "tentative_dates t JOIN organizations o ON o.id = t.organization_id \
    JOIN categories c ON c.id = t.category_id";

pub async fn add(db: &Db, input: &TentativeInput, actor: i64, now: i64) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO tentative_dates (organization_id, title, day, time, category_id, district, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            &[
                input.organization_id.into(),
                input.title.as_str().into(),
                day_number(input.day).into(),
                input
                    .time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default()
                    .into(),
                input.category_id.into(),
                Value::OptText(input.district.map(|d| d.slug().to_owned())),
                input.note.as_str().into(),
                actor.into(),
                now.into(),
            ],
        )
        .await?;
    let details = serde_json::json!({ "title": input.title }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "tentative.added",
        ("organization", input.organization_id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<TentativeRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE t.id = $1"),
        &[id.into()],
    )
    .await
}

pub async fn delete(db: &Db, id: i64, org: i64, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute("DELETE FROM tentative_dates WHERE id = $1", &[id.into()])
        .await?;
    audit(
        &mut tx,
        now,
        Some(actor),
        "tentative.deleted",
        ("organization", org),
        "{}",
    )
    .await?;
    tx.commit().await
}

/// Tentative dates from `from_day` to `to_day` (inclusive), optionally of one Sparte or
/// district.
pub async fn between(
    db: &Db,
    from_day: i64,
    to_day: i64,
    sparte: Option<&str>,
    district: Option<&str>,
) -> DbResult<Vec<TentativeRow>> {
    let mut p = Params::default();
    let mut sql = format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE t.day >= {} AND t.day <= {}",
        p.push(from_day),
        p.push(to_day)
    );
    if let Some(s) = sparte {
        sql.push_str(&format!(" AND c.slug = {}", p.push(s)));
    }
    if let Some(d) = district {
        sql.push_str(&format!(" AND t.district = {}", p.push(d)));
    }
    sql.push_str(" ORDER BY t.day, t.time, t.id");
    db.fetch_all(&sql, &p.values).await
}

/// Tentative dates on one day that could clash: a shared Sparte and, when given, the same
/// district; not of `except_org`.
pub async fn clashing(
    db: &Db,
    day: i64,
    district: Option<&str>,
    category_ids: &[i64],
    except_orgs: &[i64],
) -> DbResult<Vec<TentativeRow>> {
    if category_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = Params::default();
    let mut sql = format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE t.day = {} AND t.category_id IN ({})",
        p.push(day),
        p.push_list(category_ids.iter().copied())
    );
    if let Some(d) = district {
        sql.push_str(&format!(" AND t.district = {}", p.push(d)));
    }
    if !except_orgs.is_empty() {
        sql.push_str(&format!(
            " AND t.organization_id NOT IN ({})",
            p.push_list(except_orgs.iter().copied())
        ));
    }
    sql.push_str(" ORDER BY t.time, t.id");
    db.fetch_all(&sql, &p.values).await
}

/// One public date for the density count: its start, Sparte and district.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicDate {
    pub starts_at: i64,
    pub event_slug: String,
    pub title: String,
    pub category_slug: String,
    pub category_name: String,
    pub district: Option<String>,
    pub venue_name: Option<String>,
}

/// Published, not cancelled, not hidden dates starting in `[from, to)`, one row per Sparte.
pub async fn public_dates(db: &Db, from: i64, to: i64) -> DbResult<Vec<PublicDate>> {
    db.fetch_all(
        "SELECT o.starts_at, e.slug AS event_slug, e.title, c.slug AS category_slug, c.name AS category_name, \
         v.district, v.name AS venue_name FROM occurrences o JOIN events e ON e.id = o.event_id \
         JOIN event_categories ec ON ec.event_id = e.id JOIN categories c ON c.id = ec.category_id \
         LEFT JOIN venues v ON v.id = e.venue_id \
         WHERE e.status = 'published' AND e.duplicate_of IS NULL AND o.status <> 'cancelled' \
         AND o.starts_at >= $1 AND o.starts_at < $2 AND (o.ends_at - o.starts_at) <= 86400 \
         ORDER BY o.starts_at, e.id",
        &[from.into(), to.into()],
    )
    .await
}

/// The coming dates (not cancelled) of the organisations' events that are published,
/// waiting for review or drafts, one row per Sparte: what a member's home checks for
/// clashes.
pub async fn own_dates(db: &Db, orgs: &[i64], from: i64, to: i64) -> DbResult<Vec<PublicDate>> {
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = Params::default();
    let sql = format!(
        "SELECT o.starts_at, e.slug AS event_slug, e.title, c.slug AS category_slug, c.name AS category_name, \
         v.district, v.name AS venue_name FROM occurrences o JOIN events e ON e.id = o.event_id \
         JOIN event_categories ec ON ec.event_id = e.id JOIN categories c ON c.id = ec.category_id \
         LEFT JOIN venues v ON v.id = e.venue_id \
         WHERE e.status IN ('published', 'pending', 'draft') AND o.status <> 'cancelled' \
         AND o.starts_at >= {} AND o.starts_at < {} \
         AND EXISTS (SELECT 1 FROM event_organizers eo WHERE eo.event_id = e.id AND eo.organization_id IN ({})) \
         ORDER BY o.starts_at, e.id LIMIT 200",
        p.push(from),
        p.push(to),
        p.push_list(orgs.iter().copied())
    );
    db.fetch_all(&sql, &p.values).await
}
