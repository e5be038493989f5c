//! The editorial workflow: the event editor, moderation, anonymous submissions, reports,
//! organisations' members, images, the audit log.

use crate::support::{Page, TestApp, png};
use axum::body::Body;
use axum::http::{Request, StatusCode};

/// A complete, valid editor form for one date on Saturday 5 December 2026, 19:30.
fn event_form(title: &str, org: i64, sparte: i64) -> String {
    format!(
        "title={}&subtitle=&description=Ein+**Abend**+mit+Jazz.&sparte={sparte}&tags=Jazz%2C+Keller&organisation={org}\
         &venue=&location_text=Kulturkeller+an+der+Ruhr&date_mode=single&date=2026-12-05&time=19%3A30&end_time=21%3A30\
         &price_kind=range&price_min=12&price_max=15%2C50&ticket_url=&min_age=&language=de&audience=erwachsene&action=veroeffentlichen",
        title.replace(' ', "+")
    )
}

/// The id in `/mein-bereich/veranstaltungen/{id}?…`.
fn saved_id(page: &Page) -> String {
    let loc = page.location();
    assert!(
        loc.starts_with("/mein-bereich/veranstaltungen/"),
        "not saved ({}): {loc} {}",
        page.status,
        &page.body[..page.body.len().min(3000)]
    );
    loc.trim_start_matches("/mein-bereich/veranstaltungen/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned()
}

async fn sparte(app: &TestApp, slug: &str) -> i64 {
    app.state
        .categories
        .list()
        .iter()
        .find(|c| c.slug == slug)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("no Sparte {slug}"))
}

struct Cast {
    org: i64,
    editor: String,
    moderator: String,
}

/// An organisation (verified or not) with an editor, and a moderator.
async fn cast(app: &TestApp, verified: bool) -> Cast {
    let org = app
        .org_with("jazzkeller", "Jazzkeller e. V.", verified)
        .await;
    let editor = app.user("eva@example.org", "member").await;
    app.member(org, editor, "editor").await;
    app.user("mo@example.org", "moderator").await;
    Cast {
        org,
        editor: app.login("eva@example.org").await,
        moderator: app.login("mo@example.org").await,
    }
}

#[tokio::test]
async fn an_editor_of_a_verified_organisation_publishes_at_once() {
    let app = TestApp::new().await;
    let c = cast(&app, true).await;
    let musik = sparte(&app, "musik").await;
    let page = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &event_form("Jazz im Keller", c.org, musik),
            Some(&c.editor),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().ends_with("gespeichert=published"));
    let list = app.get("/veranstaltungen?sparte=musik").await;
    assert_eq!(list.titles(), vec!["Jazz im Keller"]);
    let event = app.get("/veranstaltungen/jazz-im-keller").await;
    assert_eq!(event.status, StatusCode::OK);
    assert!(
        event.has("Samstag, 5. Dezember 2026, 19:30 bis 21:30 Uhr"),
        "{}",
        event.body
    );
    assert!(event.has("12–15,50 €"));
    assert!(event.has("<strong>Abend</strong>"));
    assert!(event.has("Kulturkeller an der Ruhr"));
    // The search index follows the write at once.
    assert_eq!(
        app.get("/veranstaltungen?q=keller").await.titles(),
        vec!["Jazz im Keller"]
    );
}

#[tokio::test]
async fn editor_errors_stand_next_to_their_fields_and_keep_what_was_typed() {
    let app = TestApp::new().await;
    let c = cast(&app, true).await;
    let body = "title=Jazz+im+Keller&description=Mein+langer+Text&organisation=1&venue=&location_text=Keller\
                &date_mode=single&date=31.02.2026&time=19%3A30&price_kind=range&price_min=zw%C3%B6lf&action=veroeffentlichen";
    let page = app
        .post("/mein-bereich/veranstaltungen/neu", body, Some(&c.editor))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.has("Bitte wählen Sie mindestens eine Sparte."));
    assert!(page.has("Bitte geben Sie ein Datum an, z. B. 24.12.2026."));
    assert!(page.has("Bitte geben Sie den Preis in Euro an"));
    assert!(page.has("value=\"Jazz im Keller\""), "title lost");
    assert!(page.has(">Mein langer Text</textarea>"), "description lost");
    assert!(page.has("value=\"zwölf\""), "price lost");
    assert!(page.has("aria-invalid=\"true\""));
    // Nothing was saved.
    assert_eq!(
        app.get("/veranstaltungen/jazz-im-keller").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_date_preview_shows_a_weekly_series_before_saving() {
    let app = TestApp::new().await;
    let c = cast(&app, true).await;
    let musik = sparte(&app, "musik").await;
    let body = event_form("Offene Bühne", c.org, musik)
        .replace(
            "date_mode=single",
            "date_mode=weekly&weekday=di&weekday=do&series_end=count&count=4&exceptions=3.12.2026",
        )
        .replace("date=2026-12-05", "date=2026-12-01")
        .replace("action=veroeffentlichen", "action=termine");
    let page = app
        .post("/mein-bereich/veranstaltungen/neu", &body, Some(&c.editor))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for day in [
        "Dienstag, 1. Dezember 2026, 19:30 Uhr",
        "Dienstag, 8. Dezember 2026, 19:30 Uhr",
        "Donnerstag, 10. Dezember 2026, 19:30 Uhr",
    ] {
        assert!(page.has(day), "missing {day}");
    }
    assert!(
        !page.has("Donnerstag, 3. Dezember 2026, 19:30 Uhr"),
        "exception listed"
    );
    assert_eq!(
        app.get("/veranstaltungen/offene-buehne").await.status,
        StatusCode::NOT_FOUND
    );
    // Saved, the series is in the calendar with its dates.
    let saved = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &body.replace("action=termine", "action=veroeffentlichen"),
            Some(&c.editor),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = app.get("/veranstaltungen/offene-buehne").await;
    assert!(page.has("Donnerstag, 10. Dezember 2026"), "{}", page.body);
}

#[tokio::test]
async fn events_of_unverified_organisations_wait_and_a_rejection_is_mailed_with_its_reason() {
    let app = TestApp::new().await;
    let c = cast(&app, false).await;
    let musik = sparte(&app, "musik").await;
    let page = app
        .post(
            "/mein-bereich/veranstaltungen/neu",
            &event_form("Jazz im Keller", c.org, musik),
            Some(&c.editor),
        )
        .await;
    let id = saved_id(&page);
    assert!(page.location().ends_with("gespeichert=pending"));
    assert_eq!(
        app.get("/veranstaltungen/jazz-im-keller").await.status,
        StatusCode::NOT_FOUND
    );
    let queue = app.get_as("/moderation", &c.moderator).await;
    assert!(queue.has("Jazz im Keller"), "{}", queue.body);
    // Its editor sees the preview; the moderator too.
    assert!(
        app.get_as(
            &format!("/mein-bereich/veranstaltungen/{id}/vorschau"),
            &c.moderator
        )
        .await
        .has("Wartet auf Freigabe")
    );
    let rejected = app
        .post(
            &format!("/moderation/veranstaltungen/{id}/ablehnen"),
            "reason=Bitte+den+Ort+genauer+angeben.",
            Some(&c.moderator),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER);
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.contains("Nicht freigegeben"))
        .unwrap_or_else(|| panic!("no mail"));
    assert!(mail.contains("eva@example.org"));
    assert!(mail.contains("Bitte den Ort genauer angeben."));
    assert!(
        app.get_as(&format!("/mein-bereich/veranstaltungen/{id}"), &c.editor)
            .await
            .has("Begründung der Moderation: Bitte den Ort genauer angeben.")
    );
    // Resubmitted and approved, it is public.
    let resubmit = app
        .post(
            &format!("/mein-bereich/veranstaltungen/{id}"),
            &event_form("Jazz im Keller", c.org, musik),
            Some(&c.editor),
        )
        .await;
    assert!(resubmit.location().ends_with("gespeichert=pending"));
    app.post(
        &format!("/moderation/veranstaltungen/{id}/freigeben"),
        "",
        Some(&c.moderator),
    )
    .await;
    assert_eq!(
        app.get("/veranstaltungen/jazz-im-keller").await.status,
        StatusCode::OK
    );
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("Freigegeben: Jazz im Keller"))
    );
}

#[tokio::test]
async fn editing_keeps_the_url_and_cancelling_keeps_the_page_visibly_cancelled() {
    let app = TestApp::new().await;
    let c = cast(&app, true).await;
    let musik = sparte(&app, "musik").await;
    let id = saved_id(
        &app.post(
            "/mein-bereich/veranstaltungen/neu",
            &event_form("Jazz im Keller", c.org, musik),
            Some(&c.editor),
        )
        .await,
    );
    let edited = app
        .post(
            &format!("/mein-bereich/veranstaltungen/{id}"),
            &event_form("Jazz im Gewölbe", c.org, musik),
            Some(&c.editor),
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    let page = app.get("/veranstaltungen/jazz-im-keller").await;
    assert!(page.has("<h1>Jazz im Gewölbe</h1>"), "the URL must stay");
    app.post(
        &format!("/mein-bereich/veranstaltungen/{id}/absagen"),
        "",
        Some(&c.editor),
    )
    .await;
    let page = app.get("/veranstaltungen/jazz-im-keller").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("Diese Veranstaltung findet nicht statt."));
    // Who changed what is in the event's history.
    let history = app
        .get_as(
            &format!("/mein-bereich/veranstaltungen/{id}/verlauf"),
            &c.editor,
        )
        .await;
    assert!(
        history.has("hat die Veranstaltung „Jazz im Gewölbe“ geändert.")
            && history.has("Jazz im Gewölbe")
            && history.has("“ abgesagt.")
    );
    // Deleting removes it; the history of the deletion stays for moderation.
    app.post(
        &format!("/mein-bereich/veranstaltungen/{id}/loeschen"),
        "",
        Some(&c.editor),
    )
    .await;
    assert_eq!(
        app.get("/veranstaltungen/jazz-im-keller").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.get_as("/moderation/protokoll", &c.moderator)
            .await
            .has("“ gelöscht.")
    );
}

#[tokio::test]
async fn a_duplicate_starts_as_a_filled_form_and_saves_under_a_new_url() {
    let app = TestApp::new().await;
    let c = cast(&app, true).await;
    let musik = sparte(&app, "musik").await;
    let id = saved_id(
        &app.post(
            "/mein-bereich/veranstaltungen/neu",
            &event_form("Jazz im Keller", c.org, musik),
            Some(&c.editor),
        )
        .await,
    );
    let copy = app
        .get_as(
            &format!("/mein-bereich/veranstaltungen/neu?von={id}"),
            &c.editor,
        )
        .await;
    assert!(copy.has("value=\"Jazz im Keller\"") && copy.has("Kopie von „Jazz im Keller“"));
    app.post(
        "/mein-bereich/veranstaltungen/neu",
        &event_form("Jazz im Keller", c.org, musik).replace("2026-12-05", "2026-12-12"),
        Some(&c.editor),
    )
    .await;
    assert_eq!(
        app.get("/veranstaltungen/jazz-im-keller-2").await.status,
        StatusCode::OK
    );
}

fn anonymous_form(token: &str) -> String {
    format!(
        "t={token}&website=&submitter_name=Nachbarschaftschor&submitter_email=chor%40example.org&title=Adventssingen\
         &sparte=2&venue=&location_text=Kirchplatz+Langendreer&date_mode=single&date=2026-12-20&time=16%3A00&price_kind=free&action=veroeffentlichen"
    )
}

#[tokio::test]
async fn anonymous_submissions_pass_spam_checks_then_moderation() {
    let app = TestApp::new().await;
    app.user("mo@example.org", "moderator").await;
    let now = app.state.clock.now().timestamp();
    let form_page = app.get("/veranstaltung-melden").await;
    assert_eq!(form_page.status, StatusCode::OK);
    assert!(form_page.has("name=\"t\"") && form_page.has("name=\"website\""));
    // Sent a second after the form was shown: too fast for a person.
    let fast = app
        .post(
            "/veranstaltung-melden",
            &anonymous_form(&app.state.form_secret.token(now - 1)),
            None,
        )
        .await;
    assert_eq!(fast.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fast.has("Das ging sehr schnell"));
    assert!(fast.has("value=\"Adventssingen\""));
    // The honeypot field filled in.
    let token = app.state.form_secret.token(now - 30);
    let bot = app
        .post(
            "/veranstaltung-melden",
            &anonymous_form(&token).replace("website=", "website=http%3A%2F%2Fspam"),
            None,
        )
        .await;
    assert_eq!(bot.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A forged token.
    let forged = app
        .post(
            "/veranstaltung-melden",
            &anonymous_form(&format!("{}.abcdef", now - 30)),
            None,
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .post("/veranstaltung-melden", &anonymous_form(&token), None)
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), "/veranstaltung-melden/danke");
    assert_eq!(
        app.get("/veranstaltungen/adventssingen").await.status,
        StatusCode::NOT_FOUND
    );
    let mo = app.login("mo@example.org").await;
    let queue = app.get_as("/moderation", &mo).await;
    assert!(queue.has("Adventssingen"));
    let id = queue
        .body
        .split("/moderation/veranstaltungen/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    app.post(
        &format!("/moderation/veranstaltungen/{id}/freigeben"),
        "",
        Some(&mo),
    )
    .await;
    assert_eq!(
        app.get("/veranstaltungen/adventssingen").await.status,
        StatusCode::OK
    );
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("chor@example.org") && m.contains("Freigegeben: Adventssingen"))
    );
}

#[tokio::test]
async fn anonymous_submissions_are_rate_limited_per_address() {
    let app = TestApp::new().await;
    let token = app
        .state
        .form_secret
        .token(app.state.clock.now().timestamp() - 30);
    for i in 0..5 {
        let page = app
            .post(
                "/veranstaltung-melden",
                &anonymous_form(&token).replace("Adventssingen", &format!("Singen+{i}")),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "submission {i}");
    }
    let sixth = app
        .post("/veranstaltung-melden", &anonymous_form(&token), None)
        .await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(sixth.has("zu viele Einsendungen"));
}

#[tokio::test]
async fn a_visitor_reports_an_event_and_moderation_resolves_it() {
    let app = TestApp::new().await;
    let slug = app
        .event("Lesung im Park")
        .on("2026-12-05 19:00")
        .create()
        .await;
    app.user("mo@example.org", "moderator").await;
    let event = app.get(&format!("/veranstaltungen/{slug}")).await;
    assert!(event.has(&format!("/veranstaltungen/{slug}/melden")));
    let form = app.get(&format!("/veranstaltungen/{slug}/melden")).await;
    assert!(form.has("Angaben falsch oder veraltet"));
    let missing = app
        .post(
            &format!("/veranstaltungen/{slug}/melden"),
            "reason=sonstiges&message=",
            None,
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.has("Bitte beschreiben Sie kurz, was nicht stimmt."));
    let sent = app
        .post(
            &format!("/veranstaltungen/{slug}/melden"),
            "reason=abgesagt&message=Die+Lesung+f%C3%A4llt+aus.",
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.has("Vielen Dank"));
    let mo = app.login("mo@example.org").await;
    let desk = app.get_as("/moderation", &mo).await;
    assert!(desk.has("Findet nicht statt") && desk.has("Die Lesung fällt aus."));
    let id = desk
        .body
        .split("/moderation/meldungen/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        app.post(
            &format!("/moderation/meldungen/{id}/erledigt"),
            "",
            Some(&mo)
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        app.get_as("/moderation", &mo)
            .await
            .has("Keine offenen Meldungen.")
    );
}

#[tokio::test]
async fn owners_invite_by_mail_change_roles_and_keep_an_owner() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let owner = app.user("olga@example.org", "member").await;
    app.member(org, owner, "owner").await;
    let olga = app.login("olga@example.org").await;
    let page = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/einladen",
            "invite_email=ben%40example.org&role=editor",
            Some(&olga),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let link = app
        .link_in_mail("ben@example.org", "/einladung/")
        .unwrap_or_else(|| panic!("no invitation mail"));
    let ben_id = app.user("ben@example.org", "member").await;
    let ben = app.login("ben@example.org").await;
    assert!(app.get_as(&link, &ben).await.has("Einladung annehmen"));
    assert_eq!(
        app.post(&link, "", Some(&ben)).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        app.get_as("/mein-bereich/organisationen/jazzkeller", &olga)
            .await
            .has("ben@example.org")
    );
    // Ben, an editor, may not manage members.
    let refused = app
        .post(
            &format!("/mein-bereich/organisationen/jazzkeller/mitglieder/{owner}"),
            "role=entfernen",
            Some(&ben),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // The only owner cannot leave the organisation without an owner.
    let last = app
        .post(
            &format!("/mein-bereich/organisationen/jazzkeller/mitglieder/{owner}"),
            "role=editor",
            Some(&olga),
        )
        .await;
    assert_eq!(last.status, StatusCode::BAD_REQUEST);
    assert!(last.has("mindestens eine verantwortliche Person"));
    let promoted = app
        .post(
            &format!("/mein-bereich/organisationen/jazzkeller/mitglieder/{ben_id}"),
            "role=owner",
            Some(&olga),
        )
        .await;
    assert_eq!(promoted.status, StatusCode::SEE_OTHER);
    let history = app
        .get_as("/mein-bereich/organisationen/jazzkeller", &olga)
        .await;
    assert!(
        history.has("hat jemanden in die Organisation „")
            && history.has("hat eine Rolle in der Organisation „")
    );
    // A used invitation is gone.
    assert_eq!(app.get_as(&link, &ben).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn members_apply_for_an_organisation_and_moderation_decides() {
    let app = TestApp::new().await;
    app.user("nina@example.org", "member").await;
    app.user("mo@example.org", "moderator").await;
    let nina = app.login("nina@example.org").await;
    let sent = app
        .post(
            "/mein-bereich/organisation-beantragen",
            "mode=neu&name=Theater+Unterm+Dach&kind=collective&message=Wir+spielen+seit+2019.",
            Some(&nina),
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.has("Ihr Antrag ist eingegangen"));
    let mo = app.login("mo@example.org").await;
    let desk = app.get_as("/moderation", &mo).await;
    assert!(desk.has("Theater Unterm Dach"));
    let id = desk
        .body
        .split("/moderation/antraege/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    app.post(
        &format!("/moderation/antraege/{id}/annehmen"),
        "",
        Some(&mo),
    )
    .await;
    assert!(
        app.get_as("/mein-bereich/organisationen/theater-unterm-dach", &nina)
            .await
            .has("Angaben speichern"),
        "Nina owns it"
    );
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("nina@example.org") && m.contains("Ihr Antrag wurde angenommen"))
    );
    // Events of a new (unverified) organisation wait for moderation until it is verified.
    assert!(
        app.get_as("/moderation", &mo)
            .await
            .has("Theater Unterm Dach")
    );
}

/// A multipart body with the editor's text fields and one image.
fn multipart(fields: &str, file: &[u8]) -> (String, Vec<u8>) {
    crate::support::multipart(fields, "image", file)
}

#[tokio::test]
async fn images_need_alt_text_and_are_served_in_several_widths_with_long_caching() {
    let app = TestApp::new().await;
    let c = cast(&app, true).await;
    let musik = sparte(&app, "musik").await;
    let send = |fields: String, file: Vec<u8>| {
        let (ct, body) = multipart(&fields, &file);
        Request::post("/mein-bereich/veranstaltungen/neu")
            .header("content-type", ct)
            .header("host", "kultur.test")
            .header("origin", "http://kultur.test")
            .header("cookie", c.editor.clone())
            .body(Body::from(body))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let no_alt = app
        .request(send(
            event_form("Jazz im Keller", c.org, musik),
            png(1200, 800),
        ))
        .await;
    assert_eq!(no_alt.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_alt.has("Alternativtext"));
    let not_image = app
        .request(send(
            format!(
                "{}&image_alt=Ein+Saxofon",
                event_form("Jazz im Keller", c.org, musik)
            ),
            b"kein Bild".to_vec(),
        ))
        .await;
    assert_eq!(not_image.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_image.has("JPEG, PNG oder WebP"));
    let ok = app
        .request(send(
            format!(
                "{}&image_alt=Ein+Saxofon+im+Scheinwerferlicht&image_credit=Eva+K.",
                event_form("Jazz im Keller", c.org, musik)
            ),
            png(1200, 800),
        ))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let page = app.get("/veranstaltungen/jazz-im-keller").await;
    assert!(page.has("alt=\"Ein Saxofon im Scheinwerferlicht\""));
    assert!(page.has("Foto: Eva K."));
    let srcset = page
        .body
        .split("srcset=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert!(
        srcset.contains(" 480w") && srcset.contains(" 960w") && !srcset.contains("1600w"),
        "{srcset}"
    );
    let first = srcset.split(' ').next().unwrap_or_default();
    let img = app.get(first).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(
        img.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/jpeg")
    );
    assert!(
        img.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .contains("immutable")
    );
    assert_eq!(
        app.get("/medien/..%2F..%2Fetc%2Fpasswd").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_preview_warns_of_clashes_in_the_same_district_and_sparte() {
    let app = TestApp::new().await;
    let c = cast(&app, true).await;
    let musik = sparte(&app, "musik").await;
    let mitte = app.venue("kellerbuehne", "mitte", true).await;
    let ost = app.venue("bahnhof-ost", "ost", true).await;
    app.event("Chorkonzert")
        .sparte("musik")
        .venue(mitte)
        .on("2026-12-05 18:00")
        .create()
        .await;
    app.event("Orgelnacht")
        .sparte("musik")
        .venue(mitte)
        .on("2026-12-05 22:00")
        .create()
        .await;
    app.event("Konzert im Osten")
        .sparte("musik")
        .venue(ost)
        .on("2026-12-05 20:00")
        .create()
        .await;
    app.event("Theater in Mitte")
        .sparte("theater")
        .venue(mitte)
        .on("2026-12-05 20:00")
        .create()
        .await;
    app.event("Abgesagtes Konzert")
        .sparte("musik")
        .venue(mitte)
        .on_with(
            "2026-12-05 20:00",
            kulturportal::domain::event::OccurrenceStatus::Cancelled,
        )
        .create()
        .await;
    app.event("Konzert am Sonntag")
        .sparte("musik")
        .venue(mitte)
        .on("2026-12-06 20:00")
        .create()
        .await;
    let body = event_form("Jazz im Keller", c.org, musik)
        .replace(
            "venue=&location_text=Kulturkeller+an+der+Ruhr",
            &format!("venue={mitte}&location_text="),
        )
        .replace("action=veroeffentlichen", "action=termine");
    let page = app
        .post("/mein-bereich/veranstaltungen/neu", &body, Some(&c.editor))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.has("Am Sa., 5. Dezember finden in Bochum-Mitte bereits 2 Veranstaltungen der Sparte Musik statt:"),
        "{}",
        page.body
    );
    assert!(page.has(">Chorkonzert</a>") && page.has(">Orgelnacht</a>"));
    for other in [
        "Konzert im Osten",
        "Theater in Mitte",
        "Abgesagtes Konzert",
        "Konzert am Sonntag",
    ] {
        assert!(!page.has(&format!(">{other}</a>")), "{other} is no clash");
    }
}
