//! The admin-script corpus (issue 8): every `tests/scripts/NN-name.ps1` runs through the real
//! binary with `lyncsh --store <its own temporary store> -File <script> [args]`, in its own
//! temporary working folder, and its stdout, stderr and exit code must match the script's
//! `.expected` files.
//!
//! A script has one expected file per run: `NN-name.expected` and, for further runs of the
//! same script (with `-WhatIf`, other arguments), `NN-name.<variant>.expected`. An expected
//! file is a header of `args:` (the script arguments, split on spaces, `'…'` for one with
//! spaces) and `exit:` lines, then `--- stdout` and `--- stderr` sections. The store, working
//! and corpus folders appear in them as `<STORE>`, `<WORK>` and `<SCRIPTS>`.
//!
//! `LYNCSH_BLESS=1 cargo test --test scripts_corpus` rewrites the expected files from what the
//! binary prints now; review the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

struct Case {
    script: PathBuf,
    expected: PathBuf,
    args: Vec<String>,
    exit: i32,
    stdout: String,
    stderr: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts")
}

/// Every expected file, with the script it belongs to (the name up to the first dot).
fn cases() -> Vec<Case> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/scripts exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "expected"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|expected| {
            let name = expected.file_name().unwrap().to_string_lossy().to_string();
            let stem = name.split('.').next().unwrap();
            let script = dir.join(format!("{stem}.ps1"));
            assert!(script.is_file(), "{name} has no script {stem}.ps1");
            let text = fs::read_to_string(&expected).unwrap();
            parse_expected(script, expected, &text)
        })
        .collect()
}

fn parse_expected(script: PathBuf, expected: PathBuf, text: &str) -> Case {
    let (header, rest) = text
        .split_once("--- stdout\n")
        .unwrap_or_else(|| panic!("{} has no '--- stdout' line", expected.display()));
    let (stdout, stderr) = rest.split_once("--- stderr\n").unwrap_or((rest, ""));
    let mut args = Vec::new();
    let mut exit = 0;
    for line in header.lines() {
        if let Some(a) = line.strip_prefix("args:") {
            args = split_args(a);
        } else if let Some(e) = line.strip_prefix("exit:") {
            exit = e.trim().parse().expect("exit: is a number");
        }
    }
    Case {
        script,
        expected,
        args,
        exit,
        stdout: stdout.to_string(),
        stderr: stderr.to_string(),
    }
}

/// Space-separated arguments; `'…'` keeps spaces (and is removed, as a shell would).
fn split_args(text: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in text.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    args.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            c => {
                current.push(c);
                started = true;
            }
        }
    }
    if started {
        args.push(current);
    }
    args
}

fn render(args: &[String], exit: i32, stdout: &str, stderr: &str) -> String {
    let mut out = String::new();
    if !args.is_empty() {
        let shown: Vec<String> = args
            .iter()
            .map(|a| {
                if a.contains(' ') || a.is_empty() {
                    format!("'{a}'")
                } else {
                    a.clone()
                }
            })
            .collect();
        out.push_str(&format!("args: {}\n", shown.join(" ")));
    }
    out.push_str(&format!("exit: {exit}\n--- stdout\n{stdout}"));
    if !stderr.is_empty() {
        out.push_str(&format!("--- stderr\n{stderr}"));
    }
    out
}

/// Runs one case; returns what it printed, with the temporary folders' names replaced.
fn run(case: &Case) -> (i32, String, String) {
    let store = TempDir::new().expect("temporary store");
    let work = TempDir::new().expect("temporary working folder");
    let output = cargo_bin_cmd!("lyncsh")
        .current_dir(work.path())
        .env_remove("LYNCSH_STORE")
        .env("NO_COLOR", "1")
        .arg("--store")
        .arg(store.path())
        .arg("-NonInteractive")
        .arg("-File")
        .arg(&case.script)
        .args(&case.args)
        .output()
        .expect("lyncsh runs");
    let clean = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(&store.path().display().to_string(), "<STORE>")
            .replace(&work.path().display().to_string(), "<WORK>")
            .replace(&corpus_dir().display().to_string(), "<SCRIPTS>")
    };
    (
        output.status.code().unwrap_or(-1),
        clean(&output.stdout),
        clean(&output.stderr),
    )
}

#[test]
fn the_corpus_has_at_least_25_scripts_each_with_an_expected_run() {
    let scripts: Vec<String> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".ps1") && n.as_bytes()[0].is_ascii_digit())
        .collect();
    assert!(scripts.len() >= 25, "only {} scripts", scripts.len());
    let cases = cases();
    for script in &scripts {
        let stem = script.trim_end_matches(".ps1");
        assert!(
            cases.iter().any(|c| c.script.ends_with(script)),
            "{stem} has no {stem}.expected"
        );
    }
}

#[test]
fn every_script_prints_and_exits_as_expected() {
    let bless = std::env::var_os("LYNCSH_BLESS").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        let (exit, stdout, stderr) = run(&case);
        if bless {
            fs::write(&case.expected, render(&case.args, exit, &stdout, &stderr)).unwrap();
            continue;
        }
        let name = case.expected.file_name().unwrap().to_string_lossy();
        if exit != case.exit {
            failures.push(format!("{name}: exit {exit}, expected {}", case.exit));
        }
        if stdout != case.stdout {
            failures.push(format!(
                "{name}: stdout differs\n--- expected\n{}--- actual\n{stdout}",
                case.stdout
            ));
        }
        if stderr != case.stderr {
            failures.push(format!(
                "{name}: stderr differs\n--- expected\n{}--- actual\n{stderr}",
                case.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
