//! Target `models`: the `<name>-models` crate of serde types that the client
//! and server crates share (DESIGN §5 "Models").

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::super::names::{snake_ident, variant_ident, Scope};
use super::super::rust::{enum_variants, FieldDefault, RustTypes, Uses};
use super::super::{Context, Rendered, Target};
use crate::model::{Field, Primitive, TypeDef, TypeId, TypeKind, TypeRef, Variant};

/// The `models` target.
pub const TARGET: Target = Target {
    name: "models",
    summary: "serde data types of every schema (the crate the client and server share)",
    requires: &[],
    needs_operations: false,
    owned_depth: 1,
    render,
};

/// The crate folder and name.
pub fn crate_name(ctx: &Context<'_>) -> String {
    format!("{}-models", ctx.settings.name)
}

#[derive(Serialize)]
struct View<'a> {
    crate_name: String,
    crate_version: String,
    title: &'a str,
    version: &'a str,
    description: Option<&'a str>,
    uses: Uses,
    /// Whether any type derives or implements serde's traits (not only aliases).
    uses_serde: bool,
    /// Some PATCH body has a three-state member: the crate defines `Patch<T>`.
    uses_patch: bool,
    types: Vec<TypeView>,
}

#[derive(Serialize, Default)]
struct TypeView {
    name: String,
    doc: Option<String>,
    kind: &'static str,
    fields: Vec<FieldView>,
    variants: Vec<VariantView>,
    target: String,
    tag: Option<String>,
    /// `#[serde(rename_all = "…")]` of a struct or string enum.
    rename_all: Option<&'static str>,
    /// A struct whose fields all have a `Default` (`Option`s and the extra map): `#[derive(Default)]`.
    default: bool,
    /// A union with a variant that holds a struct or union inline (may be much larger than the others).
    large_variants: bool,
    /// An enum or tagged union the client decodes: open to values it does not know, which the
    /// variant named `unknown` keeps as sent (the value, or the whole object of a new subtype).
    open: bool,
    /// The name of that variant (`Unknown`, or `Unknown2` when a known value takes the name).
    unknown: String,
}

#[derive(Serialize)]
struct FieldView {
    name: String,
    doc: Option<String>,
    ty: String,
    serde: Vec<String>,
    /// The schema default: `default_<name>`, the function serde calls for an absent member.
    default_fn: Option<String>,
    /// Its value as a Rust expression of no spec text…
    default_expr: Option<String>,
    /// …or as a string, escaped by the template.
    default_text: Option<String>,
}

#[derive(Serialize)]
struct VariantView {
    name: String,
    value: Value,
    rename: Option<String>,
    ty: String,
    boxed: bool,
}

fn render(ctx: &Context<'_>) -> Rendered {
    let rust = &ctx.rust;
    let notes: HashMap<&str, &str> = ctx.api.types.notes.iter().map(|(p, why)| (p.as_str(), why.as_str())).collect();
    let types: Vec<TypeView> = (0..ctx.api.types.types.len()).map(|i| type_view(rust, &notes, TypeId(i))).collect();
    let view = View {
        crate_name: crate_name(ctx),
        crate_version: ctx.crate_version(),
        title: &ctx.api.title,
        version: &ctx.api.version,
        description: ctx.api.description.as_deref(),
        uses: rust.uses(),
        uses_serde: types.iter().any(|t| t.kind != "alias"),
        uses_patch: rust.uses_patch(),
        types,
    };
    let dir = crate_name(ctx);
    Ok(vec![
        (format!("{dir}/Cargo.toml"), ctx.render("models/Cargo.toml.j2", &view)?),
        (format!("{dir}/src/lib.rs"), ctx.render("models/lib.rs.j2", &view)?),
    ])
}

fn type_doc(def: &TypeDef, note: Option<&str>) -> String {
    let mut doc = def.description.clone().or_else(|| def.title.clone()).unwrap_or_else(|| match &def.component {
        Some(name) => format!("The `{name}` schema."),
        None => format!("Inline schema at `{}`.", def.pointer),
    });
    if def.deprecated {
        doc.push_str("\n\nDeprecated.");
    }
    if let Some(why) = note {
        doc.push_str(&format!("\n\nAny JSON value: {why}."));
    }
    doc
}

/// Adds a paragraph to a doc comment.
fn paragraph(doc: &mut String, text: &str) {
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    doc.push_str(text);
}

fn field_doc(f: &Field, note: Option<&str>, applied: bool) -> String {
    let mut doc = f.description.clone().unwrap_or_default();
    if f.read_only {
        paragraph(&mut doc, "Read-only: set by the server; leave it `None` in requests.");
    }
    if f.write_only {
        paragraph(&mut doc, "Write-only: sent in requests; responses leave it out.");
    }
    if let Some(default) = &f.default {
        if applied {
            paragraph(&mut doc, &format!("Default: `{default}` (an absent member deserializes to it; `None` is left out)."));
        } else {
            paragraph(&mut doc, &format!("Default: `{default}` (documented; not applied)."));
        }
    }
    if f.deprecated {
        paragraph(&mut doc, "Deprecated.");
    }
    if let Some(why) = note {
        paragraph(&mut doc, &format!("Any JSON value: {why}."));
    }
    doc
}

fn type_view(rust: &RustTypes<'_>, notes: &HashMap<&str, &str>, id: TypeId) -> TypeView {
    let def = rust.graph.get(id);
    let doc = type_doc(def, notes.get(def.pointer.as_str()).copied());
    let mut view = TypeView { name: rust.name(id).to_string(), doc: Some(doc), ..TypeView::default() };
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            view.kind = "struct";
            let mut scope = Scope::default();
            let idents: Vec<String> = fields.iter().map(|f| scope.unique(snake_ident(&f.name))).collect();
            let pairs: Vec<(&str, &str)> =
                idents.iter().zip(fields).map(|(ident, f)| (ident.trim_start_matches("r#"), f.name.as_str())).collect();
            view.rename_all = rename_all(&pairs, FIELD_RULES, field_case);
            let mut all_default = true;
            for (name, f) in idents.into_iter().zip(fields) {
                let (ty, optional) = rust.field(id, f, "");
                let default = rust.field_default(id, f);
                all_default &= optional;
                let mut serde = Vec::new();
                if renamed(name.trim_start_matches("r#"), &f.name, view.rename_all, field_case) {
                    serde.push(format!("rename = {}", crate::generate::templates::rust_str(f.name.clone())));
                }
                let default_fn = default.as_ref().map(|_| format!("default_{}", name.trim_start_matches("r#")));
                if let Some(function) = &default_fn {
                    // An absent member deserializes to `Some(default)`; `None` is left out.
                    let path = format!("{}::{function}", rust.name(id));
                    serde.push(format!("default = {}", crate::generate::templates::rust_str(path)));
                    serde.push("skip_serializing_if = \"Option::is_none\"".into());
                } else if rust.is_patch_field(id, f) {
                    // Absent stays absent; `null` and values are written.
                    serde.push("default".into());
                    serde.push("skip_serializing_if = \"Patch::is_absent\"".into());
                } else if optional {
                    serde.push("default".into());
                    // A required nullable member is sent as `null`; any other absent value is left out.
                    let send_null = f.required && f.nullable && !f.read_only && !f.write_only;
                    if !send_null {
                        serde.push("skip_serializing_if = \"Option::is_none\"".into());
                    }
                }
                let doc = field_doc(f, notes.get(f.pointer.as_str()).copied(), default.is_some());
                let (default_expr, default_text) = match default {
                    Some(FieldDefault::Expr(e)) => (Some(e), None),
                    Some(FieldDefault::Text(t)) => (None, Some(t)),
                    None => (None, None),
                };
                view.fields.push(FieldView { name, doc: Some(doc), ty, serde, default_fn, default_expr, default_text });
            }
            if let Some(extra) = additional {
                let name = scope.unique("additional_properties".into());
                view.fields.push(FieldView {
                    name,
                    doc: Some("Members beyond the declared properties (`additionalProperties`).".into()),
                    ty: format!("std::collections::BTreeMap<String, {}>", rust.of(extra, "")),
                    serde: vec!["flatten".into()],
                    default_fn: None,
                    default_expr: None,
                    default_text: None,
                });
            }
            view.default = all_default;
        }
        TypeKind::Enum { values, base } => {
            // One naming for the enum and for defaults that name its variants.
            let names = enum_variants(values, *base);
            view.open = rust.is_open(id);
            view.unknown = Scope::with(&names.iter().map(String::as_str).collect::<Vec<_>>()).unique("Unknown".into());
            if *base == Primitive::String {
                view.kind = "enum";
                let texts: Vec<String> = values.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect();
                let pairs: Vec<(&str, &str)> =
                    names.iter().zip(&texts).map(|(n, t)| (n.as_str(), t.as_str())).collect();
                view.rename_all = rename_all(&pairs, VARIANT_RULES, variant_case);
                for (name, text) in names.into_iter().zip(texts) {
                    let rename = renamed(&name, &text, view.rename_all, variant_case).then(|| text.clone());
                    view.variants.push(VariantView {
                        name,
                        value: Value::String(text),
                        rename,
                        ty: String::new(),
                        boxed: false,
                    });
                }
            } else {
                view.kind = "int_enum";
                for (v, name) in values.iter().zip(names) {
                    view.variants.push(VariantView {
                        name,
                        value: v.clone(),
                        rename: None,
                        ty: String::new(),
                        boxed: false,
                    });
                }
            }
        }
        TypeKind::Union { variants, discriminator, .. } => {
            let tagged = discriminator.is_some()
                && variants.iter().all(|v| v.tag.is_some() && matches!(rust.graph.unalias(&v.ty), TypeRef::Named(t) if matches!(rust.graph.get(*t).kind, TypeKind::Struct { .. })));
            view.kind = if tagged { "tagged" } else { "untagged" };
            view.tag = discriminator.clone().filter(|_| tagged);
            view.open = tagged && rust.is_open(id);
            let mut order: Vec<&Variant> = variants.iter().collect();
            if !tagged {
                // serde tries untagged variants in order: the more specific ones first.
                order.sort_by_key(|v| specificity(rust, &v.ty));
            }
            let mut scope = Scope::default();
            for v in order {
                let base = match (&v.tag, &v.ty) {
                    // A tag that spells its type's name with a prefix (`#Microsoft.Azure.Search.CustomAnalyzer`
                    // of `CustomAnalyzer`) names the variant after the type.
                    (Some(tag), TypeRef::Named(t)) if tagged && variant_ident(tag).ends_with(rust.name(*t)) => {
                        rust.name(*t).to_string()
                    }
                    (Some(tag), _) if tagged => variant_ident(tag),
                    (_, TypeRef::Named(t)) => short_name(rust.name(*t), &view.name),
                    (_, other) => variant_name(other),
                };
                let name = scope.unique(base);
                let ty = rust.held(id, &v.ty, "");
                let boxed = ty.starts_with("Box<");
                let inline_aggregate = matches!(rust.graph.unalias(&v.ty), TypeRef::Named(t)
                    if matches!(rust.graph.get(*t).kind, TypeKind::Struct { .. } | TypeKind::Union { .. }));
                view.large_variants |= inline_aggregate && !boxed;
                let value = Value::String(v.tag.clone().unwrap_or_default());
                view.variants.push(VariantView { name, value, rename: None, ty, boxed });
            }
            view.unknown = scope.unique("Unknown".into());
        }
        TypeKind::Alias(target) => {
            view.kind = if rust.alias_is_recursive(id) { "newtype" } else { "alias" };
            view.target = rust.of(target, "");
        }
    }
    view
}

/// A variant named after a type that was named after the union (`Contact` + `ContactPostal` →
/// `Postal`) drops the union's name.
fn short_name(type_name: &str, union: &str) -> String {
    match type_name.strip_prefix(union) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_string(),
        _ => type_name.to_string(),
    }
}

/// Sort key of an untagged variant: serde takes the first that decodes, so formatted strings and
/// enums come before plain strings, integers before numbers, and any-value last.
fn specificity(rust: &RustTypes<'_>, ty: &TypeRef) -> u8 {
    match rust.graph.unalias(ty) {
        TypeRef::Primitive(Primitive::Date | Primitive::DateTime | Primitive::Uuid | Primitive::Decimal) => 0,
        TypeRef::Named(t) if matches!(rust.graph.get(*t).kind, TypeKind::Enum { .. }) => 0,
        TypeRef::Primitive(Primitive::I32 | Primitive::I64) => 1,
        TypeRef::Any => 3,
        _ => 2,
    }
}

/// serde's `rename_all` rules for fields (applied to snake_case idents), in order of preference.
const FIELD_RULES: &[&str] = &["camelCase", "PascalCase", "SCREAMING_SNAKE_CASE", "kebab-case", "SCREAMING-KEBAB-CASE"];

/// serde's `rename_all` rules for variants (applied to PascalCase idents), in order of preference.
const VARIANT_RULES: &[&str] = &[
    "snake_case",
    "kebab-case",
    "SCREAMING_SNAKE_CASE",
    "camelCase",
    "lowercase",
    "UPPERCASE",
    "SCREAMING-KEBAB-CASE",
];

/// The wire name serde gives a snake_case field under a `rename_all` rule (serde_derive's `RenameRule::apply_to_field`).
fn field_case(ident: &str, rule: Option<&str>) -> String {
    let pascal = || {
        let mut out = String::new();
        let mut upper = true;
        for c in ident.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    match rule {
        None | Some("snake_case" | "lowercase") => ident.to_string(),
        Some("UPPERCASE" | "SCREAMING_SNAKE_CASE") => ident.to_ascii_uppercase(),
        Some("PascalCase") => pascal(),
        Some("camelCase") => {
            let p = pascal();
            let mut chars = p.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        }
        Some("kebab-case") => ident.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => ident.to_ascii_uppercase().replace('_', "-"),
        Some(_) => ident.to_string(),
    }
}

/// The wire name serde gives a PascalCase variant under a `rename_all` rule (serde_derive's `RenameRule::apply_to_variant`).
fn variant_case(ident: &str, rule: Option<&str>) -> String {
    let snake = || {
        let mut out = String::new();
        for (i, c) in ident.char_indices() {
            if i > 0 && c.is_uppercase() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    };
    match rule {
        None | Some("PascalCase") => ident.to_string(),
        Some("lowercase") => ident.to_ascii_lowercase(),
        Some("UPPERCASE") => ident.to_ascii_uppercase(),
        Some("camelCase") => ident[..1].to_ascii_lowercase() + &ident[1..],
        Some("snake_case") => snake(),
        Some("SCREAMING_SNAKE_CASE") => snake().to_ascii_uppercase(),
        Some("kebab-case") => snake().replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => snake().to_ascii_uppercase().replace('_', "-"),
        Some(_) => ident.to_string(),
    }
}

/// The `rename_all` rule that gives every (ident, wire name) pair its wire name, when the idents
/// alone do not and such a rule exists.
fn rename_all(
    pairs: &[(&str, &str)],
    rules: &[&'static str],
    case: fn(&str, Option<&str>) -> String,
) -> Option<&'static str> {
    if pairs.iter().all(|(ident, wire)| case(ident, None) == *wire) {
        return None;
    }
    rules.iter().copied().find(|rule| pairs.iter().all(|(ident, wire)| case(ident, Some(rule)) == *wire))
}

/// Whether a member needs its own `rename` under the type's `rename_all`.
fn renamed(ident: &str, wire: &str, rule: Option<&str>, case: fn(&str, Option<&str>) -> String) -> bool {
    case(ident, rule) != wire
}

/// A variant name for a structural alternative of an untagged union.
fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => match p {
            Primitive::String | Primitive::Bytes => "String",
            Primitive::Date => "Date",
            Primitive::DateTime => "DateTime",
            Primitive::Uuid => "Uuid",
            Primitive::Decimal => "Decimal",
            Primitive::Binary => "Binary",
            Primitive::I32 | Primitive::I64 => "Integer",
            Primitive::F32 | Primitive::F64 => "Number",
            Primitive::Bool => "Boolean",
        }
        .to_string(),
        TypeRef::List(_) => "List".into(),
        TypeRef::Map(_) => "Map".into(),
        TypeRef::Any | TypeRef::Named(_) => "Value".into(),
    }
}
