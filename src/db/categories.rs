//! Sparten.

use super::{Db, DbResult};
use crate::domain::category::Category;
use std::sync::Arc;

/// The Sparten in memory: read on every page, replaced as a whole when they change.
#[derive(Clone, Default)]
pub struct Categories(Arc<std::sync::RwLock<Arc<Vec<Category>>>>);

impl Categories {
    pub fn new(list: Vec<Category>) -> Categories {
        Categories(Arc::new(std::sync::RwLock::new(Arc::new(list))))
    }

    pub fn list(&self) -> Arc<Vec<Category>> {
        match self.0.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reloads the Sparten from the database.
    pub async fn reload(&self, db: &Db) -> DbResult<()> {
        let fresh = Arc::new(all(db).await?);
        match self.0.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }
}

pub async fn all(db: &Db) -> DbResult<Vec<Category>> {
    db.fetch_all(
        "SELECT id, slug, name, name_en FROM categories ORDER BY position, name",
        &[],
    )
    .await
}

/// Adds a Sparte at the end of the list, with its audit-log row.
pub async fn add(
    db: &Db,
    slug: &str,
    name: &str,
    name_en: &str,
    actor: i64,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO categories (slug, name, name_en, position) VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM categories)) RETURNING id",
            &[slug.into(), name.into(), name_en.into()],
        )
        .await?;
    let details = serde_json::json!({ "slug": slug, "name": name }).to_string();
    super::users::audit(
        &mut tx,
        now,
        Some(actor),
        "category.created",
        ("category", id),
        &details,
    )
    .await?;
    tx.commit().await
}
