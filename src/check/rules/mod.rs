//! The rule families of the catalogue (docs/rules.md), one file each.

pub mod docs;
pub mod document;
pub mod errors;
pub mod formats;
pub mod migrations;
pub mod naming;
pub mod operations;
pub mod pagination;
pub mod security;
pub mod status;
pub mod structure;
pub mod versioning;
pub mod webhooks;
