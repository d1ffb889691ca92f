//! Online backups of the embedded backend: both SQLite files copied with `VACUUM INTO` while
//! a server may be writing to them.
//!
//! `VACUUM INTO` reads its file in one read transaction, so each copy is that file as one
//! commit left it, and WAL readers neither block the server's writer nor wait for it. The two
//! files have no transaction in common; the outbox is copied first, so every event cursor it
//! holds (moments, destinations) points at events the main file's later copy has. Nothing
//! is migrated and nothing written: the files are opened read-only, so a backup taken by a
//! binary of another version leaves the server's schema alone.

use std::path::{Path, PathBuf};

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::{Result, StoreError};

/// The suffix of the outbox file beside the main one (`<db>-outbox`).
pub const OUTBOX_SUFFIX: &str = "-outbox";

/// One copied file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// The file's name in the backup: `stig.db` or `stig.db-outbox`.
    pub name: String,
    /// Where the copy was written.
    pub path: PathBuf,
    /// The newest migration applied to it (`_sqlx_migrations`), 0 if none.
    pub schema_version: i64,
}

/// The name of the main file in a backup.
pub const MAIN_FILE: &str = "stig.db";
/// The name of the outbox file in a backup (copied first).
pub const OUTBOX_FILE: &str = "stig.db-outbox";

/// The outbox file of the database at `db`.
pub fn outbox_path(db: &Path) -> PathBuf {
    let mut path = db.as_os_str().to_owned();
    path.push(OUTBOX_SUFFIX);
    PathBuf::from(path)
}

/// Copies the database at `db` and its outbox into `dir` (which must exist and not hold
/// the copies yet) as [`OUTBOX_FILE`] and [`MAIN_FILE`], each a consistent snapshot, while
/// other processes may write. Errors name the file.
pub async fn backup_sqlite(db: &Path, dir: &Path) -> Result<Vec<BackupFile>> {
    let mut files = Vec::new();
    for (from, name) in [(outbox_path(db), OUTBOX_FILE), (db.to_owned(), MAIN_FILE)] {
        if !from.is_file() {
            return Err(StoreError::Invalid(format!(
                "{} is not a Stig database file (it does not exist)",
                from.display()
            )));
        }
        let to = dir.join(name);
        let schema_version = vacuum_into(&from, &to).await?;
        files.push(BackupFile {
            name: name.to_owned(),
            path: to,
            schema_version,
        });
    }
    Ok(files)
}

/// `VACUUM INTO` from `from` to `to` on a read-only connection; the newest migration the
/// copy holds.
async fn vacuum_into(from: &Path, to: &Path) -> Result<i64> {
    let named =
        |e: sqlx::Error| StoreError::Invalid(format!("cannot copy {}: {e}", from.display()));
    let options = SqliteConnectOptions::new()
        .filename(from)
        .read_only(true)
        .busy_timeout(std::time::Duration::from_secs(30));
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(named)?;
    let target = to.to_str().ok_or_else(|| {
        StoreError::Invalid(format!("the backup path {} is not UTF-8", to.display()))
    })?;
    let copied = sqlx::query("VACUUM INTO ?")
        .bind(target)
        .execute(&pool)
        .await
        .map_err(named);
    pool.close().await;
    copied?;
    schema_version(to).await
}

/// The newest migration applied to the SQLite file at `path` (0 for a file without the
/// migrations table), read without writing to it.
pub async fn schema_version(path: &Path) -> Result<i64> {
    let named =
        |e: sqlx::Error| StoreError::Invalid(format!("cannot read {}: {e}", path.display()));
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(named)?;
    let has_table: Option<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(&pool)
    .await
    .map_err(named)?;
    let version = if has_table.is_some() {
        let (v,): (Option<i64>,) =
            sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&pool)
                .await
                .map_err(named)?;
        v.unwrap_or(0)
    } else {
        0
    };
    pool.close().await;
    Ok(version)
}

/// `PRAGMA integrity_check` on the SQLite file at `path` (read-only): `Ok` when it answers
/// `ok`, else an error naming the file and SQLite's first complaint.
pub async fn check_integrity(path: &Path) -> Result<()> {
    let named = |e: sqlx::Error| {
        StoreError::Invalid(format!(
            "{} is not a readable database: {e}",
            path.display()
        ))
    };
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(named)?;
    let answer: std::result::Result<(String,), sqlx::Error> =
        sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await;
    pool.close().await;
    let (answer,) = answer.map_err(named)?;
    if answer == "ok" {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "{} fails SQLite's integrity check: {answer}",
            path.display()
        )))
    }
}

/// The newest migrations this build knows, for the main file and the outbox: a backup made
/// by a newer Stig is refused on restore rather than served with a schema this one lacks.
pub fn known_schema_versions() -> (i64, i64) {
    let newest = |m: &sqlx::migrate::Migrator| m.iter().map(|m| m.version).max().unwrap_or(0);
    (
        newest(&crate::sqlite::MIGRATOR),
        newest(&crate::sqlite::OUTBOX_MIGRATOR),
    )
}
