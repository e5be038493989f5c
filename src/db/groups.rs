//! Working groups: membership (with approval for closed groups), threads and replies,
//! files, meetings.

use super::users::audit;
use super::{Db, DbResult, Value};
use crate::domain::groups::GroupRole;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub closed: bool,
    pub members: i64,
}

const GROUP: &str = "SELECT g.id, g.slug, g.name, g.description, g.closed, \
    (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id AND m.role <> 'angefragt') AS members \
    FROM working_groups g";

pub async fn all(db: &Db) -> DbResult<Vec<GroupRow>> {
    db.fetch_all(&format!("{GROUP} ORDER BY g.name"), &[]).await
}

pub async fn by_slug(db: &Db, slug: &str) -> DbResult<Option<GroupRow>> {
    db.fetch_optional(&format!("{GROUP} WHERE g.slug = $1"), &[slug.into()])
        .await
}

/// Creates a group with its creator leading it; `None` when the slug is taken.
pub async fn create(
    db: &Db,
    slug: &str,
    name: &str,
    description: &str,
    closed: bool,
    creator: i64,
    now: i64,
) -> DbResult<Option<i64>> {
    let mut tx = db.begin().await?;
    let taken: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM working_groups WHERE slug = $1",
            &[slug.into()],
        )
        .await?;
    if !taken.is_empty() {
        return Ok(None);
    }
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO working_groups (slug, name, description, closed, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                slug.into(),
                name.into(),
                description.into(),
                closed.into(),
                creator.into(),
                now.into(),
            ],
        )
        .await?;
    tx.execute(
        "INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, 'leitung', $3)",
        &[id.into(), creator.into(), now.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        Some(creator),
        "group.created",
        ("group", id),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// The person's role in the group (a request counts), if any.
pub async fn role(db: &Db, group: i64, user: i64) -> DbResult<Option<GroupRole>> {
    #[derive(sqlx::FromRow)]
    struct RoleRow {
        #[sqlx(try_from = "String")]
        role: GroupRole,
    }
    let row: Option<RoleRow> = db
        .fetch_optional(
            "SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2",
            &[group.into(), user.into()],
        )
        .await?;
    Ok(row.map(|r| r.role))
}

/// Sets (or with `None` removes) a membership, with its audit-log row.
/// How many people lead a group.
pub async fn lead_count(db: &Db, group: i64) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND role = $2",
            &[group.into(), GroupRole::Lead.key().into()],
        )
        .await?;
    Ok(n)
}

pub async fn set_role(
    db: &Db,
    group: i64,
    user: i64,
    role: Option<GroupRole>,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    match role {
        Some(r) => {
            tx.execute(
                "INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role",
                &[group.into(), user.into(), r.key().into(), now.into()],
            )
            .await?;
        }
        None => {
            tx.execute(
                "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2",
                &[group.into(), user.into()],
            )
            .await?;
        }
    }
    let details = serde_json::json!({ "user": user, "role": role.map(GroupRole::key) }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "group.membership",
        ("group", group),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Someone in a working group (or asking to be).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupMember {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: GroupRole,
}

/// Everyone in the group, requests included.
pub async fn members(db: &Db, group: i64) -> DbResult<Vec<GroupMember>> {
    db.fetch_all(
        "SELECT u.id, u.display_name, u.email, m.role FROM group_members m JOIN users u ON u.id = m.user_id \
         WHERE m.group_id = $1 ORDER BY m.role DESC, u.display_name",
        &[group.into()],
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub group_id: i64,
    pub title: String,
    pub announcement: bool,
    pub updated_at: i64,
    pub replies: i64,
}

pub async fn threads(db: &Db, group: i64) -> DbResult<Vec<ThreadRow>> {
    db.fetch_all(
        "SELECT t.id, t.group_id, t.title, t.announcement, t.updated_at, \
         (SELECT COUNT(*) FROM group_posts p WHERE p.thread_id = t.id) AS replies \
         FROM group_threads t WHERE t.group_id = $1 ORDER BY t.updated_at DESC, t.id DESC",
        &[group.into()],
    )
    .await
}

pub async fn thread(db: &Db, id: i64) -> DbResult<Option<ThreadRow>> {
    db.fetch_optional(
        "SELECT t.id, t.group_id, t.title, t.announcement, t.updated_at, \
         (SELECT COUNT(*) FROM group_posts p WHERE p.thread_id = t.id) AS replies \
         FROM group_threads t WHERE t.id = $1",
        &[id.into()],
    )
    .await
}

/// (author name, text, when) of a thread's posts, oldest first.
pub async fn posts(db: &Db, thread: i64) -> DbResult<Vec<(Option<String>, String, i64)>> {
    db.fetch_all(
        "SELECT u.display_name, p.body, p.created_at FROM group_posts p LEFT JOIN users u ON u.id = p.author_id \
         WHERE p.thread_id = $1 ORDER BY p.id",
        &[thread.into()],
    )
    .await
}

/// Starts a thread with its first post.
pub async fn start_thread(
    db: &Db,
    group: i64,
    title: &str,
    body: &str,
    announcement: bool,
    author: i64,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO group_threads (group_id, title, announcement, author_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            &[group.into(), title.into(), announcement.into(), author.into(), now.into()],
        )
        .await?;
    tx.execute(
        "INSERT INTO group_posts (thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)",
        &[id.into(), author.into(), body.into(), now.into()],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn reply(db: &Db, thread: i64, body: &str, author: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO group_posts (thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)",
        &[thread.into(), author.into(), body.into(), now.into()],
    )
    .await?;
    tx.execute(
        "UPDATE group_threads SET updated_at = $1 WHERE id = $2",
        &[now.into(), thread.into()],
    )
    .await?;
    tx.commit().await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub group_id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: i64,
    pub uploaded_by: Option<i64>,
    pub uploader: Option<String>,
}

/// Files of a group; several versions of one name are listed newest first.
pub async fn files(db: &Db, group: i64) -> DbResult<Vec<FileRow>> {
    db.fetch_all(
        "SELECT f.id, f.group_id, f.name, f.content_type, f.size, f.uploaded_at, f.uploaded_by, u.display_name AS uploader \
         FROM group_files f LEFT JOIN users u ON u.id = f.uploaded_by WHERE f.group_id = $1 \
         ORDER BY f.name, f.uploaded_at DESC, f.id DESC",
        &[group.into()],
    )
    .await
}

pub async fn add_file(
    db: &Db,
    group: i64,
    name: &str,
    content_type: &str,
    data: Vec<u8>,
    actor: i64,
    now: i64,
) -> DbResult<i64> {
    let size = data.len() as i64;
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO group_files (group_id, name, content_type, size, data, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[
                group.into(),
                name.into(),
                content_type.into(),
                size.into(),
                Value::Bytes(data),
                actor.into(),
                now.into(),
            ],
        )
        .await?;
    let details = serde_json::json!({ "name": name, "size": size }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "group.file",
        ("group", group),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The bytes a group's files take, all versions counted.
pub async fn used(db: &Db, group: i64) -> DbResult<i64> {
    let (n,): (Option<i64>,) = db
        .fetch_one(
            "SELECT CAST(SUM(size) AS BIGINT) FROM group_files WHERE group_id = $1",
            &[group.into()],
        )
        .await?;
    Ok(n.unwrap_or(0))
}

/// Who uploaded a file of the group (`None` inside when the account is gone); `None`
/// when the group has no such file.
pub async fn uploader(db: &Db, group: i64, id: i64) -> DbResult<Option<Option<i64>>> {
    let row: Option<(Option<i64>,)> = db
        .fetch_optional(
            "SELECT uploaded_by FROM group_files WHERE id = $1 AND group_id = $2",
            &[id.into(), group.into()],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

/// Deletes one file version, with its audit-log row.
pub async fn delete_file(db: &Db, group: i64, id: i64, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM group_files WHERE id = $1 AND group_id = $2",
        &[id.into(), group.into()],
    )
    .await?;
    let details = serde_json::json!({ "file": id }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "group.file_deleted",
        ("group", group),
        &details,
    )
    .await?;
    tx.commit().await
}

/// A file's group, name, type and bytes.
pub async fn file(db: &Db, id: i64) -> DbResult<Option<(i64, String, String, Vec<u8>)>> {
    db.fetch_optional(
        "SELECT group_id, name, content_type, data FROM group_files WHERE id = $1",
        &[id.into()],
    )
    .await
}

pub async fn meetings(db: &Db, group: i64, from: i64) -> DbResult<Vec<(String, i64, String)>> {
    db.fetch_all(
        "SELECT title, starts_at, place FROM group_meetings WHERE group_id = $1 AND starts_at >= $2 ORDER BY starts_at",
        &[group.into(), from.into()],
    )
    .await
}

pub async fn add_meeting(
    db: &Db,
    group: i64,
    title: &str,
    starts_at: i64,
    place: &str,
    actor: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO group_meetings (group_id, title, starts_at, place, created_by) VALUES ($1, $2, $3, $4, $5)",
        &[group.into(), title.into(), starts_at.into(), place.into(), actor.into()],
    )
    .await?;
    tx.commit().await
}

/// Threads with new posts since `since` in the groups the member belongs to:
/// (group slug, group name, thread id, title, last activity), newest first.
pub async fn activity_of(
    db: &Db,
    user: i64,
    since: i64,
    limit: i64,
) -> DbResult<Vec<(String, String, i64, String, i64)>> {
    db.fetch_all(
        "SELECT g.slug, g.name, t.id, t.title, t.updated_at FROM group_threads t \
         JOIN working_groups g ON g.id = t.group_id \
         JOIN group_members m ON m.group_id = g.id AND m.user_id = $1 AND m.role IN ('leitung', 'mitglied') \
         WHERE t.updated_at >= $2 ORDER BY t.updated_at DESC, t.id DESC LIMIT $3",
        &[user.into(), since.into(), limit.into()],
    )
    .await
}

/// Meetings in `[from, to)` of the groups the member belongs to:
/// (group slug, group name, title, start, place).
pub async fn meetings_of(
    db: &Db,
    user: i64,
    from: i64,
    to: i64,
) -> DbResult<Vec<(String, String, String, i64, String)>> {
    db.fetch_all(
        "SELECT g.slug, g.name, mt.title, mt.starts_at, mt.place FROM group_meetings mt \
         JOIN working_groups g ON g.id = mt.group_id \
         JOIN group_members m ON m.group_id = g.id AND m.user_id = $1 AND m.role IN ('leitung', 'mitglied') \
         WHERE mt.starts_at >= $2 AND mt.starts_at < $3 ORDER BY mt.starts_at, mt.id LIMIT 10",
        &[user.into(), from.into(), to.into()],
    )
    .await
}
