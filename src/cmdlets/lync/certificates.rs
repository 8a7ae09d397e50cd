//! Certificates on the local computer: Get-, Set-, Remove- and Request-CsCertificate. A
//! certificate sits in the computer's store (the topology document) and is "assigned" to Lync
//! uses; Get-CsCertificate shows one object per assigned use.

use std::cell::RefMut;
use std::rc::Rc;

use sha1::{Digest, Sha1};

use super::computer::LocalComputer;
use super::{DocHost, SharedDoc};
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::{PsObject, Value};
use crate::topology::model::{Certificate, CertificateUse, Pool, Topology};
use crate::topology::time::{format_rfc3339, now_unix, parse_rfc3339};

pub fn register(registry: &mut Registry, doc: SharedDoc, computer: LocalComputer) {
    for (name, verb) in [
        ("Get-CsCertificate", Verb::Get),
        ("Set-CsCertificate", Verb::Set),
        ("Remove-CsCertificate", Verb::Remove),
        ("Request-CsCertificate", Verb::Request),
        ("Import-CsCertificate", Verb::Import),
    ] {
        registry.add(
            name,
            Rc::new(Certificates {
                verb,
                doc: doc.clone(),
                computer: computer.clone(),
            }),
        );
    }
}

#[derive(Clone, Copy)]
enum Verb {
    Get,
    Set,
    Remove,
    Request,
    Import,
}

struct Certificates {
    verb: Verb,
    doc: SharedDoc,
    computer: LocalComputer,
}

impl Cmdlet for Certificates {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let result = match self.verb {
            Verb::Get => self.get(cx, params),
            Verb::Set => self.set(cx, params),
            Verb::Remove => self.remove(cx, params),
            Verb::Request => self.request(cx, params),
            Verb::Import => self.import(cx, params),
        };
        super::report(cx, result);
        Ok(())
    }
}

/// The -Type values, checked against what an on-premises Lync Server 2010 can assign.
fn uses(params: &BoundParameters) -> Result<Option<Vec<CertificateUse>>, ErrorRecord> {
    let Some(names) = params.strings("Type") else {
        return Ok(None);
    };
    names
        .iter()
        .map(|n| {
            CertificateUse::parse(n).ok_or_else(|| {
                ErrorRecord::new(
                    ErrorCategory::InvalidArgument,
                    "UnsupportedCertificateUse",
                    format!("The certificate use \"{n}\" belongs to Lync Online or a later Lync Server version and cannot be assigned on Lync Server 2010."),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn date(text: &str) -> Value {
    parse_rfc3339(text).map_or(Value::Null, Value::DateTime)
}

/// Get-CsCertificate's object (Request-CsCertificate prints the same without Use).
fn reference(cert: &Certificate, usage: Option<CertificateUse>) -> Value {
    let o = PsObject::new("Microsoft.Rtc.Management.Deployment.CertificateReference")
        .with("Issuer", cert.issuer.clone())
        .with("NotAfter", date(&cert.not_after))
        .with("NotBefore", date(&cert.not_before))
        .with("SerialNumber", cert.serial_number.clone())
        .with("Subject", cert.subject.clone())
        .with("AlternativeNames", cert.alternative_names.clone())
        .with("Thumbprint", cert.thumbprint.clone());
    match usage {
        Some(u) => o.with("Use", u.name()),
        None => o,
    }
    .into_value()
}

/// The pool a machine belongs to.
fn pool_of<'t>(topology: &'t Topology, machine: &str) -> Option<&'t Pool> {
    topology.machine(machine).map(|(p, _)| p)
}

/// The autodiscover names mobility clients look up, per SIP domain: lyncdiscoverinternal.<d>
/// on the internal web services, lyncdiscover.<d> on the external ones.
pub fn autodiscover_names(topology: &Topology, usage: CertificateUse) -> Vec<String> {
    let prefix = match usage {
        CertificateUse::Default | CertificateUse::WebServicesInternal => "lyncdiscoverinternal",
        CertificateUse::WebServicesExternal => "lyncdiscover",
        _ => return Vec::new(),
    };
    topology
        .sip_domains
        .iter()
        .map(|d| format!("{prefix}.{}", d.name))
        .collect()
}

impl Certificates {
    fn get(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let wanted = uses(params)?;
        let found: Vec<Value> = {
            let host = self.doc.borrow();
            let computer = self.computer.fqdn(host.doc())?;
            host.doc()
                .topology
                .certificates(&computer)
                .iter()
                .flat_map(|cert| cert.uses.iter().map(move |u| (cert, *u)))
                .filter(|(_, u)| wanted.as_ref().is_none_or(|w| w.contains(u)))
                .map(|(cert, u)| reference(cert, Some(u)))
                .collect()
        };
        found.into_iter().for_each(|v| cx.write_output(v));
        Ok(())
    }

    fn set(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let thumbprint = match params.get("Reference") {
            Some(r) if !r.is_null() => r.property("Thumbprint").to_ps_string(),
            _ => params.string("Thumbprint").unwrap_or_default(),
        };
        let thumbprint = thumbprint.trim().replace(' ', "");
        let wanted = uses(params)?.unwrap_or_default();
        let mut host = self.doc.borrow_mut();
        let computer = self.computer.fqdn(host.doc())?;
        let topology = &host.doc().topology;
        let Some(cert) = topology
            .certificates(&computer)
            .iter()
            .find(|c| c.thumbprint.eq_ignore_ascii_case(&thumbprint))
            .cloned()
        else {
            return Err(ErrorRecord::new(
                ErrorCategory::ObjectNotFound,
                "CertificateNotFound",
                format!("Cannot find a certificate with thumbprint \"{thumbprint}\" in the certificate store of {computer}. Request one with Request-CsCertificate or import it with Import-CsCertificate first."),
            )
            .with_target(&thumbprint, "String"));
        };
        let now = now_unix();
        let expired = parse_rfc3339(&cert.not_after).is_some_and(|t| t < now);
        let early = parse_rfc3339(&cert.not_before).is_some_and(|t| t > now);
        if expired || early {
            return Err(ErrorRecord::new(
                ErrorCategory::InvalidData,
                "CertificateNotValid",
                format!(
                    "The certificate \"{}\" is {} (valid from {} to {}). Assign a certificate that is valid now.",
                    cert.thumbprint,
                    if expired { "expired" } else { "not yet valid" },
                    cert.not_before,
                    cert.not_after
                ),
            ));
        }
        // One warning per missing name, naming every use that needs it.
        let mut missing: Vec<(String, Vec<&str>)> = Vec::new();
        for usage in &wanted {
            for name in autodiscover_names(topology, *usage) {
                if cert.covers(&name) {
                    continue;
                }
                match missing.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, uses)) => uses.push(usage.name()),
                    None => missing.push((name, vec![usage.name()])),
                }
            }
        }
        let warnings: Vec<String> = missing
            .iter()
            .map(|(name, uses)| {
                format!(
                    "The certificate \"{}\" assigned to {} does not contain {name} in its subject alternative names. Lync Mobility clients will not trust the Autodiscover service: request a certificate that includes it (Request-CsCertificate -New -Type {} -AllSipDomain) and assign that one.",
                    cert.thumbprint,
                    uses.join(", "),
                    uses.join(",")
                )
            })
            .collect();
        let target = format!(
            "{} ({})",
            cert.thumbprint,
            wanted
                .iter()
                .map(|u| u.name())
                .collect::<Vec<_>>()
                .join(",")
        );
        if !cx.should_process(&target, "Set-CsCertificate") {
            return Ok(());
        }
        for w in &warnings {
            cx.write_warning(w);
        }
        let machine = host
            .edit_unindexed()
            .topology
            .machine_mut(&computer)
            .expect("the local computer was found above");
        for c in &mut machine.certificates {
            let is_target = c.thumbprint.eq_ignore_ascii_case(&cert.thumbprint);
            c.uses.retain(|u| is_target || !wanted.contains(u));
            if is_target {
                for u in &wanted {
                    if !c.uses.contains(u) {
                        c.uses.push(*u);
                    }
                }
            }
        }
        Ok(())
    }

    fn remove(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let wanted = uses(params)?;
        let mut host = self.doc.borrow_mut();
        let computer = self.computer.fqdn(host.doc())?;
        let assigned: Vec<CertificateUse> = host
            .doc()
            .topology
            .certificates(&computer)
            .iter()
            .flat_map(|c| c.uses.iter().copied())
            .collect();
        let targets: Vec<CertificateUse> = match wanted {
            Some(w) => {
                if let Some(missing) = w.iter().find(|u| !assigned.contains(u)) {
                    return Err(ErrorRecord::new(
                        ErrorCategory::ObjectNotFound,
                        "CertificateNotAssigned",
                        format!(
                            "No certificate is assigned to {} on {computer}.",
                            missing.name()
                        ),
                    ));
                }
                w
            }
            None => assigned,
        };
        let mut removed = Vec::new();
        for usage in targets {
            if cx.should_process(
                &format!("{} on {computer}", usage.name()),
                "Remove-CsCertificate",
            ) {
                removed.push(usage);
            }
        }
        let machine = host
            .edit_unindexed()
            .topology
            .machine_mut(&computer)
            .expect("the local computer was found above");
        for c in &mut machine.certificates {
            c.uses.retain(|u| !removed.contains(u));
        }
        Ok(())
    }

    fn request(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let wanted = uses(params)?.unwrap_or_default();
        let host = self.doc.borrow_mut();
        let computer = self.computer.fqdn(host.doc())?;
        let topology = &host.doc().topology;
        let pool = pool_of(topology, &computer).cloned();
        let subject_name = pool.as_ref().map_or(computer.clone(), |p| p.fqdn.clone());
        let names = requested_names(
            topology,
            pool.as_ref(),
            &computer,
            &wanted,
            params.switch("AllSipDomain"),
            params.string("DomainName").as_deref(),
        );
        let issuer = match params.string("Ca") {
            Some(ca) => format!("CN={}", ca.rsplit('\\').next().unwrap_or(&ca)),
            // The enterprise CA that issued the computer's current certificate, as a real
            // request without -Ca would find through Active Directory.
            None => topology
                .certificates(&computer)
                .first()
                .map_or("CN=Enterprise Root CA".to_string(), |c| c.issuer.clone()),
        };
        let mut subject = format!("CN={subject_name}");
        for (param, key) in [
            ("OU", "OU"),
            ("Organization", "O"),
            ("City", "L"),
            ("State", "S"),
            ("Country", "C"),
        ] {
            if let Some(v) = params.string(param) {
                subject.push_str(&format!(", {key}={v}"));
            }
        }
        let digest = |parts: &[&str]| -> String {
            let mut h = Sha1::new();
            for p in parts {
                h.update(p.as_bytes());
                h.update([0u8]);
            }
            h.finalize().iter().map(|b| format!("{b:02X}")).collect()
        };
        let joined = names.join(",");
        let serial = digest(&["serial", &subject, &joined, &issuer])[..20].to_string();
        let thumbprint = digest(&[&subject, &joined, &issuer, &serial]);
        if topology
            .certificates(&computer)
            .iter()
            .any(|c| c.thumbprint == thumbprint)
        {
            cx.write_warning(&format!("The certificate {thumbprint} with these names is already in the certificate store of {computer}; nothing was requested."));
            return Ok(());
        }
        let now = now_unix();
        let cert = Certificate {
            thumbprint,
            subject,
            alternative_names: names,
            issuer,
            serial_number: serial,
            not_before: format_rfc3339(now),
            not_after: format_rfc3339(now + 2 * 365 * 86_400),
            uses: Vec::new(),
        };
        if !cx.should_process(&cert.subject, "Request-CsCertificate") {
            return Ok(());
        }
        cx.write_verbose(&format!(
            "The certificate was issued by {} and installed in the certificate store of {computer}. Assign it with Set-CsCertificate -Type {} -Thumbprint {}.",
            cert.issuer,
            wanted.iter().map(|u| u.name()).collect::<Vec<_>>().join(","),
            cert.thumbprint
        ));
        install(cx, host, &computer, cert);
        Ok(())
    }
}

impl Certificates {
    fn import(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let path = params.string("Path").unwrap_or_default();
        if params.has("Password") {
            return Err(ErrorRecord::new(
                ErrorCategory::InvalidOperation,
                "PfxNotSupported",
                format!("Cannot import \"{path}\": PFX files with a private key cannot be imported offline. Export the certificate without its private key (.cer) and import that."),
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            let (category, id, message) = match e.kind() {
                std::io::ErrorKind::NotFound => (
                    ErrorCategory::ObjectNotFound,
                    "PathNotFound",
                    format!("Cannot find path '{path}' because it does not exist."),
                ),
                _ => (
                    ErrorCategory::ReadError,
                    "FileReadError",
                    format!("Cannot read '{path}': {e}."),
                ),
            };
            ErrorRecord::new(category, id, message).with_target(&path, "String")
        })?;
        let cert = parse_certificate(&bytes).map_err(|why| {
            ErrorRecord::new(
                ErrorCategory::InvalidData,
                "InvalidCertificateFile",
                format!("The file '{path}' is not a PEM or DER X.509 certificate: {why}."),
            )
            .with_target(&path, "String")
        })?;
        let host = self.doc.borrow_mut();
        let computer = self.computer.fqdn(host.doc())?;
        if host
            .doc()
            .topology
            .certificates(&computer)
            .iter()
            .any(|c| c.thumbprint == cert.thumbprint)
        {
            cx.write_warning(&format!("The certificate {} is already in the certificate store of {computer}; nothing was imported.", cert.thumbprint));
            return Ok(());
        }
        if !cx.should_process(&cert.subject, "Import-CsCertificate") {
            return Ok(());
        }
        install(cx, host, &computer, cert);
        Ok(())
    }
}

/// Puts `cert` in the certificate store of `computer` (a machine of the topology) and writes
/// it as Get-CsCertificate shows it, once the document is no longer borrowed.
fn install(
    cx: &mut dyn CommandContext,
    mut host: RefMut<'_, dyn DocHost>,
    computer: &str,
    cert: Certificate,
) {
    let shown = reference(&cert, None);
    host.edit_unindexed()
        .topology
        .machine_mut(computer)
        .expect("the local computer was found above")
        .certificates
        .push(cert);
    drop(host);
    cx.write_output(shown);
}

/// Reads a PEM or DER certificate: the thumbprint is the SHA-1 of the DER bytes, as Windows
/// shows it.
pub fn parse_certificate(bytes: &[u8]) -> Result<Certificate, String> {
    use x509_cert::der::{pem, Decode};
    use x509_cert::ext::pkix::name::GeneralName;
    use x509_cert::ext::pkix::SubjectAltName;

    let der = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        let (label, der) = pem::decode_vec(bytes.trim_ascii()).map_err(|e| e.to_string())?;
        if label != "CERTIFICATE" {
            return Err(format!("it holds a {label}, not a CERTIFICATE"));
        }
        der
    } else {
        bytes.to_vec()
    };
    let cert = x509_cert::Certificate::from_der(&der).map_err(|e| e.to_string())?;
    let tbs = cert.tbs_certificate();
    let alternative_names = match tbs.get_extension::<SubjectAltName>() {
        Ok(Some((_, san))) => san
            .0
            .iter()
            .filter_map(|n| match n {
                GeneralName::DnsName(d) => Some(d.to_string()),
                _ => None,
            })
            .collect(),
        Ok(None) => Vec::new(),
        Err(e) => return Err(format!("its subject alternative names do not decode: {e}")),
    };
    let time = |t: x509_cert::time::Time| format_rfc3339(t.to_unix_duration().as_secs() as i64);
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
    Ok(Certificate {
        thumbprint: hex(&Sha1::digest(&der)),
        subject: windows_name(&tbs.subject().to_string()),
        alternative_names,
        issuer: windows_name(&tbs.issuer().to_string()),
        serial_number: hex(tbs.serial_number().as_bytes()),
        not_before: time(tbs.validity().not_before),
        not_after: time(tbs.validity().not_after),
        uses: Vec::new(),
    })
}

/// RFC 4514 `CN=a,O=b` as Windows prints distinguished names: `CN=a, O=b`.
fn windows_name(rfc4514: &str) -> String {
    let mut out = String::new();
    let mut escaped = false;
    for c in rfc4514.chars() {
        out.push(c);
        if c == ',' && !escaped {
            out.push(' ');
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

/// The subject alternative names Lync requests for the given uses: sip.<domain>, the pool and
/// computer FQDNs, the web services FQDNs, the simple URLs' hosts, with -AllSipDomain the
/// autodiscover names of every SIP domain (otherwise sip. of the default one only), then the
/// -DomainName extras.
pub fn requested_names(
    topology: &Topology,
    pool: Option<&Pool>,
    computer: &str,
    uses: &[CertificateUse],
    all_sip_domains: bool,
    extra: Option<&str>,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: String| {
        if !n.is_empty() && !names.iter().any(|x| x.eq_ignore_ascii_case(&n)) {
            names.push(n);
        }
    };
    let domains: Vec<&str> = if all_sip_domains {
        topology
            .sip_domains
            .iter()
            .map(|d| d.name.as_str())
            .collect()
    } else {
        topology
            .default_sip_domain()
            .map(|d| d.name.as_str())
            .into_iter()
            .collect()
    };
    for d in &domains {
        add(format!("sip.{d}"));
    }
    if let Some(p) = pool {
        add(p.fqdn.clone());
    }
    add(computer.to_string());
    let web = pool.and_then(|p| p.services.web_server.as_ref());
    let has = |u: CertificateUse| uses.contains(&u);
    if let Some(w) = web {
        if has(CertificateUse::Default) || has(CertificateUse::WebServicesInternal) {
            add(w.internal_fqdn.clone());
        }
        if has(CertificateUse::WebServicesExternal) {
            if let Some(ext) = &w.external_fqdn {
                add(ext.clone());
            }
        }
    }
    for url in &topology.simple_urls {
        let host = url
            .url
            .split("://")
            .nth(1)
            .unwrap_or(&url.url)
            .split('/')
            .next()
            .unwrap_or_default();
        add(host.to_string());
    }
    if all_sip_domains {
        for usage in uses {
            for n in autodiscover_names(topology, *usage) {
                add(n);
            }
        }
    }
    for n in extra.unwrap_or_default().split(',') {
        add(n.trim().to_string());
    }
    names
}
