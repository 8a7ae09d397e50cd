//! Guards every `cmdlets/**/*.yaml` file: it parses, each parameter type is known, positions
//! are unique within a parameter set, names and aliases are unambiguous, and aliases point at
//! cmdlets that exist. A mistake here fails the build's tests, never a user's session.

mod catalog_support;

use std::collections::HashMap;

use catalog_support::type_resolves;
use lyncsh::catalog::help::parameter_sets;
use lyncsh::catalog::Catalog;

/// The common parameters the binder adds to every cmdlet.
const COMMON: &[&str] = &[
    "Verbose",
    "Debug",
    "ErrorAction",
    "WarningAction",
    "ErrorVariable",
    "WarningVariable",
    "OutVariable",
    "OutBuffer",
    "PipelineVariable",
    "InformationAction",
    "InformationVariable",
    "WhatIf",
    "Confirm",
];

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

#[test]
fn every_catalog_file_parses() {
    // `embedded()` panics on an invalid file; reaching the count means all parsed.
    assert!(!catalog().entries().is_empty());
}

#[test]
fn every_parameter_type_resolves() {
    let mut unknown = Vec::new();
    for e in catalog().entries() {
        for p in &e.def.parameters {
            if !type_resolves(catalog(), &p.type_name) {
                unknown.push(format!(
                    "{}: {} -{} <{}>",
                    e.file, e.def.name, p.name, p.type_name
                ));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "unknown parameter types:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn positions_are_unique_within_each_parameter_set() {
    let mut clashes = Vec::new();
    for e in catalog().entries() {
        for set in parameter_sets(e) {
            let mut seen: HashMap<u32, &str> = HashMap::new();
            for p in &e.def.parameters {
                let in_set =
                    p.sets.is_empty() || p.sets.iter().any(|s| s.eq_ignore_ascii_case(&set));
                if let (true, Some(pos)) = (in_set, p.position) {
                    if let Some(other) = seen.insert(pos, &p.name) {
                        clashes.push(format!(
                            "{}: {} set {set}: -{other} and -{} both at position {pos}",
                            e.file, e.def.name, p.name
                        ));
                    }
                }
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn parameter_names_and_aliases_are_unambiguous() {
    let mut problems = Vec::new();
    for e in catalog().entries() {
        let mut seen: HashMap<String, String> = HashMap::new();
        let with_common = e.def.parameters.iter().flat_map(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(move |n| (n.clone(), p.name.clone()))
        });
        for (name, owner) in with_common {
            if COMMON.iter().any(|c| c.eq_ignore_ascii_case(&name)) {
                problems.push(format!(
                    "{}: -{name} clashes with a common parameter",
                    e.def.name
                ));
            }
            if let Some(prev) = seen.insert(name.to_ascii_lowercase(), owner.clone()) {
                problems.push(format!(
                    "{}: {name} is used by both -{prev} and -{owner}",
                    e.def.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn default_parameter_sets_exist() {
    for e in catalog().entries() {
        if let Some(d) = &e.def.default_parameter_set {
            let declared = e
                .def
                .parameters
                .iter()
                .any(|p| p.sets.iter().any(|s| s == d));
            assert!(declared, "{}: default set {d} has no parameter", e.def.name);
        }
    }
}

#[test]
fn aliases_point_at_catalog_cmdlets_and_do_not_shadow_them() {
    for (alias, target) in catalog().aliases() {
        assert!(
            catalog().find(target).is_some(),
            "alias {alias} -> unknown {target}"
        );
        assert!(
            catalog().find(alias).is_none(),
            "alias {alias} shadows a cmdlet"
        );
    }
    assert_eq!(catalog().resolve_alias("FT"), Some("Format-Table"));
    assert_eq!(catalog().resolve_alias("?"), Some("Where-Object"));
    assert_eq!(catalog().resolve_alias("Format-Table"), None);
}

#[test]
fn every_cmdlet_has_a_synopsis_and_an_example() {
    for e in catalog().entries() {
        assert!(
            !e.def.synopsis.trim().is_empty(),
            "{} has no synopsis",
            e.def.name
        );
        assert!(!e.def.examples.is_empty(), "{} has no example", e.def.name);
    }
}

#[test]
fn modules_follow_windows_powershell() {
    let module = |n: &str| catalog().find(n).map(|e| e.module.as_str());
    assert_eq!(module("Where-Object"), Some("Microsoft.PowerShell.Core"));
    assert_eq!(
        module("Select-Object"),
        Some("Microsoft.PowerShell.Utility")
    );
}
