//! Report formats for `apigen check` (docs/check.md, "Report formats"):
//! `human` (rustc-like, coloured on a terminal), `json` (one stable object per
//! diagnostic plus a summary), `sarif` (SARIF 2.1.0 for code scanning),
//! `github` (workflow commands that annotate pull requests), `gitlab` (a GitLab Code
//! Quality report) and `junit` (JUnit XML test reports). The JSON shapes are described
//! by the JSON Schemas in `docs/schemas/`.

pub(crate) mod gitlab;
pub(crate) mod github;
mod human;
mod json;
pub(crate) mod junit;
mod sarif;

use std::io::{self, Write};

use crate::check::baseline::Entry;
use crate::diagnostic::{Diagnostic, Level};
use crate::load::source::SourceFile;

/// Which report to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like: `error[rule-id]: message`, `--> file:line:col`, the source line with a caret, `help:`.
    Human,
    /// `{"version": 1, "diagnostics": [...], "summary": {...}}`, stable field names (schema: docs/schemas/check-report.schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=rule-id::message`).
    Github,
    /// GitLab Code Quality report (`artifacts: reports: codequality`): a JSON array of issues with stable fingerprints.
    Gitlab,
    /// JUnit XML (`artifacts: reports: junit`, Jenkins, Azure): a test suite per document, a test case per rule, failing at the `--deny` level.
    Junit,
}

/// The findings of one checked document, with the files they point into.
pub struct FileReport<'a> {
    /// The document's own file (as given on the command line).
    pub files: &'a [SourceFile],
    /// Findings, in position order.
    pub diagnostics: &'a [Diagnostic],
}

/// Counts by level over every report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Documents checked.
    pub files: usize,
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warn level.
    pub warnings: usize,
    /// Findings at info level.
    pub infos: usize,
}

impl Summary {
    /// Counts the findings of some reports.
    pub fn of(reports: &[FileReport<'_>]) -> Summary {
        let mut s = Summary { files: reports.len(), ..Summary::default() };
        for d in reports.iter().flat_map(|r| r.diagnostics) {
            match d.level {
                Level::Error => s.errors += 1,
                Level::Warn => s.warnings += 1,
                Level::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Options of the human report.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// Write ANSI colours (the caller decides from `--color`, `NO_COLOR` and the terminal).
    pub color: bool,
    /// No summary line.
    pub quiet: bool,
}

/// What a baseline did to a run: the reports then hold only new findings.
#[derive(Debug, Clone, Copy)]
pub struct BaselineReport<'a> {
    /// Findings the baseline holds (not reported).
    pub baselined: usize,
    /// Baseline entries of the checked documents that no longer occur.
    pub fixed: &'a [Entry],
}

/// What the CI formats need beyond the findings.
#[derive(Debug, Clone, Copy)]
pub struct CiOptions<'a> {
    /// The level at which findings fail the run (`junit` fails a rule's test case at it).
    pub fail_at: Level,
    /// Per report, per finding: the finding's baseline fingerprint ([`crate::check::baseline::fingerprint`]),
    /// the `gitlab` fingerprint's basis. Empty when unknown: `gitlab` then hashes rule, file, pointer and message.
    pub fingerprints: &'a [Vec<String>],
}

impl Default for CiOptions<'_> {
    fn default() -> Self {
        CiOptions { fail_at: Level::Error, fingerprints: &[] }
    }
}

/// Writes the reports in a format.
///
/// Errors: only I/O errors of `out`.
pub fn write(format: Format, reports: &[FileReport<'_>], human: HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    write_with_baseline(format, reports, None, human, CiOptions::default(), out)
}

/// Writes the reports in a format, with what a baseline filtered out (`None`: no baseline):
/// fixed entries are listed once, SARIF results carry `baselineState`.
///
/// Errors: only I/O errors of `out`.
pub fn write_with_baseline(
    format: Format,
    reports: &[FileReport<'_>],
    baseline: Option<BaselineReport<'_>>,
    human: HumanOptions,
    ci: CiOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, baseline, human, out),
        Format::Json => json::write(reports, baseline, out),
        Format::Sarif => sarif::write(reports, baseline, out),
        Format::Github => github::write(reports, baseline, out),
        Format::Gitlab => gitlab::write(reports, ci.fingerprints, out),
        Format::Junit => junit::write(reports, baseline, ci.fail_at, out),
    }
}

/// A path as a forward-slash string, for machine formats; one visible line.
fn slash_path(path: &std::path::Path) -> String {
    crate::text::visible(&path.to_string_lossy().replace('\\', "/")).into_owned()
}
