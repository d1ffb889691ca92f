//! Survey exports (one row a respondent, one column a question) with a mapping of question
//! columns to touchpoints, as the SFO airport customer surveys are published.
//!
//! A CSAT question keeps ratings 1–5; 0, 6 (never used / not applicable), a blank cell and the
//! word `Blank` mean "no answer" and are skipped silently. An NPS question keeps 0–10; 11, a blank
//! cell and `Blank` mean "no answer". Anything else (`7` for a rating, `abc`) is rejected with its
//! line and the column, and the row's other answers are kept. A row without a respondent id is
//! rejected whole.
//!
//! Column names are matched with surrounding whitespace ignored (SFO 2018 names its NPS column
//! `NETPRO  `), and each question lists alternative column names (SFO renamed `Q7WALKWAYS` to
//! `Q7WALKWAY` in 2018): the first present wins, and a question none of whose columns is present
//! is left out ([`SurveyImport::missing`] lists it). Cells that are not UTF-8 are read as Latin-1.
//!
//! A question may map the column's values to scores (`"satisfied"` → 5, `"neutral or
//! dissatisfied"` → 2, or to no answer): then only those values and blank cells are accepted,
//! and any other value is rejected naming the value and the column. Fields are separated by the
//! mapping's [`Delimiter`]; line numbers count `\r\n` and `\r` line ends as editors do.

use std::collections::BTreeMap;
use std::io::BufRead;

use super::table::{Next, Table};
use super::{Delimiter, ImportError, ImportReport, RowCounts, decode_lenient};

/// The kind of score a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScoreKind {
    /// Customer satisfaction, 1–5.
    Csat,
    /// Net promoter score question (likelihood to recommend), 0–10.
    Nps,
}

impl ScoreKind {
    /// `"csat"` or `"nps"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csat => "csat",
            Self::Nps => "nps",
        }
    }
}

/// One question of the survey and the touchpoint it rates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyQuestion {
    /// Column names, the first present in the header wins.
    pub columns: Vec<String>,
    /// The touchpoint id the answers are about; empty for a question about a whole journey.
    pub touchpoint: String,
    pub kind: ScoreKind,
    /// The journey id the answers are about, if the mapping says.
    pub journey: Option<String>,
    /// The column's values as scores (`None`: no answer), for a categorical column; empty: the
    /// cells are numbers on the kind's scale.
    pub values: BTreeMap<String, Option<u8>>,
}

impl SurveyQuestion {
    pub fn new(columns: &[&str], touchpoint: &str, kind: ScoreKind) -> Self {
        Self {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            touchpoint: touchpoint.to_string(),
            kind,
            journey: None,
            values: BTreeMap::new(),
        }
    }

    /// A cell's answer: `Ok(None)` for no answer, an error (for people) for a value the question
    /// does not take.
    pub fn answer(&self, text: &str) -> Result<Option<u8>, String> {
        if self.values.is_empty() {
            return score(text, self.kind);
        }
        let text = text.trim();
        if let Some(found) = self.values.get(text).or_else(|| {
            self.values
                .iter()
                .find(|(k, _)| k.trim().eq_ignore_ascii_case(text))
                .map(|(_, v)| v)
        }) {
            return Ok(*found);
        }
        if text.is_empty() || text.eq_ignore_ascii_case("blank") {
            return Ok(None);
        }
        let known: Vec<String> = self.values.keys().map(|k| format!("{k:?}")).collect();
        Err(format!(
            "value {text:?} is not one of the mapped values ({})",
            known.join(", ")
        ))
    }
}

/// Which column identifies the respondent, and which columns are questions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurveyMapping {
    /// Column names for the respondent id, the first present wins.
    pub respondent: Vec<String>,
    /// Put before every respondent id, to keep ids from different files apart (`sfo-2017-`).
    pub respondent_prefix: String,
    pub questions: Vec<SurveyQuestion>,
    /// How fields are separated.
    pub delimiter: Delimiter,
    /// The column names of a file without a header line; empty: the first line is the header.
    pub columns: Vec<String>,
}

impl SurveyMapping {
    /// The SFO customer survey (2016–2018): the `Q7*` touchpoint ratings and `NETPRO`, with
    /// touchpoint ids named after what they rate.
    pub fn sfo(respondent_prefix: &str) -> Self {
        use ScoreKind::{Csat, Nps};
        let q = SurveyQuestion::new;
        Self {
            respondent: vec!["RESPNUM".into(), "*RESPNUM".into()],
            respondent_prefix: respondent_prefix.to_string(),
            questions: vec![
                q(&["Q7ART"], "art-exhibitions", Csat),
                q(&["Q7FOOD"], "restaurants", Csat),
                q(&["Q7STORE"], "shops", Csat),
                q(&["Q7SIGN"], "signs-directions", Csat),
                q(&["Q7WALKWAYS", "Q7WALKWAY"], "walkways", Csat),
                q(&["Q7SCREENS"], "information-screens", Csat),
                q(&["Q7INFODOWN"], "info-booth-lower", Csat),
                q(&["Q7INFOUP"], "info-booth-upper", Csat),
                q(&["Q7WIFI"], "wifi", Csat),
                q(&["Q7ROADS"], "roadway-signs", Csat),
                q(&["Q7PARK"], "parking", Csat),
                q(&["Q7AIRTRAIN"], "airtrain", Csat),
                q(&["Q7LTPARKING"], "long-term-parking-shuttle", Csat),
                q(&["Q7RENTAL"], "rental-car-center", Csat),
                q(&["Q7ALL"], "airport", Csat),
                q(&["NETPRO"], "airport", Nps),
            ],
            ..Self::default()
        }
    }
}

/// One answer: a respondent's score for a touchpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyAnswer {
    pub respondent: String,
    /// Empty for an answer about a whole journey.
    pub touchpoint: String,
    pub journey: Option<String>,
    pub kind: ScoreKind,
    pub score: u8,
}

/// What a survey import produced.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyImport {
    /// The answers kept and the rows or cells rejected.
    pub report: ImportReport<SurveyAnswer>,
    /// Rows read (respondents), rejected ones included.
    pub rows: usize,
    /// The touchpoints of questions whose columns are absent from this file (with their kind).
    pub missing: Vec<(String, ScoreKind)>,
    /// The same, for people: which columns are absent, the closest name, the header read.
    pub missing_columns: Vec<String>,
    /// What became of the rows: every answer kept, some, none (refused), or no answers at all.
    pub counts: RowCounts,
}

/// Reads a survey CSV through `mapping`. `progress` is called with the bytes read so far.
/// A file without a respondent column, or with none of the questions, is an error.
pub fn read_survey(
    input: impl BufRead,
    mapping: &SurveyMapping,
    progress: &mut dyn FnMut(u64),
) -> Result<SurveyImport, ImportError> {
    let mut table = Table::open(input, progress, mapping.delimiter, &mapping.columns)?;
    let find = |names: &[String]| names.iter().find_map(|name| table.position(name));
    let respondent = find(&mapping.respondent).ok_or_else(|| ImportError::Syntax {
        line: 1,
        reason: format!(
            "the respondent id: {}",
            table.no_column(&mapping.respondent)
        ),
    })?;
    let mut questions = Vec::new();
    let mut missing = Vec::new();
    let mut missing_columns = Vec::new();
    for question in &mapping.questions {
        match find(&question.columns) {
            Some(index) => questions.push((index, question)),
            None => {
                missing.push((question.touchpoint.clone(), question.kind));
                let about = if question.touchpoint.is_empty() {
                    question.journey.as_deref().unwrap_or_default()
                } else {
                    &question.touchpoint
                };
                let wanted: Vec<String> = question
                    .columns
                    .iter()
                    .map(|c| format!("{:?}", c.trim()))
                    .collect();
                missing_columns.push(format!(
                    "no column {} for the {} question about {about}{}",
                    wanted.join(" or "),
                    question.kind.as_str(),
                    table
                        .suggest(&question.columns)
                        .map(|s| format!("; did you mean {s:?}?"))
                        .unwrap_or_default()
                ));
            }
        }
    }
    if questions.is_empty() {
        return Err(ImportError::Syntax {
            line: 1,
            reason: format!(
                "none of the mapped question columns is in the header ({}). {}",
                missing_columns.join("; "),
                table.describe_header()
            ),
        });
    }

    let mut report = ImportReport::default();
    let mut counts = RowCounts::default();
    let mut rows = 0;
    let mut record = ::csv::ByteRecord::new();
    loop {
        let line = match table.next(&mut record)? {
            Next::End => break,
            Next::Row(line) => line,
            Next::Bad(rejected) => {
                rows += 1;
                counts.refused += 1;
                report.rejected.push(rejected);
                continue;
            }
        };
        rows += 1;
        let cell = |i: usize| record.get(i).map(|b| decode_lenient(b).trim().to_string());
        let id = cell(respondent).unwrap_or_default();
        if id.is_empty() {
            counts.refused += 1;
            report.reject(
                line,
                format!("no respondent id in {:?}", table.header[respondent]),
            );
            continue;
        }
        let (mut kept, mut refused) = (0, 0);
        for (index, question) in &questions {
            let text = cell(*index).unwrap_or_default();
            match question.answer(&text) {
                Ok(Some(score)) => {
                    kept += 1;
                    report.records.push(SurveyAnswer {
                        respondent: format!("{}{id}", mapping.respondent_prefix),
                        touchpoint: question.touchpoint.clone(),
                        journey: question.journey.clone(),
                        kind: question.kind,
                        score,
                    });
                }
                Ok(None) => {}
                Err(reason) => {
                    refused += 1;
                    report.reject(line, format!("{}: {reason}", table.header[*index]));
                }
            }
        }
        match (kept, refused) {
            (0, 0) => counts.empty += 1,
            (_, 0) => counts.kept += 1,
            (0, _) => counts.refused += 1,
            _ => counts.partly_kept += 1,
        }
    }
    table.finish();
    Ok(SurveyImport {
        report,
        rows,
        missing,
        missing_columns,
        counts,
    })
}

/// A cell's score: `Ok(None)` for "no answer", an error for a value the scale does not have.
pub fn score(text: &str, kind: ScoreKind) -> Result<Option<u8>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("blank") {
        return Ok(None);
    }
    // Some exports write codes as decimals ("4.0").
    let value = match text.parse::<u8>() {
        Ok(v) => v,
        Err(_) => match text.parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && (0.0..=255.0).contains(&v) => v as u8,
            _ => return Err(format!("not a score: {text:?}")),
        },
    };
    match (kind, value) {
        (ScoreKind::Csat, 1..=5) | (ScoreKind::Nps, 0..=10) => Ok(Some(value)),
        (ScoreKind::Csat, 0 | 6) | (ScoreKind::Nps, 11) => Ok(None),
        (ScoreKind::Csat, _) => Err(format!("rating {value} outside 1–5 (6, 0 = no answer)")),
        (ScoreKind::Nps, _) => Err(format!("NPS {value} outside 0–10 (11 = no answer)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The airline passenger satisfaction survey's shape: an unnamed index column, 0–5 ratings
    /// (0 = not applicable) and a binary `satisfaction` column.
    const AIRLINE: &str = ",id,Gender,Inflight wifi service,Food and drink,satisfaction\r\n\
        0,70172,Male,3,5,neutral or dissatisfied\r\n\
        1,5047,Male,0,1,satisfied\r\n\
        2,110028,Female,2,0,\r\n\
        3,24026,Female,7,5,Satisfied\r\n\
        4,119299,Male,0,0,meh\r\n\
        5,111157,Female,0,0,\r\n\
        6,,Female,1,1,satisfied\r\n";

    fn airline() -> SurveyMapping {
        let mut satisfaction = SurveyQuestion::new(&["satisfaction"], "", ScoreKind::Csat);
        satisfaction.journey = Some("flight".into());
        satisfaction.values = [
            ("satisfied".to_owned(), Some(5)),
            ("neutral or dissatisfied".to_owned(), Some(2)),
        ]
        .into();
        SurveyMapping {
            respondent: vec!["id".into()],
            questions: vec![
                SurveyQuestion::new(&["Inflight wifi service"], "wifi", ScoreKind::Csat),
                SurveyQuestion::new(&["Food and drink"], "food", ScoreKind::Csat),
                satisfaction,
            ],
            ..SurveyMapping::default()
        }
    }

    #[test]
    fn categorical_answers_map_to_scores_and_rows_are_counted() {
        let import = read_survey(AIRLINE.as_bytes(), &airline(), &mut |_| {}).expect("read");
        let overall: Vec<(&str, u8)> = import
            .report
            .records
            .iter()
            .filter(|a| a.journey.is_some())
            .map(|a| (a.respondent.as_str(), a.score))
            .collect();
        // Matched case-insensitively; blank is no answer.
        assert_eq!(overall, [("70172", 2), ("5047", 5), ("24026", 5)]);
        let rejected: Vec<(usize, &str)> = import
            .report
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(rejected.len(), 3, "{rejected:?}");
        assert_eq!(rejected[0].0, 5);
        assert!(rejected[0].1.starts_with("Inflight wifi service: rating 7"));
        assert_eq!(
            rejected[1],
            (
                6,
                "satisfaction: value \"meh\" is not one of the mapped values (\"neutral or dissatisfied\", \"satisfied\")"
            )
        );
        assert_eq!(rejected[2], (8, "no respondent id in \"id\""));
        assert_eq!(import.rows, 7);
        assert_eq!(
            import.counts,
            RowCounts {
                kept: 3,        // lines 2, 3, 4
                partly_kept: 1, // line 5: the wifi rating off the scale
                refused: 2,     // line 6: only "meh"; line 8: no id
                empty: 1,       // line 7: nothing answered
            }
        );
    }

    #[test]
    fn values_may_mean_no_answer() {
        let mut q = SurveyQuestion::new(&["Q15PROBLEM"], "airport", ScoreKind::Csat);
        q.values = [
            ("1".to_owned(), Some(2)),
            ("2".to_owned(), Some(4)),
            ("0".to_owned(), None),
        ]
        .into();
        assert_eq!(q.answer(" 1 "), Ok(Some(2)));
        assert_eq!(q.answer("0"), Ok(None));
        assert_eq!(q.answer(""), Ok(None));
        let err = q.answer("3").expect_err("unmapped");
        assert!(err.contains("\"3\""), "{err}");
    }

    #[test]
    fn a_missing_respondent_column_names_the_header() {
        let mapping = SurveyMapping {
            respondent: vec!["ID".into()],
            ..airline()
        };
        let err = read_survey(AIRLINE.as_bytes(), &mapping, &mut |_| {}).expect_err("no id");
        assert!(
            err.to_string().starts_with(
                "line 1: the respondent id: no column \"ID\"; did you mean \"id\"? The header (split on \",\") has: \"\", id, Gender,"
            ),
            "{err}"
        );
        let mapping = SurveyMapping {
            questions: vec![SurveyQuestion::new(
                &["Food & drink"],
                "food",
                ScoreKind::Csat,
            )],
            ..airline()
        };
        let err = read_survey(AIRLINE.as_bytes(), &mapping, &mut |_| {}).expect_err("none");
        assert!(err.to_string().contains("Food and drink"), "{err}");
    }

    /// The SFO 2017 survey with Windows line ends and one rating off the scale on line 57.
    #[test]
    fn real_survey_with_crlf_line_ends() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/sfo-survey/sfo-2017.csv");
        let Ok(bytes) = std::fs::read(&path) else {
            println!("skipped: {} is absent", path.display());
            return;
        };
        let text = decode_lenient(&bytes);
        let mut rows: Vec<String> = text.lines().map(str::to_owned).collect();
        let food = rows[0]
            .split(',')
            .position(|h| h == "Q7FOOD")
            .expect("Q7FOOD");
        let mut cells: Vec<&str> = rows[56].split(',').collect();
        cells[food] = "9";
        rows[56] = cells.join(",");
        let crlf = rows.join("\r\n");
        let mapping = SurveyMapping::sfo("sfo-2017-");
        let import = read_survey(crlf.as_bytes(), &mapping, &mut |_| {}).expect("read");
        assert_eq!(import.rows, rows.len() - 1);
        let rejected: Vec<(usize, &str)> = import
            .report
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(
            rejected,
            [(57, "Q7FOOD: rating 9 outside 1–5 (6, 0 = no answer)")]
        );
        assert_eq!(import.counts.partly_kept, 1);
        assert_eq!(import.counts.read(), import.rows as u64);
    }
}
