//! `/verwaltung/statistik`: the portal's own figures for the admins — views and visitors
//! per day, pages, where visitors came from, devices, languages, search terms (k ≥ 5),
//! calendars and feeds, clicks, the API's use per token and anonymous consumer, import
//! sources and the answer times the server measured (p50/p95 per kind of page).

use crate::db::figures;
use crate::domain::calendar;
use crate::domain::stats::{date_of, day_of, quantile};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::charts::{Chart, count};
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::BTreeMap;
use tower_sessions::Session;

/// Days the page looks back.
pub const DAYS: i64 = 28;

/// A table of the page: a caption, column headings and rows of text.
pub struct Table {
    pub id: &'static str,
    pub caption: String,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub struct Figure {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "stats/portal.html")]
pub struct PortalPage {
    pub layout: Layout,
    pub period: String,
    pub figures: Vec<Figure>,
    pub charts: Vec<Chart>,
    pub tables: Vec<Table>,
}

/// `GET /verwaltung/statistik`
pub async fn get(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    crate::web::admin::admin(&state, &session).await?;
    let lang = Lang::current();
    let db = &state.db;
    let last = day_of(state.clock.now());
    let first = last - DAYS + 1;
    let n = |v: i64| count(lang, v);
    let long = |d: i64| calendar::long_date_in(date_of(d), lang.dates());
    let short = |d: i64| calendar::short_date_in(date_of(d), lang.dates());
    let stored: BTreeMap<i64, (i64, i64, i64)> = figures::days(db, first, last)
        .await?
        .into_iter()
        .map(|(d, v, b, u)| (d, (v, b, u)))
        .collect();
    // Today's visitors are still hashes: counted, not stored.
    let today_visitors = crate::db::stats::open_visitors(db, last).await?;
    let per_day: Vec<(i64, i64, i64, i64)> = (first..=last)
        .map(|d| {
            let (v, b, u) = stored.get(&d).copied().unwrap_or_default();
            (d, v, b, if d == last { u + today_visitors } else { u })
        })
        .collect();
    let total = |f: fn(&(i64, i64, i64, i64)) -> i64| per_day.iter().map(f).sum::<i64>();
    let clicks = figures::clicks(db, first, last).await?;
    let click = |kind: &str| clicks.iter().find(|c| c.0 == kind).map_or(0, |c| c.1);
    let exposure = figures::exposure(db, first, last).await?;
    let api = figures::api(db, first, last).await?;
    let figures = [
        ("figures-views", total(|d| d.1)),
        ("figures-visitors", total(|d| d.3)),
        ("figures-bots", total(|d| d.2)),
        ("reach-ticket-clicks", click(crate::stats::TICKET)),
        ("reach-share-clicks", click(crate::stats::SHARE)),
        ("reach-shown", exposure.iter().map(|e| e.1).sum()),
        ("reach-clicked", exposure.iter().map(|e| e.2).sum()),
        ("figures-api-requests", api.iter().map(|a| a.requests).sum()),
    ]
    .into_iter()
    .map(|(id, v)| Figure {
        label: lang.t(id),
        value: n(v),
    })
    .collect();
    let points = |f: fn(&(i64, i64, i64, i64)) -> i64| -> Vec<(String, i64)> {
        per_day.iter().map(|d| (short(d.0), f(d))).collect()
    };
    let desc = |id: &str| lang.t_args(id, &[("from", &long(first)), ("to", &long(last))]);
    let charts = vec![
        Chart::bars(
            "besuche",
            lang.t("figures-chart-visitors"),
            desc("figures-chart-visitors-desc"),
            (lang.t("reach-day"), lang.t("figures-visitors")),
            &points(|d| d.3),
            n,
        ),
        Chart::bars(
            "aufrufe",
            lang.t("figures-chart-views"),
            desc("figures-chart-views-desc"),
            (lang.t("reach-day"), lang.t("reach-views")),
            &points(|d| d.1),
            n,
        ),
    ];
    let pairs = |rows: Vec<(String, i64)>| -> Vec<Vec<String>> {
        rows.into_iter().map(|(a, b)| vec![a, n(b)]).collect()
    };
    let two = |a: &str, b: &str| vec![lang.t(a), lang.t(b)];
    let mut tables = vec![
        Table {
            id: "seiten",
            caption: lang.t("figures-pages"),
            headings: two("figures-page", "reach-views"),
            rows: pairs(figures::top_pages(db, first, last, 20).await?),
        },
        Table {
            id: "herkunft",
            caption: lang.t("figures-referrers"),
            headings: two("figures-domain", "reach-views"),
            rows: pairs(figures::facet(db, "herkunft", first, last, 20).await?),
        },
        Table {
            id: "geraete",
            caption: lang.t("figures-devices"),
            headings: two("figures-device", "reach-views"),
            rows: figures::facet(db, "geraet", first, last, 5)
                .await?
                .into_iter()
                .map(|(d, v)| vec![lang.t(&format!("figures-device-{d}")), n(v)])
                .collect(),
        },
        Table {
            id: "sprachen",
            caption: lang.t("figures-languages"),
            headings: two("figures-language", "reach-views"),
            rows: pairs(figures::facet(db, "sprache", first, last, 10).await?),
        },
        Table {
            id: "suchbegriffe",
            caption: lang.t("figures-terms"),
            headings: two("figures-term", "figures-visitors"),
            rows: pairs(figures::terms(db, first, last, 30).await?),
        },
        Table {
            id: "kalender",
            caption: lang.t("figures-feeds"),
            headings: vec![
                lang.t("figures-feed"),
                lang.t("reach-subscribers"),
                lang.t("figures-fetches"),
            ],
            rows: figures::feeds(db, first, last, 30)
                .await?
                .into_iter()
                .map(|(f, s, c)| vec![f, n(s), n(c)])
                .collect(),
        },
        Table {
            id: "api",
            caption: lang.t("figures-api"),
            headings: vec![
                lang.t("figures-consumer"),
                lang.t("figures-api-requests"),
                lang.t("figures-days"),
            ],
            rows: api
                .into_iter()
                .map(|a| {
                    let who = match (a.organization, a.token) {
                        (Some(o), Some(t)) => format!("{o}: {t}"),
                        _ if a.consumer.starts_with("token:") => lang.t("figures-token-gone"),
                        _ => a.consumer.replace("anonym", &lang.t("figures-anonymous")),
                    };
                    vec![who, n(a.requests), n(a.days)]
                })
                .collect(),
        },
    ];
    let (events, subscriptions) = figures::sources(db).await?;
    tables.push(Table {
        id: "quellen",
        caption: lang.t("figures-sources"),
        headings: two("figures-source", "figures-number"),
        rows: events
            .into_iter()
            .map(|(s, v)| (lang.t(&format!("figures-source-{s}")), v))
            .chain(
                subscriptions
                    .into_iter()
                    .map(|(s, v)| (lang.t_args("figures-subscriptions", &[("status", &s)]), v)),
            )
            .map(|(s, v)| vec![s, n(v)])
            .collect(),
    });
    let mut speed: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    for (kind, bucket, requests) in figures::speed(db, first, last).await? {
        speed.entry(kind).or_default().push((bucket, requests));
    }
    let ms = |v: Option<f64>| {
        v.map_or_else(String::new, |m| {
            lang.t_args("figures-ms", &[("ms", &format!("{m:.1}"))])
        })
    };
    tables.push(Table {
        id: "tempo",
        caption: lang.t("figures-speed"),
        headings: vec![
            lang.t("figures-kind"),
            lang.t("figures-requests"),
            "p50".to_owned(),
            "p95".to_owned(),
        ],
        rows: speed
            .into_iter()
            .map(|(kind, h)| {
                vec![
                    kind.clone(),
                    n(h.iter().map(|x| x.1).sum()),
                    ms(quantile(&h, 0.5)),
                    ms(quantile(&h, 0.95)),
                ]
            })
            .collect(),
    });
    let view = PortalPage {
        layout: Layout::new(lang.t("figures-title")).translated(),
        period: lang.t_args(
            "reach-period",
            &[("from", &long(first)), ("to", &long(last))],
        ),
        figures,
        charts,
        tables,
    };
    page::private(StatusCode::OK, &view)
}
