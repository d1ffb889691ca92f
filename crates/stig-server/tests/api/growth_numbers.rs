//! The growth numbers agree everywhere: on the Growth page the tiles equal the table's
//! totals, the sum of its months and the sum of the chart's months, and all equal the API's
//! `kpis.growth`, for all time and for the period presets; the month not over yet is marked
//! partial; comparisons show next to the tiles; charts write numbers in the page's language.

use serde_json::Value;

use crate::harness::{Harness, WS};
use crate::insight::with_customers;
use crate::web::{get, login, post};

/// The integer values of `attr="…"` on elements whose opening tag also has `marker`.
fn attr_values(page: &str, marker: &str, attr: &str) -> Vec<i64> {
    page.split('<')
        .filter(|tag| tag.contains(marker))
        .filter_map(|tag| {
            let rest = tag.split(&format!("{attr}=\"")).nth(1)?;
            rest.split('"').next()?.parse().ok()
        })
        .collect()
}

/// The tile `data-growth="name"`'s value.
fn tile(page: &str, name: &str) -> i64 {
    let at = page
        .find(&format!("data-growth=\"{name}\""))
        .unwrap_or_else(|| panic!("no {name} tile"));
    attr_values(&page[at..], "strong", "data-value")
        .first()
        .copied()
        .unwrap_or_else(|| panic!("no value on the {name} tile"))
}

/// The table's month rows (`data-net` on `<td>`), and its total row.
fn table_nets(page: &str) -> (Vec<i64>, i64) {
    let table = &page[page.find("<tbody").expect("a table")..];
    let (body, foot) = table.split_once("<tfoot").expect("a total row");
    let months = attr_values(body, "td", "data-net");
    let total = attr_values(foot, "td", "data-net");
    (months, total[0])
}

async fn api_kpis(h: &Harness, query: &str) -> Value {
    let (status, _, kpis, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight/kpis{query}"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200, "{kpis}");
    kpis
}

#[tokio::test]
async fn growth_tile_table_chart_and_api_agree() {
    let h = Harness::new().await;
    with_customers(&h).await;
    let (cookie, csrf) = login(&h, "erik").await;
    for query in [
        "",
        "?period=ytd",
        "?period=quarter&compare=year",
        "?period=30d",
    ] {
        let (status, page) = get(&h, &cookie, &format!("/w/{WS}/insight/kpis{query}")).await;
        assert_eq!(status, 200, "{query}");
        let net = tile(&page, "net");
        let (won, lost, back) = (
            tile(&page, "won"),
            tile(&page, "lost"),
            tile(&page, "came-back"),
        );
        assert_eq!(
            net,
            won + back - lost,
            "{query}: net = won + came back − lost"
        );

        let (months, total) = table_nets(&page);
        assert_eq!(total, net, "{query}: the table's total is the tile");
        assert_eq!(
            months.iter().sum::<i64>(),
            net,
            "{query}: the months add up"
        );

        // The chart is drawn wide for screens and narrow (the last 12 months) for phones.
        let wide = page
            .split("class=\"chart chart-wide\"")
            .nth(1)
            .and_then(|rest| rest.split("class=\"chart chart-narrow\"").next())
            .expect("a wide growth chart");
        let narrow = page
            .split("class=\"chart chart-narrow\"")
            .nth(1)
            .and_then(|rest| rest.split("</svg>").next())
            .expect("a narrow growth chart");
        let chart = attr_values(wide, "data-mark=\"net-dot\"", "data-net");
        let phone = attr_values(narrow, "data-mark=\"net-dot\"", "data-net");
        if net != 0 || !chart.is_empty() {
            assert_eq!(
                chart.iter().sum::<i64>(),
                net,
                "{query}: the chart's months"
            );
            let mut table_order = months.clone();
            table_order.reverse();
            assert_eq!(
                chart, table_order,
                "{query}: chart and table month by month"
            );
            let last12 = &table_order[table_order.len().saturating_sub(12)..];
            assert_eq!(phone, last12, "{query}: the phone chart's months");
        }

        let api = api_kpis(&h, query).await;
        let g = &api["growth"];
        assert_eq!(g["net"].as_i64(), Some(net), "{query}: API {g}");
        assert_eq!(g["won"].as_i64(), Some(won), "{query}: API {g}");
        assert_eq!(g["lost"].as_i64(), Some(lost), "{query}: API {g}");
        assert_eq!(g["came_back"].as_i64(), Some(back), "{query}: API {g}");
        let api_months: i64 = api["months"]
            .as_array()
            .expect("months")
            .iter()
            .map(|m| m["net"].as_i64().expect("net"))
            .sum();
        assert_eq!(api_months, net, "{query}: the API's months");
        if query.is_empty() {
            assert!(won > 0 && lost > 0, "generated customers are won and lost");
            assert!(
                api["growth_compared"].is_null(),
                "all time has no comparison"
            );
        } else {
            assert!(api["growth_compared"].is_object(), "{query}: {api}");
            assert!(page.contains("class=\"change\""), "{query}: change shown");
        }
    }

    // Presets narrow: the last 30 days hold fewer won than all time.
    let all = api_kpis(&h, "").await["growth"]["won"].as_i64();
    let recent = api_kpis(&h, "?period=30d").await["growth"]["won"].as_i64();
    assert!(recent < all, "{recent:?} < {all:?}");

    // The month not over yet is marked partial in the chart and the table.
    let (_, page) = get(&h, &cookie, &format!("/w/{WS}/insight/kpis")).await;
    assert!(page.contains("data-partial=\"true\""), "hollow last dot");
    assert!(page.contains("data-mark=\"partial\""), "shaded last month");
    assert!(page.contains("<tr class=\"partial\""), "partial row");

    // A bad preset is named, on the page and in the API.
    let (status, page) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/insight/kpis?period=fortnight"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("fortnight") && page.contains("period"));
    let (status, _, problem, _) = h
        .api(
            "GET",
            &format!("/api/workspaces/{WS}/insight/kpis?period=fortnight"),
            Some(&h.viewer),
            None,
            None,
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("period")),
        "{problem}"
    );

    // In bokmål the charts write decimal commas, as the rest of the page.
    let (status, _, _) = post(
        &h,
        &cookie,
        "/locale",
        &format!("csrf={csrf}&locale=nb&next=/"),
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = get(&h, &cookie, &format!("/w/{WS}/insight/scores?kind=csat")).await;
    let svg_texts: Vec<&str> = page
        .split("<svg")
        .skip(1)
        .flat_map(|svg| svg.split("</svg>").next().unwrap_or("").split("<text"))
        .filter_map(|t| t.split('>').nth(1)?.split('<').next())
        .collect();
    let decimal = |sep: char| {
        svg_texts.iter().any(|t| {
            let mut parts = t.split(sep);
            matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
                if !a.is_empty() && a.trim_start_matches('−').chars().all(|c| c.is_ascii_digit())
                    && !b.is_empty() && b.chars().all(|c| c.is_ascii_digit()))
        })
    };
    assert!(decimal(','), "decimal commas in the charts: {svg_texts:?}");
    assert!(
        !decimal('.'),
        "no decimal points in the charts: {svg_texts:?}"
    );
}
