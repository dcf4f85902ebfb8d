//! Fields OpenAPI requires that mean nothing to generated code (`oas-required-field`):
//! `check` reports each at its pointer and line, and the part stays in the model, so
//! `generate` writes it and `diff` compares it.
//!
//! - The OAI `petstore-expanded.yaml` with every response `description` removed (in a
//!   scratch copy) generates the same files as the original, but for the server's doc
//!   comments of the responses, the only place response descriptions reach.
//! - A document with an operation without `responses`, parameters and headers without a
//!   `schema`, a parameter with `content`, a request body without `content` and an empty
//!   `'204':` generates every target, and the Rust crates compile warning-free, the
//!   TypeScript client passes `tsc --strict`, the Python client `mypy --strict` and imports.
//! - A document without `paths` (allowed in 3.1, reported in 3.0) generates its models.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{assert_at, cargo, of_rule, repo, run_in, scratch, target_dir};

/// `text` without the `description:` line that follows each response's status line.
fn without_response_descriptions(text: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut removed = Vec::new();
    let mut previous = "";
    for (i, line) in text.lines().enumerate() {
        let status = previous.trim().trim_end_matches(':').trim_matches('\'');
        let is_status = previous.ends_with(':') && (status == "default" || (status.len() == 3 && status.chars().all(|c| c.is_ascii_digit())));
        if is_status && line.trim_start().starts_with("description:") {
            removed.push(i);
        } else {
            out.push_str(line);
            out.push('\n');
        }
        previous = line;
    }
    (out, removed)
}

/// Every file below `dir`: (path relative to it, text).
fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn a_corpus_document_without_response_descriptions_generates_the_same_code() {
    let original = std::fs::read_to_string(repo().join("tests/corpus/oai/petstore-expanded.yaml")).unwrap();
    let (stripped, removed) = without_response_descriptions(&original);
    assert_eq!(removed.len(), 8, "every response of the document has a description");
    let dir = scratch(&[("a/petstore.yaml", original.as_bytes()), ("b/petstore.yaml", stripped.as_bytes())]);

    // `check` reports each removed description at its response (the status line above it).
    let run = run_in(dir.path(), &["check", "b/petstore.yaml", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    assert!(of_rule(&report, "oas-parse").is_empty(), "{}", common::listing(&report));
    let found = of_rule(&report, "oas-required-field");
    assert_eq!(found.len(), removed.len(), "{}", common::listing(&report));
    for (k, (d, line)) in found.iter().zip(&removed).enumerate() {
        // `removed` counts from 0 in the original; the status line is the line before it,
        // moved up by the k lines removed above it.
        assert_at(d, "b/petstore.yaml", (line - k) as u64, 9);
        assert_eq!(d["level"], "error");
        assert!(d["pointer"].as_str().unwrap().contains("/responses/"), "{d:#}");
        assert!(d["message"].as_str().unwrap().contains("no `description`"), "{d:#}");
    }
    // `'204':` is left with nothing below it: an empty response, reported like the others.
    assert!(stripped.contains("        '204':\n        default:\n"));
    assert!(found.iter().any(|d| d["pointer"] == "/paths/~1pets~1{id}/delete/responses/204"));

    for side in ["a", "b"] {
        run_in(&dir.path().join(side), &["generate", "petstore.yaml", "--out", "out", "--quiet"]).expect_code(0);
    }
    let (a, b) = (files(&dir.path().join("a/out")), files(&dir.path().join("b/out")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a.keys().any(|k| k.starts_with("petstore-client-ts/")) && a.keys().any(|k| k.starts_with("petstore-client-py/")));
    let mut differing = Vec::new();
    for (path, text) in &a {
        if text == &b[path] {
            continue;
        }
        differing.push(path.as_str());
        let (lines_a, lines_b): (Vec<&str>, Vec<&str>) = (text.lines().collect(), b[path].lines().collect());
        assert_eq!(lines_a.len(), lines_b.len(), "{path}");
        for (la, lb) in lines_a.iter().zip(&lines_b).filter(|(la, lb)| la != lb) {
            // `/// `200`: pet response` against `/// `200`: (no description)`.
            let head = la.split_once("`: ").map(|(h, _)| h).unwrap_or(la);
            assert!(head.trim_start().starts_with("/// `") && lb.ends_with("`: (no description)") && lb.starts_with(head), "{path}:\n{la}\n{lb}");
        }
    }
    assert_eq!(differing, ["petstore-server/src/api/pets.rs"]);

    // `diff` compares the documents as wholes: no change between them, and an operation
    // removed from the stripped one is the breaking change it is.
    let same = run_in(dir.path(), &["diff", "a/petstore.yaml", "b/petstore.yaml", "--format", "json"]);
    same.expect_code(0);
    assert_eq!(same.json()["changes"], serde_json::json!([]), "{}", same.stdout);
    let cut = stripped.find("    delete:").unwrap();
    let head = format!("{}{}", &stripped[..cut], &stripped[stripped.find("components:").unwrap()..]);
    std::fs::write(dir.path().join("c.yaml"), head).unwrap();
    let changed = run_in(dir.path(), &["diff", "b/petstore.yaml", "c.yaml", "--format", "json"]);
    changed.expect_code(1);
    let changes = changed.json()["changes"].clone();
    assert_eq!(changes.as_array().map(Vec::len), Some(1), "{changes:#}");
    assert_eq!((&changes[0]["id"], &changes[0]["operation"]), (&"operation-removed".into(), &"DELETE /pets/{id}".into()));
}

/// Drafts: what vendor documents leave out. `list_drafts` has a `content` parameter, a
/// query and a header parameter with no schema, a response without description and a
/// header without schema; `create_draft` has no `responses` and a body without `content`;
/// `delete_draft`'s path parameter has no schema and its `'204':` is empty.
const DRAFTS: &str = "\
openapi: 3.0.3
info: {title: Drafts, version: 1.0.0}
paths:
  /api/v1/drafts:
    get:
      operationId: list_drafts
      parameters:
        - {name: filter, in: query, content: {application/json: {schema: {$ref: '#/components/schemas/Filter'}}}}
        - {name: label, in: query}
        - {name: X-Trace, in: header}
      responses:
        '200':
          headers:
            X-Total: {description: how many drafts there are}
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Draft'}}
    post:
      operationId: create_draft
      requestBody: {description: nothing said}
  /api/v1/drafts/{draft_id}:
    delete:
      operationId: delete_draft
      parameters:
        - {name: draft_id, in: path, required: true}
      responses:
        '204':
components:
  schemas:
    Filter:
      type: object
      properties:
        tag: {type: string}
    Draft:
      type: object
      required: [id]
      properties:
        id: {type: string}
";

#[test]
fn imperfect_parts_are_reported_and_generate_code_that_compiles() {
    let work = common::run_folder(&target_dir().join("lenient-fixture"));
    std::fs::write(work.join("drafts.yaml"), DRAFTS).unwrap();
    let check = run_in(&work, &["check", "drafts.yaml", "--format", "json"]);
    let report = check.json();
    assert!(of_rule(&report, "oas-parse").is_empty(), "{}", common::listing(&report));
    let found: Vec<(&str, u64)> = of_rule(&report, "oas-required-field")
        .iter()
        .map(|d| (d["pointer"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("/paths/~1api~1v1~1drafts/get/parameters/1", 9),
            ("/paths/~1api~1v1~1drafts/get/parameters/2", 10),
            ("/paths/~1api~1v1~1drafts/get/responses/200", 12),
            ("/paths/~1api~1v1~1drafts/get/responses/200/headers/X-Total", 14),
            ("/paths/~1api~1v1~1drafts/post", 18),
            ("/paths/~1api~1v1~1drafts/post/requestBody", 20),
            ("/paths/~1api~1v1~1drafts~1{draft_id}/delete/parameters/0", 25),
            ("/paths/~1api~1v1~1drafts~1{draft_id}/delete/responses/204", 27),
        ]
    );

    let run = run_in(&work, &["generate", "drafts.yaml", "--out", "out"]);
    run.expect_code(0);
    let out = work.join("out");
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    // Parameters without a schema are strings; the `content` parameter has its media type's schema.
    let client = read("drafts-client/src/resources/drafts.rs");
    for field in ["filter: Option<models::Filter>", "label: Option<String>", "x_trace: Option<String>", "draft_id: String"] {
        assert!(client.contains(field), "no `{field}` in the Rust client:\n{client}");
    }
    let ts = read("drafts-client-ts/src/index.ts");
    for member in ["filter?: types.Filter;", "label?: string;", "xTrace?: string;", "createDraft(params: Record<string, never> = {}, options?: RequestOptions): Promise<void>"] {
        assert!(ts.contains(member), "no `{member}` in the TypeScript client:\n{ts}");
    }
    let py = read("drafts-client-py/drafts_client/client.py");
    for member in ["label: Optional[str] = None", "x_trace: Optional[str] = None", "    ) -> None:"] {
        assert!(py.contains(member), "no `{member}` in the Python client:\n{py}");
    }
    // The server answers the operation without responses with no content.
    let server = read("drafts-server/src/api/v1/drafts.rs");
    assert!(server.contains("pub enum CreateDraftResponse {\n    /// `204`: the operation documents no response, so it answers with no content\n    NoContent,\n}"), "{server}");
    assert!(server.contains("Self::NoContent => StatusCode::NO_CONTENT.into_response()"), "{server}");

    // The Rust crates compile without a warning.
    common::workspace(&out, &["drafts-models", "drafts-client", "drafts-server"]);
    let (ok, text) = cargo(&out, &["check", "--workspace", "--message-format", "short"]);
    assert!(ok, "cargo check of the generated crates failed:\n{text}");
    assert!(!text.contains("warning"), "cargo check warned:\n{text}");

    if let Some(tsc) = common::tsc() {
        let ts = Command::new(tsc).args(["-p", ".", "--noEmit"]).current_dir(out.join("drafts-client-ts")).output().unwrap();
        assert!(ts.status.success(), "tsc --strict failed:\n{}{}", String::from_utf8_lossy(&ts.stdout), String::from_utf8_lossy(&ts.stderr));
    }
    if let Some(python) = common::python() {
        let dir = out.join("drafts-client-py");
        let mypy = Command::new(&python)
            .args(["-m", "mypy", "--strict", "--no-incremental", "--cache-dir"])
            .arg(work.join("mypy-cache"))
            .arg("drafts_client")
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(mypy.status.success(), "mypy --strict failed:\n{}", String::from_utf8_lossy(&mypy.stdout));
        let import = Command::new(&python)
            .args(["-W", "error", "-c", "import drafts_client; drafts_client.Client(); drafts_client.AsyncClient()"])
            .env("PYTHONPATH", &dir)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .unwrap();
        assert!(import.status.success(), "import failed:\n{}", String::from_utf8_lossy(&import.stderr));
    }
    // Kept when an assertion above fails, for a look at the generated code.
    std::fs::remove_dir_all(&work).unwrap();
}

/// A document of shared schemas and webhooks has no `paths`: OpenAPI 3.1 allows that, 3.0
/// requires `paths` (reported, at the document). Both are read and their models generated.
/// The finding is not a blocking one: `x-apigen-ignore` silences it where the team chose to.
#[test]
fn a_document_without_paths_is_read_and_its_models_generated() {
    let body = "info: {title: Shared, version: 1.0.0}\ncomponents:\n  schemas:\n    Ping:\n      type: object\n      properties:\n        at: {type: string}\n";
    let v31 = format!("openapi: 3.1.0\n{body}webhooks:\n  ping:\n    post:\n      responses: {{'200': {{description: ok}}}}\n");
    let v30 = format!("openapi: 3.0.3\n{body}");
    let ignored = format!("openapi: 3.0.3\nx-apigen-ignore: [oas-required-field]\n{body}");
    let dir = scratch(&[("v31.yaml", v31.as_bytes()), ("v30.yaml", v30.as_bytes()), ("ignored.yaml", ignored.as_bytes())]);
    for (file, expected) in [("v31.yaml", 0), ("v30.yaml", 1), ("ignored.yaml", 0)] {
        let report = run_in(dir.path(), &["check", file, "--format", "json"]).json();
        assert!(of_rule(&report, "oas-parse").is_empty(), "{file}:\n{}", common::listing(&report));
        let found = of_rule(&report, "oas-required-field");
        assert_eq!(found.len(), expected, "{file}:\n{}", common::listing(&report));
        if let Some(d) = found.first() {
            assert_eq!(d["pointer"], "");
            assert!(d["message"].as_str().unwrap().contains("no `paths`"), "{d:#}");
        }
        run_in(dir.path(), &["generate", file, "-t", "models", "--out", "out", "--quiet"]).expect_code(0);
        let stem = file.trim_end_matches(".yaml");
        let models = std::fs::read_to_string(dir.path().join(format!("out/{stem}-models/src/lib.rs"))).unwrap();
        assert!(models.contains("pub struct Ping"), "{models}");
    }
}
