//! The index's schema and building it from the database.
//!
//! Each kind of text has its own field, so that a query can weigh where a word matched
//! (title > Sparte > venue > organiser > tags > subtitle > description). The short
//! fields also keep compound heads (`*_parts`, `names_parts`); the description does
//! not, so a word hidden in a long text's compound (`Konzerteinführung`) is no match.

use super::SearchError;
use super::analyzer::{Emit, GermanTokenizer};
use crate::db::{Db, event_details, search_source};
use std::path::{Path, PathBuf};
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
    /// The writer of updates, made at the first one and kept: a writer per update cost
    /// its threads and arena each time and dropped the merges it had begun, so small
    /// segments piled up with every change.
    pub writer: std::sync::Mutex<Option<tantivy::IndexWriter<TantivyDocument>>>,
    /// The folder on disk when the index is kept between starts.
    pub folder: Option<PathBuf>,
    /// Dropped last: the temporary folder goes after the writer and reader are closed.
    _dir: Option<tempfile::TempDir>,
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

/// The schema and its fields.
fn schema() -> (Schema, Fields) {
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
    (sb.build(), fields)
}

fn register_tokenizers(index: &Index) {
    for (name, emit, join_spaces) in TOKENIZERS {
        index.tokenizers().register(
            name,
            TextAnalyzer::from(GermanTokenizer { emit, join_spaces }),
        );
    }
}

fn directory(folder: &Path) -> Result<super::unsynced::Unsynced, SearchError> {
    super::unsynced::Unsynced::open(folder)
        .map_err(|e| SearchError::Io(std::io::Error::other(e.to_string())))
}

/// A new index in `folder` (kept) or in a temporary folder (gone with the index).
fn create(
    folder: Option<&Path>,
) -> Result<(Index, Fields, Option<tempfile::TempDir>), SearchError> {
    let (schema, fields) = schema();
    let temp = match folder {
        Some(_) => None,
        None => Some(
            tempfile::Builder::new()
                .prefix("kulturportal-index-")
                .tempdir()?,
        ),
    };
    let path = folder.map_or_else(
        || {
            temp.as_ref()
                .map(|t| t.path().to_path_buf())
                .unwrap_or_default()
        },
        Path::to_path_buf,
    );
    let index = Index::create(directory(&path)?, schema, tantivy::IndexSettings::default())?;
    register_tokenizers(&index);
    Ok((index, fields, temp))
}

fn finish(
    index: Index,
    fields: Fields,
    fingerprint: (i64, i64),
    dir: Option<tempfile::TempDir>,
    folder: Option<PathBuf>,
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
        folder,
        writer: std::sync::Mutex::new(None),
        _dir: dir,
    })
}

/// An index without documents.
pub fn empty() -> Result<Built, SearchError> {
    let (index, fields, dir) = create(None)?;
    finish(index, fields, (0, 0), dir, None)
}

/// Why an index on disk cannot be used as it is.
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    #[error("it cannot be opened: {0}")]
    Broken(String),
    #[error("it was written with another schema")]
    Schema,
    #[error("it was written by another version")]
    Version,
}

/// Opens the index in `folder` with the outbox id its last commit recorded.
pub fn open(folder: &Path) -> Result<(Built, i64), Unusable> {
    let broken = |e: &dyn std::fmt::Display| Unusable::Broken(e.to_string());
    let dir = directory(folder).map_err(|e| broken(&e))?;
    let index = Index::open(dir).map_err(|e| broken(&e))?;
    let (expected, fields) = schema();
    if index.schema() != expected {
        return Err(Unusable::Schema);
    }
    let metas = index.load_metas().map_err(|e| broken(&e))?;
    let payload = super::disk::Payload::parse(metas.payload.as_deref())
        .filter(|p| p.version == super::disk::VERSION)
        .ok_or(Unusable::Version)?;
    register_tokenizers(&index);
    let built =
        finish(index, fields, (0, 0), None, Some(folder.to_path_buf())).map_err(|e| broken(&e))?;
    // Every segment readable: a folder cut short (a crash of the machine: the index is
    // written without fsync) fails here rather than in a search.
    let searcher = built.reader.searcher();
    for segment in searcher.segment_readers() {
        segment.fast_fields().i64("id").map_err(|e| broken(&e))?;
    }
    Ok((built, payload.outbox))
}

/// Builds the index of every published event into `folder` (or a temporary folder),
/// recording that it is complete up to outbox id `seen` (read before the first event).
pub async fn build(db: &Db, seen: i64, folder: Option<&Path>) -> Result<Built, SearchError> {
    let fingerprint = event_details::fingerprint(db).await?;
    let (index, fields, dir) = create(folder)?;
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
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&super::disk::Payload::at(seen));
    commit.commit()?;
    writer.wait_merging_threads()?;
    finish(
        index,
        fields,
        fingerprint,
        dir,
        folder.map(Path::to_path_buf),
    )
}
