//! Target `migrations`: SQL migration skeletons for the schemas a spec marks
//! as persisted (docs/generate/migrations.md), for PostgreSQL,
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
//! lowest version of the document (1 without versioned paths). Schemas of
//! several versions may share a table (see `table-name-unique`): a column only
//! a later version's schema has belongs to that version. Each version gets one
//! first migration: `up` creates its tables in foreign-key order (and adds the
//! columns it brings to older tables), `down` reverts it. Layouts, below `{out}/{name}-migrations/{dialect}/`:
//!
//! - `versions` (docs/standard.md §11 Persistence): `versions/V{N}/up.sql` and `versions/V{N}/down.sql`;
//! - `sqlx`: `{NNNN}_{name}.up.sql` and `{NNNN}_{name}.down.sql`, `NNNN` the API version.
//!
//! # After the first migration
//!
//! `{dialect}/state.toml` ([`state`]) records the tables as the last migration
//! leaves them and, for every migration file, its checksum and the steps it
//! applies. A later generation checks every value of the state ([`validate`]),
//! re-renders each migration from its steps and replays them to the recorded
//! tables, then compares the spec's tables with the state and writes a new
//! migration for the difference ([`evolve`]); the files already written are
//! re-emitted byte for byte (an edited one stops generation, even with its
//! checksum edited too). Later steps of version N are
//! `versions/V{N}/up_{NNN}_{what}.sql` (after `up.sql` in name order), or the
//! next sqlx number. Steps that may lose data need `--allow-destructive`.
//! Migrations written before apigen kept a state are adopted when they are
//! exactly what the first generation writes.
//!
//! Specs whose annotations cannot be generated (an unknown referenced table, a
//! reference cycle, a table name claimed twice, a type a dialect cannot hold)
//! are reported by the `table-*` and `column-type` rules
//! ([`crate::check::rules::migrations`]); generation writes nothing then.

pub mod evolve;
pub mod state;
pub mod validate;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::super::{Context, Rendered, Target};
pub use crate::database::Dialect;
use crate::database::{dialect, schema};
use evolve::{Renames, Step};
use schema::{Schema, Table};
use state::{ColumnState, ConstraintKind, ConstraintState, IndexState, Migration, State, TableState};

/// The `migrations` target.
pub const TARGET: Target = Target {
    name: "migrations",
    summary: "SQL migrations (PostgreSQL, SQLite, MySQL) of the x-table schemas, one per API version",
    requires: &[],
    needs_operations: false,
    owned_depth: 2,
    render,
};

/// How migration files are laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// `{dialect}/versions/V{N}/up.sql` and `down.sql` (docs/standard.md §11 Persistence).
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
    format!("{folder}/{dialect}/{}", relative_path(layout, name, version, up))
}

#[derive(Serialize)]
struct MigrationView<'a> {
    dialect: Dialect,
    dialect_label: &'static str,
    title: &'a str,
    version: u32,
    tables: Vec<&'a TableState>,
}

#[derive(Serialize)]
struct StepsView<'a> {
    dialect: Dialect,
    dialect_label: &'static str,
    title: &'a str,
    version: u32,
    up: bool,
    steps: Vec<StepView>,
}

#[derive(Serialize)]
struct StepView {
    #[serde(flatten)]
    step: Step,
    describe: String,
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
    let renames = renames(&schema);
    let mut files = Vec::new();
    for dialect in dialects {
        let tables: Vec<TableState> = schema.tables.iter().map(|t| table_state(t, dialect)).collect();
        let dir = format!("{folder}/{dialect}");
        let on_disk = ctx.out.join(&dir);
        let mut out = Folder { ctx, dialect, dir, on_disk, files: &mut files };
        let state = match read_state(&out.on_disk, &out.dir, dialect)? {
            // Nothing persisted and nothing written before: nothing to write.
            None if schema.tables.is_empty() => continue,
            None => out.first(&schema)?,
            Some(state) => out.evolve_state(state, &schema, tables, &renames)?,
        };
        out.add(state::FILE, state.to_text());
    }
    Ok(files)
}

/// How a migration's files are rendered: the first generation writes a migration that only
/// creates tables as its `CREATE TABLE`s (`up.sql.j2`, `down.sql.j2`); every other one is
/// written step by step (`step.sql.j2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `up.sql.j2` when every step creates a table, else step by step.
    Created,
    /// Step by step.
    Steps,
}

/// One dialect's folder of migrations while it is generated: where it is, and the output its
/// migrations (and, last, its state file) are added to.
struct Folder<'a, 'c> {
    ctx: &'a Context<'c>,
    dialect: Dialect,
    /// The folder below the output folder (`{name}-migrations/{dialect}`), as output paths and
    /// messages name it.
    dir: String,
    /// The folder on disk, where the migrations written before are read.
    on_disk: PathBuf,
    /// The output: (path below the output folder, whole text).
    files: &'a mut Vec<(String, String)>,
}

impl Folder<'_, '_> {
    /// Adds a file, named by its path below the dialect's folder, to the output.
    fn add(&mut self, path: &str, text: String) {
        self.files.push((format!("{}/{path}", self.dir), text));
    }

    /// The first migrations of a dialect (no state yet): one per API version, from the tables as
    /// the version before leaves them to the tables as this one does: `CREATE TABLE` for the
    /// tables that first appear in it, and (where schemas of several versions share a table)
    /// the columns a later version adds. Files already on disk (written before apigen kept a
    /// state) are adopted when they are exactly these.
    fn first(&mut self, schema: &Schema) -> Result<State, String> {
        let (ctx, dialect) = (self.ctx, self.dialect);
        let versions: BTreeSet<u32> =
            schema.tables.iter().flat_map(|t| std::iter::once(t.version).chain(t.columns.iter().map(|c| c.version))).collect();
        let mut state = State { dialect: dialect.as_str().to_string(), migrations: Vec::new(), tables: Vec::new() };
        for &version in &versions {
            let tables: Vec<TableState> =
                schema.tables.iter().filter_map(|t| t.at_version(version)).map(|t| table_state(&t, dialect)).collect();
            let steps = evolve::steps(&state.tables, &tables, &Renames::default(), dialect);
            if steps.is_empty() {
                continue;
            }
            let up_path = relative_path(ctx.settings.layout, &ctx.settings.name, version, true);
            let down_path = relative_path(ctx.settings.layout, &ctx.settings.name, version, false);
            self.record(&mut state, version, (up_path, down_path), steps, Form::Created)?;
            state.tables = tables;
        }
        let dir = &self.dir;
        for existing in sql_files(&self.on_disk) {
            let rendered = self.files.iter().find(|(p, _)| *p == format!("{dir}/{existing}"));
            let same =
                rendered.is_some_and(|(_, text)| read_text(&self.on_disk.join(&existing)).as_deref() == Some(text.as_str()));
            if !same {
                return Err(format!(
                    "target migrations: {dir}/{existing} exists but {dir}/{} does not, or records no steps (an older apigen wrote it), and the file is not what the first generation of the spec writes: apigen cannot tell which migrations were applied. Restore the state file, or move the folder away to start over",
                    state::FILE
                ));
            }
        }
        Ok(state)
    }

    /// Adds a new migration of `steps`: its files (path below the dialect's folder, whole text) to
    /// the output, and its entry (checksums, and what it is rendered from) to the state.
    fn record(
        &mut self,
        state: &mut State,
        version: u32,
        (up_path, down_path): (String, String),
        steps: Vec<Step>,
        form: Form,
    ) -> Result<(), String> {
        let ctx = self.ctx;
        let mut migration = Migration {
            version,
            up: up_path,
            up_sha256: String::new(),
            down: down_path,
            down_sha256: String::new(),
            title: crate::text::one_line(&ctx.api.title),
            spec: crate::text::one_line(&ctx.settings.spec),
            steps,
        };
        let (up, down) = self.render_migration(&migration, form)?;
        migration.up_sha256 = state::sha256(&up);
        migration.down_sha256 = state::sha256(&down);
        self.add(&migration.up, up);
        self.add(&migration.down, down);
        state.migrations.push(migration);
        Ok(())
    }

    /// The up and down files of a migration (with the generated header), rendered from what its
    /// state entry records: its version, steps, and the title and spec path its comments name.
    fn render_migration(&self, m: &Migration, form: Form) -> Result<(String, String), String> {
        let (ctx, dialect) = (self.ctx, self.dialect);
        let headed =
            |body: String| format!("{}{body}", crate::generate::format::header(crate::generate::format::Kind::Sql, &m.spec));
        let created: Option<Vec<&TableState>> =
            m.steps.iter().map(|s| match s { Step::CreateTable { table } => Some(table), _ => None }).collect();
        if let (Form::Created, Some(tables)) = (form, created) {
            let view =
                MigrationView { dialect, dialect_label: dialect.label(), title: &m.title, version: m.version, tables };
            return Ok((
                headed(ctx.render("migrations/up.sql.j2", &view)?),
                headed(ctx.render("migrations/down.sql.j2", &view)?),
            ));
        }
        let view = |up: bool, steps: &[Step]| StepsView {
            dialect,
            dialect_label: dialect.label(),
            title: &m.title,
            version: m.version,
            up,
            steps: steps.iter().map(|s| StepView { describe: crate::text::one_line(&s.describe()), step: s.clone() }).collect(),
        };
        Ok((
            headed(ctx.render("migrations/step.sql.j2", &view(true, &m.steps))?),
            headed(ctx.render("migrations/step.sql.j2", &view(false, &evolve::inverse(&m.steps)))?),
        ))
    }

    /// The next migrations of a dialect: the steps from the state's tables to the spec's, one
    /// migration per API version they touch; every migration already written is kept byte for byte.
    fn evolve_state(
        &mut self,
        mut state: State,
        schema: &Schema,
        tables: Vec<TableState>,
        renames: &Renames,
    ) -> Result<State, String> {
        let (ctx, dialect) = (self.ctx, self.dialect);
        self.verify(&state)?;
        let steps = evolve::steps(&state.tables, &tables, renames, dialect);
        if !ctx.settings.allow_destructive {
            // Consent per step: `x-allow-destructive: [drop column customers.tier]` on the table's schema.
            let consented = |step: &Step| {
                schema.tables.iter().any(|t| t.name == step.table() && t.consent.iter().any(|c| Some(c.as_str()) == step.consent_key().as_deref()))
            };
            let refused: Vec<String> = steps
                .iter()
                .filter(|s| !consented(s))
                .filter_map(|s| s.destructive(dialect).map(|why| format!("{why} (consent: `{}`)", s.consent_key().unwrap_or_default())))
                .collect();
            if !refused.is_empty() {
                return Err(format!(
                    "target migrations ({}): the spec asks for steps that may lose data; nothing was written:\n  {}\nReview them, then consent: run again with --allow-destructive, or name each step in `x-allow-destructive: [...]` on its table's schema",
                    dialect.label(),
                    refused.join("\n  ")
                ));
            }
        }
        // A step lands under the API version of what it changes: the column's, else the table's.
        let table_version: HashMap<&str, u32> =
            schema.tables.iter().map(|t| (t.name.as_str(), t.version)).chain(state.tables.iter().map(|t| (t.name.as_str(), t.version))).collect();
        let column_version: HashMap<(&str, &str), u32> =
            schema.tables.iter().flat_map(|t| t.columns.iter().map(move |c| ((t.name.as_str(), c.name.as_str()), c.version))).collect();
        let mut by_version: BTreeMap<u32, Vec<Step>> = BTreeMap::new();
        for step in steps {
            let column = match &step {
                Step::AddColumn { column, .. } | Step::DropColumn { column, .. } => Some(column.name.as_str()),
                Step::AlterColumn { to, .. } => Some(to.name.as_str()),
                Step::RenameColumn { to, .. } => Some(to.as_str()),
                _ => None,
            };
            let version = column
                .and_then(|c| column_version.get(&(step.table(), c)))
                .or_else(|| table_version.get(step.table()))
                .copied()
                .unwrap_or(1);
            by_version.entry(version).or_default().push(step);
        }
        for (version, steps) in by_version {
            let (up_path, down_path) = next_paths(&state, ctx.settings.layout, version, &slug(&steps));
            self.record(&mut state, version, (up_path, down_path), steps, Form::Steps)?;
        }
        state.tables = tables;
        Ok(state)
    }

    /// Checks the migrations a state lists, and adds them to the output unchanged. Each file must be
    /// a regular file inside the dialect's folder, match its checksum, and be exactly what apigen
    /// renders from the steps the state records for it (in either form); replayed from no tables,
    /// the steps must lead to the state's tables. So an applied migration edited together with its
    /// checksum is found, and a state edited to match it must still describe migrations apigen
    /// writes from values it checks ([`validate`]).
    ///
    /// Errors: the first migration that fails, with what to do.
    fn verify(&mut self, state: &State) -> Result<(), String> {
        let dir = &self.dir;
        let edited = |path: &str, why: &str| {
            format!(
                "target migrations: {dir}/{path} was changed after apigen wrote it ({why}); a migration that may have been applied must not change: restore it and {dir}/{} from version control, and change the spec instead",
                state::FILE
            )
        };
        for (i, m) in state.migrations.iter().enumerate() {
            let mut texts = Vec::new();
            for (key, path, sum) in [("up", &m.up, &m.up_sha256), ("down", &m.down, &m.down_sha256)] {
                let file = inside(&self.on_disk, path).ok_or_else(|| {
                    format!("target migrations: {dir}/{}: `migrations[{i}].{key}` {}", state::FILE, validate::outside_message())
                })?;
                let text = read_text(&file).ok_or_else(|| {
                    format!("target migrations: {dir}/{path} is missing; the migration state lists it (restore it from version control)")
                })?;
                if state::sha256(&text) != *sum {
                    return Err(edited(path, &format!("its checksum differs from {dir}/{}", state::FILE)));
                }
                texts.push(text);
            }
            let mut rendered_alike = false;
            for form in [Form::Created, Form::Steps] {
                let (up, down) = self.render_migration(m, form)?;
                rendered_alike |= up == texts[0] && down == texts[1];
            }
            if !rendered_alike {
                return Err(edited(&m.up, "it is not what apigen renders from the steps the state records for it"));
            }
            let down = texts.pop().unwrap_or_default();
            let up = texts.pop().unwrap_or_default();
            self.files.push((format!("{dir}/{}", m.up), up));
            self.files.push((format!("{dir}/{}", m.down), down));
        }
        let mut replayed = Vec::new();
        for (i, m) in state.migrations.iter().enumerate() {
            for step in &m.steps {
                evolve::apply(&mut replayed, step).map_err(|why| {
                    format!(
                        "target migrations: {dir}/{}: the steps of `migrations[{i}]` ({}) do not follow from the migrations before it: {why}; restore the state file from version control",
                        state::FILE,
                        m.up
                    )
                })?;
            }
        }
        let same_tables = replayed.len() == state.tables.len()
            && replayed.iter().all(|r| state.tables.iter().any(|t| evolve::same_shape(r, t)));
        if !same_tables {
            return Err(format!(
                "target migrations: {dir}/{}: its migrations do not lead to the tables it records; restore the state file from version control",
                state::FILE
            ));
        }
        Ok(())
    }
}

/// The path of a migration file the state names, when no part of the way to it below the
/// dialect's folder is a symlink (nothing is followed or opened; [`validate`] checked its shape).
fn inside(on_disk: &Path, relative: &str) -> Option<std::path::PathBuf> {
    let mut path = on_disk.to_path_buf();
    for part in relative.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return None;
        }
        path.push(part);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return None;
        }
    }
    Some(path)
}

/// Paths (below the dialect's folder) of the next migration of an API version. `versions`:
/// the first of version N is `versions/VN/up.sql`, later ones `versions/VN/up_002_{slug}.sql`,
/// `up_003_…` (they sort after `up.sql`); `sqlx`: the next number, `{NNNN}_{slug}.up.sql`.
fn next_paths(state: &State, layout: Layout, version: u32, slug: &str) -> (String, String) {
    match layout {
        Layout::Versions => {
            let count = state.migrations.iter().filter(|m| m.version == version).count();
            if count == 0 {
                (format!("versions/V{version}/up.sql"), format!("versions/V{version}/down.sql"))
            } else {
                let n = count + 1;
                (format!("versions/V{version}/up_{n:03}_{slug}.sql"), format!("versions/V{version}/down_{n:03}_{slug}.sql"))
            }
        }
        Layout::Sqlx => {
            let last = state
                .migrations
                .iter()
                .filter_map(|m| m.up.split('_').next().and_then(|n| n.parse::<u32>().ok()))
                .max()
                .unwrap_or(0);
            let n = last + 1;
            (format!("{n:04}_{slug}.up.sql"), format!("{n:04}_{slug}.down.sql"))
        }
    }
}

/// A file-name description of a migration's steps: `create_orders`, `drop_notes`, `alter_customers_orders`.
fn slug(steps: &[Step]) -> String {
    let mut tables: Vec<&str> = Vec::new();
    for s in steps {
        if !tables.contains(&s.table()) {
            tables.push(s.table());
        }
    }
    let verb = if steps.iter().all(|s| matches!(s, Step::CreateTable { .. })) {
        "create"
    } else if steps.iter().all(|s| matches!(s, Step::DropTable { .. })) {
        "drop"
    } else {
        "alter"
    };
    let mut slug = format!("{verb}_{}", tables.join("_"));
    slug.truncate(48);
    slug.trim_end_matches('_').to_ascii_lowercase()
}

/// The migration state of a dialect's folder (`shown`: the folder as messages name it), if it has one.
///
/// Errors: a state file that cannot be read, is not a state, or holds a value apigen would
/// not have written ([`validate`]), with the key and its line:column.
fn read_state(dir: &Path, shown: &str, dialect: Dialect) -> Result<Option<State>, String> {
    let path = dir.join(state::FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let file = format!("{shown}/{}", state::FILE);
    let linked = [dir, dir.parent().unwrap_or(dir)]
        .iter()
        .any(|d| std::fs::symlink_metadata(d).is_ok_and(|m| m.file_type().is_symlink()));
    if linked {
        return Err(format!("target migrations: {file} is not read: its folder is a symlink (apigen reads and writes migrations only in a real folder)"));
    }
    let text = read_text(&path).ok_or_else(|| format!("target migrations: {file} cannot be read (not a regular UTF-8 file)"))?;
    let state = State::parse(&text).map_err(|(at, why)| format!("target migrations: {file}{at}: {why}"))?;
    if !state.migrations.is_empty() && state.migrations.iter().all(|m| m.steps.is_empty()) {
        // Written by an apigen that recorded no steps: nothing in it can be re-derived, so it
        // counts as no state, and the files on disk are adopted only when they are exactly
        // what the first generation of the spec writes.
        return Ok(None);
    }
    validate::state(&state, dialect).map_err(|refusal| {
        let at = validate::locate(&text, &refusal.key).map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
        format!(
            "target migrations: {file}{at}: `{}` {}; nothing was written (restore the state file from version control)",
            refusal.key,
            refusal.why,
        )
    })?;
    Ok(Some(state))
}

/// A regular file's text (never through a symlink).
fn read_text(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    String::from_utf8(crate::load::boundary::read_capped(path).ok()?).ok()
}

/// The `.sql` files below a dialect's folder, relative to it, `/`-separated.
fn sql_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let Ok(kind) = entry.file_type() else { continue };
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "sql") {
                if let Ok(rel) = path.strip_prefix(dir) {
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    out.sort();
    out
}

/// `x-renamed-from` of the tables and columns.
fn renames(schema: &Schema) -> Renames {
    let mut out = Renames::default();
    for t in &schema.tables {
        if let Some(old) = &t.renamed_from {
            out.tables.insert(t.name.clone(), old.clone());
        }
        for c in &t.columns {
            if let Some(old) = &c.renamed_from {
                out.columns.insert((t.name.clone(), c.name.clone()), old.clone());
            }
        }
    }
    out
}

fn table_state(table: &Table, dialect: Dialect) -> TableState {
    let columns = table
        .columns
        .iter()
        .map(|c| ColumnState {
            name: c.name.clone(),
            sql_type: dialect::column_type(c, dialect),
            identity: if c.identity { dialect::identity_clause(dialect).to_string() } else { String::new() },
            not_null: c.not_null,
            default: dialect::default_expr(c, dialect),
        })
        .collect();
    let mut constraints = Vec::new();
    let constraint = |kind, name, columns: &[String]| ConstraintState {
        kind,
        name,
        columns: columns.to_vec(),
        ref_table: String::new(),
        ref_columns: Vec::new(),
        values: Vec::new(),
    };
    if !table.primary_key.is_empty() {
        constraints.push(constraint(ConstraintKind::Primary, table.pk_name(), &table.primary_key));
    }
    for cols in &table.uniques {
        constraints.push(constraint(ConstraintKind::Unique, table.unique_name(cols), cols));
    }
    for fk in &table.foreign_keys {
        let mut c = constraint(ConstraintKind::Foreign, table.fk_name(&fk.column), std::slice::from_ref(&fk.column));
        c.ref_table = fk.table.clone();
        c.ref_columns = vec![fk.references.clone()];
        constraints.push(c);
    }
    for check in &table.checks {
        let mut c = constraint(ConstraintKind::Check, table.check_name(&check.column), std::slice::from_ref(&check.column));
        c.values = check.values.clone();
        constraints.push(c);
    }
    let indexes =
        table.indexes.iter().map(|cols| IndexState { name: table.index_name(cols), columns: cols.clone() }).collect();
    let summary =
        table.description.as_deref().and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty())).unwrap_or("");
    let comment = if summary.is_empty() {
        format!("{} (schema {})", table.name, table.schema)
    } else {
        format!("{} (schema {}): {summary}", table.name, table.schema)
    };
    TableState {
        name: table.name.clone(),
        schema: table.schema.clone(),
        version: table.version,
        comment: crate::text::one_line(&comment),
        options: dialect::table_options(dialect).to_string(),
        columns,
        constraints,
        indexes,
    }
}

/// A migration file's path below the dialect's folder, for the first migration of an API version.
fn relative_path(layout: Layout, name: &str, version: u32, up: bool) -> String {
    let direction = if up { "up" } else { "down" };
    match layout {
        Layout::Versions => format!("versions/V{version}/{direction}.sql"),
        Layout::Sqlx => {
            let description: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
            format!("{version:04}_{description}.{direction}.sql")
        }
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
