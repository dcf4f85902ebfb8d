//! `$ref` handling (OpenAPI 3.0 §4.8.23 Reference Object):
//!
//! - **bundling** ([`Bundler::bundle`]): a reference into another file is read relative to
//!   the file that holds it. What it names becomes a component of the root
//!   document once, whatever the number of uses (memoized by canonical file, pointer
//!   and kind): a whole file (`../schemas/MenuItem.yaml` → `MenuItem`), a pointer
//!   into a file (`defs.yml#/Node` → `Node`, `common.yaml#/components/schemas/Error`
//!   → `Error`). The kind of component is the [`place`] of the reference (under a
//!   `schema` → `schemas`, under `responses/{code}` → `responses`, …); a name already
//!   taken gets a number (`Error2`) and an info finding naming both sources
//!   ([`RENAMED`]). Every use then references `#/components/{kind}/{name}`, so a
//!   cycle through files becomes a recursive component. Path items and operations,
//!   which are used in one place each, are inlined where they are used, and what
//!   they reference is bundled in turn. Discriminator mappings naming files
//!   (`./Beverage.yaml`) are resolved like `$ref`s. Positions of grafted nodes keep
//!   pointing into their own file.
//! - **extensions are opaque**: nothing under an `x-…` member is a reference
//!   (Redocly's `x-codeSamples` text includes), so it is neither read nor checked.
//! - **validation**: every local reference must resolve; a chain of references
//!   that returns to itself is a cycle. Both are `oas-ref-resolves` findings.

mod bundle;
mod graft;
pub mod names;
pub mod place;

use serde_json::Value;

use super::source::SourceFile;
use super::tree::{child, lookup, push_token, tokens, PointerHash, SpanMap};
use crate::diagnostic::{Diagnostic, Level};
use crate::suggest::did_you_mean;
use place::Place;

/// The rule id of the finding that a component made from another file was renamed
/// because its name was taken (an info: the document is fine, the name differs).
pub const RENAMED: &str = "oas-ref-renamed";

/// Every `{"$ref": "…"}` in a tree outside extensions: (pointer of the object holding
/// it, the reference), in document order. Builds a pointer string only for the holders.
pub fn collect_refs(root: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    walk_objects(root, &mut |pointer, map| {
        if let Some(Value::String(r)) = map.get("$ref") {
            found.push((pointer.to_string(), r.clone()));
        }
    });
    found
}

/// Calls `visit(pointer, object)` for every object in a tree outside extension values
/// (`x-…`, which are opaque), in document order, reusing one pointer buffer (no
/// allocation per node).
pub fn walk_objects(root: &Value, visit: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
    walk_places(root, &mut |pointer, map, _| visit(pointer, map));
}

/// A visitor of [`walk_places`]: (pointer, object, its place).
pub type PlaceVisit<'v> = dyn FnMut(&str, &serde_json::Map<String, Value>, Place) + 'v;

/// [`walk_objects`] that also tells the [`Place`] of each object.
pub fn walk_places(root: &Value, visit: &mut PlaceVisit<'_>) {
    walk_places_from(root, Place::Root, &mut String::new(), visit);
}

/// [`walk_places`] of the subtree `node`, which sits at `pointer` and `place`.
pub fn walk_places_from(node: &Value, place: Place, pointer: &mut String, visit: &mut PlaceVisit<'_>) {
    let descend = |token: &str, v: &Value, pointer: &mut String, visit: &mut PlaceVisit<'_>| {
        let inner = place.step(token);
        if inner != Place::Extension && (v.is_object() || v.is_array()) {
            let len = pointer.len();
            push_token(pointer, token);
            walk_places_from(v, inner, pointer, visit);
            pointer.truncate(len);
        }
    };
    match node {
        Value::Object(map) => {
            visit(pointer, map, place);
            for (k, v) in map {
                descend(k, v, pointer, visit);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                descend(&i.to_string(), v, pointer, visit);
            }
        }
        _ => {}
    }
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

}

