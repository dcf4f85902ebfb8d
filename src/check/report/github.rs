//! GitHub Actions workflow commands: each finding annotates the pull request
//! (`::error file=…,line=…,col=…,title=rule-id::message`).

use std::io::{self, Write};

use super::{slash_path, BaselineReport, FileReport};
use crate::diagnostic::Level;
use crate::load::source::Location;
use crate::text::visible;

/// Escapes a command's message (GitHub's `escapeData`). Text from files has been made
/// one visible line first ([`crate::text::visible`]); the only line breaks left are
/// the report's own (before `help:`).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property (GitHub's `escapeProperty`) of text from a file.
fn property(s: &str) -> String {
    data(&visible(s)).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command line (without its line break): `::error file=…,line=…,col=…,title=…::message`.
/// `command` is `error`, `warning` or `notice`; the file and title are text from files, escaped
/// here; `message` is the report's text (spec text in it made visible by the caller), escaped
/// here as data, so its own line breaks survive as `%0A`.
pub(crate) fn annotation(command: &str, at: Option<&Location>, title: &str, message: &str) -> String {
    let mut props = Vec::new();
    if let Some(l) = at {
        props.push(format!("file={}", property(&slash_path(&l.file))));
        props.push(format!("line={}", l.line));
        props.push(format!("col={}", l.column));
    }
    props.push(format!("title={}", property(title)));
    format!("::{command} {}::{}", props.join(","), data(message))
}

pub(super) fn write(reports: &[FileReport<'_>], baseline: Option<BaselineReport<'_>>, out: &mut dyn Write) -> io::Result<()> {
    for e in baseline.iter().flat_map(|b| b.fixed) {
        let message = format!("fixed since the baseline: {} (at #{})", visible(&e.message), visible(&e.pointer));
        writeln!(out, "::notice file={},title={}::{}", property(&e.file), property(&e.rule), data(&message))?;
    }
    for d in reports.iter().flat_map(|r| r.diagnostics) {
        let command = match d.level {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "notice",
        };
        let mut message = visible(&d.message).into_owned();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&visible(help));
        }
        writeln!(out, "{}", annotation(command, d.location.as_ref(), d.rule, &message))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_properties_and_data() {
        assert_eq!(super::property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(super::data("x\ny"), "x%0Ay");
        assert_eq!(super::property("a\nb\u{1b}"), "a\\nb\\u{1b}");
    }
}
