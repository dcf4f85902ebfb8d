//! What the client targets derive alike from the model, as the tags their views carry: the
//! credential a security scheme takes and which of the script clients' (Python, TypeScript)
//! type aliases refer to themselves. An operation's facts are in [`crate::model::operations`].

use serde::Serialize;

use crate::model::{Field, ParamLocation, SchemeKind, SecurityScheme, TypeGraph, TypeId, TypeKind, TypeRef, Variant};

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

/// Whether a script client's type lets a field be left out: it is not required, or it is
/// `readOnly` in a type some request sends (the server writes it), or `writeOnly` in a type
/// some response holds (only requests carry it). A required `readOnly` field of a type only
/// responses hold is required, as the server always sends it.
pub fn may_leave_out(field: &Field, sent: bool, decoded: bool) -> bool {
    !field.required || (field.read_only && sent) || (field.write_only && decoded)
}

/// The name a client gives the credential of each security scheme, before its casing and
/// collisions: `bearer_token`, `access_token` (OAuth 2, OpenID Connect), `api_key` or `basic_auth`
/// when the API has one scheme of that kind, else the scheme's name (in the client's casing,
/// `cased`) with a suffix (`_token`, `_basic`, `_credentials`, `_unsupported`).
pub fn credential_names(schemes: &[SecurityScheme], cased: impl Fn(&str) -> String) -> Vec<String> {
    let count = |f: fn(&SchemeKind) -> bool| schemes.iter().filter(|s| f(&s.kind)).count();
    let bearers = count(|k| matches!(k, SchemeKind::Bearer { .. }));
    let oauths = count(|k| matches!(k, SchemeKind::OAuth2 | SchemeKind::OpenIdConnect));
    let keys = count(|k| matches!(k, SchemeKind::ApiKey { .. }));
    let basics = count(|k| matches!(k, SchemeKind::Basic));
    let named = |alone: bool, single: &str, own: String| if alone { single.to_string() } else { own };
    schemes
        .iter()
        .map(|s| {
            let name = cased(&s.name);
            match &s.kind {
                SchemeKind::Bearer { .. } => named(bearers == 1, "bearer_token", format!("{name}_token")),
                SchemeKind::OAuth2 | SchemeKind::OpenIdConnect => named(oauths == 1, "access_token", format!("{name}_token")),
                SchemeKind::ApiKey { .. } => named(keys == 1, "api_key", name),
                SchemeKind::Basic => named(basics == 1, "basic_auth", format!("{name}_basic")),
                SchemeKind::OtherHttp(_) => format!("{name}_credentials"),
                SchemeKind::Other(_) => format!("{name}_unsupported"),
            }
        })
        .collect()
}

/// One operation's call in a script client (Python, TypeScript) the targets render, for tools
/// that drive every operation (`examples/prism_driver`): `client.<resource>.<method>(…)`.
#[derive(Debug, Clone, Serialize)]
pub struct CallSite {
    /// The operation id.
    pub operation: String,
    /// The resource attribute (property) of the client (`orders`).
    pub resource: String,
    /// The method (`get_order`, `getOrder`); a Python list that pages is a callable attribute
    /// of that name.
    pub method: String,
    /// The parameters the method takes, in the order it declares them.
    pub params: Vec<CallParam>,
    /// The method takes a `body` argument (member).
    pub body: bool,
}

/// One parameter of a script client's [`CallSite`].
#[derive(Debug, Clone, Serialize)]
pub struct CallParam {
    /// The keyword argument (Python) or member of the parameters object (TypeScript).
    pub ident: String,
    /// Where the request carries it.
    pub location: ParamLocation,
    /// Its name on the wire.
    pub name: String,
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
