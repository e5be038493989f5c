//! The social-media desk: a post needs a second editor (the author cannot approve it,
//! an unapproved post never goes out); at its planned time it reaches the portal's
//! followers as one `Note`, also when two instances try at once; the download channels
//! wait in „bereit zum Posten“ until marked posted; texts over a channel's limit are
//! refused in German with the text kept; the pictures have their formats, and
//! organisations download them only for their own events.

use crate::fediverse::{Remote, activity_get, public_key, signed_by};
use crate::magazine::desk;
use crate::support::{NOW, TestApp, local, loopback_allowed, png};
use axum::http::StatusCode;
use kulturportal::clock::FixedClock;
use kulturportal::db::{Db, event_details, images};
use kulturportal::jobs::Worker;
use kulturportal::media::social::Format;
use kulturportal::media::{self, Limits};
use std::sync::Arc;

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The desk's form: the event, the fediverse and Bluesky texts, hashtags, the time.
fn post_form(slug: &str, fediverse: &str, bluesky: &str, tags: &str, day: &str) -> String {
    format!(
        "ziel={}&text_fediverse={}&text_bluesky={}&hashtags={}&datum={day}&uhrzeit=18%3A00",
        enc(&format!("/veranstaltungen/{slug}")),
        enc(fediverse),
        enc(bluesky),
        enc(tags),
    )
}

/// Writes a post as `cookie` and gives it to review; returns its id.
async fn write_and_submit(app: &TestApp, cookie: &str, form: &str) -> i64 {
    let created = app.post("/redaktion/sozial/neu", form, Some(cookie)).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = created
        .location()
        .trim_start_matches("/redaktion/sozial/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no post: {}", created.location()));
    let sent = app
        .post(
            &format!("/redaktion/sozial/{id}/einreichen"),
            "",
            Some(cookie),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    id
}

fn set_clock(app: &mut TestApp, when: &str) {
    app.state.clock = Arc::new(FixedClock(local(when)));
    app.rebuild_router();
}

/// A post written straight into the database (the authorisation matrix needs posts in
/// every state): about `event`, by `author`, a Fediverse and a Bluesky text, planned a
/// day after `now`.
pub async fn post_in(db: &Db, event: i64, state: &str, author: i64, now: i64) -> i64 {
    let (id,): (i64,) = db
        .fetch_one(
            "INSERT INTO social_posts (event_id, state, hashtags, planned_at, created_by, created_at, updated_at) \
             VALUES ($1, $2, 'Kultur', $3, $4, 0, 0) RETURNING id",
            &[event.into(), state.into(), (now + 86_400).into(), author.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for channel in ["fediverse", "bluesky"] {
        db.fetch_all::<(i64,)>(
            "INSERT INTO social_post_texts (post_id, channel, body) VALUES ($1, $2, 'Hallo') RETURNING post_id",
            &[id.into(), channel.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
    id
}

#[tokio::test]
async fn a_post_needs_a_second_editor_and_reaches_followers_once_at_its_time() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let remote = Remote::start().await;
    let follow = remote.follow("http://kultur.test/", 1);
    let r = app
        .request(remote.signed("/ap/inbox", &follow, None, local(NOW)))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let venue = app.venue("rotunde", "mitte", true).await;
    let slug = app
        .event("Jazz im Keller")
        .sparte("musik")
        .venue(venue)
        .on("2026-12-12 19:30")
        .create()
        .await;
    let desk = desk(&app).await;
    // Members who do not edit the magazine have no desk.
    app.user("leser@example.org", "member").await;
    let reader = app.login("leser@example.org").await;
    assert_eq!(
        app.get_as("/redaktion/sozial", &reader).await.status,
        StatusCode::FORBIDDEN
    );
    let id = write_and_submit(
        &app,
        &desk.first,
        &post_form(
            &slug,
            "Heute Abend: Jazz im Keller.\n\nDrei Sets, freier Eintritt.",
            "Jazz im Keller – kommt vorbei!",
            "#Jazz, Bochum",
            "2026-12-10",
        ),
    )
    .await;
    // Its writer cannot approve it.
    let own = app
        .post(
            &format!("/redaktion/sozial/{id}/freigeben"),
            "",
            Some(&desk.first),
        )
        .await;
    assert_eq!(own.status, StatusCode::BAD_REQUEST, "{}", own.body);
    assert!(
        own.has("Niemand gibt den eigenen Beitrag frei"),
        "{}",
        own.body
    );
    let page = app
        .get_as(&format!("/redaktion/sozial/{id}"), &desk.first)
        .await;
    assert!(page.has("zur Freigabe"), "{}", page.body);
    assert!(
        page.has("Dieser Beitrag ist von Ihnen: Freigeben muss ihn jemand anderes"),
        "{}",
        page.body
    );
    // Another post stays in review although its time passes first.
    write_and_submit(
        &app,
        &desk.first,
        &post_form(&slug, "Nie freigegeben.", "", "", "2026-12-09"),
    )
    .await;
    let approved = app
        .post(
            &format!("/redaktion/sozial/{id}/freigeben"),
            "",
            Some(&desk.second),
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    let page = app
        .get_as(&format!("/redaktion/sozial/{id}"), &desk.second)
        .await;
    assert!(page.has("freigegeben, geplant"), "{}", page.body);
    let sent = |remote: &Remote| {
        remote
            .received()
            .into_iter()
            .filter(|(_, _, a)| a["type"] != "Accept")
            .collect::<Vec<_>>()
    };
    assert!(sent(&remote).is_empty(), "nothing before its time");

    // Its time comes; two instances look for due posts and run the queue at once.
    app.state.jobs.hold();
    set_clock(&mut app, "2026-12-10 18:00");
    let svc = app.state.services();
    let due = kulturportal::service::social::publish_due;
    let (a, b) = tokio::join!(due(&svc), due(&svc));
    let published = a.unwrap_or_else(|e| panic!("{e}")) + b.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(published, 1, "the approved post only, once");
    let (eins, zwei) = (Worker::new("eins"), Worker::new("zwei"));
    for _ in 0..2 {
        let (one, two) = tokio::join!(eins.run_due(&svc), zwei.run_due(&svc));
        one.unwrap_or_else(|e| panic!("{e}"));
        two.unwrap_or_else(|e| panic!("{e}"));
    }
    let got = sent(&remote);
    assert_eq!(got.len(), 1, "{got:?}");
    let (path, headers, activity) = &got[0];
    let pem = public_key(&app, "/").await;
    assert!(signed_by(&pem, path, headers), "{activity}");
    assert_eq!(activity["type"], "Create");
    assert_eq!(activity["actor"], "http://kultur.test/");
    let note = &activity["object"];
    assert_eq!(note["type"], "Note", "{note}");
    let content = note["content"].as_str().unwrap_or_default();
    assert!(
        content.contains("<p>Heute Abend: Jazz im Keller.</p><p>Drei Sets, freier Eintritt.</p>"),
        "{content}"
    );
    assert!(
        content.contains(&format!("http://kultur.test/veranstaltungen/{slug}\"")),
        "{content}"
    );
    let tags: Vec<&str> = note["tag"]
        .as_array()
        .map(|t| t.iter().filter_map(|t| t["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(tags, ["#Jazz", "#Bochum"], "{note}");
    assert_eq!(note["tag"][0]["type"], "Hashtag");
    let picture = &note["attachment"][0];
    assert_eq!(picture["mediaType"], "image/jpeg");
    let alt = picture["name"].as_str().unwrap_or_default();
    assert!(
        alt.contains("„Jazz im Keller“ – Sa., 12. Dezember, 19:30 Uhr"),
        "{alt}"
    );
    let url = picture["url"].as_str().unwrap_or_default();
    assert!(
        url.starts_with("http://kultur.test/medien/sozial/veranstaltung/"),
        "{url}"
    );
    let bytes = app
        .bytes(url.trim_start_matches("http://kultur.test"))
        .await;
    let image = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{url}: {e}"));
    assert_eq!((image.width(), image.height()), (1080, 1080));
    assert!(
        got.iter()
            .all(|(_, _, a)| !a.to_string().contains("Nie freigegeben")),
        "the post in review never goes out"
    );
    // The Note's id answers with the Note; a post in review has none.
    let fetched = app.request(activity_get(&format!("/ap/sozial/{id}"))).await;
    assert_eq!(fetched.status, StatusCode::OK, "{}", fetched.body);
    assert_eq!(fetched.json()["id"], note["id"]);
    assert_eq!(fetched.json()["type"], "Note");
    let unapproved = app
        .request(activity_get(&format!("/ap/sozial/{}", id + 1)))
        .await;
    assert_eq!(unapproved.status, StatusCode::NOT_FOUND);

    // Bluesky has no open interface: the post waits in „bereit zum Posten“.
    let ready = app.get_as("/redaktion/sozial/bereit", &desk.second).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert!(
        ready.has(&format!(
            "Jazz im Keller – kommt vorbei!\n\nhttp://kultur.test/veranstaltungen/{slug}\n\n#Jazz #Bochum"
        )),
        "{}",
        ready.body
    );
    assert!(ready.has(&format!("/redaktion/sozial/{id}/bild/story.jpg")));
    let posted = app
        .post(
            &format!("/redaktion/sozial/{id}/gepostet/bluesky"),
            "",
            Some(&desk.second),
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let ready = app.get_as("/redaktion/sozial/bereit", &desk.second).await;
    assert!(!ready.has("kommt vorbei"), "{}", ready.body);
    assert!(ready.has("Zurzeit wartet nichts."), "{}", ready.body);
    let list = app.get_as("/redaktion/sozial", &desk.first).await;
    assert!(
        list.has("veröffentlicht") && list.has("zur Freigabe"),
        "{}",
        list.body
    );
}

#[tokio::test]
async fn a_text_over_the_channels_limit_is_refused_in_german_and_kept() {
    let app = TestApp::new().await;
    let slug = app
        .event("Lesung im Park")
        .sparte("literatur")
        .on("2026-12-12 19:30")
        .create()
        .await;
    let desk = desk(&app).await;
    // 280 characters, a link (23) and a blank line: 305 of Bluesky's 300.
    let long = "ä".repeat(280);
    let page = app
        .post(
            "/redaktion/sozial/neu",
            &post_form(&slug, "Kurz.", &long, "", "2026-12-10"),
            Some(&desk.first),
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.has("Der Text für Bluesky ist 5 Zeichen zu lang: höchstens 300 Zeichen mit Link und Hashtags."),
        "{}",
        page.body
    );
    assert!(page.has(&long), "the typed text stays");
    assert!(page.has("5 Zeichen zu viel"), "{}", page.body);
    assert!(
        page.has("noch 470 Zeichen"),
        "Kurz. on the fediverse: {}",
        page.body
    );
    let rows: Vec<(i64,)> = app
        .state
        .db
        .fetch_all("SELECT id FROM social_posts", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(rows.is_empty());
}

/// Stores a picture through the media pipeline; returns the variants JSON.
async fn stored(app: &TestApp) -> String {
    let bytes = png(1600, 900);
    let processed = media::process(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    let stored = media::store_processed(app.state.media.as_ref(), &bytes, &processed)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let list: Vec<serde_json::Value> = stored
        .iter()
        .map(|v| serde_json::json!({ "key": v.key.as_str(), "width": v.width, "height": v.height }))
        .collect();
    serde_json::Value::Array(list).to_string()
}

#[tokio::test]
async fn organisations_download_the_pictures_of_their_own_events_only() {
    let app = TestApp::new().await;
    let ours = app.org("ensemble-a", "Ensemble A").await;
    let theirs = app.org("ensemble-b", "Ensemble B").await;
    let a = app.user("a@example.org", "member").await;
    app.member(ours, a, "editor").await;
    let b = app.user("b@example.org", "member").await;
    app.member(theirs, b, "owner").await;
    let slug = app
        .event("Die Weiße Rose")
        .sparte("theater")
        .organizer(ours)
        .on("2026-12-12 19:30")
        .create()
        .await;
    let id = event_details::published_id_by_slug(&app.state.db, &slug)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no event"));
    let variants = stored(&app).await;
    images::add(
        &app.state.db,
        id,
        images::NewImage {
            alt: "Das Ensemble auf der Bühne",
            credit: "Foto: Test",
            width: 1600,
            height: 900,
            variants,
        },
        None,
        0,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let made = kulturportal::web::social::cards::event_card(&app.state.db, id, Format::Story)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no card"));
    assert!(
        made.card.photo.is_some(),
        "cut from the event's own picture"
    );
    assert_eq!(made.card.date, "Sa., 12. Dezember, 19:30 Uhr");
    assert!(
        made.alt
            .ends_with("Im Hintergrund: Das Ensemble auf der Bühne."),
        "{}",
        made.alt
    );

    let cookie_a = app.login("a@example.org").await;
    let cookie_b = app.login("b@example.org").await;
    let page = app
        .get_as("/mein-bereich/organisationen/ensemble-a", &cookie_a)
        .await;
    assert!(page.has("Bilder für soziale Medien"), "{}", page.body);
    let url = |org: &str, format: &str| {
        format!("/mein-bereich/organisationen/{org}/veranstaltungen/{id}/bild/{format}.jpg")
    };
    assert!(page.has(&url("ensemble-a", "quadrat")), "{}", page.body);
    for (format, size) in [("quadrat", (1080, 1080)), ("story", (1080, 1920))] {
        let (status, headers, bytes) = app.bytes_as(&url("ensemble-a", format), &cookie_a).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-type"], "image/jpeg");
        assert_eq!(
            headers["content-disposition"],
            format!("attachment; filename=\"{slug}-{format}.jpg\"").as_str()
        );
        assert_eq!(
            image::guess_format(&bytes).ok(),
            Some(image::ImageFormat::Jpeg)
        );
        let image = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((image.width(), image.height()), size);
    }
    // Another organisation's members get neither the picture nor the event by their own
    // page; nobody without a login does.
    let (status, _, _) = app.bytes_as(&url("ensemble-a", "quadrat"), &cookie_b).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = app.bytes_as(&url("ensemble-b", "quadrat"), &cookie_b).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let anonymous = app.get(&url("ensemble-a", "quadrat")).await;
    assert!(
        anonymous.location().starts_with("/anmelden"),
        "{}",
        anonymous.location()
    );
    let page = app
        .get_as("/mein-bereich/organisationen/ensemble-b", &cookie_b)
        .await;
    assert!(!page.has("Die Weiße Rose"), "{}", page.body);
}
