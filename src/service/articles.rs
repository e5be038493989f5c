//! The magazine's one write path: writing and changing articles (every save a version),
//! the editorial workflow (review, approval by someone else, scheduling, correction,
//! withdrawal) and publishing what is due — each with its audit-log row and its outbox
//! record (`article.submitted`, `article.scheduled`, `article.published`,
//! `article.corrected`, `article.withdrawn`) in the same transaction.

use super::events::record;
use super::{ServiceError, Services};
use crate::db::articles::{self, ArticleRow, NewArticle, Texts};
use crate::db::users::audit;
use crate::db::{self, Tx};
use crate::domain::account::{FieldErrors, Message};
use crate::domain::change::{Change, ChangeKind, EventFacts};
use crate::domain::magazine::body::{self, CardKind};
use crate::domain::magazine::form::ArticleDraft;
use crate::domain::magazine::{self as rules, ArticleState, Authorship, Refusal};
use crate::domain::permissions::Actor;
use crate::domain::slug::Slug;

#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("invalid fields")]
    Fields(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<db::DbError> for ArticleError {
    fn from(e: db::DbError) -> ArticleError {
        ArticleError::Service(ServiceError::Db(e))
    }
}

impl From<Refusal> for ArticleError {
    fn from(r: Refusal) -> ArticleError {
        ArticleError::Refused(r)
    }
}

/// Who writes: the person's permissions and the name they write under.
pub struct Writer<'a> {
    pub actor: &'a Actor,
    pub name: &'a str,
}

fn field_error(field: &'static str, message: Message) -> ArticleError {
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    ArticleError::Fields(errors)
}

fn facts(a: &ArticleRow, state: ArticleState) -> EventFacts {
    EventFacts {
        title: a.title.clone(),
        slug: a.slug.clone(),
        status: state.key().to_owned(),
        ..EventFacts::default()
    }
}

async fn change(
    tx: &mut Tx,
    kind: ChangeKind,
    a: &ArticleRow,
    state: ArticleState,
    now: i64,
) -> Result<(), ServiceError> {
    record(tx, &Change::event(kind, a.id, facts(a, state)), now).await?;
    Ok(())
}

/// The authorship of a stored article, as the rules see it.
pub async fn authorship(db: &db::Db, a: &ArticleRow) -> Result<Authorship, db::DbError> {
    let authors = articles::authors_of(db, &[a.id]).await?;
    Ok(Authorship {
        created_by: a.created_by,
        author_accounts: authors
            .into_iter()
            .filter_map(|(_, au)| au.user_id)
            .collect(),
        guest_org: a.guest_org,
    })
}

/// What a draft refers to, resolved: the Sparte's id and the linked events, venues and
/// organisations (cards in either language's body, and the proposing organisation).
struct Resolved {
    category_id: Option<i64>,
    links: Vec<(&'static str, i64)>,
}

async fn resolve(svc: &Services, draft: &ArticleDraft) -> Result<Resolved, ArticleError> {
    let category_id = match &draft.sparte {
        None => None,
        Some(slug) => {
            let id = articles::category_id(&svc.db, slug.as_str()).await?;
            Some(id.ok_or_else(|| field_error("sparte", Message::new("magazine-sparte-unknown")))?)
        }
    };
    let mut links: Vec<(&'static str, i64)> = Vec::new();
    for (field, text) in [("body", &draft.body), ("body_en", &draft.body_en)] {
        for (kind, slug) in body::cards(text) {
            let id = match kind {
                CardKind::Event => {
                    db::event_details::published_id_by_slug(&svc.db, slug.as_str()).await?
                }
                CardKind::Venue => db::venues::by_slug(&svc.db, slug.as_str())
                    .await?
                    .map(|v| v.id),
                CardKind::Organization => db::organizations::by_slug(&svc.db, slug.as_str())
                    .await?
                    .map(|o| o.id),
            };
            let Some(id) = id else {
                return Err(field_error(
                    field,
                    Message::new("magazine-card-unknown").with("slug", slug.as_str()),
                ));
            };
            if !links.contains(&(kind.key(), id)) {
                links.push((kind.key(), id));
            }
        }
    }
    if let Some(org) = draft.guest_org
        && !links.contains(&("organization", org))
    {
        links.push(("organization", org));
    }
    Ok(Resolved { category_id, links })
}

fn texts(d: &ArticleDraft) -> Texts<'_> {
    Texts {
        title: &d.title,
        title_en: &d.title_en,
        lead: &d.lead,
        lead_en: &d.lead_en,
        body: &d.body,
        body_en: &d.body_en,
    }
}

async fn free_slug(svc: &Services, title: &str) -> Result<String, ArticleError> {
    let base = Slug::from_title(title);
    let base = if base.as_str().is_empty() {
        "artikel".to_owned()
    } else {
        base.as_str().to_owned()
    };
    for n in 1..100 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if !articles::slug_taken(&svc.db, &candidate).await? {
            return Ok(candidate);
        }
    }
    Err(field_error("title", Message::new("magazine-title-taken")))
}

async fn set_authors(
    tx: &mut Tx,
    id: i64,
    writer: &Writer<'_>,
    names: &[String],
) -> Result<(), ServiceError> {
    let mut ids = Vec::new();
    for name in names {
        let slug = Slug::from_title(name);
        let account = (name == writer.name).then_some(writer.actor.user_id);
        ids.push(articles::author_id(tx, slug.as_str(), name, account).await?);
    }
    articles::set_authors(tx, id, &ids).await?;
    Ok(())
}

/// A version about to be kept.
struct Saved {
    id: i64,
    version: i64,
    state: ArticleState,
}

/// What every save writes besides the article's row: the version, the authors, the
/// links, and the audit-log row.
async fn keep(
    tx: &mut Tx,
    saved: &Saved,
    writer: &Writer<'_>,
    draft: &ArticleDraft,
    resolved: &Resolved,
    now: i64,
) -> Result<(), ServiceError> {
    let by = Some(writer.actor.user_id);
    articles::add_version(
        tx,
        saved.id,
        saved.version,
        saved.state,
        &texts(draft),
        by,
        &draft.note,
        now,
    )
    .await?;
    set_authors(tx, saved.id, writer, &draft.authors).await?;
    articles::set_links(tx, saved.id, &resolved.links).await?;
    let details = serde_json::json!({ "version": saved.version }).to_string();
    audit(
        tx,
        now,
        by,
        "article.saved",
        ("article", saved.id),
        &details,
    )
    .await?;
    Ok(())
}

/// Writes a new article (a draft, version 1). Magazine editors write any rubric; members
/// of organisations propose guest articles.
pub async fn create(
    svc: &Services,
    writer: &Writer<'_>,
    draft: &ArticleDraft,
) -> Result<ArticleRow, ArticleError> {
    if !rules::may_write(writer.actor) {
        return Err(Refusal::NotAllowed.into());
    }
    let resolved = resolve(svc, draft).await?;
    let slug = free_slug(svc, &draft.title).await?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let id = articles::insert(
        &mut tx,
        &NewArticle {
            slug: &slug,
            rubric: draft.rubric,
            category_id: resolved.category_id,
            guest_org: draft.guest_org,
            created_by: Some(writer.actor.user_id),
            texts: texts(draft),
        },
        now,
    )
    .await?;
    let saved = Saved {
        id,
        version: 1,
        state: ArticleState::Draft,
    };
    keep(&mut tx, &saved, writer, draft, &resolved, now).await?;
    tx.commit().await?;
    articles::by_id(&svc.db, id)
        .await?
        .ok_or(ArticleError::NotFound)
}

/// Saves new texts as the next version. Unpublished articles change freely (by their
/// writers and the editors); a public one only by the editors, with a correction note
/// that is shown with its date.
pub async fn update(
    svc: &Services,
    writer: &Writer<'_>,
    id: i64,
    draft: &ArticleDraft,
) -> Result<ArticleRow, ArticleError> {
    let before = articles::by_id(&svc.db, id)
        .await?
        .ok_or(ArticleError::NotFound)?;
    let who = authorship(&svc.db, &before).await?;
    let now = svc.now();
    let public = before.is_public(now);
    let state = if before.state.is_unpublished() {
        if !rules::may_edit(writer.actor, &who) {
            return Err(Refusal::NotAllowed.into());
        }
        before.state
    } else {
        rules::correct(writer.actor, before.state)?;
        if public {
            if draft.note.is_empty() {
                return Err(field_error("note", Message::new("magazine-note-missing")));
            }
            ArticleState::Corrected
        } else {
            before.state
        }
    };
    let resolved = resolve(svc, draft).await?;
    let mut tx = svc.db.begin().await?;
    let version = articles::update_texts(
        &mut tx,
        id,
        draft.rubric,
        resolved.category_id,
        draft.guest_org.or(before.guest_org),
        state,
        &texts(draft),
        now,
    )
    .await?;
    let saved = Saved { id, version, state };
    keep(&mut tx, &saved, writer, draft, &resolved, now).await?;
    if state == ArticleState::Corrected && public {
        articles::set_correction(&mut tx, id, &draft.note, now).await?;
        change(&mut tx, ChangeKind::ArticleCorrected, &before, state, now).await?;
    }
    tx.commit().await?;
    svc.committed().await?;
    articles::by_id(&svc.db, id)
        .await?
        .ok_or(ArticleError::NotFound)
}

async fn load(svc: &Services, id: i64) -> Result<(ArticleRow, Authorship), ArticleError> {
    let a = articles::by_id(&svc.db, id)
        .await?
        .ok_or(ArticleError::NotFound)?;
    let who = authorship(&svc.db, &a).await?;
    Ok((a, who))
}

/// A draft goes to review.
pub async fn submit(svc: &Services, actor: &Actor, id: i64) -> Result<ArticleRow, ArticleError> {
    let (a, who) = load(svc, id).await?;
    rules::submit(actor, &who, a.state)?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    articles::set_state(&mut tx, id, ArticleState::InReview, now).await?;
    audit(
        &mut tx,
        now,
        Some(actor.user_id),
        "article.submitted",
        ("article", id),
        "{}",
    )
    .await?;
    change(
        &mut tx,
        ChangeKind::ArticleSubmitted,
        &a,
        ArticleState::InReview,
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed().await?;
    Ok(a)
}

/// An editor who is not one of its authors approves an article in review; it is public
/// from `publish_at` on (now when not given).
pub async fn approve(
    svc: &Services,
    actor: &Actor,
    id: i64,
    publish_at: Option<i64>,
) -> Result<ArticleRow, ArticleError> {
    let (a, who) = load(svc, id).await?;
    rules::approve(actor, &who, a.state)?;
    let now = svc.now();
    let at = publish_at.unwrap_or(now);
    let mut tx = svc.db.begin().await?;
    articles::schedule(&mut tx, id, actor.user_id, at, now).await?;
    audit(
        &mut tx,
        now,
        Some(actor.user_id),
        "article.approved",
        ("article", id),
        &serde_json::json!({ "publish_at": at }).to_string(),
    )
    .await?;
    change(
        &mut tx,
        ChangeKind::ArticleScheduled,
        &a,
        ArticleState::Scheduled,
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed().await?;
    if at <= now {
        publish_due(svc).await?;
    }
    Ok(a)
}

/// An editor sends an article in review back to its writers.
pub async fn send_back(
    svc: &Services,
    actor: &Actor,
    id: i64,
    note: &str,
) -> Result<ArticleRow, ArticleError> {
    let (a, _) = load(svc, id).await?;
    rules::return_to_draft(actor, a.state)?;
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    articles::set_state(&mut tx, id, ArticleState::Draft, now).await?;
    audit(
        &mut tx,
        now,
        Some(actor.user_id),
        "article.sent_back",
        ("article", id),
        &serde_json::json!({ "note": note }).to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(a)
}

/// An editor withdraws an approved article; its address then says so (410).
pub async fn withdraw(
    svc: &Services,
    actor: &Actor,
    id: i64,
    reason: &str,
) -> Result<ArticleRow, ArticleError> {
    let (a, _) = load(svc, id).await?;
    rules::withdraw(actor, a.state)?;
    if reason.trim().is_empty() || reason.chars().count() > 600 {
        return Err(field_error(
            "reason",
            Message::new("magazine-reason-missing"),
        ));
    }
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    articles::set_withdrawn(&mut tx, id, reason.trim(), now).await?;
    audit(
        &mut tx,
        now,
        Some(actor.user_id),
        "article.withdrawn",
        ("article", id),
        &serde_json::json!({ "reason": reason.trim() }).to_string(),
    )
    .await?;
    change(
        &mut tx,
        ChangeKind::ArticleWithdrawn,
        &a,
        ArticleState::Withdrawn,
        now,
    )
    .await?;
    tx.commit().await?;
    svc.committed().await?;
    Ok(a)
}

/// Scheduled articles whose time has come are marked published and announced
/// (`article.published`). Visibility does not wait for this: the public pages apply the
/// time rule themselves, so an article is public exactly from its time on.
pub async fn publish_due(svc: &Services) -> Result<usize, ServiceError> {
    let now = svc.now();
    let mut tx = svc.db.begin().await?;
    let due = articles::publish_due(&mut tx, now).await?;
    for (id, slug, title) in &due {
        let facts = EventFacts {
            title: title.clone(),
            slug: slug.clone(),
            status: ArticleState::Published.key().to_owned(),
            ..EventFacts::default()
        };
        record(
            &mut tx,
            &Change::event(ChangeKind::ArticlePublished, *id, facts),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    if !due.is_empty() {
        svc.committed().await?;
    }
    Ok(due.len())
}

/// Sets an article's lead picture (stored variants as JSON), for the demo and the editor.
pub async fn set_picture(
    svc: &Services,
    id: i64,
    variants: &str,
    alt: &str,
    caption: &str,
    credit: &str,
) -> Result<(), ServiceError> {
    let mut tx = svc.db.begin().await?;
    articles::set_image(&mut tx, id, variants, alt, caption, credit).await?;
    tx.commit().await?;
    Ok(())
}
