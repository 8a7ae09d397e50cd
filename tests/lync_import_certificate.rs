//! Import-CsCertificate reads real X.509 files. The test builds small certificates itself,
//! DER-encoding them by hand (no signing library needed: the shell never checks signatures).

mod lync_support;

use lync_support::Script;
use sha1::{Digest, Sha1};

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend([0x81, n as u8]);
    } else {
        out.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A Name of `O=<org>, CN=<cn>` (RFC 4514 prints it `CN=<cn>,O=<org>`).
fn name(cn: &str, org: &str) -> Vec<u8> {
    let rdn =
        |oid: &[u8], value: &str| tlv(0x31, &seq(&[tlv(0x06, oid), tlv(0x0C, value.as_bytes())]));
    seq(&[rdn(&[0x55, 0x04, 0x0A], org), rdn(&[0x55, 0x04, 0x03], cn)])
}

/// A DER certificate with the given subject, SANs and validity (UTCTime `YYMMDDHHMMSSZ`).
fn certificate(cn: &str, sans: &[&str], not_before: &str, not_after: &str) -> Vec<u8> {
    let sha256_rsa = seq(&[
        tlv(
            0x06,
            &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B],
        ),
        vec![0x05, 0x00],
    ]);
    let rsa = seq(&[
        tlv(
            0x06,
            &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01],
        ),
        vec![0x05, 0x00],
    ]);
    let key = seq(&[
        tlv(0x02, &[0x00, 0xC3, 0x5A, 0x11, 0x07]),
        tlv(0x02, &[0x01, 0x00, 0x01]),
    ]);
    let mut bits = vec![0x00];
    bits.extend(key);
    let names: Vec<u8> = sans.iter().flat_map(|s| tlv(0x82, s.as_bytes())).collect();
    let san = seq(&[
        tlv(0x06, &[0x55, 0x1D, 0x11]),
        tlv(0x04, &tlv(0x30, &names)),
    ]);
    let tbs = seq(&[
        tlv(0xA0, &tlv(0x02, &[0x02])),
        tlv(0x02, &[0x1C, 0x17, 0x14, 0x9D, 0x43]),
        sha256_rsa.clone(),
        name("jacobs-DC-CA", "Jacobs"),
        seq(&[
            tlv(0x17, not_before.as_bytes()),
            tlv(0x17, not_after.as_bytes()),
        ]),
        name(cn, "Jacobs"),
        seq(&[rsa, tlv(0x03, &bits)]),
        tlv(0xA3, &seq(&[san])),
    ]);
    seq(&[tbs, sha256_rsa, tlv(0x03, &[0x00, 0xDE, 0xAD, 0xBE, 0xEF])])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

#[test]
fn import_der_and_pem_files_then_assign_them() {
    let dir = tempfile::tempdir().unwrap();
    let der = certificate(
        "lyncserver.jacobs.local",
        &[
            "lyncserver.jacobs.local",
            "sip.jacobs.com",
            "lyncdiscoverinternal.jacobs.com",
            "lyncdiscover.jacobs.com",
        ],
        "120101000000Z",
        "300101000000Z",
    );
    let thumbprint = hex(&Sha1::digest(&der));
    let cer = dir.path().join("lyncserver.cer");
    std::fs::write(&cer, &der).unwrap();
    let mut sh = Script::new();
    let (out, err) = sh.run(&format!("Import-CsCertificate -Path '{}'", cer.display()));
    assert_eq!(err, "");
    assert!(
        out.contains(&format!("Thumbprint       : {thumbprint}")),
        "{out}"
    );
    assert!(
        out.contains("Subject          : CN=lyncserver.jacobs.local, O=Jacobs"),
        "{out}"
    );
    assert!(
        out.contains("Issuer           : CN=jacobs-DC-CA, O=Jacobs"),
        "{out}"
    );
    assert!(out.contains("SerialNumber     : 1C17149D43"), "{out}");
    assert!(
        out.contains("NotAfter         : 1/1/2030 12:00:00 AM"),
        "{out}"
    );
    {
        let ws = sh.ws.borrow();
        let stored = ws
            .doc()
            .topology
            .certificates("lyncserver.jacobs.local")
            .last()
            .unwrap()
            .clone();
        assert_eq!(stored.thumbprint, thumbprint);
        assert_eq!(stored.not_before, "2012-01-01T00:00:00Z");
        assert_eq!(stored.alternative_names.len(), 4);
        assert!(stored.uses.is_empty());
    }
    let (out, err) = sh.run(&format!("Set-CsCertificate -Type Default,WebServicesInternal,WebServicesExternal -Thumbprint {thumbprint}"));
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("", ""),
        "the names cover autodiscover: no warning"
    );
    // The same certificate as PEM is recognised as the one already there.
    let pem_text = x509_cert::der::pem::encode_string(
        "CERTIFICATE",
        x509_cert::der::pem::LineEnding::LF,
        &der,
    )
    .unwrap();
    let pem = dir.path().join("lyncserver.pem");
    std::fs::write(&pem, pem_text).unwrap();
    let (out, _) = sh.run(&format!("Import-CsCertificate -Path '{}'", pem.display()));
    assert_eq!(out, format!("WARNING: The certificate {thumbprint} is already in the certificate store of lyncserver.jacobs.local; nothing was imported.\n"));
}

#[test]
fn import_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut sh = Script::new();
    let missing = dir.path().join("missing.cer");
    let (_, err) = sh.run(&format!(
        "Import-CsCertificate -Path '{}'",
        missing.display()
    ));
    assert!(
        err.starts_with(&format!(
            "Import-CsCertificate : Cannot find path '{}' because it does not exist.",
            missing.display()
        )),
        "{err}"
    );
    let junk = dir.path().join("junk.cer");
    std::fs::write(&junk, b"not a certificate").unwrap();
    let (_, err) = sh.run(&format!("Import-CsCertificate -Path '{}'", junk.display()));
    assert!(
        err.starts_with(&format!(
            "Import-CsCertificate : The file '{}' is not a PEM or DER X.509 certificate:",
            junk.display()
        )),
        "{err}"
    );
    let (_, err) = sh.run(&format!(
        "Import-CsCertificate -Path '{}' -Password secret",
        junk.display()
    ));
    assert!(
        err.contains("PFX files with a private key cannot be imported offline"),
        "{err}"
    );
    // An expired certificate imports, but cannot be assigned.
    let old = certificate(
        "old.jacobs.local",
        &["old.jacobs.local"],
        "100101000000Z",
        "110101000000Z",
    );
    let path = dir.path().join("old.cer");
    std::fs::write(&path, &old).unwrap();
    let (_, err) = sh.run(&format!("Import-CsCertificate -Path '{}'", path.display()));
    assert_eq!(err, "");
    let (_, err) = sh.run(&format!(
        "Set-CsCertificate -Type Default -Thumbprint {}",
        hex(&Sha1::digest(&old))
    ));
    assert!(err.contains("is expired"), "{err}");
}
