//! The magazine's articles: public lists (the one visibility rule in SQL), one article
//! with its authors and links, the editors' lists, versions, and the writes the service
//! makes inside its transaction.

use super::{Db, DbResult, Params, Tx, Value};
use crate::domain::magazine::{ArticleState, Rubric};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub slug: String,
    #[sqlx(try_from = "String")]
    pub rubric: Rubric,
    #[sqlx(try_from = "String")]
    pub state: ArticleState,
    pub category_id: Option<i64>,
    pub guest_org: Option<i64>,
    pub created_by: Option<i64>,
    pub approved_by: Option<i64>,
    pub title: String,
    pub title_en: String,
    pub lead: String,
    pub lead_en: String,
    pub body: String,
    pub body_en: String,
    pub image: String,
    pub image_alt: String,
    pub image_caption: String,
    pub image_credit: String,
    pub publish_at: Option<i64>,
    pub correction: String,
    pub corrected_at: Option<i64>,
    pub withdrawn_reason: String,
    pub withdrawn_at: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ArticleRow {
    pub fn is_public(&self, now: i64) -> bool {
        crate::domain::magazine::is_public(self.state, self.publish_at, now)
    }
}

const COLUMNS: &str = "a.id, a.slug, a.rubric, a.state, a.category_id, a.guest_org, a.created_by, \
    a.approved_by, a.title, a.title_en, a.lead, a.lead_en, a.body, a.body_en, a.image, a.image_alt, \
    a.image_caption, a.image_credit, a.publish_at, a.correction, a.corrected_at, a.withdrawn_reason, \
    a.withdrawn_at, a.version, a.created_at, a.updated_at";

/// The visibility rule of `domain::magazine::is_public` in SQL (`$1` is now).
const PUBLIC: &str = "a.state IN ('scheduled', 'published', 'corrected') AND a.publish_at <= $1";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuthorRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub bio_en: String,
    pub user_id: Option<i64>,
}

/// What the public list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub rubric: Option<Rubric>,
    pub category_id: Option<i64>,
    pub q: Option<String>,
}

fn filtered(filter: &ListFilter, now: i64) -> (String, Params) {
    let mut p = Params::default();
    p.push(now);
    let mut sql = format!(" FROM articles a WHERE {PUBLIC}");
    if let Some(r) = filter.rubric {
        sql.push_str(&format!(" AND a.rubric = {}", p.push(r.key())));
    }
    if let Some(c) = filter.category_id {
        sql.push_str(&format!(" AND a.category_id = {}", p.push(c)));
    }
    if let Some(q) = &filter.q {
        // Every word (at most five) somewhere in the German or English texts.
        for word in q.split_whitespace().take(5) {
            let like = format!("%{}%", word.to_lowercase().replace(['%', '_'], ""));
            let n = p.push(like);
            sql.push_str(&format!(
                " AND (LOWER(a.title) LIKE {n} OR LOWER(a.lead) LIKE {n} OR LOWER(a.body) LIKE {n} \
                 OR LOWER(a.title_en) LIKE {n} OR LOWER(a.lead_en) LIKE {n})"
            ));
        }
    }
    (sql, p)
}

/// Public articles, newest first.
pub async fn public(
    db: &Db,
    filter: &ListFilter,
    now: i64,
    offset: i64,
    limit: i64,
) -> DbResult<Vec<ArticleRow>> {
    let (from, mut p) = filtered(filter, now);
    let sql = format!(
        "SELECT {COLUMNS}{from} ORDER BY a.publish_at DESC, a.id DESC LIMIT {} OFFSET {}",
        p.push(limit),
        p.push(offset)
    );
    db.fetch_all(&sql, &p.values).await
}

pub async fn public_count(db: &Db, filter: &ListFilter, now: i64) -> DbResult<i64> {
    let (from, p) = filtered(filter, now);
    let (n,): (i64,) = db
        .fetch_one(&format!("SELECT COUNT(*){from}"), &p.values)
        .await?;
    Ok(n)
}

pub async fn by_slug(db: &Db, slug: &str) -> DbResult<Option<ArticleRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM articles a WHERE a.slug = $1"),
        &[slug.into()],
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<ArticleRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM articles a WHERE a.id = $1"),
        &[id.into()],
    )
    .await
}

/// Public articles linked to an event, venue or organisation („Im Magazin“).
pub async fn public_linked(
    db: &Db,
    kind: &str,
    target: i64,
    now: i64,
) -> DbResult<Vec<ArticleRow>> {
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM articles a JOIN article_links l ON l.article_id = a.id \
             WHERE {PUBLIC} AND l.kind = $2 AND l.target_id = $3 ORDER BY a.publish_at DESC LIMIT 6"
        ),
        &[now.into(), kind.into(), target.into()],
    )
    .await
}

/// The authors of articles, in their order: `(article id, author)`.
pub async fn authors_of(db: &Db, ids: &[i64]) -> DbResult<Vec<(i64, AuthorRow)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = Params::default();
    let list = p.push_list(ids.iter().copied());
    #[derive(sqlx::FromRow)]
    struct Row {
        article_id: i64,
        id: i64,
        slug: String,
        name: String,
        bio: String,
        bio_en: String,
        user_id: Option<i64>,
    }
    let rows: Vec<Row> = db
        .fetch_all(
            &format!(
                "SELECT aa.article_id, au.id, au.slug, au.name, au.bio, au.bio_en, au.user_id \
                 FROM article_authors aa JOIN authors au ON au.id = aa.author_id \
                 WHERE aa.article_id IN ({list}) ORDER BY aa.article_id, aa.position"
            ),
            &p.values,
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.article_id,
                AuthorRow {
                    id: r.id,
                    slug: r.slug,
                    name: r.name,
                    bio: r.bio,
                    bio_en: r.bio_en,
                    user_id: r.user_id,
                },
            )
        })
        .collect())
}

pub async fn author_by_slug(db: &Db, slug: &str) -> DbResult<Option<AuthorRow>> {
    db.fetch_optional(
        "SELECT id, slug, name, bio, bio_en, user_id FROM authors WHERE slug = $1",
        &[slug.into()],
    )
    .await
}

/// An author's public articles, newest first.
pub async fn public_by_author(db: &Db, author: i64, now: i64) -> DbResult<Vec<ArticleRow>> {
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM articles a JOIN article_authors aa ON aa.article_id = a.id \
             WHERE {PUBLIC} AND aa.author_id = $2 ORDER BY a.publish_at DESC LIMIT 100"
        ),
        &[now.into(), author.into()],
    )
    .await
}

/// `(kind, target id)` of an article's links.
pub async fn links_of(db: &Db, article: i64) -> DbResult<Vec<(String, i64)>> {
    db.fetch_all(
        "SELECT kind, target_id FROM article_links WHERE article_id = $1 ORDER BY kind, target_id",
        &[article.into()],
    )
    .await
}

/// Articles for the editorial desk: every one for the magazine's editors, else those the
/// person created or their organisations proposed. Newest change first.
pub async fn desk(db: &Db, user: Option<i64>, orgs: &[i64]) -> DbResult<Vec<ArticleRow>> {
    let mut p = Params::default();
    let mut sql = format!("SELECT {COLUMNS} FROM articles a");
    if let Some(user) = user {
        sql.push_str(&format!(" WHERE a.created_by = {}", p.push(user)));
        if !orgs.is_empty() {
            sql.push_str(&format!(
                " OR a.guest_org IN ({})",
                p.push_list(orgs.iter().copied())
            ));
        }
    }
    sql.push_str(" ORDER BY a.updated_at DESC, a.id DESC LIMIT 500");
    db.fetch_all(&sql, &p.values).await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub state: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub title_en: String,
    pub lead_en: String,
    pub body_en: String,
    pub saved_at: i64,
    pub note: String,
    pub saved_by: Option<String>,
}

/// Every saved version, newest first.
pub async fn versions(db: &Db, article: i64) -> DbResult<Vec<VersionRow>> {
    db.fetch_all(
        "SELECT v.version, v.state, v.title, v.lead, v.body, v.title_en, v.lead_en, v.body_en, v.saved_at, v.note, \
         u.display_name AS saved_by FROM article_versions v LEFT JOIN users u ON u.id = v.saved_by \
         WHERE v.article_id = $1 ORDER BY v.version DESC",
        &[article.into()],
    )
    .await
}

/// A Sparte's id by its slug.
pub async fn category_id(db: &Db, slug: &str) -> DbResult<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional("SELECT id FROM categories WHERE slug = $1", &[slug.into()])
        .await?;
    Ok(row.map(|r| r.0))
}

pub async fn slug_taken(db: &Db, slug: &str) -> DbResult<bool> {
    Ok(by_slug(db, slug).await?.is_some())
}

/// The texts of a version as written.
pub struct Texts<'a> {
    pub title: &'a str,
    pub title_en: &'a str,
    pub lead: &'a str,
    pub lead_en: &'a str,
    pub body: &'a str,
    pub body_en: &'a str,
}

/// What an article is when first written.
pub struct NewArticle<'a> {
    pub slug: &'a str,
    pub rubric: Rubric,
    pub category_id: Option<i64>,
    pub guest_org: Option<i64>,
    pub created_by: Option<i64>,
    pub texts: Texts<'a>,
}

pub async fn insert(tx: &mut Tx, a: &NewArticle<'_>, now: i64) -> DbResult<i64> {
    let t = &a.texts;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO articles (slug, rubric, state, category_id, guest_org, created_by, title, title_en, \
             lead, lead_en, body, body_en, version, created_at, updated_at) \
             VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12) RETURNING id",
            &[
                a.slug.into(),
                a.rubric.key().into(),
                Value::OptInt(a.category_id),
                Value::OptInt(a.guest_org),
                Value::OptInt(a.created_by),
                t.title.into(),
                t.title_en.into(),
                t.lead.into(),
                t.lead_en.into(),
                t.body.into(),
                t.body_en.into(),
                now.into(),
            ],
        )
        .await?;
    Ok(id)
}

/// New texts (and rubric, Sparte) as the next version; returns its number.
#[expect(
    clippy::too_many_arguments,
    reason = "one UPDATE of the editor's fields"
)]
pub async fn update_texts(
    tx: &mut Tx,
    id: i64,
    rubric: Rubric,
    category_id: Option<i64>,
    guest_org: Option<i64>,
    state: ArticleState,
    t: &Texts<'_>,
    now: i64,
) -> DbResult<i64> {
    let (version,): (i64,) = tx
        .fetch_one(
            "UPDATE articles SET rubric = $2, category_id = $3, guest_org = $4, state = $5, title = $6, \
             title_en = $7, lead = $8, lead_en = $9, body = $10, body_en = $11, version = version + 1, \
             updated_at = $12 WHERE id = $1 RETURNING version",
            &[
                id.into(),
                rubric.key().into(),
                Value::OptInt(category_id),
                Value::OptInt(guest_org),
                state.key().into(),
                t.title.into(),
                t.title_en.into(),
                t.lead.into(),
                t.lead_en.into(),
                t.body.into(),
                t.body_en.into(),
                now.into(),
            ],
        )
        .await?;
    Ok(version)
}

/// Keeps a version of the texts.
#[expect(
    clippy::too_many_arguments,
    reason = "one INSERT of a version's columns"
)]
pub async fn add_version(
    tx: &mut Tx,
    id: i64,
    version: i64,
    state: ArticleState,
    t: &Texts<'_>,
    saved_by: Option<i64>,
    note: &str,
    now: i64,
) -> DbResult<()> {
    tx.execute(
        "INSERT INTO article_versions (article_id, version, state, title, title_en, lead, lead_en, body, body_en, saved_by, saved_at, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &[
            id.into(),
            version.into(),
            state.key().into(),
            t.title.into(),
            t.title_en.into(),
            t.lead.into(),
            t.lead_en.into(),
            t.body.into(),
            t.body_en.into(),
            Value::OptInt(saved_by),
            now.into(),
            note.into(),
        ],
    )
    .await
}

/// An author by name: found by its slug, else created (linked to `account` when given).
pub async fn author_id(tx: &mut Tx, slug: &str, name: &str, account: Option<i64>) -> DbResult<i64> {
    let found: Vec<(i64, Option<i64>)> = tx
        .fetch_all(
            "SELECT id, user_id FROM authors WHERE slug = $1",
            &[slug.into()],
        )
        .await?;
    if let Some((id, user)) = found.first() {
        if user.is_none() && account.is_some() {
            let taken: Vec<(i64,)> = tx
                .fetch_all(
                    "SELECT id FROM authors WHERE user_id = $1",
                    &[Value::OptInt(account)],
                )
                .await?;
            if taken.is_empty() {
                tx.execute(
                    "UPDATE authors SET user_id = $2 WHERE id = $1",
                    &[(*id).into(), Value::OptInt(account)],
                )
                .await?;
            }
        }
        return Ok(*id);
    }
    let taken: Vec<(i64,)> = match account {
        Some(a) => {
            tx.fetch_all("SELECT id FROM authors WHERE user_id = $1", &[a.into()])
                .await?
        }
        None => Vec::new(),
    };
    let account = if taken.is_empty() { account } else { None };
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO authors (slug, name, user_id) VALUES ($1, $2, $3) RETURNING id",
            &[slug.into(), name.into(), Value::OptInt(account)],
        )
        .await?;
    Ok(id)
}

pub async fn set_authors(tx: &mut Tx, article: i64, authors: &[i64]) -> DbResult<()> {
    tx.execute(
        "DELETE FROM article_authors WHERE article_id = $1",
        &[article.into()],
    )
    .await?;
    for (position, author) in authors.iter().enumerate() {
        tx.execute(
            "INSERT INTO article_authors (article_id, author_id, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[article.into(), (*author).into(), (position as i64).into()],
        )
        .await?;
    }
    Ok(())
}

pub async fn set_links(tx: &mut Tx, article: i64, links: &[(&str, i64)]) -> DbResult<()> {
    tx.execute(
        "DELETE FROM article_links WHERE article_id = $1",
        &[article.into()],
    )
    .await?;
    for (kind, target) in links {
        tx.execute(
            "INSERT INTO article_links (article_id, kind, target_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[article.into(), (*kind).into(), (*target).into()],
        )
        .await?;
    }
    Ok(())
}

/// Moves an article to `state` (with its publication time when approved).
pub async fn set_state(tx: &mut Tx, id: i64, state: ArticleState, now: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE articles SET state = $2, updated_at = $3 WHERE id = $1",
        &[id.into(), state.key().into(), now.into()],
    )
    .await
}

pub async fn schedule(
    tx: &mut Tx,
    id: i64,
    approver: i64,
    publish_at: i64,
    now: i64,
) -> DbResult<()> {
    tx.execute(
        "UPDATE articles SET state = 'scheduled', approved_by = $2, publish_at = $3, updated_at = $4 WHERE id = $1",
        &[id.into(), approver.into(), publish_at.into(), now.into()],
    )
    .await
}

pub async fn set_correction(tx: &mut Tx, id: i64, note: &str, now: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE articles SET correction = $2, corrected_at = $3 WHERE id = $1",
        &[id.into(), note.into(), now.into()],
    )
    .await
}

pub async fn set_withdrawn(tx: &mut Tx, id: i64, reason: &str, now: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE articles SET state = 'withdrawn', withdrawn_reason = $2, withdrawn_at = $3, updated_at = $3 WHERE id = $1",
        &[id.into(), reason.into(), now.into()],
    )
    .await
}

/// The lead picture (variants JSON as event images keep them).
pub async fn set_image(
    tx: &mut Tx,
    id: i64,
    variants: &str,
    alt: &str,
    caption: &str,
    credit: &str,
) -> DbResult<()> {
    tx.execute(
        "UPDATE articles SET image = $2, image_alt = $3, image_caption = $4, image_credit = $5 WHERE id = $1",
        &[id.into(), variants.into(), alt.into(), caption.into(), credit.into()],
    )
    .await
}

/// Scheduled articles whose time has come become published; returns them.
pub async fn publish_due(tx: &mut Tx, now: i64) -> DbResult<Vec<(i64, String, String)>> {
    tx.fetch_all(
        "UPDATE articles SET state = 'published' WHERE state = 'scheduled' AND publish_at <= $1 RETURNING id, slug, title",
        &[now.into()],
    )
    .await
}

/// The newest public „Tipps“ article: (slug, title, its linked events).
pub async fn latest_tips(db: &Db, now: i64) -> DbResult<Option<(String, String, Vec<i64>)>> {
    let row: Option<(i64, String, String)> = db
        .fetch_optional(
            &format!(
                "SELECT a.id, a.slug, a.title FROM articles a WHERE {PUBLIC} AND a.rubric = 'tipps' \
                 ORDER BY a.publish_at DESC, a.id DESC LIMIT 1"
            ),
            &[now.into()],
        )
        .await?;
    let Some((id, slug, title)) = row else {
        return Ok(None);
    };
    let events: Vec<(i64,)> = db
        .fetch_all(
            "SELECT target_id FROM article_links WHERE article_id = $1 AND kind = 'event' ORDER BY target_id",
            &[id.into()],
        )
        .await?;
    Ok(Some((
        slug,
        title,
        events.into_iter().map(|e| e.0).collect(),
    )))
}

/// An author's short bio (German and English).
pub async fn set_bio(db: &Db, slug: &str, bio: &str, bio_en: &str) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE authors SET bio = $2, bio_en = $3 WHERE slug = $1",
        &[slug.into(), bio.into(), bio_en.into()],
    )
    .await?;
    tx.commit().await
}

/// An event's slug by its id (any status).
pub async fn event_slug(db: &Db, id: i64) -> DbResult<Option<String>> {
    let row: Option<(String,)> = db
        .fetch_optional("SELECT slug FROM events WHERE id = $1", &[id.into()])
        .await?;
    Ok(row.map(|r| r.0))
}

/// Whether the account edits the magazine.
pub async fn is_editor(db: &Db, user: i64) -> DbResult<bool> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT user_id FROM magazine_editors WHERE user_id = $1",
            &[user.into()],
        )
        .await?;
    Ok(row.is_some())
}

/// Ids of the magazine's editors.
pub async fn editors(db: &Db) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all("SELECT user_id FROM magazine_editors ORDER BY user_id", &[])
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Gives or takes the magazine editor role, with its audit-log row.
pub async fn set_editor(db: &Db, user: i64, editor: bool, by: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    if editor {
        tx.execute(
            "INSERT INTO magazine_editors (user_id, granted_by, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[user.into(), by.into(), now.into()],
        )
        .await?;
    } else {
        tx.execute(
            "DELETE FROM magazine_editors WHERE user_id = $1",
            &[user.into()],
        )
        .await?;
    }
    let action = if editor {
        "magazine.editor_granted"
    } else {
        "magazine.editor_revoked"
    };
    super::users::audit(&mut tx, now, Some(by), action, ("user", user), "{}").await?;
    tx.commit().await
}
