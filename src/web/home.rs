//! `GET /`: what is on today and this weekend, entry points per Sparte, the search box.

use super::layout::Layout;
use super::listing::{self, Listing};
use super::{AppState, page};
use crate::domain::calendar::NamedPeriod;
use crate::domain::category::Category;
use crate::domain::filter::EventFilter;
use crate::error::AppError;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub layout: Layout,
    pub today: Listing,
    pub weekend: Listing,
    pub categories: Vec<Category>,
    pub discover: Vec<crate::web::scene::Discovered>,
}

pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let today = EventFilter {
        period: Some(NamedPeriod::Today),
        ..EventFilter::default()
    };
    let weekend = EventFilter {
        period: Some(NamedPeriod::Weekend),
        ..EventFilter::default()
    };
    let view = HomePage {
        layout: Layout::new(crate::i18n::Lang::current().t("home-title")).translated(),
        today: listing::build(&state, &today, 1, 8).await?,
        weekend: listing::build(&state, &weekend, 1, 12).await?,
        categories: state.categories.list().to_vec(),
        discover: crate::web::scene::discover(&state).await?,
    };
    page::html(&headers, &view)
}
