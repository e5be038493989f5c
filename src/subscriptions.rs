//! Subscribed calendars: fetched on a schedule (conditional requests, time and size
//! limits, private addresses refused — see [`crate::fetch`]) and imported like an uploaded
//! file, each subscription as its own source. The outcome is kept on the subscription,
//! where the organisation's people read it.

use crate::db::subscriptions::{self, Checked, SubscriptionRow};
use crate::domain::subscription::FetchStatus;
use crate::fetch::{self, FetchPolicy, Fetched};
use crate::import::{self, ImportError, Outcome, Summary};
use crate::service::{ServiceError, Services};
use chrono::{DateTime, Utc};

/// What one refresh did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refreshed {
    /// New data was imported.
    Imported(Summary),
    /// The server said 304 Not Modified.
    Unchanged,
    /// A problem, in German; nothing was imported.
    Failed(String),
}

/// The source name of a subscription's events (`feed:{id}:` + UID).
pub fn source(id: i64) -> String {
    format!("feed:{id}:")
}

/// Fetches and imports one subscription now and records the outcome.
pub async fn refresh(
    svc: &Services,
    policy: &FetchPolicy,
    sub: &SubscriptionRow,
    now: DateTime<Utc>,
) -> Result<Refreshed, ServiceError> {
    let db = &svc.db;
    let ts = now.timestamp();
    let fetched = fetch::get(
        policy,
        &sub.url,
        Some(sub.etag.as_str()),
        Some(sub.last_modified.as_str()),
    )
    .await;
    let (outcome, validators) = match fetched {
        Ok(Fetched::NotModified) => (Refreshed::Unchanged, None),
        Ok(Fetched::Body {
            bytes,
            etag,
            last_modified,
        }) => {
            match import::ical_from(
                svc,
                &bytes,
                &sub.organization_slug,
                &sub.fallback_category,
                &source(sub.id),
                now,
            )
            .await
            {
                Ok(outcomes) => {
                    let report = report(&outcomes);
                    let summary = Summary::of(&outcomes);
                    subscriptions::record(
                        db,
                        sub.id,
                        Checked {
                            status: FetchStatus::Ok,
                            report: &report,
                            validators: Some((
                                etag.as_deref().unwrap_or(""),
                                last_modified.as_deref().unwrap_or(""),
                            )),
                            succeeded: true,
                        },
                        ts,
                    )
                    .await?;
                    return Ok(Refreshed::Imported(summary));
                }
                Err(ImportError::Db(e)) => return Err(e.into()),
                Err(ImportError::Service(e)) => return Err(e),
                Err(e) => (Refreshed::Failed(e.to_string()), None),
            }
        }
        Err(e) => (Refreshed::Failed(e.to_string()), None),
    };
    let (status, report, succeeded) = match &outcome {
        Refreshed::Unchanged => (
            FetchStatus::Unchanged,
            "Seit dem letzten Abruf unverändert.".to_owned(),
            true,
        ),
        Refreshed::Failed(message) => (FetchStatus::Failed, message.clone(), false),
        Refreshed::Imported(_) => (FetchStatus::Ok, String::new(), true),
    };
    subscriptions::record(
        db,
        sub.id,
        Checked {
            status,
            report: &report,
            validators,
            succeeded,
        },
        ts,
    )
    .await?;
    Ok(outcome)
}

fn report(outcomes: &[Outcome]) -> String {
    let mut lines = vec![Summary::of(outcomes).text()];
    lines.extend(outcomes.iter().map(Outcome::line));
    lines.join("\n")
}

/// Refreshes every subscription not checked within `every_seconds` that this instance can
/// claim. Returns whether anything was imported.
pub async fn refresh_due(
    svc: &Services,
    policy: &FetchPolicy,
    now: DateTime<Utc>,
    every_seconds: i64,
) -> Result<bool, ServiceError> {
    let db = &svc.db;
    let since = now.timestamp() - every_seconds;
    let mut imported = false;
    for sub in subscriptions::due(db, since).await? {
        // At shutdown the rest waits for the next instance (nothing was claimed yet).
        if svc.jobs.stopping() {
            break;
        }
        if !subscriptions::claim(db, sub.id, now.timestamp(), since).await? {
            continue;
        }
        match refresh(svc, policy, &sub, now).await? {
            Refreshed::Imported(_) => imported = true,
            Refreshed::Failed(message) => {
                tracing::warn!(subscription = sub.id, url = %sub.url, %message, "calendar subscription failed");
            }
            Refreshed::Unchanged => {}
        }
    }
    Ok(imported)
}
