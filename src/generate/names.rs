//! Rust identifiers from arbitrary names: case via `heck`, keywords, names
//! that start with a digit or hold no letters, and collisions within a scope.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

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

/// Keeps `[A-Za-z0-9_]`, every other character becomes `_`, and a run of `_` becomes one
/// (`größe` → `gr_e`: a doubled underscore is not snake case).
fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    out
}

/// A snake_case identifier for fields, functions and modules: `createdAt` → `created_at`,
/// `type` → `r#type`, `self` → `self_`, `1st` → `n1st`, `` → `field`.
pub fn snake_ident(s: &str) -> String {
    let mut name = sanitize(&s.to_snake_case());
    name = name.trim_matches('_').to_string();
    if name.is_empty() {
        name = "field".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'n');
    }
    keyword_safe(name)
}

/// A PascalCase identifier for types and variants: `order-status` → `OrderStatus`,
/// `Self` → `Self_`, `2fa` → `N2fa`, `` → `Unnamed`.
pub fn type_ident(s: &str) -> String {
    let mut name: String = s.to_upper_camel_case().chars().filter(char::is_ascii_alphanumeric).collect();
    if name.is_empty() {
        name = "Unnamed".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    keyword_safe(name)
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

/// A type name that does not shadow the types generated code uses (`Option` → `OptionModel`).
pub fn model_type_ident(s: &str) -> String {
    let name = type_ident(s);
    if RESERVED_TYPES.contains(&name.trim_end_matches('_')) {
        format!("{}Model", name.trim_end_matches('_'))
    } else {
        name
    }
}

fn keyword_safe(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Names that must be unique within one scope (fields of a struct, variants of an enum, methods).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope with some names already taken.
    pub fn with(taken: &[&str]) -> Self {
        Scope { taken: taken.iter().map(|s| s.to_string()).collect() }
    }

    /// `name`, or `name_2`, `name_3`… (`Name2` for PascalCase) when taken. A raw
    /// identifier and its plain spelling are one name (`r#mod` is the module `mod`,
    /// whose file is `mod.rs`).
    pub fn unique(&mut self, name: String) -> String {
        if self.taken.insert(name.trim_start_matches("r#").to_string()) {
            return name;
        }
        let pascal = name.starts_with(|c: char| c.is_ascii_uppercase());
        // `self_` → `self_2`, `r#type` → `type_2`, `Self_` → `Self2`: the suffix makes any keyword legal.
        let base = name.trim_start_matches("r#").trim_end_matches('_').to_string();
        (2..)
            .map(|i| if pascal { format!("{base}{i}") } else { format!("{base}_{i}") })
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unused name exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_legal_and_distinct() {
        assert_eq!(snake_ident("createdAt"), "created_at");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("1st-place"), "n1st_place");
        assert_eq!(snake_ident("@@"), "field");
        assert_eq!(snake_ident("größe"), "gr_e");
        assert_eq!(snake_ident("Bestellungen-Überblick"), "bestellungen_berblick");
        assert_eq!(type_ident("order-status"), "OrderStatus");
        assert_eq!(type_ident("Self"), "Self_");
        assert_eq!(type_ident("2fa"), "N2fa");
        assert_eq!(model_type_ident("Option"), "OptionModel");
        assert_eq!(model_type_ident("from"), "FromModel");
        assert_eq!(model_type_ident("Order"), "Order");
        let mut scope = Scope::default();
        assert_eq!(scope.unique(snake_ident("fooBar")), "foo_bar");
        assert_eq!(scope.unique(snake_ident("foo_bar")), "foo_bar_2");
        assert_eq!(scope.unique("r#type".into()), "r#type");
        assert_eq!(scope.unique("r#type".into()), "type_2");
        assert_eq!(scope.unique(snake_ident("self")), "self_");
        assert_eq!(scope.unique(snake_ident("Self")), "self_2");
        assert_eq!(variant_ident("-1"), "Minus1");
        assert_eq!(variant_ident("+1.5"), "Plus15");
        assert_eq!(variant_ident(""), "Empty");
        assert_eq!(variant_ident("in-progress"), "InProgress");
        assert_eq!(variant_ident("2fa"), "N2fa");
        let mut types = Scope::default();
        assert_eq!(types.unique("Order".into()), "Order");
        assert_eq!(types.unique("Order".into()), "Order2");
        let mut modules = Scope::with(&["mod"]);
        assert_eq!(modules.unique(snake_ident("mod")), "mod_2");
    }
}
