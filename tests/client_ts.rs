//! The `client-ts` target: the TypeScript clients of `specs/` (committed under
//! `generated-example/*-client-ts`) type-check with `tsc` in strict mode; a
//! type-level test (`tests/client-ts/type-errors.ts`) proves wrong parameter
//! types, missing required fields, unknown values of request-only enums and missing path
//! parameters do not compile; and `tests/client-ts/*.test.mjs` run with node's
//! test runner against the demo server (`orders-demo`) on 127.0.0.1 (every
//! operation of `specs/orders.yaml`, errors, retries, deprecation, abort, and
//! iterating pages in the four pagination styles); `tests/client-ts/webhooks.test.mjs`
//! checks the webhook receiver (`src/webhooks.ts`) with GitHub's documented signature.
//!
//! TypeScript comes from npm into `target/ts` (`scripts/typescript.sh`). Without
//! it (or without node) the tests skip, unless `APIGEN_REQUIRE_NODE=1` (CI) makes
//! that a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{repo, tsc};

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// Copies a folder (files only, recursively).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

#[test]
fn the_typescript_clients_of_the_specs_type_check_strictly() {
    let Some(tsc) = tsc() else { return };
    for name in ["orders", "jobs", "projects", "edge"] {
        let dir = repo().join(format!("generated-example/{name}-client-ts"));
        run(Command::new(&tsc).args(["-p", ".", "--noEmit"]).current_dir(&dir), &format!("tsc of {name}-client-ts"));
    }
}

#[test]
fn wrong_types_do_not_compile() {
    let Some(tsc) = tsc() else { return };
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("generated-example/orders-client-ts"), dir.path());
    std::fs::copy(repo().join("tests/client-ts/type-errors.ts"), dir.path().join("src/type-errors.ts")).unwrap();
    // Every `@ts-expect-error` must meet an error (else TS2578), and nothing else may fail.
    run(Command::new(&tsc).args(["-p", ".", "--noEmit"]).current_dir(dir.path()), "tsc of the type-level test");
    // The test can fail: without the directives, each line is an error.
    let text = std::fs::read_to_string(dir.path().join("src/type-errors.ts")).unwrap();
    std::fs::write(dir.path().join("src/type-errors.ts"), text.replace("// @ts-expect-error", "")).unwrap();
    let out = Command::new(&tsc).args(["-p", ".", "--noEmit"]).current_dir(dir.path()).output().unwrap();
    let errors = String::from_utf8_lossy(&out.stdout).matches("error TS").count();
    assert_eq!(errors, 6, "{}", String::from_utf8_lossy(&out.stdout));
}

/// The demo server, killed when dropped.
struct Demo(std::process::Child);

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_typescript_client_works_against_the_demo_server() {
    let Some(tsc) = tsc() else { return };
    let build = tempfile::tempdir().unwrap();
    for name in ["orders", "jobs", "projects", "edge"] {
        run(
            Command::new(&tsc)
                .args(["-p", ".", "--outDir"])
                .arg(build.path().join(name))
                .current_dir(repo().join(format!("generated-example/{name}-client-ts"))),
            &format!("tsc build of {name}-client-ts"),
        );
    }
    // The demo: built by cargo (the workspace member), on a free port.
    run(Command::new(env!("CARGO")).args(["build", "--quiet", "-p", "orders-demo"]).current_dir(repo()), "build the demo");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from);
    let mut child = Command::new(target.join("debug/orders-demo"))
        .args(["--port", "0", "--rate-limit-scale", "1000"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the demo");
    let stdout = child.stdout.take().unwrap();
    let _demo = Demo(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let url = loop {
        let line = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("the demo says where it listens");
        if let Some(url) = line.strip_prefix("listening on ") {
            break url.to_string();
        }
    };
    let out = run(
        Command::new("node")
            .args(["--test", "--test-reporter=spec"])
            .arg(repo().join("tests/client-ts/orders.test.mjs"))
            .arg(repo().join("tests/client-ts/pagination.test.mjs"))
            .arg(repo().join("tests/client-ts/bodies.test.mjs"))
            .arg(repo().join("tests/client-ts/evolution.test.mjs"))
            .arg(repo().join("tests/client-ts/webhook_round_trip.test.mjs"))
            .env("ORDERS_CLIENT", build.path().join("orders/index.js"))
            .env("JOBS_CLIENT", build.path().join("jobs/index.js"))
            .env("PROJECTS_CLIENT", build.path().join("projects/index.js"))
            .env("EDGE_CLIENT", build.path().join("edge/index.js"))
            .env("ORDERS_URL", &url),
        "node --test tests/client-ts/*.test.mjs",
    );
    assert!(out.contains("pass 15") && out.contains("fail 0"), "{out}");
}

#[test]
fn the_webhook_receiver_verifies_githubs_vector_and_refuses_with_typed_errors() {
    let Some(tsc) = tsc() else { return };
    let build = tempfile::tempdir().unwrap();
    run(
        Command::new(&tsc).args(["-p", ".", "--outDir"]).arg(build.path()).current_dir(repo().join("generated-example/orders-client-ts")),
        "tsc build of orders-client-ts",
    );
    let out = run(
        Command::new("node")
            .args(["--test", "--test-reporter=spec"])
            .arg(repo().join("tests/client-ts/webhooks.test.mjs"))
            .env("ORDERS_CLIENT", build.path().join("index.js")),
        "node --test tests/client-ts/webhooks.test.mjs",
    );
    assert!(out.contains("pass 6") && out.contains("fail 0"), "{out}");
}

/// What the driver reported, and the rendered files (path below the output folder, text).
type HostileRun = (serde_json::Value, Vec<(String, String)>);

/// What `tests/client-ts/hostile.mjs` reports of the client of `tests/fixtures/client-ts/hostile.yaml`,
/// built with `tsc` (which must pass), with the rendered files; `None` when TypeScript is missing.
fn hostile_run() -> Option<&'static HostileRun> {
    static RUN: OnceLock<Option<HostileRun>> = OnceLock::new();
    RUN.get_or_init(|| {
        let tsc = tsc()?;
        let dir = tempfile::tempdir().unwrap();
        let doc = apigen::load::Document::load(&repo().join("tests/fixtures/client-ts/hostile.yaml")).expect("the spec loads");
        let files = common::render_target(&doc, "client-ts", "hostile", dir.path());
        let package = dir.path().join("hostile-client-ts");
        run(Command::new(&tsc).args(["-p", "."]).current_dir(&package), "tsc build of the hostile client");
        std::fs::copy(repo().join("tests/client-ts/hostile.mjs"), package.join("hostile.mjs")).unwrap();
        let out = Command::new("node").arg("hostile.mjs").current_dir(&package).output().unwrap();
        assert!(out.status.success(), "hostile.mjs failed:\n{}", String::from_utf8_lossy(&out.stderr));
        let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        Some((report, files))
    })
    .as_ref()
}

/// A file of the hostile client, by its path in the package.
fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files.iter().find(|(p, _)| p == &format!("hostile-client-ts/{path}")).unwrap_or_else(|| panic!("no {path}")).1
}

#[test]
fn path_text_never_runs_as_code() {
    let Some((report, files)) = hostile_run() else { return };
    assert_eq!(report["pwned"], serde_json::Value::Null, "calling the operation ran the spec's code: {report:#}");
    // The path's text is sent as written (the URL parser percent-encodes the braces), the parameter encoded.
    assert_eq!(report["bare"]["url"], r#"http://stub.test/items/x$%7Beval(%22globalThis.pwned%20=%201%22)%7D/a%2Fb"#);
    // No template literal holds spec text: the URL is built from string literals.
    let index = file(files, "src/index.ts");
    assert!(!index.contains("path: `"), "a template literal builds a path:\n{index}");
}

#[test]
fn text_cannot_end_a_comment_or_become_markdown() {
    // Titles, versions, summaries and a security scheme's `in` with `*/` (tsc passed: no code after it).
    let Some((report, files)) = hostile_run() else { return };
    assert_eq!(report["pwned"], serde_json::Value::Null, "{report:#}");
    let readme = file(files, "README.md");
    let intro = "A typed TypeScript client of `Hostile <img src=x onerror=alert(1)> @alice */ globalThis.pwned = 3; /*` \
                 (API version `1.0.0 */ globalThis.pwned = 4; /*`), generated by apigen.";
    assert!(readme.contains(intro), "the title is not one code span:\n{readme}");
    let client = file(files, "src/client.ts");
    assert!(!client.contains("globalThis.pwned = 7"), "a scheme of no known place reached the client:\n{client}");
}

#[test]
fn names_of_the_clients_own_members_do_not_collide() {
    // tsc passed on tags `baseUrl`, `base-url`, `constructor`, `Object` and operations `constructor`, `toString`…
    let Some((report, _)) = hostile_run() else { return };
    assert_eq!(report["baseUrl"], "http://stub.test", "{report:#}");
    // Tags `baseUrl` and `base-url` are one resource beside the base URL; no method replaces a built-in one.
    let expected = serde_json::json!({
        "baseUrl": "http://stub.test",
        "baseUrl_": ["constructor", "constructor_", "getItem", "toString_"],
        "constructor_": ["constructor", "transport_"],
        "object_": ["constructor", "hasOwnProperty_"],
    });
    assert_eq!(report["members"], expected);
}

#[test]
fn query_parameters_named_like_prototype_members_are_not_read_from_the_prototype() {
    let Some((report, _)) = hostile_run() else { return };
    let url = report["bare"]["url"].as_str().unwrap();
    assert!(!url.contains('?'), "parameters the caller left out were sent: {url}");
    // The caller can still send them, under their wire names.
    let url = report["prototypeNamed"]["url"].as_str().unwrap();
    assert!(url.ends_with("/1?constructor=c&toString=t"), "{url}");
}

#[test]
fn wire_names_keep_every_character() {
    let Some((report, files)) = hostile_run() else { return };
    // `role\u202ex`, percent-encoded by URLSearchParams: the bidi control is on the wire.
    let url = report["bidi"]["url"].as_str().unwrap();
    assert!(url.ends_with("/1?role%E2%80%AEx=role%E2%80%AEx"), "{url}");
    let index = file(files, "src/index.ts");
    assert!(index.contains(r#"["X-Trace\u202e", params.xTrace]"#), "the header's wire name changed:\n{index}");
    let types = file(files, "src/types.ts");
    assert!(types.contains(r#""role\u202ex""#), "the enum value changed:\n{types}");
    assert!(!types.contains("\u{202e}") && !index.contains("\u{202e}"), "a raw bidi control in the code");
}

/// The client of `tests/fixtures/client/recursive.yaml`, whose aliases refer to themselves
/// (Discord's `ErrorDetails`, a map of itself or one field's errors, and the shapes around
/// it), compiles under `tsc --strict` with `tests/client-ts/recursive.ts`, whose nested values
/// the types accept and whose wrong ones they refuse; run by node, a report round-trips
/// through the client and a 400's nested error body arrives whole.
#[test]
fn recursive_aliases_compile_and_round_trip() {
    let Some(tsc) = tsc() else { return };
    let dir = tempfile::tempdir().unwrap();
    run(
        Command::new(env!("CARGO_BIN_EXE_apigen"))
            .args(["generate", "tests/fixtures/client/recursive.yaml", "--target", "client-ts"])
            .args(["--name", "recursive", "--quiet", "--out"])
            .arg(dir.path())
            .current_dir(repo()),
        "apigen generate the recursive fixture's TypeScript client",
    );
    let package = dir.path().join("recursive-client-ts");
    let types = std::fs::read_to_string(package.join("src/types.ts")).unwrap();
    assert!(types.contains("export type ErrorDetails = { [key: string]: ErrorDetails } | InnerErrors;"), "{types}");
    let driver = std::fs::read_to_string(repo().join("tests/client-ts/recursive.ts")).unwrap();
    std::fs::write(package.join("src/recursive.ts"), &driver).unwrap();
    run(Command::new(&tsc).args(["-p", "."]).current_dir(&package), "tsc build of the recursive client");
    let out = run(Command::new("node").arg("dist/recursive.js").current_dir(&package), "node recursive.js");
    assert_eq!(out.trim(), "ok");
    // The wrong values are errors indeed: without the directives, each is one.
    std::fs::write(package.join("src/recursive.ts"), driver.replace("// @ts-expect-error", "//")).unwrap();
    let out = Command::new(&tsc).args(["-p", ".", "--noEmit"]).current_dir(&package).output().unwrap();
    let errors = String::from_utf8_lossy(&out.stdout).matches("error TS").count();
    assert_eq!(errors, 3, "{}", String::from_utf8_lossy(&out.stdout));
}
