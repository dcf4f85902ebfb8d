//! The diff check registry: every family's checks and the function that finds
//! them, in catalogue order. Adding a check touches its family file only.

use super::{Changes, Context, DiffCheck};

/// One family of diff checks.
pub struct Family {
    /// Title in `apigen rules`.
    pub title: &'static str,
    /// Its checks.
    pub checks: &'static [&'static DiffCheck],
    /// Finds its changes.
    pub run: fn(&Context<'_>, &mut Changes),
}

/// The families, in the order their changes are found.
pub static FAMILIES: &[Family] = &[
    Family { title: "Diff: operations", checks: super::operations::CHECKS, run: super::operations::run },
    Family { title: "Diff: parameters", checks: super::parameters::CHECKS, run: super::parameters::run },
    Family { title: "Diff: request bodies", checks: super::request_body::CHECKS, run: super::request_body::run },
    Family { title: "Diff: responses", checks: super::responses::CHECKS, run: super::responses::run },
    Family { title: "Diff: schemas", checks: super::schemas::CHECKS, run: |_, _| {} },
    Family { title: "Diff: security", checks: super::security::CHECKS, run: super::security::run },
    Family { title: "Diff: deprecation", checks: super::deprecation::CHECKS, run: super::deprecation::run },
    Family { title: "Diff: stability", checks: super::stability::CHECKS, run: super::stability::run },
    Family { title: "Diff: webhooks", checks: super::webhooks::CHECKS, run: super::webhooks::run },
];

/// Every diff check, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static DiffCheck> + Clone {
    FAMILIES.iter().flat_map(|f| f.checks.iter().copied())
}

/// The diff check with an id.
pub fn get(id: &str) -> Option<&'static DiffCheck> {
    all().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_documented_and_distinct_from_rules() {
        let mut seen = std::collections::HashSet::new();
        for c in all() {
            assert!(seen.insert(c.id), "duplicate diff check id {}", c.id);
            assert!(c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'), "{}", c.id);
            assert!(crate::check::registry::get(c.id).is_none(), "{} is also a rule id", c.id);
            for (what, text) in [("summary", c.summary), ("rationale", c.rationale), ("source", c.source), ("before", c.before), ("after", c.after)] {
                assert!(!text.trim().is_empty(), "{} has no {what}", c.id);
            }
            for word in ["standards/", "DESIGN", "shared/", "oasdiff"] {
                assert!(![c.summary, c.rationale, c.source, c.before, c.after].iter().any(|t| t.contains(word)), "{} mentions {word}", c.id);
            }
            assert!(c.source.starts_with("docs/standard.md §") || c.source.starts_with("OpenAPI 3.0 §"), "{}: {}", c.id, c.source);
        }
        assert!(seen.len() >= 40, "{}", seen.len());
    }
}
