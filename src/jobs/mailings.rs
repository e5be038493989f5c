//! Sending a mailing (weekly mails, reminders, a newsletter issue) as a resumable job:
//! recipients are claimed in batches with a lease, mails go out at most
//! [`Limits::per_minute`], and each recipient's mail is keyed in `mail_receipts`
//! (`mailing:{mailing}:{subscription}`), so a sender that stops or dies in the middle
//! — and the next one that takes over — sends every mail exactly once. (The one window
//! left is a crash between the SMTP server's „250 OK“ and the receipt's commit.)

use super::JobError;
use crate::db::jobs::Job;
use crate::db::{jobs, mailings, subscribers};
use crate::mail::Limits;
use crate::service::Services;
use crate::service::mailings::compose;
use std::time::{Duration, Instant};

pub const CONSUMER: &str = "mailing";

/// How long a claimed recipient stays with its sender.
const LEASE_SECONDS: i64 = 300;
/// A recipient whose mail failed this often is given up (the others go on).
const MAX_TRIES: i64 = 3;

/// Runs one sending job: works through the mailing's waiting recipients.
pub async fn run(svc: &Services, job: &Job) -> Result<(), JobError> {
    let mailing: i64 = job
        .target
        .strip_prefix("mailing:")
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| JobError::GiveUp(format!("bad target {}", job.target)))?;
    match send(svc, mailing, &svc.mail_limits).await? {
        Sent::Finished => Ok(()),
        Sent::Stopped => Err(JobError::Retry("stopped before the end".into())),
        Sent::Waiting => Err(JobError::Retry("some mails wait for another try".into())),
    }
}

/// How a run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// No recipient waits any more.
    Finished,
    /// [`Limits::stop_after`] was reached (the rest waits for the next run).
    Stopped,
    /// Mails that failed wait for another try later.
    Waiting,
}

/// Sends the waiting mails of `mailing`, batch by batch, paced to the rate limit.
pub async fn send(svc: &Services, mailing: i64, limits: &Limits) -> Result<Sent, JobError> {
    let Some(m) = mailings::by_id(&svc.db, mailing).await? else {
        return Err(JobError::GiveUp(format!("mailing {mailing} is gone")));
    };
    if m.kind == "newsletter" && !crate::service::newsletters::start(svc, &m).await? {
        // A draft again, due later (another job sends it then), or sent already.
        return Ok(Sent::Finished);
    }
    let started = Instant::now();
    let mut sent: u32 = 0;
    loop {
        let now = svc.now();
        let batch =
            mailings::claim(&svc.db, mailing, now, now + LEASE_SECONDS, limits.batch).await?;
        if batch.is_empty() {
            mailings::finish_mailing(&svc.db, mailing, svc.now()).await?;
            let (waiting, ..) = mailings::progress(&svc.db, mailing).await?;
            return Ok(if waiting > 0 {
                Sent::Waiting
            } else {
                Sent::Finished
            });
        }
        for (i, &subscription) in batch.iter().enumerate() {
            if svc.jobs.stopping() {
                // Shutdown: the recipients not yet mailed go back at once, the job too.
                mailings::unclaim(&svc.db, mailing, &batch[i..]).await?;
                return Err(JobError::Interrupted);
            }
            if limits
                .stop_after
                .is_some_and(|n| usize::try_from(sent).unwrap_or(usize::MAX) >= n)
            {
                return Ok(Sent::Stopped);
            }
            let key = format!("mailing:{mailing}:{subscription}");
            if jobs::mailed(&svc.db, &key).await? {
                // Sent by a run that died before it could say so.
                mailings::finish(&svc.db, mailing, subscription, "sent", "", svc.now()).await?;
                continue;
            }
            let Some(s) = subscribers::by_id(&svc.db, subscription).await? else {
                continue; // Deleted meanwhile: the row went with it.
            };
            if !s.is_active() {
                mailings::finish(&svc.db, mailing, subscription, "skipped", "", svc.now()).await?;
                continue;
            }
            let Some(mail) = compose(svc, &m, &s).await? else {
                subscribers::mailed_at(&svc.db, s.id, m.scheduled_at).await?;
                mailings::finish(&svc.db, mailing, subscription, "skipped", "", svc.now()).await?;
                continue;
            };
            pace(started, sent, limits.per_minute).await;
            match svc.mailer.send_mail(&mail.outgoing(&s.email)).await {
                Ok(()) => {
                    sent += 1;
                    subscribers::note_mailed(&svc.db, &key, s.id, &mail.subject, svc.now()).await?;
                    subscribers::mailed_at(&svc.db, s.id, m.scheduled_at).await?;
                    mailings::finish(&svc.db, mailing, subscription, "sent", "", svc.now()).await?;
                }
                Err(e) => {
                    let error = format!("{e:#}");
                    tracing::warn!(mailing, subscription, error = %error, "mail not sent");
                    let tries = mailings::attempts(&svc.db, mailing, subscription).await?;
                    if tries >= MAX_TRIES {
                        mailings::finish(
                            &svc.db,
                            mailing,
                            subscription,
                            "failed",
                            &error,
                            svc.now(),
                        )
                        .await?;
                    } else {
                        // The others first; this one again after a pause.
                        let later = svc.now() + 60 * tries;
                        mailings::release(&svc.db, mailing, subscription, &error, later).await?;
                    }
                }
            }
        }
    }
}

/// Waits until mail number `sent + 1` is allowed by the rate limit (real time, not the
/// portal's clock: the limit protects the mail server).
async fn pace(started: Instant, sent: u32, per_minute: u32) {
    if per_minute == 0 {
        return;
    }
    let due = Duration::from_secs(60) * sent / per_minute;
    let elapsed = started.elapsed();
    if due > elapsed {
        tokio::time::sleep(due - elapsed).await;
    }
}
