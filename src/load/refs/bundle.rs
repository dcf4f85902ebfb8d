//! Bundling: every reference into another file becomes a reference to a component
//! of the root document, or, where no component can stand (path items,
//! operations, descriptions), the referenced node in place (module docs of
//! [`super`]).

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::graft::{copy_spans, depth_and_size, insert_at, read_other, relocalize};
use super::names::{component_name, free_name};
use super::place::Place;
use super::{percent_decode, walk_places_from, Bundler, RENAMED};
use crate::diagnostic::{Diagnostic, Level};
use crate::load::tree::{child, lookup, lookup_mut, tokens, Parsed, SpanMap, MAX_DEPTH};

/// How many nodes may be taken from other files in all (a budget like the YAML alias
/// one: each target is taken once, so only a document of this size reaches it).
const MAX_GRAFTED_NODES: usize = 2_000_000;

/// One use of another file: a `$ref`, or a discriminator mapping value naming a file.
struct Use {
    /// The object holding the `$ref`, or the mapping entry itself.
    pointer: String,
    /// The reference as written.
    reference: String,
    /// Where the `$ref` object (or the schema holding the mapping) sits.
    place: Place,
    /// A discriminator mapping value, which always names a schema.
    mapping: bool,
}

impl Use {
    /// Where a problem with the use is reported: its `$ref`, or the mapping entry.
    fn at(&self) -> String {
        if self.mapping {
            self.pointer.clone()
        } else {
            child(&self.pointer, "$ref")
        }
    }
}

/// A target in another file: (component kind, or `""` for one inlined where it is
/// used; canonical file; decoded pointer).
type Key = (&'static str, PathBuf, String);

/// What [`Bundler::bundle_use`] did.
enum Grafted {
    /// Took a node from another file to this pointer, whose uses are next.
    At(String),
    /// Made the use local, or reported it.
    Nothing,
    /// Spent the node budget: bundling ends.
    Stop,
}

/// Files read, by canonical path, with their index in [`Bundler::files`] (or why one
/// could not be read).
type FilesRead = HashMap<PathBuf, Result<(u16, Parsed), String>>;

/// What bundling remembers between uses (besides the files read).
#[derive(Default)]
struct State {
    /// The component each named target became.
    named: HashMap<Key, String>,
    /// Where each component made from another file came from, to name both sides of a clash.
    sources: HashMap<(&'static str, String), String>,
    /// Inlined nodes by pointer: the targets inlined on the way to them (a target
    /// met again on its own way is a cycle that no name can break).
    inlined: HashMap<String, Vec<usize>>,
    /// Ids of inlined targets, for [`State::inlined`].
    inline_ids: HashMap<Key, usize>,
    /// Nodes taken from other files so far (against [`MAX_GRAFTED_NODES`]).
    grafted: usize,
}

/// The component kinds a pointer `/components/{kind}/{name}` into another file may name
/// when the place of the reference does not say (the kinds with a `components` section
/// in OpenAPI 3.0).
const KINDS: [&str; 9] = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks"];

impl Bundler<'_> {
    /// Replaces every reference into another file, as described in the module docs of [`super`].
    /// The uses of the document are handled in order, then those each grafted node brings
    /// in, until none is left: each target is taken once, and each node is walked once
    /// for uses, so the work grows with the size of what is read.
    pub fn bundle(&mut self) {
        let mut state = State::default();
        let mut files_read = FilesRead::new();
        let self_path = self.files[0].path.canonicalize().ok();
        let mut queue: VecDeque<Use> = self.uses_under("", Place::Root).into();
        // A root component that is a reference to a file claims the file for its own name.
        queue.make_contiguous().sort_by_key(|u| slot_name(&u.pointer, u.mapping).is_none());
        while let Some(found) = queue.pop_front() {
            if self.current(&found).as_deref() != Some(found.reference.as_str()) {
                continue; // replaced by an earlier use (a `$ref` with siblings, in 3.1)
            }
            match self.bundle_use(&mut state, &mut files_read, &found, self_path.as_deref()) {
                Grafted::At(pointer) => queue.extend(self.uses_under(&pointer, Place::of(&pointer))),
                Grafted::Nothing => {}
                Grafted::Stop => return,
            }
        }
    }

    /// Every use of another file in the subtree at `pointer` (at `place`), in document order.
    fn uses_under(&self, pointer: &str, place: Place) -> Vec<Use> {
        let mut found = Vec::new();
        let Some(node) = lookup(self.root, pointer) else { return found };
        walk_places_from(node, place, &mut pointer.to_string(), &mut |pointer, map, place| {
            if let Some(Value::String(r)) = map.get("$ref") {
                if !r.starts_with('#') {
                    found.push(Use { pointer: pointer.to_string(), reference: r.clone(), place, mapping: false });
                }
            }
            if place != Place::Schema {
                return;
            }
            let Some(Value::Object(mapping)) = map.get("discriminator").and_then(|d| d.get("mapping")) else { return };
            for (value, target) in mapping {
                let Value::String(target) = target else { continue };
                if names_file(target) {
                    let at = child(&child(&child(pointer, "discriminator"), "mapping"), value);
                    found.push(Use { pointer: at, reference: target.clone(), place, mapping: true });
                }
            }
        });
        found
    }

    /// The reference a use holds now.
    fn current(&self, found: &Use) -> Option<String> {
        let node = lookup(self.root, &found.pointer)?;
        let value = if found.mapping { node } else { node.get("$ref")? };
        value.as_str().map(str::to_string)
    }

    /// Points a use at a local reference.
    fn set_reference(&mut self, found: &Use, local: String) {
        match lookup_mut(self.root, &found.pointer) {
            Some(slot) if found.mapping => *slot = Value::String(local),
            Some(Value::Object(map)) => {
                map.insert("$ref".into(), Value::String(local));
            }
            _ => {}
        }
    }

    /// Bundles one use: a reference back into the document or to a target already named
    /// becomes local; otherwise the target is read and grafted, inlined or as a component.
    fn bundle_use(&mut self, state: &mut State, files_read: &mut FilesRead, found: &Use, self_path: Option<&Path>) -> Grafted {
        let reference = &found.reference;
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference.as_str(), ""));
        let fragment = percent_decode(fragment);
        let holder = self.file_of(&found.pointer);
        let base = self.files[holder as usize].path.parent().map(Path::to_path_buf).unwrap_or_default();
        let at = found.at();
        let (path, canonical) = match self.boundary.resolve(&base, file_part) {
            Ok(resolved) => resolved,
            Err(why) => return self.fail(&at, format!("$ref '{reference}' {why}")),
        };
        // A reference back into the document itself is a local one.
        if self_path == Some(canonical.as_path()) {
            self.set_reference(found, format!("#{fragment}"));
            return Grafted::Nothing;
        }
        let kind = if found.mapping { Some("schemas") } else { found.place.component_kind().or_else(|| fragment_kind(&fragment, found.place)) };
        let key: Key = (kind.unwrap_or(""), canonical.clone(), fragment.clone());
        if let Some(name) = kind.and_then(|_| state.named.get(&key)) {
            let local = local_ref(key.0, name);
            self.set_reference(found, local);
            return Grafted::Nothing;
        }
        let entry = files_read.entry(canonical.clone()).or_insert_with(|| read_other(self.files, &path, &canonical));
        let (file, parsed) = match entry {
            Ok((file, parsed)) => (*file, &*parsed),
            Err(why) => {
                let message = format!("$ref '{reference}' names {}, which {why}", path.display());
                return self.fail(&at, message);
            }
        };
        let Some(target) = lookup(&parsed.value, &fragment) else {
            let message = format!("$ref '{reference}' does not resolve in {}", path.display());
            return self.fail(&at, message);
        };
        let target = target.clone();
        let (depth, size) = depth_and_size(&target);
        state.grafted += size;
        if state.grafted > MAX_GRAFTED_NODES {
            self.report(&at, format!("references into other files expand to more than {MAX_GRAFTED_NODES} nodes (at '{reference}')"), None);
            return Grafted::Stop;
        }
        let from = (file, &parsed.spans, fragment.as_str());
        match kind {
            Some(kind) => self.graft_component(state, found, kind, key, target, from),
            None => self.graft_inline(state, found, key, target, depth, from),
        }
    }

    /// Grafts a target where it is used (no component can stand there); a target met again
    /// on its own way loops, and is reported, as is one that would nest too deep.
    fn graft_inline(
        &mut self,
        state: &mut State,
        found: &Use,
        key: Key,
        target: Value,
        depth: usize,
        from: (u16, &SpanMap, &str),
    ) -> Grafted {
        let reference = &found.reference;
        let next_id = state.inline_ids.len();
        let id = *state.inline_ids.entry(key).or_insert(next_id);
        let mut chain = nearest_chain(&state.inlined, &found.pointer);
        if chain.contains(&id) {
            let message = format!("$ref '{reference}' includes itself through other files (a path item or operation cannot be recursive)");
            return self.fail(&found.at(), message);
        }
        if tokens(&found.pointer).count() + depth > MAX_DEPTH {
            return self.fail(&found.at(), format!("$ref '{reference}' nests deeper than {MAX_DEPTH} levels"));
        }
        self.graft(target, found.place, &found.pointer, from);
        chain.push(id);
        state.inlined.insert(found.pointer.clone(), chain);
        Grafted::At(found.pointer.clone())
    }

    /// Grafts a target as a component of `kind` (named after the root component that refers
    /// to it, else after its file and pointer) and points the use at it.
    fn graft_component(
        &mut self,
        state: &mut State,
        found: &Use,
        kind: &'static str,
        key: Key,
        target: Value,
        from: (u16, &SpanMap, &str),
    ) -> Grafted {
        let (file, _, fragment) = from;
        let path = self.files[file as usize].path.clone();
        let source = if fragment.is_empty() { path.display().to_string() } else { format!("{}#{fragment}", path.display()) };
        let slot = slot_name(&found.pointer, found.mapping).filter(|(k, _)| *k == kind).map(|(_, name)| name);
        let name = match slot {
            Some(name) => name,
            None => self.free_component_name(state, found, kind, component_name(&path, fragment), &source),
        };
        state.named.insert(key, name.clone());
        state.sources.insert((kind, name.clone()), source);
        let dest = component_pointer(kind, &name);
        self.graft(target, Place::of(&dest), &dest, from);
        if dest != found.pointer {
            self.set_reference(found, local_ref(kind, &name));
        }
        Grafted::At(dest)
    }

    /// `wanted`, or the first free name after it when a component of `kind` has it (said in
    /// an info diagnostic that names both sources).
    fn free_component_name(&mut self, state: &State, found: &Use, kind: &'static str, wanted: String, source: &str) -> String {
        let name = free_name(&wanted, |n| lookup(self.root, &component_pointer(kind, n)).is_some());
        if name != wanted {
            let other = state.sources.get(&(kind, wanted.clone())).cloned().unwrap_or_else(|| "the document's own component".into());
            let message =
                format!("components/{kind}/{wanted} is taken by {other}, so {source} is bundled as components/{kind}/{name}");
            let help = "give one of the two files (or pointers) another name to keep both names".to_string();
            self.diagnostics.push(Diagnostic::new(RENAMED, Level::Info, found.at(), message).with_help(help));
        }
        name
    }

    /// Puts a node taken from another file at `dest` (a node at `place`), its local references
    /// made references into its file, its positions those of `from`: (file index, the file's
    /// positions, the node's pointer in the file).
    fn graft(&mut self, mut target: Value, place: Place, dest: &str, from: (u16, &SpanMap, &str)) {
        let (file, spans, fragment) = from;
        let file_name = self.files[file as usize].path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        relocalize(&mut target, place, &file_name);
        insert_at(self.root, dest, target);
        copy_spans(spans, fragment, lookup(self.root, dest), self.spans, dest, file);
    }

    /// Reports a use that cannot be bundled and leaves it as it is.
    fn fail(&mut self, at: &str, message: String) -> Grafted {
        self.report(at, message, None);
        Grafted::Nothing
    }
}

/// Whether a discriminator mapping value names a file rather than a schema by name
/// (`Beverage`) or a local reference (`#/components/schemas/Beverage`).
fn names_file(target: &str) -> bool {
    if target.starts_with('#') {
        return false;
    }
    let lower = target.to_ascii_lowercase();
    let file = lower.split('#').next().unwrap_or_default();
    target.contains(['#', '/']) || [".yaml", ".yml", ".json"].iter().any(|ext| file.ends_with(ext))
}

/// The kind a pointer `/components/{kind}/{name}` into another file names, where the
/// place of the reference does not decide (path items and operations are inlined).
fn fragment_kind(fragment: &str, place: Place) -> Option<&'static str> {
    if matches!(place, Place::PathItem | Place::Operation) {
        return None;
    }
    let toks: Vec<String> = tokens(fragment).collect();
    match toks.as_slice() {
        [components, kind, _] if components == "components" => KINDS.iter().copied().find(|k| k == kind),
        _ => None,
    }
}

/// `(kind, name)` when a `$ref` object is itself a root component (`/components/{kind}/{name}`).
fn slot_name(pointer: &str, mapping: bool) -> Option<(&'static str, String)> {
    if mapping {
        return None;
    }
    let toks: Vec<String> = tokens(pointer).collect();
    match toks.as_slice() {
        [components, kind, name] if components == "components" => KINDS.iter().copied().find(|k| k == kind).map(|k| (k, name.clone())),
        _ => None,
    }
}

/// `/components/{kind}/{name}`.
fn component_pointer(kind: &str, name: &str) -> String {
    child(&child(&child("", "components"), kind), name)
}

/// `#/components/{kind}/{name}`, the name escaped as a pointer token.
fn local_ref(kind: &str, name: &str) -> String {
    format!("#{}", component_pointer(kind, name))
}

/// The targets inlined on the way to a pointer: those of its nearest inlined ancestor (itself included).
fn nearest_chain(inlined: &HashMap<String, Vec<usize>>, pointer: &str) -> Vec<usize> {
    let mut at = pointer;
    loop {
        if let Some(chain) = inlined.get(at) {
            return chain.clone();
        }
        match at.rfind('/') {
            Some(cut) => at = &at[..cut],
            None => return Vec::new(),
        }
    }
}
