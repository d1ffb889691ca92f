//! Linear scales with "nice" ticks, and default number formats.

/// A linear map from a domain to a pixel range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub(crate) fn at(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span.abs() < f64::EPSILON || !span.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }
}

/// A step of 1, 2, 2.5 or 5 × 10^k near `span / count`.
fn nice_step(span: f64, count: usize) -> f64 {
    let raw = span / count.max(1) as f64;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// A domain widened to whole steps that holds `lo..=hi`, and its ticks.
pub(crate) fn nice(lo: f64, hi: f64, count: usize) -> (f64, f64, Vec<f64>) {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    if lo > hi {
        std::mem::swap(&mut lo, &mut hi);
    }
    if (hi - lo).abs() < 1e-12 {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    }
    let step = nice_step(hi - lo, count);
    let d0 = (lo / step + 1e-9).floor() * step;
    let d1 = (hi / step - 1e-9).ceil() * step;
    let mut ticks = Vec::new();
    let mut i = 0;
    loop {
        let t = d0 + step * i as f64;
        if t > d1 + step * 1e-6 || i > 100 {
            break;
        }
        // Snap values like 0.30000000004.
        ticks.push((t / step).round() * step);
        i += 1;
    }
    (d0, d1, ticks)
}

/// The domain `lo..=hi` exactly (a scale's ends, e.g. 1 to 5) and ticks inside it: a nice
/// step that lands on both ends if one does (1, 2, … 5; 1, 2, … 7), else the ends and the
/// nice ticks between them that are not crowding an end.
pub(crate) fn bounded(lo: f64, hi: f64, count: usize) -> (f64, f64, Vec<f64>) {
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return nice(lo, hi, count);
    }
    let on = |v: f64, step: f64| ((v / step) - (v / step).round()).abs() < 1e-6;
    for c in [
        count,
        count + 1,
        count + 2,
        count.saturating_sub(1),
        count + 3,
    ] {
        let step = nice_step(hi - lo, c.max(1));
        let k = ((hi - lo) / step).round() as usize;
        if on(lo, step) && on(hi, step) && (2..=8).contains(&k) {
            let ticks = (0..=k).map(|i| lo + step * i as f64).collect();
            return (lo, hi, ticks);
        }
    }
    let (_, _, inner) = nice(lo, hi, count);
    let step = nice_step(hi - lo, count);
    let mut ticks = vec![lo];
    ticks.extend(
        inner
            .into_iter()
            .filter(|t| *t > lo + step * 0.5 && *t < hi - step * 0.5),
    );
    ticks.push(hi);
    (lo, hi, ticks)
}

/// Decimals needed to write the ticks exactly (a step of 2.5 needs one).
pub(crate) fn decimals_for(ticks: &[f64]) -> usize {
    let step = match ticks {
        [a, b, ..] => (b - a).abs(),
        _ => 1.0,
    };
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    (0..=4)
        .find(|k| {
            let scaled = step * 10f64.powi(*k);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .map_or(4, |k| k as usize)
}

/// Groups thousands with a comma: 12345 → "12,345".
pub(crate) fn group(int: u64) -> String {
    let s = int.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `v` with `decimals` decimals, grouped thousands and a true minus sign.
pub(crate) fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let int = group(int.parse().unwrap_or(0));
    let neg = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if neg { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// The default value format: whole numbers as such, others with one decimal.
pub fn default_format(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        fixed(v, 0)
    } else {
        fixed(v, 1)
    }
}

/// A share (0..=1) as a percentage: "42%", or "4.2%" under 10%.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return "–".into();
    }
    let p = share * 100.0;
    if p != 0.0 && p.abs() < 9.95 {
        format!("{}%", fixed(p, 1))
    } else {
        format!("{}%", fixed(p, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_domains_and_tick_decimals() {
        let (d0, d1, ticks) = nice(0.0, 43.6, 5);
        assert_eq!((d0, d1), (0.0, 50.0));
        assert_eq!(ticks.len(), 6);
        assert_eq!(decimals_for(&[0.0, 2.5, 5.0]), 1);
        assert_eq!(decimals_for(&[0.0, 0.2, 0.4]), 1);
        assert_eq!(decimals_for(&[0.0, 0.25]), 2);
        assert_eq!(decimals_for(&[0.0, 10.0]), 0);
        let (d0, d1, _) = nice(f64::NAN, 1.0, 5);
        assert!(d0.is_finite() && d1.is_finite());
    }

    #[test]
    fn bounded_domains_end_at_the_scale() {
        assert_eq!(
            bounded(1.0, 5.0, 5),
            (1.0, 5.0, vec![1.0, 2.0, 3.0, 4.0, 5.0])
        );
        let (d0, d1, ticks) = bounded(1.0, 7.0, 5);
        assert_eq!((d0, d1), (1.0, 7.0));
        assert_eq!(ticks.first(), Some(&1.0));
        assert_eq!(ticks.last(), Some(&7.0));
        let (d0, d1, ticks) = bounded(-100.0, 100.0, 5);
        assert_eq!((d0, d1), (-100.0, 100.0));
        assert!(ticks.contains(&0.0));
        assert!(ticks.iter().all(|t| (-100.0..=100.0).contains(t)));
    }

    #[test]
    fn number_formats() {
        assert_eq!(fixed(12345.678, 1), "12,345.7");
        assert_eq!(fixed(-1500.0, 0), "−1,500");
        assert_eq!(fixed(-0.01, 0), "0");
        assert_eq!(default_format(4.0), "4");
        assert_eq!(percent(0.087), "8.7%");
        assert_eq!(percent(0.62), "62%");
        assert_eq!(percent(f64::NAN), "–");
    }
}
