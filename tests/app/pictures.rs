//! Pictures of events: the fallback order (own picture > organiser's logo > venue's photo
//! > poster), posters drawn once and stored, and the 1200 × 630 link preview.

use crate::support::{TestApp, png};
use kulturportal::db::{event_details, images};
use kulturportal::media::{self, Limits};
use kulturportal::web::pictures::{Source, picture_for};

/// Stores a picture through the media pipeline; returns the variants JSON.
async fn stored(app: &TestApp, width: u32, height: u32) -> String {
    let bytes = png(width, height);
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

async fn id_of(app: &TestApp, slug: &str) -> i64 {
    event_details::published_id_by_slug(&app.state.db, slug)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no event {slug}"))
}

/// The `content` of a meta tag.
fn meta(page: &crate::support::Page, property: &str) -> String {
    let needle = format!("{property}\" content=\"");
    page.body
        .split_once(&needle)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(v, _)| v.replace("&#38;", "&"))
        .unwrap_or_default()
}

/// Fetches `url` (absolute on the test host) and returns its decoded size.
async fn served_size(app: &TestApp, url: &str) -> (u32, u32) {
    let path = url.trim_start_matches("http://kultur.test");
    let res = app.get(path).await;
    assert_eq!(res.status, 200, "{path}");
    let bytes = app.bytes(path).await;
    let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    (img.width(), img.height())
}

#[tokio::test]
async fn an_event_shows_its_own_picture_else_logo_else_venue_photo_else_a_poster() {
    let app = TestApp::new().await;
    let venue = app.venue("werkhalle", "suedwest", true).await;
    let org = app.org("jazz-ini", "Jazz-Initiative").await;
    let slug = app
        .event("Jazz am Abend")
        .sparte("musik")
        .venue(venue)
        .organizer(org)
        .on("2026-12-05 20:00")
        .create()
        .await;
    let id = id_of(&app, &slug).await;
    let source = || async {
        picture_for(&app.state, id)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .map(|p| p.source)
    };
    assert_eq!(source().await, Some(Source::Poster));
    let photo = stored(&app, 1600, 1000).await;
    images::seed_profile_pictures(&app.state.db, &[(venue, photo, "Die Halle".into())], &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(source().await, Some(Source::VenuePhoto));
    let logo = stored(&app, 400, 400).await;
    images::seed_profile_pictures(&app.state.db, &[], &[(org, logo, "Logo".into())])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(source().await, Some(Source::OrganizerLogo));
    let own = stored(&app, 1200, 800).await;
    images::add(
        &app.state.db,
        id,
        images::NewImage {
            alt: "Das Quartett auf der Bühne",
            credit: "Foto: Test",
            width: 1200,
            height: 800,
            variants: own,
        },
        None,
        0,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let picture = picture_for(&app.state, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("a picture"));
    assert_eq!(picture.source, Source::Own);
    assert_eq!(picture.alt, "Das Quartett auf der Bühne");
    assert!(picture.srcset.contains(" 480w"), "{}", picture.srcset);
    // The page's preview is the own picture, cut to 1200 × 630.
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    let og = meta(&page, "og:image");
    assert!(
        og.starts_with("http://kultur.test/medien/zuschnitt/"),
        "{og}"
    );
    assert_eq!(meta(&page, "twitter:image"), og);
    assert_eq!(served_size(&app, &og).await, (1200, 630));
}

#[tokio::test]
async fn a_poster_is_drawn_once_stored_and_shown_as_the_preview() {
    let app = TestApp::new().await;
    let slug = app
        .event("Die Weiße Rose")
        .sparte("theater")
        .on("2026-12-05 19:30")
        .create()
        .await;
    let page = app.get(&format!("/veranstaltungen/{slug}")).await;
    let og = meta(&page, "og:image");
    assert!(og.contains("/medien/plakat/"), "{}", page.body);
    assert!(
        meta(&page, "og:image:alt")
            .starts_with("Plakat: Die Weiße Rose – Sa., 5. Dezember 2026, 19:30 Uhr"),
        "{}",
        page.body
    );
    assert_eq!(served_size(&app, &og).await, (1200, 630));
    // Stored once: the variants are in the store, and asking again gives the same bytes.
    let path = og.trim_start_matches("http://kultur.test").to_owned();
    let key = path.rsplit('/').next().unwrap_or_default();
    let key = media::MediaKey::parse(key).unwrap_or_else(|| panic!("{key}"));
    let kept = app
        .state
        .media
        .get(&key)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(kept.is_some(), "stored after the first request");
    let first = app.bytes(&path).await;
    assert_eq!(Some(first.clone()), kept);
    assert_eq!(app.bytes(&path).await, first);
    let smaller = path.replace("-1200.jpg", "-480.jpg");
    let small =
        image::load_from_memory(&app.bytes(&smaller).await).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((small.width(), small.height()), (480, 252));
    // A key that is not this event's poster is nobody's.
    let other = format!(
        "/medien/plakat/{}/{}-1200.jpg",
        id_of(&app, &slug).await,
        "0".repeat(64)
    );
    assert_eq!(app.get(&other).await.status, 404);
}
