//! What changed between two documents: a change list by object (added, removed, changed, with
//! each changed property's old and new value) and a unified diff of the YAML. Pure data; the
//! text, JSON and Markdown renderings belong to the commands that print them.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::Document;
use super::services::lync_property_name;
use super::yaml::YamlError;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    /// What was compared: `v1`, `draft (based on v2)`.
    pub old_name: String,
    pub new_name: String,
    pub changes: Vec<ObjectChange>,
    /// `git diff`-style unified diff of the two documents' YAML (headers left out).
    pub unified: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectChange {
    pub kind: ChangeKind,
    /// How Lync admins name the object: `WebServer:lyncserver.jacobs.local`,
    /// `HostingProvider LyncOnline`, `Site:London`.
    pub label: String,
    /// Where it is in the document: `topology.pools[lyncserver.jacobs.local].services.webServer`.
    pub path: String,
    /// For a changed object its changed properties; for an added or removed one all of them.
    pub properties: Vec<PropertyChange>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PropertyChange {
    /// The property as Lync names it (`McxSipPrimaryListeningPort`), not the document key.
    pub name: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares `old` with `new`; `old_name` and `new_name` head the unified diff.
pub fn diff(
    old: &Document,
    new: &Document,
    old_name: &str,
    new_name: &str,
) -> Result<Diff, YamlError> {
    let changes = object_changes(old, new);
    let (a, b) = (old.content_yaml()?, new.content_yaml()?);
    let unified = if a == b {
        String::new()
    } else {
        similar::TextDiff::from_lines(&a, &b)
            .unified_diff()
            .context_radius(3)
            .header(old_name, new_name)
            .to_string()
    };
    Ok(Diff {
        old_name: old_name.to_string(),
        new_name: new_name.to_string(),
        changes,
        unified,
    })
}

/// The object change list alone (cheap enough for the REPL prompt's change count).
pub fn object_changes(old: &Document, new: &Document) -> Vec<ObjectChange> {
    let before = objects(old);
    let after = objects(new);
    // Paths are unique within a document; index them so large topologies diff in linear time.
    let after_by_path: HashMap<&str, &Object> =
        after.iter().map(|o| (o.path.as_str(), o)).collect();
    let before_paths: HashSet<&str> = before.iter().map(|o| o.path.as_str()).collect();
    let mut changes = Vec::new();
    for o in &before {
        match after_by_path.get(o.path.as_str()) {
            None => changes.push(whole_object(ChangeKind::Removed, o)),
            Some(n) => {
                let properties = property_changes(&o.props, &n.props);
                if !properties.is_empty() {
                    changes.push(ObjectChange {
                        kind: ChangeKind::Changed,
                        label: n.label.clone(),
                        path: n.path.clone(),
                        properties,
                    });
                }
            }
        }
    }
    for n in &after {
        if !before_paths.contains(n.path.as_str()) {
            changes.push(whole_object(ChangeKind::Added, n));
        }
    }
    changes
}

/// An added or removed object: every property, on the side it exists.
fn whole_object(kind: ChangeKind, o: &Object) -> ObjectChange {
    let properties = o
        .props
        .iter()
        .map(|(k, v)| {
            let (old, new) = match kind {
                ChangeKind::Removed => (Some(v.clone()), None),
                _ => (None, Some(v.clone())),
            };
            PropertyChange {
                name: lync_property_name(k),
                old,
                new,
            }
        })
        .collect();
    ObjectChange {
        kind,
        label: o.label.clone(),
        path: o.path.clone(),
        properties,
    }
}

fn property_changes(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<PropertyChange> {
    let mut out = Vec::new();
    for (k, v) in old {
        match new.get(k) {
            Some(nv) if nv == v => {}
            nv => out.push(PropertyChange {
                name: lync_property_name(k),
                old: Some(v.clone()),
                new: nv.cloned(),
            }),
        }
    }
    for (k, v) in new {
        if !old.contains_key(k) {
            out.push(PropertyChange {
                name: lync_property_name(k),
                old: None,
                new: Some(v.clone()),
            });
        }
    }
    out
}

/// One addressable object of a document with its own (non-object) properties.
struct Object {
    path: String,
    label: String,
    props: Map<String, Value>,
}

fn objects(doc: &Document) -> Vec<Object> {
    let mut out = Vec::new();
    let topology = serde_json::to_value(&doc.topology).unwrap_or(Value::Null);
    let list = |key: &str| -> Vec<Map<String, Value>> {
        match topology.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_object().cloned())
                .collect(),
            _ => Vec::new(),
        }
    };
    for d in list("sipDomains") {
        let name = text(&d, "name");
        out.push(object(
            format!("topology.sipDomains[{name}]"),
            format!("SipDomain {name}"),
            d,
        ));
    }
    for s in list("sites") {
        let name = text(&s, "name");
        out.push(object(
            format!("topology.sites[{name}]"),
            format!("Site:{name}"),
            s,
        ));
    }
    for mut pool in list("pools") {
        let fqdn = text(&pool, "fqdn");
        let path = format!("topology.pools[{fqdn}]");
        let machines = pool.remove("machines");
        let services = pool.remove("services");
        out.push(object(path.clone(), format!("Pool {fqdn}"), pool));
        for mut machine in items(machines) {
            let m = text(&machine, "fqdn");
            let mpath = format!("{path}.machines[{m}]");
            let certificates = machine.remove("certificates");
            out.push(object(mpath.clone(), format!("Computer {m}"), machine));
            for cert in items(certificates) {
                let t = text(&cert, "thumbprint");
                out.push(object(
                    format!("{mpath}.certificates[{t}]"),
                    format!("Certificate {t} on {m}"),
                    cert,
                ));
            }
        }
        if let Some(Value::Object(services)) = services {
            for (key, service) in services {
                if let Value::Object(props) = service {
                    let role = super::services::lync_property_name(&key);
                    out.push(object(
                        format!("{path}.services.{key}"),
                        format!("{role}:{fqdn}"),
                        props,
                    ));
                }
            }
        }
    }
    for u in list("simpleUrls") {
        let (c, d) = (text(&u, "component"), text(&u, "domain"));
        out.push(object(
            format!("topology.simpleUrls[{c} {d}]"),
            format!("SimpleUrl {c} {d}"),
            u,
        ));
    }
    // Records sharing zone, name and type (round-robin A records) are told apart by order.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in list("dnsRecords") {
        let key = format!(
            "{} {} {}",
            text(&r, "zone"),
            text(&r, "name"),
            text(&r, "type")
        );
        let nth = {
            let count = seen.entry(key.clone()).or_default();
            *count += 1;
            *count
        };
        let key = if nth > 1 {
            format!("{key} #{nth}")
        } else {
            key
        };
        out.push(object(
            format!("topology.dnsRecords[{key}]"),
            format!("DnsRecord {key}"),
            r,
        ));
    }
    for r in list("reverseProxyRules") {
        let name = text(&r, "name");
        out.push(object(
            format!("topology.reverseProxyRules[{name}]"),
            format!("PublishingRule {name}"),
            r,
        ));
    }
    for (collection, instances) in &doc.configuration {
        let noun = collection_noun(collection);
        for instance in instances {
            let identity = instance.get("Identity").map(value_text).unwrap_or_default();
            let props: Map<String, Value> = instance
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            out.push(object(
                format!("configuration.{collection}[{identity}]"),
                format!("{noun} {identity}"),
                props,
            ));
        }
    }
    out
}

fn object(path: String, label: String, props: Map<String, Value>) -> Object {
    Object { path, label, props }
}

fn items(value: Option<Value>) -> Vec<Map<String, Value>> {
    match value {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key).map(value_text).unwrap_or_default()
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `hostingProviders` → `HostingProvider`, from the catalog's object definitions (the noun
/// without its `Cs` prefix); a collection the catalog does not know is capitalised and a
/// plural `s` dropped.
fn collection_noun(collection: &str) -> String {
    let catalog = crate::catalog::Catalog::embedded();
    if let Some(def) = catalog
        .objects()
        .iter()
        .find(|o| o.collection == collection)
    {
        return def.noun.strip_prefix("Cs").unwrap_or(&def.noun).to_string();
    }
    let noun = super::services::lync_property_name(collection);
    match noun.strip_suffix('s') {
        Some(singular) if !singular.ends_with('s') => singular.to_string(),
        _ => noun,
    }
}
