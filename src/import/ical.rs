//! iCalendar (RFC 5545) files and feeds. Each VEVENT becomes an event of the organisation
//! (matched by its UID). Events imported earlier from the same source that are missing now
//! get their coming dates cancelled (their pages stay).
//!
//! Times: `TZID=` any IANA zone (converted to Bochum time), UTC (`…Z`), floating (read as
//! Bochum time), whole days (`VALUE=DATE`). `RRULE`/`RDATE`/`EXDATE` become a series.
//! A `RECURRENCE-ID` override of one date of a series moves that date (EXDATE + RDATE in
//! the stored rule) or, with `STATUS:CANCELLED`, marks it cancelled; a changed title or
//! text of a single date is not kept (one event has one title) and the report says so.

use super::{ImportError, MAX_BYTES, Outcome, Target, store, withdraw_missing};
use crate::domain::calendar::ZONE;
use crate::domain::editor::{self, Place, Schedule, Slot};
use crate::domain::event::{OccurrenceStatus, Wish};
use crate::domain::recurrence::Recurrence;
use crate::service::Services;
use crate::service::events;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use std::collections::HashMap;

/// One VEVENT: its properties by upper-case name.
type Record = HashMap<String, Vec<Prop>>;

/// A property with its parameters.
struct Prop {
    params: Vec<(String, Vec<String>)>,
    value: String,
}

impl Prop {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }
}

/// Unescapes an iCalendar TEXT value.
fn text(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A date-time property as a UTC instant, or a whole day.
enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

fn when(p: &Prop) -> Option<When> {
    let v = p.value.trim();
    if p.param("VALUE") == Some("DATE") || v.len() == 8 {
        return NaiveDate::parse_from_str(v, "%Y%m%d").ok().map(When::Day);
    }
    if let Some(utc) = v.strip_suffix('Z') {
        let naive = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        return Some(When::At(Utc.from_utc_datetime(&naive)));
    }
    let naive = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok()?;
    let zone: chrono_tz::Tz = p
        .param("TZID")
        .and_then(|z| z.trim_matches('"').parse().ok())
        .unwrap_or(ZONE);
    zone.from_local_datetime(&naive)
        .earliest()
        .map(|t| When::At(t.with_timezone(&Utc)))
}

fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&ZONE).naive_local()
}

/// „15.12.2026, 20:00 Uhr“ in Bochum time, for the report.
fn calendar_words(t: DateTime<Utc>) -> String {
    local(t).format("%d.%m.%Y, %H:%M Uhr").to_string()
}

/// Imports `bytes` for the organisation `org_slug`; `fallback_category` is used for events
/// whose CATEGORIES name no Sparte.
pub async fn ical(
    svc: &Services,
    bytes: &[u8],
    org_slug: &str,
    fallback_category: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    ical_from(svc, bytes, org_slug, fallback_category, "ical:", now).await
}

/// The same, for one source: events get the external id `{source}{UID}`, and only events
/// of this source that its file no longer lists are withdrawn. Uploads and the command
/// line are the source `ical:`; each subscribed calendar is its own (`feed:{id}:`).
pub async fn ical_from(
    svc: &Services,
    bytes: &[u8],
    org_slug: &str,
    fallback_category: &str,
    source: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    let outcomes = ical_records(svc, bytes, org_slug, fallback_category, source, now).await;
    super::counted(outcomes)
}

async fn ical_records(
    svc: &Services,
    bytes: &[u8],
    org_slug: &str,
    fallback_category: &str,
    source: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let target = Target::load(&svc.db, org_slug, fallback_category).await?;

    let mut calendars = 0;
    let mut records: Vec<Record> = Vec::new();
    for cal in ical::IcalParser::new(std::io::BufReader::new(bytes)) {
        let cal = cal.map_err(|e| ImportError::NotACalendar(e.to_string()))?;
        calendars += 1;
        for ev in cal.events {
            let mut map: Record = HashMap::new();
            for p in ev.properties {
                map.entry(p.name.to_uppercase()).or_default().push(Prop {
                    params: p.params.unwrap_or_default(),
                    value: p.value.unwrap_or_default(),
                });
            }
            records.push(map);
        }
    }
    if calendars == 0 {
        return Err(ImportError::NotACalendar(
            "kein BEGIN:VCALENDAR gefunden".into(),
        ));
    }

    let mut outcomes = Vec::new();
    let mut seen = Vec::new();
    // Overrides of single dates, by the UID of their series.
    let mut overrides: HashMap<String, Vec<(usize, &Record)>> = HashMap::new();
    let masters: Vec<String> = records
        .iter()
        .filter(|r| !r.contains_key("RECURRENCE-ID") && r.contains_key("RRULE"))
        .filter_map(|r| r.get("UID").and_then(|v| v.first()))
        .map(|p| p.value.trim().to_owned())
        .collect();
    for (i, r) in records.iter().enumerate() {
        if r.contains_key("RECURRENCE-ID") {
            let uid = r
                .get("UID")
                .and_then(|v| v.first())
                .map(|p| p.value.trim().to_owned())
                .unwrap_or_default();
            if masters.contains(&uid) {
                overrides.entry(uid).or_default().push((i + 1, r));
            } else {
                outcomes.push(Outcome::Skipped {
                    record: i + 1,
                    uid: if uid.is_empty() {
                        "ohne UID".into()
                    } else {
                        uid
                    },
                    reason: "RECURRENCE-ID ohne passende Reihe (RRULE) in der Datei.".into(),
                });
            }
        }
    }
    let total = records.len();
    for (i, r) in records.iter().enumerate() {
        let record = i + 1;
        super::progress(record, Some(total));
        let get = |k: &str| r.get(k).and_then(|v| v.first());
        if get("RECURRENCE-ID").is_some() {
            continue;
        }
        let uid = get("UID")
            .map(|p| p.value.trim().to_owned())
            .unwrap_or_default();
        if uid.is_empty() || uid.len() > 200 {
            outcomes.push(Outcome::Failed {
                record,
                uid: "ohne UID".into(),
                reason: "Jeder Eintrag braucht eine UID (höchstens 200 Zeichen).".into(),
            });
            continue;
        }
        let external = format!("{source}{uid}");
        seen.push(external.clone());
        let title = get("SUMMARY").map(|p| text(&p.value)).unwrap_or_default();
        let Some(start) = get("DTSTART").and_then(when) else {
            outcomes.push(Outcome::Failed {
                record,
                uid,
                reason: "DTSTART fehlt oder ist kein gültiges Datum.".into(),
            });
            continue;
        };
        let end = get("DTEND").and_then(when);
        let location = get("LOCATION").map(|p| text(&p.value)).unwrap_or_default();
        let mut draft = target.draft();
        draft.title = title.trim().to_owned();
        draft.description = get("DESCRIPTION")
            .map(|p| text(&p.value))
            .unwrap_or_default()
            .trim()
            .replace("\r\n", "\n");
        draft.place = Some(match target.venue_for(&location) {
            Some(v) => Place::Venue(v),
            None if location.chars().count() >= 3 => Place::Text(location.trim().to_owned()),
            None => Place::Text("siehe Beschreibung".into()),
        });
        if let Some(url) = get("URL")
            .map(|p| p.value.trim().to_owned())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        {
            draft.ticket_url = url;
        }
        let named: Vec<i64> = r
            .get("CATEGORIES")
            .into_iter()
            .flatten()
            .flat_map(|p| {
                text(&p.value)
                    .split(',')
                    .map(|s| s.trim().to_lowercase())
                    .collect::<Vec<_>>()
            })
            .filter_map(|c| target.sparte(&c))
            .collect();
        if !named.is_empty() {
            draft.category_ids = named;
        }
        draft.schedule = match (&start, &end) {
            (When::At(s), e) => {
                let e = match e {
                    Some(When::At(e)) => *e,
                    _ => *s,
                };
                // An end before the start is read as the next morning, as in the editor.
                let e = if e < *s {
                    e + chrono::Duration::days(1)
                } else {
                    e
                };
                Some(Schedule::Dates(vec![Slot {
                    starts_at: s.timestamp(),
                    ends_at: e.timestamp(),
                    all_day: false,
                }]))
            }
            (When::Day(d), e) => {
                // DTEND of a whole day is exclusive.
                let last = match e {
                    Some(When::Day(e)) => e.pred_opt().filter(|l| l > d),
                    _ => None,
                };
                editor::one_date(*d, None, last, None).map(|slot| Schedule::Dates(vec![slot]))
            }
        };
        // A rule becomes a series in Bochum time, with its exceptions and extra dates.
        let mut cancel_dates: Vec<i64> = Vec::new();
        if let (Some(rule), When::At(s)) = (get("RRULE"), &start) {
            let s_local = local(*s);
            let mut text_rule = format!(
                "DTSTART;TZID=Europe/Berlin:{}\nRRULE:{}",
                s_local.format("%Y%m%dT%H%M%S"),
                rule.value.trim()
            );
            for ex in r.get("EXDATE").into_iter().flatten() {
                for part in ex.value.split(',') {
                    let p = Prop {
                        params: ex.params.clone(),
                        value: part.to_owned(),
                    };
                    if let Some(When::At(t)) = when(&p) {
                        text_rule.push_str(&format!(
                            "\nEXDATE;TZID=Europe/Berlin:{}",
                            local(t).format("%Y%m%dT%H%M%S")
                        ));
                    }
                }
            }
            for rd in r.get("RDATE").into_iter().flatten() {
                for part in rd.value.split(',') {
                    let p = Prop {
                        params: rd.params.clone(),
                        value: part.to_owned(),
                    };
                    if let Some(When::At(t)) = when(&p) {
                        text_rule.push_str(&format!(
                            "\nRDATE;TZID=Europe/Berlin:{}",
                            local(t).format("%Y%m%dT%H%M%S")
                        ));
                    }
                }
            }
            for (o_record, o) in overrides.get(&uid).into_iter().flatten() {
                let o_get = |k: &str| o.get(k).and_then(|v| v.first());
                let Some(When::At(original)) = o_get("RECURRENCE-ID").and_then(when) else {
                    outcomes.push(Outcome::Skipped {
                        record: *o_record,
                        uid: uid.clone(),
                        reason: "RECURRENCE-ID ist kein gültiger Zeitpunkt.".into(),
                    });
                    continue;
                };
                let day = calendar_words(original);
                if o_get("STATUS").is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"))
                {
                    cancel_dates.push(original.timestamp());
                    outcomes.push(Outcome::Adjusted {
                        uid: uid.clone(),
                        what: format!("{day} abgesagt"),
                    });
                    continue;
                }
                let moved = o_get("DTSTART").and_then(when);
                if let Some(When::At(new_start)) = moved
                    && new_start != original
                {
                    text_rule.push_str(&format!(
                        "\nEXDATE;TZID=Europe/Berlin:{}\nRDATE;TZID=Europe/Berlin:{}",
                        local(original).format("%Y%m%dT%H%M%S"),
                        local(new_start).format("%Y%m%dT%H%M%S")
                    ));
                    outcomes.push(Outcome::Adjusted {
                        uid: uid.clone(),
                        what: format!("{day} verlegt auf {}", calendar_words(new_start)),
                    });
                }
                let o_title = o_get("SUMMARY").map(|p| text(&p.value)).unwrap_or_default();
                if !o_title.is_empty() && o_title != title {
                    outcomes.push(Outcome::Adjusted {
                        uid: uid.clone(),
                        what: format!(
                            "{day}: der eigene Titel „{o_title}“ wird nicht übernommen (eine Veranstaltung hat einen Titel)"
                        ),
                    });
                }
            }
            let duration = match end {
                Some(When::At(e)) => (e - *s).num_seconds().max(0),
                _ => 0,
            };
            match Recurrence::parse(&text_rule) {
                Ok(rule) => {
                    draft.schedule = Some(Schedule::Series {
                        rule: Box::new(rule),
                        first: s_local.date(),
                        duration_seconds: duration,
                        spec: None,
                    });
                }
                Err(e) => {
                    outcomes.push(Outcome::Failed {
                        record,
                        uid,
                        reason: format!("RRULE nicht lesbar: {e}"),
                    });
                    continue;
                }
            }
        }
        let input = match target.check(draft, now) {
            Ok(i) => i,
            Err(errors) => {
                outcomes.push(Outcome::Failed {
                    record,
                    uid,
                    reason: crate::i18n::german(&errors),
                });
                continue;
            }
        };
        let cancelled =
            get("STATUS").is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"));
        let (id, outcome) = store(svc, &target, &input, &external, uid, Wish::Publish).await?;
        outcomes.push(outcome);
        if cancelled {
            events::mark_upcoming(svc, id, true, None).await?;
        }
        for at in cancel_dates {
            events::set_date_status(svc, id, at, OccurrenceStatus::Cancelled).await?;
        }
    }
    // Events this source brought earlier and no longer lists: cancel their coming dates.
    outcomes.extend(withdraw_missing(svc, &target, source, &seen, now).await?);
    Ok(outcomes)
}
