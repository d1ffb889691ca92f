//! Login throttling on a real `stig serve` (no provider needed): 40 wrong passwords, then the
//! right one is refused (429, a localized message saying when, `Retry-After`) until the window
//! has passed; another account from the same address is refused by the address limit; a
//! right password clears its account's count.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::browser::{Browser, Page};
use crate::process::{Killed, free_port, stig};

const PASSWORD: &str = "throttle-test-admin-Lm39";
const OLA_PASSWORD: &str = "throttle-test-ola-Vn27";
/// Short, so the test can wait it out; long enough for 40 attempts to fit in it.
const WINDOW_SECS: u64 = 6;

fn sign_in(b: &mut Browser, base: &str, user: &str, password: &str) -> Page {
    b.get(&format!("{base}/login"));
    let csrf = b
        .cookie(base, "stig_login_csrf")
        .expect("login csrf cookie");
    b.post_form(
        &format!("{base}/login"),
        &[
            ("user".into(), user.into()),
            ("password".into(), password.into()),
            ("csrf".into(), csrf),
            ("next".into(), "/".into()),
        ],
    )
}

#[test]
fn guessing_passwords_is_refused_per_account_and_per_address() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("throttle.db");
    let db = db.to_str().expect("utf-8");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig(&["import", example.to_str().expect("utf-8"), "--db", db]);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _server = Killed(
        Command::new(env!("CARGO_BIN_EXE_stig"))
            .args(["serve", "--db", db, "--addr", &format!("127.0.0.1:{port}")])
            .args(["--login-max-failures", "5"])
            .args(["--login-max-failures-per-address", "20"])
            .args(["--login-window-secs", &WINDOW_SECS.to_string()])
            .env("STIG_ADMIN_PASSWORD", PASSWORD)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("stig serve starts"),
    );
    let mut b = Browser::new();
    let started = Instant::now();
    loop {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        if agent.get(format!("{base}/healthz")).call().is_ok() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "server up");
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(["user", "add", "ola", "--role", "viewer", "--db", db])
        .env("STIG_USER_PASSWORD", OLA_PASSWORD)
        .output()
        .expect("stig user add");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A right password clears the account's count: 4 wrong, right, 4 wrong, right.
    for _ in 0..2 {
        for _ in 0..4 {
            assert_eq!(sign_in(&mut b, &base, "admin", "wrong").status, 401);
        }
        assert_eq!(
            sign_in(&mut Browser::new(), &base, "admin", PASSWORD).status,
            303
        );
    }
    // The 4 + 4 failures count against the address, though: wait them out.
    std::thread::sleep(Duration::from_secs(WINDOW_SECS + 1));

    // 40 wrong passwords: the first 5 are checked, the rest refused unchecked.
    let started = Instant::now();
    let mut statuses = Vec::new();
    for _ in 0..40 {
        statuses.push(sign_in(&mut b, &base, "admin", "guess").status);
    }
    assert_eq!(&statuses[..5], &[401; 5], "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    // Then the right one: refused, saying when to come back.
    let page = sign_in(&mut b, &base, "admin", PASSWORD);
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(
        page.body.contains("Too many failed sign-ins"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Try again in"), "{}", page.body);
    let retry: u64 = page
        .retry_after
        .as_deref()
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!(
        (1..=WINDOW_SECS + 1).contains(&retry),
        "Retry-After {retry}"
    );
    assert!(b.cookie(&base, "stig_session").is_none());
    // Another account from the same address: the address limit (5 + 35 refused ≥ 20).
    let mut nb = Browser::new();
    nb.accept_language = Some("nb".into());
    let page = sign_in(&mut nb, &base, "ola", OLA_PASSWORD);
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(
        page.body
            .contains("For mange mislykkede innlogginger fra nettverksadressen din"),
        "localized, naming the address: {}",
        page.body
    );
    assert!(
        started.elapsed() < Duration::from_secs(WINDOW_SECS),
        "the attempts fit in the window ({:?}); the test cannot tell otherwise",
        started.elapsed()
    );

    // Once the window has passed, the right password works again.
    std::thread::sleep(Duration::from_secs(WINDOW_SECS + 1));
    let page = sign_in(&mut b, &base, "admin", PASSWORD);
    assert_eq!(page.status, 303, "{}", page.body);
    assert!(b.cookie(&base, "stig_session").is_some());
    assert_eq!(
        sign_in(&mut Browser::new(), &base, "ola", OLA_PASSWORD).status,
        303
    );
}
