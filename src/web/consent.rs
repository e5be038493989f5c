//! `/newsletter/…` links from mails: confirming a sign-up (double opt-in, the click's time
//! is the proof), unsubscribing with one click (RFC 8058: the mail client POSTs
//! `List-Unsubscribe=One-Click`; the page's button does the same), the export of
//! everything stored about the address and its deletion. The link's token is the
//! permission; no login, no cookie.

use crate::db::subscribers::{self, SubscriptionRow};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::personal::secret;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A page about one subscription with at most one main button.
#[derive(Template)]
#[template(path = "consent/page.html")]
pub struct ConsentPage {
    pub layout: Layout,
    pub heading: String,
    pub text: String,
    /// Where the main button posts (empty: no button).
    pub action: String,
    pub button: String,
    /// The one-click field of RFC 8058 (the unsubscribe button sends what mail clients send).
    pub one_click: bool,
    /// The token for the export link and the delete button (empty: none).
    pub token: String,
}

fn show(status: StatusCode, v: &ConsentPage) -> Result<Response, AppError> {
    Ok(secret(page::private(status, v)?))
}

fn plain(heading: String, text: String) -> ConsentPage {
    ConsentPage {
        layout: Layout::new(heading.clone()).translated(),
        heading,
        text,
        action: String::new(),
        button: String::new(),
        one_click: false,
        token: String::new(),
    }
}

fn unknown() -> Result<Response, AppError> {
    let lang = Lang::current();
    show(
        StatusCode::NOT_FOUND,
        &plain(
            lang.t("consent-unknown-title"),
            lang.t("consent-unknown-text"),
        ),
    )
}

async fn by_confirm(state: &AppState, token: &str) -> Result<Option<SubscriptionRow>, AppError> {
    if !crate::web::personal::is_token(token) {
        return Ok(None);
    }
    Ok(subscribers::by_confirm_hash(&state.db, &crate::auth::token_hash(token)).await?)
}

async fn by_token(state: &AppState, token: &str) -> Result<Option<SubscriptionRow>, AppError> {
    if !crate::web::personal::is_token(token) {
        return Ok(None);
    }
    Ok(subscribers::by_token(&state.db, token).await?)
}

/// `GET /newsletter/bestaetigen/{token}`: a button, so that a mail scanner that follows
/// links confirms nothing.
pub async fn confirm_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(s) = by_confirm(&state, &token).await? else {
        return unknown();
    };
    let lang = Lang::current();
    let what = lang.t(&format!("consent-what-{}", s.scope.key()));
    let mut v = plain(
        lang.t("consent-confirm-title"),
        lang.t_args(
            "consent-confirm-text",
            &[("what", &what), ("email", &s.email)],
        ),
    );
    v.action = format!("/newsletter/bestaetigen/{token}");
    v.button = lang.t("consent-confirm-button");
    show(StatusCode::OK, &v)
}

/// `POST /newsletter/bestaetigen/{token}`: the subscription becomes active; the time of
/// this first click is kept as the proof.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(s) = by_confirm(&state, &token).await? else {
        return unknown();
    };
    subscribers::confirm(&state.db, s.id, state.clock.now().timestamp()).await?;
    let lang = Lang::current();
    let mut v = plain(
        lang.t("consent-confirmed-title"),
        lang.t("consent-confirmed-text"),
    );
    v.token = s.token;
    show(StatusCode::OK, &v)
}

/// `GET /newsletter/abbestellen/{token}`: the visible unsubscribe link.
pub async fn unsubscribe_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(s) = by_token(&state, &token).await? else {
        return unknown();
    };
    let lang = Lang::current();
    let what = lang.t(&format!("consent-what-{}", s.scope.key()));
    let mut v = if s.unsubscribed_at.is_some() {
        plain(
            lang.t("consent-unsubscribed-title"),
            lang.t("consent-unsubscribed-text"),
        )
    } else {
        let mut v = plain(
            lang.t("consent-unsubscribe-title"),
            lang.t_args(
                "consent-unsubscribe-text",
                &[("what", &what), ("email", &s.email)],
            ),
        );
        v.action = format!("/newsletter/abbestellen/{token}");
        v.button = lang.t("consent-unsubscribe-button");
        v.one_click = true;
        v
    };
    v.token = s.token;
    show(StatusCode::OK, &v)
}

/// `POST /newsletter/abbestellen/{token}`: unsubscribes at once — the RFC 8058 POST of a
/// mail client (`List-Unsubscribe=One-Click`) or the page's button.
pub async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(s) = by_token(&state, &token).await? else {
        return unknown();
    };
    subscribers::unsubscribe(&state.db, s.id, state.clock.now().timestamp()).await?;
    let lang = Lang::current();
    let mut v = plain(
        lang.t("consent-unsubscribed-title"),
        lang.t("consent-unsubscribed-text"),
    );
    v.token = s.token;
    show(StatusCode::OK, &v)
}

/// Everything stored about one address: its subscriptions with the proof of consent,
/// and the mails sent to it.
#[derive(serde::Serialize)]
pub struct Export {
    pub email: String,
    pub subscriptions: Vec<SubscriptionRow>,
    pub mails: Vec<subscribers::SentMail>,
}

/// The export of `email` (also part of a member's data export).
pub async fn export_of(state: &AppState, email: &str) -> Result<Export, AppError> {
    let subscriptions = subscribers::of_email(&state.db, email).await?;
    let ids: Vec<i64> = subscriptions.iter().map(|s| s.id).collect();
    let mails = subscribers::mails_of(&state.db, &ids).await?;
    Ok(Export {
        email: email.to_owned(),
        subscriptions,
        mails,
    })
}

/// `GET /newsletter/daten/{token}`: the export as JSON, to download.
pub async fn export(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(s) = by_token(&state, &token).await? else {
        return unknown();
    };
    let data = export_of(&state, &s.email).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.into()))?;
    let mut response = (
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"kulturportal-e-mail-daten.json\"",
            ),
        ],
        body,
    )
        .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

/// `POST /newsletter/loeschen/{token}`: deletes everything about the address.
pub async fn delete(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(s) = by_token(&state, &token).await? else {
        return unknown();
    };
    subscribers::delete_email(&state.db, &s.email).await?;
    let lang = Lang::current();
    show(
        StatusCode::OK,
        &plain(
            lang.t("consent-deleted-title"),
            lang.t("consent-deleted-text"),
        ),
    )
}
