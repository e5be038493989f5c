//! `GET /`: the start page as a stage — highlights of the coming week (a fair mix that
//! includes small actors), today, the whole weekend by day (Friday evening, Saturday,
//! Sunday: each a balanced choice), running exhibitions, „Entdecken“ and the Sparten as
//! picture tiles.

use super::cards::Card;
use super::layout::Layout;
use super::listing::{self, FIRST_SCREEN};
use super::pictures::{self, Picture, Source};
use super::{AppState, page};
use crate::db::events;
use crate::domain::calendar::{self, NamedPeriod, Window};
use crate::domain::category::Category;
use crate::domain::filter::EventFilter;
use crate::error::AppError;
use crate::i18n::Lang;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};

/// How many dates each part of the stage shows.
const HIGHLIGHTS: usize = 6;
const PER_DAY: usize = 6;
const RUNNING: usize = 6;
/// How many of the first dates in time a choice looks at.
const POOL: i64 = 400;
/// Friday's part of the weekend starts in the evening.
const FRIDAY_EVENING: u32 = 17;

/// One day of the weekend with its choice.
pub struct StageDay {
    pub heading: String,
    pub iso: String,
    /// The list of that day (or evening) on the list page.
    pub href: String,
    pub items: Vec<Card>,
}

/// A Sparte as a tile, with the picture of its next event when that is a photo.
pub struct Tile {
    pub slug: String,
    pub name: String,
    pub picture: Option<Picture>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub layout: Layout,
    pub highlights: Vec<Card>,
    /// The magazine's „Tipps der Woche“ the highlights come from: (slug, title).
    pub tips: Option<(String, String)>,
    pub today: Vec<Card>,
    pub weekend: Vec<StageDay>,
    pub running: Vec<Card>,
    pub tiles: Vec<Tile>,
    pub discover: Vec<crate::web::scene::Discovered>,
}

/// The parts of the weekend that are still to come at `now`: Friday from the evening,
/// Saturday and Sunday (on a Saturday: Saturday and Sunday; on a Sunday: Sunday).
pub fn weekend_parts(now: DateTime<Utc>) -> Vec<(NaiveDate, Window)> {
    let (first, last) = NamedPeriod::Weekend.dates(now);
    let mut parts = Vec::new();
    let mut day = first;
    while day <= last {
        let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
        let from = if day.weekday() == Weekday::Fri {
            calendar::local_instant(day, FRIDAY_EVENING, 0)
        } else {
            calendar::start_of_day(day)
        };
        let to = calendar::start_of_day(next);
        if to > now {
            parts.push((
                day,
                Window {
                    from: from.max(now),
                    to: Some(to),
                },
            ));
        }
        if next == day {
            break;
        }
        day = next;
    }
    parts
}

async fn tiles(state: &AppState, lang: Lang) -> Result<Vec<Tile>, AppError> {
    let next = events::next_per_category(&state.db, state.clock.now().timestamp()).await?;
    let ids: Vec<i64> = next.values().copied().collect();
    let found = pictures::pictures_for(state, &ids).await?;
    Ok(state
        .categories
        .list()
        .iter()
        .map(|c: &Category| Tile {
            slug: c.slug.clone(),
            name: c.name_in(lang.dates()).to_owned(),
            picture: next
                .get(&c.slug)
                .and_then(|id| found.get(id))
                .filter(|p| p.source != Source::Poster)
                .cloned()
                .map(|mut p| {
                    // The tile names the Sparte; the photo only decorates it.
                    p.alt = String::new();
                    p
                }),
        })
        .collect())
}

pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let lang = Lang::current();
    let now = state.clock.now();
    let week = Window {
        from: now,
        to: now.checked_add_days(Days::new(7)),
    };
    // The newest „Tipps der Woche“ of the magazine lead the highlights.
    let tips = crate::db::articles::latest_tips(&state.db, now.timestamp()).await?;
    let picks = tips.as_ref().map(|t| t.2.clone()).unwrap_or_default();
    let mut highlights = listing::choice(&state, week, HIGHLIGHTS, POOL, true, &picks).await?;
    for o in highlights.iter_mut().take(FIRST_SCREEN) {
        o.eager = true;
    }
    let today_filter = EventFilter {
        period: Some(NamedPeriod::Today),
        ..EventFilter::default()
    };
    let today_window = today_filter.window(now);
    let today = listing::choice(&state, today_window, PER_DAY, POOL, false, &[]).await?;
    let mut weekend = Vec::new();
    for (day, window) in weekend_parts(now) {
        let evening = day.weekday() == Weekday::Fri;
        let date = calendar::long_date_in(day, lang.dates());
        weekend.push(StageDay {
            heading: if evening {
                // „Freitagabend, 4. Dezember 2026“: the weekday is in the word.
                let without_day = date
                    .split_once(", ")
                    .or_else(|| date.split_once(' '))
                    .map_or(date.as_str(), |(_, d)| d);
                lang.t_args("home-friday-evening", &[("date", without_day)])
            } else {
                date
            },
            iso: day.to_string(),
            href: format!("/veranstaltungen?von={day}&bis={day}"),
            items: listing::choice(&state, window, PER_DAY, POOL, false, &[]).await?,
        });
    }
    let mut running = listing::preview(&state, &today_filter, 1).await?.running;
    running.truncate(RUNNING);
    let view = HomePage {
        layout: Layout::new(lang.t("home-title")).translated(),
        highlights,
        tips: tips.map(|t| (t.0, t.1)),
        today,
        weekend,
        running,
        tiles: tiles(&state, lang).await?,
        discover: crate::web::scene::discover(&state).await?,
    };
    page::html(&headers, &view)
}
