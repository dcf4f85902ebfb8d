//! Loading (docs/architecture.md, the pipeline): read a YAML or JSON file, keep a source map from
//! JSON pointer to file position, report duplicate keys, bundle and check
//! `$ref`s, normalise OpenAPI 3.1 to the 3.0 shape, and check the tree against
//! the typed `openapiv3::OpenAPI` shape before the model is lowered from it.
//!
//! Loading never fails on a bad document: what is wrong becomes
//! `oas-parse`, `oas-duplicate-key`, `oas-ref-resolves` or `oas-required-field` diagnostics, and
//! [`Document::fits_shape`] is false when no usable document remains.
//! Only an unreadable file is an `Err`.

pub mod boundary;
pub mod fits;
pub mod json;
pub mod lenient;
pub mod normalize;
pub mod refs;
pub mod source;
pub mod tree;
pub mod yaml;

use std::path::Path;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Level};
pub use boundary::Boundary;
use source::{Location, SourceFile};
use tree::{child, lookup, Parsed, PointerHash, Problem, ProblemKind, SpanMap};

/// How many broken operations or components are dropped (each with an
/// `oas-parse` finding) before a document is given up as unusable.
const MAX_DROPS: usize = 200;

/// The text format of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (RFC 8259), comments tolerated.
    Json,
    /// YAML 1.2, first document of the stream.
    Yaml,
}

impl Format {
    /// By extension (`.json`, `.yaml`, `.yml`), else by the first non-blank character.
    pub fn of(path: &Path, text: &str) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Format::Json,
            Some("yaml" | "yml") => Format::Yaml,
            _ if text.trim_start().starts_with('{') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// Parses a file's text in the given format.
pub fn parse_text(file: &SourceFile, format: Format, index: u16) -> Result<Parsed, Problem> {
    match format {
        Format::Json => json::parse(&file.text, index),
        Format::Yaml => yaml::parse(file, index),
    }
}

/// A loaded document: its files, the bundled tree with positions, whether the
/// tree fits the OpenAPI shape, and what loading found wrong.
#[derive(Debug)]
pub struct Document {
    /// Every file read; `files[0]` is the document itself, others were reached by `$ref`.
    pub files: Vec<SourceFile>,
    /// The bundled (and, for 3.1, normalised) tree; `Null` when the file did not parse.
    pub root: Value,
    /// Positions of the tree's nodes.
    pub spans: SpanMap,
    /// The `openapi` version string as written (`3.0.3`, `3.1.0`), if any.
    pub version: Option<String>,
    /// The tree (without [`Document::dropped`]) deserializes as a typed OpenAPI 3.x
    /// document; false when the file is not a usable one. The typed document itself is
    /// not kept: the model is lowered from the tree.
    pub fits_shape: bool,
    /// Findings of loading (`oas-parse`, `oas-duplicate-key`, `oas-ref-resolves`, `oas-required-field`, …), with locations.
    pub diagnostics: Vec<Diagnostic>,
    /// Every `$ref` of the bundled tree: (pointer of the object holding it, the reference).
    pub refs: Vec<(String, String)>,
    /// Every `x-apigen-ignore` of the tree: (pointer of the object holding it, rule ids).
    pub ignores: Vec<(String, Vec<String>)>,
    /// Operations, path items and components left out of the model because
    /// they do not fit the OpenAPI shape (each has an `oas-parse` finding); the model skips them.
    pub dropped: Vec<String>,
    /// The tree parsed and has an OpenAPI 3.0/3.1 version: it can be shape-checked and lowered.
    pub usable: bool,
    /// [`Document::shape`] has been applied (`openapi`, `dropped` and its findings are final).
    pub shape_checked: bool,
    /// For a 3.1 document read by [`Document::load_unnormalized`]: the bundled tree before
    /// the 3.1 → 3.0 normalisation of `root` (what `apigen bundle` writes; the pointers of
    /// `refs` are its pointers). `None` otherwise.
    pub unnormalized: Option<Value>,
}

/// The result of checking a tree against the typed OpenAPI 3.0 shape ([`Document::shape`]).
#[derive(Debug)]
pub struct Shape {
    /// The tree, without the parts in `dropped`, deserializes as a typed document.
    pub fits: bool,
    /// `oas-parse` and `oas-required-field` findings, without locations.
    pub diagnostics: Vec<Diagnostic>,
    /// Parts left out so the rest fits (see [`Document::dropped`]).
    pub dropped: Vec<String>,
}

impl Document {
    /// Reads and loads a file, shape check included; `$ref`s may read files below the
    /// file's own folder ([`Boundary::around`]).
    ///
    /// Errors: only when the file cannot be read (missing, a folder, not a regular file, too large).
    pub fn load(path: &Path) -> anyhow::Result<Document> {
        Self::load_within(path, &Boundary::around(path))
    }

    /// [`Document::load`] with the folders `$ref`s may read from.
    ///
    /// Errors: as [`Document::load`].
    pub fn load_within(path: &Path, boundary: &Boundary) -> anyhow::Result<Document> {
        let mut doc = Self::read_within(path, boundary)?;
        doc.apply_shape(doc.shape());
        Ok(doc)
    }

    /// [`Document::load_within`] that also keeps a 3.1 document's tree before normalisation
    /// in [`Document::unnormalized`] (a second copy of the tree).
    ///
    /// Errors: as [`Document::load`].
    pub fn load_unnormalized(path: &Path, boundary: &Boundary) -> anyhow::Result<Document> {
        let mut doc = Self::read_keeping(path, boundary, true)?;
        doc.apply_shape(doc.shape());
        Ok(doc)
    }

    /// Loads a document from bytes already read, shape check included; `path` is used for
    /// positions and relative `$ref`s (which may read below its folder).
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Document {
        let mut doc = Self::read_bytes(path, bytes, &Boundary::around(path));
        doc.apply_shape(doc.shape());
        doc
    }

    /// Reads a file without the shape check (see [`Document::shape`]), so the caller can run it
    /// beside other work.
    ///
    /// Errors: only when the file cannot be read (missing, a folder, not a regular file, too
    /// large, a symbolic link leading out of the boundary: [`Boundary::admit`]).
    pub fn read_within(path: &Path, boundary: &Boundary) -> anyhow::Result<Document> {
        Self::read_keeping(path, boundary, false)
    }

    fn read_keeping(path: &Path, boundary: &Boundary, keep_31: bool) -> anyhow::Result<Document> {
        let shown = crate::text::visible(&path.to_string_lossy()).into_owned();
        boundary.admit(path).map_err(|why| anyhow::anyhow!("cannot read {shown}: it {why}"))?;
        let bytes = boundary::read_capped(path).map_err(|why| anyhow::anyhow!("cannot read {shown}: {}", crate::text::visible(&why)))?;
        Ok(Self::read_bytes_keeping(path, bytes, boundary, keep_31))
    }

    /// Parses, bundles and normalises bytes; no shape check yet.
    pub fn read_bytes(path: &Path, bytes: Vec<u8>, boundary: &Boundary) -> Document {
        Self::read_bytes_keeping(path, bytes, boundary, false)
    }

    fn read_bytes_keeping(path: &Path, bytes: Vec<u8>, boundary: &Boundary, keep_31: bool) -> Document {
        let mut doc = Document {
            files: Vec::new(),
            root: Value::Null,
            spans: SpanMap::default(),
            version: None,
            fits_shape: false,
            diagnostics: Vec::new(),
            refs: Vec::new(),
            ignores: Vec::new(),
            dropped: Vec::new(),
            usable: false,
            shape_checked: false,
            unnormalized: None,
        };
        let text = match String::from_utf8(bytes) {
            // A byte-order mark is not part of the document (editors do not count it as a column).
            Ok(text) => match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            },
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                doc.files.push(SourceFile::new(path, lossy));
                doc.parse_error(offset, "not a text file: the bytes are not UTF-8".into());
                return doc;
            }
        };
        let format = Format::of(path, &text);
        doc.files.push(SourceFile::new(path, text));
        if doc.files[0].text.trim().is_empty() {
            doc.parse_error(0, "the file is empty".into());
            return doc;
        }
        let parsed = match parse_text(&doc.files[0], format, 0) {
            Ok(parsed) => parsed,
            Err(problem) => {
                doc.parse_error(problem.offset, problem.message);
                return doc;
            }
        };
        doc.root = parsed.value;
        doc.spans = parsed.spans;
        for p in parsed.problems {
            let rule = match p.kind {
                ProblemKind::DuplicateKey => "oas-duplicate-key",
                ProblemKind::Syntax => "oas-parse",
            };
            doc.diagnostics.push(Diagnostic::new(rule, Level::Error, p.pointer, p.message));
        }
        if !doc.check_version() {
            doc.locate_all();
            return doc;
        }
        let mut bundler = refs::Bundler {
            files: &mut doc.files,
            root: &mut doc.root,
            spans: &mut doc.spans,
            diagnostics: &mut doc.diagnostics,
            boundary,
        };
        bundler.bundle();
        let (refs, ignores) = refs_and_ignores(bundler.root);
        bundler.validate(&refs);
        doc.refs = refs;
        doc.ignores = ignores;
        if doc.version.as_deref().is_some_and(|v| v.starts_with("3.1")) {
            if keep_31 {
                doc.unnormalized = Some(doc.root.clone());
            }
            for (pointer, message) in normalize::normalize_31(&mut doc.root) {
                doc.diagnostics.push(Diagnostic::new("oas-31-degraded", Level::Warn, pointer, message));
            }
        }
        doc.usable = true;
        doc.locate_all();
        doc
    }

    /// Records a shape check: whether the tree fits, dropped parts and their findings.
    pub fn apply_shape(&mut self, shape: Shape) {
        self.fits_shape = shape.fits;
        self.dropped = shape.dropped;
        self.diagnostics.extend(shape.diagnostics);
        self.shape_checked = true;
        self.locate_all();
    }

    /// Checks the root is an OpenAPI 3.0/3.1 document; reports `oas-parse` otherwise.
    fn check_version(&mut self) -> bool {
        let message = match &self.root {
            Value::Object(map) => match (map.get("openapi"), map.get("swagger")) {
                (Some(Value::String(v)), _) if v.starts_with("3.0") || v.starts_with("3.1") => {
                    self.version = Some(v.clone());
                    return true;
                }
                (Some(v), _) => format!("OpenAPI version {v} is not supported: apigen reads 3.0.x and 3.1.x"),
                (None, Some(_)) => "Swagger 2.0 is not supported: convert it to OpenAPI 3 first (for example with swagger2openapi)".into(),
                (None, None) => "not an OpenAPI document: the top level has no 'openapi' version field".into(),
            },
            _ => "not an OpenAPI document: the top level is not a mapping".into(),
        };
        let pointer = if self.root.get("openapi").is_some() { "/openapi" } else { "" };
        self.diagnostics.push(Diagnostic::new("oas-parse", Level::Error, pointer, message));
        false
    }

    /// Checks the tree against the OpenAPI 3.0 shape by deserializing the typed
    /// document. A field OpenAPI requires that means nothing to the model (a response's
    /// `description`, an operation's `responses`) is reported as `oas-required-field` and
    /// read with a default ([`lenient`]). A part that does not fit otherwise is reported
    /// and dropped (its operation, path item or component), so one bad corner does not
    /// hide the rest of the document. Reads `self` only, so it can run on another thread.
    pub fn shape(&self) -> Shape {
        let mut shape = Shape { fits: false, diagnostics: Vec::new(), dropped: Vec::new() };
        if !self.usable {
            return shape;
        }
        // Fields OpenAPI requires that mean nothing to the model are reported and read
        // with a default (see `lenient`), so their part stays in the model.
        let fills = lenient::fills(&self.root, self.version.as_deref().is_some_and(|v| v.starts_with("3.1")));
        for fill in &fills {
            if let Some((message, help)) = &fill.finding {
                shape.diagnostics.push(Diagnostic::new(lenient::RULE, Level::Error, fill.pointer.as_str(), message.as_str()).with_help(help.as_str()));
            }
        }
        // The first attempt reads the tree in place one part at a time ([`fits`]), without
        // serde_path_to_error's path tracking; only a document with defaults to fill in or
        // broken parts is copied and read again as a whole with it. Only whether the typed
        // parts deserialize matters: each is dropped at once.
        if fills.is_empty() && fits::fits(&self.root) {
            shape.fits = true;
            return shape;
        }
        let mut tree = self.root.clone();
        lenient::fill(&mut tree, &fills);
        for _ in 0..MAX_DROPS {
            let e = match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&tree) {
                Ok(_) => {
                    shape.fits = true;
                    break;
                }
                Err(e) => e,
            };
            let (pointer, inner) = match path_pointer(e.path()) {
                // `paths` deserializes through a map that loses serde's path: find the item.
                p if p == "/paths" => broken_path_item(&tree).unwrap_or((p, e.inner().to_string())),
                p => (p, e.inner().to_string()),
            };
            let message = format!("does not fit the OpenAPI 3.0 shape: {}", without_values(&inner));
            let Some(drop) = droppable(&pointer) else {
                shape.diagnostics.push(Diagnostic::new("oas-parse", Level::Error, pointer, message));
                break;
            };
            shape.diagnostics.push(
                Diagnostic::new("oas-parse", Level::Error, pointer, message)
                    .with_help(format!("'{drop}' is left out of the model until this is fixed")),
            );
            remove_at(&mut tree, &drop);
            shape.dropped.push(drop);
        }
        shape
    }

    fn parse_error(&mut self, offset: usize, message: String) {
        let mut d = Diagnostic::new("oas-parse", Level::Error, "", message);
        d.location = Some(self.files[0].location(offset));
        self.diagnostics.push(d);
    }

    /// Sets the location of every loader finding that has none yet.
    fn locate_all(&mut self) {
        for i in 0..self.diagnostics.len() {
            if self.diagnostics[i].location.is_none() {
                self.diagnostics[i].location = self.locate(&self.diagnostics[i].pointer);
            }
        }
    }

    /// The position of a pointer: the node's key (or value, for array items),
    /// or its nearest ancestor read from a file. `None` only for a document that did not parse.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        match PointerHash::with_ancestors(pointer).iter().find_map(|h| self.spans.get(h)) {
            Some(span) => self.files.get(span.file as usize).map(|f| f.location(span.key as usize)),
            None => self.files.first().map(|f| f.location(0)),
        }
    }

    /// The raw node at a pointer.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        lookup(&self.root, pointer)
    }
}

/// (pointer of the holding object, value) pairs found in a tree walk.
type Found<T> = Vec<(String, T)>;

/// Every `$ref` and every `x-apigen-ignore` of a tree, in one walk.
fn refs_and_ignores(root: &Value) -> (Found<String>, Found<Vec<String>>) {
    let (mut refs, mut ignores) = (Vec::new(), Vec::new());
    refs::walk_objects(root, &mut |pointer, map| {
        if let Some(Value::String(r)) = map.get("$ref") {
            refs.push((pointer.to_string(), r.clone()));
        }
        if let Some(ids) = map.get("x-apigen-ignore") {
            let ids = match ids {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            };
            ignores.push((pointer.to_string(), ids));
        }
    });
    (refs, ignores)
}

/// The first path item that does not fit the OpenAPI shape: (pointer of the problem, message).
/// Path items are untagged (`$ref` or not), which hides serde's path inside them, so each
/// operation of a broken item is checked on its own to name the broken one.
fn broken_path_item(tree: &Value) -> Option<(String, String)> {
    let Some(Value::Object(paths)) = tree.get("paths") else { return None };
    paths.iter().filter(|(path, _)| !path.starts_with("x-")).find_map(|(path, item)| {
        let e = serde_path_to_error::deserialize::<_, openapiv3::ReferenceOr<openapiv3::PathItem>>(item).err()?;
        let item_ptr = child("/paths", path);
        let operation = item.as_object().into_iter().flatten().find_map(|(method, op)| {
            if !crate::model::Method::ALL.iter().any(|m| m.as_str() == method) {
                return None;
            }
            let e = serde_path_to_error::deserialize::<_, openapiv3::Operation>(op).err()?;
            Some((format!("{}{}", child(&item_ptr, method), path_pointer(e.path())), e.inner().to_string()))
        });
        Some(operation.unwrap_or_else(|| (format!("{item_ptr}{}", path_pointer(e.path())), e.inner().to_string())))
    })
}

/// A serde message without the values it quotes (`invalid type: string "…", expected …`
/// → `invalid type: a string, expected …`; `unknown variant `…`` → `unknown variant`):
/// the value may come from a referenced file that is not a spec, and findings never
/// echo a file's contents. What was expected stays.
fn without_values(message: &str) -> String {
    static VALUES: std::sync::OnceLock<[(regex::Regex, &str); 3]> = std::sync::OnceLock::new();
    let patterns = VALUES.get_or_init(|| {
        let re = |p: &str| regex::Regex::new(p).expect("a valid pattern");
        [
            (re(r"(?s)^(invalid (?:type|value): )(?:string|byte array) .*$"), "${1}a string"),
            (re(r"(?s)^(invalid (?:type|value): )(integer|floating point|boolean|char) .*$"), "$1$2"),
            (re(r"(?s)^unknown (variant|field) .*$"), "unknown $1"),
        ]
    });
    let (head, tail) = message.split_once(", expected").map_or((message, ""), |(h, _)| (h, &message[h.len()..]));
    let head = patterns.iter().fold(head.to_string(), |text, (re, with)| re.replace(&text, *with).into_owned());
    format!("{head}{tail}")
}

/// Turns a serde path into a JSON pointer.
fn path_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = child(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = child(&pointer, key),
            Segment::Enum { variant } => pointer = child(&pointer, variant),
            Segment::Unknown => break,
        }
    }
    pointer
}

/// The operation, path item or component enclosing a pointer, which may be
/// dropped to keep the rest of a document usable.
fn droppable(pointer: &str) -> Option<String> {
    let toks: Vec<String> = tree::tokens(pointer).collect();
    let take = match toks.first().map(String::as_str) {
        Some("paths") if toks.len() >= 3 => {
            let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
            if methods.contains(&toks[2].as_str()) { 3 } else { 2 }
        }
        Some("paths") if toks.len() == 2 => 2,
        Some("components") if toks.len() >= 3 => 3,
        Some("tags" | "servers" | "security" | "externalDocs") => 1,
        _ => return None,
    };
    let mut p = String::new();
    for t in &toks[..take] {
        p = child(&p, t);
    }
    Some(p)
}

fn remove_at(root: &mut Value, pointer: &str) {
    let toks: Vec<String> = tree::tokens(pointer).collect();
    let Some((last, parents)) = toks.split_last() else { return };
    let mut node = root;
    for t in parents {
        node = match node {
            Value::Object(map) => match map.get_mut(t) {
                Some(n) => n,
                None => return,
            },
            _ => return,
        };
    }
    if let Value::Object(map) = node {
        map.shift_remove(last);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shape_messages_quote_no_values() {
        assert_eq!(super::without_values("invalid type: string \"S3CRET\", expected struct Schema"), "invalid type: a string, expected struct Schema");
        assert_eq!(super::without_values("unknown variant `service_account`, expected one of `apiKey`, `http`"), "unknown variant, expected one of `apiKey`, `http`");
        assert_eq!(super::without_values("invalid type: integer `4711`, expected a string"), "invalid type: integer, expected a string");
        assert_eq!(super::without_values("missing field `info`"), "missing field `info`");
    }
}
