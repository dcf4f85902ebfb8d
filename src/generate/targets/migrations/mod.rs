//! Target `migrations`: SQL migration skeletons for the schemas a spec marks
//! as persisted (DESIGN §3 annotations, §5 "Migrations"), for PostgreSQL,
//! SQLite and MySQL, one migration per API version.
//!
//! # What the annotations do
//!
//! | annotation | where | effect |
//! |---|---|---|
//! | `x-table: orders` | object schema | one `CREATE TABLE orders`; its properties are the columns |
//! | `x-primary-key: code` or `[a, b]` | schema | the primary key (default: the `id` column) |
//! | `x-indexes: [[a, b], [c]]` | schema | `CREATE INDEX {table}_{cols}_idx` |
//! | `x-unique: [[email]]` | schema | `CONSTRAINT {table}_{cols}_key UNIQUE (…)` |
//! | `x-tenant-scoped: true` | schema | adds `tenant_id NOT NULL` (type from `id-format`) after the key and leads every index and unique constraint with it (an index on `tenant_id` alone when there is none) |
//! | `x-references: customers` | property | `FOREIGN KEY (…) REFERENCES customers (id)`; the column takes the referenced key's type |
//! | `x-column: {name, type}` | property | renames the column / writes its type; `type` may be one string or one per dialect: `{postgres: jsonb, mysql: json, sqlite: TEXT}` |
//! | `x-db: false` | property | not a column (computed values) |
//!
//! Annotations name properties or columns. `NOT NULL` comes from `required`,
//! except that a `nullable` required property stays nullable; primary key
//! columns are always `NOT NULL`. `default` becomes `DEFAULT`; `created_at`
//! and `updated_at` date-time columns without one default to the current
//! time. A single integer primary key is numbered by the database (identity,
//! SQLite rowid, `AUTO_INCREMENT`). Enums become a `CHECK (column IN (…))`
//! constraint named `{table}_{column}_check`. Names longer than 63 characters
//! are cut and end in a hash.
//!
//! # Type mapping
//!
//! | OpenAPI schema | PostgreSQL | SQLite | MySQL |
//! |---|---|---|---|
//! | `string` | `text` | `TEXT` | `TEXT`; `VARCHAR(255)` in a key or index (MySQL cannot index `TEXT`) |
//! | `string`, `maxLength: n` | `varchar(n)` | `TEXT` | `VARCHAR(n)` up to 16,383, then `TEXT`, `MEDIUMTEXT`, `LONGTEXT` |
//! | `format: uuid` | `uuid` | `TEXT` | `CHAR(36)` |
//! | `format: date-time` | `timestamptz` | `TEXT` (RFC 3339) | `DATETIME(6)` (store UTC) |
//! | `format: date` | `date` | `TEXT` | `DATE` |
//! | `boolean` | `boolean` | `INTEGER` (0/1) | `BOOLEAN` |
//! | `integer`, `int32` | `integer` | `INTEGER` | `INT` |
//! | `integer`, `int64` or none | `bigint` | `INTEGER` | `BIGINT` |
//! | `number`, `float` | `real` | `REAL` | `FLOAT` |
//! | `number`, `double` or none | `double precision` | `REAL` | `DOUBLE` |
//! | `format: decimal` | `numeric` | `TEXT` (exact) | `DECIMAL(38, s)`: `s` from a `multipleOf` power of ten, else 10 |
//! | string `enum` | `text` + `CHECK` | `TEXT` + `CHECK` | `VARCHAR(longest value)` + `CHECK` |
//! | integer `enum` | `bigint` + `CHECK` | `INTEGER` + `CHECK` | `BIGINT` + `CHECK` |
//! | object, array, map, `oneOf`/`anyOf`, free-form | `jsonb` | `TEXT` | `JSON` |
//! | `format: binary`, `format: byte` | `bytea` | `BLOB` | `LONGBLOB` |
//! | current time default | `CURRENT_TIMESTAMP` | `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` | `CURRENT_TIMESTAMP(6)` |
//!
//! Targets: PostgreSQL 13+, SQLite 3.35+ (foreign keys are enforced with
//! `PRAGMA foreign_keys = ON`), MySQL 8.0.16+ and MariaDB 10.5+ (`CHECK` is
//! enforced from those versions). MySQL tables are `ENGINE=InnoDB DEFAULT
//! CHARSET=utf8mb4`; MySQL adds an index for a foreign key no index leads with.
//!
//! # Versions and layouts
//!
//! A table belongs to the lowest API version (`/api/vN/…`) whose operations
//! use its schema, directly or through other schemas, and never to a later
//! version than a table that references it; tables no operation uses go to the
//! lowest version of the document (1 without versioned paths). Each version
//! with tables gets one migration: `up` creates its tables in foreign-key
//! order, `down` drops them in reverse. Layouts, below `{out}/{name}-migrations/{dialect}/`:
//!
//! - `versions` (standards/000): `versions/V{N}/up.sql` and `versions/V{N}/down.sql`;
//! - `sqlx`: `{NNNN}_{name}.up.sql` and `{NNNN}_{name}.down.sql`, `NNNN` the API version.
//!
//! Specs whose annotations cannot be generated (an unknown referenced table, a
//! reference cycle, a table name claimed twice, a type a dialect cannot hold)
//! are reported by the `table-*` and `column-type` rules
//! ([`crate::check::rules::migrations`]); generation writes nothing then.

pub mod dialect;
pub mod schema;

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use super::super::{Context, Rendered, Target};
pub use dialect::Dialect;
use schema::{Schema, Table};

/// The `migrations` target.
pub const TARGET: Target = Target {
    name: "migrations",
    summary: "SQL migrations (PostgreSQL, SQLite, MySQL) of the x-table schemas, one per API version",
    requires: &[],
    render,
};

/// How migration files are laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// `{dialect}/versions/V{N}/up.sql` and `down.sql` (standards/000).
    #[default]
    Versions,
    /// `{dialect}/{NNNN}_{name}.up.sql` and `.down.sql` (sqlx).
    Sqlx,
}

impl Layout {
    /// The layout with a name.
    pub fn parse(name: &str) -> Option<Layout> {
        match name.trim().to_ascii_lowercase().as_str() {
            "versions" => Some(Layout::Versions),
            "sqlx" => Some(Layout::Sqlx),
            _ => None,
        }
    }

    /// The name in settings and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Versions => "versions",
            Layout::Sqlx => "sqlx",
        }
    }
}

/// Parses dialect names (settings, command line).
///
/// Errors: an unknown name, with the known ones.
pub fn parse_dialects(names: &[String]) -> Result<Vec<Dialect>, String> {
    let mut out = Vec::new();
    for name in names {
        let d = Dialect::parse(name)
            .ok_or_else(|| format!("no SQL dialect '{name}'; dialects: postgres, sqlite, mysql"))?;
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out.sort();
    Ok(out)
}

/// The migrations folder below the output folder.
pub fn folder(ctx: &Context<'_>) -> String {
    format!("{}-migrations", ctx.settings.name)
}

/// The path of one migration file below the output folder; `up`: the up or down file.
pub fn file_path(folder: &str, dialect: Dialect, layout: Layout, name: &str, version: u32, up: bool) -> String {
    let direction = if up { "up" } else { "down" };
    match layout {
        Layout::Versions => format!("{folder}/{dialect}/versions/V{version}/{direction}.sql"),
        Layout::Sqlx => {
            let description: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
            format!("{folder}/{dialect}/{version:04}_{description}.{direction}.sql")
        }
    }
}

#[derive(Serialize)]
struct MigrationView<'a> {
    dialect: &'static str,
    dialect_label: &'static str,
    title: &'a str,
    version: u32,
    tables: Vec<TableView>,
}

#[derive(Serialize)]
struct TableView {
    name: String,
    comment: String,
    columns: Vec<ColumnView>,
    constraints: Vec<ConstraintView>,
    indexes: Vec<IndexView>,
    options: &'static str,
}

#[derive(Serialize)]
struct ColumnView {
    name: String,
    sql_type: String,
    identity: &'static str,
    not_null: bool,
    default: Option<String>,
}

#[derive(Serialize)]
struct ConstraintView {
    kind: &'static str,
    name: String,
    columns: Vec<String>,
    ref_table: String,
    ref_columns: Vec<String>,
    values: Vec<Value>,
}

#[derive(Serialize)]
struct IndexView {
    name: String,
    columns: Vec<String>,
}

fn render(ctx: &Context<'_>) -> Rendered {
    let schema = schema::build(ctx.api);
    let dialects: Vec<Dialect> =
        if ctx.settings.dialects.is_empty() { Dialect::ALL.to_vec() } else { ctx.settings.dialects.clone() };
    let mut problems = schema.problems.clone();
    for d in &dialects {
        problems.extend(schema::dialect_problems(&schema, *d));
    }
    if !problems.is_empty() {
        let lines: Vec<String> =
            problems.iter().map(|p| format!("  [{}] {} (#{})", p.rule, p.message, p.pointer)).collect();
        return Err(format!("target migrations: the table annotations cannot be generated:\n{}", lines.join("\n")));
    }
    let folder = folder(ctx);
    let versions: BTreeSet<u32> = schema.tables.iter().map(|t| t.version).collect();
    let mut files = Vec::new();
    for dialect in dialects {
        for &version in &versions {
            let view = migration_view(ctx, &schema, dialect, version);
            for (up, template) in [(true, "migrations/up.sql.j2"), (false, "migrations/down.sql.j2")] {
                let path = file_path(&folder, dialect, ctx.settings.layout, &ctx.settings.name, version, up);
                files.push((path, ctx.render(template, &view)?));
            }
        }
    }
    Ok(files)
}

fn migration_view<'a>(ctx: &'a Context<'_>, schema: &Schema, dialect: Dialect, version: u32) -> MigrationView<'a> {
    MigrationView {
        dialect: dialect.as_str(),
        dialect_label: dialect.label(),
        title: &ctx.api.title,
        version,
        tables: schema.tables.iter().filter(|t| t.version == version).map(|t| table_view(t, dialect)).collect(),
    }
}

fn table_view(table: &Table, dialect: Dialect) -> TableView {
    let columns = table
        .columns
        .iter()
        .map(|c| ColumnView {
            name: c.name.clone(),
            sql_type: dialect::column_type(c, dialect),
            identity: if c.identity { dialect::identity_clause(dialect) } else { "" },
            not_null: c.not_null,
            default: dialect::default_expr(c, dialect),
        })
        .collect();
    let mut constraints = Vec::new();
    let constraint = |kind, name, columns: &[String]| ConstraintView {
        kind,
        name,
        columns: columns.to_vec(),
        ref_table: String::new(),
        ref_columns: Vec::new(),
        values: Vec::new(),
    };
    if !table.primary_key.is_empty() {
        constraints.push(constraint("primary", table.pk_name(), &table.primary_key));
    }
    for cols in &table.uniques {
        constraints.push(constraint("unique", table.unique_name(cols), cols));
    }
    for fk in &table.foreign_keys {
        let mut c = constraint("foreign", table.fk_name(&fk.column), std::slice::from_ref(&fk.column));
        c.ref_table = fk.table.clone();
        c.ref_columns = vec![fk.references.clone()];
        constraints.push(c);
    }
    for check in &table.checks {
        let mut c = constraint("check", table.check_name(&check.column), std::slice::from_ref(&check.column));
        c.values = check.values.clone();
        constraints.push(c);
    }
    let indexes =
        table.indexes.iter().map(|cols| IndexView { name: table.index_name(cols), columns: cols.clone() }).collect();
    let summary =
        table.description.as_deref().and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty())).unwrap_or("");
    let comment = if summary.is_empty() {
        format!("{} (schema {})", table.name, table.schema)
    } else {
        format!("{} (schema {}): {summary}", table.name, table.schema)
    };
    TableView {
        name: table.name.clone(),
        comment,
        columns,
        constraints,
        indexes,
        options: if dialect == Dialect::Mysql { " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" } else { "" },
    }
}

/// What `migrations` writes for a dialect: the files of every version, in
/// order, as (version, up path, down path) below the output folder.
pub fn plan(api: &crate::model::Api, name: &str, dialect: Dialect, layout: Layout) -> Vec<(u32, String, String)> {
    let schema = schema::build(api);
    let versions: BTreeSet<u32> = schema.tables.iter().map(|t| t.version).collect();
    let folder = format!("{name}-migrations");
    versions
        .into_iter()
        .map(|v| {
            (v, file_path(&folder, dialect, layout, name, v, true), file_path(&folder, dialect, layout, name, v, false))
        })
        .collect()
}
