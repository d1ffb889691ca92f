//! Data out: `GET /api/workspaces/{ws}/events` and `…/export/customers`. Events sent through
//! the collector come back page by page exactly once, filtered as asked, and the same in
//! JSON, NDJSON, CSV and Parquet (read back with the `parquet` crate's reader); bad
//! parameters are a 400 (malformed) or 422 (well-formed, meaning nothing here) naming the
//! parameter.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, Response, header};
use base64::Engine as _;
use http_body_util::BodyExt;
use jiff::{SignedDuration, Timestamp};
use parquet::basic::{LogicalType, TimeUnit};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::{Value, json};
use stig_store::Store;

use crate::harness::{Harness, WS};

/// One event as sent: who, what, when.
#[derive(Clone)]
struct Sent {
    id: String,
    kind: &'static str,
    event: Option<&'static str>,
    user: Option<&'static str>,
    anonymous: Option<&'static str>,
    at: Timestamp,
}

impl Sent {
    fn json(&self) -> Value {
        let mut v = json!({"type": self.kind, "messageId": self.id, "timestamp": self.at.to_string(),
            "context": {"locale": "nb-NO", "page": {"path": "/booking/1"}}});
        if let Some(e) = self.event {
            v["event"] = json!(e);
            // What the example's touchpoint signals look for, and text CSV must quote.
            v["properties"] = match e {
                "Order Completed" => json!({"channel": "web", "category": "aktivitet",
                    "revenue": 2490, "note": "sa \"hei\", og gikk\nvidere"}),
                "Flight Landed" => json!({"airport": "TOS"}),
                _ => json!({"template": "bestillingsbekreftelse"}),
            };
        }
        if self.kind == "page" {
            v["name"] = json!("Page Viewed");
        }
        if self.kind == "identify" {
            v["traits"] = json!({"name": "Ola Nordmann", "plan": "familie"});
        }
        if let Some(u) = self.user {
            v["userId"] = json!(u);
        }
        if let Some(a) = self.anonymous {
            v["anonymousId"] = json!(a);
        }
        v
    }
}

/// 40 events of four people over 40 hours, a month ago: anon-a1 browses, then identifies as
/// ola@example.no and buys; kari buys and flies; anon-b2 only browses; per opens emails.
fn events() -> Vec<Sent> {
    let start = Timestamp::now().round(jiff::Unit::Second).expect("round")
        - SignedDuration::from_hours(30 * 24);
    (0..40)
        .map(|i| {
            let (kind, event, user, anonymous) = match i % 8 {
                0 => ("page", None, None, Some("anon-a1")),
                1 => ("identify", None, Some("ola@example.no"), Some("anon-a1")),
                2 => (
                    "track",
                    Some("Order Completed"),
                    Some("ola@example.no"),
                    None,
                ),
                3 => (
                    "track",
                    Some("Order Completed"),
                    Some("kari@example.no"),
                    None,
                ),
                4 => (
                    "track",
                    Some("Flight Landed"),
                    Some("kari@example.no"),
                    None,
                ),
                5 => ("page", None, None, Some("anon-b2")),
                6 => ("track", Some("Email Opened"), Some("per"), None),
                _ => ("screen", None, Some("per"), None),
            };
            Sent {
                id: format!("m-{i:02}"),
                kind,
                event,
                user,
                anonymous,
                at: start + SignedDuration::from_hours(i),
            }
        })
        .collect()
}

async fn with_events() -> (Harness, Vec<Sent>, String) {
    let h = Harness::new().await;
    let (_, key) = h.store.create_source(WS, "Web").await.expect("source");
    let sent = events();
    for chunk in sent.chunks(15) {
        collect(&h, &key, chunk).await;
    }
    (h, sent, key)
}

async fn collect(h: &Harness, key: &str, events: &[Sent]) {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    let body = json!({"batch": events.iter().map(Sent::json).collect::<Vec<_>>()});
    let res = h
        .send(
            Request::post("/v1/batch")
                .header(header::AUTHORIZATION, format!("Basic {auth}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("request"),
        )
        .await;
    assert_eq!(res.status(), 200);
}

/// A GET with the viewer's token: status, headers and body bytes.
async fn get(h: &Harness, path: &str) -> (u16, Response<()>, Vec<u8>) {
    let res = h
        .send(
            Request::get(path)
                .header(header::AUTHORIZATION, format!("Bearer {}", h.viewer))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes().to_vec();
    (
        parts.status.as_u16(),
        Response::from_parts(parts, ()),
        bytes,
    )
}

fn header<'a>(res: &'a Response<()>, name: &str) -> Option<&'a str> {
    res.headers().get(name).and_then(|v| v.to_str().ok())
}

fn ids_of_json(events: &Value) -> Vec<String> {
    events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["messageId"].as_str().expect("messageId").to_owned())
        .collect()
}

fn ids_of_ndjson(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            v["messageId"].as_str().expect("messageId").to_owned()
        })
        .collect()
}

/// Every page of `path` (JSON), following `next_cursor` while `has_more`.
async fn all_pages(h: &Harness, path: &str) -> (Vec<String>, usize, String) {
    let mut ids = Vec::new();
    let mut pages = 0;
    let mut url = path.to_owned();
    loop {
        let (status, res, bytes) = get(h, &url).await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
        let page: Value = serde_json::from_slice(&bytes).expect("JSON");
        ids.extend(ids_of_json(&page["events"]));
        pages += 1;
        let cursor = page["next_cursor"]
            .as_str()
            .expect("next_cursor")
            .to_owned();
        assert_eq!(header(&res, "x-stig-next-cursor"), Some(cursor.as_str()));
        if page["has_more"] != json!(true) {
            assert!(header(&res, "link").is_none());
            return (ids, pages, cursor);
        }
        let link = header(&res, "link").expect("a Link to the next page");
        assert!(link.ends_with("; rel=\"next\""), "{link}");
        url = link
            .trim_start_matches('<')
            .split('>')
            .next()
            .expect("URL")
            .to_owned();
        assert!(url.contains(&format!("cursor={cursor}")), "{url}");
        assert!(pages < 100, "paging does not end");
    }
}

#[tokio::test]
async fn pages_cover_every_event_once_in_arrival_order_and_a_cursor_picks_up_later_ones() {
    let (h, sent, key) = with_events().await;
    let stored: Vec<String> = h
        .store
        .scan_event_texts(WS, 0, 1000)
        .await
        .expect("scan")
        .iter()
        .map(|(_, t)| serde_json::from_str::<Value>(t).expect("JSON")["messageId"].to_string())
        .map(|s| s.trim_matches('"').to_owned())
        .collect();
    assert_eq!(stored.len(), 40);

    let base = format!("/api/workspaces/{WS}/events");
    let (ids, pages, last) = all_pages(&h, &format!("{base}?limit=7")).await;
    assert_eq!(ids, stored, "each event once, in arrival order");
    assert_eq!(pages, 6, "40 events in pages of 7");
    // The default page holds them all.
    let (ids, pages, _) = all_pages(&h, &base).await;
    assert_eq!((ids.len(), pages), (40, 1));

    // NDJSON pages carry the cursor in headers.
    let mut ndjson = Vec::new();
    let mut url = format!("{base}?format=ndjson&limit=16");
    loop {
        let (status, res, bytes) = get(&h, &url).await;
        assert_eq!(status, 200);
        assert_eq!(header(&res, "content-type"), Some("application/x-ndjson"));
        ndjson.extend(ids_of_ndjson(&bytes));
        let cursor = header(&res, "x-stig-next-cursor").expect("cursor");
        if header(&res, "x-stig-has-more") == Some("false") {
            break;
        }
        url = format!("{base}?format=ndjson&limit=16&cursor={cursor}");
    }
    assert_eq!(ndjson, stored);

    // Events stored later come from the last cursor, and only they.
    let later = Sent {
        id: "m-later".into(),
        kind: "track",
        event: Some("Order Completed"),
        user: Some("kari@example.no"),
        anonymous: None,
        at: sent[39].at + SignedDuration::from_hours(1),
    };
    collect(&h, &key, &[later]).await;
    let (ids, _, _) = all_pages(&h, &format!("{base}?cursor={last}")).await;
    assert_eq!(ids, ["m-later"]);
}

#[tokio::test]
async fn filters_take_time_type_name_and_every_id_of_a_customer() {
    let (h, sent, _) = with_events().await;
    let base = format!("/api/workspaces/{WS}/events");
    let expect = |keep: &dyn Fn(&Sent) -> bool| -> Vec<String> {
        sent.iter()
            .filter(|s| keep(s))
            .map(|s| s.id.clone())
            .collect()
    };
    let from = sent[10].at;
    let to = sent[20].at;
    let (ids, _, _) = all_pages(&h, &format!("{base}?from={from}&to={to}&limit=3")).await;
    assert_eq!(
        ids,
        expect(&|s| s.at >= from && s.at < to),
        "from inclusive, to not"
    );
    assert_eq!(ids.len(), 10);

    let (ids, _, _) = all_pages(&h, &format!("{base}?type=page,identify")).await;
    assert_eq!(ids, expect(&|s| s.kind == "page" || s.kind == "identify"));
    let (ids, _, _) = all_pages(&h, &format!("{base}?type=screen&type=identify")).await;
    assert_eq!(ids, expect(&|s| s.kind == "screen" || s.kind == "identify"));

    let (ids, _, _) = all_pages(&h, &format!("{base}?event=Order%20Completed&limit=4")).await;
    assert_eq!(ids, expect(&|s| s.event == Some("Order Completed")));

    // The anonymous id finds Ola's events under his user id too (stitched by the identify),
    // and his user id finds his anonymous page views.
    let ola = expect(&|s| s.user == Some("ola@example.no") || s.anonymous == Some("anon-a1"));
    assert_eq!(ola.len(), 15);
    for who in ["anon-a1", "ola%40example.no"] {
        let (ids, _, _) = all_pages(&h, &format!("{base}?customer={who}&limit=4")).await;
        assert_eq!(ids, ola, "customer={who}");
    }
    let (ids, _, _) = all_pages(&h, &format!("{base}?customer=anon-b2&type=page")).await;
    assert_eq!(ids, expect(&|s| s.anonymous == Some("anon-b2")));
    let (ids, _, _) = all_pages(&h, &format!("{base}?customer=nobody")).await;
    assert!(ids.is_empty());

    // Filters hold in the streamed formats too.
    let (status, _, bytes) = get(
        &h,
        &format!("{base}?format=ndjson&customer=anon-a1&from={from}"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        ids_of_ndjson(&bytes),
        expect(&|s| s.at >= from
            && (s.user == Some("ola@example.no") || s.anonymous == Some("anon-a1")))
    );
}

#[tokio::test]
async fn ndjson_csv_and_parquet_hold_the_same_events() {
    let (h, sent, _) = with_events().await;
    let base = format!("/api/workspaces/{WS}/events");

    // NDJSON, streamed whole: each line the event as stored.
    let (status, res, ndjson) = get(&h, &format!("{base}?format=ndjson")).await;
    assert_eq!(status, 200);
    assert_eq!(header(&res, "x-stig-has-more"), Some("false"));
    assert!(header(&res, "x-stig-next-cursor").is_some());
    assert!(
        header(&res, "content-disposition").is_some_and(|d| d.contains(".ndjson")),
        "a file name"
    );
    let stored = h.store.scan_event_texts(WS, 0, 1000).await.expect("scan");
    let text = String::from_utf8(ndjson).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        stored.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>()
    );
    let lines: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();

    // CSV: RFC 4180, one row per event, the same values.
    let (status, res, csv_bytes) = get(&h, &format!("{base}?format=csv")).await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&res, "content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert!(csv_bytes.windows(2).any(|w| w == b"\r\n"), "CRLF lines");
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "seq",
            "message_id",
            "type",
            "event",
            "name",
            "user_id",
            "anonymous_id",
            "timestamp",
            "received_at",
            "properties",
            "traits",
            "context"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), sent.len());
    for ((row, line), (seq, _)) in rows.iter().zip(&lines).zip(&stored) {
        assert_eq!(row[0], seq.to_string());
        assert_eq!(row[1], line["messageId"]);
        assert_eq!(row[2], line["type"]);
        assert_eq!(row[3], *line["event"].as_str().unwrap_or(""));
        assert_eq!(row[5], *line["userId"].as_str().unwrap_or(""));
        assert_eq!(row[7], line["timestamp"]);
        let properties: Value = if row[9].is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&row[9]).expect("properties JSON")
        };
        assert_eq!(properties, line["properties"]);
        let context: Value = serde_json::from_str(&row[11]).expect("context JSON");
        assert_eq!(context, line["context"]);
    }

    // Parquet: typed columns, read back.
    let (status, res, parquet_bytes) = get(&h, &format!("{base}?format=parquet")).await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&res, "content-type"),
        Some("application/vnd.apache.parquet")
    );
    let reader = SerializedFileReader::new(bytes::Bytes::from(parquet_bytes)).expect("Parquet");
    let schema = reader.metadata().file_metadata().schema_descr();
    assert_eq!(
        schema.column(7).logical_type_ref(),
        Some(&LogicalType::timestamp(true, TimeUnit::MICROS))
    );
    let rows: Vec<parquet::record::Row> = reader
        .get_row_iter(None)
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(rows.len(), sent.len());
    for ((row, line), (seq, _)) in rows.iter().zip(&lines).zip(&stored) {
        let cols: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
        assert_eq!(cols[0], &Field::Long(*seq));
        assert_eq!(
            cols[1],
            &Field::Str(line["messageId"].as_str().expect("id").into())
        );
        let at: Timestamp = line["timestamp"]
            .as_str()
            .expect("time")
            .parse()
            .expect("time");
        assert_eq!(cols[7], &Field::TimestampMicros(at.as_microsecond()));
        match line["event"].as_str() {
            Some(e) => assert_eq!(cols[3], &Field::Str(e.into())),
            None => assert_eq!(cols[3], &Field::Null),
        }
    }
}

#[tokio::test]
async fn customers_come_whole_paged_and_as_their_profiles_say() {
    let (h, _, _) = with_events().await;
    let base = format!("/api/workspaces/{WS}/export/customers");
    let mut ids = Vec::new();
    let mut url = format!("{base}?limit=1");
    let mut docs = Vec::new();
    loop {
        let (status, _, bytes) = get(&h, &url).await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
        let page: Value = serde_json::from_slice(&bytes).expect("JSON");
        for c in page["customers"].as_array().expect("customers") {
            ids.push(c["id"].as_str().expect("id").to_owned());
            docs.push(c.clone());
        }
        if page["has_more"] != json!(true) {
            break;
        }
        url = format!(
            "{base}?limit=1&cursor={}",
            page["next_cursor"].as_str().expect("cursor")
        );
    }
    assert_eq!(
        ids,
        ["anon-b2", "kari@example.no", "ola@example.no", "per"],
        "each customer once, by id (anon-a1 is Ola's)"
    );

    // The same as each profile, derived on its own from the events.
    for doc in &docs {
        let id = doc["id"].as_str().expect("id");
        let (status, _, profile, _) = h
            .api(
                "GET",
                &format!("/api/workspaces/{WS}/customers/{}", id.replace('@', "%40")),
                Some(&h.viewer),
                None,
                None,
            )
            .await;
        assert_eq!(status, 200);
        for key in ["status", "events", "user_ids", "anonymous_ids", "traits"] {
            assert_eq!(doc[key], profile[key], "{id}: {key}");
        }
        let runs = |v: &Value| -> Vec<(String, u64, String, String, usize)> {
            v.as_array()
                .expect("runs")
                .iter()
                .map(|r| {
                    (
                        r["journey"].as_str().unwrap_or("").to_owned(),
                        r["run"].as_u64().unwrap_or(0),
                        r["status"].as_str().unwrap_or("").to_owned(),
                        r["step"].as_str().unwrap_or("").to_owned(),
                        r["hits"].as_array().map_or(0, Vec::len),
                    )
                })
                .collect()
        };
        assert_eq!(runs(&doc["runs"]), runs(&profile["runs"]), "{id}: runs");
        let changes = |v: &Value| -> Vec<String> {
            v.as_array()
                .expect("lifecycle")
                .iter()
                .map(|c| c["change"].as_str().unwrap_or("").to_owned())
                .collect()
        };
        assert_eq!(changes(&doc["lifecycle"]), changes(&profile["lifecycle"]));
    }
    assert!(
        docs.iter()
            .any(|d| !d["runs"].as_array().expect("runs").is_empty()),
        "someone has a journey run"
    );

    // Streamed NDJSON is the same documents; CSV and Parquet one row each; status filters.
    let (status, res, bytes) = get(&h, &format!("{base}?format=ndjson")).await;
    assert_eq!(status, 200);
    let streamed: Vec<Value> = String::from_utf8_lossy(&bytes)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(streamed, docs);
    assert_eq!(header(&res, "x-stig-has-more"), Some("false"));
    let (_, _, bytes) = get(&h, &format!("{base}?format=csv")).await;
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(
        rows.iter().map(|r| r[0].to_owned()).collect::<Vec<_>>(),
        ids
    );
    let (_, _, bytes) = get(&h, &format!("{base}?format=parquet")).await;
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("Parquet");
    assert_eq!(reader.metadata().file_metadata().num_rows(), 4);
    let statuses: BTreeSet<String> = docs
        .iter()
        .map(|d| d["status"].as_str().expect("status").to_owned())
        .collect();
    for s in statuses {
        let (status, _, bytes) = get(&h, &format!("{base}?status={s}")).await;
        assert_eq!(status, 200);
        let page: Value = serde_json::from_slice(&bytes).expect("JSON");
        let want = docs.iter().filter(|d| d["status"] == json!(s)).count();
        assert_eq!(page["customers"].as_array().expect("list").len(), want);
    }
}

#[tokio::test]
async fn bad_parameters_are_a_400_or_422_naming_the_parameter_and_an_unknown_workspace_a_404() {
    let (h, _, _) = with_events().await;
    let events = format!("/api/workspaces/{WS}/events");
    let customers = format!("/api/workspaces/{WS}/export/customers");
    let customer_cursor = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("c:per");
    // A malformed value is a 400 naming it in the detail; a well-formed one that means
    // nothing here (a cursor no page gave, a period ending before it starts) a 422 naming it
    // among the errors.
    for (path, param, want) in [
        (format!("{events}?from=yesterday"), "from", 400),
        (format!("{events}?to=2026-13-01"), "to", 400),
        (format!("{events}?from=2026-02-01&to=2026-01-01"), "to", 422),
        (format!("{events}?type=click"), "type", 400),
        (format!("{events}?type=track,clicks"), "type", 400),
        (format!("{events}?format=xml"), "format", 400),
        (format!("{events}?cursor=not-a-cursor"), "cursor", 422),
        (format!("{events}?cursor={customer_cursor}"), "cursor", 422),
        (format!("{events}?limit=0"), "limit", 400),
        (format!("{events}?limit=10001"), "limit", 400),
        (format!("{events}?limit=many"), "limit", 400),
        (format!("{events}?typ=track"), "typ", 400),
        (format!("{customers}?status=happy"), "status", 400),
        (format!("{customers}?format=xlsx"), "format", 400),
        (format!("{customers}?cursor=%%%"), "cursor", 422),
    ] {
        let (status, res, bytes) = get(&h, &path).await;
        assert_eq!(status, want, "{path}: {}", String::from_utf8_lossy(&bytes));
        assert_eq!(
            header(&res, "content-type"),
            Some("application/problem+json"),
            "{path}"
        );
        let problem: Value = serde_json::from_slice(&bytes).expect("problem JSON");
        if want == 400 {
            let detail = problem["detail"].as_str().expect("detail");
            assert!(detail.contains(&format!("`{param}`")), "{path}: {detail}");
        } else {
            assert_eq!(problem["errors"][0]["field"], param, "{path}: {problem}");
        }
    }
    // `to` is exclusive: the same time as `from` is an empty period, not an error.
    let (status, _, bytes) = get(&h, &format!("{events}?from=2026-01-01&to=2026-01-01")).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    let page: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(page["events"], json!([]));
    for path in [
        "/api/workspaces/nowhere/events",
        "/api/workspaces/nowhere/events?format=parquet",
        "/api/workspaces/nowhere/export/customers",
    ] {
        let (status, res, _) = get(&h, path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(
            header(&res, "content-type"),
            Some("application/problem+json")
        );
    }
    // Without a token or session: 401.
    let res = h
        .send(Request::get(&events).body(Body::empty()).expect("request"))
        .await;
    assert_eq!(res.status(), 401);
    // Documented.
    let (_, _, doc, _) = h
        .api("GET", "/api/openapi.json", Some(&h.viewer), None, None)
        .await;
    for path in [
        "/api/workspaces/{ws}/events",
        "/api/workspaces/{ws}/export/customers",
    ] {
        assert!(
            doc["paths"][path]["get"]["responses"]["200"].is_object(),
            "{path}"
        );
    }
}
