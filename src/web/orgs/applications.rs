//! Applying to found an organisation or to join one (members with a confirmed address);
//! moderation decides (`web::moderation::organisations`).

use crate::db::moderation;
use crate::db::organizations::{self, OrgRow};
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::options::Choice;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "orgs/apply.html")]
pub struct ApplyPage {
    pub layout: Layout,
    pub f: FormView,
    pub organizations: Vec<OrgRow>,
    pub kinds: Vec<Choice>,
    pub verified: bool,
    pub sent: bool,
}

const KINDS: [&str; 6] = [
    "collective",
    "ensemble",
    "institution",
    "festival",
    "association",
    "city_office",
];

async fn apply_page(
    state: &AppState,
    actor: &Actor,
    f: FormView,
    sent: bool,
    status: StatusCode,
) -> Result<Response, AppError> {
    let view = ApplyPage {
        layout: Layout::new(Lang::current().t("editor-apply-org"))
            .in_section("mein-bereich")
            .translated(),
        f,
        organizations: organizations::all(&state.db).await?,
        kinds: KINDS
            .iter()
            .map(|k| {
                Choice::new(
                    k,
                    Lang::current().t_or(
                        &format!("orgs-kind-{k}"),
                        crate::domain::event::org_kind_name(k),
                    ),
                )
            })
            .collect(),
        verified: actor.can_apply(),
        sent,
    };
    page::private(status, &view)
}

/// `GET /mein-bereich/organisation-beantragen`
pub async fn apply_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let mut f = FormData::default();
    f.set("mode", "neu");
    apply_page(
        &state,
        &actor,
        FormView::new(f, FieldErrors::default()),
        false,
        StatusCode::OK,
    )
    .await
}

/// `POST /mein-bereich/organisation-beantragen`
pub async fn apply(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    if !actor.can_apply() {
        return Err(AppError::Forbidden);
    }
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let message: String = form.trimmed("message").chars().take(2000).collect();
    let (org, name, kind) = if form.get("mode") == "beitreten" {
        match form.get("organisation").parse::<i64>().ok() {
            Some(id) if organizations::by_id(&state.db, id).await?.is_some() => {
                (Some(id), String::new(), String::new())
            }
            _ => {
                errors.add("organisation", "orgs-apply-org-missing");
                (None, String::new(), String::new())
            }
        }
    } else {
        let name = form.trimmed("name").to_owned();
        if name.chars().count() < 2 || name.chars().count() > 120 {
            errors.add("name", "orgs-apply-name-invalid");
        }
        let kind = form.get("kind");
        if !KINDS.contains(&kind) {
            errors.add("kind", "orgs-apply-kind-missing");
        }
        (None, name, kind.to_owned())
    };
    if !errors.is_empty() {
        return apply_page(
            &state,
            &actor,
            FormView::new(form, errors),
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    moderation::apply(
        &state.db,
        actor.user_id,
        org,
        &name,
        &kind,
        &message,
        state.clock.now().timestamp(),
    )
    .await?;
    crate::web::notify::notify_moderators_in(
        &state,
        |lang| {
            (
                lang.t("notice-application-subject"),
                lang.t("notice-application-text"),
            )
        },
        "/moderation#antraege",
    )
    .await?;
    apply_page(
        &state,
        &actor,
        FormView::new(FormData::default(), FieldErrors::default()),
        true,
        StatusCode::OK,
    )
    .await
}
