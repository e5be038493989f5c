//! German full-text search over events with tantivy. The database stays the source of
//! truth: the index is rebuilt from it at start (into a temporary folder, memory-mapped)
//! and can be rebuilt at any time.

pub mod analyzer;

use crate::db::{Db, DbError, event_details};
use analyzer::GermanTokenizer;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};
use tokio::sync::RwLock;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Most hits one search returns (the list shows them ranked; narrow the filter for more).
pub const MAX_HITS: usize = 1_000;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    title_parts: Field,
    body: Field,
    body_parts: Field,
}

struct Built {
    reader: IndexReader,
    fields: Fields,
    /// What the database looked like when this index was built.
    fingerprint: (i64, i64),
    _dir: tempfile::TempDir,
}

/// The event index, swappable as a whole when rebuilt.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<RwLock<Arc<Built>>>,
}

fn text_field(
    schema: &mut tantivy::schema::SchemaBuilder,
    name: &str,
    tokenizer: &str,
    freqs: bool,
) -> Field {
    let option = if freqs {
        IndexRecordOption::WithFreqs
    } else {
        IndexRecordOption::Basic
    };
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(option);
    schema.add_text_field(name, TextOptions::default().set_indexing_options(indexing))
}

async fn build(db: &Db) -> Result<Built, SearchError> {
    let fingerprint = event_details::fingerprint(db).await?;
    let mut sb = Schema::builder();
    let fields = Fields {
        id: sb.add_i64_field("id", STORED | FAST),
        title: text_field(&mut sb, "title", "de", true),
        title_parts: text_field(&mut sb, "title_parts", "de_parts", false),
        body: text_field(&mut sb, "body", "de", true),
        body_parts: text_field(&mut sb, "body_parts", "de_parts", false),
    };
    let dir = tempfile::Builder::new()
        .prefix("kulturportal-index-")
        .tempdir()?;
    let index = Index::create_in_dir(dir.path(), sb.build())?;
    index
        .tokenizers()
        .register("de", TextAnalyzer::from(GermanTokenizer { parts: false }));
    index.tokenizers().register(
        "de_parts",
        TextAnalyzer::from(GermanTokenizer { parts: true }),
    );
    let mut writer = index.writer::<TantivyDocument>(50_000_000)?;
    let mut after = 0;
    loop {
        let batch = event_details::search_sources(db, after, 2_000).await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let ids: Vec<i64> = batch.iter().map(|e| e.id).collect();
        let mut extras = event_details::search_extras(db, &ids).await?;
        for e in batch {
            let mut doc = TantivyDocument::default();
            doc.add_i64(fields.id, e.id);
            doc.add_text(fields.title, &e.title);
            doc.add_text(fields.title_parts, &e.title);
            let mut body = format!(
                "{}\n{}\n{}",
                e.subtitle,
                e.venue_name.unwrap_or_default(),
                e.description
            );
            for extra in extras.remove(&e.id).unwrap_or_default() {
                body.push('\n');
                body.push_str(&extra);
            }
            doc.add_text(fields.body_parts, &body);
            doc.add_text(fields.body, &body);
            writer.add_document(doc)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Built {
        reader,
        fields,
        fingerprint,
        _dir: dir,
    })
}

impl SearchIndex {
    /// Builds the index from every published event in the database.
    pub async fn build(db: &Db) -> Result<SearchIndex, SearchError> {
        Ok(SearchIndex {
            inner: Arc::new(RwLock::new(Arc::new(build(db).await?))),
        })
    }

    /// Rebuilds from the database and swaps the new index in; searches keep working meanwhile.
    pub async fn rebuild(&self, db: &Db) -> Result<(), SearchError> {
        let fresh = Arc::new(build(db).await?);
        *self.inner.write().await = fresh;
        Ok(())
    }

    /// Rebuilds when the events in the database changed since the last build (for
    /// instances that share a PostgreSQL database). Returns whether it rebuilt.
    pub async fn refresh_if_changed(&self, db: &Db) -> Result<bool, SearchError> {
        let current = event_details::fingerprint(db).await?;
        if self.inner.read().await.fingerprint == current {
            return Ok(false);
        }
        self.rebuild(db).await?;
        Ok(true)
    }

    /// Event ids matching `text`, best first. Every word must match (as itself, a
    /// prefix, a compound part, or with one typo in words of five letters or more).
    pub async fn search(&self, text: &str) -> Result<Vec<(i64, f32)>, SearchError> {
        let built = self.inner.read().await.clone();
        let f = built.fields;
        let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in analyzer::words(text) {
            let term = word.stem;
            let boosted = |field: Field, text: &str, boost: f32| -> (Occur, Box<dyn Query>) {
                let q = TermQuery::new(
                    Term::from_field_text(field, text),
                    IndexRecordOption::WithFreqs,
                );
                (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
            };
            let mut shoulds = vec![
                boosted(f.title, &term, 6.0),
                boosted(f.body, &term, 1.0),
                boosted(f.title_parts, &term, 2.0),
                boosted(f.body_parts, &term, 0.5),
            ];
            if word.folded != term && word.folded.chars().count() >= analyzer::MIN_PART {
                shoulds.push(boosted(f.title_parts, &word.folded, 2.0));
                shoulds.push(boosted(f.body_parts, &word.folded, 0.5));
            }
            if term.chars().count() >= 3 {
                for (field, boost) in [(f.title, 1.5), (f.body, 0.4)] {
                    let q =
                        FuzzyTermQuery::new_prefix(Term::from_field_text(field, &term), 0, true);
                    shoulds.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                }
            }
            if term.chars().count() >= 5 {
                for (field, boost) in [(f.title, 1.0), (f.body, 0.3)] {
                    let q = FuzzyTermQuery::new(Term::from_field_text(field, &term), 1, true);
                    shoulds.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                }
            }
            musts.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
        }
        if musts.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(musts);
        let searcher = built.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(MAX_HITS))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let column = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .i64("id")?;
            if let Some(id) = column.first(address.doc_id) {
                hits.push((id, score));
            }
        }
        Ok(hits)
    }
}
