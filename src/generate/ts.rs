//! TypeScript types and literals for the model (docs/generate/client-ts.md), the TypeScript counterpart
//! of [`super::rust`]; identifiers are spelled by [`super::names::ts`].
//!
//! | schema | TypeScript |
//! |---|---|
//! | `string` (every format: dates and UUIDs stay ISO strings) | `string` |
//! | `format: binary` | `Blob` |
//! | `integer`, `number` | `number` |
//! | `boolean` | `boolean` |
//! | `array` | `Array<T>` |
//! | `additionalProperties` only | `Record<string, T>`; `{ [key: string]: T }` in an alias that refers to itself |
//! | object | `interface` (`readonly` where `readOnly`; `name?: T` when optional, `T \| null` when nullable) |
//! | string `enum` | a union of string literals |
//! | `oneOf` with a discriminator | a union of `{ tag: "value" } & Member` |
//! | `oneOf` / `anyOf` without | a union |
//! | no type, free-form, inexpressible | `unknown` |

use super::clients::recursive_aliases;
use super::names::ts::{type_ident, TAKEN_TYPES};
use super::names::Scope;
use crate::model::{Field, Primitive, TypeGraph, TypeId, TypeRef};

/// A property key as written in an interface or object literal: bare when it is an
/// identifier, else a quoted string (`"user-id"`), so the JSON member name stays exact.
pub fn property_key(name: &str) -> String {
    let bare = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if bare {
        name.to_string()
    } else {
        string_literal(name)
    }
}

/// A TypeScript (and JSON) string literal for any text, byte-exact: JSON's escaping, and
/// every character outside printable ASCII written as `\uXXXX` (UTF-16 units), so a line
/// terminator (U+2028), a bidi control or an invisible character is neither raw in the
/// code nor lost from the value (`role\u202ex` stays that name on the wire).
pub fn string_literal(text: &str) -> String {
    let json = serde_json::to_string(text).expect("a string serializes");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() && !c.is_ascii_control() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// TypeScript names of a type graph's named types, unique and legal.
#[derive(Debug)]
pub struct TsTypes<'a> {
    /// The graph the names belong to.
    pub graph: &'a TypeGraph,
    names: Vec<String>,
    /// For every type: an alias that refers to itself ([`recursive_aliases`]).
    recursive: Vec<bool>,
}

impl<'a> TsTypes<'a> {
    /// Names every type of the graph, in order.
    pub fn new(graph: &'a TypeGraph) -> Self {
        let mut scope = Scope::with(TAKEN_TYPES);
        let names = graph.types.iter().map(|t| scope.unique(type_ident(&t.name))).collect();
        TsTypes { graph, names, recursive: recursive_aliases(graph) }
    }

    /// The TypeScript name of a named type.
    pub fn name(&self, id: TypeId) -> &str {
        &self.names[id.0]
    }

    /// The TypeScript type of a reference; `prefix` qualifies named types (`""` or `types.`).
    pub fn of(&self, ty: &TypeRef, prefix: &str) -> String {
        self.expr(ty, prefix, false)
    }

    /// A type expression in the declaration of the alias or union `id` in `types.ts`:
    /// [`Self::of`], except that in an alias that refers to itself a map is an index signature
    /// (`{ [key: string]: T }`). TypeScript resolves the arguments of a generic alias such as
    /// `Record` as it declares the alias, so an alias that reaches itself through one is
    /// circular (TS2456); an object type's members, like `Array`'s argument, wait until used.
    pub fn alias_member(&self, id: TypeId, ty: &TypeRef) -> String {
        self.expr(ty, "", self.recursive[id.0])
    }

    fn expr(&self, ty: &TypeRef, prefix: &str, index_signature: bool) -> String {
        match ty {
            TypeRef::Named(id) => format!("{prefix}{}", self.name(*id)),
            TypeRef::Primitive(p) => primitive(*p).to_string(),
            TypeRef::List(item) => format!("Array<{}>", self.expr(item, prefix, index_signature)),
            TypeRef::Map(value) if index_signature => {
                format!("{{ [key: string]: {} }}", self.expr(value, prefix, index_signature))
            }
            TypeRef::Map(value) => format!("Record<string, {}>", self.expr(value, prefix, index_signature)),
            TypeRef::Any => "unknown".to_string(),
        }
    }

    /// A field's type with `| null` when it may be null (`nullable`).
    pub fn field(&self, field: &Field, prefix: &str) -> String {
        let ty = self.of(&field.ty, prefix);
        if field.nullable { format!("{ty} | null") } else { ty }
    }
}

/// The TypeScript type of a primitive.
pub fn primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::Binary => "Blob",
        Primitive::I32 | Primitive::I64 | Primitive::F32 | Primitive::F64 => "number",
        Primitive::Bool => "boolean",
        _ => "string",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_literals_keep_the_text_exact() {
        assert_eq!(property_key("created_at"), "created_at");
        assert_eq!(property_key("user-id"), "\"user-id\"");
        assert_eq!(property_key("a\nb"), "\"a\\nb\"");
        assert_eq!(string_literal("a\u{2028}\"b"), "\"a\\u2028\\\"b\"");
        assert_eq!(string_literal("role\u{202e}x\u{7f}\u{0}"), r#""role\u202ex\u007f\u0000""#);
        assert_eq!(string_literal("größe 😀"), r#""gr\u00f6\u00dfe \ud83d\ude00""#);
        assert_eq!(property_key("role\u{202e}x"), r#""role\u202ex""#);
    }
}
