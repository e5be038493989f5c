//! Writing events, for every writer: the editor, the write API, the importers, the
//! anonymous suggestion, moderation and the demo call these functions and nothing else.
//! Each decides the status by the one domain rule ([`EventStatus::after_save`]), writes
//! the event with its audit-log row, looks for a duplicate, and records what happened in
//! the outbox — all in one transaction. Search index, page cache, notifications and
//! webhooks follow from the outbox.

use super::{ServiceError, Services};
use crate::db::event_writes::{self, Editable, Save, Submitter};
use crate::db::{Tx, organizations};
use crate::domain::change::{Change, ChangeKind, EventFacts};
use crate::domain::editor::EventInput;
use crate::domain::event::{EventStatus, OccurrenceStatus, Wish};
use crate::domain::permissions::Actor;

/// Who writes an event.
#[derive(Debug, Clone)]
pub enum Author {
    /// A member in the editor, or a moderator.
    Member(Actor),
    /// An organisation's system with an API token.
    Token { organization: i64 },
    /// An import for an organisation (a file, a subscribed calendar, a web page).
    Import { organization: i64 },
    /// Somebody without an account (the suggestion form).
    Anonymous(Submitter),
    /// The portal itself (the demo data).
    Portal,
}

impl Author {
    fn actor_id(&self) -> Option<i64> {
        match self {
            Author::Member(a) => Some(a.user_id),
            _ => None,
        }
    }

    /// Whether this writer puts events online without review, for an event of `org`:
    /// moderation always, organisations once verified, the portal's own demo.
    pub async fn may_publish(
        &self,
        svc: &Services,
        org: Option<i64>,
    ) -> Result<bool, ServiceError> {
        let verified = |org: Option<i64>| async move {
            Ok::<bool, ServiceError>(match org {
                Some(id) => organizations::by_id(&svc.db, id)
                    .await?
                    .is_some_and(|o| o.verified),
                None => false,
            })
        };
        Ok(match self {
            Author::Member(actor) => {
                actor.is_moderator() || actor.publishes_directly(verified(org).await?)
            }
            Author::Token { organization } | Author::Import { organization } => {
                verified(Some(*organization)).await?
            }
            Author::Anonymous(_) => false,
            Author::Portal => true,
        })
    }
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Saved {
    pub id: i64,
    pub slug: String,
    pub status: EventStatus,
    /// The event turned out to be a duplicate of this one (and left the lists).
    pub duplicate_of: Option<i64>,
}

fn facts(input: &EventInput, slug: &str, status: EventStatus) -> EventFacts {
    EventFacts {
        title: input.title.clone(),
        slug: slug.to_owned(),
        organizations: input.organization_id.into_iter().collect(),
        status: status.key().to_owned(),
        ..EventFacts::default()
    }
}

/// The changes a move from `before` (none: new) to `after` makes.
fn moved(before: Option<EventStatus>, after: EventStatus) -> Option<ChangeKind> {
    use EventStatus::*;
    match (before, after) {
        (Some(Published), Published) => Some(ChangeKind::EventChanged),
        (_, Published) => Some(ChangeKind::EventPublished),
        (Some(Published), _) => Some(ChangeKind::EventWithdrawn),
        (Some(Pending), Pending) => None,
        (_, Pending) => Some(ChangeKind::EventSubmitted),
        _ => None,
    }
}

/// Records `change` in the outbox inside `tx`, with a job for each shared consumer
/// that cares.
pub async fn record(tx: &mut Tx, change: &Change, now: i64) -> Result<i64, ServiceError> {
    let consumers = crate::jobs::consumers_for(tx, change).await?;
    Ok(crate::db::outbox::record(tx, change, &consumers, now).await?)
}

/// Looks for a duplicate of `id` after a write; a hidden twin is a change too.
async fn duplicates(tx: &mut Tx, id: i64, now: i64) -> Result<Option<i64>, ServiceError> {
    let Some((kept, hidden)) = crate::db::duplicates::check(tx, id, now).await? else {
        return Ok(None);
    };
    if hidden != id {
        record(tx, &Change::of(ChangeKind::EventChanged, hidden), now).await?;
    }
    Ok((hidden == id).then_some(kept))
}

/// Creates an event. `external_id` is the writer's own id for it (API, imports).
pub async fn create(
    svc: &Services,
    input: &EventInput,
    wish: Wish,
    author: &Author,
    external_id: Option<String>,
) -> Result<Saved, ServiceError> {
    let status = EventStatus::after_save(
        wish,
        author.may_publish(svc, input.organization_id).await?,
        None,
    );
    let now = svc.clock.now();
    let submitter = match author {
        Author::Anonymous(s) => s.clone(),
        _ => Submitter::default(),
    };
    let mut tx = svc.db.begin().await?;
    let (id, slug) = event_writes::create(
        &mut tx,
        Save {
            input,
            status,
            actor: author.actor_id(),
            submitter,
            now,
            external_id,
        },
    )
    .await?;
    let duplicate_of = duplicates(&mut tx, id, now.timestamp()).await?;
    if let Some(kind) = moved(None, status) {
        let change = Change::event(kind, id, facts(input, &slug, status));
        record(&mut tx, &change, now.timestamp()).await?;
    }
    tx.commit().await?;
    svc.committed().await?;
    Ok(Saved {
        id,
        slug,
        status,
        duplicate_of,
    })
}

/// Saves a new version of event `id`; its slug (and so its URL) stays.
pub async fn update(
    svc: &Services,
    id: i64,
    input: &EventInput,
    wish: Wish,
    author: &Author,
) -> Result<Saved, ServiceError> {
    let before = event_writes::editable(&svc.db, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let status = EventStatus::after_save(
        wish,
        author.may_publish(svc, input.organization_id).await?,
        Some(before.status),
    );
    let now = svc.clock.now();
    let mut tx = svc.db.begin().await?;
    event_writes::update(
        &mut tx,
        id,
        &before,
        Save {
            input,
            status,
            actor: author.actor_id(),
            submitter: Submitter::default(),
            now,
            external_id: None,
        },
    )
    .await?;
    let duplicate_of = duplicates(&mut tx, id, now.timestamp()).await?;
    let slug = before.detail.event.slug.clone();
    if let Some(kind) = moved(Some(before.status), status) {
        let change = Change::event(kind, id, facts(input, &slug, status));
        record(&mut tx, &change, now.timestamp()).await?;
    }
    tx.commit().await?;
    svc.committed().await?;
    Ok(Saved {
        id,
        slug,
        status,
        duplicate_of,
    })
}

fn stored_facts(e: &Editable, status: EventStatus) -> EventFacts {
    EventFacts {
        title: e.detail.event.title.clone(),
        slug: e.detail.event.slug.clone(),
        organizations: e.organizer_ids.clone(),
        status: status.key().to_owned(),
        ..EventFacts::default()
    }
}

/// Moderation approves a waiting event: it goes online, its writer hears about it.
pub async fn approve(svc: &Services, id: i64, moderator: i64) -> Result<(), ServiceError> {
    decide(svc, id, moderator, EventStatus::Published, "").await
}

/// Moderation refuses an event, with the reason its writer is told.
pub async fn reject(
    svc: &Services,
    id: i64,
    moderator: i64,
    reason: &str,
) -> Result<(), ServiceError> {
    decide(svc, id, moderator, EventStatus::Rejected, reason).await
}

async fn decide(
    svc: &Services,
    id: i64,
    moderator: i64,
    status: EventStatus,
    reason: &str,
) -> Result<(), ServiceError> {
    let e = event_writes::editable(&svc.db, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    event_writes::set_status(&mut tx, id, status, reason, Some(moderator), now).await?;
    if status.is_public() {
        duplicates(&mut tx, id, now).await?;
    }
    let mut facts = stored_facts(&e, status);
    if status.is_public() {
        // One record: the event is online (for index, feeds, webhooks) and, approved,
        // its writer hears about it.
        facts.approved = true;
        let kind = moved(Some(e.status), status).unwrap_or(ChangeKind::EventChanged);
        record(&mut tx, &Change::event(kind, id, facts), now).await?;
    } else {
        if e.status.is_public() {
            let change = Change::event(ChangeKind::EventWithdrawn, id, facts.clone());
            record(&mut tx, &change, now).await?;
        }
        facts.reason = reason.to_owned();
        record(
            &mut tx,
            &Change::event(ChangeKind::EventRejected, id, facts),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    svc.committed().await
}

/// Marks every coming date as cancelled or postponed; the page stays and says so.
pub async fn mark_upcoming(
    svc: &Services,
    id: i64,
    cancelled: bool,
    actor: Option<i64>,
) -> Result<(), ServiceError> {
    let e = event_writes::editable(&svc.db, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = svc.now();
    let (status, kind) = if cancelled {
        (OccurrenceStatus::Cancelled, ChangeKind::EventCancelled)
    } else {
        (OccurrenceStatus::Postponed, ChangeKind::EventPostponed)
    };
    let mut tx = svc.db.begin().await?;
    event_writes::mark_upcoming(&mut tx, id, status.key(), actor, now).await?;
    if e.status.is_public() {
        record(
            &mut tx,
            &Change::event(kind, id, stored_facts(&e, e.status)),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    svc.committed().await
}

/// Sets the status of the one date of event `id` that starts at `starts_at` (a date of
/// a series cancelled on its own by an import).
pub async fn set_date_status(
    svc: &Services,
    id: i64,
    starts_at: i64,
    status: OccurrenceStatus,
) -> Result<(), ServiceError> {
    let e = event_writes::editable(&svc.db, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    event_writes::set_occurrence_status(&mut tx, id, starts_at, status.key(), now).await?;
    if e.status.is_public() {
        let change = Change::event(ChangeKind::EventChanged, id, stored_facts(&e, e.status));
        record(&mut tx, &change, now).await?;
    }
    tx.commit().await?;
    svc.committed().await
}

/// Deletes an event for good; the audit log keeps its title.
pub async fn delete(svc: &Services, id: i64, actor: Option<i64>) -> Result<(), ServiceError> {
    let e = event_writes::editable(&svc.db, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    event_writes::delete(&mut tx, id, &e.detail.event.title, actor, now).await?;
    let change = Change::event(ChangeKind::EventDeleted, id, stored_facts(&e, e.status));
    record(&mut tx, &change, now).await?;
    tx.commit().await?;
    svc.committed().await
}

/// Something shown with a public event changed outside its own row (a picture added or
/// removed): the event's consumers hear of it like of any change.
pub async fn touched(svc: &Services, id: i64) -> Result<(), ServiceError> {
    let Some(e) = event_writes::editable(&svc.db, id).await? else {
        return Ok(());
    };
    if !e.status.is_public() {
        return Ok(());
    }
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let change = Change::event(ChangeKind::EventChanged, id, stored_facts(&e, e.status));
    record(&mut tx, &change, now).await?;
    tx.commit().await?;
    svc.committed().await
}
