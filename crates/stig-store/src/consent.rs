//! Moment actions suppressed for lack of consent (outbox migration `0004_consent.sql`,
//! PostgreSQL `0008_consent.sql`): what both backends share to read them back. They are
//! written by `insert_firings` in the firing's own transaction and never become deliveries.

use std::collections::HashMap;

use crate::Suppressed;

/// Rows of `SUPPRESSIONS_OF_FIRINGS` (firing, action, kind, purpose), per firing.
pub(crate) fn by_firing(rows: Vec<(i64, i64, String, String)>) -> HashMap<i64, Vec<Suppressed>> {
    let mut out: HashMap<i64, Vec<Suppressed>> = HashMap::new();
    for (firing, action, kind, purpose) in rows {
        out.entry(firing).or_default().push(Suppressed {
            action: u32::try_from(action).unwrap_or(u32::MAX),
            kind,
            purpose,
        });
    }
    out
}
