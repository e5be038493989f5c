//! An article's body: Markdown with short codes, each alone on its line:
//! `[[veranstaltung:slug]]`, `[[ort:slug]]`, `[[organisation:slug]]` embed a card,
//! `[[bild:key|Alternativtext|Bildunterschrift|Quelle]]` a figure (alt text required),
//! `[[zitat:Text|Wer]]` a pull quote. The web layer renders the blocks.

use super::super::slug::Slug;

/// At most this many short codes count in one body (each card is a query).
pub const MAX_SHORT_CODES: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKind {
    Event,
    Venue,
    Organization,
}

impl CardKind {
    /// The kind's key in `article_links`.
    pub fn key(self) -> &'static str {
        match self {
            CardKind::Event => "event",
            CardKind::Venue => "venue",
            CardKind::Organization => "organization",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// A key under `/medien/`.
    pub key: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Markdown(String),
    Card(CardKind, Slug),
    Figure(Figure),
    Quote { text: String, by: String },
}

/// A short code that cannot be shown, with the line it is on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// A Fluent id: `magazine-code-unknown`, `magazine-figure-alt` …
    pub id: &'static str,
}

fn short_code(line: &str) -> Option<(&str, &str)> {
    let inner = line.trim().strip_prefix("[[")?.strip_suffix("]]")?;
    let (kind, rest) = inner.split_once(':')?;
    Some((kind.trim(), rest.trim()))
}

fn read(kind: &str, rest: &str) -> Result<Block, &'static str> {
    let parts: Vec<&str> = rest.split('|').map(str::trim).collect();
    let card = |k: CardKind| {
        Slug::parse(rest)
            .map(|s| Block::Card(k, s))
            .ok_or("magazine-code-slug")
    };
    match kind {
        "veranstaltung" => card(CardKind::Event),
        "ort" => card(CardKind::Venue),
        "organisation" => card(CardKind::Organization),
        "bild" => {
            let key = parts.first().copied().unwrap_or_default();
            let key_ok = !key.is_empty()
                && key.len() <= 100
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
            if !key_ok {
                return Err("magazine-figure-key");
            }
            let alt = parts.get(1).copied().unwrap_or_default();
            if alt.chars().count() < 3 {
                return Err("magazine-figure-alt");
            }
            Ok(Block::Figure(Figure {
                key: key.to_owned(),
                alt: alt.to_owned(),
                caption: parts.get(2).copied().unwrap_or_default().to_owned(),
                credit: parts.get(3).copied().unwrap_or_default().to_owned(),
            }))
        }
        "zitat" => {
            let text = parts.first().copied().unwrap_or_default();
            if text.is_empty() {
                return Err("magazine-quote-empty");
            }
            Ok(Block::Quote {
                text: text.to_owned(),
                by: parts.get(1).copied().unwrap_or_default().to_owned(),
            })
        }
        _ => Err("magazine-code-unknown"),
    }
}

/// The body as blocks, and the short codes that could not be read (left out).
pub fn parse(body: &str) -> (Vec<Block>, Vec<Problem>) {
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut text = String::new();
    let mut codes = 0;
    for (n, line) in body.lines().enumerate() {
        let Some((kind, rest)) = short_code(line) else {
            text.push_str(line);
            text.push('\n');
            continue;
        };
        if !text.trim().is_empty() {
            blocks.push(Block::Markdown(std::mem::take(&mut text)));
        }
        text.clear();
        codes += 1;
        if codes > MAX_SHORT_CODES {
            problems.push(Problem {
                line: n + 1,
                id: "magazine-code-too-many",
            });
            continue;
        }
        match read(kind, rest) {
            Ok(block) => blocks.push(block),
            Err(id) => problems.push(Problem { line: n + 1, id }),
        }
    }
    if !text.trim().is_empty() {
        blocks.push(Block::Markdown(text));
    }
    (blocks, problems)
}

/// The cards a body embeds (for the article's links both ways).
pub fn cards(body: &str) -> Vec<(CardKind, Slug)> {
    parse(body)
        .0
        .into_iter()
        .filter_map(|b| match b {
            Block::Card(k, s) => Some((k, s)),
            _ => None,
        })
        .collect()
}

/// The body without short codes and Markdown marks, for search and descriptions.
pub fn plain(body: &str) -> String {
    parse(body)
        .0
        .into_iter()
        .filter_map(|b| match b {
            Block::Markdown(t) => Some(t),
            Block::Quote { text, .. } => Some(text),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['#', '*', '_', '>', '`'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_codes_become_blocks() {
        let (blocks, problems) = parse(
            "Erster Absatz.\n\n[[veranstaltung:jazz-im-keller]]\nMehr *Text*.\n[[bild:abc-800.jpg|Ein Saal voller Menschen|Die Premiere|Foto: Muster]]\n[[zitat:Kunst braucht Räume.|Ada]]\n[[bild:abc-800.jpg|]]\n[[gedicht:x]]",
        );
        assert_eq!(blocks.len(), 5, "{blocks:?}");
        assert!(
            matches!(&blocks[1], Block::Card(CardKind::Event, s) if s.as_str() == "jazz-im-keller")
        );
        assert!(
            matches!(&blocks[3], Block::Figure(f) if f.alt == "Ein Saal voller Menschen" && f.credit == "Foto: Muster")
        );
        assert!(matches!(&blocks[4], Block::Quote { by, .. } if by == "Ada"));
        assert_eq!(
            problems,
            vec![
                Problem {
                    line: 7,
                    id: "magazine-figure-alt"
                },
                Problem {
                    line: 8,
                    id: "magazine-code-unknown"
                }
            ]
        );
    }

    #[test]
    fn plain_text_leaves_codes_out() {
        assert_eq!(plain("**Hallo**\n[[ort:rotunde]]").trim(), "Hallo");
        assert_eq!(cards("[[ort:rotunde]]\n[[organisation:x y]]").len(), 1);
    }
}
