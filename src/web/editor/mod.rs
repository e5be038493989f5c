//! The event editor for organisations' members (`/mein-bereich/veranstaltungen/…`) and the
//! anonymous submission (`/veranstaltung-melden`). One form, one set of rules
//! (`domain::editor`), errors next to the fields, nothing typed is lost.

pub mod form;
pub mod lifecycle;
pub mod submit;

use crate::db::event_writes::{self, Editable, Save, Submitter};
use crate::db::{organizations, venues};
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::category::Category;
use crate::domain::district::District;
use crate::domain::editor::{self, EditorAction, EditorChoices, EventInput, LANGUAGES, WEEKDAYS};
use crate::domain::event::{AccessService, Audience, language_name};
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::error::AppError;
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
pub fn status_label(status: &str) -> &'static str {
    match status {
        "published" => "Veröffentlicht",
        "pending" => "Wartet auf Freigabe",
        "rejected" => "Abgelehnt",
        _ => "Entwurf",
    }
}

/// An event's status in the language of the request.
pub fn status_words(status: &str) -> String {
    let key = match status {
        "published" | "pending" | "rejected" => status,
        _ => "draft",
    };
    Lang::current().t_or(&format!("editor-state-{key}"), status_label(status))
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

/// A warning that other events of the same Sparte take place that day (and district).
pub struct ClashWarning {
    pub text: String,
    pub events: Vec<(String, String)>,
    /// Tentative dates of other organisations that day, in words (members only).
    pub tentative: Vec<String>,
}

/// How many distinct days of a preview are checked for clashes.
const CLASH_DAYS: usize = 12;

/// Looks up clashes for the dates of a valid form: same local day, same district (when
/// the place has one), a shared Sparte, published and not cancelled.
pub async fn clash_warnings(
    state: &AppState,
    input: &EventInput,
    except: Option<i64>,
) -> Result<Vec<ClashWarning>, AppError> {
    use crate::domain::editor::Place;
    let lang = Lang::current();
    let district: Option<String> = match &input.place {
        Place::Venue(id) => crate::db::venues::by_ids(&state.db, &[*id])
            .await?
            .first()
            .map(|v| v.district.clone()),
        Place::NewVenue(p) => Some(p.district.slug().to_owned()),
        Place::Text(_) => None,
    };
    let where_words = district
        .as_deref()
        .and_then(District::parse)
        .map_or("in Bochum".to_owned(), |d| format!("in {}", d.name()));
    let sparten: Vec<String> = state
        .categories
        .list()
        .iter()
        .filter(|c| input.category_ids.contains(&c.id))
        .map(|c| c.name_in(lang == Lang::En).to_owned())
        .collect();
    let sparten = sparten.join(" / ");
    let mut days: Vec<chrono::NaiveDate> = input
        .schedule
        .slots(state.clock.now())
        .iter()
        .map(|s| calendar::local_date(instant(s.starts_at)))
        .filter(|d| *d >= calendar::local_date(state.clock.now()))
        .collect();
    days.dedup();
    let mut out = Vec::new();
    for day in days.into_iter().take(CLASH_DAYS) {
        let from = calendar::start_of_day(day).timestamp();
        let to = calendar::start_of_day(day.succ_opt().unwrap_or(day)).timestamp();
        let found = event_writes::clashes(
            &state.db,
            from,
            to,
            district.as_deref(),
            &input.category_ids,
            except,
        )
        .await?;
        let own: Vec<i64> = input.organization_id.into_iter().collect();
        let reserved = crate::db::planning::clashing(
            &state.db,
            crate::domain::pinboard::day_number(day),
            district.as_deref(),
            &input.category_ids,
            &own,
        )
        .await?;
        let tentative: Vec<String> = reserved
            .iter()
            .map(|t| {
                let time = if t.time.is_empty() {
                    String::new()
                } else {
                    lang.t_args("editor-clash-time", &[("time", &t.time)])
                };
                format!(
                    "{}: {} ({}{time})",
                    t.organization_name, t.title, t.category_name
                )
            })
            .collect();
        if found.is_empty() && tentative.is_empty() {
            continue;
        }
        let day_words = calendar::short_date_in(day, lang.dates());
        let words = |key: &str, count: usize| {
            let count = count.to_string();
            lang.t_args(
                key,
                &[
                    ("day", &day_words),
                    ("where", &where_words),
                    ("count", &count),
                    ("sparten", &sparten),
                ],
            )
        };
        let n = found.len();
        if n == 0 {
            let m = tentative.len();
            out.push(ClashWarning {
                text: words(
                    if m == 1 {
                        "editor-clash-reserved-one"
                    } else {
                        "editor-clash-reserved-many"
                    },
                    m,
                ),
                events: Vec::new(),
                tentative,
            });
            continue;
        }
        out.push(ClashWarning {
            tentative,
            text: words(
                if n == 1 {
                    "editor-clash-events-one"
                } else {
                    "editor-clash-events-many"
                },
                n,
            ),
            events: found
                .into_iter()
                .map(|c| (format!("/veranstaltungen/{}", c.slug), c.title))
                .collect(),
        });
    }
    Ok(out)
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

async fn org_verified(state: &AppState, org: Option<i64>) -> Result<bool, AppError> {
    Ok(match org {
        Some(id) => organizations::by_id(&state.db, id)
            .await?
            .is_some_and(|o| o.verified),
        None => false,
    })
}

/// Keeps the search index in step with a write made here (other instances follow within a
/// minute).
/// After an event was written: look for a duplicate of it, then rebuild the index.
pub async fn written(state: &AppState, id: i64) -> Result<(), AppError> {
    crate::db::duplicates::check(&state.db, id, state.clock.now().timestamp()).await?;
    reindex(state).await
}

pub async fn reindex(state: &AppState) -> Result<(), AppError> {
    state.search.refresh_if_changed(&state.db).await?;
    Ok(())
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

/// What „Veröffentlichen“ means for this person and organisation.
async fn target_status(
    state: &AppState,
    actor: &Actor,
    action: EditorAction,
    org: Option<i64>,
    current: Option<&str>,
) -> Result<&'static str, AppError> {
    Ok(match action {
        EditorAction::Draft => "draft",
        _ if current == Some("published") => "published",
        _ if actor.publishes_directly(org_verified(state, org).await?) => "published",
        _ => "pending",
    })
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
    let status = target_status(&state, &actor, action, input.organization_id, None).await?;
    let (id, _) = event_writes::create(
        &state.db,
        Save {
            input: &input,
            status,
            actor: Some(actor.user_id),
            submitter: Submitter::default(),
            now,
            external_id: None,
        },
    )
    .await?;
    if let Some(image) = image {
        crate::web::images::attach(&state, id, image, Some(actor.user_id)).await?;
    }
    written(&state, id).await?;
    if status == "pending" {
        awaits_review(&state, &input.title).await?;
    }
    Ok(redirect(&format!(
        "/mein-bereich/veranstaltungen/{id}?gespeichert={status}"
    ))
    .into_response())
}

/// Tells the moderators that an event waits for their review.
pub async fn awaits_review(state: &AppState, title: &str) -> Result<(), AppError> {
    let args = [("title", title)];
    crate::web::notify::notify_moderators_in(
        state,
        |lang| {
            (
                lang.t_args("notice-review-subject", &args),
                lang.t_args("notice-review-text", &args),
            )
        },
        "/moderation#warteschlange",
    )
    .await
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
        status: e.status.clone(),
        status_label: status_words(&e.status),
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
    view.publishes = e.status == "published"
        || actor.publishes_directly(org_verified(&state, e.organizer_ids.first().copied()).await?);
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
    let status = target_status(
        &state,
        &actor,
        action,
        input.organization_id,
        Some(&before.status),
    )
    .await?;
    event_writes::update(
        &state.db,
        id,
        &before,
        Save {
            input: &input,
            status,
            actor: Some(actor.user_id),
            submitter: Submitter::default(),
            now,
            external_id: None,
        },
    )
    .await?;
    crate::web::images::remove_marked(&state, id, &data, actor.user_id).await?;
    if let Some(image) = image {
        crate::web::images::attach(&state, id, image, Some(actor.user_id)).await?;
    }
    written(&state, id).await?;
    if status == "pending" && before.status != "pending" {
        awaits_review(&state, &input.title).await?;
    }
    Ok(redirect(&format!(
        "/mein-bereich/veranstaltungen/{id}?gespeichert={status}"
    ))
    .into_response())
}
