//! The one place that knows the YAML backend (serde-saphyr), so it can be swapped.
//!
//! Reading is defensive: the input size is capped, the parser budget is sized from the input
//! (serde-saphyr's default budget refuses large but honest documents), aliases and nesting are
//! kept small (that is what stops alias bombs), and duplicate keys are errors. Writing is
//! stable: the same value always gives the same bytes.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_saphyr::{budget::Budget, DuplicateKeyPolicy, Options};

/// Largest document accepted, in bytes.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Documents are plain data: a handful of anchors is generous, nesting is shallow.
const MAX_ALIASES: usize = 16;
const MAX_DEPTH: usize = 32;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YamlError {
    #[error("the document is {size} bytes, larger than the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the document uses more aliases or nesting than a topology needs ({detail}); aliases are limited to {MAX_ALIASES} and nesting to {MAX_DEPTH} levels")]
    Budget { detail: String },
    /// A syntax or shape error; line and column are 1-based.
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{0}")]
    Other(String),
    #[error("cannot serialise: {0}")]
    Serialize(String),
}

pub fn from_str<T: DeserializeOwned>(text: &str, limits: &Limits) -> Result<T, YamlError> {
    if text.len() > limits.max_bytes {
        return Err(YamlError::TooLarge {
            size: text.len(),
            limit: limits.max_bytes,
        });
    }
    serde_saphyr::from_str_with_options(text, options_for(text.len())).map_err(convert_error)
}

/// Serialises with serde-saphyr's defaults, which are deterministic (field order, no
/// anchors); nothing here depends on map hashing or time.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_saphyr::to_string(value).map_err(|e| YamlError::Serialize(e.to_string()))
}

fn options_for(len: usize) -> Options {
    // Every node, event and scalar byte needs at least one input byte, so budgets of a
    // small multiple of the length never refuse an honest document; only alias expansion
    // can exceed them, and that is capped separately.
    let mut budget = Budget::default();
    budget.max_events = 2 * len + 1024;
    budget.max_nodes = len + 1024;
    budget.max_total_scalar_bytes = len + 1024;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_depth = MAX_DEPTH;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

fn convert_error(err: serde_saphyr::Error) -> YamlError {
    let message = err.without_snippet().to_string();
    if message.contains("budget breached") {
        return YamlError::Budget {
            detail: message.trim_start_matches("budget breached: ").to_string(),
        };
    }
    match err.location() {
        Some(loc) if loc.line() > 0 => YamlError::Invalid {
            line: loc.line(),
            column: loc.column(),
            message: strip_location_suffix(&message),
        },
        _ => YamlError::Other(message),
    }
}

/// serde-saphyr appends " at line N, column M" to some messages; we print the position first.
fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
