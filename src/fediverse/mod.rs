//! The portal on the fediverse (ActivityPub): the portal itself, every organisation and
//! every Sparte is an actor that people on Mastodon, Mobilizon, Gancio … can follow.
//!
//! - [`signature`]: draft-cavage HTTP signatures and the actors' RSA keys;
//! - [`objects`]: the JSON of actors, events (`Event` as Mobilizon and Gancio write it)
//!   and activities;
//! - [`inbox`]: what arrives (signature checked against the sender's key, fetched through
//!   the fetch guard and cached): Follow, Undo(Follow);
//! - delivery is a shared job (`jobs::fediverse`): one job per (actor, inbox), retried
//!   with back-off, claimed by one instance.
//!
//! An event belongs to its first organiser (or the portal): that actor sends `Create`,
//! `Update` and `Delete` to everyone who follows it, a co-organiser, one of the event's
//! Sparten or the portal; those others boost it (`Announce`) to their own followers, so
//! that „all music in Bochum“ shows each organiser's event once, under its organiser.

pub mod articles;
pub mod following;
pub mod inbox;
pub mod moderation;
pub mod notes;
pub mod objects;
pub mod signature;
pub mod social;

use crate::db::{self, Db};
use crate::fetch::FetchPolicy;

/// The handle of the portal's own actor (`@kulturportal@host`).
pub const PORTAL_HANDLE: &str = "kulturportal";

/// Handles an organisation cannot have because they name something else.
const RESERVED: [&str; 6] = [PORTAL_HANDLE, "admin", "ap", "inbox", "portal", "root"];

/// The media type of ActivityPub documents.
pub const ACTIVITY_JSON: &str = "application/activity+json";

/// One of the portal's actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorRef {
    Portal,
    Organization { id: i64, slug: String, name: String },
    Sparte { slug: String, name: String },
}

impl ActorRef {
    /// The key that names the actor in the database (keys, followers, deliveries).
    pub fn key(&self) -> String {
        match self {
            ActorRef::Portal => "portal".into(),
            ActorRef::Organization { id, .. } => format!("organization:{id}"),
            ActorRef::Sparte { slug, .. } => format!("sparte:{slug}"),
        }
    }

    /// The actor's id: the address of its page (which answers ActivityPub requests).
    pub fn id(&self, base: &str) -> String {
        match self {
            ActorRef::Portal => format!("{base}/"),
            ActorRef::Organization { slug, .. } => format!("{base}/kulturszene/{slug}"),
            ActorRef::Sparte { slug, .. } => format!("{base}/sparten/{slug}"),
        }
    }

    /// Where its inbox, outbox and followers live.
    pub fn ap_path(&self) -> String {
        match self {
            ActorRef::Portal => "/ap/portal".into(),
            ActorRef::Organization { slug, .. } => format!("/ap/organisationen/{slug}"),
            ActorRef::Sparte { slug, .. } => format!("/ap/sparten/{slug}"),
        }
    }

    pub fn key_id(&self, base: &str) -> String {
        format!("{}#main-key", self.id(base))
    }

    pub fn followers(&self, base: &str) -> String {
        format!("{base}{}/followers", self.ap_path())
    }

    pub fn name(&self) -> &str {
        match self {
            ActorRef::Portal => "Kulturportal Bochum",
            ActorRef::Organization { name, .. } | ActorRef::Sparte { name, .. } => name,
        }
    }
}

/// The handle of an organisation: its slug, unless the slug names the portal, a Sparte
/// or a reserved word; then `{slug}-org`.
pub fn organization_handle(slug: &str, sparten: &[String]) -> String {
    if RESERVED.contains(&slug) || sparten.iter().any(|s| s == slug) {
        format!("{slug}-org")
    } else {
        slug.to_owned()
    }
}

/// The host part of handles: the base URL's host (with its port, if any).
pub fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_owned();
            Some(match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        })
        .unwrap_or_default()
}

/// The actor a handle names (`kulturportal`, a Sparte's slug, an organisation's handle).
pub async fn actor_by_handle(db: &Db, handle: &str) -> Result<Option<ActorRef>, db::DbError> {
    let handle = handle.to_ascii_lowercase();
    if handle == PORTAL_HANDLE {
        return Ok(Some(ActorRef::Portal));
    }
    if let Some(a) = sparte(db, &handle).await? {
        return Ok(Some(a));
    }
    let sparten = sparten_slugs(db).await?;
    if let Some(a) = organization(db, &handle).await?
        && let ActorRef::Organization { slug, .. } = &a
        && organization_handle(slug, &sparten) == handle
    {
        return Ok(Some(a));
    }
    if let Some(slug) = handle.strip_suffix("-org")
        && let Some(a) = organization(db, slug).await?
        && organization_handle(slug, &sparten) == handle
    {
        return Ok(Some(a));
    }
    Ok(None)
}

/// The handle of an actor (without `@host`).
pub async fn handle_of(db: &Db, actor: &ActorRef) -> Result<String, db::DbError> {
    Ok(match actor {
        ActorRef::Portal => PORTAL_HANDLE.to_owned(),
        ActorRef::Sparte { slug, .. } => slug.clone(),
        ActorRef::Organization { slug, .. } => organization_handle(slug, &sparten_slugs(db).await?),
    })
}

async fn sparten_slugs(db: &Db) -> Result<Vec<String>, db::DbError> {
    Ok(db::categories::all(db)
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect())
}

/// The organisation with this slug as an actor.
pub async fn organization(db: &Db, slug: &str) -> Result<Option<ActorRef>, db::DbError> {
    Ok(db::organizations::by_slug(db, slug)
        .await?
        .map(|o| ActorRef::Organization {
            id: o.id,
            slug: o.slug,
            name: o.name,
        }))
}

/// The Sparte with this slug as an actor.
pub async fn sparte(db: &Db, slug: &str) -> Result<Option<ActorRef>, db::DbError> {
    Ok(db::categories::all(db)
        .await?
        .into_iter()
        .find(|c| c.slug == slug)
        .map(|c| ActorRef::Sparte {
            slug: c.slug,
            name: c.name,
        }))
}

/// The actor a database key names (`organization:7`, `sparte:musik`, `portal`).
pub async fn actor_by_key(db: &Db, key: &str) -> Result<Option<ActorRef>, db::DbError> {
    if key == "portal" {
        return Ok(Some(ActorRef::Portal));
    }
    if let Some(slug) = key.strip_prefix("sparte:") {
        return sparte(db, slug).await;
    }
    if let Some(id) = key
        .strip_prefix("organization:")
        .and_then(|i| i.parse::<i64>().ok())
    {
        return Ok(db::organizations::by_id(db, id)
            .await?
            .map(|o| ActorRef::Organization {
                id: o.id,
                slug: o.slug,
                name: o.name,
            }));
    }
    Ok(None)
}

/// The actor whose id is `url` (one of this portal's).
pub async fn actor_by_id(db: &Db, base: &str, url: &str) -> Result<Option<ActorRef>, db::DbError> {
    let Some(path) = url.strip_prefix(base) else {
        return Ok(None);
    };
    if path == "/" || path.is_empty() {
        return Ok(Some(ActorRef::Portal));
    }
    if let Some(slug) = path.strip_prefix("/kulturszene/") {
        return organization(db, slug).await;
    }
    if let Some(slug) = path.strip_prefix("/sparten/") {
        return sparte(db, slug).await;
    }
    Ok(None)
}

/// The actor's RSA key pair, made and stored the first time it is needed (several
/// instances at once: the first stored wins, the others read it).
pub async fn keys_of(
    db: &Db,
    actor: &ActorRef,
    now: i64,
) -> Result<signature::KeyPair, anyhow::Error> {
    let key = actor.key();
    if let Some(pair) = db::fediverse::key_of(db, &key).await? {
        return Ok(pair);
    }
    let made = tokio::task::spawn_blocking(signature::generate).await??;
    db::fediverse::insert_key(db, &key, &made, now).await?;
    db::fediverse::key_of(db, &key)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the key of {key} was not stored"))
}

/// Whether a remote server's address may be fetched or posted to: `https`, or plain
/// `http` to a loopback address when the operator allowed it (tests, a local peer).
pub fn remote_url_ok(url: &str, policy: &FetchPolicy) -> bool {
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    match parsed.scheme() {
        "https" => parsed.host_str().is_some(),
        "http" => match parsed.host() {
            Some(url::Host::Ipv4(ip)) => {
                ip.is_loopback() && policy.permits(std::net::IpAddr::V4(ip))
            }
            Some(url::Host::Ipv6(ip)) => {
                ip.is_loopback() && policy.permits(std::net::IpAddr::V6(ip))
            }
            _ => false,
        },
        _ => false,
    }
}

/// Text for HTML (objects carry HTML content).
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The host of a remote address (what moderators block), lower case with its port.
pub fn remote_host(url: &str) -> String {
    host_of(url).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_slugs_get_another_handle() {
        let sparten = vec!["musik".to_owned(), "theater".to_owned()];
        assert_eq!(
            organization_handle("schauspielhaus", &sparten),
            "schauspielhaus"
        );
        assert_eq!(organization_handle("musik", &sparten), "musik-org");
        assert_eq!(
            organization_handle("kulturportal", &sparten),
            "kulturportal-org"
        );
    }

    #[test]
    fn plain_http_only_to_loopback_when_allowed() {
        let closed = FetchPolicy::default();
        let open = FetchPolicy::with_allowed("127.0.0.1/32").unwrap_or_else(|e| panic!("{e}"));
        assert!(remote_url_ok("https://social.example/inbox", &closed));
        assert!(!remote_url_ok("http://social.example/inbox", &open));
        assert!(!remote_url_ok("http://127.0.0.1:8000/inbox", &closed));
        assert!(remote_url_ok("http://127.0.0.1:8000/inbox", &open));
        assert!(!remote_url_ok("ftp://social.example/inbox", &open));
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
        assert_eq!(host_of("https://kultur.bochum.de"), "kultur.bochum.de");
    }
}
