//! The remote calendars the portal follows on the fediverse, and which of their events
//! became which suggestion.

use super::{Db, DbResult, Tx, Value};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Following {
    pub id: i64,
    pub actor: String,
    pub handle: String,
    pub name: String,
    pub inbox: String,
    pub category_id: Option<i64>,
    pub accepted_at: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str =
    "id, actor, handle, name, inbox, category_id, accepted_at, created_at FROM fedi_following";

pub async fn all(db: &Db) -> DbResult<Vec<Following>> {
    db.fetch_all(&format!("SELECT {COLUMNS} ORDER BY handle, id"), &[])
        .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<Following>> {
    db.fetch_optional(&format!("SELECT {COLUMNS} WHERE id = $1"), &[id.into()])
        .await
}

pub async fn by_actor(db: &Db, actor: &str) -> DbResult<Option<Following>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} WHERE actor = $1"),
        &[actor.into()],
    )
    .await
}

/// Starts following (again: the newer inbox and Sparte win); returns its id.
pub async fn add(tx: &mut Tx, f: &Following) -> DbResult<i64> {
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO fedi_following (actor, handle, name, inbox, category_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (actor) DO UPDATE SET handle = excluded.handle, name = excluded.name, \
             inbox = excluded.inbox, category_id = excluded.category_id RETURNING id",
            &[
                f.actor.as_str().into(),
                f.handle.as_str().into(),
                f.name.as_str().into(),
                f.inbox.as_str().into(),
                Value::OptInt(f.category_id),
                f.created_at.into(),
            ],
        )
        .await?;
    Ok(id)
}

/// Stops following; returns the row that was removed.
pub async fn remove(tx: &mut Tx, id: i64) -> DbResult<Option<Following>> {
    Ok(tx
        .fetch_all(
            &format!(
                "DELETE FROM fedi_following WHERE id = $1 RETURNING {}",
                COLUMNS.trim_end_matches(" FROM fedi_following")
            ),
            &[id.into()],
        )
        .await?
        .pop())
}

/// The remote actor accepted the follow. Returns whether it was one we asked.
pub async fn accepted(db: &Db, id: i64, actor: &str, now: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE fedi_following SET accepted_at = COALESCE(accepted_at, $3) \
             WHERE id = $1 AND actor = $2 RETURNING id",
            &[id.into(), actor.into(), now.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(!rows.is_empty())
}

/// The suggestion a remote event became, if any.
pub async fn event_of(db: &Db, object_id: &str) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT event_id FROM fedi_remote_events WHERE object_id = $1",
            &[object_id.into()],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

pub async fn remember_event(
    db: &Db,
    object_id: &str,
    following: i64,
    event: i64,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO fedi_remote_events (object_id, following_id, event_id, received_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (object_id) DO NOTHING",
        &[object_id.into(), following.into(), event.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// A remote event deleted at its source: a suggestion still waiting (`pending`) is
/// withdrawn (set aside as `rejected` with `reason`); an event a moderator already
/// decided stays as it is. Either way the protocol gets a line. Returns whether the
/// suggestion was withdrawn.
pub async fn deleted_at_source(tx: &mut Tx, event: i64, reason: &str, now: i64) -> DbResult<bool> {
    let withdrawn: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE events SET status = 'rejected', moderation_note = $1, updated_at = $2, \
             sequence = sequence + 1 WHERE id = $3 AND status = 'pending' RETURNING id",
            &[reason.into(), now.into(), event.into()],
        )
        .await?;
    let withdrawn = !withdrawn.is_empty();
    let action = if withdrawn {
        "fediverse.suggestion_withdrawn"
    } else {
        "fediverse.deleted_at_source"
    };
    let details = serde_json::json!({ "reason": reason }).to_string();
    super::users::audit(tx, now, None, action, ("event", event), &details).await?;
    Ok(withdrawn)
}
