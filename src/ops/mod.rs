//! What operators run beside `serve`: checking the settings and backing up / restoring.

pub mod backup;
pub mod check;
