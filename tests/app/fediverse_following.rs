//! The portal follows calendars elsewhere on the fediverse: an admin follows a Gancio
//! actor by its handle (WebFinger), a signed Follow goes out and the Accept is recorded;
//! its events (Create, Update; Gancio's and Mobilizon's shapes) become one suggestion each
//! in the moderation queue, attributed to it and checked for duplicates when approved;
//! events from actors the portal does not follow, or after the unfollow, are dropped.

use crate::fediverse::{Remote, public_key, signed_by};
use crate::support::{TestApp, local, loopback_allowed};
use axum::http::StatusCode;
use serde_json::{Value, json};

fn event_activity(remote: &Remote, kind: &str, n: u32, object: Value) -> String {
    let mut object = object;
    object["id"] = json!(format!("{}/events/{n}", remote.actor));
    object["type"] = json!("Event");
    object["attributedTo"] = json!(remote.actor);
    json!({
        "@context": ["https://www.w3.org/ns/activitystreams"],
        "id": format!("{}/events/{n}/{kind}/{}", remote.actor, object["name"].as_str().unwrap_or_default().len()),
        "type": kind,
        "actor": remote.actor,
        "object": object,
    })
    .to_string()
}

/// A Gancio event: `location` with the address as a string, HTML content.
fn gancio(name: &str, start: &str) -> Value {
    json!({
        "name": name,
        "startTime": start,
        "endTime": start.replace("T19:00", "T21:00"),
        "location": { "type": "Place", "name": "Kulturcafé am Kanal", "address": "Kanalstraße 5, 44787 Bochum" },
        "content": "<p>Eine Lesung &amp; Gespräch.</p>",
        "url": "https://gancio.example/event/lesung",
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
    })
}

async fn count(app: &TestApp, title: &str) -> i64 {
    let (n,): (i64,) = app
        .state
        .db
        .fetch_one(
            "SELECT COUNT(*) FROM events WHERE title LIKE $1",
            &[format!("{title}%").as_str().into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    n
}

#[tokio::test]
async fn followed_calendars_send_suggestions_to_the_moderation_queue() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let remote = Remote::start().await;
    let host = kulturportal::fediverse::remote_host(&remote.actor);
    let now = local(crate::support::NOW);
    app.user("ada@example.org", "admin").await;
    app.user("mia@example.org", "moderator").await;
    let admin = app.login("ada@example.org").await;
    let moderator = app.login("mia@example.org").await;
    let musik = app.sparte_id("musik");

    // Admins only.
    assert_eq!(
        app.get_as("/verwaltung/fediverse", &moderator).await.status,
        StatusCode::FORBIDDEN
    );
    let by_moderator = app
        .post(
            "/verwaltung/fediverse",
            &format!("konto=%40anna%40{host}&sparte={musik}"),
            Some(&moderator),
        )
        .await;
    assert_eq!(by_moderator.status, StatusCode::FORBIDDEN);
    // What cannot be followed is said next to the field, and what was typed stays.
    let unknown = app
        .post(
            "/verwaltung/fediverse",
            &format!("konto=kein+konto&sparte={musik}"),
            Some(&admin),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown.has("Dieses Konto wurde nicht gefunden.") && unknown.has("value=\"kein konto\""),
        "{}",
        unknown.body
    );
    let no_sparte = app
        .post(
            "/verwaltung/fediverse",
            &format!("konto=%40anna%40{host}&sparte="),
            Some(&admin),
        )
        .await;
    assert_eq!(no_sparte.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_sparte.has("Bitte eine Sparte wählen."));
    assert!(remote.received().is_empty(), "nothing followed yet");

    // Following by handle: WebFinger, then a Follow signed by the portal.
    let followed = app
        .post(
            "/verwaltung/fediverse",
            &format!("konto=%40anna%40{host}&sparte={musik}"),
            Some(&admin),
        )
        .await;
    assert_eq!(
        followed.location(),
        "/verwaltung/fediverse",
        "{}",
        followed.body
    );
    let got = remote.received();
    let (path, headers, follow) = got
        .iter()
        .find(|(_, _, a)| a["type"] == "Follow")
        .unwrap_or_else(|| panic!("no Follow: {got:?}"));
    assert_eq!(follow["actor"], "http://kultur.test/");
    assert_eq!(follow["object"], remote.actor.as_str());
    assert!(signed_by(&public_key(&app, "/").await, path, headers));
    let page = app.get_as("/verwaltung/fediverse", &admin).await;
    assert!(
        page.has(&format!("@anna@{host}")) && page.has("wartet auf Bestätigung"),
        "{}",
        page.body
    );

    // The Accept is recorded.
    let accept = json!({
        "id": format!("{}/accepts/1", remote.actor),
        "type": "Accept",
        "actor": remote.actor,
        "object": follow.clone(),
    })
    .to_string();
    let r = app
        .request(remote.signed("/ap/inbox", &accept, None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    assert!(
        app.get_as("/verwaltung/fediverse", &admin)
            .await
            .has("bestätigt")
    );

    // Its event is a suggestion, once, changed by its Update while it waits.
    let create = event_activity(
        &remote,
        "Create",
        1,
        gancio("Lesung am Kanal", "2026-12-10T19:00:00+01:00"),
    );
    for _ in 0..2 {
        let r = app
            .request(remote.signed("/ap/inbox", &create, None, now))
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    }
    assert_eq!(count(&app, "Lesung am Kanal").await, 1);
    let queue = app.get_as("/moderation", &moderator).await;
    assert!(queue.has("Lesung am Kanal"), "{}", queue.body);
    assert!(
        !app.get("/veranstaltungen").await.has("Lesung am Kanal"),
        "not public"
    );
    let update = event_activity(
        &remote,
        "Update",
        1,
        gancio("Lesung am Kanal mit Musik", "2026-12-10T19:00:00+01:00"),
    );
    let r = app
        .request(remote.signed("/ap/inbox", &update, None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    assert_eq!(count(&app, "Lesung am Kanal").await, 1);
    assert_eq!(count(&app, "Lesung am Kanal mit Musik").await, 1);
    let (id, description, submitter, location): (i64, String, String, String) = app
        .state
        .db
        .fetch_one(
            "SELECT id, description, submitter_name, location_text FROM events WHERE title = 'Lesung am Kanal mit Musik'",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        description.starts_with("Eine Lesung & Gespräch."),
        "{description}"
    );
    assert!(
        description.contains("Quelle: https://gancio.example/event/lesung"),
        "{description}"
    );
    assert!(
        description.contains(&format!("@anna@{host}")),
        "{description}"
    );
    assert_eq!(submitter, format!("Fediverse: @anna@{host}"));
    assert_eq!(location, "Kulturcafé am Kanal, Kanalstraße 5, 44787 Bochum");

    // Deleted at its source while it waits, a suggestion is withdrawn from the queue.
    let other = event_activity(
        &remote,
        "Create",
        3,
        gancio("Lesung im Hafen", "2026-12-11T19:00:00+01:00"),
    );
    let r = app
        .request(remote.signed("/ap/inbox", &other, None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    assert!(
        app.get_as("/moderation", &moderator)
            .await
            .has("Lesung im Hafen")
    );
    let delete = |n: u32| {
        json!({
            "id": format!("{}/events/{n}/delete", remote.actor),
            "type": "Delete",
            "actor": remote.actor,
            "object": { "id": format!("{}/events/{n}", remote.actor), "type": "Tombstone" },
        })
        .to_string()
    };
    let r = app
        .request(remote.signed("/ap/inbox", &delete(3), None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let queue = app.get_as("/moderation", &moderator).await;
    assert!(!queue.has("Lesung im Hafen"), "{}", queue.body);
    assert!(queue.has("Lesung am Kanal mit Musik"), "{}", queue.body);

    // Approved, it is checked for duplicates like any other source: the same evening at
    // the same place already came from elsewhere.
    let slug = app
        .event("Lesung am Kanal mit Musik")
        .sparte("musik")
        .on("2026-12-10 19:00")
        .create()
        .await;
    assert!(!slug.is_empty());
    let _: Vec<(i64,)> = app
        .state
        .db
        .fetch_all(
            "UPDATE events SET location_text = 'Kulturcafé am Kanal, Kanalstraße 5, 44787 Bochum', venue_id = NULL WHERE slug = $1 RETURNING id",
            &[slug.as_str().into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let approved = app
        .post(
            &format!("/moderation/veranstaltungen/{id}/freigeben"),
            "",
            Some(&moderator),
        )
        .await;
    assert!(approved.status.is_redirection(), "{}", approved.body);
    let queue = app.get_as("/moderation", &moderator).await;
    assert!(
        queue.has("aus einem Kalender im Fediverse"),
        "{}",
        queue.body
    );

    // An accepted event stays when its source deletes it; the protocol notes it.
    let r = app
        .request(remote.signed("/ap/inbox", &delete(1), None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let (status,): (String,) = app
        .state
        .db
        .fetch_one("SELECT status FROM events WHERE id = $1", &[id.into()])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status, "published");
    let log = app.get_as("/moderation/protokoll", &admin).await;
    assert!(
        log.has("Der Vorschlag „Lesung im Hafen“ aus dem Fediverse wurde zurückgezogen")
            || log.has("Der Vorschlag Lesung im Hafen aus dem Fediverse wurde zurückgezogen"),
        "{}",
        log.body
    );
    assert!(
        log.has("an der Quelle im Fediverse gelöscht; die angenommene Veranstaltung bleibt"),
        "{}",
        log.body
    );

    // An actor the portal does not follow is not heard.
    let stranger = Remote::start().await;
    let theirs = event_activity(
        &stranger,
        "Create",
        7,
        gancio("Fremde Lesung", "2026-12-11T19:00:00+01:00"),
    );
    let r = app
        .request(stranger.signed("/ap/inbox", &theirs, None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    assert_eq!(count(&app, "Fremde Lesung").await, 0);

    // Unfollowing sends Undo(Follow); later events are dropped.
    let row = kulturportal::db::fedi_following::by_actor(&app.state.db, &remote.actor)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|f| f.id)
        .unwrap_or_default();
    let stopped = app
        .post(
            &format!("/verwaltung/fediverse/{row}/entfolgen"),
            "",
            Some(&admin),
        )
        .await;
    assert_eq!(stopped.location(), "/verwaltung/fediverse");
    let undo = remote
        .received()
        .into_iter()
        .find(|(_, _, a)| a["type"] == "Undo")
        .map(|(_, _, a)| a)
        .unwrap_or_else(|| panic!("no Undo"));
    assert_eq!(undo["object"]["type"], "Follow");
    assert_eq!(undo["object"]["id"], follow["id"]);
    let later = event_activity(
        &remote,
        "Create",
        2,
        gancio("Späte Lesung", "2026-12-12T19:00:00+01:00"),
    );
    let r = app
        .request(remote.signed("/ap/inbox", &later, None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(count(&app, "Späte Lesung").await, 0);
    assert!(
        app.get_as("/verwaltung/fediverse", &admin)
            .await
            .has("Das Portal folgt noch keinem Kalender.")
    );
    let log = app
        .get_as("/moderation/protokoll?was=fediverse", &admin)
        .await;
    assert!(
        log.has(&format!(
            "ada@example.org lässt das Portal @anna@{host} im Fediverse folgen."
        )),
        "{}",
        log.body
    );
    assert_eq!(
        app.post("/verwaltung/fediverse/999999/entfolgen", "", Some(&admin))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
