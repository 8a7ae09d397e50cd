//! The shape of a `cmdlets/*.yaml` file. One file per noun (`cmdlets/CsHostingProvider.yaml`
//! holds Get-, New-, Set- and Remove-CsHostingProvider); built-in PowerShell cmdlets live in
//! `cmdlets/builtin/`. Unknown keys are rejected so that a typo fails the build instead of
//! silently dropping a parameter.
//!
//! build.rs compiles this file too (it converts the YAML to JSON once, so that start-up does
//! not parse YAML): keep it free of crate-internal imports, and keep every field's
//! serialised form equal to what it deserialises from.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// `Lync`, `ServerManager`, `Microsoft.PowerShell.Utility`, … (Get-Command's Source column).
    pub module: String,
    /// Enumerations used by parameter types in this file: `VerificationLevelType: [AlwaysVerifiable, …]`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub enums: IndexMap<String, Vec<String>>,
    /// Object types the noun's cmdlets return or store (see [`ObjectDef`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<ObjectDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cmdlets: Vec<CmdletDef>,
    /// Command aliases this file defines, alias to cmdlet name (`select: Select-Object`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub aliases: IndexMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CmdletDef {
    pub name: String,
    /// Overrides the file's module for this cmdlet: Object.yaml holds Where-Object
    /// (`Microsoft.PowerShell.Core`) next to Select-Object (`Microsoft.PowerShell.Utility`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    pub synopsis: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The parameter set used when the given parameters fit several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_parameter_set: Option<String>,
    /// Adds the `-WhatIf` and `-Confirm` common parameters.
    #[serde(default, skip_serializing_if = "is_false")]
    pub supports_should_process: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<ParamDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ParamDef {
    pub name: String,
    /// A .NET-style type name: `String`, `String[]`, `Boolean`, `Int32`, `Int64`, `UInt16`, `UInt32`,
    /// `UInt64`, `Double`, `DateTime`, `SwitchParameter`, `ScriptBlock`, `Object`, `Object[]`,
    /// `PSObject`, `Hashtable`, `PSListModifier`, an identity type that binds as a string
    /// (`XdsIdentity`, `XdsGlobalRelativeIdentity`, `Fqdn`, `UserIdParameter`), or an enum
    /// named in the file's `enums` (append `[]` for a list of them).
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// 0-based position for positional binding, as `[Parameter(Position = 0)]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub mandatory: bool,
    /// Parameter sets the parameter belongs to; empty means every set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pipeline: Vec<PipelineBinding>,
    /// Allowed values (ValidateSet), when not already given by an enum type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Inclusive numeric range (ValidateRange).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(i64, i64)>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The default as Get-Help shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub wildcards: bool,
    /// `ValueFromRemainingArguments`: positional arguments left over after binding are
    /// collected into this parameter (`Write-Output a b c`, `Write-Host a b`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub remaining: bool,
}

impl ParamDef {
    /// A named, optional parameter of `type_name` in every set, with nothing else declared:
    /// the starting point when a definition is built from a `param()` block rather than YAML.
    pub fn new(name: impl Into<String>, type_name: impl Into<String>) -> Self {
        ParamDef {
            name: name.into(),
            type_name: type_name.into(),
            aliases: Vec::new(),
            position: None,
            mandatory: false,
            sets: Vec::new(),
            pipeline: Vec::new(),
            values: Vec::new(),
            range: None,
            description: String::new(),
            default: None,
            wildcards: false,
            remaining: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum PipelineBinding {
    ByValue,
    ByPropertyName,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The command line(s), exactly as a user types them.
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remarks: String,
    /// When present, running `code` against the default topology prints exactly this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
}

/// An object type that a noun stores in the document and returns from Get-: its .NET type
/// name, where the document keeps its instances, which identities (scopes) it accepts, and
/// its properties in the order the real cmdlet prints them, with defaults.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectDef {
    /// The noun the object belongs to, e.g. `CsHostingProvider`.
    pub noun: String,
    /// `Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DisplayHostingProvider`.
    pub type_name: String,
    /// The key under `configuration:` in the document, e.g. `hostingProviders`.
    pub collection: String,
    /// Allowed identity scopes: `global`, `site`, `service:<Role>`, `tag`, or `name` for
    /// global-relative identities such as a hosting provider's name or a domain.
    pub scopes: Vec<String>,
    pub properties: Vec<PropertyDef>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PropertyDef {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    /// The value a new instance gets (YAML scalar or list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(i64, i64)>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Fields left at their default are not written by build.rs's conversion: the embedded
/// catalog is a third smaller, and so faster to read at start-up.
fn is_false(value: &bool) -> bool {
    !value
}
