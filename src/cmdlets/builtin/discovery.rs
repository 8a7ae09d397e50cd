//! Get-Help, Get-Command, Get-Alias, Set-Alias and Get-Member: what the shell knows about
//! its commands (from the catalog) and about objects.

use crate::catalog::comment_help;
use crate::catalog::help::{
    render_help, render_parameters, should_process_parameters, syntax_lines, HelpView,
};
use crate::catalog::{Catalog, Entry};
use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::{PsObject, Value};

use super::compare::{has_wildcards, wildcard_match};
use super::error;

/// Emits rendered text without its final newline: the host adds one when it prints it.
fn emit_text(cx: &mut dyn CommandContext, text: &str) {
    cx.write_output(Value::str(text.strip_suffix('\n').unwrap_or(text)));
}

const GENERAL_HELP: &str = "
TOPIC
    lyncsh Help System

SHORT DESCRIPTION
    Displays help about the Lync Server Management Shell cmdlets and the built-in
    Windows PowerShell cmdlets that lyncsh provides.

LONG DESCRIPTION
    Get-Help shows the help of a cmdlet: its synopsis, syntax, description,
    parameters and examples. The help comes from the same catalog that checks the
    parameters you type, so it always describes what the shell accepts.

    Get-Help <cmdlet-name>             Basic help, for example: Get-Help Set-CsWebServer
    Get-Help <cmdlet-name> -Detailed   Adds parameter descriptions and examples.
    Get-Help <cmdlet-name> -Full       Adds the technical details of each parameter.
    Get-Help <cmdlet-name> -Examples   Shows only the examples.
    Get-Help <cmdlet-name> -Parameter <name>
                                       Shows one parameter (wildcards are permitted).
    Get-Help *-CsWebServer             Lists the commands whose names match.

    To find commands, use Get-Command, for example: Get-Command -Noun CsWebServer
";

fn help_not_found(cx: &dyn CommandContext, name: &str) -> ErrorRecord {
    error(
        cx,
        ErrorCategory::ResourceUnavailable,
        "HelpNotFound",
        format!("Get-Help could not find {name} in a help file in this session. To download updated help topics type: \"Update-Help\". To get help online, search for the help topic in the TechNet library at https:/go.microsoft.com/fwlink/?LinkID=107116."),
    )
    .with_exception("Microsoft.PowerShell.Commands.HelpNotFoundException")
}

/// The catalog entry a name stands for, through an alias if it is one.
fn resolve<'a>(cx: &dyn CommandContext, catalog: &'a Catalog, name: &str) -> Option<&'a Entry> {
    if let Some(e) = catalog.find(name) {
        return Some(e);
    }
    let target = cx
        .aliases()
        .into_iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(name))
        .map(|(_, t)| t)
        .or_else(|| catalog.resolve_alias(name).map(str::to_string))?;
    catalog.find(&target)
}

/// Get-Help: one cmdlet's help in the chosen view, the parameters asked for, or a list of
/// the commands matching a wildcard.
pub fn get_help(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let catalog = Catalog::embedded();
    let width = cx.format_options().width;
    let Some(name) = params.string("Name") else {
        emit_text(cx, GENERAL_HELP);
        return Ok(());
    };
    let script_entry;
    let entry = if let Some(e) = script_or_function_entry(cx, &name)? {
        script_entry = e;
        &script_entry
    } else if has_wildcards(&name) {
        let matches: Vec<&Entry> = catalog
            .entries()
            .iter()
            .filter(|e| wildcard_match(&name, &e.def.name, false))
            .collect();
        match matches.as_slice() {
            [] => return Err(help_not_found(cx, &name)),
            [one] => *one,
            many => {
                let mut many = many.to_vec();
                many.sort_by_key(|e| e.def.name.to_lowercase());
                for e in many {
                    let o = PsObject::new("HelpInfoShort")
                        .with("Name", e.def.name.as_str())
                        .with("Category", "Cmdlet")
                        .with("Module", e.module.as_str())
                        .with("Synopsis", e.def.synopsis.trim());
                    cx.write_output(o.into_value());
                }
                return Ok(());
            }
        }
    } else {
        resolve(cx, catalog, &name).ok_or_else(|| help_not_found(cx, &name))?
    };

    if let Some(patterns) = params.strings("Parameter") {
        let extra = if entry.def.supports_should_process {
            should_process_parameters().to_vec()
        } else {
            Vec::new()
        };
        let chosen: Vec<_> = entry
            .def
            .parameters
            .iter()
            .chain(&extra)
            .filter(|p| {
                patterns
                    .iter()
                    .any(|pat| wildcard_match(pat, &p.name, false))
            })
            .collect();
        if chosen.is_empty() {
            return Err(error(
                cx,
                ErrorCategory::InvalidArgument,
                "NoParmsFound",
                format!("No parameter matches criteria {}.", patterns.join(", ")),
            )
            .with_exception("System.ArgumentException"));
        }
        emit_text(cx, &render_parameters(&chosen, width));
        return Ok(());
    }
    let view = if params.switch("Full") {
        HelpView::Full
    } else if params.switch("Detailed") {
        HelpView::Detailed
    } else if params.switch("Examples") {
        HelpView::Examples
    } else {
        HelpView::Default
    };
    emit_text(cx, &render_help(entry, catalog, view, width));
    Ok(())
}

/// Help for a script path (`.\report.ps1`) or a script function, from its comment-based help
/// and `param()` block; `None` when the name is neither.
fn script_or_function_entry(
    cx: &dyn CommandContext,
    name: &str,
) -> Result<Option<Entry>, ErrorRecord> {
    let looks_like_path = name.ends_with(".ps1") || name.contains(['/', '\\']);
    if looks_like_path {
        let path = super::files::resolve_path(name);
        let Ok(source) = std::fs::read_to_string(&path) else {
            return Err(help_not_found(cx, name));
        };
        let shown = super::files::display_path(&path);
        let params = crate::lang::parse(&source)
            .ok()
            .and_then(|sb| sb.param_block);
        let help = comment_help::extract(&source);
        return Ok(Some(Entry {
            module: String::new(),
            file: shown.clone(),
            def: comment_help::to_def(&shown, help.as_ref(), params.as_ref()),
        }));
    }
    let Some((body, params)) = cx.function_definition(name) else {
        return Ok(None);
    };
    let help = comment_help::extract(&body.text);
    Ok(Some(Entry {
        module: String::new(),
        file: String::new(),
        def: comment_help::to_def(name, help.as_ref(), params.as_ref()),
    }))
}

/// The version Get-Command shows for a module's commands.
fn module_version(module: &str) -> &'static str {
    match module {
        "Microsoft.PowerShell.Core" => "3.0.0.0",
        "Microsoft.PowerShell.Utility" | "Microsoft.PowerShell.Management" => "3.1.0.0",
        "Lync" => "4.0.0.0",
        "ServerManager" => "2.0.0.0",
        _ => "1.0.0.0",
    }
}

fn cmdlet_object(entry: &Entry, catalog: &Catalog) -> Value {
    let name = entry.def.name.as_str();
    let (verb, noun) = name.split_once('-').unwrap_or((name, ""));
    let mut o = PsObject::new("System.Management.Automation.CmdletInfo");
    o.type_names
        .push("System.Management.Automation.CommandInfo".into());
    o.with("CommandType", "Cmdlet")
        .with("Name", name)
        .with("DisplayName", name)
        .with("Version", module_version(&entry.module))
        .with("Source", entry.module.as_str())
        .with("ModuleName", entry.module.as_str())
        .with("Verb", verb)
        .with("Noun", noun)
        .with("Definition", syntax_lines(entry, catalog, false).join("\n"))
        .into_value()
}

fn alias_object(alias: &str, target: &str) -> Value {
    let mut o = PsObject::new("System.Management.Automation.AliasInfo");
    o.type_names
        .push("System.Management.Automation.CommandInfo".into());
    o.with("CommandType", "Alias")
        .with("Name", alias)
        .with("DisplayName", format!("{alias} -> {target}"))
        .with("Version", "")
        .with("Source", "")
        .with("ModuleName", "")
        .with("Definition", target)
        .with("ReferencedCommand", target)
        .into_value()
}

fn function_object(name: &str) -> Value {
    let mut o = PsObject::new("System.Management.Automation.FunctionInfo");
    o.type_names
        .push("System.Management.Automation.CommandInfo".into());
    o.with("CommandType", "Function")
        .with("Name", name)
        .with("DisplayName", name)
        .with("Version", "")
        .with("Source", "")
        .with("ModuleName", "")
        .into_value()
}

/// Built-in aliases overlaid with the context's (which may repeat the built-in ones), sorted
/// by name.
fn all_aliases(cx: &dyn CommandContext) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = Catalog::embedded()
        .aliases()
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .collect();
    for (alias, target) in cx.aliases() {
        match list
            .iter_mut()
            .find(|(a, _)| a.eq_ignore_ascii_case(&alias))
        {
            Some(slot) => slot.1 = target,
            None => list.push((alias, target)),
        }
    }
    list.sort_by_key(|(a, _)| a.to_lowercase());
    list
}

fn any_match(patterns: &Option<Vec<String>>, text: &str) -> bool {
    patterns
        .as_ref()
        .is_none_or(|ps| ps.iter().any(|p| wildcard_match(p, text, false)))
}

fn command_not_found(cx: &dyn CommandContext, name: &str) -> ErrorRecord {
    error(
        cx,
        ErrorCategory::ObjectNotFound,
        "CommandNotFoundException",
        format!("The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."),
    )
    .with_target(name, "String")
    .with_exception("System.Management.Automation.CommandNotFoundException")
}

/// Get-Command: catalog cmdlets and aliases, filtered by name, verb, noun, module and type,
/// as CommandInfo objects or, with -Syntax, as syntax text.
pub fn get_command(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let catalog = Catalog::embedded();
    let names = params.strings("Name");
    let verbs = params.strings("Verb");
    let nouns = params.strings("Noun");
    let modules = params.strings("Module");
    let kind = params.string("CommandType").unwrap_or_else(|| "All".into());
    let want = |k: &str| kind.eq_ignore_ascii_case("All") || kind.eq_ignore_ascii_case(k);
    // Verb and noun filters select cmdlets only, as in PowerShell.
    let with_aliases = verbs.is_none() && nouns.is_none() && modules.is_none() && want("Alias");

    // (sort rank: aliases, functions, cmdlets; name; object; entry for -Syntax)
    let mut found: Vec<(u8, String, Value, Option<&Entry>)> = Vec::new();
    if with_aliases {
        for (alias, target) in all_aliases(cx) {
            if any_match(&names, &alias) {
                let entry = catalog.find(&target);
                found.push((0, alias.clone(), alias_object(&alias, &target), entry));
            }
        }
    }
    if verbs.is_none() && nouns.is_none() && modules.is_none() && want("Function") {
        for name in cx.functions() {
            if any_match(&names, &name) {
                found.push((1, name.clone(), function_object(&name), None));
            }
        }
    }
    if want("Cmdlet") {
        for e in catalog.entries() {
            let name = &e.def.name;
            let (verb, noun) = name.split_once('-').unwrap_or((name, ""));
            if any_match(&names, name)
                && any_match(&verbs, verb)
                && any_match(&nouns, noun)
                && any_match(&modules, &e.module)
            {
                found.push((2, name.clone(), cmdlet_object(e, catalog), Some(e)));
            }
        }
    }
    for name in names.iter().flatten() {
        let hit = found
            .iter()
            .any(|(_, n, _, _)| wildcard_match(name, n, false));
        if !has_wildcards(name) && !hit {
            cx.write_error(command_not_found(cx, name));
        }
    }
    found.sort_by_key(|a| (a.0, a.1.to_lowercase()));
    if let Some(n) = params.get("TotalCount").and_then(Value::as_f64) {
        found.truncate(n.max(0.0) as usize);
    }
    for (_, _, object, entry) in found {
        if params.switch("Syntax") {
            if let Some(e) = entry {
                let text = format!("\n{}\n", syntax_lines(e, catalog, false).join("\n\n"));
                cx.write_output(Value::String(text));
            }
        } else {
            cx.write_output(object);
        }
    }
    Ok(())
}

/// Get-Alias: built-in and session aliases by name or by the command they stand for.
pub fn get_alias(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let names = params.strings("Name");
    let definitions = params.strings("Definition");
    let excluded = params.strings("Exclude").unwrap_or_default();
    let aliases = all_aliases(cx);
    for name in names.iter().flatten() {
        if !has_wildcards(name) && !aliases.iter().any(|(a, _)| a.eq_ignore_ascii_case(name)) {
            cx.write_error(
                error(
                    cx,
                    ErrorCategory::ObjectNotFound,
                    "ItemNotFoundException",
                    format!("This command cannot find a matching alias because an alias with the name '{name}' does not exist."),
                )
                .with_target(name.clone(), "String"),
            );
        }
    }
    for (alias, target) in aliases {
        if any_match(&names, &alias)
            && any_match(&definitions, &target)
            && !excluded.iter().any(|x| wildcard_match(x, &alias, false))
        {
            cx.write_output(alias_object(&alias, &target));
        }
    }
    Ok(())
}

/// Set-Alias: a session alias for a command.
pub fn set_alias(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let name = params.string("Name").unwrap_or_default();
    let target = params.string("Value").unwrap_or_default();
    if !cx.set_alias(&name, &target) {
        return Err(error(
            cx,
            ErrorCategory::InvalidOperation,
            "AliasNotWritable",
            format!(
                "The alias {name} cannot be defined here: this shell keeps no session aliases."
            ),
        ));
    }
    if params.switch("PassThru") {
        cx.write_output(alias_object(&name, &target));
    }
    Ok(())
}

/// How Get-Member writes a type in a definition: C# keywords for the common ones.
fn short_type_name(v: &Value) -> String {
    match v.type_name().as_str() {
        "System.String" => "string".into(),
        "System.Int32" => "int".into(),
        "System.Int64" => "long".into(),
        "System.Double" => "double".into(),
        "System.Boolean" => "bool".into(),
        "System.DateTime" => "datetime".into(),
        "System.Collections.Hashtable" => "hashtable".into(),
        "System.Management.Automation.ScriptBlock" => "scriptblock".into(),
        "System.Management.Automation.SwitchParameter" => "switch".into(),
        "null" => "object".into(),
        other => other.to_string(),
    }
}

const OBJECT_METHODS: &[(&str, &str)] = &[
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("ToString", "string ToString()"),
];

const STRING_METHODS: &[(&str, &str)] = &[
    ("Contains", "bool Contains(string value)"),
    ("EndsWith", "bool EndsWith(string value)"),
    ("IndexOf", "int IndexOf(string value)"),
    ("Insert", "string Insert(int startIndex, string value)"),
    ("PadLeft", "string PadLeft(int totalWidth)"),
    ("PadRight", "string PadRight(int totalWidth)"),
    (
        "Replace",
        "string Replace(string oldValue, string newValue)",
    ),
    ("Split", "string[] Split(Params char[] separator)"),
    ("StartsWith", "bool StartsWith(string value)"),
    ("Substring", "string Substring(int startIndex)"),
    ("ToLower", "string ToLower()"),
    ("ToUpper", "string ToUpper()"),
    ("Trim", "string Trim()"),
    ("TrimEnd", "string TrimEnd(Params char[] trimChars)"),
    ("TrimStart", "string TrimStart(Params char[] trimChars)"),
];

const DATETIME_MEMBERS: &[(&str, &str, &str)] = &[
    ("AddDays", "Method", "datetime AddDays(double value)"),
    ("AddHours", "Method", "datetime AddHours(double value)"),
    ("AddMinutes", "Method", "datetime AddMinutes(double value)"),
    ("AddMonths", "Method", "datetime AddMonths(int months)"),
    ("AddSeconds", "Method", "datetime AddSeconds(double value)"),
    ("AddYears", "Method", "datetime AddYears(int value)"),
    ("ToLongDateString", "Method", "string ToLongDateString()"),
    ("ToLongTimeString", "Method", "string ToLongTimeString()"),
    ("ToShortDateString", "Method", "string ToShortDateString()"),
    ("ToShortTimeString", "Method", "string ToShortTimeString()"),
    ("ToUniversalTime", "Method", "datetime ToUniversalTime()"),
    ("Date", "Property", "datetime Date {get;}"),
    ("Day", "Property", "int Day {get;}"),
    ("DayOfWeek", "Property", "System.DayOfWeek DayOfWeek {get;}"),
    ("DayOfYear", "Property", "int DayOfYear {get;}"),
    ("Hour", "Property", "int Hour {get;}"),
    ("Minute", "Property", "int Minute {get;}"),
    ("Month", "Property", "int Month {get;}"),
    ("Second", "Property", "int Second {get;}"),
    ("Year", "Property", "int Year {get;}"),
];

const HASHTABLE_MEMBERS: &[(&str, &str, &str)] = &[
    (
        "Add",
        "Method",
        "void Add(System.Object key, System.Object value)",
    ),
    ("Clear", "Method", "void Clear()"),
    (
        "ContainsKey",
        "Method",
        "bool ContainsKey(System.Object key)",
    ),
    ("Remove", "Method", "void Remove(System.Object key)"),
    ("Count", "Property", "int Count {get;}"),
    (
        "Keys",
        "Property",
        "System.Collections.ICollection Keys {get;}",
    ),
    (
        "Values",
        "Property",
        "System.Collections.ICollection Values {get;}",
    ),
];

/// (name, member type, definition) of a value's members.
fn members_of(v: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = OBJECT_METHODS
        .iter()
        .map(|(n, d)| (n.to_string(), "Method".into(), d.to_string()))
        .collect();
    match v {
        Value::Object(o) => {
            let o = o.borrow();
            let note = o
                .type_names
                .iter()
                .any(|t| t == "System.Management.Automation.PSCustomObject");
            for (name, value) in &o.properties {
                let ty = short_type_name(value);
                if note {
                    let shown = match value {
                        Value::Null => "null".to_string(),
                        Value::Array(_) | Value::Hashtable(_) => value.type_name(),
                        other => other.to_ps_string(),
                    };
                    out.push((
                        name.clone(),
                        "NoteProperty".into(),
                        format!("{ty} {name}={shown}"),
                    ));
                } else {
                    out.push((
                        name.clone(),
                        "Property".into(),
                        format!("{ty} {name} {{get;set;}}"),
                    ));
                }
            }
        }
        Value::String(_) => {
            out.extend(
                STRING_METHODS
                    .iter()
                    .map(|(n, d)| (n.to_string(), "Method".into(), d.to_string())),
            );
            out.push((
                "Length".into(),
                "Property".into(),
                "int Length {get;}".into(),
            ));
        }
        Value::Hashtable(_) | Value::DateTime(_) => {
            let table = if matches!(v, Value::DateTime(_)) {
                DATETIME_MEMBERS
            } else {
                HASHTABLE_MEMBERS
            };
            out.extend(
                table
                    .iter()
                    .map(|(n, k, d)| (n.to_string(), k.to_string(), d.to_string())),
            )
        }
        _ => out.push((
            "CompareTo".into(),
            "Method".into(),
            "int CompareTo(System.Object value)".into(),
        )),
    }
    out
}

/// Whether a member's kind is selected by -MemberType (the plural groups select families).
fn kind_selected(wanted: &str, kind: &str) -> bool {
    match wanted.to_ascii_lowercase().as_str() {
        "all" => true,
        "properties" => kind.ends_with("Property"),
        "methods" => kind.ends_with("Method"),
        w => w.eq_ignore_ascii_case(kind),
    }
}

/// Get-Member: per distinct input type, a header and its members sorted by kind and name.
pub fn get_member(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = super::input_objects(params, input);
    if items.is_empty() {
        return Err(error(
            cx,
            ErrorCategory::CloseError,
            "NoObjectInGetMember",
            "You must specify an object for the Get-Member cmdlet.",
        ));
    }
    if params.switch("Static") {
        return Ok(());
    }
    let names = params.strings("Name");
    let kind = params.string("MemberType").unwrap_or_else(|| "All".into());
    let mut seen: Vec<String> = Vec::new();
    for item in items.iter().filter(|v| !v.is_null()) {
        let type_name = item.type_name();
        if seen.contains(&type_name) {
            continue;
        }
        seen.push(type_name.clone());
        let mut members: Vec<_> = members_of(item)
            .into_iter()
            .filter(|(n, k, _)| kind_selected(&kind, k) && any_match(&names, n))
            .collect();
        members.sort_by_key(|(n, k, _)| (k.clone(), n.to_lowercase()));
        for (name, member_type, definition) in members {
            let o = PsObject::new("Microsoft.PowerShell.Commands.MemberDefinition")
                .with("TypeName", type_name.as_str())
                .with("Name", name)
                .with("MemberType", member_type)
                .with("Definition", definition);
            cx.write_output(o.into_value());
        }
    }
    Ok(())
}
