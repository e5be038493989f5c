//! German text analysis shared by indexing and querying: lowercase, fold umlauts and ß
//! (`Müller` = `Mueller` = `muller`, `Straße` = `Strasse`), then Snowball-stem
//! (`Konzerte` → `konzert`). The "parts" variant also emits every suffix of at least
//! four letters, so that `Konzert` finds `Sommerkonzert`.

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
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let folded = fold(&w.to_lowercase());
            let stem = STEMMER.stem(&folded).into_owned();
            Word { folded, stem }
        })
        .filter(|w| !w.stem.is_empty())
        .collect()
}

/// The stems of a text: the terms of the stemmed fields and of a query.
pub fn terms(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.stem).collect()
}

/// The compound parts of a term: itself and every suffix of at least [`MIN_PART`] letters.
pub fn parts(term: &str) -> impl Iterator<Item = &str> {
    term.char_indices()
        .map(move |(i, _)| &term[i..])
        .filter(|s| s.chars().count() >= MIN_PART)
}

/// The tantivy tokenizer for the stemmed fields (`parts = false`) and the compound-part
/// fields (`parts = true`).
#[derive(Clone)]
pub struct GermanTokenizer {
    pub parts: bool,
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
        let mut tokens = Vec::new();
        for (position, word) in words(text).into_iter().enumerate() {
            if self.parts {
                // Suffixes of the spelling and of the stem: the stem of a compound can
                // differ from the stem of its last part (`strassenmusik` → `strassenmus`).
                let mut seen: Vec<&str> = Vec::new();
                for part in parts(&word.folded).chain(parts(&word.stem)) {
                    if !seen.contains(&part) {
                        seen.push(part);
                        tokens.push(Token {
                            position,
                            text: part.to_owned(),
                            ..Token::default()
                        });
                    }
                }
            } else {
                tokens.push(Token {
                    position,
                    text: word.stem,
                    ..Token::default()
                });
            }
        }
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
}
