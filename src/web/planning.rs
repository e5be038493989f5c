//! `/mein-bereich/planung`: the planning calendar for members — a month of the whole
//! scene with the density of public events per day (by Sparte and district) and the
//! tentative dates organisations have reserved, which only members see.

use crate::db::planning::{self, PublicDate, TentativeRow};
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::domain::pinboard::{day_number, from_day_number};
use crate::domain::planning::{TentativeInput, month_grid, month_of};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::require_actor;
use crate::web::editor::Choice;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, page, query};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate, NaiveTime};
use std::collections::BTreeMap;
use tower_sessions::Session;

/// „März 2027“ / "March 2027".
fn month_title(year: i32, month: u32, lang: Lang) -> String {
    calendar::month_year_in(year, month, lang.dates())
}

/// A Sparte's name (as stored, German) in the page's language.
fn sparte_name(state: &AppState, german: &str, lang: Lang) -> String {
    state
        .categories
        .list()
        .iter()
        .find(|c| c.name == german)
        .map_or(german, |c| c.name_in(lang == Lang::En))
        .to_owned()
}

/// Per day: the distinct public events (start, slug) and the dates per Sparte.
type DayCount = (Vec<(i64, String)>, BTreeMap<String, usize>);

/// One day of the month grid.
pub struct Cell {
    pub date: String,
    pub day: u32,
    pub label: String,
    pub public: usize,
    pub tentative: usize,
    /// „Musik 4, Theater 2“: the busiest Sparten of the day.
    pub top: String,
    pub busy: bool,
    pub today: bool,
}

pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "planning/month.html")]
pub struct MonthPage {
    pub layout: Layout,
    pub title: String,
    /// `2027-01`, for the filter form.
    pub month_value: String,
    pub weeks: Vec<Vec<Option<Cell>>>,
    pub prev: String,
    pub next: String,
    pub sparten: Vec<Check>,
    pub districts: Vec<Check>,
    pub filtered: String,
    pub f: FormView,
    pub organizations: Vec<Choice>,
    pub sparte_choices: Vec<Choice>,
    pub district_choices: Vec<Choice>,
    pub mine: Vec<TentativeView>,
    /// The table's column heads: (short, full) weekday names.
    pub weekdays: [(&'static str, &'static str); 7],
}

pub struct TentativeView {
    pub id: i64,
    pub date: String,
    pub when: String,
    pub title: String,
    pub by: String,
    pub sparte: String,
    pub district: &'static str,
    pub note: String,
    pub mine: bool,
}

fn tentative_view(state: &AppState, t: &TentativeRow, actor: &Actor) -> TentativeView {
    let lang = Lang::current();
    let day = from_day_number(t.day);
    let date = calendar::long_date_in(day, lang.dates());
    TentativeView {
        id: t.id,
        date: day.format("%Y-%m-%d").to_string(),
        when: if t.time.is_empty() {
            date
        } else {
            let time = NaiveTime::parse_from_str(&t.time, "%H:%M").map_or_else(
                |_| t.time.clone(),
                |at| calendar::clock_in(at, lang.dates()),
            );
            lang.t_args("planning-when", &[("date", &date), ("time", &time)])
        },
        title: t.title.clone(),
        by: t.organization_name.clone(),
        sparte: sparte_name(state, &t.category_name, lang),
        district: t
            .district
            .as_deref()
            .and_then(District::parse)
            .map_or("", District::name),
        note: t.note.clone(),
        mine: actor.role_in(t.organization_id).is_some(),
    }
}

fn month_href(year: i32, month: u32, extra: &[(&str, String)]) -> String {
    let mut pairs = vec![("monat", format!("{year:04}-{month:02}"))];
    pairs.extend(extra.iter().cloned());
    query::url("/mein-bereich/planung", &pairs)
}

fn choices(state: &AppState, lang: Lang) -> (Vec<Choice>, Vec<Choice>) {
    (
        state
            .categories
            .list()
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: c.name_in(lang == Lang::En).to_owned(),
            })
            .collect(),
        District::ALL
            .iter()
            .map(|d| Choice {
                value: d.slug().into(),
                label: d.name().into(),
            })
            .collect(),
    )
}

/// `GET /mein-bereich/planung?monat=2027-01&sparte=&bezirk=`
pub async fn month(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let pairs = query::pairs(raw.as_deref());
    let f = FormView::new(FormData::default(), FieldErrors::default());
    render_month(&state, &actor, &pairs, f, StatusCode::OK).await
}

async fn render_month(
    state: &AppState,
    actor: &Actor,
    pairs: &[(String, String)],
    mut f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let today = calendar::local_date(state.clock.now());
    let lang = Lang::current();
    let (year, month) = month_of(query::single(pairs, "monat").unwrap_or(""), today);
    let categories = state.categories.list();
    let sparte = query::single(pairs, "sparte")
        .filter(|s| categories.iter().any(|c| c.slug == *s))
        .map(str::to_owned);
    let district = query::single(pairs, "bezirk").and_then(District::parse);
    let grid = month_grid(year, month);
    let first = grid
        .iter()
        .flatten()
        .flatten()
        .next()
        .copied()
        .unwrap_or(today);
    let last = grid
        .iter()
        .flatten()
        .flatten()
        .last()
        .copied()
        .unwrap_or(today);
    let from = calendar::start_of_day(first).timestamp();
    let to = calendar::start_of_day(last.succ_opt().unwrap_or(last)).timestamp();
    let dates: Vec<PublicDate> = planning::public_dates(&state.db, from, to)
        .await?
        .into_iter()
        .filter(|d| district.is_none_or(|x| d.district.as_deref() == Some(x.slug())))
        .collect();
    let tentative = planning::between(
        &state.db,
        day_number(first),
        day_number(last),
        sparte.as_deref(),
        district.map(District::slug),
    )
    .await?;
    // Per day: distinct events, and counts per Sparte.
    let mut per_day: BTreeMap<NaiveDate, DayCount> = BTreeMap::new();
    for d in &dates {
        let day = calendar::local_date(instant(d.starts_at));
        let entry = per_day.entry(day).or_default();
        *entry
            .1
            .entry(sparte_name(state, &d.category_name, lang))
            .or_default() += 1;
        if sparte.as_deref().is_none_or(|s| s == d.category_slug) {
            let key = (d.starts_at, d.event_slug.clone());
            if !entry.0.contains(&key) {
                entry.0.push(key);
            }
        }
    }
    let weeks = grid
        .iter()
        .map(|week| {
            week.iter()
                .map(|day| {
                    day.map(|day| {
                        let (events, by_sparte) = per_day.remove(&day).unwrap_or_default();
                        let t = tentative
                            .iter()
                            .filter(|t| t.day == day_number(day))
                            .count();
                        let mut top: Vec<(String, usize)> = by_sparte.into_iter().collect();
                        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                        Cell {
                            date: day.format("%Y-%m-%d").to_string(),
                            day: day.day(),
                            label: calendar::long_date_in(day, lang.dates()),
                            public: events.len(),
                            tentative: t,
                            top: top
                                .iter()
                                .take(3)
                                .map(|(n, c)| format!("{n} {c}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            busy: events.len() + t >= 10,
                            today: day == today,
                        }
                    })
                })
                .collect()
        })
        .collect();
    let mut extra: Vec<(&str, String)> = Vec::new();
    if let Some(s) = &sparte {
        extra.push(("sparte", s.clone()));
    }
    if let Some(d) = district {
        extra.push(("bezirk", d.slug().to_owned()));
    }
    let (prev_y, prev_m) = if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    };
    let (next_y, next_m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let mine_orgs: Vec<i64> = actor.organizations.iter().map(|(id, _)| *id).collect();
    let mine = planning::between(
        &state.db,
        day_number(today),
        day_number(today) + 3 * 366,
        None,
        None,
    )
    .await?
    .iter()
    .filter(|t| mine_orgs.contains(&t.organization_id))
    .map(|t| tentative_view(state, t, actor))
    .collect();
    if f.v("day").is_empty() {
        f.data.set("day", today.format("%Y-%m-%d").to_string());
    }
    let (sparte_choices, district_choices) = choices(state, lang);
    let title = month_title(year, month, lang);
    let view = MonthPage {
        layout: Layout::new(format!("{} {title}", lang.t("planning-heading")))
            .in_section("mein-bereich")
            .translated(),
        weekdays: std::array::from_fn(|i| {
            (
                calendar::weekday_short_in(i, lang.dates()),
                calendar::weekday_name_in(i, lang.dates()),
            )
        }),
        title,
        month_value: format!("{year:04}-{month:02}"),
        weeks,
        prev: month_href(prev_y, prev_m, &extra),
        next: month_href(next_y, next_m, &extra),
        filtered: [
            sparte
                .as_deref()
                .and_then(|s| categories.iter().find(|c| c.slug == s))
                .map(|c| c.name_in(lang == Lang::En).to_owned()),
            district.map(|d| d.name().to_owned()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", "),
        sparten: categories
            .iter()
            .map(|c| Check {
                value: c.slug.clone(),
                label: c.name_in(lang == Lang::En).to_owned(),
                checked: sparte.as_deref() == Some(c.slug.as_str()),
            })
            .collect(),
        districts: District::ALL
            .iter()
            .map(|d| Check {
                value: d.slug().into(),
                label: d.name().into(),
                checked: district == Some(*d),
            })
            .collect(),
        f,
        organizations: crate::web::editor::organizations_of(state, actor).await?,
        sparte_choices,
        district_choices,
        mine,
    };
    page::private(status, &view)
}

#[derive(Template)]
#[template(path = "planning/day.html")]
pub struct DayPage {
    pub layout: Layout,
    pub label: String,
    pub month: String,
    pub events: Vec<(String, String, String, String, String)>,
    pub tentative: Vec<TentativeView>,
}

/// `GET /mein-bereich/planung/{YYYY-MM-DD}`: everything on one day.
pub async fn day(
    State(state): State<AppState>,
    session: Session,
    Path(date): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let lang = Lang::current();
    let day = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| AppError::NotFound)?;
    let from = calendar::start_of_day(day).timestamp();
    let to = calendar::start_of_day(day.succ_opt().unwrap_or(day)).timestamp();
    let mut events: Vec<(String, String, String, String, String)> = Vec::new();
    for d in planning::public_dates(&state.db, from, to).await? {
        let href = format!("/veranstaltungen/{}", d.event_slug);
        let sparte = sparte_name(&state, &d.category_name, lang);
        if let Some(e) = events.iter_mut().find(|e| e.0 == href) {
            e.3 = format!("{}, {sparte}", e.3);
            continue;
        }
        events.push((
            href,
            d.title,
            calendar::time_of_day_in(instant(d.starts_at), lang.dates()),
            sparte,
            [
                d.venue_name.unwrap_or_default(),
                d.district
                    .as_deref()
                    .and_then(District::parse)
                    .map_or(String::new(), |x| x.name().to_owned()),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        ));
    }
    let n = day_number(day);
    let tentative = planning::between(&state.db, n, n, None, None)
        .await?
        .iter()
        .map(|t| tentative_view(&state, t, &actor))
        .collect();
    let label = calendar::long_date_in(day, lang.dates());
    let view = DayPage {
        layout: Layout::new(format!("{} {label}", lang.t("planning-heading")))
            .in_section("mein-bereich")
            .translated(),
        label,
        month: format!("/mein-bereich/planung?monat={}", day.format("%Y-%m")),
        events,
        tentative,
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /mein-bereich/planung`: reserve a date for one of one's organisations.
pub async fn reserve(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let categories: Vec<i64> = state.categories.list().iter().map(|c| c.id).collect();
    let orgs: Vec<i64> = actor.organizations.iter().map(|(id, _)| *id).collect();
    let today = calendar::local_date(state.clock.now());
    match TentativeInput::parse(&form, today, &categories, &orgs) {
        Ok(input) => {
            planning::add(
                &state.db,
                &input,
                actor.user_id,
                state.clock.now().timestamp(),
            )
            .await?;
            Ok(redirect(&format!(
                "/mein-bereich/planung/{}",
                input.day.format("%Y-%m-%d")
            ))
            .into_response())
        }
        Err(errors) => {
            let month = form.get("day").get(..7).unwrap_or("").to_owned();
            let pairs = vec![("monat".to_owned(), month)];
            let f = FormView::new(form, errors);
            render_month(&state, &actor, &pairs, f, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// `POST /mein-bereich/planung/vormerkung/{id}/loeschen`: the organisation's people (and
/// moderators) remove a reservation.
pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let t = planning::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if actor.role_in(t.organization_id).is_none() && !actor.is_moderator() {
        return Err(AppError::Forbidden);
    }
    planning::delete(
        &state.db,
        id,
        t.organization_id,
        actor.user_id,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect("/mein-bereich/planung").into_response())
}
