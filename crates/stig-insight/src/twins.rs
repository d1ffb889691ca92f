//! The demographic-twins report: how poorly demographics predict the customer type.
//!
//! The method segments customers by what they love and hate, not by demographics: two
//! customers of the same age, city, income and family (Prince Charles and Ozzy Osbourne) can
//! be opposite customer types. This report shows it on a workspace's own data.
//!
//! Method:
//! - **Who counts.** Only customers with both a demographic key ([`demographic_key`]) and a
//!   primary persona. Customers sharing a key are *demographic twins*.
//! - **Pairs.** For each key with `n` customers, of whom `n_p` are in persona `p`, there are
//!   `C(n, 2)` twin pairs and `Σ_p C(n_p, 2)` of them share a persona; everything is computed
//!   from these counts, never by enumerating pairs, so it scales to millions of customers.
//!   `share_different` is the share of twin pairs in different personas.
//! - **Baseline.** `share_different_if_random` is the share expected if personas were
//!   independent of demographics: `1 − Σ_k p_k²` over the persona shares `p_k` of all counted
//!   customers, computed with the finite-population correction
//!   `1 − Σ_k n_k(n_k − 1) / (N(N − 1))` (the exact expectation when persona labels are shuffled
//!   across customers; the same as `1 − Σ p_k²` for large `N`). A `share_different` close to
//!   the baseline means demographics say nothing about the customer type.
//! - **Out of sample.** Customers are split into a train and a test half by a seeded hash of
//!   their id. Each predictor (the demographic key, resp. the persona) learns a per-group value
//!   on the train half and is scored on the test half, so a predictor with many small groups
//!   cannot win by memorising them.
//!   - *Satisfaction*: a test customer's prediction is the train mean of their group (the
//!     overall train mean for a group not seen in train); `R² = 1 − SSE/SST` on the test half,
//!     `SST` around the test mean. It is negative when the predictor does worse than the mean.
//!   - *Churn*: a test customer's score is the train churn rate of their group (the overall
//!     train rate for an unseen group); the AUC on the test half by the rank formula
//!     (Mann–Whitney U, ties counted half). 0.5 is chance.
//!   - A predictor is `None` with fewer than 20 test customers with the outcome, with no train
//!     customers, when `SST` is zero, or when the test half has only one churn class.
//! - **Examples.** Real twin pairs in different personas, those with opposite tastes first:
//!   scored by `|a.loves ∩ b.hates| + |b.loves ∩ a.hates|` (trimmed, case-insensitive; a pair
//!   of different types with no opposite taste scores 0 and still shows the rule), ties
//!   by key and ids; at most `max_pairs`, never the same customer twice, one pair per key
//!   before a second from the same key. To bound the work, at most 64 customers per key (the
//!   first by seeded hash) and 1,000,000 pairs in all are looked at, so on very large
//!   workspaces the examples are drawn from a seeded sample.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

/// One customer as the report needs them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TwinCustomer {
    pub id: String,
    /// Demographic key, already bucketed by [`demographic_key`]; `None` = unknown.
    pub demographics: Option<String>,
    /// Their primary persona (index), if any.
    pub persona: Option<u16>,
    /// Their mean satisfaction on −2…+2, if they answered anything.
    pub satisfaction: Option<f64>,
    pub churned: bool,
    pub loves: Vec<String>,
    pub hates: Vec<String>,
}

/// Options of [`twins`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TwinsOptions {
    /// Seeds the train/test split and the sample the examples are drawn from.
    pub seed: u64,
    /// How many example pairs to show.
    pub max_pairs: usize,
}

impl Default for TwinsOptions {
    fn default() -> Self {
        TwinsOptions {
            seed: 0,
            max_pairs: 5,
        }
    }
}

/// The demographic-twins report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TwinsReport {
    /// Customers with demographics and a persona.
    pub customers: usize,
    /// Demographic keys shared by at least two such customers.
    pub twin_groups: usize,
    /// Pairs of customers with identical demographics.
    pub twin_pairs: u64,
    /// Of these, the pairs in different personas.
    pub pairs_in_different_personas: u64,
    /// `pairs_in_different_personas / twin_pairs` (0 without pairs).
    pub share_different: f64,
    /// The same share expected if personas were independent of demographics — the baseline.
    pub share_different_if_random: f64,
    /// Explained variance of satisfaction (R², out of sample).
    pub satisfaction: Predictors,
    /// AUC of churn (out of sample).
    pub churn: Predictors,
    /// Real twin pairs in different personas, those with opposite loves and hates first.
    pub examples: Vec<TwinPair>,
}

/// How well each grouping predicts one outcome, on the test half.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predictors {
    pub demographics: Option<f64>,
    pub personas: Option<f64>,
    /// Customers with the outcome in the train half.
    pub n_train: usize,
    /// Customers with the outcome in the test half.
    pub n_test: usize,
}

/// Two demographic twins in different personas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TwinPair {
    pub demographics: String,
    pub a: String,
    pub b: String,
    pub persona_a: u16,
    pub persona_b: u16,
    /// What `a` loves and `b` hates (in `a`'s words).
    pub a_loves_b_hates: Vec<String>,
    /// What `b` loves and `a` hates (in `b`'s words).
    pub b_loves_a_hates: Vec<String>,
}

/// Fewer test customers with the outcome than this and a predictor is not scored.
const MIN_TEST: usize = 20;
/// Example search: customers looked at per demographic key.
const EXAMPLE_MEMBERS_PER_GROUP: usize = 64;
/// Example search: pairs looked at in all.
const EXAMPLE_PAIR_BUDGET: usize = 1_000_000;

/// Bucketed demographics from a customer's traits, or `None` when fewer than 3 of the 4
/// parts are known. The key is `age · home · income · household`, an unknown part as `?`:
/// - `age`: a number (or a numeric text) in 10-year bands, `"30–39"`; other text as-is;
/// - `home` (or `city`): trimmed and case-folded;
/// - `income`: a number in fixed bands `<300k`, `300–500k`, `500–800k`, `800k+` (yearly, in the
///   workspace's currency: no quantiles, so the bands do not depend on who else is there);
///   a text income (`"low"`, `"middle"`) as-is, trimmed and case-folded;
/// - `household`: trimmed and case-folded.
pub fn demographic_key(traits: &Map<String, Value>) -> Option<String> {
    let text = |v: &Value| -> Option<String> {
        let s = v.as_str()?.trim().to_lowercase();
        (!s.is_empty()).then_some(s)
    };
    let number = |v: &Value| -> Option<f64> {
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|x| x.is_finite() && *x >= 0.0)
    };
    let age = traits.get("age").and_then(|v| match number(v) {
        Some(a) => {
            let lo = (a as u64) / 10 * 10;
            Some(format!("{lo}–{}", lo + 9))
        }
        None => text(v),
    });
    let home = traits
        .get("home")
        .and_then(text)
        .or_else(|| traits.get("city").and_then(text));
    let income = traits.get("income").and_then(|v| match number(v) {
        Some(x) if x < 300_000.0 => Some("<300k".to_string()),
        Some(x) if x < 500_000.0 => Some("300–500k".to_string()),
        Some(x) if x < 800_000.0 => Some("500–800k".to_string()),
        Some(_) => Some("800k+".to_string()),
        None => text(v),
    });
    let household = traits.get("household").and_then(text);
    let parts = [age, home, income, household];
    if parts.iter().filter(|p| p.is_some()).count() < 3 {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|p| p.as_deref().unwrap_or("?"))
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

/// The demographic-twins report over `customers` (see the module documentation).
pub fn twins(customers: &[TwinCustomer], opts: &TwinsOptions) -> TwinsReport {
    // Counted customers: demographics and a persona.
    let counted: Vec<(&TwinCustomer, &str, u16)> = customers
        .iter()
        .filter_map(|c| Some((c, c.demographics.as_deref()?, c.persona?)))
        .collect();

    // Pair counts from group sizes.
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, &(_, key, _)) in counted.iter().enumerate() {
        groups.entry(key).or_default().push(i);
    }
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let (mut twin_groups, mut twin_pairs, mut same) = (0usize, 0u64, 0u64);
    for members in groups.values() {
        if members.len() < 2 {
            continue;
        }
        twin_groups += 1;
        twin_pairs += pairs(members.len() as u64);
        let mut by_persona: HashMap<u16, u64> = HashMap::new();
        for &i in members {
            *by_persona.entry(counted[i].2).or_default() += 1;
        }
        same += by_persona.values().map(|&n| pairs(n)).sum::<u64>();
    }
    let different = twin_pairs - same;
    let share_different = if twin_pairs > 0 {
        different as f64 / twin_pairs as f64
    } else {
        0.0
    };
    let mut persona_counts: HashMap<u16, u64> = HashMap::new();
    for &(_, _, p) in &counted {
        *persona_counts.entry(p).or_default() += 1;
    }
    let n = counted.len() as f64;
    let share_different_if_random = if counted.len() >= 2 {
        let same: f64 = persona_counts
            .values()
            .map(|&k| k as f64 * (k as f64 - 1.0))
            .sum();
        1.0 - same / (n * (n - 1.0))
    } else {
        0.0
    };

    // Out of sample: split by a seeded hash of the id.
    let test: Vec<bool> = counted
        .iter()
        .map(|(c, _, _)| hash(opts.seed, &c.id) & 1 == 1)
        .collect();
    let satisfaction = {
        let rows: Vec<(usize, f64)> = counted
            .iter()
            .enumerate()
            .filter_map(|(i, (c, _, _))| Some((i, c.satisfaction.filter(|s| s.is_finite())?)))
            .collect();
        let n_test = rows.iter().filter(|&&(i, _)| test[i]).count();
        Predictors {
            demographics: r_squared(&rows, &test, |i| Group::Key(counted[i].1)),
            personas: r_squared(&rows, &test, |i| Group::Persona(counted[i].2)),
            n_train: rows.len() - n_test,
            n_test,
        }
    };
    let churn = {
        let rows: Vec<(usize, bool)> = counted
            .iter()
            .enumerate()
            .map(|(i, (c, _, _))| (i, c.churned))
            .collect();
        let n_test = rows.iter().filter(|&&(i, _)| test[i]).count();
        Predictors {
            demographics: auc(&rows, &test, |i| Group::Key(counted[i].1)),
            personas: auc(&rows, &test, |i| Group::Persona(counted[i].2)),
            n_train: rows.len() - n_test,
            n_test,
        }
    };

    TwinsReport {
        customers: counted.len(),
        twin_groups,
        twin_pairs,
        pairs_in_different_personas: different,
        share_different,
        share_different_if_random,
        satisfaction,
        churn,
        examples: examples(&counted, &groups, opts),
    }
}

/// A predictor's group: a demographic key or a persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Group<'a> {
    Key(&'a str),
    Persona(u16),
}

/// Out-of-sample R² of the train group means on the test rows.
fn r_squared<'a>(
    rows: &[(usize, f64)],
    test: &[bool],
    group: impl Fn(usize) -> Group<'a>,
) -> Option<f64> {
    let mut sums: HashMap<Group<'a>, (f64, f64)> = HashMap::new();
    let (mut sum, mut count) = (0.0, 0.0);
    for &(i, y) in rows.iter().filter(|&&(i, _)| !test[i]) {
        let e = sums.entry(group(i)).or_default();
        e.0 += y;
        e.1 += 1.0;
        sum += y;
        count += 1.0;
    }
    let tested: Vec<(usize, f64)> = rows.iter().copied().filter(|&(i, _)| test[i]).collect();
    if count == 0.0 || tested.len() < MIN_TEST {
        return None;
    }
    let overall = sum / count;
    let mean = tested.iter().map(|&(_, y)| y).sum::<f64>() / tested.len() as f64;
    let (mut sse, mut sst) = (0.0, 0.0);
    for &(i, y) in &tested {
        let predicted = sums.get(&group(i)).map_or(overall, |&(s, n)| s / n);
        sse += (y - predicted).powi(2);
        sst += (y - mean).powi(2);
    }
    (sst > 0.0).then(|| 1.0 - sse / sst)
}

/// Out-of-sample AUC of the train group churn rates on the test rows.
fn auc<'a>(
    rows: &[(usize, bool)],
    test: &[bool],
    group: impl Fn(usize) -> Group<'a>,
) -> Option<f64> {
    let mut rates: HashMap<Group<'a>, (f64, f64)> = HashMap::new();
    let (mut churned, mut count) = (0.0, 0.0);
    for &(i, y) in rows.iter().filter(|&&(i, _)| !test[i]) {
        let e = rates.entry(group(i)).or_default();
        e.0 += f64::from(u8::from(y));
        e.1 += 1.0;
        churned += f64::from(u8::from(y));
        count += 1.0;
    }
    let tested: Vec<(usize, bool)> = rows.iter().copied().filter(|&(i, _)| test[i]).collect();
    if count == 0.0 || tested.len() < MIN_TEST {
        return None;
    }
    let overall = churned / count;
    let mut scored: Vec<(f64, bool)> = tested
        .iter()
        .map(|&(i, y)| (rates.get(&group(i)).map_or(overall, |&(c, n)| c / n), y))
        .collect();
    let positives = scored.iter().filter(|&&(_, y)| y).count() as f64;
    let negatives = scored.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Sum of the positives' ranks (1-based), tied scores sharing their average rank.
    let mut rank_sum = 0.0;
    let mut start = 0;
    while start < scored.len() {
        let mut end = start;
        while end < scored.len() && scored[end].0 == scored[start].0 {
            end += 1;
        }
        let average_rank = (start + 1 + end) as f64 / 2.0;
        let tied_positives = scored[start..end].iter().filter(|&&(_, y)| y).count() as f64;
        rank_sum += average_rank * tied_positives;
        start = end;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

/// Twin pairs in different personas with the most opposite tastes.
fn examples(
    counted: &[(&TwinCustomer, &str, u16)],
    groups: &BTreeMap<&str, Vec<usize>>,
    opts: &TwinsOptions,
) -> Vec<TwinPair> {
    if opts.max_pairs == 0 {
        return Vec::new();
    }
    let folded = |items: &[String]| -> HashSet<String> {
        items
            .iter()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut tastes: HashMap<usize, (HashSet<String>, HashSet<String>)> = HashMap::new();
    // (score, customer a, customer b), a's id before b's.
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    let mut budget = EXAMPLE_PAIR_BUDGET;
    for members in groups.values() {
        if members.len() < 2 || budget == 0 {
            continue;
        }
        let mut sample: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !counted[i].0.loves.is_empty() || !counted[i].0.hates.is_empty())
            .collect();
        sample.sort_by_cached_key(|&i| (hash(opts.seed, &counted[i].0.id), &counted[i].0.id));
        sample.truncate(EXAMPLE_MEMBERS_PER_GROUP);
        for &i in &sample {
            tastes
                .entry(i)
                .or_insert_with(|| (folded(&counted[i].0.loves), folded(&counted[i].0.hates)));
        }
        'pairs: for (x, &i) in sample.iter().enumerate() {
            for &j in &sample[x + 1..] {
                if budget == 0 {
                    break 'pairs;
                }
                budget -= 1;
                if counted[i].2 == counted[j].2 {
                    continue;
                }
                let (li, hi) = &tastes[&i];
                let (lj, hj) = &tastes[&j];
                // Opposite tastes first; twins of different types are examples either way.
                let score = li.intersection(hj).count() + lj.intersection(hi).count();
                {
                    let (a, b) = if counted[i].0.id <= counted[j].0.id {
                        (i, j)
                    } else {
                        (j, i)
                    };
                    candidates.push((score, a, b));
                }
            }
        }
    }
    candidates.sort_by(|&(sx, ax, bx), &(sy, ay, by)| {
        sy.cmp(&sx)
            .then_with(|| counted[ax].1.cmp(counted[ay].1))
            .then_with(|| counted[ax].0.id.cmp(&counted[ay].0.id))
            .then_with(|| counted[bx].0.id.cmp(&counted[by].0.id))
    });
    let opposite = |lover: &TwinCustomer, hater: usize| -> Vec<String> {
        let hates = &tastes[&hater].1;
        let mut seen = HashSet::new();
        lover
            .loves
            .iter()
            .filter(|s| {
                let f = s.trim().to_lowercase();
                hates.contains(&f) && seen.insert(f)
            })
            .map(|s| s.trim().to_string())
            .collect()
    };
    // Greedy, best first, never a customer twice; a first pass takes at most one pair per
    // demographic key, so the examples show different kinds of twins when there are any.
    let mut used = HashSet::new();
    let mut keys = HashSet::new();
    let mut picked = Vec::new();
    for one_per_key in [true, false] {
        for (rank, &(_, a, b)) in candidates.iter().enumerate() {
            if picked.len() == opts.max_pairs {
                break;
            }
            if used.contains(&a)
                || used.contains(&b)
                || (one_per_key && keys.contains(counted[a].1))
            {
                continue;
            }
            used.insert(a);
            used.insert(b);
            keys.insert(counted[a].1);
            picked.push((rank, a, b));
        }
    }
    picked.sort_unstable();
    picked
        .into_iter()
        .map(|(_, a, b)| {
            let (ca, key, pa) = counted[a];
            let (cb, _, pb) = counted[b];
            TwinPair {
                demographics: key.to_string(),
                a: ca.id.clone(),
                b: cb.id.clone(),
                persona_a: pa,
                persona_b: pb,
                a_loves_b_hates: opposite(ca, b),
                b_loves_a_hates: opposite(cb, a),
            }
        })
        .collect()
}

/// A seeded 64-bit hash of `id` (FNV-1a, then the splitmix64 finalizer), stable across runs
/// and platforms.
fn hash(seed: u64, id: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &byte in id.as_bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use serde_json::json;

    fn customer(id: &str, key: Option<&str>, persona: Option<u16>) -> TwinCustomer {
        TwinCustomer {
            id: id.to_string(),
            demographics: key.map(str::to_string),
            persona,
            ..TwinCustomer::default()
        }
    }

    fn traits(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    fn opts() -> TwinsOptions {
        TwinsOptions::default()
    }

    /// Demographics drawn independently of the persona; satisfaction and churn from the persona.
    fn population(n: usize, seed: u64) -> Vec<TwinCustomer> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let ages = ["20–29", "30–39", "40–49", "50–59", "60–69"];
        let homes = ["oslo", "bergen", "tromsø"];
        let incomes = ["low", "middle", "high"];
        let households = ["single", "couple", "family with children", "retired couple"];
        let effect = [-1.5, -0.5, 0.5, 1.5];
        let churn = [0.1, 0.3, 0.6, 0.9];
        let loves = [["quiet"], ["crowds"], ["speed"], ["comfort"]];
        let hates = [["crowds"], ["quiet"], ["comfort"], ["speed"]];
        (0..n)
            .map(|i| {
                let p = rng.random_range(0..4usize);
                let key = format!(
                    "{} · {} · {} · {}",
                    ages[rng.random_range(0..ages.len())],
                    homes[rng.random_range(0..homes.len())],
                    incomes[rng.random_range(0..incomes.len())],
                    households[rng.random_range(0..households.len())],
                );
                let noise: f64 = (0..4).map(|_| rng.random_range(-0.25..0.25)).sum();
                TwinCustomer {
                    id: format!("c{i}"),
                    demographics: Some(key),
                    persona: Some(p as u16),
                    satisfaction: Some((effect[p] + noise).clamp(-2.0, 2.0)),
                    churned: rng.random_bool(churn[p]),
                    loves: loves[p].iter().map(|s| s.to_string()).collect(),
                    hates: hates[p].iter().map(|s| s.to_string()).collect(),
                }
            })
            .collect()
    }

    #[test]
    fn demographics_predict_nothing_personas_do() {
        let r = twins(&population(4000, 7), &opts());
        assert_eq!(r.customers, 4000);
        let s_demo = r.satisfaction.demographics.expect("demographic R²");
        let s_pers = r.satisfaction.personas.expect("persona R²");
        assert!(s_pers > 0.8, "persona R² {s_pers}");
        assert!(s_demo <= 0.05, "demographic R² {s_demo}");
        let c_demo = r.churn.demographics.expect("demographic AUC");
        let c_pers = r.churn.personas.expect("persona AUC");
        assert!(
            c_pers > c_demo + 0.1,
            "AUC persona {c_pers} vs demographics {c_demo}"
        );
        assert!(c_pers > 0.75, "persona AUC {c_pers}");
        assert!(
            (r.share_different - r.share_different_if_random).abs() < 0.03,
            "{} vs {}",
            r.share_different,
            r.share_different_if_random
        );
        assert!((r.share_different_if_random - 0.75).abs() < 0.02);
        assert_eq!(r.satisfaction.n_train + r.satisfaction.n_test, 4000);
        assert!(r.satisfaction.n_test > 1800 && r.satisfaction.n_train > 1800);
        assert_eq!(r.churn.n_train + r.churn.n_test, 4000);
        // Examples: opposite tastes, different personas, no customer twice, deterministic.
        assert_eq!(r.examples.len(), 5);
        let mut seen = HashSet::new();
        for e in &r.examples {
            assert_ne!(e.persona_a, e.persona_b);
            assert!(e.a < e.b);
            assert!(!e.a_loves_b_hates.is_empty() || !e.b_loves_a_hates.is_empty());
            assert!(seen.insert(e.a.clone()) && seen.insert(e.b.clone()));
        }
        assert_eq!(r, twins(&population(4000, 7), &opts()));
        let json = serde_json::to_string(&r).expect("serializes");
        assert!(json.contains("share_different_if_random"));
    }

    #[test]
    fn pair_counts_by_hand() {
        let cs = vec![
            customer("a1", Some("A"), Some(0)),
            customer("a2", Some("A"), Some(0)),
            customer("a3", Some("A"), Some(1)),
            customer("b1", Some("B"), Some(2)),
            customer("b2", Some("B"), Some(2)),
            customer("c1", Some("C"), Some(1)),
            customer("x", None, Some(0)),
            customer("y", Some("A"), None),
        ];
        let r = twins(&cs, &opts());
        assert_eq!(r.customers, 6);
        assert_eq!(r.twin_groups, 2);
        // A: C(3,2) = 3 pairs, 1 in the same persona; B: 1 pair, same persona.
        assert_eq!(r.twin_pairs, 4);
        assert_eq!(r.pairs_in_different_personas, 2);
        assert_eq!(r.share_different, 0.5);
        // Personas 2, 2, 2 of 6: same = 3·2·1 / (6·5) = 0.2.
        assert!((r.share_different_if_random - 0.8).abs() < 1e-12);
        // Too few customers to score anything.
        assert_eq!(r.satisfaction.demographics, None);
        assert_eq!(r.churn.personas, None);
    }

    #[test]
    fn auc_by_hand() {
        // Train (rows 0..4): both groups churn 1 of 2, so every test score ties → AUC 0.5.
        let rows: Vec<(usize, bool)> = (0..44).map(|i| (i, i % 4 == 0 || i % 4 == 3)).collect();
        let test: Vec<bool> = (0..44).map(|i| i >= 4).collect();
        let group = |i: usize| Group::Persona(u16::from(i % 4 >= 2));
        assert_eq!(auc(&rows, &test, group), Some(0.5));
        // A perfect separation.
        let rows: Vec<(usize, bool)> = (0..44).map(|i| (i, i % 2 == 1)).collect();
        let group = |i: usize| Group::Persona((i % 2) as u16);
        assert_eq!(auc(&rows, &test, group), Some(1.0));
        // One class in test.
        let rows: Vec<(usize, bool)> = (0..44).map(|i| (i, i < 2)).collect();
        assert_eq!(auc(&rows, &test, group), None);
    }

    #[test]
    fn demographic_key_buckets() {
        let key = demographic_key(&traits(json!({
            "age": 34, "home": " Oslo ", "income": 450000, "household": "Couple"
        })));
        assert_eq!(key.as_deref(), Some("30–39 · oslo · 300–500k · couple"));
        let key = demographic_key(&traits(json!({
            "age": "40", "city": "BERGEN", "income": 1_200_000.0, "household": "single"
        })));
        assert_eq!(key.as_deref(), Some("40–49 · bergen · 800k+ · single"));
        // Text incomes as-is; one unknown part is allowed.
        let key = demographic_key(&traits(json!({
            "age": 77, "home": "Tromsø", "income": "Middle"
        })));
        assert_eq!(key.as_deref(), Some("70–79 · tromsø · middle · ?"));
        let key = demographic_key(&traits(json!({"age": 29.9, "income": 0, "household": "x"})));
        assert_eq!(key.as_deref(), Some("20–29 · ? · <300k · x"));
        let key = demographic_key(&traits(
            json!({"income": 500000, "home": "a", "household": "b"}),
        ));
        assert_eq!(key.as_deref(), Some("? · a · 500–800k · b"));
        // Fewer than 3 known: none. Empty strings and nulls are unknown.
        assert_eq!(
            demographic_key(&traits(json!({"age": 30, "home": "Oslo"}))),
            None
        );
        assert_eq!(
            demographic_key(&traits(
                json!({"age": 30, "home": " ", "income": null, "household": "s"})
            )),
            None
        );
        assert_eq!(demographic_key(&Map::new()), None);
    }

    #[test]
    fn examples_have_opposite_tastes() {
        let with = |id: &str, key: &str, p: u16, loves: &[&str], hates: &[&str]| TwinCustomer {
            loves: loves.iter().map(|s| s.to_string()).collect(),
            hates: hates.iter().map(|s| s.to_string()).collect(),
            ..customer(id, Some(key), Some(p))
        };
        let cs = vec![
            with(
                "charles",
                "70–79 · london · high · couple",
                0,
                &["Polo", "Opera"],
                &["Heavy metal"],
            ),
            with(
                "ozzy",
                "70–79 · london · high · couple",
                1,
                &["heavy metal ", "bats"],
                &["opera", "polo"],
            ),
            with(
                "camilla",
                "70–79 · london · high · couple",
                0,
                &["polo"],
                &["bats"],
            ),
            // Same persona as charles: never an example with him.
            with(
                "anne",
                "70–79 · london · high · couple",
                0,
                &["heavy metal"],
                &["polo"],
            ),
            // Different persona but no opposite taste: shown after the opposite pair.
            with(
                "sam",
                "20–29 · leeds · low · single",
                2,
                &["tea"],
                &["coffee"],
            ),
            with(
                "kim",
                "20–29 · leeds · low · single",
                3,
                &["tea"],
                &["rain"],
            ),
        ];
        let r = twins(
            &cs,
            &TwinsOptions {
                seed: 1,
                max_pairs: 5,
            },
        );
        assert_eq!(r.examples.len(), 2, "{:?}", r.examples);
        assert_eq!(
            (r.examples[1].a.as_str(), r.examples[1].b.as_str()),
            ("kim", "sam")
        );
        let e = &r.examples[0];
        assert_eq!((e.a.as_str(), e.b.as_str()), ("charles", "ozzy"));
        assert_eq!((e.persona_a, e.persona_b), (0, 1));
        assert_eq!(e.a_loves_b_hates, vec!["Polo", "Opera"]);
        assert_eq!(e.b_loves_a_hates, vec!["heavy metal"]);
        assert_eq!(e.demographics, "70–79 · london · high · couple");
        // None when none are asked for.
        let r = twins(
            &cs,
            &TwinsOptions {
                seed: 1,
                max_pairs: 0,
            },
        );
        assert!(r.examples.is_empty());
    }

    #[test]
    fn empty_input_is_zeros() {
        for cs in [
            vec![],
            vec![customer("x", None, None)],
            vec![customer("x", Some("k"), Some(0))],
        ] {
            let r = twins(&cs, &opts());
            assert_eq!(r.twin_groups, 0);
            assert_eq!(r.twin_pairs, 0);
            assert_eq!(r.pairs_in_different_personas, 0);
            assert_eq!(r.share_different, 0.0);
            assert_eq!(r.share_different_if_random, 0.0);
            assert_eq!(r.satisfaction.demographics, None);
            assert_eq!(r.satisfaction.personas, None);
            assert_eq!(r.churn.demographics, None);
            assert_eq!(r.churn.personas, None);
            assert!(r.examples.is_empty());
            let json = serde_json::to_string(&r).expect("serializes");
            assert!(!json.contains("NaN"));
        }
    }
}
