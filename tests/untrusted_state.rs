//! The migration state is untrusted (docs/security.md): a pull request may edit
//! `state.toml` and the migration files beside it. No value of the state may
//! become SQL apigen did not derive, no path in it may lead out of the dialect's
//! folder, and an applied migration edited together with its checksum is found.
//! Every refusal names the state file and key, writes nothing and loses nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{run_in, scratch, Run};

const SPEC: &str = "openapi: 3.0.3
info: {title: Shop, version: 1.0.0}
paths: {}
components:
  schemas:
    Customer:
      type: object
      x-table: customers
      required: [id]
      properties:
        id: {type: string, format: uuid}
        name: {type: string}
    Order:
      type: object
      x-table: orders
      x-indexes: [[status]]
      required: [id, status]
      properties:
        id: {type: string, format: uuid}
        status: {type: string, enum: [new, paid], default: new}
        customer_id: {type: string, format: uuid, x-references: customers}
";

/// The next spec: `orders.status` is dropped (on SQLite a table rebuild, whose `down`
/// re-creates the column as the state records it).
fn next_spec() -> String {
    SPEC.replace("      required: [id, status]\n", "      required: [id]\n")
        .replace("      x-indexes: [[status]]\n", "")
        .replace("        status: {type: string, enum: [new, paid], default: new}\n", "")
}

const STATE: &str = "gen/api-migrations/sqlite/state.toml";

fn generate(dir: &Path, dialect: &str, extra: &[&str]) -> Run {
    let mut args = vec!["generate", "api.yaml", "--out", "gen", "--target", "migrations", "--dialect", dialect];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

/// A project with the first migrations of `SPEC` generated for `dialect`.
fn project(dialect: &str) -> tempfile::TempDir {
    let dir = scratch(&[("api.yaml", SPEC.as_bytes())]);
    generate(dir.path(), dialect, &[]).expect_code(0);
    dir
}

/// Every file below a folder (relative path → bytes), symlinks as their target.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if kind.is_symlink() {
                out.insert(rel, std::fs::read_link(&path).unwrap().to_string_lossy().into_owned().into_bytes());
            } else if kind.is_dir() {
                stack.push(path);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Replaces the last `old` of a state file (the `[[tables]]` come last) with `new`.
#[track_caller]
fn tamper(dir: &Path, state: &str, old: &str, new: &str) {
    let path = dir.join(state);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.rfind(old).unwrap_or_else(|| panic!("no {old:?} in {state}:\n{text}"));
    std::fs::write(&path, format!("{}{new}{}", &text[..at], &text[at + old.len()..])).unwrap();
}

/// Asserts a run was refused naming the state file at a line:column and the key, and that
/// nothing below `gen` changed.
#[track_caller]
fn refused(run: &Run, before: &BTreeMap<String, Vec<u8>>, dir: &Path, state: &str, key_end: &str) {
    run.expect_code(2);
    let at = format!("{}:", state.trim_start_matches("gen/"));
    let line = run.stderr.lines().find(|l| l.contains(&at)).unwrap_or_else(|| panic!("no {at} in:\n{}", run.stderr));
    let position = &line[line.find(&at).unwrap() + at.len()..];
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let (l, rest) = position.split_at(digits(position));
    assert!(!l.is_empty() && rest.starts_with(':') && digits(&rest[1..]) > 0, "no line:column after {at}: {line}");
    assert!(line.contains(&format!("{key_end}`")), "the key ending in {key_end} is not named: {line}");
    assert!(line.contains("nothing was written"), "{line}");
    assert_eq!(&files(&dir.join("gen")), before, "a refused state changed files");
}

#[test]
fn every_value_of_the_state_is_checked_before_it_reaches_sql() {
    let injected = "0); DROP TABLE orders; --";
    for (dialect, old, new, key_end) in [
        ("sqlite", "default = \"'new'\"", format!("default = \"{injected}\""), ".default"),
        ("sqlite", "default = \"'new'\"", "default = \"'new'); DROP TABLE orders; --'\"".to_string(), ".default"),
        ("sqlite", "sql_type = \"TEXT\"", format!("sql_type = \"TEXT {injected}\""), ".sql_type"),
        (
            "sqlite",
            "sql_type = \"TEXT\"",
            format!("sql_type = \"TEXT\"\nidentity = \" PRIMARY KEY {injected}\""),
            ".identity",
        ),
        (
            "mysql",
            "options = \" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4\"",
            format!("options = \"; {injected}\""),
            ".options",
        ),
        (
            "mysql",
            "sql_type = \"CHAR(36)\"",
            "sql_type = \"CHAR(36)\"\nidentity = \" AUTO_INCREMENT; DROP TABLE orders\"".to_string(),
            ".identity",
        ),
        ("sqlite", "name = \"orders\"", "name = \"orders\\\"; DROP TABLE orders; --\"".to_string(), ".name"),
        ("sqlite", "name = \"status\"", "name = \"status\\nDROP TABLE orders; --\"".to_string(), ".name"),
        ("sqlite", "name = \"orders_pkey\"", format!("name = \"k {injected}\""), ".name"),
        ("sqlite", "name = \"orders_status_idx\"", format!("name = \"i {injected}\""), ".name"),
        ("sqlite", "ref_table = \"customers\"", format!("ref_table = \"customers {injected}\""), ".ref_table"),
        ("sqlite", "\"paid\",", "{ sql = \"DROP TABLE orders\" },".to_string(), ".values[1]"),
        (
            "sqlite",
            "comment = \"orders (schema Order)\"",
            "comment = \"orders\\nDROP TABLE orders; --\"".to_string(),
            ".comment",
        ),
        ("sqlite", "title = \"Shop\"", "title = \"Shop\\nDROP TABLE orders; --\"".to_string(), ".title"),
        ("sqlite", "dialect = \"sqlite\"", "dialect = \"mysql\"".to_string(), "dialect"),
        ("sqlite", "down = \"versions/V1/down.sql\"", "down = \"versions/V1/up.sql\"".to_string(), ".down"),
    ] {
        let dir = project(dialect);
        let state = format!("gen/api-migrations/{dialect}/state.toml");
        tamper(dir.path(), &state, old, &new);
        let before = files(&dir.path().join("gen"));
        std::fs::write(dir.path().join("api.yaml"), next_spec()).unwrap();
        let run = generate(dir.path(), dialect, &["--allow-destructive"]);
        assert!(!run.stderr.contains('\u{1b}'));
        refused(&run, &before, dir.path(), &state, key_end);
        let check = generate(dir.path(), dialect, &["--check"]);
        assert_ne!(check.code, Some(0), "--check passes a tampered state ({new}):\n{}", check.stdout);
    }
}

#[test]
fn a_tampered_step_is_refused_too() {
    let dir = project("sqlite");
    // The first `default` of the file is the one in the recorded step that created the table.
    let path = dir.path().join(STATE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("default = \"'new'\"", "default = \"0); DROP TABLE orders; --\"", 1)).unwrap();
    let before = files(&dir.path().join("gen"));
    let run = generate(dir.path(), "sqlite", &[]);
    refused(&run, &before, dir.path(), STATE, ".default");
    assert!(run.stderr.contains("`migrations[0].steps["), "{}", run.stderr);

    // A key apigen does not write is no state at all, named at its line:column.
    let dir = project("sqlite");
    let path = dir.path().join(STATE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("kind = \"create_table\"\n", "kind = \"create_table\"\nsql = \"DROP TABLE orders\"\n", 1),
    )
    .unwrap();
    let before = files(&dir.path().join("gen"));
    let run = generate(dir.path(), "sqlite", &[]);
    run.expect_code(2);
    let line = text.lines().position(|l| l == "kind = \"create_table\"").unwrap();
    assert!(run.stderr.contains(&format!("state.toml:{}:", line)), "the step is not located:\n{}", run.stderr);
    assert!(run.stderr.contains("unknown field `sql`"), "{}", run.stderr);
    assert_eq!(files(&dir.path().join("gen")), before);
}

/// Applies every migration file below `gen` on SQLite: the ups in name order, then the downs
/// in reverse (a down may fail half way; what ran before the failure stays run).
fn apply_all(dir: &Path, db: &rusqlite::Connection) {
    let all = files(&dir.join("gen"));
    let sql: Vec<(&String, String)> = all
        .iter()
        .filter(|(p, _)| p.ends_with(".sql"))
        .map(|(p, b)| (p, String::from_utf8(b.clone()).unwrap()))
        .collect();
    let name = |p: &str| p.rsplit('/').next().unwrap_or("").to_string();
    for (path, text) in sql.iter().filter(|(p, _)| name(p).starts_with("up")) {
        db.execute_batch(text).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    for (_, text) in sql.iter().rev().filter(|(p, _)| name(p).starts_with("down")) {
        let _ = db.execute_batch(text);
    }
}

#[test]
fn on_sqlite_no_statement_from_the_state_runs() {
    for (old, new) in [
        ("default = \"'new'\"", "default = \"0); DROP TABLE sentinel; --\""),
        ("name = \"status\"", "name = \"status\\nDROP TABLE sentinel; --\""),
        ("sql_type = \"TEXT\"", "sql_type = \"TEXT); DROP TABLE sentinel; --\""),
    ] {
        let dir = project("sqlite");
        tamper(dir.path(), STATE, old, new);
        std::fs::write(dir.path().join("api.yaml"), next_spec()).unwrap();
        let run = generate(dir.path(), "sqlite", &["--allow-destructive"]);
        let db = rusqlite::Connection::open_in_memory().unwrap();
        db.execute_batch("CREATE TABLE sentinel (x INTEGER); INSERT INTO sentinel VALUES (1);").unwrap();
        apply_all(dir.path(), &db);
        let left: i64 = db
            .query_row("SELECT count(*) FROM sentinel", [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("the state's `{new}` ran as SQL: {e}"));
        assert_eq!(left, 1);
        run.expect_code(2);
    }
}

#[test]
fn paths_in_the_state_stay_in_the_dialect_folder_and_say_nothing_of_other_files() {
    let mut messages = Vec::new();
    for path in [
        "../../../../etc/passwd",
        "../../../../no/such/file",
        "/etc/passwd",
        "/no/such/file",
        "versions/V1/../../../../../etc/passwd",
    ] {
        let dir = project("sqlite");
        tamper(dir.path(), STATE, "up = \"versions/V1/up.sql\"", &format!("up = \"{path}\""));
        let before = files(&dir.path().join("gen"));
        let run = generate(dir.path(), "sqlite", &[]);
        refused(&run, &before, dir.path(), STATE, "migrations[0].up");
        assert!(!run.stderr.contains("missing") && !run.stderr.contains("checksum"), "{}", run.stderr);
        messages.push(run.stderr.clone());
        let check = generate(dir.path(), "sqlite", &["--check"]);
        check.expect_code(2);
    }
    assert!(
        messages.windows(2).all(|w| w[0] == w[1]),
        "the refusal differs by whether the file exists:\n{messages:#?}"
    );
}

#[test]
fn a_symlink_out_of_the_dialect_folder_is_refused() {
    let dir = project("sqlite");
    let versions = dir.path().join("gen/api-migrations/sqlite/versions");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::rename(&versions, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &versions).unwrap();
    let before = files(&dir.path().join("gen"));
    for extra in [&["--check"][..], &[][..]] {
        let run = generate(dir.path(), "sqlite", extra);
        run.expect_code(2);
        assert!(
            run.stderr.contains("migrations[0].up` is not a migration file apigen writes inside the dialect's folder"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(files(&dir.path().join("gen")), before);
}

/// The migration file and its checksum edited together, as a pull request can.
fn edit_with_checksum(dir: &Path, file: &str, edit: impl Fn(&str) -> String) {
    let path = dir.join("gen/api-migrations/sqlite").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let old_sum = sha256(&text);
    let new_text = edit(&text);
    std::fs::write(&path, &new_text).unwrap();
    tamper(dir, STATE, &old_sum, &sha256(&new_text));
}

fn sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn an_applied_migration_edited_with_its_checksum_is_found() {
    for file in ["versions/V1/up.sql", "versions/V1/down.sql"] {
        let dir = project("sqlite");
        edit_with_checksum(dir.path(), file, |t| format!("{t}DROP TABLE sentinel;\n"));
        let before = files(&dir.path().join("gen"));
        let check = generate(dir.path(), "sqlite", &["--check"]);
        check.expect_code(2);
        assert!(check.stderr.contains("was changed after apigen wrote it"), "{}", check.stderr);
        let run = generate(dir.path(), "sqlite", &[]);
        run.expect_code(2);
        assert!(run.stderr.contains("was changed after apigen wrote it"), "{}", run.stderr);
        assert_eq!(files(&dir.path().join("gen")), before, "the edited migration was rewritten");
    }
}

#[test]
fn a_migration_of_another_spec_swapped_in_with_its_steps_is_found() {
    // The attacker renders a migration with apigen itself (a spec with one more table) and puts
    // it, its checksums and its recorded steps in place of the first: each piece is what apigen
    // writes, but the steps no longer lead to the tables the state records.
    let dir = project("sqlite");
    let other = scratch(&[(
        "api.yaml",
        SPEC.replace("    Order:\n", "    Evil:\n      type: object\n      x-table: evil\n      properties:\n        id: {type: string}\n    Order:\n")
            .as_bytes(),
    )]);
    generate(other.path(), "sqlite", &[]).expect_code(0);
    let ours = std::fs::read_to_string(dir.path().join(STATE)).unwrap();
    let theirs = std::fs::read_to_string(other.path().join(STATE)).unwrap();
    let tables = |t: &str| t[t.find("\n[[tables]]").unwrap()..].to_string();
    let swapped = format!("{}{}", &theirs[..theirs.find("\n[[tables]]").unwrap()], tables(&ours));
    std::fs::write(dir.path().join(STATE), swapped).unwrap();
    for file in ["up.sql", "down.sql"] {
        let rel = format!("gen/api-migrations/sqlite/versions/V1/{file}");
        std::fs::copy(other.path().join(&rel), dir.path().join(&rel)).unwrap();
    }
    let before = files(&dir.path().join("gen"));
    let check = generate(dir.path(), "sqlite", &["--check"]);
    check.expect_code(2);
    assert!(check.stderr.contains("do not lead to the tables it records"), "{}", check.stderr);
    assert_eq!(files(&dir.path().join("gen")), before);
}

#[test]
fn an_untouched_state_is_up_to_date_and_evolves() {
    let dir = project("sqlite");
    generate(dir.path(), "sqlite", &["--check"]).expect_code(0);
    std::fs::write(dir.path().join("api.yaml"), next_spec()).unwrap();
    generate(dir.path(), "sqlite", &["--allow-destructive"]).expect_code(0);
    generate(dir.path(), "sqlite", &["--check"]).expect_code(0);
    let db = rusqlite::Connection::open_in_memory().unwrap();
    db.execute_batch("CREATE TABLE sentinel (x INTEGER);").unwrap();
    apply_all(dir.path(), &db);
    db.query_row("SELECT count(*) FROM sentinel", [], |r| r.get::<_, i64>(0)).unwrap();
}

/// The state names no empty value (`identity = ""`, `options = ""`), and an older state
/// that does still reads: it evolves, the migrations it lists are not rewritten, and the
/// state written after it has no placeholder either.
#[test]
fn the_state_writes_no_empty_placeholders_and_reads_an_older_one_with_them() {
    let dir = project("sqlite");
    let path = dir.path().join(STATE);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("= \"\""), "an empty placeholder in the state:\n{text}");
    // The state as an older apigen wrote it: every column and table with its empty value.
    let mut older = String::new();
    for line in text.lines() {
        older.push_str(line);
        older.push('\n');
        if line.starts_with("sql_type = ") {
            older.push_str("identity = \"\"\n");
        } else if line.starts_with("comment = ") {
            older.push_str("options = \"\"\n");
        }
    }
    assert!(older.matches("identity = \"\"").count() >= 5, "{older}");
    std::fs::write(&path, &older).unwrap();
    let before = files(&dir.path().join("gen"));
    std::fs::write(dir.path().join("api.yaml"), next_spec()).unwrap();
    generate(dir.path(), "sqlite", &["--allow-destructive"]).expect_code(0);
    let after = files(&dir.path().join("gen"));
    let sql = |files: &BTreeMap<String, Vec<u8>>| files.keys().filter(|f| f.ends_with(".sql")).count();
    assert!(sql(&after) > sql(&before), "no new migration: {:?}", after.keys());
    for (file, bytes) in before.iter().filter(|(f, _)| f.ends_with(".sql")) {
        assert_eq!(after.get(file), Some(bytes), "{file} was rewritten");
    }
    let state = std::fs::read_to_string(&path).unwrap();
    assert!(!state.contains("= \"\""), "the rewritten state keeps an empty placeholder:\n{state}");
    generate(dir.path(), "sqlite", &["--check"]).expect_code(0);
}
