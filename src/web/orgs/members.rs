//! Members of an organisation: owners invite by e-mail, change roles and remove; the
//! invited accept with the mailed link.

use super::{managed, org_form, render};
use crate::auth;
use crate::db::organizations;
use crate::domain::account::{Email, FieldErrors};
use crate::domain::form::FormData;
use crate::domain::permissions::OrgRole;
use crate::error::AppError;
use crate::web::account::{current_user, require_actor};
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// `POST /mein-bereich/organisationen/{slug}/einladen`: a link by e-mail, valid 14 days.
pub async fn invite(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, actor, org) = managed(&state, &session, &slug).await?;
    let form = FormData::from_urlencoded(&body);
    let role = OrgRole::parse(form.get("role")).unwrap_or(OrgRole::Editor);
    let Some(email) = Email::parse(form.get("invite_email")) else {
        let mut errors = FieldErrors::default();
        errors.add("invite_email", "orgs-email-invalid");
        let mut data = org_form(&state, &org).await?;
        data.set("invite_email", form.get("invite_email"));
        return render(
            &state,
            &actor,
            org,
            FormView::new(data, errors),
            String::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let (token, hash) = auth::new_token();
    let now = state.clock.now().timestamp();
    organizations::invite(
        &state.db,
        org.id,
        email.as_str(),
        role,
        &hash,
        actor.user_id,
        now,
    )
    .await?;
    // The invitee may have no account yet: the mail speaks the inviter's page language.
    let lang = Lang::current();
    let role_name = lang.t_or(&format!("orgs-role-{}", role.key()), role.label());
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{}\n\n{}\n",
        lang.t("mail-hello"),
        lang.t_args(
            "notice-invite-text",
            &[
                ("inviter", user.display_name.as_str()),
                ("org", org.name.as_str()),
                ("role", role_name.as_str()),
            ]
        ),
        lang.t("notice-invite-link"),
        crate::web::notify::page_url(&state, lang, &format!("/einladung/{token}")),
        lang.t("notice-invite-ignore"),
    );
    let subject = lang.t_args("notice-invite-subject", &[("org", org.name.as_str())]);
    if let Err(e) = state.mailer.send(email.as_str(), &subject, &body).await {
        tracing::warn!(error = %format!("{e:#}"), "invitation mail not sent");
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=eingeladen"
    ))
    .into_response())
}

/// `POST /mein-bereich/organisationen/{slug}/mitglieder/{user_id}` with `role` =
/// `owner`, `editor` or `entfernen`.
pub async fn member(
    State(state): State<AppState>,
    session: Session,
    Path((slug, user_id)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor, org) = managed(&state, &session, &slug).await?;
    let user_id: i64 = user_id.parse().map_err(|_| AppError::NotFound)?;
    let form = FormData::from_urlencoded(&body);
    let role = match form.get("role") {
        "entfernen" => None,
        other => Some(
            OrgRole::parse(other).ok_or_else(|| AppError::Invalid("orgs-role-unknown".into()))?,
        ),
    };
    let ok = organizations::set_member(
        &state.db,
        org.id,
        user_id,
        role,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    if !ok {
        return Err(AppError::Invalid("orgs-last-owner".into()));
    }
    Ok(redirect(&format!(
        "/mein-bereich/organisationen/{slug}?ok=mitglieder"
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "orgs/invitation.html")]
pub struct InvitationPage {
    pub layout: Layout,
    pub token: String,
    pub org_name: String,
    pub role: String,
    pub logged_in: bool,
}

/// `GET /einladung/{token}`
pub async fn invitation(
    State(state): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = state.clock.now().timestamp();
    let inv = organizations::invitation(&state.db, &auth::token_hash(&token), now)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = organizations::by_id(&state.db, inv.organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = InvitationPage {
        layout: Layout::new(Lang::current().t("orgs-invitation-title")).translated(),
        token,
        org_name: org.name,
        role: Lang::current().t_or(&format!("orgs-role-{}", inv.role.key()), inv.role.label()),
        logged_in: current_user(&state, &session).await?.is_some(),
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /einladung/{token}`: the logged-in person joins.
pub async fn accept(
    State(state): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let now = state.clock.now().timestamp();
    let hash = auth::token_hash(&token);
    let inv = organizations::invitation(&state.db, &hash, now)
        .await?
        .ok_or(AppError::NotFound)?;
    organizations::accept_invitation(&state.db, &hash, &inv, user.id, now).await?;
    Ok(redirect("/mein-bereich").into_response())
}
