//! The reference pages of the book in `docs/`, generated from the registries: one
//! Markdown page per rule (`docs/rules/ID.md`) and per diff check
//! (`docs/diff-checks/ID.md`), an index of each, and the lines of `docs/SUMMARY.md`
//! that list them. `apigen rules --format markdown [ID]` prints a page;
//! `tests/docs.rs` fails when a page in `docs/` differs from what is generated here
//! (`APIGEN_BLESS=1 cargo test --test docs` rewrites them).

use crate::check::registry::{self, FAMILIES};
use crate::check::Rule;
use crate::diff::DiffCheck;

/// The folder of `docs/` that holds one page per rule.
pub const RULES_DIR: &str = "rules";
/// The folder of `docs/` that holds one page per diff check.
pub const DIFF_CHECKS_DIR: &str = "diff-checks";
/// The first line of the generated end of `docs/SUMMARY.md`: everything from this line on
/// is [`summary_tail`].
pub const SUMMARY_TAIL_START: &str = "- [Rules](rules.md)";

/// Every generated page: its path relative to `docs/` (`/`-separated) and its text.
/// Ordered as the catalogue is; the same on every run.
pub fn pages() -> Vec<(String, String)> {
    let mut pages = vec![("rules.md".to_string(), rules_index()), ("diff-checks.md".to_string(), diff_checks_index())];
    for (family, rules) in FAMILIES {
        for rule in *rules {
            pages.push((format!("{RULES_DIR}/{}.md", rule.id), rule_page(rule, family)));
        }
    }
    for family in crate::diff::registry::FAMILIES {
        for check in family.checks {
            pages.push((format!("{DIFF_CHECKS_DIR}/{}.md", check.id), diff_check_page(check, family.title)));
        }
    }
    pages
}

/// The end of `docs/SUMMARY.md`, from [`SUMMARY_TAIL_START`]: the two indexes, each with
/// its pages nested below it, ending with a line break.
pub fn summary_tail() -> String {
    let mut out = format!("{SUMMARY_TAIL_START}\n");
    for rule in registry::all() {
        out.push_str(&format!("  - [{id}]({RULES_DIR}/{id}.md)\n", id = rule.id));
    }
    out.push_str("- [Diff checks](diff-checks.md)\n");
    for check in crate::diff::registry::all() {
        out.push_str(&format!("  - [{id}]({DIFF_CHECKS_DIR}/{id}.md)\n", id = check.id));
    }
    out
}

/// The page of one rule or diff check by id, as `apigen rules --format markdown ID` prints it.
pub fn page(id: &str) -> Option<String> {
    let check = crate::diff::registry::FAMILIES
        .iter()
        .find_map(|f| f.checks.iter().find(|c| c.id == id).map(|c| diff_check_page(c, f.title)));
    check.or_else(|| FAMILIES.iter().find_map(|(family, rules)| rules.iter().find(|r| r.id == id).map(|r| rule_page(r, family))))
}

/// The first line of every generated page: where it comes from and how it is refreshed.
const GENERATED: &str = "<!-- Generated from apigen's registries (`apigen rules --format markdown [ID]` prints it); \
                         do not edit: `APIGEN_BLESS=1 cargo test --test docs` rewrites it. -->\n\n";

/// The index of every rule, grouped by family: what `apigen rules --format markdown` prints.
pub fn rules_index() -> String {
    let mut out = GENERATED.to_string();
    out.push_str(
        "# Rules\n\n\
         `apigen check` reports a finding of one of these rules. Ids are stable; each rule names the section of\n\
         [the API standard](standard.md) it comes from. `apigen rules` prints this list, `apigen rules ID` one rule's page.\n\
         A rule's level is set in [`apigen.toml`](configuration.md) `[rules]`; the rules marked *blocking* stop\n\
         `apigen generate` and cannot be lowered or silenced.\n",
    );
    for (family, rules) in FAMILIES {
        let rows = rules.iter().map(|rule| {
            let blocking = if registry::is_blocking(rule.id) { " (blocking)" } else { "" };
            (rule.id, rule.level.as_str(), format!("{}{blocking}", rule.summary))
        });
        index_table(&mut out, family, "rule | level", RULES_DIR, rows);
    }
    out
}

/// The index of every diff check, grouped by family.
pub fn diff_checks_index() -> String {
    let mut out = GENERATED.to_string();
    out.push_str(
        "# Diff checks\n\n\
         `apigen diff` classifies every change between two versions of a spec by one of these checks: `breaking`\n\
         (clients built for the base may fail), `non-breaking` or `deprecation`. Ids are stable; `apigen rules ID`\n\
         prints a check's page. See [`apigen diff`](diff.md) for how changes are matched and judged.\n",
    );
    for family in crate::diff::registry::FAMILIES {
        let title = capitalized(family.title.strip_prefix("Diff: ").unwrap_or(family.title));
        let rows = family.checks.iter().map(|check| (check.id, check.kind.as_str(), check.summary.to_string()));
        index_table(&mut out, &title, "check | kind", DIFF_CHECKS_DIR, rows);
    }
    out
}

/// One family's section of an index: a heading and a table of (id, level or kind, summary)
/// rows, each id linking to its page in `dir`.
fn index_table<'a>(
    out: &mut String,
    title: &str,
    columns: &str,
    dir: &str,
    rows: impl Iterator<Item = (&'a str, &'a str, String)>,
) {
    out.push_str(&format!("\n## {title}\n\n| {columns} | reports |\n|---|---|---|\n"));
    for (id, level, summary) in rows {
        out.push_str(&format!("| [`{id}`]({dir}/{id}.md) | {level} | {} |\n", table_cell(&summary)));
    }
}

fn rule_page(rule: &Rule, family: &str) -> String {
    let mut out = GENERATED.to_string();
    let blocking = if registry::is_blocking(rule.id) { ", blocking" } else { "" };
    out.push_str(&format!(
        "# `{id}`\n\n**Level:** {level}{blocking} · **Family:** {family} · [all rules](../rules.md)\n\n{summary}.\n\n## Why\n\n{why}\n\n## Source\n\n{source}\n\n\
         ## Reported\n\n```yaml\n{bad}\n```\n\n## Passes\n\n```yaml\n{good}\n```\n\n## Settings\n\n",
        id = rule.id,
        level = rule.level,
        summary = capitalized(rule.summary),
        why = rule.rationale,
        source = source_links(rule.source),
        bad = rule.bad,
        good = rule.good,
    ));
    if registry::is_blocking(rule.id) {
        out.push_str(
            "Blocking: the model apigen builds is wrong where this rule reports, so `apigen generate` stops at it\n\
             (`--allow-errors` goes ahead anyway). Neither `[rules]` in `apigen.toml` nor `x-apigen-ignore` lowers or hides it.\n",
        );
    } else {
        out.push_str(&format!(
            "```toml\n# apigen.toml\n[rules]\n{id} = \"off\"   # or \"info\", \"warn\", \"error\"\n```\n\n\
             Silence it on one node and below: `x-apigen-ignore: [{id}]`.\n",
            id = rule.id
        ));
    }
    out
}

fn diff_check_page(check: &DiffCheck, family: &str) -> String {
    let mut out = GENERATED.to_string();
    out.push_str(&format!(
        "# `{id}`\n\n**Kind:** {kind} · **Judges:** the {direction} · **Family:** {family} · [all diff checks](../diff-checks.md)\n\n{summary}.\n\n## Why\n\n{why}\n\n\
         ## Source\n\n{source}\n\n## Base\n\n```yaml\n{before}\n```\n\n## Head (reported)\n\n```yaml\n{after}\n```\n\n\
         ## Accepting an intentional change\n\n```toml\n# apigen.toml\n[[diff.accept]]\ncheck = \"{id}\"\n\
         operation = \"METHOD /path\"   # or: pointer = \"/paths/…\"\nreason = \"…\"\n```\n",
        id = check.id,
        kind = check.kind,
        direction = check.direction.as_str(),
        family = family.strip_prefix("Diff: ").map(capitalized).unwrap_or_else(|| family.to_string()),
        summary = capitalized(check.summary),
        why = check.rationale,
        source = source_links(check.source),
        before = check.before,
        after = check.after,
    ));
    out
}

/// A registry `source` with its `docs/standard.md §N Title` parts linked to the section.
fn source_links(source: &str) -> String {
    source
        .split("; ")
        .map(|part| match part.strip_prefix("docs/standard.md §") {
            Some(section) => format!("[The API standard, §{section}](../standard.md#{})", heading_id(section)),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The anchor GitHub and mdBook give a heading of plain words: lowercase, words joined
/// by `-`, punctuation dropped (`3. Naming` → `3-naming`).
fn heading_id(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_and_diff_check_has_a_page_and_a_summary_line() {
        let pages = pages();
        let summary = summary_tail();
        for id in registry::all().map(|r| r.id).chain(crate::diff::registry::all().map(|c| c.id)) {
            let page = page(id).expect("a page");
            assert!(page.contains(&format!("# `{id}`")), "{id}");
            assert!(pages.iter().any(|(_, text)| *text == page), "{id}");
            assert!(summary.contains(&format!("[{id}](")), "{id}");
        }
        assert_eq!(pages.len(), 2 + registry::all().count() + crate::diff::registry::all().count());
    }

    #[test]
    fn sources_link_the_standard_section() {
        assert_eq!(
            source_links("docs/standard.md §2 Versioning and deprecation; RFC 8594 (Sunset header)"),
            "[The API standard, §2 Versioning and deprecation](../standard.md#2-versioning-and-deprecation); RFC 8594 (Sunset header)"
        );
        assert_eq!(
            source_links("OpenAPI 3.0 §4.8.25 Discriminator Object"),
            "OpenAPI 3.0 §4.8.25 Discriminator Object"
        );
    }

    #[test]
    fn blocking_rules_say_they_cannot_be_lowered() {
        assert!(page("oas-parse").unwrap().contains("Blocking:"));
        assert!(page("path-kebab-case").unwrap().contains("path-kebab-case = \"off\""));
    }
}
