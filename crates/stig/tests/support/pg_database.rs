//! A database of its own on the `STIG_TEST_PG` server, dropped when the test ends, and
//! whether PostgreSQL tests are asked for (`STIG_TEST_PG`) or required (`STIG_REQUIRE_PG=1`).

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// Whether a missing PostgreSQL is a failure rather than a skip.
pub fn required() -> bool {
    std::env::var("STIG_REQUIRE_PG").is_ok_and(|v| v == "1")
}

/// Whether PostgreSQL tests are asked for (`STIG_TEST_PG` set); says so when not.
pub fn wanted() -> bool {
    match std::env::var("STIG_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => true,
        _ if required() => panic!("STIG_REQUIRE_PG=1 but STIG_TEST_PG is not set"),
        _ => {
            eprintln!("skipped: needs PostgreSQL at STIG_TEST_PG");
            false
        }
    }
}

pub struct Database {
    admin: PgConnectOptions,
    name: String,
    pub url: String,
}

impl Database {
    /// A new, empty database; `None` (having said why) when there is no server and none is
    /// required.
    pub async fn new() -> Option<Database> {
        if !wanted() {
            return None;
        }
        let url = std::env::var("STIG_TEST_PG").expect("checked by wanted()");
        let admin = PgConnectOptions::from_str(&url).expect("STIG_TEST_PG is a URL");
        let pool = match PgPoolOptions::new()
            .max_connections(1)
            .connect_with(admin.clone())
            .await
        {
            Ok(pool) => pool,
            Err(e) if !required() => {
                eprintln!("skipped: no PostgreSQL at STIG_TEST_PG ({e})");
                return None;
            }
            Err(e) => panic!("STIG_REQUIRE_PG=1 but PostgreSQL answers: {e}"),
        };
        let name = format!("stig_test_{:016x}", rand_u64());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&pool)
            .await
            .expect("create database");
        pool.close().await;
        // The same server and role, the new database.
        let base = url.split('?').next().unwrap_or(&url);
        let cut = base.rfind('/').expect("a URL with a path");
        let url = format!("{}/{name}", &base[..cut]);
        Some(Database { admin, name, url })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                if let Ok(pool) = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(admin)
                    .await
                {
                    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&pool).await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish()
}
