//! A compact S-expression rendering of the syntax tree, for tests and debugging.
//!
//! Commands are `(cmd Name args…)`, parameters `-Name` or `(-Name: value)`, barewords appear
//! unquoted, quoted strings keep their quote style, numbers show the literal when it differs
//! from the value (`(num 10485760 10MB)`), statement lists are `{…}`.
//! Example: `Set-CsWebServer –Identity lyncserver.jacobs.local -Port 5086` renders as
//! `(cmd Set-CsWebServer -Identity lyncserver.jacobs.local -Port 5086)`.

use std::fmt::Write;

use super::ast::*;

/// Renders a whole script: its statements separated by spaces (plus its attributes,
/// `param` block and named blocks when it has them).
pub fn sexpr(block: &ScriptBlock) -> String {
    let mut out = String::new();
    if block.attributes.is_empty()
        && block.param_block.is_none()
        && block.begin.is_none()
        && block.process.is_none()
    {
        statements(&mut out, &block.end, " ");
    } else {
        block_parts(&mut out, block);
    }
    out
}

fn block_parts(out: &mut String, block: &ScriptBlock) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(' ');
        }
    };
    for attribute in &block.attributes {
        sep(out);
        attr(out, attribute);
    }
    if let Some(params) = &block.param_block {
        sep(out);
        param_block(out, params);
    }
    for (name, body) in [("begin", &block.begin), ("process", &block.process)] {
        if let Some(body) = body {
            sep(out);
            out.push_str(name);
            out.push(' ');
            list(out, body);
        }
    }
    if block.begin.is_some() || block.process.is_some() {
        if !block.end.is_empty() {
            sep(out);
            out.push_str("end ");
            list(out, &block.end);
        }
    } else if !block.end.is_empty() {
        sep(out);
        statements(out, &block.end, " ");
    }
}

fn statements(out: &mut String, list: &[Statement], separator: &str) {
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        statement(out, s);
    }
}

/// A statement list as `{s1 s2}`.
fn list(out: &mut String, body: &[Statement]) {
    out.push('{');
    statements(out, body, " ");
    out.push('}');
}

fn statement(out: &mut String, s: &Statement) {
    match s {
        Statement::Pipeline(p) => pipeline(out, p),
        Statement::Assignment {
            target, op, value, ..
        } => {
            let op = match op {
                AssignOp::Assign => "=",
                AssignOp::Add => "+=",
                AssignOp::Subtract => "-=",
                AssignOp::Multiply => "*=",
                AssignOp::Divide => "/=",
                AssignOp::Remainder => "%=",
            };
            let _ = write!(out, "({op} ");
            expr(out, target);
            out.push(' ');
            statement(out, value);
            out.push(')');
        }
        Statement::If {
            clauses, else_body, ..
        } => {
            out.push_str("(if");
            for (condition, body) in clauses {
                out.push(' ');
                pipeline(out, condition);
                out.push(' ');
                list(out, body);
            }
            if let Some(body) = else_body {
                out.push_str(" else ");
                list(out, body);
            }
            out.push(')');
        }
        Statement::Foreach {
            variable,
            collection,
            body,
            label,
            ..
        } => {
            keyword(out, "foreach", label);
            let _ = write!(out, " ${variable} ");
            pipeline(out, collection);
            out.push(' ');
            list(out, body);
            out.push(')');
        }
        Statement::For {
            init,
            condition,
            step,
            body,
            label,
            ..
        } => {
            keyword(out, "for", label);
            out.push(' ');
            optional(out, init.as_deref(), statement);
            out.push(' ');
            optional(out, condition.as_ref(), pipeline);
            out.push(' ');
            optional(out, step.as_deref(), statement);
            out.push(' ');
            list(out, body);
            out.push(')');
        }
        Statement::While {
            condition,
            body,
            label,
            ..
        } => {
            keyword(out, "while", label);
            out.push(' ');
            pipeline(out, condition);
            out.push(' ');
            list(out, body);
            out.push(')');
        }
        Statement::DoLoop {
            body,
            condition,
            until,
            label,
            ..
        } => {
            keyword(out, if *until { "do-until" } else { "do-while" }, label);
            out.push(' ');
            list(out, body);
            out.push(' ');
            pipeline(out, condition);
            out.push(')');
        }
        Statement::Switch {
            subject,
            flags,
            clauses,
            default,
            label,
            ..
        } => {
            keyword(out, "switch", label);
            for flag in flags {
                let _ = write!(out, " -{flag}");
            }
            out.push(' ');
            pipeline(out, subject);
            for (pattern, body) in clauses {
                out.push_str(" (");
                expr(out, pattern);
                out.push(' ');
                list(out, body);
                out.push(')');
            }
            if let Some(body) = default {
                out.push_str(" (default ");
                list(out, body);
                out.push(')');
            }
            out.push(')');
        }
        Statement::Function {
            name, params, body, ..
        } => {
            let _ = write!(out, "(function {name}");
            if let Some(params) = params {
                out.push(' ');
                param_block(out, params);
            }
            out.push(' ');
            script_block(out, body);
            out.push(')');
        }
        Statement::Try {
            body,
            catches,
            finally,
            ..
        } => {
            out.push_str("(try ");
            list(out, body);
            for catch in catches {
                out.push_str(" (catch");
                for t in &catch.types {
                    out.push(' ');
                    type_name(out, t);
                }
                out.push(' ');
                list(out, &catch.body);
                out.push(')');
            }
            if let Some(body) = finally {
                out.push_str(" (finally ");
                list(out, body);
                out.push(')');
            }
            out.push(')');
        }
        Statement::Trap {
            type_name: t, body, ..
        } => {
            out.push_str("(trap ");
            if let Some(t) = t {
                type_name(out, t);
                out.push(' ');
            }
            list(out, body);
            out.push(')');
        }
        Statement::Flow { kind, value, .. } => {
            let name = match kind {
                FlowKind::Return => "return",
                FlowKind::Exit => "exit",
                FlowKind::Throw => "throw",
                FlowKind::Break => "break",
                FlowKind::Continue => "continue",
            };
            let _ = write!(out, "({name}");
            if let Some(value) = value {
                out.push(' ');
                pipeline(out, value);
            }
            out.push(')');
        }
        Statement::Empty { .. } => out.push_str("(empty)"),
    }
}

/// `(tag s1 s2)`, or `(tag)` when there are no statements.
fn tagged_statements(out: &mut String, tag: &str, body: &[Statement]) {
    out.push('(');
    out.push_str(tag);
    for s in body {
        out.push(' ');
        statement(out, s);
    }
    out.push(')');
}

fn keyword(out: &mut String, name: &str, label: &Option<String>) {
    let _ = write!(out, "({name}");
    if let Some(label) = label {
        let _ = write!(out, ":{label}");
    }
}

fn optional<T: ?Sized>(out: &mut String, value: Option<&T>, render: fn(&mut String, &T)) {
    match value {
        Some(value) => render(out, value),
        None => out.push('_'),
    }
}

fn pipeline(out: &mut String, p: &Pipeline) {
    if let [single] = p.elements.as_slice() {
        return element(out, single);
    }
    out.push_str("(pipe");
    for e in &p.elements {
        out.push(' ');
        element(out, e);
    }
    out.push(')');
}

fn element(out: &mut String, e: &PipelineElement) {
    match e {
        PipelineElement::Expression(e) => expr(out, e),
        PipelineElement::Command(c) => command(out, c),
    }
}

fn command(out: &mut String, c: &Command) {
    out.push_str(match c.invocation {
        InvocationOperator::None => "(cmd ",
        InvocationOperator::Call => "(& ",
        InvocationOperator::DotSource => "(. ",
    });
    match &c.name {
        CommandName::Bare { name, .. } => bare(out, name),
        CommandName::Expr(e) => expr(out, e),
    }
    for element in &c.elements {
        out.push(' ');
        match element {
            CommandElement::Parameter {
                name,
                argument: None,
                ..
            } => {
                out.push('-');
                out.push_str(name);
            }
            CommandElement::Parameter {
                name,
                argument: Some(argument),
                ..
            } => {
                let _ = write!(out, "(-{name}: ");
                expr(out, argument);
                out.push(')');
            }
            CommandElement::Argument(argument) => expr(out, argument),
            CommandElement::EndOfParameters { .. } => out.push_str("--"),
        }
    }
    for r in &c.redirections {
        out.push(' ');
        let stream = match r.stream {
            0 => "*".to_string(),
            1 => String::new(),
            n => n.to_string(),
        };
        match &r.target {
            RedirectionTarget::MergeIntoOutput => {
                let _ = write!(out, "({stream}>&1)");
            }
            RedirectionTarget::File(file) => {
                let arrows = if r.append { ">>" } else { ">" };
                let _ = write!(out, "({stream}{arrows} ");
                expr(out, file);
                out.push(')');
            }
        }
    }
    out.push(')');
}

fn expr(out: &mut String, e: &Expr) {
    match e {
        Expr::Number { value, text, .. } => {
            let shown = match value {
                Number::Int(v) => v.to_string(),
                Number::Double(v) => format!("{v:?}"),
            };
            if shown == *text {
                out.push_str(&shown);
            } else {
                let _ = write!(out, "(num {shown} {text})");
            }
        }
        Expr::String { value, kind, .. } => match kind {
            StringKind::Bare => bare(out, value),
            StringKind::SingleQuoted => {
                let _ = write!(out, "'{}'", value.replace('\'', "''"));
            }
            StringKind::DoubleQuoted => quoted(out, "\"", value, "\""),
            StringKind::HereSingle => quoted(out, "@'", value, "'@"),
            StringKind::HereDouble => quoted(out, "@\"", value, "\"@"),
        },
        Expr::Expandable { parts, .. } => {
            out.push_str("(xstr");
            for part in parts {
                out.push(' ');
                match part {
                    StringPart::Literal(text) => quoted(out, "\"", text, "\""),
                    StringPart::Variable(v) => variable(out, "$", v),
                    StringPart::Subexpression { body, .. } => tagged_statements(out, "sub", body),
                }
            }
            out.push(')');
        }
        Expr::Variable(v) => variable(out, "$", v),
        Expr::Splat(v) => variable(out, "@", v),
        Expr::ArrayLiteral { items, .. } => {
            out.push_str("(array");
            for item in items {
                out.push(' ');
                expr(out, item);
            }
            out.push(')');
        }
        Expr::ArraySubexpression { body, .. } => tagged_statements(out, "@", body),
        Expr::Subexpression { body, .. } => tagged_statements(out, "sub", body),
        Expr::Paren { body, .. } => {
            out.push_str("(paren ");
            statement(out, body);
            out.push(')');
        }
        Expr::Hashtable { entries, .. } => {
            out.push_str("(hash");
            for (key, value) in entries {
                out.push_str(" (");
                expr(out, key);
                out.push(' ');
                statement(out, value);
                out.push(')');
            }
            out.push(')');
        }
        Expr::ScriptBlock(block) => script_block(out, block),
        Expr::Member {
            target,
            member,
            is_static,
            ..
        } => {
            out.push_str(if *is_static { "(:: " } else { "(. " });
            expr(out, target);
            out.push(' ');
            expr(out, member);
            out.push(')');
        }
        Expr::MethodCall {
            target,
            method,
            args,
            is_static,
            ..
        } => {
            out.push_str(if *is_static { "(::call " } else { "(.call " });
            expr(out, target);
            out.push(' ');
            out.push_str(method);
            for arg in args {
                out.push(' ');
                expr(out, arg);
            }
            out.push(')');
        }
        Expr::Index { target, index, .. } => {
            out.push_str("([] ");
            expr(out, target);
            out.push(' ');
            expr(out, index);
            out.push(')');
        }
        Expr::Unary { op, operand, .. } => {
            let name = match op {
                UnaryOp::Not => "not",
                UnaryOp::Negate => "neg",
                UnaryOp::Plus => "plus",
                UnaryOp::BitNot => "bnot",
                UnaryOp::Comma => ",",
                UnaryOp::PreIncrement => "++pre",
                UnaryOp::PreDecrement => "--pre",
                UnaryOp::PostIncrement => "post++",
                UnaryOp::PostDecrement => "post--",
                UnaryOp::Split => "-split",
                UnaryOp::Join => "-join",
            };
            let _ = write!(out, "({name} ");
            expr(out, operand);
            out.push(')');
        }
        Expr::Binary { op, lhs, rhs, .. } => {
            let _ = write!(out, "({} ", binary_name(*op));
            expr(out, lhs);
            out.push(' ');
            expr(out, rhs);
            out.push(')');
        }
        Expr::Cast {
            type_name: t,
            operand,
            ..
        } => {
            out.push_str("(cast ");
            type_name(out, t);
            out.push(' ');
            expr(out, operand);
            out.push(')');
        }
        Expr::TypeLiteral(t) => type_name(out, t),
    }
}

fn binary_name(op: BinaryOp) -> String {
    let name = match op {
        BinaryOp::Add => "+",
        BinaryOp::Subtract => "-",
        BinaryOp::Multiply => "*",
        BinaryOp::Divide => "/",
        BinaryOp::Remainder => "%",
        BinaryOp::Range => "..",
        BinaryOp::Format => "-f",
        BinaryOp::And => "-and",
        BinaryOp::Or => "-or",
        BinaryOp::Xor => "-xor",
        BinaryOp::BitAnd => "-band",
        BinaryOp::BitOr => "-bor",
        BinaryOp::BitXor => "-bxor",
        BinaryOp::ShiftLeft => "-shl",
        BinaryOp::ShiftRight => "-shr",
        BinaryOp::Is => "-is",
        BinaryOp::IsNot => "-isnot",
        BinaryOp::As => "-as",
        BinaryOp::Compare(op, case) => {
            let base = match op {
                CompareOp::Eq => "eq",
                CompareOp::Ne => "ne",
                CompareOp::Gt => "gt",
                CompareOp::Ge => "ge",
                CompareOp::Lt => "lt",
                CompareOp::Le => "le",
                CompareOp::Like => "like",
                CompareOp::NotLike => "notlike",
                CompareOp::Match => "match",
                CompareOp::NotMatch => "notmatch",
                CompareOp::Contains => "contains",
                CompareOp::NotContains => "notcontains",
                CompareOp::In => "in",
                CompareOp::NotIn => "notin",
                CompareOp::Replace => "replace",
                CompareOp::Split => "split",
                CompareOp::Join => "join",
            };
            let prefix = if case == Case::Sensitive { "c" } else { "" };
            return format!("-{prefix}{base}");
        }
    };
    name.to_string()
}

fn script_block(out: &mut String, block: &ScriptBlock) {
    out.push_str("(sb");
    if !(block.attributes.is_empty()
        && block.param_block.is_none()
        && block.begin.is_none()
        && block.process.is_none()
        && block.end.is_empty())
    {
        out.push(' ');
        block_parts(out, block);
    }
    out.push(')');
}

fn param_block(out: &mut String, params: &ParamBlock) {
    out.push_str("(param");
    for p in &params.params {
        out.push(' ');
        if p.type_name.is_none() && p.attributes.is_empty() && p.default.is_none() {
            let _ = write!(out, "${}", p.name);
            continue;
        }
        out.push('(');
        for a in &p.attributes {
            attr(out, a);
            out.push(' ');
        }
        if let Some(t) = &p.type_name {
            type_name(out, t);
            out.push(' ');
        }
        let _ = write!(out, "${}", p.name);
        if let Some(default) = &p.default {
            out.push_str(" = ");
            expr(out, default);
        }
        out.push(')');
    }
    out.push(')');
}

fn attr(out: &mut String, a: &Attribute) {
    let _ = write!(out, "(@{}", a.name);
    for p in &a.positional {
        out.push(' ');
        expr(out, p);
    }
    for (name, value) in &a.named {
        out.push(' ');
        out.push_str(name);
        if let Some(value) = value {
            out.push('=');
            expr(out, value);
        }
    }
    out.push(')');
}

fn type_name(out: &mut String, t: &TypeName) {
    let _ = write!(out, "[{}{}]", t.name, if t.is_array { "[]" } else { "" });
}

fn variable(out: &mut String, sigil: &str, v: &VariableRef) {
    let plain = !v.name.is_empty()
        && v.name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '?');
    let special = matches!(v.name.as_str(), "$" | "^");
    let full = match &v.scope {
        Some(scope) => format!("{scope}:{}", v.name),
        None => v.name.clone(),
    };
    if plain || special {
        let _ = write!(out, "{sigil}{full}");
    } else {
        let _ = write!(out, "{sigil}{{{full}}}");
    }
}

/// A bareword as is, unless it would not read back as one token or look like a parameter.
fn bare(out: &mut String, value: &str) {
    let plain = !value.is_empty()
        && !value.starts_with(crate::lang::token::is_dash)
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '\'' | '{' | '}' | '\\'))
        && !value.chars().any(char::is_control);
    if plain {
        out.push_str(value);
    } else {
        out.push_str("(bare ");
        quoted(out, "\"", value, "\"");
        out.push(')');
    }
}

/// Text between `open` and `close` with `\`, the closing quote, newlines and control characters escaped.
fn quoted(out: &mut String, open: &str, value: &str, close: &str) {
    out.push_str(open);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if close.starts_with('"') => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str(close);
}
