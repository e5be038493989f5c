//! `GET /magazin?rubrik=&sparte=&seite=`: the magazine, newest first, with pictures,
//! filtered by rubric and Sparte, paginated (links, no JavaScript needed).

use super::Teaser;
use crate::db::articles::{self, ListFilter};
use crate::domain::filter::{ParamError, Problem};
use crate::domain::magazine::Rubric;
use crate::error::AppError;
use crate::web::layout::Layout;
use crate::web::options::Choice;
use crate::web::{AppState, page, query};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// Articles per page.
pub const PAGE_SIZE: i64 = 12;

#[derive(Template)]
#[template(path = "magazine/index.html")]
pub struct MagazinePage {
    pub layout: Layout,
    pub magazine: Vec<Teaser>,
    pub rubrics: Vec<Choice>,
    pub sparten: Vec<Choice>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The feeds of this selection (rubric kept).
    pub rss: String,
    pub atom: String,
    pub filtered: bool,
}

impl MagazinePage {
    /// „13 Artikel – Seite 1 von 2“.
    pub fn count_line(&self) -> String {
        let lang = self.layout.lang;
        let mut line = lang.t_count("magazine-count", self.total);
        if self.pages > 1 {
            line.push_str(" – ");
            line.push_str(&lang.t_args(
                "magazine-page-of",
                &[
                    ("page", &self.page.to_string()),
                    ("pages", &self.pages.to_string()),
                ],
            ));
        }
        line
    }
}

/// The filter of a magazine URL: rubric and Sparte; unknown values are a 400.
pub fn read_filter(
    state: &AppState,
    pairs: &[(String, String)],
) -> Result<(ListFilter, Option<String>), AppError> {
    let mut errors = Vec::new();
    let rubric = match query::single(pairs, "rubrik") {
        None | Some("") => None,
        Some(v) => Rubric::parse(v).or_else(|| {
            errors.push(ParamError::new(
                "rubrik",
                Problem::InvalidChoice(v.to_owned()),
            ));
            None
        }),
    };
    let mut sparte = None;
    let category_id = match query::single(pairs, "sparte") {
        None | Some("") => None,
        Some(v) => match state.categories.list().iter().find(|c| c.slug == v) {
            Some(c) => {
                sparte = Some(c.slug.clone());
                Some(c.id)
            }
            None => {
                errors.push(ParamError::new(
                    "sparte",
                    Problem::InvalidChoice(v.to_owned()),
                ));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::BadRequest(errors));
    }
    Ok((
        ListFilter {
            rubric,
            category_id,
            q: None,
        },
        sparte,
    ))
}

/// `GET /magazin`
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let pairs = query::pairs(raw.as_deref());
    let (filter, sparte) = read_filter(&state, &pairs)?;
    let page_no = i64::from(query::page(&pairs, "seite")?);
    let now = state.clock.now().timestamp();
    let total = articles::public_count(&state.db, &filter, now).await?;
    let rows = articles::public(
        &state.db,
        &filter,
        now,
        (page_no - 1) * PAGE_SIZE,
        PAGE_SIZE,
    )
    .await?;
    let lang = crate::i18n::Lang::current();
    let mut base: Vec<(&str, String)> = Vec::new();
    if let Some(r) = filter.rubric {
        base.push(("rubrik", r.key().to_owned()));
    }
    if let Some(s) = &sparte {
        base.push(("sparte", s.clone()));
    }
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let link = |n: i64| {
        let mut pairs = base.clone();
        if n > 1 {
            pairs.push(("seite", n.to_string()));
        }
        query::url("/magazin", &pairs)
    };
    let feed_query: Vec<(&str, String)> = filter
        .rubric
        .map(|r| vec![("rubrik", r.key().to_owned())])
        .unwrap_or_default();
    let view = MagazinePage {
        layout: Layout::new(lang.t("magazine-title"))
            .in_section("magazin")
            .translated(),
        magazine: super::teasers(&state, &rows).await?,
        rubrics: Rubric::ALL
            .iter()
            .map(|r| {
                Choice::new(r.key(), super::rubric_name(*r, lang))
                    .checked_if(filter.rubric == Some(*r))
            })
            .collect(),
        sparten: crate::web::options::sparten_by_slug(&state.categories.list(), lang, |c| {
            sparte.as_deref() == Some(c.slug.as_str())
        }),
        total,
        page: page_no,
        pages,
        previous: (page_no > 1).then(|| link(page_no - 1)),
        next: (page_no < pages).then(|| link(page_no + 1)),
        rss: query::url("/magazin.rss", &feed_query),
        atom: query::url("/magazin.atom", &feed_query),
        filtered: filter.rubric.is_some() || sparte.is_some(),
    };
    page::html(&headers, &view)
}
