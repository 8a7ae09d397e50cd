//! The Lync part of the cmdlet catalog is self-consistent: every mutating cmdlet supports
//! -WhatIf/-Confirm, every cmdlet has help and an example, and every configuration noun's
//! object definition is usable by the generic noun. (Parameter types, of every module, are
//! checked in tests/catalog.rs.)

mod catalog_support;
mod lync_support;

use catalog_support::type_resolves;
use lync_support::MemoryDoc;
use lyncsh::catalog::Catalog;

fn lync_modules() -> [&'static str; 2] {
    ["Lync", "ServerManager"]
}

#[test]
fn mutating_lync_cmdlets_support_should_process_and_have_examples() {
    let catalog = Catalog::embedded();
    for entry in catalog.entries() {
        if !lync_modules().contains(&entry.module.as_str()) {
            continue;
        }
        let def = &entry.def;
        let verb = def.name.split('-').next().unwrap();
        if [
            "New", "Set", "Remove", "Grant", "Request", "Import", "Add", "Install",
        ]
        .contains(&verb)
            && !def.name.eq_ignore_ascii_case("New-CsWebLink")
            && !def.name.eq_ignore_ascii_case("Import-Module")
        {
            assert!(def.supports_should_process, "{} lacks -WhatIf", def.name);
        }
        assert!(!def.synopsis.is_empty(), "{} has no synopsis", def.name);
        assert!(!def.examples.is_empty(), "{} has no example", def.name);
        let positions: Vec<_> = def.parameters.iter().filter_map(|p| p.position).collect();
        if let Some(identity) = def.parameters.iter().find(|p| p.name == "Identity") {
            if identity.position.is_some() {
                assert_eq!(identity.position, Some(0), "{} Identity position", def.name);
            }
        }
        let mut sorted = positions.clone();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            positions.len(),
            "{} repeats a position",
            def.name
        );
    }
}

#[test]
fn configuration_objects_resolve_their_property_types_and_defaults() {
    let catalog = Catalog::embedded();
    for object in catalog.objects() {
        for p in &object.properties {
            let base = p.type_name.trim_end_matches("[]");
            let known = type_resolves(catalog, base)
                || catalog
                    .objects()
                    .iter()
                    .any(|o| o.type_name.ends_with(&format!(".{base}")));
            assert!(
                known,
                "{}.{}: unknown type {}",
                object.noun, p.name, p.type_name
            );
            if let (Some(values), Some(serde_json::Value::String(d))) =
                (catalog.enum_values(base), &p.default)
            {
                assert!(values.contains(d), "{}.{} default {d}", object.noun, p.name);
            }
        }
    }
}

#[test]
fn set_cs_hosting_provider_has_no_proxy_fqdn_and_set_cs_web_server_no_pipeline() {
    let catalog = Catalog::embedded();
    let set = catalog.find("Set-CsHostingProvider").unwrap();
    assert!(set.def.parameters.iter().all(|p| p.name != "ProxyFqdn"));
    let new = catalog.find("New-CsHostingProvider").unwrap();
    assert!(new.def.parameters.iter().any(|p| p.name == "ProxyFqdn"));
}

#[test]
fn every_lync_example_parses() {
    let catalog = Catalog::embedded();
    for entry in catalog.entries() {
        if !lync_modules().contains(&entry.module.as_str()) {
            continue;
        }
        for example in &entry.def.examples {
            // The seed's placeholder is text the admin replaces, as the remarks say.
            let code = example.code.replace("<Certificate Thumbprint>", "ABCDEF");
            assert!(
                lyncsh::lang::parse(&code).is_ok(),
                "{}: example does not parse: {code}",
                entry.def.name
            );
        }
    }
}

#[test]
fn every_lync_cmdlet_is_implemented() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let mut registry = lyncsh::engine::registry::Registry::new();
    let doc = Rc::new(RefCell::new(MemoryDoc::new(
        lyncsh::topology::default_document(),
    )));
    let _computer = lyncsh::cmdlets::lync::register_with(&mut registry, doc);
    let catalog = Catalog::embedded();
    let mine = |file: &str| {
        let name = file.rsplit('/').next().unwrap_or(file);
        // Built-ins (cmdlets/builtin/, e.g. Csv.yaml) are not Lync nouns.
        (!file.contains("/builtin/") && name.starts_with("Cs") && !name.starts_with("CsTopology"))
            || [
                "WindowsFeature.yaml",
                "Module.yaml",
                "ServerManagerCmd.yaml",
            ]
            .contains(&name)
    };
    let missing: Vec<&str> = catalog
        .entries()
        .iter()
        .filter(|e| mine(&e.file) && registry.get(&e.def.name).is_none())
        .map(|e| e.def.name.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "catalog cmdlets without behaviour: {missing:?}"
    );
}
