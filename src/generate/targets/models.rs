//! Target `models`: the `<name>-models` crate of serde types that the client
//! and server crates share (DESIGN §5 "Models").

use serde::Serialize;
use serde_json::Value;

use super::super::names::{snake_ident, type_ident, Scope};
use super::super::rust::{RustTypes, Uses};
use super::super::{Context, Target};
use crate::model::{Primitive, TypeDef, TypeId, TypeKind, TypeRef};

/// The `models` target.
pub const TARGET: Target = Target {
    name: "models",
    summary: "serde data types of every schema (the crate the client and server share)",
    requires: &[],
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
}

#[derive(Serialize)]
struct FieldView {
    name: String,
    doc: Option<String>,
    ty: String,
    serde: Vec<String>,
}

#[derive(Serialize)]
struct VariantView {
    name: String,
    value: Value,
    rename: Option<String>,
    ty: String,
    boxed: bool,
}

fn render(ctx: &Context<'_>) -> Result<Vec<(String, String)>, String> {
    let rust = &ctx.rust;
    let types = (0..ctx.api.types.types.len()).map(|i| type_view(rust, TypeId(i))).collect();
    let view = View {
        crate_name: crate_name(ctx),
        crate_version: ctx.crate_version(),
        title: &ctx.api.title,
        version: &ctx.api.version,
        description: ctx.api.description.as_deref(),
        uses: rust.uses(),
        types,
    };
    let dir = crate_name(ctx);
    Ok(vec![
        (format!("{dir}/Cargo.toml"), ctx.render("models/Cargo.toml.j2", &view)?),
        (format!("{dir}/src/lib.rs"), ctx.render("models/lib.rs.j2", &view)?),
    ])
}

fn type_doc(def: &TypeDef) -> String {
    let mut doc = def.description.clone().or_else(|| def.title.clone()).unwrap_or_else(|| match &def.component {
        Some(name) => format!("The `{name}` schema."),
        None => format!("Inline schema at `{}`.", def.pointer),
    });
    if def.deprecated {
        doc.push_str("\n\nDeprecated.");
    }
    doc
}

fn type_view(rust: &RustTypes<'_>, id: TypeId) -> TypeView {
    let def = rust.graph.get(id);
    let mut view = TypeView { name: rust.name(id).to_string(), doc: Some(type_doc(def)), ..TypeView::default() };
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            view.kind = "struct";
            let mut scope = Scope::default();
            for f in fields {
                let name = scope.unique(snake_ident(&f.name));
                let (ty, optional) = rust.field(id, f, "");
                let mut serde = Vec::new();
                if name.trim_start_matches("r#") != f.name {
                    serde.push(format!("rename = {}", crate::generate::templates::rust_str(f.name.clone())));
                }
                if optional && !f.required {
                    serde.push("default".into());
                    serde.push("skip_serializing_if = \"Option::is_none\"".into());
                } else if optional {
                    serde.push("default".into());
                }
                let mut doc = f.description.clone().unwrap_or_default();
                if f.deprecated {
                    doc.push_str(if doc.is_empty() { "Deprecated." } else { "\n\nDeprecated." });
                }
                view.fields.push(FieldView { name, doc: Some(doc), ty, serde });
            }
            if let Some(extra) = additional {
                let name = scope.unique("additional_properties".into());
                view.fields.push(FieldView {
                    name,
                    doc: Some("Members beyond the declared properties (`additionalProperties`).".into()),
                    ty: format!("std::collections::BTreeMap<String, {}>", rust.of(extra, "")),
                    serde: vec!["flatten".into()],
                });
            }
        }
        TypeKind::Enum { values, base } => {
            let mut scope = Scope::default();
            if *base == Primitive::String {
                view.kind = "enum";
                for v in values {
                    let text = v.as_str().unwrap_or_default().to_string();
                    let name = scope.unique(type_ident(&text));
                    let rename = (name != text).then(|| text.clone());
                    view.variants.push(VariantView { name, value: Value::String(text), rename, ty: String::new(), boxed: false });
                }
            } else {
                view.kind = "int_enum";
                for v in values {
                    let n = v.as_i64().unwrap_or_default();
                    let label = if n < 0 { format!("Minus{}", n.unsigned_abs()) } else { n.to_string() };
                    let name = scope.unique(format!("Value{label}"));
                    view.variants.push(VariantView { name, value: v.clone(), rename: None, ty: String::new(), boxed: false });
                }
            }
        }
        TypeKind::Union { variants, discriminator, .. } => {
            let tagged = discriminator.is_some()
                && variants.iter().all(|v| v.tag.is_some() && matches!(rust.graph.unalias(&v.ty), TypeRef::Named(t) if matches!(rust.graph.get(*t).kind, TypeKind::Struct { .. })));
            view.kind = if tagged { "tagged" } else { "untagged" };
            view.tag = discriminator.clone().filter(|_| tagged);
            let mut scope = Scope::default();
            for v in variants {
                let base = match (&v.tag, &v.ty) {
                    (Some(tag), _) if tagged => type_ident(tag),
                    (_, TypeRef::Named(t)) => rust.name(*t).to_string(),
                    (_, other) => variant_name(other),
                };
                let name = scope.unique(base);
                let ty = rust.held(id, &v.ty, "");
                let boxed = ty.starts_with("Box<");
                let value = Value::String(v.tag.clone().unwrap_or_default());
                view.variants.push(VariantView { name, value, rename: None, ty, boxed });
            }
        }
        TypeKind::Alias(target) => {
            view.kind = if rust.alias_is_recursive(id) { "newtype" } else { "alias" };
            view.target = rust.of(target, "");
        }
    }
    view
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
