//! Expressions: operators by precedence, unary operators and casts, primaries, member access,
//! indexing, hashtables and the parts of expandable strings.

use super::*;

impl Parser<'_> {
    pub(super) fn parse_expression(&mut self) -> Result<Expr, ParseError> {
        self.parse_binary(1, true)
    }

    /// An expression without a top-level comma (method and attribute arguments, defaults).
    pub(super) fn parse_expression_no_comma(&mut self) -> Result<Expr, ParseError> {
        self.parse_binary(1, false)
    }

    /// Binary operators by precedence climbing; all are left-associative.
    pub(super) fn parse_binary(
        &mut self,
        min_precedence: u8,
        commas: bool,
    ) -> Result<Expr, ParseError> {
        let mut lhs = self.parse_array_literal(commas)?;
        while let Some(op) = binary_op(&self.peek(Mode::Expression)?.kind) {
            let op_precedence = precedence(op);
            if op_precedence < min_precedence {
                break;
            }
            let op_token = self.advance()?;
            // A binary operator at the end of a line continues the expression on the next.
            self.skip_newlines(Mode::Expression)?;
            if !starts_operand(&self.peek(Mode::Expression)?.kind) {
                let op_text = self.text(op_token.span);
                return Err(self.missing(
                    format!(
                        "You must provide a value expression following the '{op_text}' operator."
                    ),
                    "ExpectedValueExpression",
                    op_token.span,
                ));
            }
            let rhs = self.parse_binary(op_precedence + 1, commas)?;
            let span = lhs.span().to(rhs.span());
            lhs = Expr::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
                span,
            };
        }
        Ok(lhs)
    }

    /// `a, b, c`: the comma binds tighter than every binary operator.
    pub(super) fn parse_array_literal(&mut self, commas: bool) -> Result<Expr, ParseError> {
        let first = self.parse_unary()?;
        if !commas || self.peek(Mode::Expression)?.kind != TokenKind::Comma {
            return Ok(first);
        }
        let start = first.span().start;
        let mut items = vec![first];
        while let Some(comma) = self.eat(Mode::Expression, |k| *k == TokenKind::Comma)? {
            self.skip_newlines(Mode::Expression)?;
            if !starts_operand(&self.peek(Mode::Expression)?.kind) {
                return Err(self.missing(
                    "Missing expression after ','.",
                    "MissingExpressionAfterToken",
                    comma.span,
                ));
            }
            items.push(self.parse_unary()?);
        }
        Ok(Expr::ArrayLiteral {
            items,
            span: self.span_from(start),
        })
    }

    pub(super) fn parse_unary(&mut self) -> Result<Expr, ParseError> {
        let span = self.peek(Mode::Expression)?.span;
        self.nested(span, |p| p.parse_unary_inner())
    }

    pub(super) fn parse_unary_inner(&mut self) -> Result<Expr, ParseError> {
        let token = self.peek(Mode::Expression)?;
        let op = match &token.kind {
            TokenKind::Operator(op) => unary_op(*op),
            TokenKind::Comma => Some(UnaryOp::Comma),
            TokenKind::PlusPlus => Some(UnaryOp::PreIncrement),
            TokenKind::MinusMinus => Some(UnaryOp::PreDecrement),
            TokenKind::LBracket => {
                let bracket = self.advance()?;
                return self.parse_cast_or_type(bracket.span);
            }
            _ => None,
        };
        let Some(op) = op else {
            let expr = self.parse_primary()?;
            let expr = self.parse_postfix(expr)?;
            return self.parse_postfix_increment(expr);
        };
        let op_token = self.advance()?;
        self.skip_newlines(Mode::Expression)?;
        if !starts_operand(&self.peek(Mode::Expression)?.kind) {
            let op_text = self.text(op_token.span);
            return Err(self.missing(
                format!("Missing expression after unary operator '{op_text}'."),
                "MissingExpressionAfterOperator",
                op_token.span,
            ));
        }
        let operand = self.parse_unary()?;
        let span = op_token.span.to(operand.span());
        // `-5` written together is the number -5 (as PowerShell's tokenizer reads it).
        if op == UnaryOp::Negate && operand.span().start == op_token.span.end {
            if let Expr::Number { value, text, .. } = &operand {
                let value = match *value {
                    Number::Int(v) => v
                        .checked_neg()
                        .map_or(Number::Double(-(v as f64)), Number::Int),
                    Number::Double(v) => Number::Double(-v),
                };
                return Ok(Expr::Number {
                    value,
                    text: format!("-{text}"),
                    span,
                });
            }
        }
        Ok(Expr::Unary {
            op,
            operand: Box::new(operand),
            span,
        })
    }

    /// `$i++`, `$i--`.
    pub(super) fn parse_postfix_increment(&mut self, expr: Expr) -> Result<Expr, ParseError> {
        let op = match self.peek(Mode::Expression)?.kind {
            TokenKind::PlusPlus => UnaryOp::PostIncrement,
            TokenKind::MinusMinus => UnaryOp::PostDecrement,
            _ => return Ok(expr),
        };
        let token = self.advance()?;
        let span = expr.span().to(token.span);
        Ok(Expr::Unary {
            op,
            operand: Box::new(expr),
            span,
        })
    }

    /// After `[`: a type literal (`[int]`, `[int]::MaxValue`) or a cast (`[int]$x`,
    /// `[pscustomobject]@{…}`).
    pub(super) fn parse_cast_or_type(&mut self, bracket: Span) -> Result<Expr, ParseError> {
        let type_name = self.parse_type_rest(bracket)?;
        let after = self.lexer.pos();
        let touches_member = matches!(
            (self.char_at(after), self.lexer.char_after(after)),
            (Some(':'), Some(':')) | (Some('.'), Some(_))
        ) && self.lexer.char_after(after) != Some('.');
        if !touches_member && starts_operand(&self.peek(Mode::Expression)?.kind) {
            let operand = self.parse_unary()?;
            let span = bracket.to(operand.span());
            return Ok(Expr::Cast {
                type_name,
                operand: Box::new(operand),
                span,
            });
        }
        self.parse_postfix(Expr::TypeLiteral(type_name))
    }

    /// The rest of `[type]` after its `[` (at `bracket`).
    pub(super) fn parse_type_rest(&mut self, bracket: Span) -> Result<TypeName, ParseError> {
        self.peeked = None;
        let (name, name_span) = self.lexer.scan_type_name();
        if name.is_empty() {
            return Err(ParseError::new(
                "Missing type name after '['.",
                "MissingTypename",
                bracket,
            ));
        }
        self.prev_end = name_span.end;
        if self
            .eat(Mode::Expression, |k| *k == TokenKind::RBracket)?
            .is_none()
        {
            return Err(self.missing(
                "Missing ] at end of attribute or type literal.",
                "EndSquareBracketExpectedAtEndOfAttribute",
                self.here(),
            ));
        }
        Ok(type_name_of(&name, self.span_from(bracket.start)))
    }

    pub(super) fn parse_primary(&mut self) -> Result<Expr, ParseError> {
        let token = self.next(Mode::Expression)?;
        self.parse_primary_token(token.kind, token.span)
    }

    /// The value a token starts (shared by both modes), given the consumed token.
    pub(super) fn parse_primary_token(
        &mut self,
        kind: TokenKind,
        span: Span,
    ) -> Result<Expr, ParseError> {
        Ok(match kind {
            TokenKind::Number(value) => Expr::Number {
                value,
                text: self.text(span).to_string(),
                span,
            },
            TokenKind::Str { value, kind } => Expr::String { value, kind, span },
            TokenKind::Expandable { parts, .. } => Expr::Expandable {
                parts: self.convert_parts(parts)?,
                span,
            },
            TokenKind::Variable(var) => Expr::Variable(var),
            TokenKind::LParen => self.parse_paren_rest(span)?,
            TokenKind::DollarParen => {
                let body = self.nested(span, |p| p.parse_statement_list(Closer::Paren(span)))?;
                self.next(Mode::Expression)?;
                Expr::Subexpression {
                    body,
                    span: self.span_from(span.start),
                }
            }
            TokenKind::AtParen => {
                let body = self.nested(span, |p| p.parse_statement_list(Closer::Paren(span)))?;
                self.next(Mode::Expression)?;
                Expr::ArraySubexpression {
                    body,
                    span: self.span_from(span.start),
                }
            }
            TokenKind::AtBrace => self.nested(span, |p| p.parse_hashtable_rest(span))?,
            TokenKind::LBrace => self.parse_script_block_literal(span)?,
            TokenKind::Splat(var) => {
                let name = var.name;
                return Err(ParseError::new(
                    format!("The splatting operator '@' cannot be used to reference variables in an expression. '@{name}' can be used only as an argument to a command. To reference variables in an expression use '${name}'."),
                    "SplattingNotPermitted",
                    span,
                ));
            }
            TokenKind::EndOfInput => {
                return Err(ParseError::new(
                    "An expression was expected.",
                    "ExpectedExpression",
                    span,
                )
                .incomplete());
            }
            _ => return Err(unexpected_token(self.src, span)),
        })
    }

    /// `( statement )` whose `(` was consumed.
    pub(super) fn parse_paren_rest(&mut self, open: Span) -> Result<Expr, ParseError> {
        self.skip_newlines(Mode::Expression)?;
        let token = self.peek(Mode::Expression)?;
        if token.kind == TokenKind::RParen {
            return Err(ParseError::new(
                "An expression was expected after '('.",
                "ExpectedExpression",
                token.span,
            ));
        }
        let body = self.nested(open, |p| p.parse_pipeline_statement())?;
        self.skip_newlines(Mode::Expression)?;
        self.expect(
            TokenKind::RParen,
            "Missing closing ')' in expression.",
            "MissingEndParenthesisInExpression",
        )?;
        Ok(Expr::Paren {
            body: Box::new(body),
            span: self.span_from(open.start),
        })
    }

    /// `@{ key = statement; … }` whose `@{` was consumed; entries end at `;` or a newline.
    pub(super) fn parse_hashtable_rest(&mut self, open: Span) -> Result<Expr, ParseError> {
        let incomplete = || {
            ParseError::new(
                "The hash literal was incomplete.",
                "IncompleteHashLiteral",
                open,
            )
            .incomplete()
        };
        let src = self.src;
        let mut entries = Vec::new();
        loop {
            self.skip_separators()?;
            let token = self.peek(Mode::Expression)?;
            let span = token.span;
            let key = match &token.kind {
                TokenKind::RBrace => {
                    self.advance()?;
                    break;
                }
                TokenKind::EndOfInput => return Err(incomplete()),
                TokenKind::Assign(AssignOp::Assign) => {
                    return Err(ParseError::new(
                        "Missing key before '=' in hash literal.",
                        "MissingKeyInHashLiteral",
                        span,
                    ));
                }
                TokenKind::Word(_) => match self.advance()?.kind {
                    TokenKind::Word(value) => Expr::String {
                        value,
                        kind: StringKind::Bare,
                        span,
                    },
                    _ => return Err(unexpected_token(self.src, span)),
                },
                _ => self.parse_unary()?,
            };
            if self
                .eat(Mode::Expression, |k| {
                    *k == TokenKind::Assign(AssignOp::Assign)
                })?
                .is_none()
            {
                let error = self.missing(
                    "Missing '=' operator after key in hash literal.",
                    "MissingEqualsInHashLiteral",
                    self.here(),
                );
                return Err(error);
            }
            self.skip_newlines(Mode::Expression)?;
            if ends_command(&self.peek(Mode::Expression)?.kind) {
                return Err(self.missing(
                    "Missing statement after '=' in hash literal.",
                    "MissingStatementInHashLiteral",
                    self.here(),
                ));
            }
            entries.push((key, self.parse_statement()?));
            let token = self.peek(Mode::Expression)?;
            match token.kind {
                TokenKind::Newline | TokenKind::Semicolon | TokenKind::RBrace => {}
                TokenKind::EndOfInput => return Err(incomplete()),
                _ => return Err(unexpected_token(src, token.span)),
            }
        }
        Ok(Expr::Hashtable {
            entries,
            span: self.span_from(open.start),
        })
    }

    /// `.Member`, `.Method(…)`, `::Static`, `[index]` touching the value before them.
    pub(super) fn parse_postfix(&mut self, mut expr: Expr) -> Result<Expr, ParseError> {
        loop {
            let pos = self.lexer.pos();
            let (is_static, name_start) = match (self.char_at(pos), self.lexer.char_after(pos)) {
                (Some('.'), Some(c)) if c != '.' => (false, pos + 1),
                (Some('.'), None) => (false, pos + 1),
                (Some(':'), Some(':')) => (true, pos + 2),
                (Some('['), _) => {
                    expr = self.parse_index(expr, pos)?;
                    continue;
                }
                _ => return Ok(expr),
            };
            self.peeked = None;
            self.seek(name_start);
            let member = self.parse_member_name(Span::new(pos, name_start))?;
            let start = expr.span().start;
            if self.char_at(self.lexer.pos()) == Some('(') {
                let Expr::String { value: method, .. } = member else {
                    return Err(ParseError::new(
                        "Missing property name after reference operator.",
                        "MissingPropertyName",
                        member.span(),
                    ));
                };
                self.seek(self.lexer.pos() + 1);
                let args = self.parse_method_arguments()?;
                expr = Expr::MethodCall {
                    target: Box::new(expr),
                    method,
                    args,
                    is_static,
                    span: self.span_from(start),
                };
            } else {
                expr = Expr::Member {
                    target: Box::new(expr),
                    member: Box::new(member),
                    is_static,
                    span: self.span_from(start),
                };
            }
        }
    }

    /// The name after `.` or `::`: an identifier, `$variable` or a quoted string.
    pub(super) fn parse_member_name(&mut self, operator: Span) -> Result<Expr, ParseError> {
        let start = self.lexer.pos();
        let mut end = start;
        while let Some(c) = self
            .char_at(end)
            .filter(|c| c.is_alphanumeric() || *c == '_')
        {
            end += c.len_utf8();
        }
        if end > start {
            self.seek(end);
            let span = Span::new(start, end);
            return Ok(Expr::String {
                value: self.text(span).to_string(),
                kind: StringKind::Bare,
                span,
            });
        }
        let token = self.peek(Mode::Expression)?;
        if token.span.start == start
            && matches!(
                token.kind,
                TokenKind::Variable(_) | TokenKind::Str { .. } | TokenKind::Expandable { .. }
            )
        {
            let token = self.advance()?;
            return self.parse_primary_token(token.kind, token.span);
        }
        Err(ParseError::new(
            "Missing property name after reference operator.",
            "MissingPropertyName",
            operator,
        ))
    }

    /// Arguments of a method call, after its `(`.
    pub(super) fn parse_method_arguments(&mut self) -> Result<Vec<Expr>, ParseError> {
        let mut args = Vec::new();
        self.skip_newlines(Mode::Expression)?;
        if self
            .eat(Mode::Expression, |k| *k == TokenKind::RParen)?
            .is_some()
        {
            return Ok(args);
        }
        loop {
            args.push(self.parse_expression_no_comma()?);
            self.skip_newlines(Mode::Expression)?;
            let token = self.advance_if_one_of(&[TokenKind::Comma, TokenKind::RParen])?;
            match token {
                Some(TokenKind::Comma) => {
                    self.skip_newlines(Mode::Expression)?;
                    if !starts_operand(&self.peek(Mode::Expression)?.kind) {
                        return Err(self.missing(
                            "Missing expression after ','.",
                            "MissingExpressionAfterToken",
                            self.here(),
                        ));
                    }
                }
                Some(_) => return Ok(args),
                None => {
                    return Err(self.missing(
                        "Missing ')' in method call.",
                        "MissingEndParenthesisInMethodCall",
                        self.here(),
                    ))
                }
            }
        }
    }

    pub(super) fn advance_if_one_of(
        &mut self,
        kinds: &[TokenKind],
    ) -> Result<Option<TokenKind>, ParseError> {
        let kind = &self.peek(Mode::Expression)?.kind;
        if kinds.contains(kind) {
            Ok(Some(self.advance()?.kind))
        } else {
            Ok(None)
        }
    }

    /// `[index]` at `open`, touching the value before it.
    pub(super) fn parse_index(&mut self, target: Expr, open: usize) -> Result<Expr, ParseError> {
        self.peeked = None;
        self.seek(open + 1);
        self.skip_newlines(Mode::Expression)?;
        if !starts_operand(&self.peek(Mode::Expression)?.kind) {
            let span = self.peek(Mode::Expression)?.span;
            return Err(self.missing(
                "Array index expression is missing or not valid.",
                "MissingArrayIndexExpression",
                span,
            ));
        }
        let index = self.parse_expression()?;
        self.skip_newlines(Mode::Expression)?;
        if self
            .eat(Mode::Expression, |k| *k == TokenKind::RBracket)?
            .is_none()
        {
            return Err(self.missing(
                "Missing ']' after array index expression.",
                "MissingEndSquareBracket",
                self.here(),
            ));
        }
        let span = self.span_from(target.span().start);
        Ok(Expr::Index {
            target: Box::new(target),
            index: Box::new(index),
            span,
        })
    }

    /// Turns lexed string parts into AST parts, parsing each `$( … )`.
    pub(super) fn convert_parts(
        &mut self,
        parts: Vec<crate::lang::token::LexPart>,
    ) -> Result<Vec<StringPart>, ParseError> {
        use crate::lang::token::LexPart;
        parts
            .into_iter()
            .map(|part| match part {
                LexPart::Literal(text) => Ok(StringPart::Literal(text)),
                LexPart::Variable(var) => Ok(StringPart::Variable(var)),
                LexPart::Subexpression { inner, span } => {
                    if self.depth >= MAX_DEPTH {
                        return Err(too_deeply_nested(span));
                    }
                    let mut sub = Parser::new(self.src, inner.start, inner.end, self.depth + 1);
                    let body = sub.parse_statement_list(Closer::EndOfInput)?;
                    Ok(StringPart::Subexpression { body, span })
                }
            })
            .collect()
    }
}
