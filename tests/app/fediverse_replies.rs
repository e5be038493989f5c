//! Replies and mentions from the fediverse reach „Nachrichten“: a signed `Create(Note)`
//! answering an organisation's event lands in its inbox, one mentioning a Sparte with
//! the moderators; sanitised, bounded, taken once, never shown publicly, answered on the
//! fediverse (not here). Notes about nobody here are dropped; forged ones refused.

use crate::fediverse::Remote;
use crate::support::{TestApp, local, loopback_allowed};
use axum::http::StatusCode;
use kulturportal::db::messages;
use serde_json::{Value, json};

fn create(remote: &Remote, n: u32, note: Value) -> String {
    let mut note = note;
    note["id"] = json!(format!("{}/statuses/{n}", remote.actor));
    note["type"] = json!("Note");
    if note.get("attributedTo").is_none() {
        note["attributedTo"] = json!(remote.actor);
    }
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{}/statuses/{n}/activity", remote.actor),
        "type": "Create",
        "actor": remote.actor,
        "object": note,
    })
    .to_string()
}

#[tokio::test]
async fn replies_and_mentions_reach_the_right_inbox_once_and_never_the_public() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let owner = app.user("olga@example.org", "member").await;
    app.member(org, owner, "owner").await;
    let moderator = app.user("mia@example.org", "moderator").await;
    let slug = app
        .event("Jazz im Keller")
        .sparte("musik")
        .organizer(org)
        .on("2026-12-05 19:30")
        .create()
        .await;
    let remote = Remote::start().await;
    let handle = format!(
        "@anna@{}",
        kulturportal::fediverse::remote_host(&remote.actor)
    );
    let now = local(crate::support::NOW);
    let post = |body: String| remote.signed("/ap/inbox", &body, None, now);
    let threads = |user: i64| {
        let db = app.state.db.clone();
        async move {
            messages::threads_of(&db, user)
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };

    let reply = create(
        &remote,
        1,
        json!({
            "inReplyTo": format!("http://kultur.test/veranstaltungen/{slug}"),
            "content": "<p>Gibt es noch Karten? <script>alert(1)</script><a href=\"javascript:alert(1)\">klick</a></p>",
            "url": format!("{}/@anna/1", remote.actor),
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
        }),
    );
    for _ in 0..2 {
        // Delivered twice (a server retrying): taken once.
        let r = app.request(post(reply.clone())).await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    }
    let theirs = threads(owner).await;
    assert_eq!(theirs.len(), 1, "{theirs:?}");
    assert_eq!(
        theirs[0].subject,
        format!("Antwort im Fediverse von {handle} auf „Jazz im Keller“")
    );
    assert!(threads(moderator).await.is_empty());
    // The organisation's members hear of it by mail, once; the moderators do not.
    let link = format!("http://kultur.test/nachrichten/{}", theirs[0].id);
    let mailed: Vec<String> = app
        .mails()
        .into_iter()
        .filter(|m| m.contains(&link))
        .collect();
    assert_eq!(mailed.len(), 1, "{:?}", app.mails());
    assert!(mailed[0].contains("To: olga@example.org"), "{}", mailed[0]);
    assert!(
        !app.mails()
            .iter()
            .any(|m| m.contains("To: mia@example.org")),
        "{:?}",
        app.mails()
    );
    let cookie = app.login("olga@example.org").await;
    let index = app.get_as("/nachrichten", &cookie).await;
    assert!(
        index.has(&format!("{handle} (Fediverse)")),
        "{}",
        index.body
    );
    assert!(index.has("1 ungelesene Nachricht."), "{}", index.body);
    let thread = app
        .get_as(&format!("/nachrichten/{}", theirs[0].id), &cookie)
        .await;
    assert_eq!(thread.status, StatusCode::OK, "{}", thread.body);
    assert!(thread.has("Gibt es noch Karten?"), "{}", thread.body);
    assert!(
        !thread.has("alert(1)") && !thread.has("javascript:"),
        "{}",
        thread.body
    );
    assert!(thread.has(&format!("href=\"{}/@anna/1\"", remote.actor)));
    assert!(thread.has("Antworten Sie dort"));
    assert!(!thread.has("name=\"message\""), "no reply form");
    let answered = app
        .post(
            &format!("/nachrichten/{}", theirs[0].id),
            "message=Ja%2C+noch+zehn.",
            Some(&cookie),
        )
        .await;
    assert_eq!(answered.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answered.has("beantworten Sie dort"));
    // Never public.
    assert!(
        !app.get(&format!("/veranstaltungen/{slug}"))
            .await
            .has("Gibt es noch Karten")
    );

    // A mention of a Sparte goes to the moderators.
    let mention = create(
        &remote,
        2,
        json!({
            "content": "<p>@musik Was ist los am Wochenende?</p>",
            "tag": [{ "type": "Mention", "href": "http://kultur.test/sparten/musik", "name": "@musik@kultur.test" }],
            "to": ["http://kultur.test/sparten/musik"],
        }),
    );
    assert_eq!(
        app.request(post(mention)).await.status,
        StatusCode::ACCEPTED
    );
    let mods = threads(moderator).await;
    assert_eq!(mods.len(), 1, "{mods:?}");
    assert_eq!(
        mods[0].subject,
        format!("Erwähnung im Fediverse von {handle}")
    );
    assert_eq!(threads(owner).await.len(), 1);

    // About nobody here: dropped. Long: bounded.
    let elsewhere = create(
        &remote,
        3,
        json!({ "content": "<p>Schönes Wetter.</p>", "to": ["https://www.w3.org/ns/activitystreams#Public"] }),
    );
    assert_eq!(
        app.request(post(elsewhere)).await.status,
        StatusCode::ACCEPTED
    );
    let long = create(
        &remote,
        4,
        json!({
            "content": format!("<p>{}</p>", "Jazz! ".repeat(20_000)),
            "cc": ["http://kultur.test/kulturszene/jazzkeller"],
        }),
    );
    assert_eq!(app.request(post(long)).await.status, StatusCode::ACCEPTED);
    let theirs = threads(owner).await;
    assert_eq!(theirs.len(), 2, "{theirs:?}");
    assert_eq!(threads(moderator).await.len(), 1);
    let stored = messages::messages_of(&app.state.db, theirs[0].id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stored[0].body.chars().count() <= 20_100,
        "{}",
        stored[0].body.len()
    );

    // In somebody else's name, or unsigned: refused.
    let forged = create(
        &remote,
        5,
        json!({ "attributedTo": "http://elsewhere.example/users/bert", "cc": ["http://kultur.test/kulturszene/jazzkeller"] }),
    );
    assert_eq!(
        app.request(post(forged)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let unsigned = axum::http::Request::post("/ap/inbox")
        .header("content-type", "application/activity+json")
        .body(axum::body::Body::from(create(
            &remote,
            6,
            json!({ "cc": ["http://kultur.test/"] }),
        )))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.request(unsigned).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(threads(owner).await.len(), 2);
    assert_eq!(threads(moderator).await.len(), 1);
}
