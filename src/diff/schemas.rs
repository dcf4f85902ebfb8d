//! The schema comparison both directions use, and its checks. Types are
//! compared on the lowered type graph (so `allOf` merges, `$ref` chains and
//! single-member compositions that accept the same values are no change),
//! validation keywords on the raw schemas behind them. A pair of named types
//! is compared once per direction and the result reused for every operation
//! that reaches it. Sources: OpenAPI 3.0 §4.8.24 Schema Object (`readOnly`,
//! `writeOnly`, `nullable`, `discriminator`) and JSON Schema Validation §6.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde_json::{Map, Value};

use super::{Change, DiffCheck, Direction, Kind, Side};
use crate::load::tree::{child, lookup};
use crate::model::{Field, Primitive, TypeDef, TypeGraph, TypeId, TypeKind, TypeRef, Variant};

macro_rules! check {
    ($name:ident, $id:literal, $kind:ident, $dir:ident, $summary:literal, $why:literal, $before:literal, $after:literal) => {
        $crate::diff::schemas::check!($name, $id, $kind, $dir, $summary, $why, $before, $after,
            "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.24 Schema Object");
    };
    ($name:ident, $id:literal, $kind:ident, $dir:ident, $summary:literal, $why:literal, $before:literal, $after:literal, $source:literal) => {
        #[doc = $summary]
        pub static $name: $crate::diff::DiffCheck = $crate::diff::DiffCheck {
            id: $id,
            kind: $crate::diff::Kind::$kind,
            direction: $crate::diff::Direction::$dir,
            summary: $summary,
            rationale: $why,
            source: $source,
            before: $before,
            after: $after,
        };
    };
}
pub(crate) use check;

check!(REQUEST_PROPERTY_ADDED_REQUIRED, "request-property-added-required", Breaking, Request,
    "a request body gains a required property",
    "Every request an existing client sends lacks the new property, so the server now rejects it.",
    "required: [name]\nproperties: {name: {type: string}}",
    "required: [name, sku]\nproperties: {name: {type: string}, sku: {type: string}}");
check!(REQUEST_PROPERTY_BECAME_REQUIRED, "request-property-became-required", Breaking, Request,
    "an optional request property becomes required",
    "Clients that leave the property out, as they were allowed to, are now rejected.",
    "required: [name]\nproperties: {name: {type: string}, note: {type: string}}",
    "required: [name, note]\nproperties: {name: {type: string}, note: {type: string}}");
check!(REQUEST_PROPERTY_ADDED, "request-property-added", NonBreaking, Request,
    "a request body gains an optional property",
    "Existing requests stay valid; new clients may send more.",
    "properties: {name: {type: string}}",
    "properties: {name: {type: string}, note: {type: string}}");
check!(REQUEST_PROPERTY_REMOVED, "request-property-removed", NonBreaking, Request,
    "a request body property is no longer documented",
    "Servers ignore members they do not know unless the schema is closed (that case is `request-additional-properties-closed`); the client's value is no longer used.",
    "properties: {name: {type: string}, note: {type: string}}",
    "properties: {name: {type: string}}");
check!(REQUEST_TYPE_CHANGED, "request-type-changed", Breaking, Request,
    "a request value (parameter or body) changes its type or format",
    "Values clients send in the old type no longer validate (widening an int32 to an int64, or a float to a double, is allowed).",
    "quantity: {type: integer}",
    "quantity: {type: string}");
check!(REQUEST_ENUM_VALUE_REMOVED, "request-enum-value-removed", Breaking, Request,
    "a request enum loses a value (or a free value becomes an enum)",
    "Clients that send the removed value are now rejected.",
    "status: {type: string, enum: [open, closed]}",
    "status: {type: string, enum: [open]}");
check!(REQUEST_ENUM_VALUE_ADDED, "request-enum-value-added", NonBreaking, Request,
    "a request enum gains a value",
    "Every value clients send stays valid.",
    "status: {type: string, enum: [open]}",
    "status: {type: string, enum: [open, closed]}");
check!(REQUEST_CONSTRAINT_TIGHTENED, "request-constraint-tightened", Breaking, Request,
    "a request value gets a stricter constraint (minimum, maximum, length, pattern, items, format, nullable)",
    "Values that were valid may now be rejected: requests must not get stricter.",
    "name: {type: string, maxLength: 100}",
    "name: {type: string, maxLength: 50}");
check!(REQUEST_CONSTRAINT_RELAXED, "request-constraint-relaxed", NonBreaking, Request,
    "a request value's constraint is relaxed or removed",
    "Every value that was valid stays valid.",
    "name: {type: string, maxLength: 50}",
    "name: {type: string, maxLength: 100}");
check!(REQUEST_ADDITIONAL_PROPERTIES_CLOSED, "request-additional-properties-closed", Breaking, Request,
    "a request object sets `additionalProperties: false`",
    "Clients that send members the schema does not list, which was allowed, are now rejected.",
    "type: object\nproperties: {name: {type: string}}",
    "type: object\nadditionalProperties: false\nproperties: {name: {type: string}}");
check!(REQUEST_VARIANT_REMOVED, "request-variant-removed", Breaking, Request,
    "a `oneOf`/`anyOf` in a request loses an alternative",
    "Clients that send the removed alternative are now rejected.",
    "oneOf: [{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Iban'}]",
    "oneOf: [{$ref: '#/components/schemas/Card'}]");
check!(RESPONSE_PROPERTY_REMOVED, "response-property-removed", Breaking, Response,
    "a required response property is removed",
    "Clients read the property they were promised; it is no longer sent.",
    "required: [id, total]\nproperties: {id: {type: string}, total: {type: string}}",
    "required: [id]\nproperties: {id: {type: string}}");
check!(RESPONSE_OPTIONAL_PROPERTY_REMOVED, "response-optional-property-removed", NonBreaking, Response,
    "an optional response property is removed",
    "Clients already handle the property being absent, since it was optional.",
    "properties: {id: {type: string}, note: {type: string}}",
    "properties: {id: {type: string}}");
check!(RESPONSE_PROPERTY_BECAME_OPTIONAL, "response-property-became-optional", Breaking, Response,
    "a required response property becomes optional",
    "Clients that rely on the property being present may fail when it is left out: responses must not get looser.",
    "required: [id, total]",
    "required: [id]");
check!(RESPONSE_BECAME_NULLABLE, "response-became-nullable", Breaking, Response,
    "a response value becomes nullable",
    "Clients that read the value as non-null fail on `null`.",
    "total: {type: string}",
    "total: {type: string, nullable: true}");
check!(RESPONSE_PROPERTY_ADDED, "response-property-added", NonBreaking, Response,
    "a response gains a property",
    "Clients ignore members they do not know (generated clients do).",
    "properties: {id: {type: string}}",
    "properties: {id: {type: string}, note: {type: string}}");
check!(RESPONSE_TYPE_CHANGED, "response-type-changed", Breaking, Response,
    "a response value changes its type or format",
    "Clients decode the value as the old type and fail.",
    "total: {type: integer}",
    "total: {type: string}");
check!(RESPONSE_ENUM_VALUE_ADDED, "response-enum-value-added", Breaking, Response,
    "a response enum gains a value",
    "Clients with an exhaustive match over the values (generated enums are) cannot decode the new one.",
    "status: {type: string, enum: [open, closed]}",
    "status: {type: string, enum: [open, closed, archived]}");
check!(RESPONSE_ENUM_VALUE_REMOVED, "response-enum-value-removed", NonBreaking, Response,
    "a response enum loses a value",
    "Clients still understand every value they can receive.",
    "status: {type: string, enum: [open, closed]}",
    "status: {type: string, enum: [open]}");
check!(RESPONSE_CONSTRAINT_RELAXED, "response-constraint-relaxed", Breaking, Response,
    "a response value's constraint is relaxed or removed",
    "Clients sized or validated for the old bounds may fail: responses must not get looser.",
    "name: {type: string, maxLength: 50}",
    "name: {type: string, maxLength: 100}");
check!(RESPONSE_CONSTRAINT_TIGHTENED, "response-constraint-tightened", NonBreaking, Response,
    "a response value gets a stricter constraint",
    "Every value clients can receive was valid before.",
    "name: {type: string, maxLength: 100}",
    "name: {type: string, maxLength: 50}");
check!(RESPONSE_VARIANT_ADDED, "response-variant-added", Breaking, Response,
    "a `oneOf`/`anyOf` in a response gains an alternative",
    "Clients that match on the alternatives cannot decode the new one.",
    "oneOf: [{$ref: '#/components/schemas/Card'}]",
    "oneOf: [{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Iban'}]");

/// `discriminator-changed`: both directions, so its own static.
pub static DISCRIMINATOR_CHANGED: DiffCheck = DiffCheck {
    id: "discriminator-changed",
    kind: Kind::Breaking,
    direction: Direction::Operation,
    summary: "a discriminator's property or mapping changes",
    rationale: "Clients tag what they send and pick what they read by the discriminator; a new property name or a value that now selects another schema breaks both.",
    source: "OpenAPI 3.0 §4.8.25 Discriminator Object",
    before: "discriminator: {propertyName: kind, mapping: {card: '#/components/schemas/Card'}}",
    after: "discriminator: {propertyName: type, mapping: {card: '#/components/schemas/Card'}}",
};

/// `property-renamed`: both directions.
pub static PROPERTY_RENAMED: DiffCheck = DiffCheck {
    id: "property-renamed",
    kind: Kind::Breaking,
    direction: Direction::Operation,
    summary: "a property is renamed, declared by `x-renamed-from` on the new name",
    rationale: "The member's name on the wire changes: clients send the old name, which is no longer read, and read the old name, which is no longer sent. Declaring the rename makes it one change (compared as the same property) instead of a removal and an addition, here and in migrations.",
    source: "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.24 Schema Object",
    before: "properties: {comment: {type: string}}",
    after: "properties: {note: {type: string, x-renamed-from: comment}}",
};

/// The checks of this family, in catalogue order.
pub static CHECKS: &[&DiffCheck] = &[
    &REQUEST_PROPERTY_ADDED_REQUIRED,
    &REQUEST_PROPERTY_BECAME_REQUIRED,
    &REQUEST_PROPERTY_ADDED,
    &REQUEST_PROPERTY_REMOVED,
    &REQUEST_TYPE_CHANGED,
    &REQUEST_ENUM_VALUE_REMOVED,
    &REQUEST_ENUM_VALUE_ADDED,
    &REQUEST_CONSTRAINT_TIGHTENED,
    &REQUEST_CONSTRAINT_RELAXED,
    &REQUEST_ADDITIONAL_PROPERTIES_CLOSED,
    &REQUEST_VARIANT_REMOVED,
    &RESPONSE_PROPERTY_REMOVED,
    &RESPONSE_OPTIONAL_PROPERTY_REMOVED,
    &RESPONSE_PROPERTY_BECAME_OPTIONAL,
    &RESPONSE_BECAME_NULLABLE,
    &RESPONSE_PROPERTY_ADDED,
    &RESPONSE_TYPE_CHANGED,
    &RESPONSE_ENUM_VALUE_ADDED,
    &RESPONSE_ENUM_VALUE_REMOVED,
    &RESPONSE_CONSTRAINT_RELAXED,
    &RESPONSE_CONSTRAINT_TIGHTENED,
    &RESPONSE_VARIANT_ADDED,
    &DISCRIMINATOR_CHANGED,
    &PROPERTY_RENAMED,
];

/// A schema change relative to the schema compared: `path` names the value inside it
/// (`items[].total`; empty: the schema itself).
#[derive(Debug, Clone)]
pub struct Found {
    /// The check.
    pub check: &'static DiffCheck,
    /// Where in the compared schema: property names joined by `.`, `[]` for array items, `{}` for map values.
    pub path: String,
    /// What changed, without the subject.
    pub message: String,
    /// Pointer of the node in the base document.
    pub base: String,
    /// Pointer of the node in the head document.
    pub head: String,
}

impl Found {
    /// The message with its subject: `property 'items[].total' was removed`.
    pub fn describe(&self) -> String {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            format!("'{}' {}", crate::text::one_line(&self.path), self.message)
        }
    }
}

/// A value to compare: its type and the raw schema node it was lowered from.
#[derive(Debug, Clone)]
pub struct Node<'t> {
    /// The lowered type.
    pub ty: &'t TypeRef,
    /// Pointer of the raw schema node (may be a `$ref` object).
    pub pointer: String,
}

/// How many comparisons of alternatives (`oneOf`/`anyOf` members matched by content) may
/// nest, each waiting for the one inside it. Past it the part is reported as not compared.
pub const MAX_NESTED_MATCHES: usize = 64;

/// A pair of named types: (base type id, head type id).
type Key = (usize, usize);

/// What comparing two schemas found, relative to them.
#[derive(Debug, Clone)]
enum Item {
    /// A change.
    Found(Found),
    /// A pair of named types below, at `path` (relative): compared once
    /// ([`SchemaDiff::pairs`]), its changes listed where it is first reached.
    Pair { path: String, key: Key },
}

/// A part of two schemas that was not compared (see [`MAX_NESTED_MATCHES`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Pointer of the node in the base document.
    pub base: String,
    /// Pointer of the node in the head document.
    pub head: String,
    /// Why, one line.
    pub reason: String,
}

/// Compares schemas of two documents in one direction. Each pair of named types is
/// compared once (its result reused wherever it is reached), so the work grows with
/// the number of pairs, not with the number of paths to them; a pair's changes are
/// listed once per [`SchemaDiff::compare`], at the first path that reaches it.
pub struct SchemaDiff<'a> {
    base: Side<'a>,
    head: Side<'a>,
    dir: Direction,
    /// Pairs compared: their changes and the pairs below them.
    pairs: HashMap<Key, Rc<Vec<Item>>>,
    /// Pairs reached but not compared yet, with the type change to report if their kinds differ.
    waiting: HashMap<Key, TypeChanged>,
    /// Pairs being compared (a cycle back to one is no change of its own).
    active: HashSet<Key>,
    /// Pairs with no change anywhere below them.
    clean: HashSet<Key>,
    /// Pairs with a change, their own or below them.
    dirty: HashSet<Key>,
    /// Comparisons of alternatives waiting on the one under way.
    nested_matches: usize,
    /// Parts not compared, in the order met.
    pub skipped: Vec<Skipped>,
}

/// A raw schema node with its `$ref`s and single-member compositions followed.
struct Raw<'v> {
    map: Option<&'v Map<String, Value>>,
    pointer: String,
    nullable: bool,
}

fn resolve<'v>(root: &'v Value, pointer: &str) -> Raw<'v> {
    let mut pointer = pointer.to_string();
    let mut nullable = false;
    // Every hop moves to another node; coming back to one is a cycle (the loader reports it).
    let mut seen = HashSet::new();
    while seen.insert(pointer.clone()) {
        let Some(map) = lookup(root, &pointer).and_then(Value::as_object) else {
            return Raw { map: None, pointer, nullable };
        };
        nullable |= map.get("nullable") == Some(&Value::Bool(true));
        if let Some(r) = map.get("$ref").and_then(Value::as_str) {
            match r.strip_prefix('#') {
                Some(target) => {
                    pointer = target.to_string();
                    continue;
                }
                None => return Raw { map: None, pointer, nullable },
            }
        }
        let own_props = map.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
        let single = ["allOf", "oneOf", "anyOf"]
            .into_iter()
            .find(|k| map.get(*k).and_then(Value::as_array).is_some_and(|a| a.len() == 1));
        if let (Some(key), false) = (single, own_props) {
            pointer = child(&child(&pointer, key), "0");
            continue;
        }
        return Raw { map: Some(map), pointer, nullable };
    }
    Raw { map: None, pointer, nullable }
}

/// The path of a step: the steps from the top (step 0) down to it, joined.
fn spell(steps: &[(usize, String)], mut step: usize) -> String {
    let mut parts = Vec::new();
    while step != 0 {
        parts.push(steps[step].1.as_str());
        step = steps[step].0;
    }
    // As `join`, appending in place (a path may have as many steps as the document has schemas).
    let mut path = String::new();
    for part in parts.iter().rev().filter(|p| !p.is_empty()) {
        if !path.is_empty() && !part.starts_with(['[', '{']) {
            path.push('.');
        }
        path.push_str(part);
    }
    path
}

/// An item found below a step, its path rewritten by `path` (which gets the path relative to the step).
fn under(item: Item, path: impl Fn(&str) -> String) -> Item {
    match item {
        Item::Found(mut f) => {
            f.path = path(&f.path);
            Item::Found(f)
        }
        Item::Pair { path: p, key } => Item::Pair { path: path(&p), key },
    }
}

fn join(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (_, true) => prefix.to_string(),
        _ if rest.starts_with('[') || rest.starts_with('{') => format!("{prefix}{rest}"),
        _ => format!("{prefix}.{rest}"),
    }
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let s = crate::text::one_line(&s);
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

impl<'a> SchemaDiff<'a> {
    /// A comparison of two documents' schemas in one direction.
    pub fn new(base: Side<'a>, head: Side<'a>, dir: Direction) -> Self {
        SchemaDiff {
            base,
            head,
            dir,
            pairs: HashMap::new(),
            waiting: HashMap::new(),
            active: HashSet::new(),
            clean: HashSet::new(),
            dirty: HashSet::new(),
            nested_matches: 0,
            skipped: Vec::new(),
        }
    }

    fn req(&self) -> bool {
        self.dir == Direction::Request
    }

    /// Every change between two schemas, relative to them. A pair of named types
    /// reached along several paths is listed once, at the first.
    pub fn compare(&mut self, b: &Node<'a>, h: &Node<'a>) -> Vec<Found> {
        let mut top = Vec::new();
        self.compare_into(b, h, &mut top);
        self.classify(top.iter().filter_map(|item| match item {
            Item::Pair { key, .. } => Some(*key),
            Item::Found(_) => None,
        }));
        // Depth first, in order, with an explicit stack: a chain of pairs may be as long as the document.
        // Paths are kept as steps up to the top and spelled out only for a change.
        let mut steps: Vec<(usize, String)> = vec![(0, String::new())];
        let mut out = Vec::new();
        let mut listed = HashSet::new();
        let mut stack: Vec<(Rc<Vec<Item>>, usize, usize)> = vec![(Rc::new(top), 0, 0)];
        while let Some((items, i, step)) = stack.pop() {
            let Some(item) = items.get(i) else { continue };
            let item = item.clone();
            stack.push((items, i + 1, step));
            match item {
                Item::Found(mut f) => {
                    f.path = join(&spell(&steps, step), &f.path);
                    out.push(f);
                }
                Item::Pair { path, key } => {
                    if !self.clean.contains(&key) && listed.insert(key) {
                        let below = self.pair(key);
                        steps.push((step, path));
                        stack.push((below, 0, steps.len() - 1));
                    }
                }
            }
        }
        out
    }

    /// Compares every pair reachable from `roots` not classified yet, and classifies it as
    /// clean (no change below it) or dirty, so a later listing walks only where changes are.
    /// Called between comparisons (no pair under way), so the classes are exact.
    fn classify(&mut self, roots: impl Iterator<Item = Key>) {
        let mut stack: Vec<Key> = roots.collect();
        let mut reached: Vec<Key> = Vec::new();
        let mut seen = HashSet::new();
        let mut above: HashMap<Key, Vec<Key>> = HashMap::new();
        let mut changed: Vec<Key> = Vec::new();
        while let Some(key) = stack.pop() {
            if self.clean.contains(&key) || self.dirty.contains(&key) || !seen.insert(key) {
                continue;
            }
            reached.push(key);
            for item in self.pair(key).iter() {
                match item {
                    Item::Found(_) => changed.push(key),
                    Item::Pair { key: below, .. } if self.dirty.contains(below) => changed.push(key),
                    Item::Pair { key: below, .. } => {
                        above.entry(*below).or_default().push(key);
                        stack.push(*below);
                    }
                }
            }
        }
        // Dirty: a change of its own, or a dirty pair below (followed upwards).
        let mut dirty = HashSet::new();
        while let Some(key) = changed.pop() {
            if dirty.insert(key) {
                changed.extend(above.get(&key).into_iter().flatten());
            }
        }
        for key in reached {
            if dirty.contains(&key) {
                self.dirty.insert(key);
            } else {
                self.clean.insert(key);
            }
        }
    }

    /// The changes of a pair of named types, comparing it first if it is waiting.
    fn pair(&mut self, key: Key) -> Rc<Vec<Item>> {
        if let Some(done) = self.pairs.get(&key) {
            return done.clone();
        }
        let Some(changed) = self.waiting.remove(&key) else {
            // Being compared (a cycle): its changes are listed where it was first reached.
            return Rc::new(Vec::new());
        };
        self.active.insert(key);
        let mut found = Vec::new();
        self.named(crate::model::TypeId(key.0), crate::model::TypeId(key.1), &mut found, changed);
        self.active.remove(&key);
        let found = Rc::new(found);
        self.pairs.insert(key, found.clone());
        found
    }

    /// Whether items hold a change, here or in any pair below (comparing waiting pairs).
    /// A pair being compared counts as unchanged: a cycle adds no change of its own.
    fn has_changes(&mut self, items: &[Item]) -> bool {
        let mut stack: Vec<Key> = Vec::new();
        for item in items {
            match item {
                Item::Found(_) => return true,
                Item::Pair { key, .. } => stack.push(*key),
            }
        }
        let mut seen: HashSet<Key> = HashSet::new();
        let mut exact = true;
        while let Some(key) = stack.pop() {
            if self.dirty.contains(&key) {
                return true;
            }
            if self.clean.contains(&key) || !seen.insert(key) {
                continue;
            }
            if self.active.contains(&key) {
                exact = false;
                continue;
            }
            for item in self.pair(key).iter() {
                match item {
                    Item::Found(_) => return true,
                    Item::Pair { key, .. } => stack.push(*key),
                }
            }
        }
        if exact {
            self.clean.extend(seen);
        }
        false
    }

    fn push(&self, out: &mut Vec<Item>, check: &'static DiffCheck, message: String, b: &str, h: &str) {
        out.push(Item::Found(Found { check, path: String::new(), message, base: b.to_string(), head: h.to_string() }));
    }

    /// The type an alias chain ends at, with the pointer of the last alias's definition.
    /// Bounded by the graph's size: a chain of aliases that loops ends where it started.
    fn unalias(g: &'a crate::model::TypeGraph, mut node: Node<'a>) -> Node<'a> {
        for _ in 0..=g.types.len() {
            match node.ty {
                TypeRef::Named(id) => match &g.get(*id).kind {
                    TypeKind::Alias(inner) => node = Node { ty: inner, pointer: g.get(*id).pointer.clone() },
                    _ => break,
                },
                _ => break,
            }
        }
        node
    }

    fn compare_into(&mut self, b: &Node<'a>, h: &Node<'a>, out: &mut Vec<Item>) {
        let (base_api, head_api): (&'a crate::model::Api, &'a crate::model::Api) = (self.base.api, self.head.api);
        let (base_types, head_types) = (&base_api.types, &head_api.types);
        // Aliases: follow to the aliased type, keeping the raw pointer of the alias's definition.
        let (b, h) = (Self::unalias(base_types, b.clone()), Self::unalias(head_types, h.clone()));
        let base_raw = resolve(&self.base.doc.root, &b.pointer);
        let head_raw = resolve(&self.head.doc.root, &h.pointer);
        let same_primitive = matches!((b.ty, h.ty), (TypeRef::Primitive(x), TypeRef::Primitive(y)) if x == y);
        self.keywords(&base_raw, &head_raw, same_primitive, out);
        let type_changed_check = if self.req() { &REQUEST_TYPE_CHANGED } else { &RESPONSE_TYPE_CHANGED };
        let type_changed = || TypeChanged {
            check: type_changed_check,
            from: describe(base_types, b.ty),
            to: describe(head_types, h.ty),
            base: base_raw.pointer.clone(),
            head: head_raw.pointer.clone(),
        };
        let report = |out: &mut Vec<Item>, c: TypeChanged| self.push(out, c.check, format!("changed type from {} to {}", c.from, c.to), &c.base, &c.head);
        match (b.ty, h.ty) {
            (TypeRef::Any, TypeRef::Any) => {}
            // A free value stays valid in a request, and may be anything in a response.
            (_, TypeRef::Any) if !self.req() => report(out, type_changed()),
            (TypeRef::Any, _) if self.req() => report(out, type_changed()),
            (_, TypeRef::Any) | (TypeRef::Any, _) => {}
            (TypeRef::Primitive(x), TypeRef::Primitive(y)) => {
                // Every int32 is an int64, every integer a number: a request type may widen.
                let widened = matches!(
                    (x, y),
                    (Primitive::I32, Primitive::I64) | (Primitive::F32, Primitive::F64) | (Primitive::I32 | Primitive::I64, Primitive::F32 | Primitive::F64)
                );
                if x != y && !(widened && self.req()) {
                    report(out, type_changed());
                }
            }
            (TypeRef::List(x), TypeRef::List(y)) => {
                let (bi, hi) = (Node { ty: x, pointer: child(&base_raw.pointer, "items") }, Node { ty: y, pointer: child(&head_raw.pointer, "items") });
                self.nested(&bi, &hi, "[]", out);
            }
            (TypeRef::Map(x), TypeRef::Map(y)) => {
                let (bi, hi) = (
                    Node { ty: x, pointer: child(&base_raw.pointer, "additionalProperties") },
                    Node { ty: y, pointer: child(&head_raw.pointer, "additionalProperties") },
                );
                self.nested(&bi, &hi, "{}", out);
            }
            (TypeRef::Named(x), TypeRef::Named(y)) => {
                // Compared when first listed or matched (never here: a chain of pairs would recurse).
                let key = (x.0, y.0);
                if !self.pairs.contains_key(&key) && !self.active.contains(&key) {
                    self.waiting.entry(key).or_insert_with(type_changed);
                }
                out.push(Item::Pair { path: String::new(), key });
            }
            (TypeRef::Named(x), TypeRef::Primitive(p)) | (TypeRef::Primitive(p), TypeRef::Named(x)) => {
                let became_enum = matches!(b.ty, TypeRef::Primitive(_));
                let graph = if became_enum { head_types } else { base_types };
                let enum_of_same_base = matches!(&graph.get(*x).kind, TypeKind::Enum { base, .. } if base.json_type() == p.json_type());
                if enum_of_same_base {
                    self.enum_limit(became_enum, &base_raw.pointer, &head_raw.pointer, out);
                } else {
                    report(out, type_changed());
                }
            }
            _ => report(out, type_changed()),
        }
    }

    /// A free value that became limited to an enum's values (stricter), or the reverse.
    fn enum_limit(&self, became_enum: bool, base: &str, head: &str, out: &mut Vec<Item>) {
        let (check, message) = match (became_enum, self.req()) {
            (true, true) => (&REQUEST_ENUM_VALUE_REMOVED, "is now limited to the values of an enum"),
            (true, false) => (&RESPONSE_CONSTRAINT_TIGHTENED, "is now limited to the values of an enum"),
            (false, true) => (&REQUEST_CONSTRAINT_RELAXED, "is no longer limited to the values of an enum"),
            (false, false) => (&RESPONSE_ENUM_VALUE_ADDED, "is no longer limited to the values of an enum"),
        };
        self.push(out, check, message.into(), base, head);
    }

    /// Compares two nodes below the current one, at `step` (`[]`, `{}`, a property name).
    fn nested(&mut self, b: &Node<'a>, h: &Node<'a>, step: &str, out: &mut Vec<Item>) {
        let mut inner = Vec::new();
        self.compare_into(b, h, &mut inner);
        out.extend(inner.into_iter().map(|item| under(item, |path| join(step, path))));
    }

    /// Whether two alternatives accept the same values: compared now, pairs below included.
    /// Past [`MAX_NESTED_MATCHES`] nested matches the pair is recorded as not compared.
    fn same(&mut self, b: &Node<'a>, h: &Node<'a>) -> bool {
        if self.nested_matches >= MAX_NESTED_MATCHES {
            let reason = format!("alternatives nest more than {MAX_NESTED_MATCHES} deep through schemas matched by content");
            let skipped = Skipped { base: b.pointer.clone(), head: h.pointer.clone(), reason };
            if !self.skipped.contains(&skipped) {
                self.skipped.push(skipped);
            }
            return false;
        }
        self.nested_matches += 1;
        let mut trial = Vec::new();
        self.compare_into(b, h, &mut trial);
        let changed = self.has_changes(&trial);
        self.nested_matches -= 1;
        !changed
    }

    /// Compares two named types' own content; pairs of named types below become [`Item::Pair`]s.
    fn named(&mut self, x: TypeId, y: TypeId, out: &mut Vec<Item>, changed: TypeChanged) {
        let (base_api, head_api): (&'a crate::model::Api, &'a crate::model::Api) = (self.base.api, self.head.api);
        let (base_types, head_types) = (&base_api.types, &head_api.types);
        let (base_def, head_def) = (base_types.get(x), head_types.get(y));
        match (&base_def.kind, &head_def.kind) {
            (TypeKind::Struct { fields: base_fields, additional: base_additional }, TypeKind::Struct { fields: head_fields, additional: head_additional }) => {
                self.fields(base_def, head_def, base_fields, head_fields, out);
                if let (Some(a), Some(b)) = (base_additional, head_additional) {
                    let (bn, hn) = (Node { ty: a, pointer: child(&base_def.pointer, "additionalProperties") }, Node { ty: b, pointer: child(&head_def.pointer, "additionalProperties") });
                    self.nested(&bn, &hn, "{}", out);
                }
                let closed = |side: &Side<'_>, ptr: &str| resolve(&side.doc.root, ptr).map.and_then(|m| m.get("additionalProperties")) == Some(&Value::Bool(false));
                if self.req() && !closed(&self.base, &base_def.pointer) && closed(&self.head, &head_def.pointer) {
                    let message = "no longer accepts properties it does not list (additionalProperties: false)".into();
                    out.push(Item::Found(Found { check: &REQUEST_ADDITIONAL_PROPERTIES_CLOSED, path: String::new(), message, base: base_def.pointer.clone(), head: head_def.pointer.clone() }));
                }
            }
            (TypeKind::Enum { values: base_values, .. }, TypeKind::Enum { values: head_values, .. }) => {
                self.enum_values((&base_def.pointer, base_values), (&head_def.pointer, head_values), "enum", out);
            }
            (TypeKind::Union { variants: base_variants, discriminator: base_disc, .. }, TypeKind::Union { variants: head_variants, discriminator: head_disc, .. }) => {
                if base_disc != head_disc {
                    let name = |d: &Option<String>| d.as_deref().map_or("none".to_string(), |d| format!("'{}'", crate::text::one_line(d)));
                    let message = format!("discriminator property changed from {} to {}", name(base_disc), name(head_disc));
                    out.push(Item::Found(Found { check: &DISCRIMINATOR_CHANGED, path: String::new(), message, base: base_def.pointer.clone(), head: head_def.pointer.clone() }));
                }
                let both_discriminated = base_disc.is_some() && head_disc.is_some();
                self.alternatives(base_def, head_def, base_variants, head_variants, both_discriminated, out);
            }
            _ => {
                let TypeChanged { check, from, to, base, head } = changed;
                out.push(Item::Found(Found { check, path: String::new(), message: format!("changed type from {from} to {to}"), base, head }));
            }
        }
    }

    /// The properties of two object types: removed, added, renamed (`x-renamed-from`), made
    /// required or optional, and each property present on both sides compared below.
    fn fields(&mut self, base_def: &TypeDef, head_def: &TypeDef, base_fields: &'a [Field], head_fields: &'a [Field], out: &mut Vec<Item>) {
        let req = self.req();
        // A read-only property is never sent, a write-only one never read.
        let unused = |f: &Field| if req { f.read_only } else { f.write_only };
        let removed_check = |f: &Field| if req { &REQUEST_PROPERTY_REMOVED } else if f.required { &RESPONSE_PROPERTY_REMOVED } else { &RESPONSE_OPTIONAL_PROPERTY_REMOVED };
        // `x-renamed-from: old` on a head property: the base property `old`, renamed.
        let renamed_from = |g: &'a Field| -> Option<&'a str> {
            let old = g.annotations.renamed_from.as_deref()?;
            let fits = old != g.name && base_fields.iter().any(|f| f.name == old) && !head_fields.iter().any(|h| h.name == old) && !base_fields.iter().any(|f| f.name == g.name);
            fits.then_some(old)
        };
        let found = |check, f: &Field, message: &str, head: &str| Item::Found(Found { check, path: f.name.clone(), message: message.into(), base: f.pointer.clone(), head: head.to_string() });
        for f in base_fields.iter().filter(|f| !unused(f)) {
            let same = head_fields.iter().find(|g| g.name == f.name);
            let renamed = same.is_none().then(|| head_fields.iter().find(|g| renamed_from(g) == Some(f.name.as_str()))).flatten();
            if let Some(g) = renamed {
                out.push(found(&PROPERTY_RENAMED, f, &format!("was renamed to '{}' (x-renamed-from)", crate::text::one_line(&g.name)), &g.pointer));
                let (bn, hn) = (Node { ty: &f.ty, pointer: f.pointer.clone() }, Node { ty: &g.ty, pointer: g.pointer.clone() });
                self.nested(&bn, &hn, &g.name, out);
                continue;
            }
            match same {
                Some(g) if unused(g) => out.push(found(removed_check(f), f, if req { "became read-only" } else { "became write-only" }, &g.pointer)),
                Some(g) => {
                    if req && !f.required && g.required {
                        out.push(found(&REQUEST_PROPERTY_BECAME_REQUIRED, f, "became required", &g.pointer));
                    }
                    if !req && f.required && !g.required {
                        out.push(found(&RESPONSE_PROPERTY_BECAME_OPTIONAL, f, "became optional", &g.pointer));
                    }
                    let (bn, hn) = (Node { ty: &f.ty, pointer: f.pointer.clone() }, Node { ty: &g.ty, pointer: g.pointer.clone() });
                    self.nested(&bn, &hn, &f.name, out);
                }
                None => out.push(found(removed_check(f), f, "was removed", &head_def.pointer)),
            }
        }
        for g in head_fields.iter().filter(|g| !unused(g) && !base_fields.iter().any(|f| f.name == g.name) && renamed_from(g).is_none()) {
            let check = match (req, g.required) {
                (true, true) => &REQUEST_PROPERTY_ADDED_REQUIRED,
                (true, false) => &REQUEST_PROPERTY_ADDED,
                (false, _) => &RESPONSE_PROPERTY_ADDED,
            };
            let message = if g.required { "was added as required" } else { "was added" };
            out.push(Item::Found(Found { check, path: g.name.clone(), message: message.into(), base: base_def.pointer.clone(), head: g.pointer.clone() }));
        }
    }

    /// The values of two enums (each side: its pointer and values), lost and gained; `keyword`
    /// names the list in messages (`enum`, `x-extensible-enum`).
    fn enum_values(&self, base: (&str, &[Value]), head: (&str, &[Value]), keyword: &str, out: &mut Vec<Item>) {
        let (removed_check, added_check) = if self.req() { (&REQUEST_ENUM_VALUE_REMOVED, &REQUEST_ENUM_VALUE_ADDED) } else { (&RESPONSE_ENUM_VALUE_REMOVED, &RESPONSE_ENUM_VALUE_ADDED) };
        let list = |of: &[Value], not_in: &[Value]| of.iter().filter(|v| !not_in.contains(v)).map(|v| format!("'{}'", short(v))).collect::<Vec<_>>().join(", ");
        // An extensible enum's readers accept values it does not list yet: a response value added is no change.
        let additions_break = keyword == "enum" || self.req();
        for (check, what, values) in [(removed_check, "lost", list(base.1, head.1)), (added_check, "gained", list(head.1, base.1))] {
            if !values.is_empty() && (what == "lost" || additions_break) {
                out.push(Item::Found(Found { check, path: String::new(), message: format!("{what} {keyword} values {values}"), base: base.0.to_string(), head: head.0.to_string() }));
            }
        }
    }

    /// The alternatives of two `oneOf`/`anyOf` unions, paired ([`Self::pair_alternatives`]):
    /// each pair compared below, an alternative lost (requests) or gained (responses) reported.
    fn alternatives(&mut self, base_def: &TypeDef, head_def: &TypeDef, base_variants: &'a [Variant], head_variants: &'a [Variant], both_discriminated: bool, out: &mut Vec<Item>) {
        let (base_api, head_api): (&'a crate::model::Api, &'a crate::model::Api) = (self.base.api, self.head.api);
        let (base_types, head_types) = (&base_api.types, &head_api.types);
        let (base_labels, head_labels) = (variant_labels(base_types, base_variants), variant_labels(head_types, head_variants));
        let (pairing, taken) = self.pair_alternatives(base_variants, head_variants, &base_labels, &head_labels);
        for (i, v) in base_variants.iter().enumerate() {
            match pairing[i] {
                Some(j) => {
                    let w = &head_variants[j];
                    if both_discriminated {
                        let (bn, hn) = (named_name(base_types, &v.ty), named_name(head_types, &w.ty));
                        if bn.is_some() && hn.is_some() && bn != hn {
                            let message = format!("discriminator value '{}' now selects {} instead of {}", crate::text::one_line(&base_labels[i]), hn.unwrap_or_default(), bn.unwrap_or_default());
                            out.push(Item::Found(Found { check: &DISCRIMINATOR_CHANGED, path: String::new(), message, base: v.pointer.clone(), head: w.pointer.clone() }));
                            continue;
                        }
                    }
                    let (bn, hn) = (Node { ty: &v.ty, pointer: v.pointer.clone() }, Node { ty: &w.ty, pointer: w.pointer.clone() });
                    let step = format!("<{}>", base_labels[i]);
                    let mut inner = Vec::new();
                    self.compare_into(&bn, &hn, &mut inner);
                    out.extend(inner.into_iter().map(|item| under(item, |path| if path.is_empty() { step.clone() } else { format!("{step}.{path}") })));
                }
                None if self.req() => {
                    let message = format!("lost the alternative '{}'", crate::text::one_line(&base_labels[i]));
                    out.push(Item::Found(Found { check: &REQUEST_VARIANT_REMOVED, path: String::new(), message, base: v.pointer.clone(), head: head_def.pointer.clone() }));
                }
                None => {}
            }
        }
        if !self.req() {
            for (j, w) in head_variants.iter().enumerate().filter(|(j, _)| !taken[*j]) {
                let message = format!("gained the alternative '{}'", crate::text::one_line(&head_labels[j]));
                out.push(Item::Found(Found { check: &RESPONSE_VARIANT_ADDED, path: String::new(), message, base: base_def.pointer.clone(), head: w.pointer.clone() }));
            }
        }
    }

    /// Pairs base alternatives with head ones: by label first; an alternative left over matches
    /// one left over on the other side that accepts the same values (an inline schema moved to
    /// a component). Positions (`#3`) are no names: alternatives known only by position match by
    /// content. A label written twice pairs in order. Returns, per base alternative, its head
    /// alternative, and per head alternative whether it was paired.
    fn pair_alternatives(&mut self, base_variants: &'a [Variant], head_variants: &'a [Variant], base_labels: &[String], head_labels: &[String]) -> (Vec<Option<usize>>, Vec<bool>) {
        let mut pairing: Vec<Option<usize>> = vec![None; base_variants.len()];
        let mut taken = vec![false; head_variants.len()];
        let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, l) in head_labels.iter().enumerate().rev() {
            by_label.entry(l.as_str()).or_default().push(j);
        }
        for (i, l) in base_labels.iter().enumerate().filter(|(_, l)| !l.starts_with('#')) {
            if let Some(j) = by_label.get_mut(l.as_str()).and_then(Vec::pop) {
                pairing[i] = Some(j);
                taken[j] = true;
            }
        }
        let named_in_base: HashSet<&str> = base_labels.iter().map(String::as_str).collect();
        for i in 0..base_variants.len() {
            if pairing[i].is_some() {
                continue;
            }
            for j in 0..head_variants.len() {
                if taken[j] || (!head_labels[j].starts_with('#') && named_in_base.contains(head_labels[j].as_str())) {
                    continue;
                }
                let (bn, hn) = (Node { ty: &base_variants[i].ty, pointer: base_variants[i].pointer.clone() }, Node { ty: &head_variants[j].ty, pointer: head_variants[j].pointer.clone() });
                if self.same(&bn, &hn) {
                    pairing[i] = Some(j);
                    taken[j] = true;
                    break;
                }
            }
        }
        (pairing, taken)
    }

    /// Validation keywords and nullability of two raw schema nodes.
    fn keywords(&self, b: &Raw<'_>, h: &Raw<'_>, same_primitive: bool, out: &mut Vec<Item>) {
        let (tight, loose) = if self.req() { (&REQUEST_CONSTRAINT_TIGHTENED, &REQUEST_CONSTRAINT_RELAXED) } else { (&RESPONSE_CONSTRAINT_TIGHTENED, &RESPONSE_CONSTRAINT_RELAXED) };
        let empty = Map::new();
        let (bm, hm) = (b.map.unwrap_or(&empty), h.map.unwrap_or(&empty));
        // `x-extensible-enum` (Zalando's RESTful API guidelines): the values a client
        // may send, while readers accept values not listed yet.
        if let (Some(base_values), Some(head_values)) = (bm.get("x-extensible-enum").and_then(Value::as_array), hm.get("x-extensible-enum").and_then(Value::as_array)) {
            self.enum_values((&b.pointer, base_values), (&h.pointer, head_values), "x-extensible-enum", out);
        }
        let mut found = bounds(bm, hm);
        found.extend(text_keywords(bm, hm, same_primitive));
        found.extend(self.assertions(bm, hm));
        if b.nullable != h.nullable {
            if self.req() {
                found.push((!h.nullable, if h.nullable { "became nullable".into() } else { "no longer accepts null".into() }));
            } else if h.nullable {
                out.push(Item::Found(Found { check: &RESPONSE_BECAME_NULLABLE, path: String::new(), message: "became nullable".into(), base: b.pointer.clone(), head: h.pointer.clone() }));
            } else {
                found.push((true, "is no longer nullable".into()));
            }
        }
        for (stricter, message) in found {
            out.push(Item::Found(Found { check: if stricter { tight } else { loose }, path: String::new(), message, base: b.pointer.clone(), head: h.pointer.clone() }));
        }
    }

    /// JSON Schema assertions beyond the 3.0 vocabulary (OpenAPI 3.1 schemas, `not`), compared
    /// as written: (stricter, message) each. Adding one restricts, removing one relaxes;
    /// changing one may do both, so a change is stricter for requests and looser for responses.
    fn assertions(&self, bm: &Map<String, Value>, hm: &Map<String, Value>) -> Vec<(bool, String)> {
        let mut found = Vec::new();
        for key in ["minContains", "maxContains"] {
            let (x, y) = (bm.get(key).and_then(Value::as_f64), hm.get(key).and_then(Value::as_f64));
            if x != y {
                let stricter = match (x, y) {
                    (Some(x), Some(y)) => if key == "minContains" { y > x } else { y < x },
                    (None, _) => true,
                    (Some(_), None) => false,
                };
                found.push((stricter, format!("{key} changed from {} to {}", show_number(x), show_number(y))));
            }
        }
        for key in [
            "not", "if", "then", "else", "contains", "const", "dependentRequired", "dependentSchemas", "unevaluatedItems",
            "unevaluatedProperties", "propertyNames", "patternProperties", "contentSchema", "prefixItems",
            "contentMediaType", "contentEncoding",
        ] {
            let (x, y) = (bm.get(key), hm.get(key));
            if x == y {
                continue;
            }
            let either_way = matches!(key, "prefixItems" | "contentMediaType" | "contentEncoding" | "const");
            let (stricter, what) = match (x, y) {
                (None, Some(_)) => (!either_way || self.req(), "was added"),
                (Some(_), None) => (either_way && self.req(), "was removed"),
                _ => (self.req(), "changed"),
            };
            found.push((stricter, format!("'{key}' {what}")));
        }
        found
    }
}

/// A bound keyword's value, or `none`.
fn show_number(v: Option<f64>) -> String {
    v.map_or("none".to_string(), |v| v.to_string())
}

/// Numeric bounds (`minimum` … `maxProperties`) and the boolean ones (`exclusiveMinimum`,
/// `exclusiveMaximum`, `uniqueItems`) of two schema nodes: (stricter, message) each.
fn bounds(bm: &Map<String, Value>, hm: &Map<String, Value>) -> Vec<(bool, String)> {
    let mut found = Vec::new();
    for (key, lower_bound) in [
        ("minimum", true),
        ("minLength", true),
        ("minItems", true),
        ("minProperties", true),
        ("maximum", false),
        ("maxLength", false),
        ("maxItems", false),
        ("maxProperties", false),
    ] {
        let (x, y) = (bm.get(key).and_then(Value::as_f64), hm.get(key).and_then(Value::as_f64));
        let stricter = match (x, y) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => continue,
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(x), Some(y)) => if lower_bound { y > x } else { y < x },
        };
        found.push((stricter, format!("{key} changed from {} to {}", show_number(x), show_number(y))));
    }
    for key in ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"] {
        let (x, y) = (bm.get(key) == Some(&Value::Bool(true)), hm.get(key) == Some(&Value::Bool(true)));
        if x != y {
            found.push((y, format!("{key} changed from {x} to {y}")));
        }
    }
    found
}

/// `pattern`, `multipleOf` and (between the same primitive type) `format` of two schema
/// nodes: one added or changed is stricter, one removed looser.
fn text_keywords(bm: &Map<String, Value>, hm: &Map<String, Value>, same_primitive: bool) -> Vec<(bool, String)> {
    // A pattern that matches everything is no pattern.
    fn pattern(m: &Map<String, Value>) -> Option<&Value> {
        m.get("pattern").filter(|p| !matches!(p.as_str(), Some("" | ".*" | "^.*$")))
    }
    let mut keys = vec!["pattern", "multipleOf"];
    if same_primitive {
        keys.push("format");
    }
    let mut found = Vec::new();
    for key in keys {
        let (x, y) = if key == "pattern" { (pattern(bm), pattern(hm)) } else { (bm.get(key), hm.get(key)) };
        if x != y {
            let show = |v: Option<&Value>| v.map_or("none".to_string(), |v| format!("'{}'", short(v)));
            found.push((y.is_some(), format!("{key} changed from {} to {}", show(x), show(y))));
        }
    }
    found
}

/// Names alternatives: by discriminator value, else by the component (or title) they name,
/// else by position (`#2`); an inline alternative is named by its type when no other
/// alternative has that type.
fn variant_labels(types: &TypeGraph, variants: &[Variant]) -> Vec<String> {
    let label = |i: usize, v: &Variant| -> String {
        if let Some(tag) = &v.tag {
            return tag.clone();
        }
        match &v.ty {
            TypeRef::Named(id) if types.get(*id).component.is_some() => types.get(*id).name.clone(),
            TypeRef::Named(id) if types.get(*id).title.is_some() => types.get(*id).title.clone().unwrap_or_default(),
            _ => format!("#{i}"),
        }
    };
    let shapes: Vec<String> = variants.iter().map(|v| describe(types, &v.ty)).collect();
    variants
        .iter()
        .enumerate()
        .map(|(i, v)| match label(i, v) {
            l if l.starts_with('#') && shapes.iter().filter(|t| **t == shapes[i]).count() == 1 => shapes[i].clone(),
            l => l,
        })
        .collect()
}

/// What a pair of named types reports when their kinds differ: the check and the
/// types and pointers of both sides.
struct TypeChanged {
    check: &'static DiffCheck,
    from: String,
    to: String,
    base: String,
    head: String,
}

fn named_name(g: &crate::model::TypeGraph, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Named(id) => Some(g.get(*id).name.clone()),
        _ => None,
    }
}

/// A type as messages name it: `string (uuid)`, `integer`, `array`, `object`, `enum`, `oneOf`.
pub fn describe(g: &crate::model::TypeGraph, ty: &TypeRef) -> String {
    match g.unalias(ty) {
        TypeRef::Any => "any value".into(),
        TypeRef::Primitive(p) => {
            let format = match p {
                Primitive::Date => Some("date"),
                Primitive::DateTime => Some("date-time"),
                Primitive::Uuid => Some("uuid"),
                Primitive::Decimal => Some("decimal"),
                Primitive::Bytes => Some("byte"),
                Primitive::Binary => Some("binary"),
                Primitive::I32 => Some("int32"),
                Primitive::F32 => Some("float"),
                _ => None,
            };
            match format {
                Some(f) => format!("{} ({f})", p.json_type()),
                None => p.json_type().to_string(),
            }
        }
        TypeRef::List(_) => "array".into(),
        TypeRef::Map(_) => "object (map)".into(),
        TypeRef::Named(id) => match &g.get(*id).kind {
            TypeKind::Struct { .. } => "object".into(),
            TypeKind::Enum { base, .. } => format!("{} enum", base.json_type()),
            TypeKind::Union { any_of: true, .. } => "anyOf".into(),
            TypeKind::Union { .. } => "oneOf".into(),
            TypeKind::Alias(_) => "alias".into(),
        },
    }
}

/// Compares the schemas of two holders (a parameter, media type or header of each side, given
/// as its type and its own pointer: the schema is at `pointer/schema`) with `diff`, and records
/// the changes for `operation`, each message prefixed by `place` (`request body application/json`).
pub fn compare_held<'a>(diff: &std::cell::RefCell<SchemaDiff<'a>>, base: (&'a TypeRef, &str), head: (&'a TypeRef, &str), operation: &str, place: &str, out: &mut super::Changes) {
    let base = Node { ty: base.0, pointer: child(base.1, "schema") };
    let head = Node { ty: head.0, pointer: child(head.1, "schema") };
    let found = diff.borrow_mut().compare(&base, &head);
    to_changes(found, operation, place, out);
}

/// Turns schema changes found under an operation into [`Change`]s: `place` says where
/// (`request body application/json`, `parameter 'limit' (query)`, `response 200 application/json`).
pub fn to_changes(found: Vec<Found>, operation: &str, place: &str, out: &mut super::Changes) {
    for f in found {
        let message = format!("{place}: {}", f.describe());
        out.push(f.check, Some(operation.to_string()), message, Some(f.base), Some(f.head));
        if let Some(last) = out.list.last_mut() {
            last.detail = crate::text::one_line(&f.message);
        }
    }
}

/// The value a pointer inside a component schema names, as a property path:
/// `/components/schemas/OrderList/properties/items/items/properties/status` → (`OrderList`, `items[].status`).
fn component_path(pointer: &str) -> (String, String) {
    let toks: Vec<String> = crate::load::tree::tokens(pointer).collect();
    let name = toks.get(2).cloned().unwrap_or_default();
    let mut path = String::new();
    let mut i = 3;
    while i < toks.len() {
        match toks[i].as_str() {
            "properties" if i + 1 < toks.len() => {
                path = join(&path, &toks[i + 1]);
                i += 2;
                continue;
            }
            "items" => path.push_str("[]"),
            "additionalProperties" => path.push_str("{}"),
            "allOf" | "oneOf" | "anyOf" => {
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (name, path)
}

/// Adds one change without an operation for each schema change whose base node is
/// in a component schema (`/components/schemas/…`): the component's own entry, naming
/// how many operations it reaches. Operation changes keep their place.
pub fn add_component_changes(list: &mut Vec<Change>) {
    type Key = (&'static str, Option<String>, Option<String>, String);
    let mut by_node: Vec<(Key, &'static DiffCheck, HashSet<String>)> = Vec::new();
    for c in list.iter() {
        let (Some(op), Some(b)) = (&c.operation, &c.base) else { continue };
        if !b.starts_with("/components/schemas/") || !CHECKS.iter().any(|k| std::ptr::eq(*k, c.check)) {
            continue;
        }
        let key: Key = (c.check.id, c.base.clone(), c.head.clone(), c.detail.clone());
        match by_node.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, ops)) => {
                ops.insert(op.clone());
            }
            None => by_node.push((key, c.check, HashSet::from([op.clone()]))),
        }
    }
    for ((_, base, head, detail), check, ops) in by_node {
        let (component, path) = component_path(base.as_deref().unwrap_or_default());
        let n = ops.len();
        let ops = if n == 1 { "1 operation".to_string() } else { format!("{n} operations") };
        let subject = if path.is_empty() { String::new() } else { format!("'{path}' ") };
        let message = crate::text::one_line(&format!("schema '{component}': {subject}{detail} (reaches {ops})"));
        list.push(Change { check, operation: None, detail, message, base, head });
    }
}
