//! The association (issue 18): its pages, membership, assemblies with the notice period,
//! votes (one member one vote, proxies, quorum, secret ballots that nothing links to a
//! member), moderation in the open without personal data, objections decided by another
//! moderator.

use crate::support::{TestApp, multipart_post};
use kulturportal::db::{assemblies, association};
use kulturportal::domain::assembly::{Choice, Majority, VoteRefusal};
use kulturportal::domain::association::{
    Application, FeeClass, MemberCategory, MemberKind, MemberStatus,
};

async fn member(app: &TestApp, email: &str, name: &str) -> (i64, i64) {
    let user = app.user(email, "member").await;
    let a = Application {
        kind: MemberKind::Organisation,
        name: name.into(),
        category: MemberCategory::Full,
        fee_class: FeeClass::Regular,
        listed: true,
    };
    let id = association::apply(&app.state.db, user, &a, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    association::set_status(&app.state.db, id, MemberStatus::Member, None, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (user, id)
}

#[tokio::test]
async fn the_public_pages_answer_in_both_languages() {
    let app = TestApp::new().await;
    for (path, text) in [
        ("/verein", "Der Verein"),
        ("/en/verein", "The association"),
        ("/regeln", "Regel 3: Keine Werbung und kein Spam"),
        ("/en/regeln", "Rule 3: No advertising, no spam"),
        ("/impressum", "Impressum"),
        ("/en/impressum", "Imprint"),
        ("/datenschutz", "Datenschutz"),
        ("/moderation/transparenz", "Moderation offen gelegt"),
        ("/en/moderation/transparenz", "Moderation in the open"),
        ("/verein/mitglied-werden", "Mitglied werden"),
        ("/en/verein/mitglied-werden", "Become a member"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, axum::http::StatusCode::OK, "{path}");
        assert!(page.has(text), "{path}: {}", page.body);
    }
}

#[tokio::test]
async fn an_admin_edits_the_imprint_as_a_new_version() {
    let app = TestApp::new().await;
    app.user("admin@example.org", "admin").await;
    let cookie = app.login("admin@example.org").await;
    let saved = app
        .post(
            "/verwaltung/verein/seiten/impressum",
            "body_de=Kulturportal+Bochum+e.+V.%2C+Musterstra%C3%9Fe+1&body_en=",
            Some(&cookie),
        )
        .await;
    assert!(saved.has("Fassung 1"), "{}", saved.body);
    assert!(
        app.get("/impressum")
            .await
            .has("Kulturportal Bochum e. V., Musterstraße 1")
    );
    let short = app
        .post(
            "/verwaltung/verein/seiten/impressum",
            "body_de=kurz",
            Some(&cookie),
        )
        .await;
    assert_eq!(short.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.has("mindestens 10 Zeichen") && short.has(">kurz</textarea>"));
    let member = app.user("m@example.org", "member").await;
    let _ = member;
    let other = app.login("m@example.org").await;
    let refused = app
        .post(
            "/verwaltung/verein/seiten/impressum",
            "body_de=Gehackt+von+mir",
            Some(&other),
        )
        .await;
    assert_eq!(refused.status, axum::http::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_assembly_inside_the_notice_period_is_refused() {
    // NOW is 2026-12-02 10:00; the statutes' notice period is 14 days.
    let app = TestApp::new().await;
    app.user("admin@example.org", "admin").await;
    let cookie = app.login("admin@example.org").await;
    let early = app
        .post(
            "/verein/versammlungen",
            "title=Mitgliederversammlung&date=2026-12-15&time=18%3A00&place=Rottstr+5&agenda=1.+Bericht+des+Vorstands",
            Some(&cookie),
        )
        .await;
    assert_eq!(early.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.has("mindestens 14 Tage"), "{}", early.body);
    assert!(early.has("value=\"Rottstr 5\""));
    let (user, _) = member(&app, "theater@example.org", "Theater").await;
    let _ = user;
    let in_time = app
        .post(
            "/verein/versammlungen",
            "title=Mitgliederversammlung&date=2026-12-16&time=18%3A00&place=Rottstr+5&agenda=1.+Bericht+des+Vorstands",
            Some(&cookie),
        )
        .await;
    assert!(
        in_time.location().starts_with("/verein/versammlungen/"),
        "{}",
        in_time.body
    );
    let invited = app
        .mails()
        .iter()
        .any(|m| m.contains("theater@example.org") && m.contains("Einladung"));
    assert!(invited, "the member is invited");
    let refused = app
        .post(
            &format!("{}/antraege", in_time.location()),
            "title=Beitragsordnung&text=&quorum=300&majority=einfach&days=7",
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("zwischen 0 und 100 Prozent") && refused.has("value=\"Beitragsordnung\""));
}

#[tokio::test]
async fn one_member_one_vote_with_proxies_and_quorum() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let (_, a) = member(&app, "a@example.org", "Schauspielhaus").await;
    let (_, b) = member(&app, "b@example.org", "Ein-Personen-Kollektiv").await;
    let (_, c) = member(&app, "c@example.org", "Galerie").await;
    let (_, d) = member(&app, "d@example.org", "Chor").await;
    let now = app.state.clock.now().timestamp();
    let assembly = assemblies::convene(db, "MV", now + 20 * 86_400, "Ort", "TO", None, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let m = assemblies::add_motion(
        db,
        assembly,
        &assemblies::NewMotion {
            title: "Satzungsänderung",
            body: "",
            secret: false,
            quorum_percent: 75,
            majority: Majority::Simple,
            opens_at: now - 10,
            closes_at: now + 86_400,
        },
        None,
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let motion = assemblies::motion(db, m)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no motion"));
    // At most one proxy per holder (the setting says 2; test with 1).
    assemblies::give_proxy(db, assembly, b, a, 1, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let second = assemblies::give_proxy(db, assembly, c, a, 1, now).await;
    assert!(matches!(
        second,
        Err(assemblies::ProxyError::Refused(
            kulturportal::domain::assembly::ProxyRefusal::TooMany
        ))
    ));
    assemblies::cast(db, &motion, a, a, Choice::Yes, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let twice = assemblies::cast(db, &motion, a, a, Choice::No, now).await;
    assert!(matches!(
        twice,
        Err(assemblies::VoteError::Refused(VoteRefusal::AlreadyCast))
    ));
    // b handed its vote to a: b cannot vote itself, a votes for b, c cannot vote for b.
    assert!(matches!(
        assemblies::cast(db, &motion, b, b, Choice::No, now).await,
        Err(assemblies::VoteError::Refused(VoteRefusal::HandedOver))
    ));
    assert!(matches!(
        assemblies::cast(db, &motion, c, b, Choice::No, now).await,
        Err(assemblies::VoteError::Refused(VoteRefusal::NoProxy))
    ));
    assemblies::cast(db, &motion, a, b, Choice::Yes, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let t = assemblies::tally(db, &motion)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((t.yes, t.no, t.abstain), (2, 0, 0));
    // 2 of 4 took part: no quorum at 75 %.
    let o = kulturportal::domain::assembly::outcome(t, 4, 75, Majority::Simple);
    assert!(!o.quorate && !o.passed);
    assemblies::cast(db, &motion, c, c, Choice::No, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let t = assemblies::tally(db, &motion)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let o = kulturportal::domain::assembly::outcome(t, 4, 75, Majority::Simple);
    assert!(o.quorate && o.passed);
    let _ = d;
}

/// The names of a table's columns, sorted.
async fn columns(db: &kulturportal::db::Db, table: &str) -> Vec<String> {
    let sql = if db.backend_name() == "postgres" {
        format!(
            "SELECT column_name::TEXT FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = current_schema()"
        )
    } else {
        format!("SELECT name FROM pragma_table_info('{table}')")
    };
    let rows: Vec<(String,)> = db
        .fetch_all(&sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut names: Vec<String> = rows.into_iter().map(|r| r.0).collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_secret_ballot_cannot_be_linked_to_a_member() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let mut members = Vec::new();
    for i in 0..3 {
        members.push(
            member(&app, &format!("m{i}@example.org"), &format!("Mitglied {i}"))
                .await
                .1,
        );
    }
    let now = app.state.clock.now().timestamp();
    let assembly = assemblies::convene(db, "MV", now + 20 * 86_400, "Ort", "TO", None, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let m = assemblies::add_motion(
        db,
        assembly,
        &assemblies::NewMotion {
            title: "Vorstandswahl",
            body: "",
            secret: true,
            quorum_percent: 0,
            majority: Majority::Simple,
            opens_at: now - 10,
            closes_at: now + 86_400,
        },
        None,
        now,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let motion = assemblies::motion(db, m)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no motion"));
    for (who, choice) in members.iter().zip([Choice::Yes, Choice::No, Choice::Yes]) {
        assemblies::cast(db, &motion, *who, *who, choice, now)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // What was voted: one counter per option, never a row per ballot, no member, no time.
    let tallies: Vec<(i64, String, i64)> = db
        .fetch_all(
            "SELECT motion_id, choice, votes FROM vote_tallies ORDER BY choice",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        tallies,
        vec![
            (m, "enthaltung".to_owned(), 0),
            (m, "ja".to_owned(), 2),
            (m, "nein".to_owned(), 1)
        ]
    );
    // Who voted: the member and the motion, nothing else.
    let who: Vec<(i64, i64)> = db
        .fetch_all(
            "SELECT motion_id, member_id FROM vote_participants ORDER BY member_id",
            &[],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(who.len(), 3);
    // The tables' columns: the only one they share is the motion.
    assert_eq!(
        columns(db, "vote_tallies").await,
        vec!["choice", "motion_id", "votes"]
    );
    assert_eq!(
        columns(db, "vote_participants").await,
        vec!["member_id", "motion_id"]
    );
    // No open ballot rows and no audit-log row for a vote (it would carry member and time).
    let (open,): (i64,) = db
        .fetch_one("SELECT COUNT(*) FROM open_ballots", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(open, 0);
    let (logged,): (i64,) = db
        .fetch_one("SELECT COUNT(*) FROM audit_log WHERE subject_type = 'motion' AND action <> 'motion.added'", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(logged, 0);
}

#[tokio::test]
async fn the_public_log_names_no_one_and_an_objection_goes_to_another_moderator() {
    let app = TestApp::new().await;
    let org = app.org("kollektiv", "Kollektiv Nord").await;
    let writer = app.user("schreiberin@example.org", "member").await;
    app.member(org, writer, "owner").await;
    app.user("erste@example.org", "moderator").await;
    app.user("zweite@example.org", "moderator").await;
    let first = app.login("erste@example.org").await;
    let second = app.login("zweite@example.org").await;
    let author = app.login("schreiberin@example.org").await;
    let slug = app
        .event("Werbeabend")
        .organizer(org)
        .draft()
        .on("2026-12-10 20:00")
        .create()
        .await;
    let id = kulturportal::db::event_details::id_by_slug(&app.state.db, &slug)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no event"));
    let mut tx = app.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    tx.execute(
        "UPDATE events SET status = 'pending', created_by = $1 WHERE id = $2",
        &[writer.into(), id.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let refused = app
        .post(
            &format!("/moderation/veranstaltungen/{id}/ablehnen"),
            "reason=Reine+Werbung+von+Frau+Schreiber+schreiberin%40example.org&regel=3",
            Some(&first),
        )
        .await;
    assert!(refused.status.is_redirection(), "{}", refused.body);
    let public = app.get("/moderation/transparenz").await;
    assert!(
        public.has("Veranstaltung abgelehnt") && public.has("Regel 3: Keine Werbung und kein Spam")
    );
    for personal in [
        "schreiberin",
        "Schreiber",
        "erste@",
        "Werbeabend",
        "Reine Werbung",
    ] {
        assert!(!public.has(personal), "public log shows {personal}");
    }
    let mine = app.get_as("/moderation/transparenz", &author).await;
    let link = mine
        .body
        .split("href=\"/moderation/transparenz/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no objection link: {}", mine.body))
        .to_owned();
    app.user("fremd@example.org", "member").await;
    let stranger = app.login("fremd@example.org").await;
    let not_theirs = app
        .post(
            &format!("/moderation/transparenz/{link}/widerspruch"),
            "reason=Ich+finde+das+auch+falsch.",
            Some(&stranger),
        )
        .await;
    assert_eq!(not_theirs.status, axum::http::StatusCode::FORBIDDEN);
    let filed = app
        .post(
            &format!("/moderation/transparenz/{link}/widerspruch"),
            "reason=Das+ist+ein+Konzert%2C+keine+Werbung.",
            Some(&author),
        )
        .await;
    assert!(
        filed.has("Ihr Widerspruch ist eingegangen"),
        "{}",
        filed.body
    );
    let again = app
        .post(
            &format!("/moderation/transparenz/{link}/widerspruch"),
            "reason=Noch+einmal+bitte+pruefen.",
            Some(&author),
        )
        .await;
    assert!(again.has("schon Widerspruch eingelegt"));
    let objection: (i64,) = app
        .state
        .db
        .fetch_one("SELECT id FROM moderation_objections", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let same = app
        .post(
            &format!("/moderation/widersprueche/{}/stattgeben", objection.0),
            "answer=",
            Some(&first),
        )
        .await;
    assert_eq!(same.status, axum::http::StatusCode::BAD_REQUEST);
    let other = app
        .post(
            &format!("/moderation/widersprueche/{}/stattgeben", objection.0),
            "answer=Stimmt.",
            Some(&second),
        )
        .await;
    assert!(other.status.is_redirection());
    assert!(
        app.mails()
            .iter()
            .any(|m| m.contains("schreiberin@example.org") && m.contains("stattgegeben"))
    );
    assert!(app.get("/moderation/transparenz").await.has("stattgegeben"));
    let log = app
        .get_as("/moderation/protokoll?was=objection", &second)
        .await;
    assert!(
        log.has("hat einem Widerspruch stattgegeben."),
        "{}",
        log.body
    );
    // The one-year evaluation counts objections and those upheld.
    app.user("vorstand@example.org", "admin").await;
    let admin = app.login("vorstand@example.org").await;
    let report = app.get_as("/verwaltung/evaluation", &admin).await;
    let row = |label: &str, value: &str| {
        format!("<th scope=\"row\">{label}</th><td class=\"num\">{value}</td>")
    };
    assert!(
        report.has(&row("Widersprüche gegen Moderationsentscheidungen", "1"))
            && report.has(&row("davon stattgegeben", "1")),
        "{}",
        report.body
    );
}

#[tokio::test]
async fn admins_upload_the_statutes_in_versions() {
    let app = TestApp::new().await;
    app.user("admin@example.org", "admin").await;
    app.user("m@example.org", "member").await;
    let admin = app.login("admin@example.org").await;
    let member = app.login("m@example.org").await;
    let pdf = b"%PDF-1.4\n% Satzung\n".to_vec();
    let up = |cookie: &str, fields: &str, file: &[u8]| {
        multipart_post("/verwaltung/verein/dokumente", fields, "file", file, cookie)
    };
    let refused = app.request(up(&member, "title=Satzung", &pdf)).await;
    assert_eq!(refused.status, axum::http::StatusCode::FORBIDDEN);
    let not_pdf = app.request(up(&admin, "title=Satzung", b"GIF89a")).await;
    assert_eq!(not_pdf.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_pdf.has("kein PDF") && not_pdf.has("value=\"Satzung\""));
    let first = app
        .request(up(&admin, "title=Satzung&title_en=Statutes", &pdf))
        .await;
    assert_eq!(first.location(), "/verwaltung/verein");
    let doc: (i64,) = app
        .state
        .db
        .fetch_one("SELECT id FROM association_documents", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let second = app
        .request(up(
            &admin,
            &format!("dokument={}", doc.0),
            b"%PDF-1.4\n% Satzung, geaendert\n",
        ))
        .await;
    assert_eq!(second.location(), "/verwaltung/verein");
    let page = app.get("/verein").await;
    assert!(
        page.has("Satzung") && page.has("Fassung 2"),
        "{}",
        page.body
    );
    assert!(app.get("/en/verein").await.has("Statutes"));
    let href = page
        .body
        .split("href=\"/medien/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no document link"))
        .to_owned();
    let file = app.get(&format!("/medien/{href}")).await;
    assert_eq!(file.status, axum::http::StatusCode::OK);
    assert_eq!(
        file.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert!(file.body.contains("geaendert"));
}

#[tokio::test]
async fn the_demo_has_an_association_with_a_past_assembly_and_an_open_vote() {
    let app = TestApp::demo().await;
    let page = app.get("/verein").await;
    for text in [
        "Kulturportal Bochum e. V.",
        "Vorsitz",
        "Ada Admin (Demo)",
        "Figurentheater Kumpelkiste (fiktiv)",
        "Satzung",
        "Fassung 2",
    ] {
        assert!(page.has(text), "/verein lacks {text}");
    }
    assert!(!page.has("Werkhalle Linden"), "an applicant is not listed");
    assert!(app.get("/impressum").await.has("Musterstraße 1"));
    let member = app
        .login_with(
            "mitglied@demo.kulturportal.invalid",
            kulturportal::accounts::DEMO_PASSWORD,
        )
        .await;
    let list = app.get_as("/verein/versammlungen", &member).await;
    assert!(
        list.has("Ordentliche Mitgliederversammlung 2026")
            && list.has("Außerordentliche Mitgliederversammlung")
    );
    let ids: Vec<String> = list
        .body
        .split("href=\"/verein/versammlungen/")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_owned))
        .collect();
    let mut minutes = false;
    let mut open_vote = false;
    for id in ids {
        let a = app
            .get_as(&format!("/verein/versammlungen/{id}"), &member)
            .await;
        minutes |=
            a.has("Versammlungsleitung") && a.has("Angenommen mit 5 Ja, 1 Nein, 1 Enthaltungen.");
        open_vote |= a.has("geheime Abstimmung") && a.has("name=\"choice\"");
    }
    assert!(minutes, "the past assembly has minutes and the result");
    assert!(
        open_vote,
        "the demo member can vote in the open secret vote"
    );
}

#[tokio::test]
async fn refusing_an_application_cites_a_rule_in_the_public_log() {
    let app = TestApp::new().await;
    let applicant = app.user("gruenderin@example.org", "member").await;
    app.user("mod@example.org", "moderator").await;
    let moderator = app.login("mod@example.org").await;
    let id = kulturportal::db::moderation::apply(
        &app.state.db,
        applicant,
        None,
        "Werbeagentur Beispiel",
        "collective",
        "",
        0,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let form = app.get_as("/moderation", &moderator).await;
    assert!(
        form.has(&format!("id=\"rule-a{id}\"")),
        "the form offers the rules"
    );
    let refused = app
        .post(
            &format!("/moderation/antraege/{id}/ablehnen"),
            "regel=1",
            Some(&moderator),
        )
        .await;
    assert!(refused.status.is_redirection());
    let public = app.get("/moderation/transparenz").await;
    assert!(
        public.has("Antrag auf eine Organisation abgelehnt")
            && public.has("Regel 1: Kulturbezug in Bochum")
    );
    assert!(!public.has("Werbeagentur") && !public.has("gruenderin"));
}
