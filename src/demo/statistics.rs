//! A plausible year of daily statistics for the demo, so that the reach pages, the
//! portal's figures and the evaluation show something: views with a weekly rhythm and a
//! summer dip, the demo's event and profile pages, referrers, devices, languages, calendar
//! subscribers, ticket clicks and answer times. Aggregates only, as the counter writes them.

use super::rng::Rng;
use crate::db::stats::{Upsert, add};
use crate::db::{Db, DbResult, Value};
use crate::domain::stats::{day_number, speed_bucket};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

type Key4 = (i64, String, String);

/// Seeds the 365 days before `today` for the given event and organisation slugs.
pub async fn seed_year(
    db: &Db,
    today: NaiveDate,
    events: &[String],
    organizations: &[String],
) -> DbResult<()> {
    let mut rng = Rng::new(19);
    let last = day_number(today) - 1;
    let mut daily = Vec::new();
    let mut pages: BTreeMap<(i64, String), i64> = BTreeMap::new();
    let mut facets: BTreeMap<Key4, i64> = BTreeMap::new();
    let mut feeds = Vec::new();
    let mut clicks: BTreeMap<Key4, i64> = BTreeMap::new();
    let mut speed: BTreeMap<(i64, &'static str, i64), i64> = BTreeMap::new();
    for day in (last - 364)..=last {
        let date = crate::domain::stats::date_of(day);
        let weekend = date.weekday().num_days_from_monday() >= 4;
        let summer = matches!(date.month(), 7 | 8);
        let base = if weekend { 900 } else { 600 } * if summer { 6 } else { 10 } / 10;
        let visitors = base + rng.below(200) as i64;
        let views = visitors * 3 + rng.below(300) as i64;
        daily.push(vec![
            Value::from(day),
            Value::from(views),
            Value::from(views / 4),
            Value::from(visitors),
        ]);
        *pages.entry((day, "/".into())).or_default() += views / 5;
        *pages.entry((day, "/veranstaltungen".into())).or_default() += views / 4;
        if !events.is_empty() {
            for _ in 0..25 {
                let e = rng.pick(events);
                *pages
                    .entry((day, format!("/veranstaltungen/{e}")))
                    .or_default() += 1 + rng.below(12) as i64;
                if rng.chance(20) {
                    *clicks.entry((day, "ticket".into(), e.clone())).or_default() +=
                        1 + rng.below(3) as i64;
                }
            }
        }
        if !organizations.is_empty() {
            for _ in 0..8 {
                let o = rng.pick(organizations);
                *pages.entry((day, format!("/kulturszene/{o}"))).or_default() +=
                    1 + rng.below(6) as i64;
            }
            let o = rng.pick(organizations);
            feeds.push(vec![
                Value::from(day),
                Value::from(format!("/kulturszene/{o}.ics")),
                Value::from(1 + rng.below(4) as i64),
                Value::from(4 + rng.below(20) as i64),
            ]);
        }
        for (facet, value, share) in [
            ("geraet", "mobil", 58),
            ("geraet", "desktop", 36),
            ("geraet", "tablet", 6),
            ("sprache", "de", 88),
            ("sprache", "en", 9),
            ("sprache", "tr", 3),
            ("herkunft", "duckduckgo.com", 6),
            ("herkunft", "waz.de", 3),
            ("herkunft", "bochum.de", 4),
            ("herkunft", "mastodon.social", 2),
        ] {
            facets.insert((day, facet.into(), value.into()), views * share / 100);
        }
        for (kind, typical) in [
            ("start", 4_000u64),
            ("liste", 9_000),
            ("veranstaltung", 6_000),
        ] {
            for _ in 0..20 {
                let micros = typical / 2 + rng.below(typical);
                *speed.entry((day, kind, speed_bucket(micros))).or_default() += views / 60;
            }
        }
    }
    let four = |m: BTreeMap<Key4, i64>| -> Vec<Vec<Value>> {
        m.into_iter()
            .map(|((d, a, b), n)| vec![d.into(), a.into(), b.into(), n.into()])
            .collect()
    };
    let speed_rows = speed
        .into_iter()
        .map(|((d, k, b), n)| vec![d.into(), k.into(), b.into(), n.into()])
        .collect();
    add(
        db,
        vec![
            Upsert {
                table: "stats_daily",
                columns: &["day", "views", "bots", "visitors"],
                keys: 1,
                rows: daily,
            },
            Upsert {
                table: "stats_pages",
                columns: &["day", "path", "views"],
                keys: 2,
                rows: pages
                    .into_iter()
                    .map(|((d, p), n)| vec![d.into(), p.into(), n.into()])
                    .collect(),
            },
            Upsert {
                table: "stats_facets",
                columns: &["day", "facet", "value", "views"],
                keys: 3,
                rows: four(facets),
            },
            Upsert {
                table: "stats_clicks",
                columns: &["day", "kind", "target", "clicks"],
                keys: 3,
                rows: four(clicks),
            },
            Upsert {
                table: "stats_feeds",
                columns: &["day", "feed", "subscribers", "fetches"],
                keys: 2,
                rows: feeds,
            },
            Upsert {
                table: "stats_speed",
                columns: &["day", "kind", "bucket", "requests"],
                keys: 3,
                rows: speed_rows,
            },
        ],
    )
    .await
}
