//! Journey-as-code: a workspace as a directory of TOML files.
//!
//! ```text
//! my-workspace/
//!   stig.toml          [workspace] name, brand promise, locale, currency
//!   personas/*.toml    one persona per file
//!   journeys/*.toml    one journey per file: phases, stages, steps
//!   touchpoints.toml   [[touchpoint]] ...
//!   actors.toml        [[actor]] ...
//!   goals.toml         [[goal]] ...
//!   dilemmas.toml      [[dilemma]] ... [[dilemma.option]] ...
//! ```
//!
//! [`load_dir`] parses every file, validates the result and returns all diagnostics located
//! at `file:line:column`; [`to_files`] serializes a workspace back into the same layout.
//! Personas and journeys are kept in id order, so `load(to_files(ws)) == ws`.

mod files;
mod load;
mod locate;

pub use files::{SourceFile, to_files, write_dir};
pub use load::{Checked, LoadError, Located, load_dir, load_files};
