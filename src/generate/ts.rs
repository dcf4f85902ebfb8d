//! TypeScript names and types for the model (docs/generate/client-ts.md), the TypeScript counterpart of [`super::rust`].
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

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::clients::recursive_aliases;
use super::names::Scope;
use crate::model::{Field, Primitive, TypeGraph, TypeId, TypeRef};

/// TypeScript reserved words, strict-mode reserved words and contextual keywords
/// that cannot name a type or a binding.
const RESERVED: &[&str] = &[
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
    "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return",
    "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as", "implements",
    "interface", "let", "package", "private", "protected", "public", "static", "yield", "any", "boolean", "number",
    "string", "symbol", "unknown", "never", "object", "undefined", "type", "await", "async", "declare", "keyof",
    "readonly", "infer", "is", "module", "namespace", "require", "arguments", "eval",
];

/// Members every object inherits from `Object.prototype`. A method, resource or parameter
/// with one of these names would replace the built-in one, or (a parameter the caller left
/// out) read the built-in's value, so such a name gets a `_` (`constructor` → `constructor_`).
const PROTOTYPE_MEMBERS: &[&str] = &[
    "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
    "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
];

/// The members of the generated `Client` besides its resources (`src/index.ts`).
pub const CLIENT_MEMBERS: &[&str] = &["baseUrl"];

/// The members of a generated resource class besides its operations (`src/index.ts`).
pub const RESOURCE_MEMBERS: &[&str] = &["transport"];

/// Global types and the client's own exports: a schema with one of these names is renamed
/// (`Error` → `ErrorModel`), so generated code always means the built-in or its own.
const TAKEN_TYPES: &[&str] = &[
    "Array", "Record", "Promise", "Date", "Error", "Object", "String", "Number", "Boolean", "Map", "Set", "Partial",
    "Readonly", "Blob", "Response", "Request", "Headers", "URL", "URLSearchParams", "AbortSignal", "AbortController",
    "FormData", "JSON", "Math", "Symbol", "Function", "RegExp", "Uint8Array", "ReadonlyArray", "Client",
    "ClientOptions", "ApiError", "RequestOptions", "Auth", "Page", "Transport", "Call", "DeprecationNotice",
];

fn words(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// A PascalCase type name: `order-status` → `OrderStatus`, `2fa` → `N2fa`, `` → `Unnamed`,
/// a global or the client's own (`Error`, `Client`) → `ErrorModel`.
pub fn type_ident(s: &str) -> String {
    let mut name = words(s).to_upper_camel_case();
    if name.is_empty() {
        name = "Unnamed".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    if TAKEN_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// A camelCase name for a method, a parameter or a resource: `list_orders` → `listOrders`,
/// a reserved word or an `Object.prototype` member → `default_`, `constructor_`, a leading
/// digit → `n2fa`.
pub fn value_ident(s: &str) -> String {
    let mut name = words(s).to_lower_camel_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'n');
    }
    if RESERVED.contains(&name.as_str()) || PROTOTYPE_MEMBERS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// [`value_ident`] for a member of a class whose other members are `own`
/// ([`CLIENT_MEMBERS`], [`RESOURCE_MEMBERS`]): one of those gets a `_` (`baseUrl` → `baseUrl_`).
pub fn member_ident(s: &str, own: &[&str]) -> String {
    let mut name = value_ident(s);
    if own.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

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
    fn names_are_legal_and_keep_clear_of_the_globals() {
        assert_eq!(type_ident("order-status"), "OrderStatus");
        assert_eq!(type_ident("Error"), "ErrorModel");
        assert_eq!(type_ident("Client"), "ClientModel");
        assert_eq!(type_ident("2fa"), "N2fa");
        assert_eq!(value_ident("list_orders"), "listOrders");
        assert_eq!(value_ident("default"), "default_");
        assert_eq!(value_ident("2fa"), "n2fa");
        assert_eq!(property_key("created_at"), "created_at");
        assert_eq!(property_key("user-id"), "\"user-id\"");
        assert_eq!(property_key("a\nb"), "\"a\\nb\"");
        assert_eq!(value_ident("constructor"), "constructor_");
        assert_eq!(value_ident("toString"), "toString_");
        assert_eq!(member_ident("base-url", CLIENT_MEMBERS), "baseUrl_");
        assert_eq!(member_ident("base-url", RESOURCE_MEMBERS), "baseUrl");
        assert_eq!(string_literal("a\u{2028}\"b"), "\"a\\u2028\\\"b\"");
        assert_eq!(string_literal("role\u{202e}x\u{7f}\u{0}"), r#""role\u202ex\u007f\u0000""#);
        assert_eq!(string_literal("größe 😀"), r#""gr\u00f6\u00dfe \ud83d\ude00""#);
        assert_eq!(property_key("role\u{202e}x"), r#""role\u202ex""#);
    }
}
