//! Kulturportal: the open culture portal of a city. See ARCHITECTURE.md for the map.
// serde_json::json! of the OpenAPI document (web::api::openapi) nests deeper than the default.
#![recursion_limit = "512"]

pub mod accounts;
pub mod app;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod fediverse;
pub mod fetch;
pub mod i18n;
pub mod import;
pub mod jobs;
pub mod mail;
pub mod media;
pub mod metrics;
pub mod ops;
pub mod search;
pub mod server;
pub mod service;
pub mod stats;
pub mod subscriptions;
pub mod web;

pub use app::{AppState, router};
