//! When two entries are the same event: same place, start within [`WINDOW_SECONDS`], and
//! titles that share most of their words (German stems, so „Konzerte“ = „Konzert“), or
//! one title's words all in the other („Trio Nord“ and „Trio Nord – live im Keller“).

use crate::search::analyzer::terms;
use std::collections::BTreeSet;

/// How far apart two starts may be and still be one event.
pub const WINDOW_SECONDS: i64 = 15 * 60;

fn stems(title: &str) -> BTreeSet<String> {
    terms(title)
        .into_iter()
        .filter(|t| t.chars().count() > 1)
        .collect()
}

/// Whether two titles name the same event.
pub fn similar_titles(a: &str, b: &str) -> bool {
    let (a, b) = (stems(a), stems(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let common = a.intersection(&b).count();
    let smaller = a.len().min(b.len());
    let union = a.union(&b).count();
    common == smaller || common * 2 >= union
}

#[cfg(test)]
mod tests {
    use super::similar_titles;

    #[test]
    fn the_same_concert_under_two_titles_is_recognised() {
        assert!(similar_titles(
            "Trio Nord",
            "Trio Nord – live im Jazzkeller"
        ));
        assert!(similar_titles(
            "Weihnachtskonzerte der Symphoniker",
            "Weihnachtskonzert Symphoniker"
        ));
        assert!(similar_titles("HAMLET", "Hamlet"));
        assert!(!similar_titles("Hamlet", "Faust"));
        assert!(!similar_titles(
            "Offene Bühne",
            "Lesebühne: Texte aus dem Revier"
        ));
        assert!(!similar_titles("", "Hamlet"));
    }
}
