//! The human report, shaped like rustc's diagnostics.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{BaselineReport, FileReport, HumanOptions, Summary};
use crate::diagnostic::{Diagnostic, Level};
use crate::load::source::SourceFile;
use crate::text::visible;

fn level_style(level: Level) -> Style {
    let color = match level {
        Level::Error => AnsiColor::Red,
        Level::Warn => AnsiColor::Yellow,
        Level::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

const GUTTER: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue))).bold();
const BOLD: Style = Style::new().bold();

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}

/// How many columns the caret underlines: the key or token that starts `rest`.
fn token_width(rest: &str) -> usize {
    let width = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.find('"').map_or(rest.chars().count(), |end| quoted[..end].chars().count() + 2)
    } else if let Some(quoted) = rest.strip_prefix('\'') {
        quoted.find('\'').map_or(rest.chars().count(), |end| quoted[..end].chars().count() + 2)
    } else {
        let end = rest.find([':', ',', '}', ']']).unwrap_or(rest.len());
        rest[..end].trim_end().chars().count()
    };
    width.clamp(1, 80)
}

fn write_one(d: &Diagnostic, files: &[SourceFile], p: &Painter, out: &mut dyn Write) -> io::Result<()> {
    // Messages, pointers and source lines carry text from files: one visible line each,
    // so no line break or terminal control sequence from a file reaches the terminal.
    let (message, pointer) = (visible(&d.message), visible(&d.pointer));
    let level = d.level.as_str();
    writeln!(out, "{}{}", p.paint(level_style(d.level), &format!("{level}[{}]", d.rule)), p.paint(BOLD, &format!(": {message}")))?;
    let Some(loc) = &d.location else {
        if !pointer.is_empty() {
            writeln!(out, "  {} #{pointer}", p.paint(GUTTER, "-->"))?;
        }
        return write_help(d, 0, p, out);
    };
    let number = loc.line.to_string();
    let pad = " ".repeat(number.len());
    writeln!(out, "{pad}{} {}:{}:{}", p.paint(GUTTER, "-->"), visible(&loc.file.to_string_lossy()), loc.line, loc.column)?;
    let frame = files.iter().find(|f| f.path == loc.file && f.quotable).and_then(|f| f.frame(loc.line, loc.column));
    if let Some(frame) = frame {
        let bar = p.paint(GUTTER, "|");
        writeln!(out, "{pad} {bar}")?;
        writeln!(out, "{} {bar} {}", p.paint(GUTTER, &number), frame.text)?;
        let carets = "^".repeat(token_width(&frame.text[frame.at..]));
        writeln!(out, "{pad} {bar} {}{}", frame.indent, p.paint(level_style(d.level), &carets))?;
    }
    if !pointer.is_empty() {
        writeln!(out, "{pad} {} at #{pointer}", p.paint(GUTTER, "="))?;
    }
    write_help(d, number.len(), p, out)
}

fn write_help(d: &Diagnostic, width: usize, p: &Painter, out: &mut dyn Write) -> io::Result<()> {
    if let Some(help) = &d.help {
        writeln!(out, "{} {} {}", " ".repeat(width), p.paint(GUTTER, "= help:"), visible(help))?;
    }
    writeln!(out)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn write(
    reports: &[FileReport<'_>],
    baseline: Option<BaselineReport<'_>>,
    options: HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = Painter { color: options.color };
    for r in reports {
        for d in r.diagnostics {
            write_one(d, r.files, &p, out)?;
        }
    }
    let fixed_style = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
    for e in baseline.iter().flat_map(|b| b.fixed) {
        // A baseline is a file like any other: its entries are shown as visible lines too.
        let (rule, message) = (visible(&e.rule), visible(&e.message));
        writeln!(out, "{}{}", p.paint(fixed_style, &format!("fixed[{rule}]")), p.paint(BOLD, &format!(": {message}")))?;
        writeln!(out, " {} {}#{}", p.paint(GUTTER, "-->"), visible(&e.file), visible(&e.pointer))?;
        writeln!(out, "  {} in the baseline, no longer found\n", p.paint(GUTTER, "="))?;
    }
    if !options.quiet {
        let s = Summary::of(reports);
        let status = if s.errors > 0 {
            p.paint(level_style(Level::Error), "failed")
        } else {
            p.paint(Style::new().fg_color(Some(AnsiColor::Green.into())).bold(), "ok")
        };
        writeln!(
            out,
            "{status}: checked {}: {}, {}, {}",
            plural(s.files, "document", "documents"),
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
            plural(s.infos, "info", "infos"),
        )?;
        if let Some(b) = baseline {
            write!(out, "baseline: {} not shown", plural(b.baselined, "known finding", "known findings"))?;
            if b.fixed.is_empty() {
                writeln!(out)?;
            } else {
                writeln!(out, ", {} fixed (run --write-baseline to shrink the baseline)", b.fixed.len())?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::Location;

    #[test]
    fn rustc_like_block_with_caret_and_help() {
        let file = SourceFile::new("specs/a.yaml", "paths:\n  /api/v1/productOrders:\n    get: {}\n".into());
        let d = Diagnostic {
            rule: "path-kebab-case",
            level: Level::Error,
            message: "path segment 'productOrders' is not kebab-case".into(),
            pointer: "/paths/~1api~1v1~1productOrders".into(),
            location: Some(Location { file: "specs/a.yaml".into(), line: 2, column: 3 }),
            help: Some("rename it to /api/v1/product-orders".into()),
        };
        let mut out = Vec::new();
        let files = [file];
        let diags = [d];
        write(&[FileReport { files: &files, diagnostics: &diags }], None, HumanOptions { color: false, quiet: false }, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "error[path-kebab-case]: path segment 'productOrders' is not kebab-case\n \
             --> specs/a.yaml:2:3\n  |\n2 |   /api/v1/productOrders:\n  |   ^^^^^^^^^^^^^^^^^^^^^\n  \
             = at #/paths/~1api~1v1~1productOrders\n  = help: rename it to /api/v1/product-orders\n\n\
             failed: checked 1 document: 1 error, 0 warnings, 0 infos\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn caret_covers_quoted_json_keys() {
        assert_eq!(token_width(r#""operationId": "x""#), 13);
        assert_eq!(token_width("get: {}"), 3);
    }
}
