//! Synthetic load for benchmarks: N events over ~200 venues in all districts and Sparten,
//! 10 % of them recurring, spread over a year around today. Deterministic per seed.

use super::rng::Rng;
use super::{at, dedup};
use crate::db::seed::{self, NewEvent, NewOccurrence, NewOrganization, NewVenue};
use crate::db::{Db, DbError, categories};
use crate::domain::calendar::{self, local_date};
use crate::domain::district::District;
use crate::domain::event::{Audience, OccurrenceStatus, Price};
use crate::domain::recurrence::Recurrence;
use chrono::{DateTime, Days, Utc};

const VENUES: usize = 200;
const ORGS: usize = 400;
const BATCH: usize = 5_000;

const WORDS: &[&str] = &[
    "Sommerkonzert",
    "Wintermärchen",
    "Straßenfest",
    "Klangräume",
    "Großstadtlichter",
    "Zechenromantik",
    "Nachtgedanken",
    "Grüße aus Bochum",
    "Kammerkonzert",
    "Familienfest",
    "Höhenflug",
    "Tanzabend",
    "Lichtspiele",
    "Bühnenzauber",
    "Stimmenfang",
    "Märchenwald",
    "Übergänge",
    "Fußnoten",
    "Schattenspiel",
    "Revierlieder",
    "Jazzfrühling",
    "Orgelnacht",
    "Bilderwelten",
    "Wortakrobatik",
    "Farbrausch",
];
const FORMS: &[&str] = &[
    "Konzert",
    "Lesung",
    "Premiere",
    "Ausstellung",
    "Workshop",
    "Vortrag",
    "Performance",
    "Film",
    "Führung",
    "Party",
];
const SENTENCES: &[&str] = &[
    "Ein Abend für alle, die Neues entdecken wollen.",
    "Die Künstlerinnen und Künstler stellen ihre aktuelle Arbeit vor.",
    "Im Anschluss gibt es ein Gespräch mit dem Publikum.",
    "Der Eintritt für Kinder und Jugendliche ist ermäßigt.",
    "Diese Veranstaltung ist synthetisch erzeugt und dient nur der Lastmessung.",
    "Musik, Licht und Bewegung verbinden sich zu einem Erlebnis für alle Sinne.",
    "Mit Übertiteln und einer Einführung eine halbe Stunde vor Beginn.",
];

/// Inserts `n` synthetic events (plus their venues and organisations); returns `n`.
pub async fn seed(
    db: &Db,
    n: usize,
    seed_value: u64,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let ts = now.timestamp();
    let mut rng = Rng::new(seed_value);
    let cats = categories::all(db).await?;
    let venues = (0..VENUES)
        .map(|i| {
            let d = District::ALL[i % District::ALL.len()];
            NewVenue {
                slug: format!("synthetischer-ort-{seed_value}-{i}"),
                name: format!("Synthetischer Ort {i}"),
                street: format!("Teststraße {}", i + 1),
                postal_code: "44787".into(),
                district: d.slug().into(),
                lat: Some(51.48 + (rng.below(100) as f64) / 1000.0),
                lon: Some(7.21 + (rng.below(100) as f64) / 1000.0),
                description: String::new(),
                website: String::new(),
                step_free: rng.chance(60),
                wheelchair_wc: rng.chance(50),
                wheelchair_spaces: rng.chance(50),
                lift: rng.chance(40),
                parking: rng.chance(30),
                induction_loop: rng.chance(10),
                access_notes: String::new(),
            }
        })
        .collect();
    let venue_ids = seed::insert_venues(db, venues, ts).await?;
    let orgs = (0..ORGS)
        .map(|i| NewOrganization {
            slug: format!("synthetischer-veranstalter-{seed_value}-{i}"),
            name: format!("Synthetischer Veranstalter {i}"),
            kind: "collective".into(),
            description: String::new(),
            website: String::new(),
            district: None,
            verified: true,
            category_ids: vec![cats[i % cats.len().max(1)].id],
        })
        .collect();
    let org_ids = seed::insert_organizations(db, orgs, ts).await?;
    let today = local_date(now);
    let mut made = 0;
    while made < n {
        let batch: Vec<NewEvent> = (made..n.min(made + BATCH))
            .map(|i| event(i, seed_value, &mut rng, today, &venue_ids, &org_ids, &cats))
            .collect();
        made += batch.len();
        seed::insert_events(db, batch, ts).await?;
    }
    db.analyze().await?;
    Ok(made)
}

fn event(
    i: usize,
    seed_value: u64,
    rng: &mut Rng,
    today: chrono::NaiveDate,
    venue_ids: &[i64],
    org_ids: &[i64],
    cats: &[crate::domain::category::Category],
) -> NewEvent {
    let title = format!("{} {}", rng.pick(WORDS), rng.pick(FORMS));
    let offset = rng.below(365) as i64 - 182;
    let date = if offset >= 0 {
        today.checked_add_days(Days::new(offset as u64))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    }
    .unwrap_or(today);
    let hour = 10 + rng.below(12) as u32;
    let mut recurrence = String::new();
    let kind = rng.below(100);
    let occurrences: Vec<NewOccurrence> = if kind < 10 {
        // A run of eight weekly dates.
        let until = date.checked_add_days(Days::new(7 * 7)).unwrap_or(date);
        match Recurrence::weekly(date, hour, 0, Some(until), &[]) {
            Ok(rule) => {
                recurrence = rule.as_str().to_owned();
                let end = calendar::start_of_day(until.succ_opt().unwrap_or(until));
                NewOccurrence::series(&rule, calendar::start_of_day(date), end, 7200)
            }
            Err(_) => vec![at(date, hour, 0, 120)],
        }
    } else if kind < 13 {
        let end = date
            .checked_add_days(Days::new(30 + rng.below(60)))
            .unwrap_or(date);
        vec![NewOccurrence {
            starts_at: calendar::local_instant(date, 10, 0).timestamp(),
            ends_at: calendar::local_instant(end, 18, 0).timestamp(),
            all_day: true,
            status: OccurrenceStatus::Scheduled,
            from_rule: false,
        }]
    } else {
        let mut o = at(date, hour, if rng.chance(50) { 0 } else { 30 }, 120);
        if rng.chance(3) {
            o.status = OccurrenceStatus::Cancelled;
        }
        vec![o]
    };
    let first_cat = &cats[rng.below(cats.len() as u64) as usize];
    let mut category_ids = vec![first_cat.id];
    if rng.chance(30) {
        let second = cats[rng.below(cats.len() as u64) as usize].id;
        if second != first_cat.id {
            category_ids.push(second);
        }
    }
    let description = (0..3)
        .map(|_| *rng.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ");
    NewEvent {
        slug: format!("synthetisch-{seed_value}-{i}"),
        subtitle: format!("{} in Bochum", rng.pick(FORMS)),
        description,
        venue_id: Some(venue_ids[rng.below(venue_ids.len() as u64) as usize]),
        location_text: String::new(),
        price: if rng.chance(20) {
            Price::Free
        } else {
            Price::Range {
                min_cents: 500,
                max_cents: 500 + 100 * rng.below(30) as i64,
            }
        },
        ticket_url: String::new(),
        min_age: None,
        languages: vec!["de".into()],
        access_services: Vec::new(),
        recurrence,
        duration_seconds: 7200,
        published: true,
        category_ids,
        organizer_ids: vec![org_ids[rng.below(org_ids.len() as u64) as usize]],
        tags: dedup(vec![rng.pick(FORMS).to_string()]),
        audiences: if rng.chance(15) {
            vec![*rng.pick(&Audience::ALL)]
        } else {
            Vec::new()
        },
        occurrences,
        title,
    }
}
