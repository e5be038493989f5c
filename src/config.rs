//! Typed configuration from flags and environment variables, with documented defaults.

use clap::Args;

/// Where the data lives; shared by every subcommand that touches storage.
#[derive(Args, Debug, Clone)]
pub struct StorageConfig {
    /// `sqlite://path/to/file.db` (default) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/kulturportal.db"
    )]
    pub database_url: String,
}

/// Settings of the web server.
#[derive(Args, Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, env = "KP_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// The public base URL, used for absolute links in the API and feeds.
    #[arg(long, env = "KP_BASE_URL", default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
    /// Seconds an anonymous page is answered from memory (0 turns the cache off).
    #[arg(long, env = "KP_PAGE_CACHE_SECONDS", default_value_t = 10)]
    pub page_cache_seconds: u64,
    /// SMTP server for outgoing mail, e.g. `smtps://user:pass@mail.example.org`; without
    /// it, mails are written as `.eml` files into `--mail-dir`.
    #[arg(long, env = "KP_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of outgoing mail.
    #[arg(long, env = "KP_MAIL_FROM", default_value = crate::mail::DEFAULT_FROM)]
    pub mail_from: String,
    /// Folder for mails when no SMTP server is configured.
    #[arg(long, env = "KP_MAIL_DIR", default_value = "data/mails")]
    pub mail_dir: std::path::PathBuf,
    /// Mails a minute at most when sending mailings (weekly mails, reminders, newsletters);
    /// 0 sends as fast as the SMTP server takes them.
    #[arg(long, env = "KP_MAIL_PER_MINUTE", default_value_t = crate::mail::DEFAULT_PER_MINUTE)]
    pub mail_per_minute: u32,
    /// Secret that signs anonymous forms' timestamps; set the same value on every
    /// instance behind one address (random per process when unset).
    #[arg(long, env = "KP_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// Folder for uploaded images (variants in several widths).
    #[arg(long, env = "KP_MEDIA_DIR", default_value = "data/media")]
    pub media_dir: std::path::PathBuf,
    /// Folder for the search index, kept between starts (each running instance takes a
    /// folder of its own inside, by a lock): a start opens it and applies the changes
    /// recorded since, instead of indexing every event again.
    #[arg(long, env = "KP_INDEX_DIR", default_value = "data/index")]
    pub index_dir: std::path::PathBuf,
    /// Where pictures are stored instead of `KP_MEDIA_DIR`: `s3://bucket/prefix` for an
    /// S3-compatible store (with `AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`; path-style requests), or another folder.
    #[arg(long, env = "KP_STORAGE_URL", default_value = "")]
    pub storage_url: String,
    /// Reverse proxies (networks or addresses, comma-separated, e.g. `127.0.0.1`) whose
    /// `X-Forwarded-For` names the visitor; empty: the header is ignored.
    #[arg(long, env = "KP_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,
    /// Tile server for the venue map, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`
    /// (mind its usage policy). Without it the map page draws its own overview and makes
    /// no request to anyone else.
    #[arg(long, env = "KP_MAP_TILES")]
    pub map_tiles: Option<String>,
    /// Attribution the tile server requires, shown on the map.
    #[arg(
        long,
        env = "KP_MAP_ATTRIBUTION",
        default_value = "© OpenStreetMap-Mitwirkende"
    )]
    pub map_attribution: String,
    /// Networks the portal may fetch subscribed calendars from although they are private
    /// or local, comma-separated (`10.0.0.0/8,127.0.0.1/32`); by default none.
    #[arg(long, env = "KP_FETCH_ALLOW", default_value = "")]
    pub fetch_allow: String,
    /// How often subscribed calendars are fetched again (minutes, at least 5).
    #[arg(long, env = "KP_FEED_INTERVAL_MINUTES", default_value_t = 60)]
    pub feed_interval_minutes: u64,
    /// How many megabytes of files each working group may keep, all versions counted.
    #[arg(long, env = "KP_GROUP_QUOTA_MB", default_value_t = 100)]
    pub group_quota_mb: u64,
    /// Days after an article's publication during which readers may comment on it.
    #[arg(long, env = "KP_COMMENT_DAYS", default_value_t = crate::domain::magazine::comments::DEFAULT_OPEN_DAYS)]
    pub comment_days: i64,
    /// Seconds a client has to send a request's headers (also the wait for the next
    /// request on a kept-alive connection).
    #[arg(long, env = "KP_HEADER_TIMEOUT_SECONDS", default_value_t = 10)]
    pub header_timeout_seconds: u64,
    /// Seconds a request body may stall, or a client may stop reading its answer.
    #[arg(long, env = "KP_IDLE_TIMEOUT_SECONDS", default_value_t = 60)]
    pub idle_timeout_seconds: u64,
    /// Connections served at once; further ones wait in the kernel's backlog.
    #[arg(long, env = "KP_MAX_CONNECTIONS", default_value_t = 1000)]
    pub max_connections: usize,
    /// Image decodes at once (each may need up to ~100 MB); further uploads wait briefly,
    /// then get 503 with Retry-After.
    #[arg(long, env = "KP_IMAGE_DECODES", default_value_t = 2)]
    pub image_decodes: usize,
    /// Bearer token for `GET /metrics` (Prometheus text format); without it the page is off.
    #[arg(long, env = "KP_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Fill an empty database with the Bochum demo data before serving.
    #[arg(long)]
    pub demo: bool,
}

/// A checked tile server for the venue map.
#[derive(Debug, Clone)]
pub struct MapTiles {
    /// URL template with `{z}`, `{x}` and `{y}`.
    pub url: String,
    pub attribution: String,
    /// `scheme://host[:port]`, for the map page's Content Security Policy.
    pub origin: String,
}

impl MapTiles {
    pub fn parse(template: &str, attribution: &str) -> anyhow::Result<MapTiles> {
        if !["{z}", "{x}", "{y}"].iter().all(|p| template.contains(p)) {
            anyhow::bail!("KP_MAP_TILES needs {{z}}, {{x}} and {{y}} in it: {template}");
        }
        let probe = template
            .replace("{z}", "0")
            .replace("{x}", "0")
            .replace("{y}", "0")
            .replace("{s}", "a")
            .replace("{r}", "");
        let url = url::Url::parse(&probe)
            .map_err(|e| anyhow::anyhow!("KP_MAP_TILES is not a URL ({e}): {template}"))?;
        if !matches!(url.scheme(), "https" | "http") || template.contains("{s}") {
            anyhow::bail!(
                "KP_MAP_TILES must be an http(s) URL on one host (no {{s}} subdomains): {template}"
            );
        }
        let origin = url.origin().ascii_serialization();
        if origin.contains(['\'', ';', ' ']) {
            anyhow::bail!("KP_MAP_TILES has an unusable host: {template}");
        }
        Ok(MapTiles {
            url: template.to_owned(),
            attribution: attribution.to_owned(),
            origin,
        })
    }
}

/// Settings of `kulturportal digests send`: where mail goes and how fast.
#[derive(Args, Debug, Clone)]
pub struct MailConfig {
    /// The public base URL, for the links in mails.
    #[arg(long, env = "KP_BASE_URL", default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
    /// SMTP server (`smtp://127.0.0.1:2525` plain, `smtps://user:pass@host` with TLS);
    /// without it, mails are written as `.eml` files into `--mail-dir`.
    #[arg(long, env = "KP_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of outgoing mail.
    #[arg(long, env = "KP_MAIL_FROM", default_value = crate::mail::DEFAULT_FROM)]
    pub mail_from: String,
    /// Folder for mails when no SMTP server is configured.
    #[arg(long, env = "KP_MAIL_DIR", default_value = "data/mails")]
    pub mail_dir: std::path::PathBuf,
    /// Mails a minute at most (0: as fast as the SMTP server takes them).
    #[arg(long, env = "KP_MAIL_PER_MINUTE", default_value_t = crate::mail::DEFAULT_PER_MINUTE)]
    pub mail_per_minute: u32,
}
