//! ConvertTo-Json and ConvertFrom-Json, as Windows PowerShell 5.1 writes and reads JSON:
//! four-space indentation, `"key":  value` with two spaces, nested values aligned under
//! their opening bracket, `<>&'` escaped as `\u003c`…, dates as `"\/Date(ms)\/"`.

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::format::view_properties;
use crate::engine::value::{PsObject, Value};

use super::error;

/// A value on its way to JSON text, after -Depth has been applied.
enum Json {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Converts a value; containers deeper than `max_depth` become their string form, as
/// PowerShell does.
fn to_json(value: &Value, depth: usize, max_depth: usize) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) | Value::Switch(b) => Json::Bool(*b),
        Value::Int(i) => Json::Number(i.to_string()),
        Value::Double(d) | Value::NumberText(d, _) => {
            if d.is_finite() {
                Json::Number(Value::Double(*d).to_ps_string())
            } else {
                Json::Str(Value::Double(*d).to_ps_string())
            }
        }
        Value::String(s) => Json::Str(s.clone()),
        Value::DateTime(secs) => Json::Str(format!("\\/Date({})\\/", secs * 1000)),
        Value::ScriptBlock(sb) => Json::Str(sb.text.to_string()),
        Value::Array(_) | Value::Object(_) | Value::Hashtable(_) if depth > max_depth => {
            Json::Str(value.to_ps_string())
        }
        Value::Array(items) => Json::Array(
            items
                .iter()
                .map(|i| to_json(i, depth + 1, max_depth))
                .collect(),
        ),
        Value::Object(_) | Value::Hashtable(_) => Json::Object(
            view_properties(value)
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v, depth + 1, max_depth)))
                .collect(),
        ),
    }
}

/// JSON string escaping as .NET's JavaScriptSerializer (used by 5.1) does it.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\'' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_compact(j: &Json, out: &mut String) {
    match j {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::Str(s) => out.push_str(&quote(s)),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&quote(k));
                out.push(':');
                write_compact(v, out);
            }
            out.push('}');
        }
    }
}

/// 5.1's layout: members and items four spaces in from their container's bracket, which for
/// a member's value sits right after `"key":  `.
fn write_pretty(j: &Json, pad: usize, out: &mut String) {
    match j {
        Json::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                out.push_str(&" ".repeat(pad + 4));
                write_pretty(item, pad + 4, out);
            }
            out.push('\n');
            out.push_str(&" ".repeat(pad));
            out.push(']');
        }
        Json::Object(members) => {
            out.push_str("{\n");
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                let key = quote(k);
                out.push_str(&" ".repeat(pad + 4));
                out.push_str(&key);
                out.push_str(":  ");
                write_pretty(v, pad + 4 + key.chars().count() + 3, out);
            }
            out.push('\n');
            out.push_str(&" ".repeat(pad));
            out.push('}');
        }
        scalar => write_compact(scalar, out),
    }
}

/// ConvertTo-Json: one input object as itself, several as one JSON array.
pub fn convert_to_json(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let value = if input.is_empty() {
        params.get("InputObject").cloned().unwrap_or_default()
    } else {
        Value::from_items(input)
    };
    let depth = params
        .get("Depth")
        .and_then(Value::as_f64)
        .map_or(2, |d| d.max(0.0) as usize);
    let json = to_json(&value, 0, depth);
    let mut text = String::new();
    if params.switch("Compress") {
        write_compact(&json, &mut text);
    } else {
        write_pretty(&json, 0, &mut text);
    }
    cx.write_output(Value::String(text));
    Ok(())
}

fn from_serde(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Double(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => {
            Value::Array(items.into_iter().map(from_serde).collect())
        }
        serde_json::Value::Object(map) => {
            let mut o = PsObject::new("System.Management.Automation.PSCustomObject");
            for (k, v) in map {
                o.properties.insert(k, from_serde(v));
            }
            o.into_value()
        }
    }
}

/// ConvertFrom-Json: the piped strings joined into one document; objects become
/// PSCustomObjects. A top-level array is written as one object, as 5.1 does.
pub fn convert_from_json(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let parts: Vec<String> = if input.is_empty() {
        params.strings("InputObject").unwrap_or_default()
    } else {
        input.iter().map(Value::to_ps_string).collect()
    };
    let text = parts.join("\n");
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => {
            cx.write_output(from_serde(v));
            Ok(())
        }
        Err(_) => {
            let primitive: String = text.trim().chars().take(40).collect();
            Err(error(
                cx,
                ErrorCategory::NotSpecified,
                "System.ArgumentException",
                format!("Invalid JSON primitive: {primitive}."),
            )
            .with_exception("System.ArgumentException"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty(v: &Value, depth: usize) -> String {
        let mut s = String::new();
        write_pretty(&to_json(v, 0, depth), 0, &mut s);
        s
    }

    #[test]
    fn nested_values_align_under_their_bracket() {
        let inner = PsObject::new("T").with("b", Value::Int(1)).into_value();
        let o = PsObject::new("T")
            .with("Name", "x")
            .with("Ports", Value::from(vec![Value::Int(1), Value::Int(2)]))
            .with("a", inner)
            .into_value();
        assert_eq!(
            pretty(&o, 2),
            "{\n    \"Name\":  \"x\",\n    \"Ports\":  [\n                  1,\n                  2\n              ],\n    \"a\":  {\n              \"b\":  1\n          }\n}"
        );
    }

    #[test]
    fn depth_turns_deep_objects_into_strings() {
        let deep = PsObject::new("T").with("x", Value::Int(1)).into_value();
        let o = PsObject::new("T").with("d", deep).into_value();
        assert_eq!(pretty(&o, 0), "{\n    \"d\":  \"@{x=1}\"\n}");
    }

    #[test]
    fn strings_escape_as_javascriptserializer() {
        assert_eq!(
            quote("it's <a> & \"b\"\n"),
            "\"it\\u0027s \\u003ca\\u003e \\u0026 \\\"b\\\"\\n\""
        );
    }

    #[test]
    fn empty_containers_keep_the_5_1_blank_line() {
        assert_eq!(pretty(&Value::Array(vec![]), 2), "[\n\n]");
    }
}
