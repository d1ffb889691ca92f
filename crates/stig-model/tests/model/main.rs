//! Integration tests of stig-model: one binary, a module per boundary.

mod diagnostics;
mod fixture;
mod roundtrip;
mod signals;
