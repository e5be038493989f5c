//! The web layer: read the request, call domain/db, render a view. The whole route table
//! is here, in one place.

pub mod about;
pub mod account;
pub mod admin;
pub mod api;
pub mod assets;
pub mod association;
pub mod cache;
pub mod cards;
pub mod categories;
pub mod charts;
pub mod consent;
pub mod csrf;
pub mod edge;
pub mod editor;
pub mod embed;
pub mod evaluation;
pub mod events;
pub mod fediverse;
pub mod fediverse_follow;
pub mod feeds;
pub mod figures;
pub mod groups;
pub mod home;
pub mod i18n;
pub mod images;
pub mod kept;
pub mod layout;
pub mod listing;
pub mod magazine;
pub mod markdown;
mod member_routes;
pub mod members;
pub mod messages;
pub mod moderation;
pub mod newsletter;
pub mod newsletter_admin;
pub mod notify;
pub mod ops;
pub mod options;
pub mod orgs;
pub mod page;
pub mod personal;
pub mod pictures;
pub mod pinboard;
pub mod planning;
pub mod proxy;
pub mod query;
pub mod queue;
pub mod reach;
pub mod reports;
pub mod scene;
pub mod schema;
pub mod share;
pub mod social;
pub mod spam;
pub mod stats;
pub mod totals;
pub mod venue_edit;
pub mod venues;
pub mod webhooks;

pub use crate::app::AppState;

use crate::error::{ApiError, AppError};
use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

/// Content Security Policy: everything from our own origin, nothing from anyone else.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The biggest request the editor accepts (an image of at most 10 MB plus the form).
const UPLOAD_LIMIT: usize = 11 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    let api = Router::new()
        .route("/events", get(api::events::list).post(api::write::create))
        .route(
            "/events/{id}",
            get(api::events::show)
                .put(api::write::update)
                .delete(api::write::delete),
        )
        .route(
            "/events/external/{external_id}",
            axum::routing::put(api::write::upsert).delete(api::write::delete_external),
        )
        .route("/articles", get(api::articles::list))
        .route("/articles/{id}", get(api::articles::show))
        .route("/venues", get(api::directory::venues))
        .route("/organizations", get(api::directory::organizations))
        .route("/categories", get(api::directory::categories))
        .route("/openapi.json", get(api::openapi::json))
        .fallback(|| async { ApiError(AppError::NotFound) })
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
        // Preflights: any site may read (GET, with conditional requests); writing stays
        // for servers with a token, so browsers of other sites are not let in.
        .layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(tower_http::cors::Any)
                .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD])
                .allow_headers([header::ACCEPT, header::IF_NONE_MATCH])
                .expose_headers([header::ETAG])
                .max_age(std::time::Duration::from_secs(86_400)),
        );
    Router::new()
        .route("/", get(home::get))
        .route("/veranstaltungen", get(events::list::get))
        .route("/veranstaltungen.ics", get(feeds::list_ics))
        .route("/veranstaltungen.rss", get(feeds::rss))
        .route("/veranstaltungen.atom", get(feeds::atom))
        .route("/veranstaltungen/{slug}", get(events::show::get))
        .route("/magazin", get(magazine::list::get))
        .route("/magazin.rss", get(magazine::feeds::rss))
        .route("/magazin.atom", get(magazine::feeds::atom))
        .route("/magazin/{slug}", get(magazine::show::get))
        .route("/magazin/autoren/{slug}", get(magazine::show::author))
        .route("/kulturszene", get(scene::index))
        .route("/kulturszene/{file}", get(scene::show))
        .route("/entdecken/{slug}", get(scene::clicked))
        .route("/wie-wir-sortieren", get(scene::explained))
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
            "/mein-bereich/ueberall-abmelden",
            post(account::log_out_everywhere),
        )
        .route(
            "/registrieren",
            get(account::register::get).post(account::register::post),
        )
        .route("/registrieren/gesendet", get(account::register::sent))
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
        .merge(member_routes::personal_calendar())
        .route("/mein-bereich/daten", get(account::privacy::export))
        .route(
            "/mein-bereich/bestaetigung-senden",
            post(account::recovery::resend),
        )
        .route(
            "/mein-bereich/konto-loeschen",
            post(account::privacy::delete),
        )
        .merge(member_routes::editorial())
        .merge(member_routes::association_routes())
        .route(
            "/static/{file}",
            get(|Path(file): Path<String>| async move {
                assets::response(&file).ok_or(AppError::NotFound)
            }),
        )
        .route("/medien/{key}", get(images::serve))
        .route("/medien/plakat/{event}/{key}", get(pictures::poster))
        .route("/medien/zuschnitt/{key}", get(pictures::cover))
        .route(
            "/medien/sozial/{kind}/{id}/{key}",
            get(social::cards::serve),
        )
        .route("/teilen/mastodon", get(share::mastodon))
        .route("/weiter/karten/{slug}", get(stats::ticket))
        .route("/weiter/teilen/{slug}/{service}", get(stats::share))
        .route("/api", get(api::openapi::docs))
        .route("/einbetten", get(embed::list))
        .route("/einbetten.js", get(embed::host_script))
        .route("/barrierefreiheit", get(about::get).post(about::post))
        .route("/leichte-sprache", get(about::easy))
        .route("/datenschutz", get(about::privacy))
        .route("/import-vorlage.csv", get(orgs::imports::csv_template))
        .route("/.well-known/webfinger", get(fediverse::webfinger))
        .route("/.well-known/nodeinfo", get(fediverse::nodeinfo_links))
        .route("/nodeinfo/2.1", get(fediverse::nodeinfo))
        .route("/ap/inbox", post(fediverse::shared_inbox))
        .route("/ap/portal/inbox", post(fediverse::portal_inbox))
        .route("/ap/portal/outbox", get(fediverse::portal_outbox))
        .route("/ap/sozial/{id}", get(fediverse::social_note))
        .route("/ap/portal/followers", get(fediverse::portal_followers))
        .route(
            "/ap/organisationen/{slug}/inbox",
            post(fediverse::organization_inbox),
        )
        .route(
            "/ap/organisationen/{slug}/outbox",
            get(fediverse::organization_outbox),
        )
        .route(
            "/ap/organisationen/{slug}/followers",
            get(fediverse::organization_followers),
        )
        .route("/ap/sparten/{slug}/inbox", post(fediverse::sparte_inbox))
        .route("/ap/sparten/{slug}/outbox", get(fediverse::sparte_outbox))
        .route(
            "/ap/sparten/{slug}/followers",
            get(fediverse::sparte_followers),
        )
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
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
