//! Tab completion: picks the candidates for the cursor's [`context`] and hands them to
//! reedline's menu. Reedline wants a `Send` completer, so it reads a snapshot of the session
//! ([`CompletionData`]) that the shell refreshes after every command, never the session itself.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use reedline::{Completer, CompletionResult, Span, Suggestion};

use super::candidates::{self, Candidate, Param};
use super::context::{self, Context};
use super::identities::{IdentitySource, NoIdentities};
use crate::catalog::schema::CmdletDef;
use crate::catalog::Catalog;

/// What completion (and colouring) needs from the session, copied after each command.
pub struct CompletionData {
    /// Alias name → the command it stands for.
    pub aliases: Vec<(String, String)>,
    /// Functions defined in the session.
    pub functions: Vec<String>,
    /// Variable names (without `$`).
    pub variables: Vec<String>,
    pub identities: Box<dyn IdentitySource>,
}

impl Default for CompletionData {
    fn default() -> Self {
        CompletionData {
            aliases: Vec::new(),
            functions: Vec::new(),
            variables: Vec::new(),
            identities: Box::new(NoIdentities),
        }
    }
}

impl CompletionData {
    /// Whether a command name means anything: a cmdlet, an alias, a function, or a script
    /// path (which is looked up only when run).
    pub fn knows_command(&self, catalog: &Catalog, name: &str) -> bool {
        catalog.find(name).is_some()
            || self
                .aliases
                .iter()
                .any(|(a, _)| a.eq_ignore_ascii_case(name))
            || self.functions.iter().any(|f| f.eq_ignore_ascii_case(name))
            || name.contains(['/', '\\', '.'])
    }

    /// The catalog entry a command name (or alias) runs.
    pub fn resolve<'c>(&self, catalog: &'c Catalog, name: &str) -> Option<&'c CmdletDef> {
        let target = self
            .aliases
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(name))
            .map_or(name, |(_, target)| target.as_str());
        catalog.find(target).map(|e| &e.def)
    }
}

/// The snapshot shared between the shell (which refreshes it) and the line editor's parts.
pub type SharedData = Arc<Mutex<CompletionData>>;

pub fn lock(data: &SharedData) -> std::sync::MutexGuard<'_, CompletionData> {
    // A panic elsewhere while holding the lock leaves data that is still a valid snapshot.
    data.lock().unwrap_or_else(PoisonError::into_inner)
}

pub struct ShellCompleter {
    catalog: &'static Catalog,
    data: SharedData,
    /// Where relative paths start; the process's current directory when `None`.
    cwd: Option<PathBuf>,
}

impl ShellCompleter {
    pub fn new(catalog: &'static Catalog, data: SharedData) -> ShellCompleter {
        ShellCompleter {
            catalog,
            data,
            cwd: None,
        }
    }

    pub fn with_cwd(mut self, cwd: PathBuf) -> ShellCompleter {
        self.cwd = Some(cwd);
        self
    }

    /// The candidates for the cursor at byte `pos`, and the range of `line` they replace.
    pub fn candidates(&self, line: &str, pos: usize) -> (Vec<Candidate>, usize, usize) {
        let data = lock(&self.data);
        let cwd = self
            .cwd
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        match context::at(line, pos) {
            Context::CommandName { word } => {
                let mut found = if word.text.contains(['/', '\\']) || word.text.starts_with('.') {
                    candidates::paths(&cwd, &word.text, None)
                } else {
                    Vec::new()
                };
                let names = self
                    .catalog
                    .entries()
                    .iter()
                    .map(|e| (e.def.name.as_str(), None))
                    .chain(
                        data.aliases
                            .iter()
                            .map(|(a, t)| (a.as_str(), Some(t.as_str()))),
                    )
                    .chain(data.functions.iter().map(|f| (f.as_str(), None)));
                found.extend(candidates::commands(names, &word.text));
                (found, word.start, word.end)
            }
            Context::ParameterName {
                command,
                word,
                given,
            } => {
                let found = data
                    .resolve(self.catalog, &command)
                    .map(|def| candidates::parameters(def, &word.text, &given, false))
                    .unwrap_or_default();
                (found, word.start, word.end)
            }
            Context::Variable { word } => {
                // PowerShell's constants are variables too: `-Enabled $f<Tab>` gives `$false`.
                let names = data
                    .variables
                    .iter()
                    .map(String::as_str)
                    .chain(["true", "false", "null"]);
                let found = candidates::variables(names, &word.text);
                (found, word.start, word.end)
            }
            Context::Value {
                command,
                parameter,
                position,
                word,
                listed,
                quote,
                given,
            } => {
                let start = word.start;
                let found = match data.resolve(self.catalog, &command) {
                    Some(def) => {
                        let param = value_parameter(
                            def,
                            parameter.as_deref(),
                            position,
                            &given,
                            line,
                            start,
                        );
                        match param {
                            Some(param) => {
                                let typed = Typed {
                                    word: &word.text,
                                    listed: &listed,
                                    quote,
                                    given: &given,
                                };
                                self.values_for(&data, def, param, &typed, &cwd)
                            }
                            None => candidates::paths(&cwd, &word.text, quote),
                        }
                    }
                    None => candidates::paths(&cwd, &word.text, quote),
                };
                (found, start, word.end)
            }
            Context::Nothing => (Vec::new(), pos, pos),
        }
    }

    fn values_for(
        &self,
        data: &CompletionData,
        def: &CmdletDef,
        param: Param,
        typed: &Typed,
        cwd: &std::path::Path,
    ) -> Vec<Candidate> {
        let Typed {
            word,
            listed,
            quote,
            given,
        } = *typed;
        let allowed = param.allowed_values(self.catalog);
        if !allowed.is_empty() {
            // ValidateSet and enum members are listed sorted, `$true`/`$false` as they are.
            let sort = !allowed[0].starts_with('$');
            let plain = allowed.into_iter().map(|v| (v, String::new())).collect();
            return candidates::values(plain, word, listed, quote, sort);
        }
        if param.takes_path() {
            return candidates::paths(cwd, word, quote);
        }
        let given: Vec<(String, String)> = given
            .iter()
            .filter_map(|(name, value)| {
                let p = candidates::resolve_parameter(def, name)?;
                Some((p.name().to_string(), value.clone()))
            })
            .collect();
        let identities = data.identities.identities(&def.name, param.name(), &given);
        if identities.is_empty() {
            return candidates::paths(cwd, word, quote);
        }
        candidates::values(identities, word, listed, quote, false)
    }
}

/// What the line already holds around a value being completed.
struct Typed<'a> {
    word: &'a str,
    /// Elements before it in a comma list.
    listed: &'a [String],
    quote: Option<char>,
    /// Parameters on the line with their values.
    given: &'a [(String, String)],
}

/// The parameter a value belongs to: the one named before it (unless that is a switch
/// written without a colon), else the positional parameter at its position.
fn value_parameter<'d>(
    def: &'d CmdletDef,
    named: Option<&str>,
    position: usize,
    given: &[(String, String)],
    line: &str,
    word_start: usize,
) -> Option<Param<'d>> {
    if let Some(name) = named {
        let param = candidates::resolve_parameter(def, name)?;
        let after_colon = line[..word_start].trim_end().ends_with(':');
        if !param.is_switch() || after_colon {
            return Some(param);
        }
    }
    let given: Vec<String> = given.iter().map(|(n, _)| n.clone()).collect();
    candidates::positional_parameter(def, position, &given).map(Param::Declared)
}

impl Completer for ShellCompleter {
    fn complete(&mut self, line: &str, pos: usize) -> CompletionResult {
        let (found, start, end) = self.candidates(line, pos);
        let suggestions: Vec<Suggestion> = found
            .into_iter()
            .map(|c| Suggestion {
                value: c.value,
                description: c.description,
                span: Span::new(start, end),
                append_whitespace: c.append_space,
                ..Suggestion::default()
            })
            .collect();
        CompletionResult::fresh(suggestions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
module: Lync
enums:
  VerificationLevelType: [AlwaysVerifiable, AlwaysUnverifiable, UseSourceVerification]
  CertType: [Default, WebServicesInternal, WebServicesExternal]
objects:
  - noun: CsHostingProvider
    type_name: Provider
    collection: hostingProviders
    scopes: [name]
    properties:
      - { name: ProxyFqdn, type: String }
cmdlets:
  - name: Set-CsHostingProvider
    synopsis: Changes a hosting provider.
    supports_should_process: true
    parameters:
      - { name: Identity, type: XdsGlobalRelativeIdentity, position: 0 }
      - { name: Enabled, type: Boolean }
      - { name: VerificationLevel, type: VerificationLevelType }
      - { name: Force, type: SwitchParameter }
  - name: Get-CsHostingProvider
    synopsis: Lists them.
    parameters:
      - { name: Identity, type: XdsGlobalRelativeIdentity, position: 0 }
  - name: Set-CsCertificate
    synopsis: Assigns a certificate.
    parameters:
      - { name: Type, type: "CertType[]" }
      - { name: Thumbprint, type: String }
  - name: Publish-CsTopology
    synopsis: Publishes.
    parameters:
      - { name: FileName, type: String }
"#;

    struct Fixed;
    impl IdentitySource for Fixed {
        fn identities(
            &self,
            cmdlet: &str,
            parameter: &str,
            given: &[(String, String)],
        ) -> Vec<(String, String)> {
            match (cmdlet, parameter) {
                ("Set-CsHostingProvider" | "Get-CsHostingProvider", "Identity") => vec![
                    ("LyncOnline".into(), String::new()),
                    ("Fabrikam Hosting".into(), String::new()),
                ],
                ("Set-CsCertificate", "Thumbprint") => {
                    let mut v = vec![("A1B2".into(), "CN=lyncserver.jacobs.local".into())];
                    if given.iter().any(|(n, _)| n == "Type") {
                        v.push(("C3D4".into(), "CN=typed".into()));
                    }
                    v
                }
                _ => Vec::new(),
            }
        }
    }

    fn completer() -> ShellCompleter {
        let catalog: &'static Catalog = Box::leak(Box::new(
            Catalog::from_files([("cmdlets/Sample.yaml", SAMPLE)]).unwrap(),
        ));
        let data = CompletionData {
            aliases: vec![
                ("gcm".into(), "Get-Command".into()),
                ("shp".into(), "Set-CsHostingProvider".into()),
            ],
            functions: vec!["Get-Lab".into()],
            variables: vec![
                "Error".into(),
                "ErrorActionPreference".into(),
                "server".into(),
            ],
            identities: Box::new(Fixed),
        };
        ShellCompleter::new(catalog, Arc::new(Mutex::new(data)))
    }

    fn complete(line: &str) -> Vec<String> {
        let mut c = completer();
        c.complete(line, line.len())
            .suggestions()
            .iter()
            .map(|s| s.value.clone())
            .collect()
    }

    #[test]
    fn cmdlets_aliases_and_functions() {
        assert_eq!(
            complete("set-cs"),
            ["Set-CsCertificate", "Set-CsHostingProvider"]
        );
        assert_eq!(complete("Get-L"), ["Get-Lab"]);
        assert_eq!(complete("sh"), ["shp"]);
        assert_eq!(
            complete("*-CsHosting"),
            ["Get-CsHostingProvider", "Set-CsHostingProvider"]
        );
        let mut c = completer();
        let r = c.complete("Get-CsSite | set-csh", 20);
        let s = &r.suggestions()[0];
        assert_eq!(
            (s.span.start, s.span.end, s.value.as_str()),
            (13, 20, "Set-CsHostingProvider")
        );
        assert!(s.append_whitespace);
    }

    #[test]
    fn parameters_through_aliases_and_en_dash() {
        assert_eq!(
            complete("Set-CsHostingProvider –Ver"),
            ["-VerificationLevel", "-Verbose"]
        );
        assert_eq!(
            complete("shp -Enabled $true -E"),
            ["-ErrorAction", "-ErrorVariable"]
        );
    }

    #[test]
    fn enum_switch_and_common_values() {
        assert_eq!(
            complete("Set-CsHostingProvider -VerificationLevel "),
            [
                "AlwaysUnverifiable",
                "AlwaysVerifiable",
                "UseSourceVerification"
            ]
        );
        assert_eq!(
            complete("Set-CsCertificate -Type Default,Web"),
            ["WebServicesExternal", "WebServicesInternal"]
        );
        assert_eq!(
            complete("Set-CsHostingProvider -Force:"),
            ["$true", "$false"]
        );
        assert_eq!(complete("Set-CsHostingProvider -Enabled $f"), ["$false"]);
        assert_eq!(
            complete("Set-CsHostingProvider -ErrorAction s"),
            ["SilentlyContinue", "Stop", "Suspend"]
        );
    }

    #[test]
    fn identities_named_positional_and_after_switch() {
        assert_eq!(
            complete("Set-CsHostingProvider -Identity "),
            ["LyncOnline", "'Fabrikam Hosting'"]
        );
        assert_eq!(complete("Get-CsHostingProvider Ly"), ["LyncOnline"]);
        assert_eq!(complete("Set-CsHostingProvider -Force Ly"), ["LyncOnline"]);
        assert_eq!(
            complete("Get-CsHostingProvider \"Fab"),
            ["\"Fabrikam Hosting\""]
        );
    }

    #[test]
    fn identity_descriptions_and_given_parameters() {
        let mut c = completer();
        let line = "Set-CsCertificate -Type Default -Thumbprint ";
        let r = c.complete(line, line.len());
        let got: Vec<(&str, Option<&str>)> = r
            .suggestions()
            .iter()
            .map(|s| (s.value.as_str(), s.description.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("A1B2", Some("CN=lyncserver.jacobs.local")),
                ("C3D4", Some("CN=typed"))
            ]
        );
    }

    #[test]
    fn variables_and_paths() {
        assert_eq!(
            complete("Write-Output $err"),
            ["$Error", "$ErrorActionPreference"]
        );
        assert_eq!(complete("Write-Output $n"), ["$null"]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("change.ps1"), "").unwrap();
        let mut c = completer().with_cwd(dir.path().to_path_buf());
        let line = "Publish-CsTopology -FileName ch";
        let got: Vec<String> = c
            .complete(line, line.len())
            .suggestions()
            .iter()
            .map(|s| s.value.clone())
            .collect();
        assert_eq!(got, ["change.ps1"]);
        let line = "./ch";
        let got: Vec<String> = c
            .complete(line, line.len())
            .suggestions()
            .iter()
            .map(|s| s.value.clone())
            .collect();
        assert_eq!(got, ["./change.ps1"]);
    }

    #[test]
    fn known_commands() {
        let c = completer();
        let data = lock(&c.data);
        assert!(data.knows_command(c.catalog, "set-cshostingprovider"));
        assert!(data.knows_command(c.catalog, "GCM"));
        assert!(data.knows_command(c.catalog, "Get-Lab"));
        assert!(data.knows_command(c.catalog, ".\\x.ps1"));
        assert!(!data.knows_command(c.catalog, "Get-CsWebServerz"));
    }
}
