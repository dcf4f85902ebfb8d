//! Target `models`: the `<name>-models` crate of serde types that the client
//! and server crates share (docs/generate/models.md). What every models crate shares
//! (reading and writing structs member by member, `Patch<T>`) is in the
//! `apigen-runtime` crate's `models` feature ([`super::runtime`]).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::super::names::{snake_ident, variant_ident, Scope};
use super::super::rust::{enum_variants, FieldDefault, RustTypes, Uses};
use super::super::{Context, Rendered, Target};
use crate::model::{Field, Primitive, TypeDef, TypeId, TypeKind, TypeRef, Variant};

mod equal;

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
    /// Some PATCH body has a three-state member: the crate re-exports the runtime's `Patch<T>`.
    uses_patch: bool,
    /// A large crate's modules (the types are theirs); none: the types are in the crate root.
    modules: Vec<ModuleView>,
    types: Vec<TypeView>,
}

/// One module of a large crate: types whose names start alike.
#[derive(Serialize)]
struct ModuleView {
    /// The module (`webhook_pull`)…
    name: String,
    /// …and its file below `src/` (`webhook_pull.rs`).
    file: String,
    /// How the names of its types start (`WebhookPull`, or a letter).
    prefix: String,
    /// Some type derives or implements serde's traits.
    uses_serde: bool,
    /// Some type names a type of another module, or `Patch` (from the crate root).
    uses_siblings: bool,
    types: Vec<TypeView>,
}

/// A crate of more types than this is split into modules of at most about this many types
/// each, so that no file is tens of thousands of lines.
const MODULE_TYPES: usize = 150;

/// A module split off a larger one holds at least this many types; fewer stay in the larger one.
const MODULE_MIN: usize = 20;

/// Names a module cannot take: the crates generated code names by path.
const RESERVED_MODULES: &[&str] =
    &["std", "core", "alloc", "serde", "serde_json", "chrono", "uuid", "rust_decimal", "apigen_runtime"];

#[derive(Serialize, Default)]
struct TypeView {
    name: String,
    doc: Option<String>,
    kind: &'static str,
    fields: Vec<FieldView>,
    variants: Vec<VariantView>,
    target: String,
    tag: Option<String>,
    /// A struct whose fields all have a `Default` (`Option`s and the extra map): `#[derive(Default)]`.
    default: bool,
    /// A union with a variant that holds a struct or union inline (may be much larger than the others).
    large_variants: bool,
    /// An enum or tagged union the client decodes: open to values it does not know, which the
    /// variant named `unknown` keeps as sent (the value, or the whole object of a new subtype).
    open: bool,
    /// The name of that variant (`Unknown`, or `Unknown2` when a known value takes the name).
    unknown: String,
    /// A schema of `components/schemas`: a name of the document, which keeps a type of its own.
    #[serde(skip)]
    component: bool,
    /// An alias of a type declared alike: that type's index (see [`equal::share`]).
    #[serde(skip)]
    same_as: Option<usize>,
}

#[derive(Serialize)]
struct FieldView {
    name: String,
    doc: Option<String>,
    ty: String,
    /// How the member is written: the method of `ser::Object` (`member`, `optional`, `patch`,
    /// `extra`).
    write: &'static str,
    /// The schema default: `default_<name>`, the function serde calls for an absent member.
    default_fn: Option<String>,
    /// Its value as a Rust expression of no spec text…
    default_expr: Option<String>,
    /// …or as a string, escaped by the template.
    default_text: Option<String>,
    /// The member's name in JSON (none for the extra members).
    wire: String,
    /// The local that deserialization reads the member into.
    local: String,
    /// The field holds the members beyond the declared ones.
    extra: bool,
    /// What a missing member deserializes to: `error` (or `None` if the type is an option
    /// alias), `none`, `default_fn`, `default` (`Patch::Absent`), `extra` (no members).
    missing: &'static str,
}

#[derive(Serialize)]
struct VariantView {
    name: String,
    value: Value,
    ty: String,
    boxed: bool,
}

fn render(ctx: &Context<'_>) -> Rendered {
    let rust = &ctx.rust;
    let notes: HashMap<&str, &str> = ctx.api.types.notes.iter().map(|(p, why)| (p.as_str(), why.as_str())).collect();
    let count = ctx.api.types.types.len();
    let mut types: Vec<TypeView> = (0..count).map(|i| type_view(rust, &notes, TypeId(i))).collect();
    equal::share(&mut types);
    let uses_serde = types.iter().any(|t| t.kind != "alias");
    let (modules, types) = if count > MODULE_TYPES { (modules(rust, types), Vec::new()) } else { (Vec::new(), types) };
    let dir = crate_name(ctx);
    let mut files = Vec::new();
    for module in &modules {
        files.push((format!("{dir}/src/{}", module.file), ctx.render("models/module.rs.j2", module)?));
    }
    let view = View {
        crate_name: crate_name(ctx),
        crate_version: ctx.crate_version(),
        title: &ctx.api.title,
        version: &ctx.api.version,
        description: ctx.api.description.as_deref(),
        uses: rust.uses(),
        uses_serde,
        uses_patch: rust.uses_patch(),
        modules,
        types,
    };
    files.insert(0, (format!("{dir}/src/lib.rs"), ctx.render("models/lib.rs.j2", &view)?));
    files.insert(0, (format!("{dir}/Cargo.toml"), ctx.render("models/Cargo.toml.j2", &view)?));
    files.extend(super::runtime::files(ctx)?);
    Ok(files)
}

/// The PascalCase words of a type name: `WebhookPullRequest5` → `Webhook`, `Pull`, `Request5`.
fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            out.push(&name[start..i]);
            start = i;
        }
    }
    out.push(&name[start..]);
    out
}

/// Module keys of the types (by index): the leading letter (`W `, with a space) of the crate
/// root's split, or leading words (`WebhookPull`). A module of more than [`MODULE_TYPES`] types
/// splits off its groups of at least [`MODULE_MIN`] types that share one more leading word;
/// the rest stay in it.
fn module_keys(names: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = names.iter().map(|n| format!("{} ", &n[..1])).collect();
    let mut letters: Vec<String> = keys.clone();
    letters.sort();
    letters.dedup();
    // (module key, how many leading words its types share: 0 for a letter)
    let mut pending: Vec<(String, usize)> = letters.into_iter().map(|k| (k, 0)).collect();
    while let Some((key, depth)) = pending.pop() {
        let members: Vec<usize> = (0..names.len()).filter(|&i| keys[i] == key).collect();
        if members.len() <= MODULE_TYPES {
            continue;
        }
        let mut groups: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
        for &i in &members {
            let w = words(names[i]);
            if w.len() > depth + 1 || depth == 0 {
                groups.entry(w[..=depth].concat()).or_default().push(i);
            }
        }
        for (sub, group) in groups {
            if group.len() == members.len() && depth > 0 {
                // All share the next word too: the module keeps its name and splits by the word after.
                pending.push((key.clone(), depth + 1));
            } else if group.len() >= MODULE_MIN {
                for &i in &group {
                    keys[i] = sub.clone();
                }
                pending.push((sub, depth + 1));
            }
        }
    }
    keys
}

/// The types grouped into modules by [`module_keys`], each module's types in the crate's order.
fn modules(rust: &RustTypes<'_>, types: Vec<TypeView>) -> Vec<ModuleView> {
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    let keys = module_keys(&names);
    let mut scope = Scope::with(RESERVED_MODULES);
    let mut idents: std::collections::BTreeMap<&str, String> =
        keys.iter().map(|k| (k.as_str(), String::new())).collect();
    for (key, ident) in idents.iter_mut() {
        *ident = scope.unique(snake_ident(key.trim_end()));
    }
    let mut by_key: std::collections::BTreeMap<&str, ModuleView> = std::collections::BTreeMap::new();
    for (i, view) in types.into_iter().enumerate() {
        let id = TypeId(i);
        let key = keys[i].as_str();
        let mut named = Vec::new();
        let mut patch = false;
        match view.same_as {
            // An alias of a type declared alike names that type alone.
            Some(same) => named.push(TypeId(same)),
            None => {
                named_refs(&rust.graph.get(id).kind, &mut named);
                patch = match &rust.graph.get(id).kind {
                    TypeKind::Struct { fields, .. } => fields.iter().any(|f| rust.is_patch_field(id, f)),
                    _ => false,
                };
            }
        }
        let entry = by_key.entry(key).or_insert_with(|| ModuleView {
            file: format!("{}.rs", idents[key].trim_start_matches("r#")),
            name: idents[key].clone(),
            prefix: key.trim_end().to_string(),
            uses_serde: false,
            uses_siblings: false,
            types: Vec::new(),
        });
        entry.uses_serde |= view.kind != "alias";
        entry.uses_siblings |= patch || named.iter().any(|t| keys[t.0] != key);
        entry.types.push(view);
    }
    let mut modules: Vec<ModuleView> = by_key.into_values().collect();
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    modules
}

/// The named types a type's definition refers to.
fn named_refs(kind: &TypeKind, out: &mut Vec<TypeId>) {
    fn walk(ty: &TypeRef, out: &mut Vec<TypeId>) {
        match ty {
            TypeRef::Named(t) => out.push(*t),
            TypeRef::List(inner) | TypeRef::Map(inner) => walk(inner, out),
            TypeRef::Primitive(_) | TypeRef::Any => {}
        }
    }
    match kind {
        TypeKind::Struct { fields, additional } => {
            fields.iter().for_each(|f| walk(&f.ty, out));
            if let Some(extra) = additional {
                walk(extra, out);
            }
        }
        TypeKind::Union { variants, .. } => variants.iter().for_each(|v| walk(&v.ty, out)),
        TypeKind::Alias(target) => walk(target, out),
        TypeKind::Enum { .. } => {}
    }
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
            paragraph(
                &mut doc,
                &format!("Default: `{default}` (an absent member deserializes to it; `None` is left out)."),
            );
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

/// The template's view of one type: a struct, enum, union or alias.
fn type_view(rust: &RustTypes<'_>, notes: &HashMap<&str, &str>, id: TypeId) -> TypeView {
    let def = rust.graph.get(id);
    let doc = type_doc(def, notes.get(def.pointer.as_str()).copied());
    let mut view = TypeView {
        name: rust.name(id).to_string(),
        doc: Some(doc),
        component: def.component.is_some(),
        ..TypeView::default()
    };
    match &def.kind {
        TypeKind::Struct { fields, additional } => struct_view(rust, notes, id, fields, additional.as_deref(), &mut view),
        TypeKind::Enum { values, base } => enum_view(rust, id, values, *base, &mut view),
        TypeKind::Union { variants, discriminator, .. } => {
            union_view(rust, id, variants, discriminator.as_ref(), &mut view);
        }
        TypeKind::Alias(target) => {
            view.kind = if rust.alias_is_recursive(id) { "newtype" } else { "alias" };
            view.target = rust.of(target, "");
        }
    }
    view
}

/// A struct's fields, then the map of members beyond them (`additionalProperties`).
fn struct_view(
    rust: &RustTypes<'_>,
    notes: &HashMap<&str, &str>,
    id: TypeId,
    fields: &[Field],
    additional: Option<&TypeRef>,
    view: &mut TypeView,
) {
    view.kind = "struct";
    let mut scope = Scope::default();
    let idents: Vec<String> = fields.iter().map(|f| scope.unique(snake_ident(&f.name))).collect();
    let mut all_default = true;
    // The locals of `from_members`: one per field, beside `map` and `key`.
    let mut locals = Scope::with(&["map", "key"]);
    for (name, field) in idents.into_iter().zip(fields) {
        let (field_view, optional) = field_view(rust, notes, id, field, name, &mut locals);
        all_default &= optional;
        view.fields.push(field_view);
    }
    if let Some(extra) = additional {
        let name = scope.unique("additional_properties".into());
        view.fields.push(FieldView {
            local: locals.unique(name.clone()),
            wire: String::new(),
            extra: true,
            missing: "extra",
            name,
            doc: Some("Members beyond the declared properties (`additionalProperties`).".into()),
            ty: format!("std::collections::BTreeMap<String, {}>", rust.of(extra, "")),
            write: "extra",
            default_fn: None,
            default_expr: None,
            default_text: None,
        });
    }
    view.default = all_default;
}

/// One declared field of a struct named `name`, and whether its type is optional (has a `Default`).
fn field_view(
    rust: &RustTypes<'_>,
    notes: &HashMap<&str, &str>,
    owner: TypeId,
    field: &Field,
    name: String,
    locals: &mut Scope,
) -> (FieldView, bool) {
    let (ty, optional) = rust.field(owner, field, "");
    let default = rust.field_default(owner, field);
    let default_fn = default.as_ref().map(|_| format!("default_{}", name.trim_start_matches("r#")));
    let patch = rust.is_patch_field(owner, field);
    let missing = if default_fn.is_some() {
        "default_fn"
    } else if patch {
        "default"
    } else if optional {
        "none"
    } else {
        "error"
    };
    // What a missing member reads as is `missing` (the struct's `Members` impl);
    // `write` says what is left out when writing: `None` of a member with a default,
    // an absent PATCH member (`null` and values are written), and `None` of any other
    // option but a required nullable member, which is sent as `null`.
    let send_null = field.required && field.nullable && !field.read_only && !field.write_only;
    let write = if patch {
        "patch"
    } else if default_fn.is_some() || (optional && !send_null) {
        "optional"
    } else {
        "member"
    };
    let doc = field_doc(field, notes.get(field.pointer.as_str()).copied(), default.is_some());
    let (default_expr, default_text) = match default {
        Some(FieldDefault::Expr(e)) => (Some(e), None),
        Some(FieldDefault::Text(t)) => (None, Some(t)),
        None => (None, None),
    };
    let local = locals.unique(name.clone());
    let view = FieldView {
        name,
        doc: Some(doc),
        ty,
        write,
        default_fn,
        default_expr,
        default_text,
        wire: field.name.clone(),
        local,
        extra: false,
        missing,
    };
    (view, optional)
}

/// An enum's variants: string values (`enum`) or integers (`int_enum`), open when the client decodes it.
fn enum_view(rust: &RustTypes<'_>, id: TypeId, values: &[Value], base: Primitive, view: &mut TypeView) {
    // One naming for the enum and for defaults that name its variants.
    let names = enum_variants(values, base);
    view.open = rust.is_open(id);
    view.unknown = Scope::with(&names.iter().map(String::as_str).collect::<Vec<_>>()).unique("Unknown".into());
    if base == Primitive::String {
        view.kind = "enum";
        for (name, v) in names.into_iter().zip(values) {
            let value = Value::String(v.as_str().unwrap_or_default().to_string());
            view.variants.push(VariantView { name, value, ty: String::new(), boxed: false });
        }
    } else {
        view.kind = "int_enum";
        for (v, name) in values.iter().zip(names) {
            view.variants.push(VariantView { name, value: v.clone(), ty: String::new(), boxed: false });
        }
    }
}

/// A union's variants: tagged by a discriminator when every variant is a struct with a tag,
/// else untagged (most specific first, as serde tries them in order).
fn union_view(
    rust: &RustTypes<'_>,
    id: TypeId,
    variants: &[Variant],
    discriminator: Option<&String>,
    view: &mut TypeView,
) {
    let tagged = discriminator.is_some()
        && variants.iter().all(|v| v.tag.is_some() && matches!(rust.graph.unalias(&v.ty), TypeRef::Named(t) if matches!(rust.graph.get(*t).kind, TypeKind::Struct { .. })));
    view.kind = if tagged { "tagged" } else { "untagged" };
    view.tag = discriminator.cloned().filter(|_| tagged);
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
        view.variants.push(VariantView { name, value, ty, boxed });
    }
    view.unknown = scope.unique("Unknown".into());
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
