//! Whole-file snapshots of the generated server and Rust client (progenitor's
//! `tests/output/` style), replacing assertions on pieces of their text.
//!
//! Each spec of `tests/fixtures/server/<fixture>.yaml` is loaded, lowered and
//! rendered in-process with the `server-axum` and `client-rust` targets; every
//! file of the server crate must equal `tests/snapshots/server/<fixture>/<file>`
//! and every file of the client crate `tests/snapshots/client/<fixture>/<file>`,
//! byte for byte (a mismatch prints a unified diff; `APIGEN_BLESS=1` rewrites the
//! snapshots — review the diff). The snapshot folders hold exactly the generated
//! files. A compile proof puts the fixtures' crates (with the runtime crate they
//! share) into one cargo workspace under `target/server-fixtures/run-<pid>/`:
//! `cargo clippy -D warnings` must pass, on the workspace and on the runtime with
//! only its `client` feature.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use apigen::generate::{self, Settings};
use apigen::load::Document;
use apigen::model::{self, Conventions};
use common::{cargo, repo, run_in, target_dir};

/// The fixtures, each a spec below `tests/fixtures/server/`.
const FIXTURES: &[&str] = &["checks", "edge", "plain"];

/// Renders a fixture's models, client and server in-process (paths below the output folder → text).
fn render(fixture: &str) -> BTreeMap<String, String> {
    let rel = format!("tests/fixtures/server/{fixture}.yaml");
    let doc = Document::load(&repo().join(&rel)).unwrap_or_else(|e| panic!("load {rel}: {e:#}"));
    let api = model::lower(&doc, &Conventions::default()).unwrap_or_else(|| panic!("{rel} does not lower"));
    let settings = Settings { spec: rel.clone(), name: fixture.to_string(), ..Settings::default() };
    let targets = generate::resolve_targets(&["client-rust".into(), "server-axum".into()]).unwrap();
    let output = generate::render(&api, &settings, &targets, Path::new("out")).unwrap_or_else(|e| panic!("render {rel}: {e}"));
    output.files.into_iter().map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.text)).collect()
}

fn blessing() -> bool {
    std::env::var_os("APIGEN_BLESS").is_some_and(|v| v == "1")
}

/// Every file below a folder, as paths relative to it with `/`.
fn files_below(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// Compares the files of one generated crate with its snapshot folder; `APIGEN_BLESS=1` rewrites it.
#[track_caller]
fn assert_crate_snapshot(files: &BTreeMap<String, String>, krate: &str, snapshot_dir: &str) {
    let prefix = format!("{krate}/");
    let generated: BTreeMap<&str, &String> =
        files.iter().filter_map(|(path, text)| path.strip_prefix(&prefix).map(|rel| (rel, text))).collect();
    assert!(!generated.is_empty(), "no {krate} files among {:?}", files.keys());
    let dir = repo().join(snapshot_dir);
    if blessing() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        for (rel, text) in &generated {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        return;
    }
    let names: Vec<String> = generated.keys().map(|s| s.to_string()).collect();
    assert_eq!(files_below(&dir), names, "{snapshot_dir} and the generated {krate} hold different files (APIGEN_BLESS=1 rewrites it)");
    for (rel, text) in generated {
        let expected = std::fs::read_to_string(dir.join(rel)).unwrap_or_default();
        if expected != *text {
            let diff = similar::TextDiff::from_lines(expected.as_str(), text.as_str())
                .unified_diff()
                .context_radius(3)
                .header(&format!("{snapshot_dir}/{rel}"), "generated")
                .to_string();
            panic!("{snapshot_dir}/{rel} differs from the generated output (APIGEN_BLESS=1 rewrites it; review the diff):\n{diff}");
        }
    }
}

#[test]
fn every_fixture_has_snapshots() {
    let mut specs: Vec<String> = files_below(&repo().join("tests/fixtures/server"))
        .into_iter()
        .filter_map(|f| f.strip_suffix(".yaml").map(str::to_string))
        .collect();
    specs.sort();
    assert_eq!(specs, FIXTURES, "tests/fixtures/server/*.yaml and FIXTURES differ");
    for kind in ["server", "client"] {
        let mut dirs: Vec<String> = std::fs::read_dir(repo().join("tests/snapshots").join(kind))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        dirs.sort();
        assert_eq!(dirs, FIXTURES, "tests/snapshots/{kind} holds a folder per fixture");
    }
}

#[test]
fn server_snapshots() {
    for fixture in FIXTURES {
        let files = render(fixture);
        assert_crate_snapshot(&files, &format!("{fixture}-server"), &format!("tests/snapshots/server/{fixture}"));
    }
}

#[test]
fn client_snapshots() {
    for fixture in FIXTURES {
        let files = render(fixture);
        assert_crate_snapshot(&files, &format!("{fixture}-client"), &format!("tests/snapshots/client/{fixture}"));
    }
}


#[test]
fn fixture_crates_are_clippy_clean() {
    let work = common::run_folder(&target_dir().join("server-fixtures"));
    let mut members = Vec::new();
    for fixture in FIXTURES {
        let spec = format!("tests/fixtures/server/{fixture}.yaml");
        let out = work.to_str().unwrap();
        run_in(&repo(), &["generate", &spec, "--name", fixture, "--out", out, "-t", "client-rust", "-t", "server-axum"])
            .expect_code(0);
        members.extend(["models", "client", "server"].map(|k| format!("\"{fixture}-{k}\"")));
    }
    members.push("\"apigen-runtime\"".into());
    std::fs::write(work.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")))
        .unwrap();
    std::fs::copy(repo().join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
    // The whole workspace, then the runtime with only its client feature (an output
    // folder with clients and no server builds it so).
    let runs: [&[&str]; 2] = [&["--workspace", "--all-targets"], &["-p", "apigen-runtime", "--features", "client"]];
    for selection in runs {
        let args: Vec<&str> =
            ["clippy"].into_iter().chain(selection.iter().copied()).chain(["--message-format", "short", "--", "-D", "warnings"]).collect();
        let (ok, text) = cargo(&work, &args);
        assert!(ok, "cargo clippy {selection:?} -D warnings of the fixture crates failed:\n{text}");
        assert!(!text.contains("warning"), "cargo clippy {selection:?} warned:\n{text}");
    }
    // Kept when an assertion above fails, for a look at the generated crates.
    std::fs::remove_dir_all(&work).unwrap();
}
