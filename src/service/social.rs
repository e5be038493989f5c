//! The social-media desk's one write path: writing and changing posts, the editorial
//! gate (given to a second editor, approved by someone who did not write it, or sent
//! back with a reason), publishing what is due and marking download channels posted —
//! each with its audit-log row; a post that reaches its time records `social.published`
//! in the outbox (the fediverse consumer posts it from the portal's actor), in the same
//! transaction.

use super::events::record;
use super::{ServiceError, Services};
use crate::db::social::{self, NewPost, PostRow};
use crate::db::users::audit;
use crate::db::{self, Tx};
use crate::domain::account::{FieldErrors, Message};
use crate::domain::change::{Change, ChangeKind, EventFacts};
use crate::domain::permissions::Actor;
use crate::domain::social::{self as rules, Channel, PostDraft, PostState, Refusal, Subject};

#[derive(Debug, thiserror::Error)]
pub enum PostError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("invalid fields")]
    Fields(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<db::DbError> for PostError {
    fn from(e: db::DbError) -> PostError {
        PostError::Service(ServiceError::Db(e))
    }
}

impl From<Refusal> for PostError {
    fn from(r: Refusal) -> PostError {
        PostError::Refused(r)
    }
}

/// The event or article a draft names, if it is public.
async fn subject_ids(svc: &Services, s: &Subject) -> Result<(Option<i64>, Option<i64>), PostError> {
    let found = match s {
        Subject::Event(slug) => db::event_details::published_id_by_slug(&svc.db, slug)
            .await?
            .map(|id| (Some(id), None)),
        Subject::Article(slug) => db::articles::by_slug(&svc.db, slug)
            .await?
            .filter(|a| a.state.is_approved())
            .map(|a| (None, Some(a.id))),
    };
    found.ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("ziel", Message::new("social-subject-unknown"));
        PostError::Fields(errors)
    })
}

async fn write_audit(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    id: i64,
    details: serde_json::Value,
    now: i64,
) -> Result<(), ServiceError> {
    audit(
        tx,
        now,
        Some(actor.user_id),
        action,
        ("social_post", id),
        &details.to_string(),
    )
    .await?;
    Ok(())
}

/// Writes a new post (a draft) for the magazine's editors.
pub async fn create(svc: &Services, actor: &Actor, draft: &PostDraft) -> Result<i64, PostError> {
    if !actor.can_edit_magazine() {
        return Err(Refusal::NotAllowed.into());
    }
    let (event_id, article_id) = subject_ids(svc, &draft.subject).await?;
    let tags = draft.hashtags.join(" ");
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let post = NewPost {
        event_id,
        article_id,
        hashtags: &tags,
        planned_at: draft.planned_at,
    };
    let id = social::insert(&mut tx, &post, actor.user_id, now).await?;
    social::set_texts(&mut tx, id, &draft.texts).await?;
    write_audit(
        &mut tx,
        actor,
        "social.saved",
        id,
        serde_json::json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn load(svc: &Services, id: i64) -> Result<PostRow, PostError> {
    social::by_id(&svc.db, id).await?.ok_or(PostError::NotFound)
}

/// Changes a post's texts, hashtags or time while it is a draft or in review.
pub async fn update(
    svc: &Services,
    actor: &Actor,
    id: i64,
    draft: &PostDraft,
) -> Result<(), PostError> {
    let before = load(svc, id).await?;
    rules::edit(actor, before.state)?;
    let (event_id, article_id) = subject_ids(svc, &draft.subject).await?;
    let tags = draft.hashtags.join(" ");
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let post = NewPost {
        event_id,
        article_id,
        hashtags: &tags,
        planned_at: draft.planned_at,
    };
    social::update(&mut tx, id, &post, now).await?;
    social::set_texts(&mut tx, id, &draft.texts).await?;
    write_audit(
        &mut tx,
        actor,
        "social.saved",
        id,
        serde_json::json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A draft goes to a second editor.
pub async fn submit(svc: &Services, actor: &Actor, id: i64) -> Result<(), PostError> {
    let post = load(svc, id).await?;
    rules::submit(actor, post.state)?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    if !social::set_state(&mut tx, id, PostState::Draft, PostState::InReview, "", now).await? {
        return Err(Refusal::WrongState.into());
    }
    write_audit(
        &mut tx,
        actor,
        "social.submitted",
        id,
        serde_json::json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An editor who did not write the post approves it; it goes out at its planned time (at
/// once when that has passed).
pub async fn approve(svc: &Services, actor: &Actor, id: i64) -> Result<(), PostError> {
    let post = load(svc, id).await?;
    rules::approve(actor, post.created_by, post.state)?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    if !social::approve(&mut tx, id, actor.user_id, now).await? {
        return Err(Refusal::WrongState.into());
    }
    write_audit(
        &mut tx,
        actor,
        "social.approved",
        id,
        serde_json::json!({ "planned_at": post.planned_at }),
        now,
    )
    .await?;
    tx.commit().await?;
    if post.planned_at <= now {
        publish_due(svc).await?;
    }
    Ok(())
}

/// A post in review (or approved, before its time) goes back to a draft with a reason.
pub async fn send_back(
    svc: &Services,
    actor: &Actor,
    id: i64,
    reason: &str,
) -> Result<(), PostError> {
    let post = load(svc, id).await?;
    rules::send_back(actor, post.state)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 600 {
        let mut errors = FieldErrors::default();
        errors.add("grund", Message::new("social-reason-missing"));
        return Err(PostError::Fields(errors));
    }
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    if !social::set_state(&mut tx, id, post.state, PostState::Draft, reason, now).await? {
        return Err(Refusal::WrongState.into());
    }
    write_audit(
        &mut tx,
        actor,
        "social.sent_back",
        id,
        serde_json::json!({ "reason": reason }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Approved posts whose time has come are published: one statement claims them (of two
/// instances, each post goes to one), and those with a fediverse text record
/// `social.published` in the same transaction. Returns how many were published.
pub async fn publish_due(svc: &Services) -> Result<usize, ServiceError> {
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let due = social::publish_due(&mut tx, now).await?;
    let mut recorded = false;
    for (id, _, fediverse) in &due {
        if *fediverse {
            let facts = EventFacts {
                status: PostState::Published.key().to_owned(),
                ..EventFacts::default()
            };
            record(
                &mut tx,
                &Change::event(ChangeKind::SocialPublished, *id, facts),
                now,
            )
            .await?;
            recorded = true;
        }
    }
    tx.commit().await?;
    if recorded {
        svc.committed().await?;
    }
    Ok(due.len())
}

/// Marks a download channel's text of a published post as posted: it leaves „bereit
/// zum Posten“.
pub async fn mark_posted(
    svc: &Services,
    actor: &Actor,
    id: i64,
    channel: Channel,
) -> Result<(), PostError> {
    if !actor.can_edit_magazine() {
        return Err(Refusal::NotAllowed.into());
    }
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    if !social::mark_posted(&mut tx, id, channel, actor.user_id, now).await? {
        return Err(Refusal::WrongState.into());
    }
    write_audit(
        &mut tx,
        actor,
        "social.posted",
        id,
        serde_json::json!({ "channel": channel.key() }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
