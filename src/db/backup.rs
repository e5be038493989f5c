//! The database side of backups: a consistent copy while the portal runs, and the row
//! counts of every table in that same state (what a restore is checked against).

use super::{Db, DbResult, Tx};
use std::collections::BTreeMap;
use std::path::Path;

/// The tables of the schema (the migrations' bookkeeping left out), sorted.
async fn tables(tx: &mut Tx) -> DbResult<Vec<String>> {
    let sql = match tx {
        Tx::Sqlite(..) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name"
        }
        Tx::Postgres(_) => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> '_sqlx_migrations' ORDER BY table_name"
        }
    };
    let rows: Vec<(String,)> = tx.fetch_all(sql, &[]).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Rows per table, read in one transaction.
pub async fn counts_in(tx: &mut Tx) -> DbResult<BTreeMap<String, i64>> {
    let mut out = BTreeMap::new();
    for table in tables(tx).await? {
        // The names come from the catalog and are quoted: no input reaches this SQL.
        let sql = format!("SELECT COUNT(*) FROM \"{}\"", table.replace('"', "\"\""));
        let (n,): (i64,) = tx.fetch_one(&sql, &[]).await?;
        out.insert(table, n);
    }
    Ok(out)
}

/// Rows per table of the whole database.
pub async fn counts(db: &Db) -> DbResult<BTreeMap<String, i64>> {
    let mut tx = db.begin().await?;
    let out = counts_in(&mut tx).await?;
    tx.commit().await?;
    Ok(out)
}

/// Whether the database holds no portal yet (no migration applied): a restore target.
pub async fn is_empty(db: &Db) -> DbResult<bool> {
    let sql = match db {
        Db::Sqlite(_) => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        Db::Postgres(_) => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        }
    };
    let (n,): (i64,) = db.fetch_one(sql, &[]).await?;
    Ok(n == 0)
}

/// SQLite: writes a consistent copy of the live database to `file` (`VACUUM INTO`, which
/// reads one snapshot while writers go on) and returns the counts of that copy.
pub async fn sqlite_copy(db: &Db, file: &Path) -> DbResult<Option<BTreeMap<String, i64>>> {
    let Db::Sqlite(pool) = db else {
        return Ok(None);
    };
    sqlx::query("VACUUM INTO ?")
        .bind(file.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    let copy = Db::connect(&format!("sqlite://{}", file.display())).await?;
    let counts = counts(&copy).await;
    copy.close().await;
    counts.map(Some)
}

/// PostgreSQL: a transaction whose snapshot `pg_dump --snapshot` can share, so that the
/// dump and the counts see the same state. Keep it open until the dump has started.
pub struct PgSnapshot {
    tx: Tx,
    pub id: String,
}

impl PgSnapshot {
    pub async fn begin(db: &Db) -> DbResult<Option<PgSnapshot>> {
        if !matches!(db, Db::Postgres(_)) {
            return Ok(None);
        }
        let mut tx = db.begin().await?;
        tx.execute(
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            &[],
        )
        .await?;
        let (id,): (String,) = tx.fetch_one("SELECT pg_export_snapshot()", &[]).await?;
        Ok(Some(PgSnapshot { tx, id }))
    }

    pub async fn counts(&mut self) -> DbResult<BTreeMap<String, i64>> {
        counts_in(&mut self.tx).await
    }

    pub async fn end(self) -> DbResult<()> {
        self.tx.commit().await
    }
}
