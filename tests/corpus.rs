//! Every real-world document of `tests/corpus/oai` and `tests/corpus/apis-guru`
//! (listed at test time, so new files are covered) loads: `apigen check
//! --format json FILE` exits 0 or 1 (never 2, never a panic), writes a JSON
//! report, and reports no `oas-parse` finding.

mod common;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use common::{repo, run_in};

const FOLDERS: [&str; 2] = ["tests/corpus/oai", "tests/corpus/apis-guru"];

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in FOLDERS {
        let mut found: Vec<PathBuf> = std::fs::read_dir(repo().join(folder))
            .unwrap_or_else(|e| panic!("read {folder}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
            .collect();
        assert!(!found.is_empty(), "{folder} holds no document");
        found.sort();
        files.extend(found);
    }
    files
}

/// What is wrong with checking one file, if anything.
fn problem(rel: &str) -> Option<String> {
    let run = run_in(&repo(), &["check", "--format", "json", rel]);
    let stderr: String = run.stderr.lines().take(5).collect::<Vec<_>>().join(" | ");
    if !matches!(run.code, Some(0 | 1)) {
        return Some(format!("exit {:?}: {stderr}", run.code));
    }
    let report: serde_json::Value = match serde_json::from_str(&run.stdout) {
        Ok(v) => v,
        Err(e) => return Some(format!("stdout is not JSON ({e}); stderr: {stderr}")),
    };
    let Some(diagnostics) = report["diagnostics"].as_array() else {
        return Some("the report has no diagnostics array".into());
    };
    if report["summary"]["files"] != 1 {
        return Some(format!("summary.files is {}, not 1", report["summary"]["files"]));
    }
    let parse: Vec<String> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "oas-parse")
        .map(|d| format!("{}:{}: {}", d["line"], d["column"], d["message"]))
        .collect();
    if !parse.is_empty() {
        return Some(format!("{} oas-parse finding(s): {}", parse.len(), parse.join(" | ")));
    }
    let expected_code = if diagnostics.iter().any(|d| d["level"] == "error") { 1 } else { 0 };
    if run.code != Some(expected_code) {
        return Some(format!("exit {:?} does not match the report (expected {expected_code})", run.code));
    }
    None
}

#[test]
fn every_corpus_document_loads() {
    let files = corpus_files();
    let rels: Vec<String> =
        files.iter().map(|p| p.strip_prefix(repo()).unwrap().to_string_lossy().into_owned()).collect();
    let failures = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(rel) = rels.get(i) else { break };
                if let Some(p) = problem(rel) {
                    failures.lock().unwrap().push(format!("{rel}: {p}"));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} corpus documents failed:\n{}",
        failures.len(),
        rels.len(),
        failures.join("\n")
    );
}
