//! Importing what organisations already publish elsewhere, so that nobody types twice:
//! iCalendar files and feeds (`ical`), CSV tables (`csv`), and single events from web pages
//! that carry schema.org JSON-LD (`page`). Every record goes through the event editor's
//! rules, is written in its own transaction and reported on its own line; records are
//! matched by a stable id per source, so a second import updates and does not duplicate.

mod ical;
pub mod page;
mod table;

pub use ical::{ical, ical_from};
pub use table::{csv, template};

use crate::db::event_writes;
use crate::db::organizations::OrgRow;
use crate::db::{Db, categories, organizations, venues};
use crate::domain::account::FieldErrors;
use crate::domain::category::Category;
use crate::domain::editor::{EditorChoices, EventDraft, EventInput};
use crate::domain::event::Wish;
use crate::service::events::{self, Author};
use crate::service::{ServiceError, Services};
use chrono::{DateTime, Utc};

/// The biggest file we read (a city's year fits in far less).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// What happened to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created {
        uid: String,
        title: String,
    },
    Updated {
        uid: String,
        title: String,
    },
    /// Imported before and the same again: nothing written, no SEQUENCE raised.
    Unchanged {
        uid: String,
        title: String,
    },
    Failed {
        record: usize,
        uid: String,
        reason: String,
    },
    Skipped {
        record: usize,
        uid: String,
        reason: String,
    },
    /// Imported earlier, missing now: its coming dates were cancelled.
    Withdrawn {
        uid: String,
        title: String,
    },
    /// One date of a series changed by a `RECURRENCE-ID` override.
    Adjusted {
        uid: String,
        what: String,
    },
}

impl Outcome {
    /// One line of the report.
    pub fn line(&self) -> String {
        match self {
            Outcome::Created { uid, title } => format!("neu         {uid}  „{title}“"),
            Outcome::Updated { uid, title } => format!("aktualisiert {uid}  „{title}“"),
            Outcome::Unchanged { uid, title } => format!("unverändert {uid}  „{title}“"),
            Outcome::Failed {
                record,
                uid,
                reason,
            } => format!("FEHLER      Eintrag {record} ({uid}): {reason}"),
            Outcome::Skipped {
                record,
                uid,
                reason,
            } => format!("übersprungen Eintrag {record} ({uid}): {reason}"),
            Outcome::Withdrawn { uid, title } => {
                format!("abgesagt    {uid}  „{title}“ (nicht mehr in der Datei)")
            }
            Outcome::Adjusted { uid, what } => format!("Termin      {uid}: {what}"),
        }
    }
}

/// The counts of a report, for its first line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub skipped: usize,
    pub adjusted: usize,
    pub withdrawn: usize,
}

/// Counts an import run for `/metrics` (a file that was no calendar counts as a run with
/// one failed record).
pub(crate) fn counted(
    outcomes: Result<Vec<Outcome>, ImportError>,
) -> Result<Vec<Outcome>, ImportError> {
    let records = match &outcomes {
        Ok(list) => {
            let s = Summary::of(list);
            [
                s.created,
                s.updated,
                s.adjusted,
                s.skipped,
                s.failed,
                s.withdrawn,
            ]
            .map(|n| n as u64)
        }
        Err(_) => [0, 0, 0, 0, 1, 0],
    };
    crate::metrics::METRICS.import(records);
    outcomes
}

impl Summary {
    pub fn of(outcomes: &[Outcome]) -> Summary {
        let mut s = Summary::default();
        for o in outcomes {
            match o {
                Outcome::Created { .. } => s.created += 1,
                Outcome::Updated { .. } => s.updated += 1,
                Outcome::Unchanged { .. } => s.unchanged += 1,
                Outcome::Failed { .. } => s.failed += 1,
                Outcome::Skipped { .. } => s.skipped += 1,
                Outcome::Adjusted { .. } => s.adjusted += 1,
                Outcome::Withdrawn { .. } => s.withdrawn += 1,
            }
        }
        s
    }

    /// „3 neu, 1 aktualisiert, 2 Hinweise zu einzelnen Terminen, 1 mit Fehlern.“
    pub fn text(&self) -> String {
        let mut parts = vec![
            format!("{} neu", self.created),
            format!("{} aktualisiert", self.updated),
        ];
        if self.unchanged > 0 {
            parts.push(format!("{} unverändert", self.unchanged));
        }
        if self.adjusted > 0 {
            parts.push(format!("{} Hinweise zu einzelnen Terminen", self.adjusted));
        }
        if self.withdrawn > 0 {
            parts.push(format!(
                "{} nicht mehr enthalten und abgesagt",
                self.withdrawn
            ));
        }
        if self.skipped > 0 {
            parts.push(format!("{} übersprungen", self.skipped));
        }
        parts.push(format!("{} mit Fehlern", self.failed));
        format!("{}.", parts.join(", "))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Die Datei ist zu groß (höchstens 20 MB).")]
    TooLarge,
    #[error("Keine Organisation mit der Kennung „{0}“.")]
    UnknownOrganization(String),
    #[error("Keine Sparte mit der Kennung „{0}“.")]
    UnknownCategory(String),
    #[error("Die Datei ist kein gültiger Kalender: {0}")]
    NotACalendar(String),
    #[error(
        "Die Datei ist weder ein Kalender (iCalendar, beginnt mit BEGIN:VCALENDAR) noch eine Tabelle (CSV mit Kopfzeile)."
    )]
    UnknownFormat,
    #[error("Die Tabelle ist nicht lesbar: {0}")]
    NotATable(String),
    #[error("Die Seite enthält keine Veranstaltung: {0}")]
    NoEvent(String),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// Every hundred records, a line in the log (the command line shows it on stderr), so a
/// long import shows that it is moving.
pub fn progress(record: usize, total: Option<usize>) {
    if record.is_multiple_of(100) {
        match total {
            Some(total) => tracing::info!("Import: Eintrag {record} von {total}"),
            None => tracing::info!("Import: Zeile {record}"),
        }
    }
}

/// Imports an uploaded file: iCalendar when it begins like one, else a CSV table.
pub async fn file(
    svc: &Services,
    bytes: &[u8],
    org_slug: &str,
    fallback_category: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(64)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_uppercase();
    let first_line = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    if head.starts_with("BEGIN:VCALENDAR") {
        ical(svc, bytes, org_slug, fallback_category, now).await
    } else if first_line.contains([';', ',', '\t']) {
        csv(svc, bytes, org_slug, fallback_category, now).await
    } else {
        Err(ImportError::UnknownFormat)
    }
}

/// Where imported records go: the organisation, its Sparten and venues as the editor's
/// choices, and the fallback Sparte.
pub struct Target {
    pub org: OrgRow,
    pub categories: Vec<Category>,
    pub fallback: i64,
    pub venues: Vec<crate::db::venues::VenueRow>,
    category_ids: Vec<i64>,
    venue_ids: Vec<i64>,
    orgs: [i64; 1],
}

impl Target {
    pub async fn load(
        db: &Db,
        org_slug: &str,
        fallback_category: &str,
    ) -> Result<Target, ImportError> {
        let org = organizations::by_slug(db, org_slug)
            .await?
            .ok_or_else(|| ImportError::UnknownOrganization(org_slug.to_owned()))?;
        let categories = categories::all(db).await?;
        let fallback = categories
            .iter()
            .find(|c| c.slug == fallback_category)
            .ok_or_else(|| ImportError::UnknownCategory(fallback_category.to_owned()))?
            .id;
        let venues = venues::all(db).await?;
        Ok(Target {
            category_ids: categories.iter().map(|c| c.id).collect(),
            venue_ids: venues.iter().map(|v| v.id).collect(),
            orgs: [org.id],
            org,
            categories,
            fallback,
            venues,
        })
    }

    pub fn choices(&self) -> EditorChoices<'_> {
        EditorChoices {
            categories: &self.category_ids,
            venues: &self.venue_ids,
            organizations: &self.orgs,
        }
    }

    /// The directory's venue a place in words names: by slug or name (the place's first
    /// comma-separated part, in any case), else by a street that only one venue has.
    pub fn venue_for(&self, place: &str) -> Option<i64> {
        venue_named(&self.venues, place)
    }

    /// A Sparte by its name or slug, in any case.
    pub fn sparte(&self, name: &str) -> Option<i64> {
        let name = name.trim().to_lowercase();
        self.categories
            .iter()
            .find(|c| c.slug == name || c.name.to_lowercase() == name)
            .map(|c| c.id)
    }
    /// Checks a record's draft by the rules every writer meets.
    pub fn check(&self, draft: EventDraft, now: DateTime<Utc>) -> Result<EventInput, FieldErrors> {
        draft.check(&self.choices(), now, false)
    }

    /// A draft for this organisation with the fallback Sparte (records fill in the rest).
    pub fn draft(&self) -> EventDraft {
        EventDraft {
            organization_id: Some(self.org.id),
            category_ids: vec![self.fallback],
            ..EventDraft::default()
        }
    }
}

/// The venue of `venues` a place in words names: by slug or name (the place's first
/// comma-separated part, in any case), else by a street that only one venue has.
pub fn venue_named(venues: &[crate::db::venues::VenueRow], place: &str) -> Option<i64> {
    let place = place.trim();
    if place.is_empty() {
        return None;
    }
    let head = place.split(',').next().unwrap_or("").trim();
    if let Some(v) = venues
        .iter()
        .find(|v| v.slug == place || v.name.eq_ignore_ascii_case(head))
    {
        return Some(v.id);
    }
    let lower = place.to_lowercase();
    let by_street: Vec<i64> = venues
        .iter()
        .filter(|v| v.street.chars().count() >= 5 && lower.contains(&v.street.to_lowercase()))
        .map(|v| v.id)
        .collect();
    match by_street.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// One record as stored by [`store`]: its event, what happened, and the fingerprint that
/// [`settle`] remembers once everything the record asks for is written.
pub struct Stored {
    pub id: i64,
    pub outcome: Outcome,
    fingerprint: String,
}

impl Stored {
    /// Nothing was written: the record came before in the same form.
    pub fn unchanged(&self) -> bool {
        matches!(self.outcome, Outcome::Unchanged { .. })
    }
}

/// Creates or updates (by `external`) one imported event and says which it was. The
/// status follows the one rule: asked to publish, published for verified organisations,
/// else waiting for review; once published, an update keeps it published.
///
/// A record that came before in the same form (`input`, the wish and `also`: what the
/// caller does to the event afterwards, such as cancelled dates) is left alone when nobody
/// changed the event since — no write, no raised SEQUENCE, reported „unverändert“. Call
/// [`settle`] after the record's last write.
pub async fn store(
    svc: &Services,
    target: &Target,
    input: &EventInput,
    external: &str,
    uid: String,
    wish: Wish,
    also: &str,
) -> Result<Stored, ImportError> {
    use crate::db::api_tokens;
    let title = input.title.clone();
    let author = Author::Import {
        organization: target.org.id,
    };
    let fingerprint = crate::auth::token_hash(&format!("{input:?}|{wish:?}|{also}"));
    let existing = api_tokens::event_by_external_id(&svc.db, target.org.id, external).await?;
    let (id, outcome) = match existing {
        Some(id) => {
            // Unchanged: the same record, and the event's SEQUENCE is still the one the
            // last import left (nobody edited, cancelled or withdrew it meanwhile).
            if let Some((stored, sequence)) = api_tokens::import_fingerprint(&svc.db, id).await?
                && stored == format!("{fingerprint}@{sequence}")
            {
                (id, Outcome::Unchanged { uid, title })
            } else {
                let saved = events::update(svc, id, input, wish, &author).await?;
                (saved.id, Outcome::Updated { uid, title })
            }
        }
        None => {
            let saved =
                events::create(svc, input, wish, &author, Some(external.to_owned())).await?;
            (saved.id, Outcome::Created { uid, title })
        }
    };
    Ok(Stored {
        id,
        outcome,
        fingerprint,
    })
}

/// Remembers what the record wrote (with the event's SEQUENCE now), after its last write.
pub async fn settle(svc: &Services, stored: &Stored) -> Result<(), ImportError> {
    if !stored.unchanged() {
        crate::db::api_tokens::set_import_fingerprint(&svc.db, stored.id, &stored.fingerprint)
            .await?;
    }
    Ok(())
}

/// Events of `source` this import no longer lists: their coming dates are cancelled.
pub async fn withdraw_missing(
    svc: &Services,
    target: &Target,
    source: &str,
    seen: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, ImportError> {
    let mut out = Vec::new();
    for (id, external, title) in
        event_writes::imported_of(&svc.db, target.org.id, source, now.timestamp()).await?
    {
        if !seen.contains(&external) {
            events::mark_upcoming(svc, id, true, None).await?;
            out.push(Outcome::Withdrawn {
                uid: external.trim_start_matches(source).to_owned(),
                title,
            });
        }
    }
    Ok(out)
}
