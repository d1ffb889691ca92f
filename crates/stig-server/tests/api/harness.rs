//! A server on a fresh store holding the arctic-winter example, with one user per role.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response, header};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use std::sync::Arc;
use tower::ServiceExt;

use stig_server::{AppState, Config, app};
use stig_store::{Role, SqliteStore, Store, StoreExt};

pub const WS: &str = "arctic-winter";

pub struct Harness {
    pub router: Router,
    pub store: Arc<SqliteStore>,
    pub viewer: String,
    pub editor: String,
    pub admin: String,
    _dir: tempfile::TempDir,
}

impl Harness {
    pub async fn new() -> Harness {
        Harness::with_config(Config::read_your_writes()).await
    }

    /// A harness whose server runs with `config`.
    pub async fn with_config(config: Config) -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Arc::new(
            SqliteStore::open(dir.path().join("t.db"))
                .await
                .expect("store"),
        );
        let example =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
        let ws = stig_model::code::load_dir(&example)
            .expect("example")
            .workspace;
        store
            .import_workspace(WS, &ws, "test")
            .await
            .expect("import");
        let mut tokens = Vec::new();
        for (name, role) in [
            ("vera", Role::Viewer),
            ("erik", Role::Editor),
            ("admin", Role::Admin),
        ] {
            let u = store
                .add_user(name, &format!("{name}-password"), role)
                .await
                .expect("user");
            tokens.push(store.create_api_token(u.id, "test").await.expect("token"));
        }
        let state = AppState::new(store.clone(), config);
        Harness {
            router: app(state),
            store,
            admin: tokens.pop().expect("admin"),
            editor: tokens.pop().expect("editor"),
            viewer: tokens.pop().expect("viewer"),
            _dir: dir,
        }
    }

    /// Sends `req` as a client on loopback would (the peer a socket would give), unless the
    /// request names its own `ConnectInfo`.
    pub async fn send(&self, mut req: Request<Body>) -> Response<Body> {
        if req.extensions().get::<ConnectInfo<SocketAddr>>().is_none() {
            req.extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
        }
        self.router.clone().oneshot(req).await.expect("a response")
    }

    /// A JSON request with a bearer token (and an If-Match when given).
    pub async fn api(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> (u16, Option<String>, serde_json::Value, Response<Body>) {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(m) = if_match {
            req = req.header(header::IF_MATCH, m);
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .expect("request");
        let res = self.send(req).await;
        let status = res.status().as_u16();
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
        (
            status,
            content_type,
            json,
            Response::from_parts(parts, Body::from(bytes)),
        )
    }
}

pub async fn text(res: Response<Body>) -> String {
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `bin` on the `PATH`.
pub fn which(bin: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(bin))
        .find(|p| p.is_file())
}

/// The Python of a venv under `target/<name>` holding `packages` from PyPI, made with
/// `python` unless `import` already runs in it. Panics saying what could not be installed.
pub fn python_venv(
    python: &std::path::Path,
    name: &str,
    import: &str,
    packages: &[&str],
) -> std::path::PathBuf {
    let venv = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target")
        .join(name);
    let venv_python = venv.join("bin/python");
    let installed = || {
        std::process::Command::new(&venv_python)
            .args(["-c", import])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !installed() {
        let ok = std::process::Command::new(python)
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && std::process::Command::new(&venv_python)
                .args(["-m", "pip", "install", "-q"])
                .args(packages)
                .status()
                .is_ok_and(|s| s.success());
        assert!(
            ok && installed(),
            "could not install {} from PyPI into {}",
            packages.join(", "),
            venv.display()
        );
    }
    venv_python
}
