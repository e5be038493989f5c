//! Event pages: the list and the page of one event.

pub mod list;
pub mod show;
pub mod suggestions;
