//! The generation targets, one file each (plus its templates under `templates/<target>/`).

pub mod client_python;
pub mod client_rust;
pub mod client_ts;
pub mod migrations;
pub mod models;
pub mod receivers;
pub mod runtime;
pub mod server_axum;
