//! The JSON API under `/api/v1`: reading (English names, the list's filters) and, with an
//! organisation's API token, writing its events.

pub mod articles;
pub mod directory;
pub mod events;
pub mod openapi;
pub mod write;
