//! End-to-end tests of the `apigen` command line (docs/check.md, docs/generate.md): `check` with every
//! report format, `--deny`, `apigen.toml` levels, `x-apigen-ignore`, several
//! inputs (files, folders, globs), relative-file `$ref`s, OpenAPI 3.1, and the
//! `rules`, `init` and `completions` commands.
//!
//! Every run sets `APIGEN_TODAY` and `NO_COLOR` (see `common::apigen`). Specs
//! are checked from scratch folders so no `apigen.toml` of the repository applies.

mod common;

use std::collections::BTreeSet;

use common::{assert_at, diagnostics, fixture, listing, of_rule, repo, run_in, scratch};
use serde_json::Value;

/// `tests/fixtures/cli/product_orders.yaml`: `/api/v1/productOrders` is at line 6, column 3.
fn product_orders() -> String {
    fixture("cli/product_orders.yaml")
}

/// `tests/fixtures/cli/warn_only.yaml`: the `apigen init` spec without the summary of
/// `GET /api/v1/widgets/{widget_id}` (line 104, column 5): one warning, nothing else.
fn warn_only() -> String {
    fixture("cli/warn_only.yaml")
}

/// The part of `apigen rules` that lists the check rules (the diff checks follow, under `Diff: …` titles).
fn check_listing(stdout: &str) -> &str {
    stdout.find("\nDiff: ").map_or(stdout, |end| &stdout[..end])
}

/// Rule ids printed by `apigen rules`, in order (check rules only).
fn listed_rule_ids() -> Vec<String> {
    let run = run_in(&repo(), &["rules"]);
    run.expect_code(0);
    check_listing(&run.stdout)
        .lines()
        .filter(|l| l.starts_with("  ") && !l.trim().is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

/// The summary counts agree with the diagnostics listed.
#[track_caller]
fn assert_summary_consistent(report: &Value, files: u64) {
    let count = |level: &str| diagnostics(report).iter().filter(|d| d["level"] == level).count() as u64;
    let s = &report["summary"];
    assert_eq!(s["files"].as_u64(), Some(files), "{s}");
    assert_eq!(s["errors"].as_u64(), Some(count("error")), "{s}");
    assert_eq!(s["warnings"].as_u64(), Some(count("warn")), "{s}");
    assert_eq!(s["infos"].as_u64(), Some(count("info")), "{s}");
}

// ---------------------------------------------------------------- specs/

#[test]
fn example_specs_folder_is_clean() {
    let run = run_in(&repo(), &["check", "specs/"]);
    run.expect_code(0);
    assert!(run.stdout.contains(" 0 errors"), "{}", run.stdout);
    assert!(run.stdout.starts_with("ok: ") || run.stdout.contains("\nok: "), "{}", run.stdout);
}

#[test]
fn every_example_spec_has_no_errors_in_the_json_report() {
    let mut specs: Vec<_> = std::fs::read_dir(repo().join("specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "specs/ holds no spec");
    for spec in specs {
        let rel = spec.strip_prefix(repo()).unwrap().to_str().unwrap().to_string();
        let run = run_in(&repo(), &["check", "--format", "json", &rel]);
        run.expect_code(0);
        let report = run.json();
        let errors: Vec<_> = diagnostics(&report).iter().filter(|d| d["level"] == "error").collect();
        assert!(errors.is_empty(), "{rel} has errors:\n{}", listing(&report));
        assert_eq!(report["summary"]["errors"], 0, "{rel}");
        assert_eq!(report["summary"]["files"], 1, "{rel}");
    }
}

// ---------------------------------------------------------------- report formats

#[test]
fn json_report_has_stable_fields_and_the_known_finding() {
    let dir = scratch(&[("product_orders.yaml", product_orders().as_bytes())]);
    let run = run_in(dir.path(), &["check", "--format", "json", "product_orders.yaml"]);
    run.expect_code(1);
    let report = run.json();
    assert_summary_consistent(&report, 1);
    assert!(report["summary"]["errors"].as_u64().unwrap() >= 1);
    for d in diagnostics(&report) {
        for field in ["rule", "level", "message", "file", "pointer"] {
            assert!(d[field].is_string(), "diagnostic without string `{field}`: {d:#}");
        }
        for field in ["line", "column"] {
            assert!(d[field].as_u64().is_some_and(|n| n >= 1), "diagnostic without `{field}`: {d:#}");
        }
        assert!(["error", "warn", "info"].contains(&d["level"].as_str().unwrap()), "{d:#}");
        assert!(d.get("help").is_some(), "diagnostic without `help` key: {d:#}");
        assert_eq!(d["file"], "product_orders.yaml");
    }
    let kebab = of_rule(&report, "path-kebab-case");
    assert_eq!(kebab.len(), 1, "{}", listing(&report));
    let d = kebab[0];
    assert_eq!(d["level"], "error");
    assert_at(d, "product_orders.yaml", 6, 3);
    assert_eq!(d["pointer"], "/paths/~1api~1v1~1productOrders");
    assert!(d["message"].as_str().unwrap().contains("productOrders"), "{d:#}");
    assert!(d["help"].as_str().unwrap().contains("/api/v1/product-orders"), "{d:#}");
}

#[test]
fn sarif_report_lists_every_rule_and_locates_results() {
    let dir = scratch(&[("product_orders.yaml", product_orders().as_bytes())]);
    let run = run_in(dir.path(), &["check", "--format", "sarif", "product_orders.yaml"]);
    run.expect_code(1);
    let sarif = run.json();
    assert_eq!(sarif["version"], "2.1.0");
    let sarif_run = &sarif["runs"][0];
    assert_eq!(sarif_run["tool"]["driver"]["name"], "apigen");

    let rules = sarif_run["tool"]["driver"]["rules"].as_array().expect("driver.rules");
    let sarif_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().expect("rule id")).collect();
    let listed = listed_rule_ids();
    assert!(listed.len() >= 50, "`apigen rules` listed only {} rules", listed.len());
    assert_eq!(sarif_ids.len(), listed.len(), "SARIF has {} rules, `apigen rules` lists {}", sarif_ids.len(), listed.len());
    let sarif_set: BTreeSet<&str> = sarif_ids.iter().copied().collect();
    for id in &listed {
        assert!(sarif_set.contains(id.as_str()), "rule {id} missing from SARIF driver.rules");
    }

    let results = sarif_run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        assert!(sarif_set.contains(id), "result for an undeclared rule {id}");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap_or("")), "{r:#}");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().is_some_and(|n| n >= 1), "{r:#}");
        assert!(region["startColumn"].as_u64().is_some_and(|n| n >= 1), "{r:#}");
        if let Some(index) = r["ruleIndex"].as_u64() {
            assert_eq!(rules[index as usize]["id"], r["ruleId"], "ruleIndex points at another rule");
        }
    }
    let kebab: Vec<_> = results.iter().filter(|r| r["ruleId"] == "path-kebab-case").collect();
    assert_eq!(kebab.len(), 1);
    assert_eq!(kebab[0]["level"], "error");
    let loc = &kebab[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "product_orders.yaml");
    assert_eq!(loc["region"]["startLine"], 6);
    assert_eq!(loc["region"]["startColumn"], 3);

    // Same findings as the JSON report.
    let json = run_in(dir.path(), &["check", "--format", "json", "product_orders.yaml"]).json();
    assert_eq!(results.len(), diagnostics(&json).len());
}

#[test]
fn github_report_writes_workflow_commands() {
    let dir = scratch(&[("product_orders.yaml", product_orders().as_bytes())]);
    let run = run_in(dir.path(), &["check", "--format", "github", "product_orders.yaml"]);
    run.expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().filter(|l| !l.is_empty()).collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "),
            "not a workflow command: {l}"
        );
        assert!(l.contains(",title=") && l.contains("::"), "{l}");
    }
    let kebab = lines
        .iter()
        .find(|l| l.contains("title=path-kebab-case::"))
        .unwrap_or_else(|| panic!("no path-kebab-case command:\n{}", run.stdout));
    assert!(
        kebab.starts_with("::error file=product_orders.yaml,line=6,col=3,title=path-kebab-case::"),
        "{kebab}"
    );
    assert!(kebab.contains("productOrders"), "{kebab}");
}

#[test]
fn human_report_is_rustc_like() {
    let dir = scratch(&[("product_orders.yaml", product_orders().as_bytes())]);
    let run = run_in(dir.path(), &["check", "product_orders.yaml"]);
    run.expect_code(1);
    assert!(!run.stdout.contains('\x1b'), "colour despite NO_COLOR:\n{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("error[path-kebab-case]: "))
        .unwrap_or_else(|| panic!("no error[path-kebab-case] header:\n{}", run.stdout));
    assert!(lines[start].contains("productOrders"), "{}", lines[start]);
    assert_eq!(lines[start + 1], " --> product_orders.yaml:6:3");
    assert_eq!(lines[start + 2], "  |");
    assert_eq!(lines[start + 3], "6 |   /api/v1/productOrders:");
    assert_eq!(lines[start + 4], "  |   ^^^^^^^^^^^^^^^^^^^^^");
    let block: Vec<&str> = lines[start..].iter().take_while(|l| !l.is_empty()).copied().collect();
    assert!(
        block.iter().any(|l| l.starts_with("  = help: ") && l.contains("/api/v1/product-orders")),
        "no help line in:\n{}",
        block.join("\n")
    );
    let summary = lines.last().unwrap();
    assert!(summary.starts_with("failed: checked 1 document: "), "{summary}");
    assert!(!summary.contains(" 0 errors"), "{summary}");
}

#[test]
fn quiet_drops_the_summary_line() {
    let dir = scratch(&[("product_orders.yaml", product_orders().as_bytes())]);
    let run = run_in(dir.path(), &["check", "--quiet", "product_orders.yaml"]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[path-kebab-case]"), "{}", run.stdout);
    assert!(!run.stdout.contains("checked 1 document"), "{}", run.stdout);
}

// ---------------------------------------------------------------- fail level

#[test]
fn deny_warnings_fails_a_warning_only_document() {
    let dir = scratch(&[("api.yaml", warn_only().as_bytes())]);
    let lenient = run_in(dir.path(), &["check", "api.yaml"]);
    lenient.expect_code(0);
    assert!(lenient.stdout.contains("warn[docs-operation-summary]"), "{}", lenient.stdout);
    assert!(lenient.stdout.contains("0 errors, 1 warning"), "{}", lenient.stdout);

    let strict = run_in(dir.path(), &["check", "--deny", "warnings", "api.yaml"]);
    strict.expect_code(1);
    assert!(strict.stdout.contains("warn[docs-operation-summary]"), "{}", strict.stdout);

    let report = run_in(dir.path(), &["check", "--deny", "warnings", "--format", "json", "api.yaml"]);
    report.expect_code(1);
    let report = report.json();
    assert_eq!(report["summary"]["errors"], 0, "{}", listing(&report));
    assert_eq!(report["summary"]["warnings"], 1, "{}", listing(&report));
    assert_at(of_rule(&report, "docs-operation-summary")[0], "api.yaml", 104, 5);
}

// ---------------------------------------------------------------- apigen.toml and x-apigen-ignore

#[test]
fn config_off_silences_a_rule() {
    // Control: without a config the rule fires.
    let plain = scratch(&[("product_orders.yaml", product_orders().as_bytes())]);
    let before = run_in(plain.path(), &["check", "--format", "json", "product_orders.yaml"]);
    before.expect_code(1);
    assert_eq!(of_rule(&before.json(), "path-kebab-case").len(), 1);

    let dir = scratch(&[
        ("product_orders.yaml", product_orders().as_bytes()),
        ("apigen.toml", b"[rules]\npath-kebab-case = \"off\"\n"),
    ]);
    let after = run_in(dir.path(), &["check", "--format", "json", "product_orders.yaml"]);
    let report = after.json();
    assert!(of_rule(&report, "path-kebab-case").is_empty(), "{}", listing(&report));
    let errors = report["summary"]["errors"].as_u64().unwrap();
    assert_eq!(errors + 1, before.json()["summary"]["errors"].as_u64().unwrap());
    after.expect_code(if errors > 0 { 1 } else { 0 });

    // A warning turned off makes a warning-only document pass `--deny warnings`.
    let dir = scratch(&[
        ("api.yaml", warn_only().as_bytes()),
        ("apigen.toml", b"[rules]\ndocs-operation-summary = \"off\"\n"),
    ]);
    let run = run_in(dir.path(), &["check", "--deny", "warnings", "api.yaml"]);
    run.expect_code(0);
    assert!(run.stdout.contains("0 errors, 0 warnings"), "{}", run.stdout);
}

#[test]
fn config_error_raises_a_warn_rule() {
    let dir = scratch(&[
        ("api.yaml", warn_only().as_bytes()),
        ("apigen.toml", b"[rules]\ndocs-operation-summary = \"error\"\n"),
    ]);
    let run = run_in(dir.path(), &["check", "api.yaml"]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[docs-operation-summary]"), "{}", run.stdout);
    assert!(run.stdout.contains(" --> api.yaml:104:5"), "{}", run.stdout);

    let report = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]).json();
    let found = of_rule(&report, "docs-operation-summary");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_eq!(found[0]["level"], "error");
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 0);
}

#[test]
fn config_flag_points_at_a_config_elsewhere() {
    let dir = scratch(&[
        ("specs/api.yaml", warn_only().as_bytes()),
        ("conf/strict.toml", b"[rules]\ndocs-operation-summary = \"error\"\n"),
    ]);
    run_in(dir.path(), &["check", "specs/api.yaml"]).expect_code(0);
    let run = run_in(dir.path(), &["check", "--config", "conf/strict.toml", "specs/api.yaml"]);
    run.expect_code(1);
    assert!(run.stdout.contains("error[docs-operation-summary]"), "{}", run.stdout);
}

#[test]
fn x_apigen_ignore_on_a_path_item_silences_only_its_operations() {
    // ignore.yaml: neither GET /api/v1/widgets (line 38) nor GET /api/v1/widgets/{widget_id}
    // (line 104) has a summary; only the second path item carries
    // `x-apigen-ignore: [docs-operation-summary]` (line 101).
    let text = fixture("cli/ignore.yaml");
    let dir = scratch(&[("api.yaml", text.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]);
    run.expect_code(0);
    let report = run.json();
    let found = of_rule(&report, "docs-operation-summary");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_at(found[0], "api.yaml", 38, 5);
    assert_eq!(found[0]["pointer"], "/paths/~1api~1v1~1widgets/get");

    // Control: without the annotation both operations are reported.
    let without: String = text.lines().filter(|l| !l.contains("x-apigen-ignore")).map(|l| format!("{l}\n")).collect();
    assert_ne!(without, text);
    let dir = scratch(&[("api.yaml", without.as_bytes())]);
    let report = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]).json();
    let pointers: BTreeSet<&str> =
        of_rule(&report, "docs-operation-summary").iter().map(|d| d["pointer"].as_str().unwrap()).collect();
    assert_eq!(
        pointers,
        BTreeSet::from(["/paths/~1api~1v1~1widgets/get", "/paths/~1api~1v1~1widgets~1{widget_id}/get"]),
        "{}",
        listing(&report)
    );
}

// ---------------------------------------------------------------- several inputs

/// product_orders.yaml with another non-kebab path (`/api/v1/line_items`, line 6).
fn line_items() -> String {
    product_orders().replace("productOrders", "line_items").replace("list_product_orders", "list_line_items")
}

#[test]
fn several_files_and_a_folder_in_one_run() {
    let dir = scratch(&[
        ("a.yaml", product_orders().as_bytes()),
        ("dir/b.yaml", warn_only().as_bytes()),
        ("dir/c.yaml", line_items().as_bytes()),
        // Not specs: the folder walk skips them.
        ("dir/notes.json", b"{\"name\": \"not a spec\"}\n"),
        ("dir/readme.txt", b"hello\n"),
    ]);
    let run = run_in(dir.path(), &["check", "--format", "json", "a.yaml", "dir"]);
    run.expect_code(1);
    let report = run.json();
    assert_summary_consistent(&report, 3);
    let files: BTreeSet<&str> = diagnostics(&report).iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, BTreeSet::from(["a.yaml", "dir/b.yaml", "dir/c.yaml"]), "{}", listing(&report));
    let kebab: Vec<(&str, u64)> = of_rule(&report, "path-kebab-case")
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(kebab, vec![("a.yaml", 6), ("dir/c.yaml", 6)], "{}", listing(&report));

    // The same file twice is checked once.
    let twice = run_in(dir.path(), &["check", "--format", "json", "a.yaml", "a.yaml"]).json();
    assert_eq!(twice["summary"]["files"], 1);

    // Human summary counts documents.
    let human = run_in(dir.path(), &["check", "a.yaml", "dir"]);
    human.expect_code(1);
    assert!(human.stdout.contains("checked 3 documents"), "{}", human.stdout);
}

#[test]
fn a_glob_pattern_selects_files() {
    let dir = scratch(&[
        ("a.yaml", product_orders().as_bytes()),
        ("dir/b.yaml", warn_only().as_bytes()),
        ("dir/c.yaml", line_items().as_bytes()),
        ("dir/d.json", b"{\"openapi\": \"3.0.3\"}\n"),
    ]);
    let run = run_in(dir.path(), &["check", "--format", "json", "dir/*.yaml"]);
    run.expect_code(1);
    let report = run.json();
    assert_summary_consistent(&report, 2);
    let files: BTreeSet<&str> = diagnostics(&report).iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, BTreeSet::from(["dir/b.yaml", "dir/c.yaml"]), "{}", listing(&report));
    assert_eq!(of_rule(&report, "path-kebab-case").len(), 1);

    let none = run_in(dir.path(), &["check", "nothing/*.yaml"]);
    none.expect_code(2);
    assert!(none.stderr.starts_with("error: ") && none.stderr.contains("matches no files"), "{}", none.stderr);
}

#[test]
fn no_argument_checks_the_current_folder() {
    let dir = scratch(&[("specs/api.yaml", warn_only().as_bytes()), ("other/c.yaml", line_items().as_bytes())]);
    let run = run_in(dir.path(), &["check", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(of_rule(&report, "path-kebab-case")[0]["file"], "./other/c.yaml");
}

// ---------------------------------------------------------------- positions

#[test]
fn findings_on_yaml_sequence_items_point_at_the_item() {
    // A finding about an array item that is a block mapping (a parameter) must point at
    // the item's first key, not at the `:` after it.
    let spec = "\
openapi: 3.0.3
info:
  title: Params
  version: 1.0.0
paths:
  /api/v1/orders:
    get:
      operationId: list_orders
      parameters:
        - name: pageSize
          in: query
          schema:
            type: integer
      responses:
        '200':
          description: ok
";
    let dir = scratch(&[("api.yaml", spec.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]);
    run.expect_code(1);
    let report = run.json();
    let found = of_rule(&report, "query-param-snake-case");
    assert_eq!(found.len(), 1, "{}", listing(&report));
    assert_eq!(found[0]["line"], 10, "{}", listing(&report));
    // `        - name: pageSize`: the item starts at column 11 (`name`).
    assert_at(found[0], "api.yaml", 10, 11);
}

// ---------------------------------------------------------------- relative-file $ref

#[test]
fn relative_file_ref_is_bundled_and_findings_point_into_the_other_file() {
    let dir = scratch(&[
        ("api/main.yaml", fixture("refs/main.yaml").as_bytes()),
        ("api/other.yaml", fixture("refs/other.yaml").as_bytes()),
    ]);
    let run = run_in(&dir.path().join("api"), &["check", "--format", "json", "main.yaml"]);
    run.expect_code(1);
    let report = run.json();
    assert!(of_rule(&report, "oas-ref-resolves").is_empty(), "{}", listing(&report));
    assert!(of_rule(&report, "oas-parse").is_empty(), "{}", listing(&report));
    assert_eq!(report["summary"]["files"], 1);
    let snake = of_rule(&report, "property-snake-case");
    assert_eq!(snake.len(), 1, "{}", listing(&report));
    assert!(snake[0]["message"].as_str().unwrap().contains("requestId"), "{:#}", snake[0]);
    // other.yaml line 10: `        requestId:`.
    assert_at(snake[0], "other.yaml", 10, 9);
    assert!(diagnostics(&report).iter().any(|d| d["file"] == "main.yaml"), "{}", listing(&report));

    // The human report quotes the other file's line.
    let human = run_in(&dir.path().join("api"), &["check", "main.yaml"]);
    human.expect_code(1);
    assert!(human.stdout.contains(" --> other.yaml:10:9\n"), "{}", human.stdout);
    assert!(human.stdout.contains("10 |         requestId:\n"), "{}", human.stdout);

    // From another folder, the other file is named relative to the first one.
    let outer = run_in(dir.path(), &["check", "--format", "json", "api/main.yaml"]).json();
    assert_at(of_rule(&outer, "property-snake-case")[0], "api/other.yaml", 10, 9);
}

// ---------------------------------------------------------------- OpenAPI 3.1

#[test]
fn openapi_31_document_loads() {
    let rel = "tests/corpus/apis-guru/discourse.local.json";
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(repo().join(rel)).unwrap()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0", "{rel} is no longer a 3.1.0 document");
    let run = run_in(&repo(), &["check", "--format", "json", rel]);
    assert!(matches!(run.code, Some(0 | 1)), "exit {:?}\n{}", run.code, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["summary"]["files"], 1);
    assert!(of_rule(&report, "oas-parse").is_empty(), "{}", listing(&report));
    // Loaded into the model: model rules ran and found convention findings in it.
    assert!(
        diagnostics(&report).iter().any(|d| d["file"] == rel
            && d["pointer"].as_str().unwrap().starts_with("/paths/")
            && !d["rule"].as_str().unwrap().starts_with("oas-")),
        "no model finding under /paths:\n{}",
        listing(&report)
    );
}

// ---------------------------------------------------------------- apigen rules

/// Families and rule ids of the catalogue (docs/rules.md).
const FAMILIES: [&str; 12] = [
    "Structure",
    "Versioning",
    "Naming",
    "Methods and status codes",
    "Errors",
    "Pagination, filtering, sorting",
    "Data formats",
    "Security",
    "Operations",
    "Documentation",
    "Migrations",
    "Webhooks",
];

const CATALOGUE_RULES: [&str; 57] = [
    "oas-parse",
    "oas-duplicate-key",
    "oas-ref-resolves",
    "oas-operation-id",
    "oas-path-params",
    "oas-unused-component",
    "oas-example-valid",
    "version-path-prefix",
    "version-matches-info",
    "version-semver",
    "deprecation-sunset",
    "path-kebab-case",
    "path-plural-collection",
    "path-no-verbs",
    "path-no-trailing-slash",
    "path-param-case",
    "query-param-snake-case",
    "property-snake-case",
    "boolean-prefix",
    "status-success-required",
    "status-get-200",
    "status-post-create-201",
    "status-delete-204",
    "status-known-codes",
    "status-async-202",
    "method-no-body",
    "error-schema",
    "error-schema-shape",
    "error-responses",
    "error-code-format",
    "pagination-required",
    "pagination-params",
    "pagination-limit-max",
    "pagination-response",
    "filter-operators",
    "sort-param",
    "format-datetime",
    "format-id",
    "format-email",
    "format-phone",
    "money-currency",
    "measurement-unit",
    "content-type-json",
    "security-required",
    "security-scheme-standard",
    "security-https",
    "permissions-format",
    "ops-rate-limit",
    "ops-request-id",
    "ops-idempotency-key",
    "ops-health-endpoint",
    "ops-cache-headers",
    "docs-operation-summary",
    "docs-operation-tags",
    "docs-parameter-description",
    "docs-schema-description",
    "docs-info-contact",
];

#[test]
fn rules_lists_every_family_and_rule() {
    let run = run_in(&repo(), &["rules"]);
    run.expect_code(0);
    let titles: Vec<&str> =
        check_listing(&run.stdout).lines().filter(|l| !l.is_empty() && !l.starts_with(' ') && !l.starts_with('`')).collect();
    assert_eq!(titles, FAMILIES, "{}", run.stdout);
    let ids = listed_rule_ids();
    let unique: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(unique.len(), ids.len(), "a rule is listed twice");
    for id in CATALOGUE_RULES {
        assert!(unique.contains(id), "`apigen rules` does not list {id}");
    }
    // Each line: id, default level, summary.
    for line in check_listing(&run.stdout).lines().filter(|l| l.starts_with("  ")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert!(words.len() >= 3 && ["error", "warn", "info"].contains(&words[1]), "{line}");
    }
    let kebab = run.stdout.lines().find(|l| l.trim_start().starts_with("path-kebab-case ")).unwrap();
    assert_eq!(kebab.split_whitespace().nth(1), Some("error"), "{kebab}");
}

#[test]
fn rules_explains_one_rule() {
    let run = run_in(&repo(), &["rules", "path-kebab-case"]);
    run.expect_code(0);
    let out = &run.stdout;
    assert!(out.starts_with("path-kebab-case (error, Naming)\n"), "{out}");
    for section in ["\nWhy:\n", "\nSource: ", "\nFails:\n", "\nPasses:\n"] {
        assert!(out.contains(section), "no {section:?} in:\n{out}");
    }
    let order: Vec<usize> = ["Why:", "Source:", "Fails:", "Passes:"].iter().map(|s| out.find(s).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "sections out of order:\n{out}");
    assert!(out.contains("x-apigen-ignore: [path-kebab-case]"), "{out}");
}

#[test]
fn every_listed_rule_can_be_explained() {
    for id in listed_rule_ids() {
        let run = run_in(&repo(), &["rules", &id]);
        run.expect_code(0);
        assert!(run.stdout.starts_with(&format!("{id} (")), "{id}: {}", run.stdout);
        for section in ["Why:\n    ", "Source: ", "Fails:\n    ", "Passes:\n    "] {
            assert!(run.stdout.contains(section), "{id} has no (non-empty) {section:?}:\n{}", run.stdout);
        }
    }
}

#[test]
fn rules_with_an_unknown_id_suggests_a_near_one() {
    let run = run_in(&repo(), &["rules", "path-kebab-cas"]);
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean 'path-kebab-case'"), "{}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);

    let far = run_in(&repo(), &["rules", "no-such"]);
    far.expect_code(2);
    assert!(far.stderr.contains("no rule 'no-such'"), "{}", far.stderr);

    let markdown = run_in(&repo(), &["rules", "--format", "markdown", "path-kebab-cas"]);
    markdown.expect_code(2);
    assert!(markdown.stdout.is_empty() && markdown.stderr.contains("did you mean 'path-kebab-case'"), "{}", markdown.stderr);
}

/// `--format markdown` prints the book's pages: a rule's, a diff check's, and the two indexes.
#[test]
fn rules_in_markdown_print_the_pages_of_the_book() {
    let docs = repo().join("docs");
    let page = |path: &str| std::fs::read_to_string(docs.join(path)).unwrap_or_else(|e| panic!("docs/{path}: {e}"));
    for (id, path) in [("path-kebab-case", "rules/path-kebab-case.md"), ("response-property-removed", "diff-checks/response-property-removed.md")] {
        let run = run_in(&repo(), &["rules", "--format", "markdown", id]);
        run.expect_code(0);
        assert_eq!(run.stdout, page(path), "{id}");
    }
    let all = run_in(&repo(), &["rules", "--format", "markdown"]);
    all.expect_code(0);
    assert_eq!(all.stdout, format!("{}\n{}", page("rules.md"), page("diff-checks.md")));
}

// ---------------------------------------------------------------- apigen init

#[test]
fn init_scaffolds_a_clean_project_and_never_overwrites() {
    let dir = scratch(&[]);
    let run = run_in(dir.path(), &["init"]);
    run.expect_code(0);
    let config = dir.path().join("apigen.toml");
    let spec = dir.path().join("specs/api.yaml");
    assert!(config.is_file() && spec.is_file(), "init did not create both files:\n{}", run.stdout);
    assert!(run.stdout.contains("apigen.toml") && run.stdout.contains("api.yaml"), "{}", run.stdout);

    let check = run_in(dir.path(), &["check", "--deny", "warnings"]);
    check.expect_code(0);
    assert!(check.stdout.contains("checked 1 document: 0 errors, 0 warnings"), "{}", check.stdout);
    let report = run_in(dir.path(), &["check", "--deny", "warnings", "--format", "json", "specs/api.yaml"]);
    report.expect_code(0);
    let report = report.json();
    assert_eq!(report["summary"]["errors"], 0, "{}", listing(&report));
    assert_eq!(report["summary"]["warnings"], 0, "{}", listing(&report));

    // Edit both files, then init again: refused, nothing touched.
    let edited_config = format!("{}\n# mine\n", std::fs::read_to_string(&config).unwrap());
    let edited_spec = format!("{}\n# mine\n", std::fs::read_to_string(&spec).unwrap());
    std::fs::write(&config, &edited_config).unwrap();
    std::fs::write(&spec, &edited_spec).unwrap();
    let again = run_in(dir.path(), &["init"]);
    again.expect_code(2);
    assert!(again.stderr.starts_with("error: ") && again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), edited_config);
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), edited_spec);
}

#[test]
fn init_into_a_named_folder() {
    let dir = scratch(&[]);
    run_in(dir.path(), &["init", "project"]).expect_code(0);
    assert!(dir.path().join("project/apigen.toml").is_file());
    assert!(dir.path().join("project/specs/api.yaml").is_file());
    run_in(dir.path(), &["check", "--deny", "warnings", "project"]).expect_code(0);
}

// ---------------------------------------------------------------- completions, usage

#[test]
fn completions_print_a_script() {
    let run = run_in(&repo(), &["completions", "bash"]);
    run.expect_code(0);
    assert!(run.stdout.contains("_apigen()"), "{}", run.stdout);
    assert!(run.stdout.contains("complete -F _apigen"), "{}", run.stdout);
    assert!(run.stdout.contains("check") && run.stdout.contains("--deny"), "{}", run.stdout);

    let fish = run_in(&repo(), &["completions", "fish"]);
    fish.expect_code(0);
    assert!(fish.stdout.contains("complete -c apigen"), "{}", fish.stdout);
}

/// Runs a command whose stdout reader is gone (`apigen … | head -0`); apigen must not panic.
fn closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .args(args)
        .current_dir(repo())
        .env("APIGEN_TODAY", common::TODAY)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn apigen");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait for apigen");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    for args in [&["completions", "bash"][..], &["rules"][..], &["check", "--format", "json", "specs/"][..]] {
        let (code, stderr) = closed_stdout(args);
        assert_ne!(code, Some(101), "apigen {} panicked on a closed stdout:\n{stderr}", args.join(" "));
        assert!(!stderr.contains("panicked"), "apigen {} panicked on a closed stdout:\n{stderr}", args.join(" "));
    }
}

#[test]
fn bad_arguments_exit_2() {
    let run = run_in(&repo(), &["check", "--format", "xml", "specs/"]);
    run.expect_code(2);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
    let run = run_in(&repo(), &["frobnicate"]);
    run.expect_code(2);
    assert!(run.stderr.contains("frobnicate"), "{}", run.stderr);
}

#[test]
fn skip_non_openapi_leaves_named_configuration_and_fragments_alone() {
    let spec = std::fs::read(repo().join("tests/corpus/oai/petstore.yaml")).unwrap();
    let workflow = b"on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n";
    let fragment = b"type: object\nproperties:\n  name: {type: string}\n";
    let dir = scratch(&[("api.yaml", &spec), (".github/workflows/ci.yml", workflow), ("schemas/Pet.yaml", fragment)]);
    let named = ["api.yaml", ".github/workflows/ci.yml", "schemas/Pet.yaml"];
    let files_of = |report: &Value, rule: &str| -> BTreeSet<String> {
        of_rule(report, rule).iter().filter_map(|d| d["file"].as_str().map(str::to_string)).collect()
    };
    // Without the flag every named file is checked: the two that are not OpenAPI are oas-parse.
    let all = run_in(dir.path(), &[&["check", "--format", "json"][..], &named].concat()).json();
    assert_eq!(files_of(&all, "oas-parse").len(), 2, "{}", listing(&all));
    // With it only the document is, with the same findings as when it is named alone.
    let skipped = run_in(dir.path(), &[&["check", "--format", "json", "--skip-non-openapi"][..], &named].concat()).json();
    let alone = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]).json();
    assert!(of_rule(&skipped, "oas-parse").is_empty(), "{}", listing(&skipped));
    assert_eq!(diagnostics(&skipped), diagnostics(&alone));
    assert!(!diagnostics(&alone).is_empty());
    // Nothing left to check: exit 0 with a note.
    let none = run_in(dir.path(), &["check", "--skip-non-openapi", ".github/workflows/ci.yml", "schemas/Pet.yaml"]);
    none.expect_code(0);
    assert!(none.stderr.contains("nothing to check"), "{}", none.stderr);
}
