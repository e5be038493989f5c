//! What operators ask of a running instance: is it alive (`/healthz`), may it take traffic
//! (`/readyz`), what has it done (`/metrics`, only with `KP_METRICS_TOKEN`), and one log
//! line per request with a request id that is also sent back as `X-Request-Id`.

use crate::app::AppState;
use crate::auth::constant_time_eq;
use crate::metrics::{CacheUse, Gauge, METRICS};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

/// The header that carries a request's id both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// The id a proxy sent along, when it is short and plain; else a new random one.
fn request_id(headers: &HeaderMap) -> String {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            (1..=64).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
        .map_or_else(
            || hex::encode(crate::auth::random_bytes::<8>()),
            str::to_owned,
        )
}

/// Counts and logs every request (inside the language prefix layer: the path has no `/en`).
/// The log line has no address and no query string: what visitors search stays theirs.
pub async fn observe(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(req.headers());
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let route = crate::metrics::route_of(&path);
    let mut response = next.run(req).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    let cache = match response.headers().get("x-cache").map(HeaderValue::as_bytes) {
        Some(b"hit" | b"stale") => Some(CacheUse::Hit),
        Some(b"miss") => Some(CacheUse::Miss),
        _ => None,
    };
    METRICS.request(route, status, took, cache);
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, v);
    }
    tracing::info!(
        target: "kulturportal::access",
        request_id = %id,
        method = %method,
        path = %path,
        route = crate::metrics::ROUTES[route],
        status,
        micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX),
        cache = cache.map(|c| if c == CacheUse::Hit { "hit" } else { "miss" }),
        "request"
    );
    response
}

/// Alive: the process answers. Says nothing about the database (see `/readyz`).
pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready for traffic: the database answers and has every migration this binary knows. The
/// search index is opened (and caught up with the outbox) or built before the server
/// listens, so an answer at all means it is usable. 503 with the reason otherwise (for load balancers).
pub async fn readyz(State(state): State<AppState>) -> Response {
    let text = |code, body: String| {
        (
            code,
            [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            body,
        )
            .into_response()
    };
    match state.db.readiness().await {
        Ok(None) => {}
        Ok(Some(missing)) => {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("not ready: {missing} migrations not applied\n"),
            );
        }
        Err(e) => {
            tracing::warn!(error = %e, "readiness: database");
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                "not ready: database unreachable\n".into(),
            );
        }
    }
    text(StatusCode::OK, "ready\n".into())
}

/// The Prometheus text page. Off (404) unless a token is configured; then only with
/// `Authorization: Bearer <token>`.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.metrics_token.as_deref() else {
        return crate::error::AppError::NotFound.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "token required\n",
        )
            .into_response();
    }
    let mut gauges = Vec::new();
    let pool = state.db.pool_use();
    gauges.push(Gauge {
        name: "kp_db_pool_connections",
        help: "Connections of the database pool by state; max is the pool's limit.",
        values: vec![
            ("state=\"idle\"".into(), i64::from(pool.idle)),
            (
                "state=\"used\"".into(),
                i64::from(pool.open.saturating_sub(pool.idle)),
            ),
            ("state=\"max\"".into(), i64::from(pool.max)),
        ],
    });
    match crate::db::jobs::counts(&state.db).await {
        Ok((pending, done, dead)) => gauges.push(Gauge {
            name: "kp_jobs",
            help: "Jobs of the outbox's shared consumers (notifications, webhooks, …) by state.",
            values: vec![
                ("state=\"pending\"".into(), pending),
                ("state=\"done\"".into(), done),
                ("state=\"dead\"".into(), dead),
            ],
        }),
        Err(e) => tracing::warn!(error = %e, "metrics: job counts"),
    }
    gauges.push(Gauge {
        name: "kp_search_index_builds",
        help: "Full builds of the search index since this process started (0: opened from disk and caught up).",
        values: vec![(
            String::new(),
            i64::try_from(state.search.builds()).unwrap_or(i64::MAX),
        )],
    });
    match crate::db::outbox::latest(&state.db).await {
        Ok(latest) => gauges.push(Gauge {
            name: "kp_outbox_lag",
            help: "Changes in the outbox that this instance's search index and page cache have not applied yet.",
            values: vec![(
                String::new(),
                latest.saturating_sub(state.jobs.applied()).max(0),
            )],
        }),
        Err(e) => tracing::warn!(error = %e, "metrics: outbox"),
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        METRICS.render(&gauges),
    )
        .into_response()
}
