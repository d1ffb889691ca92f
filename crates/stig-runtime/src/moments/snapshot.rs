//! A workspace's moment engine on disk, so a restart reads it back and replays (without
//! firing) only the events evaluated since, instead of every event.
//!
//! # Format (version 2: people keep their consent)
//! One file per workspace, `<dir>/<workspace>.moments.snap` (beside the insight index's
//! `<workspace>.snap`, [`crate::snapshot`], and written the same way):
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `STIGMOMS` |
//! | 4 | format version, little-endian `u32` ([`FORMAT`]) |
//! | 4 | CRC-32 (IEEE) of the payload, little-endian |
//! | 8 | payload length in bytes, little-endian `u64` |
//! | … | payload: [`Snapshot`] in bincode 1 (fixed-width integers, little-endian) |
//!
//! The payload holds the workspace id; the event cursor (the arrival number of the last
//! event evaluated) and a CRC-32 of that event's stored text (the anchor: the same history,
//! not another database's or a recreated workspace's); the [`design`] key of the model and
//! moments it was made on; when it was written; and the [`MomentEngine`]'s state (ids,
//! people with their traits as JSON text, runs, tag scores, silences, run deadlines,
//! milestones waiting for their offset, the clock). What the model says (compiled triggers,
//! the touchpoint matcher, journeys, persona vectors) is not stored but laid on again with
//! [`MomentEngine::restore`]; what the outbox knows (what fired, since when each moment is
//! live) is not stored either but read from the outbox at every start.
//!
//! Exactly once: the evaluator writes a snapshot only when every firing it evaluated is
//! committed, with the cursor of that commit, so the state written never runs ahead of the
//! outbox. A snapshot whose cursor is past the outbox's is refused.
//!
//! Snapshots are a cache: a missing, truncated, corrupt (checksum), foreign (workspace) or
//! old-format file is reported as such and the engine is rebuilt from the events, which stay
//! the only truth. Files are written to a temporary name and renamed, so a crash mid-write
//! leaves the previous snapshot whole. Bump [`FORMAT`] whenever the engine's serialized
//! state, or what it means, changes.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use stig_model::Workspace;
use stig_pipeline::moments::MomentEngine;

const MAGIC: &[u8; 8] = b"STIGMOMS";
/// The format version this build writes and reads.
pub const FORMAT: u32 = 2;

/// What a snapshot holds.
#[derive(Serialize, Deserialize)]
pub struct Snapshot<E> {
    pub workspace: String,
    /// The arrival number of the last event the engine was fed (committed in the outbox).
    pub cursor: i64,
    /// CRC-32 of the stored text of the event at `cursor` (0 when `cursor` is 0).
    pub anchor: u32,
    /// [`design`] of the workspace it was made on.
    pub design: [u8; 32],
    pub saved_at: Timestamp,
    pub engine: E,
}

pub use crate::snapshot::SnapshotError;

/// Where workspace `ws`'s moments snapshot lives in `dir`.
pub fn path(dir: &Path, ws: &str) -> PathBuf {
    dir.join(format!("{ws}.moments.snap"))
}

/// What an engine's state depends on besides the events: every part of the workspace the
/// engine reads, whole (its moments, enabled or not; touchpoints; journeys; personas;
/// settings: a rename counts too, which only costs a rebuild), whether history fires (it
/// changes what the clock looked at), and this Stig's version (a new version rebuilds
/// once). SHA-256 of those as JSON. Actors, goals and dilemmas are not read by the engine.
pub fn design(ws: &Workspace, fire_history: bool) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update([0, u8::from(fire_history), 0]);
    let parts = (
        &ws.settings,
        &ws.personas,
        &ws.journeys,
        &ws.touchpoints,
        &ws.moments,
    );
    h.update(serde_json::to_vec(&parts).unwrap_or_default());
    h.finalize().into()
}

/// The anchor of an event: CRC-32 of its stored text.
pub fn anchor(text: &str) -> u32 {
    crc32fast::hash(text.as_bytes())
}

/// Writes a snapshot of `engine` at `cursor` atomically; returns its size in bytes.
pub fn save(
    dir: &Path,
    ws: &str,
    cursor: i64,
    anchor: u32,
    design: [u8; 32],
    engine: &MomentEngine,
) -> Result<u64, SnapshotError> {
    let snapshot = Snapshot {
        workspace: ws.to_owned(),
        cursor,
        anchor,
        design,
        saved_at: Timestamp::now(),
        engine,
    };
    crate::snapshot::write_file(&path(dir, ws), MAGIC, FORMAT, &snapshot)
}

/// Reads workspace `ws`'s moments snapshot, checking magic, version, workspace and checksum.
/// The engine in it still has to be laid on its model: [`MomentEngine::restore`].
pub fn load(dir: &Path, ws: &str) -> Result<Snapshot<MomentEngine>, SnapshotError> {
    crate::snapshot::read_file(path(dir, ws), MAGIC, FORMAT, ws, |s: &Snapshot<_>| {
        &s.workspace
    })
}
