//! `stig bench personas`: persona discovery (k-means) on a million customers × 64 tags, next
//! to scikit-learn's `KMeans` on the same matrix with the same k, in the same run.
//!
//! The matrix is generated here (seeded): `--customers` rows of 64 tag preferences from 8
//! latent types of uneven size, each type loving 6 tags and hating 4 (drawn at random, so
//! types may share tags); a customer shows each of their type's loves with probability 0.55
//! (value 0.5…1) and each hate with probability 0.45 (−1…−0.5), plus 0–3 noise tags of either
//! sign (±0.1…0.6); rows are L2-normalised ([`clusters::normalize_rows`]). It is written to
//! `target/bench-personas/matrix.npy` (float32, C order; the latent types to `types.npy`), so
//! numpy maps it with `np.load` and both sides cluster exactly the same numbers.
//!
//! Both sides: k = 8, the best (lowest inertia) of 3 k-means++ initialisations (scikit-learn's
//! `n_init=3`; ours seeds `--seed`, `--seed`+1, `--seed`+2; scikit-learn's seeding is greedy
//! k-means++ like ours). With one initialisation each, which side wins on inertia is k-means++
//! luck (the 8 types overlap; local optima differ by up to 10 % in inertia, on both sides), so
//! both get the same number of tries. At most 100 Lloyd iterations per try, tol 1e-4, seed `--seed`, all cores
//! (scikit-learn's default OpenMP threads; ours `available_parallelism`). The tolerances are
//! not the same quantity: ours stops when the inertia falls by at most 1e-4 of itself in an
//! iteration, scikit-learn's when the centroids' total squared shift is at most 1e-4 × the
//! mean feature variance (or no label changed); each side's iteration count is printed. Each
//! fit is timed whole (seeding included), median of 3. scikit-learn (PyPI
//! `scikit-learn numpy`, in a venv made in `target/py-sklearn` when missing) runs
//! `benches-py/personas_sklearn.py`, which also recomputes its inertia in float64 and the
//! adjusted Rand indexes with `sklearn.metrics.adjusted_rand_score`, a check on ours.
//!
//! Targets: at least 2× scikit-learn's speed at an inertia at most 1.001 × its inertia.
//! [`clusters::choose_k`] (k from the data) is shown on a sample, untimed against
//! scikit-learn: it is not part of the comparison.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use stig_insight::clusters::{self, KMeansOptions, Points};

use super::bench::{Figure, Report, machine, round};

/// `stig bench personas`'s options.
pub struct Options {
    pub customers: usize,
    pub seed: u64,
}

const TAGS: usize = 64;
const TYPES: usize = 8;
/// Latent types' shares of customers.
const SHARES: [f64; TYPES] = [0.22, 0.18, 0.15, 0.12, 0.11, 0.09, 0.07, 0.06];
const LOVES: usize = 6;
const HATES: usize = 4;
const K: usize = 8;
const MAX_ITER: usize = 100;
const TOL: f64 = 1e-4;
/// k-means++ initialisations on each side; the lowest inertia is kept.
const N_INIT: usize = 3;
/// Fits timed on each side; the median is reported.
const REPS: usize = 3;
/// Targets.
const SPEEDUP: f64 = 2.0;
const INERTIA_SLACK: f64 = 1.001;
/// `choose_k`: rows clustered, k range, silhouette sample.
const CHOOSE_ROWS: usize = 50_000;
const CHOOSE_SAMPLE: usize = 1_000;
const SCRIPT: &str = include_str!("../../benches-py/personas_sklearn.py");

/// The workspace root (`target/` lives there).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn run(opts: &Options) -> anyhow::Result<Report> {
    anyhow::ensure!(
        opts.customers >= K,
        "--customers must be at least {K}, got {}",
        opts.customers
    );
    let dir = root().join("target/bench-personas");
    std::fs::create_dir_all(&dir)?;
    // Ready scikit-learn first: without it there is nothing to compare with.
    let python = super::bench::python_venv(
        "py-sklearn",
        "sklearn, numpy, threadpoolctl",
        &["scikit-learn", "numpy"],
        "scikit-learn",
    )?;

    let start = Instant::now();
    let (data, types) = matrix(opts.customers, opts.seed);
    let generation = start.elapsed();
    let paths = |name: &str| dir.join(name);
    write_npy_f32(&paths("matrix.npy"), &data, &[opts.customers, TAGS])?;
    write_npy_u32(&paths("types.npy"), &types)?;
    let points = Points::new(&data, TAGS);

    // Stig.
    let kopts = KMeansOptions {
        k: K,
        max_iter: MAX_ITER,
        tol: TOL,
        seed: opts.seed,
        threads: 0,
    };
    let mut times = Vec::with_capacity(REPS);
    let mut ours = None;
    for _ in 0..REPS {
        let start = Instant::now();
        let run = (0..N_INIT as u64)
            .map(|i| {
                clusters::kmeans(
                    points,
                    &KMeansOptions {
                        seed: opts.seed.wrapping_add(i),
                        ..kopts.clone()
                    },
                )
            })
            .min_by(|a, b| a.inertia.total_cmp(&b.inertia))
            .expect("N_INIT > 0");
        let run = std::hint::black_box(run);
        times.push(start.elapsed());
        ours = Some(run);
    }
    let ours = ours.expect("REPS > 0");
    let ours_s = median(&mut times).as_secs_f64();
    write_npy_u32(&paths("stig_labels.npy"), &ours.labels)?;
    let peak_before_python = super::bench::peak_rss_mb();

    // scikit-learn.
    let params = json!({
        "matrix": paths("matrix.npy"),
        "types": paths("types.npy"),
        "stig_labels": paths("stig_labels.npy"),
        "sklearn_labels": paths("sklearn_labels.npy"),
        "k": K,
        "max_iter": MAX_ITER,
        "tol": TOL,
        "seed": opts.seed,
        "reps": REPS,
        "n_init": N_INIT,
    });
    let params_path = paths("params.json");
    std::fs::write(&params_path, serde_json::to_vec_pretty(&params)?)?;
    let script = paths("personas_sklearn.py");
    std::fs::write(&script, SCRIPT)?;
    let out = Command::new(&python)
        .arg(&script)
        .arg(&params_path)
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "the scikit-learn script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sk: Value = serde_json::from_slice(&out.stdout)?;
    let num = |key: &str| sk[key].as_f64().unwrap_or(f64::NAN);
    let theirs_labels = read_npy_labels(&paths("sklearn_labels.npy"))?;
    anyhow::ensure!(
        theirs_labels.len() == opts.customers,
        "scikit-learn returned {} labels for {} customers",
        theirs_labels.len(),
        opts.customers
    );

    // Agreement.
    let ari_both = clusters::adjusted_rand_index(&ours.labels, &theirs_labels);
    let ari_ours = clusters::adjusted_rand_index(&ours.labels, &types);
    let ari_theirs = clusters::adjusted_rand_index(&theirs_labels, &types);
    let ari_check = [
        (ari_both, num("ari_stig_sklearn")),
        (ari_ours, num("ari_stig_types")),
        (ari_theirs, num("ari_sklearn_types")),
    ]
    .iter()
    .map(|(a, b)| (a - b).abs())
    .fold(0.0, f64::max);

    // Discovery: k from the data, on a sample (not part of the comparison).
    let rows = opts.customers.min(CHOOSE_ROWS);
    let start = Instant::now();
    let (chosen, scores) = clusters::choose_k(
        Points::new(&data[..rows * TAGS], TAGS),
        2..=12,
        CHOOSE_SAMPLE,
        opts.seed,
    );
    let choose_s = start.elapsed().as_secs_f64();
    let chosen_k = chosen.centroids.len() / TAGS;
    let silhouettes = scores
        .iter()
        .map(|(k, _, s)| format!("{k}:{s:.3}"))
        .collect::<Vec<_>>()
        .join(" ");
    eprintln!("choose_k on {rows} rows (silhouette per k): {silhouettes}; chosen k = {chosen_k}");

    let theirs_s = num("seconds");
    let theirs_inertia = num("inertia");
    let ratio = theirs_s / ours_s;
    let inertia_ok = ours.inertia <= theirs_inertia * INERTIA_SLACK;
    let vs = format!(
        "scikit-learn {} KMeans(n_clusters={K}, n_init={N_INIT}, max_iter={MAX_ITER}, tol={TOL}, \
         algorithm=\"lloyd\", random_state={}) on {} OpenMP threads; Stig best of {N_INIT} seeds; same matrix \
         (.npy, float32), whole fit timed, median of {REPS}, same run",
        sk["version"].as_str().unwrap_or("?"),
        opts.seed,
        sk["threads"].as_i64().unwrap_or(0)
    );
    let figures = vec![
        plain(
            format!("customers × {TAGS} tags ({TYPES} latent types)"),
            opts.customers as f64,
            "rows",
        ),
        plain(
            "matrix generation (seeded, L2-normalised)".into(),
            generation.as_secs_f64(),
            "s",
        ),
        Figure {
            metric: format!("k-means k={K} (≥{SPEEDUP}×: {})", pass(ratio >= SPEEDUP)),
            value: round(ours_s),
            unit: "s",
            reference: Some(vs.clone()),
            reference_value: Some(round(theirs_s)),
            ratio: Some(round(ratio)),
        },
        Figure {
            metric: format!(
                "inertia (≤{INERTIA_SLACK}× scikit-learn: {})",
                pass(inertia_ok)
            ),
            value: round(ours.inertia),
            unit: "",
            reference: Some(vs.clone()),
            reference_value: Some(round(theirs_inertia)),
            ratio: Some(round(theirs_inertia / ours.inertia)),
        },
        Figure {
            metric: "Lloyd iterations (kept run)".into(),
            value: ours.iterations as f64,
            unit: "",
            reference: Some(vs),
            reference_value: Some(num("n_iter")),
            ratio: None,
        },
        plain(
            "scikit-learn's own inertia_ (float32 sum)".into(),
            num("inertia_sklearn"),
            "",
        ),
        plain("ARI Stig vs scikit-learn".into(), ari_both, ""),
        plain("ARI Stig vs latent types".into(), ari_ours, ""),
        plain("ARI scikit-learn vs latent types".into(), ari_theirs, ""),
        plain(
            "ARI check: max |Stig − sklearn.metrics|".into(),
            ari_check,
            "",
        ),
        plain("peak memory Stig (VmHWM)".into(), peak_before_python, "MB"),
        plain(
            "peak memory scikit-learn process (maxrss)".into(),
            num("peak_mb"),
            "MB",
        ),
        plain(
            format!("choose_k 2..=12 on {rows} rows (untimed vs sklearn): k"),
            chosen_k as f64,
            "k",
        ),
        plain(format!("choose_k 2..=12 on {rows} rows"), choose_s, "s"),
    ];
    Ok(Report {
        bench: "personas",
        machine: machine(),
        figures,
    })
}

fn plain(metric: String, value: f64, unit: &'static str) -> Figure {
    Figure {
        metric,
        value: if value.is_finite() {
            (value * 1e6).round() / 1e6
        } else {
            value
        },
        unit,
        reference: None,
        reference_value: None,
        ratio: None,
    }
}

fn pass(ok: bool) -> &'static str {
    if ok { "pass" } else { "FAIL" }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// SplitMix64: a small seeded generator (this crate does not depend on `rand`).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range_f32(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit() as f32
    }

    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
}

/// The synthetic preference matrix (customers × [`TAGS`], rows L2-normalised) and each
/// customer's latent type.
fn matrix(customers: usize, seed: u64) -> (Vec<f32>, Vec<u32>) {
    let mut rng = SplitMix(seed);
    let profiles: Vec<(Vec<usize>, Vec<usize>)> = (0..TYPES)
        .map(|_| {
            // A partial Fisher–Yates shuffle: the first LOVES + HATES of a permutation.
            let mut tags: Vec<usize> = (0..TAGS).collect();
            for i in 0..LOVES + HATES {
                let j = i + rng.below(TAGS - i);
                tags.swap(i, j);
            }
            (tags[..LOVES].to_vec(), tags[LOVES..LOVES + HATES].to_vec())
        })
        .collect();
    let mut cumulative = SHARES;
    for i in 1..TYPES {
        cumulative[i] += cumulative[i - 1];
    }
    let mut data = vec![0.0f32; customers * TAGS];
    let mut types = Vec::with_capacity(customers);
    for row in data.chunks_exact_mut(TAGS) {
        let u = rng.unit() * cumulative[TYPES - 1];
        let t = cumulative.iter().position(|&c| u < c).unwrap_or(TYPES - 1);
        types.push(t as u32);
        let (loves, hates) = &profiles[t];
        for &tag in loves {
            if rng.unit() < 0.55 {
                row[tag] = rng.range_f32(0.5, 1.0);
            }
        }
        for &tag in hates {
            if rng.unit() < 0.45 {
                row[tag] = -rng.range_f32(0.5, 1.0);
            }
        }
        for _ in 0..rng.below(4) {
            let tag = rng.below(TAGS);
            let v = rng.range_f32(0.1, 0.6);
            row[tag] += if rng.unit() < 0.5 { v } else { -v };
        }
    }
    clusters::normalize_rows(&mut data, TAGS);
    (data, types)
}

/// A `.npy` file (format 1.0): magic, version, header dict padded to 64 bytes, data.
fn write_npy(path: &Path, descr: &str, shape: &[usize], data: &[[u8; 4]]) -> anyhow::Result<()> {
    let shape = match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    // 6 magic + 2 version + 2 length bytes; the header ends in '\n' at a 64-byte boundary.
    let total = (10 + header.len() + 1).div_ceil(64) * 64;
    header.push_str(&" ".repeat(total - 10 - header.len() - 1));
    header.push('\n');
    let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    f.write_all(b"\x93NUMPY\x01\x00")?;
    f.write_all(&u16::try_from(header.len())?.to_le_bytes())?;
    f.write_all(header.as_bytes())?;
    for chunk in data.chunks(1 << 16) {
        f.write_all(chunk.as_flattened())?;
    }
    f.flush()?;
    Ok(())
}

fn write_npy_f32(path: &Path, data: &[f32], shape: &[usize]) -> anyhow::Result<()> {
    let bytes: Vec<[u8; 4]> = data.iter().map(|v| v.to_le_bytes()).collect();
    write_npy(path, "<f4", shape, &bytes)
}

fn write_npy_u32(path: &Path, data: &[u32]) -> anyhow::Result<()> {
    let bytes: Vec<[u8; 4]> = data.iter().map(|v| v.to_le_bytes()).collect();
    write_npy(path, "<u4", &[data.len()], &bytes)
}

/// Labels from a 1-D `.npy` of `<i4`, `<u4` or `<i8` (what the script writes: `<i4`).
fn read_npy_labels(path: &Path) -> anyhow::Result<Vec<u32>> {
    let bytes = std::fs::read(path)?;
    anyhow::ensure!(
        bytes.len() >= 10 && &bytes[..6] == b"\x93NUMPY",
        "{} is not a .npy file",
        path.display()
    );
    let (len, at) = match bytes[6] {
        1 => (usize::from(u16::from_le_bytes([bytes[8], bytes[9]])), 10),
        _ => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
    };
    let header = std::str::from_utf8(&bytes[at..at + len])?;
    let body = &bytes[at + len..];
    let label = |v: i64| u32::try_from(v).map_err(|_| anyhow::anyhow!("label {v} out of range"));
    if header.contains("'<i4'") {
        body.chunks_exact(4)
            .map(|c| label(i64::from(i32::from_le_bytes([c[0], c[1], c[2], c[3]]))))
            .collect()
    } else if header.contains("'<u4'") {
        Ok(body
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    } else if header.contains("'<i8'") {
        body.chunks_exact(8)
            .map(|c| label(i64::from_le_bytes(c.try_into().expect("8 bytes"))))
            .collect()
    } else {
        anyhow::bail!("{}: unexpected header {header}", path.display())
    }
}
