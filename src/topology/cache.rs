//! The parse cache: `<store>/cache/<file>.json`, a JSON copy of a document file the store
//! wrote or read, keyed by the SHA-256 of the file's bytes.
//!
//! serde-saphyr reads YAML at about 35 MB/s, so a 10,000-server document (14 MB) takes 0.4 s
//! to parse on every start; serde_json reads the same document in a tenth of that. An entry is
//! only a shortcut: a missing, stale, truncated or foreign one is ignored and the YAML is
//! parsed, so the YAML files stay the store's only truth and may still be edited by hand.
//! Entries carry the lyncsh version and a hash of the document schema that wrote them, since
//! the JSON form follows the model (a changed model must not read an old entry).
//!
//! Writes are atomic (temporary file, rename) but not synced: losing an entry in a crash costs
//! one parse. Readers need no lock.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::model::Document;

const DIR: &str = "cache";
/// The first line of an entry, before the file's SHA-256: `lyncsh-parse-cache 1 <lyncsh
/// version> <schema hash>`. `topology/schema.json` is generated from the model types and kept
/// current by a test, so its hash changes whenever the model does.
fn format() -> &'static str {
    static FORMAT: OnceLock<String> = OnceLock::new();
    FORMAT.get_or_init(|| {
        let schema = include_str!("../../topology/schema.json");
        let hash = super::rendered::sha256_hex([schema.as_bytes()]);
        format!(
            "lyncsh-parse-cache 1 {} {}",
            env!("CARGO_PKG_VERSION"),
            &hash[..16]
        )
    })
}
/// Entries kept besides the draft's: the versions read or published most recently. Each is
/// about the size of its YAML file.
const KEEP_VERSIONS: usize = 4;
const DRAFT_ENTRY: &str = "draft.json";

#[derive(Debug)]
pub struct ParseCache {
    dir: PathBuf,
}

impl ParseCache {
    pub fn new(store_dir: &Path) -> ParseCache {
        ParseCache {
            dir: store_dir.join(DIR),
        }
    }

    /// The document cached for `file` (a file name such as `draft.yaml`), if its entry was
    /// made from a file whose bytes hash to `file_sha`.
    pub fn get(&self, file: &str, file_sha: &str) -> Option<Document> {
        let text = fs::read_to_string(self.entry(file)).ok()?;
        let (first, json) = text.split_once('\n')?;
        let (format, sha) = first.rsplit_once(' ')?;
        if format != self::format() || sha != file_sha {
            return None;
        }
        serde_json::from_str(json).ok()
    }

    /// Records the whole document as JSON, written in `parts`, as what `file`, hashing to
    /// `file_sha`, parses to. Failing to write is not an error: the next read parses the YAML.
    pub fn put(&self, file: &str, file_sha: &str, parts: &[&str]) {
        if parts.iter().all(|p| p.is_empty()) || fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let written = tempfile::Builder::new()
            .prefix(super::store::TEMP_PREFIX)
            .tempfile_in(&self.dir)
            .and_then(|mut tmp| {
                writeln!(tmp, "{} {file_sha}", format())?;
                for part in parts {
                    tmp.write_all(part.as_bytes())?;
                }
                tmp.persist(self.entry(file)).map_err(|e| e.error)?;
                Ok(())
            });
        if written.is_ok() {
            self.prune();
        }
    }

    fn entry(&self, file: &str) -> PathBuf {
        let stem = file.strip_suffix(".yaml").unwrap_or(file);
        self.dir.join(format!("{stem}.json"))
    }

    /// Deletes all but the [`KEEP_VERSIONS`] most recently written version entries.
    fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut versions: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.ends_with(".json") && name != DRAFT_ENTRY
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if versions.len() <= KEEP_VERSIONS {
            return;
        }
        versions.sort();
        for (_, path) in &versions[..versions.len() - KEEP_VERSIONS] {
            let _ = fs::remove_file(path);
        }
    }
}
