//! The visitor's filter: parsed once from query parameters (German names on pages,
//! English names in the API) into a value that is valid by construction.

use super::calendar::{self, NamedPeriod, Window};
use super::district::District;
use super::event::Audience;
use super::slug::Slug;
use chrono::{DateTime, Days, NaiveDate, Utc};

/// The parameter names of one interface.
pub struct Vocabulary {
    pub text: &'static str,
    pub period: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub category: &'static str,
    pub district: &'static str,
    pub venue: &'static str,
    pub organizer: &'static str,
    pub free: &'static str,
    pub accessible: &'static str,
    pub audience: &'static str,
}

pub const GERMAN: Vocabulary = Vocabulary {
    text: "q",
    period: "datum",
    from: "von",
    to: "bis",
    category: "sparte",
    district: "bezirk",
    venue: "ort",
    organizer: "veranstalter",
    free: "kostenlos",
    accessible: "barrierefrei",
    audience: "zielgruppe",
};

pub const ENGLISH: Vocabulary = Vocabulary {
    text: "q",
    period: "date",
    from: "from",
    to: "to",
    category: "category",
    district: "district",
    venue: "venue",
    organizer: "organizer",
    free: "free",
    accessible: "accessible",
    audience: "audience",
};

/// The longest search text we accept.
pub const MAX_TEXT_CHARS: usize = 200;
/// The longest date range we accept, in days.
pub const MAX_RANGE_DAYS: i64 = 400;

/// What is wrong with one parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    TooLong,
    InvalidDate(String),
    InvalidChoice(String),
    InvalidFlag(String),
    InvalidNumber(String),
    RangeReversed,
    RangeTooLong,
    Unknown(String),
    /// NUL or another control character (see `domain::text`).
    ControlCharacter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    pub param: String,
    pub problem: Problem,
}

/// Shortens an echoed value so that a 10,000-character parameter is not echoed whole.
fn echo(v: &str) -> String {
    let short: String = v.chars().take(40).collect();
    if short.len() < v.len() {
        format!("{short}…")
    } else {
        short
    }
}

impl ParamError {
    pub fn new(param: &str, problem: Problem) -> ParamError {
        ParamError {
            param: param.to_owned(),
            problem,
        }
    }

    /// The message shown on German pages.
    pub fn german(&self) -> String {
        let p = &self.param;
        match &self.problem {
            Problem::TooLong => format!("„{p}“ ist zu lang: höchstens {MAX_TEXT_CHARS} Zeichen."),
            Problem::InvalidDate(v) => format!(
                "„{}“ ist kein gültiges Datum für „{p}“. Bitte im Format JJJJ-MM-TT angeben, z. B. 2026-12-05.",
                echo(v)
            ),
            Problem::InvalidChoice(v) => format!("„{}“ ist kein gültiger Wert für „{p}“.", echo(v)),
            Problem::InvalidFlag(v) => format!(
                "„{}“ ist für „{p}“ nicht vorgesehen; erlaubt ist „1“.",
                echo(v)
            ),
            Problem::InvalidNumber(v) => format!("„{}“ ist keine gültige Zahl für „{p}“.", echo(v)),
            Problem::RangeReversed => "Das Enddatum liegt vor dem Anfangsdatum.".to_owned(),
            Problem::RangeTooLong => {
                format!("Der Zeitraum ist zu lang: höchstens {MAX_RANGE_DAYS} Tage.")
            }
            Problem::Unknown(v) => format!("„{}“ gibt es nicht (Parameter „{p}“).", echo(v)),
            Problem::ControlCharacter => format!(
                "„{p}“ enthält ein unzulässiges Steuerzeichen (etwa ein Nullbyte). Bitte geben Sie nur Text ein."
            ),
        }
    }

    /// The message of the JSON API.
    pub fn english(&self) -> String {
        let p = &self.param;
        match &self.problem {
            Problem::TooLong => format!("'{p}' is too long: at most {MAX_TEXT_CHARS} characters"),
            Problem::InvalidDate(v) => format!(
                "'{}' is not a valid date for '{p}' (expected YYYY-MM-DD)",
                echo(v)
            ),
            Problem::InvalidChoice(v) => format!("'{}' is not a valid value for '{p}'", echo(v)),
            Problem::InvalidFlag(v) => format!(
                "'{}' is not a valid flag for '{p}' (use true/false or 1/0)",
                echo(v)
            ),
            Problem::InvalidNumber(v) => format!("'{}' is not a valid number for '{p}'", echo(v)),
            Problem::RangeReversed => "the end date is before the start date".to_owned(),
            Problem::RangeTooLong => {
                format!("the date range is too long: at most {MAX_RANGE_DAYS} days")
            }
            Problem::Unknown(v) => format!("'{}' does not exist (parameter '{p}')", echo(v)),
            Problem::ControlCharacter => {
                format!("'{p}' contains a control character (such as NUL), which is not accepted")
            }
        }
    }
}

/// A valid event filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    pub text: Option<String>,
    pub period: Option<NamedPeriod>,
    pub from_date: Option<NaiveDate>,
    pub to_date: Option<NaiveDate>,
    pub categories: Vec<Slug>,
    pub districts: Vec<District>,
    pub venue: Option<Slug>,
    pub organizer: Option<Slug>,
    pub free: bool,
    pub accessible: bool,
    pub audiences: Vec<Audience>,
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, v: T) {
    if !list.contains(&v) {
        list.push(v);
    }
}

fn parse_flag(name: &str, v: &str, errors: &mut Vec<ParamError>) -> bool {
    match v {
        "1" | "true" | "ja" | "on" => true,
        "" | "0" | "false" | "nein" => false,
        other => {
            errors.push(ParamError::new(
                name,
                Problem::InvalidFlag(other.to_owned()),
            ));
            false
        }
    }
}

fn parse_date(name: &str, v: &str, errors: &mut Vec<ParamError>) -> Option<NaiveDate> {
    if v.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(ParamError::new(name, Problem::InvalidDate(v.to_owned())));
            None
        }
    }
}

impl EventFilter {
    /// Reads the filter from decoded query pairs. Unknown parameters are ignored (links
    /// from newsletters carry their own); every known one must be valid.
    pub fn parse(
        pairs: &[(String, String)],
        voc: &Vocabulary,
    ) -> Result<EventFilter, Vec<ParamError>> {
        let mut f = EventFilter::default();
        let mut errors = Vec::new();
        for (k, v) in pairs {
            let k = k.as_str();
            let v = v.trim();
            if k == voc.text {
                if v.chars().count() > MAX_TEXT_CHARS {
                    errors.push(ParamError::new(k, Problem::TooLong));
                } else if !v.is_empty() {
                    f.text = Some(v.to_owned());
                }
            } else if k == voc.period {
                if !v.is_empty() {
                    match NamedPeriod::parse(v) {
                        Some(p) => f.period = Some(p),
                        None => {
                            errors.push(ParamError::new(k, Problem::InvalidChoice(v.to_owned())))
                        }
                    }
                }
            } else if k == voc.from {
                f.from_date = parse_date(k, v, &mut errors);
            } else if k == voc.to {
                f.to_date = parse_date(k, v, &mut errors);
            } else if k == voc.category {
                if !v.is_empty() {
                    match Slug::parse(v) {
                        Some(s) => push_unique(&mut f.categories, s),
                        None => errors.push(ParamError::new(k, Problem::Unknown(v.to_owned()))),
                    }
                }
            } else if k == voc.district {
                if !v.is_empty() {
                    match District::parse(v) {
                        Some(d) => push_unique(&mut f.districts, d),
                        None => {
                            errors.push(ParamError::new(k, Problem::InvalidChoice(v.to_owned())))
                        }
                    }
                }
            } else if k == voc.venue || k == voc.organizer {
                if !v.is_empty() {
                    match Slug::parse(v) {
                        Some(s) if k == voc.venue => f.venue = Some(s),
                        Some(s) => f.organizer = Some(s),
                        None => errors.push(ParamError::new(k, Problem::Unknown(v.to_owned()))),
                    }
                }
            } else if k == voc.free {
                f.free = parse_flag(k, v, &mut errors);
            } else if k == voc.accessible {
                f.accessible = parse_flag(k, v, &mut errors);
            } else if k == voc.audience && !v.is_empty() {
                match Audience::parse(v) {
                    Some(a) => push_unique(&mut f.audiences, a),
                    None => errors.push(ParamError::new(k, Problem::InvalidChoice(v.to_owned()))),
                }
            }
        }
        if let (Some(a), Some(b)) = (f.from_date, f.to_date) {
            if b < a {
                errors.push(ParamError::new(voc.to, Problem::RangeReversed));
            } else if (b - a).num_days() > MAX_RANGE_DAYS {
                errors.push(ParamError::new(voc.to, Problem::RangeTooLong));
            }
        }
        if errors.is_empty() {
            Ok(f)
        } else {
            Err(errors)
        }
    }

    /// The instants this filter covers at `now`. Explicit dates win over a named period;
    /// nothing that has already ended is listed.
    pub fn window(&self, now: DateTime<Utc>) -> Window {
        let mut w = match (self.period, self.from_date, self.to_date) {
            (_, Some(a), Some(b)) => calendar::window_for_dates(a, b),
            (_, Some(a), None) => Window {
                from: calendar::start_of_day(a),
                to: None,
            },
            (_, None, Some(b)) => {
                let end = b.checked_add_days(Days::new(1)).unwrap_or(b);
                Window {
                    from: now,
                    to: Some(calendar::start_of_day(end)),
                }
            }
            (Some(p), None, None) => {
                let (a, b) = p.dates(now);
                calendar::window_for_dates(a, b)
            }
            (None, None, None) => Window {
                from: now,
                to: None,
            },
        };
        if w.from < now {
            w.from = now;
        }
        w
    }

    /// Whether any filter beyond the default "everything upcoming" is set.
    pub fn is_empty(&self) -> bool {
        *self == EventFilter::default()
    }

    /// The query pairs (German names) that reproduce this filter, for links.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(t) = &self.text {
            out.push(("q", t.clone()));
        }
        if let Some(p) = self.period {
            out.push(("datum", p.slug().to_owned()));
        }
        if let Some(d) = self.from_date {
            out.push(("von", d.to_string()));
        }
        if let Some(d) = self.to_date {
            out.push(("bis", d.to_string()));
        }
        for c in &self.categories {
            out.push(("sparte", c.to_string()));
        }
        for d in &self.districts {
            out.push(("bezirk", d.slug().to_owned()));
        }
        if let Some(v) = &self.venue {
            out.push(("ort", v.to_string()));
        }
        if let Some(o) = &self.organizer {
            out.push(("veranstalter", o.to_string()));
        }
        if self.free {
            out.push(("kostenlos", "1".to_owned()));
        }
        if self.accessible {
            out.push(("barrierefrei", "1".to_owned()));
        }
        for a in &self.audiences {
            out.push(("zielgruppe", a.slug().to_owned()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    #[test]
    fn repeated_parameters_accumulate() {
        let f = EventFilter::parse(
            &pairs("sparte=musik&sparte=theater&bezirk=ost&kostenlos=1"),
            &GERMAN,
        );
        let f = f.unwrap_or_default();
        assert_eq!(f.categories.len(), 2);
        assert_eq!(f.districts, vec![District::Ost]);
        assert!(f.free);
    }

    #[test]
    fn bad_values_are_named() {
        let errs = EventFilter::parse(&pairs("von=2026-13-45&bezirk=mars&seite=1"), &GERMAN)
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].german().contains("2026-13-45"));
    }
}
