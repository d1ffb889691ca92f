//! Throwaway PostgreSQL 15 clusters for the fault tests: `initdb` into a temporary directory,
//! started on a port of their own (socket in that directory, trust auth on loopback, role
//! `stig`), stopped, started, promoted at will, and a streaming standby made with
//! `pg_basebackup -R`. Dropped: stopped at once and removed.
//!
//! PostgreSQL refuses to run as root, so when the tests run as root every PostgreSQL program
//! runs as the `postgres` user (`runuser`), in a directory that user owns.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The PostgreSQL programs, and who runs them.
#[derive(Clone)]
struct Tools {
    bin: PathBuf,
    /// `Some((uid, gid))` of `postgres` when running as root.
    as_postgres: Option<(u32, u32)>,
}

impl Tools {
    /// The tools, or why they cannot be used here.
    fn find() -> Result<Tools, String> {
        let bin = std::env::var_os("STIG_PG_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/lib/postgresql/15/bin"));
        for tool in ["initdb", "pg_ctl", "pg_basebackup"] {
            if !bin.join(tool).is_file() {
                return Err(format!(
                    "{} not found (set STIG_PG_BIN to PostgreSQL's bin directory)",
                    bin.join(tool).display()
                ));
            }
        }
        let as_postgres = if id(&["-u"])? == 0 {
            let uid = id(&["-u", "postgres"]).map_err(|e| {
                format!("running as root, and initdb refuses root, but there is no `postgres` user to run it as ({e})")
            })?;
            let gid = id(&["-g", "postgres"])?;
            if !Path::new("/usr/sbin/runuser").is_file() && !Path::new("/sbin/runuser").is_file() {
                return Err("running as root and `runuser` is missing".into());
            }
            Some((uid, gid))
        } else {
            None
        };
        Ok(Tools { bin, as_postgres })
    }

    fn command(&self, tool: &str) -> Command {
        let program = self.bin.join(tool);
        match self.as_postgres {
            Some(_) => {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(program);
                c
            }
            None => Command::new(program),
        }
    }

    /// Runs a PostgreSQL program to its end; its output, or an error with what it said.
    fn run(&self, tool: &str, args: &[&str]) -> Result<Output, String> {
        let out = self
            .command(tool)
            .args(args)
            .output()
            .map_err(|e| format!("{tool} does not start: {e}"))?;
        if out.status.success() {
            Ok(out)
        } else {
            Err(format!(
                "{tool} {}: {}\n{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
}

fn id(args: &[&str]) -> Result<u32, String> {
    let out = Command::new("id")
        .args(args)
        .output()
        .map_err(|e| format!("id: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| {
            format!(
                "id {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            )
        })
}

/// One cluster in its own directory.
pub struct Cluster {
    tools: Tools,
    dir: tempfile::TempDir,
    pub port: u16,
}

impl Cluster {
    /// A new, stopped cluster (`initdb`), or why none can be made here.
    pub fn init() -> Result<Cluster, String> {
        let tools = Tools::find()?;
        let cluster = Cluster::empty(tools)?;
        let data = cluster.data();
        cluster.tools.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "stig",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
        )?;
        cluster.configure()?;
        Ok(cluster)
    }

    /// A streaming standby of `primary` (running), made with `pg_basebackup -R`; stopped.
    pub fn standby_of(primary: &Cluster) -> Result<Cluster, String> {
        let cluster = Cluster::empty(primary.tools.clone())?;
        let port = primary.port.to_string();
        cluster.tools.run(
            "pg_basebackup",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port,
                "-U",
                "stig",
                "-D",
                &cluster.data(),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ],
        )?;
        cluster.configure()?;
        Ok(cluster)
    }

    fn empty(tools: Tools) -> Result<Cluster, String> {
        let dir = tempfile::Builder::new()
            .prefix("stig-pg-")
            .tempdir()
            .map_err(|e| format!("a temporary directory: {e}"))?;
        if let Some((uid, gid)) = tools.as_postgres {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .map_err(|e| format!("giving {} to postgres: {e}", dir.path().display()))?;
        }
        let port = crate::process::free_port();
        Ok(Cluster { tools, dir, port })
    }

    /// Its own port and socket directory, loopback only (appended: the last setting wins,
    /// so a standby's copy of its primary's file is overridden).
    fn configure(&self) -> Result<(), String> {
        use std::io::Write;
        let conf = Path::new(&self.data()).join("postgresql.conf");
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&conf)
            .map_err(|e| format!("{}: {e}", conf.display()))?;
        write!(
            file,
            "\n# stig fault tests\nport = {}\nlisten_addresses = '127.0.0.1'\n\
             unix_socket_directories = '{}'\nmax_connections = 200\nshared_buffers = 32MB\n",
            self.port,
            self.dir.path().display()
        )
        .map_err(|e| format!("{}: {e}", conf.display()))
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn pg_ctl(&self, args: &[&str]) -> Result<(), String> {
        let data = self.data();
        let log = self.dir.path().join("log").display().to_string();
        let mut all = vec!["-D", &data, "-l", &log, "-w", "-t", "60"];
        all.extend_from_slice(args);
        self.tools.run("pg_ctl", &all).map(|_| ())
    }

    pub fn start(&self) {
        if let Err(e) = self.pg_ctl(&["start"]) {
            panic!("starting PostgreSQL: {e}\nits log:\n{}", self.log());
        }
    }

    /// `pg_ctl stop -m fast`: sessions are ended, the cluster shuts down cleanly.
    pub fn stop_fast(&self) {
        if let Err(e) = self.pg_ctl(&["-m", "fast", "stop"]) {
            panic!("stopping PostgreSQL: {e}");
        }
    }

    /// `pg_ctl promote` (a standby becomes a primary), waiting until it is one.
    pub fn promote(&self) {
        if let Err(e) = self.pg_ctl(&["promote"]) {
            panic!("promoting the standby: {e}\nits log:\n{}", self.log());
        }
    }

    /// Its server log (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    /// The URL of database `db` on it, as role `stig`.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://stig@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.pg_ctl(&["-m", "immediate", "stop"]);
        // Left to the operating system if still running: give it a moment to let go.
        std::thread::sleep(Duration::from_millis(50));
    }
}
