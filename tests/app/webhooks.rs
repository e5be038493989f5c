//! Webhooks: an organisation's system hears of public changes of its own events as signed
//! JSON; a receiver that fails is retried alone, given up after too many attempts, and
//! admins can start it again.

use crate::support::{TestApp, loopback_allowed, serve};
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::post;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::{Arc, Mutex};

type Received = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

fn json(method: &str, uri: &str, token: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(body.to_owned()))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A receiver: `/hook` keeps what it gets, `/kaputt` answers 500.
async fn receiver() -> (String, Received) {
    let got: Received = Arc::default();
    let keep = got.clone();
    let routes = axum::Router::new()
        .route(
            "/hook",
            post(move |headers: HeaderMap, body: Bytes| {
                let keep = keep.clone();
                async move {
                    if let Ok(mut g) = keep.lock() {
                        g.push((headers, body));
                    }
                    StatusCode::NO_CONTENT
                }
            }),
        )
        .route(
            "/kaputt",
            post(|| async { StatusCode::INTERNAL_SERVER_ERROR }),
        );
    (serve(routes).await, got)
}

fn header(h: &HeaderMap, name: &str) -> String {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn signed_by(secret: &str, h: &HeaderMap, body: &[u8]) -> bool {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(header(h, "x-kulturportal-timestamp").as_bytes());
    mac.update(b".");
    mac.update(body);
    header(h, "x-kulturportal-signature")
        == format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn secret_on(page: &str) -> String {
    page.split("id=\"geheimnis\" type=\"text\" readonly value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_organisation_hears_of_its_events_changes_signed() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let (base, got) = receiver().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let other = app.org("nachbarn", "Die Nachbarn").await;
    let olga = app.user("olga@example.org", "member").await;
    app.member(org, olga, "owner").await;
    let cookie = app.login("olga@example.org").await;
    let made = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/webhooks",
            &format!("url={base}/hook"),
            Some(&cookie),
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let secret = secret_on(&made.body);
    assert!(secret.starts_with("whsec_"), "{}", made.body);
    let later = app
        .get_as("/mein-bereich/organisationen/jazzkeller/webhooks", &cookie)
        .await;
    assert!(
        later.has(&format!("{base}/hook")) && !later.has(&secret),
        "shown once"
    );
    // A private address is refused unless the operator allows it (here: loopback only).
    let private = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/webhooks",
            "url=http%3A%2F%2F10.0.0.7%2Fhook",
            Some(&cookie),
        )
        .await;
    assert_eq!(private.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(private.has("privates oder lokales Netz"));

    let token_page = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/api-schluessel",
            "token_name=Kasse",
            Some(&cookie),
        )
        .await;
    let token = token_page
        .body
        .split("id=\"neuer-schluessel\" type=\"text\" readonly value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let event = r#"{"title":"Jazz im Keller","categories":["musik"],"location":"Kulturkeller","dates":[{"start":"2026-12-05T19:30"}]}"#;
    let created = app
        .request(json("PUT", "/api/v1/events/external/k-1", &token, event))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["data"]["id"].as_i64().unwrap_or_default();
    let changed = event.replace("Jazz im Keller", "Jazz im Keller: Trio Nord");
    app.request(json("PUT", "/api/v1/events/external/k-1", &token, &changed))
        .await;
    let cancelled = app
        .post(
            &format!("/mein-bereich/veranstaltungen/{id}/absagen"),
            "",
            Some(&cookie),
        )
        .await;
    assert!(cancelled.status.is_redirection());
    app.request(json("DELETE", &format!("/api/v1/events/{id}"), &token, ""))
        .await;
    // Another organisation's event is not theirs to hear about.
    app.event("Nachbarschaftsfest")
        .organizer(other)
        .on("2026-12-06 15:00")
        .create()
        .await;

    let got = got.lock().map(|g| g.clone()).unwrap_or_default();
    let kinds: Vec<String> = got
        .iter()
        .map(|(h, _)| header(h, "x-kulturportal-event"))
        .collect();
    assert_eq!(
        kinds,
        [
            "event.published",
            "event.changed",
            "event.cancelled",
            "event.deleted"
        ]
    );
    let mut deliveries = Vec::new();
    for (h, body) in &got {
        assert!(signed_by(&secret, h, body), "signature of {body:?}");
        assert!(!signed_by("whsec_falsch", h, body));
        let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        assert_eq!(v["event"]["id"].as_i64(), Some(id));
        assert_eq!(
            v["type"].as_str(),
            Some(header(h, "x-kulturportal-event").as_str())
        );
        deliveries.push(header(h, "x-kulturportal-delivery"));
    }
    let v: serde_json::Value = serde_json::from_slice(&got[1].1).unwrap_or_default();
    assert_eq!(v["event"]["title"], "Jazz im Keller: Trio Nord");
    assert_eq!(
        v["event"]["url"],
        "http://kultur.test/veranstaltungen/jazz-im-keller"
    );
    deliveries.dedup();
    assert_eq!(deliveries.len(), 4, "every delivery has its own id");
}

#[tokio::test]
async fn a_failing_receiver_is_retried_alone_then_given_up_and_admins_start_it_again() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let (base, got) = receiver().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let olga = app.user("olga@example.org", "member").await;
    app.member(org, olga, "owner").await;
    app.user("admin@example.org", "admin").await;
    let cookie = app.login("olga@example.org").await;
    for url in [format!("{base}/hook"), format!("{base}/kaputt")] {
        let page = app
            .post(
                "/mein-bereich/organisationen/jazzkeller/webhooks",
                &format!("url={url}"),
                Some(&cookie),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    let form = "title=Jazz+im+Keller&sparte=1&organisation=ORG&venue=&location_text=Kulturkeller\
                &date_mode=single&date=2026-12-05&time=19%3A30&price_kind=free&action=veroeffentlichen"
        .replace("ORG", &org.to_string())
        .replace("sparte=1", &format!("sparte={}", app.sparte_id("musik")));
    let saved = app
        .post("/mein-bereich/veranstaltungen/neu", &form, Some(&cookie))
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    assert_eq!(
        got.lock().map(|g| g.len()).unwrap_or(0),
        1,
        "the good one got it"
    );
    let db = &app.state.db;
    let failing = || async {
        db.fetch_all::<(i64, String, i64, String, i64)>(
            "SELECT id, state, attempts, last_error, run_after FROM jobs WHERE target LIKE 'hook:%' AND state <> 'done'",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let now = app.state.clock.now().timestamp();
    let first = failing().await;
    assert_eq!(first.len(), 1);
    let (job, state, attempts, error, run_after) = first[0].clone();
    assert_eq!((state.as_str(), attempts), ("pending", 1));
    assert!(error.contains("500"), "{error}");
    assert_eq!(run_after, now + 30, "tried again in 30 seconds");
    // Time passes; it keeps failing until it is given up.
    for _ in 0..10 {
        let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        tx.execute("UPDATE jobs SET run_after = 0 WHERE state = 'pending'", &[])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
        app.state
            .jobs
            .run_due(&app.state.services())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let dead = failing().await;
    assert_eq!(dead.len(), 1);
    assert_eq!((dead[0].1.as_str(), dead[0].2), ("dead", 8));
    assert_eq!(
        got.lock().map(|g| g.len()).unwrap_or(0),
        1,
        "the good one got it once"
    );
    let admin = app.login("admin@example.org").await;
    let page = app.get_as("/verwaltung/auftraege", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.has("Aufgegebene Aufträge") && page.has("500"),
        "{}",
        page.body
    );
    let retried = app
        .post(
            &format!("/verwaltung/auftraege/{job}/wiederholen"),
            "",
            Some(&admin),
        )
        .await;
    assert_eq!(retried.location(), "/verwaltung/auftraege");
    let again = failing().await;
    assert_eq!(
        (again[0].1.as_str(), again[0].2),
        ("pending", 1),
        "started again: one more attempt, failed, waiting"
    );
    // The owner sees how the last delivery went.
    let own = app
        .get_as("/mein-bereich/organisationen/jazzkeller/webhooks", &cookie)
        .await;
    assert!(own.has("500"), "{}", own.body);
}
