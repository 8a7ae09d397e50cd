//! Spans are exact: the evaluator prints `At line:N char:M` and a `~~~` caret from them.

use lyncsh::lang::ast::*;
use lyncsh::lang::{self, ParseError};

fn text(source: &str, span: Span) -> &str {
    &source[span.start..span.end]
}

fn command(block: &ScriptBlock, index: usize) -> &Command {
    match &block.end[index] {
        Statement::Pipeline(Pipeline { elements, .. }) => match &elements[0] {
            PipelineElement::Command(c) => c,
            other => panic!("not a command: {other:?}"),
        },
        other => panic!("not a pipeline: {other:?}"),
    }
}

#[test]
fn command_parameter_and_argument_spans() {
    let source = "Get-CsUser x\nSet-CsWebServer –Identity lyncserver.jacobs.local -Port:5086 -WhatIf  # note";
    let block = lang::parse(source).unwrap();
    let c = command(&block, 1);
    assert_eq!(
        text(source, c.span),
        "Set-CsWebServer –Identity lyncserver.jacobs.local -Port:5086 -WhatIf"
    );
    let CommandName::Bare { span, .. } = &c.name else {
        panic!()
    };
    assert_eq!(text(source, *span), "Set-CsWebServer");
    let spans: Vec<&str> = c
        .elements
        .iter()
        .map(|e| match e {
            CommandElement::Parameter { span, .. } => text(source, *span),
            CommandElement::Argument(e) => text(source, e.span()),
            CommandElement::EndOfParameters { span } => text(source, *span),
        })
        .collect();
    assert_eq!(
        spans,
        ["–Identity", "lyncserver.jacobs.local", "-Port", "-WhatIf"]
    );
    let CommandElement::Parameter {
        argument: Some(arg),
        ..
    } = &c.elements[2]
    else {
        panic!()
    };
    assert_eq!(text(source, arg.span()), "5086");
    assert_eq!(lang::locate(source, c.elements[0].span_start()).0, 2);
}

trait SpanStart {
    fn span_start(&self) -> usize;
}

impl SpanStart for CommandElement {
    fn span_start(&self) -> usize {
        match self {
            CommandElement::Parameter { span, .. } | CommandElement::EndOfParameters { span } => {
                span.start
            }
            CommandElement::Argument(e) => e.span().start,
        }
    }
}

#[test]
fn array_and_pipeline_spans() {
    let source = "Add-WindowsFeature Web-Server, Web-Dyn-Compression | Out-Null";
    let block = lang::parse(source).unwrap();
    let Statement::Pipeline(p) = &block.end[0] else {
        panic!()
    };
    assert_eq!(text(source, p.span), source);
    let c = command(&block, 0);
    assert_eq!(
        text(source, c.span),
        "Add-WindowsFeature Web-Server, Web-Dyn-Compression"
    );
    let CommandElement::Argument(array) = &c.elements[0] else {
        panic!()
    };
    assert_eq!(
        text(source, array.span()),
        "Web-Server, Web-Dyn-Compression"
    );
}

#[test]
fn expression_spans() {
    let source = "$x = [int]$a.Count + $b[0] * 2";
    let block = lang::parse(source).unwrap();
    let Statement::Assignment {
        target,
        value,
        span,
        ..
    } = &block.end[0]
    else {
        panic!()
    };
    assert_eq!(text(source, *span), source);
    assert_eq!(text(source, target.span()), "$x");
    let Statement::Pipeline(p) = value.as_ref() else {
        panic!()
    };
    let PipelineElement::Expression(Expr::Binary { lhs, rhs, span, .. }) = &p.elements[0] else {
        panic!()
    };
    assert_eq!(text(source, *span), "[int]$a.Count + $b[0] * 2");
    assert_eq!(text(source, lhs.span()), "[int]$a.Count");
    assert_eq!(text(source, rhs.span()), "$b[0] * 2");
}

#[test]
fn script_block_text_is_the_inside_of_the_braces() {
    let source = "Where-Object { $_.Port -gt 5000 }";
    let block = lang::parse(source).unwrap();
    let CommandElement::Argument(Expr::ScriptBlock(sb)) = &command(&block, 0).elements[0] else {
        panic!()
    };
    assert_eq!(&*sb.text, " $_.Port -gt 5000 ");
    assert_eq!(text(source, sb.span), "{ $_.Port -gt 5000 }");
    let function = lang::parse("function f {\n  'x'\n}").unwrap();
    let Statement::Function { body, .. } = &function.end[0] else {
        panic!()
    };
    assert_eq!(&*body.text, "\n  'x'\n");
    assert_eq!(&*lang::parse("a").unwrap().text, "a");
}

#[test]
fn statement_spans_cover_the_whole_statement() {
    let source = "if ($a) { 1 }\nelse { 2 }\nforeach ($x in $y) { $x }";
    let block = lang::parse(source).unwrap();
    assert_eq!(
        text(source, block.end[0].span()),
        "if ($a) { 1 }\nelse { 2 }"
    );
    assert_eq!(
        text(source, block.end[1].span()),
        "foreach ($x in $y) { $x }"
    );
}

#[test]
fn variable_spans_include_the_sigil_and_scope() {
    let source = "$env:PATH + ${my var} + $script:x";
    let block = lang::parse(source).unwrap();
    let Statement::Pipeline(p) = &block.end[0] else {
        panic!()
    };
    let PipelineElement::Expression(Expr::Binary { lhs, rhs, .. }) = &p.elements[0] else {
        panic!()
    };
    assert_eq!(text(source, rhs.span()), "$script:x");
    let Expr::Binary { lhs, rhs, .. } = lhs.as_ref() else {
        panic!()
    };
    assert_eq!(text(source, lhs.span()), "$env:PATH");
    assert_eq!(text(source, rhs.span()), "${my var}");
}

fn error(source: &str) -> ParseError {
    lang::parse(source).expect_err(source)
}

/// The REPL asks for another line exactly when more input could complete the statement.
#[test]
fn incomplete_input_is_flagged_for_the_repl() {
    let incomplete = [
        "Write-Output \"abc",
        "Write-Output 'abc",
        "if ($a) {",
        "function f {",
        "Get-CsUser |",
        "Get-CsUser `",
        "Write-Output a,",
        "$x = 1 +",
        "$x = (1 + 2",
        "$h = @{",
        "@\"\nabc",
        "<# comment",
        "foreach ($x in $y)",
        "try { }",
        "do { }",
        "$x =",
        "\"$(",
        "Get-CsUser |\n",
        "$a[",
        "[int",
    ];
    for source in incomplete {
        let e = error(source);
        assert!(
            e.incomplete,
            "{source:?} should be incomplete, got {} ({})",
            e.error_id, e.message
        );
    }
    let complete_errors = [
        "Set-CsCertificate -Thumbprint <Certificate Thumbprint>",
        "5 -foo 3",
        "Get-CsUser | ; x",
        "\"$user: hi\"",
        "Get-CsUser )",
        "if ($a) { } else 3",
        "(Write-Output a,)",
        "Get-X -Name:",
        "@\"x\n\"@",
    ];
    for source in complete_errors {
        let e = error(source);
        assert!(
            !e.incomplete,
            "{source:?} should not be incomplete ({})",
            e.message
        );
    }
}

#[test]
fn parse_number_converts_strings_like_powershell() {
    use lyncsh::lang::lexer::parse_number;
    assert_eq!(parse_number("0x1F"), Some(Number::Int(31)));
    assert_eq!(parse_number("1kb"), Some(Number::Int(1024)));
    assert_eq!(parse_number(" 42 "), Some(Number::Int(42)));
    assert_eq!(parse_number("–5"), Some(Number::Int(-5)));
    assert_eq!(parse_number("2.5"), Some(Number::Double(2.5)));
    assert_eq!(parse_number("1."), Some(Number::Double(1.0)));
    assert_eq!(parse_number("0x1."), None);
    assert_eq!(parse_number("1.5gb"), Some(Number::Double(1_610_612_736.0)));
    assert_eq!(parse_number("abc"), None);
    assert_eq!(parse_number("12abc"), None);
    assert_eq!(parse_number(""), None);
}
