//! The cmdlet catalog: signatures, help and examples from `cmdlets/*.yaml`, compiled into the
//! binary. It drives binding, Get-Help, Get-Command and Tab completion.

pub mod comment_help;
pub mod help;
pub mod schema;

use std::collections::HashMap;
use std::sync::OnceLock;

use schema::{CatalogFile, CmdletDef, ObjectDef};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));
}

/// Parses every file, in order. Parsing the embedded catalog is most of a cold start's work,
/// so a large set is split by size between this thread and one more.
fn parse_all(files: &[(&str, &str)]) -> Vec<Result<CatalogFile, String>> {
    let parse = |&(_, text): &(&str, &str)| {
        serde_saphyr::from_str::<CatalogFile>(text).map_err(|e| e.to_string())
    };
    let total: usize = files.iter().map(|(_, text)| text.len()).sum();
    if files.len() < 8 {
        return files.iter().map(parse).collect();
    }
    let mut bytes = 0;
    let half = files
        .iter()
        .position(|(_, text)| {
            bytes += text.len();
            bytes >= total / 2
        })
        .map_or(files.len(), |i| i + 1);
    let (first, second) = files.split_at(half);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| second.iter().map(parse).collect::<Vec<_>>());
        let mut parsed: Vec<_> = first.iter().map(parse).collect();
        match other.join() {
            Ok(rest) => parsed.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        parsed
    })
}

/// A cmdlet definition with the module it belongs to.
#[derive(Clone, Debug)]
pub struct Entry {
    pub module: String,
    /// The catalog file it came from (`cmdlets/CsHostingProvider.yaml`).
    pub file: String,
    pub def: CmdletDef,
}

#[derive(Debug, Default)]
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
    /// The catalog compiled into this binary, parsed once on first use.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::from_files(embedded::CATALOG_FILES.iter().copied())
                .unwrap_or_else(|e| panic!("the embedded cmdlet catalog is invalid: {e}"))
        })
    }

    /// Parses and cross-checks a set of `(path, yaml)` files.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::default();
        let files: Vec<(&str, &str)> = files.into_iter().collect();
        for (&(path, _), parsed) in files.iter().zip(parse_all(&files)) {
            let invalid = |message: String| CatalogError::Invalid {
                file: path.to_string(),
                message,
            };
            let file = parsed.map_err(invalid)?;
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
                    file: path.to_string(),
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
