//! What arrives in the portal's inboxes. Every activity must be signed (draft-cavage,
//! covering `(request-target)`, `host`, `date` and `digest`, the `Digest` matching the
//! body, the `Date` within an hour) by the key of the actor it names; the key is fetched
//! through the fetch guard and cached (fetched again once when a signature does not
//! match, for keys that were rotated). Unsigned or wrongly signed: 401; malformed: 400;
//! from a blocked instance: 403. Follow stores the follower and queues the Accept;
//! Undo(Follow) ends the follow; a Create of a reply or mention goes to „Nachrichten“
//! (see [`super::notes`]); an Accept of the portal's follow, and Create/Update of events
//! from a followed calendar, go to [`super::following`]; everything else is acknowledged
//! and dropped.

use super::{ActorRef, remote_host, remote_url_ok, signature};
use crate::db::{self, fediverse::Follower};
use crate::service::Services;
use serde_json::Value;

/// How far a request's `Date` may be from now.
const DATE_WINDOW: i64 = 3600;
/// How long a fetched key is trusted before it is fetched again.
const KEY_TTL: i64 = 24 * 3600;
/// The largest activity taken.
pub const MAX_BODY: usize = 256 * 1024;

/// Why an activity was not taken.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error("unsigned or wrongly signed: {0}")]
    Unauthorized(&'static str),
    #[error("malformed: {0}")]
    BadRequest(&'static str),
    #[error("the sender's instance is blocked")]
    Blocked,
    #[error("no such actor")]
    NotFound,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<db::DbError> for InboxError {
    fn from(e: db::DbError) -> Self {
        InboxError::Internal(e.into())
    }
}

/// A request as it reached an inbox.
pub struct Incoming<'a> {
    pub path_and_query: &'a str,
    pub header: &'a (dyn Fn(&str) -> Option<String> + Sync),
    pub body: &'a [u8],
}

/// Checks and handles one activity posted to an inbox.
pub async fn receive(svc: &Services, req: Incoming<'_>) -> Result<(), InboxError> {
    if req.body.len() > MAX_BODY {
        return Err(InboxError::BadRequest("too large"));
    }
    let activity: Value =
        serde_json::from_slice(req.body).map_err(|_| InboxError::BadRequest("not JSON"))?;
    if !activity.is_object() {
        return Err(InboxError::BadRequest("not an object"));
    }
    let sender = verify(svc, &req).await?;
    let actor = activity
        .get("actor")
        .and_then(id_of)
        .ok_or(InboxError::BadRequest("no actor"))?;
    if actor != sender {
        return Err(InboxError::Unauthorized(
            "signed by someone else than the actor",
        ));
    }
    match activity.get("type").and_then(Value::as_str) {
        Some("Follow") => follow(svc, &activity, &actor).await,
        Some("Undo") => undo(svc, &activity, &actor).await,
        Some("Accept") => super::following::accepted(svc, &activity, &actor).await,
        Some("Create" | "Update") => match activity.get("object") {
            Some(o) if o.get("type").and_then(Value::as_str) == Some("Event") => {
                super::following::event(svc, o, &actor).await
            }
            _ if activity.get("type").and_then(Value::as_str) == Some("Create") => {
                super::notes::receive(svc, &activity, &actor).await
            }
            _ => Ok(()),
        },
        Some("Delete") => super::following::deleted(svc, &activity, &actor).await,
        Some(_) => Ok(()),
        None => Err(InboxError::BadRequest("no type")),
    }
}

/// An id given as a string or as an object with `id`.
pub(super) fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("id").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// Checks the request's signature; returns the actor whose key signed it.
async fn verify(svc: &Services, req: &Incoming<'_>) -> Result<String, InboxError> {
    let header = req.header;
    let raw = header("signature").ok_or(InboxError::Unauthorized("no Signature header"))?;
    let parsed = signature::parse(&raw).ok_or(InboxError::Unauthorized("unreadable signature"))?;
    for needed in ["(request-target)", "host", "date", "digest"] {
        if !parsed.headers.iter().any(|h| h == needed) {
            return Err(InboxError::Unauthorized(
                "the signature does not cover enough",
            ));
        }
    }
    let digest = header("digest").ok_or(InboxError::Unauthorized("no Digest"))?;
    let expected = signature::digest(req.body);
    // `SHA-256=…` or `sha-256=…`: the algorithm's name in any case, the value exact.
    let matches = |d: &str| match (d.trim().split_once('='), expected.split_once('=')) {
        (Some((alg, value)), Some((want_alg, want))) => {
            alg.eq_ignore_ascii_case(want_alg) && value == want
        }
        _ => false,
    };
    if !digest.split(',').any(matches) {
        return Err(InboxError::Unauthorized(
            "the Digest does not match the body",
        ));
    }
    let date = header("date")
        .and_then(|d| httpdate::parse_http_date(&d).ok())
        .ok_or(InboxError::Unauthorized("no readable Date"))?;
    let date = date
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    if (svc.now() - date).abs() > DATE_WINDOW {
        return Err(InboxError::Unauthorized("the Date is too far from now"));
    }
    let (owner, pem) = sender_key(svc, &parsed.key_id, false).await?;
    if signature::check(&parsed, "POST", req.path_and_query, header, &pem) {
        return Ok(owner);
    }
    // The key may have been replaced since it was cached.
    let (owner, pem) = sender_key(svc, &parsed.key_id, true).await?;
    if signature::check(&parsed, "POST", req.path_and_query, header, &pem) {
        Ok(owner)
    } else {
        Err(InboxError::Unauthorized("the signature does not match"))
    }
}

/// The public key `key_id` names: cached, or fetched (its owner on the same host).
async fn sender_key(
    svc: &Services,
    key_id: &str,
    refresh: bool,
) -> Result<(String, String), InboxError> {
    let now = svc.now();
    if !refresh
        && let Some((owner, pem, fetched)) = db::fediverse::remote_key(&svc.db, key_id).await?
        && now - fetched < KEY_TTL
    {
        return Ok((owner, pem));
    }
    if !remote_url_ok(key_id, &svc.fetch) {
        return Err(InboxError::Unauthorized("the key's address is not allowed"));
    }
    if db::fediverse::is_blocked(&svc.db, &remote_host(key_id)).await? {
        return Err(InboxError::Blocked);
    }
    let document = fetch_json(svc, key_id.split('#').next().unwrap_or(key_id))
        .await
        .ok_or(InboxError::Unauthorized("the key could not be fetched"))?;
    let (owner, pem) = key_in(&document, key_id).ok_or(InboxError::Unauthorized("no such key"))?;
    if remote_host(&owner) != remote_host(key_id) || !signature::is_public_key(&pem) {
        return Err(InboxError::Unauthorized(
            "the key does not belong to its actor",
        ));
    }
    db::fediverse::store_remote_key(&svc.db, key_id, &owner, &pem, now).await?;
    Ok((owner, pem))
}

/// The key `key_id` in an actor document (or a key document): (owner, PEM).
fn key_in(document: &Value, key_id: &str) -> Option<(String, String)> {
    let candidates: Vec<&Value> = match document.get("publicKey") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(key) => vec![key],
        None => vec![document],
    };
    let key = candidates
        .iter()
        .find(|k| k.get("id").and_then(Value::as_str) == Some(key_id))
        .or_else(|| candidates.first())?;
    let pem = key.get("publicKeyPem")?.as_str()?.to_owned();
    let owner = key
        .get("owner")
        .and_then(Value::as_str)
        .or_else(|| document.get("id").and_then(Value::as_str))?
        .to_owned();
    Some((owner, pem))
}

/// The headers that sign a GET of `url` with the portal's key (authorized fetch); none
/// when that cannot be done (the fetch then goes unsigned).
async fn signed_get(svc: &Services, url: &str) -> Vec<(&'static str, String)> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Vec::new();
    };
    let portal = ActorRef::Portal;
    let Ok(keys) = super::keys_of(&svc.db, &portal, svc.now()).await else {
        return Vec::new();
    };
    signature::signed_headers(
        &portal.key_id(&svc.base_url),
        &keys.private_pem,
        "GET",
        &parsed,
        None,
        svc.clock.now(),
    )
    .unwrap_or_default()
}

pub(super) async fn fetch_json(svc: &Services, url: &str) -> Option<Value> {
    let bytes = crate::fetch::get_activity(&svc.fetch, url, &signed_get(svc, url).await)
        .await
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

async fn follow(svc: &Services, activity: &Value, follower: &str) -> Result<(), InboxError> {
    let follow_id = activity
        .get("id")
        .and_then(Value::as_str)
        .ok_or(InboxError::BadRequest("a Follow without id"))?;
    let object = activity
        .get("object")
        .and_then(id_of)
        .ok_or(InboxError::BadRequest("a Follow without object"))?;
    let target: ActorRef = super::actor_by_id(&svc.db, &svc.base_url, &object)
        .await?
        .ok_or(InboxError::NotFound)?;
    if db::fediverse::is_blocked(&svc.db, &remote_host(follower)).await? {
        return Err(InboxError::Blocked);
    }
    let document = fetch_json(svc, follower)
        .await
        .ok_or(InboxError::BadRequest("the follower could not be fetched"))?;
    let inbox = document
        .get("inbox")
        .and_then(Value::as_str)
        .filter(|i| remote_url_ok(i, &svc.fetch))
        .ok_or(InboxError::BadRequest("the follower has no usable inbox"))?
        .to_owned();
    let shared = document
        .get("endpoints")
        .and_then(|e| e.get("sharedInbox"))
        .and_then(Value::as_str)
        .filter(|i| remote_url_ok(i, &svc.fetch))
        .unwrap_or_default()
        .to_owned();
    let now = svc.now();
    let row = Follower {
        id: 0,
        actor: target.key(),
        follower: follower.to_owned(),
        inbox,
        shared_inbox: shared,
        host: remote_host(follower),
        follow_id: follow_id.to_owned(),
        created_at: now,
    };
    let mut tx = svc.db.begin().await?;
    let id = db::fediverse::add_follower(&mut tx, &row).await?;
    db::jobs::fan_out(
        &mut tx,
        None,
        crate::jobs::fediverse::CONSUMER,
        &format!("accept|{id}"),
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed()
        .await
        .map_err(|e| InboxError::Internal(e.into()))?;
    Ok(())
}

async fn undo(svc: &Services, activity: &Value, follower: &str) -> Result<(), InboxError> {
    let object = activity
        .get("object")
        .ok_or(InboxError::BadRequest("an Undo without object"))?;
    if object.get("type").and_then(Value::as_str) != Some("Follow") {
        return Ok(()); // Undo of a like or boost: nothing kept, nothing to undo.
    }
    let target = object
        .get("object")
        .and_then(id_of)
        .ok_or(InboxError::BadRequest("an Undo(Follow) without object"))?;
    if let Some(actor) = super::actor_by_id(&svc.db, &svc.base_url, &target).await? {
        db::fediverse::remove_follower(&svc.db, &actor.key(), follower).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_found_in_actor_documents() {
        let doc = json!({
            "id": "https://social.example/users/anna",
            "publicKey": { "id": "https://social.example/users/anna#main-key", "owner": "https://social.example/users/anna", "publicKeyPem": "PEM" }
        });
        assert_eq!(
            key_in(&doc, "https://social.example/users/anna#main-key"),
            Some(("https://social.example/users/anna".into(), "PEM".into()))
        );
        assert_eq!(key_in(&json!({"id": "x"}), "x#k"), None);
    }
}
