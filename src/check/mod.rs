//! `apigen check`: runs the rule catalogue over a loaded document and
//! reports diagnostics (docs/check.md, docs/rules.md).

pub mod baseline;
pub mod engine;
pub mod pattern;
pub mod registry;
pub mod report;
pub mod rule;
pub mod rules;
pub(crate) mod string_format;
#[cfg(test)]
pub(crate) mod testing;

pub use engine::{check_document, Checked};
pub use rule::{Check, Context, Finding, Rule, Sink};
