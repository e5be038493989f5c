//! What an operator sees of a running instance: readiness, metrics behind a token, and
//! a request id on every answer.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};

fn get_with(uri: &str, header: (&str, &str)) -> Request<Body> {
    Request::get(uri)
        .header(header.0, header.1)
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The value of one sample line such as `kp_page_cache_hits_total 3`.
fn sample(text: &str, series: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn readiness_needs_the_database_with_every_migration() {
    let app = TestApp::new().await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.body, "ready\n");
    assert_eq!(app.get("/healthz").await.body, "ok");

    // A database that lacks the newest migration (an older schema) is not ready.
    let mut tx = app.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    tx.execute(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
        &[],
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let behind = app.get("/readyz").await;
    assert_eq!(behind.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(behind.body, "not ready: 1 migrations not applied\n");
    assert_eq!(app.get("/healthz").await.body, "ok", "alive all the same");

    // And one whose database is gone neither.
    app.state.db.close().await;
    let gone = app.get("/readyz").await;
    assert_eq!(gone.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(gone.body, "not ready: database unreachable\n");
}

#[tokio::test]
async fn metrics_are_closed_without_a_token_and_count_pages_with_one() {
    let mut app = TestApp::new().await;
    assert_eq!(app.get("/metrics").await.status, StatusCode::NOT_FOUND);

    app.state.metrics_token = Some("s3cret-token".into());
    app.rebuild_router();
    assert_eq!(app.get("/metrics").await.status, StatusCode::UNAUTHORIZED);
    let wrong = app
        .request(get_with(
            "/metrics",
            ("authorization", "Bearer s3cret-tokeN"),
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);

    let scrape = || {
        app.request(get_with(
            "/metrics",
            ("authorization", "Bearer s3cret-token"),
        ))
    };
    // The counters belong to the process (all tests of this binary add to them), so the
    // test compares before and after.
    let before = scrape().await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(
        before
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/plain; version=0.0.4")),
        "{:?}",
        before.headers
    );
    app.event("Zählbar").on("2026-12-03 20:00").create().await;
    assert_eq!(app.get("/veranstaltungen").await.status, StatusCode::OK);
    assert_eq!(app.get("/veranstaltungen").await.status, StatusCode::OK);
    assert_eq!(
        app.get("/gibt-es-nicht").await.status,
        StatusCode::NOT_FOUND
    );
    let after = scrape().await;
    let grew = |series: &str| sample(&after.body, series) - sample(&before.body, series);
    assert!(grew("kp_http_requests_total{route=\"list\",status=\"2xx\"}") >= 2);
    assert!(grew("kp_http_requests_total{route=\"other\",status=\"4xx\"}") >= 1);
    assert!(grew("kp_http_request_duration_seconds_count{route=\"list\"}") >= 2);
    assert!(
        grew("kp_page_cache_hits_total") >= 1,
        "the second list was a hit"
    );
    assert!(grew("kp_page_cache_misses_total") >= 1);
    for gauge in [
        "kp_db_pool_connections{state=\"max\"}",
        "kp_jobs{state=\"pending\"}",
        "kp_outbox_lag",
    ] {
        assert!(
            after.body.lines().any(|l| l.starts_with(gauge)),
            "{gauge} missing in\n{}",
            after.body
        );
    }
    assert_eq!(
        sample(&after.body, "kp_outbox_lag"),
        0,
        "this instance is up to date"
    );
    assert!(
        !after.body.contains("Zählbar") && !after.body.contains("gibt-es-nicht"),
        "no paths or titles in the labels"
    );
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let app = TestApp::new().await;
    let id = |p: &crate::support::Page| {
        p.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let a = app.get("/").await;
    let b = app.get("/").await;
    assert_eq!(id(&a).len(), 16, "{:?}", a.headers);
    assert_ne!(id(&a), id(&b), "a new id per request");
    // A proxy's id is taken over, unless it is something else than a plain token.
    let passed = app
        .request(get_with("/orte", ("x-request-id", "nginx-4f2a.17")))
        .await;
    assert_eq!(id(&passed), "nginx-4f2a.17");
    let odd = app
        .request(get_with("/orte", ("x-request-id", "<script>")))
        .await;
    assert_eq!(id(&odd).len(), 16);
    assert_ne!(id(&odd), "<script>");
    // English pages and errors too.
    assert_eq!(id(&app.get("/en/veranstaltungen").await).len(), 16);
    assert_eq!(id(&app.get("/gibt-es-nicht").await).len(), 16);
}

#[tokio::test]
async fn a_backup_taken_while_events_are_written_restores_with_the_same_rows_and_files() {
    use kulturportal::ops::backup::{Files, backup, restore};
    let (url, _keep) = crate::support::fresh_url().await;
    let db = kulturportal::db::Db::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    db.prepare().await.unwrap_or_else(|e| panic!("{e}"));
    let app = std::sync::Arc::new(
        TestApp::with_db(db, None, crate::support::local(crate::support::NOW)).await,
    );
    for i in 0..12 {
        app.event(&format!("Vorher {i}"))
            .on("2026-12-10 20:00")
            .create()
            .await;
    }
    let media = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (name, bytes) in [
        ("ab/ab12.webp", &b"bild-eins"[..]),
        ("cd/cd34.jpg", b"bild-zwei"),
    ] {
        let path = media.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap_or(media.path()))
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    // Writers go on while the backup runs.
    let writer = {
        let app = app.clone();
        tokio::spawn(async move {
            for i in 0..20 {
                app.event(&format!("Während {i}"))
                    .on("2026-12-11 20:00")
                    .create()
                    .await;
            }
        })
    };
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let to = folder.path().join("sicherung");
    let taken = backup(
        &app.state.db,
        &url,
        &Files::Folder(media.path().to_path_buf()),
        &to,
        app.state.clock.now(),
    )
    .await
    .unwrap_or_else(|e| panic!("backup: {e:#}"));
    writer.await.unwrap_or_else(|e| panic!("{e}"));
    let events = taken.rows.get("events").copied().unwrap_or(0);
    assert!(
        (12..=32).contains(&events),
        "every event acknowledged before the backup is in it: {events}"
    );
    assert_eq!((taken.files, taken.file_bytes), (2, 18));

    // Into a new place: an empty database and an empty media folder.
    let (target, _keep_target) = crate::support::fresh_url().await;
    let restored_media = folder.path().join("medien");
    let restored = restore(&target, &Files::Folder(restored_media.clone()), &to)
        .await
        .unwrap_or_else(|e| panic!("restore: {e:#}"));
    assert_eq!(restored, taken);
    assert_eq!(
        std::fs::read(restored_media.join("cd/cd34.jpg")).unwrap_or_default(),
        b"bild-zwei"
    );
    let db = kulturportal::db::Db::connect(&target)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        kulturportal::db::backup::counts(&db)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        taken.rows,
        "identical counts in every table"
    );
    // The restored portal starts and shows the events.
    db.prepare().await.unwrap_or_else(|e| panic!("{e}"));
    let back = TestApp::with_db(db, None, crate::support::local(crate::support::NOW)).await;
    let list = back.get("/veranstaltungen").await;
    assert!(list.has("Vorher 11"), "{}", list.body);

    // A second restore into the now filled place is refused, nothing is overwritten.
    let again = restore(&target, &Files::Folder(folder.path().join("leer")), &to).await;
    assert!(
        again
            .as_ref()
            .is_err_and(|e| e.to_string().contains("not empty")),
        "{again:?}"
    );
}
