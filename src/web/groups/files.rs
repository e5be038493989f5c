//! A group's files (bytes in the database, within the group's quota): members upload,
//! download (always as an attachment) and the lead or the uploader deletes a version.

use super::member_of;
use super::show::refused;
use crate::db::groups;
use crate::domain::account::{FieldErrors, Message};
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use crate::web::editor::form::Submitted;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The biggest file a group keeps.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

pub struct FileView {
    pub id: i64,
    pub name: String,
    pub size: String,
    pub when: String,
    pub by: String,
    /// The lead and the uploader may delete a version.
    pub deletable: bool,
}

/// A size in a language's words: „850 KB“, „12,3 MB“ / "12.3 MB".
pub fn size_words_in(bytes: u64, lang: Lang) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b < MB {
        format!("{} KB", (b / 1024.0).ceil() as u64)
    } else if b < 10.0 * MB {
        let text = format!("{:.1} MB", b / MB);
        if lang == Lang::De {
            text.replace('.', ",")
        } else {
            text
        }
    } else {
        format!("{} MB", (b / MB).round() as u64)
    }
}

/// Only the last part of an uploaded file's name, without control characters or quotes
/// („Datei“ when nothing is left).
pub fn safe_file_name(sent: &str) -> String {
    let name: String = sent
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(120)
        .collect();
    if name.trim().is_empty() {
        "Datei".to_owned()
    } else {
        name
    }
}

/// `POST /arbeitskreise/{slug}/dateien`: a file for the group (members, at most 10 MB).
/// A second file of the same name is kept as a newer version.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, _) = member_of(&state, &actor, &slug).await?;
    let Some(upload) = submitted.upload else {
        let mut errors = FieldErrors::default();
        errors.add("file", "group-file-missing");
        return refused(&state, &actor, &slug, submitted.form, errors).await;
    };
    if upload.bytes.len() > MAX_FILE {
        let mut errors = FieldErrors::default();
        errors.add(
            "file",
            Message::new("group-file-too-big").with("max", "10 MB"),
        );
        return refused(&state, &actor, &slug, submitted.form, errors).await;
    }
    let used = groups::used(&state.db, g.id).await?.max(0) as u64;
    if used + upload.bytes.len() as u64 > state.group_quota {
        let mut errors = FieldErrors::default();
        let lang = Lang::current();
        errors.add(
            "file",
            Message::new("group-quota-full")
                .with("used", size_words_in(used, lang))
                .with("quota", size_words_in(state.group_quota, lang))
                .with("size", size_words_in(upload.bytes.len() as u64, lang)),
        );
        return refused(&state, &actor, &slug, submitted.form, errors).await;
    }
    let name = safe_file_name(&upload.file_name);
    groups::add_file(
        &state.db,
        g.id,
        &name,
        &upload.content_type,
        upload.bytes,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/arbeitskreise/{slug}#dateien")).into_response())
}

/// The type a file is served with: a few kinds recognised by their content (not by what
/// the uploader's browser said); everything else as plain bytes.
fn served_type(declared: &str, data: &[u8]) -> &'static str {
    if data.starts_with(b"%PDF-") {
        "application/pdf"
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if data.starts_with(&[0xff, 0xd8, 0xff]) {
        "image/jpeg"
    } else if declared.starts_with("text/plain") && std::str::from_utf8(data).is_ok() {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

/// `POST /arbeitskreise/{slug}/dateien/{id}/loeschen`: the lead or the uploader deletes a
/// file version.
pub async fn delete_file(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, lead) = member_of(&state, &actor, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let uploader = groups::uploader(&state.db, g.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !lead && uploader != Some(actor.user_id) {
        return Err(AppError::Forbidden);
    }
    groups::delete_file(
        &state.db,
        g.id,
        id,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/arbeitskreise/{slug}#dateien")).into_response())
}

/// `GET /arbeitskreise/{slug}/dateien/{id}`: members only; always as a download.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (g, _) = member_of(&state, &actor, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (_, name, content_type, data) = groups::file(&state.db, id)
        .await?
        .filter(|f| f.0 == g.id)
        .ok_or(AppError::NotFound)?;
    let kind = served_type(&content_type, &data);
    let mut response = data.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    Ok(response)
}
