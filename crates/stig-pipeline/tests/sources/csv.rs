use serde_json::json;
use stig_pipeline::sources::csv::{CsvMapping, read_csv};

use crate::{open_gz, shared_data};

#[test]
fn mapped_columns_and_dirty_rows() {
    let mut text: Vec<u8> = b"customer, event ,when,city,amount,code\n".to_vec();
    text.extend_from_slice(b"c1,Bought,01/05/2024 10:30,Oslo,12.50,007\n");
    text.extend_from_slice(b"c2,Bought,31/02/2024 10:30,Bergen,1,x\n"); // no 31 February
    text.extend_from_slice(b"c3,Visited,02/05/2024 08:00,Troms\xf8,3,\n"); // Latin-1
    text.extend_from_slice(b",Visited,02/05/2024 08:00,Oslo,3,y\n"); // no customer
    text.extend_from_slice(b"c4,Visited\n"); // short row
    text.extend_from_slice("c5,\"Købt\",03/05/2024 09:15,Århus,-2,9\n".as_bytes());
    let mapping = CsvMapping {
        case_id: "customer".into(),
        activity: Some("event".into()),
        timestamp: "when".into(),
        timestamp_format: Some("%d/%m/%Y %H:%M".into()),
        attributes: vec!["city".into(), "amount".into(), "code".into()],
        ..CsvMapping::default()
    };
    let mut last = 0;
    let report = read_csv(&text[..], &mapping, &mut |b| last = b).expect("read");
    assert_eq!(last, text.len() as u64);
    assert_eq!(report.records.len(), 3, "{report:#?}");
    let first = &report.records[0];
    assert_eq!(first.case_id, "c1");
    assert_eq!(first.activity, "Bought");
    assert_eq!(
        first.timestamp,
        "2024-05-01T10:30:00Z"
            .parse::<jiff::Timestamp>()
            .expect("ts")
    );
    assert_eq!(first.attributes["city"], json!("Oslo"));
    assert_eq!(first.attributes["amount"], json!(12.5));
    assert_eq!(first.attributes["code"], json!("007"));
    assert_eq!(report.records[1].attributes["city"], json!("Tromsø"));
    assert!(!report.records[1].attributes.contains_key("code"));
    assert_eq!(report.records[2].activity, "Købt");
    assert_eq!(report.records[2].attributes["amount"], json!(-2));
    let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 5, 6], "{:#?}", report.rejected);
}

#[test]
fn unknown_column_is_an_error() {
    let mapping = CsvMapping {
        case_id: "nope".into(),
        activity_constant: Some("Booked".into()),
        timestamp: "when".into(),
        ..CsvMapping::default()
    };
    let error = read_csv(&b"when,who\n"[..], &mapping, &mut |_| {}).expect_err("no column");
    assert!(error.to_string().contains("nope"), "{error}");
}

#[test]
fn hotel_bookings() {
    let Some(path) = shared_data("hotel-bookings/hotel_bookings.csv.gz") else {
        return;
    };
    let mapping = CsvMapping {
        case_id: String::new(),
        activity_constant: Some("Booking Arrival".into()),
        date_parts: Some((
            "arrival_date_year".into(),
            "arrival_date_month".into(),
            "arrival_date_day_of_month".into(),
        )),
        attributes: [
            "hotel",
            "is_canceled",
            "lead_time",
            "country",
            "distribution_channel",
            "customer_type",
            "adr",
            "agent",
        ]
        .map(String::from)
        .to_vec(),
        ..CsvMapping::default()
    };
    let report = read_csv(open_gz(&path), &mapping, &mut |_| {}).expect("read");
    println!(
        "hotel bookings: {} rows, {} rejected",
        report.records.len(),
        report.rejected.len()
    );
    assert!(
        report.rejected.is_empty(),
        "{:?}",
        &report.rejected[..5.min(report.rejected.len())]
    );
    assert_eq!(report.records.len(), 119_390);
    let first = &report.records[0];
    assert_eq!(first.case_id, "row-2");
    assert_eq!(first.activity, "Booking Arrival");
    assert_eq!(
        first.timestamp,
        "2015-07-01T00:00:00Z"
            .parse::<jiff::Timestamp>()
            .expect("ts")
    );
    assert_eq!(first.attributes["hotel"], json!("Resort Hotel"));
    assert_eq!(first.attributes["lead_time"], json!(342));
    assert_eq!(first.attributes["country"], json!("PRT"));
    assert_eq!(first.attributes["agent"], json!("NULL"));
    let last = report.records.last().expect("last");
    assert_eq!(last.case_id, "row-119391");
    assert_eq!(
        last.timestamp,
        "2017-08-29T00:00:00Z"
            .parse::<jiff::Timestamp>()
            .expect("ts")
    );
    assert_eq!(last.attributes["hotel"], json!("City Hotel"));
    assert_eq!(last.attributes["adr"], json!(151.2));
    assert_eq!(last.attributes["distribution_channel"], json!("TA/TO"));
    // Known counts (measured with awk on the file): 44,224 canceled, 40,060 at the resort.
    let canceled = report
        .records
        .iter()
        .filter(|e| e.attributes["is_canceled"] == json!(1))
        .count();
    assert_eq!(canceled, 44_224);
    let resort = report
        .records
        .iter()
        .filter(|e| e.attributes["hotel"] == json!("Resort Hotel"))
        .count();
    assert_eq!(resort, 40_060);
}

#[test]
fn byte_order_mark_and_constant_activity() {
    let text = "\u{feff}id,day\nc1,2024-05-01\nc2,2024-13-01\n";
    let mapping = CsvMapping {
        case_id: "id".into(),
        activity_constant: Some("Visited".into()),
        timestamp: "day".into(),
        ..CsvMapping::default()
    };
    let report = read_csv(text.as_bytes(), &mapping, &mut |_| {}).expect("read");
    assert_eq!(report.records.len(), 1);
    assert_eq!(report.records[0].activity, "Visited");
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 3);
}
