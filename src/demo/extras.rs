//! One-off evenings of the free scene, composed from fictional names so that the demo
//! season is as dense as a real one (concerts, readings, cinema, talks, workshops).

use super::catalog::{ORGS, VENUES};
use super::rng::Rng;
use super::{SEASON_DAYS, at, dedup};
use crate::db::seed::NewEvent;
use crate::domain::event::{Audience, Price};
use crate::domain::slug::Slug;
use chrono::{Datelike, Days, NaiveDate};

pub struct Extra {
    pub event: NewEvent,
    pub venue: &'static str,
    pub organizer: &'static str,
    pub categories: &'static [&'static str],
}

struct Kind {
    prefix: &'static str,
    names: &'static [&'static str],
    subtitle: &'static str,
    text: &'static str,
    categories: &'static [&'static str],
    tags: &'static [&'static str],
    hour: u32,
    minutes: u32,
    free_percent: u64,
    audiences: &'static [Audience],
}

const KINDS: &[Kind] = &[
    Kind {
        prefix: "Konzert",
        names: &[
            "Die Zechenkinder",
            "Flözrauschen",
            "Ruhrpott Rhapsody",
            "Kohle & Klang",
            "Stahlblau",
            "Glück-auf-Brass",
            "Emscherwellen",
            "Trio Förderturm",
            "Süßwasserquartett",
            "Grubengold",
        ],
        subtitle: "Live im Rahmen der Reihe „Bochum klingt“",
        text: "Eine fiktive Band der Bochumer Szene spielt eigene Songs zwischen Indie, Folk und Jazz.\n\n**Einlass** eine halbe Stunde vor Beginn.",
        categories: &["musik"],
        tags: &["Livemusik", "Konzert"],
        hour: 20,
        minutes: 120,
        free_percent: 20,
        audiences: &[Audience::Erwachsene],
    },
    Kind {
        prefix: "Lesung",
        names: &[
            "Jana Kortum liest „Schichtwechsel“",
            "Mehmet Öztürk liest „Über Tage“",
            "Lena Weißkopf liest „Die Straße nach Hamme“",
            "Paul Grünewald liest „Kohlenstaub und Kirschblüten“",
            "Ayşe Demir liest „Zwei Städte, ein Herz“",
        ],
        subtitle: "Lesung mit Gespräch (Autorinnen und Autoren fiktiv)",
        text: "Eine Lesung mit anschließendem Gespräch über das Schreiben im Ruhrgebiet. Die Autorinnen und Autoren sind für die Demo erfunden.",
        categories: &["literatur"],
        tags: &["Lesung", "Literatur"],
        hour: 19,
        minutes: 90,
        free_percent: 50,
        audiences: &[Audience::Erwachsene, Audience::Senioren],
    },
    Kind {
        prefix: "Kinderkino",
        names: &[
            "Der kleine Maulwurf im Bergwerk",
            "Die Bärenbande",
            "Lotta und der Schlüssel",
            "Fünf Freunde auf Zeche",
        ],
        subtitle: "Filmnachmittag für Kinder ab 5 Jahren",
        text: "Kinderkino am Nachmittag – mit Popcorn und einer kurzen Einführung. Die Filmtitel sind für die Demo erfunden.",
        categories: &["film", "kinder-familie"],
        tags: &["Kino", "Kinder"],
        hour: 15,
        minutes: 90,
        free_percent: 40,
        audiences: &[Audience::Kinder, Audience::Familie],
    },
    Kind {
        prefix: "Vortrag",
        names: &[
            "Bochums Zechen und ihre Nachnutzung",
            "Kunst im öffentlichen Raum",
            "Die Geschichte des Bermudadreiecks",
            "Stadtgrün und Kultur",
            "Migration und Musik im Ruhrgebiet",
        ],
        subtitle: "Vortrag mit anschließender Diskussion",
        text: "Ein Abend mit Vortrag und Gespräch. Fragen aus dem Publikum sind ausdrücklich willkommen.",
        categories: &["vortrag-gespraech"],
        tags: &["Vortrag", "Stadtgeschichte"],
        hour: 19,
        minutes: 90,
        free_percent: 60,
        audiences: &[Audience::Erwachsene, Audience::Senioren],
    },
    Kind {
        prefix: "Workshop",
        names: &[
            "Siebdruck für Einsteiger",
            "Urban Sketching",
            "Trommeln für alle",
            "Poetry-Slam-Schreibwerkstatt",
            "Theater spielen ab 60",
        ],
        subtitle: "Mitmachen ohne Vorkenntnisse",
        text: "Ein offener Workshop für alle, die etwas Neues ausprobieren wollen. Material wird gestellt; bitte vorher anmelden.",
        categories: &["workshop-bildung"],
        tags: &["Workshop", "Mitmachen"],
        hour: 17,
        minutes: 150,
        free_percent: 30,
        audiences: &[Audience::Jugend, Audience::Erwachsene],
    },
    Kind {
        prefix: "Kabarett",
        names: &[
            "Hömma! – Ein Abend im Pott",
            "Kumpel, Kaffee, Kabarett",
            "Die Schicht ist noch nicht vorbei",
            "Büdchenphilosophie",
        ],
        subtitle: "Kabarett aus dem Revier",
        text: "Kabarett mit spitzer Zunge und viel Herz fürs Ruhrgebiet. Die Programme und Künstler sind für die Demo erfunden.",
        categories: &["kabarett-comedy"],
        tags: &["Kabarett", "Comedy"],
        hour: 20,
        minutes: 120,
        free_percent: 0,
        audiences: &[Audience::Erwachsene],
    },
    Kind {
        prefix: "Clubnacht",
        names: &[
            "Tiefschacht Techno",
            "Schwarzes Gold Disco",
            "Nachtschicht Drum'n'Bass",
            "Süßes Gift – Queer Party",
        ],
        subtitle: "Clubkultur bis in den Morgen",
        text: "Eine lange Nacht mit DJs der Bochumer Clubszene (fiktiv). Awareness-Team vor Ort.",
        categories: &["clubkultur", "musik"],
        tags: &["Party", "Club"],
        hour: 23,
        minutes: 300,
        free_percent: 10,
        audiences: &[Audience::Erwachsene],
    },
];

/// About 600 single dates over the season, weekend-heavy.
pub fn one_offs(today: NaiveDate, rng: &mut Rng) -> Vec<Extra> {
    let mut out = Vec::new();
    let mut taken = std::collections::HashSet::new();
    for round in 0..24 {
        for kind in KINDS {
            for name in kind.names {
                if !rng.chance(70) {
                    continue;
                }
                let mut date = today
                    .checked_add_days(Days::new(rng.below(super::SEASON_DAYS)))
                    .unwrap_or(today);
                if date.weekday().num_days_from_monday() < 3 && rng.chance(60) {
                    date = date.checked_add_days(Days::new(3)).unwrap_or(date);
                }
                let title = format!("{}: {name}", kind.prefix);
                // One evening of the same programme per day is enough.
                if !taken.insert((title.clone(), date)) {
                    continue;
                }
                let venue = VENUES[rng.below(VENUES.len() as u64) as usize].slug;
                let organizer = ORGS
                    .iter()
                    .filter(|o| o.categories.iter().any(|c| kind.categories.contains(c)))
                    .nth(round % 3)
                    .or_else(|| ORGS.first())
                    .map_or("", |o| o.slug);
                let free = rng.chance(kind.free_percent);
                let hour = if kind.hour >= 19 && rng.chance(30) {
                    kind.hour - 1
                } else {
                    kind.hour
                };
                out.push(Extra {
                    event: NewEvent {
                        slug: format!("{}-{}", Slug::from_title(&title), date.format("%Y-%m-%d")),
                        title,
                        subtitle: kind.subtitle.into(),
                        description: kind.text.into(),
                        venue_id: None,
                        location_text: String::new(),
                        price: if free {
                            Price::Free
                        } else {
                            Price::Range {
                                min_cents: 800 + 100 * rng.below(8) as i64,
                                max_cents: 1500 + 100 * rng.below(15) as i64,
                            }
                        },
                        ticket_url: String::new(),
                        min_age: if kind.prefix == "Clubnacht" {
                            Some(18)
                        } else {
                            None
                        },
                        languages: vec!["de".into()],
                        access_services: Vec::new(),
                        recurrence: String::new(),
                        duration_seconds: i64::from(kind.minutes) * 60,
                        published: true,
                        category_ids: Vec::new(),
                        organizer_ids: Vec::new(),
                        tags: dedup(kind.tags.iter().map(|t| (*t).to_owned()).collect()),
                        audiences: kind.audiences.to_vec(),
                        occurrences: vec![at(date, hour, 0, kind.minutes)],
                    },
                    venue,
                    organizer,
                    categories: kind.categories,
                });
            }
        }
    }
    let _ = SEASON_DAYS;
    out
}
