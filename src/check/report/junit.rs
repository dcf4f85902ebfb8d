//! JUnit XML (`testsuites`/`testsuite`/`testcase`/`failure`), the test report GitLab,
//! Jenkins, Azure Pipelines and most CI servers read. `check` writes one test suite per
//! document and one test case per rule: a rule fails when it has findings at the failing
//! level (`--deny`); findings below it are listed in the case's `system-out`. `diff`
//! builds its suites from the same parts ([`Suite`], [`Case`]).
//!
//! Text from files is made one visible line ([`crate::text::visible`]) and the characters
//! XML 1.0 forbids even escaped (U+FFFE, U+FFFF) are written as escapes too ([`xml_text`]);
//! quick-xml escapes markup (`<`, `&`, quotes).

use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::{slash_path, BaselineReport, FileReport};
use crate::check::registry;
use crate::diagnostic::{Diagnostic, Level};

/// A failed test case: `<failure message=… type=…>text</failure>`.
pub(crate) struct Failure {
    /// One line: the `message` attribute.
    pub message: String,
    /// The `type` attribute (a rule or check id).
    pub kind: String,
    /// The element's text: one line per finding.
    pub text: String,
}

/// A test case: `<testcase name=… classname=…>`.
pub(crate) struct Case {
    /// The `name` attribute.
    pub name: String,
    /// The `classname` attribute.
    pub classname: String,
    /// Set when the case failed.
    pub failure: Option<Failure>,
    /// Lines of the case's `system-out` (findings that do not fail it).
    pub output: Vec<String>,
}

/// A test suite: `<testsuite name=… tests=… failures=…>`.
pub(crate) struct Suite {
    /// The `name` attribute (a document's path).
    pub name: String,
    /// The cases, in order.
    pub cases: Vec<Case>,
}

/// Text from a file as XML 1.0 character data of one visible line: [`crate::text::visible`],
/// and U+FFFE/U+FFFF (not XML characters, not even as references) escaped the same way.
/// [`write_suites`] passes every attribute through it; lines of a failure or `system-out`
/// are the caller's to make with it (their own line breaks are kept).
pub(crate) fn xml_text(text: &str) -> String {
    let visible = crate::text::visible(text);
    if !visible.contains(['\u{fffe}', '\u{ffff}']) {
        return visible.into_owned();
    }
    visible.replace('\u{fffe}', "\\u{fffe}").replace('\u{ffff}', "\\u{ffff}")
}

/// Writes `<testsuites name=…>` holding the suites, with `tests` and `failures` counts.
///
/// Errors: only I/O errors of `out`.
pub(crate) fn write_suites(name: &str, suites: &[Suite], out: &mut dyn Write) -> io::Result<()> {
    let count = |s: &Suite| (s.cases.len(), s.cases.iter().filter(|c| c.failure.is_some()).count());
    let (tests, failures) = suites.iter().map(count).fold((0, 0), |(t, f), (a, b)| (t + a, f + b));
    let mut w = Writer::new_with_indent(&mut *out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("testsuites")
        .with_attribute(("name", name))
        .with_attribute(("tests", tests.to_string().as_str()))
        .with_attribute(("failures", failures.to_string().as_str()))
        .with_attribute(("errors", "0"))
        .write_inner_content(|w| {
            for suite in suites {
                let (tests, failures) = count(suite);
                w.create_element("testsuite")
                    .with_attribute(("name", xml_text(&suite.name).as_str()))
                    .with_attribute(("tests", tests.to_string().as_str()))
                    .with_attribute(("failures", failures.to_string().as_str()))
                    .with_attribute(("errors", "0"))
                    .write_inner_content(|w| {
                        for case in &suite.cases {
                            write_case(w, case)?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    writeln!(out)
}

fn write_case<W: Write>(w: &mut Writer<W>, case: &Case) -> io::Result<()> {
    let element = w
        .create_element("testcase")
        .with_attribute(("name", xml_text(&case.name).as_str()))
        .with_attribute(("classname", xml_text(&case.classname).as_str()));
    if case.failure.is_none() && case.output.is_empty() {
        element.write_empty()?;
        return Ok(());
    }
    element.write_inner_content(|w| {
        if let Some(f) = &case.failure {
            w.create_element("failure")
                .with_attribute(("message", xml_text(&f.message).as_str()))
                .with_attribute(("type", xml_text(&f.kind).as_str()))
                .write_text_content(text(&f.text))?;
        }
        if !case.output.is_empty() {
            w.create_element("system-out").write_text_content(text(&case.output.join("\n")))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Lines (made with [`xml_text`]) as character data: `<`, `>` and `&` escaped (quotes need
/// none outside attributes), and U+FFFE/U+FFFF escaped again should a caller have missed one.
fn text(s: &str) -> BytesText<'static> {
    let s = s.replace('\u{fffe}', "\\u{fffe}").replace('\u{ffff}', "\\u{ffff}");
    BytesText::from_escaped(quick_xml::escape::partial_escape(&s).into_owned())
}

/// A finding as one line: `file:line:column: level: message (#pointer)`, help appended.
fn finding_line(d: &Diagnostic) -> String {
    let at = d
        .location
        .as_ref()
        .map(|l| format!("{}:{}:{}: ", xml_text(&slash_path(&l.file)), l.line, l.column))
        .unwrap_or_default();
    let mut line = format!("{at}{}: {} (#{})", d.level.as_str(), xml_text(&d.message), xml_text(&d.pointer));
    if let Some(help) = &d.help {
        line.push_str(&format!(" help: {}", xml_text(help)));
    }
    line
}

pub(super) fn write(
    reports: &[FileReport<'_>],
    baseline: Option<BaselineReport<'_>>,
    fail_at: Level,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut suites = Vec::new();
    for report in reports {
        let name = report.files.first().map(|f| slash_path(&f.path)).unwrap_or_default();
        // Every rule of the catalogue, then ids of findings the catalogue does not hold.
        let mut by_rule: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in report.diagnostics {
            by_rule.entry(d.rule).or_default().push(d);
        }
        let ids = registry::all().map(|r| r.id).chain(by_rule.keys().copied().filter(|id| registry::get(id).is_none()));
        let cases = ids
            .map(|id| {
                let found = by_rule.get(id).map_or(&[][..], Vec::as_slice);
                let (failing, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
                    found.iter().partition(|d| d.level >= fail_at);
                let failure = failing.first().map(|first| Failure {
                    message: match failing.len() {
                        1 => xml_text(&first.message),
                        n => format!("{} (and {} more)", xml_text(&first.message), n - 1),
                    },
                    kind: xml_text(id),
                    text: failing.iter().map(|d| finding_line(d)).collect::<Vec<_>>().join("\n"),
                });
                Case {
                    name: xml_text(id),
                    classname: name.clone(),
                    failure,
                    output: other.iter().map(|d| finding_line(d)).collect(),
                }
            })
            .collect();
        suites.push(Suite { name, cases });
    }
    if let Some(b) = baseline.filter(|b| !b.fixed.is_empty()) {
        // Fixed baseline entries pass: the test report shows what got better.
        let cases = b
            .fixed
            .iter()
            .map(|e| Case {
                name: xml_text(&e.rule),
                classname: xml_text(&e.file),
                failure: None,
                output: vec![format!("fixed since the baseline: {} (#{})", xml_text(&e.message), xml_text(&e.pointer))],
            })
            .collect();
        suites.push(Suite { name: "baseline: fixed".into(), cases });
    }
    write_suites("apigen check", &suites, out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_text_escapes_what_xml_forbids() {
        assert_eq!(super::xml_text("a\u{ffff}b\u{fffe}\u{1b}\n<&"), "a\\u{ffff}b\\u{fffe}\\u{1b}\\n<&");
        assert_eq!(super::xml_text("plain é"), "plain é");
    }
}
