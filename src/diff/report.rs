//! Reports of `apigen diff`: `human` (grouped by operation, base and head
//! locations with code frames), `json` (the documented, stable shape),
//! `markdown` (a changelog section), `sarif` (2.1.0) and `github` (workflow
//! commands). Every message, pointer, path and quoted source line is text from a
//! file and goes through [`clean`] ([`crate::text::visible`]) before it reaches a report.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::policy::{Accept, Standing, Verdict};
use super::{registry, Change, Kind, NotCompared};
use crate::load::source::Location;
use crate::load::Document;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by operation, with base and head locations and code frames.
    Human,
    /// `{"version": 1, "changes": […], "not_compared": […], "policy": {…}, "summary": {…}}` (schema: docs/schemas/diff-report.schema.json).
    Json,
    /// A changelog section for a pull request comment or CHANGELOG.md.
    Markdown,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// GitLab Code Quality report: an issue per change at the head's line, breaking changes `critical`.
    Gitlab,
    /// JUnit XML: a test suite per spec, a test case per change, failing when the policy forbids it.
    Junit,
}

/// The version of the JSON report's shape, written as `"version"`: raised when a field
/// changes meaning or goes away (new fields do not raise it).
pub const JSON_VERSION: u32 = 1;

/// The diff of one spec, judged.
pub struct SpecDiff<'a> {
    /// The spec as the user named it (the head's path).
    pub spec: String,
    /// The base document.
    pub base: &'a Document,
    /// The head document.
    pub head: &'a Document,
    /// Every change.
    pub changes: Vec<Change>,
    /// The policy's judgement.
    pub verdict: Verdict,
    /// The `[[diff.accept]]` entries in force (indices of [`Standing::Accepted`]).
    pub accepts: Vec<Accept>,
    /// Parts the comparison left out (each also a `not-compared` violation of `verdict`).
    pub not_compared: Vec<NotCompared>,
}

impl SpecDiff<'_> {
    fn base_at(&self, c: &Change) -> Option<(Location, String)> {
        c.base.as_ref().and_then(|p| self.base.locate(p).map(|l| (l, p.clone())))
    }

    pub(super) fn head_at(&self, c: &Change) -> Option<(Location, String)> {
        c.head.as_ref().and_then(|p| self.head.locate(p).map(|l| (l, p.clone())))
    }
}

/// Counts over every spec of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Breaking changes (accepted or not).
    pub breaking: usize,
    /// Of them, accepted in `apigen.toml`.
    pub accepted: usize,
    /// Of them, removals after a passed sunset.
    pub sunset: usize,
    /// Non-breaking changes.
    pub non_breaking: usize,
    /// Deprecations.
    pub deprecation: usize,
    /// Policy violations.
    pub violations: usize,
}

impl Summary {
    /// Counts the changes and violations of every spec. A component's own entry repeats
    /// the changes of the operations that reach it and is not counted.
    pub fn of(diffs: &[SpecDiff<'_>]) -> Summary {
        let mut s = Summary::default();
        for d in diffs {
            for (c, st) in d.changes.iter().zip(&d.verdict.standing).filter(|(c, _)| c.operation.is_some()) {
                match c.kind() {
                    Kind::Breaking => s.breaking += 1,
                    Kind::NonBreaking => s.non_breaking += 1,
                    Kind::Deprecation => s.deprecation += 1,
                }
                match st {
                    Standing::Accepted(_) => s.accepted += 1,
                    Standing::Sunset => s.sunset += 1,
                    _ => {}
                }
            }
            s.violations += d.verdict.violations.len();
        }
        s
    }

    /// Changes counted: of operations, not components' own entries.
    pub fn changes(&self) -> usize {
        self.breaking + self.non_breaking + self.deprecation
    }
}

/// Writes a report of every spec's diff.
pub fn write(format: Format, diffs: &[SpecDiff<'_>], color: bool, quiet: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human(diffs, color, quiet, out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(diffs))?;
            writeln!(out)
        }
        Format::Markdown => markdown(diffs, out),
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(diffs))?;
            writeln!(out)
        }
        Format::Github => github(diffs, out),
        Format::Gitlab => super::ci_report::write_gitlab(diffs, out),
        Format::Junit => super::ci_report::write_junit(diffs, out),
    }
}

pub(super) fn slash(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A node of a document by pointer: its place, or `null` when it has none.
fn place(doc: &Document, pointer: Option<&String>) -> Value {
    side(pointer.and_then(|p| doc.locate(p).map(|l| (l, p.clone()))))
}

fn side(at: Option<(Location, String)>) -> Value {
    match at {
        Some((l, p)) => json!({"file": clean(&slash(&l.file)), "line": l.line, "column": l.column, "pointer": clean(&p)}),
        None => Value::Null,
    }
}

/// The JSON report: `{"version": 1, "changes": [{"id", "kind", "operation", "message", "base", "head",
/// "accepted"}], "not_compared": [{"base", "head", "reason"}], "policy": {"allowed", "violations":
/// [{"id", "message", "change"}], "accepted": [{"change", "id", "reason"}]}, "summary": {…}}`;
/// `change` indexes `changes`. A part in `not_compared` is also a `not-compared` violation.
pub fn to_json(diffs: &[SpecDiff<'_>]) -> Value {
    let mut changes = Vec::new();
    let mut violations = Vec::new();
    let mut accepted = Vec::new();
    let mut not_compared = Vec::new();
    for d in diffs {
        for part in &d.not_compared {
            not_compared.push(json!({"base": place(d.base, part.base.as_ref()), "head": place(d.head, part.head.as_ref()), "reason": clean(&part.reason)}));
        }
        let offset = changes.len();
        for (c, st) in d.changes.iter().zip(&d.verdict.standing) {
            if let Standing::Accepted(a) = st {
                accepted.push(json!({"change": changes.len(), "id": c.id(), "reason": clean(&d.accepts[*a].reason)}));
            }
            changes.push(json!({
                "id": c.id(),
                "kind": c.kind().as_str(),
                "operation": c.operation.as_deref().map(clean),
                "message": clean(&c.message),
                "base": side(d.base_at(c)),
                "head": side(d.head_at(c)),
                "accepted": matches!(st, Standing::Accepted(_)),
            }));
        }
        for v in &d.verdict.violations {
            violations.push(json!({"id": v.id, "message": clean(&v.message), "change": v.change.map(|i| i + offset)}));
        }
    }
    let summary = Summary::of(diffs);
    json!({
        "version": JSON_VERSION,
        "changes": changes,
        "not_compared": not_compared,
        "policy": {"allowed": violations.is_empty(), "violations": violations, "accepted": accepted},
        "summary": summary,
    })
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn label(c: &Change, st: Standing) -> (&'static str, &'static str) {
    match (c.kind(), st) {
        (Kind::Breaking, Standing::Forbidden) => ("breaking", "1;31"),
        (Kind::Breaking, Standing::Accepted(_)) => ("breaking, accepted", "1;33"),
        (Kind::Breaking, Standing::Sunset) => ("breaking, after sunset", "1;33"),
        (Kind::Breaking, _) => ("breaking", "1;31"),
        (Kind::Deprecation, _) => ("deprecation", "1;33"),
        (Kind::NonBreaking, _) => ("non-breaking", "1;36"),
    }
}

/// `spec: 6 changes (4 breaking, 2 non-breaking, 0 deprecation), 1 component entry repeating them`:
/// the counts of the summary line, for one spec.
fn header(d: &SpecDiff<'_>) -> String {
    let s = Summary::of(std::slice::from_ref(d));
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "{}: {} ({} breaking, {} non-breaking, {} deprecation)",
        clean(&d.spec),
        plural(s.changes(), "change", "changes"),
        s.breaking,
        s.non_breaking,
        s.deprecation
    );
    let repeated = d.changes.len() - s.changes();
    if repeated > 0 {
        text.push_str(&format!(", {} repeating them", plural(repeated, "component entry", "component entries")));
    }
    if !d.not_compared.is_empty() {
        text.push_str(&format!("; incomplete: {} could not be compared", plural(d.not_compared.len(), "part", "parts")));
    }
    text
}

fn human(diffs: &[SpecDiff<'_>], color: bool, quiet: bool, out: &mut dyn Write) -> io::Result<()> {
    for d in diffs {
        let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        for (i, c) in d.changes.iter().enumerate() {
            let key = c.operation.as_deref();
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push(i),
                None => groups.push((key, vec![i])),
            }
        }
        writeln!(out, "{}", paint(color, "1", &header(d)))?;
        for (op, items) in &groups {
            let title = op.map_or_else(|| "components".to_string(), clean);
            writeln!(out, "\n{}", paint(color, "1", &title))?;
            for &i in items {
                let (c, st) = (&d.changes[i], d.verdict.standing[i]);
                let (what, code) = label(c, st);
                writeln!(out, "  {}: {}", paint(color, code, &format!("{what}[{}]", c.id())), clean(&c.message))?;
                for (name, doc, at) in [("base", d.base, d.base_at(c)), ("head", d.head, d.head_at(c))] {
                    match at {
                        Some((loc, ptr)) => {
                            writeln!(out, "    {} {name}: {}:{}:{}  #{}", paint(color, "1;34", "-->"), clean(&slash(&loc.file)), loc.line, loc.column, clean(&ptr))?;
                            let file = doc.files.iter().find(|f| f.path == loc.file);
                            if let Some(file) = file.filter(|f| f.quotable) {
                                if let Some(frame) = file.frame(loc.line, loc.column) {
                                    writeln!(out, "    {} {}", paint(color, "1;34", &format!("{:>5} |", loc.line)), frame.text)?;
                                }
                            }
                        }
                        None => writeln!(out, "    {} {name}: (absent)", paint(color, "1;34", "-->"))?,
                    }
                }
                if let Standing::Accepted(a) = st {
                    writeln!(out, "    = accepted in apigen.toml: {}", clean(&d.accepts[a].reason))?;
                }
                if st == Standing::Sunset {
                    writeln!(out, "    = allowed: the operation's sunset date has passed")?;
                }
            }
        }
        if d.verdict.violations.is_empty() {
            writeln!(out, "\n{}", paint(color, "1;32", "policy: the change set is allowed"))?;
        } else {
            writeln!(out, "\n{}", paint(color, "1;31", "policy: the change set is not allowed"))?;
            for v in &d.verdict.violations {
                writeln!(out, "  {}: {}", paint(color, "1;31", &format!("error[{}]", v.id)), clean(&v.message))?;
            }
        }
        writeln!(out)?;
    }
    if !quiet {
        let s = Summary::of(diffs);
        writeln!(
            out,
            "summary: {} breaking ({} accepted, {} after sunset), {} non-breaking, {} deprecation; {} policy violation{}",
            s.breaking, s.accepted, s.sunset, s.non_breaking, s.deprecation, s.violations, if s.violations == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// Text from a file as one visible line ([`crate::text::visible`]).
pub(super) fn clean(text: &str) -> String {
    crate::text::visible(text).into_owned()
}

/// Escapes Markdown inline text: no HTML, no emphasis or links from spec text, and no
/// `@mention` (an empty HTML comment after `@` keeps it from notifying anyone; it
/// renders as nothing).
fn md(text: &str) -> String {
    let mut s = String::new();
    for ch in clean(text).chars() {
        if "\\`*_[]<>|#!~".contains(ch) {
            s.push('\\');
        }
        s.push(ch);
        if ch == '@' {
            s.push_str("<!-- -->");
        }
    }
    s
}

fn markdown(diffs: &[SpecDiff<'_>], out: &mut dyn Write) -> io::Result<()> {
    for d in diffs {
        writeln!(out, "## API changes: {}\n", md(&d.spec))?;
        let version = |doc: &Document| doc.root.pointer("/info/version").and_then(Value::as_str).map(md).unwrap_or_default();
        writeln!(out, "`info.version`: {} → {}\n", version(d.base), version(d.head))?;
        for (title, kind) in [("Breaking changes", Kind::Breaking), ("Deprecations", Kind::Deprecation), ("Other changes", Kind::NonBreaking)] {
            let rows: Vec<(usize, &Change)> = d.changes.iter().enumerate().filter(|(_, c)| c.kind() == kind && c.operation.is_some()).collect();
            if rows.is_empty() {
                continue;
            }
            writeln!(out, "### {title}\n")?;
            for (i, c) in rows {
                let note = match d.verdict.standing[i] {
                    Standing::Accepted(a) => format!(" — accepted: {}", md(&d.accepts[a].reason)),
                    Standing::Sunset => " — after its sunset date".into(),
                    Standing::Forbidden => " — **not allowed**".into(),
                    _ => String::new(),
                };
                let message = c.message.strip_prefix(c.operation.as_deref().unwrap_or("")).unwrap_or(&c.message);
                writeln!(out, "- **{}**: {} (`{}`){note}", md(c.operation.as_deref().unwrap_or("")), md(message), c.id())?;
            }
            writeln!(out)?;
        }
        if d.verdict.violations.is_empty() {
            writeln!(out, "Version policy: allowed.\n")?;
        } else {
            writeln!(out, "Version policy: **not allowed**\n")?;
            for v in &d.verdict.violations {
                writeln!(out, "- `{}`: {}", v.id, md(&v.message))?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// How loudly an annotation reports a change: `error` for a break the policy forbids,
/// `warning` for an allowed break or a deprecation, `notice` for the rest (SARIF: `note`).
fn severity(c: &Change, st: Standing) -> &'static str {
    match (c.kind(), st) {
        (Kind::Breaking, Standing::Forbidden) => "error",
        (Kind::Breaking, _) | (Kind::Deprecation, _) => "warning",
        _ => "notice",
    }
}

/// The changes of operations (not components' own entries), each with its standing.
fn operation_changes<'d>(d: &'d SpecDiff<'_>) -> impl Iterator<Item = (&'d Change, Standing)> + 'd {
    d.changes.iter().zip(d.verdict.standing.iter().copied()).filter(|(c, _)| c.operation.is_some())
}

/// Violations that are not a change's own (version bumps, parts not compared), at `info.version`.
fn spec_violations<'d>(d: &'d SpecDiff<'_>) -> impl Iterator<Item = &'d super::policy::Violation> + 'd {
    d.verdict.violations.iter().filter(|v| v.change.is_none())
}

fn sarif_location(l: &Location) -> Value {
    json!([{"physicalLocation": {"artifactLocation": {"uri": clean(&slash(&l.file))}, "region": {"startLine": l.line, "startColumn": l.column}}}])
}

fn sarif(diffs: &[SpecDiff<'_>]) -> Value {
    let rules: Vec<Value> = registry::all()
        .map(|c| {
            json!({
                "id": c.id,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": c.rationale},
                "help": {"text": format!("{}\nBefore:\n{}\nAfter:\n{}\nSource: {}", c.rationale, c.before, c.after, c.source)},
                "properties": {"kind": c.kind.as_str(), "direction": c.direction.as_str()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for d in diffs {
        for (c, st) in operation_changes(d) {
            let level = match severity(c, st) {
                "notice" => "note",
                other => other,
            };
            let mut result = json!({"ruleId": c.id(), "level": level, "message": {"text": clean(&c.message)}});
            if let Some((l, _)) = d.head_at(c).or_else(|| d.base_at(c)) {
                result["locations"] = sarif_location(&l);
            }
            if let Standing::Accepted(a) = st {
                result["suppressions"] = json!([{"kind": "external", "justification": clean(&d.accepts[a].reason)}]);
            }
            results.push(result);
        }
        for v in spec_violations(d) {
            let mut result = json!({"ruleId": v.id, "level": "error", "message": {"text": clean(&v.message)}});
            if let Some(l) = d.head.locate("/info/version") {
                result["locations"] = sarif_location(&l);
            }
            results.push(result);
        }
    }
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "apigen diff", "informationUri": "https://spec.openapis.org/oas/v3.0.3", "rules": rules}}, "results": results}],
    })
}

/// One annotation of the `github` report: (command, place, check id, message).
type AnnotationKey<'c> = (&'static str, Option<Location>, &'c str, String);

/// GitHub workflow commands: one annotation per change of an operation, naming it; a change
/// several operations share at one place (a component they reach) is one annotation naming
/// them all, not one copy per operation.
fn github(diffs: &[SpecDiff<'_>], out: &mut dyn Write) -> io::Result<()> {
    use crate::check::report::github::annotation;
    for d in diffs {
        let mut annotations: Vec<(AnnotationKey<'_>, Vec<String>)> = Vec::new();
        for (c, st) in operation_changes(d) {
            let mut message = clean(&c.message);
            if let Standing::Accepted(a) = st {
                message.push_str(&format!(" (accepted: {})", clean(&d.accepts[a].reason)));
            }
            let key = (severity(c, st), d.head_at(c).or_else(|| d.base_at(c)).map(|(l, _)| l), c.id(), message);
            let op = clean(c.operation.as_deref().unwrap_or_default());
            match annotations.iter_mut().find(|(k, _)| *k == key) {
                Some((_, ops)) if !ops.contains(&op) => ops.push(op),
                Some(_) => {}
                None => annotations.push((key, vec![op])),
            }
        }
        for ((command, at, id, message), ops) in &annotations {
            let ops = ops.join(", ");
            let kind = registry::get(id).map_or("", |c| c.kind.as_str());
            writeln!(out, "{}", annotation(command, at.as_ref(), &format!("{id} ({kind}): {ops}"), &format!("{ops}: {message}")))?;
        }
        // A part not compared is annotated where it is; other violations at `info.version`.
        for part in &d.not_compared {
            let at = part.head.as_ref().and_then(|p| d.head.locate(p)).or_else(|| part.base.as_ref().and_then(|p| d.base.locate(p)));
            writeln!(out, "{}", annotation("error", at.as_ref(), "not-compared", &format!("could not be compared, so changes in it would go unseen: {}", clean(&part.reason))))?;
        }
        let version = d.head.locate("/info/version");
        for v in spec_violations(d).filter(|v| v.id != "not-compared") {
            writeln!(out, "{}", annotation("error", version.as_ref(), v.id, &clean(&v.message)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::md("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
        assert_eq!(super::md("ask @team\n## b"), "ask @<!-- -->team\\\\n\\#\\# b");
    }
}
