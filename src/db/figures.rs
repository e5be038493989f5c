//! The portal's own figures from the daily statistics, for the admins' page
//! (`/verwaltung/statistik`) and the evaluation: days, top pages, facets, search terms,
//! feeds, clicks, API consumers, answer times, import sources.

use super::{Db, DbResult};

/// One day of the portal: views, bots, visitors.
pub async fn days(db: &Db, first: i64, last: i64) -> DbResult<Vec<(i64, i64, i64, i64)>> {
    db.fetch_all(
        "SELECT day, views, bots, visitors FROM stats_daily WHERE day BETWEEN $1 AND $2 ORDER BY day",
        &[first.into(), last.into()],
    )
    .await
}

/// The most viewed pages.
pub async fn top_pages(db: &Db, first: i64, last: i64, limit: i64) -> DbResult<Vec<(String, i64)>> {
    db.fetch_all(
        "SELECT path, CAST(SUM(views) AS BIGINT) AS n FROM stats_pages WHERE day BETWEEN $1 AND $2 \
         GROUP BY path ORDER BY n DESC, path LIMIT $3",
        &[first.into(), last.into(), limit.into()],
    )
    .await
}

/// Values of one facet (`herkunft`, `geraet`, `sprache`) by views.
pub async fn facet(
    db: &Db,
    facet: &str,
    first: i64,
    last: i64,
    limit: i64,
) -> DbResult<Vec<(String, i64)>> {
    db.fetch_all(
        "SELECT value, CAST(SUM(views) AS BIGINT) AS n FROM stats_facets \
         WHERE facet = $1 AND day BETWEEN $2 AND $3 GROUP BY value ORDER BY n DESC, value LIMIT $4",
        &[facet.into(), first.into(), last.into(), limit.into()],
    )
    .await
}

/// Search terms kept (each day's visitors summed; every kept day had at least five).
pub async fn terms(db: &Db, first: i64, last: i64, limit: i64) -> DbResult<Vec<(String, i64)>> {
    db.fetch_all(
        "SELECT term, CAST(SUM(visitors) AS BIGINT) AS n FROM stats_terms \
         WHERE day BETWEEN $1 AND $2 GROUP BY term ORDER BY n DESC, term LIMIT $3",
        &[first.into(), last.into(), limit.into()],
    )
    .await
}

/// Calendars and feeds: the most subscribers on one day, and all fetches.
pub async fn feeds(
    db: &Db,
    first: i64,
    last: i64,
    limit: i64,
) -> DbResult<Vec<(String, i64, i64)>> {
    db.fetch_all(
        "SELECT feed, CAST(MAX(subscribers) AS BIGINT) AS n, CAST(SUM(fetches) AS BIGINT) FROM stats_feeds \
         WHERE day BETWEEN $1 AND $2 GROUP BY feed ORDER BY n DESC, feed LIMIT $3",
        &[first.into(), last.into(), limit.into()],
    )
    .await
}

/// Clicks through the portal's redirect per kind (`ticket`, `share`).
pub async fn clicks(db: &Db, first: i64, last: i64) -> DbResult<Vec<(String, i64)>> {
    db.fetch_all(
        "SELECT kind, CAST(SUM(clicks) AS BIGINT) FROM stats_clicks WHERE day BETWEEN $1 AND $2 \
         GROUP BY kind ORDER BY kind",
        &[first.into(), last.into()],
    )
    .await
}

/// „Entdecken“: showings and clicks of every organisation, and of the given ones.
pub async fn exposure(db: &Db, first: i64, last: i64) -> DbResult<Vec<(i64, i64, i64)>> {
    db.fetch_all(
        "SELECT organization_id, CAST(SUM(shown) AS BIGINT), CAST(SUM(clicked) AS BIGINT) \
         FROM exposure WHERE day BETWEEN $1 AND $2 GROUP BY organization_id",
        &[first.into(), last.into()],
    )
    .await
}

/// API requests per consumer: a token's organisation and name, or an anonymous rank.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiUse {
    pub consumer: String,
    pub organization: Option<String>,
    pub token: Option<String>,
    pub requests: i64,
    pub days: i64,
}

pub async fn api(db: &Db, first: i64, last: i64) -> DbResult<Vec<ApiUse>> {
    db.fetch_all(
        "SELECT s.consumer, o.name AS organization, t.name AS token, \
         CAST(SUM(s.requests) AS BIGINT) AS requests, COUNT(*) AS days \
         FROM stats_api s \
         LEFT JOIN api_tokens t ON s.consumer = 'token:' || t.hash \
         LEFT JOIN organizations o ON o.id = t.organization_id \
         WHERE s.day BETWEEN $1 AND $2 \
         GROUP BY s.consumer, o.name, t.name ORDER BY requests DESC, s.consumer",
        &[first.into(), last.into()],
    )
    .await
}

/// Answer times per kind of page: (kind, bucket, requests).
pub async fn speed(db: &Db, first: i64, last: i64) -> DbResult<Vec<(String, i64, i64)>> {
    db.fetch_all(
        "SELECT kind, bucket, CAST(SUM(requests) AS BIGINT) FROM stats_speed \
         WHERE day BETWEEN $1 AND $2 GROUP BY kind, bucket ORDER BY kind, bucket",
        &[first.into(), last.into()],
    )
    .await
}

/// Where published events come from (`manual`, `import`), and subscribed calendars by
/// their last state.
pub async fn sources(db: &Db) -> DbResult<(Vec<(String, i64)>, Vec<(String, i64)>)> {
    let events = db
        .fetch_all(
            "SELECT source, COUNT(*) FROM events WHERE status = 'published' GROUP BY source ORDER BY source",
            &[],
        )
        .await?;
    let feeds = db
        .fetch_all(
            "SELECT last_status, COUNT(*) FROM feed_subscriptions GROUP BY last_status ORDER BY last_status",
            &[],
        )
        .await?;
    Ok((events, feeds))
}
