//! Which types a client decodes: every type a response body or response header
//! of some operation can hold, followed through struct fields, extra members,
//! union variants, aliases, lists and maps. These are the types a client must
//! keep open to an API's evolution (a new enum value, a new subtype); a type
//! only ever sent (request bodies and parameters) stays closed. [`encoded_types`] is the
//! other direction: the types some request sends.

use super::types::TypeRef;
use super::Api;

/// For every type of [`Api::types`] (by index): whether some response holds a value of it.
pub fn decoded_types(api: &Api) -> Vec<bool> {
    let graph = &api.types;
    let mut decoded = vec![false; graph.types.len()];
    let mut stack: Vec<&TypeRef> = Vec::new();
    for op in &api.operations {
        for response in &op.responses {
            stack.extend(response.content.iter().map(|m| &m.ty));
            stack.extend(response.headers.iter().map(|h| &h.ty));
        }
    }
    graph.walk(stack, |id| !std::mem::replace(&mut decoded[id.0], true));
    decoded
}

/// For every type of [`Api::types`] (by index): whether some request sends a value of it
/// (a request body or a parameter). A type both sent and decoded is both.
pub fn encoded_types(api: &Api) -> Vec<bool> {
    let graph = &api.types;
    let mut encoded = vec![false; graph.types.len()];
    let mut stack: Vec<&TypeRef> = Vec::new();
    for op in &api.operations {
        stack.extend(op.parameters.iter().map(|p| &p.ty));
        stack.extend(op.request_body.iter().flat_map(|b| b.content.iter().map(|m| &m.ty)));
    }
    graph.walk(stack, |id| !std::mem::replace(&mut encoded[id.0], true));
    encoded
}
