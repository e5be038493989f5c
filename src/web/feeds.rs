//! Exports of the calendar for other programs: iCalendar (one event, any filtered list, a
//! venue's or an organisation's programme), RSS 2.0 and Atom with the list's parameters.
//! A subscription URL is the list's URL with `.ics` — what a person filters is what their
//! phone's calendar shows.

use crate::db::event_details::{self, EventDetail};
use crate::domain::calendar;
use crate::domain::event::OccurrenceStatus;
use crate::domain::filter::{EventFilter, GERMAN};
use crate::domain::ical::{self, IcalEvent, IcalStatus};
use crate::domain::slug::Slug;
use crate::error::AppError;
use crate::web::listing::{check_slugs, instant};
use crate::web::{AppState, page, query};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use std::collections::HashMap;

/// The most dates one feed carries.
pub const FEED_LIMIT: i64 = 500;

pub use crate::service::dates::{FeedDate, FeedItem, items_from};

/// The dates a filter selects (the same rules as the list page), with their events.
pub async fn items(
    state: &AppState,
    filter: &EventFilter,
    limit: i64,
) -> Result<Vec<FeedItem>, AppError> {
    Ok(items_from(
        &state.db,
        &state.search,
        filter,
        filter.window(state.clock.now()),
        limit,
    )
    .await?)
}

fn host(base: &str) -> &str {
    base.split_once("://")
        .map_or(base, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("kulturportal")
}

/// The address line of a date's place.
pub fn location(d: &EventDetail) -> String {
    match &d.venue {
        Some(v) => [
            v.name.as_str(),
            v.street.as_str(),
            &format!("{} {}", v.postal_code, v.city),
        ]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", "),
        None => d.event.location_text.clone(),
    }
}

pub(crate) fn to_ical(items: &[FeedItem], base: &str) -> Vec<IcalEvent> {
    let mut per_day: HashMap<(i64, chrono::NaiveDate), usize> = HashMap::new();
    for i in items {
        *per_day
            .entry((
                i.occurrence.event_id,
                calendar::local_date(instant(i.occurrence.starts_at)),
            ))
            .or_default() += 1;
    }
    let host = host(base);
    items
        .iter()
        .map(|i| {
            let o = &i.occurrence;
            let d = &i.detail;
            let e = &d.event;
            let start = instant(o.starts_at);
            let twice = per_day
                .get(&(o.event_id, calendar::local_date(start)))
                .is_some_and(|n| *n > 1);
            let status = o.status;
            let url = format!("{base}/veranstaltungen/{}", e.slug);
            let mut description = String::new();
            if !e.subtitle.is_empty() {
                description.push_str(&e.subtitle);
                description.push_str("\n\n");
            }
            description.push_str(&e.description);
            description.push_str(&format!("\n\n{url}"));
            IcalEvent {
                uid: ical::uid(o.event_id, start, twice, host),
                sequence: e.sequence,
                stamp: instant(e.updated_at),
                start,
                end: instant(o.ends_at),
                all_day: o.all_day,
                summary: match status {
                    OccurrenceStatus::Cancelled => format!("Abgesagt: {}", e.title),
                    OccurrenceStatus::Postponed => format!("Verschoben: {}", e.title),
                    _ => e.title.clone(),
                },
                description,
                location: location(d),
                geo: d.venue.as_ref().and_then(|v| Some((v.lat?, v.lon?))),
                url,
                categories: d.categories.iter().map(|c| c.name.clone()).collect(),
                status: match status {
                    OccurrenceStatus::Cancelled => IcalStatus::Cancelled,
                    OccurrenceStatus::Postponed => IcalStatus::Tentative,
                    _ => IcalStatus::Confirmed,
                },
            }
        })
        .collect()
}

pub(crate) fn calendar_response(
    headers: &HeaderMap,
    name: &str,
    items: &[FeedItem],
    base: &str,
) -> Response {
    let body = ical::calendar(name, &to_ical(items, base));
    page::cached(headers, "text/calendar; charset=utf-8", body.into_bytes())
}

async fn filtered(state: &AppState, raw: Option<&str>) -> Result<EventFilter, AppError> {
    let pairs = query::pairs(raw);
    let filter = EventFilter::parse(&pairs, &GERMAN)?;
    check_slugs(state, &filter, &GERMAN).await?;
    Ok(filter)
}

/// `GET /veranstaltungen.ics?…` with the list's parameters.
pub async fn list_ics(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let filter = filtered(&state, raw.as_deref()).await?;
    let items = items(&state, &filter, FEED_LIMIT).await?;
    Ok(calendar_response(
        &headers,
        "Kulturportal Bochum",
        &items,
        &state.base_url,
    ))
}

/// `GET /veranstaltungen/{slug}.ics`: every coming date of one event; with
/// `?termin={id}` only that date (the event page's „In meinen Kalender“).
pub async fn event_ics(
    state: &AppState,
    headers: &HeaderMap,
    slug: &str,
    raw: Option<&str>,
) -> Result<Response, AppError> {
    let pairs = query::pairs(raw);
    let chosen = match pairs.iter().find(|(k, _)| k == "termin") {
        Some((_, v)) => Some(v.parse::<i64>().map_err(|_| AppError::NotFound)?),
        None => None,
    };
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let id = event_details::published_id_by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let detail = event_details::load(&state.db, &[id])
        .await?
        .remove(&id)
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now().timestamp();
    let (upcoming, past) = event_details::occurrences(&state.db, id, now, FEED_LIMIT).await?;
    let items: Vec<FeedItem> = upcoming
        .into_iter()
        .chain(past)
        .filter(|o| chosen.is_none_or(|c| c == o.id))
        .map(|o| FeedItem {
            occurrence: FeedDate {
                event_id: o.event_id,
                starts_at: o.starts_at,
                ends_at: o.ends_at,
                all_day: o.all_day,
                status: o.status,
            },
            detail: detail.clone(),
        })
        .collect();
    if chosen.is_some() && items.is_empty() {
        return Err(AppError::NotFound);
    }
    let name = detail.event.title.clone();
    Ok(calendar_response(headers, &name, &items, &state.base_url))
}

/// `GET /orte/{slug}.ics`: a venue's programme.
pub async fn venue_ics(
    state: &AppState,
    headers: &HeaderMap,
    slug: &str,
) -> Result<Response, AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let venue = crate::db::venues::by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = EventFilter {
        venue: Some(slug),
        ..EventFilter::default()
    };
    let items = items(state, &filter, FEED_LIMIT).await?;
    Ok(calendar_response(
        headers,
        &venue.name,
        &items,
        &state.base_url,
    ))
}

/// `GET /kulturszene/{slug}.ics`: an organisation's programme.
pub async fn organization_ics(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let slug = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let org = crate::db::organizations::by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = EventFilter {
        organizer: Some(slug),
        ..EventFilter::default()
    };
    let items = items(&state, &filter, FEED_LIMIT).await?;
    Ok(calendar_response(
        &headers,
        &org.name,
        &items,
        &state.base_url,
    ))
}

/// The headline of a date in feeds: „Sa., 5. Dezember, 19:30 Uhr: Jazz im Keller“.
fn headline(i: &FeedItem) -> String {
    let o = &i.occurrence;
    let start = instant(o.starts_at);
    let when = if o.all_day {
        calendar::short_date(calendar::local_date(start))
    } else {
        format!(
            "{}, {}",
            calendar::short_date(calendar::local_date(start)),
            calendar::time_of_day(start)
        )
    };
    let prefix = match o.status {
        OccurrenceStatus::Cancelled => "Abgesagt – ",
        OccurrenceStatus::Postponed => "Verschoben – ",
        _ => "",
    };
    format!("{prefix}{when}: {}", i.detail.event.title)
}

fn summary_html(i: &FeedItem) -> String {
    let e = &i.detail.event;
    let mut html = String::new();
    if !e.subtitle.is_empty() {
        html.push_str(&format!(
            "<p><strong>{}</strong></p>",
            askama::filters::escape(&e.subtitle, askama::filters::Html)
                .map(|s| s.to_string())
                .unwrap_or_default()
        ));
    }
    html.push_str(&crate::web::markdown::render(&e.description));
    html.push_str(&format!(
        "<p>{}</p>",
        askama::filters::escape(&location(&i.detail), askama::filters::Html)
            .map(|s| s.to_string())
            .unwrap_or_default()
    ));
    html
}

fn feed_guid(i: &FeedItem, base: &str) -> String {
    format!(
        "{base}/veranstaltungen/{}#termin-{}",
        i.detail.event.slug, i.occurrence.starts_at
    )
}

/// `GET /veranstaltungen.rss?…`
pub async fn rss(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let filter = filtered(&state, raw.as_deref()).await?;
    let items = items(&state, &filter, 100).await?;
    let base = &state.base_url;
    let query = raw.map(|q| format!("?{q}")).unwrap_or_default();
    let body = rss_document(
        &Channel {
            title: "Kulturportal Bochum – Veranstaltungen",
            link: format!("{base}/veranstaltungen{query}"),
            description: "Kulturveranstaltungen in Bochum, in zeitlicher Reihenfolge.",
        },
        &items,
        base,
        state.clock.now(),
    );
    Ok(page::cached(
        &headers,
        "application/rss+xml; charset=utf-8",
        body.into_bytes(),
    ))
}

/// What an RSS feed says about itself.
pub struct Channel<'a> {
    pub title: &'a str,
    pub link: String,
    pub description: &'a str,
}

/// An RSS 2.0 document of `items`.
pub fn rss_document(
    about: &Channel<'_>,
    items: &[FeedItem],
    base: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let mut channel = rss::Channel::default();
    channel.set_title(about.title);
    channel.set_link(about.link.clone());
    channel.set_description(about.description);
    channel.set_language(Some("de-DE".to_owned()));
    channel.set_last_build_date(Some(now.to_rfc2822()));
    channel.set_items(
        items
            .iter()
            .map(|i| {
                let mut item = rss::Item::default();
                item.set_title(Some(headline(i)));
                item.set_link(Some(format!(
                    "{base}/veranstaltungen/{}",
                    i.detail.event.slug
                )));
                item.set_description(Some(summary_html(i)));
                let mut guid = rss::Guid::default();
                guid.set_value(feed_guid(i, base));
                guid.set_permalink(false);
                item.set_guid(Some(guid));
                item.set_pub_date(Some(instant(i.detail.event.updated_at).to_rfc2822()));
                item.set_categories(
                    i.detail
                        .categories
                        .iter()
                        .map(|c| {
                            let mut cat = rss::Category::default();
                            cat.set_name(c.name.clone());
                            cat
                        })
                        .collect::<Vec<_>>(),
                );
                item
            })
            .collect::<Vec<_>>(),
    );
    channel.to_string()
}

/// `GET /veranstaltungen.atom?…`
pub async fn atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    use atom_syndication::{Content, Entry, Feed, Link, Text};
    let filter = filtered(&state, raw.as_deref()).await?;
    let items = items(&state, &filter, 100).await?;
    let base = &state.base_url;
    let query = raw.map(|q| format!("?{q}")).unwrap_or_default();
    let fixed = |t: i64| instant(t).fixed_offset();
    let link = |href: String, rel: &str| {
        let mut l = Link::default();
        l.set_href(href);
        l.set_rel(rel.to_owned());
        l
    };
    let mut feed = Feed::default();
    feed.set_title(Text::plain("Kulturportal Bochum – Veranstaltungen"));
    feed.set_id(format!("{base}/veranstaltungen.atom{query}"));
    feed.set_updated(fixed(
        items
            .iter()
            .map(|i| i.detail.event.updated_at)
            .max()
            .unwrap_or(0),
    ));
    feed.set_links(vec![
        link(format!("{base}/veranstaltungen.atom{query}"), "self"),
        link(format!("{base}/veranstaltungen{query}"), "alternate"),
    ]);
    feed.set_entries(
        items
            .iter()
            .map(|i| {
                let mut entry = Entry::default();
                entry.set_title(Text::plain(headline(i)));
                entry.set_id(feed_guid(i, base));
                entry.set_updated(fixed(i.detail.event.updated_at));
                entry.set_links(vec![link(
                    format!("{base}/veranstaltungen/{}", i.detail.event.slug),
                    "alternate",
                )]);
                let mut content = Content::default();
                content.set_content_type(Some("html".to_owned()));
                content.set_value(Some(summary_html(i)));
                entry.set_content(Some(content));
                entry
            })
            .collect::<Vec<_>>(),
    );
    Ok(page::cached(
        &headers,
        "application/atom+xml; charset=utf-8",
        feed.to_string().into_bytes(),
    ))
}
