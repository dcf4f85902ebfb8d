//! apigen: checks convention-annotated OpenAPI documents against API
//! standards and generates code from them. See docs/architecture.md for the pipeline:
//! load → lower (model) → check / generate.
#![deny(missing_docs)]

pub mod bundle;
pub mod config;
pub mod database;
pub mod diagnostic;
pub mod diff;
pub mod generate;
pub mod graph;
pub mod load;
pub mod model;
pub mod replace;
pub mod check;
pub mod cli;
pub mod suggest;
pub mod text;
