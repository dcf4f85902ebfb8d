//! The error envelope as data: whether the spec's error schema is flat or wrapped
//! (`{"error": {…}}`), and how `error.rs` fills it from `ErrorParts` when every member can be
//! filled. `templates/server-axum/error.rs.j2` writes it, with `macros.j2`'s `struct_literal`.

use serde::Serialize;

use super::super::super::names::{snake_ident, Scope};
use super::super::super::operations::MODELS;
use super::super::super::rust::RustTypes;
use crate::model::{Api, Field, Primitive, TypeId, TypeKind, TypeRef};

/// The error body of the API.
#[derive(Serialize, Default)]
pub(super) struct ErrorView {
    /// The error schema's Rust type (`models::Error`) when the router can build it.
    pub(super) typed: Option<String>,
    /// `{"error": {…}}` rather than flat.
    wrapped: bool,
    /// Member of a detail that carries the message (`message` or `issue`).
    detail_message: String,
    /// The error body has a `timestamp` member.
    timestamp: bool,
    /// How the typed body is built (with `typed`).
    body: Option<ErrorBody>,
}

/// The typed body: the error itself and, when wrapped, the object holding it (whose `error`
/// member is [`Value::Inner`]).
#[derive(Serialize)]
struct ErrorBody {
    inner: StructLiteral,
    outer: Option<StructLiteral>,
}

/// A struct literal of a models type.
#[derive(Serialize)]
struct StructLiteral {
    /// `models::Error`.
    ty: String,
    fields: Vec<FieldInit>,
}

/// A member of a struct literal.
#[derive(Serialize)]
struct FieldInit {
    ident: String,
    init: Init,
}

/// How a member is filled.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Init {
    /// A value the router knows, in the member's wrapping.
    Value { value: Value, wrap: Wrap, boxed: bool },
    /// `None`.
    None,
    /// `models::Patch::Absent`.
    Absent,
    /// `Default::default()`.
    Default,
}

/// The wrapping of a member's type around its value.
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Wrap {
    Plain,
    /// `Option`.
    Some,
    /// `models::Patch` (nullable and optional).
    Patch,
}

/// A value the router fills an error member with.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Value {
    /// The error code, as a `String`.
    Code,
    /// The message, as a `String`.
    Message,
    /// The request id as a UUID.
    RequestIdUuid,
    /// The request id as a `String`.
    RequestId,
    /// Now, as a `chrono::DateTime`.
    Now,
    /// Now, as RFC 3339 text.
    NowText,
    /// One item per field detail, each a struct literal over `d` (`FieldError`).
    Details { item: Box<StructLiteral> },
    /// A detail's field.
    DetailField,
    /// A detail's message.
    DetailMessage,
    /// The wrapped error, `inner`.
    Inner,
}

/// The error envelope: flat or wrapped, and how to build the typed body when every member can be filled.
pub(super) fn error_view(api: &Api, rust: &RustTypes<'_>) -> ErrorView {
    let graph = rust.graph;
    let mut view = ErrorView { detail_message: "message".into(), ..ErrorView::default() };
    let Some(id) = api.types.component(&api.conventions.error_schema) else { return view };
    let TypeRef::Named(id) = graph.unalias(&TypeRef::Named(id)).clone() else { return view };
    let Some(outer) = graph.fields(&TypeRef::Named(id)) else { return view };
    let has = |fields: &[Field], name: &str| fields.iter().any(|f| f.name == name);
    let (inner_id, wrapped) = if has(outer, "code") && has(outer, "message") {
        (id, false)
    } else if let Some(TypeRef::Named(inner)) =
        outer.iter().find(|f| f.name == "error").map(|f| graph.unalias(&f.ty).clone())
    {
        match graph.fields(&TypeRef::Named(inner)) {
            Some(fields) if has(fields, "code") && has(fields, "message") => (inner, true),
            _ => return view,
        }
    } else {
        return view;
    };
    view.wrapped = wrapped;
    let inner_fields = graph.fields(&TypeRef::Named(inner_id)).unwrap_or(&[]);
    view.timestamp = has(inner_fields, "timestamp");
    if let Some(details) = inner_fields.iter().find(|f| f.name == "details") {
        if let TypeRef::List(item) = graph.unalias(&details.ty) {
            if let Some(fields) = graph.fields(item) {
                if !has(fields, "message") && has(fields, "issue") {
                    view.detail_message = "issue".into();
                }
            }
        }
    }
    let Some(inner) = struct_literal(rust, inner_id, &|name, ty| member(rust, name, ty)) else { return view };
    let outer = if wrapped {
        let outer = struct_literal(rust, id, &|name, ty| {
            if name == "error" {
                Some(Value::Inner)
            } else {
                member(rust, name, ty)
            }
        });
        let Some(outer) = outer else { return view };
        Some(outer)
    } else {
        None
    };
    view.typed = Some(format!("{MODELS}{}", rust.name(id)));
    view.body = Some(ErrorBody { inner, outer });
    view
}

/// The value of a member of the error body, when the router knows it.
fn member(rust: &RustTypes<'_>, name: &str, ty: &TypeRef) -> Option<Value> {
    let graph = rust.graph;
    let is = |p: Primitive| graph.unalias(ty) == &TypeRef::Primitive(p);
    Some(match name {
        "code" | "error" if is(Primitive::String) => Value::Code,
        "message" if is(Primitive::String) => Value::Message,
        "request_id" if is(Primitive::Uuid) => Value::RequestIdUuid,
        "request_id" if is(Primitive::String) => Value::RequestId,
        "timestamp" if is(Primitive::DateTime) => Value::Now,
        "timestamp" if is(Primitive::String) => Value::NowText,
        "details" => {
            let TypeRef::List(item) = graph.unalias(ty) else { return None };
            let TypeRef::Named(item_id) = graph.unalias(item).clone() else { return None };
            let item = struct_literal(rust, item_id, &|n, t| {
                let string = graph.unalias(t) == &TypeRef::Primitive(Primitive::String);
                match n {
                    "field" if string => Some(Value::DetailField),
                    "message" | "issue" if string => Some(Value::DetailMessage),
                    _ => None,
                }
            })?;
            Value::Details { item: Box::new(item) }
        }
        _ => return None,
    })
}

/// A struct literal of a named struct: `member` gives the value of a member it knows; other
/// members are `None` when optional and `Default::default()` when their type has a default.
fn struct_literal(
    rust: &RustTypes<'_>,
    id: TypeId,
    member: &dyn Fn(&str, &TypeRef) -> Option<Value>,
) -> Option<StructLiteral> {
    let TypeKind::Struct { fields, additional } = &rust.graph.get(id).kind else { return None };
    let mut scope = Scope::default();
    let mut inits = Vec::new();
    for f in fields {
        let ident = scope.unique(snake_ident(&f.name));
        let (_, optional) = rust.field(id, f, MODELS);
        let patch = rust.is_patch_field(id, f);
        let init = match member(&f.name, &f.ty) {
            Some(value) => {
                let boxed = matches!(&f.ty, TypeRef::Named(t) if rust.graph.in_cycle(id, *t));
                let wrap = if patch {
                    Wrap::Patch
                } else if optional {
                    Wrap::Some
                } else {
                    Wrap::Plain
                };
                Init::Value { value, wrap, boxed }
            }
            None if patch => Init::Absent,
            None if optional => Init::None,
            None if has_default(rust, &f.ty) => Init::Default,
            None => return None,
        };
        inits.push(FieldInit { ident, init });
    }
    if additional.is_some() {
        inits.push(FieldInit { ident: scope.unique("additional_properties".into()), init: Init::Default });
    }
    Some(StructLiteral { ty: format!("{MODELS}{}", rust.name(id)), fields: inits })
}

fn has_default(rust: &RustTypes<'_>, ty: &TypeRef) -> bool {
    match rust.graph.unalias(ty) {
        TypeRef::Primitive(p) => !matches!(p, Primitive::Date | Primitive::DateTime),
        TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Any => true,
        TypeRef::Named(_) => false,
    }
}

/// Whether request ids must be UUIDs: the error schema's `request_id` is `format: uuid`.
pub(super) fn request_id_is_uuid(api: &Api, rust: &RustTypes<'_>) -> bool {
    let Some(id) = api.types.component(&api.conventions.error_schema) else { return false };
    let graph = rust.graph;
    let mut fields = graph.fields(&TypeRef::Named(id)).unwrap_or(&[]);
    if let Some(inner) = fields.iter().find(|f| f.name == "error") {
        fields = graph.fields(&inner.ty).unwrap_or(&[]);
    }
    fields.iter().any(|f| f.name == "request_id" && graph.unalias(&f.ty) == &TypeRef::Primitive(Primitive::Uuid))
}
