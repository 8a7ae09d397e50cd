//! topology/schema.json is generated from the model: this fails when it is stale
//! (`LYNCSH_BLESS=1 cargo test --test store_schema` regenerates it) and checks that
//! topology/default.yaml validates against it.
//!
//! The check is a small validator of the JSON Schema keywords schemars emits ($ref, type,
//! properties, required, additionalProperties, items, enum, const, anyOf/oneOf, minimum,
//! maximum) rather than a full JSON Schema crate, to keep the build light.

use lyncsh::topology::schema::json_schema;
use lyncsh::topology::{yaml, DEFAULT_YAML};
use serde_json::Value;

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/topology/schema.json");

#[test]
fn committed_schema_is_current() {
    let generated = json_schema();
    if std::env::var_os("LYNCSH_BLESS").is_some() {
        std::fs::write(SCHEMA_PATH, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(SCHEMA_PATH).unwrap();
    assert!(
        committed == generated,
        "topology/schema.json is stale: run LYNCSH_BLESS=1 cargo test --test store_schema"
    );
}

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(SCHEMA_PATH).unwrap()).unwrap()
}

fn errors(instance: &Value) -> Vec<String> {
    let root = schema();
    let mut out = Vec::new();
    check(&root, &root, instance, "$", &mut out);
    out
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").expect("local $ref");
            resolve(root, &root["$defs"][name])
        }
        None => schema,
    }
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unsupported type {other}"),
    }
}

fn check(root: &Value, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if schema == &Value::Bool(true) {
        return;
    }
    if let Some(options) = schema.get("anyOf").or_else(|| schema.get("oneOf")) {
        // Option<T> is `anyOf: [T, null]`: report T's own errors for a non-null value.
        let non_null: Vec<&Value> = options
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o.get("type") != Some(&Value::from("null")))
            .collect();
        if let [only] = non_null[..] {
            if !v.is_null() {
                check(root, only, v, at, out);
                return;
            }
        }
        let ok = options.as_array().unwrap().iter().any(|o| {
            let mut e = Vec::new();
            check(root, o, v, at, &mut e);
            e.is_empty()
        });
        if !ok {
            out.push(format!("{at}: matches none of the alternatives"));
        }
        return;
    }
    if let Some(t) = schema.get("type") {
        let names: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type keyword"),
        };
        if !names.iter().any(|n| type_matches(n, v)) {
            out.push(format!("{at}: expected {names:?}, found {v}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(v) {
            let names: Vec<String> = allowed.iter().map(Value::to_string).collect();
            out.push(format!("{at}: {v} is not one of {}", names.join(", ")));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            out.push(format!("{at}: expected {c}"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if n < min {
            out.push(format!("{at}: {n} is below {min}"));
        }
    }
    if let (Some(max), Some(n)) = (schema.get("maximum").and_then(Value::as_f64), v.as_f64()) {
        if n > max {
            out.push(format!("{at}: {n} is above {max}"));
        }
    }
    if let Value::Object(map) = v {
        let props = schema.get("properties").and_then(Value::as_object);
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(key.as_str().unwrap()) {
                out.push(format!("{at}: missing required {key}"));
            }
        }
        for (k, child) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => check(root, s, child, &format!("{at}.{k}"), out),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{at}: unknown property {k}")),
                    Some(s @ Value::Object(_)) => check(root, s, child, &format!("{at}.{k}"), out),
                    _ => {}
                },
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(root, s, item, &format!("{at}[{i}]"), out);
        }
    }
}

fn default_as_json() -> Value {
    yaml::from_str(DEFAULT_YAML, &yaml::Limits::default()).unwrap()
}

#[test]
fn default_yaml_validates_against_the_schema() {
    assert_eq!(errors(&default_as_json()), Vec::<String>::new());
}

#[test]
fn the_schema_catches_what_editors_should_flag() {
    let mut doc = default_as_json();
    doc["topology"]["pools"][0]["kind"] = "Frontend".into();
    doc["topology"]["pools"][0]["services"]["webServer"]["mcxSipPrimaryListeningPort"] =
        70000.into();
    doc["topology"]["sites"][0]["colour"] = "blue".into();
    assert_eq!(
        errors(&doc),
        [
            "$.topology.sites[0]: unknown property colour",
            "$.topology.pools[0].kind: \"Frontend\" is not one of \"StandardEdition\", \"EnterpriseFrontEnd\", \"Director\", \"Edge\", \"Mediation\", \"Monitoring\", \"Archiving\", \"ReverseProxy\", \"FileStore\", \"Sql\"",
            "$.topology.pools[0].services.webServer.mcxSipPrimaryListeningPort: 70000 is above 65535",
        ]
    );
}
