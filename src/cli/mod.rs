//! The command line: PowerShell-style argv, batch modes, exit codes, plans.
//!
//! `main` hands the raw arguments to [`run`]: [`argv::normalize`] rewrites pwsh's spellings
//! into clap's, clap parses them into [`Cli`], [`Cli::mode`] picks what to run, and the mode's
//! outcome becomes the process exit code with pwsh's conventions.

pub mod argv;
pub mod plan;
pub mod render;
pub mod run;
pub mod script;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Exit code for bad command-line use, as pwsh gives it.
pub const EXIT_USAGE: i32 = 64;

const USAGE: &str = "\
lyncsh [OPTIONS] [-File] <SCRIPT> [ARGS]...
       lyncsh [OPTIONS] -Command <COMMAND>...
       lyncsh [OPTIONS]                        (standard input, or the interactive shell)
       lyncsh plan [OPTIONS] [SCRIPT] [ARGS]...
       lyncsh diff [OPTIONS] <FROM> <TO>";

const AFTER_HELP: &str = "\
PowerShell spellings work too: -File, -Command, -NoProfile, -NonInteractive, -NoLogo, -NoExit,
-ExecutionPolicy, -InputFormat, -OutputFormat, in any case, shortened to any unambiguous prefix
(-f, -c, -nop, -noni), and with an en dash, em dash or horizontal bar in place of the hyphen
(pasted from a blog: `lyncsh –File change.ps1`).

With no script and no command, lyncsh reads a script from standard input when it is not a
terminal, and otherwise starts the interactive shell.

The store is the folder holding the topology document and its versions: --store DIR, else
$LYNCSH_STORE, else ./.lyncsh (created from the built-in default topology on first use).
Colour is used only on a terminal (or when CLICOLOR_FORCE=1), never when NO_COLOR is set.

Exit codes, as pwsh: -File gives 0 at a normal end (even after non-terminating errors), N for
`exit N`, 1 for a terminating error or a parse error; -Command and standard input give 1 when
the last statement failed; bad command-line use gives 64.";

/// The whole program: parses `args` (without the program name) and runs what they ask for,
/// returning the process exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args: Result<Vec<String>, OsString> = args.into_iter().map(OsString::into_string).collect();
    let args = match args {
        Ok(args) => args,
        Err(bad) => {
            eprintln!(
                "lyncsh: the argument '{}' is not valid Unicode.\nRun 'lyncsh -Help' for usage.",
                bad.to_string_lossy()
            );
            return EXIT_USAGE;
        }
    };
    match Cli::parse_args(&args) {
        Ok(cli) => match &cli.action {
            Some(Action::Plan(plan)) => plan::plan(&cli, plan),
            Some(Action::Diff(diff)) => plan::diff(&cli, diff),
            None => match cli.what_if_plan() {
                Some(plan) => plan::plan(&cli, &plan),
                None => run::run(&cli),
            },
        },
        Err(e) => e.report(),
    }
}

/// The parsed command line, after [`argv::normalize`].
#[derive(Debug, Parser)]
#[command(
    name = "lyncsh",
    version,
    about = "The Lync Server 2010 Management Shell, offline, over a versioned YAML topology document",
    override_usage = USAGE,
    // `lyncsh help` would be a script named help; -Help and `plan -Help` cover it.
    disable_help_subcommand = true,
    // Keep the help as written whatever features other crates turn on in clap (a dev
    // dependency enables `wrap_help`, which would make the text depend on the terminal).
    term_width = 0,
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Run a script file (`-` reads it from standard input); later arguments go to the script
    #[arg(long, value_name = "SCRIPT", conflicts_with = "command")]
    pub file: Option<String>,

    /// Arguments for the script, available to it as $args
    #[arg(last = true, value_name = "ARGS", requires = "file")]
    pub script_args: Vec<String>,

    /// Run a command (the rest of the line; `-` reads it from standard input)
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Option<String>,

    /// Folder of the topology store [default: $LYNCSH_STORE, else ./.lyncsh]
    #[arg(long, value_name = "DIR", global = true)]
    pub store: Option<PathBuf>,

    /// Never colour the output (as does the NO_COLOR environment variable)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Fail instead of prompting (for a mandatory parameter or a confirmation)
    #[arg(long)]
    pub non_interactive: bool,

    /// Start the interactive shell after the script or command has run
    #[arg(long)]
    pub no_exit: bool,

    /// Accepted for powershell.exe compatibility; lyncsh has no profile to load
    #[arg(long)]
    pub no_profile: bool,

    /// Accepted for powershell.exe compatibility; lyncsh prints no banner in scripts
    #[arg(long)]
    pub no_logo: bool,

    /// Accepted for powershell.exe compatibility and ignored (scripts are not signed offline)
    #[arg(long, value_name = "POLICY")]
    pub execution_policy: Option<String>,

    /// Accepted for powershell.exe compatibility; input is always text
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,

    /// Accepted for powershell.exe compatibility; output is always text
    #[arg(long, value_name = "FORMAT")]
    pub output_format: Option<String>,

    #[command(subcommand)]
    pub action: Option<Action>,
}

/// lyncsh's own commands, beside running scripts.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Shows what a script would change, validated, without writing to the store
    #[command(after_help = PLAN_AFTER_HELP)]
    Plan(PlanArgs),
    /// Shows what changed between two topology versions
    #[command(after_help = DIFF_AFTER_HELP)]
    Diff(DiffArgs),
}

const PLAN_AFTER_HELP: &str = "\
The script runs against a copy of the draft (or of --base), so the store is not changed. With
no script, the plan shows what the draft holds that is not yet published (what
Publish-CsTopology would write). The script's own output and errors go to standard error; the
plan goes to standard output.

Exit codes, as terraform plan -detailed-exitcode: 0 no changes, 2 changes that validate,
1 a parse error, a terminating error or validation errors.";

const DIFF_AFTER_HELP: &str = "\
Versions are numbers (3 or v3), enabled, latest or draft. Exit codes as for plan: 0 no
differences, 2 differences, 1 an error or validation errors in <TO>.";

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The script to plan (`-` reads it from standard input); later arguments go to the script
    #[arg(long, value_name = "SCRIPT", conflicts_with = "command")]
    pub file: Option<String>,

    /// Arguments for the script
    #[arg(last = true, value_name = "ARGS", requires = "file")]
    pub script_args: Vec<String>,

    /// A command to plan instead of a script file
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Option<String>,

    /// What the script starts from: draft, enabled, latest or a version (3, v3) [default:
    /// draft; with no script, the version the draft is based on]
    #[arg(long, value_name = "VERSION")]
    pub base: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: render::Format,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The version to compare from: a number (3, v3), enabled, latest or draft
    #[arg(value_name = "FROM")]
    pub from: String,

    /// The version to compare to
    #[arg(value_name = "TO")]
    pub to: String,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: render::Format,
}

/// What the command line asks lyncsh to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `-File script.ps1 args…` or `lyncsh script.ps1 args…`.
    File { path: PathBuf, args: Vec<String> },
    /// `-Command "…"`.
    Command(String),
    /// A script on standard input (`-Command -`, `-File -`, or piped in with no arguments).
    Stdin,
    /// The interactive shell.
    Interactive,
}

impl Cli {
    /// Parses the arguments after the program name. Help and version requests come back as
    /// clap errors of kind `DisplayHelp`/`DisplayVersion`, which [`report_clap`] prints.
    pub fn parse_args(args: &[String]) -> Result<Cli, CliError> {
        let normalized = argv::normalize(args).map_err(CliError::Usage)?;
        let with_program = std::iter::once("lyncsh".to_string()).chain(normalized);
        Cli::try_parse_from(with_program).map_err(CliError::Clap)
    }

    /// The mode, given whether standard input is a terminal.
    pub fn mode(&self, stdin_is_terminal: bool) -> Mode {
        match (&self.file, &self.command) {
            (Some(f), _) if f == "-" => Mode::Stdin,
            (Some(f), _) => Mode::File {
                path: PathBuf::from(f),
                args: self.script_args.clone(),
            },
            (None, Some(c)) if c == "-" => Mode::Stdin,
            (None, Some(c)) => Mode::Command(c.clone()),
            (None, None) if !stdin_is_terminal => Mode::Stdin,
            (None, None) => Mode::Interactive,
        }
    }

    /// `lyncsh -File change.ps1 -WhatIf` asks for a plan of the script (in text) rather than
    /// a run: the arguments for that, with `-WhatIf` taken out of the script's.
    pub fn what_if_plan(&self) -> Option<PlanArgs> {
        let file = self.file.as_ref().filter(|f| *f != "-")?;
        if !self.script_args.iter().any(|a| argv::is_what_if(a)) {
            return None;
        }
        Some(PlanArgs {
            file: Some(file.clone()),
            script_args: self
                .script_args
                .iter()
                .filter(|a| !argv::is_what_if(a))
                .cloned()
                .collect(),
            command: None,
            base: None,
            format: render::Format::Text,
        })
    }

    /// Colour only when stdout is a terminal (or `CLICOLOR_FORCE` is set to anything but `0`,
    /// for CI logs that render it), and never with `--no-color` or a non-empty `NO_COLOR`
    /// (no-color.org). `env` looks up an environment variable.
    pub fn color(&self, stdout_is_terminal: bool, env: impl Fn(&str) -> Option<OsString>) -> bool {
        let set = |name: &str, off: &str| env(name).is_some_and(|v| !v.is_empty() && v != off);
        let wanted = stdout_is_terminal || set("CLICOLOR_FORCE", "0");
        wanted && !self.no_color && !set("NO_COLOR", "")
    }
}

/// Why the command line could not be parsed.
#[derive(Debug)]
pub enum CliError {
    /// Found by the normaliser (unknown or ambiguous flag, missing value).
    Usage(argv::UsageError),
    /// Found by clap, including `--help` and `--version`, which are not failures.
    Clap(clap::Error),
}

impl CliError {
    /// Prints the message (help and version on stdout, errors on stderr) and gives the exit
    /// code: 0 for help and version, 64 for bad usage.
    pub fn report(&self) -> i32 {
        match self {
            CliError::Usage(e) => {
                eprintln!("lyncsh: {e}\nRun 'lyncsh -Help' for usage.");
                EXIT_USAGE
            }
            CliError::Clap(e) => {
                // Printing can only fail on a closed stream, where there is no one to tell.
                let _ = e.print();
                if e.use_stderr() {
                    EXIT_USAGE
                } else {
                    0
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        Cli::parse_args(&args).unwrap_or_else(|e| panic!("{args:?}: {e:?}"))
    }

    fn parse_err(args: &[&str]) -> CliError {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match Cli::parse_args(&args) {
            Ok(cli) => panic!("{args:?} should fail, gave {cli:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn file_mode_with_script_arguments() {
        let cli = parse(&["-NoProfile", "–File", "change.ps1", "-Name:x", "-Verbose"]);
        assert!(cli.no_profile);
        assert_eq!(
            cli.mode(true),
            Mode::File {
                path: "change.ps1".into(),
                args: vec!["-Name:x".into(), "-Verbose".into()]
            }
        );
        // Standard input being a pipe does not matter once a script is named.
        assert_eq!(
            parse(&["change.ps1"]).mode(false),
            parse(&["-f", "change.ps1"]).mode(false)
        );
    }

    #[test]
    fn file_with_what_if_is_a_plan() {
        let plan = parse(&["-File", "x.ps1", "a", "–WhatIf"])
            .what_if_plan()
            .expect("a plan");
        assert_eq!(plan.file.as_deref(), Some("x.ps1"));
        assert_eq!(plan.script_args, ["a"]);
        assert!(parse(&["x.ps1", "a"]).what_if_plan().is_none());
        assert!(parse(&["-c", "Set-CsSite -WhatIf"])
            .what_if_plan()
            .is_none());
    }

    #[test]
    fn command_mode() {
        let cli = parse(&["-noni", "-c", "Get-CsWebServer", "|", "fl"]);
        assert!(cli.non_interactive);
        assert_eq!(cli.mode(true), Mode::Command("Get-CsWebServer | fl".into()));
    }

    #[test]
    fn standard_input_modes() {
        assert_eq!(parse(&["-Command", "-"]).mode(true), Mode::Stdin);
        assert_eq!(parse(&["-File", "-"]).mode(true), Mode::Stdin);
        assert_eq!(parse(&["-"]).mode(true), Mode::Stdin);
        assert_eq!(parse(&[]).mode(false), Mode::Stdin);
        assert_eq!(parse(&["-NoLogo"]).mode(false), Mode::Stdin);
    }

    #[test]
    fn interactive_when_nothing_is_given_on_a_terminal() {
        assert_eq!(parse(&[]).mode(true), Mode::Interactive);
        assert_eq!(
            parse(&["--store", "s", "-nop"]).mode(true),
            Mode::Interactive
        );
    }

    #[test]
    fn store_and_compat_options() {
        let cli = parse(&[
            "--store",
            "/tmp/s",
            "-ExecutionPolicy",
            "Bypass",
            "-OutputFormat",
            "Text",
            "-NoExit",
            "-c",
            "1",
        ]);
        assert_eq!(cli.store, Some(PathBuf::from("/tmp/s")));
        assert_eq!(cli.execution_policy.as_deref(), Some("Bypass"));
        assert_eq!(cli.output_format.as_deref(), Some("Text"));
        assert!(cli.no_exit);
    }

    #[test]
    fn colour_rules() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let plain = parse(&[]);
        assert!(plain.color(true, env(&[])));
        assert!(plain.color(true, env(&[("NO_COLOR", "")])));
        assert!(!plain.color(true, env(&[("NO_COLOR", "1")])));
        assert!(!plain.color(false, env(&[])));
        assert!(plain.color(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!plain.color(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!plain.color(false, env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])));
        assert!(!parse(&["--no-color"]).color(true, env(&[])));
    }

    #[test]
    fn help_and_version_are_not_errors() {
        for args in [&["-Help"][..], &["--help"], &["-?"], &["-h"]] {
            let CliError::Clap(e) = parse_err(args) else {
                panic!("{args:?}: expected clap help");
            };
            assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
        }
        let CliError::Clap(e) = parse_err(&["-Version"]) else {
            panic!("expected clap version");
        };
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayVersion);
        assert!(!e.use_stderr());
    }

    #[test]
    fn bad_usage_is_an_error() {
        assert!(matches!(parse_err(&["-Bogus"]), CliError::Usage(_)));
        assert!(matches!(parse_err(&["-File"]), CliError::Usage(_)));
    }
}
