//! Search relevance over the Bochum demo: queries as visitors type them, with the events
//! a person would expect. Prints recall and precision per query and their means; fails
//! when a mean falls below its floor (see `the_demo_search_finds_what_people_mean`).

use crate::support::TestApp;
use std::collections::BTreeSet;

/// A query and the titles it should find; a title ending in `*` stands for every title
/// with that beginning (the one-off programmes, e.g. `Konzert: *`).
const CASES: &[(&str, &[&str])] = &[
    (
        "Kindertheater",
        &[
            "Momo",
            "Kasper und der verschwundene Förderturm",
            "Die Maus, die den Mond suchte",
        ],
    ),
    (
        "Bergbaumuseum",
        &[
            "Führung: Anschauungsbergwerk unter Tage",
            "Schätze aus der Tiefe",
            "Familiensonntag: Kumpel für einen Tag",
            "Vortrag: Nach der Kohle – was bleibt?",
            "Vortrag: Bochums Zechen und ihre Nachnutzung",
        ],
    ),
    (
        "Bergbau-Museum",
        &[
            "Führung: Anschauungsbergwerk unter Tage",
            "Schätze aus der Tiefe",
            "Familiensonntag: Kumpel für einen Tag",
            "Vortrag: Nach der Kohle – was bleibt?",
            "Vortrag: Bochums Zechen und ihre Nachnutzung",
        ],
    ),
    (
        "Schauspielhaus",
        &[
            "Heiner Müller: Die Hamletmaschine",
            "Faust. Der Tragödie erster Teil",
            "Minna von Barnhelm",
            "Der Kirschgarten",
            "Momo",
            "Die Weiße Rose",
        ],
    ),
    (
        "Führung Museum",
        &[
            "Öffentliche Führung durch die Sammlung",
            "Führung: Anschauungsbergwerk unter Tage",
        ],
    ),
    (
        "Führung",
        &[
            "Öffentliche Führung durch die Sammlung",
            "Führung: Anschauungsbergwerk unter Tage",
            "Führung: Kunst im Schlosspark Weitmar",
        ],
    ),
    (
        "guided tour",
        &[
            "Öffentliche Führung durch die Sammlung",
            "Führung: Anschauungsbergwerk unter Tage",
            "Führung: Kunst im Schlosspark Weitmar",
        ],
    ),
    ("Konzert", CONCERTS),
    ("concert", CONCERTS),
    ("Theater", THEATRE),
    ("theatre", THEATRE),
    (
        "Kinderkonzert",
        &[
            "Familienkonzert: Peter und der Wolf",
            "Weihnachtskonzert im Musikforum",
            "Schülerkonzert: Junge Talente",
        ],
    ),
    ("Familienkonzert", &["Familienkonzert: Peter und der Wolf"]),
    (
        "Jazz",
        &[
            "Jazz-Session in der Werkhalle",
            "Jazz im Lokschuppen",
            "Konzert: *",
        ],
    ),
    ("Lesung", &["Lesung: *"]),
    ("reading", &["Lesung: *"]),
    ("Ausstellung", EXHIBITIONS),
    ("exhibition", EXHIBITIONS),
    ("Kinderkino", &["Kinderkino: *"]),
    ("Film", FILMS),
    (
        "Kino",
        &[
            "Filmreihe: Revierdokumente",
            "OmU-Abend: Neues Kino aus Großbritannien",
            "Kinderkino: *",
            "Bilderbuchkino in Wattenscheid",
        ],
    ),
    (
        "Tanz",
        &[
            "Haldenrausch: Tanz zwischen Schlacke und Himmel",
            "Tanzwerkstatt 60+",
        ],
    ),
    (
        "dance",
        &[
            "Haldenrausch: Tanz zwischen Schlacke und Himmel",
            "Tanzwerkstatt 60+",
        ],
    ),
    ("Kabarett", &["Kabarett: *", "Großer Dichterwettstreit"]),
    ("comedy", &["Kabarett: *", "Großer Dichterwettstreit"]),
    (
        "Poetry Slam",
        &[
            "Großer Dichterwettstreit",
            "U20 Poetry Slam",
            "Workshop: Poetry-Slam-Schreibwerkstatt",
        ],
    ),
    (
        "Chor",
        &[
            "Offene Chorprobe: Singen für alle",
            "Chorkonzert: Lieder aus dem Revier",
            "Weihnachtskonzert im Musikforum",
            "Adventsbühne am Bermuda3eck",
        ],
    ),
    ("Orgel", &["Orgelkonzert in der Christuskirche"]),
    (
        "Planetarium",
        &[
            "Sternstunden: Der Himmel über Bochum",
            "Lotti und die Sternschnuppe",
            "Planetarium in English: Our Place in Space",
            "Klangwelten unter der Kuppel",
        ],
    ),
    (
        "Sterne",
        &[
            "Sternstunden: Der Himmel über Bochum",
            "Lotti und die Sternschnuppe",
        ],
    ),
    (
        "Märchen",
        &[
            "Familienkonzert: Peter und der Wolf",
            "Kinderkino: Märchenfilme am Wochenende",
            "Märchenstunde für Kinder",
            "Masal Saati – Märchen auf Türkisch und Deutsch",
        ],
    ),
    ("Mueller", &["Heiner Müller: Die Hamletmaschine"]),
    ("Goethe", &["Faust. Der Tragödie erster Teil"]),
    (
        "Shakespeare",
        &["Heiner Müller: Die Hamletmaschine", "Ein Sommernachtstraum"],
    ),
    (
        "Puppentheater",
        &[
            "Kasper und der verschwundene Förderturm",
            "Die Maus, die den Mond suchte",
        ],
    ),
    ("Cherry Orchard", &["Der Kirschgarten"]),
    (
        "Symphoniker",
        &[
            "Sinfoniekonzert: Mahlers Fünfte",
            "Kammerkonzert im Kleinen Saal",
            "Familienkonzert: Peter und der Wolf",
            "Lunchkonzert im Foyer",
            "Sinfoniekonzert auf dem Campus",
            "Weihnachtskonzert im Musikforum",
            "Neujahrskonzert",
        ],
    ),
    (
        "Musikforum",
        &[
            "Sinfoniekonzert: Mahlers Fünfte",
            "Kammerkonzert im Kleinen Saal",
            "Familienkonzert: Peter und der Wolf",
            "Lunchkonzert im Foyer",
            "Instrumentenkarussell",
            "Weihnachtskonzert im Musikforum",
            "Neujahrskonzert",
        ],
    ),
    ("Techno", &["Clubnacht: Tiefschacht Techno"]),
    (
        "Party",
        &[
            "Clubnacht: *",
            "Zeche Classics: 80er-Party",
            "Soul & Funk Nacht",
            "Indie-Nacht: Bands aus dem Revier",
        ],
    ),
    (
        "Hamme",
        &[
            "Schichtende",
            "Workshop: Körper im Raum",
            "Winterfest im Hinterhof",
            "Lesung: Lena Weißkopf liest „Die Straße nach Hamme“",
        ],
    ),
    (
        "Advent",
        &["Adventsbühne am Bermuda3eck", "Winterfest im Hinterhof"],
    ),
    ("Leichte Sprache", &["Lesecafé in Leichter Sprache"]),
];

const CONCERTS: &[&str] = &[
    "Sinfoniekonzert: Mahlers Fünfte",
    "Kammerkonzert im Kleinen Saal",
    "Familienkonzert: Peter und der Wolf",
    "Lunchkonzert im Foyer",
    "Sinfoniekonzert auf dem Campus",
    "Orgelkonzert in der Christuskirche",
    "Schülerkonzert: Junge Talente",
    "Chorkonzert: Lieder aus dem Revier",
    "Weihnachtskonzert im Musikforum",
    "Neujahrskonzert",
    "Jazz im Lokschuppen",
    "Klangwelten unter der Kuppel",
    "Konzert: *",
];

const THEATRE: &[&str] = &[
    "Heiner Müller: Die Hamletmaschine",
    "Faust. Der Tragödie erster Teil",
    "Minna von Barnhelm",
    "Der Kirschgarten",
    "Momo",
    "Die Weiße Rose",
    "Woyzeck",
    "Kafka: Der Prozess",
    "Ein Sommernachtstraum",
    "Die Zofen",
    "Die Maus, die den Mond suchte",
    "Kasper und der verschwundene Förderturm",
    "Kaffee, Korn und Kohle",
    "Schichtende",
    "Workshop: Theater spielen ab 60",
];

const EXHIBITIONS: &[&str] = &[
    "Zwischen Kohle und Kosmos",
    "Licht und Schatten",
    "Farbe als Raum",
    "Schätze aus der Tiefe",
    "Zwischen Zeche und Campus",
    "Junge Positionen",
    "Wände erzählen",
    "Führung: Anschauungsbergwerk unter Tage",
];

const FILMS: &[&str] = &[
    "Filmreihe: Revierdokumente",
    "OmU-Abend: Neues Kino aus Großbritannien",
    "Kinderkino: Märchenfilme am Wochenende",
    "Kinderkino: *",
];

/// Floors for the means. The expected titles were written from the catalogue's texts,
/// not from the results. The search reaches 100 % recall and 97.9 % precision here (the
/// issue asks for 90 % and 80 %); the floors leave room for a demo change to move a case
/// or two, while losing compounds, venues or synonyms (each worth several cases) fails.
const MIN_RECALL: f64 = 0.95;
const MIN_PRECISION: f64 = 0.9;

/// Every distinct title the list shows for `q`, walking all pages.
async fn found(app: &TestApp, q: &str) -> BTreeSet<String> {
    let mut titles = BTreeSet::new();
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    for page in 1..=20 {
        let p = app
            .get(&format!("/veranstaltungen?q={q}&seite={page}"))
            .await;
        titles.extend(p.titles().iter().map(|t| {
            t.replace("&#38;", "&")
                .replace("&amp;", "&")
                .replace("&#34;", "\"")
        }));
        if !p.has("rel=\"next\"") {
            break;
        }
    }
    titles
}

fn expected(t: &str, title: &str) -> bool {
    match t.strip_suffix('*') {
        Some(prefix) => title.starts_with(prefix),
        None => t == title,
    }
}

#[tokio::test]
async fn the_demo_search_finds_what_people_mean() {
    let app = TestApp::demo().await;
    let (mut recall_sum, mut precision_sum) = (0.0, 0.0);
    let mut report = Vec::new();
    for (q, wanted) in CASES {
        let titles = found(&app, q).await;
        let relevant = titles
            .iter()
            .filter(|t| wanted.iter().any(|w| expected(w, t)))
            .count();
        let missing: Vec<&&str> = wanted
            .iter()
            .filter(|w| !titles.iter().any(|t| expected(w, t)))
            .collect();
        let extra: Vec<&String> = titles
            .iter()
            .filter(|t| !wanted.iter().any(|w| expected(w, t)))
            .collect();
        // Recall counts each expected entry (a `*` entry once); precision counts titles.
        let recall = 1.0 - missing.len() as f64 / wanted.len() as f64;
        let precision = if titles.is_empty() {
            0.0
        } else {
            relevant as f64 / titles.len() as f64
        };
        recall_sum += recall;
        precision_sum += precision;
        report.push(format!(
            "{q:>18}: recall {:5.1} %, precision {:5.1} % ({} found){}{}",
            recall * 100.0,
            precision * 100.0,
            titles.len(),
            if missing.is_empty() {
                String::new()
            } else {
                format!("; missing {missing:?}")
            },
            if extra.is_empty() {
                String::new()
            } else {
                format!("; also {extra:?}")
            },
        ));
    }
    let n = CASES.len() as f64;
    let (recall, precision) = (recall_sum / n, precision_sum / n);
    eprintln!("{}", report.join("\n"));
    eprintln!(
        "relevance over {} queries: mean recall {:.1} %, mean precision {:.1} %",
        CASES.len(),
        recall * 100.0,
        precision * 100.0
    );
    assert!(CASES.len() >= 30);
    assert!(recall >= MIN_RECALL, "mean recall {recall:.3}");
    assert!(precision >= MIN_PRECISION, "mean precision {precision:.3}");
}

#[tokio::test]
async fn a_search_without_hits_offers_what_to_try() {
    let app = TestApp::demo().await;
    let typo = app.get("/veranstaltungen?q=Planitarim+Sternstunde").await;
    assert!(typo.titles().is_empty());
    assert!(
        typo.has("Meinten Sie <a href=\"/veranstaltungen?q=planetarium+sternstunde\">"),
        "{}",
        typo.body
    );
    let none = app.get("/veranstaltungen?q=Opernball").await;
    assert!(none.titles().is_empty());
    assert!(!none.has("längeren Zeitraum"), "{}", none.body);
    assert!(none.has("Keine Veranstaltung passt zu „Opernball“."));
    let compound = app.get("/veranstaltungen?q=Theaterfestival+Xyz").await;
    assert!(compound.titles().is_empty());
    assert!(
        compound.has("href=\"/sparten/theater\"") && compound.has("href=\"/sparten/festival\""),
        "{}",
        compound.body
    );
    let venue = app.get("/veranstaltungen?q=Zeche+Silvester").await;
    assert!(venue.has("href=\"/orte/zeche-bochum\""), "{}", venue.body);
}
