//! Reads YAML documents from `yaml-rust2`'s event stream, keeping the
//! position of every key and value, reporting duplicate keys, expanding
//! aliases within a budget (no "billion laughs"), and resolving plain
//! scalars by the YAML 1.2 core schema. Mapping keys are kept as their
//! source text, so `200:` under `responses` is the key `"200"`.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::source::SourceFile;
use super::tree::{node_count, push_token, Parsed, PointerHash, Problem, ProblemKind, Span, SpanMap, MAX_DEPTH};

/// Alias expansion may create at most this many nodes beyond the document's own events.
const ALIAS_BUDGET: usize = 1_000_000;

/// Parses YAML text (the first document of the stream) for file number `file`.
///
/// Errors: a syntax error, nesting past [`MAX_DEPTH`], a complex (non-scalar)
/// mapping key, an unknown alias or an alias expansion past its budget, as a fatal [`Problem`].
pub fn parse(source: &SourceFile, file: u16) -> Result<Parsed, Problem> {
    let mut builder = Builder {
        source,
        file,
        stack: Vec::new(),
        pointer: String::new(),
        hashes: vec![PointerHash::ROOT],
        spans: SpanMap::default(),
        problems: Vec::new(),
        anchors: HashMap::new(),
        fresh: None,
        expanded: 0,
        root: None,
        fatal: None,
    };
    // The parser's own `load` recurses once per nesting level (a deep block sequence
    // overflows the stack); pulling events one by one keeps loading iterative, and the
    // builder's stack is bounded by MAX_DEPTH.
    let mut parser = Parser::new_from_str(&source.text);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd | Event::DocumentEnd, _)) => break,
            Ok((event, mark)) => {
                builder.on_event(event, mark);
                if builder.fatal.is_some() {
                    break;
                }
            }
            Err(e) => {
                let m = e.marker();
                return Err(Problem {
                    kind: ProblemKind::Syntax,
                    message: format!("invalid YAML: {}", e.info()),
                    pointer: builder.pointer.clone(),
                    offset: source.offset_of(m.line(), m.col() + 1),
                });
            }
        }
    }
    if let Some(fatal) = builder.fatal {
        return Err(fatal);
    }
    Ok(Parsed { value: builder.root.unwrap_or(Value::Null), spans: builder.spans, problems: builder.problems })
}

enum Frame {
    Seq { items: Vec<Value>, anchor: usize, saved: usize },
    /// `key`: the pending key, its offset, and whether it is a merge key (a plain `<<`).
    Map { map: Map<String, Value>, key: Option<(String, usize, bool)>, anchor: usize, saved: usize },
}

/// A collection whose first child has not been seen yet: `yaml-rust2` marks a block
/// mapping at its first `:`, so its position moves back to its first child.
struct Fresh {
    hash: PointerHash,
    offset: usize,
    depth: usize,
}

struct Builder<'s> {
    source: &'s SourceFile,
    file: u16,
    stack: Vec<Frame>,
    pointer: String,
    /// Hash of the current pointer and its ancestors (`hashes.last()` is the current one).
    hashes: Vec<PointerHash>,
    spans: SpanMap,
    problems: Vec<Problem>,
    anchors: HashMap<usize, Value>,
    fresh: Option<Fresh>,
    expanded: usize,
    root: Option<Value>,
    fatal: Option<Problem>,
}

impl Builder<'_> {
    fn offset(&self, mark: &Marker) -> usize {
        // By character index, not line and column: linear on a single-line flow collection.
        self.source.offset_of_char(mark.index())
    }

    /// Moves a just-opened collection's position back to its first child's when that is earlier.
    fn first_child_at(&mut self, offset: usize) {
        let Some(fresh) = self.fresh.take() else { return };
        if fresh.depth != self.stack.len() || offset >= fresh.offset {
            return;
        }
        if let Some(span) = self.spans.get_mut(&fresh.hash) {
            if span.key == span.value {
                span.key = offset as u32;
            }
            span.value = offset as u32;
        }
    }

    fn fail(&mut self, message: String, offset: usize) {
        if self.fatal.is_none() {
            self.fatal = Some(Problem { kind: ProblemKind::Syntax, message, pointer: self.pointer.clone(), offset });
        }
    }

    /// Called when a value (scalar, alias or collection) starts: extends the
    /// pointer with its key or index and records its span. Returns the pointer
    /// length to restore, or `None` when the event was a mapping key. `key_text` is a
    /// scalar's text and whether it is plain.
    fn enter(&mut self, offset: usize, key_text: Option<(&str, bool)>) -> Option<usize> {
        let saved = self.pointer.len();
        match self.stack.last_mut() {
            None => {
                self.spans.insert(PointerHash::ROOT, Span { file: self.file, key: offset as u32, value: offset as u32 });
                self.hashes.push(PointerHash::ROOT);
                Some(saved)
            }
            Some(Frame::Seq { items, .. }) => {
                let index = items.len().to_string();
                push_token(&mut self.pointer, &index);
                let hash = self.hashes.last().copied().unwrap_or(PointerHash::ROOT).child(&index);
                self.hashes.push(hash);
                self.spans.insert(hash, Span { file: self.file, key: offset as u32, value: offset as u32 });
                Some(saved)
            }
            Some(Frame::Map { key, .. }) => match key {
                None => {
                    match key_text {
                        Some((text, plain)) => *key = Some((text.to_string(), offset, plain && text == "<<")),
                        None => self.fail("mapping keys must be scalars".into(), offset),
                    }
                    None
                }
                Some((name, key_offset, _)) => {
                    let key_offset = *key_offset as u32;
                    let name = name.clone();
                    push_token(&mut self.pointer, &name);
                    let hash = self.hashes.last().copied().unwrap_or(PointerHash::ROOT).child(&name);
                    self.hashes.push(hash);
                    self.spans.insert(hash, Span { file: self.file, key: key_offset, value: offset as u32 });
                    Some(saved)
                }
            },
        }
    }

    /// Puts a finished value into its parent (or makes it the root).
    fn attach(&mut self, value: Value, saved: usize) {
        self.pointer.truncate(saved);
        self.hashes.pop();
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, key, .. }) => {
                let Some((name, key_offset, merge)) = key.take() else { return };
                // Only a plain `<<` merges: a quoted '<<' is a key like any other.
                if merge {
                    merge_into(map, value);
                    return;
                }
                if map.contains_key(&name) {
                    let mut pointer = self.pointer.clone();
                    push_token(&mut pointer, &name);
                    self.problems.push(Problem {
                        kind: ProblemKind::DuplicateKey,
                        message: format!("duplicate key '{name}'; the last value is used"),
                        pointer,
                        offset: key_offset,
                    });
                }
                map.insert(name, value);
            }
        }
    }

    fn remember(&mut self, anchor: usize, value: &Value) {
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
    }
}

/// YAML merge key `<<`: copies members the mapping does not have yet.
fn merge_into(map: &mut Map<String, Value>, value: Value) {
    let sources = match value {
        Value::Object(o) => vec![o],
        Value::Array(items) => items.into_iter().filter_map(|v| if let Value::Object(o) = v { Some(o) } else { None }).collect(),
        _ => Vec::new(),
    };
    for source in sources {
        for (k, v) in source {
            map.entry(k).or_insert(v);
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.fatal.is_some() || (self.root.is_some() && self.stack.is_empty()) {
            return;
        }
        let offset = self.offset(&mark);
        if matches!(event, Event::Scalar(..) | Event::Alias(_) | Event::SequenceStart(..) | Event::MappingStart(..)) {
            self.first_child_at(offset);
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let Some(saved) = self.enter(offset, Some((&text, style == TScalarStyle::Plain))) else { return };
                let value = scalar(text, style, tag.as_ref().map(|t| t.suffix.as_str()));
                self.remember(anchor, &value);
                self.attach(value, saved);
            }
            Event::Alias(id) => {
                let Some(saved) = self.enter(offset, None) else { return };
                let Some(value) = self.anchors.get(&id).cloned() else {
                    return self.fail("alias refers to an unknown anchor".into(), offset);
                };
                self.expanded += node_count(&value);
                if self.expanded > ALIAS_BUDGET {
                    return self.fail(
                        format!("YAML aliases expand to more than {ALIAS_BUDGET} nodes (an alias bomb?)"),
                        offset,
                    );
                }
                self.attach(value, saved);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let Some(saved) = self.enter(offset, None) else { return };
                if self.stack.len() >= MAX_DEPTH {
                    return self.fail(format!("document nests deeper than {MAX_DEPTH} levels"), offset);
                }
                self.stack.push(if is_map {
                    Frame::Map { map: Map::new(), key: None, anchor, saved }
                } else {
                    Frame::Seq { items: Vec::new(), anchor, saved }
                });
                let hash = self.hashes.last().copied().unwrap_or(PointerHash::ROOT);
                self.fresh = Some(Fresh { hash, offset, depth: self.stack.len() });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor, saved) = match self.stack.pop() {
                    Some(Frame::Seq { items, anchor, saved }) => (Value::Array(items), anchor, saved),
                    Some(Frame::Map { map, anchor, saved, .. }) => (Value::Object(map), anchor, saved),
                    None => return,
                };
                self.remember(anchor, &value);
                self.attach(value, saved);
            }
            _ => {}
        }
    }
}

/// Resolves a scalar: quoted and block scalars and `!!str` are strings; plain
/// scalars follow the YAML 1.2 core schema (null, booleans, integers, floats).
fn scalar(text: String, style: TScalarStyle, tag: Option<&str>) -> Value {
    if style != TScalarStyle::Plain || tag == Some("str") {
        return Value::String(text);
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let bytes = text.as_bytes();
    let numeric_start = bytes.first().is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
    if numeric_start {
        let unsigned = text.strip_prefix('+').unwrap_or(&text);
        if let Some(hex) = unsigned.strip_prefix("0x") {
            if let Ok(i) = i64::from_str_radix(hex, 16) {
                return Value::Number(i.into());
            }
        } else if let Some(oct) = unsigned.strip_prefix("0o") {
            if let Ok(i) = i64::from_str_radix(oct, 8) {
                return Value::Number(i.into());
            }
        } else if unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'-') && !unsigned.is_empty() {
            if let Ok(i) = unsigned.parse::<i64>() {
                return Value::Number(i.into());
            }
            if let Ok(u) = unsigned.parse::<u64>() {
                return Value::Number(u.into());
            }
        }
        let is_float = unsigned.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
            && unsigned.bytes().any(|b| b.is_ascii_digit());
        if is_float {
            if let Some(n) = unsigned.parse::<f64>().ok().and_then(Number::from_f64) {
                return Value::Number(n);
            }
        }
    }
    Value::String(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Parsed, Problem> {
        parse(&SourceFile::new("t.yaml", text.to_string()), 0)
    }

    #[test]
    fn keys_stay_text_and_scalars_resolve() {
        let p = read("responses:\n  200:\n    n: 12\n    f: 1.5\n    b: true\n    s: '12'\n    d: 2026-12-31\n    z: ~\n").unwrap();
        let r = &p.value["responses"]["200"];
        assert_eq!(r["n"], 12);
        assert_eq!(r["f"], 1.5);
        assert_eq!(r["b"], true);
        assert_eq!(r["s"], "12");
        assert_eq!(r["d"], "2026-12-31");
        assert_eq!(r["z"], Value::Null);
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "a:\n  bb: [x, y]\n";
        let p = read(text).unwrap();
        let span = p.spans[&PointerHash::of("/a/bb")];
        assert_eq!(&text[span.key as usize..][..2], "bb");
        assert_eq!(&text[span.value as usize..][..1], "[");
        assert_eq!(&text[p.spans[&PointerHash::of("/a/bb/1")].value as usize..][..1], "y");
    }

    #[test]
    fn collections_start_at_their_first_child() {
        let text = "openapi: 3.0.3\nparams:\n  - name: page_size\n    in: query\n";
        let p = read(text).unwrap();
        assert_eq!(p.spans[&PointerHash::ROOT].value, 0);
        let item = p.spans[&PointerHash::of("/params/0")];
        assert_eq!(&text[item.key as usize..][..4], "name");
        assert_eq!(item.key, item.value);
    }

    #[test]
    fn duplicate_keys_reported_at_the_second_key() {
        super::super::tree::assert_key_a_repeated(&read("a: 1\nb: 2\na: 3\n").unwrap(), 3, 10);
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let p = read("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\ncopy: *b\nquoted:\n  '<<': *b\n").unwrap();
        assert_eq!(p.value["other"]["x"], 1);
        assert_eq!(p.value["copy"]["x"], 1);
        assert_eq!(p.value["quoted"], serde_json::json!({"<<": {"x": 1}}), "a quoted '<<' is no merge key");
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            text += &format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(", "));
        }
        let e = read(&text).unwrap_err();
        assert!(e.message.contains("alias bomb"), "{}", e.message);
    }

    #[test]
    fn syntax_error_has_offset() {
        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let e = read(text).unwrap_err();
        assert_eq!(e.kind, ProblemKind::Syntax);
        assert!(e.offset > 5, "{}", e.offset);
    }
}
