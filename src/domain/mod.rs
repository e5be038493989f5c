//! Plain Rust types and rules of the portal: no axum, no sqlx. Values that exist are valid.

pub mod account;
pub mod calendar;
pub mod category;
pub mod change;
pub mod competences;
pub mod district;
pub mod duplicates;
pub mod editor;
pub mod event;
pub mod fairness;
pub mod filter;
pub mod form;
pub mod geo;
pub mod ical;
pub mod permissions;
pub mod pinboard;
pub mod planning;
pub mod recurrence;
pub mod slug;
pub mod venue;
