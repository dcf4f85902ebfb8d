//! The rule registry: every family's list, in catalogue order (DESIGN §4).
//! Adding a rule touches its family file only.

use super::rule::Rule;
use super::rules;

/// The family lists, in catalogue order, with their titles.
pub const FAMILIES: &[(&str, &[Rule])] = &[
    ("Structure", rules::structure::RULES),
    ("Versioning", rules::versioning::RULES),
    ("Naming", rules::naming::RULES),
    ("Methods and status codes", rules::status::RULES),
    ("Errors", rules::errors::RULES),
    ("Pagination, filtering, sorting", rules::pagination::RULES),
    ("Data formats", rules::formats::RULES),
    ("Security", rules::security::RULES),
    ("Operations", rules::operations::RULES),
    ("Documentation", rules::docs::RULES),
    ("Migrations", rules::migrations::RULES),
];

/// Every rule, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static Rule> + Clone {
    FAMILIES.iter().flat_map(|(_, rules)| rules.iter())
}

/// The rule with an id.
pub fn get(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_lists_every_rule() {
        let readme = include_str!("../../README.md");
        for rule in all() {
            assert!(readme.contains(&format!("| `{}` | {} |", rule.id, rule.level)), "README.md lacks {} ({})", rule.id, rule.level);
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(rule.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", rule.id);
            for (what, text) in [("summary", rule.summary), ("rationale", rule.rationale), ("source", rule.source), ("bad", rule.bad), ("good", rule.good)] {
                assert!(!text.trim().is_empty(), "{} has no {what}", rule.id);
            }
        }
    }
}
