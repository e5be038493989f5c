//! A micro-cache for anonymous GETs: the same page asked for again within a few seconds
//! is answered from memory, already compressed. Entries die with age or as soon as the
//! events change (the search index's generation moves on every rebuild). Only one request
//! per page renders at a time: the others wait for it, or get the previous answer while it
//! is being refreshed (for at most a few lifetimes). Requests with a cookie or credentials
//! always go to the handlers.

use crate::search::SearchIndex;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Largest body kept; bigger answers are passed through.
const MAX_BODY: usize = 512 * 1024;
/// Memory bound of the whole cache.
const MAX_BYTES: usize = 32 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    /// The language of the interface: the URI here is the one without its prefix.
    lang: crate::i18n::Lang,
    /// The other language the browser prefers (the page offers it).
    suggest: Option<crate::i18n::Lang>,
    uri: String,
    htmx: bool,
    /// Asked for ActivityPub JSON instead of the page (content negotiation).
    activity: bool,
    encoding: String,
}

struct Entry {
    stored: Instant,
    generation: u64,
    headers: HeaderMap,
    body: Bytes,
}

pub struct PageCache {
    ttl: Duration,
    search: SearchIndex,
    entries: Mutex<(HashMap<Key, Entry>, usize)>,
    renders: Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
}

enum Lookup {
    Fresh(HeaderMap, Bytes),
    Stale(HeaderMap, Bytes),
    Missing,
}

/// How many lifetimes an entry may be served while one request refreshes it.
const STALE_LIFETIMES: u32 = 6;

impl PageCache {
    pub fn new(ttl: Duration, search: SearchIndex) -> PageCache {
        PageCache {
            ttl,
            search,
            entries: Mutex::new((HashMap::new(), 0)),
            renders: Mutex::new(HashMap::new()),
        }
    }

    fn lookup(&self, key: &Key) -> Lookup {
        let generation = self.search.generation();
        let Ok(guard) = self.entries.lock() else {
            return Lookup::Missing;
        };
        match guard.0.get(key) {
            Some(e) if e.generation == generation && e.stored.elapsed() < self.ttl => {
                Lookup::Fresh(e.headers.clone(), e.body.clone())
            }
            Some(e)
                if e.generation == generation
                    && e.stored.elapsed() < self.ttl * STALE_LIFETIMES =>
            {
                Lookup::Stale(e.headers.clone(), e.body.clone())
            }
            _ => Lookup::Missing,
        }
    }

    /// The lock that lets one request at a time render `key`.
    fn render_lock(&self, key: &Key) -> Arc<tokio::sync::Mutex<()>> {
        let Ok(mut map) = self.renders.lock() else {
            return Arc::default();
        };
        if map.len() > 10_000 {
            map.clear();
        }
        map.entry(key.clone()).or_default().clone()
    }

    fn put(&self, key: Key, generation: u64, headers: HeaderMap, body: Bytes) {
        let Ok(mut guard) = self.entries.lock() else {
            return;
        };
        let (map, bytes) = &mut *guard;
        if *bytes + body.len() > MAX_BYTES {
            map.clear();
            *bytes = 0;
        }
        *bytes += body.len();
        if let Some(old) = map.insert(
            key,
            Entry {
                stored: Instant::now(),
                generation,
                headers,
                body,
            },
        ) {
            *bytes -= old.body.len();
        }
    }
}

fn cacheable(req: &Request) -> bool {
    req.method() == Method::GET
        && !req.headers().contains_key(header::COOKIE)
        && !req.headers().contains_key(header::AUTHORIZATION)
        && !req.uri().path().starts_with("/static/")
        && req.uri().path() != "/healthz"
}

fn not_modified(request: &HeaderMap, headers: &HeaderMap) -> bool {
    let etag = headers.get(header::ETAG).and_then(|v| v.to_str().ok());
    let asked = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    matches!((etag, asked), (Some(e), Some(a)) if a.split(',').any(|t| t.trim() == e))
}

fn respond(request: &HeaderMap, headers: HeaderMap, body: Bytes) -> Response {
    if not_modified(request, &headers) {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
            if let Some(v) = headers.get(&name) {
                r.headers_mut().insert(name, v.clone());
            }
        }
        return r;
    }
    let mut r = Response::new(Body::from(body));
    *r.headers_mut() = headers;
    r
}

fn hit(request: &HeaderMap, mut headers: HeaderMap, body: Bytes, how: &'static str) -> Response {
    headers.insert("x-cache", HeaderValue::from_static(how));
    respond(request, headers, body)
}

/// The middleware (outside compression, so hits are served compressed as stored).
pub async fn layer(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    if cache.ttl.is_zero() || !cacheable(&req) {
        return next.run(req).await;
    }
    let request_headers = req.headers().clone();
    let key = Key {
        lang: crate::i18n::Lang::current(),
        suggest: crate::web::i18n::suggested(),
        uri: req.uri().to_string(),
        htmx: request_headers.get("HX-Request").is_some(),
        activity: crate::web::fediverse::wants_activity(&request_headers),
        encoding: request_headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
    };
    let lock = cache.render_lock(&key);
    let _guard = match cache.lookup(&key) {
        Lookup::Fresh(headers, body) => return hit(&request_headers, headers, body, "hit"),
        Lookup::Stale(headers, body) => match lock.try_lock_owned() {
            Ok(guard) => guard,
            Err(_) => return hit(&request_headers, headers, body, "stale"),
        },
        Lookup::Missing => {
            let guard = lock.lock_owned().await;
            // Whoever held the lock may have rendered it meanwhile.
            if let Lookup::Fresh(headers, body) = cache.lookup(&key) {
                return hit(&request_headers, headers, body, "hit");
            }
            guard
        }
    };
    // Read the generation before rendering: a rebuild meanwhile makes this entry stale.
    let generation = cache.search.generation();
    let mut req = req;
    req.headers_mut().remove(header::IF_NONE_MATCH);
    let response = next.run(req).await;
    // Only what the handler itself declared public is kept (one-time links, personal
    // pages and errors are not).
    let public = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|d| d.trim() == "public"));
    if response.status() != StatusCode::OK
        || !public
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "response too large to cache",
        )
            .into_response();
    };
    let mut headers = parts.headers;
    cache.put(key, generation, headers.clone(), bytes.clone());
    headers.insert("x-cache", HeaderValue::from_static("miss"));
    respond(&request_headers, headers, bytes)
}
