//! Where image variants live: the [`MediaStore`] seam, validated keys, a folder store.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use sha2::{Digest, Sha256};

use super::process::Processed;

/// The name of one stored variant: `<sha256 of the upload, 64 lowercase hex>-<width>.<jpg|png>`
/// (or `-1.pdf` for a document of the association).
///
/// Nothing else parses, so a key has no slash, no `..` and only the one dot of its
/// extension: it can never name a file outside the store's folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MediaKey(String);

impl MediaKey {
    /// Length of the hex SHA-256 at the start of every key.
    pub const HASH_LEN: usize = 64;

    /// Accepts exactly `[0-9a-f]{64}-<width>.(jpg|png)`, the width without leading zeros
    /// and not zero.
    pub fn parse(s: &str) -> Option<MediaKey> {
        let (hash, rest) = s.split_at_checked(Self::HASH_LEN)?;
        let (width, extension) = rest.strip_prefix('-')?.split_once('.')?;
        let ok = hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && is_canonical_width(width)
            && content_type_of(extension).is_some();
        ok.then(|| MediaKey(s.to_owned()))
    }

    /// Builds the key for a variant; `None` if any part is not valid.
    pub fn new(hash_hex: &str, width: u32, extension: &str) -> Option<MediaKey> {
        Self::parse(&format!("{hash_hex}-{width}.{extension}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `image/jpeg`, `image/png` or `application/pdf`, from the extension.
    pub fn content_type(&self) -> &'static str {
        let extension = self.0.rsplit('.').next().unwrap_or_default();
        content_type_of(extension).unwrap_or("application/octet-stream")
    }

    /// The first two hex digits: a subfolder, so no folder holds too many files.
    fn shard(&self) -> &str {
        self.0.get(..2).unwrap_or_default()
    }
}

impl fmt::Display for MediaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn content_type_of(extension: &str) -> Option<&'static str> {
    match extension {
        "jpg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        // The association's documents (statutes, minutes), stored beside the images.
        "pdf" => Some("application/pdf"),
        _ => None,
    }
}

fn is_canonical_width(width: &str) -> bool {
    !width.starts_with('0')
        && width.bytes().all(|b| b.is_ascii_digit())
        && width.parse::<u32>().is_ok()
}

/// Storage for image variants. The folder store serves a single instance; an
/// S3-compatible store can implement the same trait for several instances.
#[async_trait]
pub trait MediaStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing what was there; all or nothing.
    async fn put(&self, key: &MediaKey, bytes: Vec<u8>) -> io::Result<()>;
    /// The stored bytes, or `None` if nothing is stored under `key`.
    async fn get(&self, key: &MediaKey) -> io::Result<Option<Vec<u8>>>;
    /// Removes `key`; removing a missing key is not an error.
    async fn delete(&self, key: &MediaKey) -> io::Result<()>;
    /// Every key stored, sorted (for copying a portal's files to another store).
    async fn keys(&self) -> io::Result<Vec<MediaKey>>;
}

/// Stores variants as files under `root/<first two hex digits>/<key>`.
#[derive(Debug, Clone)]
pub struct FsStore {
    root: PathBuf,
}

impl FsStore {
    pub fn new(root: impl Into<PathBuf>) -> FsStore {
        FsStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &MediaKey) -> PathBuf {
        self.root.join(key.shard()).join(key.as_str())
    }
}

#[async_trait]
impl MediaStore for FsStore {
    async fn put(&self, key: &MediaKey, bytes: Vec<u8>) -> io::Result<()> {
        let path = self.path(key);
        tokio::task::spawn_blocking(move || write_atomically(&path, &bytes))
            .await
            .map_err(io::Error::other)?
    }

    async fn get(&self, key: &MediaKey) -> io::Result<Option<Vec<u8>>> {
        match tokio::fs::read(self.path(key)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn delete(&self, key: &MediaKey) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    async fn keys(&self) -> io::Result<Vec<MediaKey>> {
        let root = self.root.clone();
        tokio::task::spawn_blocking(move || {
            let mut keys = Vec::new();
            let shards = match std::fs::read_dir(&root) {
                Ok(s) => s,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(keys),
                Err(e) => return Err(e),
            };
            for shard in shards {
                let shard = shard?;
                if !shard.file_type()?.is_dir() {
                    continue;
                }
                for file in std::fs::read_dir(shard.path())? {
                    // Temporary files of an interrupted write parse as no key.
                    if let Some(key) = file?.file_name().to_str().and_then(MediaKey::parse) {
                        keys.push(key);
                    }
                }
            }
            keys.sort_by(|a, b| a.as_str().cmp(b.as_str()));
            Ok(keys)
        })
        .await
        .map_err(io::Error::other)?
    }
}

/// Writes a temp file in the target's folder, flushes it to disk, then renames it over
/// the target: a crash leaves the old file or the new one, never half an image. (A
/// crash may leave a `.tmp*` file behind; no key can name it.)
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path
        .parent()
        .ok_or_else(|| io::Error::other("media path has no parent folder"))?;
    std::fs::create_dir_all(folder)?;
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path)?;
    Ok(())
}

/// A variant as stored: its key and size, for the database row and the `srcset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVariant {
    pub key: MediaKey,
    pub width: u32,
    pub height: u32,
}

/// Stores every variant under the SHA-256 of the original upload, so the same upload
/// twice yields the same keys.
pub async fn store_processed(
    store: &dyn MediaStore,
    original: &[u8],
    processed: &Processed,
) -> io::Result<Vec<StoredVariant>> {
    let hash = hex::encode(Sha256::digest(original));
    let mut stored = Vec::with_capacity(processed.variants.len());
    for variant in &processed.variants {
        let key = MediaKey::new(&hash, variant.width, variant.extension).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "no media key for a {}-wide {} variant",
                    variant.width, variant.extension
                ),
            )
        })?;
        store.put(&key, variant.bytes.clone()).await?;
        stored.push(StoredVariant {
            key,
            width: variant.width,
            height: variant.height,
        });
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::{Limits, process};

    const HASH: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn key(width: u32, extension: &str) -> MediaKey {
        MediaKey::new(HASH, width, extension)
            .unwrap_or_else(|| panic!("{HASH}-{width}.{extension} should be a key"))
    }

    #[test]
    fn media_key_accepts_the_canonical_form() {
        let jpg = key(480, "jpg");
        assert_eq!(jpg.as_str(), format!("{HASH}-480.jpg"));
        assert_eq!(jpg.content_type(), "image/jpeg");
        assert_eq!(key(1600, "png").content_type(), "image/png");
        assert_eq!(MediaKey::parse(jpg.as_str()), Some(jpg));
    }

    #[test]
    fn media_key_rejects_everything_else() {
        let upper = HASH.to_uppercase();
        let rejected = [
            "".to_owned(),
            "abc".to_owned(),
            "../x".to_owned(),
            format!("../{HASH}-480.jpg"),
            format!("{HASH}-480.jpg/../../etc/passwd"),
            format!("{}/-480.jpg", &HASH[..63]),
            format!("{upper}-480.jpg"),
            format!("{HASH}-480.JPG"),
            format!("{HASH}-480.gif"),
            format!("{HASH}-480.jpg.png"),
            format!("{HASH}-480"),
            format!("{HASH}-.jpg"),
            format!("{HASH}-0.jpg"),
            format!("{HASH}-0480.jpg"),
            format!("{HASH}--480.jpg"),
            format!("{HASH}-+480.jpg"),
            format!("{HASH}-99999999999.jpg"),
            format!("{HASH}0-480.jpg"),
            format!("{}-480.jpg", &HASH[..62]),
            format!("{}g-480.jpg", &HASH[..63]),
            format!("{}ä-480.jpg", &HASH[..62]),
        ];
        for candidate in &rejected {
            assert_eq!(
                MediaKey::parse(candidate),
                None,
                "{candidate:?} must be rejected"
            );
        }
        assert_eq!(MediaKey::new("abc", 480, "jpg"), None);
        assert_eq!(MediaKey::new(HASH, 0, "jpg"), None);
        assert_eq!(MediaKey::new(HASH, 480, "webp"), None);
    }

    #[tokio::test]
    async fn fs_store_put_get_delete_roundtrip() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = FsStore::new(dir.path());
        let key = key(480, "jpg");

        assert_eq!(store.get(&key).await?, None);
        store.put(&key, b"first".to_vec()).await?;
        assert_eq!(store.get(&key).await?, Some(b"first".to_vec()));
        store.put(&key, b"second".to_vec()).await?;
        assert_eq!(store.get(&key).await?, Some(b"second".to_vec()));

        // Sharded by the first two hex digits; no temp file left behind.
        let folder = dir.path().join("01");
        let names: Vec<String> = std::fs::read_dir(&folder)?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<io::Result<_>>()?;
        assert_eq!(names, vec![key.as_str().to_owned()]);

        store.delete(&key).await?;
        assert_eq!(store.get(&key).await?, None);
        store.delete(&key).await?;
        Ok(())
    }

    #[tokio::test]
    async fn store_processed_keys_variants_by_the_hash_of_the_upload() -> io::Result<()> {
        let mut upload = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            1000,
            500,
            image::Rgb([9, 99, 199]),
        ))
        .write_to(&mut upload, image::ImageFormat::Png)
        .map_err(io::Error::other)?;
        let upload = upload.into_inner();
        let processed = process(&upload, &Limits::default()).map_err(io::Error::other)?;

        let dir = tempfile::tempdir()?;
        let store = FsStore::new(dir.path());
        let stored = store_processed(&store, &upload, &processed).await?;

        let hash = hex::encode(Sha256::digest(&upload));
        let keys: Vec<&str> = stored.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                format!("{hash}-480.jpg"),
                format!("{hash}-960.jpg"),
                format!("{hash}-1000.jpg")
            ]
        );
        assert_eq!(
            stored
                .iter()
                .map(|s| (s.width, s.height))
                .collect::<Vec<_>>(),
            vec![(480, 240), (960, 480), (1000, 500)]
        );
        for (variant, stored) in processed.variants.iter().zip(&stored) {
            assert_eq!(store.get(&stored.key).await?.as_ref(), Some(&variant.bytes));
        }
        Ok(())
    }
}
