//! Pictures in an S3-compatible object store: a real S3 server on loopback (`s3s-fs` from
//! crates.io, installed by `.ci/run`; `KP_REQUIRE_S3=1` makes a missing one a failure)
//! keeps, returns, lists and removes the variants; posters drawn by one instance are
//! served by another; `kulturportal media copy` moves a folder's files into the store.

use crate::support::{TestApp, png};
use kulturportal::media::{self, Limits, MediaStore, ObjectMediaStore, S3Settings};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const BUCKET: &str = "bilder";
const ACCESS_KEY: &str = "kulturportal";
const SECRET_KEY: &str = "kulturportal-geheim";

/// An `s3s-fs` server on a free loopback port, storing into a fresh folder with one
/// bucket; stopped when dropped.
struct S3Server {
    child: std::process::Child,
    endpoint: String,
    root: tempfile::TempDir,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn binary() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("KP_S3_SERVER") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|h| Path::new(&h).join(".cargo")))
        .ok();
    std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .map(PathBuf::from)
        .chain(home.map(|h| h.join("bin")))
        .map(|d| d.join("s3s-fs"))
        .find(|p| p.is_file())
}

impl S3Server {
    fn start() -> Option<S3Server> {
        let Some(bin) = binary() else {
            assert!(
                std::env::var("KP_REQUIRE_S3").is_err(),
                "s3s-fs is not installed (cargo install s3s-fs@0.14.1 --features binary --locked)"
            );
            eprintln!("skipped: s3s-fs is not installed");
            return None;
        };
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(root.path().join(BUCKET)).unwrap_or_else(|e| panic!("{e}"));
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut child = std::process::Command::new(&bin)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(root.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(S3Server {
                    child,
                    endpoint: format!("http://127.0.0.1:{port}"),
                    root,
                });
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("s3s-fs did not start on port {port}");
    }

    fn settings(&self) -> S3Settings {
        S3Settings {
            endpoint: self.endpoint.clone(),
            access_key_id: ACCESS_KEY.into(),
            secret_access_key: SECRET_KEY.into(),
            region: "eu-central-1".into(),
        }
    }

    fn store(&self, prefix: &str) -> ObjectMediaStore {
        ObjectMediaStore::s3(BUCKET, prefix, &self.settings()).unwrap_or_else(|e| panic!("{e:#}"))
    }

    /// Where the server keeps an object: its own folder, not ours.
    fn file_of(&self, prefix: &str, key: &str) -> PathBuf {
        self.root
            .path()
            .join(BUCKET)
            .join(prefix)
            .join(&key[..2])
            .join(key)
    }
}

/// Processes and stores a generated picture; returns its variants' keys.
async fn stored(store: &dyn MediaStore, width: u32, height: u32) -> Vec<String> {
    let bytes = png(width, height);
    let processed = media::process(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    media::store_processed(store, &bytes, &processed)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|v| v.key.as_str().to_owned())
        .collect()
}

#[tokio::test]
async fn the_s3_store_keeps_returns_lists_and_removes_files() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let store = server.store("kulturportal");
    let keys = stored(&store, 1200, 800).await;
    assert!(keys.len() >= 2, "{keys:?}");
    for k in &keys {
        assert!(
            server.file_of("kulturportal", k).is_file(),
            "the server does not hold {k}"
        );
    }
    let key = media::MediaKey::parse(&keys[0]).unwrap_or_else(|| panic!("{}", keys[0]));
    let back = store.get(&key).await.unwrap_or_else(|e| panic!("{e}"));
    let img = image::load_from_memory(&back.unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(img.width(), 480);
    let mut listed: Vec<String> = store
        .keys()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let mut expected = keys.clone();
    expected.sort();
    listed.sort();
    assert_eq!(listed, expected);
    store.delete(&key).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .get(&key)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );
    // Removing what is gone is no error.
    store.delete(&key).await.unwrap_or_else(|e| panic!("{e}"));
    // Another prefix is another portal: it sees nothing of this one.
    assert!(
        server
            .store("anderes")
            .keys()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
    // Wrong keys are refused by the server, not silently accepted.
    let wrong = ObjectMediaStore::s3(
        BUCKET,
        "kulturportal",
        &S3Settings {
            secret_access_key: "falsch".into(),
            ..server.settings()
        },
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    assert!(
        wrong
            .get(&media::MediaKey::parse(&keys[1]).unwrap_or_else(|| panic!()))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn posters_drawn_by_one_instance_are_served_by_another_from_s3() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let mut first = TestApp::new().await;
    first.state.media = Arc::new(server.store("kulturportal"));
    first.rebuild_router();
    let slug = first
        .event("Die Weiße Rose")
        .sparte("theater")
        .on("2026-12-05 19:30")
        .create()
        .await;
    let page = first.get(&format!("/veranstaltungen/{slug}")).await;
    let og = page
        .body
        .split_once("og:image\" content=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(v, _)| v.to_owned())
        .unwrap_or_default();
    assert!(og.contains("/medien/plakat/"), "{}", page.body);
    let path = og.trim_start_matches("http://kultur.test").to_owned();
    let drawn = first.bytes(&path).await;
    let img = image::load_from_memory(&drawn).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!((img.width(), img.height()), (1200, 630));
    let key = path.rsplit('/').next().unwrap_or_default().to_owned();
    assert!(
        server.file_of("kulturportal", &key).is_file(),
        "the poster is not in the object store"
    );

    // A second instance on the same database with its own client of the same store.
    let mut second = first.restart().await;
    second.state.media = Arc::new(server.store("kulturportal"));
    second.rebuild_router();
    assert_eq!(
        second.bytes(&path).await,
        drawn,
        "the other instance serves other bytes"
    );
}

#[tokio::test]
async fn media_copy_moves_a_folders_files_into_s3_once() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fs = media::FsStore::new(folder.path());
    let mut keys = stored(&fs, 1600, 900).await;
    keys.extend(stored(&fs, 500, 500).await);
    keys.sort();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_kulturportal"))
            .args(["media", "copy", "--from"])
            .arg(folder.path())
            .args(["--to", "s3://bilder/umzug"])
            .env("AWS_ENDPOINT_URL", &server.endpoint)
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("AWS_REGION", "eu-central-1")
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains(&format!("{} Dateien kopiert, 0 waren schon da", keys.len())),
        "{said}"
    );
    let mut there: Vec<String> = server
        .store("umzug")
        .keys()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    there.sort();
    assert_eq!(there, keys);
    for k in &keys {
        let key = media::MediaKey::parse(k).unwrap_or_else(|| panic!("{k}"));
        assert_eq!(
            server
                .store("umzug")
                .get(&key)
                .await
                .unwrap_or_else(|e| panic!("{e}")),
            fs.get(&key).await.unwrap_or_else(|e| panic!("{e}")),
            "{k} changed on the way"
        );
    }
    // Again: nothing to do.
    let again = run();
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains(&format!("0 Dateien kopiert, {} waren schon da", keys.len())),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

/// `backup` with `KP_STORAGE_URL=s3://…` copies the store's objects into the backup, and
/// `restore` puts them back into an empty store (the database beside them as always).
#[tokio::test]
async fn backup_and_restore_take_the_objects_of_the_store_along() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let source = server.store("portal");
    let mut keys = stored(&source, 1600, 900).await;
    keys.extend(stored(&source, 500, 500).await);
    keys.sort();
    let (url, _dir) = crate::support::fresh_url().await;
    let db = kulturportal::db::Db::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    db.prepare().await.unwrap_or_else(|e| panic!("{e}"));
    db.close().await;
    let run = |args: &[&str], store: &str, database: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kulturportal"))
            .args(args)
            .args(["--database-url", database])
            .env("KP_STORAGE_URL", store)
            .env("KP_MEDIA_DIR", "/nonexistent/kp-media")
            .env("AWS_ENDPOINT_URL", &server.endpoint)
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("AWS_REGION", "eu-central-1")
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let said = |out: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let backup = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let to = backup.path().join("sicherung");
    let to_arg = to.display().to_string();
    let out = run(&["backup", "--to", &to_arg], "s3://bilder/portal", &url);
    assert!(out.status.success(), "{}", said(&out));
    assert!(
        said(&out).contains(&format!("{} Dateien", keys.len())),
        "{}",
        said(&out)
    );
    // Restored into a fresh database and an empty place of the store.
    let (fresh, _fresh_dir) = crate::support::fresh_url().await;
    let out = run(
        &["restore", "--from", &to_arg],
        "s3://bilder/zurueck",
        &fresh,
    );
    assert!(out.status.success(), "{}", said(&out));
    let back = server.store("zurueck");
    let mut there: Vec<String> = back
        .keys()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    there.sort();
    assert_eq!(there, keys);
    let key = media::MediaKey::parse(&keys[0]).unwrap_or_else(|| panic!("{}", keys[0]));
    assert_eq!(
        back.get(&key).await.unwrap_or_else(|e| panic!("{e}")),
        source.get(&key).await.unwrap_or_else(|e| panic!("{e}")),
    );
    // A store that holds files already is not restored into.
    let (other, _other_dir) = crate::support::fresh_url().await;
    let out = run(
        &["restore", "--from", &to_arg],
        "s3://bilder/portal",
        &other,
    );
    assert!(!out.status.success());
    assert!(
        said(&out).contains("object store is not empty"),
        "{}",
        said(&out)
    );
}
