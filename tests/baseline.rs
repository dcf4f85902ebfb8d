//! Baselines end to end (`apigen check --write-baseline` / `--baseline` /
//! `baseline = "…"` in `apigen.toml`) on a real document,
//! `tests/corpus/apis-guru/consumerfinance.gov.json` (one line of JSON, some fifty
//! findings, seven of them `query-param-snake-case` on one operation).

mod common;

use common::{diagnostics, listing, repo, run_in, scratch};
use serde_json::Value;

const SPEC: &str = "consumerfinance.gov.json";
const SLICE: &str = "/data/hmda/slice/{slice}";

fn corpus_doc() -> String {
    std::fs::read_to_string(repo().join("tests/corpus/apis-guru").join(SPEC)).unwrap()
}

/// The document re-indented (every line moves: one line becomes hundreds) with
/// three blank lines inserted at the top, then changed by `edit`.
fn reindented(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(&corpus_doc()).unwrap();
    edit(&mut doc);
    let pretty = serde_json::to_string_pretty(&doc).unwrap();
    format!("{{\n\n\n{}", &pretty[1..])
}

fn slice_params(doc: &mut Value) -> &mut Vec<Value> {
    doc["paths"][SLICE]["get"]["parameters"].as_array_mut().unwrap()
}

/// A scratch folder with the document and a baseline written from it.
fn with_baseline() -> tempfile::TempDir {
    let dir = scratch(&[(SPEC, corpus_doc().as_bytes())]);
    let run = run_in(dir.path(), &["check", "--write-baseline", "apigen-baseline.json", SPEC]);
    run.expect_code(0);
    assert!(run.stderr.contains("apigen-baseline.json"), "{}", run.stderr);
    dir
}

fn baseline_file(dir: &tempfile::TempDir) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.path().join("apigen-baseline.json")).unwrap()).unwrap()
}

#[test]
fn write_baseline_records_every_finding_and_exits_0() {
    let dir = with_baseline();
    let plain = run_in(dir.path(), &["check", "--format", "json", SPEC]);
    plain.expect_code(1);
    let recorded = baseline_file(&dir);
    let entries = recorded["findings"].as_array().unwrap();
    assert_eq!(entries.len(), diagnostics(&plain.json()).len());
    assert!(entries.len() > 30, "{}", entries.len());
    assert!(entries.iter().all(|e| e["file"] == SPEC && e["fingerprint"].as_str().is_some_and(|f| f.len() == 16)), "{recorded:#}");
}

#[test]
fn reindented_document_with_inserted_lines_has_no_new_findings() {
    let dir = with_baseline();
    std::fs::write(dir.path().join(SPEC), reindented(|_| {})).unwrap();
    let run = run_in(dir.path(), &["check", "--baseline", "apigen-baseline.json", "--format", "json", SPEC]);
    run.expect_code(0);
    let report = run.json();
    assert!(diagnostics(&report).is_empty(), "{}", listing(&report));
    assert_eq!(report["baseline"]["fixed"].as_array().map(Vec::len), Some(0), "{report:#}");
    assert_eq!(report["baseline"]["baselined"], baseline_file(&dir)["findings"].as_array().unwrap().len());
}

#[test]
fn a_new_finding_of_a_baselined_rule_is_reported_alone() {
    let dir = with_baseline();
    // A camelCase query parameter inserted first: the same rule as seven baselined findings
    // on this operation, whose parameter positions all shift by one.
    let param = serde_json::json!({"name": "newFilter", "in": "query", "description": "A filter.", "schema": {"type": "string"}});
    std::fs::write(dir.path().join(SPEC), reindented(|doc| slice_params(doc).insert(0, param))).unwrap();
    let run = run_in(dir.path(), &["check", "--baseline", "apigen-baseline.json", "--format", "json", SPEC]);
    run.expect_code(1);
    let report = run.json();
    let found: Vec<(&str, &str)> =
        diagnostics(&report).iter().map(|d| (d["rule"].as_str().unwrap(), d["pointer"].as_str().unwrap())).collect();
    assert_eq!(found, [("query-param-snake-case", "/paths/~1data~1hmda~1slice~1{slice}/get/parameters/0")], "{}", listing(&report));
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["baseline"]["fixed"].as_array().map(Vec::len), Some(0), "{report:#}");
}

#[test]
fn a_fixed_finding_is_reported_once_as_fixed() {
    let dir = with_baseline();
    let edited = reindented(|doc| {
        let callback = slice_params(doc).iter_mut().find(|p| p["name"] == "$callback").unwrap();
        callback["name"] = "callback".into();
    });
    std::fs::write(dir.path().join(SPEC), edited).unwrap();
    let run = run_in(dir.path(), &["check", "--baseline", "apigen-baseline.json", SPEC]);
    run.expect_code(0);
    assert_eq!(run.stdout.matches("fixed[").count(), 1, "{}", run.stdout);
    assert!(run.stdout.contains("fixed[query-param-snake-case]: query parameter '$callback' is not snake_case"), "{}", run.stdout);
    assert!(run.stdout.contains("1 fixed (run --write-baseline to shrink the baseline)"), "{}", run.stdout);

    let json = run_in(dir.path(), &["check", "--baseline", "apigen-baseline.json", "--format", "json", SPEC]).json();
    let fixed = json["baseline"]["fixed"].as_array().unwrap();
    assert_eq!(fixed.len(), 1, "{json:#}");
    assert_eq!(fixed[0]["rule"], "query-param-snake-case");

    // Writing the baseline again shrinks it by that entry.
    let before = baseline_file(&dir)["findings"].as_array().unwrap().len();
    run_in(dir.path(), &["check", "--write-baseline", "apigen-baseline.json", SPEC]).expect_code(0);
    assert_eq!(baseline_file(&dir)["findings"].as_array().unwrap().len(), before - 1);
}

#[test]
fn sarif_results_carry_the_baseline_state() {
    let dir = with_baseline();
    let edited = reindented(|doc| {
        slice_params(doc).iter_mut().find(|p| p["name"] == "$callback").unwrap()["name"] = "callback".into();
        slice_params(doc).push(serde_json::json!({"name": "otherFilter", "in": "query", "description": "A filter.", "schema": {"type": "string"}}));
    });
    std::fs::write(dir.path().join(SPEC), edited).unwrap();
    let run = run_in(dir.path(), &["check", "--baseline", "apigen-baseline.json", "--format", "sarif", SPEC]);
    run.expect_code(1);
    let sarif = run.json();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let states: Vec<(&str, &str)> =
        results.iter().map(|r| (r["ruleId"].as_str().unwrap(), r["baselineState"].as_str().unwrap())).collect();
    assert_eq!(states, [("query-param-snake-case", "new"), ("query-param-snake-case", "absent")], "{sarif:#}");
}

#[test]
fn config_baseline_applies_and_the_flag_overrides_it() {
    let dir = with_baseline();
    std::fs::write(dir.path().join("apigen.toml"), "baseline = \"apigen-baseline.json\"\n").unwrap();
    let run = run_in(dir.path(), &["check", "--format", "json", SPEC]);
    run.expect_code(0);
    assert!(diagnostics(&run.json()).is_empty());

    // A baseline path that does not exist is an error naming it (exit 2), not silence.
    let missing = run_in(dir.path(), &["check", "--baseline", "nope.json", SPEC]);
    missing.expect_code(2);
    assert!(missing.stderr.contains("nope.json"), "{}", missing.stderr);
}

#[test]
fn a_baseline_of_one_document_does_not_hide_findings_of_another() {
    let dir = with_baseline();
    std::fs::copy(dir.path().join(SPEC), dir.path().join("copy.json")).unwrap();
    let run = run_in(dir.path(), &["check", "--baseline", "apigen-baseline.json", "--format", "json", SPEC, "copy.json"]);
    run.expect_code(1);
    let report = run.json();
    let files: std::collections::BTreeSet<&str> = diagnostics(&report).iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["copy.json"]);
}

const SECRET: &str = "S3CRET-TOKEN-4711";
const SMALL: &str = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\n";

/// A JSON file outside the project whose content an error message could echo.
fn outside_secret() -> String {
    format!("{{\"version\": \"{SECRET}\", \"findings\": [{{\"{SECRET}\": 1}}]}}")
}

#[track_caller]
fn refused(run: &common::Run, why: &str) {
    run.expect_code(2);
    assert!(run.stderr.contains(why), "no {why:?} in: {}", run.stderr);
    assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET), "the secret is echoed:\n{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "not one line: {:?}", run.stderr);
}

#[test]
fn a_configured_baseline_stays_in_the_folder_of_apigen_toml() {
    for value in ["../outside.json", "/etc/passwd", "sub/../../outside.json"] {
        let toml = format!("baseline = \"{value}\"\n");
        let dir = scratch(&[("outside.json", outside_secret().as_bytes()), ("project/apigen.toml", toml.as_bytes()), ("project/api.yaml", SMALL.as_bytes())]);
        let run = run_in(&dir.path().join("project"), &["check", "api.yaml"]);
        refused(&run, "leaves the folder of apigen.toml");
    }
    // A link in the project that leads out, configured or named with --baseline.
    let dir = scratch(&[
        ("outside.json", outside_secret().as_bytes()),
        ("project/apigen.toml", b"baseline = \"apigen-baseline.json\"\n"),
        ("project/api.yaml", SMALL.as_bytes()),
    ]);
    let project = dir.path().join("project");
    std::os::unix::fs::symlink(dir.path().join("outside.json"), project.join("apigen-baseline.json")).unwrap();
    refused(&run_in(&project, &["check", "api.yaml"]), "leads outside the project root");
    refused(&run_in(&project, &["check", "--baseline", "apigen-baseline.json", "api.yaml"]), "leads outside the project root");
}

#[test]
fn a_bad_baseline_is_named_by_position_never_echoed() {
    let dir = scratch(&[("api.yaml", SMALL.as_bytes()), ("b.json", outside_secret().as_bytes()), ("apigen.toml", b"")]);
    let run = run_in(dir.path(), &["check", "--baseline", "b.json", "api.yaml"]);
    refused(&run, "b.json:1:");
    assert!(run.stderr.contains("not an apigen baseline"), "{}", run.stderr);
    // apigen.toml errors are single clean lines too.
    let dir = scratch(&[("api.yaml", SMALL.as_bytes()), ("apigen.toml", "[rules]\n\"x\\u001b[2J\\n::error::y\" = \"off\"\n".as_bytes())]);
    let run = run_in(dir.path(), &["check", "api.yaml"]);
    run.expect_code(2);
    assert!(!run.stderr.contains('\u{1b}') && run.stderr.trim_end().lines().count() == 1, "{:?}", run.stderr);
}

#[test]
fn writing_a_baseline_replaces_a_link_never_writes_through_it() {
    let dir = scratch(&[("outside.txt", b"keep me\n"), ("project/api.yaml", SMALL.as_bytes())]);
    let project = dir.path().join("project");
    std::os::unix::fs::symlink(dir.path().join("outside.txt"), project.join("apigen-baseline.json")).unwrap();
    run_in(&project, &["check", "--write-baseline", "apigen-baseline.json", "api.yaml"]).expect_code(0);
    assert_eq!(std::fs::read_to_string(dir.path().join("outside.txt")).unwrap(), "keep me\n");
    let written = project.join("apigen-baseline.json");
    assert!(!std::fs::symlink_metadata(&written).unwrap().file_type().is_symlink());
    let baseline: Value = serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
    assert_eq!(baseline["version"], 1);
    let mut names: Vec<String> = std::fs::read_dir(&project).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["api.yaml", "apigen-baseline.json"], "a temporary file is left");
}
