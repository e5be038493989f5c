//! One write path and its outbox: every writer's event has the same after-effects; a
//! crash between the write and the delivery loses nothing; a delivery done twice does no
//! harm; several workers share the queue without doing a job twice.

use crate::support::{TestApp, form_token, multipart_post};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use kulturportal::db::{Db, Tx};
use kulturportal::jobs::Worker;

fn json(method: &str, uri: &str, token: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(body.to_owned()))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn api_event(title: &str, day: &str) -> String {
    format!(
        r#"{{"title":"{title}","categories":["musik"],"location":"Kulturkeller, Rottstraße 5","dates":[{{"start":"{day}T19:30"}}],"price":{{"kind":"free"}}}}"#
    )
}

fn editor_form(org: i64, sparte: i64, title: &str, day: &str) -> String {
    format!(
        "title={}&sparte={sparte}&organisation={org}&venue=&location_text=Kulturkeller%2C+Rottstra%C3%9Fe+5\
         &date_mode=single&date={day}&time=19%3A30&price_kind=free&language=de&action=veroeffentlichen",
        title.replace(' ', "+")
    )
}

fn csv(title: &str) -> String {
    format!(
        "titel;datum;beginn;ort;sparten;preis\n{title};12.12.2026;20:00;Kulturkeller, Rottstraße 5;Musik;frei\n"
    )
}

fn ical(title: &str, uid: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTART;TZID=Europe/Berlin:20261213T180000\r\nSUMMARY:{title}\r\n\
         LOCATION:Kulturkeller\\, Rottstraße 5\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

fn suggestion(title: &str) -> String {
    format!(
        "title={}&sparte=1&venue=&location_text=Hinterhof+Alsenstra%C3%9Fe&date_mode=single&date=2026-12-14\
         &time=17%3A00&price_kind=free&language=de&submitter_name=Chor&submitter_email=chor%40example.org\
         &website=&t={}",
        title.replace(' ', "+"),
        form_token()
    )
}

/// An owner of `slug` with an API token; returns (session cookie, token).
pub async fn owner_with_token(
    app: &TestApp,
    org: i64,
    slug: &str,
    email: &str,
) -> (String, String) {
    let user = app.user(email, "member").await;
    app.member(org, user, "owner").await;
    let cookie = app.login(email).await;
    let page = app
        .post(
            &format!("/mein-bereich/organisationen/{slug}/api-schluessel"),
            "token_name=System",
            Some(&cookie),
        )
        .await;
    let token = page
        .body
        .split("id=\"neuer-schluessel\" type=\"text\" readonly value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert!(token.starts_with("kp_"), "{}", page.body);
    (cookie, token)
}

/// Mails to `to` whose subject line names `subject`.
fn mails_to(app: &TestApp, to: &str, subject: &str) -> usize {
    app.mails()
        .iter()
        .filter(|m| m.contains(&format!("To: {to}")) && m.contains(&format!("Subject: {subject}")))
        .count()
}

#[tokio::test]
async fn every_writer_has_the_same_after_effects() {
    let app = TestApp::new().await;
    app.user("mod@example.org", "moderator").await;
    let org = app
        .org_with("kollektiv-nord", "Kollektiv Nord", false)
        .await;
    let (cookie, token) = owner_with_token(&app, org, "kollektiv-nord", "kim@example.org").await;
    let sparte = app.sparte_id("musik");
    let upload = |file: String| {
        multipart_post(
            "/mein-bereich/organisationen/kollektiv-nord/import",
            "sparte=musik",
            "datei",
            file.as_bytes(),
            &cookie,
        )
    };

    // An organisation not yet verified: whatever way its events come in, they wait for
    // review, and the moderators hear of each of them.
    let editor = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &editor_form(org, sparte, "Editor Abend", "2026-12-10"),
            Some(&cookie),
        )
        .await;
    assert_eq!(editor.status, StatusCode::SEE_OTHER, "{}", editor.body);
    let api = app
        .request(json(
            "POST",
            "/api/v1/events",
            &token,
            &api_event("API Abend", "2026-12-11"),
        ))
        .await;
    assert_eq!(api.status, StatusCode::CREATED, "{}", api.body);
    assert_eq!(api.json()["data"]["status"], "pending");
    let table = app.request(upload(csv("Tabellen Abend"))).await;
    assert!(table.has("1 neu"), "{}", table.body);
    let calendar = app
        .request(upload(ical("Kalender Abend", "k-1@test")))
        .await;
    assert!(calendar.has("1 neu"), "{}", calendar.body);
    let suggested = app
        .post(
            "/veranstaltung-melden",
            &suggestion("Vorschlag Abend"),
            None,
        )
        .await;
    assert_eq!(
        suggested.status,
        StatusCode::SEE_OTHER,
        "{}",
        suggested.body
    );
    for title in [
        "Editor Abend",
        "API Abend",
        "Tabellen Abend",
        "Kalender Abend",
        "Vorschlag Abend",
    ] {
        assert_eq!(
            mails_to(&app, "mod@example.org", &format!("Zur Freigabe: {title}")),
            1,
            "the moderators hear once of „{title}“"
        );
        let q = title.split(' ').next().unwrap_or_default();
        assert!(
            app.get(&format!("/veranstaltungen?q={q}"))
                .await
                .titles()
                .is_empty(),
            "„{title}“ is not public yet"
        );
    }
    let mo = app.login("mod@example.org").await;
    let queue = app.get_as("/moderation", &mo).await;
    for title in [
        "Editor Abend",
        "API Abend",
        "Tabellen Abend",
        "Kalender Abend",
    ] {
        assert!(queue.has(title), "„{title}“ waits in the queue");
    }

    // Verified, the same writers publish at once: the search finds each event before the
    // writer has its answer, and nobody is asked to review.
    let verified = app
        .post(
            &format!("/moderation/organisationen/{org}/verifizieren"),
            "",
            Some(&mo),
        )
        .await;
    assert!(verified.status.is_redirection(), "{}", verified.body);
    let before = app.mails().len();
    app.post(
        "/mein-bereich/veranstaltungen/neu",
        &editor_form(org, sparte, "Editorpremiere", "2026-12-17"),
        Some(&cookie),
    )
    .await;
    app.request(json(
        "POST",
        "/api/v1/events",
        &token,
        &api_event("Apipremiere", "2026-12-18"),
    ))
    .await;
    app.request(upload(csv("Tabellenpremiere"))).await;
    app.request(upload(ical("Kalenderpremiere", "k-2@test")))
        .await;
    for title in [
        "Editorpremiere",
        "Apipremiere",
        "Tabellenpremiere",
        "Kalenderpremiere",
    ] {
        assert_eq!(
            app.get(&format!("/veranstaltungen?q={title}"))
                .await
                .titles(),
            vec![title.to_owned()],
            "„{title}“ is found at once"
        );
    }
    assert_eq!(
        app.mails().len(),
        before,
        "published events ask nobody to review"
    );

    // The same event entered twice, by hand and through the API: the later one is held
    // back as a suspected duplicate, whoever wrote it.
    let twin = app
        .request(json(
            "POST",
            "/api/v1/events",
            &token,
            &api_event("Editorpremiere!", "2026-12-17"),
        ))
        .await;
    assert_eq!(twin.status, StatusCode::CREATED, "{}", twin.body);
    assert_eq!(
        app.get("/veranstaltungen?von=2026-12-17&bis=2026-12-17")
            .await
            .titles(),
        vec!["Editorpremiere".to_owned()],
        "the twin from the API stays out of the list"
    );
    assert!(
        app.get_as("/moderation", &mo).await.has("Editorpremiere!"),
        "moderators see the pair"
    );
}

/// Runs SQL on the test's database (to play a crashed or lagging worker).
async fn sql(db: &Db, statement: &str) {
    let mut tx: Tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    tx.execute(statement, &[])
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
}

async fn job_states(db: &Db) -> Vec<(String, String, i64)> {
    db.fetch_all::<(String, String, i64)>(
        "SELECT consumer, state, attempts FROM jobs ORDER BY id",
        &[],
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn a_crash_between_the_write_and_the_delivery_loses_nothing() {
    let app = TestApp::new().await;
    app.user("mod@example.org", "moderator").await;
    let org = app
        .org_with("kollektiv-nord", "Kollektiv Nord", false)
        .await;
    let (_, token) = owner_with_token(&app, org, "kollektiv-nord", "kim@example.org").await;
    // The workers are slow today: the write commits, its jobs wait.
    app.state.jobs.hold();
    let api = app
        .request(json(
            "POST",
            "/api/v1/events",
            &token,
            &api_event("Nachtkonzert", "2026-12-11"),
        ))
        .await;
    assert_eq!(api.status, StatusCode::CREATED, "{}", api.body);
    assert_eq!(
        mails_to(&app, "mod@example.org", "Zur Freigabe: Nachtkonzert"),
        0
    );
    assert_eq!(
        job_states(&app.state.db).await,
        vec![("notify".to_owned(), "pending".to_owned(), 0)]
    );
    // The portal dies before any worker ran, and starts again.
    let app = app.restart().await;
    let ran = app
        .state
        .jobs
        .run_due(&app.state.services())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ran, 2, "the fan-out and the one moderator's notice");
    assert_eq!(
        mails_to(&app, "mod@example.org", "Zur Freigabe: Nachtkonzert"),
        1
    );

    // A worker that claimed a job and died holds it only until its lease runs out.
    app.state.jobs.hold();
    let second = app
        .request(json(
            "POST",
            "/api/v1/events",
            &token,
            &api_event("Morgenkonzert", "2026-12-12"),
        ))
        .await;
    assert_eq!(second.status, StatusCode::CREATED);
    let now = app.state.clock.now().timestamp();
    let claimed = kulturportal::db::jobs::claim(&app.state.db, "dead-worker", now, now + 300, 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(claimed.len(), 1);
    let svc = app.state.services();
    assert_eq!(
        app.state
            .jobs
            .run_due(&svc)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0,
        "claimed by someone else"
    );
    let later = kulturportal::service::Services {
        clock: std::sync::Arc::new(kulturportal::clock::FixedClock(
            app.state.clock.now() + chrono::Duration::seconds(301),
        )),
        ..svc
    };
    assert_eq!(
        app.state
            .jobs
            .run_due(&later)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        2
    );
    assert_eq!(
        mails_to(&app, "mod@example.org", "Zur Freigabe: Morgenkonzert"),
        1
    );
}

#[tokio::test]
async fn a_delivery_done_twice_does_no_harm() {
    let app = TestApp::new().await;
    let mo = app.user("mod@example.org", "moderator").await;
    let sent = app
        .post("/veranstaltung-melden", &suggestion("Hofkonzert"), None)
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let notices = || async {
        kulturportal::db::notifications::recent(&app.state.db, mo, 50)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .len()
    };
    assert_eq!(notices().await, 1);
    assert_eq!(
        mails_to(&app, "mod@example.org", "Zur Freigabe: Hofkonzert"),
        1
    );
    // Every job runs again, as when a worker finished but died before it could say so.
    sql(
        &app.state.db,
        "UPDATE jobs SET state = 'pending', claimed_until = 0, run_after = 0",
    )
    .await;
    let ran = app
        .state
        .jobs
        .run_due(&app.state.services())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ran, 2);
    assert_eq!(notices().await, 1, "one notice in „Mein Bereich“");
    assert_eq!(
        mails_to(&app, "mod@example.org", "Zur Freigabe: Hofkonzert"),
        1,
        "one mail"
    );
    // The index applies a change again without a second hit.
    let slug = app
        .event("Lichterfest")
        .on("2026-12-12 18:00")
        .create()
        .await;
    let id = kulturportal::db::event_details::id_by_slug(&app.state.db, &slug)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no event"));
    for _ in 0..2 {
        app.state
            .search
            .update(&app.state.db, &[id], 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(
        app.get("/veranstaltungen?q=Lichterfest").await.titles(),
        vec!["Lichterfest"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn several_workers_share_the_queue_without_doing_a_job_twice() {
    use kulturportal::domain::editor::{EditorChoices, parse};
    use kulturportal::domain::event::Wish;
    use kulturportal::domain::form::FormData;
    use kulturportal::service::events::{Author, create};
    let app = TestApp::new().await;
    let a = app.user("mod-a@example.org", "moderator").await;
    let b = app.user("mod-b@example.org", "admin").await;
    app.state.jobs.hold();
    let svc = app.state.services();
    let categories: Vec<i64> = app.state.categories.list().iter().map(|c| c.id).collect();
    let choices = EditorChoices {
        categories: &categories,
        venues: &[],
        organizations: &[],
    };
    const EVENTS: usize = 30;
    for n in 0..EVENTS {
        let form = FormData::from_urlencoded(
            format!(
                "title=Vorschlag+{n}&sparte={}&venue=&location_text=Hinterhof+{n}&date_mode=single\
                 &date=2026-12-{:02}&time=17%3A00&price_kind=free",
                categories[0],
                10 + n % 15
            )
            .as_bytes(),
        );
        let input =
            parse(&form, &choices, app.state.clock.now(), true).unwrap_or_else(|e| panic!("{e:?}"));
        let submitter = kulturportal::db::event_writes::Submitter {
            name: "Nachbarschaft".into(),
            email: format!("n{n}@example.org"),
        };
        create(
            &svc,
            &input,
            Wish::Review,
            &Author::Anonymous(submitter),
            None,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut workers = Vec::new();
    for w in 0..4 {
        let svc = svc.clone();
        workers.push(tokio::spawn(async move {
            Worker::new(&format!("worker-{w}"))
                .run_due(&svc)
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }));
    }
    let mut ran = 0;
    for w in workers {
        ran += w.await.unwrap_or_else(|e| panic!("{e}"));
    }
    // One fan-out per event, one notice per event and moderator.
    assert_eq!(ran, EVENTS * 3);
    let states = job_states(&app.state.db).await;
    assert_eq!(states.len(), EVENTS * 3);
    assert!(
        states
            .iter()
            .all(|(_, s, attempts)| s == "done" && *attempts == 1),
        "every job claimed once: {states:?}"
    );
    for user in [a, b] {
        let notices = kulturportal::db::notifications::recent(&app.state.db, user, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(notices.len(), EVENTS);
    }
    assert_eq!(app.mails().len(), EVENTS * 2);
}
