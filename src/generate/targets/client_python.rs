//! Target `client-python`: the `<name>-client-py` project, a typed Python client
//! on `httpx` (sync and async) with `pydantic` v2 models. See
//! docs/generate/client-python.md.
//!
//! | file | holds |
//! |---|---|
//! | `pyproject.toml` | PEP 621 metadata, hatchling; runtime dependencies `httpx` and `pydantic` |
//! | `<name>_client/models.py` | a model or alias per schema ([`crate::generate::python`] has the mapping) |
//! | `<name>_client/_runtime.py` | transports, `ApiError`, retries, request ids, idempotency keys, deprecation warnings, page walks |
//! | `<name>_client/client.py` | `Client` and `AsyncClient`, one class per resource (and API version) with one method per operation |
//! | `<name>_client/webhooks.py` | `verify_webhook`: signature (`hmac`), envelope and timestamp checks of webhook deliveries |
//! | `<name>_client/__init__.py`, `py.typed` | the package's exports; typed (PEP 561) |
//!
//! Calls read `client.orders.get_order(order_id=…)`: keyword arguments (path,
//! query and header parameters by their snake_case names, `body` for the request
//! body, `request_options` for a timeout or an idempotency key) and the 2xx body's
//! model back. A list that pages is a callable object with `.all(…)`, an iterator
//! over every item of every page. Forward compatibility: models reachable from a
//! response ignore unknown members, take an enum value they do not know as its raw
//! value (`Union[TheEnum, str]`) and decode an unknown discriminator value to
//! `UnknownVariant`, which keeps the raw object; request-only models keep their
//! enums closed.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

pub use super::super::clients::{CallParam, CallSite};
use super::super::clients::{credential_names, may_leave_out, own_variants, recursive_aliases, CredentialKind};
use super::super::names::python::{field_ident, method_ident, param_ident, type_ident, value_ident, TAKEN_TYPES};
use super::super::python::{self, string_literal as py, PyTypes};
use super::super::{names::Scope, Context, Rendered, Target};
use crate::model::operations::{BodyKind, OperationFacts, PathPiece, QueryEncoding, ResponseFacts};
use crate::model::{Field, Pagination, ParamLocation, SchemeKind, TypeId, TypeKind, TypeRef};

/// The `client-python` target.
pub const TARGET: Target = Target {
    name: "client-python",
    summary: "a typed Python client package (httpx sync and async, pydantic v2 models)",
    requires: &[],
    needs_operations: true,
    owned_depth: 1,
    render,
};

/// Where generated code qualifies model names in `client.py`.
const MODELS: &str = "models.";

#[derive(Serialize)]
struct View<'a> {
    /// The spec declares webhooks: `events.py` holds their typed events.
    webhooks: bool,
    /// The distribution name (`orders-client`).
    package: String,
    /// The import name (`orders_client`).
    module: String,
    version: String,
    title: &'a str,
    api_version: &'a str,
    description: Option<&'a str>,
    base_url: Option<&'a str>,
    types: Vec<TypeView>,
    /// Some alias refers to itself: `models.py` names it with `typing_extensions.TypeAliasType`.
    recursive: bool,
    /// Every name `models.py` exports.
    exports: Vec<String>,
    resources: Vec<ResourceView>,
    schemes: Vec<SchemeView>,
}

#[derive(Serialize)]
struct TypeView {
    name: String,
    doc: Option<String>,
    kind: PyTypeKind,
    fields: Vec<FieldView>,
    /// `additionalProperties`: unknown members are kept (`extra="allow"`).
    open: bool,
    /// `alias` and `enum`: the type expression.
    expr: String,
    /// An alias that refers to itself: at run time a `TypeAliasType` of its name, the only
    /// recursive alias pydantic resolves (mypy, which does not follow a recursive
    /// `TypeAliasType`, reads the plain alias).
    recursive: bool,
}

/// What a named type is in `models.py`.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum PyTypeKind {
    /// A pydantic model class.
    Class,
    /// An alias of a type expression.
    Alias,
    /// An alias of a `Literal`.
    Enum,
}

#[derive(Serialize)]
struct FieldView {
    ident: String,
    ty: String,
    /// `= …` after the annotation, or empty (required).
    default: String,
    doc: Option<String>,
}

#[derive(Serialize)]
struct SchemeView {
    /// The keyword argument of `Client(…)`.
    arg: String,
    kind: CredentialKind,
    location: String,
    /// The header, query or cookie name, or the HTTP scheme, as a Python literal.
    key: String,
    doc: String,
}

#[derive(Serialize)]
struct ResourceView {
    class: String,
    async_class: String,
    attr: String,
    operations: Vec<OperationView>,
}

#[derive(Serialize)]
struct OperationView {
    /// The operation id (for [`call_sites`]).
    #[serde(skip)]
    operation: String,
    name: String,
    doc: String,
    /// The module-level function that builds the operation's `Call`.
    builder: String,
    params: Vec<ParamView>,
    body: Option<String>,
    body_required: bool,
    /// `json` (also without a body), `form` or `multipart`.
    body_kind: BodyKind,
    response: String,
    label: String,
    method: String,
    path: String,
    accept: Option<String>,
    /// Error body types by status: (status literal, type).
    errors: Vec<(String, String)>,
    retry: bool,
    idempotency_key: bool,
    deprecated: bool,
    sunset: Option<String>,
    security: String,
    paging: Option<PagingView>,
}

#[derive(Serialize)]
struct PagingView {
    class: String,
    async_class: String,
    constant: String,
    style: Pagination,
    /// The position and page-size query parameters, as Python literals.
    position: String,
    size: Option<String>,
    items: Option<String>,
    meta: Option<String>,
    item: String,
}

#[derive(Serialize)]
struct ParamView {
    ident: String,
    /// The name on the wire (for [`call_sites`]).
    #[serde(skip)]
    name: String,
    wire: String,
    location: ParamLocation,
    ty: String,
    required: bool,
    /// How a query parameter is encoded.
    encoding: QueryEncoding,
}

/// Every operation's call site in the package the target renders.
pub fn call_sites(ctx: &Context<'_>) -> Vec<CallSite> {
    let py_types = PyTypes::new(&ctx.api.types);
    let mut out = Vec::new();
    for r in resources(ctx, &py_types) {
        for op in r.operations {
            out.push(CallSite {
                operation: op.operation,
                resource: r.attr.clone(),
                method: op.name,
                params: op.params.into_iter().map(|p| CallParam { ident: p.ident, location: p.location, name: p.name }).collect(),
                body: op.body.is_some(),
            });
        }
    }
    out
}

/// The import name of the package `<name>-client-py` holds (`orders_client`).
pub fn module_name(name: &str) -> String {
    format!("{}_client", value_ident(name))
}

/// The credential keyword arguments of `Client(…)`, in the spec's order: (argument,
/// `bearer`, `basic` (a user and password pair), `api_key` or `http`).
pub fn credential_args(ctx: &Context<'_>) -> Vec<(String, &'static str)> {
    schemes(ctx).into_iter().filter(|s| s.kind != CredentialKind::None).map(|s| (s.arg, s.kind.as_str())).collect()
}

fn render(ctx: &Context<'_>) -> Rendered {
    let py_types = PyTypes::new(&ctx.api.types);
    let dir = format!("{}-client-py", ctx.settings.name);
    let module = module_name(&ctx.settings.name);
    let reach = response_reach(ctx);
    let types = model_order(&py_types, &reach, &crate::model::decoded::encoded_types(ctx.api));
    let recursive = types.iter().any(|t| t.recursive);
    let mut exports = vec!["ApiModel".to_string(), "UNSET".to_string(), "UnknownVariant".to_string(), "Unset".to_string()];
    exports.extend(types.iter().map(|t| t.name.clone()));
    // Event classes end in `Event`: only the module's own `…Event` names can collide.
    let taken = ["UnknownEvent", "WebhookEvent"];
    let event_class = |t: &str| type_ident(&format!("{t} event"));
    let events = super::receivers::event_views(ctx, &taken, event_class, |t| py_types.of(t, "models.", true));
    let webhooks = !events.is_empty();
    let events = serde_json::json!({ "events": events });
    let view = View {
        webhooks,
        package: format!("{}-client", ctx.settings.name),
        module: module.clone(),
        version: ctx.crate_version(),
        title: &ctx.api.title,
        api_version: &ctx.api.version,
        description: ctx.api.description.as_deref(),
        base_url: ctx.api.servers.first().map(String::as_str),
        types,
        recursive,
        exports,
        resources: resources(ctx, &py_types),
        schemes: schemes(ctx),
    };
    let mut files = vec![
        (format!("{dir}/pyproject.toml"), ctx.render("client-python/pyproject.toml.j2", &view)?),
        (format!("{dir}/README.md"), ctx.render("client-python/README.md.j2", &view)?),
        (format!("{dir}/{module}/__init__.py"), ctx.render("client-python/__init__.py.j2", &view)?),
        (format!("{dir}/{module}/py.typed"), String::new()),
        (format!("{dir}/{module}/models.py"), python::prune_imports(&ctx.render("client-python/models.py.j2", &view)?)),
        (format!("{dir}/{module}/_runtime.py"), ctx.render("client-python/_runtime.py.j2", &view)?),
        (format!("{dir}/{module}/webhooks.py"), ctx.render("client-python/webhooks.py.j2", &view)?),
        (format!("{dir}/{module}/client.py"), python::prune_imports(&ctx.render("client-python/client.py.j2", &view)?)),
    ];
    if webhooks {
        files.push((format!("{dir}/{module}/events.py"), python::prune_imports(&ctx.render("client-python/events.py.j2", &events)?)));
    }
    Ok(files)
}

/// Every named type a response can hold (any status): their enums are open.
fn response_reach(ctx: &Context<'_>) -> HashSet<TypeId> {
    let roots: Vec<&TypeRef> = ctx
        .api
        .operations
        .iter()
        .flat_map(|op| op.responses.iter().flat_map(|r| r.content.iter().map(|m| &m.ty)))
        .collect();
    let mut seen = HashSet::new();
    ctx.api.types.walk(roots, |id| seen.insert(id));
    seen
}

/// The model types in the order `models.py` can define them: enums, then classes (their
/// annotations are evaluated late), then aliases after the aliases they use (a reference
/// that closes a cycle of aliases is quoted).
fn model_order(py_types: &PyTypes<'_>, reach: &HashSet<TypeId>, sent: &[bool]) -> Vec<TypeView> {
    let graph = py_types.graph;
    let ids: Vec<TypeId> = (0..graph.types.len()).map(TypeId).collect();
    let is_alias = |id: TypeId| matches!(graph.get(id).kind, TypeKind::Union { .. } | TypeKind::Alias(_));
    let recursive = recursive_aliases(graph);
    let mut out: Vec<TypeView> = Vec::new();
    for &id in &ids {
        if matches!(graph.get(id).kind, TypeKind::Enum { .. }) {
            out.push(type_view(py_types, id, reach.contains(&id), sent[id.0], &|_| false));
        }
    }
    for &id in &ids {
        if matches!(graph.get(id).kind, TypeKind::Struct { .. }) {
            out.push(type_view(py_types, id, reach.contains(&id), sent[id.0], &|_| false));
        }
    }
    // Aliases depth-first, dependencies first; one not yet defined (itself, or one still
    // being visited) is quoted where used.
    let mut done: HashSet<TypeId> = HashSet::new();
    let mut visiting: HashSet<TypeId> = HashSet::new();
    for &id in ids.iter().filter(|id| is_alias(**id)) {
        let mut stack = vec![(id, false)];
        while let Some((current, expanded)) = stack.pop() {
            if done.contains(&current) {
                continue;
            }
            if expanded {
                visiting.remove(&current);
                let later = |t: TypeId| is_alias(t) && !done.contains(&t);
                let mut view = type_view(py_types, current, reach.contains(&current), sent[current.0], &later);
                view.recursive = recursive[current.0];
                out.push(view);
                done.insert(current);
                continue;
            }
            if !visiting.insert(current) {
                continue;
            }
            stack.push((current, true));
            for dep in alias_deps(graph, current) {
                if is_alias(dep) && !done.contains(&dep) && !visiting.contains(&dep) {
                    stack.push((dep, false));
                }
            }
        }
    }
    out
}

/// The named types an alias or union refers to (through lists and maps).
fn alias_deps(graph: &crate::model::TypeGraph, id: TypeId) -> Vec<TypeId> {
    let mut refs: Vec<&TypeRef> = match &graph.get(id).kind {
        TypeKind::Union { .. } => own_variants(graph, id).into_iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(target) => vec![target],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    while let Some(ty) = refs.pop() {
        match ty {
            TypeRef::Named(dep) => out.push(*dep),
            TypeRef::List(inner) | TypeRef::Map(inner) => refs.push(inner),
            _ => {}
        }
    }
    out
}

/// The view of a type; `later`: whether a named type is defined after it (an alias quotes it).
fn type_view(py_types: &PyTypes<'_>, id: TypeId, open: bool, sent: bool, later: &dyn Fn(TypeId) -> bool) -> TypeView {
    let def = py_types.graph.get(id);
    let mut view = TypeView {
        name: py_types.name(id).to_string(),
        doc: def.description.clone().or(def.title.clone()),
        kind: match def.kind {
            TypeKind::Struct { .. } => PyTypeKind::Class,
            TypeKind::Enum { .. } => PyTypeKind::Enum,
            TypeKind::Union { .. } | TypeKind::Alias(_) => PyTypeKind::Alias,
        },
        fields: Vec::new(),
        open: false,
        expr: String::new(),
        recursive: false,
    };
    // An alias may name a type defined later (a cycle of aliases): quoted, a forward reference.
    let of = |ty: &TypeRef| py_types.of_before(ty, open, later);
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            view.open = additional.is_some();
            view.fields = field_views(py_types, fields, open, sent);
        }
        TypeKind::Enum { values, base } => {
            view.expr = if values.is_empty() {
                python::primitive(*base).to_string()
            } else {
                format!("Literal[{}]", values.iter().map(python::literal).collect::<Vec<_>>().join(", "))
            };
        }
        TypeKind::Union { discriminator, .. } => {
            view.expr = union_expr(py_types, id, discriminator.as_deref(), &of);
        }
        TypeKind::Alias(target) => {
            view.expr = of(target);
        }
    }
    if def.nullable && view.kind != PyTypeKind::Class {
        view.expr = format!("Optional[{}]", view.expr);
    }
    view
}

/// A model class's fields: pydantic aliases for members whose Python name differs, defaults
/// for optional ones.
fn field_views(py_types: &PyTypes<'_>, fields: &[Field], open: bool, sent: bool) -> Vec<FieldView> {
    let mut idents = Scope::default();
    fields
        .iter()
        .map(|f| {
            let ident = idents.unique(field_ident(&f.name));
            let optional = may_leave_out(f, sent, open);
            // Left out, a field takes its schema's scalar default, else `UNSET`; sent only when set.
            let scalar = python::scalar_default(py_types.graph, f);
            let unset = optional && scalar.is_none();
            let value = scalar.unwrap_or_else(|| "UNSET".into());
            let mut args: Vec<String> = Vec::new();
            if optional {
                args.push(format!("default={value}"));
            }
            if ident != f.name {
                args.push(format!("validation_alias={}", py(&f.name)));
                args.push(format!("serialization_alias={}", py(&f.name)));
            }
            let default = if args.len() > usize::from(optional) {
                format!(" = Field({})", args.join(", "))
            } else if optional {
                format!(" = {value}")
            } else {
                String::new()
            };
            FieldView { ident, ty: py_types.field(f, "", open, unset), default, doc: f.description.clone() }
        })
        .collect()
}

/// A union's type expression: tagged members (and `UnknownVariant` for a tag the client does
/// not know) when every variant has a discriminator value; `of` maps a member's type.
fn union_expr(py_types: &PyTypes<'_>, id: TypeId, discriminator: Option<&str>, of: &dyn Fn(&TypeRef) -> String) -> String {
    let variants = own_variants(py_types.graph, id);
    let members: Vec<String> = variants.iter().map(|v| of(&v.ty)).collect();
    match (discriminator, members.len()) {
        (_, 0) => "Any".into(),
        (Some(property), _) if variants.iter().all(|v| v.tag.is_some()) => {
            let tags: Vec<String> = variants.iter().filter_map(|v| v.tag.clone()).collect();
            let fallback = (1..)
                .map(|i| if i == 1 { "unknown".to_string() } else { format!("unknown_{i}") })
                .find(|t| !tags.contains(t))
                .expect("a free tag");
            let mut tagged: Vec<String> =
                members.iter().zip(&tags).map(|(m, t)| format!("Annotated[{m}, Tag({})]", py(t))).collect();
            tagged.push(format!("Annotated[UnknownVariant, Tag({})]", py(&fallback)));
            let known: Vec<String> = tags.iter().map(|t| py(t)).collect();
            let known = if known.len() == 1 { format!("({},)", known[0]) } else { format!("({})", known.join(", ")) };
            format!(
                "Annotated[Union[{}], Field(discriminator=Discriminator(_tag_of({}, {}, {known}, {})))]",
                tagged.join(", "),
                py(property),
                py(&field_ident(property)),
                py(&fallback)
            )
        }
        (_, 1) => members[0].clone(),
        _ => format!("Union[{}]", members.join(", ")),
    }
}

fn schemes(ctx: &Context<'_>) -> Vec<SchemeView> {
    let all = &ctx.api.security_schemes;
    let mut args = Scope::default();
    all.iter()
        .zip(credential_names(all, value_ident))
        .map(|(s, arg)| {
            let kind = CredentialKind::of(&s.kind);
            let (location, key) = match &s.kind {
                SchemeKind::ApiKey { location, name } => (location.clone(), py(name)),
                SchemeKind::OtherHttp(scheme) => (String::new(), py(&format!("{scheme} "))),
                _ => (String::new(), String::new()),
            };
            let what = match kind {
                CredentialKind::Bearer => "a bearer token (`Authorization: Bearer …`)".to_string(),
                CredentialKind::ApiKey => format!("an API key in the {location} {key}"),
                CredentialKind::Basic => "HTTP basic credentials, (user, password)".to_string(),
                CredentialKind::Http => "`Authorization` credentials".to_string(),
                CredentialKind::None => "credentials this client cannot send".to_string(),
            };
            SchemeView {
                arg: args.unique(param_ident(&arg)),
                kind,
                location,
                key,
                doc: format!("{what}: security scheme {}", s.name),
            }
        })
        .collect()
}

fn resources(ctx: &Context<'_>, py_types: &PyTypes<'_>) -> Vec<ResourceView> {
    let mut out: Vec<ResourceView> = Vec::new();
    let mut classes = Scope::with(TAKEN_TYPES);
    let mut attrs = Scope::with(&["close", "base_url", "self"]);
    let mut builders = Scope::default();
    let versioned = ctx.api.versions().len() > 1;
    for op in &ctx.operations {
        let key = match op.version {
            Some(v) if versioned => format!("{}_v{v}", op.resource),
            _ => op.resource.clone(),
        };
        let attr = value_ident(&key);
        let index = match out.iter().position(|r| r.class == format!("{}Resource", type_ident(&key)) || r.attr == attr)
        {
            Some(i) => i,
            None => {
                let class = classes.unique(format!("{}Resource", type_ident(&key)));
                out.push(ResourceView {
                    async_class: classes.unique(format!("Async{class}")),
                    class,
                    attr: attrs.unique(attr),
                    operations: Vec::new(),
                });
                out.len() - 1
            }
        };
        let builder = builders.unique(format!("_{}_{}", value_ident(&key), value_ident(&op.code_name)));
        out[index].operations.push(operation_view(py_types, op, builder));
    }
    for r in &mut out {
        let mut names = Scope::with(&["self"]);
        for op in &mut r.operations {
            op.name = names.unique(op.name.clone());
            if let Some(p) = &mut op.paging {
                p.class = classes.unique(format!("{}{}", type_ident(&r.attr), type_ident(&op.name)));
                p.async_class = classes.unique(format!("Async{}", p.class));
                p.constant = format!("{}_PAGING", op.builder.to_uppercase());
            }
        }
    }
    out
}

fn operation_view(py_types: &PyTypes<'_>, op: &OperationFacts, builder: String) -> OperationView {
    let mut idents = Scope::default();
    let mut params: Vec<ParamView> = op
        .params
        .iter()
        .map(|p| ParamView {
            ident: idents.unique(param_ident(&p.name)),
            name: p.name.clone(),
            wire: py(&p.name),
            location: p.location,
            ty: py_types.of(&p.ty, MODELS, false),
            required: p.required,
            encoding: p.encoding,
        })
        .collect();
    // The path before the sort, while `params` is in the facts' order.
    let path = path_expression(op, &params);
    let doc = operation_doc(op, &params);
    params.sort_by_key(|p| !p.required);
    let success = op.success();
    let body = op.script_body.as_ref();
    OperationView {
        operation: op.id.clone(),
        name: method_ident(&op.code_name),
        doc,
        builder,
        params,
        body: body.map(|b| py_types.of(&b.ty, MODELS, false)),
        body_required: body.is_some_and(|b| b.required),
        body_kind: body.map_or(BodyKind::Json, |b| b.kind),
        // A body that is not JSON (a download) is returned as its bytes.
        response: match success {
            Some(ResponseFacts { json: Some(ty), .. }) => py_types.of(ty, MODELS, true),
            Some(r) if !r.media_types.is_empty() => "bytes".to_string(),
            _ => "None".to_string(),
        },
        label: py(&op.label),
        method: py(&op.method.as_str().to_uppercase()),
        path,
        accept: Some(py(&op.accept)).filter(|_| !op.accept.is_empty()),
        errors: errors(py_types, op),
        retry: op.retry_safe,
        idempotency_key: op.idempotency_key,
        deprecated: op.deprecated,
        sunset: op.sunset.map(|s| py(&s.to_string())),
        security: security(op),
        paging: op.paging.as_ref().map(|p| PagingView {
            class: String::new(),
            async_class: String::new(),
            constant: String::new(),
            style: p.style,
            position: py(p.position),
            size: p.size.map(py),
            items: p.items_field.as_deref().map(py),
            meta: p.meta_field.as_deref().map(py),
            item: py_types.of(&p.item, MODELS, true),
        }),
    }
}

/// The path as a Python expression: literal text and encoded parameters, concatenated;
/// `params` in the order of the operation's.
fn path_expression(op: &OperationFacts, params: &[ParamView]) -> String {
    let pieces: Vec<String> = op
        .path_pieces
        .iter()
        .map(|piece| match piece {
            PathPiece::Literal(text) => py(text),
            PathPiece::Param(index) => format!("path_segment({})", params[*index].ident),
        })
        .collect();
    pieces.join(" + ")
}

/// Error body types by status (status literal, type), sorted; one type for every status
/// (the API's error envelope) is given once, as the default.
fn errors(py_types: &PyTypes<'_>, op: &OperationFacts) -> Vec<(String, String)> {
    let bodies = op.error_bodies();
    let mut errors: BTreeMap<String, String> =
        bodies.iter().map(|(status, ty)| (py(status), py_types.of(ty, MODELS, true))).collect();
    let distinct: HashSet<&String> = errors.values().collect();
    if distinct.len() == 1 && errors.len() > 1 {
        let model = errors.values().next().cloned().unwrap_or_default();
        errors = BTreeMap::from([(py("default"), model)]);
    }
    errors.into_iter().collect()
}

/// The security alternatives as tuples of scheme indices (`((0,), (1, 2),)`); an alternative
/// naming an undeclared scheme is left out.
fn security(op: &OperationFacts) -> String {
    let alternatives: Vec<String> = op
        .security
        .iter()
        .filter_map(|alt| alt.iter().map(|s| s.index().map(|i| i.to_string())).collect::<Option<Vec<_>>>())
        .map(|i| if i.len() == 1 { format!("({},)", i[0]) } else { format!("({})", i.join(", ")) })
        .collect();
    if alternatives.is_empty() {
        "()".into()
    } else {
        format!("({},)", alternatives.join(", "))
    }
}

/// The docstring: summary, description, deprecation and the described arguments (Google style).
fn operation_doc(op: &OperationFacts, params: &[ParamView]) -> String {
    let mut doc = op.summary.clone().unwrap_or_default();
    if let Some(d) = op.description.as_deref().filter(|d| Some(*d) != op.summary.as_deref()) {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(d);
    }
    if op.deprecated {
        doc.push_str("\n\nDeprecated");
        if let Some(sunset) = op.sunset {
            doc.push_str(&format!(": removed after {sunset}"));
        }
        doc.push('.');
    }
    let described: Vec<String> = op
        .params
        .iter()
        .zip(params)
        .filter_map(|(p, view)| Some(format!("    {}: {}", view.ident, crate::text::one_line(p.doc.as_deref()?.trim()))))
        .collect();
    if !described.is_empty() {
        doc.push_str("\n\nArgs:\n");
        doc.push_str(&described.join("\n"));
    }
    doc
}
