//! The insight pages and API on generated customers: every page renders in every language
//! without a missing message, filters apply (and a bad one is named), the API serves every
//! area, and the numbers agree between the page data and the API.

use std::str::FromStr;

use serde_json::Value;
use stig_pipeline::event::{EventType, parse_call};
use stig_pipeline::generate::{GenerateOptions, generate};
use stig_store::Store;

use crate::harness::{Harness, WS};
use crate::web::{get, login, post};

/// Stores 300 generated customers of the arctic-winter workspace.
pub(crate) async fn with_customers(h: &Harness) {
    let ws = h.store.load_workspace(WS).await.expect("workspace").value;
    let mut ndjson = Vec::new();
    let now = jiff::Timestamp::now();
    let start = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date() - jiff::Span::new().years(3);
    generate(
        &ws,
        &GenerateOptions {
            customers: 300,
            seed: 5,
            start,
            years: 3,
        },
        &mut ndjson,
    )
    .expect("generates");
    let events: Vec<_> = ndjson
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .filter_map(|line| {
            let json: Value = serde_json::from_slice(line).expect("json");
            let at: jiff::Timestamp = json["timestamp"].as_str()?.parse().ok()?;
            if at > now {
                return None;
            }
            let kind = EventType::from_str(json["type"].as_str()?).ok()?;
            let event = parse_call(kind, json, now).expect("a valid event");
            Some(stig_server::collect::new_event(event, None))
        })
        .collect();
    for chunk in events.chunks(5_000) {
        h.store.append_events(WS, chunk).await.expect("stored");
    }
}

#[tokio::test]
async fn insight_pages_render_in_every_language_with_filters() {
    let h = Harness::new().await;
    with_customers(&h).await;
    let (cookie, csrf) = login(&h, "erik").await;
    let areas = [
        "",
        "/scores",
        "/emotions",
        "/drivers",
        "/kpis",
        "/journeys",
        "/findings",
    ];
    for lang in ["nb", "sv", "da", "fi", "en"] {
        let (status, _, _) = post(
            &h,
            &cookie,
            "/locale",
            &format!("csrf={csrf}&locale={lang}&next=/"),
        )
        .await;
        assert_eq!(status, 303, "switching to {lang}");
        for area in areas {
            let (status, page) = get(&h, &cookie, &format!("/w/{WS}/insight{area}")).await;
            assert_eq!(status, 200, "{lang} {area}");
            for raw in ["insight-", "finding-", "page-"] {
                let leaked = page
                    .split('>')
                    .filter_map(|chunk| chunk.split('<').next())
                    .find(|text| text.trim_start().starts_with(raw));
                assert!(leaked.is_none(), "{lang} {area}: untranslated {leaked:?}");
            }
            assert!(!page.contains("NaN"), "{lang} {area}");
        }
    }
    // Charts are drawn on the server.
    // A persona page shows its live members; a profile its customer type.
    let (status, persona) = get(&h, &cookie, &format!("/w/{WS}/personas/stillhetssoker")).await;
    assert_eq!(status, 200);
    assert!(
        persona.contains("live-persona"),
        "live members on the persona page"
    );
    // A discovered type opens a prefilled persona form.
    let (status, form) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/personas/new?loves=bål%0Astillhet&hates=busser"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        form.contains("stillhet</textarea>") && form.contains("busser</textarea>"),
        "prefilled loves and hates"
    );
    let (_, kpis) = get(&h, &cookie, &format!("/w/{WS}/insight/kpis")).await;
    assert!(kpis.matches("<svg").count() >= 3);
    // The emotions page draws the measured curves on the journey map.
    let (_, emotions) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/insight/emotions?journey=vintertur-i-dag"),
    )
    .await;
    assert!(emotions.contains("n="), "answers per step on the map");
    // A filter narrows; a bad one is named and not applied.
    let (status, page) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/insight/scores?persona=stillhetssoker&from=2025-01"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("selected"));
    let (status, page) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/insight/scores?persona=nobody"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("nobody"), "the unknown persona is named");
    let (status, _) = get(&h, &cookie, &format!("/w/{WS}/insight/nothing")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_insight_api_serves_every_area_and_names_bad_filters() {
    let h = Harness::new().await;
    with_customers(&h).await;
    let (status, _, report, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight?lang=nb"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200, "{report}");
    for area in [
        "totals", "scores", "emotions", "drivers", "kpis", "journeys", "variants", "findings",
    ] {
        assert!(!report[area].is_null(), "{area} in {report}");
    }
    assert!(report["totals"]["customers"].as_u64() > Some(200));
    let finding = &report["findings"][0];
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| !m.starts_with("finding-")),
        "{finding}"
    );

    // One area alone gives the same numbers.
    let (status, _, scores, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight/scores"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(scores, report["scores"]);

    // Customer types: the generated customers' four latent types are found again.
    assert_eq!(
        report["personas"]["discovery"]["k"], 4,
        "{}",
        report["personas"]["discovery"]
    );
    assert!(report["personas"]["twins"]["twin_pairs"].as_u64() > Some(0));

    // A filter narrows the numbers.
    let (_, _, one, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight/totals?persona=stillhetssoker"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert!(one["customers"].as_u64() < report["totals"]["customers"].as_u64());

    // Bad filters and areas are named.
    let (status, ct, problem, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight?persona=nobody"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    // An id naming nothing is a 422 on its field (as the validator answers), a malformed
    // date a 400.
    assert_eq!(status, 422);
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    assert_eq!(problem["errors"][0]["field"], "persona", "{problem}");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .is_some_and(|d| d.contains("nobody")),
        "{problem}"
    );
    let (status, _, problem, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight?from=last-tuesday"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("from")),
        "{problem}"
    );
    let (status, _, _, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight/nothing"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 404);
    let (status, _, _, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight"),
            None,
            None,
            None,
        )
        .await;
    assert_eq!(status, 401);
}
