//! The organisation's profile: its data (owners and editors) and its logo.

use super::{org_for, refused};
use crate::db::organizations::{self, OrgEdit};
use crate::domain::account::{Email, FieldErrors};
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /mein-bereich/organisationen/{slug}/daten`
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    // Owners and editors keep the profile up to date (org_for admits members and admins).
    let org = org_for(&state, &actor, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let name = form.trimmed("name").to_owned();
    if name.chars().count() < 2 || name.chars().count() > 120 {
        errors.add("name", "orgs-name-invalid");
    }
    let website = form.trimmed("website").to_owned();
    if !(website.is_empty() || website.starts_with("https://") || website.starts_with("http://")) {
        errors.add("website", "orgs-website-invalid");
    }
    let email = form.trimmed("email").to_owned();
    if !email.is_empty() && Email::parse(&email).is_none() {
        errors.add("email", "orgs-email-invalid");
    }
    let description: String = form.trimmed("description").chars().take(10_000).collect();
    let description_en: String = form
        .trimmed("description_en")
        .chars()
        .take(10_000)
        .collect();
    let social: Vec<String> = form
        .get("social")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if social.len() > 10
        || social
            .iter()
            .any(|u| !u.starts_with("https://") || u.len() > 300 || url::Url::parse(u).is_err())
    {
        errors.add("social", "orgs-social-invalid");
    }
    let district = match form.get("district") {
        "" => None,
        d => match crate::domain::district::District::parse(d) {
            Some(d) => Some(d.slug().to_owned()),
            None => {
                errors.add("district", "orgs-district-unknown");
                None
            }
        },
    };
    let known: Vec<i64> = state.categories.list().iter().map(|c| c.id).collect();
    let mut category_ids: Vec<i64> = form
        .all("sparte")
        .iter()
        .filter_map(|v| v.parse().ok())
        .filter(|id| known.contains(id))
        .collect();
    category_ids.sort_unstable();
    category_ids.dedup();
    if !errors.is_empty() {
        return refused(&state, &actor, org, form, errors).await;
    }
    let edit = OrgEdit {
        name,
        description,
        description_en,
        website,
        email,
        phone: form.trimmed("phone").chars().take(40).collect(),
        social_links: social,
        district,
        category_ids,
    };
    organizations::update(
        &state.db,
        org.id,
        &edit,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    announce(&state, org.id).await?;
    Ok(redirect(&format!("/mein-bereich/organisationen/{slug}?ok=daten")).into_response())
}

/// `POST /mein-bereich/organisationen/{slug}/logo`: owners and editors upload the logo
/// (with its alt text) or remove it.
pub async fn logo(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    submitted: crate::web::editor::form::Submitted,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let now = state.clock.now().timestamp();
    let form = submitted.form;
    let Some(upload) = submitted.upload else {
        if form.has("remove_logo", "1") {
            organizations::set_logo(&state.db, org.id, None, actor.user_id, now).await?;
            announce(&state, org.id).await?;
            crate::web::images::forget_files(&state, &org.logo).await?;
            return Ok(redirect(&format!(
                "/mein-bereich/organisationen/{slug}?ok=logo-entfernt"
            ))
            .into_response());
        }
        let mut errors = FieldErrors::default();
        errors.add("logo", "orgs-logo-missing");
        return refused(&state, &actor, org, form, errors).await;
    };
    match crate::web::images::accept(&state, &form, upload, "logo_alt", "").await? {
        Ok(accepted) => {
            let variants = crate::web::images::store(&state, &accepted).await?;
            organizations::set_logo(
                &state.db,
                org.id,
                Some((&variants, accepted.alt())),
                actor.user_id,
                now,
            )
            .await?;
            announce(&state, org.id).await?;
            crate::web::images::forget_files(&state, &org.logo).await?;
            Ok(redirect(&format!("/mein-bereich/organisationen/{slug}?ok=logo")).into_response())
        }
        Err((field, message)) => {
            let mut errors = FieldErrors::default();
            errors.add(if field == "image" { "logo" } else { field }, message);
            refused(&state, &actor, org, form, errors).await
        }
    }
}

/// An organisation's name, text or logo changed: its events' search entries, cards and
/// cached pages follow on every instance (its name is searched, its logo is the picture
/// of its events without their own).
pub(crate) async fn announce(state: &AppState, org: i64) -> Result<(), AppError> {
    use crate::domain::change::{Change, ChangeKind};
    crate::service::announce(
        &state.services(),
        &Change::of(ChangeKind::OrganizationChanged, org),
    )
    .await?;
    Ok(())
}
