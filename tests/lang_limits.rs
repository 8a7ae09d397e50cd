//! Hostile and large inputs: deep nesting must give an error rather than overflow the stack
//! (these run on the test harness's small 2 MiB threads on purpose), and a long script must
//! parse in one linear pass.

use lyncsh::lang::{self, ast::Statement};

fn assert_refused_or_parsed(source: &str) {
    match lang::parse(source) {
        Ok(block) => {
            let _ = lang::sexpr(&block);
        }
        Err(e) => {
            assert!(
                e.span.start <= e.span.end && e.span.end <= source.len(),
                "span {:?} out of bounds",
                e.span
            );
            assert!(source.is_char_boundary(e.span.start) && source.is_char_boundary(e.span.end));
        }
    }
    let _ = lang::lexer::highlight_tokens(source);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let n = 5000;
    for (open, close) in [
        ("(", ")"),
        ("{", "}"),
        ("$(", ")"),
        ("@(", ")"),
        ("@{a=", "}"),
        ("if (1) {", "}"),
    ] {
        let source = format!("{}1{}", open.repeat(n), close.repeat(n));
        let error = lang::parse(&source).expect_err("nesting this deep is refused");
        assert_eq!(error.error_id, "ScriptTooComplicated", "for {open}");
        assert_refused_or_parsed(&source);
    }
    for prefix in ["-not ", "!", "-", ",", "[int]", "++"] {
        let source = format!("{}$x", prefix.repeat(n));
        assert!(lang::parse(&source).is_err(), "{prefix} chain is refused");
    }
    // Nesting in code and in strings adds up to one limit.
    let mixed = format!(
        "{}\"{}x{}\"{}",
        "(".repeat(60),
        "$(\"".repeat(60),
        "\")".repeat(60),
        ")".repeat(60)
    );
    assert!(lang::parse(&mixed).is_err());
    assert_refused_or_parsed(&mixed);
    let strings = format!("{}x{}", "\"$(".repeat(n), ")\"".repeat(n));
    assert!(lang::parse(&strings).is_err());
    assert_refused_or_parsed(&strings);
}

#[test]
fn realistic_nesting_is_accepted() {
    let depth = 20;
    let source = format!(
        "{}Get-CsUser{}",
        "if ($a) { ".repeat(depth),
        " }".repeat(depth)
    );
    assert!(lang::parse(&source).is_ok());
    let source = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
    assert!(lang::parse(&source).is_ok());
}

#[test]
fn ten_thousand_statements_parse_in_one_pass() {
    let line = "Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086 | Out-Null; $x = @{ a = 1; b = \"p $y\" }\n";
    let source = line.repeat(5000);
    let block = lang::parse(&source).expect("parses");
    assert_eq!(block.end.len(), 10_000);
    assert!(matches!(block.end[1], Statement::Assignment { .. }));
}

#[test]
fn long_lines_and_long_tokens() {
    let word = "a".repeat(100_000);
    assert!(lang::parse(&format!("Write-Output {word}")).is_ok());
    let list = vec!["x"; 20_000].join(",");
    assert!(lang::parse(&format!("Write-Output {list}")).is_ok());
    let sum = vec!["1"; 20_000].join(" + ");
    assert!(lang::parse(&sum).is_ok());
}

/// Found by fuzzing: a NUL in an argument once produced empty words forever.
#[test]
fn nul_characters_do_not_stall_the_lexer() {
    for source in [
        "Select-Object -Firs\0\0\0\u{e}t 1",
        "\0",
        "a \0 b",
        "$x = \0",
        "\0\0|\0",
    ] {
        assert_refused_or_parsed(source);
    }
    assert!(lang::parse("Write-Output a\0b").is_ok());
}
