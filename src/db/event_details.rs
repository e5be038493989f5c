//! Everything about single events: the page, the API record, the search index.

use super::events::{self, Labelled};
use super::venues::{self, VenueRow};
use super::{Db, DbResult, Params};
use crate::domain::event::OccurrenceStatus;
use std::collections::HashMap;

#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct EventRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub title_en: String,
    pub subtitle_en: String,
    pub description_en: String,
    pub venue_id: Option<i64>,
    pub location_text: String,
    pub online_url: String,
    pub price_kind: String,
    pub price_min_cents: Option<i64>,
    pub price_max_cents: Option<i64>,
    pub price_text: String,
    pub ticket_url: String,
    pub min_age: Option<i64>,
    pub languages: String,
    pub access_services: String,
    pub status: String,
    pub source: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Grows with every change (iCalendar SEQUENCE).
    pub sequence: i64,
}

const COLUMNS: &str = "id, slug, title, subtitle, description, title_en, subtitle_en, description_en, venue_id, location_text, online_url, price_kind, \
    price_min_cents, price_max_cents, price_text, ticket_url, min_age, languages, access_services, status, source, \
    created_at, updated_at, sequence";

#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct OccurrenceRow {
    pub id: i64,
    pub event_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    #[serde(deserialize_with = "super::packed::flag")]
    pub all_day: bool,
    #[sqlx(try_from = "String")]
    #[serde(deserialize_with = "super::packed::parsed")]
    pub status: OccurrenceStatus,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
struct TextRow {
    event_id: i64,
    value: String,
}

/// An event with everything linked to it.
#[derive(Debug, Clone)]
pub struct EventDetail {
    pub event: EventRow,
    pub venue: Option<VenueRow>,
    pub categories: Vec<Labelled>,
    pub organizers: Vec<Labelled>,
    pub tags: Vec<String>,
    pub audiences: Vec<String>,
}

/// The published event with this slug.
pub async fn published_id_by_slug(db: &Db, slug: &str) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT id FROM events WHERE slug = $1 AND status = 'published'",
            &[slug.into()],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

/// The event with this slug, whatever its status.
pub async fn id_by_slug(db: &Db, slug: &str) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional("SELECT id FROM events WHERE slug = $1", &[slug.into()])
        .await?;
    Ok(row.map(|r| r.0))
}

/// Published events with their links, keyed by id (missing ids are simply absent).
pub async fn load(db: &Db, ids: &[i64]) -> DbResult<HashMap<i64, EventDetail>> {
    load_with(db, ids, "status = 'published' AND").await
}

/// Events in any status (drafts, the moderation queue), for those allowed to see them.
pub async fn load_any(db: &Db, ids: &[i64]) -> DbResult<HashMap<i64, EventDetail>> {
    load_with(db, ids, "").await
}

async fn load_with(db: &Db, ids: &[i64], condition: &str) -> DbResult<HashMap<i64, EventDetail>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut p = Params::default();
    let list = p.push_list(ids.iter().copied());
    let rows: Vec<EventRow> = db
        .fetch_packed(
            &format!("SELECT {COLUMNS} FROM events WHERE {condition} id IN ({list})"),
            COLUMNS,
            &p.values,
        )
        .await?;
    let mut venue_ids: Vec<i64> = rows.iter().filter_map(|e| e.venue_id).collect();
    venue_ids.sort_unstable();
    venue_ids.dedup();
    let venues: HashMap<i64, VenueRow> = venues::by_ids(db, &venue_ids)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let mut categories = events::categories_of(db, ids).await?;
    let mut organizers = events::organizers_of(db, ids).await?;
    let mut tags = texts(
        db,
        "SELECT event_id, tag AS value FROM event_tags",
        ids,
        "tag",
    )
    .await?;
    let mut audiences = texts(
        db,
        "SELECT event_id, audience AS value FROM event_audiences",
        ids,
        "audience",
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|event| {
            let id = event.id;
            let detail = EventDetail {
                venue: event.venue_id.and_then(|v| venues.get(&v).cloned()),
                categories: categories.remove(&id).unwrap_or_default(),
                organizers: organizers.remove(&id).unwrap_or_default(),
                tags: tags.remove(&id).unwrap_or_default(),
                audiences: audiences.remove(&id).unwrap_or_default(),
                event,
            };
            (id, detail)
        })
        .collect())
}

pub(crate) async fn texts(
    db: &Db,
    select: &str,
    ids: &[i64],
    order: &str,
) -> DbResult<HashMap<i64, Vec<String>>> {
    let mut p = Params::default();
    let list = p.push_list(ids.iter().copied());
    let rows: Vec<TextRow> = db
        .fetch_packed(
            &format!("{select} WHERE event_id IN ({list}) ORDER BY {order}"),
            "event_id, value",
            &p.values,
        )
        .await?;
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for r in rows {
        map.entry(r.event_id).or_default().push(r.value);
    }
    Ok(map)
}

/// Dates of one event ending after `from`, then (if there are none) its last past ones.
pub async fn occurrences(
    db: &Db,
    event_id: i64,
    from: i64,
    limit: i64,
) -> DbResult<(Vec<OccurrenceRow>, Vec<OccurrenceRow>)> {
    let upcoming: Vec<OccurrenceRow> = db
        .fetch_packed(
            "SELECT id, event_id, starts_at, ends_at, all_day, status FROM occurrences \
             WHERE event_id = $1 AND ends_at > $2 ORDER BY starts_at, id LIMIT $3",
            "id, event_id, starts_at, ends_at, all_day, status",
            &[event_id.into(), from.into(), limit.into()],
        )
        .await?;
    let past = if upcoming.is_empty() {
        db.fetch_all(
            "SELECT id, event_id, starts_at, ends_at, all_day, status FROM occurrences \
             WHERE event_id = $1 AND ends_at <= $2 ORDER BY starts_at DESC, id DESC LIMIT 5",
            &[event_id.into(), from.into()],
        )
        .await?
    } else {
        Vec::new()
    };
    Ok((upcoming, past))
}

/// A cheap summary that changes whenever events are added, edited or removed: the search
/// index of every instance compares it to know when to rebuild. Every write bumps
/// `updated_at` and `sequence`, so two edits within one second are told apart too.
pub async fn fingerprint(db: &Db) -> DbResult<(i64, i64)> {
    let (count, latest, sequences, max_id): (i64, Option<i64>, Option<i64>, Option<i64>) = db
        .fetch_one(
            "SELECT COUNT(*), MAX(updated_at), CAST(SUM(sequence) AS BIGINT), MAX(id) FROM events",
            &[],
        )
        .await?;
    let changes = sequences
        .unwrap_or(0)
        .wrapping_mul(1_000_003)
        .wrapping_add(max_id.unwrap_or(0));
    Ok((
        count.wrapping_mul(1_000_003).wrapping_add(changes),
        latest.unwrap_or(0),
    ))
}
