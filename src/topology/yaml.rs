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
    /// A parser budget was exceeded: `exceeded` says which limit, in words.
    #[error("line {line}, column {column}: {exceeded}")]
    Budget {
        line: u64,
        column: u64,
        exceeded: String,
    },
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
    let (line, column) = match err.location() {
        Some(loc) if loc.line() > 0 => (loc.line(), loc.column()),
        _ => match position_suffix(&message) {
            Some(pos) => pos,
            None => return YamlError::Other(message),
        },
    };
    if let Some(breach) = message.strip_prefix("budget breached: ") {
        return YamlError::Budget {
            line,
            column,
            exceeded: describe_breach(breach),
        };
    }
    let message = strip_position(&message);
    // The backend's advice names its own option; ours is to remove the duplicate.
    let message = match message.split_once(", set DuplicateKeyPolicy") {
        Some((head, _)) => head.to_string(),
        None => message.to_string(),
    };
    YamlError::Invalid {
        line,
        column,
        message,
    }
}

/// serde-saphyr appends " at line N, column M" to some messages; we print the position first.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn position_suffix(message: &str) -> Option<(u64, u64)> {
    let rest = &message[message.rfind(" at line ")? + " at line ".len()..];
    let (line, column) = rest.split_once(", column ")?;
    Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
}

/// `Aliases { aliases: 17 }` → words naming the limit.
fn describe_breach(breach: &str) -> String {
    let kind = breach.split([' ', '{']).next().unwrap_or_default();
    match kind {
        "Aliases" => format!("more than {MAX_ALIASES} aliases (*name)"),
        "Anchors" => format!("more than {MAX_ALIASES} anchors (&name)"),
        "Depth" => format!("nesting deeper than {MAX_DEPTH} levels"),
        _ => "more YAML nodes than a document of this size can hold".to_string(),
    }
}
