//! Validates a JSON value against a model type: JSON type, `enum`,
//! `required`, formats (`date-time`, `date`, `uuid`, `email`), `pattern`,
//! numeric bounds, lengths and item counts (JSON Schema validation as used
//! by OpenAPI 3.0 §4.8.24). Used by `oas-example-valid` and example round trips.

use serde_json::Value;

use super::types::{Constraints, Field, Primitive, TypeGraph, TypeId, TypeKind, TypeRef};

/// One mismatch: the JSON pointer inside the value (`""` for the value itself) and what is wrong.
pub type Mismatch = (String, String);

/// Checks `value` against `ty` with the use site's `constraints`; returns every mismatch found (at most 20).
pub fn validate(graph: &TypeGraph, ty: &TypeRef, constraints: &Constraints, nullable: bool, value: &Value) -> Vec<Mismatch> {
    let mut v = Validator { graph, out: Vec::new(), depth: 0 };
    v.check(ty, constraints, nullable, value, "");
    v.out
}

struct Validator<'g> {
    graph: &'g TypeGraph,
    out: Vec<Mismatch>,
    depth: usize,
}

/// The JSON type of a value, as messages name it: whole numbers are `integer`.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Validator<'_> {
    fn fail(&mut self, at: &str, message: String) {
        if self.out.len() < 20 {
            self.out.push((at.to_string(), message));
        }
    }

    /// Checks one value (and, through the `check_*` below, what it holds) at pointer `at`.
    fn check(&mut self, ty: &TypeRef, constraints: &Constraints, nullable: bool, value: &Value, at: &str) {
        if value.is_null() {
            if !nullable && !matches!(ty, TypeRef::Any) {
                self.fail(at, "null where the schema is not nullable".into());
            }
            return;
        }
        if self.depth > 64 {
            return;
        }
        self.depth += 1;
        let enum_failed = !constraints.enumeration.is_empty() && !constraints.enumeration.contains(value);
        if enum_failed {
            self.fail(at, format!("{value} is not one of the enum values"));
        }
        match ty {
            TypeRef::Any => {}
            TypeRef::Primitive(primitive) => self.primitive(*primitive, constraints, value, at),
            TypeRef::List(item) => self.check_list(item, constraints, value, at),
            TypeRef::Map(inner) => match value {
                Value::Object(map) => {
                    for (key, member) in map {
                        self.check(inner, &Constraints::default(), false, member, &format!("{at}/{key}"));
                    }
                }
                other => self.fail(at, format!("expected an object, found {}", kind_of(other))),
            },
            TypeRef::Named(id) => self.check_named(*id, constraints, value, at, enum_failed),
        }
        self.depth -= 1;
    }

    /// An array: its item count, then each item.
    fn check_list(&mut self, item: &TypeRef, constraints: &Constraints, value: &Value, at: &str) {
        let Value::Array(items) = value else {
            return self.fail(at, format!("expected an array, found {}", kind_of(value)));
        };
        let count = items.len() as u64;
        if constraints.min_items.is_some_and(|min| count < min) || constraints.max_items.is_some_and(|max| count > max) {
            self.fail(at, format!("{count} items is outside minItems/maxItems"));
        }
        for (i, item_value) in items.iter().enumerate() {
            self.check(item, &Constraints::default(), false, item_value, &format!("{at}/{i}"));
        }
    }

    /// A value of a named type; `enum_failed`: the use site's `enum` already reported it.
    fn check_named(&mut self, id: TypeId, constraints: &Constraints, value: &Value, at: &str, enum_failed: bool) {
        let graph = self.graph;
        let def = graph.get(id);
        match &def.kind {
            TypeKind::Alias(inner) => self.check(inner, constraints, def.nullable, value, at),
            TypeKind::Enum { values, .. } => {
                // Said once: the use site's `enum` is usually the type's own.
                if !values.contains(value) && !enum_failed {
                    self.fail(at, format!("{value} is not one of the enum values of {}", def.name));
                }
            }
            TypeKind::Union { variants, .. } => {
                let fits = variants.iter().any(|variant| {
                    let mut probe = Validator { graph: self.graph, out: Vec::new(), depth: self.depth };
                    probe.check(&variant.ty, &Constraints::default(), false, value, at);
                    probe.out.is_empty()
                });
                if !fits {
                    self.fail(at, format!("matches none of the alternatives of {}", def.name));
                }
            }
            TypeKind::Struct { fields, additional } => self.check_object(fields, additional.as_deref(), value, at),
        }
    }

    /// An object: its required properties, each property, then the members beyond them.
    fn check_object(&mut self, fields: &[Field], additional: Option<&TypeRef>, value: &Value, at: &str) {
        let Value::Object(map) = value else {
            return self.fail(at, format!("expected an object, found {}", kind_of(value)));
        };
        for field in fields {
            match map.get(&field.name) {
                Some(member) => {
                    self.check(&field.ty, &field.constraints, field.nullable, member, &format!("{at}/{}", field.name))
                }
                None if field.required && !field.read_only && !field.write_only => {
                    self.fail(at, format!("required property '{}' is missing", field.name))
                }
                None => {}
            }
        }
        if let Some(extra) = additional {
            for (key, member) in map.iter().filter(|(key, _)| !fields.iter().any(|f| &f.name == *key)) {
                self.check(extra, &Constraints::default(), false, member, &format!("{at}/{key}"));
            }
        }
    }

    fn primitive(&mut self, primitive: Primitive, constraints: &Constraints, value: &Value, at: &str) {
        let ok_type = match primitive {
            Primitive::I32 | Primitive::I64 => value.is_i64() || value.is_u64(),
            Primitive::F32 | Primitive::F64 => value.is_number(),
            Primitive::Decimal => value.is_number() || value.is_string(),
            Primitive::Bool => value.is_boolean(),
            _ => value.is_string(),
        };
        if !ok_type {
            return self.fail(at, format!("expected {}, found {}", primitive.json_type(), kind_of(value)));
        }
        if let Some(n) = value.as_f64() {
            let below = constraints.minimum.is_some_and(|min| if constraints.exclusive_minimum { n <= min } else { n < min });
            let above = constraints.maximum.is_some_and(|max| if constraints.exclusive_maximum { n >= max } else { n > max });
            if below || above {
                self.fail(at, format!("{n} is outside minimum/maximum"));
            }
        }
        let Some(s) = value.as_str() else { return };
        let len = s.chars().count() as u64;
        if constraints.min_length.is_some_and(|min| len < min) || constraints.max_length.is_some_and(|max| len > max) {
            self.fail(at, format!("length {len} is outside minLength/maxLength"));
        }
        let format_ok = match primitive {
            Primitive::DateTime => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
            Primitive::Date => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
            Primitive::Uuid => is_uuid(s),
            _ => constraints.format.as_deref() != Some("email") || (s.contains('@') && !s.starts_with('@') && !s.ends_with('@')),
        };
        if !format_ok {
            self.fail(at, format!("'{s}' is not a valid {}", constraints.format.as_deref().unwrap_or("value")));
        }
        if let Some(pattern) = &constraints.pattern {
            // ECMA 262 patterns that the regex crate cannot compile are not checked.
            if let Ok(re) = regex::Regex::new(pattern) {
                if !re.is_match(s) {
                    self.fail(at, format!("'{s}' does not match the pattern {pattern}"));
                }
            }
        }
    }
}

/// Whether `s` is a UUID in its hyphenated form (8-4-4-4-12 hex digits, any case).
pub(crate) fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn primitives_formats_and_bounds() {
        let g = TypeGraph::default();
        let none = Constraints::default();
        let dt = TypeRef::Primitive(Primitive::DateTime);
        assert!(validate(&g, &dt, &none, false, &json!("2024-01-01T00:00:00Z")).is_empty());
        assert_eq!(validate(&g, &dt, &none, false, &json!("yesterday")).len(), 1);
        let uuid = TypeRef::Primitive(Primitive::Uuid);
        assert!(validate(&g, &uuid, &none, false, &json!("123e4567-e89b-12d3-a456-426614174000")).is_empty());
        let bounded = Constraints { minimum: Some(1.0), maximum: Some(100.0), ..Default::default() };
        let int = TypeRef::Primitive(Primitive::I64);
        assert!(validate(&g, &int, &bounded, false, &json!(50)).is_empty());
        assert_eq!(validate(&g, &int, &bounded, false, &json!(0))[0].0, "");
        assert_eq!(validate(&g, &int, &none, false, &json!("x")).len(), 1);
        let list = TypeRef::List(Box::new(int));
        assert_eq!(validate(&g, &list, &none, false, &json!([1, "a"]))[0].0, "/1");
    }
}
