//! Runs the rules over one document: loader findings, then every enabled
//! model rule; applies configured levels and `x-apigen-ignore`, adds
//! locations, removes repeats and sorts by position.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::registry;
use super::rule::{Check, Context, Sink};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::load::Document;
use crate::model::{lower, Api};

/// The result of checking one document.
#[derive(Debug)]
pub struct Checked {
    /// The loaded document (files for the report's source lines).
    pub doc: Document,
    /// The model, when the document could be lowered.
    pub api: Option<Api>,
    /// Findings, sorted by file position then rule id.
    pub diagnostics: Vec<Diagnostic>,
}

/// The level a rule runs at under a config, or `None` when it is off.
fn effective_level(config: &Config, id: &str, default: Level) -> Option<Level> {
    match config.rules.get(id) {
        Some(setting) => setting.level(),
        None => Some(default),
    }
}

/// Checks a document. When its shape check has not run yet (see
/// [`Document::read_within`]), it runs on a second thread beside lowering and the
/// rules; only if it leaves parts out is the model lowered again without them.
/// `today` is the date deprecation rules measure from.
pub fn check_document(mut doc: Document, config: &Config, today: NaiveDate) -> Checked {
    let (api, mut model_findings) = if doc.shape_checked {
        model_pass(&doc, config, today)
    } else {
        let (shape, first) = std::thread::scope(|scope| {
            let shape = std::thread::Builder::new()
                .stack_size(SHAPE_STACK)
                .spawn_scoped(scope, || doc.shape())
                .expect("spawn the shape check");
            let first = model_pass(&doc, config, today);
            (shape.join(), first)
        });
        let shape = shape.unwrap_or_else(|_| crate::load::Shape {
            openapi: None,
            diagnostics: vec![Diagnostic::new("oas-parse", Level::Error, "", "the document could not be read as OpenAPI")],
            dropped: Vec::new(),
        });
        doc.apply_shape(shape);
        if doc.dropped.is_empty() && doc.openapi.is_some() {
            first
        } else {
            model_pass(&doc, config, today)
        }
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    for d in &doc.diagnostics {
        let default = registry::get(d.rule).map_or(d.level, |r| r.level);
        if let Some(level) = effective_level(config, d.rule, default) {
            out.push(Diagnostic { level, ..d.clone() });
        }
    }
    out.append(&mut model_findings);
    out.retain(|d| !doc.ignores.iter().any(|(at, ids)| covers(at, &d.pointer) && ids.iter().any(|id| id == d.rule)));
    let mut seen = HashSet::new();
    out.retain(|d| seen.insert((d.rule, d.pointer.clone(), d.message.clone())));
    out.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.location.as_ref().map(|l| (l.file.clone(), l.line, l.column));
        key(a).cmp(&key(b)).then(a.rule.cmp(b.rule)).then(a.pointer.cmp(&b.pointer))
    });
    let api = api.filter(|_| doc.openapi.is_some());
    Checked { doc, api, diagnostics: out }
}

/// Stack of the shape-check thread: serde recursion on deeply nested schemas.
const SHAPE_STACK: usize = 256 * 1024 * 1024;

/// Lowers the document and runs every enabled model rule.
fn model_pass(doc: &Document, config: &Config, today: NaiveDate) -> (Option<Api>, Vec<Diagnostic>) {
    let Some(api) = lower(doc, &config.conventions) else { return (None, Vec::new()) };
    let mut out = Vec::new();
    let ctx = Context::new(doc, &api, today);
    for rule in registry::all() {
        let Check::Model(check) = rule.check else { continue };
        let Some(level) = effective_level(config, rule.id, rule.level) else { continue };
        let mut sink = Sink::default();
        check(&ctx, &mut sink);
        for f in sink.findings {
            out.push(Diagnostic { rule: rule.id, level, message: f.message, location: doc.locate(&f.pointer), pointer: f.pointer, help: f.help });
        }
    }
    (Some(api), out)
}

/// Whether a node at `at` covers `pointer` (itself or a descendant).
fn covers(at: &str, pointer: &str) -> bool {
    pointer == at || (pointer.starts_with(at) && pointer.as_bytes().get(at.len()) == Some(&b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_only_self_and_descendants() {
        assert!(covers("/paths/~1a", "/paths/~1a"));
        assert!(covers("/paths/~1a", "/paths/~1a/get"));
        assert!(!covers("/paths/~1a", "/paths/~1ab"));
        assert!(covers("", "/anything"));
    }
}
