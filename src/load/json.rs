//! Reads JSON documents: `serde_json` builds the tree (strict RFC 8259), and
//! one pass over the bytes records where every node sits and which object
//! keys repeat ([`Scanner`]). Text that `serde_json` refuses is read again
//! through `jsonc-parser`'s AST, which places syntax errors more precisely.

use std::borrow::Cow;
use std::fmt::Write;

use serde_json::Value;

use super::tree::{Parsed, PointerHash, Problem, ProblemKind, Span, SpanMap, MAX_DEPTH};

/// Parses JSON text into a [`Parsed`] tree for file number `file`.
///
/// Errors: a syntax error or nesting past [`MAX_DEPTH`], as a fatal [`Problem`].
pub fn parse(text: &str, file: u16) -> Result<Parsed, Problem> {
    check_depth(text)?;
    // The byte scan runs beside serde_json's parse (they share nothing); on text
    // serde_json refuses its result is dropped. Nesting is bounded by check_depth
    // above, not by serde_json's recursion limit (128).
    let (value, scanned) = std::thread::scope(|scope| {
        let scan = scope.spawn(|| {
            let mut scanner = Scanner::new(text, file);
            scanner.node(PointerHash::ROOT, None);
            (scanner.spans, scanner.problems)
        });
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        let value = serde::Deserialize::deserialize(&mut de).and_then(|value: Value| de.end().map(|()| value));
        (value, scan.join())
    });
    let value = value.map_err(|e| syntax_error(text, &e))?;
    let (spans, problems) = scanned.expect("the scan of well-formed JSON completes");
    Ok(Parsed { value, spans, problems })
}

/// The first syntax error of text `serde_json` refused with `serde_error`: where
/// `jsonc-parser` places it (a trailing comma at the comma), else where `serde_json`
/// does (a missing comma, which `jsonc-parser` accepts).
fn syntax_error(text: &str, serde_error: &serde_json::Error) -> Problem {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
    };
    if let Err(e) = jsonc_parser::parse_to_ast(text, &Default::default(), &options) {
        return Problem {
            kind: ProblemKind::Syntax,
            message: format!("invalid JSON: {}", e.kind()),
            pointer: String::new(),
            offset: e.range().start,
        };
    }
    let e = serde_error;
    let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
    Problem {
        kind: ProblemKind::Syntax,
        message: format!("invalid JSON: {}", strip_position(&e.to_string())),
        pointer: String::new(),
        offset: (line_start + e.column().saturating_sub(1)).min(text.len()),
    }
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

/// One pass over JSON text (well-formed when its result is used; it ends, without
/// panicking, on any other text) that
/// records the [`Span`] of every node under its [`PointerHash`] and reports
/// repeated object keys. Builds no values and no pointer strings, except the
/// pointer of a repeated key.
struct Scanner<'t> {
    text: &'t str,
    /// Byte offset of the next byte to read.
    pos: usize,
    file: u16,
    spans: SpanMap,
    problems: Vec<Problem>,
    /// The steps from the root to the current node: the pointer of a repeated key is built from them.
    keys: Vec<Step>,
}

/// One step of the way from the root to a node.
#[derive(Clone, Copy)]
enum Step {
    /// An object member: the byte range of its key without the quotes.
    Key(usize, usize),
    /// An array item.
    Index(usize),
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str, file: u16) -> Self {
        Scanner { text, pos: 0, file, spans: SpanMap::default(), problems: Vec::new(), keys: Vec::new() }
    }

    fn byte(&self) -> u8 {
        self.text.as_bytes().get(self.pos).copied().unwrap_or(0)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.byte(), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// Reads the value at `pos` (whitespace before it allowed), recording it under
    /// `hash`; `key` is the byte offset of its member's key.
    fn node(&mut self, hash: PointerHash, key: Option<usize>) {
        self.skip_whitespace();
        let start = self.pos;
        let span = Span { file: self.file, key: key.unwrap_or(start) as u32, value: start as u32 };
        self.spans.insert(hash, span);
        match self.byte() {
            b'{' => self.object(hash),
            b'[' => self.array(hash),
            b'"' => {
                self.string();
            }
            _ => {
                while !matches!(self.byte(), b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' | 0) {
                    self.pos += 1;
                }
            }
        }
    }

    /// Skips a string starting at its opening quote; returns the byte range of its
    /// contents and whether it holds escapes.
    fn string(&mut self) -> (usize, usize, bool) {
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        let mut escaped = false;
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                _ => i += 1,
            }
        }
        let end = i.min(bytes.len());
        self.pos = end + 1;
        (start, end, escaped)
    }

    fn object(&mut self, hash: PointerHash) {
        self.pos += 1;
        loop {
            self.skip_whitespace();
            if self.byte() != b'"' {
                // `}` of an empty object, or the end of text that cannot occur after serde_json.
                self.pos += 1;
                return;
            }
            let key_offset = self.pos;
            let (start, end, escaped) = self.string();
            let token = self.token(start, end, escaped);
            let child = hash.child(&token);
            if self.spans.contains_key(&child) {
                self.keys.push(Step::Key(start, end));
                let pointer = self.pointer();
                self.keys.pop();
                self.problems.push(Problem {
                    kind: ProblemKind::DuplicateKey,
                    message: format!("duplicate key '{token}'; the last value is used"),
                    pointer,
                    offset: key_offset,
                });
            }
            self.skip_whitespace();
            self.pos += 1; // `:`
            self.keys.push(Step::Key(start, end));
            self.node(child, Some(key_offset));
            self.keys.pop();
            if !self.comma() {
                return;
            }
        }
    }

    /// Steps over the separator after a member or item; true when it was a comma (more follow).
    fn comma(&mut self) -> bool {
        self.skip_whitespace();
        let separator = self.byte();
        self.pos += 1;
        separator == b','
    }

    fn array(&mut self, hash: PointerHash) {
        self.pos += 1;
        self.skip_whitespace();
        if self.byte() == b']' {
            self.pos += 1;
            return;
        }
        let mut index = String::new();
        for i in 0usize.. {
            index.clear();
            let _ = write!(index, "{i}");
            self.keys.push(Step::Index(i));
            self.node(hash.child(&index), None);
            self.keys.pop();
            if !self.comma() {
                return;
            }
        }
    }

    /// A key's unescaped text, from the byte range of its contents.
    fn token(&self, start: usize, end: usize, escaped: bool) -> Cow<'t, str> {
        let text: &'t str = self.text;
        if escaped {
            // `get`: on text serde_json refuses, the string may be unterminated.
            Cow::Owned(
                text.get(start - 1..=end)
                    .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
                    .unwrap_or_default(),
            )
        } else {
            Cow::Borrowed(&text[start..end])
        }
    }

    /// The JSON pointer of the current node (built only to report a repeated key).
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.keys {
            match *step {
                Step::Key(start, end) => {
                    let escaped = self.text[start..end].contains('\\');
                    super::tree::push_token(&mut pointer, &self.token(start, end, escaped));
                }
                Step::Index(i) => super::tree::push_token(&mut pointer, &i.to_string()),
            }
        }
        pointer
    }
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
    fn the_scan_ends_on_any_prefix_of_a_document() {
        // The scan runs before serde_json has judged the text: every cut of a
        // document with escapes and multi-byte text must end without a panic.
        let text = "{\"k\\\"é\": [1, {\"ü\": \"a\\\\\"}], \"n\": -1.5e3, \"e\": {}}";
        assert!(parse(text, 0).is_ok());
        for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let mut scanner = Scanner::new(&text[..cut], 0);
            scanner.node(PointerHash::ROOT, None);
            assert!(parse(&text[..cut], 0).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn duplicate_keys_are_problems_and_last_wins() {
        super::super::tree::assert_key_a_repeated(&parse(r#"{"a": 1, "a": 2}"#, 0).unwrap(), 2, 9);
    }

    #[test]
    fn escaped_keys_and_array_items_are_located() {
        let text = "{\"a\\/b\": [0, {\"x\": 1, \"x\" : 2}], \"c\":\"q\\\"}\"}";
        let p = parse(text, 0).unwrap();
        assert_eq!(p.value["c"], "q\"}");
        let item = p.spans[&PointerHash::ROOT.child("a/b").child("1")];
        assert_eq!(&text[item.value as usize..][..1], "{");
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].pointer, "/a~1b/1/x");
        assert_eq!(&text[p.problems[0].offset..][..3], "\"x\"");
        assert_eq!(
            p.spans[&PointerHash::ROOT.child("a/b").child("1").child("x")].value as usize,
            text.find('2').unwrap()
        );
        assert_eq!(&text[p.spans[&PointerHash::of("/c")].value as usize..][..2], "\"q");
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
        let nested = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&nested, 0).is_ok(), "nesting up to the limit reads, past serde_json's own limit of 128");
    }
}
