//! Writes a document tree as JSON or block-style YAML text that reads back as the same
//! tree (apigen's own readers, and the YAML 1.1 readers other tools use).
//!
//! The text of a spec is untrusted: every key and string is written so that no character
//! of it can end the scalar, start a comment, a tag, an anchor or a new document. Output is
//! deterministic: members in document order, numbers as `serde_json` prints them, and the
//! style of a string (plain, quoted or literal block) chosen from the string alone.
//!
//! - **plain** when the string starts with a letter, `_`, `/` or `$`, holds no `: `, ` #`,
//!   tab or escaped character ([`escaped`]), does not end in a space or `:`, and is no word
//!   a YAML reader resolves to another type (`null`, `true`, `no`, `on`, `y`, …);
//! - **literal block** (`|`, `|-`, `|+`) for multi-line text of printable lines with no
//!   trailing blanks, starting with neither a space nor a line break;
//! - **single-quoted** for other one-line printable text (`'200'`, `'#/components/…'`);
//! - **double-quoted**, JSON-escaped, for anything else (control characters, bidirectional
//!   controls, line and paragraph separators as `\uXXXX`). JSON strings use the same escapes.
//!
//! Keys longer than [`MAX_IMPLICIT_KEY`] characters are written as explicit keys (`? key`):
//! YAML limits implicit keys to 1024 characters.
//!
//! Why not a library's emitter: yaml-rust2's (the YAML library apigen reads with) writes
//! BEL, backspace, vertical tab, form feed and ESC raw in plain scalars, C1 controls, the
//! line and paragraph separators and bidirectional controls raw anywhere, and quotes
//! by a fixed list rather than by what reads back; serde_yaml is deprecated upstream. Both
//! would let a spec's text change what a terminal or an editor shows of the bundle. JSON
//! shares the double-quoted escaping with YAML (serde_json writes bidirectional controls
//! raw), so both formats are written here, and tests/bundle_cmd.rs proves each reads back
//! to the same tree with apigen's readers and serde_json.

use std::fmt::Write as _;

use serde_json::{Map, Value};

/// The longest key written as an implicit key (`key: value`); longer keys are explicit (`? key`).
pub const MAX_IMPLICIT_KEY: usize = 1000;

/// The indentation of one nesting level, in spaces.
const INDENT: usize = 2;

/// Whether a character is written as an escape (`\uXXXX`) in JSON and YAML output: control
/// characters (C0 other than tab, DEL, C1), the line and paragraph separators, the
/// bidirectional controls, the byte-order mark and the noncharacters U+FFFE and U+FFFF.
/// YAML allows none of them raw except some bidirectional controls and the mark, which
/// would make the file read differently than it parses.
pub fn escaped(c: char) -> bool {
    crate::text::is_dropped(c) || crate::text::is_line_break(c) || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// The tree as JSON: two-space indentation, one member or item a line, a final line break.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    json_value(&mut out, value, 0);
    out.push('\n');
    out
}

fn json_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                pad(out, indent + INDENT);
                quoted(out, key);
                out.push_str(": ");
                json_value(out, item, indent + INDENT);
            }
            out.push('\n');
            pad(out, indent);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                pad(out, indent + INDENT);
                json_value(out, item, indent + INDENT);
            }
            out.push('\n');
            pad(out, indent);
            out.push(']');
        }
        Value::String(s) => quoted(out, s),
        other => scalar(out, other),
    }
}

/// The tree as block-style YAML (one document, no `---`), with a final line break.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => yaml_map(&mut out, map, 0, false),
        Value::Array(items) if !items.is_empty() => yaml_seq(&mut out, items, 0, false),
        // A scalar document: never a block scalar, which would need an indentation of its own.
        Value::String(s) => {
            yaml_string(&mut out, s, 0, false);
            out.push('\n');
        }
        other => {
            scalar(&mut out, other);
            out.push('\n');
        }
    }
    out
}

/// Writes the members of a non-empty mapping, each at `indent`; with `inline`, the first
/// member continues the current line (after a sequence's `- `).
fn yaml_map(out: &mut String, map: &Map<String, Value>, indent: usize, inline: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !inline {
            pad(out, indent);
        }
        let start = out.len();
        yaml_string(out, key, indent, false);
        if out[start..].chars().count() > MAX_IMPLICIT_KEY {
            out.insert_str(start, "? ");
            out.push('\n');
            pad(out, indent);
        }
        out.push(':');
        yaml_member_value(out, value, indent);
    }
}

/// Writes the value of a mapping member whose key (at `indent`) and `:` are written.
fn yaml_member_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            yaml_map(out, map, indent + INDENT, false);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            yaml_seq(out, items, indent + INDENT, false);
        }
        Value::String(s) => {
            out.push(' ');
            yaml_string(out, s, indent + INDENT, true);
            out.push('\n');
        }
        other => {
            out.push(' ');
            scalar(out, other);
            out.push('\n');
        }
    }
}

/// Writes the items of a non-empty sequence, each `- ` at `indent`; with `inline`, the
/// first item continues the current line.
fn yaml_seq(out: &mut String, items: &[Value], indent: usize, inline: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline {
            pad(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => yaml_map(out, map, indent + INDENT, true),
            Value::Array(inner) if !inner.is_empty() => yaml_seq(out, inner, indent + INDENT, true),
            Value::String(s) => {
                yaml_string(out, s, indent + INDENT, true);
                out.push('\n');
            }
            other => {
                scalar(out, other);
                out.push('\n');
            }
        }
    }
}

/// `null`, a boolean, a number, `{}` or `[]`, as JSON and YAML both write them (and a
/// string double-quoted).
fn scalar(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => quoted(out, s),
        // Non-empty collections are written by the callers.
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
}

/// Writes a string in the style [the module docs](self) describe; a literal block (only
/// where `block` allows it) has its lines at `indent`.
fn yaml_string(out: &mut String, s: &str, indent: usize, block: bool) {
    if is_plain(s) {
        out.push_str(s);
    } else if block && is_literal(s) {
        literal(out, s, indent);
    } else if !s.chars().any(|c| escaped(c) || c == '\t' || c == '\n') {
        out.push('\'');
        out.push_str(&s.replace('\'', "''"));
        out.push('\'');
    } else {
        quoted(out, s);
    }
}

/// Words YAML 1.2 (core schema) or YAML 1.1 readers resolve to null or a boolean.
const RESERVED: [&str; 10] = ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"];

/// Whether a string reads back as itself when written plain, in block context, by YAML 1.1
/// and 1.2 readers (conservative: see [the module docs](self)).
fn is_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    (first.is_alphabetic() || matches!(first, '_' | '/' | '$'))
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| escaped(c) || c == '\t')
        && !RESERVED.iter().any(|w| s.eq_ignore_ascii_case(w))
}

/// Whether a multi-line string can be a literal block scalar and read back as itself.
fn is_literal(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\n'])
        && !s.chars().any(|c| (escaped(c) && c != '\n') || c == '\t')
        && s.split('\n').all(|line| !line.ends_with(' '))
}

/// Writes a literal block scalar: the header (`|`, `|-` or `|+` by the trailing line
/// breaks), then each line at `indent` (empty lines empty).
fn literal(out: &mut String, s: &str, indent: usize) {
    let body = s.trim_end_matches('\n');
    out.push_str(match s.len() - body.len() {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
        out.push('\n');
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
    }
}

/// Writes a string double-quoted with JSON escapes (valid in JSON and YAML alike):
/// `\"`, `\\`, `\n`, `\t`, `\r`, and `\uXXXX` for every other [`escaped`] character.
fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if escaped(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn styles_follow_the_string() {
        let doc = json!({
            "openapi": "3.0.3",
            "200": {"description": "OK", "n": 12, "f": 1.5, "b": true, "z": null, "e": {}, "a": []},
            "text": "line one\n  indented\n\nlast\n",
            "list": ["no", "#/components/schemas/Pet", "it's", "tab\there", "x: y"],
        });
        assert_eq!(
            to_yaml(&doc),
            "openapi: '3.0.3'\n'200':\n  description: OK\n  'n': 12\n  f: 1.5\n  b: true\n  z: null\n  e: {}\n  a: []\n\
             text: |\n  line one\n    indented\n\n  last\nlist:\n  - 'no'\n  - '#/components/schemas/Pet'\n  - it's\n  - \"tab\\there\"\n  - 'x: y'\n"
        );
    }

    #[test]
    fn json_is_pretty_and_escapes_invisible_characters() {
        let doc = json!({"a": [1, {"b": "x\u{202e}y\u{2028}"}], "c": {}});
        assert_eq!(to_json(&doc), "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\\u202ey\\u2028\"\n    }\n  ],\n  \"c\": {}\n}\n");
    }
}
