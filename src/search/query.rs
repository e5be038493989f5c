//! Turning a visitor's filter into tantivy queries.

use super::analyzer::{self, MIN_PART};
use super::build::Fields;
use crate::domain::filter::EventFilter;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

type Clause = (Occur, Box<dyn Query>);

fn term(field: Field, text: &str, boost: f32) -> Clause {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
}

/// Every one of the queries must match.
pub fn all_of(queries: impl IntoIterator<Item = Box<dyn Query>>) -> BooleanQuery {
    BooleanQuery::new(queries.into_iter().map(|q| (Occur::Must, q)).collect())
}

/// The text part: every word must match somewhere. `None` when the text has no words.
pub fn text(f: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let mut musts: Vec<Clause> = Vec::new();
    for word in analyzer::words(text) {
        let stem = word.stem;
        let mut shoulds = vec![
            term(f.title, &stem, 6.0),
            term(f.body, &stem, 1.0),
            term(f.title_parts, &stem, 2.0),
            term(f.body_parts, &stem, 0.5),
        ];
        if word.folded != stem && word.folded.chars().count() >= MIN_PART {
            shoulds.push(term(f.title_parts, &word.folded, 2.0));
            shoulds.push(term(f.body_parts, &word.folded, 0.5));
        }
        if stem.chars().count() >= 3 {
            for (field, boost) in [(f.title, 1.5), (f.body, 0.4)] {
                let q = FuzzyTermQuery::new_prefix(Term::from_field_text(field, &stem), 0, true);
                shoulds.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
        }
        if stem.chars().count() >= 5 {
            for (field, boost) in [(f.title, 1.0), (f.body, 0.3)] {
                let q = FuzzyTermQuery::new(Term::from_field_text(field, &stem), 1, true);
                shoulds.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
        }
        musts.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
    }
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
