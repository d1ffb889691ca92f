//! What driver analysis explains: the outcome asked for with `?outcome=` (an unknown one is a
//! 400 naming it), else the workspace's default, never the most answered question; and the
//! limits of the ranking in every answer.

use serde_json::Value;

use crate::harness::{Harness, WS};
use crate::insight::with_customers;
use crate::web::{get, login};

async fn api(h: &Harness, path: &str) -> (u16, Option<String>, Value) {
    let (status, ct, body, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/{path}"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    (status, ct, body)
}

#[tokio::test]
async fn the_outcome_is_chosen_and_an_unknown_one_is_named() {
    let h = Harness::new().await;
    with_customers(&h).await;

    // The default: the workspace marks no overall question; its one NPS touchpoint is it,
    // though other questions have more answers.
    let (status, _, d) = api(&h, "insight/drivers").await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["outcome_source"], "nps", "{d}");
    let default = d["outcome"].as_str().expect("an outcome").to_owned();
    assert!(default.ends_with(":nps"), "{default}");
    let most = d["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .max_by_key(|o| o["answers"].as_u64())
        .expect("answers");
    assert_ne!(most["outcome"], default.as_str(), "not the most answered");
    let report = &d["report"];
    assert_eq!(report["outcome"], default.as_str(), "{d}");
    // Relationship NPS answers meet the ratings given in the customer's runs.
    assert!(
        report["drivers"]["drivers"]
            .as_array()
            .is_some_and(|a| a.len() >= 3),
        "{report}"
    );
    // R², the sample size and the verdict on the ranking go with every analysis.
    assert!(
        report["drivers"]["r_squared"].as_f64().is_some(),
        "{report}"
    );
    assert!(report["drivers"]["rows"].as_u64() > Some(0));
    let verdict = report["limits"]["verdict"].as_str().expect("a verdict");
    assert!(
        ["ranked", "weak-model", "top-overlap"].contains(&verdict),
        "{verdict}"
    );
    // Per persona: an analysis, or how many answers are missing.
    let personas = report["by_persona"].as_array().expect("by persona");
    assert!(!personas.is_empty());
    for p in personas {
        let (answers, needed, missing) = (
            p["answers"].as_u64().expect("answers"),
            p["needed"].as_u64().expect("needed"),
            p["missing"].as_u64().expect("missing"),
        );
        assert!(answers <= p["rows"].as_u64().expect("rows"), "{p}");
        if p["drivers"].is_null() {
            assert_eq!(missing, needed.saturating_sub(answers), "{p}");
        } else {
            assert!(answers >= needed && missing == 0, "{p}");
        }
    }

    // Another outcome, asked for by touchpoint id alone: the scale answered is taken.
    let other = d["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .filter_map(|o| o["outcome"].as_str())
        .find(|k| *k != default)
        .expect("a second outcome")
        .to_owned();
    let id = other.split(':').next().expect("id");
    let (status, _, chosen) = api(&h, &format!("insight/drivers?outcome={id}")).await;
    assert_eq!(status, 200, "{chosen}");
    assert_eq!(chosen["outcome"], other.as_str());
    assert_eq!(chosen["outcome_source"], "chosen");
    // The explained question is never a predictor of itself.
    let predictors: Vec<&str> = chosen["report"]["drivers"]["drivers"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["predictor"].as_str()).collect())
        .unwrap_or_default();
    assert!(!predictors.iter().any(|p| p.split(':').next() == Some(id)));

    // Unknown outcomes and scales: 422 on `outcome`, problem+json, naming what was asked for.
    let bad_scale = format!("insight/drivers?outcome={id}:stars");
    for (query, named) in [
        ("insight/drivers?outcome=nowhere", "nowhere"),
        ("insight?outcome=nowhere", "nowhere"),
        (bad_scale.as_str(), "stars"),
    ] {
        let (status, ct, problem) = api(&h, query).await;
        assert_eq!(status, 422, "{query}: {problem}");
        assert_eq!(ct.as_deref(), Some("application/problem+json"));
        assert_eq!(
            problem["errors"][0]["field"], "outcome",
            "{query}: {problem}"
        );
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .is_some_and(|d| d.contains(named)),
            "{query}: {problem}"
        );
    }

    // The page: a select with the outcome chosen, and the unknown one named, not a failure.
    let (cookie, _) = login(&h, "erik").await;
    let (status, page) = get(&h, &cookie, &format!("/w/{WS}/insight/drivers")).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"name="outcome""#));
    assert!(
        page.contains(&format!(r#"value="{default}" selected"#)),
        "the default is selected"
    );
    let (status, page) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/insight/drivers?outcome=nowhere"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("nowhere"));
}
