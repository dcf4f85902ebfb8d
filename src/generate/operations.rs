//! Operations as the Rust targets see them (docs/generate/client-rust.md, docs/generate/server-axum.md):
//! the facts of [`crate::model::operations`] grouped by API version and resource (tag), with
//! Rust names and types and nothing else derived here.
//! The client and the server render from this one view so they agree on
//! every name and type. Named types are qualified with `models::`, the
//! models crate as both crates import it (`use <name>_models as models;`).

use serde::Serialize;

use super::names::{snake_ident, type_ident, Scope};
use super::rust::{field_is_optional, RustTypes};
use super::Context;
pub use crate::model::operations::{BinaryField, BodyKind, ParamStyle};
use crate::model::operations::{resource_groups, BodyFacts, OperationFacts, ParamFacts, PathPiece, ResponseFacts, SchemeUse};
use crate::model::{Paging, ParamLocation, PathTemplate};

/// The path prefix of model types in client and server code.
pub const MODELS: &str = "models::";

/// The operations of one resource (tag) in one API version.
#[derive(Debug, Clone)]
pub struct ResourceView<'f> {
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
    pub operations: Vec<OperationView<'f>>,
}

/// One operation: its facts, and the Rust names and types of what it takes and answers.
#[derive(Debug, Clone)]
pub struct OperationView<'f> {
    /// The operation's facts (id, path, deprecation, `Accept`, retry safety, annotations).
    pub facts: &'f OperationFacts,
    /// Rust method name, unique within its resource (`list_orders`).
    pub fn_name: String,
    /// PascalCase name for per-operation types (`ListOrders` → `ListOrdersResponse`).
    pub type_name: String,
    /// Summary and description, for docs.
    pub doc: String,
    /// The path as literal text and path parameters, by index into `path_params`.
    pub path_pieces: Vec<PathPiece>,
    /// Path parameters in template order.
    pub path_params: Vec<ParamView<'f>>,
    /// Query parameters.
    pub query_params: Vec<ParamView<'f>>,
    /// Header parameters (except `Idempotency-Key`, see the facts' `idempotency_key`).
    pub header_params: Vec<ParamView<'f>>,
    /// Cookie parameters.
    pub cookie_params: Vec<ParamView<'f>>,
    /// The request body, if any (the first media type).
    pub body: Option<BodyView<'f>>,
    /// Documented responses in document order.
    pub responses: Vec<ResponseView<'f>>,
    /// Security alternatives; empty unless every alternative needs a credential.
    pub security: Vec<Vec<SchemeUse>>,
    /// Pagination, for list operations.
    pub pagination: Option<PaginationView<'f>>,
}

/// A parameter: its facts (wire name, location, style, required, doc) and its Rust names.
#[derive(Debug, Clone)]
pub struct ParamView<'f> {
    /// The parameter's facts.
    pub facts: &'f ParamFacts,
    /// Rust identifier.
    pub ident: String,
    /// Rust type (without `Option`).
    pub ty: String,
}

/// A request body: its facts (media type, kind, required, doc) and its Rust type.
#[derive(Debug, Clone)]
pub struct BodyView<'f> {
    /// The body's facts.
    pub facts: &'f BodyFacts,
    /// Rust type of the body value (`Vec<u8>` for `bytes`, `String` for `text`).
    pub ty: String,
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

/// A documented response: its facts (status, code, body media, headers, doc) and its Rust names.
#[derive(Debug, Clone)]
pub struct ResponseView<'f> {
    /// The response's facts.
    pub facts: &'f ResponseFacts,
    /// Variant name for response enums (`Ok`, `Created`, `NotFound`, `Status418`, `ClientError`, `Default`).
    pub variant: String,
    /// Rust type of the JSON body, if the response has one.
    pub ty: Option<String>,
    /// Documented headers: (name on the wire, Rust identifier).
    pub headers: Vec<(String, String)>,
}

/// How a list operation pages: its facts (style, parameters, body members) and the Rust type
/// of one item.
#[derive(Debug, Clone)]
pub struct PaginationView<'f> {
    /// The paging facts.
    pub facts: &'f Paging,
    /// Rust type of one item.
    pub item_ty: String,
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

fn param_view<'f>(rust: &RustTypes<'_>, scope: &mut Scope, p: &'f ParamFacts) -> ParamView<'f> {
    ParamView { facts: p, ident: scope.unique(snake_ident(&p.name)), ty: rust.of(&p.ty, MODELS) }
}

fn body_view<'f>(rust: &RustTypes<'_>, body: &'f BodyFacts) -> BodyView<'f> {
    let mut scope = Scope::default();
    BodyView {
        facts: body,
        ty: match body.kind {
            BodyKind::Text => "String".to_string(),
            BodyKind::Bytes => "Vec<u8>".to_string(),
            BodyKind::Json | BodyKind::Form | BodyKind::Multipart => rust.of(&body.ty, MODELS),
        },
        // The field names the models target gives the struct's members.
        fields: body
            .members
            .iter()
            .map(|m| BodyFieldView {
                name: m.field.name.clone(),
                ident: scope.unique(snake_ident(&m.field.name)),
                optional: field_is_optional(&m.field),
                binary: m.binary,
            })
            .collect(),
    }
}

fn response_view<'f>(rust: &RustTypes<'_>, r: &'f ResponseFacts) -> ResponseView<'f> {
    let mut header_scope = Scope::default();
    ResponseView {
        facts: r,
        variant: status_variant(&r.status),
        ty: r.json.as_ref().map(|ty| rust.of(ty, MODELS)),
        headers: r.headers.iter().map(|h| (h.name.clone(), header_scope.unique(snake_ident(&h.name)))).collect(),
    }
}

fn operation_view<'f>(rust: &RustTypes<'_>, op: &'f OperationFacts, fn_name: String) -> OperationView<'f> {
    let mut scope = Scope::with(&["body", "request", "self", "client"]);
    let mut params = |location| {
        op.params_in(location)
            .filter(|p| !p.is_idempotency_key())
            .map(|p| param_view(rust, &mut scope, p))
            .collect::<Vec<_>>()
    };
    let template = PathTemplate::parse(&op.path);
    let mut path_params = params(ParamLocation::Path);
    path_params.sort_by_key(|p| template.position(&p.facts.name).unwrap_or(usize::MAX));
    // The model's pieces refer to its parameters; these to `path_params`.
    let path_pieces = op
        .path_pieces
        .iter()
        .map(|piece| match piece {
            PathPiece::Param(index) => match path_params.iter().position(|p| p.facts.name == op.params[*index].name) {
                Some(position) => PathPiece::Param(position),
                None => PathPiece::Literal(format!("{{{}}}", op.params[*index].name)),
            },
            PathPiece::Literal(text) => PathPiece::Literal(text.clone()),
        })
        .collect();
    let query_params = params(ParamLocation::Query);
    let header_params = params(ParamLocation::Header);
    let cookie_params = params(ParamLocation::Cookie);
    let pagination = op.paging.as_ref().map(|p| PaginationView { facts: p, item_ty: rust.of(&p.item, MODELS) });
    let doc = [op.summary.clone(), op.description.clone()].into_iter().flatten().collect::<Vec<_>>().join("\n\n");
    OperationView {
        facts: op,
        // A prefix (`…Request`, `…Response`): `Self_` (the keyword made legal) is `Self` here.
        type_name: type_ident(&fn_name).trim_end_matches('_').to_string(),
        fn_name,
        doc: if doc.is_empty() { format!("`{}`", op.label) } else { doc },
        path_pieces,
        path_params,
        query_params,
        header_params,
        cookie_params,
        body: op.body.as_ref().map(|b| body_view(rust, b)),
        responses: op.responses.iter().map(|r| response_view(rust, r)).collect(),
        security: if op.requires_auth { op.security.clone() } else { Vec::new() },
        pagination,
    }
}

/// Every operation, grouped by (version, resource) in order of first appearance.
pub fn resources<'c>(ctx: &'c Context<'_>) -> Vec<ResourceView<'c>> {
    let mut module_scopes: std::collections::HashMap<u32, Scope> = std::collections::HashMap::new();
    resource_groups(ctx.api, &ctx.operations)
        .into_iter()
        .map(|group| {
            let version = group.version.unwrap_or(0);
            let module = module_scopes.entry(version).or_default().unique(snake_ident(&group.name));
            let mut fn_names = Scope::with(&["new", "client", "clone"]);
            ResourceView {
                version,
                name: group.name,
                type_name: type_ident(module.trim_start_matches("r#")),
                module,
                doc: group.doc,
                operations: group
                    .operations
                    .into_iter()
                    .map(|op| operation_view(&ctx.rust, op, fn_names.unique(snake_ident(&op.code_name))))
                    .collect(),
            }
        })
        .collect()
}
