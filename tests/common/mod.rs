//! Helpers shared by the CLI integration tests: run the built `apigen` binary
//! with a fixed date and no colour, in a scratch folder, and read its reports.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

/// The date every run measures deprecation rules from.
pub const TODAY: &str = "2026-11-21";

/// A generous bound so a hang (an alias bomb, a `$ref` loop) fails instead of blocking the suite.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when a signal (or the timeout) ended the process.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code is exactly `code` (so a panic, 101, never passes for 1 or 2).
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "apigen panicked:\n{}", self.stderr);
        self
    }

    /// The stdout parsed as JSON (the `json` and `sarif` formats).
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\n--- stderr ---\n{}", self.stdout, self.stderr))
    }
}

/// `apigen` with the fixed date, no colour, and no inherited colour forcing.
pub fn apigen() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("apigen").expect("the apigen binary is built");
    cmd.env("APIGEN_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("RUST_BACKTRACE")
        .timeout(TIMEOUT);
    cmd
}

/// Runs `apigen ARGS…` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = apigen().current_dir(dir).args(args).output().expect("run apigen");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The crate's root folder (where `specs/` and `tests/` are).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An empty folder `PARENT/run-<pid>` for generated crates checked in a workspace of their
/// own that shares this build's `target/`: one folder per test process, so that two test runs
/// in one checkout do not write over each other's crates.
///
/// Folders of earlier runs whose process has ended are removed first: cargo names a
/// workspace member's build after its path inside the workspace, so a build of
/// `run-<other>/x-server` is also `run-<pid>/x-server`'s, and cargo takes it as fresh as long
/// as the sources it was built from are unchanged (a run whose assertion failed keeps its folder).
pub fn run_folder(parent: &Path) -> PathBuf {
    let own = format!("run-{}", std::process::id());
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ended = name
                .strip_prefix("run-")
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| !Path::new("/proc").join(pid.to_string()).exists());
            if name == own || ended {
                std::fs::remove_dir_all(entry.path())
                    .unwrap_or_else(|e| panic!("remove {}: {e}", entry.path().display()));
            }
        }
    }
    let work = parent.join(own);
    std::fs::create_dir_all(&work).unwrap();
    work
}

/// A fixture of `tests/fixtures/`, as text.
pub fn fixture(rel: &str) -> String {
    let path = repo().join("tests/fixtures").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// A scratch folder holding the given files (relative path, contents). Specs are
/// checked from a scratch folder so no `apigen.toml` of the repository applies.
pub fn scratch(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("apigen-test-").tempdir().expect("create a temp dir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
    }
    dir
}

/// The `diagnostics` array of a JSON report.
#[track_caller]
pub fn diagnostics(report: &Value) -> &Vec<Value> {
    report["diagnostics"].as_array().unwrap_or_else(|| panic!("no diagnostics array in {report:#}"))
}

/// The diagnostics of one rule.
pub fn of_rule<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    diagnostics(report).iter().filter(|d| d["rule"] == rule).collect()
}

/// A one-line summary of every diagnostic, for assertion messages.
pub fn listing(report: &Value) -> String {
    diagnostics(report)
        .iter()
        .map(|d| format!("{} {} {}:{}:{} {}", d["level"], d["rule"], d["file"], d["line"], d["column"], d["message"]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts a diagnostic's position.
#[track_caller]
pub fn assert_at(d: &Value, file: &str, line: u64, column: u64) {
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some(file), Some(line), Some(column)),
        "wrong position for {d:#}"
    );
}

/// `tsc` of `target/ts` (`scripts/typescript.sh`), or `None` (skip) when it or node is
/// missing and `APIGEN_REQUIRE_NODE=1` (CI) does not make that a failure.
pub fn tsc() -> Option<PathBuf> {
    let tsc = repo().join("target/ts/node_modules/.bin/tsc");
    if tsc.exists() && std::process::Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(tsc);
    }
    assert!(
        std::env::var("APIGEN_REQUIRE_NODE").map_or(true, |v| v != "1"),
        "node or {} is missing: run scripts/typescript.sh (APIGEN_REQUIRE_NODE=1 makes this a failure)",
        tsc.display()
    );
    eprintln!("SKIPPED TypeScript checks: no node or target/ts (scripts/typescript.sh installs TypeScript)");
    None
}

/// The python of `target/venv` (`scripts/python-env.sh`), or `None` (skip) when it is missing
/// and `APIGEN_REQUIRE_PYTHON=1` (CI) does not make that a failure.
pub fn python() -> Option<PathBuf> {
    let python = repo().join("target/venv/bin/python");
    let ready = python.exists()
        && std::process::Command::new(&python)
            .args(["-c", "import httpx, pydantic, mypy, pytest, ruff"])
            .output()
            .is_ok_and(|o| o.status.success());
    if ready {
        return Some(python);
    }
    assert!(
        std::env::var("APIGEN_REQUIRE_PYTHON").map_or(true, |v| v != "1"),
        "{} (with httpx, pydantic, mypy, pytest, ruff) is missing: run scripts/python-env.sh (APIGEN_REQUIRE_PYTHON=1 makes this a failure)",
        python.display()
    );
    eprintln!("SKIPPED Python client tests: no target/venv (scripts/python-env.sh makes it)");
    None
}

/// Renders one target of a spec straight from the model into `dir` (not `generate`'s
/// blocking findings: what a target writes must be safe even for a spec `check` refuses),
/// under the base name `name`. Returns (path below `dir`, text) of every file.
pub fn render_target(doc: &apigen::load::Document, target: &str, name: &str, dir: &Path) -> Vec<(String, String)> {
    let api = apigen::model::lower_for_code(doc, &Default::default()).expect("a model");
    let settings = apigen::generate::Settings { spec: "spec.yaml".into(), name: name.into(), ..Default::default() };
    let target = apigen::generate::target(target).expect("a target");
    let output = apigen::generate::render(&api, &settings, &[target], dir).expect("the target renders");
    let mut files = Vec::new();
    for file in output.files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.text).unwrap();
        files.push((file.path.to_string_lossy().replace('\\', "/"), file.text));
    }
    files
}

/// The workspace's target folder (`CARGO_TARGET_DIR` relative to the repository, else
/// `target/`): generated crates build there so their dependencies build once.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).map_or_else(|| repo().join("target"), |p| repo().join(p))
}

/// Makes `dir` a cargo workspace of the generated crates `members` (folders below it), with
/// the repository's Cargo.lock so dependency versions match the ones this build uses.
pub fn workspace(dir: &Path, members: &[&str]) {
    let members = members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ");
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{members}]\n")).unwrap();
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// Runs cargo in `dir` with the workspace's target folder; returns success and the combined output.
pub fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}
