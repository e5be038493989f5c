//! This instance's counters for operators, written in the Prometheus text format by
//! `GET /metrics` (see `web::ops`). Counters are process-wide atomics, as in every
//! Prometheus client: one process, one set of figures; several instances are added up by
//! whoever scrapes them. Gauges that live in the database (jobs) or the pool are read when
//! the page is asked for. Nothing here knows a visitor: no address, no query string.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// The kinds of page the requests are counted by (a bounded set: no path goes into a label).
pub const ROUTES: [&str; 18] = [
    "home",
    "list",
    "feed",
    "event",
    "scene",
    "venues",
    "categories",
    "account",
    "member",
    "moderation",
    "admin",
    "api",
    "static",
    "media",
    "embed",
    "health",
    "metrics",
    "other",
];

/// Upper bounds of the latency histogram, in seconds.
pub const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

const CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

/// The kind of page of a path without its language prefix.
pub fn route_of(path: &str) -> usize {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let kind = match first {
        "" => "home",
        "veranstaltungen" if path.trim_end_matches('/') == "/veranstaltungen" => "list",
        "veranstaltungen.ics" | "veranstaltungen.rss" | "veranstaltungen.atom" => "feed",
        "veranstaltungen" => "event",
        "kulturszene" | "entdecken" | "wie-wir-sortieren" => "scene",
        "orte" => "venues",
        "sparten" => "categories",
        "anmelden"
        | "abmelden"
        | "registrieren"
        | "passwort-vergessen"
        | "passwort-zuruecksetzen"
        | "e-mail-bestaetigen" => "account",
        "mein-bereich" | "pinnwand" | "arbeitskreise" | "planung" | "nachrichten"
        | "mitglieder" | "einladung" => "member",
        "moderation" => "moderation",
        "verwaltung" => "admin",
        "api" => "api",
        "static" => "static",
        "medien" => "media",
        "einbetten" | "einbetten.js" => "embed",
        "healthz" | "readyz" => "health",
        "metrics" => "metrics",
        _ => "other",
    };
    ROUTES
        .iter()
        .position(|r| *r == kind)
        .unwrap_or(ROUTES.len() - 1)
}

struct Histogram {
    /// Per bucket (cumulative when written), then +Inf.
    buckets: [AtomicU64; BUCKETS.len() + 1],
    sum_micros: AtomicU64,
}

impl Histogram {
    const fn new() -> Histogram {
        Histogram {
            buckets: [const { AtomicU64::new(0) }; BUCKETS.len() + 1],
            sum_micros: AtomicU64::new(0),
        }
    }
}

/// Everything this process counts.
pub struct Metrics {
    requests: [[AtomicU64; CLASSES.len()]; ROUTES.len()],
    latency: [Histogram; ROUTES.len()],
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
    mails_sent: AtomicU64,
    mails_failed: AtomicU64,
    /// Records of imports by outcome, in the order of [`IMPORT_OUTCOMES`].
    imported: [AtomicU64; IMPORT_OUTCOMES.len()],
    imports: AtomicU64,
}

/// The process's figures.
pub static METRICS: Metrics = Metrics {
    requests: [const { [const { AtomicU64::new(0) }; CLASSES.len()] }; ROUTES.len()],
    latency: [const { Histogram::new() }; ROUTES.len()],
    cache_hits: AtomicU64::new(0),
    cache_misses: AtomicU64::new(0),
    mails_sent: AtomicU64::new(0),
    mails_failed: AtomicU64::new(0),
    imported: [const { AtomicU64::new(0) }; IMPORT_OUTCOMES.len()],
    imports: AtomicU64::new(0),
};

/// Whether the page cache answered a request (an extension the cache puts on its answers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheUse {
    Hit,
    Miss,
}

/// The outcomes an imported record can have (labels of `kp_imported_records_total`).
pub const IMPORT_OUTCOMES: [&str; 6] = [
    "created",
    "updated",
    "adjusted",
    "skipped",
    "failed",
    "withdrawn",
];

impl Metrics {
    pub fn request(&self, route: usize, status: u16, took: Duration, cache: Option<CacheUse>) {
        let route = route.min(ROUTES.len() - 1);
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.requests[route][class].fetch_add(1, Relaxed);
        let secs = took.as_secs_f64();
        let h = &self.latency[route];
        let i = BUCKETS
            .iter()
            .position(|b| secs <= *b)
            .unwrap_or(BUCKETS.len());
        h.buckets[i].fetch_add(1, Relaxed);
        h.sum_micros
            .fetch_add(u64::try_from(took.as_micros()).unwrap_or(u64::MAX), Relaxed);
        match cache {
            Some(CacheUse::Hit) => self.cache_hits.fetch_add(1, Relaxed),
            Some(CacheUse::Miss) => self.cache_misses.fetch_add(1, Relaxed),
            None => 0,
        };
    }

    pub fn mail(&self, ok: bool) {
        if ok {
            self.mails_sent.fetch_add(1, Relaxed);
        } else {
            self.mails_failed.fetch_add(1, Relaxed);
        }
    }

    /// One import run; `records` counts its records by the index of [`IMPORT_OUTCOMES`].
    pub fn import(&self, records: [u64; IMPORT_OUTCOMES.len()]) {
        self.imports.fetch_add(1, Relaxed);
        for (slot, n) in self.imported.iter().zip(records) {
            slot.fetch_add(n, Relaxed);
        }
    }

    /// The counters in the Prometheus text format (0.0.4), followed by `gauges`.
    pub fn render(&self, gauges: &[Gauge]) -> String {
        let mut out = String::with_capacity(16 * 1024);
        out.push_str("# HELP kp_http_requests_total Answered requests by kind of page and status class.\n# TYPE kp_http_requests_total counter\n");
        for (r, name) in ROUTES.iter().enumerate() {
            for (c, class) in CLASSES.iter().enumerate() {
                let n = self.requests[r][c].load(Relaxed);
                if n > 0 {
                    let _ = writeln!(
                        out,
                        "kp_http_requests_total{{route=\"{name}\",status=\"{class}\"}} {n}"
                    );
                }
            }
        }
        out.push_str("# HELP kp_http_request_duration_seconds Time from the request to the answer's head, by kind of page.\n# TYPE kp_http_request_duration_seconds histogram\n");
        for (r, name) in ROUTES.iter().enumerate() {
            let h = &self.latency[r];
            let counts: Vec<u64> = h.buckets.iter().map(|b| b.load(Relaxed)).collect();
            let total: u64 = counts.iter().sum();
            if total == 0 {
                continue;
            }
            let mut running = 0;
            for (i, le) in BUCKETS.iter().enumerate() {
                running += counts[i];
                let _ = writeln!(
                    out,
                    "kp_http_request_duration_seconds_bucket{{route=\"{name}\",le=\"{le}\"}} {running}"
                );
            }
            let _ = writeln!(
                out,
                "kp_http_request_duration_seconds_bucket{{route=\"{name}\",le=\"+Inf\"}} {total}"
            );
            let sum = h.sum_micros.load(Relaxed) as f64 / 1e6;
            let _ = writeln!(
                out,
                "kp_http_request_duration_seconds_sum{{route=\"{name}\"}} {sum}"
            );
            let _ = writeln!(
                out,
                "kp_http_request_duration_seconds_count{{route=\"{name}\"}} {total}"
            );
        }
        counter(
            &mut out,
            "kp_page_cache_hits_total",
            "Anonymous pages answered from the page cache.",
            self.cache_hits.load(Relaxed),
        );
        counter(
            &mut out,
            "kp_page_cache_misses_total",
            "Cacheable pages that had to be rendered.",
            self.cache_misses.load(Relaxed),
        );
        counter(
            &mut out,
            "kp_mails_sent_total",
            "Mails handed to the SMTP server (or written as files).",
            self.mails_sent.load(Relaxed),
        );
        counter(
            &mut out,
            "kp_mails_failed_total",
            "Mails that could not be sent.",
            self.mails_failed.load(Relaxed),
        );
        counter(
            &mut out,
            "kp_imports_total",
            "Import runs (files, uploads, subscribed calendars).",
            self.imports.load(Relaxed),
        );
        out.push_str("# HELP kp_imported_records_total Imported records by outcome.\n# TYPE kp_imported_records_total counter\n");
        for (i, outcome) in IMPORT_OUTCOMES.iter().enumerate() {
            let _ = writeln!(
                out,
                "kp_imported_records_total{{outcome=\"{outcome}\"}} {}",
                self.imported[i].load(Relaxed)
            );
        }
        for g in gauges {
            let _ = writeln!(out, "# HELP {} {}\n# TYPE {} gauge", g.name, g.help, g.name);
            for (labels, value) in &g.values {
                if labels.is_empty() {
                    let _ = writeln!(out, "{} {value}", g.name);
                } else {
                    let _ = writeln!(out, "{}{{{labels}}} {value}", g.name);
                }
            }
        }
        out
    }
}

fn counter(out: &mut String, name: &str, help: &str, value: u64) {
    let _ = writeln!(
        out,
        "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
    );
}

/// A gauge read at scrape time: `values` are (label text such as `state="idle"`, value).
pub struct Gauge {
    pub name: &'static str,
    pub help: &'static str,
    pub values: Vec<(String, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fall_into_bounded_kinds() {
        let kind = |p: &str| ROUTES[route_of(p)];
        assert_eq!(kind("/"), "home");
        assert_eq!(kind("/veranstaltungen"), "list");
        assert_eq!(kind("/veranstaltungen/konzert-123"), "event");
        assert_eq!(kind("/veranstaltungen.ics"), "feed");
        assert_eq!(kind("/api/v1/events"), "api");
        assert_eq!(kind("/verwaltung/auftraege"), "admin");
        assert_eq!(kind("/irgendwas/ganz/anderes"), "other");
    }

    #[test]
    fn histogram_is_cumulative_and_counts_match() {
        let m = Metrics {
            requests: [const { [const { AtomicU64::new(0) }; CLASSES.len()] }; ROUTES.len()],
            latency: [const { Histogram::new() }; ROUTES.len()],
            cache_hits: AtomicU64::new(0),
            cache_misses: AtomicU64::new(0),
            mails_sent: AtomicU64::new(0),
            mails_failed: AtomicU64::new(0),
            imported: [const { AtomicU64::new(0) }; IMPORT_OUTCOMES.len()],
            imports: AtomicU64::new(0),
        };
        let list = route_of("/veranstaltungen");
        m.request(list, 200, Duration::from_micros(300), Some(CacheUse::Hit));
        m.request(list, 200, Duration::from_millis(3), Some(CacheUse::Miss));
        m.request(list, 404, Duration::from_secs(5), None);
        let text = m.render(&[]);
        assert!(text.contains("kp_http_requests_total{route=\"list\",status=\"2xx\"} 2"));
        assert!(text.contains("kp_http_requests_total{route=\"list\",status=\"4xx\"} 1"));
        assert!(
            text.contains(
                "kp_http_request_duration_seconds_bucket{route=\"list\",le=\"0.0005\"} 1"
            )
        );
        assert!(
            text.contains("kp_http_request_duration_seconds_bucket{route=\"list\",le=\"0.005\"} 2")
        );
        assert!(
            text.contains("kp_http_request_duration_seconds_bucket{route=\"list\",le=\"2.5\"} 2")
        );
        assert!(
            text.contains("kp_http_request_duration_seconds_bucket{route=\"list\",le=\"+Inf\"} 3")
        );
        assert!(text.contains("kp_http_request_duration_seconds_count{route=\"list\"} 3"));
        assert!(text.contains("kp_page_cache_hits_total 1"));
        assert!(text.contains("kp_page_cache_misses_total 1"));
        assert!(!text.contains("route=\"event\""), "no empty series");
    }
}
