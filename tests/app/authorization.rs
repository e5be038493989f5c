//! The authorisation matrix: every state-changing route × (anonymous, member of another
//! organisation, editor, owner, moderator, admin). Only the right ones succeed.

use crate::support::{Page, TestApp};
use kulturportal::db::moderation;

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
    let db = &app.state.db;
    let house = app.venue("haus-a", "mitte", true).await;
    kulturportal::db::venues::set_keeper(db, house, Some(a), None, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
        moderation::add_report(db, draft, "falsch", "", 0)
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
        let target = id_of(Editor);
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
        let dead_job: (i64,) = db
            .fetch_one(
                "INSERT INTO jobs (consumer, target, state, run_after, created_at) \
                 VALUES ('notify', 'nobody', 'dead', 0, 0) RETURNING id",
                &[],
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let routes: Vec<(String, String, &[Who])> = vec![
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
                "/pinnwand/neu".into(),
                format!(
                    "kind=bietet&topic=technik&title=Lichtpult+{n}+zu+verleihen\
                     &body=Ein+Lichtpult+mit+24+Kan%C3%A4len%2C+ab+sofort+zu+verleihen."
                ),
                &members,
            ),
            (
                "/nachrichten/neu".into(),
                format!("an=organisation%3Aensemble-a&subject=Frage+{n}&message=Hallo+zusammen"),
                &members,
            ),
        ];
        for (uri, body, allowed) in routes {
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
}
