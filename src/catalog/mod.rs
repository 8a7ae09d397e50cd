//! The cmdlet catalog: signatures, help and examples from `cmdlets/*.yaml`, compiled into the
//! binary. It drives binding, Get-Help, Get-Command and Tab completion.

pub mod comment_help;
pub mod help;
pub mod schema;

use std::collections::HashMap;
use std::sync::OnceLock;

use schema::{CatalogFile, CmdletDef, ObjectDef};

/// The catalog as build.rs converted it from `cmdlets/**/*.yaml`: `[[path, CatalogFile], …]`.
static EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

/// A cmdlet definition with the module it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub module: String,
    /// The catalog file it came from (`cmdlets/CsHostingProvider.yaml`).
    pub file: String,
    pub def: CmdletDef,
}

#[derive(Debug, Default, PartialEq)]
pub struct Catalog {
    entries: Vec<Entry>,
    by_name: HashMap<String, usize>,
    enums: HashMap<String, Vec<String>>,
    objects: Vec<ObjectDef>,
    /// Alias (lower-cased) to (alias as spelled, cmdlet name), in file order.
    aliases: indexmap::IndexMap<String, (String, String)>,
}

/// A catalog file that does not parse or contradicts another: a build or test failure,
/// never something a user sees at run time (the embedded catalog is checked by tests).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

impl Catalog {
    /// The catalog compiled into this binary, read once on first use. The YAML was parsed and
    /// checked against the schema by build.rs; the cross-file checks run here, and the tests
    /// that read the embedded catalog make sure they pass.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            serde_json::from_str::<Vec<(String, CatalogFile)>>(EMBEDDED_JSON)
                .map_err(|e| CatalogError::Invalid {
                    file: "catalog.json".to_string(),
                    message: e.to_string(),
                })
                .and_then(Catalog::from_parsed)
                .unwrap_or_else(|e| panic!("the embedded cmdlet catalog is invalid: {e}"))
        })
    }

    /// Parses and cross-checks a set of `(path, yaml)` files.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Catalog, CatalogError> {
        let parsed = files
            .into_iter()
            .map(|(path, text)| {
                serde_saphyr::from_str::<CatalogFile>(text)
                    .map(|file| (path.to_string(), file))
                    .map_err(|e| CatalogError::Invalid {
                        file: path.to_string(),
                        message: e.to_string(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Catalog::from_parsed(parsed)
    }

    /// Merges parsed `(path, file)` pairs in order, rejecting an enum, alias or cmdlet that
    /// two files define.
    fn from_parsed(
        files: impl IntoIterator<Item = (String, CatalogFile)>,
    ) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::default();
        for (path, file) in files {
            let invalid = |message: String| CatalogError::Invalid {
                file: path.clone(),
                message,
            };
            for (name, values) in file.enums {
                if catalog.enums.insert(name.clone(), values).is_some() {
                    return Err(invalid(format!("enum {name} is defined twice")));
                }
            }
            catalog.objects.extend(file.objects);
            for (alias, target) in file.aliases {
                let key = alias.to_ascii_lowercase();
                if catalog
                    .aliases
                    .insert(key, (alias.clone(), target))
                    .is_some()
                {
                    return Err(invalid(format!("alias {alias} is defined twice")));
                }
            }
            for def in file.cmdlets {
                let key = def.name.to_ascii_lowercase();
                if catalog.by_name.contains_key(&key) {
                    return Err(invalid(format!("cmdlet {} is defined twice", def.name)));
                }
                catalog.by_name.insert(key, catalog.entries.len());
                catalog.entries.push(Entry {
                    module: def.module.clone().unwrap_or_else(|| file.module.clone()),
                    file: path.clone(),
                    def,
                });
            }
        }
        Ok(catalog)
    }

    /// Case-insensitive lookup by full cmdlet name.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.by_name
            .get(&name.to_ascii_lowercase())
            .map(|&i| &self.entries[i])
    }

    /// Every cmdlet, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The values of an enum parameter type (`VerificationLevelType`, or `CertType[]`'s
    /// element type).
    pub fn enum_values(&self, type_name: &str) -> Option<&[String]> {
        self.enums
            .get(type_name.trim_end_matches("[]"))
            .map(Vec::as_slice)
    }

    /// Object definitions for a noun (`CsHostingProvider`).
    pub fn objects(&self) -> &[ObjectDef] {
        &self.objects
    }

    pub fn object(&self, noun: &str) -> Option<&ObjectDef> {
        self.objects
            .iter()
            .find(|o| o.noun.eq_ignore_ascii_case(noun))
    }

    /// The cmdlet a built-in alias stands for (`?` → `Where-Object`), case-insensitively.
    pub fn resolve_alias(&self, name: &str) -> Option<&str> {
        self.aliases
            .get(&name.to_ascii_lowercase())
            .map(|(_, target)| target.as_str())
    }

    /// Every built-in alias as (alias, cmdlet name), in catalog order.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.aliases.values().map(|(a, t)| (a.as_str(), t.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The YAML texts build.rs converted; only tests embed them.
    mod sources {
        include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));
    }

    #[test]
    fn embedded_catalog_equals_the_yaml_parsed_at_run_time() {
        let embedded = Catalog::embedded();
        let yaml = Catalog::from_files(sources::CATALOG_FILES.iter().copied()).unwrap();
        // Piece by piece first, so that a drift names the cmdlet or object instead of
        // printing both catalogs whole.
        assert_eq!(embedded.entries.len(), yaml.entries.len());
        for (a, b) in embedded.entries.iter().zip(&yaml.entries) {
            assert_eq!(a, b, "{} differs", b.def.name);
        }
        for (a, b) in embedded.objects.iter().zip(&yaml.objects) {
            assert_eq!(a, b, "{} differs", b.noun);
        }
        assert_eq!(embedded, &yaml);
    }

    #[test]
    fn a_cmdlet_defined_in_two_files_is_rejected_with_the_second_file() {
        let one = "module: Lync\ncmdlets:\n  - name: Get-CsThing\n    synopsis: Gets.\n";
        let err = Catalog::from_files([("a.yaml", one), ("b.yaml", one)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "b.yaml: cmdlet Get-CsThing is defined twice"
        );
    }

    #[test]
    fn a_yaml_error_names_the_file_and_line() {
        let bad = "module: Lync\ncmdlets:\n  - name: Get-CsThing\n    synopsis: [\n";
        let err = Catalog::from_files([("bad.yaml", bad)])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bad.yaml: "), "{err}");
        assert!(err.contains("line"), "{err}");
    }
}
