//! Command-line arguments, all in one place.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Stig: design customer journeys as code, check them, and draw them as journey maps.
#[derive(Parser)]
#[command(name = "stig", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// How log lines are written to standard error: `text` for people, `json` (one object a
    /// line) for a log system. Levels come from `STIG_LOG`, else `RUST_LOG` (e.g.
    /// `stig_server=debug`); the default is `info` for `serve` and `demo`, `warn` otherwise.
    #[arg(long, global = true, env = "STIG_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// The format of log lines.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// How people sign in to `stig serve`: single sign-on through an OpenID Connect provider, and
/// how many failed password sign-ins are allowed.
#[derive(Args, Debug, Clone)]
pub struct SignInOptions {
    /// The OpenID Connect provider's issuer URL, exactly as its discovery document names
    /// itself (e.g. `https://login.microsoftonline.com/<tenant>/v2.0`). Turns on "Sign in
    /// with …"; the client secret comes from `STIG_OIDC_CLIENT_SECRET` only. Register
    /// `<public URL>/login/sso/callback` as the redirect URI there.
    #[arg(long, env = "STIG_OIDC_ISSUER", value_name = "URL")]
    pub oidc_issuer: Option<String>,
    /// Stig's client id at the provider.
    #[arg(long, env = "STIG_OIDC_CLIENT_ID", value_name = "ID")]
    pub oidc_client_id: Option<String>,
    /// Scopes asked for (`openid` is always added); add e.g. `groups` where the provider puts
    /// the role claim behind a scope.
    #[arg(long, env = "STIG_OIDC_SCOPES", default_value = "openid profile email")]
    pub oidc_scopes: String,
    /// The claim whose values give roles (a dotted path reaches into objects, e.g.
    /// `realm_access.roles`).
    #[arg(long, env = "STIG_OIDC_ROLE_CLAIM", default_value = "groups")]
    pub oidc_role_claim: String,
    /// Claim values to roles, e.g. `stig-admins=admin,stig-editors=editor,*=viewer`: the
    /// highest match wins; `*` is everyone else; without `*` others are refused.
    #[arg(long, env = "STIG_OIDC_ROLES", value_name = "MAPPING")]
    pub oidc_roles: Option<String>,
    /// The provider's name on the login page ("Sign in with …"; default: the issuer's host).
    #[arg(long, env = "STIG_OIDC_NAME", value_name = "NAME")]
    pub oidc_name: Option<String>,
    /// Turn password sign-in off: people sign in through the provider only. `stig user` and
    /// `stig token` still work, the way back in while the provider is down.
    #[arg(long, env = "STIG_SSO_ONLY")]
    pub sso_only: bool,
    /// Failed password sign-ins per account name within the window before it is refused
    /// (0: no limit).
    #[arg(long, env = "STIG_LOGIN_MAX_FAILURES", default_value_t = 5)]
    pub login_max_failures: u32,
    /// Failed sign-ins per client address within the window (0: no limit).
    #[arg(
        long,
        env = "STIG_LOGIN_MAX_FAILURES_PER_ADDRESS",
        default_value_t = 20
    )]
    pub login_max_failures_per_address: u32,
    /// The window failed sign-ins are counted over, in seconds.
    #[arg(long, env = "STIG_LOGIN_WINDOW_SECS", default_value_t = 900)]
    pub login_window_secs: u64,
}

/// What an operator watches: metrics for Prometheus.
#[derive(Args, Debug, Clone, Default)]
pub struct ObserveOptions {
    /// Serve `/metrics` (without auth) and `/readyz` on this separate address too, e.g.
    /// `127.0.0.1:9090`, reachable by Prometheus only.
    #[arg(long, env = "STIG_METRICS_ADDR", value_name = "ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// The bearer token `/metrics` asks for on the main address; without it (and without
    /// `--metrics-addr`) metrics are not served.
    #[arg(
        long,
        env = "STIG_METRICS_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub metrics_token: Option<String>,
}

/// How the server meets the network: the address people use, cookies, proxies, and how
/// much of it one client may hold.
#[derive(Args, Debug, Clone)]
pub struct HttpOptions {
    /// The address people reach this server at, e.g. `https://stig.example.com` (survey
    /// links, snippets). An `https` address makes cookies `Secure` and sends HSTS.
    /// Default: `http://<addr>`.
    #[arg(long, env = "STIG_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Mark cookies Secure even when the public URL is not `https` (TLS ended elsewhere).
    #[arg(long, env = "STIG_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For`/`X-Forwarded-Proto` are believed, e.g.
    /// `127.0.0.1,10.0.0.0/8`; from any other peer those headers are ignored. Default: none.
    #[arg(long, env = "STIG_TRUSTED_PROXIES", value_name = "CIDRS")]
    pub trusted_proxies: Option<String>,
    /// Connections open at once; more wait until one closes.
    #[arg(long, env = "STIG_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,
    /// Seconds a client has to send a request's headers, and a kept-alive connection may sit
    /// idle before its next request; then it is closed.
    #[arg(
        long,
        env = "STIG_HEADER_TIMEOUT",
        default_value_t = 10,
        value_name = "SECONDS"
    )]
    pub header_timeout: u64,
    /// Single sign-on and the login throttle.
    #[command(flatten)]
    pub sign_in: SignInOptions,
}

/// How business moments reach the outside world.
#[derive(Args, Debug, Clone)]
pub struct MomentOptions {
    /// Networks webhooks and mail servers may be on although not public, e.g.
    /// `10.0.0.0/8,127.0.0.1` (on-premise receivers). Loopback, private and link-local
    /// addresses are refused otherwise.
    #[arg(long, env = "STIG_ALLOW_TARGETS", value_name = "CIDRS")]
    pub allow_targets: Option<String>,
    /// The wait before the first retry of a failed delivery, in milliseconds; each next wait
    /// is four times longer (at most six hours).
    #[arg(long, env = "STIG_RETRY_FIRST_MS", default_value_t = 5_000)]
    pub retry_first_ms: u64,
    /// Attempts per delivery before it becomes a dead letter.
    #[arg(long, env = "STIG_RETRY_ATTEMPTS", default_value_t = 8)]
    pub retry_attempts: u32,
}

#[derive(Subcommand)]
pub enum Command {
    /// Load the example workspaces into a fresh embedded database and serve them.
    Demo {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// The database file, recreated from the examples (default: stig-demo.db).
        #[arg(long, default_value = "stig-demo.db")]
        db: PathBuf,
        #[command(flatten)]
        http: HttpOptions,
        #[command(flatten)]
        moments: MomentOptions,
        #[command(flatten)]
        observe: ObserveOptions,
    },
    /// Serve the web app and the REST API.
    Serve {
        /// The database: a SQLite file (created, with its first admin, when missing) or a
        /// PostgreSQL URL, `postgres://user:password@host:5432/stig` (migrated on start). A
        /// primary and its standbys: `postgres://user:password@db1:5432,db2:5432/stig`; the
        /// one not in recovery is used, and followed after a failover.
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
        /// Where the live state's snapshots are kept (default: `<db>-live/` beside a SQLite
        /// file; `stig-live-<database>/` in the working directory for PostgreSQL). One per node.
        #[arg(long, env = "STIG_STATE_DIR")]
        state_dir: Option<PathBuf>,
        #[arg(long, default_value = "127.0.0.1:8080", env = "STIG_ADDR")]
        addr: SocketAddr,
        #[command(flatten)]
        http: HttpOptions,
        #[command(flatten)]
        moments: MomentOptions,
        #[command(flatten)]
        observe: ObserveOptions,
    },
    /// Back up a SQLite installation (the database and its outbox file) into one .tar.gz
    /// with a manifest (sizes, SHA-256, schema versions), while `stig serve` runs: each file
    /// is copied as one consistent snapshot (`VACUUM INTO`). PostgreSQL: see docs/deploy.md.
    Backup {
        /// The archive to write (replaced, once complete, if it exists).
        #[arg(long)]
        to: PathBuf,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// Restore a backup made by `stig backup` into a SQLite database path, after checking
    /// every file against the manifest. Refuses to replace an existing database unless
    /// `--force` (stop the server first).
    Restore {
        /// The archive `stig backup` wrote.
        #[arg(long)]
        from: PathBuf,
        /// Where to put the database (its `-outbox` file goes beside it).
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
        /// Replace an existing database at that path (and its live-state snapshots).
        #[arg(long)]
        force: bool,
    },
    /// Move an installation between databases (`db copy`).
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Import a journey-as-code workspace directory into the database (replacing it there).
    Import {
        dir: PathBuf,
        /// The workspace id in the database (default: the directory name).
        #[arg(long)]
        id: Option<String>,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// Export a workspace from the database as journey-as-code files (`--zip` for one archive).
    Export {
        /// The workspace id in the database.
        id: String,
        /// The directory to write (created; files in it are overwritten).
        dir: PathBuf,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// Write a workspace's insight report (scores, emotion curves, drivers, KPIs, observed
    /// journeys, findings) for a management meeting, from the events in the database.
    Report {
        /// The workspace id in the database.
        #[arg(long)]
        workspace: String,
        /// The file to write; its extension picks the format unless `--format` is given.
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Only customers of this persona (id).
        #[arg(long)]
        persona: Option<String>,
        /// Only runs of this journey (id).
        #[arg(long)]
        journey: Option<String>,
        /// Only runs started on this channel.
        #[arg(long)]
        channel: Option<String>,
        /// First day or month of the period (`2024-03-01`, `2024-03`).
        #[arg(long)]
        from: Option<String>,
        /// Last day or month of the period, inclusive.
        #[arg(long)]
        to: Option<String>,
        /// Language of the report: en, nb, sv, da, fi (default: the workspace's).
        #[arg(long)]
        lang: Option<String>,
        /// What the driver analysis explains: a touchpoint id, `touchpoint:nps|csat|ces` or
        /// `overall` (default: the workspace's `drivers_outcome`, else the overall answers,
        /// else the touchpoint with an NPS survey).
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// Customer types from data: discover the types customers fall into, or the
    /// demographic-twins report.
    Personas {
        #[command(subcommand)]
        command: PersonasCommand,
    },
    /// Manage the users who may log in.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens for the REST API.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Manage the sources that send events (their write keys).
    Source {
        #[command(subcommand)]
        command: SourceCommand,
    },
    /// Business moments: run one over the stored history before enabling it.
    Moments {
        #[command(subcommand)]
        command: MomentsCommand,
    },
    /// The audit log: check its hash chain, or export it.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Workspace secrets (webhook signing keys, SMTP passwords): set and list, never shown.
    Secret {
        #[command(subcommand)]
        command: SecretCommand,
    },
    /// Check a workspace: print every error and warning (exit 1 when there are errors).
    Check {
        /// The workspace directory (holding stig.toml).
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors for the exit code.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Draw a journey map as SVG, PNG or PDF.
    Render {
        dir: PathBuf,
        /// The journey to draw.
        #[arg(long)]
        journey: String,
        /// Personas whose designed emotion curves to overlay (repeatable; default: the
        /// journey's own list, else all personas).
        #[arg(long = "persona")]
        personas: Vec<String>,
        /// Output format; default: from the file extension of -o, else svg.
        #[arg(long, value_enum)]
        format: Option<ImageFormat>,
        /// Output file (`-` for standard output).
        #[arg(short, long)]
        output: PathBuf,
        /// Language of the map's lane titles (en, nb, sv, da, fi); default: the workspace's.
        #[arg(long)]
        locale: Option<String>,
        /// PNG only: pixels per SVG unit (2 = sharp on screens and in print).
        #[arg(long, default_value_t = stig_render::PNG_SCALE)]
        scale: f32,
    },
    /// Create a commented starter workspace in DIR.
    New {
        dir: PathBuf,
        /// Workspace name (default: the directory name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Format a workspace's TOML files in place, keeping comments.
    Fmt {
        dir: PathBuf,
        /// Do not write; exit 1 if a file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Generate synthetic customers and their events for a workspace (Segment NDJSON).
    Generate {
        /// The workspace directory whose personas and journeys the customers follow.
        dir: PathBuf,
        #[arg(long, default_value_t = 1_000)]
        customers: usize,
        /// The same seed always gives the same events.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Years of history, from 2023-01-01.
        #[arg(long, default_value_t = 3)]
        years: u32,
        /// Output file (`-` for standard output).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Events: bulk import from files, and export.
    Events {
        #[command(subcommand)]
        command: EventsCommand,
    },
    /// Customers: export their profiles.
    Customers {
        #[command(subcommand)]
        command: CustomersCommand,
    },
    /// Run a benchmark and print its figures.
    Bench {
        #[arg(value_enum)]
        name: BenchName,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// `insight` and `live`: events to generate.
        #[arg(long, default_value_t = 10_000_000)]
        events: usize,
        /// `insight`, `personas` and `live`: the generator's seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// `insight` only: the example workspace to generate customers for.
        #[arg(long, default_value = "telekom")]
        workspace: String,
        /// `personas` only: customers (rows of 64 tag preferences) to generate.
        #[arg(long, default_value_t = 1_000_000)]
        customers: usize,
        /// `live` only: seconds of sustained ingest (5,000 events/s).
        #[arg(long, default_value_t = 60)]
        ingest_secs: u64,
        /// `ingest` only: about how many events to generate.
        #[arg(long, default_value_t = 500_000)]
        ingest_events: usize,
        /// `ingest` only: measure on PostgreSQL instead of SQLite. The URL names a database
        /// used only to create fresh ones beside it (CREATEDB needed), dropped afterwards,
        /// e.g. `postgres://stig:stig@127.0.0.1:5432/postgres`.
        #[arg(long, value_name = "URL")]
        db: Option<String>,
        /// `ingest` with `--db` only: the HTTP load on 1 and then on this many `stig serve`
        /// nodes sharing the database.
        #[arg(long, default_value_t = 1)]
        nodes: usize,
    },
}

/// `stig db …`.
#[derive(Subcommand)]
pub enum DbCommand {
    /// Copy a whole installation (workspaces, users, sessions, tokens, sources, events in
    /// their order, rejections, the moments' outbox, tasks, secrets, destinations) from a
    /// SQLite file into an empty PostgreSQL database, then compare every table. Stop the
    /// server first.
    Copy {
        /// The SQLite file (its `-outbox` file beside it is copied too).
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL database, `postgres://user:password@host:5432/stig` (empty).
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum EventsCommand {
    /// Import events from a file into a workspace, as Segment track events: userId = the case
    /// (customer) id, event = the activity, properties = the other attributes; survey answers
    /// become "Feedback Submitted" events (touchpoint, score_type, score). Message ids are
    /// derived from the content, so importing the same file twice stores nothing new. Dirty
    /// rows are skipped and listed as `line N: reason`.
    ///
    /// Formats: ndjson (Segment NDJSON, messageIds kept), xes (IEEE 1849 event logs), csv and
    /// survey (CSV with a mapping). A `.gz` file is decompressed.
    ///
    /// The mapping file (TOML) for csv: `case_id`, `activity` or `activity_constant`,
    /// `timestamp`, `timestamp_format` (strftime, else ISO 8601), `date_parts = [year, month,
    /// day]`, `attributes = [columns]`. For survey: `respondent = [columns]`,
    /// `respondent_prefix`, `journey`, and `[[questions]]` with `columns = [..]`, `touchpoint`,
    /// `journey`, `kind` (csat or nps), `values = { "satisfied" = 5, .. }` for a categorical
    /// column; without a mapping a survey is read as the SFO airport survey (Q7* ratings,
    /// NETPRO as NPS), respondents prefixed with the file name. Both: `delimiter` ("," ";"
    /// "\t" or "whitespace") and `columns = [..]` naming the columns of a file without a
    /// header line. See docs/mappings/README.md.
    #[command(verbatim_doc_comment)]
    Import {
        file: PathBuf,
        #[arg(long)]
        workspace: String,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
        /// The file's format (default: from its extension; `.csv` is read as csv).
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// A TOML column mapping for csv (required) and survey (optional).
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// When survey answers were given (`2017-05-01` or RFC 3339; default: January 1st of a
        /// year in the file name).
        #[arg(long)]
        at: Option<String>,
        /// List every rejected row, not only the first 20.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Export a workspace's stored events in arrival order: NDJSON (each event's Segment
    /// JSON as stored), CSV (seq, message_id, type, event, name, user_id, anonymous_id,
    /// timestamp, received_at, properties, traits, context) or Parquet (the same columns,
    /// typed), written while read.
    Export {
        #[command(flatten)]
        target: ExportTarget,
        /// Only events that happened at or after this time (RFC 3339, or a date).
        #[arg(long)]
        from: Option<String>,
        /// Only events that happened before this time (RFC 3339, or a date).
        #[arg(long)]
        to: Option<String>,
        /// Only events of these types (comma separated).
        #[arg(long = "type", value_delimiter = ',',
              value_parser = ["identify", "track", "page", "screen", "group", "alias"])]
        types: Vec<String>,
        /// Only track events of this name.
        #[arg(long)]
        event: Option<String>,
        /// Only this customer's events: any of their ids (every id stitched to it counts).
        #[arg(long)]
        customer: Option<String>,
    },
}

/// What `stig events export` and `stig customers export` write to.
#[derive(Args, Debug, Clone)]
pub struct ExportTarget {
    #[arg(long)]
    pub workspace: String,
    #[arg(long, default_value = "stig.db", env = "STIG_DB")]
    pub db: PathBuf,
    /// Output file (`-`: standard output).
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
    /// ndjson, csv (RFC 4180) or parquet (default: from the output's extension; ndjson on
    /// standard output).
    #[arg(long, value_parser = ["ndjson", "csv", "parquet"])]
    pub format: Option<String>,
}

#[derive(Subcommand)]
pub enum CustomersCommand {
    /// Export every customer profile (ids, name, status, persona, channel, first and last
    /// seen, counts, traits, lifecycle, journey runs with their touchpoint hits, answers) in
    /// profile-id order. NDJSON nests the lists; CSV and Parquet have one row per customer
    /// with the lists as JSON text.
    Export {
        #[command(flatten)]
        target: ExportTarget,
        /// Only customers of this lifecycle status.
        #[arg(long, value_parser = ["active", "churned", "prospect"])]
        status: Option<String>,
    },
    /// Erase one person (GDPR art. 17) by any of their ids: every event of every id stitched
    /// to theirs, kept refusals quoting them, their moment firings (kept anonymous), pending
    /// deliveries (cancelled) and tasks; the bytes scrubbed from the database files and the
    /// snapshots. Prints the receipt (no personal data). Run it with no `stig serve` on the
    /// database (a running server: use the API or the profile page).
    Erase {
        /// A user id, anonymous id or alias of the person.
        id: String,
        #[arg(long)]
        workspace: String,
        /// Also refuse their later events (their ids kept as salted SHA-256 hashes).
        #[arg(long)]
        suppress: bool,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// Everything Stig holds about one person, found by any of their ids, as one JSON
    /// document (GDPR art. 15 and 20): ids, profile with trait history and consent, events,
    /// feedback, moment firings with deliveries, tasks.
    ExportPerson {
        /// A user id, anonymous id or alias of the person.
        id: String,
        #[arg(long)]
        workspace: String,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
        /// Where to write (`-`: standard output).
        #[arg(short, long, default_value = "-")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ImportFormat {
    Ndjson,
    Csv,
    Xes,
    Survey,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user; the password comes from STIG_USER_PASSWORD, else is generated and printed once.
    Add {
        name: String,
        /// viewer (reads), editor (also edits workspaces) or admin (also manages users).
        #[arg(long, default_value = "editor")]
        role: String,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// List the users and their roles.
    List {
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Print a new API token for USER (shown once; store it as a secret).
    Create {
        #[arg(long)]
        user: String,
        /// A label to recognise the token by.
        #[arg(long, default_value = "cli")]
        label: String,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum SourceCommand {
    /// Create a source of events in a workspace and print its write key (shown once): the
    /// key Segment SDKs send as their write key to `/v1/*`.
    Create {
        #[arg(long)]
        workspace: String,
        /// A name to recognise the source by (e.g. "Website").
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum MomentsCommand {
    /// How often a moment would have fired over the stored events: per persona, per week,
    /// with sample customers. The moment need not be enabled.
    Backtest {
        #[arg(long)]
        workspace: String,
        /// The moment's id.
        moment: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain: prints OK with the count and the last hash, or the first broken
    /// entry and why (hash mismatch, prev mismatch, gap) and exits with 1.
    Verify {
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// Every entry, oldest first, on standard output.
    Export {
        /// `jsonl` (one JSON object a line) or `csv`.
        #[arg(long, default_value = "jsonl")]
        format: String,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum SecretCommand {
    /// Sets a workspace secret. Without `--value` (or `STIG_SECRET_VALUE`) a webhook signing
    /// secret (`whsec_…`) is generated and printed once, for the receiver to verify with.
    Set {
        #[arg(long)]
        workspace: String,
        /// The name moments refer to it by (e.g. `secret = "duty-manager"`).
        name: String,
        #[arg(long, env = "STIG_SECRET_VALUE", hide_env_values = true)]
        value: Option<String>,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// Lists a workspace's secrets by name (values are never shown).
    List {
        #[arg(long)]
        workspace: String,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum BenchName {
    /// Check and render generated workspaces of 50, 500 and 5,000 steps.
    Render,
    /// Load the journey map page and a JSON endpoint with 32 connections, next to a static file.
    Http,
    /// Store events through HTTP `/v1/batch` (32 connections) and `stig events import`, each
    /// next to plain SQLite inserts of the same rows.
    Ingest,
    /// Ingest with 100 live business moments next to none, same run; and the time from an
    /// event to its moment's webhook arriving (p50, p99).
    Moments,
    /// Funnel, top variants, NPS per persona × touchpoint and monthly acquisition/churn on the
    /// insight index of generated events, next to DuckDB (PyPI) on the same events.
    Insight,
    /// Persona discovery (k-means, k = 8) on generated customers × 64 tag preferences, next
    /// to scikit-learn's KMeans (PyPI) on the same matrix.
    Personas,
    /// The live runtime on generated events: restart from a snapshot, design edits and
    /// sustained ingest while reading, next to a full rebuild of the same events.
    Live,
}

/// What `stig report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Pdf,
    Html,
    Json,
}

#[derive(Subcommand)]
pub enum PersonasCommand {
    /// Cluster customers by what they love and hate (k chosen from the data); describe each
    /// type and the persona it resembles, or that none does.
    Discover {
        #[arg(long)]
        workspace: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
    /// How poorly demographics predict the customer type, satisfaction and churn, with real
    /// twin pairs of different types.
    Twins {
        #[arg(long)]
        workspace: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "stig.db", env = "STIG_DB")]
        db: PathBuf,
    },
}
