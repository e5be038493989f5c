//! The event editor, the organisations' pages, the venue form, moderation and admin in
//! English under `/en`: the same forms with English labels and English messages, while
//! the German pages stay German.

use crate::support::{TestApp, multipart_post, png};
use axum::http::StatusCode;

/// An editor of a verified organisation, logged in.
async fn editor(app: &TestApp) -> (i64, String) {
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    (org, app.login("eva@example.org").await)
}

fn no_german_main(page: &str) -> bool {
    !page.contains("<main lang=\"de\"") && !page.contains("available in German only")
}

#[tokio::test]
async fn the_new_event_form_speaks_english_and_german() {
    let app = TestApp::new().await;
    let (_, cookie) = editor(&app).await;

    let english = app
        .get_as("/en/mein-bereich/veranstaltungen/neu", &cookie)
        .await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(no_german_main(&english.body), "{}", english.body);
    for text in [
        "<h1>New event</h1>",
        "<legend>What?</legend>",
        "Add an English version below under “In English (optional)”.",
        "Subtitle (optional)",
        "Categories (one to three)",
        "Music",
        "<legend>When?</legend>",
        "several dates",
        "Weekly on these days",
        "Wednesday",
        "Monthly on the",
        "free admission",
        "Families",
        "German Sign Language",
        "Audio description",
        "Image description (alt text)",
        "Save as draft (not public)",
        "action=\"/en/mein-bereich/veranstaltungen/neu\"",
    ] {
        assert!(english.has(text), "{text}: {}", english.body);
    }
    for german in [
        "Titel</label>",
        "Beschreibung</label>",
        "Wann?",
        "mehrere Termine",
        "Mittwoch",
    ] {
        assert!(!english.has(german), "{german} on the English form");
    }

    let german = app
        .get_as("/mein-bereich/veranstaltungen/neu", &cookie)
        .await;
    assert!(german.has("<h1>Neue Veranstaltung</h1>") && german.has("<legend>Wann?</legend>"));
    assert!(german.has("Sparten (eine bis drei)") && german.has("Mittwoch"));
    assert!(german.has("Als Entwurf speichern (nicht öffentlich)"));
    // The hint on which fields hold which language is for the English form only.
    assert!(!german.has("Haupttexte"));
}

#[tokio::test]
async fn form_errors_come_back_in_the_language_of_the_form() {
    let app = TestApp::new().await;
    let (org, cookie) = editor(&app).await;
    let body = format!(
        "title=A&sparte={}&organisation={org}&venue=&location_text=&date_mode=several\
         &dates=morgen+abend&price_kind=range&price_min=zw%C3%B6lf&ticket_url=ftp%3A%2F%2Fx\
         &action=veroeffentlichen",
        app.sparte_id("musik")
    );
    let english = app
        .post("/en/mein-bereich/veranstaltungen/neu", &body, Some(&cookie))
        .await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_german_main(&english.body));
    for text in [
        "Please check 5 entries:",
        "Please enter a title of at least 3 characters.",
        "Please choose a venue, suggest a new one or describe where the event takes place.",
        "Line 1: “morgen abend” is not a date.",
        "Please give the price in euros, e.g. 12 or 12.50.",
        "Please enter a complete address starting with https://.",
        ">morgen abend</textarea>",
    ] {
        assert!(english.has(text), "{text}: {}", english.body);
    }
    assert!(!english.has("Bitte"));

    let german = app
        .post("/mein-bereich/veranstaltungen/neu", &body, Some(&cookie))
        .await;
    assert_eq!(german.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        "Bitte prüfen Sie 5 Angaben:",
        "Bitte geben Sie einen Titel mit mindestens 3 Zeichen ein.",
        "Zeile 1: „morgen abend“ ist kein Termin.",
        "Bitte geben Sie den Preis in Euro an, z. B. 12 oder 12,50.",
    ] {
        assert!(german.has(text), "{text}: {}", german.body);
    }
}

#[tokio::test]
async fn a_saved_event_its_list_preview_and_history_in_english() {
    let app = TestApp::new().await;
    let (org, cookie) = editor(&app).await;
    let body = format!(
        "title=Jazz+im+Keller&sparte={}&organisation={org}&venue=&location_text=Kulturkeller\
         &date_mode=weekly&date=2026-12-01&time=20%3A00&weekday=di&series_end=count&count=30\
         &duration=90&price_kind=free&language=de&action=entwurf",
        app.sparte_id("musik")
    );
    let saved = app
        .post("/en/mein-bereich/veranstaltungen/neu", &body, Some(&cookie))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let location = saved.location();
    assert!(
        location.starts_with("/en/mein-bereich/veranstaltungen/"),
        "{location}"
    );

    let edit = app.get_as(&location, &cookie).await;
    assert!(no_german_main(&edit.body));
    for text in [
        "<h1>Edit “Jazz im Keller”</h1>",
        "Saved as a draft; it is not public yet.",
        "Status: <strong>Draft</strong>",
        ">History</a>",
        "Cancel, postpone, delete",
        "Delete permanently",
    ] {
        assert!(edit.has(text), "{text}: {}", edit.body);
    }

    // The date preview: English dates, the first 24 of those up to the horizon.
    let preview = app
        .post(
            location.split('?').next().unwrap_or_default(),
            &body.replace("action=entwurf", "action=termine"),
            Some(&cookie),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview.has("These are the resulting dates (the first 24 of "),
        "{}",
        preview.body
    );
    assert!(preview.has("<li>Tuesday 1 December 2026, 8:00 pm</li>"));

    let list = app
        .get_as("/en/mein-bereich/veranstaltungen", &cookie)
        .await;
    assert!(no_german_main(&list.body));
    assert!(list.has("<h1>My events</h1>") && list.has("Enter a new event"));
    assert!(list.has("<td>Draft</td>") && list.has("Next date"));
    // The German title is marked as German on the English page.
    assert!(list.has("lang=\"de\">Jazz im Keller</a>"), "{}", list.body);
    let german_list = app.get_as("/mein-bereich/veranstaltungen", &cookie).await;
    assert!(
        german_list.has("<h1>Meine Veranstaltungen</h1>") && german_list.has("<td>Entwurf</td>")
    );

    let id = location
        .trim_start_matches("/en/mein-bereich/veranstaltungen/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let history = app
        .get_as(
            &format!("/en/mein-bereich/veranstaltungen/{id}/verlauf"),
            &cookie,
        )
        .await;
    assert_eq!(history.status, StatusCode::OK);
    assert!(no_german_main(&history.body));
    assert!(history.has("<h1>History: Jazz im Keller</h1>") && history.has("Back to editing"));
    assert!(history.has(">Who</th>"));
}

#[tokio::test]
async fn the_anonymous_suggestion_in_english() {
    let app = TestApp::new().await;
    let form = app.get("/en/veranstaltung-melden").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(no_german_main(&form.body));
    assert!(form.has("<h1>Suggest an event</h1>") && form.has("About you"));
    assert!(form.has("Send suggestion") && form.has("create an account</a>"));
    let sent = app
        .post(
            "/en/veranstaltung-melden",
            "t=1.abc&website=&submitter_name=&submitter_email=nope&title=Adventssingen&sparte=2\
             &venue=&location_text=Kirchplatz&date_mode=single&date=2026-12-20&time=16%3A00\
             &price_kind=free&action=veroeffentlichen",
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sent.has("Please give your name or your group"),
        "{}",
        sent.body
    );
    assert!(sent.has("Please give an email address"));
}

#[tokio::test]
async fn image_messages_in_english() {
    let app = TestApp::new().await;
    let (org, cookie) = editor(&app).await;
    let fields = format!(
        "title=Jazz+im+Keller&sparte={}&organisation={org}&venue=&location_text=Kulturkeller\
         &date_mode=single&date=2026-12-05&time=19%3A30&price_kind=free&image_alt=&action=entwurf",
        app.sparte_id("musik")
    );
    let page = app
        .request(multipart_post(
            "/en/mein-bereich/veranstaltungen/neu",
            &fields,
            "image",
            &png(40, 30),
            &cookie,
        ))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.has("Please describe in one sentence what can be seen in the image"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_organisation_page_and_application_in_english() {
    let app = TestApp::new().await;
    let org = app.org("jazzkeller", "Jazzkeller e. V.").await;
    let olga = app.user("olga@example.org", "member").await;
    app.member(org, olga, "owner").await;
    let cookie = app.login("olga@example.org").await;

    let page = app
        .get_as("/en/mein-bereich/organisationen/jazzkeller", &cookie)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(no_german_main(&page.body));
    for text in [
        "Verified: events appear at once.",
        "Public profile",
        "Save details",
        "Contact email",
        "Members",
        "Responsible",
        "Invite someone",
        "Import dates",
        "Subscribe to a calendar",
        "Programme on your own website",
        "API keys",
        "Create a new API key",
        ">History</h2>",
    ] {
        assert!(page.has(text), "{text}: {}", page.body);
    }
    let german = app
        .get_as("/mein-bereich/organisationen/jazzkeller", &cookie)
        .await;
    assert!(german.has("Angaben speichern") && german.has("Jemanden einladen"));

    // A wrong address comes back in English on the English form.
    let refused = app
        .post(
            "/en/mein-bereich/organisationen/jazzkeller/daten",
            "name=J&website=jazz.example&email=nope",
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.has("Please enter a name of 2 to 120 characters."),
        "{}",
        refused.body
    );
    assert!(refused.has("Please enter a valid email address."));
    let refused_de = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/daten",
            "name=J&website=jazz.example&email=nope",
            Some(&cookie),
        )
        .await;
    assert!(refused_de.has("Bitte geben Sie einen Namen mit 2 bis 120 Zeichen an."));

    let saved = app
        .post(
            "/en/mein-bereich/organisationen/jazzkeller/daten",
            "name=Jazzkeller+e.+V.&website=&email=",
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let after = app.get_as(&saved.location(), &cookie).await;
    assert!(after.has("The details are saved."), "{}", after.body);

    let apply = app
        .get_as("/en/mein-bereich/organisation-beantragen", &cookie)
        .await;
    assert!(no_german_main(&apply.body));
    assert!(apply.has("Create or join an organisation") && apply.has("Independent collective"));
    let wrong = app
        .post(
            "/en/mein-bereich/organisation-beantragen",
            "mode=neu&name=&kind=x",
            Some(&cookie),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.has("Please choose what kind of organisation it is."),
        "{}",
        wrong.body
    );
}

#[tokio::test]
async fn venue_form_moderation_and_admin_in_english() {
    let app = TestApp::new().await;
    app.venue("haus-a", "mitte", true).await;
    app.user("mo@example.org", "admin").await;
    let cookie = app.login("mo@example.org").await;

    let venue = app.get_as("/en/mein-bereich/orte/haus-a", &cookie).await;
    assert_eq!(venue.status, StatusCode::OK);
    assert!(no_german_main(&venue.body));
    for text in [
        "<h1>Edit Ort haus-a</h1>",
        "Name and description",
        "Opening hours (optional)",
        "Wednesday",
        "Step-free entrance",
        "Who checked the information?",
        "Checked on site",
        "– moderators only –",
    ] {
        assert!(venue.has(text), "{text}: {}", venue.body);
    }
    let venue_de = app.get_as("/mein-bereich/orte/haus-a", &cookie).await;
    assert!(venue_de.has("Öffnungszeiten (optional)") && venue_de.has("Vor Ort geprüft"));

    let desk = app.get_as("/en/moderation", &cookie).await;
    assert_eq!(desk.status, StatusCode::OK);
    assert!(no_german_main(&desk.body));
    assert!(desk.has("Events awaiting approval (0)") && desk.has("Nothing to do."));
    assert!(desk.has("Log of all changes") && desk.has("Organisations not yet verified"));
    let desk_de = app.get_as("/moderation", &cookie).await;
    assert!(desk_de.has("Veranstaltungen zur Freigabe (0)"));

    let log = app.get_as("/en/moderation/protokoll", &cookie).await;
    assert!(no_german_main(&log.body));
    assert!(log.has("<h1>Log</h1>") && log.has(">Details</th>"));

    let admin = app.get_as("/en/verwaltung", &cookie).await;
    assert_eq!(admin.status, StatusCode::OK);
    assert!(no_german_main(&admin.body));
    assert!(admin.has("<h1>Administration</h1>") && admin.has("Accounts and roles"));
    assert!(admin.has("Add category") && admin.has(">Moderator</option>"));
    let refused = app
        .post("/en/verwaltung/sparten", "name=X&name_en=", Some(&cookie))
        .await;
    assert!(
        refused.has("Please give the German and the English name of the category"),
        "{}",
        refused.body
    );
}
