//! What the search index reads: every published event's texts, split by how much a
//! match in them says (title, Sparten and audiences, venue, organisers, tags, subtitle,
//! description), and the facets the list filters on (Sparten, district, venue,
//! organisers, audiences, free, step-free).

use super::event_details::texts;
use super::events;
use super::{Db, DbResult};
use crate::domain::district::District;

#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    title_en: String,
    subtitle: String,
    subtitle_en: String,
    description: String,
    description_en: String,
    price_kind: String,
    venue_name: Option<String>,
    venue_slug: Option<String>,
    venue_district: Option<String>,
    venue_step_free: Option<bool>,
}

/// One event as the index sees it.
#[derive(Debug, Clone, Default)]
pub struct IndexedEvent {
    pub id: i64,
    /// The title, and the English one when there is one.
    pub title: String,
    /// Sparten (German and English names) and audiences (German and English words).
    pub sparten: String,
    /// The venue's name and its district.
    pub venue: String,
    pub organizers: String,
    pub tags: String,
    pub subtitle: String,
    pub description: String,
    /// Filter tokens: `c:{sparte}`, `d:{district}`, `v:{venue}`, `o:{organiser}`,
    /// `a:{audience}`, `free`, `step_free`.
    pub facets: Vec<String>,
}

/// The words a search can use for an audience, German and English.
fn audience_words(slug: &str) -> &'static str {
    match slug {
        "kinder" => "Kinder Kind children kids",
        "familie" => "Familie Familien family families",
        "jugend" => "Jugend Jugendliche youth teens",
        "senioren" => "Senioren Seniorinnen seniors",
        "erwachsene" => "Erwachsene adults",
        _ => "",
    }
}

fn lines(values: Vec<String>) -> String {
    values.join("\n")
}

const SELECT: &str = "SELECT e.id, e.title, e.title_en, e.subtitle, e.subtitle_en, e.description, \
     e.description_en, e.price_kind, v.name AS venue_name, \
     v.slug AS venue_slug, v.district AS venue_district, v.step_free AS venue_step_free \
     FROM events e LEFT JOIN venues v ON v.id = e.venue_id";

/// How many events the index holds when it is complete (the published ones).
pub async fn count(db: &Db) -> DbResult<u64> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM events WHERE status = 'published'",
            &[],
        )
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Published events with ids above `after_id`, in id order, at most `limit`.
pub async fn batch(db: &Db, after_id: i64, limit: i64) -> DbResult<Vec<IndexedEvent>> {
    let rows: Vec<Row> = db
        .fetch_all(
            &format!("{SELECT} WHERE e.status = 'published' AND e.id > $1 ORDER BY e.id LIMIT $2"),
            &[after_id.into(), limit.into()],
        )
        .await?;
    complete(db, rows).await
}

/// These events as the index sees them, those that are published.
pub async fn of_ids(db: &Db, ids: &[i64]) -> DbResult<Vec<IndexedEvent>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let mut p = super::Params::default();
        let list = p.push_list(chunk.iter().copied());
        let rows: Vec<Row> = db
            .fetch_all(
                &format!(
                    "{SELECT} WHERE e.status = 'published' AND e.id IN ({list}) ORDER BY e.id"
                ),
                &p.values,
            )
            .await?;
        out.extend(complete(db, rows).await?);
    }
    Ok(out)
}

/// Adds tags, audiences, organisers and Sparten to the rows.
async fn complete(db: &Db, rows: Vec<Row>) -> DbResult<Vec<IndexedEvent>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut tags = texts(
        db,
        "SELECT event_id, tag AS value FROM event_tags",
        &ids,
        "tag",
    )
    .await?;
    let mut audiences = texts(
        db,
        "SELECT event_id, audience AS value FROM event_audiences",
        &ids,
        "audience",
    )
    .await?;
    let mut sparten = texts(
        db,
        "SELECT ec.event_id AS event_id, c.name || ' ' || c.name_en AS value \
         FROM event_categories ec JOIN categories c ON c.id = ec.category_id",
        &ids,
        "value",
    )
    .await?;
    let mut organizers = events::organizers_of(db, &ids).await?;
    let mut categories = events::categories_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut facets = Vec::new();
            let organizers = organizers.remove(&r.id).unwrap_or_default();
            for o in &organizers {
                facets.push(format!("o:{}", o.slug));
            }
            facets.extend(
                categories
                    .remove(&r.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| format!("c:{}", c.slug)),
            );
            let audiences = audiences.remove(&r.id).unwrap_or_default();
            let mut sparten = sparten.remove(&r.id).unwrap_or_default();
            sparten.extend(audiences.iter().map(|a| audience_words(a).to_owned()));
            facets.extend(audiences.iter().map(|a| format!("a:{a}")));
            if let Some(v) = r.venue_slug {
                facets.push(format!("v:{v}"));
            }
            let mut venue = r.venue_name.unwrap_or_default();
            if let Some(d) = r.venue_district {
                if let Some(district) = District::parse(&d) {
                    venue.push('\n');
                    venue.push_str(district.name());
                }
                facets.push(format!("d:{d}"));
            }
            if r.venue_step_free == Some(true) {
                facets.push("step_free".to_owned());
            }
            if r.price_kind == "free" {
                facets.push("free".to_owned());
            }
            IndexedEvent {
                id: r.id,
                title: format!("{}\n{}", r.title, r.title_en),
                sparten: lines(sparten),
                venue,
                organizers: lines(organizers.into_iter().map(|o| o.name).collect()),
                tags: lines(tags.remove(&r.id).unwrap_or_default()),
                subtitle: format!("{}\n{}", r.subtitle, r.subtitle_en),
                description: format!("{}\n{}", r.description, r.description_en),
                facets,
            }
        })
        .collect())
}
