//! Turning a visitor's filter into tantivy queries.
//!
//! Every word of a text must match somewhere; where it matches decides the rank (title >
//! Sparte > venue > organiser > tags > subtitle > description). A word matches as its
//! stem, as the head of a compound in a short field (`Konzert` → „Sommerkonzert“), as the
//! start of a word in the title or a name, through an English synonym (`concert` →
//! Konzert). Only when none of that exists in the index is it split into known parts
//! (`Kindertheater` → Kinder + Theater) and, failing that, matched with one typo.

use super::analyzer::{self, MIN_PART, Word};
use super::build::Fields;
use crate::domain::filter::EventFilter;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

type Clause = (Occur, Box<dyn Query>);

/// English words visitors type and the German words the portal uses (folded).
const SYNONYMS: &[(&[&str], &[&str])] = &[
    (&["concert", "concerts", "gig", "gigs"], &["konzert"]),
    (&["music"], &["musik"]),
    (
        &["theatre", "theatres", "play", "plays", "drama"],
        &["theater"],
    ),
    (&["dance", "dancing", "ballet"], &["tanz"]),
    (&["exhibition", "exhibitions", "exhibit"], &["ausstellung"]),
    (&["art", "arts"], &["kunst"]),
    (&["reading", "readings"], &["lesung"]),
    (&["lecture", "lectures", "talk", "talks"], &["vortrag"]),
    (&["cinema", "movie", "movies", "films"], &["film", "kino"]),
    (&["kino"], &["film"]),
    (&["children", "child", "kids"], &["kinder"]),
    (&["family", "families"], &["familie"]),
    (&["youth", "teens"], &["jugend"]),
    (&["guided", "tour", "tours"], &["fuhrung"]),
    (&["comedy", "cabaret"], &["kabarett", "comedy"]),
    (&["choir"], &["chor"]),
    (&["church"], &["kirche"]),
    (&["organ"], &["orgel"]),
    (
        &["puppet", "puppets", "puppentheater"],
        &["figurentheater", "puppentheater"],
    ),
    (&["figurentheater"], &["puppentheater"]),
    (&["library"], &["bucherei"]),
    (&["mining", "mine"], &["bergbau"]),
    (&["opera"], &["oper"]),
    (&["orchestra"], &["orchester"]),
    (&["classical"], &["klassik"]),
    (&["stars"], &["sterne"]),
    (&["club", "clubbing"], &["clubkultur", "party"]),
];

/// Words that carry no meaning of their own in a search (dropped unless nothing else is left).
const STOPWORDS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "und", "oder", "im", "in", "am", "an", "auf", "fur",
    "mit", "von", "vom", "zu", "zum", "zur", "ein", "eine", "einen", "bei", "nach", "aus", "the",
    "a", "and", "of", "at", "for", "to", "on", "with",
];

fn boosted(q: Box<dyn Query>, boost: f32) -> Clause {
    (Occur::Should, Box::new(BoostQuery::new(q, boost)))
}

fn term(field: Field, text: &str, boost: f32) -> Clause {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    boosted(Box::new(q), boost)
}

/// Every one of the queries must match.
pub fn all_of(queries: impl IntoIterator<Item = Box<dyn Query>>) -> BooleanQuery {
    BooleanQuery::new(queries.into_iter().map(|q| (Occur::Must, q)).collect())
}

/// The stemmed fields and what a match in each weighs.
fn stemmed(f: &Fields) -> [(Field, f32); 7] {
    [
        (f.title, 10.0),
        (f.sparten, 6.0),
        (f.venue, 5.0),
        (f.organizers, 4.0),
        (f.tags, 3.0),
        (f.subtitle, 2.0),
        (f.body, 1.0),
    ]
}

/// The compound-head fields and their weights.
fn heads(f: &Fields) -> [(Field, f32); 2] {
    [(f.title_parts, 4.0), (f.names_parts, 1.5)]
}

/// The short fields in which a word may also match as a prefix or with a typo.
fn short(f: &Fields) -> [(Field, f32); 5] {
    [
        (f.title, 2.0),
        (f.sparten, 1.5),
        (f.venue, 1.0),
        (f.organizers, 1.0),
        (f.tags, 1.0),
    ]
}

/// The terms a word is looked up as in the compound-head fields.
fn head_terms(word: &Word) -> Vec<&str> {
    let mut out = Vec::new();
    for t in [word.stem.as_str(), word.folded.as_str()] {
        if t.chars().count() >= MIN_PART && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The word as itself: its stem in every field, its spellings as compound heads.
fn exact(f: &Fields, word: &Word, scale: f32) -> Vec<Clause> {
    let mut out: Vec<Clause> = stemmed(f)
        .into_iter()
        .map(|(field, w)| term(field, &word.stem, w * scale))
        .collect();
    for t in head_terms(word) {
        for (field, w) in heads(f) {
            out.push(term(field, t, w * scale));
        }
    }
    out
}

fn has(searcher: &Searcher, field: Field, text: &str) -> bool {
    searcher
        .doc_freq(&Term::from_field_text(field, text))
        .is_ok_and(|n| n > 0)
}

/// Whether the index has the word as a word of its own (not only inside a compound).
fn is_word(searcher: &Searcher, f: &Fields, word: &Word) -> bool {
    stemmed(f)
        .iter()
        .any(|(field, _)| has(searcher, *field, &word.stem))
}

/// Whether the index has the word anywhere: as a word or as a compound's head.
fn exists(searcher: &Searcher, f: &Fields, word: &Word) -> bool {
    is_word(searcher, f, word)
        || head_terms(word)
            .into_iter()
            .any(|t| heads(f).iter().any(|(field, _)| has(searcher, *field, t)))
}

/// The German words for an English (or colloquial) one.
fn synonyms(word: &Word) -> Vec<Word> {
    SYNONYMS
        .iter()
        .filter(|(from, _)| from.contains(&word.folded.as_str()))
        .flat_map(|(_, to)| to.iter().filter_map(|t| analyzer::word(t)))
        .collect()
}

/// A compound the index does not know, split into two words it does: the modifier
/// (without a linking `s`, `es`, `n` or `en`) and the head, the longest head first.
/// Both must be words of their own, so that a stray suffix (`kind|erkonzert` from
/// „Schülerkonzert“) is no head.
fn split(searcher: &Searcher, f: &Fields, word: &Word) -> Option<(Word, Word)> {
    let chars: Vec<char> = word.folded.chars().collect();
    for i in 3..chars.len().saturating_sub(2) {
        let modifier: String = chars[..i].iter().collect();
        if analyzer::is_particle(&modifier) {
            continue;
        }
        let Some(head) = analyzer::word(&chars[i..].iter().collect::<String>()) else {
            continue;
        };
        if !is_word(searcher, f, &head) {
            continue;
        }
        for linking in ["", "s", "es", "n", "en"] {
            let Some(stripped) = modifier.strip_suffix(linking) else {
                continue;
            };
            if stripped.chars().count() < 3 {
                continue;
            }
            if let Some(m) = analyzer::word(stripped).filter(|m| is_word(searcher, f, m)) {
                return Some((m, head));
            }
        }
    }
    None
}

/// Prefix clauses (`Hamletmasch` → „Hamletmaschine“) for words of four letters or more.
fn prefixes(f: &Fields, word: &Word) -> Vec<Clause> {
    if word.stem.chars().count() < MIN_PART {
        return Vec::new();
    }
    short(f)
        .into_iter()
        .map(|(field, w)| {
            let q = FuzzyTermQuery::new_prefix(Term::from_field_text(field, &word.stem), 0, true);
            boosted(Box::new(q), w * 0.5)
        })
        .collect()
}

/// One typo in words of five letters or more.
fn typos(f: &Fields, word: &Word) -> Vec<Clause> {
    if word.stem.chars().count() < 5 {
        return Vec::new();
    }
    short(f)
        .into_iter()
        .map(|(field, w)| {
            let q = FuzzyTermQuery::new(Term::from_field_text(field, &word.stem), 1, true);
            boosted(Box::new(q), w * 0.5)
        })
        .collect()
}

/// What one word of the text may match, as alternatives.
fn word_query(searcher: &Searcher, f: &Fields, word: &Word) -> Box<dyn Query> {
    let mut alternatives = exact(f, word, 1.0);
    let mut found = exists(searcher, f, word);
    for synonym in synonyms(word) {
        found |= exists(searcher, f, &synonym);
        alternatives.extend(exact(f, &synonym, 0.9));
    }
    alternatives.extend(prefixes(f, word));
    if !found && let Some((modifier, head)) = split(searcher, f, word) {
        let both = all_of([
            Box::new(BooleanQuery::new(exact(f, &modifier, 0.8))) as Box<dyn Query>,
            Box::new(BooleanQuery::new(exact(f, &head, 0.8))),
        ]);
        alternatives.push((Occur::Should, Box::new(both)));
        found = true;
    }
    if !found {
        alternatives.extend(typos(f, word));
    }
    Box::new(BooleanQuery::new(alternatives))
}

/// The words of a search text that count: without stopwords, unless only those are left.
pub fn meaningful(text: &str) -> Vec<Word> {
    let all = analyzer::words(text);
    let kept: Vec<Word> = all
        .iter()
        .filter(|w| !STOPWORDS.contains(&w.folded.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() { all } else { kept }
}

/// The text part: every word must match somewhere. `None` when the text has no words.
pub fn text(f: &Fields, searcher: &Searcher, text: &str) -> Option<Box<dyn Query>> {
    let musts: Vec<Clause> = meaningful(text)
        .iter()
        .map(|w| (Occur::Must, word_query(searcher, f, w)))
        .collect();
    (!musts.is_empty()).then(|| Box::new(BooleanQuery::new(musts)) as Box<dyn Query>)
}

/// One facet query per filter group: any of its values (OR), all groups together (AND).
pub fn facets(f: &Fields, filter: &EventFilter) -> Vec<Box<dyn Query>> {
    let any = |tokens: Vec<String>| -> Box<dyn Query> {
        let clauses = tokens
            .iter()
            .map(|t| {
                let q =
                    TermQuery::new(Term::from_field_text(f.facets, t), IndexRecordOption::Basic);
                (Occur::Should, Box::new(q) as Box<dyn Query>)
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    };
    let mut out = Vec::new();
    if !filter.categories.is_empty() {
        out.push(any(filter
            .categories
            .iter()
            .map(|c| format!("c:{c}"))
            .collect()));
    }
    if !filter.districts.is_empty() {
        out.push(any(filter
            .districts
            .iter()
            .map(|d| format!("d:{}", d.slug()))
            .collect()));
    }
    if !filter.audiences.is_empty() {
        out.push(any(filter
            .audiences
            .iter()
            .map(|a| format!("a:{}", a.slug()))
            .collect()));
    }
    if let Some(v) = &filter.venue {
        out.push(any(vec![format!("v:{v}")]));
    }
    if let Some(o) = &filter.organizer {
        out.push(any(vec![format!("o:{o}")]));
    }
    if filter.free {
        out.push(any(vec!["free".to_owned()]));
    }
    if filter.accessible {
        out.push(any(vec!["step_free".to_owned()]));
    }
    out
}
