//! The YAML module: stable round trips (also of large generated documents) and defensive
//! reading (size limit, alias bombs, duplicate keys, positions in errors).

use lyncsh::topology::model::Document;
use lyncsh::topology::yaml::{self, Limits, YamlError};
use lyncsh::topology::{default_document, DEFAULT_YAML};

/// The default lab with `n` extra Standard Edition pools, each a renamed copy of the front
/// end with its certificates, plus a configuration collection of `n` instances.
fn generated(n: usize) -> Document {
    let mut doc = default_document();
    let template = doc.topology.pools[0].clone();
    for i in 0..n {
        let mut pool = template.clone();
        pool.fqdn = format!("se{i:05}.jacobs.local");
        pool.machines[0].fqdn = pool.fqdn.clone();
        pool.machines[0].certificates[0].thumbprint = format!("{i:040X}");
        doc.topology.pools.push(pool);
    }
    let instances = (0..n)
        .map(|i| {
            let mut o = indexmap::IndexMap::new();
            o.insert(
                "Identity".to_string(),
                serde_json::json!(format!("Tag:Policy{i}")),
            );
            o.insert("Enabled".to_string(), serde_json::json!(i % 2 == 0));
            o.insert(
                "Prefixes".to_string(),
                serde_json::json!(["callto:", "file:", i]),
            );
            o
        })
        .collect();
    doc.configuration
        .insert("mobilityPolicies".to_string(), instances);
    doc
}

fn round_trip(doc: &Document) {
    let text = yaml::to_string(doc).unwrap();
    let limits = Limits::default();
    let back: Document = yaml::from_str(&text, &limits).unwrap();
    assert_eq!(&back, doc, "content survives a round trip");
    let again = yaml::to_string(&back).unwrap();
    assert!(again == text, "serialisation is byte-stable");
}

#[test]
fn default_round_trips() {
    round_trip(&default_document());
    let doc: Document = yaml::from_str(DEFAULT_YAML, &Limits::default()).unwrap();
    assert_eq!(yaml::to_string(&doc).unwrap(), DEFAULT_YAML);
}

#[test]
fn large_generated_documents_round_trip() {
    // ~2,000 pools is several MB: well past serde-saphyr's default node budget.
    let doc = generated(2000);
    let text = yaml::to_string(&doc).unwrap();
    assert!(text.len() > 2_000_000, "{} bytes", text.len());
    round_trip(&doc);
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let limits = Limits { max_bytes: 100 };
    let err = yaml::from_str::<Document>(&"#".repeat(101), &limits).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the document is 101 bytes, larger than the limit of 100 bytes"
    );
}

const BOMB: &str = "header: {schemaVersion: 1, version: 0}
topology: {}
configuration:
  x:
  - a: &a [x,x,x,x,x,x,x,x,x]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
";

#[test]
fn alias_bombs_are_refused() {
    let err = yaml::from_str::<Document>(BOMB, &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 7, column 33: more than 16 aliases (*name)"
    );
}

#[test]
fn duplicate_keys_are_refused_with_position() {
    let text = "header:\n  schemaVersion: 1\n  schemaVersion: 2\n";
    let err = yaml::from_str::<Document>(text, &Limits::default()).unwrap_err();
    assert_eq!(
        err,
        YamlError::Invalid {
            line: 3,
            column: 3,
            message: "duplicate mapping key: schemaVersion".into()
        }
    );
}

#[test]
fn syntax_and_shape_errors_carry_line_and_column() {
    let limits = Limits::default();
    let err = yaml::from_str::<Document>(
        "header: {schemaVersion: 1, version: 0}\ntopology:\n  pools: [\n",
        &limits,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "line 3, column 10: unclosed bracket '['");
    let err = yaml::from_str::<Document>(
        "header:\n  schemaVersion: 1\n  version: 0\n  bogus: 1\ntopology: {}\nconfiguration: {}\n",
        &limits,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "line 4, column 3: unknown field `bogus`, expected one of schemaVersion, version, parent, author, time, message, changes, checksum");
}
