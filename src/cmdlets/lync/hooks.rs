//! Where Lync behaves specially for one configuration noun. The generic noun
//! ([`super::config`]) does Get/Set/New/Remove for every noun and asks these hooks only for
//! the few rules that involve other objects or several properties at once.

use serde_json::Value as Json;

use super::DocHost;
use crate::engine::command::BoundParameters;
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::PsObject;
use crate::topology::index::{property, IDENTITY};
use crate::topology::model::ConfigObject;

pub trait NounHooks: Sync {
    /// The property that always equals the identity (a provider's Name, a domain's Domain).
    fn mirror(&self) -> Option<&'static str> {
        None
    }
    /// A parameter that gives the identity in another parameter set (New-CsAllowedDomain -Domain).
    fn identity_parameter(&self) -> Option<&'static str> {
        None
    }
    /// Applies switch parameters that select a mode rather than set one property.
    fn apply_switches(&self, _params: &BoundParameters, _obj: &mut ConfigObject) {}
    /// Rules across properties or across objects, checked before anything is saved.
    fn check(
        &self,
        _draft: &dyn DocHost,
        _obj: &ConfigObject,
        _creating: bool,
    ) -> Result<(), ErrorRecord> {
        Ok(())
    }
    /// The warning for a Set- given no setting at all.
    fn nothing_to_set_warning(&self) -> Option<&'static str> {
        None
    }
    /// Adjusts the object Get- prints (type name, hidden properties).
    fn present(&self, _obj: &ConfigObject, _ps: &mut PsObject) {}
    /// Type names [`NounHooks::present`] may give the object, which -Instance accepts too.
    fn other_type_names(&self) -> &'static [&'static str] {
        &[]
    }
}

/// The hooks of a noun; nouns without special rules get none.
pub fn for_noun(noun: &str) -> &'static dyn NounHooks {
    match noun.to_ascii_lowercase().as_str() {
        "cshostingprovider" => &HostingProvider,
        "csalloweddomain" => &FederatedDomain {
            other_list: "blockedDomains",
            other_name: "blocked",
        },
        "csblockeddomain" => &FederatedDomain {
            other_list: "allowedDomains",
            other_name: "allowed",
        },
        "csaccessedgeconfiguration" => &AccessEdge,
        "cspushnotificationconfiguration" => &PushNotification,
        "csmcxconfiguration" => &Mcx,
        _ => &NoHooks,
    }
}

struct NoHooks;
impl NounHooks for NoHooks {}

fn rejected(category: ErrorCategory, id: &str, message: String) -> ErrorRecord {
    ErrorRecord::new(category, id, message)
}

struct HostingProvider;
impl NounHooks for HostingProvider {
    fn mirror(&self) -> Option<&'static str> {
        Some("Name")
    }
    fn check(
        &self,
        draft: &dyn DocHost,
        obj: &ConfigObject,
        _creating: bool,
    ) -> Result<(), ErrorRecord> {
        let identity = property(obj, IDENTITY);
        let proxy = property(obj, "ProxyFqdn");
        if proxy.trim().is_empty() {
            return Err(rejected(
                ErrorCategory::InvalidArgument,
                "ProxyFqdnRequired",
                format!("Hosting provider \"{identity}\" needs a ProxyFqdn: the FQDN of the provider's Access Edge, e.g. sipfed.online.lync.com."),
            ));
        }
        let clash = draft
            .config_matches("hostingProviders", "ProxyFqdn", proxy)
            .into_iter()
            .find(|(_, p)| !property(p, IDENTITY).eq_ignore_ascii_case(identity));
        match clash {
            Some((_, other)) => Err(rejected(
                ErrorCategory::ResourceExists,
                "DuplicateProxyFqdn",
                format!(
                    "ProxyFqdn \"{proxy}\" is already used by hosting provider \"{}\". A proxy FQDN can belong to one provider only: use that provider or remove it first.",
                    property(other, IDENTITY)
                ),
            )),
            None => Ok(()),
        }
    }
}

/// Allowed and blocked domains: a domain may be on one of the two lists only.
struct FederatedDomain {
    other_list: &'static str,
    other_name: &'static str,
}
impl NounHooks for FederatedDomain {
    fn mirror(&self) -> Option<&'static str> {
        Some("Domain")
    }
    fn identity_parameter(&self) -> Option<&'static str> {
        Some("Domain")
    }
    fn check(
        &self,
        draft: &dyn DocHost,
        obj: &ConfigObject,
        creating: bool,
    ) -> Result<(), ErrorRecord> {
        let domain = property(obj, IDENTITY);
        let on_other = !draft
            .config_matches(self.other_list, IDENTITY, domain)
            .is_empty();
        if creating && on_other {
            return Err(rejected(
                ErrorCategory::ResourceExists,
                "DomainOnOtherList",
                format!(
                    "Domain \"{domain}\" already exists on the {} domains list. A domain can be either allowed or blocked: remove it from that list first.",
                    self.other_name
                ),
            ));
        }
        Ok(())
    }
}

struct AccessEdge;
const DNS_SRV: &str = "UseDnsSrvRouting";
const DEFAULT_ROUTE: &str = "UseDefaultRouting";
/// The type Get-CsAccessEdgeConfiguration returns under default routing.
const DEFAULT_ROUTE_TYPE: &str =
    "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DisplayAccessEdgeSettingsDefaultRoute";
impl NounHooks for AccessEdge {
    fn apply_switches(&self, params: &BoundParameters, obj: &mut ConfigObject) {
        if params.switch(DNS_SRV) {
            obj.insert("RoutingMethod".into(), Json::from(DNS_SRV));
            obj.insert("DefaultRouteFqdn".into(), Json::Null);
        } else if params.switch(DEFAULT_ROUTE) {
            obj.insert("RoutingMethod".into(), Json::from(DEFAULT_ROUTE));
        }
    }
    fn check(
        &self,
        draft: &dyn DocHost,
        obj: &ConfigObject,
        _creating: bool,
    ) -> Result<(), ErrorRecord> {
        if property(obj, "RoutingMethod") != DEFAULT_ROUTE {
            return Ok(());
        }
        if property(obj, "DefaultRouteFqdn").trim().is_empty() {
            return Err(rejected(
                ErrorCategory::InvalidArgument,
                "DefaultRouteFqdnRequired",
                "Default routing needs -DefaultRouteFqdn: the FQDN all federation traffic is sent to.".into(),
            ));
        }
        let providers = draft
            .doc()
            .configuration
            .get("hostingProviders")
            .map_or(0, Vec::len);
        if providers > 0 {
            return Err(rejected(
                ErrorCategory::InvalidOperation,
                "HostingProvidersNeedDnsSrvRouting",
                format!(
                    "Cannot use default routing while {providers} hosting provider(s) exist: federation with hosting providers needs DNS SRV routing. Remove them with Get-CsHostingProvider | Remove-CsHostingProvider first."
                ),
            ));
        }
        Ok(())
    }
    fn other_type_names(&self) -> &'static [&'static str] {
        &[DEFAULT_ROUTE_TYPE]
    }
    fn present(&self, obj: &ConfigObject, ps: &mut PsObject) {
        let hidden: &[&str] = if property(obj, "RoutingMethod") == DEFAULT_ROUTE {
            ps.type_names = vec![DEFAULT_ROUTE_TYPE.into()];
            &["BeClearingHouse", "EnablePartnerDiscovery"]
        } else {
            &["DefaultRouteFqdn", "IsPublicProvider", "VerificationLevel"]
        };
        ps.properties.retain(|k, _| !hidden.contains(&k.as_str()));
    }
}

struct PushNotification;
impl NounHooks for PushNotification {
    fn nothing_to_set_warning(&self) -> Option<&'static str> {
        Some("No setting was given, so push notifications are unchanged (both services are off by default). To enable them run: Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True -EnableMicrosoftPushNotificationService $True")
    }
}

struct Mcx;
impl NounHooks for Mcx {
    fn check(
        &self,
        _draft: &dyn DocHost,
        obj: &ConfigObject,
        _creating: bool,
    ) -> Result<(), ErrorRecord> {
        let long = obj.get("SessionExpirationInterval").and_then(Json::as_u64);
        let short = obj
            .get("SessionShortExpirationInterval")
            .and_then(Json::as_u64);
        match (long, short) {
            (Some(long), Some(short)) if long <= short => Err(rejected(
                ErrorCategory::InvalidArgument,
                "InvalidSessionExpiration",
                format!(
                    "SessionExpirationInterval ({long}) must be greater than SessionShortExpirationInterval ({short})."
                ),
            )),
            _ => Ok(()),
        }
    }
}
