//! Migration rules: the table annotations (`x-table`, `x-references`,
//! `x-indexes`, `x-unique`, `x-column`, …) describe tables that can be created
//! in every supported dialect (docs/standard.md §11 Persistence;
//! docs/generate/migrations.md). The `migrations` target
//! refuses to write anything while one of these reports an error, whatever
//! level the rule is configured at ([`blocking`]).

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Level};
use crate::database::schema::{self, rules, Problem};
use crate::database::Dialect;

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: rules::ANNOTATIONS,
        level: Level::Error,
        summary: "a table annotation (`x-table`, `x-indexes`, `x-unique`, `x-column`, …) has a bad value or names a column the table does not have",
        rationale: "Table annotations become DDL. An index over a column that does not exist, a property marked `x-db` with a non-boolean, or two properties mapped to one column would make the migration fail when it is applied, long after the spec was merged; apigen reports them at the annotation instead.",
        source: "docs/standard.md §11 Persistence",
        bad: "Customer:\n  x-table: customers\n  x-indexes: [[last_nme]]\n  properties:\n    id: {type: string, format: uuid}\n    last_name: {type: string}",
        good: "Customer:\n  x-table: customers\n  x-indexes: [[last_name]]\n  properties:\n    id: {type: string, format: uuid}\n    last_name: {type: string}",
        check: Check::Model(annotations),
    },
    Rule {
        id: rules::NAME_UNIQUE,
        level: Level::Error,
        summary: "schemas that share an `x-table` (representations of several API versions) disagree on a column",
        rationale: "One table holds every API version's representation of a row: a v1 and a v2 schema may both say `x-table: projects`, and the table gets the columns of both. A column only one version has must be nullable or have a default, since rows written through the other version leave it empty; a column both have must have one type. Otherwise the migration could not hold both versions' rows, and apigen says which column conflicts.",
        source: "docs/standard.md §11 Persistence",
        bad: "Project:\n  x-table: projects\n  properties: {id: {type: string, format: uuid}}\nProjectV2:\n  x-table: projects\n  required: [code]\n  properties: {id: {type: string, format: uuid}, code: {type: string}}",
        good: "Project:\n  x-table: projects\n  properties: {id: {type: string, format: uuid}}\nProjectV2:\n  x-table: projects\n  properties: {id: {type: string, format: uuid}, code: {type: string, nullable: true}}",
        check: Check::Model(name_unique),
    },
    Rule {
        id: rules::REFERENCES,
        level: Level::Error,
        summary: "an `x-references` names a table no schema declares, or one without a single-column primary key",
        rationale: "A foreign key must point at a table the same migrations create, and at its primary key. A misspelt table name, or a component name where the table name belongs, would produce a migration that fails to apply.",
        source: "docs/standard.md §11 Persistence",
        bad: "customer_id: {type: string, format: uuid, x-references: customer}",
        good: "customer_id: {type: string, format: uuid, x-references: customers}",
        check: Check::Model(references),
    },
    Rule {
        id: rules::REFERENCE_CYCLE,
        level: Level::Error,
        summary: "tables reference each other in a cycle",
        rationale: "Migrations create tables in foreign-key order and drop them in reverse. When `a` references `b` and `b` references `a` (directly or through other tables), no table can be created first, and SQLite cannot add the missing key afterwards. A table referencing itself is fine.",
        source: "docs/standard.md §11 Persistence",
        bad: "Order:\n  x-table: orders\n  properties:\n    last_item_id: {type: string, format: uuid, x-references: order_items}\nOrderItem:\n  x-table: order_items\n  properties:\n    order_id: {type: string, format: uuid, x-references: orders}",
        good: "Order:\n  x-table: orders\n  properties:\n    last_item_id: {type: string, format: uuid}\nOrderItem:\n  x-table: order_items\n  properties:\n    order_id: {type: string, format: uuid, x-references: orders}",
        check: Check::Model(reference_cycle),
    },
    Rule {
        id: rules::COLUMN_TYPE,
        level: Level::Error,
        summary: "a column's type cannot be held by one of the SQL dialects (PostgreSQL, SQLite, MySQL)",
        rationale: "Generated migrations must apply on every dialect they are written for. An `x-column` type one database does not have (`jsonb` in MySQL, `uuid` in MySQL, `text[]` in SQLite), a MySQL key over a `TEXT`, `BLOB` or `JSON` column, or a decimal scale MySQL cannot store would fail there. Write the type per dialect where they differ.",
        source: "docs/standard.md §11 Persistence",
        bad: "payload: {type: object, x-column: {type: jsonb}}",
        good: "payload: {type: object, x-column: {type: {postgres: jsonb, mysql: json, sqlite: TEXT}}}",
        check: Check::Model(column_type),
    },
];

fn report(sink: &mut Sink, problems: impl IntoIterator<Item = Problem>, rule: &str) {
    for p in problems.into_iter().filter(|p| p.rule == rule) {
        let f = sink.report(p.pointer, p.message);
        if let Some(help) = p.help {
            f.help(help);
        }
    }
}

fn annotations(ctx: &Context<'_>, sink: &mut Sink) {
    report(sink, schema::build(ctx.api).problems, rules::ANNOTATIONS);
}

fn name_unique(ctx: &Context<'_>, sink: &mut Sink) {
    report(sink, schema::build(ctx.api).problems, rules::NAME_UNIQUE);
}

fn references(ctx: &Context<'_>, sink: &mut Sink) {
    report(sink, schema::build(ctx.api).problems, rules::REFERENCES);
}

fn reference_cycle(ctx: &Context<'_>, sink: &mut Sink) {
    report(sink, schema::build(ctx.api).problems, rules::REFERENCE_CYCLE);
}

fn column_type(ctx: &Context<'_>, sink: &mut Sink) {
    let built = schema::build(ctx.api);
    let problems = Dialect::ALL.iter().flat_map(|d| schema::dialect_problems(&built, *d));
    report(sink, problems, rules::COLUMN_TYPE);
}

/// The findings that stop the `migrations` target, at error level whatever the
/// configuration says: every table problem, and the column types the given
/// dialects (all three when empty) cannot hold.
pub fn blocking(checked: &Checked, dialects: &[Dialect]) -> Vec<Diagnostic> {
    let Some(api) = &checked.api else { return Vec::new() };
    let built = schema::build(api);
    let dialects = if dialects.is_empty() { &Dialect::ALL[..] } else { dialects };
    let mut problems = built.problems.clone();
    for d in dialects {
        problems.extend(schema::dialect_problems(&built, *d));
    }
    let mut seen = std::collections::HashSet::new();
    problems
        .into_iter()
        .filter(|p| seen.insert((p.rule, p.pointer.clone(), p.message.clone())))
        .map(|p| {
            let rule = RULES.iter().map(|r| r.id).find(|id| *id == p.rule).unwrap_or(rules::ANNOTATIONS);
            let mut d = Diagnostic::new(rule, Level::Error, p.pointer.clone(), p.message);
            d.help = p.help;
            d.location = checked.doc.locate(&p.pointer);
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    const PATHS: &str = "  {}\n";

    fn schemas(yaml: &str) -> String {
        doc(PATHS, &format!("  schemas:\n{yaml}"))
    }

    const CUSTOMER: &str = "    Customer:\n      type: object\n      x-table: customers\n      properties:\n        id: {type: string, format: uuid}\n        last_name: {type: string}\n";

    #[test]
    fn annotations_must_name_columns() {
        let bad =
            schemas(&CUSTOMER.replace("x-table: customers\n", "x-table: customers\n      x-indexes: [[last_nme]]\n"));
        // At the list item that names no column.
        assert_eq!(findings(&bad, "table-annotations"), [("/components/schemas/Customer/x-indexes/0/0".to_string(), 13)]);
        let good =
            schemas(&CUSTOMER.replace("x-table: customers\n", "x-table: customers\n      x-indexes: [[last_name]]\n"));
        assert!(findings(&good, "table-annotations").is_empty());
        let bad_db = schemas(&CUSTOMER.replace("last_name: {type: string}", "last_name: {type: string, x-db: no}"));
        assert_eq!(
            findings(&bad_db, "table-annotations"),
            [("/components/schemas/Customer/properties/last_name/x-db".to_string(), 15)]
        );
    }

    #[test]
    fn schemas_that_share_a_table_must_agree() {
        let client = "    Client:\n      type: object\n      x-table: customers\n      required: [nickname]\n      properties:\n        id: {type: string, format: uuid}\n        nickname: {type: string}\n";
        let bad = schemas(&format!("{CUSTOMER}{client}"));
        let pointers: Vec<String> = findings(&bad, "table-name-unique").into_iter().map(|(p, _)| p).collect();
        assert_eq!(pointers, ["/components/schemas/Client/properties/nickname"]);
        let typed = schemas(&format!("{CUSTOMER}{}", client.replace("nickname", "last_name").replace("last_name: {type: string}", "last_name: {type: integer}")));
        let pointers: Vec<String> = findings(&typed, "table-name-unique").into_iter().map(|(p, _)| p).collect();
        assert!(pointers.contains(&"/components/schemas/Client/properties/last_name".to_string()), "{pointers:?}");
        let good = schemas(&format!("{CUSTOMER}{}", client.replace("      required: [nickname]\n", "")));
        assert!(findings(&good, "table-name-unique").is_empty());
    }

    #[test]
    fn references_name_declared_tables() {
        let order = "    Order:\n      type: object\n      x-table: orders\n      properties:\n        id: {type: string, format: uuid}\n        customer_id: {type: string, format: uuid, x-references: customer}\n";
        let bad = schemas(&format!("{CUSTOMER}{order}"));
        assert_eq!(
            findings(&bad, "table-references"),
            [("/components/schemas/Order/properties/customer_id/x-references".to_string(), 21)]
        );
        let good =
            schemas(&format!("{CUSTOMER}{}", order.replace("x-references: customer}", "x-references: customers}")));
        assert!(findings(&good, "table-references").is_empty());
    }

    #[test]
    fn reference_cycles_are_reported_once() {
        let a = "    A:\n      type: object\n      x-table: a\n      properties:\n        id: {type: integer}\n        b_id: {type: integer, x-references: b}\n";
        let b = "    B:\n      type: object\n      x-table: b\n      properties:\n        id: {type: integer}\n        a_id: {type: integer, x-references: a}\n";
        let bad = schemas(&format!("{a}{b}"));
        assert_eq!(
            findings(&bad, "table-reference-cycle"),
            [("/components/schemas/A/properties/b_id/x-references".to_string(), 15)]
        );
        let self_ref = "    A:\n      type: object\n      x-table: a\n      properties:\n        id: {type: integer}\n        parent_id: {type: integer, nullable: true, x-references: a}\n";
        let good = schemas(&format!("{self_ref}{b}"));
        assert!(findings(&good, "table-reference-cycle").is_empty());
    }

    #[test]
    fn column_types_must_fit_every_dialect() {
        let bad = schemas(
            &CUSTOMER.replace("last_name: {type: string}", "last_name: {type: object, x-column: {type: jsonb}}"),
        );
        let found = findings(&bad, "column-type");
        // MySQL and SQLite have no jsonb: one finding per dialect, at the written type.
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(p, line)| p == "/components/schemas/Customer/properties/last_name/x-column/type" && *line == 15),
            "{found:?}"
        );
        let good = schemas(&CUSTOMER.replace(
            "last_name: {type: string}",
            "last_name: {type: object, x-column: {type: {postgres: jsonb, mysql: json, sqlite: TEXT}}}",
        ));
        assert!(findings(&good, "column-type").is_empty());
    }
}
