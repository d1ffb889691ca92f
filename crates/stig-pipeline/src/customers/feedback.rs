//! Feedback carried by events: a track event whose properties say the score type (`nps`,
//! `csat` or `ces`), the score on that scale, and optionally a comment and the touchpoint
//! (`{"score_type": "nps", "score": 9, "comment": "…", "touchpoint": "check-in"}`). Answers
//! on Stig's own surveys are stored as such events too, with the journey and run they were
//! asked about.

use serde_json::{Map, Value};
use stig_model::SurveyKind;

/// A score found in an event's properties, before it is tied to a customer's journey.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoreSignal {
    pub kind: SurveyKind,
    pub score: f64,
    pub comment: Option<String>,
    /// The touchpoint the properties name (an id, checked later against the workspace).
    pub touchpoint: Option<String>,
    /// The journey and run the properties name (Stig survey answers carry them).
    pub journey: Option<String>,
    pub run: Option<u32>,
}

/// The scale of a score type: lowest and highest score.
pub fn scale(kind: SurveyKind) -> (f64, f64) {
    match kind {
        SurveyKind::Nps => (0.0, 10.0),
        SurveyKind::Csat => (1.0, 5.0),
        SurveyKind::Ces => (1.0, 7.0),
    }
}

/// Parses a score type as the properties spell it (`"NPS"`, `"csat"`, …).
pub fn kind(text: &str) -> Option<SurveyKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "nps" => Some(SurveyKind::Nps),
        "csat" => Some(SurveyKind::Csat),
        "ces" => Some(SurveyKind::Ces),
        _ => None,
    }
}

/// The score an event's properties carry: `None` when they carry none (no `score_type`),
/// `Some(Err(why))` when they carry one that is not usable.
pub fn from_properties(p: &Map<String, Value>) -> Option<Result<ScoreSignal, String>> {
    let kind_text = p.get("score_type")?;
    Some(parse(p, kind_text))
}

fn parse(p: &Map<String, Value>, kind_text: &Value) -> Result<ScoreSignal, String> {
    let kind = kind_text
        .as_str()
        .and_then(kind)
        .ok_or_else(|| format!("`score_type` is {kind_text}, not nps, csat or ces"))?;
    let score = match p.get("score") {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| "`score` is missing or not a number".to_owned())?;
    let (lo, hi) = scale(kind);
    if !(lo..=hi).contains(&score) {
        return Err(format!(
            "score {score} is outside the {} scale {lo}–{hi}",
            kind.as_str()
        ));
    }
    let text = |k: &str| {
        p.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Ok(ScoreSignal {
        kind,
        score,
        comment: text("comment"),
        touchpoint: text("touchpoint"),
        journey: text("journey"),
        run: p
            .get("run")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn scores_are_read_on_their_scale() {
        let s = from_properties(&props(json!({"score_type": "NPS", "score": "9",
            "comment": " Flott! ", "touchpoint": "resepsjon"})))
        .expect("a score")
        .expect("valid");
        assert_eq!(s.kind, SurveyKind::Nps);
        assert_eq!(s.score, 9.0);
        assert_eq!(s.comment.as_deref(), Some("Flott!"));
        assert!(from_properties(&props(json!({"score": 3}))).is_none());
        let err = from_properties(&props(json!({"score_type": "csat", "score": 6})))
            .expect("a score")
            .expect_err("out of range");
        assert!(err.contains("1–5"), "{err}");
        assert!(
            from_properties(&props(json!({"score_type": "stars", "score": 3})))
                .is_some_and(|r| r.is_err())
        );
    }
}
