//! Lowers Schema Objects (raw, bundled tree) into the [`TypeGraph`].
//!
//! Component schemas become named types under their own (PascalCase) names,
//! in document order; inline objects, enums and unions become named types
//! called after their context (`Order` + `shipping_address` →
//! `OrderShippingAddress`). Names that collide after case conversion get a
//! numeric suffix. Fields that point back into their own type without a list
//! or map in between are marked `recursive` (a cycle in the type graph).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use super::types::{Constraints, Field, Primitive, TypeDef, TypeGraph, TypeId, TypeKind, TypeRef, Variant};
use crate::load::refs::local_target;
use crate::load::tree::{child, lookup, tokens};

/// Lowers schemas one by one, remembering named types by pointer.
pub(super) struct SchemaLowerer<'d> {
    root: &'d Value,
    graph: TypeGraph,
    by_pointer: HashMap<String, TypeId>,
    names: HashSet<String>,
    visiting: HashSet<String>,
    /// Discriminated bases with `allOf` subtypes: lowered as tagged unions of the subtypes.
    bases: std::collections::BTreeMap<String, super::polymorphism::Base>,
    /// With [`SchemaLowerer::merge_identical`]: the type of each inline schema text met so far.
    identical: Option<HashMap<String, TypeId>>,
    /// The names each merged inline type was met under, in order.
    hints: HashMap<TypeId, Vec<String>>,
    /// `allOf` parts met so far, by resolved pointer: what merging them needs, read once.
    parts: HashMap<Rc<str>, Rc<Part<'d>>>,
}

/// A resolved `allOf` part, as merging reads it.
struct Part<'d> {
    /// Its own `allOf` parts, resolved (pointer, schema object), in order.
    nested: Vec<(Rc<str>, &'d Map<String, Value>)>,
    /// Its `required` list.
    required: HashSet<String>,
}

/// Extension members (`x-…`) of an object.
pub(super) fn extensions(map: &Map<String, Value>) -> Map<String, Value> {
    map.iter().filter(|(k, _)| k.starts_with("x-")).map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn string(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_string)
}

fn flag(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Reads validation keywords.
pub(super) fn constraints(map: &Map<String, Value>) -> Constraints {
    let num = |k: &str| map.get(k).and_then(Value::as_f64);
    let uint = |k: &str| map.get(k).and_then(Value::as_u64);
    Constraints {
        format: string(map, "format"),
        minimum: num("minimum"),
        maximum: num("maximum"),
        exclusive_minimum: flag(map, "exclusiveMinimum"),
        exclusive_maximum: flag(map, "exclusiveMaximum"),
        multiple_of: num("multipleOf"),
        min_length: uint("minLength"),
        max_length: uint("maxLength"),
        pattern: string(map, "pattern"),
        min_items: uint("minItems"),
        max_items: uint("maxItems"),
        unique_items: flag(map, "uniqueItems"),
        enumeration: map.get("enum").and_then(Value::as_array).cloned().unwrap_or_default(),
    }
}

impl<'d> SchemaLowerer<'d> {
    pub(super) fn new(root: &'d Value) -> Self {
        SchemaLowerer {
            root,
            graph: TypeGraph::default(),
            by_pointer: HashMap::new(),
            names: HashSet::new(),
            visiting: HashSet::new(),
            bases: super::polymorphism::bases(root),
            identical: None,
            hints: HashMap::new(),
            parts: HashMap::new(),
        }
    }

    /// Lowers inline object and union schemas that are written identically (same JSON text, so the same
    /// fields, types, docs and references) to one type, named after what its uses share
    /// (see [`shared_name`]). Generated code needs one type where a document repeats an
    /// inline schema (mailchimp repeats its link object in hundreds of responses); the
    /// rules keep one type per place, so every place is reported.
    pub(super) fn merge_identical(&mut self) {
        self.identical = Some(HashMap::new());
    }

    /// Registers and lowers every `components/schemas` entry, skipping `dropped` pointers.
    pub(super) fn lower_components(&mut self, dropped: &[String]) {
        let Some(Value::Object(schemas)) = lookup(self.root, "/components/schemas") else { return };
        let kept: Vec<&String> = schemas
            .keys()
            .filter(|name| {
                let pointer = child("/components/schemas", name);
                !dropped.iter().any(|d| pointer.starts_with(d.as_str()))
            })
            .collect();
        // A component already spelled in PascalCase keeps its name when another one only
        // becomes it after case conversion (`Order` stays `Order`; `order` becomes `Order2`).
        let mut names: Vec<Option<String>> = vec![None; kept.len()];
        for exact in [true, false] {
            for (i, name) in kept.iter().enumerate() {
                if names[i].is_none() && is_pascal(name) == exact {
                    names[i] = Some(self.unique_name(name));
                }
            }
        }
        let mut ids = Vec::new();
        for (name, unique) in kept.into_iter().zip(names) {
            let pointer = child("/components/schemas", name);
            let id = self.declare_as(unique.expect("every component is named"), &pointer, Some(name.clone()));
            ids.push((id, pointer));
        }
        for (id, pointer) in ids {
            let node = lookup(self.root, &pointer).expect("component exists");
            let name = self.graph.types[id.0].name.clone();
            self.fill(id, node, &pointer, &name);
        }
    }

    /// Lowers a schema met at `pointer`; `hint` names it if it becomes a new named type.
    pub(super) fn lower(&mut self, node: &'d Value, pointer: &str, hint: &str) -> TypeRef {
        let Value::Object(map) = node else { return TypeRef::Any };
        if let Some(Value::String(reference)) = map.get("$ref") {
            return self.lower_ref(reference);
        }
        if !self.visiting.insert(pointer.to_string()) {
            return TypeRef::Any;
        }
        let ty = match self.shape(map) {
            Shape::Named => {
                // Objects and unions only: an enum of its own stays where it is met, so one used
                // only in requests stays closed (the clients open every enum a response holds).
                let mergeable = self.identical.is_some() && !map.contains_key("enum");
                let text = mergeable.then(|| serde_json::to_string(node).unwrap_or_default());
                let known = text.as_ref().and_then(|t| self.identical.as_ref()?.get(t)).copied();
                let id = match known {
                    Some(id) => id,
                    None => {
                        let id = self.declare(hint, pointer, None);
                        if let (Some(text), Some(identical)) = (text, self.identical.as_mut()) {
                            identical.insert(text, id);
                        }
                        self.fill(id, node, pointer, hint);
                        id
                    }
                };
                if mergeable {
                    self.hints.entry(id).or_default().push(hint.to_string());
                }
                TypeRef::Named(id)
            }
            Shape::Inline(ty) => ty,
            Shape::List => {
                let items = map
                    .get("items")
                    .map_or(TypeRef::Any, |items| self.lower(items, &child(pointer, "items"), &format!("{hint}Item")));
                TypeRef::List(Box::new(items))
            }
            Shape::Map => TypeRef::Map(Box::new(self.additional(map, pointer, hint).unwrap_or(TypeRef::Any))),
            Shape::Single(key) => {
                let only = &map[key][0];
                self.lower(only, &child(&child(pointer, key), "0"), hint)
            }
            Shape::Unknown(why) => {
                self.graph.notes.push((pointer.to_string(), why));
                TypeRef::Any
            }
        };
        self.visiting.remove(pointer);
        ty
    }

    fn lower_ref(&mut self, reference: &str) -> TypeRef {
        let Some(target) = local_target(reference) else { return TypeRef::Any };
        if let Some(id) = self.by_pointer.get(&target) {
            return TypeRef::Named(*id);
        }
        let Some(node) = lookup(self.root, &target) else { return TypeRef::Any };
        let hint = tokens(&target).last().unwrap_or_default();
        self.lower(node, &target, &hint)
    }

    /// The resolved schema object behind a node (following `$ref`s).
    fn resolve(&self, node: &'d Value) -> Option<&'d Map<String, Value>> {
        let mut node = node;
        for _ in 0..32 {
            let map = node.as_object()?;
            match map.get("$ref").and_then(Value::as_str) {
                Some(r) => node = lookup(self.root, &local_target(r)?)?,
                None => return Some(map),
            }
        }
        None
    }

    fn shape(&self, map: &Map<String, Value>) -> Shape {
        for key in ["oneOf", "anyOf", "allOf"] {
            if let Some(Value::Array(items)) = map.get(key) {
                let own_props = map.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
                if items.len() == 1 && !own_props {
                    return Shape::Single(key);
                }
                if !items.is_empty() {
                    return Shape::Named;
                }
            }
        }
        let typ = map.get("type").and_then(Value::as_str);
        let format = map.get("format").and_then(Value::as_str);
        let has_enum = map.get("enum").and_then(Value::as_array).is_some_and(|e| e.iter().any(|v| !v.is_null()));
        match typ {
            Some("string") | None if has_enum && enum_base(map).is_some() => Shape::Named,
            Some("integer") if has_enum && enum_base(map).is_some() => Shape::Named,
            Some("string") => Shape::Inline(TypeRef::Primitive(match format {
                Some("date") => Primitive::Date,
                Some("date-time") => Primitive::DateTime,
                Some("uuid") => Primitive::Uuid,
                Some("decimal") => Primitive::Decimal,
                Some("byte") => Primitive::Bytes,
                Some("binary") => Primitive::Binary,
                _ => Primitive::String,
            })),
            Some("integer") => {
                Shape::Inline(TypeRef::Primitive(if format == Some("int32") { Primitive::I32 } else { Primitive::I64 }))
            }
            // `number` + `decimal` stays a JSON number: `f64` (serde_json reads numbers as f64 anyway, and
            // `rust_decimal::Decimal` would write a string). `string` + `decimal` is a `Decimal`.
            Some("number") => Shape::Inline(TypeRef::Primitive(match format {
                Some("float") => Primitive::F32,
                _ => Primitive::F64,
            })),
            Some("boolean") => Shape::Inline(TypeRef::Primitive(Primitive::Bool)),
            Some("array") => Shape::List,
            Some("object") | None => {
                let has_props = map.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
                let closed = map.get("additionalProperties") == Some(&Value::Bool(false));
                if has_props || (closed && !map.contains_key("items")) {
                    Shape::Named
                } else if typ.is_none() && map.contains_key("items") {
                    Shape::List
                } else if typ == Some("object") || map.contains_key("additionalProperties") {
                    Shape::Map
                } else if map.contains_key("not") {
                    Shape::Unknown("`not` schemas cannot be expressed as a type".into())
                } else {
                    Shape::Inline(TypeRef::Any)
                }
            }
            Some(other) => Shape::Unknown(format!("type '{other}' is not an OpenAPI 3.0 type")),
        }
    }

    /// Reserves a unique name and an id for a schema at `pointer`.
    fn declare(&mut self, hint: &str, pointer: &str, component: Option<String>) -> TypeId {
        let name = self.unique_name(hint);
        self.declare_as(name, pointer, component)
    }

    /// Adds a type under a name already reserved with [`Self::unique_name`].
    fn declare_as(&mut self, name: String, pointer: &str, component: Option<String>) -> TypeId {
        let id = TypeId(self.graph.types.len());
        self.graph.types.push(TypeDef {
            name,
            pointer: pointer.to_string(),
            component,
            title: None,
            description: None,
            nullable: false,
            deprecated: false,
            example: None,
            kind: TypeKind::Alias(TypeRef::Any),
            extensions: Map::new(),
            annotations: Default::default(),
        });
        self.by_pointer.insert(pointer.to_string(), id);
        id
    }

    fn unique_name(&mut self, hint: &str) -> String {
        let mut base = hint.to_upper_camel_case();
        base.retain(|c| c.is_ascii_alphanumeric());
        if base.is_empty() {
            base = "Schema".into();
        }
        if base.starts_with(|c: char| c.is_ascii_digit()) {
            base.insert_str(0, "Schema");
        }
        let mut name = base.clone();
        let mut n = 2;
        while !self.names.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// Fills in a declared named type from its schema.
    fn fill(&mut self, id: TypeId, node: &'d Value, pointer: &str, name: &str) {
        let Value::Object(map) = node else { return };
        self.visiting.insert(pointer.to_string());
        let kind = if let Some(Value::String(r)) = map.get("$ref") {
            TypeKind::Alias(self.lower_ref(r))
        } else if let Some(base) = self.bases.get(pointer).cloned() {
            self.polymorphic(base)
        } else if let (true, Some(Value::Array(parts))) = (self.is_subtype(pointer), map.get("allOf")) {
            // A subtype is an object of its own even when it adds nothing to its base
            // (`allOf: [$ref: Base]` alone): an alias of the base would be the union itself.
            self.all_of(map, parts, pointer, name)
        } else {
            match self.shape(map) {
                Shape::Named => self.named_kind(map, pointer, name),
                Shape::Inline(ty) => TypeKind::Alias(ty),
                Shape::List => {
                    let items = map
                        .get("items")
                        .map_or(TypeRef::Any, |i| self.lower(i, &child(pointer, "items"), &format!("{name}Item")));
                    TypeKind::Alias(TypeRef::List(Box::new(items)))
                }
                Shape::Map => {
                    TypeKind::Alias(TypeRef::Map(Box::new(self.additional(map, pointer, name).unwrap_or(TypeRef::Any))))
                }
                Shape::Single(key) => {
                    let only = &map[key][0];
                    TypeKind::Alias(self.lower(only, &child(&child(pointer, key), "0"), &format!("{name}Inner")))
                }
                Shape::Unknown(why) => {
                    self.graph.notes.push((pointer.to_string(), why));
                    TypeKind::Alias(TypeRef::Any)
                }
            }
        };
        self.visiting.remove(pointer);
        let def = &mut self.graph.types[id.0];
        def.kind = kind;
        def.title = string(map, "title");
        def.description = string(map, "description");
        def.nullable = flag(map, "nullable");
        def.deprecated = flag(map, "deprecated");
        def.example = map.get("example").cloned();
        def.extensions = extensions(map);
    }

    fn named_kind(&mut self, map: &'d Map<String, Value>, pointer: &str, name: &str) -> TypeKind {
        for (key, any_of) in [("oneOf", false), ("anyOf", true)] {
            if let Some(Value::Array(items)) = map.get(key) {
                return self.union(map, items, &child(pointer, key), name, any_of);
            }
        }
        if let Some(Value::Array(parts)) = map.get("allOf") {
            return self.all_of(map, parts, pointer, name);
        }
        if let Some(base) = enum_base(map) {
            // `null` is nullability, not a member; a value listed twice is one member.
            let mut seen = std::collections::HashSet::new();
            let values: Vec<Value> = map["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|v| !v.is_null() && seen.insert(v.to_string()))
                .cloned()
                .collect();
            return TypeKind::Enum { values, base };
        }
        let required = required(map);
        let mut fields = Vec::new();
        self.push_fields(map, pointer, name, &required, &mut fields, &mut HashMap::new());
        TypeKind::Struct { fields, additional: self.additional(map, pointer, name).map(Box::new) }
    }

    fn push_fields(
        &mut self,
        map: &'d Map<String, Value>,
        pointer: &str,
        owner: &str,
        required: &HashSet<String>,
        fields: &mut Vec<Field>,
        index: &mut HashMap<String, usize>,
    ) {
        let Some(Value::Object(props)) = map.get("properties") else { return };
        for (prop_name, prop) in props {
            let prop_ptr = child(&child(pointer, "properties"), prop_name);
            let ty = self.lower(prop, &prop_ptr, &format!("{owner}_{prop_name}"));
            let empty = Map::new();
            let own = prop.as_object().unwrap_or(&empty);
            let resolved = self.resolve(prop).unwrap_or(&empty);
            let field = Field {
                name: prop_name.clone(),
                pointer: prop_ptr,
                ty,
                required: required.contains(prop_name),
                nullable: flag(own, "nullable") || flag(resolved, "nullable"),
                read_only: flag(own, "readOnly") || flag(resolved, "readOnly"),
                write_only: flag(own, "writeOnly") || flag(resolved, "writeOnly"),
                deprecated: flag(own, "deprecated"),
                default: own.get("default").or(resolved.get("default")).cloned(),
                description: string(own, "description").or_else(|| string(resolved, "description")),
                example: own.get("example").or(resolved.get("example")).cloned(),
                constraints: constraints(resolved),
                recursive: false,
                extensions: extensions(own),
                annotations: Default::default(),
            };
            match index.get(&field.name) {
                Some(&at) => {
                    let was_required = fields[at].required;
                    fields[at] = field;
                    fields[at].required |= was_required;
                }
                None => {
                    index.insert(field.name.clone(), fields.len());
                    fields.push(field);
                }
            }
        }
    }

    /// Merges an `allOf` into one object: every part (nested `allOf`s flattened, `$ref`s followed),
    /// then the schema's own properties; a later declaration of a property replaces an earlier one.
    /// Each distinct part is merged once (a part named twice, or reached again through a loop, adds
    /// nothing new), so the work is the parts reachable and their properties, not the paths to them.
    fn all_of(&mut self, map: &'d Map<String, Value>, parts: &'d [Value], pointer: &str, name: &str) -> TypeKind {
        let mut fields = Vec::new();
        let mut index = HashMap::new();
        let mut additional = None;
        let own_required = required(map);
        let mut all_required = own_required.clone();
        // Each part, resolved, in order (depth first: a part, then the parts of its own allOf).
        let mut queue = self.resolve_parts(parts, pointer);
        queue.reverse();
        let mut merged: HashSet<Rc<str>> = HashSet::from([Rc::from(pointer)]);
        while let Some((part_ptr, part_map)) = queue.pop() {
            if !merged.insert(part_ptr.clone()) {
                continue;
            }
            let part = self.part(&part_ptr, part_map);
            queue.extend(part.nested.iter().rev().cloned());
            all_required.extend(part.required.iter().cloned());
            if part_map.get("properties").is_some_and(|p| p.as_object().is_some_and(|p| !p.is_empty())) {
                let mut req = part.required.clone();
                req.extend(own_required.iter().cloned());
                self.push_fields(part_map, &part_ptr, name, &req, &mut fields, &mut index);
            }
            if additional.is_none() {
                additional = self.additional(part_map, &part_ptr, name);
            }
        }
        self.push_fields(map, pointer, name, &own_required, &mut fields, &mut index);
        // Every part's `required` constrains the merged object, also for properties another part declares.
        for f in &mut fields {
            f.required |= all_required.contains(&f.name);
        }
        TypeKind::Struct { fields, additional: additional.map(Box::new) }
    }

    /// The parts of an `allOf` at `pointer`, `$ref`s followed (parts that name nothing are left out).
    fn resolve_parts(&self, parts: &'d [Value], pointer: &str) -> Vec<(Rc<str>, &'d Map<String, Value>)> {
        let base = child(pointer, "allOf");
        parts
            .iter()
            .enumerate()
            .filter_map(|(i, part)| match part.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let target = local_target(r)?;
                    let map = lookup(self.root, &target)?.as_object()?;
                    Some((Rc::from(target), map))
                }
                None => Some((Rc::from(child(&base, &i.to_string())), part.as_object()?)),
            })
            .collect()
    }

    /// A part as merging reads it, resolved once per document.
    fn part(&mut self, pointer: &Rc<str>, map: &'d Map<String, Value>) -> Rc<Part<'d>> {
        if let Some(part) = self.parts.get(pointer) {
            return part.clone();
        }
        let nested = match map.get("allOf") {
            Some(Value::Array(nested)) => self.resolve_parts(nested, pointer),
            _ => Vec::new(),
        };
        let part = Rc::new(Part { nested, required: required(map) });
        self.parts.insert(pointer.clone(), part.clone());
        part
    }

    fn union(
        &mut self,
        map: &'d Map<String, Value>,
        items: &'d [Value],
        pointer: &str,
        name: &str,
        any_of: bool,
    ) -> TypeKind {
        let discriminator =
            map.get("discriminator").and_then(|d| d.get("propertyName")).and_then(Value::as_str).map(str::to_string);
        let mapping: Vec<(String, String)> = map
            .get("discriminator")
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object)
            .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
            .unwrap_or_default();
        let mut variants = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_ptr = child(pointer, &i.to_string());
            let reference = item.get("$ref").and_then(Value::as_str);
            let hint = match (reference, item.get("title").and_then(Value::as_str)) {
                (_, Some(title)) => format!("{name}_{title}"),
                _ => format!("{name}Variant{}", i + 1),
            };
            let ty = self.lower(item, &item_ptr, &hint);
            let tag = reference.and_then(|r| {
                mapping
                    .iter()
                    .find(|(_, target)| target == r || target.rsplit('/').next() == r.rsplit('/').next())
                    .map(|(k, _)| k.clone())
                    .or_else(|| r.rsplit('/').next().map(str::to_string))
            });
            variants.push(Variant { ty, tag: discriminator.as_ref().and(tag), pointer: item_ptr });
        }
        TypeKind::Union { variants, discriminator, any_of }
    }

    /// Whether a component is the subtype of a discriminated base.
    fn is_subtype(&self, pointer: &str) -> bool {
        self.bases.values().any(|b| b.subtypes.iter().any(|(_, sub)| sub == pointer))
    }

    /// A discriminated base as the tagged union of its subtypes (see [`super::polymorphism`]).
    fn polymorphic(&mut self, base: super::polymorphism::Base) -> TypeKind {
        // Subtypes are components, declared before any is filled; a dropped one is left out.
        let variants = base
            .subtypes
            .into_iter()
            .filter_map(|(tag, pointer)| {
                let id = *self.by_pointer.get(&pointer)?;
                Some(Variant { ty: TypeRef::Named(id), tag: Some(tag), pointer })
            })
            .collect();
        TypeKind::Union { variants, discriminator: Some(base.property), any_of: false }
    }

    fn additional(&mut self, map: &'d Map<String, Value>, pointer: &str, name: &str) -> Option<TypeRef> {
        match map.get("additionalProperties")? {
            Value::Bool(true) => Some(TypeRef::Any),
            Value::Object(o) if o.is_empty() => Some(TypeRef::Any),
            v @ Value::Object(_) => {
                Some(self.lower(v, &child(pointer, "additionalProperties"), &format!("{name}Value")))
            }
            _ => None,
        }
    }

    /// The graph built so far.
    pub(super) fn graph(&self) -> &TypeGraph {
        &self.graph
    }

    /// Marks recursive fields, names merged types after their uses, reads the database
    /// annotations (worded with the final names), and returns the graph.
    pub(super) fn finish(mut self) -> TypeGraph {
        let mut merged: Vec<(TypeId, Vec<String>)> = self.hints.drain().filter(|(_, hints)| hints.len() > 1).collect();
        merged.sort_by_key(|(id, _)| id.0);
        for (id, hints) in merged {
            let Some(name) = shared_name(&hints) else { continue };
            let old = self.graph.types[id.0].name.clone();
            if !self.names.insert(name.clone()) {
                continue;
            }
            self.names.remove(&old);
            self.graph.types[id.0].name = name.clone();
            // Inline types declared inside it were named after it (`…LinksItemMethod`): they follow.
            for def in &mut self.graph.types[id.0 + 1..] {
                let Some(rest) = def.name.strip_prefix(old.as_str()) else { continue };
                if def.component.is_some() || !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
                    continue;
                }
                let renamed = format!("{name}{rest}");
                if self.names.insert(renamed.clone()) {
                    self.names.remove(&def.name);
                    def.name = renamed;
                }
            }
        }
        let edges: Vec<Vec<usize>> = self.graph.types.iter().map(direct_targets).collect();
        let sccs = crate::graph::component_ids(&edges);
        self.graph.components = sccs.clone();
        for def in &mut self.graph.types {
            let owner = self.by_pointer.get(&def.pointer).copied();
            if let (Some(owner), TypeKind::Struct { fields, .. }) = (owner, &mut def.kind) {
                for f in fields {
                    if let TypeRef::Named(target) = f.ty {
                        f.recursive = sccs[target.0] == sccs[owner.0];
                    }
                }
            }
        }
        super::table_annotations::read_all(&mut self.graph);
        self.graph
    }
}

enum Shape {
    /// Becomes a named type (struct, enum or union).
    Named,
    /// A structural reference with nothing to name.
    Inline(TypeRef),
    /// `type: array`.
    List,
    /// An object with only additional properties.
    Map,
    /// `oneOf`/`anyOf`/`allOf` with a single member: that member.
    Single(&'static str),
    /// Cannot be expressed: [`TypeRef::Any`], with a note saying why.
    Unknown(String),
}

/// The name of a type merged from identical inline schemas: the words (PascalCase,
/// digits apart) its use-site names end with in common, without leading numbers and
/// naming-scheme words (`GetCampaigns200ResponseLinksItem` and
/// `PostLists200ResponseLinksItem` share `LinksItem`). `None` when they share fewer
/// than two words.
fn shared_name(hints: &[String]) -> Option<String> {
    fn words(hint: &str) -> Vec<String> {
        let mut name = hint.to_upper_camel_case();
        name.retain(|c| c.is_ascii_alphanumeric());
        let mut words: Vec<String> = Vec::new();
        let mut previous: Option<char> = None;
        for c in name.chars() {
            let boundary = match previous {
                None => true,
                Some(p) => c.is_ascii_uppercase() || (c.is_ascii_digit() != p.is_ascii_digit()),
            };
            if boundary {
                words.push(String::new());
            }
            words.last_mut().expect("a word was started").push(c);
            previous = Some(c);
        }
        words
    }
    let all: Vec<Vec<String>> = hints.iter().map(|h| words(h)).collect();
    let first = all.first()?;
    let mut common = 0;
    while common < first.len() && all.iter().all(|w| w.len() > common && w[w.len() - 1 - common] == first[first.len() - 1 - common]) {
        common += 1;
    }
    let mut shared = &first[first.len() - common..];
    // Words of the naming scheme say nothing of the type itself when they lead.
    let structural = ["Item", "Inner", "Request", "Response", "Body"];
    while shared.first().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) || structural.contains(&w.as_str())) {
        shared = &shared[1..];
    }
    (shared.len() >= 2).then(|| shared.concat())
}

/// Whether a name is already the PascalCase type name it would become.
fn is_pascal(name: &str) -> bool {
    name.to_upper_camel_case() == name
}

fn required(map: &Map<String, Value>) -> HashSet<String> {
    map.get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The base of an enum type: string or integer values only.
fn enum_base(map: &Map<String, Value>) -> Option<Primitive> {
    let values: Vec<&Value> = map.get("enum")?.as_array()?.iter().filter(|v| !v.is_null()).collect();
    if values.is_empty() {
        return None;
    }
    if values.iter().all(|v| v.is_string()) {
        Some(Primitive::String)
    } else if values.iter().all(|v| v.is_i64() || v.is_u64())
        && map.get("type").and_then(Value::as_str) == Some("integer")
    {
        Some(Primitive::I64)
    } else {
        None
    }
}

/// Edges that hold a value inline (no list or map indirection).
fn direct_targets(def: &TypeDef) -> Vec<usize> {
    let mut out = Vec::new();
    let mut push = |t: &TypeRef| {
        if let TypeRef::Named(id) = t {
            out.push(id.0);
        }
    };
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields.iter().for_each(|f| push(&f.ty)),
        TypeKind::Union { variants, .. } => variants.iter().for_each(|v| push(&v.ty)),
        TypeKind::Alias(t) => push(t),
        TypeKind::Enum { .. } => {}
    }
    out
}


#[cfg(test)]
mod tests {
    use super::shared_name;

    #[test]
    fn merged_types_take_the_words_their_uses_share() {
        let hints = ["GetCampaigns200ResponseLinksItem", "PostLists200ResponseLinksItem"].map(String::from);
        assert_eq!(shared_name(&hints).as_deref(), Some("LinksItem"));
        let hints = ["OrderAddress", "CustomerAddress"].map(String::from);
        assert_eq!(shared_name(&hints), None, "one shared word is too little to name a type");
        let hints = ["get_orders_item_status", "list_orders_item_status"].map(String::from);
        assert_eq!(shared_name(&hints).as_deref(), Some("OrdersItemStatus"));
    }
}
