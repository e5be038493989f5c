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

/// The kinds of notification: (key, German name). The names in other languages are
/// the messages `notify-kind-{key}`.
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

/// What a member may choose per kind (key, German words; `notify-mode-{key}` in other
/// languages). Every notification is also listed in „Mein Bereich“; the mode decides
/// only about mail.
pub const MODES: &[(&str, &str)] = &[
    ("sofort", "sofort per E-Mail"),
    ("taeglich", "einmal täglich gesammelt"),
    ("aus", "keine E-Mail (nur in „Mein Bereich“)"),
];

/// The name of a kind of notification in `lang`.
fn kind_name(lang: Lang, kind: &str) -> String {
    match KINDS.iter().find(|(k, _)| *k == kind) {
        Some((k, name)) => lang.t_or(&format!("notify-kind-{k}"), name),
        None => lang.t("notify-kind-other"),
    }
}

/// The language of an account's mails, from its stored code (German when unknown).
pub fn lang_of(code: &str) -> Lang {
    Lang::ALL
        .into_iter()
        .find(|l| l.code() == code)
        .unwrap_or_default()
}

/// The address of a page of the portal in `lang` (`https://…/en/pinnwand/3`), for mails.
pub fn page_url(state: &AppState, lang: Lang, path: &str) -> String {
    format!("{}{}", state.base_url, lang.href(path))
}

async fn footer(state: &AppState, user: i64, lang: Lang, kind: &str) -> Result<String, AppError> {
    let token = notifications::token(&state.db, user, &crate::auth::new_token().0).await?;
    Ok(format!(
        "\n--\n{}\n{} {}\n{} {}\n",
        lang.t_args(
            "mail-footer-why",
            &[("kind", kind_name(lang, kind).as_str())]
        ),
        lang.t("mail-footer-unsubscribe"),
        page_url(state, lang, &format!("/abbestellen/{token}/{kind}")),
        lang.t("mail-footer-settings"),
        page_url(state, lang, "/mein-bereich/benachrichtigungen"),
    ))
}

/// Tells a member about something: it is listed in their centre in „Mein Bereich“ (with
/// `link`, a path on the portal) and mailed as they chose for `kind`, with the subject
/// and text written by `words` in the language the member chose for their mails (links
/// in the text should use [`page_url`]). A failed mail is logged.
pub async fn notify_in(
    state: &AppState,
    user: i64,
    email: &str,
    kind: &str,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), AppError> {
    let now = state.clock.now().timestamp();
    let lang = lang_of(&crate::db::users::lang_of(&state.db, user).await?);
    let (subject, text) = words(lang);
    notifications::record(&state.db, user, kind, &subject, link, now).await?;
    match notifications::mode(&state.db, user, kind).await?.as_str() {
        "aus" => Ok(()),
        "taeglich" => {
            Ok(notifications::enqueue(&state.db, user, kind, &subject, &text, now).await?)
        }
        _ => {
            let body = format!("{text}{}", footer(state, user, lang, kind).await?);
            if let Err(e) = state.mailer.send(email, &subject, &body).await {
                tracing::warn!(error = %format!("{e:#}"), kind, "notification not sent");
            }
            Ok(())
        }
    }
}

/// Tells every moderator about a new item in the queue (kind `moderation`), in each
/// moderator's language.
pub async fn notify_moderators_in(
    state: &AppState,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), AppError> {
    for m in crate::db::users::moderators(&state.db).await? {
        let lang = lang_of(&m.lang);
        let (subject, text) = words(lang);
        let body = format!(
            "{}\n\n{text}\n\n{}\n{}\n",
            lang.t("mail-hello"),
            lang.t("mail-to-moderation"),
            page_url(state, lang, link)
        );
        notify_in(
            state,
            m.id,
            &m.email,
            "moderation",
            |_| (subject.clone(), body.clone()),
            link,
        )
        .await?;
    }
    Ok(())
}

/// Sends each member one mail with everything queued for the digest. Returns how many.
pub async fn send_digests(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now().timestamp();
    let mut sent = 0;
    for (user, email, lang, items) in notifications::take_digests(&state.db, now).await? {
        let lang = lang_of(&lang);
        let mut body = format!(
            "{}\n\n{}\n",
            lang.t("mail-hello"),
            lang.t_n("mail-digest-intro", "count", items.len() as i64)
        );
        let mut kinds: Vec<String> = Vec::new();
        for (kind, subject, text) in &items {
            body.push_str(&format!("\n== {subject}\n{text}\n"));
            if !kinds.contains(kind) {
                kinds.push(kind.clone());
            }
        }
        for kind in &kinds {
            body.push_str(&footer(state, user, lang, kind).await?);
        }
        match state
            .mailer
            .send(&email, &lang.t("mail-digest-subject"), &body)
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
