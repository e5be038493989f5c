//! `GET /api/v1/openapi.json` (OpenAPI 3.1) and `GET /api` (the same, for people). Written
//! by hand next to the handlers; a test calls every documented operation and checks that
//! the answers have the documented status and shape.

use crate::error::AppError;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn filters() -> Vec<Value> {
    let q = |name: &str, description: &str, schema: Value| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema });
    let list = |item: Value| json!({ "type": "array", "items": item });
    vec![
        q(
            "q",
            "German full-text search (umlauts folded, stems, compound parts, one typo forgiven)",
            json!({ "type": "string", "maxLength": 200 }),
        ),
        q(
            "date",
            "A named period",
            json!({ "type": "string", "enum": ["today", "tomorrow", "weekend", "week", "month"] }),
        ),
        q(
            "from",
            "First day (local, inclusive)",
            json!({ "type": "string", "format": "date" }),
        ),
        q(
            "to",
            "Last day (local, inclusive)",
            json!({ "type": "string", "format": "date" }),
        ),
        json!({ "name": "category", "in": "query", "required": false, "description": "Sparte slug (repeatable)", "schema": list(json!({ "type": "string" })), "style": "form", "explode": true }),
        json!({ "name": "district", "in": "query", "required": false, "description": "Stadtbezirk (repeatable)", "schema": list(json!({ "type": "string", "enum": ["mitte", "wattenscheid", "nord", "ost", "sued", "suedwest"] })), "style": "form", "explode": true }),
        q("venue", "Venue slug", json!({ "type": "string" })),
        q(
            "organizer",
            "Organisation slug",
            json!({ "type": "string" }),
        ),
        q("free", "Only free entry", json!({ "type": "boolean" })),
        q(
            "accessible",
            "Only step-free venues",
            json!({ "type": "boolean" }),
        ),
        json!({ "name": "audience", "in": "query", "required": false, "description": "Audience (repeatable)", "schema": list(json!({ "type": "string", "enum": ["kinder", "familie", "jugend", "senioren", "erwachsene"] })), "style": "form", "explode": true }),
        q(
            "limit",
            "Page size",
            json!({ "type": "integer", "minimum": 1, "maximum": 200, "default": 50 }),
        ),
        q(
            "cursor",
            "next_cursor of the previous page",
            json!({ "type": "string" }),
        ),
    ]
}

/// The OpenAPI 3.1 document of `/api/v1`.
pub fn document(base: &str) -> Value {
    let bearer = json!([{ "token": [] }]);
    let write_body = json!({ "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/EventInput" } } } });
    let saved = |description: &str| json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Saved" } } } });
    let id_param =
        json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
    let ext_param = json!({ "name": "external_id", "in": "path", "required": true, "description": "The caller's own id (printable ASCII, at most 200 characters)", "schema": { "type": "string", "maxLength": 200 } });
    let write_errors = |mut v: Value| {
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "400".into(),
                error_response("Malformed JSON or unknown fields"),
            );
            o.insert(
                "401".into(),
                error_response("Missing, unknown or revoked token"),
            );
            o.insert("422".into(), json!({ "description": "The event is not valid; `error.fields` names each problem (German messages)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }));
            o.insert(
                "429".into(),
                error_response("More than 1,000 writes in an hour"),
            );
        }
        v
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Kulturportal Bochum API",
            "version": "1",
            "description": "All public cultural events of Bochum. Reading needs no key (CORS `*`, ETag/If-None-Match). Writing needs an organisation's API token, created by its owners under /mein-bereich/organisationen/{slug}.",
            "license": { "name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later" }
        },
        "servers": [{ "url": format!("{base}/api/v1") }],
        "paths": {
            "/events": {
                "get": {
                    "operationId": "listEvents",
                    "summary": "Coming dates in time order, each with its event",
                    "parameters": filters(),
                    "responses": {
                        "200": { "description": "A page of dates", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/EventList" } } } },
                        "400": error_response("An invalid parameter")
                    }
                },
                "post": {
                    "operationId": "createEvent",
                    "summary": "Create an event of the token's organisation",
                    "security": bearer,
                    "requestBody": write_body,
                    "responses": write_errors(json!({ "201": saved("Created (Location: /api/v1/events/{id})") }))
                }
            },
            "/events/{id}": {
                "get": {
                    "operationId": "getEvent",
                    "summary": "One published event with its coming dates",
                    "parameters": [id_param],
                    "responses": {
                        "200": { "description": "The event", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/EventWithDates" } } } },
                        "404": error_response("No such published event")
                    }
                },
                "put": {
                    "operationId": "updateEvent",
                    "summary": "Replace an event of the token's organisation (its URL stays)",
                    "security": bearer,
                    "parameters": [id_param],
                    "requestBody": write_body,
                    "responses": write_errors(json!({ "200": saved("Updated"), "404": error_response("No such event of this organisation") }))
                },
                "delete": {
                    "operationId": "deleteEvent",
                    "summary": "Delete an event of the token's organisation",
                    "security": bearer,
                    "parameters": [id_param],
                    "responses": { "204": { "description": "Deleted" }, "401": error_response("Missing, unknown or revoked token"), "404": error_response("No such event of this organisation") }
                }
            },
            "/events/external/{external_id}": {
                "put": {
                    "operationId": "upsertEvent",
                    "summary": "Create or update by the caller's own id (idempotent)",
                    "security": bearer,
                    "parameters": [ext_param],
                    "requestBody": write_body,
                    "responses": write_errors(json!({ "200": saved("Updated"), "201": saved("Created") }))
                },
                "delete": {
                    "operationId": "deleteEventByExternalId",
                    "summary": "Delete by the caller's own id",
                    "security": bearer,
                    "parameters": [ext_param],
                    "responses": { "204": { "description": "Deleted" }, "401": error_response("Missing, unknown or revoked token"), "404": error_response("No event with this id") }
                }
            },
            "/articles": {
                "get": {
                    "operationId": "listArticles",
                    "summary": "Public magazine articles, newest first",
                    "parameters": [
                        { "name": "rubrik", "in": "query", "schema": { "type": "string", "enum": ["portraet", "interview", "hintergrund", "rueckblick", "tipps", "szene"] } },
                        { "name": "sparte", "in": "query", "schema": { "type": "string" }, "description": "Sparte slug" },
                        { "name": "seite", "in": "query", "schema": { "type": "integer", "minimum": 1 } }
                    ],
                    "responses": {
                        "200": { "description": "A page of articles", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ArticleList" } } } },
                        "400": error_response("An invalid parameter")
                    }
                }
            },
            "/articles/{id}": {
                "get": {
                    "operationId": "getArticle",
                    "summary": "One public magazine article",
                    "parameters": [id_param],
                    "responses": {
                        "200": { "description": "The article", "content": { "application/json": { "schema": { "type": "object", "required": ["data"], "properties": { "data": { "$ref": "#/components/schemas/Article" } } } } } },
                        "404": error_response("No such public article"),
                        "410": error_response("The article was withdrawn")
                    }
                }
            },
            "/venues": { "get": { "operationId": "listVenues", "summary": "All venues", "responses": { "200": { "description": "Venues", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/VenueList" } } } } } } },
            "/organizations": { "get": { "operationId": "listOrganizations", "summary": "All organisations", "responses": { "200": { "description": "Organisations", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/DataList" } } } } } } },
            "/categories": { "get": { "operationId": "listCategories", "summary": "The Sparten", "responses": { "200": { "description": "Sparten", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/DataList" } } } } } } }
        },
        "components": {
            "securitySchemes": { "token": { "type": "http", "scheme": "bearer", "description": "An organisation's API token (kp_…)" } },
            "schemas": {
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": { "error": { "type": "object", "required": ["code", "message"], "properties": {
                        "code": { "type": "string" }, "message": { "type": "string" },
                        "fields": { "type": "object", "additionalProperties": { "type": "string" } } } } }
                },
                "Occurrence": {
                    "type": "object", "required": ["id", "start", "end", "all_day", "status"],
                    "properties": { "id": { "type": "integer" }, "start": { "type": "string", "format": "date-time" }, "end": { "type": "string", "format": "date-time" },
                        "all_day": { "type": "boolean" }, "status": { "type": "string", "enum": ["scheduled", "cancelled", "postponed", "sold_out"] } }
                },
                "Event": {
                    "type": "object", "required": ["id", "slug", "url", "title", "categories", "price"],
                    "properties": { "id": { "type": "integer" }, "slug": { "type": "string" }, "url": { "type": "string", "format": "uri" },
                        "title": { "type": "string" }, "subtitle": { "type": "string" }, "description": { "type": "string", "description": "Markdown" },
                        "categories": { "type": "array" }, "tags": { "type": "array" }, "organizers": { "type": "array" },
                        "venue": { "anyOf": [{ "$ref": "#/components/schemas/Venue" }, { "type": "null" }] }, "location_text": { "type": "string" }, "price": { "type": "object" },
                        "ticket_url": { "type": "string" }, "audiences": { "type": "array" }, "min_age": { "type": ["integer", "null"] },
                        "languages": { "type": "array" }, "access_services": { "type": "array" }, "status": { "type": "string" },
                        "english": { "anyOf": [{ "$ref": "#/components/schemas/EnglishText" }, { "type": "null" }], "description": "The English texts, when the organisation wrote some" } }
                },
                "EnglishText": {
                    "type": "object", "additionalProperties": false, "required": ["title"],
                    "properties": { "title": { "type": "string", "maxLength": 200 }, "subtitle": { "type": "string", "maxLength": 200 },
                        "description": { "type": "string", "maxLength": 20000, "description": "Markdown" } }
                },
                "EventList": {
                    "type": "object", "required": ["data", "next_cursor"],
                    "properties": {
                        "data": { "type": "array", "items": { "type": "object",
                            "description": "One date (the fields of Occurrence) with its event",
                            "required": ["id", "start", "end", "all_day", "status", "event"],
                            "properties": { "id": { "type": "integer", "description": "the date's id" },
                                "start": { "type": "string", "format": "date-time" }, "end": { "type": "string", "format": "date-time" },
                                "all_day": { "type": "boolean" }, "status": { "type": "string", "enum": ["scheduled", "cancelled", "postponed", "sold_out"] },
                                "event": { "$ref": "#/components/schemas/Event" } } } },
                        "next_cursor": { "type": ["string", "null"] } }
                },
                "EventWithDates": {
                    "type": "object", "required": ["data", "occurrences"],
                    "properties": { "data": { "$ref": "#/components/schemas/Event" }, "occurrences": { "type": "array", "items": { "$ref": "#/components/schemas/Occurrence" } } }
                },
                "Article": {
                    "type": "object", "additionalProperties": false,
                    "required": ["id", "slug", "url", "rubric", "rubric_label", "title", "lead", "body", "published", "corrected", "correction", "authors", "image", "guest_organization", "links", "english"],
                    "properties": { "id": { "type": "integer" }, "slug": { "type": "string" }, "url": { "type": "string", "format": "uri" },
                        "rubric": { "type": "string", "enum": ["portraet", "interview", "hintergrund", "rueckblick", "tipps", "szene"] },
                        "rubric_label": { "type": "string" }, "title": { "type": "string" }, "lead": { "type": "string" },
                        "body": { "type": "string", "description": "Markdown; lines [[veranstaltung:slug]], [[ort:slug]], [[organisation:slug]], [[bild:key|alt|caption|credit]], [[zitat:text|who]] are embeds" },
                        "published": { "type": "string", "format": "date-time" },
                        "corrected": { "type": ["string", "null"], "format": "date-time" }, "correction": { "type": "string" },
                        "authors": { "type": "array", "items": { "type": "object", "required": ["name", "url"], "properties": { "name": { "type": "string" }, "url": { "type": "string", "format": "uri" } } } },
                        "image": { "type": ["string", "null"], "format": "uri" },
                        "guest_organization": { "type": ["integer", "null"], "description": "The member organisation that proposed it („Aus der Szene“)" },
                        "links": { "type": "array", "items": { "type": "object", "required": ["kind", "id"], "properties": { "kind": { "type": "string", "enum": ["event", "venue", "organization"] }, "id": { "type": "integer" } } } },
                        "english": { "anyOf": [{ "type": "object", "required": ["title", "lead", "body"], "properties": { "title": { "type": "string" }, "lead": { "type": "string" }, "body": { "type": "string" } } }, { "type": "null" }] } }
                },
                "ArticleList": {
                    "type": "object", "required": ["data", "total", "page", "pages"],
                    "properties": { "data": { "type": "array", "items": { "$ref": "#/components/schemas/Article" } },
                        "total": { "type": "integer" }, "page": { "type": "integer" }, "pages": { "type": "integer" } }
                },
                "DataList": { "type": "object", "required": ["data"], "properties": { "data": { "type": "array" } } },
                "Venue": {
                    "type": "object", "required": ["slug", "name", "street", "postal_code", "city", "district", "lat", "lon", "step_free", "access", "access_checked", "url"],
                    "properties": { "slug": { "type": "string" }, "name": { "type": "string" }, "street": { "type": "string" },
                        "postal_code": { "type": "string" }, "city": { "type": "string" },
                        "district": { "type": "string", "enum": ["mitte", "wattenscheid", "nord", "ost", "sued", "suedwest"] },
                        "lat": { "type": ["number", "null"] }, "lon": { "type": ["number", "null"] },
                        "step_free": { "type": "boolean" },
                        "access": { "type": "array", "description": "The access features the venue has (the values of /orte?zugang=)",
                            "items": { "type": "string", "enum": ["stufenlos", "aufzug", "rollstuhlplaetze", "rollstuhl-wc", "parkplatz", "hoeranlage", "sitzplaetze", "ruheraum", "assistenzhunde"] } },
                        "access_checked": { "type": "string", "enum": ["", "selbstauskunft", "geprueft", "reisen-fuer-alle"],
                            "description": "Who checked the access data: nobody said, the house itself, checked on site, certified „Reisen für Alle“" },
                        "url": { "type": "string", "format": "uri" } }
                },
                "VenueList": { "type": "object", "required": ["data"], "properties": { "data": { "type": "array", "items": { "$ref": "#/components/schemas/Venue" } } } },
                "Saved": {
                    "type": "object", "required": ["data"],
                    "properties": { "data": { "type": "object", "required": ["id", "slug", "url", "status"], "properties": {
                        "id": { "type": "integer" }, "slug": { "type": "string" }, "url": { "type": "string" },
                        "status": { "type": "string", "enum": ["published", "pending", "draft"], "description": "pending: the organisation is not verified yet; moderation publishes it" } } } }
                },
                "EventInput": {
                    "type": "object", "additionalProperties": false, "required": ["title", "categories", "dates"],
                    "properties": {
                        "title": { "type": "string", "minLength": 3, "maxLength": 200 },
                        "subtitle": { "type": "string", "maxLength": 200 },
                        "description": { "type": "string", "maxLength": 20000, "description": "Markdown" },
                        "categories": { "type": "array", "minItems": 1, "maxItems": 3, "items": { "type": "string", "description": "Sparte slug" } },
                        "tags": { "type": "array", "maxItems": 10, "items": { "type": "string", "maxLength": 40 } },
                        "venue": { "type": ["string", "null"], "description": "Venue slug; or leave out and give location" },
                        "location": { "type": "string", "description": "Where, in words, when there is no venue" },
                        "dates": { "type": "array", "minItems": 1, "maxItems": 200, "items": { "type": "object", "additionalProperties": false, "required": ["start"],
                            "properties": { "start": { "type": "string", "description": "Local Bochum time YYYY-MM-DDTHH:MM, or YYYY-MM-DD for a whole day" },
                                "end": { "type": "string", "description": "Local time or date" } } } },
                        "price": { "type": "object", "additionalProperties": false, "properties": {
                            "kind": { "type": "string", "enum": ["unknown", "free", "range", "text"] },
                            "min": { "type": "number" }, "max": { "type": "number" }, "text": { "type": "string" } } },
                        "ticket_url": { "type": "string", "format": "uri" },
                        "min_age": { "type": ["integer", "null"], "minimum": 0, "maximum": 99 },
                        "audiences": { "type": "array", "items": { "type": "string", "enum": ["kinder", "familie", "jugend", "senioren", "erwachsene"] } },
                        "languages": { "type": "array", "items": { "type": "string" } },
                        "access_services": { "type": "array", "items": { "type": "string", "enum": ["sign_language", "audio_description", "surtitles", "relaxed", "easy_language", "induction_loop"] } },
                        "status": { "type": "string", "enum": ["published", "draft"] },
                        "english": { "$ref": "#/components/schemas/EnglishText", "description": "The English texts (shown under /en); left out, the stored ones stay; an empty title removes them" }
                    }
                }
            }
        }
    })
}

/// `GET /api/v1/openapi.json`
pub async fn json(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    page::json(&headers, &document(&state.base_url))
}

pub struct Operation {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub auth: bool,
}

#[derive(Template)]
#[template(path = "api.html")]
pub struct DocsPage {
    pub layout: Layout,
    pub base: String,
    pub operations: Vec<Operation>,
}

/// `GET /api`: the API for people, from the same document.
pub async fn docs(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let doc = document(&state.base_url);
    let mut operations = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for (path, methods) in paths {
            if let Some(methods) = methods.as_object() {
                for (method, op) in methods {
                    operations.push(Operation {
                        method: method.to_uppercase(),
                        path: format!("/api/v1{path}"),
                        summary: op["summary"].as_str().unwrap_or("").to_owned(),
                        auth: op.get("security").is_some(),
                    });
                }
            }
        }
    }
    page::html(
        &headers,
        &DocsPage {
            layout: Layout::new(crate::i18n::Lang::current().t("api-title")).translated(),
            base: state.base_url.clone(),
            operations,
        },
    )
}
