//! Target `server-axum`: the `<name>-server` crate (DESIGN §5 "Server stubs").
//!
//! One trait per resource (tag) per API version with one method per
//! operation, typed request structs and typed response enums (oapi-codegen's
//! strict server, DESIGN §7), and a `router` that does everything the
//! standards ask of every endpoint before and after the trait is called:
//! request ids, authentication, rate limits, permissions, parsing and schema
//! validation into the error envelope, deprecation headers and the audit hook.
//!
//! The operations come from the shared view ([`operations::resources`]); what
//! only the server needs (constraints, defaults, the types behind the Rust
//! names) is read from the model operation with the same id.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::super::names::{snake_ident, Scope};
use super::super::operations::{self, OperationView, MODELS};
use super::super::rust::{RustTypes, Uses};
use super::super::templates::rust_str;
use super::super::{Context, Rendered, Target};
use crate::model::{Api, Constraints, Operation, ParamLocation, PathTemplate, Primitive, SchemeKind, Segment, TypeId, TypeKind, TypeRef};

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

/// Response headers the router sets itself; they are not fields of response variants.
const MANAGED_HEADERS: &[&str] = &[
    "x-request-id",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "retry-after",
    "deprecation",
    "sunset",
    "link",
];

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
    "T",
    "Self",
];

/// Names a resource module of the server uses unqualified (its imports and the prelude items
/// its code names): a resource trait named like one of them gets another name (`Shared2`).
const RESOURCE_ITEMS: &[&str] = &[
    "Future", "Arc", "Request", "State", "IntoResponse", "Response", "RequestContext", "StatusCode", "Call", "Operation",
    "Shared", "ApiError", "Inputs", "Param", "Presence", "RateLimit", "Deprecation",
];

/// Prelude names (types, traits, variants) generated code names unqualified; no type
/// parameter or trait of the server is named like one.
const PRELUDE: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Send", "Sync", "Sized", "Clone",
    "Copy", "Debug", "PartialEq", "Default", "Drop", "Fn", "FnMut", "FnOnce", "Into", "From", "Iterator",
    "IntoIterator", "ToString", "ToOwned", "AsRef", "Eq", "Ord", "PartialOrd", "Unpin", "Self",
];

/// The crate folder and name.
pub fn crate_name(ctx: &Context<'_>) -> String {
    format!("{}-server", ctx.settings.name)
}

#[derive(Serialize)]
struct View<'a> {
    crate_name: String,
    crate_version: String,
    models_crate: String,
    models_ident: String,
    title: &'a str,
    version: &'a str,
    description: Option<&'a str>,
    uses: Uses,
    uses_form: bool,
    uses_regex: bool,
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

#[derive(Serialize, Clone)]
struct SchemeView {
    name: String,
    /// The `auth` constant describing it (`BEARER_AUTH`).
    const_name: String,
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

#[derive(Serialize, Default)]
struct ErrorView {
    /// The error schema's Rust type (`models::Error`) when `RequestContext::error` can build it.
    typed: Option<String>,
    /// `{"error": {…}}` rather than flat.
    wrapped: bool,
    /// Member of a detail that carries the message (`message` or `issue`).
    detail_message: String,
    /// The error body has a `timestamp` member.
    timestamp: bool,
    /// The expression building the typed body from `parts` (`ErrorParts`).
    build: String,
}

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
    /// The handlers' generic parameter implementing the trait (`OrdersImpl`).
    impl_generic: String,
    /// Field of `Services` and generic parameter of `router`.
    field: String,
    /// The local of `router` holding the resource's shared state (`state_orders`).
    state: String,
    generic: String,
    doc: String,
    ops: Vec<OpGen>,
    imports: Imports,
}

/// The `use` lines of a resource module: exactly the names its code uses.
#[derive(Serialize, Default)]
struct Imports {
    /// Below `apigen_runtime::server::` (`Call`, `pipeline::Shared`).
    runtime: Vec<String>,
    /// Below `crate::` (`auth`, `models`, `validate`, `RequestContext`).
    local: Vec<String>,
}

#[derive(Serialize)]
struct OpGen {
    id: String,
    fn_name: String,
    request: String,
    response: String,
    spec_const: String,
    handler: String,
    doc: String,
    method: String,
    path: String,
    secured: bool,
    /// Security alternatives as the `auth` constants of their schemes.
    security: Vec<Vec<String>>,
    permissions: Vec<String>,
    rate_limit: Option<(u64, u64)>,
    audit: bool,
    deprecated: bool,
    sunset_http: Option<String>,
    /// 415 is documented (else a body of another media type answers 400).
    unsupported_media_documented: bool,
    params: Vec<ParamGen>,
    /// Locals of `read` that must be `Some` (required inputs without a default).
    required_locals: Vec<String>,
    body: Option<BodyGen>,
    has_request: bool,
    variants: Vec<VariantGen>,
    pagination: Option<PaginationGen>,
    routed: bool,
}

#[derive(Serialize)]
struct ParamGen {
    name: String,
    /// The field of the request struct.
    ident: String,
    /// The local of `read` holding the parsed value: the field's name, unless that is `inputs`.
    local: String,
    location: Location,
    /// Rust type of the request field.
    field_ty: String,
    /// Rust type of one parsed value.
    item_ty: String,
    list: bool,
    explode: bool,
    required: bool,
    /// The field is not an `Option` (required, or defaulted).
    plain: bool,
    default_expr: Option<String>,
    expect: String,
    /// The `validate` static of its constraints.
    rules: Option<String>,
    /// Position among the path template's variables.
    position: usize,
    doc: String,
}

/// Where a parameter is read from.
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

/// How a request body is read (`Inputs::<kind>_body`).
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum BodyKind {
    Json,
    Form,
    Text,
    Bytes,
}

#[derive(Serialize)]
struct BodyGen {
    kind: BodyKind,
    ty: String,
    field_ty: String,
    required: bool,
    /// The path of the JSON body's check (`validate::validate_order_create`).
    validator: String,
    content_type: String,
    doc: String,
}

#[derive(Serialize)]
struct VariantGen {
    name: String,
    doc: String,
    status: Status,
    body_ty: Option<String>,
    raw: Option<String>,
    headers: Vec<HeaderGen>,
    shape: Shape,
    is_error: bool,
}

/// The status of a response variant.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Status {
    /// A `StatusCode` constant (`CREATED`).
    Named { name: &'static str },
    /// A code `http` has no constant for.
    Code { code: u16 },
    /// The variant's `status` field (ranges and `default`).
    Field,
}

/// The form of a response variant.
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Shape {
    /// No body, no headers.
    Unit,
    /// The body alone.
    Tuple,
    /// Named fields: status, body, headers.
    Struct,
}

#[derive(Serialize)]
struct HeaderGen {
    name: String,
    ident: String,
    required: bool,
    doc: String,
}

#[derive(Serialize)]
struct PaginationGen {
    style: String,
    params_type: &'static str,
    /// The page, offset, skip or cursor field (`None`: the spec has none).
    position: Option<PageArg>,
    /// The page size field.
    limit: Option<PageArg>,
    default_limit: u64,
    max_limit: u64,
}

/// A request field passed to a pagination constructor.
#[derive(Serialize)]
struct PageArg {
    ident: String,
    /// Not an `Option` (required or defaulted).
    plain: bool,
    /// An `i32` widened to `i64`.
    widen: bool,
    /// A `String` cloned.
    clone: bool,
}

#[derive(Serialize)]
struct RouteView {
    path: String,
    methods: Vec<RouteMethod>,
}

#[derive(Serialize)]
struct RouteMethod {
    /// `axum::routing` function (`get`).
    method: String,
    /// `api::v1::orders::handle_get_order`.
    handler: String,
    /// Local holding the shared state of the resource.
    state: String,
    generic: String,
}

#[derive(Serialize, Default)]
struct ValidateView {
    /// A rule checks a string `format`.
    formats: bool,
    patterns: Vec<(String, String)>,
    enums: Vec<(String, String)>,
    rules: Vec<RulesView>,
    validators: Vec<ValidatorView>,
}

#[derive(Serialize, Clone, PartialEq)]
struct RulesView {
    name: String,
    /// `field: value` initialisers, `..Rules::NONE` completes them.
    fields: Vec<String>,
}

#[derive(Serialize)]
struct ValidatorView {
    name: String,
    doc: String,
    body: String,
}

fn render(ctx: &Context<'_>) -> Rendered {
    let api = ctx.api;
    let rust = &ctx.rust;
    let resources = operations::resources(ctx);
    let mut validate = Validators::new(rust);
    let schemes = scheme_views(api);
    let mut warnings = Vec::new();
    let error = error_view(api, rust);

    let mut uses_form = false;
    let mut module_scopes: HashMap<u32, Scope> = HashMap::new();
    let mut api_scope = Scope::with(&["mod"]);
    for v in api.versions() {
        api_scope.unique(format!("v{v}"));
    }
    let mut generics = Scope::with(&[LIB_ITEMS, PRELUDE].concat());
    let mut fields = Scope::with(&["config"]);
    let mut gens = Vec::new();
    let mut taken_routes: Vec<(String, String)> = Vec::new();
    let mut routes: BTreeMap<String, RouteView> = BTreeMap::new();
    let mut route_order: Vec<String> = Vec::new();
    for res in &resources {
        // `mod.rs` is the version module's own file: a resource named `mod` gets another name.
        let wanted = if res.module.trim_start_matches("r#") == "mod" { "mod_".to_string() } else { res.module.clone() };
        let module = if res.version == 0 {
            api_scope.unique(wanted)
        } else {
            module_scopes.entry(res.version).or_insert_with(|| Scope::with(&["mod"])).unique(wanted)
        };
        let file_module = module.trim_start_matches("r#").to_string();
        let (path, file) = if res.version == 0 {
            (format!("api::{module}"), format!("src/api/{file_module}.rs"))
        } else {
            (format!("api::v{}::{module}", res.version), format!("src/api/v{}/{file_module}.rs", res.version))
        };
        let prefix = if res.version == 0 { String::new() } else { format!("V{}", res.version) };
        let generic = generics.unique(format!("{prefix}{}", res.type_name));
        let field = fields.unique(snake_ident(&format!("{prefix}{}", res.type_name)));
        let trait_name = Scope::with(&[RESOURCE_ITEMS, PRELUDE].concat()).unique(res.type_name.clone());
        let state = format!("state_{}", field.trim_start_matches("r#"));
        let mut type_scope = Scope::with(&[&[trait_name.as_str()], RESOURCE_ITEMS].concat());
        let impl_generic = type_scope.unique(format!("{}Impl", trait_name.trim_end_matches('_')));
        let mut const_scope = Scope::default();
        let mut ops = Vec::new();
        for view in &res.operations {
            let Some(op) = api.operations.iter().find(|o| o.id == view.id && o.path == view.path) else { continue };
            let mut gen = op_gen(api, rust, &mut validate, &schemes, view, op, &mut type_scope, &mut const_scope);
            uses_form |= gen.body.as_ref().is_some_and(|b| b.kind == BodyKind::Form);
            match axum_path(&op.path) {
                Some(route) => {
                    let key = (route.clone(), gen.method.clone());
                    if taken_routes.contains(&key) {
                        warnings.push(format!("{} {}: another operation has the same route; not mounted", gen.method, op.path));
                    } else {
                        taken_routes.push(key);
                        gen.routed = true;
                        if !routes.contains_key(&route) {
                            route_order.push(route.clone());
                        }
                        routes.entry(route.clone()).or_insert_with(|| RouteView { path: route.clone(), methods: Vec::new() }).methods.push(RouteMethod {
                            method: gen.method.to_lowercase(),
                            handler: format!("{path}::{}", gen.handler),
                            state: state.clone(),
                            generic: generic.clone(),
                        });
                    }
                }
                None => warnings.push(format!(
                    "{} {}: a path segment mixes a template variable with text, which the router cannot match; not mounted",
                    gen.method, op.path
                )),
            }
            ops.push(gen);
        }
        let doc = res.doc.clone().unwrap_or_else(|| format!("Operations tagged `{}`.", res.name));
        let imports = imports(&ops);
        gens.push(ResourceGen {
            path,
            file,
            version: res.version,
            conversion_names: ops.iter().any(|o| is_conversion_name(&o.fn_name)),
            trait_name,
            impl_generic,
            field,
            state,
            generic,
            doc,
            ops,
            imports,
        });
    }
    let routes: Vec<RouteView> = route_order.into_iter().filter_map(|r| routes.remove(&r)).collect();

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

    let view = View {
        crate_name: crate_name(ctx),
        crate_version: ctx.crate_version(),
        models_crate: super::models::crate_name(ctx),
        models_ident: super::models::crate_name(ctx).replace('-', "_"),
        title: &api.title,
        version: &api.version,
        description: api.description.as_deref(),
        uses: rust.uses(),
        uses_form,
        uses_regex: !validate.view.patterns.is_empty(),
        undeclared_scheme: gens.iter().flat_map(|g| &g.ops).flat_map(|o| &o.security).flatten().any(|s| s == UNDECLARED),
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
    let dir = crate_name(ctx);
    let mut files = vec![
        (format!("{dir}/Cargo.toml"), ctx.render("server-axum/Cargo.toml.j2", &view)?),
        (format!("{dir}/src/lib.rs"), ctx.render("server-axum/lib.rs.j2", &view)?),
    ];
    for name in ["auth", "error", "validate"] {
        files.push((format!("{dir}/src/{name}.rs"), ctx.render(&format!("server-axum/{name}.rs.j2"), &view)?));
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

/// The `use` lines a resource module needs.
fn imports(ops: &[OpGen]) -> Imports {
    let mut runtime = vec!["Call", "Operation", "pipeline::Shared"];
    let mut local = vec!["RequestContext"];
    let any = |f: &dyn Fn(&OpGen) -> bool| ops.iter().any(f);
    let variants = |f: &dyn Fn(&VariantGen) -> bool| ops.iter().flat_map(|o| &o.variants).any(f);
    let types_mention = |needle: &str| {
        ops.iter().any(|o| {
            o.params.iter().any(|p| p.field_ty.contains(needle))
                || o.body.as_ref().is_some_and(|b| b.field_ty.contains(needle))
                || o.variants.iter().any(|v| v.body_ty.as_ref().is_some_and(|t| t.contains(needle)))
        })
    };
    if any(&|o| o.has_request) {
        runtime.extend(["ApiError", "Inputs"]);
    }
    if any(&|o| !o.params.is_empty()) {
        runtime.push("Param");
    }
    if any(&|o| o.body.is_some()) {
        runtime.push("Presence");
    }
    if any(&|o| o.rate_limit.is_some()) {
        runtime.push("RateLimit");
    }
    if any(&|o| o.deprecated) {
        runtime.push("pipeline::Deprecation");
    }
    if variants(&|v| v.body_ty.is_some() && v.raw.is_none()) {
        runtime.push("inputs::json_response");
    }
    if variants(&|v| v.body_ty.is_some() && v.raw.is_some()) {
        runtime.push("inputs::raw_response");
    }
    if variants(&|v| !v.headers.is_empty()) {
        runtime.push("inputs::set_header");
    }
    if any(&|o| !o.security.is_empty()) {
        local.push("auth");
    }
    if types_mention(MODELS) {
        local.push("models");
    }
    let json_body = any(&|o| o.body.as_ref().is_some_and(|b| b.validator.starts_with("validate::")));
    if json_body || any(&|o| o.params.iter().any(|p| p.rules.is_some())) {
        local.push("validate");
    }
    // As rustfmt orders them: modules and paths, then types.
    let order = |name: &&str| (name.starts_with(|c: char| c.is_ascii_uppercase()), name.to_string());
    runtime.sort_by_key(order);
    local.sort_by_key(order);
    let to_strings = |names: Vec<&str>| names.into_iter().map(str::to_string).collect();
    Imports { runtime: to_strings(runtime), local: to_strings(local) }
}

/// The `StatusCode` constant of a status code, where `http` has one.
fn status_constant(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "CONTINUE",
        101 => "SWITCHING_PROTOCOLS",
        102 => "PROCESSING",
        200 => "OK",
        201 => "CREATED",
        202 => "ACCEPTED",
        203 => "NON_AUTHORITATIVE_INFORMATION",
        204 => "NO_CONTENT",
        205 => "RESET_CONTENT",
        206 => "PARTIAL_CONTENT",
        207 => "MULTI_STATUS",
        208 => "ALREADY_REPORTED",
        226 => "IM_USED",
        300 => "MULTIPLE_CHOICES",
        301 => "MOVED_PERMANENTLY",
        302 => "FOUND",
        303 => "SEE_OTHER",
        304 => "NOT_MODIFIED",
        305 => "USE_PROXY",
        307 => "TEMPORARY_REDIRECT",
        308 => "PERMANENT_REDIRECT",
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        402 => "PAYMENT_REQUIRED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        406 => "NOT_ACCEPTABLE",
        407 => "PROXY_AUTHENTICATION_REQUIRED",
        408 => "REQUEST_TIMEOUT",
        409 => "CONFLICT",
        410 => "GONE",
        411 => "LENGTH_REQUIRED",
        412 => "PRECONDITION_FAILED",
        413 => "PAYLOAD_TOO_LARGE",
        414 => "URI_TOO_LONG",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        416 => "RANGE_NOT_SATISFIABLE",
        417 => "EXPECTATION_FAILED",
        418 => "IM_A_TEAPOT",
        421 => "MISDIRECTED_REQUEST",
        422 => "UNPROCESSABLE_ENTITY",
        423 => "LOCKED",
        424 => "FAILED_DEPENDENCY",
        425 => "TOO_EARLY",
        426 => "UPGRADE_REQUIRED",
        428 => "PRECONDITION_REQUIRED",
        429 => "TOO_MANY_REQUESTS",
        431 => "REQUEST_HEADER_FIELDS_TOO_LARGE",
        451 => "UNAVAILABLE_FOR_LEGAL_REASONS",
        500 => "INTERNAL_SERVER_ERROR",
        501 => "NOT_IMPLEMENTED",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        505 => "HTTP_VERSION_NOT_SUPPORTED",
        506 => "VARIANT_ALSO_NEGOTIATES",
        507 => "INSUFFICIENT_STORAGE",
        508 => "LOOP_DETECTED",
        510 => "NOT_EXTENDED",
        511 => "NETWORK_AUTHENTICATION_REQUIRED",
        _ => return None,
    })
}

fn last_segment(path: &str) -> String {
    path.rsplit("::").next().unwrap_or(path).to_string()
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_string()
}

/// The axum route of a path template: variables renamed `{p0}`, `{p1}`… (handlers read them
/// by position); `None` when a segment mixes a variable with text.
fn axum_path(template: &str) -> Option<String> {
    let mut out = String::new();
    let mut n = 0;
    let parsed = PathTemplate::parse(template);
    if parsed.segments().is_empty() {
        out.push('/');
    }
    for segment in parsed.segments() {
        out.push('/');
        match segment {
            Segment::Variable(_) => {
                out.push_str(&format!("{{p{n}}}"));
                n += 1;
            }
            Segment::Literal(text) if !text.starts_with('*') => out.push_str(text),
            Segment::Literal(_) | Segment::Mixed(_) => return None,
        }
    }
    Some(out)
}

/// The `auth` constant of a scheme an operation names but the spec does not declare.
const UNDECLARED: &str = "UNDECLARED";

fn scheme_views(api: &Api) -> Vec<SchemeView> {
    let mut consts = Scope::with(&[UNDECLARED, "API_KEY_HEADERS"]);
    api.security_schemes
        .iter()
        .map(|s| {
            use SchemeKindView as K;
            let (kind, param) = match &s.kind {
                SchemeKind::Bearer { .. } | SchemeKind::OAuth2 | SchemeKind::OpenIdConnect => (K::Bearer, String::new()),
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

/// Whether request ids must be UUIDs: the error schema's `request_id` is `format: uuid`.
fn request_id_is_uuid(api: &Api, rust: &RustTypes<'_>) -> bool {
    let Some(id) = api.types.component(&api.conventions.error_schema) else { return false };
    let graph = rust.graph;
    let mut fields = graph.fields(&TypeRef::Named(id)).unwrap_or(&[]);
    if let Some(inner) = fields.iter().find(|f| f.name == "error") {
        fields = graph.fields(&inner.ty).unwrap_or(&[]);
    }
    fields.iter().any(|f| f.name == "request_id" && graph.unalias(&f.ty) == &TypeRef::Primitive(Primitive::Uuid))
}

/// The error envelope: flat or wrapped, and how to build the typed body when every member can be filled.
fn error_view(api: &Api, rust: &RustTypes<'_>) -> ErrorView {
    let graph = rust.graph;
    let mut view = ErrorView { detail_message: "message".into(), ..ErrorView::default() };
    let Some(id) = api.types.component(&api.conventions.error_schema) else { return view };
    let TypeRef::Named(id) = graph.unalias(&TypeRef::Named(id)).clone() else { return view };
    let Some(outer) = graph.fields(&TypeRef::Named(id)) else { return view };
    let has = |fields: &[crate::model::Field], name: &str| fields.iter().any(|f| f.name == name);
    let (inner_id, wrapped) = if has(outer, "code") && has(outer, "message") {
        (id, false)
    } else if let Some(TypeRef::Named(inner)) =
        outer.iter().find(|f| f.name == "error").map(|f| graph.unalias(&f.ty).clone())
    {
        match graph.fields(&TypeRef::Named(inner)) {
            Some(fields) if has(fields, "code") && has(fields, "message") => (inner, true),
            _ => return view,
        }
    } else {
        return view;
    };
    view.wrapped = wrapped;
    let inner_fields = graph.fields(&TypeRef::Named(inner_id)).unwrap_or(&[]);
    view.timestamp = has(inner_fields, "timestamp");
    if let Some(details) = inner_fields.iter().find(|f| f.name == "details") {
        if let TypeRef::List(item) = graph.unalias(&details.ty) {
            if let Some(fields) = graph.fields(item) {
                if !has(fields, "message") && has(fields, "issue") {
                    view.detail_message = "issue".into();
                }
            }
        }
    }
    let Some(inner) = struct_literal(rust, inner_id, &|name, ty| error_member(rust, name, ty)) else { return view };
    let build = if wrapped {
        let Some(outer) = struct_literal(rust, id, &|name, ty| {
            (name == "error").then(|| "inner".to_string()).or_else(|| error_member(rust, name, ty))
        }) else {
            return view;
        };
        format!("{{ let inner = {inner};\n{outer} }}")
    } else {
        inner
    };
    view.typed = Some(format!("{MODELS}{}", rust.name(id)));
    view.build = build;
    view
}

/// The expression for a member of the error body, from `parts` (`ErrorParts`).
fn error_member(rust: &RustTypes<'_>, name: &str, ty: &TypeRef) -> Option<String> {
    let graph = rust.graph;
    let is = |p: Primitive| graph.unalias(ty) == &TypeRef::Primitive(p);
    match name {
        "code" | "message" if is(Primitive::String) => Some(format!("parts.{name}.to_string()")),
        "error" if is(Primitive::String) => Some("parts.code.to_string()".into()),
        "request_id" if is(Primitive::Uuid) => Some("uuid::Uuid::parse_str(parts.request_id).unwrap_or_default()".into()),
        "request_id" if is(Primitive::String) => Some("parts.request_id.to_string()".into()),
        "timestamp" if is(Primitive::DateTime) => Some("chrono::Utc::now()".into()),
        "timestamp" if is(Primitive::String) => Some("chrono::Utc::now().to_rfc3339()".into()),
        "details" => {
            let TypeRef::List(item) = graph.unalias(ty) else { return None };
            let TypeRef::Named(item_id) = graph.unalias(item).clone() else { return None };
            let detail = struct_literal(rust, item_id, &|n, t| {
                let string = graph.unalias(t) == &TypeRef::Primitive(Primitive::String);
                match n {
                    "field" if string => Some("d.field.clone()".into()),
                    "message" | "issue" if string => Some("d.message.clone()".into()),
                    _ => None,
                }
            })?;
            Some(format!("parts.details.iter().map(|d| {detail}).collect()"))
        }
        _ => None,
    }
}

/// A struct literal for a named struct: `member` gives the expression of a member it knows;
/// other members are `None` when optional and `Default::default()` when their type has a default.
fn struct_literal(
    rust: &RustTypes<'_>,
    id: TypeId,
    member: &dyn Fn(&str, &TypeRef) -> Option<String>,
) -> Option<String> {
    let TypeKind::Struct { fields, additional } = &rust.graph.get(id).kind else { return None };
    let mut scope = Scope::default();
    let mut parts = Vec::new();
    for f in fields {
        let ident = scope.unique(snake_ident(&f.name));
        let (_, optional) = rust.field(id, f, MODELS);
        let patch = rust.is_patch_field(id, f);
        let boxed = matches!(&f.ty, TypeRef::Named(t) if rust.graph.in_cycle(id, *t));
        let expr = match member(&f.name, &f.ty) {
            Some(e) => {
                let e = if boxed { format!("Box::new({e})") } else { e };
                if patch {
                    format!("{MODELS}Patch::Value({e})")
                } else if optional {
                    format!("Some({e})")
                } else {
                    e
                }
            }
            None if patch => format!("{MODELS}Patch::Absent"),
            None if optional => "None".into(),
            None if has_default(rust, &f.ty) => "Default::default()".into(),
            None => return None,
        };
        parts.push(format!("{ident}: {expr}"));
    }
    if additional.is_some() {
        parts.push(format!("{}: Default::default()", scope.unique("additional_properties".into())));
    }
    Some(format!("{MODELS}{} {{ {} }}", rust.name(id), parts.join(", ")))
}

fn has_default(rust: &RustTypes<'_>, ty: &TypeRef) -> bool {
    match rust.graph.unalias(ty) {
        TypeRef::Primitive(p) => !matches!(p, Primitive::Date | Primitive::DateTime),
        TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Any => true,
        TypeRef::Named(_) => false,
    }
}

/// What a value of a type must look like, for messages (`an integer`).
fn expectation(rust: &RustTypes<'_>, ty: &TypeRef) -> String {
    match rust.graph.unalias(ty) {
        TypeRef::Primitive(p) => primitive_expectation(*p).to_string(),
        TypeRef::List(_) => "a list".into(),
        TypeRef::Map(_) => "an object".into(),
        TypeRef::Any => "a value".into(),
        TypeRef::Named(id) => match &rust.graph.get(*id).kind {
            TypeKind::Enum { values, .. } => {
                let shown: Vec<String> =
                    values.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect();
                format!("one of: {}", shown.join(", "))
            }
            TypeKind::Struct { .. } => "a JSON object".into(),
            _ => "a valid value".into(),
        },
    }
}

fn primitive_expectation(p: Primitive) -> &'static str {
    match p {
        Primitive::String | Primitive::Bytes | Primitive::Binary => "a string",
        Primitive::Date => "a date (YYYY-MM-DD)",
        Primitive::DateTime => "an RFC 3339 date-time",
        Primitive::Uuid => "a UUID",
        Primitive::Decimal => "a decimal number",
        Primitive::I32 => "a 32-bit integer",
        Primitive::I64 => "an integer",
        Primitive::F32 | Primitive::F64 => "a number",
        Primitive::Bool => "true or false",
    }
}

fn kind_name(p: Primitive) -> &'static str {
    match p {
        Primitive::String => "String",
        Primitive::Date => "Date",
        Primitive::DateTime => "DateTime",
        Primitive::Uuid => "Uuid",
        Primitive::Decimal => "Decimal",
        Primitive::Bytes => "Bytes",
        Primitive::Binary => "Binary",
        Primitive::I32 => "I32",
        Primitive::I64 => "I64",
        Primitive::F32 => "F32",
        Primitive::F64 => "F64",
        Primitive::Bool => "Bool",
    }
}

/// A Rust literal for a parameter default, for scalar types it can be written for.
fn default_literal(rust: &RustTypes<'_>, ty: &TypeRef, value: &serde_json::Value) -> Option<String> {
    match (rust.graph.unalias(ty), value) {
        (TypeRef::Primitive(Primitive::I64), v) => v.as_i64().map(|n| n.to_string()),
        (TypeRef::Primitive(Primitive::I32), v) => v.as_i64().and_then(|n| i32::try_from(n).ok()).map(|n| n.to_string()),
        (TypeRef::Primitive(Primitive::F64), v) => v.as_f64().filter(|n| n.is_finite()).map(|n| format!("{n:?}")),
        (TypeRef::Primitive(Primitive::F32), v) => v.as_f64().map(|n| n as f32).filter(|n| n.is_finite()).map(|n| format!("{n:?}")),
        (TypeRef::Primitive(Primitive::Bool), serde_json::Value::Bool(b)) => Some(b.to_string()),
        (TypeRef::Primitive(Primitive::String), serde_json::Value::String(s)) => {
            Some(format!("String::from({})", rust_str(s.clone())))
        }
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn op_gen(
    api: &Api,
    rust: &RustTypes<'_>,
    validate: &mut Validators<'_>,
    schemes: &[SchemeView],
    view: &OperationView,
    op: &Operation,
    type_scope: &mut Scope,
    const_scope: &mut Scope,
) -> OpGen {
    let request = type_scope.unique(format!("{}Request", view.type_name));
    let response = type_scope.unique(format!("{}Response", view.type_name));
    let plain_fn = view.fn_name.trim_start_matches("r#").to_string();
    let spec_const = const_scope.unique(plain_fn.to_uppercase());
    let handler = format!("handle_{plain_fn}");
    let template = PathTemplate::parse(&op.path);

    let mut params = Vec::new();
    let locations = [
        (ParamLocation::Path, &view.path_params, Location::Path),
        (ParamLocation::Query, &view.query_params, Location::Query),
        (ParamLocation::Header, &view.header_params, Location::Header),
        (ParamLocation::Cookie, &view.cookie_params, Location::Cookie),
    ];
    for (location, views, name) in locations {
        for pv in views.iter() {
            let Some(p) = op.param(location, &pv.name) else { continue };
            let position = template.position(&p.name).unwrap_or(usize::MAX);
            if location == ParamLocation::Path && position == usize::MAX {
                continue;
            }
            params.push(param_gen(rust, validate, p, &pv.ident, name, position, pv.doc.clone()));
        }
    }
    if view.idempotency_key {
        let declared = op.params_in(ParamLocation::Header).find(|p| p.name.eq_ignore_ascii_case("Idempotency-Key"));
        let mut idents = Scope::with(&["body", "request", "self", "client"]);
        for p in &params {
            idents.unique(p.ident.clone());
        }
        let ident = idents.unique("idempotency_key".into());
        let rules = declared.and_then(|p| validate.rules(&p.constraints, false));
        params.push(ParamGen {
            name: "Idempotency-Key".into(),
            local: local_of(&ident),
            ident,
            location: Location::Header,
            field_ty: "Option<String>".into(),
            item_ty: "String".into(),
            list: false,
            explode: false,
            required: false,
            plain: false,
            default_expr: None,
            expect: "a string".into(),
            rules,
            position: 0,
            doc: declared.and_then(|p| p.description.clone()).unwrap_or_else(|| {
                "`Idempotency-Key`: a repeated request with the same key must not act twice.".into()
            }),
        });
    }

    let body = view.body.as_ref().map(|b| {
        let media =
            op.request_body.as_ref().and_then(|rb| rb.content.iter().find(|m| m.content_type == b.content_type));
        let (kind, ty, validator) = match b.kind {
            "json" => {
                let tr = media.map_or(TypeRef::Any, |m| m.ty.clone());
                (BodyKind::Json, b.ty.clone(), validate.body(&tr, &plain_fn))
            }
            "form" => (BodyKind::Form, b.ty.clone(), String::new()),
            "text" => (BodyKind::Text, "String".to_string(), String::new()),
            _ => (BodyKind::Bytes, "Vec<u8>".to_string(), String::new()),
        };
        let field_ty = if b.required { ty.clone() } else { format!("Option<{ty}>") };
        BodyGen {
            kind,
            ty,
            field_ty,
            required: b.required,
            validator,
            content_type: b.content_type.clone(),
            doc: b.doc.clone().unwrap_or_else(|| format!("The request body (`{}`).", b.content_type)),
        }
    });

    let mut variant_scope = Scope::default();
    let variants = view
        .responses
        .iter()
        .zip(&op.responses)
        .map(|(rv, r)| {
            let name = variant_scope.unique(rv.variant.clone());
            // `response` and `status` are locals of `into_response`; `body` a field of the variant.
            let mut header_scope = Scope::with(&["body", "status", "response"]);
            let headers: Vec<HeaderGen> = r
                .headers
                .iter()
                .filter(|h| !MANAGED_HEADERS.contains(&h.name.to_ascii_lowercase().as_str()))
                .filter(|h| !h.name.eq_ignore_ascii_case("content-type"))
                .map(|h| HeaderGen {
                    name: h.name.clone(),
                    ident: header_scope.unique(snake_ident(&h.name)),
                    required: h.required,
                    doc: h.description.clone().unwrap_or_else(|| format!("`{}` header.", h.name)),
                })
                .collect();
            let status = match rv.code {
                Some(code) => status_constant(code).map_or(Status::Code { code }, |name| Status::Named { name }),
                None => Status::Field,
            };
            let body_ty = rv.ty.clone().or_else(|| rv.raw.as_ref().map(|_| "Vec<u8>".to_string()));
            let shape = if !headers.is_empty() || matches!(status, Status::Field) {
                Shape::Struct
            } else if body_ty.is_some() {
                Shape::Tuple
            } else {
                Shape::Unit
            };
            VariantGen {
                name,
                doc: format!(
                    "`{}`: {}",
                    rv.status,
                    if rv.doc.trim().is_empty() { "(no description)" } else { rv.doc.trim() }
                ),
                status,
                body_ty,
                raw: rv.raw.clone().filter(|_| rv.ty.is_none()),
                headers,
                shape,
                is_error: rv.is_error,
            }
        })
        .collect();

    let pagination = view.pagination.as_ref().and_then(|pv| pagination_gen(api, op, pv, &params));
    let security: Vec<Vec<String>> = view
        .security
        .iter()
        .map(|alt| {
            alt.iter()
                .map(|name| {
                    schemes
                        .iter()
                        .find(|s| &s.name == name)
                        .map_or_else(|| UNDECLARED.to_string(), |s| s.const_name.clone())
                })
                .collect()
        })
        .collect();
    let required_locals = params
        .iter()
        .filter(|p| p.required && p.default_expr.is_none())
        .map(|p| p.local.clone())
        .chain(body.as_ref().filter(|b| b.required).map(|_| "body".to_string()))
        .collect();
    OpGen {
        id: view.id.clone(),
        fn_name: view.fn_name.clone(),
        request,
        response,
        spec_const,
        handler,
        doc: view.doc.clone(),
        method: view.method.clone(),
        path: view.path.clone(),
        secured: !view.security.is_empty(),
        security,
        permissions: view.permissions.clone(),
        rate_limit: view.rate_limit,
        audit: view.audit,
        deprecated: view.deprecated,
        sunset_http: op.annotations.sunset.map(|d| d.format("%a, %d %b %Y 23:59:59 GMT").to_string()),
        unsupported_media_documented: op.response("415").is_some(),
        has_request: !params.is_empty() || body.is_some(),
        params,
        required_locals,
        body,
        variants,
        pagination,
        routed: false,
    }
}

/// The local of `read` holding a field's value: the field's own name, except `inputs`.
fn local_of(ident: &str) -> String {
    if ident == "inputs" {
        "param_inputs".into()
    } else {
        ident.to_string()
    }
}

impl Location {
    /// The OpenAPI `in` word.
    fn word(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

fn param_gen(
    rust: &RustTypes<'_>,
    validate: &mut Validators<'_>,
    p: &crate::model::Parameter,
    ident: &str,
    location: Location,
    position: usize,
    doc: Option<String>,
) -> ParamGen {
    let (list, item) = match rust.graph.unalias(&p.ty) {
        TypeRef::List(item) => (true, (**item).clone()),
        _ => (false, p.ty.clone()),
    };
    let item_ty = rust.of(&item, MODELS);
    let default_expr = if list { None } else { p.default.as_ref().and_then(|d| default_literal(rust, &item, d)) };
    let required = p.required || location == Location::Path;
    let plain = required || default_expr.is_some();
    let ty = if list { format!("Vec<{item_ty}>") } else { item_ty.clone() };
    let decimal = rust.graph.unalias(&item) == &TypeRef::Primitive(Primitive::Decimal);
    ParamGen {
        name: p.name.clone(),
        ident: ident.to_string(),
        local: local_of(ident),
        location,
        field_ty: if plain { ty } else { format!("Option<{ty}>") },
        item_ty,
        list,
        explode: p.explode,
        required,
        plain,
        default_expr,
        expect: expectation(rust, &item),
        rules: validate.rules(&p.constraints, decimal),
        position,
        doc: doc.unwrap_or_else(|| format!("`{}` ({}).", p.name, location.word())),
    }
}

fn pagination_gen(
    api: &Api,
    op: &Operation,
    pv: &operations::PaginationView,
    params: &[ParamGen],
) -> Option<PaginationGen> {
    let find = |name: &str| params.iter().find(|p| p.location == Location::Query && p.name == name);
    // A page size or an integer position: an `i64` or `i32` field.
    let int_arg = |p: Option<&ParamGen>| -> Option<Option<PageArg>> {
        let Some(p) = p else { return Some(None) };
        if p.list || !matches!(p.item_ty.as_str(), "i64" | "i32") {
            return None;
        }
        Some(Some(PageArg { ident: p.ident.clone(), plain: p.plain, widen: p.item_ty == "i32", clone: false }))
    };
    let size = op.param(ParamLocation::Query, &pv.size);
    let default_limit = size
        .and_then(|p| p.default.as_ref())
        .and_then(serde_json::Value::as_u64)
        .unwrap_or_else(|| api.conventions.max_page_size.min(20));
    let limit = int_arg(find(&pv.size))?;
    let max_limit = size.and_then(|p| p.constraints.maximum).map_or(api.conventions.max_page_size, |m| m as u64);
    let (params_type, position) = match pv.style {
        "cursor" => {
            let cursor = find(&pv.position)?;
            if cursor.list || cursor.item_ty != "String" {
                return None;
            }
            ("CursorParams", Some(PageArg { ident: cursor.ident.clone(), plain: cursor.plain, widen: false, clone: true }))
        }
        "page" => ("PageParams", int_arg(find(&pv.position))?),
        "offset" => ("OffsetParams", int_arg(find(&pv.position))?),
        _ => ("SkipParams", int_arg(find(&pv.position))?),
    };
    Some(PaginationGen { style: pv.style.to_string(), params_type, position, limit, default_limit, max_limit })
}

/// Validation code for request bodies: one function per named type a body reaches, and the
/// constraint statics (`RULES_n`, `PATTERN_n`, `ENUM_n`) shared by bodies and parameters.
struct Validators<'a> {
    rust: &'a RustTypes<'a>,
    view: ValidateView,
    /// Function name of each named type that has one (or is getting one).
    names: HashMap<TypeId, String>,
    scope: Scope,
}

impl<'a> Validators<'a> {
    fn new(rust: &'a RustTypes<'a>) -> Self {
        // Function names beside the module's imports.
        let scope = Scope::with(&["validate", "compile", "any", "Problems", "Rules", "Format", "Pattern", "Values", "Value"]);
        Validators { rust, view: ValidateView::default(), names: HashMap::new(), scope }
    }

    /// The `RULES_n` static of the constraints that can be checked at run time, if any.
    fn rules(&mut self, c: &Constraints, decimal: bool) -> Option<String> {
        let mut fields = Vec::new();
        let num = |v: f64| format!("{v:?}");
        if let Some(v) = c.minimum {
            fields.push(format!("minimum: Some({})", num(v)));
        }
        if let Some(v) = c.maximum {
            fields.push(format!("maximum: Some({})", num(v)));
        }
        if c.exclusive_minimum && c.minimum.is_some() {
            fields.push("exclusive_minimum: true".into());
        }
        if c.exclusive_maximum && c.maximum.is_some() {
            fields.push("exclusive_maximum: true".into());
        }
        if let Some(v) = c.multiple_of.filter(|m| *m > 0.0) {
            fields.push(format!("multiple_of: Some({})", num(v)));
        }
        if let Some(v) = c.min_length {
            fields.push(format!("min_length: Some({v})"));
        }
        if let Some(v) = c.max_length {
            fields.push(format!("max_length: Some({v})"));
        }
        if let Some(p) = c.pattern.as_deref().filter(|p| compiles(p)) {
            let name = match self.view.patterns.iter().find(|(_, q)| q == p) {
                Some((n, _)) => n.clone(),
                None => {
                    let n = format!("PATTERN_{}", self.view.patterns.len());
                    self.view.patterns.push((n.clone(), p.to_string()));
                    n
                }
            };
            fields.push(format!("pattern: Some(&{name})"));
        }
        if let Some(v) = c.min_items {
            fields.push(format!("min_items: Some({v})"));
        }
        if let Some(v) = c.max_items {
            fields.push(format!("max_items: Some({v})"));
        }
        if c.unique_items {
            fields.push("unique_items: true".into());
        }
        let format = match c.format.as_deref() {
            Some("uri" | "url") => Some("Uri"),
            Some("uri-reference") => Some("UriReference"),
            Some("email") => Some("Email"),
            Some("ipv4") => Some("Ipv4"),
            Some("ipv6") => Some("Ipv6"),
            Some("hostname") => Some("Hostname"),
            _ => None,
        };
        if let Some(f) = format {
            self.view.formats = true;
            fields.push(format!("format: Some(Format::{f})"));
        }
        let values: Vec<&serde_json::Value> = c.enumeration.iter().filter(|v| !v.is_null()).collect();
        if !values.is_empty() && values.len() == c.enumeration.len() {
            let json = serde_json::to_string(&values).unwrap_or_else(|_| "[]".into());
            let name = match self.view.enums.iter().find(|(_, j)| *j == json) {
                Some((n, _)) => n.clone(),
                None => {
                    let n = format!("ENUM_{}", self.view.enums.len());
                    self.view.enums.push((n.clone(), json));
                    n
                }
            };
            fields.push(format!("enumeration: Some(&{name})"));
        }
        if fields.is_empty() {
            return None;
        }
        if decimal {
            fields.push("decimal: true".into());
        }
        let name = match self.view.rules.iter().find(|r| r.fields == fields) {
            Some(r) => r.name.clone(),
            None => {
                let name = format!("RULES_{}", self.view.rules.len());
                self.view.rules.push(RulesView { name: name.clone(), fields });
                name
            }
        };
        Some(name)
    }

    /// The path of the function checking a JSON body of a type: the named type's own, a
    /// function of the operation (`<op>_body`) for other types, or the runtime's `any`.
    fn body(&mut self, ty: &TypeRef, op: &str) -> String {
        match ty {
            TypeRef::Any => "apigen_runtime::server::validate::any".into(),
            TypeRef::Named(id) => format!("validate::{}", self.named(*id)),
            other => {
                let name = self.scope.unique(format!("{op}_body"));
                let body = self.expr(other);
                let doc = format!("Checks the body of `{op}`.");
                self.view.validators.push(ValidatorView { name: name.clone(), doc, body });
                format!("validate::{name}")
            }
        }
    }

    /// Statements validating `value: &Value` at `path: &str` against a type, adding to `problems`.
    fn expr(&mut self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Any => String::new(),
            TypeRef::Primitive(p) => {
                format!("validate::primitive(value, path, validate::Kind::{}, problems);", kind_name(*p))
            }
            TypeRef::List(item) => {
                let inner = self.expr(item);
                if inner.is_empty() {
                    "validate::list(value, path, problems, |_, _, _| {});".into()
                } else {
                    format!("validate::list(value, path, problems, |value, path, problems| {{ {inner} }});")
                }
            }
            TypeRef::Map(item) => {
                let inner = self.expr(item);
                if inner.is_empty() {
                    "validate::map(value, path, problems, |_, _, _| {});".into()
                } else {
                    format!("validate::map(value, path, problems, |value, path, problems| {{ {inner} }});")
                }
            }
            TypeRef::Named(id) => {
                let name = self.named(*id);
                format!("{name}(value, path, problems);")
            }
        }
    }

    /// The function validating a named type, generated on first use.
    fn named(&mut self, id: TypeId) -> String {
        if let Some(name) = self.names.get(&id) {
            return name.clone();
        }
        let rust = self.rust;
        let name = self.scope.unique(snake_ident(rust.name(id)));
        self.names.insert(id, name.clone());
        let def = rust.graph.get(id);
        let mut body = String::new();
        if def.nullable {
            body.push_str("if value.is_null() { return; }\n");
        }
        match &def.kind {
            TypeKind::Alias(target) => body.push_str(&self.expr(target)),
            TypeKind::Enum { values, base } => {
                let list: Vec<String> = values
                    .iter()
                    .map(|v| {
                        if *base == Primitive::String {
                            rust_str(v.as_str().unwrap_or_default().to_string())
                        } else {
                            v.to_string()
                        }
                    })
                    .collect();
                let f = if *base == Primitive::String { "enum_str" } else { "enum_int" };
                body.push_str(&format!("validate::{f}(value, path, &[{}], problems);", list.join(", ")));
            }
            TypeKind::Struct { fields, additional } => {
                let extra_check = additional.as_ref().map(|extra| self.expr(extra)).filter(|c| !c.is_empty());
                let mut blocks = String::new();
                for f in fields {
                    let key = rust_str(f.name.clone());
                    let decimal = rust.graph.unalias(&f.ty) == &TypeRef::Primitive(Primitive::Decimal);
                    let rules = self.rules(&f.constraints, decimal);
                    let check = self.expr(&f.ty);
                    let missing =
                        if f.required && !f.read_only { "problems.invalid(path, \"is required\")," } else { "{}" };
                    let null = if f.nullable { "{}" } else { "problems.invalid(path, \"must not be null\")," };
                    let rules_check = match rules {
                        None => String::new(),
                        Some(rules) => format!("validate::check(Some(&{rules}), value, path, problems);"),
                    };
                    let present = if check.is_empty() && rules_check.is_empty() {
                        "Some(_) => {}".to_string()
                    } else {
                        format!("Some(value) => {{ {check} {rules_check} }}")
                    };
                    if missing == "{}" && null == "{}" && present.starts_with("Some(_)") {
                        continue; // nothing to check for this field
                    }
                    blocks.push_str(&format!(
                        "{{ let path = &validate::field(path, {key}); match object.get({key}) {{ None => {missing} Some(serde_json::Value::Null) => {null} {present} }} }}\n"
                    ));
                }
                if blocks.is_empty() && extra_check.is_none() {
                    body.push_str("if !value.is_object() { problems.invalid(path, \"must be a JSON object\"); }\n");
                } else {
                    body.push_str("let Some(object) = value.as_object() else { problems.invalid(path, \"must be a JSON object\"); return; };\n");
                    body.push_str(&blocks);
                }
                if let Some(check) = extra_check {
                    let known: Vec<String> = fields.iter().map(|f| rust_str(f.name.clone())).collect();
                    {
                        body.push_str(&format!(
                            "for (key, value) in object {{ if [{}].contains(&key.as_str()) {{ continue; }} let path = &validate::field(path, key); {check} }}\n",
                            known.join(", ")
                        ));
                    }
                }
            }
            TypeKind::Union { variants, discriminator, .. } => {
                let tagged = discriminator.is_some() && variants.iter().all(|v| v.tag.is_some());
                if let (true, Some(tag)) = (tagged, discriminator) {
                    let mut arms = String::new();
                    let mut shown = Vec::new();
                    for v in variants {
                        let t = v.tag.clone().unwrap_or_default();
                        shown.push(t.clone());
                        let check = self.expr(&v.ty);
                        arms.push_str(&format!("Some({}) => {{ {check} }}\n", rust_str(t)));
                    }
                    let message = rust_str(format!("must be one of: {}", shown.join(", ")));
                    body.push_str(&format!(
                        "if !value.is_object() {{ problems.invalid(path, \"must be a JSON object\"); return; }}\nmatch value.get({tag_lit}).and_then(serde_json::Value::as_str) {{ {arms} _ => problems.invalid(&validate::field(path, {tag_lit}), {message}), }}",
                        tag_lit = rust_str(tag.clone())
                    ));
                } else {
                    let mut alts = Vec::new();
                    for v in variants {
                        let check = self.expr(&v.ty);
                        alts.push(if check.is_empty() {
                            "&|_: &serde_json::Value, _: &str, _: &mut validate::Problems| {}".to_string()
                        } else {
                            format!("&|value: &serde_json::Value, path: &str, problems: &mut validate::Problems| {{ {check} }}")
                        });
                    }
                    body.push_str(&format!("validate::one_of(value, path, problems, &[{}]);", alts.join(", ")));
                }
            }
        }
        let doc = format!("Checks a `{}` value.", rust.name(id));
        self.view.validators.push(ValidatorView { name: name.clone(), doc, body });
        name
    }
}

/// Whether a pattern compiles with the `regex` crate (ECMA 262 look-around and back-references do not).
fn compiles(pattern: &str) -> bool {
    regex::Regex::new(pattern).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_rename_variables_and_refuse_mixed_segments() {
        assert_eq!(axum_path("/api/v1/orders/{order_id}/items").as_deref(), Some("/api/v1/orders/{p0}/items"));
        assert_eq!(axum_path("/a/{x}/{y}").as_deref(), Some("/a/{p0}/{p1}"));
        assert_eq!(axum_path("/health").as_deref(), Some("/health"));
        assert_eq!(axum_path("/").as_deref(), Some("/"));
        assert_eq!(axum_path("/files/{name}.json"), None);
        assert_eq!(axum_path("/jobs/{id}:cancel"), None);
    }

    #[test]
    fn status_codes_get_their_constants() {
        assert_eq!(status_constant(201), Some("CREATED"));
        assert_eq!(status_constant(422), Some("UNPROCESSABLE_ENTITY"));
        assert_eq!(status_constant(299), None);
    }
}
