//! Expressions: literals, strings with expansion, variables, arrays and hashtables,
//! operators (with `-and`/`-or` short-circuit), casts, `-is`/`-as`, indexing.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Flow, Interp, R};
use crate::engine::convert::{convert, Ty};
use crate::engine::ops;
use crate::engine::strformat;
use crate::engine::value::{Hashtable, Value};
use crate::lang::ast::{self, BinaryOp, Expr, Number, StringPart, UnaryOp, VariableRef};
use crate::lang::Span;

impl Interp {
    pub fn eval(&mut self, e: &Expr) -> R<Value> {
        match e {
            Expr::Number { value, .. } => Ok(match value {
                Number::Int(i) => Value::Int(*i),
                Number::Double(d) => Value::Double(*d),
            }),
            Expr::String { value, .. } => Ok(Value::str(value.as_str())),
            Expr::Expandable { parts, .. } => self.expand(parts).map(Value::String),
            Expr::Variable(v) | Expr::Splat(v) => self.variable(v),
            Expr::ArrayLiteral { items, .. } => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.eval(item)?);
                }
                Ok(Value::Array(values))
            }
            Expr::ArraySubexpression { body, .. } => {
                let mut out = Vec::new();
                self.exec_statements(body, &mut out)?;
                Ok(Value::Array(out))
            }
            Expr::Subexpression { body, .. } => {
                let mut out = Vec::new();
                self.exec_statements(body, &mut out)?;
                Ok(Value::from_items(out))
            }
            Expr::Paren { body, .. } => self.statement_value(body),
            Expr::Hashtable { entries, .. } => {
                let mut table = Hashtable::default();
                for (key, value) in entries {
                    let k = self.eval(key)?;
                    let v = self.statement_value(value)?;
                    table.insert(k, v);
                }
                Ok(Value::Hashtable(Rc::new(RefCell::new(table))))
            }
            Expr::ScriptBlock(sb) => {
                self.block_sources
                    .entry(Rc::as_ptr(sb))
                    .or_insert_with(|| self.source.clone());
                Ok(Value::ScriptBlock(sb.clone()))
            }
            Expr::Member {
                target,
                member,
                is_static,
                span,
            } => {
                let name = self.member_name(member)?;
                if *is_static {
                    let ty = type_literal_name(target);
                    return self.static_member(&ty, &name, *span);
                }
                let t = self.eval(target)?;
                let value = self.get_member(&t, &name);
                self.strict_member(&t, &name, &value, *span)?;
                Ok(value)
            }
            Expr::MethodCall {
                target,
                method,
                args,
                is_static,
                span,
            } => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.eval(a)?);
                }
                if *is_static {
                    let ty = type_literal_name(target);
                    return self.call_static(&ty, method, values, *span);
                }
                self.call_method_on(target, method, values, *span)
            }
            Expr::Index {
                target,
                index,
                span,
            } => {
                let t = self.eval(target)?;
                let i = self.eval(index)?;
                self.index(&t, &i, *span)
            }
            Expr::Unary { op, operand, span } => self.unary(*op, operand, *span),
            Expr::Binary { op, lhs, rhs, span } => self.binary(*op, lhs, rhs, *span),
            Expr::Cast {
                type_name,
                operand,
                span,
            } => {
                let ty = self.resolve_type(type_name)?;
                let v = self.eval(operand)?;
                self.cast(&v, &ty, *span)
            }
            Expr::TypeLiteral(t) => {
                let ty = self.resolve_type(t)?;
                Ok(type_object(&ty))
            }
        }
    }

    fn member_name(&mut self, member: &Expr) -> R<String> {
        match member {
            Expr::String { value, .. } => Ok(value.clone()),
            other => Ok(self.eval(other)?.to_ps_string()),
        }
    }

    pub fn resolve_type(&self, t: &ast::TypeName) -> R<Ty> {
        Ty::from_script(&t.name, t.is_array).ok_or_else(|| {
            self.runtime_error(
                t.span,
                "TypeNotFound",
                &format!("Unable to find type [{}].", t.name),
            )
        })
    }

    pub fn cast(&self, v: &Value, ty: &Ty, span: Span) -> R<Value> {
        convert(v, ty).map_err(|e| {
            let id = if matches!(v, Value::String(_)) && matches!(ty, Ty::Int(_)) {
                "InvalidCastFromStringToInteger"
            } else {
                "ConvertToFinalInvalidCastException"
            };
            let mut flow = self.runtime_error(span, id, &e.message);
            if let Flow::Error(t) = &mut flow {
                t.record.category = crate::engine::error::ErrorCategory::InvalidArgument;
            }
            flow
        })
    }

    /// `"text $var $(…)"`: arrays join with spaces.
    pub fn expand(&mut self, parts: &[StringPart]) -> R<String> {
        let mut s = String::new();
        for part in parts {
            match part {
                StringPart::Literal(text) => s.push_str(text),
                StringPart::Variable(v) => s.push_str(&self.read_variable(v, true)?.to_ps_string()),
                StringPart::Subexpression { body, .. } => {
                    let mut out = Vec::new();
                    self.exec_statements(body, &mut out)?;
                    s.push_str(&Value::from_items(out).to_ps_string());
                }
            }
        }
        Ok(s)
    }

    pub fn variable(&self, v: &VariableRef) -> R<Value> {
        self.read_variable(v, false)
    }

    /// Reads a variable; under Set-StrictMode an unset one is an error (version 1 outside
    /// strings, version 2 and later inside them too).
    fn read_variable(&self, v: &VariableRef, in_string: bool) -> R<Value> {
        let scope = v.scope.as_deref();
        if scope.is_some_and(|s| s.eq_ignore_ascii_case("env")) {
            return Ok(std::env::var(&v.name)
                .map(Value::String)
                .unwrap_or(Value::Null));
        }
        let found = match v.name.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            "null" => Some(Value::Null),
            "psitem" => self.scopes.get(scope, "_"),
            _ => self.scopes.get(scope, &v.name),
        };
        let strict_from = if in_string { 2 } else { 1 };
        match found {
            Some(value) => Ok(value),
            None if self.scopes.strict() >= strict_from => {
                let record = self
                    .runtime_record(
                        v.span,
                        "VariableIsUndefined",
                        &format!(
                            "The variable '${}' cannot be retrieved because it has not been set.",
                            v.name
                        ),
                    )
                    .with_target(v.name.clone(), "String");
                Err(super::Terminating::statement(record))
            }
            None => Ok(Value::Null),
        }
    }

    /// Set-StrictMode 2 and later: reading a property the object does not have is an error.
    /// Hashtable keys are dynamic, so a missing key stays `$null` as in PowerShell.
    fn strict_member(&self, target: &Value, name: &str, value: &Value, span: Span) -> R<()> {
        if self.scopes.strict() < 2 || !value.is_null() || has_member(target, name) {
            return Ok(());
        }
        Err(self.runtime_error(
            span,
            "PropertyNotFoundStrict",
            &format!(
                "The property '{name}' cannot be found on this object. Verify that the property exists."
            ),
        ))
    }

    fn unary(&mut self, op: UnaryOp, operand: &Expr, span: Span) -> R<Value> {
        match op {
            UnaryOp::PreIncrement
            | UnaryOp::PreDecrement
            | UnaryOp::PostIncrement
            | UnaryOp::PostDecrement => {
                let old = self.eval(operand)?;
                let delta = if matches!(op, UnaryOp::PreIncrement | UnaryOp::PostIncrement) {
                    1
                } else {
                    -1
                };
                let new = ops::arith(BinaryOp::Add, &old, &Value::Int(delta))
                    .map_err(|e| self.op_error(e, span))?;
                self.assign(operand, ast::AssignOp::Assign, new.clone())?;
                Ok(
                    if matches!(op, UnaryOp::PreIncrement | UnaryOp::PreDecrement) {
                        new
                    } else {
                        old
                    },
                )
            }
            _ => {
                let v = self.eval(operand)?;
                match op {
                    UnaryOp::Not => Ok(Value::Bool(!v.is_truthy())),
                    UnaryOp::Negate => ops::arith(BinaryOp::Subtract, &Value::Int(0), &v)
                        .map_err(|e| self.op_error(e, span)),
                    UnaryOp::Plus => ops::arith(BinaryOp::Add, &Value::Int(0), &v)
                        .map_err(|e| self.op_error(e, span)),
                    UnaryOp::BitNot => ops::bitwise(BinaryOp::BitXor, &v, &Value::Int(-1))
                        .map_err(|e| self.op_error(e, span)),
                    UnaryOp::Comma => Ok(Value::Array(vec![v])),
                    UnaryOp::Split => Ok(ops::split_whitespace(&v)),
                    UnaryOp::Join => Ok(ops::join(&v, &Value::Null)),
                    _ => Ok(v),
                }
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr, span: Span) -> R<Value> {
        match op {
            BinaryOp::And => {
                return Ok(Value::Bool(
                    self.eval(lhs)?.is_truthy() && self.eval(rhs)?.is_truthy(),
                ))
            }
            BinaryOp::Or => {
                return Ok(Value::Bool(
                    self.eval(lhs)?.is_truthy() || self.eval(rhs)?.is_truthy(),
                ))
            }
            BinaryOp::Is | BinaryOp::IsNot | BinaryOp::As => {
                let l = self.eval(lhs)?;
                let ty = self.type_operand(rhs)?;
                return Ok(match op {
                    BinaryOp::Is => Value::Bool(ops::is_type(&l, &ty)),
                    BinaryOp::IsNot => Value::Bool(!ops::is_type(&l, &ty)),
                    _ => convert(&l, &ty).unwrap_or(Value::Null),
                });
            }
            _ => {}
        }
        let l = self.eval(lhs)?;
        let r = self.eval(rhs)?;
        let result = match op {
            BinaryOp::Add => ops::add(&l, &r),
            BinaryOp::Subtract | BinaryOp::Multiply | BinaryOp::Divide | BinaryOp::Remainder => {
                ops::arith(op, &l, &r)
            }
            BinaryOp::Range => ops::range(&l, &r),
            BinaryOp::Xor => Ok(Value::Bool(l.is_truthy() != r.is_truthy())),
            BinaryOp::BitAnd
            | BinaryOp::BitOr
            | BinaryOp::BitXor
            | BinaryOp::ShiftLeft
            | BinaryOp::ShiftRight => ops::bitwise(op, &l, &r),
            BinaryOp::Format => {
                let args = match r {
                    Value::Array(items) => items,
                    v => vec![v],
                };
                strformat::composite(&l.to_ps_string(), &args)
                    .map(Value::String)
                    .map_err(|m| ops::OpError {
                        message: m,
                        error_id: "FormatError",
                    })
            }
            BinaryOp::Compare(cop, case) => {
                let mut matches = None;
                let v = ops::compare(cop, case, &l, &r, &mut matches);
                if let Some(m) = matches {
                    self.scopes.set(None, "Matches", m);
                }
                v
            }
            _ => unreachable_operator(op),
        };
        result.map_err(|e| self.op_error(e, span))
    }

    /// The right side of `-is`/`-as`: `[type]` or a type name string.
    fn type_operand(&mut self, rhs: &Expr) -> R<Ty> {
        if let Expr::TypeLiteral(t) = rhs {
            return self.resolve_type(t);
        }
        let name = self.eval(rhs)?.to_ps_string();
        let (base, is_array) = match name.strip_suffix("[]") {
            Some(b) => (b.to_string(), true),
            None => (name.clone(), false),
        };
        Ty::from_script(&base, is_array).ok_or_else(|| {
            self.runtime_error(
                rhs.span(),
                "TypeNotFound",
                &format!("Unable to find type [{name}]."),
            )
        })
    }

    /// `$a[0]`, `$a[-1]`, `$a[1,2]`, `$h['key']`, `'text'[0]`.
    pub fn index(&self, target: &Value, index: &Value, span: Span) -> R<Value> {
        if let Value::Array(indexes) = index {
            if !matches!(target, Value::Hashtable(_)) {
                let mut out = Vec::new();
                for i in indexes {
                    let v = self.index(target, i, span)?;
                    if !v.is_null() {
                        out.push(v);
                    }
                }
                return Ok(Value::Array(out));
            }
        }
        let position = |len: usize| -> Option<usize> {
            let i = crate::engine::convert::to_number(index)?.as_f64()? as i64;
            let i = if i < 0 { len as i64 + i } else { i };
            (0..len as i64).contains(&i).then_some(i as usize)
        };
        Ok(match target {
            Value::Null => {
                return Err(self.runtime_error(
                    span,
                    "NullArray",
                    "Cannot index into a null array.",
                ))
            }
            Value::Array(items) => match position(items.len()) {
                Some(i) => items[i].clone(),
                // Set-StrictMode 3 and later: reading past either end is an error.
                None if self.scopes.strict() >= 3 => {
                    return Err(self.runtime_error(
                        span,
                        "IndexOutOfRange",
                        "Index was outside the bounds of the array.",
                    ))
                }
                None => Value::Null,
            },
            Value::Hashtable(h) => h.borrow().get(index).cloned().unwrap_or(Value::Null),
            Value::String(s) => {
                let chars: Vec<char> = s.chars().collect();
                position(chars.len())
                    .map(|i| Value::String(chars[i].to_string()))
                    .unwrap_or(Value::Null)
            }
            // A single object indexes like a one-element array (`$rows[0]` when Import-Csv
            // read one row); a name looks up the property.
            Value::Object(_)
                if matches!(
                    index,
                    Value::Int(_) | Value::Double(_) | Value::NumberText(..)
                ) =>
            {
                position(1).map(|_| target.clone()).unwrap_or(Value::Null)
            }
            Value::Object(o) => o
                .borrow()
                .get(&index.to_ps_string())
                .cloned()
                .unwrap_or(Value::Null),
            other => position(1).map(|_| other.clone()).unwrap_or(Value::Null),
        })
    }
}

/// `[Math]::Round` → `Math`.
fn type_literal_name(target: &Expr) -> String {
    match target {
        Expr::TypeLiteral(t) => t.name.clone(),
        other => format!("{other:?}"),
    }
}

/// A `[type]` used as a value: PowerShell's RuntimeType, reduced to its names.
pub fn type_object(ty: &Ty) -> Value {
    let full = ty.dotnet_name();
    let name = full.rsplit('.').next().unwrap_or(&full).to_string();
    crate::engine::value::PsObject::new("System.RuntimeType")
        .with("Name", name)
        .with("FullName", full)
        .into_value()
}

fn unreachable_operator(op: BinaryOp) -> Result<Value, ops::OpError> {
    Err(ops::OpError {
        message: format!("The operator {op:?} is not supported here."),
        error_id: "OperatorNotSupported",
    })
}

/// Whether a property read found a member (its value may still be `$null`).
fn has_member(target: &Value, name: &str) -> bool {
    match target {
        Value::Hashtable(_) => true,
        Value::Object(o) => o.borrow().get(name).is_some(),
        Value::Array(items) => items.iter().any(|item| has_member(item, name)),
        _ => false,
    }
}
