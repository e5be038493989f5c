//! Reading the daily statistics: an organisation's reach (views of its events and its
//! profile, ticket and share clicks, calendar subscribers, „Entdecken“), the same for every
//! organisation (for the median of similar ones), and the portal's own figures.

use super::{Db, DbResult};
use std::collections::BTreeMap;

/// One day of an organisation's reach.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReachDay {
    pub event_views: i64,
    pub profile_views: i64,
    pub ticket_clicks: i64,
    pub share_clicks: i64,
    pub subscribers: i64,
    pub shown: i64,
    pub clicked: i64,
}

/// Views of the organisation's events per day, from `first` to `last` (day numbers).
const EVENT_VIEWS: &str = "SELECT p.day, CAST(SUM(p.views) AS BIGINT) FROM stats_pages p \
     JOIN events e ON p.path = '/veranstaltungen/' || e.slug \
     JOIN event_organizers eo ON eo.event_id = e.id \
     WHERE eo.organization_id = $1 AND p.day BETWEEN $2 AND $3 GROUP BY p.day";

const PROFILE_VIEWS: &str = "SELECT p.day, CAST(SUM(p.views) AS BIGINT) FROM stats_pages p \
     JOIN organizations o ON p.path = '/kulturszene/' || o.slug \
     WHERE o.id = $1 AND p.day BETWEEN $2 AND $3 GROUP BY p.day";

const CLICKS: &str = "SELECT c.day, CAST(SUM(c.clicks) AS BIGINT) FROM stats_clicks c \
     JOIN events e ON c.target = e.slug \
     JOIN event_organizers eo ON eo.event_id = e.id \
     WHERE eo.organization_id = $1 AND c.day BETWEEN $2 AND $3 AND c.kind = $4 GROUP BY c.day";

const SUBSCRIBERS: &str = "SELECT f.day, CAST(SUM(f.subscribers) AS BIGINT) FROM stats_feeds f \
     JOIN organizations o ON f.feed = '/kulturszene/' || o.slug || '.ics' \
     WHERE o.id = $1 AND f.day BETWEEN $2 AND $3 GROUP BY f.day";

const EXPOSURE: &str = "SELECT day, shown, clicked FROM exposure \
     WHERE organization_id = $1 AND day BETWEEN $2 AND $3";

/// The organisation's reach per day from `first` to `last`; every day present.
pub async fn organization_days(
    db: &Db,
    org: i64,
    first: i64,
    last: i64,
) -> DbResult<BTreeMap<i64, ReachDay>> {
    let mut days: BTreeMap<i64, ReachDay> =
        (first..=last).map(|d| (d, ReachDay::default())).collect();
    let range = || vec![org.into(), first.into(), last.into()];
    let rows: Vec<(i64, i64)> = db.fetch_all(EVENT_VIEWS, &range()).await?;
    for (d, n) in rows {
        days.entry(d).or_default().event_views = n;
    }
    let rows: Vec<(i64, i64)> = db.fetch_all(PROFILE_VIEWS, &range()).await?;
    for (d, n) in rows {
        days.entry(d).or_default().profile_views = n;
    }
    for (kind, ticket) in [(crate::stats::TICKET, true), (crate::stats::SHARE, false)] {
        let mut args = range();
        args.push(kind.into());
        let rows: Vec<(i64, i64)> = db.fetch_all(CLICKS, &args).await?;
        for (d, n) in rows {
            let day = days.entry(d).or_default();
            if ticket {
                day.ticket_clicks = n;
            } else {
                day.share_clicks = n;
            }
        }
    }
    let rows: Vec<(i64, i64)> = db.fetch_all(SUBSCRIBERS, &range()).await?;
    for (d, n) in rows {
        days.entry(d).or_default().subscribers = n;
    }
    // The „Entdecken“ counters count UTC days (an hour off Bochum's at most).
    let rows: Vec<(i64, i64, i64)> = db.fetch_all(EXPOSURE, &range()).await?;
    for (d, shown, clicked) in rows {
        let day = days.entry(d).or_default();
        day.shown = shown;
        day.clicked = clicked;
    }
    Ok(days)
}

/// Views of each organisation's events and profile from `first` to `last` (organisations
/// without views are missing).
pub async fn views_per_organization(
    db: &Db,
    first: i64,
    last: i64,
) -> DbResult<BTreeMap<i64, i64>> {
    let events: Vec<(i64, i64)> = db
        .fetch_all(
            "SELECT eo.organization_id, CAST(SUM(p.views) AS BIGINT) FROM stats_pages p \
             JOIN events e ON p.path = '/veranstaltungen/' || e.slug \
             JOIN event_organizers eo ON eo.event_id = e.id \
             WHERE p.day BETWEEN $1 AND $2 GROUP BY eo.organization_id",
            &[first.into(), last.into()],
        )
        .await?;
    let profiles: Vec<(i64, i64)> = db
        .fetch_all(
            "SELECT o.id, CAST(SUM(p.views) AS BIGINT) FROM stats_pages p \
             JOIN organizations o ON p.path = '/kulturszene/' || o.slug \
             WHERE p.day BETWEEN $1 AND $2 GROUP BY o.id",
            &[first.into(), last.into()],
        )
        .await?;
    let mut all = BTreeMap::new();
    for (org, n) in events.into_iter().chain(profiles) {
        *all.entry(org).or_insert(0) += n;
    }
    Ok(all)
}
