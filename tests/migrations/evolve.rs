//! Migrations that evolve: a spec change becomes a new migration, never an edit
//! of an applied one. A chain of spec versions is generated step by step into
//! one output folder (each generation reads the state the last one wrote), each
//! new migration is applied with rows in the tables, rolled back and applied
//! again; at the end the schema reached step by step must equal the schema one
//! fresh generation of the final spec creates (columns, types, nullability,
//! defaults, keys, indexes, checks), on SQLite, PostgreSQL and MariaDB.

use std::collections::BTreeMap;
use std::path::Path;

use apigen::generate::targets::migrations::{Dialect, Layout};
use apigen::generate::{self, writer, Settings};

use super::db::{self, Catalog, Db};
use super::{load, skip_or_fail, tag};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: Evolving, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n";

/// The first spec: customers.
const V0: &str = "    Customer:
      type: object
      description: A customer.
      x-table: customers
      x-indexes: [[name]]
      required: [id, email, name]
      properties:
        id: {type: string, format: uuid}
        email: {type: string, maxLength: 100}
        name: {type: string, maxLength: 80}
        tier: {type: string, enum: [basic, gold], default: basic}
";

/// One spec change: (what, edit of the schemas text, needs consent).
type Change = (&'static str, fn(&str) -> String, bool);

/// The changes, one per generation.
fn changes() -> Vec<Change> {
    vec![
        ("add an optional column", |s| s.replace("        tier:", "        loyalty_points: {type: integer}\n        tier:"), false),
        ("add a table that references another", |s| {
            format!("{s}    Note:\n      type: object\n      description: A note on a customer.\n      x-table: notes\n      required: [id, customer_id, body]\n      properties:\n        id: {{type: string, format: uuid}}\n        customer_id: {{type: string, format: uuid, x-references: customers}}\n        body: {{type: string}}\n")
        }, false),
        ("add an index and a unique constraint", |s| s.replace("      x-indexes: [[name]]\n", "      x-indexes: [[name], [tier, name]]\n      x-unique: [[email]]\n"), false),
        ("widen a type, relax NOT NULL, change a default", |s| {
            s.replace("name: {type: string, maxLength: 80}", "name: {type: string, maxLength: 200}")
                .replace("required: [id, email, name]", "required: [id, email]")
                .replace("default: basic}", "default: gold}")
        }, false),
        ("add an enum value (the check changes)", |s| s.replace("enum: [basic, gold]", "enum: [basic, gold, platinum]"), false),
        ("rename a column (x-renamed-from)", |s| s.replace("        loyalty_points: {type: integer}", "        points: {type: integer, x-renamed-from: loyalty_points}"), false),
        ("drop an index", |s| s.replace("      x-indexes: [[name], [tier, name]]\n", "      x-indexes: [[name]]\n"), false),
        ("reference a table from an existing column", |s| s.replace("        body: {type: string}\n", "        body: {type: string}\n        author_id: {type: string, format: uuid}\n"), false),
        ("add the foreign key", |s| s.replace("        author_id: {type: string, format: uuid}\n", "        author_id: {type: string, format: uuid, x-references: customers}\n"), false),
        ("rename a table (x-renamed-from)", |s| s.replace("      x-table: notes\n", "      x-table: customer_notes\n      x-renamed-from: notes\n"), false),
        ("drop a column", |s| s.replace("        points: {type: integer, x-renamed-from: loyalty_points}\n", ""), true),
        ("narrow a type", |s| s.replace("name: {type: string, maxLength: 200}", "name: {type: string, maxLength: 120}"), true),
        ("drop a table", |s| s[..s.find("    Note:").expect("the notes table")].to_string(), true),
    ]
}

fn settings(dialect: Dialect, allow_destructive: bool) -> Settings {
    Settings {
        spec: "specs/evolving.yaml".into(),
        name: "evolving".into(),
        dialects: vec![dialect],
        layout: Layout::Versions,
        allow_destructive,
        ..Settings::default()
    }
}

/// Generates the migrations of `schemas` into `out` (reading the state there), writes them,
/// and returns the files that are new: (path, text) in apply order.
fn generate_into(out: &Path, schemas: &str, dialect: Dialect, allow: bool) -> Result<Vec<(String, String)>, String> {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("evolving.yaml");
    std::fs::write(&spec, format!("{HEAD}{schemas}")).unwrap();
    let (_, api) = load(&spec);
    let target = generate::target("migrations").unwrap();
    let output = generate::render(&api, &settings(dialect, allow), &[target], out)?;
    let before: Vec<String> = output.files.iter().filter(|f| out.join(&f.path).exists()).map(|f| f.path.to_string_lossy().into_owned()).collect();
    writer::write(&output).map_err(|e| format!("{e:#}"))?;
    let mut new: Vec<(String, String)> = output
        .files
        .into_iter()
        .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.text))
        .filter(|(p, _)| p.ends_with(".sql") && !before.contains(p))
        .collect();
    new.sort();
    Ok(new)
}

fn ups(files: &[(String, String)]) -> Vec<&(String, String)> {
    files.iter().filter(|(p, _)| p.rsplit('/').next().is_some_and(|n| n.starts_with("up"))).collect()
}

fn downs(files: &[(String, String)]) -> Vec<&(String, String)> {
    files.iter().filter(|(p, _)| p.rsplit('/').next().is_some_and(|n| n.starts_with("down"))).rev().collect()
}

fn apply(db: &mut dyn Db, files: &[&(String, String)], what: &str) {
    for (path, sql) in files {
        db.exec(sql).unwrap_or_else(|e| panic!("{what}: {path} fails on {:?}:\n{e}\n--- SQL ---\n{sql}", db.dialect()));
    }
}

/// The catalog with columns in name order (a column added later sits at the end of its table).
fn sorted(mut catalog: BTreeMap<String, Catalog>) -> BTreeMap<String, Catalog> {
    for c in catalog.values_mut() {
        c.columns.sort();
        c.checks.sort();
    }
    catalog
}

fn insert_rows(db: &mut dyn Db, step: usize) {
    let id = format!("00000000-0000-4000-8000-{step:012}");
    db.exec(&format!("INSERT INTO customers (id, email, name) VALUES ('{id}', 'c{step}@example.com', 'Customer {step}')"))
        .unwrap_or_else(|e| panic!("insert a customer before step {step}: {e}"));
}

/// The chain on one database: `make` opens a new, empty database by name.
fn chain<'a>(mut make: impl FnMut(&str) -> Box<dyn Db + 'a>) {
    let dialect_db = make("apigen_evolve_steps");
    let dialect = tag(dialect_db.dialect());
    let mut db = dialect_db;
    let out = tempfile::tempdir().unwrap();
    let mut schemas = V0.to_string();
    let first = generate_into(out.path(), &schemas, dialect, false).expect("first generation");
    assert_eq!(first.len(), 2, "{first:?}");
    apply(db.as_mut(), &ups(&first), "first");
    let frozen: Vec<(String, Vec<u8>)> =
        first.iter().map(|(p, _)| (p.clone(), std::fs::read(out.path().join(p)).unwrap())).collect();
    let mut rows = 0;
    for (i, (what, edit, destructive)) in changes().into_iter().enumerate() {
        insert_rows(db.as_mut(), i);
        rows += 1;
        schemas = edit(&schemas);
        // SQLite keeps every string as TEXT: a shorter maxLength changes nothing there.
        if dialect == Dialect::Sqlite && what == "narrow a type" {
            assert!(generate_into(out.path(), &schemas, dialect, false).expect(what).is_empty(), "{what}");
            continue;
        }
        if destructive {
            let refused = generate_into(out.path(), &schemas, dialect, false).expect_err(what);
            assert!(refused.contains("may lose data") && refused.contains("--allow-destructive"), "{what}: {refused}");
        }
        let new = generate_into(out.path(), &schemas, dialect, destructive).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(new.len(), 2, "{what}: one new migration (up and down): {new:?}");
        assert!(new.iter().all(|(p, _)| p.contains("/versions/V1/up_0") || p.contains("/versions/V1/down_0")), "{what}: named as a later step of V1: {new:?}");
        apply(db.as_mut(), &ups(&new), what);
        apply(db.as_mut(), &downs(&new), &format!("{what} (down)"));
        apply(db.as_mut(), &ups(&new), &format!("{what} (up again)"));
        assert_eq!(db.count("customers"), rows, "{what}: every row survives the step, its down and its up again");
        let again = generate_into(out.path(), &schemas, dialect, false).expect("regenerate");
        assert!(again.is_empty(), "{what}: a second generation of the same spec writes nothing new: {again:?}");
    }
    for (path, bytes) in &frozen {
        assert_eq!(&std::fs::read(out.path().join(path)).unwrap(), bytes, "{path} never changes");
    }
    // The property: step by step equals one fresh migration of the final spec.
    let mut fresh = make("apigen_evolve_fresh");
    let fresh_out = tempfile::tempdir().unwrap();
    let files = generate_into(fresh_out.path(), &schemas, dialect, false).expect("fresh generation");
    apply(fresh.as_mut(), &ups(&files), "fresh");
    let (stepped, created) = (sorted(db.catalog()), sorted(fresh.catalog()));
    assert_eq!(stepped, created, "{dialect:?}: the schema reached step by step differs from a fresh one");
}

#[test]
fn a_chain_of_changes_applies_with_data_on_sqlite() {
    chain(|_| Box::new(db::Sqlite::open()));
}

#[test]
fn a_chain_of_changes_applies_with_data_on_postgres() {
    let server = match db::Postgres::start() {
        Ok(s) => s,
        Err(why) => return skip_or_fail("PostgreSQL evolution test", &why),
    };
    chain(|name| Box::new(db::PgDb::create(&server, name)));
}

#[test]
fn a_chain_of_changes_applies_with_data_on_mariadb() {
    let server = match db::Mariadb::start() {
        Ok(s) => s,
        Err(why) => return skip_or_fail("MariaDB evolution test", &why),
    };
    chain(|name| Box::new(db::MariaDb::create(&server, name)));
}

#[test]
fn an_edited_migration_or_a_lost_state_stops_generation() {
    let out = tempfile::tempdir().unwrap();
    generate_into(out.path(), V0, Dialect::Postgres, false).unwrap();
    let up = out.path().join("evolving-migrations/postgres/versions/V1/up.sql");
    let original = std::fs::read_to_string(&up).unwrap();
    std::fs::write(&up, original.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")).unwrap();
    let e = generate_into(out.path(), V0, Dialect::Postgres, false).unwrap_err();
    assert!(e.contains("was changed after apigen wrote it"), "{e}");
    std::fs::write(&up, &original).unwrap();
    std::fs::remove_file(out.path().join("evolving-migrations/postgres/state.toml")).unwrap();
    let changed = changes()[0].1(V0);
    let e = generate_into(out.path(), &changed, Dialect::Postgres, false).unwrap_err();
    assert!(e.contains("state.toml does not"), "{e}");
    assert_eq!(std::fs::read_to_string(&up).unwrap(), original, "nothing rewritten");
}

#[test]
fn sqlx_layout_numbers_later_steps() {
    let out = tempfile::tempdir().unwrap();
    let mut s = settings(Dialect::Sqlite, false);
    s.layout = Layout::Sqlx;
    let dir = tempfile::tempdir().unwrap();
    let target = generate::target("migrations").unwrap();
    let mut paths = Vec::new();
    for schemas in [V0.to_string(), changes()[0].1(V0)] {
        let spec = dir.path().join("evolving.yaml");
        std::fs::write(&spec, format!("{HEAD}{schemas}")).unwrap();
        let (_, api) = load(&spec);
        let output = generate::render(&api, &s, &[target], out.path()).unwrap();
        writer::write(&output).unwrap();
        paths = output.files.iter().map(|f| f.path.to_string_lossy().into_owned()).collect();
    }
    paths.sort();
    assert_eq!(
        paths,
        [
            "evolving-migrations/sqlite/0001_evolving.down.sql",
            "evolving-migrations/sqlite/0001_evolving.up.sql",
            "evolving-migrations/sqlite/0002_alter_customers.down.sql",
            "evolving-migrations/sqlite/0002_alter_customers.up.sql",
            "evolving-migrations/sqlite/state.toml",
        ]
    );
}

#[test]
fn the_command_line_asks_for_consent_and_check_names_the_missing_migration() {
    let dir = super::common::scratch(&[("api.yaml", format!("{HEAD}{V0}").as_bytes())]);
    let gen = |args: &[&str]| {
        let mut all = vec!["generate", "api.yaml", "--target", "migrations", "--dialect", "sqlite", "--out", "out"];
        all.extend_from_slice(args);
        super::common::run_in(dir.path(), &all)
    };
    gen(&[]).expect_code(0);
    let state = dir.path().join("out/api-migrations/sqlite/state.toml");
    let before = std::fs::read_to_string(&state).unwrap();
    // A dropped column: refused without consent, nothing written.
    std::fs::write(dir.path().join("api.yaml"), format!("{HEAD}{}", V0.replace("        tier: {type: string, enum: [basic, gold], default: basic}\n", ""))).unwrap();
    let check = gen(&["--check"]);
    check.expect_code(2);
    let refused = gen(&[]);
    refused.expect_code(2);
    assert!(refused.stderr.contains("drop column customers.tier: its values are lost"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&state).unwrap(), before, "nothing written");
    assert!(refused.stderr.contains("(consent: `drop column customers.tier`)"), "{}", refused.stderr);
    // Consent by name on the schema.
    let without_tier = V0.replace("        tier: {type: string, enum: [basic, gold], default: basic}\n", "");
    let consented = without_tier.replace("      x-table: customers\n", "      x-table: customers\n      x-allow-destructive: [drop column customers.tier]\n");
    std::fs::write(dir.path().join("api.yaml"), format!("{HEAD}{consented}")).unwrap();
    gen(&[]).expect_code(0);
    assert!(dir.path().join("out/api-migrations/sqlite/versions/V1/up_002_alter_customers.sql").exists());
    // Consent by flag.
    std::fs::write(dir.path().join("api.yaml"), format!("{HEAD}{}", without_tier.replace("        name: {type: string, maxLength: 80}\n", "").replace("[id, email, name]", "[id, email]").replace("x-indexes: [[name]]", "x-indexes: [[email]]"))).unwrap();
    gen(&[]).expect_code(2);
    gen(&["--allow-destructive"]).expect_code(0);
    assert!(dir.path().join("out/api-migrations/sqlite/versions/V1/up_003_alter_customers.sql").exists());
    // A spec change without its migration: --check shows the new migration and fails.
    let current = std::fs::read_to_string(dir.path().join("api.yaml")).unwrap();
    std::fs::write(dir.path().join("api.yaml"), current.replace("        email: {type: string, maxLength: 100}\n", "        email: {type: string, maxLength: 100}\n        loyalty_points: {type: integer}\n")).unwrap();
    let drift = gen(&["--check"]);
    drift.expect_code(1);
    assert!(drift.stdout.contains("+ALTER TABLE customers ADD COLUMN loyalty_points INTEGER;"), "{}", drift.stdout);
}

/// Two API versions whose schemas share one table: the table arrives with v1 and the column
/// only the v2 schema has arrives with v2, as a later migration of version 2.
#[test]
fn api_versions_share_a_table() {
    let op = |v: u32, schema: &str| {
        format!("  /api/v{v}/customers/{{id}}:\n    get:\n      operationId: get_customer_v{v}\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses:\n        '200':\n          description: The customer.\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{schema}'}}\n")
    };
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: Shared, version: 2.0.0}}\npaths:\n{}{}components:\n  schemas:\n    CustomerV1:\n      type: object\n      x-table: customers\n      required: [id, email]\n      properties:\n        id: {{type: string, format: uuid}}\n        email: {{type: string, maxLength: 100}}\n    CustomerV2:\n      type: object\n      x-table: customers\n      x-indexes: [[nickname]]\n      required: [id, email]\n      properties:\n        id: {{type: string, format: uuid}}\n        email: {{type: string, maxLength: 100}}\n        nickname: {{type: string, maxLength: 40, nullable: true}}\n",
        op(1, "CustomerV1"),
        op(2, "CustomerV2")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.yaml");
    std::fs::write(&path, &spec).unwrap();
    let (_, api) = load(&path);
    let out = tempfile::tempdir().unwrap();
    let target = generate::target("migrations").unwrap();
    let output = generate::render(&api, &Settings { name: "shared".into(), dialects: vec![Dialect::Sqlite], ..Settings::default() }, &[target], out.path())
        .expect("the shared table generates");
    let text = |p: &str| &output.files.iter().find(|f| f.path.to_string_lossy() == p).unwrap_or_else(|| panic!("no {p}")).text;
    let v1 = text("shared-migrations/sqlite/versions/V1/up.sql");
    let v2 = text("shared-migrations/sqlite/versions/V2/up.sql");
    assert!(v1.contains("CREATE TABLE customers") && !v1.contains("nickname"), "{v1}");
    assert!(v2.contains("ALTER TABLE customers ADD COLUMN nickname TEXT;") && v2.contains("CREATE INDEX customers_nickname_idx"), "{v2}");
    let mut stepped = db::Sqlite::open();
    stepped.exec(v1).unwrap();
    stepped.exec("INSERT INTO customers (id, email) VALUES ('a', 'a@example.com')").unwrap();
    stepped.exec(v2).unwrap();
    stepped.exec(text("shared-migrations/sqlite/versions/V2/down.sql")).unwrap();
    stepped.exec(v2).unwrap();
    assert_eq!(stepped.count("customers"), 1);
    // A column only one version has must be nullable or have a default.
    let conflict = spec.replace("nickname: {type: string, maxLength: 40, nullable: true}", "nickname: {type: string, maxLength: 40}").replace("required: [id, email]\n      properties:\n        id: {type: string, format: uuid}\n        email: {type: string, maxLength: 100}\n        nickname", "required: [id, email, nickname]\n      properties:\n        id: {type: string, format: uuid}\n        email: {type: string, maxLength: 100}\n        nickname");
    std::fs::write(&path, &conflict).unwrap();
    let doc = apigen::load::Document::load(&path).unwrap();
    let checked = apigen::check::check_document(doc, &apigen::config::Config::default(), chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
    let found: Vec<&str> = checked.diagnostics.iter().filter(|d| d.rule == "table-name-unique").map(|d| d.pointer.as_str()).collect();
    assert_eq!(found, ["/components/schemas/CustomerV2/properties/nickname"], "{conflict}");
}

/// A run for one dialect leaves the other dialects' migrations alone (they are not stale).
#[test]
fn a_run_for_one_dialect_keeps_the_others() {
    let dir = super::common::scratch(&[("api.yaml", format!("{HEAD}{V0}").as_bytes())]);
    let gen = |dialect: &str| super::common::run_in(dir.path(), &["generate", "api.yaml", "--target", "migrations", "--dialect", dialect, "--out", "out"]);
    gen("sqlite").expect_code(0);
    gen("postgres").expect_code(0);
    for path in ["out/api-migrations/sqlite/versions/V1/up.sql", "out/api-migrations/sqlite/state.toml", "out/api-migrations/postgres/versions/V1/up.sql"] {
        assert!(dir.path().join(path).exists(), "{path} is kept");
    }
}
