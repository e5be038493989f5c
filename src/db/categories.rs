//! Sparten.

use super::{Db, DbResult};
use crate::domain::category::Category;

pub async fn all(db: &Db) -> DbResult<Vec<Category>> {
    db.fetch_all(
        "SELECT id, slug, name, name_en FROM categories ORDER BY position, name",
        &[],
    )
    .await
}
