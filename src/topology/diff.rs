//! What changed between two documents: a change list by object (added, removed, changed, with
//! each changed property's old and new value) and a unified diff of the YAML. Pure data; the
//! text, JSON and Markdown renderings belong to the commands that print them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::{
    ConfigObject, DnsRecord, Document, Pool, PublishingRule, SimpleUrl, SipDomain, Site,
};
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
    Ok(Diff {
        old_name: old_name.to_string(),
        new_name: new_name.to_string(),
        changes,
        unified: super::unified::unified(&a, &b, old_name, new_name),
    })
}

/// The object change list alone: objects removed or changed in `old`'s order, then objects
/// added in `new`'s.
pub fn object_changes(old: &Document, new: &Document) -> Vec<ObjectChange> {
    let mut changes = Vec::new();
    // Objects added inside an entry that exists on both sides, by the entry's path.
    let mut added_inside: HashMap<String, Vec<ObjectChange>> = HashMap::new();
    walk(old, new, |step| match step {
        Step::Gone(o) => changes.extend(
            o.objects()
                .iter()
                .map(|obj| whole_object(ChangeKind::Removed, obj)),
        ),
        Step::Differs(o, n) => {
            let added = compare_objects(&o.objects(), &n.objects(), &mut changes);
            added_inside.insert(n.path(), added);
        }
        Step::DiffersAgain(n) => changes.extend(added_inside.remove(&n.path()).unwrap_or_default()),
        Step::New(n) => changes.extend(
            n.objects()
                .iter()
                .map(|obj| whole_object(ChangeKind::Added, obj)),
        ),
    });
    changes
}

/// `object_changes(old, new).len()`, without turning objects that exist on one side only
/// into JSON (publishing a whole new deployment adds every object).
pub fn count_changes(old: &Document, new: &Document) -> usize {
    let mut count = 0;
    walk(old, new, |step| match step {
        Step::Gone(e) | Step::New(e) => count += e.object_count(),
        Step::Differs(o, n) => {
            let mut changes = Vec::new();
            let added = compare_objects(&o.objects(), &n.objects(), &mut changes);
            count += changes.len() + added.len();
        }
        Step::DiffersAgain(_) => {}
    });
    count
}

/// What [`walk`] found for an entry.
enum Step<'e, 'a> {
    /// Only in the old document.
    Gone(&'e Entry<'a>),
    /// On both sides and different: met in the old document's order...
    Differs(&'e Entry<'a>, &'e Entry<'a>),
    /// ...and again, as the new entry, in the new document's order.
    DiffersAgain(&'e Entry<'a>),
    /// Only in the new document.
    New(&'e Entry<'a>),
}

/// Visits the entries that differ: the old document's in its order, then the new one's in
/// its order. Entries are matched by section and key and compared typed, which is cheap.
/// Both documents keep their order, so an entry's counterpart is nearly always at the same
/// position, or as far off as the previous one was (after an insertion or removal): the
/// position is tried first, and an index of the new entries is built only when it fails.
fn walk(old: &Document, new: &Document, mut visit: impl FnMut(Step<'_, '_>)) {
    let before = entries(old);
    let after = entries(new);
    let mut index: Option<HashMap<(Section, &str), usize>> = None;
    let mut matched = vec![false; after.len()];
    let mut differs = vec![false; after.len()];
    let mut offset = 0isize;
    for (i, o) in before.iter().enumerate() {
        let guess = i.checked_add_signed(offset).filter(|&j| j < after.len());
        let found = match guess {
            Some(j) if after[j].id() == o.id() => Some(j),
            _ => {
                // Reversed, so that the first of duplicated keys wins.
                let index = index.get_or_insert_with(|| {
                    after
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(j, e)| (e.id(), j))
                        .collect()
                });
                let found = index.get(&o.id()).copied();
                if let Some(j) = found {
                    offset = j as isize - i as isize;
                }
                found
            }
        };
        match found {
            Some(j) => {
                matched[j] = true;
                if after[j].item != o.item {
                    differs[j] = true;
                    visit(Step::Differs(o, &after[j]));
                }
            }
            None => visit(Step::Gone(o)),
        }
    }
    for (j, n) in after.iter().enumerate() {
        if !matched[j] {
            visit(Step::New(n));
        } else if differs[j] {
            visit(Step::DiffersAgain(n));
        }
    }
}

/// Compares the objects of one entry on both sides: pushes the removed and changed ones onto
/// `changes` and returns the added ones.
fn compare_objects(
    before: &[Object],
    after: &[Object],
    changes: &mut Vec<ObjectChange>,
) -> Vec<ObjectChange> {
    let after_by_path: HashMap<&str, &Object> =
        after.iter().map(|o| (o.path.as_str(), o)).collect();
    let before_paths: HashSet<&str> = before.iter().map(|o| o.path.as_str()).collect();
    for o in before {
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
    after
        .iter()
        .filter(|n| !before_paths.contains(n.path.as_str()))
        .map(|n| whole_object(ChangeKind::Added, n))
        .collect()
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

/// A top-level entry of a document: a SIP domain, a site, a pool with its machines and
/// services, a simple URL, a DNS record, a publishing rule or a settings instance. Entries
/// are compared typed first and only those that differ are turned into JSON objects, since
/// converting a 10,000-server document to JSON took half a second.
struct Entry<'a> {
    section: Section<'a>,
    /// How the entry is named in its path and labels: `London`, `LyncOnline`.
    key: Cow<'a, str>,
    item: Item<'a>,
}

/// The list an entry is in: `topology.pools`, or a settings collection.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Section<'a> {
    Topology(&'static str),
    Configuration(&'a str),
}

#[derive(PartialEq)]
enum Item<'a> {
    SipDomain(&'a SipDomain),
    Site(&'a Site),
    Pool(&'a Pool),
    SimpleUrl(&'a SimpleUrl),
    DnsRecord(&'a DnsRecord),
    Rule(&'a PublishingRule),
    Setting(&'a str, &'a ConfigObject),
}

fn entries(doc: &Document) -> Vec<Entry<'_>> {
    let t = &doc.topology;
    let mut out = Vec::new();
    let mut push = |section, key, item| out.push(Entry { section, key, item });
    let topology = Section::Topology;
    for d in &t.sip_domains {
        push(
            topology("topology.sipDomains"),
            name(&d.name),
            Item::SipDomain(d),
        );
    }
    for s in &t.sites {
        push(topology("topology.sites"), name(&s.name), Item::Site(s));
    }
    for p in &t.pools {
        push(topology("topology.pools"), name(&p.fqdn), Item::Pool(p));
    }
    for u in &t.simple_urls {
        let key = format!("{} {}", name_of(&u.component), u.domain);
        push(
            topology("topology.simpleUrls"),
            key.into(),
            Item::SimpleUrl(u),
        );
    }
    // Records sharing zone, name and type (round-robin A records) are told apart by order.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in &t.dns_records {
        let key = format!(
            "{} {} {}",
            name_of(&r.zone),
            r.name,
            name_of(&r.record_type)
        );
        let count = seen.entry(key.clone()).or_default();
        *count += 1;
        let key = match *count {
            1 => key,
            nth => format!("{key} #{nth}"),
        };
        push(
            topology("topology.dnsRecords"),
            key.into(),
            Item::DnsRecord(r),
        );
    }
    for r in &t.reverse_proxy_rules {
        push(
            topology("topology.reverseProxyRules"),
            name(&r.name),
            Item::Rule(r),
        );
    }
    for (collection, instances) in &doc.configuration {
        for instance in instances {
            let identity = match instance.get("Identity") {
                Some(Value::String(s)) => name(s),
                Some(other) => other.to_string().into(),
                None => "".into(),
            };
            push(
                Section::Configuration(collection),
                identity,
                Item::Setting(collection, instance),
            );
        }
    }
    out
}

fn name(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

impl Entry<'_> {
    /// What matches an entry with its counterpart in the other document.
    fn id(&self) -> (Section<'_>, &str) {
        (self.section, &self.key)
    }

    /// Where it is in the document: `topology.pools[pool01.contoso.local]`.
    fn path(&self) -> String {
        match self.section {
            Section::Topology(list) => format!("{list}[{}]", self.key),
            Section::Configuration(collection) => {
                format!("configuration.{collection}[{}]", self.key)
            }
        }
    }
}

impl Entry<'_> {
    /// The entry's objects with their properties: itself, and for a pool its machines,
    /// their certificates and its services.
    fn objects(&self) -> Vec<Object> {
        let (path, key) = (self.path(), &*self.key);
        let single =
            |label: String, props: Map<String, Value>| vec![object(path.clone(), label, props)];
        match self.item {
            Item::SipDomain(d) => single(format!("SipDomain {key}"), props_of(d)),
            Item::Site(s) => single(format!("Site:{key}"), props_of(s)),
            Item::SimpleUrl(u) => single(format!("SimpleUrl {key}"), props_of(u)),
            Item::DnsRecord(r) => single(format!("DnsRecord {key}"), props_of(r)),
            Item::Rule(r) => single(format!("PublishingRule {key}"), props_of(r)),
            Item::Setting(collection, instance) => single(
                format!("{} {key}", collection_noun(collection)),
                instance
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            Item::Pool(pool) => pool_objects(path.clone(), key, props_of(pool)),
        }
    }
}

impl Entry<'_> {
    /// How many objects [`Entry::objects`] lists.
    fn object_count(&self) -> usize {
        match self.item {
            Item::Pool(pool) => {
                let machines: usize = pool.machines.iter().map(|m| 1 + m.certificates.len()).sum();
                1 + machines + props_of(&pool.services).len()
            }
            _ => 1,
        }
    }
}

/// A pool, then each machine followed by its certificates, then each service.
fn pool_objects(path: String, fqdn: &str, mut pool: Map<String, Value>) -> Vec<Object> {
    let mut out = Vec::new();
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
                let role = lync_property_name(&key);
                out.push(object(
                    format!("{path}.services.{key}"),
                    format!("{role}:{fqdn}"),
                    props,
                ));
            }
        }
    }
    out
}

/// An object's properties as the document writes them.
fn props_of<T: Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// An enum value as the document writes it (`Internal`, `SRV`).
fn name_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .map(|v| value_text(&v))
        .unwrap_or_default()
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
