//! The only place with SQL. `Db` hides which backend runs: SQLite (default) or PostgreSQL,
//! chosen at run time from `DATABASE_URL`. Queries are written once in portable SQL with
//! `$1`-style parameters (both backends accept them) and bound from [`Value`]s.

pub mod api_tokens;
pub mod articles;
pub mod assemblies;
pub mod association;
pub mod backup;
pub mod categories;
pub mod comments;
pub mod directory;
pub mod duplicates;
pub mod evaluation;
pub mod event_details;
pub mod event_writes;
pub mod events;
pub mod fedi_following;
pub mod fediverse;
pub mod figures;
pub mod groups;
pub mod images;
pub mod jobs;
pub mod mailings;
pub mod messages;
pub mod moderation;
pub mod newsletters;
pub mod notifications;
pub mod organizations;
pub mod outbox;
mod packed;
pub mod personal;
pub mod pinboard;
pub mod planning;
pub mod profiles;
pub mod reach;
pub mod search_source;
pub mod seed;
pub mod series;
pub mod sessions;
pub mod social;
pub mod stats;
pub mod subscribers;
pub mod subscriptions;
pub mod transparency;
pub mod users;
pub mod venues;
pub mod webhooks;

use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{FromRow, Postgres, Sqlite};
use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported DATABASE_URL (use sqlite:// or postgres://): {0}")]
    UnsupportedUrl(String),
    #[error("could not create the data folder {0}: {1}")]
    Folder(String, std::io::Error),
    /// No turn to write within [`TURN_PATIENCE`].
    #[error("the database is busy: no turn to write within 10 s")]
    Busy,
    /// Rows read as one JSON array (see `packed`) that did not fit their type.
    #[error("packed rows: {0}")]
    Packed(serde_json::Error),
}

pub type DbResult<T> = Result<T, DbError>;

/// A bound parameter. Owned so that queries can be assembled from filters.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    OptInt(Option<i64>),
    Float(Option<f64>),
    Text(String),
    OptText(Option<String>),
    Bool(bool),
    Bytes(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::OptInt(v)
    }
}
impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Self {
        Value::Float(v)
    }
}

type SqliteQueryAs<'q, T> = sqlx::query::QueryAs<'q, Sqlite, T, sqlx::sqlite::SqliteArguments<'q>>;
type PgQueryAs<'q, T> = sqlx::query::QueryAs<'q, Postgres, T, sqlx::postgres::PgArguments>;

fn bind_sqlite<'q, T>(mut q: SqliteQueryAs<'q, T>, args: &[Value]) -> SqliteQueryAs<'q, T> {
    for a in args {
        q = match a.clone() {
            Value::Int(v) => q.bind(v),
            Value::OptInt(v) => q.bind(v),
            Value::Float(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::OptText(v) => q.bind(v),
            Value::Bool(v) => q.bind(v),
            Value::Bytes(v) => q.bind(v),
        };
    }
    q
}

fn bind_pg<'q, T>(mut q: PgQueryAs<'q, T>, args: &[Value]) -> PgQueryAs<'q, T> {
    for a in args {
        q = match a.clone() {
            Value::Int(v) => q.bind(v),
            Value::OptInt(v) => q.bind(v),
            Value::Float(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::OptText(v) => q.bind(v),
            Value::Bool(v) => q.bind(v),
            Value::Bytes(v) => q.bind(v),
        };
    }
    q
}

/// A row type readable from both backends.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// The connection pool of whichever backend `DATABASE_URL` names.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// See [`Db::pool_use`].
#[derive(Clone, Copy, Debug)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

/// An open transaction on either backend.
pub enum Tx {
    /// With this process's turn to write that SQLite file (see [`write_turn`]).
    Sqlite(sqlx::Transaction<'static, Sqlite>, WriteTurn),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// How many SQLite connections a pool keeps: reads are CPU-bound, so two per core keep
/// every core busy while one waits for the file; more only added page caches and
/// allocator arenas (with 8 on two cores, ~15 MB more anonymous memory under load).
fn sqlite_connections() -> u32 {
    std::thread::available_parallelism()
        .map(|n| u32::try_from(n.get() * 2).unwrap_or(16).clamp(4, 16))
        .unwrap_or(8)
}

impl Db {
    /// Connects to `url`. For SQLite the file and its folder are created when missing.
    pub async fn connect(url: &str) -> DbResult<Db> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // No memory map: each connection mapped the file for itself, and under
                // load the pages it touched counted once per connection (570 MB resident
                // at 100,000 events, issue 22). Each connection's own page cache (SQLite's
                // default, 2 MB) holds what the hot reads need.
                .pragma("mmap_size", "0");
            if let Some(parent) = options.get_filename().parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent)
                    .map_err(|e| DbError::Folder(parent.display().to_string(), e))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(sqlite_connections())
                // A SQLite connection is a file handle in this process: it cannot go stale
                // as a server's can, and the ping before each use was a round trip through
                // the connection's worker thread for every query.
                .test_before_acquire(false)
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(DbError::UnsupportedUrl(url.to_owned()))
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Applies the migrations of the backend in use.
    pub async fn migrate(&self) -> DbResult<()> {
        match self {
            Db::Sqlite(p) => {
                // SQLite changes a table's key only by rebuilding the table. Foreign keys
                // stay off while the migrations run (dropping the old table would cascade
                // otherwise; the pragma is ignored inside the migration's transaction) and
                // are checked as a whole before they are switched on again.
                let mut conn = p.acquire().await?;
                sqlx::query("PRAGMA foreign_keys = OFF")
                    .execute(&mut *conn)
                    .await?;
                let ran = sqlx::migrate!("./migrations/sqlite").run(&mut *conn).await;
                let broken: Result<Vec<SqliteRow>, sqlx::Error> =
                    sqlx::query("PRAGMA foreign_key_check")
                        .fetch_all(&mut *conn)
                        .await;
                sqlx::query("PRAGMA foreign_keys = ON")
                    .execute(&mut *conn)
                    .await?;
                ran?;
                if !broken?.is_empty() {
                    return Err(DbError::Migrate(sqlx::migrate::MigrateError::Execute(
                        sqlx::Error::Protocol(
                            "a migration left rows that point at missing rows".into(),
                        ),
                    )));
                }
            }
            Db::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Migrations plus the initial Sparten: what every command runs before using storage.
    pub async fn prepare(&self) -> DbResult<()> {
        self.migrate().await?;
        seed::ensure_categories(self).await
    }

    pub async fn fetch_all<T: Row>(&self, sql: &str, args: &[Value]) -> DbResult<Vec<T>> {
        Ok(match self {
            Db::Sqlite(p) => bind_sqlite(sqlx::query_as(sql), args).fetch_all(p).await?,
            Db::Postgres(p) => bind_pg(sqlx::query_as(sql), args).fetch_all(p).await?,
        })
    }

    pub async fn fetch_optional<T: Row>(&self, sql: &str, args: &[Value]) -> DbResult<Option<T>> {
        Ok(match self {
            Db::Sqlite(p) => {
                bind_sqlite(sqlx::query_as(sql), args)
                    .fetch_optional(p)
                    .await?
            }
            Db::Postgres(p) => bind_pg(sqlx::query_as(sql), args).fetch_optional(p).await?,
        })
    }

    pub async fn fetch_one<T: Row>(&self, sql: &str, args: &[Value]) -> DbResult<T> {
        Ok(match self {
            Db::Sqlite(p) => bind_sqlite(sqlx::query_as(sql), args).fetch_one(p).await?,
            Db::Postgres(p) => bind_pg(sqlx::query_as(sql), args).fetch_one(p).await?,
        })
    }

    /// Refreshes the planner's statistics (after bulk loads).
    pub async fn analyze(&self) -> DbResult<()> {
        let mut tx = self.begin().await?;
        tx.execute("ANALYZE", &[]).await?;
        tx.commit().await
    }

    /// Keeps the planner's statistics current while the portal runs (at start and hourly).
    /// SQLite keeps none unless asked: a database that grew by use instead of a bulk load
    /// has none, and without them the planner guessed that `status = 'published'` picks
    /// few events and scanned all 100,000 of them to find 50 by id (25 ms instead of
    /// 0.1 ms). `ANALYZE` runs in full (0.2 s at 100,000 events; a sampled one, as
    /// `PRAGMA optimize` makes, misjudged the same column and sent the duplicate check
    /// through every published event) and only when there are no statistics or the
    /// events grew or shrank by a quarter since. PostgreSQL's autovacuum does this itself.
    pub async fn refresh_statistics(&self) -> DbResult<()> {
        if let Db::Sqlite(_) = self {
            let counted: Option<(String,)> = self
                .fetch_optional(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'",
                    &[],
                )
                .await?;
            // Each index's row begins with the rows it covers (a partial one fewer).
            let counted: Option<i64> = match counted {
                None => None,
                Some(_) => self
                    .fetch_all::<(String,)>(
                        "SELECT stat FROM sqlite_stat1 WHERE tbl = 'events'",
                        &[],
                    )
                    .await?
                    .iter()
                    .filter_map(|(stat,)| stat.split(' ').next()?.parse().ok())
                    .max(),
            };
            let (now,): (i64,) = self.fetch_one("SELECT COUNT(*) FROM events", &[]).await?;
            let stale = counted.is_none_or(|c| now > c + c / 4 + 100 || now < c - c / 4);
            if stale {
                self.analyze().await?;
            }
        }
        Ok(())
    }

    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a transaction that reads first and writes later cannot wait for the lock when another
    /// writer got in between (SQLite answers „database is locked“ at once, which concurrent
    /// API writers got as 500s); taken up front, it waits its turn (busy timeout).
    pub async fn begin(&self) -> DbResult<Tx> {
        Ok(match self {
            Db::Sqlite(p) => {
                let turn = tokio::time::timeout(TURN_PATIENCE, write_turn(p).lock_owned())
                    .await
                    .map_err(|_| DbError::Busy)?;
                Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?, WriteTurn(turn))
            }
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// The pool's connections now: open, idle among them, and the limit.
    pub fn pool_use(&self) -> PoolUse {
        let (open, idle, max) = match self {
            Db::Sqlite(p) => (p.size(), p.num_idle(), p.options().get_max_connections()),
            Db::Postgres(p) => (p.size(), p.num_idle(), p.options().get_max_connections()),
        };
        PoolUse {
            open,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
            max,
        }
    }

    /// How many of this binary's migrations the database lacks (`None`: none), which also
    /// proves that it answers.
    pub async fn readiness(&self) -> DbResult<Option<usize>> {
        let known = match self {
            Db::Sqlite(_) => sqlx::migrate!("./migrations/sqlite").iter().count(),
            Db::Postgres(_) => sqlx::migrate!("./migrations/postgres").iter().count(),
        };
        let (applied,): (i64,) = self
            .fetch_one("SELECT COUNT(*) FROM _sqlx_migrations WHERE success", &[])
            .await?;
        let missing = known.saturating_sub(usize::try_from(applied).unwrap_or(0));
        Ok((missing > 0).then_some(missing))
    }

    /// Releases the pool (SQLite: checkpoints the WAL).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// This process's turn to write one SQLite file, held for a transaction's life.
pub struct WriteTurn(#[allow(dead_code)] tokio::sync::OwnedMutexGuard<()>);

/// As long as SQLite's own busy timeout.
const TURN_PATIENCE: Duration = Duration::from_secs(10);

/// The writers of this process queue for a SQLite file here, in order, and each one
/// starts as soon as the one before commits. Left to SQLite's lock alone, a writer that
/// found the file locked slept in growing steps (1, 2, 5 … 25 ms, its busy handler) and
/// missed its turn: four API clients got about 20 writes/s (issue 23). Other processes
/// (the command line while `serve` runs) still meet at SQLite's lock.
fn write_turn(pool: &SqlitePool) -> Arc<tokio::sync::Mutex<()>> {
    type Turns = std::sync::Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>;
    static TURNS: std::sync::OnceLock<Turns> = std::sync::OnceLock::new();
    let file = pool.connect_options().get_filename().to_path_buf();
    let mut turns = TURNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    turns.entry(file).or_default().clone()
}

/// The most parameters one statement may carry on both backends (SQLite's default cap).
const MAX_PARAMS: usize = 32_000;

impl Tx {
    pub async fn fetch_one<T: Row>(&mut self, sql: &str, args: &[Value]) -> DbResult<T> {
        Ok(match self {
            Tx::Sqlite(t, _) => {
                bind_sqlite(sqlx::query_as(sql), args)
                    .fetch_one(&mut **t)
                    .await?
            }
            Tx::Postgres(t) => {
                bind_pg(sqlx::query_as(sql), args)
                    .fetch_one(&mut **t)
                    .await?
            }
        })
    }

    pub async fn fetch_all<T: Row>(&mut self, sql: &str, args: &[Value]) -> DbResult<Vec<T>> {
        Ok(match self {
            Tx::Sqlite(t, _) => {
                bind_sqlite(sqlx::query_as(sql), args)
                    .fetch_all(&mut **t)
                    .await?
            }
            Tx::Postgres(t) => {
                bind_pg(sqlx::query_as(sql), args)
                    .fetch_all(&mut **t)
                    .await?
            }
        })
    }

    /// Runs a statement that returns no rows. (It goes through `fetch_all` so that one
    /// binding path serves every statement; a statement without rows decodes nothing.)
    pub async fn execute(&mut self, sql: &str, args: &[Value]) -> DbResult<()> {
        let _: Vec<(i64,)> = self.fetch_all(sql, args).await?;
        Ok(())
    }

    /// Inserts many rows with multi-row `VALUES` statements, chunked under the parameter cap.
    /// SQLite gets anonymous `?` placeholders here: it looks numbered ones up by name in a
    /// list, which makes binding thousands of them quadratic.
    pub async fn insert_many(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: Vec<Vec<Value>>,
    ) -> DbResult<()> {
        let per_row = columns.len().max(1);
        let chunk_rows = (MAX_PARAMS / per_row).clamp(1, 1000);
        let numbered = matches!(self, Tx::Postgres(_));
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<Value>> = rows.by_ref().take(chunk_rows).collect();
            let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
            let mut args = Vec::with_capacity(chunk.len() * per_row);
            for (i, row) in chunk.into_iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                for j in 0..row.len() {
                    if j > 0 {
                        sql.push_str(", ");
                    }
                    if numbered {
                        sql.push_str(&format!("${}", args.len() + j + 1));
                    } else {
                        sql.push('?');
                    }
                }
                sql.push(')');
                args.extend(row);
            }
            self.execute(&sql, &args).await?;
        }
        Ok(())
    }

    pub async fn commit(self) -> DbResult<()> {
        match self {
            Tx::Sqlite(t, _) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// Builds the `$n` placeholders of a filter as it grows, keeping SQL and values in step.
#[derive(Default)]
pub struct Params {
    pub values: Vec<Value>,
}

impl Params {
    /// Adds a value and returns its placeholder.
    pub fn push(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        format!("${}", self.values.len())
    }

    /// Placeholders for a list, joined by commas (for `IN (...)`).
    pub fn push_list<V: Into<Value>>(&mut self, vs: impl IntoIterator<Item = V>) -> String {
        vs.into_iter()
            .map(|v| self.push(v))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
