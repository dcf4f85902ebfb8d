//! Deprecation and sunsets: an operation marked `deprecated`, an `x-sunset`
//! date set, and a sunset brought closer than the 90 days of notice the
//! standard asks for (docs/standard.md §2 Versioning and deprecation).

use super::schemas::check;
use super::{Changes, Context, DiffCheck};

/// Days of notice a sunset must give.
pub const NOTICE_DAYS: i64 = 90;

check!(OPERATION_DEPRECATED, "operation-deprecated", Deprecation, Operation,
    "an operation is marked deprecated",
    "Clients keep working, but are told to move away; the operation may be removed once its `x-sunset` date passes.",
    "get: {operationId: list_customer_orders}",
    "get: {operationId: list_customer_orders, deprecated: true, x-sunset: '2028-12-31'}",
    "docs/standard.md §2 Versioning and deprecation; OpenAPI 3.0 §4.8.10 Operation Object");
check!(SUNSET_SET, "sunset-set", Deprecation, Operation,
    "an operation gets an `x-sunset` date, or its date moves later",
    "The date announces when the operation may be removed.",
    "get: {deprecated: true}",
    "get: {deprecated: true, x-sunset: '2028-12-31'}",
    "docs/standard.md §2 Versioning and deprecation");
check!(SUNSET_TOO_SOON, "sunset-too-soon", Breaking, Operation,
    "an `x-sunset` date is set or moved earlier to less than 90 days from today",
    "Clients are owed at least 90 days of notice before an operation disappears.",
    "get: {deprecated: true, x-sunset: '2028-12-31'}",
    "get: {deprecated: true, x-sunset: '2026-12-15'}",
    "docs/standard.md §2 Versioning and deprecation");
check!(OPERATION_UNDEPRECATED, "operation-undeprecated", NonBreaking, Operation,
    "an operation is no longer deprecated",
    "Clients may keep using it.",
    "get: {deprecated: true}",
    "get: {}",
    "docs/standard.md §2 Versioning and deprecation");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[&OPERATION_DEPRECATED, &SUNSET_SET, &SUNSET_TOO_SOON, &OPERATION_UNDEPRECATED];

/// Reports deprecation changes of matched operations.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    for (b, h) in &ctx.ops.pairs {
        let label = h.label();
        let at = || (Some(b.pointer.clone()), Some(h.pointer.clone()));
        if !b.deprecated && h.deprecated {
            let (bp, hp) = at();
            out.push(&OPERATION_DEPRECATED, Some(label.clone()), format!("operation {label} was deprecated"), bp, hp);
        }
        if b.deprecated && !h.deprecated {
            let (bp, hp) = at();
            out.push(&OPERATION_UNDEPRECATED, Some(label.clone()), format!("operation {label} is no longer deprecated"), bp, hp);
        }
        let (bs, hs) = (b.annotations.sunset, h.annotations.sunset);
        if bs == hs {
            continue;
        }
        let Some(new) = hs else { continue };
        let sunset_ptr = Some(crate::load::tree::child(&h.pointer, "x-sunset"));
        let days = (new - ctx.today).num_days();
        let earlier = bs.is_some_and(|old| new < old);
        if days < NOTICE_DAYS && (earlier || bs.is_none()) {
            let what = if earlier { format!("moved from {} to {new}", bs.unwrap_or(new)) } else { format!("set to {new}") };
            out.push(&SUNSET_TOO_SOON, Some(label.clone()), format!("sunset of {label} {what}: {days} days from today, less than {NOTICE_DAYS} days of notice"), Some(b.pointer.clone()), sunset_ptr);
        } else {
            let what = match bs {
                Some(old) => format!("moved from {old} to {new}"),
                None => format!("set to {new}"),
            };
            out.push(&SUNSET_SET, Some(label.clone()), format!("sunset of {label} {what}"), Some(b.pointer.clone()), sunset_ptr);
        }
    }
}
