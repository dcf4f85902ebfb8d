//! Taking nodes from other files into the root tree: reading them, making their
//! local references point back into their file, and keeping their positions.

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::place::Place;
use super::super::source::SourceFile;
use super::super::tree::{tokens, Parsed, PointerHash, Span, SpanMap};
use super::super::{parse_text, Format};

/// Reads another file for bundling (a regular file under the size cap), appending it to `files`.
///
/// Errors: why it cannot be used, by position, never by echoing its contents.
pub fn read_other(files: &mut Vec<SourceFile>, path: &Path, canonical: &Path) -> Result<(u16, Parsed), String> {
    let bytes = super::super::boundary::read_capped(canonical)?;
    let text = String::from_utf8(bytes).map_err(|_| "is not a text file (not UTF-8)".to_string())?;
    let index = u16::try_from(files.len()).map_err(|_| "is one file too many (a document reads at most 65,535 files)".to_string())?;
    let format = Format::of(path, &text);
    files.push(SourceFile::new(tidy(path), text));
    let file = &files[index as usize];
    let parsed = parse_text(file, format, index).map_err(|problem| {
        let at = file.location(problem.offset);
        format!("does not parse as {} (at {}:{})", if format == Format::Json { "JSON" } else { "YAML" }, at.line, at.column)
    });
    let spec_shaped = parsed.as_ref().is_ok_and(|p| p.value.get("openapi").is_some() || p.value.get("components").is_some());
    files[index as usize].quotable = spec_shaped;
    parsed.map(|parsed| (index, parsed))
}

/// A path as a person writes it, without `.` and `name/..` steps
/// (`specs/paths/../schemas/A.yaml` → `specs/schemas/A.yaml`), when that names the
/// same folder (a symbolic link on the way may not); else the path unchanged.
fn tidy(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    let folder = |p: &Path| p.parent().filter(|f| !f.as_os_str().is_empty()).unwrap_or(Path::new(".")).canonicalize().ok();
    if out.as_os_str() != path.as_os_str() && folder(&out).is_some() && folder(&out) == folder(path) {
        out
    } else {
        path.to_path_buf()
    }
}

/// Turns the local references (`#/…`) of a node taken from `file_name`, which sits
/// at `place`, into references to that file: `$ref`s and discriminator mappings,
/// but nothing inside an extension (`x-…`), which is opaque.
pub fn relocalize(node: &mut Value, place: Place, file_name: &str) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                if r.starts_with('#') {
                    *r = format!("{file_name}{r}");
                }
            }
            if place == Place::Schema {
                if let Some(Value::Object(mapping)) = map.get_mut("discriminator").and_then(|d| d.get_mut("mapping")) {
                    for target in mapping.values_mut() {
                        if let Value::String(t) = target {
                            if t.starts_with('#') {
                                *t = format!("{file_name}{t}");
                            }
                        }
                    }
                }
            }
            for (key, value) in map.iter_mut() {
                let inner = place.step(key);
                if inner != Place::Extension && (value.is_object() || value.is_array()) {
                    relocalize(value, inner, file_name);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let inner = place.step(&i.to_string());
                if inner != Place::Extension {
                    relocalize(item, inner, file_name);
                }
            }
        }
        _ => {}
    }
}

/// Puts `value` at `pointer`, creating missing objects on the way.
pub fn insert_at(root: &mut Value, pointer: &str, value: Value) {
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
pub fn copy_spans(source: &SpanMap, from: &str, grafted: Option<&Value>, dest: &mut SpanMap, to: &str, file: u16) {
    fn go(node: &Value, src: PointerHash, dst: PointerHash, source: &SpanMap, dest: &mut SpanMap, file: u16) {
        if let Some(span) = source.get(&src) {
            dest.insert(dst, Span { file, ..*span });
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

/// How deeply a value nests (a scalar is 0) and how many nodes it has.
pub fn depth_and_size(value: &Value) -> (usize, usize) {
    match value {
        Value::Object(map) => map.values().map(depth_and_size).fold((1, 1), |(d, n), (cd, cn)| (d.max(cd + 1), n + cn)),
        Value::Array(items) => items.iter().map(depth_and_size).fold((1, 1), |(d, n), (cd, cn)| (d.max(cd + 1), n + cn)),
        _ => (0, 1),
    }
}
