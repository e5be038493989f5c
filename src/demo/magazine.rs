//! The demo's magazine: a dozen articles about the demo's scene (portraits, interviews,
//! background, reviews, „Tipps der Woche“, a guest article „Aus der Szene“), written by a
//! demo magazine editor and approved by the admin through the one write path
//! (`service::articles`), with cards of demo events, venues and organisations, and the
//! demo's example pictures (their events' drawn artwork) as lead pictures and figures.
//! One article waits in review, one is scheduled for the coming days. Readers comment
//! on the Flözlicht portrait; one visitor's first comment waits in the moderation queue.

use crate::db::{Db, articles, images, users};
use crate::domain::account::Email;
use crate::domain::magazine::Rubric;
use crate::domain::magazine::form::ArticleDraft;
use crate::domain::permissions::Actor;
use crate::domain::slug::Slug;
use crate::service::Services;
use crate::service::articles::{self as service, Writer};
use std::collections::HashMap;

/// The magazine's demo editor (see `accounts::DEMO_ACCOUNTS`).
pub const EDITOR: &str = "magazin@demo.kulturportal.invalid";

/// Where an article stands in the demo.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Published this many days ago.
    Published(i64),
    /// Approved, public in this many days.
    Scheduled(i64),
    InReview,
}

struct Seed {
    title: &'static str,
    rubric: Rubric,
    sparte: &'static str,
    lead: &'static str,
    /// Markdown; lines `{E:Title}` become a card of that demo event when it is in
    /// season, `{B:Title|caption}` a figure of its picture (with the picture's alt text).
    body: &'static str,
    authors: &'static str,
    /// A guest article of this organisation (written by its demo account).
    guest: Option<&'static str>,
    /// The event whose picture leads the article.
    picture: &'static str,
    english: Option<(&'static str, &'static str)>,
    stage: Stage,
}

const SEEDS: &[Seed] = &[
    Seed {
        title: "Licht aus der Tiefe: Das Kollektiv Flözlicht",
        rubric: Rubric::Portrait,
        sparte: "performance",
        lead: "Vier Performerinnen, ein Hinterhof in Hamme und die Geschichten ehemaliger Bergleute: ein Besuch bei einem Kollektiv, das die Arbeit sichtbar macht.",
        body: "Wer an einem Probenabend in den Hinterhof in Hamme kommt, hört zuerst die Stimmen: Aufnahmen von Männern, die dreißig Jahre unter Tage gearbeitet haben. Das Kollektiv Flözlicht baut daraus Abende aus Licht, Live-Musik und Erinnerung.\n\n[[zitat:Wir erfinden nichts dazu. Wir hören zu und geben den Geschichten einen Raum.|Das Kollektiv Flözlicht]]\n\nDie Gruppe arbeitet ohne feste Förderung, probt abends nach der Arbeit und spielt dort, wo es Platz gibt.\n\n[[organisation:kollektiv-floezlicht]]\n\n{E:Schichtende}\n\n[[ort:hinterhofbuehne-hamme]]",
        authors: "Mara Magazin",
        guest: None,
        picture: "Schichtende",
        english: Some((
            "Light from the deep: the Flözlicht collective",
            "Four performers, a backyard in Hamme and the stories of former miners: a visit to a collective that makes work visible.",
        )),
        stage: Stage::Published(2),
    },
    Seed {
        title: "Tipps der Woche: Adventszeit in Bochum",
        rubric: Rubric::Tips,
        sparte: "",
        lead: "Chöre am Bermuda3eck, ein Weihnachtskonzert mit Kinderchor und Märchen für die Kleinsten: unsere Auswahl für die kommenden Tage.",
        body: "Die Redaktion hat sich durch den Kalender gelesen. Diese Termine möchten wir Ihnen ans Herz legen – vom großen Saal bis zum Hinterhof.\n\n{E:Weihnachtskonzert im Musikforum}\n\n{E:Adventsbühne am Bermuda3eck}\n\n{E:Winterfest im Hinterhof}\n\n{E:Märchenstunde für Kinder}\n\n{E:Kasper und der verschwundene Förderturm}\n\nUnd wer es ruhiger mag: Die Sternstunden im Planetarium sind auch an Adventsabenden ein Erlebnis.\n\n{E:Sternstunden: Der Himmel über Bochum}",
        authors: "Mara Magazin",
        guest: None,
        picture: "Weihnachtskonzert im Musikforum",
        english: Some((
            "Tips of the week: Advent in Bochum",
            "Choirs at the Bermuda3eck, a Christmas concert with children's choir and fairy tales for the youngest: our choice for the coming days.",
        )),
        stage: Stage::Published(0),
    },
    Seed {
        title: "„Ein Slam ist ein Versprechen“ – Interview mit Slam Revier",
        rubric: Rubric::Interview,
        sparte: "literatur",
        lead: "Seit Jahren bringt der Verein Slam Revier junge Stimmen auf die Bühne. Ein Gespräch über Lampenfieber, Publikum und den U20-Slam.",
        body: "**Wie kommt man zum ersten Auftritt?**\n\nMeist über eine Schreibwerkstatt. Wer dort einen Text fertig hat, traut sich oft auch auf die Bühne – und das Publikum ist erstaunlich freundlich.\n\n**Was ist beim U20-Slam anders?**\n\nDie Jury besteht aus Jugendlichen. Das verändert, welche Texte gewinnen.\n\n[[zitat:Ein Slam ist ein Versprechen: Du wirst gehört, fünf Minuten lang.|Slam Revier]]\n\n{E:U20 Poetry Slam}\n\n{E:Großer Dichterwettstreit}\n\n[[organisation:slam-revier-ev]]",
        authors: "Mara Magazin",
        guest: None,
        picture: "Großer Dichterwettstreit",
        english: None,
        stage: Stage::Published(5),
    },
    Seed {
        title: "Nach der Kohle: Was Industriekultur heute bedeutet",
        rubric: Rubric::Background,
        sparte: "vortrag-gespraech",
        lead: "Zechen werden zu Bühnen, Halden zu Aussichtspunkten. Ein Hintergrund zur Frage, wie Bochum mit seinem Erbe umgeht – und wer dabei mitredet.",
        body: "Das Deutsche Bergbau-Museum erzählt die Geschichte des Bergbaus mit einem Anschauungsbergwerk unter dem Museum. Aber Industriekultur ist längst mehr als Museum: Freie Gruppen spielen in Werkhallen, Künstlerinnen arbeiten in alten Lokschuppen.\n\n{B:Schätze aus der Tiefe|Mineralien und Erze: die Ausstellung im Bergbau-Museum}\n\nDie Vortragsreihe im Museum fragt, was bleibt – und lädt ausdrücklich zur Diskussion ein.\n\n{E:Vortrag: Nach der Kohle – was bleibt?}\n\n[[ort:deutsches-bergbau-museum]]\n\n{E:Jazz im Lokschuppen}",
        authors: "Mara Magazin, Ben Beispiel",
        guest: None,
        picture: "Schätze aus der Tiefe",
        english: None,
        stage: Stage::Published(9),
    },
    Seed {
        title: "Rückblick: Ein Sommer voller Straßenmusik",
        rubric: Rubric::Review,
        sparte: "musik",
        lead: "Jeden Samstag spielten Musikerinnen und Musiker am Bermudadreieck. Ein Rückblick auf eine Reihe, die ohne Eintritt und ohne Bühne auskam.",
        body: "Mal war es ein Streichtrio, mal eine Band mit Akkordeon und Cajón. Die Straßenmusik am Bermudadreieck hat gezeigt, wie viele Musikerinnen und Musiker Bochum hat – und wie gern die Stadt ihnen zuhört.\n\n{E:Straßenmusik am Bermudadreieck}\n\nWer selbst spielen möchte: Die Open Stage im Bahnhof Langendreer ist der nächste Schritt.\n\n{E:Open Stage im Bahnhof}\n\n[[ort:bahnhof-langendreer]]",
        authors: "Ben Beispiel",
        guest: None,
        picture: "Straßenmusik am Bermudadreieck",
        english: None,
        stage: Stage::Published(14),
    },
    Seed {
        title: "Porträt: Der Chor Gerther Stimmen",
        rubric: Rubric::Portrait,
        sparte: "musik",
        lead: "Keine Noten, kein Vorsingen, keine Altersgrenze: Warum in Gerthe jeden Dienstag bis zu sechzig Menschen zusammen singen.",
        body: "Die Christuskirche in Gerthe ist dienstags voll. Der Chor Gerther Stimmen probt hier, und wer mitsingen möchte, kommt einfach vorbei.\n\n[[zitat:Bei uns zählt nicht, ob du den Ton triffst, sondern dass du wiederkommst.|Chorleiterin der Gerther Stimmen]]\n\n{E:Offene Chorprobe: Singen für alle}\n\n{E:Chorkonzert: Lieder aus dem Revier}\n\n[[organisation:chor-gerther-stimmen]]\n\n[[ort:christuskirche-gerthe]]",
        authors: "Mara Magazin",
        guest: None,
        picture: "Chorkonzert: Lieder aus dem Revier",
        english: None,
        stage: Stage::Published(20),
    },
    Seed {
        title: "Tanzen zwischen Schlacke und Himmel",
        rubric: Rubric::Interview,
        sparte: "tanz",
        lead: "Das Tanzkollektiv Haldenrausch tanzt auf Halden und in Werkhallen. Ein Gespräch über Körper, Orte und Tanz für Menschen über sechzig.",
        body: "**Warum ausgerechnet Halden?**\n\nWeil sie Orte sind, die Menschen gemacht haben – und die jetzt allen gehören. Wir wollen sie mit Bewegung neu erzählen.\n\n**Und die Tanzwerkstatt 60+?**\n\nDie ist inzwischen unser liebstes Format. Erfahrung bringt eine ganz eigene Qualität in die Bewegung.\n\n{E:Haldenrausch: Tanz zwischen Schlacke und Himmel}\n\n{E:Tanzwerkstatt 60+}\n\n[[organisation:tanzkollektiv-haldenrausch]]",
        authors: "Ben Beispiel",
        guest: None,
        picture: "Haldenrausch: Tanz zwischen Schlacke und Himmel",
        english: None,
        stage: Stage::Published(25),
    },
    Seed {
        title: "Kunst unter freiem Himmel: Situation Kunst",
        rubric: Rubric::Background,
        sparte: "bildende-kunst",
        lead: "Im Schlosspark Weitmar stehen Skulpturen zwischen alten Bäumen. Ein Spaziergang durch eines der schönsten Kunstorte der Stadt.",
        body: "Situation Kunst verbindet Architektur, Park und Sammlung. Die Führungen zeigen, wie die Werke mit dem Ort sprechen.\n\n{B:Führung: Kunst im Schlosspark Weitmar|Unterwegs im Schlosspark Weitmar}\n\n{E:Führung: Kunst im Schlosspark Weitmar}\n\n{E:Farbe als Raum}\n\n[[ort:situation-kunst]]",
        authors: "Mara Magazin",
        guest: None,
        picture: "Farbe als Raum",
        english: None,
        stage: Stage::Published(31),
    },
    Seed {
        title: "Aus der Szene: Warum wir im Hinterhof feiern",
        rubric: Rubric::Scene,
        sparte: "performance",
        lead: "Feuerkörbe, Kinderprogramm und eine kurze Performance: Das Kollektiv Flözlicht erzählt, wie aus einem Hinterhof ein Winterfest wird.",
        body: "Wir haben keine Bühne mit Vorhang. Wir haben einen Hof, Nachbarinnen mit Thermoskannen und Kinder, die die Lichter aufhängen. Das Winterfest ist unser Dank an die Nachbarschaft.\n\n{E:Winterfest im Hinterhof}\n\nKommen Sie vorbei – Eintritt frei, Spenden für die Technik willkommen.\n\n{E:Workshop: Körper im Raum}",
        authors: "Rita Redaktion",
        guest: Some("kollektiv-floezlicht"),
        picture: "Winterfest im Hinterhof",
        english: None,
        stage: Stage::Published(3),
    },
    Seed {
        title: "Kinder, Puppen, Förderturm: Die Kumpelkiste",
        rubric: Rubric::Portrait,
        sparte: "kinder-familie",
        lead: "Handpuppen, selbst gebaute Kulissen und ein Kasper, der einen Förderturm sucht: Zu Besuch beim Figurentheater Kumpelkiste in Höntrop.",
        body: "Im Kulturkeller Höntrop ist es dunkel, bis die Lampe über der Spielleiste angeht. Dann sitzen dreißig Kinder still – für genau fünfunddreißig Minuten.\n\n{E:Kasper und der verschwundene Förderturm}\n\n{E:Die Maus, die den Mond suchte}\n\n[[organisation:figurentheater-kumpelkiste]]\n\n[[ort:kulturkeller-hoentrop]]",
        authors: "Mara Magazin",
        guest: None,
        picture: "Kasper und der verschwundene Förderturm",
        english: Some((
            "Children, puppets, a pit tower: the Kumpelkiste",
            "Hand puppets, home-made sets and a Punch looking for a pit tower: visiting the Kumpelkiste puppet theatre in Höntrop.",
        )),
        stage: Stage::Published(40),
    },
    Seed {
        title: "Jazz an ungewöhnlichen Orten",
        rubric: Rubric::Tips,
        sparte: "musik",
        lead: "Werkhalle, Lokschuppen, Hinterzimmer: Die Jazz-Initiative Ruhrschiene spielt dort, wo man es nicht erwartet. Unsere Tipps für Jazzfreundinnen und -freunde.",
        body: "Jeden Mittwoch ist Session in der Werkhalle in Linden – mit Hausband und offener Bühne. Wer lieber zuhört, sollte sich den Abend im Eisenbahnmuseum vormerken.\n\n{E:Jazz-Session in der Werkhalle}\n\n{E:Jazz im Lokschuppen}\n\n[[organisation:jazz-initiative-ruhrschiene]]",
        authors: "Ben Beispiel",
        guest: None,
        picture: "Jazz im Lokschuppen",
        english: None,
        stage: Stage::Published(7),
    },
    Seed {
        title: "Street-Art im Bochumer Norden",
        rubric: Rubric::Review,
        sparte: "bildende-kunst",
        lead: "Legale Wände, Workshops für Jugendliche und eine Ausstellung über Bilder im Stadtraum: Ein Rückblick auf ein Jahr Farbschacht.",
        body: "Das Street-Art-Kollektiv Farbschacht hat in diesem Jahr drei Wände gestaltet – gemeinsam mit Jugendlichen aus dem Stadtteil.\n\n{E:Wände erzählen}\n\n{E:Graffiti-Workshop für Jugendliche}\n\n[[organisation:streetart-kollektiv-farbschacht]]",
        authors: "Mara Magazin",
        guest: None,
        picture: "Wände erzählen",
        english: None,
        stage: Stage::Scheduled(2),
    },
    Seed {
        title: "Seniorentheater Spätlese: Erinnerungen auf der Bühne",
        rubric: Rubric::Portrait,
        sparte: "theater",
        lead: "Die Spätlese entwickelt Stücke aus eigenen Erinnerungen. Ein Porträt einer Theatergruppe, in der niemand jünger als sechzig ist.",
        body: "Beim Erzählcafé in der Hustadt beginnt alles: Eine erzählt, die anderen hören zu, und am Ende wird daraus eine Szene.\n\n{E:Erzählcafé: Wie war das damals?}\n\n{E:Kaffee, Korn und Kohle}\n\n[[organisation:seniorentheater-spaetlese]]",
        authors: "Ben Beispiel",
        guest: None,
        picture: "Kaffee, Korn und Kohle",
        english: None,
        stage: Stage::InReview,
    },
];

/// Bios of the demo's authors.
const AUTHORS: &[(&str, &str, &str)] = &[
    (
        "mara-magazin",
        "Mara Magazin ist die (erfundene) Redakteurin des Demo-Magazins. Sie schreibt über die freie Szene, Chöre und alles, was im Hinterhof passiert.",
        "Mara Magazin is the (made-up) editor of the demo magazine. She writes about the independent scene, choirs and everything that happens in backyards.",
    ),
    (
        "ben-beispiel",
        "Ben Beispiel schreibt (erfunden, für die Demo) über Musik, Tanz und Industriekultur im Ruhrgebiet.",
        "Ben Beispiel writes (made up, for the demo) about music, dance and industrial heritage in the Ruhr.",
    ),
];

/// Turns `{E:Title}` and `{B:Title|alt}` lines into short codes of the demo's events
/// (left out when the event is not in this season).
type DemoEvents = HashMap<String, (String, Option<(String, String)>)>;

fn expand(body: &str, events: &DemoEvents) -> String {
    body.lines()
        .filter_map(|line| {
            if let Some(title) = line.strip_prefix("{E:").and_then(|l| l.strip_suffix('}')) {
                return events
                    .get(title)
                    .map(|(slug, _)| format!("[[veranstaltung:{slug}]]"));
            }
            if let Some(rest) = line.strip_prefix("{B:").and_then(|l| l.strip_suffix('}')) {
                let (title, caption) = rest.split_once('|')?;
                let (key, alt) = events.get(title)?.1.clone()?;
                return Some(format!(
                    "[[bild:{key}|{alt}|{caption}|Beispielbild, für die Demo gezeichnet]]"
                ));
            }
            Some(line.to_owned())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn actor_of(
    db: &Db,
    email: &str,
) -> anyhow::Result<Option<(crate::db::users::UserRow, crate::domain::permissions::Actor)>> {
    let Some(email) = Email::parse(email) else {
        return Ok(None);
    };
    let Some(user) = users::by_email(db, &email).await? else {
        return Ok(None);
    };
    let actor = users::actor(db, &user).await?;
    Ok(Some((user, actor)))
}

/// Writes the demo's articles (after the demo's events, pictures and accounts exist).
pub async fn seed(svc: &Services, now: i64) -> anyhow::Result<usize> {
    let db = &svc.db;
    let (Some((admin_user, _)), Some((editor_user, _))) = (
        actor_of(db, "admin@demo.kulturportal.invalid").await?,
        actor_of(db, EDITOR).await?,
    ) else {
        return Ok(0);
    };
    articles::set_editor(db, editor_user.id, true, admin_user.id, now).await?;
    let (Some((_, admin)), Some((_, editor)), guest) = (
        actor_of(db, "admin@demo.kulturportal.invalid").await?,
        actor_of(db, EDITOR).await?,
        actor_of(db, "redaktion@demo.kulturportal.invalid").await?,
    ) else {
        return Ok(0);
    };
    // Demo events by title: slug and the key of their picture's middle variant.
    let mut events: DemoEvents = HashMap::new();
    let published = images::published_events(db).await?;
    for (id, title) in &published {
        let slug = articles::event_slug(db, *id).await?;
        let picture = images::of_event(db, *id).await?.into_iter().next();
        let key = picture.and_then(|p| {
            crate::web::images::ImageView::from_variants(
                0,
                &p.variants,
                String::new(),
                String::new(),
            )
            .map(|v| {
                (
                    v.src.trim_start_matches("/medien/").to_owned(),
                    p.alt.replace(['|', '\n'], " "),
                )
            })
        });
        if let Some(slug) = slug {
            events.entry(title.clone()).or_insert((slug, key));
        }
    }
    let mut written = 0;
    for s in SEEDS {
        let (writer_user, writer_actor) = match (s.guest, &guest) {
            (Some(_), Some((u, a))) => (u.clone(), a.clone()),
            (Some(_), None) => continue,
            (None, _) => (editor_user.clone(), editor.clone()),
        };
        let draft = ArticleDraft {
            title: s.title.to_owned(),
            title_en: s.english.map(|e| e.0.to_owned()).unwrap_or_default(),
            lead: s.lead.to_owned(),
            lead_en: s.english.map(|e| e.1.to_owned()).unwrap_or_default(),
            body: expand(s.body, &events),
            body_en: String::new(),
            rubric: s.rubric,
            sparte: Slug::parse(s.sparte),
            authors: s.authors.split(", ").map(str::to_owned).collect(),
            guest_org: match s.guest {
                Some(org) => crate::db::organizations::by_slug(db, org)
                    .await?
                    .map(|o| o.id),
                None => None,
            },
            note: String::new(),
        };
        let writer = Writer {
            actor: &writer_actor,
            name: &writer_user.display_name,
        };
        let a = service::create(svc, &writer, &draft)
            .await
            .map_err(|e| anyhow::anyhow!("demo article {}: {e:?}", s.title))?;
        written += 1;
        // The lead picture: the named event's, else the first shown event's that has one.
        let mut candidates = vec![s.picture];
        candidates.extend(
            s.body
                .lines()
                .filter_map(|l| l.strip_prefix("{E:").and_then(|l| l.strip_suffix('}'))),
        );
        for title in candidates {
            let Some((id, _)) = published.iter().find(|(_, t)| t == title) else {
                continue;
            };
            if let Some(img) = images::of_event(db, *id).await?.into_iter().next() {
                service::set_picture(
                    svc,
                    a.id,
                    &img.variants,
                    &img.alt,
                    title,
                    "Beispielbild, für die Demo gezeichnet",
                )
                .await?;
                break;
            }
        }
        service::submit(svc, &writer_actor, a.id)
            .await
            .map_err(|e| anyhow::anyhow!("demo article {}: {e:?}", s.title))?;
        let at = match s.stage {
            Stage::InReview => continue,
            Stage::Published(days) => now - days * 86_400 - 3_600,
            Stage::Scheduled(days) => now + days * 86_400,
        };
        // Approved by someone else than its writer: the admin, or for the admin's own
        // the editor.
        let approver = if writer_actor.user_id == admin.user_id {
            &editor
        } else {
            &admin
        };
        service::approve(svc, approver, a.id, Some(at))
            .await
            .map_err(|e| anyhow::anyhow!("demo article {}: {e:?}", s.title))?;
    }
    for (slug, bio, bio_en) in AUTHORS {
        articles::set_bio(db, slug, bio, bio_en).await?;
    }
    comments(svc, &editor).await?;
    Ok(written)
}

/// Readers' comments under the Flözlicht portrait, through the one write path: a
/// member's (approved by moderation), the collective's answer („Antwort von …“) and the
/// Redaktion's, a visitor's later comment, and a visitor's first comment that waits in
/// the moderation queue.
async fn comments(svc: &Services, editor: &Actor) -> anyhow::Result<()> {
    use crate::service::comments::{Commenter, confirm, decide, write};
    let db = &svc.db;
    let Some(a) = articles::by_slug(db, "licht-aus-der-tiefe-das-kollektiv-floezlicht").await?
    else {
        return Ok(());
    };
    let (Some((_, member)), Some((_, collective)), Some((_, moderator))) = (
        actor_of(db, "mitglied@demo.kulturportal.invalid").await?,
        actor_of(db, "redaktion@demo.kulturportal.invalid").await?,
        actor_of(db, "moderation@demo.kulturportal.invalid").await?,
    ) else {
        return Ok(());
    };
    let fail = |e| anyhow::anyhow!("demo comment: {e:?}");
    let first = write(
        svc,
        &a,
        &Commenter::Member(&member),
        "Ich war beim letzten Abend im Hinterhof: Die Stimmen der Bergleute im Dunkeln, dann das erste Licht – das vergesse ich nicht so schnell.\n\nGibt es die Aufnahmen auch zum Nachhören?",
        None,
    )
    .await
    .map_err(fail)?;
    decide(svc, &moderator, first.id, true).await?;
    let answer = write(
        svc,
        &a,
        &Commenter::Member(&collective),
        "Danke! Die Aufnahmen gehören den Familien, deshalb gibt es sie nur im Stück. Im Frühjahr hören wir sie bei einem offenen Abend gemeinsam an.",
        Some(first.id),
    )
    .await
    .map_err(fail)?;
    decide(svc, &moderator, answer.id, true).await?;
    write(
        svc,
        &a,
        &Commenter::Member(editor),
        "Wir kündigen den offenen Abend im Kalender an, sobald der Termin steht.",
        Some(first.id),
    )
    .await
    .map_err(fail)?;
    // A visitor whose address has an approved comment: later ones appear at once.
    let (Some(ina), Some(paul)) = (
        Email::parse("ina@example.org"),
        Email::parse("paul@example.org"),
    ) else {
        return Ok(());
    };
    for (text, approve) in [
        (
            "Schöner Text über eine Gruppe, die viel zu wenige kennen.",
            true,
        ),
        (
            "Nachtrag: Der Hinterhof ist über die Einfahrt neben der Bäckerei zu erreichen, stufenlos.",
            false,
        ),
    ] {
        let w = write(
            svc,
            &a,
            &Commenter::Visitor {
                name: "Ina",
                email: &ina,
            },
            text,
            None,
        )
        .await
        .map_err(fail)?;
        if let Some(link) = &w.link
            && let Some(c) = confirm(svc, link).await?
            && approve
        {
            decide(svc, &moderator, c.id, true).await?;
        }
    }
    // A visitor's first comment: confirmed, waiting in the moderation queue.
    let w = write(
        svc,
        &a,
        &Commenter::Visitor {
            name: "Paul",
            email: &paul,
        },
        "Mein Großvater war auf Zeche Hannover. Ich würde ihm gern von dem Abend erzählen – spielt ihr noch einmal?",
        None,
    )
    .await
    .map_err(fail)?;
    if let Some(link) = &w.link {
        confirm(svc, link).await?;
    }
    Ok(())
}
