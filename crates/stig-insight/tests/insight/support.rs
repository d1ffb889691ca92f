//! Shared set-up: example workspaces, generated events, building an index.

use std::path::Path;
use std::sync::Arc;

use stig_insight::{Index, IndexBuilder};
use stig_model::Workspace;
use stig_pipeline::customers::Customers;

pub fn example(name: &str) -> Workspace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    stig_model::code::load_dir(dir)
        .expect("the example loads")
        .workspace
}

/// NDJSON lines generated for `ws`.
pub fn generated(ws: &Workspace, customers: usize, seed: u64) -> Vec<String> {
    let mut out = Vec::new();
    stig_pipeline::generate::generate(
        ws,
        &stig_pipeline::generate::GenerateOptions {
            customers,
            seed,
            ..Default::default()
        },
        &mut out,
    )
    .expect("generates");
    String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The index (and customers) of `lines`, settled at `now`.
pub fn build(ws: &Workspace, lines: &[String], now: jiff::Timestamp) -> (Customers, Index) {
    let mut b = IndexBuilder::new(Arc::new(ws.clone()));
    for (seq, line) in lines.iter().enumerate() {
        b.push_text(seq as i64, line);
    }
    b.finish(now)
}
