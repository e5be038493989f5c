//! Duplicates across sources: finding them after a write, hiding the later entry from
//! lists, and the moderators' confirm / split.

use super::users::audit;
use super::{Db, DbResult, Tx};
use crate::domain::duplicates::{WINDOW_SECONDS, similar_titles};
use crate::domain::moderation::DuplicateDecision;

#[derive(Debug, Clone, sqlx::FromRow)]
struct Candidate {
    id: i64,
    title: String,
}

/// Looks for another published event that is the same as `id` (same place, start within
/// the window, similar title), inside the writer's transaction. The later of the two
/// (higher id) becomes a suspected duplicate of the earlier and leaves the lists. Returns
/// the pair (kept, hidden), if one was found.
pub async fn check(tx: &mut Tx, id: i64, now: i64) -> DbResult<Option<(i64, i64)>> {
    let me: Vec<(String, String, Option<i64>)> = tx
        .fetch_all(
            "SELECT title, status, duplicate_of FROM events WHERE id = $1",
            &[id.into()],
        )
        .await?;
    let Some((title, status, already)) = me.into_iter().next() else {
        return Ok(None);
    };
    if status != "published" || already.is_some() {
        return Ok(None);
    }
    let candidates: Vec<Candidate> = tx
        .fetch_all(
            // The order is fixed (SQLite keeps the order of CROSS JOINs): the event's own
            // dates, then the dates around them by time, then their events by id. Left to
            // the planner, sampled statistics once sent it through every published event.
            "SELECT DISTINCT e2.id, e2.title FROM events e1 \
             CROSS JOIN occurrences o1 \
             CROSS JOIN occurrences o2 \
             CROSS JOIN events e2 \
             WHERE e1.id = $1 AND o1.event_id = e1.id \
               AND o2.starts_at BETWEEN o1.starts_at - $2 AND o1.starts_at + $2 \
               AND (o2.ends_at - o2.starts_at) <= 86400 \
               AND e2.id = o2.event_id AND e2.id <> e1.id AND e2.status = 'published' AND e2.duplicate_of IS NULL \
               AND o1.ends_at >= $3 AND o2.status <> 'cancelled' AND o1.status <> 'cancelled' \
               AND ((e1.venue_id IS NOT NULL AND e2.venue_id = e1.venue_id) \
                 OR (e1.venue_id IS NULL AND e2.venue_id IS NULL AND LOWER(e1.location_text) = LOWER(e2.location_text))) \
               AND NOT EXISTS (SELECT 1 FROM duplicate_splits s \
                 WHERE (s.event_a = e1.id AND s.event_b = e2.id) OR (s.event_a = e2.id AND s.event_b = e1.id)) \
             ORDER BY e2.id",
            &[id.into(), WINDOW_SECONDS.into(), now.into()],
        )
        .await?;
    let Some(other) = candidates.iter().find(|c| similar_titles(&c.title, &title)) else {
        return Ok(None);
    };
    let (kept, dup) = if other.id < id {
        (other.id, id)
    } else {
        (id, other.id)
    };
    tx.execute(
        "UPDATE events SET duplicate_of = $1, duplicate_state = 'suspected', updated_at = $2, sequence = sequence + 1 WHERE id = $3",
        &[kept.into(), now.into(), dup.into()],
    )
    .await?;
    // Whatever pointed at the hidden entry now points at the kept one.
    tx.execute(
        "UPDATE events SET duplicate_of = $1 WHERE duplicate_of = $2",
        &[kept.into(), dup.into()],
    )
    .await?;
    let details = serde_json::json!({ "of": kept }).to_string();
    audit(
        tx,
        now,
        None,
        "event.duplicate_suspected",
        ("event", dup),
        &details,
    )
    .await?;
    Ok(Some((kept, dup)))
}

/// A pair as the moderators see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PairRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub state: String,
    pub kept_id: i64,
    pub kept_slug: String,
    pub kept_title: String,
    pub first_start: Option<i64>,
}

/// Pairs waiting for a decision (suspected), oldest first.
pub async fn suspected(db: &Db) -> DbResult<Vec<PairRow>> {
    db.fetch_all(
        "SELECT d.id, d.slug, d.title, d.duplicate_state AS state, k.id AS kept_id, k.slug AS kept_slug, \
         k.title AS kept_title, (SELECT MIN(o.starts_at) FROM occurrences o WHERE o.event_id = d.id) AS first_start \
         FROM events d JOIN events k ON k.id = d.duplicate_of \
         WHERE d.duplicate_state = 'suspected' ORDER BY d.updated_at, d.id",
        &[],
    )
    .await
}

/// The organisers of an event, for the moderators' view of where each entry came from.
pub async fn sources(db: &Db, id: i64) -> DbResult<String> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            "SELECT o.name FROM event_organizers eo JOIN organizations o ON o.id = eo.organization_id WHERE eo.event_id = $1 ORDER BY o.name",
            &[id.into()],
        )
        .await?;
    let (ext,): (Option<String>,) = db
        .fetch_optional("SELECT external_id FROM events WHERE id = $1", &[id.into()])
        .await?
        .unwrap_or((None,));
    let mut text = rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join(", ");
    let how = match ext.as_deref() {
        Some(e) if e.starts_with("feed:") => "aus einem abonnierten Kalender",
        Some(e) if e.starts_with("ical:") => "aus einer Kalenderdatei",
        Some(e) if e.starts_with("csv:") => "aus einer Tabelle",
        Some(e) if e.starts_with("page:") => "von einer Webseite",
        Some(e) if e.starts_with("fedi:") => "aus einem Kalender im Fediverse",
        Some(_) => "über die API",
        None => "von Hand eingetragen",
    };
    if text.is_empty() {
        text = "ohne Veranstalter".into();
    }
    Ok(format!("{text} ({how})"))
}

/// Confirms (stays hidden) or splits (both shown, never suspected again) a pair.
pub async fn decide(
    db: &Db,
    id: i64,
    decision: DuplicateDecision,
    actor: i64,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT duplicate_of FROM events WHERE id = $1 AND duplicate_of IS NOT NULL",
            &[id.into()],
        )
        .await?;
    let Some((kept,)) = rows.into_iter().next() else {
        return Ok(false);
    };
    if decision == DuplicateDecision::Confirm {
        tx.execute(
            "UPDATE events SET duplicate_state = 'confirmed', updated_at = $1 WHERE id = $2",
            &[now.into(), id.into()],
        )
        .await?;
    } else {
        tx.execute(
            "UPDATE events SET duplicate_of = NULL, duplicate_state = '', updated_at = $1, sequence = sequence + 1 WHERE id = $2",
            &[now.into(), id.into()],
        )
        .await?;
        tx.execute(
            "INSERT INTO duplicate_splits (event_a, event_b, decided_by, decided_at) VALUES ($1, $2, $3, $4)",
            &[kept.min(id).into(), kept.max(id).into(), actor.into(), now.into()],
        )
        .await?;
    }
    let action = format!("event.duplicate_{}", decision.key());
    let details = serde_json::json!({ "of": kept }).to_string();
    audit(&mut tx, now, Some(actor), &action, ("event", id), &details).await?;
    tx.commit().await?;
    Ok(true)
}
