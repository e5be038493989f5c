//! The rules of cookieless counting: who is a bot, which device class and language a view
//! has, which referrer domain, which search term, which kind of page; the day a moment
//! belongs to, the visitor hash, and answer times as histogram buckets.

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

/// At least this many distinct visitors must have used a search term on a day before it is
/// stored or shown.
pub const MIN_TERM_VISITORS: i64 = 5;

/// The Bochum calendar day of an instant, counted from 1970-01-01.
pub fn day_of(instant: DateTime<Utc>) -> i64 {
    day_number(crate::domain::calendar::local_date(instant))
}

/// A date as a day number.
pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// The date of a day number.
pub fn date_of(day: i64) -> NaiveDate {
    NaiveDate::default() + chrono::Duration::days(day)
}

/// The salted hash that stands for one visitor on one day (the Plausible way). Without
/// the day's salt, which is deleted when the day is over, it cannot be traced back.
pub fn visitor_hash(salt: &[u8], address: &str, user_agent: &str) -> i64 {
    let mut h = Sha256::new();
    h.update(salt);
    h.update([0]);
    h.update(address.as_bytes());
    h.update([0]);
    h.update(user_agent.as_bytes());
    let d = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&d[..8]);
    i64::from_be_bytes(first)
}

/// Words in a user agent that only programs use.
const BOT_WORDS: &[&str] = &[
    "bot",
    "crawl",
    "spider",
    "slurp",
    "curl",
    "wget",
    "python",
    "go-http",
    "java/",
    "okhttp",
    "headless",
    "lighthouse",
    "feed",
    "rss",
    "preview",
    "facebookexternalhit",
    "httpclient",
    "http-client",
    "libwww",
    "scrapy",
    "monitor",
    "uptime",
    "axios",
    "node-fetch",
    "postman",
    "insomnia",
];

/// The headers that decide whether a request is a person's page view.
pub struct BrowserHeaders<'a> {
    pub user_agent: &'a str,
    pub accept: &'a str,
    pub accept_language: &'a str,
}

impl BrowserHeaders<'_> {
    /// Known crawlers, feed readers and programs, and requests without what every browser
    /// sends when it opens a page (a user agent, `Accept: text/html`, `Accept-Language`).
    pub fn is_bot(&self) -> bool {
        let ua = self.user_agent.to_ascii_lowercase();
        ua.len() < 10
            || !ua.starts_with("mozilla/")
            || BOT_WORDS.iter().any(|w| ua.contains(w))
            || !self.accept.contains("text/html")
            || self.accept_language.trim().is_empty()
    }
}

/// The device class of a browser: `mobil`, `tablet` or `desktop`.
pub fn device_class(user_agent: &str) -> &'static str {
    let ua = user_agent.to_ascii_lowercase();
    if ua.contains("ipad")
        || ua.contains("tablet")
        || (ua.contains("android") && !ua.contains("mobile"))
    {
        "tablet"
    } else if ua.contains("mobi") || ua.contains("iphone") || ua.contains("android") {
        "mobil"
    } else {
        "desktop"
    }
}

/// The first language the browser asks for, as two letters (`de`, `en`, …), or `andere`.
pub fn language(accept_language: &str) -> String {
    let first = accept_language
        .split(',')
        .next()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim();
    let primary = first.split('-').next().unwrap_or("").to_ascii_lowercase();
    if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        primary
    } else {
        "andere".to_owned()
    }
}

/// The domain a visitor came from, when it is another site (`www.` taken off); nothing
/// for the portal's own pages and for anything that is not an http(s) address.
pub fn referrer_domain(referer: &str, own_host: &str) -> Option<String> {
    let url = url::Url::parse(referer).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let own = own_host
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if host == own {
        return None;
    }
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty() && host.len() <= 100).then(|| host.to_owned())
}

/// A search term as counted: lower case, single spaces, at most 60 characters; nothing
/// when empty.
pub fn search_term(q: &str) -> Option<String> {
    let term: String = q
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .take(60)
        .collect();
    (!term.is_empty()).then_some(term)
}

/// What the counter does with a request, by its path.
#[derive(Debug, PartialEq, Eq)]
pub enum PathKind {
    /// Static files, pictures, the health check: not counted at all.
    Ignored,
    /// A calendar or feed (`.ics`, `.rss`, `.atom`): subscribers are counted.
    Feed,
    /// The JSON API.
    Api,
    /// A page, of the named kind (for answer times).
    Page(&'static str),
}

/// The kind of a path (without the language prefix).
pub fn path_kind(path: &str) -> PathKind {
    if path.starts_with("/static/")
        || path.starts_with("/medien/")
        || path == "/healthz"
        || path == "/readyz"
        || path == "/metrics"
        || path == "/einbetten.js"
        || path.starts_with("/weiter/")
        || path.starts_with("/entdecken/")
    {
        return PathKind::Ignored;
    }
    if path.starts_with("/api/v1/") {
        return PathKind::Api;
    }
    if path.ends_with(".ics") || path.ends_with(".rss") || path.ends_with(".atom") {
        return PathKind::Feed;
    }
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let deeper = path.trim_start_matches('/').contains('/');
    PathKind::Page(match (first, deeper) {
        ("", _) => "start",
        ("veranstaltungen", false) => "liste",
        ("veranstaltungen", true) => "veranstaltung",
        ("orte", _) => "orte",
        ("kulturszene", _) => "kulturszene",
        ("sparten", _) => "sparten",
        ("mein-bereich", _) => "mein-bereich",
        ("verwaltung" | "moderation", _) => "verwaltung",
        _ => "sonstige",
    })
}

/// The histogram bucket of an answer time: eight buckets per doubling (about 9 % wide).
pub fn speed_bucket(micros: u64) -> i64 {
    let m = micros.max(1) as f64;
    (m.log2() * 8.0).ceil() as i64
}

/// The upper bound of a bucket, in milliseconds.
pub fn bucket_millis(bucket: i64) -> f64 {
    2f64.powf(bucket as f64 / 8.0) / 1000.0
}

/// The `p`-quantile (0..1) of a histogram given as (bucket, count) pairs, in milliseconds.
pub fn quantile(histogram: &[(i64, i64)], p: f64) -> Option<f64> {
    let mut sorted: Vec<(i64, i64)> = histogram.iter().copied().filter(|h| h.1 > 0).collect();
    sorted.sort_unstable();
    let total: i64 = sorted.iter().map(|h| h.1).sum();
    if total == 0 {
        return None;
    }
    let rank = (p * total as f64).ceil().max(1.0) as i64;
    let mut seen = 0;
    for (bucket, count) in sorted {
        seen += count;
        if seen >= rank {
            return Some(bucket_millis(bucket));
        }
    }
    None
}

/// Organisations compared with each other: by their upcoming published dates (the
/// „small“ ones of fair visibility have fewer than five).
pub fn size_class(upcoming: i64) -> SizeClass {
    match upcoming {
        ..5 => SizeClass::Small,
        5..20 => SizeClass::Medium,
        _ => SizeClass::Large,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeClass {
    Small,
    Medium,
    Large,
}

impl SizeClass {
    /// The Fluent id of the class's name.
    pub fn message_id(self) -> &'static str {
        match self {
            SizeClass::Small => "reach-size-small",
            SizeClass::Medium => "reach-size-medium",
            SizeClass::Large => "reach-size-large",
        }
    }
}

/// The median of some counts (the lower middle of an even number); none of none.
pub fn median(values: &[i64]) -> Option<i64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    (!v.is_empty()).then(|| v[(v.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    fn browser(ua: &str) -> BrowserHeaders<'_> {
        BrowserHeaders {
            user_agent: ua,
            accept: "text/html,application/xhtml+xml,*/*;q=0.8",
            accept_language: "de-DE,de;q=0.9,en;q=0.5",
        }
    }

    #[test]
    fn bots_and_programs_are_left_out() {
        assert!(!browser(FIREFOX).is_bot());
        assert!(!browser(IPHONE).is_bot());
        for ua in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0)",
            "curl/8.5.0",
            "Feedly/1.0 (+http://www.feedly.com/fetcher.html)",
            "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0",
            "",
        ] {
            assert!(browser(ua).is_bot(), "{ua}");
        }
        let no_language = BrowserHeaders {
            accept_language: "",
            ..browser(FIREFOX)
        };
        assert!(no_language.is_bot());
        let no_html = BrowserHeaders {
            accept: "*/*",
            ..browser(FIREFOX)
        };
        assert!(no_html.is_bot());
    }

    #[test]
    fn facets_of_a_view() {
        assert_eq!(device_class(FIREFOX), "desktop");
        assert_eq!(device_class(IPHONE), "mobil");
        assert_eq!(
            device_class("Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36"),
            "tablet"
        );
        assert_eq!(language("de-DE,de;q=0.9"), "de");
        assert_eq!(language("en-GB"), "en");
        assert_eq!(language("*"), "andere");
        assert_eq!(
            referrer_domain("https://www.waz.de/staedte/bochum/x?y=1", "kultur.test"),
            Some("waz.de".into())
        );
        assert_eq!(
            referrer_domain("http://kultur.test/orte", "kultur.test"),
            None
        );
        assert_eq!(referrer_domain("android-app://x", "kultur.test"), None);
        assert_eq!(
            search_term("  Jazz   im  Park "),
            Some("jazz im park".into())
        );
        assert_eq!(search_term("   "), None);
    }

    #[test]
    fn kinds_of_paths() {
        assert_eq!(path_kind("/"), PathKind::Page("start"));
        assert_eq!(path_kind("/veranstaltungen"), PathKind::Page("liste"));
        assert_eq!(
            path_kind("/veranstaltungen/jazz"),
            PathKind::Page("veranstaltung")
        );
        assert_eq!(path_kind("/veranstaltungen.ics"), PathKind::Feed);
        assert_eq!(path_kind("/kulturszene/theater.ics"), PathKind::Feed);
        assert_eq!(path_kind("/api/v1/events"), PathKind::Api);
        assert_eq!(path_kind("/static/site.css"), PathKind::Ignored);
    }

    #[test]
    fn hashes_depend_on_the_salt() {
        let a = visitor_hash(b"salt-1", "192.0.2.1", FIREFOX);
        assert_eq!(a, visitor_hash(b"salt-1", "192.0.2.1", FIREFOX));
        assert_ne!(a, visitor_hash(b"salt-2", "192.0.2.1", FIREFOX));
        assert_ne!(a, visitor_hash(b"salt-1", "192.0.2.2", FIREFOX));
    }

    #[test]
    fn quantiles_from_buckets() {
        let mut h = std::collections::HashMap::new();
        for micros in (1..=100).map(|i| i * 100) {
            *h.entry(speed_bucket(micros)).or_insert(0) += 1;
        }
        let h: Vec<(i64, i64)> = h.into_iter().collect();
        let p50 = quantile(&h, 0.5).unwrap_or_default();
        let p95 = quantile(&h, 0.95).unwrap_or_default();
        assert!((5.0..=5.5).contains(&p50), "{p50}");
        assert!((9.5..=10.4).contains(&p95), "{p95}");
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(median(&[5, 1, 9]), Some(5));
        assert_eq!(median(&[4, 1, 9, 7]), Some(4));
        assert_eq!(median(&[]), None);
        assert_eq!(size_class(0), SizeClass::Small);
        assert_eq!(size_class(5), SizeClass::Medium);
        assert_eq!(size_class(20), SizeClass::Large);
        assert_eq!(day_number(date_of(20_000)), 20_000);
    }
}
