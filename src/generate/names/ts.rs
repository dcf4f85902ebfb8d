//! TypeScript's naming table: reserved words, the members of `Object.prototype`, the
//! globals and the client's own exports, and the identifiers of types and values.

use super::{camel_words, pascal_words, Clash, Rule};

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
pub const TAKEN_TYPES: &[&str] = &[
    "Array", "Record", "Promise", "Date", "Error", "Object", "String", "Number", "Boolean", "Map", "Set", "Partial",
    "Readonly", "Blob", "Response", "Request", "Headers", "URL", "URLSearchParams", "AbortSignal", "AbortController",
    "FormData", "JSON", "Math", "Symbol", "Function", "RegExp", "Uint8Array", "ReadonlyArray", "Client",
    "ClientOptions", "ApiError", "RequestOptions", "Auth", "Page", "Transport", "Call", "DeprecationNotice",
    "WebhookOptions", "WebhookEnvelope", "VerifiedWebhook", "WebhookErrorKind", "WebhookError", "WebhookHeaders",
];

const TYPE: Rule =
    Rule { case: pascal_words, empty: "Unnamed", digit: 'N', reserved: &[(TAKEN_TYPES, Clash::Suffix("Model"))] };

const VALUE: Rule = Rule {
    case: camel_words,
    empty: "value",
    digit: 'n',
    reserved: &[(RESERVED, Clash::Suffix("_")), (PROTOTYPE_MEMBERS, Clash::Suffix("_"))],
};

/// A PascalCase type name: `order-status` → `OrderStatus`, `2fa` → `N2fa`, `` → `Unnamed`,
/// a global or the client's own (`Error`, `Client`) → `ErrorModel`.
pub fn type_ident(s: &str) -> String {
    TYPE.ident(s)
}

/// A camelCase name for a method, a parameter or a resource: `list_orders` → `listOrders`,
/// a reserved word or an `Object.prototype` member → `default_`, `constructor_`, a leading
/// digit → `n2fa`.
pub fn value_ident(s: &str) -> String {
    VALUE.ident(s)
}

/// [`value_ident`] for a member of a class whose other members are `own`
/// ([`CLIENT_MEMBERS`], [`RESOURCE_MEMBERS`]): one of those gets a `_` (`baseUrl` → `baseUrl_`).
pub fn member_ident(s: &str, own: &[&str]) -> String {
    VALUE.ident_in(s, own)
}
