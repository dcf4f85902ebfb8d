//! GitLab Code Quality report: a JSON array of issues (`description`, `check_name`,
//! `fingerprint`, `severity`, `location.path`, `location.lines.begin`), the artifact of
//! `artifacts: reports: codequality`. GitLab matches issues between the merge request and
//! its target branch by fingerprint, so fingerprints are stable: for `check`, the baseline
//! fingerprint of the finding (rule, stable pointer, message with numbers blanked; see
//! [`crate::check::baseline`]) hashed with the document's path. Repeats of one fingerprint
//! get the repeat's number mixed in, keeping every fingerprint of a report unique.
//! Fixed baseline entries are not written: GitLab shows fixed issues by comparing reports.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{slash_path, FileReport};
use crate::diagnostic::Level;
use crate::text::visible;

/// One Code Quality issue.
#[derive(Serialize)]
pub(crate) struct Issue {
    /// One line.
    pub description: String,
    /// The rule or diff check id.
    pub check_name: String,
    /// Unique in the report, stable across runs (see the module documentation).
    pub fingerprint: String,
    /// `info`, `minor`, `major`, `critical` or `blocker`.
    pub severity: &'static str,
    /// Where the issue is.
    pub location: IssueLocation,
}

/// `{"path": …, "lines": {"begin": …}}`.
#[derive(Serialize)]
pub(crate) struct IssueLocation {
    /// The file, with `/` separators.
    pub path: String,
    /// `{"begin": line}`.
    pub lines: Lines,
}

/// `{"begin": line}`, 1-based.
#[derive(Serialize)]
pub(crate) struct Lines {
    /// The first line of the issue.
    pub begin: usize,
}

/// Hands out unique, stable fingerprints: the SHA-256 (lowercase hex) of the parts, each
/// followed by a NUL; the n-th repeat (n ≥ 2) of the same parts hashes its number in too.
#[derive(Default)]
pub(crate) struct Fingerprints(HashMap<String, usize>);

impl Fingerprints {
    /// The fingerprint of the next issue with these parts.
    pub(crate) fn next(&mut self, parts: &[&str]) -> String {
        let first = sha256(parts.iter().copied());
        let seen = self.0.entry(first.clone()).or_default();
        *seen += 1;
        if *seen == 1 {
            first
        } else {
            sha256([first.as_str(), &seen.to_string()].into_iter())
        }
    }
}

fn sha256<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
}

/// Writes the issues as a pretty JSON array.
///
/// Errors: only I/O errors of `out`.
pub(crate) fn write_issues(issues: &[Issue], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, issues)?;
    writeln!(out)
}

fn severity(level: Level) -> &'static str {
    match level {
        Level::Error => "major",
        Level::Warn => "minor",
        Level::Info => "info",
    }
}

/// `fingerprints[i][j]`: the baseline fingerprint of finding `j` of report `i`, when known.
pub(super) fn write(reports: &[FileReport<'_>], fingerprints: &[Vec<String>], out: &mut dyn Write) -> io::Result<()> {
    let mut unique = Fingerprints::default();
    let mut issues = Vec::new();
    for (i, report) in reports.iter().enumerate() {
        let document = report.files.first().map(|f| slash_path(&f.path)).unwrap_or_default();
        for (j, d) in report.diagnostics.iter().enumerate() {
            let (path, line) = match &d.location {
                Some(l) => (slash_path(&l.file), l.line),
                None => (document.clone(), 1),
            };
            let fingerprint = match fingerprints.get(i).and_then(|f| f.get(j)) {
                Some(known) => unique.next(&[&document, known]),
                None => unique.next(&[d.rule, &path, &d.pointer, &d.message]),
            };
            let mut description = visible(&d.message).into_owned();
            if let Some(help) = &d.help {
                description.push_str(&format!(" (help: {})", visible(help)));
            }
            issues.push(Issue {
                description,
                check_name: d.rule.to_string(),
                fingerprint,
                severity: severity(d.level),
                location: IssueLocation { path, lines: Lines { begin: line } },
            });
        }
    }
    write_issues(&issues, out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprints_are_stable_and_unique() {
        let mut f = super::Fingerprints::default();
        let a = f.next(&["rule", "x"]);
        let b = f.next(&["rule", "x"]);
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        let mut g = super::Fingerprints::default();
        assert_eq!(g.next(&["rule", "x"]), a);
        assert_ne!(g.next(&["rulex", ""]), a, "parts are separated");
    }
}
