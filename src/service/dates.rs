//! What a selection holds: the dates a filter selects (the list's rules: search
//! candidates, then the SQL with every filter again), and the dates of a personal
//! calendar — every saved selection, every follow and the Merkliste together, each date
//! once, in time order — for feeds, pages and mails alike.

use super::ServiceError;
use crate::db::Db;
use crate::db::event_details::{self, EventDetail};
use crate::db::events::{self, ListedOccurrence, OccurrenceQuery, Order, Span};
use crate::db::personal::ItemRow;
use crate::domain::calendar::Window;
use crate::domain::event::OccurrenceStatus;
use crate::domain::filter::{EventFilter, GERMAN};
use crate::domain::personal::{ItemKind, follow_filter};
use crate::search::SearchIndex;
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// One date as feeds need it.
pub struct FeedDate {
    pub event_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub all_day: bool,
    pub status: OccurrenceStatus,
}

/// A date with its event, in time order.
pub struct FeedItem {
    pub occurrence: FeedDate,
    pub detail: EventDetail,
}

/// The dates `filter` selects within `window` (also for mails, outside a request).
pub async fn items_from(
    db: &Db,
    search: &SearchIndex,
    filter: &EventFilter,
    window: Window,
    limit: i64,
) -> Result<Vec<FeedItem>, ServiceError> {
    let candidates = search.find(filter).await?;
    let ids = candidates.ids();
    let q = |span| OccurrenceQuery {
        filter,
        window,
        event_ids: ids,
        span,
        order: Order::Start,
        after: None,
        offset: 0,
        limit,
    };
    let mut rows: Vec<ListedOccurrence> = events::list(db, &q(Span::Short)).await?;
    rows.extend(events::list(db, &q(Span::Long)).await?);
    rows.sort_by_key(|r| (r.starts_at, r.occurrence_id));
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    let mut event_ids: Vec<i64> = rows.iter().map(|r| r.event_id).collect();
    event_ids.sort_unstable();
    event_ids.dedup();
    let details = event_details::load(db, &event_ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let detail = details.get(&r.event_id)?.clone();
            Some(FeedItem {
                occurrence: FeedDate {
                    event_id: r.event_id,
                    starts_at: r.starts_at,
                    ends_at: r.ends_at,
                    all_day: r.all_day,
                    status: r.status,
                },
                detail,
            })
        })
        .collect())
}

/// The filter an entry stands for (`None` for the Merkliste or a selection that no
/// longer parses).
pub fn filter_of(item: &ItemRow) -> Option<EventFilter> {
    match item.kind {
        ItemKind::Selection => {
            let pairs: Vec<(String, String)> = form_urlencoded::parse(item.value.as_bytes())
                .into_owned()
                .collect();
            EventFilter::parse(&pairs, &GERMAN).ok()
        }
        ItemKind::Watch => None,
        kind => follow_filter(kind, &item.value),
    }
}

/// The dates of `entries` within the window `window` gives for each entry's filter
/// (`None`: none of its dates), each date once, in time order, at most `limit`.
pub async fn dates(
    db: &Db,
    search: &SearchIndex,
    entries: &[ItemRow],
    window: impl Fn(&EventFilter) -> Option<Window>,
    limit: i64,
) -> Result<Vec<FeedItem>, ServiceError> {
    let mut out: Vec<FeedItem> = Vec::new();
    let mut watched: Vec<i64> = Vec::new();
    for item in entries {
        if item.kind == ItemKind::Watch {
            if let Ok(id) = item.value.parse::<i64>() {
                watched.push(id);
            }
            continue;
        }
        let Some(filter) = filter_of(item) else {
            continue;
        };
        let Some(w) = window(&filter) else {
            continue;
        };
        out.extend(items_from(db, search, &filter, w, limit).await?);
    }
    if let Some(all) = window(&EventFilter::default())
        && !watched.is_empty()
    {
        let details = event_details::load(db, &watched).await?;
        for id in watched {
            let Some(detail) = details.get(&id) else {
                continue; // Deleted or no longer public.
            };
            let (upcoming, _) =
                event_details::occurrences(db, id, all.from.timestamp(), limit).await?;
            out.extend(
                upcoming
                    .into_iter()
                    .filter(|o| all.to.is_none_or(|to| o.starts_at < to.timestamp()))
                    .map(|o| FeedItem {
                        occurrence: FeedDate {
                            event_id: o.event_id,
                            starts_at: o.starts_at,
                            ends_at: o.ends_at,
                            all_day: o.all_day,
                            status: o.status,
                        },
                        detail: detail.clone(),
                    }),
            );
        }
    }
    out.sort_by_key(|i| (i.occurrence.starts_at, i.occurrence.event_id));
    let mut seen = HashSet::new();
    out.retain(|i| seen.insert((i.occurrence.event_id, i.occurrence.starts_at)));
    out.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(out)
}

/// Every coming date of the calendar (each entry's own window from `now`).
pub async fn coming(
    db: &Db,
    search: &SearchIndex,
    entries: &[ItemRow],
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<FeedItem>, ServiceError> {
    dates(db, search, entries, |f| Some(f.window(now)), limit).await
}
