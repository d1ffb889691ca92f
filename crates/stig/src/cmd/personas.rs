//! `stig personas discover` and `stig personas twins`: customer types from the events in the
//! database, as a table or JSON.

use std::path::Path;
use std::process::ExitCode;

use stig_insight::Filter;
use stig_insight::customer_types::{DiscoveryOptions, discover as cluster, twins_report};

pub fn discover(workspace: &str, json: bool, db: &Path) -> anyhow::Result<ExitCode> {
    let (_, ix) = super::db::load_built(db, workspace)?;
    let ix = &ix;
    let Some(d) = cluster(ix, &Filter::default(), &DiscoveryOptions::default()) else {
        anyhow::bail!(
            "`{workspace}` has too few customers with preferences to find types ({} customers)",
            ix.customer_count()
        );
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(ExitCode::SUCCESS);
    }
    let name = |id: &str| {
        ix.persona_index(id)
            .map_or(id.to_owned(), |p| ix.persona_name(p).to_owned())
    };
    println!(
        "{} customers with preferences over {} tags fall into {} types (k by silhouette: {})",
        d.customers,
        d.tags.len(),
        d.k,
        d.tried
            .iter()
            .map(|(k, _, s)| format!("k={k} {s:.3}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (i, c) in d.clusters.iter().enumerate() {
        let tags = |v: &[(String, f64)]| {
            v.iter()
                .map(|x| x.0.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!();
        println!(
            "type {}: {} customers ({:.0} %)",
            i + 1,
            c.size,
            100.0 * c.share
        );
        println!("  loves: {}", tags(&c.loves));
        println!("  hates: {}", tags(&c.hates));
        match (&c.resembles, c.uncovered) {
            (Some(p), false) => println!("  resembles {} ({:.2})", name(p), c.resemblance),
            _ => println!("  no persona covers this type yet"),
        }
    }
    if !d.unfit_personas.is_empty() {
        println!();
        println!(
            "personas no customer fits: {}",
            d.unfit_personas
                .iter()
                .map(|p| name(p))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn twins(workspace: &str, json: bool, db: &Path) -> anyhow::Result<ExitCode> {
    let (_, ix) = super::db::load_built(db, workspace)?;
    let ix = &ix;
    let t = twins_report(ix, &Filter::default());
    if json {
        println!("{}", serde_json::to_string_pretty(&t)?);
        return Ok(ExitCode::SUCCESS);
    }
    let opt = |x: Option<f64>| x.map_or("–".to_owned(), |x| format!("{x:.2}"));
    println!(
        "{} customers with demographics and a persona; {} pairs share age, home, income and household",
        t.customers, t.twin_pairs
    );
    println!(
        "{:.0} % of those twin pairs are different customer types ({:.0} % if types had nothing to do with demographics)",
        100.0 * t.share_different,
        100.0 * t.share_different_if_random
    );
    println!();
    println!("predictor      satisfaction R²   churn AUC   (out of sample)");
    println!(
        "demographics   {:>15}   {:>9}",
        opt(t.satisfaction.demographics),
        opt(t.churn.demographics)
    );
    println!(
        "personas       {:>15}   {:>9}",
        opt(t.satisfaction.personas),
        opt(t.churn.personas)
    );
    if !t.examples.is_empty() {
        println!();
        println!("twins of different types:");
        for e in &t.examples {
            println!(
                "  {}: {} ({}) and {} ({})",
                e.demographics,
                e.a,
                ix.persona_name(e.persona_a),
                e.b,
                ix.persona_name(e.persona_b)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
