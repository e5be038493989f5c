//! Plain Rust types and rules of the portal: no axum, no sqlx. Values that exist are valid.

pub mod account;
pub mod assembly;
pub mod association;
pub mod calendar;
pub mod category;
pub mod change;
pub mod competences;
pub mod district;
pub mod duplicates;
pub mod editor;
pub mod evaluation;
pub mod event;
pub mod fairness;
pub mod filter;
pub mod form;
pub mod geo;
pub mod groups;
pub mod ical;
pub mod magazine;
pub mod mailing;
pub mod moderation;
pub mod newsletter;
pub mod permissions;
pub mod personal;
pub mod pinboard;
pub mod planning;
pub mod recurrence;
pub mod slug;
pub mod social;
pub mod stage;
pub mod stats;
pub mod subscription;
pub mod text;
pub mod transparency;
pub mod venue;

/// A key (from a database row or a request) that names no value of a vocabulary. Rows
/// are parsed into typed states with `TryFrom<String>`; the tables' CHECK constraints make
/// this an internal error, never a user's.
#[derive(Debug, thiserror::Error)]
#[error("unknown {what}: {key:?}")]
pub struct UnknownKey {
    pub what: &'static str,
    pub key: String,
}

impl UnknownKey {
    pub fn new(what: &'static str, key: impl Into<String>) -> UnknownKey {
        UnknownKey {
            what,
            key: key.into(),
        }
    }
}
