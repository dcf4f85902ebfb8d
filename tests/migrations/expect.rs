//! What a spec's `x-table` schemas ask for, read straight from the document
//! tree (not from apigen's table model), and how each dialect's catalog
//! spells it. The migrations under test must match this.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// A dialect, as the tests name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sql {
    Postgres,
    Sqlite,
    Mysql,
}

/// A column's kind, from its property schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text(Option<u64>),
    Uuid,
    DateTime,
    Date,
    Bool,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal,
    Enum {
        values: Vec<Value>,
        integer: bool,
    },
    Json,
    Binary,
    /// `x-column: {type: …}`.
    Written(String),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    pub nullable: bool,
    pub has_default: bool,
    /// Enum values the column is checked against (empty: none).
    pub values: Vec<Value>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub pk: Vec<String>,
    /// (column, table, referenced column)
    pub fks: Vec<(String, String, String)>,
    pub uniques: Vec<Vec<String>>,
    pub indexes: Vec<Vec<String>>,
}

impl Table {
    pub fn column(&self, name: &str) -> &Column {
        self.columns.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{} has no column {name}", self.name))
    }

    fn is_key(&self, column: &str) -> bool {
        self.pk.iter().any(|c| c == column)
            || self.fks.iter().any(|(c, _, _)| c == column)
            || self.uniques.iter().chain(&self.indexes).any(|cols| cols.iter().any(|c| c == column))
    }
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..16 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => node = root.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("unresolved {r}")),
            None => return node,
        }
    }
    node
}

fn kind_of(schema: &Value) -> Kind {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values: Vec<Value> = values.iter().filter(|v| !v.is_null()).cloned().collect();
        return Kind::Enum { integer: schema.get("type").and_then(Value::as_str) == Some("integer"), values };
    }
    let format = schema.get("format").and_then(Value::as_str);
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => match format {
            Some("uuid") => Kind::Uuid,
            Some("date-time") => Kind::DateTime,
            Some("date") => Kind::Date,
            Some("decimal") => Kind::Decimal,
            Some("binary" | "byte") => Kind::Binary,
            _ => Kind::Text(schema.get("maxLength").and_then(Value::as_u64)),
        },
        Some("integer") => {
            if format == Some("int32") {
                Kind::Int32
            } else {
                Kind::Int64
            }
        }
        Some("number") => match format {
            Some("float") => Kind::Float32,
            Some("decimal") => Kind::Decimal,
            _ => Kind::Float64,
        },
        Some("boolean") => Kind::Bool,
        _ => Kind::Json,
    }
}

fn names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().map(|v| v.as_str().expect("column name").to_string()).collect(),
        other => panic!("not a column list: {other}"),
    }
}

/// The tables of a document, in document order.
pub fn tables(root: &Value) -> Vec<Table> {
    let id_format = root.pointer("/x-apigen/id-format").and_then(Value::as_str).unwrap_or("uuid");
    let mut out = Vec::new();
    let Some(schemas) = root.pointer("/components/schemas").and_then(Value::as_object) else { return out };
    for schema in schemas.values() {
        let Some(name) = schema.get("x-table").and_then(Value::as_str) else { continue };
        assert!(schema.get("allOf").is_none(), "the expectations do not merge allOf ({name})");
        let required: BTreeSet<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let mut column_of: BTreeMap<String, String> = BTreeMap::new();
        let mut columns = Vec::new();
        let mut fks = Vec::new();
        for (prop, node) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            if node.get("x-db") == Some(&Value::Bool(false)) {
                continue;
            }
            let resolved = resolve(root, node);
            let column = node.pointer("/x-column/name").and_then(Value::as_str).unwrap_or(prop).to_string();
            let nullable_flag = |n: &Value| n.get("nullable") == Some(&Value::Bool(true));
            let mut kind = kind_of(resolved);
            let values = match &kind {
                Kind::Enum { values, .. } => values.clone(),
                _ => Vec::new(),
            };
            if let Some(t) = node.pointer("/x-column/type") {
                kind = Kind::Written(
                    t.as_str().expect("the expectations take one x-column type for all dialects").to_string(),
                );
            }
            let has_default = node.get("default").or(resolved.get("default")).is_some_and(|d| !d.is_null())
                || (matches!(column.as_str(), "created_at" | "updated_at") && kind == Kind::DateTime);
            if let Some(target) = node.get("x-references").and_then(Value::as_str) {
                fks.push((column.clone(), target.to_string(), "id".to_string()));
            }
            column_of.insert(prop.clone(), column.clone());
            columns.push(Column {
                nullable: !(required.contains(prop.as_str()) && !nullable_flag(node) && !nullable_flag(resolved))
                    && column != "id",
                name: column,
                kind,
                has_default,
                values,
            });
        }
        let tenant = schema.get("x-tenant-scoped") == Some(&Value::Bool(true));
        if tenant {
            let kind = match id_format {
                "integer" => Kind::Int64,
                "any" => Kind::Text(None),
                _ => Kind::Uuid,
            };
            let at = columns.iter().position(|c| c.name == "id").map_or(0, |i| i + 1);
            columns.insert(
                at,
                Column { name: "tenant_id".into(), kind, nullable: false, has_default: false, values: Vec::new() },
            );
        }
        let lists = |key: &str| -> Vec<Vec<String>> {
            schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|entry| {
                    let mut cols: Vec<String> =
                        names(entry).iter().map(|n| column_of.get(n).cloned().unwrap_or_else(|| n.clone())).collect();
                    if tenant {
                        cols.retain(|c| c != "tenant_id");
                        cols.insert(0, "tenant_id".into());
                    }
                    cols
                })
                .collect()
        };
        let uniques = lists("x-unique");
        let mut indexes = lists("x-indexes");
        if tenant && indexes.is_empty() && uniques.is_empty() {
            indexes.push(vec!["tenant_id".into()]);
        }
        out.push(Table { name: name.to_string(), columns, pk: vec!["id".into()], fks, uniques, indexes });
    }
    // A foreign key column has the referenced key's type.
    let keys: BTreeMap<String, Kind> = out
        .iter()
        .map(|t| {
            (t.name.clone(), t.columns.iter().find(|c| c.name == "id").map(|c| c.kind.clone()).unwrap_or(Kind::Json))
        })
        .collect();
    for t in &mut out {
        for (column, target, _) in t.fks.clone() {
            let kind = keys
                .get(&target)
                .unwrap_or_else(|| panic!("{}.{column} references unknown table {target}", t.name))
                .clone();
            let c = t.columns.iter_mut().find(|c| c.name == column).expect("fk column");
            if !matches!(c.kind, Kind::Written(_)) {
                c.kind = kind;
            }
        }
    }
    out
}

/// Tables ordered so referenced tables come first.
pub fn insertion_order(tables: &[Table]) -> Vec<&Table> {
    let mut out: Vec<&Table> = Vec::new();
    while out.len() < tables.len() {
        let next = tables
            .iter()
            .find(|t| {
                !out.iter().any(|o| o.name == t.name)
                    && t.fks.iter().all(|(_, target, _)| target == &t.name || out.iter().any(|o| &o.name == target))
            })
            .expect("no reference cycles in the example specs");
        out.push(next);
    }
    out
}

/// The column type as the dialect's catalog reports it: PostgreSQL's
/// `format_type`, SQLite's declared type, MariaDB's `COLUMN_TYPE` (integer display widths dropped).
pub fn catalog_type(table: &Table, column: &Column, dialect: Sql) -> Vec<String> {
    let key = table.is_key(&column.name);
    let one = |s: &str| vec![s.to_string()];
    match dialect {
        Sql::Postgres => match &column.kind {
            Kind::Text(Some(n)) => vec![format!("character varying({n})")],
            Kind::Text(None) => one("text"),
            Kind::Uuid => one("uuid"),
            Kind::DateTime => one("timestamp with time zone"),
            Kind::Date => one("date"),
            Kind::Bool => one("boolean"),
            Kind::Int32 => one("integer"),
            Kind::Int64 | Kind::Enum { integer: true, .. } => one("bigint"),
            Kind::Float32 => one("real"),
            Kind::Float64 => one("double precision"),
            Kind::Decimal => one("numeric"),
            Kind::Enum { .. } => one("text"),
            Kind::Json => one("jsonb"),
            Kind::Binary => one("bytea"),
            Kind::Written(t) => vec![t.to_lowercase()],
        },
        Sql::Sqlite => match &column.kind {
            Kind::Bool | Kind::Int32 | Kind::Int64 | Kind::Enum { integer: true, .. } => one("INTEGER"),
            Kind::Float32 | Kind::Float64 => one("REAL"),
            Kind::Binary => one("BLOB"),
            Kind::Written(t) => vec![t.clone()],
            _ => one("TEXT"),
        },
        Sql::Mysql => match &column.kind {
            Kind::Text(Some(n)) if *n <= 16_383 => vec![format!("varchar({n})")],
            Kind::Text(Some(_)) => vec!["text".into(), "mediumtext".into(), "longtext".into()],
            Kind::Text(None) if key => one("varchar(255)"),
            Kind::Text(None) => one("text"),
            Kind::Uuid => one("char(36)"),
            Kind::DateTime => one("datetime(6)"),
            Kind::Date => one("date"),
            Kind::Bool => one("tinyint(1)"),
            Kind::Int32 => one("int"),
            Kind::Int64 | Kind::Enum { integer: true, .. } => one("bigint"),
            Kind::Float32 => one("float"),
            Kind::Float64 => one("double"),
            Kind::Decimal => one("decimal(38,10)"),
            Kind::Enum { values, .. } => {
                let longest = values.iter().filter_map(Value::as_str).map(|s| s.chars().count()).max().unwrap_or(1);
                vec![format!("varchar({longest})")]
            }
            // MariaDB stores JSON as LONGTEXT with a json_valid check; MySQL has a JSON type.
            Kind::Json => vec!["longtext".into(), "json".into()],
            Kind::Binary => one("longblob"),
            Kind::Written(t) => vec![t.to_lowercase()],
        },
    }
}

/// A literal of a column's kind: distinct for distinct `seq` where the kind allows.
pub fn literal(kind: &Kind, seq: u64, dialect: Sql) -> String {
    match kind {
        Kind::Uuid => format!("'00000000-0000-4000-8000-{seq:012x}'"),
        Kind::Text(max) => {
            let mut s = format!("v{seq}");
            if let Some(n) = max {
                s.truncate(*n as usize);
            }
            format!("'{s}'")
        }
        Kind::Written(_) => format!("'w{seq}'"),
        Kind::Enum { values, .. } => match &values[0] {
            Value::String(s) => format!("'{}'", s.replace('\'', "''")),
            other => other.to_string(),
        },
        Kind::DateTime => "'2026-01-15 10:30:00'".into(),
        Kind::Date => "'2026-01-15'".into(),
        Kind::Bool => {
            if dialect == Sql::Sqlite {
                "1".into()
            } else {
                "TRUE".into()
            }
        }
        Kind::Int32 | Kind::Int64 => seq.to_string(),
        Kind::Float32 | Kind::Float64 => "1.5".into(),
        Kind::Decimal => "'12.50'".into(),
        Kind::Json => "'{\"k\": 1}'".into(),
        Kind::Binary => {
            if dialect == Sql::Postgres {
                "decode('00ff', 'hex')".into()
            } else {
                "X'00FF'".into()
            }
        }
    }
}

/// A value outside an enum column's values (short enough for MySQL's `VARCHAR(longest)`).
pub fn bad_enum_literal(kind: &Kind) -> String {
    match kind {
        Kind::Enum { integer: true, .. } => "987654".into(),
        _ => "'~'".into(),
    }
}

/// An identifier, always quoted (the test does not rely on apigen's quoting rules).
pub fn quote(name: &str, dialect: Sql) -> String {
    match dialect {
        Sql::Mysql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}
