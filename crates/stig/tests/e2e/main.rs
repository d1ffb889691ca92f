//! End-to-end tests in real headless Chromium, driven over WebDriver (chromedriver): log in,
//! open the gallery, edit a step and see the map change, switch to Norwegian, export a PDF,
//! and find the edit again after a restart with `stig export`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them and sets
//! `STIG_REQUIRE_BROWSER=1`, which turns a missing browser into a failure instead of a skip).
//! Screenshots of every page it visits land in `target/e2e/`.

mod browser_sdk;
mod phone;

#[allow(dead_code)]
#[path = "../support/process.rs"]
mod process;

use fantoccini::{Client, ClientBuilder, Locator};
use process::{Killed, free_port};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "e2e-secret-password";

fn browser_available() -> bool {
    let found = ["chromium", "chromedriver"].iter().all(|b| {
        Command::new(b)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if !found {
        assert!(
            std::env::var("STIG_REQUIRE_BROWSER").is_err(),
            "STIG_REQUIRE_BROWSER is set but chromium or chromedriver is missing"
        );
        eprintln!(
            "SKIPPED: end-to-end browser tests need chromium and chromedriver (apt-get install chromium chromium-driver)"
        );
    }
    found
}

/// A headless Chromium under a chromedriver of its own. Hold it for the test's length: the
/// driver is killed and the profile removed when it drops.
struct Browser {
    client: Client,
    _driver: Killed,
    _profile: tempfile::TempDir,
}

/// Starts chromedriver and a session in headless Chromium with `args` beside the common
/// ones, and Chromium preferences `prefs` if any.
async fn open_browser(args: &[&str], prefs: Option<serde_json::Value>) -> Browser {
    let driver_port = free_port();
    let driver = Killed(
        Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    wait_for(&format!("http://127.0.0.1:{driver_port}/status"));
    let profile = tempfile::tempdir().expect("profile dir");
    let mut all: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .chain(args)
    .map(|a| a.to_string())
    .collect();
    all.push(format!("--user-data-dir={}", profile.path().display()));
    let mut options = serde_json::json!({"binary": "/usr/bin/chromium", "args": all});
    if let Some(prefs) = prefs {
        options["prefs"] = prefs;
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("a WebDriver session");
    Browser {
        client,
        _driver: driver,
        _profile: profile,
    }
}

fn wait_for(url: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if ureq::get(url).call().is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("{url} did not come up within 60 s");
}

fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e");
    dir
}

async fn shot(c: &Client, name: &str) {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(shots_dir().join(format!("{name}.png")), png);
    }
}

/// Fills the login form on the current page as `admin` and sends it.
async fn submit_login(c: &Client, password: &str) {
    c.find(Locator::Css("input[name=user]"))
        .await
        .expect("user field")
        .send_keys("admin")
        .await
        .expect("type");
    c.find(Locator::Css("input[name=password]"))
        .await
        .expect("password field")
        .send_keys(password)
        .await
        .expect("type");
    c.find(Locator::Css("form[action='/login'] button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
}

async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cx_lead_logs_in_edits_a_step_switches_language_and_exports() {
    if !browser_available() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("e2e.db");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Killed(
        Command::new(env!("CARGO_BIN_EXE_stig"))
            .args([
                "demo",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--db",
                db.to_str().expect("path"),
            ])
            .env("STIG_ADMIN_PASSWORD", PASSWORD)
            .stdout(Stdio::null())
            .spawn()
            .expect("stig demo starts"),
    );
    wait_for(&format!("{base}/healthz"));

    let browser = open_browser(
        &["--disable-quic", "--window-size=1440,1000", "--lang=en-US"],
        None,
    )
    .await;
    let c = browser.client.clone();

    // Everything but the login page needs a session.
    c.goto(&format!("{base}/w/arctic-winter/personas"))
        .await
        .expect("goto");
    assert!(
        c.current_url()
            .await
            .expect("url")
            .path()
            .starts_with("/login"),
        "an anonymous visit must land on the login page"
    );
    shot(&c, "01-login").await;

    // Log in; we come back to the page we asked for.
    submit_login(&c, PASSWORD).await;
    c.wait()
        .for_url(&url::Url::parse(&format!("{base}/w/arctic-winter/personas")).expect("url"))
        .await
        .expect("back at the gallery");
    shot(&c, "02-gallery").await;

    // The gallery shows the personas, by loves and hates.
    let ws = stig_model::code::load_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter"),
    )
    .expect("example")
    .workspace;
    let text = body_text(&c).await;
    for p in &ws.personas {
        assert!(text.contains(&p.name), "the gallery lacks {}", p.name);
        assert!(
            text.contains(&p.loves[0]),
            "the gallery lacks {}'s love {}",
            p.name,
            p.loves[0]
        );
    }

    // Edit the first step of the first journey; the map shows the new action.
    let journey = &ws.journeys[0];
    let step = &journey.steps[0];
    let new_action = "E2E: bestiller nordlystur på fjorden";
    c.goto(&format!(
        "{base}/w/arctic-winter/journeys/{}/steps/{}/edit",
        journey.id, step.id
    ))
    .await
    .expect("edit page");
    shot(&c, "03-step-edit").await;
    let field = c
        .find(Locator::Css("input[name=action]"))
        .await
        .expect("action field");
    field.clear().await.expect("clear");
    field.send_keys(new_action).await.expect("type");
    c.find(Locator::Css("form.stack button[type=submit]"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    c.wait()
        .for_element(Locator::Css("svg.journey-map"))
        .await
        .expect("the journey map");
    shot(&c, "04-map-after-edit").await;
    let svg = c
        .find(Locator::Css("svg.journey-map"))
        .await
        .expect("svg")
        .html(false)
        .await
        .expect("svg html");
    assert!(
        svg.contains("E2E: bestiller nordlystur"),
        "the map does not show the edited step"
    );

    // Switch to Norwegian: the navigation speaks bokmål. The language select sits in the
    // menu, which a narrow window folds away: open it as a person would.
    c.execute(
        "const m = document.querySelector('details.menu'); if (m) m.open = true;",
        vec![],
    )
    .await
    .expect("open the menu");
    let select = c
        .find(Locator::Css("select#locale"))
        .await
        .expect("language select");
    select.select_by_value("nb").await.expect("choose nb");
    c.wait()
        .for_element(Locator::Css("html[lang='nb']"))
        .await
        .expect("a page in bokmål");
    let source = c.source().await.expect("page source");
    assert!(
        source.contains(">Oversikt<"),
        "the navigation speaks bokmål"
    );
    shot(&c, "05-norwegian").await;

    // Export the map as PDF, with the browser's session.
    let href = c
        .find(Locator::Css("a[href*='map.pdf']"))
        .await
        .expect("PDF export link")
        .attr("href")
        .await
        .expect("attr")
        .expect("href");
    let cookie = c
        .get_named_cookie("stig_session")
        .await
        .expect("session cookie");
    let url = if href.starts_with('/') {
        format!("{base}{href}")
    } else {
        href
    };
    let mut res = ureq::get(&url)
        .header("Cookie", &format!("stig_session={}", cookie.value()))
        .call()
        .expect("PDF export");
    let pdf = res.body_mut().read_to_vec().expect("PDF bytes");
    assert!(pdf.starts_with(b"%PDF-"), "the export is not a PDF");
    assert!(pdf.len() > 10_000, "the PDF is suspiciously small");

    c.close().await.expect("close the browser");
    drop(server);

    // The edit survived: it is in the database and comes out of `stig export`.
    let out = tmp.path().join("exported");
    let status = Command::new(env!("CARGO_BIN_EXE_stig"))
        .args([
            "export",
            "arctic-winter",
            out.to_str().expect("path"),
            "--db",
            db.to_str().expect("path"),
        ])
        .status()
        .expect("stig export runs");
    assert!(status.success());
    let exported = std::fs::read_to_string(out.join(format!("journeys/{}.toml", journey.id)))
        .expect("exported journey");
    assert!(
        exported.contains(new_action),
        "the edit is not in the export"
    );
}
