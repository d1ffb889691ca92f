//! Roles from the identity provider's claims: `--oidc-role-claim groups` names the claim
//! (a dotted path reaches into objects, e.g. `realm_access.roles`), `--oidc-roles` maps its
//! values to Stig roles (`stig-admins=admin,stig-editors=editor,*=viewer`). A person gets the
//! highest role any of their values maps to; `*` is the role of everyone else; without `*`,
//! someone whose values map to nothing is refused.

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value};
use stig_store::Role;

/// The `--oidc-roles` mapping, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleMapping {
    rules: Vec<(String, Role)>,
    default: Option<Role>,
}

/// A mapping that does not parse, naming the entry and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMapping(String);

impl fmt::Display for BadMapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadMapping {}

impl FromStr for RoleMapping {
    type Err = BadMapping;

    /// Comma-separated `value=role` entries; `*=role` for everyone else.
    fn from_str(s: &str) -> Result<Self, BadMapping> {
        let mut mapping = RoleMapping::default();
        for (i, entry) in s.split(',').map(str::trim).enumerate() {
            if entry.is_empty() {
                continue;
            }
            let bad = |why: String| {
                BadMapping(format!("role mapping entry {} ({entry:?}): {why}", i + 1))
            };
            let (value, role) = entry.rsplit_once('=').ok_or_else(|| {
                bad("expected `claim value=role`, e.g. `stig-editors=editor`".into())
            })?;
            let (value, role) = (value.trim(), role.trim());
            let role = Role::ALL
                .into_iter()
                .find(|r| r.as_str() == role.to_ascii_lowercase())
                .ok_or_else(|| bad(format!("`{role}` is not a role (viewer, editor or admin)")))?;
            if value.is_empty() {
                return Err(bad("the claim value is empty".into()));
            }
            if value == "*" {
                if mapping.default.is_some() {
                    return Err(bad("`*` is given twice".into()));
                }
                mapping.default = Some(role);
            } else {
                mapping.rules.push((value.to_owned(), role));
            }
        }
        if mapping.rules.is_empty() && mapping.default.is_none() {
            return Err(BadMapping(
                "the role mapping is empty: give e.g. `stig-editors=editor,*=viewer`".into(),
            ));
        }
        Ok(mapping)
    }
}

impl RoleMapping {
    /// The highest role the person's values map to, else the `*` role; `None`: refused.
    pub fn role_for(&self, values: &[String]) -> Option<Role> {
        self.rules
            .iter()
            .filter(|(value, _)| values.iter().any(|v| v == value))
            .map(|(_, role)| *role)
            .max()
            .or(self.default)
    }

    /// The claim values that give a role, for the "no role" page.
    pub fn known_values(&self) -> Vec<&str> {
        self.rules.iter().map(|(v, _)| v.as_str()).collect()
    }
}

/// The values of a claim: a string is one value, an array its strings; a dotted `path`
/// reaches into objects. Missing or of another type: none.
pub fn claim_values(claims: &Map<String, Value>, path: &str) -> Vec<String> {
    let mut parts = path.split('.');
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    let mut value = claims.get(first);
    for part in parts {
        value = value.and_then(|v| v.get(part));
    }
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn values(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_highest_mapped_role_wins_and_star_is_everyone_else() {
        let m: RoleMapping = "stig-admins=admin, stig-editors=editor,*=viewer"
            .parse()
            .expect("mapping");
        assert_eq!(
            m.role_for(&values(&["staff", "stig-editors"])),
            Some(Role::Editor)
        );
        assert_eq!(
            m.role_for(&values(&["stig-editors", "stig-admins"])),
            Some(Role::Admin)
        );
        assert_eq!(m.role_for(&values(&["staff"])), Some(Role::Viewer));
        assert_eq!(m.role_for(&[]), Some(Role::Viewer));
        let strict: RoleMapping = "stig-editors=editor".parse().expect("mapping");
        assert_eq!(
            strict.role_for(&values(&["staff"])),
            None,
            "no match, no default"
        );
        assert_eq!(strict.known_values(), vec!["stig-editors"]);
        let everyone: RoleMapping = "*=viewer".parse().expect("mapping");
        assert_eq!(everyone.role_for(&[]), Some(Role::Viewer));
    }

    #[test]
    fn bad_mappings_name_the_entry() {
        let err = |s: &str| s.parse::<RoleMapping>().expect_err(s).to_string();
        assert_eq!(
            err("a=editor,b=boss"),
            "role mapping entry 2 (\"b=boss\"): `boss` is not a role (viewer, editor or admin)"
        );
        assert!(err("editors").contains("expected `claim value=role`"));
        assert!(err("*=viewer,*=editor").contains("`*` is given twice"));
        assert!(err(" , ").contains("empty"));
        assert!(err("=admin").contains("the claim value is empty"));
    }

    #[test]
    fn claims_are_strings_arrays_or_reached_by_a_path() {
        let claims = json!({
            "groups": ["a", "b", 3],
            "role": "editors",
            "realm_access": {"roles": ["stig-admins"]},
        });
        let claims = claims.as_object().expect("object");
        assert_eq!(claim_values(claims, "groups"), values(&["a", "b"]));
        assert_eq!(claim_values(claims, "role"), values(&["editors"]));
        assert_eq!(
            claim_values(claims, "realm_access.roles"),
            values(&["stig-admins"])
        );
        assert!(claim_values(claims, "missing.path").is_empty());
    }
}
