//! Recurring dates: an RFC 5545 rule (DTSTART with TZID=Europe/Berlin, RRULE, EXDATE,
//! RDATE) expanded into concrete instants over a window. Local wall-clock times stay put
//! across DST changes: a Tuesday 19:00 series is 18:00 UTC in winter, 17:00 UTC in summer.

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use rrule::RRuleSet;

#[derive(Debug, thiserror::Error)]
#[error("ungültige Wiederholungsregel: {0}")]
pub struct RecurrenceError(String);

/// A validated recurrence, stored as its RFC 5545 text.
#[derive(Debug, Clone)]
pub struct Recurrence {
    text: String,
    set: RRuleSet,
}

/// How a series repeats.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Repeat {
    /// Every week on these days.
    Weekly(Vec<Weekday>),
    /// Every month on the n-th (1–4, or -1 for the last) such weekday.
    MonthlyNth { nth: i8, weekday: Weekday },
}

/// How a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SeriesEnd {
    Never,
    Until(NaiveDate),
    Count(u32),
}

fn rfc_day(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The most dates one series may produce in one expansion.
const MAX_DATES: u16 = 2_000;

impl Recurrence {
    /// Parses `DTSTART;TZID=Europe/Berlin:20261201T190000\nRRULE:FREQ=WEEKLY;BYDAY=TU`.
    pub fn parse(text: &str) -> Result<Recurrence, RecurrenceError> {
        let set: RRuleSet = text
            .parse()
            .map_err(|e: rrule::RRuleError| RecurrenceError(e.to_string()))?;
        Ok(Recurrence {
            text: text.to_owned(),
            set,
        })
    }

    /// A weekly series on the weekday of `first`, at `hour:minute` local time.
    pub fn weekly(
        first: NaiveDate,
        hour: u32,
        minute: u32,
        until: Option<NaiveDate>,
        except: &[NaiveDate],
    ) -> Result<Recurrence, RecurrenceError> {
        let end = until.map_or(SeriesEnd::Never, SeriesEnd::Until);
        Recurrence::build(
            first,
            hour,
            minute,
            &Repeat::Weekly(vec![first.weekday()]),
            &end,
            except,
        )
    }

    /// A series starting on `first` at `hour:minute` Berlin time, repeating as `repeat`
    /// says, ending as `end` says, skipping the dates in `except`.
    pub fn build(
        first: NaiveDate,
        hour: u32,
        minute: u32,
        repeat: &Repeat,
        end: &SeriesEnd,
        except: &[NaiveDate],
    ) -> Result<Recurrence, RecurrenceError> {
        let mut text = format!(
            "DTSTART;TZID=Europe/Berlin:{}T{:02}{:02}00\nRRULE:",
            first.format("%Y%m%d"),
            hour,
            minute
        );
        match repeat {
            Repeat::Weekly(days) => {
                if days.is_empty() {
                    return Err(RecurrenceError("no weekday".into()));
                }
                let days: Vec<&str> = days.iter().map(|d| rfc_day(*d)).collect();
                text.push_str(&format!("FREQ=WEEKLY;BYDAY={}", days.join(",")));
            }
            Repeat::MonthlyNth { nth, weekday } => {
                if !matches!(nth, -1 | 1..=4) {
                    return Err(RecurrenceError(format!("no such week of a month: {nth}")));
                }
                text.push_str(&format!("FREQ=MONTHLY;BYDAY={nth}{}", rfc_day(*weekday)));
            }
        }
        match end {
            SeriesEnd::Never => {}
            SeriesEnd::Until(u) => {
                // UNTIL in UTC as RFC 5545 requires with a zoned DTSTART: the end of that day.
                let end = super::calendar::start_of_day(u.succ_opt().unwrap_or(*u));
                text.push_str(&format!(";UNTIL={}", end.format("%Y%m%dT%H%M%SZ")));
            }
            SeriesEnd::Count(n) => text.push_str(&format!(";COUNT={n}")),
        }
        for d in except {
            text.push_str(&format!(
                "\nEXDATE;TZID=Europe/Berlin:{}T{:02}{:02}00",
                d.format("%Y%m%d"),
                hour,
                minute
            ));
        }
        Recurrence::parse(&text)
    }

    /// Whether the series ends by itself (UNTIL or COUNT).
    pub fn is_finite(&self) -> bool {
        self.text.contains("UNTIL=") || self.text.contains("COUNT=")
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The start instants within `[from, to]`.
    pub fn starts_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let tz = rrule::Tz::UTC;
        let set = self
            .set
            .clone()
            .after(from.with_timezone(&tz))
            .before(to.with_timezone(&tz));
        set.all(MAX_DATES)
            .dates
            .into_iter()
            .map(|d| d.with_timezone(&Utc))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};

    #[test]
    fn weekly_series_keeps_local_time_across_dst() {
        // Tuesdays 19:00 from 13 Oct 2026; summer time ends on 25 Oct 2026.
        let first = NaiveDate::from_ymd_opt(2026, 10, 13).unwrap_or_default();
        let r = Recurrence::weekly(first, 19, 0, None, &[]).unwrap_or_else(|e| panic!("{e}"));
        let from = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2026, 11, 4, 0, 0, 0).unwrap();
        let hours: Vec<u32> = r
            .starts_between(from, to)
            .iter()
            .map(|d| d.hour())
            .collect();
        assert_eq!(hours, vec![17, 17, 18, 18]);
    }

    fn local_days(r: &Recurrence, from: NaiveDate, to: NaiveDate) -> Vec<String> {
        r.starts_between(
            crate::domain::calendar::start_of_day(from),
            crate::domain::calendar::start_of_day(to),
        )
        .into_iter()
        .map(|d| {
            d.with_timezone(&crate::domain::calendar::ZONE)
                .format("%a %d.%m. %H:%M")
                .to_string()
        })
        .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn weekly_on_two_days_with_a_count_and_an_exception() {
        let r = Recurrence::build(
            day(2026, 12, 1),
            20,
            0,
            &Repeat::Weekly(vec![Weekday::Tue, Weekday::Thu]),
            &SeriesEnd::Count(5),
            &[day(2026, 12, 3)],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(r.is_finite());
        assert_eq!(
            local_days(&r, day(2026, 11, 1), day(2027, 2, 1)),
            vec![
                "Tue 01.12. 20:00",
                "Tue 08.12. 20:00",
                "Thu 10.12. 20:00",
                "Tue 15.12. 20:00"
            ]
        );
    }

    #[test]
    fn monthly_on_the_last_friday_until_a_date() {
        let r = Recurrence::build(
            day(2026, 12, 1),
            19,
            30,
            &Repeat::MonthlyNth {
                nth: -1,
                weekday: Weekday::Fri,
            },
            &SeriesEnd::Until(day(2027, 3, 26)),
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            local_days(&r, day(2026, 11, 1), day(2027, 6, 1)),
            vec![
                "Fri 25.12. 19:30",
                "Fri 29.01. 19:30",
                "Fri 26.02. 19:30",
                "Fri 26.03. 19:30"
            ]
        );
    }
}
