//! `/newsletter`: the sign-up page of the portal's newsletter. Double opt-in: the form
//! records the address, its interests (Sparten, districts) and the exact consent text;
//! the confirmation mail carries only the link that starts the mails. The answer is the
//! same whether or not the address is known, so the page reveals nobody's subscription.

use crate::domain::account::Email;
use crate::domain::form::FormData;
use crate::domain::mailing::{Schedule, Scope};
use crate::domain::newsletter::Interests;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::PeerAddress;
use crate::web::layout::Layout;
use crate::web::options::{self, Choice};
use crate::web::{AppState, page, spam};
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

/// Sign-ups one address may send per hour.
const PER_HOUR: i64 = 10;

#[derive(Template)]
#[template(path = "newsletter/signup.html")]
pub struct SignUpPage {
    pub layout: Layout,
    pub email: String,
    pub sparten: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub consent: String,
    pub consent_checked: bool,
    pub error: String,
    pub error_field: String,
    pub form_token: String,
    /// The sign-up went through: the page says to look for the confirmation mail.
    pub done: bool,
}

fn view(state: &AppState, f: Option<&FormData>) -> SignUpPage {
    let lang = Lang::current();
    let chosen = |name: &str| f.map(|f| f.all(name)).unwrap_or_default();
    let sparten = chosen("sparte");
    let districts = chosen("bezirk");
    SignUpPage {
        layout: Layout::new(lang.t("newsletter-title")).translated(),
        email: f
            .map(|f| f.trimmed("email").chars().take(254).collect())
            .unwrap_or_default(),
        sparten: options::sparten_by_slug(&state.categories.list(), lang, |c| {
            sparten.contains(&c.slug.as_str())
        }),
        districts: options::districts(|d| districts.contains(&d.slug())),
        consent: crate::service::subscribers::consent_text(Scope::Newsletter, lang),
        consent_checked: f.is_some_and(|f| f.trimmed("einwilligung") == "ja"),
        error: String::new(),
        error_field: String::new(),
        form_token: state.form_secret.token(state.clock.now().timestamp()),
        done: false,
    }
}

/// `GET /newsletter`
pub async fn get(State(state): State<AppState>) -> Result<Response, AppError> {
    page::private(StatusCode::OK, &view(&state, None))
}

fn again(state: &AppState, f: &FormData, field: &str, message: &str) -> Result<Response, AppError> {
    let mut v = view(state, Some(f));
    v.error = Lang::current().t(message);
    v.error_field = field.to_owned();
    page::private(StatusCode::UNPROCESSABLE_ENTITY, &v)
}

fn done(state: &AppState) -> Result<Response, AppError> {
    let mut v = view(state, None);
    v.done = true;
    page::private(StatusCode::OK, &v)
}

/// `POST /newsletter`: checks the form, records the sign-up with its proof and mails the
/// confirmation link.
pub async fn post(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    body: Bytes,
) -> Result<Response, AppError> {
    let f = FormData::from_urlencoded(&body);
    if !f.trimmed("website").is_empty() {
        // A bot filled the hidden field: it is told what a person would be told.
        return done(&state);
    }
    if !state
        .form_secret
        .filled_by_a_person(f.get("t"), state.clock.now().timestamp())
    {
        return again(&state, &f, "email", "newsletter-too-fast");
    }
    let Some(email) = Email::parse(f.trimmed("email")) else {
        return again(&state, &f, "email", "newsletter-email-invalid");
    };
    if f.trimmed("einwilligung") != "ja" {
        return again(&state, &f, "einwilligung", "mail-consent-missing");
    }
    spam::limit(&state, "newsletter", peer, PER_HOUR).await?;
    let interests = Interests::new(f.all("sparte"), f.all("bezirk"));
    // Only Sparten that exist.
    let interests = Interests {
        sparten: interests
            .sparten
            .into_iter()
            .filter(|s| state.categories.list().iter().any(|c| &c.slug == s))
            .collect(),
        ..interests
    };
    crate::service::subscribers::sign_up(
        &state.services(),
        &crate::service::subscribers::SignUp {
            email: &email,
            scope: Scope::Newsletter,
            calendar_id: None,
            lang: Lang::current(),
            schedule: Schedule::default(),
            interests: &interests.to_query(),
        },
    )
    .await?;
    done(&state)
}
