//! Parameters, matched by name and location (OpenAPI 3.0 §4.8.12 Parameter
//! Object; path parameters by their position in the template, so renaming
//! one is no change), and their schemas in the request direction.

use super::schemas::{check, compare_held};
use super::{path_params, Changes, Context, DiffCheck};
use crate::model::{Operation, ParamLocation, Parameter};
use crate::text::one_line;

check!(PARAMETER_ADDED_REQUIRED, "parameter-added-required", Breaking, Request,
    "an operation gains a required parameter",
    "Existing clients do not send it, so their requests are rejected.",
    "parameters: []",
    "parameters:\n  - {name: region, in: query, required: true, schema: {type: string}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");
check!(PARAMETER_ADDED_OPTIONAL, "parameter-added-optional", NonBreaking, Request,
    "an operation gains an optional parameter",
    "Existing requests stay valid.",
    "parameters: []",
    "parameters:\n  - {name: region, in: query, schema: {type: string}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");
check!(PARAMETER_REMOVED, "parameter-removed", Breaking, Request,
    "a parameter is removed",
    "Clients still send it and rely on its effect (a filter, a header), which silently stops; a closed server rejects it.",
    "parameters:\n  - {name: status, in: query, schema: {type: string}}",
    "parameters: []",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");
check!(PARAMETER_MOVED, "parameter-moved", Breaking, Request,
    "a parameter keeps its name but moves to another location (`in`)",
    "Clients send it where it no longer is read.",
    "- {name: tenant, in: query, schema: {type: string}}",
    "- {name: tenant, in: header, schema: {type: string}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");
check!(PARAMETER_RENAMED, "parameter-renamed", Breaking, Request,
    "a query, header or cookie parameter is renamed (one removed and one of the same type added in its place)",
    "Clients send the old name, which is no longer read. (Renaming a path parameter is no change: its value goes in the same place.)",
    "- {name: status, in: query, schema: {type: string}}",
    "- {name: state, in: query, schema: {type: string}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");
check!(PARAMETER_BECAME_REQUIRED, "parameter-became-required", Breaking, Request,
    "an optional parameter becomes required",
    "Clients that leave it out are rejected.",
    "- {name: limit, in: query, schema: {type: integer}}",
    "- {name: limit, in: query, required: true, schema: {type: integer}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");
check!(PARAMETER_BECAME_OPTIONAL, "parameter-became-optional", NonBreaking, Request,
    "a required parameter becomes optional",
    "Every request that was valid stays valid.",
    "- {name: limit, in: query, required: true, schema: {type: integer}}",
    "- {name: limit, in: query, schema: {type: integer}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");
check!(PARAMETER_DEFAULT_CHANGED, "parameter-default-changed", Breaking, Request,
    "a parameter's default value is added, changed or removed",
    "Clients that leave the parameter out now get another behaviour (another page size, another sort order).",
    "- {name: limit, in: query, schema: {type: integer, default: 20}}",
    "- {name: limit, in: query, schema: {type: integer, default: 50}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.12 Parameter Object");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[
    &PARAMETER_ADDED_REQUIRED,
    &PARAMETER_ADDED_OPTIONAL,
    &PARAMETER_REMOVED,
    &PARAMETER_MOVED,
    &PARAMETER_RENAMED,
    &PARAMETER_BECAME_REQUIRED,
    &PARAMETER_BECAME_OPTIONAL,
    &PARAMETER_DEFAULT_CHANGED,
];

fn name(p: &Parameter) -> String {
    format!("parameter '{}' ({})", one_line(&p.name), p.location.as_str())
}

/// The head parameter that a base parameter is, if any: same name and location, or
/// for a path parameter the one at the same position of the template.
fn counterpart<'h>(b_op: &Operation, h_op: &'h Operation, p: &Parameter) -> Option<&'h Parameter> {
    if p.location == ParamLocation::Path {
        let by_position = path_params(&b_op.path)
            .iter()
            .position(|n| *n == p.name)
            .and_then(|index| path_params(&h_op.path).get(index).copied())
            .and_then(|head_name| h_op.param(ParamLocation::Path, head_name));
        // A path parameter the template does not name (a broken spec) matches by name.
        return by_position.or_else(|| h_op.param(ParamLocation::Path, &p.name));
    }
    h_op.param(p.location, &p.name)
}

/// Reports parameter changes of matched operations.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    for (b_op, h_op) in &ctx.ops.pairs {
        let label = h_op.label();
        let mut matched_head: Vec<&Parameter> = Vec::new();
        let mut removed: Vec<&Parameter> = Vec::new();
        for p in &b_op.parameters {
            let Some(q) = counterpart(b_op, h_op, p) else {
                removed.push(p);
                continue;
            };
            matched_head.push(q);
            let (bp, hp) = (Some(p.pointer.clone()), Some(q.pointer.clone()));
            if !p.required && q.required {
                out.push(&PARAMETER_BECAME_REQUIRED, Some(label.clone()), format!("{} became required", name(q)), bp.clone(), hp.clone());
            }
            if p.required && !q.required {
                out.push(&PARAMETER_BECAME_OPTIONAL, Some(label.clone()), format!("{} became optional", name(q)), bp.clone(), hp.clone());
            }
            if p.default != q.default {
                let show = |v: &Option<serde_json::Value>| v.as_ref().map_or("none".to_string(), |v| one_line(&v.to_string()));
                out.push(&PARAMETER_DEFAULT_CHANGED, Some(label.clone()), format!("{}: default changed from {} to {}", name(q), show(&p.default), show(&q.default)), bp.clone(), hp.clone());
            }
            compare_held(&ctx.request, (&p.ty, &p.pointer), (&q.ty, &q.pointer), &label, &name(q), out);
        }
        let mut added: Vec<&Parameter> =
            h_op.parameters.iter().filter(|q| !matched_head.iter().any(|m| std::ptr::eq(*m, *q))).collect();
        // Moved: the same name in another location.
        removed.retain(|p| {
            let Some(i) = added.iter().position(|q| q.name == p.name) else { return true };
            let q = added.remove(i);
            out.push(&PARAMETER_MOVED, Some(label.clone()), format!("parameter '{}' moved from {} to {}", one_line(&p.name), p.location.as_str(), q.location.as_str()), Some(p.pointer.clone()), Some(q.pointer.clone()));
            false
        });
        // Renamed: the only removal and the only addition of a location, with the same type.
        for loc in [ParamLocation::Query, ParamLocation::Header, ParamLocation::Cookie] {
            let r: Vec<usize> = (0..removed.len()).filter(|i| removed[*i].location == loc).collect();
            let a: Vec<usize> = (0..added.len()).filter(|i| added[*i].location == loc).collect();
            if let ([ri], [ai]) = (r.as_slice(), a.as_slice()) {
                let (p, q) = (removed[*ri], added[*ai]);
                let same_type = super::schemas::describe(&ctx.base.api.types, &p.ty) == super::schemas::describe(&ctx.head.api.types, &q.ty);
                if same_type && p.required == q.required {
                    out.push(&PARAMETER_RENAMED, Some(label.clone()), format!("{} was renamed to '{}'", name(p), one_line(&q.name)), Some(p.pointer.clone()), Some(q.pointer.clone()));
                    let (ri, ai) = (*ri, *ai);
                    removed.remove(ri);
                    added.remove(ai);
                }
            }
        }
        for p in removed {
            out.push(&PARAMETER_REMOVED, Some(label.clone()), format!("{} was removed", name(p)), Some(p.pointer.clone()), Some(h_op.pointer.clone()));
        }
        for q in added {
            let (check, what) = if q.required { (&PARAMETER_ADDED_REQUIRED, "required") } else { (&PARAMETER_ADDED_OPTIONAL, "optional") };
            out.push(check, Some(label.clone()), format!("{} was added ({what})", name(q)), Some(b_op.pointer.clone()), Some(q.pointer.clone()));
        }
    }
}
