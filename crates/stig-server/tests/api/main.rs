//! The server at its boundary: requests in (through the router, no socket), status codes,
//! headers and bodies out. Auth and roles, CSRF, validation errors, conflicts, OpenAPI.

mod harness;

mod api;
mod audit;
mod browser;
mod collect;
mod destinations;
mod events_export;
mod growth_numbers;
mod hardening;
mod insight;
mod insight_outcome;
mod live;
mod no_terminal;
mod node_sdk;
mod openapi;
mod page_signals;
mod people;
mod persona_picture;
mod settings_retention;
mod surveys;
mod tracking;
mod web;
