//! Responses (OpenAPI 3.0 §4.8.16 Responses Object, §4.8.17 Response Object):
//! success statuses, media types and headers; the schema of each media type
//! both versions return, in the response direction.

use super::schemas::{check, compare_held};
use super::{Changes, Context, DiffCheck};
use crate::load::tree::child;
use crate::model::Response;
use crate::text::one_line;

check!(RESPONSE_SUCCESS_STATUS_REMOVED, "response-success-status-removed", Breaking, Response,
    "a 2xx response status is removed (or replaced by another)",
    "Clients decode responses by status; a success they handled becomes one they do not expect.",
    "responses: {'200': {…}}",
    "responses: {'201': {…}}",
    "docs/standard.md §4 Methods and status codes; OpenAPI 3.0 §4.8.16 Responses Object");
check!(RESPONSE_STATUS_ADDED, "response-status-added", NonBreaking, Response,
    "a response status is documented that was not",
    "Documenting a response the server may already send; clients treat unknown statuses by class.",
    "responses: {'200': {…}}",
    "responses: {'200': {…}, '404': {…}}",
    "docs/standard.md §4 Methods and status codes; OpenAPI 3.0 §4.8.16 Responses Object");
check!(RESPONSE_MEDIA_TYPE_REMOVED, "response-media-type-removed", Breaking, Response,
    "a response media type is removed",
    "Clients that ask for (`Accept`) or decode that media type fail.",
    "content: {application/json: {…}, text/csv: {…}}",
    "content: {application/json: {…}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.14 Media Type Object");
check!(RESPONSE_HEADER_REMOVED, "response-header-removed", Breaking, Response,
    "a response header is removed",
    "Clients read documented headers (`Location`, `ETag`, `X-RateLimit-*`); they are no longer sent.",
    "headers: {Location: {…}, X-Request-ID: {…}}",
    "headers: {X-Request-ID: {…}}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.21 Header Object");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[&RESPONSE_SUCCESS_STATUS_REMOVED, &RESPONSE_STATUS_ADDED, &RESPONSE_MEDIA_TYPE_REMOVED, &RESPONSE_HEADER_REMOVED];

fn same_status(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Reports response changes of matched operations.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    for (b_op, h_op) in &ctx.ops.pairs {
        let label = h_op.label();
        for r in &b_op.responses {
            match h_op.responses.iter().find(|s| same_status(&s.status, &r.status)) {
                None if r.status.starts_with('2') => {
                    let instead: Vec<&str> = h_op.responses.iter().filter(|s| s.status.starts_with('2') && !b_op.responses.iter().any(|x| same_status(&x.status, &s.status))).map(|s| s.status.as_str()).collect();
                    let note = if instead.is_empty() { String::new() } else { format!(" (now {})", one_line(&instead.join(", "))) };
                    out.push(&RESPONSE_SUCCESS_STATUS_REMOVED, Some(label.clone()), format!("success response {} was removed{note}", one_line(&r.status)), Some(r.use_pointer.clone()), Some(child(&h_op.pointer, "responses")));
                }
                None => {}
                Some(s) => response(ctx, r, s, &label, out),
            }
        }
        for s in h_op.responses.iter().filter(|s| !b_op.responses.iter().any(|r| same_status(&r.status, &s.status))) {
            out.push(&RESPONSE_STATUS_ADDED, Some(label.clone()), format!("response {} was added", one_line(&s.status)), Some(child(&b_op.pointer, "responses")), Some(s.use_pointer.clone()));
        }
    }
}

fn response<'a>(ctx: &Context<'a>, r: &'a Response, s: &'a Response, label: &str, out: &mut Changes) {
    let status = one_line(&s.status);
    for m in &r.content {
        match super::find_media(&s.content, &m.content_type) {
            None => out.push(&RESPONSE_MEDIA_TYPE_REMOVED, Some(label.to_string()), format!("response {status}: media type '{}' was removed", one_line(&m.content_type)), Some(m.pointer.clone()), Some(s.pointer.clone())),
            Some(n) => compare_held(&ctx.response, (&m.ty, &m.pointer), (&n.ty, &n.pointer), label, &format!("response {status} {}", one_line(&n.content_type)), out),
        }
    }
    for hdr in &r.headers {
        match s.header(&hdr.name) {
            None => out.push(&RESPONSE_HEADER_REMOVED, Some(label.to_string()), format!("response {status}: header '{}' was removed", one_line(&hdr.name)), Some(hdr.pointer.clone()), Some(s.pointer.clone())),
            Some(g) => compare_held(&ctx.response, (&hdr.ty, &hdr.pointer), (&g.ty, &g.pointer), label, &format!("response {status} header '{}'", one_line(&g.name)), out),
        }
    }
}
