//! Venues in the members' area: the organisation that keeps a venue's data edits it at
//! `/mein-bereich/orte/{slug}` (name, description, contact, opening hours and a photo go
//! live; changes to the address or the access data wait for moderation); moderators edit
//! every venue directly, name its keeper, and decide proposed changes.

use crate::db::organizations;
use crate::db::venues::{self, Saved, VenueRow};
use crate::domain::account::FieldErrors;
use crate::domain::change::{Change, ChangeKind};
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::domain::venue::{AccessCheck, AccessFeature, VenueInput, WEEKDAYS};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::require_actor;
use crate::web::editor::form::{FormView, Submitted};
use crate::web::i18n::redirect;
use crate::web::images::{self, ImageView};
use crate::web::layout::Layout;
use crate::web::options::{self, Choice};
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "venues/edit.html")]
pub struct EditPage {
    pub layout: Layout,
    pub venue: VenueRow,
    pub f: FormView,
    pub notice: String,
    pub moderator: bool,
    pub districts: Vec<Choice>,
    pub features: Vec<Choice>,
    pub checks: Vec<Choice>,
    /// (field, day name)
    pub days: Vec<(String, String)>,
    pub keepers: Vec<Choice>,
    pub image: Option<ImageView>,
    /// What waits for moderation, in words: (what, now, proposed).
    pub pending: Vec<(String, String, String)>,
}

async fn editable(
    state: &AppState,
    session: &Session,
    slug: &str,
) -> Result<(Actor, VenueRow), AppError> {
    let (_, actor) = require_actor(state, session).await?;
    let venue = venues::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.can_edit_venue(venue.organization_id) {
        return Err(AppError::Forbidden);
    }
    Ok((actor, venue))
}

async fn render(
    state: &AppState,
    actor: &Actor,
    venue: VenueRow,
    f: FormView,
    notice: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let moderator = actor.is_moderator();
    let lang = Lang::current();
    let keepers = if moderator {
        organizations::all(&state.db)
            .await?
            .into_iter()
            .map(|o| Choice::new(o.id, o.name))
            .collect()
    } else {
        Vec::new()
    };
    let pending = match venues::pending_change_of(&state.db, venue.id).await? {
        Some(change) => change
            .place()
            .map(|p| venue.place().changes(&p))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let view = EditPage {
        layout: Layout::new(lang.t_args("orgs-edit-venue", &[("name", venue.name.as_str())]))
            .in_section("mein-bereich")
            .translated(),
        image: ImageView::from_variants(0, &venue.image, venue.image_alt.clone(), String::new()),
        f,
        notice,
        moderator,
        districts: options::districts(|_| false),
        features: AccessFeature::ALL
            .iter()
            .map(|a| {
                Choice::new(
                    a.slug(),
                    lang.t_or(&format!("access-{}", a.slug()), a.label()),
                )
            })
            .collect(),
        checks: AccessCheck::ALL
            .iter()
            .map(|c| {
                Choice::new(
                    c.slug(),
                    lang.t_or(
                        &format!(
                            "venue-form-check-{}",
                            if c.slug().is_empty() {
                                "none"
                            } else {
                                c.slug()
                            }
                        ),
                        c.label(),
                    ),
                )
            })
            .collect(),
        days: WEEKDAYS
            .iter()
            .enumerate()
            .map(|(i, (key, _))| {
                (
                    format!("hours_{key}"),
                    crate::domain::calendar::weekday_name_in(i, lang.dates()).to_owned(),
                )
            })
            .collect(),
        keepers,
        pending,
        venue,
    };
    page::private(status, &view)
}

fn form_of(venue: &VenueRow) -> FormData {
    let mut f = venue.input().to_form();
    f.set("image_alt", venue.image_alt.clone());
    f.set(
        "keeper",
        venue
            .organization_id
            .map(|k| k.to_string())
            .unwrap_or_default(),
    );
    f
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Notice {
    pub ok: Option<String>,
}

/// `GET /mein-bereich/orte/{slug}`
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let (actor, venue) = editable(&state, &session, &slug).await?;
    let notice = match q.ok.as_deref() {
        Some(k @ ("gespeichert" | "vorgeschlagen")) => {
            Lang::current().t(&format!("venue-form-ok-{k}"))
        }
        _ => String::new(),
    };
    let f = FormView::new(form_of(&venue), FieldErrors::default());
    render(&state, &actor, venue, f, notice, StatusCode::OK).await
}

/// `POST /mein-bereich/orte/{slug}` (form, optionally with a photo)
pub async fn post(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    submitted: Submitted,
) -> Result<Response, AppError> {
    let (actor, venue) = editable(&state, &session, &slug).await?;
    let form = submitted.form;
    let (input, mut errors) = match VenueInput::parse(&form) {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    let image = match submitted.upload {
        Some(upload) if errors.is_empty() => {
            match images::accept(&state, &form, upload, "image_alt", "").await? {
                Ok(accepted) => Some(accepted),
                Err((field, message)) => {
                    errors.add(field, message);
                    None
                }
            }
        }
        Some(_) => {
            errors.add("image", "venue-form-image-again");
            None
        }
        None => None,
    };
    let keeper = if actor.is_moderator() {
        match form.get("keeper") {
            "" => Some(None),
            k => match k.parse::<i64>() {
                Ok(id) if organizations::by_id(&state.db, id).await?.is_some() => Some(Some(id)),
                _ => {
                    errors.add("keeper", "venue-form-keeper-unknown");
                    None
                }
            },
        }
    } else {
        None
    };
    let (Some(input), true) = (input, errors.is_empty()) else {
        return render(
            &state,
            &actor,
            venue,
            FormView::new(form, errors),
            String::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let now = state.clock.now().timestamp();
    let saved = venues::save(
        &state.db,
        &venue,
        &input,
        actor.is_moderator(),
        venue.organization_id,
        actor.user_id,
        now,
    )
    .await?;
    if let Some(keeper) = keeper
        && keeper != venue.organization_id
    {
        venues::set_keeper(&state.db, venue.id, keeper, Some(actor.user_id), now).await?;
    }
    if let Some(image) = image {
        let variants = images::store(&state, &image).await?;
        venues::set_image(
            &state.db,
            venue.id,
            Some((&variants, image.alt())),
            actor.user_id,
            now,
        )
        .await?;
        images::forget_files(&state, &venue.image).await?;
    } else if form.has("remove_image", "1") && !venue.image.is_empty() {
        venues::set_image(&state.db, venue.id, None, actor.user_id, now).await?;
        images::forget_files(&state, &venue.image).await?;
    }
    crate::service::announce(
        &state.services(),
        &Change::of(ChangeKind::VenueChanged, venue.id),
    )
    .await?;
    if matches!(saved, Saved::Proposed) {
        let args = [("venue", venue.name.as_str())];
        crate::web::notify::notify_moderators_in(
            &state,
            |lang| {
                (
                    lang.t_args("notice-venue-proposed-subject", &args),
                    lang.t_args("notice-venue-proposed-text", &args),
                )
            },
            "/moderation#ortsaenderungen",
        )
        .await?;
    }
    let ok = match saved {
        Saved::Live => "gespeichert",
        Saved::Proposed => "vorgeschlagen",
    };
    Ok(redirect(&format!("/mein-bereich/orte/{slug}?ok={ok}")).into_response())
}
