//! Readers' comments under magazine articles: a visitor's address is confirmed by a
//! mailed link and never shown; the first comment of an address or account waits for
//! moderation, later ones appear at once unless reported; one level of replies, marked
//! when the Redaktion or a portrayed organisation answers; spam defences (honeypot, fill
//! time, two links); comments close after the configured days; authors and organisations
//! are notified; the data export holds a member's comments and deleting the account
//! anonymises them. Also: editors hear of articles submitted for review.

use crate::magazine::{desk, publish, write};
use crate::support::{PASSWORD, Page, TestApp, form_token, local};
use axum::http::StatusCode;
use kulturportal::clock::FixedClock;
use std::sync::Arc;

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn visitor_form(name: &str, email: &str, body: &str) -> String {
    format!(
        "name={}&email={}&body={}&t={}&website=",
        enc(name),
        enc(email),
        enc(body),
        enc(&form_token())
    )
}

/// The comment's id from a redirect to `/magazin/{slug}#kommentar-{id}`.
fn comment_id(page: &Page) -> i64 {
    page.location()
        .rsplit("#kommentar-")
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no comment: {} {}", page.status, page.body))
}

async fn comment_ids(app: &TestApp, body: &str) -> Vec<i64> {
    let rows: Vec<(i64,)> = app
        .state
        .db
        .fetch_all(
            "SELECT id FROM article_comments WHERE body = $1 ORDER BY id",
            &[body.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    rows.into_iter().map(|r| r.0).collect()
}

async fn notices(app: &TestApp, user: i64) -> Vec<String> {
    kulturportal::db::notifications::recent(&app.state.db, user, 100)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|n| n.subject)
        .collect()
}

#[tokio::test]
async fn a_visitor_confirms_by_link_the_first_comment_waits_and_later_ones_appear_at_once() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    publish(&app, &desk, "Kommentare willkommen", "portraet", "Text.").await;
    let url = "/magazin/kommentare-willkommen";
    let page = app.get(url).await;
    assert!(
        page.has("Noch keine Kommentare") && page.has("Kommentar schreiben"),
        "{}",
        page.body
    );
    app.user("mod@example.org", "moderator").await;
    let moderator = app.login("mod@example.org").await;

    // Without the confirmation nothing appears; the address is never on a page.
    let sent = app
        .post(
            &format!("{url}/kommentare"),
            &visitor_form("Ina Leserin", "ina.leserin@example.org", "Toller Artikel!"),
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.has("Bitte bestätigen Sie"), "{}", sent.body);
    assert!(!app.get(url).await.has("Toller Artikel!"));
    let queue = app.get_as("/moderation", &moderator).await;
    assert!(!queue.has("Toller Artikel!"), "unconfirmed is not queued");
    let link = app
        .link_in_mail("ina.leserin@example.org", "/magazin/kommentar/")
        .unwrap_or_else(|| panic!("no link: {:?}", app.mails()));
    let link_page = app.get(&link).await;
    assert!(link_page.has("Adresse bestätigen"), "{}", link_page.body);
    let confirmed = app.post(&format!("{link}/bestaetigen"), "", None).await;
    assert!(
        confirmed.has("erscheint nach der Freigabe"),
        "{}",
        confirmed.body
    );
    assert!(!app.get(url).await.has("Toller Artikel!"), "held first");

    // Moderation sees it (without the address) and approves; the audit log says so.
    let queue = app.get_as("/moderation", &moderator).await;
    assert!(
        queue.has("Toller Artikel!") && queue.has("erster Kommentar"),
        "{}",
        queue.body
    );
    assert!(!queue.has("ina.leserin@example.org"));
    let first = comment_ids(&app, "Toller Artikel!").await[0];
    let approved = app
        .post(
            &format!("/moderation/kommentare/{first}/freigeben"),
            "",
            Some(&moderator),
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    let page = app.get(url).await;
    assert!(
        page.has("Toller Artikel!") && page.has("Ina Leserin") && page.has("Ein Kommentar"),
        "{}",
        page.body
    );
    assert!(!page.has("ina.leserin"), "the address is never shown");
    let audit = app.get_as("/moderation/protokoll", &moderator).await;
    assert!(
        audit.has("hat einen Kommentar zum Artikel „Kommentare willkommen“ freigegeben"),
        "{}",
        audit.body
    );

    // The second comment of the confirmed address appears at once after its link.
    app.post(
        &format!("{url}/kommentare"),
        &visitor_form(
            "Ina Leserin",
            "ina.leserin@example.org",
            "Noch ein Gedanke.",
        ),
        None,
    )
    .await;
    let link = app
        .link_in_mail("ina.leserin@example.org", "/magazin/kommentar/")
        .unwrap_or_default();
    let at_once = app.post(&format!("{link}/bestaetigen"), "", None).await;
    let second = comment_id(&at_once);
    assert!(app.get(url).await.has("Noch ein Gedanke."));

    // Reported: off the page and back in the queue; kept by moderation, a second report
    // leaves it where it is.
    let reported = app
        .post(
            &format!("/magazin/kommentare/{second}/melden"),
            "grund=Werbung",
            None,
        )
        .await;
    assert!(reported.has("Danke für Ihre Meldung"), "{}", reported.body);
    assert!(!app.get(url).await.has("Noch ein Gedanke."));
    let queue = app.get_as("/moderation", &moderator).await;
    assert!(queue.has("gemeldet: Werbung"), "{}", queue.body);
    app.post(
        &format!("/moderation/kommentare/{second}/freigeben"),
        "",
        Some(&moderator),
    )
    .await;
    app.post(&format!("/magazin/kommentare/{second}/melden"), "", None)
        .await;
    assert!(app.get(url).await.has("Noch ein Gedanke."), "kept");

    // Removed by moderation (audit row), deleted by the writer's link.
    app.post(
        &format!("/moderation/kommentare/{first}/entfernen"),
        "",
        Some(&moderator),
    )
    .await;
    assert!(!app.get(url).await.has("Toller Artikel!"));
    let audit = app.get_as("/moderation/protokoll", &moderator).await;
    assert!(
        audit.has("hat einen Kommentar zum Artikel „Kommentare willkommen“ entfernt"),
        "{}",
        audit.body
    );
    let deleted = app.post(&format!("{link}/loeschen"), "", None).await;
    assert!(deleted.has("Kommentar gelöscht"), "{}", deleted.body);
    assert!(!app.get(url).await.has("Noch ein Gedanke."));
    assert_eq!(app.get(&link).await.status, StatusCode::NOT_FOUND);

    // English page: the same thread and form in English.
    let en = app.get("/en/magazin/kommentare-willkommen").await;
    assert!(
        en.has("Write a comment") && en.has("Your e-mail address"),
        "{}",
        en.body
    );
}

#[tokio::test]
async fn the_form_refuses_spam_and_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    publish(&app, &desk, "Gegen Spam", "portraet", "Text.").await;
    let url = "/magazin/gegen-spam/kommentare";
    // Three links: 422, in German, the text kept.
    let three = "Siehe https://a.example, https://b.example und www.c.example";
    let page = app
        .post(url, &visitor_form("Bot", "bot@example.org", three), None)
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.has("Bitte höchstens zwei Links pro Kommentar.") && page.has("www.c.example"),
        "{}",
        page.body
    );
    assert!(page.has("value=\"bot@example.org\""), "{}", page.body);
    // The honeypot and a missing fill time.
    let honey = app
        .post(
            url,
            &format!("{}x", visitor_form("Bot", "bot@example.org", "Kauf was!")),
            None,
        )
        .await;
    assert_eq!(honey.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(honey.has("nicht angenommen"), "{}", honey.body);
    let fast = app
        .post(
            url,
            "name=Bot&email=bot%40example.org&body=Schnell%21",
            None,
        )
        .await;
    assert_eq!(fast.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fast.has("zu schnell"), "{}", fast.body);
    let missing = app.post(url, &visitor_form("", "nix", ""), None).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.has("Bitte geben Sie einen Namen an")
            && missing.has("gültige E-Mail-Adresse")
            && missing.has("Bitte schreiben Sie einen Kommentar"),
        "{}",
        missing.body
    );
    assert!(
        !app.mails().iter().any(|m| m.contains("bot@example.org")),
        "nothing refused was mailed"
    );
    // Bad ids and unknown articles: 404, never 500.
    assert_eq!(
        app.post("/magazin/kommentare/abc/melden", "", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post("/magazin/gibt-es-nicht/kommentare", "body=x", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let nul = app
        .post(url, &visitor_form("Bot", "bot@example.org", "a\0b"), None)
        .await;
    assert_eq!(nul.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn members_replies_are_marked_one_level_deep_and_authors_and_organisations_hear_of_them() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let org = app.org("kollektiv-k", "Kollektiv K").await;
    let reader = app.user("leserin@example.org", "member").await;
    let player = app.user("spielerin@example.org", "member").await;
    app.member(org, player, "editor").await;
    app.user("mod@example.org", "moderator").await;
    let moderator = app.login("mod@example.org").await;
    let article = publish(
        &app,
        &desk,
        "Ein Abend mit K",
        "portraet",
        "Text.\n[[organisation:kollektiv-k]]",
    )
    .await;
    assert!(article > 0);
    let url = "/magazin/ein-abend-mit-k";
    let reader_cookie = app.login("leserin@example.org").await;
    let form = app.get_as(url, &reader_cookie).await;
    assert!(
        form.has("Sie kommentieren als") && !form.has("name=\"email\""),
        "{}",
        form.body
    );
    // A member's first comment waits; approved, later ones appear at once.
    let held = app
        .post(
            &format!("{url}/kommentare"),
            "body=Wann+spielt+ihr+wieder%3F",
            Some(&reader_cookie),
        )
        .await;
    assert!(held.has("erscheint nach der Freigabe"), "{}", held.body);
    let first = comment_ids(&app, "Wann spielt ihr wieder?").await[0];
    app.post(
        &format!("/moderation/kommentare/{first}/freigeben"),
        "",
        Some(&moderator),
    )
    .await;
    let later = app
        .post(
            &format!("{url}/kommentare"),
            "body=Und+gibt+es+Karten%3F",
            Some(&reader_cookie),
        )
        .await;
    assert_eq!(later.status, StatusCode::SEE_OTHER, "{}", later.body);
    // The collective's answer is marked as theirs, the magazine editor's as „Redaktion“.
    let player_cookie = app.login("spielerin@example.org").await;
    let reply_form = app
        .get_as(&format!("{url}?antwort={first}"), &player_cookie)
        .await;
    assert!(
        reply_form.has("Antwort auf leserin@example.org"),
        "{}",
        reply_form.body
    );
    app.post(
        &format!("{url}/kommentare"),
        &format!("body=Im+Januar%21&antwort={first}"),
        Some(&player_cookie),
    )
    .await;
    let answer = comment_ids(&app, "Im Januar!").await[0];
    app.post(
        &format!("/moderation/kommentare/{answer}/freigeben"),
        "",
        Some(&moderator),
    )
    .await;
    let editorial = app
        .post(
            &format!("{url}/kommentare"),
            &format!("body=Wir+melden+uns.&antwort={first}"),
            Some(&desk.second),
        )
        .await;
    assert_eq!(
        editorial.status,
        StatusCode::SEE_OTHER,
        "at once: {}",
        editorial.body
    );
    let page = app.get(url).await;
    assert!(
        page.has("Antwort von Kollektiv K") && page.has(">Redaktion<") && page.has("4 Kommentare"),
        "{}",
        page.body
    );
    // One level only: a reply to a reply is refused, in German, with the text kept.
    let deeper = app
        .post(
            &format!("{url}/kommentare"),
            &format!("body=Noch+tiefer&antwort={answer}"),
            Some(&reader_cookie),
        )
        .await;
    assert_eq!(deeper.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        deeper.has("Antworten gibt es nur auf Kommentare") && deeper.has("Noch tiefer"),
        "{}",
        deeper.body
    );
    // The article's author and the collective's member hear of new comments (not of
    // their own); the reader of none.
    let author = kulturportal::db::users::by_email(
        &app.state.db,
        &kulturportal::domain::account::Email::parse("erste@example.org")
            .unwrap_or_else(|| panic!("address")),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .map_or(0, |u| u.id);
    let told = notices(&app, author).await;
    assert_eq!(
        told.iter()
            .filter(|s| *s == "Neuer Kommentar zu „Ein Abend mit K“")
            .count(),
        4,
        "{told:?}"
    );
    assert_eq!(notices(&app, player).await.len(), 3, "not of her own");
    assert!(notices(&app, reader).await.is_empty());
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("erste@example.org") && m.contains("Neuer Kommentar")),
        "mailed at once by default"
    );
}

#[tokio::test]
async fn comments_close_after_the_configured_days() {
    let mut app = TestApp::new().await;
    let desk = desk(&app).await;
    publish(&app, &desk, "Bald geschlossen", "portraet", "Text.").await;
    let url = "/magazin/bald-geschlossen";
    let later = local("2027-01-01 10:00");
    app.state.clock = Arc::new(FixedClock(later));
    app.rebuild_router();
    let page = app.get(url).await;
    assert!(
        page.has("Kommentare sind geschlossen.") && !page.has("Kommentar senden"),
        "{}",
        page.body
    );
    let refused = app
        .post(
            &format!("{url}/kommentare"),
            "body=Zu+sp%C3%A4t",
            Some(&desk.first),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("Kommentare sind geschlossen."));
    // Configured longer (KP_COMMENT_DAYS), the same article takes comments again.
    app.state.comment_days = 60;
    app.rebuild_router();
    assert!(app.get(url).await.has("Kommentar senden"));
}

#[tokio::test]
async fn comments_are_in_the_data_export_and_deleting_the_account_anonymises_them() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    publish(&app, &desk, "Meine Daten", "portraet", "Text.").await;
    let url = "/magazin/meine-daten";
    // A magazine editor's comment appears at once.
    let written = app
        .post(
            &format!("{url}/kommentare"),
            "body=Ein+Wort+der+Redaktion.",
            Some(&desk.first),
        )
        .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.body);
    let export = app.get_as("/mein-bereich/daten", &desk.first).await.json();
    assert_eq!(
        export["magazine_comments"][0]["text"], "Ein Wort der Redaktion.",
        "{export}"
    );
    assert!(
        app.get(url).await.has("erste@example.org"),
        "under the account's name"
    );
    let gone = app
        .post(
            "/mein-bereich/konto-loeschen",
            &format!("password={PASSWORD}"),
            Some(&desk.first),
        )
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER, "{}", gone.body);
    let page = app.get(url).await;
    assert!(
        page.has("Gelöschtes Konto")
            && page.has("Ein Wort der Redaktion.")
            && !page.has("erste@example.org"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn editors_hear_of_an_article_submitted_for_review_but_not_its_writer() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let id = write(&app, &desk.first, "Zur Prüfung", "portraet", "Text.").await;
    app.post(
        &format!("/redaktion/{id}/einreichen"),
        "",
        Some(&desk.first),
    )
    .await;
    let id_of = |email: &'static str| {
        let db = app.state.db.clone();
        async move {
            kulturportal::db::users::by_email(
                &db,
                &kulturportal::domain::account::Email::parse(email)
                    .unwrap_or_else(|| panic!("address")),
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .map_or(0, |u| u.id)
        }
    };
    let second = notices(&app, id_of("zweite@example.org").await).await;
    assert!(
        second.contains(&"Artikel zur Prüfung: „Zur Prüfung“".to_owned()),
        "{second:?}"
    );
    assert!(
        notices(&app, id_of("erste@example.org").await)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn writers_preview_a_draft_as_its_public_page_marked_and_not_indexed() {
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let id = write(
        &app,
        &desk.first,
        "Noch geheim",
        "portraet",
        "Ein **Entwurf**.",
    )
    .await;
    let url = format!("/redaktion/{id}/vorschau");
    let page = app.get_as(&url, &desk.first).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.has("<strong>Vorschau</strong>")
            && page.has("<strong>Entwurf</strong>")
            && page.has("<meta name=\"robots\" content=\"noindex\">")
            && !page.has("Kommentar schreiben"),
        "{}",
        page.body
    );
    assert_eq!(
        page.headers
            .get("x-robots-tag")
            .and_then(|v| v.to_str().ok()),
        Some("noindex")
    );
    assert_eq!(
        app.get("/magazin/noch-geheim").await.status,
        StatusCode::NOT_FOUND
    );
    // Another member may not; nobody without an account.
    app.user("fremd@example.org", "member").await;
    let stranger = app.login("fremd@example.org").await;
    assert_eq!(
        app.get_as(&url, &stranger).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(&url).await.location(), "/anmelden");
}

#[tokio::test]
async fn the_article_form_takes_a_lead_picture_with_alt_text_caption_and_credit() {
    use crate::support::{multipart_post, png};
    let app = TestApp::new().await;
    let desk = desk(&app).await;
    let fields = |alt: &str| {
        format!(
            "title=Mit+Bild&lead=Vorspann.&body=Text.&rubric=portraet&authors=Ada+Muster\
             &image_alt={}&image_caption=Die+B%C3%BChne+am+Abend&image_credit=Foto%3A+Ada",
            enc(alt)
        )
    };
    // Without an alt text: 422, in German, everything typed kept.
    let refused = app
        .request(multipart_post(
            "/redaktion/neu",
            &fields(""),
            "image",
            &png(900, 600),
            &desk.first,
        ))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.has("Alternativtext") && refused.has("value=\"Die Bühne am Abend\""),
        "{}",
        refused.body
    );
    let saved = app
        .request(multipart_post(
            "/redaktion/neu",
            &fields("Eine leere Bühne im Scheinwerferlicht"),
            "image",
            &png(900, 600),
            &desk.first,
        ))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let id: i64 = saved
        .location()
        .trim_start_matches("/redaktion/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_default();
    app.post(
        &format!("/redaktion/{id}/einreichen"),
        "",
        Some(&desk.first),
    )
    .await;
    app.post(
        &format!("/redaktion/{id}/freigeben"),
        "",
        Some(&desk.second),
    )
    .await;
    let page = app.get("/magazin/mit-bild").await;
    assert!(
        page.has("alt=\"Eine leere Bühne im Scheinwerferlicht\"")
            && page.has("Die Bühne am Abend")
            && page.has("Foto: Ada")
            && page.has("src=\"/medien/"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_demo_has_comments_a_redaktion_reply_and_one_waiting_in_the_queue() {
    let app = TestApp::demo().await;
    let page = app
        .get("/magazin/licht-aus-der-tiefe-das-kollektiv-floezlicht")
        .await;
    assert!(
        page.has(">Redaktion<")
            && page.has("Antwort von Kollektiv Flözlicht")
            && page.has("Max Mitglied (Demo)")
            && page.has("Ina")
            && !page.has("ina@example.org")
            && !page.has("Zeche Hannover"),
        "{}",
        page.body
    );
    let moderator = app
        .login_with(
            "moderation@demo.kulturportal.invalid",
            kulturportal::accounts::DEMO_PASSWORD,
        )
        .await;
    let queue = app.get_as("/moderation", &moderator).await;
    assert!(
        queue.has("Kommentare im Magazin (1)") && queue.has("Zeche Hannover"),
        "{}",
        queue.body
    );
}
