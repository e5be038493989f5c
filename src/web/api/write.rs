//! The write API: an organisation's systems create, update and delete its events with an
//! API token (`Authorization: Bearer …`). The JSON is checked by the editor's own rules
//! (`domain::editor`), so the API accepts exactly what the form accepts. `PUT
//! /api/v1/events/external/{id}` is an idempotent upsert by the caller's own id.

use crate::db::api_tokens::{self, TokenRow};
use crate::db::event_writes::{self, Save, Submitter};
use crate::db::{moderation, organizations, venues};
use crate::domain::account::FieldErrors;
use crate::domain::editor::{self, EditorChoices};
use crate::domain::form::FormData;
use crate::error::{ApiError, AppError};
use crate::web::AppState;
use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDateTime;
use serde::Deserialize;

/// Writes one token may make per hour.
pub const WRITES_PER_HOUR: i64 = 1000;

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
        let writes = moderation::hit(&state.db, &format!("api:{}", row.id), now - 3600, now)
            .await
            .map_err(|e| ApiError(e.into()).into_response())?;
        if writes > WRITES_PER_HOUR {
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

fn euros(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
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

/// Turns the JSON into the editor's form, so that one set of rules checks both.
async fn to_form(
    state: &AppState,
    org: i64,
    input: &ApiEventInput,
) -> Result<FormData, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut f = FormData::default();
    f.set("title", input.title.clone());
    f.set("subtitle", input.subtitle.clone());
    f.set("description", input.description.clone());
    if let Some(en) = &input.english {
        f.set("title_en", en.title.clone());
        f.set("subtitle_en", en.subtitle.clone());
        f.set("description_en", en.description.clone());
    }
    let categories = state.categories.list();
    for slug in &input.categories {
        match categories.iter().find(|c| &c.slug == slug) {
            Some(c) => f.push("sparte", c.id.to_string()),
            None => errors.add("sparte", format!("Unbekannte Sparte: {slug}")),
        }
    }
    f.set("tags", input.tags.join(", "));
    f.set("organisation", org.to_string());
    match &input.venue {
        Some(slug) => match venues::by_slug(&state.db, slug).await.ok().flatten() {
            Some(v) => f.set("venue", v.id.to_string()),
            None => errors.add("venue", format!("Unbekannter Ort: {slug}")),
        },
        None => {
            f.set("venue", "");
            f.set("location_text", input.location.clone());
        }
    }
    let parse = |s: &str| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .ok()
    };
    match input.dates.as_slice() {
        [] => errors.add("dates", "Mindestens ein Termin ist nötig."),
        [one] => {
            f.set("date_mode", "single");
            if let Some(start) = parse(&one.start) {
                f.set("date", start.date().format("%Y-%m-%d").to_string());
                f.set("time", start.time().format("%H:%M").to_string());
                if let Some(end) = one.end.as_deref().and_then(parse) {
                    if end.date() != start.date() {
                        f.set("end_date", end.date().format("%Y-%m-%d").to_string());
                    }
                    f.set("end_time", end.time().format("%H:%M").to_string());
                }
            } else {
                f.set("date", one.start.clone());
                f.set("all_day", "ja");
                if let Some(end) = &one.end {
                    f.set("end_date", end.clone());
                }
            }
        }
        many => {
            f.set("date_mode", "several");
            let lines: Vec<String> = many
                .iter()
                .map(|d| match parse(&d.start) {
                    Some(start) => {
                        let mut line = start.format("%Y-%m-%d %H:%M").to_string();
                        if let Some(end) = d.end.as_deref().and_then(parse) {
                            line.push_str(&format!(" - {}", end.format("%H:%M")));
                        }
                        line
                    }
                    None => d.start.clone(),
                })
                .collect();
            f.set("dates", lines.join("\n"));
        }
    }
    if let Some(p) = &input.price {
        f.set("price_kind", p.kind.clone());
        if let Some(min) = p.min {
            f.set("price_min", euros(min));
        }
        if let Some(max) = p.max {
            f.set("price_max", euros(max));
        }
        if let Some(text) = &p.text {
            f.set("price_text", text.clone());
        }
    }
    f.set("ticket_url", input.ticket_url.clone());
    if let Some(age) = input.min_age {
        f.set("min_age", age.to_string());
    }
    for a in &input.audiences {
        f.push("audience", a.clone());
    }
    for l in &input.languages {
        f.push("language", l.clone());
    }
    for s in &input.access_services {
        f.push("access", s.clone());
    }
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(errors)
    }
}

/// Checks the input and picks the status the organisation may give it.
async fn prepare(
    state: &AppState,
    token: &TokenRow,
    input: &ApiEventInput,
    is_new: bool,
) -> Result<Result<(editor::EventInput, &'static str), Response>, AppError> {
    let form = match to_form(state, token.organization_id, input).await {
        Ok(f) => f,
        Err(errors) => return Ok(Err(invalid(&errors))),
    };
    let categories: Vec<i64> = state.categories.list().iter().map(|c| c.id).collect();
    let venue_ids: Vec<i64> = venues::all(&state.db).await?.iter().map(|v| v.id).collect();
    let orgs = [token.organization_id];
    let choices = EditorChoices {
        categories: &categories,
        venues: &venue_ids,
        organizations: &orgs,
    };
    let parsed = match editor::parse(&form, &choices, state.clock.now(), is_new) {
        Ok(p) => p,
        Err(errors) => return Ok(Err(invalid(&errors))),
    };
    let verified = organizations::by_id(&state.db, token.organization_id)
        .await?
        .is_some_and(|o| o.verified);
    let status = match input.status.as_deref() {
        Some("draft") => "draft",
        None | Some("published") if verified => "published",
        None | Some("published") => "pending",
        Some(_) => {
            let mut e = FieldErrors::default();
            e.add("status", "status is published or draft");
            return Ok(Err(invalid(&e)));
        }
    };
    Ok(Ok((parsed, status)))
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
    let (parsed, status) = match prepare(state, token, &input, true).await? {
        Ok(v) => v,
        Err(response) => return Ok(response),
    };
    let (id, slug) = event_writes::create(
        &state.db,
        Save {
            input: &parsed,
            status,
            actor: None,
            submitter: Submitter::default(),
            now: state.clock.now(),
            external_id,
        },
    )
    .await?;
    crate::web::editor::written(state, id).await?;
    Ok(saved(state, StatusCode::CREATED, id, &slug, status))
}

async fn update_event(
    state: &AppState,
    token: &TokenRow,
    id: i64,
    input: ApiEventInput,
) -> Result<Response, AppError> {
    let before = event_writes::editable(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (parsed, status) = match prepare(state, token, &input, false).await? {
        Ok(v) => v,
        Err(response) => return Ok(response),
    };
    // Once published, an event stays published when its organisation updates it.
    let status = if before.status == "published" && status == "pending" {
        "published"
    } else {
        status
    };
    event_writes::update(
        &state.db,
        id,
        &before,
        Save {
            input: &parsed,
            status,
            actor: None,
            submitter: Submitter::default(),
            now: state.clock.now(),
            external_id: None,
        },
    )
    .await?;
    crate::web::editor::written(state, id).await?;
    Ok(saved(
        state,
        StatusCode::OK,
        id,
        &before.detail.event.slug,
        status,
    ))
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
    Ok(create_event(&state, &token, input, None).await?)
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
    Ok(update_event(&state, &token, id, input).await?)
}

/// `DELETE /api/v1/events/{id}`
pub async fn delete(
    State(state): State<AppState>,
    ApiToken(token): ApiToken,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = own_event(&state, &token, &id).await?;
    remove(&state, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn remove(state: &AppState, id: i64) -> Result<(), AppError> {
    let title = event_writes::editable(&state.db, id)
        .await?
        .map(|e| e.detail.event.title)
        .unwrap_or_default();
    event_writes::delete(&state.db, id, &title, None, state.clock.now().timestamp()).await?;
    crate::web::editor::reindex(state).await
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
        Some(id) => Ok(update_event(&state, &token, id, input).await?),
        None => Ok(create_event(&state, &token, input, Some(external_id)).await?),
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
    remove(&state, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
