//! A moment's conditions on who the customer is and where they are.

use serde_json::{Map, Value};
use stig_model::{Conditions, TraitCondition};

use crate::customers::touchpoints::holds;

/// What the conditions look at, at the time of the occurrence.
pub(super) struct Who<'a> {
    pub persona: Option<&'a str>,
    pub phase: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub traits: &'a Map<String, Value>,
}

/// Every list given matches (each by any of its entries), and every trait test holds.
pub(super) fn hold(c: &Conditions, who: &Who<'_>) -> bool {
    let any = |list: &[String], got: Option<&str>| {
        list.is_empty() || got.is_some_and(|g| list.iter().any(|x| x == g))
    };
    any(&c.personas, who.persona)
        && any(&c.phases, who.phase)
        && (c.channels.is_empty()
            || who
                .channel
                .is_some_and(|g| c.channels.iter().any(|x| x.as_str() == g)))
        && c.traits
            .iter()
            .all(|t| trait_holds(t, who.traits.get(&t.name)))
}

fn trait_holds(t: &TraitCondition, got: Option<&Value>) -> bool {
    let got = got.filter(|v| !v.is_null());
    if let Some(exists) = t.exists
        && exists != got.is_some()
    {
        return false;
    }
    if let Some(want) = &t.equals
        && !got.is_some_and(|v| holds(want, v))
    {
        return false;
    }
    if let Some(want) = &t.not_equals
        && got.is_some_and(|v| holds(want, v))
    {
        return false;
    }
    let number = got.and_then(|v| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    if let Some(min) = t.at_least
        && !number.is_some_and(|n| n >= min)
    {
        return false;
    }
    if let Some(max) = t.at_most
        && !number.is_some_and(|n| n <= max)
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use stig_model::PropertyValue;

    fn t(name: &str) -> TraitCondition {
        TraitCondition {
            name: name.into(),
            equals: None,
            not_equals: None,
            at_least: None,
            at_most: None,
            exists: None,
        }
    }

    #[test]
    fn trait_tests() {
        let traits = json!({"tier": "gold", "age": 41, "email": "a@b.no", "none": null});
        let traits = traits.as_object().expect("test input");
        let who = |c: &Conditions| {
            hold(
                c,
                &Who {
                    persona: Some("family"),
                    phase: Some("during"),
                    channel: Some("web"),
                    traits,
                },
            )
        };
        let with = |tc: TraitCondition| Conditions {
            traits: vec![tc],
            ..Conditions::default()
        };
        assert!(who(&with(TraitCondition {
            equals: Some(PropertyValue::Text("gold".into())),
            ..t("tier")
        })));
        assert!(!who(&with(TraitCondition {
            not_equals: Some(PropertyValue::Text("gold".into())),
            ..t("tier")
        })));
        assert!(who(&with(TraitCondition {
            at_least: Some(40.0),
            at_most: Some(41.0),
            ..t("age")
        })));
        assert!(!who(&with(TraitCondition {
            at_least: Some(42.0),
            ..t("age")
        })));
        assert!(who(&with(TraitCondition {
            exists: Some(true),
            ..t("email")
        })));
        assert!(who(&with(TraitCondition {
            exists: Some(false),
            ..t("none")
        })));
        assert!(!who(&with(TraitCondition {
            exists: Some(true),
            ..t("phone")
        })));
        assert!(who(&Conditions {
            personas: vec!["solo".into(), "family".into()],
            ..Conditions::default()
        }));
        assert!(!who(&Conditions {
            phases: vec!["after".into()],
            ..Conditions::default()
        }));
        assert!(who(&Conditions {
            channels: vec!["web".to_owned().into()],
            ..Conditions::default()
        }));
    }
}
