//! Request bodies (OpenAPI 3.0 §4.8.13 Request Body Object): added as
//! required, made required, media types removed; the schema of each media
//! type both versions accept, in the request direction.

use super::schemas::{check, compare_held};
use super::{Changes, Context, DiffCheck};
use crate::text::one_line;

check!(REQUEST_BODY_REQUIRED, "request-body-required", Breaking, Request,
    "an operation gains a required request body, or its body becomes required",
    "Existing clients send no body, so their requests are rejected.",
    "post:\n  requestBody: {required: false, content: {application/json: {schema: {$ref: '#/components/schemas/OrderCancelRequest'}}}}",
    "post:\n  requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/OrderCancelRequest'}}}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.13 Request Body Object");
check!(REQUEST_BODY_ADDED_OPTIONAL, "request-body-added-optional", NonBreaking, Request,
    "an operation gains an optional request body, or its body becomes optional",
    "Existing requests stay valid.",
    "post: {}",
    "post:\n  requestBody: {content: {application/json: {schema: {type: object}}}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.13 Request Body Object");
check!(REQUEST_MEDIA_TYPE_REMOVED, "request-media-type-removed", Breaking, Request,
    "a request body media type is removed (or the whole body)",
    "Clients that send that media type are rejected with 415.",
    "content: {application/json: {…}, application/x-www-form-urlencoded: {…}}",
    "content: {application/json: {…}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.14 Media Type Object");
check!(REQUEST_MEDIA_TYPE_ADDED, "request-media-type-added", NonBreaking, Request,
    "a request body accepts another media type",
    "Existing requests stay valid.",
    "content: {application/json: {…}}",
    "content: {application/json: {…}, application/x-www-form-urlencoded: {…}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.14 Media Type Object");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[&REQUEST_BODY_REQUIRED, &REQUEST_BODY_ADDED_OPTIONAL, &REQUEST_MEDIA_TYPE_REMOVED, &REQUEST_MEDIA_TYPE_ADDED];

/// Reports request body changes of matched operations.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    for (b_op, h_op) in &ctx.ops.pairs {
        let label = h_op.label();
        match (&b_op.request_body, &h_op.request_body) {
            (None, None) => {}
            (None, Some(h)) => {
                let check = if h.required { &REQUEST_BODY_REQUIRED } else { &REQUEST_BODY_ADDED_OPTIONAL };
                let what = if h.required { "a required" } else { "an optional" };
                out.push(check, Some(label.clone()), format!("{what} request body was added"), Some(b_op.pointer.clone()), Some(h.pointer.clone()));
            }
            (Some(b), None) => {
                out.push(&REQUEST_MEDIA_TYPE_REMOVED, Some(label.clone()), "the request body was removed".into(), Some(b.pointer.clone()), Some(h_op.pointer.clone()));
            }
            (Some(b), Some(h)) => {
                if !b.required && h.required {
                    out.push(&REQUEST_BODY_REQUIRED, Some(label.clone()), "the request body became required".into(), Some(b.pointer.clone()), Some(h.pointer.clone()));
                }
                if b.required && !h.required {
                    out.push(&REQUEST_BODY_ADDED_OPTIONAL, Some(label.clone()), "the request body became optional".into(), Some(b.pointer.clone()), Some(h.pointer.clone()));
                }
                for m in &b.content {
                    match super::find_media(&h.content, &m.content_type) {
                        None => out.push(&REQUEST_MEDIA_TYPE_REMOVED, Some(label.clone()), format!("request media type '{}' was removed", one_line(&m.content_type)), Some(m.pointer.clone()), Some(h.pointer.clone())),
                        Some(n) => compare_held(&ctx.request, (&m.ty, &m.pointer), (&n.ty, &n.pointer), &label, &format!("request body {}", one_line(&n.content_type)), out),
                    }
                }
                for n in h.content.iter().filter(|n| super::find_media(&b.content, &n.content_type).is_none()) {
                    out.push(&REQUEST_MEDIA_TYPE_ADDED, Some(label.clone()), format!("request media type '{}' was added", one_line(&n.content_type)), Some(b.pointer.clone()), Some(n.pointer.clone()));
                }
            }
        }
    }
}
