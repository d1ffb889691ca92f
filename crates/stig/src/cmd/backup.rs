//! `stig backup` and `stig restore`: an embedded installation (both SQLite files) as one
//! `.tar.gz` with a manifest, taken while `stig serve` runs, and put back.
//!
//! The archive holds `manifest.json` first, then `stig.db-outbox` and `stig.db`, copied by
//! `stig_store::backup` (`VACUUM INTO`, a consistent snapshot of each file). The manifest
//! names the Stig version, when the backup was made, and each file's size, SHA-256 and schema
//! version; restore checks every one before a file is put in place. The live state's
//! snapshots (`<db>-live/`) are derived from the events and rebuilt, so they are left out.

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stig_store::backup::{self as store_backup, MAIN_FILE, OUTBOX_FILE};

/// The archive's first entry.
const MANIFEST: &str = "manifest.json";
/// What `format` says in a manifest this code reads.
const FORMAT: &str = "stig-backup";
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Debug)]
struct Manifest {
    format: String,
    format_version: u32,
    stig_version: String,
    created_at: String,
    files: Vec<ManifestFile>,
}

#[derive(Serialize, Deserialize, Debug)]
struct ManifestFile {
    name: String,
    bytes: u64,
    sha256: String,
    schema_version: i64,
}

fn postgres_refused(what: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "`stig {what}` works on a SQLite installation; a PostgreSQL database is backed up with \
         its own tools (pg_dump, or a base backup with WAL archiving for point-in-time \
         recovery): see docs/deploy.md, \"Backups on PostgreSQL\""
    )
}

/// `stig backup --to FILE --db DB`.
pub fn backup(db: &Path, to: &Path) -> anyhow::Result<ExitCode> {
    if super::db::is_postgres(db) {
        return Err(postgres_refused("backup"));
    }
    if !db.is_file() {
        bail!("there is no database at {}", db.display());
    }
    let staging = sibling(to, "partial")?;
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    let result = write_backup(db, to, &staging);
    let _ = std::fs::remove_dir_all(&staging);
    let manifest = result?;
    let bytes: u64 = manifest.files.iter().map(|f| f.bytes).sum();
    println!(
        "backed up {} ({} files, {:.1} MB) to {}",
        db.display(),
        manifest.files.len(),
        bytes as f64 / 1e6,
        to.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn write_backup(db: &Path, to: &Path, staging: &Path) -> anyhow::Result<Manifest> {
    let copies = super::db::runtime()?
        .block_on(store_backup::backup_sqlite(db, staging))
        .with_context(|| format!("cannot back up {}", db.display()))?;
    let mut files = Vec::new();
    for copy in &copies {
        let (bytes, sha256) = hash_file(&copy.path)?;
        files.push(ManifestFile {
            name: copy.name.clone(),
            bytes,
            sha256,
            schema_version: copy.schema_version,
        });
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        stig_version: env!("CARGO_PKG_VERSION").into(),
        created_at: jiff::Timestamp::now().to_string(),
        files,
    };
    // Written beside the target and renamed over it once complete and on disk: a backup
    // interrupted half-way never replaces the last good one.
    let partial = staging.join("backup.tar.gz");
    let file =
        File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let gz = flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    let json = serde_json::to_vec_pretty(&manifest)?;
    let mut header = entry_header(json.len() as u64);
    tar.append_data(&mut header, MANIFEST, json.as_slice())?;
    for copy in &copies {
        let mut source = File::open(&copy.path)
            .with_context(|| format!("cannot read {}", copy.path.display()))?;
        let len = source.metadata()?.len();
        let mut header = entry_header(len);
        tar.append_data(&mut header, &copy.name, &mut source)
            .with_context(|| format!("cannot write {} into the archive", copy.name))?;
    }
    let buffered = tar.into_inner()?.finish()?;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, to)
        .with_context(|| format!("cannot write the backup to {}", to.display()))?;
    Ok(manifest)
}

fn entry_header(len: u64) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_size(len);
    header.set_mode(0o600);
    header.set_mtime(jiff::Timestamp::now().as_second().max(0) as u64);
    header
}

/// `stig restore --from FILE --db DB [--force]`.
pub fn restore(from: &Path, db: &Path, force: bool) -> anyhow::Result<ExitCode> {
    if super::db::is_postgres(db) {
        return Err(postgres_refused("restore"));
    }
    let existing = existing_files(db);
    if !existing.is_empty() && !force {
        bail!(
            "{} exists; restoring would replace it (and {} other file(s) of that database). \
             Stop the server and add --force to replace it, or restore to another path",
            existing[0].display(),
            existing.len() - 1
        );
    }
    let parent = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = sibling(db, "restore")?;
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    let result = unpack_and_check(from, &staging);
    let manifest = match result {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    // Checked: now the old files go (with --force) and the restored ones take their place.
    for old in &existing {
        let gone = if old.is_dir() {
            std::fs::remove_dir_all(old)
        } else {
            std::fs::remove_file(old)
        };
        gone.with_context(|| format!("cannot remove {}", old.display()))?;
    }
    let outbox = store_backup::outbox_path(db);
    for (name, target) in [(OUTBOX_FILE, outbox.as_path()), (MAIN_FILE, db)] {
        std::fs::rename(staging.join(name), target)
            .with_context(|| format!("cannot move the restored {name} to {}", target.display()))?;
    }
    let _ = std::fs::remove_dir_all(&staging);
    println!(
        "restored {} (made {} by Stig {}) to {}",
        from.display(),
        manifest.created_at,
        manifest.stig_version,
        db.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The files of the installation at `db` that a restore replaces: the database, its
/// outbox, their WAL and shared-memory files, and the live state's snapshots (derived from
/// the old events, so wrong for the restored ones).
fn existing_files(db: &Path) -> Vec<PathBuf> {
    let name = db.as_os_str();
    let with = |suffix: &str| {
        let mut p = name.to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    let mut all = vec![db.to_owned()];
    for suffix in [
        "-wal",
        "-shm",
        "-outbox",
        "-outbox-wal",
        "-outbox-shm",
        "-live",
    ] {
        all.push(with(suffix));
    }
    all.into_iter().filter(|p| p.exists()).collect()
}

/// Unpacks the archive at `from` into `staging` and checks it against its manifest: the
/// format, every file present with its size and SHA-256, no file it does not name, schema
/// versions this build knows, and SQLite's integrity check. Errors name the file.
fn unpack_and_check(from: &Path, staging: &Path) -> anyhow::Result<Manifest> {
    let file = File::open(from).with_context(|| format!("cannot open {}", from.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut manifest: Option<Manifest> = None;
    let mut found: Vec<(String, u64, String)> = Vec::new();
    let damaged = |e: std::io::Error| {
        anyhow::anyhow!(
            "{} is not a readable Stig backup (a .tar.gz): {e}",
            from.display()
        )
    };
    for entry in archive.entries().map_err(damaged)? {
        let mut entry = entry.map_err(damaged)?;
        let name = entry
            .path()
            .map_err(damaged)?
            .to_string_lossy()
            .into_owned();
        match name.as_str() {
            MANIFEST => {
                let mut json = Vec::new();
                entry.read_to_end(&mut json).map_err(damaged)?;
                manifest = Some(serde_json::from_slice(&json).with_context(|| {
                    format!("the manifest of {} does not parse", from.display())
                })?);
            }
            MAIN_FILE | OUTBOX_FILE => {
                if found.iter().any(|(n, ..)| n == &name) {
                    bail!("{} holds {name} twice", from.display());
                }
                let target = staging.join(&name);
                let (bytes, sha256) = copy_hashed(&mut entry, &target)
                    .with_context(|| format!("cannot unpack {name} from {}", from.display()))?;
                found.push((name, bytes, sha256));
            }
            other => bail!(
                "{} holds {other:?}, which a Stig backup never does; refusing it",
                from.display()
            ),
        }
    }
    let Some(manifest) = manifest else {
        bail!("{} has no {MANIFEST}: not a Stig backup", from.display());
    };
    if manifest.format != FORMAT || manifest.format_version != FORMAT_VERSION {
        bail!(
            "{} is a {} backup, version {}; this Stig reads {FORMAT} version {FORMAT_VERSION}",
            from.display(),
            manifest.format,
            manifest.format_version
        );
    }
    let (main_known, outbox_known) = store_backup::known_schema_versions();
    for name in [MAIN_FILE, OUTBOX_FILE] {
        let Some(listed) = manifest.files.iter().find(|f| f.name == name) else {
            bail!("the manifest of {} does not list {name}", from.display());
        };
        let Some((_, bytes, sha256)) = found.iter().find(|(n, ..)| n == name) else {
            bail!("{} lacks {name}, which its manifest lists", from.display());
        };
        if *bytes != listed.bytes || *sha256 != listed.sha256 {
            bail!(
                "{name} in {} does not match its manifest ({bytes} bytes, SHA-256 {sha256}; \
                 the manifest says {} bytes, {}): the backup is damaged or was changed",
                from.display(),
                listed.bytes,
                listed.sha256
            );
        }
        let known = if name == MAIN_FILE {
            main_known
        } else {
            outbox_known
        };
        if listed.schema_version > known {
            bail!(
                "{name} in {} has schema version {}, newer than this Stig ({}) knows ({known}): \
                 restore it with Stig {} or newer",
                from.display(),
                listed.schema_version,
                env!("CARGO_PKG_VERSION"),
                manifest.stig_version
            );
        }
    }
    if let Some(extra) = manifest
        .files
        .iter()
        .find(|f| f.name != MAIN_FILE && f.name != OUTBOX_FILE)
    {
        bail!(
            "the manifest of {} lists {:?}, which a Stig backup never holds",
            from.display(),
            extra.name
        );
    }
    let rt = super::db::runtime()?;
    for name in [OUTBOX_FILE, MAIN_FILE] {
        rt.block_on(store_backup::check_integrity(&staging.join(name)))
            .with_context(|| format!("{name} in {} is damaged", from.display()))?;
    }
    Ok(manifest)
}

/// Copies `from` into a new file at `to` (synced to disk): its length and SHA-256 (hex).
fn copy_hashed(from: &mut impl Read, to: &Path) -> anyhow::Result<(u64, String)> {
    let mut out = File::create(to).with_context(|| format!("cannot create {}", to.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        total += n as u64;
    }
    out.sync_all()?;
    Ok((total, hex(&hasher.finalize())))
}

/// A file's length and SHA-256 (hex).
fn hash_file(path: &Path) -> anyhow::Result<(u64, String)> {
    let mut file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((total, hex(&hasher.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A working directory beside `path` (same file system, so the final rename is atomic):
/// `<path>.<what>-<pid>`.
fn sibling(path: &Path, what: &str) -> anyhow::Result<PathBuf> {
    let Some(name) = path.file_name() else {
        bail!("{} does not name a file", path.display());
    };
    let mut dir = name.to_owned();
    dir.push(format!(".{what}-{}", std::process::id()));
    Ok(path.with_file_name(dir))
}
