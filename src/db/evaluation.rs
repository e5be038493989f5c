//! What the evaluation report reads for a period (instants `start..end`, day numbers
//! `first..=last`): events and dates, organisations, members, data quality, moderation,
//! feedback, imports, operations; and the association's finances per year.

use super::{Db, DbResult};

/// Published events with dates starting in `start..end` (UTC seconds): the dates'
/// start times, with their event's Sparten, district and organisers read separately.
pub async fn date_starts(db: &Db, start: i64, end: i64) -> DbResult<Vec<(i64, String)>> {
    db.fetch_all(
        "SELECT o.starts_at, o.status FROM occurrences o JOIN events e ON e.id = o.event_id \
         WHERE e.status = 'published' AND o.starts_at >= $1 AND o.starts_at < $2",
        &[start.into(), end.into()],
    )
    .await
}

const IN_PERIOD: &str = "e.status = 'published' AND EXISTS (SELECT 1 FROM occurrences o \
     WHERE o.event_id = e.id AND o.starts_at >= $1 AND o.starts_at < $2)";

/// Published events with a date in the period.
pub async fn events(db: &Db, start: i64, end: i64) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            &format!("SELECT COUNT(*) FROM events e WHERE {IN_PERIOD}"),
            &[start.into(), end.into()],
        )
        .await?;
    Ok(n)
}

/// Per Sparte: its name, events and dates in the period.
pub async fn by_category(db: &Db, start: i64, end: i64) -> DbResult<Vec<(String, i64, i64)>> {
    db.fetch_all(
        "SELECT c.name, COUNT(DISTINCT o.event_id), COUNT(*) FROM occurrences o \
         JOIN events e ON e.id = o.event_id \
         JOIN event_categories ec ON ec.event_id = e.id JOIN categories c ON c.id = ec.category_id \
         WHERE e.status = 'published' AND o.starts_at >= $1 AND o.starts_at < $2 \
         GROUP BY c.name, c.position ORDER BY c.position",
        &[start.into(), end.into()],
    )
    .await
}

/// Per district of the venue (empty: no venue or none given): events and dates.
pub async fn by_district(db: &Db, start: i64, end: i64) -> DbResult<Vec<(String, i64, i64)>> {
    db.fetch_all(
        "SELECT COALESCE(v.district, '') AS d, COUNT(DISTINCT o.event_id), COUNT(*) FROM occurrences o \
         JOIN events e ON e.id = o.event_id LEFT JOIN venues v ON v.id = e.venue_id \
         WHERE e.status = 'published' AND o.starts_at >= $1 AND o.starts_at < $2 \
         GROUP BY COALESCE(v.district, '') ORDER BY d",
        &[start.into(), end.into()],
    )
    .await
}

/// Dates in the period per organising organisation.
pub async fn dates_per_organization(db: &Db, start: i64, end: i64) -> DbResult<Vec<(i64, i64)>> {
    db.fetch_all(
        "SELECT eo.organization_id, COUNT(*) FROM occurrences o \
         JOIN events e ON e.id = o.event_id JOIN event_organizers eo ON eo.event_id = e.id \
         WHERE e.status = 'published' AND o.starts_at >= $1 AND o.starts_at < $2 \
         GROUP BY eo.organization_id",
        &[start.into(), end.into()],
    )
    .await
}

async fn count(db: &Db, sql: &str, start: i64, end: i64) -> DbResult<i64> {
    let (n,): (i64,) = db.fetch_one(sql, &[start.into(), end.into()]).await?;
    Ok(n)
}

/// Simple counts of the period, by name.
pub struct Counts {
    pub new_members: i64,
    pub new_organizations: i64,
    pub organizations: i64,
    pub member_organizations: i64,
    pub with_picture: i64,
    pub with_access: i64,
    pub with_english: i64,
    pub venues: i64,
    pub venues_checked: i64,
    pub reports: i64,
    pub reports_resolved: i64,
    /// Objections („Widerspruch“) filed against moderation decisions, and those upheld.
    pub objections: i64,
    pub objections_upheld: i64,
    pub feedback: i64,
    pub feedback_answered: i64,
    pub imported: i64,
    pub entered: i64,
    pub jobs: i64,
    pub dead_jobs: i64,
}

pub async fn counts(db: &Db, start: i64, end: i64) -> DbResult<Counts> {
    let q = |sql: &'static str| count(db, sql, start, end);
    let ev = |cond: &str| {
        format!(
            "SELECT COUNT(*) FROM events e LEFT JOIN venues v ON v.id = e.venue_id WHERE {IN_PERIOD} AND {cond}"
        )
    };
    Ok(Counts {
        new_members: q("SELECT COUNT(*) FROM users WHERE created_at >= $1 AND created_at < $2").await?,
        new_organizations: q(
            "SELECT COUNT(*) FROM organizations WHERE created_at >= $1 AND created_at < $2",
        )
        .await?,
        organizations: q("SELECT COUNT(*) FROM organizations WHERE created_at < $2 AND $1 = $1").await?,
        member_organizations: q(
            "SELECT COUNT(DISTINCT organization_id) FROM memberships WHERE created_at < $2 AND $1 = $1",
        )
        .await?,
        with_picture: count(
            db,
            &ev("EXISTS (SELECT 1 FROM event_images i WHERE i.event_id = e.id)"),
            start,
            end,
        )
        .await?,
        with_access: count(
            db,
            &ev("(e.access_services <> '' OR v.step_free OR v.access_checked <> '')"),
            start,
            end,
        )
        .await?,
        with_english: count(db, &ev("e.title_en <> ''"), start, end).await?,
        venues: q("SELECT COUNT(*) FROM venues WHERE status = 'published' AND $1 <= $2").await?,
        venues_checked: q(
            "SELECT COUNT(*) FROM venues WHERE status = 'published' AND access_checked <> '' AND $1 <= $2",
        )
        .await?,
        reports: q("SELECT COUNT(*) FROM reports WHERE created_at >= $1 AND created_at < $2").await?,
        reports_resolved: q(
            "SELECT COUNT(*) FROM reports WHERE created_at >= $1 AND created_at < $2 AND resolved_at IS NOT NULL",
        )
        .await?,
        objections: q(
            "SELECT COUNT(*) FROM moderation_objections WHERE filed_at >= $1 AND filed_at < $2",
        )
        .await?,
        objections_upheld: q(
            "SELECT COUNT(*) FROM moderation_objections WHERE filed_at >= $1 AND filed_at < $2 AND outcome = 'upheld'",
        )
        .await?,
        feedback: q("SELECT COUNT(*) FROM feedback WHERE created_at >= $1 AND created_at < $2").await?,
        feedback_answered: q(
            "SELECT COUNT(*) FROM feedback WHERE created_at >= $1 AND created_at < $2 AND handled_at IS NOT NULL",
        )
        .await?,
        imported: q(
            "SELECT COUNT(*) FROM events WHERE source = 'import' AND created_at >= $1 AND created_at < $2",
        )
        .await?,
        entered: q(
            "SELECT COUNT(*) FROM events WHERE source = 'manual' AND created_at >= $1 AND created_at < $2",
        )
        .await?,
        jobs: q("SELECT COUNT(*) FROM jobs WHERE created_at >= $1 AND created_at < $2").await?,
        dead_jobs: q(
            "SELECT COUNT(*) FROM jobs WHERE state = 'dead' AND created_at >= $1 AND created_at < $2",
        )
        .await?,
    })
}

/// Moderation decisions in the period (approve, refuse) and the seconds each event waited
/// from being written to the decision.
pub async fn decisions(db: &Db, start: i64, end: i64) -> DbResult<Vec<(String, i64)>> {
    db.fetch_all(
        "SELECT a.action, a.at - e.created_at FROM audit_log a JOIN events e ON e.id = a.subject_id \
         WHERE a.subject_type = 'event' AND a.action IN ('event.published', 'event.rejected') \
         AND a.at >= $1 AND a.at < $2",
        &[start.into(), end.into()],
    )
    .await
}

/// API requests with a key and without in the days `first..=last`.
pub async fn api_requests(db: &Db, first: i64, last: i64) -> DbResult<(i64, i64)> {
    let (keyed, anonymous): (Option<i64>, Option<i64>) = db
        .fetch_one(
            "SELECT CAST(SUM(CASE WHEN consumer LIKE 'token:%' THEN requests ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN consumer LIKE 'token:%' THEN 0 ELSE requests END) AS BIGINT) \
             FROM stats_api WHERE day BETWEEN $1 AND $2",
            &[first.into(), last.into()],
        )
        .await?;
    Ok((keyed.unwrap_or(0), anonymous.unwrap_or(0)))
}

/// Views, visitors and the number of days with statistics in `first..=last`.
pub async fn audience(db: &Db, first: i64, last: i64) -> DbResult<(i64, i64, i64)> {
    let (views, visitors, days): (Option<i64>, Option<i64>, i64) = db
        .fetch_one(
            "SELECT CAST(SUM(views) AS BIGINT), CAST(SUM(visitors) AS BIGINT), COUNT(*) \
             FROM stats_daily WHERE day BETWEEN $1 AND $2",
            &[first.into(), last.into()],
        )
        .await?;
    Ok((views.unwrap_or(0), visitors.unwrap_or(0), days))
}

/// The finances entered for some years: (year, item, cents).
pub async fn finances(
    db: &Db,
    first_year: i64,
    last_year: i64,
) -> DbResult<Vec<(i64, String, i64)>> {
    db.fetch_all(
        "SELECT year, item, cents FROM evaluation_finances WHERE year BETWEEN $1 AND $2 ORDER BY year, item",
        &[first_year.into(), last_year.into()],
    )
    .await
}

/// Stores one year's finances (every item given replaces what was there).
pub async fn save_finances(db: &Db, year: i64, items: &[(&str, i64)], now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    for (item, cents) in items {
        tx.execute(
            "INSERT INTO evaluation_finances (year, item, cents, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (year, item) DO UPDATE SET cents = excluded.cents, updated_at = excluded.updated_at",
            &[year.into(), (*item).into(), (*cents).into(), now.into()],
        )
        .await?;
    }
    tx.commit().await
}

/// Notes that the portal is up in `minute` (Unix seconds / 60); once per minute however
/// many instances note it.
pub async fn note_up(db: &Db, minute: i64) -> DbResult<()> {
    let _: Vec<(i64,)> = db
        .fetch_all(
            "INSERT INTO uptime_minutes (minute) VALUES ($1) ON CONFLICT (minute) DO NOTHING RETURNING minute",
            &[minute.into()],
        )
        .await?;
    Ok(())
}

/// The portal's own record of being up in the minutes `first..end`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Uptime {
    /// The first noted minute in the period (the record may begin after the period).
    pub since: Option<i64>,
    /// Minutes noted as up.
    pub up: i64,
    /// Interruptions of more than five minutes, and the longest gap in minutes.
    pub outages: i64,
    pub longest: i64,
}

/// How many minutes a gap must exceed to count as an interruption.
pub const OUTAGE_MINUTES: i64 = 5;

pub async fn uptime(db: &Db, first: i64, end: i64) -> DbResult<Uptime> {
    let (since, up): (Option<i64>, i64) = db
        .fetch_one(
            "SELECT MIN(minute), COUNT(*) FROM uptime_minutes WHERE minute >= $1 AND minute < $2",
            &[first.into(), end.into()],
        )
        .await?;
    let (outages, longest): (i64, Option<i64>) = db
        .fetch_one(
            "SELECT COUNT(*), MAX(gap - 1) FROM (SELECT minute - LAG(minute) OVER (ORDER BY minute) AS gap \
             FROM uptime_minutes WHERE minute >= $1 AND minute < $2) g WHERE gap > $3",
            &[first.into(), end.into(), (OUTAGE_MINUTES + 1).into()],
        )
        .await?;
    Ok(Uptime {
        since,
        up,
        outages,
        longest: longest.unwrap_or(0),
    })
}
