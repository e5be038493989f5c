//! Deliveries to the fediverse. A public change of an event queues one job; it fans out
//! into one job per (actor, inbox) — shared inboxes where the servers have them, blocked
//! instances left out — so that a server that is down is retried alone, with the
//! queue's back-off, by whichever instance claims it. A follow is answered the same way
//! (`accept|{follower}`), a follower removed by a moderator with a `Reject`
//! (`reject|[actor, inbox, follower, follow]`); the portal's follows of other calendars
//! (`follow|{id}`, `unfollow|[id, actor, inbox]`).
//!
//! Targets: `object|{actor}|{inbox}` (the event's owner sends `Create`, `Update` or
//! `Delete`), `announce|{actor}|{inbox}` (a Sparte, a co-organiser or the portal boosts
//! it once). Activities carry a stable id (`/ap/aktivitaeten/{change}/{verb}/{actor}`),
//! so a delivery repeated after a crash between sending and noting it is the same
//! activity, which servers drop as known.

use super::{JobError, change_of};
use crate::db::jobs::Job;
use crate::db::{self, Tx};
use crate::domain::change::{Change, ChangeKind};
use crate::fediverse::{self, ActorRef, articles, objects};
use crate::service::Services;
use std::collections::BTreeSet;

pub const CONSUMER: &str = "fediverse";

/// Whether a change concerns the fediverse: it is public and somebody follows anything.
pub async fn needed(tx: &mut Tx, change: &Change) -> Result<bool, db::DbError> {
    if !change.kind.is_public() {
        return Ok(false);
    }
    let rows: Vec<(i64,)> = tx
        .fetch_all("SELECT id FROM fedi_followers LIMIT 1", &[])
        .await?;
    Ok(!rows.is_empty())
}

pub async fn run(svc: &Services, job: &Job) -> Result<(), JobError> {
    if let Some(id) = job.target.strip_prefix("accept|") {
        let id: i64 = id
            .parse()
            .map_err(|_| JobError::GiveUp(format!("bad target {}", job.target)))?;
        return deliver_accept(svc, id).await;
    }
    if job.target.starts_with("reject|") {
        return deliver_reject(svc, &job.target).await;
    }
    if let Some(id) = job.target.strip_prefix("follow|") {
        let id: i64 = id
            .parse()
            .map_err(|_| JobError::GiveUp(format!("bad target {}", job.target)))?;
        let Some(f) = db::fedi_following::by_id(&svc.db, id).await? else {
            return Ok(()); // Unfollowed meanwhile.
        };
        let activity = fediverse::following::follow_activity(&svc.base_url, &f, false);
        return send(svc, &ActorRef::Portal, &f.inbox, &activity).await;
    }
    if job.target.starts_with("unfollow|") {
        let f = fediverse::following::parse_unfollow(&job.target)
            .ok_or_else(|| JobError::GiveUp(format!("bad target {}", job.target)))?;
        let activity = fediverse::following::follow_activity(&svc.base_url, &f, true);
        return send(svc, &ActorRef::Portal, &f.inbox, &activity).await;
    }
    let change = change_of(svc, job).await?;
    if change.kind.is_about_an_article() {
        return run_article(svc, job, &change).await;
    }
    if change.kind == ChangeKind::SocialPublished {
        return run_social(svc, job, &change).await;
    }
    if job.target.is_empty() {
        return fan_out_change(svc, job, &change).await;
    }
    let mut parts = job.target.splitn(3, '|');
    let (Some(verb), Some(actor), Some(inbox)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(JobError::GiveUp(format!("bad target {}", job.target)));
    };
    let Some(actor) = fediverse::actor_by_key(&svc.db, actor).await? else {
        return Ok(()); // The organisation or Sparte is gone.
    };
    let base = &svc.base_url;
    let now = svc.now();
    let id = format!(
        "{base}/ap/aktivitaeten/{}/{verb}/{}",
        job.outbox_id.unwrap_or(0),
        actor.key()
    );
    let activity = match verb {
        "announce" => objects::activity(
            "Announce",
            &id,
            &actor,
            base,
            serde_json::json!(format!("{base}/veranstaltungen/{}", change.facts.slug)),
            now,
        ),
        "object" => match kind_of(change.kind) {
            "Delete" => objects::activity(
                "Delete",
                &id,
                &actor,
                base,
                objects::tombstone(base, &change.facts.slug),
                now,
            ),
            kind => {
                let Some((object, _, _)) =
                    objects::event_object(&svc.db, base, change.subject, now).await?
                else {
                    return Ok(()); // No longer public: its withdrawal follows.
                };
                objects::activity(kind, &id, &actor, base, object, now)
            }
        },
        _ => return Err(JobError::GiveUp(format!("bad target {}", job.target))),
    };
    send(svc, &actor, inbox, &activity).await
}

/// The activity a change becomes.
fn kind_of(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::EventPublished => "Create",
        ChangeKind::EventWithdrawn | ChangeKind::EventDeleted => "Delete",
        _ => "Update",
    }
}

/// The distinct delivery inboxes of these actors' followers.
async fn inboxes(svc: &Services, actors: &[String]) -> Result<BTreeSet<String>, JobError> {
    Ok(db::fediverse::followers_of(&svc.db, actors)
        .await?
        .iter()
        .map(|f| f.delivery_inbox().to_owned())
        .collect())
}

async fn fan_out_change(svc: &Services, job: &Job, change: &Change) -> Result<(), JobError> {
    let event = change.subject;
    let mut targets = Vec::new();
    let mut sent: Vec<(String, &'static str)> = Vec::new();
    let published = if kind_of(change.kind) == "Delete" {
        None
    } else {
        objects::event_object(&svc.db, &svc.base_url, event, svc.now()).await?
    };
    match published {
        Some((_, owner, others)) => {
            let already: BTreeSet<String> = db::fediverse::sent(&svc.db, event)
                .await?
                .into_iter()
                .map(|(a, _)| a)
                .collect();
            let mut everyone = vec![owner.key()];
            everyone.extend(others.iter().map(ActorRef::key));
            // A Create for followers who never saw the event; an Update otherwise.
            for inbox in inboxes(svc, &everyone).await? {
                targets.push(format!("object|{}|{inbox}", owner.key()));
            }
            sent.push((owner.key(), "owner"));
            for other in &others {
                if already.contains(&other.key()) {
                    continue;
                }
                let theirs = inboxes(svc, &[other.key()]).await?;
                if theirs.is_empty() {
                    continue;
                }
                for inbox in theirs {
                    targets.push(format!("announce|{}|{inbox}", other.key()));
                }
                sent.push((other.key(), "announce"));
            }
        }
        None => {
            let told = db::fediverse::sent(&svc.db, event).await?;
            let Some((owner, _)) = told.iter().find(|(_, role)| role == "owner") else {
                return Ok(()); // Nobody on the fediverse heard of it.
            };
            let actors: Vec<String> = told.iter().map(|(a, _)| a.clone()).collect();
            for inbox in inboxes(svc, &actors).await? {
                targets.push(format!("object|{owner}|{inbox}"));
            }
        }
    }
    // Who told and the deliveries, in one transaction: a fan-out that dies halfway is
    // done again whole (queued targets are not queued twice).
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    for (actor, role) in &sent {
        db::fediverse::mark_sent(&mut tx, event, actor, role).await?;
    }
    for target in &targets {
        db::jobs::fan_out(&mut tx, job.outbox_id, CONSUMER, target, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn deliver_accept(svc: &Services, follower_id: i64) -> Result<(), JobError> {
    let Some(f) = db::fediverse::follower_by_id(&svc.db, follower_id).await? else {
        return Ok(()); // Unfollowed meanwhile.
    };
    let Some(actor) = fediverse::actor_by_key(&svc.db, &f.actor).await? else {
        return Ok(());
    };
    let base = &svc.base_url;
    let id = format!("{base}/ap/aktivitaeten/folgen/{}/accept", f.id);
    let activity = objects::follow_answer("Accept", &id, &actor, base, &f.follow_id, &f.follower);
    send(svc, &actor, &f.inbox, &activity).await
}

/// Tells a follower's server that a moderator removed them (`Reject` of their Follow).
async fn deliver_reject(svc: &Services, target: &str) -> Result<(), JobError> {
    let Some((actor, inbox, follower, follow_id)) = fediverse::moderation::parse_reject(target)
    else {
        return Err(JobError::GiveUp(format!("bad target {target}")));
    };
    let Some(actor) = fediverse::actor_by_key(&svc.db, &actor).await? else {
        return Ok(());
    };
    let base = &svc.base_url;
    let id = format!(
        "{base}/ap/aktivitaeten/folgen/{}/reject",
        crate::fediverse::signature::digest(follow_id.as_bytes())
            .trim_start_matches("SHA-256=")
            .replace(['/', '+', '='], "")
    );
    let activity = objects::follow_answer("Reject", &id, &actor, base, &follow_id, &follower);
    send(svc, &actor, &inbox, &activity).await
}

/// Signs and posts one activity to one inbox.
async fn send(
    svc: &Services,
    actor: &ActorRef,
    inbox: &str,
    activity: &serde_json::Value,
) -> Result<(), JobError> {
    if !fediverse::remote_url_ok(inbox, &svc.fetch) {
        return Err(JobError::GiveUp(format!("inbox not allowed: {inbox}")));
    }
    if db::fediverse::is_blocked(&svc.db, &fediverse::remote_host(inbox)).await? {
        return Ok(());
    }
    let url = url::Url::parse(inbox).map_err(|e| JobError::GiveUp(e.to_string()))?;
    let keys = fediverse::keys_of(&svc.db, actor, svc.now())
        .await
        .map_err(|e| JobError::Retry(e.to_string()))?;
    let body = activity.to_string().into_bytes();
    let headers = fediverse::signature::signed_headers(
        &actor.key_id(&svc.base_url),
        &keys.private_pem,
        "POST",
        &url,
        Some(&body),
        svc.clock.now(),
    )
    .map_err(|e| JobError::GiveUp(e.to_string()))?;
    match crate::fetch::post(
        &svc.fetch,
        inbox,
        fediverse::ACTIVITY_JSON,
        "fediverse",
        &headers,
        body,
    )
    .await
    {
        Ok(_) => Ok(()),
        Err(crate::fetch::FetchError::Status(code))
            if (400..500).contains(&code) && !matches!(code, 401 | 408 | 429) =>
        {
            Err(JobError::GiveUp(format!("{inbox} answered {code}")))
        }
        Err(e) => Err(JobError::Retry(format!("{inbox}: {e}"))),
    }
}

/// A magazine article's change: fanned out to the followers of the portal and of the
/// organisation that proposed it, then sent (`object|…`) or boosted (`announce|…`).
async fn run_article(svc: &Services, job: &Job, change: &Change) -> Result<(), JobError> {
    let Some(a) = db::articles::by_id(&svc.db, change.subject).await? else {
        return Ok(()); // Gone for good: nobody keeps a deleted article.
    };
    let base = &svc.base_url;
    let (owner, guest) = articles::actors_of(&a);
    let verb = match change.kind {
        ChangeKind::ArticlePublished => "Create",
        ChangeKind::ArticleCorrected => "Update",
        ChangeKind::ArticleWithdrawn => "Delete",
        _ => return Ok(()),
    };
    if job.target.is_empty() {
        let mut actors = vec![owner.key()];
        actors.extend(guest.clone());
        let mut targets: Vec<String> = inboxes(svc, &actors)
            .await?
            .into_iter()
            .map(|inbox| format!("object|{}|{inbox}", owner.key()))
            .collect();
        if let Some(guest) = guest.filter(|_| verb == "Create") {
            for inbox in inboxes(svc, std::slice::from_ref(&guest)).await? {
                targets.push(format!("announce|{guest}|{inbox}"));
            }
        }
        let now = svc.now();
        let mut tx = svc.db.begin().await?;
        for target in &targets {
            db::jobs::fan_out(&mut tx, job.outbox_id, CONSUMER, target, now).await?;
        }
        tx.commit().await?;
        return Ok(());
    }
    let mut parts = job.target.splitn(3, '|');
    let (Some(kind), Some(actor), Some(inbox)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(JobError::GiveUp(format!("bad target {}", job.target)));
    };
    let Some(actor) = fediverse::actor_by_key(&svc.db, actor).await? else {
        return Ok(());
    };
    let now = svc.now();
    let id = format!(
        "{base}/ap/aktivitaeten/{}/{kind}/{}",
        job.outbox_id.unwrap_or(0),
        actor.key()
    );
    let object = match (kind, verb) {
        ("announce", _) => serde_json::json!(articles::article_url(base, &a.slug)),
        ("object", "Delete") => articles::tombstone(base, &a.slug),
        ("object", _) if a.is_public(now) => articles::article_object(&svc.db, base, &a).await?,
        ("object", _) => return Ok(()), // Withdrawn meanwhile: its Delete follows.
        _ => return Err(JobError::GiveUp(format!("bad target {}", job.target))),
    };
    let verb = if kind == "announce" { "Announce" } else { verb };
    let activity = objects::activity(verb, &id, &actor, base, object, now);
    send(svc, &actor, inbox, &activity).await
}

/// A post of the social-media desk whose time came: fanned out to the portal's
/// followers, then sent as `Create(Note)` from the portal (one job per inbox; the
/// activity's id is stable, so a repeated delivery is the same activity).
async fn run_social(svc: &Services, job: &Job, change: &Change) -> Result<(), JobError> {
    let portal = ActorRef::Portal;
    if job.target.is_empty() {
        let targets: Vec<String> = inboxes(svc, &[portal.key()])
            .await?
            .into_iter()
            .map(|inbox| format!("object|{}|{inbox}", portal.key()))
            .collect();
        let now = svc.now();
        let mut tx = svc.db.begin().await?;
        for target in &targets {
            db::jobs::fan_out(&mut tx, job.outbox_id, CONSUMER, target, now).await?;
        }
        tx.commit().await?;
        return Ok(());
    }
    let Some(inbox) = job
        .target
        .strip_prefix(&format!("object|{}|", portal.key()))
    else {
        return Err(JobError::GiveUp(format!("bad target {}", job.target)));
    };
    let Some(post) = db::social::by_id(&svc.db, change.subject).await? else {
        return Ok(()); // Deleted with its event or article.
    };
    let base = &svc.base_url;
    let Some(note) = fediverse::social::note_object(&svc.db, base, &post).await? else {
        return Ok(());
    };
    let id = format!(
        "{base}/ap/aktivitaeten/{}/object/{}",
        job.outbox_id.unwrap_or(0),
        portal.key()
    );
    let activity = objects::activity("Create", &id, &portal, base, note, svc.now());
    send(svc, &portal, inbox, &activity).await
}
