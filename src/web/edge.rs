//! One rule for text at the edge, before any handler: NUL and the other control characters
//! (`domain::text`) are refused in paths, query strings, form fields (urlencoded and the
//! text parts of multipart forms) and JSON strings alike, with the usual 400 — a German page,
//! or the JSON error under `/api/`. Tab and line breaks are text in bodies (long texts), never
//! in paths or queries. PostgreSQL cannot store NUL at all, and no field of ours wants one.

use crate::domain::filter::{ParamError, Problem};
use crate::domain::text::refused_in;
use crate::error::{ApiError, AppError};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The most a body may have for this check; bigger bodies are refused by the routes anyway
/// (the editor's upload limit plus room for the form).
const MAX_CHECKED_BODY: usize = 12 * 1024 * 1024;

pub async fn layer(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    if let Some(name) = refused_in_uri(&req) {
        return refuse(api, &name);
    }
    let kind = BodyKind::of(&req);
    if kind == BodyKind::Other {
        return next.run(req).await;
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_CHECKED_BODY) {
        return respond(api, AppError::TooLarge);
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_CHECKED_BODY).await {
        Ok(b) => b,
        // Over the limit (a body without a length), else it stopped arriving.
        Err(_) if declared.is_none() => return respond(api, AppError::TooLarge),
        Err(_) => return respond(api, AppError::Invalid("error-body-incomplete".into())),
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).cloned();
    if let Some(name) = kind.refused_in(&bytes, content_type).await {
        return refuse(api, &name);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The name of the first part of the address with a control character: „Adresse“ for the
/// path, else the query parameter's name.
fn refused_in_uri(req: &Request) -> Option<String> {
    let path = percent_decoded(req.uri().path());
    if refused_in(&path, false).is_some() {
        return Some("Adresse".to_owned());
    }
    let query = req.uri().query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, v)| refused_in(k, false).is_some() || refused_in(v, false).is_some())
        .map(|(k, _)| k.into_owned())
}

fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Form,
    Json,
    Multipart,
    Other,
}

impl BodyKind {
    fn of(req: &Request) -> BodyKind {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if ct.starts_with("application/x-www-form-urlencoded") {
            BodyKind::Form
        } else if ct.starts_with("application/json") || ct.contains("+json") {
            BodyKind::Json
        } else if ct.starts_with("multipart/form-data") {
            BodyKind::Multipart
        } else {
            BodyKind::Other
        }
    }

    /// The name of the first field with a refused character. A body that does not parse is
    /// left to the handler, which answers it as it always did.
    async fn refused_in(
        self,
        bytes: &Bytes,
        content_type: Option<header::HeaderValue>,
    ) -> Option<String> {
        match self {
            BodyKind::Form => form_urlencoded::parse(bytes)
                .find(|(k, v)| refused_in(k, false).is_some() || refused_in(v, true).is_some())
                .map(|(k, _)| k.into_owned()),
            BodyKind::Json => {
                let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
                refused_in_json(&value, "")
            }
            BodyKind::Multipart => {
                let mut req = Request::new(Body::from(bytes.clone()));
                if let Some(ct) = content_type {
                    req.headers_mut().insert(header::CONTENT_TYPE, ct);
                }
                let mut form = Multipart::from_request(req, &()).await.ok()?;
                while let Ok(Some(field)) = form.next_field().await {
                    let name = field.name().unwrap_or_default().to_owned();
                    if field.file_name().is_some() {
                        // A file is data, not text (its name is checked all the same).
                        if field
                            .file_name()
                            .is_some_and(|f| refused_in(f, false).is_some())
                        {
                            return Some(name);
                        }
                        continue;
                    }
                    let text = field.text().await.ok()?;
                    if refused_in(&name, false).is_some() || refused_in(&text, true).is_some() {
                        return Some(name);
                    }
                }
                None
            }
            BodyKind::Other => None,
        }
    }
}

fn refused_in_json(value: &serde_json::Value, at: &str) -> Option<String> {
    match value {
        serde_json::Value::String(s) => refused_in(s, true).map(|_| at.to_owned()),
        serde_json::Value::Array(items) => items.iter().find_map(|v| refused_in_json(v, at)),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            if refused_in(k, false).is_some() {
                return Some(at.to_owned());
            }
            let path = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            refused_in_json(v, &path)
        }),
        _ => None,
    }
}

fn refuse(api: bool, name: &str) -> Response {
    // The name is shown back: without its control characters.
    let shown: String = name.chars().filter(|c| !c.is_control()).take(60).collect();
    let shown = if shown.is_empty() {
        "Eingabe".to_owned()
    } else {
        shown
    };
    respond(
        api,
        AppError::BadRequest(vec![ParamError::new(&shown, Problem::ControlCharacter)]),
    )
}

fn respond(api: bool, e: AppError) -> Response {
    if api {
        ApiError(e).into_response()
    } else {
        e.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_checked_decoded() {
        assert_eq!(percent_decoded("/a%00b"), "/a\u{0}b");
        assert_eq!(percent_decoded("/a%zz%4"), "/a%zz%4");
        assert_eq!(percent_decoded("/stra%C3%9Fe"), "/straße");
    }

    #[test]
    fn json_strings_and_keys_are_checked_everywhere() {
        let ok = serde_json::json!({"title": "Zeile\nZeile", "dates": [{"start": "x"}]});
        assert_eq!(refused_in_json(&ok, ""), None);
        let bad = serde_json::json!({"dates": [{"start": "a\u{0}"}]});
        assert_eq!(refused_in_json(&bad, "").as_deref(), Some("dates.start"));
    }
}
