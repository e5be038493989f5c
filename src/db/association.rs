//! The association's records: its pages (every edit a new version), its documents (every
//! upload a new version, the bytes in the media store), its register of members with the
//! fees paid per year, and the numbers its statutes fix.

use super::users::audit;
use super::{Db, DbResult, Value};
use crate::domain::association::{FeeClass, MemberCategory, MemberKind, MemberStatus, Page};

/// One version of a page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PageVersion {
    pub version: i64,
    pub body_de: String,
    pub body_en: String,
    pub editor: Option<String>,
    pub edited_at: i64,
}

/// The latest version of a page, if it was ever written.
pub async fn page(db: &Db, page: Page) -> DbResult<Option<PageVersion>> {
    db.fetch_optional(
        "SELECT p.version, p.body_de, p.body_en, u.display_name AS editor, p.edited_at \
         FROM association_pages p LEFT JOIN users u ON u.id = p.edited_by \
         WHERE p.page = $1 ORDER BY p.version DESC LIMIT 1",
        &[page.key().into()],
    )
    .await
}

/// Every version of a page, newest first (at most 50).
pub async fn page_versions(db: &Db, page: Page) -> DbResult<Vec<PageVersion>> {
    db.fetch_all(
        "SELECT p.version, p.body_de, p.body_en, u.display_name AS editor, p.edited_at \
         FROM association_pages p LEFT JOIN users u ON u.id = p.edited_by \
         WHERE p.page = $1 ORDER BY p.version DESC LIMIT 50",
        &[page.key().into()],
    )
    .await
}

/// Writes a new version of a page; returns its number.
pub async fn save_page(
    db: &Db,
    page: Page,
    body_de: &str,
    body_en: &str,
    editor: Option<i64>,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (version,): (i64,) = tx
        .fetch_one(
            "INSERT INTO association_pages (page, version, body_de, body_en, edited_by, edited_at) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5 FROM association_pages WHERE page = $1 \
             RETURNING version",
            &[
                page.key().into(),
                body_de.into(),
                body_en.into(),
                Value::OptInt(editor),
                now.into(),
            ],
        )
        .await?;
    let details = serde_json::json!({ "page": page.key(), "version": version }).to_string();
    audit(
        &mut tx,
        now,
        editor,
        "association.page_saved",
        ("association_page", version),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// A document with its latest version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub title: String,
    pub title_en: String,
    pub version: i64,
    pub file_name: String,
    pub media_key: String,
    pub size: i64,
    pub uploaded_at: i64,
}

const LATEST: &str = "SELECT d.id, d.title, d.title_en, v.version, v.file_name, v.media_key, v.size, v.uploaded_at \
    FROM association_documents d JOIN association_document_versions v ON v.document_id = d.id \
    AND v.version = (SELECT MAX(version) FROM association_document_versions WHERE document_id = d.id)";

/// Every document in its latest version, in the order they were first added.
pub async fn documents(db: &Db) -> DbResult<Vec<DocumentRow>> {
    db.fetch_all(&format!("{LATEST} ORDER BY d.id"), &[]).await
}

/// The earlier versions of every document, newest first.
pub async fn document_history(db: &Db) -> DbResult<Vec<DocumentRow>> {
    db.fetch_all(
        "SELECT d.id, d.title, d.title_en, v.version, v.file_name, v.media_key, v.size, v.uploaded_at \
         FROM association_documents d JOIN association_document_versions v ON v.document_id = d.id \
         ORDER BY d.id, v.version DESC LIMIT 200",
        &[],
    )
    .await
}

/// Adds a version to document `existing`, or a new document when `None`; returns the
/// document's id and the version's number.
pub async fn add_document_version(
    db: &Db,
    existing: Option<i64>,
    titles: (&str, &str),
    file: (&str, &str, i64),
    uploader: Option<i64>,
    now: i64,
) -> DbResult<(i64, i64)> {
    let (file_name, media_key, size) = file;
    let mut tx = db.begin().await?;
    let id = match existing {
        Some(id) => id,
        None => {
            let (id,): (i64,) = tx
                .fetch_one(
                    "INSERT INTO association_documents (title, title_en, created_at) VALUES ($1, $2, $3) RETURNING id",
                    &[titles.0.into(), titles.1.into(), now.into()],
                )
                .await?;
            id
        }
    };
    let (version,): (i64,) = tx
        .fetch_one(
            "INSERT INTO association_document_versions (document_id, version, file_name, media_key, size, uploaded_by, uploaded_at) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6 FROM association_document_versions WHERE document_id = $1 \
             RETURNING version",
            &[
                id.into(),
                file_name.into(),
                media_key.into(),
                size.into(),
                Value::OptInt(uploader),
                now.into(),
            ],
        )
        .await?;
    let details = serde_json::json!({ "version": version, "file": file_name }).to_string();
    audit(
        &mut tx,
        now,
        uploader,
        "association.document",
        ("association_document", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok((id, version))
}

/// A member in the register.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub user_id: Option<i64>,
    pub email: Option<String>,
    #[sqlx(try_from = "String")]
    pub kind: MemberKind,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub category: MemberCategory,
    #[sqlx(try_from = "String")]
    pub fee_class: FeeClass,
    #[sqlx(try_from = "String")]
    pub status: MemberStatus,
    pub listed: bool,
    pub board_office: String,
    pub applied_at: i64,
    pub joined_at: Option<i64>,
    pub left_at: Option<i64>,
}

const MEMBER: &str = "SELECT m.id, m.user_id, u.email, m.kind, m.name, m.category, m.fee_class, m.status, \
    m.listed, m.board_office, m.applied_at, m.joined_at, m.left_at \
    FROM association_members m LEFT JOIN users u ON u.id = m.user_id";

/// The whole register, applications first, then by name.
pub async fn members(db: &Db) -> DbResult<Vec<MemberRow>> {
    db.fetch_all(
        &format!(
            "{MEMBER} ORDER BY CASE m.status WHEN 'beantragt' THEN 0 WHEN 'mitglied' THEN 1 WHEN 'ruhend' THEN 2 ELSE 3 END, m.name, m.id LIMIT 5000"
        ),
        &[],
    )
    .await
}

pub async fn member(db: &Db, id: i64) -> DbResult<Option<MemberRow>> {
    db.fetch_optional(&format!("{MEMBER} WHERE m.id = $1"), &[id.into()])
        .await
}

/// The membership an account speaks for that has not ended (at most one).
pub async fn membership_of(db: &Db, user: i64) -> DbResult<Option<MemberRow>> {
    db.fetch_optional(
        &format!(
            "{MEMBER} WHERE m.user_id = $1 AND m.status <> 'ausgetreten' ORDER BY m.id DESC LIMIT 1"
        ),
        &[user.into()],
    )
    .await
}

/// The board: members with an office, in the order of the offices' first letters.
pub async fn board(db: &Db) -> DbResult<Vec<MemberRow>> {
    db.fetch_all(
        &format!("{MEMBER} WHERE m.board_office <> '' AND m.status = 'mitglied' ORDER BY m.id"),
        &[],
    )
    .await
}

/// Whether the account sits on the board.
pub async fn is_board(db: &Db, user: i64) -> DbResult<bool> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM association_members WHERE user_id = $1 AND board_office <> '' AND status = 'mitglied'",
            &[user.into()],
        )
        .await?;
    Ok(n > 0)
}

/// Members that agreed to be listed publicly (organisations and persons).
pub async fn listed_members(db: &Db) -> DbResult<Vec<MemberRow>> {
    db.fetch_all(
        &format!("{MEMBER} WHERE m.listed AND m.status = 'mitglied' ORDER BY m.name LIMIT 1000"),
        &[],
    )
    .await
}

/// Files an application; returns the member's id.
pub async fn apply(
    db: &Db,
    user: i64,
    a: &crate::domain::association::Application,
    now: i64,
) -> DbResult<i64> {
    apply_as(db, Some(user), a, now).await
}

/// Files an application, also for a member without an account (entered by the board).
pub async fn apply_as(
    db: &Db,
    user: Option<i64>,
    a: &crate::domain::association::Application,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO association_members (user_id, kind, name, category, fee_class, status, listed, applied_at, statutes_version) \
             VALUES ($1, $2, $3, $4, $5, 'beantragt', $6, $7, \
             COALESCE((SELECT MAX(v.version) FROM association_document_versions v WHERE v.document_id = (SELECT MIN(id) FROM association_documents)), 0)) \
             RETURNING id",
            &[
                Value::OptInt(user),
                a.kind.key().into(),
                a.name.as_str().into(),
                a.category.key().into(),
                a.fee_class.key().into(),
                a.listed.into(),
                now.into(),
            ],
        )
        .await?;
    audit(
        &mut tx,
        now,
        user,
        "association.applied",
        ("association_member", id),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves a membership to `status` (joined or left dates set on the way).
pub async fn set_status(
    db: &Db,
    id: i64,
    status: MemberStatus,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE association_members SET status = $1, \
         joined_at = CASE WHEN $1 = 'mitglied' THEN COALESCE(joined_at, $2) ELSE joined_at END, \
         left_at = CASE WHEN $1 = 'ausgetreten' THEN $2 ELSE left_at END, \
         board_office = CASE WHEN $1 = 'mitglied' THEN board_office ELSE '' END WHERE id = $3",
        &[status.key().into(), now.into(), id.into()],
    )
    .await?;
    let details = serde_json::json!({ "status": status.key() }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "association.member_status",
        ("association_member", id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Sets a member's office on the board (`""`: none).
pub async fn set_office(
    db: &Db,
    id: i64,
    office: &str,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE association_members SET board_office = $1 WHERE id = $2",
        &[office.into(), id.into()],
    )
    .await?;
    let details = serde_json::json!({ "office": office }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "association.office",
        ("association_member", id),
        &details,
    )
    .await?;
    tx.commit().await
}

/// Records the fee of `year` as paid.
pub async fn record_fee(
    db: &Db,
    member: i64,
    year: i64,
    cents: i64,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO association_fees (member_id, year, cents, paid_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (member_id, year) DO UPDATE SET cents = excluded.cents, paid_at = excluded.paid_at",
        &[member.into(), year.into(), cents.into(), now.into()],
    )
    .await?;
    let details = serde_json::json!({ "year": year, "cents": cents }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "association.fee_paid",
        ("association_member", member),
        &details,
    )
    .await?;
    tx.commit().await
}

/// The fees paid: (member, year, cents).
pub async fn fees(db: &Db) -> DbResult<Vec<(i64, i64, i64)>> {
    db.fetch_all(
        "SELECT member_id, year, cents FROM association_fees ORDER BY member_id, year LIMIT 50000",
        &[],
    )
    .await
}

/// A number the statutes fix (`notice_days`, `max_proxies`).
pub async fn setting(db: &Db, key: &str, default: i64) -> DbResult<i64> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            "SELECT value FROM association_settings WHERE key = $1",
            &[key.into()],
        )
        .await?;
    Ok(row.map_or(default, |r| r.0))
}

pub async fn set_setting(db: &Db, key: &str, value: i64, actor: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO association_settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[key.into(), value.into()],
    )
    .await?;
    let details = serde_json::json!({ "key": key, "value": value }).to_string();
    audit(
        &mut tx,
        now,
        Some(actor),
        "association.setting",
        ("association", 0),
        &details,
    )
    .await?;
    tx.commit().await
}
