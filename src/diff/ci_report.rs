//! `apigen diff --format gitlab` and `--format junit`: the diff as a GitLab Code Quality
//! report and as JUnit XML, built from the parts `check` writes the same formats with
//! ([`crate::check::report::gitlab`], [`crate::check::report::junit`]).
//!
//! Both list the changes of operations (a component's own entry repeats its operations'
//! changes) and the policy violations that are not a change's (version bumps).

use std::io::{self, Write};

use super::policy::Standing;
use super::report::{clean, slash, SpecDiff};
use super::{Change, Kind};
use crate::check::report::gitlab::{self, Fingerprints, Issue, IssueLocation, Lines};
use crate::check::report::junit::{self, xml_text, Case, Failure, Suite};
use crate::load::source::Location;

/// Code Quality severity: a breaking change the policy forbids and a policy violation are
/// `critical`, an accepted (or after-sunset) break `major`, a deprecation `minor`, the rest `info`.
fn severity(c: &Change, st: Standing) -> &'static str {
    match (c.kind(), st) {
        (Kind::Breaking, Standing::Forbidden) => "critical",
        (Kind::Breaking, _) => "major",
        (Kind::Deprecation, _) => "minor",
        (Kind::NonBreaking, _) => "info",
    }
}

/// Where a change is in the head document: its own node, or for a removal the nearest
/// ancestor of its base pointer the head still has (a removed operation: its path item).
fn head_location(d: &SpecDiff<'_>, c: &Change) -> Option<Location> {
    if let Some((l, _)) = d.head_at(c) {
        return Some(l);
    }
    let mut pointer = c.base.as_deref()?;
    while let Some((parent, _)) = pointer.rsplit_once('/') {
        if let Some(l) = d.head.locate(parent) {
            return Some(l);
        }
        pointer = parent;
    }
    None
}

/// The head file's path and line of a change (line 1 of the spec when nothing is located).
fn path_line(d: &SpecDiff<'_>, at: Option<Location>) -> (String, usize) {
    match at {
        Some(l) => (clean(&slash(&l.file)), l.line),
        None => (clean(&d.spec), 1),
    }
}

fn description(d: &SpecDiff<'_>, c: &Change, st: Standing) -> String {
    let mut text = format!("{} change: {}", c.kind().as_str(), clean(&c.message));
    match st {
        Standing::Accepted(a) => text.push_str(&format!(" (accepted: {})", clean(&d.accepts[a].reason))),
        Standing::Sunset => text.push_str(" (allowed: the operation's sunset date has passed)"),
        _ => {}
    }
    text
}

/// Writes the GitLab Code Quality report of every spec's diff. Fingerprints hash the check
/// id, the spec, the change's pointer (head, else base) and its message.
///
/// Errors: only I/O errors of `out`.
pub fn write_gitlab(diffs: &[SpecDiff<'_>], out: &mut dyn Write) -> io::Result<()> {
    let mut unique = Fingerprints::default();
    let mut issues = Vec::new();
    for d in diffs {
        for (c, &st) in d.changes.iter().zip(&d.verdict.standing).filter(|(c, _)| c.operation.is_some()) {
            let (path, line) = path_line(d, head_location(d, c));
            let pointer = c.head.as_deref().or(c.base.as_deref()).unwrap_or("");
            issues.push(Issue {
                description: description(d, c, st),
                check_name: c.id().to_string(),
                fingerprint: unique.next(&[c.id(), &d.spec, pointer, &c.message]),
                severity: severity(c, st),
                location: IssueLocation { path, lines: Lines { begin: line } },
            });
        }
        for v in d.verdict.violations.iter().filter(|v| v.change.is_none()) {
            let (path, line) = path_line(d, d.head.locate("/info/version"));
            issues.push(Issue {
                description: format!("version policy: {}", clean(&v.message)),
                check_name: v.id.to_string(),
                fingerprint: unique.next(&[v.id, &d.spec, "/info/version", &v.message]),
                severity: "critical",
                location: IssueLocation { path, lines: Lines { begin: line } },
            });
        }
    }
    gitlab::write_issues(&issues, out)
}

/// Writes the diff as JUnit XML: a test suite per spec, a test case per change (failing when
/// the policy forbids it) and per version-policy violation (failing).
///
/// Errors: only I/O errors of `out`.
pub fn write_junit(diffs: &[SpecDiff<'_>], out: &mut dyn Write) -> io::Result<()> {
    let suites: Vec<Suite> = diffs
        .iter()
        .map(|d| {
            let changes =
                d.changes.iter().zip(&d.verdict.standing).filter(|(c, _)| c.operation.is_some()).map(|(c, &st)| {
                    let (path, line) = path_line(d, head_location(d, c));
                    let text = format!("{}:{line}: {}", xml_text(&path), xml_text(&description(d, c, st)));
                    let forbidden = st == Standing::Forbidden;
                    Case {
                        name: c.id().to_string(),
                        classname: xml_text(c.operation.as_deref().unwrap_or(&d.spec)),
                        failure: forbidden.then(|| Failure {
                            message: xml_text(&c.message),
                            kind: c.id().to_string(),
                            text: text.clone(),
                        }),
                        output: if forbidden { Vec::new() } else { vec![text] },
                    }
                });
            let violations = d.verdict.violations.iter().filter(|v| v.change.is_none()).map(|v| Case {
                name: v.id.to_string(),
                classname: xml_text(&d.spec),
                failure: Some(Failure {
                    message: xml_text(&v.message),
                    kind: v.id.to_string(),
                    text: format!("version policy: {}", xml_text(&v.message)),
                }),
                output: Vec::new(),
            });
            Suite { name: xml_text(&d.spec), cases: changes.chain(violations).collect() }
        })
        .collect();
    junit::write_suites("apigen diff", &suites, out)
}
