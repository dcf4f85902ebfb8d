//! The webhooks as the generated code names them: the server's sending methods and the
//! clients' typed events `verify_and_parse` returns (one variant per webhook of the spec,
//! keyed by its event type, beside the unknown one), named through each language's naming
//! module so no spec-derived name collides.

use serde::Serialize;

use super::super::webhooks::events;
use super::super::Context;

/// One webhook: a sending method, or a known event of a receiver's union.
#[derive(Debug, Serialize)]
pub struct EventView {
    /// Its name in the generated code: the variant (Rust), class (Python) or sending method
    /// (server): `OrderCreated`, `OrderCreatedEvent`, `order_created`.
    pub name: String,
    /// The event type on the wire (spec text: escape it).
    pub event_type: String,
    /// The payload's type in the target language.
    pub payload: String,
    /// The webhook's summary (spec text).
    pub summary: Option<String>,
}

/// The webhooks, or none when the spec declares none. `name` is the target's naming rule,
/// `payload` its type of a [`crate::model::TypeRef`]; `taken` the names a webhook's must not
/// take (the unknown variant's, the module's own items).
pub fn event_views(
    ctx: &Context<'_>,
    taken: &[&str],
    name: impl Fn(&str) -> String,
    payload: impl Fn(&crate::model::TypeRef) -> String,
) -> Vec<EventView> {
    let mut scope = super::super::names::Scope::with(taken);
    events(ctx.api)
        .into_iter()
        .map(|e| EventView {
            name: scope.unique(name(e.event_type)),
            event_type: e.event_type.to_string(),
            payload: payload(e.payload),
            summary: e.summary.map(str::to_string),
        })
        .collect()
}
