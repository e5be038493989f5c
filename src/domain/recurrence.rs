//! Recurring dates: an RFC 5545 rule (DTSTART with TZID=Europe/Berlin, RRULE, EXDATE,
//! RDATE) expanded into concrete instants over a window. Local wall-clock times stay put
//! across DST changes: a Tuesday 19:00 series is 18:00 UTC in winter, 17:00 UTC in summer.

use chrono::{DateTime, NaiveDate, Utc};
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
        let mut text = format!(
            "DTSTART;TZID=Europe/Berlin:{}T{:02}{:02}00\nRRULE:FREQ=WEEKLY",
            first.format("%Y%m%d"),
            hour,
            minute
        );
        if let Some(u) = until {
            // UNTIL in UTC as RFC 5545 requires with a zoned DTSTART: the end of that day.
            let end = super::calendar::start_of_day(u.succ_opt().unwrap_or(u));
            text.push_str(&format!(";UNTIL={}", end.format("%Y%m%dT%H%M%SZ")));
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
}
