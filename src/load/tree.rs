//! The parsed document tree shared by the JSON and YAML readers: a
//! [`serde_json::Value`] plus a [`SpanMap`] from JSON pointer to position.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;

/// Nesting deeper than this is rejected before it can exhaust the stack.
/// A 50-level nested schema needs about 100; real documents stay far below.
pub const MAX_DEPTH: usize = 512;

/// Where a node sits in its file: byte offsets of its key (for object
/// members; the value's own offset otherwise) and of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Index into [`crate::load::Document::files`].
    pub file: u16,
    /// Byte offset of the member's key, or of the value for array items and the root.
    pub key: u32,
    /// Byte offset of the value.
    pub value: u32,
}

/// Positions of every node read from a file, keyed by the [`PointerHash`] of
/// its JSON pointer (no pointer strings are built while reading).
pub type SpanMap = HashMap<PointerHash, Span, BuildNoHash>;

/// A 64-bit hash of a JSON pointer, built token by token (FNV-1a over the
/// unescaped tokens, each followed by a separator byte), so a child's hash
/// comes from its parent's without building the pointer string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PointerHash(pub u64);

impl PointerHash {
    /// The hash of the root pointer `""`.
    pub const ROOT: PointerHash = PointerHash(0xcbf2_9ce4_8422_2325);

    /// The hash of this pointer extended by one (unescaped) token.
    pub fn child(self, token: &str) -> PointerHash {
        let mut h = self.0;
        for b in token.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        PointerHash(h)
    }

    /// The hash of a whole pointer.
    pub fn of(pointer: &str) -> PointerHash {
        borrowed_tokens(pointer).fold(PointerHash::ROOT, |h, t| h.child(&t))
    }

    /// The hashes of a pointer and of each of its ancestors, longest first.
    pub fn with_ancestors(pointer: &str) -> Vec<PointerHash> {
        let mut all = vec![PointerHash::ROOT];
        for t in borrowed_tokens(pointer) {
            let next = all.last().copied().unwrap_or(PointerHash::ROOT).child(&t);
            all.push(next);
        }
        all.reverse();
        all
    }
}

/// The keys are already hashes: use them as they are.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildNoHash;

/// Passes a [`PointerHash`] through.
#[derive(Debug, Default)]
pub struct NoHash(u64);

impl std::hash::BuildHasher for BuildNoHash {
    type Hasher = NoHash;
    fn build_hasher(&self) -> NoHash {
        NoHash(0)
    }
}

impl std::hash::Hasher for NoHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// What a reader found wrong. A fatal problem ends reading; others are reported and reading goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem, which decides the rule id it is reported under.
    pub kind: ProblemKind,
    /// One-line message for a person.
    pub message: String,
    /// JSON pointer of the node concerned (the nearest one read, for syntax errors).
    pub pointer: String,
    /// Byte offset in the file.
    pub offset: usize,
}

/// The kinds of [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not well-formed JSON or YAML, too deep, or an alias expansion past its budget (`oas-parse`).
    Syntax,
    /// A mapping holds the same key twice (`oas-duplicate-key`); the last value is kept.
    DuplicateKey,
}

/// A file read into a tree.
#[derive(Debug)]
pub struct Parsed {
    /// The document as JSON values; object members keep document order.
    pub value: Value,
    /// Positions of every node.
    pub spans: SpanMap,
    /// Problems that did not stop reading (duplicate keys).
    pub problems: Vec<Problem>,
}

/// Appends one escaped reference token (`~` → `~0`, `/` → `~1`) to a pointer.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(token);
    }
}

/// Splits a JSON pointer into unescaped reference tokens; `""` gives none.
pub fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    borrowed_tokens(pointer).map(Cow::into_owned)
}

/// [`tokens`] that copies only the tokens with escapes in them.
fn borrowed_tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    pointer.split('/').skip(1).map(|t| match t.contains('~') {
        true => Cow::Owned(t.replace("~1", "/").replace("~0", "~")),
        false => Cow::Borrowed(t),
    })
}

/// Joins a pointer and one more token.
pub fn child(pointer: &str, token: &str) -> String {
    let mut p = String::with_capacity(pointer.len() + token.len() + 1);
    p.push_str(pointer);
    push_token(&mut p, token);
    p
}

/// Looks a pointer up in a value.
pub fn lookup<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    borrowed_tokens(pointer).try_fold(root, |node, token| match node {
        Value::Object(map) => map.get(token.as_ref()),
        Value::Array(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Looks a pointer up in a value, for changing the node.
pub fn lookup_mut<'v>(root: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    borrowed_tokens(pointer).try_fold(root, |node, token| match node {
        Value::Object(map) => map.get_mut(token.as_ref()),
        Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Counts the nodes of a value (used for the YAML alias budget).
pub fn node_count(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(node_count).sum::<usize>(),
        _ => 1,
    }
}

/// Asserts a file read with the key `a` twice: one duplicate-key problem at byte `offset`
/// (the second key) and the last value, `last`, kept.
#[cfg(test)]
pub(crate) fn assert_key_a_repeated(parsed: &Parsed, last: u64, offset: usize) {
    assert_eq!(parsed.value["a"], last);
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].kind, ProblemKind::DuplicateKey);
    assert_eq!(parsed.problems[0].pointer, "/a");
    assert_eq!(parsed.problems[0].offset, offset);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_hash_is_built_token_by_token() {
        let p = child(&child("", "paths"), "/api/v1/a~b");
        assert_eq!(PointerHash::of(&p), PointerHash::ROOT.child("paths").child("/api/v1/a~b"));
        assert_ne!(PointerHash::of("/ab/c"), PointerHash::of("/a/bc"));
        assert_eq!(PointerHash::with_ancestors("/a/b")[2], PointerHash::ROOT);
    }

    #[test]
    fn pointer_tokens_escape_and_unescape() {
        let p = child(&child("", "paths"), "/api/v1/a~b");
        assert_eq!(p, "/paths/~1api~1v1~1a~0b");
        assert_eq!(tokens(&p).collect::<Vec<_>>(), ["paths", "/api/v1/a~b"]);
        let doc = serde_json::json!({"paths": {"/api/v1/a~b": [1, 2]}});
        assert_eq!(lookup(&doc, &child(&p, "1")), Some(&serde_json::json!(2)));
        assert_eq!(lookup(&doc, "/paths/nope"), None);
    }
}
