use stig_pipeline::sources::survey::{
    ScoreKind, SurveyAnswer, SurveyMapping, SurveyQuestion, read_survey, score,
};

use crate::shared_data;

#[test]
fn scores_and_no_answers() {
    use ScoreKind::{Csat, Nps};
    assert_eq!(score("4", Csat), Ok(Some(4)));
    assert_eq!(score(" 5 ", Csat), Ok(Some(5)));
    assert_eq!(score("4.0", Csat), Ok(Some(4)));
    for none in ["", "0", "6", "Blank", "BLANK"] {
        assert_eq!(score(none, Csat), Ok(None), "{none:?}");
    }
    assert!(score("7", Csat).is_err());
    assert!(score("abc", Csat).is_err());
    assert_eq!(score("0", Nps), Ok(Some(0)));
    assert_eq!(score("10", Nps), Ok(Some(10)));
    assert_eq!(score("11", Nps), Ok(None));
    assert!(score("12", Nps).is_err());
}

#[test]
fn small_survey_with_dirty_cells() {
    let mut text = b"RESPNUM,Q7FOOD,Q7WALKWAY,NETPRO  ,COMMENT\n".to_vec();
    text.extend_from_slice(b"1,4,6,10,fine\n");
    text.extend_from_slice(b"2,Blank,9,11,\n"); // 9 is no rating
    text.extend_from_slice(b",3,3,3,no id\n");
    text.extend_from_slice(b"4,0,5,x,Caf\xe9\n");
    let mapping = SurveyMapping {
        respondent: vec!["RESPNUM".into()],
        respondent_prefix: "t-".into(),
        questions: vec![
            SurveyQuestion::new(&["Q7FOOD"], "food", ScoreKind::Csat),
            SurveyQuestion::new(&["Q7WALKWAYS", "Q7WALKWAY"], "walkways", ScoreKind::Csat),
            SurveyQuestion::new(&["NETPRO"], "airport", ScoreKind::Nps),
            SurveyQuestion::new(&["Q7ART"], "art", ScoreKind::Csat),
        ],
        ..SurveyMapping::default()
    };
    let import = read_survey(&text[..], &mapping, &mut |_| {}).expect("read");
    let answer = |r: &str, t: &str, kind, score| SurveyAnswer {
        respondent: r.into(),
        touchpoint: t.into(),
        journey: None,
        kind,
        score,
    };
    assert_eq!(
        import.report.records,
        vec![
            answer("t-1", "food", ScoreKind::Csat, 4),
            answer("t-1", "airport", ScoreKind::Nps, 10),
            answer("t-4", "walkways", ScoreKind::Csat, 5),
        ]
    );
    assert_eq!(import.rows, 4);
    assert_eq!(import.missing, vec![("art".to_string(), ScoreKind::Csat)]);
    let rejected: Vec<(usize, &str)> = import
        .report
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(rejected.len(), 3, "{rejected:#?}");
    assert_eq!(rejected[0].0, 3);
    assert!(rejected[0].1.starts_with("Q7WALKWAY:"), "{rejected:?}");
    assert_eq!(rejected[1].0, 4);
    assert!(rejected[1].1.contains("respondent"));
    assert_eq!(rejected[2].0, 5);
    assert!(rejected[2].1.starts_with("NETPRO:"));
}

/// Expected counts measured independently on the files (Python's csv module): answers 1–5 in
/// the `Q7*` columns, 0–10 in `NETPRO`.
#[test]
fn sfo_surveys() {
    for (year, rows, csat, nps, q7all) in [
        (2016, 3087, 32_146, 0, 2919),
        (2017, 2831, 29_819, 2746, 2688),
        (2018, 2809, 28_026, 2650, 2625),
    ] {
        let Some(path) = shared_data(&format!("sfo-survey/sfo-{year}.csv")) else {
            return;
        };
        let file = std::fs::File::open(&path).expect("open");
        let mapping = SurveyMapping::sfo(&format!("sfo-{year}-"));
        let import =
            read_survey(std::io::BufReader::new(file), &mapping, &mut |_| {}).expect("read");
        let answers = &import.report.records;
        let count = |kind| answers.iter().filter(|a| a.kind == kind).count();
        println!(
            "sfo {year}: {} rows, {} csat, {} nps, {} rejected, missing {:?}",
            import.rows,
            count(ScoreKind::Csat),
            count(ScoreKind::Nps),
            import.report.rejected.len(),
            import.missing
        );
        assert_eq!(import.rows, rows);
        assert!(
            import.report.rejected.is_empty(),
            "{:?}",
            import.report.rejected
        );
        assert_eq!(count(ScoreKind::Csat), csat);
        assert_eq!(count(ScoreKind::Nps), nps);
        let overall = answers
            .iter()
            .filter(|a| a.touchpoint == "airport" && a.kind == ScoreKind::Csat)
            .count();
        assert_eq!(overall, q7all);
        assert!(
            answers
                .iter()
                .all(|a| a.respondent.starts_with(&format!("sfo-{year}-")))
        );
        if year == 2016 {
            assert_eq!(
                import.missing,
                vec![("airport".to_string(), ScoreKind::Nps)]
            );
        } else {
            assert!(import.missing.is_empty());
        }
    }
}
