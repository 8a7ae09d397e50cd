//! The document: one YAML file describing a whole Lync deployment.
//!
//! `topology` is typed (sites, pools, servers, certificates, DNS, reverse proxy); the
//! `configuration` part holds the Central Management Store's settings collections as ordered
//! property bags, so that one generic Get/Set/New/Remove implementation, driven by the
//! catalog's object definitions, serves every `Cs…Configuration`, policy and list noun.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The current document schema version; a store refuses documents of any other.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub header: Header,
    pub topology: Topology,
    pub configuration: Configuration,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub schema_version: u32,
    /// The published version number; 0 for a document that was never published.
    pub version: u64,
    /// The version this one was made from (the draft's base), if any.
    #[serde(default)]
    pub parent: Option<u64>,
    #[serde(default)]
    pub author: String,
    /// RFC 3339 UTC time of publishing.
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub message: String,
    /// SHA-256 of the serialised `topology` and `configuration`, hex.
    #[serde(default)]
    pub checksum: String,
}

/// The Central Management Store settings: collection name (an [`ObjectDef`]'s `collection`,
/// e.g. `hostingProviders`) to its instances, each an ordered map of property name to value
/// with `Identity` first.
///
/// [`ObjectDef`]: crate::catalog::schema::ObjectDef
pub type Configuration = IndexMap<String, Vec<ConfigObject>>;

/// One settings instance: `Identity`, then the properties in the catalog's order.
pub type ConfigObject = IndexMap<String, serde_json::Value>;

/// The topology part: filled in by the topology model (sites, pools, servers, services,
/// certificates, features, DNS records, reverse proxy rules).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topology {}
