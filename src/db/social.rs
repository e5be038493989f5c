//! The social-media desk's posts: their texts per channel, the desk's list, what is due,
//! and „bereit zum Posten“ (texts of download channels not yet marked posted).

use super::{Db, DbResult, Params, Tx};
use crate::domain::social::{Channel, PostState};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub event_id: Option<i64>,
    pub article_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub state: PostState,
    pub hashtags: String,
    pub planned_at: i64,
    pub created_by: Option<i64>,
    pub approved_by: Option<i64>,
    pub returned_reason: String,
    pub published_at: Option<i64>,
    /// The subject's title and slug (an event's or an article's).
    pub title: String,
    pub slug: String,
    pub author_name: Option<String>,
    pub approver_name: Option<String>,
}

impl PostRow {
    pub fn tags(&self) -> Vec<String> {
        self.hashtags
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    /// The subject's address on the portal.
    pub fn path(&self) -> String {
        if self.event_id.is_some() {
            format!("/veranstaltungen/{}", self.slug)
        } else {
            format!("/magazin/{}", self.slug)
        }
    }
}

const SELECT: &str = "SELECT p.id, p.event_id, p.article_id, p.state, p.hashtags, p.planned_at, \
    p.created_by, p.approved_by, p.returned_reason, p.published_at, \
    COALESCE(e.title, a.title) AS title, COALESCE(e.slug, a.slug) AS slug, \
    cu.display_name AS author_name, au.display_name AS approver_name \
    FROM social_posts p LEFT JOIN events e ON e.id = p.event_id \
    LEFT JOIN articles a ON a.id = p.article_id \
    LEFT JOIN users cu ON cu.id = p.created_by LEFT JOIN users au ON au.id = p.approved_by";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TextRow {
    pub post_id: i64,
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    pub body: String,
    pub posted_at: Option<i64>,
    pub posted_by_name: Option<String>,
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<PostRow>> {
    db.fetch_optional(&format!("{SELECT} WHERE p.id = $1"), &[id.into()])
        .await
}

/// Every post of the desk, the coming ones first (by planned time), the published last.
pub async fn desk(db: &Db) -> DbResult<Vec<PostRow>> {
    db.fetch_all(
        &format!(
            "{SELECT} ORDER BY CASE WHEN p.state = 'published' THEN 1 ELSE 0 END, \
             CASE WHEN p.state = 'published' THEN -p.planned_at ELSE p.planned_at END, p.id LIMIT 300"
        ),
        &[],
    )
    .await
}

/// The texts of these posts, in channel order.
pub async fn texts_of(db: &Db, ids: &[i64]) -> DbResult<Vec<TextRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = Params::default();
    let list = p.push_list(ids.iter().copied());
    let mut rows: Vec<TextRow> = db
        .fetch_all(
            &format!(
                "SELECT t.post_id, t.channel, t.body, t.posted_at, u.display_name AS posted_by_name \
                 FROM social_post_texts t LEFT JOIN users u ON u.id = t.posted_by \
                 WHERE t.post_id IN ({list})"
            ),
            &p.values,
        )
        .await?;
    rows.sort_by_key(|t| (t.post_id, t.channel));
    Ok(rows)
}

/// What a new post or a change writes.
pub struct NewPost<'a> {
    pub event_id: Option<i64>,
    pub article_id: Option<i64>,
    pub hashtags: &'a str,
    pub planned_at: i64,
}

pub async fn insert(tx: &mut Tx, post: &NewPost<'_>, by: i64, now: i64) -> DbResult<i64> {
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO social_posts (event_id, article_id, state, hashtags, planned_at, created_by, \
             created_at, updated_at) VALUES ($1, $2, 'draft', $3, $4, $5, $6, $6) RETURNING id",
            &[
                post.event_id.into(),
                post.article_id.into(),
                post.hashtags.into(),
                post.planned_at.into(),
                by.into(),
                now.into(),
            ],
        )
        .await?;
    Ok(id)
}

pub async fn update(tx: &mut Tx, id: i64, post: &NewPost<'_>, now: i64) -> DbResult<()> {
    tx.execute(
        "UPDATE social_posts SET event_id = $2, article_id = $3, hashtags = $4, planned_at = $5, \
         updated_at = $6 WHERE id = $1",
        &[
            id.into(),
            post.event_id.into(),
            post.article_id.into(),
            post.hashtags.into(),
            post.planned_at.into(),
            now.into(),
        ],
    )
    .await
}

/// Replaces a post's texts.
pub async fn set_texts(tx: &mut Tx, id: i64, texts: &[(Channel, String)]) -> DbResult<()> {
    tx.execute(
        "DELETE FROM social_post_texts WHERE post_id = $1",
        &[id.into()],
    )
    .await?;
    for (channel, body) in texts {
        tx.execute(
            "INSERT INTO social_post_texts (post_id, channel, body) VALUES ($1, $2, $3)",
            &[id.into(), channel.key().into(), body.as_str().into()],
        )
        .await?;
    }
    Ok(())
}

/// Moves a post from `from` to `to` (with the reason it was sent back, if any); false
/// when it was not in `from` any more (someone else was quicker).
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    from: PostState,
    to: PostState,
    reason: &str,
    now: i64,
) -> DbResult<bool> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE social_posts SET state = $3, returned_reason = $4, updated_at = $5 \
             WHERE id = $1 AND state = $2 RETURNING id",
            &[
                id.into(),
                from.key().into(),
                to.key().into(),
                reason.into(),
                now.into(),
            ],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// The second editor approves a post in review.
pub async fn approve(tx: &mut Tx, id: i64, by: i64, now: i64) -> DbResult<bool> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE social_posts SET state = 'scheduled', approved_by = $2, returned_reason = '', \
             updated_at = $3 WHERE id = $1 AND state = 'review' RETURNING id",
            &[id.into(), by.into(), now.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// Approved posts whose time has come become published; returns them with whether they
/// have a fediverse text. One statement: of two instances, each post goes to one.
pub async fn publish_due(tx: &mut Tx, now: i64) -> DbResult<Vec<(i64, String, bool)>> {
    let due: Vec<(i64, String)> = tx
        .fetch_all(
            "UPDATE social_posts SET state = 'published', published_at = $1, updated_at = $1 \
             WHERE state = 'scheduled' AND planned_at <= $1 RETURNING id, hashtags",
            &[now.into()],
        )
        .await?;
    let mut out = Vec::with_capacity(due.len());
    for (id, tags) in due {
        let fedi: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT post_id FROM social_post_texts WHERE post_id = $1 AND channel = 'fediverse'",
                &[id.into()],
            )
            .await?;
        out.push((id, tags, !fedi.is_empty()));
    }
    Ok(out)
}

/// Texts of published posts for the download channels that nobody has posted yet,
/// oldest first, with their post.
pub async fn ready(db: &Db) -> DbResult<Vec<(PostRow, TextRow)>> {
    let texts: Vec<TextRow> = db
        .fetch_all(
            "SELECT t.post_id, t.channel, t.body, t.posted_at, NULL AS posted_by_name \
             FROM social_post_texts t JOIN social_posts p ON p.id = t.post_id \
             WHERE p.state = 'published' AND t.channel <> 'fediverse' AND t.posted_at IS NULL \
             ORDER BY p.planned_at, p.id LIMIT 300",
            &[],
        )
        .await?;
    let mut ids: Vec<i64> = texts.iter().map(|t| t.post_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::with_capacity(texts.len());
    if ids.is_empty() {
        return Ok(out);
    }
    let mut p = Params::default();
    let list = p.push_list(ids.iter().copied());
    let posts: Vec<PostRow> = db
        .fetch_all(&format!("{SELECT} WHERE p.id IN ({list})"), &p.values)
        .await?;
    for t in texts {
        if let Some(post) = posts.iter().find(|p| p.id == t.post_id) {
            out.push((post.clone(), t));
        }
    }
    out.sort_by_key(|(p, t)| (p.planned_at, p.id, t.channel));
    Ok(out)
}

/// Marks a download channel's text as posted; false when it was not waiting.
pub async fn mark_posted(
    tx: &mut Tx,
    id: i64,
    channel: Channel,
    by: i64,
    now: i64,
) -> DbResult<bool> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE social_post_texts SET posted_at = $3, posted_by = $4 \
             WHERE post_id = $1 AND channel = $2 AND posted_at IS NULL AND channel <> 'fediverse' \
             AND EXISTS (SELECT 1 FROM social_posts p WHERE p.id = $1 AND p.state = 'published') \
             RETURNING post_id",
            &[id.into(), channel.key().into(), now.into(), by.into()],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// The organisation's published events with dates still to come (soonest first, at most
/// 30): (id, slug, title, next start).
pub async fn coming_events_of(
    db: &Db,
    organization: i64,
    now: i64,
) -> DbResult<Vec<(i64, String, String, i64)>> {
    db.fetch_all(
        "SELECT e.id, e.slug, e.title, MIN(o.starts_at) AS next_start FROM events e \
         JOIN event_organizers eo ON eo.event_id = e.id AND eo.organization_id = $1 \
         JOIN occurrences o ON o.event_id = e.id AND o.ends_at >= $2 \
         WHERE e.status = 'published' GROUP BY e.id, e.slug, e.title \
         ORDER BY next_start, e.id LIMIT 30",
        &[organization.into(), now.into()],
    )
    .await
}

/// Whether the organisation presents the event.
pub async fn organises(db: &Db, organization: i64, event: i64) -> DbResult<bool> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT event_id FROM event_organizers WHERE organization_id = $1 AND event_id = $2",
            &[organization.into(), event.into()],
        )
        .await?;
    Ok(row.is_some())
}
