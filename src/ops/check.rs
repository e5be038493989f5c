//! `kulturportal check-config`: the settings `serve` would use, checked before a start
//! (a systemd `ExecStartPre`, a container's first run, an operator after an upgrade).
//! One line per setting; errors make the command fail, hints do not.

use crate::config::{MapTiles, ServeConfig, StorageConfig};
use crate::db::Db;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Hint,
    Error,
}

#[derive(Debug)]
pub struct Finding {
    pub level: Level,
    pub text: String,
}

impl Finding {
    /// „ok      Datenbank: …“ — a line for the terminal.
    pub fn line(&self) -> String {
        let tag = match self.level {
            Level::Ok => "ok     ",
            Level::Hint => "Hinweis",
            Level::Error => "FEHLER ",
        };
        format!("{tag} {}", self.text)
    }
}

fn push(out: &mut Vec<Finding>, level: Level, text: impl Into<String>) {
    out.push(Finding {
        level,
        text: text.into(),
    });
}

/// Checks every setting; touches nothing but a probe file in the writable folders.
pub async fn check(storage: &StorageConfig, serve: &ServeConfig) -> Vec<Finding> {
    let mut out = Vec::new();
    base_url(&mut out, &serve.base_url);
    match Db::connect(&storage.database_url).await {
        Ok(db) => {
            match db.readiness().await {
                Ok(None) => push(
                    &mut out,
                    Level::Ok,
                    format!(
                        "Datenbank ({}): erreichbar, Schema aktuell",
                        db.backend_name()
                    ),
                ),
                Ok(Some(n)) => push(
                    &mut out,
                    Level::Hint,
                    format!(
                        "Datenbank ({}): erreichbar, {n} Migration(en) werden beim Start angewendet",
                        db.backend_name()
                    ),
                ),
                // A new database has no bookkeeping table yet.
                Err(_) => push(
                    &mut out,
                    Level::Hint,
                    format!(
                        "Datenbank ({}): erreichbar, noch leer (das Schema wird beim Start angelegt)",
                        db.backend_name()
                    ),
                ),
            }
            db.close().await;
        }
        Err(e) => push(
            &mut out,
            Level::Error,
            format!("Datenbank nicht erreichbar ({}): {e}", storage.database_url),
        ),
    }
    if serve.storage_url.trim().is_empty() {
        writable(&mut out, "Bilder (KP_MEDIA_DIR)", &serve.media_dir);
    } else {
        store_works(&mut out, serve).await;
    }
    match crate::mail::Mailer::new(serve.smtp_url.as_deref(), &serve.mail_from, &serve.mail_dir) {
        Ok(mailer) => match &serve.smtp_url {
            Some(url) if !url.is_empty() => match mailer.check().await {
                Ok(()) => push(&mut out, Level::Ok, "E-Mail: SMTP-Server antwortet"),
                Err(e) => push(
                    &mut out,
                    Level::Error,
                    format!("E-Mail: SMTP-Server antwortet nicht: {e:#}"),
                ),
            },
            _ => {
                push(
                    &mut out,
                    Level::Hint,
                    "E-Mail: kein KP_SMTP_URL, Mails werden als Dateien abgelegt",
                );
                writable(&mut out, "Mail-Ordner (KP_MAIL_DIR)", &serve.mail_dir);
            }
        },
        Err(e) => push(&mut out, Level::Error, format!("E-Mail: {e:#}")),
    }
    if let Some(tiles) = &serve.map_tiles {
        match MapTiles::parse(tiles, &serve.map_attribution) {
            Ok(_) => push(&mut out, Level::Ok, "Kartenkacheln (KP_MAP_TILES) gültig"),
            Err(e) => push(&mut out, Level::Error, format!("{e:#}")),
        }
    }
    if let Err(e) = crate::fetch::FetchPolicy::with_allowed(&serve.fetch_allow) {
        push(&mut out, Level::Error, format!("KP_FETCH_ALLOW: {e:#}"));
    }
    match serve.secret.as_deref() {
        Some(s) if s.len() >= 32 => push(&mut out, Level::Ok, "KP_SECRET gesetzt"),
        Some(_) => push(
            &mut out,
            Level::Error,
            "KP_SECRET ist kürzer als 32 Zeichen",
        ),
        None => push(
            &mut out,
            Level::Hint,
            "KP_SECRET fehlt: bei mehreren Instanzen hinter einer Adresse auf allen gleich setzen",
        ),
    }
    match serve.metrics_token.as_deref().filter(|t| !t.is_empty()) {
        Some(t) if t.len() < 16 => push(
            &mut out,
            Level::Error,
            "KP_METRICS_TOKEN ist kürzer als 16 Zeichen",
        ),
        Some(_) => push(&mut out, Level::Ok, "/metrics mit Token geöffnet"),
        None => push(
            &mut out,
            Level::Hint,
            "/metrics ist aus (kein KP_METRICS_TOKEN)",
        ),
    }
    out
}

fn base_url(out: &mut Vec<Finding>, raw: &str) {
    match url::Url::parse(raw) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            if u.path() != "/" || u.query().is_some() {
                push(
                    out,
                    Level::Error,
                    format!("KP_BASE_URL darf keinen Pfad haben: {raw}"),
                );
            } else if u.scheme() == "http"
                && !matches!(u.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"))
            {
                push(
                    out,
                    Level::Hint,
                    format!(
                        "KP_BASE_URL ist http, nicht https: {raw} (keine sicheren Cookies, kein HSTS)"
                    ),
                );
            } else {
                push(out, Level::Ok, format!("KP_BASE_URL {raw}"));
            }
        }
        _ => push(
            out,
            Level::Error,
            format!("KP_BASE_URL ist keine http(s)-Adresse: {raw}"),
        ),
    }
}

fn writable(out: &mut Vec<Finding>, what: &str, dir: &std::path::Path) {
    let probe = dir.join(".kulturportal-check");
    let result = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&probe, b"ok"))
        .and_then(|()| std::fs::remove_file(&probe));
    match result {
        Ok(()) => push(
            out,
            Level::Ok,
            format!("{what}: {} beschreibbar", dir.display()),
        ),
        Err(e) => push(
            out,
            Level::Error,
            format!("{what}: {} nicht beschreibbar ({e})", dir.display()),
        ),
    }
}

/// The picture store of `KP_STORAGE_URL` takes, returns and removes a probe file.
async fn store_works(out: &mut Vec<Finding>, serve: &ServeConfig) {
    let label = format!("Bilder (KP_STORAGE_URL={})", serve.storage_url);
    let store = match crate::media::open(
        &serve.storage_url,
        &serve.media_dir,
        &crate::media::S3Settings::from_env(),
    ) {
        Ok(s) => s,
        Err(e) => return push(out, Level::Error, format!("{label}: {e:#}")),
    };
    let Some(probe) = crate::media::MediaKey::new(&"0".repeat(64), 1, "png") else {
        return;
    };
    let result = async {
        store.put(&probe, b"check-config".to_vec()).await?;
        let back = store.get(&probe).await?;
        store.delete(&probe).await?;
        Ok::<_, std::io::Error>(back.as_deref() == Some(&b"check-config"[..]))
    }
    .await;
    match result {
        Ok(true) => push(
            out,
            Level::Ok,
            format!("{label}: Schreiben und Lesen gehen"),
        ),
        Ok(false) => push(
            out,
            Level::Error,
            format!("{label}: gelesen wurde etwas anderes"),
        ),
        Err(e) => push(out, Level::Error, format!("{label}: {e}")),
    }
}
