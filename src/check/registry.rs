//! The rule registry: every family's list, in catalogue order (docs/rules.md).
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
    ("Webhooks", rules::webhooks::RULES),
];

/// Every rule, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static Rule> + Clone {
    FAMILIES.iter().flat_map(|(_, rules)| rules.iter())
}

/// The rule with an id.
pub fn get(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

/// The blocking rules: a finding of any of them means the model apigen builds from the
/// document is wrong (a part it could not read or resolve, a path template and parameters
/// that disagree, one name for two operations or parameters, a header name that cannot be
/// sent). `apigen generate` stops at them unless `--allow-errors` is given, and neither
/// `[rules]` in apigen.toml nor `x-apigen-ignore` lowers or hides them. Errors of other
/// rules block only what they make wrong (`oas-scheme-name`: the scheme is left out).
pub const BLOCKING: &[&str] = &[
    "oas-parse",
    "oas-ref-resolves",
    "oas-path-params",
    "oas-operation-id-unique",
    "oas-parameter-unique",
    "oas-http-name",
];

/// Whether findings of the rule with this id block generation (see [`BLOCKING`]).
pub fn is_blocking(id: &str) -> bool {
    BLOCKING.contains(&id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `## N. Title` headings of `docs/standard.md` with the text of each section.
    fn standard_sections() -> Vec<(String, String)> {
        let doc = include_str!("../../docs/standard.md");
        let mut sections = Vec::new();
        for part in doc.split("\n## ").skip(1) {
            let (heading, body) = part.split_once('\n').unwrap_or((part, ""));
            let (number, title) = heading.split_once(". ").expect("headings are `N. Title`");
            sections.push((format!("§{number} {title}"), body.to_string()));
        }
        sections
    }

    #[test]
    fn every_source_names_a_section_of_the_standard_that_lists_the_rule() {
        let sections = standard_sections();
        assert!(sections.len() >= 10, "{sections:?}");
        for rule in all() {
            let cited = rule.source.strip_prefix("docs/standard.md ").unwrap_or_else(|| panic!("{}: source {:?}", rule.id, rule.source));
            let cited = cited.split(';').next().unwrap_or_default();
            let (_, body) = sections
                .iter()
                .find(|(heading, _)| heading == cited)
                .unwrap_or_else(|| panic!("{}: docs/standard.md has no section {cited:?}", rule.id));
            let listed = body.split("Rules:").nth(1).unwrap_or_else(|| panic!("section {cited} lists no rules"));
            assert!(listed.contains(&format!("`{}`", rule.id)), "section {cited} does not list {}", rule.id);
        }
        for (heading, body) in &sections {
            let listed = body.split("Rules:").nth(1).unwrap_or_default();
            for id in listed.split('`').skip(1).step_by(2) {
                assert!(get(id).is_some_and(|r| r.source.contains(heading.as_str())), "{heading} lists {id}, whose source is elsewhere");
            }
        }
    }

    #[test]
    fn no_user_visible_text_cites_files_users_do_not_have() {
        let forbidden = ["standards/", "DESIGN", "standard 00", "shared/"];
        let mut texts: Vec<(String, &str)> = vec![
            ("README.md".into(), include_str!("../../README.md")),
            ("docs/standard.md".into(), include_str!("../../docs/standard.md")),
        ];
        for rule in all() {
            for text in [rule.summary, rule.rationale, rule.source, rule.bad, rule.good] {
                texts.push((rule.id.to_string(), text));
            }
        }
        for (what, text) in texts {
            for word in forbidden {
                assert!(!text.contains(word), "{what} mentions {word:?}");
            }
        }
    }

    #[test]
    fn blocking_rules_exist_and_are_errors() {
        for id in BLOCKING {
            assert!(get(id).is_some_and(|r| r.level == crate::diagnostic::Level::Error), "{id}");
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
