//! Following calendars elsewhere on the fediverse: an admin makes the portal follow a
//! Gancio or Mobilizon actor (by handle, found through WebFinger, or by its address); a
//! signed `Follow` goes out from the portal's actor and the `Accept` is recorded. The
//! `Event` objects such an actor sends (`Create`, `Update`) become suggestions in the
//! moderation queue, attributed to it, through the same write path and duplicate
//! detection as imports; an `Update` changes the same suggestion while it waits, a
//! `Delete` withdraws it (an accepted event only gets a line in the protocol). An
//! unfollow sends `Undo(Follow)`; what the actor sends afterwards is dropped.

use super::inbox::{InboxError, fetch_json, id_of};
use super::{ActorRef, objects, remote_host, remote_url_ok};
use crate::db::event_writes::Submitter;
use crate::db::{self, fedi_following::Following};
use crate::domain::editor::{EditorChoices, EventDraft};
use crate::domain::event::{EventStatus, Wish};
use crate::service::events::{self, Author};
use crate::service::{ServiceError, Services};
use serde_json::{Value, json};

/// Why an account could not be followed (a message id of the admin's form).
#[derive(Debug)]
pub enum FollowError {
    /// Neither a handle nor an address of a reachable actor.
    NotFound,
    Service(ServiceError),
}

impl From<ServiceError> for FollowError {
    fn from(e: ServiceError) -> Self {
        FollowError::Service(e)
    }
}

impl From<db::DbError> for FollowError {
    fn from(e: db::DbError) -> Self {
        FollowError::Service(e.into())
    }
}

/// The id of the portal's Follow of row `id` (stable: an Accept names it).
pub fn follow_id(base: &str, id: i64) -> String {
    format!("{base}/ap/folgen/{id}")
}

/// The Follow (or, with `undo`, its Undo) of the portal for row `f`.
pub fn follow_activity(base: &str, f: &Following, undo: bool) -> Value {
    let portal = ActorRef::Portal;
    let follow = json!({
        "@context": objects::context(),
        "id": follow_id(base, f.id),
        "type": "Follow",
        "actor": portal.id(base),
        "object": f.actor,
    });
    if !undo {
        return follow;
    }
    json!({
        "@context": objects::context(),
        "id": format!("{}/undo", follow_id(base, f.id)),
        "type": "Undo",
        "actor": portal.id(base),
        "object": follow,
    })
}

/// The actor a handle (`@events@gancio.example`, found by WebFinger) or an address names:
/// its document.
async fn resolve(svc: &Services, input: &str) -> Option<Value> {
    let input = input.trim();
    let address = if input.starts_with("https://") || input.starts_with("http://") {
        input.to_owned()
    } else {
        let acct = input.trim_start_matches('@');
        let (user, host) = acct.split_once('@')?;
        if user.is_empty() || host.is_empty() || host.contains(['/', '?', '#', '@']) {
            return None;
        }
        let http = format!("http://{host}/");
        let scheme = if remote_url_ok(&http, &svc.fetch) {
            "http"
        } else {
            "https"
        };
        let resource: String =
            form_urlencoded::byte_serialize(format!("acct:{acct}").as_bytes()).collect();
        let finger = fetch_json(
            svc,
            &format!("{scheme}://{host}/.well-known/webfinger?resource={resource}"),
        )
        .await?;
        finger
            .get("links")?
            .as_array()?
            .iter()
            .find(|l| {
                l.get("rel").and_then(Value::as_str) == Some("self")
                    && l.get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.contains("activity+json") || t.contains("ld+json"))
            })?
            .get("href")?
            .as_str()?
            .to_owned()
    };
    if !remote_url_ok(&address, &svc.fetch) {
        return None;
    }
    let doc = fetch_json(svc, &address).await?;
    (doc.get("id").and_then(Value::as_str).map(remote_host) == Some(remote_host(&address)))
        .then_some(doc)
}

/// Makes the portal follow the actor `input` names; its events get `category` (a Sparte's
/// id). Returns the row's id.
pub async fn follow(
    svc: &Services,
    input: &str,
    category: Option<i64>,
    admin: i64,
) -> Result<i64, FollowError> {
    let doc = resolve(svc, input).await.ok_or(FollowError::NotFound)?;
    let text = |k: &str| {
        doc.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect::<String>()
    };
    let actor = text("id");
    let inbox = text("inbox");
    if !remote_url_ok(&inbox, &svc.fetch) {
        return Err(FollowError::NotFound);
    }
    let user = text("preferredUsername");
    let handle = if user.is_empty() {
        actor.clone()
    } else {
        format!("@{user}@{}", remote_host(&actor))
    };
    let now = svc.now();
    let mut row = Following {
        id: 0,
        actor,
        handle,
        name: text("name"),
        inbox,
        category_id: category,
        accepted_at: None,
        created_at: now,
    };
    let mut tx = svc.db.begin().await?;
    row.id = db::fedi_following::add(&mut tx, &row).await?;
    db::users::audit(
        &mut tx,
        now,
        Some(admin),
        "fediverse.following_added",
        ("fediverse", row.id),
        &json!({ "name": row.handle }).to_string(),
    )
    .await?;
    db::jobs::fan_out(
        &mut tx,
        None,
        crate::jobs::fediverse::CONSUMER,
        &format!("follow|{}", row.id),
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed().await?;
    Ok(row.id)
}

/// Stops following row `id`; the actor is sent `Undo(Follow)`. Whether there was one.
pub async fn unfollow(svc: &Services, id: i64, admin: i64) -> Result<bool, ServiceError> {
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let Some(f) = db::fedi_following::remove(&mut tx, id).await? else {
        return Ok(false);
    };
    db::users::audit(
        &mut tx,
        now,
        Some(admin),
        "fediverse.following_removed",
        ("fediverse", f.id),
        &json!({ "name": f.handle }).to_string(),
    )
    .await?;
    let target = json!([f.id, f.actor, f.inbox]);
    db::jobs::fan_out(
        &mut tx,
        None,
        crate::jobs::fediverse::CONSUMER,
        &format!("unfollow|{target}"),
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed().await?;
    Ok(true)
}

/// The row an `unfollow|…` job names (with what its Undo needs).
pub fn parse_unfollow(target: &str) -> Option<Following> {
    let (id, actor, inbox): (i64, String, String) =
        serde_json::from_str(target.strip_prefix("unfollow|")?).ok()?;
    Some(Following {
        id,
        actor,
        handle: String::new(),
        name: String::new(),
        inbox,
        category_id: None,
        accepted_at: None,
        created_at: 0,
    })
}

/// An `Accept` of one of the portal's follows, from the actor followed.
pub async fn accepted(svc: &Services, activity: &Value, sender: &str) -> Result<(), InboxError> {
    let prefix = format!("{}/ap/folgen/", svc.base_url);
    let Some(id) = activity
        .get("object")
        .and_then(id_of)
        .and_then(|o| o.strip_prefix(&prefix).and_then(|i| i.parse::<i64>().ok()))
    else {
        return Ok(()); // An Accept of something else: nothing to note.
    };
    db::fedi_following::accepted(&svc.db, id, sender, svc.now()).await?;
    Ok(())
}

/// A `Create` or `Update` of an `Event` from `sender`: a suggestion when the portal
/// follows the sender, else nothing.
pub async fn event(svc: &Services, object: &Value, sender: &str) -> Result<(), InboxError> {
    let Some(following) = db::fedi_following::by_actor(&svc.db, sender).await? else {
        return Ok(());
    };
    let object_id = object
        .get("id")
        .and_then(Value::as_str)
        .filter(|i| i.len() <= 2000)
        .ok_or(InboxError::BadRequest("an Event without id"))?;
    if remote_host(object_id) != remote_host(sender) {
        return Err(InboxError::Unauthorized("the event is another server's"));
    }
    let categories = db::categories::all(&svc.db).await?;
    let Some(category) = following
        .category_id
        .filter(|c| categories.iter().any(|k| k.id == *c))
        .or_else(|| categories.first().map(|c| c.id))
    else {
        return Ok(());
    };
    let venues = db::venues::all(&svc.db).await?;
    let url = object
        .get("url")
        .and_then(|u| match u {
            Value::Array(list) => list.first().and_then(id_of),
            other => id_of(other),
        })
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .unwrap_or_else(|| object_id.to_owned());
    let html = object
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let text: String = plain(html).chars().take(8000).collect();
    let description = format!(
        "{text}\n\nQuelle: {url} – über das Fediverse von {}",
        following.handle
    );
    let schema = json!({
        "name": object.get("name").cloned().unwrap_or_default(),
        "description": description.trim(),
        "startDate": object.get("startTime").cloned().unwrap_or_default(),
        "endDate": object.get("endTime").cloned().unwrap_or_default(),
        "location": object.get("location").cloned().unwrap_or_default(),
    });
    let draft = EventDraft {
        category_ids: vec![category],
        ..EventDraft::default()
    };
    let draft = crate::import::page::fill_draft(draft, &schema, &venues, &following.handle)
        .map_err(|_| InboxError::BadRequest("the event could not be read"))?;
    let category_ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
    let venue_ids: Vec<i64> = venues.iter().map(|v| v.id).collect();
    let choices = EditorChoices {
        categories: &category_ids,
        venues: &venue_ids,
        organizations: &[],
    };
    let input = draft
        .check(&choices, svc.clock.now(), true)
        .map_err(|_| InboxError::BadRequest("the event does not meet the portal's rules"))?;
    let author = Author::Anonymous(Submitter {
        name: format!("Fediverse: {}", following.handle)
            .chars()
            .take(120)
            .collect(),
        email: String::new(),
    });
    let failed = |e: ServiceError| InboxError::Internal(e.into());
    match db::fedi_following::event_of(&svc.db, object_id).await? {
        Some(id) => {
            // Changed at the source: the suggestion follows while it waits; once a
            // moderator decided, it is theirs.
            let waiting = db::event_writes::editable(&svc.db, id)
                .await?
                .is_some_and(|e| e.status == EventStatus::Pending);
            if waiting {
                events::update(svc, id, &input, Wish::Review, &author)
                    .await
                    .map_err(failed)?;
            }
        }
        None => {
            let external = Some(format!("fedi:{object_id}"));
            let saved = events::create(svc, &input, Wish::Review, &author, external)
                .await
                .map_err(failed)?;
            db::fedi_following::remember_event(
                &svc.db,
                object_id,
                following.id,
                saved.id,
                svc.now(),
            )
            .await?;
        }
    }
    Ok(())
}

/// A `Delete` from `sender` of an object that became a suggestion: the suggestion is
/// withdrawn while it waits; an event a moderator accepted stays online and the
/// protocol notes that its source deleted it. Anything else is ignored.
pub async fn deleted(svc: &Services, activity: &Value, sender: &str) -> Result<(), InboxError> {
    let Some(object_id) = activity.get("object").and_then(id_of) else {
        return Err(InboxError::BadRequest("a Delete without object"));
    };
    if remote_host(&object_id) != remote_host(sender) {
        return Err(InboxError::Unauthorized("the object is another server's"));
    }
    if db::fedi_following::by_actor(&svc.db, sender)
        .await?
        .is_none()
    {
        return Ok(());
    }
    let Some(event) = db::fedi_following::event_of(&svc.db, &object_id).await? else {
        return Ok(());
    };
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let reason = "An der Quelle im Fediverse gelöscht.";
    db::fedi_following::deleted_at_source(&mut tx, event, reason, now).await?;
    tx.commit().await?;
    Ok(())
}

/// HTML as plain text (tags dropped, the common entities read).
fn plain(html: &str) -> String {
    let text = ammonia::Builder::empty()
        .clean(&html.replace("</p>", "</p>\n\n").replace("<br>", "\n"))
        .to_string();
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            super::plain("<p>Jazz &amp; <b>Soul</b></p><p>Eintritt frei</p><script>x()</script>"),
            "Jazz & Soul\n\nEintritt frei"
        );
    }

    #[test]
    fn unfollow_targets_are_read_back() {
        let f = super::parse_unfollow(
            "unfollow|[3,\"https://g.example/u/events\",\"https://g.example/inbox\"]",
        );
        assert_eq!(
            f.map(|f| (f.id, f.inbox)),
            Some((3, "https://g.example/inbox".to_owned()))
        );
        assert!(super::parse_unfollow("unfollow|[]").is_none());
    }
}
