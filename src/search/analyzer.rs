//! German text analysis shared by indexing and querying: lowercase, fold umlauts and ß
//! (`Müller` = `Mueller` = `muller`, `Straße` = `Strasse`), then Snowball-stem
//! (`Konzerte` → `konzert`).
//!
//! - **Compound heads.** The "parts" variant also emits the heads of a compound, so that
//!   `Konzert` finds `Sommerkonzert`: every suffix of at least [`MIN_PART`] letters after
//!   a modifier of at least three letters, except after a verbal particle: `Aufführung`
//!   and `Einführung` are no kind of `Führung`, `Unterhaltung` no `Haltung`.
//! - **Joined names.** Words written with a hyphen (and, in names, with a space) are also
//!   emitted joined, so `Bergbaumuseum` finds the „Bergbau-Museum“.
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::German));

/// Shortest compound part we index and search for.
pub const MIN_PART: usize = 4;

/// Folds German spelling variants to one form (after lowercasing): ä/ae → a, ö/oe → o,
/// ü/ue → u (not after a vowel or q: `Feuer`, `Quelle`), ß → ss, common accents dropped.
pub fn fold(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let after_vowel_or_q = prev.is_some_and(|p| "aeiouyq".contains(p));
        match (c, next) {
            ('a', Some('e')) | ('o', Some('e')) if !after_vowel_or_q => {
                out.push(c);
                i += 2;
                continue;
            }
            ('u', Some('e')) if !after_vowel_or_q => {
                out.push('u');
                i += 2;
                continue;
            }
            _ => {}
        }
        match c {
            'ä' | 'á' | 'à' | 'â' => out.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'ç' => out.push('c'),
            'ş' => out.push('s'),
            'ğ' => out.push('g'),
            other => out.push(other),
        }
        i += 1;
    }
    out
}

/// One word of a text: folded spelling and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    pub stem: String,
}

/// Splits text into words and normalises each.
pub fn words(text: &str) -> Vec<Word> {
    spans(text)
        .into_iter()
        .filter_map(|(w, _)| word(w))
        .collect()
}

/// One word, folded and stemmed (`None` when nothing is left).
pub fn word(raw: &str) -> Option<Word> {
    let folded = fold(&raw.to_lowercase());
    let stem = STEMMER.stem(&folded).into_owned();
    (!stem.is_empty()).then_some(Word { folded, stem })
}

/// How a word is joined to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Hyphen,
    Space,
    Other,
}

/// The words of a text with what separated each from the one before.
fn spans(text: &str) -> Vec<(&str, Gap)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut gap = String::new();
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push((&text[s..i], kind_of(&gap)));
            gap.clear();
        }
        gap.push(c);
    }
    if let Some(s) = start {
        out.push((&text[s..], kind_of(&gap)));
    }
    out
}

fn kind_of(gap: &str) -> Gap {
    match gap {
        "-" | "‐" | "‑" => Gap::Hyphen,
        g if !g.is_empty() && g.chars().all(|c| c == ' ') => Gap::Space,
        _ => Gap::Other,
    }
}

/// The stems of a text: the terms of the stemmed fields and of a query.
pub fn terms(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.stem).collect()
}

/// Verbal particles and prefixes (folded): a word after one of them is a derivation,
/// not a compound (`auf|fuhrung`, `ein|fuhrung`, `unter|haltung`).
const PARTICLES: &[&str] = &[
    "auf", "aus", "bei", "dar", "durch", "ein", "emp", "ent", "fort", "her", "heraus", "herum",
    "hin", "hinaus", "hinter", "los", "mit", "miss", "nach", "uber", "unter", "ver", "vor",
    "voran", "voraus", "vorbei", "weg", "wider", "wieder", "zer", "zuruck", "zusammen",
];

/// Shortest modifier in front of a compound head (`Kinder|kino`, not `K|ino`).
const MIN_MODIFIER: usize = 3;

/// The compound parts of a term: itself and its heads, the suffixes of at least
/// [`MIN_PART`] letters after a modifier of at least three letters that is no particle.
pub fn parts(term: &str) -> impl Iterator<Item = &str> {
    term.char_indices()
        .enumerate()
        .filter_map(move |(n, (i, _))| {
            let head = &term[i..];
            let modifier = &term[..i];
            let ok = n == 0
                || (n >= MIN_MODIFIER
                    && head.chars().count() >= MIN_PART
                    && !PARTICLES.contains(&modifier));
            ok.then_some(head)
        })
}

/// Is `word` (folded) one of the particles that make derivations?
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// What a field's tokenizer emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    /// Stems (and the stems of hyphenated, or in names spaced, words joined).
    Stems,
    /// Compound parts of the folded spelling and of the stem.
    Parts,
    /// Lowercased words as written (for „Meinten Sie …“).
    Surface,
}

/// The terms a field indexes for `text`, with their positions.
pub fn tokens(text: &str, emit: Emit, join_spaces: bool) -> Vec<(usize, String)> {
    let spans = spans(text);
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut previous: Option<String> = None;
    for (position, (raw, gap)) in spans.into_iter().enumerate() {
        if emit == Emit::Surface {
            out.push((position, raw.to_lowercase()));
            continue;
        }
        let Some(w) = word(raw) else {
            previous = None;
            continue;
        };
        let joined = match (&previous, gap) {
            (Some(p), Gap::Hyphen) => Some(format!("{p}{}", w.folded)),
            (Some(p), Gap::Space) if join_spaces => Some(format!("{p}{}", w.folded)),
            _ => None,
        };
        previous = Some(w.folded.clone());
        let mut push = |w: &Word| match emit {
            Emit::Stems => out.push((position, w.stem.clone())),
            _ => {
                let mut seen: Vec<&str> = Vec::new();
                // Suffixes of the spelling and of the stem: the stem of a compound can
                // differ from the stem of its last part (`strassenmusik` → `strassenmus`).
                for part in parts(&w.folded).chain(parts(&w.stem)) {
                    if !seen.contains(&part) {
                        seen.push(part);
                        out.push((position, part.to_owned()));
                    }
                }
            }
        };
        push(&w);
        if let Some(j) = joined.as_deref().and_then(word) {
            push(&j);
        }
    }
    out
}

/// The tantivy tokenizer of a field: what it emits, and whether words separated by a
/// space are joined too (venue and organiser names).
#[derive(Clone)]
pub struct GermanTokenizer {
    pub emit: Emit,
    pub join_spaces: bool,
}

pub struct VecTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self
            .index
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self
            .index
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

impl Tokenizer for GermanTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = tokens(text, self.emit, self.join_spaces)
            .into_iter()
            .map(|(position, text)| Token {
                position,
                text,
                ..Token::default()
            })
            .collect();
        VecTokenStream { tokens, index: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_german_spelling() {
        let t = terms("Müller Mueller muller");
        assert!(t[0] == t[1] && t[1] == t[2], "{t:?}");
        assert_eq!(terms("Straße Strasse"), terms("strasse strasse"));
        assert_eq!(terms("Konzerte"), terms("Konzert"));
        assert_eq!(fold("feuer"), "feuer");
        assert!(parts("sommerkonzert").any(|p| p == "konzert"));
    }

    #[test]
    fn heads_of_compounds_but_not_of_derivations() {
        assert!(parts("kurzfuhrung").any(|p| p == "fuhrung"));
        for derived in ["auffuhrung", "einfuhrung", "vorfuhrung", "unterfuhrung"] {
            assert!(!parts(derived).any(|p| p == "fuhrung"), "{derived}");
        }
        assert_eq!(parts("kino").collect::<Vec<_>>(), vec!["kino"]);
    }

    #[test]
    fn hyphenated_and_spaced_names_are_joined() {
        let stems = |t, join| -> Vec<String> {
            tokens(t, Emit::Stems, join)
                .into_iter()
                .map(|(_, s)| s)
                .collect()
        };
        let museum = terms("Bergbaumuseum");
        assert!(stems("Deutsches Bergbau-Museum", false).contains(&museum[0]));
        assert!(!stems("Bergbau Museum", false).contains(&museum[0]));
        assert!(stems("Bergbau Museum", true).contains(&museum[0]));
        let surface = tokens("Die Führung", Emit::Surface, false);
        assert_eq!(surface[1].1, "führung");
    }
}
