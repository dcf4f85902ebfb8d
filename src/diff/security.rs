//! Security requirements (OpenAPI 3.0 §4.8.30 Security Requirement Object)
//! and the schemes they name (§4.8.27 Security Scheme Object). Schemes are
//! compared by what a client sends (type, location, header name, HTTP
//! scheme), not by their component name, so renaming a scheme is no change.

use std::collections::BTreeSet;

use super::schemas::check;
use super::{Changes, Context, DiffCheck};
use crate::model::{Api, Operation, SchemeKind};
use crate::text::one_line;

check!(SECURITY_REQUIREMENT_ADDED, "security-requirement-added", Breaking, Operation,
    "an operation needs credentials a client that met its old requirements may not have",
    "A public operation that now needs a token, or an alternative that now needs a second scheme, rejects clients that worked.",
    "security: []",
    "security: [{BearerAuth: []}]",
    "docs/standard.md §8 Security; OpenAPI 3.0 §4.8.30 Security Requirement Object");
check!(SECURITY_REQUIREMENT_REMOVED, "security-requirement-removed", NonBreaking, Operation,
    "an operation accepts credentials (or no credentials) it did not accept before",
    "Every client that was accepted still is.",
    "security: [{BearerAuth: []}]",
    "security: [{BearerAuth: []}, {ApiKey: []}]",
    "docs/standard.md §8 Security; OpenAPI 3.0 §4.8.30 Security Requirement Object");
check!(SECURITY_SCHEME_CHANGED, "security-scheme-changed", Breaking, Operation,
    "a security scheme an operation uses changes what clients send (type, header or parameter name, HTTP scheme)",
    "Clients send their credentials the old way, which is no longer read.",
    "ApiKey: {type: apiKey, in: header, name: X-API-Key}",
    "ApiKey: {type: apiKey, in: header, name: X-Api-Token}",
    "docs/standard.md §8 Security; OpenAPI 3.0 §4.8.27 Security Scheme Object");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[&SECURITY_REQUIREMENT_ADDED, &SECURITY_REQUIREMENT_REMOVED, &SECURITY_SCHEME_CHANGED];

fn scheme_key(api: &Api, name: &str) -> String {
    match api.security_scheme(name).map(|s| &s.kind) {
        Some(SchemeKind::ApiKey { location, name }) => format!("apiKey {location} '{}'", one_line(name)),
        Some(SchemeKind::Bearer { .. }) => "http bearer".into(),
        Some(SchemeKind::Basic) => "http basic".into(),
        Some(SchemeKind::OtherHttp(s)) => format!("http {}", one_line(&s.to_ascii_lowercase())),
        Some(SchemeKind::OAuth2) => "oauth2".into(),
        Some(SchemeKind::OpenIdConnect) => "openIdConnect".into(),
        Some(SchemeKind::Other(s)) => one_line(s),
        None => format!("undeclared '{}'", one_line(name)),
    }
}

/// The alternatives of an operation, each as the set of what a client sends; no
/// declared security is one empty alternative (anyone).
fn alternatives(api: &Api, op: &Operation) -> Vec<(BTreeSet<String>, Vec<String>)> {
    match &op.security {
        None => vec![(BTreeSet::new(), Vec::new())],
        Some(alts) if alts.is_empty() => vec![(BTreeSet::new(), Vec::new())],
        Some(alts) => alts.iter().map(|a| (a.iter().map(|n| scheme_key(api, n)).collect(), a.clone())).collect(),
    }
}

fn show(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "no credentials".into()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(" + ")
    }
}

/// Reports security changes of matched operations.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    for (b_op, h_op) in &ctx.ops.pairs {
        let label = h_op.label();
        let (ba, ha) = (alternatives(ctx.base.api, b_op), alternatives(ctx.head.api, h_op));
        let at = || (Some(b_op.pointer.clone()), Some(h_op.pointer.clone()));
        for (keys, names) in &ba {
            // A client that satisfied this alternative is still accepted if some head alternative asks no more.
            if ha.iter().any(|(h, _)| h.is_subset(keys)) {
                continue;
            }
            let same_names = ha.iter().find(|(_, n)| !n.is_empty() && n == names);
            let (bp, hp) = at();
            match same_names {
                Some((h, _)) => out.push(&SECURITY_SCHEME_CHANGED, Some(label.clone()), format!("security scheme {} changed from {} to {}", one_line(&names.join(" + ")), show(keys), show(h)), bp, hp),
                None => {
                    let now = ha.iter().map(|(h, _)| show(h)).collect::<Vec<_>>().join(" or ");
                    out.push(&SECURITY_REQUIREMENT_ADDED, Some(label.clone()), format!("clients with {} are no longer accepted (now: {now})", show(keys)), bp, hp);
                }
            }
        }
        for (keys, _) in &ha {
            if ba.iter().any(|(b, _)| b.is_subset(keys)) {
                continue;
            }
            let (bp, hp) = at();
            out.push(&SECURITY_REQUIREMENT_REMOVED, Some(label.clone()), format!("now also accepts clients with {}", show(keys)), bp, hp);
        }
    }
}
