//! The demo's association, „Kulturportal Bochum e. V.“ (fictional): its pages, the
//! statutes as a PDF, a board, members (the demo accounts and fictional collectives), fees,
//! one application waiting for the board, a past general assembly with minutes and a
//! decided open vote, and the next assembly with a secret vote that is open.

use crate::db::{Db, assemblies, association};
use crate::domain::assembly::{Choice, Majority};
use crate::domain::association::{
    Application, FeeClass, MemberCategory, MemberKind, MemberStatus, Page,
};
use chrono::{DateTime, Datelike, Utc};

const VEREIN_DE: &str = "Das Kulturportal Bochum wird vom **Kulturportal Bochum e. V.** betrieben (fiktiver Demo-Verein). \
Der Verein wurde von Bochumer Kulturakteuren gegründet – städtischen Häusern, freien Ensembles, Kollektiven und \
Einzelpersonen –, damit die Plattform der Kultur selbst gehört und nicht der Stadt.\n\n\
## Was der Verein tut\n\n\
- betreibt den Veranstaltungskalender, die Profile und die Arbeitsplattform\n\
- wählt die Moderation und legt die [Hausregeln](/regeln) fest\n\
- legt jedes Jahr in der Mitgliederversammlung Rechenschaft ab\n\n\
## Eine Stimme je Mitglied\n\n\
Jedes ordentliche Mitglied hat eine Stimme, gleich wie groß es ist: Das Schauspielhaus stimmt so viel wie ein \
Ein-Personen-Kollektiv.";

const VEREIN_EN: &str = "The Kulturportal Bochum is run by the **Kulturportal Bochum e. V.** (a fictional demo \
association). Bochum's cultural actors founded it – the city's houses, independent ensembles, collectives and \
individuals – so that the platform belongs to culture itself, not to the city.\n\n\
## What the association does\n\n\
- runs the event calendar, the profiles and the working platform\n\
- elects the moderators and sets the [house rules](/en/regeln)\n\
- reports to the general assembly every year\n\n\
## One member, one vote\n\n\
Every full member has one vote, whatever its size: the Schauspielhaus votes as much as a one-person collective.";

const RULES_DE: &str = "Die Hausregeln hat die Mitgliederversammlung beschlossen. Sie sind nummeriert, damit jede \
Entscheidung der Moderation sagen kann, auf welche Regel sie sich stützt.";

const RULES_EN: &str = "The general assembly adopted these house rules. They are numbered so that every moderation \
decision can say which rule it rests on.";

const IMPRINT_DE: &str = "**Kulturportal Bochum e. V.** (fiktiver Demo-Verein)  \n\
Musterstraße 1, 44787 Bochum  \n\
E-Mail: kontakt@kulturportal.invalid\n\n\
Vertreten durch den Vorstand: Ada Admin (Vorsitz), Kollektiv Flözlicht (Kasse).  \n\
Registergericht: Amtsgericht Bochum, VR 0000 (Beispiel).\n\n\
Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV: Ada Admin, Anschrift wie oben.";

const IMPRINT_EN: &str = "**Kulturportal Bochum e. V.** (fictional demo association)  \n\
Musterstraße 1, 44787 Bochum, Germany  \n\
E-mail: kontakt@kulturportal.invalid\n\n\
Represented by the board: Ada Admin (chair), Kollektiv Flözlicht (treasurer).  \n\
Register: Amtsgericht Bochum, VR 0000 (example).";

const PRIVACY_DE: &str = "## Verantwortlich\n\nKulturportal Bochum e. V., Musterstraße 1, 44787 Bochum, \
datenschutz@kulturportal.invalid. Mitgliederdaten (Name, Anschrift der Organisation, Beitragsklasse, gezahlte \
Beiträge) verarbeitet der Verein zur Führung des Mitgliederverzeichnisses (Art. 6 Abs. 1 lit. b DSGVO).";

const PRIVACY_EN: &str = "## Controller\n\nKulturportal Bochum e. V., Musterstraße 1, 44787 Bochum, \
datenschutz@kulturportal.invalid. The association processes members' data (name, the organisation's address, fee \
class, fees paid) to keep its register of members (Art. 6(1)(b) GDPR).";

/// A one-page PDF with the given lines (Helvetica), enough for a browser's viewer.
fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 12 Tf 72 770 Td 16 TL\n");
    for l in lines {
        let escaped = l
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        text.push_str(&format!("({escaped}) Tj T*\n"));
    }
    text.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

async fn store_pdf(
    db: &Db,
    media: &dyn crate::media::MediaStore,
    existing: Option<i64>,
    titles: (&str, &str),
    file_name: &str,
    lines: &[&str],
    at: i64,
) -> anyhow::Result<i64> {
    use sha2::{Digest, Sha256};
    let bytes = pdf(lines);
    let key = crate::media::MediaKey::new(&hex::encode(Sha256::digest(&bytes)), 1, "pdf")
        .ok_or_else(|| anyhow::anyhow!("no media key for a document"))?;
    let size = bytes.len() as i64;
    media.put(&key, bytes).await?;
    let (id, _) = association::add_document_version(
        db,
        existing,
        titles,
        (file_name, key.as_str(), size),
        None,
        at,
    )
    .await?;
    Ok(id)
}

/// (account, kind, name, category, fee class, listed, board office, status)
type MemberSeed = (
    Option<i64>,
    MemberKind,
    &'static str,
    MemberCategory,
    FeeClass,
    bool,
    &'static str,
    MemberStatus,
);

/// Seeds the association (after the demo accounts and organisations exist).
pub async fn seed(
    db: &Db,
    media: &dyn crate::media::MediaStore,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let ts = now.timestamp();
    let day = 86_400;
    for (page, de, en) in [
        (Page::Association, VEREIN_DE, VEREIN_EN),
        (Page::Rules, RULES_DE, RULES_EN),
        (Page::Imprint, IMPRINT_DE, IMPRINT_EN),
        (Page::Privacy, PRIVACY_DE, PRIVACY_EN),
    ] {
        association::save_page(db, page, de, en, None, ts - 90 * day).await?;
    }
    let statutes = store_pdf(
        db,
        media,
        None,
        ("Satzung", "Statutes"),
        "satzung-2025.pdf",
        &[
            "Satzung des Kulturportal Bochum e. V. (fiktiv, Demo)",
            "Paragraph 1 Name und Sitz: Kulturportal Bochum e. V., Bochum.",
            "Paragraph 5 Jedes ordentliche Mitglied hat eine Stimme.",
        ],
        ts - 400 * day,
    )
    .await?;
    store_pdf(
        db,
        media,
        Some(statutes),
        ("Satzung", "Statutes"),
        "satzung-2026.pdf",
        &[
            "Satzung des Kulturportal Bochum e. V. (fiktiv, Demo)",
            "Fassung nach der Mitgliederversammlung 2026.",
            "Paragraph 5 Jedes ordentliche Mitglied hat eine Stimme; Vollmachten: hoechstens zwei.",
        ],
        ts - 60 * day,
    )
    .await?;
    store_pdf(
        db,
        media,
        None,
        ("Beitragsordnung", "Fee regulations"),
        "beitragsordnung.pdf",
        &[
            "Beitragsordnung (fiktiv, Demo)",
            "Ermaessigt 12 Euro, regulaer 60 Euro, Institution 240 Euro im Jahr.",
        ],
        ts - 400 * day,
    )
    .await?;

    let user = |email: &'static str| async move {
        let Some(email) = crate::domain::account::Email::parse(email) else {
            return Ok::<Option<i64>, anyhow::Error>(None);
        };
        Ok(crate::db::users::by_email(db, &email).await?.map(|u| u.id))
    };
    let rows: [MemberSeed; 9] = [
        (
            user("admin@demo.kulturportal.invalid").await?,
            MemberKind::Person,
            "Ada Admin (Demo)",
            MemberCategory::Full,
            FeeClass::Reduced,
            true,
            "Vorsitz",
            MemberStatus::Member,
        ),
        (
            user("redaktion@demo.kulturportal.invalid").await?,
            MemberKind::Organisation,
            "Kollektiv Flözlicht (fiktiv)",
            MemberCategory::Full,
            FeeClass::Reduced,
            true,
            "Kasse",
            MemberStatus::Member,
        ),
        (
            user("mitglied@demo.kulturportal.invalid").await?,
            MemberKind::Person,
            "Mia Mitglied (Demo)",
            MemberCategory::Full,
            FeeClass::Reduced,
            false,
            "",
            MemberStatus::Member,
        ),
        (
            None,
            MemberKind::Organisation,
            "Hinterhofbühne Hamme (fiktiv)",
            MemberCategory::Full,
            FeeClass::Regular,
            true,
            "",
            MemberStatus::Member,
        ),
        (
            None,
            MemberKind::Organisation,
            "Figurentheater Kumpelkiste (fiktiv)",
            MemberCategory::Full,
            FeeClass::Reduced,
            true,
            "",
            MemberStatus::Member,
        ),
        (
            None,
            MemberKind::Organisation,
            "Slam Revier e.V. (fiktiv)",
            MemberCategory::Full,
            FeeClass::Regular,
            true,
            "",
            MemberStatus::Member,
        ),
        (
            None,
            MemberKind::Organisation,
            "Chor Gerther Stimmen (fiktiv)",
            MemberCategory::Full,
            FeeClass::Regular,
            false,
            "",
            MemberStatus::Member,
        ),
        (
            None,
            MemberKind::Organisation,
            "Kulturladen Hustadt (fiktiv)",
            MemberCategory::Supporting,
            FeeClass::Institution,
            true,
            "",
            MemberStatus::Member,
        ),
        (
            None,
            MemberKind::Organisation,
            "Werkhalle Linden (fiktiv)",
            MemberCategory::Full,
            FeeClass::Regular,
            false,
            "",
            MemberStatus::Applied,
        ),
    ];
    let year = i64::from(crate::domain::calendar::local_date(now).year());
    let mut ids = Vec::new();
    for (i, (account, kind, name, category, fee_class, listed, office, status)) in
        rows.into_iter().enumerate()
    {
        let application = Application {
            kind,
            name: name.to_owned(),
            category,
            fee_class,
            listed,
        };
        let id = association::apply_as(db, account, &application, ts - 500 * day).await?;
        if status == MemberStatus::Member {
            association::set_status(db, id, status, None, ts - 480 * day + i as i64 * day).await?;
            association::record_fee(db, id, year - 1, fee_class.cents(), None, ts - 300 * day)
                .await?;
            if i % 3 != 2 {
                association::record_fee(db, id, year, fee_class.cents(), None, ts - 20 * day)
                    .await?;
            }
        }
        if !office.is_empty() {
            association::set_office(db, id, office, None, ts - 470 * day).await?;
        }
        ids.push(id);
    }

    // Last spring's general assembly: minutes and a decided open vote.
    let past = assemblies::convene(
        db,
        "Ordentliche Mitgliederversammlung 2026",
        ts - 60 * day,
        "Bahnhof Langendreer, Wallbaumweg 108",
        "1. Bericht des Vorstands\n2. Bericht der Kasse\n3. Entlastung des Vorstands\n4. Änderung der Satzung (Vollmachten)",
        None,
        ts - 80 * day,
    )
    .await?;
    let decided = assemblies::add_motion(
        db,
        past,
        &assemblies::NewMotion {
            title: "Satzungsänderung: höchstens zwei Vollmachten je Mitglied",
            body: "Paragraph 5 erhält den Satz: „Ein Mitglied kann höchstens zwei Vollmachten tragen.“",
            secret: false,
            quorum_percent: 25,
            majority: Majority::TwoThirds,
            opens_at: ts - 60 * day,
            closes_at: ts - 60 * day + 3 * 3600,
        },
        None,
        ts - 70 * day,
    )
    .await?;
    if let Some(m) = assemblies::motion(db, decided).await? {
        let open = assemblies::MotionRow {
            closes_at: ts + day,
            opens_at: ts - day,
            ..m.clone()
        };
        for (id, choice) in ids.iter().take(7).zip([
            Choice::Yes,
            Choice::Yes,
            Choice::Yes,
            Choice::Yes,
            Choice::No,
            Choice::Yes,
            Choice::Abstain,
        ]) {
            // Cast as if during the meeting (the rows carry no time).
            let _ = assemblies::cast(db, &open, *id, *id, choice, ts).await;
        }
        assemblies::close(db, m.id, None, ts - 60 * day + 3 * 3600).await?;
    }
    assemblies::set_minutes(
        db,
        past,
        "**Beginn:** 18:05 Uhr · **Ende:** 20:40 Uhr · **Versammlungsleitung:** Ada Admin\n\n\
1. Der Vorstand berichtet über das erste Betriebsjahr: 62 Mitglieder, davon 41 Organisationen.\n\
2. Die Kasse legt den Jahresabschluss vor; die Kassenprüfung hatte keine Einwände.\n\
3. Der Vorstand wird bei eigener Enthaltung entlastet.\n\
4. Die Satzungsänderung (höchstens zwei Vollmachten) wird mit der nötigen Zweidrittelmehrheit angenommen.",
        None,
        ts - 55 * day,
    )
    .await?;

    // The next assembly, convened in time, with a secret vote that is open now.
    let next = assemblies::convene(
        db,
        "Außerordentliche Mitgliederversammlung",
        ts + 21 * day,
        "Rottstr5 Theater, Rottstraße 5",
        "1. Wahl der Moderation\n2. Beitragsordnung 2027\n3. Verschiedenes",
        None,
        ts - 2 * day,
    )
    .await?;
    let open = assemblies::add_motion(
        db,
        next,
        &assemblies::NewMotion {
            title: "Beitragsordnung 2027: ermäßigter Beitrag bleibt bei 12 €",
            body: "Der Vorstand schlägt vor, den ermäßigten Jahresbeitrag nicht zu erhöhen.",
            secret: true,
            quorum_percent: 25,
            majority: Majority::Simple,
            opens_at: ts - day,
            closes_at: ts + 14 * day,
        },
        None,
        ts - day,
    )
    .await?;
    if let Some(m) = assemblies::motion(db, open).await? {
        // Two members without accounts voted already; the demo accounts still can.
        for (id, choice) in ids.iter().skip(3).take(2).zip([Choice::Yes, Choice::No]) {
            let _ = assemblies::cast(db, &m, *id, *id, choice, ts).await;
        }
    }
    Ok(())
}
