//! The `migrations` target (issue 5): migrations of every `x-table` schema of
//! every spec in `specs/` are generated in-process (library API) and applied
//! for real — up, down, up again — on embedded SQLite, and on PostgreSQL and
//! MariaDB servers the tests start themselves when installed
//! (`scripts/install-databases.sh`; with `APIGEN_REQUIRE_DATABASES=1` a missing
//! server fails the test instead of skipping it). After `up`, the catalog must
//! match what the spec asks for (read from the document, not from apigen's
//! table model), and rows that break a constraint must be refused. Snapshot
//! tests pin the SQL of each dialect and layout (`APIGEN_BLESS=1` rewrites
//! them); CLI tests cover settings and bad input.

#[path = "../common/mod.rs"]
mod common;
mod db;
mod evolve;
mod expect;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use apigen::config::Config;
use apigen::generate::targets::migrations::{self, Dialect, Layout};
use apigen::generate::{self, Settings};
use apigen::load::Document;
use apigen::model::Api;

use db::{Catalog, Db};
use expect::{Kind, Sql};

/// Writes to the real stderr (not captured by the test harness), so skips and summaries show in CI logs.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every spec of `specs/`, sorted.
fn specs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo().join("specs"))
        .expect("specs/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no specs in specs/");
    out
}

fn stem(spec: &Path) -> String {
    spec.file_stem().and_then(|s| s.to_str()).expect("file name").to_string()
}

/// Loads and lowers a spec (it must have no blocking error).
fn load(spec: &Path) -> (Document, Api) {
    let doc = Document::load(spec).unwrap_or_else(|e| panic!("{}: {e:#}", spec.display()));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let checked = apigen::check::check_document(doc, &Config::default(), today);
    let api = checked.api.unwrap_or_else(|| panic!("{} does not lower", spec.display()));
    (checked.doc, api)
}

/// Generates the migrations of a spec in memory: (path below the output folder, text).
fn render(spec: &Path, api: &Api, dialects: &[Dialect], layout: Layout) -> Vec<(String, String)> {
    let settings = Settings {
        spec: format!("specs/{}", spec.file_name().and_then(|n| n.to_str()).expect("name")),
        name: stem(spec),
        templates: None,
        dialects: dialects.to_vec(),
        layout,
        allow_destructive: false,
    };
    let target = generate::target("migrations").expect("the migrations target is registered");
    let output = generate::render(api, &settings, &[target], Path::new("out"))
        .unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    // The SQL files only: the migration state beside them is tested in `evolve.rs`.
    output
        .files
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "sql"))
        .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.text))
        .collect()
}

// ------------------------------------------------------------------ applying migrations

/// One spec's migrations for a dialect, written to a temp folder by the library's
/// writer and read back: (version, up SQL, down SQL) in version order.
fn migrations_on_disk(spec: &Path, api: &Api, dialect: Dialect) -> Vec<(u32, String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        spec: format!("specs/{}", spec.file_name().and_then(|n| n.to_str()).expect("name")),
        name: stem(spec),
        templates: None,
        dialects: vec![dialect],
        layout: Layout::Versions,
        allow_destructive: false,
    };
    let target = generate::target("migrations").expect("registered");
    let output = generate::render(api, &settings, &[target], dir.path()).expect("render");
    apigen::generate::writer::write(&output).expect("write");
    migrations::plan(api, &stem(spec), dialect, Layout::Versions)
        .into_iter()
        .map(|(v, up, down)| {
            let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
            (v, read(&up), read(&down))
        })
        .collect()
}

fn tag(dialect: Sql) -> Dialect {
    match dialect {
        Sql::Postgres => Dialect::Postgres,
        Sql::Sqlite => Dialect::Sqlite,
        Sql::Mysql => Dialect::Mysql,
    }
}

/// Up, inspect, break constraints, down, up again, down: for one spec on one database.
/// Returns (tables, refused rows).
fn exercise(spec: &Path, db: &mut dyn Db) -> (usize, usize) {
    let dialect = db.dialect();
    let (doc, api) = load(spec);
    let expected = expect::tables(&doc.root);
    let files = migrations_on_disk(spec, &api, tag(dialect));
    let name = stem(spec);
    if expected.is_empty() {
        assert!(files.is_empty(), "{name}: no x-table schemas but migrations were written");
        return (0, 0);
    }
    let up = |db: &mut dyn Db| {
        for (v, sql, _) in &files {
            db.exec(sql).unwrap_or_else(|e| panic!("{name} {dialect:?}: up V{v} failed:\n{e}\n--- SQL ---\n{sql}"));
        }
    };
    let down = |db: &mut dyn Db| {
        for (v, _, sql) in files.iter().rev() {
            db.exec(sql).unwrap_or_else(|e| panic!("{name} {dialect:?}: down V{v} failed:\n{e}\n--- SQL ---\n{sql}"));
        }
    };
    up(db);
    let first = db.catalog();
    assert_catalog(&name, dialect, &expected, &first);
    let refused = assert_constraints(&name, db, &expected);
    down(db);
    let empty = db.catalog();
    assert!(empty.is_empty(), "{name} {dialect:?}: tables left after down: {:?}", empty.keys().collect::<Vec<_>>());
    up(db);
    let again = db.catalog();
    assert_eq!(first, again, "{name} {dialect:?}: the catalog differs after down and up again");
    down(db);
    (expected.len(), refused)
}

/// The catalog matches the spec: tables, columns (order, type, nullability, defaults), keys, indexes, checks.
fn assert_catalog(spec: &str, dialect: Sql, expected: &[expect::Table], actual: &BTreeMap<String, Catalog>) {
    let mut want: Vec<&str> = expected.iter().map(|t| t.name.as_str()).collect();
    want.sort_unstable();
    assert_eq!(actual.keys().map(String::as_str).collect::<Vec<_>>(), want, "{spec} {dialect:?}: tables");
    for t in expected {
        let cat = &actual[&t.name];
        let at = format!("{spec} {dialect:?} table {}", t.name);
        let names: Vec<&str> = cat.columns.iter().map(|c| c.0.as_str()).collect();
        let want_names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, want_names, "{at}: columns");
        for (c, (name, ty, nullable, has_default)) in t.columns.iter().zip(&cat.columns) {
            let types = expect::catalog_type(t, c, dialect);
            // SQLite reports declared types in upper case whatever was written.
            let same = |a: &String| if dialect == Sql::Sqlite { a.eq_ignore_ascii_case(ty) } else { a == ty };
            assert!(types.iter().any(same), "{at}: column {name} has type {ty}, expected {}", types.join(" or "));
            assert_eq!(*nullable, c.nullable, "{at}: column {name} nullability");
            assert_eq!(*has_default, c.has_default, "{at}: column {name} default");
        }
        assert_eq!(cat.pk, t.pk, "{at}: primary key");
        let fks: std::collections::BTreeSet<_> = t.fks.iter().cloned().collect();
        assert_eq!(cat.fks, fks, "{at}: foreign keys");
        let uniques: std::collections::BTreeSet<_> = t.uniques.iter().cloned().collect();
        assert_eq!(cat.uniques, uniques, "{at}: unique constraints");
        let mut indexes = cat.indexes.clone();
        if dialect == Sql::Mysql {
            // MySQL indexes every foreign key no index leads with.
            indexes.retain(|cols| t.indexes.contains(cols) || !t.fks.iter().any(|(c, _, _)| cols == &vec![c.clone()]));
        }
        let want_indexes: std::collections::BTreeSet<_> = t.indexes.iter().cloned().collect();
        assert_eq!(indexes, want_indexes, "{at}: indexes");
        for c in t.columns.iter().filter(|c| !c.values.is_empty()) {
            let found = cat.checks.iter().any(|text| {
                text.contains(&c.name)
                    && c.values.iter().all(|v| match v {
                        serde_json::Value::String(s) => text.contains(&format!("'{s}'")),
                        other => text.contains(&other.to_string()),
                    })
            });
            assert!(
                found,
                "{at}: no CHECK constraint on {} with values {:?}; checks: {:#?}",
                c.name, c.values, cat.checks
            );
        }
    }
}

/// Inserts valid rows, then rows breaking each NOT NULL, CHECK, FOREIGN KEY and
/// UNIQUE constraint, which must be refused for that reason. Returns how many were refused.
fn assert_constraints(spec: &str, db: &mut dyn Db, expected: &[expect::Table]) -> usize {
    let dialect = db.dialect();
    let (not_null, check, foreign, unique) = match dialect {
        Sql::Postgres => (
            "violates not-null constraint",
            "violates check constraint",
            "violates foreign key constraint",
            "violates unique constraint",
        ),
        Sql::Sqlite => (
            "NOT NULL constraint failed",
            "CHECK constraint failed",
            "FOREIGN KEY constraint failed",
            "UNIQUE constraint failed",
        ),
        Sql::Mysql => ("cannot be null", "failed for", "foreign key constraint fails", "Duplicate entry"),
    };
    let mut seq = 1_u64;
    let mut first_rows: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut refused = 0;
    for t in expect::insertion_order(expected) {
        let row = |seq: u64| -> BTreeMap<String, String> {
            t.columns
                .iter()
                .map(|c| {
                    let value = match t.fks.iter().find(|(col, _, _)| col == &c.name) {
                        Some((_, target, key)) => first_rows
                            .get(target)
                            .and_then(|r| r.get(key))
                            .cloned()
                            .unwrap_or_else(|| expect::literal(&c.kind, seq, dialect)),
                        None => expect::literal(&c.kind, seq, dialect),
                    };
                    (c.name.clone(), value)
                })
                .collect()
        };
        let insert = |values: &BTreeMap<String, String>| {
            let cols: Vec<String> = values.keys().map(|c| expect::quote(c, dialect)).collect();
            let vals: Vec<&str> = values.values().map(String::as_str).collect();
            format!(
                "INSERT INTO {} ({}) VALUES ({});",
                expect::quote(&t.name, dialect),
                cols.join(", "),
                vals.join(", ")
            )
        };
        let at = format!("{spec} {dialect:?} table {}", t.name);
        let first = row(seq);
        seq += 1;
        db.exec(&insert(&first)).unwrap_or_else(|e| panic!("{at}: a valid row was refused: {e}\n{}", insert(&first)));
        let second = row(seq);
        seq += 1;
        db.exec(&insert(&second))
            .unwrap_or_else(|e| panic!("{at}: a second valid row was refused: {e}\n{}", insert(&second)));
        let mut refuse = |values: BTreeMap<String, String>, why: &str, what: &str| {
            let sql = insert(&values);
            match db.exec(&sql) {
                Ok(()) => panic!("{at}: a row breaking {what} was accepted:\n{sql}"),
                Err(e) => {
                    assert!(e.contains(why), "{at}: a row breaking {what} was refused for another reason:\n{e}\n{sql}")
                }
            }
            refused += 1;
        };
        for c in t.columns.iter().filter(|c| !c.nullable) {
            let mut r = row(seq);
            seq += 1;
            r.insert(c.name.clone(), "NULL".into());
            refuse(r, not_null, &format!("NOT NULL on {}", c.name));
        }
        for c in t.columns.iter().filter(|c| !c.values.is_empty()) {
            let mut r = row(seq);
            seq += 1;
            r.insert(c.name.clone(), expect::bad_enum_literal(&c.kind));
            refuse(r, check, &format!("the CHECK on {}", c.name));
        }
        for (column, target, _) in &t.fks {
            let mut r = row(seq);
            seq += 1;
            let kind = t.column(column).kind.clone();
            let missing = if matches!(kind, Kind::Written(_)) {
                format!("'missing-{seq}'")
            } else {
                expect::literal(&kind, 900_000 + seq, dialect)
            };
            r.insert(column.clone(), missing);
            refuse(r, foreign, &format!("the foreign key {column} → {target}"));
        }
        for cols in &t.uniques {
            let mut r = row(seq);
            seq += 1;
            for c in cols {
                r.insert(c.clone(), first[c].clone());
            }
            refuse(r, unique, &format!("UNIQUE ({})", cols.join(", ")));
        }
        first_rows.insert(t.name.clone(), first);
    }
    refused
}

/// Runs `exercise` for every spec; prints a summary line.
fn every_spec<'s>(label: &str, mut open: impl FnMut(&str) -> Box<dyn Db + 's>) {
    let mut tables = 0;
    let mut refused = 0;
    let specs = specs();
    for spec in &specs {
        let mut db = open(&format!("apigen_{}", stem(spec).replace('-', "_")));
        let (t, r) = exercise(spec, db.as_mut());
        tables += t;
        refused += r;
    }
    say(&format!("migrations on {label}: {} specs, {tables} tables: up, down, up again; {refused} constraint-breaking rows refused", specs.len()));
}

/// Whether a missing server must fail the test (CI) rather than skip it.
fn skip_or_fail(what: &str, why: &str) {
    if std::env::var(db::REQUIRE_ENV).is_ok_and(|v| v == "1") {
        panic!("{what}: {why} ({} is set, so this does not skip)", db::REQUIRE_ENV);
    }
    say(&format!("SKIPPED {what}: {why}"));
}

#[test]
fn sqlite_applies_the_migrations_of_every_spec() {
    every_spec("SQLite (embedded)", |_| Box::new(db::Sqlite::open()));
}

#[test]
fn postgres_applies_the_migrations_of_every_spec() {
    let server = match db::Postgres::start() {
        Ok(s) => s,
        Err(why) => return skip_or_fail("PostgreSQL migration test", &why),
    };
    every_spec("PostgreSQL", |name| Box::new(db::PgDb::create(&server, name)));
}

#[test]
fn mariadb_applies_the_migrations_of_every_spec() {
    let server = match db::Mariadb::start() {
        Ok(s) => s,
        Err(why) => return skip_or_fail("MariaDB migration test", &why),
    };
    every_spec("MariaDB", |name| Box::new(db::MariaDb::create(&server, name)));
}

/// Hand-written expectations for the order-management spec on SQLite, beside the generic ones.
#[test]
fn orders_on_sqlite_in_detail() {
    let spec = repo().join("specs/orders.yaml");
    let (_, api) = load(&spec);
    let files = migrations_on_disk(&spec, &api, Dialect::Sqlite);
    assert_eq!(files.len(), 1, "every orders table is used by /api/v1 operations: one migration");
    let mut db = db::Sqlite::open();
    db.exec(&files[0].1).expect("up");
    let order: Vec<String> = {
        let mut stmt = db.conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(order, ["customers", "orders", "order_items", "webhook_subscriptions"], "foreign-key order");
    let cat = db.catalog();
    let orders = &cat["orders"];
    assert!(orders.columns.iter().all(|c| c.0 != "item_count"), "x-db: false keeps item_count out");
    assert!(
        orders.columns.iter().any(|c| c == &("cancelled_at".to_string(), "TEXT".to_string(), true, false)),
        "{:?}",
        orders.columns
    );
    assert!(
        orders.columns.iter().any(|c| c == &("created_at".to_string(), "TEXT".to_string(), false, true)),
        "{:?}",
        orders.columns
    );
    assert!(orders.fks.contains(&("customer_id".into(), "customers".into(), "id".into())));
    assert!(orders.indexes.contains(&vec!["status".to_string(), "created_at".to_string()]));
    let subs = &cat["webhook_subscriptions"];
    assert!(
        subs.columns.iter().any(|c| c.0 == "event_types" && c.1.eq_ignore_ascii_case("text") && !c.2),
        "x-column type: {:?}",
        subs.columns
    );
    db.exec("INSERT INTO customers (id, email, first_name, last_name, is_active, has_marketing_consent) VALUES ('c1', 'a@example.com', 'A', 'B', 1, 0);")
        .expect("created_at and updated_at default to now");
    let created: String = db.conn.query_row("SELECT created_at FROM customers", [], |r| r.get(0)).unwrap();
    assert!(created.len() == 24 && created.ends_with('Z') && created.contains('T'), "RFC 3339 default: {created}");
    db.exec(&files[0].2).expect("down");
    assert!(db.catalog().is_empty());
}

// ------------------------------------------------------------------ snapshots

/// `tests/snapshots/migrations/{spec}.{layout}.{dialect}.sql`: every file of the target
/// for that spec, dialect and layout, each after a `-- ==> path <==` line.
#[test]
fn snapshots_of_every_dialect_and_layout() {
    let dir = repo().join("tests/snapshots/migrations");
    let bless = std::env::var("APIGEN_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut expected_files = Vec::new();
    for spec in specs() {
        let (_, api) = load(&spec);
        for layout in [Layout::Versions, Layout::Sqlx] {
            for dialect in Dialect::ALL {
                let files = render(&spec, &api, &[dialect], layout);
                let mut text = String::new();
                for (path, body) in &files {
                    text.push_str(&format!("-- ==> {path} <==\n{body}\n"));
                }
                let name = format!("{}.{}.{}.sql", stem(&spec), layout.as_str(), dialect.as_str());
                expected_files.push(name.clone());
                let path = dir.join(&name);
                if bless {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&path, &text).unwrap();
                    continue;
                }
                let old = std::fs::read_to_string(&path).unwrap_or_default();
                if old != text {
                    let diff = similar::TextDiff::from_lines(&old, &text);
                    failures.push(format!(
                        "{name}:\n{}",
                        diff.unified_diff().context_radius(2).header("snapshot", "generated")
                    ));
                }
            }
        }
    }
    if !bless {
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).filter_map(|e| e.file_name().to_str().map(str::to_string)).collect())
            .unwrap_or_default();
        on_disk.sort();
        expected_files.sort();
        let stale: Vec<&String> = on_disk.iter().filter(|f| !expected_files.contains(f)).collect();
        assert!(stale.is_empty(), "snapshots nothing generates any more: {stale:?} (delete them)");
    }
    assert!(
        failures.is_empty(),
        "{} migration snapshot(s) differ from the generated SQL; review the diff, then rerun with APIGEN_BLESS=1 to accept it:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The two layouts hold the same SQL; only the paths differ.
#[test]
fn layouts_differ_only_in_paths() {
    let spec = repo().join("specs/projects.yaml");
    let (_, api) = load(&spec);
    let versions = render(&spec, &api, &[Dialect::Postgres], Layout::Versions);
    let sqlx = render(&spec, &api, &[Dialect::Postgres], Layout::Sqlx);
    let paths = |files: &[(String, String)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    // Every projects table is first used by /api/v2 operations.
    assert_eq!(
        paths(&versions),
        ["projects-migrations/postgres/versions/V2/down.sql", "projects-migrations/postgres/versions/V2/up.sql"]
    );
    assert_eq!(
        paths(&sqlx),
        ["projects-migrations/postgres/0002_projects.down.sql", "projects-migrations/postgres/0002_projects.up.sql"]
    );
    let texts = |files: &[(String, String)]| files.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&versions), texts(&sqlx));
}

// ------------------------------------------------------------------ versions, settings, bad input (CLI)

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: 2.0.0}\npaths:\n";

fn op(version: u32, path: &str, schema: &str) -> String {
    format!(
        "  /api/v{version}/{path}:\n    get:\n      operationId: get_{path}_v{version}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{schema}'}}\n"
    )
}

/// A table first used in v2 lands in the v2 migration, unless a v1 table references it.
#[test]
fn tables_land_in_the_version_that_first_uses_them() {
    let components = "components:\n  schemas:\n    A:\n      type: object\n      x-table: a\n      properties:\n        id: {type: integer}\n    B:\n      type: object\n      x-table: b\n      properties:\n        id: {type: integer}\n    C:\n      type: object\n      x-table: c\n      properties:\n        id: {type: integer}\n        b_id: {type: integer, x-references: b}\n    D:\n      type: object\n      x-table: d\n      properties:\n        id: {type: integer}\n";
    let yaml = format!("{HEAD}{}{}{}{components}", op(1, "a", "A"), op(2, "b", "B"), op(1, "c", "C"));
    let dir = common::scratch(&[("api.yaml", yaml.as_bytes())]);
    let run = common::run_in(
        dir.path(),
        &["generate", "api.yaml", "--target", "migrations", "--dialect", "sqlite", "--out", "out"],
    );
    run.expect_code(0);
    let read = |p: &str| {
        std::fs::read_to_string(dir.path().join("out/api-migrations/sqlite/versions").join(p)).unwrap_or_default()
    };
    let v1 = read("V1/up.sql");
    // b is used by v2 only, but c (v1) references it; d is used by nothing: lowest version.
    for t in ["CREATE TABLE a ", "CREATE TABLE b ", "CREATE TABLE c ", "CREATE TABLE d "] {
        assert!(v1.contains(t), "V1 lacks {t}:\n{v1}");
    }
    assert!(v1.find("CREATE TABLE b ") < v1.find("CREATE TABLE c "), "b before c:\n{v1}");
    assert!(!dir.path().join("out/api-migrations/sqlite/versions/V2").exists(), "nothing new in v2");

    let yaml = format!("{HEAD}{}{}{components}", op(1, "a", "A"), op(2, "b", "B"))
        .replace("        b_id: {type: integer, x-references: b}\n", "");
    let dir = common::scratch(&[("api.yaml", yaml.as_bytes())]);
    common::run_in(
        dir.path(),
        &[
            "generate",
            "api.yaml",
            "--target",
            "migrations",
            "--dialect",
            "postgres",
            "--layout",
            "sqlx",
            "--out",
            "out",
        ],
    )
    .expect_code(0);
    let v2 = std::fs::read_to_string(dir.path().join("out/api-migrations/postgres/0002_api.up.sql"))
        .expect("a v2 migration");
    assert!(v2.contains("CREATE TABLE b ("), "{v2}");
    assert!(!v2.contains("CREATE TABLE a ("), "{v2}");
    assert!(
        v2.contains("id bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL"),
        "integer keys are numbered by the database:\n{v2}"
    );
    let down = std::fs::read_to_string(dir.path().join("out/api-migrations/postgres/0002_api.down.sql")).expect("down");
    assert!(down.contains("DROP TABLE IF EXISTS b;"), "{down}");
    assert!(!dir.path().join("out/api-migrations/sqlite").exists(), "--dialect postgres writes postgres only");
}

/// `dialects` and `layout` in a `[[generate]]` entry; the command line wins.
#[test]
fn settings_come_from_apigen_toml_and_the_command_line() {
    let spec = std::fs::read(repo().join("specs/orders.yaml")).unwrap();
    let toml = "[[generate]]\nspec = \"orders.yaml\"\nout = \"gen\"\ntargets = [\"migrations\"]\ndialects = [\"mysql\"]\nlayout = \"sqlx\"\n";
    let dir = common::scratch(&[("orders.yaml", &spec), ("apigen.toml", toml.as_bytes())]);
    common::run_in(dir.path(), &["generate"]).expect_code(0);
    assert!(dir.path().join("gen/orders-migrations/mysql/0001_orders.up.sql").is_file());
    assert!(!dir.path().join("gen/orders-migrations/postgres").exists());
    common::run_in(dir.path(), &["generate", "--dialect", "postgres", "--dialect", "sqlite", "--layout", "versions"])
        .expect_code(0);
    assert!(dir.path().join("gen/orders-migrations/postgres/versions/V1/up.sql").is_file());
    assert!(dir.path().join("gen/orders-migrations/sqlite/versions/V1/down.sql").is_file());
    assert!(
        dir.path().join("gen/orders-migrations/mysql/0001_orders.up.sql").exists(),
        "a migration apigen wrote is never removed: a run for other dialects leaves MySQL's alone"
    );
    let bad = common::run_in(dir.path(), &["generate", "--dialect", "oracle"]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("no SQL dialect 'oracle'"), "{}", bad.stderr);
    let bad = common::run_in(dir.path(), &["generate", "--layout", "flyway"]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("no migrations layout 'flyway'"), "{}", bad.stderr);
}

const BASE: &str = "    Customer:\n      type: object\n      x-table: customers\n      properties:\n        id: {type: string, format: uuid}\n        email: {type: string, maxLength: 254}\n    Order:\n      type: object\n      x-table: orders\n      properties:\n        id: {type: string, format: uuid}\n        customer_id: {type: string, format: uuid, x-references: customers}\n";

/// Generates `schemas` (under components/schemas) and expects exit 1, one finding of `rule`
/// at `pointer`, and nothing written.
#[track_caller]
fn refused(schemas: &str, extra_args: &[&str], rule: &str, pointer: &str) -> String {
    let yaml = format!("{HEAD}{}components:\n  schemas:\n{schemas}", op(1, "customers", "Customer"));
    let dir = common::scratch(&[("api.yaml", yaml.as_bytes())]);
    let mut args = vec!["generate", "api.yaml", "--out", "out"];
    args.extend_from_slice(extra_args);
    let run = common::run_in(dir.path(), &args);
    run.expect_code(1);
    assert!(run.stderr.contains(&format!("[{rule}]")), "no {rule} finding:\n{}", run.stderr);
    assert!(run.stderr.contains(&format!("#{pointer}")), "no pointer {pointer}:\n{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!dir.path().join("out").exists(), "files were written for a refused spec");
    run.stderr
}

#[test]
fn bad_annotations_write_nothing() {
    // A reference to a table nobody declares (every target is refused, models too: nothing is written).
    let e = refused(
        &BASE.replace("x-references: customers", "x-references: customer"),
        &[],
        "table-references",
        "/components/schemas/Order/properties/customer_id/x-references",
    );
    assert!(e.contains("did you mean 'customers'?"), "{e}");
    // A reference cycle.
    let cycle = BASE.replace("        email: {type: string, maxLength: 254}\n", "        email: {type: string, maxLength: 254}\n        last_order_id: {type: string, format: uuid, x-references: orders}\n");
    let e = refused(
        &cycle,
        &["--target", "migrations"],
        "table-reference-cycle",
        "/components/schemas/Customer/properties/last_order_id/x-references",
    );
    assert!(e.contains("customers → orders → customers"), "{e}");
    // Two schemas sharing one table, with one column of two types.
    refused(
        &BASE.replace("x-table: orders", "x-table: customers").replace(
            "customer_id: {type: string, format: uuid, x-references: customers}",
            "email: {type: integer}",
        ),
        &["--target", "migrations"],
        "table-name-unique",
        "/components/schemas/Order/properties/email",
    );
    // A type one dialect cannot hold: refused for MySQL, fine for PostgreSQL alone.
    let jsonb = BASE.replace("email: {type: string, maxLength: 254}", "email: {type: object, x-column: {type: jsonb}}");
    let e = refused(
        &jsonb,
        &["--target", "migrations", "--dialect", "mysql"],
        "column-type",
        "/components/schemas/Customer/properties/email/x-column/type",
    );
    assert!(e.contains("MySQL has no type `jsonb`"), "{e}");
    let yaml = format!("{HEAD}{}components:\n  schemas:\n{jsonb}", op(1, "customers", "Customer"));
    let dir = common::scratch(&[("api.yaml", yaml.as_bytes())]);
    common::run_in(
        dir.path(),
        &["generate", "api.yaml", "--target", "migrations", "--dialect", "postgres", "--out", "out"],
    )
    .expect_code(0);
    // An index over a column the table does not have, even with the rule turned off in apigen.toml.
    let yaml = format!(
        "{HEAD}{}components:\n  schemas:\n{}",
        op(1, "customers", "Customer"),
        BASE.replace("x-table: customers\n", "x-table: customers\n      x-indexes: [[emial]]\n")
    );
    let dir =
        common::scratch(&[("api.yaml", yaml.as_bytes()), ("apigen.toml", b"[rules]\ntable-annotations = \"off\"\n")]);
    let run = common::run_in(dir.path(), &["generate", "api.yaml", "--target", "migrations", "--out", "out"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("[table-annotations]") && run.stderr.contains("did you mean 'email'?"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("out").exists());
}
