//! Writes the per-target drivers of `scripts/prism-check.sh` for one spec: programs that
//! call every operation of a generated client once, with minimal valid arguments, and
//! print one line per call:
//!
//! ```text
//! RESULT <TAB> operationId <TAB> ok | decode | status:<code> | transport | driver <TAB> detail
//! ```
//!
//! `cargo run -q --example prism_driver -- SPEC NAME DIR` writes, beside the crates and
//! package `apigen generate SPEC --out DIR --name NAME` wrote:
//!
//! - `DIR/NAME-prism-driver/` — a Rust binary on the `NAME-client` crate;
//! - `DIR/NAME-prism-driver.mjs` — a node script on the built `NAME-client-ts` package;
//! - `DIR/NAME-prism-driver.py` — a Python script on the `NAME-client-py` package.
//!
//! Arguments are made from the spec: for every required parameter and a required body, a
//! JSON value that satisfies its schema (an enum's first value, a format's canonical
//! example, a number within its bounds, every required member of an object, the
//! discriminator of a union's first variant), or the spec's own example where a pattern
//! asks for text we cannot make up. Rust arguments decode from that JSON into the
//! client's types, so the driver names no type of the client.

mod python;
mod rust;
mod synth;
mod ts;

use std::path::Path;

use apigen::generate::targets::{client_python, client_rust, client_ts};
use apigen::generate::{self, Settings};
use apigen::model::{self, Api, Operation, ParamLocation};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, name, dir] = args.as_slice() else {
        eprintln!("usage: prism_driver SPEC NAME DIR");
        std::process::exit(2);
    };
    let doc = apigen::load::Document::load(Path::new(spec)).unwrap_or_else(|e| fail(&format!("{spec}: {e:#}")));
    let config = apigen::config::Config::default();
    let api = model::lower(&doc, &config.conventions).unwrap_or_else(|| fail(&format!("{spec} does not lower")));
    let settings = Settings { spec: spec.clone(), name: name.clone(), ..Settings::default() };
    let dir = Path::new(dir);
    let (rust, ts, python) = generate::with_context(&api, &settings, |ctx| {
        let calls = client_rust::call_sites(ctx).unwrap_or_else(|e| fail(&e));
        let setters = client_rust::credential_setters(ctx);
        let module = client_python::module_name(name);
        let credentials = client_python::credential_args(ctx);
        (
            rust::rust_driver(&api, name, &calls, &setters),
            ts::ts_driver(&api, name, &client_ts::call_sites(ctx)),
            python::python_driver(&api, &module, &client_python::call_sites(ctx), &credentials),
        )
    });
    let crate_dir = dir.join(format!("{name}-prism-driver"));
    std::fs::create_dir_all(crate_dir.join("src")).unwrap_or_else(|e| fail(&e.to_string()));
    let manifest = format!(
        "[package]\nname = \"{name}-prism-driver\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{name}-client = {{ path = \"../{name}-client\" }}\n\
         reqwest = {{ version = \"0.12\", default-features = false, features = [\"rustls-tls\"] }}\n\
         serde = \"1\"\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n"
    );
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())))
    };
    write(&crate_dir.join("Cargo.toml"), &manifest);
    write(&crate_dir.join("src/main.rs"), &rust);
    write(&dir.join(format!("{name}-prism-driver.mjs")), &ts);
    write(&dir.join(format!("{name}-prism-driver.py")), &python);
}

/// Ends the program with a message (exit status 2).
fn fail(message: &str) -> ! {
    eprintln!("prism_driver: {message}");
    std::process::exit(2);
}

/// The operation of an id the client targets reported.
fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|op| op.id == id).unwrap_or_else(|| fail(&format!("no operation {id}")))
}

/// A parameter's location from its name (`path`, `query`, …).
fn location(name: &str) -> ParamLocation {
    match name {
        "path" => ParamLocation::Path,
        "query" => ParamLocation::Query,
        "header" => ParamLocation::Header,
        _ => ParamLocation::Cookie,
    }
}
