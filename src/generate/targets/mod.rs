//! The generation targets, one file each (plus its templates under `templates/<target>/`).

pub mod models;
