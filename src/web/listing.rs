//! The calendar as lists: turns a filter into the occurrences a page shows (grouped by
//! day, "läuft gerade", or ranked search hits), shared by every page that lists events.

use super::AppState;
use super::cards::{self, Card};
use crate::db::events::{self, DateKey, Labelled, OccurrenceQuery, Order, Span};
use crate::db::{organizations, venues};
use crate::domain::calendar::{self, Window};
use crate::domain::event::{OccurrenceStatus, Price};
use crate::domain::filter::{EventFilter, ParamError, Problem, Vocabulary};
use crate::domain::stage;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::pictures::Picture;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One date as a line in a list (made in [`crate::web::cards`]).
#[derive(Clone)]
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
    /// Admission is free (the „kostenlos“ badge).
    pub free: bool,
    pub status: String,
    /// The status as a class name (`cancelled`, `sold_out`, `postponed`; empty when none).
    pub status_key: &'static str,
    pub cancelled: bool,
    /// The way to the organiser's ticket page (`/weiter/karten/{slug}`, which counts the
    /// click and redirects; empty when the event has no http(s) ticket address).
    pub ticket_url: String,
    /// The first Sparte's slug, for the card's colour (empty when none).
    pub sparte: String,
    /// The event's picture (own, logo, venue photo or poster).
    pub picture: Option<Picture>,
    /// The card's text as HTML (`events/_item_text.html`), rendered when it is made.
    pub text_html: String,
}

pub struct DayGroup {
    pub heading: String,
    pub iso: String,
    pub date: NaiveDate,
    pub items: Vec<Card>,
}

#[derive(Default)]
pub struct Listing {
    /// Exhibitions and other dates longer than a day that overlap the window.
    pub running: Vec<Card>,
    pub days: Vec<DayGroup>,
    /// Ranked search hits (only when the filter has a text).
    pub hits: Vec<Card>,
    pub has_next: bool,
    pub page: u32,
    /// How many dates (or hits) the filter selects on all pages.
    pub total: i64,
    /// How many pages they fill.
    pub pages: u32,
}

impl Listing {
    pub fn is_empty(&self) -> bool {
        self.running.is_empty() && self.days.is_empty() && self.hits.is_empty()
    }

    pub fn count(&self) -> usize {
        self.days.iter().map(|d| d.items.len()).sum::<usize>() + self.hits.len()
    }

    /// Marks the first `n` items in the order the page shows them (running, hits, days)
    /// as on the first screen: their pictures load at once, the others lazily.
    pub fn first_screen(mut self, n: usize) -> Self {
        let items = self
            .running
            .iter_mut()
            .chain(self.hits.iter_mut())
            .chain(self.days.iter_mut().flat_map(|d| d.items.iter_mut()));
        for o in items.take(n) {
            o.eager = true;
        }
        self
    }
}

/// How many items of a list are on a phone's first screen.
pub const FIRST_SCREEN: usize = 3;

fn pages(total: i64, per_page: i64) -> u32 {
    u32::try_from((total + per_page - 1) / per_page.max(1)).unwrap_or(u32::MAX)
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

/// The list for `filter` at page `page` (1-based), with its total.
pub async fn build(
    state: &AppState,
    filter: &EventFilter,
    page: u32,
    per_page: i64,
) -> Result<Listing, AppError> {
    build_list(state, filter, page, per_page, true).await
}

/// The first `n` dates for `filter` without counting them all (the start page's
/// sections link to the full list, which names the total).
pub async fn preview(state: &AppState, filter: &EventFilter, n: i64) -> Result<Listing, AppError> {
    build_list(state, filter, 1, n, false).await
}

async fn build_list(
    state: &AppState,
    filter: &EventFilter,
    page: u32,
    per_page: i64,
    counted: bool,
) -> Result<Listing, AppError> {
    let now = state.clock.now();
    let window = filter.window(now);
    let db = &state.db;
    // Before anything is read (see `web::cards`).
    let generation = state.search.generation();
    let now_s = now.timestamp();
    if filter.text.is_some() {
        // Ranked hits: which of them have a date in the window (remembered per search, as
        // the lists' totals: the next page and the next visitor with the same words read
        // only their page), then the dates of one page.
        let key = [filter_key(filter, window)];
        let ranked = match state.hits.take(generation, now_s, &key).pop().flatten() {
            Some(ranked) => ranked,
            None => {
                let candidates = state.search.find(filter).await?;
                let ids: Vec<i64> = candidates.ids().map(<[i64]>::to_vec).unwrap_or_default();
                let firsts = events::first_starts(db, &ids, window).await?;
                let ranked: Arc<Vec<i64>> = Arc::new(
                    ids.into_iter()
                        .filter(|id| firsts.contains_key(id))
                        .collect(),
                );
                let [key] = key;
                state
                    .hits
                    .keep(generation, now_s, vec![(key, ranked.clone())]);
                ranked
            }
        };
        let skip = (page as usize - 1) * HITS_PER_PAGE;
        let has_next = ranked.len() > skip + HITS_PER_PAGE;
        let page_ids: Vec<i64> = ranked
            .iter()
            .skip(skip)
            .take(HITS_PER_PAGE)
            .copied()
            .collect();
        let mut rows = events::dates(
            db,
            &query(filter, window, Some(&page_ids), Span::Short, 5_000, 0),
        )
        .await?;
        rows.extend(
            events::dates(
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
        // One line per hit: its first date that takes place, else its first date. A hit
        // whose line is cancelled goes after those that take place, so a cancelled date
        // is never presented as the best match.
        let mut seen = HashSet::new();
        rows.sort_by_key(|r| {
            (
                rank.get(&r.event_id).copied().unwrap_or(usize::MAX),
                r.status == OccurrenceStatus::Cancelled,
                r.starts_at,
            )
        });
        rows.retain(|r| seen.insert(r.event_id));
        rows.sort_by_key(|r| r.status == OccurrenceStatus::Cancelled);
        let hits = cards::views(state, generation, rows, true)
            .await?
            .into_iter()
            .map(|(_, card)| card)
            .collect();
        let total = ranked.len() as i64;
        return Ok(Listing {
            hits,
            has_next,
            page,
            total,
            pages: pages(total, HITS_PER_PAGE as i64),
            ..Listing::default()
        }
        .first_screen(FIRST_SCREEN));
    }
    let candidates = state.search.find(filter).await?;
    let offset = i64::from(page - 1) * per_page;
    let ids = candidates.ids();
    let mut short = events::dates(
        db,
        &query(filter, window, ids, Span::Short, per_page + 1, offset),
    )
    .await?;
    let has_next = short.len() as i64 > per_page;
    short.truncate(per_page as usize);
    let total = if !counted {
        0
    } else if page == 1 && !has_next {
        short.len() as i64
    } else {
        total_of(state, filter, window, ids, generation, now_s).await?
    };
    let long = if page == 1 {
        // Running exhibitions: those that end soonest first („nur noch bis …“).
        let mut q = query(filter, window, ids, Span::Long, MAX_RUNNING, 0);
        q.order = Order::End;
        events::dates(db, &q).await?
    } else {
        Vec::new()
    };
    let mut days: Vec<DayGroup> = Vec::new();
    // One set of lookups (Sparten, pictures) for both parts of the page: the running
    // exhibitions name their dates, the days do not.
    let n_long = long.len();
    let mut all = long;
    all.extend(short);
    let mut running = Vec::new();
    for (date, card) in cards::views_each(state, generation, all, |i| i < n_long).await? {
        if date.ends_at - date.starts_at > events::DAY_SECONDS {
            running.push(card);
            continue;
        }
        let day = calendar::local_date(instant(date.starts_at));
        match days.last_mut() {
            Some(d) if d.date == day => d.items.push(card),
            _ => days.push(DayGroup {
                heading: calendar::long_date_in(day, Lang::current().dates()),
                iso: day.to_string(),
                date: day,
                items: vec![card],
            }),
        }
    }
    Ok(Listing {
        running,
        days,
        hits: Vec::new(),
        has_next,
        page,
        total,
        pages: pages(total, per_page),
    }
    .first_screen(FIRST_SCREEN))
}

/// What a list's remembered total or hits are kept under: the filter and the window's end
/// (its start is now, which the minute a total or hits may lag covers).
fn filter_key(filter: &EventFilter, window: Window) -> String {
    format!(
        "{}|{:?}",
        crate::web::query::url("", &filter.to_pairs()),
        window.to.map(|t| t.timestamp())
    )
}

/// The total of `filter`'s dates. Counting walks every selected date, so it is remembered
/// per filter (see `web::totals`); a total a minute old is shown while one request counts
/// it again in the background, one that events changed since is counted now.
async fn total_of(
    state: &AppState,
    filter: &EventFilter,
    window: Window,
    ids: Option<&[i64]>,
    generation: u64,
    now: i64,
) -> Result<i64, AppError> {
    let key = filter_key(filter, window);
    if let Some(total) = state.totals.get(&key, generation, now) {
        return Ok(total);
    }
    if let Some(crate::web::totals::Stale(total)) = state.totals.stale(&key, generation, now) {
        if state.totals.start_recount(&key) {
            let (state, filter, ids) = (state.clone(), filter.clone(), ids.map(<[i64]>::to_vec));
            tokio::spawn(async move {
                let q = query(&filter, window, ids.as_deref(), Span::Short, 0, 0);
                match events::count(&state.db, &q).await {
                    Ok(total) => state.totals.put(key.clone(), generation, now, total),
                    Err(e) => tracing::warn!(error = %e, "counting a list's dates again failed"),
                }
                state.totals.end_recount(&key);
            });
        }
        return Ok(total);
    }
    let total = events::count(&state.db, &query(filter, window, ids, Span::Short, 0, 0)).await?;
    state.totals.put(key, generation, now, total);
    Ok(total)
}

/// The ranked hits with a date in their window, kept per search (see `web::kept`).
pub type KeptHits = crate::web::kept::Kept<String, Arc<Vec<i64>>, 1_000>;

/// A balanced choice of up to `n` dates that start in `window` (the start page's
/// highlights and days), in time order: spread over Sparten and organisers from the first `pool` dates,
/// small actors first in a tie (see [`stage::balanced`]).
pub async fn choice(
    state: &AppState,
    window: Window,
    n: usize,
    pool: i64,
    with_date: bool,
    picks: &[i64],
) -> Result<Vec<Card>, AppError> {
    let filter = EventFilter::default();
    let db = &state.db;
    let generation = state.search.generation();
    let mut rows = events::dates(db, &query(&filter, window, None, Span::Short, pool, 0)).await?;
    // What is still to come: a date that began before the window (Friday afternoon for
    // Friday evening) is not offered.
    rows.retain(|r| r.starts_at >= window.from.timestamp());
    let mut ids: Vec<i64> = rows.iter().map(|r| r.event_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let categories = events::categories_of(db, &ids).await?;
    let organizers = events::organizers_of(db, &ids).await?;
    let mut dates_of: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        for o in organizers.get(&r.event_id).into_iter().flatten() {
            *dates_of.entry(o.slug.clone()).or_default() += 1;
        }
    }
    let candidates: Vec<stage::Candidate> = rows
        .iter()
        .map(|r| {
            let orgs = organizers.get(&r.event_id).cloned().unwrap_or_default();
            stage::Candidate {
                event: r.event_id,
                sparte: categories
                    .get(&r.event_id)
                    .and_then(|c| c.first())
                    .map(|c| c.slug.clone())
                    .unwrap_or_default(),
                small: orgs
                    .iter()
                    .all(|o| dates_of.get(&o.slug).copied().unwrap_or(0) < SMALL_ACTOR),
                organizers: orgs.into_iter().map(|o| o.slug).collect(),
            }
        })
        .collect();
    let mut picked = stage::with_picks(&candidates, picks, n);
    picked.sort_unstable();
    let chosen: Vec<DateKey> = picked.into_iter().map(|i| rows[i]).collect();
    Ok(cards::views(state, generation, chosen, with_date)
        .await?
        .into_iter()
        .map(|(_, card)| card)
        .collect())
}

/// An organiser with fewer dates than this in a choice's pool counts as a small actor.
const SMALL_ACTOR: usize = 5;

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
