//! Bundling (`apigen bundle`): the single-file document apigen sees, as YAML or JSON text,
//! for tools that read one file. It is the bundled tree of [`Document`] (references into
//! other files already brought in by the loader), for a 3.1 document before its
//! normalisation to the 3.0 shape, so a 3.1 spec bundles to a 3.1 document. `check` of the
//! bundle reports what `check` of the spec reports, and a bundle bundles to itself.

pub mod dereference;
pub mod emit;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Level};
use crate::load::refs::local_target;
use crate::load::tree::{child, MAX_DEPTH};
use crate::load::{Document, Format};

/// A written bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundled {
    /// The document's text, ending with a line break.
    pub text: String,
    /// With `--dereference`: the targets of the references that stay because they are
    /// recursive (JSON pointers, sorted).
    pub recursive: Vec<String>,
    /// With `--dereference`: how many references stay because their object has other members.
    pub with_members: usize,
    /// With `--dereference`: the components left out, `(kind, name)`, sorted.
    pub dropped: Vec<(String, String)>,
}

/// Why a document is not bundled.
#[derive(Debug)]
pub enum Refused {
    /// Loading findings that leave no single-file document (with locations).
    Findings(Vec<Diagnostic>),
    /// The bundle would break a limit (nesting, `--dereference` size), as a sentence.
    Limit(String),
}

/// The tree a bundle writes: [`Document::unnormalized`] when it was kept, else [`Document::root`].
pub fn tree(doc: &Document) -> &Value {
    doc.unnormalized.as_ref().unwrap_or(&doc.root)
}

/// The format of the document's own file (by extension, else by its first character).
pub fn source_format(doc: &Document) -> Format {
    doc.files.first().map_or(Format::Yaml, |f| Format::of(&f.path, &f.text))
}

/// The loading findings that leave no single-file document: everything at error level when
/// the file is no readable OpenAPI document; else, when references into other files could
/// not be brought in, the `oas-ref-resolves` errors and one finding at the first such
/// reference. Empty when the document can be bundled (other findings are written into the
/// bundle as they are, and `check` of the bundle reports them again).
pub fn blockers(doc: &Document) -> Vec<Diagnostic> {
    if !doc.usable {
        let mut found: Vec<Diagnostic> = doc.diagnostics.iter().filter(|d| d.level == Level::Error).cloned().collect();
        if found.is_empty() {
            found.push(Diagnostic::new("oas-parse", Level::Error, "", "the document cannot be read as OpenAPI"));
        }
        return found;
    }
    let external: Vec<&(String, String)> = doc.refs.iter().filter(|(_, r)| local_target(r).is_none()).collect();
    let Some((pointer, reference)) = external.first() else { return Vec::new() };
    let mut found: Vec<Diagnostic> =
        doc.diagnostics.iter().filter(|d| d.rule == "oas-ref-resolves" && d.level == Level::Error).cloned().collect();
    let message = match external.len() {
        1 => format!("the reference '{reference}' into another file was not brought in: a bundle is a single file"),
        n => format!("{n} references into other files were not brought in, the first '{reference}': a bundle is a single file"),
    };
    let mut d = Diagnostic::new("oas-ref-resolves", Level::Error, child(pointer, "$ref"), message);
    d.location = doc.locate(&d.pointer);
    found.push(d);
    found
}

/// Writes the document as one file in `format`; with `dereference`, references are inlined
/// as [`dereference::dereference`] describes.
///
/// Errors: [`blockers`] (nothing is written), or a limit the result would break.
pub fn bundle(doc: &Document, format: Format, dereference: bool) -> Result<Bundled, Refused> {
    let stops = blockers(doc);
    if !stops.is_empty() {
        return Err(Refused::Findings(stops));
    }
    let tree = tree(doc);
    let nesting = nesting(tree);
    if nesting > MAX_DEPTH {
        return Err(Refused::Limit(format!(
            "the bundled document nests {nesting} levels deep, deeper than the {MAX_DEPTH} levels apigen reads back"
        )));
    }
    let mut bundled = Bundled { text: String::new(), recursive: Vec::new(), with_members: 0, dropped: Vec::new() };
    let dereferenced;
    let tree = if dereference {
        let d = dereference::dereference(tree, &doc.refs).map_err(Refused::Limit)?;
        (bundled.recursive, bundled.with_members, bundled.dropped) = (d.recursive, d.with_members, d.dropped);
        dereferenced = d.tree;
        &dereferenced
    } else {
        tree
    };
    bundled.text = match format {
        Format::Json => emit::to_json(tree),
        Format::Yaml => emit::to_yaml(tree),
    };
    Ok(bundled)
}

/// How many collections deep a tree nests (0 for a scalar), without recursion.
fn nesting(tree: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(tree, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match node {
            Value::Object(map) => Box::new(map.values()),
            Value::Array(items) => Box::new(items.iter()),
            _ => continue,
        };
        deepest = deepest.max(depth + 1);
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    deepest
}
