//! Helpers for rule tests: check a YAML text and pick one rule's findings.

use std::path::Path;

use chrono::NaiveDate;

use super::engine::check_document;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::Document;

/// The date rule tests run on.
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

/// Checks `yaml` (as file `test.yaml`) with default config and returns every diagnostic.
pub(crate) fn check(yaml: &str) -> Vec<Diagnostic> {
    let doc = Document::from_bytes(Path::new("test.yaml"), yaml.as_bytes().to_vec());
    check_document(doc, &Config::default(), today()).diagnostics
}

/// The findings of one rule as (pointer, line) pairs, in position order.
pub(crate) fn findings(yaml: &str, rule: &str) -> Vec<(String, usize)> {
    check(yaml)
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| (d.pointer, d.location.map_or(0, |l| l.line)))
        .collect()
}

/// Wraps `paths:` YAML (indented two spaces, as under `paths:`) and optional
/// `components:` YAML into a minimal OpenAPI 3.0.3 document. The header is 6 lines,
/// so the first line of `paths` is line 7.
pub(crate) fn doc(paths: &str, components: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo:\n  title: Test\n  version: 1.0.0\nservers: [{{url: 'https://api.example.com'}}]\npaths:\n{paths}components:\n{components}"
    )
}
