//! Lookups by name into the draft, for statements that each touch one object of a large
//! deployment. Scanning the document once per statement makes a script cost the product of
//! its length and the deployment's size; these indexes make a statement's lookups cost the
//! same whatever the size.
//!
//! A [`DocIndex`] belongs to whatever holds the draft (`cmdlets::lync::DocHost`) and
//! describes the draft of one *generation*: an edit the holder cannot see in detail moves the
//! generation on, which empties the index, and each part of it is rebuilt at its next use.
//! The edits scripts repeat most (a configuration object stored or removed, a service's
//! settings changed) instead report what they changed through [`DocIndex::follow`] and the
//! update methods, so the index stays valid across them at a cost independent of the
//! document's size.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value as Json;

use super::model::{site_name, ConfigObject, Configuration, Pool, Site, Topology};
use super::services::{Role, ServiceRef};

/// The property that names a configuration object (`Global`, `site:London`, a domain).
pub const IDENTITY: &str = "Identity";

/// A configuration object's property as text; empty when missing or not a string.
pub fn property<'a>(obj: &'a ConfigObject, key: &str) -> &'a str {
    // Identity is stored first: reading it there skips hashing the key, which dominated
    // scans of collections with thousands of instances.
    let value = match obj.get_index(0) {
        Some((first, value)) if first == key => Some(value),
        _ => obj.get(key),
    };
    value.and_then(Json::as_str).unwrap_or_default()
}

/// Positions in a list by lower-cased name, ascending. Lower-casing makes map equality the
/// `eq_ignore_ascii_case` the scans it replaces used.
type Positions = HashMap<String, Vec<usize>>;

fn positions<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> Positions {
    let mut map = Positions::with_capacity(names.len());
    for (i, name) in names.enumerate() {
        map.entry(name.to_ascii_lowercase()).or_default().push(i);
    }
    map
}

fn found<'m>(map: &'m Positions, name: &str) -> &'m [usize] {
    map.get(&name.to_ascii_lowercase())
        .map_or(&[], Vec::as_slice)
}

fn add_position(map: &mut Positions, name: &str, pos: usize) {
    let list = map.entry(name.to_ascii_lowercase()).or_default();
    let at = list.partition_point(|p| *p < pos);
    list.insert(at, pos);
}

fn remove_position(map: &mut Positions, name: &str, pos: usize) {
    let key = name.to_ascii_lowercase();
    if let Some(list) = map.get_mut(&key) {
        list.retain(|p| *p != pos);
        if list.is_empty() {
            map.remove(&key);
        }
    }
}

/// The indexed properties of one configuration collection.
type CollectionIndex = Vec<(&'static str, Positions)>;

/// See the module documentation.
#[derive(Debug, Default)]
pub struct DocIndex {
    /// The holder's draft generation the entries describe.
    generation: Cell<u64>,
    /// Per collection, per property asked about: positions by the property's value.
    config: RefCell<HashMap<String, CollectionIndex>>,
    topology: RefCell<Option<Rc<TopologyIndex>>>,
}

impl DocIndex {
    /// The index for the holder's draft at `generation`, emptied first if it describes an
    /// older one.
    pub fn at(&self, generation: u64) -> &DocIndex {
        if self.generation.get() != generation {
            self.config.borrow_mut().clear();
            self.topology.borrow_mut().take();
            self.generation.set(generation);
        }
        self
    }

    /// The holder's draft moves from generation `from` to `to` by an edit that the caller
    /// reports through the update methods. An index that did not describe `from` is emptied,
    /// so it is rebuilt from the edited draft.
    pub fn follow(&mut self, from: u64, to: u64) -> &mut DocIndex {
        self.at(from);
        self.generation.set(to);
        self
    }

    /// The objects of `collection` whose `key` property equals `value` (ignoring ASCII case),
    /// with their positions, in collection order.
    pub fn config_matches<'a>(
        &self,
        configuration: &'a Configuration,
        collection: &str,
        key: &'static str,
        value: &str,
    ) -> Vec<(usize, &'a ConfigObject)> {
        let list = configuration.get(collection).map_or(&[][..], Vec::as_slice);
        let mut all = self.config.borrow_mut();
        if !all.contains_key(collection) {
            all.insert(collection.to_string(), Vec::new());
        }
        let indexed = all.get_mut(collection).expect("inserted above");
        let map = match indexed.iter().position(|(k, _)| *k == key) {
            Some(i) => &indexed[i].1,
            None => {
                indexed.push((key, positions(list.iter().map(|o| property(o, key)))));
                &indexed[indexed.len() - 1].1
            }
        };
        let matches: Vec<(usize, &ConfigObject)> = found(map, value)
            .iter()
            .filter_map(|&p| Some((p, list.get(p)?)))
            .collect();
        debug_assert!(
            matches.len() == found(map, value).len()
                && matches
                    .iter()
                    .all(|(_, o)| property(o, key).eq_ignore_ascii_case(value)),
            "the index of {collection} by {key} is out of date"
        );
        matches
    }

    /// The built property maps of a collection; none when it was not asked about since the
    /// index was last emptied (it is then built from the edited list when asked).
    fn collection_mut(
        &mut self,
        collection: &str,
    ) -> impl Iterator<Item = &mut (&'static str, Positions)> {
        self.config
            .get_mut()
            .get_mut(collection)
            .into_iter()
            .flatten()
    }

    /// `list[pos]` was inserted into `collection`; `list` is the collection after it.
    pub fn config_inserted(&mut self, collection: &str, list: &[ConfigObject], pos: usize) {
        let appended = pos + 1 == list.len();
        for (key, map) in self.collection_mut(collection) {
            if !appended {
                map.values_mut()
                    .flatten()
                    .filter(|p| **p >= pos)
                    .for_each(|p| *p += 1);
            }
            add_position(map, property(&list[pos], key), pos);
        }
    }

    /// `list[pos]` of `collection` was replaced; `old` is the object it held before.
    pub fn config_replaced(
        &mut self,
        collection: &str,
        list: &[ConfigObject],
        pos: usize,
        old: &ConfigObject,
    ) {
        for (key, map) in self.collection_mut(collection) {
            let (was, now) = (property(old, key), property(&list[pos], key));
            if !was.eq_ignore_ascii_case(now) {
                remove_position(map, was, pos);
                add_position(map, now, pos);
            }
        }
    }

    /// The objects at `removed` (ascending positions, as they were before) left `collection`.
    pub fn config_removed(&mut self, collection: &str, removed: &[usize]) {
        if removed.is_empty() {
            return;
        }
        for (_, map) in self.collection_mut(collection) {
            map.retain(|_, list| {
                list.retain(|p| removed.binary_search(p).is_err());
                for p in list.iter_mut() {
                    *p -= removed.partition_point(|r| r < p);
                }
                !list.is_empty()
            });
        }
    }

    /// The typed topology with its index (built at the first use in a generation).
    pub fn topology<'a>(&self, topology: &'a Topology) -> TopologyView<'a> {
        let index = Rc::clone(
            self.topology
                .borrow_mut()
                .get_or_insert_with(|| Rc::new(TopologyIndex::new(topology))),
        );
        TopologyView { topology, index }
    }

    /// An edit changed what a service links to (its DependentServiceList entries elsewhere).
    pub fn links_changed(&mut self) {
        self.topology.get_mut().take();
    }
}

/// What the readers look up in the typed topology. Sites, pools and services are found by
/// their names; none of it changes when a service's settings other than its links change.
#[derive(Debug)]
struct TopologyIndex {
    sites: Positions,
    pools: Positions,
    /// Pool positions by the site name each pool gives.
    site_pools: Positions,
    /// For each service identity, the services that link to it, in [`Topology::services`]
    /// order, as (pool position, role).
    dependents: HashMap<String, Vec<(usize, Role)>>,
}

impl TopologyIndex {
    fn new(t: &Topology) -> TopologyIndex {
        let mut dependents: HashMap<String, Vec<(usize, Role)>> = HashMap::new();
        // Many services link to the same few (a site's front end, file store, Edge): one
        // buffer to lower-case into, and a key allocated only for a service not seen yet.
        let mut key = String::new();
        for (i, pool) in t.pools.iter().enumerate() {
            for role in Role::ALL.into_iter().filter(|r| r.runs_on(pool)) {
                for link in (ServiceRef { role, pool }).links() {
                    key.clear();
                    key.extend(link.chars().map(|c| c.to_ascii_lowercase()));
                    let list = match dependents.get_mut(key.as_str()) {
                        Some(list) => list,
                        None => dependents.entry(key.clone()).or_default(),
                    };
                    // A service listed once even if two of its links name the same service.
                    if list.last() != Some(&(i, role)) {
                        list.push((i, role));
                    }
                }
            }
        }
        TopologyIndex {
            sites: positions(t.sites.iter().map(|s| s.name.as_str())),
            pools: positions(t.pools.iter().map(|p| p.fqdn.as_str())),
            site_pools: positions(t.pools.iter().map(|p| p.site.as_str())),
            dependents,
        }
    }
}

/// A topology with its index: the same answers as [`Topology`]'s scans, by name.
pub struct TopologyView<'a> {
    pub topology: &'a Topology,
    index: Rc<TopologyIndex>,
}

impl<'a> TopologyView<'a> {
    /// A one-off view of a topology that no holder indexes (built in one pass).
    pub fn new(topology: &'a Topology) -> TopologyView<'a> {
        TopologyView {
            topology,
            index: Rc::new(TopologyIndex::new(topology)),
        }
    }

    /// Every site with this name, in document order.
    pub fn sites_named(&self, name: &str) -> impl Iterator<Item = &'a Site> + '_ {
        found(&self.index.sites, name)
            .iter()
            .map(|&i| &self.topology.sites[i])
    }

    /// As [`Topology::site`] (`Site:` prefix optional).
    pub fn site(&self, name: &str) -> Option<&'a Site> {
        self.sites_named(site_name(name)).next()
    }

    /// Every pool with this FQDN, in document order.
    pub fn pools_named(&self, fqdn: &str) -> impl Iterator<Item = &'a Pool> + '_ {
        found(&self.index.pools, fqdn)
            .iter()
            .map(|&i| &self.topology.pools[i])
    }

    /// As [`Topology::pool`].
    pub fn pool(&self, fqdn: &str) -> Option<&'a Pool> {
        self.pool_position(fqdn).map(|i| &self.topology.pools[i])
    }

    /// Where [`Self::pool`]'s pool is in the topology's pools.
    pub fn pool_position(&self, fqdn: &str) -> Option<usize> {
        found(&self.index.pools, fqdn).first().copied()
    }

    /// The pools whose site is `site` (compared as given, without a `Site:` prefix).
    pub fn pools_of_site(&self, site: &str) -> impl Iterator<Item = &'a Pool> + '_ {
        found(&self.index.site_pools, site)
            .iter()
            .map(|&i| &self.topology.pools[i])
    }

    /// As [`Topology::service`].
    pub fn service(&self, identity: &str) -> Option<ServiceRef<'a>> {
        super::services::find_service(identity, |fqdn| self.pool(fqdn))
    }

    /// DependentServiceList: the services that depend on this one.
    pub fn dependents(&self, identity: &str) -> Vec<String> {
        self.index
            .dependents
            .get(&identity.to_ascii_lowercase())
            .into_iter()
            .flatten()
            .map(|&(i, role)| {
                ServiceRef {
                    role,
                    pool: &self.topology.pools[i],
                }
                .identity()
            })
            .collect()
    }

    /// `<siteId>-<RoleName>-<instance>`: the instance counts the pools of the same site
    /// running that role, in document order.
    pub fn service_id(&self, service: &ServiceRef<'_>) -> String {
        let site_id = self
            .site(&service.pool.site)
            .map(|s| s.site_id.to_string())
            .unwrap_or_else(|| service.pool.site.clone());
        let instance = self
            .pools_of_site(&service.pool.site)
            .filter(|p| service.role.runs_on(p))
            .position(|p| std::ptr::eq(p, service.pool))
            .map_or(1, |i| i + 1);
        format!("{site_id}-{}-{instance}", service.role.internal_name())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const PROXY: &str = "ProxyFqdn";
    /// Few names in two cases, so that lists hold duplicates and lookups differ in case only.
    const NAMES: [&str; 6] = ["a", "A", "b", "B", "c", "Global"];

    #[derive(Clone, Debug)]
    enum Op {
        /// Insert at `at` (modulo the length + 1).
        Insert {
            at: usize,
            identity: usize,
            proxy: usize,
        },
        /// Replace the object at `at` (modulo the length) by another.
        Replace {
            at: usize,
            identity: usize,
            proxy: usize,
        },
        /// Remove every object with this identity, as Remove- does.
        Remove { identity: usize },
        /// Look up by identity and by proxy (which builds that property's map if needed).
        Query { name: usize },
    }

    fn op() -> impl Strategy<Value = Op> {
        let n = 0..NAMES.len();
        prop_oneof![
            (any::<usize>(), n.clone(), n.clone()).prop_map(|(at, identity, proxy)| Op::Insert {
                at,
                identity,
                proxy
            }),
            (any::<usize>(), n.clone(), n.clone()).prop_map(|(at, identity, proxy)| Op::Replace {
                at,
                identity,
                proxy
            }),
            n.clone().prop_map(|identity| Op::Remove { identity }),
            n.prop_map(|name| Op::Query { name }),
        ]
    }

    fn object(identity: usize, proxy: usize) -> ConfigObject {
        let mut o = ConfigObject::new();
        o.insert(IDENTITY.into(), Json::from(NAMES[identity]));
        o.insert(PROXY.into(), Json::from(NAMES[proxy]));
        o
    }

    /// What the index must answer: a scan of the list.
    fn scan(list: &[ConfigObject], key: &str, value: &str) -> Vec<usize> {
        (0..list.len())
            .filter(|&i| property(&list[i], key).eq_ignore_ascii_case(value))
            .collect()
    }

    fn matches(
        index: &DocIndex,
        config: &Configuration,
        key: &'static str,
        value: &str,
    ) -> Vec<usize> {
        index
            .config_matches(config, "list", key, value)
            .into_iter()
            .map(|(p, _)| p)
            .collect()
    }

    proptest! {
        /// After any sequence of edits reported through the update methods, with the maps
        /// built at any point in between, lookups answer as a scan of the list does.
        #[test]
        fn edits_keep_lookups_equal_to_a_scan(ops in prop::collection::vec(op(), 0..40)) {
            let mut config = Configuration::new();
            config.insert("list".into(), Vec::new());
            let mut index = DocIndex::default();
            for op in ops {
                let list = config.get_mut("list").unwrap();
                match op {
                    Op::Insert { at, identity, proxy } => {
                        let at = at % (list.len() + 1);
                        list.insert(at, object(identity, proxy));
                        index.config_inserted("list", list, at);
                    }
                    Op::Replace { at, identity, proxy } if !list.is_empty() => {
                        let at = at % list.len();
                        let old = std::mem::replace(&mut list[at], object(identity, proxy));
                        index.config_replaced("list", list, at, &old);
                    }
                    Op::Replace { .. } => {}
                    Op::Remove { identity } => {
                        let removed = scan(list, IDENTITY, NAMES[identity]);
                        list.retain(|o| !property(o, IDENTITY).eq_ignore_ascii_case(NAMES[identity]));
                        index.config_removed("list", &removed);
                    }
                    Op::Query { name } => {
                        let list = &config["list"];
                        for key in [IDENTITY, PROXY] {
                            prop_assert_eq!(matches(&index, &config, key, NAMES[name]), scan(list, key, NAMES[name]));
                        }
                    }
                }
            }
            let list = &config["list"];
            for name in NAMES {
                for key in [IDENTITY, PROXY] {
                    prop_assert_eq!(matches(&index, &config, key, name), scan(list, key, name));
                }
            }
        }
    }

    /// The view answers as scans of the topology do, on the lab and a generated deployment
    /// (names looked up in other cases, sites with and without their prefix).
    #[test]
    fn the_topology_view_answers_as_scans_do() {
        use crate::topology::generate::{self, Spec};
        for doc in [
            crate::topology::default_document(),
            generate::document(&Spec::scale(1)),
        ] {
            let t = &doc.topology;
            let view = TopologyView::new(t);
            for site in &t.sites {
                for name in [site.name.to_uppercase(), site.identity()] {
                    assert!(std::ptr::eq(
                        view.site(&name).unwrap(),
                        t.site(&name).unwrap()
                    ));
                }
            }
            for pool in &t.pools {
                let fqdn = pool.fqdn.to_uppercase();
                assert!(std::ptr::eq(
                    view.pool(&fqdn).unwrap(),
                    t.pool(&fqdn).unwrap()
                ));
                let of_site: Vec<&Pool> = t
                    .pools
                    .iter()
                    .filter(|p| p.site.eq_ignore_ascii_case(&pool.site))
                    .collect();
                assert_eq!(
                    view.pools_of_site(&pool.site.to_lowercase())
                        .collect::<Vec<_>>(),
                    of_site
                );
            }
            let services = t.services();
            for service in &services {
                let identity = service.identity().to_uppercase();
                assert_eq!(
                    view.service(&identity).unwrap().identity(),
                    service.identity()
                );
                let dependents: Vec<String> = services
                    .iter()
                    .filter(|s| s.links().any(|l| l.eq_ignore_ascii_case(&identity)))
                    .map(ServiceRef::identity)
                    .collect();
                assert_eq!(view.dependents(&identity), dependents, "{identity}");
                let instance = t
                    .pools
                    .iter()
                    .filter(|p| {
                        p.site.eq_ignore_ascii_case(&service.pool.site) && service.role.runs_on(p)
                    })
                    .position(|p| std::ptr::eq(p, service.pool))
                    .unwrap()
                    + 1;
                let site_id = t.site(&service.pool.site).unwrap().site_id;
                assert_eq!(
                    view.service_id(service),
                    format!("{site_id}-{}-{instance}", service.role.internal_name())
                );
            }
            assert!(view.pool("nowhere.example.com").is_none());
            assert!(view.site("Site:Nowhere").is_none());
            assert!(view.dependents("WebServer:nowhere.example.com").is_empty());
        }
    }

    #[test]
    fn a_new_generation_empties_the_index_and_an_edit_it_follows_does_not() {
        let mut config = Configuration::new();
        config.insert("list".into(), vec![object(0, 0)]);
        let mut index = DocIndex::default();
        assert_eq!(matches(index.at(1), &config, IDENTITY, "a"), [0]);
        // An edit at generation 1 that reports itself: the built map is kept and updated.
        let list = config.get_mut("list").unwrap();
        list.insert(0, object(2, 2));
        index.follow(1, 2).config_inserted("list", list, 0);
        assert_eq!(matches(index.at(2), &config, IDENTITY, "a"), [1]);
        // An edit the index was not told of (generation 3): rebuilt from the list.
        config.get_mut("list").unwrap().remove(0);
        assert_eq!(matches(index.at(3), &config, IDENTITY, "a"), [0]);
        // Following from a generation the index does not describe empties it.
        config.get_mut("list").unwrap().insert(0, object(4, 4));
        index.follow(7, 8);
        assert_eq!(matches(index.at(8), &config, IDENTITY, "a"), [1]);
    }
}
