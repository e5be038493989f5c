//! The evaluation report as data: sections of tables of rows, each row with its numbers
//! for the period (and the period before, in the overview). The page, the CSV and the JSON
//! are three renderings of the same [`Report`].

use crate::db::{evaluation as q, figures, reach};
use crate::domain::calendar;
use crate::domain::evaluation::{FinanceItem, Period, per_thousand_inhabitants};
use crate::domain::stats::{day_number, median};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::AppState;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Serialize)]
pub struct Report {
    pub von: String,
    pub bis: String,
    pub vorher_von: String,
    pub vorher_bis: String,
    pub sections: Vec<Section>,
}

#[derive(Serialize)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub tables: Vec<Table>,
}

#[derive(Serialize)]
pub struct Table {
    pub id: &'static str,
    pub title: String,
    /// Headings of the value columns (the first column names the row).
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub struct Row {
    pub id: String,
    pub label: String,
    pub values: Vec<Option<f64>>,
    /// The values as the page shows them.
    #[serde(skip)]
    pub shown: Vec<String>,
}

/// How a value is written.
#[derive(Clone, Copy)]
enum Unit {
    Count,
    Percent,
    Euro,
    Hours,
    Decimal,
}

fn show(lang: Lang, unit: Unit, v: Option<f64>) -> String {
    let Some(v) = v else {
        return "–".to_owned();
    };
    let decimal = |digits: usize| {
        let s = format!("{v:.digits$}");
        if lang == Lang::De {
            s.replace('.', ",")
        } else {
            s
        }
    };
    match unit {
        Unit::Count => crate::web::charts::count(lang, v.round() as i64),
        Unit::Percent => format!("{} %", decimal(1)),
        Unit::Euro => {
            let cents = (v * 100.0).round() as i64;
            let point = if lang == Lang::De { ',' } else { '.' };
            format!(
                "{}{point}{:02} €",
                crate::web::charts::count(lang, cents / 100),
                (cents % 100).abs()
            )
        }
        Unit::Hours => format!("{} h", decimal(1)),
        Unit::Decimal => decimal(2),
    }
}

fn row(lang: Lang, id: &str, label: String, unit: Unit, values: Vec<Option<f64>>) -> Row {
    Row {
        id: id.to_owned(),
        shown: values.iter().map(|v| show(lang, unit, *v)).collect(),
        label,
        values,
    }
}

fn pct(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// Instants and day numbers of a period.
fn bounds(p: &Period) -> (i64, i64, i64, i64) {
    let start = calendar::start_of_day(p.from).timestamp();
    let end = calendar::start_of_day(p.to + chrono::Duration::days(1)).timestamp();
    (start, end, day_number(p.from), day_number(p.to))
}

/// The overview's figures of one period, by id.
struct Overview {
    values: Vec<(&'static str, Unit, Option<f64>)>,
}

/// Whether an organisation with `dates` in a period of `days` is small: fewer than one
/// date a month on average.
pub fn is_small(dates: i64, days: i64) -> bool {
    dates * 365 < 12 * days
}

async fn overview(state: &AppState, p: &Period) -> Result<Overview, AppError> {
    let db = &state.db;
    let (start, end, first, last) = bounds(p);
    let starts = q::date_starts(db, start, end).await?;
    let cancelled = starts.iter().filter(|s| s.1 == "cancelled").count() as i64;
    let per_org: HashMap<i64, i64> = q::dates_per_organization(db, start, end)
        .await?
        .into_iter()
        .collect();
    let small_publishing = per_org.values().filter(|d| is_small(**d, p.days())).count();
    let small = |org: &i64| is_small(per_org.get(org).copied().unwrap_or(0), p.days());
    let views = reach::views_per_organization(db, first, last).await?;
    let small_views: i64 = views.iter().filter(|(o, _)| small(o)).map(|v| v.1).sum();
    let all_views: i64 = views.values().sum();
    let exposure = figures::exposure(db, first, last).await?;
    let small_shown: i64 = exposure.iter().filter(|e| small(&e.0)).map(|e| e.1).sum();
    let all_shown: i64 = exposure.iter().map(|e| e.1).sum();
    let counts = q::counts(db, start, end).await?;
    let (page_views, visitors, _) = q::audience(db, first, last).await?;
    let n = |v: i64| Some(v as f64);
    Ok(Overview {
        values: vec![
            ("events", Unit::Count, n(q::events(db, start, end).await?)),
            ("dates", Unit::Count, n(starts.len() as i64)),
            ("dates-cancelled", Unit::Count, n(cancelled)),
            (
                "organizations-publishing",
                Unit::Count,
                n(per_org.len() as i64),
            ),
            (
                "organizations-small",
                Unit::Count,
                n(small_publishing as i64),
            ),
            (
                "views-small-share",
                Unit::Percent,
                pct(small_views, all_views),
            ),
            (
                "discover-small-share",
                Unit::Percent,
                pct(small_shown, all_shown),
            ),
            ("new-members", Unit::Count, n(counts.new_members)),
            (
                "new-organizations",
                Unit::Count,
                n(counts.new_organizations),
            ),
            ("page-views", Unit::Count, n(page_views)),
            ("visitors", Unit::Count, n(visitors)),
            (
                "dates-per-1000",
                Unit::Decimal,
                Some(per_thousand_inhabitants(starts.len() as i64)),
            ),
        ],
    })
}

fn table(id: &'static str, title: String, columns: Vec<String>, rows: Vec<Row>) -> Table {
    Table {
        id,
        title,
        columns,
        rows,
    }
}

/// The whole report for `p`.
pub async fn build(state: &AppState, p: Period, lang: Lang) -> Result<Report, AppError> {
    let db = &state.db;
    let t = |id: &str| lang.t(&format!("evaluation-{id}"));
    let before = p.previous();
    let now_o = overview(state, &p).await?;
    let prev_o = overview(state, &before).await?;
    let overview_rows = now_o
        .values
        .iter()
        .zip(prev_o.values.iter())
        .map(|((id, unit, v), (_, _, w))| row(lang, id, t(id), *unit, vec![*v, *w]))
        .collect();
    let (start, end, first, last) = bounds(&p);
    let count_col = || vec![t("col-events"), t("col-dates")];
    let by_category = q::by_category(db, start, end)
        .await?
        .into_iter()
        .map(|(name, e, d)| {
            let label = state
                .categories
                .list()
                .iter()
                .find(|c| c.name == name)
                .map_or_else(|| name.clone(), |c| c.name_in(lang.dates()).to_owned());
            row(
                lang,
                &name,
                label,
                Unit::Count,
                vec![Some(e as f64), Some(d as f64)],
            )
        })
        .collect();
    let by_district = q::by_district(db, start, end)
        .await?
        .into_iter()
        .map(|(d, e, n)| {
            let label = crate::domain::district::District::parse(&d)
                .map_or_else(|| t("no-district"), |x| x.name().to_owned());
            row(
                lang,
                &d,
                label,
                Unit::Count,
                vec![Some(e as f64), Some(n as f64)],
            )
        })
        .collect();
    let mut months: BTreeMap<(i32, u32), i64> = BTreeMap::new();
    for (s, _) in q::date_starts(db, start, end).await? {
        use chrono::Datelike;
        let d = calendar::local_date(crate::web::listing::instant(s));
        *months.entry((d.year(), d.month())).or_default() += 1;
    }
    let by_month = months
        .into_iter()
        .map(|((y, m), n)| {
            row(
                lang,
                &format!("{y}-{m:02}"),
                calendar::month_year_in(y, m, lang.dates()),
                Unit::Count,
                vec![Some(n as f64)],
            )
        })
        .collect();
    let c = q::counts(db, start, end).await?;
    let events = q::events(db, start, end).await?;
    let share = |id: &str, part: i64, whole: i64| {
        let mut r = row(
            lang,
            id,
            t(id),
            Unit::Count,
            vec![Some(part as f64), pct(part, whole)],
        );
        r.shown[1] = show(lang, Unit::Percent, r.values[1]);
        r
    };
    let quality = vec![
        share("with-picture", c.with_picture, events),
        share("with-access", c.with_access, events),
        share("with-english", c.with_english, events),
        share("venues-checked", c.venues_checked, c.venues),
    ];
    let decisions = q::decisions(db, start, end).await?;
    let approved = decisions
        .iter()
        .filter(|d| d.0 == "event.published")
        .count() as i64;
    let mut waits: Vec<i64> = decisions.iter().map(|d| d.1.max(0)).collect();
    waits.sort_unstable();
    let hours = |v: Option<i64>| v.map(|s| s as f64 / 3600.0);
    let p90 =
        (!waits.is_empty()).then(|| waits[((waits.len() * 9).div_ceil(10)).saturating_sub(1)]);
    let one = |id: &str, unit: Unit, v: Option<f64>| row(lang, id, t(id), unit, vec![v]);
    let some = |v: i64| Some(v as f64);
    let moderation = vec![
        one("approved", Unit::Count, some(approved)),
        one(
            "refused",
            Unit::Count,
            some(decisions.len() as i64 - approved),
        ),
        one("wait-median", Unit::Hours, hours(median(&waits))),
        one("wait-p90", Unit::Hours, hours(p90)),
        one("reports", Unit::Count, some(c.reports)),
        one("reports-resolved", Unit::Count, some(c.reports_resolved)),
        one("objections", Unit::Count, some(c.objections)),
        one("objections-upheld", Unit::Count, some(c.objections_upheld)),
        one("feedback", Unit::Count, some(c.feedback)),
        one("feedback-answered", Unit::Count, some(c.feedback_answered)),
    ];
    let (keyed, anonymous) = q::api_requests(db, first, last).await?;
    let (_, visitors, stat_days) = q::audience(db, first, last).await?;
    // Availability from the portal's own record (minutes noted by running instances),
    // counted from the first noted minute in the period up to its end or now.
    let uptime = q::uptime(db, start.div_euclid(60), end.div_euclid(60)).await?;
    let until = end.min(state.clock.now().timestamp()).div_euclid(60);
    let availability = uptime
        .since
        .and_then(|since| pct(uptime.up, until - since))
        .map(|v| v.min(100.0));
    let operations = vec![
        one("availability", Unit::Percent, availability),
        one(
            "outages",
            Unit::Count,
            uptime.since.map(|_| uptime.outages as f64),
        ),
        one(
            "longest-outage",
            Unit::Hours,
            uptime.since.map(|_| uptime.longest as f64 / 60.0),
        ),
        one("imported", Unit::Count, some(c.imported)),
        one("entered", Unit::Count, some(c.entered)),
        one("api-keyed", Unit::Count, some(keyed)),
        one("api-anonymous", Unit::Count, some(anonymous)),
        one("jobs", Unit::Count, some(c.jobs)),
        one("jobs-dead", Unit::Count, some(c.dead_jobs)),
        {
            let mut r = one("days-recorded", Unit::Count, some(stat_days));
            r.shown[0] = lang.t_args(
                "evaluation-days-of",
                &[
                    ("days", &stat_days.to_string()),
                    ("all", &p.days().to_string()),
                ],
            );
            r
        },
    ];
    // Economy: each year's entries, in proportion to its days in the period.
    use chrono::Datelike;
    let entries = q::finances(db, i64::from(p.from.year()), i64::from(p.to.year())).await?;
    let mut items: BTreeMap<usize, f64> = BTreeMap::new();
    for (year, key, cents) in &entries {
        let Some(item) = FinanceItem::parse(key) else {
            continue;
        };
        let year = i32::try_from(*year).unwrap_or(0);
        let year_days = if chrono::NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
            366
        } else {
            365
        };
        let part = p.days_in_year(year) as f64 / f64::from(year_days);
        let index = FinanceItem::ALL
            .iter()
            .position(|i| *i == item)
            .unwrap_or(0);
        *items.entry(index).or_default() += *cents as f64 / 100.0 * part;
    }
    let costs: f64 = items
        .iter()
        .filter(|(i, _)| FinanceItem::ALL[**i].is_cost())
        .map(|x| x.1)
        .sum();
    let income: f64 = items
        .iter()
        .filter(|(i, _)| !FinanceItem::ALL[**i].is_cost())
        .map(|x| x.1)
        .sum();
    let mut money: Vec<Row> = FinanceItem::ALL
        .iter()
        .enumerate()
        .map(|(i, item)| {
            row(
                lang,
                item.key(),
                lang.t(&item.message_id()),
                Unit::Euro,
                vec![items.get(&i).copied()],
            )
        })
        .collect();
    money.push(one("costs", Unit::Euro, Some(costs)));
    money.push(one("income", Unit::Euro, Some(income)));
    money.push(one("net-costs", Unit::Euro, Some(costs - income)));
    let known = !entries.is_empty();
    let per = |n: i64| (known && n > 0).then(|| costs / n as f64);
    let dates = now_o.values.get(1).and_then(|v| v.2).unwrap_or(0.0) as i64;
    let ratios = vec![
        one("cost-per-event", Unit::Euro, per(events)),
        one("cost-per-visitor", Unit::Euro, per(visitors)),
        one(
            "cost-per-member-organization",
            Unit::Euro,
            per(c.member_organizations),
        ),
        one(
            "dates-per-1000",
            Unit::Decimal,
            Some(per_thousand_inhabitants(dates)),
        ),
        one(
            "dates-per-1000-year",
            Unit::Decimal,
            Some(per_thousand_inhabitants(dates) * 365.0 / p.days() as f64),
        ),
    ];
    let long = |d: chrono::NaiveDate| calendar::long_date_in(d, lang.dates());
    Ok(Report {
        von: p.from.to_string(),
        bis: p.to.to_string(),
        vorher_von: before.from.to_string(),
        vorher_bis: before.to.to_string(),
        sections: vec![
            Section {
                id: "funktion",
                title: t("function"),
                tables: vec![
                    table(
                        "ueberblick",
                        t("overview"),
                        vec![
                            lang.t_args(
                                "evaluation-col-period",
                                &[("from", &long(p.from)), ("to", &long(p.to))],
                            ),
                            lang.t_args(
                                "evaluation-col-period",
                                &[("from", &long(before.from)), ("to", &long(before.to))],
                            ),
                        ],
                        overview_rows,
                    ),
                    table("sparten", t("by-category"), count_col(), by_category),
                    table("bezirke", t("by-district"), count_col(), by_district),
                    table("monate", t("by-month"), vec![t("col-dates")], by_month),
                    table(
                        "qualitaet",
                        t("quality"),
                        vec![t("col-number"), t("col-share")],
                        quality,
                    ),
                    table(
                        "moderation",
                        t("moderation"),
                        vec![t("col-value")],
                        moderation,
                    ),
                    table("betrieb", t("operations"), vec![t("col-value")], operations),
                ],
            },
            Section {
                id: "wirtschaftlichkeit",
                title: t("economy"),
                tables: vec![
                    table("finanzen", t("finances"), vec![t("col-amount")], money),
                    table("kennzahlen", t("ratios"), vec![t("col-value")], ratios),
                ],
            },
        ],
    })
}
