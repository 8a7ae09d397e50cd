//! Lexer: source text to [`Token`]s, one at a time, in the mode the parser asks for.
//!
//! PowerShell's tokenizer is driven by its parser: the same characters mean different things
//! in an expression (`2+2` is arithmetic, `-eq` an operator) and in command arguments (`2+2`
//! is a string, `-Name` a parameter). So the parser calls [`Lexer::next_token`] with a
//! [`Mode`] and may rewind ([`Lexer::set_pos`]) to read the same text in the other mode.
//!
//! Trivia (whitespace, comments, backtick line continuations) is skipped before each token;
//! newlines are tokens because they end statements.

use super::ast::{Number, Span, StringKind, VariableRef};
use super::token::*;
use super::ParseError;

/// How deeply brackets, blocks and strings may nest (`$( "…$( … )…" )`) before we refuse:
/// keeps the recursion, and so the stack, bounded on hostile input. The parser shares the
/// count, so nesting in strings and in code adds up.
pub const MAX_NESTING: usize = 64;

pub struct Lexer<'s> {
    src: &'s str,
    pos: usize,
    /// Exclusive end: a sub-lexer for the inside of `$( … )` stops at the `)`.
    end: usize,
    /// Current nesting: the parser's, plus `$( … )` scans inside strings.
    depth: usize,
    /// When set (syntax colouring), the spans of skipped comments are recorded here.
    comments: Option<Vec<Span>>,
}

impl<'s> Lexer<'s> {
    pub fn new(src: &'s str) -> Self {
        Self::with_range(src, 0, src.len())
    }

    /// A lexer over `src[start..end]` whose spans are still offsets into the whole `src`.
    pub fn with_range(src: &'s str, start: usize, end: usize) -> Self {
        Lexer {
            src,
            pos: start,
            end,
            depth: 0,
            comments: None,
        }
    }

    pub fn source(&self) -> &'s str {
        self.src
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub fn end(&self) -> usize {
        self.end
    }

    /// Tells the lexer how deeply the parser has nested, so both count towards the limit.
    pub fn set_depth(&mut self, depth: usize) {
        self.depth = depth;
    }

    /// The character at byte offset `pos`; `None` past the end (or, defensively, inside a
    /// multi-byte character).
    pub fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..self.end)?.chars().next()
    }

    /// The character after the one at `pos`.
    pub fn char_after(&self, pos: usize) -> Option<char> {
        let c = self.char_at(pos)?;
        self.char_at(pos + c.len_utf8())
    }

    /// Skips whitespace, comments and line continuations (not newlines).
    pub fn skip_trivia(&mut self) -> Result<(), ParseError> {
        while let Some(c) = self.char_at(self.pos) {
            if is_whitespace(c) {
                self.pos += c.len_utf8();
            } else if c == '`' {
                match self.char_after(self.pos) {
                    // A backtick immediately before a newline joins the lines.
                    Some('\r') => {
                        self.pos += 2;
                        if self.char_at(self.pos) == Some('\n') {
                            self.pos += 1;
                        }
                    }
                    Some('\n') => self.pos += 2,
                    None => {
                        return Err(ParseError::new(
                            "Incomplete string token.",
                            "IncompleteString",
                            Span::new(self.pos, self.pos + 1),
                        )
                        .incomplete());
                    }
                    // Any other escaped character starts a bareword.
                    Some(_) => break,
                }
            } else if c == '#' {
                let start = self.pos;
                while let Some(c) = self.char_at(self.pos) {
                    if is_newline(c) {
                        break;
                    }
                    self.pos += c.len_utf8();
                }
                self.record_comment(start);
            } else if c == '<' && self.char_after(self.pos) == Some('#') {
                let start = self.pos;
                match self.src[start + 2..self.end].find("#>") {
                    Some(i) => self.pos = start + 2 + i + 2,
                    None => {
                        return Err(ParseError::new(
                            "The terminator '#>' is missing from the multiline comment.",
                            "MissingTerminatorMultiLineComment",
                            Span::new(start, self.end),
                        )
                        .incomplete());
                    }
                }
                self.record_comment(start);
            } else {
                break;
            }
        }
        Ok(())
    }

    fn record_comment(&mut self, start: usize) {
        if let Some(comments) = &mut self.comments {
            comments.push(Span::new(start, self.pos));
        }
    }

    /// Reads the next token in `mode` and moves past it.
    pub fn next_token(&mut self, mode: Mode) -> Result<Token, ParseError> {
        self.skip_trivia()?;
        let start = self.pos;
        let Some(c) = self.char_at(start) else {
            return Ok(Token {
                kind: TokenKind::EndOfInput,
                span: Span::new(start, start),
            });
        };
        let simple = |lexer: &mut Self, kind: TokenKind, len: usize| {
            lexer.pos = start + len;
            Ok(Token {
                kind,
                span: Span::new(start, start + len),
            })
        };
        match c {
            '\n' => simple(self, TokenKind::Newline, 1),
            '\r' => {
                let len = if self.char_after(start) == Some('\n') {
                    2
                } else {
                    1
                };
                simple(self, TokenKind::Newline, len)
            }
            ';' => simple(self, TokenKind::Semicolon, 1),
            ',' => simple(self, TokenKind::Comma, 1),
            '|' => simple(self, TokenKind::Pipe, 1),
            '(' => simple(self, TokenKind::LParen, 1),
            ')' => simple(self, TokenKind::RParen, 1),
            '{' => simple(self, TokenKind::LBrace, 1),
            '}' => simple(self, TokenKind::RBrace, 1),
            '&' => simple(self, TokenKind::Ampersand, 1),
            '$' => self.scan_dollar(start, mode),
            '@' => self.scan_at(start, mode),
            '<' => Err(self.less_than_error(start)),
            '>' => self.scan_redirection(start, 1),
            '*' | '1'..='6' if self.char_after(start) == Some('>') => {
                let stream = if c == '*' { 0 } else { c as u8 - b'0' };
                self.scan_redirection(start + 1, stream)
            }
            q if is_single_quote(q) => {
                let (value, end) = self.scan_single_quoted(start)?;
                self.pos = end;
                Ok(Token {
                    kind: TokenKind::Str {
                        value,
                        kind: StringKind::SingleQuoted,
                    },
                    span: Span::new(start, end),
                })
            }
            q if is_double_quote(q) => {
                let mut parts = Parts::default();
                let end = self.scan_double_quoted(start, &mut parts)?;
                self.pos = end;
                Ok(Token {
                    kind: parts.into_token(StringKind::DoubleQuoted),
                    span: Span::new(start, end),
                })
            }
            d if is_dash(d) => match mode {
                Mode::Command => self.scan_dash_argument(start),
                Mode::Expression => self.scan_dash_operator(start),
            },
            _ => match mode {
                Mode::Command => self.scan_command_word(start),
                Mode::Expression => self.scan_expression_token(start, c),
            },
        }
    }

    // ----- expression mode -----

    fn scan_expression_token(&mut self, start: usize, c: char) -> Result<Token, ParseError> {
        let next = self.char_after(start);
        let (kind, len) = match c {
            '[' => (TokenKind::LBracket, 1),
            ']' => (TokenKind::RBracket, 1),
            '=' => (TokenKind::Assign(super::ast::AssignOp::Assign), 1),
            '+' => match next {
                Some('+') => (TokenKind::PlusPlus, 2),
                Some('=') => (TokenKind::Assign(super::ast::AssignOp::Add), 2),
                _ => (TokenKind::Operator(Operator::Plus), 1),
            },
            '*' if next == Some('=') => (TokenKind::Assign(super::ast::AssignOp::Multiply), 2),
            '*' => (TokenKind::Operator(Operator::Multiply), 1),
            '/' if next == Some('=') => (TokenKind::Assign(super::ast::AssignOp::Divide), 2),
            '/' => (TokenKind::Operator(Operator::Divide), 1),
            '%' if next == Some('=') => (TokenKind::Assign(super::ast::AssignOp::Remainder), 2),
            '%' => (TokenKind::Operator(Operator::Remainder), 1),
            '!' => (TokenKind::Operator(Operator::Exclaim), 1),
            '.' if next == Some('.') => (TokenKind::Operator(Operator::Range), 2),
            '.' if next.is_some_and(|d| d.is_ascii_digit()) => {
                return self.scan_expression_number(start)
            }
            d if d.is_ascii_digit() => return self.scan_expression_number(start),
            _ => return self.scan_generic(start, Mode::Expression),
        };
        self.pos = start + len;
        Ok(Token {
            kind,
            span: Span::new(start, start + len),
        })
    }

    /// A number in an expression; `7z` (a letter right after the digits) is a bareword instead,
    /// which at the start of a statement makes it a command name.
    fn scan_expression_number(&mut self, start: usize) -> Result<Token, ParseError> {
        if let Some((value, len)) = scan_number(&self.src[start..self.end]) {
            let end = start + len;
            if self.char_at(end).is_none_or(ends_number) {
                self.pos = end;
                return Ok(Token {
                    kind: TokenKind::Number(value),
                    span: Span::new(start, end),
                });
            }
        }
        self.scan_generic(start, Mode::Expression)
    }

    /// A dash in an expression: `--`, `-=`, a dash word operator (`-eq`, `–gt`) or minus.
    fn scan_dash_operator(&mut self, start: usize) -> Result<Token, ParseError> {
        let after = start + self.char_at(start).map_or(1, char::len_utf8);
        let next = self.char_at(after);
        let (kind, end) = match next {
            Some(d) if is_dash(d) => (TokenKind::MinusMinus, after + d.len_utf8()),
            Some('=') => (TokenKind::Assign(super::ast::AssignOp::Subtract), after + 1),
            Some(c) if c.is_alphabetic() => {
                let mut end = after;
                while let Some(c) = self
                    .char_at(end)
                    .filter(|c| c.is_alphanumeric() || *c == '_')
                {
                    end += c.len_utf8();
                }
                match word_operator(&self.src[after..end]) {
                    Some(op) => (TokenKind::Operator(Operator::Word(op)), end),
                    None => return Err(unexpected_token(self.src, Span::new(start, end))),
                }
            }
            _ => (TokenKind::Operator(Operator::Minus), after),
        };
        self.pos = end;
        Ok(Token {
            kind,
            span: Span::new(start, end),
        })
    }

    // ----- command (argument) mode -----

    /// A dash in command mode: `-Name`, `-Name:`, `--`, or a bareword such as `-5` or `-`.
    fn scan_dash_argument(&mut self, start: usize) -> Result<Token, ParseError> {
        let after = start + self.char_at(start).map_or(1, char::len_utf8);
        match self.char_at(after) {
            Some(d)
                if is_dash(d) && self.char_at(after + d.len_utf8()).is_none_or(ends_bareword) =>
            {
                let end = after + d.len_utf8();
                self.pos = end;
                Ok(Token {
                    kind: TokenKind::EndOfParameters,
                    span: Span::new(start, end),
                })
            }
            Some(c) if starts_parameter_name(c) => {
                let mut end = after;
                while let Some(c) = self.char_at(end) {
                    if ends_bareword(c) || matches!(c, '.' | '[' | ':') {
                        break;
                    }
                    // `-Name"x"` is not a parameter but the single argument `-Namex`.
                    if is_quote(c) || c == '`' {
                        return self.scan_generic(start, Mode::Command);
                    }
                    end += c.len_utf8();
                }
                let name = self.src[after..end].to_string();
                let colon = self.char_at(end) == Some(':');
                self.pos = if colon { end + 1 } else { end };
                Ok(Token {
                    kind: TokenKind::Parameter { name, colon },
                    span: Span::new(start, end),
                })
            }
            _ => self.scan_command_word(start),
        }
    }

    /// A command-mode bareword; one that is entirely a number (`5086`, `10MB`) is a number.
    fn scan_command_word(&mut self, start: usize) -> Result<Token, ParseError> {
        let token = self.scan_generic(start, Mode::Command)?;
        if let TokenKind::Word(word) = &token.kind {
            let text = &self.src[token.span.start..token.span.end];
            if word == text {
                if let Some((value, len)) = scan_number(text) {
                    if len == text.len() {
                        return Ok(Token {
                            kind: TokenKind::Number(value),
                            span: token.span,
                        });
                    }
                }
            }
        }
        Ok(token)
    }

    /// A generic token (bareword): runs to whitespace or one of `; , ( ) { } | &`, applying
    /// backtick escapes, splicing in quoted parts (`a'b c'd` is `ab cd`) and expanding `$x`.
    /// In expression mode it also stops at `=`, so that `@{Name='x'}` reads the key `Name`.
    fn scan_generic(&mut self, start: usize, mode: Mode) -> Result<Token, ParseError> {
        let mut parts = Parts::default();
        let mut p = start;
        while let Some(c) = self.char_at(p) {
            if ends_bareword(c) || (mode == Mode::Expression && c == '=' && p > start) {
                break;
            }
            if c == '`' {
                match self.char_after(p) {
                    None => {
                        return Err(ParseError::new(
                            "Incomplete string token.",
                            "IncompleteString",
                            Span::new(p, p + 1),
                        )
                        .incomplete());
                    }
                    // A line continuation ends the word; skip_trivia joins the lines.
                    Some(n) if is_newline(n) => break,
                    Some(_) => p = self.scan_escape(p, &mut parts)?,
                }
            } else if is_single_quote(c) {
                let (value, end) = self.scan_single_quoted(p)?;
                parts.literal.push_str(&value);
                p = end;
            } else if is_double_quote(c) {
                p = self.scan_double_quoted(p, &mut parts)?;
            } else if c == '$' {
                p = self.scan_dollar_in_string(p, &mut parts)?;
            } else {
                parts.literal.push(c);
                p += c.len_utf8();
            }
        }
        // A NUL ends a word but cannot start one; take it as text so the lexer always moves on.
        if p == start {
            if let Some(c) = self.char_at(p) {
                parts.literal.push(c);
                p += c.len_utf8();
            }
        }
        self.pos = p;
        Ok(Token {
            kind: parts.into_token(StringKind::Bare),
            span: Span::new(start, p),
        })
    }

    // ----- variables -----

    fn scan_dollar(&mut self, start: usize, mode: Mode) -> Result<Token, ParseError> {
        if self.char_at(start + 1) == Some('(') {
            self.pos = start + 2;
            return Ok(Token {
                kind: TokenKind::DollarParen,
                span: Span::new(start, start + 2),
            });
        }
        match self.scan_variable(start)? {
            // In an argument `$a-b` is one expandable word: the value of $a, then "-b".
            Some((_, end)) if mode == Mode::Command && !self.char_at(end).is_none_or(ends_variable_argument) => {
                self.scan_generic(start, mode)
            }
            Some((var, end)) => {
                self.pos = end;
                Ok(Token { kind: TokenKind::Variable(var), span: Span::new(start, end) })
            }
            None if mode == Mode::Command => self.scan_generic(start, mode),
            None => Err(ParseError::new(
                "Variable reference is not valid. '$' was not followed by a valid variable name character. Consider using ${} to delimit the name.",
                "InvalidVariableReference",
                Span::new(start, start + 1),
            )),
        }
    }

    /// Reads `$name`, `$scope:name`, `${any text}`, `$$`, `$^` at `start` (the `$`).
    /// `None` when the `$` is not followed by a variable name.
    fn scan_variable(&self, start: usize) -> Result<Option<(VariableRef, usize)>, ParseError> {
        let p = start + 1;
        let Some(c) = self.char_at(p) else {
            return Ok(None);
        };
        if c == '{' {
            let mut text = String::new();
            let mut q = p + 1;
            loop {
                match self.char_at(q) {
                    None => {
                        return Err(ParseError::new(
                            "Missing } at end of variable name.",
                            "EndBraceExpectedAtEndOfVariableName",
                            Span::new(start, q),
                        )
                        .incomplete());
                    }
                    Some('}') => break,
                    Some('`') if self.char_after(q).is_some() => {
                        let escaped = self.char_after(q).unwrap_or('`');
                        text.push(escaped);
                        q += 1 + escaped.len_utf8();
                    }
                    Some(c) => {
                        text.push(c);
                        q += c.len_utf8();
                    }
                }
            }
            let end = q + 1;
            if text.is_empty() {
                return Err(ParseError::new(
                    "An empty ${} variable reference was found. A name is required inside the braces.",
                    "EmptyVariableReference",
                    Span::new(start, end),
                ));
            }
            let span = Span::new(start, end);
            let var = match text.split_once(':') {
                Some((scope, name)) if !scope.is_empty() && !name.is_empty() => VariableRef {
                    scope: Some(scope.to_string()),
                    name: name.to_string(),
                    span,
                },
                _ => VariableRef {
                    scope: None,
                    name: text,
                    span,
                },
            };
            return Ok(Some((var, end)));
        }
        if c == '$' || c == '^' {
            let end = p + 1;
            return Ok(Some((
                VariableRef {
                    scope: None,
                    name: c.to_string(),
                    span: Span::new(start, end),
                },
                end,
            )));
        }
        if !is_variable_char(c) {
            return Ok(None);
        }
        let name_end = self.scan_variable_chars(p);
        // `$scope:name` (`$env:X`, `$script:x`); `::` is a static member access instead.
        if self.char_at(name_end) == Some(':') && self.char_at(name_end + 1) != Some(':') {
            let rest = name_end + 1;
            let end = self.scan_variable_chars(rest);
            if end == rest {
                return Err(ParseError::new(
                    "Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name.",
                    "InvalidVariableReferenceWithDrive",
                    Span::new(start, rest),
                ));
            }
            let var = VariableRef {
                scope: Some(self.src[p..name_end].to_string()),
                name: self.src[rest..end].to_string(),
                span: Span::new(start, end),
            };
            return Ok(Some((var, end)));
        }
        let var = VariableRef {
            scope: None,
            name: self.src[p..name_end].to_string(),
            span: Span::new(start, name_end),
        };
        Ok(Some((var, name_end)))
    }

    fn scan_variable_chars(&self, mut p: usize) -> usize {
        while let Some(c) = self.char_at(p).filter(|c| is_variable_char(*c)) {
            p += c.len_utf8();
        }
        p
    }

    /// `@(`, `@{`, `@name` (splatting), here-strings `@"…"@` / `@'…'@`.
    fn scan_at(&mut self, start: usize, mode: Mode) -> Result<Token, ParseError> {
        let token = |kind, end| Token {
            kind,
            span: Span::new(start, end),
        };
        match self.char_at(start + 1) {
            Some('(') => {
                self.pos = start + 2;
                Ok(token(TokenKind::AtParen, start + 2))
            }
            Some('{') => {
                self.pos = start + 2;
                Ok(token(TokenKind::AtBrace, start + 2))
            }
            Some(q) if is_quote(q) => self.scan_here_string(start, q),
            Some(c) if is_variable_char(c) => {
                let end = self.scan_variable_chars(start + 1);
                let var = VariableRef {
                    scope: None,
                    name: self.src[start + 1..end].to_string(),
                    span: Span::new(start, end),
                };
                self.pos = end;
                Ok(token(TokenKind::Splat(var), end))
            }
            _ if mode == Mode::Command => self.scan_generic(start, mode),
            _ => Err(ParseError::new(
                "Unrecognized token in source text.",
                "UnrecognizedToken",
                Span::new(start, start + 1),
            )),
        }
    }

    // ----- strings -----

    /// `'…'` at `start`; any two single-quote-class characters in a row are one literal quote.
    /// Returns the value and the offset after the closing quote.
    fn scan_single_quoted(&self, start: usize) -> Result<(String, usize), ParseError> {
        let mut value = String::new();
        let mut p = start + self.char_at(start).map_or(1, char::len_utf8);
        loop {
            let Some(c) = self.char_at(p) else {
                return Err(unterminated_string("'", Span::new(start, self.end)));
            };
            p += c.len_utf8();
            if is_single_quote(c) {
                match self.char_at(p) {
                    Some(q) if is_single_quote(q) => {
                        value.push(q);
                        p += q.len_utf8();
                    }
                    _ => return Ok((value, p)),
                }
            } else {
                value.push(c);
            }
        }
    }

    /// `"…"` at `start`, appending its pieces to `parts`; returns the offset after the closing
    /// quote. `""` (any two of the class) is a literal quote; `` ` `` escapes; `$` expands.
    fn scan_double_quoted(&mut self, start: usize, parts: &mut Parts) -> Result<usize, ParseError> {
        let mut p = start + self.char_at(start).map_or(1, char::len_utf8);
        loop {
            let Some(c) = self.char_at(p) else {
                return Err(unterminated_string("\"", Span::new(start, self.end)));
            };
            if is_double_quote(c) {
                p += c.len_utf8();
                match self.char_at(p) {
                    Some(q) if is_double_quote(q) => {
                        parts.literal.push(q);
                        p += q.len_utf8();
                    }
                    _ => return Ok(p),
                }
            } else if c == '`' {
                if self.char_after(p).is_none() {
                    return Err(unterminated_string("\"", Span::new(start, self.end)));
                }
                p = self.scan_escape(p, parts)?;
            } else if c == '$' {
                p = self.scan_dollar_in_string(p, parts)?;
            } else {
                parts.literal.push(c);
                p += c.len_utf8();
            }
        }
    }

    /// The body of an expandable here-string, `[start, end)`: escapes and `$` expand, quotes
    /// are plain characters.
    fn scan_here_body(
        &mut self,
        start: usize,
        end: usize,
        parts: &mut Parts,
    ) -> Result<(), ParseError> {
        let mut p = start;
        while p < end {
            let c = self.char_at(p).unwrap_or('\0');
            if c == '`' && p + 1 < end {
                p = self.scan_escape(p, parts)?;
            } else if c == '$' {
                p = self.scan_dollar_in_string(p, parts)?;
            } else {
                parts.literal.push(c);
                p += c.len_utf8();
            }
        }
        Ok(())
    }

    /// A `$` inside a string or bareword at `p`: `$(…)`, a variable, or a literal `$`.
    fn scan_dollar_in_string(&mut self, p: usize, parts: &mut Parts) -> Result<usize, ParseError> {
        if self.char_at(p + 1) == Some('(') {
            let close = self.find_subexpression_end(p)?;
            parts.push(LexPart::Subexpression {
                inner: Span::new(p + 2, close),
                span: Span::new(p, close + 1),
            });
            return Ok(close + 1);
        }
        match self.scan_variable(p)? {
            Some((var, end)) => {
                parts.push(LexPart::Variable(var));
                Ok(end)
            }
            None => {
                parts.literal.push('$');
                Ok(p + 1)
            }
        }
    }

    /// Finds the `)` closing the `$(` at `open` by reading the tokens in between (so that
    /// parentheses inside nested strings do not count). The parser parses the inside later.
    fn find_subexpression_end(&mut self, open: usize) -> Result<usize, ParseError> {
        if self.depth >= MAX_NESTING {
            return Err(too_deeply_nested(Span::new(open, open + 2)));
        }
        let saved = self.pos;
        self.depth += 1;
        self.pos = open + 2;
        let mut depth = 1;
        let result = loop {
            let token = match self.next_token(Mode::Command) {
                Ok(token) => token,
                Err(e) => break Err(e),
            };
            match token.kind {
                TokenKind::LParen | TokenKind::DollarParen | TokenKind::AtParen => depth += 1,
                TokenKind::RParen => {
                    depth -= 1;
                    if depth == 0 {
                        break Ok(token.span.start);
                    }
                }
                TokenKind::EndOfInput => {
                    break Err(ParseError::new(
                        "Missing closing ')' in subexpression.",
                        "MissingEndParenthesisInSubexpression",
                        Span::new(open, open + 2),
                    )
                    .incomplete());
                }
                _ => {}
            }
        };
        self.depth -= 1;
        self.pos = saved;
        result
    }

    /// A backtick escape at `p` (the backtick); returns the offset after it.
    fn scan_escape(&self, p: usize, parts: &mut Parts) -> Result<usize, ParseError> {
        let Some(c) = self.char_at(p + 1) else {
            return Ok(p + 1);
        };
        let after = p + 1 + c.len_utf8();
        let escaped = match c {
            '0' => '\0',
            'a' => '\u{07}',
            'b' => '\u{08}',
            'e' => '\u{1B}',
            'f' => '\u{0C}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{0B}',
            'u' if self.char_at(after) == Some('{') => {
                return self.scan_unicode_escape(p, after + 1, parts)
            }
            other => other,
        };
        parts.literal.push(escaped);
        Ok(after)
    }

    /// `` `u{1F44D} ``: one to six hex digits naming a code point up to 0x10FFFF.
    fn scan_unicode_escape(
        &self,
        backtick: usize,
        digits: usize,
        parts: &mut Parts,
    ) -> Result<usize, ParseError> {
        let mut q = digits;
        while self.char_at(q).is_some_and(|c| c.is_ascii_hexdigit()) {
            q += 1;
        }
        let error = |message: &str, id: &str, end: usize| {
            Err(ParseError::new(message, id, Span::new(backtick, end)))
        };
        if q == digits {
            return error(
                "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six hex digits and a closing '}'.",
                "InvalidUnicodeEscapeSequence",
                q,
            );
        }
        if q - digits > 6 {
            return error(
                "The Unicode escape sequence contains more than the maximum of six hex digits between braces.",
                "TooManyDigitsInUnicodeEscapeSequence",
                q,
            );
        }
        if self.char_at(q) != Some('}') {
            return error(
                "The Unicode escape sequence is missing the closing '}'.",
                "MissingUnicodeEscapeSequenceTerminator",
                q,
            );
        }
        let value = u32::from_str_radix(&self.src[digits..q], 16).unwrap_or(u32::MAX);
        match char::from_u32(value) {
            Some(c) => {
                parts.literal.push(c);
                Ok(q + 1)
            }
            None => error(
                "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF.",
                "InvalidUnicodeEscapeSequenceValue",
                q + 1,
            ),
        }
    }

    /// `@"` / `@'` at `start`: only whitespace may follow on the header line; the string ends
    /// at a line that starts with the matching quote class and `@`. The newline before the
    /// footer is not part of the value.
    fn scan_here_string(&mut self, start: usize, quote: char) -> Result<Token, ParseError> {
        let expandable = is_double_quote(quote);
        let terminator = if expandable { "\"@" } else { "'@" };
        let mut p = start + 1 + quote.len_utf8();
        while let Some(c) = self.char_at(p).filter(|c| is_whitespace(*c)) {
            p += c.len_utf8();
        }
        match self.char_at(p) {
            None => return Err(unterminated_string(terminator, Span::new(start, self.end))),
            Some(c) if !is_newline(c) => {
                return Err(ParseError::new(
                    "No characters are allowed after a here-string header but before the end of the line.",
                    "UnexpectedCharactersAfterHereStringHeader",
                    Span::new(p, p + c.len_utf8()),
                ));
            }
            Some(_) => p = self.skip_newline(p),
        }
        let content_start = p;
        let same_class = |c: char| {
            if expandable {
                is_double_quote(c)
            } else {
                is_single_quote(c)
            }
        };
        let mut line = content_start;
        let (content_end, end) = loop {
            // Is `line` the footer line?
            let mut q = line;
            while let Some(c) = self.char_at(q).filter(|c| is_whitespace(*c)) {
                q += c.len_utf8();
            }
            if let Some(c) = self.char_at(q).filter(|c| same_class(*c)) {
                if self.char_at(q + c.len_utf8()) == Some('@') {
                    if q != line {
                        return Err(ParseError::new(
                            "White space is not allowed before the string terminator.",
                            "WhitespaceBeforeHereStringFooter",
                            Span::new(line, q + c.len_utf8() + 1),
                        ));
                    }
                    let content_end = if line == content_start {
                        line
                    } else {
                        self.strip_newline_before(line)
                    };
                    break (content_end, q + c.len_utf8() + 1);
                }
            }
            match self.src[line..self.end].find(['\n', '\r']) {
                Some(i) => line = self.skip_newline(line + i),
                None => return Err(unterminated_string(terminator, Span::new(start, self.end))),
            }
        };
        self.pos = end;
        let span = Span::new(start, end);
        if expandable {
            let mut parts = Parts::default();
            self.scan_here_body(content_start, content_end, &mut parts)?;
            Ok(Token {
                kind: parts.into_token(StringKind::HereDouble),
                span,
            })
        } else {
            let value = self.src[content_start..content_end].to_string();
            Ok(Token {
                kind: TokenKind::Str {
                    value,
                    kind: StringKind::HereSingle,
                },
                span,
            })
        }
    }

    fn skip_newline(&self, p: usize) -> usize {
        match self.char_at(p) {
            Some('\r') if self.char_at(p + 1) == Some('\n') => p + 2,
            Some(c) if is_newline(c) => p + 1,
            _ => p,
        }
    }

    /// `line` starts right after a newline; the offset where that newline starts.
    fn strip_newline_before(&self, line: usize) -> usize {
        let bytes = self.src.as_bytes();
        if line >= 2 && bytes[line - 1] == b'\n' && bytes[line - 2] == b'\r' {
            line - 2
        } else {
            line - 1
        }
    }

    // ----- redirections and `<` -----

    /// `>`, `>>`, `>&1` after the stream character (`after_stream` is at the `>`).
    fn scan_redirection(&mut self, after_stream: usize, stream: u8) -> Result<Token, ParseError> {
        let start = if after_stream > 0
            && self
                .char_at(after_stream - 1)
                .is_some_and(|c| c == '*' || c.is_ascii_digit())
        {
            after_stream - 1
        } else {
            after_stream
        };
        let mut end = after_stream + 1;
        let (mut append, mut merge) = (false, false);
        match self.char_at(end) {
            Some('>') => {
                append = true;
                end += 1;
            }
            Some('&') if self.char_at(end + 1) == Some('1') => {
                merge = true;
                end += 2;
            }
            Some('&') if self.char_at(end + 1).is_some_and(|c| c.is_ascii_digit()) => {
                return Err(ParseError::new(
                    "Redirection only allows another stream to be merged with the output stream. Please correct the redirection operation to merge into the output stream then try running your script again.",
                    "RedirectionStreamCanOnlyMergeToOutputStream",
                    Span::new(start, end + 2),
                ));
            }
            _ => {}
        }
        self.pos = end;
        Ok(Token {
            kind: TokenKind::Redirect {
                stream,
                append,
                merge,
            },
            span: Span::new(start, end),
        })
    }

    /// `<` is reserved in PowerShell. Pasted documentation often holds `<Placeholder Text>`:
    /// say so, since "reserved for future use" alone does not tell an admin what to fix.
    fn less_than_error(&self, start: usize) -> ParseError {
        let line_end = self.src[start..self.end]
            .find(['\n', '\r'])
            .map_or(self.end, |i| start + i);
        let hint = self.src[start + 1..line_end].find('>').and_then(|i| {
            let inner = &self.src[start + 1..start + 1 + i];
            (!inner.trim().is_empty() && !inner.contains('<')).then(|| {
                format!(
                    "'<{inner}>' looks like a placeholder from documentation: replace it, including the angle brackets, with a real value."
                )
            })
        });
        let mut error = ParseError::new(
            "The '<' operator is reserved for future use.",
            "RedirectionNotSupported",
            Span::new(start, start + 1),
        );
        error.hint = hint;
        error
    }

    /// Reads a type name after `[` (`int`, `string[]`, `System.Collections.Generic.List[string]`)
    /// up to, not including, the closing `]` or an attribute's `(`.
    pub fn scan_type_name(&mut self) -> (String, Span) {
        while let Some(c) = self.char_at(self.pos).filter(|c| is_whitespace(*c)) {
            self.pos += c.len_utf8();
        }
        let start = self.pos;
        let mut depth = 0usize;
        while let Some(c) = self.char_at(self.pos) {
            let allowed = match c {
                '[' => {
                    depth += 1;
                    true
                }
                ']' if depth > 0 => {
                    depth -= 1;
                    true
                }
                ',' => depth > 0,
                c if is_whitespace(c) => depth > 0,
                c => c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '`'),
            };
            if !allowed {
                break;
            }
            self.pos += c.len_utf8();
        }
        // A name ending in an unclosed `[` (`[int[`) gives the `[` back for the error.
        if depth > 0 {
            if let Some(i) = self.src[start..self.pos].find('[') {
                self.pos = start + i;
            }
        }
        (
            self.src[start..self.pos].to_string(),
            Span::new(start, self.pos),
        )
    }
}

/// The accumulating pieces of a string: literal text plus variables and subexpressions.
#[derive(Default)]
struct Parts {
    parts: Vec<LexPart>,
    literal: String,
}

impl Parts {
    fn push(&mut self, part: LexPart) {
        if !self.literal.is_empty() {
            self.parts
                .push(LexPart::Literal(std::mem::take(&mut self.literal)));
        }
        self.parts.push(part);
    }

    /// A plain string token when nothing expands, else an expandable one.
    fn into_token(mut self, kind: StringKind) -> TokenKind {
        if self.parts.is_empty() {
            return match kind {
                StringKind::Bare => TokenKind::Word(self.literal),
                _ => TokenKind::Str {
                    value: self.literal,
                    kind,
                },
            };
        }
        if !self.literal.is_empty() {
            self.parts.push(LexPart::Literal(self.literal));
        }
        TokenKind::Expandable {
            parts: self.parts,
            kind,
        }
    }
}

/// After a variable in an argument, these keep it a variable (`$a.b`, `$a[0]`, `$a,$b`);
/// anything else makes the argument an expandable word (`$a-b`).
fn ends_variable_argument(c: char) -> bool {
    ends_bareword(c) || matches!(c, '.' | '[')
}

fn unterminated_string(terminator: &str, span: Span) -> ParseError {
    ParseError::new(
        format!("The string is missing the terminator: {terminator}."),
        "TerminatorExpectedAtEndOfString",
        span,
    )
    .incomplete()
}

pub(crate) fn unexpected_token(src: &str, span: Span) -> ParseError {
    let text = src.get(span.start..span.end).unwrap_or("");
    ParseError::new(
        format!("Unexpected token '{text}' in expression or statement."),
        "UnexpectedToken",
        span,
    )
}

pub(crate) fn too_deeply_nested(span: Span) -> ParseError {
    ParseError::new(
        "The script is nested too deeply to be parsed. Simplify the nesting of brackets, strings and blocks.",
        "ScriptTooComplicated",
        span,
    )
}

/// Scans a PowerShell numeric literal at the start of `text`: decimal or `0x` hex, fraction,
/// exponent, `l`/`d` type suffix and `kb`/`mb`/`gb`/`tb`/`pb` multiplier. Returns the value and
/// the length consumed, or `None` if `text` does not start with a number.
pub fn scan_number(text: &str) -> Option<(Number, usize)> {
    let bytes = text.as_bytes();
    let digits_from = |mut i: usize, hex: bool| {
        while i < bytes.len()
            && (bytes[i].is_ascii_digit() || (hex && bytes[i].is_ascii_hexdigit()))
        {
            i += 1;
        }
        i
    };
    let mut i;
    let mut is_real = false;
    let int_value: Option<i64>;
    if bytes.len() > 2
        && bytes[0] == b'0'
        && (bytes[1] | 0x20) == b'x'
        && bytes[2].is_ascii_hexdigit()
    {
        i = digits_from(2, true);
        let raw = u64::from_str_radix(&text[2..i], 16).ok()?;
        // 0xFFFFFFFF is the int -1; wider values are longs with the same bits.
        int_value = Some(if raw <= u32::MAX as u64 {
            raw as u32 as i32 as i64
        } else {
            raw as i64
        });
    } else {
        i = digits_from(0, false);
        let int_end = i;
        if i < bytes.len() && bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i = digits_from(i + 1, false);
            is_real = true;
        }
        if i == 0 {
            return None;
        }
        if i < bytes.len() && (bytes[i] | 0x20) == b'e' {
            let mut j = i + 1;
            if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
                j += 1;
            }
            if j < bytes.len() && bytes[j].is_ascii_digit() {
                i = digits_from(j, false);
                is_real = true;
            }
        }
        int_value = if is_real {
            None
        } else {
            text[..int_end].parse::<i64>().ok()
        };
    }
    let real_value: f64 = text[..i]
        .parse()
        .unwrap_or_else(|_| int_value.unwrap_or(0) as f64);
    // Type suffix: `l` (long) keeps an integer; `d` (decimal) we hold as a double.
    if i < bytes.len() {
        match bytes[i] | 0x20 {
            b'l' if !is_real => i += 1,
            b'd' => {
                i += 1;
                is_real = true;
            }
            _ => {}
        }
    }
    let mut multiplier: i64 = 1;
    if i + 1 < bytes.len() && (bytes[i + 1] | 0x20) == b'b' {
        let power = match bytes[i] | 0x20 {
            b'k' => Some(1),
            b'm' => Some(2),
            b'g' => Some(3),
            b't' => Some(4),
            b'p' => Some(5),
            _ => None,
        };
        if let Some(power) = power {
            multiplier = 1024i64.pow(power);
            i += 2;
        }
    }
    let number = match int_value {
        Some(v) if !is_real => match v.checked_mul(multiplier) {
            Some(v) => Number::Int(v),
            None => Number::Double(v as f64 * multiplier as f64),
        },
        _ => Number::Double(real_value * multiplier as f64),
    };
    Some((number, i))
}

/// Parses a whole string as a PowerShell number (`"0x1F"`, `"1kb"`, `" 42 "`, `"-5"`), as
/// conversions of strings to numbers do.
pub fn parse_number(text: &str) -> Option<Number> {
    let text = text.trim_matches(|c: char| is_whitespace(c) || is_newline(c));
    let (negative, digits) = match text.chars().next() {
        Some(d) if is_dash(d) => (true, &text[d.len_utf8()..]),
        Some('+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (number, len) = scan_number(digits)?;
    // A conversion takes a bare trailing point (`"1."` is 1.0), as .NET's parsing does; in a
    // script `1.` is 1 followed by a member access, so the scanner stops before the point.
    let number = match (number, &digits[len..]) {
        (number, "") => number,
        (Number::Int(v), ".") if digits[..len].bytes().all(|b| b.is_ascii_digit()) => {
            Number::Double(v as f64)
        }
        _ => return None,
    };
    Some(match (negative, number) {
        (false, n) => n,
        (true, Number::Int(v)) => Number::Int(-v),
        (true, Number::Double(v)) => Number::Double(-v),
    })
}

/// Classifies the tokens of `source` for syntax colouring. Never fails: text the lexer
/// rejects (an unterminated string, a `<`) is classified as best it can be and skipped.
pub fn highlight_tokens(source: &str) -> Vec<(Span, TokenClass)> {
    let mut out = Vec::new();
    highlight_range(source, 0, source.len(), 0, &mut out);
    out.sort_by_key(|(span, _)| span.start);
    out
}

/// Colours `source[start..end]` (the whole text, or the inside of a `$( … )` in a string).
fn highlight_range(
    source: &str,
    start: usize,
    end: usize,
    depth: usize,
    out: &mut Vec<(Span, TokenClass)>,
) {
    let mut lexer = Lexer::with_range(source, start, end);
    lexer.set_depth(depth);
    lexer.comments = Some(Vec::new());
    // Each open bracket remembers the mode to return to; `{`/`(` start a statement.
    let mut stack: Vec<Mode> = Vec::new();
    let mut mode = Mode::Expression;
    let mut statement_start = true;
    loop {
        let before = lexer.pos();
        let result = lexer.next_token(mode);
        if let Some(comments) = &mut lexer.comments {
            out.extend(comments.drain(..).map(|span| (span, TokenClass::Comment)));
        }
        let token = match result {
            Ok(token) => token,
            Err(error) => {
                let class = match source
                    .get(error.span.start..)
                    .and_then(|s| s.chars().next())
                {
                    Some(c) if is_quote(c) || c == '@' => TokenClass::String,
                    Some('<') if error.error_id != "RedirectionNotSupported" => TokenClass::Comment,
                    _ => TokenClass::Default,
                };
                let span = Span::new(
                    error.span.start.max(before),
                    error.span.end.min(source.len()),
                );
                if span.end > span.start {
                    out.push((span, class));
                }
                // Always move forward by at least one character.
                let next_char = source[before..]
                    .chars()
                    .next()
                    .map_or(source.len(), |c| before + c.len_utf8());
                let mut resume = span.end.max(next_char);
                while !source.is_char_boundary(resume) {
                    resume += 1;
                }
                if resume > source.len() || before >= source.len() {
                    break;
                }
                lexer.set_pos(resume);
                continue;
            }
        };
        if token.kind != TokenKind::EndOfInput && lexer.pos() <= before {
            // Every token but the end consumes text; stop rather than spin if one ever did not.
            break;
        }
        let class = match &token.kind {
            TokenKind::EndOfInput => break,
            TokenKind::Newline | TokenKind::Semicolon | TokenKind::Pipe | TokenKind::Ampersand => {
                mode = Mode::Expression;
                statement_start = true;
                matches!(token.kind, TokenKind::Pipe | TokenKind::Ampersand)
                    .then_some(TokenClass::Operator)
            }
            TokenKind::LParen
            | TokenKind::DollarParen
            | TokenKind::AtParen
            | TokenKind::LBrace
            | TokenKind::AtBrace => {
                stack.push(mode);
                mode = Mode::Expression;
                statement_start = !matches!(token.kind, TokenKind::AtBrace);
                None
            }
            TokenKind::RParen | TokenKind::RBrace => {
                mode = stack.pop().unwrap_or(Mode::Expression);
                statement_start = false;
                None
            }
            TokenKind::Word(_) if statement_start && mode == Mode::Expression => {
                let text = &source[token.span.start..token.span.end];
                if is_keyword(text) {
                    Some(TokenClass::Keyword)
                } else if text == "." {
                    Some(TokenClass::Operator)
                } else {
                    mode = Mode::Command;
                    statement_start = false;
                    Some(TokenClass::Command)
                }
            }
            TokenKind::Word(w)
                if mode == Mode::Expression && (w.eq_ignore_ascii_case("in") || is_keyword(w)) =>
            {
                Some(TokenClass::Keyword)
            }
            TokenKind::Word(_) => Some(TokenClass::Default),
            TokenKind::Parameter { .. } | TokenKind::EndOfParameters => Some(TokenClass::Parameter),
            TokenKind::Number(_) => Some(TokenClass::Number),
            TokenKind::Str { .. } => Some(TokenClass::String),
            TokenKind::Expandable { parts, .. } => {
                highlight_string(source, token.span, parts, depth, out);
                None
            }
            TokenKind::Variable(_) | TokenKind::Splat(_) => Some(TokenClass::Variable),
            TokenKind::Assign(_) => {
                mode = Mode::Expression;
                statement_start = true;
                Some(TokenClass::Operator)
            }
            TokenKind::LBracket => {
                let (_, name_span) = lexer.scan_type_name();
                let mut end = name_span.end;
                if lexer.char_at(end) == Some(']') {
                    end += 1;
                    lexer.set_pos(end);
                }
                out.push((Span::new(token.span.start, end), TokenClass::Type));
                statement_start = false;
                highlight_members(&mut lexer, out);
                continue;
            }
            TokenKind::Comma
            | TokenKind::Operator(_)
            | TokenKind::PlusPlus
            | TokenKind::MinusMinus
            | TokenKind::Redirect { .. }
            | TokenKind::RBracket => Some(TokenClass::Operator),
        };
        if let Some(class) = class {
            out.push((token.span, class));
        }
        if matches!(
            token.kind,
            TokenKind::Variable(_) | TokenKind::RParen | TokenKind::RBracket
        ) {
            if mode == Mode::Expression {
                statement_start = false;
            }
            highlight_members(&mut lexer, out);
        } else if mode == Mode::Expression
            && matches!(
                token.kind,
                TokenKind::Number(_) | TokenKind::Str { .. } | TokenKind::Expandable { .. }
            )
        {
            statement_start = false;
        }
    }
}

/// An expandable string: its text as String, `$var` as Variable, and the code inside each
/// `$( … )` coloured like any other code.
fn highlight_string(
    source: &str,
    span: Span,
    parts: &[LexPart],
    depth: usize,
    out: &mut Vec<(Span, TokenClass)>,
) {
    let mut text_start = span.start;
    for part in parts {
        let (part_span, inner) = match part {
            LexPart::Literal(_) => continue,
            LexPart::Variable(var) => (var.span, None),
            LexPart::Subexpression { inner, span } => (*span, Some(*inner)),
        };
        if part_span.start > text_start {
            out.push((Span::new(text_start, part_span.start), TokenClass::String));
        }
        match inner {
            None => out.push((part_span, TokenClass::Variable)),
            Some(inner) if depth < MAX_NESTING => {
                highlight_range(source, inner.start, inner.end, depth + 1, out)
            }
            Some(_) => out.push((part_span, TokenClass::String)),
        }
        text_start = part_span.end;
    }
    if span.end > text_start {
        out.push((Span::new(text_start, span.end), TokenClass::String));
    }
}

/// `.Name`, `::Name` right after a value: colours the member names and moves past them.
fn highlight_members(lexer: &mut Lexer, out: &mut Vec<(Span, TokenClass)>) {
    loop {
        let p = lexer.pos();
        let name_start = match (lexer.char_at(p), lexer.char_after(p)) {
            (Some('.'), Some(c)) if c != '.' => p + 1,
            (Some(':'), Some(':')) => p + 2,
            _ => return,
        };
        let mut end = name_start;
        while let Some(c) = lexer
            .char_at(end)
            .filter(|c| c.is_alphanumeric() || *c == '_')
        {
            end += c.len_utf8();
        }
        if end == name_start {
            return;
        }
        out.push((Span::new(name_start, end), TokenClass::Member));
        lexer.set_pos(end);
    }
}
