//! The `kulturportal` command line: serve, migrate, seed.

use anyhow::Context;
use clap::{Parser, Subcommand};
use kulturportal::config::{MailConfig, ServeConfig, StorageConfig};
use kulturportal::db::Db;
use kulturportal::{app, clock, demo};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "kulturportal",
    version,
    about = "The open culture portal of a city"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
// Parsed once at start; the serve settings are simply many.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Run the web server.
    Serve {
        #[command(flatten)]
        storage: StorageConfig,
        #[command(flatten)]
        serve: ServeConfig,
    },
    /// Check the settings `serve` would use (database, folders, mail, secrets); fails on errors.
    CheckConfig {
        #[command(flatten)]
        storage: StorageConfig,
        #[command(flatten)]
        serve: ServeConfig,
    },
    /// Write a consistent backup (database and stored files) into a new folder, while the
    /// portal runs.
    Backup {
        #[command(flatten)]
        storage: StorageConfig,
        /// Folder for uploaded files (as `serve --media-dir`).
        #[arg(long, env = "KP_MEDIA_DIR", default_value = "data/media")]
        media_dir: std::path::PathBuf,
        /// The object store instead of the folder (as `serve --storage-url`): its files
        /// are copied into the backup, and restored into it.
        #[arg(long, env = "KP_STORAGE_URL", default_value = "")]
        storage_url: String,
        /// The new (or empty) backup folder.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Restore a backup into an empty database and an empty media folder.
    Restore {
        #[command(flatten)]
        storage: StorageConfig,
        /// Folder for uploaded files (as `serve --media-dir`).
        #[arg(long, env = "KP_MEDIA_DIR", default_value = "data/media")]
        media_dir: std::path::PathBuf,
        /// The object store instead of the folder (as `serve --storage-url`): its files
        /// are copied into the backup, and restored into it.
        #[arg(long, env = "KP_STORAGE_URL", default_value = "")]
        storage_url: String,
        /// The backup folder.
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Apply the database migrations and exit.
    Migrate {
        #[command(flatten)]
        storage: StorageConfig,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import an organisation's events from an iCalendar file (again: updates, no duplicates).
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Mail to visitors: the weekly mails of personal calendars and reminders.
    Digests {
        #[command(subcommand)]
        command: DigestsCommand,
    },
    /// Fill the database with demo or synthetic data.
    Seed {
        #[command(flatten)]
        storage: StorageConfig,
        /// The realistic Bochum demo (only into an empty calendar).
        #[arg(long, conflicts_with = "synthetic")]
        demo: bool,
        /// N synthetic events for benchmarks.
        #[arg(long, value_name = "N")]
        synthetic: Option<usize>,
        /// Seed of the synthetic generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder for the demo's example pictures (as `serve --media-dir`).
        #[arg(long, env = "KP_MEDIA_DIR", default_value = "data/media")]
        media_dir: std::path::PathBuf,
        /// Store for the pictures instead of the folder (as `serve --storage-url`).
        #[arg(long, env = "KP_STORAGE_URL", default_value = "")]
        storage_url: String,
    },
    /// Pictures: copy every stored file from one store to another (before switching
    /// `KP_STORAGE_URL`), e.g. `media copy --from data/media --to s3://bilder/kulturportal`.
    Media {
        #[command(subcommand)]
        command: MediaCommand,
    },
}

#[derive(Subcommand)]
enum MediaCommand {
    /// Copies what the target does not have yet; safe to run again.
    Copy {
        /// The store to read: a folder, `file://…` or `s3://bucket/prefix`.
        #[arg(long)]
        from: String,
        /// The store to write.
        #[arg(long)]
        to: String,
    },
}

#[derive(Subcommand)]
enum DigestsCommand {
    /// Queue and send what is due now (weekly mails whose day and hour have come,
    /// tomorrow's reminders from 9:00); a mailing that stopped is resumed, nobody gets
    /// a mail twice.
    Send {
        #[command(flatten)]
        storage: StorageConfig,
        #[command(flatten)]
        mail: MailConfig,
        /// Every weekly mail now, whatever its day (operators, tests).
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// `import ical FILE|URL --org SLUG`: one line per record; errors do not stop the rest.
    Ical {
        #[command(flatten)]
        storage: StorageConfig,
        /// The .ics file, or an http(s) URL (fetched with the same limits as subscriptions).
        file: String,
        /// Networks to fetch from although private, e.g. `10.0.0.0/8` (intranet feeds).
        #[arg(long, env = "KP_FETCH_ALLOW", default_value = "")]
        fetch_allow: String,
        /// The organisation the events belong to (its slug).
        #[arg(long)]
        org: String,
        /// The Sparte for events whose CATEGORIES name none.
        #[arg(long, default_value = "soziokultur")]
        sparte: String,
    },
    /// `import csv FILE --org SLUG`: a table with the columns of /import-vorlage.csv.
    Csv {
        #[command(flatten)]
        storage: StorageConfig,
        /// The .csv file (`;`, `,` or tab separated; UTF-8 or Windows-1252).
        file: String,
        /// The organisation the events belong to (its slug).
        #[arg(long)]
        org: String,
        /// The Sparte for rows whose `sparten` column is empty.
        #[arg(long, default_value = "soziokultur")]
        sparte: String,
    },
}

/// A file, or an http(s) URL fetched under the fetch policy, with the import's size limit.
async fn read_source(file: &str, fetch_allow: &str) -> anyhow::Result<Vec<u8>> {
    let normalized = kulturportal::fetch::normalize(file);
    if normalized.starts_with("http://") || normalized.starts_with("https://") {
        let file = normalized.as_str();
        let policy = kulturportal::fetch::FetchPolicy::with_allowed(fetch_allow)?;
        return match kulturportal::fetch::get(&policy, file, None, None).await {
            Ok(kulturportal::fetch::Fetched::Body { bytes, .. }) => Ok(bytes),
            Ok(kulturportal::fetch::Fetched::NotModified) => Ok(Vec::new()),
            Err(e) => anyhow::bail!("{e}"),
        };
    }
    let len = std::fs::metadata(file)
        .with_context(|| format!("reading {file}"))?
        .len();
    if len > kulturportal::import::MAX_BYTES as u64 {
        anyhow::bail!("{}", kulturportal::import::ImportError::TooLarge);
    }
    std::fs::read(file).with_context(|| format!("reading {file}"))
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input (not echoed on a terminal).
    Create {
        #[command(flatten)]
        storage: StorageConfig,
        #[arg(long)]
        email: String,
        /// `admin`, `moderator` or `member`.
        #[arg(long, default_value = "member")]
        role: String,
        /// The name shown to others (default: the part of the address before the @).
        #[arg(long)]
        name: Option<String>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_env("KP_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn"));
    // Logs go to stderr: stdout carries what commands report (import lines, counts).
    // KP_LOG_FORMAT=json writes one JSON object per line (one per request, with its id).
    if std::env::var("KP_LOG_FORMAT").is_ok_and(|f| f == "json") {
        tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
    }
    let cli = Cli::parse();
    let clock = clock::system();
    match cli.command {
        Command::Serve { storage, serve } => {
            let db = connect(&storage).await?;
            db.prepare().await?;
            let media = kulturportal::media::open(
                &serve.storage_url,
                &serve.media_dir,
                &kulturportal::media::S3Settings::from_env(),
            )?;
            if serve.demo {
                let started = std::time::Instant::now();
                let n = demo::seed_demo_if_empty(&db, media.as_ref(), clock.now()).await?;
                if n > 0 {
                    tracing::info!(
                        events = n,
                        seconds = started.elapsed().as_secs_f32(),
                        "demo seeded"
                    );
                }
            }
            kulturportal::db::series::extend_all(&db, clock.now()).await?;
            let mut state =
                app::AppState::open(db, clock, &serve.base_url, &serve.index_dir).await?;
            state.page_cache = std::time::Duration::from_secs(serve.page_cache_seconds);
            state.mailer = kulturportal::mail::Mailer::new(
                serve.smtp_url.as_deref(),
                &serve.mail_from,
                &serve.mail_dir,
            )?;
            state.media = media;
            if let Some(secret) = &serve.secret {
                state.form_secret = kulturportal::web::spam::FormSecret::new(secret.as_bytes());
            }
            state.mail_limits.per_minute = serve.mail_per_minute;
            state.fetch = kulturportal::fetch::FetchPolicy::with_allowed(&serve.fetch_allow)?;
            state.feed_interval =
                std::time::Duration::from_secs(serve.feed_interval_minutes.max(5) * 60);
            state.group_quota = serve.group_quota_mb.saturating_mul(1024 * 1024);
            state.comment_days = serve.comment_days.max(0);
            state.image_decodes =
                std::sync::Arc::new(tokio::sync::Semaphore::new(serve.image_decodes.max(1)));
            state.metrics_token = serve.metrics_token.clone().filter(|t| !t.is_empty());
            state.trusted_proxies =
                kulturportal::web::proxy::TrustedProxies::parse(&serve.trusted_proxies)?;
            if let Some(tiles) = &serve.map_tiles {
                state.map = Some(kulturportal::config::MapTiles::parse(
                    tiles,
                    &serve.map_attribution,
                )?);
            }
            let limits = kulturportal::server::ServerLimits {
                header_timeout: std::time::Duration::from_secs(serve.header_timeout_seconds.max(1)),
                idle_timeout: std::time::Duration::from_secs(serve.idle_timeout_seconds.max(1)),
                max_connections: serve.max_connections.max(1),
            };
            app::serve(state, &serve.bind, limits).await
        }
        Command::Digests {
            command:
                DigestsCommand::Send {
                    storage,
                    mail,
                    force,
                },
        } => {
            let db = connect(&storage).await?;
            db.prepare().await?;
            let mut state = app::AppState::new(db.clone(), clock, &mail.base_url).await?;
            state.mailer = kulturportal::mail::Mailer::new(
                mail.smtp_url.as_deref(),
                &mail.mail_from,
                &mail.mail_dir,
            )?;
            state.mail_limits.per_minute = mail.mail_per_minute;
            let svc = state.services();
            let queued = kulturportal::service::mailings::send_due(&svc, force).await?;
            for id in &queued {
                let (waiting, sent, skipped, failed) =
                    kulturportal::db::mailings::progress(&db, *id).await?;
                println!(
                    "Versand {id}: {sent} gesendet, {skipped} ohne Inhalt, {failed} fehlgeschlagen, {waiting} wartend."
                );
            }
            if queued.is_empty() {
                println!("Nichts fällig.");
            }
            db.close().await;
            Ok(())
        }
        Command::CheckConfig { storage, serve } => {
            let findings = kulturportal::ops::check::check(&storage, &serve).await;
            for f in &findings {
                println!("{}", f.line());
            }
            let errors = findings
                .iter()
                .filter(|f| f.level == kulturportal::ops::check::Level::Error)
                .count();
            if errors > 0 {
                anyhow::bail!("{errors} Fehler in den Einstellungen");
            }
            Ok(())
        }
        Command::Backup {
            storage,
            media_dir,
            storage_url,
            to,
        } => {
            let files = kulturportal::ops::backup::Files::of(
                &storage_url,
                &media_dir,
                &kulturportal::media::S3Settings::from_env(),
            )?;
            let db = connect(&storage).await?;
            let started = std::time::Instant::now();
            let m = kulturportal::ops::backup::backup(
                &db,
                &storage.database_url,
                &files,
                &to,
                clock.now(),
            )
            .await?;
            db.close().await;
            println!(
                "Sicherung in {}: {} Veranstaltungen, {} Zeilen in {} Tabellen, {} Dateien ({} Bytes), {:.1} s.",
                to.display(),
                m.rows.get("events").copied().unwrap_or(0),
                m.rows.values().sum::<i64>(),
                m.rows.len(),
                m.files,
                m.file_bytes,
                started.elapsed().as_secs_f32()
            );
            Ok(())
        }
        Command::Restore {
            storage,
            media_dir,
            storage_url,
            from,
        } => {
            let files = kulturportal::ops::backup::Files::of(
                &storage_url,
                &media_dir,
                &kulturportal::media::S3Settings::from_env(),
            )?;
            let m =
                kulturportal::ops::backup::restore(&storage.database_url, &files, &from).await?;
            println!(
                "Wiederhergestellt aus {} (vom {}): {} Zeilen in {} Tabellen und {} Dateien geprüft.",
                from.display(),
                m.taken_at,
                m.rows.values().sum::<i64>(),
                m.rows.len(),
                m.files
            );
            Ok(())
        }
        Command::Migrate { storage } => {
            let db = connect(&storage).await?;
            db.prepare().await?;
            println!("Migrationen angewendet ({}).", db.backend_name());
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    storage,
                    email,
                    role,
                    name,
                },
        } => {
            let db = connect(&storage).await?;
            db.prepare().await?;
            let id = kulturportal::accounts::create_from_cli(
                &db,
                &email,
                &role,
                name.as_deref(),
                clock.now(),
            )
            .await?;
            println!("Konto {id} angelegt: {email} ({role}).");
            Ok(())
        }
        Command::Import { command } => {
            let (storage, file, org, sparte, fetch_allow, table) = match command {
                ImportCommand::Ical {
                    storage,
                    file,
                    org,
                    sparte,
                    fetch_allow,
                } => (storage, file, org, sparte, fetch_allow, false),
                ImportCommand::Csv {
                    storage,
                    file,
                    org,
                    sparte,
                } => (storage, file, org, sparte, String::new(), true),
            };
            let db = connect(&storage).await?;
            db.prepare().await?;
            let bytes = read_source(&file, &fetch_allow).await?;
            let svc = kulturportal::service::Services::detached(db.clone(), clock.clone())?;
            let outcomes = if table {
                kulturportal::import::csv(&svc, &bytes, &org, &sparte, clock.now()).await?
            } else {
                kulturportal::import::ical(&svc, &bytes, &org, &sparte, clock.now()).await?
            };
            for o in &outcomes {
                println!("{}", o.line());
            }
            println!("{}", kulturportal::import::Summary::of(&outcomes).text());
            db.close().await;
            Ok(())
        }
        Command::Seed {
            storage,
            demo: with_demo,
            synthetic,
            seed,
            media_dir,
            storage_url,
        } => {
            let db = connect(&storage).await?;
            db.prepare().await?;
            if with_demo {
                let media = kulturportal::media::open(
                    &storage_url,
                    &media_dir,
                    &kulturportal::media::S3Settings::from_env(),
                )?;
                let n = demo::seed_demo_if_empty(&db, media.as_ref(), clock.now()).await?;
                println!("Demodaten: {n} Veranstaltungen angelegt.");
            }
            if let Some(n) = synthetic {
                let made = demo::synthetic::seed(&db, n, seed, clock.now()).await?;
                println!("Synthetische Daten: {made} Veranstaltungen angelegt.");
            }
            if !with_demo && synthetic.is_none() {
                anyhow::bail!("bitte --demo oder --synthetic N angeben");
            }
            db.close().await;
            Ok(())
        }
        Command::Media {
            command: MediaCommand::Copy { from, to },
        } => {
            if from.trim().is_empty() || to.trim().is_empty() {
                anyhow::bail!("bitte --from und --to angeben");
            }
            let s3 = kulturportal::media::S3Settings::from_env();
            let unused = std::path::Path::new("");
            let source = kulturportal::media::open(&from, unused, &s3)?;
            let target = kulturportal::media::open(&to, unused, &s3)?;
            let (copied, skipped) =
                kulturportal::media::copy_all(source.as_ref(), target.as_ref()).await?;
            println!("{copied} Dateien kopiert, {skipped} waren schon da.");
            Ok(())
        }
    }
}

async fn connect(storage: &StorageConfig) -> anyhow::Result<Db> {
    Db::connect(&storage.database_url)
        .await
        .with_context(|| format!("connecting to {}", storage.database_url))
}
