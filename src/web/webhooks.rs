//! `/mein-bereich/organisationen/{slug}/webhooks`: an organisation's owners register
//! addresses where their own systems hear about changes of the organisation's events
//! (signed JSON, see `jobs::webhooks`), see how the last delivery went, and revoke them.
//! The secret is shown once, when the webhook is made.

use crate::db::{organizations, webhooks};
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::i18n::{Lang, redirect};
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The most webhooks one organisation keeps active.
const MAX_ACTIVE: usize = 5;

pub struct HookView {
    pub id: i64,
    pub url: String,
    pub created: String,
    pub last: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "orgs/webhooks.html")]
pub struct WebhooksPage {
    pub layout: Layout,
    pub slug: String,
    pub name: String,
    pub hooks: Vec<HookView>,
    /// The secret of the webhook just made (shown once).
    pub secret: String,
    pub url: String,
    pub error: String,
}

/// The organisation `slug` when this person may manage it (owners, admins).
async fn managed(
    state: &AppState,
    session: &Session,
    slug: &str,
) -> Result<(i64, organizations::OrgRow), AppError> {
    let (_, actor) = require_actor(state, session).await?;
    let org = organizations::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.can_manage_org(org.id) {
        return Err(AppError::Forbidden);
    }
    Ok((actor.user_id, org))
}

async fn view(
    state: &AppState,
    org: &organizations::OrgRow,
    secret: String,
    url: String,
    error: String,
) -> Result<WebhooksPage, AppError> {
    let lang = Lang::current();
    let when = |t: i64| crate::domain::calendar::date_time_in(instant(t), lang.dates());
    let hooks = webhooks::of_organization(&state.db, org.id)
        .await?
        .into_iter()
        .map(|h| HookView {
            id: h.id,
            url: h.url,
            created: when(h.created_at),
            last: match h.last_delivery_at {
                Some(at) => format!("{} ({})", when(at), h.last_status),
                None => lang.t("webhooks-never"),
            },
            revoked: h.revoked_at.is_some(),
        })
        .collect();
    Ok(WebhooksPage {
        layout: Layout::new(lang.t_args("webhooks-title-of", &[("name", org.name.as_str())]))
            .in_section("mein-bereich")
            .translated(),
        slug: org.slug.clone(),
        name: org.name.clone(),
        hooks,
        secret,
        url,
        error,
    })
}

/// `GET /mein-bereich/organisationen/{slug}/webhooks`
pub async fn index(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (_, org) = managed(&state, &session, &slug).await?;
    let v = view(&state, &org, String::new(), String::new(), String::new()).await?;
    page::private(StatusCode::OK, &v)
}

/// `POST /mein-bereich/organisationen/{slug}/webhooks` with `url`: registers a webhook
/// and shows its secret once.
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, org) = managed(&state, &session, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let url = form.trimmed("url").to_owned();
    let lang = Lang::current();
    let mut errors = FieldErrors::default();
    if url.len() > 500 {
        errors.add("url", "orgs-url-too-long");
    } else if let Err(e) = crate::fetch::check(&url, &state.fetch) {
        errors.add("url", e.to_string());
    }
    let active = webhooks::of_organization(&state.db, org.id)
        .await?
        .iter()
        .filter(|h| h.revoked_at.is_none())
        .count();
    if active >= MAX_ACTIVE {
        errors.add("url", "webhooks-too-many");
    }
    if let Some(message) = errors.message("url") {
        let error = lang.message(message);
        let v = view(&state, &org, String::new(), url, error).await?;
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &v);
    }
    let (secret, _) = crate::auth::new_token();
    let secret = format!("whsec_{secret}");
    let now = state.clock.now().timestamp();
    webhooks::create(&state.db, org.id, &url, &secret, user, now).await?;
    let v = view(&state, &org, secret, String::new(), String::new()).await?;
    page::private(StatusCode::OK, &v)
}

/// `POST /mein-bereich/organisationen/{slug}/webhooks/{id}/widerrufen`
pub async fn revoke(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (user, org) = managed(&state, &session, &slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let now = state.clock.now().timestamp();
    if !webhooks::revoke(&state.db, org.id, id, user, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{}/webhooks",
        org.slug
    ))
    .into_response())
}
