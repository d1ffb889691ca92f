//! Consent at evaluation time. The moment engine keeps each customer's consent beside the
//! rest of their state (from the same events, in the same order), so when a moment fires
//! the occurrence carries it; here each action's purpose is checked against it. An action
//! without consent is never queued: it is recorded with its firing as suppressed, in the
//! same transaction, and counted (`stig_deliveries_total{outcome="suppressed"}`, next to the
//! sender's delivered/retry/dead).

use stig_model::Action;
use stig_pipeline::customers::consent::Consent;
use stig_store::{MomentCommit, Suppressed};

/// `Some` (what to record) when `action` may not reach the customer: their consent does not
/// grant its purpose (`service` always passes; a missing purpose is held to `marketing`).
pub(super) fn suppressed(index: usize, action: &Action, consent: &Consent) -> Option<Suppressed> {
    let purpose = action.purpose();
    (!consent.allows(purpose)).then(|| Suppressed {
        action: index as u32,
        kind: action.kind().to_owned(),
        purpose: purpose.as_str().to_owned(),
    })
}

/// Counts a committed evaluation's suppressed actions.
pub(super) fn count(commit: &MomentCommit) {
    let n: usize = commit.firings.iter().map(|f| f.suppressed.len()).sum();
    if n > 0 {
        metrics::counter!("stig_deliveries_total", "outcome" => "suppressed").increment(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use stig_model::Purpose;
    use stig_pipeline::customers::Activity;
    use stig_pipeline::customers::consent::Said;

    #[test]
    fn only_actions_without_consent_are_suppressed() {
        let email = |purpose| Action::Email {
            to: "customer".into(),
            subject: Default::default(),
            body: Default::default(),
            purpose,
        };
        let mut consent = Consent::default();
        let event = json!({"type": "identify", "userId": "kari", "timestamp": "2026-05-01T10:00:00Z",
                           "traits": {"consent": {"Analytics": true}}});
        let a = Activity::from_segment(1, &event).expect("event");
        consent.apply(a.timestamp, &Said::read(&a).expect("said"));
        assert_eq!(
            suppressed(0, &email(Some(Purpose::Service)), &consent),
            None
        );
        assert_eq!(
            suppressed(0, &email(Some(Purpose::Analytics)), &consent),
            None
        );
        let s = suppressed(2, &email(Some(Purpose::Marketing)), &consent).expect("suppressed");
        assert_eq!(
            (s.action, s.kind.as_str(), s.purpose.as_str()),
            (2, "email", "marketing")
        );
        let held = suppressed(0, &email(None), &consent).expect("no purpose: marketing");
        assert_eq!(held.purpose, "marketing");
    }
}
