//! Notifications to members, by kind, as each member chose at
//! `/mein-bereich/benachrichtigungen`: at once, in a daily digest, or not at all. Every
//! mail ends with a link that unsubscribes from its kind without logging in
//! (`/abbestellen/{token}/{kind}`, confirmed by a button so that link scanners do not
//! unsubscribe anyone).

use crate::db::notifications;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The kinds of notification: (key, German name).
pub const KINDS: &[(&str, &str)] = &[
    ("nachrichten", "Neue Nachrichten"),
    ("erinnerungen", "Erinnerungen an ablaufende Aushänge"),
    (
        "arbeitskreise",
        "Ankündigungen und Anfragen in Arbeitskreisen",
    ),
    (
        "entscheidungen",
        "Entscheidungen der Moderation zu meinen Einreichungen und Anträgen",
    ),
    (
        "moderation",
        "Neues zur Moderation (nur für Moderatorinnen und Moderatoren)",
    ),
];

/// What a member may choose per kind. Every notification is also listed in „Mein
/// Bereich“; the mode decides only about mail.
pub const MODES: &[(&str, &str)] = &[
    ("sofort", "sofort per E-Mail"),
    ("taeglich", "einmal täglich gesammelt"),
    ("aus", "keine E-Mail (nur in „Mein Bereich“)"),
];

fn kind_name(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("Benachrichtigungen", |(_, n)| n)
}

async fn footer(state: &AppState, user: i64, kind: &str) -> Result<String, AppError> {
    let token = notifications::token(&state.db, user, &crate::auth::new_token().0).await?;
    Ok(format!(
        "\n--\nSie bekommen diese E-Mail, weil Sie „{}“ im Kulturportal eingeschaltet haben.\nAbbestellen (ohne Anmeldung): {}/abbestellen/{token}/{kind}\nAlle Einstellungen: {}/mein-bereich/benachrichtigungen\n",
        kind_name(kind),
        state.base_url,
        state.base_url
    ))
}

/// Tells a member about something: it is listed in their centre in „Mein Bereich“ (with
/// `link`, a path on the portal) and mailed as they chose for `kind`. A failed mail is
/// logged.
pub async fn notify(
    state: &AppState,
    user: i64,
    email: &str,
    kind: &str,
    subject: &str,
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    let now = state.clock.now().timestamp();
    notifications::record(&state.db, user, kind, subject, link, now).await?;
    match notifications::mode(&state.db, user, kind).await?.as_str() {
        "aus" => Ok(()),
        "taeglich" => Ok(notifications::enqueue(&state.db, user, kind, subject, text, now).await?),
        _ => {
            let body = format!("{text}{}", footer(state, user, kind).await?);
            if let Err(e) = state.mailer.send(email, subject, &body).await {
                tracing::warn!(error = %format!("{e:#}"), kind, "notification not sent");
            }
            Ok(())
        }
    }
}

/// Tells every moderator about a new item in the queue (kind `moderation`).
pub async fn notify_moderators(
    state: &AppState,
    subject: &str,
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    for m in crate::db::users::moderators(&state.db).await? {
        let body = format!(
            "Guten Tag,\n\n{text}\n\nZur Moderation:\n{}{link}\n",
            state.base_url
        );
        notify(state, m.id, &m.email, "moderation", subject, &body, link).await?;
    }
    Ok(())
}

/// Sends each member one mail with everything queued for the digest. Returns how many.
pub async fn send_digests(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now().timestamp();
    let mut sent = 0;
    for (user, email, items) in notifications::take_digests(&state.db, now).await? {
        let mut body = format!(
            "Guten Tag,\n\nhier ist Ihre tägliche Zusammenfassung aus dem Kulturportal ({} Hinweise):\n",
            items.len()
        );
        let mut kinds: Vec<String> = Vec::new();
        for (kind, subject, text) in &items {
            body.push_str(&format!("\n== {subject}\n{text}\n"));
            if !kinds.contains(kind) {
                kinds.push(kind.clone());
            }
        }
        for kind in &kinds {
            body.push_str(&footer(state, user, kind).await?);
        }
        match state
            .mailer
            .send(&email, "Ihre Zusammenfassung aus dem Kulturportal", &body)
            .await
        {
            Ok(()) => sent += 1,
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "digest not sent"),
        }
    }
    Ok(sent)
}

pub struct Setting {
    pub kind: &'static str,
    pub name: &'static str,
    pub modes: Vec<(&'static str, &'static str, bool)>,
}

#[derive(Template)]
#[template(path = "account/notifications.html")]
pub struct SettingsPage {
    pub layout: Layout,
    pub settings: Vec<Setting>,
    pub saved: bool,
}

/// `GET /mein-bereich/benachrichtigungen`
pub async fn settings(
    State(state): State<AppState>,
    session: Session,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let mut settings = Vec::new();
    for (kind, name) in KINDS {
        let mode = notifications::mode(&state.db, user.id, kind).await?;
        settings.push(Setting {
            kind,
            name,
            modes: MODES.iter().map(|(m, l)| (*m, *l, *m == mode)).collect(),
        });
    }
    let view = SettingsPage {
        layout: Layout::new("Benachrichtigungen").in_section("mein-bereich"),
        settings,
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
    Ok(Redirect::to("/mein-bereich/benachrichtigungen?ok=gespeichert").into_response())
}

#[derive(Template)]
#[template(path = "account/unsubscribe.html")]
pub struct UnsubscribePage {
    pub layout: Layout,
    pub name: &'static str,
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
    let view = UnsubscribePage {
        layout: Layout::new("Abbestellen"),
        name: kind_name(&kind),
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
    let view = UnsubscribePage {
        layout: Layout::new("Abbestellt"),
        name: kind_name(&kind),
        action: String::new(),
        done: true,
    };
    page::private(StatusCode::OK, &view)
}
