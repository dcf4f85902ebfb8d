//! The type graph (docs/architecture.md, "The pipeline"): every schema becomes a named type or
//! a structural reference, with deterministic, collision-free names and
//! recursion marked. Sources: OpenAPI 3.0 §4.8.24 Schema Object and
//! §4.8.25 Discriminator Object.

use serde_json::Value;

use super::table_annotations::{PropertyAnnotations, SchemaAnnotations};

/// Index of a [`TypeDef`] in [`TypeGraph::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Every named type of a document, in a deterministic order (components in document order, then inline types as met).
#[derive(Debug, Clone, Default)]
pub struct TypeGraph {
    /// The types; a [`TypeId`] indexes this.
    pub types: Vec<TypeDef>,
    /// Schemas that could not be expressed and became [`TypeRef::Any`]: (pointer, why).
    /// Generators report them as warnings.
    pub notes: Vec<(String, String)>,
    /// Strongly connected component of each type over "holds a value of" edges
    /// (struct fields, union variants, aliases; not through lists or maps).
    pub components: Vec<usize>,
}

impl TypeGraph {
    /// Whether `owner` holding a `target` value closes a cycle (a recursive type:
    /// the holder must box it). `owner == target` is a direct self-reference.
    pub fn in_cycle(&self, owner: TypeId, target: TypeId) -> bool {
        self.components.get(owner.0).is_some_and(|c| Some(c) == self.components.get(target.0))
    }

    /// The type behind an id.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The type declared as `components/schemas/{name}`.
    pub fn component(&self, name: &str) -> Option<TypeId> {
        self.types.iter().position(|t| t.component.as_deref() == Some(name)).map(TypeId)
    }

    /// The struct fields of a type reference, when it names a struct.
    pub fn fields(&self, ty: &TypeRef) -> Option<&[Field]> {
        match ty {
            TypeRef::Named(id) => match &self.get(*id).kind {
                TypeKind::Struct { fields, .. } => Some(fields),
                TypeKind::Alias(inner) => self.fields(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// For every type: whether it is an alias that reaches itself through lists, maps and
    /// other aliases, where `alias(id)` gives what a type stands for when the target language
    /// declares it as an alias (its target; a union's members in a language whose unions are
    /// aliases), `None` when it does not. One pass (strongly connected components), so a long
    /// chain of aliases costs linear time.
    pub fn recursive_aliases<'a>(&'a self, alias: impl Fn(TypeId) -> Option<Vec<&'a TypeRef>>) -> Vec<bool> {
        let aliases: Vec<Option<Vec<&TypeRef>>> = (0..self.types.len()).map(|id| alias(TypeId(id))).collect();
        let edges: Vec<Vec<usize>> = aliases
            .iter()
            .map(|members| {
                let mut stack = members.clone().unwrap_or_default();
                let mut out = Vec::new();
                while let Some(ty) = stack.pop() {
                    match ty {
                        TypeRef::Named(n) if aliases[n.0].is_some() => out.push(n.0),
                        TypeRef::List(inner) | TypeRef::Map(inner) => stack.push(inner),
                        _ => {}
                    }
                }
                out
            })
            .collect();
        let component = crate::graph::component_ids(&edges);
        let mut size = vec![0usize; edges.len()];
        component.iter().for_each(|&c| size[c] += 1);
        edges.iter().enumerate().map(|(v, out)| size[component[v]] > 1 || out.contains(&v)).collect()
    }

    /// Walks from `roots` to every type a value of them can hold: struct fields and extra
    /// members, union variants, alias targets, list items and map values, depth first (the
    /// last root first). `enter` is called for each named type met and says whether to go
    /// into it (`false`: seen already).
    pub fn walk<'g>(&'g self, roots: Vec<&'g TypeRef>, mut enter: impl FnMut(TypeId) -> bool) {
        let mut stack = roots;
        while let Some(ty) = stack.pop() {
            match ty {
                TypeRef::Named(id) => {
                    if !enter(*id) {
                        continue;
                    }
                    match &self.get(*id).kind {
                        TypeKind::Struct { fields, additional } => {
                            stack.extend(fields.iter().map(|f| &f.ty));
                            stack.extend(additional.as_deref());
                        }
                        TypeKind::Union { variants, .. } => stack.extend(variants.iter().map(|v| &v.ty)),
                        TypeKind::Alias(inner) => stack.push(inner),
                        TypeKind::Enum { .. } => {}
                    }
                }
                TypeRef::List(inner) | TypeRef::Map(inner) => stack.push(inner),
                TypeRef::Primitive(_) | TypeRef::Any => {}
            }
        }
    }

    /// Follows aliases to the reference that is not an alias.
    pub fn unalias<'a>(&'a self, ty: &'a TypeRef) -> &'a TypeRef {
        let mut ty = ty;
        for _ in 0..64 {
            match ty {
                TypeRef::Named(id) => match &self.get(*id).kind {
                    TypeKind::Alias(inner) => ty = inner,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }
}

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Unique PascalCase name: the component name, or built from the context of an inline schema.
    pub name: String,
    /// JSON pointer of the schema.
    pub pointer: String,
    /// The name under `components/schemas`, for component schemas.
    pub component: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `nullable`.
    pub nullable: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `example`.
    pub example: Option<Value>,
    /// What kind of type.
    pub kind: TypeKind,
    /// Extensions (`x-…`) of the schema, raw; the database annotations are read into `annotations`.
    pub extensions: serde_json::Map<String, Value>,
    /// `x-table`, `x-primary-key`, `x-indexes`, … read and checked.
    pub annotations: SchemaAnnotations,
}

/// The shapes a named type takes.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known properties (also the merge of an `allOf`).
    Struct {
        /// Properties in document order.
        fields: Vec<Field>,
        /// `additionalProperties` with a schema or `true`: the type of the extra members.
        additional: Option<Box<TypeRef>>,
    },
    /// A string or integer `enum`.
    Enum {
        /// The values as written (strings or integers; `null` dropped).
        values: Vec<Value>,
        /// `string` or `integer` base.
        base: Primitive,
    },
    /// `oneOf` / `anyOf`.
    Union {
        /// The alternatives.
        variants: Vec<Variant>,
        /// `discriminator.propertyName`, when present: an internally tagged union.
        discriminator: Option<String>,
        /// `anyOf` rather than `oneOf`.
        any_of: bool,
    },
    /// A component schema that is a primitive, list, map or another component.
    Alias(TypeRef),
}

/// One alternative of a union.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The alternative's type.
    pub ty: TypeRef,
    /// The discriminator value that selects it (mapping key, else the component name).
    pub tag: Option<String>,
    /// JSON pointer of the alternative's schema (or `$ref`).
    pub pointer: String,
}

/// A struct field (a property of an object schema).
#[derive(Debug, Clone)]
pub struct Field {
    /// The JSON member name, as written.
    pub name: String,
    /// JSON pointer of the property schema.
    pub pointer: String,
    /// The field's type.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable` on the property (or on the type it references).
    pub nullable: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `default`.
    pub default: Option<Value>,
    /// `description`.
    pub description: Option<String>,
    /// `example`.
    pub example: Option<Value>,
    /// Validation keywords and the raw `format`.
    pub constraints: Constraints,
    /// The field refers back to its own struct without indirection: generators box it.
    pub recursive: bool,
    /// Extensions (`x-…`) of the property, raw; the database annotations are read into `annotations`.
    pub extensions: serde_json::Map<String, Value>,
    /// `x-db`, `x-column`, `x-references` and `x-renamed-from`, read and checked.
    pub annotations: PropertyAnnotations,
}

/// A type reference: a named type or a structural type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// A [`TypeDef`].
    Named(TypeId),
    /// A scalar.
    Primitive(Primitive),
    /// `type: array`.
    List(Box<TypeRef>),
    /// An object with only `additionalProperties` (string keys).
    Map(Box<TypeRef>),
    /// Anything: no schema, a free-form or an inexpressible schema.
    Any,
}

/// Scalar types, from `type` and `format` (OpenAPI 3.0 §4.4 Data Types). Serialized by
/// variant name (`DateTime`), as the axum runtime's `validate::Kind` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Primitive {
    /// `string` (any other format).
    String,
    /// `string`, `format: date` (RFC 3339 full-date).
    Date,
    /// `string`, `format: date-time` (RFC 3339).
    DateTime,
    /// `string`, `format: uuid`.
    Uuid,
    /// `string`, `format: decimal` (a `number` with `format: decimal` is [`Primitive::F64`]: its wire value is a JSON number).
    Decimal,
    /// `string`, `format: byte` (base64).
    Bytes,
    /// `string`, `format: binary` (raw octets, e.g. file uploads).
    Binary,
    /// `integer`, `format: int32`.
    I32,
    /// `integer` (`int64` or no format).
    I64,
    /// `number`, `format: float`.
    F32,
    /// `number` (`double` or no format).
    F64,
    /// `boolean`.
    Bool,
}

impl Primitive {
    /// JSON Schema `type` of the primitive.
    pub fn json_type(self) -> &'static str {
        match self {
            Primitive::I32 | Primitive::I64 => "integer",
            Primitive::F32 | Primitive::F64 => "number",
            Primitive::Bool => "boolean",
            _ => "string",
        }
    }
}

/// Validation keywords of a schema (JSON Schema validation, as OpenAPI 3.0 §4.8.24 adopts them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `format`, as written.
    pub format: Option<String>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMinimum: true`.
    pub exclusive_minimum: bool,
    /// `exclusiveMaximum: true`.
    pub exclusive_maximum: bool,
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `pattern` (ECMA 262 regular expression).
    pub pattern: Option<String>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `enum` values on a schema that did not become an [`TypeKind::Enum`] (e.g. numbers).
    pub enumeration: Vec<Value>,
}
