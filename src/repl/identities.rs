//! Identities Tab can offer for a parameter, taken from the draft document: which hosting
//! providers, policies, servers or certificates exist right now.
//!
//! The completer only knows the [`IdentitySource`] trait. [`DocumentIdentities`] answers it
//! from a copy of the draft: settings collections through the catalog's object definitions
//! (noun → collection, so every `Cs…Configuration`, policy and list noun works without code
//! here), service roles through the topology's services view, other topology objects
//! through the small [`TOPOLOGY`] table.

use crate::catalog::Catalog;
use crate::topology::model::Document;
use crate::topology::services::Role;

/// Values (with a description, possibly empty) for a parameter of a cmdlet, given the other
/// parameters already typed on the line (canonical name → text as typed, unquoted).
pub trait IdentitySource: Send {
    fn identities(
        &self,
        cmdlet: &str,
        parameter: &str,
        given: &[(String, String)],
    ) -> Vec<(String, String)>;
}

/// No document: nothing to offer.
pub struct NoIdentities;

impl IdentitySource for NoIdentities {
    fn identities(&self, _: &str, _: &str, _: &[(String, String)]) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// A snapshot of the draft, taken after each command.
pub struct DocumentIdentities {
    doc: Document,
    catalog: &'static Catalog,
    /// The computer certificate cmdlets act on: `-Thumbprint` offers its certificates.
    local_computer: Option<String>,
}

impl DocumentIdentities {
    pub fn new(
        doc: Document,
        catalog: &'static Catalog,
        local_computer: Option<String>,
    ) -> DocumentIdentities {
        DocumentIdentities {
            doc,
            catalog,
            local_computer,
        }
    }

    /// `Identity` of every instance in the noun's settings collection.
    fn configuration(&self, noun: &str) -> Vec<(String, String)> {
        let Some(object) = self.catalog.object(noun) else {
            return Vec::new();
        };
        self.doc
            .configuration
            .get(&object.collection)
            .into_iter()
            .flatten()
            .filter_map(|instance| {
                let identity = instance.get("Identity")?.as_str()?;
                Some((identity.to_string(), String::new()))
            })
            .collect()
    }
}

impl IdentitySource for DocumentIdentities {
    fn identities(
        &self,
        cmdlet: &str,
        parameter: &str,
        given: &[(String, String)],
    ) -> Vec<(String, String)> {
        let noun = cmdlet.split_once('-').map_or(cmdlet, |(_, noun)| noun);
        if let Some(found) =
            topology_identities(&self.doc, noun, parameter, given, &self.local_computer)
        {
            return found;
        }
        if parameter.eq_ignore_ascii_case("Identity") {
            return self.configuration(noun);
        }
        Vec::new()
    }
}

/// Which topology list a (noun, parameter) pair draws from. `*` matches any noun. Nouns
/// named after a service role (`CsWebServer`, `CsRegistrar`, …) are handled by
/// [`role_of_noun`] instead: their `-Identity` is one of the pools running that role.
pub const TOPOLOGY: &[(&str, &str, TopologyList)] = &[
    ("CsPool", "Identity", TopologyList::Pools),
    ("*", "PoolFqdn", TopologyList::Pools),
    ("CsSite", "Identity", TopologyList::Sites),
    ("*", "Site", TopologyList::Sites),
    ("CsComputer", "Identity", TopologyList::Computers),
    ("*", "Computer", TopologyList::Computers),
    ("*", "ComputerName", TopologyList::Computers),
    ("*", "ComputerFqdn", TopologyList::Computers),
    ("*", "Thumbprint", TopologyList::Certificates),
    ("CsSipDomain", "Identity", TopologyList::SipDomains),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopologyList {
    Pools,
    Sites,
    Computers,
    Certificates,
    SipDomains,
}

/// `CsWebServer` → the WebServer role.
fn role_of_noun(noun: &str) -> Option<Role> {
    let name = noun
        .get(..2)?
        .eq_ignore_ascii_case("Cs")
        .then(|| &noun[2..])?;
    Role::parse(name)
}

fn topology_identities(
    doc: &Document,
    noun: &str,
    parameter: &str,
    given: &[(String, String)],
    local_computer: &Option<String>,
) -> Option<Vec<(String, String)>> {
    let topology = &doc.topology;
    if parameter.eq_ignore_ascii_case("Identity") {
        if let Some(role) = role_of_noun(noun) {
            // The seed types `Set-CsWebServer -Identity lyncserver.jacobs.local`: the pool
            // FQDN, with the full service identity as the description.
            return Some(
                topology
                    .services()
                    .into_iter()
                    .filter(|s| s.role == role)
                    .map(|s| (s.pool.fqdn.clone(), s.identity()))
                    .collect(),
            );
        }
    }
    let (_, _, list) = TOPOLOGY.iter().find(|(n, p, _)| {
        (n.eq_ignore_ascii_case(noun) || *n == "*") && p.eq_ignore_ascii_case(parameter)
    })?;
    Some(match list {
        TopologyList::Pools => topology
            .pools
            .iter()
            .map(|p| (p.fqdn.clone(), p.site_identity()))
            .collect(),
        TopologyList::Sites => topology
            .sites
            .iter()
            .map(|s| (s.name.clone(), s.identity()))
            .collect(),
        TopologyList::Computers => topology
            .machines()
            .map(|(pool, m)| (m.fqdn.clone(), format!("pool {}", pool.fqdn)))
            .collect(),
        TopologyList::SipDomains => topology
            .sip_domains
            .iter()
            .map(|d| (d.name.clone(), String::new()))
            .collect(),
        TopologyList::Certificates => certificates(doc, given, local_computer),
    })
}

/// Certificates with their subjects: those of the computer the line names, else of the local
/// computer, else of every computer.
fn certificates(
    doc: &Document,
    given: &[(String, String)],
    local_computer: &Option<String>,
) -> Vec<(String, String)> {
    let computer = given
        .iter()
        .filter(|(name, value)| {
            !value.is_empty()
                && ["Computer", "ComputerName", "ComputerFqdn", "Identity"]
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(name))
        })
        .find_map(|(_, value)| doc.topology.machine(value).map(|(_, m)| m.fqdn.clone()))
        .or_else(|| local_computer.clone());
    let mut found: Vec<(String, String)> = Vec::new();
    for (_, machine) in doc.topology.machines() {
        if computer
            .as_ref()
            .is_some_and(|c| !c.eq_ignore_ascii_case(&machine.fqdn))
        {
            continue;
        }
        for cert in &machine.certificates {
            if found
                .iter()
                .any(|(t, _)| t.eq_ignore_ascii_case(&cert.thumbprint))
            {
                continue;
            }
            let description = if computer.is_some() {
                cert.subject.clone()
            } else {
                format!("{} (on {})", cert.subject, machine.fqdn)
            };
            found.push((cert.thumbprint.clone(), description));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
module: Lync
objects:
  - noun: CsHostingProvider
    type_name: Provider
    collection: hostingProviders
    scopes: [name]
    properties:
      - { name: ProxyFqdn, type: String }
cmdlets:
  - { name: Set-CsHostingProvider, synopsis: x }
"#;

    fn catalog() -> &'static Catalog {
        Box::leak(Box::new(
            Catalog::from_files([("cmdlets/CsHostingProvider.yaml", SAMPLE)]).unwrap(),
        ))
    }

    #[test]
    fn settings_identities_come_from_the_nouns_collection() {
        let mut doc = Document::default();
        let provider = |name: &str| {
            let mut o = crate::topology::model::ConfigObject::new();
            o.insert("Identity".into(), name.into());
            o
        };
        doc.configuration.insert(
            "hostingProviders".into(),
            vec![provider("LyncOnline"), provider("Fabrikam")],
        );
        let source = DocumentIdentities::new(doc, catalog(), None);
        let found = source.identities("Set-CsHostingProvider", "Identity", &[]);
        let names: Vec<&str> = found.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(names, ["LyncOnline", "Fabrikam"]);
        assert!(source
            .identities("Set-CsHostingProvider", "ProxyFqdn", &[])
            .is_empty());
        assert!(source
            .identities("Get-CsUnknown", "Identity", &[])
            .is_empty());
    }

    fn lab() -> DocumentIdentities {
        DocumentIdentities::new(crate::topology::default_document(), catalog(), None)
    }

    fn values(found: &[(String, String)]) -> Vec<&str> {
        found.iter().map(|(v, _)| v.as_str()).collect()
    }

    #[test]
    fn web_servers_are_listed_by_pool_fqdn() {
        let found = lab().identities("Set-CsWebServer", "Identity", &[]);
        assert_eq!(values(&found), ["lyncserver.jacobs.local"]);
        assert_eq!(found[0].1, "WebServer:lyncserver.jacobs.local");
    }

    #[test]
    fn thumbprints_with_subjects_narrowed_by_computer() {
        let all = lab().identities("Set-CsCertificate", "Thumbprint", &[]);
        assert!(all.len() >= 4, "{all:?}");
        assert!(all
            .iter()
            .any(|(t, d)| t == "AFFBA3910E2D85E39B2CFFC651A86109A45FB721"
                && d == "CN=sip.jacobs.com (on lyncedge.jacobs.local)"));
        let given = [(
            "Computer".to_string(),
            "LYNCSERVER.jacobs.local".to_string(),
        )];
        let one = lab().identities("Set-CsCertificate", "Thumbprint", &given);
        assert_eq!(
            values(&one),
            [
                "F14C49897B1AE5C91DF8E725FB31175EC3C50AD3",
                "F141084EE2B518979BEF3C16EDDC20BD7CFAA17C"
            ]
        );
        assert_eq!(one[0].1, "CN=lyncserver.jacobs.local");
        let local = DocumentIdentities::new(
            crate::topology::default_document(),
            catalog(),
            Some("lyncedge.jacobs.local".into()),
        );
        let edge = local.identities("Set-CsCertificate", "Thumbprint", &[]);
        assert_eq!(edge.len(), 2, "{edge:?}");
        assert_eq!(edge[0].1, "CN=sip.jacobs.com");
    }

    #[test]
    fn pools_sites_and_computers() {
        let pools = lab().identities("Get-CsService", "PoolFqdn", &[]);
        assert!(values(&pools).contains(&"lyncedge.jacobs.local"));
        let computers = lab().identities("Get-CsWindowsService", "ComputerName", &[]);
        assert!(values(&computers).contains(&"tmg.jacobs.local"));
        let sites = lab().identities("Get-CsSite", "Identity", &[]);
        assert!(!sites.is_empty());
        assert!(sites[0].1.starts_with("Site:"));
    }
}
