//! The `apigen-runtime` crate: the code every generated crate of an output
//! folder shares (the server pipeline, validation, error envelope and layers),
//! written once beside them by the targets that use it and versioned with apigen.
//!
//! Its files are the same for every spec, so their header names apigen's
//! version instead of a spec: two specs generated into one folder write the
//! same runtime.

use serde::Serialize;

use super::super::format::{self, Kind};
use super::super::Context;

/// The crate's folder and name.
pub const CRATE: &str = "apigen-runtime";

/// The runtime's templates below `templates/runtime/` and the files they render, below the crate.
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml.j2", "Cargo.toml"),
    ("lib.rs.j2", "src/lib.rs"),
    ("server/mod.rs.j2", "src/server/mod.rs"),
    ("server/auth.rs.j2", "src/server/auth.rs"),
    ("server/context.rs.j2", "src/server/context.rs"),
    ("server/error.rs.j2", "src/server/error.rs"),
    ("server/hooks.rs.j2", "src/server/hooks.rs"),
    ("server/inputs.rs.j2", "src/server/inputs.rs"),
    ("server/layers.rs.j2", "src/server/layers.rs"),
    ("server/pagination.rs.j2", "src/server/pagination.rs"),
    ("server/pipeline.rs.j2", "src/server/pipeline.rs"),
    ("server/validate.rs.j2", "src/server/validate.rs"),
];

#[derive(Serialize)]
struct View {
    version: &'static str,
}

/// The runtime crate's files (path below the output folder, text with its header).
///
/// Errors: a template error.
pub fn files(ctx: &Context<'_>) -> Result<Vec<(String, String)>, String> {
    let view = View { version: env!("CARGO_PKG_VERSION") };
    FILES
        .iter()
        .map(|(template, file)| {
            let path = format!("{CRATE}/{file}");
            let text = ctx.render(&format!("runtime/{template}"), &view)?;
            Ok((path.clone(), format!("{}{text}", format::runtime_header(Kind::of(&path)))))
        })
        .collect()
}
