use serde_json::json;
use stig_pipeline::sources::ndjson::read_ndjson;

const LINES: &str = r#"{"type":"track","event":"Order Completed","userId":"u1","anonymousId":"a1","timestamp":"2024-05-01T10:00:00Z","properties":{"revenue":42.5},"messageId":"m1"}
{"type":"page","anonymousId":"a2","name":"Home","timestamp":"2024-05-01T10:01:00+02:00","properties":{"path":"/"}}
not json at all

{"type":"identify","userId":42,"timestamp":"2024-05-01T10:02:00.123Z","traits":{"email":"x@example.com"}}
{"type":"track","userId":"u1","timestamp":"2024-05-01T10:00:00Z"}
{"type":"screen","userId":"u3","originalTimestamp":"2024-05-01T10:03:00Z"}
["an", "array"]
{"type":"track","event":"Signed Up","timestamp":"2024-05-01T10:00:00Z"}
{"event":"Clicked","anonymousId":"a4","timestamp":"yesterday"}
{"event":"Clicked","anonymousId":"a4","timestamp":"2024-05-01"}
"#;

#[test]
fn segment_lines() {
    let mut last = 0;
    let report = read_ndjson(LINES.as_bytes(), &mut |b| last = b).expect("read");
    assert_eq!(last, LINES.len() as u64);
    let got: Vec<(&str, &str)> = report
        .records
        .iter()
        .map(|e| (e.case_id.as_str(), e.activity.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("u1", "Order Completed"),
            ("a2", "Page Viewed"),
            ("42", "Identify"),
            ("u3", "Screen Viewed"),
            ("a4", "Clicked"),
        ]
    );
    let order = &report.records[0];
    assert_eq!(order.attributes["revenue"], json!(42.5));
    assert_eq!(order.attributes["segment:messageId"], json!("m1"));
    assert_eq!(order.attributes["segment:anonymousId"], json!("a1"));
    assert_eq!(order.attributes["segment:type"], json!("track"));
    let page = &report.records[1];
    assert_eq!(page.attributes["path"], json!("/"));
    assert_eq!(page.attributes["segment:name"], json!("Home"));
    assert_eq!(
        page.timestamp,
        "2024-05-01T08:01:00Z"
            .parse::<jiff::Timestamp>()
            .expect("ts")
    );
    assert_eq!(
        report.records[2].attributes["email"],
        json!("x@example.com")
    );
    assert_eq!(
        report.records[4].timestamp,
        "2024-05-01T00:00:00Z"
            .parse::<jiff::Timestamp>()
            .expect("ts")
    );

    let rejected: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(rejected, vec![3, 6, 8, 9, 10], "{:#?}", report.rejected);
    assert!(report.rejected[0].reason.contains("malformed JSON"));
    assert!(report.rejected[1].reason.contains("event"));
    assert!(report.rejected[2].reason.contains("not a JSON object"));
    assert!(report.rejected[3].reason.contains("anonymousId"));
    assert!(report.rejected[4].reason.contains("timestamp"));
}

#[test]
fn gzip_input() {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..1000 {
        writeln!(
            encoder,
            r#"{{"type":"track","event":"E{}","userId":"u{i}","timestamp":"2024-05-01T10:00:00Z"}}"#,
            i % 7
        )
        .expect("write");
    }
    let bytes = encoder.finish().expect("gzip");
    let input = std::io::BufReader::new(flate2::bufread::GzDecoder::new(&bytes[..]));
    let report = read_ndjson(input, &mut |_| {}).expect("read");
    assert_eq!(report.records.len(), 1000);
    assert!(report.rejected.is_empty());
}

#[test]
fn byte_order_mark() {
    let text =
        "\u{feff}{\"type\":\"identify\",\"userId\":\"u\",\"timestamp\":\"2024-05-01T10:00:00Z\"}\n";
    let report = read_ndjson(text.as_bytes(), &mut |_| {}).expect("read");
    assert_eq!(report.records.len(), 1, "{:?}", report.rejected);
}
