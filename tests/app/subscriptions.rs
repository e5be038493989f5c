//! Subscribed calendars, served by a real HTTP server on this machine: refused as a local
//! address by default; with loopback allowed, fetched at once, then conditionally (304),
//! kept in step with the feed, on the schedule once per interval; and every kind of bad
//! feed reported without importing half of it.

use crate::support::{TestApp, loopback_allowed};
use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use kulturportal::fetch::{self, FetchError, FetchPolicy};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const FILE: &str = include_str!("../fixtures/jazzkeller.ics");

#[derive(Clone)]
struct Feed {
    body: Arc<Mutex<String>>,
    hits: Arc<AtomicUsize>,
    conditional: Arc<AtomicUsize>,
}

fn etag_of(body: &str) -> String {
    format!("\"v{}\"", crc32fast::hash(body.as_bytes()))
}

/// A calendar server on 127.0.0.1: `/kalender.ics` (with ETag), `/langsam.ics` (too slow),
/// `/riesig.ics` (too big), `/kaputt.ics` (not a calendar), `/weiter` (a redirect into
/// another local address) and 404 for anything else.
async fn serve_feeds() -> (String, Feed) {
    let feed = Feed {
        body: Arc::new(Mutex::new(FILE.to_owned())),
        hits: Arc::new(AtomicUsize::new(0)),
        conditional: Arc::new(AtomicUsize::new(0)),
    };
    let state = feed.clone();
    // The redirect names 127.0.0.2 on the same port, which the server never learns; any
    // port shows the refusal, as the portal refuses before connecting.
    let port = 9;
    let app = Router::new()
        .route(
            "/kalender.ics",
            get(move |headers: HeaderMap| {
                let state = state.clone();
                async move {
                    state.hits.fetch_add(1, Ordering::SeqCst);
                    let body = state.body.lock().map(|b| b.clone()).unwrap_or_default();
                    let tag = etag_of(&body);
                    if headers
                        .get(header::IF_NONE_MATCH)
                        .is_some_and(|v| v.as_bytes() == tag.as_bytes())
                    {
                        state.conditional.fetch_add(1, Ordering::SeqCst);
                        return StatusCode::NOT_MODIFIED.into_response();
                    }
                    ([(header::ETAG, tag)], body).into_response()
                }
            }),
        )
        .route(
            "/langsam.ics",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                FILE
            }),
        )
        .route("/riesig.ics", get(|| async { "X".repeat(300_000) }))
        .route("/kaputt.ics", get(|| async { "Das ist kein Kalender." }))
        .route(
            "/weiter",
            get(move || async move {
                (
                    StatusCode::FOUND,
                    [(
                        header::LOCATION,
                        format!("http://127.0.0.2:{port}/kalender.ics"),
                    )],
                )
            }),
        );
    (crate::support::serve(app).await, feed)
}

#[tokio::test]
async fn subscribed_calendars_come_in_conditionally_and_stay_in_step() {
    let mut app = TestApp::new().await;
    app.state.page_cache = Duration::ZERO;
    app.rebuild_router();
    let (base, feed) = serve_feeds().await;
    app.org("jazzkeller", "Jazzkeller").await;
    let eva = app.user("eva@example.org", "member").await;
    let org = kulturportal::db::organizations::by_slug(&app.state.db, "jazzkeller")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |o| o.id);
    app.member(org, eva, "editor").await;
    let eva = app.login("eva@example.org").await;
    let subscribe = "/mein-bereich/organisationen/jazzkeller/abonnements";
    let body = format!(
        "feed_url={}&feed_sparte=musik",
        form_urlencoded::byte_serialize(format!("{base}/kalender.ics").as_bytes())
            .collect::<String>()
    );

    // By default the portal does not fetch from local addresses.
    let refused = app.post(subscribe, &body, Some(&eva)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("privates oder lokales Netz"));
    assert!(refused.has(&format!("value=\"{base}/kalender.ics\"")));
    assert_eq!(feed.hits.load(Ordering::SeqCst), 0);

    // Allowed (as for an intranet feed): fetched at once, imported, reported.
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let added = app.post(subscribe, &body, Some(&eva)).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(feed.hits.load(Ordering::SeqCst), 1);
    let location = added
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(location.ends_with("#abonnements"), "{location}");
    let page = app.get_as(&location, &eva).await;
    assert!(page.has("zuletzt übernommen") && page.has("6 neu, 0 aktualisiert"));
    assert!(page.has("Der Kalender ist abonniert"));
    assert_eq!(
        app.get("/veranstaltungen/trio-nord-live").await.status,
        StatusCode::OK
    );
    let again = app.post(subscribe, &body, Some(&eva)).await;
    assert!(again.has("schon abonniert"));

    // Fetched again: the server says 304 and nothing is imported twice.
    let id = page
        .body
        .split("/abonnements/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    let now = app
        .post(&format!("{subscribe}/{id}/abrufen"), "", Some(&eva))
        .await;
    assert_eq!(now.status, StatusCode::SEE_OTHER);
    assert_eq!(feed.conditional.load(Ordering::SeqCst), 1);
    assert!(
        app.get_as("/mein-bereich/organisationen/jazzkeller", &eva)
            .await
            .has("unverändert")
    );

    // The feed drops the jam session: on the schedule, its date is cancelled.
    if let Ok(mut b) = feed.body.lock() {
        *b = b.replace(
            "UID:utc-2@jazzkeller.example",
            "UID:utc-2-weg@jazzkeller.example",
        );
    }
    let clock = app.state.clock.now();
    let policy = loopback_allowed();
    let not_yet =
        kulturportal::subscriptions::refresh_due(&app.state.services(), &policy, clock, 3600).await;
    assert_eq!(not_yet.ok(), Some(false), "just fetched: not due yet");
    assert_eq!(feed.hits.load(Ordering::SeqCst), 2);
    let later = clock + chrono::Duration::hours(2);
    let due =
        kulturportal::subscriptions::refresh_due(&app.state.services(), &policy, later, 3600).await;
    assert_eq!(due.ok(), Some(true));
    assert_eq!(feed.hits.load(Ordering::SeqCst), 3);
    // A second instance in the same minute finds it claimed.
    let twice =
        kulturportal::subscriptions::refresh_due(&app.state.services(), &policy, later, 3600).await;
    assert_eq!(twice.ok(), Some(false));
    assert_eq!(feed.hits.load(Ordering::SeqCst), 3);
    app.reindex().await;
    assert!(
        app.get("/veranstaltungen/jam-session")
            .await
            .has("Diese Veranstaltung findet nicht statt.")
    );
    // The report says what left the feed.
    let report = app
        .get_as("/mein-bereich/organisationen/jazzkeller", &eva)
        .await;
    assert!(report.has("nicht mehr enthalten und abgesagt"));

    // Ending the subscription keeps the events.
    let ended = app
        .post(&format!("{subscribe}/{id}/entfernen"), "", Some(&eva))
        .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert!(
        !app.get_as("/mein-bereich/organisationen/jazzkeller", &eva)
            .await
            .has(&format!("{base}/kalender.ics</strong>"))
    );
    assert_eq!(
        app.get("/veranstaltungen/trio-nord-live").await.status,
        StatusCode::OK
    );
    // Someone else's subscription cannot be touched.
    app.org("anderswo", "Anderswo").await;
    let olaf = app.user("olaf@example.org", "member").await;
    let other = kulturportal::db::organizations::by_slug(&app.state.db, "anderswo")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |o| o.id);
    app.member(other, olaf, "owner").await;
    let olaf = app.login("olaf@example.org").await;
    let foreign = app
        .post(
            &format!("/mein-bereich/organisationen/anderswo/abonnements/{id}/abrufen"),
            "",
            Some(&olaf),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_feeds_get_clear_errors_and_import_nothing() {
    let app = TestApp::new().await;
    app.org("jazzkeller", "Jazzkeller").await;
    let (base, _feed) = serve_feeds().await;
    let policy = loopback_allowed();
    let fetched = |path: &'static str| {
        let policy = policy.clone();
        let url = format!("{base}{path}");
        async move { fetch::get(&policy, &url, None, None).await.err() }
    };
    assert_eq!(fetched("/langsam.ics").await, Some(FetchError::Timeout(2)));
    assert_eq!(
        fetched("/riesig.ics").await,
        Some(FetchError::TooLarge(200_000))
    );
    assert_eq!(
        fetched("/gibt-es-nicht.ics").await,
        Some(FetchError::Status(404))
    );
    // A redirect to a local address that is not allowed is refused, not followed.
    assert_eq!(fetched("/weiter").await, Some(FetchError::Refused));
    assert_eq!(
        fetch::get(
            &FetchPolicy::default(),
            &format!("{base}/kalender.ics"),
            None,
            None
        )
        .await
        .err(),
        Some(FetchError::Refused)
    );
    // A name that resolves to a local address is refused too (checked in the resolver).
    let by_name = base.replace("127.0.0.1", "localhost");
    assert_eq!(
        fetch::get(
            &FetchPolicy::default(),
            &format!("{by_name}/kalender.ics"),
            None,
            None
        )
        .await
        .err(),
        Some(FetchError::Refused)
    );
    // A subscription to a broken calendar records the error and imports nothing.
    let db = &app.state.db;
    let org = kulturportal::db::organizations::by_slug(db, "jazzkeller")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |o| o.id);
    let user = app.user("eva@example.org", "member").await;
    for path in ["/kaputt.ics", "/langsam.ics"] {
        kulturportal::db::subscriptions::add(db, org, &format!("{base}{path}"), "musik", user, 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let now = app.state.clock.now();
    let did =
        kulturportal::subscriptions::refresh_due(&app.state.services(), &policy, now, 3600).await;
    assert_eq!(did.ok(), Some(false));
    let subs = kulturportal::db::subscriptions::of_organization(db, org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(subs.iter().all(|s| s.last_status == "fehler"));
    assert!(
        subs[0].last_report.contains("kein gültiger Kalender"),
        "{}",
        subs[0].last_report
    );
    assert!(
        subs[1].last_report.contains("nicht rechtzeitig"),
        "{}",
        subs[1].last_report
    );
    let body = app.get("/api/v1/events?organizer=jazzkeller").await.json();
    assert_eq!(body["data"].as_array().map(Vec::len), Some(0));
}
