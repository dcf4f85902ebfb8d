//! A bound on what merging `allOf` may make of a document (docs/security.md):
//! a merged object holds every member of every part, so a chain of N schemas, each
//! `allOf` the next plus one property, declares N properties but merges into
//! N²/2 members: 40 KB of spec would become 100 MB of models (a chain of 1,000:
//! 8 GB and half a minute to render). Generation refuses such a document with a
//! diagnostic instead, the way alias expansion is capped when a document loads.
//!
//! Real documents stay far below the bound: a discriminated base's members are
//! copied into each subtype, a few times over per declared property.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Level};
use crate::model::types::TypeKind;
use crate::model::Api;

/// The diagnostic's rule id: a limit of `generate`, not a rule of `check`.
pub const LIMIT: &str = "generate-size-limit";
/// Merged members up to this many are never refused, however few the declared properties.
pub const FLOOR: usize = 50_000;
/// Past [`FLOOR`], the most merged members per property the document declares.
pub const RATIO: usize = 32;

/// The document's merged members measured against its declared properties: `None` within
/// the bound, else an error at the object type that holds the most members.
pub fn check(api: &Api, root: &Value) -> Option<Diagnostic> {
    let mut merged = 0;
    let mut largest: Option<(usize, &str)> = None;
    for def in &api.types.types {
        if let TypeKind::Struct { fields, .. } = &def.kind {
            merged += fields.len();
            if largest.is_none_or(|(n, _)| fields.len() > n) {
                largest = Some((fields.len(), &def.pointer));
            }
        }
    }
    let declared = declared_properties(root);
    if merged <= FLOOR || merged <= RATIO.saturating_mul(declared) {
        return None;
    }
    let (most, pointer) = largest?;
    Some(
        Diagnostic::new(
            LIMIT,
            Level::Error,
            pointer,
            format!(
                "merging allOf makes {merged} members of the {declared} properties the document declares \
                 (over {RATIO} each; this schema alone holds {most}): the models would grow as the square of the document"
            ),
        )
        .with_help("let each schema name its parts once instead of chaining allOf through every ancestor"),
    )
}

/// Entries of every `properties` object in the document (counted with an explicit stack).
fn declared_properties(root: &Value) -> usize {
    let mut count = 0;
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    if key == "properties" {
                        count += member.as_object().map_or(0, |p| p.len());
                    }
                    stack.push(member);
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain of `n` schemas, each `allOf` the next plus a property of its own.
    fn chain(n: usize) -> String {
        let mut schemas = String::new();
        for i in 0..n {
            schemas.push_str(&format!(
                "    S{i}:\n      allOf:\n        - $ref: '#/components/schemas/S{}'\n        - {{type: object, properties: {{p{i}: {{type: string}}}}}}\n",
                i + 1
            ));
        }
        schemas.push_str(&format!("    S{n}:\n      type: object\n      properties: {{last: {{type: string}}}}\n"));
        format!("openapi: 3.0.3\ninfo: {{title: T, version: 1.0.0}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
    }

    fn measured(yaml: String) -> Option<Diagnostic> {
        let doc = crate::load::Document::from_bytes(std::path::Path::new("t.yaml"), yaml.into_bytes());
        let api = crate::model::lower_for_code(&doc, &crate::model::Conventions::default()).expect("lowers");
        check(&api, &doc.root)
    }

    #[test]
    fn a_chain_that_squares_the_document_is_refused_at_its_largest_schema() {
        let found = measured(chain(400)).expect("80,601 merged members from 401 properties");
        assert_eq!(found.rule, LIMIT);
        assert_eq!(found.pointer, "/components/schemas/S0");
        assert!(found.message.contains("80601 members of the 401 properties"), "{}", found.message);
    }

    #[test]
    fn short_chains_and_many_subtypes_of_one_base_pass() {
        assert!(measured(chain(100)).is_none(), "5,150 members: below the floor");
        // One base of 40 members and 2,000 subtypes of three members each: 86,040 members
        // of 6,040 declared properties, 14 each.
        let mut schemas = String::from("    Base:\n      type: object\n      properties:\n");
        for i in 0..40 {
            schemas.push_str(&format!("        b{i}: {{type: string}}\n"));
        }
        for i in 0..2000 {
            schemas.push_str(&format!(
                "    Sub{i}:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n        - {{type: object, properties: {{a{i}: {{type: string}}, b{i}x: {{type: string}}, c{i}: {{type: string}}}}}}\n"
            ));
        }
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: 1.0.0}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        assert!(measured(yaml).is_none(), "a wide hierarchy is not an amplification");
    }
}
