//! Hygiene of the generated Rust (docs/generate/models.md): no spec name collides with a name the
//! generated code uses.
//!
//! `tests/fixtures/hostile/names.yaml` names its tags, operations, parameters (path,
//! query, header, cookie), properties, schemas, enum values, response headers and
//! security schemes like the generated code's own locals (`shared`, `inputs`,
//! `request`, `ctx`, `body`, …), modules (`models`, `mod`), types and prelude items
//! (`Error`, `Result`, `Option`, `Box`, `String`, `Vec`), keywords (`self`, `crate`,
//! `super`), names that differ only in case or separators (`user_id`, `userId`,
//! `user-id`), non-ASCII names and names with a leading digit. Its models, client and
//! server crates (with the runtime crate beside them) go into one cargo workspace under `target/hostile-fixture/run-<pid>/`
//! (sharing this build's `target/`): `cargo check` must pass without a warning, and
//! `cargo clippy -D warnings` must pass.

mod common;

use std::path::Path;

use common::{cargo, repo, run_in, target_dir};

const CRATES: [&str; 3] = ["hostile-models", "hostile-client", "hostile-server"];



/// Generates the three crates of the fixture into `out`.
fn generate(out: &Path) {
    let run = run_in(
        &repo(),
        &[
            "generate",
            "tests/fixtures/hostile/names.yaml",
            "--name",
            "hostile",
            "--out",
            out.to_str().unwrap(),
            "-t",
            "models",
            "-t",
            "client-rust",
            "-t",
            "server-axum",
        ],
    );
    run.expect_code(0);
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn spec_names_keep_their_fields_and_reader_locals_stay_the_readers() {
    let out = tempfile::tempdir().unwrap();
    generate(out.path());
    let shared = read(out.path(), "hostile-server/src/api/shared.rs");
    // The request struct keeps the spec's names as its fields…
    for field in [
        "pub shared: Option<String>,",
        "pub inputs: Option<String>,",
        "pub param_inputs: Option<String>,",
        "pub response: Option<String>,",
        "pub ctx: Option<String>,",
        "pub user_id: Option<String>,",
        "pub user_id_2: Option<String>,",
        "pub user_id_3: Option<String>,",
        "pub gr_e: Option<String>,",
        "pub n1st: Option<String>,",
    ] {
        assert!(shared.contains(field), "the request struct lacks `{field}`:\n{shared}");
    }
    // …the reader's locals are named after the fields, except the one its own `inputs` has…
    assert!(shared.contains("let shared: Option<String> = inputs.query(Param::optional(\"shared\", \"a string\"));"), "{shared}");
    assert!(shared.contains("let inputs_2: Option<String> = inputs"), "{shared}");
    assert!(shared.contains("inputs: inputs_2,"), "{shared}");
    assert!(shared.contains("let param_inputs: Option<String> = inputs"), "{shared}");
    assert!(!shared.contains("let inputs:"), "a spec name became the reader's own local:\n{shared}");
    // …and it is still the router's reader, beside the trait method (through the router's
    // parameter `Shared`, bound to the renamed trait below).
    let lib = read(out.path(), "hostile-server/src/lib.rs");
    assert!(lib.contains("api::shared::SharedRequest::read,\n                Shared::shared,"), "{lib}");

    // Resource traits named like the module's imports or prelude items are renamed.
    for bound in ["Shared: api::shared::Shared2", "Option2: api::option::Option2", "Result2: api::result::Result2"] {
        assert!(lib.contains(bound), "lib.rs lacks `{bound}`:\n{lib}");
    }
    assert!(lib.contains("let state_mod = Arc::new("), "{lib}");
}

#[test]
fn hostile_names_compile_warning_free_and_clippy_clean() {
    let work = common::run_folder(&target_dir().join("hostile-fixture"));
    generate(&work);
    for krate in CRATES {
        assert!(work.join(krate).join("Cargo.toml").is_file(), "{krate} was not generated");
    }
    common::workspace(&work, &CRATES);

    let (ok, out) = cargo(&work, &["check", "--workspace", "--all-targets", "--message-format", "short"]);
    assert!(ok, "cargo check of the hostile-names crates failed:\n{out}");
    assert!(!out.contains("warning"), "cargo check warned:\n{out}");
    let (ok, out) =
        cargo(&work, &["clippy", "--workspace", "--all-targets", "--message-format", "short", "--", "-D", "warnings"]);
    assert!(ok, "cargo clippy -D warnings of the hostile-names crates failed:\n{out}");
    // Kept when an assertion above fails, for a look at the generated crates.
    std::fs::remove_dir_all(&work).unwrap();
}
