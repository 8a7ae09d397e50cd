//! Property selection, shared by Select-Object, Format-Table, Format-List, Sort-Object and
//! Group-Object: names with wildcards and calculated properties (`@{n='X'; e={…}}`).

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::format::{view_properties, Record};
use crate::engine::value::{PsObject, Value};

use super::compare::{equals, has_wildcards, wildcard_match};
use super::{error, input_objects};

/// One entry of a -Property list.
#[derive(Clone, Debug)]
pub enum PropertySpec {
    /// A property name, possibly with wildcards.
    Name(String),
    /// A calculated property: its name and an expression (a script block, or a property
    /// name given as a string).
    Calculated {
        name: String,
        expression: Value,
        descending: Option<bool>,
    },
}

/// The keys a calculated-property hashtable may have, matched by unambiguous prefix as
/// PowerShell does (`n`, `l`, `e`).
const CALCULATED_KEYS: &[&str] = &[
    "Name",
    "Label",
    "Expression",
    "Width",
    "Alignment",
    "FormatString",
    "Ascending",
    "Descending",
];

fn calculated_key(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    let hits: Vec<&str> = CALCULATED_KEYS
        .iter()
        .copied()
        .filter(|k| k.to_ascii_lowercase().starts_with(&lower))
        .collect();
    match hits.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The -Property argument's specs; none when it was not given.
pub fn property_specs(
    cx: &dyn CommandContext,
    params: &BoundParameters,
) -> Result<Vec<PropertySpec>, ErrorRecord> {
    match params.get("Property") {
        Some(v) => parse_specs(cx, v),
        None => Ok(Vec::new()),
    }
}

/// Parses a -Property argument: strings and hashtables, in order.
pub fn parse_specs(
    cx: &dyn CommandContext,
    value: &Value,
) -> Result<Vec<PropertySpec>, ErrorRecord> {
    let mut specs = Vec::new();
    for item in value.clone().into_items() {
        match &item {
            Value::Hashtable(h) => {
                let h = h.borrow();
                let mut name = None;
                let mut expression = None;
                let mut descending = None;
                for (k, v) in h.iter() {
                    let key = k.to_ps_string();
                    match calculated_key(&key) {
                        Some("Name" | "Label") => name = Some(v.to_ps_string()),
                        Some("Expression") => expression = Some(v.clone()),
                        Some("Descending") => descending = Some(v.is_truthy()),
                        Some("Ascending") => descending = Some(!v.is_truthy()),
                        Some(_) => {}
                        None => {
                            return Err(error(
                                cx,
                                ErrorCategory::InvalidArgument,
                                "IllegalKey",
                                format!("The {key} key is not valid."),
                            ))
                        }
                    }
                }
                let Some(expression) = expression else {
                    return Err(error(
                        cx,
                        ErrorCategory::InvalidArgument,
                        "MissingExpression",
                        "The Expression key is missing.",
                    ));
                };
                let name = name.unwrap_or_else(|| match &expression {
                    Value::ScriptBlock(sb) => sb.text.trim().to_string(),
                    other => other.to_ps_string(),
                });
                specs.push(PropertySpec::Calculated {
                    name,
                    expression,
                    descending,
                });
            }
            Value::ScriptBlock(sb) => specs.push(PropertySpec::Calculated {
                name: sb.text.trim().to_string(),
                expression: item.clone(),
                descending: None,
            }),
            other => specs.push(PropertySpec::Name(other.to_ps_string())),
        }
    }
    Ok(specs)
}

/// Whether an object has a property called `name` (as opposed to having it set to `$null`).
pub fn has_property(item: &Value, name: &str) -> bool {
    match item {
        Value::Object(o) => o.borrow().get(name).is_some(),
        Value::Hashtable(h) => h.borrow().get_str(name).is_some(),
        Value::Null => false,
        other => !other.property(name).is_null(),
    }
}

/// The value of an expression for one object: a script block run with `$_`, or a property.
pub fn evaluate(
    cx: &mut dyn CommandContext,
    item: &Value,
    expression: &Value,
) -> Result<Value, ErrorRecord> {
    match expression {
        Value::ScriptBlock(_) => Ok(Value::from_items(cx.invoke_block(
            expression,
            Some(item.clone()),
            Vec::new(),
        )?)),
        other => Ok(item.property(&other.to_ps_string())),
    }
}

/// The properties `specs` pick from `item`, in order. A wildcard expands to the matching
/// properties in the object's order; a plain name the object lacks gives `$null`, as in
/// Select-Object (no error).
pub fn select_record(
    cx: &mut dyn CommandContext,
    item: &Value,
    specs: &[PropertySpec],
) -> Result<Record, ErrorRecord> {
    let mut record: Record = Vec::new();
    let push = |record: &mut Record, name: String, value: Value| {
        if !record.iter().any(|(k, _)| k.eq_ignore_ascii_case(&name)) {
            record.push((name, value));
        }
    };
    for spec in specs {
        match spec {
            PropertySpec::Name(pattern) if has_wildcards(pattern) => {
                for (name, value) in view_properties(item) {
                    if wildcard_match(pattern, &name, false) {
                        push(&mut record, name, value);
                    }
                }
            }
            PropertySpec::Name(name) => {
                let spelled = view_properties(item)
                    .into_iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map_or_else(|| name.clone(), |(k, _)| k);
                push(&mut record, spelled, item.property(name));
            }
            PropertySpec::Calculated {
                name, expression, ..
            } => {
                let value = evaluate(cx, item, expression)?;
                push(&mut record, name.clone(), value);
            }
        }
    }
    Ok(record)
}

/// The type name a selected copy of `item` gets (`Selected.System.String`).
fn selected_type(item: &Value) -> String {
    let base = item.type_name();
    if base.starts_with("Selected.") {
        base
    } else {
        format!("Selected.{base}")
    }
}

fn object_from(record: Record, type_name: String) -> Value {
    let mut o = PsObject::new(type_name);
    o.type_names
        .push("System.Management.Automation.PSCustomObject".into());
    for (k, v) in record {
        o.properties.insert(k, v);
    }
    o.into_value()
}

fn count(params: &BoundParameters, name: &str) -> Option<usize> {
    params
        .get(name)
        .and_then(Value::as_f64)
        .map(|n| n.max(0.0) as usize)
}

/// Select-Object: -Skip/-SkipLast/-Index, then -First/-Last, then properties or
/// -ExpandProperty, then -Unique.
pub fn select_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let mut items = input_objects(params, input);
    if let Some(skip) = count(params, "Skip") {
        items.drain(..skip.min(items.len()));
    }
    if let Some(skip_last) = count(params, "SkipLast") {
        items.truncate(items.len().saturating_sub(skip_last));
    }
    if let Some(indexes) = params.get("Index") {
        let wanted: Vec<usize> = indexes
            .clone()
            .into_items()
            .iter()
            .filter_map(Value::as_f64)
            .filter(|i| *i >= 0.0)
            .map(|i| i as usize)
            .collect();
        items = items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| wanted.contains(i))
            .map(|(_, v)| v)
            .collect();
    }
    let first = count(params, "First");
    let last = count(params, "Last");
    if first.is_some() || last.is_some() {
        let head: Vec<Value> = match first {
            Some(n) => items.iter().take(n).cloned().collect(),
            None => Vec::new(),
        };
        let tail: Vec<Value> = match last {
            Some(n) => items[items.len().saturating_sub(n)..].to_vec(),
            None => Vec::new(),
        };
        items = head.into_iter().chain(tail).collect();
    }

    let specs = property_specs(cx, params)?;
    let excluded = params.strings("ExcludeProperty").unwrap_or_default();
    let expand = params.string("ExpandProperty");

    let mut output: Vec<Value> = Vec::new();
    for item in &items {
        if let Some(name) = &expand {
            if !has_property(item, name) {
                let target = item.to_ps_string();
                cx.write_error(
                    error(
                        cx,
                        ErrorCategory::InvalidArgument,
                        "ExpandPropertyNotFound",
                        format!("Property \"{name}\" cannot be found."),
                    )
                    .with_target(target, "PSObject"),
                );
                continue;
            }
            output.extend(item.property(name).into_items());
            continue;
        }
        if specs.is_empty() && excluded.is_empty() {
            output.push(item.clone());
            continue;
        }
        let all = [PropertySpec::Name("*".into())];
        let chosen = if specs.is_empty() {
            &all[..]
        } else {
            &specs[..]
        };
        let mut record = select_record(cx, item, chosen)?;
        record.retain(|(k, _)| !excluded.iter().any(|x| wildcard_match(x, k, false)));
        output.push(object_from(record, selected_type(item)));
    }

    if params.switch("Unique") {
        let mut kept: Vec<Value> = Vec::new();
        for v in output {
            if !kept.iter().any(|k| same_content(k, &v)) {
                kept.push(v);
            }
        }
        output = kept;
    }
    for v in output {
        cx.write_output(v);
    }
    Ok(())
}

/// Select-Object -Unique's equality: same properties with equal values for objects,
/// case-sensitive equality for anything else.
pub fn same_content(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(_), Value::Object(_)) => {
            let (ra, rb) = (view_properties(a), view_properties(b));
            ra.len() == rb.len()
                && ra
                    .iter()
                    .zip(&rb)
                    .all(|((ka, va), (kb, vb))| ka.eq_ignore_ascii_case(kb) && equals(va, vb, true))
        }
        _ => equals(a, b, true),
    }
}
