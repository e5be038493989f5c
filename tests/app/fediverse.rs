//! The fediverse: WebFinger, NodeInfo and actor documents; pages that answer ActivityPub
//! requests; the inbox refusing what is not signed by its actor; follows answered with a
//! signed Accept; events delivered as Create/Update/Delete to followers, once, also when
//! the portal restarts in the middle.

use crate::api_write::json_request;
use crate::outbox::owner_with_token;
use crate::support::{TestApp, local, loopback_allowed, serve};
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use kulturportal::fediverse::signature;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

pub type Received = Arc<Mutex<Vec<(String, HeaderMap, Bytes)>>>;

/// A fediverse account on another server, played by a small local server: its actor
/// document (with a key made here) and inboxes that keep what they get.
pub struct Remote {
    pub actor: String,
    pub keys: signature::KeyPair,
    pub got: Received,
    /// The requests for the actor document (their headers: signed by the portal?).
    pub fetched: Received,
}

impl Remote {
    pub async fn start() -> Remote {
        let keys = signature::generate().unwrap_or_else(|e| panic!("{e}"));
        let base_cell: Arc<Mutex<String>> = Arc::default();
        let got: Received = Arc::default();
        let (doc_base, doc_pem) = (base_cell.clone(), keys.public_pem.clone());
        let fetched: Received = Arc::default();
        let keep_fetch = fetched.clone();
        let finger_base = base_cell.clone();
        let routes = axum::Router::new()
            .route(
                "/users/anna",
                get(move |headers: HeaderMap| {
                    let base = doc_base.lock().map(|b| b.clone()).unwrap_or_default();
                    let pem = doc_pem.clone();
                    if let Ok(mut f) = keep_fetch.lock() {
                        f.push(("/users/anna".to_owned(), headers, Bytes::new()));
                    }
                    async move {
                        axum::Json(json!({
                            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
                            "id": format!("{base}/users/anna"),
                            "type": "Person",
                            "preferredUsername": "anna",
                            "inbox": format!("{base}/users/anna/inbox"),
                            "endpoints": { "sharedInbox": format!("{base}/inbox") },
                            "publicKey": {
                                "id": format!("{base}/users/anna#main-key"),
                                "owner": format!("{base}/users/anna"),
                                "publicKeyPem": pem,
                            }
                        }))
                    }
                }),
            )
            .route(
                "/.well-known/webfinger",
                get(move || {
                    let base = finger_base.lock().map(|b| b.clone()).unwrap_or_default();
                    async move {
                        axum::Json(json!({
                            "subject": "acct:anna@remote",
                            "links": [{ "rel": "self", "type": "application/activity+json", "href": format!("{base}/users/anna") }],
                        }))
                    }
                }),
            )
            .route("/users/anna/inbox", keeping(&got, "/users/anna/inbox"))
            .route("/inbox", keeping(&got, "/inbox"));
        let base = serve(routes).await;
        if let Ok(mut b) = base_cell.lock() {
            *b = base.clone();
        }
        Remote {
            actor: format!("{base}/users/anna"),
            keys,
            got,
            fetched,
        }
    }

    pub fn received(&self) -> Vec<(String, HeaderMap, Value)> {
        self.got
            .lock()
            .map(|g| g.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|(path, h, b)| (path, h, serde_json::from_slice(&b).unwrap_or(Value::Null)))
            .collect()
    }

    /// A request to the portal's `path`, signed with this account's key (or `pem`).
    pub fn signed(
        &self,
        path: &str,
        body: &str,
        pem: Option<&str>,
        date: DateTime<Utc>,
    ) -> Request<Body> {
        let url =
            url::Url::parse(&format!("http://kultur.test{path}")).unwrap_or_else(|e| panic!("{e}"));
        let headers = signature::signed_headers(
            &format!("{}#main-key", self.actor),
            pem.unwrap_or(&self.keys.private_pem),
            "POST",
            &url,
            Some(body.as_bytes()),
            date,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut r = Request::post(path).header("content-type", "application/activity+json");
        for (name, value) in headers {
            r = r.header(name, value);
        }
        r.body(Body::from(body.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn follow(&self, object: &str, n: u32) -> String {
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{}/follows/{n}", self.actor),
            "type": "Follow",
            "actor": self.actor,
            "object": object,
        })
        .to_string()
    }
}

/// The public key of one of the portal's actors, as servers read it.
pub async fn public_key(app: &TestApp, page: &str) -> String {
    app.request(activity_get(page)).await.json()["publicKey"]["publicKeyPem"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// How many follow an actor (its followers collection's count).
pub async fn followers(app: &TestApp, path: &str) -> Value {
    app.get(path).await.json()["totalItems"].clone()
}

/// The organisation's owner cancels every coming date of an event.
pub async fn cancel(app: &TestApp, id: i64, cookie: &str) {
    let cancelled = app
        .post(
            &format!("/mein-bereich/veranstaltungen/{id}/absagen"),
            "",
            Some(cookie),
        )
        .await;
    assert!(cancelled.status.is_redirection(), "{}", cancelled.body);
}

/// An inbox that keeps what it gets.
fn keeping(got: &Received, path: &'static str) -> axum::routing::MethodRouter {
    let keep = got.clone();
    post(move |headers: HeaderMap, body: Bytes| {
        let keep = keep.clone();
        async move {
            if let Ok(mut g) = keep.lock() {
                g.push((path.to_owned(), headers, body));
            }
            StatusCode::ACCEPTED
        }
    })
}

pub fn activity_get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header("accept", "application/activity+json")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn header(h: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = h
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// Whether a delivery was signed by the portal actor whose public key is `pem`.
pub fn signed_by(pem: &str, path: &str, h: &HeaderMap) -> bool {
    let Some(parsed) = header(h, "signature").and_then(|s| signature::parse(&s)) else {
        return false;
    };
    parsed.headers.iter().any(|c| c == "digest")
        && signature::check(&parsed, "POST", path, &|n| header(h, n), pem)
}

#[tokio::test]
async fn actors_are_found_by_webfinger_and_pages_answer_activitypub() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    app.org("musik", "Musikverein Musik").await;
    let slug = app
        .event("Jazz im Keller")
        .sparte("musik")
        .organizer(org)
        .on("2026-12-05 19:30")
        .create()
        .await;

    let wf = app
        .get("/.well-known/webfinger?resource=acct:jazzkeller@kultur.test")
        .await;
    assert_eq!(wf.status, StatusCode::OK, "{}", wf.body);
    assert_eq!(
        wf.json()["links"][0]["href"],
        "http://kultur.test/kulturszene/jazzkeller"
    );
    let sparte = app
        .get("/.well-known/webfinger?resource=acct%3Amusik%40kultur.test")
        .await;
    assert_eq!(
        sparte.json()["links"][0]["href"],
        "http://kultur.test/sparten/musik"
    );
    let portal = app
        .get("/.well-known/webfinger?resource=acct:kulturportal@kultur.test")
        .await;
    assert_eq!(portal.json()["links"][0]["href"], "http://kultur.test/");
    // The organisation whose slug is a Sparte's gets another handle.
    let colliding = app
        .get("/.well-known/webfinger?resource=acct:musik-org@kultur.test")
        .await;
    assert_eq!(
        colliding.json()["links"][0]["href"],
        "http://kultur.test/kulturszene/musik"
    );
    for missing in [
        "/.well-known/webfinger?resource=acct:niemand@kultur.test",
        "/.well-known/webfinger?resource=acct:jazzkeller@anderswo.example",
    ] {
        assert_eq!(
            app.get(missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    assert_eq!(
        app.get("/.well-known/webfinger").await.status,
        StatusCode::BAD_REQUEST
    );

    let links = app.get("/.well-known/nodeinfo").await.json();
    assert_eq!(links["links"][0]["href"], "http://kultur.test/nodeinfo/2.1");
    let info = app.get("/nodeinfo/2.1").await.json();
    assert_eq!(info["software"]["name"], "kulturportal");
    assert_eq!(info["protocols"][0], "activitypub");
    assert_eq!(info["usage"]["localPosts"], 1);

    // The pages say how to follow them.
    assert!(
        app.get("/kulturszene/musik")
            .await
            .has("<code class=\"handle\">@musik-org@kultur.test</code>")
    );
    assert!(
        app.get("/sparten/musik")
            .await
            .has("<code class=\"handle\">@musik@kultur.test</code>")
    );
    assert!(
        app.get("/en/kulturszene/jazzkeller")
            .await
            .has("Follow on the fediverse")
    );
    // A browser gets the page first; the page cache does not hand it to a server.
    let html = app.get("/kulturszene/jazzkeller").await;
    assert!(html.has("Im Fediverse folgen") && html.has("@jazzkeller@kultur.test"));
    assert!(
        html.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/html")
    );
    let actor = app.request(activity_get("/kulturszene/jazzkeller")).await;
    assert_eq!(actor.status, StatusCode::OK, "{}", actor.body);
    assert!(
        actor.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("application/activity+json")
    );
    let doc = actor.json();
    assert_eq!(doc["id"], "http://kultur.test/kulturszene/jazzkeller");
    assert_eq!(doc["preferredUsername"], "jazzkeller");
    assert_eq!(
        doc["inbox"],
        "http://kultur.test/ap/organisationen/jazzkeller/inbox"
    );
    assert_eq!(
        doc["endpoints"]["sharedInbox"],
        "http://kultur.test/ap/inbox"
    );
    let pem = doc["publicKey"]["publicKeyPem"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(signature::is_public_key(&pem), "{pem}");
    // The key is made once and kept.
    let again = app
        .request(activity_get("/kulturszene/jazzkeller"))
        .await
        .json();
    assert_eq!(again["publicKey"]["publicKeyPem"], pem.as_str());
    let ld = app
        .request(
            Request::get("/sparten/musik")
                .header(
                    "accept",
                    "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
                )
                .body(Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await
        .json();
    assert_eq!(ld["preferredUsername"], "musik");
    assert_eq!(
        app.request(activity_get("/")).await.json()["preferredUsername"],
        "kulturportal"
    );
    assert_eq!(
        app.request(activity_get("/kulturszene/musik")).await.json()["preferredUsername"],
        "musik-org"
    );

    let event = app
        .request(activity_get(&format!("/veranstaltungen/{slug}")))
        .await
        .json();
    assert_eq!(event["type"], "Event");
    assert_eq!(event["name"], "Jazz im Keller");
    assert_eq!(event["startTime"], "2026-12-05T19:30:00+01:00");
    assert_eq!(
        event["attributedTo"],
        "http://kultur.test/kulturszene/jazzkeller"
    );
    assert_eq!(event["tag"][0]["name"], "#Musik");
    assert_eq!(event["ical:status"], "CONFIRMED");
    assert!(
        event["summary"]
            .as_str()
            .unwrap_or_default()
            .contains("Samstag, 5. Dezember 2026, 19:30 Uhr"),
        "{event}"
    );
    assert_eq!(
        app.request(activity_get("/veranstaltungen/gibt-es-nicht"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let outbox = app.get("/ap/organisationen/jazzkeller/outbox").await.json();
    assert_eq!(outbox["totalItems"], 1);
    let first = app
        .get("/ap/organisationen/jazzkeller/outbox?seite=1")
        .await
        .json();
    assert_eq!(first["orderedItems"][0]["type"], "Create");
    assert_eq!(first["orderedItems"][0]["object"]["name"], "Jazz im Keller");
    let boosts = app.get("/ap/sparten/musik/outbox?seite=1").await.json();
    assert_eq!(boosts["orderedItems"][0]["type"], "Announce");
    assert_eq!(
        app.get("/ap/sparten/musik/outbox?seite=abc").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(followers(&app, "/ap/portal/followers").await, 0);
    assert_eq!(
        app.get("/ap/organisationen/niemand/outbox").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_inbox_takes_only_what_its_actor_signed() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    app.org("jazzkeller", "Jazzkeller").await;
    let remote = Remote::start().await;
    let now = local(crate::support::NOW);
    let target = "http://kultur.test/kulturszene/jazzkeller";
    let follow = remote.follow(target, 1);
    let inbox = "/ap/organisationen/jazzkeller/inbox";

    let unsigned = Request::post(inbox)
        .header("content-type", "application/activity+json")
        .body(Body::from(follow.clone()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.request(unsigned).await.status, StatusCode::UNAUTHORIZED);
    let not_json = app
        .request(remote.signed(inbox, "{kein json", None, now))
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    // Signed by another key than the actor's.
    let stranger = signature::generate().unwrap_or_else(|e| panic!("{e}"));
    let forged = app
        .request(remote.signed(inbox, &follow, Some(&stranger.private_pem), now))
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED, "{}", forged.body);
    // A body that is not the one signed.
    let mut swapped = remote.signed(inbox, &follow, None, now);
    *swapped.body_mut() = Body::from(remote.follow(target, 2));
    assert_eq!(app.request(swapped).await.status, StatusCode::UNAUTHORIZED);
    // Too old to be fresh.
    let old = app
        .request(remote.signed(inbox, &follow, None, now - chrono::Duration::hours(3)))
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    // Signed by the account, but in somebody else's name.
    let other = follow.replace("/users/anna\"", "/users/bert\"");
    let impostor = app.request(remote.signed(inbox, &other, None, now)).await;
    assert_eq!(
        impostor.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        impostor.body
    );
    assert_eq!(
        followers(&app, "/ap/organisationen/jazzkeller/followers").await,
        0
    );

    let ok = app.request(remote.signed(inbox, &follow, None, now)).await;
    assert_eq!(ok.status, StatusCode::ACCEPTED, "{}", ok.body);
    assert_eq!(
        followers(&app, "/ap/organisationen/jazzkeller/followers").await,
        1
    );
    // The Accept went out at once, signed by the organisation.
    let pem = public_key(&app, "/kulturszene/jazzkeller").await;
    let got = remote.received();
    assert_eq!(got.len(), 1, "{got:?}");
    let (path, headers, accept) = &got[0];
    assert_eq!(path, "/users/anna/inbox");
    assert_eq!(accept["type"], "Accept");
    assert_eq!(accept["actor"], target);
    assert_eq!(
        accept["object"]["id"],
        format!("{}/follows/1", remote.actor)
    );
    assert!(signed_by(&pem, path, headers), "{headers:?}");
    assert!(!signed_by(&remote.keys.public_pem, path, headers));
    // The portal fetched the account's key with a signed GET (authorized fetch).
    let portal = public_key(&app, "/").await;
    let fetches = remote.fetched.lock().map(|f| f.clone()).unwrap_or_default();
    assert!(!fetches.is_empty());
    for (path, headers, _) in &fetches {
        let parsed = header(headers, "signature")
            .and_then(|s| signature::parse(&s))
            .unwrap_or_else(|| panic!("an unsigned GET: {headers:?}"));
        assert_eq!(parsed.key_id, "http://kultur.test/#main-key");
        assert!(signature::check(
            &parsed,
            "GET",
            path,
            &|n| header(headers, n),
            &portal
        ));
    }

    // Following someone who does not exist is no server error.
    let nobody = app
        .request(remote.signed(
            "/ap/inbox",
            &remote.follow("http://kultur.test/kulturszene/niemand", 3),
            None,
            now,
        ))
        .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);
    let undo = json!({
        "id": format!("{}/undo/1", remote.actor),
        "type": "Undo",
        "actor": remote.actor,
        "object": serde_json::from_str::<Value>(&follow).unwrap_or_default(),
    })
    .to_string();
    let undone = app
        .request(remote.signed("/ap/inbox", &undo, None, now))
        .await;
    assert_eq!(undone.status, StatusCode::ACCEPTED, "{}", undone.body);
    assert_eq!(
        followers(&app, "/ap/organisationen/jazzkeller/followers").await,
        0
    );
}

#[tokio::test]
async fn followers_get_new_changed_cancelled_and_deleted_events_once_across_a_restart() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let (cookie, token) = owner_with_token(&app, org, "jazzkeller", "olga@example.org").await;
    let remote = Remote::start().await;
    let now = local(crate::support::NOW);
    for (n, target) in [
        "http://kultur.test/kulturszene/jazzkeller",
        "http://kultur.test/sparten/musik",
    ]
    .iter()
    .enumerate()
    {
        let r = app
            .request(remote.signed("/ap/inbox", &remote.follow(target, n as u32), None, now))
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    }
    let put = |body: &str| json_request("PUT", "/api/v1/events/external/k-1", Some(&token), body);

    // The portal stops while the delivery is queued: a worker had claimed it and died.
    app.state.jobs.hold();
    let event = r#"{"title":"Jazz im Keller","categories":["musik"],"location":"Kulturkeller","dates":[{"start":"2026-12-05T19:30"}]}"#;
    let created = app.request(put(event)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["data"]["id"].as_i64().unwrap_or_default();
    let t = now.timestamp();
    let claimed = kulturportal::db::jobs::claim(&app.state.db, "died", t, t - 1, 20)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!claimed.is_empty());
    assert_eq!(remote.received().len(), 2, "only the two Accepts so far");
    let app = app.restart().await;
    app.state
        .jobs
        .run_due(&app.state.services())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.state
        .jobs
        .run_due(&app.state.services())
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let changed = event.replace("Jazz im Keller", "Jazz im Keller: Trio Nord");
    assert_eq!(app.request(put(&changed)).await.status, StatusCode::OK);
    cancel(&app, id, &cookie).await;
    let deleted = Request::delete(format!("/api/v1/events/{id}"))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(app.request(deleted).await.status.is_success());

    let pem = public_key(&app, "/kulturszene/jazzkeller").await;
    let got = remote.received();
    let deliveries: Vec<&(String, HeaderMap, Value)> = got.iter().skip(2).collect();
    let kinds: Vec<&str> = deliveries
        .iter()
        .map(|(_, _, a)| a["type"].as_str().unwrap_or_default())
        .collect();
    // The organisation tells once per change (one shared inbox for both follows); the
    // Sparte boosts the new event once.
    assert_eq!(
        kinds,
        ["Create", "Announce", "Update", "Update", "Delete"],
        "{deliveries:?}"
    );
    for (path, headers, a) in &deliveries {
        assert_eq!(path, "/inbox", "the shared inbox");
        if a["type"] != "Announce" {
            assert_eq!(a["actor"], "http://kultur.test/kulturszene/jazzkeller");
            assert!(signed_by(&pem, path, headers), "{a}");
        }
    }
    let create = &deliveries[0].2;
    assert_eq!(create["object"]["name"], "Jazz im Keller");
    assert_eq!(create["object"]["location"]["name"], "Kulturkeller");
    assert_eq!(deliveries[1].2["actor"], "http://kultur.test/sparten/musik");
    assert_eq!(
        deliveries[2].2["object"]["name"],
        "Jazz im Keller: Trio Nord"
    );
    assert_eq!(deliveries[3].2["object"]["ical:status"], "CANCELLED");
    assert!(
        deliveries[3].2["object"]["summary"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Abgesagt")
    );
    assert_eq!(deliveries[4].2["object"]["type"], "Tombstone");
    let ids: std::collections::BTreeSet<&str> = deliveries
        .iter()
        .map(|(_, _, a)| a["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids.len(), 5, "every activity has its own id");
}
