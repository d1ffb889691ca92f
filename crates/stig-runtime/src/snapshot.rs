//! A workspace's derived state on disk, so a restart reads it back and replays only the
//! events stored since, instead of every event.
//!
//! # Format (version 3: kept events keep what they said about consent)
//! One file per workspace, `<dir>/<workspace>.snap`:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `STIGLIVE` |
//! | 4 | format version, little-endian `u32` ([`FORMAT`]) |
//! | 4 | CRC-32 (IEEE) of the payload, little-endian |
//! | 8 | payload length in bytes, little-endian `u64` |
//! | … | payload: [`Snapshot`] in bincode 1 (fixed-width integers, little-endian) |
//!
//! The payload holds the workspace id, the event cursor (the arrival number of the last event
//! absorbed), the [`DesignKeys`] of the model it was derived on, when it was written, and the
//! [`IndexBuilder`] (every person's reduced events, the id graph, the index's columns and the
//! directory). What the design says (names, journeys as numbered) is not stored: it is laid
//! on again from the workspace when read.
//!
//! Snapshots are a cache: a missing, truncated, corrupt (checksum), foreign (workspace) or
//! old-format file is reported as such and the state is rebuilt from the events, which stay
//! the only truth. Files are written to a temporary name and renamed, so a crash mid-write
//! leaves the previous snapshot whole.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use bincode::Options;
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use stig_insight::IndexBuilder;
use stig_insight::index::DesignKeys;

const MAGIC: &[u8; 8] = b"STIGLIVE";
/// The format version this build writes and reads.
/// 2: kept events carry the channel their campaign tags or referrer say.
pub const FORMAT: u32 = 3;
const HEADER: u64 = 8 + 4 + 4 + 8;

/// What a snapshot holds.
#[derive(Serialize, Deserialize)]
pub struct Snapshot<B> {
    pub workspace: String,
    pub cursor: i64,
    pub keys: DesignKeys,
    pub saved_at: Timestamp,
    pub builder: B,
}

/// Why a snapshot could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("no snapshot at {0}")]
    Missing(PathBuf),
    #[error("{path}: not a Stig snapshot (bad magic)")]
    NotASnapshot { path: PathBuf },
    #[error("{path}: format version {found}, this Stig reads {reads}")]
    Version {
        path: PathBuf,
        found: u32,
        reads: u32,
    },
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

/// Where workspace `ws`'s snapshot lives in `dir`.
pub fn path(dir: &Path, ws: &str) -> PathBuf {
    dir.join(format!("{ws}.snap"))
}

fn options() -> impl Options {
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_little_endian()
}

/// Writes a snapshot of `builder` atomically; returns its size in bytes.
pub fn save(
    dir: &Path,
    ws: &str,
    cursor: i64,
    keys: DesignKeys,
    builder: &IndexBuilder,
) -> Result<u64, SnapshotError> {
    let snapshot = Snapshot {
        workspace: ws.to_owned(),
        cursor,
        keys,
        saved_at: Timestamp::now(),
        builder,
    };
    write_file(&path(dir, ws), MAGIC, FORMAT, &snapshot)
}

/// Reads workspace `ws`'s snapshot, checking magic, version, workspace and checksum.
pub fn load(dir: &Path, ws: &str) -> Result<Snapshot<IndexBuilder>, SnapshotError> {
    read_file(path(dir, ws), MAGIC, FORMAT, ws, |s: &Snapshot<_>| {
        &s.workspace
    })
}

/// Writes `payload` framed (magic, version, CRC-32, length, bincode) to a temporary file
/// beside `path`, then renames it over `path`; returns the size in bytes. Shared by every
/// kind of snapshot (the index's here, the moment engine's).
pub(crate) fn write_file<T: Serialize>(
    path: &Path,
    magic: &[u8; 8],
    format: u32,
    payload: &T,
) -> Result<u64, SnapshotError> {
    let io = |source| SnapshotError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension("snap.tmp");
    let mut file = File::create(&tmp).map_err(io)?;
    file.write_all(&[0u8; HEADER as usize]).map_err(io)?;
    // The checksum is taken over the buffer's large writes, not bincode's many small ones.
    let mut out = BufWriter::with_capacity(
        1 << 20,
        Crc {
            inner: file,
            crc: crc32fast::Hasher::new(),
            len: 0,
        },
    );
    options()
        .serialize_into(&mut out, payload)
        .map_err(|source| SnapshotError::Decode {
            path: path.to_owned(),
            source,
        })?;
    let crc_out = out.into_inner().map_err(|e| io(e.into_error()))?;
    let (crc, len, mut file) = (crc_out.crc.finalize(), crc_out.len, crc_out.inner);
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    let mut header = Vec::with_capacity(HEADER as usize);
    header.extend_from_slice(magic);
    header.extend_from_slice(&format.to_le_bytes());
    header.extend_from_slice(&crc.to_le_bytes());
    header.extend_from_slice(&len.to_le_bytes());
    file.write_all(&header).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(len + HEADER)
}

/// Reads a file [`write_file`] wrote, checking magic, version, checksum and that it is
/// workspace `ws`'s (`workspace_of` names the workspace a payload is of).
pub(crate) fn read_file<T: DeserializeOwned>(
    path: PathBuf,
    magic: &[u8; 8],
    format: u32,
    ws: &str,
    workspace_of: impl Fn(&T) -> &str,
) -> Result<T, SnapshotError> {
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
    let mut file = file;
    let mut header = [0u8; HEADER as usize];
    if size < HEADER || file.read_exact(&mut header).is_err() || &header[..8] != magic {
        return Err(SnapshotError::NotASnapshot { path });
    }
    let word = |at: usize| {
        u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let found = word(8);
    if found != format {
        return Err(SnapshotError::Version {
            path,
            found,
            reads: format,
        });
    }
    let (crc, len) = (
        word(12),
        u64::from_le_bytes(header[16..24].try_into().unwrap_or_default()),
    );
    if len != size - HEADER {
        return Err(SnapshotError::Checksum { path });
    }
    // The checksum is taken over the buffer's large reads, not bincode's many small ones.
    let mut reader = BufReader::with_capacity(
        1 << 20,
        CrcReader {
            inner: file.take(len),
            crc: crc32fast::Hasher::new(),
        },
    );
    let payload: Result<T, _> = options().with_limit(len).deserialize_from(&mut reader);
    // The checksum is checked before anything read is used.
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
    if reader.into_inner().crc.finalize() != crc {
        return Err(SnapshotError::Checksum { path });
    }
    let payload = payload.map_err(|source| SnapshotError::Decode {
        path: path.clone(),
        source,
    })?;
    let found = workspace_of(&payload);
    if found != ws {
        return Err(SnapshotError::Foreign {
            found: found.to_owned(),
            path,
            wanted: ws.to_owned(),
        });
    }
    Ok(payload)
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
