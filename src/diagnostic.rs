//! Diagnostics: what a rule (or the loader) found, where, and how to fix it.

use serde::{Deserialize, Serialize};

use crate::load::source::Location;

/// How serious a finding is. Ordered: `Info < Warn < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A suggestion; never fails a run unless the fail level is `info`.
    Info,
    /// A convention is not followed; fails the run with `--deny warnings`.
    Warn,
    /// The document breaks a standard or cannot be used; fails the run.
    Error,
}

impl Level {
    /// The lowercase name used in reports and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: the rule id, its effective level, a one-line message, the JSON
/// pointer of the node in the (bundled) document, its file position and an
/// optional fix hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable rule id from the catalogue (docs/rules.md), e.g. `path-kebab-case`.
    pub rule: &'static str,
    /// Effective level after configuration.
    pub level: Level,
    /// One line, no trailing period.
    pub message: String,
    /// RFC 6901 JSON pointer into the document (`""` is the root).
    pub pointer: String,
    /// Where the node is in a file, when it was read from one.
    pub location: Option<Location>,
    /// How to fix it, when there is something specific to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no location and no help yet.
    pub fn new(rule: &'static str, level: Level, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { rule, level, message: message.into(), pointer: pointer.into(), location: None, help: None }
    }

    /// Adds a fix hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
