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
    /// A form that cannot be shown again (a button on a list) had a wrong value.
    #[error("invalid: {0}")]
    Invalid(String),
    /// The page needs a logged-in person: the browser is sent to the login form.
    #[error("login required")]
    LoginRequired,
    /// Logged in, but not allowed to do this.
    #[error("forbidden")]
    Forbidden,
    /// The upload is bigger than any form of ours accepts.
    #[error("payload too large")]
    TooLarge,
    /// Too many attempts in a short time.
    #[error("too many requests")]
    TooManyRequests,
    /// The server is at its bound for this kind of work (image decodes): try again soon.
    #[error("busy")]
    Busy,
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<crate::service::ServiceError> for AppError {
    fn from(e: crate::service::ServiceError) -> Self {
        match e {
            crate::service::ServiceError::NotFound => AppError::NotFound,
            other => AppError::Internal(other.into()),
        }
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
            AppError::Invalid(message) => ErrorInfo {
                status: StatusCode::BAD_REQUEST,
                code: "invalid",
                title: "Ungültige Angabe",
                messages_de: vec![crate::i18n::Lang::De.t_or(message, message)],
                message_en: "invalid input".into(),
            },
            AppError::LoginRequired => ErrorInfo {
                status: StatusCode::UNAUTHORIZED,
                code: "login_required",
                title: "Bitte melden Sie sich an",
                messages_de: vec!["Für diese Seite müssen Sie angemeldet sein.".into()],
                message_en: "login required".into(),
            },
            AppError::Forbidden => ErrorInfo {
                status: StatusCode::FORBIDDEN,
                code: "forbidden",
                title: "Keine Berechtigung",
                messages_de: vec!["Dafür fehlt Ihrem Konto die Berechtigung. Wenden Sie sich an die Verantwortlichen Ihrer Organisation oder an die Moderation.".into()],
                message_en: "forbidden".into(),
            },
            AppError::TooLarge => ErrorInfo {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                code: "payload_too_large",
                title: "Datei zu groß",
                messages_de: vec!["Die gesendeten Daten sind zu groß. Bilder dürfen höchstens 10 MB haben. Bitte gehen Sie zurück und wählen Sie eine kleinere Datei.".into()],
                message_en: "payload too large".into(),
            },
            AppError::TooManyRequests => ErrorInfo {
                status: StatusCode::TOO_MANY_REQUESTS,
                code: "too_many_requests",
                title: "Zu viele Anfragen",
                messages_de: vec!["Von Ihrer Adresse kamen in kurzer Zeit zu viele Einsendungen. Bitte versuchen Sie es in einer Stunde noch einmal.".into()],
                message_en: "too many requests".into(),
            },
            AppError::Busy => ErrorInfo {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "busy",
                title: "Gerade ausgelastet",
                messages_de: vec!["Gerade werden sehr viele Bilder verarbeitet. Bitte gehen Sie zurück und senden Sie das Formular in einer halben Minute noch einmal.".into()],
                message_en: "busy, try again shortly".into(),
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
struct ErrorPage {
    layout: Layout,
    title: String,
    /// (message, its `lang` when not the page's).
    messages: Vec<(String, &'static str)>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::LoginRequired = self {
            return crate::web::i18n::redirect("/anmelden").into_response();
        }
        let info = self.info();
        let lang = crate::i18n::Lang::current();
        let (title, messages) = if lang == crate::i18n::Lang::De {
            (
                info.title.to_owned(),
                info.messages_de.into_iter().map(|m| (m, "")).collect(),
            )
        } else {
            // The page in the interface's language; details that exist only in German
            // (an editor's validation message) follow, marked German.
            let mut messages = vec![(lang.t(&format!("error-{}-text", info.code)), "")];
            match &self {
                AppError::BadRequest(_) => messages.push((info.message_en.clone(), "")),
                AppError::Invalid(message) => {
                    messages.push(lang.message_marked(&message.as_str().into()))
                }
                _ => {}
            }
            (lang.t(&format!("error-{}", info.code)), messages)
        };
        let page = ErrorPage {
            layout: Layout::new(title.clone()).translated(),
            title,
            messages,
        };
        let mut response = match page.render() {
            Ok(html) => {
                let mut response = (info.status, Html(html)).into_response();
                crate::web::i18n::varies_by_language(&mut response);
                response
            }
            Err(_) => (info.status, info.title).into_response(),
        };
        retry_after(&self, &mut response);
        response
    }
}

/// Seconds after which a busy server is worth asking again.
pub const RETRY_AFTER_SECONDS: u64 = 30;

fn retry_after(error: &AppError, response: &mut Response) {
    if matches!(error, AppError::Busy) {
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(RETRY_AFTER_SECONDS),
        );
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
        let mut response = (info.status, Json(body)).into_response();
        retry_after(&self.0, &mut response);
        response
    }
}
