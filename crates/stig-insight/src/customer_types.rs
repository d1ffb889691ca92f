//! Customer types from data: persona sizes, discovery of types by clustering preference
//! vectors, and the demographic-twins report — the index and the customer stages in, plain
//! values out (the math is in [`crate::clusters`] and [`crate::twins`]).
//!
//! **Discovery.** Each customer with any preference becomes a vector over the most common
//! tags (at most [`DiscoveryOptions::max_tags`]), L2-normalised so that how much someone
//! browses does not outweigh what they like; k-means for k in 2…`max_k`, k chosen by the
//! silhouette on a sample. A cluster is described by its size and its strongest loves and
//! hates (centroid weights), and compared with every designed persona (cosine between the
//! centroid and the persona's ±1 tag vector): the best one is what it *resembles*; below
//! [`COVERED`] no persona covers it yet. A persona no customer has as primary and no cluster
//! resembles is one *no customer fits*.

use std::collections::HashMap;

use serde::Serialize;
use stig_pipeline::customers::LifecycleStatus;

use crate::clusters::{self, Points};
use crate::emotion::normalize;
use crate::filter::{Filter, Months};
use crate::index::{Index, NONE};
use crate::twins::{self, TwinCustomer, TwinsOptions, TwinsReport};

/// A cluster resembling a persona at least this much (cosine) is covered by it.
pub const COVERED: f64 = 0.3;

#[derive(Debug, Clone, Copy)]
pub struct DiscoveryOptions {
    pub max_tags: usize,
    pub max_k: usize,
    /// Rows of the silhouette sample.
    pub sample: usize,
    pub seed: u64,
}

impl Default for DiscoveryOptions {
    fn default() -> Self {
        DiscoveryOptions {
            max_tags: 64,
            max_k: 10,
            sample: 2_000,
            seed: 7,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    pub size: usize,
    pub share: f64,
    /// Strongest loves and hates, with their centroid weight.
    pub loves: Vec<(String, f64)>,
    pub hates: Vec<(String, f64)>,
    /// The persona it resembles most (id), and how much (cosine −1…1).
    pub resembles: Option<String>,
    pub resemblance: f64,
    /// No designed persona covers it (resemblance below [`COVERED`]).
    pub uncovered: bool,
    /// Its members' primary personas: persona id → customers.
    pub personas: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discovery {
    /// Customers clustered (those with any preference, under the filter).
    pub customers: usize,
    pub tags: Vec<String>,
    pub k: usize,
    /// Every k tried: (k, within-cluster error, silhouette).
    pub tried: Vec<(usize, f64, f64)>,
    pub clusters: Vec<Cluster>,
    /// Personas no customer has as primary and no cluster resembles.
    pub unfit_personas: Vec<String>,
    /// Per customer clustered: its index and cluster (for comparing with known types).
    #[serde(skip)]
    pub labels: Vec<(u32, u32)>,
}

/// Clusters the filter's customers by their preferences; `None` with fewer than 10 of them.
pub fn discover(ix: &Index, filter: &Filter, opts: &DiscoveryOptions) -> Option<Discovery> {
    let members: Vec<usize> = (0..ix.customer_count())
        .filter(|&c| filter.customer(ix, c))
        .filter(|&c| ix.preferences.start[c] < ix.preferences.start[c + 1])
        .collect();
    if members.len() < 10 {
        return None;
    }
    // The most common tags.
    let mut freq: HashMap<u16, usize> = HashMap::new();
    for &c in &members {
        for (t, _) in ix.preferences_of(c) {
            *freq.entry(t).or_default() += 1;
        }
    }
    let mut tags: Vec<(u16, usize)> = freq.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    tags.truncate(opts.max_tags);
    let column: HashMap<u16, usize> = tags.iter().enumerate().map(|(i, t)| (t.0, i)).collect();
    let dim = tags.len();
    let mut data = vec![0f32; members.len() * dim];
    for (row, &c) in members.iter().enumerate() {
        for (t, s) in ix.preferences_of(c) {
            if let Some(&col) = column.get(&t) {
                data[row * dim + col] = s;
            }
        }
    }
    clusters::normalize_rows(&mut data, dim);
    let points = Points::new(&data, dim);
    let max_k = opts.max_k.min(members.len() - 1).max(2);
    let (km, tried) = clusters::choose_k(points, 2..=max_k, opts.sample, opts.seed);
    let k = km.centroids.len() / dim.max(1);
    let sizes = km.sizes(k);
    let names: Vec<String> = tags
        .iter()
        .map(|(t, _)| ix.tags[usize::from(*t)].clone())
        .collect();
    let mut member_personas: Vec<HashMap<u16, usize>> = vec![HashMap::new(); k];
    for (row, &c) in members.iter().enumerate() {
        let p = ix.customers.persona[c];
        if p != NONE {
            *member_personas[km.labels[row] as usize]
                .entry(p)
                .or_default() += 1;
        }
    }
    let mut resembled = vec![false; ix.personas.len()];
    let out: Vec<Cluster> = (0..k)
        .map(|j| {
            let centroid = &km.centroids[j * dim..(j + 1) * dim];
            let mut weights: Vec<(String, f64)> = names
                .iter()
                .cloned()
                .zip(centroid.iter().map(|&w| f64::from(w)))
                .collect();
            weights.sort_by(|a, b| b.1.total_cmp(&a.1));
            let loves: Vec<(String, f64)> = weights
                .iter()
                .filter(|w| w.1 > 0.05)
                .take(5)
                .cloned()
                .collect();
            let hates: Vec<(String, f64)> = weights
                .iter()
                .rev()
                .filter(|w| w.1 < -0.05)
                .take(5)
                .cloned()
                .collect();
            let best = (0..ix.personas.len())
                .map(|p| (p, resemblance(ix, p, centroid, &tags)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let (resembles, score) = match best {
                Some((p, s)) => (Some(p), s),
                None => (None, 0.0),
            };
            if let Some(p) = resembles.filter(|_| score >= COVERED) {
                resembled[p] = true;
            }
            let mut personas: Vec<(String, usize)> = member_personas[j]
                .iter()
                .map(|(&p, &n)| (ix.personas[usize::from(p)].clone(), n))
                .collect();
            personas.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Cluster {
                size: sizes[j],
                share: sizes[j] as f64 / members.len() as f64,
                loves,
                hates,
                resembles: resembles.map(|p| ix.personas[p].clone()),
                resemblance: score,
                uncovered: score < COVERED,
                personas,
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| out[b].size.cmp(&out[a].size).then(a.cmp(&b)));
    let rank: Vec<u32> = {
        let mut r = vec![0u32; k];
        for (new, &old) in order.iter().enumerate() {
            r[old] = new as u32;
        }
        r
    };
    let sorted: Vec<Cluster> = order.iter().map(|&j| out[j].clone()).collect();
    let primary_counts = persona_sizes(ix, filter);
    let unfit_personas = (0..ix.personas.len())
        .filter(|&p| !resembled[p] && primary_counts[p] == 0)
        .map(|p| ix.personas[p].clone())
        .collect();
    Some(Discovery {
        customers: members.len(),
        tags: names,
        k,
        tried,
        clusters: sorted,
        unfit_personas,
        labels: members
            .iter()
            .zip(&km.labels)
            .map(|(&c, &l)| (c as u32, rank[l as usize]))
            .collect(),
    })
}

/// Cosine between a centroid (over `tags`) and persona `p`'s tag vector.
fn resemblance(ix: &Index, p: usize, centroid: &[f32], tags: &[(u16, usize)]) -> f64 {
    let (vector, _) = &ix.persona_vectors.vectors[p];
    let (mut dot, mut pn) = (0.0f64, 0.0f64);
    for &(t, w) in vector {
        if let Some(col) = tags.iter().position(|x| x.0 == t) {
            dot += f64::from(w) * f64::from(centroid[col]);
            pn += 1.0;
        }
    }
    let cn = centroid
        .iter()
        .map(|&x| f64::from(x).powi(2))
        .sum::<f64>()
        .sqrt();
    if pn == 0.0 || cn == 0.0 {
        0.0
    } else {
        dot / (pn.sqrt() * cn)
    }
}

/// Customers per primary persona (in `Index::personas` order) under the filter.
pub fn persona_sizes(ix: &Index, filter: &Filter) -> Vec<usize> {
    let mut n = vec![0; ix.personas.len()];
    for c in 0..ix.customer_count() {
        let p = ix.customers.persona[c];
        if p != NONE && filter.customer(ix, c) && filter.in_period(ix.customers.first_seen[c]) {
            n[usize::from(p)] += 1;
        }
    }
    n
}

/// Per month: customers of each persona seen so far (first seen by then), for the sizes over
/// time. Returns the month labels and one row per persona.
pub fn persona_sizes_over_time(ix: &Index) -> (Vec<String>, Vec<Vec<u32>>) {
    let months = Months::new(ix);
    let mut rows = vec![vec![0u32; months.len()]; ix.personas.len()];
    for c in 0..ix.customer_count() {
        let p = ix.customers.persona[c];
        if p != NONE {
            rows[usize::from(p)][months.of(ix.customers.first_seen[c])] += 1;
        }
    }
    for row in &mut rows {
        for m in 1..row.len() {
            row[m] += row[m - 1];
        }
    }
    ((0..months.len()).map(|m| months.label(m)).collect(), rows)
}

/// The demographic-twins report of the filter's customers: demographics from their traits,
/// persona and satisfaction (mean answer on −2…+2) from the index, churn from their status.
pub fn twins_report(ix: &Index, filter: &Filter) -> TwinsReport {
    let mut satisfaction = vec![(0.0f64, 0u32); ix.customer_count()];
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        if filter.feedback(ix, f) {
            let cell = &mut satisfaction[fb.customer[f] as usize];
            cell.0 += normalize(fb.kind[f], f64::from(fb.score[f]));
            cell.1 += 1;
        }
    }
    let input: Vec<TwinCustomer> = ix
        .directory
        .cards
        .iter()
        .enumerate()
        .filter(|(c, _)| filter.customer(ix, *c))
        .map(|(c, card)| {
            let persona = ix.customers.persona[c];
            let (sum, n) = satisfaction[c];
            let traits = card.traits();
            TwinCustomer {
                id: card.id.clone(),
                demographics: twins::demographic_key(&traits),
                persona: (persona != NONE).then_some(persona),
                satisfaction: (n > 0).then(|| sum / f64::from(n)),
                churned: card.status == LifecycleStatus::Churned,
                loves: crate::persona::trait_tags(&traits, "loves"),
                hates: crate::persona::trait_tags(&traits, "hates"),
            }
        })
        .collect();
    twins::twins(&input, &TwinsOptions::default())
}
