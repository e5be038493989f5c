//! Importing into an organisation: an uploaded iCalendar file, one event from a web page
//! (schema.org JSON-LD), and the CSV template.

use super::{org_for, refused};
use crate::db::organizations::OrgRow;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "orgs/import.html")]
pub struct ImportPage {
    pub layout: Layout,
    pub org: OrgRow,
    pub lines: Vec<String>,
    /// The report's first line (see `import::Summary`).
    pub summary: String,
    pub error: String,
    /// The `lang` of the error when it is German on a page in another language.
    pub error_lang: &'static str,
}

/// `POST /mein-bereich/organisationen/{slug}/import`: an iCalendar file, uploaded by an
/// owner or editor, imported like `kulturportal import ical`.
pub async fn import_ical(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    crate::web::editor::form::Submitted { form, upload }: crate::web::editor::form::Submitted,
) -> Result<Response, AppError> {
    use crate::import::Outcome;
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let fallback = if form.get("sparte").is_empty() {
        "soziokultur"
    } else {
        form.get("sparte")
    };
    let mut view = ImportPage {
        layout: Layout::new(Lang::current().t("orgs-import-title"))
            .in_section("mein-bereich")
            .translated(),
        lines: Vec::new(),
        summary: String::new(),
        error: String::new(),
        error_lang: "",
        org,
    };
    let Some(upload) = upload else {
        view.error = Lang::current().t("orgs-import-file-missing");
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    };
    let svc = state.services();
    match crate::import::file(&svc, &upload.bytes, &slug, fallback, state.clock.now()).await {
        Ok(outcomes) => {
            view.summary = crate::import::Summary::of(&outcomes).text();
            view.lines = outcomes.iter().map(Outcome::line).collect();
            page::private(StatusCode::OK, &view)
        }
        Err(crate::import::ImportError::Db(e)) => Err(e.into()),
        Err(crate::import::ImportError::Service(e)) => Err(e.into()),
        Err(e) => {
            view.error = e.to_string();
            if Lang::current() != Lang::De {
                view.error_lang = "de";
            }
            page::private(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
    }
}

/// `POST /mein-bereich/organisationen/{slug}/von-webseite`: one event from a page with
/// schema.org JSON-LD, saved as a draft and opened in the editor.
pub async fn from_page(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let url = form.trimmed("page_url").to_owned();
    let sparte = match form.get("page_sparte") {
        "" => "soziokultur".to_owned(),
        s => s.to_owned(),
    };
    let mut errors = FieldErrors::default();
    if url.len() > 500 {
        errors.add("page_url", "orgs-url-too-long");
    } else if let Err(e) = crate::fetch::check(&url, &state.fetch) {
        errors.add("page_url", e.to_string());
    }
    if errors.is_empty() {
        match crate::import::page::from_page(
            &state.services(),
            &state.fetch,
            &url,
            &slug,
            &sparte,
            state.clock.now(),
        )
        .await
        {
            Ok((id, _)) => {
                return Ok(redirect(&format!(
                    "/mein-bereich/veranstaltungen/{id}?gespeichert=webseite"
                ))
                .into_response());
            }
            Err(crate::import::ImportError::Db(e)) => return Err(e.into()),
            Err(crate::import::ImportError::Service(e)) => return Err(e.into()),
            Err(e) => errors.add("page_url", e.to_string()),
        }
    }
    refused(&state, &actor, org, form, errors).await
}

/// `GET /import-vorlage.csv`: the CSV template with its example row.
pub async fn csv_template(State(state): State<AppState>) -> Response {
    let today = crate::domain::calendar::local_date(state.clock.now());
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"kulturportal-vorlage.csv\"",
            ),
        ],
        crate::import::template(today),
    )
        .into_response()
}
