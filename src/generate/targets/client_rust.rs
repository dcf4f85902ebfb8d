//! Target `client-rust`: the `<name>-client` crate, a typed async client of
//! the API on `reqwest` (docs/generate/client-rust.md).
//!
//! Layout of the generated crate:
//!
//! | file | holds |
//! |---|---|
//! | `src/lib.rs` | crate docs, re-exports (`Client`, `Error`, `models`, `DeprecationNotice`) |
//! | `src/client.rs` | `Client`, `ClientBuilder`: the default base URL and one credential setter per security scheme over the runtime's settings |
//! | `src/error.rs` | `ErrorBody` (the spec's error schema), `Error`, the runtime's error over it, and `Sending`, the future a request's `send` returns |
//! | `src/resources/…` | one module per resource (tag): a handle with one method per operation, and per operation a request builder |
//!
//! What is the same for every spec lives once per output folder in the
//! `apigen-runtime` crate (feature `client`, [`super::runtime`]): sending with
//! credentials, `X-Request-ID`, retries and deprecation notices; parameter
//! encoding by `style`/`explode`; form and multipart bodies; pagination streams
//! in the four styles of docs/standard.md §6; the error type. The spec's facts reach it as
//! data: the error body as a type parameter, the base URL and scheme count as
//! arguments, each operation's id, method, path, security and retry safety as
//! arguments of `Call::new`.
//!
//! Handles: `client.orders()`. When operations live under more than one API
//! version (`/api/v1`, `/api/v2`), resources of versioned paths are reached
//! through the version: `client.v2().projects()`; unversioned ones stay on
//! the client (`client.health()`).
//!
//! Every operation `op` becomes `handle.op(required…)`, returning a request
//! builder with one setter per optional parameter; the builder is sent with
//! `.send().await` or awaited directly (`IntoFuture`); paginated operations
//! add `.stream()`. With more than [`MAX_ARGS`] required parameters the method
//! takes them in one `…Params` struct instead.

use serde::Serialize;

use super::super::names::rust::PRELUDE;
use super::super::names::{snake_ident, type_ident, Scope};
use super::super::clients::{credential_names, CredentialKind};
use super::super::operations::{self, BodyKind, OperationView, ParamStyle, ParamView, ResourceView};
use crate::model::operations::{PathPiece, SchemeUse};
use super::super::{Context, Rendered, Target};
use crate::model::{Pagination, SchemeKind};

/// The `client-rust` target.
pub const TARGET: Target = Target {
    name: "client-rust",
    summary: "typed async Rust client on reqwest: auth, retries, pagination streams, typed errors",
    requires: &["models"],
    needs_operations: true,
    owned_depth: 1,
    render,
};

/// Required parameters taken as method arguments; beyond this they go in a `…Params` struct
/// (clippy's `too_many_arguments` allows 7 arguments, `&self` included).
pub const MAX_ARGS: usize = 6;

/// Names on a request builder that parameters must not take.
const BUILDER_NAMES: &[&str] = &[
    "client",
    "body",
    "send",
    "stream",
    "into_future",
    "idempotency_key",
    "file_part",
    "file_parts",
    "build_call",
    "clone",
    "fmt",
];

/// Names on `Client` that handles must not take.
const CLIENT_NAMES: &[&str] = &["builder", "base_url", "transport", "clone", "fmt", "new", "default"];

/// Names on `ClientBuilder` that credential setters must not take.
const BUILDER_CONFIG_NAMES: &[&str] = &[
    "new",
    "default",
    "base_url",
    "timeout",
    "connect_timeout",
    "user_agent",
    "max_retries",
    "backoff",
    "max_retry_after",
    "on_deprecation",
    "http_client",
    "build",
    "clone",
    "fmt",
];

/// Type names a generated module uses unqualified, besides the prelude's ([`PRELUDE`]).
const CLIENT_TYPES: &[&str] = &["ParamStyle", "Client", "Error", "Self_", "IntoFuture"];

/// The names a type of a generated module must not take.
fn reserved_types() -> Scope {
    Scope::with(&[CLIENT_TYPES, PRELUDE].concat())
}

/// The crate folder and package name.
pub fn crate_name(ctx: &Context<'_>) -> String {
    format!("{}-client", ctx.settings.name)
}

/// The Rust name of a crate (`orders-client` → `orders_client`).
fn crate_ident(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

#[derive(Serialize)]
struct CrateView {
    /// The crate has a `webhooks` module (the spec declares webhooks).
    webhooks: bool,
    crate_name: String,
    crate_ident: String,
    models_crate: String,
    models_ident: String,
    crate_version: String,
    title: String,
    version: String,
    description: Option<String>,
    default_base_url: Option<String>,
    error_body: String,
    error_body_doc: String,
    schemes: Vec<SchemeView>,
    /// Some scheme has a credential setter (the client module imports `Credential`).
    credentials: bool,
    example: Vec<String>,
    /// Top-level handles and version groups.
    top: ModuleListView,
}

#[derive(Serialize, Clone)]
struct SchemeView {
    index: usize,
    name: String,
    setter: String,
    /// The credential the scheme takes.
    kind: CredentialKind,
    /// For `api_key`: `header`, `query` or `cookie`.
    location: String,
    /// Header, query or cookie name of an API key; the scheme of other `http` schemes.
    key: String,
    doc: String,
}

/// Where a required argument of a handle method goes.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum ArgLocation {
    Path,
    Query,
    Header,
    Cookie,
    Body,
}

impl ArgLocation {
    /// The location as a word (`path`, `body`), for docs and [`CallArg`].
    fn as_str(self) -> &'static str {
        match self {
            ArgLocation::Path => "path",
            ArgLocation::Query => "query",
            ArgLocation::Header => "header",
            ArgLocation::Cookie => "cookie",
            ArgLocation::Body => "body",
        }
    }
}

/// How an argument becomes its field: as it is, or through `Into` (an `impl Into<…>` argument).
/// Serialized as the conversion the template appends (`""` or `.into()`).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
enum Conv {
    #[serde(rename = "")]
    Plain,
    #[serde(rename = ".into()")]
    Into,
}

/// How a response body decodes.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
#[serde(rename_all = "snake_case")]
enum Decode {
    /// JSON into the body type.
    Json,
    /// Text into a `String`.
    Text,
    /// Raw bytes into a `Vec<u8>`.
    Bytes,
    /// No body.
    Unit,
    /// One of several 2xx responses: the operation's response enum.
    Enum,
}

/// A parameter style as the runtime names it (`apigen_runtime::client::ParamStyle`).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
enum RuntimeStyle {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

impl RuntimeStyle {
    /// The style a parameter is encoded in; one OpenAPI does not define is its location's default.
    fn of(style: &ParamStyle, location: ArgLocation) -> RuntimeStyle {
        match style {
            ParamStyle::Simple => RuntimeStyle::Simple,
            ParamStyle::Label => RuntimeStyle::Label,
            ParamStyle::Matrix => RuntimeStyle::Matrix,
            ParamStyle::Form => RuntimeStyle::Form,
            ParamStyle::SpaceDelimited => RuntimeStyle::SpaceDelimited,
            ParamStyle::PipeDelimited => RuntimeStyle::PipeDelimited,
            ParamStyle::DeepObject => RuntimeStyle::DeepObject,
            ParamStyle::Other(_) => match location {
                ArgLocation::Query | ArgLocation::Cookie => RuntimeStyle::Form,
                ArgLocation::Path | ArgLocation::Header | ArgLocation::Body => RuntimeStyle::Simple,
            },
        }
    }
}

/// The runtime's pagination style (`apigen_runtime::client::Style`): skip paging is offset
/// paging with another parameter name.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
enum StreamStyle {
    Page,
    Cursor,
    Offset,
}

/// What `resources/mod.rs` or `resources/vN/mod.rs` declares.
#[derive(Serialize, Default)]
struct ModuleListView {
    /// `resources` at the top, `resources::v2` in a version.
    path: String,
    /// For a version group: its struct name (`V2`) and number.
    version_type: Option<String>,
    version: u32,
    handles: Vec<HandleView>,
    versions: Vec<VersionView>,
}

#[derive(Serialize, Clone)]
struct HandleView {
    module: String,
    method: String,
    type_name: String,
    doc: String,
}

#[derive(Serialize)]
struct VersionView {
    module: String,
    method: String,
    type_name: String,
    version: u32,
}

#[derive(Serialize)]
struct ResourceModuleView {
    crate_ident: String,
    handle: HandleView,
    /// How users reach the handle (`client.orders()`, `client.v2().projects()`).
    reach: String,
    ops: Vec<OpView>,
    /// Some type of the module comes from the models crate.
    uses_models: bool,
    /// Some operation encodes a parameter (the module imports `ParamStyle`).
    uses_param_styles: bool,
}

#[derive(Serialize)]
struct OpView {
    id: String,
    fn_name: String,
    doc: String,
    deprecated: Option<String>,
    method: String,
    path: String,
    /// The `Accept` header (empty: none documented).
    accept: String,
    request_type: String,
    response_type: Option<String>,
    params_type: Option<String>,
    args: Vec<ArgView>,
    fields: Vec<FieldView>,
    setters: Vec<SetterView>,
    path_pieces: Vec<PieceView>,
    query: Vec<EncodeView>,
    headers: Vec<EncodeView>,
    cookies: Vec<EncodeView>,
    body: Option<BodyEncodeView>,
    idempotency_key: bool,
    retry_safe: bool,
    security: String,
    success: SuccessView,
    stream: Option<StreamView>,
}

/// A required argument of the handle method (or a field of its `…Params` struct).
#[derive(Serialize)]
struct ArgView {
    ident: String,
    /// Where the value goes.
    location: ArgLocation,
    /// The parameter's name on the wire (empty for the body).
    wire: String,
    /// The argument type (`impl Into<String>` for strings).
    ty: String,
    /// The field type (in a `…Params` struct).
    field_ty: String,
    /// `.into()` for `impl Into<…>` arguments.
    conv: Conv,
    doc: String,
}

/// A field of the request builder.
#[derive(Serialize)]
struct FieldView {
    ident: String,
    ty: String,
}

/// A setter of an optional parameter (or optional body).
#[derive(Serialize)]
struct SetterView {
    ident: String,
    arg_ty: String,
    conv: Conv,
    doc: String,
}

/// A piece of the path: a literal or an encoded parameter.
#[derive(Serialize)]
struct PieceView {
    literal: Option<String>,
    field: String,
    name: String,
    /// The parameter's style (`None` for a literal).
    style: Option<RuntimeStyle>,
    explode: bool,
}

/// A parameter to encode into the request.
#[derive(Serialize)]
struct EncodeView {
    field: String,
    name: String,
    style: RuntimeStyle,
    explode: bool,
}

#[derive(Serialize)]
struct BodyEncodeView {
    kind: BodyKind,
    content_type: String,
    optional: bool,
    fields: Vec<operations::BodyFieldView>,
    has_files: bool,
}

#[derive(Serialize)]
struct SuccessView {
    /// The Rust type `send` returns.
    ty: String,
    decode: Decode,
    variants: Vec<VariantView>,
    doc: String,
}

#[derive(Serialize)]
struct VariantView {
    name: String,
    code: Option<u16>,
    status: String,
    decode: Decode,
    ty: Option<String>,
    doc: String,
    /// The first variant without an exact code (`2XX`, `default`): it takes every other 2xx status.
    catch_all: bool,
}

#[derive(Serialize)]
struct StreamView {
    item_ty: String,
    style: Pagination,
    style_variant: StreamStyle,
    position: String,
    /// `None`: the runtime's `Paging` field is `None` (no page size, the body is the array,
    /// the metadata sits beside the items).
    size: Option<String>,
    items: Option<String>,
    meta: Option<String>,
}

fn render(ctx: &Context<'_>) -> Rendered {
    let dir = crate_name(ctx);
    let crate_ident = crate_ident(&dir);
    let models_crate = super::models::crate_name(ctx);
    let resources = operations::resources(ctx);
    let schemes = schemes(ctx);

    let layout = layout(&resources, &schemes, &dir, &crate_ident)?;
    let Layout { top, groups, modules } = layout;
    let mut files = Vec::new();
    // For the crate docs' example: a call that needs no argument, and a stream.
    let mut sample_call: Option<String> = None;
    let mut sample_stream: Option<String> = None;
    for (file, _, view) in &modules {
        for op in view.ops.iter().filter(|op| op.args.is_empty() && op.deprecated.is_none() && op.params_type.is_none())
        {
            let call = format!("{}.{}()", view.reach, op.fn_name);
            if op.stream.is_some() && sample_stream.is_none() {
                sample_stream = Some(call.clone());
            }
            sample_call.get_or_insert(call);
        }
        files.push((file.clone(), ctx.render("client-rust/resource.rs.j2", view)?));
    }

    let (error_body, error_body_doc) = error_body(ctx);
    let default_base_url = default_base_url(ctx);
    let example = example(&crate_ident, &schemes, default_base_url.is_some(), sample_call, sample_stream);
    let events = super::receivers::event_views(ctx, &["Unknown"], type_ident, |t| ctx.rust.of(t, "crate::models::"));
    let view = CrateView {
        webhooks: !events.is_empty(),
        crate_name: dir.clone(),
        crate_ident: crate_ident.clone(),
        models_ident: crate_ident_of(&models_crate),
        models_crate,
        crate_version: ctx.crate_version(),
        title: ctx.api.title.clone(),
        version: ctx.api.version.clone(),
        description: ctx.api.description.clone(),
        default_base_url,
        error_body,
        error_body_doc,
        credentials: schemes.iter().any(|s| s.kind != CredentialKind::None),
        schemes,
        example,
        top,
    };
    let mut out = vec![
        (format!("{dir}/Cargo.toml"), ctx.render("client-rust/Cargo.toml.j2", &view)?),
        (format!("{dir}/src/lib.rs"), ctx.render("client-rust/lib.rs.j2", &view)?),
        (format!("{dir}/src/client.rs"), ctx.render("client-rust/client.rs.j2", &view)?),
        (format!("{dir}/src/error.rs"), ctx.render("client-rust/error.rs.j2", &view)?),
        (format!("{dir}/src/resources/mod.rs"), ctx.render("client-rust/resources.rs.j2", &view.top)?),
    ];
    for (group, version) in groups.iter().zip(&view.top.versions) {
        out.push((
            format!("{dir}/src/resources/{}/mod.rs", version.module.trim_start_matches("r#")),
            ctx.render("client-rust/resources.rs.j2", group)?,
        ));
    }
    out.extend(files);
    if view.webhooks {
        let events = serde_json::json!({ "events": events });
        out.push((format!("{dir}/src/webhooks.rs"), ctx.render("client-rust/webhooks.rs.j2", &events)?));
    }
    out.extend(super::runtime::files(ctx)?);
    Ok(out)
}

/// The Rust type of error responses' bodies (the spec's error schema, else JSON) and its doc.
fn error_body(ctx: &Context<'_>) -> (String, String) {
    let schema = &ctx.api.conventions.error_schema;
    match ctx.api.types.component(schema) {
        Some(id) => (
            format!("crate::models::{}", ctx.rust.name(id)),
            format!("The body of error responses: the spec's error schema `{schema}`."),
        ),
        None => (
            "serde_json::Value".to_string(),
            format!("The body of error responses, as JSON: the spec has no `{schema}` schema."),
        ),
    }
}

/// The base URL a client uses unless told another: the first server, when it is a plain
/// `http(s)` URL (no variables, no whitespace).
fn default_base_url(ctx: &Context<'_>) -> Option<String> {
    ctx.api
        .servers
        .first()
        .filter(|u| {
            (u.starts_with("https://") || u.starts_with("http://")) && !u.contains('{') && !u.contains(char::is_whitespace)
        })
        .cloned()
}

/// How code reaches one operation of the generated crate, for tools that drive every
/// operation (the Rust driver of `scripts/prism-check.sh`).
#[derive(Debug, Clone, Serialize)]
pub struct CallSite {
    /// The operation id.
    pub operation: String,
    /// The handle: `client.orders()`, `client.v2().projects()`.
    pub reach: String,
    /// The resource module below the crate root (`resources::orders`).
    pub module: String,
    /// The handle's method.
    pub method: String,
    /// The `…Params` struct (in `module`) the method takes instead of arguments, if any.
    pub params_type: Option<String>,
    /// The required arguments, in order (fields of the `…Params` struct when there is one).
    pub args: Vec<CallArg>,
}

/// One required argument of a [`CallSite`].
#[derive(Debug, Clone, Serialize)]
pub struct CallArg {
    /// The argument (or `…Params` field) name.
    pub ident: String,
    /// `path`, `query`, `header`, `cookie` or `body`.
    pub location: String,
    /// The parameter's name on the wire; empty for the body.
    pub name: String,
    /// The Rust type of the value (`String`, `models::Order`, `Vec<u8>`).
    pub ty: String,
    /// The body is sent as text (`String`) or raw bytes (`Vec<u8>`) rather than as its model type.
    pub raw: bool,
}

/// Every operation's call site in the crate the target renders, in the order of its files.
///
/// Errors: as rendering the target.
pub fn call_sites(ctx: &Context<'_>) -> Result<Vec<CallSite>, String> {
    let dir = crate_name(ctx);
    let crate_ident = crate_ident(&dir);
    let resources = operations::resources(ctx);
    let schemes = schemes(ctx);
    let layout = layout(&resources, &schemes, &dir, &crate_ident)?;
    let mut out = Vec::new();
    for (_, module, view) in layout.modules {
        for op in view.ops {
            let raw = op.body.as_ref().is_some_and(|b| matches!(b.kind, BodyKind::Text | BodyKind::Bytes));
            out.push(CallSite {
                operation: op.id,
                reach: view.reach.clone(),
                module: module.clone(),
                method: op.fn_name,
                params_type: op.params_type,
                args: op
                    .args
                    .into_iter()
                    .map(|a| CallArg {
                        raw: raw && a.location == ArgLocation::Body,
                        ident: a.ident,
                        location: a.location.as_str().to_string(),
                        name: a.wire,
                        ty: a.field_ty,
                    })
                    .collect(),
            });
        }
    }
    Ok(out)
}

/// The `ClientBuilder` setters of the spec's credentials: (setter, `bearer`/`api_key`/`basic`/`http`).
pub fn credential_setters(ctx: &Context<'_>) -> Vec<(String, String)> {
    schemes(ctx)
        .into_iter()
        .filter(|s| s.kind != CredentialKind::None)
        .map(|s| (s.setter, s.kind.as_str().to_string()))
        .collect()
}

/// The handles and resource modules of the crate: where each resource's file goes and how
/// users reach its handle.
struct Layout {
    top: ModuleListView,
    groups: Vec<ModuleListView>,
    /// (file, module path, view) of every resource module.
    modules: Vec<(String, String, ResourceModuleView)>,
}

fn layout(
    resources: &[ResourceView],
    schemes: &[SchemeView],
    dir: &str,
    crate_ident: &str,
) -> Result<Layout, String> {
    // Handles: flat on the client unless operations span more than one API version.
    let mut versions: Vec<u32> = resources.iter().map(|r| r.version).filter(|v| *v > 0).collect();
    versions.sort_unstable();
    versions.dedup();
    let grouped = versions.len() > 1;
    let mut top = ModuleListView { path: "resources".into(), ..ModuleListView::default() };
    // `mod` would be the module file of the folder itself (`resources/mod.rs`), and a module
    // named like the one it is in (`resources::resources`) is one clippy refuses.
    let mut top_modules = Scope::with(&["mod", "resources"]);
    let mut top_methods = Scope::with(CLIENT_NAMES);
    let mut top_types = reserved_types();
    let mut groups = if grouped {
        version_groups(&versions, &mut top, [&mut top_modules, &mut top_methods, &mut top_types])
    } else {
        Vec::new()
    };
    let mut group_scopes: Vec<(Scope, Scope, Scope)> = groups
        .iter()
        .zip(&top.versions)
        .map(|(_, v)| {
            let modules = Scope::with(&["mod", v.module.as_str()]);
            (modules, Scope::with(&["new", "client", "clone", "fmt"]), reserved_types())
        })
        .collect();
    let mut built = Vec::new();
    for res in resources {
        let group = if grouped && res.version > 0 { versions.iter().position(|v| *v == res.version) } else { None };
        let (modules, methods, types) = match group {
            Some(g) => {
                let (a, b, c) = &mut group_scopes[g];
                (a, b, c)
            }
            None => (&mut top_modules, &mut top_methods, &mut top_types),
        };
        let base = res.module.trim_start_matches("r#").to_string();
        let module = modules.unique(snake_ident(&base));
        let method = methods.unique(snake_ident(&base));
        let type_name = types.unique(type_ident(&base));
        let doc = res
            .doc
            .clone()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| format!("Operations of the `{}` resource.", res.name.replace('`', "'")));
        let handle = HandleView { module: module.clone(), method: method.clone(), type_name, doc };
        let file_stem = module.trim_start_matches("r#").to_string();
        let (file, reach) = match group {
            Some(g) => {
                let vmod = &top.versions[g];
                groups[g].handles.push(handle.clone());
                (
                    format!("{dir}/src/resources/{}/{file_stem}.rs", vmod.module.trim_start_matches("r#")),
                    format!("client.{}().{method}()", vmod.method),
                )
            }
            None => {
                top.handles.push(handle.clone());
                (format!("{dir}/src/resources/{file_stem}.rs"), format!("client.{method}()"))
            }
        };
        let module_path = match group {
            Some(g) => format!("resources::{}::{module}", top.versions[g].module),
            None => format!("resources::{module}"),
        };
        let view = resource_view(res, schemes, handle, reach, crate_ident)?;
        built.push((file, module_path, view));
    }
    Ok(Layout { top, groups, modules: built })
}


/// One module per API version below `resources` and its handle on the client (`client.v2()`),
/// named clear of the client's own modules, methods and types (`scopes`, in that order).
fn version_groups(versions: &[u32], top: &mut ModuleListView, scopes: [&mut Scope; 3]) -> Vec<ModuleListView> {
    let [modules, methods, types] = scopes;
    let mut groups = Vec::new();
    for v in versions {
        let module = modules.unique(format!("v{v}"));
        let method = methods.unique(format!("v{v}"));
        let type_name = types.unique(format!("V{v}"));
        top.versions.push(VersionView { module: module.clone(), method, type_name: type_name.clone(), version: *v });
        groups.push(ModuleListView {
            path: format!("resources::{module}"),
            version_type: Some(type_name),
            version: *v,
            ..ModuleListView::default()
        });
    }
    groups
}

fn crate_ident_of(name: &str) -> String {
    crate_ident(name)
}

/// The crate docs' example: build a client, call an operation, stream a list.
fn example(
    crate_ident: &str,
    schemes: &[SchemeView],
    has_base: bool,
    call: Option<String>,
    stream: Option<String>,
) -> Vec<String> {
    let mut lines = Vec::new();
    if stream.is_some() {
        lines.push("use futures::TryStreamExt;".to_string());
        lines.push(String::new());
    }
    lines.push(format!("let client = {crate_ident}::Client::builder()"));
    if !has_base {
        lines.push("    .base_url(\"https://api.example.com\")".into());
    }
    if let Some(s) = schemes.iter().find(|s| s.kind != CredentialKind::None) {
        lines.push(match s.kind {
            CredentialKind::Basic => format!("    .{}(\"user\", \"password\")", s.setter),
            _ => format!("    .{}(\"secret\")", s.setter),
        });
    }
    lines.push("    .max_retries(3)".into());
    lines.push("    .build()?;".into());
    if let Some(call) = call {
        lines.push(String::new());
        lines.push("// One call: required parameters are arguments, the request is awaited.".into());
        lines.push(format!("let answer = {call}.await?;"));
    }
    if let Some(stream) = stream {
        lines.push(String::new());
        lines.push("// Every item of every page.".into());
        lines.push(format!("let items: Vec<_> = {stream}.stream().try_collect().await?;"));
    }
    lines
}

fn schemes(ctx: &Context<'_>) -> Vec<SchemeView> {
    let all = &ctx.api.security_schemes;
    let snake = |name: &str| snake_ident(name).trim_start_matches("r#").to_string();
    let mut setters = Scope::with(BUILDER_CONFIG_NAMES);
    all.iter()
        .zip(credential_names(all, snake))
        .enumerate()
        .map(|(index, (s, setter))| {
            let kind = CredentialKind::of(&s.kind);
            let (location, key) = match &s.kind {
                SchemeKind::ApiKey { location, name } => (location.clone(), name.clone()),
                SchemeKind::OtherHttp(scheme) => (String::new(), scheme.clone()),
                _ => (String::new(), String::new()),
            };
            let setter =
                if kind == CredentialKind::None { String::new() } else { setters.unique(snake_ident(&setter)) };
            let what = match kind {
                CredentialKind::Bearer => "a bearer token (`Authorization: Bearer …`)".to_string(),
                CredentialKind::ApiKey => format!("an API key in the `{key}` {location}"),
                CredentialKind::Basic => "HTTP basic credentials (`Authorization: Basic …`)".to_string(),
                CredentialKind::Http => format!("`Authorization: {key} …` credentials"),
                CredentialKind::None => "unsupported credentials".to_string(),
            };
            let mut doc = format!("Authenticates with {what}: security scheme `{}`.", s.name);
            if let Some(d) = s.description.as_deref().filter(|d| !d.trim().is_empty()) {
                doc.push_str("\n\n");
                doc.push_str(d);
            }
            SchemeView { index, name: s.name.clone(), setter, kind, location, key, doc }
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn resource_view(
    res: &ResourceView,
    schemes: &[SchemeView],
    handle: HandleView,
    reach: String,
    crate_ident: &str,
) -> Result<ResourceModuleView, String> {
    let mut types = reserved_types();
    types.unique(handle.type_name.clone());
    let ops: Vec<OpView> = res.operations.iter().map(|op| op_view(op, schemes, &mut types)).collect();
    let uses_models = ops.iter().any(|op| {
        let mentions = |ty: &str| ty.contains(operations::MODELS);
        op.fields.iter().any(|f| mentions(&f.ty))
            || op.args.iter().any(|a| mentions(&a.field_ty))
            || mentions(&op.success.ty)
            || op.success.variants.iter().any(|v| v.ty.as_deref().is_some_and(mentions))
            || op.stream.as_ref().is_some_and(|s| mentions(&s.item_ty))
    });
    let uses_param_styles = ops.iter().any(|op| {
        op.path_pieces.iter().any(|p| p.style.is_some())
            || !op.query.is_empty()
            || !op.headers.is_empty()
            || !op.cookies.is_empty()
    });
    Ok(ResourceModuleView { crate_ident: crate_ident.to_string(), handle, reach, ops, uses_models, uses_param_styles })
}

/// The argument type and conversion of a value of Rust type `ty`.
fn arg_type(ty: &str) -> (String, Conv) {
    if ty == "String" {
        ("impl Into<String>".into(), Conv::Into)
    } else {
        (ty.to_string(), Conv::Plain)
    }
}

fn param_doc(p: &ParamView, location: ArgLocation) -> String {
    let what = format!("The `{}` {} parameter.", p.facts.name, location.as_str());
    match p.facts.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => format!("{d}\n\n{what}"),
        None => what,
    }
}

/// A parameter of the request builder: where it goes and its field (and setter) name.
struct LocatedParam<'v> {
    param: &'v ParamView<'v>,
    location: ArgLocation,
    field: String,
}

/// The builder's parameters in path (template order), query, header, cookie order, with
/// field names clear of the builder's own methods.
fn located_params<'v>(op: &'v OperationView<'_>) -> Vec<LocatedParam<'v>> {
    let mut names = Scope::with(BUILDER_NAMES);
    let groups = [
        (&op.path_params, ArgLocation::Path),
        (&op.query_params, ArgLocation::Query),
        (&op.header_params, ArgLocation::Header),
        (&op.cookie_params, ArgLocation::Cookie),
    ];
    let mut located = Vec::new();
    for (params, location) in groups {
        for param in params {
            let base = param.ident.trim_start_matches("r#");
            let field = if BUILDER_NAMES.contains(&base) {
                names.unique(format!("{base}_param"))
            } else {
                names.unique(param.ident.clone())
            };
            located.push(LocatedParam { param, location, field });
        }
    }
    located
}

/// The handle method's arguments (required parameters and body) and the builder's fields and
/// setters (optional ones).
#[derive(Default)]
struct Members {
    args: Vec<ArgView>,
    fields: Vec<FieldView>,
    setters: Vec<SetterView>,
}

impl Members {
    fn add_param(&mut self, located: &LocatedParam<'_>) {
        let (p, location, field) = (located.param, located.location, located.field.clone());
        let (arg_ty, conv) = arg_type(&p.ty);
        if p.facts.required || location == ArgLocation::Path {
            let doc = p
                .facts.doc
                .clone()
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| format!("The `{}` {} parameter.", p.facts.name, location.as_str()));
            let wire = p.facts.name.clone();
            self.args.push(ArgView { ident: field.clone(), location, wire, ty: arg_ty, field_ty: p.ty.clone(), conv, doc });
            self.fields.push(FieldView { ident: field, ty: p.ty.clone() });
        } else {
            self.setters.push(SetterView { ident: field.clone(), arg_ty, conv, doc: param_doc(p, location) });
            self.fields.push(FieldView { ident: field, ty: format!("Option<{}>", p.ty) });
        }
    }

    /// Adds the body (an argument when required, else a setter); how it is encoded.
    fn add_body(&mut self, b: &operations::BodyView) -> BodyEncodeView {
        let doc = b.facts.doc.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(|| "The request body.".into());
        let doc = format!("{doc}\n\nSent as `{}`.", b.facts.content_type.replace('`', "'"));
        let (arg_ty, conv) = match b.facts.kind {
            BodyKind::Text => ("impl Into<String>".to_string(), Conv::Into),
            BodyKind::Bytes => ("impl Into<Vec<u8>>".to_string(), Conv::Into),
            BodyKind::Json | BodyKind::Form | BodyKind::Multipart => (b.ty.clone(), Conv::Plain),
        };
        let ident = "body".to_string();
        if b.facts.required {
            let location = ArgLocation::Body;
            let field_ty = b.ty.clone();
            self.args.push(ArgView { ident: ident.clone(), location, wire: String::new(), ty: arg_ty, field_ty, conv, doc });
            self.fields.push(FieldView { ident, ty: b.ty.clone() });
        } else {
            self.setters.push(SetterView { ident: ident.clone(), arg_ty, conv, doc });
            self.fields.push(FieldView { ident, ty: format!("Option<{}>", b.ty) });
        }
        let by_member = matches!(b.facts.kind, BodyKind::Multipart | BodyKind::Form);
        BodyEncodeView {
            kind: b.facts.kind,
            content_type: b.facts.content_type.clone(),
            optional: !b.facts.required,
            fields: if by_member { b.fields.clone() } else { Vec::new() },
            has_files: b.facts.kind == BodyKind::Multipart && b.fields.iter().any(|f| f.binary.is_some()),
        }
    }
}

fn op_view(op: &OperationView, schemes: &[SchemeView], types: &mut Scope) -> OpView {
    let request_type = types.unique(format!("{}Request", op.type_name));
    let located = located_params(op);
    let mut members = Members::default();
    for param in &located {
        members.add_param(param);
    }
    let body = op.body.as_ref().map(|b| members.add_body(b));
    let params_type = (members.args.len() > MAX_ARGS).then(|| types.unique(format!("{}Params", op.type_name)));
    let encode = |location: ArgLocation| -> Vec<EncodeView> {
        located
            .iter()
            .filter(|l| l.location == location)
            .map(|l| EncodeView {
                field: l.field.clone(),
                name: l.param.facts.name.clone(),
                style: RuntimeStyle::of(&l.param.facts.style, location),
                explode: l.param.facts.explode,
            })
            .collect()
    };
    let success = success(op, types);
    OpView {
        id: op.facts.id.clone(),
        fn_name: op.fn_name.clone(),
        doc: op_doc(op, &members.args, params_type.is_none()),
        deprecated: op.facts.deprecated.then(|| match &op.facts.sunset {
            Some(s) => format!("deprecated by the API; removed after {s}"),
            None => "deprecated by the API".to_string(),
        }),
        method: op.facts.method.as_str().to_uppercase(),
        path: op.facts.path.clone(),
        accept: op.facts.accept.clone(),
        request_type,
        response_type: (success.decode == Decode::Enum).then(|| success.ty.clone()),
        params_type,
        path_pieces: path_piece_views(op, &located),
        query: encode(ArgLocation::Query),
        headers: encode(ArgLocation::Header),
        cookies: encode(ArgLocation::Cookie),
        args: members.args,
        fields: members.fields,
        setters: members.setters,
        body,
        idempotency_key: op.facts.idempotency_key,
        retry_safe: op.facts.retry_safe,
        security: security_expr(&op.security, schemes),
        success,
        stream: op.pagination.as_ref().map(stream_view),
    }
}

/// The method's doc: the operation's, its method and path, deprecation, and the arguments
/// (when `lists_args`: they are not the fields of a `…Params` struct, documented there).
fn op_doc(op: &OperationView, args: &[ArgView], lists_args: bool) -> String {
    let mut doc = op.doc.clone();
    doc.push_str(&format!("\n\n`{}`", op.facts.label.replace('`', "'")));
    if op.facts.deprecated {
        doc.push_str("\n\n**Deprecated**");
        match &op.facts.sunset {
            Some(s) => doc.push_str(&format!(": removed after {s} (sunset).")),
            None => doc.push('.'),
        }
    }
    if !args.is_empty() && lists_args {
        doc.push_str("\n\n# Arguments\n");
        for a in args {
            doc.push_str(&format!("\n* `{}`: {}", a.ident.trim_start_matches("r#"), one_line(&a.doc)));
        }
    }
    doc
}

fn stream_view(pagination: &operations::PaginationView<'_>) -> StreamView {
    let p = pagination.facts;
    StreamView {
        item_ty: pagination.item_ty.clone(),
        style: p.style,
        style_variant: match p.style {
            Pagination::Page => StreamStyle::Page,
            Pagination::Cursor => StreamStyle::Cursor,
            Pagination::Offset | Pagination::Skip => StreamStyle::Offset,
        },
        position: p.position.to_string(),
        size: p.size.map(str::to_string),
        items: p.items_field.clone(),
        meta: p.meta_field.clone(),
    }
}

/// The path as literal pieces and encoded path parameters (the first of `located`).
fn path_piece_views(op: &OperationView, located: &[LocatedParam<'_>]) -> Vec<PieceView> {
    let piece = |piece: &PathPiece| match piece {
        PathPiece::Literal(text) => {
            PieceView { literal: Some(text.clone()), field: String::new(), name: String::new(), style: None, explode: false }
        }
        PathPiece::Param(index) => {
            let LocatedParam { param, field, .. } = &located[*index];
            PieceView {
                literal: None,
                field: field.clone(),
                name: param.facts.name.clone(),
                style: Some(RuntimeStyle::of(&param.facts.style, ArgLocation::Path)),
                explode: param.facts.explode,
            }
        }
    };
    op.path_pieces.iter().map(piece).collect()
}

/// The operation's security alternatives as scheme indices: `&[&[0], &[1, 2]]`; an alternative
/// naming a scheme this client cannot send is left out.
fn security_expr(security: &[Vec<SchemeUse>], schemes: &[SchemeView]) -> String {
    let sendable = |scheme: &SchemeUse| scheme.index().filter(|i| schemes[*i].kind != CredentialKind::None);
    let alternatives: Vec<String> = security
        .iter()
        .filter_map(|alt| alt.iter().map(|s| sendable(s).map(|i| i.to_string())).collect::<Option<Vec<_>>>())
        .filter(|indices| !indices.is_empty())
        .map(|indices| format!("&[{}]", indices.join(", ")))
        .collect();
    format!("&[{}]", alternatives.join(", "))
}

/// How a response's body decodes.
fn decode_of(r: &operations::ResponseView) -> (Decode, Option<String>) {
    match (&r.ty, &r.facts.raw) {
        (Some(ty), _) => (Decode::Json, Some(ty.clone())),
        (None, Some(media)) if media.to_ascii_lowercase().starts_with("text/") => (Decode::Text, Some("String".into())),
        (None, Some(_)) => (Decode::Bytes, Some("Vec<u8>".into())),
        (None, None) => (Decode::Unit, None),
    }
}

/// The success value: the one 2xx body type, or an enum over documented 2xx statuses.
fn success(op: &OperationView, types: &mut Scope) -> SuccessView {
    let mut ok: Vec<&operations::ResponseView> = op.responses.iter().filter(|r| r.facts.status.starts_with('2')).collect();
    // `default` is the success only when nothing else is: an operation that documents a
    // redirect (3xx) and a `default` error succeeds by redirecting, with no body to decode.
    let redirects = op.responses.iter().any(|r| r.facts.status.starts_with('3'));
    if ok.is_empty() && !redirects {
        ok = op.responses.iter().filter(|r| r.facts.status == "default").collect();
    }
    let mut kinds: Vec<(Decode, Option<String>)> = ok.iter().map(|r| decode_of(r)).collect();
    kinds.dedup();
    let mut distinct = kinds.clone();
    distinct.sort();
    distinct.dedup();
    match distinct.len() {
        0 => SuccessView { ty: "()".into(), decode: Decode::Unit, variants: Vec::new(), doc: String::new() },
        1 => {
            let (decode, ty) = distinct.remove(0);
            SuccessView { ty: ty.unwrap_or_else(|| "()".into()), decode, variants: Vec::new(), doc: String::new() }
        }
        _ => {
            let name = types.unique(format!("{}Response", op.type_name));
            let mut catch_all_taken = false;
            let variants = ok
                .iter()
                .map(|r| {
                    let (decode, ty) = decode_of(r);
                    let desc = one_line(&r.facts.doc);
                    let doc = if desc.is_empty() {
                        format!("`{}` response.", r.facts.status)
                    } else {
                        format!("`{}`: {desc}", r.facts.status)
                    };
                    let catch_all = r.facts.code.is_none() && !std::mem::replace(&mut catch_all_taken, true);
                    VariantView {
                        name: r.variant.clone(),
                        code: r.facts.code,
                        status: r.facts.status.clone(),
                        decode,
                        ty,
                        doc,
                        catch_all,
                    }
                })
                .collect();
            SuccessView {
                ty: name,
                decode: Decode::Enum,
                variants,
                doc: format!("The success responses of `{}`.", op.facts.id.replace('`', "'")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::generate::testing::{file, has, render_spec};

    #[test]
    fn a_style_openapi_does_not_define_is_encoded_in_its_locations_default() {
        use super::{ArgLocation, ParamStyle, RuntimeStyle};
        let other = ParamStyle::Other("weird".into());
        assert_eq!(RuntimeStyle::of(&other, ArgLocation::Query), RuntimeStyle::Form);
        assert_eq!(RuntimeStyle::of(&other, ArgLocation::Path), RuntimeStyle::Simple);
        assert_eq!(RuntimeStyle::of(&ParamStyle::PipeDelimited, ArgLocation::Query), RuntimeStyle::PipeDelimited);
    }

    fn generate(spec: &str) -> Vec<(String, String)> {
        render_spec(spec, "demo", &["client-rust"])
    }


    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Demo API, version: 2.1.0, description: "A demo.\n\n```\nnot rust\n```"}
servers: [{url: 'https://demo.example.com'}]
security: [{Bearer: []}]
tags: [{name: files, description: Stored files.}]
paths:
  /api/v1/files/{file_id}:
    get:
      operationId: get_file
      summary: Get a file
      tags: [files]
      deprecated: true
      x-sunset: '2027-06-30'
      parameters:
        - {name: file_id, in: path, required: true, schema: {type: string}}
        - {name: tags, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: type, in: query, schema: {type: string}}
      responses:
        '200': {description: The file., content: {application/json: {schema: {$ref: '#/components/schemas/File'}}}}
        '204': {description: Nothing yet.}
  /api/v1/files:
    post:
      operationId: upload_file
      summary: Upload a file
      tags: [files]
      x-idempotent: true
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [content]
              properties:
                content: {type: string, format: binary}
                note: {type: string}
      responses:
        '201': {description: Stored., content: {application/json: {schema: {$ref: '#/components/schemas/File'}}}}
    get:
      operationId: list_files
      summary: List files
      tags: [files]
      x-pagination: cursor
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200': {description: A page., content: {application/json: {schema: {$ref: '#/components/schemas/FileList'}}}}
  /api/v2/files:
    get:
      operationId: list_files_v2
      tags: [files]
      x-pagination: none
      responses:
        '200': {description: All., content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/File'}}}}}
components:
  securitySchemes:
    Bearer: {type: http, scheme: bearer}
    Key: {type: apiKey, in: query, name: api_key}
  schemas:
    File:
      type: object
      required: [id]
      properties: {id: {type: string}}
    FileList:
      type: object
      required: [items, next_cursor]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/File'}}
        next_cursor: {type: string, nullable: true}
"#;

    #[test]
    fn renders_a_client_crate_that_parses_with_the_expected_api() {
        let files = generate(SPEC);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        for expected in [
            "demo-client/Cargo.toml",
            "demo-client/src/lib.rs",
            "demo-client/src/client.rs",
            "demo-client/src/error.rs",
            "demo-client/src/resources/mod.rs",
            "demo-client/src/resources/v1/mod.rs",
            "demo-client/src/resources/v1/files.rs",
            "demo-client/src/resources/v2/files.rs",
        ] {
            assert!(paths.contains(&expected), "{expected} missing from {paths:?}");
        }
        // Every Rust file went through syn (render fails otherwise); parse again to be sure.
        for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        let v1 = file(&files, "demo-client/src/resources/v1/files.rs");
        // Deprecated operation: attribute, docs, path parameter as argument, optional ones as setters.
        assert!(has(v1, r#"#[deprecated(note = "deprecated by the API; removed after 2027-06-30")]"#), "{v1}");
        assert!(has(v1, "pub fn get_file(&self, file_id: impl Into<String>) -> GetFileRequest"), "{v1}");
        assert!(has(v1, "pub fn tags(mut self, tags: Vec<String>) -> Self"), "{v1}");
        assert!(has(v1, "pub fn r#type(mut self, r#type: impl Into<String>) -> Self"), "{v1}");
        assert!(has(v1, r#"call.query_param("tags", &self.tags, ParamStyle::Form, false)?"#), "{v1}");
        assert!(has(v1, r#"apigen_runtime::client::path_param("file_id", &self.file_id, ParamStyle::Simple, false)?"#), "{v1}");
        // Two 2xx responses: an enum.
        assert!(has(v1, "pub enum GetFileResponse"), "{v1}");
        assert!(has(v1, "Ok(models::File)"), "{v1}");
        assert!(has(v1, "NoContent,"), "{v1}");
        // Multipart with a binary member: a file part; an idempotency key.
        assert!(has(v1, "pub fn upload_file(&self, body: models::UploadFileRequest) -> UploadFileRequest"), "{v1}");
        assert!(has(v1, r#"form.file("content", &body.content"#), "{v1}");
        assert!(has(v1, "pub fn idempotency_key(mut self, key: impl Into<String>) -> Self"), "{v1}");
        // Cursor pagination: a stream.
        assert!(
            has(v1, "pub fn stream(self) -> futures::stream::BoxStream<'static, Result<models::File, crate::Error>>"),
            "{v1}"
        );
        assert!(has(v1, "style: apigen_runtime::client::Style::Cursor"), "{v1}");
        // Where it pages: members it has by name, those it has not as `None`, never `""`.
        let paging = &v1[v1.find("Paging {").expect("a Paging literal")..];
        let paging = &paging[..paging.find('}').unwrap()];
        assert!(paging.contains("items: Some(\"items\")") && paging.contains("meta: None"), "{paging}");
        assert!(!paging.contains("\"\""), "{paging}");
        // Versioned handles.
        let resources = file(&files, "demo-client/src/resources/mod.rs");
        assert!(has(resources, "pub fn v1(&self) -> v1::V1"), "{resources}");
        assert!(has(resources, "pub fn v2(&self) -> v2::V2"), "{resources}");
        // Auth: a setter per scheme.
        let client = file(&files, "demo-client/src/client.rs");
        assert!(has(client, "pub fn bearer_token(self, token: impl Into<String>) -> Self"), "{client}");
        assert!(has(client, "pub fn api_key(self, key: impl Into<String>) -> Self"), "{client}");
        assert!(has(client, r#"self.settings.credential(1, Credential::Query("api_key", key.into()))"#), "{client}");
        assert!(
            has(client, r#"pub const DEFAULT_BASE_URL: Option<&str> = Some("https://demo.example.com");"#),
            "{client}"
        );
        let cargo = file(&files, "demo-client/Cargo.toml");
        assert!(cargo.contains("demo-models = { path = \"../demo-models\" }"), "{cargo}");
        let lib = file(&files, "demo-client/src/lib.rs");
        assert!(has(lib, "pub use demo_models as models;"), "{lib}");
        assert!(lib.contains("```text\n//! not rust"), "{lib}");
    }

    #[test]
    fn many_required_parameters_go_in_a_params_struct() {
        let params: String = (1..=8)
            .map(|i| format!("        - {{name: p{i}, in: query, required: true, schema: {{type: integer}}}}\n"))
            .collect();
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1.0.0'}}\npaths:\n  /things:\n    get:\n      operationId: find\n      parameters:\n{params}      responses:\n        '200': {{description: ok}}\n"
        );
        let files = generate(&spec);
        let things = file(&files, "demo-client/src/resources/things.rs");
        assert!(has(things, "pub fn find(&self, params: FindParams) -> FindRequest"), "{things}");
        assert!(has(things, "pub struct FindParams"), "{things}");
        assert!(has(things, "pub p8: i64,"), "{things}");
        let client = file(&files, "demo-client/src/client.rs");
        assert!(has(client, "pub const DEFAULT_BASE_URL: Option<&str> = None;"), "{client}");
    }

    #[test]
    fn the_crate_holds_what_the_spec_says_and_the_runtime_the_rest() {
        let spec = r#"
openapi: 3.0.3
info: {title: Notes, version: 1.0.0}
security: [{Session: []}, {Basic: []}]
paths:
  /notes:
    post:
      operationId: create_note
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, required: [text], properties: {text: {type: string}, labels: {type: array, items: {type: string}}}}
      responses:
        '201': {description: Created., content: {text/plain: {schema: {type: string}}}}
components:
  securitySchemes:
    Session: {type: apiKey, in: cookie, name: sid}
    Basic: {type: http, scheme: basic}
"#;
        let files = generate(spec);
        let client_files: Vec<&str> =
            files.iter().filter_map(|(p, _)| p.strip_prefix("demo-client/")).collect();
        assert_eq!(
            client_files,
            ["Cargo.toml", "src/client.rs", "src/error.rs", "src/lib.rs", "src/resources/mod.rs", "src/resources/notes.rs"],
            "the client crate holds only what the spec determines"
        );
        let cargo = file(&files, "demo-client/Cargo.toml");
        assert!(cargo.contains(r#"apigen-runtime = { path = "../apigen-runtime", features = ["client", "webhooks"] }"#), "{cargo}");
        let notes = file(&files, "demo-client/src/resources/notes.rs");
        assert!(has(notes, "let mut form = apigen_runtime::client::Form::default();"), "{notes}");
        assert!(has(notes, r#"form.field("text", &body.text)?;"#), "{notes}");
        assert!(has(notes, r#"form.field("labels", &body.labels)?;"#), "{notes}");
        assert!(has(notes, "pub fn send(self) -> crate::Sending<String>"), "{notes}");
        assert!(has(notes, "self.client.transport.send(call, |reply| Ok(reply.text()))"), "{notes}");
        assert!(has(notes, "&[&[0], &[1]]"), "security alternatives as scheme indices: {notes}");
        let client = file(&files, "demo-client/src/client.rs");
        assert!(has(client, "const SCHEMES: usize = 2;"), "{client}");
        assert!(has(client, r#"self.settings.credential(0, Credential::Cookie("sid", key.into()))"#), "{client}");
        assert!(
            has(client, "pub fn basic_auth(self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self"),
            "{client}"
        );
        assert!(has(client, "Credential::basic(user.as_ref(), password.as_ref())"), "{client}");
        let error = file(&files, "demo-client/src/error.rs");
        assert!(has(error, "pub type ErrorBody = serde_json::Value;"), "no Error schema: JSON: {error}");
        assert!(has(error, "pub type Error = apigen_runtime::client::Error<ErrorBody>;"), "{error}");
        // The runtime is the same for every spec: another spec writes it byte for byte alike.
        let runtime = |files: &[(String, String)]| -> Vec<(String, String)> {
            files.iter().filter(|(p, _)| p.starts_with("apigen-runtime/")).cloned().collect()
        };
        let ours = runtime(&files);
        assert!(ours.iter().any(|(p, _)| p == "apigen-runtime/src/client/transport.rs"), "{ours:?}");
        assert_eq!(ours, runtime(&generate(SPEC)), "the runtime differs between specs");
    }
}
