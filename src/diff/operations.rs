//! Operations removed and added, matched by method and path template
//! (OpenAPI 3.0 §4.8.8 Paths Object: a renamed path parameter is the same path).

use super::schemas::check;
use super::{Changes, Context, DiffCheck};

check!(OPERATION_REMOVED, "operation-removed", Breaking, Operation,
    "an operation (method and path) is removed",
    "Clients that call it get 404 or 405. Under the version policy a removal is allowed only once the operation was deprecated with an `x-sunset` date that has passed.",
    "paths:\n  /api/v1/orders/{order_id}:\n    get: {operationId: get_order}\n    delete: {operationId: delete_order}",
    "paths:\n  /api/v1/orders/{order_id}:\n    get: {operationId: get_order}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.8 Paths Object");
check!(OPERATION_ADDED, "operation-added", NonBreaking, Operation,
    "an operation (method and path) is added",
    "Existing clients do not call it. An addition needs a minor `info.version` bump.",
    "paths:\n  /api/v1/orders:\n    get: {operationId: list_orders}",
    "paths:\n  /api/v1/orders:\n    get: {operationId: list_orders}\n    post: {operationId: create_order}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.8 Paths Object");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[&OPERATION_REMOVED, &OPERATION_ADDED];

/// Reports removed and added operations.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    for op in &ctx.ops.removed {
        let note = match (op.deprecated, op.annotations.sunset) {
            (true, Some(date)) => format!(" (deprecated, sunset {date})"),
            (true, None) => " (deprecated, no sunset date)".into(),
            _ => String::new(),
        };
        out.push(&OPERATION_REMOVED, Some(op.label()), format!("operation {} was removed{note}", op.label()), Some(op.pointer.clone()), None);
    }
    for op in &ctx.ops.added {
        out.push(&OPERATION_ADDED, Some(op.label()), format!("operation {} was added", op.label()), None, Some(op.pointer.clone()));
    }
}
