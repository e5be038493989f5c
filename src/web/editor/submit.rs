//! `GET/POST /veranstaltung-melden`: anyone may suggest an event without an account. It
//! goes to the moderation queue; the decision is mailed to the address given. Spam is kept
//! out without tracking: a honeypot, a minimum fill time and a rate limit per address.

use super::form::{FormView, Submitted};
use super::{EditorPage, choice_ids};
use crate::db::event_writes::Submitter;
use crate::domain::account::{Email, FieldErrors};
use crate::domain::editor::{self, EditorAction};
use crate::domain::event::Wish;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::service::events::{self, Author};
use crate::web::account::PeerAddress;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page, spam};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Submissions one address may send per hour.
pub const PER_HOUR: i64 = 5;

async fn view(state: &AppState, f: FormView) -> Result<EditorPage, AppError> {
    let heading = Lang::current().t("editor-suggest-heading");
    let mut view = EditorPage::new(
        state,
        heading.clone(),
        "/veranstaltung-melden".into(),
        f,
        Vec::new(),
    )
    .await?;
    view.layout = Layout::new(heading).translated();
    view.anonymous = true;
    view.publishes = false;
    view.form_token = state.form_secret.token(state.clock.now().timestamp());
    Ok(view)
}

pub async fn get(State(state): State<AppState>) -> Result<Response, AppError> {
    let v = view(
        &state,
        FormView::new(super::form::blank(None), FieldErrors::default()),
    )
    .await?;
    page::private(StatusCode::OK, &v)
}

pub async fn post(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    Submitted { form: data, .. }: Submitted,
) -> Result<Response, AppError> {
    spam::limit(&state, "submit", peer, PER_HOUR).await?;
    let now = state.clock.now();
    let ids = choice_ids(&state, Vec::new()).await?;
    let action = EditorAction::parse(data.get("action"));
    let mut outcome = editor::parse(&data, &ids.as_choices(), now, true);
    let mut extra = FieldErrors::default();
    let name = data.trimmed("submitter_name").to_owned();
    if name.is_empty() || name.chars().count() > 120 {
        extra.add("submitter_name", "editor-submitter-name-invalid");
    }
    let email = Email::parse(data.get("submitter_email"));
    if email.is_none() {
        extra.add("submitter_email", "editor-submitter-email-invalid");
    }
    if !data.get("website").is_empty() {
        extra.add("submitter_name", "editor-suggestion-refused");
    }
    if action != EditorAction::PreviewDates
        && !state
            .form_secret
            .filled_by_a_person(data.get("t"), now.timestamp())
    {
        extra.add("t", "editor-too-fast");
    }
    if !extra.is_empty() {
        outcome = match outcome {
            Ok(_) => Err(extra),
            Err(mut errors) => {
                for (k, v) in extra.0 {
                    errors.add(k, v);
                }
                Err(errors)
            }
        };
    }
    let input = match outcome {
        Ok(input) if action != EditorAction::PreviewDates => input,
        other => return again(&state, data, other).await,
    };
    let submitter = Submitter {
        name,
        email: email.map(|e| e.as_str().to_owned()).unwrap_or_default(),
    };
    events::create(
        &state.services(),
        &input,
        Wish::Review,
        &Author::Anonymous(submitter),
        None,
    )
    .await?;
    Ok(redirect("/veranstaltung-melden/danke").into_response())
}

async fn again(
    state: &AppState,
    data: FormData,
    outcome: Result<editor::EventInput, FieldErrors>,
) -> Result<Response, AppError> {
    let (errors, input) = match outcome {
        Ok(i) => (FieldErrors::default(), Some(i)),
        Err(e) => (e, None),
    };
    let failed = !errors.is_empty();
    let mut v = view(state, FormView::new(data, errors)).await?;
    if let Some(input) = &input {
        v.show_dates(input, state.clock.now());
    }
    page::private(
        if failed {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &v,
    )
}

pub async fn thanks() -> Result<Response, AppError> {
    let lang = crate::web::i18n::Lang::current();
    page::private(
        StatusCode::OK,
        &crate::web::account::recovery::MessagePage {
            layout: Layout::new(lang.t("editor-thanks-title")).translated(),
            heading: lang.t("editor-thanks-heading"),
            text: lang.t("editor-thanks-text"),
        },
    )
}
