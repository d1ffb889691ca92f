//! The customer stages: identity stitching, journey instances, feedback and lifecycle, on
//! hand-written events (exact answers) and on generated ones (checked against what the
//! generator says it did).

mod generated;
mod scenario;
