//! `GET /api/v1/events` (occurrences, chronological, cursor-paginated) and
//! `GET /api/v1/events/{id}` (one event with its upcoming dates).

use crate::db::event_details::{self, EventDetail};
use crate::db::events::{self, DateKey, Labelled, OccurrenceQuery, Order, Span};
use crate::db::venues::VenueRow;
use crate::domain::calendar;
use crate::domain::event::{AccessService, OccurrenceStatus, Price};
use crate::domain::filter::{ENGLISH, EventFilter, ParamError, Problem};
use crate::error::{ApiError, AppError};
use crate::web::listing::{check_slugs, instant};
use crate::web::{AppState, page, query};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

#[derive(Serialize)]
pub struct ApiVenue {
    pub slug: String,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub step_free: bool,
    /// The access features the venue has, as `/orte?zugang=` names them.
    pub access: Vec<&'static str>,
    /// Who checked them: `""`, `selbstauskunft`, `geprueft` or `reisen-fuer-alle`.
    pub access_checked: &'static str,
    pub url: String,
}

#[derive(Serialize)]
pub struct ApiEvent {
    pub id: i64,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub subtitle: String,
    /// Markdown as entered.
    pub description: String,
    pub categories: Vec<Labelled>,
    pub tags: Vec<String>,
    pub organizers: Vec<Labelled>,
    pub venue: Option<ApiVenue>,
    pub location_text: String,
    pub online_url: String,
    pub price: Price,
    pub ticket_url: String,
    pub audiences: Vec<String>,
    pub min_age: Option<i64>,
    pub languages: Vec<String>,
    pub access_services: Vec<AccessService>,
    pub status: String,
    /// The English texts, when the organisation wrote some.
    pub english: Option<ApiEnglishText>,
}

#[derive(Serialize)]
pub struct ApiEnglishText {
    pub title: String,
    pub subtitle: String,
    /// Markdown as entered.
    pub description: String,
}

#[derive(Serialize)]
pub struct ApiOccurrence {
    pub id: i64,
    pub start: String,
    pub end: String,
    pub all_day: bool,
    pub status: OccurrenceStatus,
}

#[derive(Serialize)]
pub struct ApiListed {
    #[serde(flatten)]
    pub occurrence: ApiOccurrence,
    pub event: SharedEvent,
}

/// An event object made once per generation and shared by every page that lists it
/// (see `web::kept`).
#[derive(Clone)]
pub struct SharedEvent(Arc<ApiEvent>);

impl Serialize for SharedEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// The event objects kept for the API's lists.
pub type KeptEvents = crate::web::kept::Kept<i64, SharedEvent, 4_000>;

#[derive(Serialize)]
struct ListBody {
    data: Vec<ApiListed>,
    next_cursor: Option<String>,
}

#[derive(Serialize)]
struct EventBody {
    data: ApiEvent,
    occurrences: Vec<ApiOccurrence>,
}

pub fn api_venue_public(v: &VenueRow, base: &str) -> ApiVenue {
    let access = v.access();
    ApiVenue {
        slug: v.slug.clone(),
        name: v.name.clone(),
        street: v.street.clone(),
        postal_code: v.postal_code.clone(),
        city: v.city.clone(),
        district: v.district.clone(),
        lat: v.lat,
        lon: v.lon,
        step_free: v.step_free,
        access: crate::domain::venue::AccessFeature::ALL
            .into_iter()
            .filter(|f| access.has(*f))
            .map(crate::domain::venue::AccessFeature::slug)
            .collect(),
        access_checked: access.check.slug(),
        url: format!("{base}/orte/{}", v.slug),
    }
}

fn api_event(d: &EventDetail, base: &str) -> ApiEvent {
    let e = &d.event;
    ApiEvent {
        id: e.id,
        slug: e.slug.clone(),
        url: format!("{base}/veranstaltungen/{}", e.slug),
        title: e.title.clone(),
        subtitle: e.subtitle.clone(),
        description: e.description.clone(),
        categories: d.categories.clone(),
        tags: d.tags.clone(),
        organizers: d.organizers.clone(),
        venue: d.venue.as_ref().map(|v| api_venue_public(v, base)),
        location_text: e.location_text.clone(),
        online_url: e.online_url.clone(),
        price: Price::from_columns(
            &e.price_kind,
            e.price_min_cents,
            e.price_max_cents,
            &e.price_text,
        ),
        ticket_url: e.ticket_url.clone(),
        audiences: d.audiences.clone(),
        min_age: e.min_age,
        languages: e
            .languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        access_services: AccessService::parse_list(&e.access_services),
        status: e.status.clone(),
        english: (!e.title_en.is_empty()).then(|| ApiEnglishText {
            title: e.title_en.clone(),
            subtitle: e.subtitle_en.clone(),
            description: e.description_en.clone(),
        }),
    }
}

fn api_occurrence(
    id: i64,
    starts_at: i64,
    ends_at: i64,
    all_day: bool,
    status: OccurrenceStatus,
) -> ApiOccurrence {
    ApiOccurrence {
        id,
        start: calendar::rfc3339_local(instant(starts_at)),
        end: calendar::rfc3339_local(instant(ends_at)),
        all_day,
        status,
    }
}

fn parse_limit(pairs: &[(String, String)]) -> Result<i64, AppError> {
    match query::single(pairs, "limit") {
        None | Some("") => Ok(DEFAULT_LIMIT),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(AppError::BadRequest(vec![ParamError::new(
                "limit",
                Problem::InvalidNumber(v.to_owned()),
            )])),
        },
    }
}

/// Cursors are `{starts_at}.{occurrence id}` of the last item of the previous page.
fn parse_cursor(pairs: &[(String, String)]) -> Result<Option<(i64, i64)>, AppError> {
    let Some(v) = query::single(pairs, "cursor").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let parsed = v
        .split_once('.')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
    parsed.map(Some).ok_or_else(|| {
        AppError::BadRequest(vec![ParamError::new(
            "cursor",
            Problem::InvalidChoice(v.to_owned()),
        )])
    })
}

async fn list_inner(
    state: &AppState,
    headers: &HeaderMap,
    raw: Option<&str>,
) -> Result<Response, AppError> {
    let pairs = query::pairs(raw);
    let filter = EventFilter::parse(&pairs, &ENGLISH)?;
    let limit = parse_limit(&pairs)?;
    let after = parse_cursor(&pairs)?;
    check_slugs(state, &filter, &ENGLISH).await?;
    // Before anything is read (see `web::kept`).
    let generation = state.search.generation();
    let window = filter.window(state.clock.now());
    let candidates = state.search.find(&filter).await?;
    let ids = candidates.ids();
    let q = |span| OccurrenceQuery {
        filter: &filter,
        window,
        event_ids: ids,
        span,
        order: Order::Start,
        after,
        offset: 0,
        limit: limit + 1,
    };
    // Only the dates: the events' data comes from `event_details` below.
    let mut rows: Vec<DateKey> = events::dates(&state.db, &q(Span::Short)).await?;
    rows.extend(events::dates(&state.db, &q(Span::Long)).await?);
    rows.sort_by_key(|r| (r.starts_at, r.occurrence_id));
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = has_more
        .then(|| {
            rows.last()
                .map(|r| format!("{}.{}", r.starts_at, r.occurrence_id))
        })
        .flatten();
    let mut event_ids: Vec<i64> = rows.iter().map(|r| r.event_id).collect();
    event_ids.sort_unstable();
    event_ids.dedup();
    let now = state.clock.now().timestamp();
    let kept = state.api_events.take(generation, now, &event_ids);
    let missing: Vec<i64> = event_ids
        .iter()
        .zip(&kept)
        .filter(|(_, k)| k.is_none())
        .map(|(id, _)| *id)
        .collect();
    let base = state.base_url.as_str();
    let fresh: Vec<(i64, SharedEvent)> = event_details::load(&state.db, &missing)
        .await?
        .iter()
        .map(|(id, d)| (*id, SharedEvent(Arc::new(api_event(d, base)))))
        .collect();
    let objects: HashMap<i64, SharedEvent> = event_ids
        .iter()
        .zip(kept)
        .filter_map(|(id, k)| k.map(|k| (*id, k)))
        .chain(fresh.iter().cloned())
        .collect();
    state.api_events.keep(generation, now, fresh);
    let data = rows
        .iter()
        .filter_map(|r| {
            objects.get(&r.event_id).cloned().map(|event| ApiListed {
                occurrence: api_occurrence(
                    r.occurrence_id,
                    r.starts_at,
                    r.ends_at,
                    r.all_day,
                    r.status,
                ),
                event,
            })
        })
        .collect();
    page::json(headers, &ListBody { data, next_cursor })
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Ok(list_inner(&state, &headers, raw.as_deref()).await?)
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let Ok(id) = id.parse::<i64>() else {
        return Err(ApiError(AppError::NotFound));
    };
    let mut details = event_details::load(&state.db, &[id]).await?;
    let Some(d) = details.remove(&id) else {
        return Err(ApiError(AppError::NotFound));
    };
    let now = state.clock.now().timestamp();
    let (upcoming, _) = event_details::occurrences(&state.db, id, now, 500).await?;
    let occurrences = upcoming
        .iter()
        .map(|o| api_occurrence(o.id, o.starts_at, o.ends_at, o.all_day, o.status))
        .collect();
    Ok(page::json(
        &headers,
        &EventBody {
            data: api_event(&d, &state.base_url),
            occurrences,
        },
    )?)
}
