//! The one implementation of Get-, Set-, New- and Remove- for every Central Management Store
//! configuration noun (hosting providers, allowed/blocked domains, Access Edge, push, MCX,
//! mobility policies, Autodiscover, IM filter, proxy). What differs between nouns is data —
//! the catalog's [`ObjectDef`] (type name, collection, scopes, properties with defaults and
//! ranges) — plus the few special rules in [`super::hooks`].

use std::rc::Rc;

use serde_json::Value as Json;

use super::convert::{default_object, from_value, normalize, to_ps_object};
use super::hooks::{for_noun, NounHooks};
use super::identity::{wildcard_match, Scope};
use super::{DocHost, SharedDoc};
use crate::catalog::schema::{ObjectDef, PropertyDef};
use crate::catalog::Catalog;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::{Hashtable, Value};
use crate::topology::index::{property, IDENTITY};
use crate::topology::model::{ConfigObject, Document};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Get,
    Set,
    New,
    Remove,
}

impl Verb {
    const ALL: [Verb; 4] = [Verb::Get, Verb::Set, Verb::New, Verb::Remove];
    fn name(self) -> &'static str {
        match self {
            Verb::Get => "Get",
            Verb::Set => "Set",
            Verb::New => "New",
            Verb::Remove => "Remove",
        }
    }
}

/// Registers Get/Set/New/Remove for every stored configuration object of the catalog whose
/// cmdlet exists there (Access Edge has no New-/Remove-).
pub fn register(registry: &mut Registry, doc: SharedDoc) {
    let catalog = Catalog::embedded();
    for def in catalog
        .objects()
        .iter()
        .filter(|d| !d.collection.is_empty())
    {
        for verb in Verb::ALL {
            let name = format!("{}-{}", verb.name(), def.noun);
            if catalog.find(&name).is_some() {
                registry.add(
                    &name,
                    Rc::new(ConfigNoun {
                        verb,
                        def,
                        hooks: for_noun(&def.noun),
                        doc: doc.clone(),
                    }),
                );
            }
        }
    }
}

struct ConfigNoun {
    verb: Verb,
    def: &'static ObjectDef,
    hooks: &'static dyn NounHooks,
    doc: SharedDoc,
}

impl Cmdlet for ConfigNoun {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let result = match self.verb {
            Verb::Get => self.get(cx, params),
            Verb::Set => self.set(cx, params),
            Verb::New => self.new_object(cx, params),
            Verb::Remove => self.remove(cx, params),
        };
        super::report(cx, result);
        Ok(())
    }
}

/// Short noun for messages: `CsHostingProvider` → `HostingProvider`.
fn short(def: &ObjectDef) -> &str {
    def.noun.strip_prefix("Cs").unwrap_or(&def.noun)
}

fn identity_of(obj: &ConfigObject) -> &str {
    property(obj, IDENTITY)
}

impl ConfigNoun {
    fn catalog(&self) -> &'static Catalog {
        Catalog::embedded()
    }

    fn has_scope(&self, scope: &str) -> bool {
        self.def
            .scopes
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scope))
    }

    fn parse(&self, text: &str) -> Result<Scope, ErrorRecord> {
        Scope::parse(text, &self.def.scopes).map_err(|m| {
            ErrorRecord::new(ErrorCategory::InvalidArgument, "InvalidIdentity", m)
                .with_target(text, "String")
        })
    }

    /// A site or service collection can only be created for a site or service that exists.
    fn check_scope_target(&self, draft: &dyn DocHost, scope: &Scope) -> Result<(), ErrorRecord> {
        let missing = match scope {
            Scope::Site(name) if draft.topology().site(name).is_none() => {
                format!(
                    "site \"{name}\" does not exist in the topology (Get-CsSite lists the sites)"
                )
            }
            Scope::Service { role, fqdn }
                if draft
                    .topology()
                    .service(&format!("{role}:{fqdn}"))
                    .is_none() =>
            {
                format!("service \"{role}:{fqdn}\" does not exist in the topology (Get-CsService -{role} lists them)")
            }
            _ => return Ok(()),
        };
        Err(ErrorRecord::new(
            ErrorCategory::ObjectNotFound,
            "ScopeNotFound",
            format!("Cannot create {} \"{scope}\": {missing}.", short(self.def)),
        )
        .with_target(scope.to_string(), "String"))
    }

    fn not_found(&self, identity: &str) -> ErrorRecord {
        ErrorRecord::new(
            ErrorCategory::ObjectNotFound,
            "IdentityNotFound",
            format!(
                "Cannot find {} \"{identity}\" because it does not exist.",
                short(self.def)
            ),
        )
        .with_target(identity, "String")
    }

    /// Every instance in print order; a Global collection missing from a hand-edited
    /// document reads as its defaults, as the real store always has one.
    fn instances(&self, doc: &Document) -> Vec<ConfigObject> {
        let mut list: Vec<ConfigObject> = doc
            .configuration
            .get(&self.def.collection)
            .into_iter()
            .flatten()
            .map(|o| normalize(self.def, o))
            .collect();
        if self.has_scope("global")
            && !list
                .iter()
                .any(|o| identity_of(o).eq_ignore_ascii_case("Global"))
        {
            list.insert(0, default_object(self.def, "Global"));
        }
        list
    }

    /// The instance with this identity, as [`Self::instances`] has it; only that one is
    /// normalised, since collections can hold thousands.
    fn find(&self, draft: &dyn DocHost, identity: &str) -> Option<ConfigObject> {
        let stored = draft
            .config_matches(&self.def.collection, IDENTITY, identity)
            .first()
            .map(|&(_, o)| normalize(self.def, o));
        stored.or_else(|| {
            (self.has_scope("global") && identity.eq_ignore_ascii_case("Global"))
                .then(|| default_object(self.def, "Global"))
        })
    }

    fn output(&self, cx: &mut dyn CommandContext, obj: &ConfigObject) {
        let mut ps = to_ps_object(self.def, obj, self.catalog());
        self.hooks.present(obj, &mut ps);
        cx.write_output(ps.into_value());
    }

    /// Writes `obj` into the draft, replacing the instance with the same identity.
    fn store(&self, obj: ConfigObject) {
        let collection = &self.def.collection;
        let mut host = self.doc.borrow_mut();
        let (doc, index) = host.edit();
        let slot = index
            .config_matches(&doc.configuration, collection, IDENTITY, identity_of(&obj))
            .first()
            .map(|&(pos, _)| pos);
        let list = doc.configuration.entry(collection.clone()).or_default();
        match slot {
            Some(pos) => {
                let old = std::mem::replace(&mut list[pos], obj);
                index.config_replaced(collection, list, pos, &old);
            }
            None => {
                let pos = if identity_of(&obj) == "Global" {
                    0
                } else {
                    list.len()
                };
                list.insert(pos, obj);
                index.config_inserted(collection, list, pos);
            }
        }
    }

    fn get(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        if let Some(text) = params.string("Identity") {
            let identity = self.parse(&text)?.to_string();
            let found = self
                .find(&*self.doc.borrow(), &identity)
                .ok_or_else(|| self.not_found(&identity))?;
            self.output(cx, &found);
            return Ok(());
        }
        let all = self.instances(self.doc.borrow().doc());
        let filter = params.string("Filter");
        for obj in &all {
            if filter
                .as_deref()
                .is_none_or(|f| wildcard_match(f, identity_of(obj)))
            {
                self.output(cx, obj);
            }
        }
        Ok(())
    }

    fn set(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        // Piped objects arrive here too: the binder binds them to -Instance (ByValue).
        let instance = params.get("Instance").filter(|v| !v.is_null()).cloned();
        let (mut obj, from_instance) = match instance {
            Some(instance) => (self.read_instance(&instance)?, true),
            None => {
                let text = match params.string("Identity") {
                    Some(t) => t,
                    None if self.has_scope("global") => "Global".into(),
                    None => {
                        return Err(ErrorRecord::new(
                            ErrorCategory::InvalidArgument,
                            "IdentityRequired",
                            format!("Specify the {} to change with -Identity.", short(self.def)),
                        ))
                    }
                };
                let identity = self.parse(&text)?.to_string();
                let found = self
                    .find(&*self.doc.borrow(), &identity)
                    .ok_or_else(|| self.not_found(&identity))?;
                (found, false)
            }
        };
        let before = obj.clone();
        let applied = self.apply(params, &mut obj)?;
        if applied == 0 && !from_instance {
            if let Some(warning) = self.hooks.nothing_to_set_warning() {
                cx.write_warning(warning);
                return Ok(());
            }
        }
        self.hooks.check(&*self.doc.borrow(), &obj, false)?;
        let identity = identity_of(&obj).to_string();
        if !cx.should_process(&identity, &cx.definition().name.clone()) {
            return Ok(());
        }
        if from_instance || obj != before {
            self.store(obj);
        }
        Ok(())
    }

    fn new_object(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let text = params
            .string("Identity")
            .or_else(|| {
                self.hooks
                    .identity_parameter()
                    .and_then(|p| params.string(p))
            })
            .unwrap_or_default();
        let scope = self.parse(&text)?;
        let identity = scope.to_string();
        if scope.is_global() {
            return Err(ErrorRecord::new(
                ErrorCategory::ResourceExists,
                "GlobalAlreadyExists",
                format!(
                    "Cannot create {} \"Global\": the Global collection always exists. Change it with Set-{}, or create a site collection (site:<name>).",
                    short(self.def),
                    self.def.noun
                ),
            )
            .with_target(&identity, "String"));
        }
        self.check_scope_target(&*self.doc.borrow(), &scope)?;
        if self.find(&*self.doc.borrow(), &identity).is_some() {
            return Err(ErrorRecord::new(
                ErrorCategory::ResourceExists,
                "IdentityAlreadyExists",
                format!(
                    "Cannot create {} \"{identity}\" because it already exists.",
                    short(self.def)
                ),
            )
            .with_target(&identity, "String"));
        }
        let mut obj = default_object(self.def, &identity);
        self.apply(params, &mut obj)?;
        self.hooks.check(&*self.doc.borrow(), &obj, true)?;
        if params.switch("InMemory") {
            self.output(cx, &obj);
            return Ok(());
        }
        if !cx.should_process(&identity, &cx.definition().name.clone()) {
            return Ok(());
        }
        self.store(obj.clone());
        self.output(cx, &obj);
        Ok(())
    }

    fn remove(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let text = params.string("Identity").unwrap_or_default();
        let scope = self.parse(&text)?;
        let identity = scope.to_string();
        if self.find(&*self.doc.borrow(), &identity).is_none() {
            return Err(self.not_found(&identity));
        }
        if !cx.should_process(&identity, &cx.definition().name.clone()) {
            return Ok(());
        }
        if scope.is_global() {
            // Global cannot go away: removing it puts every setting back to its default.
            self.store(default_object(self.def, "Global"));
            return Ok(());
        }
        let mut host = self.doc.borrow_mut();
        let (doc, index) = host.edit();
        if let Some(list) = doc.configuration.get_mut(&self.def.collection) {
            let mut removed = Vec::new();
            let mut pos = 0;
            list.retain(|o| {
                let keep = !identity_of(o).eq_ignore_ascii_case(&identity);
                if !keep {
                    removed.push(pos);
                }
                pos += 1;
                keep
            });
            index.config_removed(&self.def.collection, &removed);
        }
        Ok(())
    }

    /// Reads an object passed with -Instance (from Get-, or New- -InMemory, possibly edited in
    /// a variable) back into its stored form.
    fn read_instance(&self, instance: &Value) -> Result<ConfigObject, ErrorRecord> {
        let type_name = instance.type_name();
        let accepted = type_name == self.def.type_name
            || self.hooks.other_type_names().contains(&type_name.as_str());
        let o = match instance {
            Value::Object(o) if accepted => o.borrow(),
            _ => {
                return Err(ErrorRecord::new(
                    ErrorCategory::InvalidArgument,
                    "InvalidInstance",
                    format!(
                        "The -Instance value is a {type_name}; Set-{} needs a {}: pass an object returned by Get-{} or New-{} -InMemory.",
                        self.def.noun,
                        self.def.type_name,
                        self.def.noun,
                        self.def.noun
                    ),
                ))
            }
        };
        let text = o
            .get("Identity")
            .map(Value::to_ps_string)
            .unwrap_or_default();
        let identity = self.parse(&text)?.to_string();
        let mut obj = self
            .find(&*self.doc.borrow(), &identity)
            .unwrap_or_else(|| default_object(self.def, &identity));
        for p in &self.def.properties {
            if let Some(v) = o.get(&p.name) {
                let json = from_value(v, p, self.catalog()).map_err(|m| {
                    ErrorRecord::new(
                        ErrorCategory::InvalidArgument,
                        "InvalidPropertyValue",
                        format!("Exception setting \"{}\": \"{m}\"", p.name),
                    )
                })?;
                obj.insert(p.name.clone(), json);
            }
        }
        Ok(obj)
    }

    /// Applies every bound parameter that names a property, then the noun's mode switches and
    /// the identity mirror. Returns how many properties were given.
    fn apply(
        &self,
        params: &BoundParameters,
        obj: &mut ConfigObject,
    ) -> Result<usize, ErrorRecord> {
        let mut applied = 0;
        for (name, value) in &params.values {
            let Some(prop) = self
                .def
                .properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            let json = match (prop.type_name.ends_with("[]"), value) {
                (true, Value::Hashtable(h)) => {
                    let current = obj.get(&prop.name).cloned().unwrap_or(Json::Null);
                    self.modify_list(prop, current, &h.borrow())?
                }
                _ => self.convert(prop, value)?,
            };
            obj.insert(prop.name.clone(), json);
            applied += 1;
        }
        self.hooks.apply_switches(params, obj);
        if let Some(mirror) = self.hooks.mirror() {
            let identity = Json::from(identity_of(obj));
            obj.insert(mirror.into(), identity);
        }
        Ok(applied)
    }

    fn convert(&self, prop: &PropertyDef, value: &Value) -> Result<Json, ErrorRecord> {
        from_value(value, prop, self.catalog()).map_err(|m| {
            ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "ParameterArgumentValidationError",
                format!("Cannot validate argument on parameter '{}'. {m}", prop.name),
            )
        })
    }

    /// PSListModifier: `@{Add=…}`, `@{Remove=…}`, `@{Replace=…}` (combinable, applied in
    /// Replace, Remove, Add order as Lync does).
    fn modify_list(
        &self,
        prop: &PropertyDef,
        current: Json,
        modifier: &Hashtable,
    ) -> Result<Json, ErrorRecord> {
        let keys_ok = modifier.iter().all(|(k, _)| {
            ["add", "remove", "replace"].contains(&k.to_ps_string().to_ascii_lowercase().as_str())
        });
        if !keys_ok || modifier.is_empty() {
            return Err(ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "InvalidListModifier",
                format!(
                    "Cannot bind parameter '{}'. Use a list modifier such as @{{Add=…}}, @{{Remove=…}} or @{{Replace=…}}.",
                    prop.name
                ),
            ));
        }
        let items = |key: &str| -> Result<Vec<Json>, ErrorRecord> {
            match modifier.get_str(key) {
                Some(v) => match self.convert(prop, v)? {
                    Json::Array(a) => Ok(a),
                    other => Ok(vec![other]),
                },
                None => Ok(Vec::new()),
            }
        };
        let same = |a: &Json, b: &Json| match (a, b) {
            (Json::String(x), Json::String(y)) => x.eq_ignore_ascii_case(y),
            _ => a == b,
        };
        let mut list = match current {
            Json::Array(a) => a,
            _ => Vec::new(),
        };
        if modifier.get_str("Replace").is_some() {
            list = items("Replace")?;
        }
        let removed = items("Remove")?;
        list.retain(|i| !removed.iter().any(|r| same(i, r)));
        for item in items("Add")? {
            if !list.iter().any(|i| same(i, &item)) {
                list.push(item);
            }
        }
        Ok(Json::Array(list))
    }
}
