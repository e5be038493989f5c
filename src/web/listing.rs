//! The calendar as lists: turns a filter into the occurrences a page shows (grouped by
//! day, "läuft gerade", or ranked search hits), shared by every page that lists events.

use super::AppState;
use crate::db::events::{self, Labelled, ListedOccurrence, OccurrenceQuery, Order, Span};
use crate::db::{organizations, venues};
use crate::domain::calendar::{self, Window};
use crate::domain::district::District;
use crate::domain::event::{OccurrenceStatus, Price};
use crate::domain::filter::{EventFilter, ParamError, Problem, Vocabulary};
use crate::error::AppError;
use crate::i18n::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

/// One date as a line in a list.
pub struct OccView {
    /// The language of the interface (for the item's own labels).
    pub lang: Lang,
    /// `lang` of the title and subtitle when not the page's (German on an English page).
    pub title_lang: &'static str,
    pub href: String,
    pub title: String,
    pub subtitle: String,
    /// „19:30 Uhr“, or the span of a long-running date.
    pub when: String,
    /// Machine-readable start for `<time datetime>`.
    pub datetime: String,
    pub venue_slug: String,
    pub venue_name: String,
    pub district: String,
    pub categories: Vec<Labelled>,
    pub price: String,
    pub status: String,
    pub cancelled: bool,
}

pub struct DayGroup {
    pub heading: String,
    pub iso: String,
    pub items: Vec<OccView>,
}

#[derive(Default)]
pub struct Listing {
    /// Exhibitions and other dates longer than a day that overlap the window.
    pub running: Vec<OccView>,
    pub days: Vec<DayGroup>,
    /// Ranked search hits (only when the filter has a text).
    pub hits: Vec<OccView>,
    pub has_next: bool,
    pub page: u32,
}

impl Listing {
    pub fn is_empty(&self) -> bool {
        self.running.is_empty() && self.days.is_empty() && self.hits.is_empty()
    }

    pub fn count(&self) -> usize {
        self.days.iter().map(|d| d.items.len()).sum::<usize>() + self.hits.len()
    }
}

pub const PER_PAGE: i64 = 40;
pub const HITS_PER_PAGE: usize = 20;
const MAX_RUNNING: i64 = 30;

/// The display names of the venue and organiser a filter names.
#[derive(Default)]
pub struct FilterNames {
    pub venue: Option<String>,
    pub organizer: Option<String>,
}

/// Checks the slugs of a filter against what exists (unknown ones are a 400) and returns
/// the names behind them for headings and chips.
pub async fn check_slugs(
    state: &AppState,
    filter: &EventFilter,
    voc: &Vocabulary,
) -> Result<FilterNames, AppError> {
    let mut errors = Vec::new();
    let mut names = FilterNames::default();
    for c in &filter.categories {
        if !state.categories.list().iter().any(|k| k.slug == c.as_str()) {
            errors.push(ParamError::new(
                voc.category,
                Problem::Unknown(c.to_string()),
            ));
        }
    }
    if let Some(v) = &filter.venue {
        match venues::by_slug(&state.db, v.as_str()).await? {
            Some(found) => names.venue = Some(found.name),
            None => errors.push(ParamError::new(voc.venue, Problem::Unknown(v.to_string()))),
        }
    }
    if let Some(o) = &filter.organizer {
        match organizations::by_slug(&state.db, o.as_str()).await? {
            Some(found) => names.organizer = Some(found.name),
            None => errors.push(ParamError::new(
                voc.organizer,
                Problem::Unknown(o.to_string()),
            )),
        }
    }
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(AppError::BadRequest(errors))
    }
}

fn query<'a>(
    filter: &'a EventFilter,
    window: Window,
    ids: Option<&'a [i64]>,
    span: Span,
    limit: i64,
    offset: i64,
) -> OccurrenceQuery<'a> {
    OccurrenceQuery {
        order: Order::Start,
        filter,
        window,
        event_ids: ids,
        span,
        after: None,
        offset,
        limit,
    }
}

/// The list for `filter` at page `page` (1-based).
pub async fn build(
    state: &AppState,
    filter: &EventFilter,
    page: u32,
    per_page: i64,
) -> Result<Listing, AppError> {
    let now = state.clock.now();
    let window = filter.window(now);
    let db = &state.db;
    let candidates = state.search.find(filter).await?;
    if filter.text.is_some() {
        // Ranked hits: which of them have a date in the window, then the dates of one page.
        let ids: Vec<i64> = candidates.ids().map(<[i64]>::to_vec).unwrap_or_default();
        let firsts = events::first_starts(db, &ids, window).await?;
        let ranked: Vec<i64> = ids
            .into_iter()
            .filter(|id| firsts.contains_key(id))
            .collect();
        let skip = (page as usize - 1) * HITS_PER_PAGE;
        let has_next = ranked.len() > skip + HITS_PER_PAGE;
        let page_ids: Vec<i64> = ranked
            .iter()
            .skip(skip)
            .take(HITS_PER_PAGE)
            .copied()
            .collect();
        let mut rows = events::list(
            db,
            &query(filter, window, Some(&page_ids), Span::Short, 5_000, 0),
        )
        .await?;
        rows.extend(
            events::list(
                db,
                &query(filter, window, Some(&page_ids), Span::Long, 5_000, 0),
            )
            .await?,
        );
        let rank: HashMap<i64, usize> = page_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        rows.sort_by_key(|r| {
            (
                rank.get(&r.event_id).copied().unwrap_or(usize::MAX),
                r.starts_at,
            )
        });
        let mut seen = HashSet::new();
        rows.retain(|r| seen.insert(r.event_id));
        let hits = views(state, rows, true).await?;
        return Ok(Listing {
            hits,
            has_next,
            page,
            ..Listing::default()
        });
    }
    let offset = i64::from(page - 1) * per_page;
    let ids = candidates.ids();
    let mut short = events::list(
        db,
        &query(filter, window, ids, Span::Short, per_page + 1, offset),
    )
    .await?;
    let has_next = short.len() as i64 > per_page;
    short.truncate(per_page as usize);
    let running = if page == 1 {
        // Running exhibitions: those that end soonest first („nur noch bis …“).
        let mut q = query(filter, window, ids, Span::Long, MAX_RUNNING, 0);
        q.order = Order::End;
        let long = events::list(db, &q).await?;
        views(state, long, true).await?
    } else {
        Vec::new()
    };
    let mut days: Vec<DayGroup> = Vec::new();
    let dates: Vec<NaiveDate> = short
        .iter()
        .map(|r| calendar::local_date(instant(r.starts_at)))
        .collect();
    for (date, view) in dates.into_iter().zip(views(state, short, false).await?) {
        match days.last_mut() {
            Some(d) if d.iso == date.to_string() => d.items.push(view),
            _ => days.push(DayGroup {
                heading: calendar::long_date_in(date, Lang::current().dates()),
                iso: date.to_string(),
                items: vec![view],
            }),
        }
    }
    Ok(Listing {
        running,
        days,
        hits: Vec::new(),
        has_next,
        page,
    })
}

/// A price in a language other than German: „Eintritt frei“ → "Free admission", euros
/// with the language's number format; a price in words stays as it was entered.
pub fn price_in(price: &Price, lang: Lang) -> String {
    let euros = |cents: i64| {
        if cents % 100 == 0 {
            format!("€{}", cents / 100)
        } else {
            format!("€{}.{:02}", cents / 100, (cents % 100).abs())
        }
    };
    match price {
        Price::Free => lang.t("price-free"),
        Price::Range {
            min_cents,
            max_cents,
        } if min_cents == max_cents => euros(*min_cents),
        Price::Range {
            min_cents,
            max_cents,
        } => format!("{}–{}", euros(*min_cents), euros(*max_cents)),
        _ => price.label(),
    }
}

pub fn instant(ts: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(ts, 0).unwrap_or_default()
}

/// „Sa., 5. Dezember bis So., 31. Januar“ for a running exhibition, or the full date and
/// time, in the language of the interface.
fn when(r: &ListedOccurrence, with_date: bool, lang: Lang) -> String {
    let start = instant(r.starts_at);
    let end = instant(r.ends_at);
    let locale = lang.dates();
    if r.ends_at - r.starts_at > events::DAY_SECONDS {
        let first = calendar::short_date_in(calendar::local_date(start), locale);
        let last = calendar::short_date_in(calendar::local_date(end), locale);
        lang.t_args("date-range", &[("first", &first), ("last", &last)])
    } else if with_date {
        if r.all_day {
            calendar::short_date_in(calendar::local_date(start), locale)
        } else {
            calendar::date_time_in(start, locale)
        }
    } else if r.all_day {
        lang.t("all-day")
    } else {
        calendar::time_of_day_in(start, locale)
    }
}

async fn views(
    state: &AppState,
    rows: Vec<ListedOccurrence>,
    with_date: bool,
) -> Result<Vec<OccView>, AppError> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.event_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut categories = events::categories_of(&state.db, &ids).await?;
    let lang = Lang::current();
    if lang != Lang::De {
        let names = state.categories.list();
        for list in categories.values_mut() {
            for c in list.iter_mut() {
                if let Some(known) = names.iter().find(|k| k.slug == c.slug) {
                    c.name = known.name_in(lang == Lang::En).to_owned();
                }
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = OccurrenceStatus::parse(&r.status);
            let english = lang.shows_english(&r.title_en);
            let price = Price::from_columns(
                &r.price_kind,
                r.price_min_cents,
                r.price_max_cents,
                &r.price_text,
            );
            OccView {
                lang,
                when: when(&r, with_date, lang),
                datetime: calendar::rfc3339_local(instant(r.starts_at)),
                href: format!("/veranstaltungen/{}", r.slug),
                categories: categories.get(&r.event_id).cloned().unwrap_or_default(),
                district: r
                    .venue_district
                    .as_deref()
                    .and_then(District::parse)
                    .map(|d| d.name().to_owned())
                    .unwrap_or_default(),
                venue_slug: r.venue_slug.unwrap_or_default(),
                venue_name: r.venue_name.unwrap_or(r.location_text),
                title_lang: if english { "" } else { lang.german_mark() },
                // The texts of one language, as on the event page (an English title
                // with the German subtitle would mix languages under one mark).
                title: if english { r.title_en } else { r.title },
                subtitle: if english { r.subtitle_en } else { r.subtitle },
                price: if lang == Lang::De {
                    price.label()
                } else {
                    price_in(&price, lang)
                },
                status: lang.occurrence_status(status),
                cancelled: status == OccurrenceStatus::Cancelled,
            }
        })
        .collect())
}
