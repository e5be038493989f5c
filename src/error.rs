//! One error type at the web edge, rendered twice: a German HTML page for people and
//! `{"error": {"code", "message"}}` for the API, with the same status.

use crate::db::DbError;
use crate::domain::filter::ParamError;
use crate::search::SearchError;
use crate::web::layout::Layout;
use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest(Vec<ParamError>),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<SearchError> for AppError {
    fn from(e: SearchError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<Vec<ParamError>> for AppError {
    fn from(e: Vec<ParamError>) -> Self {
        AppError::BadRequest(e)
    }
}

/// What both renderings share.
struct ErrorInfo {
    status: StatusCode,
    code: &'static str,
    title: &'static str,
    messages_de: Vec<String>,
    message_en: String,
}

impl AppError {
    fn info(&self) -> ErrorInfo {
        match self {
            AppError::NotFound => ErrorInfo {
                status: StatusCode::NOT_FOUND,
                code: "not_found",
                title: "Seite nicht gefunden",
                messages_de: vec![
                    "Diese Seite gibt es nicht (mehr). Vielleicht hilft die Suche weiter.".into(),
                ],
                message_en: "not found".into(),
            },
            AppError::BadRequest(errors) => ErrorInfo {
                status: StatusCode::BAD_REQUEST,
                code: "invalid_parameter",
                title: "Ungültige Anfrage",
                messages_de: errors.iter().map(ParamError::german).collect(),
                message_en: errors
                    .iter()
                    .map(ParamError::english)
                    .collect::<Vec<_>>()
                    .join("; "),
            },
            AppError::Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "internal error");
                ErrorInfo {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    code: "internal",
                    title: "Ein Fehler ist aufgetreten",
                    messages_de: vec!["Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.".into()],
                    message_en: "internal error".into(),
                }
            }
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    title: &'a str,
    messages: &'a [String],
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let info = self.info();
        let page = ErrorPage {
            layout: Layout::new(info.title),
            title: info.title,
            messages: &info.messages_de,
        };
        match page.render() {
            Ok(html) => (info.status, Html(html)).into_response(),
            Err(_) => (info.status, info.title).into_response(),
        }
    }
}

/// The JSON twin of [`AppError`] for `/api`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let info = self.0.info();
        let body =
            serde_json::json!({ "error": { "code": info.code, "message": info.message_en } });
        (info.status, Json(body)).into_response()
    }
}
