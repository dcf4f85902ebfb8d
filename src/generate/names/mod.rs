//! Identifiers from arbitrary names, for every target language. One `Rule` per kind
//! of name says how it is spelled: the casing, the identifier of a name with no letter,
//! what goes before a leading digit, and the reserved words with what a reserved name
//! becomes. Each language is a table of rules ([`rust`], [`ts`], [`python`]); [`Scope`]
//! keeps names unique within one scope.

pub mod python;
pub mod rust;
pub mod ts;

use std::collections::HashSet;

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

pub use rust::{model_type_ident, snake_ident, type_ident, variant_ident};

/// What a name that one of a rule's tables reserves becomes.
#[derive(Debug, Clone, Copy)]
enum Clash {
    /// The name with a suffix: `class` → `class_`, `Error` → `ErrorModel`.
    Suffix(&'static str),
    /// A Rust raw identifier: `type` → `r#type`.
    Raw,
}

/// How one kind of identifier of one language is spelled from an arbitrary name.
#[derive(Debug)]
struct Rule {
    /// The name in the language's case, with nothing but `[A-Za-z0-9_]` in it.
    case: fn(&str) -> String,
    /// The identifier of a name that holds no letter or digit.
    empty: &'static str,
    /// Put before a leading digit.
    digit: char,
    /// Reserved names and what each becomes; the first table that holds a name decides.
    reserved: &'static [(&'static [&'static str], Clash)],
}

impl Rule {
    /// The identifier of `name`: cased, leading and trailing `_` trimmed, [`Rule::empty`]
    /// when nothing is left, [`Rule::digit`] before a leading digit, a reserved name changed.
    fn ident(&self, name: &str) -> String {
        self.ident_in(name, &[])
    }

    /// [`Rule::ident`] for a member of a class whose other members are `own`: one of those
    /// takes a `_` (`baseUrl` → `baseUrl_`).
    fn ident_in(&self, name: &str, own: &[&str]) -> String {
        let mut ident = (self.case)(name).trim_matches('_').to_string();
        if ident.is_empty() {
            ident = self.empty.into();
        }
        if ident.starts_with(|c: char| c.is_ascii_digit()) {
            ident.insert(0, self.digit);
        }
        match self.clash(&ident) {
            Some(Clash::Suffix(suffix)) => ident.push_str(suffix),
            Some(Clash::Raw) => ident.insert_str(0, "r#"),
            None if own.contains(&ident.as_str()) => ident.push('_'),
            None => {}
        }
        ident
    }

    /// Whether one of the rule's tables reserves `ident`.
    fn reserves(&self, ident: &str) -> bool {
        self.clash(ident).is_some()
    }

    fn clash(&self, ident: &str) -> Option<Clash> {
        self.reserved.iter().find(|(table, _)| table.contains(&ident)).map(|(_, clash)| *clash)
    }
}

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

/// The ASCII letters and digits of a name, every other character a word break (`größe` → `gr  e`).
fn words(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// Rust's snake_case: `heck`'s, then [`sanitize`]d (`Bestellungen-Überblick` → `bestellungen_berblick`).
fn snake_sanitized(s: &str) -> String {
    sanitize(&s.to_snake_case())
}

/// Rust's PascalCase: `heck`'s, keeping ASCII letters and digits (`größe` → `Gre`).
fn pascal_filtered(s: &str) -> String {
    s.to_upper_camel_case().chars().filter(char::is_ascii_alphanumeric).collect()
}

/// PascalCase of the [`words`] (`größe` → `GrE`).
fn pascal_words(s: &str) -> String {
    words(s).to_upper_camel_case()
}

/// camelCase of the [`words`] (`list_orders` → `listOrders`).
fn camel_words(s: &str) -> String {
    words(s).to_lower_camel_case()
}

/// snake_case of the [`words`] (`listOrders` → `list_orders`).
fn snake_words(s: &str) -> String {
    words(s).to_snake_case()
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

    /// Every rule of every language, on the names that show its casing, its name of
    /// nothing, its leading digit and its reserved words.
    #[test]
    fn identifiers_are_legal_and_keep_clear_of_reserved_names() {
        type Ident = fn(&str) -> String;
        let cases: &[(Ident, &str, &str)] = &[
            (rust::snake_ident, "createdAt", "created_at"),
            (rust::snake_ident, "type", "r#type"),
            (rust::snake_ident, "self", "self_"),
            (rust::snake_ident, "1st-place", "n1st_place"),
            (rust::snake_ident, "@@", "field"),
            (rust::snake_ident, "größe", "gr_e"),
            (rust::snake_ident, "Bestellungen-Überblick", "bestellungen_berblick"),
            (rust::type_ident, "order-status", "OrderStatus"),
            (rust::type_ident, "Self", "Self_"),
            (rust::type_ident, "2fa", "N2fa"),
            (rust::type_ident, "größe", "Gre"),
            (rust::model_type_ident, "Option", "OptionModel"),
            (rust::model_type_ident, "from", "FromModel"),
            (rust::model_type_ident, "Self", "SelfModel"),
            (rust::model_type_ident, "Order", "Order"),
            (rust::variant_ident, "-1", "Minus1"),
            (rust::variant_ident, "+1.5", "Plus15"),
            (rust::variant_ident, "", "Empty"),
            (rust::variant_ident, "in-progress", "InProgress"),
            (rust::variant_ident, "2fa", "N2fa"),
            (ts::type_ident, "order-status", "OrderStatus"),
            (ts::type_ident, "Error", "ErrorModel"),
            (ts::type_ident, "Client", "ClientModel"),
            (ts::type_ident, "2fa", "N2fa"),
            (ts::type_ident, "größe", "GrE"),
            (ts::value_ident, "list_orders", "listOrders"),
            (ts::value_ident, "default", "default_"),
            (ts::value_ident, "2fa", "n2fa"),
            (ts::value_ident, "constructor", "constructor_"),
            (ts::value_ident, "toString", "toString_"),
            (|s| ts::member_ident(s, ts::CLIENT_MEMBERS), "base-url", "baseUrl_"),
            (|s| ts::member_ident(s, ts::RESOURCE_MEMBERS), "base-url", "baseUrl"),
            (|s| ts::member_ident(s, ts::RESOURCE_MEMBERS), "default", "default_"),
            (python::type_ident, "order-status", "OrderStatus"),
            (python::type_ident, "Client", "ClientModel"),
            (python::type_ident, "Field", "FieldModel"),
            (python::type_ident, "2fa", "N2fa"),
            (python::value_ident, "listOrders", "list_orders"),
            (python::value_ident, "class", "class_"),
            (python::value_ident, "_private", "private"),
            (python::value_ident, "2fa", "n2fa"),
            (python::value_ident, "@@", "value"),
            (python::field_ident, "json", "json_"),
            (python::field_ident, "model_config", "model_config_"),
            (python::field_ident, "user-id", "user_id"),
            (python::field_ident, "class", "class_"),
            (python::param_ident, "path_segment", "path_segment_"),
            (python::param_ident, "int", "int_"),
            (python::param_ident, "str", "str_"),
            (python::param_ident, "self", "self_"),
            (python::param_ident, "None", "none"),
            (python::param_ident, "type", "type_"),
            (python::param_ident, "match", "match_"),
            (python::param_ident, "print", "print_"),
            (python::param_ident, "__import__", "import_"),
            (python::param_ident, "request_options", "request_options_"),
            (python::param_ident, "order_id", "order_id"),
            (python::param_ident, "lambda", "lambda_"),
            (python::method_ident, "str", "str_"),
            (python::method_ident, "list", "list"),
            (python::method_ident, "def", "def_"),
        ];
        for (ident, name, expected) in cases {
            assert_eq!(ident(name), *expected, "{name}");
        }
        assert!(python::is_param_taken("int") && python::is_param_taken("lambda") && !python::is_param_taken("int_"));
    }

    #[test]
    fn a_scope_suffixes_a_taken_name() {
        let mut scope = Scope::default();
        assert_eq!(scope.unique(snake_ident("fooBar")), "foo_bar");
        assert_eq!(scope.unique(snake_ident("foo_bar")), "foo_bar_2");
        assert_eq!(scope.unique("r#type".into()), "r#type");
        assert_eq!(scope.unique("r#type".into()), "type_2");
        assert_eq!(scope.unique(snake_ident("self")), "self_");
        assert_eq!(scope.unique(snake_ident("Self")), "self_2");
        let mut types = Scope::default();
        assert_eq!(types.unique("Order".into()), "Order");
        assert_eq!(types.unique("Order".into()), "Order2");
        let mut modules = Scope::with(&["mod"]);
        assert_eq!(modules.unique(snake_ident("mod")), "mod_2");
    }
}
