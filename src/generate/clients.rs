//! What the client targets derive alike from the model, as the tags their views carry: the
//! credential a security scheme takes, how a query parameter is encoded, the request body
//! the script clients (Python, TypeScript) send, and which of their type aliases refer to
//! themselves.

use serde::Serialize;

use super::operations::BodyKind;
use crate::model::{Media, Parameter, RequestBody, SchemeKind, TypeGraph, TypeKind, TypeRef};

/// The credential a security scheme takes from a client's user.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    /// A bearer token (bearer, OAuth 2 and OpenID Connect schemes).
    Bearer,
    /// An API key in a header, query parameter or cookie.
    ApiKey,
    /// HTTP basic credentials.
    Basic,
    /// Credentials of another `http` scheme (`Authorization: <scheme> …`).
    Http,
    /// Not supported: never satisfied.
    None,
}

impl CredentialKind {
    /// The credential a scheme takes.
    pub fn of(kind: &SchemeKind) -> CredentialKind {
        match kind {
            SchemeKind::Bearer { .. } | SchemeKind::OAuth2 | SchemeKind::OpenIdConnect => CredentialKind::Bearer,
            SchemeKind::ApiKey { .. } => CredentialKind::ApiKey,
            SchemeKind::Basic => CredentialKind::Basic,
            SchemeKind::OtherHttp(_) => CredentialKind::Http,
            SchemeKind::Other(_) => CredentialKind::None,
        }
    }

    /// The name the views serialize (`bearer`, `api_key`, `basic`, `http`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::Bearer => "bearer",
            CredentialKind::ApiKey => "api_key",
            CredentialKind::Basic => "basic",
            CredentialKind::Http => "http",
            CredentialKind::None => "none",
        }
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

/// The body a script client sends: the first media type it can encode (JSON, then a form, then
/// multipart), as (required, media type, kind).
pub fn script_body(body: Option<&RequestBody>) -> Option<(bool, &Media, BodyKind)> {
    let b = body?;
    let media = ["json", "application/x-www-form-urlencoded", "multipart/form-data"]
        .iter()
        .find_map(|kind| b.content.iter().find(|m| m.content_type.contains(kind)))?;
    let kind = if media.content_type.contains("json") {
        BodyKind::Json
    } else if media.content_type.contains("form-urlencoded") {
        BodyKind::Form
    } else {
        BodyKind::Multipart
    };
    Some((b.required, media, kind))
}

/// For every type: whether a script client declares it as a type alias (a union or an
/// alias) that reaches itself through lists, maps and other such aliases, as Discord's
/// `ErrorDetails` (a map of itself, or the errors of one field) does. Neither language
/// takes such an alias as written for other aliases: TypeScript resolves `Record<…>`'s
/// arguments eagerly, and Python evaluates an alias when the module runs. A cycle through
/// an object type is no such alias (a class or interface is resolved lazily). One pass
/// (strongly connected components), so a long chain of aliases costs linear time.
pub fn recursive_aliases(graph: &TypeGraph) -> Vec<bool> {
    let is_alias = |id: usize| matches!(graph.types[id].kind, TypeKind::Union { .. } | TypeKind::Alias(_));
    let edges: Vec<Vec<usize>> = graph
        .types
        .iter()
        .map(|def| {
            let mut stack: Vec<&TypeRef> = match &def.kind {
                TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
                TypeKind::Alias(target) => vec![target],
                TypeKind::Struct { .. } | TypeKind::Enum { .. } => Vec::new(),
            };
            let mut out = Vec::new();
            while let Some(ty) = stack.pop() {
                match ty {
                    TypeRef::Named(n) if is_alias(n.0) => out.push(n.0),
                    TypeRef::List(inner) | TypeRef::Map(inner) => stack.push(inner),
                    _ => {}
                }
            }
            out
        })
        .collect();
    let component = crate::graph::component_ids(&edges);
    let mut size = vec![0usize; edges.len()];
    component.iter().for_each(|&c| size[c] += 1);
    edges.iter().enumerate().map(|(v, out)| size[component[v]] > 1 || out.contains(&v)).collect()
}
