//! The PowerShell-subset language: tokens, lexer, syntax tree and parser.
//!
//! This module knows nothing of Lync, cmdlets or the topology: it turns source text into a
//! [`ast::ScriptBlock`] or a [`ParseError`] that says where and why, in PowerShell's words.

pub mod ast;
pub mod lexer;
pub mod parser;
mod sexpr;
pub mod token;

pub use sexpr::sexpr;

pub use ast::Span;

/// A syntax error, with PowerShell's message and error id
/// (e.g. `"The '<' operator is reserved for future use."`, `RedirectionNotSupported`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// PowerShell's `FullyQualifiedErrorId` for the error, such as `MissingEndCurlyBrace`.
    pub error_id: String,
    pub span: Span,
    /// True when more input could complete the statement (unclosed quote, brace, trailing
    /// pipe or backtick): the REPL then asks for another line instead of reporting it.
    pub incomplete: bool,
    /// An extra line of advice printed after the error (e.g. that `<Certificate Thumbprint>`
    /// looks like a documentation placeholder to replace).
    pub hint: Option<String>,
}

impl ParseError {
    pub(crate) fn new(message: impl Into<String>, error_id: &str, span: Span) -> Self {
        ParseError {
            message: message.into(),
            error_id: error_id.to_string(),
            span,
            incomplete: false,
            hint: None,
        }
    }

    /// Marks the error as one that more input could fix (the REPL then reads another line).
    pub(crate) fn incomplete(mut self) -> Self {
        self.incomplete = true;
        self
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a whole script.
pub fn parse(source: &str) -> Result<ast::ScriptBlock, ParseError> {
    parser::parse_script(source)
}

/// Line and column (both 1-based, column counted in characters) of a byte offset, and the
/// text of that line: what `At line:N char:M` and the caret line are made of.
pub fn locate(source: &str, offset: usize) -> (usize, usize, &str) {
    let offset = offset.min(source.len());
    let line_start = source[..offset].rfind(['\n']).map_or(0, |i| i + 1);
    let line_end = source[offset..]
        .find(['\n', '\r'])
        .map_or(source.len(), |i| offset + i);
    let line = source[..line_start].matches('\n').count() + 1;
    let column = source[line_start..offset].chars().count() + 1;
    (line, column, &source[line_start..line_end])
}
