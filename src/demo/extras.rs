//! One-off evenings of the free scene, composed from fictional names so that the demo
//! season is as dense as a real one (concerts, readings, cinema, talks, workshops). Each
//! programme plays only where it fits, presented by the house or a group that offers its
//! Sparten (a club night at the Zeche, never „veranstaltet von“ the orchestra).

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

/// A place of a programme: (venue slug, organiser slug).
type Place = (&'static str, &'static str);

const BAHNHOF: Place = ("bahnhof-langendreer", "bahnhof-langendreer-ev");
const ZECHE: Place = ("zeche-bochum", "zeche-bochum");
const WERKHALLE: Place = ("werkhalle-linden", "jazz-initiative-ruhrschiene");
const KIRCHE_DER_KULTUREN: Place = ("christuskirche-bochum", "kulturbuero-bochum");
const KULTURKELLER: Place = ("kulturkeller-hoentrop", "kulturbuero-bochum");
const BUECHEREI: Place = ("stadtbuecherei-bochum", "stadtbuecherei-bochum");
const BUECHEREI_WAT: Place = ("stadtbuecherei-wattenscheid", "stadtbuecherei-bochum");
const STADTGESCHICHTE: Place = ("zentrum-fuer-stadtgeschichte", "kulturbuero-bochum");
const BERGBAU: Place = ("deutsches-bergbau-museum", "deutsches-bergbau-museum");
const KUNSTMUSEUM: Place = ("kunstmuseum-bochum", "kunstmuseum-bochum");
const KULTURSCHEUNE: Place = ("kulturscheune-hiltrop", "streetart-kollektiv-farbschacht");
const THEALOZZI_SLAM: Place = ("thealozzi", "slam-revier-ev");
const ENDSTATION: Place = ("endstation-kino", "endstation-kino");
const U27_KINO: Place = ("stadtteilzentrum-u27-gerthe", "endstation-kino");
const CONCERTS: &[Place] = &[BAHNHOF, ZECHE, WERKHALLE, KIRCHE_DER_KULTUREN, KULTURKELLER];
const READINGS: &[Place] = &[BUECHEREI, BUECHEREI_WAT, BAHNHOF, THEALOZZI_SLAM];
const CINEMAS: &[Place] = &[ENDSTATION, U27_KINO];
const STAGES: &[Place] = &[BAHNHOF, KULTURKELLER, THEALOZZI_SLAM];
const CLUBS: &[Place] = &[ZECHE, BAHNHOF];

struct Kind {
    prefix: &'static str,
    /// Each programme with the places where it plays.
    names: &'static [(&'static str, &'static [Place])],
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
            ("Die Zechenkinder", CONCERTS),
            ("Flözrauschen", CONCERTS),
            ("Ruhrpott Rhapsody", CONCERTS),
            ("Kohle & Klang", CONCERTS),
            ("Stahlblau", CONCERTS),
            ("Glück-auf-Brass", CONCERTS),
            ("Emscherwellen", CONCERTS),
            ("Trio Förderturm", CONCERTS),
            ("Süßwasserquartett", CONCERTS),
            ("Grubengold", CONCERTS),
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
            ("Jana Kortum liest „Schichtwechsel“", READINGS),
            ("Mehmet Öztürk liest „Über Tage“", READINGS),
            ("Lena Weißkopf liest „Die Straße nach Hamme“", READINGS),
            (
                "Paul Grünewald liest „Kohlenstaub und Kirschblüten“",
                READINGS,
            ),
            ("Ayşe Demir liest „Zwei Städte, ein Herz“", READINGS),
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
            ("Der kleine Maulwurf im Bergwerk", CINEMAS),
            ("Die Bärenbande", CINEMAS),
            ("Lotta und der Schlüssel", CINEMAS),
            ("Fünf Freunde auf Zeche", CINEMAS),
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
            (
                "Bochums Zechen und ihre Nachnutzung",
                &[BERGBAU, STADTGESCHICHTE],
            ),
            (
                "Kunst im öffentlichen Raum",
                &[KUNSTMUSEUM, STADTGESCHICHTE],
            ),
            ("Die Geschichte des Bermudadreiecks", &[STADTGESCHICHTE]),
            ("Stadtgrün und Kultur", &[STADTGESCHICHTE, BAHNHOF]),
            (
                "Migration und Musik im Ruhrgebiet",
                &[BAHNHOF, STADTGESCHICHTE],
            ),
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
            ("Siebdruck für Einsteiger", &[KULTURSCHEUNE]),
            ("Urban Sketching", &[KULTURSCHEUNE, KUNSTMUSEUM]),
            (
                "Trommeln für alle",
                &[("kulturkeller-hoentrop", "ensemble-koepru")],
            ),
            (
                "Poetry-Slam-Schreibwerkstatt",
                &[THEALOZZI_SLAM, ("stadtbuecherei-bochum", "slam-revier-ev")],
            ),
            (
                "Theater spielen ab 60",
                &[
                    ("kulturladen-hustadt", "seniorentheater-spaetlese"),
                    ("musisches-zentrum-rub", "seniorentheater-spaetlese"),
                ],
            ),
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
            ("Hömma! – Ein Abend im Pott", STAGES),
            ("Kumpel, Kaffee, Kabarett", STAGES),
            ("Die Schicht ist noch nicht vorbei", STAGES),
            ("Büdchenphilosophie", STAGES),
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
            ("Tiefschacht Techno", CLUBS),
            ("Schwarzes Gold Disco", CLUBS),
            ("Nachtschicht Drum'n'Bass", CLUBS),
            ("Süßes Gift – Queer Party", CLUBS),
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
    for _round in 0..24 {
        for kind in KINDS {
            for (name, places) in kind.names {
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
                let Some(&(venue, organizer)) = places.get(rng.below(places.len() as u64) as usize)
                else {
                    continue;
                };
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
