//! An event as writers enter it, and the rules it must meet. Every writer (the editor's
//! form, the write API, the importers, the anonymous suggestion, the demo) builds an
//! [`EventDraft`] in its own way — the form in [`form`], the others from their typed
//! data — and [`EventDraft::check`] applies the one set of rules, giving a valid
//! [`EventInput`] or messages (Fluent ids) per field. Dates can be one, several, or a
//! series (weekly on chosen days, monthly on the n-th weekday, until a date or for a
//! count, with exceptions).

mod dates;
mod form;

pub use dates::{one_date, parse_date, parse_euros, parse_time};
pub use form::read as read_form;

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
        /// How the series was entered in the editor (so the editor can show it again);
        /// `None` for series that came as a rule (imports).
        spec: Option<Box<SeriesSpec>>,
    },
}

/// A series as the editor's fields describe it, stored with the event.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SeriesSpec {
    pub first: NaiveDate,
    pub hour: u32,
    pub minute: u32,
    pub repeat: Repeat,
    pub end: SeriesEnd,
    pub except: Vec<NaiveDate>,
    pub minutes: i64,
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
                ..
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

    /// How the editor's fields described the series, as stored with the event (empty
    /// for single dates, which the editor reads back from the dates themselves).
    pub fn stored_spec(&self) -> String {
        match self {
            Schedule::Series {
                spec: Some(spec), ..
            } => serde_json::to_string(spec).unwrap_or_default(),
            _ => String::new(),
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

/// An event as a writer describes it, not yet checked.
#[derive(Debug, Clone, Default)]
pub struct EventDraft {
    pub title: String,
    /// The English texts; `None` leaves the stored ones as they are.
    pub english: Option<EnglishText>,
    pub subtitle: String,
    pub description: String,
    pub category_ids: Vec<i64>,
    pub tags: Vec<String>,
    pub organization_id: Option<i64>,
    /// `None` when the writer's data already failed to say where (its message is given).
    pub place: Option<Place>,
    /// `None` when the writer's dates could not be read (their message is given).
    pub schedule: Option<Schedule>,
    pub price: Price,
    pub ticket_url: String,
    pub min_age: Option<i64>,
    pub audiences: Vec<Audience>,
    pub languages: Vec<String>,
    pub access_services: Vec<AccessService>,
}

/// A valid event: what every writer saves.
#[derive(Debug, Clone)]
pub struct EventInput {
    pub title: String,
    /// The English texts when the writer gave them; `None` leaves the stored ones as they
    /// are (imports, which know only the source's language).
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
}

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

fn length_check(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize, id: &str) {
    if value.chars().count() > max {
        errors.add(field, Message::new(id).with("max", max));
    }
}

/// Checks the editor's whole form. `now` decides whether dates lie in the past; `is_new`
/// whether that is an error (an old event may keep its past dates).
pub fn parse(
    form: &FormData,
    choices: &EditorChoices,
    now: DateTime<Utc>,
    is_new: bool,
) -> Result<EventInput, FieldErrors> {
    let (draft, mut errors) = read_form(form);
    match draft.check(choices, now, is_new) {
        Ok(input) if errors.is_empty() => Ok(input),
        Ok(_) => Err(errors),
        Err(more) => {
            for (field, message) in more.0 {
                errors.add(field, message);
            }
            Err(errors)
        }
    }
}

impl EventDraft {
    /// The rules every event meets, whoever writes it.
    pub fn check(
        self,
        choices: &EditorChoices,
        now: DateTime<Utc>,
        is_new: bool,
    ) -> Result<EventInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        self.check_texts(&mut errors);
        let mut category_ids = self.category_ids.clone();
        category_ids.sort_unstable();
        category_ids.dedup();
        if category_ids.is_empty() {
            errors.add("sparte", "editor-sparte-none");
        } else if category_ids.len() > 3 {
            errors.add("sparte", "editor-sparte-many");
        } else if category_ids.iter().any(|c| !choices.categories.contains(c)) {
            errors.add("sparte", "editor-sparte-unknown");
        }
        let mut tags: Vec<String> = self
            .tags
            .iter()
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
            match self.organization_id {
                Some(id) if choices.organizations.contains(&id) => Some(id),
                _ => {
                    errors.add("organisation", "editor-organisation-missing");
                    None
                }
            }
        };
        let place = self
            .place
            .clone()
            .and_then(|p| check_place(p, choices, &mut errors));
        let schedule = self
            .schedule
            .clone()
            .and_then(|s| check_schedule(s, now, is_new, &mut errors));
        let price = check_price(&self.price, &mut errors);
        if !self.ticket_url.is_empty() {
            let ok = url::Url::parse(&self.ticket_url)
                .map(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                .unwrap_or(false);
            if !ok || self.ticket_url.len() > 500 {
                errors.add("ticket_url", "editor-ticket-url-invalid");
            }
        }
        if self.min_age.is_some_and(|a| !(0..=99).contains(&a)) {
            errors.add("min_age", "editor-min-age-invalid");
        }
        let languages: Vec<String> = LANGUAGES
            .iter()
            .filter(|l| self.languages.iter().any(|x| x == *l))
            .map(|l| (*l).to_owned())
            .collect();
        match (schedule, place) {
            (Some(schedule), Some(place)) if errors.is_empty() => Ok(EventInput {
                english: self.english,
                title: self.title,
                subtitle: self.subtitle,
                description: self.description,
                category_ids,
                tags,
                organization_id,
                place,
                schedule,
                price,
                ticket_url: self.ticket_url,
                min_age: self.min_age,
                audiences: self.audiences,
                languages: if languages.is_empty() {
                    vec!["de".to_owned()]
                } else {
                    languages
                },
                access_services: self.access_services,
            }),
            _ => Err(errors),
        }
    }

    fn check_texts(&self, errors: &mut FieldErrors) {
        if self.title.chars().count() < 3 {
            errors.add("title", "editor-title-short");
        }
        length_check(errors, "title", &self.title, 200, "editor-title-long");
        length_check(
            errors,
            "subtitle",
            &self.subtitle,
            200,
            "editor-subtitle-long",
        );
        length_check(
            errors,
            "description",
            &self.description,
            20_000,
            "editor-description-long",
        );
        if let Some(english) = &self.english {
            length_check(
                errors,
                "title_en",
                &english.title,
                200,
                "editor-title-en-long",
            );
            length_check(
                errors,
                "subtitle_en",
                &english.subtitle,
                200,
                "editor-subtitle-en-long",
            );
            length_check(
                errors,
                "description_en",
                &english.description,
                20_000,
                "editor-description-en-long",
            );
            if english.title.is_empty() && !english.description.is_empty() {
                errors.add("title_en", "editor-title-en-missing");
            }
        }
    }
}

fn check_place(place: Place, choices: &EditorChoices, errors: &mut FieldErrors) -> Option<Place> {
    match &place {
        Place::Venue(id) if !choices.venues.contains(id) => {
            errors.add("venue", "editor-venue-unknown");
            return None;
        }
        Place::Venue(_) => {}
        Place::NewVenue(p) => {
            if p.name.chars().count() < 2 {
                errors.add("venue_name", "editor-venue-name-missing");
            }
            length_check(errors, "venue_name", &p.name, 120, "editor-venue-name-long");
            if p.street.is_empty() {
                errors.add("venue_street", "editor-venue-street-missing");
            }
            length_check(
                errors,
                "venue_street",
                &p.street,
                120,
                "editor-venue-street-long",
            );
            if !p.postal_code.is_empty()
                && (p.postal_code.len() != 5 || !p.postal_code.bytes().all(|b| b.is_ascii_digit()))
            {
                errors.add("venue_postal_code", "editor-venue-postal-code-invalid");
            }
        }
        Place::Text(text) => {
            if text.chars().count() < 3 {
                errors.add("venue", "editor-place-missing");
                return None;
            }
            length_check(
                errors,
                "location_text",
                text,
                200,
                "editor-location-text-long",
            );
        }
    }
    Some(place)
}

fn check_schedule(
    schedule: Schedule,
    now: DateTime<Utc>,
    is_new: bool,
    errors: &mut FieldErrors,
) -> Option<Schedule> {
    if let Schedule::Dates(slots) = &schedule {
        if slots.len() > MAX_DATES {
            errors.add(
                "dates",
                Message::new("editor-dates-too-many").with("max", MAX_DATES),
            );
            return None;
        }
        if slots.iter().any(|s| s.ends_at < s.starts_at) {
            errors.add("end_date", "editor-end-before-start");
            return None;
        }
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

fn check_price(price: &Price, errors: &mut FieldErrors) -> Price {
    match price {
        Price::Range {
            min_cents,
            max_cents,
        } if min_cents > max_cents => {
            errors.add("price_max", "editor-price-order");
            Price::Unknown
        }
        Price::Range { min_cents, .. } if *min_cents < 0 => {
            errors.add("price_min", "editor-price-euros");
            Price::Unknown
        }
        Price::Text { text } if text.is_empty() => {
            errors.add("price_text", "editor-price-text-missing");
            Price::Unknown
        }
        Price::Text { text } => {
            length_check(errors, "price_text", text, 200, "editor-price-text-long");
            price.clone()
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests;
