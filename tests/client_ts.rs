//! The `client-ts` target: the TypeScript clients of `specs/` (committed under
//! `generated-example/*-client-ts`) type-check with `tsc` in strict mode; a
//! type-level test (`tests/client-ts/type-errors.ts`) proves wrong parameter
//! types, missing required fields, unknown values of request-only enums and missing path
//! parameters do not compile; and `tests/client-ts/*.test.mjs` run with node's
//! test runner against the demo server (`orders-demo`) on 127.0.0.1 (every
//! operation of `specs/orders.yaml`, errors, retries, deprecation, abort, and
//! iterating pages in the four pagination styles).
//!
//! TypeScript comes from npm into `target/ts` (`scripts/typescript.sh`). Without
//! it (or without node) the tests skip, unless `APIGEN_REQUIRE_NODE=1` (CI) makes
//! that a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::repo;

/// `tsc`, or `None` (skip) when TypeScript is not installed and not required.
fn tsc() -> Option<PathBuf> {
    let tsc = repo().join("target/ts/node_modules/.bin/tsc");
    if tsc.exists() && Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(tsc);
    }
    assert!(
        std::env::var("APIGEN_REQUIRE_NODE").map_or(true, |v| v != "1"),
        "node or {} is missing: run scripts/typescript.sh (APIGEN_REQUIRE_NODE=1 makes this a failure)",
        tsc.display()
    );
    eprintln!("SKIPPED TypeScript client tests: no node or target/ts (scripts/typescript.sh installs TypeScript)");
    None
}

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
    assert_eq!(errors, 4, "{}", String::from_utf8_lossy(&out.stdout));
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
            .env("ORDERS_CLIENT", build.path().join("orders/index.js"))
            .env("JOBS_CLIENT", build.path().join("jobs/index.js"))
            .env("PROJECTS_CLIENT", build.path().join("projects/index.js"))
            .env("EDGE_CLIENT", build.path().join("edge/index.js"))
            .env("ORDERS_URL", &url),
        "node --test tests/client-ts/*.test.mjs",
    );
    assert!(out.contains("pass 14") && out.contains("fail 0"), "{out}");
}
