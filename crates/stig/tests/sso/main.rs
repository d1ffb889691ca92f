//! Single sign-on against a real, certified OpenID Provider on loopback (panva's
//! `oidc-provider` from npm, installed under `target/oidc-provider`, run by `provider.mjs`),
//! and login throttling, on a real `stig serve`, driven over HTTP like a browser would:
//! `/login/sso` → the provider's login and consent forms → Stig's callback → a session with
//! the role the `groups` claim maps to. A second sign-in reuses the user; an account whose
//! groups map to no role, an answer with another `state`, and ID tokens altered on the way
//! (another subject under the provider's signature, or the right claims signed by a foreign
//! key) are refused with a clear page and no session.
//!
//! Needs node and npm; skips with a message without them unless `STIG_REQUIRE_NODE=1`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../support/process.rs"]
#[allow(dead_code)] // Basic auth's base64 is not needed here.
mod process;
use process::{Killed, free_port, stig};

mod browser;
mod throttle;

use browser::{Browser, Page, form, set};

const WS: &str = "arctic-winter";
const ADMIN_PASSWORD: &str = "sso-test-admin-Qw82";
const CLIENT_SECRET: &str = "sso-test-client-secret-Zr51";

/// `target/oidc-provider` with `oidc-provider` installed and `provider.mjs` beside it (an ES
/// module finds its packages from where it lies); `None` without node and npm, unless
/// required. Installed once per test process.
fn provider_dir() -> Option<PathBuf> {
    let required = std::env::var("STIG_REQUIRE_NODE").is_ok_and(|v| v == "1");
    let (Some(node), Some(npm)) = (which("node"), which("npm")) else {
        assert!(
            !required,
            "STIG_REQUIRE_NODE=1 but node or npm is not installed"
        );
        eprintln!("SKIPPED: node or npm is not installed, so oidc-provider cannot run");
        return None;
    };
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/oidc-provider");
        let loads = || {
            Command::new(&node)
                .args([
                    "--input-type=module",
                    "-e",
                    "import 'oidc-provider'; import 'jose';",
                ])
                .current_dir(&dir)
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        std::fs::create_dir_all(&dir).expect("target/oidc-provider");
        if !loads() {
            // A package.json of its own, so that npm installs here and not in a parent.
            std::fs::write(
                dir.join("package.json"),
                "{\"name\": \"stig-oidc-provider-test\", \"private\": true}\n",
            )
            .expect("package.json");
            let ok = Command::new(&npm)
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error",
                    "oidc-provider@9",
                ])
                .current_dir(&dir)
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                ok && loads(),
                "could not install oidc-provider from npm into {}",
                dir.display()
            );
        }
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sso/provider.mjs"),
            dir.join("provider.mjs"),
        )
        .expect("provider.mjs");
        dir
    });
    Some(dir.clone())
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

fn wait_for(url: &str) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into();
    let started = Instant::now();
    while agent.get(url).call().is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "{url} answers");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A provider and a Stig that signs in through it.
struct Bench {
    base: String,
    issuer: String,
    db: String,
    tmp: tempfile::TempDir,
    _provider: Killed,
    _stig: Killed,
}

fn bench(dir: &Path, extra: &[&str]) -> Bench {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp
        .path()
        .join("sso.db")
        .to_str()
        .expect("utf-8")
        .to_owned();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig(&["import", example.to_str().expect("utf-8"), "--db", &db]);
    let (port, provider_port) = (free_port(), free_port());
    let base = format!("http://127.0.0.1:{port}");
    let issuer = format!("http://127.0.0.1:{provider_port}");
    let provider = Killed(
        Command::new("node")
            .arg("provider.mjs")
            .args([
                provider_port.to_string(),
                format!("{base}/login/sso/callback"),
                CLIENT_SECRET.to_owned(),
            ])
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(tmp.path().join("provider.log")).expect("log"))
            .spawn()
            .expect("the provider starts"),
    );
    wait_for(&format!("{issuer}/.well-known/openid-configuration"));
    let stig_server = Killed(
        Command::new(env!("CARGO_BIN_EXE_stig"))
            .args(["serve", "--db", &db, "--addr", &format!("127.0.0.1:{port}")])
            .args(["--oidc-issuer", &issuer, "--oidc-client-id", "stig"])
            .args(["--oidc-scopes", "openid profile email groups"])
            .args(["--oidc-roles", "stig-admins=admin,stig-editors=editor"])
            .args(["--oidc-name", "Nordlys ID"])
            .args(extra)
            .env("STIG_OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("STIG_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env_remove("STIG_PUBLIC_URL")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(tmp.path().join("stig.log")).expect("log"))
            .spawn()
            .expect("stig serve starts"),
    );
    wait_for(&format!("{base}/healthz"));
    Bench {
        base,
        issuer,
        db,
        tmp,
        _provider: provider,
        _stig: stig_server,
    }
}

impl Bench {
    /// Stig's log, for assertions that nothing secret reached it.
    fn stig_log(&self) -> String {
        std::fs::read_to_string(self.tmp.path().join("stig.log")).unwrap_or_default()
    }
}

/// From `/login/sso` through the provider's login (as `account`) and consent forms, up to
/// the redirect back to Stig's callback, which is returned unfollowed.
fn to_callback(b: &mut Browser, bench: &Bench, account: &str) -> String {
    let mut page = b.get(&format!("{}/login/sso?next=/w/{WS}/journeys", bench.base));
    assert_eq!(page.status, 303, "to the provider: {}", page.body);
    let mut url = page.location.clone().expect("location");
    assert!(url.starts_with(&format!("{}/auth?", bench.issuer)), "{url}");
    for needed in [
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "client_id=stig",
    ] {
        assert!(url.contains(needed), "{needed} in {url}");
    }
    for _ in 0..20 {
        if url.starts_with(&format!("{}/login/sso/callback", bench.base)) {
            return url;
        }
        page = b.get(&url);
        if let Some(next) = &page.location {
            url = next.clone();
            continue;
        }
        assert_eq!(page.status, 200, "{url}: {}", page.body);
        let (action, mut fields) = form(&url, &page.body);
        if fields.iter().any(|(k, _)| k == "login") {
            set(&mut fields, "login", account);
            set(&mut fields, "password", "any password the dev form takes");
        }
        page = b.post_form(&action, &fields);
        url = page
            .location
            .clone()
            .unwrap_or_else(|| panic!("{action} answered {}: {}", page.status, page.body));
    }
    panic!("no way back to Stig from the provider (last at {url})");
}

fn signed_in(b: &Browser, bench: &Bench) -> bool {
    b.cookie(&bench.base, "stig_session").is_some()
}

fn users(bench: &Bench) -> String {
    stig(&["user", "list", "--db", &bench.db])
}

fn assert_refused(page: &Page, status: u16, says: &[&str]) {
    assert_eq!(page.status, status, "{}", page.body);
    for s in says {
        assert!(page.body.contains(s), "{s:?} in:\n{}", page.body);
    }
}

#[test]
fn sign_in_through_a_certified_provider_gives_the_mapped_role() {
    let Some(dir) = provider_dir() else {
        return;
    };
    let bench = bench(&dir, &[]);

    // The login page offers the provider beside the password form.
    let mut b = Browser::new();
    let login = b.get(&format!("{}/login", bench.base));
    assert!(
        login.body.contains("Sign in with Nordlys ID"),
        "{}",
        login.body
    );
    assert!(login.body.contains("name=\"password\""));

    // Kari is in `stig-editors`: an editor, made at her first sign-in.
    let callback = to_callback(&mut b, &bench, "kari");
    assert!(
        callback.contains(&format!("iss={}", "http%3A%2F%2F127.0.0.1")),
        "{callback}"
    );
    let back = b.get(&callback);
    assert_eq!(back.status, 303, "{}", back.body);
    assert_eq!(
        back.location.as_deref(),
        Some(format!("{}/w/{WS}/journeys", bench.base).as_str())
    );
    assert!(signed_in(&b, &bench));
    assert!(
        b.cookie(&bench.base, "stig_sso").is_none(),
        "one answer per sign-in"
    );
    let journeys = b.get(&format!("{}/w/{WS}/journeys", bench.base));
    assert_eq!(journeys.status, 200);
    let edit = b.get(&format!("{}/w/{WS}/personas/new", bench.base));
    assert_eq!(edit.status, 200, "an editor may edit: {}", edit.body);
    let admin = b.get(&format!("{}/admin/users", bench.base));
    assert_eq!(admin.status, 403, "an editor is no admin");
    let list = users(&bench);
    assert!(
        list.lines()
            .any(|l| l.contains("kari") && l.contains("editor")),
        "{list}"
    );

    // A second sign-in is the same user.
    let mut again = Browser::new();
    let callback = to_callback(&mut again, &bench, "kari");
    assert_eq!(again.get(&callback).status, 303);
    assert!(signed_in(&again, &bench));
    let list = users(&bench);
    assert_eq!(list.matches("kari").count(), 1, "{list}");

    // Ola's groups map to no role: refused, and why.
    let mut ola = Browser::new();
    let callback = to_callback(&mut ola, &bench, "ola");
    let refused = ola.get(&callback);
    assert_refused(
        &refused,
        403,
        &["has no role in Stig", "`outsiders`", "`stig-editors`"],
    );
    assert!(!signed_in(&ola, &bench));
    assert!(!users(&bench).contains("ola"));

    // An answer whose state is not this browser's sign-in's.
    let mut forger = Browser::new();
    let callback = to_callback(&mut forger, &bench, "kari");
    let (head, state) = callback.split_once("state=").expect("state");
    let state_end = state.find('&').unwrap_or(state.len());
    let forged = format!("{head}state=forged-{}", &state[state_end..]);
    assert_refused(&forger.get(&forged), 400, &["state is not the one"]);
    assert!(!signed_in(&forger, &bench));
    // The sign-in is spent: the right answer after a wrong one is refused too.
    assert_refused(&forger.get(&callback), 400, &["no sign-in in progress"]);
    assert!(!signed_in(&forger, &bench));

    // ID tokens altered between the provider and Stig are refused by their signature.
    for mode in ["payload", "foreign-key"] {
        let mut victim = Browser::new();
        let armed = victim.get(&format!("{}/test/tamper?mode={mode}", bench.issuer));
        assert_eq!(armed.status, 200);
        let callback = to_callback(&mut victim, &bench, "kari");
        let page = victim.get(&callback);
        assert_refused(
            &page,
            400,
            &["ID token was refused", "signature does not match"],
        );
        assert!(!signed_in(&victim, &bench), "{mode}: no session");
    }
    assert!(
        !users(&bench).contains("ola"),
        "the altered subject made no user"
    );

    let log = bench.stig_log();
    assert!(
        !log.contains(CLIENT_SECRET),
        "the client secret is never logged"
    );
    assert!(
        log.contains("kind=\"forged\"") || log.contains("forged"),
        "{log}"
    );
}

#[test]
fn sso_only_turns_the_password_form_off() {
    let Some(dir) = provider_dir() else {
        return;
    };
    let bench = bench(&dir, &["--sso-only"]);
    let mut b = Browser::new();
    let login = b.get(&format!("{}/login", bench.base));
    assert!(
        login.body.contains("Sign in with Nordlys ID"),
        "{}",
        login.body
    );
    assert!(
        !login.body.contains("name=\"password\""),
        "no password form"
    );
    // Posting a password anyway is refused, even the right one.
    let csrf = b
        .cookie(&bench.base, "stig_login_csrf")
        .expect("csrf cookie");
    let page = b.post_form(
        &format!("{}/login", bench.base),
        &[
            ("user".into(), "admin".into()),
            ("password".into(), ADMIN_PASSWORD.into()),
            ("csrf".into(), csrf),
            ("next".into(), "/".into()),
        ],
    );
    assert_refused(
        &page,
        403,
        &["Password sign-in is turned off", "Nordlys ID"],
    );
    assert!(!signed_in(&b, &bench));
    // The provider still signs people in; the CLI still manages users (the way back in).
    let callback = to_callback(&mut b, &bench, "kari");
    assert_eq!(b.get(&callback).status, 303);
    assert!(signed_in(&b, &bench));
    assert!(users(&bench).contains("admin"));
}
