//! iCalendar (RFC 5545) output for strict parsers: CRLF line ends, lines folded at 75
//! octets (never inside a UTF-8 character), TEXT values escaped, local times with
//! `TZID=Europe/Berlin` and the matching VTIMEZONE, a stable UID per date, DTSTAMP, a
//! SEQUENCE that grows with every change, STATUS:CANCELLED for cancelled dates.
//!
//! Hand-written rather than through the `icalendar` crate: we need the VTIMEZONE block,
//! exact folding and a fixed property order, and the whole format is a few rules.

use super::calendar::ZONE;
use chrono::{DateTime, Utc};

/// What a date is, as calendars understand it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcalStatus {
    Confirmed,
    /// Postponed: the date stands but may move.
    Tentative,
    Cancelled,
}

/// One date of one event.
#[derive(Debug, Clone)]
pub struct IcalEvent {
    /// Stable across edits of the same date (see [`uid`]).
    pub uid: String,
    pub sequence: i64,
    /// When the event last changed.
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub all_day: bool,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub geo: Option<(f64, f64)>,
    pub url: String,
    pub categories: Vec<String>,
    pub status: IcalStatus,
}

/// A UID that stays the same when an event is edited: the event id and the local day of
/// the date (two dates of one event on one day get their start time too).
pub fn uid(event_id: i64, start: DateTime<Utc>, same_day_twice: bool, host: &str) -> String {
    let local = start.with_timezone(&ZONE);
    if same_day_twice {
        format!("event-{event_id}-{}@{host}", local.format("%Y%m%dT%H%M"))
    } else {
        format!("event-{event_id}-{}@{host}", local.format("%Y%m%d"))
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded at 75 octets with CRLF + space.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn local_stamp(t: DateTime<Utc>) -> String {
    t.with_timezone(&ZONE).format("%Y%m%dT%H%M%S").to_string()
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Europe/Berlin since 1996: CET/CEST, switching on the last Sundays of March and October.
const VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A whole calendar (`text/calendar`) named `name`.
pub fn calendar(name: &str, events: &[IcalEvent]) -> String {
    let mut out = String::with_capacity(1024 + events.len() * 700);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Kulturportal Bochum//Kulturportal//DE");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    line(&mut out, "X-WR-TIMEZONE:Europe/Berlin");
    for l in VTIMEZONE {
        line(&mut out, l);
    }
    for e in events {
        vevent(&mut out, e);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn vevent(out: &mut String, e: &IcalEvent) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", e.uid));
    line(out, &format!("DTSTAMP:{}", utc_stamp(e.stamp)));
    line(out, &format!("SEQUENCE:{}", e.sequence.max(0)));
    if e.all_day {
        let first = e.start.with_timezone(&ZONE).date_naive();
        let last = e.end.with_timezone(&ZONE).date_naive();
        let after = last.succ_opt().unwrap_or(last);
        line(
            out,
            &format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")),
        );
        line(out, &format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
    } else {
        line(
            out,
            &format!("DTSTART;TZID=Europe/Berlin:{}", local_stamp(e.start)),
        );
        // A date without an end lasts until its start (RFC 5545 3.6.1).
        if e.end > e.start {
            line(
                out,
                &format!("DTEND;TZID=Europe/Berlin:{}", local_stamp(e.end)),
            );
        }
    }
    line(out, &format!("SUMMARY:{}", escape(&e.summary)));
    if !e.description.is_empty() {
        line(out, &format!("DESCRIPTION:{}", escape(&e.description)));
    }
    if !e.location.is_empty() {
        line(out, &format!("LOCATION:{}", escape(&e.location)));
    }
    if let Some((lat, lon)) = e.geo {
        line(out, &format!("GEO:{lat:.6};{lon:.6}"));
    }
    if !e.url.is_empty() {
        line(out, &format!("URL:{}", e.url));
    }
    if !e.categories.is_empty() {
        let list: Vec<String> = e.categories.iter().map(|c| escape(c)).collect();
        line(out, &format!("CATEGORIES:{}", list.join(",")));
    }
    let status = match e.status {
        IcalStatus::Confirmed => "CONFIRMED",
        IcalStatus::Tentative => "TENTATIVE",
        IcalStatus::Cancelled => "CANCELLED",
    };
    line(out, &format!("STATUS:{status}"));
    line(out, "TRANSP:OPAQUE");
    line(out, "END:VEVENT");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "Bühnenzauber ".repeat(20));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.strip_suffix("\r\n"), Some(text.as_str()));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn local_times_carry_the_zone_in_summer_and_winter() {
        let summer = Utc
            .with_ymd_and_hms(2026, 7, 1, 17, 30, 0)
            .single()
            .unwrap_or_default();
        let winter = Utc
            .with_ymd_and_hms(2026, 12, 1, 18, 30, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(local_stamp(summer), "20260701T193000");
        assert_eq!(local_stamp(winter), "20261201T193000");
    }
}
