//! Notifications to members, by kind, as each member chose at
//! `/mein-bereich/benachrichtigungen`: at once, in a daily digest, or not at all. Every
//! mail ends with a link that unsubscribes from its kind without logging in
//! (`/abbestellen/{token}/{kind}`, confirmed by a button so that link scanners do not
//! unsubscribe anyone).

use crate::db::notifications;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub use crate::service::notify::{KINDS, MODES, kind_name, lang_of};

/// The address of a page of the portal in `lang` (`https://…/en/pinnwand/3`), for mails.
pub fn page_url(state: &AppState, lang: Lang, path: &str) -> String {
    format!("{}{}", state.base_url, lang.href(path))
}

/// Tells a member about something (see [`crate::service::notify::notify`]).
pub async fn notify_in(
    state: &AppState,
    user: i64,
    email: &str,
    kind: &str,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), AppError> {
    Ok(
        crate::service::notify::notify(&state.services(), None, user, email, kind, words, link)
            .await?,
    )
}

/// Tells every moderator about a new item in the queue (kind `moderation`), in each
/// moderator's language.
pub async fn notify_moderators_in(
    state: &AppState,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), AppError> {
    Ok(crate::service::notify::moderators(&state.services(), None, words, link).await?)
}

/// Sends each member one mail with everything queued for the digest. Returns how many.
pub async fn send_digests(state: &AppState) -> Result<usize, AppError> {
    Ok(crate::service::notify::send_digests(&state.services()).await?)
}

pub struct Setting {
    pub kind: &'static str,
    pub name: String,
    pub modes: Vec<(&'static str, String, bool)>,
}

#[derive(Template)]
#[template(path = "account/notifications.html")]
pub struct SettingsPage {
    pub layout: Layout,
    pub settings: Vec<Setting>,
    /// The languages for mails: (code, own name, chosen).
    pub languages: Vec<(&'static str, &'static str, bool)>,
    pub saved: bool,
}

/// `GET /mein-bereich/benachrichtigungen`
pub async fn settings(
    State(state): State<AppState>,
    session: Session,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let lang = Lang::current();
    let mut settings = Vec::new();
    for (kind, _) in KINDS {
        let mode = notifications::mode(&state.db, user.id, kind).await?;
        settings.push(Setting {
            kind,
            name: kind_name(lang, kind),
            modes: MODES
                .iter()
                .map(|(m, l)| (*m, lang.t_or(&format!("notify-mode-{m}"), l), *m == mode))
                .collect(),
        });
    }
    let chosen = lang_of(&user.lang);
    let view = SettingsPage {
        layout: Layout::new(lang.t("notify-title"))
            .in_section("mein-bereich")
            .translated(),
        settings,
        languages: Lang::ALL
            .into_iter()
            .map(|l| (l.code(), l.name(), l == chosen))
            .collect(),
        saved: raw.as_deref() == Some("ok=gespeichert"),
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /mein-bereich/benachrichtigungen`
pub async fn save(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let form = crate::domain::form::FormData::from_urlencoded(&body);
    for (kind, _) in KINDS {
        let mode = form.get(kind);
        if MODES.iter().any(|(m, _)| *m == mode) {
            notifications::set_mode(&state.db, user.id, kind, mode).await?;
        }
    }
    let lang = form.get("sprache");
    if lang != user.lang && Lang::ALL.iter().any(|l| l.code() == lang) {
        crate::db::users::set_lang(&state.db, user.id, lang).await?;
    }
    Ok(redirect("/mein-bereich/benachrichtigungen?ok=gespeichert").into_response())
}

#[derive(Template)]
#[template(path = "account/unsubscribe.html")]
pub struct UnsubscribePage {
    pub layout: Layout,
    pub name: String,
    pub action: String,
    pub done: bool,
}

async fn unsubscribe_target(state: &AppState, token: &str, kind: &str) -> Result<i64, AppError> {
    if !KINDS.iter().any(|(k, _)| *k == kind) || token.len() > 200 {
        return Err(AppError::NotFound);
    }
    notifications::user_of_token(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /abbestellen/{token}/{kind}`: asks to confirm (no change on a mere GET).
pub async fn unsubscribe_form(
    State(state): State<AppState>,
    Path((token, kind)): Path<(String, String)>,
) -> Result<Response, AppError> {
    unsubscribe_target(&state, &token, &kind).await?;
    let lang = Lang::current();
    let view = UnsubscribePage {
        layout: Layout::new(lang.t("notify-unsubscribe-title")).translated(),
        name: kind_name(lang, &kind),
        action: format!("/abbestellen/{token}/{kind}"),
        done: false,
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /abbestellen/{token}/{kind}`
pub async fn unsubscribe(
    State(state): State<AppState>,
    Path((token, kind)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let user = unsubscribe_target(&state, &token, &kind).await?;
    notifications::set_mode(&state.db, user, &kind, "aus").await?;
    let lang = Lang::current();
    let view = UnsubscribePage {
        layout: Layout::new(lang.t("notify-unsubscribed-title")).translated(),
        name: kind_name(lang, &kind),
        action: String::new(),
        done: true,
    };
    page::private(StatusCode::OK, &view)
}
