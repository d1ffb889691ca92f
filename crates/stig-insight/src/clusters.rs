//! Persona discovery: k-means on customers' preference vectors.
//!
//! A customer is a row of tag preferences (love > 0, hate < 0, mostly 0). [`kmeans`] groups
//! rows into `k` clusters, each a candidate persona (its centroid: the tags the group loves
//! and hates); [`choose_k`] picks `k` from the data; [`adjusted_rand_index`] compares two
//! labelings (e.g. found clusters against known types).
//!
//! Sparse rows differ mostly in how many tags a customer expressed, not which: call
//! [`normalize_rows`] first so that clusters form by direction (which tags, in what
//! proportion). Rows of all zeros stay zero.
//!
//! The algorithm:
//! - **Seeding**: greedy k-means++ (as scikit-learn's): the first centre a uniformly drawn
//!   row; each next one the best, by resulting potential, of `2 + ⌊ln k⌋` rows drawn with
//!   probability proportional to their squared distance to the nearest centre so far. The
//!   random source is `ChaCha8Rng::seed_from_u64(seed)`.
//! - **Iterations**: Lloyd's (assign every row to its nearest centroid, move each centroid to
//!   the mean of its rows), computed exactly but with Hamerly's bounds: per row an upper
//!   bound on the distance to its centroid and a lower bound on the distance to any other;
//!   a row whose upper bound is below `max(lower bound, half the distance from its centroid
//!   to the nearest other centroid)` cannot change cluster and is skipped. Bounds follow the
//!   centroids' moves. Per-cluster sums (f64) are updated only for rows that change
//!   cluster. The assignment step runs on `threads` scoped threads, each a contiguous chunk
//!   of rows; per-thread partial sums are merged in chunk order, so a given seed and thread
//!   count always give the same result.
//! - **Stopping**: when no row changed cluster, or when the inertia (of the assignment, to
//!   the centroids it was made with, from the per-cluster sums) fell by at most `tol` of
//!   itself since the previous iteration, or after `max_iter` iterations. A final pass then
//!   assigns every row to its nearest final centroid (skipped when nothing moved) and sums
//!   the squared distances in f64: that is [`KMeans::inertia`].
//! - **Empty clusters** get the row farthest from its centroid (among clusters of at least
//!   two rows), so no cluster is lost.
//!
//! Distances are computed in f32 over contiguous slices with 8 accumulators (vectorised):
//! when comparing a row with every centroid (and in k-means++) as `‖x‖² + ‖c‖² − 2x·c` from
//! precomputed squared norms (two operations per value); when tightening a bound and for
//! the inertia as `Σ (x − c)²`, which has no cancellation. The inertia is summed in f64.

use std::ops::{Range, RangeInclusive};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Row-major dense matrix (n rows × dim), f32.
#[derive(Clone, Copy, Debug)]
pub struct Points<'a> {
    pub data: &'a [f32],
    pub dim: usize,
}

impl<'a> Points<'a> {
    /// # Panics
    /// When `dim` is 0 or does not divide `data.len()`.
    pub fn new(data: &'a [f32], dim: usize) -> Points<'a> {
        assert!(
            dim > 0 && data.len().is_multiple_of(dim),
            "{} values do not make rows of {dim}",
            data.len()
        );
        Points { data, dim }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.data.len() / self.dim.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn row(&self, i: usize) -> &'a [f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }
}

/// [`kmeans`]'s options.
#[derive(Clone, Debug)]
pub struct KMeansOptions {
    /// Clusters.
    pub k: usize,
    /// At most this many Lloyd iterations (default 100).
    pub max_iter: usize,
    /// Stop when the inertia falls by at most this fraction of itself in an iteration
    /// (default 1e-4).
    pub tol: f64,
    /// Seeds the k-means++ draws.
    pub seed: u64,
    /// Threads for the passes over the rows; 0 = `std::thread::available_parallelism`.
    pub threads: usize,
}

impl KMeansOptions {
    /// `k` clusters, `seed`, and the defaults: 100 iterations, tol 1e-4, all cores.
    pub fn new(k: usize, seed: u64) -> KMeansOptions {
        KMeansOptions {
            k,
            max_iter: 100,
            tol: 1e-4,
            seed,
            threads: 0,
        }
    }
}

/// A clustering.
#[derive(Clone, Debug, PartialEq)]
pub struct KMeans {
    /// k × dim, row-major.
    pub centroids: Vec<f32>,
    /// Each row's cluster, `0..k`.
    pub labels: Vec<u32>,
    /// Sum over rows of the squared distance to the assigned centroid.
    pub inertia: f64,
    /// Lloyd iterations run.
    pub iterations: usize,
}

impl KMeans {
    /// Rows per cluster.
    pub fn sizes(&self, k: usize) -> Vec<usize> {
        let mut sizes = vec![0; k];
        for &l in &self.labels {
            sizes[l as usize] += 1;
        }
        sizes
    }
}

/// Scales each row (of `dim` values) to unit Euclidean length; rows of all zeros stay zero.
pub fn normalize_rows(data: &mut [f32], dim: usize) {
    if dim == 0 {
        return;
    }
    for row in data.chunks_exact_mut(dim) {
        let norm = row
            .iter()
            .map(|&v| f64::from(v) * f64::from(v))
            .sum::<f64>()
            .sqrt();
        if norm > 0.0 {
            let inv = (1.0 / norm) as f32;
            for v in row {
                *v *= inv;
            }
        }
    }
}

/// Squared Euclidean distance, 8 lanes at a time.
#[inline]
fn sq_dist(a: &[f32], b: &[f32]) -> f32 {
    let (ca, ra) = a.as_chunks::<8>();
    let (cb, rb) = b.as_chunks::<8>();
    let mut acc = [0.0f32; 8];
    for (x, y) in ca.iter().zip(cb) {
        for j in 0..8 {
            let d = x[j] - y[j];
            acc[j] += d * d;
        }
    }
    let mut tail = 0.0f32;
    for (x, y) in ra.iter().zip(rb) {
        let d = x - y;
        tail += d * d;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// Dot product, 8 lanes at a time.
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let (ca, ra) = a.as_chunks::<8>();
    let (cb, rb) = b.as_chunks::<8>();
    let mut acc = [0.0f32; 8];
    for (x, y) in ca.iter().zip(cb) {
        for j in 0..8 {
            acc[j] += x[j] * y[j];
        }
    }
    let mut tail = 0.0f32;
    for (x, y) in ra.iter().zip(rb) {
        tail += x * y;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// Squared distance from squared norms and the dot product: ‖x‖² + ‖c‖² − 2x·c (two
/// operations per value instead of three), never negative.
#[inline]
fn sq_dist_norms(x: &[f32], xn: f32, c: &[f32], cn: f32) -> f32 {
    (xn + cn - 2.0 * dot(x, c)).max(0.0)
}

fn sq_norms(data: &[f32], dim: usize) -> Vec<f32> {
    data.chunks_exact(dim).map(|r| dot(r, r)).collect()
}

fn sq_norm(a: &[f32]) -> f64 {
    a.iter().map(|&v| f64::from(v) * f64::from(v)).sum()
}

fn resolve_threads(threads: usize, n: usize) -> usize {
    let t = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |t| t.get())
    } else {
        threads
    };
    t.clamp(1, n.max(1))
}

/// Rows per chunk for `threads` chunks.
fn chunk_len(n: usize, threads: usize) -> usize {
    n.div_ceil(threads).max(1)
}

/// `f` on each chunk of rows (on its own scoped thread but the last), results in chunk order.
fn par_rows<R: Send>(n: usize, threads: usize, f: impl Fn(Range<usize>) -> R + Sync) -> Vec<R> {
    let len = chunk_len(n, threads);
    let ranges: Vec<Range<usize>> = (0..n).step_by(len).map(|s| s..(s + len).min(n)).collect();
    if ranges.len() <= 1 {
        return ranges.into_iter().map(&f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let (last, rest) = ranges.split_last().expect("at least two chunks");
        let handles: Vec<_> = rest
            .iter()
            .map(|r| {
                let r = r.clone();
                s.spawn(move || f(r))
            })
            .collect();
        let tail = f(last.clone());
        let mut out: Vec<R> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        out.push(tail);
        out
    })
}

/// Rows k-means++ seeds from at most: on more, a seeded sample of this many stands in for
/// them. Seeding scans every row once per centroid and candidate, which on millions of rows
/// costs more than the iterations; a sample of this size places the initial centroids as well
/// (Lloyd's iterations then run on every row).
pub const SEED_SAMPLE: usize = 65_536;

/// Initial centroids: greedy k-means++ on every row, or on a seeded sample of
/// [`SEED_SAMPLE`] rows when there are more.
fn seed_centers(
    points: Points<'_>,
    norms: &[f32],
    k: usize,
    rng: &mut ChaCha8Rng,
    threads: usize,
) -> Vec<f32> {
    let n = points.len();
    if n <= SEED_SAMPLE {
        return kmeans_pp(points, norms, k, rng, threads);
    }
    let mut rows = rand::seq::index::sample(rng, n, SEED_SAMPLE).into_vec();
    rows.sort_unstable();
    let dim = points.dim;
    let mut data = Vec::with_capacity(rows.len() * dim);
    let mut sample_norms = Vec::with_capacity(rows.len());
    for &r in &rows {
        data.extend_from_slice(points.row(r));
        sample_norms.push(norms[r]);
    }
    kmeans_pp(Points { data: &data, dim }, &sample_norms, k, rng, threads)
}

/// Greedy k-means++: k rows of `points` as initial centroids.
fn kmeans_pp(
    points: Points<'_>,
    norms: &[f32],
    k: usize,
    rng: &mut ChaCha8Rng,
    threads: usize,
) -> Vec<f32> {
    let n = points.len();
    let dim = points.dim;
    let mut centers = Vec::with_capacity(k * dim);
    let first = rng.random_range(0..n);
    centers.extend_from_slice(points.row(first));
    let len = chunk_len(n, threads);
    let parts = par_rows(n, threads, |r| {
        let d: Vec<f32> = r
            .map(|i| sq_dist_norms(points.row(i), norms[i], &centers[..dim], norms[first]))
            .collect();
        let pot: f64 = d.iter().map(|&v| f64::from(v)).sum();
        (d, pot)
    });
    let mut pot: f64 = parts.iter().map(|p| p.1).sum();
    let mut closest: Vec<f32> = parts.into_iter().flat_map(|p| p.0).collect();
    let trials = 2 + (k as f64).ln().floor() as usize;
    for _ in 1..k {
        // Candidates drawn by squared distance: one scan over the cumulative potential.
        let mut targets: Vec<(f64, usize)> = (0..trials)
            .map(|t| (rng.random::<f64>() * pot, t))
            .collect();
        targets.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut candidates = vec![n - 1; trials];
        let mut cum = 0.0f64;
        let mut next = 0;
        for (i, &d) in closest.iter().enumerate() {
            cum += f64::from(d);
            while next < trials && cum > targets[next].0 {
                candidates[targets[next].1] = i;
                next += 1;
            }
            if next == trials {
                break;
            }
        }
        // Each candidate's potential; keep the per-row minima of every candidate.
        let cand_rows: Vec<&[f32]> = candidates.iter().map(|&c| points.row(c)).collect();
        let (closest_ref, candidates) = (&closest, &candidates);
        let parts = par_rows(n, threads, |r| {
            let mut mins = Vec::with_capacity(r.len() * trials);
            let mut pots = vec![0.0f64; trials];
            for i in r {
                let x = points.row(i);
                for (t, c) in cand_rows.iter().enumerate() {
                    let d = sq_dist_norms(x, norms[i], c, norms[candidates[t]]).min(closest_ref[i]);
                    pots[t] += f64::from(d);
                    mins.push(d);
                }
            }
            (mins, pots)
        });
        let mut pots = vec![0.0f64; trials];
        for p in &parts {
            for (t, v) in p.1.iter().enumerate() {
                pots[t] += v;
            }
        }
        let best = (0..trials)
            .min_by(|&a, &b| pots[a].total_cmp(&pots[b]).then(a.cmp(&b)))
            .unwrap_or(0);
        pot = pots[best];
        for (chunk, (mins, _)) in closest.chunks_mut(len).zip(&parts) {
            for (c, m) in chunk.iter_mut().zip(mins.chunks_exact(trials)) {
                *c = m[best];
            }
        }
        centers.extend_from_slice(points.row(candidates[best]));
    }
    centers
}

/// Per-cluster sums of rows, of squared norms, and counts (or their changes).
#[derive(Clone)]
struct Stats {
    sums: Vec<f64>,
    sq: Vec<f64>,
    counts: Vec<i64>,
    dim: usize,
}

impl Stats {
    fn new(k: usize, dim: usize) -> Stats {
        Stats {
            sums: vec![0.0; k * dim],
            sq: vec![0.0; k],
            counts: vec![0; k],
            dim,
        }
    }

    fn add(&mut self, c: usize, x: &[f32], sign: f64) {
        let s = &mut self.sums[c * self.dim..(c + 1) * self.dim];
        for (s, &v) in s.iter_mut().zip(x) {
            *s += sign * f64::from(v);
        }
        self.sq[c] += sign * sq_norm(x);
        self.counts[c] += sign as i64;
    }

    fn merge(&mut self, other: &Stats) {
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        for (a, b) in self.sq.iter_mut().zip(&other.sq) {
            *a += b;
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    /// The inertia of the assignment these sums describe, to `centers`.
    fn inertia(&self, centers: &[f32]) -> f64 {
        let mut total = 0.0;
        for (c, center) in centers.chunks_exact(self.dim).enumerate() {
            let s = &self.sums[c * self.dim..(c + 1) * self.dim];
            let dot: f64 = s.iter().zip(center).map(|(a, &b)| a * f64::from(b)).sum();
            total += self.sq[c] - 2.0 * dot + self.counts[c] as f64 * sq_norm(center);
        }
        total.max(0.0)
    }
}

/// Nearest and second-nearest centroid: (index, distance, second distance).
#[inline]
fn nearest_two(x: &[f32], xn: f32, centers: &[f32], cnorms: &[f32]) -> (usize, f32, f32) {
    let dim = x.len();
    let (mut best, mut d1, mut d2) = (0, f32::INFINITY, f32::INFINITY);
    for (c, center) in centers.chunks_exact(dim).enumerate() {
        let d = sq_dist_norms(x, xn, center, cnorms[c]);
        if d < d1 {
            d2 = d1;
            d1 = d;
            best = c;
        } else if d < d2 {
            d2 = d;
        }
    }
    (best, d1.sqrt(), d2.sqrt())
}

/// How far the centroids moved, for the bounds.
struct Moves {
    shift: Vec<f32>,
    /// The largest shift, its cluster, and the largest of the others.
    max: f32,
    argmax: usize,
    second: f32,
}

impl Moves {
    fn none(k: usize) -> Moves {
        Moves {
            shift: vec![0.0; k],
            max: 0.0,
            argmax: 0,
            second: 0.0,
        }
    }

    fn between(old: &[f32], new: &[f32], dim: usize) -> Moves {
        let shift: Vec<f32> = old
            .chunks_exact(dim)
            .zip(new.chunks_exact(dim))
            .map(|(a, b)| sq_dist(a, b).sqrt())
            .collect();
        let mut m = Moves::none(shift.len());
        for (c, &s) in shift.iter().enumerate() {
            if s > m.max {
                m.second = m.max;
                m.max = s;
                m.argmax = c;
            } else if s > m.second {
                m.second = s;
            }
        }
        m.shift = shift;
        m
    }
}

/// Half the distance from each centroid to its nearest other centroid.
fn half_separation(centers: &[f32], dim: usize) -> Vec<f32> {
    let k = centers.len() / dim;
    (0..k)
        .map(|a| {
            (0..k)
                .filter(|&b| b != a)
                .map(|b| {
                    sq_dist(
                        &centers[a * dim..(a + 1) * dim],
                        &centers[b * dim..(b + 1) * dim],
                    )
                })
                .fold(f32::INFINITY, f32::min)
                .sqrt()
                * 0.5
        })
        .collect()
}

/// Lloyd's k-means with k-means++ seeding (see the module's documentation).
///
/// # Panics
/// When `opts.k` is 0 or greater than the number of rows.
pub fn kmeans(points: Points<'_>, opts: &KMeansOptions) -> KMeans {
    let n = points.len();
    let dim = points.dim;
    let k = opts.k;
    assert!(
        k >= 1 && k <= n,
        "k = {k} must be between 1 and the {n} rows"
    );
    let threads = resolve_threads(opts.threads, n);
    let len = chunk_len(n, threads);
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let norms = sq_norms(points.data, dim);
    let norms = &norms[..];
    let mut centers = seed_centers(points, norms, k, &mut rng, threads);

    let mut labels = vec![0u32; n];
    let mut upper = vec![0.0f32; n];
    let mut lower = vec![0.0f32; n];
    let mut stats = Stats::new(k, dim);
    let mut moves = Moves::none(k);
    let mut previous = f64::INFINITY;
    let mut iterations = 0;
    let mut settled = false;
    for iter in 0..opts.max_iter.max(1) {
        iterations = iter + 1;
        let full = iter == 0;
        let half = half_separation(&centers, dim);
        let cnorms = sq_norms(&centers, dim);
        let (centers_ref, half, moves_ref, cnorms) = (&centers, &half, &moves, &cnorms);
        // Assignment: each chunk of rows on its own thread, returning its stat changes.
        let parts: Vec<(Stats, usize)> = std::thread::scope(|s| {
            let handles: Vec<_> = labels
                .chunks_mut(len)
                .zip(upper.chunks_mut(len))
                .zip(lower.chunks_mut(len))
                .enumerate()
                .map(|(chunk, ((labels, upper), lower))| {
                    let start = chunk * len;
                    let work = move || {
                        let mut delta = Stats::new(k, dim);
                        let mut moved = 0;
                        for j in 0..labels.len() {
                            let x = points.row(start + j);
                            if full {
                                let (c, d1, d2) =
                                    nearest_two(x, norms[start + j], centers_ref, cnorms);
                                labels[j] = c as u32;
                                upper[j] = d1;
                                lower[j] = d2;
                                delta.add(c, x, 1.0);
                                moved += 1;
                                continue;
                            }
                            let a = labels[j] as usize;
                            upper[j] += moves_ref.shift[a];
                            lower[j] -= if a == moves_ref.argmax {
                                moves_ref.second
                            } else {
                                moves_ref.max
                            };
                            let m = half[a].max(lower[j]);
                            if upper[j] <= m {
                                continue;
                            }
                            upper[j] = sq_dist(x, &centers_ref[a * dim..(a + 1) * dim]).sqrt();
                            if upper[j] <= m {
                                continue;
                            }
                            let (c, d1, d2) = nearest_two(x, norms[start + j], centers_ref, cnorms);
                            upper[j] = d1;
                            lower[j] = d2;
                            if c != a {
                                labels[j] = c as u32;
                                delta.add(a, x, -1.0);
                                delta.add(c, x, 1.0);
                                moved += 1;
                            }
                        }
                        (delta, moved)
                    };
                    s.spawn(work)
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut moved = 0;
        for (delta, m) in &parts {
            stats.merge(delta);
            moved += m;
        }
        if moved == 0 {
            settled = true;
            break;
        }
        let inertia = stats.inertia(&centers);

        // Update: each centroid to the mean of its rows; empty clusters re-seeded.
        let old = centers.clone();
        update_centers(&mut centers, &stats, dim);
        let empty: Vec<usize> = (0..k).filter(|&c| stats.counts[c] == 0).collect();
        if !empty.is_empty() {
            let reseeded = reseed(
                points,
                &mut centers,
                &mut stats,
                &mut labels,
                &empty,
                threads,
            );
            for i in reseeded {
                // The row is its centroid now; 0 is exact, and the lower bound forces a check.
                upper[i] = 0.0;
                lower[i] = f32::NEG_INFINITY;
            }
            update_centers(&mut centers, &stats, dim);
        }
        moves = Moves::between(&old, &centers, dim);

        let converged =
            previous.is_finite() && (previous - inertia).abs() <= opts.tol * inertia.abs();
        previous = inertia;
        if converged {
            break;
        }
    }

    // The final inertia: exact distances, after a last assignment unless nothing moved.
    let (labels_ref, centers_ref) = (&labels, &centers);
    let cnorms = sq_norms(&centers, dim);
    let parts = par_rows(n, threads, |r| {
        let mut inertia = 0.0f64;
        let mut out = Vec::with_capacity(if settled { 0 } else { r.len() });
        for i in r {
            let x = points.row(i);
            if settled {
                let a = labels_ref[i] as usize;
                inertia += f64::from(sq_dist(x, &centers_ref[a * dim..(a + 1) * dim]));
            } else {
                let (c, _, _) = nearest_two(x, norms[i], centers_ref, &cnorms);
                out.push(c as u32);
                inertia += f64::from(sq_dist(x, &centers_ref[c * dim..(c + 1) * dim]));
            }
        }
        (out, inertia)
    });
    let inertia = parts.iter().map(|p| p.1).sum();
    if !settled {
        labels = parts.into_iter().flat_map(|p| p.0).collect();
    }
    KMeans {
        centroids: centers,
        labels,
        inertia,
        iterations,
    }
}

fn update_centers(centers: &mut [f32], stats: &Stats, dim: usize) {
    for (c, center) in centers.chunks_exact_mut(dim).enumerate() {
        let n = stats.counts[c];
        if n > 0 {
            let s = &stats.sums[c * dim..(c + 1) * dim];
            for (v, &sum) in center.iter_mut().zip(s) {
                *v = (sum / n as f64) as f32;
            }
        }
    }
}

/// Gives each empty cluster the row farthest from its (updated) centroid, among clusters of
/// at least two rows; returns the rows moved.
fn reseed(
    points: Points<'_>,
    centers: &mut [f32],
    stats: &mut Stats,
    labels: &mut [u32],
    empty: &[usize],
    threads: usize,
) -> Vec<usize> {
    let dim = points.dim;
    let n = points.len();
    let (labels_ref, centers_ref) = (&*labels, &*centers);
    let dist: Vec<f32> = par_rows(n, threads, |r| {
        r.map(|i| {
            let a = labels_ref[i] as usize;
            sq_dist(points.row(i), &centers_ref[a * dim..(a + 1) * dim])
        })
        .collect::<Vec<f32>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| dist[b].total_cmp(&dist[a]).then(a.cmp(&b)));
    let mut moved = Vec::new();
    let mut candidates = order.into_iter();
    for &c in empty {
        for i in candidates.by_ref() {
            let a = labels[i] as usize;
            if stats.counts[a] > 1 {
                let x = points.row(i);
                stats.add(a, x, -1.0);
                stats.add(c, x, 1.0);
                labels[i] = c as u32;
                centers[c * dim..(c + 1) * dim].copy_from_slice(x);
                moved.push(i);
                break;
            }
        }
    }
    moved
}

/// Picks `k` in `ks` by the mean silhouette on a sample, and returns that run and, for every
/// `k` tried in order, `(k, inertia, silhouette)`.
///
/// The inertia always falls as `k` grows, so it cannot choose `k` by itself (an "elbow" is a
/// judgement call); the silhouette, `(b − a) / max(a, b)` with `a` a row's mean distance to
/// its own cluster and `b` to the nearest other cluster, peaks where clusters are both tight
/// and apart. It is computed on at most `sample` rows drawn without replacement
/// (`ChaCha8Rng` seeded with `seed`), the same rows for every `k`, with each row's label from
/// the run on all rows: the exact silhouette costs n² distances. Each `k` runs [`kmeans`]
/// with `seed` and the default options. Ties go to the smaller `k`. `k` below 2 is skipped
/// (the silhouette needs two clusters), as is `k` above the number of rows.
///
/// # Panics
/// When no `k` in `ks` can be tried.
pub fn choose_k(
    points: Points<'_>,
    ks: RangeInclusive<usize>,
    sample: usize,
    seed: u64,
) -> (KMeans, Vec<(usize, f64, f64)>) {
    let n = points.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let m = sample.min(n);
    let mut rows = rand::seq::index::sample(&mut rng, n, m).into_vec();
    rows.sort_unstable();
    // Pairwise distances among the sampled rows, once for every k.
    let mut dist = vec![0.0f32; m * m];
    for a in 0..m {
        for b in a + 1..m {
            let d = sq_dist(points.row(rows[a]), points.row(rows[b])).sqrt();
            dist[a * m + b] = d;
            dist[b * m + a] = d;
        }
    }
    let mut best: Option<(f64, KMeans)> = None;
    let mut scores = Vec::new();
    for k in ks.filter(|&k| k >= 2 && k <= n) {
        let run = kmeans(points, &KMeansOptions::new(k, seed));
        let labels: Vec<u32> = rows.iter().map(|&i| run.labels[i]).collect();
        let s = silhouette(&dist, &labels, k);
        scores.push((k, run.inertia, s));
        if best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, run));
        }
    }
    let (_, run) = best.expect("at least one k between 2 and the number of rows");
    (run, scores)
}

/// Mean silhouette of `labels` given their pairwise distances (m × m).
fn silhouette(dist: &[f32], labels: &[u32], k: usize) -> f64 {
    let m = labels.len();
    if m == 0 {
        return 0.0;
    }
    let mut counts = vec![0usize; k];
    for &l in labels {
        counts[l as usize] += 1;
    }
    let mut total = 0.0;
    let mut sums = vec![0.0f64; k];
    for i in 0..m {
        sums.iter_mut().for_each(|s| *s = 0.0);
        for (j, &l) in labels.iter().enumerate() {
            sums[l as usize] += f64::from(dist[i * m + j]);
        }
        let own = labels[i] as usize;
        if counts[own] < 2 {
            continue;
        }
        let a = sums[own] / (counts[own] - 1) as f64;
        let b = (0..k)
            .filter(|&c| c != own && counts[c] > 0)
            .map(|c| sums[c] / counts[c] as f64)
            .fold(f64::INFINITY, f64::min);
        if b.is_finite() && a.max(b) > 0.0 {
            total += (b - a) / a.max(b);
        }
    }
    total / m as f64
}

/// The adjusted Rand index of two labelings of the same items: 1 for identical partitions
/// (whatever the label numbers), about 0 for random ones (it can be negative). Where the
/// index is undefined (one cluster on both sides, or every item alone on both) it is 1.
///
/// # Panics
/// When the labelings differ in length.
pub fn adjusted_rand_index(a: &[u32], b: &[u32]) -> f64 {
    assert_eq!(a.len(), b.len(), "labelings of different lengths");
    let n = a.len();
    if n < 2 {
        return 1.0;
    }
    let ka = a.iter().copied().max().unwrap_or(0) as usize + 1;
    let kb = b.iter().copied().max().unwrap_or(0) as usize + 1;
    let pairs = |x: u64| (x * x.saturating_sub(1) / 2) as f64;
    let (index, sum_a, sum_b) = if ka.saturating_mul(kb) <= 1 << 22 {
        let mut table = vec![0u64; ka * kb];
        for (&x, &y) in a.iter().zip(b) {
            table[x as usize * kb + y as usize] += 1;
        }
        let mut rows = vec![0u64; ka];
        let mut cols = vec![0u64; kb];
        for x in 0..ka {
            for y in 0..kb {
                rows[x] += table[x * kb + y];
                cols[y] += table[x * kb + y];
            }
        }
        (
            table.iter().map(|&v| pairs(v)).sum::<f64>(),
            rows.iter().map(|&v| pairs(v)).sum::<f64>(),
            cols.iter().map(|&v| pairs(v)).sum::<f64>(),
        )
    } else {
        let mut table = std::collections::HashMap::new();
        let mut rows = std::collections::HashMap::new();
        let mut cols = std::collections::HashMap::new();
        for (&x, &y) in a.iter().zip(b) {
            *table.entry((x, y)).or_insert(0u64) += 1;
            *rows.entry(x).or_insert(0u64) += 1;
            *cols.entry(y).or_insert(0u64) += 1;
        }
        let sum = |m: &dyn Fn() -> Vec<u64>| m().into_iter().map(pairs).sum::<f64>();
        (
            sum(&|| table.values().copied().collect()),
            sum(&|| rows.values().copied().collect()),
            sum(&|| cols.values().copied().collect()),
        )
    };
    let expected = sum_a * sum_b / pairs(n as u64);
    let max = (sum_a + sum_b) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sq_dist_matches_a_plain_sum() {
        let a: Vec<f32> = (0..19).map(|i| i as f32 * 0.5).collect();
        let b: Vec<f32> = (0..19).map(|i| (i * i) as f32 * 0.1).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| (x - y) * (x - y)).sum();
        assert!((sq_dist(&a, &b) - plain).abs() <= plain * 1e-6);
    }

    #[test]
    fn normalized_rows_have_unit_length_and_zero_rows_stay_zero() {
        let mut data = vec![3.0, 4.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0];
        normalize_rows(&mut data, 3);
        assert_eq!(&data[..3], &[0.6, 0.8, 0.0]);
        assert_eq!(&data[3..6], &[0.0, 0.0, 0.0]);
        assert_eq!(&data[6..], &[-1.0, 0.0, 0.0]);
    }

    #[test]
    fn stats_inertia_is_the_sum_of_squared_distances() {
        let rows = [[1.0f32, 2.0], [3.0, 0.0], [-1.0, 1.0]];
        let mut s = Stats::new(1, 2);
        for r in &rows {
            s.add(0, r, 1.0);
        }
        let c = [0.5f32, 0.25];
        let direct: f64 = rows.iter().map(|r| f64::from(sq_dist(r, &c))).sum();
        assert!((s.inertia(&c) - direct).abs() < 1e-9);
    }
}
