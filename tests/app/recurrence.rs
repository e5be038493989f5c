//! Recurring dates through storage, pages and API: local times hold across DST changes.

use crate::support::{TestApp, fresh_db, local};
use chrono::{NaiveDate, TimeZone, Utc};
use kulturportal::db::seed::NewOccurrence;
use kulturportal::db::series;
use kulturportal::domain::recurrence::Recurrence;

fn dates_of(rule: &Recurrence, from: &str, to: &str) -> Vec<NewOccurrence> {
    NewOccurrence::series(rule, local(from), local(to), 7200)
}

#[tokio::test]
async fn a_weekly_series_keeps_seven_pm_across_the_autumn_switch() {
    let app = TestApp::at("2026-10-01 12:00").await;
    let first = NaiveDate::from_ymd_opt(2026, 10, 13).unwrap_or_default();
    let except = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap_or_default();
    let rule = Recurrence::weekly(
        first,
        19,
        0,
        NaiveDate::from_ymd_opt(2026, 11, 10),
        &[except],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let slug = app
        .event("Offene Bühne")
        .recurrence(rule.as_str())
        .occurrences(dates_of(&rule, "2026-10-01 00:00", "2026-12-01 00:00"))
        .create()
        .await;
    let body = app.get("/api/v1/events?organizer=").await.json();
    let starts: Vec<String> = body["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|d| d["start"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        starts,
        vec![
            "2026-10-13T19:00:00+02:00",
            "2026-10-20T19:00:00+02:00",
            "2026-10-27T19:00:00+01:00",
            "2026-11-10T19:00:00+01:00",
        ],
        "the exception on 3 November is left out"
    );
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    assert!(page.has("Dienstag, 20. Oktober 2026, 19:00 bis 21:00 Uhr"));
    assert!(page.has("Dienstag, 27. Oktober 2026, 19:00 bis 21:00 Uhr"));
    assert!(
        !page.has("18:00 bis") && !page.has("20:00 bis"),
        "no hour shifted by DST"
    );
}

#[tokio::test]
async fn spring_forward_keeps_the_local_time_too() {
    let first = NaiveDate::from_ymd_opt(2027, 3, 21).unwrap_or_default(); // a Sunday
    let rule = Recurrence::weekly(first, 11, 0, NaiveDate::from_ymd_opt(2027, 4, 4), &[])
        .unwrap_or_else(|e| panic!("{e}"));
    let starts = rule.starts_between(local("2027-03-01 00:00"), local("2027-05-01 00:00"));
    let utc_hours: Vec<String> = starts
        .iter()
        .map(|s| s.format("%Y-%m-%d %H:%M").to_string())
        .collect();
    assert_eq!(
        utc_hours,
        vec!["2027-03-21 10:00", "2027-03-28 09:00", "2027-04-04 09:00"]
    );
}

#[tokio::test]
async fn open_ended_series_are_topped_up_to_the_horizon() {
    let (db, dir) = fresh_db().await;
    let now = Utc
        .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let app = TestApp::with_db(db, dir, now).await;
    let first = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    let rule = Recurrence::weekly(first, 18, 0, None, &[]).unwrap_or_else(|e| panic!("{e}"));
    app.event("Chorprobe")
        .recurrence(rule.as_str())
        .occurrences(dates_of(&rule, "2026-12-01 00:00", "2026-12-20 00:00"))
        .create()
        .await;
    let added = series::extend_all(&app.state.db, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // 3, 10, 17 Dec exist; weekly dates up to 180 days ahead (until 31 May 2027) are added.
    assert_eq!(added, 23, "Thursdays from 24 Dec 2026 to 27 May 2027");
    assert_eq!(
        series::extend_all(&app.state.db, now)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0,
        "idempotent"
    );
    let later = app
        .get("/api/v1/events?from=2027-05-20&to=2027-05-31")
        .await
        .json();
    assert_eq!(later["data"][0]["start"], "2027-05-20T18:00:00+02:00");
}
