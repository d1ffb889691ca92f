//! Touchpoint signals on page views and campaigns: how they read from TOML, what their page
//! patterns match, and how `stig check` reports a bad one.

use std::path::Path;

use stig_model::{Code, PagePattern, Signal};

use crate::fixture::with_change;

const TP: &str = "touchpoints.toml";
const AFTER: &str = "discipline = \"create\"\n";

/// The fixture with `signals` (TOML) added to its first touchpoint.
fn with_signals(signals: &str) -> stig_model::code::Checked {
    with_change(TP, AFTER, &format!("{AFTER}{signals}\n"))
}

#[test]
fn page_and_campaign_signals_read_from_toml_beside_event_signals() {
    let checked = with_signals(
        r#"
[[touchpoint.signal]]
page = "/booking/*"

[[touchpoint.signal]]
event = "Order Completed"
page = "https://shop.example.no/checkout*"
where = { currency = "NOK" }

[[touchpoint.signal]]
utm_source = "newsletter"
utm_medium = "email"

[[touchpoint.signal]]
event = "Booking Started"
"#,
    );
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let signals = &checked.workspace.touchpoints[0].signals;
    assert_eq!(signals.len(), 4);
    assert_eq!(
        signals[0],
        Signal {
            page: Some("/booking/*".into()),
            ..Signal::default()
        }
    );
    assert_eq!(signals[1].event.as_deref(), Some("Order Completed"));
    assert_eq!(
        signals[1].page.as_deref(),
        Some("https://shop.example.no/checkout*")
    );
    assert_eq!(signals[1].conditions.len(), 1);
    assert_eq!(
        signals[2].campaign().collect::<Vec<_>>(),
        [("utm_source", "newsletter"), ("utm_medium", "email")]
    );
    assert_eq!(signals[3], Signal::event("Booking Started"));

    // Written back, the new keys read the same (journey-as-code round trip).
    let again = stig_model::code::load_files(stig_model::code::to_files(&checked.workspace));
    assert_eq!(again.workspace, checked.workspace);
    let text = stig_model::code::to_files(&checked.workspace)
        .into_iter()
        .find(|f| f.path == Path::new(TP))
        .expect("touchpoints file")
        .text;
    assert!(text.contains("page = \"/booking/*\""), "{text}");
    assert!(text.contains("utm_medium = \"email\""), "{text}");
}

#[test]
fn an_unknown_signal_key_is_a_schema_error() {
    let checked = with_signals("[[touchpoint.signal]]\npath = \"/booking/*\"\n");
    let e = checked
        .diagnostics
        .iter()
        .find(|d| d.diagnostic.code == Code::Schema)
        .expect("a schema error");
    assert_eq!(e.text, "path");
}

#[test]
fn path_patterns_match_within_and_across_segments() {
    let p = PagePattern::new("/booking/*").expect("valid");
    assert!(!p.is_url());
    assert!(p.matches(Some("/booking/room"), None));
    assert!(p.matches(Some("/booking/"), None));
    assert!(
        !p.matches(Some("/booking/room/2"), None),
        "`*` stays in a segment"
    );
    assert!(!p.matches(Some("/booking"), None));
    assert!(
        !p.matches(Some("/Booking/room"), None),
        "paths keep their case"
    );
    assert!(!p.matches(None, None), "no page, no match");

    let deep = PagePattern::new("/booking/**").expect("valid");
    assert!(deep.matches(Some("/booking/room/2"), None));
    assert!(deep.matches(Some("/booking/room"), None));
    assert!(!deep.matches(Some("/bookings/room"), None));

    let any_depth = PagePattern::new("/**/kvittering").expect("valid");
    assert!(any_depth.matches(Some("/kvittering"), None));
    assert!(any_depth.matches(Some("/fly/bestill/kvittering"), None));
    assert!(!any_depth.matches(Some("/kvittering/2"), None));

    let star = PagePattern::new("/tilbud/\\*").expect("valid");
    assert!(star.matches(Some("/tilbud/*"), None));
    assert!(!star.matches(Some("/tilbud/x"), None));

    let set = PagePattern::new("/{booking,bestill}/[0-9]?").expect("valid");
    assert!(set.matches(Some("/bestill/7a"), None));
    assert!(!set.matches(Some("/bestill/a7"), None));

    // A path pattern reads the path of the URL when no path was sent; the query is not
    // part of the page.
    assert!(p.matches(
        None,
        Some("https://shop.example.no/booking/room?utm_source=x")
    ));
    assert!(p.matches(Some("/booking/room?step=2"), None));
}

#[test]
fn url_patterns_match_the_whole_url_without_its_query() {
    let p = PagePattern::new("https://shop.example.no/checkout*").expect("valid");
    assert!(p.is_url());
    assert!(p.matches(
        Some("/checkout"),
        Some("https://shop.example.no/checkout?utm_medium=email#pay")
    ));
    assert!(p.matches(None, Some("https://shop.example.no/checkout-step-2")));
    assert!(!p.matches(None, Some("https://shop.example.no/checkout/step-2")));
    assert!(!p.matches(Some("/checkout"), Some("https://other.example.no/checkout")));
    assert!(
        !p.matches(Some("/checkout"), None),
        "a URL pattern needs the URL"
    );
}

#[test]
fn bad_patterns_say_why() {
    for (pattern, says) in [
        ("", "empty"),
        ("   ", "empty"),
        ("booking/*", "must start with `/`"),
        ("www.example.no/*", "must start with `/`"),
        ("/booking/[abc", "does not parse"),
        ("/booking/{a,b", "does not parse"),
        ("/booking/[z-a]", "does not parse"),
    ] {
        let e = PagePattern::new(pattern).expect_err(pattern);
        assert!(e.contains(says), "{pattern:?}: {e}");
    }
}

#[test]
fn check_reports_a_bad_pattern_at_its_file_and_line() {
    for (signal, text, says) in [
        ("page = \"/booking/[abc\"", "\"/booking/[abc\"", "unclosed"),
        (
            "page = \"booking/*\"",
            "\"booking/*\"",
            "must start with `/`",
        ),
        ("page = \"\"", "\"\"", "empty"),
    ] {
        let checked = with_signals(&format!("\n[[touchpoint.signal]]\n{signal}\n"));
        let errors: Vec<_> = checked.errors().collect();
        assert_eq!(errors.len(), 1, "{signal}: {errors:#?}");
        let e = errors[0];
        assert_eq!(e.diagnostic.code, Code::InvalidValue);
        assert_eq!(e.file.as_deref(), Some(Path::new(TP)));
        assert_eq!(e.text, text);
        assert!(
            e.diagnostic.message.contains(says),
            "{}",
            e.diagnostic.message
        );
        // The line of the `page = ...` just added.
        let file = &checked
            .files
            .iter()
            .find(|f| f.path == Path::new(TP))
            .expect("file")
            .text;
        let line = file.lines().position(|l| l == signal).expect("the line") + 1;
        assert_eq!(e.line, line, "{signal}");
        assert_eq!(e.column, "page = ".len() + 1);
    }
}

#[test]
fn a_signal_that_says_nothing_is_an_error() {
    let checked = with_signals("\n[[touchpoint.signal]]\nutm_source = \"\"\n");
    let e = checked.errors().next().expect("an error");
    assert_eq!(e.diagnostic.code, Code::EmptyField);
    assert_eq!(e.text, "\"\"");

    let checked = with_signals("\n[[touchpoint.signal]]\n");
    let errors: Vec<_> = checked.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].diagnostic.code, Code::EmptyField);
    assert!(
        errors[0]
            .diagnostic
            .message
            .contains("an event, a page or a campaign")
    );
}

#[test]
fn the_json_schema_names_the_new_keys() {
    let schema = serde_json::to_value(schemars::schema_for!(Signal)).expect("schema");
    let props = &schema["properties"];
    for key in [
        "event",
        "page",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "where",
    ] {
        assert!(!props[key].is_null(), "{key} in {schema}");
    }
    assert!(
        schema["required"].as_array().is_none_or(|r| r.is_empty()),
        "no key is required on its own: {schema}"
    );
}

#[test]
fn a_signal_reads_and_writes_as_one_inline_table() {
    let s = Signal::from_inline(
        r#"{ event = "Order Completed", page = "/checkout/*", utm_medium = "email", where = { total = 100, vip = true, note = "a \"b\"" } }"#,
    )
    .expect("valid");
    assert_eq!(s.event.as_deref(), Some("Order Completed"));
    assert_eq!(s.conditions.len(), 3);
    let line = s.to_inline();
    assert!(!line.contains('\n'), "{line}");
    assert_eq!(Signal::from_inline(&line), Ok(s));

    let e = Signal::from_inline(r#"{ path = "/x" }"#).expect_err("unknown key");
    assert!(e.contains("path"), "{e}");
    assert!(Signal::from_inline("{ page = ").is_err());
}
