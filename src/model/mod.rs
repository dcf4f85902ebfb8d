//! The language-neutral model (docs/architecture.md, "The pipeline"): one [`Api`] built once
//! from a loaded document and consumed by `check` and by every generator.
//! Every node keeps the JSON pointer it came from, so findings and
//! generation warnings can name it.

pub mod conventions;
pub mod decoded;
pub mod dialect;
mod lower;
pub mod operations;
mod polymorphism;
pub mod path_template;
mod schema;
pub mod table_annotations;
pub mod types;

pub use conventions::{Conventions, Pagination};
pub use dialect::Dialect;
pub use lower::{collection_item, lower, lower_for_code};
pub use path_template::{PathTemplate, Segment};
pub use table_annotations::{ColumnAnnotation, ColumnNames, PropertyAnnotations, SchemaAnnotations};
pub use types::{Constraints, Field, Primitive, TypeDef, TypeGraph, TypeId, TypeKind, TypeRef, Variant};

use serde_json::Value;

/// The model of a document of no paths whose `components/schemas` are the YAML lines given
/// (indented by four spaces), for tests.
#[cfg(test)]
pub(crate) fn with_schemas(components: &str) -> Api {
    let yaml =
        format!("openapi: 3.0.3\ninfo: {{title: T, version: 1.0.0}}\npaths: {{}}\ncomponents:\n  schemas:\n{components}");
    let doc = crate::load::Document::from_bytes(std::path::Path::new("t.yaml"), yaml.into_bytes());
    lower(&doc, &Conventions::default()).expect("lowers")
}

/// A lowered API description.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`, as written.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `servers[].url`, in order.
    pub servers: Vec<String>,
    /// The conventions in force: config, then the document's root `x-apigen`.
    pub conventions: Conventions,
    /// `x-apigen` members that are unknown or have bad values: (pointer, message).
    pub convention_errors: Vec<(String, String)>,
    /// `components/securitySchemes`, in document order.
    pub security_schemes: Vec<SecurityScheme>,
    /// `tags`, in document order.
    pub tags: Vec<Tag>,
    /// Every operation of every path item, in document order.
    pub operations: Vec<Operation>,
    /// Every request the API sends (webhooks and callbacks), in document order: 3.1
    /// `webhooks`, then `x-webhooks`, then the callbacks of each operation. [`lower_for_code`]
    /// keeps them too: the server sends them and the clients receive them, so their payload
    /// types are types of the generated code.
    pub webhooks: Vec<Webhook>,
    /// Every schema as a named or structural type.
    pub types: TypeGraph,
    /// Parts [`lower_for_code`] left out because no generated code could use them (a security
    /// scheme whose header name is not an HTTP token): (pointer, why). Empty from [`lower`].
    pub left_out: Vec<(String, String)>,
}

impl Api {
    /// The API versions (`N` of `/api/vN/…`) that operations live under, ascending.
    pub fn versions(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.operations.iter().filter_map(|o| o.version).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The operations clients call, then those the API sends ([`Api::webhooks`]): what the
    /// structural rules walk.
    pub fn all_operations(&self) -> impl Iterator<Item = &Operation> {
        self.operations.iter().chain(self.webhooks.iter().map(|w| &w.operation))
    }

    /// The security scheme declared under a name.
    pub fn security_scheme(&self, name: &str) -> Option<&SecurityScheme> {
        self.security_schemes.iter().find(|s| s.name == name)
    }
}

/// A tag (OpenAPI Tag Object); apigen treats tags as resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// Tag name.
    pub name: String,
    /// Tag description.
    pub description: Option<String>,
}

/// A request the API sends to a receiver: a webhook or a callback (OpenAPI 3.1 §4.8.1
/// `webhooks`, 3.0 §4.8.18 Callback Object). The API is the client of this operation: its
/// request body is the payload receivers read, its header parameters the delivery headers.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// The key under `webhooks` or `x-webhooks` (e.g. `order.created`), or the callback's name.
    pub name: String,
    /// Where it is declared.
    pub source: WebhookSource,
    /// The operation, lowered as those of `paths` are. Its `path` is the name for a webhook
    /// and the runtime expression (`{$request.body#/url}`) for a callback; its `security` is
    /// its own only (the document's `security` applies to requests the API receives).
    pub operation: Operation,
}

/// The members of the event envelope every delivery's body is (docs/standard.md, "Webhooks"), in
/// the standard's order: the `webhook-envelope` rule asks for them, and the generated receivers
/// type the `payload` member of a body that has them.
pub const EVENT_ENVELOPE: [&str; 4] = ["event_id", "event_type", "timestamp", "payload"];

/// Where a [`Webhook`] is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookSource {
    /// The `webhooks` member of an OpenAPI 3.1 document.
    Webhooks,
    /// The `x-webhooks` extension OpenAPI 3.0 documents use for the same (GitHub's).
    XWebhooks,
    /// A callback of an operation.
    Callback {
        /// `METHOD /path` of the operation that declares it.
        operation: String,
    },
}

impl Webhook {
    /// How messages name it, and what matches it across two versions: `webhook
    /// order.created (POST)`, or `callback order_event of POST /api/v1/hooks (POST)`.
    /// `webhooks` and `x-webhooks` entries of one name are the same webhook.
    pub fn label(&self) -> String {
        let method = self.operation.method.as_str().to_uppercase();
        match &self.source {
            WebhookSource::Webhooks | WebhookSource::XWebhooks => format!("webhook {} ({method})", self.name),
            WebhookSource::Callback { operation } => format!("callback {} of {operation} ({method})", self.name),
        }
    }

    /// The JSON payload: the first JSON media type of the request body.
    pub fn payload(&self) -> Option<&Media> {
        self.operation.request_body.as_ref()?.content.iter().find(|m| m.is_json())
    }
}

/// An HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// Every method, in the order of the OpenAPI Path Item Object.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// The lowercase key used in a path item.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// Safe and idempotent per RFC 9110 §9.2.2 (GET, HEAD, OPTIONS, TRACE, PUT, DELETE).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

/// One operation (OpenAPI Operation Object) with its path item's parameters merged in.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId`, or one derived from method and path when it is missing.
    pub id: String,
    /// Whether `operationId` was written in the document.
    pub id_declared: bool,
    /// HTTP method.
    pub method: Method,
    /// Path template as written, e.g. `/api/v1/orders/{order_id}`.
    pub path: String,
    /// JSON pointer of the operation, e.g. `/paths/~1api~1v1~1orders/get`.
    pub pointer: String,
    /// `N` of a leading `/api/vN/` path prefix.
    pub version: Option<u32>,
    /// The resource: the first tag, else the first path segment after the version prefix.
    pub resource: String,
    /// `tags`.
    pub tags: Vec<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Path item and operation parameters (operation wins on name and location), in order.
    pub parameters: Vec<Parameter>,
    /// `requestBody`.
    pub request_body: Option<RequestBody>,
    /// `responses`, in document order.
    pub responses: Vec<Response>,
    /// Effective security: the operation's, else the document's. `None`: none declared;
    /// `Some(empty)`: explicitly public (`security: []`); otherwise alternatives, each a list of scheme names.
    pub security: Option<Vec<Vec<String>>>,
    /// The apigen annotations (docs/configuration.md, "Annotations in a document").
    pub annotations: Annotations,
    /// Extensions (`x-…`) of the operation, raw.
    pub extensions: serde_json::Map<String, Value>,
}

/// How a list operation pages, for clients that walk every page (docs/standard.md §6 Pagination, filtering and sorting).
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// The style.
    pub style: conventions::Pagination,
    /// The position query parameter (`page`, `offset`, `skip`, `cursor`).
    pub position: &'static str,
    /// The page-size query parameter (`limit`), when the operation takes it.
    pub size: Option<&'static str>,
    /// The type of one item.
    pub item: TypeRef,
    /// The member of the 200 body that holds the items (`items`, or `data` with the data
    /// envelope); `None` when the body is the array.
    pub items_field: Option<String>,
    /// The member that holds the metadata (`pagination` with the data envelope); `None` when
    /// the metadata sits beside the items.
    pub meta_field: Option<String>,
}

/// The name code gives an operation with this declared `operationId` (see [`Operation::code_name`]).
pub fn code_name<'i>(id: &'i str, path: &str, method: Method) -> &'i str {
    let path: String = path.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
    match id.strip_suffix(&format!("{path}_{}", method.as_str())) {
        Some(function) if !function.is_empty() => function,
        _ => id,
    }
}

impl Operation {
    /// How the operation pages, when it is a list whose style, position parameter and
    /// 200 body clients can follow; `None` otherwise.
    pub fn paging(&self, graph: &TypeGraph) -> Option<Paging> {
        let style = self.annotations.pagination?;
        let body = self.response("200").and_then(|r| r.json())?;
        let item = lower::collection_item(graph, &body.ty)?;
        let [position, size] = style.query_params();
        let has = |name: &str| self.param(ParamLocation::Query, name).is_some();
        if !has(position) {
            return None;
        }
        let bare = matches!(graph.unalias(&body.ty), TypeRef::List(_));
        let fields = graph.fields(&body.ty).unwrap_or(&[]);
        let items_field = if bare { None } else { Some(fields.iter().find(|f| f.name == "items" || f.name == "data").map(|f| f.name.clone())?) };
        let meta_field = fields.iter().any(|f| f.name == "pagination").then(|| "pagination".to_string());
        Some(Paging { style, position, size: has(size).then_some(size), item, items_field, meta_field })
    }

    /// `METHOD /path`, as messages name an operation (e.g. `GET /api/v1/orders`).
    pub fn label(&self) -> String {
        format!("{} {}", self.method.as_str().to_uppercase(), self.path)
    }

    /// The last path segment is a template parameter (`/orders/{order_id}`).
    pub fn is_item_path(&self) -> bool {
        self.path.trim_end_matches('/').rsplit('/').next().is_some_and(|s| s.starts_with('{'))
    }

    /// Parameters in one location.
    pub fn params_in(&self, location: ParamLocation) -> impl Iterator<Item = &Parameter> {
        self.parameters.iter().filter(move |p| p.location == location)
    }

    /// The name generated code gives the operation: its `operationId`, except that
    /// FastAPI's default ids (`{function}{path with non-word characters as _}_{method}`,
    /// e.g. `read_item_items__item_id__get` for `GET /items/{item_id}`) give the function's
    /// name (`read_item`).
    pub fn code_name(&self) -> &str {
        if self.id_declared {
            code_name(&self.id, &self.path, self.method)
        } else {
            &self.id
        }
    }

    /// The parameter with a name in a location.
    pub fn param(&self, location: ParamLocation, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.location == location && p.name == name)
    }

    /// The response for an exact status (`"200"`).
    pub fn response(&self, status: &str) -> Option<&Response> {
        self.responses.iter().find(|r| r.status == status)
    }

    /// The first 2xx response.
    pub fn success(&self) -> Option<&Response> {
        self.responses.iter().find(|r| r.status.starts_with('2'))
    }

    /// Whether the operation needs authentication (declared security that is not `[]`).
    pub fn is_secured(&self) -> bool {
        self.security.as_ref().is_some_and(|alts| !alts.is_empty() && alts.iter().all(|a| !a.is_empty()))
    }

    /// Whether the operation takes input a client can get wrong (a body or query/path parameters).
    pub fn takes_input(&self) -> bool {
        self.request_body.is_some()
            || self.parameters.iter().any(|p| matches!(p.location, ParamLocation::Query | ParamLocation::Path))
    }
}

/// Where a parameter goes (OpenAPI Parameter Object `in`); serialized as [`ParamLocation::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    /// Path template variable.
    Path,
    /// Query string.
    Query,
    /// Request header.
    Header,
    /// Cookie.
    Cookie,
}

impl ParamLocation {
    /// The `in` value.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// A parameter (OpenAPI Parameter Object), `$ref` resolved.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// `name`.
    pub name: String,
    /// `in`.
    pub location: ParamLocation,
    /// `required` (always true for path parameters per the spec, whatever is written).
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// The value type, from `schema` or the first `content` entry.
    pub ty: TypeRef,
    /// Constraints and format of the parameter's schema.
    pub constraints: Constraints,
    /// `default` of the schema.
    pub default: Option<Value>,
    /// `explode` (default: true for `form` style, i.e. query and cookie).
    pub explode: bool,
    /// `style`, if written.
    pub style: Option<String>,
    /// `example`.
    pub example: Option<Value>,
    /// JSON pointer of the Parameter Object (its component, when referenced).
    pub pointer: String,
}

/// A request body (OpenAPI Request Body Object), `$ref` resolved.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// `required`.
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// `content`, in document order.
    pub content: Vec<Media>,
    /// JSON pointer of the Request Body Object.
    pub pointer: String,
}

/// One media type entry of a body.
#[derive(Debug, Clone)]
pub struct Media {
    /// Media type, e.g. `application/json`.
    pub content_type: String,
    /// The body type; [`TypeRef::Any`] without a schema.
    pub ty: TypeRef,
    /// `example` of the media type.
    pub example: Option<Value>,
    /// JSON pointer of the Media Type Object.
    pub pointer: String,
}

impl Media {
    /// `application/json` or a `+json` media type.
    pub fn is_json(&self) -> bool {
        let base = self.content_type.split(';').next().unwrap_or("").trim();
        base == "application/json" || base.ends_with("+json")
    }
}

/// A response (OpenAPI Response Object), `$ref` resolved.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status as written: `"200"`, `"4XX"` or `"default"`.
    pub status: String,
    /// `description`.
    pub description: String,
    /// `content`, in document order.
    pub content: Vec<Media>,
    /// `headers`, in document order.
    pub headers: Vec<Header>,
    /// JSON pointer of the Response Object (its component, when referenced).
    pub pointer: String,
    /// JSON pointer of the entry under the operation's `responses`.
    pub use_pointer: String,
}

impl Response {
    /// The numeric status, for exact codes.
    pub fn code(&self) -> Option<u16> {
        self.status.parse().ok()
    }

    /// A header by name, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&Header> {
        self.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// The JSON body, if any.
    pub fn json(&self) -> Option<&Media> {
        self.content.iter().find(|m| m.is_json())
    }
}

/// Whether a response key is a status range of a class, e.g. `4XX` for `'4'` (lowercase `x` tolerated).
pub fn is_status_range(status: &str, class: char) -> bool {
    let b = status.as_bytes();
    b.len() == 3 && b[0] == class as u8 && b[1].eq_ignore_ascii_case(&b'X') && b[2].eq_ignore_ascii_case(&b'X')
}

/// A response header (OpenAPI Header Object), `$ref` resolved.
#[derive(Debug, Clone)]
pub struct Header {
    /// Header name as written.
    pub name: String,
    /// `required`.
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// Value type.
    pub ty: TypeRef,
    /// JSON pointer of the Header Object.
    pub pointer: String,
}

/// A security scheme (OpenAPI Security Scheme Object).
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The name under `components/securitySchemes`.
    pub name: String,
    /// What kind of scheme.
    pub kind: SchemeKind,
    /// `description`.
    pub description: Option<String>,
    /// JSON pointer of the scheme.
    pub pointer: String,
}

impl SecurityScheme {
    /// The name the scheme puts on the wire as an HTTP token, when it has one: (the key
    /// naming it in the Security Scheme Object, what it is, the name). An API key's header
    /// or cookie name (`name`) and an `http` scheme other than bearer and basic (`scheme`).
    pub fn wire_name(&self) -> Option<(&'static str, String, &str)> {
        match &self.kind {
            SchemeKind::ApiKey { location, name } if location != "query" => {
                Some(("name", format!("API key {location} name"), name))
            }
            SchemeKind::OtherHttp(scheme) => Some(("scheme", "http authentication scheme".into(), scheme)),
            _ => None,
        }
    }

    /// Whether generated code can send and read the scheme: its wire name, if any, is an HTTP token.
    pub fn is_sendable(&self) -> bool {
        self.wire_name().is_none_or(|(_, _, name)| is_http_token(name))
    }
}

/// Whether a name is an HTTP token (RFC 9110 §5.6.2 `token`): what header names,
/// cookie names and authentication schemes must be.
pub fn is_http_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The kinds of security scheme.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `type: apiKey`: a key in a header, query parameter or cookie.
    ApiKey {
        /// `in`: `header`, `query` or `cookie`.
        location: String,
        /// Header, parameter or cookie name.
        name: String,
    },
    /// `type: http` with `scheme: bearer`.
    Bearer {
        /// `bearerFormat`, e.g. `JWT`.
        format: Option<String>,
    },
    /// `type: http` with `scheme: basic`.
    Basic,
    /// `type: http` with another scheme.
    OtherHttp(String),
    /// `type: oauth2`.
    OAuth2,
    /// `type: openIdConnect`.
    OpenIdConnect,
    /// Anything else (e.g. `mutualTLS` in 3.1).
    Other(String),
}

/// A documented rate limit, from `x-rate-limit: "100/minute"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window.
    pub requests: u64,
    /// Window length in seconds.
    pub per_seconds: u64,
}

/// How settled an operation is (`x-stability-level`), least settled first:
/// `draft` < `alpha` < `beta` < `stable`. The order is the promise made to
/// clients; a move down is a breaking change in `apigen diff`
/// (`stability-decreased`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stability {
    /// `draft`: a proposal; its shape is still being discussed.
    Draft,
    /// `alpha`: implemented for early users.
    Alpha,
    /// `beta`: complete, open to feedback.
    Beta,
    /// `stable`: the default of an operation without the annotation.
    Stable,
}

impl Stability {
    /// Every level, least settled first.
    pub const ALL: [Stability; 4] = [Stability::Draft, Stability::Alpha, Stability::Beta, Stability::Stable];

    /// The name written in `x-stability-level`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stability::Draft => "draft",
            Stability::Alpha => "alpha",
            Stability::Beta => "beta",
            Stability::Stable => "stable",
        }
    }

    /// Parses a level name (exact, lowercase).
    pub fn parse(s: &str) -> Option<Stability> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The apigen annotations of an operation (docs/configuration.md, "Annotations in a document"), parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotations {
    /// Effective pagination of a list: `x-pagination`, else the convention's default for a
    /// GET that returns a collection. `None` for non-lists and `x-pagination: none`.
    pub pagination: Option<Pagination>,
    /// `x-pagination: none` was written.
    pub pagination_off: bool,
    /// `x-rate-limit`.
    pub rate_limit: Option<RateLimit>,
    /// `x-idempotent: true`.
    pub idempotent: bool,
    /// `x-permissions`, as written.
    pub permissions: Vec<String>,
    /// `x-audit: true`.
    pub audit: bool,
    /// `x-sunset` date.
    pub sunset: Option<chrono::NaiveDate>,
    /// `x-stability-level`; `None` when not written (or unreadable), which
    /// [`Annotations::stability_level`] reads as [`Stability::Stable`].
    pub stability: Option<Stability>,
    /// Annotations whose value could not be read: (pointer, message).
    pub invalid: Vec<(String, String)>,
}

impl Annotations {
    /// The operation's stability level: `x-stability-level`, [`Stability::Stable`] when
    /// not written; `Err` with the reason when written but unreadable.
    pub fn stability_level(&self) -> Result<Stability, &str> {
        match self.invalid.iter().find(|(pointer, _)| pointer.ends_with("/x-stability-level")) {
            Some((_, message)) => Err(message),
            None => Ok(self.stability.unwrap_or(Stability::Stable)),
        }
    }
}
