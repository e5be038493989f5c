//! The OpenAPI document against the running API: every documented operation answers with
//! a documented status, and its body has the documented shape.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;

/// A small JSON-Schema check for the parts the document uses: `$ref`, `type` (one or a
/// list), `anyOf`, `required`, `properties`, `items`, `enum`, `additionalProperties: false`.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(branches) = schema["anyOf"].as_array() {
        let fits = branches.iter().any(|b| {
            let mut own = Vec::new();
            check(doc, b, value, at, &mut own);
            own.is_empty()
        });
        if !fits {
            problems.push(format!("{at}: matches none of anyOf: {value}"));
        }
        return;
    }
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return check(
            doc,
            &doc["components"]["schemas"][name],
            value,
            at,
            problems,
        );
    }
    let type_ok = |t: &str| match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => true,
    };
    match &schema["type"] {
        Value::String(t) if !type_ok(t) => problems.push(format!("{at}: not {t}: {value}")),
        Value::Array(ts) if !ts.iter().filter_map(Value::as_str).any(type_ok) => {
            problems.push(format!("{at}: none of {ts:?}: {value}"));
        }
        _ => {}
    }
    if let Some(list) = schema["enum"].as_array()
        && !list.contains(value)
    {
        problems.push(format!("{at}: {value} not in {list:?}"));
    }
    if let Some(obj) = value.as_object() {
        for r in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !obj.contains_key(r) {
                problems.push(format!("{at}: missing {r}"));
            }
        }
        if let Some(props) = schema["properties"].as_object() {
            for (k, v) in obj {
                match props.get(k) {
                    Some(s) => check(doc, s, v, &format!("{at}.{k}"), problems),
                    None if schema["additionalProperties"] == Value::Bool(false) => {
                        problems.push(format!("{at}: undocumented {k}"));
                    }
                    None => {}
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate().take(5) {
            check(doc, items, v, &format!("{at}[{i}]"), problems);
        }
    }
}

/// Checks a response against the operation's documented answer for its status.
pub fn conforms(
    doc: &Value,
    path: &str,
    method: &str,
    status: StatusCode,
    body: &str,
) -> Vec<String> {
    let op = &doc["paths"][path][method];
    let answer = &op["responses"][status.as_str()];
    if answer.is_null() {
        return vec![format!(
            "{method} {path}: status {status} is not documented"
        )];
    }
    let schema = &answer["content"]["application/json"]["schema"];
    if schema.is_null() {
        return Vec::new();
    }
    let value: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let mut problems = Vec::new();
    check(
        doc,
        schema,
        &value,
        &format!("{method} {path} {status}"),
        &mut problems,
    );
    problems
}

fn call(method: &str, uri: &str, token: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    r.body(Body::from(body.to_owned()))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn every_documented_operation_behaves_as_documented() {
    let app = TestApp::new().await;
    let venue = app.venue("kellerbuehne", "mitte", true).await;
    let org = app.org("jazzkeller", "Jazzkeller").await;
    app.event("Jazz")
        .sparte("musik")
        .venue(venue)
        .organizer(org)
        .on("2026-12-05 19:30")
        .create()
        .await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let docs = app.get("/api").await;
    assert!(docs.has("/api/v1/events/external/{external_id}") && docs.has("openapi.json"));
    let mut problems = Vec::new();
    // Reading.
    for path in ["/events", "/venues", "/organizations", "/categories"] {
        let page = app.get(&format!("/api/v1{path}")).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        problems.extend(conforms(&doc, path, "get", page.status, &page.body));
    }
    let id = app.get("/api/v1/events").await.json()["data"][0]["event"]["id"]
        .as_i64()
        .unwrap_or(0);
    let one = app.get(&format!("/api/v1/events/{id}")).await;
    problems.extend(conforms(&doc, "/events/{id}", "get", one.status, &one.body));
    let missing = app.get("/api/v1/events/999999").await;
    problems.extend(conforms(
        &doc,
        "/events/{id}",
        "get",
        missing.status,
        &missing.body,
    ));
    let bad = app.get("/api/v1/events?limit=0").await;
    problems.extend(conforms(&doc, "/events", "get", bad.status, &bad.body));
    // Writing, with a token of the organisation.
    let owner = app.user("olga@example.org", "member").await;
    app.member(org, owner, "owner").await;
    let cookie = app.login("olga@example.org").await;
    let created = app
        .post(
            "/mein-bereich/organisationen/jazzkeller/api-schluessel",
            "token_name=Test",
            Some(&cookie),
        )
        .await;
    let token = created
        .body
        .split("readonly value=\"kp_")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|t| format!("kp_{t}"))
        .unwrap_or_default();
    let input = r#"{"title": "Lesung", "categories": ["literatur"], "venue": "kellerbuehne", "dates": [{"start": "2026-12-06T18:00"}], "price": {"kind": "free"}}"#;
    let cases: Vec<(&str, String, &str, Option<&str>, &str)> = vec![
        ("/events", "/api/v1/events".into(), "post", None, input),
        (
            "/events",
            "/api/v1/events".into(),
            "post",
            Some(&token),
            input,
        ),
        (
            "/events",
            "/api/v1/events".into(),
            "post",
            Some(&token),
            "{\"title\": 5}",
        ),
        (
            "/events",
            "/api/v1/events".into(),
            "post",
            Some(&token),
            r#"{"title": "X"}"#,
        ),
        (
            "/events/external/{external_id}",
            "/api/v1/events/external/a-1".into(),
            "put",
            Some(&token),
            input,
        ),
        (
            "/events/external/{external_id}",
            "/api/v1/events/external/a-1".into(),
            "put",
            Some(&token),
            input,
        ),
        (
            "/events/{id}",
            format!("/api/v1/events/{id}"),
            "put",
            Some(&token),
            input,
        ),
        (
            "/events/{id}",
            format!("/api/v1/events/{id}"),
            "delete",
            Some(&token),
            "",
        ),
        (
            "/events/external/{external_id}",
            "/api/v1/events/external/a-1".into(),
            "delete",
            Some(&token),
            "",
        ),
        (
            "/events/external/{external_id}",
            "/api/v1/events/external/a-1".into(),
            "delete",
            Some(&token),
            "",
        ),
    ];
    let mut statuses = Vec::new();
    for (doc_path, uri, method, tok, body) in cases {
        let page = app
            .request(call(&method.to_uppercase(), &uri, tok, body))
            .await;
        statuses.push(page.status.as_u16());
        problems.extend(conforms(&doc, doc_path, method, page.status, &page.body));
    }
    assert_eq!(
        statuses,
        vec![401, 201, 400, 422, 201, 200, 200, 204, 204, 404]
    );
    assert!(
        problems.is_empty(),
        "the API differs from its document:\n{}",
        problems.join("\n")
    );
}
