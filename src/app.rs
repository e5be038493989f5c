//! The application: its shared state, the router with its middleware, and `serve`.

use crate::clock::SharedClock;
use crate::db::sessions::DbSessionStore;
use crate::db::{self, Db};
use crate::mail::Mailer;
use crate::search::{Opened, SearchIndex};
use crate::web;
use anyhow::Context;
use axum::Router;
use axum::middleware;
use std::sync::Arc;
use std::time::Duration;
use tower_http::CompressionLevel;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use web::cache::PageCache;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub search: SearchIndex,
    pub clock: SharedClock,
    /// The Sparten, loaded at start and reloaded when administration changes them.
    pub categories: Categories,
    /// Public base URL without trailing slash, for absolute links.
    pub base_url: String,
    /// How long anonymous pages are answered from memory (zero: never).
    pub page_cache: Duration,
    pub mailer: Mailer,
    /// Where uploaded images live (a folder by default; the seam takes object stores).
    pub media: Arc<dyn crate::media::MediaStore>,
    /// Signs the timestamps of anonymous forms (minimum fill time).
    pub form_secret: web::spam::FormSecret,
    /// The venue map's tile server, when the operator configured one.
    pub map: Option<crate::config::MapTiles>,
    /// What subscribed calendars and imported pages may be fetched from.
    pub fetch: crate::fetch::FetchPolicy,
    /// How often subscribed calendars are fetched again.
    pub feed_interval: Duration,
    /// How many bytes of files a working group may keep, all versions counted.
    pub group_quota: u64,
    /// Days after an article's publication during which it takes comments.
    pub comment_days: i64,
    /// The outbox's consumers on this instance, and the shared job worker.
    pub jobs: crate::jobs::Jobs,
    /// Uploaded images decoded at once (decoding needs memory by the pixel; see
    /// `web::images::accept`).
    pub image_decodes: Arc<tokio::sync::Semaphore>,
    /// The cookieless counter (aggregates in memory until the next flush).
    pub stats: Arc<crate::stats::Stats>,
    /// How mailings are sent (rate, batch size).
    pub mail_limits: crate::mail::Limits,
    /// The bearer token that opens `/metrics` (closed without one).
    pub metrics_token: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the visitor (`KP_TRUSTED_PROXIES`).
    pub trusted_proxies: web::proxy::TrustedProxies,
    /// Totals of lists, remembered until events change (`web::totals`).
    pub totals: Arc<web::totals::Totals>,
    /// Cards of lists, remembered until events change (`web::cards`).
    pub cards: Arc<web::cards::Cards>,
    /// The API's event objects, kept until events change (`web::kept`).
    pub api_events: Arc<web::api::events::KeptEvents>,
    /// The public event pages' parts, kept until events change (`web::kept`).
    pub event_pages: Arc<web::events::show::KeptPages>,
    /// Searches' ranked hits with dates, kept until events change or a minute passes.
    pub hits: Arc<web::listing::KeptHits>,
}

pub use crate::db::categories::Categories;

impl AppState {
    /// Loads the Sparten and builds the search index of a prepared database
    /// (see [`Db::prepare`]) in a temporary folder.
    pub async fn new(db: Db, clock: SharedClock, base_url: &str) -> anyhow::Result<AppState> {
        let (search, seen) = SearchIndex::build(&db)
            .await
            .context("building the search index")?;
        AppState::with_index(db, clock, base_url, search, seen).await
    }

    /// [`AppState::new`] with the search index kept in `dir` between starts: opened and
    /// caught up with the outbox, or built when it cannot be (see [`SearchIndex::open`]).
    pub async fn open(
        db: Db,
        clock: SharedClock,
        base_url: &str,
        dir: &std::path::Path,
    ) -> anyhow::Result<AppState> {
        let started = std::time::Instant::now();
        let (search, opened) = SearchIndex::open(&db, dir)
            .await
            .with_context(|| format!("opening the search index in {}", dir.display()))?;
        let state =
            AppState::with_index(db, clock, base_url, search.clone(), opened.outbox()).await?;
        let svc = state.services();
        state.jobs.follow(&svc).await?;
        let folder = search.folder().await.unwrap_or_default();
        let complete = match opened {
            Opened::FromDisk { .. } => search.matches(&state.db).await?,
            Opened::Built { .. } => true,
        };
        match &opened {
            Opened::FromDisk { outbox } if complete => {
                tracing::info!(
                    folder = %folder.display(),
                    from_outbox = outbox,
                    caught_up_to = state.jobs.applied(),
                    seconds = started.elapsed().as_secs_f32(),
                    "search index opened from disk"
                );
            }
            Opened::FromDisk { .. } => {
                // Events written around the outbox (`seed`): the count tells.
                let seen = db::outbox::latest(&state.db).await?;
                search.rebuild_at(&state.db, seen).await?;
                tracing::info!(
                    folder = %folder.display(),
                    reason = "it does not hold the database's published events",
                    seconds = started.elapsed().as_secs_f32(),
                    "search index rebuilt"
                );
            }
            Opened::Built { reason, .. } => tracing::info!(
                folder = %folder.display(),
                reason = %reason,
                seconds = started.elapsed().as_secs_f32(),
                "search index rebuilt"
            ),
        }
        Ok(state)
    }

    async fn with_index(
        db: Db,
        clock: SharedClock,
        base_url: &str,
        search: SearchIndex,
        seen: i64,
    ) -> anyhow::Result<AppState> {
        let categories = Categories::new(db::categories::all(&db).await?);
        let jobs = crate::jobs::Jobs::new(seen, categories.clone());
        Ok(AppState {
            db,
            search,
            clock,
            categories,
            base_url: base_url.trim_end_matches('/').to_owned(),
            page_cache: DEFAULT_PAGE_CACHE,
            mailer: Mailer::new(
                None,
                crate::mail::DEFAULT_FROM,
                std::path::Path::new("data/mails"),
            )?,
            media: Arc::new(crate::media::FsStore::new("data/media")),
            form_secret: web::spam::FormSecret::new(crate::auth::new_token().0.as_bytes()),
            map: None,
            fetch: crate::fetch::FetchPolicy::default(),
            feed_interval: Duration::from_secs(3600),
            group_quota: DEFAULT_GROUP_QUOTA,
            comment_days: crate::domain::magazine::comments::DEFAULT_OPEN_DAYS,
            jobs,
            image_decodes: Arc::new(tokio::sync::Semaphore::new(DEFAULT_IMAGE_DECODES)),
            stats: Arc::new(crate::stats::Stats::new()),
            mail_limits: crate::mail::Limits::default(),
            metrics_token: None,
            trusted_proxies: web::proxy::TrustedProxies::default(),
            totals: Arc::default(),
            cards: Arc::default(),
            api_events: Arc::default(),
            event_pages: Arc::default(),
            hits: Arc::default(),
        })
    }

    /// The narrow handle the use cases in `service/` take.
    pub fn services(&self) -> crate::service::Services {
        crate::service::Services {
            db: self.db.clone(),
            search: self.search.clone(),
            mailer: self.mailer.clone(),
            clock: self.clock.clone(),
            base_url: self.base_url.clone(),
            jobs: self.jobs.clone(),
            fetch: self.fetch.clone(),
            mail_limits: self.mail_limits,
        }
    }
}

/// The default space for a working group's files (100 MB).
pub const DEFAULT_GROUP_QUOTA: u64 = 100 * 1024 * 1024;

/// How many uploaded images are decoded at once by default.
pub const DEFAULT_IMAGE_DECODES: usize = 2;

/// The default lifetime of the page micro-cache.
pub const DEFAULT_PAGE_CACHE: Duration = Duration::from_secs(10);

/// How often counted statistics are written to the database.
pub const STATS_FLUSH: Duration = Duration::from_secs(10);

/// The complete application with middleware.
pub fn router(state: AppState) -> Router {
    let cache = Arc::new(PageCache::new(state.page_cache, state.search.clone()));
    let sessions = SessionManagerLayer::new(DbSessionStore {
        db: state.db.clone(),
    })
    .with_name("kp_session")
    .with_secure(state.base_url.starts_with("https://"))
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_expiry(Expiry::OnInactivity(
        tower_sessions::cookie::time::Duration::days(14),
    ));
    let https = state.base_url.starts_with("https://");
    let scheme = web::csrf::OwnScheme::of(&state.base_url);
    let counting = state.clone();
    let negotiating = state.clone();
    let trusted = state.trusted_proxies.clone();
    let app = web::routes()
        // ActivityPub requests for pages that are actors or objects, before routing.
        .layer(middleware::from_fn_with_state(
            negotiating,
            web::fediverse::negotiate,
        ))
        .with_state(state)
        .layer(sessions)
        .layer(middleware::from_fn_with_state(scheme, web::csrf::layer))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(middleware::from_fn_with_state(cache, web::cache::layer))
        .layer(middleware::from_fn(web::edge::layer))
        // Outside the page cache: answers from memory are counted too.
        .layer(middleware::from_fn_with_state(counting, web::stats::layer))
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn(web::ops::observe))
        // First of all: the visitor's address, when a trusted proxy names it.
        .layer(middleware::from_fn_with_state(trusted, web::proxy::layer));
    // A portal served over https tells browsers to come back over https only.
    let app = if https {
        app.layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            axum::http::HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        app
    };
    // The language prefix comes off before routing, so one route table serves every
    // language (a layer on a router with only a fallback runs before the inner routing).
    Router::new()
        .fallback_service(app)
        .layer(middleware::from_fn(web::i18n::prefix))
}

/// Serves until Ctrl-C / SIGTERM.
pub async fn serve(
    state: AppState,
    bind: &str,
    limits: crate::server::ServerLimits,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("binding {bind}"))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, backend = state.db.backend_name(), "Kulturportal listening on http://{addr}");
    // Keep recurring series expanded over the rolling horizon.
    let refresher = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(6 * 3600));
        loop {
            tick.tick().await;
            let now = refresher.clock.now();
            if let Err(e) = crate::db::series::extend_all(&refresher.db, now).await {
                tracing::warn!(error = %e, "extending recurring series failed");
            }
        }
    });
    // Subscribed calendars: every few minutes, fetch those that are due (one instance each).
    let feeds = state.clone();
    let importing = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            // At shutdown the import in hand finishes; no new one starts.
            tokio::select! {
                _ = tick.tick() => {}
                () = feeds.jobs.stopped() => return,
            }
            let every = feeds.feed_interval.as_secs() as i64;
            let svc = feeds.services();
            if let Err(e) =
                crate::subscriptions::refresh_due(&svc, &feeds.fetch, feeds.clock.now(), every)
                    .await
            {
                tracing::warn!(error = %e, "refreshing subscribed calendars failed");
            }
        }
    });
    // Magazine articles whose time has come are announced (`article.published`); the
    // pages show them from their time on without waiting for this. So are the social-media
    // desk's posts (`social.published`).
    let magazine = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            let svc = magazine.services();
            if let Err(e) = crate::service::articles::publish_due(&svc).await {
                tracing::warn!(error = %e, "publishing due articles failed");
            }
            // The social-media desk's approved posts whose time has come.
            if let Err(e) = crate::service::social::publish_due(&svc).await {
                tracing::warn!(error = %e, "publishing due social-media posts failed");
            }
        }
    });
    // The portal's own record of being up, for the evaluation's availability (every
    // instance notes the minute; missing minutes are downtime).
    let alive = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            let minute = alive.clock.now().timestamp().div_euclid(60);
            if let Err(e) = crate::db::evaluation::note_up(&alive.db, minute).await {
                tracing::warn!(error = %e, "noting the uptime failed");
            }
        }
    });
    // Pinboard posts about to expire: remind their authors (once per post).
    let reminders = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = web::pinboard::remind_expiring(&reminders).await {
                tracing::warn!(error = %e, "pinboard reminders failed");
            }
            // The daily digest goes out in the morning hour, Bochum time.
            let now = reminders.clock.now();
            if now
                .with_timezone(&crate::domain::calendar::ZONE)
                .format("%H")
                .to_string()
                == "07"
                && let Err(e) = web::notify::send_digests(&reminders).await
            {
                tracing::warn!(error = %e, "notification digests failed");
            }
        }
    });
    // The outbox: this instance follows every change (search index, page cache, Sparten;
    // PostgreSQL announces changes, else a short poll), and runs shared jobs
    // (notifications, webhooks) — with several instances, each job on one of them.
    // The statistics: what was counted goes to the database every few seconds.
    let counter = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(STATS_FLUSH);
        loop {
            tick.tick().await;
            if let Err(e) = counter.stats.flush(&counter.db, counter.clock.now()).await {
                tracing::warn!(error = %e, "writing the statistics failed");
            }
        }
    });
    state.jobs.in_background();
    let working = tokio::spawn(
        state
            .jobs
            .clone()
            .run(state.services(), Duration::from_secs(2)),
    );
    let last = state.clone();
    // SIGTERM: stop accepting, let running requests finish (server::DRAIN) ...
    crate::server::run(listener, router(state), limits, shutdown()).await?;
    // ... then let the job in hand and the import in hand finish; claimed jobs that did
    // not start go back to the queue. A job that outlasts the bound is cut off: its lease
    // runs out and another instance takes it (deliveries carry their key, so a receiver
    // can tell the repetition).
    last.jobs.stop();
    let background = async {
        let _ = working.await;
        let _ = importing.await;
    };
    if tokio::time::timeout(JOBS_DRAIN, background).await.is_err() {
        tracing::warn!("background work still running at shutdown");
    }
    // What was counted since the last flush is not lost at shutdown.
    last.stats.flush(&last.db, last.clock.now()).await?;
    tracing::info!("shut down");
    Ok(())
}

/// How long the job in hand may take to finish after the requests drained (SIGTERM).
/// Together with the server's drain this stays under systemd's and Docker's stop timeouts
/// as deploy/ sets them.
pub const JOBS_DRAIN: Duration = Duration::from_secs(15);

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
