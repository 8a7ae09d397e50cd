//! Moving settings between the document (JSON values typed by the catalog's property
//! definitions) and the shell (PowerShell values and objects).

use serde_json::{Map, Value as Json};

use crate::catalog::schema::{ObjectDef, PropertyDef};
use crate::catalog::Catalog;
use crate::engine::value::{PsObject, Value};
use crate::topology::model::ConfigObject;

/// The object definition a property type names (`WebLink[]` → the CsWebLink definition).
pub fn nested_object<'c>(catalog: &'c Catalog, type_name: &str) -> Option<&'c ObjectDef> {
    let base = type_name.trim_end_matches("[]");
    catalog
        .objects()
        .iter()
        .find(|o| o.type_name.rsplit('.').next() == Some(base))
}

/// A stored value as the shell sees it.
pub fn to_value(json: &Json, type_name: &str, catalog: &Catalog) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Int)
            .or_else(|| n.as_u64().map(|u| Value::Int(u as i64)))
            .unwrap_or_else(|| Value::Double(n.as_f64().unwrap_or(0.0))),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => {
            let element = type_name.trim_end_matches("[]");
            Value::Array(
                items
                    .iter()
                    .map(|i| to_value(i, element, catalog))
                    .collect(),
            )
        }
        Json::Object(map) => {
            let mut o = PsObject::new(
                nested_object(catalog, type_name)
                    .map(|d| d.type_name.clone())
                    .unwrap_or_else(|| "System.Management.Automation.PSCustomObject".into()),
            );
            for (k, v) in map {
                o.properties.insert(k.clone(), to_value(v, "", catalog));
            }
            o.into_value()
        }
    }
}

/// Converts a shell value into the stored form of `prop`, checking type, enum and range.
/// The error is the message PowerShell gives for the failed conversion or validation.
pub fn from_value(value: &Value, prop: &PropertyDef, catalog: &Catalog) -> Result<Json, String> {
    convert(value, &prop.type_name, prop.range, catalog)
}

fn convert(
    value: &Value,
    type_name: &str,
    range: Option<(i64, i64)>,
    catalog: &Catalog,
) -> Result<Json, String> {
    if value.is_null() {
        return Ok(if type_name.ends_with("[]") {
            Json::Array(Vec::new())
        } else {
            Json::Null
        });
    }
    if let Some(element) = type_name.strip_suffix("[]") {
        return value
            .clone()
            .into_items()
            .iter()
            .map(|v| convert(v, element, None, catalog))
            .collect::<Result<Vec<_>, _>>()
            .map(Json::Array);
    }
    let cannot = |why: &str| {
        format!(
            "Cannot convert value \"{}\" to type \"{}\". Error: \"{why}\"",
            value.to_ps_string(),
            dotnet_name(type_name)
        )
    };
    match type_name {
        "Boolean" => match value {
            Value::Bool(b) | Value::Switch(b) => Ok(Json::Bool(*b)),
            Value::Int(_) | Value::Double(_) | Value::NumberText(..) => {
                Ok(Json::Bool(value.is_truthy()))
            }
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Json::Bool(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Json::Bool(false)),
            _ => Err(cannot("String was not recognized as a valid Boolean.")),
        },
        "UInt16" | "UInt32" | "UInt64" | "Int32" | "Int64" => {
            let n = match value {
                Value::String(s) => s.trim().parse::<f64>().ok(),
                Value::Bool(_) | Value::Switch(_) => None,
                v => v.as_f64(),
            }
            .filter(|n| n.fract() == 0.0)
            .ok_or_else(|| cannot("Input string was not in a correct format."))?;
            let (type_min, type_max) = match type_name {
                "UInt16" => (0.0, u16::MAX as f64),
                "UInt32" => (0.0, u32::MAX as f64),
                "UInt64" => (0.0, u64::MAX as f64),
                "Int32" => (i32::MIN as f64, i32::MAX as f64),
                _ => (i64::MIN as f64, i64::MAX as f64),
            };
            if n < type_min || n > type_max {
                return Err(cannot(&format!(
                    "Value was either too large or too small for a{} {type_name}.",
                    if type_name.starts_with('U') { "" } else { "n" }
                )));
            }
            if let Some((min, max)) = range {
                if n < min as f64 {
                    return Err(format!(
                        "The {n} argument is less than the minimum allowed range of {min}. Supply an argument that is greater than or equal to {min} and then try the command again."
                    ));
                }
                if n > max as f64 {
                    return Err(format!(
                        "The {n} argument is greater than the maximum allowed range of {max}. Supply an argument that is less than or equal to {max} and then try the command again."
                    ));
                }
            }
            Ok(Json::from(n as i64))
        }
        "String" => Ok(Json::String(value.to_ps_string())),
        other => {
            if let Some(values) = catalog.enum_values(other) {
                let text = value.to_ps_string();
                return values
                    .iter()
                    .find(|v| v.eq_ignore_ascii_case(text.trim()))
                    .map(|v| Json::String(v.clone()))
                    .ok_or_else(|| {
                        cannot(&format!(
                            "Unable to match the identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and try again: {}",
                            values.join(", ")
                        ))
                    });
            }
            match (nested_object(catalog, other), value) {
                (Some(def), Value::Object(o)) => {
                    let o = o.borrow();
                    let mut map = Map::new();
                    for p in &def.properties {
                        let v = o.get(&p.name).cloned().unwrap_or_default();
                        map.insert(p.name.clone(), from_value(&v, p, catalog)?);
                    }
                    Ok(Json::Object(map))
                }
                (Some(_), _) => Err(cannot("The value is not a web link object.")),
                // An untyped property keeps what it was given.
                (None, v) => Ok(Json::String(v.to_ps_string())),
            }
        }
    }
}

/// `System.UInt32` for primitives, the plain name for Lync enums and objects.
fn dotnet_name(type_name: &str) -> String {
    match type_name {
        "Boolean" | "UInt16" | "UInt32" | "UInt64" | "Int32" | "Int64" | "String" => {
            format!("System.{type_name}")
        }
        other => other.to_string(),
    }
}

/// A new instance with every property at its default, `Identity` first.
pub fn default_object(def: &ObjectDef, identity: &str) -> ConfigObject {
    let mut o = ConfigObject::new();
    o.insert("Identity".into(), Json::String(identity.to_string()));
    for p in &def.properties {
        o.insert(p.name.clone(), p.default.clone().unwrap_or(Json::Null));
    }
    o
}

/// The stored object with its properties in catalog order; properties missing from a
/// hand-edited document get their defaults, unknown ones are dropped.
pub fn normalize(def: &ObjectDef, stored: &ConfigObject) -> ConfigObject {
    let identity = stored
        .get("Identity")
        .and_then(Json::as_str)
        .unwrap_or_default();
    let mut o = default_object(def, identity);
    for (k, v) in o.iter_mut().skip(1) {
        if let Some((_, stored)) = stored.iter().find(|(sk, _)| sk.eq_ignore_ascii_case(k)) {
            *v = stored.clone();
        }
    }
    o
}

/// The object as Get- returns it: the .NET type name and the properties in print order.
pub fn to_ps_object(def: &ObjectDef, obj: &ConfigObject, catalog: &Catalog) -> PsObject {
    let mut ps = PsObject::new(def.type_name.clone());
    let identity = obj.get("Identity").cloned().unwrap_or(Json::Null);
    ps.properties
        .insert("Identity".into(), to_value(&identity, "String", catalog));
    for p in &def.properties {
        let v = obj.get(&p.name).unwrap_or(&Json::Null);
        ps.properties
            .insert(p.name.clone(), to_value(v, &p.type_name, catalog));
    }
    ps
}
