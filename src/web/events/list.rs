//! `GET /veranstaltungen`: the filterable list, grouped by day. With `HX-Request` only
//! the results fragment is rendered, so htmx can swap it without reloading the page.

use crate::domain::calendar::NamedPeriod;
use crate::domain::district::District;
use crate::domain::event::Audience;
use crate::domain::filter::{EventFilter, GERMAN};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::listing::{self, FilterNames, Listing, PER_PAGE};
use crate::web::options::{self, Choice};
use crate::web::{AppState, page, query};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// The filter form as the visitor left it.
pub struct FilterForm {
    pub q: String,
    pub von: String,
    pub bis: String,
    pub periods: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub audiences: Vec<Choice>,
    pub free: bool,
    pub accessible: bool,
    /// Venue and organiser filters come from links; the form keeps them as hidden fields.
    pub hidden: Vec<(&'static str, String)>,
    /// „Filter (3)“: the control that opens the filters on small screens.
    pub toggle: String,
}

/// An active filter with the link that removes it.
pub struct Chip {
    pub label: String,
    pub remove: String,
}

pub struct Results {
    /// The language of the interface, for the fragment's own texts.
    pub lang: Lang,
    pub listing: Listing,
    pub chips: Vec<Chip>,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub summary: String,
    pub subscribe: Subscribe,
    /// The list's selection as a query string, for the form that saves it in „Mein
    /// Kulturkalender“.
    pub selection: String,
    /// For a search without hits: what to try instead.
    pub suggestions: Option<super::suggestions::Suggestions>,
    /// „Filter (3)“ again, when htmx swaps only the results: the fragment carries it
    /// out of band, so the control counts the filters the visitor just chose.
    pub toggle: Option<String>,
}

/// Links that take the current filter elsewhere: a calendar subscription and feeds.
pub struct Subscribe {
    /// `webcal://…/veranstaltungen.ics?…` (calendar apps subscribe on click).
    pub webcal: String,
    /// The same over https, to copy into a calendar by hand.
    pub ics: String,
    pub rss: String,
    pub atom: String,
}

#[derive(Template)]
#[template(path = "events/list.html")]
pub struct ListPage {
    pub layout: Layout,
    pub heading: String,
    pub form: FilterForm,
    pub results: Results,
    /// A search's matches in the magazine, a group of their own (first page only).
    pub magazine: Vec<crate::web::magazine::Teaser>,
    pub magazine_more: String,
}

#[derive(Template)]
#[template(path = "events/_results.html")]
pub struct ResultsFragment {
    pub results: Results,
}

fn form(filter: &EventFilter, state: &AppState) -> FilterForm {
    let lang = Lang::current();
    let period = filter.period.map(|p| p.slug()).unwrap_or("");
    let mut periods = vec![Choice::new("", lang.t("period-all")).checked_if(period.is_empty())];
    periods.extend(
        NamedPeriod::ALL
            .iter()
            .map(|p| Choice::new(p.slug(), lang.period(*p)).checked_if(p.slug() == period)),
    );
    let mut hidden = Vec::new();
    if let Some(v) = &filter.venue {
        hidden.push(("ort", v.to_string()));
    }
    if let Some(o) = &filter.organizer {
        hidden.push(("veranstalter", o.to_string()));
    }
    FilterForm {
        q: filter.text.clone().unwrap_or_default(),
        von: filter.from_date.map(|d| d.to_string()).unwrap_or_default(),
        bis: filter.to_date.map(|d| d.to_string()).unwrap_or_default(),
        periods,
        categories: options::sparten_by_slug(&state.categories.list(), lang, |c| {
            filter.categories.iter().any(|s| s.as_str() == c.slug)
        }),
        districts: options::districts(|d| filter.districts.contains(&d)),
        audiences: Audience::ALL
            .iter()
            .map(|a| {
                Choice::new(a.slug(), lang.audience(*a)).checked_if(filter.audiences.contains(a))
            })
            .collect(),
        free: filter.free,
        accessible: filter.accessible,
        hidden,
        toggle: toggle(filter),
    }
}

/// „Filter (3)“: the search box stays outside the panel; every other chosen value counts.
fn toggle(filter: &EventFilter) -> String {
    let lang = Lang::current();
    let active = filter.to_pairs().iter().filter(|(k, _)| *k != "q").count();
    if active == 0 {
        lang.t("filter-toggle")
    } else {
        lang.t_n("filter-toggle-count", "count", active as i64)
    }
}

fn chip_label(state: &AppState, names: &FilterNames, key: &str, value: &str) -> String {
    let lang = Lang::current();
    match key {
        "q" => lang.t_args("chip-search", &[("value", value)]),
        "datum" => NamedPeriod::parse(value)
            .map(|p| lang.period(p))
            .unwrap_or_default(),
        "von" => lang.t_args("chip-from", &[("value", value)]),
        "bis" => lang.t_args("chip-to", &[("value", value)]),
        "sparte" => state
            .categories
            .list()
            .iter()
            .find(|c| c.slug == value)
            .map(|c| c.name_in(lang.dates()).to_owned())
            .unwrap_or_default(),
        "bezirk" => District::parse(value)
            .map(|d| d.name().to_owned())
            .unwrap_or_default(),
        "zielgruppe" => Audience::parse(value)
            .map(|a| {
                let name = lang.audience(a);
                lang.t_args("chip-audience", &[("name", &name)])
            })
            .unwrap_or_default(),
        "kostenlos" => lang.t("price-free"),
        "barrierefrei" => lang.t("chip-step-free"),
        "ort" => format!("Ort: {}", names.venue.as_deref().unwrap_or(value)),
        "veranstalter" => format!(
            "Veranstalter: {}",
            names.organizer.as_deref().unwrap_or(value)
        ),
        _ => value.to_owned(),
    }
}

/// Builds the results block for `filter` at `page_no` on the list at `path`.
pub async fn results(
    state: &AppState,
    filter: &EventFilter,
    names: &FilterNames,
    page_no: u32,
    path: &str,
) -> Result<Results, AppError> {
    let listing = listing::build(state, filter, page_no, PER_PAGE).await?;
    let pairs = filter.to_pairs();
    let chips = pairs
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let rest: Vec<(&str, String)> = pairs
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p.clone())
                .collect();
            Chip {
                label: chip_label(state, names, k, v),
                remove: query::url(path, &rest),
            }
        })
        .collect();
    let with_page = |n: u32| {
        let mut p = pairs.clone();
        if n > 1 {
            p.push(("seite", n.to_string()));
        }
        query::url(path, &p)
    };
    let prev = (page_no > 1).then(|| with_page(page_no - 1));
    let next = listing.has_next.then(|| with_page(page_no + 1));
    let lang = Lang::current();
    let page_words = lang.number(i64::from(page_no));
    let pages_words = lang.number(i64::from(listing.pages.max(1)));
    let page_args = |what: &str, shown: String| {
        lang.t_args(
            what,
            &[
                (
                    if what == "summary-hits" {
                        "hits"
                    } else {
                        "dates"
                    },
                    &shown,
                ),
                ("page", &page_words),
                ("pages", &pages_words),
            ],
        )
    };
    let summary = match (listing.is_empty(), filter.text.is_some()) {
        (true, _) => lang.t("summary-none"),
        (false, true) => page_args("summary-hits", lang.t_count("hits-total", listing.total)),
        (false, false) if listing.days.is_empty() => {
            // Only running exhibitions: no dates of their own to count over pages.
            lang.t_count("dates-total", listing.running.len() as i64)
        }
        (false, false) => page_args("summary-dates", lang.t_count("dates-total", listing.total)),
    };
    let base = &state.base_url;
    let ics = format!("{base}{}", query::url("/veranstaltungen.ics", &pairs));
    let subscribe = Subscribe {
        webcal: ics
            .replacen("https://", "webcal://", 1)
            .replacen("http://", "webcal://", 1),
        ics,
        rss: query::url("/veranstaltungen.rss", &pairs),
        atom: query::url("/veranstaltungen.atom", &pairs),
    };
    let suggestions = match &filter.text {
        Some(text) if listing.is_empty() => Some(super::suggestions::for_text(state, text).await?),
        _ => None,
    };
    let selection = query::url("", &pairs).trim_start_matches('?').to_owned();
    Ok(Results {
        lang,
        listing,
        chips,
        prev,
        next,
        summary,
        subscribe,
        selection,
        suggestions,
        toggle: None,
    })
}

/// The programme of a page that is itself the filter (a venue, a Sparte): no chips, only
/// the page number from the query.
pub async fn programme(
    state: &AppState,
    filter: &EventFilter,
    raw: Option<&str>,
    path: &str,
) -> Result<Results, AppError> {
    let page_no = query::page(&query::pairs(raw), "seite")?;
    let mut results = results(state, filter, &FilterNames::default(), page_no, path).await?;
    results.chips.clear();
    Ok(results)
}

pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let pairs = query::pairs(raw.as_deref());
    let filter = EventFilter::parse(&pairs, &GERMAN)?;
    let page_no = query::page(&pairs, "seite")?;
    let names = listing::check_slugs(&state, &filter, &GERMAN).await?;
    let results = results(&state, &filter, &names, page_no, "/veranstaltungen").await?;
    if page::is_htmx(&headers) {
        let results = Results {
            toggle: Some(toggle(&filter)),
            ..results
        };
        return page::html(&headers, &ResultsFragment { results });
    }
    let lang = Lang::current();
    let heading = match (&names.organizer, &names.venue, filter.is_empty()) {
        (Some(org), _, _) => lang.t_args("heading-by", &[("name", org)]),
        (None, Some(venue), _) => lang.t_args("heading-at", &[("name", venue)]),
        (None, None, true) => lang.t("heading-all"),
        (None, None, false) => lang.t("heading-filtered"),
    };
    let (magazine, magazine_more) = match &filter.text {
        Some(q) if page_no == 1 => crate::web::magazine::search(&state, q).await?,
        _ => (Vec::new(), String::new()),
    };
    let view = ListPage {
        magazine,
        magazine_more,
        layout: Layout::new(lang.t_args("in-bochum", &[("what", &heading)]))
            .in_section("veranstaltungen")
            .translated(),
        heading,
        form: form(&filter, &state),
        results,
    };
    page::html(&headers, &view)
}
