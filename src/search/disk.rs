//! The index kept on disk between starts (`KP_INDEX_DIR`), so that a start opens it and
//! applies what the outbox recorded since, instead of rebuilding from every event.
//!
//! Each running instance takes its own folder under the index directory (`instance-0`,
//! `instance-1` …) by an exclusive lock on its `.lock` file, held while the process
//! lives: two instances on one host never write one index. Inside, the index lives in
//! `a/` or `b/` (`current` names which): a rebuild at run time writes the other one and
//! switches, so searches go on meanwhile. Every commit carries a payload (the index
//! version and the outbox id up to which it is complete), written atomically with it.

use super::SearchError;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// Bump when the schema, the analyzer or what a document holds changes: an index written
/// by another version is rebuilt (a changed schema is also caught by comparing it).
pub const VERSION: &str = "kulturportal-index-1";

/// What each commit records beside the documents.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Payload {
    pub version: String,
    /// Every outbox change up to this id is in the index.
    pub outbox: i64,
}

impl Payload {
    pub fn at(outbox: i64) -> String {
        serde_json::to_string(&Payload {
            version: VERSION.to_owned(),
            outbox,
        })
        .unwrap_or_default()
    }

    pub fn parse(text: Option<&str>) -> Option<Payload> {
        serde_json::from_str(text?).ok()
    }
}

/// This instance's folder under the index directory, locked while it lives.
#[derive(Debug)]
pub struct Slot {
    root: PathBuf,
    _lock: File,
}

/// How many instances may share one index directory.
const MAX_SLOTS: usize = 64;

impl Slot {
    /// Takes the first folder no other running process holds.
    pub fn claim(dir: &Path) -> io::Result<Slot> {
        std::fs::create_dir_all(dir)?;
        for n in 0..MAX_SLOTS {
            let root = dir.join(format!("instance-{n}"));
            std::fs::create_dir_all(&root)?;
            let lock = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(root.join(".lock"))?;
            match lock.try_lock() {
                Ok(()) => return Ok(Slot { root, _lock: lock }),
                Err(TryLockError::WouldBlock) => continue,
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
        Err(io::Error::other(format!(
            "{MAX_SLOTS} index folders under {} are in use",
            dir.display()
        )))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of the index in use, when there is one.
    pub fn current(&self) -> Option<PathBuf> {
        let name = std::fs::read_to_string(self.root.join("current")).ok()?;
        let name = name.trim();
        matches!(name, "a" | "b").then(|| self.root.join(name))
    }

    /// An empty folder for a new index (the one not in use).
    pub fn fresh(&self) -> Result<PathBuf, SearchError> {
        let name = match self.current() {
            Some(p) if p.ends_with("a") => "b",
            _ => "a",
        };
        let folder = self.root.join(name);
        if folder.exists() {
            std::fs::remove_dir_all(&folder)?;
        }
        std::fs::create_dir_all(&folder)?;
        Ok(folder)
    }

    /// Makes `folder` the index in use and removes the other one (open files of the old
    /// index stay readable until they are closed).
    pub fn switch_to(&self, folder: &Path) -> Result<(), SearchError> {
        let name = if folder.ends_with("a") { "a" } else { "b" };
        let temp = self.root.join("current.partial");
        std::fs::write(&temp, name)?;
        std::fs::rename(&temp, self.root.join("current"))?;
        let other = self.root.join(if name == "a" { "b" } else { "a" });
        if other.exists() {
            let _ = std::fs::remove_dir_all(other);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_claims_get_two_folders_and_a_freed_one_is_taken_again() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = Slot::claim(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let second = Slot::claim(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(first.root(), second.root());
        let root = first.root().to_path_buf();
        drop(first);
        let third = Slot::claim(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(third.root(), root);
    }

    #[test]
    fn the_payload_reads_back_and_refuses_strangers() {
        let p = Payload::parse(Some(&Payload::at(42)));
        assert_eq!(p.map(|p| (p.version, p.outbox)), Some((VERSION.into(), 42)));
        assert_eq!(Payload::parse(Some("{}")), None);
        assert_eq!(Payload::parse(None), None);
    }
}
