//! Cookieless statistics: what is counted (people, not bots; cached pages too), the daily
//! salt, closing a day (hashes become counts and disappear), the k ≥ 5 rule for search
//! terms, feed subscribers, API consumers, and the portal's own redirects.

use crate::support::{Page, TestApp, local};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use kulturportal::db::Db;
use kulturportal::domain::stats::day_of;
use std::net::SocketAddr;

pub const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
pub const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

/// A GET from a browser at `address` (as the server's accept loop would record it).
pub fn from(uri: &str, address: &str, user_agent: &str) -> Request<Body> {
    let mut r = Request::get(uri)
        .header("host", "kultur.test")
        .header("user-agent", user_agent)
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("accept-language", "de-DE,de;q=0.9")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let addr: SocketAddr = format!("{address}:40000")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    r.extensions_mut().insert(ConnectInfo(addr));
    r
}

/// Writes what the app counted, as the background task does, at `when` (local time).
pub async fn flush(app: &TestApp, when: &str) {
    app.state
        .stats
        .flush(&app.state.db, local(when))
        .await
        .unwrap_or_else(|e| panic!("flush: {e}"));
}

async fn ints(db: &Db, sql: &str) -> Vec<i64> {
    let rows: Vec<(i64,)> = db
        .fetch_all(sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.into_iter().map(|r| r.0).collect()
}

async fn texts(db: &Db, sql: &str) -> Vec<String> {
    let rows: Vec<(String,)> = db
        .fetch_all(sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.into_iter().map(|r| r.0).collect()
}

fn no_cookie(p: &Page) {
    assert!(
        p.headers.get("set-cookie").is_none(),
        "a visitor got a cookie: {:?}",
        p.headers
    );
}

/// Everything the statistics tables hold, as text, to look for what must not be there.
async fn everything_stored(db: &Db) -> String {
    let mut all = String::new();
    for (table, cols) in [
        ("stats_pages", "path"),
        ("stats_facets", "facet || ' ' || value"),
        ("stats_terms", "term"),
        ("stats_feeds", "feed"),
        ("stats_clicks", "kind || ' ' || target"),
        ("stats_api", "consumer"),
        (
            "stats_today",
            "kind || ' ' || label || ' ' || CAST(hash AS TEXT)",
        ),
        ("stats_salts", "salt"),
    ] {
        for t in texts(db, &format!("SELECT {cols} FROM {table}")).await {
            all.push_str(&t);
            all.push('\n');
        }
    }
    all
}

#[tokio::test]
async fn people_are_counted_without_cookies_bots_are_not_and_nothing_personal_outlives_the_day() {
    let app = TestApp::new().await;
    let slug = app
        .event("Jazz im Keller")
        .on("2026-12-05 20:00")
        .create()
        .await;
    let path = format!("/veranstaltungen/{slug}");
    // Three people; one looks twice (the second answer comes from the page cache).
    for (addr, ua) in [
        ("192.0.2.1", FIREFOX),
        ("192.0.2.2", IPHONE),
        ("192.0.2.3", FIREFOX),
        ("192.0.2.1", FIREFOX),
    ] {
        let page = app.request(from(&path, addr, ua)).await;
        assert_eq!(page.status, StatusCode::OK);
        no_cookie(&page);
    }
    let cached = app.request(from(&path, "192.0.2.2", IPHONE)).await;
    assert_eq!(
        cached.headers.get("x-cache").and_then(|v| v.to_str().ok()),
        Some("hit")
    );
    // A crawler, a script and a request without a browser's language are bots.
    app.request(from(
        &path,
        "198.51.100.7",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ))
    .await;
    app.request(from(&path, "198.51.100.8", "curl/8.5.0")).await;
    let mut bare = from(&path, "198.51.100.9", FIREFOX);
    bare.headers_mut().remove("accept-language");
    app.request(bare).await;
    // Files and pictures are not page views.
    app.request(from("/static/nope.css", "192.0.2.1", FIREFOX))
        .await;

    flush(&app, "2026-12-02 10:05").await;
    let db = &app.state.db;
    let today = day_of(local("2026-12-02 10:05"));
    assert_eq!(
        ints(db, "SELECT views FROM stats_daily").await,
        vec![5],
        "five views by people, the cached one too"
    );
    assert_eq!(ints(db, "SELECT bots FROM stats_daily").await, vec![3]);
    assert_eq!(
        texts(db, "SELECT path FROM stats_pages").await,
        vec![path.clone()]
    );
    assert_eq!(
        kulturportal::db::stats::open_visitors(db, today)
            .await
            .unwrap_or_default(),
        3
    );
    let devices = texts(
        db,
        "SELECT value || '=' || CAST(views AS TEXT) FROM stats_facets WHERE facet = 'geraet' ORDER BY value",
    )
    .await;
    assert_eq!(devices, vec!["desktop=3", "mobil=2"]);
    // While the day lasts, its hashes and salt exist; never an address or a user agent.
    let stored = everything_stored(db).await;
    for raw in ["192.0.2", "Firefox", "iPhone", "Mozilla"] {
        assert!(!stored.contains(raw), "{raw} stored:\n{stored}");
    }

    // The next morning the day is closed: a count remains, no hash and no salt of it.
    flush(&app, "2026-12-03 00:10").await;
    assert_eq!(ints(db, "SELECT visitors FROM stats_daily").await, vec![3]);
    assert_eq!(
        ints(db, "SELECT COUNT(*) FROM stats_today").await,
        vec![0],
        "no hash outlives its day"
    );
    let salt_days = ints(db, "SELECT day FROM stats_salts ORDER BY day").await;
    assert!(
        salt_days.iter().all(|d| *d > today),
        "yesterday's salt is gone: {salt_days:?}"
    );
}

#[tokio::test]
async fn the_salt_changes_every_day_and_instances_share_it() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    // Two instances of the portal over one database.
    let other = kulturportal::stats::Stats::new();
    flush(&app, "2026-12-02 09:00").await;
    other
        .flush(db, local("2026-12-02 09:00"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let first = texts(db, "SELECT salt FROM stats_salts ORDER BY day").await;
    assert_eq!(first.len(), 2, "today's and tomorrow's salt");
    // The same person reaches both instances: one visitor, four views.
    for _ in 0..2 {
        app.request(from("/", "192.0.2.1", FIREFOX)).await;
    }
    let view = || kulturportal::stats::PageView {
        path: "/",
        address: "192.0.2.1",
        browser: kulturportal::domain::stats::BrowserHeaders {
            user_agent: FIREFOX,
            accept: "text/html",
            accept_language: "de",
        },
        referer: "",
        host: "kultur.test",
        search: None,
    };
    other.page_view(local("2026-12-02 10:00"), view());
    other.page_view(local("2026-12-02 10:00"), view());
    flush(&app, "2026-12-02 10:00").await;
    other
        .flush(db, local("2026-12-02 10:00"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // The next day the same person is a new visitor under a new salt.
    other.page_view(local("2026-12-03 10:00"), view());
    other
        .flush(db, local("2026-12-03 10:00"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let second = texts(db, "SELECT salt FROM stats_salts ORDER BY day").await;
    assert_eq!(second.len(), 2);
    assert_eq!(second[0], first[1], "tomorrow's salt became today's");
    assert!(!second.contains(&first[0]), "the old salt is deleted");
    flush(&app, "2026-12-04 10:00").await;
    let days: Vec<(i64, i64, i64)> = db
        .fetch_all(
            "SELECT day, views, visitors FROM stats_daily ORDER BY day",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let d = day_of(local("2026-12-02 10:00"));
    assert_eq!(days, vec![(d, 4, 1), (d + 1, 1, 1)]);
}

#[tokio::test]
async fn search_terms_are_kept_only_when_five_visitors_used_them() {
    let app = TestApp::new().await;
    for i in 1..=5 {
        app.request(from(
            "/veranstaltungen?q=Jazz",
            &format!("192.0.2.{i}"),
            FIREFOX,
        ))
        .await;
    }
    // One person searching a name five times is still one person.
    for _ in 0..5 {
        app.request(from(
            "/veranstaltungen?q=Erika+Mustermann",
            "192.0.2.9",
            FIREFOX,
        ))
        .await;
    }
    for i in 1..=4 {
        app.request(from(
            "/veranstaltungen?q=orgel",
            &format!("192.0.2.{i}"),
            IPHONE,
        ))
        .await;
    }
    flush(&app, "2026-12-02 12:00").await;
    flush(&app, "2026-12-03 00:05").await;
    let db = &app.state.db;
    assert_eq!(
        texts(
            db,
            "SELECT term || ' ' || CAST(visitors AS TEXT) FROM stats_terms"
        )
        .await,
        vec!["jazz 5"]
    );
    assert!(!everything_stored(db).await.contains("mustermann"));
}

#[tokio::test]
async fn feed_subscribers_and_api_consumers_are_counted_per_day() {
    let app = TestApp::new().await;
    for (addr, ua) in [
        ("192.0.2.1", "Thunderbird/128"),
        ("192.0.2.1", "Thunderbird/128"),
        ("192.0.2.2", "Google-Calendar-Importer"),
    ] {
        let p = app
            .request(from("/veranstaltungen.ics?sparte=musik", addr, ua))
            .await;
        assert_eq!(p.status, StatusCode::OK);
    }
    for addr in ["192.0.2.5", "192.0.2.5", "192.0.2.6"] {
        app.request(from("/api/v1/events", addr, "curl/8")).await;
    }
    flush(&app, "2026-12-02 12:00").await;
    flush(&app, "2026-12-03 00:05").await;
    let db = &app.state.db;
    let feeds: Vec<(String, i64, i64)> = db
        .fetch_all("SELECT feed, subscribers, fetches FROM stats_feeds", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(feeds, vec![("/veranstaltungen.ics".to_owned(), 2, 3)]);
    assert_eq!(
        texts(
            db,
            "SELECT consumer || ' ' || CAST(requests AS TEXT) FROM stats_api ORDER BY consumer"
        )
        .await,
        vec!["anonym 001 2", "anonym 002 1"]
    );
}

#[tokio::test]
async fn ticket_and_share_links_go_through_the_portals_redirect() {
    let app = TestApp::new().await;
    let slug = app
        .event("Konzert mit Karten")
        .ticket("https://karten.example/konzert")
        .on("2026-12-05 20:00")
        .create()
        .await;
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    assert!(page.has(&format!("href=\"/weiter/karten/{slug}\"")));
    assert!(page.has(&format!("href=\"/weiter/teilen/{slug}/whatsapp\"")));
    assert!(page.has("mailto:?subject="), "mail stays a direct link");
    let go = app
        .request(from(
            &format!("/weiter/karten/{slug}"),
            "192.0.2.1",
            FIREFOX,
        ))
        .await;
    assert_eq!(go.status, StatusCode::SEE_OTHER);
    assert_eq!(go.location(), "https://karten.example/konzert");
    let share = app
        .request(from(
            &format!("/weiter/teilen/{slug}/whatsapp"),
            "192.0.2.1",
            FIREFOX,
        ))
        .await;
    assert!(share.location().starts_with("https://wa.me/?text="));
    // Nothing but the event's own addresses: no open redirect.
    assert_eq!(
        app.get("/weiter/karten/gibt-es-nicht").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/weiter/teilen/{slug}/evil.example"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A bot following the link is sent on but not counted.
    app.get(&format!("/weiter/karten/{slug}")).await;
    flush(&app, "2026-12-02 12:00").await;
    let clicks: Vec<(String, String, i64)> = app
        .state
        .db
        .fetch_all(
            "SELECT kind, target, clicks FROM stats_clicks ORDER BY kind",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        clicks,
        vec![
            ("share".to_owned(), slug.clone(), 1),
            ("ticket".to_owned(), slug.clone(), 1)
        ]
    );
}
