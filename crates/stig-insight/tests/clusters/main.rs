//! `clusters`: k-means recovers known groups, is deterministic, never leaves a cluster empty;
//! the adjusted Rand index on hand-computed examples; `choose_k` finds the number of blobs.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use stig_insight::clusters::{
    KMeansOptions, Points, adjusted_rand_index, choose_k, kmeans, normalize_rows,
};

/// `per` points around each of `blobs` centres far apart in `dim` dimensions (centre b has
/// 6 in dimension b, and -6 in dimension b + 1), uniform noise of ±0.5; and the truth.
fn blobs(blobs: usize, per: usize, dim: usize, seed: u64) -> (Vec<f32>, Vec<u32>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut data = Vec::with_capacity(blobs * per * dim);
    let mut truth = Vec::with_capacity(blobs * per);
    // Interleaved, so that chunks per thread see every blob.
    for i in 0..blobs * per {
        let b = i % blobs;
        for d in 0..dim {
            let centre = if d == b {
                6.0
            } else if d == (b + 1) % dim {
                -6.0
            } else {
                0.0
            };
            data.push(centre + rng.random_range(-0.5f32..0.5));
        }
        truth.push(b as u32);
    }
    (data, truth)
}

fn opts(k: usize, seed: u64, threads: usize) -> KMeansOptions {
    KMeansOptions {
        threads,
        ..KMeansOptions::new(k, seed)
    }
}

#[test]
fn well_separated_blobs_are_recovered() {
    let (data, truth) = blobs(4, 150, 8, 1);
    let points = Points::new(&data, 8);
    for seed in 0..5 {
        for threads in [1, 2, 3] {
            let run = kmeans(points, &opts(4, seed, threads));
            assert_eq!(
                adjusted_rand_index(&run.labels, &truth),
                1.0,
                "seed {seed}, {threads} threads"
            );
            assert!(run.iterations >= 1 && run.iterations <= 100);
            assert_eq!(run.centroids.len(), 4 * 8);
            // The inertia is the sum of squared distances to the assigned centroids, and
            // every row is at its nearest centroid.
            let mut direct = 0.0f64;
            for (i, row) in data.chunks_exact(8).enumerate() {
                let d: Vec<f64> = run
                    .centroids
                    .chunks_exact(8)
                    .map(|c| {
                        row.iter()
                            .zip(c)
                            .map(|(a, b)| f64::from(a - b).powi(2))
                            .sum()
                    })
                    .collect();
                let own = d[run.labels[i] as usize];
                assert!(
                    d.iter().all(|&o| own <= o + 1e-4),
                    "row {i} not at its nearest"
                );
                direct += own;
            }
            assert!(
                (run.inertia - direct).abs() <= 1e-4 * direct,
                "{} vs {direct}",
                run.inertia
            );
        }
    }
}

#[test]
fn the_same_seed_and_threads_give_the_same_clustering() {
    // Overlapping clusters, where the outcome depends on every detail.
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let mut data: Vec<f32> = (0..3000 * 16)
        .map(|_| {
            if rng.random_bool(0.2) {
                rng.random_range(-1.0f32..1.0)
            } else {
                0.0
            }
        })
        .collect();
    normalize_rows(&mut data, 16);
    let points = Points::new(&data, 16);
    for threads in [1, 2, 4] {
        let a = kmeans(points, &opts(7, 3, threads));
        let b = kmeans(points, &opts(7, 3, threads));
        assert_eq!(a, b, "{threads} threads");
        assert!(a.inertia.is_finite() && a.inertia > 0.0);
    }
    let other = kmeans(points, &opts(7, 4, 2));
    assert_ne!(other.labels, kmeans(points, &opts(7, 3, 2)).labels);
}

#[test]
fn empty_clusters_are_reseeded_from_the_farthest_point() {
    // Three identical rows and one other: after the first two centres every row has zero
    // potential, so k-means++ repeats a centre and its cluster starts empty; the farthest
    // row of a cluster with more than one row must fill it.
    let data = [0.0f32, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 5.0];
    let points = Points::new(&data, 2);
    for seed in 0..20 {
        for threads in [1, 2] {
            let run = kmeans(points, &opts(3, seed, threads));
            let sizes = run.sizes(3);
            assert!(sizes.iter().all(|&s| s > 0), "seed {seed}: sizes {sizes:?}");
            assert_eq!(run.inertia, 0.0, "seed {seed}");
        }
    }
    // The same on larger data: more clusters than distinct rows.
    let mut data = Vec::new();
    for i in 0..200 {
        data.extend_from_slice(&[(i % 3) as f32, 1.0]);
    }
    let run = kmeans(Points::new(&data, 2), &opts(5, 1, 2));
    assert!(run.sizes(5).iter().all(|&s| s > 0), "{:?}", run.sizes(5));
    assert_eq!(run.inertia, 0.0);
}

#[test]
fn zero_rows_and_sparse_rows_are_handled() {
    let mut data = vec![0.0f32; 40 * 6];
    for i in 0..20 {
        data[i * 6 + i % 3] = 2.0;
    }
    normalize_rows(&mut data, 6);
    assert!(data[20 * 6..].iter().all(|&v| v == 0.0));
    let run = kmeans(Points::new(&data, 6), &opts(4, 0, 2));
    assert!(run.inertia.abs() < 1e-6, "{}", run.inertia);
    assert_eq!(run.labels.len(), 40);
}

#[test]
fn adjusted_rand_index_known_values() {
    let a = [0, 0, 1, 1, 2, 2, 2];
    assert_eq!(adjusted_rand_index(&a, &a), 1.0);
    // Renaming clusters changes nothing.
    assert_eq!(adjusted_rand_index(&a, &[5, 5, 3, 3, 0, 0, 0]), 1.0);
    // By hand: pairs together in both 1, in the first 1, in the second 2, of 6:
    // expected 1·2/6 = 1/3, max (1 + 2)/2 = 3/2, ARI = (1 − 1/3)/(3/2 − 1/3) = 4/7
    // (scikit-learn's documented 0.57).
    let v = adjusted_rand_index(&[0, 0, 1, 2], &[0, 0, 1, 1]);
    assert!((v - 4.0 / 7.0).abs() < 1e-12, "{v}");
    // Crossed halves: no pair agrees; expected 2·2/6, max 2: (0 − 2/3)/(2 − 2/3) = −1/2.
    let v = adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]);
    assert!((v + 0.5).abs() < 1e-12, "{v}");
    // Everything in one cluster against everything apart: 0.
    assert_eq!(adjusted_rand_index(&[0, 0, 0, 0], &[0, 1, 2, 3]), 0.0);
    // Symmetric.
    let (x, y) = ([0, 1, 1, 2, 2, 0, 1, 3], [1, 1, 0, 2, 2, 2, 0, 0]);
    assert_eq!(adjusted_rand_index(&x, &y), adjusted_rand_index(&y, &x));
}

#[test]
fn choose_k_finds_four_blobs() {
    let (data, truth) = blobs(4, 100, 8, 7);
    let (run, scores) = choose_k(Points::new(&data, 8), 2..=8, 300, 11);
    let ks: Vec<usize> = scores.iter().map(|s| s.0).collect();
    assert_eq!(ks, (2..=8).collect::<Vec<_>>());
    let best = scores
        .iter()
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .expect("scores");
    assert_eq!(best.0, 4, "{scores:?}");
    assert_eq!(run.sizes(4).len(), 4);
    assert_eq!(adjusted_rand_index(&run.labels, &truth), 1.0);
    // Inertia falls with k; the silhouette is in [−1, 1].
    for w in scores.windows(2) {
        assert!(w[1].1 <= w[0].1 * 1.000_001, "{scores:?}");
    }
    assert!(scores.iter().all(|s| (-1.0..=1.0).contains(&s.2)));
}
