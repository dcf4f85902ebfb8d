//! The database annotations of schemas and their properties
//! (docs/generate/migrations.md), read and checked once when the model is built: `x-table`,
//! `x-primary-key`, `x-tenant-scoped`, `x-unique`, `x-indexes`,
//! `x-allow-destructive` and `x-renamed-from` on a schema; `x-db`, `x-column`,
//! `x-references` and `x-renamed-from` on a property. The table model
//! (`database::schema`) and `apigen diff` read these types, never the raw extensions.
//!
//! A value that cannot be read keeps its finding ([`Invalid`]: pointer, message, help),
//! worded with the schema's final name; the table model reports it (rule
//! `table-annotations`) for the schemas that declare a table, where it matters.

use serde_json::{Map, Value};

use super::dialect::Dialect;
use super::types::{Field, TypeDef, TypeGraph, TypeKind};
use crate::load::tree::child;

/// Why an annotation's value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// JSON pointer of the value.
    pub pointer: String,
    /// One line, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Invalid {
    fn new(pointer: String, message: String) -> Self {
        Invalid { pointer, message, help: None }
    }

    fn help(mut self, help: &str) -> Self {
        self.help = Some(help.to_string());
        self
    }
}

/// An annotation: `None` when it is not written, `Some(Err(…))` when its value cannot be read.
pub type Annotation<T> = Option<Result<T, Invalid>>;

/// Column (or property) names an annotation lists: one name, or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnNames {
    /// The names, trimmed, in order.
    pub names: Vec<String>,
    /// Written as a list: each name has its own pointer (`{pointer}/{index}`).
    pub listed: bool,
    /// JSON pointer of the value.
    pub pointer: String,
}

impl ColumnNames {
    /// The pointer of the `index`th name.
    pub fn name_pointer(&self, index: usize) -> String {
        if self.listed {
            child(&self.pointer, &index.to_string())
        } else {
            self.pointer.clone()
        }
    }
}

/// Entries of `x-unique` or `x-indexes`: each a list of column names, or why it cannot be read.
pub type KeyEntries = Vec<Result<ColumnNames, Invalid>>;

/// The database annotations of a schema.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchemaAnnotations {
    /// `x-table`: the table name, trimmed.
    pub table: Annotation<String>,
    /// `x-primary-key`: the key's columns.
    pub primary_key: Annotation<ColumnNames>,
    /// `x-tenant-scoped`.
    pub tenant_scoped: Annotation<bool>,
    /// `x-unique`: one entry per unique constraint.
    pub unique: Annotation<KeyEntries>,
    /// `x-indexes`: one entry per index.
    pub indexes: Annotation<KeyEntries>,
    /// `x-renamed-from`: the table's name before, when it is a non-empty string (trimmed).
    pub renamed_from: Option<String>,
    /// `x-allow-destructive`: the destructive migration steps the schema consents to, each
    /// trimmed (strings of a list; anything else is ignored).
    pub allow_destructive: Vec<String>,
}

/// The database annotations of a property.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PropertyAnnotations {
    /// `x-db`: `false` keeps the property out of its table.
    pub db: Annotation<bool>,
    /// `x-column`: the column's name and written types.
    pub column: Annotation<ColumnAnnotation>,
    /// `x-references`: the referenced table's name, trimmed.
    pub references: Annotation<String>,
    /// `x-renamed-from`: the property's (and column's) name before, when it is a non-empty
    /// string (trimmed).
    pub renamed_from: Option<String>,
}

/// `x-column: {name, type}` of a property.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnAnnotation {
    /// `name`, trimmed, when it is a non-empty string.
    pub name: Option<String>,
    /// JSON pointer of `name`, when the member is written (valid or not).
    pub name_pointer: Option<String>,
    /// `type`: for every dialect (`None`) or per dialect (`type: {postgres: …}`), trimmed.
    pub types: Vec<(Option<Dialect>, String)>,
    /// Members that cannot be read, in the order written; the others still apply.
    pub invalid: Vec<Invalid>,
}

/// Reads the annotations of every named type and field of a finished graph (those without
/// extensions keep the empty default).
pub(super) fn read_all(graph: &mut TypeGraph) {
    for def in &mut graph.types {
        if !def.extensions.is_empty() {
            def.annotations = schema_annotations(def);
        }
        let TypeKind::Struct { fields, .. } = &mut def.kind else { continue };
        for field in fields.iter_mut().filter(|f| !f.extensions.is_empty()) {
            field.annotations = property_annotations(&def.name, field);
        }
    }
}

fn schema_annotations(def: &TypeDef) -> SchemaAnnotations {
    let x = &def.extensions;
    let at = |key: &str| child(&def.pointer, key);
    let name = &def.name;
    SchemaAnnotations {
        table: x.get("x-table").map(|raw| {
            non_empty(raw).ok_or_else(|| {
                Invalid::new(at("x-table"), format!("x-table of {name} must be a table name (a non-empty string)"))
            })
        }),
        primary_key: x.get("x-primary-key").map(|raw| {
            column_names(raw, at("x-primary-key")).ok_or_else(|| {
                Invalid::new(
                    at("x-primary-key"),
                    format!("x-primary-key of {name} must be a column name or a list of them"),
                )
            })
        }),
        tenant_scoped: x.get("x-tenant-scoped").map(|raw| {
            raw.as_bool().ok_or_else(|| {
                Invalid::new(at("x-tenant-scoped"), format!("x-tenant-scoped of {name} must be true or false"))
            })
        }),
        unique: key_entries(def, "x-unique"),
        indexes: key_entries(def, "x-indexes"),
        renamed_from: renamed_from(x),
        allow_destructive: x
            .get("x-allow-destructive")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).map(|s| s.trim().to_string()).collect())
            .unwrap_or_default(),
    }
}

/// `x-unique` or `x-indexes` (`key`): a list whose entries are column names or lists of them.
fn key_entries(def: &TypeDef, key: &str) -> Annotation<KeyEntries> {
    let raw = def.extensions.get(key)?;
    let at = child(&def.pointer, key);
    let name = &def.name;
    let Some(entries) = raw.as_array() else {
        return Some(Err(Invalid::new(
            at,
            format!("{key} of {name} must be a list of column lists, e.g. [[a, b], [c]]"),
        )));
    };
    let entries = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let at = child(&at, &i.to_string());
            column_names(entry, at.clone()).ok_or_else(|| {
                Invalid::new(at, format!("{key} entry of {name} must be a column name or a non-empty list of them"))
            })
        })
        .collect();
    Some(Ok(entries))
}

fn property_annotations(owner: &str, field: &Field) -> PropertyAnnotations {
    let x = &field.extensions;
    let at = |key: &str| child(&field.pointer, key);
    let property = format!("{owner}.{}", field.name);
    PropertyAnnotations {
        db: x.get("x-db").map(|raw| {
            raw.as_bool().ok_or_else(|| Invalid::new(at("x-db"), format!("x-db of {property} must be true or false")))
        }),
        column: x.get("x-column").map(|raw| column_annotation(raw, &at("x-column"), &property)),
        references: x.get("x-references").map(|raw| {
            non_empty(raw).ok_or_else(|| {
                Invalid::new(at("x-references"), format!("x-references of {property} must be a table name (a string)"))
            })
        }),
        renamed_from: renamed_from(x),
    }
}

/// `x-column` at `at` of `property` (`Schema.property`).
fn column_annotation(raw: &Value, at: &str, property: &str) -> Result<ColumnAnnotation, Invalid> {
    let Some(members) = raw.as_object() else {
        return Err(Invalid::new(at.to_string(), format!("x-column of {property} must be a mapping {{name, type}}")));
    };
    let mut column = ColumnAnnotation::default();
    for (key, value) in members {
        let member = child(at, key);
        match (key.as_str(), value) {
            ("name", Value::String(n)) if !n.trim().is_empty() => column.name = Some(n.trim().to_string()),
            ("type", Value::String(t)) if !t.trim().is_empty() => column.types.push((None, t.trim().to_string())),
            ("type", Value::Object(per)) => {
                for (d, t) in per {
                    let at = child(&member, d);
                    match (Dialect::parse(d), t.as_str().map(str::trim)) {
                        (Some(dialect), Some(t)) if !t.is_empty() => column.types.push((Some(dialect), t.to_string())),
                        (None, _) => column.invalid.push(
                            Invalid::new(at, format!("x-column type for unknown dialect '{d}'"))
                                .help("dialects: postgres, sqlite, mysql"),
                        ),
                        _ => {
                            column.invalid.push(Invalid::new(at, format!("x-column type for {d} must be a type name")))
                        }
                    }
                }
            }
            ("name" | "type", _) => column
                .invalid
                .push(Invalid::new(member.clone(), format!("x-column {key} of {property} must be a non-empty string"))),
            (other, _) => column.invalid.push(
                Invalid::new(member.clone(), format!("x-column has no member '{other}'"))
                    .help("x-column takes `name` and `type`"),
            ),
        }
        if key == "name" {
            column.name_pointer = Some(member);
        }
    }
    Ok(column)
}

/// A string that is not blank, trimmed.
fn non_empty(value: &Value) -> Option<String> {
    value.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// A column name or a non-empty list of them (each a non-blank string), at `pointer`.
fn column_names(value: &Value, pointer: String) -> Option<ColumnNames> {
    let names = match value {
        Value::String(_) => vec![non_empty(value)?],
        Value::Array(items) if !items.is_empty() => items.iter().map(non_empty).collect::<Option<_>>()?,
        _ => return None,
    };
    Some(ColumnNames { names, listed: value.is_array(), pointer })
}

/// `x-renamed-from: old_name`, when it is a name.
fn renamed_from(extensions: &Map<String, Value>) -> Option<String> {
    extensions.get("x-renamed-from").and_then(non_empty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeId;

    fn graph(components: &str) -> TypeGraph {
        crate::model::with_schemas(components).types
    }

    fn fields(graph: &TypeGraph, id: usize) -> &[Field] {
        graph.fields(&crate::model::TypeRef::Named(TypeId(id))).expect("a struct")
    }

    #[test]
    fn annotations_are_read_into_types() {
        let graph = graph(
            "    Account:\n      type: object\n      x-table: ' accounts '\n      x-primary-key: [number]\n      x-tenant-scoped: true\n      x-unique: [[number, plan], label]\n      x-renamed-from: clients\n      x-allow-destructive: [' drop column accounts.tier ']\n      properties:\n        number: {type: integer, x-renamed-from: ' no '}\n        plan: {type: string, x-db: false}\n        label: {type: string, x-references: plans, x-column: {name: display_label, type: {mysql: 'VARCHAR(80)'}}}\n",
        );
        let account = &graph.types[0].annotations;
        assert_eq!(account.table, Some(Ok("accounts".into())));
        let key = ColumnNames {
            names: vec!["number".into()],
            listed: true,
            pointer: "/components/schemas/Account/x-primary-key".into(),
        };
        assert_eq!(account.primary_key, Some(Ok(key.clone())));
        assert_eq!(key.name_pointer(0), "/components/schemas/Account/x-primary-key/0");
        assert_eq!(account.tenant_scoped, Some(Ok(true)));
        let Some(Ok(unique)) = &account.unique else { panic!("{:?}", account.unique) };
        assert_eq!(unique[1].as_ref().map(|c| (c.names.clone(), c.listed)), Ok((vec!["label".to_string()], false)));
        assert_eq!(account.indexes, None);
        assert_eq!(account.renamed_from.as_deref(), Some("clients"));
        assert_eq!(account.allow_destructive, ["drop column accounts.tier"]);
        let [number, plan, label] = fields(&graph, 0) else { panic!("three fields") };
        assert_eq!(number.annotations.renamed_from.as_deref(), Some("no"));
        assert_eq!(plan.annotations.db, Some(Ok(false)));
        assert_eq!(label.annotations.references, Some(Ok("plans".into())));
        let Some(Ok(column)) = &label.annotations.column else { panic!("{:?}", label.annotations.column) };
        assert_eq!(column.name.as_deref(), Some("display_label"));
        assert_eq!(column.name_pointer.as_deref(), Some("/components/schemas/Account/properties/label/x-column/name"));
        assert_eq!(column.types, [(Some(Dialect::Mysql), "VARCHAR(80)".to_string())]);
    }

    #[test]
    fn unreadable_values_keep_a_finding_at_their_pointer() {
        let graph = graph(
            "    Account:\n      type: object\n      x-table: ''\n      x-primary-key: {a: 1}\n      x-tenant-scoped: yes please\n      x-indexes: [[], ok]\n      x-unique: one\n      x-renamed-from: 7\n      properties:\n        number: {type: integer, x-db: 0, x-references: [a], x-column: {name: '', type: {oracle: X, sqlite: 1}, size: 3}}\n        plan: {type: string, x-column: text}\n",
        );
        let account = &graph.types[0].annotations;
        fn invalid<T: std::fmt::Debug>(annotation: &Annotation<T>) -> String {
            match annotation {
                Some(Err(Invalid { pointer, message, .. })) => format!("{pointer}: {message}"),
                other => panic!("not invalid: {other:?}"),
            }
        }
        let at = "/components/schemas/Account";
        assert_eq!(
            invalid(&account.table),
            format!("{at}/x-table: x-table of Account must be a table name (a non-empty string)")
        );
        assert_eq!(
            invalid(&account.primary_key),
            format!("{at}/x-primary-key: x-primary-key of Account must be a column name or a list of them")
        );
        assert_eq!(
            invalid(&account.tenant_scoped),
            format!("{at}/x-tenant-scoped: x-tenant-scoped of Account must be true or false")
        );
        assert_eq!(
            invalid(&account.unique),
            format!("{at}/x-unique: x-unique of Account must be a list of column lists, e.g. [[a, b], [c]]")
        );
        let Some(Ok(indexes)) = &account.indexes else { panic!("{:?}", account.indexes) };
        assert_eq!(indexes[0].as_ref().unwrap_err().pointer, format!("{at}/x-indexes/0"));
        assert!(indexes[1].is_ok());
        assert_eq!(account.renamed_from, None, "a number names nothing");
        let [number, plan] = fields(&graph, 0) else { panic!("two fields") };
        let p = format!("{at}/properties/number");
        assert_eq!(invalid(&number.annotations.db), format!("{p}/x-db: x-db of Account.number must be true or false"));
        assert_eq!(
            invalid(&number.annotations.references),
            format!("{p}/x-references: x-references of Account.number must be a table name (a string)")
        );
        let Some(Ok(column)) = &number.annotations.column else { panic!("{:?}", number.annotations.column) };
        let found: Vec<String> = column.invalid.iter().map(|i| format!("{}: {}", i.pointer, i.message)).collect();
        assert_eq!(
            found,
            [
                format!("{p}/x-column/name: x-column name of Account.number must be a non-empty string"),
                format!("{p}/x-column/type/oracle: x-column type for unknown dialect 'oracle'"),
                format!("{p}/x-column/type/sqlite: x-column type for sqlite must be a type name"),
                format!("{p}/x-column/size: x-column has no member 'size'"),
            ]
        );
        assert_eq!(column.name, None);
        assert_eq!(column.name_pointer, Some(format!("{p}/x-column/name")), "a bad name still names the member");
        assert_eq!(
            invalid(&plan.annotations.column),
            format!("{at}/properties/plan/x-column: x-column of Account.plan must be a mapping {{name, type}}")
        );
    }
}
