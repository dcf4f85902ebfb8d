//! Rust's naming table: keywords (raw, or suffixed where a raw identifier is not allowed),
//! the type names generated code uses unqualified, and the identifiers of fields, types
//! and enum variants.

use super::{pascal_filtered, snake_sanitized, Clash, Rule};

/// Rust keywords (2021 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
    "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is not allowed).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Type names generated code uses unqualified; a schema with one of these names is renamed.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Value", "Map", "BTreeMap", "HashMap",
    "DateTime", "NaiveDate", "Utc", "Uuid", "Decimal", "Serialize", "Deserialize", "Serializer", "Deserializer", "Self",
    "Patch",
    // Prelude traits generated code names unqualified (`impl From<&str> for …`): nexmo's
    // reports API has a schema called `From`.
    "From", "Into", "Default", "AsRef", "AsMut", "Clone", "Copy", "Send", "Sync", "Sized", "Fn", "FnMut", "FnOnce",
    "Iterator", "IntoIterator", "ToString", "ToOwned", "Drop", "Eq", "PartialEq", "Ord", "PartialOrd", "Extend",
    "Unpin",
];

/// Prelude names (types, traits, variants) generated client and server code names
/// unqualified: none of their own types, traits or type parameters is named like one.
pub const PRELUDE: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Send", "Sync", "Sized", "Clone", "Copy",
    "Debug", "PartialEq", "Default", "Drop", "Fn", "FnMut", "FnOnce", "Into", "From", "Iterator", "IntoIterator",
    "ToString", "ToOwned", "AsRef", "Eq", "Ord", "PartialOrd", "Unpin", "Self",
];

/// A keyword is raw (`r#type`), or takes a `_` where it cannot be (`self_`).
const KEYWORD_SAFE: &[(&[&str], Clash)] = &[(NOT_RAW, Clash::Suffix("_")), (KEYWORDS, Clash::Raw)];

const SNAKE: Rule = Rule { case: snake_sanitized, empty: "field", digit: 'n', reserved: KEYWORD_SAFE };

const TYPE: Rule = Rule { case: pascal_filtered, empty: "Unnamed", digit: 'N', reserved: KEYWORD_SAFE };

const MODEL_TYPE: Rule = Rule {
    case: pascal_filtered,
    empty: "Unnamed",
    digit: 'N',
    reserved: &[(RESERVED_TYPES, Clash::Suffix("Model")), (NOT_RAW, Clash::Suffix("_")), (KEYWORDS, Clash::Raw)],
};

/// A snake_case identifier for fields, functions and modules: `createdAt` → `created_at`,
/// `type` → `r#type`, `self` → `self_`, `1st` → `n1st`, `` → `field`.
pub fn snake_ident(s: &str) -> String {
    SNAKE.ident(s)
}

/// A PascalCase identifier for types and variants: `order-status` → `OrderStatus`,
/// `Self` → `Self_`, `2fa` → `N2fa`, `` → `Unnamed`.
pub fn type_ident(s: &str) -> String {
    TYPE.ident(s)
}

/// A type name that does not shadow the types generated code uses (`Option` → `OptionModel`).
pub fn model_type_ident(s: &str) -> String {
    MODEL_TYPE.ident(s)
}

/// A PascalCase identifier for an enum variant from its wire value: like [`type_ident`], but a
/// leading sign is spelled out and the empty string has a name: `-1` → `Minus1`, `+1` → `Plus1`,
/// `` → `Empty`.
pub fn variant_ident(value: &str) -> String {
    if value.is_empty() {
        return "Empty".into();
    }
    for (sign, word) in [('-', "Minus"), ('+', "Plus")] {
        if let Some(rest) = value.strip_prefix(sign) {
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return format!("{word}{}", type_ident(rest).trim_start_matches('N'));
            }
        }
    }
    type_ident(value)
}
