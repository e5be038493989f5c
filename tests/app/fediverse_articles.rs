//! Magazine articles on the fediverse: the portal's followers get a published article
//! as `Create(Article)`, its correction as `Update`, its withdrawal as `Delete`, each
//! signed by the portal; `/magazin/{slug}` answers ActivityPub requests with the
//! `Article` (a withdrawn one with a `Tombstone` and 410).

use crate::fediverse::{Remote, activity_get, public_key, signed_by};
use crate::magazine::{desk, publish};
use crate::support::{TestApp, local, loopback_allowed};
use axum::http::StatusCode;

#[tokio::test]
async fn articles_go_out_as_articles_and_their_address_answers_activitypub() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let remote = Remote::start().await;
    let now = local(crate::support::NOW);
    let follow = remote.follow("http://kultur.test/", 1);
    let r = app
        .request(remote.signed("/ap/inbox", &follow, None, now))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let desk = desk(&app).await;
    let before = app.get("/ap/portal/outbox").await.json()["totalItems"]
        .as_i64()
        .unwrap_or(-1);
    let id = publish(
        &app,
        &desk,
        "Die Rotunde lebt",
        "portraet",
        "Ein Haus voller **Ideen**.\n[[zitat:Kunst braucht Räume.|Ada]]",
    )
    .await;
    let url = "http://kultur.test/magazin/die-rotunde-lebt";

    let object = app.request(activity_get("/magazin/die-rotunde-lebt")).await;
    assert_eq!(object.status, StatusCode::OK, "{}", object.body);
    let a = object.json();
    assert_eq!(a["type"], "Article");
    assert_eq!(a["id"], url);
    assert_eq!(a["name"], "Die Rotunde lebt");
    assert_eq!(a["summary"], "Ein Vorspann, der neugierig macht.");
    assert_eq!(a["attributedTo"], "http://kultur.test/");
    let content = a["content"].as_str().unwrap_or_default();
    assert!(content.contains("<strong>Ideen</strong>"), "{a}");
    assert!(
        content.contains("<blockquote><p>Kunst braucht Räume.</p>"),
        "{a}"
    );
    assert!(
        a["published"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2026-12-02T"),
        "{a}"
    );
    // Browsers still get the page.
    assert!(app.get("/magazin/die-rotunde-lebt").await.has("<html"));

    // The portal's outbox tells about the article too, first.
    let outbox = app.get("/ap/portal/outbox").await.json();
    assert_eq!(outbox["totalItems"], before + 1, "{outbox}");
    let page = app.get("/ap/portal/outbox?seite=1").await.json();
    let first = &page["orderedItems"][0];
    assert_eq!(first["type"], "Create", "{page}");
    assert_eq!(first["actor"], "http://kultur.test/");
    assert_eq!(first["object"]["type"], "Article");
    assert_eq!(first["object"]["id"], url);

    let note = format!(
        "title=Die+Rotunde+lebt&lead=Ein+Vorspann.&body={}&rubric=portraet&authors=Ada+Muster&note=Der+Name+war+falsch.",
        form_urlencoded::byte_serialize("Ein Haus voller **Pläne**.".as_bytes())
            .collect::<String>()
    );
    let corrected = app
        .post(&format!("/redaktion/{id}"), &note, Some(&desk.second))
        .await;
    assert_eq!(
        corrected.status,
        StatusCode::SEE_OTHER,
        "{}",
        corrected.body
    );
    let withdrawn = app
        .post(
            &format!("/redaktion/{id}/zurueckziehen"),
            "grund=Rechte+am+Bild+fehlen.",
            Some(&desk.first),
        )
        .await;
    assert_eq!(
        withdrawn.status,
        StatusCode::SEE_OTHER,
        "{}",
        withdrawn.body
    );
    let gone = app.request(activity_get("/magazin/die-rotunde-lebt")).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.json()["type"], "Tombstone");
    // Withdrawn, it leaves the outbox.
    let outbox = app.get("/ap/portal/outbox").await.json();
    assert_eq!(outbox["totalItems"], before, "{outbox}");

    let pem = public_key(&app, "/").await;
    let got = remote.received();
    let sent: Vec<_> = got
        .iter()
        .filter(|(_, _, a)| a["type"] != "Accept")
        .collect();
    let kinds: Vec<&str> = sent
        .iter()
        .map(|(_, _, a)| a["type"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds, ["Create", "Update", "Delete"], "{sent:?}");
    for (path, headers, activity) in &sent {
        assert_eq!(activity["actor"], "http://kultur.test/");
        assert!(signed_by(&pem, path, headers), "{activity}");
    }
    assert_eq!(sent[0].2["object"]["type"], "Article");
    assert_eq!(sent[0].2["object"]["name"], "Die Rotunde lebt");
    let update = &sent[1].2["object"];
    assert_eq!(update["type"], "Article");
    let updated = update["content"].as_str().unwrap_or_default();
    assert!(
        updated.contains("Korrektur vom")
            && updated.contains("Der Name war falsch.")
            && updated.contains("Pläne"),
        "{update}"
    );
    assert_eq!(sent[2].2["object"]["type"], "Tombstone");
    assert_eq!(sent[2].2["object"]["id"], url);
}
