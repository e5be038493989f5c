//! Notifications of the magazine: the magazine's editors hear that an article waits for
//! review (every editor but its authors, who may not approve it); an article's authors
//! and the members of the organisations it portrays hear of a new reader's comment (not
//! its writer). One job per recipient, in their notification centre and by mail as they
//! chose for „Magazin“.

use super::{JobError, change_of, fan_out};
use crate::db::jobs::Job;
use crate::db::{articles, comments, users};
use crate::domain::change::{Change, ChangeKind};
use crate::i18n::Lang;
use crate::service::Services;
use crate::service::notify::{notify, page_url};

pub const CONSUMER: &str = "magazin";

/// The kind of notification (a member's mail setting).
pub const KIND: &str = "magazin";

/// Whether `kind` needs this consumer.
pub fn wanted(kind: ChangeKind) -> bool {
    matches!(
        kind,
        ChangeKind::ArticleSubmitted | ChangeKind::CommentPublished
    )
}

pub async fn run(svc: &Services, job: &Job) -> Result<(), JobError> {
    let change = change_of(svc, job).await?;
    if job.target.is_empty() {
        let targets = recipients(svc, &change).await?;
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
    let link = link(&change);
    let words = |lang: Lang| words(svc, &change, lang);
    notify(svc, Some(&key), u.id, &u.email, KIND, words, &link).await?;
    Ok(())
}

fn link(change: &Change) -> String {
    match change.kind {
        ChangeKind::ArticleSubmitted => format!("/redaktion/{}", change.subject),
        _ => format!(
            "/magazin/{}#kommentar-{}",
            change.facts.slug, change.subject
        ),
    }
}

fn words(svc: &Services, change: &Change, lang: Lang) -> (String, String) {
    let args = [("title", change.facts.title.as_str())];
    let (subject, text) = match change.kind {
        ChangeKind::ArticleSubmitted => (
            lang.t_args("notice-article-review-subject", &args),
            lang.t_args("notice-article-review-text", &args),
        ),
        _ => (
            lang.t_args("notice-comment-subject", &args),
            lang.t_args("notice-comment-text", &args),
        ),
    };
    let body = format!(
        "{}\n\n{text}\n\n{}\n\n{}\n",
        lang.t("mail-hello"),
        page_url(svc, lang, &link(change)),
        lang.t("notice-signature"),
    );
    (subject, body)
}

async fn recipients(svc: &Services, change: &Change) -> Result<Vec<String>, JobError> {
    let (article, except) = match change.kind {
        ChangeKind::ArticleSubmitted => (change.subject, None),
        _ => match comments::by_id(&svc.db, change.subject).await? {
            Some(c) => (c.article_id, c.user_id),
            None => return Ok(Vec::new()),
        },
    };
    let Some(a) = articles::by_id(&svc.db, article).await? else {
        return Ok(Vec::new());
    };
    let who = crate::service::articles::authorship(&svc.db, &a).await?;
    let mut ids: Vec<i64> = if change.kind == ChangeKind::ArticleSubmitted {
        articles::editors(&svc.db)
            .await?
            .into_iter()
            .filter(|e| !who.is_author(*e))
            .collect()
    } else {
        let mut ids: Vec<i64> = who.created_by.into_iter().collect();
        ids.extend(who.author_accounts.iter().copied());
        let orgs = comments::linked_organizations(&svc.db, a.id).await?;
        ids.extend(comments::members_of(&svc.db, &orgs).await?);
        ids
    };
    ids.retain(|id| Some(*id) != except);
    ids.sort_unstable();
    ids.dedup();
    Ok(ids.into_iter().map(|id| format!("user:{id}")).collect())
}
