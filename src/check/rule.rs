//! What a rule is: its id, default level, documentation and check
//! function, kept together in one place (as ruff does).

use chrono::NaiveDate;

use crate::diagnostic::Level;
use crate::load::Document;
use crate::model::{Api, Field, TypeDef};

/// One rule of the catalogue (docs/rules.md).
#[derive(Debug)]
pub struct Rule {
    /// Stable id, kebab-case, e.g. `path-kebab-case`. Users, configs and tests depend on it.
    pub id: &'static str,
    /// Default level; `apigen.toml` `[rules]` may change it or turn the rule off.
    pub level: Level,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it matters, a short paragraph.
    pub rationale: &'static str,
    /// The standard it comes from, e.g. `docs/standard.md §3 Naming`.
    pub source: &'static str,
    /// A YAML fragment the rule reports.
    pub bad: &'static str,
    /// The same fragment, fixed.
    pub good: &'static str,
    /// How the rule runs.
    pub check: Check,
}

/// How a rule produces findings.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// The loader reports it while reading the document (parse errors, duplicate keys, `$ref`s).
    Loader,
    /// A function over the lowered model (and the raw tree, for structural questions).
    Model(fn(&Context<'_>, &mut Sink)),
}

/// What a rule may look at.
pub struct Context<'a> {
    /// The loaded document: raw tree, positions, files.
    pub doc: &'a Document,
    /// The lowered model.
    pub api: &'a Api,
    /// Today's date, for date rules (`deprecation-sunset`); fixed in tests.
    pub today: NaiveDate,
    /// Every struct field once per property pointer, computed once for all rules.
    fields: Vec<(&'a TypeDef, &'a Field)>,
    /// Every schema object of the raw document, found on first use (by whichever rule thread asks first).
    schemas: std::sync::OnceLock<Vec<(String, &'a serde_json::Value)>>,
}

impl<'a> Context<'a> {
    /// A context over a document and its model.
    pub fn new(doc: &'a Document, api: &'a Api, today: NaiveDate) -> Self {
        let mut seen = std::collections::HashSet::new();
        let fields = api
            .types
            .types
            .iter()
            .flat_map(|def| match &def.kind {
                crate::model::TypeKind::Struct { fields, .. } => fields.as_slice(),
                _ => &[],
            }
            .iter()
            .map(move |f| (def, f)))
            .filter(|(_, f)| seen.insert(f.pointer.as_str()))
            .collect();
        Context { doc, api, today, fields, schemas: std::sync::OnceLock::new() }
    }

    /// Every struct field of every named type, once per property pointer
    /// (an `allOf` merge repeats the fields of its parts; they are reported once,
    /// where they are written).
    pub fn fields(&self) -> impl Iterator<Item = (&'a TypeDef, &'a Field)> + '_ {
        self.fields.iter().copied()
    }

    /// Every schema object of the raw document with its pointer, each once where it is
    /// written (a `$ref`'d schema at its definition), in document order.
    pub fn schemas(&self) -> &[(String, &'a serde_json::Value)] {
        self.schemas.get_or_init(|| super::rules::document::collect_schemas(&self.doc.root))
    }

    /// The raw node at a pointer.
    pub fn raw(&self, pointer: &str) -> Option<&'a serde_json::Value> {
        self.doc.get(pointer)
    }
}

/// Collects the findings of one rule.
#[derive(Debug, Default)]
pub struct Sink {
    pub(crate) findings: Vec<Finding>,
}

/// A rule's finding before the engine adds the rule id, level and location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// JSON pointer of the node to blame (the most specific one).
    pub pointer: String,
    /// One line, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Sink {
    /// Reports a finding at a pointer; chain [`Finding::help`] to add a fix.
    pub fn report(&mut self, pointer: impl Into<String>, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding { pointer: pointer.into(), message: message.into(), help: None });
        self.findings.last_mut().expect("just pushed")
    }
}

impl Finding {
    /// Sets the fix hint.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
}
