//! Mail to visitors: double opt-in with its proof, one-click unsubscribing as a mail
//! client sends it, the export and deletion of an address, the weekly mail's content for
//! a fixed clock, reminders across the change to summer time, and sending exactly once
//! across a restart against a real SMTP server.

use crate::support::{Page, SmtpCapture, TestApp, local};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use kulturportal::clock::FixedClock;
use kulturportal::db::{personal, subscribers};
use kulturportal::domain::event::OccurrenceStatus;
use kulturportal::domain::mailing::Scope;
use kulturportal::domain::personal::ItemKind;
use std::sync::Arc;

/// A mail with its quoted-printable parts decoded (umlauts readable again).
fn decoded(mail: &str) -> String {
    let bytes = mail.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn token_of(page: &Page) -> String {
    page.location()
        .trim_start_matches("/mein-kulturkalender/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A calendar following `sparte`, with a confirmed weekly mail to `email` (through the
/// pages, as a visitor does it). Returns the calendar's link token.
async fn subscribed(app: &TestApp, sparte: &str, email: &str) -> String {
    let saved = app
        .post("/mein-kulturkalender", &format!("sparte={sparte}"), None)
        .await;
    let token = token_of(&saved);
    let ordered = app
        .post(
            &format!("/mein-kulturkalender/{token}/e-mail"),
            &format!(
                "email={}&tag=4&stunde=8&einwilligung=ja",
                email.replace('@', "%40")
            ),
            None,
        )
        .await;
    assert_eq!(ordered.status, StatusCode::SEE_OTHER, "{}", ordered.body);
    let link = app
        .link_in_mail(email, "/newsletter/bestaetigen/")
        .unwrap_or_else(|| panic!("no confirmation mail to {email}"));
    let confirmed = app.post(&link, "", None).await;
    assert!(
        confirmed.has("Ihre Adresse ist bestätigt"),
        "{}",
        confirmed.body
    );
    token
}

async fn subscription_of(app: &TestApp, email: &str) -> subscribers::SubscriptionRow {
    subscribers::of_email(&app.state.db, email)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .pop()
        .unwrap_or_else(|| panic!("no subscription of {email}"))
}

/// A POST as a mail client sends it for RFC 8058: no cookie, maybe another origin.
fn one_click(uri: &str, origin: Option<&str>) -> Request<Body> {
    let mut r = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "kultur.test");
    if let Some(o) = origin {
        r = r.header("origin", o);
    }
    r.body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn double_opt_in_keeps_its_proof_and_one_click_unsubscribes() {
    let app = TestApp::new().await;
    let saved = app.post("/mein-kulturkalender", "sparte=musik", None).await;
    let token = token_of(&saved);
    let page = app.get(&format!("/mein-kulturkalender/{token}")).await;
    let consent =
        "Ja, schicken Sie mir wöchentlich eine E-Mail mit den Terminen meines Kulturkalenders";
    assert!(page.has(consent), "the consent text is not shown");

    // Without the tick nothing happens, and the form says why.
    let refused = app
        .post(
            &format!("/mein-kulturkalender/{token}/e-mail"),
            "email=anna%40example.org&tag=4&stunde=8",
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("Bitte bestätigen Sie mit dem Häkchen"));
    assert!(refused.has("value=\"anna@example.org\""));
    assert!(app.mails().is_empty());

    let ordered = app
        .post(
            &format!("/mein-kulturkalender/{token}/e-mail"),
            "email=anna%40example.org&tag=4&stunde=8&einwilligung=ja",
            None,
        )
        .await;
    assert_eq!(ordered.status, StatusCode::SEE_OTHER);
    let mails = app.mails();
    assert_eq!(mails.len(), 1);
    let mail = &decoded(&mails[0]);
    assert!(
        mail.contains("Subject: Bitte =?utf-8?") || mail.contains("Bitte bestätigen"),
        "{mail}"
    );
    // Nothing but the confirmation: one link, to the confirmation.
    assert_eq!(mail.matches("http://kultur.test/").count(), 1, "{mail}");
    assert!(mail.contains("http://kultur.test/newsletter/bestaetigen/"));
    let page = app.get(&format!("/mein-kulturkalender/{token}")).await;
    assert!(page.has("anna@example.org: wartet auf Ihre Bestätigung"));

    // Opening the link (as a mail scanner would) confirms nothing; the button does.
    let link = app
        .link_in_mail("anna@example.org", "/newsletter/bestaetigen/")
        .unwrap_or_default();
    let form = app.get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        subscription_of(&app, "anna@example.org")
            .await
            .confirmed_at
            .is_none()
    );
    let done = app.post(&link, "", None).await;
    assert!(done.has("Ihre Adresse ist bestätigt"));
    let s = subscription_of(&app, "anna@example.org").await;
    let now = local(crate::support::NOW).timestamp();
    assert_eq!(s.confirmed_at, Some(now));
    assert_eq!(s.requested_at, now);
    assert_eq!(s.confirmation_sent_at, Some(now));
    assert_eq!(s.consent_version, Scope::Calendar.consent_version());
    assert!(s.consent_text.starts_with(consent));

    // The export for this one address carries the proof.
    let export = app.get(&format!("/newsletter/daten/{}", s.token)).await;
    assert_eq!(export.status, StatusCode::OK);
    let json = export.json();
    assert_eq!(json["email"], "anna@example.org");
    let proof = &json["subscriptions"][0];
    assert_eq!(proof["consent_text"], s.consent_text.as_str());
    assert_eq!(proof["consent_version"], "kalender-2026-12-07");
    assert_eq!(proof["requested_at"], now);
    assert_eq!(proof["confirmation_sent_at"], now);
    assert_eq!(proof["confirmed_at"], now);
    assert!(proof.get("token").is_none(), "the token is in the export");

    // One click from a mail client: no cookie, even from a web mail's own site.
    let gone = app
        .request(one_click(
            &format!("/newsletter/abbestellen/{}", s.token),
            Some("https://webmail.example.net"),
        ))
        .await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    assert!(gone.has("Abbestellt"));
    assert_eq!(
        subscription_of(&app, "anna@example.org")
            .await
            .unsubscribed_at,
        Some(now)
    );
    let page = app.get(&format!("/mein-kulturkalender/{token}")).await;
    assert!(page.has("anna@example.org: abbestellt"));

    // Deleting the address deletes everything about it.
    let deleted = app
        .post(&format!("/newsletter/loeschen/{}", s.token), "", None)
        .await;
    assert!(deleted.has("Alles, was wir zu dieser Adresse gespeichert hatten, ist gelöscht"));
    assert!(
        subscribers::of_email(&app.state.db, "anna@example.org")
            .await
            .unwrap_or_default()
            .is_empty()
    );
    assert_eq!(
        app.get(&format!("/newsletter/daten/{}", s.token))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_weekly_mail_covers_friday_to_thursday_marks_changes_and_skips_the_empty() {
    // Thursday 3 December 2026, 8:30: the default slot (Thursday, 8:00) has passed.
    let app = TestApp::at("2026-12-03 08:30").await;
    let fri = app
        .event("Freitagskonzert")
        .sparte("musik")
        .on("2026-12-04 20:00")
        .create()
        .await;
    app.event("Abgesagte Matinee")
        .sparte("musik")
        .on_with("2026-12-06 11:00", OccurrenceStatus::Cancelled)
        .create()
        .await;
    let thu = app
        .event("Donnerstagsjazz")
        .sparte("musik")
        .on("2026-12-10 19:00")
        .create()
        .await;
    app.event("Zu spät")
        .sparte("musik")
        .on("2026-12-11 19:00")
        .create()
        .await;
    app.event("Heute noch")
        .sparte("musik")
        .on("2026-12-03 20:00")
        .create()
        .await;
    app.event("Hamlet")
        .sparte("theater")
        .on("2026-12-05 19:00")
        .create()
        .await;
    subscribed(&app, "musik", "musik@example.org").await;
    subscribed(&app, "literatur", "leer@example.org").await;
    let before = app.mails().len();

    let svc = app.state.services();
    kulturportal::service::mailings::send_due(&svc, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mails = app.mails();
    assert_eq!(
        mails.len(),
        before + 1,
        "one weekly mail, none for the empty calendar"
    );
    let mail = decoded(&mails.last().cloned().unwrap_or_default());
    assert!(mail.contains("To: musik@example.org"));
    assert!(mail.contains("multipart/alternative"), "not multipart");
    assert!(mail.contains("Content-Type: text/html"));
    assert!(mail.contains("<html lang=\"de\">"));
    assert!(mail.contains("List-Unsubscribe: <http://kultur.test/newsletter/abbestellen/"));
    assert!(mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    assert!(mail.contains("Ihre Kulturwoche vom"));
    assert!(mail.contains("Freitagskonzert") && mail.contains("Donnerstagsjazz"));
    assert!(
        mail.contains("[Abgesagt] 11:00 Uhr – Abgesagte Matinee"),
        "{mail}"
    );
    assert!(
        !mail.contains("Zu spät"),
        "Friday after next is next week's"
    );
    assert!(!mail.contains("Heute noch"), "Thursday is before the week");
    assert!(!mail.contains("Hamlet"), "not followed");
    assert!(mail.contains(&format!("http://kultur.test/veranstaltungen/{fri}")));

    // Admins see the sending's progress (and no addresses).
    app.user("admin@example.org", "admin").await;
    let cookie = app.login("admin@example.org").await;
    let jobs = app.get_as("/verwaltung/auftraege", &cookie).await;
    assert!(jobs.has("Versand an Besucherinnen und Besucher"));
    assert!(jobs.has("digest:"), "the mailing is not listed");
    assert!(
        jobs.has("<td>done</td><td>1</td><td>0</td><td>1</td><td>0</td>"),
        "{}",
        jobs.body
    );
    assert!(!jobs.has("musik@example.org"), "an address is shown");

    // Due once per week: running again sends nothing.
    kulturportal::service::mailings::send_due(&svc, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.mails().len(), before + 1);

    // A week later (as if the last mail went out then): what changed since is marked.
    let s = subscription_of(&app, "musik@example.org").await;
    let last = local("2026-11-26 08:00").timestamp();
    subscribers::mailed_at(&app.state.db, s.id, last)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.state
        .db
        .fetch_all::<(i64,)>(
            "UPDATE events SET created_at = $1, updated_at = $2 WHERE slug = $3 RETURNING id",
            &[
                (last - 86_400).into(),
                (last + 3600).into(),
                fri.as_str().into(),
            ],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.state
        .db
        .fetch_all::<(i64,)>(
            "UPDATE events SET created_at = $1, updated_at = $1 WHERE slug = $2 RETURNING id",
            &[(last + 7200).into(), thu.as_str().into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    kulturportal::service::mailings::send_due(&svc, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mail = decoded(&app.mails().last().cloned().unwrap_or_default());
    assert!(
        mail.contains("[Geändert] 20:00 Uhr – Freitagskonzert"),
        "{mail}"
    );
    assert!(mail.contains("[Neu] 19:00 Uhr – Donnerstagsjazz"), "{mail}");
}

#[tokio::test]
async fn english_subscribers_get_english_mails_with_english_links() {
    let app = TestApp::at("2026-12-03 08:30").await;
    app.event("Freitagskonzert")
        .sparte("musik")
        .on("2026-12-04 20:00")
        .create()
        .await;
    let saved = app
        .post("/en/mein-kulturkalender", "sparte=musik", None)
        .await;
    let token = saved
        .location()
        .trim_start_matches("/en/mein-kulturkalender/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    app.post(
        &format!("/en/mein-kulturkalender/{token}/e-mail"),
        "email=ed%40example.org&tag=4&stunde=8&einwilligung=ja",
        None,
    )
    .await;
    let link = app
        .link_in_mail("ed@example.org", "/en/newsletter/bestaetigen/")
        .unwrap_or_else(|| panic!("no English confirmation: {:?}", app.mails()));
    app.post(&link, "", None).await;
    kulturportal::service::mailings::send_due(&app.state.services(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mail = decoded(&app.mails().last().cloned().unwrap_or_default());
    assert!(mail.contains("Your culture week from"), "{mail}");
    assert!(mail.contains("<html lang=\"en\">"));
    assert!(mail.contains("http://kultur.test/en/veranstaltungen/"));
    assert!(mail.contains("List-Unsubscribe: <http://kultur.test/en/newsletter/abbestellen/"));
}

/// A calendar with `event` on its Merkliste (reminder on) and a confirmed mail.
async fn watching(app: &TestApp, events: &[&str], email: &str) {
    let saved = app.post("/mein-kulturkalender", "", None).await;
    let token = token_of(&saved);
    let link = format!("http://kultur.test/mein-kulturkalender/{token}");
    for e in events {
        app.post(
            "/mein-kulturkalender",
            &format!(
                "veranstaltung={e}&link={}",
                link.replace(':', "%3A").replace('/', "%2F")
            ),
            None,
        )
        .await;
    }
    let page = app.get(&format!("/mein-kulturkalender/{token}")).await;
    for part in page
        .body
        .split(&format!("/mein-kulturkalender/{token}/erinnerung/"))
        .skip(1)
    {
        let id = part.split('"').next().unwrap_or_default();
        app.post(
            &format!("/mein-kulturkalender/{token}/erinnerung/{id}"),
            "",
            None,
        )
        .await;
    }
    app.post(
        &format!("/mein-kulturkalender/{token}/e-mail"),
        &format!(
            "email={}&tag=4&stunde=8&einwilligung=ja",
            email.replace('@', "%40")
        ),
        None,
    )
    .await;
    let confirm = app
        .link_in_mail(email, "/newsletter/bestaetigen/")
        .unwrap_or_default();
    app.post(&confirm, "", None).await;
}

#[tokio::test]
async fn a_reminder_goes_out_the_day_before_across_the_change_to_summer_time() {
    // Saturday 27 March 2027, 10:00: tomorrow is the Sunday of 23 hours.
    let app = TestApp::at("2027-03-27 10:00").await;
    let early = app
        .event("Frühstück mit Musik")
        .sparte("musik")
        .on("2027-03-28 00:30")
        .create()
        .await;
    let evening = app
        .event("Abendkonzert")
        .sparte("musik")
        .on("2027-03-28 20:00")
        .create()
        .await;
    let monday = app
        .event("Montagslesung")
        .sparte("literatur")
        .on("2027-03-29 00:30")
        .create()
        .await;
    watching(&app, &[&early, &evening, &monday], "merk@example.org").await;
    let before = app.mails().len();
    kulturportal::service::mailings::send_due(&app.state.services(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mails = app.mails();
    assert_eq!(mails.len(), before + 1, "one reminder");
    let mail = decoded(&mails.last().cloned().unwrap_or_default());
    assert!(
        mail.contains("Erinnerung: morgen, Sonntag, 28. M"),
        "{mail}"
    );
    assert!(mail.contains("00:30 Uhr – Frühstück mit Musik"), "{mail}");
    assert!(mail.contains("20:00 Uhr – Abendkonzert"));
    assert!(!mail.contains("Montagslesung"), "Monday is not tomorrow");
    // Once a day.
    kulturportal::service::mailings::send_due(&app.state.services(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.mails().len(), before + 1);

    // Before 9:00 on the day before, no reminder yet.
    let early_app = TestApp::at("2027-03-27 08:00").await;
    let e = early_app
        .event("Abendkonzert")
        .sparte("musik")
        .on("2027-03-28 20:00")
        .create()
        .await;
    watching(&early_app, &[&e], "frueh@example.org").await;
    let before = early_app.mails().len();
    kulturportal::service::mailings::send_due(&early_app.state.services(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(early_app.mails().len(), before);
}

/// `count` confirmed subscribers following Musik, written straight into the database.
async fn many_subscribers(app: &TestApp, count: usize) {
    let db = &app.state.db;
    let now = local("2026-12-03 08:00").timestamp();
    for n in 0..count {
        let (_, hash) = kulturportal::auth::new_token();
        let calendar = personal::create(db, &hash, None, "de", now)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        personal::add(db, calendar, ItemKind::Sparte, "musik", 100, now)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let (_, confirm) = kulturportal::auth::new_token();
        let (token, _) = kulturportal::auth::new_token();
        let email = format!("leser{n}@example.org");
        let id = subscribers::create(
            db,
            &subscribers::NewSubscription {
                email: &email,
                scope: Scope::Calendar,
                calendar_id: Some(calendar),
                lang: "de",
                consent_text: "Ja",
                confirm_hash: &confirm,
                token: &token,
                weekday: 4,
                hour: 8,
                interests: "",
            },
            now,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        subscribers::confirm(db, id, now)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

fn recipients(mails: &[String]) -> Vec<String> {
    let mut to: Vec<String> = mails
        .iter()
        .filter_map(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("To: "))
                .map(str::to_owned)
        })
        .collect();
    to.sort();
    to
}

#[tokio::test]
async fn a_mailing_is_sent_exactly_once_across_a_restart_over_real_smtp() {
    let Some(smtp) = SmtpCapture::start() else {
        return;
    };
    let mut app = TestApp::at("2026-12-03 08:30").await;
    app.event("Freitagskonzert")
        .sparte("musik")
        .on("2026-12-04 20:00")
        .create()
        .await;
    many_subscribers(&app, 40).await;
    app.state.mailer = smtp.mailer();
    // The sender dies after 15 mails (10 claimed per batch: 5 of the second batch stay
    // claimed by the dead sender until their lease runs out).
    app.state.mail_limits = kulturportal::mail::Limits {
        per_minute: 0,
        batch: 10,
        stop_after: Some(15),
    };
    let svc = app.state.services();
    let queued = kulturportal::service::mailings::send_due(&svc, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(queued.len(), 1);
    assert_eq!(smtp.mails().len(), 15);
    // A crash between the receipt and the recipient's state: sent, but still pending.
    app.state
        .db
        .fetch_all::<(i64,)>(
            "UPDATE mailing_recipients SET state = 'pending', claimed_until = 0 \
             WHERE subscription_id = (SELECT MIN(subscription_id) FROM mailing_recipients WHERE state = 'sent') \
             RETURNING subscription_id",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // Another instance starts a quarter of an hour later (leases and back-off are over).
    let later = kulturportal::AppState::new(
        app.state.db.clone(),
        Arc::new(FixedClock(local("2026-12-03 08:45"))),
        "http://kultur.test",
    )
    .await
    .unwrap_or_else(|e| panic!("{e:#}"));
    let mut later = later;
    later.mailer = smtp.mailer();
    later.mail_limits.per_minute = 0;
    let svc = later.services();
    // Queuing again adds nothing: everyone is in the running mailing already.
    let again = kulturportal::service::mailings::send_due(&svc, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(again.is_empty(), "queued twice: {again:?}");
    let mails = smtp.mails();
    let to = recipients(&mails);
    let mut unique = to.clone();
    unique.dedup();
    assert_eq!(to.len(), 40, "mails: {}", to.len());
    assert_eq!(unique.len(), 40, "someone got two mails");
    let progress = kulturportal::db::mailings::progress(&app.state.db, queued[0])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(progress, (0, 40, 0, 0));
    let done = kulturportal::db::mailings::by_id(&app.state.db, queued[0])
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|m| m.state);
    assert_eq!(done.as_deref(), Some("done"));
}

#[tokio::test]
async fn the_sender_keeps_its_rate_and_says_how_fast_it_was() {
    let Some(smtp) = SmtpCapture::start() else {
        return;
    };
    let mut app = TestApp::at("2026-12-03 08:30").await;
    app.event("Freitagskonzert")
        .sparte("musik")
        .on("2026-12-04 20:00")
        .create()
        .await;
    many_subscribers(&app, 200).await;
    app.state.mailer = smtp.mailer();
    app.state.mail_limits.per_minute = 0;
    let started = std::time::Instant::now();
    kulturportal::service::mailings::send_due(&app.state.services(), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let unlimited = started.elapsed();
    assert_eq!(smtp.mails().len(), 200);
    eprintln!(
        "sent 200 mails unlimited in {:.2} s: {:.0} mails per minute (debug build, loopback aiosmtpd)",
        unlimited.as_secs_f64(),
        200.0 * 60.0 / unlimited.as_secs_f64()
    );

    // With a limit of 600 a minute, 21 mails take at least two seconds.
    let mut limited = TestApp::at("2026-12-03 08:30").await;
    limited
        .event("Freitagskonzert")
        .sparte("musik")
        .on("2026-12-04 20:00")
        .create()
        .await;
    many_subscribers(&limited, 21).await;
    limited.state.mailer = smtp.mailer();
    limited.state.mail_limits.per_minute = 600;
    let started = std::time::Instant::now();
    kulturportal::service::mailings::send_due(&limited.state.services(), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(2),
        "the limit was not kept"
    );
    assert_eq!(smtp.mails().len(), 221);
}
