//! The cards of a list: one date as a list shows it (title, time, place, Sparten, price,
//! badges, picture), made from the database and remembered.
//!
//! A card depends only on its date, its event (with venue, organisers, Sparten and
//! pictures), whether it names its date, and the language; cards are kept per generation
//! (see `web::kept`), so a list whose cards were made before — by any filter, page or
//! visitor, logged in or not — reads only its dates: no texts, Sparten or pictures, and
//! makes no picture choice and renders no card text.

use super::AppState;
use crate::db::events::{self, DateKey, ListedOccurrence};
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::event::{OccurrenceStatus, Price};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::kept::Kept;
use crate::web::listing::{OccView, instant, price_in};
use askama::Template;
use std::sync::Arc;

/// A card's identity: the date, whether it names its date, the language.
pub type Key = (i64, bool, Lang);

/// The cards kept (a card is about two kilobytes with its HTML).
pub type Cards = Kept<Key, Arc<OccView>, 8_000>;

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

/// A card as one list shows it: the card (shared with every list that shows its date)
/// and whether its picture loads at once (on the first screen) or lazily.
#[derive(Clone)]
pub struct Card {
    pub view: Arc<OccView>,
    pub eager: bool,
}

impl std::ops::Deref for Card {
    type Target = OccView;

    fn deref(&self) -> &OccView {
        &self.view
    }
}

/// The cards of `dates` (see [`views_each`]).
pub async fn views(
    state: &AppState,
    generation: u64,
    dates: Vec<DateKey>,
    with_date: bool,
) -> Result<Vec<(DateKey, Card)>, AppError> {
    views_each(state, generation, dates, |_| with_date).await
}

/// The cards of `dates`, each with its date; `with_date(i)` says whether date `i` names
/// its date. Cards made for `generation` before are taken from [`Cards`]; only the
/// others are read (their lines, Sparten, pictures), made, and kept. A date whose event
/// was withdrawn in the meantime is left out.
pub async fn views_each(
    state: &AppState,
    generation: u64,
    dates: Vec<DateKey>,
    with_date: impl Fn(usize) -> bool,
) -> Result<Vec<(DateKey, Card)>, AppError> {
    let lang = Lang::current();
    let keys: Vec<Key> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| (d.occurrence_id, with_date(i), lang))
        .collect();
    let now = state.clock.now().timestamp();
    let mut kept = state.cards.take(generation, now, &keys);
    let missing: Vec<usize> = (0..keys.len()).filter(|i| kept[*i].is_none()).collect();
    if !missing.is_empty() {
        let ids: Vec<i64> = missing.iter().map(|i| keys[*i].0).collect();
        let mut lines = events::listed(&state.db, &ids).await?;
        let (found, rows): (Vec<usize>, Vec<ListedOccurrence>) = missing
            .iter()
            .filter_map(|i| lines.remove(&keys[*i].0).map(|r| (*i, r)))
            .unzip();
        let made = make(state, rows, |j| keys[found[j]].1).await?;
        let mut fresh = Vec::with_capacity(made.len());
        for (i, view) in found.into_iter().zip(made) {
            let view = Arc::new(view);
            fresh.push((keys[i], view.clone()));
            kept[i] = Some(view);
        }
        state.cards.keep(generation, now, fresh);
    }
    Ok(dates
        .into_iter()
        .zip(kept)
        .filter_map(|(d, view)| view.map(|view| (d, Card { view, eager: false })))
        .collect())
}

/// The views of `rows`, made from the database.
async fn make(
    state: &AppState,
    rows: Vec<ListedOccurrence>,
    with_date: impl Fn(usize) -> bool,
) -> Result<Vec<OccView>, AppError> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.event_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut categories = events::categories_of(&state.db, &ids).await?;
    let pictures = crate::web::pictures::pictures_with(state, &ids, categories.clone()).await?;
    let lang = Lang::current();
    if lang != Lang::De {
        let names = state.categories.list();
        for list in categories.values_mut() {
            for c in list.iter_mut() {
                if let Some(known) = names.iter().find(|k| k.slug == c.slug) {
                    c.name = known.name_in(lang.dates()).to_owned();
                }
            }
        }
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| {
            let status = r.status;
            let english = lang.shows_english(&r.title_en);
            let price = Price::from_columns(
                &r.price_kind,
                r.price_min_cents,
                r.price_max_cents,
                &r.price_text,
            );
            // Through the counting redirect, so that the organiser's reach page shows the
            // ticket clicks from the lists too.
            let ticket_url =
                if r.ticket_url.starts_with("https://") || r.ticket_url.starts_with("http://") {
                    lang.href(format!("/weiter/karten/{}", r.slug))
                } else {
                    String::new()
                };
            let categories = categories.get(&r.event_id).cloned().unwrap_or_default();
            OccView {
                lang,
                free: matches!(price, Price::Free),
                status_key: match status {
                    OccurrenceStatus::Cancelled => "cancelled",
                    OccurrenceStatus::Postponed => "postponed",
                    OccurrenceStatus::SoldOut => "sold_out",
                    _ => "",
                },
                ticket_url,
                sparte: categories
                    .first()
                    .map(|c| c.slug.clone())
                    .unwrap_or_default(),
                picture: pictures.get(&r.event_id).cloned(),
                when: when(&r, with_date(i), lang),
                datetime: calendar::rfc3339_local(instant(r.starts_at)),
                // The card names its date, so the event page offers that date for „In
                // meinen Kalender“ (the canonical address stays without it).
                href: format!("/veranstaltungen/{}?termin={}", r.slug, r.occurrence_id),
                categories,
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
                text_html: String::new(),
            }
        })
        .map(|mut view| {
            view.text_html = CardText { o: &view }
                .render()
                .map_err(|e| AppError::Internal(e.into()))?;
            Ok(view)
        })
        .collect()
}

/// The text of a card (all of it but the picture, whose loading and sizes depend on
/// where the card is shown), rendered once when the card is made.
#[derive(Template)]
#[template(path = "events/_item_text.html")]
struct CardText<'a> {
    o: &'a OccView,
}
