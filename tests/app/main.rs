//! The one integration test binary, laid out like the URL tree. Runs on SQLite by
//! default; set `KP_TEST_DATABASE_URL=postgres://…` to run every test on PostgreSQL.

mod accounts;
mod api;
mod api_write;
mod authorization;
mod bad_input;
mod binary;
mod browser;
mod cache;
mod demo;
mod duplicates;
mod editorial;
mod english_accounts;
mod english_editor;
mod english_notices;
mod english_profiles;
mod event_page;
mod events_list;
mod feeds;
mod groups;
mod import;
mod languages;
mod member_home;
mod openapi;
mod pictures;
mod planning;
mod platform;
mod profiles;
mod recurrence;
mod relevance;
mod scene;
mod search;
mod security;
mod subscriptions;
mod support;
