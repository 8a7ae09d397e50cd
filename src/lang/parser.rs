//! Parser: tokens to the [`ast`](super::ast), with PowerShell's grammar and error messages.
//!
//! A recursive-descent parser. It asks the [`Lexer`] for one token at a time in the mode the
//! grammar needs at that point (see [`Mode`]): a statement starts in expression mode; a
//! bareword there makes it a command, whose arguments are read in command mode.
//!
//! Member access (`$x.Name`), static access (`[int]::MaxValue`) and indexing (`$a[0]`) are
//! recognised by looking at the raw character right after a value, because PowerShell
//! requires them to touch it: `$x .Name` is not a member access.
//!
//! This file holds the token plumbing, script blocks, statements, pipelines and commands;
//! `parser/expressions.rs` the expression grammar and `parser/params.rs` param blocks and
//! attributes.
//!
//! Errors stop the parse (PowerShell reports several, but the first is the one admins act on)
//! and are marked `incomplete` when the input simply ended too early, so the REPL can ask for
//! another line.

use std::rc::Rc;

use super::ast::*;
use super::lexer::{too_deeply_nested, unexpected_token, Lexer, MAX_NESTING};
use super::token::{
    is_variable_char, is_whitespace, precedence, Mode, Operator, Token, TokenKind, WordOperator,
};
use super::ParseError;

mod expressions;
mod params;

/// How deeply statements and expressions may nest before we refuse (bounds the recursion on
/// hostile input; real scripts stay far below it).
const MAX_DEPTH: usize = MAX_NESTING;

pub fn parse_script(source: &str) -> Result<ScriptBlock, ParseError> {
    let mut parser = Parser::new(source, 0, source.len(), 0);
    let body = parser.parse_block_body(Closer::EndOfInput)?;
    Ok(body.into_script_block(Span::new(0, source.len()), source))
}

/// What ends the statement list being parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Closer {
    EndOfInput,
    /// `}` matching the `{` at this span.
    Brace(Span),
    /// `)` matching the `$(` or `@(` at this span.
    Paren(Span),
}

/// The token after the current position, read in a given mode, and where it ends.
struct Peeked {
    at: usize,
    mode: Mode,
    token: Token,
    after: usize,
}

struct Parser<'s> {
    src: &'s str,
    lexer: Lexer<'s>,
    peeked: Option<Peeked>,
    /// End of the last consumed token: where "missing …" errors point.
    prev_end: usize,
    depth: usize,
}

/// A saved position to backtrack to after looking ahead.
#[derive(Clone, Copy)]
struct Mark {
    pos: usize,
    prev_end: usize,
}

/// The parts of a script block body before they become a [`ScriptBlock`].
struct BlockBody {
    attributes: Vec<Attribute>,
    param_block: Option<ParamBlock>,
    begin: Option<Vec<Statement>>,
    process: Option<Vec<Statement>>,
    end: Vec<Statement>,
}

impl BlockBody {
    fn into_script_block(self, span: Span, text: &str) -> ScriptBlock {
        ScriptBlock {
            attributes: self.attributes,
            param_block: self.param_block,
            begin: self.begin,
            process: self.process,
            end: self.end,
            span,
            text: Rc::from(text),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keyword {
    If,
    ElseIf,
    Else,
    Foreach,
    For,
    While,
    Do,
    Until,
    Switch,
    Function,
    Filter,
    Try,
    Catch,
    Finally,
    Trap,
    Return,
    Exit,
    Throw,
    Break,
    Continue,
}

fn keyword_of(word: &str) -> Option<Keyword> {
    use Keyword::*;
    Some(match word.to_ascii_lowercase().as_str() {
        "if" => If,
        "elseif" => ElseIf,
        "else" => Else,
        "foreach" => Foreach,
        "for" => For,
        "while" => While,
        "do" => Do,
        "until" => Until,
        "switch" => Switch,
        "function" => Function,
        "filter" => Filter,
        "try" => Try,
        "catch" => Catch,
        "finally" => Finally,
        "trap" => Trap,
        "return" => Return,
        "exit" => Exit,
        "throw" => Throw,
        "break" => Break,
        "continue" => Continue,
        _ => return None,
    })
}

/// Tokens that can begin an operand in an expression.
fn starts_operand(kind: &TokenKind) -> bool {
    use TokenKind as T;
    match kind {
        T::Number(_)
        | T::Str { .. }
        | T::Expandable { .. }
        | T::Variable(_)
        | T::LParen
        | T::DollarParen
        | T::AtParen
        | T::AtBrace
        | T::LBrace
        | T::LBracket
        | T::Comma
        | T::PlusPlus
        | T::MinusMinus => true,
        T::Operator(op) => unary_op(*op).is_some(),
        _ => false,
    }
}

/// Tokens that can be a command argument.
fn starts_argument(kind: &TokenKind) -> bool {
    use TokenKind as T;
    matches!(
        kind,
        T::Word(_)
            | T::Number(_)
            | T::Str { .. }
            | T::Expandable { .. }
            | T::Variable(_)
            | T::Splat(_)
            | T::LParen
            | T::DollarParen
            | T::AtParen
            | T::AtBrace
            | T::LBrace
    )
}

fn unary_op(op: Operator) -> Option<UnaryOp> {
    match op {
        Operator::Exclaim | Operator::Word(WordOperator::Not) => Some(UnaryOp::Not),
        Operator::Minus => Some(UnaryOp::Negate),
        Operator::Plus => Some(UnaryOp::Plus),
        Operator::Word(WordOperator::BitNot) => Some(UnaryOp::BitNot),
        Operator::Word(WordOperator::Binary(BinaryOp::Compare(CompareOp::Split, _))) => {
            Some(UnaryOp::Split)
        }
        Operator::Word(WordOperator::Binary(BinaryOp::Compare(CompareOp::Join, _))) => {
            Some(UnaryOp::Join)
        }
        _ => None,
    }
}

fn binary_op(kind: &TokenKind) -> Option<BinaryOp> {
    match kind {
        TokenKind::Operator(op) => match op {
            Operator::Plus => Some(BinaryOp::Add),
            Operator::Minus => Some(BinaryOp::Subtract),
            Operator::Multiply => Some(BinaryOp::Multiply),
            Operator::Divide => Some(BinaryOp::Divide),
            Operator::Remainder => Some(BinaryOp::Remainder),
            Operator::Range => Some(BinaryOp::Range),
            Operator::Word(WordOperator::Binary(op)) => Some(*op),
            Operator::Exclaim | Operator::Word(_) => None,
        },
        _ => None,
    }
}

/// Tokens that end a command's element list.
fn ends_command(kind: &TokenKind) -> bool {
    use TokenKind as T;
    matches!(
        kind,
        T::Newline | T::Semicolon | T::EndOfInput | T::Pipe | T::RParen | T::RBrace
    )
}

/// Tokens that read the same in both modes, so a peeked one can be reused across modes.
fn mode_independent(kind: &TokenKind) -> bool {
    use TokenKind as T;
    matches!(
        kind,
        T::EndOfInput
            | T::Newline
            | T::Semicolon
            | T::Pipe
            | T::Comma
            | T::LParen
            | T::RParen
            | T::LBrace
            | T::RBrace
            | T::DollarParen
            | T::AtParen
            | T::AtBrace
            | T::Ampersand
    )
}

impl<'s> Parser<'s> {
    fn new(src: &'s str, start: usize, end: usize, depth: usize) -> Self {
        let mut lexer = Lexer::with_range(src, start, end);
        lexer.set_depth(depth);
        Parser {
            src,
            lexer,
            peeked: None,
            prev_end: start,
            depth,
        }
    }

    // ----- token plumbing -----

    fn peek(&mut self, mode: Mode) -> Result<&Token, ParseError> {
        let at = self.lexer.pos();
        let reusable = self
            .peeked
            .as_ref()
            .is_some_and(|p| p.at == at && (p.mode == mode || mode_independent(&p.token.kind)));
        if !reusable {
            let token = self.lexer.next_token(mode)?;
            let after = self.lexer.pos();
            self.lexer.set_pos(at);
            self.peeked = Some(Peeked {
                at,
                mode,
                token,
                after,
            });
        }
        self.peeked
            .as_ref()
            .map(|p| &p.token)
            .ok_or_else(|| internal_error(at))
    }

    /// Consumes the token last peeked.
    fn advance(&mut self) -> Result<Token, ParseError> {
        let peeked = self
            .peeked
            .take()
            .ok_or_else(|| internal_error(self.lexer.pos()))?;
        self.lexer.set_pos(peeked.after);
        self.prev_end = peeked.token.span.end;
        Ok(peeked.token)
    }

    fn next(&mut self, mode: Mode) -> Result<Token, ParseError> {
        self.peek(mode)?;
        self.advance()
    }

    /// Consumes the next token if `test` accepts it.
    fn eat(
        &mut self,
        mode: Mode,
        test: impl Fn(&TokenKind) -> bool,
    ) -> Result<Option<Token>, ParseError> {
        if test(&self.peek(mode)?.kind) {
            self.advance().map(Some)
        } else {
            Ok(None)
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            pos: self.lexer.pos(),
            prev_end: self.prev_end,
        }
    }

    fn reset(&mut self, mark: Mark) {
        self.lexer.set_pos(mark.pos);
        self.prev_end = mark.prev_end;
    }

    /// Moves the raw position (for member access and type names, read character by character).
    fn seek(&mut self, pos: usize) {
        self.lexer.set_pos(pos);
        self.prev_end = pos;
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.lexer.char_at(pos)
    }

    fn skip_newlines(&mut self, mode: Mode) -> Result<(), ParseError> {
        while self.peek(mode)?.kind == TokenKind::Newline {
            self.advance()?;
        }
        Ok(())
    }

    fn skip_separators(&mut self) -> Result<(), ParseError> {
        while matches!(
            self.peek(Mode::Expression)?.kind,
            TokenKind::Newline | TokenKind::Semicolon
        ) {
            self.advance()?;
        }
        Ok(())
    }

    /// The keyword at the current position, if the next token is one (written plainly).
    fn keyword_at(&mut self) -> Result<Option<Keyword>, ParseError> {
        let src = self.src;
        let token = self.peek(Mode::Expression)?;
        Ok(match &token.kind {
            TokenKind::Word(word) if *word == src[token.span.start..token.span.end] => {
                keyword_of(word)
            }
            _ => None,
        })
    }

    /// Whether the next token is the plain word `word` (case-insensitive).
    fn at_word(&mut self, mode: Mode, word: &str) -> Result<bool, ParseError> {
        Ok(matches!(&self.peek(mode)?.kind, TokenKind::Word(w) if w.eq_ignore_ascii_case(word)))
    }

    /// True when nothing but whitespace, newlines and comments is left, or what is left is
    /// itself unfinished: more lines could complete the input.
    fn at_end_of_input(&self) -> bool {
        let mut probe = Lexer::with_range(self.src, self.lexer.pos(), self.lexer.end());
        loop {
            match probe.next_token(Mode::Command) {
                Ok(token) if token.kind == TokenKind::Newline => continue,
                Ok(token) => return token.kind == TokenKind::EndOfInput,
                Err(error) => return error.incomplete,
            }
        }
    }

    /// An error about something missing at the current position; incomplete if the input ended.
    fn missing(&self, message: impl Into<String>, id: &str, span: Span) -> ParseError {
        let error = ParseError::new(message, id, span);
        if self.at_end_of_input() {
            error.incomplete()
        } else {
            error
        }
    }

    /// A zero-width span right after the last consumed token.
    fn here(&self) -> Span {
        Span::new(self.prev_end, self.prev_end)
    }

    fn text(&self, span: Span) -> &'s str {
        &self.src[span.start..span.end]
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.prev_end.max(start))
    }

    fn nested<T>(
        &mut self,
        span: Span,
        f: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(too_deeply_nested(span));
        }
        self.depth += 1;
        self.lexer.set_depth(self.depth);
        let result = f(self);
        self.depth -= 1;
        self.lexer.set_depth(self.depth);
        result
    }

    // ----- script blocks -----

    /// A script or `{ … }` body: `[CmdletBinding()]`, `param(…)`, then either named
    /// `begin`/`process`/`end` blocks or plain statements. Stops before the closing `}`.
    fn parse_block_body(&mut self, closer: Closer) -> Result<BlockBody, ParseError> {
        self.skip_separators()?;
        let (attributes, param_block) = match self.try_param_block()? {
            Some((attributes, param_block)) => (attributes, Some(param_block)),
            None => (Vec::new(), None),
        };
        self.skip_separators()?;
        let mut body = BlockBody {
            attributes,
            param_block,
            begin: None,
            process: None,
            end: Vec::new(),
        };
        if self.at_named_block()? {
            self.parse_named_blocks(closer, &mut body)?;
        } else {
            body.end = self.parse_statement_list(closer)?;
        }
        Ok(body)
    }

    /// `[Attribute()]… param(…)` at the start of a body; backtracks and returns `None` when the
    /// brackets turn out to be a cast or type literal of the first statement.
    fn try_param_block(&mut self) -> Result<Option<(Vec<Attribute>, ParamBlock)>, ParseError> {
        let mark = self.mark();
        let mut attributes = Vec::new();
        while self.peek(Mode::Expression)?.kind == TokenKind::LBracket {
            match self.parse_attribute_or_type() {
                Ok(AttributeOrType::Attribute(attribute)) => attributes.push(attribute),
                Ok(AttributeOrType::Type(type_name)) => attributes.push(Attribute {
                    name: type_name.name.clone(),
                    positional: Vec::new(),
                    named: Vec::new(),
                    span: type_name.span,
                }),
                Err(_) => {
                    self.reset(mark);
                    return Ok(None);
                }
            }
            self.skip_newlines(Mode::Expression)?;
        }
        if !self.at_word(Mode::Expression, "param")? {
            self.reset(mark);
            return Ok(None);
        }
        let keyword = self.advance()?;
        self.skip_newlines(Mode::Expression)?;
        let Some(open) = self.eat(Mode::Expression, |k| *k == TokenKind::LParen)? else {
            self.reset(mark);
            return Ok(None);
        };
        let mut param_block = self.parse_parameter_list(open.span)?;
        param_block.span = self.span_from(keyword.span.start);
        Ok(Some((attributes, param_block)))
    }

    /// Whether the body starts with `begin {`, `process {`, `end {` or `dynamicparam {`.
    fn at_named_block(&mut self) -> Result<bool, ParseError> {
        let is_block_name = matches!(&self.peek(Mode::Expression)?.kind,
            TokenKind::Word(w) if ["begin", "process", "end", "dynamicparam"].iter().any(|n| w.eq_ignore_ascii_case(n)));
        if !is_block_name {
            return Ok(false);
        }
        let mark = self.mark();
        self.advance()?;
        self.skip_newlines(Mode::Expression)?;
        let brace = self.peek(Mode::Expression)?.kind == TokenKind::LBrace;
        self.reset(mark);
        Ok(brace)
    }

    fn parse_named_blocks(
        &mut self,
        closer: Closer,
        body: &mut BlockBody,
    ) -> Result<(), ParseError> {
        let src = self.src;
        let mut seen_end = false;
        loop {
            self.skip_separators()?;
            let token = self.peek(Mode::Expression)?;
            match (&token.kind, closer) {
                (TokenKind::EndOfInput, Closer::EndOfInput)
                | (TokenKind::RBrace, Closer::Brace(_)) => return Ok(()),
                (TokenKind::EndOfInput, Closer::Brace(open)) => {
                    return Err(missing_end_curly(open))
                }
                _ => {}
            }
            let name = match &token.kind {
                TokenKind::Word(w) => w.to_ascii_lowercase(),
                _ => String::new(),
            };
            if !["begin", "process", "end", "dynamicparam"].contains(&name.as_str()) {
                let text = &src[token.span.start..token.span.end];
                return Err(ParseError::new(
                    format!("unexpected token '{text}', expected 'begin', 'process', 'end', or 'dynamicparam'."),
                    "MissingNamedBlocks",
                    token.span,
                ));
            }
            let keyword = self.advance()?;
            if name == "dynamicparam" {
                return Err(ParseError::new(
                    "The 'dynamicparam' keyword is not supported in this version of the language.",
                    "ReservedKeywordNotAllowed",
                    keyword.span,
                ));
            }
            self.skip_newlines(Mode::Expression)?;
            let open = self.expect_brace(
                &format!("Missing statement block after '{name}'."),
                "MissingNamedStatementBlock",
            )?;
            let statements = self.parse_statement_block(open)?;
            let slot_taken = match name.as_str() {
                "begin" => body.begin.replace(statements).is_some(),
                "process" => body.process.replace(statements).is_some(),
                _ => {
                    body.end = statements;
                    std::mem::replace(&mut seen_end, true)
                }
            };
            if slot_taken {
                return Err(ParseError::new(
                    format!("Script command clause '{name}' has already been defined."),
                    "DuplicateScriptCommandClause",
                    keyword.span,
                ));
            }
        }
    }

    /// Expects `{` (after optional newlines were skipped by the caller).
    fn expect_brace(&mut self, message: &str, id: &str) -> Result<Span, ParseError> {
        self.expect(TokenKind::LBrace, message, id)
    }

    /// Expects the punctuation `kind` next; `message` and `id` say what is missing otherwise.
    fn expect(
        &mut self,
        kind: TokenKind,
        message: impl Into<String>,
        id: &str,
    ) -> Result<Span, ParseError> {
        match self.eat(Mode::Expression, |k| *k == kind)? {
            Some(token) => Ok(token.span),
            None => Err(self.missing(message, id, self.here())),
        }
    }

    /// The pipeline between a statement's parentheses (`if (…)`, `switch (…)`, …), which may
    /// not be empty; `message` and `id` are the error when it is.
    fn required_pipeline(
        &mut self,
        message: impl Into<String>,
        id: &str,
    ) -> Result<Pipeline, ParseError> {
        if matches!(
            self.peek(Mode::Expression)?.kind,
            TokenKind::RParen | TokenKind::EndOfInput
        ) {
            return Err(self.missing(message, id, self.here()));
        }
        self.parse_pipeline_like()
    }

    /// The statements of a `{ … }` whose `{` (at `open`) was just consumed, and its `}`.
    fn parse_statement_block(&mut self, open: Span) -> Result<Vec<Statement>, ParseError> {
        let statements = self.nested(open, |p| p.parse_statement_list(Closer::Brace(open)))?;
        self.next(Mode::Expression)?;
        Ok(statements)
    }

    /// A script block literal `{ … }` whose `{` was just consumed.
    fn parse_script_block_literal(&mut self, open: Span) -> Result<Expr, ParseError> {
        let body = self.nested(open, |p| p.parse_block_body(Closer::Brace(open)))?;
        let close = self.next(Mode::Expression)?;
        let text = &self.src[open.end..close.span.start];
        Ok(Expr::ScriptBlock(Rc::new(
            body.into_script_block(open.to(close.span), text),
        )))
    }

    // ----- statements -----

    fn parse_statement_list(&mut self, closer: Closer) -> Result<Vec<Statement>, ParseError> {
        let src = self.src;
        let mut statements = Vec::new();
        loop {
            let token = self.peek(Mode::Expression)?;
            match (&token.kind, closer) {
                (TokenKind::Newline | TokenKind::Semicolon, _) => {
                    self.advance()?;
                    continue;
                }
                (TokenKind::EndOfInput, Closer::EndOfInput)
                | (TokenKind::RBrace, Closer::Brace(_))
                | (TokenKind::RParen, Closer::Paren(_)) => return Ok(statements),
                (TokenKind::EndOfInput, Closer::Brace(open)) => {
                    return Err(missing_end_curly(open))
                }
                (TokenKind::EndOfInput, Closer::Paren(open)) => {
                    return Err(ParseError::new(
                        "Missing closing ')' in subexpression.",
                        "MissingEndParenthesisInSubexpression",
                        open,
                    )
                    .incomplete());
                }
                _ => {}
            }
            statements.push(self.parse_statement()?);
            let token = self.peek(Mode::Expression)?;
            match (&token.kind, closer) {
                (TokenKind::Newline | TokenKind::Semicolon | TokenKind::EndOfInput, _)
                | (TokenKind::RBrace, Closer::Brace(_))
                | (TokenKind::RParen, Closer::Paren(_)) => {}
                _ => return Err(unexpected_token(src, token.span)),
            }
        }
    }

    fn parse_statement(&mut self) -> Result<Statement, ParseError> {
        let span = self.peek(Mode::Expression)?.span;
        self.nested(span, |p| p.parse_statement_inner())
    }

    fn parse_statement_inner(&mut self) -> Result<Statement, ParseError> {
        let token = self.peek(Mode::Expression)?;
        let start = token.span.start;
        // `:outer foreach (…)`: a loop label.
        if let TokenKind::Word(word) = &token.kind {
            if word.len() > 1 && word.starts_with(':') && word[1..].chars().all(is_variable_char) {
                let label = word[1..].to_string();
                let mark = self.mark();
                self.advance()?;
                match self.keyword_at()? {
                    Some(
                        keyword @ (Keyword::Foreach
                        | Keyword::For
                        | Keyword::While
                        | Keyword::Do
                        | Keyword::Switch),
                    ) => {
                        return self.parse_loop(keyword, Some(label), start);
                    }
                    _ => self.reset(mark),
                }
            }
        }
        let Some(keyword) = self.keyword_at()? else {
            return self.parse_pipeline_statement();
        };
        match keyword {
            Keyword::If => self.parse_if(start),
            Keyword::Foreach | Keyword::For | Keyword::While | Keyword::Do | Keyword::Switch => {
                self.parse_loop(keyword, None, start)
            }
            Keyword::Function | Keyword::Filter => {
                self.parse_function(keyword == Keyword::Filter, start)
            }
            Keyword::Try => self.parse_try(start),
            Keyword::Trap => self.parse_trap(start),
            Keyword::Return
            | Keyword::Exit
            | Keyword::Throw
            | Keyword::Break
            | Keyword::Continue => self.parse_flow(keyword, start),
            Keyword::ElseIf
            | Keyword::Else
            | Keyword::Until
            | Keyword::Catch
            | Keyword::Finally => {
                let span = self.peek(Mode::Expression)?.span;
                Err(unexpected_token(self.src, span))
            }
        }
    }

    fn parse_if(&mut self, start: usize) -> Result<Statement, ParseError> {
        let mut keyword = "if";
        let mut clauses = Vec::new();
        let mut else_body = None;
        self.advance()?;
        loop {
            self.skip_newlines(Mode::Expression)?;
            self.expect(
                TokenKind::LParen,
                format!("Missing '(' after '{keyword}' in if statement."),
                "MissingOpenParenthesisInIfStatement",
            )?;
            self.skip_newlines(Mode::Expression)?;
            let condition = self.required_pipeline(
                format!("Missing condition in if statement after '{keyword} ('."),
                "IfStatementMissingCondition",
            )?;
            self.expect_close_paren(keyword)?;
            self.skip_newlines(Mode::Expression)?;
            let open = self.expect_brace(
                &format!("Missing statement block after {keyword} ( condition )."),
                "MissingStatementBlock",
            )?;
            clauses.push((condition, self.parse_statement_block(open)?));
            // `elseif` / `else` may follow on a later line.
            let mark = self.mark();
            self.skip_newlines(Mode::Expression)?;
            match self.keyword_at()? {
                Some(Keyword::ElseIf) => {
                    self.advance()?;
                    keyword = "elseif";
                }
                Some(Keyword::Else) => {
                    self.advance()?;
                    self.skip_newlines(Mode::Expression)?;
                    let open = self.expect_brace(
                        "Missing statement block after 'else' keyword.",
                        "MissingStatementBlockAfterElse",
                    )?;
                    else_body = Some(self.parse_statement_block(open)?);
                    break;
                }
                _ => {
                    self.reset(mark);
                    break;
                }
            }
        }
        Ok(Statement::If {
            clauses,
            else_body,
            span: self.span_from(start),
        })
    }

    /// `)` closing the condition of `if`/`while`/… (newlines before it are fine).
    fn expect_close_paren(&mut self, keyword: &str) -> Result<(), ParseError> {
        self.skip_newlines(Mode::Expression)?;
        self.expect(
            TokenKind::RParen,
            format!("Missing closing ')' after expression in '{keyword}' statement."),
            "MissingEndParenthesisAfterStatement",
        )?;
        Ok(())
    }

    /// `(` after a loop keyword.
    fn expect_open_paren_after(&mut self, keyword: &str) -> Result<(), ParseError> {
        self.skip_newlines(Mode::Expression)?;
        self.expect(
            TokenKind::LParen,
            format!("Missing opening '(' after keyword '{keyword}'."),
            "MissingOpenParenthesisAfterKeyword",
        )?;
        self.skip_newlines(Mode::Expression)
    }

    fn loop_body(&mut self, keyword: &str) -> Result<Vec<Statement>, ParseError> {
        self.skip_newlines(Mode::Expression)?;
        let open = self.expect_brace(
            &format!("Missing statement body in {keyword} loop."),
            "MissingLoopStatement",
        )?;
        self.parse_statement_block(open)
    }

    fn parse_loop(
        &mut self,
        keyword: Keyword,
        label: Option<String>,
        start: usize,
    ) -> Result<Statement, ParseError> {
        match keyword {
            Keyword::Foreach => self.parse_foreach(label, start),
            Keyword::For => self.parse_for(label, start),
            Keyword::While => {
                self.advance()?;
                self.expect_open_paren_after("while")?;
                let condition = self.required_pipeline(
                    "Missing expression after 'while' in loop.",
                    "MissingExpressionAfterKeyword",
                )?;
                self.expect_close_paren("while")?;
                let body = self.loop_body("while")?;
                Ok(Statement::While {
                    condition,
                    body,
                    label,
                    span: self.span_from(start),
                })
            }
            Keyword::Do => self.parse_do(label, start),
            _ => self.parse_switch(label, start),
        }
    }

    fn parse_foreach(
        &mut self,
        label: Option<String>,
        start: usize,
    ) -> Result<Statement, ParseError> {
        self.advance()?;
        self.expect_open_paren_after("foreach")?;
        let variable = match self.eat(Mode::Expression, |k| matches!(k, TokenKind::Variable(_)))? {
            Some(Token {
                kind: TokenKind::Variable(var),
                ..
            }) => var.name,
            _ => {
                return Err(self.missing(
                    "Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {...}",
                    "MissingVariableNameAfterForeach",
                    self.here(),
                ));
            }
        };
        self.skip_newlines(Mode::Expression)?;
        if !self.at_word(Mode::Expression, "in")? {
            return Err(self.missing(
                "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
                "MissingInInForeach",
                self.here(),
            ));
        }
        self.advance()?;
        self.skip_newlines(Mode::Expression)?;
        let collection = self.required_pipeline(
            "Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
            "MissingForeachExpression",
        )?;
        self.skip_newlines(Mode::Expression)?;
        self.expect(
            TokenKind::RParen,
            "Missing closing ')' after expression part of foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
            "MissingEndParenthesisAfterForeach",
        )?;
        self.skip_newlines(Mode::Expression)?;
        let open = self.expect_brace(
            "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
            "MissingForeachStatement",
        )?;
        let body = self.parse_statement_block(open)?;
        Ok(Statement::Foreach {
            variable,
            collection,
            body,
            label,
            span: self.span_from(start),
        })
    }

    /// `for (init; condition; step) { }`; each part may be empty, newlines may separate them.
    fn parse_for(&mut self, label: Option<String>, start: usize) -> Result<Statement, ParseError> {
        self.advance()?;
        self.expect_open_paren_after("for")?;
        let part_ends = |k: &TokenKind| {
            matches!(
                k,
                TokenKind::Semicolon | TokenKind::RParen | TokenKind::EndOfInput
            )
        };
        let init = if part_ends(&self.peek(Mode::Expression)?.kind) {
            None
        } else {
            Some(Box::new(self.parse_statement()?))
        };
        self.skip_newlines(Mode::Expression)?;
        self.eat(Mode::Expression, |k| *k == TokenKind::Semicolon)?;
        self.skip_newlines(Mode::Expression)?;
        let condition = if part_ends(&self.peek(Mode::Expression)?.kind) {
            None
        } else {
            Some(self.parse_pipeline_like()?)
        };
        self.skip_newlines(Mode::Expression)?;
        self.eat(Mode::Expression, |k| *k == TokenKind::Semicolon)?;
        self.skip_newlines(Mode::Expression)?;
        let step = if part_ends(&self.peek(Mode::Expression)?.kind) {
            None
        } else {
            Some(Box::new(self.parse_statement()?))
        };
        self.expect_close_paren("for")?;
        let body = self.loop_body("for")?;
        Ok(Statement::For {
            init,
            condition,
            step,
            body,
            label,
            span: self.span_from(start),
        })
    }

    fn parse_do(&mut self, label: Option<String>, start: usize) -> Result<Statement, ParseError> {
        self.advance()?;
        let body = self.loop_body("do")?;
        self.skip_newlines(Mode::Expression)?;
        let until = match self.keyword_at()? {
            Some(Keyword::While) => false,
            Some(Keyword::Until) => true,
            _ => {
                return Err(self.missing(
                    "Missing while or until keyword in do loop.",
                    "MissingWhileOrUntilInDoWhile",
                    self.here(),
                ));
            }
        };
        let keyword = if until { "until" } else { "while" };
        self.advance()?;
        self.expect_open_paren_after(keyword)?;
        let condition = self.required_pipeline(
            format!("Missing expression after '{keyword}' in loop."),
            "MissingExpressionAfterKeyword",
        )?;
        self.expect_close_paren(keyword)?;
        Ok(Statement::DoLoop {
            body,
            condition,
            until,
            label,
            span: self.span_from(start),
        })
    }

    /// `switch -Wildcard (subject) { pattern { … } default { … } }`.
    fn parse_switch(
        &mut self,
        label: Option<String>,
        start: usize,
    ) -> Result<Statement, ParseError> {
        const FLAGS: [&str; 4] = ["Regex", "Wildcard", "Exact", "CaseSensitive"];
        let src = self.src;
        self.advance()?;
        let mut flags = Vec::new();
        loop {
            self.skip_newlines(Mode::Command)?;
            let token = self.peek(Mode::Command)?;
            let TokenKind::Parameter { name, .. } = &token.kind else {
                break;
            };
            // Flags may be abbreviated like parameters (`-w`); we record the full name.
            let matching: Vec<&str> = FLAGS
                .iter()
                .copied()
                .filter(|f| f.len() >= name.len() && f[..name.len()].eq_ignore_ascii_case(name))
                .collect();
            match matching.as_slice() {
                [flag] => flags.push(flag.to_string()),
                _ => {
                    let text = &src[token.span.start..token.span.end];
                    return Err(ParseError::new(
                        format!("The parameter {text} is not valid for the switch statement."),
                        "InvalidSwitchFlag",
                        token.span,
                    ));
                }
            }
            self.advance()?;
        }
        self.expect(
            TokenKind::LParen,
            "A switch statement must have one of the following:  '-file file_name' or '( expression )'.",
            "PipelineValueRequired",
        )?;
        self.skip_newlines(Mode::Expression)?;
        let subject = self.required_pipeline(
            "Missing expression after '(' in switch statement.",
            "MissingSwitchValueExpression",
        )?;
        self.skip_newlines(Mode::Expression)?;
        self.expect(
            TokenKind::RParen,
            "Missing ')' after expression in switch statement.",
            "MissingEndParenthesisInSwitchStatement",
        )?;
        self.skip_newlines(Mode::Expression)?;
        let open = self.expect_brace(
            "Missing '{' in switch statement.",
            "MissingCurlyBraceInSwitchStatement",
        )?;
        let mut clauses = Vec::new();
        let mut default = None;
        loop {
            self.skip_separators()?;
            let token = self.peek(Mode::Command)?;
            match &token.kind {
                TokenKind::RBrace => {
                    self.advance()?;
                    break;
                }
                TokenKind::EndOfInput => return Err(missing_end_curly(open)),
                _ => {}
            }
            let is_default =
                matches!(&token.kind, TokenKind::Word(w) if w.eq_ignore_ascii_case("default"));
            let token_span = token.span;
            let pattern = if is_default {
                self.advance()?;
                None
            } else if starts_argument(&token.kind) {
                Some(self.parse_command_primary()?)
            } else {
                return Err(ParseError::new(
                    "Missing condition in switch statement clause.",
                    "MissingSwitchConditionExpression",
                    token_span,
                ));
            };
            self.skip_newlines(Mode::Expression)?;
            let body_open = self.expect_brace(
                "Missing statement block in switch statement clause.",
                "MissingSwitchStatementClause",
            )?;
            let body = self.parse_statement_block(body_open)?;
            match pattern {
                Some(pattern) => clauses.push((pattern, body)),
                None if default.is_some() => {
                    return Err(ParseError::new(
                        "A switch statement can have only one default clause.",
                        "MultipleSwitchDefaultClauses",
                        token_span,
                    ));
                }
                None => default = Some(body),
            }
        }
        Ok(Statement::Switch {
            subject,
            flags,
            clauses,
            default,
            label,
            span: self.span_from(start),
        })
    }

    /// `function Name { … }`, `function Name($a, $b) { … }`; a `filter`'s body is its
    /// `process` block.
    fn parse_function(&mut self, is_filter: bool, start: usize) -> Result<Statement, ParseError> {
        let keyword = self.advance()?;
        let keyword_text = self.text(keyword.span).to_ascii_lowercase();
        let name = match self.eat(Mode::Command, |k| matches!(k, TokenKind::Word(_)))? {
            Some(Token {
                kind: TokenKind::Word(name),
                ..
            }) => name,
            _ => {
                return Err(self.missing(
                    format!("Missing name after {keyword_text} keyword."),
                    "MissingNameAfterKeyword",
                    self.here(),
                ));
            }
        };
        self.skip_newlines(Mode::Expression)?;
        let params = match self.eat(Mode::Expression, |k| *k == TokenKind::LParen)? {
            Some(open) => Some(self.parse_parameter_list(open.span)?),
            None => None,
        };
        self.skip_newlines(Mode::Expression)?;
        let open = self.expect_brace(
            "Missing function body in function declaration.",
            "MissingFunctionBody",
        )?;
        let mut body = self.nested(open, |p| p.parse_block_body(Closer::Brace(open)))?;
        let close = self.next(Mode::Expression)?;
        if params.is_some() && body.param_block.is_some() {
            return Err(ParseError::new(
                "The param statement cannot be used if arguments were specified in the function declaration.",
                "OnlyOneParameterListAllowed",
                body.param_block.as_ref().map_or(open, |p| p.span),
            ));
        }
        if is_filter && body.begin.is_none() && body.process.is_none() {
            body.process = Some(std::mem::take(&mut body.end));
        }
        let text = &self.src[open.end..close.span.start];
        let body = Rc::new(body.into_script_block(open.to(close.span), text));
        Ok(Statement::Function {
            name,
            params,
            body,
            span: self.span_from(start),
        })
    }

    fn parse_try(&mut self, start: usize) -> Result<Statement, ParseError> {
        self.advance()?;
        self.skip_newlines(Mode::Expression)?;
        let open = self.expect_brace(
            "The Try statement is missing its statement block.",
            "MissingTryStatementBlock",
        )?;
        let body = self.parse_statement_block(open)?;
        let mut catches = Vec::new();
        let mut finally = None;
        loop {
            let mark = self.mark();
            self.skip_newlines(Mode::Expression)?;
            match self.keyword_at()? {
                Some(Keyword::Catch) => {
                    let catch_start = self.advance()?.span.start;
                    let mut types = Vec::new();
                    loop {
                        self.skip_newlines(Mode::Expression)?;
                        let Some(bracket) =
                            self.eat(Mode::Expression, |k| *k == TokenKind::LBracket)?
                        else {
                            break;
                        };
                        types.push(self.parse_type_rest(bracket.span)?);
                        self.skip_newlines(Mode::Expression)?;
                        if self
                            .eat(Mode::Expression, |k| *k == TokenKind::Comma)?
                            .is_none()
                        {
                            break;
                        }
                    }
                    self.skip_newlines(Mode::Expression)?;
                    let open = self.expect_brace(
                        "The Catch block is missing its statement block.",
                        "MissingCatchHandlerBlock",
                    )?;
                    let body = self.parse_statement_block(open)?;
                    catches.push(CatchClause {
                        types,
                        body,
                        span: self.span_from(catch_start),
                    });
                }
                Some(Keyword::Finally) => {
                    self.advance()?;
                    self.skip_newlines(Mode::Expression)?;
                    let open = self.expect_brace(
                        "The Finally block is missing its statement block.",
                        "MissingFinallyStatementBlock",
                    )?;
                    finally = Some(self.parse_statement_block(open)?);
                    break;
                }
                _ => {
                    self.reset(mark);
                    break;
                }
            }
        }
        if catches.is_empty() && finally.is_none() {
            return Err(self.missing(
                "The Try statement is missing its Catch or Finally block.",
                "MissingCatchOrFinally",
                self.here(),
            ));
        }
        Ok(Statement::Try {
            body,
            catches,
            finally,
            span: self.span_from(start),
        })
    }

    fn parse_trap(&mut self, start: usize) -> Result<Statement, ParseError> {
        self.advance()?;
        self.skip_newlines(Mode::Expression)?;
        let type_name = match self.eat(Mode::Expression, |k| *k == TokenKind::LBracket)? {
            Some(bracket) => Some(self.parse_type_rest(bracket.span)?),
            None => None,
        };
        self.skip_newlines(Mode::Expression)?;
        let open = self.expect_brace(
            "The 'trap' statement was incomplete. A trap statement requires a body.",
            "MissingTrapStatement",
        )?;
        let body = self.parse_statement_block(open)?;
        Ok(Statement::Trap {
            type_name,
            body,
            span: self.span_from(start),
        })
    }

    /// `return`, `exit`, `throw` with an optional pipeline; `break`/`continue` with an
    /// optional label (kept as a one-string pipeline).
    fn parse_flow(&mut self, keyword: Keyword, start: usize) -> Result<Statement, ParseError> {
        let kind = match keyword {
            Keyword::Return => FlowKind::Return,
            Keyword::Exit => FlowKind::Exit,
            Keyword::Throw => FlowKind::Throw,
            Keyword::Break => FlowKind::Break,
            _ => FlowKind::Continue,
        };
        self.advance()?;
        let token = self.peek(Mode::Expression)?;
        let value = if ends_command(&token.kind) {
            None
        } else if matches!(kind, FlowKind::Break | FlowKind::Continue) {
            let label = self.parse_command_primary()?;
            let span = label.span();
            Some(Pipeline {
                elements: vec![PipelineElement::Expression(label)],
                span,
            })
        } else {
            Some(self.parse_pipeline_like()?)
        };
        Ok(Statement::Flow {
            kind,
            value,
            span: self.span_from(start),
        })
    }

    // ----- pipelines and assignments -----

    /// A pipeline where an assignment may stand (`if ($x = Get-Foo)`): the assignment is kept
    /// as a parenthesised expression, which assigns and yields the value, as PowerShell does.
    fn parse_pipeline_like(&mut self) -> Result<Pipeline, ParseError> {
        match self.parse_pipeline_statement()? {
            Statement::Pipeline(pipeline) => Ok(pipeline),
            statement => {
                let span = statement.span();
                let paren = Expr::Paren {
                    body: Box::new(statement),
                    span,
                };
                Ok(Pipeline {
                    elements: vec![PipelineElement::Expression(paren)],
                    span,
                })
            }
        }
    }

    /// `a | b | c`, or an assignment `target = statement`.
    fn parse_pipeline_statement(&mut self) -> Result<Statement, ParseError> {
        let start = self.peek(Mode::Expression)?.span.start;
        let first = match self.parse_first_element()? {
            PipelineElement::Expression(target) => {
                if let TokenKind::Assign(op) = self.peek(Mode::Expression)?.kind {
                    return self.parse_assignment(target, op, start);
                }
                PipelineElement::Expression(target)
            }
            command => command,
        };
        let is_expression = matches!(first, PipelineElement::Expression(_));
        let mut elements = vec![first];
        if is_expression {
            elements.extend(
                self.parse_expression_redirections()?
                    .map(PipelineElement::Command),
            );
        }
        while let Some(pipe) = self.eat(Mode::Command, |k| *k == TokenKind::Pipe)? {
            self.skip_newlines(Mode::Command)?;
            let token = self.peek(Mode::Command)?;
            if matches!(
                token.kind,
                TokenKind::EndOfInput
                    | TokenKind::Semicolon
                    | TokenKind::RParen
                    | TokenKind::RBrace
                    | TokenKind::Pipe
            ) {
                let error = ParseError::new(
                    "An empty pipe element is not allowed.",
                    "EmptyPipeElement",
                    pipe.span,
                );
                return Err(if token.kind == TokenKind::EndOfInput {
                    error.incomplete()
                } else {
                    error
                });
            }
            elements.push(self.parse_later_element()?);
        }
        Ok(Statement::Pipeline(Pipeline {
            elements,
            span: self.span_from(start),
        }))
    }

    /// Redirections after an expression: `expr > file` is PowerShell's shorthand for
    /// `expr | Out-File file` (`>>` appends, `> $null` discards), so it becomes that command.
    /// An expression writes to no other stream, so `2>` and `2>&1` change nothing.
    fn parse_expression_redirections(&mut self) -> Result<Option<Command>, ParseError> {
        let mut out_file = None;
        while matches!(self.peek(Mode::Command)?.kind, TokenKind::Redirect { .. }) {
            let redirection = self.parse_redirection()?;
            if let (0 | 1, RedirectionTarget::File(target)) =
                (redirection.stream, redirection.target)
            {
                out_file = Some(out_file_command(
                    target,
                    redirection.append,
                    redirection.span,
                ));
            }
        }
        Ok(out_file)
    }

    fn parse_assignment(
        &mut self,
        target: Expr,
        op: AssignOp,
        start: usize,
    ) -> Result<Statement, ParseError> {
        if let Some(span) = invalid_assignment_target(&target, op == AssignOp::Assign) {
            return Err(ParseError::new(
                "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
                "InvalidLeftHandSide",
                span,
            ));
        }
        let op_token = self.advance()?;
        self.skip_newlines(Mode::Expression)?;
        let next = &self.peek(Mode::Expression)?.kind;
        if ends_command(next) {
            let op_text = self.text(op_token.span);
            return Err(self.missing(
                format!("You must provide a value expression following the '{op_text}' operator."),
                "ExpectedValueExpression",
                op_token.span,
            ));
        }
        // The value is a whole statement: `$x = Get-Foo | Select …`, `$x = if (…) {…}`.
        let value = self.parse_statement()?;
        Ok(Statement::Assignment {
            target,
            op,
            value: Box::new(value),
            span: self.span_from(start),
        })
    }

    /// The first element of a pipeline: a command, or any expression.
    fn parse_first_element(&mut self) -> Result<PipelineElement, ParseError> {
        let token = self.peek(Mode::Expression)?;
        match &token.kind {
            TokenKind::Word(_)
            | TokenKind::Expandable {
                kind: StringKind::Bare,
                ..
            }
            | TokenKind::Ampersand => self.parse_command().map(PipelineElement::Command),
            _ => self.parse_expression().map(PipelineElement::Expression),
        }
    }

    /// An element after `|`: it must be a command.
    fn parse_later_element(&mut self) -> Result<PipelineElement, ParseError> {
        let token = self.peek(Mode::Command)?;
        match &token.kind {
            TokenKind::Word(_)
            | TokenKind::Expandable {
                kind: StringKind::Bare,
                ..
            }
            | TokenKind::Ampersand => self.parse_command().map(PipelineElement::Command),
            _ => {
                let span = self.parse_expression()?.span();
                Err(ParseError::new(
                    "Expressions are only allowed as the first element of a pipeline.",
                    "ExpressionsMustBeFirstInPipeline",
                    span,
                ))
            }
        }
    }

    // ----- commands -----

    /// A command: its name (after an optional `&` or `.`) and its elements in command mode.
    fn parse_command(&mut self) -> Result<Command, ParseError> {
        let first = self.advance()?;
        let start = first.span.start;
        let dot_source = matches!(&first.kind, TokenKind::Word(w) if w == "."
            && self.text(first.span) == "."
            && self.char_at(first.span.end).is_some_and(|c| is_whitespace(c) || c == '{'));
        let (invocation, name) = if first.kind == TokenKind::Ampersand || dot_source {
            let invocation = if dot_source {
                InvocationOperator::DotSource
            } else {
                InvocationOperator::Call
            };
            (invocation, self.parse_invoked_name(first.span)?)
        } else {
            let name = match first.kind {
                TokenKind::Word(name) => CommandName::Bare {
                    name,
                    span: first.span,
                },
                TokenKind::Expandable { parts, .. } => {
                    let parts = self.convert_parts(parts)?;
                    CommandName::Expr(Box::new(Expr::Expandable {
                        parts,
                        span: first.span,
                    }))
                }
                _ => return Err(unexpected_token(self.src, first.span)),
            };
            (InvocationOperator::None, name)
        };
        let mut elements = Vec::new();
        let mut redirections = Vec::new();
        let mut positional_only = false;
        loop {
            let token = self.peek(Mode::Command)?;
            let span = token.span;
            match &token.kind {
                kind if ends_command(kind) => break,
                TokenKind::Parameter { .. } if positional_only => {
                    self.advance()?;
                    let value = self.src[span.start..self.prev_end_with_colon()].to_string();
                    elements.push(CommandElement::Argument(Expr::String {
                        value,
                        kind: StringKind::Bare,
                        span,
                    }));
                }
                TokenKind::Parameter { .. } => elements.push(self.parse_parameter()?),
                TokenKind::EndOfParameters => {
                    self.advance()?;
                    positional_only = true;
                    elements.push(CommandElement::EndOfParameters { span });
                }
                TokenKind::Redirect { .. } => redirections.push(self.parse_redirection()?),
                TokenKind::Ampersand => {
                    return Err(ParseError::new(
                        "The ampersand (&) character is not allowed. The & operator is reserved for future use; wrap an ampersand in double quotation marks (\"&\") to pass it as part of a string.",
                        "AmpersandNotAllowed",
                        span,
                    ));
                }
                TokenKind::Comma => {
                    return Err(ParseError::new(
                        "Missing argument in parameter list.",
                        "MissingArgument",
                        span,
                    ));
                }
                _ => elements.push(CommandElement::Argument(self.parse_command_argument()?)),
            }
        }
        Ok(Command {
            name,
            invocation,
            elements,
            redirections,
            span: self.span_from(start),
        })
    }

    /// The text just consumed may end in the colon of `-Name:`, which the token span omits.
    fn prev_end_with_colon(&self) -> usize {
        if self.char_at(self.prev_end) == Some(':') && self.lexer.pos() > self.prev_end {
            self.prev_end + 1
        } else {
            self.prev_end
        }
    }

    /// What follows `&` or `.`: a bareword, a string, a variable, a script block, `( … )`.
    fn parse_invoked_name(&mut self, operator: Span) -> Result<CommandName, ParseError> {
        let token = self.peek(Mode::Command)?;
        match &token.kind {
            TokenKind::Word(_) => match self.advance()? {
                Token {
                    kind: TokenKind::Word(name),
                    span,
                } => Ok(CommandName::Bare { name, span }),
                token => Err(unexpected_token(self.src, token.span)),
            },
            kind if starts_argument(kind) => {
                Ok(CommandName::Expr(Box::new(self.parse_command_primary()?)))
            }
            _ => {
                let operator_text = self.text(operator);
                Err(self.missing(
                    format!("Missing expression after '{operator_text}' in pipeline element."),
                    "MissingExpression",
                    operator,
                ))
            }
        }
    }

    /// `-Name`, or `-Name:value` whose value may follow after spaces.
    fn parse_parameter(&mut self) -> Result<CommandElement, ParseError> {
        let token = self.advance()?;
        let TokenKind::Parameter { name, colon } = token.kind else {
            return Err(unexpected_token(self.src, token.span));
        };
        let argument = if colon {
            if !starts_argument(&self.peek(Mode::Command)?.kind) {
                let text = self.text(token.span);
                return Err(ParseError::new(
                    format!("Parameter {text} requires an argument."),
                    "ParameterRequiresArgument",
                    token.span,
                ));
            }
            Some(self.parse_command_argument()?)
        } else {
            None
        };
        Ok(CommandElement::Parameter {
            name,
            argument,
            span: token.span,
        })
    }

    fn parse_redirection(&mut self) -> Result<Redirection, ParseError> {
        let token = self.advance()?;
        let TokenKind::Redirect {
            stream,
            append,
            merge,
        } = token.kind
        else {
            return Err(unexpected_token(self.src, token.span));
        };
        let target = if merge {
            RedirectionTarget::MergeIntoOutput
        } else if starts_argument(&self.peek(Mode::Command)?.kind) {
            RedirectionTarget::File(self.parse_command_primary()?)
        } else {
            return Err(self.missing(
                "Missing file specification after redirection operator.",
                "MissingFileSpecification",
                token.span,
            ));
        };
        Ok(Redirection {
            stream,
            append,
            target,
            span: self.span_from(token.span.start),
        })
    }

    /// One argument: a primary, or a comma list of them (`Web-Server, Web-Dyn-Compression`).
    fn parse_command_argument(&mut self) -> Result<Expr, ParseError> {
        let first = self.parse_command_primary()?;
        if self.peek(Mode::Command)?.kind != TokenKind::Comma {
            return Ok(first);
        }
        let start = first.span().start;
        let mut items = vec![first];
        while let Some(comma) = self.eat(Mode::Command, |k| *k == TokenKind::Comma)? {
            self.skip_newlines(Mode::Command)?;
            if !starts_argument(&self.peek(Mode::Command)?.kind) {
                return Err(self.missing(
                    "Missing expression after ',' in pipeline element.",
                    "MissingExpression",
                    comma.span,
                ));
            }
            items.push(self.parse_command_primary()?);
        }
        Ok(Expr::ArrayLiteral {
            items,
            span: self.span_from(start),
        })
    }

    /// A single command-mode value: bareword, number, string, variable (with member access),
    /// `( … )`, `$( … )`, `@( … )`, `@{ … }`, `{ … }`, `@splat`.
    fn parse_command_primary(&mut self) -> Result<Expr, ParseError> {
        let token = self.next(Mode::Command)?;
        let span = token.span;
        let expr = match token.kind {
            TokenKind::Word(value) => {
                return Ok(Expr::String {
                    value,
                    kind: StringKind::Bare,
                    span,
                })
            }
            TokenKind::Number(value) => {
                return Ok(Expr::Number {
                    value,
                    text: self.text(span).to_string(),
                    span,
                });
            }
            TokenKind::Splat(var) => return Ok(Expr::Splat(var)),
            TokenKind::Parameter { .. } => {
                // Only reached where a value is required (after a comma): it is a string.
                let value = self.src[span.start..self.prev_end_with_colon()].to_string();
                return Ok(Expr::String {
                    value,
                    kind: StringKind::Bare,
                    span,
                });
            }
            kind => self.parse_primary_token(kind, span)?,
        };
        self.parse_postfix(expr)
    }
}

enum AttributeOrType {
    Attribute(Attribute),
    Type(TypeName),
}

/// `string[]` → `string` + array; the span covers the brackets.
fn type_name_of(name: &str, span: Span) -> TypeName {
    match name.strip_suffix("[]") {
        Some(element) => TypeName {
            name: element.trim_end().to_string(),
            is_array: true,
            span,
        },
        None => TypeName {
            name: name.to_string(),
            is_array: false,
            span,
        },
    }
}

/// What may stand left of `=`: variables, properties, indexes, and `[type]$x`.
/// The part of an assignment target that cannot take a value, as PowerShell's semantic check
/// finds it: `$a, $b = …` assigns to each element, but only with plain `=` (`$a, $b += 1` is
/// wrong as a whole); `[int]$x` and `($x)` are checked through to what they wrap.
fn invalid_assignment_target(expr: &Expr, plain: bool) -> Option<Span> {
    match expr {
        Expr::Variable(_) | Expr::Member { .. } | Expr::Index { .. } => None,
        Expr::Cast { operand, .. } => invalid_assignment_target(operand, plain),
        Expr::ArrayLiteral { items, .. } if plain => items
            .iter()
            .find_map(|item| invalid_assignment_target(item, true)),
        Expr::Paren { body, .. } => match body.as_ref() {
            Statement::Pipeline(Pipeline { elements, .. }) => match elements.as_slice() {
                [PipelineElement::Expression(inner)] => invalid_assignment_target(inner, plain),
                _ => Some(body.span()),
            },
            _ => Some(body.span()),
        },
        other => Some(other.span()),
    }
}

/// The command a redirection of an expression stands for, spanning the redirection.
fn out_file_command(target: Expr, append: bool, span: Span) -> Command {
    let discard = matches!(&target, Expr::Variable(v) if v.scope.is_none() && v.name.eq_ignore_ascii_case("null"));
    let parameter = |name: &str, argument| CommandElement::Parameter {
        name: name.to_string(),
        argument,
        span,
    };
    let (name, elements) = if discard {
        ("Out-Null", Vec::new())
    } else if append {
        (
            "Out-File",
            vec![
                parameter("FilePath", Some(target)),
                parameter("Append", None),
            ],
        )
    } else {
        ("Out-File", vec![parameter("FilePath", Some(target))])
    };
    Command {
        name: CommandName::Bare {
            name: name.to_string(),
            span,
        },
        invocation: InvocationOperator::None,
        elements,
        redirections: Vec::new(),
        span,
    }
}

fn missing_end_curly(open: Span) -> ParseError {
    ParseError::new(
        "Missing closing '}' in statement block or type definition.",
        "MissingEndCurlyBrace",
        open,
    )
    .incomplete()
}

/// Reported instead of panicking if the parser's own bookkeeping is ever inconsistent.
fn internal_error(at: usize) -> ParseError {
    ParseError::new(
        "Unrecoverable error in PowerShell.",
        "UnrecoverableParserError",
        Span::new(at, at),
    )
}
