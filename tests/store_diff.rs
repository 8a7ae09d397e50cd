//! Structural diffs: objects added, removed and changed with Lync labels, configuration
//! objects named by their noun, and the unified YAML diff.

use lyncsh::topology::default_document;
use lyncsh::topology::diff::{count_changes, diff, object_changes, ChangeKind};
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

#[test]
fn entries_that_differ_list_removed_and_changed_objects_first_then_added_ones() {
    use lyncsh::topology::generate::{self, Spec};
    let old = generate::document(&Spec { sites: 3 });
    let mut new = old.clone();
    let pools = &mut new.topology.pools;
    let gone = pools[0].machines.remove(0);
    let mut fresh = pools[0].machines[0].clone();
    fresh.fqdn = "fe99.contoso.local".into();
    fresh.certificates.truncate(1);
    pools[0].machines.push(fresh);
    let removed_pool = pools.remove(1);
    pools[1].machines[0]
        .windows_features
        .push("Web-Http-Tracing".into());
    let mut added_pool = removed_pool.clone();
    added_pool.fqdn = "added.contoso.local".into();
    added_pool.machines.clear();
    added_pool.services = Default::default();
    pools.insert(0, added_pool);

    let changes = object_changes(&old, &new);
    let summary: Vec<(ChangeKind, String)> =
        changes.iter().map(|c| (c.kind, c.label.clone())).collect();
    let removed = |label: String| (ChangeKind::Removed, label);
    let mut expected = vec![removed(format!("Computer {}", gone.fqdn))];
    expected.extend(
        gone.certificates
            .iter()
            .map(|c| removed(format!("Certificate {} on {}", c.thumbprint, gone.fqdn))),
    );
    expected.push(removed(format!("Pool {}", removed_pool.fqdn)));
    let first_removed = expected.len();
    let changed_machine = &old.topology.pools[2].machines[0].fqdn;
    let changed_at = summary
        .iter()
        .position(|(_, label)| label == &format!("Computer {changed_machine}"))
        .expect("the changed computer is listed");
    assert_eq!(&summary[..first_removed], &expected[..]);
    assert!(summary[first_removed..changed_at]
        .iter()
        .all(|(kind, _)| *kind == ChangeKind::Removed));
    assert_eq!(summary[changed_at].0, ChangeKind::Changed);
    assert_eq!(
        summary[changed_at + 1..],
        [
            (ChangeKind::Added, "Pool added.contoso.local".to_string()),
            (ChangeKind::Added, "Computer fe99.contoso.local".to_string()),
            (
                ChangeKind::Added,
                format!(
                    "Certificate {} on fe99.contoso.local",
                    new.topology.pools[1].machines.last().unwrap().certificates[0].thumbprint
                )
            ),
        ]
    );
}

#[test]
fn counting_changes_agrees_with_listing_them() {
    use lyncsh::topology::generate::{self, Spec};
    let lab = default_document();
    let generated = generate::document(&Spec { sites: 2 });
    let mut changed = generated.clone();
    generate::change(&mut changed, 10);
    for (old, new) in [
        (&lab, &generated),
        (&generated, &lab),
        (&generated, &changed),
        (&lab, &lab),
    ] {
        assert_eq!(count_changes(old, new), object_changes(old, new).len());
    }
}

#[test]
fn large_documents_diff_as_small_as_myers_would() {
    use lyncsh::topology::generate::{self, Spec};
    use lyncsh::topology::unified::unified;
    let old = generate::document(&Spec { sites: 20 });
    let mut new = old.clone();
    generate::change(&mut new, 1);
    new.topology.pools.remove(3);
    let (a, b) = (old.content_yaml().unwrap(), new.content_yaml().unwrap());
    assert!(
        a.lines().count() > 4_000,
        "large enough for the anchored diff"
    );
    let ours = unified(&a, &b, "v2", "v3");
    let myers = similar::TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(3)
        .header("v2", "v3")
        .to_string();
    let changed = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with(['+', '-']) && !l.starts_with("+++") && !l.starts_with("---"))
            .count()
    };
    assert_eq!(changed(&ours), changed(&myers));
    assert_eq!(ours, myers);
}
