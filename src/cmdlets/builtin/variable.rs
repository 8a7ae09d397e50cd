//! Get-Variable, Set-Variable and Remove-Variable, over the shell's variables.

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::{PsObject, Value};

use super::compare::{has_wildcards, wildcard_match};
use super::error;

fn not_found(cx: &dyn CommandContext, name: &str) -> ErrorRecord {
    error(
        cx,
        ErrorCategory::ObjectNotFound,
        "VariableNotFound",
        format!("Cannot find a variable with the name '{name}'."),
    )
    .with_target(name.to_string(), "String")
    .with_exception("System.Management.Automation.ItemNotFoundException")
}

fn variable_object(name: &str, value: Value) -> Value {
    PsObject::new("System.Management.Automation.PSVariable")
        .with("Name", name)
        .with("Value", value)
        .with("Description", "")
        .with("Options", "None")
        .into_value()
}

/// Get-Variable: variables by name (wildcards), sorted by name, or only their values.
pub fn get_variable(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let patterns = params.strings("Name").unwrap_or_else(|| vec!["*".into()]);
    let excluded = params.strings("Exclude").unwrap_or_default();
    let mut names: Vec<String> = cx.variables().into_iter().map(|(n, _)| n).collect();
    names.sort_by_key(|n| n.to_lowercase());
    names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let mut found: Vec<String> = Vec::new();
    for pattern in &patterns {
        let hits: Vec<&String> = names
            .iter()
            .filter(|n| wildcard_match(pattern, n, false))
            .filter(|n| !excluded.iter().any(|x| wildcard_match(x, n, false)))
            .collect();
        if hits.is_empty() && !has_wildcards(pattern) {
            // A variable the listing does not know may still be readable directly.
            if cx.get_variable(pattern).is_none() {
                cx.write_error(not_found(cx, pattern));
                continue;
            }
            found.push(pattern.clone());
        }
        for h in hits {
            if !found.iter().any(|f| f.eq_ignore_ascii_case(h)) {
                found.push(h.clone());
            }
        }
    }
    let value_only = params.switch("ValueOnly");
    for name in found {
        let value = cx.get_variable(&name).unwrap_or_default();
        if value_only {
            cx.write_output(value);
        } else {
            cx.write_output(variable_object(&name, value));
        }
    }
    Ok(())
}

/// Set-Variable: assigns -Value (or the piped input) to each name.
pub fn set_variable(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let value = match params.get("Value") {
        Some(v) => v.clone(),
        None => Value::from_items(input),
    };
    for name in params.strings("Name").unwrap_or_default() {
        cx.set_variable(&name, value.clone());
        if params.switch("PassThru") {
            cx.write_output(variable_object(&name, value.clone()));
        }
    }
    Ok(())
}

/// Remove-Variable: deletes the variables whose names match, from the scope that defines
/// them or only from -Scope.
pub fn remove_variable(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let scope = match params.string("Scope") {
        None => None,
        Some(s) => match s.to_ascii_lowercase().as_str() {
            "global" | "script" | "local" => Some(s),
            "0" => Some("local".to_string()),
            _ => {
                return Err(error(
                    cx,
                    ErrorCategory::InvalidArgument,
                    "ArgumentOutOfRange",
                    format!("The scope \"{s}\" is not supported: use Global, Script, Local or 0."),
                )
                .with_target(s.clone(), "String"))
            }
        },
    };
    let excluded = params.strings("Exclude").unwrap_or_default();
    let names: Vec<String> = cx.variables().into_iter().map(|(n, _)| n).collect();
    for pattern in params.strings("Name").unwrap_or_default() {
        let targets: Vec<String> = if has_wildcards(&pattern) {
            names
                .iter()
                .filter(|n| wildcard_match(&pattern, n, false))
                .cloned()
                .collect()
        } else {
            vec![pattern.clone()]
        };
        for name in targets {
            if excluded.iter().any(|x| wildcard_match(x, &name, false)) {
                continue;
            }
            let removed = match &scope {
                Some(s) => cx.remove_scoped_variable(s, &name),
                None => cx.remove_variable(&name),
            };
            // A wildcard that matches a variable of another scope is no error.
            if !removed && !has_wildcards(&pattern) {
                cx.write_error(not_found(cx, &name));
            }
        }
    }
    Ok(())
}
