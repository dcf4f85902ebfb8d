//! Runs the rules over one document: loader findings, then every enabled
//! model rule; applies configured levels and `x-apigen-ignore`, adds
//! locations, removes repeats and sorts by position.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, OnceLock};

use chrono::NaiveDate;

use super::registry;
use super::rule::{Check, Context, Rule, Sink};
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

/// The level a rule runs at under a config, or `None` when it is off. A blocking rule
/// (see [`registry::BLOCKING`]) always runs at `error`.
fn effective_level(config: &Config, id: &str, default: Level) -> Option<Level> {
    if registry::is_blocking(id) {
        return Some(Level::Error);
    }
    match config.rules.get(id) {
        Some(setting) => setting.level(),
        None => Some(default),
    }
}

/// Checks a document. When its shape check has not run yet (see
/// [`Document::read_within`]), it runs on a second thread beside lowering, and that
/// thread then takes rules from the same queue as the first; only if the shape check
/// leaves parts out is the model lowered again without them. `today` is the date
/// deprecation rules measure from.
pub fn check_document(mut doc: Document, config: &Config, today: NaiveDate) -> Checked {
    let rules = RuleQueue::new(config);
    let (api, mut model_findings) = if doc.shape_checked {
        model_pass(&doc, &rules, today)
    } else {
        let lowered = OnceLock::new();
        let (shape, found) = {
            let context = OnceLock::new();
            let (ready, wait) = mpsc::channel::<()>();
            let (doc, context_ref, rules_ref) = (&doc, &context, &rules);
            std::thread::scope(|scope| {
                let helper = std::thread::Builder::new()
                    .stack_size(SHAPE_STACK)
                    .spawn_scoped(scope, move || {
                        let shape = doc.shape();
                        // An error means the first thread ended without a model (or panicked).
                        let helped = match (wait.recv(), context_ref.get()) {
                            (Ok(()), Some(Some(ctx))) => rules_ref.run(ctx),
                            _ => Vec::new(),
                        };
                        (shape, helped)
                    })
                    .expect("spawn the shape check");
                let api = lowered.get_or_init(|| lower(doc, &config.conventions)).as_ref();
                let ctx = context.get_or_init(|| api.map(|api| Context::new(doc, api, today)));
                let _ = ready.send(());
                let mut found = ctx.as_ref().map_or_else(Vec::new, |ctx| rules.run(ctx));
                let shape = match helper.join() {
                    Ok((shape, helped)) => {
                        found.extend(helped);
                        shape
                    }
                    Err(_) => unreadable(),
                };
                (shape, found)
            })
        };
        doc.apply_shape(shape);
        let api = lowered.into_inner().flatten();
        if doc.dropped.is_empty() && doc.fits_shape {
            (api, RuleQueue::ordered(found))
        } else {
            model_pass(&doc, &rules.restart(), today)
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
    // The spec cannot silence what makes its own model wrong.
    out.retain(|d| {
        registry::is_blocking(d.rule)
            || !doc.ignores.iter().any(|(at, ids)| covers(at, &d.pointer) && ids.iter().any(|id| id == d.rule))
    });
    // The first of each (rule, pointer, message), found without copying the strings.
    let mut seen = HashSet::new();
    let first: Vec<bool> = out.iter().map(|d| seen.insert((d.rule, d.pointer.as_str(), d.message.as_str()))).collect();
    drop(seen);
    let mut first = first.into_iter();
    out.retain(|_| first.next().unwrap_or(true));
    out.sort_by(|a, b| position(a).cmp(&position(b)).then(a.rule.cmp(b.rule)).then(a.pointer.cmp(&b.pointer)));
    let api = api.filter(|_| doc.fits_shape);
    Checked { doc, api, diagnostics: out }
}

/// Where a finding is, as the report is ordered: file, line, column (none first).
fn position(d: &Diagnostic) -> Option<(&Path, usize, usize)> {
    d.location.as_ref().map(|l| (l.file.as_path(), l.line, l.column))
}

/// The shape check's result when its thread panicked.
fn unreadable() -> crate::load::Shape {
    let message = "the document could not be read as OpenAPI";
    crate::load::Shape {
        fits: false,
        diagnostics: vec![Diagnostic::new("oas-parse", Level::Error, "", message)],
        dropped: Vec::new(),
    }
}

/// Stack of the shape-check thread: serde recursion on deeply nested schemas.
const SHAPE_STACK: usize = 256 * 1024 * 1024;

/// Lowers the document and runs every enabled model rule on this thread.
fn model_pass(doc: &Document, rules: &RuleQueue, today: NaiveDate) -> (Option<Api>, Vec<Diagnostic>) {
    let Some(api) = lower(doc, &rules.config.conventions) else { return (None, Vec::new()) };
    let found = rules.run(&Context::new(doc, &api, today));
    (Some(api), RuleQueue::ordered(found))
}

/// The enabled model rules at their configured levels, handed out one at a time to
/// whichever thread asks next.
struct RuleQueue<'c> {
    config: &'c Config,
    rules: Vec<(&'static Rule, Level)>,
    next: AtomicUsize,
}

impl<'c> RuleQueue<'c> {
    fn new(config: &'c Config) -> Self {
        let rules = registry::all()
            .filter_map(|rule| match rule.check {
                Check::Model(_) => Some((rule, effective_level(config, rule.id, rule.level)?)),
                _ => None,
            })
            .collect();
        RuleQueue { config, rules, next: AtomicUsize::new(0) }
    }

    /// The same rules, none taken yet.
    fn restart(&self) -> Self {
        RuleQueue { config: self.config, rules: self.rules.clone(), next: AtomicUsize::new(0) }
    }

    /// Runs rules until none is left: each rule's findings under its place in the queue.
    fn run(&self, ctx: &Context<'_>) -> Vec<(usize, Vec<Diagnostic>)> {
        let mut out = Vec::new();
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(&(rule, level)) = self.rules.get(i) else { return out };
            let mut sink = Sink::default();
            if let Check::Model(check) = rule.check {
                check(ctx, &mut sink);
            }
            let found = sink.findings.into_iter().map(|f| Diagnostic {
                rule: rule.id,
                level,
                message: f.message,
                location: ctx.doc.locate(&f.pointer),
                pointer: f.pointer,
                help: f.help,
            });
            out.push((i, found.collect()));
        }
    }

    /// Findings in queue order, whichever thread ran each rule.
    fn ordered(mut found: Vec<(usize, Vec<Diagnostic>)>) -> Vec<Diagnostic> {
        found.sort_by_key(|(i, _)| *i);
        found.into_iter().flat_map(|(_, d)| d).collect()
    }
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
