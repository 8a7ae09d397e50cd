//! Format-Table, Format-List and Out-String. The formatters emit their rendered text as one
//! string, so it prints as is and can be piped to Out-String or Out-File.

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::ErrorRecord;
use crate::engine::format::{
    default_table, out_default, render_list, render_table, table_from_records, view_properties,
    FormatOptions, Record,
};
use crate::engine::value::Value;

use super::input_objects;
use super::select::{parse_specs, select_record, PropertySpec};

/// The options Format-Table and Format-List render with: the host's width, never colour,
/// because their text is data that may go on to Out-File or Out-String.
fn plain_options(cx: &dyn CommandContext) -> FormatOptions {
    FormatOptions {
        color: false,
        width: cx.format_options().width,
    }
}

/// Emits rendered text without its final newline: the host adds one when it prints a string.
fn emit(cx: &mut dyn CommandContext, text: String) {
    if text.is_empty() {
        return;
    }
    let text = text.strip_suffix('\n').map(str::to_string).unwrap_or(text);
    cx.write_output(Value::String(text));
}

/// The records of the objects to format, with -Property applied when given. Scalars are
/// kept apart: they print as themselves, one per line, before the formatted objects.
fn records(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    items: &[Value],
) -> Result<(Vec<Value>, Vec<Record>), ErrorRecord> {
    let specs: Option<Vec<PropertySpec>> = match params.get("Property") {
        Some(v) => Some(parse_specs(cx, v)?),
        None => None,
    };
    let mut scalars = Vec::new();
    let mut records = Vec::new();
    for item in items {
        match (item, &specs) {
            (Value::Object(_) | Value::Hashtable(_), Some(specs)) => {
                records.push(select_record(cx, item, specs)?);
            }
            // A hashtable's entries are objects with Name and Value, as PowerShell lists them.
            (Value::Hashtable(h), None) => records.extend(h.borrow().iter().map(|(k, v)| {
                vec![
                    ("Name".to_string(), k.clone()),
                    ("Value".to_string(), v.clone()),
                ]
            })),
            (Value::Object(_), None) => records.push(view_properties(item)),
            (Value::Null, _) => {}
            (scalar, _) => scalars.push(scalar.clone()),
        }
    }
    Ok((scalars, records))
}

/// Format-Table: columns from -Property, or the first object's built-in view or properties.
pub fn format_table(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let opts = plain_options(cx);
    let (scalars, records) = records(cx, params, &items)?;
    let mut text = out_default(&scalars, &opts);
    let mut table = if params.has("Property") {
        table_from_records(&records)
    } else {
        let objects: Vec<Value> = items
            .into_iter()
            .filter(|v| matches!(v, Value::Object(_) | Value::Hashtable(_)))
            .collect();
        default_table(&objects)
    };
    table.hide_headers = params.switch("HideTableHeaders");
    text.push_str(&render_table(&table, &opts, params.switch("Wrap")));
    emit(cx, text);
    Ok(())
}

/// Format-List: every property (or the -Property selection, `*` for all) as `Name : value`.
pub fn format_list(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let opts = plain_options(cx);
    let (scalars, records) = records(cx, params, &items)?;
    let mut text = out_default(&scalars, &opts);
    text.push_str(&render_list(&records, &opts));
    emit(cx, text);
    Ok(())
}

/// Out-String: the text Out-Default would print, as one string (with its final newline) or
/// one string per line with -Stream. Never coloured: the text is data now.
pub fn out_string(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let width = params
        .get("Width")
        .and_then(Value::as_f64)
        .map_or(cx.format_options().width, |w| w.max(1.0) as usize);
    let opts = FormatOptions {
        color: false,
        width,
    };
    let text = out_default(&items, &opts);
    if params.switch("Stream") {
        for line in text.lines() {
            cx.write_output(Value::str(line));
        }
    } else {
        cx.write_output(Value::String(text));
    }
    Ok(())
}

/// Out-Null: swallows its input.
pub fn out_null(
    _cx: &mut dyn CommandContext,
    _params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    Ok(())
}

/// Out-Host: the input formatted as the host shows it, written to the host, not the
/// pipeline.
pub fn out_host(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let text = out_default(&items, &cx.format_options());
    if !text.is_empty() {
        cx.write_host(&text, false);
    }
    Ok(())
}
