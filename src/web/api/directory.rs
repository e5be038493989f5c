//! `GET /api/v1/venues`, `/organizations`, `/categories`.

use super::events::{ApiVenue, api_venue_public};
use crate::db::{organizations, venues};
use crate::domain::category::Category;
use crate::error::ApiError;
use crate::web::{AppState, page};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize)]
struct Body<T: Serialize> {
    data: Vec<T>,
}

#[derive(Serialize)]
struct ApiOrganization {
    slug: String,
    name: String,
    kind: String,
    description: String,
    website: String,
    district: Option<String>,
    url: String,
}

pub async fn venues(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let data: Vec<ApiVenue> = venues::all(&state.db)
        .await?
        .iter()
        .map(|v| api_venue_public(v, &state.base_url))
        .collect();
    Ok(page::json(&headers, &Body { data })?)
}

pub async fn organizations(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let data: Vec<ApiOrganization> = organizations::all(&state.db)
        .await?
        .into_iter()
        .map(|o| ApiOrganization {
            url: format!("{}/veranstaltungen?veranstalter={}", state.base_url, o.slug),
            slug: o.slug,
            name: o.name,
            kind: o.kind,
            description: o.description,
            website: o.website,
            district: o.district,
        })
        .collect();
    Ok(page::json(&headers, &Body { data })?)
}

pub async fn categories(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let data: Vec<Category> = state.categories.list().to_vec();
    Ok(page::json(&headers, &Body { data })?)
}
