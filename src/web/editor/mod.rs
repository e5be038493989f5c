//! The event editor for organisations' members (`/mein-bereich/veranstaltungen/…`) and the
//! anonymous submission (`/veranstaltung-melden`). One form, one set of rules
//! (`domain::editor`), errors next to the fields, nothing typed is lost.

pub mod clashes;
pub mod form;
pub mod lifecycle;
pub mod submit;

pub use clashes::{ClashWarning, clash_warnings};

use crate::db::event_writes::{self, Editable};
use crate::db::{organizations, venues};
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::category::Category;
use crate::domain::district::District;
use crate::domain::editor::{self, EditorAction, EditorChoices, EventInput, LANGUAGES, WEEKDAYS};
use crate::domain::event::{AccessService, Audience, EventStatus, Wish, language_name};
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::service::events::{self, Author};
use crate::web::account::require_actor;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use form::{FormView, Submitted};
use tower_sessions::Session;

pub struct Choice {
    pub value: String,
    pub label: String,
}

fn choice(value: impl ToString, label: impl Into<String>) -> Choice {
    Choice {
        value: value.to_string(),
        label: label.into(),
    }
}

/// A stored event's state as the editor shows it above the form.
pub struct Existing {
    pub id: i64,
    pub slug: String,
    pub status: String,
    pub status_label: String,
    pub moderation_note: String,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "editor/edit.html")]
pub struct EditorPage {
    pub layout: Layout,
    pub heading: String,
    pub action: String,
    pub f: FormView,
    pub categories: Vec<Category>,
    pub venues: Vec<Choice>,
    pub organizations: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub weekdays: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub audiences: Vec<Choice>,
    pub services: Vec<Choice>,
    /// Anonymous submission: name, e-mail, honeypot and the signed start time.
    pub anonymous: bool,
    pub form_token: String,
    /// The dates the form yields, when asked for, and the heading above them.
    pub preview: Vec<String>,
    pub preview_heading: String,
    pub preview_more: usize,
    pub existing: Option<Existing>,
    /// Whether „Veröffentlichen“ publishes at once (else it submits for moderation).
    pub publishes: bool,
    pub notice: String,
    /// Days on which the same Sparte already has events nearby (shown with the preview).
    pub clashes: Vec<ClashWarning>,
    /// The description rendered as visitors will see it (on a preview request).
    pub description_preview: String,
    /// Images already attached (when editing).
    pub images: Vec<crate::web::images::ImageView>,
}

/// An event's status in German (for places that need German regardless).
pub fn status_label(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Published => "Veröffentlicht",
        EventStatus::Pending => "Wartet auf Freigabe",
        EventStatus::Rejected => "Abgelehnt",
        EventStatus::Draft => "Entwurf",
    }
}

/// An event's status in the language of the request.
pub fn status_words(status: EventStatus) -> String {
    Lang::current().t_or(
        &format!("editor-state-{}", status.key()),
        status_label(status),
    )
}

impl EditorPage {
    pub async fn new(
        state: &AppState,
        heading: String,
        action: String,
        f: FormView,
        organizations: Vec<Choice>,
    ) -> Result<EditorPage, AppError> {
        let lang = Lang::current();
        let venues = venues::all(&state.db)
            .await?
            .into_iter()
            .map(|v| {
                let district = District::parse(&v.district).map_or("", District::name);
                choice(v.id, format!("{} ({district})", v.name))
            })
            .collect();
        Ok(EditorPage {
            layout: Layout::new(heading.clone())
                .in_section("mein-bereich")
                .translated(),
            heading,
            action,
            f,
            categories: state.categories.list().to_vec(),
            venues,
            organizations,
            districts: District::ALL
                .iter()
                .map(|d| choice(d.slug(), d.name()))
                .collect(),
            weekdays: weekday_choices(lang),
            languages: LANGUAGES
                .iter()
                .map(|l| choice(l, lang.t_or(&format!("language-{l}"), language_name(l))))
                .collect(),
            audiences: Audience::ALL
                .iter()
                .map(|a| choice(a.slug(), lang.audience(*a)))
                .collect(),
            services: AccessService::ALL
                .iter()
                .map(|s| {
                    choice(
                        s.key(),
                        lang.t_or(&format!("service-{}", s.key()), s.name()),
                    )
                })
                .collect(),
            anonymous: false,
            form_token: String::new(),
            preview: Vec::new(),
            preview_heading: String::new(),
            preview_more: 0,
            existing: None,
            publishes: true,
            notice: String::new(),
            images: Vec::new(),
            description_preview: String::new(),
            clashes: Vec::new(),
        })
    }

    pub fn categories_as_choices(&self) -> Vec<Choice> {
        self.categories
            .iter()
            .map(|c| choice(c.id, self.layout.sparte(c)))
            .collect()
    }

    /// Lists the dates a valid form yields (the first 24, then a count).
    pub fn show_dates(&mut self, input: &EventInput, now: chrono::DateTime<chrono::Utc>) {
        self.description_preview = crate::web::markdown::render(&input.description);
        let slots = input.schedule.slots(now);
        const SHOWN: usize = 24;
        self.preview_more = slots.len().saturating_sub(SHOWN);
        let lang = self.layout.lang;
        self.preview = slots
            .iter()
            .take(SHOWN)
            .map(|s| {
                let start = instant(s.starts_at);
                let day = calendar::long_date_in(calendar::local_date(start), lang.dates());
                if s.all_day {
                    day
                } else {
                    format!("{day}, {}", calendar::time_of_day_in(start, lang.dates()))
                }
            })
            .collect();
        self.preview_heading = if self.preview_more > 0 {
            lang.t_args(
                "editor-dates-preview-first",
                &[
                    ("shown", &self.preview.len().to_string()),
                    (
                        "total",
                        &(self.preview.len() + self.preview_more).to_string(),
                    ),
                ],
            )
        } else {
            lang.t("editor-dates-preview")
        };
    }
}

/// The weekdays for the form's choices, Monday first.
pub fn weekday_choices(lang: Lang) -> Vec<Choice> {
    WEEKDAYS
        .iter()
        .map(|(k, _, d)| {
            choice(
                k,
                crate::domain::calendar::weekday_name_in(
                    d.num_days_from_monday() as usize,
                    lang.dates(),
                ),
            )
        })
        .collect()
}

/// The ids the editor may refer to, for this person.
pub struct ChoiceIds {
    pub categories: Vec<i64>,
    pub venues: Vec<i64>,
    pub organizations: Vec<i64>,
}

impl ChoiceIds {
    pub fn as_choices(&self) -> EditorChoices<'_> {
        EditorChoices {
            categories: &self.categories,
            venues: &self.venues,
            organizations: &self.organizations,
        }
    }
}

pub async fn choice_ids(state: &AppState, organizations: Vec<i64>) -> Result<ChoiceIds, AppError> {
    Ok(ChoiceIds {
        categories: state.categories.list().iter().map(|c| c.id).collect(),
        venues: venues::all(&state.db).await?.iter().map(|v| v.id).collect(),
        organizations,
    })
}

/// The organisations this person enters events for (moderation: all of them).
pub async fn organizations_of(state: &AppState, actor: &Actor) -> Result<Vec<Choice>, AppError> {
    let all = organizations::all(&state.db).await?;
    Ok(all
        .into_iter()
        .filter(|o| actor.is_moderator() || actor.role_in(o.id).is_some())
        .map(|o| choice(o.id, o.name))
        .collect())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    /// Copy this event's data into the new form.
    pub von: Option<String>,
}

/// `GET /mein-bereich/veranstaltungen/neu`
pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let orgs = organizations_of(&state, &actor).await?;
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut data = form::blank(orgs.first().and_then(|o| o.value.parse().ok()));
    let mut notice = String::new();
    if let Some(source) = q.von.and_then(|v| v.parse::<i64>().ok()) {
        let e = event_writes::editable(&state.db, source)
            .await?
            .ok_or(AppError::NotFound)?;
        if !actor.can_edit_event(&e.organizer_ids) {
            return Err(AppError::Forbidden);
        }
        data = form::from_event(&e, &state.categories.list());
        notice = Lang::current().t_args(
            "editor-copy-notice",
            &[("title", e.detail.event.title.as_str())],
        );
    }
    let mut view = EditorPage::new(
        &state,
        Lang::current().t("editor-new-heading"),
        "/mein-bereich/veranstaltungen/neu".into(),
        FormView::new(data, FieldErrors::default()),
        orgs,
    )
    .await?;
    view.notice = notice;
    page::private(StatusCode::OK, &view)
}

/// What the person asked for with the button they pressed.
fn wish(action: EditorAction) -> Wish {
    match action {
        EditorAction::Draft => Wish::Draft,
        _ => Wish::Publish,
    }
}

/// Re-renders the form with messages (422) or with the date preview (200).
async fn again(
    state: &AppState,
    actor: &Actor,
    heading: String,
    action_url: String,
    data: FormData,
    outcome: Result<EventInput, FieldErrors>,
    existing: Option<Existing>,
) -> Result<Response, AppError> {
    let orgs = organizations_of(state, actor).await?;
    let (errors, input) = match outcome {
        Ok(input) => (FieldErrors::default(), Some(input)),
        Err(errors) => (errors, None),
    };
    let failed = !errors.is_empty();
    let existing_id = existing.as_ref().map(|e| e.id);
    let mut view = EditorPage::new(
        state,
        heading,
        action_url,
        FormView::new(data, errors),
        orgs,
    )
    .await?;
    if let Some(e) = &existing {
        view.images = crate::web::images::of_event(state, e.id).await?;
    }
    view.existing = existing;
    if let Some(input) = &input {
        view.show_dates(input, state.clock.now());
        view.clashes = clash_warnings(state, input, existing_id).await?;
    }
    let status = if failed {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page::private(status, &view)
}

/// `POST /mein-bereich/veranstaltungen/neu`
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Submitted { form: data, upload }: Submitted,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let orgs: Vec<i64> = organizations_of(&state, &actor)
        .await?
        .iter()
        .filter_map(|o| o.value.parse().ok())
        .collect();
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    let ids = choice_ids(&state, orgs).await?;
    let now = state.clock.now();
    let action = EditorAction::parse(data.get("action"));
    let mut outcome = editor::parse(&data, &ids.as_choices(), now, true);
    let image = crate::web::images::check_upload(&state, &data, upload, &mut outcome).await?;
    let heading = Lang::current().t("editor-new-heading");
    let url = "/mein-bereich/veranstaltungen/neu".to_owned();
    let input = match outcome {
        Ok(input) if action != EditorAction::PreviewDates => input,
        other => return again(&state, &actor, heading, url, data, other, None).await,
    };
    let svc = state.services();
    let saved = events::create(
        &svc,
        &input,
        wish(action),
        &Author::Member(actor.clone()),
        None,
    )
    .await?;
    if let Some(image) = image {
        crate::web::images::attach(&state, saved.id, image, Some(actor.user_id)).await?;
        events::touched(&svc, saved.id).await?;
    }
    Ok(redirect(&format!(
        "/mein-bereich/veranstaltungen/{}?gespeichert={}",
        saved.id,
        saved.status.key()
    ))
    .into_response())
}

/// Loads an event and checks that this person may edit it.
pub async fn editable_for(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> Result<(i64, Editable), AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let e = event_writes::editable(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.can_edit_event(&e.organizer_ids) {
        return Err(AppError::Forbidden);
    }
    Ok((id, e))
}

/// „„Titel“ bearbeiten“ in the language of the request.
fn edit_heading(title: &str) -> String {
    Lang::current().t_args("editor-edit-heading", &[("title", title)])
}

fn existing(id: i64, e: &Editable) -> Existing {
    Existing {
        id,
        slug: e.detail.event.slug.clone(),
        status: e.status.key().to_owned(),
        status_label: status_words(e.status),
        moderation_note: e.moderation_note.clone(),
        cancelled: !e.occurrences.is_empty()
            && e.occurrences.iter().all(|o| o.status == "cancelled"),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct EditQuery {
    pub gespeichert: Option<String>,
}

/// `GET /mein-bereich/veranstaltungen/{id}`
pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (id, e) = editable_for(&state, &actor, &id).await?;
    let orgs = organizations_of(&state, &actor).await?;
    let data = form::from_event(&e, &state.categories.list());
    let mut view = EditorPage::new(
        &state,
        edit_heading(&e.detail.event.title),
        format!("/mein-bereich/veranstaltungen/{id}"),
        FormView::new(data, FieldErrors::default()),
        orgs,
    )
    .await?;
    view.publishes = e.status.is_public()
        || Author::Member(actor.clone())
            .may_publish(&state.services(), e.organizer_ids.first().copied())
            .await?;
    view.notice = match q.gespeichert.as_deref() {
        Some(k @ ("published" | "pending" | "draft" | "webseite")) => {
            Lang::current().t(&format!("editor-saved-{k}"))
        }
        Some(_) => Lang::current().t("editor-saved"),
        None => String::new(),
    };
    view.existing = Some(existing(id, &e));
    view.images = crate::web::images::of_event(&state, id).await?;
    page::private(StatusCode::OK, &view)
}

/// `POST /mein-bereich/veranstaltungen/{id}`
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Submitted { form: data, upload }: Submitted,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let (id, before) = editable_for(&state, &actor, &id).await?;
    let mut orgs: Vec<i64> = organizations_of(&state, &actor)
        .await?
        .iter()
        .filter_map(|o| o.value.parse().ok())
        .collect();
    // A moderator or member may keep the organiser the event already has.
    orgs.extend(before.organizer_ids.iter().copied());
    let ids = choice_ids(&state, orgs).await?;
    let now = state.clock.now();
    let action = EditorAction::parse(data.get("action"));
    let mut outcome = editor::parse(&data, &ids.as_choices(), now, false);
    let image = crate::web::images::check_upload(&state, &data, upload, &mut outcome).await?;
    let input = match outcome {
        Ok(input) if action != EditorAction::PreviewDates => input,
        other => {
            return again(
                &state,
                &actor,
                edit_heading(&before.detail.event.title),
                format!("/mein-bereich/veranstaltungen/{id}"),
                data,
                other,
                Some(existing(id, &before)),
            )
            .await;
        }
    };
    let svc = state.services();
    let saved = events::update(
        &svc,
        id,
        &input,
        wish(action),
        &Author::Member(actor.clone()),
    )
    .await?;
    let removed = crate::web::images::remove_marked(&state, id, &data, actor.user_id).await?;
    let added = image.is_some();
    if let Some(image) = image {
        crate::web::images::attach(&state, id, image, Some(actor.user_id)).await?;
    }
    if removed || added {
        events::touched(&svc, id).await?;
    }
    Ok(redirect(&format!(
        "/mein-bereich/veranstaltungen/{id}?gespeichert={}",
        saved.status.key()
    ))
    .into_response())
}
