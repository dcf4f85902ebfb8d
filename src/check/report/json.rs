//! The JSON report: `{"version": 1, "diagnostics": [...], "summary": {...}}`. Field names are
//! stable; docs/schemas/check-report.schema.json describes the shape of [`VERSION`].
//! Text from files (messages, pointers, paths, baseline entries) is written as visible
//! single lines ([`crate::text::visible`]), as in every other format.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::{slash_path, BaselineReport, FileReport, Summary};
use crate::check::baseline::Entry;
use crate::text::visible;

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    level: &'a str,
    message: Cow<'a, str>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    pointer: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
}

#[derive(Serialize)]
struct Baseline {
    baselined: usize,
    fixed: Vec<Entry>,
}

/// The version of the report's shape, written as `"version"`: raised when a field changes
/// meaning or goes away (new fields do not raise it).
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<Item<'a>>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Baseline>,
}

pub(super) fn write(reports: &[FileReport<'_>], baseline: Option<BaselineReport<'_>>, out: &mut dyn Write) -> io::Result<()> {
    let diagnostics = reports
        .iter()
        .flat_map(|r| r.diagnostics)
        .map(|d| Item {
            rule: d.rule,
            level: d.level.as_str(),
            message: visible(&d.message),
            file: d.location.as_ref().map(|l| slash_path(&l.file)),
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().map(|l| l.column),
            pointer: visible(&d.pointer),
            help: d.help.as_deref().map(visible),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Report { version: VERSION, diagnostics, summary: Summary::of(reports), baseline: baseline.map(|b| Baseline { baselined: b.baselined, fixed: b.fixed.iter().map(Entry::visible).collect() }) })?;
    writeln!(out)
}
