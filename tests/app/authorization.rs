//! The authorisation matrix: every state-changing route × (anonymous, member of another
//! organisation, editor, owner, moderator, admin). Only the right ones succeed. Every POST
//! route of the route table is in the matrix or named in `ELSEWHERE` with where it is
//! tested; a new route fails the test until it is placed.

use crate::support::{Page, TestApp};
use kulturportal::db::{messages, moderation};
use kulturportal::domain::moderation::ReportReason;

/// POST routes whose permission is not a role (open forms, tokens, one's own account, the
/// token-authenticated API, uploads and fetches), tested in the files named.
const ELSEWHERE: &[(&str, &str)] = &[
    (
        "/veranstaltung-melden",
        "anyone suggests an event: editorial.rs",
    ),
    (
        "/veranstaltungen/{slug}/melden",
        "anyone reports an event: editorial.rs",
    ),
    ("/anmelden", "open form: accounts.rs"),
    ("/abmelden", "ends one's own session: accounts.rs"),
    (
        "/mein-bereich/ueberall-abmelden",
        "ends one's own sessions: hardening.rs",
    ),
    ("/registrieren", "open form: accounts.rs"),
    ("/passwort-vergessen", "open form: accounts.rs"),
    (
        "/passwort-zuruecksetzen/{token}",
        "the mailed token is the permission: accounts.rs",
    ),
    (
        "/einladung/{token}",
        "the mailed token is the permission: accounts.rs",
    ),
    (
        "/abbestellen/{token}/{kind}",
        "the mailed token is the permission: member_home.rs",
    ),
    ("/barrierefreiheit", "anyone gives feedback: languages.rs"),
    (
        "/verwaltung/fediverse",
        "admins only; following needs a remote actor on loopback: fediverse_following.rs",
    ),
    (
        "/verwaltung/fediverse/{id}/entfolgen",
        "admins only; needs a followed remote actor: fediverse_following.rs",
    ),
    (
        "/ap/inbox",
        "the HTTP signature of the activity's actor is the permission: fediverse.rs",
    ),
    (
        "/ap/portal/inbox",
        "the HTTP signature of the activity's actor is the permission: fediverse.rs",
    ),
    (
        "/ap/organisationen/{slug}/inbox",
        "the HTTP signature of the activity's actor is the permission: fediverse.rs",
    ),
    (
        "/ap/sparten/{slug}/inbox",
        "the HTTP signature of the activity's actor is the permission: fediverse.rs",
    ),
    (
        "/mein-kulturkalender",
        "anyone saves a selection (no account, no cookie): personal.rs",
    ),
    (
        "/mein-kulturkalender/{token}/folgen",
        "the private link is the permission: personal.rs",
    ),
    (
        "/mein-kulturkalender/{token}/entfernen/{item}",
        "the private link is the permission: personal.rs",
    ),
    (
        "/mein-kulturkalender/{token}/erinnerung/{item}",
        "the private link is the permission: personal.rs",
    ),
    (
        "/mein-kulturkalender/{token}/ersetzen",
        "the private link is the permission: personal.rs",
    ),
    (
        "/mein-kulturkalender/{token}/loeschen",
        "the private link is the permission: personal.rs",
    ),
    (
        "/mein-bereich/kulturkalender/folgen",
        "one's own calendar: personal.rs",
    ),
    (
        "/mein-bereich/kulturkalender/entfernen/{item}",
        "one's own calendar: personal.rs",
    ),
    (
        "/mein-bereich/kulturkalender/erinnerung/{item}",
        "one's own calendar: personal.rs",
    ),
    (
        "/mein-bereich/kulturkalender/ersetzen",
        "one's own calendar: personal.rs",
    ),
    (
        "/mein-bereich/kulturkalender/loeschen",
        "one's own calendar: personal.rs",
    ),
    (
        "/mein-kulturkalender/{token}/e-mail",
        "the private link is the permission: mailings.rs",
    ),
    (
        "/mein-bereich/kulturkalender/e-mail",
        "one's own calendar: personal.rs",
    ),
    ("/newsletter", "open form: newsletter.rs"),
    (
        "/newsletter/bestaetigen/{token}",
        "the mailed token is the permission: mailings.rs",
    ),
    (
        "/newsletter/abbestellen/{token}",
        "the mailed token is the permission (RFC 8058 one-click): mailings.rs",
    ),
    (
        "/newsletter/loeschen/{token}",
        "the mailed token is the permission: mailings.rs",
    ),
    (
        "/mein-bereich/bestaetigung-senden",
        "one's own account: accounts.rs",
    ),
    (
        "/mein-bereich/konto-loeschen",
        "one's own account: accounts.rs",
    ),
    (
        "/mein-bereich/benachrichtigungen",
        "one's own settings: member_home.rs",
    ),
    ("/mein-bereich/profil", "one's own profile: profiles.rs"),
    (
        "/mein-bereich/planung",
        "reserving for one's organisations: planning.rs",
    ),
    (
        "/mein-bereich/planung/vormerkung/{id}/loeschen",
        "one's organisations' reservations: planning.rs",
    ),
    (
        "/nachrichten/{id}",
        "participants of the thread: platform.rs",
    ),
    (
        "/nachrichten/{id}/blockieren",
        "participants of the thread: platform.rs",
    ),
    (
        "/nachrichten/{id}/melden/{message}",
        "participants of the thread: member_home.rs",
    ),
    (
        "/mein-bereich/organisationen/{slug}/import",
        "multipart upload: import.rs",
    ),
    (
        "/arbeitskreise/{slug}/dateien",
        "multipart upload: groups.rs",
    ),
    (
        "/mein-bereich/organisationen/{slug}/abonnements",
        "fetches the calendar at once: subscriptions.rs",
    ),
    (
        "/mein-bereich/organisationen/{slug}/von-webseite",
        "fetches the page at once: import.rs",
    ),
    (
        "/events",
        "the write API (token, not session): api_write.rs",
    ),
    (
        "/verwaltung/verein/dokumente",
        "multipart upload (admins): verein.rs",
    ),
    (
        "/moderation/transparenz/{id}/widerspruch",
        "only whoever the decision affects: verein.rs",
    ),
    (
        "/magazin/{slug}/kommentare",
        "anyone comments (members under their name, visitors with a confirmed address): magazine_comments.rs",
    ),
    (
        "/magazin/kommentare/{id}/melden",
        "anyone reports a comment: magazine_comments.rs",
    ),
    (
        "/magazin/kommentar/{token}/bestaetigen",
        "the mailed link is the permission: magazine_comments.rs",
    ),
    (
        "/magazin/kommentar/{token}/loeschen",
        "the mailed link is the permission: magazine_comments.rs",
    ),
];

/// The route table's source files (public, and signed-in parts).
pub const ROUTE_TABLES: [&str; 2] = [
    include_str!("../../src/web/mod.rs"),
    include_str!("../../src/web/member_routes.rs"),
];

/// Every POST route of the route table, as written there (`/pinnwand/{id}/melden`).
pub fn post_routes() -> Vec<&'static str> {
    ROUTE_TABLES
        .iter()
        .flat_map(|table| table.split(".route(").skip(1))
        .filter(|call| call.contains("post("))
        .filter_map(|call| call.split('"').nth(1))
        .collect()
}

/// Whether a concrete URI is an instance of a route pattern (`{…}` matches one segment).
fn matches(pattern: &str, uri: &str) -> bool {
    let uri = uri.split('?').next().unwrap_or(uri);
    let (p, u): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), uri.split('/').collect());
    p.len() == u.len()
        && p.iter()
            .zip(&u)
            .all(|(p, u)| p == u || (p.starts_with('{') && p.ends_with('}')))
}

#[test]
fn the_route_list_is_read_from_the_route_table() {
    let routes = post_routes();
    assert!(
        routes.contains(&"/moderation/orte/{id}/freigeben"),
        "{routes:?}"
    );
    assert!(routes.contains(&"/pinnwand/{id}/melden"), "{routes:?}");
    assert!(!routes.contains(&"/pinnwand"), "GET only: {routes:?}");
    assert!(matches("/pinnwand/{id}/melden", "/pinnwand/7/melden"));
    assert!(!matches("/pinnwand/{id}/melden", "/pinnwand/7/loeschen"));
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Anonymous,
    OtherMember,
    Editor,
    Owner,
    Moderator,
    Admin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::OtherMember,
    Who::Editor,
    Who::Owner,
    Who::Moderator,
    Who::Admin,
];

/// Whether the request did what it asked (a redirect after success or a page), as opposed
/// to the login form, 403, or a refusal of the input.
fn succeeded(page: &Page) -> bool {
    let location = page
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    (page.status.is_success() || page.status.is_redirection()) && location != "/anmelden"
}

fn event_form(org: i64, sparte: i64, title: &str) -> String {
    format!(
        "title={title}&sparte={sparte}&organisation={org}&venue=&location_text=Rathausplatz&date_mode=single\
         &date=2026-12-05&time=19%3A30&price_kind=free&language=de&action=veroeffentlichen"
    )
}

/// A guest article of the writer's organisation; `"review"` sends it to review.
async fn guest_article(app: &TestApp, cookie: &str, title: &str, stage: &str) -> i64 {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("title", title)
        .append_pair("lead", "Vorspann.")
        .append_pair("body", "Text.")
        .append_pair("authors", "Gast")
        .finish();
    let page = app.post("/redaktion/neu", &body, Some(cookie)).await;
    let id: i64 = page
        .location()
        .trim_start_matches("/redaktion/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no article: {} {}", page.status, page.body));
    if stage == "review" {
        let sent = app
            .post(&format!("/redaktion/{id}/einreichen"), "", Some(cookie))
            .await;
        assert_eq!(
            sent.status,
            axum::http::StatusCode::SEE_OTHER,
            "{}",
            sent.body
        );
    }
    id
}

#[tokio::test]
async fn every_state_changing_route_admits_only_the_right_roles() {
    use Who::*;
    let app = TestApp::new().await;
    let a = app.org("ensemble-a", "Ensemble A").await;
    let b = app.org_with("ensemble-b", "Ensemble B", false).await;
    let ids = [
        (OtherMember, app.user("other@example.org", "member").await),
        (Editor, app.user("editor@example.org", "member").await),
        (Owner, app.user("owner@example.org", "member").await),
        (Moderator, app.user("mod@example.org", "moderator").await),
        (Admin, app.user("admin@example.org", "admin").await),
    ];
    let id_of = |w: Who| ids.iter().find(|(x, _)| *x == w).map_or(0, |(_, id)| *id);
    app.member(b, id_of(OtherMember), "owner").await;
    app.member(a, id_of(Editor), "editor").await;
    app.member(a, id_of(Owner), "owner").await;
    let sparte = app.state.categories.list()[0].id;
    let mut cookies = Vec::new();
    for (who, email) in [
        (OtherMember, "other@example.org"),
        (Editor, "editor@example.org"),
        (Owner, "owner@example.org"),
        (Moderator, "mod@example.org"),
        (Admin, "admin@example.org"),
    ] {
        cookies.push((who, app.login(email).await));
    }
    let cookie_of = |w: Who| {
        cookies
            .iter()
            .find(|(x, _)| *x == w)
            .map(|(_, c)| c.clone())
    };

    let editors = [Editor, Owner, Moderator, Admin];
    let owners = [Owner, Admin];
    let profile_editors = [Editor, Owner, Admin];
    let moderators = [Moderator, Admin];
    let admins = [Admin];
    let members = [OtherMember, Editor, Owner, Moderator, Admin];
    let mut wrong = Vec::new();
    let mut posted: Vec<String> = Vec::new();
    let db = &app.state.db;
    let house = app.venue("haus-a", "mitte", true).await;
    kulturportal::db::venues::set_keeper(db, house, Some(a), None, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // The editor is a full member of the association; a second member can hold proxies.
    let association_member = |user: i64| async move {
        let a = kulturportal::domain::association::Application {
            kind: kulturportal::domain::association::MemberKind::Person,
            name: format!("Mitglied {user}"),
            category: kulturportal::domain::association::MemberCategory::Full,
            fee_class: kulturportal::domain::association::FeeClass::Reduced,
            listed: false,
        };
        kulturportal::db::association::apply(db, user, &a, 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let admit = |id: i64| async move {
        kulturportal::db::association::set_status(
            db,
            id,
            kulturportal::domain::association::MemberStatus::Member,
            None,
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    };
    admit(association_member(id_of(Editor)).await).await;
    let holder = association_member(app.user("traeger@example.org", "member").await).await;
    admit(holder).await;
    let now = app.state.clock.now().timestamp();
    for (n, who) in EVERYONE.into_iter().enumerate() {
        let cookie = cookie_of(who);
        // Fresh subjects for this person, so that earlier rows cannot change the outcome.
        let slug = app
            .event(&format!("Stück {n}"))
            .organizer(a)
            .on("2026-12-10 20:00")
            .create()
            .await;
        let event = kulturportal::db::event_details::published_id_by_slug(db, &slug)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no event"));
        let draft_slug = app
            .event(&format!("Entwurf {n}"))
            .organizer(b)
            .draft()
            .on("2026-12-11 20:00")
            .create()
            .await;
        let draft = kulturportal::db::event_details::id_by_slug(db, &draft_slug)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no draft"));
        moderation::add_report(db, draft, ReportReason::Wrong, "", 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let report = moderation::open_reports(db)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .last()
            .map_or(0, |r| r.id);
        let application = moderation::apply(db, id_of(OtherMember), Some(a), "", "", "", 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let issue = kulturportal::db::newsletters::create(
            db,
            &kulturportal::db::newsletters::IssueText {
                subject: "Entwurf",
                body: "Text",
                interests: "",
            },
            id_of(Admin),
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let target = id_of(Editor);
        // A closed working group led by the owner; the editor and the moderator ask to join.
        let group = format!("arbeitskreis-{n}");
        app.post(
            "/arbeitskreise",
            &format!("name=Arbeitskreis+{n}&closed=1"),
            cookie_of(Owner).as_deref(),
        )
        .await;
        for asker in [Editor, Moderator] {
            let asked = app
                .post(
                    &format!("/arbeitskreise/{group}/beitreten"),
                    "",
                    cookie_of(asker).as_deref(),
                )
                .await;
            assert_eq!(asked.location(), format!("/arbeitskreise/{group}"));
        }
        let g = kulturportal::db::groups::by_slug(db, &group)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no group {group}"));
        let thread = kulturportal::db::groups::start_thread(
            db,
            g.id,
            "Proben",
            "Wer kommt?",
            false,
            id_of(Owner),
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let file = kulturportal::db::groups::add_file(
            db,
            g.id,
            "plan.txt",
            "text/plain",
            b"Plan".to_vec(),
            id_of(Owner),
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        // A pinboard post of the editor's.
        let written = app
            .post(
                "/pinnwand/neu",
                &format!(
                    "kind=bietet&topic=technik&title=Beamer+{n}+zu+verleihen\
                     &body=Ein+Beamer+mit+Kabeln%2C+ab+sofort+zu+verleihen."
                ),
                cookie_of(Editor).as_deref(),
            )
            .await;
        let post: i64 = written
            .location()
            .trim_start_matches("/pinnwand/")
            .split('?')
            .next()
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("no post: {}", written.location()));
        // A subscribed calendar of organisation A (fetching it fails at once: a loopback
        // address, refused by the fetch policy).
        let feed = format!("http://127.0.0.1:9/kalender-{n}.ics");
        kulturportal::db::subscriptions::add(db, a, &feed, "musik", id_of(Owner), 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let subscription = kulturportal::db::subscriptions::of_organization(db, a)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .find(|s| s.url == feed)
            .map_or(0, |s| s.id);
        let token = kulturportal::db::api_tokens::create(
            db,
            a,
            &format!("Schlüssel {n}"),
            &format!("hash-{n}"),
            id_of(Owner),
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        // Two private messages the editor reported.
        let mut reported = Vec::new();
        for k in 0..2 {
            let thread = messages::start(
                db,
                id_of(OtherMember),
                messages::Recipient::Member(id_of(Editor)),
                &format!("Frage {n}.{k}"),
                "Hallo",
                None,
                0,
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
            let message = messages::messages_of(db, thread)
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .first()
                .map_or(0, |m| m.id);
            messages::report(db, thread, message, id_of(Editor), "unfreundlich", 0)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            reported.push(message);
        }
        let founding = moderation::apply(
            db,
            id_of(OtherMember),
            None,
            &format!("Neue Gruppe {n}"),
            "collective",
            "",
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        // At most five active webhooks: earlier rows' are revoked here.
        let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        tx.execute("UPDATE webhooks SET revoked_at = 0", &[])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
        let hook = kulturportal::db::webhooks::create(
            db,
            a,
            "https://hooks.example.org/",
            "whsec_x",
            id_of(Owner),
            0,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        // The association: applications, a member, an assembly with two motions, an
        // objection to a decision taken by no one who is logged in here.
        let applicant =
            association_member(app.user(&format!("a{n}@example.org"), "member").await).await;
        let refused =
            association_member(app.user(&format!("r{n}@example.org"), "member").await).await;
        let active =
            association_member(app.user(&format!("s{n}@example.org"), "member").await).await;
        admit(active).await;
        let assembly = kulturportal::db::assemblies::convene(
            db,
            "MV",
            now + 30 * 86_400,
            "Ort",
            "TO",
            None,
            now,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let motion = |secret: bool| kulturportal::db::assemblies::NewMotion {
            title: "Antrag",
            body: "",
            secret,
            quorum_percent: 0,
            majority: kulturportal::domain::assembly::Majority::Simple,
            opens_at: now - 10,
            closes_at: now + 86_400,
        };
        let vote = kulturportal::db::assemblies::add_motion(db, assembly, &motion(true), None, now)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let closing =
            kulturportal::db::assemblies::add_motion(db, assembly, &motion(false), None, now)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        let proxies_for = kulturportal::db::assemblies::convene(
            db,
            "MV",
            now + 30 * 86_400,
            "Ort",
            "TO",
            None,
            now,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let mut objections = Vec::new();
        for _ in 0..2 {
            let (decision,): (i64,) = db
                .fetch_one(
                    "INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, details) \
                     VALUES (0, NULL, 'pinboard.hidden', 'pinboard_post', 0, '{}') RETURNING id",
                    &[],
                )
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let objection = kulturportal::db::transparency::object(
                db,
                decision,
                id_of(OtherMember),
                "Bitte noch einmal ansehen.",
                0,
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
            objections.push(objection);
        }
        let dead_job: (i64,) = db
            .fetch_one(
                "INSERT INTO jobs (consumer, target, state, run_after, created_at) \
                 VALUES ('notify', 'nobody', 'dead', 0, 0) RETURNING id",
                &[],
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        // A follower on the fediverse (its inbox is one the portal never posts to).
        let (follower,): (i64,) = db
            .fetch_one(
                "INSERT INTO fedi_followers (actor, follower, inbox, host, follow_id, created_at) \
                 VALUES ('portal', $1, 'http://social.example/inbox', 'social.example', $1, 0) RETURNING id",
                &[format!("https://social.example/users/m{n}").as_str().into()],
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        // Guest articles of organisation A, written by its owner: a draft, two in review,
        // one published (approved by the admin, who edits the magazine).
        let owner = cookie_of(Owner).unwrap_or_default();
        let draft_article = guest_article(&app, &owner, &format!("Entwurf {n}"), "").await;
        let review_article = guest_article(&app, &owner, &format!("Prüfung {n}"), "review").await;
        let returned_article = guest_article(&app, &owner, &format!("Zurück {n}"), "review").await;
        let admin = cookie_of(Admin).unwrap_or_default();
        let public_article =
            guest_article(&app, &owner, &format!("Öffentlich {n}"), "review").await;
        let approved = app
            .post(
                &format!("/redaktion/{public_article}/freigeben"),
                "",
                Some(&admin),
            )
            .await;
        assert_eq!(
            approved.status,
            axum::http::StatusCode::SEE_OTHER,
            "{}",
            approved.body
        );
        // Two readers' comments under it waiting for moderation.
        let mut held = Vec::new();
        for text in ["Erster Kommentar", "Zweiter Kommentar"] {
            let (id,): (i64,) = db
                .fetch_one(
                    "INSERT INTO article_comments (article_id, name, email, body, state, held_for, created_at) \
                     VALUES ($1, 'Gast', 'gast@example.org', $2, 'held', 'first', 0) RETURNING id",
                    &[public_article.into(), text.into()],
                )
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            held.push(id);
        }
        let article_form = format!(
            "title=Artikel+{n}&lead=Vorspann.&body=Text.&rubric=portraet&authors=Ada+Muster"
        );
        // Posts of the social-media desk, written by the editor (the admin, who edits
        // the magazine, may approve them): a draft, two in review, one published.
        let social =
            |state: &'static str| crate::social::post_in(db, event, state, id_of(Editor), now);
        let social_draft = social("draft").await;
        let social_review = social("review").await;
        let social_returned = social("review").await;
        let social_published = social("published").await;
        let social_form = format!(
            "ziel=%2Fveranstaltungen%2F{slug}&text_fediverse=Heute+{n}&datum=2026-12-09&uhrzeit=18%3A00"
        );
        let routes: Vec<(String, String, &[Who])> = vec![
            (
                "/redaktion/sozial/neu".into(),
                social_form.clone(),
                // The magazine's editors (here the admin).
                &admins,
            ),
            (
                format!("/redaktion/sozial/{social_draft}"),
                social_form.clone(),
                &admins,
            ),
            (
                format!("/redaktion/sozial/{social_draft}/einreichen"),
                String::new(),
                &admins,
            ),
            (
                format!("/redaktion/sozial/{social_review}/freigeben"),
                String::new(),
                // An editor who did not write it.
                &admins,
            ),
            (
                format!("/redaktion/sozial/{social_returned}/zurueckgeben"),
                "grund=Bitte+k%C3%BCrzer.".into(),
                &admins,
            ),
            (
                format!("/redaktion/sozial/{social_published}/gepostet/bluesky"),
                String::new(),
                &admins,
            ),
            (
                "/redaktion/neu".into(),
                article_form.clone(),
                // The magazine's editors (here the admin) and members of organisations.
                &[OtherMember, Editor, Owner, Admin],
            ),
            (
                format!("/redaktion/{draft_article}"),
                article_form.clone(),
                // Its writer, its organisation's members and the magazine's editors.
                &[Editor, Owner, Admin],
            ),
            (
                format!("/redaktion/{draft_article}/einreichen"),
                String::new(),
                &[Editor, Owner, Admin],
            ),
            (
                format!("/redaktion/{review_article}/freigeben"),
                String::new(),
                // A magazine editor who is not its author.
                &admins,
            ),
            (
                format!("/redaktion/{returned_article}/zurueckgeben"),
                "note=Bitte+k%C3%BCrzen.".into(),
                &admins,
            ),
            (
                format!("/redaktion/{public_article}/zurueckziehen"),
                "grund=Falsch.".into(),
                &admins,
            ),
            (
                format!("/moderation/kommentare/{}/freigeben", held[0]),
                String::new(),
                &moderators,
            ),
            (
                format!("/moderation/kommentare/{}/entfernen", held[1]),
                String::new(),
                &moderators,
            ),
            (
                format!("/verwaltung/nutzer/{}/magazin", id_of(OtherMember)),
                "magazin=0".into(),
                &admins,
            ),
            (
                "/mein-bereich/organisationen/ensemble-a/webhooks".into(),
                format!("url=https%3A%2F%2Fhooks.example.org%2F{n}"),
                &owners,
            ),
            (
                format!("/mein-bereich/organisationen/ensemble-a/webhooks/{hook}/widerrufen"),
                String::new(),
                &owners,
            ),
            (
                format!("/verwaltung/auftraege/{}/wiederholen", dead_job.0),
                String::new(),
                &admins,
            ),
            (
                "/mein-bereich/veranstaltungen/neu".into(),
                event_form(a, sparte, &format!("Neu+{n}")),
                &editors,
            ),
            (
                format!("/mein-bereich/veranstaltungen/{event}"),
                event_form(a, sparte, &format!("Stück+{n}")),
                &editors,
            ),
            (
                format!("/mein-bereich/veranstaltungen/{event}/verschieben"),
                String::new(),
                &editors,
            ),
            (
                format!("/mein-bereich/veranstaltungen/{event}/absagen"),
                String::new(),
                &editors,
            ),
            (
                format!("/mein-bereich/veranstaltungen/{event}/loeschen"),
                String::new(),
                &editors,
            ),
            (
                "/mein-bereich/organisationen/ensemble-a/daten".into(),
                "name=Ensemble+A&description=&website=&email=&phone=".into(),
                &profile_editors,
            ),
            (
                "/mein-bereich/organisationen/ensemble-a/api-schluessel".into(),
                format!("token_name=Schluessel+{n}"),
                &owners,
            ),
            (
                "/mein-bereich/organisationen/ensemble-a/einladen".into(),
                format!("invite_email=neu{n}%40example.org&role=editor"),
                &owners,
            ),
            (
                format!("/mein-bereich/organisationen/ensemble-a/mitglieder/{target}"),
                "role=editor".into(),
                &owners,
            ),
            (
                format!("/moderation/veranstaltungen/{draft}/ablehnen"),
                "reason=Bitte+genauer+beschreiben.".into(),
                &moderators,
            ),
            (
                format!("/moderation/veranstaltungen/{draft}/freigeben"),
                String::new(),
                &moderators,
            ),
            (
                format!("/moderation/meldungen/{report}/erledigt"),
                String::new(),
                &moderators,
            ),
            (
                format!("/moderation/antraege/{application}/ablehnen"),
                String::new(),
                &moderators,
            ),
            (
                format!("/moderation/organisationen/{b}/verifizieren"),
                String::new(),
                &moderators,
            ),
            (
                format!("/verwaltung/nutzer/{}/rolle", id_of(OtherMember)),
                "role=member".into(),
                &admins,
            ),
            (
                "/verwaltung/sparten".into(),
                format!("name=Sparte+{n}&name_en=Field+{n}"),
                &admins,
            ),
            (
                "/verwaltung/evaluation/finanzen".into(),
                format!("jahr=2026&hosting={n}"),
                &admins,
            ),
            (
                "/verwaltung/newsletter".into(),
                format!("betreff=Ausgabe+{n}&text=Hallo+Bochum"),
                &admins,
            ),
            (
                format!("/verwaltung/newsletter/{issue}"),
                format!("aktion=speichern&betreff=Ausgabe+{n}&text=Neu"),
                &admins,
            ),
            (
                "/mein-bereich/organisation-beantragen".into(),
                "mode=beitreten&organisation=1".into(),
                &members,
            ),
            (
                "/mein-bereich/orte/haus-a".into(),
                format!(
                    "name=Haus+A&street=Teststra%C3%9Fe+{n}&postal_code=44787&district=mitte&access=stufenlos"
                ),
                &editors,
            ),
            (
                "/mein-bereich/organisationen/ensemble-a/logo".into(),
                "remove_logo=1".into(),
                &profile_editors,
            ),
            (
                "/moderation/ortsaenderungen/999999/freigeben".into(),
                String::new(),
                &moderators,
            ),
            (
                format!("/moderation/doppelt/{event}/trennen"),
                String::new(),
                &moderators,
            ),
            (
                "/moderation/pinnwand/999999/behalten".into(),
                String::new(),
                &moderators,
            ),
            (
                "/moderation/pinnwand/999999/ausblenden".into(),
                "reason=Werbung".into(),
                &moderators,
            ),
            (
                format!("/moderation/nachrichten/{}/ausblenden", reported[0]),
                String::new(),
                &moderators,
            ),
            (
                format!("/moderation/nachrichten/{}/behalten", reported[1]),
                String::new(),
                &moderators,
            ),
            (
                "/moderation/orte/999999/freigeben".into(),
                String::new(),
                &moderators,
            ),
            (
                "/moderation/orte/999999/ablehnen".into(),
                String::new(),
                &moderators,
            ),
            (
                "/moderation/ortsaenderungen/999999/ablehnen".into(),
                "reason=Die+Adresse+stimmt+nicht.".into(),
                &moderators,
            ),
            (
                format!("/moderation/doppelt/{event}/bestaetigen"),
                String::new(),
                &moderators,
            ),
            (
                format!("/moderation/antraege/{founding}/annehmen"),
                String::new(),
                &moderators,
            ),
            (
                format!(
                    "/mein-bereich/organisationen/ensemble-a/api-schluessel/{token}/widerrufen"
                ),
                String::new(),
                &owners,
            ),
            (
                format!(
                    "/mein-bereich/organisationen/ensemble-a/abonnements/{subscription}/abrufen"
                ),
                String::new(),
                &profile_editors,
            ),
            (
                format!(
                    "/mein-bereich/organisationen/ensemble-a/abonnements/{subscription}/entfernen"
                ),
                String::new(),
                &profile_editors,
            ),
            (
                "/arbeitskreise".into(),
                format!("name=Neuer+Kreis+{n}"),
                &members,
            ),
            (
                format!("/arbeitskreise/{group}/themen"),
                format!("title=Probenplan+{n}&text=Wer+kommt%3F"),
                &[Owner],
            ),
            (
                format!("/arbeitskreise/{group}/themen/{thread}"),
                "text=Ich+komme.".into(),
                &[Owner],
            ),
            (
                format!("/arbeitskreise/{group}/termine"),
                "meeting_title=Treffen&date=2026-12-20&time=18%3A00&place=Rotunde".into(),
                &[Owner],
            ),
            (
                format!("/arbeitskreise/{group}/dateien/{file}/loeschen"),
                String::new(),
                &[Owner],
            ),
            (
                format!(
                    "/arbeitskreise/{group}/mitglieder/{}/annehmen",
                    id_of(Editor)
                ),
                String::new(),
                &[Owner],
            ),
            (
                format!(
                    "/arbeitskreise/{group}/mitglieder/{}/ablehnen",
                    id_of(Moderator)
                ),
                String::new(),
                &[Owner],
            ),
            (
                format!("/arbeitskreise/{group}/beitreten"),
                String::new(),
                &members,
            ),
            (
                format!("/arbeitskreise/{group}/verlassen"),
                String::new(),
                // The owner leads the group alone, and its last lead cannot leave (groups.rs).
                &[OtherMember, Editor, Moderator, Admin],
            ),
            (
                format!("/pinnwand/{post}/melden"),
                "reason=Doppelt+eingestellt".into(),
                &members,
            ),
            (
                format!("/pinnwand/{post}/antworten"),
                "message=Ist+der+noch+frei%3F".into(),
                // Not the author: a message to oneself is refused.
                &[OtherMember, Owner, Moderator, Admin],
            ),
            (
                format!("/pinnwand/{post}/bearbeiten"),
                format!(
                    "kind=bietet&topic=technik&title=Beamer+{n}+zu+verleihen\
                     &body=Ein+Beamer+mit+Kabeln%2C+ab+morgen+zu+verleihen."
                ),
                &[Editor],
            ),
            (
                format!("/pinnwand/{post}/verlaengern"),
                String::new(),
                &[Editor],
            ),
            (
                format!("/pinnwand/{post}/loeschen"),
                String::new(),
                &[Editor, Moderator, Admin],
            ),
            (
                "/verein/mitglied-werden".into(),
                "art=person&name=Jana+Beispiel&kategorie=ordentlich&beitrag=ermaessigt&satzung=1"
                    .into(),
                &members,
            ),
            ("/verein/austreten".into(), String::new(), &members),
            ("/verein/register/erinnern".into(), String::new(), &admins),
            (
                format!("/verein/register/{applicant}/aufnehmen"),
                String::new(),
                &admins,
            ),
            (
                format!("/verein/register/{refused}/ablehnen"),
                String::new(),
                &admins,
            ),
            (
                format!("/verein/register/{active}/beitrag"),
                "jahr=2026".into(),
                &admins,
            ),
            (
                format!("/verein/register/{active}/amt"),
                "amt=Kasse".into(),
                &admins,
            ),
            (
                format!("/verein/register/{active}/ruhen"),
                String::new(),
                &admins,
            ),
            (
                "/verein/versammlungen".into(),
                "title=Versammlung&date=2027-03-01&time=18%3A00&place=Rotunde&agenda=1.+Berichte"
                    .into(),
                &admins,
            ),
            (
                format!("/verein/versammlungen/{assembly}/protokoll"),
                "minutes=Beschlossen.".into(),
                &admins,
            ),
            (
                format!("/verein/versammlungen/{assembly}/antraege"),
                "title=Beitragsordnung&text=&quorum=25&majority=einfach&days=7".into(),
                &admins,
            ),
            (
                format!("/verein/versammlungen/{proxies_for}/vollmacht"),
                format!("holder={holder}"),
                &[Editor],
            ),
            (
                format!("/verein/abstimmungen/{vote}/stimme"),
                "choice=ja".into(),
                &[Editor],
            ),
            (
                format!("/verein/abstimmungen/{closing}/schliessen"),
                String::new(),
                &admins,
            ),
            (
                "/verwaltung/verein/satzung".into(),
                "notice_days=14&max_proxies=2".into(),
                &admins,
            ),
            (
                "/verwaltung/verein/seiten/impressum".into(),
                format!("body_de=Kulturportal+Bochum+e.+V.+{n}"),
                &admins,
            ),
            (
                format!("/moderation/widersprueche/{}/stattgeben", objections[0]),
                "answer=Ja.".into(),
                &moderators,
            ),
            (
                format!("/moderation/widersprueche/{}/zurueckweisen", objections[1]),
                "answer=Nein.".into(),
                &moderators,
            ),
            (
                "/pinnwand/neu".into(),
                format!(
                    "kind=bietet&topic=technik&title=Lichtpult+{n}+zu+verleihen\
                     &body=Ein+Lichtpult+mit+24+Kan%C3%A4len%2C+ab+sofort+zu+verleihen."
                ),
                &members,
            ),
            (
                format!("/moderation/fediverse/folgende/{follower}/entfernen"),
                String::new(),
                &moderators,
            ),
            (
                "/moderation/fediverse/instanzen/sperren".into(),
                format!("instanz=spam{n}.example&grund=Werbung+in+Massen"),
                &moderators,
            ),
            (
                "/moderation/fediverse/instanzen/entsperren".into(),
                format!("instanz=spam{n}.example"),
                &moderators,
            ),
            (
                "/nachrichten/neu".into(),
                format!("an=organisation%3Aensemble-a&subject=Frage+{n}&message=Hallo+zusammen"),
                &members,
            ),
        ];
        for (uri, body, allowed) in routes {
            if !posted.contains(&uri) {
                posted.push(uri.clone());
            }
            let page = app.post(&uri, &body, cookie.as_deref()).await;
            let expected = allowed.contains(&who);
            if succeeded(&page) != expected {
                wrong.push(format!(
                    "{who:?} POST {uri}: {} (expected {})",
                    page.status,
                    if expected { "success" } else { "refusal" }
                ));
            }
            if !expected
                && who != Anonymous
                && page.status == axum::http::StatusCode::INTERNAL_SERVER_ERROR
            {
                wrong.push(format!("{who:?} POST {uri}: 500"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "authorisation matrix:\n{}",
        wrong.join("\n")
    );
    let missing: Vec<&str> = post_routes()
        .into_iter()
        .filter(|route| !ELSEWHERE.iter().any(|(r, _)| r == route))
        .filter(|route| !posted.iter().any(|uri| matches(route, uri)))
        .collect();
    assert!(
        missing.is_empty(),
        "POST routes neither in the matrix nor in ELSEWHERE: {missing:?}"
    );
}

/// Actions are routes of their own: a word that names none is not a page, for anyone.
#[tokio::test]
async fn unknown_actions_are_not_pages() {
    let app = TestApp::new().await;
    let org = app.org("ensemble-a", "Ensemble A").await;
    let admin = app.user("admin@example.org", "admin").await;
    app.member(org, admin, "owner").await;
    let cookie = app.login("admin@example.org").await;
    let created = app
        .post(
            "/arbeitskreise",
            "name=Arbeitskreis+Licht",
            Some(cookie.as_str()),
        )
        .await;
    assert_eq!(created.location(), "/arbeitskreise/arbeitskreis-licht");
    for uri in [
        "/arbeitskreise/arbeitskreis-licht/aufloesen".to_owned(),
        format!("/arbeitskreise/arbeitskreis-licht/mitglieder/{admin}/befoerdern"),
        "/mein-bereich/organisationen/ensemble-a/abonnements/1/pausieren".to_owned(),
        "/pinnwand/1/teilen".to_owned(),
        "/moderation/nachrichten/1/loeschen".to_owned(),
        "/moderation/pinnwand/1/loeschen".to_owned(),
        "/moderation/orte/1/vielleicht".to_owned(),
        "/moderation/doppelt/1/vielleicht".to_owned(),
        "/moderation/ortsaenderungen/1/vielleicht".to_owned(),
        "/moderation/antraege/1/vielleicht".to_owned(),
    ] {
        let page = app.post(&uri, "", Some(cookie.as_str())).await;
        assert_eq!(page.status, axum::http::StatusCode::NOT_FOUND, "POST {uri}");
        assert!(page.has("Seite nicht gefunden"), "POST {uri}");
    }
}
