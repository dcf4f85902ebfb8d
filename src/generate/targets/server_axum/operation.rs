//! One operation of the server as data: its request struct (parameters and body, how each is
//! read), its response enum (variants, statuses, headers) and its pagination arguments.
//! `templates/server-axum/resource.rs.j2` writes them.

use serde::Serialize;

use super::super::super::names::{snake_ident, Scope};
use super::super::super::operations::{self, BodyKind, OperationView, MODELS};
use super::super::super::rust::RustTypes;
use super::literal::{self, Literal};
use super::status::status_constant;
use super::validation::{BodyCheck, Validators};
use super::{SchemeView, UNDECLARED};
use crate::model::operations::{OperationFacts, SchemeUse, IDEMPOTENCY_KEY};
use crate::model::{Api, Pagination, ParamLocation, PathTemplate, Primitive, TypeKind, TypeRef};

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

/// The `use` lines of a resource module: exactly the names its code uses.
#[derive(Serialize, Default)]
pub(super) struct Imports {
    /// Below `apigen_runtime::server::` (`Call`, `pipeline::Shared`).
    pub(super) runtime: Vec<String>,
    /// Below `crate::` (`auth`, `models`, `validate`, `RequestContext`).
    pub(super) local: Vec<String>,
    /// `axum::http::StatusCode` (a response variant's status).
    pub(super) status_code: bool,
}

/// An operation: its trait method, request struct (with the `read` that fills it) and
/// response enum; the router mounts it with its [`Facts`].
#[derive(Serialize)]
pub(super) struct OpGen {
    pub(super) fn_name: String,
    pub(super) request: String,
    pub(super) response: String,
    pub(super) doc: String,
    pub(super) method: String,
    pub(super) path: String,
    pub(super) secured: bool,
    pub(super) facts: Facts,
    pub(super) params: Vec<ParamGen>,
    /// Locals of `read` that must be `Some` (required inputs without a default).
    pub(super) required_locals: Vec<String>,
    pub(super) body: Option<BodyGen>,
    pub(super) has_request: bool,
    pub(super) variants: Vec<VariantGen>,
    pub(super) pagination: Option<PaginationGen>,
    pub(super) routed: bool,
}

/// What the pipeline needs to know of an operation: the runtime's `Operation` the router
/// builds (`macros.j2`'s `operation`).
#[derive(Serialize, Clone)]
pub(super) struct Facts {
    pub(super) id: String,
    /// Security alternatives as the `auth` constants of their schemes.
    pub(super) security: Vec<Vec<String>>,
    pub(super) permissions: Vec<String>,
    pub(super) rate_limit: Option<(u64, u64)>,
    pub(super) audit: bool,
    pub(super) deprecated: bool,
    pub(super) sunset_http: Option<String>,
    /// 415 is documented (else a body of another media type answers 400).
    pub(super) unsupported_media_documented: bool,
    /// The operation declares a request body.
    pub(super) body: bool,
}

/// A parameter: a field of the request struct and how its `read` reads it.
#[derive(Serialize)]
pub(super) struct ParamGen {
    pub(super) name: String,
    /// The field of the request struct.
    pub(super) ident: String,
    /// The local of `read` holding the parsed value: the field's name, unless the function
    /// uses that name itself.
    pub(super) local: String,
    /// Where the parameter is read from.
    pub(super) location: ParamLocation,
    /// Rust type of the request field.
    pub(super) field_ty: String,
    /// Rust type of one parsed value.
    pub(super) item_ty: String,
    pub(super) list: bool,
    pub(super) explode: bool,
    pub(super) required: bool,
    /// The field is not an `Option` (required, or defaulted).
    pub(super) plain: bool,
    /// The default of an optional parameter, which makes the field plain.
    pub(super) default: Option<Literal>,
    pub(super) expect: String,
    /// The `validate` static of its constraints.
    pub(super) rules: Option<String>,
    /// Position among the path template's variables.
    pub(super) position: usize,
    pub(super) doc: String,
}

/// The request body: the `body` field and how it is read and checked.
#[derive(Serialize)]
pub(super) struct BodyGen {
    /// How the body is read (`Inputs::<kind>_body`): `json`, `form`, `text` or `bytes` (a
    /// multipart body is read as bytes).
    pub(super) kind: BodyKind,
    pub(super) ty: String,
    pub(super) field_ty: String,
    pub(super) required: bool,
    /// The JSON body's shape in `validate.rs` (`ORDER_CREATE`); `None` for other media types.
    pub(super) shape: Option<BodyCheck>,
    pub(super) content_type: String,
    pub(super) doc: String,
}

/// A variant of the response enum: one documented status.
#[derive(Serialize)]
pub(super) struct VariantGen {
    pub(super) name: String,
    pub(super) doc: String,
    pub(super) status: Status,
    pub(super) body_ty: Option<String>,
    pub(super) raw: Option<String>,
    pub(super) headers: Vec<HeaderGen>,
    pub(super) shape: Shape,
    pub(super) is_error: bool,
}

/// The status of a response variant.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum Status {
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
pub(super) enum Shape {
    /// No body, no headers.
    Unit,
    /// The body alone.
    Tuple,
    /// Named fields: status, body, headers.
    Struct,
}

/// A response header a variant carries as a field.
#[derive(Serialize)]
pub(super) struct HeaderGen {
    pub(super) name: String,
    pub(super) ident: String,
    pub(super) required: bool,
    pub(super) doc: String,
}

/// How an operation's pages are asked for: its `pagination()` and the runtime type it returns.
#[derive(Serialize)]
pub(super) struct PaginationGen {
    /// The style (`pagination::<Style>Params` of the runtime).
    pub(super) style: Pagination,
    /// The page, offset, skip or cursor field (`None`: the spec has none).
    pub(super) position: Option<PageArg>,
    /// The page size field.
    pub(super) limit: Option<PageArg>,
    pub(super) default_limit: u64,
    pub(super) max_limit: u64,
}

/// A request field passed to a pagination constructor.
#[derive(Serialize)]
pub(super) struct PageArg {
    pub(super) ident: String,
    /// Not an `Option` (required or defaulted).
    pub(super) plain: bool,
    /// An `i32` widened to `i64`.
    pub(super) widen: bool,
    /// A `String` cloned.
    pub(super) clone: bool,
}

/// The `use` lines a resource module needs.
pub(super) fn imports(ops: &[OpGen]) -> Imports {
    let mut runtime = Vec::new();
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
    // What `read` names; an operation the router does not mount has none.
    if any(&|o| o.routed && o.has_request) {
        runtime.extend(["ApiError", "Inputs"]);
    }
    if any(&|o| o.routed && !o.params.is_empty()) {
        runtime.push("Param");
    }
    if any(&|o| o.routed && o.body.is_some()) {
        runtime.push("Presence");
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
    if types_mention(MODELS) {
        local.push("models");
    }
    let json_body = any(&|o| o.body.as_ref().is_some_and(|b| matches!(b.shape, Some(BodyCheck::Static { .. }))));
    if json_body || any(&|o| o.params.iter().any(|p| p.rules.is_some())) {
        local.push("validate");
    }
    // As rustfmt orders them: modules and paths, then types.
    let order = |name: &&str| (name.starts_with(|c: char| c.is_ascii_uppercase()), name.to_string());
    runtime.sort_by_key(order);
    local.sort_by_key(order);
    let to_strings = |names: Vec<&str>| names.into_iter().map(str::to_string).collect();
    Imports { runtime: to_strings(runtime), local: to_strings(local), status_code: variants(&|_| true) }
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

/// What building an operation's data reads besides the operation itself.
pub(super) struct OpInputs<'i, 'v, 'a> {
    pub(super) api: &'i Api,
    pub(super) rust: &'i RustTypes<'a>,
    /// The constraint statics and body shapes `read` checks; `None` for an operation the
    /// router does not mount (it has no `read`).
    pub(super) validate: Option<&'v mut Validators<'a>>,
    /// The `auth` schemes, as `api.security_schemes` lists them.
    pub(super) schemes: &'i [SchemeView],
}

/// The operation's data.
pub(super) fn op_gen(inputs: OpInputs<'_, '_, '_>, view: &OperationView<'_>, type_scope: &mut Scope) -> OpGen {
    let op = view.facts;
    let OpInputs { api, rust, mut validate, schemes } = inputs;
    let request = type_scope.unique(format!("{}Request", view.type_name));
    let response = type_scope.unique(format!("{}Response", view.type_name));
    let mut params = params_gen(rust, validate.as_deref_mut(), view, op);
    if op.idempotency_key {
        let param = idempotency_param(validate.as_deref_mut(), op, &params);
        params.push(param);
    }
    let plain_fn = view.fn_name.trim_start_matches("r#");
    let body = view.body.as_ref().map(|b| body_gen(validate, b, plain_fn));
    let pagination = view.pagination.as_ref().and_then(|pv| pagination_gen(api, op, pv, &params));
    // The locals of `read` holding the parameters: the fields' names, but for the function's
    // own (its argument and `body`).
    let mut locals = Scope::with(&["inputs", "body"]);
    for p in &mut params {
        p.local = locals.unique(p.ident.clone());
    }
    let required_locals = params
        .iter()
        .filter(|p| p.required && p.default.is_none())
        .map(|p| p.local.clone())
        .chain(body.as_ref().filter(|b| b.required).map(|_| "body".to_string()))
        .collect();
    let facts = Facts {
        id: op.id.clone(),
        security: security_consts(view, schemes),
        permissions: op.permissions.clone(),
        rate_limit: op.rate_limit.map(|r| (r.requests, r.per_seconds)),
        audit: op.audit,
        deprecated: op.deprecated,
        sunset_http: op.sunset.map(|d| d.format("%a, %d %b %Y 23:59:59 GMT").to_string()),
        unsupported_media_documented: op.response("415").is_some(),
        body: body.is_some(),
    };
    OpGen {
        fn_name: view.fn_name.clone(),
        request,
        response,
        doc: view.doc.clone(),
        method: op.method.as_str().to_uppercase(),
        path: op.path.clone(),
        secured: !view.security.is_empty(),
        facts,
        has_request: !params.is_empty() || body.is_some(),
        params,
        required_locals,
        body,
        variants: variants_gen(view),
        pagination,
        routed: false,
    }
}

/// The request's parameters in path, query, header, cookie order (a path parameter the
/// template does not name is left out: nothing could fill it).
fn params_gen(
    rust: &RustTypes<'_>,
    mut validate: Option<&mut Validators<'_>>,
    view: &OperationView<'_>,
    op: &OperationFacts,
) -> Vec<ParamGen> {
    let template = PathTemplate::parse(&op.path);
    let locations = [
        (ParamLocation::Path, &view.path_params),
        (ParamLocation::Query, &view.query_params),
        (ParamLocation::Header, &view.header_params),
        (ParamLocation::Cookie, &view.cookie_params),
    ];
    let mut params = Vec::new();
    for (location, views) in locations {
        for pv in views {
            let position = template.position(&pv.facts.name).unwrap_or(usize::MAX);
            if location == ParamLocation::Path && position == usize::MAX {
                continue;
            }
            params.push(param_gen(rust, validate.as_deref_mut(), pv, position));
        }
    }
    params
}

/// The `Idempotency-Key` header of an operation that takes one: declared or not, an optional
/// string named clear of the other fields.
fn idempotency_param(validate: Option<&mut Validators<'_>>, op: &OperationFacts, params: &[ParamGen]) -> ParamGen {
    let declared = op.params.iter().find(|p| p.is_idempotency_key());
    let mut idents = Scope::with(&["body", "request", "self", "client"]);
    for p in params {
        idents.unique(p.ident.clone());
    }
    let rules = declared.zip(validate).and_then(|(p, v)| v.rules(&p.constraints, false, "header Idempotency-Key"));
    ParamGen {
        name: IDEMPOTENCY_KEY.into(),
        local: String::new(),
        ident: idents.unique("idempotency_key".into()),
        location: ParamLocation::Header,
        field_ty: "Option<String>".into(),
        item_ty: "String".into(),
        list: false,
        explode: false,
        required: false,
        plain: false,
        default: None,
        expect: "a string".into(),
        rules,
        position: 0,
        doc: declared.and_then(|p| p.doc.clone()).unwrap_or_else(|| {
            "`Idempotency-Key`: a repeated request with the same key must not act twice.".into()
        }),
    }
}

/// The request body: how `read` takes it (a multipart body as bytes) and the shape a JSON one
/// is checked against (named after the handler, `plain_fn`).
fn body_gen(validate: Option<&mut Validators<'_>>, b: &operations::BodyView<'_>, plain_fn: &str) -> BodyGen {
    let (kind, ty, shape) = match b.facts.kind {
        BodyKind::Json => (BodyKind::Json, b.ty.clone(), validate.map(|v| v.body(&b.facts.ty, plain_fn))),
        BodyKind::Form => (BodyKind::Form, b.ty.clone(), None),
        BodyKind::Text => (BodyKind::Text, "String".to_string(), None),
        BodyKind::Multipart | BodyKind::Bytes => (BodyKind::Bytes, "Vec<u8>".to_string(), None),
    };
    let field_ty = if b.facts.required { ty.clone() } else { format!("Option<{ty}>") };
    BodyGen {
        kind,
        ty,
        field_ty,
        required: b.facts.required,
        shape,
        content_type: b.facts.content_type.clone(),
        doc: b.facts.doc.clone().unwrap_or_else(|| format!("The request body (`{}`).", b.facts.content_type)),
    }
}

/// The response enum's variants, one per documented status; `NoContent` when none is.
fn variants_gen(view: &OperationView<'_>) -> Vec<VariantGen> {
    let mut variant_scope = Scope::default();
    let mut variants: Vec<VariantGen> =
        view.responses.iter().map(|rv| variant_gen(&mut variant_scope, rv)).collect();
    if variants.is_empty() {
        // An operation that documents no response (`responses` missing or empty) answers
        // with no content, so that its handler can return at all.
        variants.push(VariantGen {
            name: "NoContent".into(),
            doc: "`204`: the operation documents no response, so it answers with no content".into(),
            status: Status::Named { name: "NO_CONTENT" },
            body_ty: None,
            raw: None,
            headers: Vec::new(),
            shape: Shape::Unit,
            is_error: false,
        });
    }
    variants
}

fn variant_gen(variant_scope: &mut Scope, rv: &operations::ResponseView<'_>) -> VariantGen {
    let r = rv.facts;
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
            doc: h.doc.clone().unwrap_or_else(|| format!("`{}` header.", h.name)),
        })
        .collect();
    let status = match rv.facts.code {
        Some(code) => status_constant(code).map_or(Status::Code { code }, |name| Status::Named { name }),
        None => Status::Field,
    };
    let body_ty = rv.ty.clone().or_else(|| rv.facts.raw.as_ref().map(|_| "Vec<u8>".to_string()));
    let shape = if !headers.is_empty() || matches!(status, Status::Field) {
        Shape::Struct
    } else if body_ty.is_some() {
        Shape::Tuple
    } else {
        Shape::Unit
    };
    let description = if rv.facts.doc.trim().is_empty() { "(no description)" } else { rv.facts.doc.trim() };
    VariantGen {
        name: variant_scope.unique(rv.variant.clone()),
        doc: format!("`{}`: {description}", rv.facts.status),
        status,
        body_ty,
        raw: rv.facts.raw.clone().filter(|_| rv.ty.is_none()),
        headers,
        shape,
        is_error: rv.facts.is_error,
    }
}

/// The security alternatives as the `auth` constants of their schemes.
fn security_consts(view: &OperationView<'_>, schemes: &[SchemeView]) -> Vec<Vec<String>> {
    let constant = |scheme: &SchemeUse| match scheme {
        SchemeUse::Declared(index) => schemes[*index].const_name.clone(),
        SchemeUse::Undeclared(_) => UNDECLARED.to_string(),
    };
    view.security.iter().map(|alt| alt.iter().map(constant).collect()).collect()
}

/// A parameter's field of the request, at `position` among the path template's variables.
fn param_gen(
    rust: &RustTypes<'_>,
    validate: Option<&mut Validators<'_>>,
    view: &operations::ParamView<'_>,
    position: usize,
) -> ParamGen {
    let p = view.facts;
    let location = p.location;
    let (list, item) = match rust.graph.unalias(&p.ty) {
        TypeRef::List(item) => (true, (**item).clone()),
        _ => (false, p.ty.clone()),
    };
    let item_ty = rust.of(&item, MODELS);
    let default = if list { None } else { p.default.as_ref().and_then(|d| literal::default(rust, &item, d)) };
    let required = p.required;
    let plain = required || default.is_some();
    let ty = if list { format!("Vec<{item_ty}>") } else { item_ty.clone() };
    let decimal = rust.graph.unalias(&item) == &TypeRef::Primitive(Primitive::Decimal);
    ParamGen {
        name: p.name.clone(),
        ident: view.ident.clone(),
        local: String::new(),
        location,
        field_ty: if plain { ty } else { format!("Option<{ty}>") },
        item_ty,
        list,
        explode: p.explode,
        required,
        plain,
        default,
        expect: expectation(rust, &item),
        rules: validate.and_then(|v| v.rules(&p.constraints, decimal, &format!("{} {}", location.as_str(), p.name))),
        position,
        doc: p.doc.clone().unwrap_or_else(|| format!("`{}` ({}).", p.name, location.as_str())),
    }
}

fn pagination_gen(
    api: &Api,
    op: &OperationFacts,
    pv: &operations::PaginationView<'_>,
    params: &[ParamGen],
) -> Option<PaginationGen> {
    let find = |name: &str| params.iter().find(|p| p.location == ParamLocation::Query && p.name == name);
    // A page size or an integer position: an `i64` or `i32` field.
    let int_arg = |p: Option<&ParamGen>| -> Option<Option<PageArg>> {
        let Some(p) = p else { return Some(None) };
        if p.list || !matches!(p.item_ty.as_str(), "i64" | "i32") {
            return None;
        }
        Some(Some(PageArg { ident: p.ident.clone(), plain: p.plain, widen: p.item_ty == "i32", clone: false }))
    };
    let size = pv.facts.size.and_then(|size| op.param(ParamLocation::Query, size));
    let default_limit = size
        .and_then(|p| p.default.as_ref())
        .and_then(serde_json::Value::as_u64)
        .unwrap_or_else(|| api.conventions.max_page_size.min(20));
    let limit = int_arg(pv.facts.size.and_then(find))?;
    let max_limit = size.and_then(|p| p.constraints.maximum).map_or(api.conventions.max_page_size, |m| m as u64);
    let style = pv.facts.style;
    let position = match style {
        Pagination::Cursor => {
            let cursor = find(pv.facts.position)?;
            if cursor.list || cursor.item_ty != "String" {
                return None;
            }
            let arg = PageArg { ident: cursor.ident.clone(), plain: cursor.plain, widen: false, clone: true };
            Some(arg)
        }
        Pagination::Page | Pagination::Offset | Pagination::Skip => int_arg(find(pv.facts.position))?,
    };
    Some(PaginationGen { style, position, limit, default_limit, max_limit })
}
