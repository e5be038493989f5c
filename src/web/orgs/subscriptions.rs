//! Subscribed calendars of an organisation: subscribing (checked and fetched at once),
//! fetching now, ending a subscription.

use super::{org_for, refused};
use crate::db::organizations::OrgRow;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /mein-bereich/organisationen/{slug}/abonnements`: subscribe to a calendar URL
/// (checked at once, fetched at once, then on the schedule).
pub async fn subscribe(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let url = crate::fetch::normalize(form.get("feed_url"));
    let sparte = form.get("feed_sparte").to_owned();
    let mut errors = FieldErrors::default();
    if url.len() > 500 {
        errors.add("feed_url", "orgs-url-too-long");
    } else if let Err(e) = crate::fetch::check(&url, &state.fetch) {
        errors.add("feed_url", e.to_string());
    }
    if !state.categories.list().iter().any(|c| c.slug == sparte) {
        errors.add("feed_sparte", "orgs-sparte-missing");
    }
    if !errors.is_empty() {
        return refused(&state, &actor, org, form, errors).await;
    }
    let now = state.clock.now();
    let added = crate::db::subscriptions::add(
        &state.db,
        org.id,
        &url,
        &sparte,
        actor.user_id,
        now.timestamp(),
    )
    .await?;
    if !added {
        errors.add("feed_url", "orgs-already-subscribed");
        return refused(&state, &actor, org, form, errors).await;
    }
    if let Some(sub) = crate::db::subscriptions::of_organization(&state.db, org.id)
        .await?
        .into_iter()
        .find(|s| s.url == url)
    {
        refresh_now(&state, &sub).await?;
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=abonniert#abonnements"
    ))
    .into_response())
}

async fn refresh_now(
    state: &AppState,
    sub: &crate::db::subscriptions::SubscriptionRow,
) -> Result<(), AppError> {
    let now = state.clock.now();
    crate::db::subscriptions::claim(&state.db, sub.id, now.timestamp(), i64::MAX).await?;
    crate::subscriptions::refresh(&state.services(), &state.fetch, sub, now).await?;
    Ok(())
}

/// The organisation's subscription `id`, for its members (and admins).
async fn subscription_of(
    state: &AppState,
    session: &Session,
    slug: &str,
    id: &str,
) -> Result<(Actor, OrgRow, crate::db::subscriptions::SubscriptionRow), AppError> {
    let (_, actor) = require_actor(state, session).await?;
    let org = org_for(state, &actor, slug).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let sub = crate::db::subscriptions::by_id(&state.db, id)
        .await?
        .filter(|s| s.organization_id == org.id)
        .ok_or(AppError::NotFound)?;
    Ok((actor, org, sub))
}

fn back_to_subscriptions(slug: &str, ok: &str) -> Response {
    redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok={ok}#abonnements"
    ))
    .into_response()
}

/// `POST /mein-bereich/organisationen/{slug}/abonnements/{id}/abrufen`: fetch now.
pub async fn fetch_subscription(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, _, sub) = subscription_of(&state, &session, &slug, &id).await?;
    refresh_now(&state, &sub).await?;
    Ok(back_to_subscriptions(&slug, "abgerufen"))
}

/// `POST /mein-bereich/organisationen/{slug}/abonnements/{id}/entfernen`: ends the
/// subscription; imported events stay.
pub async fn unsubscribe(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (actor, org, sub) = subscription_of(&state, &session, &slug, &id).await?;
    crate::db::subscriptions::remove(
        &state.db,
        sub.id,
        org.id,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(back_to_subscriptions(&slug, "abbestellt"))
}
