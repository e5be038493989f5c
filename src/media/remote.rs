//! Pictures in an S3-compatible object store (`KP_STORAGE_URL=s3://bucket/prefix`), for
//! several instances that share one store: the same [`MediaStore`] seam as the folder,
//! through the `object_store` crate (rustls, no OpenSSL). Which store a process uses is
//! [`open`]'s choice, from the storage URL; [`copy_all`] moves a portal's files from one
//! store to another.

use std::io;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use futures_util::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload};

use super::store::{FsStore, MediaKey, MediaStore};

/// How to reach an S3-compatible store besides the bucket: the standard AWS variables
/// (`AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`).
#[derive(Debug, Clone, Default)]
pub struct S3Settings {
    /// `http(s)://host:port` of a self-hosted store (path-style requests); empty: AWS.
    pub endpoint: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Default `us-east-1`.
    pub region: String,
}

impl S3Settings {
    /// From the process environment (read once, at start).
    pub fn from_env() -> S3Settings {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        S3Settings {
            endpoint: var("AWS_ENDPOINT_URL"),
            access_key_id: var("AWS_ACCESS_KEY_ID"),
            secret_access_key: var("AWS_SECRET_ACCESS_KEY"),
            region: var("AWS_REGION"),
        }
    }
}

/// Variants in an object store, under `prefix/<first two hex digits>/<key>` (the folder
/// store's layout, so that a copy keeps the same names).
#[derive(Debug, Clone)]
pub struct ObjectMediaStore {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

impl ObjectMediaStore {
    /// A bucket of an S3-compatible store. Plain `http://` is allowed only for an endpoint
    /// on this machine (a store on loopback in tests or behind the same host).
    pub fn s3(bucket: &str, prefix: &str, s: &S3Settings) -> anyhow::Result<ObjectMediaStore> {
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(if s.region.is_empty() {
                "us-east-1"
            } else {
                &s.region
            })
            .with_virtual_hosted_style_request(false);
        if !s.access_key_id.is_empty() {
            b = b
                .with_access_key_id(&s.access_key_id)
                .with_secret_access_key(&s.secret_access_key);
        }
        if !s.endpoint.is_empty() {
            let url = url::Url::parse(&s.endpoint)
                .map_err(|e| anyhow::anyhow!("AWS_ENDPOINT_URL {:?}: {e}", s.endpoint))?;
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d == "localhost",
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if url.scheme() == "http" && !loopback {
                anyhow::bail!(
                    "AWS_ENDPOINT_URL {:?}: plain http only for a store on this machine",
                    s.endpoint
                );
            }
            b = b.with_endpoint(&s.endpoint).with_allow_http(loopback);
        }
        Ok(ObjectMediaStore {
            store: Arc::new(b.build()?),
            prefix: prefix.trim_matches('/').to_owned(),
        })
    }

    fn path(&self, key: &MediaKey) -> ObjectPath {
        let shard = key.as_str().get(..2).unwrap_or_default();
        if self.prefix.is_empty() {
            ObjectPath::from(format!("{shard}/{key}"))
        } else {
            ObjectPath::from(format!("{}/{shard}/{key}", self.prefix))
        }
    }
}

fn io_error(e: object_store::Error) -> io::Error {
    io::Error::other(e)
}

#[async_trait]
impl MediaStore for ObjectMediaStore {
    async fn put(&self, key: &MediaKey, bytes: Vec<u8>) -> io::Result<()> {
        // One PUT: the object is there whole or not at all.
        self.store
            .put(&self.path(key), PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(io_error)
    }

    async fn get(&self, key: &MediaKey) -> io::Result<Option<Vec<u8>>> {
        match self.store.get(&self.path(key)).await {
            Ok(found) => Ok(Some(found.bytes().await.map_err(io_error)?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(io_error(e)),
        }
    }

    async fn delete(&self, key: &MediaKey) -> io::Result<()> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(io_error(e)),
        }
    }

    async fn keys(&self) -> io::Result<Vec<MediaKey>> {
        let prefix = (!self.prefix.is_empty()).then(|| ObjectPath::from(self.prefix.as_str()));
        let found: Vec<_> = self
            .store
            .list(prefix.as_ref())
            .try_collect()
            .await
            .map_err(io_error)?;
        let mut keys: Vec<MediaKey> = found
            .iter()
            .filter_map(|m| m.location.filename().and_then(MediaKey::parse))
            .collect();
        keys.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        Ok(keys)
    }
}

/// The store a storage URL names: empty for the folder `media_dir`; `file:///path` or a
/// plain path for another folder; `s3://bucket/prefix` for an S3-compatible store
/// (reached with `s3`).
pub fn open(url: &str, media_dir: &Path, s3: &S3Settings) -> anyhow::Result<Arc<dyn MediaStore>> {
    let url = url.trim();
    if url.is_empty() {
        return Ok(Arc::new(FsStore::new(media_dir)));
    }
    if let Some(rest) = url.strip_prefix("s3://") {
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            anyhow::bail!("KP_STORAGE_URL {url:?}: the bucket is missing (s3://bucket/prefix)");
        }
        return Ok(Arc::new(ObjectMediaStore::s3(bucket, prefix, s3)?));
    }
    if let Some(path) = url.strip_prefix("file://") {
        return Ok(Arc::new(FsStore::new(path)));
    }
    if url.contains("://") {
        anyhow::bail!("KP_STORAGE_URL {url:?}: only a folder, file:// or s3:// is understood");
    }
    Ok(Arc::new(FsStore::new(url)))
}

/// Copies every variant of `from` that `to` does not have yet; returns (copied, already
/// there). Safe to run again after an interruption: what arrived is skipped.
pub async fn copy_all(from: &dyn MediaStore, to: &dyn MediaStore) -> io::Result<(usize, usize)> {
    let there: std::collections::HashSet<String> = to
        .keys()
        .await?
        .into_iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let (mut copied, mut skipped) = (0, 0);
    for key in from.keys().await? {
        if there.contains(key.as_str()) {
            skipped += 1;
            continue;
        }
        if let Some(bytes) = from.get(&key).await? {
            to.put(&key, bytes).await?;
            copied += 1;
        }
    }
    Ok((copied, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_urls_choose_the_store() {
        let s3 = S3Settings::default();
        let dir = Path::new("data/media");
        assert!(open("", dir, &s3).is_ok());
        assert!(open("/srv/media", dir, &s3).is_ok());
        assert!(open("file:///srv/media", dir, &s3).is_ok());
        assert!(open("s3://bilder/kulturportal", dir, &s3).is_ok());
        assert!(open("s3:///kulturportal", dir, &s3).is_err(), "no bucket");
        assert!(open("ftp://host/x", dir, &s3).is_err());
        let remote_http = S3Settings {
            endpoint: "http://s3.example.org".into(),
            ..S3Settings::default()
        };
        assert!(
            open("s3://bilder", dir, &remote_http).is_err(),
            "plain http to another machine"
        );
        let local_http = S3Settings {
            endpoint: "http://127.0.0.1:9000".into(),
            ..S3Settings::default()
        };
        assert!(open("s3://bilder", dir, &local_http).is_ok());
    }
}
