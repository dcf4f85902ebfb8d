//! `apigen diff` and `allOf` merging on hostile documents: work that grows with
//! the document, not with the paths through it, and no comparison that stops
//! silently (past a limit, or behind a `$ref` that did not load, `diff` says what
//! it could not compare and exits 2). Times and memory are measured by
//! `scripts/bench-untrusted.sh`, not here.

mod common;

use std::path::Path;

use apigen::diff::{self, Side};
use apigen::load::Document;
use apigen::model::{lower, Conventions, TypeKind};
use common::{run_in, scratch};
use serde_json::{json, Map, Value};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// A document whose operations read and send `S0`, with the given component schemas.
fn document(version: &str, schemas: Map<String, Value>) -> String {
    let body = json!({"application/json": {"schema": reference("S0")}});
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Hostile", "version": version},
        "paths": {"/things": {
            "get": {"operationId": "get_thing", "responses": {"200": {"description": "The thing.", "content": body}}},
            "post": {"operationId": "put_thing", "requestBody": {"required": true, "content": body}, "responses": {"204": {"description": "Stored."}}}
        }},
        "components": {"schemas": schemas}
    });
    serde_json::to_string(&doc).unwrap()
}

/// `S0 … S{n-1}`, each `anyOf` the next twice; `S{n}` an object whose `v` has type `leaf`.
fn fan_out(n: usize, leaf: &str) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        schemas.insert(format!("S{i}"), json!({"anyOf": [reference(&format!("S{}", i + 1)), reference(&format!("S{}", i + 1))]}));
    }
    schemas.insert(format!("S{n}"), json!({"type": "object", "properties": {"v": {"type": leaf}}}));
    document("1.0.0", schemas)
}

fn changes_in_process(base: &str, head: &str) -> diff::Outcome {
    let b = Document::from_bytes(Path::new("base.json"), base.as_bytes().to_vec());
    let h = Document::from_bytes(Path::new("head.json"), head.as_bytes().to_vec());
    assert!(b.fits_shape && h.fits_shape, "{:?} {:?}", b.diagnostics, h.diagnostics);
    let (ba, ha) = (lower(&b, &Conventions::default()).unwrap(), lower(&h, &Conventions::default()).unwrap());
    diff::compare(Side { doc: &b, api: &ba }, Side { doc: &h, api: &ha }, today())
}

fn ids(outcome: &diff::Outcome) -> Vec<String> {
    outcome.changes.iter().map(|c| format!("{} @ {:?}: {}", c.id(), c.operation, c.message)).collect()
}

// ---- Fan-out: each pair of schemas compared once ----

#[test]
fn fan_out_compared_with_itself_has_no_change() {
    // Each schema names the next twice: the same alternative twice pairs with itself twice.
    let small = fan_out(12, "string");
    let outcome = changes_in_process(&small, &small);
    assert!(outcome.changes.is_empty() && outcome.not_compared.is_empty(), "{:#?}", ids(&outcome));
    // The 2.8 KB document of the report: 2^24 paths from S0 to the last schema.
    let text = fan_out(24, "string");
    assert!((2500..3500).contains(&text.len()), "{} bytes", text.len());
    let dir = scratch(&[("f.json", text.as_bytes())]);
    let run = run_in(dir.path(), &["diff", "f.json", "f.json", "--format", "json"]);
    run.expect_code(0);
    assert_eq!(run.json()["changes"], json!([]), "{}", run.stdout);
}

#[test]
fn fan_out_change_at_the_bottom_is_reported_once_per_place() {
    let (base, head) = (fan_out(24, "string"), fan_out(24, "integer"));
    let outcome = changes_in_process(&base, &head);
    let found: Vec<_> = outcome.changes.iter().filter(|c| c.base.as_deref() == Some("/components/schemas/S24/properties/v")).collect();
    // The response and the request body (one place each), and the component once.
    let ops: Vec<_> = found.iter().map(|c| (c.id(), c.operation.clone())).collect();
    assert_eq!(
        ops,
        vec![
            ("response-type-changed", Some("GET /things".to_string())),
            ("request-type-changed", Some("POST /things".to_string())),
            ("response-type-changed", None),
            ("request-type-changed", None),
        ],
        "{:#?}",
        ids(&outcome)
    );
    assert_eq!(found.len(), outcome.changes.len(), "{:#?}", ids(&outcome));
    assert!(found[0].message.contains("'<S1>.<S2>."), "the path that first reaches it: {}", found[0].message);
}

// ---- No silent stop: deep, long chains compare fully ----

/// `S0.p.p.….p` `depth` properties deep, inline, ending at a `leaf`-typed `v`.
fn deep_inline(depth: usize, leaf: &str) -> String {
    let mut schema = json!({"type": "object", "properties": {"v": {"type": leaf}}});
    for _ in 0..depth {
        schema = json!({"type": "object", "properties": {"p": schema}});
    }
    let mut schemas = Map::new();
    schemas.insert("S0".into(), schema);
    document("1.0.0", schemas)
}

/// `S0 … S{n-1}`, each with a property `p` that is the next; `S{n}` has a `leaf`-typed `v`.
fn deep_components(n: usize, leaf: &str) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        schemas.insert(format!("S{i}"), json!({"type": "object", "properties": {"p": reference(&format!("S{}", i + 1))}}));
    }
    schemas.insert(format!("S{n}"), json!({"type": "object", "properties": {"v": {"type": leaf}}}));
    document("1.0.0", schemas)
}

/// `S0` an object whose `p` is `A0`, `A0 … A{n-1}` each a bare `$ref` to the next, `A{n}` an
/// object whose `x` has type `leaf`.
fn alias_chain(n: usize, leaf: &str) -> String {
    let mut schemas = Map::new();
    schemas.insert("S0".into(), json!({"type": "object", "properties": {"p": reference("A0")}}));
    for i in 0..n {
        schemas.insert(format!("A{i}"), reference(&format!("A{}", i + 1)));
    }
    schemas.insert(format!("A{n}"), json!({"type": "object", "properties": {"x": {"type": leaf}}}));
    document("1.0.0", schemas)
}

#[track_caller]
fn assert_type_change_seen(base: &str, head: &str, path_ends: &str) {
    let dir = scratch(&[("base.json", base.as_bytes()), ("head.json", head.as_bytes())]);
    let run = run_in(dir.path(), &["diff", "base.json", "head.json", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    let ids: Vec<&str> = report["changes"].as_array().unwrap().iter().filter_map(|c| c["id"].as_str()).collect();
    assert!(ids.contains(&"response-type-changed") && ids.contains(&"request-type-changed"), "{ids:?}");
    let messages = report["changes"].as_array().unwrap().iter().filter_map(|c| c["message"].as_str()).collect::<Vec<_>>().join("\n");
    assert!(messages.contains(path_ends), "no change at {path_ends:?}:\n{messages}");
}

#[test]
fn type_change_200_properties_deep_is_reported() {
    let path = format!("{}.v' changed type from string to integer", ["p"; 200].join("."));
    assert_type_change_seen(&deep_inline(200, "string"), &deep_inline(200, "integer"), &path);
}

#[test]
fn type_change_behind_1000_components_is_reported() {
    let path = format!("{}.v' changed type from string to integer", ["p"; 1000].join("."));
    assert_type_change_seen(&deep_components(1000, "string"), &deep_components(1000, "integer"), &path);
}

#[test]
fn type_change_behind_an_alias_chain_of_100_is_reported() {
    // Compared through to the end of the chain, not stopped at an alias ("object to object").
    assert_type_change_seen(&alias_chain(100, "string"), &alias_chain(100, "integer"), "'p.x' changed type from string to integer");
    // The same chain on both sides: no change.
    let same = alias_chain(100, "string");
    let outcome = changes_in_process(&same, &same);
    assert!(outcome.changes.is_empty(), "{:#?}", ids(&outcome));
}

#[test]
fn maxlength_behind_a_ref_chain_of_100_is_reported() {
    // Validation keywords are read from the raw schema at the end of the `$ref` chain.
    let chain = |max: u64| {
        let mut schemas = Map::new();
        schemas.insert("S0".into(), json!({"type": "object", "properties": {"p": reference("A0")}}));
        for i in 0..100 {
            schemas.insert(format!("A{i}"), reference(&format!("A{}", i + 1)));
        }
        schemas.insert("A100".into(), json!({"type": "string", "maxLength": max}));
        document("1.0.0", schemas)
    };
    let outcome = changes_in_process(&chain(10), &chain(5));
    let found = ids(&outcome);
    assert!(found.iter().any(|c| c.starts_with("request-constraint-tightened") && c.contains("maxLength changed from 10 to 5")), "{found:#?}");
    assert!(!found.iter().any(|c| c.contains("changed type")), "the chain's end is a string on both sides: {found:#?}");
}

/// `S0 … S{n-1}`, each `anyOf` two inline objects (known only by position) that hold the next.
fn nested_matches(n: usize) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        let next = reference(&format!("S{}", i + 1));
        schemas.insert(
            format!("S{i}"),
            json!({"anyOf": [{"type": "object", "properties": {"a": next}}, {"type": "object", "properties": {"b": next}}]}),
        );
    }
    schemas.insert(format!("S{n}"), json!({"type": "string"}));
    document("1.0.0", schemas)
}

#[test]
fn alternatives_matched_by_content_compare_or_say_they_could_not() {
    // Within the limit: compared fully, and a document against itself is no change.
    let text = nested_matches(30);
    let outcome = changes_in_process(&text, &text);
    assert!(outcome.changes.is_empty() && outcome.not_compared.is_empty(), "{:#?} {:#?}", ids(&outcome), outcome.not_compared);
    // Past it: not "no change", but exit 2 naming where.
    let text = nested_matches(diff::schemas::MAX_NESTED_MATCHES + 20);
    let dir = scratch(&[("f.json", text.as_bytes())]);
    let run = run_in(dir.path(), &["diff", "f.json", "f.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("could not be compared") && run.stderr.contains("#/components/schemas/S"), "{}", run.stderr);
    assert!(run.stdout.contains("error[not-compared]") && run.stdout.contains("incomplete: "), "the report says it is incomplete: {}", run.stdout);
}

#[test]
fn an_operation_that_does_not_fit_the_shape_fails_the_diff_and_is_listed() {
    // `content: null` (a mis-indented file) does not fit the OpenAPI shape: the loader leaves
    // the operation out of the model. Its removal must not pass as "no change".
    let mut schemas = Map::new();
    schemas.insert("S0".into(), json!({"type": "string"}));
    let base = document("1.0.0", schemas.clone());
    let broken: Value = {
        let mut v: Value = serde_json::from_str(&base).unwrap();
        v["info"]["version"] = json!("1.1.0");
        v["paths"]["/things"]["get"]["responses"]["200"]["content"] = Value::Null;
        v["paths"]["/things"]["post"]["requestBody"]["content"] = json!({"application/json": {"schema": {"type": "integer"}}});
        v
    };
    let dir = scratch(&[("base.json", base.as_bytes()), ("head.json", broken.to_string().as_bytes())]);
    let run = run_in(dir.path(), &["diff", "--format", "json", "base.json", "head.json"]);
    run.expect_code(2);
    let report: Value = serde_json::from_str(&run.stdout).expect("a JSON report");
    assert_eq!(report["policy"]["allowed"], json!(false), "{report:#}");
    let parts = report["not_compared"].as_array().unwrap();
    assert_eq!(parts.len(), 1, "{report:#}");
    assert!(parts[0]["head"]["pointer"].as_str().unwrap().starts_with("/paths/~1things/get/responses"), "{report:#}");
    assert!(parts[0]["reason"].as_str().unwrap().contains("#/paths/~1things/get is left out"), "{report:#}");
    // What could be compared still is: the request body's type changed.
    let ids: Vec<&str> = report["changes"].as_array().unwrap().iter().filter_map(|c| c["id"].as_str()).collect();
    assert!(!ids.is_empty(), "{report:#}");
    assert!(report["policy"]["violations"].as_array().unwrap().iter().any(|v| v["id"] == "not-compared"), "{report:#}");
    assert!(run.stderr.contains("could not be compared") && run.stderr.contains("head head.json:"), "{}", run.stderr);
    // The `github` format annotates the part where it is.
    let run = run_in(dir.path(), &["diff", "--format", "github", "base.json", "head.json"]);
    run.expect_code(2);
    assert!(run.stdout.lines().any(|l| l.starts_with("::error file=head.json,line=") && l.contains("title=not-compared")), "{}", run.stdout);
    // Every format says so.
    for format in ["human", "markdown", "sarif", "gitlab", "junit"] {
        let run = run_in(dir.path(), &["diff", "--format", format, "base.json", "head.json"]);
        run.expect_code(2);
        assert!(run.stdout.contains("not-compared"), "{format}: {}", run.stdout);
    }
}

// ---- Documents that did not load fully ----

#[test]
fn a_ref_refused_on_both_sides_is_not_compared() {
    // A `$ref` out of the project is refused on both sides: what it names is unknown,
    // so "no change" would be a guess.
    let mut schemas = Map::new();
    schemas.insert("S0".into(), json!({"type": "object", "properties": {"p": {"$ref": "../outside/shared.json#/Thing"}}}));
    let text = document("1.0.0", schemas);
    let dir = scratch(&[("project/f.json", text.as_bytes()), ("outside/shared.json", br#"{"Thing": {"type": "string"}}"#)]);
    let project = dir.path().join("project");
    let run = run_in(&project, &["diff", "f.json", "f.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("could not be compared"), "{}", run.stderr);
    assert!(run.stderr.contains("#/components/schemas/S0/properties/p/$ref") && run.stderr.contains("outside the project root"), "{}", run.stderr);
    // A `$ref` that does not resolve, on one side only: the same.
    let mut schemas = Map::new();
    schemas.insert("S0".into(), json!({"type": "object", "properties": {"p": reference("Missing")}}));
    std::fs::write(project.join("head.json"), document("1.0.0", schemas)).unwrap();
    let run = run_in(&project, &["diff", "f.json", "head.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("head head.json:") && run.stderr.contains("does not resolve"), "{}", run.stderr);
}

// ---- Files at a git revision ----

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git").current_dir(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(unix)]
#[test]
fn base_revision_symlink_out_of_the_repository_is_refused() {
    let mut schemas = Map::new();
    schemas.insert("S0".into(), json!({"type": "string"}));
    let ours = document("1.0.0", schemas.clone());
    let secret = ours.replace("/things", "/secret-admin-export").replace("get_thing", "secret_operation");
    let dir = scratch(&[("outside/secret.json", secret.as_bytes()), ("repo/specs/real.json", ours.as_bytes())]);
    let repo = dir.path().join("repo");
    // An absolute target: the link reads the same file wherever the revision is extracted.
    std::os::unix::fs::symlink(dir.path().join("outside/secret.json"), repo.join("specs/api.json")).unwrap();
    std::os::unix::fs::symlink("real.json", repo.join("specs/inner.json")).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base"]);
    // The working tree holds a real spec where the revision holds the link.
    std::fs::remove_file(repo.join("specs/api.json")).unwrap();
    std::fs::write(repo.join("specs/api.json"), &ours).unwrap();
    let run = run_in(&repo, &["diff", "--base", "HEAD", "specs/api.json", "--format", "json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("specs/api.json at HEAD is a symbolic link leading out of the repository"), "{}", run.stderr);
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("secret"), "the outside spec was read: {text}");
    }
    // A link that stays in the repository is read as the file it names.
    std::fs::remove_file(repo.join("specs/inner.json")).unwrap();
    std::fs::write(repo.join("specs/inner.json"), &ours).unwrap();
    run_in(&repo, &["diff", "--base", "HEAD", "specs/inner.json", "--format", "json"]).expect_code(0);
}

// ---- allOf merging ----

/// `S0 … S{n-1}`, each `allOf` the next and an object with its own property `p{i}`; `S{n}` has `last`.
fn all_of_chain(n: usize) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        schemas.insert(
            format!("S{i}"),
            json!({"allOf": [reference(&format!("S{}", i + 1)), {"type": "object", "required": [format!("p{i}")], "properties": {format!("p{i}"): {"type": "string"}}}]}),
        );
    }
    schemas.insert(format!("S{n}"), json!({"type": "object", "properties": {"last": {"type": "integer"}}}));
    document("1.0.0", schemas)
}

#[test]
fn an_all_of_chain_merges_every_member() {
    let n = 400;
    let doc = Document::from_bytes(Path::new("chain.json"), all_of_chain(n).into_bytes());
    let api = lower(&doc, &Conventions::default()).expect("lowers");
    for (name, expected) in [("S0", n + 1), ("S1", n), (format!("S{}", n - 1).as_str(), 2)] {
        let def = api.types.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"));
        let TypeKind::Struct { fields, .. } = &def.kind else { panic!("{name} is not a struct: {:?}", def.kind) };
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), expected, "{name}: {names:?}");
        assert!(names.contains(&"last"), "{name} lacks the chain's end: {names:?}");
        let own: usize = name[1..].parse().unwrap();
        for i in own..n {
            let p = format!("p{i}");
            let field = fields.iter().find(|f| f.name == p).unwrap_or_else(|| panic!("{name} lacks {p}"));
            assert!(field.required, "{name}.{p} is required by its part");
        }
    }
    // And the models target renders it: S0 holds the end of the chain.
    let dir = scratch(&[("chain.json", all_of_chain(60).as_bytes())]);
    run_in(dir.path(), &["generate", "chain.json", "--target", "models", "--out", "out"]).expect_code(0);
    let src = dir.path().join("out/chain-models/src");
    let code: String = std::fs::read_dir(&src).expect("the models crate").map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    let s0 = code.split("pub struct S0 {").nth(1).expect("struct S0").split("\n}\n").next().unwrap().to_string();
    for member in ["pub p0: String,", "pub p59: String,", "pub last: Option<i64>,"] {
        assert!(s0.contains(member), "S0 lacks {member}:\n{s0}");
    }
}
