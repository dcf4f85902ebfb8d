//! What an untrusted spec may read (docs/security.md): `$ref`s resolve only to
//! regular YAML/JSON files below the project root (the folder of `apigen.toml`,
//! else the spec's folder) or a folder `[refs] allow` names; nothing else is
//! read, nothing read is echoed, and nothing blocks or loops. Every test asserts
//! the exact exit code and that the secret never reaches any report format.

mod common;

use common::{of_rule, run_in, scratch, Run};

const SECRET: &str = "S3CRET-TOKEN-4711";

fn spec_with_ref(reference: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: Refs, version: 1.0.0}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: '{reference}'\n"
    )
}

/// Runs `apigen check` in every report format; asserts exit 1 and no secret in any output.
#[track_caller]
fn check_everywhere(dir: &std::path::Path, spec: &str) -> serde_json::Value {
    for format in ["human", "github", "sarif"] {
        let run = run_in(dir, &["check", "--format", format, spec]);
        run.expect_code(1);
        assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET), "{format} echoes the secret:\n{}{}", run.stdout, run.stderr);
    }
    let run = run_in(dir, &["check", "--format", "json", spec]);
    run.expect_code(1);
    assert!(!run.stdout.contains(SECRET), "json echoes the secret:\n{}", run.stdout);
    run.json()
}

#[track_caller]
fn ref_error(report: &serde_json::Value, fragment: &str) {
    let found = of_rule(report, "oas-ref-resolves");
    assert!(
        found.iter().any(|d| d["message"].as_str().unwrap_or("").contains(fragment) && d["line"] == 7),
        "no oas-ref-resolves finding at line 7 saying {fragment:?}: {found:#?}"
    );
}

#[test]
fn references_outside_the_project_are_refused_and_never_echoed() {
    let secret_yaml = format!("token: {SECRET}\n");
    for (reference, why) in [
        ("../../secret.yaml#/token", "outside the project root"),
        ("/etc/passwd", "absolute path"),
        ("/dev/zero", "absolute path"),
        ("file:///etc/passwd", "is a URL"),
        ("https://example.com/schemas.yaml#/A", "is a URL"),
        ("../../../../../../../../proc/self/environ", "not a YAML or JSON document"),
        ("token.txt", "not a YAML or JSON document"),
    ] {
        let spec = spec_with_ref(reference);
        let dir = scratch(&[
            ("secret.yaml", secret_yaml.as_bytes()),
            ("project/apigen.toml", b""),
            ("project/token.txt", SECRET.as_bytes()),
            ("project/specs/api.yaml", spec.as_bytes()),
        ]);
        let report = check_everywhere(&dir.path().join("project"), "specs/api.yaml");
        ref_error(&report, why);
    }
}

#[test]
fn a_symlink_out_of_the_project_is_outside() {
    let dir = scratch(&[
        ("secret.yaml", format!("token: {SECRET}\n").as_bytes()),
        ("project/apigen.toml", b""),
        ("project/api.yaml", spec_with_ref("link.yaml#/token").as_bytes()),
    ]);
    std::os::unix::fs::symlink(dir.path().join("secret.yaml"), dir.path().join("project/link.yaml")).unwrap();
    let report = check_everywhere(&dir.path().join("project"), "api.yaml");
    ref_error(&report, "outside the project root");
}

#[test]
fn an_allowed_folder_may_be_read() {
    let shared = "components:\n  schemas:\n    Shared: {type: object, description: A shared schema., properties: {id: {type: string}}}\n";
    let dir = scratch(&[
        ("shared/common.yaml", shared.as_bytes()),
        ("project/apigen.toml", b"[refs]\nallow = [\"../shared\"]\n"),
        ("project/api.yaml", spec_with_ref("../shared/common.yaml#/components/schemas/Shared").as_bytes()),
    ]);
    let run = run_in(&dir.path().join("project"), &["check", "--format", "json", "api.yaml"]);
    let report = run.json();
    assert!(of_rule(&report, "oas-ref-resolves").is_empty(), "{report:#}");
}

#[test]
fn a_parsed_file_that_is_not_a_spec_is_not_echoed() {
    // Inside the project and valid JSON, but a bare string where a schema belongs.
    let dir = scratch(&[
        ("apigen.toml", b""),
        ("token.json", format!("\"{SECRET}\"").as_bytes()),
        ("api.yaml", spec_with_ref("token.json").as_bytes()),
    ]);
    let report = check_everywhere(dir.path(), "api.yaml");
    assert!(!of_rule(&report, "oas-parse").is_empty(), "{report:#}");
}

#[test]
fn an_unparsable_referenced_file_is_named_by_position() {
    let dir = scratch(&[
        ("apigen.toml", b""),
        ("broken.yaml", format!("a: [{SECRET}\n").as_bytes()),
        ("api.yaml", spec_with_ref("broken.yaml#/a").as_bytes()),
    ]);
    let report = check_everywhere(dir.path(), "api.yaml");
    ref_error(&report, "broken.yaml, which does not parse as YAML (at ");
}

#[test]
fn fifos_and_devices_are_never_opened() {
    let dir = scratch(&[("apigen.toml", b""), ("api.yaml", spec_with_ref("pipe.yaml#/a").as_bytes())]);
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("pipe.yaml")).status().is_ok_and(|s| s.success());
    assert!(made, "mkfifo works here");
    let report = check_everywhere(dir.path(), "api.yaml");
    ref_error(&report, "not a regular file");
    // A FIFO named like a spec, in a folder that is checked, and given by name.
    let run = run_in(dir.path(), &["check", "--format", "json", "."]);
    run.expect_code(1);
    let run = run_in(dir.path(), &["check", "pipe.yaml"]);
    run.expect_code(2);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
}

#[test]
fn references_to_the_document_itself_end() {
    for reference in ["api.yaml#/components/schemas/B", "./api.yaml#/components/schemas/A", "#", "api.yaml"] {
        let spec = format!("{}    B: {{type: string, description: A string.}}\n", spec_with_ref(reference));
        let dir = scratch(&[("api.yaml", spec.as_bytes())]);
        let run: Run = run_in(dir.path(), &["check", "--format", "json", "api.yaml"]);
        assert!(matches!(run.code, Some(0 | 1)), "{reference}: {run:?}");
        let run = run_in(dir.path(), &["generate", "api.yaml", "--target", "models", "--out", "out"]);
        assert!(matches!(run.code, Some(0 | 1)), "{reference}: {run:?}");
        assert!(!run.stderr.contains("panicked"), "{reference}: {}", run.stderr);
    }
}

#[test]
fn folders_with_symlink_loops_are_walked_once() {
    let spec = spec_with_ref("#/components/schemas/B");
    let dir = scratch(&[("specs/a/api.yaml", spec.as_bytes())]);
    std::os::unix::fs::symlink(dir.path().join("specs"), dir.path().join("specs/a/loop")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("specs/self")).unwrap();
    let run = run_in(dir.path(), &["check", "--format", "json", "specs"]);
    let report = run.json();
    assert_eq!(report["summary"]["files"], 1, "each file once: {report:#}");
}

#[test]
fn crate_names_are_names_never_paths() {
    let spec = std::fs::read(common::repo().join("tests/fixtures/untrusted/base.yaml")).unwrap();
    for name in ["../evil", "/tmp/apigen-evil", "a/b", "..", "evil\nname"] {
        let dir = scratch(&[("project/api.yaml", &spec), ("project/out/keep.txt", b"kept\n")]);
        let project = dir.path().join("project");
        let run = run_in(&project, &["generate", "api.yaml", "--out", "out", "--name", name]);
        run.expect_code(2);
        assert!(run.stderr.contains("is not a crate name"), "{name:?}: {}", run.stderr);
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert_eq!(entries, vec![std::ffi::OsString::from("project")], "{name:?}: nothing beside the project");
        assert_eq!(std::fs::read_dir(project.join("out")).unwrap().count(), 1, "{name:?}: nothing written");
    }
    let config = "[[generate]]\nspec = \"api.yaml\"\nout = \"out\"\nname = \"../evil\"\n";
    let dir = scratch(&[("api.yaml", &spec), ("apigen.toml", config.as_bytes())]);
    let run = run_in(dir.path(), &["generate"]);
    run.expect_code(2);
    assert!(run.stderr.contains("[[generate]] entry"), "{}", run.stderr);
}

#[test]
fn a_generation_into_a_symlinked_folder_writes_nothing() {
    let spec = std::fs::read(common::repo().join("tests/fixtures/untrusted/base.yaml")).unwrap();
    let dir = scratch(&[("api.yaml", &spec), ("elsewhere/lib.rs", b"// hand-written\n")]);
    std::fs::create_dir_all(dir.path().join("out/api-models")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("out/api-models/src")).unwrap();
    let run = run_in(dir.path(), &["generate", "api.yaml", "--out", "out"]);
    run.expect_code(2);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("elsewhere/lib.rs")).unwrap(), "// hand-written\n");
    assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 1, "no other crate was written");
}

/// A spec whose one schema example nests `depth` block sequences (`- - - … x`).
fn deep_block_sequence(depth: usize) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: Deep, version: 1.0.0}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      example:\n        {}x\n",
        "- ".repeat(depth)
    )
}

#[test]
fn deep_nesting_is_a_finding_not_a_stack_overflow() {
    for depth in [50_000, 1_000_000] {
        let dir = scratch(&[("deep.yaml", deep_block_sequence(depth).as_bytes())]);
        let run = run_in(dir.path(), &["check", "--format", "json", "deep.yaml"]);
        run.expect_code(1);
        let report = run.json();
        assert!(of_rule(&report, "oas-parse").iter().any(|d| d["message"].as_str().unwrap_or("").contains("nests deeper")), "{report:#}");
        let run = run_in(dir.path(), &["generate", "deep.yaml", "--out", "out"]);
        run.expect_code(1);
        assert!(!dir.path().join("out").exists(), "nothing written");
    }
}

#[test]
fn deeply_nested_inline_schemas_generate() {
    // 250 levels of inline object schemas: within the loader's depth limit, so every target renders.
    let depth = 250;
    let schema = format!("{}{{\"type\":\"string\"}}{}", "{\"type\":\"object\",\"properties\":{\"a\":".repeat(depth), "}}".repeat(depth));
    let spec = format!("{{\"openapi\":\"3.0.3\",\"info\":{{\"title\":\"D\",\"version\":\"1.0.0\"}},\"paths\":{{}},\"components\":{{\"schemas\":{{\"A\":{schema}}}}}}}");
    let dir = scratch(&[("deep.json", spec.as_bytes())]);
    let run = run_in(dir.path(), &["generate", "deep.json", "--out", "out", "--target", "models"]);
    run.expect_code(0);
}

#[test]
fn long_enums_and_lists_load_once_each_value() {
    let n = 20_000;
    let values: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: E, version: 1.0.0}}\npaths: {{}}\ncomponents:\n  schemas:\n    E: {{type: string, description: Many., enum: [{}, v0]}}\n    L: {{type: array, description: Many., items: {{type: integer}}, example: [{}]}}\n",
        values.join(", "),
        (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
    );
    let dir = scratch(&[("long.yaml", spec.as_bytes())]);
    let run = run_in(dir.path(), &["generate", "long.yaml", "--out", "out", "--target", "models"]);
    run.expect_code(0);
    let models = std::fs::read_to_string(dir.path().join("out/long-models/src/lib.rs")).unwrap();
    // Every value once (the repeated `v0` is one member), in order.
    assert_eq!(models.matches(" => \"v").count(), n, "one variant per distinct value");
}

#[test]
fn a_spec_argument_linked_out_of_the_project_is_refused_and_never_echoed() {
    // A file outside the project that a code frame would quote: a parse error on the
    // secret's line, and findings on a spec-shaped document around it.
    let outside = format!("openapi: 3.0.3\ninfo: {{title: Creds, version: 1.0.0}}\npaths: {{}}\ntoken: {SECRET}\n");
    let dir = scratch(&[
        ("creds.yaml", outside.as_bytes()),
        ("project/apigen.toml", b""),
        ("project/specs/api.yaml", b"openapi: 3.0.3\ninfo: {title: A, version: 1.0.0}\npaths: {}\n"),
    ]);
    let project = dir.path().join("project");
    std::os::unix::fs::symlink(dir.path().join("creds.yaml"), project.join("specs/creds.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), project.join("outer")).unwrap();
    for args in [&["specs/creds.yaml"][..], &["outer/creds.yaml"], &["specs"], &["specs/*.yaml"]] {
        for format in ["human", "json", "sarif", "github"] {
            let mut all = vec!["check", "--format", format];
            all.extend_from_slice(args);
            let run = run_in(&project, &all);
            run.expect_code(2);
            assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET), "{args:?} {format} echoes the secret:\n{}{}", run.stdout, run.stderr);
            assert!(run.stderr.contains("creds.yaml: it is a symbolic link") && run.stderr.contains("outside the project root"), "{args:?}: {}", run.stderr);
        }
    }
    // The same file named by its own path is the user's choice, and is read.
    let run = run_in(&project, &["check", "--format", "json", "../creds.yaml"]);
    run.expect_code(0);
    assert_eq!(run.json()["summary"]["files"], 1, "{}", run.stdout);
}
