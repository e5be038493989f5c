//! The test harness: a fresh database per test (a temp SQLite file, or a new PostgreSQL
//! database when `KP_TEST_DATABASE_URL` names a server), a pinned clock, the router
//! in-process, and fixture builders that read like the data they make.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use http_body_util::BodyExt;
use kulturportal::db::Db;
use kulturportal::db::seed::{self, NewEvent, NewOccurrence, NewOrganization, NewVenue};
use kulturportal::domain::event::{Audience, OccurrenceStatus, Price};
use kulturportal::{AppState, clock::FixedClock, router};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The instant every test starts at unless it says otherwise: Wednesday 2 December 2026,
/// 10:00 in Bochum.
pub const NOW: &str = "2026-12-02 10:00";

/// A local Bochum wall-clock time `YYYY-MM-DD HH:MM` as a UTC instant.
pub fn local(s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap_or_else(|e| panic!("bad time {s}: {e}"));
    Berlin
        .from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| panic!("no such local time {s}"))
        .with_timezone(&Utc)
}

/// The URL of a fresh, empty database on the backend under test (and the temp folder
/// that holds it for SQLite).
pub async fn fresh_url() -> (String, Option<tempfile::TempDir>) {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    match std::env::var("KP_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(base) => {
            let admin = Db::connect(&base)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL at {base}: {e}"));
            let name = format!("kp_test_{}_{n}", std::process::id());
            if let Db::Postgres(pool) = &admin {
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                    .execute(pool)
                    .await
                    .ok();
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(pool)
                    .await
                    .unwrap_or_else(|e| panic!("create db: {e}"));
            }
            admin.close().await;
            let mut url = url::Url::parse(&base).unwrap_or_else(|e| panic!("{e}"));
            url.set_path(&format!("/{name}"));
            (url.to_string(), None)
        }
        None => {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            (
                format!("sqlite://{}/test.db", dir.path().display()),
                Some(dir),
            )
        }
    }
}

/// A fresh, migrated database on the backend under test.
pub async fn fresh_db() -> (Db, Option<tempfile::TempDir>) {
    let (url, dir) = fresh_url().await;
    let db = Db::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    db.prepare()
        .await
        .unwrap_or_else(|e| panic!("migrate: {e}"));
    (db, dir)
}

pub struct TestApp {
    pub state: AppState,
    router: Router,
    _dir: Option<tempfile::TempDir>,
    mail_dir: tempfile::TempDir,
    _media_dir: tempfile::TempDir,
}

/// The password of every account the tests create.
pub const PASSWORD: &str = "test-passwort-123";

fn password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        kulturportal::auth::hash_password(PASSWORD).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// A valid signed form time for anonymous forms (shown 30 s before [`NOW`]).
pub fn form_token() -> String {
    kulturportal::web::spam::FormSecret::new(b"test-secret").token(local(NOW).timestamp() - 30)
}

/// A browser form post from the portal's own pages.
pub fn form_post(uri: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "kultur.test")
        .header("origin", "http://kultur.test");
    if let Some(c) = cookie {
        r = r.header("cookie", c);
    }
    r.body(Body::from(body.to_owned()))
        .unwrap_or_else(|e| panic!("{e}"))
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Page {
    /// Where a redirect points (empty when it is none).
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The titles of the events listed, in page order.
    pub fn titles(&self) -> Vec<String> {
        self.body
            .split("class=\"event-title\"><a href=\"")
            .skip(1)
            .filter_map(|s| {
                s.split_once("\">")
                    .and_then(|(_, rest)| rest.split_once("</a>"))
                    .map(|(t, _)| t.to_owned())
            })
            .collect()
    }

    pub fn has(&self, text: &str) -> bool {
        self.body.contains(text)
    }
}

impl TestApp {
    /// An empty portal (Sparten only) at [`NOW`].
    pub async fn new() -> TestApp {
        TestApp::at(NOW).await
    }

    /// The portal with the Bochum demo at [`NOW`], indexed.
    pub async fn demo() -> TestApp {
        let (db, dir) = fresh_db().await;
        let app = TestApp::with_db(db, dir, local(NOW)).await;
        kulturportal::demo::seed_demo_if_empty(&app.state.db, app.state.media.as_ref(), local(NOW))
            .await
            .unwrap_or_else(|e| panic!("demo: {e}"));
        app.reindex().await;
        app
    }

    pub async fn at(now: &str) -> TestApp {
        let (db, dir) = fresh_db().await;
        TestApp::with_db(db, dir, local(now)).await
    }

    pub async fn with_db(db: Db, dir: Option<tempfile::TempDir>, now: DateTime<Utc>) -> TestApp {
        let mut state = AppState::new(db, Arc::new(FixedClock(now)), "http://kultur.test")
            .await
            .unwrap_or_else(|e| panic!("state: {e:#}"));
        // Mails go to files in a folder of this test, where the test reads them.
        let mail_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        state.mailer = kulturportal::mail::Mailer::new(
            None,
            kulturportal::mail::DEFAULT_FROM,
            mail_dir.path(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        // Uploaded images go to a folder of this test.
        let media_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        state.media = Arc::new(kulturportal::media::FsStore::new(media_dir.path()));
        state.form_secret = kulturportal::web::spam::FormSecret::new(b"test-secret");
        TestApp {
            _media_dir: media_dir,
            router: router(state.clone()),
            state,
            _dir: dir,
            mail_dir,
        }
    }

    /// The same portal started again on the same database, as after a crash: everything
    /// held in memory (search index, page cache, job handle) is new; mails and media stay
    /// in this test's folders.
    pub async fn restart(self) -> TestApp {
        let TestApp {
            state,
            _dir,
            mail_dir,
            _media_dir,
            ..
        } = self;
        let mut fresh = AppState::new(state.db.clone(), state.clock.clone(), &state.base_url)
            .await
            .unwrap_or_else(|e| panic!("state: {e:#}"));
        fresh.mailer = state.mailer.clone();
        fresh.media = state.media.clone();
        fresh.form_secret = state.form_secret.clone();
        fresh.fetch = state.fetch.clone();
        TestApp {
            router: router(fresh.clone()),
            state: fresh,
            _dir,
            mail_dir,
            _media_dir,
        }
    }

    /// Serves this portal on a free port of 127.0.0.1, which becomes its base URL (for
    /// peers that fetch from it, as fediverse servers do); returns the base URL.
    pub async fn serve_on_loopback(&mut self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        self.state.base_url = format!("http://{addr}");
        self.rebuild_router();
        let routes = self.router.clone();
        tokio::spawn(async move {
            let _ = axum::serve(listener, routes).await;
        });
        self.state.base_url.clone()
    }

    /// Builds the router again after a test changed `state` (e.g. configured map tiles).
    pub fn rebuild_router(&mut self) {
        self.router = router(self.state.clone());
    }

    /// The mails sent so far, as raw `.eml` text (quoted-printable soft breaks undone).
    pub fn mails(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.mail_dir.path()) else {
            return Vec::new();
        };
        let mut mails: Vec<(std::time::SystemTime, String)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .filter_map(|e| {
                let modified = e.metadata().and_then(|m| m.modified()).ok()?;
                let text = std::fs::read_to_string(e.path()).ok()?;
                Some((modified, text.replace("=\r\n", "").replace("=3D", "=")))
            })
            .collect();
        mails.sort_by_key(|m| m.0);
        mails.into_iter().map(|m| m.1).collect()
    }

    /// The first link to `path_prefix` in the mails sent to `to`.
    pub fn link_in_mail(&self, to: &str, path_prefix: &str) -> Option<String> {
        let needle = format!("http://kultur.test{path_prefix}");
        self.mails()
            .into_iter()
            .rev()
            .filter(|m| m.contains(to))
            .find_map(|m| {
                let start = m.find(&needle)?;
                let link: String = m[start..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                Some(link.trim_start_matches("http://kultur.test").to_owned())
            })
    }

    pub async fn get(&self, uri: &str) -> Page {
        self.request(
            Request::get(uri)
                .body(Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await
    }

    /// The raw bytes of `uri` (pictures).
    pub async fn bytes(&self, uri: &str) -> Vec<u8> {
        let req = Request::get(uri)
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .unwrap_or_else(|e| match e {});
        res.into_body()
            .collect()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .to_bytes()
            .to_vec()
    }

    /// The status, headers and raw bytes of `uri` fetched with a session cookie
    /// (downloads).
    pub async fn bytes_as(
        &self,
        uri: &str,
        cookie: &str,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let req = Request::get(uri)
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .unwrap_or_else(|e| match e {});
        let (status, headers) = (res.status(), res.headers().clone());
        let bytes = res
            .into_body()
            .collect()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .to_bytes()
            .to_vec();
        (status, headers, bytes)
    }

    pub async fn request(&self, req: Request<Body>) -> Page {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .unwrap_or_else(|e| match e {});
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The bytes a browser that accepts gzip receives for `uri` (compressed if the
    /// server compresses), with the response's `Content-Encoding`.
    pub async fn gzipped(&self, uri: &str) -> (usize, String) {
        let req = Request::get(uri)
            .header("Accept-Encoding", "gzip")
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .unwrap_or_else(|e| match e {});
        let encoding = res
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = res
            .into_body()
            .collect()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .to_bytes();
        (bytes.len(), encoding)
    }

    /// An account with a confirmed address and [`PASSWORD`]; `role` is member, moderator or admin.
    pub async fn user(&self, email: &str, role: &str) -> i64 {
        use kulturportal::domain::account::{Email, PlatformRole};
        let email = Email::parse(email).unwrap_or_else(|| panic!("bad address {email}"));
        let role = PlatformRole::parse(role).unwrap_or_else(|| panic!("bad role {role}"));
        let db = &self.state.db;
        let id =
            kulturportal::db::users::create(db, &email, email.as_str(), password_hash(), role, 0)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        kulturportal::db::users::mark_verified(db, id, 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        id
    }

    /// Adds `user` to `org` as `owner` or `editor`.
    pub async fn member(&self, org: i64, user: i64, role: &str) {
        let role = kulturportal::domain::permissions::OrgRole::parse(role)
            .unwrap_or_else(|| panic!("no organisation role {role}"));
        kulturportal::db::users::add_membership(&self.state.db, org, user, role, None, 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Makes `user`'s account English (the language of their mails).
    pub async fn english(&self, user: i64) {
        kulturportal::db::users::set_lang(&self.state.db, user, "en")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// The id of the Sparte `slug` (0 when there is none, which the editor refuses).
    pub fn sparte_id(&self, slug: &str) -> i64 {
        self.state
            .categories
            .list()
            .iter()
            .find(|c| c.slug == slug)
            .map_or(0, |c| c.id)
    }

    /// Logs in through the login form; returns the session cookie (`name=value`).
    pub async fn login(&self, email: &str) -> String {
        self.login_with(email, PASSWORD).await
    }

    /// [`TestApp::login`] with another password (the demo accounts').
    pub async fn login_with(&self, email: &str, password: &str) -> String {
        let body = format!("email={}&password={password}", email.replace('@', "%40"));
        let page = self.request(form_post("/anmelden", &body, None)).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "login of {email} failed: {}",
            page.body
        );
        page.headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or_else(|| panic!("no session cookie"))
            .to_owned()
    }

    /// A same-site form post, logged in when `cookie` is given.
    pub async fn post(&self, uri: &str, body: &str, cookie: Option<&str>) -> Page {
        self.request(form_post(uri, body, cookie)).await
    }

    /// A GET with the session cookie.
    pub async fn get_as(&self, uri: &str, cookie: &str) -> Page {
        self.request(
            Request::get(uri)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await
    }

    /// Makes the search index see what fixtures wrote.
    pub async fn reindex(&self) {
        self.state
            .search
            .rebuild(&self.state.db)
            .await
            .unwrap_or_else(|e| panic!("reindex: {e}"));
    }

    pub async fn venue(&self, slug: &str, district: &str, step_free: bool) -> i64 {
        let v = NewVenue {
            slug: slug.into(),
            name: format!("Ort {slug}"),
            street: "Teststraße 1".into(),
            postal_code: "44787".into(),
            district: district.into(),
            lat: None,
            lon: None,
            description: String::new(),
            website: String::new(),
            step_free,
            wheelchair_wc: false,
            wheelchair_spaces: false,
            lift: false,
            parking: false,
            induction_loop: false,
            access_notes: String::new(),
        };
        seed::insert_venues(&self.state.db, vec![v], 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"))[0]
    }

    pub async fn org(&self, slug: &str, name: &str) -> i64 {
        self.org_with(slug, name, true).await
    }

    /// An organisation whose events still need moderation when `verified` is false.
    pub async fn org_with(&self, slug: &str, name: &str, verified: bool) -> i64 {
        let o = NewOrganization {
            slug: slug.into(),
            name: name.into(),
            kind: "collective".into(),
            description: String::new(),
            website: String::new(),
            district: None,
            verified,
            category_ids: Vec::new(),
        };
        seed::insert_organizations(&self.state.db, vec![o], 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"))[0]
    }

    pub fn event(&self, title: &str) -> EventBuilder<'_> {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        EventBuilder {
            app: self,
            categories: Vec::new(),
            e: NewEvent {
                slug: format!(
                    "{}-{n}",
                    kulturportal::domain::slug::Slug::from_title(title)
                ),
                title: title.into(),
                subtitle: String::new(),
                description: String::new(),
                venue_id: None,
                location_text: "Irgendwo in Bochum".into(),
                price: Price::Range {
                    min_cents: 1000,
                    max_cents: 2000,
                },
                ticket_url: String::new(),
                min_age: None,
                languages: vec!["de".into()],
                access_services: Vec::new(),
                recurrence: String::new(),
                duration_seconds: 7200,
                published: true,
                category_ids: Vec::new(),
                organizer_ids: Vec::new(),
                tags: Vec::new(),
                audiences: Vec::new(),
                occurrences: Vec::new(),
            },
        }
    }
}

pub struct EventBuilder<'a> {
    app: &'a TestApp,
    e: NewEvent,
    categories: Vec<String>,
}

impl EventBuilder<'_> {
    pub fn sparte(mut self, slug: &str) -> Self {
        self.categories.push(slug.into());
        self
    }

    /// A two-hour date at local Bochum time `YYYY-MM-DD HH:MM`.
    pub fn on(mut self, when: &str) -> Self {
        let s = local(when).timestamp();
        self.e.occurrences.push(NewOccurrence {
            starts_at: s,
            ends_at: s + 7200,
            all_day: false,
            status: OccurrenceStatus::Scheduled,
            from_rule: false,
        });
        self
    }

    /// A date with a status other than scheduled.
    pub fn on_with(mut self, when: &str, status: OccurrenceStatus) -> Self {
        self = self.on(when);
        if let Some(o) = self.e.occurrences.last_mut() {
            o.status = status;
        }
        self
    }

    /// A long-running date (an exhibition) from one local day to another.
    pub fn running(mut self, from: &str, to: &str) -> Self {
        let (a, b) = (
            local(&format!("{from} 10:00")).timestamp(),
            local(&format!("{to} 18:00")).timestamp(),
        );
        self.e.occurrences.push(NewOccurrence {
            starts_at: a,
            ends_at: b,
            all_day: true,
            status: OccurrenceStatus::Scheduled,
            from_rule: false,
        });
        self
    }

    pub fn occurrences(mut self, list: Vec<NewOccurrence>) -> Self {
        self.e.occurrences.extend(list);
        self
    }

    pub fn recurrence(mut self, text: &str) -> Self {
        self.e.recurrence = text.into();
        self
    }

    pub fn venue(mut self, id: i64) -> Self {
        self.e.venue_id = Some(id);
        self
    }

    pub fn organizer(mut self, id: i64) -> Self {
        self.e.organizer_ids.push(id);
        self
    }

    pub fn free(mut self) -> Self {
        self.e.price = Price::Free;
        self
    }

    pub fn ticket(mut self, url: &str) -> Self {
        self.e.ticket_url = url.into();
        self
    }

    pub fn audience(mut self, a: Audience) -> Self {
        self.e.audiences.push(a);
        self
    }

    pub fn subtitle(mut self, s: &str) -> Self {
        self.e.subtitle = s.into();
        self
    }

    pub fn description(mut self, s: &str) -> Self {
        self.e.description = s.into();
        self
    }

    pub fn tag(mut self, t: &str) -> Self {
        self.e.tags.push(t.into());
        self
    }

    pub fn draft(mut self) -> Self {
        self.e.published = false;
        self
    }

    /// Writes the event and updates the search index (as the editor will); returns its slug.
    pub async fn create(self) -> String {
        let app = self.app;
        let slug = self.create_elsewhere().await;
        app.reindex().await;
        slug
    }

    /// Writes the event as another instance sharing the database would: this instance's
    /// search index does not know it yet.
    pub async fn create_elsewhere(mut self) -> String {
        let categories = self.app.state.categories.list();
        let ids = categories
            .iter()
            .filter(|c| self.categories.contains(&c.slug))
            .map(|c| c.id);
        self.e.category_ids = ids.collect();
        let slug = self.e.slug.clone();
        seed::insert_events(&self.app.state.db, vec![self.e], 0)
            .await
            .unwrap_or_else(|e| panic!("insert: {e}"));
        slug
    }
}

/// A multipart body with text fields (urlencoded in `fields`) and one file in `file_field`.
pub fn multipart(fields: &str, file_field: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "XkulturportalX";
    let mut body = Vec::new();
    for (k, v) in form_urlencoded::parse(fields.as_bytes()) {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"foto.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes());
    body.extend_from_slice(file);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A same-site multipart post with the session cookie.
pub fn multipart_post(
    uri: &str,
    fields: &str,
    file_field: &str,
    file: &[u8],
    cookie: &str,
) -> Request<Body> {
    let (ct, body) = multipart(fields, file_field, file);
    Request::post(uri)
        .header("content-type", ct)
        .header("host", "kultur.test")
        .header("origin", "http://kultur.test")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A PNG of the given size with a gradient (so it is not trivially compressible).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    out.into_inner()
}

/// Serves `routes` on a free port of 127.0.0.1 for the rest of the test; returns the base
/// URL (`http://127.0.0.1:PORT`). For feeds and pages the portal fetches.
pub async fn serve(routes: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, routes).await;
    });
    format!("http://{addr}")
}

/// A fetch policy that allows this machine's loopback address (as an operator allows an
/// intranet), with a short time limit and a small size limit.
pub fn loopback_allowed() -> kulturportal::fetch::FetchPolicy {
    let mut p = kulturportal::fetch::FetchPolicy::with_allowed("127.0.0.1/32")
        .unwrap_or_else(|e| panic!("{e}"));
    p.timeout = std::time::Duration::from_secs(2);
    p.max_bytes = 200_000;
    p
}

/// A real SMTP server on loopback for the mail tests: Python's `aiosmtpd` (from PyPI,
/// installed by `.ci/run`) on a free port, keeping every mail in a Maildir. `None` when
/// it is not installed, unless `KP_REQUIRE_SMTP=1` makes that a failure.
pub struct SmtpCapture {
    child: std::process::Child,
    pub url: String,
    dir: tempfile::TempDir,
}

impl SmtpCapture {
    pub fn start() -> Option<SmtpCapture> {
        let installed = std::process::Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            assert!(
                std::env::var("KP_REQUIRE_SMTP").is_err(),
                "aiosmtpd is not installed (pip install aiosmtpd)"
            );
            eprintln!("skipped: aiosmtpd is not installed");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("{e}"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut child = std::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            // A Maildir that does not exist yet: aiosmtpd makes it with its subfolders.
            .arg(dir.path().join("maildir"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting aiosmtpd: {e}"));
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(SmtpCapture {
                    child,
                    url: format!("smtp://127.0.0.1:{port}"),
                    dir,
                });
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start on port {port}");
    }

    /// The mails the server received, as raw text (quoted-printable soft breaks undone).
    pub fn mails(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.path().join("maildir").join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .map(|t| {
                t.replace("=\r\n", "")
                    .replace("=\n", "")
                    .replace("=3D", "=")
            })
            .collect()
    }

    /// A mailer that sends to this server.
    pub fn mailer(&self) -> kulturportal::mail::Mailer {
        kulturportal::mail::Mailer::new(
            Some(&self.url),
            kulturportal::mail::DEFAULT_FROM,
            self.dir.path(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for SmtpCapture {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
