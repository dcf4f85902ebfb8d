//! What reports write of the files apigen reads (docs/security.md): a spec, a
//! baseline or an `apigen.toml` is untrusted, so every report format writes text
//! from them as clean single lines. A line break, a terminal escape (CSI, OSC),
//! a carriage return, U+2028/U+2029/NEL or a bidi control in a file is written as a
//! visible escape (`\n`, `\u{1b}`), never raw: no file can paint the terminal, hide
//! text or start a workflow command (`::error …`) of its own.

mod common;

use common::{run_in, scratch, Run};

const FORMATS: [&str; 6] = ["human", "json", "sarif", "github", "gitlab", "junit"];

/// Characters that must never reach a report raw.
const RAW: [char; 9] = ['\u{1b}', '\u{7}', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{202e}', '\u{2066}', '\u{0}'];

/// A YAML spec whose path key, operation id and title carry every payload:
/// findings quote the path segment and the operation id.
const HOSTILE_YAML: &str = "openapi: 3.0.3\n\
info: {title: \"T\\e]0;pwned\\a\", version: 1.0.0}\n\
paths:\n  \"/api/v1/productOrders\\n::error file=x::injected\\e[2J\\u2028\\u202Eevil\\r\\x85x\":\n    get:\n      \
operationId: \"list\\n::warning::op\\e[31m\\u2066\"\n      responses: {'200': {description: ok}}\n";

/// A one-line JSON spec with raw bidi controls, U+2028 and NEL inside strings
/// (JSON allows them unescaped): the code frames quote the line.
fn hostile_json() -> String {
    "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1.0.0\"}, \"paths\": {\"/api/v1/productOrders\u{202e}\u{2028}x\u{85}\": \
     {\"get\": {\"operationId\": \"op\u{2029}\u{2066}\", \"responses\": {\"200\": {\"description\": \"ok\"}}}}}}"
        .to_string()
}

/// Asserts that a report carries nothing raw, that only the github format has lines
/// starting with `::` and there only its own commands, one line per finding.
#[track_caller]
fn assert_clean(format: &str, run: &Run) {
    for c in RAW {
        assert!(!run.stdout.contains(c) && !run.stderr.contains(c), "{format} writes {c:?} raw:\n{}{}", run.stdout, run.stderr);
    }
    for line in run.stdout.lines().chain(run.stderr.lines()) {
        let command = ["::error ", "::warning ", "::notice "].iter().any(|c| line.starts_with(c));
        if format == "github" {
            assert!(command, "github writes a line that is not one of its commands: {line:?}");
            // `::command props::message`: the first `::` after the command ends the props.
            let (_, message) = line[2..].split_once("::").expect("a command has a message");
            assert!(!message.contains("%0A::"), "a message starts a new command: {line:?}");
        } else {
            assert!(!line.starts_with("::"), "{format} writes a line starting with `::`: {line:?}");
        }
    }
    if ["json", "sarif", "gitlab"].contains(&format) {
        // serde escapes control characters itself: the decoded strings are checked.
        let report = run.json();
        let mut strings = Vec::new();
        collect_strings(&report, &mut strings);
        for s in strings {
            assert!(!s.contains(['\n', '\r', '\u{1b}', '\u{2028}', '\u{202e}']), "{format} holds a string with a raw break or control: {s:?}");
        }
    }
}

fn collect_strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        serde_json::Value::Object(map) => map.values().for_each(|i| collect_strings(i, out)),
        _ => {}
    }
}

/// SARIF carries the rule catalogue (multi-line help texts written by apigen): only results are judged.
fn judged(format: &str, run: &Run) -> Run {
    if format != "sarif" {
        return Run { code: run.code, stdout: run.stdout.clone(), stderr: run.stderr.clone() };
    }
    let report = run.json();
    Run { code: run.code, stdout: serde_json::to_string_pretty(&report["runs"][0]["results"]).unwrap(), stderr: run.stderr.clone() }
}

#[test]
fn spec_text_reaches_every_format_as_clean_lines() {
    let json = hostile_json();
    let dir = scratch(&[("api.yaml", HOSTILE_YAML.as_bytes()), ("one.json", json.as_bytes())]);
    for spec in ["api.yaml", "one.json"] {
        for format in FORMATS {
            let run = run_in(dir.path(), &["check", "--format", format, spec]);
            run.expect_code(1);
            assert_clean(format, &judged(format, &run));
        }
        // The payload is still there, visibly: the reader sees what the file holds.
        let human = run_in(dir.path(), &["check", spec]);
        let expected = if spec == "api.yaml" { "productOrders\\n::error file=x::injected\\u{1b}[2J\\u{2028}\\u{202e}evil\\r\\u{85}x" } else { "productOrders\\u{202e}\\u{2028}x\\u{85}" };
        assert!(human.stdout.contains(expected), "{spec}: no visible escape {expected:?} in:\n{}", human.stdout);
    }
}

#[test]
fn a_hostile_baseline_reaches_every_format_as_clean_lines() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\n";
    let entry = serde_json::json!({
        "file": "api.yaml",
        "rule": "x\u{1b}]8;;https://evil.example\u{7}y\n::error::rule",
        "pointer": "/a\r::warning::pointer\u{2029}",
        "message": "hello\n::error file=a::injected\u{1b}[2J\u{2028}\u{202e}bidi\u{85}",
        "fingerprint": "0000000000000000\n::error::print",
    });
    let baseline = serde_json::json!({"version": 1, "findings": [entry]}).to_string();
    let dir = scratch(&[("api.yaml", spec.as_bytes()), ("baseline.json", baseline.as_bytes())]);
    for format in FORMATS {
        let run = run_in(dir.path(), &["check", "--deny", "info", "--baseline", "baseline.json", "--format", format, "api.yaml"]);
        run.expect_code(1);
        assert_clean(format, &judged(format, &run));
        // The entry is reported as fixed, its text visible (GitLab finds fixed issues itself,
        // comparing the merge request's report with the target branch's).
        assert!(format == "gitlab" || run.stdout.contains("::error file=a::injected"), "{format} does not show the fixed entry:\n{}", run.stdout);
    }
}

#[test]
fn diff_reports_write_text_from_specs_and_apigen_toml_as_clean_lines() {
    let op = "    get:\n      operationId: list_items\n      responses: {'200': {description: ok}}\n";
    let base = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: 1.0.0}}\npaths:\n  \"/api/v1/items\\e[2J\\u2028\\u202E\":\n{op}  /api/v1/other:\n{op}"
    )
    .replacen("list_items", "list_other", 1);
    let head = "openapi: 3.0.3\ninfo: {title: T, version: 2.0.0}\npaths: {}\n";
    // An accepted break's reason comes from apigen.toml, as untrusted as the spec.
    let toml = "[[diff.accept]]\ncheck = \"operation-removed\"\noperation = \"GET /api/v1/other\"\nreason = \"ok\\n::error::from-toml\\u001b]0;title\\u0007\\u2029\"\n";
    let dir = scratch(&[("base.yaml", base.as_bytes()), ("head.yaml", head.as_bytes()), ("apigen.toml", toml.as_bytes())]);
    for format in ["human", "json", "markdown", "sarif", "github", "gitlab", "junit"] {
        let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", format]);
        assert!(matches!(run.code, Some(0 | 1)), "{format}: {run:?}");
        assert!(run.stdout.contains("::error::from-toml"), "{format} does not show the reason:\n{}", run.stdout);
        // Visible, not silently dropped: the reviewer sees that the reason holds an escape.
        assert!(run.stdout.contains("u{1b}"), "{format} hides the escape:\n{}", run.stdout);
        let as_check = if format == "markdown" { "human" } else { format };
        assert_clean(as_check, &judged(format, &run));
    }
}

#[test]
fn a_pattern_too_large_to_compile_is_a_finding_at_its_pointer() {
    // Unbounded, the first compiles to about 10 MiB in 0.3 s; 500 of them took minutes.
    let spec = "openapi: 3.0.3\ninfo: {title: P, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    \
        Huge: {type: string, pattern: '^[\\w\\d]{1,200}[a-z]{50}$', example: 'é'}\n    \
        Word: {type: string, pattern: '^\\w{1,32}$', example: 'ab-c'}\n    \
        Long: {type: string, pattern: 'LONG', default: 'x'}\n";
    let spec = spec.replace("LONG", &"a?".repeat(3000));
    let dir = scratch(&[("api.yaml", spec.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]);
    run.expect_code(0);
    let report = run.json();
    let at = |pointer: &str| {
        common::diagnostics(&report).iter().find(|d| d["pointer"] == pointer).unwrap_or_else(|| panic!("no finding at {pointer}: {report:#}")).clone()
    };
    let huge = at("/components/schemas/Huge/pattern");
    assert_eq!(huge["rule"], "oas-example-valid");
    assert!(huge["message"].as_str().unwrap().contains("too large to check examples against"), "{huge:#}");
    common::assert_at(&huge, "api.yaml", 6, 26);
    // A large Unicode class is checked on ASCII values by its ASCII form: still a real check.
    let word = at("/components/schemas/Word/example");
    assert!(word["message"].as_str().unwrap().contains("'ab-c' does not match the pattern"), "{word:#}");
    let long = at("/components/schemas/Long/pattern");
    assert_eq!(long["rule"], "oas-default-valid");
    assert!(long["message"].as_str().unwrap().contains("6000 characters long"), "{long:#}");
}

#[test]
fn a_code_frame_of_a_long_line_is_a_window_around_the_column() {
    // One line of about 1 MB; the finding is near its end.
    let filler = "x".repeat(1_000_000);
    let spec = format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"T\", \"version\": \"1.0.0\", \"description\": \"{filler}\"}}, \
         \"paths\": {{\"/api/v1/productOrders\": {{\"get\": {{\"operationId\": \"list\", \"responses\": {{\"200\": {{\"description\": \"ok\"}}}}}}}}}}}}"
    );
    let dir = scratch(&[("one.json", spec.as_bytes())]);
    let run = run_in(dir.path(), &["check", "one.json"]);
    run.expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("error[path-kebab-case]")).expect("the finding");
    assert!(lines[start + 1].contains("one.json:1:"), "{}", lines[start + 1]);
    let (frame, carets) = (lines[start + 3], lines[start + 4]);
    assert!(frame.starts_with("1 | …") && frame.chars().count() < 200, "the frame is not a window: {} chars", frame.chars().count());
    let caret = carets.chars().position(|c| c == '^').expect("a caret");
    let under: String = frame.chars().skip(caret).take(23).collect();
    assert_eq!(under, "\"/api/v1/productOrders\"", "the caret is not under the key:\n{frame}\n{carets}");
    assert!(lines.iter().all(|l| l.chars().count() < 400), "a line of the report is not bounded");
}

#[test]
fn file_names_reach_every_format_as_clean_lines() {
    // A file name is text from the repository too.
    let name = "specs/a\n::error file=x::named\u{1b}[2J\u{202e}.yaml";
    let dir = scratch(&[(name, HOSTILE_YAML.as_bytes())]);
    for format in FORMATS {
        let run = run_in(dir.path(), &["check", "--format", format, "specs"]);
        run.expect_code(1);
        assert_clean(format, &judged(format, &run));
        assert!(run.stdout.contains("named"), "{format} does not name the file:\n{}", run.stdout);
    }
}
