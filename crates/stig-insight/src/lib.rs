//! Insight: what a workspace's customers did and said, measured on the designed journeys.
//!
//! [`Index`] is a compact, columnar copy of the customer stages' output (profiles, journey
//! runs, feedback, lifecycle) plus every event's name and time, built once from the store and
//! rebuilt as events arrive. Every analysis reads it through a [`Filter`] (persona, journey,
//! channel, period):
//! - [`scores`]: CSAT, NPS (with a 95% interval) and CES per touchpoint × persona × period;
//! - [`emotion`]: the measured emotion curve per persona beside the designed one;
//! - [`drivers`]: which touchpoints drive overall satisfaction (Johnson's relative weights);
//! - [`kpis`]: acquisition, churn, retention cohorts, repeat journeys;
//! - [`observed`]: funnels, times between steps, stuck points, path variants;
//! - [`findings`]: the ranked list of what to fix first, each with its evidence.

pub mod clusters;
pub mod customer_types;
pub mod drivers;
pub mod emotion;
pub mod filter;
pub mod findings;
pub mod index;
pub mod kpis;
pub mod observed;
/// Preference signals and persona matching live with the customer stages (business moments use
/// them too); re-exported here, where the index applies them.
pub use stig_pipeline::persona;
pub mod respondents;
pub mod scores;
pub mod twins;

pub use filter::{Filter, FilterQuery};
pub use index::{Index, IndexBuilder};
