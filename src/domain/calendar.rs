//! The portal's time zone (Europe/Berlin), named date windows and German date formatting.
//! Every function takes "now" as a parameter; nothing here reads the system clock.

use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;

pub const ZONE: Tz = Berlin;

/// The calendar date in Bochum at `instant`.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&ZONE).date_naive()
}

/// The instant at which `date` begins in Bochum. Midnight always exists in Berlin
/// (DST switches at 02:00/03:00), so this is never ambiguous.
pub fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    let naive = date.and_time(NaiveTime::MIN);
    match ZONE.from_local_datetime(&naive).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => Utc.from_utc_datetime(&naive),
    }
}

/// A local wall-clock time on `date` in Bochum as a UTC instant; in the spring gap the
/// time moves forward by the gap, in the autumn overlap the first (summer-time) instant wins.
pub fn local_instant(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour.min(23), minute.min(59), 0).unwrap_or(NaiveTime::MIN);
    let naive = date.and_time(time);
    match ZONE.from_local_datetime(&naive).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => {
            let later = naive + chrono::Duration::hours(1);
            ZONE.from_local_datetime(&later)
                .earliest()
                .map_or_else(|| Utc.from_utc_datetime(&naive), |t| t.with_timezone(&Utc))
        }
    }
}

/// A half-open interval of instants `[from, to)`; `to = None` means open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: DateTime<Utc>,
    pub to: Option<DateTime<Utc>>,
}

/// The named periods of the `datum` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedPeriod {
    Today,
    Tomorrow,
    Weekend,
    Week,
    Month,
}

impl NamedPeriod {
    pub const ALL: [NamedPeriod; 5] = [
        NamedPeriod::Today,
        NamedPeriod::Tomorrow,
        NamedPeriod::Weekend,
        NamedPeriod::Week,
        NamedPeriod::Month,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            NamedPeriod::Today => "heute",
            NamedPeriod::Tomorrow => "morgen",
            NamedPeriod::Weekend => "wochenende",
            NamedPeriod::Week => "woche",
            NamedPeriod::Month => "monat",
        }
    }

    /// The English API form (`today|tomorrow|weekend|week|month`).
    pub fn slug_en(self) -> &'static str {
        match self {
            NamedPeriod::Today => "today",
            NamedPeriod::Tomorrow => "tomorrow",
            NamedPeriod::Weekend => "weekend",
            NamedPeriod::Week => "week",
            NamedPeriod::Month => "month",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NamedPeriod::Today => "Heute",
            NamedPeriod::Tomorrow => "Morgen",
            NamedPeriod::Weekend => "Am Wochenende",
            NamedPeriod::Week => "Nächste 7 Tage",
            NamedPeriod::Month => "Nächste 30 Tage",
        }
    }

    pub fn parse(s: &str) -> Option<NamedPeriod> {
        NamedPeriod::ALL
            .into_iter()
            .find(|p| p.slug() == s || p.slug_en() == s)
    }

    /// The dates `[first, last]` this period covers when it is `now`. The weekend is
    /// Friday to Sunday: the current one from Friday on, else the coming one.
    pub fn dates(self, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
        let today = local_date(now);
        let plus = |d: u64| today.checked_add_days(Days::new(d)).unwrap_or(today);
        match self {
            NamedPeriod::Today => (today, today),
            NamedPeriod::Tomorrow => (plus(1), plus(1)),
            NamedPeriod::Weekend => {
                let from_monday = today.weekday().num_days_from_monday();
                if from_monday >= 4 {
                    (today, plus(u64::from(6 - from_monday)))
                } else {
                    (
                        plus(u64::from(4 - from_monday)),
                        plus(u64::from(6 - from_monday)),
                    )
                }
            }
            NamedPeriod::Week => (today, plus(6)),
            NamedPeriod::Month => (
                today,
                today.checked_add_months(Months::new(1)).unwrap_or(today),
            ),
        }
    }
}

/// The window from the start of `first` to the end of `last` (both local dates).
pub fn window_for_dates(first: NaiveDate, last: NaiveDate) -> Window {
    let after_last = last.checked_add_days(Days::new(1)).unwrap_or(last);
    Window {
        from: start_of_day(first),
        to: Some(start_of_day(after_last)),
    }
}

const WEEKDAYS: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const WEEKDAYS_SHORT: [&str; 7] = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."];
const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// „Samstag, 5. Dezember 2026“
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{}, {}. {} {}",
        WEEKDAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// „Sa., 5. Dezember“
pub fn short_date(date: NaiveDate) -> String {
    format!(
        "{}, {}. {}",
        WEEKDAYS_SHORT[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize]
    )
}

/// „19:30“ in Bochum's time.
pub fn clock(instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&ZONE);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// „19:30 Uhr“ in Bochum's time.
pub fn time_of_day(instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&ZONE);
    format!("{:02}:{:02} Uhr", local.hour(), local.minute())
}

/// „Sa., 5. Dezember 2026, 19:30 Uhr“
pub fn date_time(instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&ZONE);
    format!(
        "{} {}, {}",
        short_date(local.date_naive()),
        local.year(),
        time_of_day(instant)
    )
}

/// The instant in RFC 3339 with Bochum's offset, e.g. `2026-12-05T19:30:00+01:00`.
pub fn rfc3339_local(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&ZONE).to_rfc3339()
}

/// Whether `d` is Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The languages dates (and the domain's other worded values: names of Sparten, opening
/// hours) are written in; the web layer maps its `Lang` here with `Lang::dates()`, so the
/// domain does not depend on the web. German is the default everywhere; the other
/// variants are for the pages of the English interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateLocale {
    #[default]
    De,
    En,
}

const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_SHORT_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a weekday, Monday = 0: „Montag“ / "Monday".
pub fn weekday_name_in(monday0: usize, locale: DateLocale) -> &'static str {
    let names = match locale {
        DateLocale::De => WEEKDAYS,
        DateLocale::En => WEEKDAYS_EN,
    };
    names[monday0 % 7]
}

/// The short name of a weekday, Monday = 0: „Mo.“ / "Mon".
pub fn weekday_short_in(monday0: usize, locale: DateLocale) -> &'static str {
    let names = match locale {
        DateLocale::De => WEEKDAYS_SHORT,
        DateLocale::En => WEEKDAYS_SHORT_EN,
    };
    names[monday0 % 7]
}

/// „März 2027“ / "March 2027" (`month` 1–12).
pub fn month_year_in(year: i32, month: u32, locale: DateLocale) -> String {
    let names = match locale {
        DateLocale::De => MONTHS,
        DateLocale::En => MONTHS_EN,
    };
    format!("{} {year}", names[(month.clamp(1, 12) - 1) as usize])
}

/// A time of day: „19:30“ / "7:30 pm".
pub fn clock_in(t: NaiveTime, locale: DateLocale) -> String {
    match locale {
        DateLocale::De => t.format("%H:%M").to_string(),
        DateLocale::En => {
            let (pm, hour) = t.hour12();
            format!("{hour}:{:02} {}", t.minute(), if pm { "pm" } else { "am" })
        }
    }
}

/// „Samstag, 5. Dezember 2026“ / "Saturday 5 December 2026"
pub fn long_date_in(date: NaiveDate, locale: DateLocale) -> String {
    match locale {
        DateLocale::De => long_date(date),
        DateLocale::En => format!(
            "{} {} {} {}",
            WEEKDAYS_EN[date.weekday().num_days_from_monday() as usize],
            date.day(),
            MONTHS_EN[date.month0() as usize],
            date.year()
        ),
    }
}

/// „Sa., 5. Dezember“ / "Sat 5 December"
pub fn short_date_in(date: NaiveDate, locale: DateLocale) -> String {
    match locale {
        DateLocale::De => short_date(date),
        DateLocale::En => format!(
            "{} {} {}",
            WEEKDAYS_SHORT_EN[date.weekday().num_days_from_monday() as usize],
            date.day(),
            MONTHS_EN[date.month0() as usize]
        ),
    }
}

/// „19:30 Uhr“ / "7:30 pm", in Bochum's time.
pub fn time_of_day_in(instant: DateTime<Utc>, locale: DateLocale) -> String {
    match locale {
        DateLocale::De => time_of_day(instant),
        DateLocale::En => clock_in(instant.with_timezone(&ZONE).time(), locale),
    }
}

/// „Sa., 5. Dezember 2026, 19:30 Uhr“ / "Sat 5 December 2026, 7:30 pm"
pub fn date_time_in(instant: DateTime<Utc>, locale: DateLocale) -> String {
    let local = instant.with_timezone(&ZONE);
    format!(
        "{} {}, {}",
        short_date_in(local.date_naive(), locale),
        local.year(),
        time_of_day_in(instant, locale)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn weekend_is_the_coming_friday_to_sunday() {
        // Wednesday 2026-12-02
        let (a, b) = NamedPeriod::Weekend.dates(at("2026-12-02T10:00:00Z"));
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2026-12-04".into(), "2026-12-06".into())
        );
        // Saturday 2026-12-05: the current weekend, from today
        let (a, b) = NamedPeriod::Weekend.dates(at("2026-12-05T10:00:00Z"));
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2026-12-05".into(), "2026-12-06".into())
        );
    }

    #[test]
    fn today_follows_bochum_not_utc() {
        // 23:30 UTC on 31 Dec is already 1 Jan in Bochum.
        let (a, _) = NamedPeriod::Today.dates(at("2026-12-31T23:30:00Z"));
        assert_eq!(a.to_string(), "2027-01-01");
        assert_eq!(start_of_day(a), at("2026-12-31T23:00:00Z"));
        // In summer, midnight is 22:00 UTC.
        let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default();
        assert_eq!(start_of_day(d), at("2026-06-30T22:00:00Z"));
    }

    #[test]
    fn german_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        assert_eq!(long_date(d), "Samstag, 5. Dezember 2026");
        assert_eq!(
            date_time(at("2026-12-05T18:30:00Z")),
            "Sa., 5. Dezember 2026, 19:30 Uhr"
        );
    }

    #[test]
    fn dates_read_naturally_in_english_too() {
        let premiere = local_instant(
            NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default(),
            19,
            30,
        );
        assert_eq!(
            date_time_in(premiere, DateLocale::De),
            "Sa., 5. Dezember 2026, 19:30 Uhr"
        );
        assert_eq!(
            date_time_in(premiere, DateLocale::En),
            "Sat 5 December 2026, 7:30 pm"
        );
        assert_eq!(
            long_date_in(local_date(premiere), DateLocale::En),
            "Saturday 5 December 2026"
        );
        let noon = local_instant(
            NaiveDate::from_ymd_opt(2027, 3, 28).unwrap_or_default(),
            12,
            5,
        );
        assert_eq!(time_of_day_in(noon, DateLocale::En), "12:05 pm");
    }
}
