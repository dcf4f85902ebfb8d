//! Minimal valid arguments made from the spec: JSON values that satisfy a type.

use apigen::model::{self, Api, Constraints, Operation, Primitive, TypeGraph, TypeKind, TypeRef};
use serde_json::{json, Map, Value};

use crate::location;

/// The value of a parameter.
pub fn param_value(api: &Api, op: &Operation, place: &str, name: &str, rust: bool) -> Value {
    let synth = Synth { graph: &api.types, rust };
    match op.param(location(place), name) {
        Some(p) => synth.value(&p.ty, Some(&p.constraints), p.example.as_ref().or(p.default.as_ref()), 0),
        None => json!("a"),
    }
}

/// The value of the request body, in the media type the clients send (JSON first).
pub fn body_value(api: &Api, op: &Operation, rust: bool) -> Value {
    let synth = Synth { graph: &api.types, rust };
    let Some(body) = &op.request_body else { return Value::Null };
    let Some(media) = body.content.iter().find(|m| m.is_json()).or(body.content.first()) else { return Value::Null };
    synth.value(&media.ty, None, media.example.as_ref(), 0)
}

/// Makes JSON values that satisfy a type of the graph.
struct Synth<'a> {
    graph: &'a TypeGraph,
    /// For the Rust client: binary data is a list of bytes (`Vec<u8>`), not a string.
    rust: bool,
}

impl Synth<'_> {
    fn value(&self, ty: &TypeRef, c: Option<&Constraints>, example: Option<&Value>, depth: usize) -> Value {
        if depth > 12 {
            return Value::Null;
        }
        match ty {
            TypeRef::Primitive(p) => self.primitive(*p, c, example),
            TypeRef::List(item) => {
                let count = c.and_then(|c| c.min_items).unwrap_or(1).clamp(1, 4);
                let one = self.value(item, None, example.and_then(|e| e.get(0)), depth + 1);
                Value::Array(vec![one; count as usize])
            }
            TypeRef::Map(_) => json!({}),
            TypeRef::Any => example.cloned().unwrap_or_else(|| json!({})),
            TypeRef::Named(id) => {
                let def = self.graph.get(*id);
                match &def.kind {
                    TypeKind::Alias(inner) => self.value(inner, c, example.or(def.example.as_ref()), depth + 1),
                    // The first value that is not empty (an empty one cannot be a path segment).
                    TypeKind::Enum { values, .. } => values
                        .iter()
                        .find(|v| v.as_str() != Some(""))
                        .or(values.first())
                        .cloned()
                        .unwrap_or(Value::Null),
                    TypeKind::Struct { fields, .. } => {
                        let mut object = Map::new();
                        let writable = |f: &&model::Field| !f.read_only;
                        // Every required member; with none, the first one (a PATCH body may need `minProperties: 1`).
                        let chosen: Vec<&model::Field> =
                            match fields.iter().filter(writable).filter(|f| f.required).collect::<Vec<_>>() {
                                required if required.is_empty() => fields.iter().filter(writable).take(1).collect(),
                                required => required,
                            };
                        for f in chosen {
                            let own = f.example.as_ref().or(f.default.as_ref());
                            object.insert(f.name.clone(), self.value(&f.ty, Some(&f.constraints), own, depth + 1));
                        }
                        Value::Object(object)
                    }
                    TypeKind::Union { variants, discriminator, .. } => {
                        let Some(first) = variants.first() else { return json!({}) };
                        let mut value = self.value(&first.ty, None, None, depth + 1);
                        if let (Some(property), Some(tag), Some(object)) =
                            (discriminator, &first.tag, value.as_object_mut())
                        {
                            object.insert(property.clone(), Value::String(tag.clone()));
                        }
                        value
                    }
                }
            }
        }
    }

    fn primitive(&self, p: Primitive, c: Option<&Constraints>, example: Option<&Value>) -> Value {
        let format = c.and_then(|c| c.format.as_deref()).unwrap_or("");
        if let Some(first) = c.and_then(|c| c.enumeration.iter().find(|v| !v.is_null())) {
            return first.clone();
        }
        // A pattern we cannot satisfy by construction: the spec's own example, if it has one.
        if c.is_some_and(|c| c.pattern.is_some()) {
            if let Some(Value::String(text)) = example {
                return Value::String(text.clone());
            }
        }
        match p {
            Primitive::Bool => json!(true),
            Primitive::I32 | Primitive::I64 => json!(number(c, true) as i64),
            Primitive::F32 | Primitive::F64 => json!(number(c, false)),
            Primitive::Date => json!("2024-01-31"),
            Primitive::DateTime => json!("2024-01-31T12:00:00Z"),
            Primitive::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            Primitive::Decimal => json!("1.50"),
            Primitive::Bytes => json!("YWJj"),
            Primitive::Binary if self.rust => json!([]),
            Primitive::Binary => json!(""),
            Primitive::String => {
                let text = match format {
                    "email" => "user@example.com".to_string(),
                    "uri" | "url" => "https://example.com/a".to_string(),
                    "hostname" => "example.com".to_string(),
                    "ipv4" => "127.0.0.1".to_string(),
                    "ipv6" => "::1".to_string(),
                    "date" => "2024-01-31".to_string(),
                    "date-time" => "2024-01-31T12:00:00Z".to_string(),
                    "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6".to_string(),
                    "duration" => "PT1H".to_string(),
                    _ => "abc".to_string(),
                };
                let min = c.and_then(|c| c.min_length).unwrap_or(0) as usize;
                let max = c.and_then(|c| c.max_length).map_or(usize::MAX, |m| m as usize);
                let mut text = text;
                while text.chars().count() < min {
                    text.push('a');
                }
                Value::String(text.chars().take(max.max(1)).collect())
            }
        }
    }
}

/// A number within the bounds of the constraints (an integer for integer types).
fn number(c: Option<&Constraints>, integer: bool) -> f64 {
    let step = if integer { 1.0 } else { 0.5 };
    let (min, max) = (c.and_then(|c| c.minimum), c.and_then(|c| c.maximum));
    let mut n = match (min, max) {
        (Some(lo), _) => lo + if c.is_some_and(|c| c.exclusive_minimum) { step } else { 0.0 },
        (None, Some(hi)) if hi < 1.0 => hi - if c.is_some_and(|c| c.exclusive_maximum) { step } else { 0.0 },
        _ => 1.0,
    };
    if integer {
        n = n.ceil();
    }
    if let Some(m) = c.and_then(|c| c.multiple_of).filter(|m| *m > 0.0) {
        n = (n / m).ceil() * m;
    }
    n
}
