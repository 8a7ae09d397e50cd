//! Help text rendered from the catalog, laid out as Windows PowerShell 5.1's Get-Help prints
//! it: NAME, SYNOPSIS, SYNTAX (one line per parameter set), DESCRIPTION, and the detailed and
//! full views with PARAMETERS, INPUTS, OUTPUTS, NOTES and EXAMPLES. Pure text functions, so
//! that both the Get-Help cmdlet and the REPL can use them.

use super::schema::{ParamDef, PipelineBinding};
use super::{Catalog, Entry};

/// Which Get-Help view to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpView {
    /// `Get-Help X`: name, synopsis, syntax, description, related links, remarks.
    Default,
    /// `-Detailed`: adds parameter descriptions and the examples.
    Detailed,
    /// `-Full`: adds each parameter's attributes, inputs, outputs and notes.
    Full,
    /// `-Examples`: name, synopsis and the examples only.
    Examples,
}

const INDENT: &str = "    ";
const PARAM_TEXT_INDENT: &str = "        ";

const COMMON_PARAMETERS_TEXT: &str = "This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, ErrorVariable, WarningAction, WarningVariable, OutBuffer, PipelineVariable, and OutVariable. For more information, see about_CommonParameters (https:/go.microsoft.com/fwlink/?LinkID=113216).";

/// The parameter sets of a cmdlet, default set first, then in order of first appearance.
/// A cmdlet whose parameters name no set has the one set `__AllParameterSets`.
pub fn parameter_sets(entry: &Entry) -> Vec<String> {
    let mut sets: Vec<String> = Vec::new();
    if let Some(default) = &entry.def.default_parameter_set {
        sets.push(default.clone());
    }
    for p in &entry.def.parameters {
        for s in &p.sets {
            if !sets.iter().any(|x| x.eq_ignore_ascii_case(s)) {
                sets.push(s.clone());
            }
        }
    }
    if sets.is_empty() {
        sets.push("__AllParameterSets".into());
    }
    sets
}

/// The parameters of one set in the order syntax shows them: positional ones by position,
/// then mandatory named ones, then the others, each group as declared.
fn set_parameters<'a>(entry: &'a Entry, set: &str) -> Vec<&'a ParamDef> {
    let mut params: Vec<&ParamDef> = entry
        .def
        .parameters
        .iter()
        .filter(|p| p.sets.is_empty() || p.sets.iter().any(|s| s.eq_ignore_ascii_case(set)))
        .collect();
    params.sort_by_key(|p| match (p.position, p.mandatory) {
        (Some(pos), _) => (0, pos),
        (None, true) => (1, 0),
        (None, false) => (2, 0),
    });
    params
}

fn is_switch(p: &ParamDef) -> bool {
    p.type_name.eq_ignore_ascii_case("SwitchParameter")
}

/// The argument placeholder of a parameter: `<String[]>`, or `{A | B}` for an enum or a set
/// of allowed values when `expand_values` (as Get-Help shows them).
fn argument_text(p: &ParamDef, catalog: &Catalog, expand_values: bool) -> String {
    if expand_values {
        let values = catalog
            .enum_values(&p.type_name)
            .map(<[String]>::to_vec)
            .unwrap_or_else(|| p.values.clone());
        if !values.is_empty() {
            return format!("{{{}}}", values.join(" | "));
        }
    }
    format!("<{}>", p.type_name)
}

/// One syntax line per parameter set:
/// `Set-CsWebServer [[-Identity] <XdsGlobalRelativeIdentity>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]`.
/// `expand_values` writes enum parameters as `{A | B}` (Get-Help) instead of `<Type>`
/// (Get-Command -Syntax).
pub fn syntax_lines(entry: &Entry, catalog: &Catalog, expand_values: bool) -> Vec<String> {
    syntax_parts(entry, catalog, expand_values)
        .iter()
        .map(|parts| parts.join(" "))
        .collect()
}

/// Each parameter set's syntax as its pieces: the name, one piece per parameter, the
/// common parameters. Long lines wrap between pieces, never inside one.
fn syntax_parts(entry: &Entry, catalog: &Catalog, expand_values: bool) -> Vec<Vec<String>> {
    parameter_sets(entry)
        .iter()
        .map(|set| {
            let mut parts = vec![entry.def.name.clone()];
            for p in set_parameters(entry, set) {
                let text = if is_switch(p) {
                    format!("-{}", p.name)
                } else {
                    let name = if p.position.is_some() {
                        format!("[-{}]", p.name)
                    } else {
                        format!("-{}", p.name)
                    };
                    format!("{name} {}", argument_text(p, catalog, expand_values))
                };
                parts.push(if p.mandatory {
                    text
                } else {
                    format!("[{text}]")
                });
            }
            if entry.def.supports_should_process {
                parts.push("[-WhatIf]".into());
                parts.push("[-Confirm]".into());
            }
            parts.push("[<CommonParameters>]".into());
            parts
        })
        .collect()
}

/// Lays out `words` (each kept whole) in lines of at most `width` columns, each line
/// indented by `indent`.
fn fill(words: &[&str], indent: &str, width: usize) -> String {
    let room = width.saturating_sub(indent.len()).max(20);
    let mut out = String::new();
    let mut line = String::new();
    for word in words {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            out.push_str(&format!("{indent}{line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
    }
    out.push('\n');
    out
}

/// Word-wraps `text` to `width` columns, each line indented by `indent`. Paragraphs are
/// separated by blank lines; inside one, lines are joined and refilled, except lines that
/// start a list item (`-`, `*`) or are indented, which keep their own line.
fn wrap_indented(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, paragraph) in text.trim_end().split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut lines: Vec<String> = Vec::new();
        for source_line in paragraph.lines() {
            let starts_own_line = source_line.starts_with([' ', '\t', '-', '*']);
            match lines.last_mut() {
                Some(last) if !starts_own_line => {
                    last.push(' ');
                    last.push_str(source_line.trim());
                }
                _ => lines.push(source_line.trim_end().to_string()),
            }
        }
        for line in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            out.push_str(&fill(&words, indent, width));
        }
    }
    out
}

fn section(out: &mut String, title: &str) {
    out.push_str(title);
    out.push('\n');
}

/// `true (ByValue, ByPropertyName)` / `false`, as the parameter attribute block says it.
fn pipeline_text(p: &ParamDef) -> String {
    if p.pipeline.is_empty() {
        return "false".into();
    }
    let kinds: Vec<&str> = p
        .pipeline
        .iter()
        .map(|b| match b {
            PipelineBinding::ByValue => "ByValue",
            PipelineBinding::ByPropertyName => "ByPropertyName",
        })
        .collect();
    format!("true ({})", kinds.join(", "))
}

/// One parameter's block: `-Name <Type>`, its description, and with `attributes` the
/// Required?/Position?/Default value/pipeline/wildcard lines, then a blank line.
pub fn parameter_block(p: &ParamDef, attributes: bool, width: usize) -> String {
    let mut out = String::new();
    let placeholder = if is_switch(p) {
        "[<SwitchParameter>]".to_string()
    } else {
        format!("<{}>", p.type_name)
    };
    out.push_str(&format!("{INDENT}-{} {placeholder}\n", p.name));
    if !p.description.is_empty() {
        out.push_str(&wrap_indented(&p.description, PARAM_TEXT_INDENT, width));
    }
    if attributes {
        out.push('\n');
        let position = p
            .position
            .map_or_else(|| "named".to_string(), |pos| pos.to_string());
        let rows = [
            ("Required?", p.mandatory.to_string()),
            ("Position?", position),
            ("Default value", p.default.clone().unwrap_or_default()),
            ("Accept pipeline input?", pipeline_text(p)),
            ("Accept wildcard characters?", p.wildcards.to_string()),
        ];
        for (label, value) in rows {
            let line = format!("{PARAM_TEXT_INDENT}{label:<29}{value}");
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

fn examples_text(entry: &Entry, width: usize) -> String {
    let mut out = String::new();
    for (i, ex) in entry.def.examples.iter().enumerate() {
        let title = match &ex.title {
            Some(t) => format!("EXAMPLE {}: {t}", i + 1),
            None => format!("EXAMPLE {}", i + 1),
        };
        out.push_str(&format!(
            "{INDENT}-------------------------- {title} --------------------------\n\n"
        ));
        for (n, line) in ex.code.trim_end().lines().enumerate() {
            let prompt = if n == 0 { "PS C:\\>" } else { "" };
            out.push_str(&format!("{INDENT}{prompt}{line}\n"));
        }
        if let Some(output) = &ex.output {
            for line in output.trim_end().lines() {
                out.push_str(format!("{INDENT}{line}").trim_end());
                out.push('\n');
            }
        }
        out.push('\n');
        if !ex.remarks.trim().is_empty() {
            out.push_str(&wrap_indented(&ex.remarks, INDENT, width));
        }
        out.push_str("\n\n");
    }
    out
}

/// The whole help text of a cmdlet in the given view, lines at most `width` columns where
/// the text can be wrapped.
pub fn render_help(entry: &Entry, catalog: &Catalog, view: HelpView, width: usize) -> String {
    let def = &entry.def;
    let mut out = String::from("\n");
    section(&mut out, "NAME");
    out.push_str(&format!("{INDENT}{}\n\n", def.name));
    section(&mut out, "SYNOPSIS");
    out.push_str(&wrap_indented(&def.synopsis, INDENT, width));
    out.push('\n');
    if view == HelpView::Examples {
        out.push_str(&examples_text(entry, width));
        return out;
    }
    out.push('\n');
    section(&mut out, "SYNTAX");
    for parts in syntax_parts(entry, catalog, true) {
        let words: Vec<&str> = parts.iter().map(String::as_str).collect();
        out.push_str(&fill(&words, INDENT, width));
        out.push('\n');
    }
    out.push('\n');
    section(&mut out, "DESCRIPTION");
    out.push_str(&wrap_indented(&def.description, INDENT, width));
    out.push_str("\n\n");
    if matches!(view, HelpView::Detailed | HelpView::Full) {
        let full = view == HelpView::Full;
        section(&mut out, "PARAMETERS");
        for p in &def.parameters {
            out.push_str(&parameter_block(p, full, width));
        }
        if def.supports_should_process {
            for p in should_process_parameters() {
                out.push_str(&parameter_block(&p, full, width));
            }
        }
        out.push_str(&format!("{INDENT}<CommonParameters>\n"));
        out.push_str(&wrap_indented(
            COMMON_PARAMETERS_TEXT,
            PARAM_TEXT_INDENT,
            width,
        ));
        out.push('\n');
        if full {
            for (title, text) in [
                ("INPUTS", &def.inputs),
                ("OUTPUTS", &def.outputs),
                ("NOTES", &def.notes),
            ] {
                section(&mut out, title);
                if let Some(text) = text {
                    out.push_str(&wrap_indented(text, INDENT, width));
                }
                out.push_str("\n\n");
            }
        }
        out.push_str(&examples_text(entry, width));
    }
    if view != HelpView::Detailed {
        section(&mut out, "RELATED LINKS");
        for r in &def.related {
            out.push_str(&format!("{INDENT}{r}\n"));
        }
        out.push('\n');
    }
    if view != HelpView::Full {
        section(&mut out, "REMARKS");
        let name = &def.name;
        out.push_str(&format!(
            "{INDENT}To see the examples, type: \"get-help {name} -examples\".\n"
        ));
        out.push_str(&format!(
            "{INDENT}For more information, type: \"get-help {name} -detailed\".\n"
        ));
        out.push_str(&format!(
            "{INDENT}For technical information, type: \"get-help {name} -full\".\n"
        ));
        out.push('\n');
    }
    out
}

/// The `-WhatIf` and `-Confirm` parameters that `supports_should_process` adds, as help
/// lists them.
pub fn should_process_parameters() -> [ParamDef; 2] {
    [
        switch_param(
            "WhatIf",
            "wi",
            "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ),
        switch_param(
            "Confirm",
            "cf",
            "Prompts you for confirmation before running the cmdlet.",
        ),
    ]
}

fn switch_param(name: &str, alias: &str, description: &str) -> ParamDef {
    ParamDef {
        aliases: vec![alias.into()],
        description: description.into(),
        ..ParamDef::new(name, "SwitchParameter")
    }
}

/// `Get-Help X -Parameter P`: the attribute blocks of the chosen parameters.
pub fn render_parameters(params: &[&ParamDef], width: usize) -> String {
    let mut out = String::from("\n");
    for p in params {
        out.push_str(&parameter_block(p, true, width));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r#"
module: Lync
enums:
  Kind: [Alpha, Beta]
cmdlets:
  - name: Set-CsThing
    synopsis: Modifies a thing.
    description: Changes the thing.
    supports_should_process: true
    default_parameter_set: Identity
    parameters:
      - name: Identity
        type: XdsGlobalRelativeIdentity
        position: 0
        sets: [Identity]
        pipeline: [ByPropertyName]
        description: The thing to change.
      - name: Instance
        type: PSObject
        mandatory: true
        sets: [Instance]
        pipeline: [ByValue]
      - name: Kind
        type: Kind
      - name: Force
        type: SwitchParameter
    examples:
      - title: Change it
        code: Set-CsThing -Kind Beta
        remarks: Sets the kind.
    related: [Get-CsThing]
"#;

    fn catalog() -> Catalog {
        Catalog::from_files([("cmdlets/CsThing.yaml", YAML)]).unwrap()
    }

    #[test]
    fn syntax_has_one_line_per_set_with_common_parameters() {
        let c = catalog();
        let e = c.find("set-csthing").unwrap();
        assert_eq!(
            syntax_lines(e, &c, false),
            [
                "Set-CsThing [[-Identity] <XdsGlobalRelativeIdentity>] [-Kind <Kind>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]",
                "Set-CsThing -Instance <PSObject> [-Kind <Kind>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]",
            ]
        );
        assert!(syntax_lines(e, &c, true)[0].contains("[-Kind {Alpha | Beta}]"));
    }

    #[test]
    fn default_view_matches_windows_powershell_layout() {
        let c = catalog();
        let e = c.find("Set-CsThing").unwrap();
        let text = render_help(e, &c, HelpView::Default, 200);
        let expected = "
NAME
    Set-CsThing

SYNOPSIS
    Modifies a thing.


SYNTAX
    Set-CsThing [[-Identity] <XdsGlobalRelativeIdentity>] [-Kind {Alpha | Beta}] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]

    Set-CsThing -Instance <PSObject> [-Kind {Alpha | Beta}] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]


DESCRIPTION
    Changes the thing.


RELATED LINKS
    Get-CsThing

REMARKS
    To see the examples, type: \"get-help Set-CsThing -examples\".
    For more information, type: \"get-help Set-CsThing -detailed\".
    For technical information, type: \"get-help Set-CsThing -full\".

";
        assert_eq!(text, expected);
    }

    #[test]
    fn parameter_blocks_list_attributes() {
        let c = catalog();
        let e = c.find("Set-CsThing").unwrap();
        let text = render_parameters(&[&e.def.parameters[0]], 80);
        assert_eq!(
            text,
            "
    -Identity <XdsGlobalRelativeIdentity>
        The thing to change.

        Required?                    false
        Position?                    0
        Default value
        Accept pipeline input?       true (ByPropertyName)
        Accept wildcard characters?  false

"
        );
    }

    #[test]
    fn examples_view_shows_dashed_titles() {
        let c = catalog();
        let e = c.find("Set-CsThing").unwrap();
        let text = render_help(e, &c, HelpView::Examples, 80);
        assert!(text.ends_with(
            "    -------------------------- EXAMPLE 1: Change it --------------------------\n\n    PS C:\\>Set-CsThing -Kind Beta\n\n    Sets the kind.\n\n\n"
        ));
        assert!(!text.contains("SYNTAX"));
    }

    #[test]
    fn full_view_has_parameters_inputs_and_no_remarks() {
        let c = catalog();
        let e = c.find("Set-CsThing").unwrap();
        let text = render_help(e, &c, HelpView::Full, 80);
        for needle in [
            "PARAMETERS\n    -Identity <XdsGlobalRelativeIdentity>",
            "    -Force [<SwitchParameter>]\n",
            "    -WhatIf [<SwitchParameter>]\n",
            "    <CommonParameters>\n        This cmdlet supports the common parameters",
            "INPUTS\n",
            "OUTPUTS\n",
            "RELATED LINKS\n    Get-CsThing\n",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in\n{text}");
        }
        assert!(!text.contains("REMARKS"));
    }

    #[test]
    fn narrow_syntax_wraps_between_parameters() {
        let c = catalog();
        let e = c.find("Set-CsThing").unwrap();
        let text = render_help(e, &c, HelpView::Default, 60);
        assert!(text.contains(
            "    Set-CsThing [[-Identity] <XdsGlobalRelativeIdentity>]\n    [-Kind {Alpha | Beta}] [-Force] [-WhatIf] [-Confirm]\n    [<CommonParameters>]\n"
        ), "{text}");
    }

    #[test]
    fn paragraphs_are_refilled_but_list_items_keep_their_lines() {
        assert_eq!(
            wrap_indented("one\ntwo\n- item\n- other", "  ", 80),
            "  one two\n  - item\n  - other\n"
        );
    }

    #[test]
    fn long_text_wraps_with_its_indent() {
        assert_eq!(
            wrap_indented("one two three four", "    ", 14),
            "    one two three four\n"
        );
        assert_eq!(
            wrap_indented("aaaa bbbb cccc dddd eeee ffff", "    ", 24),
            "    aaaa bbbb cccc dddd\n    eeee ffff\n"
        );
    }
}
