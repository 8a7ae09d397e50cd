//! The deployment document and everything that keeps it: the model, its YAML form, the
//! versioned store, validation rules and diffs. Nothing here knows the shell language.

pub mod cache;
pub mod diff;
pub mod generate;
pub mod index;
pub mod model;
pub mod rendered;
pub mod report;
pub mod rules;
pub mod schema;
pub mod services;
pub mod store;
pub mod time;
pub mod unified;
pub mod validate;
pub mod workspace;
pub mod yaml;

use model::Document;

/// The seed's lab (`topology/default.yaml`): what a new store starts from.
pub const DEFAULT_YAML: &str = include_str!("../../topology/default.yaml");

/// The embedded default document, parsed.
pub fn default_document() -> Document {
    // The embedded text is checked by tests (tests/store_document.rs), so it always parses.
    yaml::from_str(DEFAULT_YAML, &yaml::Limits::default())
        .unwrap_or_else(|e| panic!("embedded topology/default.yaml is invalid: {e}"))
}
