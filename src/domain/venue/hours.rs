//! A venue's weekly opening hours: typed as people write them, stored compactly, shown
//! in German or English and as schema.org.

use crate::domain::account::FieldErrors;
use crate::domain::calendar::{self, DateLocale};
use crate::domain::form::FormData;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// The days of the week, Monday first, as forms and pages name them.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mo", "Montag"),
    ("di", "Dienstag"),
    ("mi", "Mittwoch"),
    ("do", "Donnerstag"),
    ("fr", "Freitag"),
    ("sa", "Samstag"),
    ("so", "Sonntag"),
];
const HOUR_FIELDS: [&str; 7] = [
    "hours_mo", "hours_di", "hours_mi", "hours_do", "hours_fr", "hours_sa", "hours_so",
];

/// Weekly opening hours: per day none (closed) or one or more spans, and a note
/// („an Feiertagen geschlossen“). A span may end after midnight (22:00–04:00).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpeningHours {
    pub days: [Vec<(NaiveTime, NaiveTime)>; 7],
    pub note: String,
}

#[derive(Serialize, Deserialize, Default)]
struct StoredHours {
    #[serde(default)]
    days: Vec<Vec<String>>,
    #[serde(default)]
    note: String,
}

fn time(s: &str) -> Option<NaiveTime> {
    let s = s.trim().trim_end_matches("Uhr").trim();
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h.trim().parse::<u32>().ok()?, m.trim().parse::<u32>().ok()?),
        None => (s.parse::<u32>().ok()?, 0),
    };
    if h == 24 && m == 0 {
        return NaiveTime::from_hms_opt(0, 0, 0);
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

fn span_text((from, to): &(NaiveTime, NaiveTime)) -> String {
    format!("{}–{}", from.format("%H:%M"), to.format("%H:%M"))
}

impl OpeningHours {
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty) && self.note.is_empty()
    }

    /// One day as typed: empty, „geschlossen“ or "closed" for closed, else spans like
    /// `10–18`, `10:00-13:00, 14:00-18:00`, `10.00 bis 18.00 Uhr` or `10:00 to 18:00`.
    /// Errors are message ids (`venue-hours-…`).
    pub fn parse_day(text: &str) -> Result<Vec<(NaiveTime, NaiveTime)>, &'static str> {
        let text = text.trim();
        if text.is_empty()
            || text.eq_ignore_ascii_case("geschlossen")
            || text.eq_ignore_ascii_case("closed")
        {
            return Ok(Vec::new());
        }
        let mut spans = Vec::new();
        for part in text.split([',', ';', '/']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (from, to) = part
                .split_once(['–', '-', '—'])
                .or_else(|| part.split_once(" bis "))
                .or_else(|| part.split_once(" to "))
                .ok_or("venue-hours-span")?;
            let (Some(from), Some(to)) = (time(from), time(to)) else {
                return Err("venue-hours-times");
            };
            if from == to {
                return Err("venue-hours-same");
            }
            spans.push((from, to));
        }
        if spans.len() > 4 {
            return Err("venue-hours-too-many");
        }
        Ok(spans)
    }

    /// Reads `hours_mo` … `hours_so` and `hours_note`; messages per day.
    pub fn from_form(form: &FormData, errors: &mut FieldErrors) -> OpeningHours {
        let mut hours = OpeningHours {
            note: form.trimmed("hours_note").chars().take(300).collect(),
            ..OpeningHours::default()
        };
        for (i, field) in HOUR_FIELDS.iter().enumerate() {
            match OpeningHours::parse_day(form.get(field)) {
                Ok(spans) => hours.days[i] = spans,
                Err(message) => errors.add(field, message),
            }
        }
        hours
    }

    /// Writes the fields back, as a form shows them again.
    pub fn fill_form(&self, form: &mut FormData) {
        for (i, field) in HOUR_FIELDS.iter().enumerate() {
            form.set(field, self.day_text(i));
        }
        form.set("hours_note", self.note.clone());
    }

    fn day_text(&self, day: usize) -> String {
        self.days[day]
            .iter()
            .map(span_text)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The stored form (JSON); empty hours are stored as the empty string.
    pub fn to_storage(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let stored = StoredHours {
            days: self
                .days
                .iter()
                .map(|d| d.iter().map(span_text).collect())
                .collect(),
            note: self.note.clone(),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Reads the stored form; anything unreadable counts as not stated.
    pub fn from_storage(s: &str) -> OpeningHours {
        let stored: StoredHours = serde_json::from_str(s).unwrap_or_default();
        let mut hours = OpeningHours {
            note: stored.note,
            ..OpeningHours::default()
        };
        for (i, spans) in stored.days.iter().take(7).enumerate() {
            hours.days[i] = spans
                .iter()
                .filter_map(|s| OpeningHours::parse_day(s).ok())
                .flatten()
                .collect();
        }
        hours
    }

    /// Lines for a page: („Montag“, „10:00–18:00 Uhr“ or „geschlossen“).
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        WEEKDAYS
            .iter()
            .enumerate()
            .map(|(i, (_, name))| {
                let text = if self.days[i].is_empty() {
                    "geschlossen".to_owned()
                } else {
                    format!("{} Uhr", self.day_text(i))
                };
                (*name, text)
            })
            .collect()
    }

    /// Lines for a page in a language: the German ones as [`OpeningHours::lines`], the
    /// English ones as ("Monday", "10:00 am – 6:00 pm" or "closed").
    pub fn lines_in(&self, locale: DateLocale) -> Vec<(&'static str, String)> {
        if locale == DateLocale::De {
            return self.lines();
        }
        let clock = |t: &NaiveTime| calendar::clock_in(*t, locale);
        (0..7)
            .map(|i| {
                let text = if self.days[i].is_empty() {
                    "closed".to_owned()
                } else {
                    self.days[i]
                        .iter()
                        .map(|(from, to)| format!("{} – {}", clock(from), clock(to)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (calendar::weekday_name_in(i, locale), text)
            })
            .collect()
    }

    /// schema.org `openingHoursSpecification`.
    pub fn schema_org(&self) -> Vec<serde_json::Value> {
        self.days
            .iter()
            .enumerate()
            .flat_map(|(i, spans)| {
                let day = calendar::weekday_name_in(i, DateLocale::En);
                spans.iter().map(move |(from, to)| {
                    serde_json::json!({
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": format!("https://schema.org/{day}"),
                        "opens": from.format("%H:%M").to_string(),
                        "closes": to.format("%H:%M").to_string(),
                    })
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    #[test]
    fn opening_hours_read_what_people_type() {
        assert_eq!(OpeningHours::parse_day(""), Ok(vec![]));
        assert_eq!(OpeningHours::parse_day("geschlossen"), Ok(vec![]));
        assert_eq!(OpeningHours::parse_day("Closed"), Ok(vec![]));
        assert_eq!(
            OpeningHours::parse_day("10:00 to 18:00"),
            Ok(vec![(t(10, 0), t(18, 0))])
        );
        assert_eq!(
            OpeningHours::parse_day("10-18"),
            Ok(vec![(t(10, 0), t(18, 0))])
        );
        assert_eq!(
            OpeningHours::parse_day("10:00–13:00, 14.30 bis 18.00 Uhr"),
            Ok(vec![(t(10, 0), t(13, 0)), (t(14, 30), t(18, 0))])
        );
        assert_eq!(
            OpeningHours::parse_day("22:00-24:00"),
            Ok(vec![(t(22, 0), t(0, 0))])
        );
        assert!(OpeningHours::parse_day("morgens").is_err());
        assert!(OpeningHours::parse_day("25-26").is_err());
        assert!(OpeningHours::parse_day("10-10").is_err());
    }

    #[test]
    fn opening_hours_survive_storage_and_say_closed_days() {
        let mut form = FormData::default();
        form.set("hours_di", "11–18");
        form.set("hours_do", "11-20");
        form.set("hours_note", "An Feiertagen geschlossen");
        let mut errors = FieldErrors::default();
        let hours = OpeningHours::from_form(&form, &mut errors);
        assert!(errors.is_empty());
        let again = OpeningHours::from_storage(&hours.to_storage());
        assert_eq!(again, hours);
        let lines = again.lines();
        assert_eq!(lines[0], ("Montag", "geschlossen".to_owned()));
        assert_eq!(lines[1], ("Dienstag", "11:00–18:00 Uhr".to_owned()));
        assert_eq!(again.schema_org().len(), 2);
        let english = again.lines_in(DateLocale::En);
        assert_eq!(english[0], ("Monday", "closed".to_owned()));
        assert_eq!(english[3], ("Thursday", "11:00 am – 8:00 pm".to_owned()));
        assert_eq!(again.lines_in(DateLocale::De), lines);
        assert_eq!(OpeningHours::from_storage(""), OpeningHours::default());
        assert_eq!(OpeningHours::default().to_storage(), "");
    }
}
