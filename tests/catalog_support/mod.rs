//! What the catalog tests agree a parameter or property type may be.

use lyncsh::catalog::Catalog;

/// The built-in parameter types listed in `catalog::schema::ParamDef::type_name`'s doc.
pub const BUILTIN_TYPES: &[&str] = &[
    "String",
    "Boolean",
    "Int32",
    "Int64",
    "UInt16",
    "UInt32",
    "UInt64",
    "Double",
    "DateTime",
    "SwitchParameter",
    "ScriptBlock",
    "Object",
    "PSObject",
    "Hashtable",
    "PSListModifier",
    "XdsIdentity",
    "XdsGlobalRelativeIdentity",
    "Fqdn",
    "UserIdParameter",
];

/// A built-in type or one of the catalog's enums, either possibly as an array (`String[]`).
pub fn type_resolves(catalog: &Catalog, type_name: &str) -> bool {
    let base = type_name.trim_end_matches("[]");
    BUILTIN_TYPES.contains(&base) || catalog.enum_values(base).is_some()
}
