//! `$ref` handling (OpenAPI 3.0 §4.8.23 Reference Object):
//!
//! - **bundling**: references into other files (`common.yaml#/components/schemas/Error`)
//!   are read relative to the file that holds them; a target under
//!   `/components/{kind}/{name}` is hoisted into the root document's components
//!   (renamed on a clash) and the reference made local, anything else is
//!   inlined in place of the reference. Positions of grafted nodes keep
//!   pointing into their own file.
//! - **validation**: every local reference must resolve; a chain of references
//!   that returns to itself is a cycle. Both are `oas-ref-resolves` findings.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::source::SourceFile;
use super::tree::{child, lookup, push_token, tokens, Parsed, PointerHash, SpanMap};
use super::{parse_text, Format};
use crate::diagnostic::{Diagnostic, Level};
use crate::suggest::did_you_mean;

/// How many external references may be grafted before bundling stops (a cycle through files).
const MAX_GRAFTS: usize = 10_000;

/// Every `{"$ref": "…"}` in a tree: (pointer of the object holding it, the reference),
/// in document order. Builds a pointer string only for the holders.
pub fn collect_refs(root: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    walk_objects(root, &mut |pointer, map| {
        if let Some(Value::String(r)) = map.get("$ref") {
            found.push((pointer.to_string(), r.clone()));
        }
    });
    found
}

/// Calls `visit(pointer, object)` for every object in a tree, in document order,
/// reusing one pointer buffer (no allocation per node).
pub fn walk_objects(root: &Value, visit: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
    fn go(node: &Value, pointer: &mut String, visit: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
        match node {
            Value::Object(map) => {
                visit(pointer, map);
                for (k, v) in map {
                    if v.is_object() || v.is_array() {
                        let len = pointer.len();
                        push_token(pointer, k);
                        go(v, pointer, visit);
                        pointer.truncate(len);
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    if v.is_object() || v.is_array() {
                        let len = pointer.len();
                        push_token(pointer, &i.to_string());
                        go(v, pointer, visit);
                        pointer.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }
    go(root, &mut String::new(), visit);
}

/// Decodes `%XX` escapes of a URI fragment.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The JSON pointer a local reference (`#/…`) names, or `None` if it is not local.
pub fn local_target(reference: &str) -> Option<String> {
    reference.strip_prefix('#').map(percent_decode)
}

/// State shared while bundling one document.
pub struct Bundler<'a> {
    /// All files read so far; `[0]` is the root document.
    pub files: &'a mut Vec<SourceFile>,
    /// The root tree being bundled.
    pub root: &'a mut Value,
    /// Positions of the root tree.
    pub spans: &'a mut SpanMap,
    /// Findings so far.
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// The folders other files may be read from.
    pub boundary: &'a super::boundary::Boundary,
}

impl Bundler<'_> {
    /// Replaces every reference into another file, as described in the module docs.
    pub fn bundle(&mut self) {
        let mut cache: HashMap<PathBuf, Result<(u16, Parsed), String>> = HashMap::new();
        let self_path = self.files[0].path.canonicalize().ok();
        let mut hoisted: HashMap<(PathBuf, String), String> = HashMap::new();
        let mut failed: HashSet<String> = HashSet::new();
        let mut grafts = 0usize;
        loop {
            let pending: Vec<(String, String)> = collect_refs(self.root)
                .into_iter()
                .filter(|(p, r)| !r.starts_with('#') && !failed.contains(p))
                .collect();
            if pending.is_empty() {
                return;
            }
            for (pointer, reference) in pending {
                grafts += 1;
                if grafts > MAX_GRAFTS {
                    self.report(&pointer, format!("references into other files do not end (a cycle through files?) at '{reference}'"), None);
                    return;
                }
                let (file_part, fragment) = reference.split_once('#').unwrap_or((reference.as_str(), ""));
                let fragment = percent_decode(fragment);
                let holder = self.file_of(&pointer);
                let base = self.files[holder as usize].path.parent().map(Path::to_path_buf).unwrap_or_default();
                let (path, canonical) = match self.boundary.resolve(&base, file_part) {
                    Ok(found) => found,
                    Err(why) => {
                        failed.insert(pointer.clone());
                        self.report(&child(&pointer, "$ref"), format!("$ref '{reference}' {why}"), None);
                        continue;
                    }
                };
                // A reference back into the document itself is a local one.
                if self_path.as_ref() == Some(&canonical) {
                    let local = format!("#{}", fragment);
                    if let Some(Value::Object(map)) = lookup_mut(self.root, &pointer) {
                        map.insert("$ref".into(), Value::String(local));
                    }
                    continue;
                }
                let entry = cache.entry(canonical.clone()).or_insert_with(|| read_other(self.files, &path, &canonical));
                let (file, parsed) = match entry {
                    Ok(found) => (&found.0, &found.1),
                    Err(why) => {
                        failed.insert(pointer.clone());
                        self.report(&child(&pointer, "$ref"), format!("$ref '{reference}' names {}, which {why}", path.display()), None);
                        continue;
                    }
                };
                let Some(target) = lookup(&parsed.value, &fragment) else {
                    failed.insert(pointer.clone());
                    self.report(&child(&pointer, "$ref"), format!("$ref '{reference}' does not resolve in {}", path.display()), None);
                    continue;
                };
                let mut target = target.clone();
                let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                relocalize(&mut target, &file_name);
                let toks: Vec<String> = tokens(&fragment).collect();
                if toks.len() == 3 && toks[0] == "components" {
                    let key = (canonical.clone(), fragment.clone());
                    let dest = match hoisted.get(&key) {
                        Some(dest) => dest.clone(),
                        None => {
                            let dest = self.free_component_name(&toks[1], &toks[2]);
                            let dest_ptr = child(&child(&child("", "components"), &toks[1]), &dest);
                            insert_at(self.root, &dest_ptr, target);
                            copy_spans(&parsed.spans, &fragment, lookup(self.root, &dest_ptr), self.spans, &dest_ptr, *file);
                            hoisted.insert(key, dest.clone());
                            dest
                        }
                    };
                    let local = format!("#/components/{}/{}", toks[1], dest.replace('~', "~0").replace('/', "~1"));
                    if let Some(Value::Object(map)) = lookup_mut(self.root, &pointer) {
                        map.insert("$ref".into(), Value::String(local));
                    }
                } else {
                    insert_at(self.root, &pointer, target);
                    copy_spans(&parsed.spans, &fragment, lookup(self.root, &pointer), self.spans, &pointer, *file);
                }
            }
        }
    }

    /// Reports references that do not resolve and reference chains that loop.
    pub fn validate(&mut self, refs: &[(String, String)]) {
        for (pointer, reference) in refs {
            let ref_ptr = child(pointer, "$ref");
            let Some(target) = local_target(reference) else {
                continue; // already reported while bundling
            };
            if lookup(self.root, &target).is_none() {
                let last: Vec<String> = tokens(&target).collect();
                let name = last.last().cloned().unwrap_or_default();
                let parent: String = target.rsplit_once('/').map(|(p, _)| p.to_string()).unwrap_or_default();
                let help = match lookup(self.root, &parent) {
                    Some(Value::Object(siblings)) => {
                        did_you_mean(&name, siblings.keys().map(String::as_str)).map(|s| format!("did you mean '{s}'?"))
                    }
                    _ => None,
                };
                let message = match &help {
                    Some(h) => format!("$ref '{reference}' does not resolve ({h})"),
                    None => format!("$ref '{reference}' does not resolve"),
                };
                self.report(&ref_ptr, message, help.map(|_| "fix the name or declare the component".to_string()));
                continue;
            }
            // Follow a chain of bare references; coming back to the start is a cycle.
            let mut seen = vec![pointer.clone()];
            let mut current = target;
            while let Some(Value::Object(map)) = lookup(self.root, &current) {
                let Some(Value::String(next)) = map.get("$ref") else { break };
                if seen.contains(&current) {
                    let chain: Vec<&str> = seen.iter().map(String::as_str).collect();
                    self.report(&ref_ptr, format!("$ref cycle: {} → {}", chain.join(" → "), current), Some("a reference must end at a definition".into()));
                    break;
                }
                seen.push(current.clone());
                let Some(next) = local_target(next) else { break };
                current = next;
                if seen.len() > 64 {
                    break;
                }
            }
        }
    }

    fn report(&mut self, pointer: &str, message: String, help: Option<String>) {
        let mut d = Diagnostic::new("oas-ref-resolves", Level::Error, pointer, message);
        d.help = help;
        self.diagnostics.push(d);
    }

    /// The file a node was read from (the nearest ancestor with a position).
    fn file_of(&self, pointer: &str) -> u16 {
        PointerHash::with_ancestors(pointer).iter().find_map(|h| self.spans.get(h)).map_or(0, |s| s.file)
    }

    fn free_component_name(&self, kind: &str, name: &str) -> String {
        let taken = |n: &str| lookup(self.root, &child(&child(&child("", "components"), kind), n)).is_some();
        if !taken(name) {
            return name.to_string();
        }
        (2..).map(|i| format!("{name}{i}")).find(|n| !taken(n)).unwrap_or_default()
    }
}

/// Reads another file for bundling (a regular file under the size cap), appending it to `files`.
///
/// Errors: why it cannot be used, by position, never by echoing its contents.
fn read_other(files: &mut Vec<SourceFile>, path: &Path, canonical: &Path) -> Result<(u16, Parsed), String> {
    let bytes = super::boundary::read_capped(canonical)?;
    let text = String::from_utf8(bytes).map_err(|_| "is not a text file (not UTF-8)".to_string())?;
    let index = u16::try_from(files.len()).map_err(|_| "is one file too many (a document reads at most 65,535 files)".to_string())?;
    let format = Format::of(path, &text);
    files.push(SourceFile::new(path, text));
    let file = &files[index as usize];
    let parsed = parse_text(file, format, index).map_err(|problem| {
        let at = file.location(problem.offset);
        format!("does not parse as {} (at {}:{})", if format == Format::Json { "JSON" } else { "YAML" }, at.line, at.column)
    });
    let spec_shaped = parsed.as_ref().is_ok_and(|p| p.value.get("openapi").is_some() || p.value.get("components").is_some());
    files[index as usize].quotable = spec_shaped;
    parsed.map(|parsed| (index, parsed))
}

/// Turns the local references of a node taken from `file_name` into references to that file.
fn relocalize(node: &mut Value, file_name: &str) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                if r.starts_with('#') {
                    *r = format!("{file_name}{r}");
                }
            }
            map.values_mut().for_each(|v| relocalize(v, file_name));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| relocalize(v, file_name)),
        _ => {}
    }
}

fn lookup_mut<'v>(root: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    let mut node = root;
    for token in tokens(pointer) {
        node = match node {
            Value::Object(map) => map.get_mut(&token)?,
            Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Puts `value` at `pointer`, creating missing objects on the way.
fn insert_at(root: &mut Value, pointer: &str, value: Value) {
    let toks: Vec<String> = tokens(pointer).collect();
    let Some((last, parents)) = toks.split_last() else {
        *root = value;
        return;
    };
    let mut node = root;
    for t in parents {
        if let Value::Array(items) = node {
            let Some(item) = t.parse::<usize>().ok().and_then(|i| items.get_mut(i)) else { return };
            node = item;
            continue;
        }
        if !node.is_object() {
            *node = Value::Object(Default::default());
        }
        node = node.as_object_mut().expect("made an object above").entry(t.clone()).or_insert_with(|| Value::Object(Default::default()));
    }
    match node {
        Value::Object(map) => {
            map.insert(last.clone(), value);
        }
        Value::Array(items) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                *slot = value;
            }
        }
        _ => {}
    }
}

/// Copies the positions of a grafted subtree: the node at `from` in another
/// file's map becomes the node at `to` in the root's (same shape below both).
fn copy_spans(source: &SpanMap, from: &str, grafted: Option<&Value>, dest: &mut SpanMap, to: &str, file: u16) {
    fn go(node: &Value, src: PointerHash, dst: PointerHash, source: &SpanMap, dest: &mut SpanMap, file: u16) {
        if let Some(span) = source.get(&src) {
            dest.insert(dst, super::tree::Span { file, ..*span });
        }
        match node {
            Value::Object(map) => map.iter().for_each(|(k, v)| go(v, src.child(k), dst.child(k), source, dest, file)),
            Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| {
                let t = i.to_string();
                go(v, src.child(&t), dst.child(&t), source, dest, file)
            }),
            _ => {}
        }
    }
    if let Some(node) = grafted {
        go(node, PointerHash::of(from), PointerHash::of(to), source, dest, file);
    }
}
