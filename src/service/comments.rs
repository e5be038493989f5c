//! Readers' comments, the one write path: writing (a member at once or held; a visitor
//! after confirming the address by the mailed link), confirming, reporting, moderation's
//! approval and removal (each with its audit-log row), and deletion by the writer's link.
//! A comment that becomes public records `comment.published` (its article's authors and
//! organisations are told, see `jobs::magazine`); every other change `comment.changed`.

use super::events::record;
use super::{ServiceError, Services};
use crate::db::articles::ArticleRow;
use crate::db::comments::{self, NewComment};
use crate::db::users::audit;
use crate::db::{self, Tx};
use crate::domain::account::Email;
use crate::domain::change::{Change, ChangeKind, EventFacts};
use crate::domain::magazine::comments::{self as rules, CommentState, HELD_FIRST};
use crate::domain::permissions::Actor;
use crate::i18n::Lang;

/// Who writes a comment.
pub enum Commenter<'a> {
    Member(&'a Actor),
    Visitor { name: &'a str, email: &'a Email },
}

/// Why a comment was not taken.
#[derive(Debug, thiserror::Error)]
pub enum CommentError {
    /// The comment answered is not a published top-level comment of this article.
    #[error("no such comment to answer")]
    Parent,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<db::DbError> for CommentError {
    fn from(e: db::DbError) -> CommentError {
        CommentError::Service(ServiceError::Db(e))
    }
}

/// What became of a written comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub id: i64,
    pub state: CommentState,
    /// A visitor's secret link (to be mailed: [`mail_link`]).
    pub link: Option<String>,
}

async fn changed(
    tx: &mut Tx,
    kind: ChangeKind,
    id: i64,
    title: &str,
    slug: &str,
    now: i64,
) -> Result<(), ServiceError> {
    let facts = EventFacts {
        title: title.to_owned(),
        slug: slug.to_owned(),
        ..EventFacts::default()
    };
    record(tx, &Change::event(kind, id, facts), now).await?;
    Ok(())
}

/// Writes a comment under `article` (open for comments: the caller checked). A member's
/// first comment waits for moderation, later ones appear at once (the magazine's editors
/// and moderators always); a visitor's waits for the confirmation of the address by the
/// link returned (see [`mail_link`]).
pub async fn write(
    svc: &Services,
    article: &ArticleRow,
    who: &Commenter<'_>,
    body: &str,
    parent: Option<i64>,
) -> Result<Written, CommentError> {
    if let Some(p) = parent {
        let ok = comments::by_id(&svc.db, p).await?.is_some_and(|c| {
            c.article_id == article.id
                && c.parent_id.is_none()
                && c.state == CommentState::Published
        });
        if !ok {
            return Err(CommentError::Parent);
        }
    }
    let orgs = comments::linked_organizations(&svc.db, article.id).await?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let (state, token, held_for) = match who {
        Commenter::Member(actor) => {
            let trusted = actor.can_edit_magazine() || actor.is_moderator();
            let known = comments::member_is_known(&mut tx, actor.user_id).await?;
            let state = rules::state_on_arrival(trusted, known);
            let held = if state == CommentState::Held {
                HELD_FIRST
            } else {
                ""
            };
            (state, None, held)
        }
        Commenter::Visitor { .. } => (
            CommentState::Unconfirmed,
            Some(crate::auth::new_token()),
            "",
        ),
    };
    let (name, email, user_id, editorial, answering_org) = match who {
        Commenter::Member(actor) => (
            "",
            "",
            Some(actor.user_id),
            actor.can_edit_magazine(),
            orgs.iter().copied().find(|o| actor.role_in(*o).is_some()),
        ),
        Commenter::Visitor { name, email } => (*name, email.as_str(), None, false, None),
    };
    let id = comments::insert(
        &mut tx,
        &NewComment {
            article_id: article.id,
            parent_id: parent,
            user_id,
            name,
            email,
            body,
            state,
            held_for,
            editorial,
            answering_org,
            token_hash: token.as_ref().map_or("", |(_, hash)| hash.as_str()),
        },
        now,
    )
    .await?;
    if state == CommentState::Published {
        changed(
            &mut tx,
            ChangeKind::CommentPublished,
            id,
            &article.title,
            &article.slug,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    svc.committed().await?;
    Ok(Written {
        id,
        state,
        link: token.map(|(token, _)| token),
    })
}

/// Mails a visitor the link that confirms the address (and deletes the comment later).
pub async fn mail_link(
    svc: &Services,
    article: &ArticleRow,
    email: &Email,
    link: &str,
    lang: Lang,
) {
    let url = super::notify::page_url(svc, lang, &format!("/magazin/kommentar/{link}"));
    let text = format!(
        "{}\n\n{}\n\n{url}\n\n{}\n",
        lang.t("mail-hello"),
        lang.t_args("comment-mail-text", &[("title", article.title.as_str())]),
        lang.t("comment-mail-ignore"),
    );
    if let Err(e) = svc
        .mailer
        .send(email.as_str(), &lang.t("comment-mail-subject"), &text)
        .await
    {
        tracing::warn!(error = %format!("{e:#}"), "comment confirmation mail not sent");
    }
}

/// The visitor confirms the address by the mailed link: the comment appears when the
/// address has a published comment already, else it waits for moderation. `None` when
/// the link is unknown; a confirmed comment stays as it is.
pub async fn confirm(svc: &Services, token: &str) -> Result<Option<Written>, ServiceError> {
    let Some(c) = comments::by_token(&svc.db, &crate::auth::token_hash(token)).await? else {
        return Ok(None);
    };
    if c.state != CommentState::Unconfirmed {
        return Ok(Some(Written {
            id: c.id,
            state: c.state,
            link: None,
        }));
    }
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let known = comments::address_is_known(&mut tx, c.id).await?;
    let state = rules::state_on_arrival(false, known);
    let held = if state == CommentState::Held {
        HELD_FIRST
    } else {
        ""
    };
    if comments::set_state(
        &mut tx,
        c.id,
        &[CommentState::Unconfirmed],
        state,
        held,
        now,
    )
    .await?
        && state == CommentState::Published
    {
        changed(
            &mut tx,
            ChangeKind::CommentPublished,
            c.id,
            &c.article_title,
            &c.article_slug,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    svc.committed().await?;
    Ok(Some(Written {
        id: c.id,
        state,
        link: None,
    }))
}

/// The visitor deletes their comment by the mailed link. Returns the article's slug.
pub async fn delete_by_link(svc: &Services, token: &str) -> Result<Option<String>, ServiceError> {
    let Some(c) = comments::by_token(&svc.db, &crate::auth::token_hash(token)).await? else {
        return Ok(None);
    };
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    comments::erase(&mut tx, c.id).await?;
    audit(
        &mut tx,
        now,
        None,
        "comment.deleted",
        ("comment", c.id),
        "{}",
    )
    .await?;
    changed(
        &mut tx,
        ChangeKind::CommentChanged,
        c.id,
        &c.article_title,
        &c.article_slug,
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed().await?;
    Ok(Some(c.article_slug))
}

/// Someone reports a comment: a published one that no moderator kept after an earlier
/// report goes back to the queue (and off the page). Returns whether the comment exists.
pub async fn report(svc: &Services, id: i64, reason: &str) -> Result<bool, ServiceError> {
    let Some(c) = comments::by_id(&svc.db, id).await? else {
        return Ok(false);
    };
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    if comments::report(&mut tx, id, reason).await? {
        changed(
            &mut tx,
            ChangeKind::CommentChanged,
            id,
            &c.article_title,
            &c.article_slug,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    svc.committed().await?;
    Ok(true)
}

/// A moderator's decision on a held comment: approve (public; a reported one is kept
/// from then on) or remove. Returns whether there was such a comment to decide.
pub async fn decide(
    svc: &Services,
    actor: &Actor,
    id: i64,
    approve: bool,
) -> Result<bool, ServiceError> {
    let Some(c) = comments::by_id(&svc.db, id).await? else {
        return Ok(false);
    };
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let (state, from, action): (_, &[CommentState], _) = if approve {
        (
            CommentState::Published,
            &[CommentState::Held],
            "comment.approved",
        )
    } else {
        (
            CommentState::Removed,
            &[CommentState::Held, CommentState::Published],
            "comment.removed",
        )
    };
    if !comments::set_state(&mut tx, id, from, state, "", now).await? {
        return Ok(false);
    }
    if approve && c.held_for == rules::HELD_REPORTED {
        comments::keep(&mut tx, id).await?;
    }
    let details = serde_json::json!({ "reason": c.report_reason }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor.user_id),
        action,
        ("comment", id),
        &details,
    )
    .await?;
    // Told once: when it is public for the first time.
    let kind = if approve && c.published_at.is_none() {
        ChangeKind::CommentPublished
    } else {
        ChangeKind::CommentChanged
    };
    changed(&mut tx, kind, id, &c.article_title, &c.article_slug, now).await?;
    tx.commit().await?;
    svc.committed().await?;
    Ok(true)
}
