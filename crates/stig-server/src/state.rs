//! The one piece of shared state every handler gets.

use std::sync::Arc;

use stig_runtime::{Collector, MomentsContext, MomentsRuntime};
use stig_store::Store;

use crate::cache::Cache;
use crate::i18n::I18n;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub i18n: Arc<I18n>,
    pub config: Arc<Config>,
    pub cache: Arc<Cache>,
    /// The event collector's queue and group-commit writer (the runtime's ingestion).
    pub collector: Arc<Collector>,
    /// Customers and the insight index, kept current from the events off the request path.
    pub live: Arc<stig_runtime::Live>,
    /// Business moments (run by the runtime): target policy, retries, and the evaluator's
    /// and sender's bells.
    pub moments: Arc<MomentsRuntime>,
    /// Workspaces to start from on the "new workspace" page (the binary fills it).
    pub templates: Arc<crate::ui::workspaces::Templates>,
}

/// Server settings that are not data.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Mark cookies `Secure` (serve behind HTTPS). Off for plain-HTTP local use.
    pub secure_cookies: bool,
    /// The address people reach this server at (survey links in emails); `STIG_PUBLIC_URL`
    /// overrides it.
    pub public_url: Option<String>,
    /// How the live derived state is kept (snapshots, how long a read may wait).
    pub live: stig_runtime::LiveConfig,
    /// The bearer token `/metrics` asks for on the main address (`STIG_METRICS_TOKEN`);
    /// `None`: served only on a separate metrics address.
    pub metrics_token: Option<String>,
    /// Peers whose `X-Forwarded-For`/`-Proto` are believed (`--trusted-proxies`); from any
    /// other peer those headers are ignored. Empty: none.
    pub trusted_proxies: crate::client_addr::TrustedProxies,
    /// Connections open at once and the header/idle timeout (`serve`).
    pub limits: crate::listen::Limits,
    /// Single sign-on through an OpenID Connect provider (`--oidc-issuer` …); `None`:
    /// passwords only.
    pub oidc: Option<Arc<crate::auth::oidc::Oidc>>,
    /// Password sign-in turned off (`--sso-only`): the provider signs people in; the CLI
    /// (`stig user`, `stig token`) still works, as the way back in when it is down.
    pub sso_only: bool,
    /// Failed sign-ins allowed per account and per client address, and over how long.
    pub login_throttle: crate::auth::throttle::ThrottleConfig,
}

impl Config {
    /// Defaults, except that a read of derived state waits (up to 30 s) for the events
    /// stored before it to be absorbed: what tests and scripts that store and then read
    /// need. A served workspace answers at once instead.
    pub fn read_your_writes() -> Config {
        Config {
            live: stig_runtime::LiveConfig {
                read_wait: std::time::Duration::from_secs(30),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// `STIG_PUBLIC_URL` when set (trimmed, without a trailing slash): where people reach
    /// this server, over anything the server would work out itself.
    pub fn public_url_from_env() -> Option<String> {
        stig_runtime::moments::public_url_from_env()
    }
}

impl AppState {
    /// Must be called within a tokio runtime (the live workers reach the store through it).
    pub fn new(store: Arc<dyn Store>, config: Config) -> Self {
        AppState {
            live: stig_runtime::Live::new(store.clone(), config.live.clone()),
            store,
            i18n: Arc::new(I18n::new()),
            config: Arc::new(config),
            cache: Arc::new(Cache::default()),
            collector: Arc::new(Collector::default()),
            moments: Arc::new(MomentsRuntime::default()),
            templates: Arc::default(),
        }
    }

    /// What the runtime's moments evaluator and sender need of this server: its store,
    /// workspace cache, moments settings, address and message files.
    /// `stig_runtime::moments::start(state.moments_context())` starts them.
    pub fn moments_context(&self) -> MomentsContext {
        MomentsContext {
            store: self.store.clone(),
            workspaces: self.cache.workspaces(),
            runtime: self.moments.clone(),
            public_url: self.config.public_url.clone(),
            texts: self.i18n.clone(),
        }
    }
}
