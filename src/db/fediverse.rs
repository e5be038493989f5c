//! The fediverse's tables: the actors' keys, their followers, remote keys (a cache),
//! which actor told about which event, and blocked instances.

use super::{Db, DbResult, Params, Tx};
use crate::fediverse::signature::KeyPair;

pub async fn key_of(db: &Db, actor: &str) -> DbResult<Option<KeyPair>> {
    let row: Option<(String, String)> = db
        .fetch_optional(
            "SELECT private_pem, public_pem FROM fedi_keys WHERE actor = $1",
            &[actor.into()],
        )
        .await?;
    Ok(row.map(|(private_pem, public_pem)| KeyPair {
        private_pem,
        public_pem,
    }))
}

/// Stores a new key pair unless the actor has one already.
pub async fn insert_key(db: &Db, actor: &str, pair: &KeyPair, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO fedi_keys (actor, private_pem, public_pem, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (actor) DO NOTHING",
        &[
            actor.into(),
            pair.private_pem.as_str().into(),
            pair.public_pem.as_str().into(),
            now.into(),
        ],
    )
    .await?;
    tx.commit().await
}

/// A remote follower of one of the portal's actors.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Follower {
    pub id: i64,
    pub actor: String,
    pub follower: String,
    pub inbox: String,
    pub shared_inbox: String,
    pub host: String,
    pub follow_id: String,
    pub created_at: i64,
}

impl Follower {
    /// Where deliveries go: the server's shared inbox, else the follower's own.
    pub fn delivery_inbox(&self) -> &str {
        if self.shared_inbox.is_empty() {
            &self.inbox
        } else {
            &self.shared_inbox
        }
    }
}

const FOLLOWER_COLUMNS: &str =
    "id, actor, follower, inbox, shared_inbox, host, follow_id, created_at";
const FOLLOWER: &str =
    "id, actor, follower, inbox, shared_inbox, host, follow_id, created_at FROM fedi_followers";

/// Stores a follow (again: the newest Follow's id and inboxes win). Returns its row id.
pub async fn add_follower(tx: &mut Tx, f: &Follower) -> DbResult<i64> {
    let row: (i64,) = tx
        .fetch_one(
            "INSERT INTO fedi_followers (actor, follower, inbox, shared_inbox, host, follow_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (actor, follower) DO UPDATE SET inbox = excluded.inbox, \
             shared_inbox = excluded.shared_inbox, follow_id = excluded.follow_id \
             RETURNING id",
            &[
                f.actor.as_str().into(),
                f.follower.as_str().into(),
                f.inbox.as_str().into(),
                f.shared_inbox.as_str().into(),
                f.host.as_str().into(),
                f.follow_id.as_str().into(),
                f.created_at.into(),
            ],
        )
        .await?;
    Ok(row.0)
}

/// Ends a follow. Returns whether there was one.
pub async fn remove_follower(db: &Db, actor: &str, follower: &str) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let gone: Vec<(i64,)> = tx
        .fetch_all(
            "DELETE FROM fedi_followers WHERE actor = $1 AND follower = $2 RETURNING id",
            &[actor.into(), follower.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(!gone.is_empty())
}

pub async fn follower_by_id(db: &Db, id: i64) -> DbResult<Option<Follower>> {
    db.fetch_optional(&format!("SELECT {FOLLOWER} WHERE id = $1"), &[id.into()])
        .await
}

/// How many follow the actor.
pub async fn count_followers(db: &Db, actor: &str) -> DbResult<i64> {
    let row: (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM fedi_followers WHERE actor = $1",
            &[actor.into()],
        )
        .await?;
    Ok(row.0)
}

/// The followers of these actors on instances that are not blocked.
pub async fn followers_of(db: &Db, actors: &[String]) -> DbResult<Vec<Follower>> {
    if actors.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = Params::default();
    let list = p.push_list(actors.iter().map(String::as_str));
    db.fetch_all(
        &format!(
            "SELECT {FOLLOWER} WHERE actor IN ({list}) \
             AND host NOT IN (SELECT host FROM fedi_blocked_hosts) ORDER BY id"
        ),
        &p.values,
    )
    .await
}

/// Whether anyone follows any of these actors (decided in the writer's transaction).
pub async fn any_follower(tx: &mut Tx, actors: &[String]) -> DbResult<bool> {
    if actors.is_empty() {
        return Ok(false);
    }
    let mut p = Params::default();
    let list = p.push_list(actors.iter().map(String::as_str));
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            &format!("SELECT id FROM fedi_followers WHERE actor IN ({list}) LIMIT 1"),
            &p.values,
        )
        .await?;
    Ok(!rows.is_empty())
}

/// A cached public key of a remote actor: (owner, PEM, fetched at).
pub async fn remote_key(db: &Db, key_id: &str) -> DbResult<Option<(String, String, i64)>> {
    db.fetch_optional(
        "SELECT owner, public_pem, fetched_at FROM fedi_remote_keys WHERE key_id = $1",
        &[key_id.into()],
    )
    .await
}

pub async fn store_remote_key(
    db: &Db,
    key_id: &str,
    owner: &str,
    pem: &str,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO fedi_remote_keys (key_id, owner, public_pem, fetched_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key_id) DO UPDATE SET owner = excluded.owner, public_pem = excluded.public_pem, \
         fetched_at = excluded.fetched_at",
        &[key_id.into(), owner.into(), pem.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// Notes that `actor` told its followers about an event (`owner` or `announce`).
pub async fn mark_sent(tx: &mut Tx, event_id: i64, actor: &str, role: &str) -> DbResult<()> {
    tx.execute(
        "INSERT INTO fedi_sent (event_id, actor, role) VALUES ($1, $2, $3) \
         ON CONFLICT (event_id, actor) DO NOTHING",
        &[event_id.into(), actor.into(), role.into()],
    )
    .await
}

/// The actors that told about an event: (actor, role).
pub async fn sent(db: &Db, event_id: i64) -> DbResult<Vec<(String, String)>> {
    db.fetch_all(
        "SELECT actor, role FROM fedi_sent WHERE event_id = $1 ORDER BY role DESC, actor",
        &[event_id.into()],
    )
    .await
}

/// Whether a whole instance is blocked.
pub async fn is_blocked(db: &Db, host: &str) -> DbResult<bool> {
    let row: Option<(String,)> = db
        .fetch_optional(
            "SELECT host FROM fedi_blocked_hosts WHERE host = $1",
            &[host.into()],
        )
        .await?;
    Ok(row.is_some())
}

/// The published events an actor tells about, newest first, one page; and how many.
pub async fn outbox_events(
    db: &Db,
    actor: &crate::fediverse::ActorRef,
    limit: i64,
    offset: i64,
) -> DbResult<(Vec<i64>, i64)> {
    use crate::fediverse::ActorRef;
    let (join, cond, arg): (&str, &str, Option<super::Value>) = match actor {
        ActorRef::Portal => ("", "", None),
        ActorRef::Organization { id, .. } => (
            "JOIN event_organizers eo ON eo.event_id = e.id",
            "AND eo.organization_id = $1",
            Some((*id).into()),
        ),
        ActorRef::Sparte { slug, .. } => (
            "JOIN event_categories ec ON ec.event_id = e.id JOIN categories c ON c.id = ec.category_id",
            "AND c.slug = $1",
            Some(slug.as_str().into()),
        ),
    };
    let mut args: Vec<super::Value> = arg.into_iter().collect();
    let n = args.len();
    let total: (i64,) = db
        .fetch_one(
            &format!("SELECT COUNT(*) FROM events e {join} WHERE e.status = 'published' {cond}"),
            &args,
        )
        .await?;
    args.push(limit.into());
    args.push(offset.into());
    let ids: Vec<(i64,)> = db
        .fetch_all(
            &format!(
                "SELECT e.id FROM events e {join} WHERE e.status = 'published' {cond} \
                 ORDER BY e.id DESC LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2
            ),
            &args,
        )
        .await?;
    Ok((ids.into_iter().map(|r| r.0).collect(), total.0))
}

/// Figures for NodeInfo: (actors that are organisations, published events).
pub async fn usage(db: &Db) -> DbResult<(i64, i64)> {
    let orgs: (i64,) = db
        .fetch_one("SELECT COUNT(*) FROM organizations", &[])
        .await?;
    let events: (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM events WHERE status = 'published'",
            &[],
        )
        .await?;
    Ok((orgs.0, events.0))
}

/// One page of every actor's followers (for the moderators), by actor, instance and
/// address.
pub async fn all_followers(db: &Db, limit: i64, offset: i64) -> DbResult<Vec<Follower>> {
    db.fetch_all(
        &format!("SELECT {FOLLOWER} ORDER BY actor, host, follower, id LIMIT $1 OFFSET $2"),
        &[limit.into(), offset.into()],
    )
    .await
}

/// How many followers all actors have together.
pub async fn count_all_followers(db: &Db) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one("SELECT COUNT(*) FROM fedi_followers", &[])
        .await?;
    Ok(n)
}

/// A blocked instance: its host, the moderator's reason, since when.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BlockedHost {
    pub host: String,
    pub reason: String,
    pub created_at: i64,
}

pub async fn blocked_hosts(db: &Db) -> DbResult<Vec<BlockedHost>> {
    db.fetch_all(
        "SELECT host, reason, created_at FROM fedi_blocked_hosts ORDER BY host",
        &[],
    )
    .await
}

/// Removes one follower; returns the row that was removed.
pub async fn take_follower(tx: &mut Tx, id: i64) -> DbResult<Option<Follower>> {
    Ok(tx
        .fetch_all(
            &format!("DELETE FROM fedi_followers WHERE id = $1 RETURNING {FOLLOWER_COLUMNS}"),
            &[id.into()],
        )
        .await?
        .pop())
}

/// Blocks a whole instance (again: the newer reason wins) and removes its followers;
/// returns how many there were.
pub async fn block_host(tx: &mut Tx, host: &str, reason: &str, now: i64) -> DbResult<usize> {
    tx.execute(
        "INSERT INTO fedi_blocked_hosts (host, reason, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (host) DO UPDATE SET reason = excluded.reason",
        &[host.into(), reason.into(), now.into()],
    )
    .await?;
    let gone: Vec<(i64,)> = tx
        .fetch_all(
            "DELETE FROM fedi_followers WHERE host = $1 RETURNING id",
            &[host.into()],
        )
        .await?;
    Ok(gone.len())
}

/// Lifts the block of an instance. Returns whether it was blocked.
pub async fn unblock_host(tx: &mut Tx, host: &str) -> DbResult<bool> {
    let gone: Vec<(String,)> = tx
        .fetch_all(
            "DELETE FROM fedi_blocked_hosts WHERE host = $1 RETURNING host",
            &[host.into()],
        )
        .await?;
    Ok(!gone.is_empty())
}

/// Notes an inbound activity as taken; `false` when it was taken before.
pub async fn first_inbound(tx: &mut Tx, activity_id: &str, now: i64) -> DbResult<bool> {
    let rows: Vec<(String,)> = tx
        .fetch_all(
            "INSERT INTO fedi_inbound (activity_id, received_at) VALUES ($1, $2) \
             ON CONFLICT (activity_id) DO NOTHING RETURNING activity_id",
            &[activity_id.into(), now.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// What a reply answers: a published event's title and its first organiser (none: the
/// portal's), by the event's slug.
pub async fn event_for_reply(db: &Db, slug: &str) -> DbResult<Option<(String, Option<i64>)>> {
    db.fetch_optional(
        "SELECT e.title, (SELECT eo.organization_id FROM event_organizers eo \
           WHERE eo.event_id = e.id ORDER BY eo.position, eo.organization_id LIMIT 1) \
         FROM events e WHERE e.slug = $1 AND e.status = 'published'",
        &[slug.into()],
    )
    .await
}

/// A public magazine article's title and the organisation that proposed it, by slug.
pub async fn article_for_reply(
    db: &Db,
    slug: &str,
    now: i64,
) -> DbResult<Option<(String, Option<i64>)>> {
    db.fetch_optional(
        "SELECT title, guest_org FROM articles WHERE slug = $1 \
         AND state IN ('scheduled', 'published', 'corrected') AND publish_at <= $2",
        &[slug.into(), now.into()],
    )
    .await
}
