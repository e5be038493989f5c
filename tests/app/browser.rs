//! In a real browser (Debian's headless Chromium through chromedriver): axe-core finds no
//! WCAG 2.1 A/AA violation on representative public and members' pages, the
//! filter-and-open flow works by keyboard alone with a visible focus, and htmx swaps
//! the filtered results in place.
//!
//! Without chromedriver these tests say so and pass (the README's `cargo test` needs only
//! the Rust toolchain); `.ci/run` installs Chromium and sets `KP_REQUIRE_BROWSER=1`, which
//! turns a missing browser into a failure.

use crate::support::TestApp;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator, key::Key};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const AXE: &str = include_str!("../assets/axe.min.js");

pub(crate) struct Browser {
    pub(crate) client: Client,
    driver: Child,
    base: String,
    pub(crate) app: TestApp,
}

impl Drop for Browser {
    /// Ends chromedriver and the Chromium it started: they run in their own process group,
    /// so even a test that panicked leaves no browser behind.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// The portal with the demo data on a real port, and a browser; `None` when no browser
/// is installed and none is required.
pub(crate) async fn start() -> Option<Browser> {
    start_with(&[]).await
}

/// [`start`] with more Chromium switches (e.g. `--force-dark-mode`).
pub(crate) async fn start_with(switches: &[&str]) -> Option<Browser> {
    let driver_path =
        std::env::var("KP_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let chromium = std::env::var("KP_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !std::path::Path::new(&driver_path).exists() || !std::path::Path::new(&chromium).exists() {
        assert!(
            std::env::var("KP_REQUIRE_BROWSER").is_err(),
            "KP_REQUIRE_BROWSER is set but {driver_path} or {chromium} is missing"
        );
        eprintln!("browser tests skipped: install chromium and chromium-driver to run them");
        return None;
    }
    let app = TestApp::demo().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let router = kulturportal::router(app.state.clone());
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await;
    });
    let port = free_port();
    let driver = Command::new(&driver_path)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {driver_path}: {e}"));
    let mut args = vec![
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=de-DE",
    ];
    args.extend_from_slice(switches);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": chromium, "args": args }),
    );
    let mut client = None;
    for _ in 0..100 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let client = client.unwrap_or_else(|| panic!("chromedriver did not answer on port {port}"));
    Some(Browser {
        client,
        driver,
        base: format!("http://{addr}"),
        app,
    })
}

impl Browser {
    /// A published demo event: its id and its slug.
    async fn demo_event(&self) -> (i64, String) {
        let db = &self.app.state.db;
        let id = kulturportal::db::event_writes::first_published(db)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no demo event"));
        let slug = kulturportal::db::event_writes::editable(db, id)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .map(|e| e.detail.event.slug)
            .unwrap_or_default();
        (id, slug)
    }

    pub(crate) async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }

    /// axe-core's WCAG 2.1 A/AA violations on `path`, one line each.
    async fn violations(&self, path: &str) -> Vec<String> {
        self.open(path).await;
        self.violations_here(path).await
    }

    pub(crate) async fn log_in(&self, email: &str, password: &str) {
        self.open("/anmelden").await;
        let field = |id: &'static str| async move {
            self.client
                .find(Locator::Id(id))
                .await
                .unwrap_or_else(|e| panic!("#{id}: {e}"))
        };
        field("email")
            .await
            .send_keys(email)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let pw = field("password").await;
        pw.send_keys(password)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        pw.send_keys(&Key::Enter.to_string())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..50 {
            let url = self
                .client
                .current_url()
                .await
                .map(|u| u.path().to_owned())
                .unwrap_or_default();
            if url == "/mein-bereich" {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("login of {email} did not reach /mein-bereich");
    }

    /// Sends the form of the page (`form.editor`) with its last submit button.
    async fn submit_editor(&self) {
        let buttons = self
            .client
            .find_all(Locator::Css("form.editor button[type=submit]"))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(button) = buttons.last() else {
            panic!("no submit button in form.editor");
        };
        button.click().await.unwrap_or_else(|e| panic!("{e}"));
    }

    pub(crate) async fn log_out(&self) {
        self.client
            .delete_all_cookies()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Presses Tab until the focused element satisfies `wanted` (a JS expression over `el`).
    async fn tab_to(&self, wanted: &str) -> bool {
        for _ in 0..150 {
            let hit = self
                .client
                .execute(
                    &format!("const el = document.activeElement; return !!(el && ({wanted}));"),
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if hit {
                return true;
            }
            self.press(Key::Tab).await;
        }
        false
    }

    /// Presses one key on the keyboard (also where typing into the element would mean
    /// something else, as on a file input).
    async fn press(&self, key: Key) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("pressing a key: {e}"));
    }

    /// Whether the focused element shows a visible focus indicator.
    async fn focus_visible(&self) -> bool {
        self.client
            .execute(
                "const s = getComputedStyle(document.activeElement);
                 return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }
}

#[tokio::test]
async fn axe_finds_no_wcag_violations_on_public_and_members_pages() {
    let Some(b) = start().await else { return };
    let (event, slug) = b.demo_event().await;
    // The harness itself: a page with a known fault must fail.
    b.client
        .goto("data:text/html,<html><body><img src='x.png'><button></button></body></html>")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let broken = b.violations_here("broken page").await;
    assert!(
        broken.iter().any(|v| v.contains("image-alt"))
            && broken.iter().any(|v| v.contains("button-name")),
        "axe did not see a missing alt text and an empty button: {broken:?}"
    );
    // „Mein Kulturkalender“: a calendar with a pending weekly mail.
    let saved = b
        .app
        .post(
            "/mein-kulturkalender",
            "auswahl=sparte%3Dmusik%26bezirk%3Dmitte",
            None,
        )
        .await;
    let calendar = saved
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    b.app
        .post(
            &format!("{calendar}/e-mail"),
            "email=axe%40example.org&tag=4&stunde=8&einwilligung=ja",
            None,
        )
        .await;
    let confirm = b
        .app
        .link_in_mail("axe@example.org", "/newsletter/bestaetigen/")
        .unwrap_or_default();
    let mut found = Vec::new();
    let public = [
        "/mein-kulturkalender".to_owned(),
        "/newsletter".to_owned(),
        format!("{calendar}?neu=1"),
        format!("/en{calendar}"),
        "/mein-kulturkalender/0000".into(),
        confirm.clone(),
        "/".to_owned(),
        "/veranstaltungen".into(),
        "/veranstaltungen?sparte=musik&datum=wochenende".into(),
        "/veranstaltungen?q=jazz".into(),
        format!("/veranstaltungen/{slug}"),
        format!("/veranstaltungen/{slug}/melden"),
        "/orte".into(),
        "/orte/schauspielhaus-bochum".into(),
        "/orte/kunstmuseum-bochum".into(),
        "/orte?ansicht=karte".into(),
        "/orte?zugang=stufenlos&zugang=aufzug&bezirk=mitte".into(),
        "/sparten".into(),
        "/sparten/musik".into(),
        "/anmelden".into(),
        "/registrieren".into(),
        "/registrieren/gesendet".into(),
        "/passwort-vergessen".into(),
        "/veranstaltung-melden".into(),
        "/barrierefreiheit".into(),
        "/kulturszene".into(),
        "/kulturszene?art=ort&bezirk=mitte".into(),
        "/kulturszene/kollektiv-floezlicht".into(),
        "/wie-wir-sortieren".into(),
        "/api".into(),
        "/einbetten?sparte=musik".into(),
        "/leichte-sprache".into(),
        "/datenschutz".into(),
        "/verein".into(),
        "/regeln".into(),
        "/impressum".into(),
        "/moderation/transparenz".into(),
        "/verein/mitglied-werden".into(),
        "/en/verein".into(),
        "/gibt-es-nicht".into(),
        // The English interface, and a page not translated yet (German inside it).
        "/en".into(),
        "/en/veranstaltungen".into(),
        "/en/veranstaltungen?sparte=musik&datum=wochenende".into(),
        format!("/en/veranstaltungen/{slug}"),
        "/en/orte".into(),
        "/en/sparten/musik".into(),
        // The magazine: the list, an article with cards, quote and figure, a „Tipps“
        // article, an author, English twins.
        "/magazin".into(),
        "/magazin?rubrik=tipps&sparte=musik".into(),
        "/magazin/licht-aus-der-tiefe-das-kollektiv-floezlicht".into(),
        "/magazin/tipps-der-woche-adventszeit-in-bochum".into(),
        "/magazin/nach-der-kohle-was-industriekultur-heute-bedeutet".into(),
        "/magazin/autoren/mara-magazin".into(),
        "/en/magazin".into(),
        "/en/magazin/licht-aus-der-tiefe-das-kollektiv-floezlicht".into(),
    ];
    for path in &public {
        found.extend(b.violations(path).await);
    }
    // Reflow (WCAG 1.4.10): at 320 CSS px nothing scrolls sideways.
    b.client
        .set_window_size(335, 800)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for path in [
        "/",
        "/veranstaltungen",
        &format!("/veranstaltungen/{slug}"),
        "/veranstaltung-melden",
        "/orte?ansicht=karte",
        "/orte/kunstmuseum-bochum",
        &calendar,
        "/magazin",
        "/magazin/licht-aus-der-tiefe-das-kollektiv-floezlicht",
        "/magazin/tipps-der-woche-adventszeit-in-bochum",
    ] {
        b.open(path).await;
        let wide = b
            .client
            .execute("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];", vec![])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let (scroll, client) = (wide[0].as_i64().unwrap_or(0), wide[1].as_i64().unwrap_or(0));
        if scroll > client {
            let culprits = b
                .client
                .execute(
                    "const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > w)
                        .slice(0, 6).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            found.push(format!(
                "{path}: {scroll} px wide at a {client} px viewport (reflow): {culprits}"
            ));
        }
    }
    b.client
        .set_window_size(1280, 900)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Text spacing (WCAG 1.4.12) and text at 200 % (1.4.4): with the spacing a user's
    // style sheet may set, or the text twice as large, nothing is cut off and nothing
    // scrolls sideways.
    let spacing = "const s = document.createElement('style'); s.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }'; document.head.appendChild(s);";
    let zoom = "document.documentElement.style.fontSize = '200%';";
    let check = |script: &str| {
        format!(
            "{script}
            const w = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth + ' px wide at ' + w);
            for (const e of document.querySelectorAll('body *')) {{
                const st = getComputedStyle(e);
                if (st.display === 'none' || st.visibility === 'hidden' || e.closest('.visually-hidden, .skip-link, .hp')) continue;
                const clips = ['hidden', 'clip'].includes(st.overflowX) || ['hidden', 'clip'].includes(st.overflowY);
                if (clips && e.textContent.trim() && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
                    out.push('clipped: ' + e.tagName + '.' + e.className);
            }}
            return out.slice(0, 6).join('; ');"
        )
    };
    // The check itself: a fixed-height box must be reported once the text grows.
    b.client
        .goto("data:text/html,<html><body><p class='box' style='width:120px;height:24px;overflow:hidden;font-size:1rem'>Zwei Wörter</p></body></html>")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let caught = b
        .client
        .execute(&check(zoom), vec![])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        caught
            .as_str()
            .is_some_and(|s| s.contains("clipped: P.box")),
        "the text-size check missed a clipping box: {caught:?}"
    );
    for (what, script) in [("text spacing", spacing), ("200 % text", zoom)] {
        for path in [
            "/",
            "/veranstaltungen",
            &format!("/veranstaltungen/{slug}"),
            "/veranstaltung-melden",
            "/orte/kunstmuseum-bochum",
            "/en/veranstaltungen",
        ] {
            b.open(path).await;
            let broken = b
                .client
                .execute(&check(script), vec![])
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let broken = broken.as_str().unwrap_or_default();
            if !broken.is_empty() {
                found.push(format!("{path} with {what}: {broken}"));
            }
        }
    }
    b.log_in(
        "redaktion@demo.kulturportal.invalid",
        kulturportal::accounts::DEMO_PASSWORD,
    )
    .await;
    for path in [
        "/mein-bereich",
        "/mein-bereich/veranstaltungen",
        "/mein-bereich/veranstaltungen/neu",
        "/mein-bereich/organisationen/kollektiv-floezlicht",
        "/mein-bereich/organisationen/kollektiv-floezlicht/reichweite",
        "/mein-bereich/organisation-beantragen",
        "/mein-bereich/orte/hinterhofbuehne-hamme",
        "/pinnwand",
        "/pinnwand/neu",
        "/pinnwand/2",
        "/pinnwand/1",
        "/nachrichten",
        "/nachrichten/1",
        "/mein-bereich/planung",
        "/mein-bereich/planung/2026-12-05",
        "/mitglieder",
        "/mein-bereich/profil",
        "/mein-bereich/benachrichtigungen",
        "/mein-bereich/kulturkalender",
        "/arbeitskreise",
        "/arbeitskreise/netzwerk-freie-szene",
        "/arbeitskreise/netzwerk-freie-szene/themen/1",
        "/arbeitskreise/clubkultur",
    ] {
        found.extend(b.violations(path).await);
    }
    // The venue form with a message, then a change to the access data for the moderators.
    let venue_form = "/mein-bereich/orte/hinterhofbuehne-hamme";
    b.open(venue_form).await;
    let postal = b
        .client
        .find(Locator::Css("#f-postal_code"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    postal.clear().await.unwrap_or_else(|e| panic!("{e}"));
    postal
        .send_keys("123")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    b.submit_editor().await;
    found.extend(b.violations_here(&format!("{venue_form} (Fehler)")).await);
    b.open(venue_form).await;
    b.client
        .find(Locator::Css("input[name=access][value=aufzug]"))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    b.submit_editor().await;
    found.extend(
        b.violations_here(&format!("{venue_form} (gespeichert)"))
            .await,
    );
    // The editor with every message shown: submit it empty.
    b.open("/mein-bereich/veranstaltungen/neu").await;
    if let Ok(button) = b
        .client
        .find(Locator::Css("button[value=veroeffentlichen]"))
        .await
    {
        button.click().await.unwrap_or_else(|e| panic!("{e}"));
        found.extend(
            b.violations_here("/mein-bereich/veranstaltungen/neu (Fehler)")
                .await,
        );
    }
    b.log_out().await;
    b.log_in(
        "admin@demo.kulturportal.invalid",
        kulturportal::accounts::DEMO_PASSWORD,
    )
    .await;
    let issue = kulturportal::db::newsletters::create(
        &b.app.state.db,
        &kulturportal::db::newsletters::IssueText {
            subject: "Jazz im Advent",
            body: "## Drei Konzerte\n\n- **Freitag** im [Bahnhof Langendreer](https://example.org)",
            interests: "sparte=musik",
        },
        1,
        0,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    crate::fediverse_moderation::some_followers(&b.app.state.db).await;
    // A published post of the social-media desk (its Bluesky text waits to be posted).
    let social = crate::social::post_in(&b.app.state.db, event, "published", 1, 0).await;
    for path in [
        "/redaktion/sozial",
        "/redaktion/sozial/neu",
        &format!("/redaktion/sozial/{social}"),
        "/redaktion/sozial/bereit",
        "/moderation",
        "/moderation/protokoll",
        "/moderation/fediverse",
        "/verwaltung/newsletter",
        &format!("/verwaltung/newsletter/{issue}"),
        "/verwaltung",
        "/verwaltung/sichtbarkeit",
        "/verwaltung/statistik",
        "/verwaltung/evaluation",
        &format!("/mein-bereich/veranstaltungen/{event}"),
        "/moderation/widersprueche",
        "/verein/mitglied-werden",
        "/verein/register",
        "/verein/versammlungen",
        "/verein/versammlungen/1",
        "/verein/versammlungen/2",
        "/verwaltung/verein",
        "/verwaltung/verein/seiten/verein",
        "/redaktion",
        "/redaktion/neu",
        "/redaktion/1",
        "/redaktion/1/verlauf",
    ] {
        found.extend(b.violations(path).await);
    }
    assert!(
        found.is_empty(),
        "axe-core violations:\n{}",
        found.join("\n")
    );
}

impl Browser {
    /// axe-core on the page as it is now (also after a form submission), one line each,
    /// prefixed with `label`.
    async fn violations_here(&self, label: &str) -> Vec<String> {
        self.client
            .execute(AXE, vec![])
            .await
            .unwrap_or_else(|e| panic!("injecting axe on {label}: {e}"));
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                    .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' — ' +
                        v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("axe on {label}: {e}"));
        result
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| format!("{label}: {}", v.as_str().unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[tokio::test]
async fn find_and_open_an_event_with_the_keyboard_alone() {
    let Some(b) = start().await else { return };
    b.open("/veranstaltungen").await;
    // The skip link comes first and shows where the focus is.
    assert!(
        b.tab_to("el.classList.contains('skip-link')").await,
        "no skip link by Tab"
    );
    assert!(
        b.focus_visible().await,
        "the skip link's focus is invisible"
    );
    assert!(
        b.tab_to("el.id === 'q'").await,
        "the search field cannot be reached by Tab"
    );
    assert!(
        b.focus_visible().await,
        "the search field's focus is invisible"
    );
    let active = b
        .client
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    active
        .send_keys("Jazz")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    active
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut listed = false;
    for _ in 0..50 {
        let summary = b
            .client
            .execute("const s = document.querySelector('.results-summary'); return s ? s.textContent : '';", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        if summary.contains("Treffer") {
            listed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(listed, "searching by Enter showed no hits");
    assert!(
        b.tab_to("el.closest('.event-title') !== null").await,
        "no event link reachable by Tab"
    );
    assert!(
        b.focus_visible().await,
        "the event link's focus is invisible"
    );
    let title = b
        .client
        .execute("return document.activeElement.textContent;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let link = b
        .client
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    link.send_keys(&Key::Enter.to_string())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut opened = String::new();
    for _ in 0..50 {
        opened = b
            .client
            .execute("const h = document.querySelector('h1'); return location.pathname.startsWith('/veranstaltungen/') && h ? h.textContent : '';", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        if !opened.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        opened.trim(),
        title.trim(),
        "Enter on the link did not open the event"
    );
}

/// The filters swap the results in place through htmx, which reads the `data-hx-*`
/// attributes, and the address htmx pushes stays in the page's language.
#[tokio::test]
async fn filters_swap_the_results_in_place_and_stay_in_english() {
    let Some(b) = start().await else { return };
    b.open("/en/veranstaltungen").await;
    assert!(b.until("window.htmx !== undefined").await, "no htmx");
    b.js("(window.keptAcrossTheSwap = true)").await;
    b.js("document.querySelector('input[name=sparte]').click()")
        .await;
    assert!(
        b.until("location.search.includes('sparte=')").await,
        "ticking a Sparte did not filter: {}",
        b.js("location.href").await
    );
    assert_eq!(b.js("location.pathname").await, "/en/veranstaltungen");
    assert_eq!(
        b.js("window.keptAcrossTheSwap === true").await,
        "true",
        "the page was loaded anew instead of swapping the results"
    );
    assert!(
        b.until("document.querySelector('#ergebnisse .results-summary') !== null")
            .await
    );
    // The control that opens the filters on a phone counts the new choice, although only
    // the results were swapped.
    assert!(
        b.until(
            "document.querySelector('summary.filter-toggle').textContent.trim() === 'Filters (1)'"
        )
        .await,
        "the filter control still says {}",
        b.js("document.querySelector('summary.filter-toggle').textContent")
            .await
    );
}

impl Browser {
    /// Tabs to the element that `wanted` (a JS expression over `el`) describes and checks
    /// that its focus can be seen; panics with `what` otherwise.
    async fn key_to(&self, wanted: &str, what: &str) {
        assert!(self.tab_to(wanted).await, "{what} cannot be reached by Tab");
        assert!(self.focus_visible().await, "{what}: the focus is invisible");
    }

    /// Types into the focused element, key by key.
    async fn keys(&self, text: &str) {
        self.client
            .active_element()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing {text:?}: {e}"));
    }

    /// The value of a JS expression, as text.
    async fn js(&self, expression: &str) -> String {
        self.client
            .execute(&format!("return String({expression});"), vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Waits until the JS expression is true (five seconds at most).
    async fn until(&self, expression: &str) -> bool {
        for _ in 0..50 {
            if self.js(expression).await == "true" {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    /// Fills a date or time input by typing. How Chromium takes the digits depends on its
    /// locale (day or month first, 24 or 12 hours), so each way of typing is tried until
    /// the field holds `expected`; before each try the arrow keys go back to the field's
    /// first part.
    async fn type_into_picker(&self, id: &str, tries: &[&str], expected: &str) {
        let mut got = Vec::new();
        for typed in tries {
            self.keys(&format!("{}{}{}", Key::Left, Key::Left, Key::Left))
                .await;
            self.keys(typed).await;
            let value = self
                .js(&format!("document.getElementById('{id}').value"))
                .await;
            if value == expected {
                return;
            }
            got.push(format!("{typed} → {value:?}"));
        }
        panic!("#{id} did not take {expected} from the keyboard: {got:?}");
    }

    /// Logs in through the form with Tab, typing and Enter.
    async fn log_in_by_keys(&self, email: &str) {
        self.open("/anmelden").await;
        self.key_to("el.id === 'email'", "the e-mail field").await;
        self.keys(email).await;
        self.key_to("el.id === 'password'", "the password field")
            .await;
        self.keys(kulturportal::accounts::DEMO_PASSWORD).await;
        self.key_to(
            "el.type === 'submit' && el.closest('main') !== null",
            "the login button",
        )
        .await;
        self.keys(&Key::Enter.to_string()).await;
        assert!(
            self.until("location.pathname === '/mein-bereich'").await,
            "logging in by keys did not reach /mein-bereich"
        );
    }
}

/// The members' flows the issue names — log in, enter an event with a recurring date,
/// edit a profile, moderate — by Tab, typing, arrow keys, Space and Enter, with the focus
/// visible on every control used.
#[tokio::test]
async fn members_work_with_the_keyboard_alone() {
    let Some(b) = start().await else { return };
    b.log_in_by_keys("redaktion@demo.kulturportal.invalid")
        .await;

    // A weekly series: four Saturdays from 5 December 2026 at 19:30. The collective is
    // not verified yet, so it waits for the moderation (approved by keys below).
    b.open("/mein-bereich/veranstaltungen/neu").await;
    b.key_to("el.id === 'f-title'", "the title").await;
    b.keys("Offenes Singen im Keller").await;
    b.key_to(
        "el.name === 'sparte' && el.parentElement.textContent.trim() === 'Musik'",
        "the Sparte Musik",
    )
    .await;
    b.keys(" ").await;
    b.key_to("el.id === 'f-location_text'", "the place").await;
    b.keys("Kulturkeller, Rottstraße 5").await;
    b.key_to("el.name === 'date_mode'", "the kind of dates")
        .await;
    b.keys(&format!("{}{}", Key::Down, Key::Down)).await;
    assert_eq!(
        b.js("document.querySelector('input[name=date_mode]:checked').value")
            .await,
        "weekly",
        "the arrow keys did not choose „wöchentlich“"
    );
    b.key_to("el.id === 'f-date'", "the first date").await;
    b.type_into_picker("f-date", &["12052026", "05122026"], "2026-12-05")
        .await;
    b.key_to("el.id === 'f-time'", "the time").await;
    b.type_into_picker("f-time", &["0730P", "1930"], "19:30")
        .await;
    b.key_to(
        "el.name === 'weekday' && el.value === 'sa'",
        "the weekday Saturday",
    )
    .await;
    b.keys(" ").await;
    b.key_to("el.name === 'series_end'", "the end of the series")
        .await;
    b.keys(&format!("{}{}", Key::Down, Key::Down)).await;
    b.key_to("el.id === 'f-count'", "the number of dates").await;
    b.keys("4").await;
    b.key_to("el.value === 'veroeffentlichen'", "the publish button")
        .await;
    b.keys(&Key::Enter.to_string()).await;
    assert!(
        b.until("location.search.includes('gespeichert=')").await,
        "the series was not saved: {}",
        b.js("[...document.querySelectorAll('.field-error')].map(e => e.textContent).join(' | ')")
            .await
    );
    // The organisation's profile: a sentence added to the description, saved by Enter.
    b.open("/mein-bereich/organisationen/kollektiv-floezlicht")
        .await;
    b.key_to("el.id === 'f-description'", "the description")
        .await;
    b.keys("Probenbesuche nach Absprache. ").await;
    b.key_to(
        "el.type === 'submit' && el.form && el.form.getAttribute('action').endsWith('/daten')",
        "the save button",
    )
    .await;
    b.keys(&Key::Enter.to_string()).await;
    assert!(
        b.until(
            "document.readyState === 'complete' && !document.activeElement.matches('textarea')"
        )
        .await
    );
    let mut saved = false;
    for _ in 0..50 {
        if b.app
            .get("/kulturszene/kollektiv-floezlicht")
            .await
            .has("Probenbesuche nach Absprache.")
        {
            saved = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(saved, "the profile change did not reach the public profile");

    // Moderation: the series entered above is approved with Enter, and is public then.
    b.log_out().await;
    b.log_in_by_keys("admin@demo.kulturportal.invalid").await;
    b.open("/moderation").await;
    let approve = "el.type === 'submit' && el.textContent.includes('Offenes Singen im Keller') && el.form && /^\\/moderation\\/veranstaltungen\\/\\d+\\/freigeben$/.test(el.form.getAttribute('action'))";
    b.key_to(approve, "the approve button").await;
    let action = b
        .js("document.activeElement.form.getAttribute('action')")
        .await;
    b.keys(&Key::Enter.to_string()).await;
    assert!(
        b.until(&format!(
            "location.pathname === '/moderation' && !document.querySelector('form[action=\"{action}\"]')"
        ))
        .await,
        "approving by Enter did not take {action} off the queue"
    );
    let public = b.app.get("/veranstaltungen/offenes-singen-im-keller").await;
    for day in [
        "5. Dezember 2026",
        "12. Dezember 2026",
        "19. Dezember 2026",
        "26. Dezember 2026",
    ] {
        assert!(
            public.has(day),
            "{day} missing on the event page ({})",
            public.status
        );
    }
    assert!(!public.has("2. Januar 2027"), "more than four dates");
}

/// The magazine's comments: the article page with its thread (replies marked), the reply
/// form, the form with its messages, the visitor's link page and the moderation queue
/// with a waiting comment — axe at 1280 and at 360 CSS px, nothing wider than the window.
#[tokio::test]
async fn the_magazine_comments_pass_axe_at_1280_and_360_px() {
    let Some(b) = start().await else { return };
    let article = "/magazin/licht-aus-der-tiefe-das-kollektiv-floezlicht";
    let db = &b.app.state.db;
    let (first,): (i64,) = db
        .fetch_one(
            "SELECT MIN(id) FROM article_comments WHERE parent_id IS NULL AND state = 'published'",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // A visitor's link page (confirm, delete).
    b.app
        .post(
            &format!("{article}/kommentare"),
            &format!(
                "name=Axe&email=axe-kommentar%40example.org&body=Gut.&t={}",
                crate::support::form_token()
            ),
            None,
        )
        .await;
    let link = b
        .app
        .link_in_mail("axe-kommentar@example.org", "/magazin/kommentar/")
        .unwrap_or_else(|| panic!("no comment link"));
    let mut found = Vec::new();
    for (width, height) in [(1280, 900), (360, 800)] {
        b.client
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        for path in [
            article.to_owned(),
            format!("{article}?antwort={first}"),
            format!("/en{article}"),
            link.clone(),
        ] {
            found.extend(b.violations(&path).await);
            let wide = b
                .js("document.documentElement.scrollWidth > document.documentElement.clientWidth")
                .await;
            if wide == "true" {
                found.push(format!("{path} at {width} px: wider than the window"));
            }
        }
        // The form sent empty: every message shown, the page still passes.
        b.open(article).await;
        b.client
            .find(Locator::Css(
                "form[action$='/kommentare'] button[type=submit]",
            ))
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        found.extend(
            b.violations_here(&format!("{article} (Fehler, {width} px)"))
                .await,
        );
    }
    b.client
        .set_window_size(1280, 900)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    b.log_in(
        "moderation@demo.kulturportal.invalid",
        kulturportal::accounts::DEMO_PASSWORD,
    )
    .await;
    let queue = b.violations("/moderation").await;
    assert!(
        b.js("document.getElementById('kommentare') !== null").await == "true",
        "the queue has its comments section"
    );
    found.extend(queue);
    assert!(
        found.is_empty(),
        "axe-core violations:\n{}",
        found.join("\n")
    );
}

/// Visitors whose system is set to dark get the dark colours (`prefers-color-scheme`);
/// axe checks them too, contrast included.
#[tokio::test]
async fn the_dark_colours_pass_axe_too() {
    let Some(b) = start_with(&["--force-dark-mode"]).await else {
        return;
    };
    assert_eq!(
        b.js("matchMedia('(prefers-color-scheme: dark)').matches")
            .await,
        "true",
        "Chromium did not prefer dark"
    );
    let (_, event) = b.demo_event().await;
    let mut found = Vec::new();
    for path in [
        "/",
        "/veranstaltungen",
        "/veranstaltungen?sparte=musik&zeitraum=wochenende",
        &format!("/veranstaltungen/{event}"),
        "/orte",
        "/orte/schauspielhaus-bochum",
        "/kulturszene",
        "/kulturszene/kollektiv-floezlicht",
        "/anmelden",
        "/barrierefreiheit",
        "/en/veranstaltungen",
        "/gibt-es-nicht",
    ] {
        b.open(path).await;
        // The page itself must have switched (not only the browser's own parts).
        assert_eq!(
            b.js("getComputedStyle(document.body).backgroundColor")
                .await,
            "rgb(22, 22, 26)",
            "{path} does not use the dark paper colour"
        );
        found.extend(b.violations_here(&format!("{path} (dunkel)")).await);
    }
    b.log_in(
        "redaktion@demo.kulturportal.invalid",
        kulturportal::accounts::DEMO_PASSWORD,
    )
    .await;
    for path in [
        "/mein-bereich",
        "/mein-bereich/veranstaltungen/neu",
        "/mein-bereich/organisationen/kollektiv-floezlicht/reichweite",
        "/pinnwand",
    ] {
        found.extend(b.violations(path).await);
    }
    assert!(
        found.is_empty(),
        "axe-core violations in dark mode:\n{}",
        found.join("\n")
    );
}
