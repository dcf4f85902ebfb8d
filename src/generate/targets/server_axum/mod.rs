//! Target `server-axum`: the `<name>-server` crate (docs/generate/server-axum.md).
//!
//! One trait per resource (tag) per API version with one method per
//! operation, typed request structs and typed response enums (oapi-codegen's
//! strict server), and a `router` that does everything the
//! standards ask of every endpoint before and after the trait is called:
//! request ids, authentication, rate limits, permissions, parsing and schema
//! validation into the error envelope, deprecation headers and the audit hook.
//!
//! The operations come from the shared view ([`operations::resources`]); what
//! only the server needs (constraints, defaults, the types behind the Rust
//! names) is read from the model operation with the same id.
//!
//! The Rust is written by `templates/server-axum/` alone (shapes that repeat are the macros
//! of `macros.j2`), so `--templates` reaches all of it; this module and its children hand
//! the templates data: escaped identifiers and type paths, spec text for the filters, and
//! typed views — `operation` (requests, responses, pagination), `validation` (the
//! constraint statics and body checks), `envelope` (the error body), `literal`
//! (parameter defaults) — with routes as `RouteSegment`s and statuses from `status`.

mod envelope;
mod literal;
mod operation;
mod status;
mod validation;
mod webhooks;

use std::collections::HashMap;

use serde::Serialize;

use super::super::names::rust::PRELUDE;
use super::super::names::{snake_ident, Scope};
use super::super::operations;
use super::super::rust::Uses;
use super::super::{Context, Rendered, Target};
use crate::model::{Api, PathTemplate, SchemeKind, Segment};
use envelope::{error_view, request_id_is_uuid, ErrorView};
use operation::{imports, op_gen, Facts, Imports, OpGen, OpInputs};
use validation::{ValidateView, Validators};

/// The `server-axum` target.
pub const TARGET: Target = Target {
    name: "server-axum",
    summary:
        "axum server crate: a trait per resource, typed requests and responses, router with the conventions built in",
    requires: &["models"],
    needs_operations: true,
    owned_depth: 1,
    render,
};

/// Item names of `lib.rs` that generic parameters of `router` must not shadow.
const LIB_ITEMS: &[&str] = &[
    "Services",
    "Config",
    "Router",
    "Principal",
    "Credentials",
    "Authenticator",
    "RateLimiter",
    "AuditHook",
    "ApiError",
    "FieldError",
    "RequestContext",
    "AuthError",
    "Envelope",
    "AuditEvent",
    "RateLimitDecision",
    "RateLimitRequest",
    "Arc",
    "MethodFilter",
    "Operation",
    "T",
    "Self",
];

/// Names a resource module of the server uses unqualified (its imports and the prelude items
/// its code names): a resource trait named like one of them gets another name (`Shared2`).
const RESOURCE_ITEMS: &[&str] = &[
    "Future",
    "Arc",
    "Request",
    "State",
    "IntoResponse",
    "Response",
    "RequestContext",
    "StatusCode",
    "Shared",
    "ApiError",
    "Inputs",
    "Param",
    "Presence",
];


/// The crate folder and name.
pub fn crate_name(ctx: &Context<'_>) -> String {
    format!("{}-server", ctx.settings.name)
}

/// Everything the crate's templates read.
#[derive(Serialize)]
struct View<'a> {
    /// The typed sender's methods (`src/webhooks.rs`), none without webhooks.
    webhooks: Vec<super::receivers::EventView>,
    crate_name: String,
    crate_version: String,
    models_crate: String,
    models_ident: String,
    title: &'a str,
    version: &'a str,
    description: Option<&'a str>,
    uses: Uses,
    schemes: Vec<SchemeView>,
    error: ErrorView,
    request_id_uuid: bool,
    deprecation_link: String,
    api_modules: Vec<ModuleView>,
    resources: Vec<ResourceGen>,
    routes: Vec<RouteView>,
    /// An operation names a scheme `components/securitySchemes` does not declare.
    undeclared_scheme: bool,
    validate: ValidateView,
    warnings: Vec<String>,
}

/// A module of `src/api`: `api/mod.rs` or `api/vN/mod.rs`.
#[derive(Serialize, Clone)]
struct ModuleView {
    /// File below `src/`.
    file: String,
    /// Doc line.
    doc: String,
    /// Child modules (`v1`, `orders`), with their docs.
    children: Vec<(String, String)>,
}

/// A security scheme of `auth.rs`.
#[derive(Serialize, Clone)]
pub(super) struct SchemeView {
    pub(super) name: String,
    /// The `auth` constant describing it (`BEARER_AUTH`).
    pub(super) const_name: String,
    kind: SchemeKindView,
    /// Header, query or cookie name of an API key; the scheme word of another HTTP scheme.
    param: String,
    doc: String,
}

/// How a security scheme carries credentials, as the templates name it.
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum SchemeKindView {
    Bearer,
    Basic,
    ApiKeyHeader,
    ApiKeyQuery,
    ApiKeyCookie,
    Http,
    Unsupported,
}

/// A resource (a tag of one API version): its module, trait and operations.
#[derive(Serialize)]
struct ResourceGen {
    /// Rust path below the crate (`api::v1::orders`).
    path: String,
    /// File below `src/`.
    file: String,
    version: u32,
    trait_name: String,
    /// A method is named like a conversion (`into_…`, `from_…`, …) whose `self` clippy
    /// expects otherwise: the names are the spec's operation ids.
    conversion_names: bool,
    /// Field of `Services` and generic parameter of `router`.
    field: String,
    /// The local of `router` holding the resource's shared state (`state_orders`).
    state: String,
    /// At least one operation is mounted on the router (otherwise `router` declares no state).
    routed: bool,
    generic: String,
    doc: String,
    ops: Vec<OpGen>,
    imports: Imports,
}

/// A route of the router: a path and the operations it serves, one per method.
#[derive(Serialize)]
struct RouteView {
    path: Vec<RouteSegment>,
    methods: Vec<RouteMethod>,
}

/// A segment of an axum route (`macros.j2`'s `route`).
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
enum RouteSegment {
    Literal(String),
    /// A template variable under the name the router gives it: the spec's name when the
    /// router accepts it, else `p{n}` by position. `read` reads variables by position, so
    /// the name only tells a reader of the route what the segment holds.
    Variable(String),
}

impl RouteSegment {
    /// Whether two routes are one to the router: the same literals, variables at the same
    /// places whatever their names (axum refuses a second route that differs only there).
    fn same_route(a: &[RouteSegment], b: &[RouteSegment]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|pair| match pair {
                (RouteSegment::Literal(x), RouteSegment::Literal(y)) => x == y,
                (RouteSegment::Variable(_), RouteSegment::Variable(_)) => true,
                _ => false,
            })
    }
}

/// An operation served on a route: the arguments of the runtime's `mount`.
#[derive(Serialize)]
struct RouteMethod {
    /// `axum::routing` function (`get`).
    method: String,
    /// Local holding the shared state of the resource.
    state: String,
    facts: Facts,
    /// The request type whose `read` reads the inputs (`api::v1::orders::GetOrderRequest`);
    /// `None`: the operation has none (the runtime's `no_inputs`).
    request: Option<String>,
    /// The trait method, through the router's generic parameter (`Orders::get_order`).
    call: String,
}

fn render(ctx: &Context<'_>) -> Rendered {
    let api = ctx.api;
    let rust = &ctx.rust;
    let resources = operations::resources(ctx);
    let mut validate = Validators::new(rust);
    let schemes = scheme_views(api);
    let mut warnings = Vec::new();
    let error = error_view(api, rust);

    let mut scopes = ResourceScopes::new(api);
    let mut gens = Vec::new();
    let mut routes: Vec<RouteView> = Vec::new();
    for res in &resources {
        let names = scopes.names(res);
        // Request and response types are named like their operations (`GetOrderRequest`): no
        // prelude name either.
        let mut type_scope = Scope::with(&[&[names.trait_name.as_str()], RESOURCE_ITEMS, PRELUDE].concat());
        let mut ops = Vec::new();
        for view in &res.operations {
            let route = free_route(view, &routes, &mut warnings);
            let inputs = OpInputs { api, rust, validate: route.is_some().then_some(&mut validate), schemes: &schemes };
            let mut gen = op_gen(inputs, view, &mut type_scope);
            if let Some(route) = route {
                mount(&mut routes, route, &names, &mut gen);
            }
            ops.push(gen);
        }
        let doc = res.doc.clone().unwrap_or_else(|| format!("Operations tagged `{}`.", res.name));
        let imports = imports(&ops);
        let ResourceNames { path, file, generic, field, trait_name, state } = names;
        gens.push(ResourceGen {
            path,
            file,
            version: res.version,
            conversion_names: ops.iter().any(|o| is_conversion_name(&o.fn_name)),
            routed: ops.iter().any(|o| o.routed),
            trait_name,
            field,
            state,
            generic,
            doc,
            ops,
            imports,
        });
    }

    let api_modules = api_module_views(api, &gens);

    let view = View {
        webhooks: webhooks::senders(ctx),
        crate_name: crate_name(ctx),
        crate_version: ctx.crate_version(),
        models_crate: super::models::crate_name(ctx),
        models_ident: super::models::crate_name(ctx).replace('-', "_"),
        title: &api.title,
        version: &api.version,
        description: api.description.as_deref(),
        uses: rust.uses(),
        undeclared_scheme: gens
            .iter()
            .flat_map(|g| &g.ops)
            .flat_map(|o| &o.facts.security)
            .flatten()
            .any(|s| s == UNDECLARED),
        schemes,
        error,
        request_id_uuid: request_id_is_uuid(api, rust),
        deprecation_link: api.servers.first().cloned().unwrap_or_else(|| "/".into()),
        api_modules,
        resources: gens,
        routes,
        validate: validate.view,
        warnings,
    };
    render_files(ctx, &view)
}

/// Mounts a routed operation: a method of its route (the route added when it is new), the
/// operation marked as routed.
fn mount(routes: &mut Vec<RouteView>, (route_path, method): (Vec<RouteSegment>, String), names: &ResourceNames, gen: &mut OpGen) {
    gen.routed = true;
    let method = RouteMethod {
        method,
        state: names.state.clone(),
        facts: gen.facts.clone(),
        request: gen.has_request.then(|| format!("{}::{}", names.path, gen.request)),
        call: format!("{}::{}", names.generic, gen.fn_name),
    };
    match routes.iter_mut().find(|r| RouteSegment::same_route(&r.path, &route_path)) {
        Some(route) => route.methods.push(method),
        None => routes.push(RouteView { path: route_path, methods: vec![method] }),
    }
}

/// The names the server's resources take, each clear of the others': modules (per version),
/// router generics and fields.
struct ResourceScopes {
    /// `src/api`'s modules: version modules and unversioned resources.
    api: Scope,
    /// Each version module's resources.
    versions: HashMap<u32, Scope>,
    generics: Scope,
    fields: Scope,
}

/// Where a resource's code lives and what the router calls it.
struct ResourceNames {
    /// Module path (`api::v1::orders`).
    path: String,
    /// File below the crate (`src/api/v1/orders.rs`).
    file: String,
    /// The router's generic parameter (`V1Orders`).
    generic: String,
    /// The router's field (`v1_orders`).
    field: String,
    /// The resource's trait (`Orders`).
    trait_name: String,
    /// The local holding the resource's shared state (`state_v1_orders`).
    state: String,
}

impl ResourceScopes {
    fn new(api: &Api) -> ResourceScopes {
        let mut scopes = ResourceScopes {
            api: Scope::with(&["mod"]),
            versions: HashMap::new(),
            generics: Scope::with(&[LIB_ITEMS, PRELUDE].concat()),
            fields: Scope::with(&["config"]),
        };
        for v in api.versions() {
            scopes.api.unique(format!("v{v}"));
        }
        scopes
    }

    fn names(&mut self, res: &operations::ResourceView) -> ResourceNames {
        // `mod.rs` is the version module's own file: a resource named `mod` gets another name.
        let wanted = if res.module.trim_start_matches("r#") == "mod" { "mod_".to_string() } else { res.module.clone() };
        let module = if res.version == 0 {
            self.api.unique(wanted)
        } else {
            self.versions.entry(res.version).or_insert_with(|| Scope::with(&["mod"])).unique(wanted)
        };
        let file_module = module.trim_start_matches("r#").to_string();
        let (path, file) = if res.version == 0 {
            (format!("api::{module}"), format!("src/api/{file_module}.rs"))
        } else {
            (format!("api::v{}::{module}", res.version), format!("src/api/v{}/{file_module}.rs", res.version))
        };
        let prefix = if res.version == 0 { String::new() } else { format!("V{}", res.version) };
        let generic = self.generics.unique(format!("{prefix}{}", res.type_name));
        let field = self.fields.unique(snake_ident(&format!("{prefix}{}", res.type_name)));
        let trait_name = Scope::with(&[RESOURCE_ITEMS, PRELUDE].concat()).unique(res.type_name.clone());
        let state = format!("state_{}", field.trim_start_matches("r#"));
        ResourceNames { path, file, generic, field, trait_name, state }
    }
}

/// The route the router mounts an operation at, with its `axum::routing` method: `None` (and
/// a warning) when axum cannot match its path or another operation has the same route.
fn free_route(
    view: &operations::OperationView<'_>,
    routes: &[RouteView],
    warnings: &mut Vec<String>,
) -> Option<(Vec<RouteSegment>, String)> {
    let label = &view.facts.label;
    let Some(route_path) = axum_route(&view.facts.path) else {
        warnings.push(format!(
            "{label}: a path segment mixes a template variable with text, which the router cannot match; not mounted"
        ));
        return None;
    };
    let method = view.facts.method.as_str().to_string();
    let taken = routes
        .iter()
        .any(|r| RouteSegment::same_route(&r.path, &route_path) && r.methods.iter().any(|m| m.method == method));
    if taken {
        warnings.push(format!("{label}: another operation has the same route; not mounted"));
        return None;
    }
    Some((route_path, method))
}

/// The modules of `src/api`: `api/mod.rs` (versions and unversioned resources) first, then
/// one per version with its resources.
fn api_module_views(api: &Api, gens: &[ResourceGen]) -> Vec<ModuleView> {
    let mut api_modules = Vec::new();
    let mut top = ModuleView {
        file: "src/api/mod.rs".into(),
        doc: "The API, one module per version (`vN`) and one per unversioned resource.".into(),
        children: Vec::new(),
    };
    for v in api.versions() {
        let children: Vec<(String, String)> = gens
            .iter()
            .filter(|g| g.version == v)
            .map(|g| (last_segment(&g.path), format!("`{}`: {}", g.trait_name, first_line(&g.doc))))
            .collect();
        if children.is_empty() {
            continue;
        }
        top.children.push((format!("v{v}"), format!("Version {v} (`/api/v{v}/…`).")));
        api_modules.push(ModuleView {
            file: format!("src/api/v{v}/mod.rs"),
            doc: format!("API version {v}: one module per resource."),
            children,
        });
    }
    for g in gens.iter().filter(|g| g.version == 0) {
        top.children.push((last_segment(&g.path), format!("`{}`: {}", g.trait_name, first_line(&g.doc))));
    }
    api_modules.insert(0, top);
    api_modules
}

/// The crate's files from its view.
fn render_files(ctx: &Context<'_>, view: &View<'_>) -> Rendered {
    let dir = crate_name(ctx);
    let mut files = vec![
        (format!("{dir}/Cargo.toml"), ctx.render("server-axum/Cargo.toml.j2", view)?),
        (format!("{dir}/src/lib.rs"), ctx.render("server-axum/lib.rs.j2", view)?),
    ];
    for name in ["auth", "error", "validate"] {
        files.push((format!("{dir}/src/{name}.rs"), ctx.render(&format!("server-axum/{name}.rs.j2"), view)?));
    }
    if !view.webhooks.is_empty() {
        let senders = serde_json::json!({ "senders": view.webhooks });
        files.push((format!("{dir}/src/webhooks.rs"), ctx.render("server-axum/webhooks.rs.j2", &senders)?));
    }
    for module in &view.api_modules {
        files.push((format!("{dir}/{}", module.file), ctx.render("server-axum/api_mod.rs.j2", module)?));
    }
    for resource in &view.resources {
        #[derive(Serialize)]
        struct ResourceFile<'a> {
            resource: &'a ResourceGen,
            schemes: &'a [SchemeView],
            typed_error: bool,
        }
        let file = ResourceFile { resource, schemes: &view.schemes, typed_error: view.error.typed.is_some() };
        files.push((format!("{dir}/{}", resource.file), ctx.render("server-axum/resource.rs.j2", &file)?));
    }
    files.extend(super::runtime::files(ctx)?);
    Ok(files)
}


/// Whether clippy's `wrong_self_convention` expects another `self` of a method with this name.
fn is_conversion_name(name: &str) -> bool {
    let name = name.trim_start_matches("r#");
    ["into_", "from_", "to_"].iter().any(|p| name.starts_with(p)) || name.ends_with("_mut")
}

fn last_segment(path: &str) -> String {
    path.rsplit("::").next().unwrap_or(path).to_string()
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_string()
}

/// The axum route of a path template (the root is no segment); `None` when a segment mixes a
/// variable with text or is a wildcard. Variables keep their spec names where the router
/// takes them as written (ASCII letters, digits, `_`, `-`, `.`) and are `p0`, `p1`… by
/// position otherwise; a name is never used twice in one route.
fn axum_route(template: &str) -> Option<Vec<RouteSegment>> {
    let mut position = 0;
    let mut names = Scope::default();
    PathTemplate::parse(template)
        .segments()
        .iter()
        .map(|segment| match segment {
            Segment::Variable(name) => {
                let plain = !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
                let wanted = if plain { name.to_string() } else { format!("p{position}") };
                position += 1;
                Some(RouteSegment::Variable(names.unique(wanted)))
            }
            Segment::Literal(text) if !text.starts_with('*') => Some(RouteSegment::Literal(text.to_string())),
            Segment::Literal(_) | Segment::Mixed(_) => None,
        })
        .collect()
}

/// The `auth` constant of a scheme an operation names but the spec does not declare.
pub(super) const UNDECLARED: &str = "UNDECLARED";

fn scheme_views(api: &Api) -> Vec<SchemeView> {
    let mut consts = Scope::with(&[UNDECLARED, "API_KEY_HEADERS"]);
    api.security_schemes
        .iter()
        .map(|s| {
            use SchemeKindView as K;
            let (kind, param) = match &s.kind {
                SchemeKind::Bearer { .. } | SchemeKind::OAuth2 | SchemeKind::OpenIdConnect => {
                    (K::Bearer, String::new())
                }
                SchemeKind::Basic => (K::Basic, String::new()),
                SchemeKind::ApiKey { location, name } => match location.as_str() {
                    "header" => (K::ApiKeyHeader, name.clone()),
                    "query" => (K::ApiKeyQuery, name.clone()),
                    "cookie" => (K::ApiKeyCookie, name.clone()),
                    _ => (K::Unsupported, String::new()),
                },
                SchemeKind::OtherHttp(word) => (K::Http, word.clone()),
                SchemeKind::Other(_) => (K::Unsupported, String::new()),
            };
            let const_name = consts.unique(snake_ident(&s.name).trim_start_matches("r#").to_uppercase());
            SchemeView { name: s.name.clone(), const_name, kind, param, doc: s.description.clone().unwrap_or_default() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_name_variables_and_refuse_mixed_segments() {
        use RouteSegment::{Literal, Variable};
        let lit = |s: &str| Literal(s.to_string());
        let var = |s: &str| Variable(s.to_string());
        assert_eq!(
            axum_route("/api/v1/orders/{order_id}/items"),
            Some(vec![lit("api"), lit("v1"), lit("orders"), var("order_id"), lit("items")])
        );
        assert_eq!(axum_route("/a/{x}/{y}"), Some(vec![lit("a"), var("x"), var("y")]));
        // Names the router would misread fall back to their position, and stay distinct.
        assert_eq!(axum_route("/a/{x*}/{p0}/{x y}"), Some(vec![lit("a"), var("p0"), var("p0_2"), var("p2")]));
        assert_eq!(axum_route("/a/{id}/{id}"), Some(vec![lit("a"), var("id"), var("id_2")]));
        assert_eq!(axum_route("/a/{type}/{ä}"), Some(vec![lit("a"), var("type"), var("p1")]));
        let (one, other) = (axum_route("/o/{id}").unwrap(), axum_route("/o/{order_id}").unwrap());
        assert!(RouteSegment::same_route(&one, &other));
        assert!(!RouteSegment::same_route(&one, &axum_route("/o/id").unwrap()));
        assert_eq!(axum_route("/health"), Some(vec![lit("health")]));
        assert_eq!(axum_route("/"), Some(vec![]));
        assert_eq!(axum_route("/files/{name}.json"), None);
        assert_eq!(axum_route("/jobs/{id}:cancel"), None);
    }

    /// Routes carry the spec's variable names; operations whose templates differ only in
    /// those names share one route (axum refuses a second route that differs only there),
    /// under the names of the first.
    #[test]
    fn routes_carry_spec_names_and_share_one_route_per_shape() {
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /things/{id}:\n    get:\n      tags: [Things]\n      operationId: getThing\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: Ok.}}\n  /things/{thing_id}:\n    delete:\n      tags: [Things]\n      operationId: deleteThing\n      parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: Ok.}}\n  /things/{thing_id}/parts/{p0}:\n    get:\n      tags: [Things]\n      operationId: getPart\n      parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}, {name: p0, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: Ok.}}\n";
        let files = crate::generate::testing::render_spec(spec, "t", &["server-axum"]);
        let lib = crate::generate::testing::file(&files, "t-server/src/lib.rs");
        assert_eq!(lib.matches("\"/things/{id}\"").count(), 1, "{lib}");
        assert!(!lib.contains("\"/things/{thing_id}\""), "one route for both operations:\n{lib}");
        assert!(lib.contains("MethodFilter::DELETE"), "the second operation is mounted:\n{lib}");
        assert!(lib.contains("\"/things/{thing_id}/parts/{p0}\""), "{lib}");
        assert!(!lib.contains("not mounted"), "{lib}");
    }

    /// A constraint static is named after what it checks: a parameter by location and
    /// name, shared by the operations whose parameter has the same rules; a member by its
    /// schema and name. A schema whose shape static would take the same name gets another.
    #[test]
    fn rules_are_named_after_the_parameter_or_member_they_check() {
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /a:\n    get:\n      tags: [A]\n      operationId: listA\n      parameters: [{name: limit, in: query, schema: {type: integer, maximum: 100}}]\n      responses: {'204': {description: Ok.}}\n    post:\n      tags: [A]\n      operationId: makeA\n      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}\n      responses: {'204': {description: Ok.}}\n  /b:\n    get:\n      tags: [A]\n      operationId: listB\n      parameters: [{name: limit, in: query, schema: {type: integer, maximum: 100}}]\n      responses: {'204': {description: Ok.}}\n    post:\n      tags: [A]\n      operationId: makeB\n      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/QueryLimit'}}}}\n      responses: {'204': {description: Ok.}}\ncomponents:\n  schemas:\n    Order:\n      type: object\n      properties:\n        quantity: {type: integer, minimum: 1}\n    QueryLimit:\n      type: object\n      properties:\n        n: {type: integer, maximum: 100}\n";
        let files = crate::generate::testing::render_spec(spec, "t", &["server-axum"]);
        let validate = crate::generate::testing::file(&files, "t-server/src/validate.rs");
        assert_eq!(validate.matches("static QUERY_LIMIT: Rules").count(), 1, "{validate}");
        assert!(validate.contains("static ORDER_QUANTITY: Rules"), "{validate}");
        assert!(validate.contains("static QUERY_LIMIT_N: Rules"), "{validate}");
        assert!(validate.contains("static QUERY_LIMIT2: Shape"), "the schema's shape gets another name:\n{validate}");
        assert!(!validate.contains("RULES_"), "{validate}");
        let api = crate::generate::testing::file(&files, "t-server/src/api/a.rs");
        assert_eq!(api.matches("rules(&validate::QUERY_LIMIT)").count(), 2, "{api}");
    }

    /// The router of a spec none of whose operations can be mounted declares no
    /// state and takes `_services`, so the crate has no unused variable (found on
    /// nytimes' top_stories and semantria: every path is `/{section}.json`-like).
    #[test]
    fn a_router_with_nothing_mounted_reads_no_services() {
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /{section}.json:\n    get:\n      tags: [Stories]\n      operationId: stories\n      parameters: [{name: section, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: Ok.}}\n";
        let files = crate::generate::testing::render_spec(spec, "t", &["server-axum"]);
        let lib = crate::generate::testing::file(&files, "t-server/src/lib.rs");
        assert!(lib.contains("(_services: Services<"), "{lib}");
        assert!(!lib.contains("let state_"), "{lib}");
        assert!(lib.contains("not mounted"), "the unmounted operation is named in the crate docs");
    }
}
