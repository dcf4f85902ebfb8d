//! The `models` target, one schema feature at a time (docs/generate/models.md).
//!
//! - Snapshots: each spec of `tests/fixtures/models/<feature>.yaml` is loaded,
//!   lowered and rendered in-process, and the generated `lib.rs` must equal
//!   `tests/snapshots/models/<feature>.rs` byte for byte (a mismatch prints a
//!   unified diff; `APIGEN_BLESS=1` rewrites the snapshots — review the diff).
//! - Compile proof and round trips: every fixture's crate and the crates of
//!   `specs/*.yaml` go into one cargo workspace under `target/models-fixtures/run-<pid>/`
//!   with a generated `tests/examples.rs` per crate (one test per component
//!   schema `example`: decode into the generated type, re-encode, compare the
//!   JSON, except that an optional nullable member written as `null` may come back
//!   absent: the one thing `Option<T>` cannot tell apart; a `Patch<T>` member of a PATCH
//!   body keeps its `null`); `cargo check`, `cargo
//!   clippy -D warnings` and `cargo test` must pass.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use apigen::generate::names::snake_ident;
use apigen::generate::rust::RustTypes;
use apigen::generate::{self, Settings};
use apigen::load::Document;
use apigen::model::{self, Api, Conventions, TypeId, TypeKind, TypeRef};
use common::{cargo, repo, run_in, target_dir};
use serde_json::Value;

/// A spec lowered, and the models crate rendered from it (paths below the output folder → text).
struct Rendered {
    api: Api,
    files: BTreeMap<String, String>,
}

/// Loads, lowers and renders the models target the way `apigen generate` does.
fn render(spec: &Path, label: &str, name: &str) -> Rendered {
    let doc = Document::load(spec).unwrap_or_else(|e| panic!("load {}: {e:#}", spec.display()));
    let api =
        model::lower(&doc, &Conventions::default()).unwrap_or_else(|| panic!("{} does not lower", spec.display()));
    let settings = Settings {
        spec: label.to_string(),
        name: name.to_string(),
        templates: None,
        dialects: Vec::new(),
        layout: Default::default(),
        allow_destructive: false,
    };
    let target = generate::target("models").expect("the models target exists");
    let output = generate::render(&api, &settings, &[target], Path::new("out"))
        .unwrap_or_else(|e| panic!("render {label}: {e}"));
    let files = output.files.into_iter().map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.text)).collect();
    Rendered { api, files }
}

fn fixture_path(feature: &str) -> PathBuf {
    repo().join("tests/fixtures/models").join(format!("{feature}.yaml"))
}

fn render_fixture(feature: &str) -> Rendered {
    let name = feature.replace('_', "-");
    render(&fixture_path(feature), &format!("tests/fixtures/models/{feature}.yaml"), &name)
}

/// Compares text with a committed snapshot; `APIGEN_BLESS=1` rewrites it instead.
#[track_caller]
fn assert_snapshot(rel: &str, actual: &str) {
    let path = repo().join(rel);
    if std::env::var_os("APIGEN_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .context_radius(3)
            .header(rel, "generated")
            .to_string();
        panic!("{rel} differs from the generated output (APIGEN_BLESS=1 rewrites it; review the diff):\n{diff}");
    }
}

/// Renders a fixture and compares its `lib.rs` with the snapshot; returns the rendering.
fn snapshot(feature: &str) -> Rendered {
    let rendered = render_fixture(feature);
    let lib = format!("{}-models/src/lib.rs", feature.replace('_', "-"));
    let text = rendered.files.get(&lib).unwrap_or_else(|| panic!("no {lib} among {:?}", rendered.files.keys()));
    assert_snapshot(&format!("tests/snapshots/models/{feature}.rs"), text);
    rendered
}

/// One snapshot test per fixture; [`FEATURES`] lists them so a fixture without a test fails.
macro_rules! snapshots {
    ($($feature:ident),* $(,)?) => {
        const FEATURES: &[&str] = &[$(stringify!($feature)),*];
        mod snapshot {
            $(
                #[test]
                fn $feature() {
                    super::snapshot(stringify!($feature));
                }
            )*
        }
    };
}

snapshots!(
    structs,
    enums,
    defaults,
    read_write_only,
    formats,
    discriminator,
    untagged,
    all_of,
    maps,
    recursive,
    inline_names,
    collisions,
    keywords,
    std_names,
    digits,
    not,
    openapi31_optional,
    three_states,
    evolution,
    alike,
);

fn fixture_features() -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures/models"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

#[test]
fn every_fixture_has_a_snapshot_test_and_a_snapshot() {
    let mut listed: Vec<String> = FEATURES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(fixture_features(), listed, "tests/fixtures/models/*.yaml and the snapshots! list differ");
    let mut snapshots: Vec<String> = std::fs::read_dir(repo().join("tests/snapshots/models"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    snapshots.sort();
    assert_eq!(snapshots, listed, "a snapshot without a fixture, or a fixture without a snapshot");
}

#[test]
fn rendering_is_deterministic() {
    for feature in ["recursive", "collisions", "discriminator"] {
        assert_eq!(render_fixture(feature).files, render_fixture(feature).files, "{feature} renders differently twice");
    }
}

#[test]
fn models_crate_manifest_names_only_the_crates_it_uses() {
    let formats = render_fixture("formats");
    let manifest = &formats.files["formats-models/Cargo.toml"];
    for dep in ["serde =", "serde_json =", "chrono =", "uuid =", "rust_decimal ="] {
        assert!(manifest.contains(dep), "formats-models/Cargo.toml lacks {dep}:\n{manifest}");
    }
    let keywords = render_fixture("keywords");
    let manifest = &keywords.files["keywords-models/Cargo.toml"];
    for dep in ["chrono", "uuid", "rust_decimal"] {
        assert!(!manifest.contains(dep), "keywords-models/Cargo.toml needs no {dep}:\n{manifest}");
    }
}

#[test]
fn a_large_crate_is_split_into_modules_that_the_root_re_exports() {
    // mailchimp: 985 types once identical inline schemas are one.
    let rendered = render(&repo().join("tests/corpus/apis-guru/mailchimp.com.json"), "mailchimp.com.json", "mc");
    let lib = &rendered.files["mc-models/src/lib.rs"];
    let modules: Vec<&str> = rendered
        .files
        .keys()
        .filter_map(|p| p.strip_prefix("mc-models/src/")?.strip_suffix(".rs"))
        .filter(|m| *m != "lib")
        .collect();
    assert!(modules.len() >= 10, "only modules {modules:?}");
    let mut seen = std::collections::BTreeSet::new();
    for module in &modules {
        assert!(
            lib.contains(&format!("\nmod {module};")) && lib.contains(&format!("pub use {module}::*;")),
            "lib.rs does not declare and re-export {module}"
        );
        let text = &rendered.files[&format!("mc-models/src/{module}.rs")];
        // The doc names how the module's type names start; every type's name starts so.
        let prefix = text
            .lines()
            .find_map(|l| l.strip_prefix("//! Types whose names start with `")?.split('`').next())
            .unwrap_or_else(|| panic!("{module}.rs has no prefix in its doc"));
        assert!(text.lines().count() < 20_000, "{module}.rs is {} lines", text.lines().count());
        for line in text.lines() {
            let Some(rest) = ["pub struct ", "pub enum ", "pub type "].iter().find_map(|k| line.strip_prefix(k)) else {
                continue;
            };
            let name: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
            assert!(name.starts_with(prefix), "{name} in {module}.rs does not start with {prefix}");
            assert!(seen.insert(name.clone()), "{name} is defined twice");
        }
    }
    assert_eq!(seen.len(), rendered.api.types.types.len(), "not every type is in a module");
    assert!(!lib.contains("pub struct ") && !lib.contains("pub type "), "lib.rs keeps types of its own");
}

#[test]
fn inexpressible_schemas_become_values_with_warnings_naming_the_pointer() {
    let rendered = render_fixture("not");
    let pointers: Vec<&str> = rendered.api.types.notes.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(pointers, ["/components/schemas/NotString", "/components/schemas/Filter/properties/exclude"]);
    let lib = &rendered.files["not-models/src/lib.rs"];
    assert!(lib.contains("pub type NotString = serde_json::Value;"), "{lib}");
    assert!(lib.contains("pub exclude: Option<serde_json::Value>,"), "{lib}");

    // The CLI prints the warning with the file position and the pointer.
    let out = tempfile::tempdir().unwrap();
    let run = run_in(
        &repo(),
        &["generate", "tests/fixtures/models/not.yaml", "--target", "models", "--out", out.path().to_str().unwrap()],
    );
    run.expect_code(0);
    for (pointer, line) in [("/components/schemas/NotString", 8), ("/components/schemas/Filter/properties/exclude", 16)]
    {
        let warning = run.stderr.lines().find(|l| l.contains(&format!("(#{pointer})"))).unwrap_or_else(|| {
            panic!("no warning naming {pointer}:\n{}", run.stderr);
        });
        assert!(warning.starts_with("warning: "), "{warning}");
        assert!(warning.contains(&format!("not.yaml:{line}:")), "{warning}");
        assert!(warning.contains("serde_json::Value"), "{warning}");
    }
    assert!(out.path().join("not-models/src/lib.rs").is_file());
}

// ---------------------------------------------------------------------------------------------
// Compile proof and round trips.


/// A JSON value as a Rust raw string literal.
fn raw_literal(text: &str) -> String {
    let hashes = "#".repeat((1..).find(|n| !text.contains(&format!("\"{}", "#".repeat(*n)))).unwrap());
    format!("r{hashes}\"{text}\"{hashes}")
}

/// What an example re-encodes to: the example, less the `null` members that the model cannot tell
/// from absent ones (optional nullable members, and nullable readOnly/writeOnly members, are
/// `Option<T>` and left out when `None`; three-state `Patch<T>` members of PATCH bodies keep
/// their `null`; absent members with a default serde applies come back as the default). Every
/// other member must come back as written.
fn expected(rust: &RustTypes<'_>, ty: &TypeRef, value: &Value) -> Value {
    let graph = rust.graph;
    match (graph.unalias(ty), value) {
        (TypeRef::List(item), Value::Array(items)) => {
            Value::Array(items.iter().map(|v| expected(rust, item, v)).collect())
        }
        (TypeRef::Map(inner), Value::Object(members)) => {
            Value::Object(members.iter().map(|(k, v)| (k.clone(), expected(rust, inner, v))).collect())
        }
        (TypeRef::Named(id), Value::Object(members)) => match &graph.get(*id).kind {
            TypeKind::Struct { fields, additional } => {
                let mut out = serde_json::Map::new();
                // An absent member with a default that serde applies comes back as the default.
                for f in fields {
                    if !members.contains_key(&f.name) && rust.field_default(*id, f).is_some() {
                        out.insert(f.name.clone(), f.default.clone().expect("a default"));
                    }
                }
                for (k, v) in members {
                    let Some(f) = fields.iter().find(|f| &f.name == k) else {
                        let extra = additional.as_deref().map_or(v.clone(), |t| expected(rust, t, v));
                        out.insert(k.clone(), extra);
                        continue;
                    };
                    let sends_null =
                        f.required && f.nullable && !f.read_only && !f.write_only || rust.is_patch_field(*id, f);
                    if v.is_null() && !sends_null {
                        continue;
                    }
                    out.insert(k.clone(), expected(rust, &f.ty, v));
                }
                Value::Object(out)
            }
            TypeKind::Union { variants, discriminator: Some(tag), .. } => {
                let chosen = members
                    .get(tag)
                    .and_then(Value::as_str)
                    .and_then(|t| variants.iter().find(|v| v.tag.as_deref() == Some(t)));
                chosen.map_or_else(|| value.clone(), |v| expected(rust, &v.ty, value))
            }
            _ => value.clone(),
        },
        _ => value.clone(),
    }
}

/// `tests/examples.rs` for a models crate: one test per component schema with an `example`.
fn examples_rs(api: &Api, krate: &str) -> (String, usize) {
    let rust = RustTypes::for_api(api);
    let mut tests = String::new();
    let mut count = 0;
    for (i, def) in api.types.types.iter().enumerate() {
        let (Some(component), Some(example)) = (&def.component, &def.example) else { continue };
        let ty = rust.name(TypeId(i));
        let test = snake_ident(&format!("example_{}", ty)).trim_start_matches("r#").to_string();
        let json = serde_json::to_string_pretty(example).unwrap();
        let after = serde_json::to_string_pretty(&expected(&rust, &TypeRef::Named(TypeId(i)), example)).unwrap();
        tests.push_str(&format!(
            "\n/// `#/components/schemas/{}` example.\n#[test]\nfn {test}() {{\n    round_trip::<{krate}::{ty}>(\n        {},\n        {},\n    );\n}}\n",
            component.replace('*', "_"),
            raw_literal(&json),
            raw_literal(&after),
        ));
        count += 1;
    }
    let text = format!(
        r#"//! Round trips of the spec's examples: decode into the generated type, re-encode, compare.

use serde_json::Value;

/// Equal JSON, numbers compared by value (`2` and `2.0` are the same number).
fn same(a: &Value, b: &Value) -> bool {{
    match (a, b) {{
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {{
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }}
        _ => a == b,
    }}
}}

#[track_caller]
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str, after: &str) {{
    let example: Value = serde_json::from_str(json).expect("the example is JSON");
    let expected: Value = serde_json::from_str(after).expect("the expected encoding is JSON");
    let decoded: T = serde_json::from_value(example)
        .unwrap_or_else(|e| panic!("the example does not decode into {{}}: {{e}}\n{{json}}", std::any::type_name::<T>()));
    let encoded = serde_json::to_value(&decoded).expect("encode");
    assert!(
        same(&expected, &encoded),
        "re-encoded JSON differs\n--- example ---\n{{expected:#}}\n--- re-encoded ---\n{{encoded:#}}"
    );
}}
{tests}"#
    );
    (text, count)
}

#[test]
fn a_module_named_like_the_runtime_crate_is_renamed_and_compiles() {
    // 160 `ApigenRuntimeT…` types split off the 185 `Apigen…` ones. A module `apigen_runtime`
    // would be what `apigen_runtime::models::…` names in the `apigen` module, which imports
    // its siblings (`ApigenOther…` hold an `ApigenRuntimeT0`).
    let mut schemas = serde_json::Map::new();
    let object = serde_json::json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}});
    for i in 0..160 {
        schemas.insert(format!("ApigenRuntimeT{i}"), object.clone());
    }
    let holder = serde_json::json!({"type": "object", "properties": {"b": {"$ref": "#/components/schemas/ApigenRuntimeT0"}}});
    for i in 0..25 {
        schemas.insert(format!("ApigenOther{i}"), holder.clone());
    }
    let spec = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Runtime names", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    });
    let work = common::run_folder(&target_dir().join("models-runtime-names"));
    let path = work.join("spec.json");
    std::fs::write(&path, serde_json::to_string(&spec).unwrap()).unwrap();
    let rendered = render(&path, "spec.json", "names");
    let lib = &rendered.files["names-models/src/lib.rs"];
    assert!(lib.contains("\nmod apigen_runtime_2;"), "the module is not renamed:\n{lib}");
    assert!(!lib.contains("\nmod apigen_runtime;"), "{lib}");
    for (path, text) in &rendered.files {
        let file = work.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
    }
    std::fs::write(work.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"names-models\"]\n").unwrap();
    std::fs::copy(repo().join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
    let (ok, out) = cargo(&work, &["check", "--workspace", "--message-format", "short"]);
    assert!(ok && !out.contains("warning"), "cargo check of the crate failed or warned:\n{out}");
    std::fs::remove_dir_all(&work).unwrap();
}

#[test]
fn generated_crates_compile_lint_clean_and_round_trip_their_examples() {
    let work = common::run_folder(&target_dir().join("models-fixtures"));

    let mut sources: Vec<(String, PathBuf, String)> = fixture_features()
        .into_iter()
        .map(|f| (f.replace('_', "-"), fixture_path(&f), format!("tests/fixtures/models/{f}.yaml")))
        .collect();
    let mut specs: Vec<PathBuf> = std::fs::read_dir(repo().join("specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "specs/ holds no spec");
    for spec in specs {
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        sources.push((format!("spec-{stem}"), spec, format!("specs/{stem}.yaml")));
    }

    let mut members = Vec::new();
    let mut own_tests = Vec::new();
    let mut examples = 0;
    for (name, spec, label) in &sources {
        let rendered = render(spec, label, name);
        for (path, text) in &rendered.files {
            let file = work.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, text).unwrap();
        }
        let krate = format!("{name}-models");
        let (tests, count) = examples_rs(&rendered.api, &krate.replace('-', "_"));
        examples += count;
        let dir = work.join(&krate);
        std::fs::create_dir_all(dir.join("tests")).unwrap();
        std::fs::write(dir.join("tests/examples.rs"), tests).unwrap();
        // A fixture's own tests of its generated crate (`<feature>.test.rs`), beside the examples.
        let own = spec.with_extension("test.rs");
        if own.exists() {
            std::fs::copy(&own, dir.join("tests/own.rs")).unwrap();
            own_tests.push(krate.clone());
        }
        // serde is a dependency of every models crate; the test file uses it and serde_json only.
        members.push(krate);
    }
    assert!(examples >= 40, "only {examples} examples: the fixtures lost theirs?");
    common::workspace(&work, &members.iter().map(String::as_str).collect::<Vec<_>>());

    let (ok, out) = cargo(&work, &["check", "--workspace", "--all-targets", "--message-format", "short"]);
    assert!(ok, "cargo check of the generated crates failed:\n{out}");
    assert!(!out.contains("warning"), "cargo check warned:\n{out}");
    let (ok, out) =
        cargo(&work, &["clippy", "--workspace", "--all-targets", "--message-format", "short", "--", "-D", "warnings"]);
    assert!(ok, "cargo clippy -D warnings of the generated crates failed:\n{out}");
    let (ok, out) = cargo(&work, &["test", "--workspace", "--no-fail-fast", "--test", "examples"]);
    assert!(ok, "round trips of the examples failed:\n{out}");
    let passed: usize = out
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert_eq!(passed, examples, "expected {examples} round trips to pass:\n{out}");
    assert!(own_tests.contains(&"evolution-models".to_string()), "evolution.test.rs was not picked up");
    for krate in &own_tests {
        let (ok, out) = cargo(&work, &["test", "-p", krate, "--test", "own"]);
        assert!(ok && out.contains("test result: ok."), "the tests of {krate} failed:\n{out}");
    }
    // Kept when an assertion above fails, for a look at the generated crates.
    std::fs::remove_dir_all(&work).unwrap();
}
