//! The database picture of a spec: the tables its `x-table` schemas ask for
//! ([`schema`]) and what each SQL dialect can hold and how it writes them
//! ([`dialect`]). Built from the model and shared by the `table-*` /
//! `column-type` rules of `apigen check` and the `migrations` target of
//! `apigen generate`, so neither command depends on the other (docs/generate/migrations.md).

pub mod dialect;
pub mod schema;

pub use dialect::Dialect;
