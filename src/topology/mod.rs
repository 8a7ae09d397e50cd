//! The deployment document and everything that keeps it: the model, its YAML form, the
//! versioned store, validation rules and diffs. Nothing here knows the shell language.

pub mod model;
