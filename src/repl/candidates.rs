//! What Tab can offer, independent of where the cursor is: command names, parameter names,
//! allowed values, variables and file paths, each matched and ordered as PowerShell's
//! completers do (CompletionCompleters.cs). [`super::complete`] decides which applies.

use std::path::Path;

use crate::catalog::schema::{CmdletDef, ParamDef};
use crate::catalog::Catalog;
use crate::engine::binder::{ACTION_PREFERENCES, COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS};

/// One completion: the text to insert and an optional description shown beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub value: String,
    pub description: Option<String>,
    /// Directories and `-Name:` keep the cursor glued to what follows; everything else gets
    /// a space after it.
    pub append_space: bool,
}

impl Candidate {
    pub fn new(value: impl Into<String>) -> Candidate {
        Candidate {
            value: value.into(),
            description: None,
            append_space: true,
        }
    }

    fn described(value: impl Into<String>, description: impl Into<String>) -> Candidate {
        let description = description.into();
        Candidate {
            description: (!description.is_empty()).then_some(description),
            ..Candidate::new(value)
        }
    }
}

/// Name, alias and type of a common parameter (the binder's table).
type CommonParam = (&'static str, &'static str, &'static str);

/// A parameter as completion sees it: a declared one or a common one.
#[derive(Clone, Copy, Debug)]
pub enum Param<'a> {
    Declared(&'a ParamDef),
    Common(&'static CommonParam),
}

impl<'a> Param<'a> {
    pub fn name(&self) -> &str {
        match self {
            Param::Declared(p) => &p.name,
            Param::Common((name, _, _)) => name,
        }
    }

    pub fn type_name(&self) -> &str {
        match self {
            Param::Declared(p) => &p.type_name,
            Param::Common((_, _, ty)) => ty,
        }
    }

    fn aliases(&self) -> Vec<&str> {
        match self {
            Param::Declared(p) => p.aliases.iter().map(String::as_str).collect(),
            Param::Common((_, alias, _)) => vec![alias],
        }
    }

    fn sets(&self) -> &[String] {
        match self {
            Param::Declared(p) => &p.sets,
            Param::Common(..) => &[],
        }
    }

    pub fn is_switch(&self) -> bool {
        self.type_name().eq_ignore_ascii_case("SwitchParameter")
    }

    /// Allowed values: the ValidateSet, the enum's members, `$true`/`$false` for Booleans.
    pub fn allowed_values(&self, catalog: &Catalog) -> Vec<String> {
        if let Param::Declared(p) = self {
            if !p.values.is_empty() {
                return p.values.clone();
            }
        }
        let ty = self.type_name();
        if ty == "ActionPreference" {
            return ACTION_PREFERENCES.iter().map(|s| s.to_string()).collect();
        }
        if ty.eq_ignore_ascii_case("Boolean") || self.is_switch() {
            return vec!["$true".into(), "$false".into()];
        }
        catalog
            .enum_values(ty)
            .map(<[String]>::to_vec)
            .unwrap_or_default()
    }

    /// Whether the parameter names a file (`-FileName`, `-File`, `-Path`, `-LiteralPath`).
    pub fn takes_path(&self) -> bool {
        ["FileName", "File", "FilePath", "Path", "LiteralPath"]
            .iter()
            .any(|n| self.name().eq_ignore_ascii_case(n))
    }

    /// One line of help: `[VerificationLevelType] AlwaysVerifiable|AlwaysUnverifiable|…`.
    pub fn help(&self, catalog: &Catalog) -> String {
        let values = self.allowed_values(catalog);
        let mut text = format!("[{}]", self.type_name());
        if let Param::Declared(ParamDef {
            range: Some((low, high)),
            ..
        }) = self
        {
            text.push_str(&format!(" {low}..{high}"));
        }
        if !values.is_empty() && !self.is_switch() {
            text.push(' ');
            text.push_str(&values.join("|"));
        }
        text
    }
}

/// Every parameter of `def` in Tab's order: declared ones, then the common ones.
pub fn all_parameters(def: &CmdletDef) -> Vec<Param<'_>> {
    let mut list: Vec<Param> = def.parameters.iter().map(Param::Declared).collect();
    let common = COMMON_PARAMETERS
        .iter()
        .chain(if def.supports_should_process {
            SHOULD_PROCESS_PARAMETERS
        } else {
            &[]
        });
    list.extend(common.map(Param::Common));
    list
}

/// The parameter `typed` (without its dash) names: exact name or alias, else the only
/// parameter it is a prefix of, declared ones winning over common ones, as the binder does.
pub fn resolve_parameter<'a>(def: &'a CmdletDef, typed: &str) -> Option<Param<'a>> {
    let params = all_parameters(def);
    let exact = params.iter().find(|p| {
        p.name().eq_ignore_ascii_case(typed)
            || p.aliases().iter().any(|a| a.eq_ignore_ascii_case(typed))
    });
    if let Some(p) = exact {
        return Some(*p);
    }
    let prefixed: Vec<Param> = params
        .into_iter()
        .filter(|p| starts_with_ignore_case(p.name(), typed))
        .collect();
    let declared: Vec<Param> = prefixed
        .iter()
        .filter(|p| matches!(p, Param::Declared(_)))
        .copied()
        .collect();
    match (prefixed.as_slice(), declared.as_slice()) {
        ([one], _) | (_, [one]) => Some(*one),
        _ => None,
    }
}

/// The parameter bound at `position` (0-based) when arguments are given without names.
pub fn positional_parameter<'a>(
    def: &'a CmdletDef,
    position: usize,
    given: &[String],
) -> Option<&'a ParamDef> {
    let mut positional: Vec<&ParamDef> = def
        .parameters
        .iter()
        .filter(|p| p.position.is_some() && !given.iter().any(|g| g.eq_ignore_ascii_case(&p.name)))
        .collect();
    positional.sort_by_key(|p| p.position);
    positional.get(position).copied()
}

pub fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn wildcard_match(pattern: &str, text: &str) -> bool {
    crate::engine::wildcard::wildcard_match(pattern, text, false)
}

fn has_wildcard(word: &str) -> bool {
    crate::engine::wildcard::has_wildcards(word)
}

/// Command names for `word`: by prefix (`Get-CsWeb`), by noun (`HostingProv` or
/// `CsHostingProv` finds every verb of it), or by wildcard (`*-CsHosting*`), case-insensitive,
/// from the catalog, the aliases and the session's functions, sorted.
pub fn commands<'a>(
    names: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    word: &str,
) -> Vec<Candidate> {
    let matches = |name: &str| {
        if has_wildcard(word) {
            let pattern = if word.ends_with('*') {
                word.to_string()
            } else {
                format!("{word}*")
            };
            return wildcard_match(&pattern, name);
        }
        if starts_with_ignore_case(name, word) {
            return true;
        }
        let noun = name.split_once('-').map_or("", |(_, noun)| noun);
        !word.contains('-')
            && !word.is_empty()
            && (starts_with_ignore_case(noun, word)
                || (starts_with_ignore_case(noun, "Cs")
                    && starts_with_ignore_case(&noun[2..], word)))
    };
    let mut found: Vec<Candidate> = names
        .filter(|(name, _)| matches(name))
        .map(|(name, description)| Candidate::described(name, description.unwrap_or("")))
        .collect();
    found.sort_by_key(|c| c.value.to_lowercase());
    found.dedup_by(|a, b| a.value.eq_ignore_ascii_case(&b.value));
    found
}

/// Parameter names of `def` for `-word`, in declaration order with the common parameters
/// last, leaving out those already `given` and those of parameter sets the given ones rule
/// out. Aliases are offered only when no real name matches. `colon` keeps `-Name:` form.
pub fn parameters(def: &CmdletDef, word: &str, given: &[String], colon: bool) -> Vec<Candidate> {
    let params = all_parameters(def);
    let given_params: Vec<Param> = given
        .iter()
        .filter_map(|g| resolve_parameter(def, g))
        .collect();
    let is_given = |p: &Param| {
        given_params
            .iter()
            .any(|g| g.name().eq_ignore_ascii_case(p.name()))
    };
    // The sets every constrained given parameter allows.
    let constraints: Vec<&[String]> = given_params
        .iter()
        .map(Param::sets)
        .filter(|s| !s.is_empty())
        .collect();
    let in_possible_set = |p: &Param| {
        p.sets().is_empty()
            || constraints.iter().all(|allowed| {
                p.sets()
                    .iter()
                    .any(|s| allowed.iter().any(|a| a.eq_ignore_ascii_case(s)))
            })
    };
    let pattern = if has_wildcard(word) {
        format!("{word}*")
    } else {
        String::new()
    };
    let name_matches = |name: &str| {
        if pattern.is_empty() {
            starts_with_ignore_case(name, word)
        } else {
            wildcard_match(&pattern, name)
        }
    };
    let available: Vec<&Param> = params
        .iter()
        .filter(|p| !is_given(p) && in_possible_set(p))
        .collect();
    let mut chosen: Vec<String> = available
        .iter()
        .filter(|p| name_matches(p.name()))
        .map(|p| p.name().to_string())
        .collect();
    if chosen.is_empty() {
        chosen = available
            .iter()
            .flat_map(|p| p.aliases())
            .filter(|a| name_matches(a))
            .map(str::to_string)
            .collect();
    }
    chosen
        .into_iter()
        .map(|name| Candidate {
            append_space: !colon,
            ..Candidate::new(format!("-{name}{}", if colon { ":" } else { "" }))
        })
        .collect()
}

/// Values for a parameter from `values` (allowed values or identities with descriptions):
/// an exact match first, then the other prefix (or wildcard) matches sorted, leaving out
/// those already in the list being typed and quoting where PowerShell needs it. `quote` is
/// the quote the user opened, if any.
pub fn values(
    values: Vec<(String, String)>,
    word: &str,
    listed: &[String],
    quote: Option<char>,
    sort: bool,
) -> Vec<Candidate> {
    let pattern = has_wildcard(word).then(|| format!("{word}*"));
    let matches = |v: &str| match &pattern {
        Some(p) => wildcard_match(p, v),
        None => starts_with_ignore_case(v, word),
    };
    let mut found: Vec<(String, String)> = values
        .into_iter()
        .filter(|(v, _)| matches(v) && !listed.iter().any(|l| l.eq_ignore_ascii_case(v)))
        .collect();
    if sort {
        found.sort_by_key(|(v, _)| v.to_lowercase());
    }
    found.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
    if let Some(exact) = found.iter().position(|(v, _)| v.eq_ignore_ascii_case(word)) {
        let item = found.remove(exact);
        found.insert(0, item);
    }
    found
        .into_iter()
        .map(|(v, d)| Candidate::described(quote_value(&v, quote), d))
        .collect()
}

/// Quotes a value when PowerShell would not read it as one bare word; keeps the user's quote.
pub fn quote_value(value: &str, quote: Option<char>) -> String {
    let needs_quotes = value.is_empty()
        || value.contains(|c: char| c.is_whitespace() || "'\"`$(){};,|&<>@#".contains(c))
            && !value.starts_with('$');
    match quote {
        Some(q) => format!("{q}{}{q}", value.replace(q, &format!("{q}{q}"))),
        None if needs_quotes => format!("'{}'", value.replace('\'', "''")),
        None => value.to_string(),
    }
}

/// `$name` completions from the session's variables.
pub fn variables<'a>(names: impl Iterator<Item = &'a str>, word: &str) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = names
        .filter(|n| starts_with_ignore_case(n, word))
        .map(|n| Candidate::new(format!("${n}")))
        .collect();
    found.sort_by_key(|c| c.value.to_lowercase());
    found.dedup_by(|a, b| a.value.eq_ignore_ascii_case(&b.value));
    found
}

/// File and directory names completing `word` (a path as typed, `\` or `/` separated),
/// relative to `cwd`. Directories end with the separator the user types and take no space.
pub fn paths(cwd: &Path, word: &str, quote: Option<char>) -> Vec<Candidate> {
    let separator = if word.contains('\\') && !word.contains('/') {
        '\\'
    } else {
        '/'
    };
    let split = word.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let (dir_part, file_part) = word.split_at(split);
    let dir = if dir_part.is_empty() {
        cwd.to_path_buf()
    } else {
        let native = dir_part.replace('\\', "/");
        let p = Path::new(&native);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        }
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let hidden = name.starts_with('.') && !file_part.starts_with('.');
            (!hidden && starts_with_ignore_case(&name, file_part))
                .then(|| (name, e.path().is_dir()))
        })
        .collect();
    found.sort_by_key(|(name, _)| name.to_lowercase());
    found
        .into_iter()
        .map(|(name, is_dir)| {
            let mut path = format!("{dir_part}{name}");
            if is_dir {
                path.push(separator);
            }
            let value = if quote.is_some() || path.contains(char::is_whitespace) {
                let q = quote.unwrap_or('\'');
                // A directory stays open so the next Tab can go into it.
                if is_dir {
                    format!("{q}{path}")
                } else {
                    format!("{q}{path}{q}")
                }
            } else {
                path
            };
            Candidate {
                append_space: !is_dir,
                ..Candidate::new(value)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::schema::CatalogFile;

    const SAMPLE: &str = r#"
module: Lync
enums:
  VerificationLevelType: [AlwaysVerifiable, AlwaysUnverifiable, UseSourceVerification]
  CertType: [Default, WebServicesInternal, WebServicesExternal, AccessEdgeExternal]
cmdlets:
  - name: Set-CsHostingProvider
    synopsis: Changes a hosting provider.
    supports_should_process: true
    parameters:
      - { name: Identity, type: XdsGlobalRelativeIdentity, position: 0, sets: [Identity] }
      - { name: Instance, type: PSObject, sets: [Instance] }
      - { name: Enabled, type: Boolean }
      - { name: VerificationLevel, type: VerificationLevelType }
      - { name: IsLocal, type: Boolean }
      - { name: Force, type: SwitchParameter }
  - name: Set-CsCertificate
    synopsis: Assigns a certificate.
    parameters:
      - { name: Type, type: "CertType[]", mandatory: true }
      - { name: Thumbprint, type: String, mandatory: true, aliases: [Tp] }
      - { name: Confirm2, type: SwitchParameter }
  - name: Get-CsHostingProvider
    synopsis: Lists hosting providers.
"#;

    fn catalog() -> Catalog {
        Catalog::from_files([("cmdlets/Sample.yaml", SAMPLE)]).unwrap()
    }

    fn values_of(c: &[Candidate]) -> Vec<&str> {
        c.iter().map(|c| c.value.as_str()).collect()
    }

    #[test]
    fn the_sample_catalog_parses() {
        let _: CatalogFile = serde_saphyr::from_str(SAMPLE).unwrap();
    }

    fn names() -> Vec<(&'static str, Option<&'static str>)> {
        vec![
            ("Get-CsHostingProvider", None),
            ("New-CsHostingProvider", None),
            ("Set-CsWebServer", None),
            ("Get-CsService", None),
            ("gcm", Some("Get-Command")),
            ("Get-Command", None),
        ]
    }

    #[test]
    fn commands_by_prefix_noun_and_wildcard() {
        let c = commands(names().into_iter(), "get-cs");
        assert_eq!(values_of(&c), ["Get-CsHostingProvider", "Get-CsService"]);
        let c = commands(names().into_iter(), "HostingProv");
        assert_eq!(
            values_of(&c),
            ["Get-CsHostingProvider", "New-CsHostingProvider"]
        );
        let c = commands(names().into_iter(), "CsWeb");
        assert_eq!(values_of(&c), ["Set-CsWebServer"]);
        let c = commands(names().into_iter(), "*-CsHosting");
        assert_eq!(
            values_of(&c),
            ["Get-CsHostingProvider", "New-CsHostingProvider"]
        );
        let c = commands(names().into_iter(), "gc");
        assert_eq!(values_of(&c), ["gcm"]);
        assert_eq!(c[0].description.as_deref(), Some("Get-Command"));
    }

    #[test]
    fn parameters_in_declaration_order_common_last() {
        let cat = catalog();
        let def = &cat.find("Set-CsHostingProvider").unwrap().def;
        let c = parameters(def, "", &[], false);
        let v = values_of(&c);
        assert_eq!(
            &v[..6],
            [
                "-Identity",
                "-Instance",
                "-Enabled",
                "-VerificationLevel",
                "-IsLocal",
                "-Force"
            ]
        );
        assert_eq!(v[6], "-Verbose");
        assert_eq!(v[v.len() - 2..], ["-WhatIf", "-Confirm"]);
        let c = parameters(def, "e", &[], false);
        assert_eq!(
            values_of(&c),
            ["-Enabled", "-ErrorAction", "-ErrorVariable"]
        );
    }

    #[test]
    fn parameters_leave_out_given_ones_and_other_sets() {
        let cat = catalog();
        let def = &cat.find("Set-CsHostingProvider").unwrap().def;
        let c = parameters(def, "i", &["ident".into()], false);
        assert_eq!(
            values_of(&c),
            ["-IsLocal", "-InformationAction", "-InformationVariable"]
        );
        let c = parameters(def, "ver", &["Verbose".into()], false);
        assert_eq!(values_of(&c), ["-VerificationLevel"]);
    }

    #[test]
    fn aliases_only_when_no_name_matches_and_colon_form() {
        let cat = catalog();
        let def = &cat.find("Set-CsCertificate").unwrap().def;
        assert_eq!(values_of(&parameters(def, "tp", &[], false)), ["-Tp"]);
        let c = parameters(def, "Thu", &[], true);
        assert_eq!(values_of(&c), ["-Thumbprint:"]);
        assert!(!c[0].append_space);
    }

    #[test]
    fn resolving_typed_parameter_names() {
        let cat = catalog();
        let def = &cat.find("Set-CsHostingProvider").unwrap().def;
        assert_eq!(
            resolve_parameter(def, "verif").unwrap().name(),
            "VerificationLevel"
        );
        // `-Ver` could be -VerificationLevel or -Verbose: the declared one wins.
        assert_eq!(
            resolve_parameter(def, "ver").unwrap().name(),
            "VerificationLevel"
        );
        assert_eq!(resolve_parameter(def, "ea").unwrap().name(), "ErrorAction");
        assert_eq!(
            resolve_parameter(def, "ErrorAction").unwrap().name(),
            "ErrorAction"
        );
        assert!(resolve_parameter(def, "i").is_none());
        assert_eq!(positional_parameter(def, 0, &[]).unwrap().name, "Identity");
        assert!(positional_parameter(def, 0, &["Identity".into()]).is_none());
    }

    #[test]
    fn allowed_values_and_help() {
        let cat = catalog();
        let def = &cat.find("Set-CsHostingProvider").unwrap().def;
        let level = resolve_parameter(def, "VerificationLevel").unwrap();
        assert_eq!(
            level.help(&cat),
            "[VerificationLevelType] AlwaysVerifiable|AlwaysUnverifiable|UseSourceVerification"
        );
        let enabled = resolve_parameter(def, "Enabled").unwrap();
        assert_eq!(enabled.allowed_values(&cat), ["$true", "$false"]);
        let ea = resolve_parameter(def, "ErrorAction").unwrap();
        assert!(ea
            .allowed_values(&cat)
            .contains(&"SilentlyContinue".to_string()));
        let cert = &cat.find("Set-CsCertificate").unwrap().def;
        let ty = resolve_parameter(cert, "Type").unwrap();
        assert_eq!(ty.allowed_values(&cat).len(), 4);
    }

    fn plain(list: &[&str]) -> Vec<(String, String)> {
        list.iter()
            .map(|v| (v.to_string(), String::new()))
            .collect()
    }

    #[test]
    fn values_exact_first_then_sorted_prefix_matches() {
        let list = plain(&[
            "WebServicesInternal",
            "Default",
            "WebServicesExternal",
            "AccessEdgeExternal",
        ]);
        let c = values(list.clone(), "web", &[], None, true);
        assert_eq!(
            values_of(&c),
            ["WebServicesExternal", "WebServicesInternal"]
        );
        let c = values(
            plain(&["AlwaysVerifiable", "Always"]),
            "always",
            &[],
            None,
            true,
        );
        assert_eq!(values_of(&c), ["Always", "AlwaysVerifiable"]);
        let c = values(list, "", &["Default".into()], None, true);
        assert_eq!(
            values_of(&c),
            [
                "AccessEdgeExternal",
                "WebServicesExternal",
                "WebServicesInternal"
            ]
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quote_value("LyncOnline", None), "LyncOnline");
        assert_eq!(
            quote_value("CN=lync, O=Jacobs", None),
            "'CN=lync, O=Jacobs'"
        );
        assert_eq!(quote_value("it's here", None), "'it''s here'");
        assert_eq!(quote_value("plain", Some('"')), "\"plain\"");
        assert_eq!(quote_value("$true", None), "$true");
    }

    #[test]
    fn variables_by_prefix() {
        let names = ["Error", "env", "ErrorActionPreference", "x"];
        let c = variables(names.iter().copied(), "err");
        assert_eq!(values_of(&c), ["$Error", "$ErrorActionPreference"]);
    }

    #[test]
    fn paths_relative_quoted_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("topology.yaml"), "").unwrap();
        std::fs::write(dir.path().join("my change.ps1"), "").unwrap();
        std::fs::create_dir(dir.path().join("tools")).unwrap();
        std::fs::write(dir.path().join("tools").join("t.ps1"), "").unwrap();
        let c = paths(dir.path(), "to", None);
        assert_eq!(values_of(&c), ["tools/", "topology.yaml"]);
        assert!(!c[0].append_space && c[1].append_space);
        assert_eq!(
            values_of(&paths(dir.path(), ".\\tools\\", None)),
            [".\\tools\\t.ps1"]
        );
        assert_eq!(
            values_of(&paths(dir.path(), "my", None)),
            ["'my change.ps1'"]
        );
        assert_eq!(
            values_of(&paths(dir.path(), "top", Some('"'))),
            ["\"topology.yaml\""]
        );
    }
}
