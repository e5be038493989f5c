//! Keeping recurring series expanded over a rolling horizon: a weekly series without an
//! end gets its dates up to [`HORIZON_DAYS`] ahead, topped up as time passes.

use super::{Db, DbResult, Value};
use crate::domain::recurrence::Recurrence;
use chrono::{DateTime, Duration, Utc};

pub const HORIZON_DAYS: i64 = 180;

#[derive(sqlx::FromRow)]
struct SeriesRow {
    id: i64,
    recurrence: String,
    duration_seconds: i64,
    last_start: Option<i64>,
}

/// Adds the missing dates of every published recurring event up to the horizon.
/// Returns how many dates were added.
pub async fn extend_all(db: &Db, now: DateTime<Utc>) -> DbResult<usize> {
    let rows: Vec<SeriesRow> = db
        .fetch_all(
            "SELECT e.id, e.recurrence, e.duration_seconds, \
             (SELECT MAX(o.starts_at) FROM occurrences o WHERE o.event_id = e.id AND o.from_rule = TRUE) AS last_start \
             FROM events e WHERE e.recurrence <> '' AND e.status = 'published'",
            &[],
        )
        .await?;
    let horizon = now + Duration::days(HORIZON_DAYS);
    let mut new_rows = Vec::new();
    for row in rows {
        let Ok(rule) = Recurrence::parse(&row.recurrence) else {
            tracing::warn!(event = row.id, "stored recurrence does not parse; skipped");
            continue;
        };
        let from = row
            .last_start
            .and_then(|t| DateTime::from_timestamp(t + 1, 0))
            .unwrap_or(now);
        for start in rule.starts_between(from, horizon) {
            let s = start.timestamp();
            if row.last_start.is_some_and(|l| s <= l) {
                continue;
            }
            new_rows.push(vec![
                Value::Int(row.id),
                Value::Int(s),
                Value::Int(s + row.duration_seconds),
                Value::Bool(false),
                Value::Text("scheduled".into()),
                Value::Bool(true),
            ]);
        }
    }
    let added = new_rows.len();
    if added > 0 {
        let mut tx = db.begin().await?;
        tx.insert_many(
            "occurrences",
            &[
                "event_id",
                "starts_at",
                "ends_at",
                "all_day",
                "status",
                "from_rule",
            ],
            new_rows,
        )
        .await?;
        tx.commit().await?;
    }
    Ok(added)
}
