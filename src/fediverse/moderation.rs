//! What moderators do about the fediverse: remove a follower (its server is told with a
//! `Reject` of the follow, queued as a delivery), block a whole instance (its followers
//! go, nothing is taken from it or sent to it) and lift the block. Each action and its
//! audit-log row share one transaction; the log names the follower or instance and the
//! reason in its facts (`name`, `reason`).

use crate::db::{self, fediverse::Follower};
use crate::service::{ServiceError, Services};

/// The longest reason kept.
pub const MAX_REASON: usize = 500;

/// The job that tells a removed follower's server: the actor, inbox, follower and the
/// id of their Follow, as JSON after `reject|`.
pub fn reject_target(f: &Follower) -> String {
    let facts = serde_json::json!([f.actor, f.inbox, f.follower, f.follow_id]);
    format!("reject|{facts}")
}

/// The parts of a `reject|…` target: (actor key, inbox, follower, follow id).
pub fn parse_reject(target: &str) -> Option<(String, String, String, String)> {
    let facts: Vec<String> = serde_json::from_str(target.strip_prefix("reject|")?).ok()?;
    match <[String; 4]>::try_from(facts) {
        Ok([actor, inbox, follower, follow]) => Some((actor, inbox, follower, follow)),
        Err(_) => None,
    }
}

fn facts(name: &str, reason: &str) -> String {
    serde_json::json!({ "name": name, "reason": reason }).to_string()
}

/// Removes follower `id` and queues the `Reject`. Returns whether there was one.
pub async fn remove_follower(
    svc: &Services,
    id: i64,
    moderator: i64,
) -> Result<bool, ServiceError> {
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let Some(f) = db::fediverse::take_follower(&mut tx, id).await? else {
        return Ok(false);
    };
    db::users::audit(
        &mut tx,
        now,
        Some(moderator),
        "fediverse.follower_removed",
        ("fediverse", f.id),
        &facts(&f.follower, ""),
    )
    .await?;
    db::jobs::fan_out(
        &mut tx,
        None,
        crate::jobs::fediverse::CONSUMER,
        &reject_target(&f),
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed().await?;
    Ok(true)
}

/// Blocks the instance `host`; returns how many of its accounts followed.
pub async fn block(
    svc: &Services,
    host: &str,
    reason: &str,
    moderator: i64,
) -> Result<usize, ServiceError> {
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let removed = db::fediverse::block_host(&mut tx, host, reason, now).await?;
    db::users::audit(
        &mut tx,
        now,
        Some(moderator),
        "fediverse.host_blocked",
        ("fediverse", 0),
        &facts(host, reason),
    )
    .await?;
    tx.commit().await?;
    Ok(removed)
}

/// Lifts the block of `host`. Returns whether it was blocked.
pub async fn unblock(svc: &Services, host: &str, moderator: i64) -> Result<bool, ServiceError> {
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let was = db::fediverse::unblock_host(&mut tx, host).await?;
    if was {
        db::users::audit(
            &mut tx,
            now,
            Some(moderator),
            "fediverse.host_unblocked",
            ("fediverse", 0),
            &facts(host, ""),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(was)
}

/// The instance a moderator means: a host (`social.example`, with a port), an address on
/// it (`https://social.example/@anna`) or a handle (`@anna@social.example`); lower case.
pub fn instance_host(input: &str) -> Option<String> {
    let input = input.trim();
    let host = if input.contains("://") {
        super::remote_host(input)
    } else {
        let bare = input.trim_start_matches('@');
        bare.rsplit_once('@')
            .map_or(bare, |(_, h)| h)
            .trim_end_matches('/')
            .to_ascii_lowercase()
    };
    let ok = !host.is_empty()
        && host.len() <= 253
        && host.contains(['.', ':'])
        && !host.starts_with(['.', '-', ':'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    ok.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instances_are_named_by_host_address_or_handle() {
        for input in [
            "social.example",
            " Social.Example ",
            "https://social.example/@anna",
            "@anna@social.example",
            "anna@social.example",
        ] {
            assert_eq!(
                instance_host(input).as_deref(),
                Some("social.example"),
                "{input}"
            );
        }
        assert_eq!(
            instance_host("http://127.0.0.1:8080/users/x").as_deref(),
            Some("127.0.0.1:8080")
        );
        for bad in [
            "",
            "localhost",
            "bad host.example",
            "<b>.example",
            "a\0.example",
        ] {
            assert_eq!(instance_host(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reject_targets_survive_any_address() {
        let f = Follower {
            id: 1,
            actor: "organization:3".into(),
            follower: "https://social.example/users/a|b".into(),
            inbox: "https://social.example/inbox".into(),
            shared_inbox: String::new(),
            host: "social.example".into(),
            follow_id: "https://social.example/f/1".into(),
            created_at: 0,
        };
        assert_eq!(
            parse_reject(&reject_target(&f)),
            Some((
                "organization:3".into(),
                "https://social.example/inbox".into(),
                "https://social.example/users/a|b".into(),
                "https://social.example/f/1".into()
            ))
        );
        assert_eq!(parse_reject("reject|[1]"), None);
    }
}
