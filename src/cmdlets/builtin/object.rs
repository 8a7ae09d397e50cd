//! Where-Object, ForEach-Object, Sort-Object, Measure-Object, Group-Object, New-Object and
//! Add-Member.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::{Hashtable, PsObject, Value};

use super::compare::{self, compare, equals, Op};
use super::select::{evaluate, has_property, property_specs, PropertySpec};
use super::{error, input_objects};
use crate::lang::ast::CompareOp;

/// Where-Object: a script block run with `$_`, or the simplified `Property -Op Value` form.
pub fn where_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let block = params.get("FilterScript").cloned();
    let condition = simplified_condition(params);
    for item in input_objects(params, input) {
        let keep = match (&block, &condition) {
            (Some(b), _) => {
                Value::from_items(cx.invoke_block(b, Some(item.clone()), Vec::new())?).is_truthy()
            }
            (None, (property, test)) => {
                let value = item.property(property);
                match test {
                    Some((op, rhs, cs)) => compare::test(*op, &value, rhs, *cs),
                    None => value.is_truthy(),
                }
            }
        };
        if keep {
            cx.write_output(item);
        }
    }
    Ok(())
}

type Condition = (String, Option<(Op, Value, bool)>);

/// The property and, when an operator switch or -Value is given, the comparison.
fn simplified_condition(params: &BoundParameters) -> Condition {
    let property = params.string("Property").unwrap_or_default();
    let chosen = Op::ALL.iter().find_map(|(name, op)| {
        if params.switch(name) {
            Some((*op, false))
        } else if params.switch(&format!("C{name}")) {
            Some((*op, true))
        } else {
            None
        }
    });
    let value = params.get("Value").cloned();
    let test = match (chosen, value) {
        (Some((op, cs)), v) => Some((op, v.unwrap_or(Value::Null), cs)),
        (None, Some(v)) => Some((Op::Compare(CompareOp::Eq), v, false)),
        (None, None) => None,
    };
    (property, test)
}

/// ForEach-Object: -Begin once, -Process per object with `$_`, -End once; or the value of
/// a member (`% Name`), enumerated.
pub fn foreach_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    if let Some(name) = params.string("MemberName") {
        let args: Vec<Value> = params
            .get("ArgumentList")
            .map(|a| a.clone().into_items())
            .unwrap_or_default();
        let mut method: Option<Value> = None;
        for item in items {
            let value = if has_property(&item, &name) {
                item.property(&name)
            } else {
                // Not a property: a method, called as `$_.Name($args[0], …)` would be.
                let call = match &method {
                    Some(call) => call.clone(),
                    None => method.insert(method_call(cx, &name, args.len())?).clone(),
                };
                match cx.invoke_block(&call, Some(item), args.clone()) {
                    Ok(out) => Value::from_items(out),
                    Err(e) => {
                        cx.write_error(e);
                        continue;
                    }
                }
            };
            for v in value.into_items() {
                if !v.is_null() {
                    cx.write_output(v);
                }
            }
        }
        return Ok(());
    }
    let process = params.get("Process").cloned();
    let run = |cx: &mut dyn CommandContext, block: &Value, item: Option<Value>| {
        for v in cx.invoke_block(block, item, Vec::new())? {
            cx.write_output(v);
        }
        Ok::<(), ErrorRecord>(())
    };
    if let Some(begin) = params.get("Begin") {
        run(cx, begin, None)?;
    }
    if let Some(process) = &process {
        for item in items {
            run(cx, process, Some(item))?;
        }
    }
    if let Some(end) = params.get("End") {
        run(cx, end, None)?;
    }
    Ok(())
}

/// A script block calling method `name` of `$_` with `arity` arguments from `$args`.
fn method_call(cx: &dyn CommandContext, name: &str, arity: usize) -> Result<Value, ErrorRecord> {
    let invalid = || {
        error(
            cx,
            ErrorCategory::InvalidArgument,
            "MethodNameInvalid",
            format!("'{name}' is not a valid property or method name."),
        )
    };
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(invalid());
    }
    let args: Vec<String> = (0..arity).map(|i| format!("$args[{i}]")).collect();
    let source = format!("$_.{name}({})", args.join(", "));
    let block = crate::lang::parse(&source).map_err(|_| invalid())?;
    Ok(Value::ScriptBlock(Rc::new(block)))
}

/// Sort keys of one object: one value per -Property entry, or the object itself.
fn sort_keys(
    cx: &mut dyn CommandContext,
    item: &Value,
    specs: &[PropertySpec],
) -> Result<Vec<Value>, ErrorRecord> {
    if specs.is_empty() {
        return Ok(vec![item.clone()]);
    }
    specs
        .iter()
        .map(|spec| match spec {
            PropertySpec::Name(name) => Ok(item.property(name)),
            PropertySpec::Calculated { expression, .. } => evaluate(cx, item, expression),
        })
        .collect()
}

/// Sort-Object: stable, case-insensitive unless -CaseSensitive, numbers numerically,
/// per-key direction from `@{e=…; Descending=$true}`.
pub fn sort_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let specs = property_specs(cx, params)?;
    let descending = params.switch("Descending");
    let case_sensitive = params.switch("CaseSensitive");
    let directions: Vec<bool> = if specs.is_empty() {
        vec![descending]
    } else {
        specs
            .iter()
            .map(|s| match s {
                PropertySpec::Calculated {
                    descending: Some(d),
                    ..
                } => *d,
                _ => descending,
            })
            .collect()
    };
    let mut keyed: Vec<(Vec<Value>, Value)> = Vec::with_capacity(items.len());
    for item in items {
        keyed.push((sort_keys(cx, &item, &specs)?, item));
    }
    let order = |a: &[Value], b: &[Value]| -> Ordering {
        for ((x, y), desc) in a.iter().zip(b).zip(&directions) {
            let o = compare(x, y, case_sensitive);
            let o = if *desc { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    };
    keyed.sort_by(|(a, _), (b, _)| order(a, b));
    if params.switch("Unique") {
        keyed.dedup_by(|(b, _), (a, _)| {
            a.iter()
                .zip(b.iter())
                .all(|(x, y)| equals(x, y, case_sensitive))
        });
    }
    for (_, item) in keyed {
        cx.write_output(item);
    }
    Ok(())
}

fn not_numeric(cx: &dyn CommandContext, v: &Value) -> ErrorRecord {
    error(
        cx,
        ErrorCategory::InvalidType,
        "NonNumericInputObject",
        format!("Input object \"{}\" is not numeric.", v.to_ps_string()),
    )
    .with_target(v.to_ps_string(), &v.type_name())
}

/// A value as Measure-Object adds it up: numbers, and strings that read as numbers.
fn numeric(v: &Value) -> Option<f64> {
    match v {
        Value::Object(_) | Value::Hashtable(_) | Value::ScriptBlock(_) => None,
        other => crate::engine::convert::to_number(other).and_then(|n| n.as_f64()),
    }
}

/// Measure-Object: Count always; Sum/Average/Maximum/Minimum when asked (numbers only), or
/// Lines/Words/Characters of strings with -Line/-Word/-Character.
pub fn measure_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let properties = params.strings("Property");
    let text_mode = ["Line", "Word", "Character"]
        .iter()
        .any(|s| params.switch(s));
    let targets: Vec<Option<String>> = match properties {
        Some(names) => names.into_iter().map(Some).collect(),
        None => vec![None],
    };
    for property in targets {
        let values: Vec<Value> = items
            .iter()
            .map(|i| match &property {
                Some(p) => i.property(p),
                None => i.clone(),
            })
            .filter(|v| !v.is_null())
            .collect();
        if let (Some(p), false, true) = (&property, items.is_empty(), values.is_empty()) {
            cx.write_error(
                error(
                    cx,
                    ErrorCategory::InvalidArgument,
                    "GenericMeasurePropertyNotFound",
                    format!("The property \"{p}\" cannot be found in the input for any objects."),
                )
                .with_exception("System.Management.Automation.PSArgumentException"),
            );
            continue;
        }
        let property_value = Value::from(property.clone());
        let result = if text_mode {
            measure_text(params, &values, property_value)
        } else {
            measure_numbers(cx, params, &values, property_value)?
        };
        cx.write_output(result);
    }
    Ok(())
}

fn measure_numbers(
    cx: &dyn CommandContext,
    params: &BoundParameters,
    values: &[Value],
    property: Value,
) -> Result<Value, ErrorRecord> {
    let wants_numbers = ["Sum", "Average", "Maximum", "Minimum"]
        .iter()
        .any(|s| params.switch(s));
    let mut numbers = Vec::new();
    if wants_numbers {
        for v in values {
            numbers.push(numeric(v).ok_or_else(|| not_numeric(cx, v))?);
        }
    }
    let stat = |name: &str, f: &dyn Fn(&[f64]) -> f64| {
        if params.switch(name) && !numbers.is_empty() {
            Value::Double(f(&numbers))
        } else {
            Value::Null
        }
    };
    let sum = |n: &[f64]| n.iter().sum::<f64>();
    let o = PsObject::new("Microsoft.PowerShell.Commands.GenericMeasureInfo")
        .with("Count", Value::Int(values.len() as i64))
        .with("Average", stat("Average", &|n| sum(n) / n.len() as f64))
        .with("Sum", stat("Sum", &sum))
        .with(
            "Maximum",
            stat("Maximum", &|n| n.iter().copied().fold(f64::MIN, f64::max)),
        )
        .with(
            "Minimum",
            stat("Minimum", &|n| n.iter().copied().fold(f64::MAX, f64::min)),
        )
        .with("Property", property);
    Ok(o.into_value())
}

fn measure_text(params: &BoundParameters, values: &[Value], property: Value) -> Value {
    let texts: Vec<String> = values.iter().map(Value::to_ps_string).collect();
    let count = |name: &str, f: &dyn Fn(&str) -> usize| {
        if params.switch(name) {
            Value::Int(texts.iter().map(|t| f(t)).sum::<usize>() as i64)
        } else {
            Value::Null
        }
    };
    let ignore_ws = params.switch("IgnoreWhiteSpace");
    PsObject::new("Microsoft.PowerShell.Commands.TextMeasureInfo")
        .with(
            "Lines",
            count("Line", &|t| {
                t.lines().filter(|l| !l.trim().is_empty()).count()
            }),
        )
        .with("Words", count("Word", &|t| t.split_whitespace().count()))
        .with(
            "Characters",
            count("Character", &|t| {
                t.chars()
                    .filter(|c| !(ignore_ws && c.is_whitespace()))
                    .count()
            }),
        )
        .with("Property", property)
        .into_value()
}

/// Group-Object: groups in order of first appearance, names from the first member's value,
/// case-insensitive unless -CaseSensitive.
pub fn group_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let specs = property_specs(cx, params)?;
    let case_sensitive = params.switch("CaseSensitive");
    // (key values, name, members)
    let mut groups: Vec<(Vec<Value>, String, Vec<Value>)> = Vec::new();
    for item in items {
        let keys = sort_keys(cx, &item, &specs)?;
        let name = keys
            .iter()
            .map(Value::to_ps_string)
            .collect::<Vec<_>>()
            .join(", ");
        let same = |g: &(Vec<Value>, String, Vec<Value>)| {
            if case_sensitive {
                g.1 == name
            } else {
                g.1.to_lowercase() == name.to_lowercase()
            }
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some(g) => g.2.push(item),
            None => groups.push((keys, name, vec![item])),
        }
    }
    if params.switch("AsHashTable") {
        let mut table = Hashtable::default();
        for (keys, name, members) in groups {
            let key = if params.switch("AsString") || keys.len() != 1 {
                Value::String(name)
            } else {
                keys.into_iter().next().unwrap_or(Value::Null)
            };
            table.insert(key, Value::from_items(members));
        }
        cx.write_output(Value::Hashtable(Rc::new(RefCell::new(table))));
        return Ok(());
    }
    let no_element = params.switch("NoElement");
    for (keys, name, members) in groups {
        let mut o = if no_element {
            PsObject::new("Microsoft.PowerShell.Commands.GroupInfoNoElement")
        } else {
            PsObject::new("Microsoft.PowerShell.Commands.GroupInfo")
        };
        o = o
            .with("Count", Value::Int(members.len() as i64))
            .with("Name", name);
        if !no_element {
            o = o.with("Group", Value::Array(members));
        }
        cx.write_output(o.with("Values", Value::Array(keys)).into_value());
    }
    Ok(())
}

/// New-Object: the types admin scripts create for reports and collections.
pub fn new_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let type_name = params.string("TypeName").unwrap_or_default();
    let short = type_name.to_ascii_lowercase();
    let short = short.strip_prefix("system.").unwrap_or(&short);
    let short = short
        .strip_prefix("management.automation.")
        .unwrap_or(short);
    let value = match short {
        "psobject" | "pscustomobject" | "object" => {
            let mut o = PsObject::new("System.Management.Automation.PSCustomObject");
            if let Some(Value::Hashtable(h)) = params.get("Property") {
                for (k, v) in h.borrow().iter() {
                    o.set(&k.to_ps_string(), v.clone());
                }
            }
            o.into_value()
        }
        "collections.hashtable" | "hashtable" => {
            let table = match params.get("Property") {
                Some(Value::Hashtable(h)) => h.borrow().clone(),
                _ => Hashtable::default(),
            };
            Value::Hashtable(Rc::new(RefCell::new(table)))
        }
        "collections.arraylist"
        | "collections.generic.list[string]"
        | "collections.generic.list[object]" => Value::Array(Vec::new()),
        _ => {
            return Err(error(
                cx,
                ErrorCategory::InvalidType,
                "TypeNotFound",
                format!(
                    "Cannot find type [{type_name}]: verify that the assembly containing this type is loaded."
                ),
            )
            .with_exception("System.Management.Automation.PSArgumentException"));
        }
    };
    cx.write_output(value);
    Ok(())
}

/// Add-Member: note properties (one, or a hashtable of them), an optional type name, and
/// -PassThru.
pub fn add_member(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let mut members: Vec<(String, Value)> = Vec::new();
    if let Some(Value::Hashtable(h)) = params.get("NotePropertyMembers") {
        members.extend(
            h.borrow()
                .iter()
                .map(|(k, v)| (k.to_ps_string(), v.clone())),
        );
    }
    if let Some(name) = params.string("NotePropertyName") {
        members.push((
            name,
            params.get("NotePropertyValue").cloned().unwrap_or_default(),
        ));
    }
    if let Some(name) = params.string("Name") {
        let kind = params
            .string("MemberType")
            .unwrap_or_else(|| "NoteProperty".into());
        if !kind.eq_ignore_ascii_case("NoteProperty") {
            return Err(error(
                cx,
                ErrorCategory::InvalidOperation,
                "CannotAddMemberType",
                format!("Cannot add a member of type \"{kind}\": lyncsh objects take only NoteProperty members."),
            ));
        }
        members.push((name, params.get("Value").cloned().unwrap_or_default()));
    }
    let force = params.switch("Force");
    for target in input_objects(params, input) {
        for (name, value) in &members {
            let exists = match &target {
                Value::Object(o) => o.borrow().get(name).is_some(),
                Value::Hashtable(h) => h.borrow().get_str(name).is_some(),
                _ => false,
            };
            if exists && !force {
                return Err(error(
                    cx,
                    ErrorCategory::InvalidOperation,
                    "MemberAlreadyExists",
                    format!("Cannot add a member with the name \"{name}\" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command."),
                ));
            }
            match &target {
                Value::Object(o) => o.borrow_mut().set(name, value.clone()),
                Value::Hashtable(h) => h
                    .borrow_mut()
                    .insert(Value::str(name.clone()), value.clone()),
                other => {
                    return Err(error(
                        cx,
                        ErrorCategory::InvalidOperation,
                        "CannotAddMember",
                        format!(
                            "Cannot add a member to the \"{}\" value of type \"{}\".",
                            other.to_ps_string(),
                            other.type_name()
                        ),
                    ))
                }
            }
        }
        if let (Some(type_name), Value::Object(o)) = (params.string("TypeName"), &target) {
            o.borrow_mut().type_names.insert(0, type_name);
        }
        if params.switch("PassThru") {
            cx.write_output(target);
        }
    }
    Ok(())
}

/// Compare-Object: objects only in the difference set (`=>`), in both (`==`, with
/// -IncludeEqual), then only in the reference set (`<=`).
pub fn compare_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let reference = params
        .get("ReferenceObject")
        .map(|v| v.clone().into_items())
        .unwrap_or_default();
    let difference = if input.is_empty() {
        params
            .get("DifferenceObject")
            .map(|v| v.clone().into_items())
            .unwrap_or_default()
    } else {
        input
    };
    let specs = property_specs(cx, params)?;
    let cs = params.switch("CaseSensitive");
    let mut ref_keys = Vec::new();
    for r in &reference {
        ref_keys.push(sort_keys(cx, r, &specs)?);
    }
    let mut used = vec![false; reference.len()];
    let same = |a: &[Value], b: &[Value]| a.iter().zip(b).all(|(x, y)| equals(x, y, cs));
    let mut results: Vec<(Value, Vec<Value>, &str)> = Vec::new();
    for d in difference {
        let key = sort_keys(cx, &d, &specs)?;
        let hit = (0..reference.len()).find(|&i| !used[i] && same(&ref_keys[i], &key));
        match hit {
            Some(i) => {
                used[i] = true;
                results.push((d, key, "=="));
            }
            None => results.push((d, key, "=>")),
        }
    }
    for (i, r) in reference.into_iter().enumerate() {
        if !used[i] {
            results.push((r, ref_keys[i].clone(), "<="));
        }
    }
    let include_equal = params.switch("IncludeEqual") || params.switch("ExcludeDifferent");
    for (object, key, side) in results {
        let keep = if side == "==" {
            include_equal
        } else {
            !params.switch("ExcludeDifferent")
        };
        if !keep {
            continue;
        }
        if params.switch("PassThru") {
            if let Value::Object(o) = &object {
                o.borrow_mut().set("SideIndicator", Value::str(side));
            }
            cx.write_output(object);
            continue;
        }
        let mut o = PsObject::new("System.Management.Automation.PSCustomObject");
        if specs.is_empty() {
            o.set("InputObject", object);
        } else {
            for (spec, value) in specs.iter().zip(key) {
                let name = match spec {
                    PropertySpec::Name(n) => n.clone(),
                    PropertySpec::Calculated { name, .. } => name.clone(),
                };
                o.set(&name, value);
            }
        }
        o.set("SideIndicator", Value::str(side));
        cx.write_output(o.into_value());
    }
    Ok(())
}

/// Tee-Object: passes the input on and keeps it in a variable or a file.
pub fn tee_object(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    if let Some(name) = params.string("Variable") {
        cx.set_variable(&name, Value::from_items(items.clone()));
    }
    if let Some(file) = params.string("FilePath") {
        let path = super::files::resolve_path(&file);
        let opts = crate::engine::format::FormatOptions {
            color: false,
            width: cx.format_options().width,
        };
        let text = crate::engine::format::out_default(&items, &opts);
        super::files::write_file(cx, &path, &text, params, params.switch("Append"))?;
    }
    for item in items {
        cx.write_output(item);
    }
    Ok(())
}

/// Get-Unique: drops an item equal to the one before it (case-sensitive, as strings with
/// -AsString).
pub fn get_unique(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let as_string = params.switch("AsString");
    let mut previous: Option<Value> = None;
    for item in input_objects(params, input) {
        let duplicate = previous.as_ref().is_some_and(|p| {
            if as_string {
                p.to_ps_string() == item.to_ps_string()
            } else {
                super::select::same_content(p, &item)
            }
        });
        if !duplicate {
            cx.write_output(item.clone());
        }
        previous = Some(item);
    }
    Ok(())
}
