//! Values the server writes as Rust literals: parameter defaults and constraint numbers.
//! `macros.j2`'s `literal` writes a [`Literal`].

use serde::Serialize;

use super::super::super::rust::RustTypes;
use crate::model::{Primitive, TypeRef};

/// A parameter default of a scalar type.
#[derive(Serialize, Clone, PartialEq)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub(super) enum Literal {
    Int(i64),
    /// A float literal's text ([`float`]).
    Float(String),
    Bool(bool),
    /// An owned `String`.
    Str(String),
}

/// The literal of a parameter default, for the scalar types one can be written for.
pub(super) fn default(rust: &RustTypes<'_>, ty: &TypeRef, value: &serde_json::Value) -> Option<Literal> {
    Some(match (rust.graph.unalias(ty), value) {
        (TypeRef::Primitive(Primitive::I64), v) => Literal::Int(v.as_i64()?),
        (TypeRef::Primitive(Primitive::I32), v) => Literal::Int(i32::try_from(v.as_i64()?).ok()?.into()),
        (TypeRef::Primitive(Primitive::F64), v) => Literal::Float(float(v.as_f64().filter(|n| n.is_finite())?)),
        (TypeRef::Primitive(Primitive::F32), v) => {
            Literal::Float(format!("{:?}", v.as_f64().map(|n| n as f32).filter(|n| n.is_finite())?))
        }
        (TypeRef::Primitive(Primitive::Bool), serde_json::Value::Bool(b)) => Literal::Bool(*b),
        (TypeRef::Primitive(Primitive::String), serde_json::Value::String(s)) => Literal::Str(s.clone()),
        _ => return None,
    })
}

/// The text of a float literal of a number: as Rust writes it (`1.0`, `0.5`, `1e20`), which
/// reads the same value back.
pub(super) fn float(n: f64) -> String {
    format!("{n:?}")
}
