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

use std::io::BufRead;

use super::{Counting, ImportError, ImportReport, decode_lenient};

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
    /// The touchpoint id the answers are about.
    pub touchpoint: String,
    pub kind: ScoreKind,
}

impl SurveyQuestion {
    pub fn new(columns: &[&str], touchpoint: &str, kind: ScoreKind) -> Self {
        Self {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            touchpoint: touchpoint.to_string(),
            kind,
        }
    }
}

/// Which column identifies the respondent, and which columns are questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyMapping {
    /// Column names for the respondent id, the first present wins.
    pub respondent: Vec<String>,
    /// Put before every respondent id, to keep ids from different files apart (`sfo-2017-`).
    pub respondent_prefix: String,
    pub questions: Vec<SurveyQuestion>,
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
        }
    }
}

/// One answer: a respondent's score for a touchpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyAnswer {
    pub respondent: String,
    pub touchpoint: String,
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
}

/// Reads a survey CSV through `mapping`. `progress` is called with the bytes read so far.
/// A file without a respondent column, or with none of the questions, is an error.
pub fn read_survey(
    input: impl BufRead,
    mapping: &SurveyMapping,
    progress: &mut dyn FnMut(u64),
) -> Result<SurveyImport, ImportError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(Counting::new(input, progress));
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(syntax)?
        .iter()
        .map(|h| {
            decode_lenient(h)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_string()
        })
        .collect();
    let find = |names: &[String]| {
        names
            .iter()
            .find_map(|name| header.iter().position(|h| h == name.trim()))
    };
    let respondent = find(&mapping.respondent).ok_or_else(|| ImportError::Syntax {
        line: 1,
        reason: format!(
            "no respondent column {:?} in the header",
            mapping.respondent
        ),
    })?;
    let mut questions = Vec::new();
    let mut missing = Vec::new();
    for question in &mapping.questions {
        match find(&question.columns) {
            Some(index) => questions.push((index, question)),
            None => missing.push((question.touchpoint.clone(), question.kind)),
        }
    }
    if questions.is_empty() {
        return Err(ImportError::Syntax {
            line: 1,
            reason: "none of the mapped question columns is in the header".to_string(),
        });
    }

    let mut report = ImportReport::default();
    let mut rows = 0;
    let mut record = ::csv::ByteRecord::new();
    loop {
        let line = match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => record.position().map_or(0, |p| p.line() as usize),
            Err(e) => {
                if let ::csv::ErrorKind::Io(_) = e.kind() {
                    return Err(syntax(e));
                }
                rows += 1;
                let line = e.position().map_or(0, |p| p.line() as usize);
                report.reject(line, format!("unreadable row: {e}"));
                continue;
            }
        };
        rows += 1;
        let cell = |i: usize| record.get(i).map(|b| decode_lenient(b).trim().to_string());
        let id = cell(respondent).unwrap_or_default();
        if id.is_empty() {
            report.reject(
                line,
                format!("no respondent id in {:?}", header[respondent]),
            );
            continue;
        }
        for (index, question) in &questions {
            let text = cell(*index).unwrap_or_default();
            match score(&text, question.kind) {
                Ok(Some(score)) => report.records.push(SurveyAnswer {
                    respondent: format!("{}{id}", mapping.respondent_prefix),
                    touchpoint: question.touchpoint.clone(),
                    kind: question.kind,
                    score,
                }),
                Ok(None) => {}
                Err(reason) => report.reject(line, format!("{}: {reason}", header[*index])),
            }
        }
    }
    reader.get_mut().finish();
    Ok(SurveyImport {
        report,
        rows,
        missing,
    })
}

fn syntax(e: ::csv::Error) -> ImportError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => ImportError::Io(io),
        other => ImportError::Syntax {
            line,
            reason: format!("{other:?}"),
        },
    }
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
