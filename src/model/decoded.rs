//! Which types a client decodes: every type a response body or response header
//! of some operation can hold, followed through struct fields, extra members,
//! union variants, aliases, lists and maps. These are the types a client must
//! keep open to an API's evolution (a new enum value, a new subtype); a type
//! only ever sent (request bodies and parameters) stays closed.

use super::types::{TypeKind, TypeRef};
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
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Named(id) => {
                if std::mem::replace(&mut decoded[id.0], true) {
                    continue;
                }
                match &graph.get(*id).kind {
                    TypeKind::Struct { fields, additional } => {
                        stack.extend(fields.iter().map(|f| &f.ty));
                        stack.extend(additional.as_deref());
                    }
                    TypeKind::Union { variants, .. } => stack.extend(variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(inner) => stack.push(inner),
                    TypeKind::Enum { .. } => {}
                }
            }
            TypeRef::List(inner) | TypeRef::Map(inner) => stack.push(inner),
            TypeRef::Primitive(_) | TypeRef::Any => {}
        }
    }
    decoded
}
