//! The index's schema and building it from the database.
//!
//! Each kind of text has its own field, so that a query can weigh where a word matched
//! (title > Sparte > venue > organiser > tags > subtitle > description). The short
//! fields also keep compound heads (`*_parts`, `names_parts`); the description does
//! not, so a word hidden in a long text's compound (`Konzerteinführung`) is no match.

use super::SearchError;
use super::analyzer::{Emit, GermanTokenizer};
use crate::db::{Db, event_details, search_source};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument};

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub title_parts: Field,
    /// Sparten and audiences (German and English words).
    pub sparten: Field,
    pub venue: Field,
    pub organizers: Field,
    pub tags: Field,
    pub subtitle: Field,
    pub body: Field,
    /// Compound heads of venue, organisers, tags and subtitle together.
    pub names_parts: Field,
    /// The words as written (lowercase), for „Meinten Sie …“.
    pub surface: Field,
    pub facets: Field,
}

pub struct Built {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// What the database looked like when this index was built.
    pub fingerprint: (i64, i64),
    _dir: tempfile::TempDir,
}

impl Built {
    /// The event ids of documents, in the given order. Each segment's id column is opened
    /// once (opening it per document dominated the cost of a search).
    pub fn ids(
        &self,
        searcher: &Searcher,
        docs: impl Iterator<Item = DocAddress>,
    ) -> Result<Vec<i64>, SearchError> {
        let mut columns = std::collections::HashMap::new();
        let mut ids = Vec::new();
        for address in docs {
            let column = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(c) => c.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => v.insert(
                    searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .i64("id")?,
                ),
            };
            if let Some(id) = column.first(address.doc_id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
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

/// One event's document.
pub fn document(f: &Fields, e: &search_source::IndexedEvent) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_i64(f.id, e.id);
    doc.add_text(f.title, &e.title);
    doc.add_text(f.title_parts, &e.title);
    doc.add_text(f.sparten, &e.sparten);
    doc.add_text(f.venue, &e.venue);
    doc.add_text(f.organizers, &e.organizers);
    doc.add_text(f.tags, &e.tags);
    doc.add_text(f.subtitle, &e.subtitle);
    doc.add_text(f.body, &e.description);
    for names in [&e.venue, &e.organizers, &e.tags, &e.subtitle] {
        doc.add_text(f.names_parts, names);
    }
    for text in [&e.title, &e.sparten, &e.venue, &e.organizers, &e.tags] {
        doc.add_text(f.surface, text);
    }
    for facet in &e.facets {
        doc.add_text(f.facets, facet);
    }
    doc
}

/// The tokenizers the fields name.
const TOKENIZERS: [(&str, Emit, bool); 5] = [
    ("de", Emit::Stems, false),
    ("de_names", Emit::Stems, true),
    ("de_parts", Emit::Parts, false),
    ("de_names_parts", Emit::Parts, true),
    ("surface", Emit::Surface, false),
];

/// A new index in a temporary folder, with its schema and tokenizers.
fn create() -> Result<(Index, Fields, tempfile::TempDir), SearchError> {
    let mut sb = Schema::builder();
    let fields = Fields {
        // Indexed too: a change deletes the event's document by its id.
        id: sb.add_i64_field("id", STORED | FAST | INDEXED),
        title: text_field(&mut sb, "title", "de", true),
        title_parts: text_field(&mut sb, "title_parts", "de_parts", false),
        sparten: text_field(&mut sb, "sparten", "de", true),
        venue: text_field(&mut sb, "venue", "de_names", true),
        organizers: text_field(&mut sb, "organizers", "de_names", true),
        tags: text_field(&mut sb, "tags", "de_names", true),
        subtitle: text_field(&mut sb, "subtitle", "de", true),
        body: text_field(&mut sb, "body", "de", true),
        names_parts: text_field(&mut sb, "names_parts", "de_names_parts", false),
        surface: text_field(&mut sb, "surface", "surface", false),
        facets: sb.add_text_field("facets", STRING),
    };
    let dir = tempfile::Builder::new()
        .prefix("kulturportal-index-")
        .tempdir()?;
    let folder = super::unsynced::Unsynced::open(dir.path())
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let index = Index::create(folder, sb.build(), tantivy::IndexSettings::default())?;
    for (name, emit, join_spaces) in TOKENIZERS {
        index.tokenizers().register(
            name,
            TextAnalyzer::from(GermanTokenizer { emit, join_spaces }),
        );
    }
    Ok((index, fields, dir))
}

fn finish(
    index: Index,
    fields: Fields,
    fingerprint: (i64, i64),
    dir: tempfile::TempDir,
) -> Result<Built, SearchError> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Built {
        index,
        reader,
        fields,
        fingerprint,
        _dir: dir,
    })
}

/// An index without documents.
pub fn empty() -> Result<Built, SearchError> {
    let (index, fields, dir) = create()?;
    finish(index, fields, (0, 0), dir)
}

pub async fn build(db: &Db) -> Result<Built, SearchError> {
    let fingerprint = event_details::fingerprint(db).await?;
    let (index, fields, dir) = create()?;
    let mut writer = index.writer::<TantivyDocument>(50_000_000)?;
    let mut after = 0;
    loop {
        let batch = search_source::batch(db, after, 2_000).await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        for e in batch {
            writer.add_document(document(&fields, &e))?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    finish(index, fields, fingerprint, dir)
}
