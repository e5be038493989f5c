//! Replies and mentions from the fediverse. A `Create` of a `Note` that answers one of
//! the portal's events or magazine articles (`inReplyTo`), mentions one of its actors
//! (`tag` of type `Mention`) or is addressed to one (`to`, `cc`) becomes a message in
//! „Nachrichten“: in the inbox of the organisation concerned (an event's first organiser,
//! an article's proposing organisation), or with the moderators when it concerns the
//! portal or a Sparte. It is never shown publicly. The text is sanitised (ammonia) and
//! bounded; the thread names the author's handle and links to the original; an activity
//! delivered twice is taken once. The readers hear of a new one by mail, through the
//! outbox (`jobs::messages`).

use super::inbox::{InboxError, id_of};
use super::{ActorRef, remote_host};
use crate::db::{self, messages::Recipient, messages::RemoteMessage};
use crate::domain::change::{Change, ChangeKind, EventFacts};
use crate::service::Services;
use serde_json::Value;
use std::collections::BTreeSet;

/// The most characters of a note's HTML taken (before sanitising).
pub const MAX_NOTE: usize = 20_000;
/// The most recipients one note reaches (mentions of every organisation are spam).
const MAX_RECIPIENTS: usize = 10;

/// Whom a note concerns, and what it answers (for the subject).
#[derive(Debug, Default)]
struct Addressees {
    orgs: BTreeSet<i64>,
    moderators: bool,
    answers: Option<String>,
}

impl Addressees {
    fn add(&mut self, actor: &ActorRef) {
        match actor {
            ActorRef::Organization { id, .. } => {
                self.orgs.insert(*id);
            }
            ActorRef::Portal | ActorRef::Sparte { .. } => self.moderators = true,
        }
    }

    fn is_empty(&self) -> bool {
        self.orgs.is_empty() && !self.moderators
    }
}

/// Handles a `Create` whose object is a `Note` written by `author`.
pub async fn receive(svc: &Services, activity: &Value, author: &str) -> Result<(), InboxError> {
    let Some(note) = activity.get("object").filter(|o| o.is_object()) else {
        return Ok(()); // A Create of a bare address: nothing to read.
    };
    if note.get("type").and_then(Value::as_str) != Some("Note") {
        return Ok(());
    }
    if let Some(by) = note.get("attributedTo").and_then(id_of)
        && by != author
    {
        return Err(InboxError::Unauthorized("the note is somebody else's"));
    }
    let activity_id = activity
        .get("id")
        .and_then(Value::as_str)
        .filter(|i| !i.is_empty() && i.len() <= 2000)
        .ok_or(InboxError::BadRequest("a Create without id"))?;
    if db::fediverse::is_blocked(&svc.db, &remote_host(author)).await? {
        return Err(InboxError::Blocked);
    }
    let to = addressees(svc, note).await?;
    if to.is_empty() {
        return Ok(()); // Not about us.
    }
    let html = sanitise(note);
    let url = note
        .get("url")
        .and_then(|u| match u {
            Value::Array(list) => list.first().and_then(id_of_link),
            other => id_of_link(other),
        })
        .or_else(|| note.get("id").and_then(Value::as_str).map(str::to_owned))
        .filter(|u| u.len() <= 2000 && (u.starts_with("https://") || u.starts_with("http://")))
        .unwrap_or_default();
    let handle = handle_of(svc, author).await;
    let subject: String = match &to.answers {
        Some(title) => format!("Antwort im Fediverse von {handle} auf „{title}“"),
        None => format!("Erwähnung im Fediverse von {handle}"),
    }
    .chars()
    .take(300)
    .collect();
    let message = RemoteMessage {
        subject: &subject,
        author: &handle,
        url: &url,
        html: &html,
    };
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    if !db::fediverse::first_inbound(&mut tx, activity_id, now).await? {
        return Ok(()); // Delivered again: taken the first time.
    }
    let mut threads = Vec::new();
    for org in &to.orgs {
        threads.push(
            db::messages::start_remote(&mut tx, &message, &[Recipient::Inbox(*org)], now).await?,
        );
    }
    if to.moderators {
        let people: Vec<Recipient> = db::messages::moderator_ids(&mut tx)
            .await?
            .into_iter()
            .map(Recipient::Member)
            .collect();
        if !people.is_empty() {
            threads.push(db::messages::start_remote(&mut tx, &message, &people, now).await?);
        }
    }
    // The readers hear of it by mail, as they chose (see `jobs::messages`).
    let failed = |e: crate::service::ServiceError| InboxError::Internal(e.into());
    for thread in threads {
        let facts = EventFacts {
            title: subject.clone(),
            ..EventFacts::default()
        };
        let change = Change::event(ChangeKind::RemoteMessage, thread, facts);
        crate::service::events::record(&mut tx, &change, now)
            .await
            .map_err(failed)?;
    }
    tx.commit().await?;
    svc.committed().await.map_err(failed)?;
    Ok(())
}

/// A link given as a string or as a `Link` with `href`.
fn id_of_link(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("href")
            .or_else(|| o.get("id"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    }
}

/// The portal's actors, events and articles a note concerns.
async fn addressees(svc: &Services, note: &Value) -> Result<Addressees, InboxError> {
    let base = &svc.base_url;
    let mut to = Addressees::default();
    if let Some(target) = note.get("inReplyTo").and_then(id_of)
        && let Some(path) = target.strip_prefix(base.as_str())
    {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let found = if let Some(slug) = path.strip_prefix("/veranstaltungen/") {
            db::fediverse::event_for_reply(&svc.db, slug).await?
        } else if let Some(slug) = path.strip_prefix("/magazin/") {
            db::fediverse::article_for_reply(&svc.db, slug, svc.now()).await?
        } else {
            None
        };
        if let Some((title, org)) = found {
            match org {
                Some(id) => {
                    to.orgs.insert(id);
                }
                None => to.moderators = true,
            }
            to.answers = Some(title);
        } else if let Some(actor) = super::actor_by_id(&svc.db, base, &target).await? {
            to.add(&actor);
        }
    }
    let mut named: Vec<String> = Vec::new();
    if let Some(Value::Array(tags)) = note.get("tag") {
        named.extend(
            tags.iter()
                .filter(|t| t.get("type").and_then(Value::as_str) == Some("Mention"))
                .filter_map(|t| t.get("href").and_then(Value::as_str))
                .map(str::to_owned),
        );
    }
    for field in ["to", "cc"] {
        match note.get(field) {
            Some(Value::Array(list)) => named.extend(list.iter().filter_map(id_of)),
            Some(v) => named.extend(id_of(v)),
            None => {}
        }
    }
    let mut seen = BTreeSet::new();
    for address in named {
        if to.orgs.len() >= MAX_RECIPIENTS {
            break;
        }
        if !address.starts_with(base.as_str()) || !seen.insert(address.clone()) {
            continue;
        }
        if let Some(actor) = super::actor_by_id(&svc.db, base, &address).await? {
            to.add(&actor);
        }
    }
    Ok(to)
}

/// The note's text as safe HTML (links kept, marked `nofollow`), bounded.
fn sanitise(note: &Value) -> String {
    let content = note
        .get("content")
        .and_then(Value::as_str)
        .or_else(|| {
            note.get("contentMap")
                .and_then(Value::as_object)
                .and_then(|m| m.values().find_map(Value::as_str))
        })
        .unwrap_or_default();
    let bounded: String = content.chars().take(MAX_NOTE).collect();
    let clean = crate::web::markdown::clean(&bounded);
    if clean.trim().is_empty() {
        "<p>…</p>".to_owned()
    } else {
        clean
    }
}

/// `@name@host` of a remote actor (its document's `preferredUsername`), else its address.
async fn handle_of(svc: &Services, actor: &str) -> String {
    let name = super::inbox::fetch_json(svc, actor)
        .await
        .and_then(|d| {
            d.get("preferredUsername")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .filter(|n| {
            !n.is_empty()
                && n.len() <= 100
                && n.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        });
    match name {
        Some(n) => format!("@{n}@{}", remote_host(actor)),
        None => actor.chars().take(300).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn notes_are_sanitised_and_bounded() {
        let note = json!({ "content": "<p>Hallo <script>alert(1)</script><a href=\"javascript:x()\">x</a> <a href=\"https://a.example\">a</a></p>" });
        let html = sanitise(&note);
        assert!(
            !html.contains("script") && !html.contains("javascript"),
            "{html}"
        );
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
        let long = json!({ "content": "x".repeat(MAX_NOTE * 2) });
        assert!(sanitise(&long).len() <= MAX_NOTE + 10);
        assert_eq!(sanitise(&json!({})), "<p>…</p>");
        let mapped = json!({ "contentMap": { "de": "<p>Guten Tag</p>" } });
        assert_eq!(sanitise(&mapped), "<p>Guten Tag</p>");
    }
}
