//! Consent on the pages: the profile's consent card (state, since, history with its source),
//! a suppressed action in the activity log, the backtest's consent line and the builder's
//! purpose picker, in every language.

use std::sync::Arc;

use serde_json::json;
use stig_model::{Action, Purpose, Workspace};
use stig_pipeline::customers::CustomersBuilder;
use stig_pipeline::moments::Backtest;
use stig_server::i18n::Locale;
use stig_server::views::consent::{backtest_line, profile_section, suppressed_rows};
use stig_server::views::forms::moment::MomentForm;
use stig_store::Suppressed;

use crate::support::{assert_translated, ctx, text};

fn history() -> Vec<stig_pipeline::customers::consent::Change> {
    let mut b = CustomersBuilder::new(Arc::new(Workspace::default()));
    let events = [
        json!({"type": "page", "userId": "kari", "timestamp": "2026-05-01T10:00:00Z",
               "context": {"consent": {"categoryPreferences": {"Marketing": true, "Analytics": true}}}}),
        json!({"type": "identify", "userId": "kari", "timestamp": "2026-05-03T10:00:00Z",
               "traits": {"consent": {"marketing": false}}}),
    ];
    for (i, e) in events.iter().enumerate() {
        b.push_text(i as i64 + 1, &e.to_string());
    }
    let customers = b.finish("2026-06-01T00:00:00Z".parse().expect("time"));
    customers.get("kari").expect("kari").consent.clone()
}

#[test]
fn the_profile_shows_each_category_its_state_and_history() {
    let ws = Workspace::default();
    let h = history();
    for locale in Locale::ALL {
        let c = ctx(locale, "ws", &ws, true);
        let html = profile_section(&c, &h).into_string();
        assert_translated(&html, &format!("consent card [{}]", locale.code()));
        let t = text(&html);
        assert!(t.contains("Marketing") && t.contains("Analytics"), "{t}");
        let empty = profile_section(&c, &[]).into_string();
        assert_translated(&empty, "no consent");
    }
    let c = ctx(Locale::En, "ws", &ws, true);
    let t = text(&profile_section(&c, &h).into_string());
    assert!(t.contains("Not granted"), "marketing withdrawn: {t}");
    assert!(
        t.contains("consent trait, identify"),
        "the withdrawal's source: {t}"
    );
    assert!(
        t.contains("consent manager, page"),
        "the grant's source: {t}"
    );
    let nb = text(&profile_section(&ctx(Locale::Nb, "ws", &ws, true), &h).into_string());
    assert!(nb.contains("Samtykke") && nb.contains("Ikke gitt"), "{nb}");
}

#[test]
fn suppressed_actions_and_the_backtest_say_why() {
    let ws = Workspace::default();
    let s = [Suppressed {
        action: 0,
        kind: "email".into(),
        purpose: "marketing".into(),
    }];
    let b = Backtest {
        moment: "m".into(),
        events: 10,
        from: None,
        to: None,
        fired: 3,
        suppressed: 2,
        customers: 3,
        per_persona: Default::default(),
        per_week: Default::default(),
        samples: vec![],
    };
    for locale in Locale::ALL {
        let c = ctx(locale, "ws", &ws, true);
        assert_translated(&suppressed_rows(&c, &s).into_string(), "suppressed");
        assert_translated(&backtest_line(&c, &b).into_string(), "backtest line");
    }
    let c = ctx(Locale::En, "ws", &ws, true);
    let t = text(&suppressed_rows(&c, &s).into_string());
    assert!(t.contains("No consent for Marketing"), "{t}");
    let t = text(&backtest_line(&c, &b).into_string());
    assert!(
        t.contains("reached 1 in full") && t.contains("2 firings"),
        "{t}"
    );
}

#[test]
fn the_purpose_picker_reads_back_and_refuses_what_is_not_a_purpose() {
    let mut form = MomentForm::new_default();
    form.id = "m".into();
    form.name = "M".into();
    form.event = "Trip Completed".into();
    form.a_kind = vec!["email".into()];
    form.a_to = vec!["customer".into()];
    form.a_subject_en = vec!["Hi".into()];
    form.a_body_en = vec!["Hello".into()];
    form.a_purpose = vec!["marketing".into()];
    let m = form.to_model().expect("a moment");
    assert_eq!(m.actions[0].declared_purpose(), Some(Purpose::Marketing));
    assert_eq!(MomentForm::from_model(&m).a_purpose, ["marketing"]);
    form.a_purpose = vec![String::new()];
    let m = form
        .to_model()
        .expect("a moment without a purpose (the validator flags it)");
    assert!(matches!(&m.actions[0], Action::Email { purpose: None, .. }));
    form.a_purpose = vec!["spam".into()];
    let errors = form.to_model().expect_err("not a purpose");
    assert_eq!(errors[0].field, "action[0].purpose");
}
