//! `stig events import`: real event logs and surveys from `../shared/data`, dirty lines, and
//! importing the same file twice.

use std::path::Path;

use super::{shared_data, stig, text};

/// A fresh database holding the arctic-winter example workspace.
fn fresh_db(tmp: &Path) -> String {
    let db = tmp.join("stig.db");
    let db = db.to_str().expect("utf-8 path").to_owned();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    let out = stig(&["import", example.to_str().expect("utf-8 path"), "--db", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

fn import(file: &Path, db: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "events",
        "import",
        file.to_str().expect("utf-8 path"),
        "--workspace",
        "arctic-winter",
        "--db",
        db,
    ];
    args.extend_from_slice(extra);
    let out = stig(&args);
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The number after `label:` in the command's summary.
fn count(out: &str, label: &str) -> u64 {
    out.lines()
        .find_map(|l| l.strip_prefix(label)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no `{label}` in:\n{out}"))
        .trim()
        .parse()
        .expect("a count")
}

/// (events, distinct userIds, distinct event names) stored in the workspace.
fn stored(db: &str) -> (i64, i64, i64) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let options = sqlx::sqlite::SqliteConnectOptions::new().filename(db);
            let pool = sqlx::SqlitePool::connect_with(options).await.expect("open");
            sqlx::query_as(
                "SELECT COUNT(*), COUNT(DISTINCT user_id), COUNT(DISTINCT event) FROM events \
                 WHERE workspace_id = 'arctic-winter'",
            )
            .fetch_one(&pool)
            .await
            .expect("counts")
        })
}

#[test]
fn a_real_event_log_is_imported_once() {
    let Some(data) = shared_data() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let log = data.join("event-logs/bpic2012.xes.gz");
    let out = import(&log, &db, &[]);
    assert_eq!(count(&out, "stored"), 262_200, "{out}");
    assert_eq!(count(&out, "rejected"), 0, "{out}");
    assert_eq!(count(&out, "cases"), 13_087, "{out}");
    assert_eq!(count(&out, "event names"), 24, "{out}");
    assert_eq!(stored(&db), (262_200, 13_087, 24));

    // The same file again stores nothing new.
    let again = import(&log, &db, &[]);
    assert_eq!(count(&again, "stored"), 0, "{again}");
    assert_eq!(count(&again, "duplicates"), 262_200, "{again}");
    assert_eq!(stored(&db).0, 262_200);
}

#[test]
fn survey_answers_become_feedback_events() {
    let Some(data) = shared_data() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let mut total = 0;
    for year in [2016, 2017, 2018] {
        let file = data.join(format!("sfo-survey/sfo-{year}.csv"));
        let out = import(&file, &db, &["--format", "survey"]);
        // Every answer the reader keeps is one "Feedback Submitted" event.
        let file_bytes = std::fs::read(&file).expect("survey");
        let read = stig_pipeline::sources::survey::read_survey(
            &file_bytes[..],
            &stig_pipeline::sources::survey::SurveyMapping::sfo(&format!("sfo-{year}-")),
            &mut |_| {},
        )
        .expect("readable survey");
        let answers = read.report.records.len() as u64;
        assert!(answers > 10_000, "{year}: {answers} answers");
        assert_eq!(count(&out, "stored"), answers, "{year}: {out}");
        assert_eq!(count(&out, "event names"), 1, "{out}");
        total += answers;
    }
    let (events, respondents, names) = stored(&db);
    assert_eq!(events as u64, total);
    assert_eq!(names, 1);
    assert!(respondents > 8_000, "{respondents} respondents");
}

#[test]
fn dirty_lines_are_reported_and_the_clean_ones_imported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let file = tmp.path().join("events.ndjson");
    std::fs::write(
        &file,
        concat!(
            r#"{"type":"track","userId":"u1","event":"Signed Up","messageId":"m1","timestamp":"2024-03-01T10:00:00Z"}"#,
            "\n{not json\n",
            r#"{"type":"track","userId":"u1","event":"Booked","messageId":"m2","timestamp":"2024-03-02T10:00:00Z","properties":{"plan":"pro"}}"#,
            "\n[1, 2]\n\n",
            r#"{"type":"track","userId":"u2","event":"Booked","messageId":"m3","timestamp":"yesterday"}"#,
            "\n",
            r#"{"type":"identify","userId":"u2","messageId":"m4","timestamp":"2024-03-03T10:00:00Z","traits":{"plan":"free"}}"#,
            "\n",
        ),
    )
    .expect("write");
    let out = import(&file, &db, &[]);
    assert_eq!(count(&out, "read"), 6, "{out}");
    assert_eq!(count(&out, "stored"), 3, "{out}");
    assert_eq!(count(&out, "rejected"), 3, "{out}");
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    for (line, number) in lines.iter().zip(["2:", "4:", "6:"]) {
        assert!(line.starts_with(number), "{out}");
    }
    assert_eq!(stored(&db).0, 3);
    // Re-imported: the messageIds are kept, so nothing is stored twice.
    let again = import(&file, &db, &[]);
    assert_eq!(count(&again, "duplicates"), 3, "{again}");
}

#[test]
fn an_unknown_workspace_is_refused_with_exit_code_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let file = tmp.path().join("events.ndjson");
    std::fs::write(&file, "").expect("write");
    let out = stig(&[
        "events",
        "import",
        file.to_str().expect("utf-8 path"),
        "--workspace",
        "nope",
        "--db",
        &db,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no workspace `nope`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_csv_is_imported_through_its_mapping_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let file = tmp.path().join("bookings.csv");
    std::fs::write(
        &file,
        "customer,action,when,plan\n\
         c1,Signed Up,2024-03-01T10:00:00Z,pro\n\
         c2,Booked,not a date,free\n\
         c1,Booked,2024-03-02,pro\n",
    )
    .expect("write");
    // Without a mapping the command says what it needs.
    let out = stig(&[
        "events",
        "import",
        file.to_str().expect("utf-8 path"),
        "--workspace",
        "arctic-winter",
        "--db",
        &db,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--mapping"),
        "{}",
        text(&out.stderr)
    );

    let mapping = tmp.path().join("mapping.toml");
    std::fs::write(
        &mapping,
        "case_id = \"customer\"\nactivity = \"action\"\ntimestamp = \"when\"\nattributes = [\"plan\"]\n",
    )
    .expect("write");
    let out = import(&file, &db, &["--mapping", mapping.to_str().expect("utf-8")]);
    assert_eq!(count(&out, "stored"), 2, "{out}");
    assert_eq!(count(&out, "rejected"), 1, "{out}");
    assert!(out.lines().any(|l| l.starts_with("3: ")), "{out}");
    assert_eq!(stored(&db), (2, 1, 2));
    let again = import(&file, &db, &["--mapping", mapping.to_str().expect("utf-8")]);
    assert_eq!(count(&again, "duplicates"), 2, "{again}");
}
