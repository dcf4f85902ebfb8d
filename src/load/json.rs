//! Reads JSON documents through `jsonc-parser`'s AST, which keeps byte
//! ranges for every node and every member of an object, duplicates included.

use jsonc_parser::ast;
use serde_json::{Map, Number, Value};

use super::tree::{push_token, Parsed, PointerHash, Problem, ProblemKind, Span, SpanMap, MAX_DEPTH};

/// Parses JSON text into a [`Parsed`] tree for file number `file`.
///
/// Errors: a syntax error or nesting past [`MAX_DEPTH`], as a fatal [`Problem`].
pub fn parse(text: &str, file: u16) -> Result<Parsed, Problem> {
    check_depth(text)?;
    let options = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
    };
    let result = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| Problem {
        kind: ProblemKind::Syntax,
        message: format!("invalid JSON: {}", e.kind()),
        pointer: String::new(),
        offset: e.range().start,
    })?;
    // After jsonc-parser, which places most errors more precisely (a trailing comma at the comma).
    check_syntax(text)?;
    let Some(root) = result.value else {
        return Ok(Parsed { value: Value::Null, spans: SpanMap::default(), problems: Vec::new() });
    };
    let mut reader = Reader { file, spans: SpanMap::default(), problems: Vec::new(), pointer: String::new(), hash: PointerHash::ROOT };
    let start = root_start(&root);
    reader.record(start, start);
    let value = reader.convert(&root);
    Ok(Parsed { value, spans: reader.spans, problems: reader.problems })
}

fn root_start(v: &ast::Value) -> usize {
    match v {
        ast::Value::StringLit(n) => n.range.start,
        ast::Value::NumberLit(n) => n.range.start,
        ast::Value::BooleanLit(n) => n.range.start,
        ast::Value::Object(n) => n.range.start,
        ast::Value::Array(n) => n.range.start,
        ast::Value::NullKeyword(n) => n.range.start,
    }
}

/// Strict JSON syntax (RFC 8259), which `jsonc-parser` relaxes (it accepts missing commas).
fn check_syntax(text: &str) -> Result<(), Problem> {
    use serde::Deserialize;
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let result = serde::de::IgnoredAny::deserialize(&mut de).and_then(|_| de.end());
    result.map_err(|e| {
        let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
        Problem {
            kind: ProblemKind::Syntax,
            message: format!("invalid JSON: {}", strip_position(&e.to_string())),
            pointer: String::new(),
            offset: (line_start + e.column().saturating_sub(1)).min(text.len()),
        }
    })
}

/// serde_json ends messages with " at line L column C"; the location is reported separately.
fn strip_position(message: &str) -> &str {
    message.rsplit_once(" at line ").map_or(message, |(m, _)| m)
}

/// Rejects nesting deeper than [`MAX_DEPTH`] before the recursive parser sees it.
fn check_depth(text: &str) -> Result<(), Problem> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Problem {
                        kind: ProblemKind::Syntax,
                        message: format!("document nests deeper than {MAX_DEPTH} levels"),
                        pointer: String::new(),
                        offset: i,
                    });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

struct Reader {
    file: u16,
    spans: SpanMap,
    problems: Vec<Problem>,
    /// The current pointer, kept only to name duplicate keys.
    pointer: String,
    hash: PointerHash,
}

impl Reader {
    fn record(&mut self, key: usize, value: usize) {
        let span = Span { file: self.file, key: key as u32, value: value as u32 };
        self.spans.insert(self.hash, span);
    }

    fn convert(&mut self, node: &ast::Value) -> Value {
        match node {
            ast::Value::StringLit(s) => Value::String(s.value.to_string()),
            ast::Value::NumberLit(n) => number(n.value),
            ast::Value::BooleanLit(b) => Value::Bool(b.value),
            ast::Value::NullKeyword(_) => Value::Null,
            ast::Value::Array(a) => {
                let mut items = Vec::with_capacity(a.elements.len());
                for (i, element) in a.elements.iter().enumerate() {
                    let (len, parent) = (self.pointer.len(), self.hash);
                    let token = i.to_string();
                    push_token(&mut self.pointer, &token);
                    self.hash = parent.child(&token);
                    let start = root_start(element);
                    self.record(start, start);
                    items.push(self.convert(element));
                    self.pointer.truncate(len);
                    self.hash = parent;
                }
                Value::Array(items)
            }
            ast::Value::Object(o) => {
                let mut map = Map::with_capacity(o.properties.len());
                for prop in &o.properties {
                    let name = prop.name.as_str();
                    let (len, parent) = (self.pointer.len(), self.hash);
                    push_token(&mut self.pointer, name);
                    self.hash = parent.child(name);
                    if map.contains_key(name) {
                        self.problems.push(Problem {
                            kind: ProblemKind::DuplicateKey,
                            message: format!("duplicate key '{name}'; the last value is used"),
                            pointer: self.pointer.clone(),
                            offset: prop.range.start,
                        });
                    }
                    self.record(prop.range.start, root_start(&prop.value));
                    let value = self.convert(&prop.value);
                    map.insert(name.to_string(), value);
                    self.pointer.truncate(len);
                    self.hash = parent;
                }
                Value::Object(map)
            }
        }
    }
}

fn number(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        return Value::Number(i.into());
    }
    if let Ok(u) = text.parse::<u64>() {
        return Value::Number(u.into());
    }
    text.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map_or_else(|| Value::String(text.to_string()), Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_member_and_value_offsets() {
        let text = "{\n  \"a\": {\"b\": [1, true]}\n}";
        let p = parse(text, 0).unwrap();
        assert_eq!(p.value["a"]["b"][1], Value::Bool(true));
        let span = p.spans[&PointerHash::of("/a/b")];
        assert_eq!(&text[span.key as usize..span.key as usize + 3], "\"b\"");
        assert_eq!(&text[span.value as usize..span.value as usize + 1], "[");
        assert_eq!(&text[p.spans[&PointerHash::of("/a/b/1")].value as usize..][..4], "true");
    }

    #[test]
    fn duplicate_keys_are_problems_and_last_wins() {
        let p = parse(r#"{"a": 1, "a": 2}"#, 0).unwrap();
        assert_eq!(p.value["a"], 2);
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].pointer, "/a");
        assert_eq!(p.problems[0].offset, 9);
    }

    #[test]
    fn missing_commas_are_syntax_errors() {
        let e = parse("{\n  \"a\": 1\n  \"b\": 2\n}", 0).unwrap_err();
        assert_eq!(e.kind, ProblemKind::Syntax);
        assert_eq!(e.offset, 13, "{}", e.message);
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }

    #[test]
    fn syntax_errors_and_depth_are_fatal() {
        let e = parse("{\"a\": }", 0).unwrap_err();
        assert_eq!(e.kind, ProblemKind::Syntax);
        assert_eq!(e.offset, 6);
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep, 0).unwrap_err().message.contains("deeper"));
    }
}
