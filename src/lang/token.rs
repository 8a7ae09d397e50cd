//! Tokens of the PowerShell subset, and the character classes PowerShell's tokenizer uses.
//!
//! The classes are PowerShell's exactly (CharTraits.cs): blog posts and KB articles are full of
//! en dashes and typographic quotes pasted from Word, and PowerShell accepts them, so we must.

use super::ast::{BinaryOp, Case, CompareOp, Number, Span, StringKind, VariableRef};

/// `-` and the three Unicode dashes PowerShell treats the same way (not U+2010/2011/2212).
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// `'` and its typographic forms ‘ ’ ‚ ‛.
pub fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// `"` and its typographic forms “ ” „.
pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

pub fn is_quote(c: char) -> bool {
    is_single_quote(c) || is_double_quote(c)
}

pub fn is_newline(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// Space, TAB, VT, FF, NBSP, NEL and every Unicode space separator; not newlines.
pub fn is_whitespace(c: char) -> bool {
    match c {
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{85}' => true,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => false,
        // Rust's White_Space set minus the line/paragraph separators is exactly Zs plus controls.
        _ => c.is_whitespace(),
    }
}

/// Characters that always end a bareword (command-mode generic token).
pub fn ends_bareword(c: char) -> bool {
    is_whitespace(c)
        || is_newline(c)
        || matches!(c, '\0' | ';' | ',' | '(' | ')' | '{' | '}' | '|' | '&')
}

/// Characters that end a number without turning it into a bareword (`1+2`, `1..5`, `3-1`).
pub fn ends_number(c: char) -> bool {
    ends_bareword(c)
        || is_dash(c)
        || matches!(
            c,
            '!' | '#' | '%' | '*' | '+' | '.' | '/' | '<' | '=' | '>' | ']' | '['
        )
}

/// A character of a `$name` variable name.
pub fn is_variable_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '?'
}

/// A character that may start a parameter name after a dash (`-Name`, `-?`, `-_x`).
pub fn starts_parameter_name(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '?'
}

/// Statement keywords, recognised case-insensitively where a statement starts.
pub const KEYWORDS: &[&str] = &[
    "begin",
    "break",
    "catch",
    "class",
    "continue",
    "data",
    "do",
    "dynamicparam",
    "else",
    "elseif",
    "end",
    "exit",
    "filter",
    "finally",
    "for",
    "foreach",
    "function",
    "if",
    "param",
    "process",
    "return",
    "switch",
    "throw",
    "trap",
    "try",
    "until",
    "while",
];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// How the parser wants the next token read: PowerShell tokenizes differently in expressions
/// (`2+2` is arithmetic, `-eq` an operator) and in command arguments (`2+2` is a string,
/// `-Name` a parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Expression,
    Command,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// One piece of an expandable string or bareword.
#[derive(Clone, Debug, PartialEq)]
pub enum LexPart {
    Literal(String),
    Variable(VariableRef),
    /// `$( … )`: `inner` is the text between the parentheses (parsed later by the parser),
    /// `span` covers the whole `$( … )`.
    Subexpression {
        inner: Span,
        span: Span,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    EndOfInput,
    /// LF, CR or CRLF.
    Newline,
    Semicolon,
    Pipe,
    Comma,
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    /// `$(`
    DollarParen,
    /// `@(`
    AtParen,
    /// `@{`
    AtBrace,
    /// `&`, the call operator.
    Ampersand,
    /// `=`, `+=`, `-=`, `*=`, `/=`, `%=`.
    Assign(super::ast::AssignOp),
    PlusPlus,
    MinusMinus,
    Operator(Operator),
    /// `>`, `>>`, `2>`, `2>&1`, `*>`, …; `stream` 1 = output, 2 = error, 0 = all.
    Redirect {
        stream: u8,
        append: bool,
        merge: bool,
    },
    Variable(VariableRef),
    /// `@name`
    Splat(VariableRef),
    Number(Number),
    /// A string with nothing to expand: `'…'`, `@'…'@`, or `"…"` without `$`.
    Str {
        value: String,
        kind: StringKind,
    },
    /// `"…$x…"`, `@"…"@` or a bareword such as `a$x` with something to expand.
    Expandable {
        parts: Vec<LexPart>,
        kind: StringKind,
    },
    /// A bareword (generic token) with escapes and spliced quotes already applied.
    Word(String),
    /// `-Name` or `-Name:` (`colon`); `name` is without the dash.
    Parameter {
        name: String,
        colon: bool,
    },
    /// A standalone `--`.
    EndOfParameters,
}

/// Expression operators other than assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    Plus,
    Minus,
    Multiply,
    Divide,
    Remainder,
    /// `..`
    Range,
    /// `!`
    Exclaim,
    /// A dash word such as `-eq`, `-and`, `-not`, `-f`.
    Word(WordOperator),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordOperator {
    /// Binary operators; `-split` and `-join` also have a unary form.
    Binary(BinaryOp),
    Not,
    BitNot,
}

/// Looks up a dash word (without the dash), case-insensitively.
pub fn word_operator(word: &str) -> Option<WordOperator> {
    use BinaryOp as B;
    let lower = word.to_ascii_lowercase();
    let simple = match lower.as_str() {
        "f" => Some(WordOperator::Binary(B::Format)),
        "and" => Some(WordOperator::Binary(B::And)),
        "or" => Some(WordOperator::Binary(B::Or)),
        "xor" => Some(WordOperator::Binary(B::Xor)),
        "band" => Some(WordOperator::Binary(B::BitAnd)),
        "bor" => Some(WordOperator::Binary(B::BitOr)),
        "bxor" => Some(WordOperator::Binary(B::BitXor)),
        "shl" => Some(WordOperator::Binary(B::ShiftLeft)),
        "shr" => Some(WordOperator::Binary(B::ShiftRight)),
        "is" => Some(WordOperator::Binary(B::Is)),
        "isnot" => Some(WordOperator::Binary(B::IsNot)),
        "as" => Some(WordOperator::Binary(B::As)),
        "not" => Some(WordOperator::Not),
        "bnot" => Some(WordOperator::BitNot),
        "join" => Some(WordOperator::Binary(B::Compare(
            CompareOp::Join,
            Case::Insensitive,
        ))),
        _ => None,
    };
    if simple.is_some() {
        return simple;
    }
    // Comparison operators, each also with an `i` (insensitive) or `c` (sensitive) prefix.
    let (case, base) = match lower.as_bytes().first() {
        Some(b'c') if compare_op(&lower[1..]).is_some() => (Case::Sensitive, &lower[1..]),
        Some(b'i') if compare_op(&lower[1..]).is_some() => (Case::Insensitive, &lower[1..]),
        _ => (Case::Insensitive, lower.as_str()),
    };
    compare_op(base).map(|op| WordOperator::Binary(B::Compare(op, case)))
}

fn compare_op(word: &str) -> Option<CompareOp> {
    use CompareOp::*;
    Some(match word {
        "eq" => Eq,
        "ne" => Ne,
        "gt" => Gt,
        "ge" => Ge,
        "lt" => Lt,
        "le" => Le,
        "like" => Like,
        "notlike" => NotLike,
        "match" => Match,
        "notmatch" => NotMatch,
        "contains" => Contains,
        "notcontains" => NotContains,
        "in" => In,
        "notin" => NotIn,
        "replace" => Replace,
        "split" => Split,
        _ => return None,
    })
}

/// The precedence of a binary operator (higher binds tighter), as in PowerShell's TokenFlags.
pub fn precedence(op: BinaryOp) -> u8 {
    use BinaryOp::*;
    match op {
        And | Or | Xor => 1,
        BitAnd | BitOr | BitXor => 2,
        Compare(..) | Is | IsNot | As | ShiftLeft | ShiftRight => 3,
        Add | Subtract => 4,
        Multiply | Divide | Remainder => 5,
        Format => 6,
        Range => 7,
    }
}

/// Classes for the REPL's syntax colouring (PSReadLine's token kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    Command,
    Parameter,
    String,
    Variable,
    Number,
    Operator,
    Keyword,
    Comment,
    Type,
    Member,
    Default,
}
