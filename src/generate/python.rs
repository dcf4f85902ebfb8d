//! Python types and literals for the model (docs/generate/client-python.md), the
//! Python counterpart of [`super::rust`] and [`super::ts`]; identifiers are spelled by
//! [`super::names::python`].
//!
//! | schema | Python (pydantic v2) |
//! |---|---|
//! | `string` | `str` (`format: byte` too: base64 text) |
//! | `format: date`, `date-time`, `uuid`, `decimal` | `datetime.date`, `datetime.datetime`, `UUID`, `Decimal` |
//! | `format: binary` | `bytes` |
//! | `integer`, `number`, `boolean` | `int`, `float`, `bool` |
//! | `array` | `List[T]` |
//! | `additionalProperties` only | `Dict[str, T]` |
//! | object | a `BaseModel` subclass (`Optional[T] = None` when optional; `Optional[T]` when nullable) |
//! | `enum` | `Literal[…]`; in response models `Union[TheEnum, str]`, so a value added later still decodes |
//! | `oneOf` with a discriminator | `Annotated[Union[Annotated[Member, Tag(…)], …, Annotated[UnknownVariant, Tag(…)]], Field(discriminator=…)]` |
//! | `oneOf` / `anyOf` without | `Union[…]` |
//! | an alias or union that refers to itself | the alias, later names quoted (`Dict[str, "ErrorDetails"]`), named for pydantic with `TypeAliasType` at run time |
//! | no type, free-form, inexpressible | `Any` |

use super::names::python::{type_ident, TAKEN_TYPES};
use super::names::Scope;
use crate::model::{Field, Primitive, TypeGraph, TypeId, TypeKind, TypeRef};
use crate::text::{clean_lines, one_line};

/// A Python string literal for any text: `"…"` with backslash, quote and every character
/// outside printable ASCII escaped, so no text ends the literal or the line.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Text as a docstring at an indentation (`"""…"""` and a line break); empty text gives
/// nothing. Lines are cleaned ([`clean_lines`]); a backslash is doubled and quotes that
/// could end the string early are escaped, so no text leaves the docstring.
pub fn docstring(text: &str, indent: &str) -> String {
    let text = text.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return String::new();
    }
    let lines: Vec<String> =
        clean_lines(&text).map(|l| l.trim_end().replace('\\', "\\\\").replace('"', "\\\"")).collect();
    let mut out = format!("{indent}\"\"\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    if lines.len() > 1 {
        out.push('\n');
        out.push_str(indent);
    }
    out.push_str("\"\"\"\n");
    out
}

/// Text for a `#` comment: one line.
pub fn comment_text(text: &str) -> String {
    one_line(text)
}

/// Python names of a type graph's named types, unique and legal.
#[derive(Debug)]
pub struct PyTypes<'a> {
    /// The graph the names belong to.
    pub graph: &'a TypeGraph,
    names: Vec<String>,
}

impl<'a> PyTypes<'a> {
    /// Names every type of the graph, in order.
    pub fn new(graph: &'a TypeGraph) -> Self {
        let mut scope = Scope::with(TAKEN_TYPES);
        let names = graph.types.iter().map(|t| scope.unique(type_ident(&t.name))).collect();
        PyTypes { graph, names }
    }

    /// The Python name of a named type.
    pub fn name(&self, id: TypeId) -> &str {
        &self.names[id.0]
    }

    /// The Python type of a reference; `prefix` qualifies named types (`""` or `models.`).
    /// `open`: an enum is `Union[TheEnum, str]` (a response: a value added later decodes).
    pub fn of(&self, ty: &TypeRef, prefix: &str, open: bool) -> String {
        self.expr(ty, prefix, open, &|_| false)
    }

    /// [`Self::of`] in a module-level alias of `models.py`, which Python evaluates as the
    /// module runs: a named type for which `later` holds (defined after the alias, or the
    /// alias itself) is a string, a forward reference (`Dict[str, "ErrorDetails"]`).
    pub fn of_before(&self, ty: &TypeRef, open: bool, later: &dyn Fn(TypeId) -> bool) -> String {
        self.expr(ty, "", open, later)
    }

    fn expr(&self, ty: &TypeRef, prefix: &str, open: bool, later: &dyn Fn(TypeId) -> bool) -> String {
        match ty {
            TypeRef::Named(id) => {
                let name = format!("{prefix}{}", self.name(*id));
                let name = match &self.graph.get(*id).kind {
                    TypeKind::Enum { base, .. } if open => format!("Union[{name}, {}]", primitive(*base)),
                    _ => name,
                };
                if later(*id) { string_literal(&name) } else { name }
            }
            TypeRef::Primitive(p) => primitive(*p).to_string(),
            TypeRef::List(item) => format!("List[{}]", self.expr(item, prefix, open, later)),
            TypeRef::Map(value) => format!("Dict[str, {}]", self.expr(value, prefix, open, later)),
            TypeRef::Any => "Any".to_string(),
        }
    }

    /// A field's type: `Optional[…]` when the schema lets it be null, and `Union[…, Unset]`
    /// when `unset` (left out, it holds the `UNSET` sentinel), so `None` type-checks only
    /// where the wire allows `null`.
    pub fn field(&self, field: &Field, prefix: &str, open: bool, unset: bool) -> String {
        let ty = self.of(&field.ty, prefix, open);
        match (field.nullable, unset) {
            (false, false) => ty,
            (true, false) => format!("Optional[{ty}]"),
            (false, true) => format!("Union[{ty}, Unset]"),
            (true, true) => format!("Union[{ty}, None, Unset]"),
        }
    }
}

/// The Python literal of a field's schema `default`, when it is a scalar its type holds:
/// a string, number or boolean of the field's primitive, or one of its enum's values.
/// Other defaults (dates, UUIDs, lists, objects, a value of another type) give `None`:
/// the field defaults to `UNSET` (not sent) and the server applies its default.
pub fn scalar_default(graph: &TypeGraph, field: &Field) -> Option<String> {
    let value = field.default.as_ref()?;
    let fits = |p: Primitive| match p {
        Primitive::String => value.is_string(),
        Primitive::I32 | Primitive::I64 => value.is_i64() || value.is_u64(),
        Primitive::F32 | Primitive::F64 => value.is_number(),
        Primitive::Bool => value.is_boolean(),
        _ => false,
    };
    let ok = match graph.unalias(&field.ty) {
        TypeRef::Primitive(p) => fits(*p),
        TypeRef::Named(id) => match &graph.get(*id).kind {
            TypeKind::Enum { values, base } if values.is_empty() => fits(*base),
            TypeKind::Enum { values, .. } => values.contains(value),
            _ => false,
        },
        _ => false,
    };
    ok.then(|| literal(value))
}

/// The Python type of a primitive.
pub fn primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::Date => "datetime.date",
        Primitive::DateTime => "datetime.datetime",
        Primitive::Uuid => "UUID",
        Primitive::Decimal => "Decimal",
        Primitive::Binary => "bytes",
        Primitive::I32 | Primitive::I64 => "int",
        Primitive::F32 | Primitive::F64 => "float",
        Primitive::Bool => "bool",
        Primitive::String | Primitive::Bytes => "str",
    }
}

/// A Python literal of a JSON enum value (strings escaped, integers as they are).
pub fn literal(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => string_literal(s),
        serde_json::Value::Bool(true) => "True".into(),
        serde_json::Value::Bool(false) => "False".into(),
        serde_json::Value::Null => "None".into(),
        serde_json::Value::Number(n) => n.to_string(),
        other => string_literal(&other.to_string()),
    }
}

/// `source` without the names its top-level imports bring in that its code never uses
/// (pyflakes' F401): the templates import every name a module may need, this keeps the
/// ones the rendered module does. An import line left with no name goes, and so does a
/// blank line it leaves doubled. `from __future__` imports stay.
pub fn prune_imports(source: &str) -> String {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let is_import = |l: &str| {
        (l.starts_with("import ") || l.starts_with("from ")) && !l.starts_with("from __future__ ") && !l.contains('(')
    };
    let Some(last) = lines.iter().rposition(|l| is_import(l)) else { return source.to_string() };
    let code: String = lines.iter().filter(|l| !is_import(l)).copied().collect();
    let used = used_names(&code);
    let mut out = String::with_capacity(source.len());
    let mut blank = false;
    for (i, line) in lines.iter().enumerate() {
        let kept = if is_import(line) { kept_import(line.trim_end(), &used) } else { Some(line.to_string()) };
        let Some(kept) = kept else { continue };
        let is_blank = kept.trim().is_empty();
        if is_blank && blank && i <= last + 1 {
            continue;
        }
        blank = is_blank;
        out.push_str(&kept);
    }
    out
}

/// An import line with only the names in `used` (`None`: none of them); the name an
/// import binds is the one after `as`, else the first part of a dotted module.
fn kept_import(line: &str, used: &std::collections::HashSet<&str>) -> Option<String> {
    let bound = |item: &str| -> String {
        let item = item.trim();
        match item.split_once(" as ") {
            Some((_, alias)) => alias.trim().to_string(),
            None => item.split('.').next().unwrap_or_default().to_string(),
        }
    };
    let (head, items) = match line.split_once(" import ") {
        Some((from, items)) if line.starts_with("from ") => (format!("{from} import "), items),
        _ => ("import ".to_string(), line.trim_start_matches("import ")),
    };
    let kept: Vec<&str> = items.split(',').map(str::trim).filter(|item| used.contains(bound(item).as_str())).collect();
    (!kept.is_empty()).then(|| format!("{head}{}\n", kept.join(", ")))
}

/// The names Python code refers to: identifiers outside strings and comments, not after
/// a `.` (an attribute). Keywords and local names are in it too; callers look names up.
fn used_names(code: &str) -> std::collections::HashSet<&str> {
    let bytes = code.as_bytes();
    let mut names = std::collections::HashSet::new();
    let mut i = 0;
    let mut after_dot = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                let triple = bytes[i..].starts_with(&[c, c, c]);
                let quote = if triple { 3 } else { 1 };
                i += quote;
                while i < bytes.len() {
                    if bytes[i] == b'\\' {
                        i += 2;
                    } else if bytes[i] == c && (!triple || bytes[i..].starts_with(&[c, c, c])) {
                        i += quote;
                        break;
                    } else {
                        i += 1;
                    }
                }
                after_dot = false;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                // A string prefix (`b"…"`, `r"…"`) is no name.
                if !after_dot && !matches!(bytes.get(i), Some(b'"' | b'\'')) {
                    names.insert(&code[start..i]);
                }
                after_dot = false;
            }
            c if c.is_ascii_digit() => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.') {
                    i += 1;
                }
                after_dot = false;
            }
            _ => {
                if !c.is_ascii_whitespace() {
                    after_dot = c == b'.';
                }
                i += 1;
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_leave_a_literal_or_a_docstring() {
        assert_eq!(string_literal("a\"b\\c\n\u{2028}é"), "\"a\\\"b\\\\c\\n\\u2028\\xe9\"");
        assert_eq!(docstring("", "    "), "");
        assert_eq!(docstring("One line.", "    "), "    \"\"\"One line.\"\"\"\n");
        assert_eq!(docstring("Ends \"\"\"\nx = 1\\", ""), "\"\"\"Ends \\\"\\\"\\\"\nx = 1\\\\\n\"\"\"\n");
        assert_eq!(docstring("a\u{2028}b\u{202e}", "  "), "  \"\"\"a\n  b\n  \"\"\"\n");
    }

    #[test]
    fn unused_imports_go_and_used_ones_stay() {
        let source = "\"\"\"Doc naming Any.\"\"\"\nfrom __future__ import annotations\n\nimport datetime\nfrom decimal import Decimal\nfrom typing import Any, Dict, List as L, Optional\nfrom uuid import UUID\n\nimport httpx\n\nfrom . import models\n\nx: Optional[L[int]] = None  # Dict\ny = \"UUID\"\nz = models.Decimal\nw: datetime.date\n";
        assert_eq!(
            prune_imports(source),
            "\"\"\"Doc naming Any.\"\"\"\nfrom __future__ import annotations\n\nimport datetime\nfrom typing import List as L, Optional\n\nfrom . import models\n\nx: Optional[L[int]] = None  # Dict\ny = \"UUID\"\nz = models.Decimal\nw: datetime.date\n"
        );
    }
}
