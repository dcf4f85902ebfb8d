//! Reports of `apigen diff`: `human` (grouped by operation, base and head
//! locations with code frames), `json` (the documented, stable shape),
//! `markdown` (a changelog section), `sarif` (2.1.0) and `github` (workflow
//! commands). Every message, pointer, path and quoted source line is text from a
//! file and goes through [`clean`] ([`crate::text::visible`]) before it reaches a report.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::policy::{Accept, Standing, Verdict};
use super::{registry, Change, Kind};
use crate::load::source::Location;
use crate::load::Document;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by operation, with base and head locations and code frames.
    Human,
    /// `{"version": 1, "changes": […], "policy": {…}, "summary": {…}}` (schema: docs/schemas/diff-report.schema.json).
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
    /// Counts the changes and violations of every spec.
    pub fn of(diffs: &[SpecDiff<'_>]) -> Summary {
        let mut s = Summary::default();
        for d in diffs {
            for (c, st) in d.changes.iter().zip(&d.verdict.standing) {
                if c.operation.is_none() {
                    continue; // a component's own entry repeats its operations' changes
                }
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

fn side(at: Option<(Location, String)>) -> Value {
    match at {
        Some((l, p)) => json!({"file": clean(&slash(&l.file)), "line": l.line, "column": l.column, "pointer": clean(&p)}),
        None => Value::Null,
    }
}

/// The JSON report: `{"version": 1, "changes": [{"id", "kind", "operation", "message", "base", "head",
/// "accepted"}], "policy": {"allowed", "violations": [{"id", "message", "change"}],
/// "accepted": [{"change", "id", "reason"}]}, "summary": {…}}`; `change` indexes `changes`.
pub fn to_json(diffs: &[SpecDiff<'_>]) -> Value {
    let mut changes = Vec::new();
    let mut violations = Vec::new();
    let mut accepted = Vec::new();
    for d in diffs {
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
        writeln!(out, "{}", paint(color, "1", &format!("{}: {} changes", clean(&d.spec), d.changes.len())))?;
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
        for (c, st) in d.changes.iter().zip(&d.verdict.standing) {
            if c.operation.is_none() {
                continue;
            }
            let level = match (c.kind(), st) {
                (Kind::Breaking, Standing::Forbidden) => "error",
                (Kind::Breaking, _) | (Kind::Deprecation, _) => "warning",
                _ => "note",
            };
            let at = d.head_at(c).or_else(|| d.base_at(c));
            let mut result = json!({"ruleId": c.id(), "level": level, "message": {"text": clean(&c.message)}});
            if let Some((l, _)) = at {
                result["locations"] = json!([{"physicalLocation": {"artifactLocation": {"uri": clean(&slash(&l.file))}, "region": {"startLine": l.line, "startColumn": l.column}}}]);
            }
            if let Standing::Accepted(a) = st {
                result["suppressions"] = json!([{"kind": "external", "justification": clean(&d.accepts[*a].reason)}]);
            }
            results.push(result);
        }
        for v in d.verdict.violations.iter().filter(|v| v.change.is_none()) {
            let mut result = json!({"ruleId": v.id, "level": "error", "message": {"text": clean(&v.message)}});
            if let Some(l) = d.head.locate("/info/version") {
                result["locations"] = json!([{"physicalLocation": {"artifactLocation": {"uri": clean(&slash(&l.file))}, "region": {"startLine": l.line, "startColumn": l.column}}}]);
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

/// GitHub's `escapeData`, of text made one visible line.
fn gh_data(s: &str) -> String {
    clean(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's `escapeProperty`.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(diffs: &[SpecDiff<'_>], out: &mut dyn Write) -> io::Result<()> {
    for d in diffs {
        for (c, st) in d.changes.iter().zip(&d.verdict.standing) {
            if c.operation.is_none() {
                continue;
            }
            let command = match (c.kind(), st) {
                (Kind::Breaking, Standing::Forbidden) => "error",
                (Kind::Breaking, _) | (Kind::Deprecation, _) => "warning",
                _ => "notice",
            };
            let mut props = Vec::new();
            if let Some((l, _)) = d.head_at(c).or_else(|| d.base_at(c)) {
                props.push(format!("file={}", gh_property(&slash(&l.file))));
                props.push(format!("line={}", l.line));
                props.push(format!("col={}", l.column));
            }
            props.push(format!("title={}", gh_property(&format!("{} ({})", c.id(), c.kind()))));
            let mut message = clean(&c.message);
            if let Standing::Accepted(a) = st {
                message.push_str(&format!(" (accepted: {})", clean(&d.accepts[*a].reason)));
            }
            writeln!(out, "::{command} {}::{}", props.join(","), gh_data(&message))?;
        }
        for v in d.verdict.violations.iter().filter(|v| v.change.is_none()) {
            let mut props = Vec::new();
            if let Some(l) = d.head.locate("/info/version") {
                props.push(format!("file={}", gh_property(&slash(&l.file))));
                props.push(format!("line={}", l.line));
            }
            props.push(format!("title={}", gh_property(v.id)));
            writeln!(out, "::error {}::{}", props.join(","), gh_data(&clean(&v.message)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::gh_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(super::md("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
        assert_eq!(super::md("ask @team\n## b"), "ask @<!-- -->team\\\\n\\#\\# b");
    }
}
