//! A document serialised for the store. The content (`topology` and `configuration`) is
//! serialised once and shared by the checksum, the version file, the draft file and the parse
//! cache: at 10,000 servers one YAML serialisation costs tens of milliseconds, and a publish
//! used to make four.
//!
//! A file is the header's YAML followed by the content's YAML. serde-saphyr writes a top-level
//! mapping entry by entry, so that is byte for byte what serialising the whole [`Document`]
//! gives (tests/store_rendered.rs holds it to that), and a version's checksum is the SHA-256 of
//! its file from the `topology:` line on.

use std::cell::OnceCell;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::model::{Configuration, Document, Header, Topology};
use super::yaml::{self, YamlError};

/// The part of a document the header's checksum covers.
#[derive(Serialize)]
pub(crate) struct Content<'a> {
    pub topology: &'a Topology,
    pub configuration: &'a Configuration,
}

#[derive(Serialize)]
struct HeaderOnly<'a> {
    header: &'a Header,
}

/// A document's content, serialised.
pub struct Rendered<'a> {
    content: Content<'a>,
    yaml: String,
    checksum: String,
    /// The content as JSON, made when the parse cache first needs it.
    json: OnceCell<String>,
}

impl<'a> Rendered<'a> {
    pub fn of(doc: &'a Document) -> Result<Rendered<'a>, YamlError> {
        let content = Content {
            topology: &doc.topology,
            configuration: &doc.configuration,
        };
        let yaml = yaml::to_string(&content)?;
        let checksum = sha256_hex([yaml.as_bytes()]);
        Ok(Rendered {
            content,
            yaml,
            checksum,
            json: OnceCell::new(),
        })
    }

    /// SHA-256 (lower-case hex) of the content's YAML: what a version's header records.
    pub fn checksum(&self) -> &str {
        &self.checksum
    }

    pub fn content_yaml(&self) -> &str {
        &self.yaml
    }

    /// The whole document with `header` as JSON (the parse cache's form), as two parts to
    /// write one after the other: the header's JSON spliced into the content's, which
    /// serde_json writes as one object. Splicing, not concatenating, saves a copy of the
    /// document.
    pub fn file_json(&self, header: &Header) -> (String, &str) {
        let content = self
            .json
            .get_or_init(|| serde_json::to_string(&self.content).unwrap_or_default());
        let header = serde_json::to_string(&HeaderOnly { header }).unwrap_or_default();
        match (header.strip_suffix('}'), content.strip_prefix('{')) {
            (Some(open), Some(rest)) => (format!("{open},"), rest),
            // Serialising plain data to JSON does not fail; if it ever did, an empty cache
            // entry is one that is never used.
            _ => (String::new(), ""),
        }
    }
}

/// The header's YAML: a file's first part, before [`Rendered::content_yaml`].
pub fn header_yaml(header: &Header) -> Result<String, YamlError> {
    yaml::to_string(&HeaderOnly { header })
}

/// SHA-256 (lower-case hex) of the concatenated parts.
pub fn sha256_hex<'b>(parts: impl IntoIterator<Item = &'b [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// Lower-case hex, as checksums and fingerprints are written.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
