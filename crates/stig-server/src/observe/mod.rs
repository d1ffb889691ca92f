//! What an operator watches: one log line per request (with an id that ties it to every line
//! logged while it ran) and, in `metrics`, the counters and histograms of `/metrics`.
//!
//! Log lines carry the matched *route* (`/v1/projects/{key}/settings`), never the raw path,
//! query or headers, so write keys, tokens, e-mail addresses and customer ids in URLs do not
//! reach the log.

pub mod metrics;
mod request_log;

pub use request_log::{REQUEST_ID, request_log};
