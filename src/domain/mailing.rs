//! Mail to visitors: what they subscribe to (the weekly mail of their personal calendar,
//! the portal's newsletter), the version of the consent text they agreed to, when their
//! weekly mail is due and which week it covers (Europe/Berlin, DST-safe).

use super::UnknownKey;
use super::calendar::{self, Window};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

/// What an address is subscribed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The weekly mail (and reminders) of one personal calendar.
    Calendar,
    /// The portal's newsletter.
    Newsletter,
}

impl Scope {
    pub fn key(self) -> &'static str {
        match self {
            Scope::Calendar => "kalender",
            Scope::Newsletter => "newsletter",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        [Scope::Calendar, Scope::Newsletter]
            .into_iter()
            .find(|k| k.key() == s)
    }

    /// The version of the consent text (the Fluent message `consent-{key}`) asked for
    /// now. Change it whenever the text changes: the proof names the text and version
    /// that were shown.
    pub fn consent_version(self) -> &'static str {
        match self {
            Scope::Calendar => "kalender-2026-12-07",
            Scope::Newsletter => "newsletter-2026-12-07",
        }
    }
}

impl TryFrom<String> for Scope {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<Scope, UnknownKey> {
        Scope::parse(&s).ok_or_else(|| UnknownKey::new("subscription scope", s))
    }
}

/// When the weekly mail goes out: a weekday and an hour, Berlin time (default Thursday,
/// 8:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub weekday: Weekday,
    pub hour: u32,
}

impl Default for Schedule {
    fn default() -> Schedule {
        Schedule {
            weekday: Weekday::Thu,
            hour: 8,
        }
    }
}

impl Schedule {
    /// From the stored ISO weekday (1 = Monday) and hour; `None` when out of range.
    pub fn from_numbers(weekday: i64, hour: i64) -> Option<Schedule> {
        let weekday = u8::try_from(weekday)
            .ok()
            .filter(|d| (1..=7).contains(d))
            .and_then(|d| Weekday::try_from(d - 1).ok())?;
        let hour = u32::try_from(hour).ok().filter(|h| *h < 24)?;
        Some(Schedule { weekday, hour })
    }

    pub fn weekday_number(self) -> i64 {
        i64::from(self.weekday.number_from_monday())
    }

    /// The latest time the mail was due at or before `now` (this week's slot, or last
    /// week's when this week's is still ahead).
    pub fn last_slot(self, now: DateTime<Utc>) -> DateTime<Utc> {
        let today = calendar::local_date(now);
        let back =
            (today.weekday().num_days_from_monday() + 7 - self.weekday.num_days_from_monday()) % 7;
        let day = today - Duration::days(i64::from(back));
        let slot = calendar::local_instant(day, self.hour, 0);
        if slot <= now {
            slot
        } else {
            calendar::local_instant(day - Duration::days(7), self.hour, 0)
        }
    }

    /// Whether the mail is due at `now` when the last one went out at `last`.
    pub fn is_due(self, now: DateTime<Utc>, last: Option<i64>) -> bool {
        let slot = self.last_slot(now).timestamp();
        last.is_none_or(|l| l < slot)
    }
}

/// The week a weekly mail covers: from the first Friday on or after today (from `now`
/// when that is today) to the end of the Thursday after it.
pub fn digest_window(now: DateTime<Utc>) -> Window {
    let today = calendar::local_date(now);
    let ahead =
        (Weekday::Fri.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
    let friday = today + Duration::days(i64::from(ahead));
    Window {
        from: calendar::start_of_day(friday).max(now),
        to: Some(calendar::start_of_day(friday + Duration::days(7))),
    }
}

/// The window of a reminder sent on `now`'s day: the whole of tomorrow, Berlin time (23
/// or 25 hours when the clocks change).
pub fn tomorrow(now: DateTime<Utc>) -> (NaiveDate, Window) {
    let day = calendar::local_date(now) + Duration::days(1);
    (
        day,
        Window {
            from: calendar::start_of_day(day),
            to: Some(calendar::start_of_day(day + Duration::days(1))),
        },
    )
}

/// Two windows' overlap (`None` when they do not meet).
pub fn overlap(a: Window, b: Window) -> Option<Window> {
    let from = a.from.max(b.from);
    let to = match (a.to, b.to) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    match to {
        Some(t) if t <= from => None,
        _ => Some(Window { from, to }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn thursday_at_eight_covers_friday_to_next_thursday() {
        let now = at(2026, 12, 3, 8, 0); // Thursday
        let w = digest_window(now);
        assert_eq!(w.from, at(2026, 12, 4, 0, 0));
        assert_eq!(w.to, Some(at(2026, 12, 11, 0, 0)));
        // On a Friday the week starts now.
        let fri = at(2026, 12, 4, 8, 0);
        assert_eq!(digest_window(fri).from, fri);
    }

    #[test]
    fn the_mail_is_due_once_per_week_after_its_hour() {
        let s = Schedule::default();
        let before = at(2026, 12, 3, 7, 59);
        let after = at(2026, 12, 3, 8, 0);
        assert_eq!(s.last_slot(before), at(2026, 11, 26, 8, 0));
        assert_eq!(s.last_slot(after), after);
        assert!(s.is_due(after, Some(at(2026, 11, 26, 8, 5).timestamp())));
        assert!(!s.is_due(after, Some(after.timestamp())));
        assert!(s.is_due(after, None));
    }

    #[test]
    fn tomorrow_is_a_local_day_across_the_change_to_summer_time() {
        // Saturday 27 March 2027: Sunday has 23 hours.
        let (day, w) = tomorrow(at(2027, 3, 27, 9, 0));
        assert_eq!(
            day,
            NaiveDate::from_ymd_opt(2027, 3, 28).unwrap_or_default()
        );
        assert_eq!(w.from, at(2027, 3, 28, 0, 0));
        assert_eq!(w.to, Some(at(2027, 3, 29, 0, 0)));
        assert_eq!(
            w.to.map(|t| (t - w.from).num_hours()),
            Some(23),
            "the Sunday of the change is 23 hours long"
        );
    }

    #[test]
    fn schedules_read_back_from_numbers() {
        let s = Schedule::from_numbers(5, 18);
        assert_eq!(
            s,
            Some(Schedule {
                weekday: Weekday::Fri,
                hour: 18
            })
        );
        assert_eq!(Schedule::from_numbers(0, 8), None);
        assert_eq!(Schedule::from_numbers(4, 24), None);
    }
}
