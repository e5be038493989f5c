//! Nothing a visitor sends produces a 500 or an unescaped echo.

use crate::support::TestApp;
use axum::http::StatusCode;

const BAD_PAGES: &[(&str, &str)] = &[
    ("von=2026-13-45", "„2026-13-45“ ist kein gültiges Datum"),
    ("bis=gestern", "ist kein gültiges Datum"),
    (
        "von=2026-12-10&bis=2026-12-01",
        "Das Enddatum liegt vor dem Anfangsdatum.",
    ),
    ("von=2026-01-01&bis=2028-01-01", "Der Zeitraum ist zu lang"),
    ("seite=-1", "„-1“ ist keine gültige Zahl"),
    ("seite=0", "ist keine gültige Zahl"),
    ("seite=99999999999999999999", "ist keine gültige Zahl"),
    ("datum=gestern", "„gestern“ ist kein gültiger Wert"),
    ("sparte=%3Cscript%3Ealert(1)%3C/script%3E", "gibt es nicht"),
    ("sparte=gibt-es-nicht", "„gibt-es-nicht“ gibt es nicht"),
    ("bezirk=mars", "„mars“ ist kein gültiger Wert"),
    ("ort=nirgendwo", "„nirgendwo“ gibt es nicht"),
    (
        "veranstalter=%27%3B%20DROP%20TABLE%20events%3B--",
        "gibt es nicht",
    ),
    ("kostenlos=vielleicht", "nicht vorgesehen"),
    ("zielgruppe=hunde", "kein gültiger Wert"),
];

#[tokio::test]
async fn malformed_parameters_get_a_german_400_without_echoing_markup() {
    let app = TestApp::new().await;
    for (query, message) in BAD_PAGES {
        let page = app.get(&format!("/veranstaltungen?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(page.has(message), "{query}: {}", page.body);
        assert!(page.has("Ungültige Anfrage"));
        assert!(!page.has("<script>alert"), "{query} echoed markup");
    }
}

#[tokio::test]
async fn an_overlong_search_is_refused_and_not_echoed_whole() {
    let app = TestApp::new().await;
    let long = "a".repeat(10_000);
    let page = app.get(&format!("/veranstaltungen?q={long}")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.has("höchstens 200 Zeichen"));
    assert!(page.body.len() < 5_000);
    let api = app.get(&format!("/api/v1/events?q={long}")).await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn sql_and_odd_text_in_search_is_just_text() {
    let app = TestApp::new().await;
    app.event("Konzert").on("2026-12-03 19:00").create().await;
    app.reindex().await;
    for q in [
        "%27%20OR%201%3D1--",
        "%22%3E%3Cimg%20src%3Dx%3E",
        "%E2%80%8B",
        "***",
        "%F0%9F%8E%AD",
        "%FF%FE",
    ] {
        let page = app.get(&format!("/veranstaltungen?q={q}")).await;
        assert_eq!(page.status, StatusCode::OK, "{q}");
        assert!(!page.has("<img src=x>"), "{q}");
    }
}

#[tokio::test]
async fn the_api_answers_json_errors() {
    let app = TestApp::new().await;
    for (query, code) in [
        ("from=2026-13-01", "invalid_parameter"),
        ("limit=0", "invalid_parameter"),
        ("limit=100000", "invalid_parameter"),
        ("cursor=abc", "invalid_parameter"),
        ("category=nope", "invalid_parameter"),
        ("free=maybe", "invalid_parameter"),
    ] {
        let page = app.get(&format!("/api/v1/events?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        let body = page.json();
        assert_eq!(body["error"]["code"], code, "{query}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let unknown = app.get("/api/v1/nothing-here").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn odd_paths_are_404_not_500() {
    let app = TestApp::new().await;
    for path in [
        "/veranstaltungen/%3Cscript%3E",
        "/orte/..%2F..%2Fetc",
        "/static/app.css",
        "/gibt/es/nicht",
        "/veranstaltungen/a--b",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}
