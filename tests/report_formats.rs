//! The machine report formats of `check` and `diff` read back by other tools: every JSON
//! report (check `json`, diff `json`, `gitlab` of both) validates against the schemas
//! shipped in docs/schemas/ (jsonschema), and the JUnit XML is parsed by an independent
//! XML parser (roxmltree) with its elements, counts and messages asserted. Inputs are the
//! specs of specs/, the hostile names fixture, and a spec whose path carries XML markup,
//! a terminal escape, a line break, a control character and U+FFFE/U+FFFF (not XML
//! characters at all, not even as references).

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use common::{diagnostics, repo, run_in, scratch, Run};
use serde_json::Value;

/// A spec whose path and operation id end up in messages, quoted.
const HOSTILE: &str = "openapi: 3.0.3\n\
info: {title: \"T\", version: 1.0.0}\n\
paths:\n  \"/Orders</testcase>&\\\"]]>\\e[2J\\n\\uFFFF\\u0001x\":\n    get:\n      \
operationId: \"list<failure>'\\uFFFE\"\n      responses: {'200': {description: ok}}\n";

/// The specs every check test runs on: specs/, the hostile names fixture, [`HOSTILE`].
fn inputs() -> tempfile::TempDir {
    let mut files: Vec<(String, Vec<u8>)> = ["jobs.yaml", "orders.yaml", "projects.yaml"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(repo().join("specs").join(f)).unwrap()))
        .collect();
    files.push(("names.yaml".into(), common::fixture("hostile/names.yaml").into_bytes()));
    files.push(("hostile.yaml".into(), HOSTILE.as_bytes().to_vec()));
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    scratch(&borrowed)
}

const SPECS: [&str; 5] = ["jobs.yaml", "orders.yaml", "projects.yaml", "names.yaml", "hostile.yaml"];

fn schema(name: &str) -> jsonschema::Validator {
    let path = repo().join("docs/schemas").join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

#[track_caller]
fn assert_valid(name: &str, instance: &Value) {
    let errors: Vec<String> =
        schema(name).iter_errors(instance).map(|e| format!("{e} (at {})", e.instance_path)).collect();
    assert!(errors.is_empty(), "the report does not fit {name}:\n{}\n{instance:#}", errors.join("\n"));
}

/// A run whose exit code is 0 or 1 (findings), never an error or a panic.
#[track_caller]
fn reported(dir: &Path, args: &[&str]) -> Run {
    let run = run_in(dir, args);
    assert!(matches!(run.code, Some(0 | 1)), "{args:?} failed:\n{}{}", run.stdout, run.stderr);
    run
}

/// What the XML report writes of a JSON report's text: U+FFFE/U+FFFF are escaped too.
fn as_xml_text(json_text: &str) -> String {
    json_text.replace('\u{fffe}', "\\u{fffe}").replace('\u{ffff}', "\\u{ffff}")
}

/// No character XML 1.0 forbids, and none of the controls a file could smuggle in.
#[track_caller]
fn assert_xml_chars(xml: &str) {
    for c in xml.chars() {
        let ok = matches!(c, '\t' | '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
        assert!(ok, "the XML holds {c:?}:\n{xml}");
    }
}

#[test]
fn check_json_reports_fit_their_schema_and_carry_a_version() {
    let dir = inputs();
    for spec in SPECS {
        let report = reported(dir.path(), &["check", spec, "--format", "json"]).json();
        assert_eq!(report["version"], 1, "{spec}");
        assert_valid("check-report.schema.json", &report);
    }
    // The noisy ones do have findings (a schema of an empty list proves little).
    let report = reported(dir.path(), &["check", "names.yaml", "hostile.yaml", "--format", "json"]).json();
    assert!(diagnostics(&report).len() > 20, "{report:#}");
    assert_valid("check-report.schema.json", &report);
    // With a baseline: `baseline.fixed` lists the entries no longer found.
    run_in(dir.path(), &["check", "names.yaml", "--write-baseline", "baseline.json"]).expect_code(0);
    std::fs::copy(dir.path().join("orders.yaml"), dir.path().join("names.yaml")).unwrap();
    let report =
        reported(dir.path(), &["check", "names.yaml", "--baseline", "baseline.json", "--format", "json"]).json();
    assert!(!report["baseline"]["fixed"].as_array().unwrap().is_empty(), "{report:#}");
    assert_valid("check-report.schema.json", &report);
}

#[test]
fn the_schemas_refuse_what_the_reports_must_not_be() {
    let dir = inputs();
    let mut report = reported(dir.path(), &["check", "hostile.yaml", "--format", "json"]).json();
    report.as_object_mut().unwrap().remove("version");
    assert!(!schema("check-report.schema.json").is_valid(&report), "a report without version passes");
    let mut issues = reported(dir.path(), &["check", "hostile.yaml", "--format", "gitlab"]).json();
    issues[0]["severity"] = "error".into();
    assert!(!schema("gitlab-code-quality.schema.json").is_valid(&issues), "a severity GitLab does not know passes");
    issues[0]["severity"] = "major".into();
    issues[0]["location"].as_object_mut().unwrap().remove("lines");
    assert!(!schema("gitlab-code-quality.schema.json").is_valid(&issues), "an issue without lines passes");
}

#[test]
fn check_gitlab_reports_fit_the_schema_one_issue_per_finding() {
    let dir = inputs();
    for spec in SPECS {
        let json = reported(dir.path(), &["check", spec, "--format", "json"]).json();
        let issues = reported(dir.path(), &["check", spec, "--format", "gitlab"]).json();
        assert_valid("gitlab-code-quality.schema.json", &issues);
        let (issues, findings) = (issues.as_array().unwrap(), diagnostics(&json));
        assert_eq!(issues.len(), findings.len(), "{spec}");
        let unique: HashSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
        assert_eq!(unique.len(), issues.len(), "{spec}: fingerprints repeat");
        for (issue, d) in issues.iter().zip(findings) {
            assert_eq!(issue["check_name"], d["rule"]);
            assert!(
                issue["description"].as_str().unwrap().starts_with(d["message"].as_str().unwrap()),
                "{issue:#} / {d:#}"
            );
            assert_eq!(issue["location"]["path"], *d["file"].as_str().map_or(&Value::from(spec), |_| &d["file"]));
            assert_eq!(issue["location"]["lines"]["begin"], d["line"].as_u64().unwrap_or(1));
            let expected = match d["level"].as_str().unwrap() {
                "error" => "major",
                "warn" => "minor",
                _ => "info",
            };
            assert_eq!(issue["severity"], expected);
        }
    }
}

#[test]
fn check_gitlab_fingerprints_survive_moved_lines() {
    let dir = inputs();
    let before = reported(dir.path(), &["check", "names.yaml", "--format", "gitlab"]).json();
    let text = std::fs::read_to_string(dir.path().join("names.yaml")).unwrap();
    std::fs::write(dir.path().join("names.yaml"), format!("# a comment\n# another\n{text}")).unwrap();
    let after = reported(dir.path(), &["check", "names.yaml", "--format", "gitlab"]).json();
    let prints = |r: &Value| {
        r.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap().to_string()).collect::<BTreeSet<_>>()
    };
    assert_eq!(prints(&before), prints(&after), "moving every line by two changed fingerprints");
    assert_eq!(
        before[0]["location"]["lines"]["begin"].as_u64().unwrap() + 2,
        after[0]["location"]["lines"]["begin"].as_u64().unwrap()
    );
    // Another file with the same findings gets other fingerprints (GitLab keys issues by them).
    std::fs::copy(dir.path().join("names.yaml"), dir.path().join("copy.yaml")).unwrap();
    let both = reported(dir.path(), &["check", "names.yaml", "copy.yaml", "--format", "gitlab"]).json();
    assert_eq!(prints(&both).len(), 2 * prints(&before).len());
}

/// The text of a test case: its failure's text and message, and its system-out.
fn case_text(case: roxmltree::Node) -> String {
    case.children()
        .filter(|n| n.is_element())
        .map(|n| format!("{} {}", n.attribute("message").unwrap_or(""), n.text().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts the JUnit structure: `testsuites` of `testsuite`s of `testcase`s holding only
/// `failure` and `system-out`, and every `tests`/`failures` count right. Returns the suites.
#[track_caller]
fn junit_suites<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let (mut tests, mut failures) = (0, 0);
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        let failed = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).count();
        for case in &cases {
            assert_eq!(case.tag_name().name(), "testcase");
            assert!(case.attribute("name").is_some_and(|n| !n.is_empty()) && case.attribute("classname").is_some());
            for child in case.children().filter(|n| n.is_element()) {
                assert!(["failure", "system-out"].contains(&child.tag_name().name()), "{:?}", child.tag_name());
            }
            assert!(case.children().filter(|n| n.has_tag_name("failure")).count() <= 1);
        }
        assert_eq!(suite.attribute("tests"), Some(cases.len().to_string().as_str()));
        assert_eq!(suite.attribute("failures"), Some(failed.to_string().as_str()));
        tests += cases.len();
        failures += failed;
    }
    assert_eq!(root.attribute("tests"), Some(tests.to_string().as_str()));
    assert_eq!(root.attribute("failures"), Some(failures.to_string().as_str()));
    suites
}

#[test]
fn a_file_name_xml_cannot_hold_is_escaped_in_junit() {
    // U+FFFF is a valid file name character on Linux and no XML character at all.
    let name = "odd\u{ffff}\u{1b}<name>.yaml";
    let dir = scratch(&[(name, HOSTILE.as_bytes())]);
    let xml = reported(dir.path(), &["check", "--format", "junit", "."]).stdout;
    assert_xml_chars(&xml);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    let suites = junit_suites(&doc);
    assert_eq!(suites[0].attribute("name"), Some("./odd\\u{ffff}\\u{1b}<name>.yaml"));
    assert!(xml.contains("odd\\u{ffff}\\u{1b}&lt;name&gt;.yaml:4:3: error"), "{xml}");
}

#[test]
fn check_junit_has_a_suite_per_document_a_case_per_rule_and_round_trips_messages() {
    let dir = inputs();
    let rule_count = apigen::check::registry::all().count();
    for deny in [None, Some("warnings")] {
        let mut args = vec!["check", "names.yaml", "hostile.yaml", "orders.yaml"];
        args.extend(deny.map(|d| ["--deny", d]).into_iter().flatten());
        let json = reported(dir.path(), &[args.as_slice(), &["--format", "json"]].concat()).json();
        let xml = reported(dir.path(), &[args.as_slice(), &["--format", "junit"]].concat()).stdout;
        assert_xml_chars(&xml);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
        let suites = junit_suites(&doc);
        assert_eq!(
            suites.iter().map(|s| s.attribute("name").unwrap()).collect::<Vec<_>>(),
            ["names.yaml", "hostile.yaml", "orders.yaml"]
        );
        for suite in &suites {
            let file = suite.attribute("name").unwrap();
            let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
            assert!(cases.len() >= rule_count, "{file}: {} cases for {rule_count} rules", cases.len());
            let findings: Vec<&Value> = diagnostics(&json).iter().filter(|d| d["file"] == file).collect();
            let failing_levels: &[&str] = if deny.is_some() { &["error", "warn"] } else { &["error"] };
            let expected: BTreeSet<&str> = findings
                .iter()
                .filter(|d| failing_levels.contains(&d["level"].as_str().unwrap()))
                .map(|d| d["rule"].as_str().unwrap())
                .collect();
            let failed: BTreeSet<&str> = cases
                .iter()
                .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
                .map(|c| c.attribute("name").unwrap())
                .collect();
            assert_eq!(failed, expected, "{file} (deny {deny:?})");
            for d in findings {
                let case = cases.iter().find(|c| c.attribute("name") == d["rule"].as_str()).expect("a case per rule");
                let text = case_text(*case);
                let message = as_xml_text(d["message"].as_str().unwrap());
                let place = format!("{file}:{}:{}", d["line"], d["column"]);
                assert!(text.contains(&message) && text.contains(&place), "{message:?} at {place} not in:\n{text}");
            }
        }
        // The hostile path's markup came through as text, not as elements.
        assert!(xml.contains("\\u{ffff}") && xml.contains("\\u{1b}") && xml.contains("&lt;/testcase&gt;"), "{xml}");
    }
}

/// A base/head pair from specs/orders.yaml: two operations removed (one accepted in
/// apigen.toml), a response constraint tightened, the hostile path added.
fn diff_pair() -> tempfile::TempDir {
    let base = std::fs::read_to_string(repo().join("specs/orders.yaml")).unwrap();
    let mut head = base
        .replacen("maxLength: 200", "maxLength: 100", 1)
        .replacen("\n    delete:", "\n    x-removed-delete:", 1)
        .replacen("\n    patch:", "\n    x-removed-patch:", 1);
    let hostile_path = "\n  \"/api/v1/orders</testcase>&\\\"]]>\\e[2J\\n\\uFFFF\\u0001x\":\n    get:\n      \
        operationId: listHostile\n      responses: {'200': {description: ok}}";
    head = head.replacen("\npaths:", &format!("\npaths:{hostile_path}"), 1);
    assert_ne!(base, head);
    let dir = scratch(&[("base.yaml", base.as_bytes()), ("head.yaml", head.as_bytes())]);
    let json = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]).json();
    let removed: Vec<&str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == "operation-removed")
        .map(|c| c["operation"].as_str().unwrap())
        .collect();
    assert_eq!(removed.len(), 2, "{json:#}");
    let toml = format!("[[diff.accept]]\ncheck = \"operation-removed\"\noperation = \"{}\"\nreason = \"clients moved <away> & \\\"on\\\"\"\n", removed[0]);
    std::fs::write(dir.path().join("apigen.toml"), toml).unwrap();
    dir
}

#[test]
fn diff_json_and_gitlab_reports_fit_their_schemas() {
    let dir = diff_pair();
    let json = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]).expect_code(1).json();
    assert_eq!(json["version"], 1);
    assert_valid("diff-report.schema.json", &json);
    assert_eq!(json["policy"]["accepted"].as_array().unwrap().len(), 1, "{json:#}");
    let issues = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "gitlab"]).expect_code(1).json();
    assert_valid("gitlab-code-quality.schema.json", &issues);
    let issues = issues.as_array().unwrap();
    let changes: Vec<&Value> =
        json["changes"].as_array().unwrap().iter().filter(|c| !c["operation"].is_null()).collect();
    let version_violations =
        json["policy"]["violations"].as_array().unwrap().iter().filter(|v| v["change"].is_null()).count();
    assert_eq!(issues.len(), changes.len() + version_violations);
    assert_eq!(issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect::<HashSet<_>>().len(), issues.len());
    for (issue, c) in issues.iter().zip(&changes) {
        assert_eq!(issue["check_name"], c["id"]);
        assert!(issue["description"].as_str().unwrap().contains(c["message"].as_str().unwrap()));
        assert_eq!(issue["location"]["path"], "head.yaml", "located in the head file: {issue:#}");
        let severity = match (c["kind"].as_str().unwrap(), c["accepted"].as_bool().unwrap()) {
            ("breaking", false) => "critical",
            ("breaking", true) => "major",
            ("deprecation", _) => "minor",
            _ => "info",
        };
        assert_eq!(issue["severity"], severity, "{issue:#}");
        if let Some(line) = c["head"]["line"].as_u64() {
            assert_eq!(issue["location"]["lines"]["begin"], line);
        }
    }
    // A removed operation is located at its path item in the head, not at line 1.
    let removed = issues.iter().find(|i| i["check_name"] == "operation-removed").unwrap();
    assert!(removed["location"]["lines"]["begin"].as_u64().unwrap() > 1, "{removed:#}");
    // The specs of specs/ against themselves: no changes, still valid reports.
    for spec in ["jobs.yaml", "orders.yaml", "projects.yaml"] {
        let path = repo().join("specs").join(spec);
        let path = path.to_str().unwrap();
        let json = run_in(dir.path(), &["diff", path, path, "--format", "json"]).expect_code(0).json();
        assert_valid("diff-report.schema.json", &json);
        let issues = run_in(dir.path(), &["diff", path, path, "--format", "gitlab"]).expect_code(0).json();
        assert_valid("gitlab-code-quality.schema.json", &issues);
        assert_eq!(issues, Value::Array(Vec::new()));
    }
}

#[test]
fn diff_junit_has_a_case_per_change_failing_where_the_policy_forbids() {
    let dir = diff_pair();
    let json = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]).expect_code(1).json();
    let xml =
        run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "junit"]).expect_code(1).stdout.clone();
    assert_xml_chars(&xml);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    let suites = junit_suites(&doc);
    assert_eq!(suites.len(), 1);
    assert_eq!(suites[0].attribute("name"), Some("head.yaml"));
    let cases: Vec<_> = suites[0].children().filter(|n| n.is_element()).collect();
    let changes: Vec<&Value> =
        json["changes"].as_array().unwrap().iter().filter(|c| !c["operation"].is_null()).collect();
    let violations: Vec<&Value> =
        json["policy"]["violations"].as_array().unwrap().iter().filter(|v| v["change"].is_null()).collect();
    assert_eq!(cases.len(), changes.len() + violations.len());
    for (case, c) in cases.iter().zip(&changes) {
        assert_eq!(case.attribute("name"), c["id"].as_str());
        assert_eq!(case.attribute("classname").map(str::to_string), c["operation"].as_str().map(as_xml_text));
        let forbidden = c["kind"] == "breaking" && c["accepted"] == false;
        let failure = case.children().find(|n| n.has_tag_name("failure"));
        assert_eq!(failure.is_some(), forbidden, "{c:#}");
        if let Some(f) = failure {
            assert_eq!(f.attribute("message").map(str::to_string), c["message"].as_str().map(as_xml_text));
        }
        assert!(case_text(*case).contains(&as_xml_text(c["message"].as_str().unwrap())), "{c:#}");
    }
    for (case, v) in cases[changes.len()..].iter().zip(&violations) {
        assert_eq!(case.attribute("name"), v["id"].as_str());
        assert!(case.children().any(|n| n.has_tag_name("failure")));
    }
    // Exactly one removal fails: the other is accepted, its reason shown as written.
    let removals: Vec<_> = cases.iter().filter(|c| c.attribute("name") == Some("operation-removed")).collect();
    assert_eq!(removals.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).count(), 1);
    assert!(xml.contains("accepted: clients moved &lt;away&gt; &amp; \"on\""), "{xml}");
    assert!(xml.contains("\\u{ffff}") && xml.contains("&lt;/testcase&gt;"), "the hostile path is text: {xml}");
}

#[test]
fn help_lists_and_explains_the_new_formats() {
    for command in ["check", "diff"] {
        let help = run_in(&repo(), &[command, "--help"]).expect_code(0).stdout.replace('\n', " ");
        for needle in ["gitlab", "junit", "Code Quality", "JUnit XML"] {
            assert!(help.contains(needle), "`{command} --help` lacks {needle}:\n{help}");
        }
    }
}
