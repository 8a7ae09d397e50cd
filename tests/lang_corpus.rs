//! The lexer/parser corpus: every `tests/corpus/*.txt` file holds cases of the form
//!
//! ```text
//! === name of the case
//! source text (any number of lines, bytes as written)
//! --- ok
//! (cmd Get-CsUser -Identity alice)
//! ```
//!
//! The expectation is one of:
//! - `--- ok` then the S-expression of the AST (`lyncsh::lang::sexpr`); lines are trimmed
//!   and joined with spaces, so long trees may wrap;
//! - `--- error` then `id:`, `at: LINE:COL~LEN` (LEN in characters), optional `message:`,
//!   `hint:` and `incomplete: true|false` lines;
//! - `--- tokens` then `Class:text` pairs separated by spaces (syntax colouring).
//!
//! A header ending in `[crlf]` has its line breaks turned into CRLF. Lines starting with `#`
//! between cases are comments. Set `CORPUS_SHOW=1` to print what each failing case produced.

use std::fs;
use std::path::Path;

use lyncsh::lang::{self, lexer, locate};

struct Case {
    file: String,
    line: usize,
    name: String,
    input: String,
    kind: String,
    expected: Vec<String>,
}

fn load_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).expect("corpus file is UTF-8");
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lines: Vec<&str> = text.split('\n').collect();
        let mut i = 0;
        while i < lines.len() {
            let Some(header) = lines[i].strip_prefix("=== ") else {
                assert!(
                    lines[i].trim().is_empty() || lines[i].starts_with('#'),
                    "{file}:{}: expected '=== name', found {:?}",
                    i + 1,
                    lines[i]
                );
                i += 1;
                continue;
            };
            let start_line = i + 1;
            i += 1;
            let mut input = Vec::new();
            while i < lines.len() && !lines[i].starts_with("--- ") {
                input.push(lines[i]);
                i += 1;
            }
            assert!(
                i < lines.len(),
                "{file}:{start_line}: case {header:?} has no '--- ' expectation"
            );
            let kind = lines[i][4..].trim().to_string();
            i += 1;
            let mut expected = Vec::new();
            while i < lines.len() && !lines[i].starts_with("=== ") && !lines[i].starts_with('#') {
                if !lines[i].trim().is_empty() {
                    expected.push(lines[i].trim().to_string());
                }
                i += 1;
            }
            let (name, crlf) = match header.strip_suffix("[crlf]") {
                Some(name) => (name.trim_end().to_string(), true),
                None => (header.to_string(), false),
            };
            let input = input.join(if crlf { "\r\n" } else { "\n" });
            cases.push(Case {
                file: file.clone(),
                line: start_line,
                name,
                input,
                kind,
                expected,
            });
        }
    }
    cases
}

/// What the parser and lexer make of a case, in the case's own format.
fn actual(case: &Case) -> Vec<String> {
    match case.kind.as_str() {
        "ok" => match lang::parse(&case.input) {
            Ok(block) => vec![lang::sexpr(&block)],
            Err(e) => vec![format!(
                "unexpected error {}: {} at {:?}",
                e.error_id, e.message, e.span
            )],
        },
        "error" => match lang::parse(&case.input) {
            Ok(block) => vec![format!("unexpected success: {}", lang::sexpr(&block))],
            Err(e) => {
                let (line, col, _) = locate(&case.input, e.span.start);
                let len = case
                    .input
                    .get(e.span.start..e.span.end)
                    .map_or(0, |s| s.chars().count());
                let mut lines = vec![
                    format!("id: {}", e.error_id),
                    format!("at: {line}:{col}~{len}"),
                ];
                lines.push(format!("message: {}", e.message.replace('\n', "\\n")));
                if let Some(hint) = &e.hint {
                    lines.push(format!("hint: {hint}"));
                }
                lines.push(format!("incomplete: {}", e.incomplete));
                lines
            }
        },
        "tokens" => {
            let tokens = lexer::highlight_tokens(&case.input);
            let rendered: Vec<String> = tokens
                .iter()
                .map(|(span, class)| format!("{class:?}:{}", &case.input[span.start..span.end]))
                .collect();
            vec![rendered.join(" ")]
        }
        other => vec![format!("unknown expectation kind {other:?}")],
    }
}

fn matches(case: &Case, actual: &[String]) -> bool {
    match case.kind.as_str() {
        // Error expectations may leave out lines (message, hint, incomplete) they do not pin.
        "error" => {
            case.expected.iter().all(|line| actual.contains(line))
                && (case.expected.iter().any(|l| l.starts_with("hint:"))
                    || !actual.iter().any(|l| l.starts_with("hint:")))
        }
        _ => actual.join(" ") == case.expected.join(" "),
    }
}

#[test]
fn corpus() {
    let cases = load_cases();
    let show = std::env::var_os("CORPUS_SHOW").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let actual = actual(case);
        if !matches(case, &actual) {
            failures.push(format!(
                "{}:{} {}\n  input:    {:?}\n  expected: {}\n  actual:   {}",
                case.file,
                case.line,
                case.name,
                case.input,
                case.expected.join("\n            "),
                actual.join("\n            ")
            ));
        } else if show {
            println!("ok {}:{} {}", case.file, case.line, case.name);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(
        cases.len() >= 150,
        "the corpus should hold at least 150 cases, it has {}",
        cases.len()
    );
}

/// Every command line of the seed blog post parses; the placeholder line is the one error.
#[test]
fn seed_blog_command_lines() {
    let seed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/seed_lines.ps1"),
    )
    .expect("tests/corpus/seed_lines.ps1 exists");
    let mut errors = 0;
    for line in seed
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        match lang::parse(line) {
            Ok(block) => assert_eq!(block.end.len(), 1, "{line:?} should be one statement"),
            Err(e) => {
                errors += 1;
                assert!(
                    line.contains("<Certificate Thumbprint>"),
                    "{line:?} failed: {}",
                    e.message
                );
                assert_eq!(e.error_id, "RedirectionNotSupported");
                assert_eq!(&line[e.span.start..e.span.end], "<");
                assert!(e.hint.is_some_and(
                    |h| h.starts_with("'<Certificate Thumbprint>' looks like a placeholder")
                ));
            }
        }
    }
    assert_eq!(errors, 1, "exactly the placeholder line fails");
}
