//! „Meinten Sie …“: a search without hits gets its unknown words replaced by the nearest
//! words of the index (as written in titles, Sparten and names), when the corrected text
//! finds something. Only the no-hits path pays for it: it walks the field's dictionary.

use super::analyzer::fold;
use super::build::Built;
use super::{SearchError, query};
use tantivy::collector::Count;

/// How many letters may differ: one in short words, two in longer ones.
fn tolerance(word: &str) -> usize {
    if word.chars().count() <= 5 { 1 } else { 2 }
}

/// Edit distance between two words, `None` when above `max` (cut short row by row).
fn distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut next = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            next[j + 1] = (row[j] + cost).min(row[j + 1] + 1).min(next[j] + 1);
        }
        if next.iter().min().is_some_and(|m| *m > max) {
            return None;
        }
        row = next;
    }
    row.last().copied().filter(|d| *d <= max)
}

/// Whether two folded words differ by a typo or two (see [`tolerance`]).
pub fn similar(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance(&a, &b, tolerance(&a.iter().collect::<String>())).is_some()
}

fn hits(built: &Built, text: &str) -> Result<usize, SearchError> {
    let searcher = built.reader.searcher();
    match query::text(&built.fields, &searcher, text) {
        Some(q) => Ok(searcher.search(&q, &Count)?),
        None => Ok(0),
    }
}

pub fn did_you_mean(built: &Built, text: &str) -> Result<Option<String>, SearchError> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() || words.len() > 6 {
        return Ok(None);
    }
    let mut unknown = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !w.chars().all(|c| c.is_ascii_digit()) && hits(built, w)? == 0 {
            unknown.push((i, fold(w).chars().collect::<Vec<char>>()));
        }
    }
    if unknown.is_empty() {
        return Ok(None);
    }
    // (distance, documents, word) of the best candidate per unknown word.
    let mut best: Vec<Option<(usize, u32, String)>> = vec![None; unknown.len()];
    let searcher = built.reader.searcher();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(built.fields.surface)?;
        let mut stream = index.terms().stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let documents = stream.value().doc_freq;
            let folded: Vec<char> = fold(term).chars().collect();
            for (slot, (_, word)) in best.iter_mut().zip(&unknown) {
                let max = tolerance(&word.iter().collect::<String>());
                let Some(d) = distance(word, &folded, max) else {
                    continue;
                };
                let better = match slot {
                    None => true,
                    Some((bd, bn, _)) => d < *bd || (d == *bd && documents > *bn),
                };
                if better {
                    *slot = Some((d, documents, term.to_owned()));
                }
            }
        }
    }
    let mut corrected = words.clone();
    for ((i, _), found) in unknown.iter().zip(best) {
        match found {
            Some((_, _, word)) => corrected[*i] = word,
            None => return Ok(None),
        }
    }
    let corrected = corrected.join(" ");
    if hits(built, &corrected)? == 0 {
        return Ok(None);
    }
    Ok(Some(corrected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_cut_at_the_tolerance() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&c("kabaret"), &c("kabarett"), 1), Some(1));
        assert_eq!(distance(&c("teater"), &c("theater"), 2), Some(1));
        assert_eq!(distance(&c("jazz"), &c("tanz"), 1), None);
    }
}
