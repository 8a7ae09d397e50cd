//! Assignment: `$x = …`, compound `+= -= *= /= %=`, `[int]$x = …`, `$a, $b = …`,
//! `$o.Prop = …`, `$h['k'] = …`, `$a[0] = …`, `$env:X = …`.

use super::{Interp, R};
use crate::engine::ops;
use crate::engine::value::Value;
use crate::lang::ast::{AssignOp, BinaryOp, Expr};

impl Interp {
    pub fn assign(&mut self, target: &Expr, op: AssignOp, value: Value) -> R<()> {
        let value = if op == AssignOp::Assign {
            value
        } else {
            let current = self.eval(target)?;
            let span = target.span();
            let result = match op {
                AssignOp::Add => ops::add(&current, &value),
                AssignOp::Subtract => ops::arith(BinaryOp::Subtract, &current, &value),
                AssignOp::Multiply => ops::arith(BinaryOp::Multiply, &current, &value),
                AssignOp::Divide => ops::arith(BinaryOp::Divide, &current, &value),
                _ => ops::arith(BinaryOp::Remainder, &current, &value),
            };
            result.map_err(|e| self.op_error(e, span))?
        };
        self.store(target, value)
    }

    fn store(&mut self, target: &Expr, value: Value) -> R<()> {
        match target {
            Expr::Variable(v) => {
                let scope = v.scope.as_deref();
                if scope.is_some_and(|s| s.eq_ignore_ascii_case("env")) {
                    set_env(&v.name, &value);
                    return Ok(());
                }
                if matches!(
                    v.name.to_ascii_lowercase().as_str(),
                    "true" | "false" | "null"
                ) {
                    // `$null = Do-Something` discards the output, as in PowerShell.
                    if v.name.eq_ignore_ascii_case("null") {
                        return Ok(());
                    }
                    return Err(self.runtime_error(
                        v.span,
                        "VariableNotWritable",
                        &format!(
                            "Cannot overwrite variable {} because it is read-only or constant.",
                            v.name
                        ),
                    ));
                }
                let name = if v.name.eq_ignore_ascii_case("PSItem") {
                    "_"
                } else {
                    &v.name
                };
                self.scopes.set(scope, name, value);
                Ok(())
            }
            Expr::Cast {
                type_name,
                operand,
                span,
            } => {
                let ty = self.resolve_type(type_name)?;
                let converted = self.cast(&value, &ty, *span)?;
                self.store(operand, converted)
            }
            // `$a, $b, $c = …`: one element each, the last target takes what is left (an
            // array if more than one), targets past the end get `$null`.
            Expr::ArrayLiteral { items, .. } => {
                let mut values = value.into_items();
                for (i, item) in items.iter().enumerate() {
                    let v = if i + 1 == items.len() {
                        Value::from_items(std::mem::take(&mut values))
                    } else if values.is_empty() {
                        Value::Null
                    } else {
                        values.remove(0)
                    };
                    self.store(item, v)?;
                }
                Ok(())
            }
            Expr::Member {
                target: object,
                member,
                span,
                ..
            } => {
                let name = match member.as_ref() {
                    Expr::String { value, .. } => value.clone(),
                    other => self.eval(other)?.to_ps_string(),
                };
                let object = self.eval(object)?;
                self.set_member(&object, &name, value, *span)
            }
            Expr::Index {
                target: container,
                index,
                span,
            } => {
                let holder = self.eval(container)?;
                let key = self.eval(index)?;
                match holder {
                    Value::Hashtable(h) => {
                        h.borrow_mut().insert(key, value);
                        Ok(())
                    }
                    Value::Array(mut items) => {
                        let len = items.len() as i64;
                        let i = crate::engine::convert::to_number(&key)
                            .and_then(|n| n.as_f64())
                            .map(|f| f as i64)
                            .map(|i| if i < 0 { len + i } else { i });
                        match i {
                            Some(i) if (0..len).contains(&i) => {
                                items[i as usize] = value;
                                // Arrays are values here: write the changed array back.
                                self.store(container, Value::Array(items))
                            }
                            _ => Err(self.runtime_error(
                                *span,
                                "IndexOutOfRange",
                                "Index was outside the bounds of the array.",
                            )),
                        }
                    }
                    Value::Object(o) => {
                        o.borrow_mut().set(&key.to_ps_string(), value);
                        Ok(())
                    }
                    Value::Null => Err(self.runtime_error(
                        *span,
                        "NullArray",
                        "Cannot index into a null array.",
                    )),
                    other => Err(self.runtime_error(
                        *span,
                        "CannotIndex",
                        &format!(
                            "Unable to index into an object of type {}.",
                            other.type_name()
                        ),
                    )),
                }
            }
            Expr::Paren { body, .. } => match body.as_ref() {
                crate::lang::ast::Statement::Pipeline(p) => match p.elements.as_slice() {
                    [crate::lang::ast::PipelineElement::Expression(e)] => self.store(e, value),
                    _ => Err(self.invalid_target(target)),
                },
                _ => Err(self.invalid_target(target)),
            },
            other => Err(self.invalid_target(other)),
        }
    }

    fn invalid_target(&self, target: &Expr) -> super::Flow {
        self.runtime_error(
            target.span(),
            "InvalidLeftHandSide",
            "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
        )
    }
}

fn set_env(name: &str, value: &Value) {
    // The process environment is the session's `env:` drive; lyncsh runs scripts on one
    // thread, so changing it cannot race another reader.
    if value.is_null() || value.to_ps_string().is_empty() {
        std::env::remove_var(name);
    } else {
        std::env::set_var(name, value.to_ps_string());
    }
}
