//! The `apigen-runtime` crate: the code every generated crate of an output
//! folder shares (the server pipeline, validation, error envelope and layers;
//! the client's requests, retries, pagination and error type; the models'
//! serde helpers and `Patch<T>`; webhook signing, verification and delivery),
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
    ("models/mod.rs.j2", "src/models/mod.rs"),
    ("models/de.rs.j2", "src/models/de.rs"),
    ("models/ser.rs.j2", "src/models/ser.rs"),
    ("client/mod.rs.j2", "src/client/mod.rs"),
    ("client/body.rs.j2", "src/client/body.rs"),
    ("client/builder.rs.j2", "src/client/builder.rs"),
    ("client/call.rs.j2", "src/client/call.rs"),
    ("client/credentials.rs.j2", "src/client/credentials.rs"),
    ("client/error.rs.j2", "src/client/error.rs"),
    ("client/pagination.rs.j2", "src/client/pagination.rs"),
    ("client/params.rs.j2", "src/client/params.rs"),
    ("client/reply.rs.j2", "src/client/reply.rs"),
    ("client/retry.rs.j2", "src/client/retry.rs"),
    ("client/transport.rs.j2", "src/client/transport.rs"),
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
    ("webhooks/mod.rs.j2", "src/webhooks/mod.rs"),
    ("webhooks/options.rs.j2", "src/webhooks/options.rs"),
    ("webhooks/verify.rs.j2", "src/webhooks/verify.rs"),
    ("webhooks/deliver.rs.j2", "src/webhooks/deliver.rs"),
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
