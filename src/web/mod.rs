//! The web layer: read the request, call domain/db, render a view. The whole route table
//! is here, in one place.

pub mod account;
pub mod api;
pub mod assets;
pub mod cache;
pub mod categories;
pub mod csrf;
pub mod events;
pub mod home;
pub mod layout;
pub mod listing;
pub mod markdown;
pub mod page;
pub mod query;
pub mod venues;

pub use crate::app::AppState;

use crate::error::{ApiError, AppError};
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

/// Content Security Policy: everything from our own origin, nothing from anyone else.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub fn routes() -> Router<AppState> {
    let api = Router::new()
        .route("/events", get(api::events::list))
        .route("/events/{id}", get(api::events::show))
        .route("/venues", get(api::directory::venues))
        .route("/organizations", get(api::directory::organizations))
        .route("/categories", get(api::directory::categories))
        .fallback(|| async { ApiError(AppError::NotFound) })
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ));
    Router::new()
        .route("/", get(home::get))
        .route("/veranstaltungen", get(events::list::get))
        .route("/veranstaltungen/{slug}", get(events::show::get))
        .route("/orte", get(venues::index))
        .route("/orte/{slug}", get(venues::show))
        .route("/sparten", get(categories::index))
        .route("/sparten/{slug}", get(categories::show))
        .route(
            "/anmelden",
            get(account::login::get).post(account::login::post),
        )
        .route("/abmelden", post(account::login::logout))
        .route(
            "/registrieren",
            get(account::register::get).post(account::register::post),
        )
        .route("/mein-bereich", get(account::home::get))
        .route(
            "/e-mail-bestaetigen/{token}",
            get(account::recovery::verify),
        )
        .route(
            "/passwort-vergessen",
            get(account::recovery::forgot).post(account::recovery::forgot_post),
        )
        .route(
            "/passwort-zuruecksetzen/{token}",
            get(account::recovery::reset).post(account::recovery::reset_post),
        )
        .route("/mein-bereich/daten", get(account::privacy::export))
        .route(
            "/mein-bereich/konto-loeschen",
            post(account::privacy::delete),
        )
        .route("/static/{file}", get(assets::serve))
        .route("/healthz", get(|| async { "ok" }))
        .nest("/api/v1", api)
        .fallback(|| async { AppError::NotFound })
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
}
