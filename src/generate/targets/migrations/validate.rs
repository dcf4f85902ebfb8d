//! A migration state read from disk is untrusted input (docs/security.md): a
//! pull request may edit `state.toml`, and its values reach the next migration's
//! SQL. Every value is checked when the state is read, with the rules that hold
//! for values apigen derives from the spec: names are identifiers, SQL types
//! parse against the dialect's types, defaults are the literals apigen writes,
//! the identity clause and the table options are the dialect's exact strings,
//! comments are one line, and migration files are plain relative file names of
//! the shapes apigen writes, inside the dialect's folder.

use std::fmt;

use serde_json::Value;

use super::evolve::Step;
use super::state::{ColumnState, ConstraintKind, ConstraintState, IndexState, State, TableState};
use crate::database::dialect::{self, Dialect};

/// Where in a state a value sits: `tables[0].columns[2].default`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(Vec<Segment>);

/// One step of a [`KeyPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A table key.
    Key(&'static str),
    /// An array element.
    Index(usize),
}

impl KeyPath {
    fn key(&self, key: &'static str) -> KeyPath {
        let mut out = self.clone();
        out.0.push(Segment::Key(key));
        out
    }

    fn at(&self, key: &'static str, index: usize) -> KeyPath {
        self.key(key).index(index)
    }

    fn index(mut self, index: usize) -> KeyPath {
        self.0.push(Segment::Index(index));
        self
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A value of the state apigen would not have written: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The key of the value.
    pub key: KeyPath,
    /// One sentence, without the file name.
    pub why: String,
}

type Checked = Result<(), Refusal>;

fn refuse(key: KeyPath, why: String) -> Checked {
    Err(Refusal { key, why })
}

/// Checks every value of a state read from the folder of `dialect`.
///
/// Errors: the first value apigen would not have written.
pub fn state(state: &State, dialect: Dialect) -> Checked {
    let root = KeyPath::default();
    if state.dialect != dialect.as_str() {
        return refuse(
            root.key("dialect"),
            format!(
                "is `{}`, but the state is in the folder of {}",
                crate::text::one_line(&state.dialect),
                dialect.as_str()
            ),
        );
    }
    let mut named = std::collections::HashSet::new();
    for (i, m) in state.migrations.iter().enumerate() {
        let at = root.at("migrations", i);
        for (key, path, up) in [("up", &m.up, true), ("down", &m.down, false)] {
            if !is_migration_path(path, m.version, up) {
                return refuse(at.key(key), outside_message());
            }
            if !named.insert(path.as_str()) {
                return refuse(at.key(key), "names a file an earlier migration names".into());
            }
        }
        for (key, sum) in [("up_sha256", &m.up_sha256), ("down_sha256", &m.down_sha256)] {
            if sum.len() != 64 || !sum.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')) {
                return refuse(at.key(key), "is not a SHA-256 in lowercase hex".into());
            }
        }
        one_line(&m.title, &at.key("title"))?;
        one_line(&m.spec, &at.key("spec"))?;
        if m.steps.is_empty() {
            return refuse(
                at.key("steps"),
                "is missing: apigen re-renders every migration from the steps it records, to tell an applied migration that was edited (the state was written by an older apigen, or edited)".into(),
            );
        }
        for (j, step) in m.steps.iter().enumerate() {
            self::step(step, dialect, &at.at("steps", j))?;
        }
    }
    for (i, t) in state.tables.iter().enumerate() {
        table(t, dialect, &root.at("tables", i))?;
    }
    Ok(())
}

/// The refusal of a migration path: one sentence whether or not such a file exists.
pub fn outside_message() -> String {
    "is not a migration file apigen writes inside the dialect's folder (a relative name such as `versions/V1/up.sql` or `0001_name.up.sql`, no symlink)".into()
}

/// Whether a path is one apigen writes for a migration of `version` (below the dialect's folder):
/// `versions/V{version}/up.sql`, `versions/V{version}/up_{NNN}_{slug}.sql` (and `down`), or sqlx's
/// `{NNNN}_{slug}.up.sql`; slugs are `[a-z0-9_]`. Nothing absolute, no `..`, no other character.
fn is_migration_path(path: &str, version: u32, up: bool) -> bool {
    let direction = if up { "up" } else { "down" };
    let slug = |s: &str| s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["versions", folder, file] => {
            if *folder != format!("V{version}") {
                return false;
            }
            let Some(stem) = file.strip_suffix(".sql").and_then(|f| f.strip_prefix(direction)) else { return false };
            if stem.is_empty() {
                return true;
            }
            // `_{NNN}_{slug}`
            let Some(rest) = stem.strip_prefix('_') else { return false };
            let (number, slug_text) = rest.split_once('_').unwrap_or((rest, ""));
            number.len() >= 3 && number.chars().all(|c| c.is_ascii_digit()) && slug(slug_text)
        }
        [file] => {
            let Some(stem) = file.strip_suffix(&format!(".{direction}.sql")) else { return false };
            let (number, slug_text) = stem.split_once('_').unwrap_or((stem, ""));
            number.len() >= 4 && number.chars().all(|c| c.is_ascii_digit()) && slug(slug_text)
        }
        _ => false,
    }
}

/// Checks one recorded step of a migration.
fn step(step: &Step, dialect: Dialect, at: &KeyPath) -> Checked {
    match step {
        Step::CreateTable { table: t } | Step::DropTable { table: t } => table(t, dialect, &at.key("table")),
        Step::RenameTable { from, to } | Step::RenameColumn { from, to, .. } => {
            if let Step::RenameColumn { table, .. } = step {
                name(table, &at.key("table"))?;
            }
            name(from, &at.key("from"))?;
            name(to, &at.key("to"))
        }
        Step::AddColumn { table, column: c } | Step::DropColumn { table, column: c } => {
            name(table, &at.key("table"))?;
            column(c, dialect, &at.key("column"))
        }
        Step::AlterColumn { table, from, to } => {
            name(table, &at.key("table"))?;
            column(from, dialect, &at.key("from"))?;
            column(to, dialect, &at.key("to"))
        }
        Step::AddConstraint { table, constraint: k } | Step::DropConstraint { table, constraint: k } => {
            name(table, &at.key("table"))?;
            constraint(k, &at.key("constraint"))
        }
        Step::AddIndex { table, index: i } | Step::DropIndex { table, index: i } => {
            name(table, &at.key("table"))?;
            index(i, &at.key("index"))
        }
        Step::Rebuild { from, to, copy } => {
            table(from, dialect, &at.key("from"))?;
            table(to, dialect, &at.key("to"))?;
            for (i, (new, old)) in copy.iter().enumerate() {
                name(new, &at.at("copy", i))?;
                name(old, &at.at("copy", i))?;
            }
            Ok(())
        }
    }
}

/// Checks a table: its names, comment, options, columns, constraints and indexes.
fn table(t: &TableState, dialect: Dialect, at: &KeyPath) -> Checked {
    name(&t.name, &at.key("name"))?;
    one_line(&t.schema, &at.key("schema"))?;
    one_line(&t.comment, &at.key("comment"))?;
    if t.options != dialect::table_options(dialect) {
        let expected = match dialect::table_options(dialect) {
            "" => "empty".to_string(),
            o => format!("`{}`", o.trim()),
        };
        return refuse(at.key("options"), format!("must be {expected} for {}", dialect.label()));
    }
    for (i, c) in t.columns.iter().enumerate() {
        column(c, dialect, &at.at("columns", i))?;
    }
    for (i, k) in t.constraints.iter().enumerate() {
        constraint(k, &at.at("constraints", i))?;
    }
    for (i, x) in t.indexes.iter().enumerate() {
        index(x, &at.at("indexes", i))?;
    }
    Ok(())
}

fn column(c: &ColumnState, dialect: Dialect, at: &KeyPath) -> Checked {
    name(&c.name, &at.key("name"))?;
    if let Err(why) = dialect::known_type(&c.sql_type, dialect) {
        return refuse(at.key("sql_type"), why);
    }
    let identity = dialect::identity_clause(dialect);
    if !c.identity.is_empty() && c.identity != identity {
        let expected =
            if identity.is_empty() { "empty".to_string() } else { format!("empty or `{}`", identity.trim()) };
        return refuse(at.key("identity"), format!("must be {expected} for {}", dialect.label()));
    }
    if let Some(default) = &c.default {
        if let Err(why) = dialect::known_default(default, dialect) {
            return refuse(at.key("default"), why);
        }
    }
    Ok(())
}

fn constraint(k: &ConstraintState, at: &KeyPath) -> Checked {
    name(&k.name, &at.key("name"))?;
    names(&k.columns, &at.key("columns"))?;
    let foreign = k.kind == ConstraintKind::Foreign;
    if foreign {
        name(&k.ref_table, &at.key("ref_table"))?;
        names(&k.ref_columns, &at.key("ref_columns"))?;
    } else if !k.ref_table.is_empty() || !k.ref_columns.is_empty() {
        return refuse(at.key("ref_table"), "only a foreign key references a table".into());
    }
    let check = k.kind == ConstraintKind::Check;
    if check == k.values.is_empty() {
        return refuse(at.key("values"), "a check constraint, and only one, lists values".into());
    }
    for (i, v) in k.values.iter().enumerate() {
        if !matches!(v, Value::String(_) | Value::Number(_)) {
            return refuse(at.at("values", i), "an enum value is a string or a number".into());
        }
    }
    Ok(())
}

fn index(x: &IndexState, at: &KeyPath) -> Checked {
    name(&x.name, &at.key("name"))?;
    names(&x.columns, &at.key("columns"))
}

fn names(list: &[String], at: &KeyPath) -> Checked {
    if list.is_empty() {
        return refuse(at.clone(), "lists no column".into());
    }
    list.iter().enumerate().try_for_each(|(i, n)| name(n, &at.clone().index(i)))
}

fn name(text: &str, at: &KeyPath) -> Checked {
    match dialect::ident_problem(text) {
        Some(why) => refuse(at.clone(), why),
        None => Ok(()),
    }
}

fn one_line(text: &str, at: &KeyPath) -> Checked {
    if crate::text::one_line(text) != text {
        return refuse(at.clone(), "must be one line of text (no line break or control character)".into());
    }
    Ok(())
}

/// `line:column` (1-based) of the value at a key in a state file's text, when the text has it.
pub fn locate(text: &str, key: &KeyPath) -> Option<(usize, usize)> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item = doc.as_item();
    let mut span = None;
    for segment in key.segments() {
        let next = match segment {
            Segment::Key(k) => item.get(*k),
            Segment::Index(i) => item.get(*i),
        };
        match next {
            Some(n) => {
                item = n;
                span = n.span().or(span);
            }
            None => break,
        }
    }
    Some(crate::load::source::SourceFile::new(super::state::FILE, text.to_string()).line_col(span?.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_paths_are_the_shapes_apigen_writes() {
        for (path, version, up) in [
            ("versions/V1/up.sql", 1, true),
            ("versions/V2/down.sql", 2, false),
            ("versions/V1/up_002_alter_customers.sql", 1, true),
            ("0001_orders.up.sql", 1, true),
            ("0007_create_notes.down.sql", 3, false),
        ] {
            assert!(is_migration_path(path, version, up), "{path}");
        }
        for (path, version, up) in [
            ("../../../../etc/shadow", 1, true),
            ("/etc/shadow", 1, true),
            ("versions/V1/../../../x.sql", 1, true),
            ("versions/V1/down.sql", 1, true),
            ("versions/V2/up.sql", 1, true),
            ("versions/V1/up_002_../x.sql", 1, true),
            ("versions//V1/up.sql", 1, true),
            ("./0001_orders.up.sql", 1, true),
            ("0001_Orders.up.sql", 1, true),
            ("0001_a.b.up.sql", 1, true),
            ("1_orders.up.sql", 1, true),
            ("", 1, true),
        ] {
            assert!(!is_migration_path(path, version, up), "{path}");
        }
    }

    #[test]
    fn keys_are_located() {
        let text =
            "dialect = \"sqlite\"\n\n[[tables]]\nname = \"a\"\n\n[[tables.columns]]\nname = \"id\"\ndefault = \"x\"\n";
        let key = KeyPath::default().at("tables", 0).at("columns", 0).key("default");
        assert_eq!(key.to_string(), "tables[0].columns[0].default");
        assert_eq!(locate(text, &key), Some((8, 11)));
    }
}
