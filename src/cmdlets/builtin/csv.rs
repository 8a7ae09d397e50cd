//! Export-Csv, Import-Csv, ConvertTo-Csv and ConvertFrom-Csv, in Windows PowerShell 5.1's
//! dialect: a `#TYPE` line unless -NoTypeInformation, every value quoted, `""` for a quote,
//! `$null` as an empty field, a collection as its type name.

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::format::view_properties;
use crate::engine::value::{PsObject, Value};

use super::files::{decode, display_path, resolve_path, write_file};
use super::{error, input_objects};

fn delimiter(cx: &dyn CommandContext, params: &BoundParameters) -> Result<char, ErrorRecord> {
    let Some(text) = params.string("Delimiter") else {
        return Ok(',');
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(error(
            cx,
            ErrorCategory::InvalidArgument,
            "ParameterArgumentTransformationError",
            format!("Cannot bind parameter 'Delimiter'. Cannot convert value \"{text}\" to type \"System.Char\". Error: \"String must be exactly one character long.\""),
        )),
    }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// One field: `$null` is empty, a collection shows its type name as .NET's ToString does.
fn field(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Array(_) | Value::Hashtable(_) => quote(&value.type_name()),
        other => quote(&other.to_ps_string()),
    }
}

/// The CSV lines for objects: optional `#TYPE`, the header from the first object, one line
/// per object with its values for those columns.
fn csv_lines(items: &[Value], delim: char, type_line: bool, header: bool) -> Vec<String> {
    let Some(first) = items.iter().find(|v| !v.is_null()) else {
        return Vec::new();
    };
    let columns: Vec<String> = match first {
        Value::Object(_) | Value::Hashtable(_) => {
            view_properties(first).into_iter().map(|(k, _)| k).collect()
        }
        // A scalar exports its only useful property, as PowerShell does for strings.
        _ => vec!["Length".into()],
    };
    let sep = delim.to_string();
    let mut lines = Vec::new();
    if type_line {
        lines.push(format!("#TYPE {}", first.type_name()));
    }
    if header {
        lines.push(
            columns
                .iter()
                .map(|c| quote(c))
                .collect::<Vec<_>>()
                .join(&sep),
        );
    }
    for item in items.iter().filter(|v| !v.is_null()) {
        let row: Vec<String> = columns.iter().map(|c| field(&item.property(c))).collect();
        lines.push(row.join(&sep));
    }
    lines
}

/// Splits CSV text into records of fields, honouring quotes (which may hold delimiters,
/// doubled quotes and newlines).
fn parse_records(text: &str, delim: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut fieldbuf = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    fieldbuf.push('"');
                }
                '"' => in_quotes = false,
                c => fieldbuf.push(c),
            }
            continue;
        }
        match c {
            '"' => in_quotes = true,
            c if c == delim => record.push(std::mem::take(&mut fieldbuf)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut fieldbuf));
                records.push(std::mem::take(&mut record));
                any = false;
            }
            c => fieldbuf.push(c),
        }
    }
    if any {
        record.push(fieldbuf);
        records.push(record);
    }
    records
        .into_iter()
        .filter(|r| !(r.len() == 1 && r[0].trim().is_empty()))
        .collect()
}

/// Objects from CSV text: `#TYPE` skipped, names from -Header or the first record, missing
/// trailing fields as `$null`.
fn objects_from_csv(text: &str, delim: char, header: Option<Vec<String>>) -> Vec<Value> {
    let mut records = parse_records(text, delim).into_iter().peekable();
    let mut type_name = None;
    if let Some(first) = records.peek() {
        if let Some(t) = first.first().and_then(|f| f.strip_prefix("#TYPE ")) {
            type_name = Some(t.trim().to_string());
            records.next();
        }
    }
    let names = match header {
        Some(h) => h,
        None => match records.next() {
            Some(h) => h,
            None => return Vec::new(),
        },
    };
    records
        .map(|r| {
            let mut o = PsObject::new("System.Management.Automation.PSCustomObject");
            if let Some(t) = &type_name {
                o.type_names.insert(0, format!("CSV:{t}"));
            }
            for (i, name) in names.iter().enumerate() {
                let v = r.get(i).cloned().map_or(Value::Null, Value::String);
                o.properties.insert(name.clone(), v);
            }
            o.into_value()
        })
        .collect()
}

pub fn export_csv(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let delim = delimiter(cx, params)?;
    let Some(path_text) = params.string("Path") else {
        return Err(error(
            cx,
            ErrorCategory::InvalidArgument,
            "CannotSpecifyPathAndLiteralPath",
            "You must specify either the -Path or -LiteralPath parameters, but not both.",
        ));
    };
    let path = resolve_path(&path_text);
    let append = params.switch("Append") && path.exists();
    let lines = csv_lines(
        &items,
        delim,
        !params.switch("NoTypeInformation") && !append,
        !append,
    );
    if !cx.should_process(&display_path(&path), "Export-Csv") {
        return Ok(());
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    write_file(cx, &path, &text, params, append)
}

pub fn convert_to_csv(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = if input.is_empty() {
        params
            .get("InputObject")
            .map(|v| v.clone().into_items())
            .unwrap_or_default()
    } else {
        input
    };
    let delim = delimiter(cx, params)?;
    for line in csv_lines(&items, delim, !params.switch("NoTypeInformation"), true) {
        cx.write_output(Value::String(line));
    }
    Ok(())
}

pub fn import_csv(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let delim = delimiter(cx, params)?;
    for p in params.strings("Path").unwrap_or_default() {
        let path = resolve_path(&p);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(_) => {
                let shown = display_path(&path);
                return Err(error(
                    cx,
                    ErrorCategory::OpenError,
                    "FileOpenFailure",
                    format!("Could not find file '{shown}'."),
                )
                .with_exception("System.IO.FileNotFoundException"));
            }
        };
        for o in objects_from_csv(&decode(&bytes), delim, params.strings("Header")) {
            cx.write_output(o);
        }
    }
    Ok(())
}

pub fn convert_from_csv(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let delim = delimiter(cx, params)?;
    let lines: Vec<String> = if input.is_empty() {
        params.strings("InputObject").unwrap_or_default()
    } else {
        input.iter().map(Value::to_ps_string).collect()
    };
    let text = lines.join("\n");
    for o in objects_from_csv(&text, delim, params.strings("Header")) {
        cx.write_output(o);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_newlines() {
        let recs = parse_records("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\nplain,,end\n", ',');
        assert_eq!(
            recs,
            vec![
                vec!["a,b".to_string(), "say \"hi\"".into(), "x\ny".into()],
                vec!["plain".into(), "".into(), "end".into()],
            ]
        );
    }

    #[test]
    fn export_lines_as_5_1_writes_them() {
        let o = PsObject::new("System.Management.Automation.PSCustomObject")
            .with("Name", "web \"1\"")
            .with("Tags", Value::from(vec!["a", "b"]))
            .with("Missing", Value::Null)
            .into_value();
        assert_eq!(
            csv_lines(&[o], ';', true, true),
            [
                "#TYPE System.Management.Automation.PSCustomObject",
                "\"Name\";\"Tags\";\"Missing\"",
                "\"web \"\"1\"\"\";\"System.Object[]\";",
            ]
        );
    }
}
