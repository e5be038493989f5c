//! `/verwaltung/evaluation?von=YYYY-MM-DD&bis=YYYY-MM-DD` (and its `.csv` and `.json`
//! twins): the one-year evaluation of function and economy, printable as it is; and
//! `POST /verwaltung/evaluation/finanzen`, where admins enter a year's costs and income.

pub mod report;

use crate::db::evaluation as q;
use crate::domain::account::FieldErrors;
use crate::domain::evaluation::{FinanceItem, Period, PeriodError, parse_amount};
use crate::domain::filter::{ParamError, Problem};
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::editor::form::FormView;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use report::Report;
use std::collections::HashMap;
use tower_sessions::Session;

/// One field of the finance form.
pub struct ItemField {
    pub name: &'static str,
    pub label: String,
    pub cost: bool,
}

#[derive(Template)]
#[template(path = "stats/evaluation.html")]
pub struct EvaluationPage {
    pub layout: Layout,
    pub report: Report,
    /// The query of the twins (`?von=…&bis=…`).
    pub query: String,
    pub period: String,
    pub f: FormView,
    pub items: Vec<ItemField>,
    pub notice: String,
}

fn period(params: &HashMap<String, String>, state: &AppState) -> Result<Period, AppError> {
    let today = crate::domain::calendar::local_date(state.clock.now());
    let get = |k: &str| params.get(k).map(String::as_str);
    Period::parse(get("von"), get("bis"), today).map_err(|e| {
        let (param, problem) = match e {
            PeriodError::NotADate(p) => (p, Problem::InvalidDate(get(p).unwrap_or("").to_owned())),
            PeriodError::Range => ("bis", Problem::RangeReversed),
        };
        AppError::BadRequest(vec![ParamError {
            param: param.to_owned(),
            problem,
        }])
    })
}

/// The stored finances of `year` as the form's values.
async fn year_form(state: &AppState, year: i64) -> Result<FormData, AppError> {
    let stored = q::finances(&state.db, year, year).await?;
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("jahr", &year.to_string());
    for (_, key, cents) in stored {
        s.append_pair(&key, &crate::domain::event::euros(cents));
    }
    Ok(FormData::from_urlencoded(s.finish().as_bytes()))
}

async fn render(
    state: &AppState,
    p: Period,
    f: FormView,
    notice: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let report = report::build(state, p, lang).await?;
    let long = |d| crate::domain::calendar::long_date_in(d, lang.dates());
    let view = EvaluationPage {
        layout: Layout::new(lang.t("evaluation-title")).translated(),
        query: format!("?von={}&bis={}", p.from, p.to),
        period: lang.t_args(
            "reach-period",
            &[("from", &long(p.from)), ("to", &long(p.to))],
        ),
        report,
        f,
        items: FinanceItem::ALL
            .into_iter()
            .map(|i| ItemField {
                name: i.key(),
                label: lang.t(&i.message_id()),
                cost: i.is_cost(),
            })
            .collect(),
        notice,
    };
    page::private(status, &view)
}

/// `GET /verwaltung/evaluation`
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    crate::web::admin::admin(&state, &session).await?;
    let p = period(&params, &state)?;
    use chrono::Datelike;
    let year = params
        .get("jahr")
        .and_then(|y| y.parse::<i64>().ok())
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or(i64::from(p.to.year()));
    let f = FormView::new(year_form(&state, year).await?, FieldErrors::default());
    let notice = if params.contains_key("gespeichert") {
        Lang::current().t("evaluation-saved")
    } else {
        String::new()
    };
    render(&state, p, f, notice, StatusCode::OK).await
}

fn download(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// `GET /verwaltung/evaluation.json`: every figure of the page.
pub async fn json(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    crate::web::admin::admin(&state, &session).await?;
    let p = period(&params, &state)?;
    let report = report::build(&state, p, Lang::current()).await?;
    let body = serde_json::to_vec_pretty(&report)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("json: {e}")))?;
    Ok(download(
        "application/json",
        &format!("evaluation-{}-{}.json", p.from, p.to),
        body,
    ))
}

/// `GET /verwaltung/evaluation.csv`: one line per figure (section, table, row, columns).
pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    crate::web::admin::admin(&state, &session).await?;
    let p = period(&params, &state)?;
    let report = report::build(&state, p, Lang::current()).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let bad = |e: csv::Error| AppError::Internal(anyhow::anyhow!("csv: {e}"));
    w.write_record([
        "abschnitt",
        "tabelle",
        "zeile",
        "bezeichnung",
        "spalte",
        "wert",
    ])
    .map_err(bad)?;
    for s in &report.sections {
        for t in &s.tables {
            for r in &t.rows {
                for (c, v) in t.columns.iter().zip(&r.values) {
                    let value = v.map_or_else(String::new, |v| {
                        if v.fract() == 0.0 {
                            format!("{v:.0}")
                        } else {
                            format!("{v:.4}")
                        }
                    });
                    w.write_record([s.id, t.id, &r.id, &r.label, c, &value])
                        .map_err(bad)?;
                }
            }
        }
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("evaluation-{}-{}.csv", p.from, p.to),
        body,
    ))
}

/// `POST /verwaltung/evaluation/finanzen` with `jahr` and one amount per item.
pub async fn save_finances(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<HashMap<String, String>>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    crate::web::admin::admin(&state, &session).await?;
    let p = period(&params, &state)?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let year = form
        .trimmed("jahr")
        .parse::<i64>()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errors.add("jahr", "evaluation-year-invalid");
    }
    let mut items = Vec::new();
    for item in FinanceItem::ALL {
        match parse_amount(form.get(item.key())) {
            Some(cents) => items.push((item.key(), cents)),
            None => errors.add(item.key(), "evaluation-amount-invalid"),
        }
    }
    let Some(year) = year.filter(|_| errors.is_empty()) else {
        return render(
            &state,
            p,
            FormView::new(form, errors),
            String::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    q::save_finances(&state.db, year, &items, state.clock.now().timestamp()).await?;
    Ok(crate::web::i18n::redirect(&format!(
        "/verwaltung/evaluation?von={}&bis={}&jahr={year}&gespeichert=1#finanzen-form",
        p.from, p.to
    ))
    .into_response())
}
