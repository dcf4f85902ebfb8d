//! What `apigen check` does with input it cannot use: a run that cannot start
//! exits 2 with one `error: …` line; a document that cannot be read as OpenAPI
//! is an `oas-parse` (or `oas-ref-resolves`, `oas-duplicate-key`) finding with
//! file:line:column and exit 1. Nothing here may panic (exit 101): every test
//! asserts the exact exit code.

mod common;

use common::{assert_at, diagnostics, listing, of_rule, run_in, scratch, Run};
use serde_json::Value;

/// Checks one file (written into a scratch folder as `name`) with the JSON report.
fn check_json(name: &str, bytes: &[u8]) -> (Run, Value) {
    let dir = scratch(&[(name, bytes)]);
    let run = run_in(dir.path(), &["check", "--format", "json", name]);
    let report = run.json();
    (run, report)
}

/// Checks one file with the human report.
fn check_human(name: &str, bytes: &[u8]) -> Run {
    let dir = scratch(&[(name, bytes)]);
    run_in(dir.path(), &["check", name])
}

/// The only `oas-parse` finding of a report.
#[track_caller]
fn single_parse_error(report: &Value) -> &Value {
    let found = of_rule(report, "oas-parse");
    assert_eq!(found.len(), 1, "expected one oas-parse finding:\n{}", listing(report));
    assert_eq!(found[0]["level"], "error");
    found[0]
}

#[track_caller]
fn assert_message(d: &Value, fragment: &str) {
    let message = d["message"].as_str().unwrap_or("");
    assert!(message.contains(fragment), "message {message:?} lacks {fragment:?}");
}

/// stderr is exactly one `error: …` line.
#[track_caller]
fn assert_one_error_line(run: &Run) {
    assert!(run.stderr.starts_with("error: "), "stderr: {}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "more than one line on stderr:\n{}", run.stderr);
}

const MINIMAL_HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: x\n  version: 1.0.0\n";

// ---------------------------------------------------------------- cannot run: exit 2

#[test]
fn missing_file_exits_2() {
    let dir = scratch(&[]);
    let run = run_in(dir.path(), &["check", "nope.yaml"]);
    run.expect_code(2);
    assert_one_error_line(&run);
    assert!(run.stderr.contains("nope.yaml") && run.stderr.contains("no such file"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn missing_file_among_good_ones_exits_2() {
    let dir = scratch(&[("good.yaml", MINIMAL_HEAD.as_bytes())]);
    let run = run_in(dir.path(), &["check", "good.yaml", "gone.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("gone.json") && run.stderr.contains("no such file"), "{}", run.stderr);
}

#[test]
fn folder_without_specs_exits_2() {
    let dir = scratch(&[("empty/notes.txt", b"hello\n"), ("empty/data.json", b"{\"name\": \"x\"}\n"), ("empty/sub/x.yaml", b"a: 1\n")]);
    let run = run_in(dir.path(), &["check", "empty"]);
    run.expect_code(2);
    assert_one_error_line(&run);
    assert!(run.stderr.contains("empty") && run.stderr.contains("no OpenAPI documents found"), "{}", run.stderr);
}

#[test]
fn bad_apigen_toml_key_exits_2_with_its_position() {
    let spec = format!("{MINIMAL_HEAD}paths: {{}}\n");
    let dir = scratch(&[
        ("api.yaml", spec.as_bytes()),
        ("apigen.toml", b"# project config\n[conventions]\npagination = \"page\"\nenvelop = \"data\"\n"),
    ]);
    let run = run_in(dir.path(), &["check", "api.yaml"]);
    run.expect_code(2);
    assert_one_error_line(&run);
    assert!(run.stderr.contains("apigen.toml:4:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("envelop"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "a report was written despite the bad config:\n{}", run.stdout);
}

#[test]
fn bad_apigen_toml_value_exits_2_with_its_position() {
    let spec = format!("{MINIMAL_HEAD}paths: {{}}\n");
    let dir = scratch(&[("api.yaml", spec.as_bytes()), ("apigen.toml", b"[conventions]\npagination = \"pages\"\n")]);
    let run = run_in(dir.path(), &["check", "api.yaml"]);
    run.expect_code(2);
    assert_one_error_line(&run);
    assert!(run.stderr.contains("apigen.toml:2:14:") && run.stderr.contains("pages"), "{}", run.stderr);
}

#[test]
fn unknown_rule_in_config_exits_2_with_a_suggestion() {
    let spec = format!("{MINIMAL_HEAD}paths: {{}}\n");
    let dir = scratch(&[("api.yaml", spec.as_bytes()), ("apigen.toml", b"[rules]\npath-kebab-cas = \"off\"\n")]);
    let run = run_in(dir.path(), &["check", "api.yaml"]);
    run.expect_code(2);
    assert_one_error_line(&run);
    assert!(run.stderr.contains("apigen.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("'path-kebab-cas'"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean 'path-kebab-case'"), "{}", run.stderr);
}

#[test]
fn bad_apigen_today_exits_2() {
    let spec = format!("{MINIMAL_HEAD}paths: {{}}\n");
    let dir = scratch(&[("api.yaml", spec.as_bytes())]);
    let output = common::apigen().current_dir(dir.path()).env("APIGEN_TODAY", "tomorrow").args(["check", "api.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: ") && stderr.contains("APIGEN_TODAY"), "{stderr}");
}

// ---------------------------------------------------------------- unreadable documents: oas-parse, exit 1

#[test]
fn empty_file_is_an_oas_parse_finding() {
    for (name, bytes) in [("empty.yaml", &b""[..]), ("blank.json", &b"  \n\n"[..])] {
        let (run, report) = check_json(name, bytes);
        run.expect_code(1);
        let d = single_parse_error(&report);
        assert_message(d, "empty");
        assert_at(d, name, 1, 1);
    }
}

#[test]
fn invalid_utf8_is_an_oas_parse_finding_at_the_bad_byte() {
    // The first bad byte is on line 3, column 10.
    let mut bytes = b"openapi: 3.0.3\ninfo:\n  title: ".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x00, 0x80]);
    bytes.extend_from_slice(b"\n  version: 1.0.0\npaths: {}\n");
    let (run, report) = check_json("api.yaml", &bytes);
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "not UTF-8");
    assert_at(d, "api.yaml", 3, 10);
}

#[test]
fn binary_garbage_is_an_oas_parse_finding() {
    // Every byte value, a few times over (not UTF-8), under both extensions, and UTF-8 control characters.
    let garbage: Vec<u8> = (0..1024u32).map(|i| (i.wrapping_mul(2654435761) >> 7) as u8).collect();
    let controls: Vec<u8> = (0u8..32).chain([0x7f]).cycle().take(300).collect();
    for (name, bytes) in [("garbage.yaml", &garbage), ("garbage.json", &garbage), ("controls.yaml", &controls)] {
        let (run, report) = check_json(name, bytes);
        run.expect_code(1);
        let d = single_parse_error(&report);
        assert_eq!(d["file"], *name);
        assert!(d["line"].as_u64().is_some() && d["column"].as_u64().is_some(), "{d:#}");
        // Nothing else is claimed about a file that did not load.
        assert_eq!(diagnostics(&report).len(), 1, "{}", listing(&report));
    }
    let human = check_human("garbage.yaml", &garbage);
    human.expect_code(1);
    assert!(human.stdout.contains("error[oas-parse]: not a text file: the bytes are not UTF-8"), "{}", human.stdout);
}

#[test]
fn yaml_syntax_error_is_located() {
    // Line 5: a second `: ` inside a plain scalar; the parser stops at column 17.
    let text = format!("{MINIMAL_HEAD}  description: a: b\npaths: {{}}\n");
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "invalid YAML");
    assert_message(d, "mapping values are not allowed");
    assert_at(d, "api.yaml", 5, 17);

    // Line 6: `@` cannot start a plain scalar (column 12).
    let text = format!("{MINIMAL_HEAD}paths: {{}}\nx-note: @nope\n");
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "invalid YAML");
    assert_at(d, "api.yaml", 6, 9);

    let human = check_human("api.yaml", format!("{MINIMAL_HEAD}  description: a: b\npaths: {{}}\n").as_bytes());
    human.expect_code(1);
    assert!(human.stdout.contains("error[oas-parse]: invalid YAML"), "{}", human.stdout);
    assert!(human.stdout.contains(" --> api.yaml:5:17\n"), "{}", human.stdout);
    assert!(human.stdout.contains("5 |   description: a: b\n"), "{}", human.stdout);
}

#[test]
fn yaml_unknown_alias_is_located() {
    let text = format!("{MINIMAL_HEAD}paths: {{}}\nx-a: *undefined\n");
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "anchor");
    assert_eq!(d["line"], 6, "{d:#}");
}

#[test]
fn json_syntax_error_is_located() {
    // A trailing comma at line 4, column 14.
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\", \"version\": \"1.0.0\"},\n  \"paths\": {},\n}\n";
    let (run, report) = check_json("api.json", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "invalid JSON");
    assert_at(d, "api.json", 4, 14);
}

#[test]
fn json_with_a_missing_comma_is_an_oas_parse_finding() {
    // Line 3 lacks the comma between "title" and "version": not JSON.
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\" \"version\": \"1.0.0\"},\n  \"paths\": {}\n}\n";
    let (run, report) = check_json("api.json", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "invalid JSON");
    assert_eq!((d["file"].as_str(), d["line"].as_u64()), (Some("api.json"), Some(3)), "{d:#}");
}

#[test]
fn json_that_is_not_openapi() {
    let (run, report) = check_json("thing.json", b"{\"name\": \"x\"}\n");
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "not an OpenAPI document");
    assert_at(d, "thing.json", 1, 1);

    // A top level that is not a mapping at all.
    let (run, report) = check_json("list.yaml", b"- a\n- b\n");
    run.expect_code(1);
    assert_message(single_parse_error(&report), "not an OpenAPI document");
}

#[test]
fn swagger_2_is_refused_with_advice() {
    for (name, text) in [
        ("old.yaml", "swagger: \"2.0\"\ninfo:\n  title: x\n  version: 1.0.0\npaths: {}\n"),
        ("old.json", "{\"swagger\": \"2.0\", \"info\": {\"title\": \"x\", \"version\": \"1.0.0\"}, \"paths\": {}}\n"),
    ] {
        let (run, report) = check_json(name, text.as_bytes());
        run.expect_code(1);
        let d = single_parse_error(&report);
        assert_message(d, "Swagger 2.0 is not supported");
        assert_message(d, "convert");
        assert_eq!((d["file"].as_str(), d["line"].as_u64()), (Some(name), Some(1)), "{d:#}");
    }
}

#[test]
fn unsupported_openapi_version_is_refused() {
    let (run, report) = check_json("api.yaml", b"openapi: 2.5.0\ninfo:\n  title: x\n  version: 1.0.0\npaths: {}\n");
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "not supported");
    assert_at(d, "api.yaml", 1, 1);
}

#[test]
fn root_level_findings_of_yaml_documents_point_at_line_1_column_1() {
    // A finding about the whole document points at its start, as it does for JSON
    // (`{"name": "x"}` → 1:1), not at the first `:` of the file.
    for (name, text) in [
        ("old.yaml", "swagger: \"2.0\"\ninfo:\n  title: x\n  version: 1.0.0\npaths: {}\n"),
        ("thing.yaml", "name: x\n"),
    ] {
        let (run, report) = check_json(name, text.as_bytes());
        run.expect_code(1);
        assert_at(single_parse_error(&report), name, 1, 1);
    }
}

#[test]
fn utf8_byte_order_mark_is_ignored() {
    // Editors on Windows save UTF-8 with a BOM; the document is still OpenAPI.
    let yaml = format!("\u{feff}{MINIMAL_HEAD}paths: {{}}\n");
    let json = "\u{feff}{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"x\", \"version\": \"1.0.0\"}, \"paths\": {}}\n";
    for (name, text) in [("bom.yaml", yaml.as_str()), ("bom.json", json)] {
        let (run, report) = check_json(name, text.as_bytes());
        assert!(of_rule(&report, "oas-parse").is_empty(), "{name}:\n{}", listing(&report));
        run.expect_code(0);
    }
}

// ---------------------------------------------------------------- $ref problems

#[test]
fn ref_cycle_is_reported_at_each_ref() {
    let text = format!(
        "{MINIMAL_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n"
    );
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let found = of_rule(&report, "oas-ref-resolves");
    assert_eq!(found.len(), 2, "{}", listing(&report));
    for d in &found {
        assert_message(d, "cycle");
        assert_eq!(d["level"], "error");
    }
    assert_at(found[0], "api.yaml", 9, 7);
    assert_at(found[1], "api.yaml", 11, 7);
    assert!(of_rule(&report, "oas-parse").is_empty(), "{}", listing(&report));
}

#[test]
fn ref_to_itself_is_a_cycle() {
    let text = format!("{MINIMAL_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/A'\n");
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let found = of_rule(&report, "oas-ref-resolves");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_message(found[0], "cycle");
    assert_at(found[0], "api.yaml", 9, 7);
}

/// A component whose `$ref` (line 9, column 7) names a file that does not exist.
fn missing_file_ref() -> String {
    format!("{MINIMAL_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: 'nowhere.yaml#/components/schemas/Error'\n")
}

#[test]
fn ref_to_a_missing_file() {
    let (run, report) = check_json("api.yaml", missing_file_ref().as_bytes());
    run.expect_code(1);
    let found = of_rule(&report, "oas-ref-resolves");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_message(found[0], "cannot be read");
    assert_message(found[0], "nowhere.yaml");
    assert_eq!(found[0]["file"], "api.yaml");
}

#[test]
fn ref_to_a_missing_file_points_at_the_ref() {
    // Like an unresolved local `$ref`, the finding points at the `$ref` itself.
    let (run, report) = check_json("api.yaml", missing_file_ref().as_bytes());
    run.expect_code(1);
    assert_at(of_rule(&report, "oas-ref-resolves")[0], "api.yaml", 9, 7);
}

#[test]
fn ref_to_a_missing_component_suggests_the_near_name() {
    let text = format!(
        "{MINIMAL_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Order:\n      type: object\n    List:\n      type: array\n      items:\n        $ref: '#/components/schemas/Ordr'\n"
    );
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let found = of_rule(&report, "oas-ref-resolves");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_message(found[0], "'#/components/schemas/Ordr'");
    assert_message(found[0], "did you mean 'Order'");
    assert_at(found[0], "api.yaml", 13, 9);

    let human = check_human("api.yaml", text.as_bytes());
    human.expect_code(1);
    assert!(human.stdout.contains("error[oas-ref-resolves]: $ref '#/components/schemas/Ordr' does not resolve"), "{}", human.stdout);
    assert!(human.stdout.contains(" --> api.yaml:13:9\n"), "{}", human.stdout);
}

// ---------------------------------------------------------------- hostile and extreme documents

#[test]
fn yaml_alias_bomb_is_refused() {
    // Billion laughs: 9 levels of 9 aliases each (9^9 ≈ 387 million nodes if expanded).
    let mut text = format!("{MINIMAL_HEAD}paths: {{}}\nx-bomb:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let mut prev = 'a';
    for name in "bcdefghi".chars() {
        let items = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("  {name}: &{name} [{items}]\n"));
        prev = name;
    }
    let (run, report) = check_json("bomb.yaml", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "alias");
    assert_eq!(d["file"], "bomb.yaml");
    assert!(d["line"].as_u64().is_some_and(|l| (7..=15).contains(&l)), "{d:#}");
}

#[test]
fn fifty_levels_of_nested_schemas_load() {
    let mut text = format!("{MINIMAL_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Deep:\n");
    let mut indent = "      ".to_string();
    for i in 0..50 {
        text.push_str(&format!("{indent}type: object\n{indent}properties:\n{indent}  level_{i}:\n"));
        indent.push_str("    ");
    }
    text.push_str(&format!("{indent}type: string\n"));
    let (run, report) = check_json("deep.yaml", text.as_bytes());
    assert!(matches!(run.code, Some(0 | 1)), "exit {:?}\n{}", run.code, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(of_rule(&report, "oas-parse").is_empty(), "{}", listing(&report));
    assert!(of_rule(&report, "oas-ref-resolves").is_empty(), "{}", listing(&report));
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn ten_thousand_nested_json_arrays_are_refused() {
    let depth = 10_000;
    let text = format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"x\", \"version\": \"1.0.0\"}}, \"paths\": {{}}, \"x-deep\": {}{}}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (run, report) = check_json("deep.json", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "deeper");
    assert_eq!((d["file"].as_str(), d["line"].as_u64()), (Some("deep.json"), Some(1)), "{d:#}");
}

#[test]
fn ten_thousand_nested_yaml_sequences_are_refused() {
    let depth = 10_000;
    let text = format!("{MINIMAL_HEAD}paths: {{}}\nx-deep: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let (run, report) = check_json("deep.yaml", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_eq!((d["file"].as_str(), d["line"].as_u64()), (Some("deep.yaml"), Some(6)), "{d:#}");
}

#[test]
fn duplicate_key_is_reported_at_the_second_key() {
    let yaml = "openapi: 3.0.3\ninfo:\n  title: Dup\n  version: 1.0.0\n  title: Again\npaths: {}\n";
    let (run, report) = check_json("dup.yaml", yaml.as_bytes());
    run.expect_code(1);
    let found = of_rule(&report, "oas-duplicate-key");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_message(found[0], "'title'");
    assert_eq!(found[0]["level"], "error");
    assert_at(found[0], "dup.yaml", 5, 3);
    assert_eq!(found[0]["pointer"], "/info/title");

    let json = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"a\", \"version\": \"1.0.0\"},\n  \"paths\": {},\n  \"openapi\": \"3.0.3\"\n}\n";
    let (run, report) = check_json("dup.json", json.as_bytes());
    run.expect_code(1);
    let found = of_rule(&report, "oas-duplicate-key");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_message(found[0], "'openapi'");
    assert_at(found[0], "dup.json", 5, 3);
}

#[test]
fn a_broken_operation_is_reported_there_and_the_rest_is_still_checked() {
    // GET /api/v1/items has `parameters` that are not a list (line 15): that operation is
    // reported and left out, and the rest of the document is still checked (the
    // non-snake_case property at line 24). (A missing `responses` is `oas-required-field`,
    // and the operation stays: tests/lenient.rs.)
    let text = "\
openapi: 3.0.3
info:
  title: x
  version: 1.0.0
paths:
  /api/v1/orders:
    get:
      operationId: list_orders
      responses:
        '200':
          description: ok
  /api/v1/items:
    get:
      operationId: list_items
      parameters: not a list
      responses:
        '200':
          description: ok
components:
  schemas:
    Order:
      type: object
      properties:
        orderId: {type: string}
";
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert_message(d, "expected a sequence");
    assert_eq!(d["pointer"], "/paths/~1api~1v1~1items/get/parameters", "{d:#}");
    assert_at(d, "api.yaml", 15, 7);
    let snake = of_rule(&report, "property-snake-case");
    assert_eq!(snake.len(), 1, "the rest of the document was not checked:\n{}", listing(&report));
    assert_at(snake[0], "api.yaml", 24, 9);
}

#[test]
fn a_broken_component_is_reported_there_and_the_rest_is_still_checked() {
    let text = format!(
        "{MINIMAL_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Broken:\n      type: object\n      required: 5\n    Order:\n      type: object\n      properties:\n        orderId: {{type: string}}\n"
    );
    let (run, report) = check_json("api.yaml", text.as_bytes());
    run.expect_code(1);
    let d = single_parse_error(&report);
    assert!(d["pointer"].as_str().unwrap().starts_with("/components/schemas/Broken"), "{d:#}");
    assert_eq!(d["line"].as_u64().map(|l| (8..=10).contains(&l)), Some(true), "{d:#}");
    let snake = of_rule(&report, "property-snake-case");
    assert_eq!(snake.len(), 1, "{}", listing(&report));
    assert_at(snake[0], "api.yaml", 14, 9);
}

#[test]
fn one_bad_document_does_not_hide_the_others() {
    let good = common::fixture("cli/product_orders.yaml");
    let dir = scratch(&[("a.yaml", good.as_bytes()), ("b.yaml", b"openapi: 3.0.3\ninfo: [\n"), ("c.json", b"")]);
    let run = run_in(dir.path(), &["check", "--format", "json", "a.yaml", "b.yaml", "c.json"]);
    run.expect_code(1);
    let report = run.json();
    assert_eq!(report["summary"]["files"], 3);
    let parse_files: Vec<&str> = of_rule(&report, "oas-parse").iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(parse_files, ["b.yaml", "c.json"], "{}", listing(&report));
    assert_eq!(of_rule(&report, "path-kebab-case").len(), 1, "{}", listing(&report));
}
