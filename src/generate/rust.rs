//! Rust names and types for the model (docs/generate/models.md), shared by every
//! Rust target so the models, client and server crates agree.
//!
//! | schema | Rust |
//! |---|---|
//! | `string` | `String`; `date` → `chrono::NaiveDate`, `date-time` → `chrono::DateTime<chrono::Utc>`, `uuid` → `uuid::Uuid`, `decimal` → `rust_decimal::Decimal`, `binary` → `Vec<u8>`, `byte` → `String` (base64) |
//! | `integer` | `i64`, `int32` → `i32` |
//! | `number` | `f64` (also with `decimal`: the wire value is a JSON number), `float` → `f32` |
//! | `boolean` | `bool` |
//! | `array` | `Vec<T>` |
//! | `additionalProperties` only | `BTreeMap<String, T>` |
//! | no type, free-form, inexpressible | `serde_json::Value` |
//! | a named type that closes a cycle | `Box<T>` |
//!
//! A struct field is `Option<T>` when it may be absent or null, except for an optional
//! nullable (not readOnly) member of a PATCH body ([`RustTypes::patch_bodies`]): there `null`
//! clears a value and absence keeps it, so the field is `Patch<T>` (`Absent`, `Null`,
//! `Value(T)`), a type of the models crate. An optional member with a schema `default` serde
//! can apply ([`RustTypes::field_default`]) stays `Option<T>` (a request may leave it out), and
//! an absent member deserializes to `Some(default)`.

use super::names::{model_type_ident, variant_ident, Scope};
use crate::model::{Api, Field, Method, Primitive, TypeGraph, TypeId, TypeKind, TypeRef};

/// The models crate's three-state type of optional nullable PATCH members.
pub const PATCH_TYPE: &str = "Patch";

/// Rust names of a type graph's named types, unique and legal.
#[derive(Debug)]
pub struct RustTypes<'a> {
    /// The graph the names belong to.
    pub graph: &'a TypeGraph,
    names: Vec<String>,
    recursive_aliases: Vec<bool>,
    patch_bodies: Vec<bool>,
    decoded: Vec<bool>,
}

/// A schema `default` the models crate applies when a member is absent
/// (`#[serde(default = "Owner::default_field")]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldDefault {
    /// A Rust expression made of no spec text: a number, a boolean, an enum variant, `Vec::new()`.
    Expr(String),
    /// A string, written by the template with the `rust_str` filter.
    Text(String),
}

/// Which external crates a set of types needs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Uses {
    /// `chrono` (date, date-time).
    pub chrono: bool,
    /// `uuid`.
    pub uuid: bool,
    /// `rust_decimal`.
    pub decimal: bool,
}

impl<'a> RustTypes<'a> {
    /// Names every type of the graph, in order (no PATCH bodies: every optional field is `Option<T>`).
    pub fn new(graph: &'a TypeGraph) -> Self {
        let mut scope = Scope::default();
        let names = graph.types.iter().map(|t| scope.unique(model_type_ident(&t.name))).collect();
        RustTypes {
            graph,
            names,
            recursive_aliases: recursive_aliases(graph),
            patch_bodies: vec![false; graph.types.len()],
            decoded: vec![false; graph.types.len()],
        }
    }

    /// [`RustTypes::new`] for an API's types, knowing which structs are PATCH bodies.
    pub fn for_api(api: &'a Api) -> Self {
        let mut rust = Self::new(&api.types);
        rust.patch_bodies = patch_bodies(api);
        rust.decoded = crate::model::decoded::decoded_types(api);
        rust
    }

    /// Whether a named type is open to values this client does not know (an enum's new value,
    /// a union's new subtype): some response holds it, so the client decodes it.
    pub fn is_open(&self, id: TypeId) -> bool {
        self.decoded.get(id.0).copied().unwrap_or(false)
    }

    /// Whether a named type is a PATCH body: the JSON request body of a PATCH operation (by
    /// reference, or through aliases), and no other operation's non-JSON body.
    pub fn patch_bodies(&self, id: TypeId) -> bool {
        self.patch_bodies[id.0]
    }

    /// Whether a field of `owner` has three states: an optional, nullable, not readOnly
    /// member of a PATCH body, where `null` clears a value and absence keeps it.
    pub fn is_patch_field(&self, owner: TypeId, field: &Field) -> bool {
        self.patch_bodies[owner.0] && !field.required && field.nullable && !field.read_only
    }

    /// The Rust name of a named type.
    pub fn name(&self, id: TypeId) -> &str {
        &self.names[id.0]
    }

    /// The Rust type of a reference; `path` qualifies named types (`""`, or `models::` from another crate).
    pub fn of(&self, ty: &TypeRef, path: &str) -> String {
        match ty {
            TypeRef::Named(id) => format!("{path}{}", self.name(*id)),
            TypeRef::Primitive(p) => primitive(*p).to_string(),
            TypeRef::List(item) => format!("Vec<{}>", self.of(item, path)),
            TypeRef::Map(value) => format!("std::collections::BTreeMap<String, {}>", self.of(value, path)),
            TypeRef::Any => "serde_json::Value".to_string(),
        }
    }

    /// The Rust type of a value `owner` holds, boxed when it closes a cycle.
    pub fn held(&self, owner: TypeId, ty: &TypeRef, path: &str) -> String {
        let base = self.of(ty, path);
        match ty {
            TypeRef::Named(target) if self.graph.in_cycle(owner, *target) => format!("Box<{base}>"),
            _ => base,
        }
    }

    /// The Rust type of a struct field: [`RustTypes::held`], in `Option` when the
    /// field may be absent or null (not required, nullable, readOnly or writeOnly — one
    /// struct serves requests and responses), in `Patch` when it is a three-state member of a
    /// PATCH body ([`RustTypes::is_patch_field`]). The flag: the field has a default (`None`
    /// or `Patch::Absent`) and may be left out.
    pub fn field(&self, owner: TypeId, field: &Field, path: &str) -> (String, bool) {
        let held = self.held(owner, &field.ty, path);
        if self.is_patch_field(owner, field) {
            (format!("{path}{PATCH_TYPE}<{held}>"), true)
        } else if field_is_optional(field) {
            (format!("Option<{held}>"), true)
        } else {
            (held, false)
        }
    }

    /// The default of an optional member that serde applies on deserialization (the field stays
    /// `Option<T>`; an absent member becomes `Some(default)`): the member is
    /// not required, not nullable (`null` is a value there), not readOnly or writeOnly (one struct
    /// serves both directions), not a [`Patch`](PATCH_TYPE) member, and its `default` is a
    /// boolean, an integer or number in range, a string of a plain `string`, a value of a
    /// named enum, or an empty list. Other defaults (dates, UUIDs, decimals, objects, non-empty
    /// lists) stay documented only.
    pub fn field_default(&self, owner: TypeId, field: &Field) -> Option<FieldDefault> {
        if field.required || field.nullable || field.read_only || field.write_only || self.is_patch_field(owner, field) {
            return None;
        }
        let value = field.default.as_ref()?;
        match &field.ty {
            TypeRef::Named(t) if self.graph.in_cycle(owner, *t) => None,
            TypeRef::Named(t) if matches!(self.graph.get(*t).kind, TypeKind::Alias(_)) && self.alias_is_recursive(*t) => {
                None
            }
            ty => self.default_value(ty, value),
        }
    }

    fn default_value(&self, ty: &TypeRef, value: &serde_json::Value) -> Option<FieldDefault> {
        use serde_json::Value as V;
        let expr = |e: String| Some(FieldDefault::Expr(e));
        match (self.graph.unalias(ty), value) {
            (TypeRef::Primitive(Primitive::Bool), V::Bool(b)) => expr(b.to_string()),
            (TypeRef::Primitive(Primitive::I64), V::Number(n)) => expr(n.as_i64()?.to_string()),
            (TypeRef::Primitive(Primitive::I32), V::Number(n)) => expr(i32::try_from(n.as_i64()?).ok()?.to_string()),
            (TypeRef::Primitive(Primitive::F64), V::Number(n)) => expr(format!("{:?}", n.as_f64().filter(|f| f.is_finite())?)),
            (TypeRef::Primitive(Primitive::F32), V::Number(n)) => {
                expr(format!("{:?}", n.as_f64().map(|f| f as f32).filter(|f| f.is_finite())?))
            }
            (TypeRef::Primitive(Primitive::String), V::String(text)) => Some(FieldDefault::Text(text.clone())),
            (TypeRef::List(_), V::Array(items)) if items.is_empty() => expr("Vec::new()".into()),
            (TypeRef::Named(id), value) => {
                let TypeKind::Enum { values, base } = &self.graph.get(*id).kind else { return None };
                let index = values.iter().position(|v| v == value)?;
                expr(format!("{}::{}", self.name(*id), enum_variants(values, *base).swap_remove(index)))
            }
            _ => None,
        }
    }

    /// Whether some struct has a three-state field (the models crate then defines `Patch`).
    pub fn uses_patch(&self) -> bool {
        self.graph.types.iter().enumerate().any(|(i, def)| match &def.kind {
            TypeKind::Struct { fields, .. } => fields.iter().any(|f| self.is_patch_field(TypeId(i), f)),
            _ => false,
        })
    }

    /// Which crates the whole graph needs.
    pub fn uses(&self) -> Uses {
        let mut uses = Uses::default();
        let mut visit = |ty: &TypeRef| mark(ty, &mut uses);
        for def in &self.graph.types {
            match &def.kind {
                TypeKind::Struct { fields, additional } => {
                    fields.iter().for_each(|f| visit(&f.ty));
                    if let Some(a) = additional {
                        visit(a);
                    }
                }
                TypeKind::Union { variants, .. } => variants.iter().for_each(|v| visit(&v.ty)),
                TypeKind::Alias(t) => visit(t),
                TypeKind::Enum { .. } => {}
            }
        }
        uses
    }

    /// Whether an alias must be a newtype: its target mentions (through lists,
    /// maps and other aliases) the alias itself, which `type A = Vec<A>` cannot say.
    pub fn alias_is_recursive(&self, id: TypeId) -> bool {
        self.recursive_aliases[id.0]
    }
}

/// For every type: whether it is the JSON body of a PATCH operation and no operation's
/// non-JSON body (a form or multipart body is sent member by member, as `Option`s).
fn patch_bodies(api: &Api) -> Vec<bool> {
    let graph = &api.types;
    let mut patch = vec![false; graph.types.len()];
    let mut other = vec![false; graph.types.len()];
    for op in &api.operations {
        let Some(body) = &op.request_body else { continue };
        for media in &body.content {
            let TypeRef::Named(id) = graph.unalias(&media.ty) else { continue };
            if !media.is_json() {
                other[id.0] = true;
            } else if op.method == Method::Patch {
                patch[id.0] = true;
            }
        }
    }
    patch.iter().zip(&other).map(|(p, o)| *p && !o).collect()
}

/// For every type: whether it is an alias that reaches itself through lists, maps and
/// other aliases (a union is an enum in Rust, no alias).
fn recursive_aliases(graph: &TypeGraph) -> Vec<bool> {
    graph.recursive_aliases(|id| match &graph.get(id).kind {
        TypeKind::Alias(target) => Some(vec![target]),
        _ => None,
    })
}

/// The variant names of an enum's values, in order: `variant_ident` of a string (`in-progress`
/// → `InProgress`), `Value3` / `ValueMinus1` of an integer; unique.
pub fn enum_variants(values: &[serde_json::Value], base: Primitive) -> Vec<String> {
    let mut scope = Scope::default();
    values
        .iter()
        .map(|v| {
            if base == Primitive::String {
                scope.unique(variant_ident(v.as_str().unwrap_or_default()))
            } else {
                let n = v.as_i64().unwrap_or_default();
                let label = if n < 0 { format!("Minus{}", n.unsigned_abs()) } else { n.to_string() };
                scope.unique(format!("Value{label}"))
            }
        })
        .collect()
}

/// Whether a field may be absent or null in the model (`Option<T>` unless
/// [`RustTypes::field`] gives it three states).
pub fn field_is_optional(field: &Field) -> bool {
    !field.required || field.nullable || field.read_only || field.write_only
}

fn mark(ty: &TypeRef, uses: &mut Uses) {
    match ty {
        TypeRef::Primitive(Primitive::Date | Primitive::DateTime) => uses.chrono = true,
        TypeRef::Primitive(Primitive::Uuid) => uses.uuid = true,
        TypeRef::Primitive(Primitive::Decimal) => uses.decimal = true,
        TypeRef::List(inner) | TypeRef::Map(inner) => mark(inner, uses),
        _ => {}
    }
}

/// The Rust type of a primitive.
pub fn primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::String | Primitive::Bytes => "String",
        Primitive::Date => "chrono::NaiveDate",
        Primitive::DateTime => "chrono::DateTime<chrono::Utc>",
        Primitive::Uuid => "uuid::Uuid",
        Primitive::Decimal => "rust_decimal::Decimal",
        Primitive::Binary => "Vec<u8>",
        Primitive::I32 => "i32",
        Primitive::I64 => "i64",
        Primitive::F32 => "f32",
        Primitive::F64 => "f64",
        Primitive::Bool => "bool",
    }
}
