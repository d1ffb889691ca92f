//! The collect side of Stig, as a pipeline you can read (Vector's shape):
//! **sources** turn outside data into [`event::Event`]s in the Segment spec (the HTTP tracking
//! API, NDJSON, CSV, XES event logs, survey exports); later stages resolve identity, match
//! touchpoints, update profiles and journey instances, and evaluate business moments.
//!
//! Design decision: every source produces the same `Event`, so identity, touchpoints and
//! journeys are computed one way whatever the data came from.

pub mod customers;
pub mod event;
pub mod generate;
pub mod moments;
pub mod persona;
pub mod sources;
