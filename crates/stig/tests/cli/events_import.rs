//! `stig events import`: real event logs and surveys from `../shared/data`, dirty lines,
//! importing the same file twice, and what a first-time user gets wrong (Windows line ends,
//! other delimiters, a misspelt column, touchpoint or workspace, categorical answers).

use std::path::Path;

use serde_json::Value;

use super::{shared_data, stig, text};

/// A fresh database holding the given example workspaces.
fn db_with(tmp: &Path, examples: &[&str]) -> String {
    std::fs::create_dir_all(tmp).expect("mkdir");
    let db = tmp.join("stig.db");
    let db = db.to_str().expect("utf-8 path").to_owned();
    for name in examples {
        let example = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(name);
        let out = stig(&["import", example.to_str().expect("utf-8 path"), "--db", &db]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    db
}

/// A fresh database holding the arctic-winter example workspace.
fn fresh_db(tmp: &Path) -> String {
    db_with(tmp, &["arctic-winter"])
}

fn args<'a>(file: &'a Path, db: &'a str, ws: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "events",
        "import",
        file.to_str().expect("utf-8 path"),
        "--workspace",
        ws,
        "--db",
        db,
    ];
    args.extend_from_slice(extra);
    args
}

/// Imports `file` into `ws`, which must succeed; the summary.
fn import_into(file: &Path, db: &str, ws: &str, extra: &[&str]) -> String {
    let out = stig(&args(file, db, ws, extra));
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn import(file: &Path, db: &str, extra: &[&str]) -> String {
    import_into(file, db, "arctic-winter", extra)
}

/// Imports `file` into `ws`, which must be refused with exit status 2; the error.
fn refused(file: &Path, db: &str, ws: &str, extra: &[&str]) -> String {
    let out = stig(&args(file, db, ws, extra));
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stderr)
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

/// The `line N: reason` lines of the summary.
fn problems(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("line ")).collect()
}

fn mapping(dir: &Path, toml: &str) -> String {
    let path = dir.join("mapping.toml");
    std::fs::write(&path, toml).expect("write mapping");
    path.to_str().expect("utf-8").to_owned()
}

fn docs_mapping(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/mappings")
        .join(name)
        .to_str()
        .expect("utf-8")
        .to_owned()
}

fn query<T>(db: &str, sql: &'static str, ws: &str) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let options = sqlx::sqlite::SqliteConnectOptions::new().filename(db);
            let pool = sqlx::SqlitePool::connect_with(options).await.expect("open");
            let rows = sqlx::query_as(sql)
                .bind(ws)
                .fetch_all(&pool)
                .await
                .expect("query");
            pool.close().await;
            rows
        })
}

/// (events, distinct userIds, distinct event names) stored in workspace `ws`.
fn stored_in(db: &str, ws: &str) -> (i64, i64, i64) {
    query(
        db,
        "SELECT COUNT(*), COUNT(DISTINCT user_id), COUNT(DISTINCT event) FROM events \
         WHERE workspace_id = ?",
        ws,
    )[0]
}

fn stored(db: &str) -> (i64, i64, i64) {
    stored_in(db, "arctic-winter")
}

/// (userId, properties) of every event stored in `ws`, in arrival order.
fn properties(db: &str, ws: &str) -> Vec<(String, Value)> {
    query::<(String, String)>(
        db,
        "SELECT user_id, body FROM events WHERE workspace_id = ? ORDER BY seq",
        ws,
    )
    .into_iter()
    .map(|(user, body)| {
        let body: Value = serde_json::from_str(&body).expect("json body");
        (user, body["properties"].clone())
    })
    .collect()
}

/// The names of the files in `dir`.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Cells of a CSV line without quoted fields (the SFO files have none).
fn split(line: &str) -> Vec<String> {
    line.split(',').map(str::to_owned).collect()
}

#[test]
fn a_real_event_log_is_imported_once() {
    let Some(data) = shared_data() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let log = data.join("event-logs/bpic2012.xes.gz");
    let out = import(&log, &db, &[]);
    assert_eq!(count(&out, "events stored"), 262_200, "{out}");
    assert_eq!(count(&out, "rows read"), 262_200, "{out}");
    assert_eq!(count(&out, "rows stored"), 262_200, "{out}");
    assert_eq!(count(&out, "rows refused"), 0, "{out}");
    assert_eq!(count(&out, "customers"), 13_087, "{out}");
    assert_eq!(count(&out, "event names"), 24, "{out}");
    assert_eq!(stored(&db), (262_200, 13_087, 24));

    // The same file again stores nothing new.
    let again = import(&log, &db, &[]);
    assert_eq!(count(&again, "events stored"), 0, "{again}");
    assert_eq!(count(&again, "duplicates"), 262_200, "{again}");
    assert_eq!(stored(&db).0, 262_200);
}

#[test]
fn survey_answers_become_feedback_events() {
    let Some(data) = shared_data() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = db_with(tmp.path(), &["sfo-airport"]);
    let mut total = 0;
    for year in [2016, 2017, 2018] {
        let file = data.join(format!("sfo-survey/sfo-{year}.csv"));
        let out = import_into(&file, &db, "sfo-airport", &["--format", "survey"]);
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
        assert_eq!(count(&out, "answers stored"), answers, "{year}: {out}");
        assert_eq!(count(&out, "rows read"), read.rows as u64, "{out}");
        assert_eq!(count(&out, "event names"), 1, "{out}");
        // 2016 asked no NPS question: said, not silently skipped.
        assert_eq!(
            out.contains("warning: no column \"NETPRO\""),
            year == 2016,
            "{out}"
        );
        total += answers;
    }
    let (events, respondents, names) = stored_in(&db, "sfo-airport");
    assert_eq!(events as u64, total);
    assert_eq!(names, 1);
    assert!(respondents > 8_000, "{respondents} respondents");
    // The mapping written out in docs/ stores the very same events.
    let again = import_into(
        &data.join("sfo-survey/sfo-2017.csv"),
        &db,
        "sfo-airport",
        &[
            "--format",
            "survey",
            "--mapping",
            &docs_mapping("sfo-survey.toml"),
        ],
    );
    assert_eq!(count(&again, "answers stored"), 0, "{again}");
    assert!(count(&again, "duplicates") > 10_000, "{again}");
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
    assert_eq!(count(&out, "rows read"), 6, "{out}");
    assert_eq!(count(&out, "events stored"), 3, "{out}");
    assert_eq!(count(&out, "rows refused"), 3, "{out}");
    let lines = problems(&out);
    assert_eq!(lines.len(), 3, "{out}");
    for (line, number) in lines.iter().zip(["line 2:", "line 4:", "line 6:"]) {
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
    let before = files(tmp.path());
    let err = refused(&file, &db, "arctic-wintr", &[]);
    assert!(err.contains("no workspace `arctic-wintr`"), "{err}");
    assert!(err.contains("did you mean `arctic-winter`?"), "{err}");
    // No new file beside the database (closing it may checkpoint and remove its WAL).
    let after = files(tmp.path());
    assert!(
        after.iter().all(|f| before.contains(f)),
        "{before:?} {after:?}"
    );
}

/// Item 7: a wrong `--workspace` and no database yet: nothing is created.
#[test]
fn a_wrong_workspace_creates_no_database() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("events.ndjson");
    std::fs::write(
        &file,
        r#"{"type":"track","userId":"u1","event":"A","timestamp":"2024-03-01T10:00:00Z"}"#,
    )
    .expect("write");
    let db = tmp.path().join("stig.db");
    let err = refused(&file, db.to_str().expect("utf-8"), "nope", &[]);
    assert!(err.contains("no workspace `nope`"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    let made: Vec<String> = files(tmp.path())
        .into_iter()
        .filter(|f| f.contains(".db"))
        .collect();
    assert!(made.is_empty(), "{made:?}");

    // The same with a real file: the check comes before it is read.
    if let Some(data) = shared_data() {
        let err = refused(
            &data.join("sfo-survey/sfo-2017.csv"),
            db.to_str().expect("utf-8"),
            "sfo-airport",
            &["--format", "survey"],
        );
        assert!(err.contains("no workspace `sfo-airport`"), "{err}");
        assert_eq!(files(tmp.path()), ["events.ndjson"]);
    }
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
    let err = refused(&file, &db, "arctic-winter", &[]);
    assert!(err.contains("--mapping"), "{err}");

    let mapping = mapping(
        tmp.path(),
        "case_id = \"customer\"\nactivity = \"action\"\ntimestamp = \"when\"\nattributes = [\"plan\"]\n",
    );
    let out = import(&file, &db, &["--mapping", &mapping]);
    assert_eq!(count(&out, "events stored"), 2, "{out}");
    assert_eq!(count(&out, "rows refused"), 1, "{out}");
    assert_eq!(
        problems(&out),
        ["line 3: when: bad timestamp \"not a date\""],
        "{out}"
    );
    assert_eq!(stored(&db), (2, 1, 2));
    let again = import(&file, &db, &["--mapping", &mapping]);
    assert_eq!(count(&again, "duplicates"), 2, "{again}");
}

/// Item 1: Windows line ends; the error is reported on the line an editor shows.
#[test]
fn crlf_files_report_the_right_lines() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let file = tmp.path().join("bookings.csv");
    std::fs::write(
        &file,
        "customer,action,when\r\n\
         c1,Signed Up,2024-03-01\r\n\
         c2,Booked,2024-03-02\r\n\
         \r\n\
         c3,Booked,2024-02-30\r\n\
         c4,Booked,2024-03-04\r\n",
    )
    .expect("write");
    let mapping = mapping(
        tmp.path(),
        "case_id = \"customer\"\nactivity = \"action\"\ntimestamp = \"when\"\n",
    );
    let out = import(&file, &db, &["--mapping", &mapping]);
    let lines = problems(&out);
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("line 5: when:"), "{out}");
    assert_eq!(count(&out, "rows stored"), 3, "{out}");

    // The SFO 2017 survey as Excel on Windows saves it, a rating off the scale on line 57.
    let Some(data) = shared_data() else { return };
    let db = db_with(&tmp.path().join("sfo"), &["sfo-airport"]);
    let bytes = std::fs::read(data.join("sfo-survey/sfo-2017.csv")).expect("survey");
    let text = String::from_utf8_lossy(&bytes);
    let mut rows: Vec<String> = text.lines().map(str::to_owned).collect();
    let food = split(&rows[0]).iter().position(|h| h == "Q7FOOD");
    let food = food.expect("a Q7FOOD column");
    let mut cells = split(&rows[56]);
    cells[food] = "9".into();
    rows[56] = cells.join(",");
    let crlf = tmp.path().join("sfo-2017.csv");
    std::fs::write(&crlf, rows.join("\r\n")).expect("write");
    let out = import_into(&crlf, &db, "sfo-airport", &["--format", "survey"]);
    assert_eq!(
        problems(&out),
        ["line 57: Q7FOOD: rating 9 outside 1–5 (6, 0 = no answer)"],
        "{out}"
    );
    assert_eq!(count(&out, "rows read"), rows.len() as u64 - 1, "{out}");
    assert_eq!(count(&out, "rows partly stored"), 1, "{out}");
}

/// Item 2: semicolons, tabs and runs of spaces, from the mapping's `delimiter` (or a `.tsv`
/// name); CDNOW's headerless whitespace format with the mapping in docs/.
#[test]
fn other_delimiters_and_whitespace_separated_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    // CDNOW_master.txt: no header, runs of spaces, a leading pad, Windows line ends.
    let cdnow = tmp.path().join("CDNOW_master.txt");
    std::fs::write(
        &cdnow,
        "00001 19970101  1  11.77\r\n\
         00002 19970112  1  12.00\r\n\
         00002 19970112  5  77.00\r\n\
         \x20\x2000003 19970102  2  20.76\r\n\
         00003 19970231  2  20.76\r\n\
         00004 19970101  2  29.33\r\n",
    )
    .expect("write");
    let out = import(
        &cdnow,
        &db,
        &["--format", "csv", "--mapping", &docs_mapping("cdnow.toml")],
    );
    assert_eq!(count(&out, "events stored"), 5, "{out}");
    assert_eq!(count(&out, "customers"), 4, "{out}");
    let lines = problems(&out);
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("line 5: date:"), "{out}");
    let props = properties(&db, "arctic-winter");
    assert_eq!(props[2].0, "00002");
    assert_eq!(props[2].1["cds"], 5);
    assert_eq!(props[2].1["amount"], 77.0);

    // Real bookings: the first 400 rows as a semicolon file, a tab file and a whitespace file
    // (the columns without spaces) store the same events as the comma file.
    let Some(data) = shared_data() else { return };
    let mut gz = flate2::read::GzDecoder::new(
        std::fs::File::open(data.join("hotel-bookings/hotel_bookings.csv.gz")).expect("open"),
    );
    let mut csv = String::new();
    std::io::Read::read_to_string(&mut gz, &mut csv).expect("read");
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .take(401)
        .map(|l| l.split(',').collect())
        .collect();
    let keep: Vec<usize> = [
        "lead_time",
        "adr",
        "reservation_status",
        "reservation_status_date",
    ]
    .iter()
    .map(|c| rows[0].iter().position(|h| h == c).expect("column"))
    .collect();
    let table = |sep: &str| -> String {
        rows.iter()
            .map(|r| keep.iter().map(|&i| r[i]).collect::<Vec<_>>().join(sep) + "\n")
            .collect()
    };
    let bookings = "activity = \"reservation_status\"\ntimestamp = \"reservation_status_date\"\n\
                    attributes = [\"lead_time\", \"adr\"]\n";
    let mut seen = Vec::new();
    for (name, sep, delimiter) in [
        ("comma.csv", ",", ""),
        ("semicolon.csv", ";", "delimiter = \";\"\n"),
        ("tabs.tsv", "\t", ""),
        ("spaces.txt", "   ", "delimiter = \"whitespace\"\n"),
    ] {
        let ws = format!("ws-{}", seen.len());
        let dir = tmp.path().join(&ws);
        let db = db_with(&dir, &["harbour-hotels"]);
        let file = dir.join(name);
        std::fs::write(&file, table(sep)).expect("write");
        let m = mapping(&dir, &format!("{delimiter}{bookings}"));
        let out = import_into(
            &file,
            &db,
            "harbour-hotels",
            &["--format", "csv", "--mapping", &m],
        );
        assert_eq!(count(&out, "events stored"), 400, "{name}: {out}");
        assert_eq!(count(&out, "rows refused"), 0, "{name}: {out}");
        seen.push(properties(&db, "harbour-hotels"));
    }
    assert!(seen.iter().all(|p| p == &seen[0]));
    assert!(seen[0].iter().all(|(_, p)| p["lead_time"].is_number()));
}

/// Item 3: a misspelt column is named with the header read and the closest name.
#[test]
fn a_missing_column_lists_the_header() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = fresh_db(tmp.path());
    let file = tmp.path().join("sales.csv");
    std::fs::write(&file, "id,date,amount\n1,2024-03-01,10\n").expect("write");
    let m = mapping(
        tmp.path(),
        "case_id = \"id\"\nactivity_constant = \"Bought\"\ntimestamp = \"Date\"\n",
    );
    let err = refused(&file, &db, "arctic-winter", &["--mapping", &m]);
    assert!(
        err.contains(
            "no column \"Date\"; did you mean \"date\"? The header (split on \",\") has: id, date, amount"
        ),
        "{err}"
    );
    // A semicolon file read with commas: the hint says which delimiter to set.
    std::fs::write(&file, "id;date;amount\n1;2024-03-01;10\n").expect("write");
    let err = refused(&file, &db, "arctic-winter", &["--mapping", &m]);
    assert!(err.contains("set `delimiter = \";\"`"), "{err}");
    assert_eq!(stored(&db).0, 0);

    // The real bookings file with a misspelt column.
    let Some(data) = shared_data() else { return };
    let m = mapping(
        tmp.path(),
        "activity = \"reservation_status\"\ntimestamp = \"reservaton_status_date\"\n",
    );
    let err = refused(
        &data.join("hotel-bookings/hotel_bookings.csv.gz"),
        &db,
        "arctic-winter",
        &["--format", "csv", "--mapping", &m],
    );
    assert!(
        err.contains(
            "no column \"reservaton_status_date\"; did you mean \"reservation_status_date\"?"
        ),
        "{err}"
    );
    assert!(err.contains("has: hotel, is_canceled, lead_time,"), "{err}");
    // And a survey whose respondent column is misspelt.
    let m = mapping(
        tmp.path(),
        "respondent = [\"RESPNUMBER\"]\n[[questions]]\ncolumns = [\"Q7FOOD\"]\ntouchpoint = \"restaurants\"\nkind = \"csat\"\n",
    );
    let db = db_with(&tmp.path().join("sfo"), &["sfo-airport"]);
    let err = refused(
        &data.join("sfo-survey/sfo-2017.csv"),
        &db,
        "sfo-airport",
        &["--format", "survey", "--mapping", &m],
    );
    assert!(
        err.contains("no column \"RESPNUMBER\"; did you mean \"RESPNUM\"?"),
        "{err}"
    );
    assert_eq!(stored_in(&db, "sfo-airport").0, 0);
}

/// Item 4: a touchpoint or journey the workspace lacks is refused before anything is stored.
#[test]
fn an_unknown_touchpoint_or_journey_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = db_with(tmp.path(), &["telekom", "arctic-winter"]);
    let file = tmp.path().join("survey-2024.csv");
    std::fs::write(&file, "who,q1\nr1,4\n").expect("write");
    let touchpoint = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/telekom/touchpoints.toml"),
    )
    .expect("touchpoints");
    // A real touchpoint of the workspace, misspelt by dropping one letter.
    let id = touchpoint
        .lines()
        .find_map(|l| l.strip_prefix("id = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("a touchpoint id")
        .to_owned();
    let typo: String = id.chars().take(2).chain(id.chars().skip(3)).collect();
    let m = mapping(
        tmp.path(),
        &format!(
            "respondent = [\"who\"]\n[[questions]]\ncolumns = [\"q1\"]\ntouchpoint = \"{typo}\"\nkind = \"csat\"\n"
        ),
    );
    let err = refused(
        &file,
        &db,
        "telekom",
        &["--format", "survey", "--mapping", &m],
    );
    assert!(
        err.contains(&format!(
            "touchpoint \"{typo}\" is not in workspace telekom; did you mean \"{id}\"?"
        )),
        "{err}"
    );
    assert_eq!(stored_in(&db, "telekom").0, 0);

    // The built-in SFO mapping into a workspace without the airport's touchpoints.
    let Some(data) = shared_data() else { return };
    let err = refused(
        &data.join("sfo-survey/sfo-2017.csv"),
        &db,
        "arctic-winter",
        &["--format", "survey"],
    );
    assert!(
        err.contains("touchpoint \"restaurants\" is not in workspace arctic-winter"),
        "{err}"
    );
    assert!(err.contains("examples/sfo-airport"), "{err}");
    assert_eq!(stored(&db).0, 0);
    // A real survey with a misspelt journey.
    let db = db_with(&tmp.path().join("sfo"), &["sfo-airport"]);
    let m = mapping(
        tmp.path(),
        "respondent = [\"RESPNUM\"]\njourney = \"departing-pasenger\"\n\
         [[questions]]\ncolumns = [\"Q7FOOD\"]\ntouchpoint = \"restaurants\"\nkind = \"csat\"\n",
    );
    let err = refused(
        &data.join("sfo-survey/sfo-2017.csv"),
        &db,
        "sfo-airport",
        &["--format", "survey", "--mapping", &m],
    );
    assert!(
        err.contains(
            "journey \"departing-pasenger\" is not in workspace sfo-airport; did you mean \"departing-passenger\"?"
        ),
        "{err}"
    );
    assert_eq!(stored_in(&db, "sfo-airport").0, 0);
}

/// Items 5 and 6 on the real SFO 2017 survey: a binary answer column (`Q15PROBLEM`: 1 had a
/// problem, 2 did not, 0 blank, 3 an unmapped code) scored through `values`, and the row
/// counters checked against a count made here from the file.
#[test]
fn binary_answers_are_scored_and_rows_counted() {
    let Some(data) = shared_data() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = db_with(tmp.path(), &["sfo-airport"]);
    let file = data.join("sfo-survey/sfo-2017.csv");
    let m = mapping(
        tmp.path(),
        "respondent = [\"RESPNUM\"]\njourney = \"departing-passenger\"\n\
         [[questions]]\ncolumns = [\"Q7FOOD\"]\ntouchpoint = \"restaurants\"\nkind = \"csat\"\n\
         [[questions]]\ncolumns = [\"Q15PROBLEM\"]\ntouchpoint = \"airport\"\nkind = \"csat\"\n\
         values = { \"1\" = 2, \"2\" = 4, \"0\" = \"no answer\" }\n",
    );
    let out = import_into(
        &file,
        &db,
        "sfo-airport",
        &["--format", "survey", "--mapping", &m],
    );

    // The expected counts, from the file (quoted cells hold commas: read as CSV).
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&file)
        .expect("open");
    let mut records = reader.byte_records().map(|r| {
        r.expect("a record")
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_owned())
            .collect::<Vec<String>>()
    });
    let header = records.next().expect("header");
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (food, problem) = (col("Q7FOOD"), col("Q15PROBLEM"));
    let (mut kept, mut partly, mut refused, mut empty, mut answers) = (0, 0, 0, 0, 0);
    let mut threes = Vec::new();
    for (i, cells) in records.enumerate() {
        let f = matches!(cells[food].as_str(), "1" | "2" | "3" | "4" | "5");
        let p = cells[problem].as_str();
        let bad = !matches!(p, "1" | "2" | "0" | "");
        if bad {
            threes.push(format!(
                "line {}: Q15PROBLEM: value {p:?} is not one of the mapped values (\"0\", \"1\", \"2\")",
                i + 2
            ));
        }
        let good = usize::from(f) + usize::from(matches!(p, "1" | "2"));
        answers += good;
        match (good, bad) {
            (0, false) => empty += 1,
            (_, false) => kept += 1,
            (0, true) => refused += 1,
            _ => partly += 1,
        }
    }
    assert!(partly > 10 && !threes.is_empty(), "{partly} {threes:?}");
    assert_eq!(count(&out, "rows stored"), kept, "{out}");
    assert_eq!(count(&out, "rows partly stored"), partly, "{out}");
    assert_eq!(count(&out, "rows refused"), refused, "{out}");
    assert_eq!(count(&out, "rows without answers"), empty, "{out}");
    assert_eq!(count(&out, "answers stored"), answers as u64, "{out}");
    assert_eq!(count(&out, "problems"), threes.len() as u64, "{out}");
    let shown = problems(&out);
    assert_eq!(shown, threes[..shown.len()], "{out}");

    // Stored with the journey, on the csat scale.
    let props = properties(&db, "sfo-airport");
    assert_eq!(props.len(), answers);
    let problem_scores: Vec<i64> = props
        .iter()
        .filter(|(_, p)| p["touchpoint"] == "airport")
        .map(|(_, p)| p["score"].as_i64().expect("score"))
        .collect();
    assert!(problem_scores.iter().all(|s| *s == 2 || *s == 4));
    assert!(
        props
            .iter()
            .all(|(_, p)| p["journey"] == "departing-passenger")
    );
}

/// Item 6 on the airline passenger satisfaction format (its header as published, a few rows),
/// with the mapping in docs/ onto the nordic-air example.
#[test]
fn a_satisfied_column_is_scored_through_the_mapping() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = db_with(tmp.path(), &["nordic-air"]);
    let file = tmp.path().join("train.csv");
    let header = ",id,Gender,Customer Type,Age,Type of Travel,Class,Flight Distance,\
        Inflight wifi service,Departure/Arrival time convenient,Ease of Online booking,\
        Gate location,Food and drink,Online boarding,Seat comfort,Inflight entertainment,\
        On-board service,Leg room service,Baggage handling,Checkin service,Inflight service,\
        Cleanliness,Departure Delay in Minutes,Arrival Delay in Minutes,satisfaction";
    let rows = [
        "0,70172,Male,Loyal Customer,13,Personal Travel,Eco Plus,460,3,4,3,1,5,3,5,5,4,3,4,4,5,5,25,18.0,neutral or dissatisfied",
        "1,5047,Male,disloyal Customer,25,Business travel,Business,235,3,2,3,3,1,3,1,1,1,5,3,1,4,1,1,6.0,neutral or dissatisfied",
        "2,110028,Female,Loyal Customer,26,Business travel,Business,1142,2,2,2,2,5,5,5,5,4,3,4,4,4,5,0,0.0,satisfied",
        "3,24026,Female,Loyal Customer,25,Business travel,Business,562,2,5,5,5,2,2,2,2,2,5,3,1,4,2,11,9.0,so-so",
        "4,119299,Male,Loyal Customer,61,Business travel,Business,214,0,0,0,0,0,0,5,3,0,4,0,3,0,3,0,0.0,",
    ];
    std::fs::write(&file, format!("{header}\r\n{}\r\n", rows.join("\r\n"))).expect("write");
    let out = import_into(
        &file,
        &db,
        "nordic-air",
        &[
            "--format",
            "survey",
            "--mapping",
            &docs_mapping("airline-satisfaction.toml"),
            "--at",
            "2019-01-01",
        ],
    );
    assert_eq!(
        problems(&out),
        [
            "line 5: satisfaction: value \"so-so\" is not one of the mapped values (\"neutral or dissatisfied\", \"satisfied\")"
        ],
        "{out}"
    );
    assert_eq!(count(&out, "rows stored"), 3, "{out}");
    assert_eq!(count(&out, "rows partly stored"), 1, "{out}");
    assert_eq!(count(&out, "rows without answers"), 1, "{out}");
    let overall: Vec<(String, i64)> = properties(&db, "nordic-air")
        .into_iter()
        .filter(|(_, p)| p.get("touchpoint").is_none())
        .map(|(user, p)| {
            assert_eq!(p["journey"], "business-i-dag");
            (user, p["score"].as_i64().expect("score"))
        })
        .collect();
    let expected = [
        ("airline-70172", 2),
        ("airline-5047", 2),
        ("airline-110028", 5),
    ];
    let expected: Vec<(String, i64)> = expected.iter().map(|(u, s)| (u.to_string(), *s)).collect();
    assert_eq!(overall, expected);
}
