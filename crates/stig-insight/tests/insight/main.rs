//! The insight numbers, each checked against a computation that does not use the index:
//! derived from the raw generated events, or from the real data files by a Python script.

mod generated;
mod incremental;
mod support;
mod web;
