//! CSV tables, as spreadsheets export them: one event per row under a header row with the
//! columns of [`TEMPLATE`]. Separator `;`, `,` or tab (read from the header), UTF-8 or
//! Windows-1252 (German Excel). A row with a `kennung` is matched by it (a second import
//! updates it); without one, by title, date and start time. Rows missing from a later table
//! stay as they are: a table may carry only what is new.

use super::{ImportError, MAX_BYTES, Outcome, Target, store};
use crate::db::Db;
use crate::domain::editor;
use crate::domain::form::FormData;
use chrono::{DateTime, NaiveDate, Utc};

/// The template offered for download, with one example row a week after `today`.
pub fn template(today: NaiveDate) -> String {
    let day = today + chrono::Days::new(7);
    format!(
        "{}\r\nLesung: Texte aus dem Revier;{};19:30;21:00;;;Café Zeitlos, Hauptstraße 1, 44866 Bochum;Literatur;Drei Autorinnen lesen neue Texte.;frei;;lesung-{}\r\n",
        COLUMNS.join(";"),
        day.format("%d.%m.%Y"),
        day.format("%Y-%m-%d")
    )
}

const COLUMNS: [&str; 12] = [
    "titel",
    "datum",
    "beginn",
    "ende",
    "bis_datum",
    "ort",
    "adresse",
    "sparten",
    "beschreibung",
    "preis",
    "tickets",
    "kennung",
];

/// Windows-1252's bytes 0x80–0x9F (the rest of the upper half is Latin-1).
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9f => CP1252[usize::from(b - 0x80)],
                _ => char::from(b),
            })
            .collect(),
    }
}

/// `2026-12-05` or `5.12.2026` as the editor's `YYYY-MM-DD`.
fn date(text: &str) -> Option<String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%y"))
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// `19:30`, `19.30` or `19` as `HH:MM` (anything else is passed on for the editor's message).
fn time(text: &str) -> String {
    let t = text.trim().trim_end_matches("Uhr").trim();
    let (h, m) = t.split_once([':', '.']).unwrap_or((t, "0"));
    match (h.trim().parse::<u32>(), m.trim().parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => format!("{h:02}:{m:02}"),
        _ => t.to_owned(),
    }
}

/// Fills the editor's price fields from one cell.
fn price(cell: &str, f: &mut FormData) {
    let c = cell.trim();
    let lower = c.to_lowercase();
    if c.is_empty() {
        return;
    }
    if ["frei", "kostenlos", "eintritt frei", "0", "0,00", "0 €"].contains(&lower.as_str()) {
        f.set("price_kind", "free");
        return;
    }
    let numbers: Vec<&str> = c
        .trim_end_matches('€')
        .trim()
        .split(['–', '-'])
        .map(str::trim)
        .collect();
    let is_amount = |s: &str| {
        !s.is_empty()
            && s.trim_end_matches('€')
                .trim()
                .chars()
                .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.')
    };
    if numbers.len() <= 2 && numbers.iter().all(|n| is_amount(n)) {
        f.set("price_kind", "range");
        f.set("price_min", numbers[0].trim_end_matches('€').trim());
        if let Some(max) = numbers.get(1) {
            f.set("price_max", max.trim_end_matches('€').trim());
        }
    } else {
        f.set("price_kind", "text");
        f.set("price_text", c);
    }
}

/// Imports a CSV table for the organisation `org_slug`.
pub async fn csv(
    db: &Db,
    bytes: &[u8],
    org_slug: &str,
    fallback_category: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let target = Target::load(db, org_slug, fallback_category).await?;
    let text = decode(bytes);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.matches(char::from(*d)).count())
        .unwrap_or(b';');
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::NotATable(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    for required in ["titel", "datum"] {
        if !headers.iter().any(|h| h == required) {
            return Err(ImportError::NotATable(format!(
                "Die Spalte „{required}“ fehlt. Erwartet wird eine Kopfzeile mit {}.",
                COLUMNS.join(", ")
            )));
        }
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let index: Vec<(&str, Option<usize>)> = COLUMNS.iter().map(|c| (*c, col(c))).collect();
    let choices = target.choices();
    let mut outcomes = Vec::new();
    for (i, row) in reader.records().enumerate() {
        // The header is line 1.
        let line = i + 2;
        super::progress(i + 1, None);
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                outcomes.push(Outcome::Failed {
                    record: line,
                    uid: format!("Zeile {line}"),
                    reason: format!("Die Zeile ist nicht lesbar: {e}"),
                });
                continue;
            }
        };
        if row.iter().all(str::is_empty) {
            continue;
        }
        let cell = |name: &str| -> &str {
            index
                .iter()
                .find(|(c, _)| *c == name)
                .and_then(|(_, i)| *i)
                .and_then(|i| row.get(i))
                .unwrap_or("")
        };
        let mut f = FormData::default();
        f.set("title", cell("titel"));
        f.set("description", cell("beschreibung"));
        f.set("organisation", target.org.id.to_string());
        f.set("date_mode", "single");
        let day = match date(cell("datum")) {
            Some(d) => d,
            None => {
                outcomes.push(Outcome::Failed {
                    record: line,
                    uid: format!("Zeile {line}"),
                    reason: format!(
                        "„{}“ ist kein Datum; bitte TT.MM.JJJJ oder JJJJ-MM-TT.",
                        cell("datum")
                    ),
                });
                continue;
            }
        };
        f.set("date", day.clone());
        if cell("beginn").is_empty() {
            f.set("all_day", "ja");
        } else {
            f.set("time", time(cell("beginn")));
            if !cell("ende").is_empty() {
                f.set("end_time", time(cell("ende")));
            }
        }
        if !cell("bis_datum").is_empty() {
            f.set(
                "end_date",
                date(cell("bis_datum")).unwrap_or_else(|| cell("bis_datum").to_owned()),
            );
        }
        let place = cell("ort");
        match target.venue_for(place) {
            Some(v) => f.set("venue", v.to_string()),
            None => {
                f.set("venue", "");
                let words = [place, cell("adresse")]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                f.set("location_text", words);
            }
        }
        let mut unknown = Vec::new();
        for name in cell("sparten")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match target.sparte(name) {
                Some(id) => f.push("sparte", id.to_string()),
                None => unknown.push(name.to_owned()),
            }
        }
        if !unknown.is_empty() {
            outcomes.push(Outcome::Failed {
                record: line,
                uid: format!("Zeile {line}"),
                reason: format!("Unbekannte Sparte: {}.", unknown.join(", ")),
            });
            continue;
        }
        if f.all("sparte").is_empty() {
            f.push("sparte", target.fallback.to_string());
        }
        price(cell("preis"), &mut f);
        f.set("ticket_url", cell("tickets"));
        let kennung = match cell("kennung") {
            "" => format!(
                "{}|{}|{}",
                cell("titel").to_lowercase(),
                day,
                time(cell("beginn"))
            ),
            k => k.to_owned(),
        };
        let uid = if cell("kennung").is_empty() {
            format!("Zeile {line}")
        } else {
            kennung.clone()
        };
        if kennung.chars().count() > 200 {
            outcomes.push(Outcome::Failed {
                record: line,
                uid,
                reason: "Die Kennung ist zu lang (höchstens 200 Zeichen).".into(),
            });
            continue;
        }
        let input = match editor::parse(&f, &choices, now, false) {
            Ok(i) => i,
            Err(errors) => {
                outcomes.push(Outcome::Failed {
                    record: line,
                    uid,
                    reason: crate::web::i18n::german(&errors),
                });
                continue;
            }
        };
        let (_, outcome) = store(db, &target, &input, &format!("csv:{kennung}"), uid, now).await?;
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_spreadsheet_values_are_understood() {
        assert_eq!(date("5.12.2026").as_deref(), Some("2026-12-05"));
        assert_eq!(date("2026-12-05").as_deref(), Some("2026-12-05"));
        assert_eq!(date("morgen"), None);
        assert_eq!(time("19.30 Uhr"), "19:30");
        assert_eq!(time("9"), "09:00");
        assert_eq!(time("abends"), "abends");
        let mut f = FormData::default();
        price("8–12 €", &mut f);
        assert_eq!(
            (f.get("price_kind"), f.get("price_min"), f.get("price_max")),
            ("range", "8", "12")
        );
        let mut f = FormData::default();
        price("Eintritt frei", &mut f);
        assert_eq!(f.get("price_kind"), "free");
        let mut f = FormData::default();
        price("Spende erbeten", &mut f);
        assert_eq!(
            (f.get("price_kind"), f.get("price_text")),
            ("text", "Spende erbeten")
        );
        // Windows-1252 from German Excel: „Bühne – 5 €“.
        assert_eq!(decode(b"B\xfchne \x96 5 \x80"), "Bühne – 5 €");
        assert_eq!(decode("\u{feff}titel".as_bytes()), "titel");
    }
}
