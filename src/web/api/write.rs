//! The write API: an organisation's systems create, update and delete its events with an
//! API token (`Authorization: Bearer …`). The JSON becomes a draft event directly and is
//! checked by the rules every writer meets (`domain::editor::EventDraft::check`), so the
//! API accepts exactly what the form accepts; saving goes through `service::events`. `PUT
//! /api/v1/events/external/{id}` is an idempotent upsert by the caller's own id.

use crate::db::api_tokens::{self, TokenRow};
use crate::db::event_writes;
use crate::db::{moderation, venues};
use crate::domain::account::{FieldErrors, Message};
use crate::domain::editor::{self, EditorChoices, EnglishText, EventDraft, Place, Schedule, Slot};
use crate::domain::event::{AccessService, Audience, Price, Wish};
use crate::error::{ApiError, AppError};
use crate::service::events::{self, Author};
use crate::web::AppState;
use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDateTime, Timelike};
use serde::Deserialize;

/// Writes one token may make per hour.
pub const WRITES_PER_HOUR: i64 = 1000;

fn write_key(token: &TokenRow) -> String {
    format!("api:{}", token.id)
}

/// Counts a write against the token's hour when it was accepted (a 2xx answer).
async fn counted(
    state: &AppState,
    token: &TokenRow,
    answer: Result<Response, AppError>,
) -> Result<Response, ApiError> {
    let answer = answer?;
    if answer.status().is_success() {
        let now = state.clock.now().timestamp();
        moderation::hit(&state.db, &write_key(token), now - 3600, now).await?;
    }
    Ok(answer)
}

/// The calling organisation, from its token.
pub struct ApiToken(pub TokenRow);

fn unauthorized(message: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        Json(serde_json::json!({ "error": { "code": "unauthorized", "message": message } })),
    )
        .into_response()
}

impl FromRequestParts<AppState> for ApiToken {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                unauthorized("an API token is required: Authorization: Bearer <token>")
            })?;
        let now = state.clock.now().timestamp();
        let row = api_tokens::authenticate(&state.db, &crate::auth::token_hash(token), now)
            .await
            .map_err(|e| ApiError(e.into()).into_response())?
            .ok_or_else(|| unauthorized("unknown or revoked API token"))?;
        // Only accepted writes count (see `counted`): a client fixing its invalid records
        // does not use up its hour.
        let writes = moderation::hits_since(&state.db, &write_key(&row), now - 3600)
            .await
            .map_err(|e| ApiError(e.into()).into_response())?;
        if writes >= WRITES_PER_HOUR {
            return Err(ApiError(AppError::TooManyRequests).into_response());
        }
        Ok(ApiToken(row))
    }
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ApiDate {
    /// Local Bochum time `YYYY-MM-DDTHH:MM`, or a date `YYYY-MM-DD` for all-day.
    pub start: String,
    pub end: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ApiPrice {
    /// `unknown`, `free`, `range` or `text`.
    pub kind: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub text: Option<String>,
}

/// An event as the write API takes it.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ApiEventInput {
    pub title: String,
    pub subtitle: String,
    pub description: String,
    /// Sparte slugs.
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// Venue slug, or none with `location`.
    pub venue: Option<String>,
    pub location: String,
    pub dates: Vec<ApiDate>,
    pub price: Option<ApiPrice>,
    pub ticket_url: String,
    pub min_age: Option<i64>,
    pub audiences: Vec<String>,
    pub languages: Vec<String>,
    pub access_services: Vec<String>,
    /// `published` (default) or `draft`.
    pub status: Option<String>,
    /// The English texts; left out, the stored ones stay as they are.
    pub english: Option<ApiEnglish>,
}

/// An event's English texts in the write API.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ApiEnglish {
    pub title: String,
    pub subtitle: String,
    pub description: String,
}

/// Euros as the API sends them, in cents (at most 100,000 €, as in the editor).
fn cents(v: f64) -> Option<i64> {
    (v.is_finite() && (0.0..=100_000.0).contains(&v)).then(|| (v * 100.0).round() as i64)
}

/// The API fields an editor field error belongs to.
fn api_field(editor_field: &str) -> &'static str {
    match editor_field {
        "title" => "title",
        "title_en" | "subtitle_en" | "description_en" => "english",
        "subtitle" => "subtitle",
        "description" => "description",
        "sparte" => "categories",
        "tags" => "tags",
        "venue" | "location_text" => "venue",
        "price_min" | "price_max" | "price_text" => "price",
        "ticket_url" => "ticket_url",
        "min_age" => "min_age",
        _ => "dates",
    }
}

fn invalid(errors: &FieldErrors) -> Response {
    let fields: serde_json::Map<String, serde_json::Value> = errors
        .0
        .iter()
        .map(|(k, v)| {
            (
                api_field(k).to_owned(),
                serde_json::Value::String(crate::web::i18n::Lang::De.message(v)),
            )
        })
        .collect();
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(serde_json::json!({ "error": { "code": "invalid", "message": "the event is not valid; see fields (German messages)", "fields": fields } })),
    )
        .into_response()
}

fn date_time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

/// One date of the API: a local start (`YYYY-MM-DDTHH:MM`) with an optional end, or a
/// day (`YYYY-MM-DD`, optionally up to an end day) for all-day dates.
fn slot(d: &ApiDate) -> Option<Slot> {
    match date_time(&d.start) {
        Some(start) => {
            let end = d.end.as_deref().and_then(date_time);
            let end_day = end.map(|e| e.date()).filter(|e| *e != start.date());
            let end_time = end.map(|e| (e.hour(), e.minute()));
            editor::one_date(
                start.date(),
                Some((start.hour(), start.minute())),
                end_day,
                end_time,
            )
        }
        None => {
            let day = editor::parse_date(&d.start)?;
            let last = d.end.as_deref().and_then(editor::parse_date);
            editor::one_date(day, None, last, None)
        }
    }
}

/// Reads the JSON into a draft event; what it names must exist (Sparten, venue).
async fn to_draft(
    state: &AppState,
    org: i64,
    input: &ApiEventInput,
) -> Result<EventDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let categories = state.categories.list();
    let mut category_ids = Vec::new();
    for slug in &input.categories {
        match categories.iter().find(|c| &c.slug == slug) {
            Some(c) => category_ids.push(c.id),
            None => errors.add("sparte", format!("Unbekannte Sparte: {slug}")),
        }
    }
    let place = match &input.venue {
        Some(slug) => match venues::by_slug(&state.db, slug).await.ok().flatten() {
            Some(v) => Some(Place::Venue(v.id)),
            None => {
                errors.add("venue", format!("Unbekannter Ort: {slug}"));
                None
            }
        },
        None => Some(Place::Text(input.location.trim().to_owned())),
    };
    let schedule = match input.dates.as_slice() {
        [] => {
            errors.add("dates", "Mindestens ein Termin ist nötig.");
            None
        }
        dates => {
            let mut slots = Vec::new();
            for (i, d) in dates.iter().enumerate() {
                match slot(d) {
                    Some(s) => slots.push(s),
                    None if dates.len() == 1 && date_time(&d.start).is_some() => {
                        errors.add("end_date", "editor-end-before-start")
                    }
                    None if dates.len() == 1 => errors.add("date", "editor-date-missing"),
                    None => errors.add(
                        "dates",
                        Message::new("editor-dates-line")
                            .with("line", i + 1)
                            .with("text", d.start.chars().take(60).collect::<String>()),
                    ),
                }
            }
            slots.sort_by_key(|s| s.starts_at);
            slots.dedup();
            errors.is_empty().then_some(Schedule::Dates(slots))
        }
    };
    let price = match &input.price {
        Some(p) => match p.kind.as_str() {
            "free" => Price::Free,
            "range" => {
                let min = p.min.and_then(cents);
                let max = p.max.map_or(min, cents);
                match (min, max) {
                    (Some(min_cents), Some(max_cents)) => Price::Range {
                        min_cents,
                        max_cents,
                    },
                    (None, _) => {
                        errors.add("price_min", "editor-price-euros");
                        Price::Unknown
                    }
                    (_, None) => {
                        errors.add("price_max", "editor-price-euros");
                        Price::Unknown
                    }
                }
            }
            "text" => Price::Text {
                text: p.text.clone().unwrap_or_default().trim().to_owned(),
            },
            _ => Price::Unknown,
        },
        None => Price::Unknown,
    };
    let draft = EventDraft {
        title: input.title.trim().to_owned(),
        english: input.english.as_ref().map(|en| EnglishText {
            title: en.title.trim().to_owned(),
            subtitle: en.subtitle.trim().to_owned(),
            description: en.description.trim().replace("\r\n", "\n"),
        }),
        subtitle: input.subtitle.trim().to_owned(),
        description: input.description.trim().replace("\r\n", "\n"),
        category_ids,
        tags: input.tags.clone(),
        organization_id: Some(org),
        place,
        schedule,
        price,
        ticket_url: input.ticket_url.trim().to_owned(),
        min_age: input.min_age,
        audiences: input
            .audiences
            .iter()
            .filter_map(|a| Audience::parse(a))
            .collect(),
        languages: input.languages.clone(),
        access_services: input
            .access_services
            .iter()
            .filter_map(|a| AccessService::parse(a))
            .collect(),
    };
    if errors.is_empty() {
        Ok(draft)
    } else {
        Err(errors)
    }
}

/// Checks the input by the rules every writer meets, and reads what the caller asks
/// for (publish or keep as a draft); the service decides the status.
async fn prepare(
    state: &AppState,
    token: &TokenRow,
    input: &ApiEventInput,
    is_new: bool,
) -> Result<Result<(editor::EventInput, Wish), Response>, AppError> {
    let wish = match input.status.as_deref() {
        Some("draft") => Wish::Draft,
        None | Some("published") => Wish::Publish,
        Some(_) => {
            let mut e = FieldErrors::default();
            e.add("status", "status is published or draft");
            return Ok(Err(invalid(&e)));
        }
    };
    let draft = match to_draft(state, token.organization_id, input).await {
        Ok(d) => d,
        Err(errors) => return Ok(Err(invalid(&errors))),
    };
    let categories: Vec<i64> = state.categories.list().iter().map(|c| c.id).collect();
    // `to_draft` found the venue by its slug among the published ones; reading every
    // venue of the city to confirm it cost more than the rest of the check.
    let venue_ids: Vec<i64> = match &draft.place {
        Some(Place::Venue(id)) => vec![*id],
        _ => Vec::new(),
    };
    let orgs = [token.organization_id];
    let choices = EditorChoices {
        categories: &categories,
        venues: &venue_ids,
        organizations: &orgs,
    };
    match draft.check(&choices, state.clock.now(), is_new) {
        Ok(p) => Ok(Ok((p, wish))),
        Err(errors) => Ok(Err(invalid(&errors))),
    }
}

fn saved(state: &AppState, code: StatusCode, id: i64, slug: &str, status: &str) -> Response {
    let url = format!("{}/veranstaltungen/{slug}", state.base_url);
    let mut response = (
        code,
        Json(
            serde_json::json!({ "data": { "id": id, "slug": slug, "url": url, "status": status } }),
        ),
    )
        .into_response();
    if let Ok(v) = header::HeaderValue::from_str(&format!("/api/v1/events/{id}")) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

async fn create_event(
    state: &AppState,
    token: &TokenRow,
    input: ApiEventInput,
    external_id: Option<String>,
) -> Result<Response, AppError> {
    let (parsed, wish) = match prepare(state, token, &input, true).await? {
        Ok(v) => v,
        Err(response) => return Ok(response),
    };
    let author = Author::Token {
        organization: token.organization_id,
    };
    let s = events::create(&state.services(), &parsed, wish, &author, external_id).await?;
    Ok(saved(
        state,
        StatusCode::CREATED,
        s.id,
        &s.slug,
        s.status.key(),
    ))
}

async fn update_event(
    state: &AppState,
    token: &TokenRow,
    id: i64,
    input: ApiEventInput,
) -> Result<Response, AppError> {
    let (parsed, wish) = match prepare(state, token, &input, false).await? {
        Ok(v) => v,
        Err(response) => return Ok(response),
    };
    let author = Author::Token {
        organization: token.organization_id,
    };
    let s = events::update(&state.services(), id, &parsed, wish, &author).await?;
    Ok(saved(state, StatusCode::OK, s.id, &s.slug, s.status.key()))
}

/// An event of the token's organisation, by id.
async fn own_event(state: &AppState, token: &TokenRow, id: &str) -> Result<i64, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let e = event_writes::editable(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !e.organizer_ids.contains(&token.organization_id) {
        return Err(AppError::NotFound);
    }
    Ok(id)
}

fn body(
    input: Result<Json<ApiEventInput>, axum::extract::rejection::JsonRejection>,
) -> Result<ApiEventInput, Box<Response>> {
    input.map(|Json(i)| i).map_err(|e| {
        Box::new(
            (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "error": { "code": "invalid_json", "message": e.body_text() } })),
            )
                .into_response(),
        )
    })
}

/// `POST /api/v1/events`
pub async fn create(
    State(state): State<AppState>,
    ApiToken(token): ApiToken,
    input: Result<Json<ApiEventInput>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let input = match body(input) {
        Ok(i) => i,
        Err(r) => return Ok(*r),
    };
    counted(
        &state,
        &token,
        create_event(&state, &token, input, None).await,
    )
    .await
}

/// `PUT /api/v1/events/{id}`
pub async fn update(
    State(state): State<AppState>,
    ApiToken(token): ApiToken,
    Path(id): Path<String>,
    input: Result<Json<ApiEventInput>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let id = own_event(&state, &token, &id).await?;
    let input = match body(input) {
        Ok(i) => i,
        Err(r) => return Ok(*r),
    };
    counted(
        &state,
        &token,
        update_event(&state, &token, id, input).await,
    )
    .await
}

/// `DELETE /api/v1/events/{id}`
pub async fn delete(
    State(state): State<AppState>,
    ApiToken(token): ApiToken,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = own_event(&state, &token, &id).await?;
    let removed = remove(&state, id).await;
    counted(
        &state,
        &token,
        removed.map(|()| StatusCode::NO_CONTENT.into_response()),
    )
    .await
}

async fn remove(state: &AppState, id: i64) -> Result<(), AppError> {
    Ok(events::delete(&state.services(), id, None).await?)
}

fn valid_external_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 200 && id.bytes().all(|b| b.is_ascii_graphic())
}

/// `PUT /api/v1/events/external/{external_id}`: create or update, by the caller's id.
pub async fn upsert(
    State(state): State<AppState>,
    ApiToken(token): ApiToken,
    Path(external_id): Path<String>,
    input: Result<Json<ApiEventInput>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    if !valid_external_id(&external_id) {
        return Err(ApiError(AppError::NotFound));
    }
    let input = match body(input) {
        Ok(i) => i,
        Err(r) => return Ok(*r),
    };
    match api_tokens::event_by_external_id(&state.db, token.organization_id, &external_id).await? {
        Some(id) => {
            counted(
                &state,
                &token,
                update_event(&state, &token, id, input).await,
            )
            .await
        }
        None => {
            let created = create_event(&state, &token, input, Some(external_id)).await;
            counted(&state, &token, created).await
        }
    }
}

/// `DELETE /api/v1/events/external/{external_id}`
pub async fn delete_external(
    State(state): State<AppState>,
    ApiToken(token): ApiToken,
    Path(external_id): Path<String>,
) -> Result<Response, ApiError> {
    let id = api_tokens::event_by_external_id(&state.db, token.organization_id, &external_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let removed = remove(&state, id).await;
    counted(
        &state,
        &token,
        removed.map(|()| StatusCode::NO_CONTENT.into_response()),
    )
    .await
}
