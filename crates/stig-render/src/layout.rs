//! Geometry of the grid: the lane header column, fixed-width step columns, runs of steps
//! that share a phase or stage, and how steps are split into PDF pages.

use std::ops::Range;

use crate::theme::{COL_W, HEAD_W, MAX_COL_W, MIN_GRID_W};

/// The grid's columns: the lane header column at `x`, then `cols` step columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    pub x: f32,
    pub col_w: f32,
    pub cols: usize,
}

impl Grid {
    /// Columns are `col_w` wide if given, else [`COL_W`], widened (up to [`MAX_COL_W`]) when
    /// a short journey would leave the grid narrower than [`MIN_GRID_W`].
    pub(crate) fn new(x: f32, cols: usize, col_w: Option<f32>) -> Grid {
        let col_w = match col_w {
            Some(w) => w,
            None if cols == 0 => COL_W,
            None => ((MIN_GRID_W - HEAD_W) / cols as f32).clamp(COL_W, MAX_COL_W),
        };
        Grid { x, col_w, cols }
    }
    /// Left edge of step column `i` (`i == cols` gives the right edge of the grid).
    pub(crate) fn col_x(&self, i: usize) -> f32 {
        self.x + HEAD_W + i as f32 * self.col_w
    }
    pub(crate) fn width(&self) -> f32 {
        HEAD_W + self.cols.max(1) as f32 * self.col_w
    }
}

/// Runs of consecutive equal keys, as index ranges.
pub(crate) fn runs<K: PartialEq>(keys: impl IntoIterator<Item = K>) -> Vec<(K, Range<usize>)> {
    let mut out: Vec<(K, Range<usize>)> = Vec::new();
    for (i, k) in keys.into_iter().enumerate() {
        match out.last_mut() {
            Some((last, range)) if *last == k => range.end = i + 1,
            _ => out.push((k, i..i + 1)),
        }
    }
    out
}

/// Splits `n` steps into as few pages of at most `per_page` steps as possible, as evenly as
/// possible (60 steps at 8 a page: 8 pages of 7 or 8). Always at least one page.
pub(crate) fn paginate(n: usize, per_page: usize) -> Vec<Range<usize>> {
    let per_page = per_page.max(1);
    let pages = n.div_ceil(per_page).max(1);
    let (base, extra) = (n / pages, n % pages);
    let mut start = 0;
    (0..pages)
        .map(|p| {
            let len = base + usize::from(p < extra);
            let r = start..start + len;
            start += len;
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_keys() {
        let r = runs(["a", "a", "b", "a"]);
        assert_eq!(r, vec![("a", 0..2), ("b", 2..3), ("a", 3..4)]);
        assert!(runs(Vec::<u8>::new()).is_empty());
    }

    #[test]
    fn pages_are_even_and_cover_every_step() {
        let p = paginate(60, 8);
        assert_eq!(p.len(), 8);
        assert!(p.iter().all(|r| r.len() == 7 || r.len() == 8));
        assert_eq!(p.first().map(|r| r.start), Some(0));
        assert_eq!(p.last().map(|r| r.end), Some(60));
        assert!(p.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(paginate(0, 8), vec![0..0]);
        assert_eq!(paginate(8, 8), vec![0..8]);
        assert_eq!(paginate(9, 8).len(), 2);
    }

    #[test]
    fn short_journeys_get_wider_columns() {
        assert_eq!(Grid::new(0.0, 60, None).col_w, COL_W);
        assert!(Grid::new(0.0, 2, None).col_w > COL_W);
        assert!(Grid::new(0.0, 1, None).col_w <= MAX_COL_W);
        assert_eq!(Grid::new(0.0, 2, Some(250.0)).col_w, 250.0);
    }
}
