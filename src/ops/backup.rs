//! `kulturportal backup --to DIR` and `kulturportal restore --from DIR`.
//!
//! A backup folder holds the database (SQLite: `kulturportal.db`, a `VACUUM INTO` copy;
//! PostgreSQL: `kulturportal.pgdump`, `pg_dump --format=custom` of one exported snapshot),
//! the stored files under `media/` (from the media folder, or from the object store when
//! `KP_STORAGE_URL` is `s3://…`; `restore` puts them back where they came from), and `manifest.json` with the row count of every table
//! in the copied state and the number and size of the files. Both are taken while the
//! portal runs: writers go on, the copy is of one moment. A restore goes into an empty
//! database and an empty media folder only, and checks the counts afterwards.

use crate::db::{self, Db};
use crate::media::{FsStore, MediaStore, S3Settings};
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SQLITE_FILE: &str = "kulturportal.db";
const PG_FILE: &str = "kulturportal.pgdump";
const MANIFEST: &str = "manifest.json";
const MEDIA: &str = "media";

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// The portal version that wrote it.
    pub version: String,
    /// `sqlite` or `postgres`: a backup is restored into the same kind of database.
    pub backend: String,
    /// When the backup began (RFC 3339).
    pub taken_at: String,
    /// Rows per table in the copied state.
    pub rows: BTreeMap<String, i64>,
    pub files: u64,
    pub file_bytes: u64,
}

/// Where the portal's stored files are.
pub enum Files {
    /// A folder (`KP_MEDIA_DIR`, or `KP_STORAGE_URL` naming a folder).
    Folder(PathBuf),
    /// An object store (`KP_STORAGE_URL=s3://bucket/prefix`).
    Store(Arc<dyn MediaStore>),
}

impl Files {
    /// As `serve` chooses: `KP_STORAGE_URL` when set, else the media folder.
    pub fn of(storage_url: &str, media_dir: &Path, s3: &S3Settings) -> anyhow::Result<Files> {
        let url = storage_url.trim();
        Ok(if url.starts_with("s3://") {
            Files::Store(crate::media::open(url, media_dir, s3)?)
        } else if url.is_empty() {
            Files::Folder(media_dir.to_path_buf())
        } else {
            Files::Folder(PathBuf::from(url.strip_prefix("file://").unwrap_or(url)))
        })
    }
}

/// Writes a backup of `db` and its files into `to` (created; must be empty if it exists).
pub async fn backup(
    db: &Db,
    database_url: &str,
    files: &Files,
    to: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Manifest> {
    empty_folder(to)?;
    let rows = match db {
        Db::Sqlite(_) => {
            let file = absolute(&to.join(SQLITE_FILE))?;
            db::backup::sqlite_copy(db, &file)
                .await
                .context("copying the SQLite database")?
                .unwrap_or_default()
        }
        Db::Postgres(_) => {
            let mut snapshot = db::backup::PgSnapshot::begin(db)
                .await?
                .context("a PostgreSQL snapshot")?;
            let rows = snapshot.counts().await?;
            let file = to.join(PG_FILE);
            let (url, id) = (database_url.to_owned(), snapshot.id.clone());
            let dumped = tokio::task::spawn_blocking(move || {
                run(
                    "pg_dump",
                    &[
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        &format!("--snapshot={id}"),
                        &format!("--file={}", file.display()),
                        &format!("--dbname={url}"),
                    ],
                )
            })
            .await?;
            snapshot.end().await?;
            dumped?;
            rows
        }
    };
    // Files are written once under their key and never changed, so copying them after the
    // database is enough: a file newer than the copy is merely unused. Objects land in the
    // folder layout of the media folder, so either kind of backup restores into either.
    let (files, file_bytes) = match files {
        Files::Folder(dir) => copy_tree(dir, &to.join(MEDIA))?,
        Files::Store(store) => {
            let folder = FsStore::new(to.join(MEDIA));
            crate::media::copy_all(store.as_ref(), &folder)
                .await
                .context("copying the objects of the store")?;
            tree_size(&to.join(MEDIA))?
        }
    };
    let manifest = Manifest {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        backend: db.backend_name().to_owned(),
        taken_at: now.to_rfc3339(),
        rows,
        files,
        file_bytes,
    };
    std::fs::write(to.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)
        .context("writing the manifest")?;
    Ok(manifest)
}

/// Brings a backup back into an empty database (`database_url`) and an empty media folder
/// or object store, then checks every table's row count and the files against the manifest.
pub async fn restore(database_url: &str, files: &Files, from: &Path) -> anyhow::Result<Manifest> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(from.join(MANIFEST)).context("reading the backup's manifest.json")?,
    )
    .context("the backup's manifest.json")?;
    match files {
        Files::Folder(media_dir) => {
            if media_dir.exists() && std::fs::read_dir(media_dir)?.next().is_some() {
                bail!(
                    "the media folder {} is not empty: restore only into an empty place",
                    media_dir.display()
                );
            }
        }
        Files::Store(store) => {
            if !store.keys().await?.is_empty() {
                bail!("the object store is not empty: restore only into an empty place");
            }
        }
    }
    let db = Db::connect(database_url).await?;
    if db.backend_name() != manifest.backend {
        bail!(
            "the backup is of a {} database, the target is {}",
            manifest.backend,
            db.backend_name()
        );
    }
    if !db::backup::is_empty(&db).await? {
        bail!("the target database is not empty: restore only into an empty database");
    }
    match db {
        Db::Sqlite(_) => {
            // Replace the empty file that connecting created by the copy.
            let target = sqlite_file(database_url)?;
            db.close().await;
            std::fs::copy(from.join(SQLITE_FILE), &target)
                .with_context(|| format!("copying into {}", target.display()))?;
            for suffix in ["-wal", "-shm"] {
                let _ =
                    std::fs::remove_file(PathBuf::from(format!("{}{suffix}", target.display())));
            }
        }
        Db::Postgres(_) => {
            db.close().await;
            let (url, file) = (database_url.to_owned(), from.join(PG_FILE));
            tokio::task::spawn_blocking(move || {
                run(
                    "pg_restore",
                    &[
                        "--no-owner",
                        "--no-privileges",
                        "--exit-on-error",
                        &format!("--dbname={url}"),
                        &file.display().to_string(),
                    ],
                )
            })
            .await??;
        }
    }
    let (files, file_bytes) = match files {
        Files::Folder(media_dir) => copy_tree(&from.join(MEDIA), media_dir)?,
        Files::Store(store) => {
            let folder = FsStore::new(from.join(MEDIA));
            crate::media::copy_all(&folder, store.as_ref())
                .await
                .context("putting the objects back into the store")?;
            // What the store lists now, against what the backup holds.
            let listed = store.keys().await?.len() as u64;
            let (held, bytes) = tree_size(&from.join(MEDIA))?;
            if listed != held {
                bail!("the object store lists {listed} files, the backup holds {held}");
            }
            (listed, bytes)
        }
    };
    let db = Db::connect(database_url).await?;
    let rows = db::backup::counts(&db).await?;
    db.close().await;
    if rows != manifest.rows || files != manifest.files || file_bytes != manifest.file_bytes {
        bail!(
            "the restored state differs from the backup: rows {:?} / {:?}, files {files} / {}",
            diff(&manifest.rows, &rows),
            diff(&rows, &manifest.rows),
            manifest.files
        );
    }
    Ok(manifest)
}

fn diff(a: &BTreeMap<String, i64>, b: &BTreeMap<String, i64>) -> Vec<String> {
    a.iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k}={v}"))
        .collect()
}

fn run(program: &str, args: &[&str]) -> anyhow::Result<()> {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .with_context(|| format!("starting {program} (PostgreSQL's client tools are needed)"))?;
    if !out.status.success() {
        bail!(
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// The file of a `sqlite://` URL.
fn sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    use std::str::FromStr;
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    Ok(options.get_filename().to_path_buf())
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    Ok(if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    })
}

fn empty_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        if std::fs::read_dir(dir)?.next().is_some() {
            bail!("{} is not empty: back up into a new folder", dir.display());
        }
    } else {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    Ok(())
}

/// How many files under `dir` and their bytes (missing `dir`: none).
fn tree_size(dir: &Path) -> anyhow::Result<(u64, u64)> {
    let (mut files, mut bytes) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                files += 1;
                bytes += entry.metadata()?.len();
            }
        }
    }
    Ok((files, bytes))
}

/// Copies every file under `from` to `to` (missing `from`: nothing); (files, bytes).
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<(u64, u64)> {
    let (mut files, mut bytes) = (0, 0);
    if !from.exists() {
        return Ok((0, 0));
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = from.join(&rel);
        std::fs::create_dir_all(to.join(&rel))?;
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .collect::<Result<_, _>>()?;
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let kind = entry.file_type()?;
            let rel = rel.join(entry.file_name());
            if kind.is_dir() {
                stack.push(rel);
            } else if kind.is_file() {
                bytes += std::fs::copy(from.join(&rel), to.join(&rel))
                    .with_context(|| format!("copying {}", rel.display()))?;
                files += 1;
            }
        }
    }
    Ok((files, bytes))
}
