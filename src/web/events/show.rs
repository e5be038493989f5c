//! `GET /veranstaltungen/{slug}`: everything a visitor needs to decide and go.

use crate::db::event_details::{self, EventDetail};
use crate::db::events::Labelled;
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::event::{AccessService, Audience, OccurrenceStatus, Price, language_name};
use crate::domain::slug::Slug;
use crate::domain::venue::VenueStatus;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, markdown, page};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

#[derive(Clone)]
pub struct DateLine {
    /// The occurrence's id (`?termin=` of its calendar file).
    pub id: i64,
    pub label: String,
    pub datetime: String,
    pub status: String,
    pub cancelled: bool,
}

#[derive(Clone)]
pub struct VenueBlock {
    /// Empty while the venue is a proposal (it has no page yet).
    pub slug: String,
    pub name: String,
    pub street: String,
    pub city_line: String,
    pub district: String,
    /// The access profile in the page's language.
    pub access: Vec<String>,
    pub access_notes: String,
}

#[derive(Template)]
#[template(path = "events/show.html")]
pub struct EventPage {
    pub layout: Layout,
    /// Everything but the frame: made once per event, language and generation for the
    /// public page (see `web::kept`), its fields read by the template through `Deref`.
    pub parts: EventParts,
}

impl std::ops::Deref for EventPage {
    type Target = EventParts;

    fn deref(&self) -> &EventParts {
        &self.parts
    }
}

impl std::ops::DerefMut for EventPage {
    fn deref_mut(&mut self) -> &mut EventParts {
        &mut self.parts
    }
}

/// The public event pages' parts kept (see `web::kept`): the page's data without its
/// frame (whose links depend on the request's path and preferred language).
pub type KeptPages = crate::web::kept::Kept<(i64, Lang), std::sync::Arc<EventParts>, 2_000>;

#[derive(Clone)]
pub struct EventParts {
    /// `lang` of the title and subtitle, when it is not the page's („de“ on an English
    /// page without English title).
    pub title_lang: &'static str,
    /// `lang` of the description, likewise.
    pub text_lang: &'static str,
    pub title: String,
    pub subtitle: String,
    pub description_html: String,
    /// The first dates, shown at once.
    pub dates: Vec<DateLine>,
    /// Further dates, behind a disclosure.
    pub more_dates: Vec<DateLine>,
    pub past: bool,
    pub venue: Option<VenueBlock>,
    pub location_text: String,
    pub categories: Vec<Labelled>,
    pub organizers: Vec<Labelled>,
    pub price: String,
    pub ticket_url: String,
    /// The dates one can put into a calendar (upcoming and not cancelled), the chosen
    /// one first marked by `chosen`.
    pub calendar_dates: Vec<crate::web::options::Choice>,
    pub audiences: Vec<String>,
    pub min_age: Option<i64>,
    pub languages: Vec<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub images: Vec<crate::web::images::ImageView>,
    /// A line above the page (the preview of a draft says so).
    pub notice: String,
    /// Every upcoming date is cancelled.
    pub cancelled: bool,
    /// For the „Melden“ link; empty in previews.
    pub slug: String,
    /// schema.org JSON-LD (script-safe).
    pub jsonld: String,
    /// OpenGraph: the page's address, a short description, the image.
    pub url: String,
    pub og_description: String,
    /// The 1200 × 630 preview of the event's picture or poster (absolute URL).
    pub og_image: String,
    /// „Im Magazin“: public articles linked to the event.
    pub magazine: Vec<crate::web::magazine::Teaser>,
    pub og_image_alt: String,
    pub share: Vec<crate::web::schema::ShareLink>,
}

fn venue_block(d: &EventDetail) -> Option<VenueBlock> {
    d.venue.as_ref().map(|v| VenueBlock {
        slug: if v.status == VenueStatus::Published {
            v.slug.clone()
        } else {
            String::new()
        },
        name: v.name.clone(),
        street: v.street.clone(),
        city_line: format!("{} {}", v.postal_code, v.city).trim().to_owned(),
        district: District::parse(&v.district)
            .map(|x| x.name().to_owned())
            .unwrap_or_default(),
        access: {
            let lang = crate::i18n::Lang::current();
            v.access()
                .word_ids()
                .into_iter()
                .map(|(id, german)| lang.t_or(&id, german))
                .collect()
        },
        access_notes: v.access_notes.clone(),
    })
}

impl EventPage {
    /// Marks the date a visitor came for (`?termin=` from a list) as the one „In meinen
    /// Kalender“ offers; without one (or an unknown one) the next date is offered.
    pub fn choose_date(&mut self, occurrence: Option<i64>) {
        let Some(id) = occurrence.map(|i| i.to_string()) else {
            return;
        };
        if self.calendar_dates.iter().any(|c| c.value == id) {
            for c in &mut self.calendar_dates {
                c.checked = c.value == id;
            }
        }
    }
}

/// How many dates the page shows before „Alle Termine“.
const VISIBLE_DATES: usize = 6;

fn date_label(starts_at: i64, ends_at: i64, all_day: bool, lang: Lang) -> String {
    let (start, end) = (instant(starts_at), instant(ends_at));
    let (d0, d1) = (calendar::local_date(start), calendar::local_date(end));
    let locale = lang.dates();
    let day = |d| calendar::long_date_in(d, locale);
    if d0 != d1 && ends_at - starts_at > 86_400 {
        lang.t_args("date-range", &[("first", &day(d0)), ("last", &day(d1))])
    } else if all_day {
        day(d0)
    } else if ends_at > starts_at {
        let from = if lang == Lang::De {
            calendar::clock(start)
        } else {
            calendar::time_of_day_in(start, locale)
        };
        let span = lang.t_args(
            "date-range",
            &[
                ("first", &from),
                ("last", &calendar::time_of_day_in(end, locale)),
            ],
        );
        format!("{}, {span}", day(d0))
    } else {
        format!("{}, {}", day(d0), calendar::time_of_day_in(start, locale))
    }
}

pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    if let Some(stem) = slug.strip_suffix(".ics") {
        return crate::web::feeds::event_ics(&state, &headers, stem, raw.as_deref()).await;
    }
    let Some(slug) = Slug::parse(&slug) else {
        return Err(AppError::NotFound);
    };
    // Before anything is read (see `web::kept`).
    let generation = state.search.generation();
    let Some(id) = event_details::published_id_by_slug(&state.db, slug.as_str()).await? else {
        return Err(AppError::NotFound);
    };
    let chosen = crate::web::query::pairs(raw.as_deref())
        .iter()
        .find(|(k, _)| k == "termin")
        .and_then(|(_, v)| v.parse::<i64>().ok());
    let key = (id, Lang::current());
    let now = state.clock.now().timestamp();
    let parts = match state
        .event_pages
        .take(generation, now, &[key])
        .pop()
        .flatten()
    {
        Some(parts) => parts,
        None => {
            let mut details = event_details::load(&state.db, &[id]).await?;
            let Some(d) = details.remove(&id) else {
                return Err(AppError::NotFound);
            };
            let parts = std::sync::Arc::new(event_parts(&state, id, &d).await?);
            state
                .event_pages
                .keep(generation, now, vec![(key, parts.clone())]);
            parts
        }
    };
    let mut view = framed((*parts).clone());
    view.choose_date(chosen);
    page::html(&headers, &view)
}

/// The page of `parts` in this request's frame.
fn framed(parts: EventParts) -> EventPage {
    EventPage {
        layout: Layout::new(parts.title.clone())
            .in_section("veranstaltungen")
            .translated(),
        parts,
    }
}

/// The page of one event, whatever its status (the caller decides who may see it).
pub async fn event_page(state: &AppState, id: i64, d: &EventDetail) -> Result<EventPage, AppError> {
    Ok(framed(event_parts(state, id, d).await?))
}

/// The page's parts (its dates as of now, in the request's language).
async fn event_parts(state: &AppState, id: i64, d: &EventDetail) -> Result<EventParts, AppError> {
    let now = state.clock.now().timestamp();
    let lang = Lang::current();
    let (upcoming, past_rows) = event_details::occurrences(&state.db, id, now, 60).await?;
    let past = upcoming.is_empty();
    let mut dates: Vec<DateLine> = upcoming
        .iter()
        .chain(past_rows.iter())
        .map(|o| {
            let status = o.status;
            DateLine {
                id: o.id,
                label: date_label(o.starts_at, o.ends_at, o.all_day, lang),
                datetime: calendar::rfc3339_local(instant(o.starts_at)),
                status: lang.occurrence_status(status),
                cancelled: status == OccurrenceStatus::Cancelled,
            }
        })
        .collect();
    let more_dates = dates.split_off(dates.len().min(VISIBLE_DATES));
    let e = &d.event;
    let images = crate::web::images::of_event(state, id).await?;
    let picture = crate::web::pictures::picture_for(state, id).await?;
    // The English page shows the English texts where there are some, else the German
    // ones marked as German.
    let english = lang.shows_english(&e.title_en);
    let (title, subtitle) = if english {
        (e.title_en.clone(), e.subtitle_en.clone())
    } else {
        (e.title.clone(), e.subtitle.clone())
    };
    let description_english = english && !e.description_en.is_empty();
    let price = Price::from_columns(
        &e.price_kind,
        e.price_min_cents,
        e.price_max_cents,
        &e.price_text,
    );
    let magazine = crate::web::magazine::linked(state, "event", id).await?;
    let view = EventParts {
        magazine,
        title_lang: if english { "" } else { lang.german_mark() },
        text_lang: if description_english {
            ""
        } else {
            lang.german_mark()
        },
        title,
        subtitle,
        description_html: markdown::render(if description_english {
            &e.description_en
        } else {
            &e.description
        }),
        dates,
        more_dates,
        past,
        venue: venue_block(d),
        location_text: e.location_text.clone(),
        price: if lang == Lang::De {
            price.label()
        } else {
            crate::web::listing::price_in(&price, lang)
        },
        ticket_url: if e.ticket_url.starts_with("https://") || e.ticket_url.starts_with("http://") {
            e.ticket_url.clone()
        } else {
            String::new()
        },
        calendar_dates: upcoming
            .iter()
            .filter(|o| !o.status.is_cancelled())
            .enumerate()
            .map(|(i, o)| {
                crate::web::options::Choice::new(
                    o.id.to_string(),
                    date_label(o.starts_at, o.ends_at, o.all_day, lang),
                )
                .checked_if(i == 0)
            })
            .collect(),
        audiences: d
            .audiences
            .iter()
            .filter_map(|a| Audience::parse(a))
            .map(|a| lang.audience(a))
            .collect(),
        min_age: e.min_age,
        languages: e
            .languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(|l| lang.t_or(&format!("language-{l}"), language_name(l)))
            .collect(),
        services: AccessService::parse_list(&e.access_services)
            .into_iter()
            .map(|s| lang.t_or(&format!("service-{}", s.key()), s.name()))
            .collect(),
        tags: d.tags.clone(),
        jsonld: crate::web::schema::script_safe(&crate::web::schema::events(
            d,
            &upcoming[..upcoming.len().min(12)],
            &images,
            &state.base_url,
        )),
        url: format!("{}/veranstaltungen/{}", state.base_url, e.slug),
        og_description: crate::web::schema::plain_text(
            if e.subtitle.is_empty() {
                &e.description
            } else {
                &e.subtitle
            },
            200,
        ),
        og_image: picture
            .as_ref()
            .map(|p| format!("{}{}", state.base_url, p.og))
            .unwrap_or_default(),
        og_image_alt: picture.map(|p| p.alt).unwrap_or_default(),
        share: crate::web::schema::share_links(
            &e.title,
            &format!("{}/veranstaltungen/{}", state.base_url, e.slug),
        ),
        images,
        notice: String::new(),
        cancelled: !upcoming.is_empty() && upcoming.iter().all(|o| o.status.is_cancelled()),
        slug: e.slug.clone(),
        categories: d.categories.clone(),
        organizers: d.organizers.clone(),
    };
    Ok(view)
}
