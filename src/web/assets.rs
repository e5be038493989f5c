//! Static assets compiled into the binary and served under content-hashed names with a
//! year-long cache: a changed file gets a new URL, so nothing stale is ever shown.
//! A leaf module: the layout links these paths and the error page uses the layout, so
//! nothing here may depend on the error type (the route answers 404 for unknown names).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::LazyLock;

struct Asset {
    path: String,
    body: &'static str,
    content_type: &'static str,
}

fn asset(stem: &str, ext: &str, body: &'static str, content_type: &'static str) -> Asset {
    let mut h = DefaultHasher::new();
    body.hash(&mut h);
    Asset {
        path: format!(
            "/static/{stem}.{:012x}.{ext}",
            h.finish() & 0xffff_ffff_ffff
        ),
        body,
        content_type,
    }
}

static CSS: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "app",
        "css",
        include_str!("../../static/app.css"),
        "text/css; charset=utf-8",
    )
});
static HTMX: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "htmx",
        "js",
        include_str!("../../static/vendor/htmx.min.js"),
        "text/javascript; charset=utf-8",
    )
});
static ENHANCE: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "enhance",
        "js",
        include_str!("../../static/enhance.js"),
        "text/javascript; charset=utf-8",
    )
});

static EMBED_FRAME: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "embed-frame",
        "js",
        include_str!("../../static/embed-frame.js"),
        "text/javascript; charset=utf-8",
    )
});

static LEAFLET_JS: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "leaflet",
        "js",
        include_str!("../../static/vendor/leaflet/leaflet.js"),
        "text/javascript; charset=utf-8",
    )
});
static LEAFLET_CSS: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "leaflet",
        "css",
        include_str!("../../static/vendor/leaflet/leaflet.css"),
        "text/css; charset=utf-8",
    )
});
static MAP_JS: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "map",
        "js",
        include_str!("../../static/map.js"),
        "text/javascript; charset=utf-8",
    )
});

/// The map page's assets (only that page loads them): Leaflet's script and styles, and
/// ours that builds the map from the page's list.
pub fn map_paths() -> [&'static str; 3] {
    [&LEAFLET_JS.path, &LEAFLET_CSS.path, &MAP_JS.path]
}

/// The script for other sites' pages, under a stable name (they link it once).
pub const EMBED_HOST: &str = include_str!("../../static/embed-host.js");

pub fn embed_frame_path() -> &'static str {
    &EMBED_FRAME.path
}

pub fn css_path() -> &'static str {
    &CSS.path
}

pub fn htmx_path() -> &'static str {
    &HTMX.path
}

pub fn enhance_path() -> &'static str {
    &ENHANCE.path
}

/// The answer for `GET /static/{file}`; `None` for a name that is not (or no longer) ours.
pub fn response(file: &str) -> Option<Response> {
    let requested = format!("/static/{file}");
    let found = [
        &*CSS,
        &*HTMX,
        &*ENHANCE,
        &*EMBED_FRAME,
        &*LEAFLET_JS,
        &*LEAFLET_CSS,
        &*MAP_JS,
    ]
    .into_iter()
    .find(|a| a.path == requested)?;
    Some(
        (
            [
                (header::CONTENT_TYPE, found.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            found.body,
        )
            .into_response(),
    )
}
