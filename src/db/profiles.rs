//! Members' profiles in the competence directory.

use super::{Db, DbResult};
use crate::domain::competences::ProfileInput;

#[derive(Debug, Clone, sqlx::FromRow, Default)]
pub struct ProfileRow {
    pub user_id: i64,
    pub display_name: String,
    pub listed: bool,
    pub show_organizations: bool,
    pub competences: String,
    pub other_competences: String,
    pub languages: String,
    pub available_for: String,
}

const SELECT: &str = "SELECT p.user_id, u.display_name, p.listed, p.show_organizations, p.competences, \
    p.other_competences, p.languages, p.available_for FROM member_profiles p JOIN users u ON u.id = p.user_id";

pub async fn of(db: &Db, user: i64) -> DbResult<Option<ProfileRow>> {
    db.fetch_optional(&format!("{SELECT} WHERE p.user_id = $1"), &[user.into()])
        .await
}

/// Everyone who chose to be listed, by name.
pub async fn listed(db: &Db) -> DbResult<Vec<ProfileRow>> {
    db.fetch_all(
        &format!("{SELECT} WHERE p.listed = TRUE ORDER BY u.display_name, p.user_id"),
        &[],
    )
    .await
}

pub async fn save(db: &Db, user: i64, p: &ProfileInput, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO member_profiles (user_id, listed, show_organizations, competences, other_competences, languages, available_for, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id) DO UPDATE SET listed = excluded.listed, \
         show_organizations = excluded.show_organizations, competences = excluded.competences, \
         other_competences = excluded.other_competences, languages = excluded.languages, \
         available_for = excluded.available_for, updated_at = excluded.updated_at",
        &[
            user.into(),
            p.listed.into(),
            p.show_organizations.into(),
            p.competences.join(",").into(),
            p.other_competences.as_str().into(),
            p.languages.as_str().into(),
            p.available_for.as_str().into(),
            now.into(),
        ],
    )
    .await?;
    tx.commit().await
}
