//! The BITV 2.0 duties: the accessibility statement („Erklärung zur Barrierefreiheit“)
//! with its feedback form (stored, mailed to the admins), and the portal explained in
//! Leichte Sprache.

use crate::db::moderation;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::account::PeerAddress;
use crate::web::editor::form::FormView;
use crate::web::layout::Layout;
use crate::web::{AppState, page, spam};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

#[derive(Template)]
#[template(path = "about/accessibility.html")]
pub struct StatementPage {
    pub layout: Layout,
    pub f: FormView,
    pub form_token: String,
    pub sent: bool,
}

fn statement(state: &AppState, f: FormView, sent: bool) -> StatementPage {
    StatementPage {
        layout: Layout::new(crate::i18n::Lang::current().t("footer-accessibility")).translated(),
        f,
        form_token: state.form_secret.token(state.clock.now().timestamp()),
        sent,
    }
}

/// `GET /barrierefreiheit`
pub async fn get(State(state): State<AppState>) -> Result<Response, AppError> {
    page::private(
        StatusCode::OK,
        &statement(
            &state,
            FormView::new(FormData::default(), FieldErrors::default()),
            false,
        ),
    )
}

/// Feedback one address may send per hour.
pub const PER_HOUR: i64 = 10;

/// `POST /barrierefreiheit`: a barrier reported; stored, then mailed to every admin.
pub async fn post(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    spam::limit(&state, "feedback", peer, PER_HOUR).await?;
    let form = FormData::from_urlencoded(&body);
    let now = state.clock.now().timestamp();
    let mut errors = FieldErrors::default();
    let message: String = form.trimmed("message").chars().take(5000).collect();
    if message.chars().count() < 10 {
        errors.add("message", "a11y-message-short");
    }
    if !form.get("website").is_empty() || !state.form_secret.filled_by_a_person(form.get("t"), now)
    {
        errors.add("message", "a11y-too-fast");
    }
    if !errors.is_empty() {
        return page::private(
            StatusCode::UNPROCESSABLE_ENTITY,
            &statement(&state, FormView::new(form, errors), false),
        );
    }
    let page_url: String = form.trimmed("page").chars().take(300).collect();
    let contact: String = form.trimmed("contact").chars().take(200).collect();
    let id = moderation::add_feedback(&state.db, &page_url, &message, &contact, now).await?;
    let id_text = id.to_string();
    for (admin, lang) in moderation::admin_addresses(&state.db).await? {
        // Each admin reads it in the language of their account.
        let lang = crate::web::notify::lang_of(&lang);
        let args = [("id", id_text.as_str())];
        let text = format!(
            "{}\n\n{} {page_url}\n{} {contact}\n\n{message}\n\n{}\n",
            lang.t_args("a11y-mail-heading", &args),
            lang.t("a11y-mail-page"),
            lang.t("a11y-mail-contact"),
            lang.t("a11y-mail-deadline"),
        );
        if let Err(e) = state
            .mailer
            .send(&admin, &lang.t_args("a11y-mail-subject", &args), &text)
            .await
        {
            tracing::warn!(error = %format!("{e:#}"), "feedback mail not sent");
        }
    }
    page::private(
        StatusCode::OK,
        &statement(
            &state,
            FormView::new(FormData::default(), FieldErrors::default()),
            true,
        ),
    )
}

#[derive(Template)]
#[template(path = "about/easy.html")]
pub struct EasyPage {
    pub layout: Layout,
}

/// `GET /leichte-sprache`
pub async fn easy(headers: HeaderMap) -> Result<Response, AppError> {
    page::html(
        &headers,
        &EasyPage {
            layout: Layout::new(crate::i18n::Lang::current().t("footer-easy")).translated(),
        },
    )
}

#[derive(Template)]
#[template(path = "about/privacy.html")]
pub struct PrivacyPage {
    pub layout: Layout,
    /// What the admins added in the portal (the controller, contacts), as HTML.
    pub added: String,
}

/// `GET /datenschutz`: what the portal stores and counts, and what the admins added.
pub async fn privacy(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = crate::i18n::Lang::current();
    let added =
        crate::web::association::page_text(&state, crate::domain::association::Page::Privacy, lang)
            .await?
            .unwrap_or_default();
    page::html(
        &headers,
        &PrivacyPage {
            layout: Layout::new(lang.t("privacy-title")).translated(),
            added,
        },
    )
}
