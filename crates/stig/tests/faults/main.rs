//! Fault tests on loopback: several `stig serve` nodes on PostgreSQL under a bounded
//! collection load, while something breaks.
//!
//! - `kill_node`: three nodes, one killed with SIGKILL mid-load: every acknowledged messageId
//!   is stored, each moment fires once, the survivors keep answering, the killed node rejoins.
//! - `pg_restart`: PostgreSQL (a throwaway cluster of the test's own) stopped under load: the
//!   nodes answer 503 with `Retry-After` (collector, API, `/readyz`) while it is away and
//!   recover by themselves when it is back; nothing acknowledged is lost.
//! - `failover`: a primary with a synchronous streaming standby (`pg_basebackup -R`); the
//!   primary stops, the standby is promoted, the nodes (given both hosts) follow it and lose
//!   nothing acknowledged.
//!
//! They need PostgreSQL: `STIG_TEST_PG` (a URL to a database the role may `CREATE DATABASE`
//! from) and, for the throwaway clusters, PostgreSQL 15's programs (`STIG_PG_BIN`, else
//! `/usr/lib/postgresql/15/bin`; run as `postgres` through `runuser` when the tests run as
//! root). Without them each test says why and passes, unless `STIG_REQUIRE_PG=1`. The tests
//! take turns (one lock), so the figures they print are measured on a quiet machine.

mod failover;
mod harness;
mod kill_node;
mod pg_restart;

#[path = "../support/pg_database.rs"]
mod database;
#[path = "../support/pg_cluster.rs"]
mod pg_cluster;
#[path = "../support/process.rs"]
mod process;
#[path = "../support/webhook_receiver.rs"]
mod webhook_receiver;

use std::sync::{Mutex, MutexGuard};

use database::{required, wanted};

/// One fault test at a time.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A throwaway cluster, or `None` having said why none can be made here (a failure when
/// PostgreSQL is required).
fn cluster() -> Option<pg_cluster::Cluster> {
    match pg_cluster::Cluster::init() {
        Ok(c) => Some(c),
        Err(why) if required() => panic!("STIG_REQUIRE_PG=1 but no PostgreSQL cluster: {why}"),
        Err(why) => {
            eprintln!("skipped: cannot make a PostgreSQL cluster here: {why}");
            None
        }
    }
}
