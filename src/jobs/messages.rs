//! Mail about messages from the fediverse: when a reply or mention reaches an
//! organisation's inbox in „Nachrichten“, its members hear of it (the moderators, when it
//! was written to the portal or a Sparte), in their notification centre and by mail as
//! they chose for „Neue Nachrichten“. One job per recipient.

use super::{JobError, change_of, fan_out};
use crate::db::jobs::Job;
use crate::db::{messages, users};
use crate::domain::change::{Change, ChangeKind};
use crate::i18n::Lang;
use crate::service::Services;
use crate::service::notify::{notify, page_url};

pub const CONSUMER: &str = "nachrichten";

/// The kind of notification (a member's mail setting).
const KIND: &str = "nachrichten";

/// Whether `kind` needs this consumer.
pub fn wanted(kind: ChangeKind) -> bool {
    kind == ChangeKind::RemoteMessage
}

pub async fn run(svc: &Services, job: &Job) -> Result<(), JobError> {
    let change = change_of(svc, job).await?;
    if job.target.is_empty() {
        // Nobody wrote it here: every member taking part is told (no author to skip).
        let targets: Vec<String> = messages::addresses_to_notify(&svc.db, change.subject, 0)
            .await?
            .into_iter()
            .map(|(id, _)| format!("user:{id}"))
            .collect();
        return fan_out(svc, job, &targets).await;
    }
    let user: i64 = job
        .target
        .strip_prefix("user:")
        .and_then(|u| u.parse().ok())
        .ok_or_else(|| JobError::GiveUp(format!("bad target {}", job.target)))?;
    let Some(u) = users::by_id(&svc.db, user).await? else {
        return Ok(()); // The account is gone.
    };
    let key = format!("{CONSUMER}:{}:{}", job.outbox_id.unwrap_or(0), job.target);
    let link = format!("/nachrichten/{}", change.subject);
    let words = |lang: Lang| words(svc, &change, lang, &link);
    notify(svc, Some(&key), u.id, &u.email, KIND, words, &link).await?;
    Ok(())
}

fn words(svc: &Services, change: &Change, lang: Lang, link: &str) -> (String, String) {
    let args = [("subject", change.facts.title.as_str())];
    let body = format!(
        "{}\n\n{}\n\n{}\n{}\n",
        lang.t("mail-hello"),
        lang.t_args("mail-fedi-message-text", &args),
        lang.t("mail-fedi-message-read"),
        page_url(svc, lang, link),
    );
    (lang.t_args("mail-message-subject", &args), body)
}
