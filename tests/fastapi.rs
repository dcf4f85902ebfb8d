//! OpenAPI 3.1 as FastAPI emits it (`tests/fastapi/openapi.json`, dumped by
//! `tests/fastapi/app.py`; `generated-example/fastapi-tests` round-trips the
//! generated client against the app): the document loads with no structural
//! finding, and its generated models say `Optional[X]` as `Option<X>`, never as
//! a union with a `serde_json::Value` variant.

mod common;

use common::{repo, run_in};

#[test]
fn the_fastapi_document_has_no_structural_finding() {
    let run = run_in(&repo(), &["check", "--format", "json", "tests/fastapi/openapi.json"]);
    let report = run.json();
    let structural: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"].as_str().is_some_and(|r| r.starts_with("oas-")))
        .collect();
    assert!(structural.is_empty(), "{structural:#?}");
}

#[test]
fn optional_fields_are_options_in_the_generated_models() {
    let models = std::fs::read_to_string(repo().join("generated-example/fast-api-jobs-models/src/lib.rs")).expect("generated models");
    for field in [
        "pub completed_at: Option<chrono::DateTime<chrono::Utc>>,",
        "pub not_before: Option<chrono::DateTime<chrono::Utc>>,",
        "pub note: Option<String>,",
        "pub requested_by: Option<String>,",
        "pub id: uuid::Uuid,",
    ] {
        assert!(models.contains(field), "the models lack `{field}`");
    }
    assert!(!models.contains("(serde_json::Value)"), "a union with a serde_json::Value variant:\n{models}");
    let errors = std::fs::read_to_string(repo().join("generated-example/fast-api-jobs-client/src/error.rs")).expect("generated errors");
    assert!(errors.contains("pub type ErrorBody = crate::models::HttpValidationError;"), "FastAPI's validation error is the error body");
    let client = std::fs::read_to_string(repo().join("generated-example/fast-api-jobs-client/src/resources/jobs.rs")).expect("generated client");
    for method in ["pub fn create_job(", "pub fn read_job(", "pub fn list_jobs(", "pub fn complete_job("] {
        assert!(client.contains(method), "FastAPI's operation ids give function names: no `{method}`");
    }
}
