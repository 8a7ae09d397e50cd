//! PowerShell's command line, rewritten into a shape clap can parse.
//!
//! pwsh takes single-dash long names (`-File`, `-NoProfile`), case-insensitive and shortened to
//! any unambiguous prefix (`-f`, `-nop`, `-noni`), and admins paste them from blogs with en or
//! em dashes (`–File`). clap cannot read single-dash long names (rust-crates.md §4), so
//! [`normalize`] turns every recognised flag into clap's `--long=value` form first. The rules
//! follow pwsh's `CommandLineParameterParser`:
//! - a flag starts with one or two of the four dashes (U+002D, U+2013, U+2014, U+2015);
//! - `-File path` ends the shell's arguments: everything after the path goes to the script
//!   untouched (`-Name:value`, `-Verbose`, …); the first argument that is not a flag is the
//!   script path, as if `-File` had been written before it;
//! - `-Command` takes the rest of the line joined with spaces; `-Command -` reads standard input;
//! - value flags take the next argument or an attached `-Name:value` / `--name=value`.

use std::fmt;

/// Bad command-line use: printed on stderr, and the process exits with 64 as pwsh does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// What a flag does to the arguments after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Stands alone (`-NoProfile`).
    Switch,
    /// Takes one value (`-ExecutionPolicy Bypass`), checked against `allowed` when not empty.
    Value { allowed: &'static [&'static str] },
    /// `-File path args…`: the path, then arguments for the script.
    File,
    /// `-Command text…`: the rest of the line is the command.
    Command,
}

/// One flag the normaliser recognises.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    /// The spelling shown in messages (`NoProfile`); matched case-insensitively.
    pub name: &'static str,
    /// clap's long name (`no-profile`).
    pub long: &'static str,
    /// The shortest prefix of `name` accepted (pwsh's minimums: `-f`, `-c`, `-nop`, `-noni`).
    pub min_prefix: usize,
    /// Other exact spellings (`ep` for ExecutionPolicy); `long` is always one.
    pub aliases: &'static [&'static str],
    pub kind: Kind,
}

const EXECUTION_POLICIES: &[&str] = &[
    "AllSigned",
    "Bypass",
    "Default",
    "RemoteSigned",
    "Restricted",
    "Undefined",
    "Unrestricted",
];
const FORMATS: &[&str] = &["Text", "XML"];

const FILE: Flag = Flag {
    name: "File",
    long: "file",
    min_prefix: 1,
    aliases: &[],
    kind: Kind::File,
};
const COMMAND: Flag = Flag {
    name: "Command",
    long: "command",
    min_prefix: 1,
    aliases: &[],
    kind: Kind::Command,
};
const HELP: Flag = Flag {
    name: "Help",
    long: "help",
    min_prefix: 1,
    aliases: &["?"],
    kind: Kind::Switch,
};
const STORE: Flag = Flag {
    name: "Store",
    long: "store",
    min_prefix: 5,
    aliases: &[],
    kind: Kind::Value { allowed: &[] },
};
const NO_COLOR: Flag = Flag {
    name: "NoColor",
    long: "no-color",
    min_prefix: 7,
    aliases: &[],
    kind: Kind::Switch,
};
const FORMAT: Flag = Flag {
    name: "Format",
    long: "format",
    min_prefix: 2,
    aliases: &[],
    kind: Kind::Value {
        allowed: &["text", "json", "markdown"],
    },
};

/// The flags of `lyncsh` itself: pwsh's, then lyncsh's own. Those that mean nothing offline
/// (`-ExecutionPolicy`, `-InputFormat`, `-OutputFormat`, `-NoProfile`, `-NoLogo`) are accepted
/// so that command lines written for powershell.exe keep working.
const SHELL_FLAGS: &[Flag] = &[
    FILE,
    COMMAND,
    Flag {
        name: "NoProfile",
        long: "no-profile",
        min_prefix: 3,
        aliases: &[],
        kind: Kind::Switch,
    },
    Flag {
        name: "NonInteractive",
        long: "non-interactive",
        min_prefix: 4,
        aliases: &[],
        kind: Kind::Switch,
    },
    Flag {
        name: "NoLogo",
        long: "no-logo",
        min_prefix: 3,
        aliases: &[],
        kind: Kind::Switch,
    },
    Flag {
        name: "NoExit",
        long: "no-exit",
        min_prefix: 3,
        aliases: &[],
        kind: Kind::Switch,
    },
    Flag {
        name: "ExecutionPolicy",
        long: "execution-policy",
        min_prefix: 2,
        aliases: &["ep"],
        kind: Kind::Value {
            allowed: EXECUTION_POLICIES,
        },
    },
    Flag {
        name: "InputFormat",
        long: "input-format",
        min_prefix: 2,
        aliases: &["if"],
        kind: Kind::Value { allowed: FORMATS },
    },
    Flag {
        name: "OutputFormat",
        long: "output-format",
        min_prefix: 1,
        aliases: &["of"],
        kind: Kind::Value { allowed: FORMATS },
    },
    HELP,
    Flag {
        name: "Version",
        long: "version",
        min_prefix: 1,
        aliases: &[],
        kind: Kind::Switch,
    },
    STORE,
    NO_COLOR,
];

/// What a bare (not flag-shaped) argument means to a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operands {
    /// The first one is the script to run; everything after it is the script's arguments
    /// (pwsh's rule, for the shell itself).
    Script,
    /// The first one is the script; later bare arguments, and everything after `--`, are the
    /// script's, while flags stay the command's own (`lyncsh plan x.ps1 --format json`).
    /// `-Command` takes one argument here.
    ScriptThenFlags,
    /// Plain values for clap's positionals (`lyncsh diff 1 Draft`).
    Plain,
}

/// The shape of one command's arguments.
#[derive(Clone, Copy, Debug)]
pub struct Syntax {
    pub flags: &'static [Flag],
    pub operands: Operands,
    /// Names that, as the first bare argument, start a subcommand with its own syntax.
    pub subcommands: &'static [(&'static str, &'static Syntax)],
}

/// `lyncsh plan [script.ps1 [args]] [-Command …] [--base …] [--format …]`.
pub const PLAN: Syntax = Syntax {
    flags: &[
        FILE,
        COMMAND,
        Flag {
            name: "Base",
            long: "base",
            min_prefix: 1,
            aliases: &[],
            kind: Kind::Value { allowed: &[] },
        },
        FORMAT,
        STORE,
        NO_COLOR,
        HELP,
    ],
    operands: Operands::ScriptThenFlags,
    subcommands: &[],
};

/// `lyncsh diff A B [--format …]`.
pub const DIFF: Syntax = Syntax {
    flags: &[FORMAT, STORE, NO_COLOR, HELP],
    operands: Operands::Plain,
    subcommands: &[],
};

/// `lyncsh`'s own command line.
pub const SHELL: Syntax = Syntax {
    flags: SHELL_FLAGS,
    operands: Operands::Script,
    subcommands: &[("plan", &PLAN), ("diff", &DIFF)],
};

/// The four characters pwsh accepts as a flag's dash.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// Splits `-Name`, `--name`, `–Name:value`, `--name=value` into the name and the attached
/// value. `None` when `arg` is not flag-shaped: no dash, a lone `-` (standard input) or `--`.
fn split_flag(arg: &str) -> Option<(&str, Option<&str>)> {
    let mut chars = arg.char_indices();
    let (_, first) = chars.next()?;
    if !is_dash(first) {
        return None;
    }
    let mut body = &arg[first.len_utf8()..];
    if let Some(second) = body.chars().next().filter(|&c| is_dash(c)) {
        body = &body[second.len_utf8()..];
    }
    if body.is_empty() {
        return None;
    }
    Some(match body.find([':', '=']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    })
}

/// Finds the flag `name` stands for: an exact name or alias, else the only flag it is a long
/// enough prefix of.
fn lookup<'t>(table: &'t [Flag], written: &str, name: &str) -> Result<&'t Flag, UsageError> {
    let key = name.to_lowercase();
    let exact = table.iter().find(|f| {
        f.name.eq_ignore_ascii_case(&key)
            || f.long.eq_ignore_ascii_case(&key)
            || f.aliases.iter().any(|a| a.eq_ignore_ascii_case(&key))
    });
    if let Some(flag) = exact {
        return Ok(flag);
    }
    let candidates: Vec<&Flag> = table
        .iter()
        .filter(|f| f.name.to_lowercase().starts_with(&key))
        .collect();
    let long_enough: Vec<&Flag> = candidates
        .iter()
        .copied()
        .filter(|f| key.chars().count() >= f.min_prefix)
        .collect();
    if let [flag] = long_enough[..] {
        return Ok(flag);
    }
    if candidates.is_empty() {
        return Err(UsageError(format!(
            "The parameter '{written}' is not recognized."
        )));
    }
    if let [flag] = candidates[..] {
        return Err(UsageError(format!(
            "The parameter '{written}' is not recognized. Did you mean -{}?",
            flag.name
        )));
    }
    let names: Vec<String> = candidates.iter().map(|f| format!("-{}", f.name)).collect();
    Err(UsageError(format!(
        "The parameter '{written}' is ambiguous. Possible matches include: {}.",
        names.join(", ")
    )))
}

/// Checks a value against the flag's allowed values, returning it in its canonical spelling.
fn accept_value(flag: &Flag, value: &str) -> Result<String, UsageError> {
    let Kind::Value { allowed } = flag.kind else {
        return Ok(value.to_string());
    };
    if allowed.is_empty() {
        if value.is_empty() {
            return Err(missing_value(flag));
        }
        return Ok(value.to_string());
    }
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(value))
        .map(|a| a.to_string())
        .ok_or_else(|| {
            UsageError(format!(
                "Invalid argument '{value}' for -{}. Specify one of the following values: {}.",
                flag.name,
                allowed.join(", ")
            ))
        })
}

fn missing_value(flag: &Flag) -> UsageError {
    let what = match flag.kind {
        Kind::File => "a script file path",
        Kind::Command => "a command",
        _ => "a value",
    };
    UsageError(format!(
        "Cannot process the command line because of a missing parameter. -{} needs {what}.",
        flag.name
    ))
}

/// Rewrites the arguments after the program name (or after a subcommand's name) into clap's
/// form, following `syntax`.
pub fn normalize_with(args: &[String], syntax: &Syntax) -> Result<Vec<String>, UsageError> {
    let mut out = Vec::new();
    // With `ScriptThenFlags`, the script's arguments once it has been named.
    let mut trailing: Option<Vec<String>> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        let Some((name, attached)) = split_flag(arg) else {
            if arg == "--" {
                let rest = &args[i..];
                match (syntax.operands, rest.split_first(), &mut trailing) {
                    // pwsh reads the argument after `--` as the script, even if it looks like
                    // a flag.
                    (Operands::Script, Some((path, more)), _) => push_script(&mut out, path, more),
                    (Operands::Script, None, _) => {}
                    (Operands::ScriptThenFlags, _, Some(script_args)) => {
                        script_args.extend(rest.iter().cloned())
                    }
                    (Operands::ScriptThenFlags, Some((path, more)), None) => {
                        out.push(format!("--file={path}"));
                        trailing = Some(more.to_vec());
                    }
                    (Operands::ScriptThenFlags, None, None) => {}
                    (Operands::Plain, _, _) => {
                        out.push("--".to_string());
                        out.extend(rest.iter().cloned());
                    }
                }
                break;
            }
            if let Some((sub, sub_syntax)) = syntax.subcommands.iter().find(|(s, _)| *s == arg) {
                out.push(sub.to_string());
                out.extend(normalize_with(&args[i..], sub_syntax)?);
                return Ok(out);
            }
            match (syntax.operands, &mut trailing) {
                (Operands::Script, _) => {
                    push_script(&mut out, arg, &args[i..]);
                    return Ok(out);
                }
                (Operands::ScriptThenFlags, Some(script_args)) => script_args.push(arg.clone()),
                (Operands::ScriptThenFlags, None) => {
                    out.push(format!("--file={arg}"));
                    trailing = Some(Vec::new());
                }
                (Operands::Plain, _) => out.push(arg.clone()),
            }
            continue;
        };
        let flag = lookup(syntax.flags, arg, name)?;
        // The flag's value: attached (`-Name:value`) or the next argument.
        let value = match (flag.kind, attached) {
            (Kind::Switch, Some(_)) => {
                return Err(UsageError(format!(
                    "The parameter -{} does not take a value ('{arg}').",
                    flag.name
                )))
            }
            (Kind::Switch, None) => None,
            (Kind::Command, _) if syntax.operands != Operands::ScriptThenFlags => None,
            (_, Some(v)) => Some(v),
            (_, None) => {
                let v = args.get(i).ok_or_else(|| missing_value(flag))?;
                i += 1;
                Some(v.as_str())
            }
        };
        match (flag.kind, value) {
            (Kind::Value { .. }, Some(v)) => {
                out.push(format!("--{}={}", flag.long, accept_value(flag, v)?));
            }
            (Kind::File, Some("")) => return Err(missing_value(flag)),
            (Kind::File, Some(path)) => {
                if syntax.operands != Operands::ScriptThenFlags {
                    push_script(&mut out, path, &args[i..]);
                    return Ok(out);
                }
                if trailing.is_some() {
                    return Err(UsageError(format!(
                        "The script was already given; '{path}' cannot be a second one."
                    )));
                }
                out.push(format!("--file={path}"));
                trailing = Some(Vec::new());
            }
            (Kind::Command, Some(text)) => out.push(format!("--{}={text}", flag.long)),
            (Kind::Command, None) => {
                out.push(command_rest(flag, attached, &args[i..])?);
                return Ok(out);
            }
            _ => out.push(format!("--{}", flag.long)),
        }
    }
    if let Some(script_args) = trailing.filter(|a| !a.is_empty()) {
        out.push("--".to_string());
        out.extend(script_args);
    }
    Ok(out)
}

/// pwsh's `-Command`: the rest of the line joined with spaces; `-` alone reads stdin.
fn command_rest(
    flag: &Flag,
    attached: Option<&str>,
    rest: &[String],
) -> Result<String, UsageError> {
    let words: Vec<&str> = attached
        .into_iter()
        .chain(rest.iter().map(String::as_str))
        .collect();
    if words.is_empty() {
        return Err(missing_value(flag));
    }
    if words[0] == "-" && words.len() > 1 {
        return Err(UsageError(
            "-Command - reads the command from standard input and takes no further arguments."
                .into(),
        ));
    }
    Ok(format!("--{}={}", flag.long, words.join(" ")))
}

/// The script path, then its arguments after clap's `--` so that none of them is read as a flag.
fn push_script(out: &mut Vec<String>, path: &str, script_args: &[String]) {
    out.push(format!("--file={path}"));
    if !script_args.is_empty() {
        out.push("--".to_string());
        out.extend(script_args.iter().cloned());
    }
}

/// Whether a script argument is `-WhatIf` (any dash, any case, or `-WhatIf:$true`).
pub fn is_what_if(arg: &str) -> bool {
    split_flag(arg).is_some_and(|(name, value)| {
        name.eq_ignore_ascii_case("whatif") && value.is_none_or(|v| v.eq_ignore_ascii_case("$true"))
    })
}

/// Normalises `lyncsh`'s own arguments (after the program name).
pub fn normalize(args: &[String]) -> Result<Vec<String>, UsageError> {
    normalize_with(args, &SHELL)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(args: &[&str]) -> Result<Vec<String>, UsageError> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        normalize(&args)
    }

    fn ok(args: &[&str]) -> Vec<String> {
        norm(args).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    fn err(args: &[&str]) -> String {
        match norm(args) {
            Ok(v) => panic!("{args:?} should fail, gave {v:?}"),
            Err(e) => e.0,
        }
    }

    #[test]
    fn file_in_every_spelling() {
        for spelling in [
            "-File",
            "-file",
            "-FILE",
            "-f",
            "-Fi",
            "--file",
            "--File",
            "–File",
            "—File",
            "―File",
            "––file",
            "-–file",
        ] {
            assert_eq!(
                ok(&[spelling, "x.ps1"]),
                ["--file=x.ps1"],
                "spelling {spelling}"
            );
        }
    }

    #[test]
    fn attached_file_path() {
        assert_eq!(ok(&["-File:x.ps1"]), ["--file=x.ps1"]);
        assert_eq!(ok(&["--file=x.ps1"]), ["--file=x.ps1"]);
    }

    #[test]
    fn script_arguments_pass_through_untouched() {
        assert_eq!(
            ok(&[
                "-File",
                "x.ps1",
                "-Name:value",
                "-Verbose",
                "–Identity",
                "a b",
                "--",
                "-File"
            ]),
            [
                "--file=x.ps1",
                "--",
                "-Name:value",
                "-Verbose",
                "–Identity",
                "a b",
                "--",
                "-File"
            ]
        );
    }

    #[test]
    fn first_positional_is_the_script() {
        assert_eq!(
            ok(&["change.ps1", "-Force", "1"]),
            ["--file=change.ps1", "--", "-Force", "1"]
        );
        assert_eq!(
            ok(&["-nop", "-noni", "change.ps1"]),
            ["--no-profile", "--non-interactive", "--file=change.ps1"]
        );
    }

    #[test]
    fn double_dash_makes_the_next_argument_the_script() {
        assert_eq!(ok(&["--", "-odd.ps1", "a"]), ["--file=-odd.ps1", "--", "a"]);
        assert!(ok(&["--"]).is_empty());
    }

    #[test]
    fn lone_dash_is_a_script_on_standard_input() {
        assert_eq!(ok(&["-"]), ["--file=-"]);
        assert_eq!(ok(&["-File", "-"]), ["--file=-"]);
    }

    #[test]
    fn command_takes_the_rest_of_the_line() {
        assert_eq!(
            ok(&["-Command", "Get-CsWebServer", "|", "Format-List"]),
            ["--command=Get-CsWebServer | Format-List"]
        );
        assert_eq!(
            ok(&["-c", "Set-CsWebServer -Identity x -Verbose"]),
            ["--command=Set-CsWebServer -Identity x -Verbose"]
        );
        assert_eq!(
            ok(&["-noni", "–Command", "exit", "3"]),
            ["--non-interactive", "--command=exit 3"]
        );
        assert_eq!(ok(&["--command=exit 3"]), ["--command=exit 3"]);
        assert_eq!(ok(&["-Command", ""]), ["--command="]);
    }

    #[test]
    fn command_flags_after_it_belong_to_the_command() {
        assert_eq!(
            ok(&["-Command", "Get-Help", "-File", "x"]),
            ["--command=Get-Help -File x"]
        );
    }

    #[test]
    fn command_dash_reads_standard_input() {
        assert_eq!(ok(&["-Command", "-"]), ["--command=-"]);
        assert!(err(&["-Command", "-", "more"]).contains("standard input"));
    }

    #[test]
    fn pwsh_minimum_prefixes() {
        assert_eq!(ok(&["-nop"]), ["--no-profile"]);
        assert_eq!(ok(&["-noprofile"]), ["--no-profile"]);
        assert_eq!(ok(&["-noni"]), ["--non-interactive"]);
        assert_eq!(ok(&["-NonInteractive"]), ["--non-interactive"]);
        assert_eq!(ok(&["-nol"]), ["--no-logo"]);
        assert_eq!(ok(&["-noe"]), ["--no-exit"]);
        assert_eq!(ok(&["-o", "text"]), ["--output-format=Text"]);
        assert_eq!(ok(&["-h"]), ["--help"]);
        assert_eq!(ok(&["-?"]), ["--help"]);
        assert_eq!(ok(&["-v"]), ["--version"]);
    }

    #[test]
    fn prefixes_below_the_minimum_are_ambiguous() {
        let e = err(&["-no"]);
        assert!(e.contains("ambiguous"), "{e}");
        for name in [
            "-NoProfile",
            "-NonInteractive",
            "-NoLogo",
            "-NoExit",
            "-NoColor",
        ] {
            assert!(e.contains(name), "{e} lacks {name}");
        }
        assert!(err(&["-non"]).contains("-NonInteractive"));
        assert!(err(&["-e", "Bypass"]).contains("-ExecutionPolicy"));
    }

    #[test]
    fn clap_style_long_names_are_accepted() {
        assert_eq!(ok(&["--no-profile"]), ["--no-profile"]);
        assert_eq!(ok(&["--non-interactive"]), ["--non-interactive"]);
        assert_eq!(ok(&["--no-color"]), ["--no-color"]);
        assert_eq!(ok(&["-NoColor"]), ["--no-color"]);
        assert_eq!(ok(&["--help"]), ["--help"]);
        assert_eq!(ok(&["--version"]), ["--version"]);
    }

    #[test]
    fn execution_policy_is_checked_and_ignored() {
        assert_eq!(
            ok(&["-ExecutionPolicy", "bypass"]),
            ["--execution-policy=Bypass"]
        );
        assert_eq!(
            ok(&["-ep", "RemoteSigned"]),
            ["--execution-policy=RemoteSigned"]
        );
        assert_eq!(
            ok(&["-ex:Unrestricted"]),
            ["--execution-policy=Unrestricted"]
        );
        let e = err(&["-ExecutionPolicy", "Sometimes"]);
        assert!(e.contains("'Sometimes'") && e.contains("Bypass"), "{e}");
        assert!(err(&["-ExecutionPolicy"]).contains("missing parameter"));
    }

    #[test]
    fn input_and_output_formats() {
        assert_eq!(ok(&["-InputFormat", "xml"]), ["--input-format=XML"]);
        assert_eq!(ok(&["-if", "Text"]), ["--input-format=Text"]);
        assert_eq!(ok(&["-of", "Text"]), ["--output-format=Text"]);
        assert!(err(&["-OutputFormat", "json"]).contains("'json'"));
    }

    #[test]
    fn store_takes_a_directory() {
        assert_eq!(
            ok(&["--store", "/tmp/s", "-f", "x.ps1"]),
            ["--store=/tmp/s", "--file=x.ps1"]
        );
        assert_eq!(ok(&["-Store:/tmp/s"]), ["--store=/tmp/s"]);
        assert_eq!(ok(&["--store=/tmp/s"]), ["--store=/tmp/s"]);
        assert!(err(&["--store"]).contains("-Store"));
        assert!(err(&["--store="]).contains("-Store"));
        // lyncsh's own names are not abbreviated: `-st` could mean too much in later versions.
        assert!(err(&["-st", "x"]).contains("-Store"));
    }

    #[test]
    fn missing_file_or_command() {
        assert!(err(&["-File"]).contains("-File needs a script file path"));
        assert!(err(&["-File:"]).contains("-File needs a script file path"));
        assert!(err(&["-Command"]).contains("-Command needs a command"));
    }

    #[test]
    fn unknown_flags_are_refused() {
        let e = err(&["-Frobnicate"]);
        assert!(e.contains("'-Frobnicate' is not recognized"), "{e}");
        assert!(err(&["--xyz"]).contains("'--xyz'"));
        assert!(err(&["-5"]).contains("'-5'"));
    }

    #[test]
    fn switches_take_no_value() {
        assert!(err(&["-NoProfile:yes"]).contains("does not take a value"));
    }

    #[test]
    fn no_arguments_stay_empty() {
        assert!(ok(&[]).is_empty());
    }

    #[test]
    fn plan_subcommand() {
        assert_eq!(
            ok(&["--store", "d", "plan", "–Format", "JSON", "x.ps1", "a"]),
            [
                "--store=d",
                "plan",
                "--format=json",
                "--file=x.ps1",
                "--",
                "a"
            ]
        );
        // Flags after the script are still the plan's; script arguments that look like
        // flags go after `--`.
        assert_eq!(
            ok(&["plan", "x.ps1", "a", "--format", "json", "--", "-Force", "--format"]),
            [
                "plan",
                "--file=x.ps1",
                "--format=json",
                "--",
                "a",
                "-Force",
                "--format"
            ]
        );
        assert_eq!(
            ok(&["plan", "-File", "x.ps1", "-Base", "enabled"]),
            ["plan", "--file=x.ps1", "--base=enabled"]
        );
        assert_eq!(
            ok(&["plan", "--", "-odd.ps1", "a"]),
            ["plan", "--file=-odd.ps1", "--", "a"]
        );
        assert!(err(&["plan", "x.ps1", "-File", "y.ps1"]).contains("already given"));
        // -Command takes one argument in a plan.
        assert_eq!(
            ok(&[
                "plan",
                "-c",
                "Set-CsSite -Identity x",
                "-Format",
                "markdown"
            ]),
            [
                "plan",
                "--command=Set-CsSite -Identity x",
                "--format=markdown"
            ]
        );
        assert_eq!(ok(&["plan"]), ["plan"]);
        assert_eq!(
            ok(&["plan", "--no-color", "-f", "x.ps1"]),
            ["plan", "--no-color", "--file=x.ps1"]
        );
        assert!(err(&["plan", "--format", "yaml"]).contains("text, json, markdown"));
        assert!(err(&["plan", "-c"]).contains("-Command needs a command"));
        // pwsh's shell flags belong to the shell, not to a plan.
        assert!(err(&["plan", "-NoProfile"]).contains("'-NoProfile'"));
    }

    #[test]
    fn what_if_spellings() {
        for yes in [
            "-WhatIf",
            "-whatif",
            "–WhatIf",
            "--whatif",
            "-WhatIf:$true",
            "-WhatIf:$TRUE",
        ] {
            assert!(is_what_if(yes), "{yes}");
        }
        for no in ["WhatIf", "-WhatIf:$false", "-What", "-Whatever", "-"] {
            assert!(!is_what_if(no), "{no}");
        }
    }

    #[test]
    fn diff_subcommand_takes_plain_operands() {
        assert_eq!(
            ok(&["diff", "1", "Draft", "-Format", "markdown"]),
            ["diff", "1", "Draft", "--format=markdown"]
        );
        assert_eq!(ok(&["diff", "--", "1", "2"]), ["diff", "--", "1", "2"]);
    }

    #[test]
    fn only_the_exact_name_starts_a_subcommand() {
        assert_eq!(ok(&["Plan"]), ["--file=Plan"]);
        assert_eq!(ok(&["plan.ps1"]), ["--file=plan.ps1"]);
        // After a script path, `plan` is the script's argument.
        assert_eq!(ok(&["x.ps1", "plan"]), ["--file=x.ps1", "--", "plan"]);
    }
}
