//! The directory of the scene (organisations and venues), organisation profiles, and the
//! exposure counters behind fair visibility.

use super::{Db, DbResult, Params};
use std::collections::HashMap;

/// One organisation as the directory lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgEntry {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub district: Option<String>,
    pub description: String,
    /// Published dates from now on.
    pub upcoming: i64,
    /// The logo's stored variants (JSON, empty when none) and its alt text.
    pub logo: String,
    pub logo_alt: String,
}

pub async fn organizations(db: &Db, now: i64) -> DbResult<Vec<OrgEntry>> {
    db.fetch_all(
        "SELECT o.id, o.slug, o.name, o.kind, o.district, o.description, o.logo, o.logo_alt, \
         (SELECT COUNT(*) FROM occurrences oc JOIN event_organizers eo ON eo.event_id = oc.event_id \
          JOIN events e ON e.id = oc.event_id \
          WHERE eo.organization_id = o.id AND e.status = 'published' AND oc.ends_at >= $1) AS upcoming \
         FROM organizations o ORDER BY o.name",
        &[now.into()],
    )
    .await
}

/// Sparten slugs per organisation.
pub async fn organization_categories(db: &Db) -> DbResult<HashMap<i64, Vec<String>>> {
    let rows: Vec<(i64, String)> = db
        .fetch_all(
            "SELECT oc.organization_id, c.slug FROM organization_categories oc JOIN categories c ON c.id = oc.category_id ORDER BY c.position",
            &[],
        )
        .await?;
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for (org, slug) in rows {
        map.entry(org).or_default().push(slug);
    }
    Ok(map)
}

/// A link to a page: slug and name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Named {
    pub slug: String,
    pub name: String,
}

/// The venues an organisation plays in (from its published events).
pub async fn venues_of(db: &Db, org: i64) -> DbResult<Vec<Named>> {
    db.fetch_all(
        "SELECT DISTINCT v.slug, v.name FROM venues v JOIN events e ON e.venue_id = v.id \
         JOIN event_organizers eo ON eo.event_id = e.id \
         WHERE eo.organization_id = $1 AND e.status = 'published' AND v.status = 'published' ORDER BY v.name",
        &[org.into()],
    )
    .await
}

/// A past event of an organisation, for its archive.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PastEvent {
    pub slug: String,
    pub title: String,
    pub last_start: i64,
}

/// Published events of an organisation whose dates are all over, latest first.
pub async fn archive(db: &Db, org: i64, now: i64, limit: i64) -> DbResult<Vec<PastEvent>> {
    db.fetch_all(
        "SELECT e.slug, e.title, MAX(o.starts_at) AS last_start FROM events e \
         JOIN event_organizers eo ON eo.event_id = e.id JOIN occurrences o ON o.event_id = e.id \
         WHERE eo.organization_id = $1 AND e.status = 'published' \
         GROUP BY e.id, e.slug, e.title HAVING MAX(o.ends_at) < $2 ORDER BY last_start DESC LIMIT $3",
        &[org.into(), now.into(), limit.into()],
    )
    .await
}

/// Counts one showing for each organisation on `day` (days since the epoch).
pub async fn record_shown(db: &Db, orgs: &[i64], day: i64) -> DbResult<()> {
    if orgs.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for org in orgs {
        tx.execute(
            "INSERT INTO exposure (organization_id, day, shown, clicked) VALUES ($1, $2, 1, 0) \
             ON CONFLICT (organization_id, day) DO UPDATE SET shown = exposure.shown + 1",
            &[(*org).into(), day.into()],
        )
        .await?;
    }
    tx.commit().await
}

/// Counts a click from the „Entdecken“ block.
pub async fn record_click(db: &Db, org: i64, day: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO exposure (organization_id, day, shown, clicked) VALUES ($1, $2, 0, 1) \
         ON CONFLICT (organization_id, day) DO UPDATE SET clicked = exposure.clicked + 1",
        &[org.into(), day.into()],
    )
    .await?;
    tx.commit().await
}

/// Showings per organisation since `since_day`.
pub async fn recent_exposure(db: &Db, since_day: i64) -> DbResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = db
        .fetch_all(
            "SELECT organization_id, CAST(SUM(shown) AS BIGINT) FROM exposure WHERE day >= $1 GROUP BY organization_id",
            &[since_day.into()],
        )
        .await?;
    Ok(rows.into_iter().collect())
}

/// Per week (days since the epoch / 7): showings and clicks of the given organisations and
/// of all, for the admins' fairness report.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WeekShare {
    pub week: i64,
    pub shown_small: i64,
    pub shown_all: i64,
    pub clicked_small: i64,
    pub clicked_all: i64,
}

pub async fn weekly_shares(
    db: &Db,
    small: &[i64],
    weeks: i64,
    today: i64,
) -> DbResult<Vec<WeekShare>> {
    let mut p = Params::default();
    let since = p.push(today - weeks * 7);
    let list = if small.is_empty() {
        "NULL".to_owned()
    } else {
        p.push_list(small.iter().copied())
    };
    db.fetch_all(
        &format!(
            "SELECT day / 7 AS week, \
             CAST(SUM(CASE WHEN organization_id IN ({list}) THEN shown ELSE 0 END) AS BIGINT) AS shown_small, \
             CAST(SUM(shown) AS BIGINT) AS shown_all, \
             CAST(SUM(CASE WHEN organization_id IN ({list}) THEN clicked ELSE 0 END) AS BIGINT) AS clicked_small, \
             CAST(SUM(clicked) AS BIGINT) AS clicked_all \
             FROM exposure WHERE day >= {since} GROUP BY day / 7 ORDER BY week DESC"
        ),
        &p.values,
    )
    .await
}
