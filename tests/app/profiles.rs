//! Venue and organisation profiles in detail: who edits a venue, which of its changes wait
//! for moderation, access filters, opening hours, the map page with and without tiles,
//! photos and logos.

use crate::support::{TestApp, multipart_post, png};
use axum::http::StatusCode;
use kulturportal::db::seed::{self, NewVenue};

async fn venue_at(app: &TestApp, slug: &str, step_free: bool, at: Option<(f64, f64)>) -> i64 {
    let v = NewVenue {
        slug: slug.into(),
        name: format!("Ort {slug}"),
        street: "Teststraße 1".into(),
        postal_code: "44787".into(),
        district: "mitte".into(),
        lat: at.map(|a| a.0),
        lon: at.map(|a| a.1),
        description: String::new(),
        website: String::new(),
        step_free,
        wheelchair_wc: false,
        wheelchair_spaces: false,
        lift: false,
        parking: false,
        induction_loop: false,
        access_notes: String::new(),
    };
    seed::insert_venues(&app.state.db, vec![v], 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"))[0]
}

/// A portal without the page micro-cache: these tests read pages right after writes.
async fn uncached() -> TestApp {
    let mut app = TestApp::new().await;
    app.state.page_cache = std::time::Duration::ZERO;
    app.rebuild_router();
    app
}

const VALID: &str =
    "name=Ort+kellerbuehne&street=Teststra%C3%9Fe+1&postal_code=44787&district=mitte";

#[tokio::test]
async fn keepers_edit_a_venue_and_access_changes_wait_for_moderation() {
    let app = uncached().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let venue = venue_at(&app, "kellerbuehne", false, None).await;
    kulturportal::db::venues::set_keeper(&app.state.db, venue, Some(org), None, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let other = app.org("anderswo", "Anderswo").await;
    let olaf = app.user("olaf@example.org", "member").await;
    app.member(other, olaf, "owner").await;
    app.user("mo@example.org", "moderator").await;
    let eva = app.login("eva@example.org").await;
    let olaf = app.login("olaf@example.org").await;
    let mo = app.login("mo@example.org").await;
    let edit = "/mein-bereich/orte/kellerbuehne";

    // Only the keeper's people and moderators edit the venue.
    assert_eq!(app.get_as(edit, &olaf).await.status, StatusCode::FORBIDDEN);
    let post = app.post(edit, VALID, Some(&olaf)).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_ne!(app.get(edit).await.status, StatusCode::OK);
    let form = app.get_as(edit, &eva).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.has("Öffnungszeiten") && form.has("Änderungen prüft die Moderation"));
    assert!(
        !form.has("Gepflegt von"),
        "keepers do not hand the venue on"
    );
    // The organisation's page links the venue it keeps.
    assert!(
        app.get_as("/mein-bereich/organisationen/jazzkeller", &eva)
            .await
            .has("href=\"/mein-bereich/orte/kellerbuehne\"")
    );

    // Bad input: German messages, and what was typed stays.
    let bad = app
        .post(
            edit,
            "name=Ort+kellerbuehne&street=Teststra%C3%9Fe+1&postal_code=447&district=mitte&hours_fr=abends&lat=51.4",
            Some(&eva),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("fünfstellige Postleitzahl"));
    assert!(bad.has("Uhrzeiten wie") || bad.has("Zeitspanne"));
    assert!(bad.has("Breite und Länge"));
    assert!(bad.has("value=\"abends\"") && bad.has("value=\"447\""));

    // Details go live at once; the lift and the step-free entrance wait.
    let saved = app
        .post(
            edit,
            &format!(
                "{VALID}&description=Gew%C3%B6lbekeller+mit+60+Pl%C3%A4tzen&hours_di=10-18&hours_note=Feiertags+zu\
                 &access=aufzug&access=stufenlos&access_checked=selbstauskunft"
            ),
            Some(&eva),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(
        saved
            .headers
            .get("location")
            .is_some_and(|l| l == "/mein-bereich/orte/kellerbuehne?ok=vorgeschlagen")
    );
    let public = app.get("/orte/kellerbuehne").await;
    assert!(public.has("Gewölbekeller mit 60 Plätzen"));
    assert!(public.has("<th scope=\"row\">Dienstag</th><td>10:00–18:00 Uhr</td>"));
    assert!(public.has("<th scope=\"row\">Montag</th><td>geschlossen</td>"));
    assert!(public.has("Feiertags zu") && public.has("\"openingHoursSpecification\""));
    assert!(public.has("Kein stufenloser Zugang") && !public.has("<li>Aufzug</li>"));
    assert!(!app.get("/orte?zugang=aufzug").await.has("Ort kellerbuehne"));
    let waiting = app.get_as(edit, &eva).await;
    assert!(waiting.has("Wartet auf die Moderation") && waiting.has("Aufzug: „nein“ → „ja“"));

    // The moderator sees what changed, needs a reason to refuse, and applies it.
    let desk = app.get_as("/moderation", &mo).await;
    assert!(desk.has("Geänderte Orte") && desk.has("Ort kellerbuehne"));
    assert!(desk.has("<th scope=\"row\">Aufzug</th><td>nein</td><td>ja</td>"));
    let id = desk
        .body
        .split("/moderation/ortsaenderungen/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    let no_reason = app
        .post(
            &format!("/moderation/ortsaenderungen/{id}/ablehnen"),
            "reason=",
            Some(&mo),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert!(no_reason.has("begründen"));
    assert_eq!(
        app.post(
            &format!("/moderation/ortsaenderungen/{id}/freigeben"),
            "",
            Some(&eva)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let done = app
        .post(
            &format!("/moderation/ortsaenderungen/{id}/freigeben"),
            "",
            Some(&mo),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let public = app.get("/orte/kellerbuehne").await;
    assert!(public.has("<li>Aufzug</li>") && public.has("<li>Stufenloser Zugang</li>"));
    assert!(public.has("Angaben des Hauses (nicht vor Ort geprüft)"));
    assert!(app.get("/orte?zugang=aufzug").await.has("Ort kellerbuehne"));
    assert!(app.mails().iter().any(
        |m| m.contains("eva@example.org") && m.contains("http://kultur.test/orte/kellerbuehne")
    ));

    // A refused change leaves the venue as it was and tells why.
    app.post(
        edit,
        &format!(
            "{VALID}&access=aufzug&access=stufenlos&access=ruheraum&access_checked=reisen-fuer-alle"
        ),
        Some(&eva),
    )
    .await;
    let desk = app.get_as("/moderation", &mo).await;
    let id = desk
        .body
        .split("/moderation/ortsaenderungen/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_owned();
    app.post(
        &format!("/moderation/ortsaenderungen/{id}/ablehnen"),
        "reason=Bitte+Zertifikat+beilegen",
        Some(&mo),
    )
    .await;
    let public = app.get("/orte/kellerbuehne").await;
    assert!(
        !public.has("<li>Ruheraum</li>") && !public.has("Reisen für Alle"),
        "{}",
        public.body
    );
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("Bitte Zertifikat beilegen")
                && m.contains("http://kultur.test/mein-bereich/orte/kellerbuehne"))
    );
    assert!(!app.get_as("/moderation", &mo).await.has("Ort kellerbuehne"));

    // Moderators' own edits go live at once, and they name the keeper.
    let direct = app
        .post(
            edit,
            &format!("{VALID}&access=stufenlos&access=aufzug&access=ruheraum&keeper={other}"),
            Some(&mo),
        )
        .await;
    assert_eq!(direct.status, StatusCode::SEE_OTHER);
    let public = app.get("/orte/kellerbuehne").await;
    assert!(
        public.has("<li>Ruheraum</li>")
            && public.has("Betrieben von <a href=\"/kulturszene/anderswo\">")
    );
    assert_eq!(app.get_as(edit, &eva).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get_as(edit, &olaf).await.status, StatusCode::OK);
    let log = app.get_as("/moderation/protokoll", &mo).await;
    assert!(log.has("eine Änderung am Ort") && log.has("“ übernommen.") && log.has("“ abgelehnt."));
}

#[tokio::test]
async fn venues_filter_by_access_and_the_map_works_without_tiles() {
    let mut app = uncached().await;
    venue_at(&app, "rampe", true, Some((51.4706, 7.2186))).await;
    venue_at(&app, "treppe", false, Some((51.4835, 7.3234))).await;
    venue_at(&app, "irgendwo", true, None).await;
    app.org("chor", "Chor am Ort").await;

    let list = app.get("/orte?zugang=stufenlos").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.has("Ort rampe") && list.has("Ort irgendwo") && !list.has("Ort treppe"));
    assert!(list.has("2 Orte"));
    let none = app.get("/orte?zugang=stufenlos&zugang=ruheraum").await;
    assert!(none.has("Kein Ort erfüllt alle gewählten Angaben"));
    let bad = app.get("/orte?zugang=%3Cscript%3E&ansicht=globus").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.has("kein gültiger Wert") && !bad.has("<script>"));
    let scene = app.get("/kulturszene?zugang=stufenlos").await;
    assert!(scene.has("Ort rampe") && !scene.has("Chor am Ort") && !scene.has("Ort treppe"));
    assert_eq!(
        app.get("/kulturszene?zugang=fliegen").await.status,
        StatusCode::BAD_REQUEST
    );

    // No tile server: the page draws its own overview and names every venue.
    let map = app.get("/orte?ansicht=karte").await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(map.has("<svg") && map.has("Lageplan"));
    assert_eq!(map.body.matches("<circle").count(), 2);
    assert!(map.has("aria-label=\"1. Ort rampe\"") || map.has("aria-label=\"2. Ort rampe\""));
    assert!(map.has("Ohne Lage auf der Karte") && map.has("Ort irgendwo"));
    assert!(!map.has("leaflet") && !map.has("id=\"karte\""));
    let csp = map
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    // The filter applies to the map too.
    let filtered = app.get("/orte?ansicht=karte&zugang=stufenlos").await;
    assert_eq!(filtered.body.matches("<circle").count(), 1);

    // With tiles configured, the map page loads Leaflet from us and tiles from there only.
    app.state.map = Some(
        kulturportal::config::MapTiles::parse("http://127.0.0.1:9/tiles/{z}/{x}/{y}.png", "© Test")
            .unwrap_or_else(|e| panic!("{e}")),
    );
    app.rebuild_router();
    let map = app.get("/orte?ansicht=karte").await;
    assert!(
        map.has("id=\"karte\"")
            && map.has("data-tiles=\"http://127.0.0.1:9/tiles/{z}/{x}/{y}.png\"")
    );
    assert!(
        map.has("/static/leaflet.") && map.has("<svg"),
        "the overview stays for no-JS"
    );
    let csp = map
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.contains("img-src 'self' data: http://127.0.0.1:9;"),
        "{csp}"
    );
    let script = map
        .body
        .split("src=\"")
        .find(|s| s.starts_with("/static/leaflet."))
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let js = app.get(&script).await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.has("Leaflet 1.9.4"));
    // Other pages keep the strict policy.
    let other = app.get("/orte").await;
    assert!(
        other
            .headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| !c.contains("127.0.0.1:9"))
    );
    assert!(
        kulturportal::config::MapTiles::parse("https://{s}.tile.example/{z}/{x}/{y}.png", "")
            .is_err()
    );
    assert!(kulturportal::config::MapTiles::parse("https://tiles.example/", "").is_err());
}

#[tokio::test]
async fn logos_and_venue_photos_need_alt_text_and_show_on_profiles() {
    let app = uncached().await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    let venue = venue_at(&app, "kellerbuehne", true, None).await;
    kulturportal::db::venues::set_keeper(&app.state.db, venue, Some(org), None, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let eva = app.user("eva@example.org", "member").await;
    app.member(org, eva, "editor").await;
    let eva = app.login("eva@example.org").await;
    let logo = "/mein-bereich/organisationen/jazzkeller/logo";

    let no_alt = app
        .request(multipart_post(
            logo,
            "logo_alt=",
            "logo",
            &png(400, 200),
            &eva,
        ))
        .await;
    assert_eq!(no_alt.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_alt.has("Alternativtext"));
    let broken = app
        .request(multipart_post(
            logo,
            "logo_alt=Logo+des+Jazzkellers",
            "logo",
            b"kein Bild",
            &eva,
        ))
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        broken.has("JPEG, PNG oder WebP")
            && broken.has("aria-invalid=\"true\" aria-describedby=\"e-logo\"")
    );
    let ok = app
        .request(multipart_post(
            logo,
            "logo_alt=Logo+des+Jazzkellers",
            "logo",
            &png(400, 200),
            &eva,
        ))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let profile = app.get("/kulturszene/jazzkeller").await;
    assert!(profile.has("class=\"org-logo\"") && profile.has("alt=\"Logo des Jazzkellers\""));
    assert!(profile.has("\"logo\":\"http://kultur.test/medien/"));
    let src = profile
        .body
        .split("class=\"org-logo\" src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(app.get(&src).await.status, StatusCode::OK);
    assert!(profile.has("Eigene Häuser") && profile.has("href=\"/orte/kellerbuehne\""));

    // A venue photo, sent with the venue form.
    let photo = app
        .request(multipart_post(
            "/mein-bereich/orte/kellerbuehne",
            &format!("{VALID}&access=stufenlos&image_alt=Die+B%C3%BChne+im+Gew%C3%B6lbekeller"),
            "image",
            &png(1200, 800),
            &eva,
        ))
        .await;
    assert_eq!(photo.status, StatusCode::SEE_OTHER, "{}", photo.body);
    let page = app.get("/orte/kellerbuehne").await;
    assert!(page.has("alt=\"Die Bühne im Gewölbekeller\"") && page.has("srcset=\"/medien/"));
    assert!(page.has("<meta property=\"og:image\" content=\"http://kultur.test/medien/"));

    // Removing the logo without a new file.
    let removed = app
        .request(multipart_post(logo, "remove_logo=1", "other", b"", &eva))
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(!app.get("/kulturszene/jazzkeller").await.has("org-logo"));
}
