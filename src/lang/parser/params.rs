//! `param(…)` blocks, parameter declarations and attributes such as
//! `[Parameter(Mandatory, Position=0)]`.

use super::*;

impl Parser<'_> {
    /// The parameters of `param(…)` or `function f(…)`, after the `(` at `open`.
    pub(super) fn parse_parameter_list(&mut self, open: Span) -> Result<ParamBlock, ParseError> {
        let mut params = Vec::new();
        self.skip_newlines(Mode::Expression)?;
        if self
            .eat(Mode::Expression, |k| *k == TokenKind::RParen)?
            .is_none()
        {
            loop {
                params.push(self.parse_parameter_declaration()?);
                self.skip_newlines(Mode::Expression)?;
                match self.advance_if_one_of(&[TokenKind::Comma, TokenKind::RParen])? {
                    Some(TokenKind::Comma) => self.skip_newlines(Mode::Expression)?,
                    Some(_) => break,
                    None => {
                        return Err(self.missing(
                            "Missing ')' in function parameter list.",
                            "MissingEndParenthesisInFunctionParameterList",
                            self.here(),
                        ));
                    }
                }
            }
        }
        Ok(ParamBlock {
            params,
            span: self.span_from(open.start),
        })
    }

    /// `[Parameter(Mandatory)] [string[]] $Name = 'x'`.
    pub(super) fn parse_parameter_declaration(&mut self) -> Result<ParamDecl, ParseError> {
        let start = self.peek(Mode::Expression)?.span.start;
        let mut attributes = Vec::new();
        let mut type_name = None;
        while self.peek(Mode::Expression)?.kind == TokenKind::LBracket {
            match self.parse_attribute_or_type()? {
                AttributeOrType::Attribute(attribute) => attributes.push(attribute),
                AttributeOrType::Type(t) => type_name = Some(t),
            }
            self.skip_newlines(Mode::Expression)?;
        }
        let token = self.peek(Mode::Expression)?;
        let TokenKind::Variable(var) = &token.kind else {
            let span = token.span;
            return Err(self.missing(
                "Parameter declarations are a comma-separated list of variable names with optional initializer expressions.",
                "InvalidFunctionParameter",
                span,
            ));
        };
        let name = var.name.clone();
        self.advance()?;
        let default = match self.eat(Mode::Expression, |k| {
            *k == TokenKind::Assign(AssignOp::Assign)
        })? {
            Some(equals) => {
                self.skip_newlines(Mode::Expression)?;
                if !starts_operand(&self.peek(Mode::Expression)?.kind) {
                    return Err(self.missing(
                        "You must provide a value expression following the '=' operator.",
                        "ExpectedValueExpression",
                        equals.span,
                    ));
                }
                Some(self.parse_expression_no_comma()?)
            }
            None => None,
        };
        Ok(ParamDecl {
            name,
            type_name,
            attributes,
            default,
            span: self.span_from(start),
        })
    }

    /// `[Name(args)]` is an attribute; `[Name]` alone is a type constraint.
    pub(super) fn parse_attribute_or_type(&mut self) -> Result<AttributeOrType, ParseError> {
        let bracket = self.next(Mode::Expression)?;
        self.peeked = None;
        let (name, name_span) = self.lexer.scan_type_name();
        if name.is_empty() {
            return Err(ParseError::new(
                "Missing type name after '['.",
                "MissingTypename",
                bracket.span,
            ));
        }
        self.prev_end = name_span.end;
        let mut positional = Vec::new();
        let mut named = Vec::new();
        let has_arguments = self
            .eat(Mode::Expression, |k| *k == TokenKind::LParen)?
            .is_some();
        if has_arguments {
            self.parse_attribute_arguments(&mut positional, &mut named)?;
        }
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
        let span = self.span_from(bracket.span.start);
        Ok(if has_arguments {
            AttributeOrType::Attribute(Attribute {
                name,
                positional,
                named,
                span,
            })
        } else {
            AttributeOrType::Type(type_name_of(&name, span))
        })
    }

    /// `(Mandatory, Position=0, 'x')` after the `(`.
    pub(super) fn parse_attribute_arguments(
        &mut self,
        positional: &mut Vec<Expr>,
        named: &mut Vec<(String, Option<Expr>)>,
    ) -> Result<(), ParseError> {
        self.skip_newlines(Mode::Expression)?;
        if self
            .eat(Mode::Expression, |k| *k == TokenKind::RParen)?
            .is_some()
        {
            return Ok(());
        }
        loop {
            let mark = self.mark();
            let word = match &self.peek(Mode::Expression)?.kind {
                TokenKind::Word(word) => Some(word.clone()),
                _ => None,
            };
            let mut handled = false;
            if let Some(word) = word {
                self.advance()?;
                match self.peek(Mode::Expression)?.kind {
                    TokenKind::Assign(AssignOp::Assign) => {
                        self.advance()?;
                        self.skip_newlines(Mode::Expression)?;
                        named.push((word, Some(self.parse_expression_no_comma()?)));
                        handled = true;
                    }
                    TokenKind::Comma | TokenKind::RParen | TokenKind::Newline => {
                        named.push((word, None));
                        handled = true;
                    }
                    _ => self.reset(mark),
                }
            }
            if !handled {
                positional.push(self.parse_expression_no_comma()?);
            }
            self.skip_newlines(Mode::Expression)?;
            match self.advance_if_one_of(&[TokenKind::Comma, TokenKind::RParen])? {
                Some(TokenKind::Comma) => self.skip_newlines(Mode::Expression)?,
                Some(_) => return Ok(()),
                None => {
                    return Err(self.missing(
                        "Missing closing ')' in expression.",
                        "MissingEndParenthesisInExpression",
                        self.here(),
                    ));
                }
            }
        }
    }
}
