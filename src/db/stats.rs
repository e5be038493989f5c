//! Cookieless statistics in the database: adding counted aggregates (one ordered upsert per
//! table, so that instances flushing at the same time take row locks in the same order and
//! cannot deadlock), the shared salt of the day, and closing past days (hashes become
//! counts and are deleted).

use super::{Db, DbResult, Tx, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Rows to add to one aggregate table: `keys` leading columns form the primary key, the
/// remaining columns are added to what is there.
pub struct Upsert {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub keys: usize,
    /// Sorted by key (callers collect from a `BTreeMap`).
    pub rows: Vec<Vec<Value>>,
}

/// Rows per statement (far below the parameter cap of both backends).
const CHUNK: usize = 500;

async fn upsert(tx: &mut Tx, u: Upsert) -> DbResult<()> {
    let numbered = matches!(tx, Tx::Postgres(_));
    let adds: Vec<String> = u.columns[u.keys..]
        .iter()
        .map(|c| format!("{c} = {}.{c} + excluded.{c}", u.table))
        .collect();
    let conflict = format!(
        " ON CONFLICT ({}) DO UPDATE SET {}",
        u.columns[..u.keys].join(", "),
        adds.join(", ")
    );
    let mut rows = u.rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(CHUNK).collect();
        let mut sql = format!("INSERT INTO {} ({}) VALUES ", u.table, u.columns.join(", "));
        let mut args = Vec::with_capacity(chunk.len() * u.columns.len());
        for (i, row) in chunk.into_iter().enumerate() {
            sql.push_str(if i > 0 { ", (" } else { "(" });
            for j in 0..row.len() {
                if j > 0 {
                    sql.push_str(", ");
                }
                if numbered {
                    sql.push_str(&format!("${}", args.len() + j + 1));
                } else {
                    sql.push('?');
                }
            }
            sql.push(')');
            args.extend(row);
        }
        sql.push_str(&conflict);
        tx.execute(&sql, &args).await?;
    }
    Ok(())
}

/// Adds counted aggregates, table by table in the given order, in one transaction.
pub async fn add(db: &Db, tables: Vec<Upsert>) -> DbResult<()> {
    if tables.iter().all(|t| t.rows.is_empty()) {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for t in tables {
        if !t.rows.is_empty() {
            upsert(&mut tx, t).await?;
        }
    }
    tx.commit().await
}

/// Deletes the salts of past days, stores `proposed` for the days that have none yet
/// (the first instance wins) and returns the salts of `today` and later.
pub async fn salts(
    db: &Db,
    today: i64,
    proposed: &[(i64, String)],
) -> DbResult<HashMap<i64, String>> {
    let mut tx = db.begin().await?;
    tx.execute("DELETE FROM stats_salts WHERE day < $1", &[today.into()])
        .await?;
    for (day, salt) in proposed {
        tx.execute(
            "INSERT INTO stats_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
            &[(*day).into(), salt.clone().into()],
        )
        .await?;
    }
    let rows: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT day, salt FROM stats_salts WHERE day >= $1",
            &[today.into()],
        )
        .await?;
    tx.commit().await?;
    Ok(rows.into_iter().collect())
}

/// Hashed rows of one kind of a closed day: per label, the distinct hashes and their hits.
type Closed = BTreeMap<(i64, String), Vec<i64>>;

/// Turns the hashed rows of days before `today` into counts and deletes them. The rows
/// are deleted first (`RETURNING` them): of two instances closing at once, one gets them.
pub async fn close_days(db: &Db, today: i64, min_term_visitors: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    let rows: Vec<(i64, String, String, i64, i64)> = tx
        .fetch_all(
            "DELETE FROM stats_today WHERE day < $1 RETURNING day, kind, label, hash, hits",
            &[today.into()],
        )
        .await?;
    if rows.is_empty() {
        return tx.commit().await;
    }
    let mut by_kind: HashMap<String, Closed> = HashMap::new();
    for (day, kind, label, hash, hits) in rows {
        let per = by_kind.entry(kind).or_default();
        let hits_list = per.entry((day, label)).or_default();
        // One entry per hash (the primary key makes them distinct); hits kept beside.
        hits_list.push(hash);
        hits_list.push(hits);
    }
    let pairs = |v: &Vec<i64>| -> (i64, i64) {
        let distinct: HashSet<i64> = v.chunks(2).map(|c| c[0]).collect();
        (distinct.len() as i64, v.chunks(2).map(|c| c[1]).sum())
    };
    let mut daily = Vec::new();
    for ((day, _), v) in by_kind.remove("visitor").unwrap_or_default() {
        daily.push(vec![
            day.into(),
            0i64.into(),
            0i64.into(),
            pairs(&v).0.into(),
        ]);
    }
    let mut terms = Vec::new();
    for ((day, term), v) in by_kind.remove("term").unwrap_or_default() {
        let (visitors, searches) = pairs(&v);
        if visitors >= min_term_visitors {
            terms.push(vec![
                day.into(),
                term.into(),
                visitors.into(),
                searches.into(),
            ]);
        }
    }
    let mut feeds = Vec::new();
    for ((day, feed), v) in by_kind.remove("feed").unwrap_or_default() {
        let (subscribers, fetches) = pairs(&v);
        feeds.push(vec![
            day.into(),
            feed.into(),
            subscribers.into(),
            fetches.into(),
        ]);
    }
    // Anonymous API consumers: ranked by their requests, named by the rank only.
    let mut api = Vec::new();
    for ((day, _), v) in by_kind.remove("api").unwrap_or_default() {
        let mut hits: Vec<i64> = v.chunks(2).map(|c| c[1]).collect();
        hits.sort_unstable_by(|a, b| b.cmp(a));
        let mut ranked: Vec<(String, i64)> = hits
            .into_iter()
            .enumerate()
            .map(|(i, n)| (format!("anonym {:03}", i + 1), n))
            .collect();
        ranked.sort();
        for (name, n) in ranked {
            api.push(vec![day.into(), name.into(), n.into()]);
        }
    }
    for u in [
        Upsert {
            table: "stats_daily",
            columns: &["day", "views", "bots", "visitors"],
            keys: 1,
            rows: daily,
        },
        Upsert {
            table: "stats_terms",
            columns: &["day", "term", "visitors", "searches"],
            keys: 2,
            rows: terms,
        },
        Upsert {
            table: "stats_feeds",
            columns: &["day", "feed", "subscribers", "fetches"],
            keys: 2,
            rows: feeds,
        },
        Upsert {
            table: "stats_api",
            columns: &["day", "consumer", "requests"],
            keys: 2,
            rows: api,
        },
    ] {
        if !u.rows.is_empty() {
            upsert(&mut tx, u).await?;
        }
    }
    tx.commit().await
}

/// Distinct visitors of a day that is not closed yet (from its hashes).
pub async fn open_visitors(db: &Db, day: i64) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM stats_today WHERE day = $1 AND kind = 'visitor'",
            &[day.into()],
        )
        .await?;
    Ok(n)
}
