//! From one migration state to the next (issue "migrations that evolve"): the
//! difference between the tables a state records and the tables the spec asks
//! for, as ordered steps of one dialect, each with its inverse (the `down`
//! migration) and whether it may lose data.
//!
//! | change | PostgreSQL | MySQL | SQLite |
//! |---|---|---|---|
//! | table added / dropped | `CREATE TABLE` / `DROP TABLE` (foreign-key order) | same | same |
//! | column added | `ADD COLUMN` | `ADD COLUMN` | `ADD COLUMN` when SQLite allows it (nullable or a constant default, no constraint), else the table is rebuilt |
//! | column dropped | `DROP COLUMN` | `DROP COLUMN` | rebuilt |
//! | column renamed (`x-renamed-from`) | `RENAME COLUMN` | `RENAME COLUMN` | `RENAME COLUMN` |
//! | type, `NOT NULL`, default | `ALTER COLUMN` | `MODIFY COLUMN` | rebuilt |
//! | key, unique, foreign key, check | `ADD` / `DROP CONSTRAINT` | `ADD CONSTRAINT` / `DROP PRIMARY KEY`, `INDEX`, `FOREIGN KEY`, `CONSTRAINT` | rebuilt |
//! | index | `CREATE` / `DROP INDEX` | same | same |
//!
//! SQLite's rebuild is its documented procedure (sqlite.org/lang_altertable.html
//! §7): create the new table under a temporary name, copy the rows, drop the
//! old table, rename the new one, create its indexes, with foreign keys off.
//!
//! Steps that lose data or fail on a table with rows need consent
//! (`--allow-destructive`): dropping a table or column, narrowing a type,
//! making a column `NOT NULL`, adding a `NOT NULL` column without a default.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::state::{ColumnState, ConstraintKind, ConstraintState, IndexState, TableState};
use super::Dialect;

/// Renames the spec declares with `x-renamed-from`: new name → old name.
#[derive(Debug, Default, Clone)]
pub struct Renames {
    /// Tables.
    pub tables: HashMap<String, String>,
    /// Columns, by (table as now named, column as now named).
    pub columns: HashMap<(String, String), String>,
}

/// One step of a migration, in the shape the `migrations/step.sql.j2` template renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// `CREATE TABLE` with its indexes.
    CreateTable {
        /// The table.
        table: TableState,
    },
    /// `DROP TABLE`.
    DropTable {
        /// The table as it was.
        table: TableState,
    },
    /// `ALTER TABLE … RENAME TO …`.
    RenameTable {
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// `ADD COLUMN`.
    AddColumn {
        /// Table name.
        table: String,
        /// The column.
        column: ColumnState,
    },
    /// `DROP COLUMN`.
    DropColumn {
        /// Table name.
        table: String,
        /// The column as it was.
        column: ColumnState,
    },
    /// `RENAME COLUMN`.
    RenameColumn {
        /// Table name.
        table: String,
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// Type, `NOT NULL` or default of a column.
    AlterColumn {
        /// Table name.
        table: String,
        /// The column as it was.
        from: ColumnState,
        /// The column as it becomes.
        to: ColumnState,
    },
    /// `ADD CONSTRAINT`.
    AddConstraint {
        /// Table name.
        table: String,
        /// The constraint.
        constraint: ConstraintState,
    },
    /// `DROP CONSTRAINT` (or MySQL's spelling for the kind).
    DropConstraint {
        /// Table name.
        table: String,
        /// The constraint as it was.
        constraint: ConstraintState,
    },
    /// `CREATE INDEX`.
    AddIndex {
        /// Table name.
        table: String,
        /// The index.
        index: IndexState,
    },
    /// `DROP INDEX`.
    DropIndex {
        /// Table name.
        table: String,
        /// The index as it was.
        index: IndexState,
    },
    /// SQLite: the table rebuilt in its new shape, rows copied.
    Rebuild {
        /// The table as it was.
        from: TableState,
        /// The table as it becomes.
        to: TableState,
        /// Column pairs copied: (new column, old column).
        copy: Vec<(String, String)>,
    },
}

impl Step {
    /// The step that undoes this one.
    pub fn inverse(&self) -> Step {
        match self.clone() {
            Step::CreateTable { table } => Step::DropTable { table },
            Step::DropTable { table } => Step::CreateTable { table },
            Step::RenameTable { from, to } => Step::RenameTable { from: to, to: from },
            Step::AddColumn { table, column } => Step::DropColumn { table, column },
            Step::DropColumn { table, column } => Step::AddColumn { table, column },
            Step::RenameColumn { table, from, to } => Step::RenameColumn { table, from: to, to: from },
            Step::AlterColumn { table, from, to } => Step::AlterColumn { table, from: to, to: from },
            Step::AddConstraint { table, constraint } => Step::DropConstraint { table, constraint },
            Step::DropConstraint { table, constraint } => Step::AddConstraint { table, constraint },
            Step::AddIndex { table, index } => Step::DropIndex { table, index },
            Step::DropIndex { table, index } => Step::AddIndex { table, index },
            Step::Rebuild { from, to, copy } => {
                Step::Rebuild { from: to, to: from, copy: copy.into_iter().map(|(n, o)| (o, n)).collect() }
            }
        }
    }

    /// The table the step changes.
    pub fn table(&self) -> &str {
        match self {
            Step::CreateTable { table } | Step::DropTable { table } => &table.name,
            Step::RenameTable { to, .. } => to,
            Step::Rebuild { to, .. } => &to.name,
            Step::AddColumn { table, .. }
            | Step::DropColumn { table, .. }
            | Step::RenameColumn { table, .. }
            | Step::AlterColumn { table, .. }
            | Step::AddConstraint { table, .. }
            | Step::DropConstraint { table, .. }
            | Step::AddIndex { table, .. }
            | Step::DropIndex { table, .. } => table,
        }
    }

    /// One line for the migration's comment and for messages.
    pub fn describe(&self) -> String {
        match self {
            Step::CreateTable { table } => format!("create table {}", table.name),
            Step::DropTable { table } => format!("drop table {}", table.name),
            Step::RenameTable { from, to } => format!("rename table {from} to {to}"),
            Step::AddColumn { table, column } => format!("add column {table}.{}", column.name),
            Step::DropColumn { table, column } => format!("drop column {table}.{}", column.name),
            Step::RenameColumn { table, from, to } => format!("rename column {table}.{from} to {to}"),
            Step::AlterColumn { table, from, to } => {
                let mut what = Vec::new();
                if from.sql_type != to.sql_type {
                    what.push(format!("type {} → {}", from.sql_type, to.sql_type));
                }
                if from.not_null != to.not_null {
                    what.push(if to.not_null { "NOT NULL".to_string() } else { "nullable".to_string() });
                }
                if from.default != to.default {
                    what.push(format!("default {}", to.default.as_deref().unwrap_or("none")));
                }
                format!("alter column {table}.{}: {}", to.name, what.join(", "))
            }
            Step::AddConstraint { table, constraint } => format!("add constraint {} on {table}", constraint.name),
            Step::DropConstraint { table, constraint } => format!("drop constraint {} on {table}", constraint.name),
            Step::AddIndex { table, index } => format!("add index {} on {table}", index.name),
            Step::DropIndex { table, index } => format!("drop index {} on {table}", index.name),
            Step::Rebuild { to, .. } => format!("rebuild table {} (SQLite)", to.name),
        }
    }

    /// The dialect-neutral name of the step a schema's `x-allow-destructive` list consents to:
    /// `drop column customers.tier`, `alter column customers.name`, `add column customers.code`,
    /// `drop table notes` (a dropped table has no schema left: that one needs the flag).
    pub fn consent_key(&self) -> Option<String> {
        match self {
            Step::DropTable { table } => Some(format!("drop table {}", table.name)),
            Step::DropColumn { table, column } => Some(format!("drop column {table}.{}", column.name)),
            Step::AddColumn { table, column } => Some(format!("add column {table}.{}", column.name)),
            Step::AlterColumn { table, to, .. } => Some(format!("alter column {table}.{}", to.name)),
            Step::Rebuild { from, to, copy } => {
                // The rebuild's destructive part, named as the step it stands for.
                let kept: HashSet<&str> = copy.iter().map(|(_, old)| old.as_str()).collect();
                if let Some(lost) = from.columns.iter().find(|c| !kept.contains(c.name.as_str())) {
                    return Some(format!("drop column {}.{}", to.name, lost.name));
                }
                let old_of: HashMap<&str, &str> = copy.iter().map(|(n, o)| (n.as_str(), o.as_str())).collect();
                to.columns.iter().find_map(|c| {
                    let step = match old_of.get(c.name.as_str()).and_then(|o| from.column(o)) {
                        Some(old) => Step::AlterColumn { table: to.name.clone(), from: old.clone(), to: c.clone() },
                        None => Step::AddColumn { table: to.name.clone(), column: c.clone() },
                    };
                    step.destructive(Dialect::Sqlite).and(step.consent_key())
                })
            }
            _ => None,
        }
    }

    /// Why the step may lose data or fail on a table with rows, if it may.
    pub fn destructive(&self, dialect: Dialect) -> Option<String> {
        match self {
            Step::DropTable { table } => Some(format!("drop table {}: its rows are lost", table.name)),
            Step::DropColumn { table, column } => {
                Some(format!("drop column {table}.{}: its values are lost", column.name))
            }
            Step::AddColumn { table, column } if column.not_null && column.default.is_none() => Some(format!(
                "add column {table}.{} NOT NULL without a default: fails on a table with rows",
                column.name
            )),
            Step::AlterColumn { table, from, to } => {
                if from.sql_type != to.sql_type && !widens(&from.sql_type, &to.sql_type, dialect) {
                    return Some(format!(
                        "alter column {table}.{}: {} → {} narrows the type (values may not fit)",
                        to.name, from.sql_type, to.sql_type
                    ));
                }
                (!from.not_null && to.not_null).then(|| {
                    format!("alter column {table}.{}: NOT NULL fails while a row holds NULL", to.name)
                })
            }
            Step::Rebuild { from, to, copy } => {
                let kept: HashSet<&str> = copy.iter().map(|(_, old)| old.as_str()).collect();
                if let Some(lost) = from.columns.iter().find(|c| !kept.contains(c.name.as_str())) {
                    return Some(format!("drop column {}.{}: its values are lost", from.name, lost.name));
                }
                let old_of: HashMap<&str, &str> = copy.iter().map(|(n, o)| (n.as_str(), o.as_str())).collect();
                to.columns.iter().find_map(|c| match old_of.get(c.name.as_str()).and_then(|o| from.column(o)) {
                    Some(old) => Step::AlterColumn { table: to.name.clone(), from: old.clone(), to: c.clone() }.destructive(dialect),
                    None => Step::AddColumn { table: to.name.clone(), column: c.clone() }.destructive(dialect),
                })
            }
            _ => None,
        }
    }
}

/// Whether a type change keeps every value: longer `varchar`, `text` from `varchar`,
/// a wider integer or float, a larger `decimal` precision, a longer MySQL text.
pub fn widens(from: &str, to: &str, dialect: Dialect) -> bool {
    let (from, to) = (from.to_ascii_lowercase(), to.to_ascii_lowercase());
    let split = |t: &str| -> (String, Vec<u64>) {
        match t.split_once('(') {
            Some((base, args)) => (
                base.trim().to_string(),
                args.trim_end_matches(')').split(',').filter_map(|a| a.trim().parse().ok()).collect(),
            ),
            None => (t.trim().to_string(), Vec::new()),
        }
    };
    let ((fb, fa), (tb, ta)) = (split(&from), split(&to));
    let rank = |base: &str| -> Option<(u8, u8)> {
        // (family, width): a change within a family to a greater width keeps values.
        Some(match (dialect, base) {
            (_, "smallint") => (0, 1),
            (_, "integer" | "int") => (0, 2),
            (_, "bigint") => (0, 3),
            (_, "real" | "float") => (1, 1),
            (_, "double precision" | "double") => (1, 2),
            (_, "char" | "varchar" | "character varying") => (2, 1),
            (Dialect::Mysql, "text") => (2, 2),
            (Dialect::Mysql, "mediumtext") => (2, 3),
            (Dialect::Mysql, "longtext") => (2, 4),
            (_, "text") => (2, 9),
            (_, "numeric" | "decimal") => (3, 1),
            _ => return None,
        })
    };
    match (rank(&fb), rank(&tb)) {
        (Some((ff, fw)), Some((tf, tw))) if ff == tf => {
            if fw != tw {
                return tw > fw;
            }
            // Same base: arguments must not shrink (length, precision; the scale must stay).
            match (fa.as_slice(), ta.as_slice()) {
                (_, []) => true,
                ([], _) => false,
                ([fl], [tl]) => tl >= fl,
                ([fp, fs], [tp, ts]) => ts == fs && tp >= fp,
                _ => false,
            }
        }
        _ => false,
    }
}

/// The steps from `old` to `new` tables (both in creation order), in the order they apply.
pub fn steps(old: &[TableState], new: &[TableState], renames: &Renames, dialect: Dialect) -> Vec<Step> {
    let continues = continuations(old, new, renames);
    let continued: HashSet<&str> =
        continues.iter().filter_map(|(_, before)| before.map(|before| before.name.as_str())).collect();
    let mut phases = Phases::default();
    for gone in old.iter().rev() {
        if !continued.contains(gone.name.as_str()) {
            phases.push(Step::DropTable { table: gone.clone() });
        }
    }
    for (table, before) in continues {
        let Some(before) = before else {
            phases.push(Step::CreateTable { table: table.clone() });
            continue;
        };
        if before.name != table.name {
            phases.push(Step::RenameTable { from: before.name.clone(), to: table.name.clone() });
        }
        let (mut table_steps, copy) = column_steps(before, table, renames);
        table_steps.extend(list_changes(
            &before.constraints,
            &table.constraints,
            |constraint| Step::DropConstraint { table: table.name.clone(), constraint },
            |constraint| Step::AddConstraint { table: table.name.clone(), constraint },
        ));
        let index_steps = list_changes(
            &before.indexes,
            &table.indexes,
            |index| Step::DropIndex { table: table.name.clone(), index },
            |index| Step::AddIndex { table: table.name.clone(), index },
        );
        if dialect == Dialect::Sqlite && table_steps.iter().any(|step| !sqlite_alters(step)) {
            // One rebuild in place of the column and constraint steps; it creates the indexes too.
            let from = TableState { name: table.name.clone(), ..before.clone() };
            phases.push(Step::Rebuild { from, to: table.clone(), copy });
            continue;
        }
        table_steps.into_iter().chain(index_steps).for_each(|step| phases.push(step));
    }
    phases.into_steps()
}

/// Each new table with the old table it continues: the one of the same name, else the one
/// its `x-renamed-from` names (when no new table keeps that name); `None` for a table to create.
fn continuations<'t>(
    old: &'t [TableState],
    new: &'t [TableState],
    renames: &Renames,
) -> Vec<(&'t TableState, Option<&'t TableState>)> {
    let old_by_name: HashMap<&str, &TableState> = old.iter().map(|t| (t.name.as_str(), t)).collect();
    let new_names: HashSet<&str> = new.iter().map(|t| t.name.as_str()).collect();
    new.iter()
        .map(|table| {
            let before = old_by_name.get(table.name.as_str()).copied().or_else(|| {
                let old_name = renames.tables.get(&table.name)?;
                old_by_name.get(old_name.as_str()).copied().filter(|_| !new_names.contains(old_name.as_str()))
            });
            (table, before)
        })
        .collect()
}

/// The column steps from `before` to `table` (matched by name, or by `x-renamed-from`), and
/// the column pairs (new, old) a SQLite rebuild copies.
fn column_steps(before: &TableState, table: &TableState, renames: &Renames) -> (Vec<Step>, Vec<(String, String)>) {
    let mut steps = Vec::new();
    let mut copy = Vec::new();
    let mut kept_old: HashSet<&str> = HashSet::new();
    for column in &table.columns {
        let renamed = renames.columns.get(&(table.name.clone(), column.name.clone()));
        let old = before
            .column(&column.name)
            .or_else(|| renamed.and_then(|from| before.column(from)).filter(|old| table.column(&old.name).is_none()));
        let Some(old) = old else {
            steps.push(Step::AddColumn { table: table.name.clone(), column: column.clone() });
            continue;
        };
        kept_old.insert(old.name.as_str());
        copy.push((column.name.clone(), old.name.clone()));
        if old.name != column.name {
            steps.push(Step::RenameColumn { table: table.name.clone(), from: old.name.clone(), to: column.name.clone() });
        }
        let old_renamed = ColumnState { name: column.name.clone(), ..old.clone() };
        if old_renamed != *column {
            steps.push(Step::AlterColumn { table: table.name.clone(), from: old_renamed, to: column.clone() });
        }
    }
    for old in &before.columns {
        if !kept_old.contains(old.name.as_str()) {
            steps.push(Step::DropColumn { table: table.name.clone(), column: old.clone() });
        }
    }
    (steps, copy)
}

/// Steps that drop what only `before` lists, then add what only `after` lists.
fn list_changes<T: PartialEq + Clone>(
    before: &[T],
    after: &[T],
    drop: impl Fn(T) -> Step,
    add: impl Fn(T) -> Step,
) -> Vec<Step> {
    let dropped = before.iter().filter(|item| !after.contains(item)).cloned().map(drop);
    let added = after.iter().filter(|item| !before.contains(item)).cloned().map(add);
    dropped.chain(added).collect()
}

/// The steps of a migration by phase, the phases in the order they apply.
#[derive(Default)]
struct Phases {
    /// Tables are renamed first: the steps after them name the table by its new name.
    rename_tables: Vec<Step>,
    drop_indexes: Vec<Step>,
    /// Foreign keys first: a key cannot be dropped while a foreign key references it.
    drop_constraints: Vec<Step>,
    drop_tables: Vec<Step>,
    rename_columns: Vec<Step>,
    create_tables: Vec<Step>,
    add_columns: Vec<Step>,
    alter_columns: Vec<Step>,
    rebuilds: Vec<Step>,
    drop_columns: Vec<Step>,
    add_constraints: Vec<Step>,
    /// After the other constraints: the keys they reference are in place by then.
    add_foreign: Vec<Step>,
    add_indexes: Vec<Step>,
}

impl Phases {
    /// Files a step under its phase.
    fn push(&mut self, step: Step) {
        let foreign = |constraint: &ConstraintState| constraint.kind == ConstraintKind::Foreign;
        match &step {
            Step::RenameTable { .. } => self.rename_tables.push(step),
            Step::DropIndex { .. } => self.drop_indexes.push(step),
            Step::DropConstraint { constraint, .. } if foreign(constraint) => self.drop_constraints.insert(0, step),
            Step::DropConstraint { .. } => self.drop_constraints.push(step),
            Step::DropTable { .. } => self.drop_tables.push(step),
            Step::RenameColumn { .. } => self.rename_columns.push(step),
            Step::CreateTable { .. } => self.create_tables.push(step),
            Step::AddColumn { .. } => self.add_columns.push(step),
            Step::AlterColumn { .. } => self.alter_columns.push(step),
            Step::Rebuild { .. } => self.rebuilds.push(step),
            Step::DropColumn { .. } => self.drop_columns.push(step),
            Step::AddConstraint { constraint, .. } if foreign(constraint) => self.add_foreign.push(step),
            Step::AddConstraint { .. } => self.add_constraints.push(step),
            Step::AddIndex { .. } => self.add_indexes.push(step),
        }
    }

    /// Every step, phase after phase.
    fn into_steps(self) -> Vec<Step> {
        [
            self.rename_tables,
            self.drop_indexes,
            self.drop_constraints,
            self.drop_tables,
            self.rename_columns,
            self.create_tables,
            self.add_columns,
            self.alter_columns,
            self.rebuilds,
            self.drop_columns,
            self.add_constraints,
            self.add_foreign,
            self.add_indexes,
        ]
        .concat()
    }
}

/// The tables after a step: what the step's SQL leaves in the database, as the state records
/// tables. A column or table added goes last; a renamed column keeps its place.
///
/// Errors: a step that does not fit the tables (it drops, alters or renames something they
/// do not hold as the step says, or adds what they already hold).
pub fn apply(tables: &mut Vec<TableState>, step: &Step) -> Result<(), String> {
    let misfit = || format!("`{}` does not fit the tables before it", step.describe());
    let position = |tables: &[TableState], name: &str| tables.iter().position(|t| t.name == name);
    if let Step::CreateTable { table } = step {
        if position(tables, &table.name).is_some() {
            return Err(misfit());
        }
        tables.push(table.clone());
        return Ok(());
    }
    let at = position(tables, step.table()).or_else(|| match step {
        Step::RenameTable { from, .. } => position(tables, from),
        _ => None,
    });
    let Some(at) = at else { return Err(misfit()) };
    let t = &mut tables[at];
    let fits = match step {
        Step::CreateTable { .. } => unreachable!("handled above"),
        Step::DropTable { table } => same_shape(t, table),
        // Found by `to` first: a table of that name already there does not fit.
        Step::RenameTable { from, to } => {
            t.name == *from && {
                t.name = to.clone();
                true
            }
        }
        Step::AddColumn { column, .. } => {
            t.column(&column.name).is_none() && {
                t.columns.push(column.clone());
                true
            }
        }
        Step::DropColumn { column, .. } => remove(&mut t.columns, column),
        Step::RenameColumn { from, to, .. } => {
            t.column(to).is_none()
                && match t.columns.iter_mut().find(|c| c.name == *from) {
                    Some(c) => {
                        c.name = to.clone();
                        true
                    }
                    None => false,
                }
        }
        Step::AlterColumn { from, to, .. } => match t.columns.iter_mut().find(|c| **c == *from) {
            Some(c) if from.name == to.name => {
                *c = to.clone();
                true
            }
            _ => false,
        },
        Step::AddConstraint { constraint, .. } => {
            !t.constraints.iter().any(|k| k.name == constraint.name) && {
                t.constraints.push(constraint.clone());
                true
            }
        }
        Step::DropConstraint { constraint, .. } => remove(&mut t.constraints, constraint),
        Step::AddIndex { index, .. } => {
            !t.indexes.iter().any(|i| i.name == index.name) && {
                t.indexes.push(index.clone());
                true
            }
        }
        Step::DropIndex { index, .. } => remove(&mut t.indexes, index),
        Step::Rebuild { from, to, .. } => {
            same_shape(t, from) && from.name == to.name && {
                *t = to.clone();
                true
            }
        }
    };
    if !fits {
        return Err(misfit());
    }
    if matches!(step, Step::DropTable { .. }) {
        tables.remove(at);
    }
    Ok(())
}

/// Removes an item equal to `item`; whether there was one.
fn remove<T: PartialEq>(items: &mut Vec<T>, item: &T) -> bool {
    match items.iter().position(|i| i == item) {
        Some(at) => {
            items.remove(at);
            true
        }
        None => false,
    }
}

/// Whether two tables hold the same things: name, columns, constraints and indexes, in any
/// order (the comment, schema and version are not compared, as [`steps`] does not).
pub fn same_shape(a: &TableState, b: &TableState) -> bool {
    fn sorted<T: Clone>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<T> {
        let mut out = items.to_vec();
        out.sort_by(|x, y| key(x).cmp(key(y)));
        out
    }
    a.name == b.name
        && a.options == b.options
        && sorted(&a.columns, |c| &c.name) == sorted(&b.columns, |c| &c.name)
        && sorted(&a.constraints, |k| &k.name) == sorted(&b.constraints, |k| &k.name)
        && sorted(&a.indexes, |i| &i.name) == sorted(&b.indexes, |i| &i.name)
}

/// Whether SQLite's `ALTER TABLE` can take a step (else the table is rebuilt): renames, and
/// adding a column with no constraint that is nullable or has a constant default.
fn sqlite_alters(step: &Step) -> bool {
    match step {
        Step::RenameColumn { .. } => true,
        Step::AddColumn { column, .. } => {
            column.identity.is_empty()
                && column.default.as_deref().is_none_or(|d| !d.contains('('))
                && (!column.not_null || column.default.is_some())
        }
        _ => false,
    }
}

/// The `down` steps of a migration: the inverses, last first.
pub fn inverse(steps: &[Step]) -> Vec<Step> {
    steps.iter().rev().map(Step::inverse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, columns: &[(&str, &str)]) -> TableState {
        TableState {
            name: name.into(),
            schema: "S".into(),
            version: 1,
            comment: String::new(),
            options: String::new(),
            columns: columns
                .iter()
                .map(|(n, t)| ColumnState { name: (*n).into(), sql_type: (*t).into(), identity: String::new(), not_null: false, default: None })
                .collect(),
            constraints: Vec::new(),
            indexes: vec![IndexState { name: format!("{name}_a_idx"), columns: vec!["a".into()] }],
        }
    }

    #[test]
    fn replayed_steps_lead_to_the_new_tables_and_misfits_are_refused() {
        let old = vec![table("t", &[("a", "text"), ("b", "text")]), table("gone", &[("a", "text")])];
        let new = vec![table("t", &[("a", "varchar(9)"), ("c", "text")]), table("added", &[("a", "text")])];
        for dialect in Dialect::ALL {
            let mut tables = old.clone();
            for step in steps(&old, &new, &Renames::default(), dialect) {
                apply(&mut tables, &step).unwrap_or_else(|e| panic!("{dialect}: {e}"));
            }
            assert_eq!(tables.len(), new.len());
            assert!(new.iter().all(|n| tables.iter().any(|t| same_shape(t, n))), "{dialect}: {tables:#?}");
        }
        let mut tables = old.clone();
        let missing = ColumnState { name: "z".into(), ..old[0].columns[0].clone() };
        let drop_missing = Step::DropColumn { table: "t".into(), column: missing };
        assert!(apply(&mut tables, &drop_missing).is_err(), "a step on a column the table does not hold");
        assert!(apply(&mut tables, &Step::CreateTable { table: old[0].clone() }).is_err(), "a table created twice");
        assert_eq!(tables, old, "a misfit changes nothing");
    }

    #[test]
    fn widening_keeps_values() {
        assert!(widens("varchar(40)", "varchar(80)", Dialect::Postgres));
        assert!(widens("varchar(40)", "text", Dialect::Postgres));
        assert!(widens("integer", "bigint", Dialect::Postgres));
        assert!(widens("VARCHAR(255)", "TEXT", Dialect::Mysql));
        assert!(widens("numeric(10,2)", "numeric(12,2)", Dialect::Postgres));
        assert!(!widens("varchar(80)", "varchar(40)", Dialect::Postgres));
        assert!(!widens("text", "varchar(40)", Dialect::Postgres));
        assert!(!widens("bigint", "integer", Dialect::Postgres));
        assert!(!widens("numeric(10,2)", "numeric(12,3)", Dialect::Postgres));
        assert!(!widens("text", "integer", Dialect::Sqlite));
    }
}
