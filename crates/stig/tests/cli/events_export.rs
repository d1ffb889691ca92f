//! `stig events export` and `stig customers export` end to end: generated events imported,
//! exported as NDJSON, CSV and Parquet, and read back — the Parquet files by DuckDB (from
//! PyPI, in a venv under `target/py-duckdb`) as well as by the `parquet` crate — equal to the
//! NDJSON: the same events in the same order, names and times. Where Python or DuckDB cannot
//! be had the DuckDB half skips with a message, unless `STIG_REQUIRE_PYTHON=1`.

use std::path::{Path, PathBuf};
use std::process::Command;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::Value;

use super::{stig, text};

fn run(args: &[&str]) -> String {
    let out = stig(args);
    assert!(out.status.success(), "stig {args:?}\n{}", text(&out.stderr));
    text(&out.stdout)
}

/// A database with the telekom example and the events of 60 generated customers.
fn database(tmp: &Path) -> (String, Vec<Value>) {
    let db = tmp.join("t.db").to_str().expect("utf-8").to_owned();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/telekom");
    let events = tmp.join("generated.ndjson");
    let events_s = events.to_str().expect("utf-8");
    run(&["import", dir.to_str().expect("utf-8"), "--db", &db]);
    run(&[
        "generate",
        dir.to_str().expect("utf-8"),
        "--customers",
        "60",
        "--seed",
        "5",
        "-o",
        events_s,
    ]);
    run(&[
        "events",
        "import",
        events_s,
        "--workspace",
        "telekom",
        "--db",
        &db,
    ]);
    let generated = std::fs::read_to_string(&events)
        .expect("generated")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    (db, generated)
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_owned()
}

fn micros(v: &Value) -> i64 {
    v.as_str()
        .expect("a time")
        .parse::<jiff::Timestamp>()
        .expect("RFC 3339")
        .as_microsecond()
}

/// Python with DuckDB, or `None` (skipped, with a message) where it cannot be had.
fn duckdb() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-duckdb");
    let py = venv.join("bin/python");
    let ready = |py: &Path| {
        Command::new(py)
            .args(["-c", "import duckdb"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !ready(&py) {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .output()
            .is_ok_and(|o| o.status.success());
        if made {
            let _ = Command::new(&py)
                .args(["-m", "pip", "install", "--quiet", "duckdb"])
                .output();
        }
    }
    if ready(&py) {
        return Some(py);
    }
    let why = format!("DuckDB could not be installed into {}", venv.display());
    let required = std::env::var("STIG_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
    assert!(!required, "STIG_REQUIRE_PYTHON=1 but {why}");
    eprintln!("skipped the DuckDB read-back: {why} (set STIG_REQUIRE_PYTHON=1 to fail)");
    None
}

/// DuckDB's answer to `sql` as JSON rows.
fn query(py: &Path, sql: &str) -> Vec<Vec<Value>> {
    let script = "import duckdb, json, sys\n\
        rows = duckdb.connect().execute(sys.argv[1]).fetchall()\n\
        print(json.dumps([list(r) for r in rows], default=str))";
    let out = Command::new(py)
        .args(["-c", script, sql])
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{sql}\n{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON rows")
}

fn parquet_rows(path: &Path) -> Vec<Vec<(String, Field)>> {
    let file = std::fs::File::open(path).expect("parquet file");
    let reader = SerializedFileReader::new(file).expect("a Parquet file");
    reader
        .get_row_iter(None)
        .expect("rows")
        .map(|r| {
            r.expect("row")
                .get_column_iter()
                .map(|(n, f)| (n.clone(), f.clone()))
                .collect()
        })
        .collect()
}

fn field<'a>(row: &'a [(String, Field)], name: &str) -> &'a Field {
    &row.iter().find(|(n, _)| n == name).expect("column").1
}

#[test]
fn events_as_ndjson_csv_and_parquet_read_back_equal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (db, generated) = database(tmp.path());
    let out = |name: &str| tmp.path().join(name);
    let export = |file: &Path, extra: &[&str]| {
        let mut args = vec![
            "events",
            "export",
            "--workspace",
            "telekom",
            "--db",
            &db,
            "-o",
            file.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        let o = stig(&args);
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stderr)
    };
    let said = export(&out("events.ndjson"), &[]);
    export(&out("events.csv"), &[]);
    export(&out("events.parquet"), &[]);

    // NDJSON: every generated event, as stored.
    let nd = lines(&out("events.ndjson"));
    assert_eq!(nd.len(), generated.len());
    assert!(
        said.contains(&format!("wrote {} events", nd.len())),
        "{said}"
    );
    let mut want: Vec<String> = generated.iter().map(|e| s(&e["messageId"])).collect();
    let mut got: Vec<String> = nd.iter().map(|e| s(&e["messageId"])).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want, "the same message ids");
    // Standard output is the same NDJSON.
    let stdout = run(&["events", "export", "--workspace", "telekom", "--db", &db]);
    assert_eq!(
        stdout,
        std::fs::read_to_string(out("events.ndjson")).expect("file")
    );

    // CSV: one row per event, in the same order, the same values.
    let mut csv = csv::Reader::from_path(out("events.csv")).expect("CSV");
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), nd.len());
    for (row, e) in rows.iter().zip(&nd) {
        assert_eq!(
            (&row[1], &row[2], &row[3], &row[5], &row[7]),
            (
                s(&e["messageId"]).as_str(),
                s(&e["type"]).as_str(),
                s(&e["event"]).as_str(),
                s(&e["userId"]).as_str(),
                s(&e["timestamp"]).as_str()
            )
        );
        if let Some(p) = e.get("properties") {
            assert_eq!(
                &serde_json::from_str::<Value>(&row[9]).expect("JSON text"),
                p
            );
        }
    }

    // Parquet, read by the parquet crate: the same order, ids, names and times.
    let pq = parquet_rows(&out("events.parquet"));
    assert_eq!(pq.len(), nd.len());
    for (row, e) in pq.iter().zip(&nd) {
        assert_eq!(field(row, "message_id"), &Field::Str(s(&e["messageId"])));
        match e["event"].as_str() {
            Some(name) => assert_eq!(field(row, "event"), &Field::Str(name.to_owned())),
            None => assert_eq!(field(row, "event"), &Field::Null),
        }
        assert_eq!(
            field(row, "timestamp"),
            &Field::TimestampMicros(micros(&e["timestamp"]))
        );
        assert_eq!(
            field(row, "received_at"),
            &Field::TimestampMicros(micros(&e["receivedAt"]))
        );
    }

    // Parquet and NDJSON, read by DuckDB.
    if let Some(py) = duckdb() {
        let (nd_path, pq_path) = (out("events.ndjson"), out("events.parquet"));
        let (nd_path, pq_path) = (nd_path.display(), pq_path.display());
        let rows = query(
            &py,
            &format!(
                "SELECT message_id, type, event, epoch_us(timestamp) FROM read_parquet('{pq_path}') ORDER BY seq"
            ),
        );
        assert_eq!(rows.len(), nd.len());
        for (row, e) in rows.iter().zip(&nd) {
            assert_eq!(row[0], e["messageId"]);
            assert_eq!(row[1], e["type"]);
            assert_eq!(row[2], e.get("event").cloned().unwrap_or(Value::Null));
            assert_eq!(row[3], Value::from(micros(&e["timestamp"])));
        }
        // Joined on the message id, DuckDB finds every NDJSON time equal to the Parquet one.
        let same = query(
            &py,
            &format!(
                "SELECT count(*) FROM read_json('{nd_path}', format = 'newline_delimited') j \
                 JOIN read_parquet('{pq_path}') p ON j.messageId = p.message_id \
                 WHERE CAST(j.timestamp AS TIMESTAMPTZ) = p.timestamp \
                 AND CAST(j.receivedAt AS TIMESTAMPTZ) = p.received_at \
                 AND j.type = p.type AND j.event IS NOT DISTINCT FROM p.event"
            ),
        );
        assert_eq!(same, [[Value::from(nd.len())]]);
    }

    // Filters: time, type and name, and one customer.
    let from = s(&nd[nd.len() / 2]["timestamp"]);
    let from_t: jiff::Timestamp = from.parse().expect("time");
    export(
        &out("feedback.ndjson"),
        &[
            "--type",
            "track",
            "--event",
            "Feedback Submitted",
            "--from",
            &from,
        ],
    );
    let want: Vec<String> = nd
        .iter()
        .filter(|e| {
            e["type"] == "track"
                && e["event"] == "Feedback Submitted"
                && s(&e["timestamp"]).parse::<jiff::Timestamp>().expect("time") >= from_t
        })
        .map(|e| s(&e["messageId"]))
        .collect();
    assert!(!want.is_empty());
    let got: Vec<String> = lines(&out("feedback.ndjson"))
        .iter()
        .map(|e| s(&e["messageId"]))
        .collect();
    assert_eq!(got, want);
    let who = s(&nd[0]["userId"]);
    export(&out("one.parquet"), &["--customer", &who]);
    let want = nd
        .iter()
        .filter(|e| s(&e["userId"]) == who || s(&e["anonymousId"]) == who)
        .count();
    assert_eq!(parquet_rows(&out("one.parquet")).len(), want);
}

#[test]
fn customers_export_writes_every_profile_once_in_each_format() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (db, generated) = database(tmp.path());
    let out = |name: &str| tmp.path().join(name);
    for name in ["customers.ndjson", "customers.csv", "customers.parquet"] {
        run(&[
            "customers",
            "export",
            "--workspace",
            "telekom",
            "--db",
            &db,
            "-o",
            out(name).to_str().expect("utf-8"),
        ]);
    }
    let nd = lines(&out("customers.ndjson"));
    let mut people: Vec<String> = generated
        .iter()
        .filter(|e| e["type"] == "identify")
        .map(|e| s(&e["userId"]))
        .collect();
    people.sort();
    people.dedup();
    let ids: Vec<String> = nd.iter().map(|c| s(&c["id"])).collect();
    assert_eq!(ids, people, "every generated customer once, by id");
    let events: u64 = nd
        .iter()
        .map(|c| c["events"].as_u64().expect("count"))
        .sum();
    assert_eq!(events as usize, generated.len());
    assert!(
        nd.iter()
            .any(|c| !c["runs"].as_array().expect("runs").is_empty())
    );
    assert!(
        nd.iter().any(|c| c["persona"].is_string()),
        "personas named"
    );

    let mut csv = csv::Reader::from_path(out("customers.csv")).expect("CSV");
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("row")).collect();
    let csv_ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(csv_ids, ids);
    for (row, c) in rows.iter().zip(&nd) {
        let runs: Value = serde_json::from_str(&row[14]).expect("runs as JSON text");
        assert_eq!(runs, c["runs"]);
        assert_eq!(
            row[9],
            c["runs"].as_array().expect("runs").len().to_string()
        );
    }

    let pq = parquet_rows(&out("customers.parquet"));
    assert_eq!(pq.len(), nd.len());
    for (row, c) in pq.iter().zip(&nd) {
        assert_eq!(field(row, "id"), &Field::Str(s(&c["id"])));
        assert_eq!(
            field(row, "first_seen"),
            &Field::TimestampMicros(micros(&c["first_seen"]))
        );
    }
    if let Some(py) = duckdb() {
        let path = out("customers.parquet");
        let rows = query(
            &py,
            &format!(
                "SELECT id, events, run_count, json_array_length(runs) FROM read_parquet('{}') ORDER BY id",
                path.display()
            ),
        );
        assert_eq!(rows.len(), nd.len());
        for (row, c) in rows.iter().zip(&nd) {
            assert_eq!(row[0], c["id"]);
            assert_eq!(row[1], c["events"]);
            assert_eq!(row[2], row[3]);
        }
    }
}

#[test]
fn export_errors_say_what_is_wrong_and_create_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("missing.db");
    let target = tmp.path().join("out.parquet");
    let o = stig(&[
        "events",
        "export",
        "--workspace",
        "telekom",
        "--db",
        missing.to_str().expect("utf-8"),
        "-o",
        target.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no database at"),
        "{}",
        text(&o.stderr)
    );
    assert!(!missing.exists(), "no database file made");

    let db = tmp.path().join("t.db");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/telekom");
    run(&[
        "import",
        dir.to_str().expect("utf-8"),
        "--db",
        db.to_str().expect("utf-8"),
    ]);
    let db = db.to_str().expect("utf-8");
    for (args, says) in [
        (
            vec!["events", "export", "--workspace", "telekm"],
            "no workspace `telekm`",
        ),
        (
            vec!["customers", "export", "--workspace", "telekm"],
            "no workspace `telekm`",
        ),
        (
            vec![
                "events",
                "export",
                "--workspace",
                "telekom",
                "--from",
                "last week",
            ],
            "--from `last week` is not an RFC 3339 time",
        ),
        (
            vec![
                "events",
                "export",
                "--workspace",
                "telekom",
                "--type",
                "click",
            ],
            "invalid value 'click' for '--type",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--db", db, "-o", target.to_str().expect("utf-8")]);
        let o = stig(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            text(&o.stderr).contains(says),
            "{args:?}: {}",
            text(&o.stderr)
        );
        assert!(!target.exists(), "{args:?}: no output file");
    }
    let odd = tmp.path().join("out.xlsx");
    let o = stig(&[
        "events",
        "export",
        "--workspace",
        "telekom",
        "--db",
        db,
        "-o",
        odd.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("name it .ndjson, .csv or .parquet"),
        "{}",
        text(&o.stderr)
    );
}
