//! Dates as people type them into the editor: one date (with an end, or all day),
//! several dates one per line, or a series (weekly on chosen days, monthly on the n-th
//! weekday, until a date or for a count, with exceptions); and euros and times of day.

use super::{Schedule, SeriesSpec, Slot, WEEKDAYS};
use crate::domain::account::{FieldErrors, Message};
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::domain::recurrence::{Recurrence, Repeat, SeriesEnd};
use chrono::{Duration, NaiveDate, Weekday};

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

/// The dates the form's fields describe, or `None` with messages for the fields that
/// could not be read. Whether they lie in the past is checked with the other rules.
pub fn schedule(form: &FormData, errors: &mut FieldErrors) -> Option<Schedule> {
    let before = errors.0.len();
    let schedule = match form.get("date_mode") {
        "several" => several(form, errors),
        "weekly" | "monthly" => series(form, errors),
        _ => single(form, errors),
    }?;
    (errors.0.len() == before).then_some(schedule)
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
    let time = if all_day { None } else { time };
    if !all_day && time.is_none() && !form.trimmed("time").is_empty() {
        return None; // The time could not be read; its message is given.
    }
    match one_date(date, time, end_date, end_time) {
        Some(slot) => Some(Schedule::Dates(vec![slot])),
        None => {
            errors.add("end_date", "editor-end-before-start");
            None
        }
    }
}

/// One date from its parts, as the editor reads them: without a time it lasts all day
/// (up to `end_date` when given); an end time before the start means the next morning
/// („20:00 bis 01:00“). `None` when the end lies before the start.
pub fn one_date(
    date: NaiveDate,
    time: Option<(u32, u32)>,
    end_date: Option<NaiveDate>,
    end_time: Option<(u32, u32)>,
) -> Option<Slot> {
    let (start, end) = match time {
        None => {
            let last = end_date.unwrap_or(date);
            let end =
                calendar::start_of_day(last.succ_opt().unwrap_or(last)) - Duration::seconds(1);
            (calendar::start_of_day(date), end)
        }
        Some((h, m)) => {
            let start = calendar::local_instant(date, h, m);
            let end = match (end_date, end_time) {
                (Some(d), Some((eh, em))) => calendar::local_instant(d, eh, em),
                (None, Some((eh, em))) => {
                    let e = calendar::local_instant(date, eh, em);
                    if e < start { e + Duration::days(1) } else { e }
                }
                (Some(d), None) => {
                    calendar::start_of_day(d.succ_opt().unwrap_or(d)) - Duration::seconds(1)
                }
                (None, None) => start,
            };
            (start, end)
        }
    };
    (end >= start).then_some(Slot {
        starts_at: start.timestamp(),
        ends_at: end.timestamp(),
        all_day: time.is_none(),
    })
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
            spec: Some(Box::new(SeriesSpec {
                first,
                hour: h,
                minute: m,
                repeat,
                end,
                except,
                minutes,
            })),
        }),
        Err(_) => {
            errors.add("dates", "editor-series-impossible");
            None
        }
    }
}
