//! Tests of the bulk-import sources, one module per format. Tests on the real data in
//! `../shared/data` (relative to the repository root) skip with a message when it is absent.

mod csv;
mod ndjson;
mod survey;
mod xes;

use std::io::BufReader;
use std::path::PathBuf;

/// A file under the shared data folder, or `None` (with a message) when it is absent.
pub fn shared_data(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(relative);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

/// Opens a gzip-compressed file as a `BufRead`.
pub fn open_gz(path: &PathBuf) -> impl std::io::BufRead {
    let file = std::fs::File::open(path).expect("open data file");
    BufReader::new(flate2::bufread::GzDecoder::new(BufReader::new(file)))
}
