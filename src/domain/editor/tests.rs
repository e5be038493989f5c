//! The editor's rules, tried on forms as people fill them in.

use super::*;
use chrono::TimeZone;

/// The form's dates read and checked as a save would.
fn parse_schedule(
    f: &FormData,
    now: DateTime<Utc>,
    is_new: bool,
    errors: &mut FieldErrors,
) -> Option<Schedule> {
    let s = dates::schedule(f, errors)?;
    check_schedule(s, now, is_new, errors)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn form(s: &str) -> FormData {
    FormData::from_urlencoded(s.as_bytes())
}

const CHOICES: EditorChoices = EditorChoices {
    categories: &[1, 2, 3],
    venues: &[10],
    organizations: &[7],
};

#[test]
fn a_minimal_event_is_title_sparte_place_and_date() {
    let f = form(
        "title=Lesung&sparte=2&organisation=7&venue=10&date=2026-12-05&time=19:30&price_kind=free",
    );
    let input = parse(&f, &CHOICES, now(), true).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(input.place, Place::Venue(10));
    assert_eq!(input.price, Price::Free);
    let slots = input.schedule.slots(now());
    assert_eq!(slots.len(), 1);
    // 19:30 in Berlin winter time is 18:30 UTC.
    assert_eq!(
        slots[0].starts_at,
        Utc.with_ymd_and_hms(2026, 12, 5, 18, 30, 0)
            .single()
            .map(|t| t.timestamp())
            .unwrap_or_default()
    );
}

#[test]
fn every_wrong_field_gets_its_own_message() {
    let f = form(
        "title=A&sparte=99&organisation=8&venue=&date=32.13.2026&price_kind=range&price_min=zwölf&ticket_url=ftp://x&min_age=200",
    );
    let errors = parse(&f, &CHOICES, now(), true).err().unwrap_or_default();
    for field in [
        "title",
        "sparte",
        "organisation",
        "venue",
        "date",
        "price_min",
        "ticket_url",
        "min_age",
    ] {
        assert!(
            errors.get(field).is_some(),
            "no message for {field}: {errors:?}"
        );
    }
}

#[test]
fn several_dates_are_read_line_by_line() {
    let f = form(
        "date_mode=several&dates=5.12.2026+19:30%0D%0A2026-12-06+18:00+%E2%80%93+20:00%0D%0A%0D%0A7.12.2026",
    );
    let schedule = parse_schedule(&f, now(), true, &mut FieldErrors::default())
        .unwrap_or_else(|| panic!("no schedule"));
    let slots = schedule.slots(now());
    assert_eq!(slots.len(), 3);
    assert_eq!(slots[1].ends_at - slots[1].starts_at, 7200);
    assert!(slots[2].all_day);
    let mut errors = FieldErrors::default();
    assert!(
        parse_schedule(
            &form("date_mode=several&dates=morgen+abend"),
            now(),
            true,
            &mut errors
        )
        .is_none()
    );
    assert_eq!(errors.get("dates"), Some("editor-dates-line"));
    assert_eq!(
        errors.message("dates").map(|m| m.args.clone()),
        Some(vec![
            ("line", "1".to_owned()),
            ("text", "morgen abend".to_owned())
        ])
    );
}

#[test]
fn a_weekly_series_and_its_past() {
    let f = form(
        "date_mode=weekly&date=2026-12-01&time=20:00&weekday=di&weekday=do&series_end=count&count=4&duration=90",
    );
    let s = parse_schedule(&f, now(), true, &mut FieldErrors::default())
        .unwrap_or_else(|| panic!("no series"));
    assert_eq!(s.slots(now()).len(), 4);
    assert_eq!(s.duration_seconds(), 5400);
    let mut errors = FieldErrors::default();
    let past = form("date=2020-01-01&time=10:00");
    assert!(parse_schedule(&past, now(), true, &mut errors).is_none());
    assert_eq!(errors.get("date"), Some("editor-dates-past"));
    assert!(parse_schedule(&past, now(), false, &mut FieldErrors::default()).is_some());
}

#[test]
fn euros_and_times_as_people_type_them() {
    assert_eq!(parse_euros("12,5"), Some(1250));
    assert_eq!(parse_euros("12 €"), Some(1200));
    assert_eq!(parse_euros("1,234"), None);
    assert_eq!(parse_time("19 Uhr"), Some((19, 0)));
    assert_eq!(parse_time("19.45"), Some((19, 45)));
    assert_eq!(parse_time("25:00"), None);
}
