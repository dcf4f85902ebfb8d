//! The three SQL dialects: identifier quoting, literals, column types (the
//! mapping table of the [migrations target](crate::generate::targets::migrations)) and what each dialect cannot hold.

use serde_json::Value;

use super::schema::{Column, ColumnType, Default, Table};

pub use crate::model::Dialect;

impl Dialect {
    fn reserved(self) -> &'static [&'static str] {
        match self {
            Dialect::Postgres => POSTGRES_RESERVED,
            Dialect::Sqlite => SQLITE_KEYWORDS,
            Dialect::Mysql => MYSQL_RESERVED,
        }
    }
}

/// Longest identifier every dialect keeps intact (PostgreSQL truncates at 63 bytes, MySQL stops at 64).
pub const MAX_IDENT: usize = 63;

/// Why a name from the spec cannot be a table, column or key name, if it cannot:
/// names are `[A-Za-z_][A-Za-z0-9_]*` of at most [`MAX_IDENT`] characters, the
/// portable subset of the three dialects, so spec text never needs quoting tricks
/// and a hostile name is refused rather than guessed at (docs/security.md).
pub fn ident_problem(name: &str) -> Option<String> {
    let shown = crate::text::one_line(name);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Some(format!("'{shown}' is not an SQL identifier (letters, digits and `_`, not starting with a digit)"));
    }
    if name.chars().count() > MAX_IDENT {
        return Some(format!("'{shown}' is longer than {MAX_IDENT} characters"));
    }
    None
}

/// An identifier as the dialect needs it written: bare when it is lowercase
/// `[a-z_][a-z0-9_]*` and not a reserved word, else quoted (`"…"` for
/// PostgreSQL and SQLite, `` `…` `` for MySQL; the quote character doubled inside).
pub fn ident(name: &str, dialect: Dialect) -> String {
    let bare = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !dialect.reserved().iter().any(|w| w.eq_ignore_ascii_case(name));
    if bare {
        return name.to_string();
    }
    let q = if dialect == Dialect::Mysql { '`' } else { '"' };
    let mut out = String::with_capacity(name.len() + 2);
    out.push(q);
    for c in name.chars() {
        if c == q {
            out.push(q);
        }
        out.push(c);
    }
    out.push(q);
    out
}

/// A string literal: `'…'` with `'` doubled; MySQL also doubles backslashes (it
/// reads `\` as an escape unless `NO_BACKSLASH_ESCAPES` is set).
pub fn string_literal(text: &str, dialect: Dialect) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' if dialect == Dialect::Mysql => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A literal for any JSON value: strings quoted, numbers as written, booleans
/// `TRUE`/`FALSE` (`1`/`0` in SQLite), `NULL`, objects and arrays as quoted JSON text.
pub fn literal(value: &Value, dialect: Dialect) -> String {
    match value {
        Value::Null => "NULL".into(),
        Value::Bool(b) => match (dialect, b) {
            (Dialect::Sqlite, true) => "1".into(),
            (Dialect::Sqlite, false) => "0".into(),
            (_, true) => "TRUE".into(),
            (_, false) => "FALSE".into(),
        },
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_literal(s, dialect),
        other => string_literal(&other.to_string(), dialect),
    }
}

/// Longest `VARCHAR(n)` PostgreSQL allows.
const POSTGRES_MAX_VARCHAR: u64 = 10_485_760;
/// Longest `VARCHAR(n)` in MySQL with utf8mb4 (65,535 bytes / 4).
const MYSQL_MAX_VARCHAR: u64 = 16_383;
/// Most decimal places MySQL's `DECIMAL` holds.
const MYSQL_MAX_SCALE: u32 = 30;

/// InnoDB's largest index key, in bytes (MySQL 8, `DYNAMIC` row format).
pub const MYSQL_MAX_KEY_BYTES: usize = 3072;

/// The bytes a MySQL column takes in an index key: 4 a character for `CHAR`/`VARCHAR`
/// (utf8mb4), the length for `BINARY`/`VARBINARY`, 8 for the fixed-size types.
pub fn mysql_key_bytes(sql_type: &str) -> usize {
    let lower = sql_type.to_ascii_lowercase();
    let length = || lower.split_once('(').and_then(|(_, rest)| rest.trim_end_matches(')').trim().parse::<usize>().ok());
    match lower.split('(').next().unwrap_or("").trim() {
        "char" | "varchar" | "character varying" => length().unwrap_or(1) * 4,
        "binary" | "varbinary" => length().unwrap_or(1),
        "decimal" | "numeric" => 17,
        _ => 8,
    }
}
/// `DECIMAL(p, s)` precision of decimals in MySQL (it has no unbounded decimal).
const MYSQL_DECIMAL_PRECISION: u32 = 38;
/// Scale of decimals in MySQL when `multipleOf` does not give one.
const MYSQL_DEFAULT_SCALE: u32 = 10;

/// The column's SQL type in a dialect: the `x-column` type for the dialect when
/// one is written, else the mapping of the module docs.
pub fn column_type(column: &Column, dialect: Dialect) -> String {
    if let Some(t) = column.override_for(dialect) {
        return t.to_string();
    }
    mapped_type(&column.ty, column.key, dialect)
}

/// The mapped type of a column type; `key`: the column is in a primary key,
/// foreign key, unique constraint or index (MySQL cannot index `TEXT`).
pub fn mapped_type(ty: &ColumnType, key: bool, dialect: Dialect) -> String {
    use ColumnType as T;
    match dialect {
        Dialect::Postgres => match ty {
            T::Text { max_length: Some(n) } if *n <= POSTGRES_MAX_VARCHAR => format!("varchar({n})"),
            T::Text { .. } => "text".into(),
            T::Uuid => "uuid".into(),
            T::DateTime => "timestamptz".into(),
            T::Date => "date".into(),
            T::Bool => "boolean".into(),
            T::Int32 => "integer".into(),
            T::Int64 => "bigint".into(),
            T::Float32 => "real".into(),
            T::Float64 => "double precision".into(),
            T::Decimal { .. } => "numeric".into(),
            T::Enum { integer: true, .. } => "bigint".into(),
            T::Enum { .. } => "text".into(),
            T::Json => "jsonb".into(),
            T::Binary => "bytea".into(),
        },
        Dialect::Sqlite => match ty {
            T::Int32 | T::Int64 | T::Bool | T::Enum { integer: true, .. } => "INTEGER".into(),
            T::Float32 | T::Float64 => "REAL".into(),
            T::Binary => "BLOB".into(),
            _ => "TEXT".into(),
        },
        Dialect::Mysql => match ty {
            T::Text { max_length: Some(n) } if *n <= MYSQL_MAX_VARCHAR => format!("VARCHAR({n})"),
            T::Text { max_length: Some(n) } if *n <= 65_535 => "TEXT".into(),
            T::Text { max_length: Some(n) } if *n <= 16_777_215 => "MEDIUMTEXT".into(),
            T::Text { max_length: Some(_) } => "LONGTEXT".into(),
            T::Text { max_length: None } if key => "VARCHAR(255)".into(),
            T::Text { max_length: None } => "TEXT".into(),
            T::Uuid => "CHAR(36)".into(),
            T::DateTime => "DATETIME(6)".into(),
            T::Date => "DATE".into(),
            T::Bool => "BOOLEAN".into(),
            T::Int32 => "INT".into(),
            T::Int64 => "BIGINT".into(),
            T::Float32 => "FLOAT".into(),
            T::Float64 => "DOUBLE".into(),
            T::Decimal { scale } => {
                let s = scale.unwrap_or(MYSQL_DEFAULT_SCALE).min(MYSQL_MAX_SCALE);
                format!("DECIMAL({MYSQL_DECIMAL_PRECISION}, {s})")
            }
            T::Enum { integer: true, .. } => "BIGINT".into(),
            T::Enum { values, .. } => {
                let longest =
                    values.iter().filter_map(Value::as_str).map(|s| s.chars().count()).max().unwrap_or(1).max(1);
                format!("VARCHAR({longest})")
            }
            T::Json => "JSON".into(),
            T::Binary => "LONGBLOB".into(),
        },
    }
}

/// Whether a column is an integer primary key the database numbers itself.
pub fn identity_clause(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => " GENERATED BY DEFAULT AS IDENTITY",
        // `INTEGER PRIMARY KEY` is SQLite's rowid alias: numbered without a keyword.
        Dialect::Sqlite => "",
        Dialect::Mysql => " AUTO_INCREMENT",
    }
}

/// The table options written after `CREATE TABLE (…)`: MySQL's engine and character set, else none.
pub fn table_options(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Mysql => " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        Dialect::Postgres | Dialect::Sqlite => "",
    }
}

/// The default of a current-time column (`created_at`, `updated_at`).
pub fn now_default(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "CURRENT_TIMESTAMP",
        // RFC 3339 text, as the API writes timestamps.
        Dialect::Sqlite => "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        Dialect::Mysql => "CURRENT_TIMESTAMP(6)",
    }
}

/// Checks a `DEFAULT` expression read back from a file (the migration state) against the
/// kinds [`default_expr`] writes: a number, `NULL`, `TRUE`/`FALSE` (not SQLite), a string
/// literal exactly as [`string_literal`] escapes it (PostgreSQL: optionally `::jsonb`;
/// MySQL: optionally in parentheses), or the dialect's current time ([`now_default`]).
///
/// Errors: a sentence naming the expression and what a default may be.
pub fn known_default(text: &str, dialect: Dialect) -> Result<(), String> {
    if text == now_default(dialect) {
        return Ok(());
    }
    let mut inner = text;
    if dialect == Dialect::Mysql {
        inner = inner.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(inner);
    }
    if dialect == Dialect::Postgres {
        inner = inner.strip_suffix("::jsonb").filter(|t| t.starts_with('\'')).unwrap_or(inner);
    }
    let known = match inner {
        "NULL" => true,
        "TRUE" | "FALSE" => dialect != Dialect::Sqlite,
        _ if inner.starts_with('\'') => {
            unquote(inner, dialect).is_some_and(|value| string_literal(&value, dialect) == inner)
        }
        _ => is_number(inner),
    };
    if known {
        return Ok(());
    }
    Err(format!(
        "`{}` is not a {} default apigen writes (a number, a quoted string, TRUE, FALSE, NULL or `{}`)",
        crate::text::one_line(text),
        dialect.label(),
        now_default(dialect)
    ))
}

/// The text of a string literal as [`string_literal`] writes it, or `None` when `quoted`
/// is not one quoted string (a lone quote inside, a lone MySQL backslash).
fn unquote(quoted: &str, dialect: Dialect) -> Option<String> {
    let body = quoted.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        // A quote (and in MySQL a backslash) is written doubled.
        let doubled = c == '\'' || (c == '\\' && dialect == Dialect::Mysql);
        if doubled && chars.next() != Some(c) {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// Whether a text is a JSON number as `serde_json` prints one: `-?digits(.digits)?(e[+-]?digits)?`.
fn is_number(text: &str) -> bool {
    fn digits(s: &str) -> (&str, bool) {
        let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
        (rest, rest.len() < s.len())
    }
    let (rest, whole) = digits(text.strip_prefix('-').unwrap_or(text));
    if !whole {
        return false;
    }
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => match digits(fraction) {
            (rest, true) => rest,
            _ => return false,
        },
        None => rest,
    };
    match rest.strip_prefix(['e', 'E']) {
        Some(exponent) => matches!(digits(exponent.strip_prefix(['+', '-']).unwrap_or(exponent)), ("", true)),
        None => rest.is_empty(),
    }
}

/// The `DEFAULT` expression of a column, without the keyword.
pub fn default_expr(column: &Column, dialect: Dialect) -> Option<String> {
    let default = column.default.as_ref()?;
    Some(match default {
        Default::Now => now_default(dialect).into(),
        Default::Value(value) => {
            let text = literal(value, dialect);
            let ty = column_type(column, dialect).to_ascii_lowercase();
            match dialect {
                Dialect::Postgres
                    if matches!(column.ty, ColumnType::Json) && column.override_for(dialect).is_none() =>
                {
                    format!("{}::jsonb", literal(&Value::String(value.to_string()), dialect))
                }
                // MySQL takes literal defaults for TEXT, BLOB and JSON columns only as expressions.
                Dialect::Mysql if ["text", "blob", "json"].iter().any(|t| ty.contains(t)) => {
                    let text = if matches!(column.ty, ColumnType::Json) {
                        literal(&Value::String(value.to_string()), dialect)
                    } else {
                        text
                    };
                    format!("({text})")
                }
                _ if matches!(column.ty, ColumnType::Json) => literal(&Value::String(value.to_string()), dialect),
                _ => text,
            }
        }
    })
}

/// Why a column cannot be held by a dialect, if it cannot: an `x-column` type
/// the dialect does not know, a MySQL key column of a type MySQL cannot index,
/// or a decimal scale beyond MySQL's.
pub fn column_problem(table: &Table, column: &Column, dialect: Dialect) -> Option<String> {
    if let Some(t) = column.override_for(dialect) {
        return known_type(t, dialect).err();
    }
    match (&column.ty, dialect) {
        (ColumnType::Decimal { scale: Some(s) }, Dialect::Mysql) if *s > MYSQL_MAX_SCALE => {
            return Some(format!(
                "MySQL's DECIMAL holds at most {MYSQL_MAX_SCALE} decimal places, `multipleOf` asks for {s}"
            ));
        }
        _ => {}
    }
    if dialect == Dialect::Mysql && table.is_key_column(&column.name) {
        let ty = column_type(column, dialect).to_ascii_lowercase();
        if ty.contains("text") || ty.contains("blob") || ty == "json" {
            return Some(format!(
                "MySQL cannot index a {} column, and `{}` is in a key or index",
                ty.to_uppercase(),
                column.name
            ));
        }
    }
    None
}

/// Reads the arguments of a type after its `(`: unsigned integers, or (MySQL's
/// `ENUM`/`SET`) whole string literals `'…'` with `''` for a quote and no
/// backslash or control character, separated by commas, then `)`. Returns the
/// text after the `)`, trimmed, or `None` when the arguments are not of that shape.
fn type_arguments(args: &str, dialect: Dialect) -> Option<&str> {
    let mut rest = args.trim_start();
    loop {
        if let Some(quoted) = rest.strip_prefix('\'').filter(|_| dialect == Dialect::Mysql) {
            let mut end = None;
            let mut chars = quoted.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\'' if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                        chars.next();
                    }
                    '\'' => {
                        end = Some(i);
                        break;
                    }
                    '\\' => return None,
                    c if c.is_control() || crate::text::is_dropped(c) || crate::text::is_line_break(c) => return None,
                    _ => {}
                }
            }
            rest = quoted[end? + 1..].trim_start();
        } else {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                return None;
            }
            rest = rest[digits..].trim_start();
        }
        match rest.chars().next()? {
            ',' => rest = rest[1..].trim_start(),
            ')' => return Some(rest[1..].trim()),
            _ => return None,
        }
    }
}

/// Checks a written type name against the types a dialect knows.
///
/// Errors: a sentence saying why the dialect cannot hold it.
pub fn known_type(written: &str, dialect: Dialect) -> Result<(), String> {
    if !written.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        return Err(format!("`{}` is not a {} type (only printable ASCII and spaces)", crate::text::one_line(written), dialect.label()));
    }
    let lower = written.trim().to_ascii_lowercase();
    let (mut base, args) = match lower.split_once('(') {
        Some((b, rest)) => (b.trim().to_string(), Some(rest.to_string())),
        None => (lower.clone(), None),
    };
    if dialect == Dialect::Postgres {
        while let Some(b) = base.strip_suffix("[]") {
            base = b.trim().to_string();
        }
    }
    if let Some(args) = &args {
        let after = type_arguments(args, dialect);
        let good_after = match after {
            None => false,
            Some(after) => match dialect {
                Dialect::Postgres => {
                    after.chars().all(|c| c == '[' || c == ']' || c.is_whitespace())
                        || ["with time zone", "without time zone"].contains(&after)
                }
                Dialect::Mysql => after.split_whitespace().all(|w| ["unsigned", "signed", "zerofill"].contains(&w)),
                Dialect::Sqlite => after.is_empty(),
            },
        };
        if !good_after {
            return Err(format!("`{}` is not a {} type (bad arguments in parentheses)", crate::text::one_line(written), dialect.label()));
        }
    }
    let base = if dialect == Dialect::Mysql {
        base.split_whitespace()
            .filter(|w| !["unsigned", "signed", "zerofill"].contains(w))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        base.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let known: &[&str] = match dialect {
        Dialect::Postgres => POSTGRES_TYPES,
        Dialect::Sqlite => SQLITE_TYPES,
        Dialect::Mysql => MYSQL_TYPES,
    };
    if !known.contains(&base.as_str()) {
        let hint = match (dialect, base.as_str()) {
            (Dialect::Mysql, "uuid") => " (use CHAR(36))",
            (Dialect::Mysql, "jsonb") | (Dialect::Sqlite, "jsonb") => " (JSON text: `json` in MySQL, `TEXT` in SQLite)",
            (Dialect::Mysql, "bytea") => " (use LONGBLOB)",
            (Dialect::Mysql, "timestamptz") => " (use DATETIME(6), in UTC)",
            _ => "",
        };
        return Err(format!("{} has no type `{written}`{hint}", dialect.label()));
    }
    if dialect == Dialect::Mysql
        && ["varchar", "varbinary", "char varying", "character varying"].contains(&base.as_str())
        && args.is_none()
    {
        return Err(format!("MySQL needs a length for `{written}`, e.g. `{written}(255)`"));
    }
    Ok(())
}

/// PostgreSQL type names (without arguments; `[]` arrays allowed).
const POSTGRES_TYPES: &[&str] = &[
    "bigint",
    "int8",
    "bigserial",
    "serial8",
    "bit",
    "bit varying",
    "varbit",
    "boolean",
    "bool",
    "box",
    "bytea",
    "char",
    "character",
    "character varying",
    "varchar",
    "cidr",
    "circle",
    "date",
    "double precision",
    "float",
    "float4",
    "float8",
    "inet",
    "integer",
    "int",
    "int4",
    "interval",
    "json",
    "jsonb",
    "line",
    "lseg",
    "macaddr",
    "macaddr8",
    "money",
    "numeric",
    "decimal",
    "path",
    "point",
    "polygon",
    "real",
    "smallint",
    "int2",
    "smallserial",
    "serial2",
    "serial",
    "serial4",
    "text",
    "time",
    "timetz",
    "time with time zone",
    "time without time zone",
    "timestamp",
    "timestamptz",
    "timestamp with time zone",
    "timestamp without time zone",
    "tsquery",
    "tsvector",
    "uuid",
    "xml",
];

/// SQLite type names whose affinity is documented (SQLite 3 "Datatypes" §3.1.1).
const SQLITE_TYPES: &[&str] = &[
    "int",
    "integer",
    "tinyint",
    "smallint",
    "mediumint",
    "bigint",
    "unsigned big int",
    "int2",
    "int8",
    "character",
    "varchar",
    "varying character",
    "nchar",
    "native character",
    "nvarchar",
    "text",
    "clob",
    "blob",
    "real",
    "double",
    "double precision",
    "float",
    "numeric",
    "decimal",
    "boolean",
    "date",
    "datetime",
    "timestamp",
    "any",
];

/// MySQL (and MariaDB) type names.
const MYSQL_TYPES: &[&str] = &[
    "tinyint",
    "smallint",
    "mediumint",
    "int",
    "integer",
    "bigint",
    "bit",
    "bool",
    "boolean",
    "decimal",
    "dec",
    "numeric",
    "fixed",
    "float",
    "double",
    "double precision",
    "real",
    "date",
    "datetime",
    "timestamp",
    "time",
    "year",
    "char",
    "character",
    "varchar",
    "character varying",
    "char varying",
    "binary",
    "varbinary",
    "tinyblob",
    "blob",
    "mediumblob",
    "longblob",
    "tinytext",
    "text",
    "mediumtext",
    "longtext",
    "enum",
    "set",
    "json",
    "geometry",
    "point",
    "linestring",
    "polygon",
];

/// PostgreSQL reserved key words (PostgreSQL 16 docs, Appendix C: "reserved" and
/// "reserved (can be function or type)").
const POSTGRES_RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

/// SQLite key words (all of them: SQLite "SQL Keywords"); some may be bare in
/// some places, but quoting them is always right.
const SQLITE_KEYWORDS: &[&str] = &[
    "abort",
    "action",
    "add",
    "after",
    "all",
    "alter",
    "always",
    "analyze",
    "and",
    "as",
    "asc",
    "attach",
    "autoincrement",
    "before",
    "begin",
    "between",
    "by",
    "cascade",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "commit",
    "conflict",
    "constraint",
    "create",
    "cross",
    "current",
    "current_date",
    "current_time",
    "current_timestamp",
    "database",
    "default",
    "deferrable",
    "deferred",
    "delete",
    "desc",
    "detach",
    "distinct",
    "do",
    "drop",
    "each",
    "else",
    "end",
    "escape",
    "except",
    "exclude",
    "exclusive",
    "exists",
    "explain",
    "fail",
    "filter",
    "first",
    "following",
    "for",
    "foreign",
    "from",
    "full",
    "generated",
    "glob",
    "group",
    "groups",
    "having",
    "if",
    "ignore",
    "immediate",
    "in",
    "index",
    "indexed",
    "initially",
    "inner",
    "insert",
    "instead",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "last",
    "left",
    "like",
    "limit",
    "match",
    "materialized",
    "natural",
    "no",
    "not",
    "nothing",
    "notnull",
    "null",
    "nulls",
    "of",
    "offset",
    "on",
    "or",
    "order",
    "others",
    "outer",
    "over",
    "partition",
    "plan",
    "pragma",
    "preceding",
    "primary",
    "query",
    "raise",
    "range",
    "recursive",
    "references",
    "regexp",
    "reindex",
    "release",
    "rename",
    "replace",
    "restrict",
    "returning",
    "right",
    "rollback",
    "row",
    "rows",
    "savepoint",
    "select",
    "set",
    "table",
    "temp",
    "temporary",
    "then",
    "ties",
    "to",
    "transaction",
    "trigger",
    "unbounded",
    "union",
    "unique",
    "update",
    "using",
    "vacuum",
    "values",
    "view",
    "virtual",
    "when",
    "where",
    "window",
    "with",
    "without",
];

/// MySQL 8.0 reserved words (MySQL Reference Manual §11.3, marked R) and MariaDB's additions.
const MYSQL_RESERVED: &[&str] = &[
    "accessible",
    "add",
    "all",
    "alter",
    "analyze",
    "and",
    "as",
    "asc",
    "asensitive",
    "before",
    "between",
    "bigint",
    "binary",
    "blob",
    "both",
    "by",
    "call",
    "cascade",
    "case",
    "change",
    "char",
    "character",
    "check",
    "collate",
    "column",
    "condition",
    "constraint",
    "continue",
    "convert",
    "create",
    "cross",
    "cube",
    "cume_dist",
    "current_date",
    "current_time",
    "current_timestamp",
    "current_user",
    "cursor",
    "database",
    "databases",
    "day_hour",
    "day_microsecond",
    "day_minute",
    "day_second",
    "dec",
    "decimal",
    "declare",
    "default",
    "delayed",
    "delete",
    "dense_rank",
    "desc",
    "describe",
    "deterministic",
    "distinct",
    "distinctrow",
    "div",
    "double",
    "drop",
    "dual",
    "each",
    "else",
    "elseif",
    "empty",
    "enclosed",
    "escaped",
    "except",
    "exists",
    "exit",
    "explain",
    "false",
    "fetch",
    "first_value",
    "float",
    "float4",
    "float8",
    "for",
    "force",
    "foreign",
    "from",
    "fulltext",
    "function",
    "generated",
    "get",
    "grant",
    "group",
    "grouping",
    "groups",
    "having",
    "high_priority",
    "hour_microsecond",
    "hour_minute",
    "hour_second",
    "if",
    "ignore",
    "in",
    "index",
    "infile",
    "inner",
    "inout",
    "insensitive",
    "insert",
    "int",
    "int1",
    "int2",
    "int3",
    "int4",
    "int8",
    "integer",
    "intersect",
    "interval",
    "into",
    "io_after_gtids",
    "io_before_gtids",
    "is",
    "iterate",
    "join",
    "json_table",
    "key",
    "keys",
    "kill",
    "lag",
    "last_value",
    "lateral",
    "lead",
    "leading",
    "leave",
    "left",
    "like",
    "limit",
    "linear",
    "lines",
    "load",
    "localtime",
    "localtimestamp",
    "lock",
    "long",
    "longblob",
    "longtext",
    "loop",
    "low_priority",
    "master_bind",
    "master_ssl_verify_server_cert",
    "match",
    "maxvalue",
    "mediumblob",
    "mediumint",
    "mediumtext",
    "middleint",
    "minute_microsecond",
    "minute_second",
    "mod",
    "modifies",
    "natural",
    "not",
    "no_write_to_binlog",
    "nth_value",
    "ntile",
    "null",
    "numeric",
    "of",
    "on",
    "optimize",
    "optimizer_costs",
    "option",
    "optionally",
    "or",
    "order",
    "out",
    "outer",
    "outfile",
    "over",
    "partition",
    "percent_rank",
    "precision",
    "primary",
    "procedure",
    "purge",
    "range",
    "rank",
    "read",
    "reads",
    "read_write",
    "real",
    "recursive",
    "references",
    "regexp",
    "release",
    "rename",
    "repeat",
    "replace",
    "require",
    "resignal",
    "restrict",
    "return",
    "revoke",
    "right",
    "rlike",
    "row",
    "rows",
    "row_number",
    "schema",
    "schemas",
    "second_microsecond",
    "select",
    "sensitive",
    "separator",
    "set",
    "show",
    "signal",
    "smallint",
    "spatial",
    "specific",
    "sql",
    "sqlexception",
    "sqlstate",
    "sqlwarning",
    "sql_big_result",
    "sql_calc_found_rows",
    "sql_small_result",
    "ssl",
    "starting",
    "stored",
    "straight_join",
    "system",
    "table",
    "terminated",
    "then",
    "tinyblob",
    "tinyint",
    "tinytext",
    "to",
    "trailing",
    "trigger",
    "true",
    "undo",
    "union",
    "unique",
    "unlock",
    "unsigned",
    "update",
    "usage",
    "use",
    "using",
    "utc_date",
    "utc_time",
    "utc_timestamp",
    "values",
    "varbinary",
    "varchar",
    "varcharacter",
    "varying",
    "virtual",
    "when",
    "where",
    "while",
    "window",
    "with",
    "write",
    "xor",
    "year_month",
    "zerofill",
    // MariaDB
    "delete_domain_id",
    "do_domain_ids",
    "general",
    "ignore_domain_ids",
    "ignore_server_ids",
    "master_heartbeat_period",
    "offset",
    "page_checksum",
    "parse_vcol_expr",
    "position",
    "ref_system_id",
    "returning",
    "slow",
    "stats_auto_recalc",
    "stats_persistent",
    "stats_sample_pages",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_only_where_needed() {
        assert_eq!(ident("orders", Dialect::Postgres), "orders");
        assert_eq!(ident("order", Dialect::Postgres), "\"order\"");
        assert_eq!(ident("order", Dialect::Mysql), "`order`");
        assert_eq!(ident("key", Dialect::Postgres), "key");
        assert_eq!(ident("key", Dialect::Mysql), "`key`");
        assert_eq!(ident("key", Dialect::Sqlite), "\"key\"");
        assert_eq!(ident("OrderItems", Dialect::Sqlite), "\"OrderItems\"");
        assert_eq!(ident("weird\"name", Dialect::Postgres), "\"weird\"\"name\"");
        assert_eq!(ident("back`tick", Dialect::Mysql), "`back``tick`");
        assert_eq!(ident("1st", Dialect::Postgres), "\"1st\"");
        assert_eq!(ident("_x1", Dialect::Postgres), "_x1");
    }

    #[test]
    fn literals_escape_per_dialect() {
        assert_eq!(string_literal("it's", Dialect::Postgres), "'it''s'");
        assert_eq!(string_literal("a\\b", Dialect::Postgres), "'a\\b'");
        assert_eq!(string_literal("a\\b", Dialect::Mysql), "'a\\\\b'");
        assert_eq!(literal(&Value::Bool(true), Dialect::Sqlite), "1");
        assert_eq!(literal(&Value::Bool(false), Dialect::Mysql), "FALSE");
        assert_eq!(literal(&serde_json::json!(2.5), Dialect::Postgres), "2.5");
        assert_eq!(literal(&serde_json::json!({"a": 1}), Dialect::Postgres), "'{\"a\":1}'");
    }

    #[test]
    fn defaults_read_back_are_only_what_apigen_writes() {
        for (text, dialect) in [
            ("0", Dialect::Postgres),
            ("-12.5e-3", Dialect::Sqlite),
            ("NULL", Dialect::Mysql),
            ("TRUE", Dialect::Postgres),
            ("'it''s'", Dialect::Postgres),
            ("'a\\\\b'", Dialect::Mysql),
            ("('free')", Dialect::Mysql),
            ("'{\"a\":1}'::jsonb", Dialect::Postgres),
            ("CURRENT_TIMESTAMP(6)", Dialect::Mysql),
            ("(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", Dialect::Sqlite),
        ] {
            assert_eq!(known_default(text, dialect), Ok(()), "{text}");
        }
        for (text, dialect) in [
            ("0); DROP TABLE orders; --", Dialect::Postgres),
            ("'a'); DROP TABLE orders; --'", Dialect::Postgres),
            ("'a''", Dialect::Postgres),
            ("'a\\'", Dialect::Mysql),
            ("'a\\' || x || '", Dialect::Mysql),
            ("TRUE", Dialect::Sqlite),
            ("CURRENT_TIMESTAMP", Dialect::Sqlite),
            ("now()", Dialect::Postgres),
            ("(1)", Dialect::Postgres),
            ("1 + 1", Dialect::Postgres),
            ("1.", Dialect::Postgres),
            ("0x10", Dialect::Postgres),
            ("", Dialect::Postgres),
            ("'x'::jsonb", Dialect::Mysql),
        ] {
            assert!(known_default(text, dialect).is_err(), "{text} ({dialect})");
        }
    }

    #[test]
    fn written_types_are_checked_per_dialect() {
        assert!(known_type("text", Dialect::Postgres).is_ok());
        assert!(known_type("varchar(20)", Dialect::Mysql).is_ok());
        assert!(known_type("BIGINT UNSIGNED", Dialect::Mysql).is_ok());
        assert!(known_type("text[]", Dialect::Postgres).is_ok());
        assert!(known_type("numeric(10, 2)", Dialect::Postgres).is_ok());
        assert!(known_type("timestamp(3) with time zone", Dialect::Postgres).is_ok());
        assert!(known_type("jsonb", Dialect::Mysql).unwrap_err().contains("MySQL has no type `jsonb`"));
        assert!(known_type("uuid", Dialect::Mysql).unwrap_err().contains("CHAR(36)"));
        assert!(known_type("varchar", Dialect::Mysql).unwrap_err().contains("needs a length"));
        assert!(known_type("text[]", Dialect::Sqlite).is_err());
        assert!(known_type("varchar(x)", Dialect::Postgres).is_err());
        assert!(known_type("enum('a','b')", Dialect::Mysql).is_ok());
        assert!(known_type("enum('it''s', 'b')", Dialect::Mysql).is_ok());
        for bad in ["enum('a)", "enum('a', 'b'", "enum('a\\', 'b')", "enum('a\nb')", "enum('a'); DROP TABLE t; --')", "varchar(40) x", "varchar(40\n)", "numeric(10,)"] {
            assert!(known_type(bad, Dialect::Mysql).is_err(), "{bad:?}");
        }
    }
}
