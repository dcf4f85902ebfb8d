//! The operation model: what every generator needs to know about an operation, worked out once
//! from an [`Api`] and free of any language's names or type strings.
//!
//! It lives in `model/` rather than `generate/` because these are facts of the API description
//! (which body a client sends, which responses are errors, whether a call is safe to retry, which
//! schemes an alternative names) that hold whatever code is generated from them; a target maps
//! them to its names (`generate/names`) and its types (its `TypeRef` → type function) and
//! decides nothing else about the operation.

use serde::Serialize;

use super::{
    Api, Constraints, Field, Media, Method, Operation, Paging, ParamLocation, Parameter, Primitive, RateLimit, RequestBody,
    Response, TypeGraph, TypeRef,
};

/// The header a client sends so that a repeated request is not acted on twice.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// One operation's facts.
#[derive(Debug, Clone)]
pub struct OperationFacts {
    /// `operationId`, or the one derived from method and path.
    pub id: String,
    /// The name code gives the operation, before a language's casing ([`Operation::code_name`]).
    pub code_name: String,
    /// HTTP method.
    pub method: Method,
    /// Path template as written (`/api/v1/orders/{order_id}`).
    pub path: String,
    /// The path template as literal text and references to path parameters.
    pub path_pieces: Vec<PathPiece>,
    /// `METHOD /path`, as messages name the operation.
    pub label: String,
    /// `N` of a leading `/api/vN/` path prefix.
    pub version: Option<u32>,
    /// The resource the operation belongs to (its first tag, else its first path segment).
    pub resource: String,
    /// Parameters in document order (path item's merged with the operation's), the declared
    /// `Idempotency-Key` header among them (see [`ParamFacts::is_idempotency_key`]).
    pub params: Vec<ParamFacts>,
    /// The request body as a Rust client or server takes it: the JSON media type, else the first.
    pub body: Option<BodyFacts>,
    /// The request body as a script client (Python, TypeScript) sends it: the first media type
    /// it can encode (JSON, then a form, then `multipart/form-data`).
    pub script_body: Option<BodyFacts>,
    /// Documented responses in document order.
    pub responses: Vec<ResponseFacts>,
    /// The index among `responses` of the success response: the first exact 2xx status.
    pub success: Option<usize>,
    /// The `Accept` header: the media types the responses document, in document order, without
    /// repeats, only those a header value can carry; empty when no response has a body.
    pub accept: String,
    /// The operation takes an `Idempotency-Key`: `x-idempotent: true` or a declared header.
    pub idempotency_key: bool,
    /// Safe to send again after a failure: an idempotent method (RFC 9110 §9.2.2) or an
    /// `Idempotency-Key` sent with it.
    pub retry_safe: bool,
    /// Security alternatives, each the schemes it names (an empty one: anonymous access).
    /// Empty: nothing declared, or `security: []`.
    pub security: Vec<Vec<SchemeUse>>,
    /// Every alternative needs a credential ([`Operation::is_secured`]).
    pub requires_auth: bool,
    /// How a list pages, when a client can follow it.
    pub paging: Option<Paging>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `x-sunset`.
    pub sunset: Option<chrono::NaiveDate>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `x-rate-limit`.
    pub rate_limit: Option<RateLimit>,
    /// `x-permissions`, as written.
    pub permissions: Vec<String>,
    /// `x-audit: true`.
    pub audit: bool,
}

/// A security scheme an alternative names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SchemeUse {
    /// A declared scheme, by its index in `Api::security_schemes`.
    Declared(usize),
    /// A name `components/securitySchemes` does not declare (no credential satisfies it).
    Undeclared(String),
}

impl SchemeUse {
    /// The index of a declared scheme.
    pub fn index(&self) -> Option<usize> {
        match self {
            SchemeUse::Declared(index) => Some(*index),
            SchemeUse::Undeclared(_) => None,
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PathPiece {
    /// Text as written (a `{name}` no path parameter declares stays text).
    Literal(String),
    /// A path parameter, by its index in [`OperationFacts::params`].
    Param(usize),
}

/// A parameter.
#[derive(Debug, Clone)]
pub struct ParamFacts {
    /// Name on the wire.
    pub name: String,
    /// `in`.
    pub location: ParamLocation,
    /// The value type.
    pub ty: TypeRef,
    /// Required (a path parameter always is).
    pub required: bool,
    /// The value is a list (through aliases).
    pub is_list: bool,
    /// Effective `style`.
    pub style: ParamStyle,
    /// `explode`.
    pub explode: bool,
    /// How a script client encodes it in a query string.
    pub encoding: QueryEncoding,
    /// The validation keywords of its schema (a server checks the value against them).
    pub constraints: Constraints,
    /// The schema's `default`, as written (JSON).
    pub default: Option<serde_json::Value>,
    /// `description`.
    pub doc: Option<String>,
}

impl ParamFacts {
    /// The declared `Idempotency-Key` header (name compared case-insensitively).
    pub fn is_idempotency_key(&self) -> bool {
        self.location == ParamLocation::Header && self.name.eq_ignore_ascii_case(IDEMPOTENCY_KEY)
    }
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

/// How a script client encodes a query parameter (OpenAPI `style` and `explode`).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum QueryEncoding {
    /// Arrays as repeated parameters (`name=a&name=b`).
    Form,
    /// `explode: false`: arrays comma-separated (`name=a,b`).
    Csv,
    /// `style: deepObject`: objects as `name[key]=value`.
    Deep,
}

impl QueryEncoding {
    /// The encoding of a parameter.
    pub fn of(p: &Parameter) -> QueryEncoding {
        match p.style.as_deref() {
            Some("deepObject") => QueryEncoding::Deep,
            _ if !p.explode => QueryEncoding::Csv,
            _ => QueryEncoding::Form,
        }
    }
}

/// A request body in the media type chosen for a family of clients.
#[derive(Debug, Clone)]
pub struct BodyFacts {
    /// Media type as written.
    pub content_type: String,
    /// How the body is encoded.
    pub kind: BodyKind,
    /// The schema's type ([`TypeRef::Any`] without a schema).
    pub ty: TypeRef,
    /// `required`.
    pub required: bool,
    /// `description`.
    pub doc: Option<String>,
    /// The members of a struct body, for bodies sent member by member (form, multipart); empty
    /// when the body is not a struct.
    pub members: Vec<BodyMember>,
}

/// One member of a struct request body.
#[derive(Debug, Clone)]
pub struct BodyMember {
    /// The struct's field.
    pub field: Field,
    /// A file member, or a list of files; `None` for other members.
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

impl BodyKind {
    /// The kind of a media type.
    pub fn of(media: &Media) -> BodyKind {
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
}

/// A binary member of a struct request body (sent as a file part of a multipart body).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum BinaryField {
    /// One file.
    Binary,
    /// Several files.
    BinaryList,
}

/// A documented response.
#[derive(Debug, Clone)]
pub struct ResponseFacts {
    /// Status key as written (`200`, `4XX`, `default`).
    pub status: String,
    /// The exact code, when not a range or `default`.
    pub code: Option<u16>,
    /// A 4xx or 5xx status (or range), or `default`.
    pub is_error: bool,
    /// The type of the JSON body, if the response has one.
    pub json: Option<TypeRef>,
    /// The media type of a body that is not JSON (the first documented), when there is no JSON one.
    pub raw: Option<String>,
    /// Every documented media type, in document order.
    pub media_types: Vec<String>,
    /// Documented headers, in document order.
    pub headers: Vec<HeaderFacts>,
    /// `description`.
    pub doc: String,
}

/// A documented response header.
#[derive(Debug, Clone)]
pub struct HeaderFacts {
    /// Name as written.
    pub name: String,
    /// The value type.
    pub ty: TypeRef,
    /// `required`.
    pub required: bool,
    /// `description`.
    pub doc: Option<String>,
}

/// The operations of one resource in one API version, for targets that group by both.
#[derive(Debug, Clone)]
pub struct ResourceGroup<'f> {
    /// `N` of `/api/vN`.
    pub version: Option<u32>,
    /// The resource as written.
    pub name: String,
    /// The tag's description, when it says something.
    pub doc: Option<String>,
    /// The operations, in document order.
    pub operations: Vec<&'f OperationFacts>,
}

impl OperationFacts {
    /// The facts of every operation of an API, in document order.
    pub fn all(api: &Api) -> Vec<OperationFacts> {
        api.operations.iter().map(|op| OperationFacts::of(api, op)).collect()
    }

    /// The facts of one operation.
    pub fn of(api: &Api, op: &Operation) -> OperationFacts {
        let graph = &api.types;
        let params: Vec<ParamFacts> = op.parameters.iter().map(|p| param_facts(graph, p)).collect();
        let responses: Vec<ResponseFacts> = op.responses.iter().map(response_facts).collect();
        let idempotency_key = op.annotations.idempotent || params.iter().any(ParamFacts::is_idempotency_key);
        OperationFacts {
            id: op.id.clone(),
            code_name: op.code_name().to_string(),
            method: op.method,
            path: op.path.clone(),
            path_pieces: path_pieces(&op.path, &params),
            label: op.label(),
            version: op.version,
            resource: op.resource.clone(),
            body: op.request_body.as_ref().and_then(|b| body_facts(graph, b, rust_media(b))),
            script_body: op.request_body.as_ref().and_then(|b| body_facts(graph, b, script_media(b))),
            success: responses.iter().position(|r| r.code.is_some_and(|c| (200..300).contains(&c))),
            params,
            responses,
            accept: accept(op),
            retry_safe: op.method.is_idempotent() || idempotency_key,
            idempotency_key,
            security: security_indices(api, op),
            requires_auth: op.is_secured(),
            paging: op.paging(graph),
            deprecated: op.deprecated,
            sunset: op.annotations.sunset,
            summary: op.summary.clone(),
            description: op.description.clone(),
            rate_limit: op.annotations.rate_limit,
            permissions: op.annotations.permissions.clone(),
            audit: op.annotations.audit,
        }
    }

    /// Parameters in one location, in document order.
    pub fn params_in(&self, location: ParamLocation) -> impl Iterator<Item = &ParamFacts> {
        self.params.iter().filter(move |p| p.location == location)
    }

    /// The parameter of a location by its name as written.
    pub fn param(&self, location: ParamLocation, name: &str) -> Option<&ParamFacts> {
        self.params_in(location).find(|p| p.name == name)
    }

    /// The response documented for a status key as written (`"415"`, `"4XX"`, `"default"`).
    pub fn response(&self, status: &str) -> Option<&ResponseFacts> {
        self.responses.iter().find(|r| r.status == status)
    }

    /// The success response.
    pub fn success(&self) -> Option<&ResponseFacts> {
        self.success.map(|i| &self.responses[i])
    }

    /// The JSON body of each error response, by status as written upper-cased (`404`, `4XX`,
    /// `DEFAULT`), in document order.
    pub fn error_bodies(&self) -> Vec<(String, &TypeRef)> {
        self.responses
            .iter()
            .filter(|r| r.is_error)
            .filter_map(|r| Some((r.status.to_uppercase(), r.json.as_ref()?)))
            .collect()
    }
}

/// Operations grouped by (version, resource), groups in order of first appearance.
pub fn resource_groups<'f>(api: &Api, facts: &'f [OperationFacts]) -> Vec<ResourceGroup<'f>> {
    let mut groups: Vec<ResourceGroup<'f>> = Vec::new();
    for op in facts {
        match groups.iter_mut().find(|g| g.version == op.version && g.name == op.resource) {
            Some(group) => group.operations.push(op),
            None => groups.push(ResourceGroup {
                version: op.version,
                name: op.resource.clone(),
                doc: api
                    .tags
                    .iter()
                    .find(|t| t.name == op.resource)
                    .and_then(|t| t.description.clone())
                    // A blank description (chain49 writes " ") documents nothing.
                    .filter(|d| !d.trim().is_empty()),
                operations: vec![op],
            }),
        }
    }
    groups
}

fn param_facts(graph: &TypeGraph, p: &Parameter) -> ParamFacts {
    ParamFacts {
        name: p.name.clone(),
        location: p.location,
        ty: p.ty.clone(),
        required: p.required || p.location == ParamLocation::Path,
        is_list: matches!(graph.unalias(&p.ty), TypeRef::List(_)),
        style: ParamStyle::of(p.style.as_deref(), p.location),
        explode: p.explode,
        encoding: QueryEncoding::of(p),
        constraints: p.constraints.clone(),
        default: p.default.clone(),
        doc: p.description.clone(),
    }
}

/// The path as literal text and parameter references; adjacent text is one piece, and an empty
/// path is one empty literal.
fn path_pieces(path: &str, params: &[ParamFacts]) -> Vec<PathPiece> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        let name = &rest[open + 1..close];
        literal.push_str(&rest[..open]);
        match params.iter().position(|p| p.location == ParamLocation::Path && p.name == name) {
            Some(index) => {
                if !literal.is_empty() {
                    pieces.push(PathPiece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(PathPiece::Param(index));
            }
            None => literal.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() || pieces.is_empty() {
        pieces.push(PathPiece::Literal(literal));
    }
    pieces
}

/// The media type a Rust client or server takes: JSON, else the first.
fn rust_media(body: &RequestBody) -> Option<&Media> {
    body.content.iter().find(|m| m.is_json()).or(body.content.first())
}

/// The media type a script client sends: the first JSON one, else the first form, else the
/// first `multipart/form-data`; none when it can encode none of them.
fn script_media(body: &RequestBody) -> Option<&Media> {
    let is_form_data = |m: &&Media| m.content_type.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("multipart/form-data");
    let of_kind = |kind: BodyKind| move |m: &&Media| BodyKind::of(m) == kind;
    body.content
        .iter()
        .find(of_kind(BodyKind::Json))
        .or_else(|| body.content.iter().find(of_kind(BodyKind::Form)))
        .or_else(|| body.content.iter().find(is_form_data))
}

fn body_facts(graph: &TypeGraph, body: &RequestBody, media: Option<&Media>) -> Option<BodyFacts> {
    let media = media?;
    Some(BodyFacts {
        content_type: media.content_type.clone(),
        kind: BodyKind::of(media),
        ty: media.ty.clone(),
        required: body.required,
        doc: body.description.clone(),
        members: body_members(graph, &media.ty),
    })
}

fn body_members(graph: &TypeGraph, ty: &TypeRef) -> Vec<BodyMember> {
    let is_binary = |ty: &TypeRef| matches!(graph.unalias(ty), TypeRef::Primitive(Primitive::Binary));
    let Some(fields) = graph.fields(ty) else { return Vec::new() };
    fields
        .iter()
        .map(|f| {
            let binary = match graph.unalias(&f.ty) {
                TypeRef::Primitive(Primitive::Binary) => Some(BinaryField::Binary),
                TypeRef::List(item) if is_binary(item) => Some(BinaryField::BinaryList),
                _ => None,
            };
            BodyMember { field: f.clone(), binary }
        })
        .collect()
}

fn response_facts(r: &Response) -> ResponseFacts {
    let json = r.json().map(|m| m.ty.clone());
    ResponseFacts {
        status: r.status.clone(),
        code: r.code(),
        is_error: r.status.starts_with('4') || r.status.starts_with('5') || r.status == "default",
        raw: if json.is_none() { r.content.first().map(|m| m.content_type.clone()) } else { None },
        json,
        media_types: r.content.iter().map(|m| m.content_type.clone()).collect(),
        headers: r
            .headers
            .iter()
            .map(|h| HeaderFacts {
                name: h.name.clone(),
                ty: h.ty.clone(),
                required: h.required,
                doc: h.description.clone(),
            })
            .collect(),
        doc: r.description.clone(),
    }
}

/// The media types an operation's responses document, for its `Accept` header (`application/json`,
/// `application/json, text/plain`).
fn accept(op: &Operation) -> String {
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

fn security_indices(api: &Api, op: &Operation) -> Vec<Vec<SchemeUse>> {
    let scheme = |name: &String| match api.security_schemes.iter().position(|s| &s.name == name) {
        Some(index) => SchemeUse::Declared(index),
        None => SchemeUse::Undeclared(name.clone()),
    };
    let alternatives = op.security.as_deref().unwrap_or_default();
    alternatives.iter().map(|alt| alt.iter().map(scheme).collect()).collect()
}
