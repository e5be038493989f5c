//! Webhooks: an organisation's systems hear about public changes of its own events as
//! signed JSON, posted through the fetch guard (no private addresses unless the
//! operator allows them). The job for a change fans out into one job per webhook, so a
//! receiver that is down is retried alone.
//!
//! Each request carries `X-Kulturportal-Delivery` (the same on every retry, so receivers
//! can drop repeats), `X-Kulturportal-Event` (the change), `X-Kulturportal-Timestamp`
//! (Unix seconds) and `X-Kulturportal-Signature: sha256=<hex>`, the HMAC-SHA256 with the
//! webhook's secret over `{timestamp}.{body}`.

use super::{JobError, change_of, fan_out};
use crate::db::jobs::Job;
use crate::db::webhooks;
use crate::domain::change::Change;
use crate::service::Services;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const CONSUMER: &str = "webhooks";

/// The signature of a delivery: hex HMAC-SHA256 over `{timestamp}.{body}`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// The JSON a webhook receives for `change`.
pub fn payload(svc: &Services, delivery: &str, change: &Change, at: i64) -> serde_json::Value {
    let f = &change.facts;
    let url = (!f.slug.is_empty()).then(|| format!("{}/veranstaltungen/{}", svc.base_url, f.slug));
    serde_json::json!({
        "delivery": delivery,
        "type": change.kind.key(),
        "occurred_at": chrono::DateTime::from_timestamp(at, 0).map(|t| t.to_rfc3339()),
        "event": {
            "id": change.subject,
            "slug": f.slug,
            "title": f.title,
            "status": f.status,
            "url": url,
            "api": format!("{}/api/v1/events/{}", svc.base_url, change.subject),
        }
    })
}

/// Runs one job: the fan-out to the organisations' webhooks, or one delivery.
pub async fn run(svc: &Services, job: &Job) -> Result<(), JobError> {
    let recorded = change_of(svc, job).await?;
    if job.target.is_empty() {
        let hooks = webhooks::active_of(&svc.db, &recorded.facts.organizations).await?;
        let targets: Vec<String> = hooks.iter().map(|h| format!("hook:{}", h.id)).collect();
        return fan_out(svc, job, &targets).await;
    }
    let id: i64 = job
        .target
        .strip_prefix("hook:")
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| JobError::GiveUp(format!("bad target {}", job.target)))?;
    let Some(hook) = webhooks::by_id(&svc.db, id).await? else {
        return Ok(()); // Deleted with its organisation.
    };
    if hook.revoked_at.is_some() {
        return Ok(());
    }
    let delivery = format!("{}-{}", job.outbox_id.unwrap_or(0), hook.id);
    let created = crate::db::outbox::get(&svc.db, job.outbox_id.unwrap_or(0))
        .await?
        .map_or(svc.now(), |r| r.created_at);
    let body = payload(svc, &delivery, &recorded, created)
        .to_string()
        .into_bytes();
    let now = svc.now();
    let headers = [
        ("X-Kulturportal-Delivery", delivery.clone()),
        ("X-Kulturportal-Event", recorded.kind.key().to_owned()),
        ("X-Kulturportal-Timestamp", now.to_string()),
        (
            "X-Kulturportal-Signature",
            format!("sha256={}", signature(&hook.secret, now, &body)),
        ),
    ];
    match crate::fetch::post_json(&svc.fetch, &hook.url, &headers, body).await {
        Ok(status) => {
            webhooks::delivered(&svc.db, hook.id, &status.to_string(), now).await?;
            Ok(())
        }
        Err(e) => {
            webhooks::delivered(&svc.db, hook.id, &e.to_string(), now).await?;
            Err(JobError::Retry(e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_over_time_and_body() {
        // Computed independently: Python's hmac.new(b"geheim",
        // b'1796220000.{"type":"event.changed"}', hashlib.sha256).hexdigest()
        assert_eq!(
            signature("geheim", 1_796_220_000, br#"{"type":"event.changed"}"#),
            "b7009fd22406fbfa5330ced614183b5cbb0700a4d6eebdd2e0fe91c11634430e"
        );
        assert_ne!(
            signature("geheim", 1_796_220_001, br#"{"type":"event.changed"}"#),
            signature("geheim", 1_796_220_000, br#"{"type":"event.changed"}"#),
            "the time is part of what is signed"
        );
    }
}
