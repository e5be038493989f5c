//! Writing whole records in bulk: the initial Sparten, the demo city, synthetic load.
//! Ids are assigned here so that thousands of rows go in as a few multi-row statements.

use super::{Db, DbResult, Tx, Value};
use crate::domain::category;
use crate::domain::event::{AccessService, Audience, OccurrenceStatus, Price};

pub struct NewVenue {
    pub slug: String,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub district: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub description: String,
    pub website: String,
    pub step_free: bool,
    pub wheelchair_wc: bool,
    pub wheelchair_spaces: bool,
    pub lift: bool,
    pub parking: bool,
    pub induction_loop: bool,
    pub access_notes: String,
}

pub struct NewOrganization {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub website: String,
    pub district: Option<String>,
    pub verified: bool,
    pub category_ids: Vec<i64>,
}

pub struct NewOccurrence {
    pub starts_at: i64,
    pub ends_at: i64,
    pub all_day: bool,
    pub status: OccurrenceStatus,
    pub from_rule: bool,
}

impl NewOccurrence {
    /// The dates of a recurring rule within `[from, to]`, each lasting `duration_seconds`.
    pub fn series(
        rule: &crate::domain::recurrence::Recurrence,
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
        duration_seconds: i64,
    ) -> Vec<NewOccurrence> {
        rule.starts_between(from, to)
            .into_iter()
            .map(|s| NewOccurrence {
                starts_at: s.timestamp(),
                ends_at: s.timestamp() + duration_seconds,
                all_day: false,
                status: OccurrenceStatus::Scheduled,
                from_rule: true,
            })
            .collect()
    }
}

pub struct NewEvent {
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub venue_id: Option<i64>,
    pub location_text: String,
    pub price: Price,
    pub ticket_url: String,
    pub min_age: Option<i64>,
    pub languages: Vec<String>,
    pub access_services: Vec<AccessService>,
    pub recurrence: String,
    pub duration_seconds: i64,
    pub published: bool,
    pub category_ids: Vec<i64>,
    pub organizer_ids: Vec<i64>,
    pub tags: Vec<String>,
    pub audiences: Vec<Audience>,
    pub occurrences: Vec<NewOccurrence>,
}

/// Adds the initial Sparten that are missing (by slug); keeps any added later.
pub async fn ensure_categories(db: &Db) -> DbResult<()> {
    let mut tx = db.begin().await?;
    for (i, (slug, name, name_en)) in category::INITIAL.iter().enumerate() {
        tx.execute(
            "INSERT INTO categories (slug, name, name_en, position) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING",
            &[(*slug).into(), (*name).into(), (*name_en).into(), (i as i64).into()],
        )
        .await?;
    }
    tx.commit().await
}

/// Whether the calendar holds no event yet (then `--demo` may fill it).
pub async fn has_no_events(db: &Db) -> DbResult<bool> {
    let (n,): (i64,) = db.fetch_one("SELECT COUNT(*) FROM events", &[]).await?;
    Ok(n == 0)
}

async fn next_id(tx: &mut Tx, table: &str) -> DbResult<i64> {
    let (max,): (Option<i64>,) = tx
        .fetch_one(&format!("SELECT MAX(id) FROM {table}"), &[])
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// PostgreSQL's identity sequences do not see explicit ids; move them past the new rows.
async fn sync_sequence(tx: &mut Tx, table: &str) -> DbResult<()> {
    if let Tx::Postgres(_) = tx {
        tx.execute(
            &format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"),
            &[],
        )
        .await?;
    }
    Ok(())
}

pub async fn insert_venues(db: &Db, venues: Vec<NewVenue>, now: i64) -> DbResult<Vec<i64>> {
    let mut tx = db.begin().await?;
    let first = next_id(&mut tx, "venues").await?;
    let mut ids = Vec::with_capacity(venues.len());
    let rows = venues
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let id = first + i as i64;
            ids.push(id);
            vec![
                id.into(),
                v.slug.into(),
                v.name.into(),
                v.street.into(),
                v.postal_code.into(),
                v.district.into(),
                v.lat.into(),
                v.lon.into(),
                v.description.into(),
                v.website.into(),
                v.step_free.into(),
                v.wheelchair_wc.into(),
                v.wheelchair_spaces.into(),
                v.lift.into(),
                v.parking.into(),
                v.induction_loop.into(),
                v.access_notes.into(),
                now.into(),
                now.into(),
            ]
        })
        .collect();
    tx.insert_many(
        "venues",
        &[
            "id",
            "slug",
            "name",
            "street",
            "postal_code",
            "district",
            "lat",
            "lon",
            "description",
            "website",
            "step_free",
            "wheelchair_wc",
            "wheelchair_spaces",
            "lift",
            "parking",
            "induction_loop",
            "access_notes",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    sync_sequence(&mut tx, "venues").await?;
    tx.commit().await?;
    Ok(ids)
}

pub async fn insert_organizations(
    db: &Db,
    orgs: Vec<NewOrganization>,
    now: i64,
) -> DbResult<Vec<i64>> {
    let mut tx = db.begin().await?;
    let first = next_id(&mut tx, "organizations").await?;
    let mut ids = Vec::with_capacity(orgs.len());
    let mut rows = Vec::new();
    let mut links = Vec::new();
    for (i, o) in orgs.into_iter().enumerate() {
        let id = first + i as i64;
        ids.push(id);
        links.extend(
            o.category_ids
                .iter()
                .map(|c| vec![Value::Int(id), Value::Int(*c)]),
        );
        rows.push(vec![
            id.into(),
            o.slug.into(),
            o.name.into(),
            o.kind.into(),
            o.description.into(),
            o.website.into(),
            Value::OptText(o.district),
            o.verified.into(),
            now.into(),
            now.into(),
        ]);
    }
    tx.insert_many(
        "organizations",
        &[
            "id",
            "slug",
            "name",
            "kind",
            "description",
            "website",
            "district",
            "verified",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    tx.insert_many(
        "organization_categories",
        &["organization_id", "category_id"],
        links,
    )
    .await?;
    sync_sequence(&mut tx, "organizations").await?;
    tx.commit().await?;
    Ok(ids)
}

/// Inserts events with all their links and dates in one transaction.
pub async fn insert_events(db: &Db, events: Vec<NewEvent>, now: i64) -> DbResult<Vec<i64>> {
    let mut tx = db.begin().await?;
    let first = next_id(&mut tx, "events").await?;
    let mut next_occurrence = next_id(&mut tx, "occurrences").await?;
    let mut ids = Vec::with_capacity(events.len());
    let (mut rows, mut cats, mut orgs, mut tags, mut auds, mut occs) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for (i, e) in events.into_iter().enumerate() {
        let id = first + i as i64;
        ids.push(id);
        let (min, max, text) = match &e.price {
            Price::Range {
                min_cents,
                max_cents,
            } => (Some(*min_cents), Some(*max_cents), String::new()),
            Price::Text { text } => (None, None, text.clone()),
            Price::Free | Price::Unknown => (None, None, String::new()),
        };
        let services: Vec<&str> = e.access_services.iter().map(|s| s.key()).collect();
        rows.push(vec![
            id.into(),
            e.slug.into(),
            e.title.into(),
            e.subtitle.into(),
            e.description.into(),
            e.venue_id.into(),
            e.location_text.into(),
            e.price.kind().into(),
            min.into(),
            max.into(),
            text.into(),
            e.ticket_url.into(),
            e.min_age.into(),
            e.languages.join(",").into(),
            services.join(",").into(),
            e.recurrence.into(),
            e.duration_seconds.into(),
            (if e.published { "published" } else { "draft" }).into(),
            now.into(),
            now.into(),
            Value::OptInt(e.published.then_some(now)),
        ]);
        cats.extend(
            e.category_ids
                .iter()
                .map(|c| vec![Value::Int(id), Value::Int(*c)]),
        );
        orgs.extend(
            e.organizer_ids
                .iter()
                .enumerate()
                .map(|(pos, o)| vec![id.into(), (*o).into(), (pos as i64).into()]),
        );
        tags.extend(
            e.tags
                .into_iter()
                .map(|t| vec![Value::Int(id), Value::Text(t)]),
        );
        auds.extend(
            e.audiences
                .iter()
                .map(|a| vec![Value::Int(id), a.slug().into()]),
        );
        for o in e.occurrences {
            occs.push(vec![
                next_occurrence.into(),
                id.into(),
                o.starts_at.into(),
                o.ends_at.into(),
                o.all_day.into(),
                o.status.key().into(),
                o.from_rule.into(),
            ]);
            next_occurrence += 1;
        }
    }
    tx.insert_many(
        "events",
        &[
            "id",
            "slug",
            "title",
            "subtitle",
            "description",
            "venue_id",
            "location_text",
            "price_kind",
            "price_min_cents",
            "price_max_cents",
            "price_text",
            "ticket_url",
            "min_age",
            "languages",
            "access_services",
            "recurrence",
            "duration_seconds",
            "status",
            "created_at",
            "updated_at",
            "published_at",
        ],
        rows,
    )
    .await?;
    tx.insert_many("event_categories", &["event_id", "category_id"], cats)
        .await?;
    tx.insert_many(
        "event_organizers",
        &["event_id", "organization_id", "position"],
        orgs,
    )
    .await?;
    tx.insert_many("event_tags", &["event_id", "tag"], tags)
        .await?;
    tx.insert_many("event_audiences", &["event_id", "audience"], auds)
        .await?;
    tx.insert_many(
        "occurrences",
        &[
            "id",
            "event_id",
            "starts_at",
            "ends_at",
            "all_day",
            "status",
            "from_rule",
        ],
        occs,
    )
    .await?;
    sync_sequence(&mut tx, "events").await?;
    sync_sequence(&mut tx, "occurrences").await?;
    tx.commit().await?;
    Ok(ids)
}
