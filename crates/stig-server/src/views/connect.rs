//! "Connect your website / app": how to send one source's events to this Stig, with its
//! address (and the write key, when the user gives it) filled into every form: the
//! analytics.js snippet, the npm package, the server SDKs and curl, the mobile SDKs'
//! settings; and a live check that says when the first event arrives.

use jiff::Timestamp;
use maud::{Markup, html};
use stig_store::Source;

use super::parts::page_head;
use super::{PageCtx, urlencode};

/// The analytics.js library file the snippet loads: the npm package's own browser bundle,
/// through a public npm CDN (Stig does not serve it). Pinned: a site runs what was tried.
pub const ANALYTICS_NEXT_URL: &str =
    "https://cdn.jsdelivr.net/npm/@segment/analytics-next@1.84.3/dist/umd/standalone.js";

/// What the examples show until the user gives the write key.
pub const KEY_PLACEHOLDER: &str = "YOUR_WRITE_KEY";

pub struct ConnectView<'a> {
    pub source: &'a Source,
    /// Where clients reach this Stig, e.g. `https://stig.example.com` (no trailing slash).
    pub base_url: &'a str,
    /// The source's write key, when the user gave it and it is this source's.
    pub key: Option<&'a str>,
    /// A key was given that is not this source's.
    pub wrong_key: bool,
    pub live: &'a LiveState,
}

/// Where the live check stands.
#[derive(Debug, Clone, Default)]
pub struct LiveState {
    /// The newest event of the whole workspace when this was made: the poll goes on from here.
    pub cursor: i64,
    /// The source's newest event, if it ever sent one.
    pub last: Option<Arrival>,
    /// `last` came after the point the check started from.
    pub arrived: bool,
    /// When the check started (Unix ms): refusals after it are news.
    pub since_ms: i64,
    /// The source's newest refused request after `since_ms`: its HTTP status.
    pub refused: Option<u16>,
}

/// An event, as the live check shows it: no ids, no traits, no properties.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub seq: i64,
    /// `track`, `page`, `identify`…
    pub kind: String,
    /// The event name of a track call, the page or screen name.
    pub name: Option<String>,
    pub at: Timestamp,
}

/// The URL of a source's connect page.
pub fn connect_url(ctx: &PageCtx<'_>, source_id: &str) -> String {
    ctx.ws_url(&format!("/sources/{}/connect", urlencode(source_id)))
}

pub fn connect_page(ctx: &PageCtx<'_>, v: &ConnectView<'_>) -> Markup {
    let url = connect_url(ctx, &v.source.id);
    let key = v.key.unwrap_or(KEY_PLACEHOLDER);
    let base = v.base_url;
    let api_host = mobile_host(base);
    let title = ctx
        .tr
        .ta("connect-title", &[("name", v.source.name.clone().into())]);
    let status_url = format!("{url}/status");
    html! {
        p.crumbs { a href=(ctx.ws_url("/sources")) { "← " (ctx.t("page-sources-title")) } }
        (page_head(&title, Some(&ctx.t("connect-lead")), html! {
            a.btn.small href={(ctx.ws_url("/sources/debugger")) "?source=" (urlencode(&v.source.id))} { (ctx.t("page-debugger-title")) }
        }))
        div.connect {
            div.connect-top {
            section.card.connect-key {
                h2 { (ctx.t("connect-key-label")) }
                @if let Some(k) = v.key {
                    p { (ctx.t("connect-key-filled")) }
                    pre.key { code { (k) } }
                } @else {
                    p { (ctx.t("connect-key-why")) }
                    form.inline-form method="post" action=(url) {
                        input type="hidden" name="csrf" value=(ctx.csrf);
                        label.visually-hidden for="write-key" { (ctx.t("connect-key-label")) }
                        input #write-key type="text" name="key" required autocomplete="off" spellcheck="false"
                            aria-invalid=[v.wrong_key.then_some("true")];
                        button.btn.small type="submit" { (ctx.t("connect-key-fill")) }
                    }
                    @if v.wrong_key {
                        p.field-error role="alert" { (ctx.tr.ta("connect-key-wrong", &[("name", v.source.name.clone().into())])) }
                    }
                    p.hint { (ctx.t("connect-key-lost")) }
                }
            }
            section.card.connect-live #live-check {
                h2 { (ctx.t("connect-live-title")) }
                (live_status(ctx, v.live, &status_url, &v.source.id))
                noscript {
                    @if let Some(k) = v.key {
                        form.inline-form method="post" action=(url) {
                            input type="hidden" name="csrf" value=(ctx.csrf);
                            input type="hidden" name="key" value=(k);
                            input type="hidden" name="after" value=(v.live.cursor);
                            input type="hidden" name="since" value=(v.live.since_ms);
                            button.btn.small type="submit" { (ctx.t("connect-live-again")) }
                        }
                    } @else {
                        a.btn.small href={(url) "?after=" (v.live.cursor) "&since=" (v.live.since_ms) "#live-check"} { (ctx.t("connect-live-again")) }
                    }
                }
            }
            }
            section.card {
                h2 { (ctx.t("connect-web-title")) }
                p { (ctx.t("connect-web-lead")) }
                h3 { (ctx.t("connect-snippet-title")) }
                p { (ctx.tr.ta("connect-snippet-where", &[("stig", base.to_owned().into())])) }
                (code_block(ctx, "HTML", &snippet(base, key)))
                p.hint { (ctx.t("connect-snippet-limits")) }
                h3 { (ctx.t("connect-npm-title")) }
                p { (ctx.t("connect-npm-lead")) }
                (code_block(ctx, "shell", "npm install @segment/analytics-next"))
                (code_block(ctx, "JavaScript", &npm(base, key)))
            }
            section.card {
                h2 { (ctx.t("connect-server-title")) }
                p { (ctx.t("connect-server-lead")) }
                div.connect-grid {
                    div {
                        h3 { "Node.js" }
                        (code_block(ctx, "JavaScript", &node(base, key)))
                    }
                    div {
                        h3 { "Python" }
                        (code_block(ctx, "Python", &python(base, key)))
                    }
                    div {
                        h3 { "RudderStack (Node.js)" }
                        (code_block(ctx, "JavaScript", &rudderstack(base, key)))
                    }
                    div {
                        h3 { "curl" }
                        (code_block(ctx, "shell", &curl(base, key)))
                    }
                }
            }
            section.card {
                h2 { (ctx.t("connect-mobile-title")) }
                p { (ctx.t("connect-mobile-lead")) }
                dl.connect-settings {
                    dt { code { "apiHost" } }
                    dd { code { (api_host) } }
                    dt { code { "cdnHost" } }
                    dd { code { (api_host) } }
                }
                @if !base.starts_with("https://") {
                    p.connect-warn { (ctx.tr.ta("connect-mobile-https", &[("stig", base.to_owned().into())])) }
                }
                div.connect-grid {
                    div {
                        h3 { "Android (analytics-kotlin)" }
                        (code_block(ctx, "Kotlin", &kotlin(&api_host, key)))
                    }
                    div {
                        h3 { "iOS (analytics-swift)" }
                        (code_block(ctx, "Swift", &swift(&api_host, key)))
                    }
                }
            }
        }
        script src="/assets/connect.js" defer {}
    }
}

/// The live check's line as the page first shows it; the script takes it from there.
fn live_status(ctx: &PageCtx<'_>, live: &LiveState, status_url: &str, source_id: &str) -> Markup {
    let (state, text) = live_text(ctx, live);
    html! {
        div.live-check data-state=(state)
            data-url=(status_url) data-cursor=(live.cursor) data-since=(live.since_ms) {
            p.live-line role="status" aria-live="polite" {
                span.live-dot {} " " span.live-text { (text) }
            }
            p.live-refused.bad hidden[live.refused.is_none()] {
                span.live-refused-text { (refused_text(ctx, live)) } " "
                a href={(ctx.ws_url("/sources/debugger")) "?source=" (urlencode(source_id))} { (ctx.t("page-debugger-open")) }
            }
        }
    }
}

/// `("arrived" | "waiting", the sentence)` for the live check.
pub fn live_text(ctx: &PageCtx<'_>, live: &LiveState) -> (&'static str, String) {
    match &live.last {
        Some(a) if live.arrived => (
            "arrived",
            ctx.tr.ta(
                "connect-live-arrived",
                &[
                    ("event", event_label(ctx, a).into()),
                    ("time", at_text(ctx, a.at).into()),
                ],
            ),
        ),
        Some(a) => (
            "waiting",
            ctx.tr.ta(
                "connect-live-waiting-next",
                &[
                    ("event", event_label(ctx, a).into()),
                    ("time", at_text(ctx, a.at).into()),
                ],
            ),
        ),
        None => ("waiting", ctx.t("connect-live-waiting-first")),
    }
}

/// The refusal notice, or "" when nothing was refused since the check started.
pub fn refused_text(ctx: &PageCtx<'_>, live: &LiveState) -> String {
    match live.refused {
        Some(status) => ctx.tr.ta(
            "connect-live-refused",
            &[("status", status.to_string().into())],
        ),
        None => String::new(),
    }
}

/// `track “Order Completed”`, `page “Home”`, `identify` (the quotes are the locale's).
fn event_label(ctx: &PageCtx<'_>, a: &Arrival) -> String {
    match a.name.as_deref().filter(|n| !n.is_empty()) {
        Some(name) => ctx.tr.ta(
            "connect-live-event",
            &[
                ("type", a.kind.clone().into()),
                ("name", name.to_owned().into()),
            ],
        ),
        None => a.kind.clone(),
    }
}

/// A date and a time to the second, in UTC (what the rest of the app shows).
fn at_text(ctx: &PageCtx<'_>, t: Timestamp) -> String {
    let dt = t.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    format!(
        "{} {:02}:{:02}:{:02} UTC",
        ctx.tr.date(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// A code block with its language and a copy button (shown by the script; without it the
/// text is plain, selectable text).
fn code_block(ctx: &PageCtx<'_>, lang: &str, code: &str) -> Markup {
    html! {
        div.code-block {
            div.code-head {
                span.code-lang { (lang) }
                button.copy.btn.small type="button" hidden data-copied=(ctx.t("connect-copied")) { (ctx.t("connect-copy")) }
            }
            pre.snippet { code { (code) } }
        }
    }
}

/// A string literal for JavaScript, Python, Kotlin and Swift (JSON's escaping: a quote or a
/// backslash in a value cannot end the literal early).
fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A single-quoted shell word.
fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// What the mobile SDKs call a host: no scheme (they always use https), with `/v1`.
pub fn mobile_host(base: &str) -> String {
    let host = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
        .unwrap_or(base)
        .trim_end_matches('/');
    format!("{host}/v1")
}

/// Segment's loader snippet (queue the calls, load the library, replay them), with the
/// library file from [`ANALYTICS_NEXT_URL`] and `_cdn` naming this Stig: analytics.js then
/// takes its settings from `{base}/v1/projects/{key}/settings` and sends the events here.
pub fn snippet(base: &str, key: &str) -> String {
    let (key, base, lib) = (lit(key), lit(base), lit(ANALYTICS_NEXT_URL));
    format!(
        r#"<script>
  !function () {{
    var name = "analytics", analytics = window[name] = window[name] || [];
    if (analytics.initialize || analytics.invoked) return;
    analytics.invoked = true;
    analytics.methods = ["trackSubmit", "trackClick", "trackLink", "trackForm", "pageview",
      "identify", "reset", "group", "track", "ready", "alias", "debug", "page", "screen",
      "once", "off", "on", "addSourceMiddleware", "addIntegrationMiddleware",
      "setAnonymousId", "addDestinationMiddleware", "register"];
    analytics.factory = function (method) {{
      return function () {{
        if (window[name].initialized) return window[name][method].apply(window[name], arguments);
        var args = Array.prototype.slice.call(arguments);
        if (["track", "screen", "alias", "group", "page", "identify"].indexOf(method) > -1) {{
          var canonical = document.querySelector("link[rel='canonical']");
          args.push({{ __t: "bpc", c: canonical && canonical.getAttribute("href") || undefined,
            p: location.pathname, u: location.href, s: location.search,
            t: document.title, r: document.referrer }});
        }}
        args.unshift(method);
        analytics.push(args);
        return analytics;
      }};
    }};
    for (var i = 0; i < analytics.methods.length; i++) {{
      analytics[analytics.methods[i]] = analytics.factory(analytics.methods[i]);
    }}
    analytics.load = function (writeKey, options) {{
      var script = document.createElement("script");
      script.async = true;
      script.setAttribute("data-global-segment-analytics-key", name);
      script.src = {lib};
      var first = document.getElementsByTagName("script")[0];
      first.parentNode.insertBefore(script, first);
      analytics._loadOptions = options;
    }};
    analytics._writeKey = {key};
    analytics._cdn = {base};
    analytics.SNIPPET_VERSION = "5.2.1";
    analytics.load({key});
    analytics.page();
  }}();
</script>"#
    )
}

pub fn npm(base: &str, key: &str) -> String {
    let (key, base) = (lit(key), lit(base));
    format!(
        r#"import {{ AnalyticsBrowser }} from "@segment/analytics-next";

export const analytics = AnalyticsBrowser.load({{
  writeKey: {key},
  cdnURL: {base},
}});

analytics.page();
analytics.identify("kari", {{ plan: "family" }});
analytics.track("Order Completed", {{ revenue: 1290 }});"#
    )
}

pub fn node(base: &str, key: &str) -> String {
    let (key, base) = (lit(key), lit(base));
    format!(
        r#"// npm install @segment/analytics-node
import {{ Analytics }} from "@segment/analytics-node";

const analytics = new Analytics({{
  writeKey: {key},
  host: {base},
}});
analytics.track({{ userId: "kari", event: "Order Completed",
  properties: {{ revenue: 1290 }} }});
await analytics.closeAndFlush();"#
    )
}

pub fn python(base: &str, key: &str) -> String {
    let (key, base) = (lit(key), lit(base));
    format!(
        r#"# pip install segment-analytics-python
import segment.analytics as analytics

analytics.write_key = {key}
analytics.host = {base}

analytics.track("kari", "Order Completed", {{"revenue": 1290}})
analytics.flush()"#
    )
}

pub fn rudderstack(base: &str, key: &str) -> String {
    let (key, base) = (lit(key), lit(base));
    format!(
        r#"// npm install @rudderstack/rudder-sdk-node
const Analytics = require("@rudderstack/rudder-sdk-node");

const client = new Analytics(
  {key},
  {{ dataPlaneUrl: {base} }},
);
client.track({{ userId: "kari", event: "Order Completed",
  properties: {{ revenue: 1290 }} }});
await client.flush();"#
    )
}

pub fn curl(base: &str, key: &str) -> String {
    let url = sh(&format!("{base}/v1/track"));
    let auth = sh(&format!("{key}:"));
    format!(
        r#"curl {url} \
  -u {auth} \
  -H 'Content-Type: application/json' \
  -d '{{"userId": "kari", "event": "Order Completed", "properties": {{"revenue": 1290}}}}'"#
    )
}

pub fn kotlin(api_host: &str, key: &str) -> String {
    let (key, host) = (lit(key), lit(api_host));
    format!(
        r#"// implementation("com.segment.analytics.kotlin:android:+")
import com.segment.analytics.kotlin.android.Analytics

val analytics = Analytics(
    {key},
    applicationContext,
) {{
    apiHost = {host}
    cdnHost = {host}
    trackApplicationLifecycleEvents = true
}}
analytics.track("Order Completed")"#
    )
}

pub fn swift(api_host: &str, key: &str) -> String {
    let (key, host) = (lit(key), lit(api_host));
    format!(
        r#"// Swift Package: https://github.com/segmentio/analytics-swift
import Segment

let analytics = Analytics(configuration: Configuration(
    writeKey: {key}
)
    .apiHost({host})
    .cdnHost({host})
    .trackApplicationLifecycleEvents(true))
analytics.track(name: "Order Completed")"#
    )
}
