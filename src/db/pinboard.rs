//! Pinboard posts: writing, listing with filters, renewing, reporting and hiding.

use super::users::audit;
use super::{Db, DbResult, Params, Value};
use crate::domain::moderation::ReportOutcome;
use crate::domain::pinboard::{Kind, PostInput};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub organization_slug: Option<String>,
    #[sqlx(try_from = "String")]
    pub kind: Kind,
    pub topic: String,
    pub title: String,
    pub body: String,
    pub district: Option<String>,
    pub period: String,
    pub expires_day: i64,
    pub hidden_at: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str = "p.id, p.author_id, u.display_name AS author_name, p.organization_id, \
    o.name AS organization_name, o.slug AS organization_slug, p.kind, p.topic, p.title, p.body, \
    p.district, p.period, p.expires_day, p.hidden_at, p.created_at";
const FROM: &str = "pinboard_posts p JOIN users u ON u.id = p.author_id \
    LEFT JOIN organizations o ON o.id = p.organization_id";

/// What the pinboard shows.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    pub kind: Option<Kind>,
    pub topic: Option<String>,
    pub category_slugs: Vec<String>,
    pub districts: Vec<String>,
    /// Words that must all occur in title or text (already lowercased).
    pub words: Vec<String>,
    /// Posts of this author only.
    pub author: Option<i64>,
}

/// Posts not expired before `today` (days since the epoch), newest first: the visible
/// ones, or with `author` set, all of that author's (hidden ones too).
pub async fn list(db: &Db, f: &PostFilter, today: i64, limit: i64) -> DbResult<Vec<PostRow>> {
    let mut p = Params::default();
    let mut sql = format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE p.expires_day >= {}",
        p.push(today)
    );
    if f.author.is_none() {
        sql.push_str(" AND p.hidden_at IS NULL");
    }
    if let Some(k) = f.kind {
        sql.push_str(&format!(" AND p.kind = {}", p.push(k.slug())));
    }
    if let Some(t) = &f.topic {
        sql.push_str(&format!(" AND p.topic = {}", p.push(t.clone())));
    }
    if !f.category_slugs.is_empty() {
        let list = p.push_list(f.category_slugs.iter().cloned());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM pinboard_categories pc JOIN categories c ON c.id = pc.category_id \
             WHERE pc.post_id = p.id AND c.slug IN ({list}))"
        ));
    }
    if !f.districts.is_empty() {
        let list = p.push_list(f.districts.iter().cloned());
        sql.push_str(&format!(" AND p.district IN ({list})"));
    }
    for w in &f.words {
        let like = p.push(format!("%{w}%"));
        sql.push_str(&format!(
            " AND (LOWER(p.title) LIKE {like} OR LOWER(p.body) LIKE {like})"
        ));
    }
    if let Some(a) = f.author {
        sql.push_str(&format!(" AND p.author_id = {}", p.push(a)));
    }
    sql.push_str(&format!(
        " ORDER BY p.created_at DESC, p.id DESC LIMIT {}",
        p.push(limit)
    ));
    db.fetch_all(&sql, &p.values).await
}

/// One post, whatever its state (the caller decides who may see it).
pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<PostRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE p.id = $1"),
        &[id.into()],
    )
    .await
}

/// Sparten slugs and names of a post.
pub async fn categories_of(db: &Db, id: i64) -> DbResult<Vec<(String, String)>> {
    db.fetch_all(
        "SELECT c.slug, c.name FROM pinboard_categories pc JOIN categories c ON c.id = pc.category_id \
         WHERE pc.post_id = $1 ORDER BY c.position",
        &[id.into()],
    )
    .await
}

/// Writes a new post (`id` None) or changes one, with its Sparten and audit-log row.
pub async fn save(
    db: &Db,
    id: Option<i64>,
    input: &PostInput,
    author: i64,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let values: Vec<Value> = vec![
        input.organization_id.into(),
        input.kind.slug().into(),
        input.topic.into(),
        input.title.as_str().into(),
        input.body.as_str().into(),
        Value::OptText(input.district.map(|d| d.slug().to_owned())),
        input.period.as_str().into(),
        crate::domain::pinboard::day_number(input.expires).into(),
        now.into(),
    ];
    let id = match id {
        Some(id) => {
            let mut v = values;
            v.push(id.into());
            tx.execute(
                "UPDATE pinboard_posts SET organization_id = $1, kind = $2, topic = $3, title = $4, body = $5, \
                 district = $6, period = $7, expires_day = $8, updated_at = $9, reminded_at = NULL WHERE id = $10",
                &v,
            )
            .await?;
            tx.execute(
                "DELETE FROM pinboard_categories WHERE post_id = $1",
                &[id.into()],
            )
            .await?;
            id
        }
        None => {
            let mut v = values;
            v.push(author.into());
            let (id,): (i64,) = tx
                .fetch_one(
                    "INSERT INTO pinboard_posts (organization_id, kind, topic, title, body, district, period, expires_day, \
                     created_at, updated_at, author_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
                    &v,
                )
                .await?;
            id
        }
    };
    for c in &input.category_ids {
        tx.execute(
            "INSERT INTO pinboard_categories (post_id, category_id) VALUES ($1, $2)",
            &[id.into(), (*c).into()],
        )
        .await?;
    }
    let details = serde_json::json!({ "title": input.title }).to_string();
    audit(
        &mut tx,
        now,
        Some(author),
        "pinboard.saved",
        ("pinboard_post", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Shows the post until `until_day` (days since the epoch).
pub async fn renew(db: &Db, id: i64, until_day: i64, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE pinboard_posts SET expires_day = $1, reminded_at = NULL, updated_at = $2 WHERE id = $3",
        &[until_day.into(), now.into(), id.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(actor),
        "pinboard.renewed",
        ("pinboard_post", id),
        "{}",
    )
    .await?;
    tx.commit().await
}

pub async fn delete(db: &Db, id: i64, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute("DELETE FROM pinboard_posts WHERE id = $1", &[id.into()])
        .await?;
    audit(
        &mut tx,
        now,
        Some(actor),
        "pinboard.deleted",
        ("pinboard_post", id),
        "{}",
    )
    .await?;
    tx.commit().await
}

pub async fn report(db: &Db, id: i64, reporter: i64, reason: &str, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO pinboard_reports (post_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)",
        &[id.into(), reporter.into(), reason.into(), now.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(reporter),
        "pinboard.reported",
        ("pinboard_post", id),
        "{}",
    )
    .await?;
    tx.commit().await
}

/// A reported post for the moderators.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub post_id: i64,
    pub title: String,
    pub reason: String,
    pub created_at: i64,
}

pub async fn open_reports(db: &Db) -> DbResult<Vec<ReportRow>> {
    db.fetch_all(
        "SELECT r.id, r.post_id, p.title, r.reason, r.created_at FROM pinboard_reports r \
         JOIN pinboard_posts p ON p.id = r.post_id WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id",
        &[],
    )
    .await
}

/// Hides a post (or keeps it) and closes its reports.
pub async fn moderate(
    db: &Db,
    post: i64,
    outcome: ReportOutcome,
    reason: &str,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    if outcome.hides() {
        tx.execute(
            "UPDATE pinboard_posts SET hidden_at = $1, hidden_reason = $2 WHERE id = $3",
            &[now.into(), reason.into(), post.into()],
        )
        .await?;
    }
    tx.execute(
        "UPDATE pinboard_reports SET resolved_at = $1 WHERE post_id = $2 AND resolved_at IS NULL",
        &[now.into(), post.into()],
    )
    .await?;
    let action = format!("pinboard.{}", outcome.key());
    let details = serde_json::json!({ "reason": reason }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        &action,
        ("pinboard_post", post),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Posts that expire by `until_day` and whose author was not reminded yet, with the
/// author's address.
pub async fn expiring(
    db: &Db,
    today: i64,
    until_day: i64,
) -> DbResult<Vec<(i64, String, i64, String, i64)>> {
    db.fetch_all(
        "SELECT p.id, p.title, u.id, u.email, p.expires_day FROM pinboard_posts p JOIN users u ON u.id = p.author_id \
         WHERE p.hidden_at IS NULL AND p.reminded_at IS NULL AND p.expires_day >= $1 AND p.expires_day <= $2 ORDER BY p.id",
        &[today.into(), until_day.into()],
    )
    .await
}

/// Takes the reminder of a post for this instance (`false`: another one has it), or with
/// `at` None gives it back (the mail could not be sent).
pub async fn claim_reminder(db: &Db, id: i64, at: Option<i64>) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let rows: Vec<(i64,)> = match at {
        Some(now) => {
            tx.fetch_all(
                "UPDATE pinboard_posts SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL RETURNING id",
                &[now.into(), id.into()],
            )
            .await?
        }
        None => {
            tx.fetch_all(
                "UPDATE pinboard_posts SET reminded_at = NULL WHERE id = $1 RETURNING id",
                &[id.into()],
            )
            .await?
        }
    };
    tx.commit().await?;
    Ok(!rows.is_empty())
}

/// New posts (since `since`) that match a member's organisations: a shared Sparte or the
/// district of one of them; not the member's own.
pub async fn for_member(
    db: &Db,
    user: i64,
    today: i64,
    since: i64,
    limit: i64,
) -> DbResult<Vec<PostRow>> {
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE p.hidden_at IS NULL AND p.expires_day >= $2 \
             AND p.author_id <> $1 AND p.created_at >= $3 AND (\
               EXISTS (SELECT 1 FROM pinboard_categories pc \
                 JOIN organization_categories oc ON oc.category_id = pc.category_id \
                 JOIN memberships m ON m.organization_id = oc.organization_id \
                 WHERE pc.post_id = p.id AND m.user_id = $1) \
               OR p.district IN (SELECT o2.district FROM organizations o2 \
                 JOIN memberships m2 ON m2.organization_id = o2.id WHERE m2.user_id = $1)) \
             ORDER BY p.created_at DESC, p.id DESC LIMIT $4"
        ),
        &[user.into(), today.into(), since.into(), limit.into()],
    )
    .await
}
