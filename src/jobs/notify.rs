//! Notifications about events: moderators hear that an event waits for review; whoever
//! wrote an event hears that moderation approved or refused it (a member in their centre
//! and by mail as they chose, an anonymous submitter by mail). The job for a change fans
//! out into one job per recipient; each writes its words in the recipient's language.

use super::{JobError, change_of, fan_out};
use crate::db::jobs::Job;
use crate::db::{event_writes, users};
use crate::domain::account::Email;
use crate::domain::change::{Change, ChangeKind};
use crate::i18n::Lang;
use crate::service::Services;
use crate::service::notify::{lang_of, mail_once, notify, page_url};

pub const CONSUMER: &str = "notify";

/// Runs one job: the fan-out (no target) or the notice to one recipient.
pub async fn run(svc: &Services, job: &Job) -> Result<(), JobError> {
    let change = change_of(svc, job).await?;
    if job.target.is_empty() {
        let targets = recipients(svc, &change).await?;
        return fan_out(svc, job, &targets).await;
    }
    let key = format!("{CONSUMER}:{}:{}", job.outbox_id.unwrap_or(0), job.target);
    if let Some(user) = job.target.strip_prefix("user:") {
        let user: i64 = user
            .parse()
            .map_err(|_| JobError::GiveUp(format!("bad target {}", job.target)))?;
        let Some(u) = users::by_id(&svc.db, user).await? else {
            return Ok(()); // The account is gone; nobody to tell.
        };
        let (kind, link) = topic(&change);
        let words = |lang: Lang| words(svc, &change, lang, kind == "moderation");
        notify(svc, Some(&key), u.id, &u.email, kind, words, &link).await?;
    } else if let Some(address) = job.target.strip_prefix("mail:") {
        let lang = match Email::parse(address) {
            Some(a) => users::by_email(&svc.db, &a)
                .await?
                .map_or(Lang::De, |u| lang_of(&u.lang)),
            None => return Err(JobError::GiveUp(format!("bad address {address}"))),
        };
        let (subject, body) = words(svc, &change, lang, false);
        mail_once(svc, Some(&key), address, &subject, &body).await?;
    } else {
        return Err(JobError::GiveUp(format!("bad target {}", job.target)));
    }
    Ok(())
}

/// Who hears about `change`: every moderator of a new submission; the writer of an
/// approved or refused event (its account, else the address it was suggested with).
async fn recipients(svc: &Services, change: &Change) -> Result<Vec<String>, JobError> {
    if change.kind == ChangeKind::EventSubmitted {
        return Ok(users::moderators(&svc.db)
            .await?
            .iter()
            .map(|m| format!("user:{}", m.id))
            .collect());
    }
    let Some(e) = event_writes::editable(&svc.db, change.subject).await? else {
        return Ok(Vec::new());
    };
    if !e.submitter.email.is_empty() {
        return Ok(vec![format!("mail:{}", e.submitter.email)]);
    }
    Ok(event_writes::created_by(&svc.db, change.subject)
        .await?
        .map(|u| format!("user:{u}"))
        .into_iter()
        .collect())
}

/// The kind of notice (for the member's mail settings) and the page it links to.
fn topic(change: &Change) -> (&'static str, String) {
    match change.kind {
        ChangeKind::EventSubmitted => ("moderation", "/moderation#warteschlange".to_owned()),
        ChangeKind::EventRejected => (
            "entscheidungen",
            format!("/mein-bereich/veranstaltungen/{}", change.subject),
        ),
        _ => (
            "entscheidungen",
            format!("/veranstaltungen/{}", change.facts.slug),
        ),
    }
}

/// Subject and text of the notice in `lang`.
fn words(svc: &Services, change: &Change, lang: Lang, to_moderator: bool) -> (String, String) {
    let f = &change.facts;
    let args = [("title", f.title.as_str())];
    let (_, link) = topic(change);
    match change.kind {
        ChangeKind::EventSubmitted => {
            let text = lang.t_args("notice-review-text", &args);
            let body = if to_moderator {
                format!(
                    "{}\n\n{text}\n\n{}\n{}\n",
                    lang.t("mail-hello"),
                    lang.t("mail-to-moderation"),
                    page_url(svc, lang, &link)
                )
            } else {
                text
            };
            (lang.t_args("notice-review-subject", &args), body)
        }
        ChangeKind::EventRejected => (
            lang.t_args("notice-event-refused-subject", &args),
            format!(
                "{}\n\n{}\n\n{}\n\n{}\n\n{}\n",
                lang.t("mail-hello"),
                lang.t_args("notice-event-refused", &args),
                f.reason,
                lang.t("notice-event-refused-resubmit"),
                lang.t("notice-signature"),
            ),
        ),
        _ => (
            lang.t_args("notice-event-approved-subject", &args),
            format!(
                "{}\n\n{}\n\n{}\n\n{}\n{}\n",
                lang.t("mail-hello"),
                lang.t_args("notice-event-approved", &args),
                page_url(svc, lang, &link),
                lang.t("notice-thanks"),
                lang.t("notice-signature"),
            ),
        ),
    }
}
