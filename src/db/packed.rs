//! Many rows read as one. SQLite's driver hands every row from the connection's own
//! thread to the async task through a channel, and the task is faster than SQLite, so
//! it waits — a thread switch — for each row; a list page of a few hundred rows spent a
//! third of its CPU on them. A hot read therefore lets the database put its rows
//! together into one JSON array (`json_group_array` / `json_agg`), which crosses once
//! and is decoded with serde: each row an array in the order of `columns`, so a struct
//! that derives `Deserialize` with its fields in that order reads it (a tuple too).

use super::{Db, DbError, DbResult, Value};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

impl Db {
    /// The rows of `select`, whose result has the `columns` (named, comma-separated), in
    /// its order.
    pub async fn fetch_packed<T: DeserializeOwned>(
        &self,
        select: &str,
        columns: &str,
        args: &[Value],
    ) -> DbResult<Vec<T>> {
        let list = columns
            .split(',')
            .map(|c| format!("p.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        // A plain aggregate over an ordered subquery takes the rows in that order on both
        // backends (no grouping, no join outside).
        let sql = match self {
            Db::Sqlite(_) => format!(
                "SELECT CAST(COALESCE(json_group_array(json_array({list})), '[]') AS TEXT) \
                 FROM ({select}) p"
            ),
            Db::Postgres(_) => format!(
                "SELECT COALESCE(json_agg(json_build_array({list})), '[]')::text FROM ({select}) p"
            ),
        };
        let (json,): (String,) = self.fetch_one(&sql, args).await?;
        serde_json::from_str(&json).map_err(DbError::Packed)
    }
}

/// A flag: PostgreSQL's `true`/`false`, or SQLite's 0/1.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Int(i64),
    }
    Ok(match Flag::deserialize(d)? {
        Flag::Bool(b) => b,
        Flag::Int(i) => i != 0,
    })
}

/// A value stored as its text (a status), read through `TryFrom<String>`.
pub fn parsed<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<String>,
    T::Error: std::fmt::Display,
{
    T::try_from(String::deserialize(d)?).map_err(serde::de::Error::custom)
}
