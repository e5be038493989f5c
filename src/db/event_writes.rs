//! Writing single events. Every function here writes inside the caller's transaction
//! (`service::events` opens it, adds the outbox record and commits), together with its
//! audit-log row: the change, its record and its after-effects land together or not at
//! all.

use super::event_details::{self, EventDetail, OccurrenceRow};
use super::users::audit;
use super::{Db, DbResult, Tx, Value};
use crate::domain::editor::{EventInput, Place, Slot};
use crate::domain::event::{EventStatus, Price};
use crate::domain::slug::Slug;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Who entered an event that came without an account.
#[derive(Debug, Clone, Default)]
pub struct Submitter {
    pub name: String,
    pub email: String,
}

/// An event as the editor needs it: every field, whatever its status.
#[derive(Debug, Clone)]
pub struct Editable {
    pub detail: EventDetail,
    pub status: EventStatus,
    pub schedule: String,
    pub recurrence: String,
    pub organizer_ids: Vec<i64>,
    pub occurrences: Vec<OccurrenceRow>,
    pub submitter: Submitter,
    pub moderation_note: String,
}

#[derive(sqlx::FromRow)]
struct Extra {
    status: String,
    schedule: String,
    recurrence: String,
    submitter_name: String,
    submitter_email: String,
    moderation_note: String,
}

pub async fn editable(db: &Db, id: i64) -> DbResult<Option<Editable>> {
    let Some(detail) = event_details::load_any(db, &[id]).await?.remove(&id) else {
        return Ok(None);
    };
    let extra: Extra = db
        .fetch_one(
            "SELECT status, schedule, recurrence, submitter_name, submitter_email, moderation_note FROM events WHERE id = $1",
            &[id.into()],
        )
        .await?;
    let organizer_ids: Vec<(i64,)> = db
        .fetch_all(
            "SELECT organization_id FROM event_organizers WHERE event_id = $1 ORDER BY position",
            &[id.into()],
        )
        .await?;
    let occurrences = db
        .fetch_all(
            "SELECT id, event_id, starts_at, ends_at, all_day, status FROM occurrences WHERE event_id = $1 ORDER BY starts_at, id",
            &[id.into()],
        )
        .await?;
    Ok(Some(Editable {
        detail,
        status: EventStatus::parse(&extra.status),
        schedule: extra.schedule,
        recurrence: extra.recurrence,
        organizer_ids: organizer_ids.into_iter().map(|r| r.0).collect(),
        occurrences,
        submitter: Submitter {
            name: extra.submitter_name,
            email: extra.submitter_email,
        },
        moderation_note: extra.moderation_note,
    }))
}

/// What to write: the validated input, the status it gets, and who writes it.
pub struct Save<'a> {
    pub input: &'a EventInput,
    pub status: EventStatus,
    pub actor: Option<i64>,
    pub submitter: Submitter,
    pub now: DateTime<Utc>,
    /// The id a client of the write API gave the event (upserts find it by this).
    pub external_id: Option<String>,
}

/// A slug for `title` not yet used in `table`: `titel`, else `titel-2`, `titel-3`, ….
/// Only the slugs of this title are read, as one packed row: on SQLite as a range of the
/// slug's unique index (`-` and `.` are neighbouring bytes, so `titel-…` lies between
/// `titel-` and `titel.`); PostgreSQL's collation does not order by bytes, so it matches
/// with `LIKE`. (A `LIKE` made SQLite read every row of the table on each write, and
/// every taken slug crossed to the async task as a row of its own.)
pub(crate) async fn unique_slug(tx: &mut Tx, table: &str, title: &str) -> DbResult<String> {
    let base = Slug::from_title(title).as_str().to_owned();
    let (sql, args): (String, Vec<Value>) = match tx {
        Tx::Sqlite(..) => (
            format!(
                "SELECT CAST(COALESCE(json_group_array(slug), '[]') AS TEXT) FROM (\
                 SELECT slug FROM {table} WHERE slug = $1 \
                 UNION ALL SELECT slug FROM {table} WHERE slug >= $2 AND slug < $3)"
            ),
            vec![
                base.as_str().into(),
                format!("{base}-").into(),
                format!("{base}.").into(),
            ],
        ),
        Tx::Postgres(_) => (
            format!(
                "SELECT COALESCE(json_agg(slug), '[]')::text FROM {table} \
                 WHERE slug = $1 OR slug LIKE $2"
            ),
            vec![base.as_str().into(), format!("{base}-%").into()],
        ),
    };
    let (json,): (String,) = tx.fetch_one(&sql, &args).await?;
    let taken: Vec<String> = serde_json::from_str(&json).map_err(super::DbError::Packed)?;
    let taken: std::collections::HashSet<String> = taken.into_iter().collect();
    if !taken.contains(&base) {
        return Ok(base);
    }
    let mut n = 2;
    while taken.contains(&format!("{base}-{n}")) {
        n += 1;
    }
    Ok(format!("{base}-{n}"))
}

/// Creates a pending venue for a proposal and returns its id.
async fn propose_venue(
    tx: &mut Tx,
    p: &crate::domain::editor::VenueProposal,
    actor: Option<i64>,
    now: i64,
) -> DbResult<i64> {
    let slug = unique_slug(tx, "venues", &p.name).await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO venues (slug, name, street, postal_code, district, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) RETURNING id",
            &[
                slug.into(),
                p.name.as_str().into(),
                p.street.as_str().into(),
                p.postal_code.as_str().into(),
                p.district.slug().into(),
                now.into(),
            ],
        )
        .await?;
    let details = serde_json::json!({ "name": p.name, "street": p.street }).to_string();
    audit(tx, now, actor, "venue.proposed", ("venue", id), &details).await?;
    Ok(id)
}

fn price_columns(price: &Price) -> (Option<i64>, Option<i64>, String) {
    match price {
        Price::Range {
            min_cents,
            max_cents,
        } => (Some(*min_cents), Some(*max_cents), String::new()),
        Price::Text { text } => (None, None, text.clone()),
        Price::Free | Price::Unknown => (None, None, String::new()),
    }
}

/// The columns the editor writes, in the order of [`EDITOR_COLUMNS`].
fn editor_values(input: &EventInput, venue_id: Option<i64>, status: EventStatus) -> Vec<Value> {
    let (min, max, text) = price_columns(&input.price);
    let services: Vec<&str> = input.access_services.iter().map(|s| s.key()).collect();
    let location = match &input.place {
        Place::Text(t) => t.clone(),
        _ => String::new(),
    };
    vec![
        input.title.as_str().into(),
        input.subtitle.as_str().into(),
        input.description.as_str().into(),
        venue_id.into(),
        location.into(),
        input.price.kind().into(),
        min.into(),
        max.into(),
        text.into(),
        input.ticket_url.as_str().into(),
        input.min_age.into(),
        input.languages.join(",").into(),
        services.join(",").into(),
        input.schedule.rule_text().into(),
        input.schedule.duration_seconds().into(),
        status.key().into(),
        input.schedule.stored_spec().into(),
    ]
}

/// The English texts, written only when the input has them.
const ENGLISH_COLUMNS: [&str; 3] = ["title_en", "subtitle_en", "description_en"];

fn english_values(en: &crate::domain::editor::EnglishText) -> [Value; 3] {
    [
        en.title.as_str().into(),
        en.subtitle.as_str().into(),
        en.description.as_str().into(),
    ]
}

const EDITOR_COLUMNS: [&str; 17] = [
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
    "schedule",
];

async fn venue_for(
    tx: &mut Tx,
    input: &EventInput,
    actor: Option<i64>,
    now: i64,
) -> DbResult<Option<i64>> {
    Ok(match &input.place {
        Place::Venue(id) => Some(*id),
        Place::NewVenue(p) => Some(propose_venue(tx, p, actor, now).await?),
        Place::Text(_) => None,
    })
}

/// Replaces the event's Sparten, organiser, tags and audiences.
async fn write_links(tx: &mut Tx, id: i64, input: &EventInput) -> DbResult<()> {
    for table in [
        "event_categories",
        "event_organizers",
        "event_tags",
        "event_audiences",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE event_id = $1"),
            &[id.into()],
        )
        .await?;
    }
    tx.insert_many(
        "event_categories",
        &["event_id", "category_id"],
        input
            .category_ids
            .iter()
            .map(|c| vec![Value::Int(id), Value::Int(*c)])
            .collect(),
    )
    .await?;
    if let Some(org) = input.organization_id {
        tx.execute(
            "INSERT INTO event_organizers (event_id, organization_id, position) VALUES ($1, $2, 0)",
            &[id.into(), org.into()],
        )
        .await?;
    }
    tx.insert_many(
        "event_tags",
        &["event_id", "tag"],
        input
            .tags
            .iter()
            .map(|t| vec![Value::Int(id), Value::Text(t.clone())])
            .collect(),
    )
    .await?;
    tx.insert_many(
        "event_audiences",
        &["event_id", "audience"],
        input
            .audiences
            .iter()
            .map(|a| vec![Value::Int(id), a.slug().into()])
            .collect(),
    )
    .await
}

/// Replaces the dates; a date that stays keeps its status (a cancelled date stays cancelled).
async fn write_dates(
    tx: &mut Tx,
    id: i64,
    slots: &[Slot],
    from_rule: bool,
    kept: &HashMap<i64, String>,
) -> DbResult<()> {
    tx.execute("DELETE FROM occurrences WHERE event_id = $1", &[id.into()])
        .await?;
    tx.insert_many(
        "occurrences",
        &[
            "event_id",
            "starts_at",
            "ends_at",
            "all_day",
            "status",
            "from_rule",
        ],
        slots
            .iter()
            .map(|s| {
                vec![
                    Value::Int(id),
                    Value::Int(s.starts_at),
                    Value::Int(s.ends_at),
                    Value::Bool(s.all_day),
                    Value::Text(
                        kept.get(&s.starts_at)
                            .cloned()
                            .unwrap_or_else(|| "scheduled".into()),
                    ),
                    Value::Bool(from_rule),
                ]
            })
            .collect(),
    )
    .await
}

fn is_series(input: &EventInput) -> bool {
    !input.schedule.rule_text().is_empty()
}

/// Creates an event; returns its id and slug.
pub async fn create(tx: &mut Tx, save: Save<'_>) -> DbResult<(i64, String)> {
    let now = save.now.timestamp();
    let input = save.input;
    let venue_id = venue_for(tx, input, save.actor, now).await?;
    let slug = unique_slug(tx, "events", &input.title).await?;
    let mut columns: Vec<&str> = EDITOR_COLUMNS.to_vec();
    columns.extend([
        "external_id",
        "source",
        "slug",
        "created_by",
        "submitter_name",
        "submitter_email",
        "created_at",
        "updated_at",
        "published_at",
    ]);
    let mut values = editor_values(input, venue_id, save.status);
    values.extend([
        Value::OptText(save.external_id.clone()),
        (if save.external_id.is_some() {
            "import"
        } else {
            "manual"
        })
        .into(),
        slug.as_str().into(),
        Value::OptInt(save.actor),
        save.submitter.name.as_str().into(),
        save.submitter.email.as_str().into(),
        now.into(),
        now.into(),
        Value::OptInt(save.status.is_public().then_some(now)),
    ]);
    if let Some(en) = &input.english {
        columns.extend(ENGLISH_COLUMNS);
        values.extend(english_values(en));
    }
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("${i}")).collect();
    let (id,): (i64,) = tx
        .fetch_one(
            &format!(
                "INSERT INTO events ({}) VALUES ({}) RETURNING id",
                columns.join(", "),
                placeholders.join(", ")
            ),
            &values,
        )
        .await?;
    write_links(tx, id, input).await?;
    let slots = input.schedule.slots(save.now);
    write_dates(tx, id, &slots, is_series(input), &HashMap::new()).await?;
    let details = serde_json::json!({
        "title": input.title,
        "status": save.status.key(),
        "dates": slots.len(),
        "organization_id": input.organization_id,
    })
    .to_string();
    audit(
        tx,
        now,
        save.actor,
        "event.created",
        ("event", id),
        &details,
    )
    .await?;
    Ok((id, slug))
}

/// Saves changes to an event; its slug (and so its URL) stays.
pub async fn update(tx: &mut Tx, id: i64, before: &Editable, save: Save<'_>) -> DbResult<()> {
    let now = save.now.timestamp();
    let input = save.input;
    let venue_id = venue_for(tx, input, save.actor, now).await?;
    let mut values = editor_values(input, venue_id, save.status);
    let mut names: Vec<&str> = EDITOR_COLUMNS.to_vec();
    if let Some(en) = &input.english {
        names.extend(ENGLISH_COLUMNS);
        values.extend(english_values(en));
    }
    let mut sets: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let n = values.len();
    sets.push(format!("updated_at = ${}", n + 1));
    sets.push("sequence = sequence + 1".into());
    sets.push(format!(
        "published_at = COALESCE(published_at, CASE WHEN ${} = 'published' THEN ${} END)",
        n + 2,
        n + 3
    ));
    values.extend([now.into(), save.status.key().into(), now.into(), id.into()]);
    tx.execute(
        &format!(
            "UPDATE events SET {} WHERE id = ${}",
            sets.join(", "),
            n + 4
        ),
        &values,
    )
    .await?;
    write_links(tx, id, input).await?;
    let kept: HashMap<i64, String> = before
        .occurrences
        .iter()
        .map(|o| (o.starts_at, o.status.key().to_owned()))
        .collect();
    let slots = input.schedule.slots(save.now);
    write_dates(tx, id, &slots, is_series(input), &kept).await?;
    let old = &before.detail.event;
    let mut changed = serde_json::Map::new();
    let mut note = |field: &str, from: serde_json::Value, to: serde_json::Value| {
        if from != to {
            changed.insert(
                field.to_owned(),
                serde_json::json!({ "from": from, "to": to }),
            );
        }
    };
    note(
        "title",
        old.title.clone().into(),
        input.title.clone().into(),
    );
    note(
        "subtitle",
        old.subtitle.clone().into(),
        input.subtitle.clone().into(),
    );
    note(
        "description",
        old.description.len().into(),
        input.description.len().into(),
    );
    if let Some(en) = &input.english {
        note(
            "title_en",
            old.title_en.clone().into(),
            en.title.clone().into(),
        );
        note(
            "description_en",
            old.description_en.len().into(),
            en.description.len().into(),
        );
    }
    note("venue_id", old.venue_id.into(), venue_id.into());
    note(
        "status",
        before.status.key().into(),
        save.status.key().into(),
    );
    note(
        "price",
        Price::from_columns(
            &old.price_kind,
            old.price_min_cents,
            old.price_max_cents,
            &old.price_text,
        )
        .label()
        .into(),
        input.price.label().into(),
    );
    note(
        "ticket_url",
        old.ticket_url.clone().into(),
        input.ticket_url.clone().into(),
    );
    let old_dates: Vec<i64> = before.occurrences.iter().map(|o| o.starts_at).collect();
    let new_dates: Vec<i64> = slots.iter().map(|s| s.starts_at).collect();
    note("dates", old_dates.into(), new_dates.into());
    let details = serde_json::Value::Object(changed).to_string();
    audit(
        tx,
        now,
        save.actor,
        "event.updated",
        ("event", id),
        &details,
    )
    .await
}

/// Moves an event to `status` (approve, reject), with an optional reason.
pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    status: EventStatus,
    reason: &str,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let status = status.key();
    tx.execute(
        "UPDATE events SET status = $1, moderation_note = $2, updated_at = $3, sequence = sequence + 1, \
         published_at = COALESCE(published_at, CASE WHEN $1 = 'published' THEN $3 END) WHERE id = $4",
        &[status.into(), reason.into(), now.into(), id.into()],
    )
    .await?;
    let details = serde_json::json!({ "status": status, "reason": reason }).to_string();
    audit(
        tx,
        now,
        actor,
        &format!("event.{status}"),
        ("event", id),
        &details,
    )
    .await
}

/// Marks every date from `now` on as cancelled or postponed; the page stays and says so.
pub async fn mark_upcoming(
    tx: &mut Tx,
    id: i64,
    occurrence_status: &str,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    tx.execute(
        "UPDATE occurrences SET status = $1 WHERE event_id = $2 AND ends_at >= $3",
        &[occurrence_status.into(), id.into(), now.into()],
    )
    .await?;
    // A cancelled series must not grow new dates.
    tx.execute(
        "UPDATE events SET updated_at = $1, sequence = sequence + 1, recurrence = CASE WHEN $2 = 'scheduled' THEN recurrence ELSE '' END WHERE id = $3",
        &[now.into(), occurrence_status.into(), id.into()],
    )
    .await?;
    let details = serde_json::json!({ "dates": occurrence_status }).to_string();
    audit(
        tx,
        now,
        actor,
        &format!("event.dates_{occurrence_status}"),
        ("event", id),
        &details,
    )
    .await
}

/// Deletes an event for good; the audit log keeps its title.
pub async fn delete(
    tx: &mut Tx,
    id: i64,
    title: &str,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    tx.execute("DELETE FROM events WHERE id = $1", &[id.into()])
        .await?;
    let details = serde_json::json!({ "title": title }).to_string();
    audit(tx, now, actor, "event.deleted", ("event", id), &details).await
}

/// One line of an organisation's or the editors' event list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventLine {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: String,
    pub updated_at: i64,
    pub next_start: Option<i64>,
}

/// The events of these organisations, newest changes first.
pub async fn of_organizations(db: &Db, orgs: &[i64], now: i64) -> DbResult<Vec<EventLine>> {
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = super::Params::default();
    let now_p = p.push(now);
    let list = p.push_list(orgs.iter().copied());
    db.fetch_all(
        &format!(
            "SELECT e.id, e.slug, e.title, e.status, e.updated_at, \
             (SELECT MIN(o.starts_at) FROM occurrences o WHERE o.event_id = e.id AND o.ends_at >= {now_p}) AS next_start \
             FROM events e WHERE e.id IN (SELECT event_id FROM event_organizers WHERE organization_id IN ({list})) \
             ORDER BY e.updated_at DESC, e.id DESC LIMIT 500"
        ),
        &p.values,
    )
    .await
}

/// Events waiting for moderation, oldest first.
pub async fn pending(db: &Db) -> DbResult<Vec<EventLine>> {
    db.fetch_all(
        "SELECT e.id, e.slug, e.title, e.status, e.updated_at, \
         (SELECT MIN(o.starts_at) FROM occurrences o WHERE o.event_id = e.id) AS next_start \
         FROM events e WHERE e.status = 'pending' ORDER BY e.updated_at, e.id LIMIT 500",
        &[],
    )
    .await
}

/// The account that entered an event, if any.
pub async fn created_by(db: &Db, id: i64) -> DbResult<Option<i64>> {
    let row: Option<(Option<i64>,)> = db
        .fetch_optional("SELECT created_by FROM events WHERE id = $1", &[id.into()])
        .await?;
    Ok(row.and_then(|r| r.0))
}

/// The lowest id of a published event (the demo reports one).
pub async fn first_published(db: &Db) -> DbResult<Option<i64>> {
    let row: (Option<i64>,) = db
        .fetch_one("SELECT MIN(id) FROM events WHERE status = 'published'", &[])
        .await?;
    Ok(row.0)
}

/// A published event on the same day, in the same district and Sparte (a clash).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Clash {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub first_start: i64,
}

/// Published, not cancelled events starting within `[from, to)` that share a Sparte with
/// `category_ids` and, when given, lie in `district`; `except` is the event being edited.
pub async fn clashes(
    db: &Db,
    from: i64,
    to: i64,
    district: Option<&str>,
    category_ids: &[i64],
    except: Option<i64>,
) -> DbResult<Vec<Clash>> {
    if category_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = super::Params::default();
    let from_p = p.push(from);
    let to_p = p.push(to);
    let cats = p.push_list(category_ids.iter().copied());
    let except_p = p.push(except.unwrap_or(0));
    let district_sql = match district {
        Some(d) => format!("AND v.district = {}", p.push(d)),
        None => String::new(),
    };
    db.fetch_all(
        &format!(
            "SELECT e.id, e.slug, e.title, MIN(o.starts_at) AS first_start FROM occurrences o \
             JOIN events e ON e.id = o.event_id LEFT JOIN venues v ON v.id = e.venue_id \
             WHERE e.status = 'published' AND o.status <> 'cancelled' \
             AND o.starts_at >= {from_p} AND o.starts_at < {to_p} AND e.id <> {except_p} {district_sql} \
             AND EXISTS (SELECT 1 FROM event_categories ec WHERE ec.event_id = e.id AND ec.category_id IN ({cats})) \
             GROUP BY e.id, e.slug, e.title ORDER BY first_start, e.id LIMIT 20"
        ),
        &p.values,
    )
    .await
}

/// Events of `org` imported with an external id starting with `prefix` that still have
/// coming dates not cancelled: (id, external id, title).
pub async fn imported_of(
    db: &Db,
    org: i64,
    prefix: &str,
    now: i64,
) -> DbResult<Vec<(i64, String, String)>> {
    db.fetch_all(
        "SELECT e.id, e.external_id, e.title FROM events e JOIN event_organizers eo ON eo.event_id = e.id \
         WHERE eo.organization_id = $1 AND e.external_id LIKE $2 \
         AND EXISTS (SELECT 1 FROM occurrences o WHERE o.event_id = e.id AND o.status <> 'cancelled' AND o.ends_at >= $3) \
         ORDER BY e.id",
        &[org.into(), format!("{prefix}%").into(), now.into()],
    )
    .await
}

/// Sets the status of the one date of an event that starts at `starts_at` (a date of a
/// series cancelled on its own), with its audit-log row. Nothing happens when there is no
/// such date.
pub async fn set_occurrence_status(
    tx: &mut Tx,
    id: i64,
    starts_at: i64,
    status: &str,
    now: i64,
) -> DbResult<()> {
    tx.execute(
        "UPDATE occurrences SET status = $1 WHERE event_id = $2 AND starts_at = $3",
        &[status.into(), id.into(), starts_at.into()],
    )
    .await?;
    tx.execute(
        "UPDATE events SET updated_at = $1, sequence = sequence + 1 WHERE id = $2",
        &[now.into(), id.into()],
    )
    .await?;
    let details = serde_json::json!({ "starts_at": starts_at, "status": status }).to_string();
    super::users::audit(tx, now, None, "event.date_status", ("event", id), &details).await
}

/// Sets the English texts of every event with this German title (the demo uses it).
pub async fn set_english_by_title(
    db: &Db,
    title: &str,
    english: &crate::domain::editor::EnglishText,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE events SET title_en = $1, subtitle_en = $2, description_en = $3, updated_at = $4 WHERE title = $5",
        &[
            english.title.as_str().into(),
            english.subtitle.as_str().into(),
            english.description.as_str().into(),
            now.into(),
            title.into(),
        ],
    )
    .await?;
    tx.commit().await
}
