//! Specs split over many files (issue 24): what a reference into another file
//! names becomes a component once, named after the file or pointer; discriminator
//! mappings may name files; `$ref`s inside extensions are not references; findings
//! keep pointing at the file and line where the text is.

mod common;

use std::path::Path;
use std::time::Duration;

use apigen::load::refs::collect_refs;
use apigen::load::Document;
use common::{apigen, listing, of_rule, repo, run_in, scratch};
use serde_json::Value;

fn cafe() -> std::path::PathBuf {
    repo().join("tests/fixtures/multi-file/cafe/openapi.yaml")
}

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("load {}: {e}", path.display()))
}

/// The names of one `components` section, in order.
fn components(doc: &Document, kind: &str) -> Vec<String> {
    doc.root["components"][kind].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

/// The rule ids of a document's loader findings.
fn loader_rules(doc: &Document) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.rule).collect()
}

#[test]
fn whole_files_and_file_pointers_become_components_named_after_them() {
    let doc = load(&cafe());
    assert!(doc.fits_shape && !loader_rules(&doc).contains(&"oas-ref-resolves"), "{:#?}", doc.diagnostics);
    // Price is the document's own component, whose file it claims; the others come from the paths.
    assert_eq!(components(&doc, "schemas"), ["Price", "Error", "MenuItem", "Beverage", "Dessert", "Error2", "Price2"]);
    assert_eq!(components(&doc, "responses"), ["NotFound"]);
    let menu = &doc.root["paths"]["/api/v1/menu"];
    assert_eq!(menu["get"]["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"], "#/components/schemas/MenuItem");
    assert_eq!(menu["get"]["responses"]["404"]["$ref"], "#/components/responses/NotFound");
    assert_eq!(menu["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/MenuItem");
    // A pointer inside another file (`schemas.yaml#/Price`) is a component of its own, an alias of the file it names.
    let schemas = &doc.root["components"]["schemas"];
    assert_eq!(schemas["Price"]["format"], "int64");
    assert_eq!(schemas["Price2"]["$ref"], "#/components/schemas/Price");
    assert_eq!(schemas["Dessert"]["properties"]["price"]["$ref"], "#/components/schemas/Price2");
    assert_eq!(schemas["Beverage"]["properties"]["price"]["$ref"], "#/components/schemas/Price");
    // Every reference left is local and resolves.
    for (pointer, reference) in &doc.refs {
        assert!(reference.starts_with("#/components/"), "{pointer}: {reference}");
    }
}

#[test]
fn a_name_taken_twice_is_numbered_the_same_way_every_time_and_reported_with_both_sources() {
    let first = load(&cafe());
    for _ in 0..3 {
        assert_eq!(load(&cafe()).root, first.root, "same input, same bundle");
    }
    // legacy/Error.yaml is met first (document order), schemas/Error.yaml second.
    assert_eq!(first.root["components"]["schemas"]["Error"]["description"], "What went wrong, the old way.");
    assert_eq!(first.root["components"]["schemas"]["Error2"]["description"], "What went wrong.");
    let run = run_in(cafe().parent().unwrap(), &["check", "--format", "json", "openapi.yaml"]);
    let report = run.json();
    let renamed = of_rule(&report, "oas-ref-renamed");
    let error = renamed.iter().find(|d| d["message"].as_str().unwrap().contains("Error2")).unwrap_or_else(|| panic!("{}", listing(&report)));
    assert_eq!(error["level"], "info");
    assert_eq!(
        error["message"],
        "components/schemas/Error is taken by legacy/Error.yaml, so schemas/Error.yaml is bundled as components/schemas/Error2"
    );
    // Where the second use is written.
    assert_eq!((error["file"].as_str(), error["line"].as_u64()), (Some("responses/NotFound.yaml"), Some(5)));
    assert_eq!(renamed.len(), 2, "{}", listing(&report));
}

#[test]
fn discriminator_mappings_may_name_files_and_file_pointers() {
    let doc = load(&cafe());
    let item = &doc.root["components"]["schemas"]["MenuItem"];
    assert_eq!(item["discriminator"]["mapping"]["beverage"], "#/components/schemas/Beverage");
    assert_eq!(item["discriminator"]["mapping"]["dessert"], "#/components/schemas/Dessert");
    assert_eq!(item["oneOf"][0]["$ref"], "#/components/schemas/Beverage");
    assert_eq!(item["oneOf"][1]["$ref"], "#/components/schemas/Dessert");
    let run = run_in(cafe().parent().unwrap(), &["check", "--format", "json", "openapi.yaml"]);
    let report = run.json();
    assert!(of_rule(&report, "oas-discriminator").is_empty(), "{}", listing(&report));
}

#[test]
fn a_mapping_to_a_file_nothing_else_references_bundles_it() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      oneOf: [{$ref: '#/components/schemas/Cat'}]\n      discriminator:\n        propertyName: kind\n        mapping: {cat: '#/components/schemas/Cat', dog: schemas/dog.json}\n    Cat: {type: object, properties: {kind: {type: string}}}\n";
    let dir = scratch(&[("api.yaml", spec.as_bytes()), ("schemas/dog.json", br#"{"type": "object", "properties": {"kind": {"type": "string"}}}"#)]);
    let doc = load(&dir.path().join("api.yaml"));
    assert_eq!(doc.root["components"]["schemas"]["Pet"]["discriminator"]["mapping"]["dog"], "#/components/schemas/dog");
    assert_eq!(doc.root["components"]["schemas"]["dog"]["type"], "object");
    assert_eq!(doc.root["components"]["schemas"]["Pet"]["discriminator"]["mapping"]["cat"], "#/components/schemas/Cat");
}

#[test]
fn references_inside_extensions_are_not_followed_checked_or_counted() {
    let doc = load(&cafe());
    // `x-codeSamples` names a C# file and `x-logo` a pointer that does not exist: neither is read nor reported.
    assert!(!doc.files.iter().any(|f| f.path.extension().is_some_and(|e| e == "cs")), "the .cs file is never read");
    assert!(!loader_rules(&doc).contains(&"oas-ref-resolves"), "{:#?}", doc.diagnostics);
    let samples = &doc.root["paths"]["/api/v1/menu"]["get"]["x-codeSamples"][0]["source"]["$ref"];
    assert_eq!(samples, "../samples/get.cs", "extension values are kept as written");
    assert_eq!(doc.root["info"]["x-logo"]["$ref"], "#/nowhere");
    assert!(doc.refs.iter().all(|(pointer, _)| !pointer.contains("/x-")), "{:?}", doc.refs);
    // A property or header named `x-…` is a name, not an extension.
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        x-id: {$ref: 'id.yaml'}\n";
    let dir = scratch(&[("api.yaml", spec.as_bytes()), ("id.yaml", b"type: string\n")]);
    let doc = load(&dir.path().join("api.yaml"));
    assert_eq!(doc.root["components"]["schemas"]["A"]["properties"]["x-id"]["$ref"], "#/components/schemas/id");
}

#[test]
fn a_file_referenced_three_thousand_times_is_read_and_bundled_once() {
    let mut spec = String::from("openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n");
    for i in 0..1000 {
        spec.push_str(&format!(
            "  /api/v1/things{i}:\n    get:\n      operationId: get_thing{i}\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-Limit: {{$ref: 'shared/headers.yaml#/Limit'}}\n          content:\n            application/json:\n              schema: {{$ref: 'shared/Thing.yaml'}}\n        '404': {{$ref: 'shared/NotFound.yaml'}}\n"
        ));
    }
    let dir = scratch(&[
        ("api.yaml", spec.as_bytes()),
        ("shared/Thing.yaml", b"type: object\nproperties:\n  id: {type: string}\n"),
        ("shared/headers.yaml", b"Limit: {schema: {type: integer}}\n"),
        ("shared/NotFound.yaml", b"description: Not found.\ncontent:\n  application/json:\n    schema: {$ref: Thing.yaml}\n"),
    ]);
    let doc = load(&dir.path().join("api.yaml"));
    assert_eq!(doc.files.len(), 4, "each file read once");
    assert_eq!(components(&doc, "schemas"), ["Thing"]);
    assert_eq!(components(&doc, "headers"), ["Limit"]);
    assert_eq!(components(&doc, "responses"), ["NotFound"]);
    let refs = collect_refs(&doc.root);
    let count = |r: &str| refs.iter().filter(|(_, reference)| reference == r).count();
    assert_eq!(count("#/components/schemas/Thing"), 1001, "1,000 uses and the one inside NotFound");
    assert_eq!(count("#/components/headers/Limit"), 1000);
    assert_eq!(count("#/components/responses/NotFound"), 1000);
    assert_eq!(refs.len(), 3001);
}

/// The recursive pair of issue 24: a schema in another file whose children are itself.
const RECURSIVE_API: &str = "openapi: 3.0.3
info: {title: Tree, version: 1.0.0}
paths:
  /api/v1/nodes:
    get:
      operationId: list_nodes
      responses:
        '200':
          description: The tree.
          content:
            application/json:
              schema: {$ref: 'defs.yml#/Node'}
";
const RECURSIVE_DEFS: &str = "Node:
  type: object
  description: A node of a tree.
  required: [name]
  properties:
    name: {type: string}
    children:
      type: array
      items: {$ref: '#/Node'}
";

#[test]
fn a_recursive_schema_in_another_file_generates_a_recursive_model() {
    let dir = scratch(&[("api.yaml", RECURSIVE_API.as_bytes()), ("defs.yml", RECURSIVE_DEFS.as_bytes())]);
    // Before bundling named it, this never ended: bound the run so a regression fails instead of
    // hanging, before loading it in this process.
    let out = apigen()
        .current_dir(dir.path())
        .args(["generate", "api.yaml", "--target", "models", "--out", "out"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lib = std::fs::read_to_string(dir.path().join("out/api-models/src/lib.rs")).unwrap();
    assert!(lib.contains("pub struct Node {"), "{lib}");
    assert!(lib.contains("Vec<Node>"), "{lib}");
    let doc = load(&dir.path().join("api.yaml"));
    assert_eq!(components(&doc, "schemas"), ["Node"]);
    assert_eq!(doc.root["components"]["schemas"]["Node"]["properties"]["children"]["items"]["$ref"], "#/components/schemas/Node");
}

#[test]
fn a_cycle_through_two_files_is_two_recursive_components() {
    let api = RECURSIVE_API.replace("defs.yml#/Node", "a.yaml");
    let dir = scratch(&[
        ("api.yaml", api.as_bytes()),
        ("a.yaml", b"type: object\nproperties:\n  b: {$ref: 'b.yaml#/B'}\n"),
        ("b.yaml", b"B:\n  type: object\n  properties:\n    a: {$ref: a.yaml}\n"),
    ]);
    let doc = load(&dir.path().join("api.yaml"));
    assert_eq!(components(&doc, "schemas"), ["a", "B"]);
    assert_eq!(doc.root["components"]["schemas"]["a"]["properties"]["b"]["$ref"], "#/components/schemas/B");
    assert_eq!(doc.root["components"]["schemas"]["B"]["properties"]["a"]["$ref"], "#/components/schemas/a");
    assert!(doc.fits_shape && doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
}

#[test]
fn a_path_item_that_includes_itself_is_reported_and_ends() {
    let api = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /api/v1/a: {$ref: 'paths/a.yaml'}\n";
    let dir = scratch(&[("api.yaml", api.as_bytes()), ("paths/a.yaml", b"get:\n  $ref: '#'\n")]);
    let doc = load(&dir.path().join("api.yaml"));
    let found: Vec<_> = doc.diagnostics.iter().filter(|d| d.rule == "oas-ref-resolves").collect();
    assert_eq!(found.len(), 1, "{:#?}", doc.diagnostics);
    assert!(found[0].message.contains("includes itself"), "{}", found[0].message);
    let at = found[0].location.as_ref().unwrap();
    assert!(at.file.ends_with("paths/a.yaml") && at.line == 2, "{at}");
}

#[test]
fn findings_inside_bundled_files_point_at_their_file_and_line() {
    let run = run_in(cafe().parent().unwrap(), &["check", "--format", "json", "openapi.yaml"]);
    let report = run.json();
    let snake = of_rule(&report, "property-snake-case");
    assert!(
        snake.iter().any(|d| d["file"] == "schemas/Beverage.yaml" && d["line"] == 11 && d["column"] == 3),
        "{}",
        listing(&report)
    );
    let shape = of_rule(&report, "error-schema-shape");
    assert!(shape.iter().all(|d| d["file"] == "legacy/Error.yaml"), "{}", listing(&report));
}

#[test]
fn the_root_documents_own_component_keeps_its_name_and_a_clash_is_numbered() {
    let other = "components:\n  schemas:\n    Error: {type: object, description: Theirs., properties: {code: {type: string}}}\n";
    let api = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /api/v1/a:\n    get:\n      operationId: get_a\n      responses:\n        '500':\n          description: failed\n          content:\n            application/json:\n              schema: {$ref: 'other.yaml#/components/schemas/Error'}\ncomponents:\n  schemas:\n    Error: {type: object, description: Ours., properties: {message: {type: string}}}\n";
    let dir = scratch(&[("api.yaml", api.as_bytes()), ("other.yaml", other.as_bytes())]);
    let doc = load(&dir.path().join("api.yaml"));
    assert_eq!(components(&doc, "schemas"), ["Error", "Error2"]);
    assert_eq!(doc.root["components"]["schemas"]["Error"]["description"], "Ours.");
    assert_eq!(doc.root["components"]["schemas"]["Error2"]["description"], "Theirs.");
    let renamed: Vec<_> = doc.diagnostics.iter().filter(|d| d.rule == "oas-ref-renamed").collect();
    assert_eq!(renamed.len(), 1, "{:#?}", doc.diagnostics);
    assert!(renamed[0].message.contains("the document's own component"), "{}", renamed[0].message);
}

#[test]
fn redoclys_starter_keeps_its_file_names_and_its_tagged_union() {
    let spec = repo().join("tests/corpus/multi-file/redocly-starter/openapi/openapi.yaml");
    let doc = load(&spec);
    assert!(!loader_rules(&doc).contains(&"oas-ref-resolves"), "{:#?}", doc.diagnostics);
    let schemas = components(&doc, "schemas");
    for name in ["MenuItem", "Beverage", "Dessert", "MenuBaseItem", "Order", "Error"] {
        assert!(schemas.iter().any(|s| s == name), "{name} in {schemas:?}");
    }
    let mapping: &Value = &doc.root["components"]["schemas"]["MenuItem"]["discriminator"]["mapping"];
    assert_eq!(mapping["beverage"], "#/components/schemas/Beverage");
    let run = run_in(spec.parent().unwrap(), &["check", "--format", "json", "openapi.yaml"]);
    let report = run.json();
    for rule in ["oas-discriminator", "oas-ref-resolves", "oas-parse"] {
        assert!(of_rule(&report, rule).is_empty(), "{rule}: {}", listing(&report));
    }
}

#[test]
fn digitaloceans_split_spec_bundles_without_reference_findings() {
    let spec = repo().join("tests/corpus/multi-file/digitalocean/specification/DigitalOcean-public.v2.yaml");
    let doc = load(&spec);
    let refs: Vec<_> = doc.diagnostics.iter().filter(|d| d.rule == "oas-ref-resolves" || d.rule == "oas-parse").collect();
    assert!(refs.is_empty(), "{refs:#?}");
    assert!(doc.fits_shape);
    assert!(doc.files.len() > 1000, "{} files", doc.files.len());
    // Every file is read once: no two entries for one file.
    let mut seen = std::collections::HashSet::new();
    for file in &doc.files {
        assert!(seen.insert(file.path.canonicalize().unwrap()), "{} read twice", file.path.display());
    }
}

#[test]
fn references_that_fan_out_through_examples_stop_at_the_node_budget() {
    // Each level of fans.yaml references the next twice where nothing can be named (an
    // example value), so inlining would make 2^40 copies: the budget stops it, reported.
    let mut fans = String::new();
    let pad = vec!["0"; 500].join(", ");
    for level in 0..40 {
        fans.push_str(&format!("l{level}: {{a: {{$ref: '#/l{0}'}}, b: {{$ref: '#/l{0}'}}, pad: [{pad}]}}\n", level + 1));
    }
    fans.push_str("l40: end\n");
    let api = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: object, description: A., example: {$ref: 'fans.yaml#/l0'}}\n";
    let dir = scratch(&[("api.yaml", api.as_bytes()), ("fans.yaml", fans.as_bytes())]);
    let out = apigen()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "api.yaml"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = of_rule(&report, "oas-ref-resolves");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert!(found[0]["message"].as_str().unwrap().contains("expand to more than 2000000 nodes"), "{}", listing(&report));
    assert_eq!(found[0]["file"], "fans.yaml");
}
