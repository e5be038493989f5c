//! Sessions in the database, so that several instances share them: a `tower-sessions`
//! store over the `Db` seam (one table in our own migrations, JSON records).

use super::{Db, Value};
use async_trait::async_trait;
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    pub db: Db,
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(record)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let mut tx = self.db.begin().await.map_err(backend)?;
        tx.execute(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
            &[
                Value::Text(record.id.to_string()),
                Value::Text(data),
                Value::Int(record.expiry_date.unix_timestamp()),
            ],
        )
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let row: Option<(String,)> = self
            .db
            .fetch_optional(
                "SELECT data FROM sessions WHERE id = $1 AND expires_at > $2",
                &[id.to_string().into(), now.into()],
            )
            .await
            .map_err(backend)?;
        row.map(|(data,)| {
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let mut tx = self.db.begin().await.map_err(backend)?;
        tx.execute(
            "DELETE FROM sessions WHERE id = $1",
            &[id.to_string().into()],
        )
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
