//! `GET /sparten` and `GET /sparten/{slug}`: entry points per cultural field.

use super::events::list::{Results, programme};
use super::layout::Layout;
use super::{AppState, page};
use crate::domain::category::Category;
use crate::domain::filter::EventFilter;
use crate::domain::slug::Slug;
use crate::error::AppError;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

#[derive(Template)]
#[template(path = "categories/index.html")]
pub struct CategoryIndex {
    pub layout: Layout,
    pub categories: Vec<Category>,
}

#[derive(Template)]
#[template(path = "categories/show.html")]
pub struct CategoryPage {
    pub layout: Layout,
    pub category: Category,
    pub results: Results,
    /// The Sparte's fediverse handle, `@slug@host`.
    pub fediverse: String,
}

pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let view = CategoryIndex {
        layout: Layout::new(crate::i18n::Lang::current().t("nav-categories"))
            .in_section("sparten")
            .translated(),
        categories: state.categories.list().to_vec(),
    };
    page::html(&headers, &view)
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let Some(slug) = Slug::parse(&slug) else {
        return Err(AppError::NotFound);
    };
    let Some(category) = state
        .categories
        .list()
        .iter()
        .find(|c| c.slug == slug.as_str())
        .cloned()
    else {
        return Err(AppError::NotFound);
    };
    let filter = EventFilter {
        categories: vec![slug.clone()],
        ..EventFilter::default()
    };
    let results = programme(&state, &filter, raw.as_deref(), &format!("/sparten/{slug}")).await?;
    let view = CategoryPage {
        layout: Layout::new(
            category
                .name_in(crate::i18n::Lang::current().dates())
                .to_owned(),
        )
        .in_section("sparten")
        .translated(),
        fediverse: format!(
            "@{}@{}",
            category.slug,
            crate::fediverse::host_of(&state.base_url)
        ),
        category,
        results,
    };
    page::html(&headers, &view)
}
