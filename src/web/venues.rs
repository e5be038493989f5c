//! `GET /orte` and `GET /orte/{slug}`: venues with address, access profile and what is on.

use super::events::list::{Results, programme};
use super::events::show::access_words;
use super::layout::Layout;
use super::{AppState, page};
use crate::db::venues::{self, VenueRow};
use crate::domain::district::District;
use crate::domain::filter::EventFilter;
use crate::domain::slug::Slug;
use crate::error::AppError;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

#[derive(Template)]
#[template(path = "venues/show.html")]
pub struct VenuePage {
    pub layout: Layout,
    pub venue: VenueRow,
    pub district: &'static str,
    pub access: Vec<&'static str>,
    pub results: Results,
    /// schema.org `Place` (script-safe JSON-LD).
    pub jsonld: String,
}

pub struct DistrictGroup {
    pub name: &'static str,
    pub venues: Vec<VenueRow>,
}

#[derive(Template)]
#[template(path = "venues/index.html")]
pub struct VenueIndex {
    pub layout: Layout,
    pub groups: Vec<DistrictGroup>,
}

pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let all = venues::all(&state.db).await?;
    let groups = District::ALL
        .iter()
        .map(|d| DistrictGroup {
            name: d.name(),
            venues: all
                .iter()
                .filter(|v| v.district == d.slug())
                .cloned()
                .collect(),
        })
        .filter(|g| !g.venues.is_empty())
        .collect();
    page::html(
        &headers,
        &VenueIndex {
            layout: Layout::new("Orte").in_section("orte"),
            groups,
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    if let Some(stem) = slug.strip_suffix(".ics") {
        return crate::web::feeds::venue_ics(&state, &headers, stem).await;
    }
    let Some(slug) = Slug::parse(&slug) else {
        return Err(AppError::NotFound);
    };
    let Some(venue) = venues::by_slug(&state.db, slug.as_str()).await? else {
        return Err(AppError::NotFound);
    };
    let filter = EventFilter {
        venue: Some(slug.clone()),
        ..EventFilter::default()
    };
    let results = programme(&state, &filter, raw.as_deref(), &format!("/orte/{slug}")).await?;
    let view = VenuePage {
        layout: Layout::new(venue.name.clone()).in_section("orte"),
        district: District::parse(&venue.district)
            .map(District::name)
            .unwrap_or(""),
        access: access_words(&venue),
        jsonld: crate::web::schema::script_safe(&crate::web::schema::place(
            &venue,
            &state.base_url,
        )),
        venue,
        results,
    };
    page::html(&headers, &view)
}
