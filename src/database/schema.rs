//! The table model: the language-neutral picture of what the `x-table`
//! schemas ask a database to hold (docs/generate/migrations.md), built once from
//! the model and shared by the `migrations` target and the `table-*` /
//! `column-type` rules. Dialects only map it to text (see [`super::dialect`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::dialect::{self, Dialect, MAX_IDENT};
use crate::load::tree::child;
use crate::model::conventions::IdFormat;
use crate::model::table_annotations::{Annotation, Invalid};
use crate::model::{Api, ColumnNames, Field, Primitive, TypeDef, TypeId, TypeKind, TypeRef};

/// Rule ids of the problems the table model reports (the `migrations` rule family).
pub mod rules {
    /// A table annotation has a bad value or names a column the table does not have.
    pub const ANNOTATIONS: &str = "table-annotations";
    /// Two schemas claim one table name.
    pub const NAME_UNIQUE: &str = "table-name-unique";
    /// An `x-references` names a table nobody declares, or one without a single-column key.
    pub const REFERENCES: &str = "table-references";
    /// Tables reference each other in a cycle.
    pub const REFERENCE_CYCLE: &str = "table-reference-cycle";
    /// A column type a dialect cannot hold.
    pub const COLUMN_TYPE: &str = "column-type";
}

/// Something in the spec that keeps migrations from being generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// One of [`rules`].
    pub rule: &'static str,
    /// JSON pointer of the annotation (or schema) to blame.
    pub pointer: String,
    /// One line, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Every table of a document, in foreign-key order, and what is wrong with the annotations.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// Tables in creation order: a table comes after every table it references
    /// (document order otherwise). Tables in a reference cycle are left out.
    pub tables: Vec<Table>,
    /// Problems, in document order of the tables.
    pub problems: Vec<Problem>,
}

/// One table, from one `x-table` schema.
#[derive(Debug, Clone)]
pub struct Table {
    /// `x-table`.
    pub name: String,
    /// The schema's name in the model (the component name).
    pub schema: String,
    /// JSON pointer of the schema.
    pub pointer: String,
    /// The schema's description.
    pub description: Option<String>,
    /// The API version whose migration creates the table.
    pub version: u32,
    /// `x-tenant-scoped: true`.
    pub tenant_scoped: bool,
    /// Columns in property order (`tenant_id` after the primary key).
    pub columns: Vec<Column>,
    /// Primary key columns (empty: none).
    pub primary_key: Vec<String>,
    /// Foreign keys, in column order.
    pub foreign_keys: Vec<ForeignKey>,
    /// Unique constraints (`x-unique`; tenant-scoped: led by `tenant_id`).
    pub uniques: Vec<Vec<String>>,
    /// Indexes (`x-indexes`; tenant-scoped: led by `tenant_id`).
    pub indexes: Vec<Vec<String>>,
    /// `CHECK (column IN (…))` constraints of enum columns.
    pub checks: Vec<CheckIn>,
    /// `x-renamed-from` of the schema: the table's name before (migrations rename instead of drop and create).
    pub renamed_from: Option<String>,
    /// Pointers of every schema that declares the table (several API versions may share one).
    pub sources: Vec<String>,
    /// `x-allow-destructive`: the destructive migration steps the schema consents to, by name
    /// (`drop column customers.tier`; see [`crate::generate::targets::migrations::evolve::Step::consent_key`]).
    pub consent: Vec<String>,
}

/// A column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Column name (`x-column.name`, else the property name).
    pub name: String,
    /// The property name it stores, if any (`tenant_id` may be added without one).
    pub property: Option<String>,
    /// JSON pointer of the property (or of `x-tenant-scoped` for an added `tenant_id`).
    pub pointer: String,
    /// The language-neutral type.
    pub ty: ColumnType,
    /// `x-column.type`: for every dialect (`None`) or for one.
    pub overrides: Vec<(Option<Dialect>, String)>,
    /// `NOT NULL`: required and not nullable, or part of the primary key.
    pub not_null: bool,
    /// The default value.
    pub default: Option<Default>,
    /// A single integer primary key the database numbers.
    pub identity: bool,
    /// In a primary key, foreign key, unique constraint or index.
    pub key: bool,
    /// `x-renamed-from` of the property: the column's name before.
    pub renamed_from: Option<String>,
    /// Pointers of the schemas that have the column (see [`Table::sources`]).
    pub sources: Vec<String>,
    /// The API version whose migration adds the column: the lowest version of a schema that has it.
    pub version: u32,
}

impl Column {
    /// The written type for a dialect: its own `x-column.type` entry, else the one for all dialects.
    pub fn override_for(&self, dialect: Dialect) -> Option<&str> {
        self.overrides
            .iter()
            .find(|(d, _)| *d == Some(dialect))
            .or_else(|| self.overrides.iter().find(|(d, _)| d.is_none()))
            .map(|(_, t)| t.as_str())
    }
}

/// Column types before a dialect maps them (the rows of the mapping table).
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    /// `string` (any other format), with `maxLength`.
    Text {
        /// `maxLength`.
        max_length: Option<u64>,
    },
    /// `format: uuid`.
    Uuid,
    /// `format: date-time`.
    DateTime,
    /// `format: date`.
    Date,
    /// `boolean`.
    Bool,
    /// `integer`, `format: int32`.
    Int32,
    /// `integer` (`int64` or no format).
    Int64,
    /// `number`, `format: float`.
    Float32,
    /// `number` (`double` or no format).
    Float64,
    /// `format: decimal`; the scale from a `multipleOf` power of ten.
    Decimal {
        /// Decimal places.
        scale: Option<u32>,
    },
    /// A string or integer `enum` (with a `CHECK` constraint).
    Enum {
        /// The values.
        values: Vec<Value>,
        /// An integer enum.
        integer: bool,
    },
    /// Objects, arrays, maps, unions and free-form values: the dialect's JSON type.
    Json,
    /// `format: binary` and `format: byte`.
    Binary,
}

/// A column default.
#[derive(Debug, Clone, PartialEq)]
pub enum Default {
    /// The schema's `default`.
    Value(Value),
    /// The current time (`created_at`, `updated_at`).
    Now,
}

/// A foreign key.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    /// The referencing column.
    pub column: String,
    /// The referenced table.
    pub table: String,
    /// The referenced column (the table's primary key).
    pub references: String,
    /// JSON pointer of the `x-references`.
    pub pointer: String,
}

/// `CHECK (column IN (values))`.
#[derive(Debug, Clone)]
pub struct CheckIn {
    /// The column.
    pub column: String,
    /// The allowed values.
    pub values: Vec<Value>,
}

impl Table {
    /// The table as API version `version` leaves it: `None` before the table exists;
    /// else only the columns added by then, and the keys, indexes and checks over them.
    pub fn at_version(&self, version: u32) -> Option<Table> {
        if self.version > version {
            return None;
        }
        let mut t = self.clone();
        t.columns.retain(|c| c.version <= version);
        let present = |cols: &[String]| cols.iter().all(|c| t.column(c).is_some());
        let uniques = t.uniques.iter().filter(|u| present(u)).cloned().collect();
        let indexes = t.indexes.iter().filter(|i| present(i)).cloned().collect();
        t.uniques = uniques;
        t.indexes = indexes;
        let keep: Vec<bool> = t.foreign_keys.iter().map(|f| t.column(&f.column).is_some()).collect();
        let mut keep = keep.into_iter();
        t.foreign_keys.retain(|_| keep.next().unwrap_or(false));
        let keep: Vec<bool> = t.checks.iter().map(|c| t.column(&c.column).is_some()).collect();
        let mut keep = keep.into_iter();
        t.checks.retain(|_| keep.next().unwrap_or(false));
        Some(t)
    }

    /// The column with a name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Whether a column is in the primary key, a foreign key, a unique constraint or an index.
    pub fn is_key_column(&self, name: &str) -> bool {
        self.primary_key.iter().any(|c| c == name)
            || self.foreign_keys.iter().any(|f| f.column == name)
            || self.uniques.iter().chain(&self.indexes).any(|cols| cols.iter().any(|c| c == name))
    }

    /// Name of the primary key constraint.
    pub fn pk_name(&self) -> String {
        constraint_name(&[&self.name], "pkey")
    }

    /// Name of a unique constraint.
    pub fn unique_name(&self, columns: &[String]) -> String {
        constraint_name(&parts(&self.name, columns), "key")
    }

    /// Name of an index.
    pub fn index_name(&self, columns: &[String]) -> String {
        constraint_name(&parts(&self.name, columns), "idx")
    }

    /// Name of a foreign key constraint.
    pub fn fk_name(&self, column: &str) -> String {
        constraint_name(&[&self.name, column], "fkey")
    }

    /// Name of a check constraint.
    pub fn check_name(&self, column: &str) -> String {
        constraint_name(&[&self.name, column], "check")
    }
}

fn parts<'a>(table: &'a str, columns: &'a [String]) -> Vec<&'a str> {
    std::iter::once(table).chain(columns.iter().map(String::as_str)).collect()
}

/// `{parts}_{suffix}` as PostgreSQL names constraints; names over 63 characters
/// are cut and end in a hash of the full name, so they stay distinct.
fn constraint_name(parts: &[&str], suffix: &str) -> String {
    let full = format!("{}_{suffix}", parts.join("_"));
    if full.chars().count() <= MAX_IDENT {
        return full;
    }
    // FNV-1a: stable across platforms and releases.
    let hash = full.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let tail = format!("_{:08x}_{suffix}", hash as u32);
    let head: String = full.chars().take(MAX_IDENT - tail.len()).collect();
    format!("{head}{tail}")
}

/// Builds the tables of a document.
pub fn build(api: &Api) -> Schema {
    if !api.types.types.iter().any(|t| t.annotations.table.is_some()) {
        return Schema::default();
    }
    let mut b = Builder { api, problems: Vec::new() };
    let mut tables: Vec<(Table, Vec<PendingRef>)> = Vec::new();
    // Table name → its index in `tables`.
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for def in &api.types.types {
        let name = match &def.annotations.table {
            None => continue,
            Some(Ok(name)) => name.clone(),
            Some(Err(invalid)) => {
                b.invalid(invalid);
                continue;
            }
        };
        let at = child(&def.pointer, "x-table");
        let TypeKind::Struct { fields, .. } = &def.kind else {
            b.report(
                rules::ANNOTATIONS,
                &at,
                format!("x-table on {}, which is not an object schema with properties", def.name),
                Some("put x-table on an object schema".into()),
            );
            continue;
        };
        if let Some(why) = dialect::ident_problem(&name) {
            b.report(rules::ANNOTATIONS, &at, format!("table name {why}"), None);
            continue;
        }
        let part = b.table(def, name.clone(), fields);
        match claimed.get(&name) {
            // Another API version's representation of the same table: one table holds both.
            Some(&i) => {
                let merged = b.merge(std::mem::replace(&mut tables[i], part.clone()), part);
                tables[i] = merged;
            }
            None => {
                claimed.insert(name, tables.len());
                tables.push(part);
            }
        }
    }
    b.resolve_references(&mut tables);
    let mut tables: Vec<Table> = tables.into_iter().map(|(t, _)| t).collect();
    let cyclic = b.cycles(&tables);
    b.assign_versions(&mut tables);
    let tables = creation_order(tables, &cyclic);
    Schema { tables, problems: b.problems }
}

/// Problems of the tables in one dialect (rule `column-type`).
pub fn dialect_problems(schema: &Schema, dialect: Dialect) -> Vec<Problem> {
    let mut out = Vec::new();
    if dialect == Dialect::Mysql {
        out.extend(schema.tables.iter().flat_map(mysql_key_problems));
    }
    for table in &schema.tables {
        for column in &table.columns {
            if let Some(why) = dialect::column_problem(table, column, dialect) {
                // The type written for this dialect (`x-column/type/{dialect}`), else the one for all.
                let pointer = match column.overrides.iter().find(|(d, _)| *d == Some(dialect)) {
                    Some(_) => child(&child(&child(&column.pointer, "x-column"), "type"), dialect.as_str()),
                    None if !column.overrides.is_empty() => child(&child(&column.pointer, "x-column"), "type"),
                    None => column.pointer.clone(),
                };
                out.push(Problem {
                    rule: rules::COLUMN_TYPE,
                    pointer,
                    message: format!(
                        "column {}.{} cannot be held by {}: {why}",
                        table.name,
                        column.name,
                        dialect.label()
                    ),
                    help: Some(format!(
                        "write the type per dialect: `x-column: {{type: {{{}: …, …}}}}`, or change the schema",
                        dialect.as_str()
                    )),
                });
            }
        }
    }
    out
}

/// Keys MySQL 8 cannot build: InnoDB limits an index key to 3,072 bytes, and a
/// `utf8mb4` character takes up to 4 (so `VARCHAR(768)` is the longest key column).
fn mysql_key_problems(table: &Table) -> Vec<Problem> {
    let keys = std::iter::once(&table.primary_key).chain(&table.uniques).chain(&table.indexes);
    let mut out = Vec::new();
    for columns in keys.filter(|k| !k.is_empty()) {
        let widths: Vec<(&Column, usize)> = columns
            .iter()
            .filter_map(|name| table.column(name))
            .map(|c| (c, dialect::mysql_key_bytes(&dialect::column_type(c, Dialect::Mysql))))
            .collect();
        let total: usize = widths.iter().map(|(_, w)| w).sum();
        if total <= dialect::MYSQL_MAX_KEY_BYTES {
            continue;
        }
        let Some((widest, _)) = widths.iter().max_by_key(|(_, w)| *w) else { continue };
        if out.iter().any(|p: &Problem| p.pointer == widest.pointer) {
            continue;
        }
        out.push(Problem {
            rule: rules::COLUMN_TYPE,
            pointer: widest.pointer.clone(),
            message: format!(
                "MySQL 8 cannot index ({}) of table {}: the key takes {total} bytes (utf8mb4: 4 a character), InnoDB allows {}",
                columns.join(", "),
                table.name,
                dialect::MYSQL_MAX_KEY_BYTES
            ),
            help: Some(format!(
                "lower the `maxLength` of {} (at most {} characters in a key of one column), or write its MySQL type with `x-column`",
                widest.name,
                dialect::MYSQL_MAX_KEY_BYTES / 4
            )),
        });
    }
    out
}

/// An `x-references` waiting for every table to be known.
#[derive(Clone)]
struct PendingRef {
    column: String,
    target: String,
    pointer: String,
}

struct Builder<'a> {
    api: &'a Api,
    problems: Vec<Problem>,
}

impl Builder<'_> {
    fn report(&mut self, rule: &'static str, pointer: &str, message: String, help: Option<String>) {
        self.problems.push(Problem { rule, pointer: pointer.to_string(), message, help });
    }

    /// Reports an annotation the model could not read.
    fn invalid(&mut self, invalid: &Invalid) {
        self.report(rules::ANNOTATIONS, &invalid.pointer, invalid.message.clone(), invalid.help.clone());
    }

    /// The value of an annotation, reporting it when it cannot be read.
    fn read<'v, T>(&mut self, annotation: &'v Annotation<T>) -> Option<&'v T> {
        self.value(annotation.as_ref()?)
    }

    /// A value the model read, or `None` after reporting why it could not.
    fn value<'v, T>(&mut self, read: &'v Result<T, Invalid>) -> Option<&'v T> {
        match read {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.invalid(invalid);
                None
            }
        }
    }

    /// The table one `x-table` schema declares, and its `x-references` still to resolve
    /// (they need every table); what cannot be read is reported on the way.
    fn table(&mut self, def: &TypeDef, name: String, fields: &[Field]) -> (Table, Vec<PendingRef>) {
        let mut table = Table {
            name,
            schema: def.name.clone(),
            pointer: def.pointer.clone(),
            description: def.description.clone(),
            version: 0,
            tenant_scoped: false,
            columns: Vec::new(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            uniques: Vec::new(),
            indexes: Vec::new(),
            checks: Vec::new(),
            renamed_from: def.annotations.renamed_from.clone(),
            sources: vec![def.pointer.clone()],
            consent: def.annotations.allow_destructive.clone(),
        };
        let mut pending = Vec::new();
        // Property name → column name (None: `x-db: false`).
        let mut by_property: HashMap<String, Option<String>> = HashMap::new();
        for field in fields {
            if self.read(&field.annotations.db) == Some(&false) {
                by_property.insert(field.name.clone(), None);
                continue;
            }
            let Some(column) = self.column(def, &table, field) else { continue };
            if let Some(check) = check_in(&column.name, &column.ty, field) {
                table.checks.push(check);
            }
            if let Some(target) = self.read(&field.annotations.references) {
                let pointer = child(&field.pointer, "x-references");
                pending.push(PendingRef { column: column.name.clone(), target: target.clone(), pointer });
            }
            by_property.insert(field.name.clone(), Some(column.name.clone()));
            table.columns.push(column);
        }
        if table.columns.is_empty() {
            self.report(
                rules::ANNOTATIONS,
                &child(&def.pointer, "x-table"),
                format!("table {} has no columns (every property has x-db: false)", table.name),
                None,
            );
        }
        self.primary_key(def, &mut table, &by_property);
        self.tenant_scope(def, &mut table);
        self.uniques_and_indexes(def, &mut table, &by_property);
        table.foreign_keys = pending
            .iter()
            .map(|p| ForeignKey {
                column: p.column.clone(),
                table: p.target.clone(),
                references: String::new(),
                pointer: p.pointer.clone(),
            })
            .collect();
        (table, pending)
    }

    /// The column of one property, or `None` after reporting why the property cannot be one:
    /// its column name is taken or not an identifier, or its enum or default holds a NUL
    /// character.
    fn column(&mut self, def: &TypeDef, table: &Table, field: &Field) -> Option<Column> {
        let (name, overrides) = self.x_column(field);
        if !self.column_name_usable(def, table, field, &name) {
            return None;
        }
        let ty = self.column_type(field);
        if self.nul_in_text(def, field) {
            return None;
        }
        let default = column_default(&name, &ty, field);
        Some(Column {
            property: Some(field.name.clone()),
            pointer: field.pointer.clone(),
            ty,
            overrides,
            not_null: field.required && !field.nullable,
            default,
            identity: false,
            key: false,
            renamed_from: field.annotations.renamed_from.clone(),
            sources: vec![def.pointer.clone()],
            version: 0,
            name,
        })
    }

    /// Whether `name` can be the column of `field`: not taken by an earlier property and a
    /// valid identifier in every dialect (reported when not).
    fn column_name_usable(&mut self, def: &TypeDef, table: &Table, field: &Field, name: &str) -> bool {
        if let Some(other) = table.columns.iter().find(|c| c.name == name) {
            let first = other.property.clone().unwrap_or_default();
            self.report(
                rules::ANNOTATIONS,
                &field.pointer,
                format!(
                    "properties '{first}' and '{}' of {} both map to column '{name}' of table {}",
                    field.name, def.name, table.name
                ),
                Some("rename one with `x-column: {name: …}`, or keep one out with `x-db: false`".into()),
            );
            return false;
        }
        if let Some(why) = dialect::ident_problem(name) {
            let named = match &field.annotations.column {
                Some(Ok(column)) => column.name_pointer.as_ref(),
                _ => None,
            };
            self.report(
                rules::ANNOTATIONS,
                named.unwrap_or(&field.pointer),
                format!("column name {why}"),
                Some("name the column with `x-column: {name: …}`".into()),
            );
            return false;
        }
        true
    }

    /// Whether the enum or default of `field` holds a NUL character, which no dialect stores
    /// in text (reported when it does).
    fn nul_in_text(&mut self, def: &TypeDef, field: &Field) -> bool {
        let nul_in_enum = field.constraints.enumeration.iter().any(has_nul);
        let nul_in_default = field.default.as_ref().is_some_and(has_nul);
        if !(nul_in_enum || nul_in_default) {
            return false;
        }
        let what = if nul_in_default { "default" } else { "enum" };
        self.report(
            rules::ANNOTATIONS,
            &child(&field.pointer, what),
            format!(
                "the {what} of {}.{} holds a NUL character, which PostgreSQL, MySQL and SQLite cannot store in text",
                def.name, field.name
            ),
            Some("remove the NUL character (U+0000) from the value".into()),
        );
        true
    }

    /// The primary key: `x-primary-key`, else an `id` column; its columns become `NOT NULL`.
    fn primary_key(&mut self, def: &TypeDef, table: &mut Table, by_property: &HashMap<String, Option<String>>) {
        if let Some(key) = &def.annotations.primary_key {
            if let Some(names) = self.value(key) {
                table.primary_key = self.resolve_columns(table, by_property, names, "x-primary-key").unwrap_or_default();
            }
        } else if table.column("id").is_some() {
            table.primary_key = vec!["id".into()];
        }
        for column in &mut table.columns {
            if table.primary_key.contains(&column.name) {
                column.not_null = true;
            }
        }
    }

    /// `x-tenant-scoped: true`: a `NOT NULL` `tenant_id` column, added after the primary key
    /// when no property is one.
    fn tenant_scope(&mut self, def: &TypeDef, table: &mut Table) {
        if def.annotations.tenant_scoped.is_none() {
            return;
        }
        table.tenant_scoped = self.read(&def.annotations.tenant_scoped) == Some(&true);
        if !table.tenant_scoped {
            return;
        }
        if let Some(existing) = table.columns.iter_mut().find(|c| c.name == TENANT) {
            existing.not_null = true;
            return;
        }
        let ty = match self.api.conventions.id_format {
            IdFormat::Uuid => ColumnType::Uuid,
            IdFormat::Integer => ColumnType::Int64,
            IdFormat::Any => ColumnType::Text { max_length: None },
        };
        let after_key = table.columns.iter().rposition(|c| table.primary_key.contains(&c.name)).map_or(0, |i| i + 1);
        let column = Column {
            name: TENANT.into(),
            property: None,
            pointer: child(&def.pointer, "x-tenant-scoped"),
            ty,
            overrides: Vec::new(),
            not_null: true,
            default: None,
            identity: false,
            key: true,
            renamed_from: None,
            sources: vec![def.pointer.clone()],
            version: 0,
        };
        table.columns.insert(after_key, column);
    }

    /// `x-unique` and `x-indexes` (tenant-scoped: led by `tenant_id`, which alone is indexed
    /// when the schema names no other key).
    fn uniques_and_indexes(&mut self, def: &TypeDef, table: &mut Table, by_property: &HashMap<String, Option<String>>) {
        for (key, entries, is_unique) in
            [("x-unique", &def.annotations.unique, true), ("x-indexes", &def.annotations.indexes, false)]
        {
            let Some(entries) = self.read(entries) else { continue };
            for entry in entries {
                let Some(names) = self.value(entry) else { continue };
                let Some(mut columns) = self.resolve_columns(table, by_property, names, key) else { continue };
                if table.tenant_scoped {
                    columns.retain(|c| c != TENANT);
                    columns.insert(0, TENANT.into());
                }
                let list = if is_unique { &mut table.uniques } else { &mut table.indexes };
                if !list.contains(&columns) {
                    list.push(columns);
                }
            }
        }
        if table.tenant_scoped && table.indexes.is_empty() && table.uniques.is_empty() {
            table.indexes.push(vec![TENANT.into()]);
        }
    }

    /// `x-column`: the column name and the written types (members that cannot be read are reported).
    fn x_column(&mut self, field: &Field) -> (String, Vec<(Option<Dialect>, String)>) {
        let Some(column) = self.read(&field.annotations.column) else { return (field.name.clone(), Vec::new()) };
        for invalid in &column.invalid {
            self.invalid(invalid);
        }
        (column.name.clone().unwrap_or_else(|| field.name.clone()), column.types.clone())
    }

    fn column_type(&self, field: &Field) -> ColumnType {
        let graph = &self.api.types;
        match graph.unalias(&field.ty) {
            TypeRef::Primitive(p) => match p {
                Primitive::String => ColumnType::Text { max_length: field.constraints.max_length },
                Primitive::Date => ColumnType::Date,
                Primitive::DateTime => ColumnType::DateTime,
                Primitive::Uuid => ColumnType::Uuid,
                Primitive::Decimal => ColumnType::Decimal { scale: field.constraints.multiple_of.and_then(scale_of) },
                Primitive::Bytes | Primitive::Binary => ColumnType::Binary,
                Primitive::I32 => ColumnType::Int32,
                Primitive::I64 => ColumnType::Int64,
                Primitive::F32 => ColumnType::Float32,
                Primitive::F64 => ColumnType::Float64,
                Primitive::Bool => ColumnType::Bool,
            },
            TypeRef::Named(id) => match &graph.get(*id).kind {
                TypeKind::Enum { values, base } => {
                    ColumnType::Enum { values: values.clone(), integer: *base != Primitive::String }
                }
                _ => ColumnType::Json,
            },
            TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Any => ColumnType::Json,
        }
    }

    /// One table from two schemas that declare it (representations of different API
    /// versions): every column of both; a column both have must have one type, and is
    /// `NOT NULL` only when both say so; a column only one has must be nullable or have
    /// a default (a row written through the other version leaves it empty), otherwise a
    /// `table-name-unique` finding explains the conflict. Keys, indexes and checks are united.
    fn merge(
        &mut self,
        (mut first, mut first_refs): (Table, Vec<PendingRef>),
        (second, second_refs): (Table, Vec<PendingRef>),
    ) -> (Table, Vec<PendingRef>) {
        self.required_in_one(&first, &second);
        self.required_in_one(&second, &first);
        for column in second.columns {
            match first.columns.iter_mut().find(|known| known.name == column.name) {
                Some(known) => {
                    if known.ty != column.ty || known.overrides != column.overrides {
                        self.report(rules::NAME_UNIQUE, &column.pointer, format!("column {}.{} has another type in {} than in {}", second.name, column.name, second.schema, first.schema), Some("one column holds one type: make the schemas agree, or name the columns apart with `x-column`".into()));
                    }
                    known.not_null &= column.not_null;
                    known.sources.extend(column.sources);
                }
                None => {
                    let mut column = column;
                    column.not_null = column.not_null && column.default.is_some();
                    first.columns.push(column);
                }
            }
        }
        for column in first.columns.iter_mut() {
            let in_both = column.sources.iter().any(|s| second.sources.contains(s))
                && column.sources.iter().any(|s| first.sources.contains(s));
            if !in_both {
                column.not_null &= column.default.is_some() || first.primary_key.contains(&column.name);
            }
        }
        if first.primary_key != second.primary_key && !second.primary_key.is_empty() {
            self.report(rules::NAME_UNIQUE, &second.pointer, format!("table {} has another primary key in {} than in {}", first.name, second.schema, first.schema), None);
        }
        for unique in second.uniques {
            if !first.uniques.contains(&unique) {
                first.uniques.push(unique);
            }
        }
        for index in second.indexes {
            if !first.indexes.contains(&index) {
                first.indexes.push(index);
            }
        }
        for check in second.checks {
            match first.checks.iter_mut().find(|known| known.column == check.column) {
                Some(known) => check.values.into_iter().for_each(|v| if !known.values.contains(&v) { known.values.push(v) }),
                None => first.checks.push(check),
            }
        }
        for pending in second_refs {
            if !first_refs.iter().any(|known| known.column == pending.column) {
                first_refs.push(pending);
            }
        }
        first.tenant_scoped |= second.tenant_scoped;
        first.sources.extend(second.sources);
        first.consent.extend(second.consent);
        (first, first_refs)
    }

    /// Reports each column `table` requires (not null, no default, not in its primary key)
    /// that `other` does not have: rows written through `other` would leave it empty.
    fn required_in_one(&mut self, table: &Table, other: &Table) {
        for column in &table.columns {
            let required = column.not_null && column.default.is_none() && !table.primary_key.contains(&column.name);
            if required && other.column(&column.name).is_none() {
                self.report(rules::NAME_UNIQUE, &column.pointer, format!("column {}.{} is required by {} but {} does not have it: rows written through {} would leave it empty", table.name, column.name, table.schema, other.schema, other.schema), Some("make it nullable or give it a default, or add it to the other schema".into()));
            }
        }
    }

    /// Column names for the names annotation `key` lists (property or column names), each
    /// reported at its own pointer. `None` when a name is not a column (reported).
    fn resolve_columns(
        &mut self,
        table: &Table,
        by_property: &HashMap<String, Option<String>>,
        names: &ColumnNames,
        key: &str,
    ) -> Option<Vec<String>> {
        let mut out = Vec::new();
        let mut failed = false;
        for (i, name) in names.names.iter().enumerate() {
            let item = names.name_pointer(i);
            let at = item.as_str();
            let found = match by_property.get(name) {
                Some(Some(column)) => Some(column.clone()),
                Some(None) => {
                    self.report(
                        rules::ANNOTATIONS,
                        at,
                        format!("{key} names '{name}', which has x-db: false and is not a column of {}", table.name),
                        None,
                    );
                    failed = true;
                    continue;
                }
                None => table
                    .column(name)
                    .map(|c| c.name.clone())
                    .or_else(|| (table.tenant_scoped && name == TENANT).then(|| TENANT.to_string())),
            };
            match found {
                Some(column) if !out.contains(&column) => out.push(column),
                Some(_) => {}
                None => {
                    let hint = crate::suggest::did_you_mean(name, table.columns.iter().map(|c| c.name.as_str()))
                        .map(|s| format!("did you mean '{s}'?"));
                    self.report(
                        rules::ANNOTATIONS,
                        at,
                        format!("{key} names '{name}', which is not a column of table {}", table.name),
                        hint,
                    );
                    failed = true;
                }
            }
        }
        (!failed).then_some(out)
    }

    /// Foreign keys: the target table must exist and have a single-column primary key;
    /// the referencing column takes the key's type. Then every table's key columns and
    /// identity column are marked.
    fn resolve_references(&mut self, tables: &mut [(Table, Vec<PendingRef>)]) {
        let bad = self.unresolvable_references(tables);
        for (i, (table, _)) in tables.iter_mut().enumerate() {
            table.foreign_keys.retain(|f| !bad.contains(&(i, f.column.clone())));
        }
        key_types_to_references(tables);
        for (table, _) in tables.iter_mut() {
            mark_keys(table);
        }
    }

    /// The references (table index, column) whose target table does not exist or has no
    /// single-column primary key, each reported.
    fn unresolvable_references(&mut self, tables: &[(Table, Vec<PendingRef>)]) -> HashSet<(usize, String)> {
        let names: Vec<String> = tables.iter().map(|(t, _)| t.name.clone()).collect();
        let mut bad: HashSet<(usize, String)> = HashSet::new();
        for (i, (table, pending)) in tables.iter().enumerate() {
            for p in pending {
                let Some(target) = tables.iter().map(|(t, _)| t).find(|t| t.name == p.target) else {
                    let by_schema = tables
                        .iter()
                        .map(|(t, _)| t)
                        .find(|t| t.schema == p.target)
                        .map(|t| format!("the table of schema {} is '{}'", t.schema, t.name));
                    let hint = by_schema.or_else(|| {
                        crate::suggest::did_you_mean(&p.target, names.iter().map(String::as_str))
                            .map(|s| format!("did you mean '{s}'?"))
                    });
                    let declared = if names.is_empty() { "none".to_string() } else { names.join(", ") };
                    self.report(
                        rules::REFERENCES,
                        &p.pointer,
                        format!(
                            "{}.{} references table '{}', which no schema declares with x-table (tables: {declared})",
                            table.name, p.column, p.target
                        ),
                        hint,
                    );
                    bad.insert((i, p.column.clone()));
                    continue;
                };
                if target.primary_key.len() != 1 {
                    let what = if target.primary_key.is_empty() {
                        "has no primary key"
                    } else {
                        "has a composite primary key"
                    };
                    self.report(
                        rules::REFERENCES,
                        &p.pointer,
                        format!("{}.{} references table '{}', which {what}", table.name, p.column, p.target),
                        Some(format!("give {} an `id` property or `x-primary-key: <column>`", target.name)),
                    );
                    bad.insert((i, p.column.clone()));
                }
            }
        }
        bad
    }

    /// Reports every reference cycle between two or more tables; returns the tables in one.
    fn cycles(&mut self, tables: &[Table]) -> HashSet<String> {
        let index: HashMap<&str, usize> = tables.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
        let edges: Vec<Vec<usize>> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                t.foreign_keys.iter().filter_map(|f| index.get(f.table.as_str()).copied()).filter(|&j| j != i).collect()
            })
            .collect();
        let mut cyclic = HashSet::new();
        for component in crate::graph::strongly_connected(&edges) {
            if component.len() < 2 {
                continue;
            }
            let first = *component.iter().min().expect("non-empty");
            // The shortest cycle through the first table (document order), found breadth-first.
            let members: HashSet<usize> = component.iter().copied().collect();
            let path = shortest_cycle(&edges, &members, first);
            let mut names: Vec<&str> = path.iter().map(|&i| tables[i].name.as_str()).collect();
            names.push(&tables[first].name);
            let next = path.get(1).map(|&i| tables[i].name.as_str());
            let fk = tables[first].foreign_keys.iter().find(|f| Some(f.table.as_str()) == next);
            let pointer = fk.map_or_else(|| tables[first].pointer.clone(), |f| f.pointer.clone());
            self.report(
                rules::REFERENCE_CYCLE,
                &pointer,
                format!("tables reference each other in a cycle: {}", names.join(" → ")),
                Some(
                    "no table can be created first; drop one x-references of the cycle (keep the id as a plain column)"
                        .into(),
                ),
            );
            cyclic.extend(component.iter().map(|&i| tables[i].name.clone()));
        }
        cyclic
    }

    /// The API version of each table: the lowest version whose operations use its
    /// schema, directly or through other types; at most the version of any table
    /// that references it; tables no operation uses go to the lowest version.
    fn assign_versions(&mut self, tables: &mut [Table]) {
        let used = used_versions(self.api);
        let lowest = self.api.versions().first().copied().unwrap_or(1);
        let ids: HashMap<&str, usize> =
            self.api.types.types.iter().enumerate().map(|(i, t)| (t.pointer.as_str(), i)).collect();
        let mut versions: Vec<u32> = tables
            .iter()
            .map(|t| {
                t.sources
                    .iter()
                    .map(|p| ids.get(p.as_str()).and_then(|i| used.get(&TypeId(*i))).copied().unwrap_or(lowest))
                    .min()
                    .unwrap_or(lowest)
            })
            .collect();
        for _ in 0..=tables.len() {
            let mut changed = false;
            for i in 0..tables.len() {
                for f in &tables[i].foreign_keys {
                    if let Some(j) = tables.iter().position(|t| t.name == f.table) {
                        if versions[i] < versions[j] {
                            versions[j] = versions[i];
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let def_version = |pointer: &String| ids.get(pointer.as_str()).and_then(|i| used.get(&TypeId(*i))).copied().unwrap_or(lowest);
        for (t, v) in tables.iter_mut().zip(versions) {
            t.version = v;
            // Columns of the earliest schema come with the table; a column only later
            // versions' schemas have is added by the migration of the first such version.
            let earliest = t.sources.iter().map(def_version).min().unwrap_or(v);
            for c in &mut t.columns {
                let first = c.sources.iter().map(def_version).min().unwrap_or(earliest);
                c.version = if first <= earliest { v } else { first.max(v) };
            }
        }
    }
}

/// The name of the column `x-tenant-scoped` adds.
pub const TENANT: &str = "tenant_id";

/// Decimal places of a `multipleOf` that is a power of ten (`0.01` → 2).
fn scale_of(multiple: f64) -> Option<u32> {
    if !(multiple > 0.0 && multiple <= 1.0) {
        return None;
    }
    let places = (-multiple.log10()).round();
    (places <= 60.0 && (10f64.powf(-places) - multiple).abs() <= multiple * 1e-9).then_some(places as u32)
}

/// The lowest API version whose operations reach each named type.
fn used_versions(api: &Api) -> HashMap<TypeId, u32> {
    let mut out: HashMap<TypeId, u32> = HashMap::new();
    for op in &api.operations {
        let Some(version) = op.version else { continue };
        let mut stack: Vec<&TypeRef> = Vec::new();
        stack.extend(op.parameters.iter().map(|p| &p.ty));
        stack.extend(op.request_body.iter().flat_map(|b| b.content.iter().map(|m| &m.ty)));
        for r in &op.responses {
            stack.extend(r.content.iter().map(|m| &m.ty));
            stack.extend(r.headers.iter().map(|h| &h.ty));
        }
        let mut seen: HashSet<TypeId> = HashSet::new();
        api.types.walk(stack, |id| {
            if !seen.insert(id) {
                return false;
            }
            let lowest = out.entry(id).or_insert(version);
            *lowest = (*lowest).min(version);
            true
        });
    }
    out
}

/// Tables ordered so each comes after the tables it references (document order
/// among the free ones); tables in a cycle are left out.
fn creation_order(tables: Vec<Table>, cyclic: &HashSet<String>) -> Vec<Table> {
    let mut left: Vec<Table> = tables.into_iter().filter(|t| !cyclic.contains(&t.name)).collect();
    let mut out: Vec<Table> = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let placed: HashSet<&str> = out.iter().map(|t| t.name.as_str()).collect();
        let known: HashSet<&str> = left.iter().map(|t| t.name.as_str()).chain(placed.iter().copied()).collect();
        let ready = left.iter().position(|t| {
            t.foreign_keys
                .iter()
                .all(|f| f.table == t.name || placed.contains(f.table.as_str()) || !known.contains(f.table.as_str()))
        });
        // Without a cycle one is always ready; the fallback keeps a bad model from looping.
        let i = ready.unwrap_or(0);
        out.push(left.remove(i));
    }
    out.sort_by_key(|t| t.version);
    out
}

/// The nodes of a shortest cycle from `first` back to it, inside `members` (`first` leads).
fn shortest_cycle(edges: &[Vec<usize>], members: &HashSet<usize>, first: usize) -> Vec<usize> {
    let mut previous: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([first]);
    while let Some(at) = queue.pop_front() {
        for &next in edges[at].iter().filter(|j| members.contains(j)) {
            if next == first {
                let mut path = vec![at];
                while let Some(&p) = previous.get(path.last().expect("non-empty")) {
                    path.push(p);
                }
                path.reverse();
                return path;
            }
            if next != first && !previous.contains_key(&next) {
                previous.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    vec![first]
}

/// Whether a JSON value holds U+0000 in a string (or an object key), at any depth: no SQL
/// text column stores it, so such a default or enum value cannot become a literal.
fn has_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(members) => members.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

/// The `CHECK (column IN (…))` of an enum column, or of a property with `enum` values of another type.
fn check_in(column: &str, ty: &ColumnType, field: &Field) -> Option<CheckIn> {
    if let ColumnType::Enum { values, .. } = ty {
        return Some(CheckIn { column: column.to_string(), values: values.clone() });
    }
    let values: Vec<Value> = field.constraints.enumeration.iter().filter(|v| !v.is_null()).cloned().collect();
    (!values.is_empty()).then(|| CheckIn { column: column.to_string(), values })
}

/// The default of a column: the property's (not `null`), else the current time for a
/// `created_at` / `updated_at` date-time.
fn column_default(column: &str, ty: &ColumnType, field: &Field) -> Option<Default> {
    match &field.default {
        Some(Value::Null) | None => {
            let timestamp = matches!(column, "created_at" | "updated_at") && *ty == ColumnType::DateTime;
            timestamp.then_some(Default::Now)
        }
        Some(value) => Some(Default::Value(value.clone())),
    }
}

/// Gives every referencing column the type (and written types) of the key it references,
/// through chains of keys: repeated until nothing changes, at most once a table.
fn key_types_to_references(tables: &mut [(Table, Vec<PendingRef>)]) {
    for _ in 0..=tables.len() {
        let mut changed = false;
        for referencing in 0..tables.len() {
            for nth in 0..tables[referencing].0.foreign_keys.len() {
                let foreign_key = tables[referencing].0.foreign_keys[nth].clone();
                let Some(target) = tables.iter().map(|(t, _)| t).find(|t| t.name == foreign_key.table) else { continue };
                let key = target.primary_key[0].clone();
                let Some(key_column) = target.column(&key) else { continue };
                let (ty, overrides) = (key_column.ty.clone(), key_column.overrides.clone());
                let table = &mut tables[referencing].0;
                table.foreign_keys[nth].references = key;
                let column =
                    table.columns.iter_mut().find(|c| c.name == foreign_key.column).expect("foreign key column exists");
                if column.ty != ty || (column.overrides.is_empty() && !overrides.is_empty()) {
                    column.ty = ty;
                    if column.overrides.is_empty() {
                        column.overrides = overrides;
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Marks the columns in a key, and the identity column: a single integer primary key
/// without a written type or default that references no other table.
fn mark_keys(table: &mut Table) {
    let keys: BTreeSet<String> =
        table.columns.iter().filter(|c| table.is_key_column(&c.name)).map(|c| c.name.clone()).collect();
    let single_int_key =
        table.primary_key.len() == 1 && !table.foreign_keys.iter().any(|f| f.column == table.primary_key[0]);
    for column in &mut table.columns {
        column.key = keys.contains(&column.name);
        column.identity = single_int_key
            && table.primary_key[0] == column.name
            && column.overrides.is_empty()
            && matches!(column.ty, ColumnType::Int32 | ColumnType::Int64)
            && column.default.is_none();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::with_schemas as api;

    #[test]
    fn columns_follow_the_annotations() {
        let schema = build(&api(
            "    Account:\n      type: object\n      x-table: accounts\n      x-primary-key: number\n      x-tenant-scoped: true\n      required: [number, note, plan]\n      properties:\n        number: {type: integer}\n        note: {type: string, nullable: true}\n        plan: {type: string, enum: [free, paid], default: free}\n        secret: {type: string, x-db: false}\n        label: {type: string, x-column: {name: display_label, type: {mysql: 'VARCHAR(80)'}}}\n    Login:\n      type: object\n      x-table: logins\n      x-indexes: [[account]]\n      properties:\n        id: {type: string, format: uuid}\n        account: {type: string, x-references: accounts}\n        created_at: {type: string, format: date-time}\n",
        ));
        assert_eq!(schema.problems, []);
        let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["accounts", "logins"]);
        let accounts = &schema.tables[0];
        let cols: Vec<&str> = accounts.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            cols,
            ["number", "tenant_id", "note", "plan", "display_label"],
            "x-db: false is left out; tenant_id follows the key"
        );
        assert_eq!(accounts.primary_key, ["number"]);
        let number = accounts.column("number").unwrap();
        assert!(number.identity && number.not_null, "an integer key is numbered by the database");
        assert!(!accounts.column("note").unwrap().not_null, "a nullable required property stays nullable");
        assert!(accounts.column("plan").unwrap().not_null);
        assert_eq!(accounts.column("plan").unwrap().default, Some(Default::Value(Value::String("free".into()))));
        assert_eq!(accounts.checks[0].column, "plan");
        assert_eq!(
            accounts.indexes,
            [vec![TENANT.to_string()]],
            "a tenant-scoped table without indexes gets one on tenant_id"
        );
        assert_eq!(dialect::column_type(accounts.column("display_label").unwrap(), Dialect::Mysql), "VARCHAR(80)");
        assert_eq!(dialect::column_type(accounts.column("display_label").unwrap(), Dialect::Postgres), "text");
        let logins = &schema.tables[1];
        let account = logins.column("account").unwrap();
        assert_eq!(account.ty, ColumnType::Int64, "a foreign key takes the referenced key's type");
        assert!(!account.identity);
        assert_eq!(logins.foreign_keys[0].references, "number");
        assert_eq!(logins.column("created_at").unwrap().default, Some(Default::Now));
    }

    #[test]
    fn a_nul_character_never_reaches_a_literal() {
        for (property, at) in [
            ("{type: string, default: \"a\\0b\"}", "default"),
            ("{type: string, enum: [ok, \"x\\0\"]}", "enum"),
            ("{type: object, default: {\"k\\0\": 1}}", "default"),
        ] {
            let schema = build(&api(&format!(
                "    Note:\n      type: object\n      x-table: notes\n      properties:\n        id: {{type: string, format: uuid}}\n        body: {property}\n"
            )));
            let problem = schema.problems.iter().find(|p| p.rule == rules::ANNOTATIONS).expect("a finding");
            assert_eq!(problem.pointer, format!("/components/schemas/Note/properties/body/{at}"));
            assert!(problem.message.contains("NUL"), "{}", problem.message);
            assert!(schema.tables[0].column("body").is_none(), "the value never reaches SQL");
        }
    }

    #[test]
    fn mysql_keys_stay_within_innodb_limits() {
        let table = |length: u32| {
            format!("    Hook:\n      type: object\n      x-table: hooks\n      x-unique: [[url]]\n      properties:\n        id: {{type: string, format: uuid}}\n        url: {{type: string, maxLength: {length}}}\n")
        };
        let long = build(&api(&table(2000)));
        let found = dialect_problems(&long, Dialect::Mysql);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pointer, "/components/schemas/Hook/properties/url");
        assert!(found[0].message.contains("8000 bytes"), "{}", found[0].message);
        assert!(dialect_problems(&long, Dialect::Postgres).is_empty());
        assert!(dialect_problems(&build(&api(&table(768))), Dialect::Mysql).is_empty());
    }

    #[test]
    fn long_constraint_names_are_cut_with_a_hash() {
        let long = "a".repeat(40);
        let name = constraint_name(&[&long, &long], "idx");
        assert_eq!(name.chars().count(), MAX_IDENT);
        assert!(name.ends_with("_idx"));
        assert_ne!(name, constraint_name(&[&long, &format!("{long}b")], "idx"));
        assert_eq!(constraint_name(&["orders", "status"], "check"), "orders_status_check");
    }

    #[test]
    fn scales_come_from_powers_of_ten() {
        assert_eq!(scale_of(0.01), Some(2));
        assert_eq!(scale_of(1.0), Some(0));
        assert_eq!(scale_of(0.001), Some(3));
        assert_eq!(scale_of(0.05), None);
        assert_eq!(scale_of(5.0), None);
    }

    #[test]
    fn cycles_are_walked_along_references() {
        // 0 → 1 → 2 → 1, 1 → 0: the cycle through 0 is 0 → 1 → 0, never 0 → 1 → 2 → 0.
        let edges = vec![vec![1], vec![2, 0], vec![1]];
        let members: HashSet<usize> = [0, 1, 2].into_iter().collect();
        assert_eq!(shortest_cycle(&edges, &members, 0), vec![0, 1]);
        let ring = vec![vec![1], vec![2], vec![0]];
        assert_eq!(shortest_cycle(&ring, &members, 0), vec![0, 1, 2]);
    }

    #[test]
    fn components_are_found() {
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![]];
        let mut found: Vec<Vec<usize>> = crate::graph::strongly_connected(&edges)
            .into_iter()
            .map(|mut c| {
                c.sort();
                c
            })
            .collect();
        found.sort();
        assert_eq!(found, vec![vec![0, 1, 2], vec![3], vec![4]]);
    }
}
