//! Moderation in the open: the decisions of the audit log that affect someone, the rule
//! each cites, objections to them and their outcome, and the quarterly figures. What is
//! read for the public log carries no person: no actor, no subject, no reason.

use super::users::audit;
use super::{Db, DbResult, Value};
use crate::domain::transparency::{ObjectionOutcome, Ruling};

fn ruling_actions() -> String {
    Ruling::ALL
        .iter()
        .map(|r| format!("'{}'", r.action()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line of the public log.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicDecision {
    pub id: i64,
    pub at: i64,
    pub action: String,
    pub rule: Option<i64>,
    pub objection: Option<String>,
}

/// The decisions, newest first, one page of `per_page` after `offset`.
pub async fn public_decisions(
    db: &Db,
    per_page: i64,
    offset: i64,
) -> DbResult<Vec<PublicDecision>> {
    db.fetch_all(
        &format!(
            "SELECT a.id, a.at, a.action, c.rule, o.outcome AS objection FROM audit_log a \
             LEFT JOIN moderation_citations c ON c.audit_id = a.id \
             LEFT JOIN moderation_objections o ON o.audit_id = a.id \
             WHERE a.action IN ({}) ORDER BY a.at DESC, a.id DESC LIMIT $1 OFFSET $2",
            ruling_actions()
        ),
        &[per_page.into(), offset.into()],
    )
    .await
}

pub async fn count_decisions(db: &Db) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE action IN ({})",
                ruling_actions()
            ),
            &[],
        )
        .await?;
    Ok(n)
}

/// Records the rule a decision cites: the latest audit-log row of `action` about the
/// subject (written by the decision's own transaction just before).
pub async fn cite(
    db: &Db,
    action: &str,
    subject: (&str, i64),
    rule: i64,
    actor: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO moderation_citations (audit_id, rule) \
         SELECT MAX(id), $1 FROM audit_log WHERE action = $2 AND subject_type = $3 AND subject_id = $4 AND actor_id = $5 \
         HAVING MAX(id) IS NOT NULL \
         ON CONFLICT (audit_id) DO NOTHING",
        &[
            rule.into(),
            action.into(),
            subject.0.into(),
            subject.1.into(),
            actor.into(),
        ],
    )
    .await?;
    tx.commit().await
}

/// A decision as the person it affects and moderators see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DecisionRow {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub details: String,
    pub rule: Option<i64>,
}

pub async fn decision(db: &Db, audit_id: i64) -> DbResult<Option<DecisionRow>> {
    db.fetch_optional(
        &format!(
            "SELECT a.id, a.at, a.actor_id, a.action, a.subject_type, a.subject_id, a.details, c.rule \
             FROM audit_log a LEFT JOIN moderation_citations c ON c.audit_id = a.id \
             WHERE a.id = $1 AND a.action IN ({})",
            ruling_actions()
        ),
        &[audit_id.into()],
    )
    .await
}

/// The account a decision affects (who wrote the event, post, message or application).
pub async fn affected(db: &Db, d: &DecisionRow) -> DbResult<Option<i64>> {
    let Some(subject) = d.subject_id else {
        return Ok(None);
    };
    let sql = match Ruling::of_action(&d.action) {
        Some(Ruling::EventRefused | Ruling::DuplicateHidden) => {
            "SELECT created_by FROM events WHERE id = $1"
        }
        Some(Ruling::ApplicationRefused) => {
            "SELECT user_id FROM organization_applications WHERE id = $1"
        }
        Some(Ruling::PostHidden) => "SELECT author_id FROM pinboard_posts WHERE id = $1",
        Some(Ruling::MessageHidden) => "SELECT author_id FROM messages WHERE id = $1",
        Some(Ruling::VenueChangeRefused) => {
            let change = serde_json::from_str::<serde_json::Value>(&d.details)
                .ok()
                .and_then(|v| v.get("change").and_then(serde_json::Value::as_i64));
            let Some(change) = change else {
                return Ok(None);
            };
            let row: Option<(Option<i64>,)> = db
                .fetch_optional(
                    "SELECT proposed_by FROM venue_changes WHERE id = $1",
                    &[change.into()],
                )
                .await?;
            return Ok(row.and_then(|r| r.0));
        }
        Some(Ruling::VenueRefused) | None => return Ok(None),
    };
    let row: Option<(Option<i64>,)> = db.fetch_optional(sql, &[subject.into()]).await?;
    Ok(row.and_then(|r| r.0))
}

/// The decisions that affect `user`, newest first, with their objection's state.
pub async fn decisions_affecting(db: &Db, user: i64) -> DbResult<Vec<PublicDecision>> {
    db.fetch_all(
        "SELECT a.id, a.at, a.action, c.rule, o.outcome AS objection FROM audit_log a \
         LEFT JOIN moderation_citations c ON c.audit_id = a.id \
         LEFT JOIN moderation_objections o ON o.audit_id = a.id \
         WHERE (a.action IN ('event.rejected', 'event.duplicate_confirmed') AND a.subject_id IN (SELECT id FROM events WHERE created_by = $1)) \
         OR (a.action = 'application.rejected' AND a.subject_id IN (SELECT id FROM organization_applications WHERE user_id = $1)) \
         OR (a.action = 'pinboard.hidden' AND a.subject_id IN (SELECT id FROM pinboard_posts WHERE author_id = $1)) \
         OR (a.action = 'message.hidden' AND a.subject_id IN (SELECT id FROM messages WHERE author_id = $1)) \
         ORDER BY a.at DESC, a.id DESC LIMIT 100",
        &[user.into()],
    )
    .await
}

#[derive(Debug, thiserror::Error)]
pub enum ObjectError {
    #[error("objection-twice")]
    Twice,
    #[error(transparent)]
    Db(#[from] super::DbError),
}

/// Files the one objection a decision admits; returns its id.
pub async fn object(
    db: &Db,
    audit_id: i64,
    objector: i64,
    reason: &str,
    now: i64,
) -> Result<i64, ObjectError> {
    let existing: Option<(i64,)> = db
        .fetch_optional(
            "SELECT id FROM moderation_objections WHERE audit_id = $1",
            &[audit_id.into()],
        )
        .await?;
    if existing.is_some() {
        return Err(ObjectError::Twice);
    }
    let mut tx = db.begin().await?;
    let inserted: Result<(i64,), super::DbError> = tx
        .fetch_one(
            "INSERT INTO moderation_objections (audit_id, objector_id, reason, filed_at) VALUES ($1, $2, $3, $4) RETURNING id",
            &[audit_id.into(), objector.into(), reason.into(), now.into()],
        )
        .await;
    let Ok((id,)) = inserted else {
        // Two at once: the unique key let one in.
        return Err(ObjectError::Twice);
    };
    let details = serde_json::json!({ "decision": audit_id }).to_string();
    audit(
        &mut tx,
        now,
        Some(objector),
        "objection.filed",
        ("objection", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An objection as moderators see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ObjectionRow {
    pub id: i64,
    pub audit_id: i64,
    pub objector_id: Option<i64>,
    pub objector: Option<String>,
    pub objector_email: Option<String>,
    pub objector_lang: Option<String>,
    pub reason: String,
    pub filed_at: i64,
    #[sqlx(try_from = "String")]
    pub outcome: ObjectionOutcome,
    pub first_actor: Option<i64>,
    pub first_actor_name: Option<String>,
    pub action: String,
    pub decided_at: Option<i64>,
}

const OBJECTION: &str = "SELECT o.id, o.audit_id, o.objector_id, u.display_name AS objector, u.email AS objector_email, \
    u.lang AS objector_lang, o.reason, o.filed_at, o.outcome, a.actor_id AS first_actor, f.display_name AS first_actor_name, \
    a.action, o.decided_at \
    FROM moderation_objections o JOIN audit_log a ON a.id = o.audit_id \
    LEFT JOIN users u ON u.id = o.objector_id LEFT JOIN users f ON f.id = a.actor_id";

pub async fn open_objections(db: &Db) -> DbResult<Vec<ObjectionRow>> {
    db.fetch_all(
        &format!("{OBJECTION} WHERE o.outcome = 'open' ORDER BY o.filed_at, o.id LIMIT 200"),
        &[],
    )
    .await
}

pub async fn objection(db: &Db, id: i64) -> DbResult<Option<ObjectionRow>> {
    db.fetch_optional(&format!("{OBJECTION} WHERE o.id = $1"), &[id.into()])
        .await
}

/// Decides an open objection; an upheld one takes the decision back where the portal can
/// (a hidden post or message is shown again, a refused event or application goes back to
/// the queue). Returns false when it was no longer open.
pub async fn decide_objection(
    db: &Db,
    o: &ObjectionRow,
    outcome: ObjectionOutcome,
    answer: &str,
    moderator: i64,
    now: i64,
) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let updated: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE moderation_objections SET outcome = $1, answer = $2, decided_by = $3, decided_at = $4 \
             WHERE id = $5 AND outcome = 'open' RETURNING id",
            &[
                outcome.key().into(),
                answer.into(),
                moderator.into(),
                now.into(),
                o.id.into(),
            ],
        )
        .await?;
    if updated.is_empty() {
        return Ok(false);
    }
    if outcome == ObjectionOutcome::Upheld {
        let subject: Option<(Option<i64>,)> = tx
            .fetch_all(
                "SELECT subject_id FROM audit_log WHERE id = $1",
                &[o.audit_id.into()],
            )
            .await?
            .into_iter()
            .next();
        let subject = subject.and_then(|s| s.0).unwrap_or(0);
        let undo = match Ruling::of_action(&o.action) {
            Some(Ruling::PostHidden) => {
                Some("UPDATE pinboard_posts SET hidden_at = NULL WHERE id = $1")
            }
            Some(Ruling::MessageHidden) => {
                Some("UPDATE messages SET hidden_at = NULL WHERE id = $1")
            }
            Some(Ruling::EventRefused) => {
                Some("UPDATE events SET status = 'pending' WHERE id = $1 AND status = 'rejected'")
            }
            Some(Ruling::ApplicationRefused) => Some(
                "UPDATE organization_applications SET status = 'pending' WHERE id = $1 AND status = 'rejected'",
            ),
            _ => None,
        };
        if let Some(sql) = undo {
            tx.execute(sql, &[subject.into()]).await?;
        }
    }
    let details = serde_json::json!({ "decision": o.audit_id }).to_string();
    audit(
        &mut tx,
        now,
        Some(moderator),
        &format!("objection.{}", outcome.key()),
        ("objection", o.id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// What the quarterly figures are made of: decisions (at), objections (filed, decided,
/// outcome). Bounded: the figures cover the last two years.
pub async fn figures_since(
    db: &Db,
    since: i64,
) -> DbResult<(Vec<(i64,)>, Vec<(i64, Option<i64>, String)>)> {
    let decisions = db
        .fetch_all(
            &format!(
                "SELECT at FROM audit_log WHERE action IN ({}) AND at >= $1 LIMIT 200000",
                ruling_actions()
            ),
            &[since.into()],
        )
        .await?;
    let objections = db
        .fetch_all(
            "SELECT filed_at, decided_at, outcome FROM moderation_objections WHERE filed_at >= $1 LIMIT 200000",
            &[Value::Int(since)],
        )
        .await?;
    Ok((decisions, objections))
}
