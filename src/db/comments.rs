//! Readers' comments under magazine articles: the public thread of an article, the
//! moderation queue (held comments), a member's comments for their data export, and the
//! writes the service makes inside its transaction. A visitor's address is read only
//! where it is needed (known addresses, the queue never shows it).

use super::{Db, DbResult, Tx, Value};
use crate::domain::magazine::comments::CommentState;

/// One comment as pages show it: the writer's name (the account's for members, empty
/// when the account is gone), its marking, and the article it belongs to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub user_id: Option<i64>,
    pub by_member: bool,
    /// The shown name: the account's display name, the visitor's name, or empty.
    pub author: String,
    pub body: String,
    #[sqlx(try_from = "String")]
    pub state: CommentState,
    pub held_for: String,
    pub report_reason: String,
    pub kept: bool,
    pub editorial: bool,
    pub org_name: Option<String>,
    pub org_slug: Option<String>,
    pub created_at: i64,
    pub published_at: Option<i64>,
    pub article_slug: String,
    pub article_title: String,
}

const SELECT: &str = "SELECT c.id, c.article_id, c.parent_id, c.user_id, c.by_member, \
    CASE WHEN c.by_member THEN COALESCE(u.display_name, '') ELSE c.name END AS author, \
    c.body, c.state, c.held_for, c.report_reason, c.kept, c.editorial, \
    o.name AS org_name, o.slug AS org_slug, c.created_at, c.published_at, \
    a.slug AS article_slug, a.title AS article_title \
    FROM article_comments c JOIN articles a ON a.id = c.article_id \
    LEFT JOIN users u ON u.id = c.user_id \
    LEFT JOIN organizations o ON o.id = c.answering_org";

/// An article's published comments, oldest first (replies follow their comment).
pub async fn published_of(db: &Db, article: i64) -> DbResult<Vec<CommentRow>> {
    db.fetch_all(
        &format!(
            "{SELECT} WHERE c.article_id = $1 AND c.state = 'published' \
             ORDER BY c.published_at, c.id LIMIT 2000"
        ),
        &[article.into()],
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<CommentRow>> {
    db.fetch_optional(&format!("{SELECT} WHERE c.id = $1"), &[id.into()])
        .await
}

/// The comment a visitor's link (its SHA-256) belongs to.
pub async fn by_token(db: &Db, hash: &str) -> DbResult<Option<CommentRow>> {
    if hash.is_empty() {
        return Ok(None);
    }
    db.fetch_optional(&format!("{SELECT} WHERE c.token_hash = $1"), &[hash.into()])
        .await
}

/// Comments waiting for moderation, oldest first.
pub async fn held(db: &Db) -> DbResult<Vec<CommentRow>> {
    db.fetch_all(
        &format!("{SELECT} WHERE c.state = 'held' ORDER BY c.created_at, c.id LIMIT 500"),
        &[],
    )
    .await
}

/// A member's comments (their data export), in any state but removed.
pub async fn of_user(db: &Db, user: i64) -> DbResult<Vec<CommentRow>> {
    db.fetch_all(
        &format!(
            "{SELECT} WHERE c.user_id = $1 AND c.state <> 'removed' ORDER BY c.created_at, c.id"
        ),
        &[user.into()],
    )
    .await
}

/// Whether a member already has a published comment (later ones appear at once).
pub async fn member_is_known(tx: &mut Tx, user: i64) -> DbResult<bool> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM article_comments WHERE user_id = $1 AND state = 'published' LIMIT 1",
            &[user.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// Whether the address of a visitor's comment already has another published comment.
pub async fn address_is_known(tx: &mut Tx, comment: i64) -> DbResult<bool> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT k.id FROM article_comments c JOIN article_comments k ON k.email = c.email \
             WHERE c.id = $1 AND c.email <> '' AND NOT k.by_member AND k.state = 'published' \
             AND k.id <> c.id LIMIT 1",
            &[comment.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// The organisations an article links to (portrayed ones, the proposing one).
pub async fn linked_organizations(db: &Db, article: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            "SELECT target_id FROM article_links WHERE article_id = $1 AND kind = 'organization' ORDER BY target_id",
            &[article.into()],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The accounts that belong to any of `orgs`.
pub async fn members_of(db: &Db, orgs: &[i64]) -> DbResult<Vec<i64>> {
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = super::Params::default();
    let sql = format!(
        "SELECT DISTINCT user_id FROM memberships WHERE organization_id IN ({}) ORDER BY user_id",
        p.push_list(orgs.iter().copied())
    );
    let rows: Vec<(i64,)> = db.fetch_all(&sql, &p.values).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A new comment as the service writes it.
pub struct NewComment<'a> {
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: &'a str,
    pub email: &'a str,
    pub body: &'a str,
    pub state: CommentState,
    pub held_for: &'a str,
    pub editorial: bool,
    pub answering_org: Option<i64>,
    pub token_hash: &'a str,
}

pub async fn insert(tx: &mut Tx, c: &NewComment<'_>, now: i64) -> DbResult<i64> {
    let published = (c.state == CommentState::Published).then_some(now);
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO article_comments (article_id, parent_id, user_id, by_member, name, email, body, \
             state, held_for, editorial, answering_org, token_hash, created_at, published_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
            &[
                c.article_id.into(),
                Value::OptInt(c.parent_id),
                Value::OptInt(c.user_id),
                Value::Bool(c.user_id.is_some()),
                c.name.into(),
                c.email.into(),
                c.body.into(),
                c.state.key().into(),
                c.held_for.into(),
                Value::Bool(c.editorial),
                Value::OptInt(c.answering_org),
                c.token_hash.into(),
                now.into(),
                Value::OptInt(published),
            ],
        )
        .await?;
    Ok(id)
}

/// Moves a comment to `state` if it is in one of `from`; `published_at` is set the first
/// time it becomes public. Returns whether it moved.
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    from: &[CommentState],
    state: CommentState,
    held_for: &str,
    now: i64,
) -> DbResult<bool> {
    let mut p = super::Params::default();
    let published = if state == CommentState::Published {
        format!("COALESCE(published_at, {})", p.push(now))
    } else {
        "published_at".to_owned()
    };
    let sql = format!(
        "UPDATE article_comments SET state = {}, held_for = {}, published_at = {published} \
         WHERE id = {} AND state IN ({}) RETURNING id",
        p.push(state.key()),
        p.push(held_for),
        p.push(id),
        p.push_list(from.iter().map(|s| s.key())),
    );
    let rows: Vec<(i64,)> = tx.fetch_all(&sql, &p.values).await?;
    Ok(!rows.is_empty())
}

/// A report: a published comment that no moderator kept goes back to the queue.
pub async fn report(tx: &mut Tx, id: i64, reason: &str) -> DbResult<bool> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE article_comments SET state = 'held', held_for = 'reported', report_reason = $2 \
             WHERE id = $1 AND state = 'published' AND NOT kept RETURNING id",
            &[id.into(), reason.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// A moderator kept a reported comment: later reports leave it where it is.
pub async fn keep(tx: &mut Tx, id: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE article_comments SET kept = TRUE WHERE id = $1",
        &[id.into()],
    )
    .await
}

/// Deleted by its writer (through the mailed link): removed, with its text, name and
/// address gone.
pub async fn erase(tx: &mut Tx, id: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE article_comments SET state = 'removed', body = '', name = '', email = '', token_hash = '' \
         WHERE id = $1",
        &[id.into()],
    )
    .await
}
