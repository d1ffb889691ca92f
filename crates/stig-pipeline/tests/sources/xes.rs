use std::collections::BTreeSet;

use serde_json::json;
use stig_pipeline::sources::xes::read_xes;

use crate::{open_gz, shared_data};

const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <global scope="event">
    <string key="concept:name" value="UNKNOWN"/>
  </global>
  <string key="concept:name" value="the log"/>
  <trace>
    <string key="concept:name" value="case-1"/>
    <string key="AMOUNT_REQ" value="5000"/>
    <event>
      <string key="org:resource" value="112"/>
      <string key="lifecycle:transition" value="COMPLETE"/>
      <string key="concept:name" value="A_SUBMITTED"/>
      <date key="time:timestamp" value="2011-10-01T00:38:44.546+02:00"/>
      <int key="count" value="3"/>
      <float key="score" value="1.5"/>
      <boolean key="ok" value="true"/>
    </event>
    <event>
      <string key="concept:name" value="A_BROKEN"/>
      <date key="time:timestamp" value="not a date"/>
    </event>
    <event>
      <string key="lifecycle:transition" value="COMPLETE"/>
      <date key="time:timestamp" value="2011-10-01T00:39:00.000+02:00"/>
    </event>
    <event>
      <string key="concept:name" value="A &amp; B"/>
      <date key="time:timestamp" value="2011-10-02T10:00:00Z"/>
      <string key="nested" value="x"><int key="child" value="1"/></string>
    </event>
  </trace>
  <trace>
    <string key="AMOUNT_REQ" value="1"/>
    <event>
      <string key="concept:name" value="A_SUBMITTED"/>
      <date key="time:timestamp" value="2011-10-01T00:38:44.546+02:00"/>
    </event>
  </trace>
</log>
"#;

#[test]
fn small_log_with_dirty_events() {
    let mut last = 0;
    let report = read_xes(SMALL.as_bytes(), &mut |bytes| last = bytes).expect("read");
    assert_eq!(last, SMALL.len() as u64, "progress ends at the byte count");
    assert_eq!(report.records.len(), 2, "{report:#?}");
    let first = &report.records[0];
    assert_eq!(first.case_id, "case-1");
    assert_eq!(first.activity, "A_SUBMITTED");
    assert_eq!(
        first.timestamp,
        "2011-09-30T22:38:44.546Z"
            .parse::<jiff::Timestamp>()
            .expect("ts")
    );
    assert_eq!(first.attributes["org:resource"], json!("112"));
    assert_eq!(first.attributes["lifecycle:transition"], json!("COMPLETE"));
    assert_eq!(first.attributes["trace:AMOUNT_REQ"], json!("5000"));
    assert_eq!(first.attributes["count"], json!(3));
    assert_eq!(first.attributes["score"], json!(1.5));
    assert_eq!(first.attributes["ok"], json!(true));
    assert!(!first.attributes.contains_key("concept:name"));
    assert!(!first.attributes.contains_key("time:timestamp"));
    let second = &report.records[1];
    assert_eq!(second.activity, "A & B");
    assert_eq!(second.attributes["nested"], json!("x"));
    assert!(!second.attributes.contains_key("child"));

    let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![19, 23, 35], "{:#?}", report.rejected);
    assert!(report.rejected[0].reason.contains("not a date"));
    assert!(report.rejected[1].reason.contains("concept:name"));
    assert!(report.rejected[2].reason.contains("no concept:name"));
}

#[test]
fn broken_xml_is_an_error_with_a_line() {
    let text = "<log>\n<trace>\n<event>\n</trace>\n</log>\n";
    let error = read_xes(text.as_bytes(), &mut |_| {}).expect_err("not well formed");
    assert!(error.to_string().contains("line 4"), "{error}");
}

#[test]
fn bpic2012() {
    let Some(path) = shared_data("event-logs/bpic2012.xes.gz") else {
        return;
    };
    let mut calls = 0;
    let report = read_xes(open_gz(&path), &mut |_| calls += 1).expect("read");
    assert!(
        report.rejected.is_empty(),
        "{:?}",
        &report.rejected[..5.min(report.rejected.len())]
    );
    let cases: BTreeSet<&str> = report.records.iter().map(|e| e.case_id.as_str()).collect();
    let activities: BTreeSet<&str> = report.records.iter().map(|e| e.activity.as_str()).collect();
    println!(
        "bpic2012: {} cases, {} events, {} activities, {calls} progress calls",
        cases.len(),
        report.records.len(),
        activities.len()
    );
    assert_eq!(cases.len(), 13_087);
    assert_eq!(report.records.len(), 262_200);
    assert_eq!(activities.len(), 24);
    assert!(calls > 10);
    assert!(activities.contains("A_SUBMITTED"));
    assert!(activities.contains("W_Nabellen offertes"));
    assert!(
        report
            .records
            .iter()
            .all(|e| e.attributes.contains_key("trace:AMOUNT_REQ"))
    );
    assert!(
        report
            .records
            .iter()
            .all(|e| e.attributes.contains_key("lifecycle:transition"))
    );
}
