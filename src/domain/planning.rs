//! The planning calendar: tentative dates („vorgemerkte Termine“) and the month grid.

use super::account::FieldErrors;
use super::district::District;
use super::form::FormData;
use chrono::{Datelike, NaiveDate, NaiveTime};

/// How far ahead a date can be reserved.
pub const MAX_DAYS_AHEAD: i64 = 3 * 366;

#[derive(Debug, Clone, PartialEq)]
pub struct TentativeInput {
    pub organization_id: i64,
    pub title: String,
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
    pub category_id: i64,
    pub district: Option<District>,
    pub note: String,
}

impl TentativeInput {
    pub fn parse(
        form: &FormData,
        today: NaiveDate,
        categories: &[i64],
        organizations: &[i64],
    ) -> Result<TentativeInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let organization_id = form
            .get("organisation")
            .parse::<i64>()
            .ok()
            .filter(|o| organizations.contains(o));
        if organization_id.is_none() {
            errors.add("organisation", "planning-organisation-missing");
        }
        let title = form.trimmed("title").to_owned();
        if !(3..=120).contains(&title.chars().count()) {
            errors.add("title", "planning-title-length");
        }
        let day = match NaiveDate::parse_from_str(form.trimmed("day"), "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(form.trimmed("day"), "%d.%m.%Y"))
        {
            Ok(d) if d < today => {
                errors.add("day", "planning-day-past");
                None
            }
            Ok(d) if (d - today).num_days() > MAX_DAYS_AHEAD => {
                errors.add("day", "planning-day-too-far");
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.add("day", "planning-day-invalid");
                None
            }
        };
        let time = match form.trimmed("time") {
            "" => None,
            t => match NaiveTime::parse_from_str(t, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    errors.add("time", "planning-time-invalid");
                    None
                }
            },
        };
        let category_id = form
            .get("sparte")
            .parse::<i64>()
            .ok()
            .filter(|c| categories.contains(c));
        if category_id.is_none() {
            errors.add("sparte", "planning-sparte-missing");
        }
        let district = match form.get("district") {
            "" => None,
            d => {
                let found = District::parse(d);
                if found.is_none() {
                    errors.add("district", "planning-district-unknown");
                }
                found
            }
        };
        let note: String = form.trimmed("note").chars().take(500).collect();
        match (organization_id, day, category_id, errors.is_empty()) {
            (Some(organization_id), Some(day), Some(category_id), true) => Ok(TentativeInput {
                organization_id,
                title,
                day,
                time,
                category_id,
                district,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// The weeks of a month, Monday first; days outside the month are `None`.
pub fn month_grid(year: i32, month: u32) -> Vec<[Option<NaiveDate>; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    let mut day = first;
    while day.month() == month {
        let col = day.weekday().num_days_from_monday() as usize;
        week[col] = Some(day);
        if col == 6 {
            weeks.push(week);
            week = [None; 7];
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    if week.iter().any(Option::is_some) {
        weeks.push(week);
    }
    weeks
}

/// Parses `2027-01` (the month shown), falling back to `today`'s month.
pub fn month_of(text: &str, today: NaiveDate) -> (i32, u32) {
    let parsed = text
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
        .filter(|(y, m)| (2000..=2100).contains(y) && (1..=12).contains(m));
    parsed.unwrap_or((today.year(), today.month()))
}

/// A dated entry for clash matching: which event (or reservation) it is, its Bochum day,
/// one of its Sparten and its district when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated<'a> {
    pub key: &'a str,
    pub day: NaiveDate,
    pub sparte: &'a str,
    pub district: Option<&'a str>,
}

impl Dated<'_> {
    /// Whether `other` competes with this entry for the same audience: another entry on
    /// the same day, in the same Sparte and, when this one has a district, in that
    /// district (an entry without one competes city-wide).
    pub fn clashes_with(&self, other: &Dated<'_>) -> bool {
        self.key != other.key
            && self.day == other.day
            && self.sparte == other.sparte
            && self.district.is_none_or(|d| other.district == Some(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_laid_out_monday_first() {
        // February 2027 starts on a Monday and has four full weeks.
        let feb = month_grid(2027, 2);
        assert_eq!(feb.len(), 4);
        assert_eq!(feb[0][0].map(|d| d.day()), Some(1));
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let dec = month_grid(2026, 12);
        assert_eq!(dec[0][0], None);
        assert_eq!(dec[0][1].map(|d| d.day()), Some(1));
        assert_eq!(dec.last().and_then(|w| w[3]).map(|d| d.day()), Some(31));
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        assert_eq!(month_of("2027-03", today), (2027, 3));
        assert_eq!(month_of("kaputt", today), (2026, 12));
        assert_eq!(month_of("2027-13", today), (2026, 12));
    }

    #[test]
    fn a_reservation_is_checked() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        let form = FormData::new(
            [
                ("organisation", "4"),
                ("title", "Premiere"),
                ("day", "2027-03-28"),
                ("time", "19:30"),
                ("sparte", "2"),
            ]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        );
        let ok = TentativeInput::parse(&form, today, &[2], &[4]);
        assert!(ok.is_ok(), "{ok:?}");
        let Err(errors) = TentativeInput::parse(&form, today, &[3], &[5]) else {
            panic!("accepted");
        };
        assert_eq!(
            errors.get("organisation"),
            Some("planning-organisation-missing")
        );
        assert_eq!(errors.get("sparte"), Some("planning-sparte-missing"));
    }

    #[test]
    fn a_clash_needs_the_same_day_sparte_and_district() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap_or_default();
        let own = Dated {
            key: "premiere",
            day,
            sparte: "theater",
            district: Some("mitte"),
        };
        let other = Dated {
            key: "gastspiel",
            ..own
        };
        assert!(own.clashes_with(&other));
        assert!(
            !own.clashes_with(&own),
            "an event does not clash with itself"
        );
        assert!(!own.clashes_with(&Dated {
            district: Some("wattenscheid"),
            ..other
        }));
        assert!(!own.clashes_with(&Dated {
            sparte: "musik",
            ..other
        }));
        assert!(!own.clashes_with(&Dated {
            day: day.succ_opt().unwrap_or(day),
            ..other
        }));
        let citywide = Dated {
            district: None,
            ..own
        };
        assert!(citywide.clashes_with(&Dated {
            district: Some("wattenscheid"),
            ..other
        }));
    }
}
