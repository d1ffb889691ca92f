//! A workspace's moment engine on disk, so a restart reads it back and replays (without
//! firing) only the events evaluated since, instead of every event.
//!
//! # Format (version 1)
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

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use bincode::Options;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use stig_model::Workspace;
use stig_pipeline::moments::MomentEngine;

const MAGIC: &[u8; 8] = b"STIGMOMS";
/// The format version this build writes and reads.
pub const FORMAT: u32 = 1;
const HEADER: u64 = 8 + 4 + 4 + 8;

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

/// Why a snapshot could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("no moments snapshot at {0}")]
    Missing(PathBuf),
    #[error("{path}: not a Stig moments snapshot (bad magic)")]
    NotASnapshot { path: PathBuf },
    #[error("{path}: format version {found}, this Stig reads {FORMAT}")]
    Version { path: PathBuf, found: u32 },
    #[error("{path}: checksum mismatch (the file is damaged)")]
    Checksum { path: PathBuf },
    #[error("{path}: snapshot of workspace `{found}`, not `{wanted}`")]
    Foreign {
        path: PathBuf,
        found: String,
        wanted: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: unreadable payload: {source}")]
    Decode {
        path: PathBuf,
        source: bincode::Error,
    },
}

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

fn options() -> impl Options {
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_little_endian()
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
    let path = path(dir, ws);
    let io = |source| SnapshotError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp = path.with_extension("snap.tmp");
    let file = File::create(&tmp).map_err(io)?;
    let mut out = Crc {
        inner: BufWriter::with_capacity(1 << 20, file),
        crc: crc32fast::Hasher::new(),
        len: 0,
    };
    out.inner.write_all(&[0u8; HEADER as usize]).map_err(io)?;
    let snapshot = Snapshot {
        workspace: ws.to_owned(),
        cursor,
        anchor,
        design,
        saved_at: Timestamp::now(),
        engine,
    };
    options()
        .serialize_into(&mut out, &snapshot)
        .map_err(|source| SnapshotError::Decode {
            path: path.clone(),
            source,
        })?;
    let (crc, len) = (out.crc.clone().finalize(), out.len);
    let mut file = out.inner.into_inner().map_err(|e| io(e.into_error()))?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    let mut header = Vec::with_capacity(HEADER as usize);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&crc.to_le_bytes());
    header.extend_from_slice(&len.to_le_bytes());
    file.write_all(&header).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    std::fs::rename(&tmp, &path).map_err(io)?;
    Ok(len + HEADER)
}

/// Reads workspace `ws`'s moments snapshot, checking magic, version, workspace and checksum.
/// The engine in it still has to be laid on its model: [`MomentEngine::restore`].
pub fn load(dir: &Path, ws: &str) -> Result<Snapshot<MomentEngine>, SnapshotError> {
    let path = path(dir, ws);
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(SnapshotError::Missing(path));
        }
        Err(source) => return Err(SnapshotError::Io { path, source }),
    };
    let io = |source| SnapshotError::Io {
        path: path.clone(),
        source,
    };
    let size = file.metadata().map_err(io)?.len();
    let mut input = BufReader::with_capacity(1 << 20, file);
    let mut header = [0u8; HEADER as usize];
    if size < HEADER || input.read_exact(&mut header).is_err() || &header[..8] != MAGIC {
        return Err(SnapshotError::NotASnapshot { path });
    }
    let word = |at: usize| {
        u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let found = word(8);
    if found != FORMAT {
        return Err(SnapshotError::Version { path, found });
    }
    let (crc, len) = (
        word(12),
        u64::from_le_bytes(header[16..24].try_into().unwrap_or_default()),
    );
    if len != size - HEADER {
        return Err(SnapshotError::Checksum { path });
    }
    let mut reader = CrcReader {
        inner: input.take(len),
        crc: crc32fast::Hasher::new(),
    };
    let snapshot: Result<Snapshot<MomentEngine>, _> =
        options().with_limit(len).deserialize_from(&mut reader);
    // The checksum is checked before anything read is used.
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
    if reader.crc.finalize() != crc {
        return Err(SnapshotError::Checksum { path });
    }
    let snapshot = snapshot.map_err(|source| SnapshotError::Decode {
        path: path.clone(),
        source,
    })?;
    if snapshot.workspace != ws {
        return Err(SnapshotError::Foreign {
            path,
            found: snapshot.workspace,
            wanted: ws.to_owned(),
        });
    }
    Ok(snapshot)
}

/// A writer that sums what passes through it.
struct Crc<W> {
    inner: W,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Write for Crc<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A reader that sums what passes through it.
struct CrcReader<R> {
    inner: R,
    crc: crc32fast::Hasher,
}

impl<R: Read> Read for CrcReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }
}
