//! Every logged-in page of `stig demo` in headless Chromium at phone width (390×844) and at
//! 1440×900: no page may scroll sideways (`document.documentElement.scrollWidth` at most the
//! window's width). A failure names the page and the widest element that sticks out. The
//! pages come from the routes (ids found by following the app's own links), plus every link
//! of the top bar and the overview, so that a new section is checked without listing it here.
//! Also: the phone's menu folds the navigation behind one button, the current section is
//! marked (`aria-current`), the skip link leads to the content, a moment's backtest fragment
//! opened directly is a whole styled page, Norwegian words fit as well as English ones, and at
//! 1440 px every text on every page has 4.5:1 contrast with its background.
//! Screenshots land in `target/e2e/phone-*.png`.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use fantoccini::{Client, Locator};
use serde_json::Value;

use super::{Killed, browser_available, free_port, open_browser, shot, submit_login, wait_for};

const PASSWORD: &str = "e2e-phone-password";
const WS: &str = "arctic-winter";

/// Finds, in the page's layout, the element sticking out furthest to the right that no
/// scrolling box of its own contains, as `tag#id.class (left..right px)`.
const WIDEST: &str = r#"
const w = arguments[0];
let worst = null, right = w;
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= right) continue;
  let clipped = false;
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
  }
  if (!clipped) { worst = el; right = r.right; }
}
if (!worst) return null;
const r = worst.getBoundingClientRect();
const cls = typeof worst.className === 'string' && worst.className.trim() ? '.' + worst.className.trim().split(/\s+/).join('.') : '';
return `${worst.tagName.toLowerCase()}${worst.id ? '#' + worst.id : ''}${cls} (${Math.round(r.left)}..${Math.round(r.right)} px)`;
"#;

/// Text below WCAG's contrast (4.5:1, 3:1 for large text) against the first solid background
/// behind it, as `tag.class ratio`; text over gradients, images or see-through parts and
/// inside SVG charts is left out.
const LOW_CONTRAST: &str = r#"
const parse = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const v = m[1].split(',').map(Number); return { c: v.slice(0, 3), a: v.length > 3 ? v[3] : 1 }; };
const lum = c => { const l = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * l(c[0]) + 0.7152 * l(c[1]) + 0.0722 * l(c[2]); };
const out = new Set();
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('svg')) continue;
  const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!text || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
  const cs = getComputedStyle(el); const fg = parse(cs.color); if (!fg || fg.a < 1) continue;
  let bg = [255, 255, 255], skip = false;
  for (let a = el; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.backgroundImage !== 'none' || parseFloat(s.opacity) < 1) { skip = true; break; }
    const c = parse(s.backgroundColor); if (c && c.a === 1) { bg = c.c; break; }
  }
  if (skip) continue;
  const la = lum(fg.c), lb = lum(bg); const r = (Math.max(la, lb) + .05) / (Math.min(la, lb) + .05);
  const size = parseFloat(cs.fontSize);
  const large = size >= 24 || (size >= 18.66 && parseInt(cs.fontWeight) >= 700);
  if (r < (large ? 3 : 4.5)) out.add(`${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, '.')} ${r.toFixed(2)}:1`);
}
return [...out].slice(0, 5).join(', ');
"#;

async fn js(c: &Client, script: &str, args: Vec<Value>) -> Value {
    c.execute(script, args).await.expect("script runs")
}

/// Sets the window so that the page's viewport is `width` × `height` CSS pixels.
async fn viewport(c: &Client, width: u32, height: u32) {
    c.set_window_size(width, height).await.expect("window size");
    let inner = js(c, "return [window.innerWidth, window.innerHeight]", vec![]).await;
    let dw = width as i64 - inner[0].as_i64().unwrap_or(width as i64);
    let dh = height as i64 - inner[1].as_i64().unwrap_or(height as i64);
    if dw != 0 || dh != 0 {
        c.set_window_size((width as i64 + dw) as u32, (height as i64 + dh) as u32)
            .await
            .expect("window size");
    }
    let inner = js(c, "return window.innerWidth", vec![]).await;
    assert_eq!(
        inner.as_u64(),
        Some(width as u64),
        "the browser's viewport could not be made {width} px wide"
    );
}

async fn log_in(c: &Client, base: &str) {
    c.goto(&format!("{base}/login")).await.expect("login page");
    submit_login(c, PASSWORD).await;
    c.wait()
        .for_element(Locator::Css("header.topbar .menu"))
        .await
        .expect("logged in");
}

/// The paths of the links matching `css` on the page at `path`, without fragment and query.
async fn links(c: &Client, base: &str, path: &str, css: &str) -> Vec<String> {
    c.goto(&format!("{base}{path}")).await.expect("goto");
    let found = js(
        c,
        "return [...document.querySelectorAll(arguments[0])].map(a => a.pathname)",
        vec![Value::from(css)],
    )
    .await;
    let mut out: Vec<String> = Vec::new();
    for p in found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !out.iter().any(|o| o == p) {
            out.push(p.to_owned());
        }
    }
    out
}

/// The first link on `path` whose path starts with `prefix` and has `extra` more segments.
/// Pages of live data answer 503 while the demo's index is still being built: ask again
/// for up to two minutes.
async fn first_link(c: &Client, base: &str, path: &str, prefix: &str, extra: usize) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let all = links(c, base, path, "main a[href]").await;
        let found = all.into_iter().find(|l| {
            l.strip_prefix(prefix).is_some_and(|rest| {
                let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
                segments.len() == extra && !segments.contains(&"new")
            })
        });
        match found {
            Some(link) => return link,
            None if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_secs(2));
            }
            None => panic!("{path} links to nothing under {prefix}"),
        }
    }
}

/// Every logged-in page of the demo workspace to look at.
async fn pages(c: &Client, base: &str) -> Vec<String> {
    let w = format!("/w/{WS}");
    let mut pages: Vec<String> = [
        "",
        "/personas",
        "/personas/new",
        "/journeys",
        "/journeys/new",
        "/touchpoints",
        "/touchpoints/new",
        "/goals",
        "/actors/new",
        "/goals/new",
        "/dilemmas",
        "/customers",
        "/sources",
        "/sources/debugger",
        "/insight",
        "/moments",
        "/moments/new",
        "/tasks",
        "/secrets",
        "/deliveries",
        "/settings",
        "/tracking-plan",
        "/guide",
    ]
    .iter()
    .map(|p| format!("{w}{p}"))
    .collect();
    pages.extend(["/admin/users", "/api/docs", "/account", "/workspaces/new"].map(str::to_owned));

    // Ids come from the app's own links.
    let persona = first_link(
        c,
        base,
        &format!("{w}/personas"),
        &format!("{w}/personas/"),
        1,
    )
    .await;
    let journey = first_link(
        c,
        base,
        &format!("{w}/journeys"),
        &format!("{w}/journeys/"),
        1,
    )
    .await;
    let customer = first_link(
        c,
        base,
        &format!("{w}/customers"),
        &format!("{w}/customers/"),
        1,
    )
    .await;
    let moment = first_link(
        c,
        base,
        &format!("{w}/moments"),
        &format!("{w}/moments/"),
        1,
    )
    .await;
    let sources = links(c, base, &format!("{w}/sources"), "main a[href]").await;
    let connect = sources
        .iter()
        .find(|l| l.ends_with("/connect"))
        .expect("a source's connect page")
        .clone();
    let destinations = sources
        .iter()
        .find(|l| l.ends_with("/destinations"))
        .expect("a source's destinations page")
        .clone();
    let tabs = links(c, base, &format!("{w}/insight"), "nav.tabs a[href]").await;
    assert!(tabs.len() >= 5, "the insight page has its tabs: {tabs:?}");
    let step_new = format!("{journey}/steps/new");
    let backtest = format!("{moment}/backtest");
    for p in [
        persona,
        journey,
        customer,
        moment,
        connect,
        destinations,
        step_new,
        backtest,
    ] {
        pages.push(p);
    }
    pages.extend(tabs);

    // Whatever the top bar and the overview link to (new sections included).
    let mut more = links(c, base, &w, "header.topbar a[href], main a[href]").await;
    more.retain(|l| {
        let download = [".zip", ".pdf", ".svg", ".png", ".json", ".csv"]
            .iter()
            .any(|x| l.ends_with(x));
        let other_workspace = l.starts_with("/w/") && !l.starts_with(&w);
        !download && !other_workspace && l != "/"
    });
    for l in more {
        if !pages.contains(&l) {
            pages.push(l);
        }
    }
    pages
}

/// Visits each page at the current width; returns the failures, each naming the page.
async fn sideways(c: &Client, base: &str, pages: &[String], width: u32, tag: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for path in pages {
        c.goto(&format!("{base}{path}")).await.expect("goto");
        let status = js(
            c,
            "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0",
            vec![],
        )
        .await;
        assert_eq!(status, 200, "{path} answered {status}, not a page");
        let scroll = js(c, "return document.documentElement.scrollWidth", vec![])
            .await
            .as_u64()
            .unwrap_or(u64::MAX);
        let name: String = path
            .trim_start_matches('/')
            .chars()
            .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
            .collect();
        shot(c, &format!("phone-{tag}-{width}-{name}")).await;
        if width >= 1000 {
            let low = js(c, LOW_CONTRAST, vec![]).await;
            if let Some(low) = low.as_str().filter(|l| !l.is_empty()) {
                failures.push(format!("{path} ({tag}): text below 4.5:1: {low}"));
            }
        }
        if scroll > width as u64 {
            let widest = js(c, WIDEST, vec![Value::from(width)]).await;
            failures.push(format!(
                "{path} at {width} px ({tag}) is {scroll} px wide; widest: {}",
                widest.as_str().unwrap_or("(none found)")
            ));
        }
    }
    failures
}

async fn is_displayed(c: &Client, css: &str) -> bool {
    js(
        c,
        "const e = document.querySelector(arguments[0]); if (!e) return false; \
         const r = e.getBoundingClientRect(); \
         return r.width > 0 && r.height > 0 && e.checkVisibility({visibilityProperty: true});",
        vec![Value::from(css)],
    )
    .await
    .as_bool()
    .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_logged_in_page_fits_a_phone_and_a_laptop() {
    if !browser_available() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("phone.db");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _server = Killed(
        Command::new(env!("CARGO_BIN_EXE_stig"))
            .args(["demo", "--addr", &format!("127.0.0.1:{port}"), "--db"])
            .arg(&db)
            .env("STIG_ADMIN_PASSWORD", PASSWORD)
            .stdout(Stdio::null())
            .spawn()
            .expect("stig demo starts"),
    );
    wait_for(&format!("{base}/healthz"));
    let browser = open_browser(&["--disable-quic", "--lang=en-US"], None).await;
    let c = browser.client.clone();
    viewport(&c, 390, 844).await;
    log_in(&c, &base).await;
    let pages = pages(&c, &base).await;
    let unique: BTreeSet<&String> = pages.iter().collect();
    assert!(unique.len() >= 30, "too few pages found: {pages:?}");

    // The phone: the navigation folds behind "Menu", which opens it; the current section is
    // marked; the skip link goes to the content.
    c.goto(&format!("{base}/w/{WS}/personas"))
        .await
        .expect("goto");
    assert!(
        is_displayed(&c, ".menu-toggle").await,
        "no Menu button at 390 px"
    );
    assert!(
        !is_displayed(&c, "nav.mainnav").await,
        "the navigation fills the phone's first screen instead of folding"
    );
    c.find(Locator::Css(".menu-toggle"))
        .await
        .expect("menu button")
        .click()
        .await
        .expect("open the menu");
    assert!(
        is_displayed(&c, "nav.mainnav").await,
        "Menu does not open the navigation"
    );
    let current = c
        .find(Locator::Css("nav.mainnav a[aria-current=page]"))
        .await
        .expect("the current section is marked")
        .attr("href")
        .await
        .expect("href");
    assert_eq!(current.as_deref(), Some(&*format!("/w/{WS}/personas")));
    assert_eq!(
        js(
            &c,
            "return document.querySelectorAll('[aria-current=page]').length",
            vec![]
        )
        .await,
        1,
        "exactly one link is the current page"
    );
    let skip = c
        .find(Locator::Css("a.skip-link"))
        .await
        .expect("a skip link")
        .attr("href")
        .await
        .expect("href")
        .expect("skip link target");
    assert!(
        is_displayed(&c, &skip).await,
        "the skip link's target {skip} is not the content"
    );
    shot(&c, "phone-menu-open").await;

    // A fragment URL opened directly is a whole, styled page.
    let backtest = pages
        .iter()
        .find(|p| p.ends_with("/backtest"))
        .expect("a backtest");
    c.goto(&format!("{base}{backtest}")).await.expect("goto");
    assert!(
        is_displayed(&c, "header.topbar").await,
        "the backtest fragment opened directly has no layout"
    );
    let styled = js(
        &c,
        "return getComputedStyle(document.body).backgroundColor",
        vec![],
    )
    .await;
    assert_ne!(
        styled.as_str(),
        Some("rgba(0, 0, 0, 0)"),
        "the backtest fragment opened directly is unstyled"
    );

    let mut failures = sideways(&c, &base, &pages, 390, "en").await;

    // The duty manager reaches "Done" on each open task without scrolling sideways.
    c.goto(&format!("{base}/w/{WS}/tasks")).await.expect("goto");
    let out_of_reach = js(
        &c,
        "return [...document.querySelectorAll('button[value=done]')] \
           .filter(b => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > 390; }).length",
        vec![],
    )
    .await;
    assert_eq!(
        out_of_reach, 0,
        "a task's Done button is out of reach at 390 px"
    );

    // Bokmål: longer words, same width.
    c.find(Locator::Css(".menu-toggle"))
        .await
        .expect("menu button")
        .click()
        .await
        .expect("open the menu");
    c.find(Locator::Css("select#locale"))
        .await
        .expect("language select")
        .select_by_value("nb")
        .await
        .expect("choose nb");
    c.wait()
        .for_element(Locator::Css("html[lang=nb]"))
        .await
        .expect("the page in bokmål");
    failures.extend(sideways(&c, &base, &pages, 390, "nb").await);

    // A laptop: the navigation is open without a click, and nothing scrolls sideways either.
    viewport(&c, 1440, 900).await;
    c.goto(&format!("{base}/w/{WS}/insight"))
        .await
        .expect("goto");
    assert!(
        is_displayed(&c, "nav.mainnav a[aria-current=page]").await,
        "at 1440 px the navigation shows without opening a menu"
    );
    assert!(
        !is_displayed(&c, ".menu-toggle").await,
        "no Menu button at 1440 px"
    );
    failures.extend(sideways(&c, &base, &pages, 1440, "nb").await);

    c.close().await.expect("close the browser");
    assert!(
        failures.is_empty(),
        "pages that scroll sideways or have low-contrast text:\n{}",
        failures.join("\n")
    );
}
