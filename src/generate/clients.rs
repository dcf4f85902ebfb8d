//! What the client targets derive alike from the model, as the tags their views carry: the
//! credential a security scheme takes, how a query parameter is encoded, the request body
//! the script clients (Python, TypeScript) send, and which of their type aliases refer to
//! themselves.

use serde::Serialize;

use super::operations::BodyKind;
use crate::model::{Field, Media, Parameter, RequestBody, SchemeKind, TypeGraph, TypeId, TypeKind, TypeRef, Variant};

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

/// Whether a script client's type lets a field be left out: it is not required, or it is
/// `readOnly` in a type some request sends (the server writes it), or `writeOnly` in a type
/// some response holds (only requests carry it). A required `readOnly` field of a type only
/// responses hold is required, as the server always sends it.
pub fn may_leave_out(field: &Field, sent: bool, decoded: bool) -> bool {
    !field.required || (field.read_only && sent) || (field.write_only && decoded)
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
/// takes such an alias written as the others are: TypeScript resolves `Record<…>`'s
/// arguments as it declares the alias, Python evaluates an alias as the module runs, and
/// pydantic resolves a recursive one only by its name. A cycle through an object type
/// makes no such alias (a class or interface is resolved when used).
pub fn recursive_aliases(graph: &TypeGraph) -> Vec<bool> {
    graph.recursive_aliases(|id| match &graph.get(id).kind {
        TypeKind::Union { .. } => Some(own_variants(graph, id).into_iter().map(|v| &v.ty).collect()),
        TypeKind::Alias(target) => Some(vec![target]),
        TypeKind::Struct { .. } | TypeKind::Enum { .. } => None,
    })
}

/// A union's variants, less those that are the union itself through aliases (a `oneOf`
/// naming its own schema, or a subtype that is a base of its own, lowered to the union it
/// belongs to): neither script language can say a union is one of its own members, and
/// the variant adds no value the others lack.
pub fn own_variants(graph: &TypeGraph, id: TypeId) -> Vec<&Variant> {
    match &graph.get(id).kind {
        TypeKind::Union { variants, .. } => {
            variants.iter().filter(|v| graph.unalias(&v.ty) != &TypeRef::Named(id)).collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn recursive_aliases_are_those_on_a_cycle_of_aliases() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/client/recursive.yaml");
        let doc = crate::load::Document::load(&path).unwrap();
        let api = crate::model::lower(&doc, &Default::default()).expect("a model");
        let recursive = super::recursive_aliases(&api.types);
        let mut names: Vec<&str> =
            api.types.types.iter().zip(recursive).filter(|(_, r)| *r).map(|(t, _)| t.name.as_str()).collect();
        names.sort_unstable();
        // Not Report (an object breaks the cycle) nor Label (its member naming itself is left out).
        assert_eq!(names, ["ErrorDetails", "Even", "Json", "JsonValue", "Nested", "Odd", "Tree"]);
    }
}
