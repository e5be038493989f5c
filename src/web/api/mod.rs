//! The read-only JSON API under `/api/v1` (English names, the list's filters).

pub mod directory;
pub mod events;
