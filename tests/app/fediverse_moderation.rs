//! The moderators' fediverse page: followers per actor with their instance, removing one
//! (its server gets a signed `Reject`), blocking an instance with a reason (its followers
//! go, its follows are refused) and lifting the block; each action a sentence in the
//! protocol; bad input is a 422 that keeps what was typed.

use crate::fediverse::{Remote, followers, public_key, signed_by};
use crate::support::{TestApp, local, loopback_allowed};
use axum::http::StatusCode;
use kulturportal::db::Db;

/// Followers with long addresses and a blocked instance (for the axe and reflow crawls).
pub async fn some_followers(db: &Db) {
    for (n, actor) in ["portal", "sparte:musik", "portal"].iter().enumerate() {
        let address = format!(
            "https://a-very-long-instance-name-for-testing.social.example/users/someone-with-a-rather-long-name-{n}"
        );
        let _: Vec<(i64,)> = db
            .fetch_all(
                "INSERT INTO fedi_followers (actor, follower, inbox, host, follow_id, created_at) \
                 VALUES ($1, $2, 'http://social.example/inbox', 'a-very-long-instance-name-for-testing.social.example', $2, 0) \
                 ON CONFLICT (actor, follower) DO NOTHING RETURNING id",
                &[(*actor).into(), address.as_str().into()],
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let _: Vec<(String,)> = db
        .fetch_all(
            "INSERT INTO fedi_blocked_hosts (host, reason, created_at) \
             VALUES ('spam.example', 'Werbung in Massen', 0) ON CONFLICT (host) DO NOTHING RETURNING host",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn moderators_remove_followers_and_block_and_unblock_instances() {
    let mut app = TestApp::new().await;
    app.state.fetch = loopback_allowed();
    app.rebuild_router();
    app.org("jazzkeller", "Jazzkeller").await;
    let remote = Remote::start().await;
    let host = kulturportal::fediverse::remote_host(&remote.actor);
    let now = local(crate::support::NOW);
    for (n, target) in [
        "http://kultur.test/",
        "http://kultur.test/kulturszene/jazzkeller",
    ]
    .iter()
    .enumerate()
    {
        let r = app
            .request(remote.signed("/ap/inbox", &remote.follow(target, n as u32), None, now))
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    }
    app.user("mia@example.org", "moderator").await;
    app.user("max@example.org", "member").await;
    let moderator = app.login("mia@example.org").await;
    let member = app.login("max@example.org").await;

    assert_eq!(
        app.get_as("/moderation/fediverse", &member).await.status,
        StatusCode::FORBIDDEN
    );
    let page = app.get_as("/moderation/fediverse", &moderator).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.has("2 Konten folgen"), "{}", page.body);
    assert!(page.has("Kulturportal Bochum") && page.has("@kulturportal@kultur.test"));
    assert!(page.has("Jazzkeller") && page.has("@jazzkeller@kultur.test"));
    assert!(page.has(&remote.actor) && page.has(&host));
    assert!(
        app.get_as("/moderation", &moderator)
            .await
            .has("href=\"/moderation/fediverse\"")
    );

    // Removing the portal's follower: gone from the list, its server told.
    let portal_follower = kulturportal::db::fediverse::all_followers(&app.state.db, 10, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|f| f.actor == "portal")
        .map(|f| f.id)
        .unwrap_or_default();
    let removed = app
        .post(
            &format!("/moderation/fediverse/folgende/{portal_follower}/entfernen"),
            "",
            Some(&moderator),
        )
        .await;
    assert_eq!(removed.location(), "/moderation/fediverse");
    assert_eq!(followers(&app, "/ap/portal/followers").await, 0);
    let got = remote.received();
    let (path, headers, reject) = got
        .iter()
        .find(|(_, _, a)| a["type"] == "Reject")
        .unwrap_or_else(|| panic!("no Reject: {got:?}"));
    assert_eq!(reject["actor"], "http://kultur.test/");
    assert_eq!(
        reject["object"]["id"],
        format!("{}/follows/0", remote.actor)
    );
    assert!(signed_by(&public_key(&app, "/").await, path, headers));
    assert_eq!(
        app.post(
            &format!("/moderation/fediverse/folgende/{portal_follower}/entfernen"),
            "",
            Some(&moderator),
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // A block needs a server's name and a reason; what was typed stays.
    let bad = app
        .post(
            "/moderation/fediverse/instanzen/sperren",
            "instanz=kein+server&grund=",
            Some(&moderator),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("Bitte den Namen eines Servers angeben") && bad.has("value=\"kein server\""));
    assert!(bad.has("Bitte einen Grund angeben"));
    let nul = app
        .post(
            "/moderation/fediverse/instanzen/sperren",
            "instanz=a%00.example&grund=x%00y%00z",
            Some(&moderator),
        )
        .await;
    assert!(nul.status.is_client_error(), "{}", nul.status);

    // Blocking the instance (named by an address on it) removes its other follower.
    let blocked = app
        .post(
            "/moderation/fediverse/instanzen/sperren",
            &format!(
                "instanz={}&grund=Belästigung+durch+Bots",
                enc(&remote.actor)
            ),
            Some(&moderator),
        )
        .await;
    assert_eq!(blocked.location(), "/moderation/fediverse");
    assert_eq!(
        followers(&app, "/ap/organisationen/jazzkeller/followers").await,
        0
    );
    let page = app.get_as("/moderation/fediverse", &moderator).await;
    assert!(page.has("Noch folgt niemand."), "{}", page.body);
    assert!(page.has(&host) && page.has("Belästigung durch Bots"));
    let refused = app
        .request(remote.signed(
            "/ap/inbox",
            &remote.follow("http://kultur.test/", 5),
            None,
            now,
        ))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Lifting it lets it follow again.
    let lifted = app
        .post(
            "/moderation/fediverse/instanzen/entsperren",
            &format!("instanz={}", enc(&host)),
            Some(&moderator),
        )
        .await;
    assert_eq!(lifted.location(), "/moderation/fediverse");
    let again = app
        .request(remote.signed(
            "/ap/inbox",
            &remote.follow("http://kultur.test/", 6),
            None,
            now,
        ))
        .await;
    assert_eq!(again.status, StatusCode::ACCEPTED, "{}", again.body);
    assert_eq!(
        app.post(
            "/moderation/fediverse/instanzen/entsperren",
            "instanz=nie-gesperrt.example",
            Some(&moderator),
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Each action is a sentence in the protocol, in both languages.
    let log = app
        .get_as("/moderation/protokoll?was=fediverse", &moderator)
        .await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    for sentence in [
        format!(
            "mia@example.org hat {} als Folgende*n im Fediverse entfernt.",
            remote.actor
        ),
        format!("mia@example.org hat die Instanz {host} im Fediverse gesperrt."),
        format!("mia@example.org hat die Sperre der Instanz {host} im Fediverse aufgehoben."),
    ] {
        assert!(log.has(&sentence), "{sentence}\n{}", log.body);
    }
    assert!(log.has("Belästigung durch Bots"));
    assert!(log.has("3 Einträge"), "{}", log.body);
    let en = app
        .get_as("/en/moderation/protokoll?was=fediverse", &moderator)
        .await;
    assert!(
        en.has(&format!(
            "mia@example.org blocked the instance {host} on the fediverse."
        )),
        "{}",
        en.body
    );
}

/// The followers are listed 50 to a page, with „Weiter“ and „Zurück“.
#[tokio::test]
async fn the_followers_are_listed_fifty_to_a_page() {
    let app = TestApp::new().await;
    for n in 0..55 {
        let address = format!("https://social.example/users/fan-{n:02}");
        let _: Vec<(i64,)> = app
            .state
            .db
            .fetch_all(
                "INSERT INTO fedi_followers (actor, follower, inbox, host, follow_id, created_at) \
                 VALUES ('portal', $1, 'https://social.example/inbox', 'social.example', $1, 0) RETURNING id",
                &[address.as_str().into()],
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    app.user("mia@example.org", "moderator").await;
    let moderator = app.login("mia@example.org").await;
    let rows = |body: &str| body.matches("/entfernen\"").count();

    let first = app.get_as("/moderation/fediverse", &moderator).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.has("55 Konten folgen"), "{}", first.body);
    assert_eq!(rows(&first.body), 50);
    assert!(first.has("fan-00") && !first.has("fan-50"));
    assert!(first.has("href=\"/moderation/fediverse?seite=2\" rel=\"next\">Weiter</a>"));
    assert!(!first.has("Zurück"));

    let second = app
        .get_as("/moderation/fediverse?seite=2", &moderator)
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(rows(&second.body), 5);
    assert!(second.has("fan-54") && !second.has("fan-00"));
    assert!(second.has("href=\"/moderation/fediverse?seite=1\" rel=\"prev\">Zurück</a>"));
    assert!(!second.has(">Weiter</a>"));

    // A page that is not there shows the nearest one, never an error.
    for bad in ["99", "0", "abc"] {
        let r = app
            .get_as(&format!("/moderation/fediverse?seite={bad}"), &moderator)
            .await;
        assert_eq!(r.status, StatusCode::OK, "seite={bad}");
    }
}
