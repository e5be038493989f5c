//! Reading the calendar: occurrences by filter, and what a page needs about one event.

use super::{Db, DbResult, Params};
use crate::domain::calendar::Window;
use crate::domain::event::OccurrenceStatus;
use crate::domain::filter::EventFilter;
use serde::Serialize;
use std::collections::HashMap;

/// Which occurrences to list: up to a day long (listed by day), longer ones
/// (exhibitions, "läuft gerade"), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Short,
    Long,
}

/// The order of a list: by start (the calendar) or by end (running exhibitions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Start,
    End,
}

/// One line of the list (read packed: the fields in the order of [`LISTED`]).
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct ListedOccurrence {
    pub occurrence_id: i64,
    pub event_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    #[serde(deserialize_with = "super::packed::flag")]
    pub all_day: bool,
    #[sqlx(try_from = "String")]
    #[serde(deserialize_with = "super::packed::parsed")]
    pub status: OccurrenceStatus,
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    /// English title and subtitle (empty: not translated).
    pub title_en: String,
    pub subtitle_en: String,
    pub price_kind: String,
    pub price_min_cents: Option<i64>,
    pub price_max_cents: Option<i64>,
    pub price_text: String,
    /// The organiser's ticket page (may be empty).
    pub ticket_url: String,
    pub location_text: String,
    pub venue_slug: Option<String>,
    pub venue_name: Option<String>,
    pub venue_district: Option<String>,
}

/// The columns of [`ListedOccurrence`], in its order.
const LISTED: &str = "occurrence_id, event_id, starts_at, ends_at, all_day, status, slug, title, \
    subtitle, title_en, subtitle_en, price_kind, price_min_cents, price_max_cents, price_text, \
    ticket_url, location_text, venue_slug, venue_name, venue_district";

/// The select list of [`LISTED`] over `occurrences o`, `events e` and `venues v`.
const SELECTED: &str = "o.id AS occurrence_id, o.event_id, o.starts_at, o.ends_at, o.all_day, \
    o.status, e.slug, e.title, e.subtitle, e.title_en, e.subtitle_en, e.price_kind, \
    e.price_min_cents, e.price_max_cents, e.price_text, e.ticket_url, e.location_text, \
    v.slug AS venue_slug, v.name AS venue_name, v.district AS venue_district";

/// A query over occurrences of published events.
pub struct OccurrenceQuery<'a> {
    pub filter: &'a EventFilter,
    pub window: Window,
    /// Restrict to these events: what the search index matched for the filter (its text
    /// and facets), whose facets are then not checked again.
    pub event_ids: Option<&'a [i64]>,
    pub span: Span,
    pub order: Order,
    /// Keyset cursor: list only after this (starts_at, occurrence id).
    pub after: Option<(i64, i64)>,
    pub offset: i64,
    pub limit: i64,
}

/// Longest "short" occurrence, in seconds; also written into the partial indexes.
pub const DAY_SECONDS: i64 = 86_400;

pub async fn list(db: &Db, q: &OccurrenceQuery<'_>) -> DbResult<Vec<ListedOccurrence>> {
    let mut p = Params::default();
    let Some(sql) = select(q, SELECTED, true, &mut p) else {
        return Ok(Vec::new());
    };
    db.fetch_packed(&sql, LISTED, &p.values).await
}

/// `SELECT columns` of the dates `q` selects, in its order, after its cursor, one page
/// (`venue`: the columns name the venue `v`).
fn select(q: &OccurrenceQuery<'_>, columns: &str, venue: bool, p: &mut Params) -> Option<String> {
    let from_where = from_where(q, venue, p)?;
    let mut sql = format!("SELECT {columns} {from_where}");
    if let Some((start, id)) = q.after {
        let s = p.push(start);
        let i = p.push(id);
        sql.push_str(&format!(
            " AND (o.starts_at > {s} OR (o.starts_at = {s} AND o.id > {i}))"
        ));
    }
    let order = match q.order {
        Order::Start => "o.starts_at, o.id",
        Order::End => "o.ends_at, o.id",
    };
    sql.push_str(&format!(
        " ORDER BY {order} LIMIT {} OFFSET {}",
        p.push(q.limit),
        p.push(q.offset)
    ));
    Some(sql)
}

/// A date as a list selects it: what ordering, grouping and the choice of a card need.
/// Its card (title, place, picture …) is kept in `web::cards` or read by [`listed`].
#[derive(Debug, Clone, Copy, serde::Deserialize)]
pub struct DateKey {
    pub occurrence_id: i64,
    pub event_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    #[serde(deserialize_with = "super::packed::flag")]
    pub all_day: bool,
    #[serde(deserialize_with = "super::packed::parsed")]
    pub status: OccurrenceStatus,
}

/// The dates `q` selects, as [`list`] but without their events' texts: read from the
/// dates' index and the events' status alone (a list whose cards are kept reads no more).
pub async fn dates(db: &Db, q: &OccurrenceQuery<'_>) -> DbResult<Vec<DateKey>> {
    const KEYS: &str = "occurrence_id, event_id, starts_at, ends_at, all_day, status";
    let mut p = Params::default();
    let Some(sql) = select(
        q,
        "o.id AS occurrence_id, o.event_id, o.starts_at, o.ends_at, o.all_day, o.status",
        false,
        &mut p,
    ) else {
        return Ok(Vec::new());
    };
    db.fetch_packed(&sql, KEYS, &p.values).await
}

/// The list lines of these dates (of published events; others are left out), by id.
pub async fn listed(db: &Db, occurrences: &[i64]) -> DbResult<HashMap<i64, ListedOccurrence>> {
    if occurrences.is_empty() {
        return Ok(HashMap::new());
    }
    // Ids read from the database a moment before, never from the request: inlined.
    let list = occurrences
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT {SELECTED} FROM occurrences o JOIN events e ON e.id = o.event_id \
         LEFT JOIN venues v ON v.id = e.venue_id \
         WHERE o.id IN ({list}) AND e.status = 'published'"
    );
    let rows: Vec<ListedOccurrence> = db.fetch_packed(&sql, LISTED, &[]).await?;
    Ok(rows.into_iter().map(|r| (r.occurrence_id, r)).collect())
}

/// How many dates `q` selects in all (its cursor, order, limit and offset aside): the
/// total a list names („1.666 Termine“).
pub async fn count(db: &Db, q: &OccurrenceQuery<'_>) -> DbResult<i64> {
    let mut p = Params::default();
    let Some(from_where) = from_where(q, false, &mut p) else {
        return Ok(0);
    };
    let (n,): (i64,) = db
        .fetch_one(&format!("SELECT COUNT(*) {from_where}"), &p.values)
        .await?;
    Ok(n)
}

/// `FROM … WHERE …` of a query over occurrences (None: it cannot select anything). The
/// venue `v` is joined when `venue` (its columns are selected) or a filter needs it: a
/// count of every date looked up 90,000 venues it did not need.
fn from_where(q: &OccurrenceQuery<'_>, venue: bool, p: &mut Params) -> Option<String> {
    let f = q.filter;
    let indexed = q.event_ids.is_some();
    let venue =
        venue || (!indexed && (!f.districts.is_empty() || f.venue.is_some() || f.accessible));
    // Without a list of event ids, walking the dates in time order and stopping at the
    // limit is the fastest plan; SQLite takes `CROSS JOIN` as "occurrences outside"
    // (PostgreSQL plans it like any inner join).
    let join = if q.event_ids.is_some() {
        "JOIN events e ON e.id = o.event_id"
    } else {
        "CROSS JOIN events e"
    };
    let venue_join = if venue {
        " LEFT JOIN venues v ON v.id = e.venue_id"
    } else {
        ""
    };
    let mut sql = format!(
        "FROM occurrences o {join}{venue_join} WHERE e.id = o.event_id AND e.status = 'published'",
    );
    let from = q.window.from.timestamp();
    match q.span {
        Span::Short => {
            // The lower bound on starts_at lets the index range-scan; a short date that
            // ends after `from` cannot have started more than a day before it.
            sql.push_str(" AND (o.ends_at - o.starts_at) <= 86400");
            sql.push_str(&format!(
                " AND o.starts_at >= {}",
                p.push(from - DAY_SECONDS)
            ));
        }
        Span::Long => sql.push_str(" AND (o.ends_at - o.starts_at) > 86400"),
    }
    sql.push_str(&format!(" AND o.ends_at > {}", p.push(from)));
    if let Some(to) = q.window.to {
        sql.push_str(&format!(" AND o.starts_at < {}", p.push(to.timestamp())));
    }
    // An entry hidden as a duplicate of another is shown once: under the other. Only an
    // organiser's own programme lists its entry.
    if f.organizer.is_none() {
        sql.push_str(" AND e.duplicate_of IS NULL");
    }
    // Events the search index matched were matched on these facets too (the index holds
    // them all, see `search::query::facets`): checking them again per event cost more
    // than the walk itself (1.5 of 2.1 ms for 225 events of a Sparte, district and price).
    if !indexed {
        if !f.categories.is_empty() {
            let list = p.push_list(f.categories.iter().map(|c| c.to_string()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_categories ec JOIN categories c ON c.id = ec.category_id \
                 WHERE ec.event_id = e.id AND c.slug IN ({list}))"
            ));
        }
        if !f.districts.is_empty() {
            let list = p.push_list(f.districts.iter().map(|d| d.slug()));
            sql.push_str(&format!(" AND v.district IN ({list})"));
        }
        if let Some(venue) = &f.venue {
            sql.push_str(&format!(" AND v.slug = {}", p.push(venue.to_string())));
        }
        if let Some(org) = &f.organizer {
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_organizers eo JOIN organizations og ON og.id = eo.organization_id \
                 WHERE eo.event_id = e.id AND og.slug = {})",
                p.push(org.to_string())
            ));
        }
        if f.free {
            sql.push_str(" AND e.price_kind = 'free'");
        }
        if f.accessible {
            sql.push_str(" AND v.step_free = TRUE");
        }
        if !f.audiences.is_empty() {
            let list = p.push_list(f.audiences.iter().map(|a| a.slug()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_audiences ea WHERE ea.event_id = e.id AND ea.audience IN ({list}))"
            ));
        }
    }
    if let Some(ids) = q.event_ids {
        if ids.is_empty() {
            return None;
        }
        // Ids come from our own search index, never from the request: inlining them
        // keeps the statement under every backend's parameter cap.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        sql.push_str(&format!(" AND o.event_id IN ({list})"));
    }
    Some(sql)
}

/// For each of `ids` that has a date in `window`: its first start there. Reads only the
/// covering index `occurrences_event`, so thousands of search hits cost little.
pub async fn first_starts(db: &Db, ids: &[i64], window: Window) -> DbResult<HashMap<i64, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut p = Params::default();
    // Ids come from our own search index, never from the request.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut sql = format!(
        "SELECT event_id, MIN(starts_at) AS first FROM occurrences WHERE event_id IN ({list}) AND ends_at > {}",
        p.push(window.from.timestamp())
    );
    if let Some(to) = window.to {
        sql.push_str(&format!(" AND starts_at < {}", p.push(to.timestamp())));
    }
    sql.push_str(" GROUP BY event_id");
    let rows: Vec<(i64, i64)> = db.fetch_packed(&sql, "event_id, first", &p.values).await?;
    Ok(rows.into_iter().collect())
}

/// A name and a slug, for links.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Labelled {
    #[serde(skip)]
    pub event_id: i64,
    pub slug: String,
    pub name: String,
}

/// Runs `select` (which names `{ids}` where the event ids go) for many events at once.
async fn labelled(db: &Db, select: &str, ids: &[i64]) -> DbResult<HashMap<i64, Vec<Labelled>>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut p = Params::default();
    let list = p.push_list(ids.iter().copied());
    let rows: Vec<(i64, String, String)> = db
        .fetch_packed(
            &select.replace("{ids}", &list),
            "event_id, slug, name",
            &p.values,
        )
        .await?;
    Ok(group(rows.into_iter().map(|(event_id, slug, name)| {
        Labelled {
            event_id,
            slug,
            name,
        }
    })))
}

/// Sparten of many events at once, in their display order.
pub async fn categories_of(db: &Db, ids: &[i64]) -> DbResult<HashMap<i64, Vec<Labelled>>> {
    let sql = "SELECT ec.event_id, c.slug, c.name FROM event_categories ec JOIN categories c ON c.id = ec.category_id \
               WHERE ec.event_id IN ({ids}) ORDER BY c.position";
    labelled(db, sql, ids).await
}

/// Organisers of many events at once, in their given order.
pub async fn organizers_of(db: &Db, ids: &[i64]) -> DbResult<HashMap<i64, Vec<Labelled>>> {
    let sql = "SELECT eo.event_id, o.slug, o.name FROM event_organizers eo JOIN organizations o ON o.id = eo.organization_id \
               WHERE eo.event_id IN ({ids}) ORDER BY eo.position";
    labelled(db, sql, ids).await
}

fn group(rows: impl IntoIterator<Item = Labelled>) -> HashMap<i64, Vec<Labelled>> {
    let mut map: HashMap<i64, Vec<Labelled>> = HashMap::new();
    for r in rows {
        map.entry(r.event_id).or_default().push(r);
    }
    map
}

/// The events an organisation presents (a change of its name reaches their index entries).
pub async fn ids_of_organization(db: &Db, organization: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            "SELECT event_id FROM event_organizers WHERE organization_id = $1",
            &[organization.into()],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The events at a venue (a change of its name or district reaches their index entries).
pub async fn ids_at_venue(db: &Db, venue: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all("SELECT id FROM events WHERE venue_id = $1", &[venue.into()])
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// For each Sparte (by slug) the published event with its next date from `from` on, if
/// any: the start page's Sparte tiles show its picture.
pub async fn next_per_category(db: &Db, from: i64) -> DbResult<HashMap<String, i64>> {
    let rows: Vec<(String, Option<i64>)> = db
        .fetch_all(
            "SELECT c.slug, (SELECT o.event_id FROM occurrences o \
             JOIN event_categories ec ON ec.event_id = o.event_id \
             JOIN events e ON e.id = o.event_id \
             WHERE ec.category_id = c.id AND e.status = 'published' AND e.duplicate_of IS NULL \
             AND o.starts_at >= $1 ORDER BY o.starts_at, o.id LIMIT 1) AS event_id \
             FROM categories c",
            &[from.into()],
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(slug, id)| Some((slug, id?)))
        .collect())
}
