//! Operations as the Rust targets see them (docs/generate/client-rust.md, docs/generate/server-axum.md):
//! grouped by API version and resource (tag), with Rust names and types.
//! The client and the server render from this one view so they agree on
//! every name and type. Named types are qualified with `models::`, the
//! models crate as both crates import it (`use <name>_models as models;`).

use serde::Serialize;

use super::names::{snake_ident, type_ident, Scope};
use super::rust::{field_is_optional, RustTypes};
use super::Context;
use crate::model::{Media, Operation, Pagination, ParamLocation, Parameter, PathTemplate, Primitive, TypeRef};

/// The path prefix of model types in client and server code.
pub const MODELS: &str = "models::";

/// The operations of one resource (tag) in one API version.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceView {
    /// API version (`N` of `/api/vN`), 0 for unversioned paths.
    pub version: u32,
    /// The resource (tag) as written.
    pub name: String,
    /// Module / handle name, snake_case (`orders`, `order_items`).
    pub module: String,
    /// Type name, PascalCase (`Orders`).
    pub type_name: String,
    /// The tag's description.
    pub doc: Option<String>,
    /// Operations in document order.
    pub operations: Vec<OperationView>,
}

/// One operation.
#[derive(Debug, Clone, Serialize)]
pub struct OperationView {
    /// `operationId` (or the derived one).
    pub id: String,
    /// Rust method name, unique within its resource (`list_orders`).
    pub fn_name: String,
    /// PascalCase name for per-operation types (`ListOrders` → `ListOrdersResponse`).
    pub type_name: String,
    /// Upper-case HTTP method (`GET`).
    pub method: String,
    /// Path template as written (`/api/v1/orders/{order_id}`).
    pub path: String,
    /// Summary and description, for docs.
    pub doc: String,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `x-sunset` date (`YYYY-MM-DD`).
    pub sunset: Option<String>,
    /// Path parameters in template order.
    pub path_params: Vec<ParamView>,
    /// Query parameters.
    pub query_params: Vec<ParamView>,
    /// Header parameters (except `Idempotency-Key`, see `idempotency_key`).
    pub header_params: Vec<ParamView>,
    /// Cookie parameters.
    pub cookie_params: Vec<ParamView>,
    /// The request body, if any (the first media type).
    pub body: Option<BodyView>,
    /// Documented responses in document order.
    pub responses: Vec<ResponseView>,
    /// The `Accept` header: the media types of the documented responses, in document order,
    /// without repeats; empty when no response documents a body.
    pub accept: String,
    /// Safe to retry: an idempotent method (RFC 9110) or an `Idempotency-Key` is sent.
    pub retry_safe: bool,
    /// The operation takes an `Idempotency-Key` header (`x-idempotent: true` or a declared parameter).
    pub idempotency_key: bool,
    /// `x-rate-limit`: (requests, window seconds).
    pub rate_limit: Option<(u64, u64)>,
    /// `x-permissions`.
    pub permissions: Vec<String>,
    /// `x-audit: true`.
    pub audit: bool,
    /// Security alternatives (scheme names); empty when the operation is public.
    pub security: Vec<Vec<String>>,
    /// Pagination, for list operations.
    pub pagination: Option<PaginationView>,
}

/// A parameter.
#[derive(Debug, Clone, Serialize)]
pub struct ParamView {
    /// Name on the wire.
    pub name: String,
    /// Rust identifier.
    pub ident: String,
    /// Rust type (without `Option`).
    pub ty: String,
    /// Required.
    pub required: bool,
    /// A list value.
    pub is_list: bool,
    /// `explode` (arrays as repeated `name=a&name=b` when true, `name=a,b` when false).
    pub explode: bool,
    /// Effective `style`: as written, else the location's default (`form` for query and
    /// cookie, `simple` for path and header).
    pub style: ParamStyle,
    /// The description.
    pub doc: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, Serialize)]
pub struct BodyView {
    /// Media type as written.
    pub content_type: String,
    /// How the body is encoded.
    pub kind: BodyKind,
    /// Rust type of the body value (`Vec<u8>` for `bytes`, `String` for `text`).
    pub ty: String,
    /// `required`.
    pub required: bool,
    /// The description.
    pub doc: Option<String>,
    /// The members of a struct body, for bodies sent member by member (`multipart`, `form`);
    /// empty when the body type is not a struct.
    pub fields: Vec<BodyFieldView>,
}

/// One member of a struct request body.
#[derive(Debug, Clone, Serialize)]
pub struct BodyFieldView {
    /// Name on the wire.
    pub name: String,
    /// The Rust field of the models struct (named as the models target names it).
    pub ident: String,
    /// The field is `Option<T>` in the models struct.
    pub optional: bool,
    /// A file member (`Vec<u8>`) or a list of files (`Vec<Vec<u8>>`); `None` for other members.
    pub binary: Option<BinaryField>,
}

/// How a request body is encoded, by its media type.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// JSON (`application/json`, `…+json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/…`.
    Multipart,
    /// `text/…`: the body is a string.
    Text,
    /// Any other media type: the body is raw bytes.
    Bytes,
}

/// A binary member of a struct request body (sent as a file part of a multipart body).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum BinaryField {
    /// One file (`Vec<u8>`).
    Binary,
    /// Several files (`Vec<Vec<u8>>`).
    BinaryList,
}

/// A parameter's OpenAPI `style`, serialized as the spec spells it (`form`, `deepObject`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ParamStyle {
    /// `matrix` (path: `;name=value`).
    Matrix,
    /// `label` (path: `.value`).
    Label,
    /// `form` (query and cookie default).
    Form,
    /// `simple` (path and header default).
    Simple,
    /// `spaceDelimited` (query arrays joined by spaces).
    SpaceDelimited,
    /// `pipeDelimited` (query arrays joined by `|`).
    PipeDelimited,
    /// `deepObject` (query objects as `name[key]=value`).
    DeepObject,
    /// A style OpenAPI does not define, as written (the encoders treat it as their default).
    Other(String),
}

impl ParamStyle {
    /// The style as written (`None`: the location's default).
    pub fn of(written: Option<&str>, location: ParamLocation) -> ParamStyle {
        match written {
            None => match location {
                ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
                ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
            },
            Some("matrix") => ParamStyle::Matrix,
            Some("label") => ParamStyle::Label,
            Some("form") => ParamStyle::Form,
            Some("simple") => ParamStyle::Simple,
            Some("spaceDelimited") => ParamStyle::SpaceDelimited,
            Some("pipeDelimited") => ParamStyle::PipeDelimited,
            Some("deepObject") => ParamStyle::DeepObject,
            Some(other) => ParamStyle::Other(other.to_string()),
        }
    }

    /// The name OpenAPI gives the style.
    pub fn as_str(&self) -> &str {
        match self {
            ParamStyle::Matrix => "matrix",
            ParamStyle::Label => "label",
            ParamStyle::Form => "form",
            ParamStyle::Simple => "simple",
            ParamStyle::SpaceDelimited => "spaceDelimited",
            ParamStyle::PipeDelimited => "pipeDelimited",
            ParamStyle::DeepObject => "deepObject",
            ParamStyle::Other(s) => s,
        }
    }
}

impl Serialize for ParamStyle {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A documented response.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseView {
    /// Status key as written (`200`, `4XX`, `default`).
    pub status: String,
    /// The exact code, when not a range or `default`.
    pub code: Option<u16>,
    /// Variant name for response enums (`Ok`, `Created`, `NotFound`, `Status418`, `ClientError`, `Default`).
    pub variant: String,
    /// Rust type of the JSON body, if the response has one.
    pub ty: Option<String>,
    /// A non-JSON body (text or bytes), by media type.
    pub raw: Option<String>,
    /// 4xx, 5xx or `default`.
    pub is_error: bool,
    /// Documented headers: (name on the wire, Rust identifier).
    pub headers: Vec<(String, String)>,
    /// The description.
    pub doc: String,
}

/// How a list operation pages.
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// The pagination style (serialized `page`, `offset`, `skip` or `cursor`).
    pub style: Pagination,
    /// The position parameter (`page`, `offset`, `skip`, `cursor`).
    pub position: String,
    /// The page-size parameter (`limit`), if the operation takes one.
    pub size: Option<String>,
    /// Rust type of one item.
    pub item_ty: String,
    /// The member holding the items (`items`, or `data` with the data envelope); `None` for a bare array.
    pub items_field: Option<String>,
    /// The member holding the metadata (`pagination` with the data envelope); `None` when flat.
    pub meta_field: Option<String>,
}

/// The variant name of a status key.
pub fn status_variant(status: &str) -> String {
    match status {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "NoContent",
        "301" => "MovedPermanently",
        "302" => "Found",
        "304" => "NotModified",
        "307" => "TemporaryRedirect",
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "409" => "Conflict",
        "410" => "Gone",
        "412" => "PreconditionFailed",
        "415" => "UnsupportedMediaType",
        "422" => "UnprocessableEntity",
        "429" => "TooManyRequests",
        "500" => "InternalServerError",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        "default" => "Default",
        s if s.len() == 3 && s.ends_with("XX") || s.ends_with("xx") => {
            return format!("Status{}xx", &s[..1]);
        }
        s => return format!("Status{}", s.chars().filter(char::is_ascii_alphanumeric).collect::<String>()),
    }
    .to_string()
}

fn body_kind(media: &Media) -> BodyKind {
    let base = media.content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if media.is_json() {
        BodyKind::Json
    } else if base == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if base.starts_with("multipart/") {
        BodyKind::Multipart
    } else if base.starts_with("text/") {
        BodyKind::Text
    } else {
        BodyKind::Bytes
    }
}

fn param_view(rust: &RustTypes<'_>, scope: &mut Scope, p: &Parameter) -> ParamView {
    ParamView {
        name: p.name.clone(),
        ident: scope.unique(snake_ident(&p.name)),
        ty: rust.of(&p.ty, MODELS),
        required: p.required,
        is_list: matches!(rust.graph.unalias(&p.ty), TypeRef::List(_)),
        explode: p.explode,
        style: ParamStyle::of(p.style.as_deref(), p.location),
        doc: p.description.clone(),
    }
}

/// The members of a struct body, with the field names the models target gives them.
fn body_fields(rust: &RustTypes<'_>, ty: &TypeRef) -> Vec<BodyFieldView> {
    let Some(fields) = rust.graph.fields(ty) else { return Vec::new() };
    let mut scope = Scope::default();
    fields
        .iter()
        .map(|f| {
            let binary = match rust.graph.unalias(&f.ty) {
                TypeRef::Primitive(Primitive::Binary) => Some(BinaryField::Binary),
                TypeRef::List(item) if matches!(rust.graph.unalias(item), TypeRef::Primitive(Primitive::Binary)) => {
                    Some(BinaryField::BinaryList)
                }
                _ => None,
            };
            BodyFieldView {
                name: f.name.clone(),
                ident: scope.unique(snake_ident(&f.name)),
                optional: field_is_optional(f),
                binary,
            }
        })
        .collect()
}

fn operation_view(ctx: &Context<'_>, op: &Operation, fn_name: String) -> OperationView {
    let rust = &ctx.rust;
    let mut scope = Scope::with(&["body", "request", "self", "client"]);
    let mut params = |location| op.params_in(location).map(|p| param_view(rust, &mut scope, p)).collect::<Vec<_>>();
    let template = PathTemplate::parse(&op.path);
    let mut path_params = params(ParamLocation::Path);
    path_params.sort_by_key(|p| template.position(&p.name).unwrap_or(usize::MAX));
    let query_params = params(ParamLocation::Query);
    let declared_key = op.params_in(ParamLocation::Header).any(|p| p.name.eq_ignore_ascii_case("Idempotency-Key"));
    let header_params: Vec<ParamView> = params(ParamLocation::Header).into_iter().filter(|p| !p.name.eq_ignore_ascii_case("Idempotency-Key")).collect();
    let cookie_params = params(ParamLocation::Cookie);
    let idempotency_key = op.annotations.idempotent || declared_key;
    let body = op.request_body.as_ref().and_then(|b| {
        let media = b.content.iter().find(|m| m.is_json()).or(b.content.first())?;
        let kind = body_kind(media);
        let ty = match kind {
            BodyKind::Text => "String".to_string(),
            BodyKind::Bytes => "Vec<u8>".to_string(),
            BodyKind::Json | BodyKind::Form | BodyKind::Multipart => rust.of(&media.ty, MODELS),
        };
        let fields = body_fields(rust, &media.ty);
        Some(BodyView {
            content_type: media.content_type.clone(),
            kind,
            ty,
            required: b.required,
            doc: b.description.clone(),
            fields,
        })
    });
    let responses = op
        .responses
        .iter()
        .map(|r| {
            let json = r.json().map(|m| rust.of(&m.ty, MODELS));
            let raw = if json.is_none() { r.content.first().map(|m| m.content_type.clone()) } else { None };
            let mut header_scope = Scope::default();
            ResponseView {
                status: r.status.clone(),
                code: r.code(),
                variant: status_variant(&r.status),
                ty: json,
                raw,
                is_error: r.status.starts_with('4') || r.status.starts_with('5') || r.status == "default",
                headers: r.headers.iter().map(|h| (h.name.clone(), header_scope.unique(snake_ident(&h.name)))).collect(),
                doc: r.description.clone(),
            }
        })
        .collect();
    let pagination = op.paging(rust.graph).map(|p| PaginationView {
        style: p.style,
        position: p.position.to_string(),
        size: p.size.map(str::to_string),
        item_ty: rust.of(&p.item, MODELS),
        items_field: p.items_field,
        meta_field: p.meta_field,
    });
    let doc = [op.summary.clone(), op.description.clone()].into_iter().flatten().collect::<Vec<_>>().join("\n\n");
    OperationView {
        id: op.id.clone(),
        // A prefix (`…Request`, `…Response`): `Self_` (the keyword made legal) is `Self` here.
        type_name: type_ident(&fn_name).trim_end_matches('_').to_string(),
        fn_name,
        method: op.method.as_str().to_uppercase(),
        path: op.path.clone(),
        doc: if doc.is_empty() { format!("`{}`", op.label()) } else { doc },
        deprecated: op.deprecated,
        sunset: op.annotations.sunset.map(|d| d.to_string()),
        path_params,
        query_params,
        header_params,
        cookie_params,
        body,
        responses,
        accept: accept(op),
        retry_safe: op.method.is_idempotent() || idempotency_key,
        idempotency_key,
        rate_limit: op.annotations.rate_limit.map(|r| (r.requests, r.per_seconds)),
        permissions: op.annotations.permissions.clone(),
        audit: op.annotations.audit,
        security: if op.is_secured() { op.security.clone().unwrap_or_default() } else { Vec::new() },
        pagination,
    }
}

/// The media types an operation's responses document, for its `Accept` header (`application/json`,
/// `application/json, text/plain`).
pub fn accept(op: &Operation) -> String {
    let mut types: Vec<&str> = Vec::new();
    for media in op.responses.iter().flat_map(|r| &r.content) {
        let text = media.content_type.trim();
        // Only what a header value can carry (visible ASCII and spaces).
        let clean = text.bytes().all(|b| (0x20..0x7f).contains(&b)) && !text.contains(',');
        if clean && !text.is_empty() && !types.iter().any(|t| t.eq_ignore_ascii_case(text)) {
            types.push(text);
        }
    }
    types.join(", ")
}

/// Every operation, grouped by (version, resource) in order of first appearance.
pub fn resources(ctx: &Context<'_>) -> Vec<ResourceView> {
    let mut out: Vec<ResourceView> = Vec::new();
    let mut fn_scopes: Vec<Scope> = Vec::new();
    let mut module_scopes: std::collections::HashMap<u32, Scope> = std::collections::HashMap::new();
    for op in &ctx.api.operations {
        let version = op.version.unwrap_or(0);
        let index = match out.iter().position(|r| r.version == version && r.name == op.resource) {
            Some(i) => i,
            None => {
                let module = module_scopes.entry(version).or_default().unique(snake_ident(&op.resource));
                out.push(ResourceView {
                    version,
                    name: op.resource.clone(),
                    type_name: type_ident(module.trim_start_matches("r#")),
                    module,
                    doc: ctx
                        .api
                        .tags
                        .iter()
                        .find(|t| t.name == op.resource)
                        .and_then(|t| t.description.clone())
                        // A blank description (chain49 writes " ") documents nothing: the default doc is used.
                        .filter(|d| !d.trim().is_empty()),
                    operations: Vec::new(),
                });
                fn_scopes.push(Scope::with(&["new", "client", "clone"]));
                out.len() - 1
            }
        };
        let fn_name = fn_scopes[index].unique(snake_ident(op.code_name()));
        let view = operation_view(ctx, op, fn_name);
        out[index].operations.push(view);
    }
    out
}
