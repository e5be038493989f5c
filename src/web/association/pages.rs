//! Admins edit the association's pages (Markdown, German and English, every save a new
//! version) and upload its documents (PDF; every upload of a document a new version, the
//! bytes in the media store) and set the numbers of the statutes.

use super::{DocumentView, date_in};
use crate::db::association;
use crate::domain::account::FieldErrors;
use crate::domain::association::Page;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::media::MediaKey;
use crate::web::account::require_actor;
use crate::web::editor::form::{FormView, Submitted};
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tower_sessions::Session;

/// The biggest document the association keeps.
pub const MAX_DOCUMENT: usize = 10 * 1024 * 1024;
/// The longest page text.
const MAX_TEXT: usize = 50_000;

async fn admin(state: &AppState, session: &Session) -> Result<i64, AppError> {
    let (user, actor) = require_actor(state, session).await?;
    if !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(user.id)
}

pub struct VersionView {
    pub version: i64,
    pub editor: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "association/admin.html")]
pub struct AdminPage {
    pub layout: Layout,
    pub pages: Vec<(&'static str, String, &'static str)>,
    pub documents: Vec<(i64, DocumentView)>,
    pub history: Vec<DocumentView>,
    pub notice_days: i64,
    pub max_proxies: i64,
    pub f: FormView,
}

async fn admin_view(state: &AppState, f: FormView) -> Result<AdminPage, AppError> {
    let lang = Lang::current();
    let documents = association::documents(&state.db).await?;
    Ok(AdminPage {
        layout: Layout::new(lang.t("verein-admin-title"))
            .in_section("verwaltung")
            .translated(),
        pages: Page::ALL
            .into_iter()
            .map(|p| {
                (
                    p.key(),
                    lang.t(&format!("verein-page-{}", p.key())),
                    p.path(),
                )
            })
            .collect(),
        documents: documents
            .into_iter()
            .map(|d| (d.id, DocumentView::of(d, lang)))
            .collect(),
        history: association::document_history(&state.db)
            .await?
            .into_iter()
            .map(|d| DocumentView::of(d, lang))
            .collect(),
        notice_days: association::setting(&state.db, "notice_days", 14).await?,
        max_proxies: association::setting(&state.db, "max_proxies", 2).await?,
        f,
    })
}

/// `GET /verwaltung/verein`: the pages, documents and statutes' numbers.
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    admin(&state, &session).await?;
    let view = admin_view(
        &state,
        FormView::new(FormData::default(), FieldErrors::default()),
    )
    .await?;
    page::private(StatusCode::OK, &view)
}

/// `POST /verwaltung/verein/dokumente`: a PDF as a new document or a new version of one.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    submitted: Submitted,
) -> Result<Response, AppError> {
    let admin = admin(&state, &session).await?;
    let form = submitted.form;
    let mut errors = FieldErrors::default();
    let existing: Option<i64> = form.get("dokument").parse().ok();
    let title: String = form.trimmed("title").chars().take(200).collect();
    let title_en: String = form.trimmed("title_en").chars().take(200).collect();
    if existing.is_none() && title.chars().count() < 3 {
        errors.add("title", "verein-doc-title-missing");
    }
    let file = submitted.upload.filter(|u| !u.bytes.is_empty());
    match &file {
        None => errors.add("file", "verein-doc-file-missing"),
        Some(u) if u.bytes.len() > MAX_DOCUMENT => errors.add("file", "verein-doc-too-big"),
        Some(u) if !u.bytes.starts_with(b"%PDF-") => errors.add("file", "verein-doc-not-pdf"),
        Some(_) => {}
    }
    if let Some(id) = existing
        && !association::documents(&state.db)
            .await?
            .iter()
            .any(|d| d.id == id)
    {
        errors.add("dokument", "verein-doc-unknown");
    }
    let Some(file) = file.filter(|_| errors.is_empty()) else {
        let view = admin_view(&state, FormView::new(form, errors)).await?;
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    };
    let hash = hex::encode(Sha256::digest(&file.bytes));
    let key = MediaKey::new(&hash, 1, "pdf")
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no media key for a document")))?;
    let size = file.bytes.len() as i64;
    state
        .media
        .put(&key, file.bytes)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let name = crate::web::groups::files::safe_file_name(&file.file_name);
    association::add_document_version(
        &state.db,
        existing,
        (&title, &title_en),
        (&name, key.as_str(), size),
        Some(admin),
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect("/verwaltung/verein").into_response())
}

/// `POST /verwaltung/verein/satzung`: notice period (days) and proxies per member.
pub async fn settings(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let admin = admin(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let notice = form
        .trimmed("notice_days")
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=90).contains(n));
    let proxies = form
        .trimmed("max_proxies")
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=10).contains(n));
    if notice.is_none() {
        errors.add("notice_days", "verein-notice-invalid");
    }
    if proxies.is_none() {
        errors.add("max_proxies", "verein-proxies-invalid");
    }
    let (Some(notice), Some(proxies)) = (notice, proxies) else {
        let view = admin_view(&state, FormView::new(form, errors)).await?;
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    };
    let now = state.clock.now().timestamp();
    association::set_setting(&state.db, "notice_days", notice, admin, now).await?;
    association::set_setting(&state.db, "max_proxies", proxies, admin, now).await?;
    Ok(redirect("/verwaltung/verein").into_response())
}

#[derive(Template)]
#[template(path = "association/edit.html")]
pub struct EditPage {
    pub layout: Layout,
    pub key: &'static str,
    pub name: String,
    pub path: &'static str,
    pub versions: Vec<VersionView>,
    pub f: FormView,
    pub saved: bool,
}

fn parse_page(key: &str) -> Result<Page, AppError> {
    Page::parse(key).ok_or(AppError::NotFound)
}

async fn edit_view(
    state: &AppState,
    p: Page,
    f: FormView,
    saved: bool,
) -> Result<EditPage, AppError> {
    let lang = Lang::current();
    let name = lang.t(&format!("verein-page-{}", p.key()));
    Ok(EditPage {
        layout: Layout::new(lang.t_args("verein-edit-title", &[("page", name.as_str())]))
            .in_section("verwaltung")
            .translated(),
        key: p.key(),
        name,
        path: p.path(),
        versions: association::page_versions(&state.db, p)
            .await?
            .into_iter()
            .map(|v| VersionView {
                version: v.version,
                editor: v.editor.unwrap_or_else(|| "—".into()),
                date: date_in(v.edited_at, lang),
            })
            .collect(),
        f,
        saved,
    })
}

/// `GET /verwaltung/verein/seiten/{page}`: the page's latest text in the form.
pub async fn edit(
    State(state): State<AppState>,
    session: Session,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    admin(&state, &session).await?;
    let p = parse_page(&key)?;
    let current = association::page(&state.db, p).await?;
    let data = FormData::new(vec![
        (
            "body_de".into(),
            current
                .as_ref()
                .map(|v| v.body_de.clone())
                .unwrap_or_default(),
        ),
        (
            "body_en".into(),
            current.map(|v| v.body_en).unwrap_or_default(),
        ),
    ]);
    let view = edit_view(
        &state,
        p,
        FormView::new(data, FieldErrors::default()),
        false,
    )
    .await?;
    page::private(StatusCode::OK, &view)
}

/// `POST /verwaltung/verein/seiten/{page}`: saves a new version.
pub async fn save(
    State(state): State<AppState>,
    session: Session,
    Path(key): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let admin = admin(&state, &session).await?;
    let p = parse_page(&key)?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let de = form.get("body_de").trim();
    let en = form.get("body_en").trim();
    if de.chars().count() < 10 {
        errors.add("body_de", "verein-text-missing");
    }
    if de.len() > MAX_TEXT {
        errors.add("body_de", "verein-text-long");
    }
    if en.len() > MAX_TEXT {
        errors.add("body_en", "verein-text-long");
    }
    if !errors.is_empty() {
        let view = edit_view(&state, p, FormView::new(form, errors), false).await?;
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    }
    association::save_page(
        &state.db,
        p,
        de,
        en,
        Some(admin),
        state.clock.now().timestamp(),
    )
    .await?;
    let view = edit_view(&state, p, FormView::new(form, FieldErrors::default()), true).await?;
    page::private(StatusCode::OK, &view)
}
