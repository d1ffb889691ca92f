//! Driver analysis: which touchpoints drive overall satisfaction, and by how much.
//!
//! Survey ratings of touchpoints are strongly correlated with each other (a passenger who likes
//! the signs tends to like the screens), so regression coefficients split the credit arbitrarily
//! between them. Johnson's (2000) relative weights instead split the model's R² into one
//! non-negative part per predictor that sums to R², which is what a CX team asks: "what share of
//! satisfaction does each touchpoint explain?".
//!
//! The method, the contract that `tests/drivers/johnson.py` reproduces independently:
//! 1. Predictors with fewer than `min_answers` answered values are dropped (listed in
//!    [`Drivers::dropped`]): their weight would be noise.
//! 2. A missing rating is replaced by that predictor's mean over the answered rows (mean
//!    imputation), so one unanswered question does not throw the respondent away.
//! 3. Johnson's weights: `R` = Pearson correlation matrix of the predictors, `r` = each
//!    predictor's correlation with the outcome. With `R = Q Λ Qᵀ` (symmetric eigen-decomposition,
//!    negative eigenvalues clamped to 0), `Λ½ = Q Λ^{1/2} Qᵀ` and `β = Q Λ^{-1/2} Qᵀ r`, where
//!    eigenvalues at or below `1e-12 · λ_max` count as 0 in `Λ^{-1/2}` (a pseudo-inverse, so
//!    perfectly collinear predictors do not blow up), the raw weight of predictor `j` is
//!    `Σ_k Λ½[j,k]² · β_k²`. The weights sum to the R² of the OLS regression of the outcome on
//!    the predictors. A predictor whose (imputed) variance is at most `1e-12 · max(1, mean²)`
//!    has no correlation to speak of: it is left out of `R` and gets weight 0.
//! 4. Uncertainty: the rows are resampled with replacement `bootstrap` times (ChaCha8, seeded),
//!    each resample imputed afresh (means over the resample's answered rows) with the same kept
//!    predictors, and the 2.5% and 97.5% percentiles (linear interpolation) of each predictor's
//!    share form its interval. Resamples whose outcome is constant are skipped.
//!
//! [`quadrants`] places each driver on the importance–performance matrix, and
//! [`emotional_share`] splits explained satisfaction into emotional and functional parts.
//!
//! [`limits`] says whether a ranking may be acted on. Two things stop it: a model that
//! explains little (R² below [`MIN_R_SQUARED`], 10 %: then the touchpoints measured are not
//! what moves the outcome, and their shares split noise) and a top two whose bootstrap
//! intervals overlap (then the data cannot tell which matters more). Either way no driver is
//! called "fix first"; the caller shows the reason instead.

use nalgebra::{DMatrix, DVector, SymmetricEigen};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One respondent (or journey run): their rating of each predictor (None = not answered) and
/// the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverRow {
    /// One value per [`DriverInput::predictors`], in the same order.
    pub values: Vec<Option<f64>>,
    pub outcome: f64,
}

/// The predictors' names and the rows to explain the outcome with.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverInput {
    pub predictors: Vec<String>,
    pub rows: Vec<DriverRow>,
}

/// How the analysis is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverOptions {
    /// Bootstrap resamples for the share intervals (0: no interval, low = high = share).
    pub bootstrap: usize,
    /// Seed of the resampling, so a report is reproducible.
    pub seed: u64,
    /// Predictors answered fewer times than this are dropped.
    pub min_answers: usize,
}

impl Default for DriverOptions {
    fn default() -> Self {
        Self {
            bootstrap: 200,
            seed: 7,
            min_answers: 30,
        }
    }
}

/// One predictor's part in explaining the outcome.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Driver {
    pub predictor: String,
    /// Johnson's raw relative weight; the weights sum to R².
    pub weight: f64,
    /// `weight / R²`, the share of explained variance (0..1); 0 when R² is 0.
    pub share: f64,
    /// 95% percentile bootstrap interval of `share`.
    pub share_low: f64,
    pub share_high: f64,
    /// Mean of the answered ratings (before imputation), on the predictor's own scale.
    pub performance: f64,
    /// How many rows answered this predictor.
    pub answered: usize,
}

/// The result of a driver analysis.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Drivers {
    /// Rows analysed.
    pub rows: usize,
    /// R² of the OLS regression of the outcome on the kept predictors (= Σ weights).
    pub r_squared: f64,
    /// By share, largest first (ties in input order).
    pub drivers: Vec<Driver>,
    /// Predictors with fewer than `min_answers` answers, in input order.
    pub dropped: Vec<String>,
}

/// Why a driver analysis could not be run.
#[derive(Debug, Clone, PartialEq)]
pub enum DriverError {
    /// Fewer rows than the analysis needs (`min_answers`, at least 3).
    TooFewRows { rows: usize, needed: usize },
    /// The input names no predictor.
    NoPredictors,
    /// Every predictor had fewer than `min_answers` answers.
    AllDropped { min_answers: usize },
    /// A row has a different number of values than there are predictors.
    RowWidth {
        row: usize,
        expected: usize,
        found: usize,
    },
    /// A value or outcome is NaN or infinite.
    NotFinite { row: usize },
    /// The outcome is the same in every row: there is no variance to explain.
    ConstantOutcome,
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooFewRows { rows, needed } => write!(
                f,
                "driver analysis needs at least {needed} rows with an outcome, got {rows}"
            ),
            Self::NoPredictors => write!(f, "driver analysis needs at least one predictor"),
            Self::AllDropped { min_answers } => write!(
                f,
                "every predictor has fewer than {min_answers} answers, so none can be weighed"
            ),
            Self::RowWidth {
                row,
                expected,
                found,
            } => write!(
                f,
                "row {row} has {found} values but there are {expected} predictors"
            ),
            Self::NotFinite { row } => write!(f, "row {row} has a value that is NaN or infinite"),
            Self::ConstantOutcome => write!(
                f,
                "the outcome has the same value in every row, so there is nothing to explain"
            ),
        }
    }
}

impl std::error::Error for DriverError {}

/// Johnson's relative weights of `input`'s predictors on its outcome, with bootstrap intervals
/// of their shares (see the module documentation for the method).
pub fn relative_weights(input: &DriverInput, opts: &DriverOptions) -> Result<Drivers, DriverError> {
    let p = input.predictors.len();
    if p == 0 {
        return Err(DriverError::NoPredictors);
    }
    for (i, row) in input.rows.iter().enumerate() {
        if row.values.len() != p {
            return Err(DriverError::RowWidth {
                row: i,
                expected: p,
                found: row.values.len(),
            });
        }
        if !row.outcome.is_finite() || row.values.iter().flatten().any(|v| !v.is_finite()) {
            return Err(DriverError::NotFinite { row: i });
        }
    }
    let n = input.rows.len();
    let needed = opts.min_answers.max(3);
    if n < needed {
        return Err(DriverError::TooFewRows { rows: n, needed });
    }

    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (j, name) in input.predictors.iter().enumerate() {
        let answered = input.rows.iter().filter(|r| r.values[j].is_some()).count();
        if answered < opts.min_answers {
            dropped.push(name.clone());
        } else {
            kept.push(j);
        }
    }
    if kept.is_empty() {
        return Err(DriverError::AllDropped {
            min_answers: opts.min_answers,
        });
    }

    // Column-major copies, NaN for "not answered" (inputs are checked finite above).
    let columns: Vec<Vec<f64>> = kept
        .iter()
        .map(|&j| {
            input
                .rows
                .iter()
                .map(|r| r.values[j].unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let outcome: Vec<f64> = input.rows.iter().map(|r| r.outcome).collect();
    let all: Vec<usize> = (0..n).collect();
    let weights = weights_of(&columns, &outcome, &all).ok_or(DriverError::ConstantOutcome)?;
    let r_squared: f64 = weights.iter().sum();
    let shares = shares_of(&weights);

    // Bootstrap: one share sample per kept predictor per (non-degenerate) resample.
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(opts.bootstrap); kept.len()];
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut rows = vec![0; n];
    for _ in 0..opts.bootstrap {
        for r in rows.iter_mut() {
            *r = rng.random_range(0..n);
        }
        if let Some(w) = weights_of(&columns, &outcome, &rows) {
            for (sample, share) in samples.iter_mut().zip(shares_of(&w)) {
                sample.push(share);
            }
        }
    }

    let mut drivers: Vec<Driver> = kept
        .iter()
        .enumerate()
        .map(|(k, &j)| {
            let answers: Vec<f64> = input.rows.iter().filter_map(|r| r.values[j]).collect();
            let sample = &mut samples[k];
            sample.sort_by(f64::total_cmp);
            let (share_low, share_high) = if sample.is_empty() {
                (shares[k], shares[k])
            } else {
                (percentile(sample, 0.025), percentile(sample, 0.975))
            };
            Driver {
                predictor: input.predictors[j].clone(),
                weight: weights[k],
                share: shares[k],
                share_low,
                share_high,
                performance: answers.iter().sum::<f64>() / answers.len() as f64,
                answered: answers.len(),
            }
        })
        .collect();
    // Stable sort: ties keep input order.
    drivers.sort_by(|a, b| b.share.total_cmp(&a.share));
    Ok(Drivers {
        rows: n,
        r_squared,
        drivers,
        dropped,
    })
}

/// Each weight's share of their sum (all 0 when the sum is 0, never NaN).
fn shares_of(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .map(|w| if total > 0.0 { w / total } else { 0.0 })
        .collect()
}

/// The `q` quantile of sorted, non-empty `sorted`, interpolating linearly between order
/// statistics (numpy's default), so the interval matches what an analyst computes by hand.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Whether a column with this variance and mean is constant (up to rounding).
fn is_constant(variance: f64, mean: f64) -> bool {
    variance <= 1e-12 * mean.powi(2).max(1.0)
}

/// Centres `x` and scales it to unit length, or `None` when it is constant.
fn standardise(mut x: Vec<f64>) -> Option<Vec<f64>> {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let mut ss = 0.0;
    for v in x.iter_mut() {
        *v -= mean;
        ss += *v * *v;
    }
    if is_constant(ss / n, mean) {
        return None;
    }
    let norm = ss.sqrt();
    x.iter_mut().for_each(|v| *v /= norm);
    Some(x)
}

/// Dot product as a plain indexed loop: the bootstrap's inner loop, kept cheap even in
/// unoptimised (test) builds.
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len().min(b.len()) {
        s += a[i] * b[i];
    }
    s
}

/// Johnson's raw weights over the rows `rows` (indices, repeats allowed) of the kept
/// predictors' `columns` (NaN = not answered) and the `outcome`, imputing missing values with
/// the means over those rows. `None` when the outcome is constant over them.
fn weights_of(columns: &[Vec<f64>], outcome: &[f64], rows: &[usize]) -> Option<Vec<f64>> {
    let y = standardise(rows.iter().map(|&i| outcome[i]).collect())?;
    // Standardised columns of the non-constant predictors, with their position in `columns`.
    let mut live: Vec<(usize, Vec<f64>)> = Vec::with_capacity(columns.len());
    for (k, column) in columns.iter().enumerate() {
        let mut x: Vec<f64> = rows.iter().map(|&i| column[i]).collect();
        let (mut sum, mut count) = (0.0, 0usize);
        for &v in &x {
            if !v.is_nan() {
                sum += v;
                count += 1;
            }
        }
        // No answer in this resample: a constant column, weight 0.
        let mean = if count == 0 { 0.0 } else { sum / count as f64 };
        for v in x.iter_mut().filter(|v| v.is_nan()) {
            *v = mean;
        }
        if let Some(z) = standardise(x) {
            live.push((k, z));
        }
    }
    let mut weights = vec![0.0; columns.len()];
    if live.is_empty() {
        return Some(weights);
    }
    let m = live.len();
    let mut corr = DMatrix::identity(m, m);
    for a in 0..m {
        for b in a + 1..m {
            let c = dot(&live[a].1, &live[b].1);
            corr[(a, b)] = c;
            corr[(b, a)] = c;
        }
    }
    let r = DVector::from_fn(m, |a, _| dot(&live[a].1, &y));
    for ((k, _), w) in live.iter().zip(johnson(corr, &r)) {
        weights[*k] = w;
    }
    Some(weights)
}

/// Johnson's raw relative weights from the predictors' correlation matrix and their
/// correlations with the outcome.
fn johnson(corr: DMatrix<f64>, r: &DVector<f64>) -> Vec<f64> {
    let eigen = SymmetricEigen::new(corr);
    let lambda = eigen.eigenvalues.map(|l| l.max(0.0));
    let max = lambda.max();
    let q = &eigen.eigenvectors;
    let half = q * DMatrix::from_diagonal(&lambda.map(f64::sqrt)) * q.transpose();
    let inv_half_diag = lambda.map(|l| if l > 1e-12 * max { 1.0 / l.sqrt() } else { 0.0 });
    let beta = q * DMatrix::from_diagonal(&inv_half_diag) * q.transpose() * r;
    let beta2 = beta.map(|b| b * b);
    (0..r.len())
        .map(|j| {
            half.row(j)
                .iter()
                .zip(beta2.iter())
                .map(|(h, b)| h * h * b)
                .sum()
        })
        .collect()
}

/// Below this R² a driver analysis ranks nothing: with less than a tenth of the outcome's
/// variance explained, the shares are split noise (a common floor in key-driver practice).
pub const MIN_R_SQUARED: f64 = 0.10;

/// Whether a driver analysis may rank its drivers, and if not, why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Limits {
    /// The top driver stands apart: its interval lies above the runner-up's.
    Ranked,
    /// The model explains too little of the outcome to rank anything.
    WeakModel { r_squared: f64, threshold: f64 },
    /// The two largest drivers' 95 % intervals overlap: which matters more is not known.
    TopOverlap {
        first: String,
        second: String,
        /// Their intervals, as shares (0..1).
        first_interval: (f64, f64),
        second_interval: (f64, f64),
    },
    /// No bootstrap was run, so how sure the ranking is cannot be told.
    NoIntervals,
}

impl Limits {
    /// Whether "fix first" may be said.
    pub fn ranked(&self) -> bool {
        matches!(self, Limits::Ranked)
    }
}

/// The limits of `d` (see the module documentation). `bootstrapped`: whether `d`'s intervals
/// come from resampling (with 0 resamples every interval is its point, which proves nothing).
pub fn limits(d: &Drivers, bootstrapped: bool) -> Limits {
    if d.r_squared.is_nan() || d.r_squared < MIN_R_SQUARED {
        return Limits::WeakModel {
            r_squared: d.r_squared,
            threshold: MIN_R_SQUARED,
        };
    }
    match d.drivers.as_slice() {
        [first, second, ..] => {
            if !bootstrapped {
                Limits::NoIntervals
            } else if first.share_low <= second.share_high {
                Limits::TopOverlap {
                    first: first.predictor.clone(),
                    second: second.predictor.clone(),
                    first_interval: (first.share_low, first.share_high),
                    second_interval: (second.share_low, second.share_high),
                }
            } else {
                Limits::Ranked
            }
        }
        // One driver (or none) has nothing to be confused with.
        _ => Limits::Ranked,
    }
}

/// Where a driver sits on the importance–performance matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Quadrant {
    /// High importance, high performance: keep up the good work.
    KeepUp,
    /// High importance, low performance: the priority.
    Fix,
    /// Low importance, low performance: maintain, no urgency.
    Maintain,
    /// Low importance, high performance: possibly over-invested.
    Overkill,
}

/// Importance–performance matrix: each driver's quadrant, splitting at the mean share and the
/// mean performance of the drivers (at or above the mean counts as high), in the drivers'
/// order. Relative splits, because absolute thresholds mean nothing across surveys.
pub fn quadrants(d: &Drivers) -> Vec<(String, Quadrant)> {
    if d.drivers.is_empty() {
        return Vec::new();
    }
    let n = d.drivers.len() as f64;
    let mean_share = d.drivers.iter().map(|x| x.share).sum::<f64>() / n;
    let mean_perf = d.drivers.iter().map(|x| x.performance).sum::<f64>() / n;
    d.drivers
        .iter()
        .map(|x| {
            let important = x.share >= mean_share;
            let performing = x.performance >= mean_perf;
            let quadrant = match (important, performing) {
                (true, true) => Quadrant::KeepUp,
                (true, false) => Quadrant::Fix,
                (false, false) => Quadrant::Maintain,
                (false, true) => Quadrant::Overkill,
            };
            (x.predictor.clone(), quadrant)
        })
        .collect()
}

/// The emotional vs functional share of explained satisfaction: `emotional(predictor)` gives
/// the emotional fraction (0..1, clamped) of what the model says the touchpoint stands for;
/// returns (emotional, functional) shares of R² summing to 1 when any weight is > 0
/// (predictors it returns None for are left out and renormalised), else None. It tells a team
/// whether satisfaction is won by how the journey feels or by what it does.
pub fn emotional_share(d: &Drivers, emotional: impl Fn(&str) -> Option<f64>) -> Option<(f64, f64)> {
    let (mut em, mut fun) = (0.0, 0.0);
    for x in &d.drivers {
        if let Some(e) = emotional(&x.predictor).filter(|e| e.is_finite()) {
            let e = e.clamp(0.0, 1.0);
            em += x.weight * e;
            fun += x.weight * (1.0 - e);
        }
    }
    let total = em + fun;
    (total > 0.0).then(|| (em / total, fun / total))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A standard normal draw without an extra dependency (Box–Muller).
    fn normal(rng: &mut impl Rng) -> f64 {
        let u1: f64 = rng.random_range(f64::EPSILON..1.0);
        let u2: f64 = rng.random();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    fn input(predictors: &[&str], rows: Vec<(Vec<Option<f64>>, f64)>) -> DriverInput {
        DriverInput {
            predictors: predictors.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .into_iter()
                .map(|(values, outcome)| DriverRow { values, outcome })
                .collect(),
        }
    }

    /// R² of the OLS regression of y on the columns of x with an intercept, by the normal
    /// equations: independent of the correlation-matrix route the module takes.
    fn ols_r_squared(x: &[Vec<f64>], y: &[f64]) -> f64 {
        let n = y.len();
        let design = DMatrix::from_fn(
            n,
            x.len() + 1,
            |i, j| if j == 0 { 1.0 } else { x[j - 1][i] },
        );
        let yv = DVector::from_column_slice(y);
        let xtx = design.transpose() * &design;
        let xty = design.transpose() * &yv;
        let b = xtx.lu().solve(&xty).expect("regular normal equations");
        let fitted = &design * b;
        let mean = y.iter().sum::<f64>() / n as f64;
        let ss_res: f64 = (0..n).map(|i| (y[i] - fitted[i]).powi(2)).sum();
        let ss_tot: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
        1.0 - ss_res / ss_tot
    }

    #[test]
    fn two_uncorrelated_predictors_split_as_their_squared_effects() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let n = 4000;
        let x1: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let x2: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let y: Vec<f64> = (0..n)
            .map(|i| 2.0 * x1[i] + x2[i] + 0.5 * normal(&mut rng))
            .collect();
        let rows = (0..n)
            .map(|i| (vec![Some(x1[i]), Some(x2[i])], y[i]))
            .collect();
        let d = relative_weights(&input(&["x1", "x2"], rows), &DriverOptions::default())
            .expect("weights");
        assert_eq!(d.rows, n);
        assert!(d.dropped.is_empty());
        let r2 = ols_r_squared(&[x1, x2], &y);
        let sum: f64 = d.drivers.iter().map(|x| x.weight).sum();
        assert!((sum - r2).abs() < 1e-9, "Σ weights {sum} vs OLS R² {r2}");
        assert!((d.r_squared - r2).abs() < 1e-9);
        assert_eq!(d.drivers[0].predictor, "x1");
        // Variances 4 and 1 of explained 5: 0.8 and 0.2.
        assert!((d.drivers[0].share - 0.8).abs() < 0.02, "{:?}", d.drivers);
        assert!((d.drivers[1].share - 0.2).abs() < 0.02, "{:?}", d.drivers);
        for x in &d.drivers {
            assert!(x.share_low <= x.share && x.share <= x.share_high, "{x:?}");
            assert!(x.share_high - x.share_low > 0.0 && x.share_high - x.share_low < 0.05);
        }
    }

    #[test]
    fn correlated_predictors_still_sum_to_ols_r_squared_and_missing_values_are_imputed() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let n = 500;
        let x1: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let x2: Vec<f64> = x1.iter().map(|a| 0.7 * a + normal(&mut rng)).collect();
        let x3: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let y: Vec<f64> = (0..n)
            .map(|i| x1[i] + 0.5 * x2[i] - 0.3 * x3[i] + normal(&mut rng))
            .collect();
        // Every 7th x2 is missing: the OLS reference uses the same mean imputation.
        let answered: Vec<f64> = (0..n).filter(|i| i % 7 != 0).map(|i| x2[i]).collect();
        let mean = answered.iter().sum::<f64>() / answered.len() as f64;
        let x2i: Vec<f64> = (0..n)
            .map(|i| if i % 7 == 0 { mean } else { x2[i] })
            .collect();
        let rows = (0..n)
            .map(|i| {
                let v2 = (i % 7 != 0).then_some(x2[i]);
                (vec![Some(x1[i]), v2, Some(x3[i])], y[i])
            })
            .collect();
        let d = relative_weights(
            &input(&["a", "b", "c"], rows),
            &DriverOptions {
                bootstrap: 50,
                ..DriverOptions::default()
            },
        )
        .expect("weights");
        let r2 = ols_r_squared(&[x1, x2i, x3], &y);
        assert!((d.r_squared - r2).abs() < 1e-9, "{} vs {r2}", d.r_squared);
        let b = d.drivers.iter().find(|x| x.predictor == "b").expect("b");
        assert_eq!(b.answered, answered.len());
        assert!((b.performance - mean).abs() < 1e-12);
        let shares: f64 = d.drivers.iter().map(|x| x.share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_zero_variance_predictor_gets_weight_zero_and_no_nan() {
        let rows = (0..50)
            .map(|i| {
                let x = (i % 5) as f64;
                (vec![Some(x), Some(3.0), None], x + (i % 3) as f64)
            })
            .collect();
        let d = relative_weights(
            &input(&["x", "flat", "never"], rows),
            &DriverOptions {
                bootstrap: 20,
                ..DriverOptions::default()
            },
        )
        .expect("weights");
        assert_eq!(d.dropped, vec!["never".to_string()]);
        let flat = d
            .drivers
            .iter()
            .find(|x| x.predictor == "flat")
            .expect("flat");
        assert_eq!(flat.weight, 0.0);
        assert_eq!(flat.share, 0.0);
        assert_eq!((flat.share_low, flat.share_high), (0.0, 0.0));
        assert_eq!(flat.performance, 3.0);
        assert_eq!(d.drivers[0].predictor, "x");
        assert!((d.drivers[0].share - 1.0).abs() < 1e-12);
        let json = serde_json::to_string(&d).expect("json");
        assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let opts = DriverOptions::default();
        let few = input(
            &["x"],
            (0..10).map(|i| (vec![Some(i as f64)], i as f64)).collect(),
        );
        let err = relative_weights(&few, &opts).expect_err("too few");
        assert_eq!(
            err,
            DriverError::TooFewRows {
                rows: 10,
                needed: 30
            }
        );
        assert_eq!(
            err.to_string(),
            "driver analysis needs at least 30 rows with an outcome, got 10"
        );
        assert_eq!(
            relative_weights(&input(&[], vec![]), &opts),
            Err(DriverError::NoPredictors)
        );
        let constant = input(
            &["x"],
            (0..40).map(|i| (vec![Some(i as f64)], 4.0)).collect(),
        );
        assert_eq!(
            relative_weights(&constant, &opts),
            Err(DriverError::ConstantOutcome)
        );
        let unanswered = input(&["x"], (0..40).map(|i| (vec![None], i as f64)).collect());
        assert_eq!(
            relative_weights(&unanswered, &opts),
            Err(DriverError::AllDropped { min_answers: 30 })
        );
        let ragged = input(
            &["x", "y"],
            (0..40).map(|i| (vec![None], i as f64)).collect(),
        );
        assert!(matches!(
            relative_weights(&ragged, &opts),
            Err(DriverError::RowWidth {
                row: 0,
                expected: 2,
                found: 1
            })
        ));
        let nan = input(
            &["x"],
            (0..40).map(|i| (vec![Some(f64::NAN)], i as f64)).collect(),
        );
        assert_eq!(
            relative_weights(&nan, &opts),
            Err(DriverError::NotFinite { row: 0 })
        );
    }

    fn driver(name: &str, weight: f64, share: f64, performance: f64) -> Driver {
        Driver {
            predictor: name.into(),
            weight,
            share,
            share_low: share,
            share_high: share,
            performance,
            answered: 100,
        }
    }

    fn drivers(list: Vec<Driver>) -> Drivers {
        Drivers {
            rows: 100,
            r_squared: list.iter().map(|d| d.weight).sum(),
            drivers: list,
            dropped: vec![],
        }
    }

    /// `n` rows where the outcome is `signal`·x1 + 0.4·`signal`·x2 + noise, x3 pure noise.
    fn synthetic(n: usize, signal: f64, seed: u64) -> DriverInput {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let rows = (0..n)
            .map(|_| {
                let (a, b, c) = (normal(&mut rng), normal(&mut rng), normal(&mut rng));
                let y = signal * (a + 0.4 * b) + normal(&mut rng);
                (vec![Some(a), Some(b), Some(c)], y)
            })
            .collect();
        input(&["signs", "food", "parking"], rows)
    }

    #[test]
    fn a_low_r_squared_fit_gives_the_warning_not_a_ranking() {
        // Outcome almost all noise: R² of a few per cent.
        let d =
            relative_weights(&synthetic(400, 0.15, 3), &DriverOptions::default()).expect("weights");
        assert!(d.r_squared < MIN_R_SQUARED, "R² {}", d.r_squared);
        let l = limits(&d, true);
        assert_eq!(
            l,
            Limits::WeakModel {
                r_squared: d.r_squared,
                threshold: MIN_R_SQUARED
            }
        );
        assert!(!l.ranked());
    }

    #[test]
    fn a_strong_fit_with_a_clear_leader_is_ranked() {
        let d =
            relative_weights(&synthetic(800, 1.0, 4), &DriverOptions::default()).expect("weights");
        assert!(d.r_squared > 0.4, "R² {}", d.r_squared);
        assert_eq!(d.drivers[0].predictor, "signs");
        assert!(d.drivers[0].share_low > d.drivers[1].share_high);
        assert_eq!(limits(&d, true), Limits::Ranked);
        // Without resampling the same fit is not trusted.
        assert_eq!(limits(&d, false), Limits::NoIntervals);
    }

    #[test]
    fn overlapping_top_intervals_give_the_warning() {
        // Two equally strong predictors: their intervals overlap whatever the sample says.
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let rows = (0..300)
            .map(|_| {
                let (a, b) = (normal(&mut rng), normal(&mut rng));
                (vec![Some(a), Some(b)], a + b + normal(&mut rng))
            })
            .collect();
        let d = relative_weights(&input(&["signs", "food"], rows), &DriverOptions::default())
            .expect("weights");
        assert!(d.r_squared > MIN_R_SQUARED);
        match limits(&d, true) {
            Limits::TopOverlap {
                first,
                second,
                first_interval,
                second_interval,
            } => {
                assert_eq!(first, d.drivers[0].predictor);
                assert_eq!(second, d.drivers[1].predictor);
                assert!(first_interval.0 <= second_interval.1);
            }
            other => panic!("expected an overlap, got {other:?}"),
        }
    }

    #[test]
    fn quadrants_split_at_the_means() {
        let d = drivers(vec![
            driver("signs", 0.2, 0.4, 4.5),
            driver("food", 0.15, 0.3, 3.2),
            driver("art", 0.1, 0.2, 4.4),
            driver("parking", 0.05, 0.1, 3.0),
        ]);
        assert_eq!(
            quadrants(&d),
            vec![
                ("signs".to_string(), Quadrant::KeepUp),
                ("food".to_string(), Quadrant::Fix),
                ("art".to_string(), Quadrant::Overkill),
                ("parking".to_string(), Quadrant::Maintain),
            ]
        );
        assert!(quadrants(&drivers(vec![])).is_empty());
    }

    #[test]
    fn emotional_share_weighs_by_explained_variance() {
        let d = drivers(vec![
            driver("art", 0.3, 0.6, 4.0),
            driver("signs", 0.1, 0.2, 4.0),
            driver("unknown", 0.1, 0.2, 4.0),
        ]);
        let f = |p: &str| match p {
            "art" => Some(1.0),
            "signs" => Some(0.0),
            _ => None,
        };
        let (e, fun) = emotional_share(&d, f).expect("shares");
        assert!((e - 0.75).abs() < 1e-12 && (fun - 0.25).abs() < 1e-12);
        let half = emotional_share(&d, |_| Some(0.5)).expect("shares");
        assert!((half.0 - 0.5).abs() < 1e-12 && (half.0 + half.1 - 1.0).abs() < 1e-12);
        assert_eq!(emotional_share(&d, |_| None), None);
        let zero = drivers(vec![driver("x", 0.0, 0.0, 3.0)]);
        assert_eq!(emotional_share(&zero, |_| Some(1.0)), None);
    }
}
