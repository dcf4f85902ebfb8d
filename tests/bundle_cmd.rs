//! `apigen bundle`: for every corpus document, the bundle reads back as the same tree,
//! `check` of it gives the same findings (rule id and JSON pointer) as `check` of the
//! spec, and bundling the bundle writes it byte for byte, in YAML and JSON (and with
//! `--dereference`, which leaves no reference to nothing); hostile keys
//! and strings read back as written (no way out of a scalar); the command writes whole
//! files or nothing, with the exit codes of the other commands; `--dereference` keeps
//! recursive schemas as references.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use apigen::bundle::{self, Refused};
use apigen::check::check_document;
use apigen::config::Config;
use apigen::load::source::SourceFile;
use apigen::load::{json, yaml, Boundary, Document, Format};
use common::{repo, run_in, scratch};
use serde_json::{json, Map, Value};

/// Multi-file corpus entries (specs split over many files, read from their entry document),
/// held to the same assertions as the single-file documents.
const MULTI_FILE: [&str; 2] = [
    "tests/corpus/multi-file/redocly-starter/openapi/openapi.yaml",
    "tests/corpus/multi-file/digitalocean/specification/DigitalOcean-public.v2.yaml",
];

fn corpus() -> Vec<String> {
    let mut files = Vec::new();
    for folder in ["tests/corpus/oai", "tests/corpus/apis-guru"] {
        let mut found: Vec<String> = std::fs::read_dir(repo().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
            .map(|p| p.strip_prefix(repo()).unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(!found.is_empty(), "{folder} holds no document");
        found.sort();
        files.extend(found);
    }
    files.extend(MULTI_FILE.iter().map(|s| s.to_string()));
    files
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d").unwrap()
}

/// The findings of `check` as (rule id, JSON pointer), sorted.
/// `oas-ref-renamed` is left out: it reports how bundling named a component made from another
/// file, and a bundle has no other files (its components carry the numbered names already).
fn findings(doc: Document) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = check_document(doc, &Config::default(), today())
        .diagnostics
        .into_iter()
        .filter(|d| d.rule != "oas-ref-renamed")
        .map(|d| (d.rule.to_string(), d.pointer))
        .collect();
    found.sort();
    found
}

/// A bundle loaded as `bundle` loads it (a 3.1 tree kept as written), from a file named `name`.
fn load_text(name: &str, text: &str) -> Document {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    Document::load_unnormalized(&path, &Boundary::around(&path)).unwrap()
}

/// What is wrong with bundling one corpus document, if anything.
fn round_trip(rel: &str) -> Result<(), String> {
    let path = repo().join(rel);
    let doc = Document::load_unnormalized(&path, &Boundary::around(&path)).map_err(|e| format!("{e:#}"))?;
    let mut bundles = Vec::new();
    for (format, name) in [(Format::Yaml, "bundle.yaml"), (Format::Json, "bundle.json")] {
        let text = match bundle::bundle(&doc, format, false) {
            Ok(b) => b.text,
            Err(Refused::Findings(f)) => return Err(format!("refused: {:?}", f.iter().map(|d| &d.message).collect::<Vec<_>>())),
            Err(Refused::Limit(why)) => return Err(format!("refused: {why}")),
        };
        let again = load_text(name, &text);
        if bundle::tree(&again) != bundle::tree(&doc) {
            return Err(format!("{name} does not read back as the bundled tree"));
        }
        let twice = bundle::bundle(&again, format, false).map_err(|_| format!("{name} is refused"))?.text;
        if twice != text {
            let line = text.lines().zip(twice.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
            return Err(format!("bundling {name} again changes it (first at line {line})"));
        }
        bundles.push((name, again));
    }
    // Dereferenced: every reference left resolves, and dereferencing again changes nothing.
    let dereferenced = bundle::bundle(&doc, Format::Json, true).map_err(|_| "--dereference is refused".to_string())?.text;
    let again = load_text("dereferenced.json", &dereferenced);
    if dangling(bundle::tree(&again)) > dangling(bundle::tree(&doc)) {
        return Err("--dereference leaves a reference to nothing".into());
    }
    if bundle::bundle(&again, Format::Json, true).map_err(|_| "--dereference of its output is refused".to_string())?.text != dereferenced {
        return Err("--dereference of its output changes it".into());
    }
    let expected = findings(doc);
    for (name, again) in bundles {
        let got = findings(again);
        if got != expected {
            let missing: Vec<_> = expected.iter().filter(|f| !got.contains(f)).take(3).collect();
            let extra: Vec<_> = got.iter().filter(|f| !expected.contains(f)).take(3).collect();
            return Err(format!("check of {name} differs: missing {missing:?}, extra {extra:?}"));
        }
    }
    Ok(())
}

/// How many local references of a tree name nothing.
fn dangling(tree: &Value) -> usize {
    apigen::load::refs::collect_refs(tree)
        .iter()
        .filter_map(|(_, r)| apigen::load::refs::local_target(r))
        .filter(|target| apigen::load::tree::lookup(tree, target).is_none())
        .count()
}

#[test]
fn every_corpus_document_bundles_to_the_same_findings_and_to_itself() {
    let files = corpus();
    let failures = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            std::thread::Builder::new()
                .stack_size(256 << 20)
                .spawn_scoped(scope, || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(rel) = files.get(i) else { break };
                    match round_trip(rel) {
                        Ok(()) => {}
                        Err(why) => failures.lock().unwrap().push(format!("{rel}: {why}")),
                    }
                })
                .unwrap();
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} of {} documents:\n{}", failures.len(), files.len(), failures.join("\n"));
}

/// Reads text back with apigen's own readers.
fn read_back(text: &str, format: Format) -> Value {
    let file = SourceFile::new("t", text.to_string());
    let parsed = match format {
        Format::Yaml => yaml::parse(&file, 0),
        Format::Json => json::parse(text, 0),
    };
    let parsed = parsed.unwrap_or_else(|p| panic!("{format:?} output does not parse: {}\n{text}", p.message));
    assert!(parsed.problems.is_empty(), "{:?}\n{text}", parsed.problems);
    parsed.value
}

#[track_caller]
fn assert_reads_back(tree: &Value) {
    for (format, text) in [(Format::Yaml, bundle::emit::to_yaml(tree)), (Format::Json, bundle::emit::to_json(tree))] {
        assert_eq!(&read_back(&text, format), tree, "{format:?} reads back differently:\n{text}");
        let raw = text.chars().find(|c| *c != '\n' && bundle::emit::escaped(*c));
        assert_eq!(raw, None, "{format:?} holds an invisible or control character as it is:\n{text}");
    }
    let json = bundle::emit::to_json(tree);
    assert_eq!(&serde_json::from_str::<Value>(&json).unwrap(), tree, "serde_json reads the JSON differently");
}

/// Pieces of text with a meaning in YAML or JSON, or invisible to a reader.
const HOSTILE: [&str; 58] = [
    ": ", ":", " #", "#", "\n", "\r\n", "\r", "---", "...", "--- !!python/object:os.system", "!!python/name:eval", "!tag",
    "&a", "*a", "<<", "? ", "- ", "-", "|", ">", "{", "}", "[", "]", ",", "%YAML 1.1", "@", "`", "'", "\"", "\\",
    "\\n", "\t", " ", "  ", "\0", "\u{7}", "\u{1b}[2J", "\u{7f}", "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}", "\u{202e}",
    "\u{2066}", "\u{200f}", "\u{feff}", "\u{fffe}", "é", "日本", "🦀", "null", "~", "true", "no", "0x1F", "1e3", "3.0",
];

/// A deterministic pseudo-random string of hostile pieces and plain words.
fn hostile(seed: &mut u64) -> String {
    let mut next = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    };
    let pieces = next() % 7;
    (0..pieces)
        .map(|_| match next() % 4 {
            0 => "word".to_string(),
            _ => HOSTILE[(next() % HOSTILE.len() as u64) as usize].to_string(),
        })
        .collect()
}

#[test]
fn hostile_keys_and_strings_read_back_as_written() {
    // Every piece alone, as a key and as a value, in a mapping and a sequence, nested.
    for piece in HOSTILE.iter().chain(&["", "a\n", "a\n\n", "\na", "a\n b", " a\nb", "a \nb", "x\n#c\n---\n..."]) {
        let tree = json!({ *piece: piece, "seq": [piece, {(*piece): [piece]}], "nested": {"k": {(*piece): {(*piece): piece}}} });
        assert_reads_back(&tree);
    }
    // Pseudo-random combinations.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..3000 {
        let (k, v, w) = (hostile(&mut seed), hostile(&mut seed), hostile(&mut seed));
        let tree = json!({ k.clone(): v, "list": [w.clone(), {(w.clone()): {(k): w}}], "end": 1 });
        assert_reads_back(&tree);
    }
}

#[test]
fn long_keys_and_strings_read_back_as_written() {
    let long = "x: y #".repeat(20_000);
    let lines = "line\n".repeat(20_000);
    let tree = json!({ long.clone(): long, "a": [{ lines.clone(): lines.clone() }, lines], "k".repeat(1001): "v", "k".repeat(999): "v" });
    assert_reads_back(&tree);
    let yaml = bundle::emit::to_yaml(&tree);
    assert!(yaml.contains(&format!("\n? {}\n:", "k".repeat(1001))), "a key past 1000 characters is an explicit key");
    assert!(yaml.contains(&format!("\n{}: v", "k".repeat(999))));
}

#[test]
fn numbers_and_other_scalars_keep_their_types() {
    let tree = json!({
        "int": 12, "neg": -7, "big": u64::MAX, "min": i64::MIN, "float": 1.5, "one": 1.0, "tiny": 1e-7, "huge": 1e300, "zero": -0.0,
        "t": true, "f": false, "n": null, "e": {}, "a": [], "strs": ["12", "1.5", "1e3", "0x1F", "0o17", "+1", ".5", "-1", "True", "NULL", "Yes", "off", "2026-12-31", "1:20", "y", "N"]
    });
    assert_reads_back(&tree);
}

/// Scalars of the YAML output that name types: quoted, never plain.
#[test]
fn strings_that_look_like_other_types_are_quoted() {
    let tree = json!({"openapi": "3.0.3", "200": {"on": "no", "x": "1e3"}});
    assert_eq!(bundle::emit::to_yaml(&tree), "openapi: '3.0.3'\n'200':\n  'on': 'no'\n  x: '1e3'\n");
}

fn write_spec(files: &[(&str, &str)]) -> tempfile::TempDir {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    scratch(&bytes)
}

const SPLIT_SPEC: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      description: |
        Lists pets.
          Indented line.
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: 'schemas.yaml#/components/schemas/Pet'}
";

const SCHEMAS: &str = "components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string, example: 'no'}
";

#[test]
fn bundle_writes_one_file_that_checks_like_the_spec() {
    let dir = write_spec(&[("api.yaml", SPLIT_SPEC), ("schemas.yaml", SCHEMAS)]);
    let run = run_in(dir.path(), &["bundle", "api.yaml", "-o", "out/../bundle.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    run_in(dir.path(), &["bundle", "api.yaml", "-o", "bundle.json"]).expect_code(0);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("bundle.json")).unwrap()).unwrap();
    assert_eq!(json["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Pet");
    assert_eq!(json["components"]["schemas"]["Pet"]["properties"]["name"]["example"], "no");
    // The bundle checks like the spec, from another folder (it reads no other file).
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("bundle.json"), elsewhere.path().join("bundle.json")).unwrap();
    let of_spec = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]);
    let of_bundle = run_in(elsewhere.path(), &["check", "--format", "json", "bundle.json"]);
    assert_eq!(of_spec.code, of_bundle.code);
    let pairs = |run: &common::Run| {
        let mut p: Vec<(String, String)> = common::diagnostics(&run.json())
            .iter()
            .map(|d| (d["rule"].as_str().unwrap().to_string(), d["pointer"].as_str().unwrap_or_default().to_string()))
            .collect();
        p.sort();
        p
    };
    assert_eq!(pairs(&of_spec), pairs(&of_bundle));
    assert!(!pairs(&of_spec).is_empty(), "the fixture has findings to compare");
    // On stdout: the spec's own format, or --format.
    let yaml = run_in(dir.path(), &["bundle", "api.yaml"]);
    yaml.expect_code(0);
    assert!(yaml.stdout.starts_with("openapi: '3.0.3'\n"), "{}", yaml.stdout);
    assert!(yaml.stdout.contains("      description: |\n        Lists pets.\n          Indented line.\n"), "{}", yaml.stdout);
    let as_json = run_in(dir.path(), &["bundle", "api.yaml", "--format", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&as_json.stdout).unwrap(), json);
}

#[test]
fn a_31_document_bundles_to_31() {
    let spec = "openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Name:
      type: [string, 'null']
      examples: [Ada]
      exclusiveMinimum: 1
";
    let dir = write_spec(&[("api.yaml", spec)]);
    let run = run_in(dir.path(), &["bundle", "api.yaml", "--format", "json"]);
    run.expect_code(0);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(out["openapi"], "3.1.0");
    assert_eq!(out["components"]["schemas"]["Name"], json!({"type": ["string", "null"], "examples": ["Ada"], "exclusiveMinimum": 1}));
}

#[test]
fn unusable_documents_are_not_bundled_and_nothing_is_written() {
    let dir = write_spec(&[
        ("broken.yaml", "openapi: 3.0.3\ninfo: [\n"),
        ("swagger.yaml", "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n"),
        ("missing.yaml", "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    $ref: 'nowhere.yaml#/x'\n"),
        ("out.yaml", "kept: true\n"),
    ]);
    for (spec, says) in [
        ("broken.yaml", "broken.yaml:3:1"),
        ("swagger.yaml", "Swagger 2.0 is not supported"),
        ("missing.yaml", "missing.yaml:5:5"),
    ] {
        let run = run_in(dir.path(), &["bundle", spec, "-o", "out.yaml"]);
        run.expect_code(1);
        assert!(run.stderr.contains(says), "{spec}: {}", run.stderr);
        assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(dir.path().join("out.yaml")).unwrap(), "kept: true\n", "{spec}");
    }
    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 4, "no temporary file is left: {names:?}");
}

#[test]
fn loading_errors_that_leave_a_document_are_written_with_a_warning() {
    let spec = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Nope'}
";
    let dir = write_spec(&[("api.yaml", spec)]);
    let run = run_in(dir.path(), &["bundle", "api.yaml", "-o", "b.yml"]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning: api.yaml: 1 error of loading is written into the bundle"), "{}", run.stderr);
    let again = run_in(dir.path(), &["check", "--format", "json", "b.yml"]);
    assert_eq!(common::of_rule(&again.json(), "oas-ref-resolves").len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    let dir = write_spec(&[("api.yaml", SPLIT_SPEC), ("schemas.yaml", SCHEMAS), ("folder.yaml/x", "")]);
    for (args, says) in [
        (&["bundle", "api.yaml", "-o", "out.txt"][..], "name a .json, .yaml or .yml file"),
        (&["bundle", "api.yaml", "-o", "out.json", "--format", "yaml"][..], "contradicts"),
        (&["bundle", "nope.yaml"][..], "no such file"),
        (&["bundle", "api.yaml", "-o", "folder.yaml"][..], "it is a folder"),
    ] {
        let run = run_in(dir.path(), args);
        run.expect_code(2);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    let temporary: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with('.')).collect();
    assert!(temporary.is_empty(), "a failed write leaves no temporary file: {temporary:?}");
    // An output with a known extension and a matching --format is fine.
    run_in(dir.path(), &["bundle", "api.yaml", "-o", "x.txt", "--format", "yaml"]).expect_code(0);
}

#[test]
fn output_replaces_a_symbolic_link_instead_of_writing_through_it() {
    let dir = write_spec(&[("api.yaml", SPLIT_SPEC), ("schemas.yaml", SCHEMAS), ("target.txt", "do not touch\n")]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("target.txt"), dir.path().join("link.yaml")).unwrap();
        run_in(dir.path(), &["bundle", "api.yaml", "-o", "link.yaml"]).expect_code(0);
        assert_eq!(std::fs::read_to_string(dir.path().join("target.txt")).unwrap(), "do not touch\n");
        assert!(!std::fs::symlink_metadata(dir.path().join("link.yaml")).unwrap().file_type().is_symlink());
    }
}

const RECURSIVE: &str = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /trees:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Tree'}
components:
  schemas:
    Tree:
      type: object
      properties:
        root: {$ref: '#/components/schemas/Node'}
        label: {$ref: '#/components/schemas/Label'}
        a: {$ref: '#/components/schemas/A'}
        pet: {$ref: '#/components/schemas/Pet'}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}
    Cat: {type: object, properties: {kind: {type: string}}}
    Dog: {type: object, properties: {kind: {type: string}}}
    Node:
      type: object
      properties:
        label: {$ref: '#/components/schemas/Label'}
        children:
          type: array
          items: {$ref: '#/components/schemas/Node'}
    A:
      type: object
      properties:
        b: {$ref: '#/components/schemas/B'}
    B:
      type: object
      properties:
        a: {$ref: '#/components/schemas/A'}
    Label:
      type: string
    Unused:
      type: integer
";

#[test]
fn dereference_inlines_all_but_recursive_schemas() {
    let dir = write_spec(&[("api.yaml", RECURSIVE)]);
    let run = run_in(dir.path(), &["bundle", "api.yaml", "--dereference", "--format", "json"]);
    run.expect_code(0);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let schema = &out["paths"]["/trees"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    let label = json!({"type": "string"});
    assert_eq!(schema["type"], "object", "Tree is inlined");
    assert_eq!(schema["properties"]["label"], label, "Label is inlined");
    assert_eq!(schema["properties"]["root"], json!({"$ref": "#/components/schemas/Node"}), "Node refers to itself");
    assert_eq!(schema["properties"]["a"], json!({"$ref": "#/components/schemas/A"}), "A and B refer to each other");
    let schemas = out["components"]["schemas"].as_object().unwrap();
    assert_eq!(schema["properties"]["pet"]["oneOf"][1]["type"], "object", "Dog is inlined");
    assert_eq!(
        schemas.keys().collect::<Vec<_>>(),
        ["Cat", "Node", "A", "B", "Unused"],
        "Tree, Pet, Dog and Label are left out; the discriminator mapping names Cat; Unused was never referenced"
    );
    assert_eq!(schemas["Node"]["properties"]["label"], label);
    assert_eq!(schemas["Node"]["properties"]["children"]["items"], json!({"$ref": "#/components/schemas/Node"}));
    assert!(run.stderr.contains("dereferenced: 3 recursive targets stay referenced"), "{}", run.stderr);
    // The dereferenced document checks without a broken reference, and is itself stable.
    std::fs::write(dir.path().join("d.json"), &run.stdout).unwrap();
    let check = run_in(dir.path(), &["check", "--format", "json", "d.json"]);
    assert!(common::of_rule(&check.json(), "oas-ref-resolves").is_empty(), "{}", common::listing(&check.json()));
    let again = run_in(dir.path(), &["bundle", "d.json", "--dereference"]);
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn dereference_refuses_exponential_copies() {
    let mut schemas = Map::new();
    for i in 0..30 {
        let next = json!({"$ref": format!("#/components/schemas/S{}", i + 1)});
        schemas.insert(format!("S{i}"), json!({"type": "object", "properties": {"a": next, "b": next}}));
    }
    schemas.insert("S30".into(), json!({"type": "string"}));
    let spec = json!({"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}, "components": {"schemas": schemas}});
    let dir = write_spec(&[("api.json", &spec.to_string())]);
    let run = run_in(dir.path(), &["bundle", "api.json", "--dereference", "-o", "d.json"]);
    run.expect_code(1);
    assert!(run.stderr.contains("more than 2000000 nodes"), "{}", run.stderr);
    assert!(!dir.path().join("d.json").exists());
}

#[test]
fn dereference_refuses_nesting_apigen_cannot_read_back() {
    let mut schemas = Map::new();
    for i in 0..600 {
        schemas.insert(format!("S{i}"), json!({"type": "array", "items": {"$ref": format!("#/components/schemas/S{}", i + 1)}}));
    }
    schemas.insert("S600".into(), json!({"type": "string"}));
    let spec = json!({"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}, "components": {"schemas": schemas}});
    let dir = write_spec(&[("api.json", &spec.to_string())]);
    run_in(dir.path(), &["bundle", "api.json", "-o", "b.json"]).expect_code(0);
    let run = run_in(dir.path(), &["bundle", "api.json", "--dereference", "-o", "d.json"]);
    run.expect_code(1);
    assert!(run.stderr.contains("deeper than 512 levels"), "{}", run.stderr);
    assert!(!dir.path().join("d.json").exists());
}

#[test]
fn help_teaches_the_command() {
    let run = run_in(Path::new("."), &["bundle", "--help"]);
    run.expect_code(0);
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for says in ["--dereference", "leads back to itself", "Exit status", "Examples:", "a 3.1 document stays 3.1"] {
        assert!(help.contains(says), "{says}: {}", run.stdout);
    }
}
