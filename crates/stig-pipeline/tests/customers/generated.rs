//! Generated customers of the arctic-winter example, read back: the stages must find what
//! the generator put in.

use std::collections::HashSet;

use serde_json::Value;
use stig_pipeline::customers::{CustomersBuilder, InstanceStatus, LifecycleStatus};
use stig_pipeline::generate::{GenerateOptions, generate};

fn example() -> stig_model::Workspace {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig_model::code::load_dir(dir)
        .expect("the example loads")
        .workspace
}

#[test]
fn generated_customers_come_back_with_their_runs_feedback_and_churn() {
    let ws = example();
    let mut out = Vec::new();
    let summary = generate(
        &ws,
        &GenerateOptions {
            customers: 400,
            seed: 7,
            ..Default::default()
        },
        &mut out,
    )
    .expect("generates");
    let mut builder = CustomersBuilder::new(std::sync::Arc::new(ws.clone()));
    let mut journeys_in_events: HashSet<(String, u64)> = HashSet::new();
    for (seq, line) in out
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let body: Value = serde_json::from_slice(line).expect("JSON");
        if let (Some(user), Some(run)) =
            (body["userId"].as_str(), body["properties"]["run"].as_u64())
            && body["properties"]["score_type"].is_null()
        {
            journeys_in_events.insert((user.to_owned(), run));
        }
        builder.push_json(seq as i64 + 1, &body);
    }
    let now: jiff::Timestamp = "2026-11-24T00:00:00Z".parse().expect("now");
    let customers = builder.finish(now);

    assert_eq!(customers.stats.unreadable, 0);
    assert_eq!(customers.stats.events, summary.events);
    assert_eq!(
        customers.profiles.len(),
        summary.customers,
        "one profile each"
    );
    assert_eq!(customers.stats.invalid_feedback, 0);

    // Every run that left a trace is about one instance: a few split where the customer's
    // trail went quiet past the journey's timeout (visits that left no trace), a few join
    // where an abandoned run was picked up again within it.
    let instances: usize = customers.profiles.iter().map(|p| p.instances.len()).sum();
    let runs = journeys_in_events.len();
    assert!(
        instances.abs_diff(runs) * 50 <= runs,
        "{instances} instances for {runs} runs seen"
    );
    let counts = customers.instance_counts();
    let abandoned: u64 = counts
        .values()
        .map(|c| c.get(&InstanceStatus::Abandoned).copied().unwrap_or(0))
        .sum();
    // A generated run abandons by stopping early; one whose last step left no trace (15 %
    // of visits do not) also looks abandoned, so there are at least as many.
    assert!(
        abandoned >= summary.journeys_abandoned,
        "{abandoned} abandoned, generator abandoned {}",
        summary.journeys_abandoned
    );
    assert!(
        abandoned < instances as u64 / 2,
        "{abandoned} of {instances}"
    );

    // Feedback: every answer read, on a touchpoint, tied to the run it was given in.
    let feedback: Vec<_> = customers
        .profiles
        .iter()
        .flat_map(|p| &p.feedback)
        .collect();
    assert_eq!(feedback.len() as u64, summary.feedback);
    assert!(feedback.iter().all(|f| f.touchpoint.is_some()));
    let tied = feedback.iter().filter(|f| f.instance.is_some()).count();
    assert_eq!(
        tied,
        feedback.len(),
        "each answer names its journey and run"
    );

    // Lifecycle: everyone started a journey, so everyone was acquired; the generator's
    // churners (said so, or went quiet) are churned, and only they or long-silent ones.
    let statuses = customers.status_counts();
    assert_eq!(statuses.get(&LifecycleStatus::Prospect), None);
    let churned = statuses
        .get(&LifecycleStatus::Churned)
        .copied()
        .unwrap_or(0);
    assert!(
        churned >= summary.churned * 9 / 10,
        "{churned} churned, generator churned {}",
        summary.churned
    );
}

#[test]
fn answers_are_tied_to_runs_the_customer_has() {
    let ws = example();
    let mut out = Vec::new();
    generate(
        &ws,
        &GenerateOptions {
            customers: 60,
            seed: 3,
            ..Default::default()
        },
        &mut out,
    )
    .expect("generates");
    let mut builder = CustomersBuilder::new(std::sync::Arc::new(ws));
    for (seq, line) in out
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        builder.push_json(seq as i64, &serde_json::from_slice(line).expect("JSON"));
    }
    let customers = builder.finish("2026-11-24T00:00:00Z".parse().expect("now"));
    for p in &customers.profiles {
        for f in &p.feedback {
            let (journey, run) = f.instance.as_ref().expect("tied");
            assert!(
                p.instances
                    .iter()
                    .any(|i| &i.journey == journey && i.run == *run),
                "{}: answer tied to {journey} #{run}, which they do not have",
                p.id
            );
        }
    }
}
