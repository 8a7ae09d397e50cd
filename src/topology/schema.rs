//! `topology/schema.json`: the JSON Schema of the document, generated from the model types so
//! it cannot drift. Editors use it to check hand-edited YAML (`# yaml-language-server:
//! $schema=…`). Regenerate with `LYNCSH_BLESS=1 cargo test --test store_schema`.

use super::model::Document;

/// The schema as committed: pretty JSON with a trailing newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
