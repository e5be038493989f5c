//! The event editor's rules: what the form sent becomes a valid [`EventInput`] or messages
//! (Fluent ids) per field. Dates can be one, several, or a series (weekly on chosen days,
//! monthly on the n-th weekday, until a date or for a count, with exceptions).

use super::account::{FieldErrors, Message};
use super::calendar;
use super::district::District;
use super::event::{AccessService, Audience, Price};
use super::form::FormData;
use super::recurrence::{Recurrence, Repeat, SeriesEnd};
use chrono::{DateTime, Duration, NaiveDate, Utc, Weekday};

/// What the editor may refer to: ids that exist and that this person may use.
pub struct EditorChoices<'a> {
    pub categories: &'a [i64],
    pub venues: &'a [i64],
    /// Organisations the event may be entered for; empty for anonymous submissions.
    pub organizations: &'a [i64],
}

/// Where an event takes place.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    Venue(i64),
    /// A venue not yet in the directory: created as pending, checked by moderation.
    NewVenue(VenueProposal),
    /// Somewhere else, described in words (a park, a shop window, online).
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct VenueProposal {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub district: District,
}

/// One concrete date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub starts_at: i64,
    pub ends_at: i64,
    pub all_day: bool,
}

#[derive(Debug, Clone)]
pub enum Schedule {
    Dates(Vec<Slot>),
    Series {
        rule: Box<Recurrence>,
        first: NaiveDate,
        duration_seconds: i64,
    },
}

/// How far ahead an open series is expanded (the background job tops it up).
pub const HORIZON_DAYS: i64 = 180;

impl Schedule {
    /// The concrete dates: all of them, or for a series those up to the horizon.
    pub fn slots(&self, now: DateTime<Utc>) -> Vec<Slot> {
        match self {
            Schedule::Dates(slots) => slots.clone(),
            Schedule::Series {
                rule,
                first,
                duration_seconds,
            } => {
                let from = calendar::start_of_day(*first);
                let to = now.max(from) + Duration::days(HORIZON_DAYS);
                rule.starts_between(from, to)
                    .into_iter()
                    .map(|s| Slot {
                        starts_at: s.timestamp(),
                        ends_at: s.timestamp() + duration_seconds,
                        all_day: false,
                    })
                    .collect()
            }
        }
    }

    pub fn rule_text(&self) -> &str {
        match self {
            Schedule::Dates(_) => "",
            Schedule::Series { rule, .. } => rule.as_str(),
        }
    }

    pub fn duration_seconds(&self) -> i64 {
        match self {
            Schedule::Dates(slots) => slots.first().map_or(0, |s| s.ends_at - s.starts_at),
            Schedule::Series {
                duration_seconds, ..
            } => *duration_seconds,
        }
    }
}

/// An event's texts in English, for the English interface.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnglishText {
    pub title: String,
    pub subtitle: String,
    pub description: String,
}

/// A valid event as entered in the editor.
#[derive(Debug, Clone)]
pub struct EventInput {
    pub title: String,
    /// The English texts when the form had the fields (the editor); `None` leaves the
    /// stored ones as they are (imports, which know only the source's language).
    pub english: Option<EnglishText>,
    pub subtitle: String,
    pub description: String,
    pub category_ids: Vec<i64>,
    pub tags: Vec<String>,
    pub organization_id: Option<i64>,
    pub place: Place,
    pub schedule: Schedule,
    pub price: Price,
    pub ticket_url: String,
    pub min_age: Option<i64>,
    pub audiences: Vec<Audience>,
    pub languages: Vec<String>,
    pub access_services: Vec<AccessService>,
    /// The date fields as typed, stored so that the editor shows them again.
    pub schedule_form: FormData,
}

/// The form fields that describe the dates.
pub const DATE_FIELDS: [&str; 15] = [
    "date_mode",
    "date",
    "time",
    "end_date",
    "end_time",
    "all_day",
    "dates",
    "weekday",
    "nth",
    "month_weekday",
    "series_end",
    "until",
    "count",
    "exceptions",
    "duration",
];

/// Languages offered in the editor (ISO 639-1, plus `dgs` for German Sign Language).
pub const LANGUAGES: [&str; 11] = [
    "de", "en", "tr", "ar", "uk", "pl", "ru", "fr", "es", "it", "dgs",
];

/// The weekdays as the form sends them, Monday first.
pub const WEEKDAYS: [(&str, &str, Weekday); 7] = [
    ("mo", "Montag", Weekday::Mon),
    ("di", "Dienstag", Weekday::Tue),
    ("mi", "Mittwoch", Weekday::Wed),
    ("do", "Donnerstag", Weekday::Thu),
    ("fr", "Freitag", Weekday::Fri),
    ("sa", "Samstag", Weekday::Sat),
    ("so", "Sonntag", Weekday::Sun),
];

/// The most single dates one event may list (longer runs are a series).
const MAX_DATES: usize = 200;

/// What the person asked for with the button they pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorAction {
    /// Save without publishing.
    Draft,
    /// Show the resulting dates, save nothing.
    PreviewDates,
    /// Publish (or submit for moderation when publishing is not yet allowed).
    Publish,
}

impl EditorAction {
    pub fn parse(s: &str) -> EditorAction {
        match s {
            "entwurf" => EditorAction::Draft,
            "termine" => EditorAction::PreviewDates,
            _ => EditorAction::Publish,
        }
    }
}

/// A calendar date as browsers send it (`2026-12-05`) or as people type it (`5.12.2026`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()
}

/// A time of day: `19:30`, `19.30`, `19 Uhr`, `19`.
pub fn parse_time(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_end_matches("Uhr").trim();
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h.trim().parse().ok()?, m.trim().parse().ok()?),
        None => (s.parse().ok()?, 0),
    };
    (h < 24 && m < 60).then_some((h, m))
}

/// Euros as people type them (`12`, `12,50`, `12.50 €`) in cents.
pub fn parse_euros(s: &str) -> Option<i64> {
    let s = s.trim().trim_end_matches('€').trim().replace(',', ".");
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) if f.len() <= 2 && !f.is_empty() => {
            (w, format!("{f:0<2}").parse::<i64>().ok()?)
        }
        Some(_) => return None,
        None => (s.as_str(), 0),
    };
    let whole: i64 = whole.parse().ok()?;
    (0..=100_000).contains(&whole).then_some(whole * 100 + frac)
}

fn length_check(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize, id: &str) {
    if value.chars().count() > max {
        errors.add(field, Message::new(id).with("max", max));
    }
}

fn ids(values: Vec<&str>) -> Vec<i64> {
    let mut out: Vec<i64> = values.iter().filter_map(|v| v.parse().ok()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Checks the whole form. `now` decides whether dates lie in the past; `is_new` whether
/// that is an error (an old event may keep its past dates).
pub fn parse(
    form: &FormData,
    choices: &EditorChoices,
    now: DateTime<Utc>,
    is_new: bool,
) -> Result<EventInput, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = form.trimmed("title").to_owned();
    if title.chars().count() < 3 {
        errors.add("title", "editor-title-short");
    }
    length_check(&mut errors, "title", &title, 200, "editor-title-long");
    let subtitle = form.trimmed("subtitle").to_owned();
    length_check(
        &mut errors,
        "subtitle",
        &subtitle,
        200,
        "editor-subtitle-long",
    );
    let description = form.get("description").trim().replace("\r\n", "\n");
    length_check(
        &mut errors,
        "description",
        &description,
        20_000,
        "editor-description-long",
    );

    let english = if form.all("title_en").is_empty() {
        None
    } else {
        let english = EnglishText {
            title: form.trimmed("title_en").to_owned(),
            subtitle: form.trimmed("subtitle_en").to_owned(),
            description: form.get("description_en").trim().replace("\r\n", "\n"),
        };
        length_check(
            &mut errors,
            "title_en",
            &english.title,
            200,
            "editor-title-en-long",
        );
        length_check(
            &mut errors,
            "subtitle_en",
            &english.subtitle,
            200,
            "editor-subtitle-en-long",
        );
        length_check(
            &mut errors,
            "description_en",
            &english.description,
            20_000,
            "editor-description-en-long",
        );
        if english.title.is_empty() && !english.description.is_empty() {
            errors.add("title_en", "editor-title-en-missing");
        }
        Some(english)
    };

    let category_ids = ids(form.all("sparte"));
    if category_ids.is_empty() {
        errors.add("sparte", "editor-sparte-none");
    } else if category_ids.len() > 3 {
        errors.add("sparte", "editor-sparte-many");
    } else if category_ids.iter().any(|c| !choices.categories.contains(c)) {
        errors.add("sparte", "editor-sparte-unknown");
    }

    let mut tags: Vec<String> = form
        .get("tags")
        .split(',')
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    tags.dedup();
    if tags.len() > 10 || tags.iter().any(|t| t.chars().count() > 40) {
        errors.add("tags", "editor-tags-invalid");
    }

    let organization_id = if choices.organizations.is_empty() {
        None
    } else {
        let chosen = form.trimmed("organisation").parse::<i64>().ok();
        match chosen {
            Some(id) if choices.organizations.contains(&id) => Some(id),
            _ => {
                errors.add("organisation", "editor-organisation-missing");
                None
            }
        }
    };

    let place = parse_place(form, choices, &mut errors);
    let schedule = parse_schedule(form, now, is_new, &mut errors);

    let price = match form.get("price_kind") {
        "free" => Price::Free,
        "range" => {
            let min = parse_euros(form.get("price_min"));
            let max_text = form.trimmed("price_max");
            let max = if max_text.is_empty() {
                min
            } else {
                parse_euros(max_text)
            };
            match (min, max) {
                (Some(min), Some(max)) if min <= max => Price::Range {
                    min_cents: min,
                    max_cents: max,
                },
                (Some(_), Some(_)) => {
                    errors.add("price_max", "editor-price-order");
                    Price::Unknown
                }
                (None, _) => {
                    errors.add("price_min", "editor-price-euros");
                    Price::Unknown
                }
                (_, None) => {
                    errors.add("price_max", "editor-price-euros");
                    Price::Unknown
                }
            }
        }
        "text" => {
            let text = form.trimmed("price_text").to_owned();
            if text.is_empty() {
                errors.add("price_text", "editor-price-text-missing");
            }
            length_check(
                &mut errors,
                "price_text",
                &text,
                200,
                "editor-price-text-long",
            );
            Price::Text { text }
        }
        _ => Price::Unknown,
    };

    let ticket_url = form.trimmed("ticket_url").to_owned();
    if !ticket_url.is_empty() {
        let ok = url::Url::parse(&ticket_url)
            .map(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .unwrap_or(false);
        if !ok || ticket_url.len() > 500 {
            errors.add("ticket_url", "editor-ticket-url-invalid");
        }
    }

    let age_text = form.trimmed("min_age");
    let min_age = if age_text.is_empty() {
        None
    } else {
        match age_text.parse::<i64>() {
            Ok(a) if (0..=99).contains(&a) => Some(a),
            _ => {
                errors.add("min_age", "editor-min-age-invalid");
                None
            }
        }
    };
    let audiences: Vec<Audience> = form
        .all("audience")
        .into_iter()
        .filter_map(Audience::parse)
        .collect();
    let languages: Vec<String> = LANGUAGES
        .iter()
        .filter(|l| form.has("language", l))
        .map(|l| (*l).to_owned())
        .collect();
    let access_services: Vec<AccessService> = form
        .all("access")
        .into_iter()
        .filter_map(AccessService::parse)
        .collect();

    match (schedule, place) {
        (Some(schedule), Some(place)) if errors.is_empty() => Ok(EventInput {
            english,
            title,
            subtitle,
            description,
            category_ids,
            tags,
            organization_id,
            place,
            schedule,
            price,
            ticket_url,
            min_age,
            audiences,
            languages: if languages.is_empty() {
                vec!["de".to_owned()]
            } else {
                languages
            },
            access_services,
            schedule_form: form.only(&DATE_FIELDS),
        }),
        _ => Err(errors),
    }
}

fn parse_place(
    form: &FormData,
    choices: &EditorChoices,
    errors: &mut FieldErrors,
) -> Option<Place> {
    match form.trimmed("venue") {
        "neu" => {
            let name = form.trimmed("venue_name").to_owned();
            let street = form.trimmed("venue_street").to_owned();
            let postal_code = form.trimmed("venue_postal_code").to_owned();
            let district = District::parse(form.get("venue_district"));
            if name.chars().count() < 2 {
                errors.add("venue_name", "editor-venue-name-missing");
            }
            length_check(errors, "venue_name", &name, 120, "editor-venue-name-long");
            if street.is_empty() {
                errors.add("venue_street", "editor-venue-street-missing");
            }
            length_check(
                errors,
                "venue_street",
                &street,
                120,
                "editor-venue-street-long",
            );
            if !postal_code.is_empty()
                && (postal_code.len() != 5 || !postal_code.bytes().all(|b| b.is_ascii_digit()))
            {
                errors.add("venue_postal_code", "editor-venue-postal-code-invalid");
            }
            if district.is_none() {
                errors.add("venue_district", "editor-venue-district-missing");
            }
            district.map(|district| {
                Place::NewVenue(VenueProposal {
                    name,
                    street,
                    postal_code,
                    district,
                })
            })
        }
        "" => {
            let text = form.trimmed("location_text").to_owned();
            if text.chars().count() < 3 {
                errors.add("venue", "editor-place-missing");
                return None;
            }
            length_check(
                errors,
                "location_text",
                &text,
                200,
                "editor-location-text-long",
            );
            Some(Place::Text(text))
        }
        id => match id.parse::<i64>() {
            Ok(id) if choices.venues.contains(&id) => Some(Place::Venue(id)),
            _ => {
                errors.add("venue", "editor-venue-unknown");
                None
            }
        },
    }
}

fn parse_schedule(
    form: &FormData,
    now: DateTime<Utc>,
    is_new: bool,
    errors: &mut FieldErrors,
) -> Option<Schedule> {
    let before = errors.0.len();
    let schedule = match form.get("date_mode") {
        "several" => several(form, errors),
        "weekly" | "monthly" => series(form, errors),
        _ => single(form, errors),
    }?;
    if errors.0.len() > before {
        return None;
    }
    let slots = schedule.slots(now);
    if slots.is_empty() {
        errors.add("dates", "editor-no-dates-result");
        return None;
    }
    if is_new && slots.iter().all(|s| s.ends_at < now.timestamp()) {
        errors.add("date", "editor-dates-past");
        return None;
    }
    Some(schedule)
}

fn required_date(
    form: &FormData,
    field: &'static str,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    let d = parse_date(form.get(field));
    if d.is_none() {
        errors.add(field, "editor-date-missing");
    }
    d
}

fn optional_time(
    form: &FormData,
    field: &'static str,
    errors: &mut FieldErrors,
) -> Option<(u32, u32)> {
    let text = form.trimmed(field);
    if text.is_empty() {
        return None;
    }
    let t = parse_time(text);
    if t.is_none() {
        errors.add(field, "editor-time-invalid");
    }
    t
}

fn single(form: &FormData, errors: &mut FieldErrors) -> Option<Schedule> {
    let date = required_date(form, "date", errors);
    let all_day = form.has("all_day", "ja");
    let time = optional_time(form, "time", errors);
    if !all_day && time.is_none() && form.trimmed("time").is_empty() {
        errors.add("time", "editor-time-or-all-day");
    }
    let end_date_text = form.trimmed("end_date");
    let end_date = if end_date_text.is_empty() {
        None
    } else {
        let d = parse_date(end_date_text);
        if d.is_none() {
            errors.add("end_date", "editor-date-missing");
        }
        d
    };
    let end_time = optional_time(form, "end_time", errors);
    let date = date?;
    let (start, end) = if all_day || time.is_none() {
        let last = end_date.unwrap_or(date);
        let end = calendar::start_of_day(last.succ_opt().unwrap_or(last)) - Duration::seconds(1);
        (calendar::start_of_day(date), end)
    } else {
        let (h, m) = time?;
        let start = calendar::local_instant(date, h, m);
        let end = match (end_date, end_time) {
            (Some(d), Some((eh, em))) => calendar::local_instant(d, eh, em),
            (None, Some((eh, em))) => {
                let e = calendar::local_instant(date, eh, em);
                // „20:00 bis 01:00“ ends the next morning.
                if e < start { e + Duration::days(1) } else { e }
            }
            (Some(d), None) => {
                calendar::start_of_day(d.succ_opt().unwrap_or(d)) - Duration::seconds(1)
            }
            (None, None) => start,
        };
        (start, end)
    };
    if end < start {
        errors.add("end_date", "editor-end-before-start");
        return None;
    }
    Some(Schedule::Dates(vec![Slot {
        starts_at: start.timestamp(),
        ends_at: end.timestamp(),
        all_day: all_day || time.is_none(),
    }]))
}

/// One line of the „several dates“ box: `5.12.2026 19:30`, `2026-12-05 19:30 – 21:00`.
fn parse_line(line: &str) -> Option<Slot> {
    let line = line.replace(['–', '—'], " - ").replace(" bis ", " - ");
    let (start_part, end_part) = match line.split_once(" - ") {
        Some((s, e)) => (s.to_owned(), Some(e.trim().to_owned())),
        None => (line.clone(), None),
    };
    let start_part = start_part.replace(',', " ");
    let mut words = start_part.split_whitespace();
    let date = parse_date(words.next()?)?;
    let rest: Vec<&str> = words.collect();
    let time_text = rest.join(" ");
    if time_text.trim().is_empty() {
        let start = calendar::start_of_day(date);
        return Some(Slot {
            starts_at: start.timestamp(),
            ends_at: start.timestamp() + 86_399,
            all_day: true,
        });
    }
    let (h, m) = parse_time(&time_text)?;
    let start = calendar::local_instant(date, h, m);
    let end = match end_part {
        Some(e) => {
            let (eh, em) = parse_time(&e)?;
            let end = calendar::local_instant(date, eh, em);
            if end < start {
                end + Duration::days(1)
            } else {
                end
            }
        }
        None => start,
    };
    Some(Slot {
        starts_at: start.timestamp(),
        ends_at: end.timestamp(),
        all_day: false,
    })
}

fn several(form: &FormData, errors: &mut FieldErrors) -> Option<Schedule> {
    let mut slots = Vec::new();
    for (i, line) in form
        .get("dates")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        match parse_line(line) {
            Some(s) => slots.push(s),
            None => {
                errors.add(
                    "dates",
                    Message::new("editor-dates-line")
                        .with("line", i + 1)
                        .with("text", line.chars().take(60).collect::<String>()),
                );
                return None;
            }
        }
    }
    if slots.is_empty() {
        errors.add("dates", "editor-dates-none");
        return None;
    }
    if slots.len() > MAX_DATES {
        errors.add(
            "dates",
            Message::new("editor-dates-too-many").with("max", MAX_DATES),
        );
        return None;
    }
    slots.sort_by_key(|s| s.starts_at);
    slots.dedup();
    Some(Schedule::Dates(slots))
}

fn series(form: &FormData, errors: &mut FieldErrors) -> Option<Schedule> {
    let first = required_date(form, "date", errors);
    let time = optional_time(form, "time", errors);
    if form.trimmed("time").is_empty() {
        errors.add("time", "editor-series-time");
    }
    let repeat = if form.get("date_mode") == "weekly" {
        let days: Vec<Weekday> = WEEKDAYS
            .iter()
            .filter(|(key, _, _)| form.has("weekday", key))
            .map(|(_, _, d)| *d)
            .collect();
        if days.is_empty() {
            errors.add("weekday", "editor-weekday-missing");
            return None;
        }
        Repeat::Weekly(days)
    } else {
        let nth = form
            .get("nth")
            .parse::<i8>()
            .ok()
            .filter(|n| matches!(n, -1 | 1..=4));
        let weekday = WEEKDAYS
            .iter()
            .find(|(key, _, _)| form.get("month_weekday") == *key)
            .map(|(_, _, d)| *d);
        match (nth, weekday) {
            (Some(nth), Some(weekday)) => Repeat::MonthlyNth { nth, weekday },
            _ => {
                errors.add("nth", "editor-nth-missing");
                return None;
            }
        }
    };
    let end = match form.get("series_end") {
        "until" => match parse_date(form.get("until")) {
            Some(u) => SeriesEnd::Until(u),
            None => {
                errors.add("until", "editor-until-missing");
                return None;
            }
        },
        "count" => match form.trimmed("count").parse::<u32>() {
            Ok(n) if (1..=500).contains(&n) => SeriesEnd::Count(n),
            _ => {
                errors.add("count", "editor-count-invalid");
                return None;
            }
        },
        _ => SeriesEnd::Never,
    };
    let mut except = Vec::new();
    for word in form
        .get("exceptions")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        match parse_date(word) {
            Some(d) => except.push(d),
            None => {
                errors.add(
                    "exceptions",
                    Message::new("editor-exception-invalid")
                        .with("text", word.chars().take(30).collect::<String>()),
                );
                return None;
            }
        }
    }
    let duration_text = form.trimmed("duration");
    let minutes = if duration_text.is_empty() {
        120
    } else {
        match duration_text.parse::<i64>() {
            Ok(m) if (0..=24 * 60).contains(&m) => m,
            _ => {
                errors.add("duration", "editor-duration-invalid");
                return None;
            }
        }
    };
    let (first, (h, m)) = (first?, time?);
    match Recurrence::build(first, h, m, &repeat, &end, &except) {
        Ok(rule) => Some(Schedule::Series {
            rule: Box::new(rule),
            first,
            duration_seconds: minutes * 60,
        }),
        Err(_) => {
            errors.add("dates", "editor-series-impossible");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn form(s: &str) -> FormData {
        FormData::from_urlencoded(s.as_bytes())
    }

    const CHOICES: EditorChoices = EditorChoices {
        categories: &[1, 2, 3],
        venues: &[10],
        organizations: &[7],
    };

    #[test]
    fn a_minimal_event_is_title_sparte_place_and_date() {
        let f = form(
            "title=Lesung&sparte=2&organisation=7&venue=10&date=2026-12-05&time=19:30&price_kind=free",
        );
        let input = parse(&f, &CHOICES, now(), true).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(input.place, Place::Venue(10));
        assert_eq!(input.price, Price::Free);
        let slots = input.schedule.slots(now());
        assert_eq!(slots.len(), 1);
        // 19:30 in Berlin winter time is 18:30 UTC.
        assert_eq!(
            slots[0].starts_at,
            Utc.with_ymd_and_hms(2026, 12, 5, 18, 30, 0)
                .single()
                .map(|t| t.timestamp())
                .unwrap_or_default()
        );
    }

    #[test]
    fn every_wrong_field_gets_its_own_message() {
        let f = form(
            "title=A&sparte=99&organisation=8&venue=&date=32.13.2026&price_kind=range&price_min=zwölf&ticket_url=ftp://x&min_age=200",
        );
        let errors = parse(&f, &CHOICES, now(), true).err().unwrap_or_default();
        for field in [
            "title",
            "sparte",
            "organisation",
            "venue",
            "date",
            "price_min",
            "ticket_url",
            "min_age",
        ] {
            assert!(
                errors.get(field).is_some(),
                "no message for {field}: {errors:?}"
            );
        }
    }

    #[test]
    fn several_dates_are_read_line_by_line() {
        let f = form(
            "date_mode=several&dates=5.12.2026+19:30%0D%0A2026-12-06+18:00+%E2%80%93+20:00%0D%0A%0D%0A7.12.2026",
        );
        let schedule = parse_schedule(&f, now(), true, &mut FieldErrors::default())
            .unwrap_or_else(|| panic!("no schedule"));
        let slots = schedule.slots(now());
        assert_eq!(slots.len(), 3);
        assert_eq!(slots[1].ends_at - slots[1].starts_at, 7200);
        assert!(slots[2].all_day);
        let mut errors = FieldErrors::default();
        assert!(
            parse_schedule(
                &form("date_mode=several&dates=morgen+abend"),
                now(),
                true,
                &mut errors
            )
            .is_none()
        );
        assert_eq!(errors.get("dates"), Some("editor-dates-line"));
        assert_eq!(
            errors.message("dates").map(|m| m.args.clone()),
            Some(vec![
                ("line", "1".to_owned()),
                ("text", "morgen abend".to_owned())
            ])
        );
    }

    #[test]
    fn a_weekly_series_and_its_past() {
        let f = form(
            "date_mode=weekly&date=2026-12-01&time=20:00&weekday=di&weekday=do&series_end=count&count=4&duration=90",
        );
        let s = parse_schedule(&f, now(), true, &mut FieldErrors::default())
            .unwrap_or_else(|| panic!("no series"));
        assert_eq!(s.slots(now()).len(), 4);
        assert_eq!(s.duration_seconds(), 5400);
        let mut errors = FieldErrors::default();
        let past = form("date=2020-01-01&time=10:00");
        assert!(parse_schedule(&past, now(), true, &mut errors).is_none());
        assert_eq!(errors.get("date"), Some("editor-dates-past"));
        assert!(parse_schedule(&past, now(), false, &mut FieldErrors::default()).is_some());
    }

    #[test]
    fn euros_and_times_as_people_type_them() {
        assert_eq!(parse_euros("12,5"), Some(1250));
        assert_eq!(parse_euros("12 €"), Some(1200));
        assert_eq!(parse_euros("1,234"), None);
        assert_eq!(parse_time("19 Uhr"), Some((19, 0)));
        assert_eq!(parse_time("19.45"), Some((19, 45)));
        assert_eq!(parse_time("25:00"), None);
    }
}
