//! Comment-based help (`.SYNOPSIS`, `.DESCRIPTION`, `.PARAMETER x`, `.EXAMPLE`, …) of
//! scripts and functions, turned into a catalog definition together with the `param()`
//! block, so that `Get-Help .\script.ps1` renders with the same views as a cmdlet.

use super::schema::{CmdletDef, Example, ParamDef, PipelineBinding};
use crate::lang::ast::{Attribute, Expr, ParamBlock};

/// The sections of a help comment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentHelp {
    pub synopsis: String,
    pub description: String,
    /// (parameter name, text), in the order written.
    pub parameters: Vec<(String, String)>,
    /// Each example's text: its first line is the command, the rest are remarks.
    pub examples: Vec<String>,
    pub inputs: Option<String>,
    pub outputs: Option<String>,
    pub notes: Option<String>,
    pub links: Vec<String>,
}

/// The text of the first comment of a script or function body (a `<# … #>` block, or a run
/// of `#` lines), skipping blank lines and `#requires`; `None` when the code starts first.
fn leading_comment(source: &str) -> Option<String> {
    let mut rest = source.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.to_ascii_lowercase().starts_with("#requires") {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
            continue;
        }
        break;
    }
    if let Some(body) = rest.strip_prefix("<#") {
        let end = body.find("#>")?;
        return Some(body[..end].to_string());
    }
    let lines: Vec<&str> = rest
        .lines()
        .map(str::trim_start)
        .take_while(|l| l.starts_with('#'))
        .map(|l| &l[1..])
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Finds and parses the help comment at the start of `source`.
pub fn extract(source: &str) -> Option<CommentHelp> {
    parse(&leading_comment(source)?)
}

/// Parses the keywords of a help comment; `None` when it has none (an ordinary comment).
pub fn parse(comment: &str) -> Option<CommentHelp> {
    let mut help = CommentHelp::default();
    let mut current: Option<(String, String)> = None;
    let mut body = String::new();
    let mut found = false;
    let flush = |help: &mut CommentHelp, key: Option<(String, String)>, body: &str| {
        let Some((keyword, argument)) = key else {
            return;
        };
        let text = dedent(body);
        match keyword.as_str() {
            "SYNOPSIS" => help.synopsis = text,
            "DESCRIPTION" => help.description = text,
            "PARAMETER" => help.parameters.push((argument, text)),
            "EXAMPLE" => help.examples.push(text),
            "INPUTS" => help.inputs = Some(text),
            "OUTPUTS" => help.outputs = Some(text),
            "NOTES" => help.notes = Some(text),
            "LINK" => help.links.extend(text.lines().map(str::to_string)),
            _ => {}
        }
    };
    for line in comment.lines() {
        let trimmed = line.trim();
        if let Some(keyword_line) = trimmed.strip_prefix('.') {
            let (keyword, argument) = keyword_line
                .split_once(char::is_whitespace)
                .unwrap_or((keyword_line, ""));
            let keyword = keyword.to_ascii_uppercase();
            const KNOWN: &[&str] = &[
                "SYNOPSIS",
                "DESCRIPTION",
                "PARAMETER",
                "EXAMPLE",
                "INPUTS",
                "OUTPUTS",
                "NOTES",
                "LINK",
                "COMPONENT",
                "ROLE",
                "FUNCTIONALITY",
                "FORWARDHELPTARGETNAME",
                "EXTERNALHELP",
            ];
            if KNOWN.contains(&keyword.as_str()) {
                flush(&mut help, current.take(), &body);
                body.clear();
                current = Some((keyword, argument.trim().to_string()));
                found = true;
                continue;
            }
        }
        body.push_str(line);
        body.push('\n');
    }
    flush(&mut help, current, &body);
    found.then_some(help)
}

/// Removes the indentation common to the non-blank lines and the blank lines around.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

/// The literal text of an attribute argument (`'x'`, `5`, `$true`).
fn literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::String { value, .. } => Some(value.clone()),
        Expr::Number { text, .. } => Some(text.clone()),
        Expr::Variable(v) => Some(format!("${}", v.name)),
        Expr::ArrayLiteral { items, .. } => Some(
            items
                .iter()
                .filter_map(literal)
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => None,
    }
}

fn flag(attr: &Attribute, name: &str) -> bool {
    attr.named
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .is_some_and(|(_, v)| {
            v.as_ref()
                .and_then(literal)
                .is_none_or(|t| !t.eq_ignore_ascii_case("$false") && t != "0")
        })
}

/// The catalog type name of a script parameter type (`[int]` → `Int32`).
fn catalog_type(name: Option<&str>, is_array: bool) -> String {
    let base = match name.map(str::to_ascii_lowercase).as_deref() {
        None => "Object".to_string(),
        Some("int" | "int32") => "Int32".into(),
        Some("long" | "int64") => "Int64".into(),
        Some("string") => "String".into(),
        Some("bool" | "boolean") => "Boolean".into(),
        Some("switch" | "switchparameter") => "SwitchParameter".into(),
        Some("double") => "Double".into(),
        Some("datetime") => "DateTime".into(),
        Some("hashtable") => "Hashtable".into(),
        Some("scriptblock") => "ScriptBlock".into(),
        Some("psobject" | "pscustomobject") => "PSObject".into(),
        Some(_) => name
            .unwrap_or("Object")
            .rsplit('.')
            .next()
            .unwrap_or("Object")
            .into(),
    };
    if is_array {
        format!("{base}[]")
    } else {
        base
    }
}

/// A catalog definition for a script or function: its parameters from the `param()` block
/// (types, Mandatory, Position, pipeline, aliases, ValidateSet), their descriptions and the
/// rest from the help comment.
pub fn to_def(name: &str, help: Option<&CommentHelp>, params: Option<&ParamBlock>) -> CmdletDef {
    let empty = CommentHelp::default();
    let help = help.unwrap_or(&empty);
    let mut parameters: Vec<ParamDef> = Vec::new();
    for decl in params.map(|b| b.params.as_slice()).unwrap_or_default() {
        let type_name = catalog_type(
            decl.type_name.as_ref().map(|t| t.name.as_str()),
            decl.type_name.as_ref().is_some_and(|t| t.is_array),
        );
        let mut p = ParamDef::new(decl.name.clone(), type_name);
        for attr in &decl.attributes {
            match attr.name.to_ascii_lowercase().as_str() {
                "parameter" => {
                    p.mandatory = flag(attr, "Mandatory");
                    p.position = attr
                        .named
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case("Position"))
                        .and_then(|(_, v)| v.as_ref().and_then(literal))
                        .and_then(|t| t.parse().ok());
                    if flag(attr, "ValueFromPipeline") {
                        p.pipeline.push(PipelineBinding::ByValue);
                    }
                    if flag(attr, "ValueFromPipelineByPropertyName") {
                        p.pipeline.push(PipelineBinding::ByPropertyName);
                    }
                    if let Some(msg) = attr
                        .named
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case("HelpMessage"))
                        .and_then(|(_, v)| v.as_ref().and_then(literal))
                    {
                        p.description = msg;
                    }
                }
                "alias" => p.aliases.extend(attr.positional.iter().filter_map(literal)),
                "validateset" => p.values.extend(attr.positional.iter().filter_map(literal)),
                _ => {}
            }
        }
        if let Some((_, text)) = help
            .parameters
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&decl.name))
        {
            p.description = text.clone();
        }
        p.default = decl.default.as_ref().and_then(literal);
        parameters.push(p);
    }
    // Without any explicit Position, PowerShell numbers the non-switch parameters in order.
    if parameters.iter().all(|p| p.position.is_none()) {
        let positional = parameters
            .iter_mut()
            .filter(|p| p.type_name != "SwitchParameter");
        for (i, p) in positional.enumerate() {
            p.position = Some(i as u32);
        }
    }
    let examples = help
        .examples
        .iter()
        .map(|text| {
            let (code, remarks) = text.split_once('\n').unwrap_or((text, ""));
            Example {
                title: None,
                code: code.trim().trim_start_matches("PS C:\\>").to_string(),
                remarks: dedent(remarks),
                output: None,
            }
        })
        .collect();
    CmdletDef {
        name: name.to_string(),
        module: None,
        synopsis: if help.synopsis.is_empty() {
            name.to_string()
        } else {
            help.synopsis.clone()
        },
        description: help.description.clone(),
        default_parameter_set: None,
        supports_should_process: false,
        parameters,
        inputs: help.inputs.clone(),
        outputs: help.outputs.clone(),
        notes: help.notes.clone(),
        examples,
        related: help.links.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = "#requires -Version 2
<#
.SYNOPSIS
    Reports the MCX ports of every pool.
.DESCRIPTION
    Reads the topology and writes one line per pool.

    Second paragraph.
.PARAMETER Pool
    The pool to report on.
.EXAMPLE
    .\\Get-McxReport.ps1 -Pool pool1
    Reports on pool1 only.
.NOTES
    Written for lyncsh.
.LINK
    Get-CsService
#>
param([string]$Pool)
";

    #[test]
    fn sections_are_read_and_dedented() {
        let help = extract(SCRIPT).unwrap();
        assert_eq!(help.synopsis, "Reports the MCX ports of every pool.");
        assert_eq!(
            help.description,
            "Reads the topology and writes one line per pool.\n\nSecond paragraph."
        );
        assert_eq!(
            help.parameters,
            [("Pool".to_string(), "The pool to report on.".to_string())]
        );
        assert_eq!(
            help.examples,
            [".\\Get-McxReport.ps1 -Pool pool1\nReports on pool1 only."]
        );
        assert_eq!(help.notes.as_deref(), Some("Written for lyncsh."));
        assert_eq!(help.links, ["Get-CsService"]);
    }

    #[test]
    fn line_comments_work_and_ordinary_comments_are_not_help() {
        let help = extract("# .SYNOPSIS\n#   Does a thing.\nparam()").unwrap();
        assert_eq!(help.synopsis, "Does a thing.");
        assert!(extract("# just a note\n$x = 1").is_none());
        assert!(extract("$x = 1 # .SYNOPSIS").is_none());
    }

    #[test]
    fn definition_without_param_block_uses_the_comment() {
        let help = extract(SCRIPT).unwrap();
        let def = to_def("Get-McxReport.ps1", Some(&help), None);
        assert_eq!(def.synopsis, "Reports the MCX ports of every pool.");
        assert_eq!(def.examples[0].code, ".\\Get-McxReport.ps1 -Pool pool1");
        assert_eq!(def.examples[0].remarks, "Reports on pool1 only.");
        assert_eq!(def.related, ["Get-CsService"]);
    }
}
