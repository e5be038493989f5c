//! Organisations: applications to found or join one are approved or refused (and the
//! applicant is told); organisations are verified.

use super::{Contact, back, moderator, parse_id, tell};
use crate::db::moderation;
use crate::db::organizations;
use crate::db::users;
use crate::domain::moderation::{ApplicationStatus, Decision};
use crate::domain::permissions::OrgRole;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::notify::page_url;
use axum::extract::{Path, State};
use axum::response::Response;
use tower_sessions::Session;

/// `POST /moderation/antraege/{id}/annehmen`: the applicant joins the organisation as an
/// editor, or founds it as its owner; they are told.
pub async fn approve_application(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    decide_application(&state, &session, &id, Decision::Approve, &[]).await
}

/// `POST /moderation/antraege/{id}/ablehnen`: the applicant is told.
pub async fn refuse_application(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    decide_application(&state, &session, &id, Decision::Refuse, &body).await
}

/// Decides a waiting application (a decided one is not a page any more).
async fn decide_application(
    state: &AppState,
    session: &Session,
    id: &str,
    decision: Decision,
    body: &[u8],
) -> Result<Response, AppError> {
    let actor = moderator(state, session).await?;
    let approve = decision.approves();
    let app = moderation::application(&state.db, parse_id(id)?)
        .await?
        .filter(|a| a.status == ApplicationStatus::Pending)
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now().timestamp();
    let what = if approve {
        match app.organization_id {
            Some(org) => {
                users::add_membership(
                    &state.db,
                    org,
                    app.user_id,
                    OrgRole::Editor,
                    Some(actor.user_id),
                    now,
                )
                .await?;
                (
                    "notice-application-joined",
                    app.organization_name.clone().unwrap_or_default(),
                )
            }
            None => {
                organizations::create_with_owner(
                    &state.db,
                    &app.name,
                    &app.kind,
                    app.user_id,
                    actor.user_id,
                    now,
                )
                .await?;
                ("notice-application-created", app.name.clone())
            }
        }
    } else {
        ("notice-application-refused", String::new())
    };
    moderation::decide_application(&state.db, app.id, decision, actor.user_id, now).await?;
    if !approve {
        super::transparency::cite(
            state,
            &crate::domain::form::FormData::from_urlencoded(body),
            crate::domain::transparency::Ruling::ApplicationRefused,
            ("application", app.id),
            actor.user_id,
        )
        .await?;
    }
    tell(
        state,
        &Contact::Member(app.user_id, app.applicant_email.clone()),
        |lang| {
            let subject = if approve {
                "notice-application-approved-subject"
            } else {
                "notice-application-refused-subject"
            };
            (
                lang.t(subject),
                format!(
                    "{}\n\n{}\n\n{}\n\n{}\n",
                    lang.t_args("notice-hello-name", &[("name", app.applicant.as_str())]),
                    lang.t_args(what.0, &[("org", what.1.as_str())]),
                    page_url(state, lang, "/mein-bereich"),
                    lang.t("notice-signature"),
                ),
            )
        },
        "/mein-bereich",
    )
    .await?;
    Ok(back())
}

/// `POST /moderation/organisationen/{id}/verifizieren`
pub async fn verify_org(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let actor = moderator(&state, &session).await?;
    let id = parse_id(&id)?;
    organizations::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now().timestamp();
    organizations::set_verified(&state.db, id, true, actor.user_id, now).await?;
    crate::web::orgs::profile::announce(&state, id).await?;
    Ok(back())
}
