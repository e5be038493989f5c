//! The counter behind the cookieless statistics: the request path adds to aggregates in
//! memory (a lock, a few map entries, one SHA-256), and [`Stats::flush`] adds them to the
//! database every few seconds and at shutdown. The salt of the day lives in memory and in
//! `stats_salts` (shared by instances) until its day is over; hashes leave memory only into
//! `stats_today`, which is closed into counts when the day has passed.

use crate::db::stats::{self as store, Upsert};
use crate::db::{Db, DbResult, Value};
use crate::domain::stats::{self as rules, BrowserHeaders, MIN_TERM_VISITORS};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// Everything counted since the last flush; sorted maps so that the upserts go in key order.
#[derive(Default)]
struct Pending {
    /// day → [views, bots]
    daily: BTreeMap<i64, [i64; 2]>,
    pages: BTreeMap<(i64, String), i64>,
    facets: BTreeMap<(i64, &'static str, String), i64>,
    clicks: BTreeMap<(i64, &'static str, String), i64>,
    api: BTreeMap<(i64, String), i64>,
    speed: BTreeMap<(i64, &'static str, i64), i64>,
    /// (day, kind, label, hash) → hits: what may only live until the day is over.
    hashed: BTreeMap<(i64, &'static str, String, i64), i64>,
}

/// A page view as the middleware saw it.
pub struct PageView<'a> {
    /// The path without query and language prefix.
    pub path: &'a str,
    pub address: &'a str,
    pub browser: BrowserHeaders<'a>,
    pub referer: &'a str,
    pub host: &'a str,
    /// The search term, on the event list.
    pub search: Option<String>,
}

/// Who called the API.
pub enum ApiConsumer<'a> {
    /// The SHA-256 of a write token (as `api_tokens` stores it).
    Token(String),
    /// Anyone else, known only by the day's hash of address and user agent.
    Anonymous {
        address: &'a str,
        user_agent: &'a str,
    },
}

/// Kinds of click through the portal's own redirect.
pub const TICKET: &str = "ticket";
pub const SHARE: &str = "share";

#[derive(Default)]
pub struct Stats {
    pending: Mutex<Pending>,
    /// day → salt (hex of 32 random bytes).
    salts: Mutex<HashMap<i64, String>>,
}

fn random_salt() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

impl Stats {
    pub fn new() -> Stats {
        Stats::default()
    }

    /// The salt of `day`; a new one when this instance has none yet (the next flush agrees
    /// on one with the other instances).
    fn salt(&self, day: i64) -> String {
        let Ok(mut salts) = self.salts.lock() else {
            return String::new();
        };
        salts.entry(day).or_insert_with(random_salt).clone()
    }

    fn hash(&self, day: i64, address: &str, user_agent: &str) -> i64 {
        rules::visitor_hash(self.salt(day).as_bytes(), address, user_agent)
    }

    fn with(&self, f: impl FnOnce(&mut Pending)) {
        if let Ok(mut p) = self.pending.lock() {
            f(&mut p);
        }
    }

    /// Counts a page view: by a person, or as a bot.
    pub fn page_view(&self, now: DateTime<Utc>, view: PageView<'_>) {
        let day = rules::day_of(now);
        if view.browser.is_bot() {
            self.with(|p| p.daily.entry(day).or_default()[1] += 1);
            return;
        }
        let visitor = self.hash(day, view.address, view.browser.user_agent);
        let device = rules::device_class(view.browser.user_agent);
        let language = rules::language(view.browser.accept_language);
        let referrer = rules::referrer_domain(view.referer, view.host);
        self.with(|p| {
            p.daily.entry(day).or_default()[0] += 1;
            *p.pages.entry((day, view.path.to_owned())).or_default() += 1;
            *p.facets
                .entry((day, "geraet", device.to_owned()))
                .or_default() += 1;
            *p.facets.entry((day, "sprache", language)).or_default() += 1;
            if let Some(r) = referrer {
                *p.facets.entry((day, "herkunft", r)).or_default() += 1;
            }
            *p.hashed
                .entry((day, "visitor", String::new(), visitor))
                .or_default() += 1;
            if let Some(term) = view.search {
                *p.hashed.entry((day, "term", term, visitor)).or_default() += 1;
            }
        });
    }

    /// Counts a fetch of a calendar or feed: distinct subscribers per day.
    pub fn feed_fetch(&self, now: DateTime<Utc>, path: &str, address: &str, user_agent: &str) {
        let day = rules::day_of(now);
        let who = self.hash(day, address, user_agent);
        self.with(|p| {
            *p.hashed
                .entry((day, "feed", path.to_owned(), who))
                .or_default() += 1;
        });
    }

    /// Counts a request to the API.
    pub fn api_request(&self, now: DateTime<Utc>, consumer: ApiConsumer<'_>) {
        let day = rules::day_of(now);
        match consumer {
            ApiConsumer::Token(hash) => self.with(|p| {
                *p.api.entry((day, format!("token:{hash}"))).or_default() += 1;
            }),
            ApiConsumer::Anonymous {
                address,
                user_agent,
            } => {
                let who = self.hash(day, address, user_agent);
                self.with(|p| {
                    *p.hashed
                        .entry((day, "api", String::new(), who))
                        .or_default() += 1;
                });
            }
        }
    }

    /// Counts a click through the portal's redirect (`kind`: [`TICKET`], [`SHARE`]).
    pub fn click(&self, now: DateTime<Utc>, kind: &'static str, target: &str) {
        let day = rules::day_of(now);
        self.with(|p| *p.clicks.entry((day, kind, target.to_owned())).or_default() += 1);
    }

    /// Records how long the server took to answer a page of `kind`.
    pub fn answer_time(&self, now: DateTime<Utc>, kind: &'static str, micros: u64) {
        let day = rules::day_of(now);
        let bucket = rules::speed_bucket(micros);
        self.with(|p| *p.speed.entry((day, kind, bucket)).or_default() += 1);
    }

    /// Adds what was counted to the database, agrees on the salts with the other
    /// instances (forgetting past days' salts), and closes the days that are over.
    pub async fn flush(&self, db: &Db, now: DateTime<Utc>) -> DbResult<()> {
        let today = rules::day_of(now);
        let p = match self.pending.lock() {
            Ok(mut p) => std::mem::take(&mut *p),
            Err(_) => Pending::default(),
        };
        let tables = vec![
            Upsert {
                table: "stats_daily",
                columns: &["day", "views", "bots", "visitors"],
                keys: 1,
                rows: p
                    .daily
                    .into_iter()
                    .map(|(d, [v, b])| vec![d.into(), v.into(), b.into(), 0i64.into()])
                    .collect(),
            },
            Upsert {
                table: "stats_pages",
                columns: &["day", "path", "views"],
                keys: 2,
                rows: p
                    .pages
                    .into_iter()
                    .map(|((d, path), n)| vec![d.into(), path.into(), n.into()])
                    .collect(),
            },
            Upsert {
                table: "stats_facets",
                columns: &["day", "facet", "value", "views"],
                keys: 3,
                rows: triples(p.facets),
            },
            Upsert {
                table: "stats_clicks",
                columns: &["day", "kind", "target", "clicks"],
                keys: 3,
                rows: triples(p.clicks),
            },
            Upsert {
                table: "stats_api",
                columns: &["day", "consumer", "requests"],
                keys: 2,
                rows: p
                    .api
                    .into_iter()
                    .map(|((d, c), n)| vec![d.into(), c.into(), n.into()])
                    .collect(),
            },
            Upsert {
                table: "stats_speed",
                columns: &["day", "kind", "bucket", "requests"],
                keys: 3,
                rows: p
                    .speed
                    .into_iter()
                    .map(|((d, k, b), n)| vec![d.into(), k.into(), b.into(), n.into()])
                    .collect(),
            },
            Upsert {
                table: "stats_today",
                columns: &["day", "kind", "label", "hash", "hits"],
                keys: 4,
                rows: p
                    .hashed
                    .into_iter()
                    .map(|((d, k, l, h), n)| vec![d.into(), k.into(), l.into(), h.into(), n.into()])
                    .collect(),
            },
        ];
        store::add(db, tables).await?;
        // Salts: today's and tomorrow's (so that midnight needs no database round trip).
        let proposed: Vec<(i64, String)> = [today, today + 1]
            .into_iter()
            .map(|d| (d, self.salt(d)))
            .collect();
        let agreed = store::salts(db, today, &proposed).await?;
        if let Ok(mut salts) = self.salts.lock() {
            *salts = agreed;
        }
        store::close_days(db, today, MIN_TERM_VISITORS).await
    }
}

fn triples(m: BTreeMap<(i64, &'static str, String), i64>) -> Vec<Vec<Value>> {
    m.into_iter()
        .map(|((d, a, b), n)| vec![d.into(), a.into(), b.into(), n.into()])
        .collect()
}
