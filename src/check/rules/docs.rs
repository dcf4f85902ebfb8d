//! Documentation rules: every endpoint, parameter and schema says what it is
//! for, and the document says whom to ask (docs/standard.md §10
//! Documentation).

use std::collections::HashSet;

use serde_json::Value;

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::load::tree::child;

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "docs-operation-summary",
        level: Level::Warn,
        summary: "an operation has no `summary`",
        rationale: "The summary is the one line readers scan in the API reference and the first line of the generated method's doc comment. Every endpoint explains its purpose.",
        source: "docs/standard.md §10 Documentation",
        bad: "get:\n  operationId: list_orders\n  responses: {...}",
        good: "get:\n  operationId: list_orders\n  summary: List orders\n  responses: {...}",
        check: Check::Model(operation_summary),
    },
    Rule {
        id: "docs-operation-tags",
        level: Level::Warn,
        summary: "an operation has no tags, or a tag not declared in the root `tags` list",
        rationale: "Tags are resources: they group the reference documentation and name the generated server traits and client handles. An untagged operation lands in a catch-all group; a misspelt tag creates a second resource.",
        source: "docs/standard.md §10 Documentation",
        bad: "tags:\n  - {name: orders}\npaths:\n  /api/v1/orders:\n    get:\n      tags: [order]",
        good: "tags:\n  - {name: orders}\npaths:\n  /api/v1/orders:\n    get:\n      tags: [orders]",
        check: Check::Model(operation_tags),
    },
    Rule {
        id: "docs-parameter-description",
        level: Level::Info,
        summary: "a parameter has no `description`",
        rationale: "Parameter documentation describes inputs and their constraints; it becomes the doc comment of the generated argument and the text beside the field in the API reference.",
        source: "docs/standard.md §10 Documentation",
        bad: "- {name: status, in: query, schema: {type: string}}",
        good: "- name: status\n  in: query\n  description: Only orders in this status\n  schema: {type: string}",
        check: Check::Model(parameter_description),
    },
    Rule {
        id: "docs-schema-description",
        level: Level::Info,
        summary: "a component schema has no `description`",
        rationale: "Component schemas become the shared model types of every generated crate; their description is the type's doc comment and the reference documentation's explanation of the resource.",
        source: "docs/standard.md §10 Documentation",
        bad: "Order:\n  type: object",
        good: "Order:\n  type: object\n  description: A customer's order",
        check: Check::Model(schema_description),
    },
    Rule {
        id: "docs-info-contact",
        level: Level::Info,
        summary: "`info.contact` is missing or has neither `email` nor `url`",
        rationale: "Consumers of an API need to know whom to ask about it, report problems to and hear deprecations from.",
        source: "docs/standard.md §10 Documentation",
        bad: "info:\n  title: Orders\n  version: 1.0.0",
        good: "info:\n  title: Orders\n  version: 1.0.0\n  contact: {name: Orders team, email: orders-team@example.com}",
        check: Check::Model(info_contact),
    },
];


/// Whether an optional text is written and not blank.
fn has_text(text: Option<&String>) -> bool {
    text.is_some_and(|t| !t.trim().is_empty())
}

fn operation_summary(ctx: &Context<'_>, sink: &mut Sink) {
    for op in &ctx.api.operations {
        if has_text(op.summary.as_ref()) {
            continue;
        }
        let written = child(&op.pointer, "summary");
        let (at, message) = match ctx.raw(&written) {
            Some(_) => (written, format!("{} has a blank summary", op.label())),
            None => (op.pointer.clone(), format!("{} has no summary", op.label())),
        };
        let example = if op.id_declared {
            let words = op.id.replace('_', " ");
            let mut chars = words.chars();
            chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        } else {
            // From the method and the last literal segment: `DELETE /report/{pk}` → `Delete report`.
            let noun = op.path.split('/').rev().find(|s| !s.is_empty() && !s.contains('{')).unwrap_or("resource");
            let verb = match op.method.as_str() {
                "get" if !op.is_item_path() => "List",
                "get" => "Get",
                "post" => "Create",
                "put" | "patch" => "Update",
                "delete" => "Delete",
                other => other,
            };
            format!("{verb} {}", noun.split('.').next().unwrap_or(noun).replace(['_', '-'], " "))
        };
        sink.report(at, message).help(format!("add a one-line `summary`, e.g. `summary: {example}`"));
    }
}

fn operation_tags(ctx: &Context<'_>, sink: &mut Sink) {
    let declared: Option<HashSet<&str>> =
        ctx.raw("/tags").filter(|t| t.is_array()).map(|_| ctx.api.tags.iter().map(|t| t.name.as_str()).collect());
    for op in &ctx.api.operations {
        let at = child(&op.pointer, "tags");
        let raw = ctx.raw(&at);
        let tags: &[Value] = raw.and_then(Value::as_array).map_or(&[], Vec::as_slice);
        if !tags.iter().any(Value::is_string) {
            let pointer = if raw.is_some() { at.clone() } else { op.pointer.clone() };
            let hint = ctx.api.tags.first().map_or(op.resource.as_str(), |t| t.name.as_str());
            sink.report(pointer, format!("{} has no tags", op.label()))
                .help(format!("add `tags: [{hint}]` naming the resource it belongs to"));
            continue;
        }
        let Some(declared) = &declared else { continue };
        for (i, tag) in tags.iter().enumerate() {
            let Some(name) = tag.as_str() else { continue };
            if declared.contains(name) {
                continue;
            }
            let f = sink.report(child(&at, &i.to_string()), format!("tag '{name}' of {} is not declared in the root tags list", op.label()));
            match crate::suggest::did_you_mean(name, ctx.api.tags.iter().map(|t| t.name.as_str())) {
                Some(close) => f.help(format!("did you mean '{close}'?")),
                None => f.help(format!("declare it under the root `tags` (`- {{name: {name}, description: …}}`), or use a declared tag")),
            };
        }
    }
}

fn parameter_description(ctx: &Context<'_>, sink: &mut Sink) {
    let mut seen: HashSet<&str> = HashSet::new();
    for op in &ctx.api.operations {
        for p in &op.parameters {
            if has_text(p.description.as_ref()) || !seen.insert(p.pointer.as_str()) {
                continue;
            }
            // A parameter shared by several operations (a component, or a path item's) is reported
            // once, without naming one operation.
            let own = p.pointer.starts_with(&op.pointer) && p.pointer.as_bytes().get(op.pointer.len()) == Some(&b'/');
            let place = if own { format!(" of {}", op.label()) } else { String::new() };
            sink.report(&p.pointer, format!("{} parameter '{}'{place} has no description", p.location.as_str(), p.name))
                .help("add a `description` saying what the parameter does, its unit and its constraints");
        }
    }
}

fn schema_description(ctx: &Context<'_>, sink: &mut Sink) {
    for def in &ctx.api.types.types {
        let Some(name) = &def.component else { continue };
        if !has_text(def.description.as_ref()) {
            sink.report(&def.pointer, format!("schema '{name}' has no description"))
                .help("add a `description` saying what the schema represents");
        }
    }
}

fn info_contact(ctx: &Context<'_>, sink: &mut Sink) {
    let filled = |contact: &Value, key: &str| contact.get(key).and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
    match ctx.raw("/info/contact") {
        None => {
            sink.report("/info", "info has no contact")
                .help("add `contact: {name: …, email: …, url: …}` under `info`, saying whom to ask about the API");
        }
        Some(contact) if !filled(contact, "email") && !filled(contact, "url") => {
            sink.report("/info/contact", "info.contact has neither an email nor a url")
                .help("add `email:` or `url:` to `info.contact`");
        }
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    const OK: &str = "      responses:\n        '200': {description: ok}\n";

    /// A document with its own root lines (`info`, `tags`) before `paths`.
    fn full(root: &str, paths: &str, components: &str) -> String {
        format!("openapi: 3.0.3\n{root}paths:\n{paths}components:\n{components}")
    }

    #[test]
    fn summary_help_names_the_operation() {
        // superset: `DELETE /report/{pk}` has neither summary nor operationId.
        let paths = "  /report/{pk}:\n    delete:\n      parameters:\n        - {name: pk, in: path, required: true, schema: {type: integer}}\n      responses:\n        '200': {description: ok}\n  /saved_query/:\n    get:\n      responses:\n        '200': {description: ok}\n";
        let helps: Vec<String> = crate::check::testing::check(&doc(paths, ""))
            .into_iter()
            .filter(|d| d.rule == "docs-operation-summary")
            .filter_map(|d| d.help)
            .collect();
        assert_eq!(helps, ["add a one-line `summary`, e.g. `summary: Delete report`", "add a one-line `summary`, e.g. `summary: List saved query`"]);
    }

    #[test]
    fn operation_summary_missing_or_blank() {
        // Line 8: no summary; line 15: a blank one.
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n{OK}  /api/v1/customers:\n    get:\n      operationId: list_customers\n      summary: '  '\n{OK}");
        assert_eq!(
            findings(&doc(&paths, ""), "docs-operation-summary"),
            [("/paths/~1api~1v1~1orders/get".to_string(), 8), ("/paths/~1api~1v1~1customers/get/summary".to_string(), 15)]
        );
        let good = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      summary: List orders\n{OK}");
        assert!(findings(&doc(&good, ""), "docs-operation-summary").is_empty());
    }

    #[test]
    fn operation_tags_missing() {
        // No root `tags`: only untagged operations are reported (line 8), any tag is accepted.
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n{OK}  /api/v1/customers:\n    get:\n      operationId: list_customers\n      tags: [customers]\n{OK}");
        assert_eq!(findings(&doc(&paths, ""), "docs-operation-tags"), [("/paths/~1api~1v1~1orders/get".to_string(), 8)]);
    }

    #[test]
    fn operation_tags_must_be_declared() {
        let root = "info: {title: Test, version: 1.0.0}\ntags:\n  - {name: orders}\n";
        // Line 5 `paths:`, 6 the path, 7 get, 9 the tags: 'order' (index 1) is undeclared.
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      tags: [orders, order]\n{OK}");
        assert_eq!(findings(&full(root, &paths, ""), "docs-operation-tags"), [("/paths/~1api~1v1~1orders/get/tags/1".to_string(), 9)]);
        let good = paths.replace("[orders, order]", "[orders]");
        assert!(findings(&full(root, &good, ""), "docs-operation-tags").is_empty());
    }

    #[test]
    fn parameter_description_missing() {
        // Line 11: an inline parameter; line 24: a component parameter shared by two operations, reported once.
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n      parameters:\n        - {{name: status, in: query, schema: {{type: string}}}}\n        - $ref: '#/components/parameters/Limit'\n{OK}  /api/v1/customers:\n    get:\n      operationId: list_customers\n      parameters:\n        - $ref: '#/components/parameters/Limit'\n{OK}");
        let components = "  parameters:\n    Limit: {name: limit, in: query, schema: {type: integer}}\n";
        assert_eq!(
            findings(&doc(&paths, components), "docs-parameter-description"),
            [("/paths/~1api~1v1~1orders/get/parameters/0".to_string(), 11), ("/components/parameters/Limit".to_string(), 24)]
        );
        let good_paths = paths.replace("in: query, schema", "in: query, description: Only orders in this status, schema");
        let good_components = components.replace("in: query,", "in: query, description: Page size,");
        assert!(findings(&doc(&good_paths, &good_components), "docs-parameter-description").is_empty());
    }

    #[test]
    fn schema_description_missing() {
        // Components start at line 16; `Order` (line 18) has no description, the inline response schema is not a component.
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {order: {$ref: '#/components/schemas/Order'}}}\n";
        let components = "  schemas:\n    Order: {type: object, properties: {id: {type: string}}}\n";
        assert_eq!(findings(&doc(paths, components), "docs-schema-description"), [("/components/schemas/Order".to_string(), 18)]);
        let good = components.replace("{type: object,", "{type: object, description: A customer's order,");
        assert!(findings(&doc(paths, &good), "docs-schema-description").is_empty());
    }

    #[test]
    fn info_contact_missing_or_empty() {
        let paths = format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n{OK}");
        // The test header's `info` (line 2) has no contact.
        assert_eq!(findings(&doc(&paths, ""), "docs-info-contact"), [("/info".to_string(), 2)]);
        let empty = full("info:\n  title: Test\n  version: 1.0.0\n  contact: {name: Orders team}\n", &paths, "");
        assert_eq!(findings(&empty, "docs-info-contact"), [("/info/contact".to_string(), 5)]);
        let good = empty.replace("{name: Orders team}", "{name: Orders team, email: orders@example.com}");
        assert!(findings(&good, "docs-info-contact").is_empty());
        let url = empty.replace("{name: Orders team}", "{url: 'https://example.com/support'}");
        assert!(findings(&url, "docs-info-contact").is_empty());
    }
}
