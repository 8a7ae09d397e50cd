//! Structural diffs: objects added, removed and changed with Lync labels, configuration
//! objects named by their noun, and the unified YAML diff.

use lyncsh::topology::default_document;
use lyncsh::topology::diff::{diff, object_changes, ChangeKind};
use serde_json::json;

#[test]
fn identical_documents_have_no_changes() {
    let doc = default_document();
    let d = diff(&doc, &doc, "a", "b").unwrap();
    assert!(d.is_empty());
    assert_eq!(d.unified, "");
}

#[test]
fn added_configuration_objects_are_labelled_by_noun_and_identity() {
    let old = default_document();
    let mut new = old.clone();
    let provider = [
        ("Identity", json!("LyncOnline")),
        ("Enabled", json!(true)),
        ("ProxyFqdn", json!("sipfed.online.lync.com")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    new.configuration
        .insert("hostingProviders".into(), vec![provider]);
    let changes = object_changes(&old, &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Added);
    assert_eq!(changes[0].label, "HostingProvider LyncOnline");
    assert_eq!(
        changes[0].path,
        "configuration.hostingProviders[LyncOnline]"
    );
    let names: Vec<&str> = changes[0]
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Identity", "Enabled", "ProxyFqdn"]);
    assert!(changes[0].properties.iter().all(|p| p.old.is_none()));
    // ...and the other way round it is removed.
    let back = object_changes(&new, &old);
    assert_eq!(
        (back[0].kind, back[0].label.as_str()),
        (ChangeKind::Removed, "HostingProvider LyncOnline")
    );
}

#[test]
fn nested_objects_change_separately_from_their_parents() {
    let old = default_document();
    let mut new = old.clone();
    let fe = new.topology.machine_mut("lyncserver.jacobs.local").unwrap();
    fe.windows_features.push("Web-Dyn-Compression".into());
    fe.certificates[0]
        .alternative_names
        .push("lyncdiscoverinternal.jacobs.com".into());
    new.topology
        .dns_records
        .push(lyncsh::topology::model::DnsRecord {
            zone: lyncsh::topology::model::DnsZone::External,
            name: "lyncdiscover.jacobs.com".into(),
            record_type: lyncsh::topology::model::DnsRecordType::A,
            target: "203.0.113.20".into(),
            port: None,
        });
    let d = diff(&old, &new, "v1", "draft").unwrap();
    let labels: Vec<(ChangeKind, &str)> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (ChangeKind::Changed, "Computer lyncserver.jacobs.local"),
            (
                ChangeKind::Changed,
                "Certificate F14C49897B1AE5C91DF8E725FB31175EC3C50AD3 on lyncserver.jacobs.local"
            ),
            (
                ChangeKind::Added,
                "DnsRecord External lyncdiscover.jacobs.com A"
            ),
        ]
    );
    assert_eq!(d.changes[0].properties[0].name, "WindowsFeatures");
    assert!(
        d.unified.contains("\n+      - Web-Dyn-Compression\n"),
        "{}",
        d.unified
    );
    assert!(d.unified.starts_with("--- v1\n+++ draft\n"));
}

#[test]
fn records_sharing_a_name_are_told_apart_by_order() {
    let old = default_document();
    let mut new = old.clone();
    let mut second = new.topology.dns_records[0].clone();
    second.target = "192.168.1.21".into();
    new.topology.dns_records.push(second);
    let changes = object_changes(&old, &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].label,
        "DnsRecord Internal lyncserver.jacobs.local A #2"
    );
    assert_eq!(changes[0].kind, ChangeKind::Added);
}

#[test]
fn the_diff_names_what_it_compared() {
    let doc = default_document();
    let d = diff(&doc, &doc, "v1", "draft (based on v1)").unwrap();
    assert_eq!(
        (d.old_name.as_str(), d.new_name.as_str()),
        ("v1", "draft (based on v1)")
    );
}
