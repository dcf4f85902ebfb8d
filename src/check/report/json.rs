//! The JSON report: `{"diagnostics": [...], "summary": {...}}`. Field names are stable.

use std::io::{self, Write};

use serde::Serialize;

use super::{slash_path, BaselineReport, FileReport, Summary};
use crate::check::baseline::Entry;

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    level: &'a str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    pointer: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Baseline<'a> {
    baselined: usize,
    fixed: &'a [Entry],
}

#[derive(Serialize)]
struct Report<'a> {
    diagnostics: Vec<Item<'a>>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Baseline<'a>>,
}

pub(super) fn write(reports: &[FileReport<'_>], baseline: Option<BaselineReport<'_>>, out: &mut dyn Write) -> io::Result<()> {
    let diagnostics = reports
        .iter()
        .flat_map(|r| r.diagnostics)
        .map(|d| Item {
            rule: d.rule,
            level: d.level.as_str(),
            message: &d.message,
            file: d.location.as_ref().map(|l| slash_path(&l.file)),
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().map(|l| l.column),
            pointer: &d.pointer,
            help: d.help.as_deref(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Report { diagnostics, summary: Summary::of(reports), baseline: baseline.map(|b| Baseline { baselined: b.baselined, fixed: b.fixed }) })?;
    writeln!(out)
}
