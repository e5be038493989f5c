//! Working groups: open and closed, threads, announcements by mail, meetings and files —
//! and nothing of a closed group for those outside it, also when guessing URLs.

use crate::support::{TestApp, multipart_post};
use axum::http::StatusCode;

#[tokio::test]
async fn closed_groups_admit_by_approval_and_keep_their_work_inside() {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    for who in ["lea", "max", "ole"] {
        app.user(&format!("{who}@example.org"), "member").await;
    }
    let lea = app.login("lea@example.org").await;
    let max = app.login("max@example.org").await;
    let ole = app.login("ole@example.org").await;
    assert_eq!(app.get("/arbeitskreise").await.location(), "/anmelden");

    // Lea founds a closed group and leads it.
    let made = app
        .post(
            "/arbeitskreise",
            "name=Netzwerk+Freie+Szene&description=Wir+vernetzen+die+freie+Szene.&closed=1",
            Some(&lea),
        )
        .await;
    assert_eq!(made.location(), "/arbeitskreise/netzwerk-freie-szene");
    let again = app
        .post("/arbeitskreise", "name=Netzwerk+Freie+Szene", Some(&max))
        .await;
    assert!(again.has("gibt es schon"));
    let group = "/arbeitskreise/netzwerk-freie-szene";
    // An announcement, a thread reply, a meeting and a file, inside.
    let thread = app
        .post(
            &format!("{group}/themen"),
            "title=Treffen+im+Januar&text=Wir+treffen+uns+im+Rottstr5.&announcement=1",
            Some(&lea),
        )
        .await;
    let thread_url = thread.location();
    assert!(
        thread_url.starts_with(&format!("{group}/themen/")),
        "{thread_url}"
    );
    app.post(
        &format!("{group}/termine"),
        "meeting_title=Plenum&date=2027-01-14&time=18%3A00&place=Rottstr5",
        Some(&lea),
    )
    .await;
    let file = app
        .request(multipart_post(
            &format!("{group}/dateien"),
            "",
            "file",
            b"Protokoll vom Dezember",
            &lea,
        ))
        .await;
    assert_eq!(file.status, StatusCode::SEE_OTHER, "{}", file.body);
    let page = app.get_as(group, &lea).await;
    assert!(
        page.has("Plenum") && page.has("14. Januar 2027") && page.has("foto.png"),
        "{}",
        page.body
    );
    let file_url = page
        .body
        .split(&format!("href=\"{group}/dateien/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|id| format!("{group}/dateien/{id}"))
        .unwrap_or_default();

    // Outside: the description and a request button, nothing else — also by URL.
    let outside = app.get_as(group, &max).await;
    assert!(outside.has("Wir vernetzen die freie Szene.") && outside.has("Beitritt anfragen"));
    assert!(
        !outside.has("Treffen im Januar") && !outside.has("Plenum") && !outside.has("foto.png")
    );
    for uri in [&thread_url, &file_url] {
        assert_eq!(
            app.get_as(uri, &max).await.status,
            StatusCode::NOT_FOUND,
            "{uri}"
        );
    }
    assert_eq!(
        app.post(&thread_url, "text=Hallo", Some(&max)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(
            &format!("{group}/themen"),
            "title=Spam&text=Spam",
            Some(&max)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Max asks, Lea is told and admits him; now he reads and writes.
    app.post(&format!("{group}/beitreten"), "", Some(&max))
        .await;
    assert!(
        app.get_as(group, &max)
            .await
            .has("Ihre Anfrage liegt bei der Leitung.")
    );
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("lea@example.org") && m.contains("Beitrittsanfrage"))
    );
    let lead_view = app.get_as(group, &lea).await;
    assert!(lead_view.has("Beitrittsanfragen") && lead_view.has("max@example.org"));
    let max_id = lead_view
        .body
        .split(&format!("{group}/mitglieder/"))
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    // Only the lead decides.
    assert_eq!(
        app.post(
            &format!("{group}/mitglieder/{max_id}/annehmen"),
            "",
            Some(&ole)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    app.post(
        &format!("{group}/mitglieder/{max_id}/annehmen"),
        "",
        Some(&lea),
    )
    .await;
    assert_eq!(app.get_as(&thread_url, &max).await.status, StatusCode::OK);
    let replied = app
        .post(&thread_url, "text=Ich+bin+dabei.", Some(&max))
        .await;
    assert_eq!(replied.status, StatusCode::SEE_OTHER);
    assert!(app.get_as(&thread_url, &lea).await.has("Ich bin dabei."));
    let download = app.get_as(&file_url, &max).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body, "Protokoll vom Dezember");
    assert!(
        download
            .headers
            .get("content-disposition")
            .is_some_and(|v| v.as_bytes().starts_with(b"attachment"))
    );
    assert_eq!(
        download.headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/octet-stream"[..]),
        "an uploaded image/png label is not trusted for a file that is none"
    );
    // A later announcement reaches Max by mail.
    app.post(
        &format!("{group}/themen"),
        "title=Neue+Termine&text=Bitte+eintragen.&announcement=1",
        Some(&lea),
    )
    .await;
    assert!(app.mails().iter().any(|m| m.contains("max@example.org")
        && m.contains("/arbeitskreise/netzwerk-freie-szene/themen/")));
    // Members only; ole still sees nothing inside.
    assert!(!app.get_as(group, &ole).await.has("Neue Termine"));
}

#[tokio::test]
async fn open_groups_are_joined_at_once() {
    let app = TestApp::new().await;
    app.user("lea@example.org", "member").await;
    app.user("max@example.org", "member").await;
    let lea = app.login("lea@example.org").await;
    let max = app.login("max@example.org").await;
    app.post("/arbeitskreise", "name=Clubkultur", Some(&lea))
        .await;
    app.post("/arbeitskreise/clubkultur/beitreten", "", Some(&max))
        .await;
    let page = app.get_as("/arbeitskreise/clubkultur", &max).await;
    assert!(page.has("Neues Thema") && page.has("2 Mitglieder"));
    app.post("/arbeitskreise/clubkultur/verlassen", "", Some(&max))
        .await;
    assert!(
        app.get_as("/arbeitskreise/clubkultur", &max)
            .await
            .has("Beitreten")
    );
    assert_eq!(
        app.get_as("/arbeitskreise/gibt-es-nicht", &max)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
