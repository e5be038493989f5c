//! CSV tables, as spreadsheets export them: one event per row under a header row with the
//! columns of [`TEMPLATE`]. Separator `;`, `,` or tab (read from the header), UTF-8 or
//! Windows-1252 (German Excel). A row with a `kennung` is matched by it (a second import
//! updates it); without one, by title, date and start time. Rows missing from a later table
//! stay as they are: a table may carry only what is new.

use super::{ImportError, MAX_BYTES, Outcome, Target, store};
use crate::domain::account::FieldErrors;
use crate::domain::editor::{self, Place, Schedule};
use crate::domain::event::{Price, Wish};
use crate::service::Services;
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

/// `2026-12-05`, `5.12.2026` or `5.12.26`.
fn date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%y"))
        .ok()
}

/// `19:30`, `19.30` or `19` as `HH:MM`, anything else as it is: the key of a row without
/// `kennung` (it must stay the same from one import to the next).
fn time_key(text: &str) -> String {
    match editor::parse_time(text) {
        Some((h, m)) => format!("{h:02}:{m:02}"),
        None => text.trim().trim_end_matches("Uhr").trim().to_owned(),
    }
}

/// The price in one cell: `frei`, `12`, `8–15 €`, or any words.
fn price(cell: &str, errors: &mut FieldErrors) -> Price {
    let c = cell.trim();
    let lower = c.to_lowercase();
    if c.is_empty() {
        return Price::Unknown;
    }
    if ["frei", "kostenlos", "eintritt frei", "0", "0,00", "0 €"].contains(&lower.as_str()) {
        return Price::Free;
    }
    let numbers: Vec<&str> = c
        .trim_end_matches('€')
        .trim()
        .split(['–', '-'])
        .map(|n| n.trim().trim_end_matches('€').trim())
        .collect();
    let is_amount = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.')
    };
    if numbers.len() <= 2 && numbers.iter().all(|n| is_amount(n)) {
        let min = editor::parse_euros(numbers[0]);
        let max = numbers.get(1).map_or(min, |m| editor::parse_euros(m));
        match (min, max) {
            (Some(min_cents), Some(max_cents)) => Price::Range {
                min_cents,
                max_cents,
            },
            (None, _) => {
                errors.add("price_min", "editor-price-euros");
                Price::Unknown
            }
            (_, None) => {
                errors.add("price_max", "editor-price-euros");
                Price::Unknown
            }
        }
    } else {
        Price::Text { text: c.to_owned() }
    }
}

/// The date of a row: `datum`, `beginn` (empty: all day), `ende`, `bis_datum`.
fn schedule(
    day: NaiveDate,
    begin: &str,
    end: &str,
    until: &str,
    errors: &mut FieldErrors,
) -> Option<Schedule> {
    let mut time_of = |text: &str, field: &'static str| {
        if text.trim().is_empty() {
            return None;
        }
        let t = editor::parse_time(text);
        if t.is_none() {
            errors.add(field, "editor-time-invalid");
        }
        t
    };
    let start = time_of(begin, "time");
    let end_time = time_of(end, "end_time");
    let until = if until.trim().is_empty() {
        None
    } else {
        let d = date(until);
        if d.is_none() {
            errors.add("end_date", "editor-date-missing");
        }
        d
    };
    if !errors.is_empty() {
        return None;
    }
    match editor::one_date(day, start, until, start.and(end_time)) {
        Some(slot) => Some(Schedule::Dates(vec![slot])),
        None => {
            errors.add("end_date", "editor-end-before-start");
            None
        }
    }
}

/// Imports a CSV table for the organisation `org_slug`.
pub async fn csv(
    svc: &Services,
    bytes: &[u8],
    org_slug: &str,
    fallback_category: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    let outcomes = csv_records(svc, bytes, org_slug, fallback_category, now).await;
    super::counted(outcomes)
}

async fn csv_records(
    svc: &Services,
    bytes: &[u8],
    org_slug: &str,
    fallback_category: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let target = Target::load(&svc.db, org_slug, fallback_category).await?;
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
        let mut errors = FieldErrors::default();
        let mut draft = target.draft();
        draft.title = cell("titel").trim().to_owned();
        draft.description = cell("beschreibung").trim().replace("\r\n", "\n");
        draft.schedule = schedule(
            day,
            cell("beginn"),
            cell("ende"),
            cell("bis_datum"),
            &mut errors,
        );
        let place = cell("ort");
        draft.place = Some(match target.venue_for(place) {
            Some(v) => Place::Venue(v),
            None => Place::Text(
                [place, cell("adresse")]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        });
        let mut unknown = Vec::new();
        let mut named = Vec::new();
        for name in cell("sparten")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match target.sparte(name) {
                Some(id) => named.push(id),
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
        if !named.is_empty() {
            draft.category_ids = named;
        }
        draft.price = price(cell("preis"), &mut errors);
        draft.ticket_url = cell("tickets").trim().to_owned();
        let kennung = match cell("kennung") {
            "" => format!(
                "{}|{}|{}",
                cell("titel").to_lowercase(),
                day.format("%Y-%m-%d"),
                time_key(cell("beginn"))
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
        let checked = target.check(draft, now).map_err(|more| {
            for (field, message) in more.0 {
                errors.add(field, message);
            }
        });
        let input = match checked {
            Ok(i) if errors.is_empty() => i,
            _ => {
                outcomes.push(Outcome::Failed {
                    record: line,
                    uid,
                    reason: crate::i18n::german(&errors),
                });
                continue;
            }
        };
        let (_, outcome) = store(
            svc,
            &target,
            &input,
            &format!("csv:{kennung}"),
            uid,
            Wish::Publish,
        )
        .await?;
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_spreadsheet_values_are_understood() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(date("5.12.2026"), d(2026, 12, 5));
        assert_eq!(date("2026-12-05"), d(2026, 12, 5));
        assert_eq!(date("morgen"), None);
        assert_eq!(time_key("19.30 Uhr"), "19:30");
        assert_eq!(time_key("9"), "09:00");
        assert_eq!(time_key("abends"), "abends");
        let mut errors = FieldErrors::default();
        assert_eq!(
            price("8–12 €", &mut errors),
            Price::Range {
                min_cents: 800,
                max_cents: 1200
            }
        );
        assert_eq!(price("Eintritt frei", &mut errors), Price::Free);
        assert_eq!(
            price("Spende erbeten", &mut errors),
            Price::Text {
                text: "Spende erbeten".into()
            }
        );
        assert!(errors.is_empty());
        assert_eq!(price("1,234", &mut errors), Price::Unknown);
        assert_eq!(errors.get("price_min"), Some("editor-price-euros"));
        // Windows-1252 from German Excel: „Bühne – 5 €“.
        assert_eq!(decode(b"B\xfchne \x96 5 \x80"), "Bühne – 5 €");
        assert_eq!(decode("\u{feff}titel".as_bytes()), "titel");
    }
}
