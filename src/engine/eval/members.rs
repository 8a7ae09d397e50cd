//! Members: properties (with member enumeration), the .NET methods admin scripts use on
//! strings, arrays, hashtables, dates and numbers, `$PSCmdlet.ShouldProcess`, and static
//! members of `[string]`, `[math]`, `[datetime]`, `[int]`.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Flow, Interp, R};
use crate::engine::convert::{to_datetime, to_double, to_int, IntKind, Ty};
use crate::engine::ops;
use crate::engine::strformat::{self, format_value, weekday_name};
use crate::engine::value::{civil_from_unix, unix_from_civil, Hashtable, PsObject, Value};
use crate::lang::ast::{Case, Expr};
use crate::lang::Span;

/// `$PSCmdlet` in an advanced function is an object of this type.
pub const SCRIPT_CMDLET_TYPE: &str = "System.Management.Automation.PSScriptCmdlet";

impl Interp {
    pub fn get_member(&self, target: &Value, name: &str) -> Value {
        let lower = name.to_ascii_lowercase();
        match target {
            Value::Hashtable(h) => {
                let h = h.borrow();
                if let Some(v) = h.get_str(name) {
                    return v.clone();
                }
                match lower.as_str() {
                    "keys" => Value::Array(h.iter().map(|(k, _)| k.clone()).collect()),
                    "values" => Value::Array(h.iter().map(|(_, v)| v.clone()).collect()),
                    "count" => Value::Int(h.len() as i64),
                    _ => Value::Null,
                }
            }
            Value::DateTime(t) => {
                let (y, mo, d, hh, mi, ss) = civil_from_unix(*t);
                match lower.as_str() {
                    "year" => Value::Int(y),
                    "month" => Value::Int(mo as i64),
                    "day" => Value::Int(d as i64),
                    "hour" => Value::Int(hh as i64),
                    "minute" => Value::Int(mi as i64),
                    "second" => Value::Int(ss as i64),
                    "dayofweek" => Value::str(weekday_name(*t)),
                    "date" => Value::DateTime(unix_from_civil(y, mo, d, 0, 0, 0)),
                    "dayofyear" => Value::Int((t - unix_from_civil(y, 1, 1, 0, 0, 0)) / 86_400 + 1),
                    _ => Value::Null,
                }
            }
            // PowerShell 3+: `$null.Count` is 0, a scalar's is 1.
            Value::Null if lower == "count" || lower == "length" => Value::Int(0),
            Value::Object(o) if o.borrow().get(name).is_none() && lower == "count" => Value::Int(1),
            Value::Object(o) if lower == "psobject" && o.borrow().get(name).is_none() => {
                let o = o.borrow();
                let properties = o
                    .properties
                    .iter()
                    .map(|(k, v)| {
                        PsObject::new("System.Management.Automation.PSNoteProperty")
                            .with("Name", k.as_str())
                            .with("Value", v.clone())
                            .with("MemberType", "NoteProperty")
                            .with("TypeNameOfValue", v.type_name())
                            .into_value()
                    })
                    .collect::<Vec<_>>();
                PsObject::new("System.Management.Automation.PSObject")
                    .with("Properties", Value::Array(properties))
                    .with("TypeNames", Value::from(o.type_names.clone()))
                    .into_value()
            }
            other => other.property(name),
        }
    }

    pub fn set_member(&mut self, target: &Value, name: &str, value: Value, span: Span) -> R<()> {
        match target {
            Value::Hashtable(h) => {
                h.borrow_mut().insert(Value::str(name), value);
                Ok(())
            }
            Value::Object(o) => {
                if o.borrow().get(name).is_none() {
                    return Err(self.runtime_error(
                        span,
                        "PropertyAssignmentException",
                        &format!("The property '{name}' cannot be found on this object. Verify that the property exists and can be set."),
                    ));
                }
                o.borrow_mut().set(name, value);
                Ok(())
            }
            Value::Array(items) => {
                for item in items {
                    self.set_member(item, name, value.clone(), span)?;
                }
                Ok(())
            }
            Value::Null => Err(self.runtime_error(
                span,
                "PropertyNotFound",
                &format!("The property '{name}' cannot be found on this object. Verify that the property exists and can be set."),
            )),
            _ => Err(self.runtime_error(
                span,
                "PropertyAssignmentException",
                &format!("'{name}' is a ReadOnly property."),
            )),
        }
    }

    /// A method call whose target is an expression: `$list.Add(x)` on an array variable
    /// grows the variable (arrays are values here, so the change is written back).
    pub fn call_method_on(
        &mut self,
        target: &Expr,
        method: &str,
        args: Vec<Value>,
        span: Span,
    ) -> R<Value> {
        let value = self.eval(target)?;
        if let (Value::Array(items), "add", Expr::Variable(_)) =
            (&value, method.to_ascii_lowercase().as_str(), target)
        {
            let mut items = items.clone();
            let index = items.len();
            items.push(args.into_iter().next().unwrap_or(Value::Null));
            self.assign(
                target,
                crate::lang::ast::AssignOp::Assign,
                Value::Array(items),
            )?;
            return Ok(Value::Int(index as i64));
        }
        self.call_method(&value, method, args, span)
    }

    pub fn call_method(
        &mut self,
        target: &Value,
        method: &str,
        args: Vec<Value>,
        span: Span,
    ) -> R<Value> {
        let lower = method.to_ascii_lowercase();
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Null);
        let text = |i: usize| arg(i).to_ps_string();
        match (target, lower.as_str()) {
            (_, "tostring") if args.is_empty() => return Ok(Value::String(target.to_ps_string())),
            (_, "gettype") => return Ok(super::expr::type_object(&type_of(target))),
            (Value::Null, _) => {
                return Err(self.runtime_error(
                    span,
                    "InvokeMethodOnNull",
                    "You cannot call a method on a null-valued expression.",
                ))
            }
            (Value::Object(o), "shouldprocess") if o.borrow().type_name() == SCRIPT_CMDLET_TYPE => {
                let name = o
                    .borrow()
                    .get("CommandName")
                    .map(Value::to_ps_string)
                    .unwrap_or_default();
                let action = if args.len() >= 2 { text(1) } else { name };
                return Ok(Value::Bool(self.script_should_process(&text(0), &action)));
            }
            (Value::Object(o), "writeerror" | "throwterminatingerror")
                if o.borrow().type_name() == SCRIPT_CMDLET_TYPE =>
            {
                let record = self.thrown_record(&arg(0), span);
                if lower == "throwterminatingerror" {
                    return Err(Flow::Error(Box::new(super::Terminating {
                        record,
                        script: false,
                        ends_command: true,
                    })));
                }
                self.write_error_by_preference(record)?;
                return Ok(Value::Null);
            }
            (Value::Object(o), "writewarning") if o.borrow().type_name() == SCRIPT_CMDLET_TYPE => {
                let preference = self.preference("WarningPreference").to_ascii_lowercase();
                if preference != "silentlycontinue" && preference != "ignore" {
                    self.host_line(&format!("WARNING: {}", text(0)));
                }
                return Ok(Value::Null);
            }
            (Value::Object(o), "writeverbose") if o.borrow().type_name() == SCRIPT_CMDLET_TYPE => {
                if self
                    .preference("VerbosePreference")
                    .eq_ignore_ascii_case("Continue")
                {
                    self.host_line(&format!("VERBOSE: {}", text(0)));
                }
                return Ok(Value::Null);
            }
            (Value::ScriptBlock(sb), "invoke" | "invokereturnasis") => {
                let sb = sb.clone();
                return Ok(Value::from_items(self.invoke_block_value(&sb, None, args)?));
            }
            (Value::Array(items), "where" | "foreach") => {
                let Some(Value::ScriptBlock(sb)) = args.first() else {
                    return Err(self.no_method(target, method, span));
                };
                let sb = sb.clone();
                let mut out = Vec::new();
                for item in items {
                    let result = self.invoke_block_value(&sb, Some(item.clone()), Vec::new())?;
                    if lower == "where" {
                        if Value::from_items(result).is_truthy() {
                            out.push(item.clone());
                        }
                    } else {
                        out.extend(result);
                    }
                }
                return Ok(Value::Array(out));
            }
            _ => {}
        }
        let result = match target {
            Value::String(s) => string_method(s, &lower, &args),
            Value::Array(items) => array_method(items, &lower, &args),
            Value::Hashtable(h) => hashtable_method(h, &lower, &args),
            Value::DateTime(t) => date_method(*t, &lower, &args),
            Value::Int(_) | Value::Double(_) | Value::NumberText(..) if lower == "tostring" => {
                Some(Ok(Value::String(format_value(target, &text(0)))))
            }
            _ => None,
        };
        match result {
            Some(Ok(v)) => Ok(v),
            Some(Err(message)) => Err(self.runtime_error(
                span,
                "MethodInvocationException",
                &format!(
                    "Exception calling \"{method}\" with \"{}\" argument(s): \"{message}\"",
                    args.len()
                ),
            )),
            None => Err(self.no_method(target, method, span)),
        }
    }

    fn no_method(&self, target: &Value, method: &str, span: Span) -> Flow {
        self.runtime_error(
            span,
            "MethodNotFound",
            &format!(
                "Method invocation failed because [{}] does not contain a method named '{method}'.",
                target.type_name()
            ),
        )
    }

    pub fn static_member(&self, ty: &str, name: &str, span: Span) -> R<Value> {
        let t = ty.to_ascii_lowercase();
        let t = t.strip_prefix("system.").unwrap_or(&t);
        let n = name.to_ascii_lowercase();
        let value = match (t, n.as_str()) {
            ("string", "empty") => Some(Value::str("")),
            ("int" | "int32", "maxvalue") => Some(Value::Int(i32::MAX as i64)),
            ("int" | "int32", "minvalue") => Some(Value::Int(i32::MIN as i64)),
            ("long" | "int64", "maxvalue") => Some(Value::Int(i64::MAX)),
            ("long" | "int64", "minvalue") => Some(Value::Int(i64::MIN)),
            ("math", "pi") => Some(Value::Double(std::f64::consts::PI)),
            ("math", "e") => Some(Value::Double(std::f64::consts::E)),
            ("datetime", "now") => Some(Value::DateTime(now())),
            ("datetime", "utcnow") => Some(Value::DateTime(now())),
            ("datetime", "today") => Some(Value::DateTime(now() - now().rem_euclid(86_400))),
            ("environment", "newline") => Some(Value::str("\n")),
            ("environment", "machinename") => Some(Value::str(
                std::env::var("COMPUTERNAME")
                    .or_else(|_| std::env::var("HOSTNAME"))
                    .unwrap_or_else(|_| "localhost".into()),
            )),
            ("environment", "username") => Some(Value::str(
                std::env::var("USERNAME")
                    .or_else(|_| std::env::var("USER"))
                    .unwrap_or_default(),
            )),
            _ => None,
        };
        value.ok_or_else(|| {
            self.runtime_error(
                span,
                "PropertyNotFound",
                &format!("The property '{name}' cannot be found on type [{ty}]."),
            )
        })
    }

    pub fn call_static(
        &mut self,
        ty: &str,
        method: &str,
        args: Vec<Value>,
        span: Span,
    ) -> R<Value> {
        let t = ty.to_ascii_lowercase();
        let t = t.strip_prefix("system.").unwrap_or(&t).to_string();
        let m = method.to_ascii_lowercase();
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Null);
        let num = |i: usize| to_double(&arg(i));
        let result: Option<Result<Value, String>> = match (t.as_str(), m.as_str()) {
            ("string", "isnullorempty") => Some(Ok(Value::Bool(arg(0).to_ps_string().is_empty()))),
            ("string", "isnullorwhitespace") => {
                Some(Ok(Value::Bool(arg(0).to_ps_string().trim().is_empty())))
            }
            ("string", "join") => Some(Ok(ops::join(
                &Value::Array(
                    args[1.min(args.len())..]
                        .iter()
                        .flat_map(|v| v.clone().into_items())
                        .collect(),
                ),
                &arg(0),
            ))),
            ("string", "concat") => Some(Ok(Value::String(
                args.iter().map(Value::to_ps_string).collect(),
            ))),
            ("string", "format") => {
                let rest: Vec<Value> = args
                    .iter()
                    .skip(1)
                    .flat_map(|v| v.clone().into_items())
                    .collect();
                Some(strformat::composite(&arg(0).to_ps_string(), &rest).map(Value::String))
            }
            ("math", "round") => Some(num(0).map_err(|e| e.message).map(|x| {
                let digits = to_int(&arg(1), IntKind::Int32).unwrap_or(0).clamp(0, 15) as i32;
                let scale = 10f64.powi(digits);
                let r = (x * scale).round_ties_even() / scale;
                if args.len() < 2 {
                    Value::Int(r as i64)
                } else {
                    Value::Double(r)
                }
            })),
            ("math", "floor") => Some(
                num(0)
                    .map(|x| Value::Int(x.floor() as i64))
                    .map_err(|e| e.message),
            ),
            ("math", "ceiling") => Some(
                num(0)
                    .map(|x| Value::Int(x.ceil() as i64))
                    .map_err(|e| e.message),
            ),
            ("math", "abs") => Some(num(0).map(|x| number(x.abs())).map_err(|e| e.message)),
            ("math", "sqrt") => Some(
                num(0)
                    .map(|x| Value::Double(x.sqrt()))
                    .map_err(|e| e.message),
            ),
            ("math", "pow") => Some(
                num(0)
                    .and_then(|a| num(1).map(|b| Value::Double(a.powf(b))))
                    .map_err(|e| e.message),
            ),
            ("math", "max" | "min") => Some(
                num(0)
                    .and_then(|a| {
                        num(1).map(|b| {
                            let r = if m == "max" { a.max(b) } else { a.min(b) };
                            number(r)
                        })
                    })
                    .map_err(|e| e.message),
            ),
            ("datetime", "parse") => Some(
                to_datetime(&Value::str(arg(0).to_ps_string()))
                    .map(Value::DateTime)
                    .map_err(|e| e.message),
            ),
            ("guid", "newguid") => Some(Ok(Value::str(pseudo_guid()))),
            ("io.path", "combine") => Some(Ok(Value::String(
                args.iter()
                    .map(Value::to_ps_string)
                    .collect::<Vec<_>>()
                    .join(std::path::MAIN_SEPARATOR_STR),
            ))),
            ("io.path", "getfilename") => Some(Ok(Value::str(
                std::path::Path::new(&arg(0).to_ps_string())
                    .file_name()
                    .map(|f| f.to_string_lossy().to_string())
                    .unwrap_or_default(),
            ))),
            ("io.file", "exists") => Some(Ok(Value::Bool(
                std::path::Path::new(&arg(0).to_ps_string()).is_file(),
            ))),
            ("io.file", "readalltext") => Some(
                std::fs::read_to_string(arg(0).to_ps_string())
                    .map(Value::String)
                    .map_err(|e| e.to_string()),
            ),
            ("io.file", "readalllines") => Some(
                std::fs::read_to_string(arg(0).to_ps_string())
                    .map(|t| Value::Array(t.lines().map(Value::str).collect()))
                    .map_err(|e| e.to_string()),
            ),
            ("io.file", "writealltext") => Some(
                std::fs::write(arg(0).to_ps_string(), arg(1).to_ps_string())
                    .map(|()| Value::Null)
                    .map_err(|e| e.to_string()),
            ),
            ("regex", "escape") => Some(Ok(Value::String(regex_lite::escape(
                &arg(0).to_ps_string(),
            )))),
            ("regex", "ismatch") => Some(
                ops::regex(&arg(1).to_ps_string(), Case::Sensitive)
                    .map(|re| Value::Bool(re.is_match(&arg(0).to_ps_string())))
                    .map_err(|e| e.message),
            ),
            ("regex", "replace") => Some(
                ops::compare(
                    crate::lang::ast::CompareOp::Replace,
                    Case::Sensitive,
                    &arg(0),
                    &Value::Array(vec![arg(1), arg(2)]),
                    &mut None,
                )
                .map_err(|e| e.message),
            ),
            ("environment", "getenvironmentvariable") => {
                Some(Ok(std::env::var(arg(0).to_ps_string())
                    .map(Value::String)
                    .unwrap_or(Value::Null)))
            }
            ("math", "truncate") => Some(num(0).map(|x| number(x.trunc())).map_err(|e| e.message)),
            _ => None,
        };
        match result {
            Some(Ok(v)) => Ok(v),
            Some(Err(message)) => Err(self.runtime_error(
                span,
                "MethodInvocationException",
                &format!("Exception calling \"{method}\" with \"{}\" argument(s): \"{message}\"", args.len()),
            )),
            None => Err(self.runtime_error(
                span,
                "MethodNotFound",
                &format!("Method invocation failed because [{ty}] does not contain a method named '{method}'."),
            )),
        }
    }
}

fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        Value::Int(x as i64)
    } else {
        Value::Double(x)
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A version-4-shaped GUID from the clock and process id (no randomness crate needed).
fn pseudo_guid() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut x = nanos ^ ((std::process::id() as u128) << 64);
    let mut hex = String::new();
    for _ in 0..32 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        hex.push(char::from_digit(((x >> 60) & 0xF) as u32, 16).unwrap_or('0'));
    }
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// The type `GetType()` reports.
fn type_of(v: &Value) -> Ty {
    match v {
        Value::String(_) => Ty::String,
        Value::Bool(_) => Ty::Bool,
        Value::Int(i) if i32::try_from(*i).is_ok() => Ty::Int(IntKind::Int32),
        Value::Int(_) => Ty::Int(IntKind::Int64),
        Value::Double(_) => Ty::Double,
        Value::NumberText(d, _) if d.fract() == 0.0 => Ty::Int(IntKind::Int32),
        Value::NumberText(..) => Ty::Double,
        Value::DateTime(_) => Ty::DateTime,
        Value::Array(_) => Ty::Array(Box::new(Ty::Object)),
        Value::Hashtable(_) => Ty::Hashtable,
        Value::ScriptBlock(_) => Ty::ScriptBlock,
        Value::Switch(_) => Ty::Switch,
        Value::Object(o) => Ty::Identity(o.borrow().type_name().to_string()),
        Value::Null => Ty::Object,
    }
}

fn string_method(s: &str, method: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let text = |i: usize| args.get(i).map(Value::to_ps_string).unwrap_or_default();
    let int = |i: usize| args.get(i).and_then(|v| to_int(v, IntKind::Int32).ok());
    let chars: Vec<char> = s.chars().collect();
    let out_of_range = || {
        "Index and length must refer to a location within the string.\r\nParameter name: length"
            .to_string()
    };
    Some(Ok(match method {
        "tolower" | "tolowerinvariant" => Value::String(s.to_lowercase()),
        "toupper" | "toupperinvariant" => Value::String(s.to_uppercase()),
        "trim" | "trimstart" | "trimend" => {
            let set: Vec<char> = args
                .iter()
                .flat_map(|a| a.to_ps_string().chars().collect::<Vec<_>>())
                .collect();
            let is_trimmed = |c: char| {
                if set.is_empty() {
                    c.is_whitespace()
                } else {
                    set.contains(&c)
                }
            };
            Value::String(
                match method {
                    "trim" => s.trim_matches(is_trimmed),
                    "trimstart" => s.trim_start_matches(is_trimmed),
                    _ => s.trim_end_matches(is_trimmed),
                }
                .to_string(),
            )
        }
        "split" => {
            // .NET's Split(char[]) splits on any of the characters given.
            let seps: Vec<char> = args
                .iter()
                .flat_map(|a| a.to_ps_string().chars().collect::<Vec<_>>())
                .collect();
            let parts: Vec<Value> = if seps.is_empty() {
                s.split(char::is_whitespace).map(Value::str).collect()
            } else {
                s.split(|c| seps.contains(&c)).map(Value::str).collect()
            };
            Value::Array(parts)
        }
        "replace" => {
            if text(0).is_empty() {
                return Some(Err(
                    "String cannot be of zero length.\r\nParameter name: oldValue".into(),
                ));
            }
            Value::String(s.replace(&text(0), &text(1)))
        }
        "startswith" => Value::Bool(s.starts_with(&text(0))),
        "endswith" => Value::Bool(s.ends_with(&text(0))),
        "contains" => Value::Bool(s.contains(&text(0))),
        "equals" => Value::Bool(s == text(0)),
        "indexof" => Value::Int(char_index(s, s.find(&text(0)))),
        "lastindexof" => Value::Int(char_index(s, s.rfind(&text(0)))),
        "substring" => {
            let start = int(0).unwrap_or(0);
            let len = int(1).unwrap_or(chars.len() as i64 - start);
            if start < 0 || len < 0 || (start + len) as usize > chars.len() {
                return Some(Err(out_of_range()));
            }
            Value::String(
                chars[start as usize..(start + len) as usize]
                    .iter()
                    .collect(),
            )
        }
        "padleft" | "padright" => {
            let width = int(0).unwrap_or(0).clamp(0, 1_000_000) as usize;
            let fill = text(1).chars().next().unwrap_or(' ');
            let pad: String =
                std::iter::repeat_n(fill, width.saturating_sub(chars.len())).collect();
            Value::String(if method == "padleft" {
                format!("{pad}{s}")
            } else {
                format!("{s}{pad}")
            })
        }
        "insert" => {
            let at = int(0).unwrap_or(0).clamp(0, chars.len() as i64) as usize;
            let mut out: String = chars[..at].iter().collect();
            out.push_str(&text(1));
            out.extend(&chars[at..]);
            Value::String(out)
        }
        "remove" => {
            let start = int(0).unwrap_or(0).clamp(0, chars.len() as i64) as usize;
            let len = int(1).unwrap_or((chars.len() - start) as i64).max(0) as usize;
            let end = (start + len).min(chars.len());
            Value::String(chars[..start].iter().chain(&chars[end..]).collect())
        }
        "tochararray" => Value::Array(chars.iter().map(|c| Value::String(c.to_string())).collect()),
        "tostring" => Value::str(s),
        "compareto" => Value::Int(match ops::compare_strings(s, &text(0), Case::Sensitive) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        }),
        _ => return None,
    }))
}

fn char_index(s: &str, byte: Option<usize>) -> i64 {
    byte.map_or(-1, |b| s[..b].chars().count() as i64)
}

fn array_method(items: &[Value], method: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let arg = args.first().cloned().unwrap_or(Value::Null);
    Some(Ok(match method {
        "contains" => Value::Bool(items.iter().any(|i| ops::equals(i, &arg, Case::Sensitive))),
        "indexof" => Value::Int(
            items
                .iter()
                .position(|i| ops::equals(i, &arg, Case::Sensitive))
                .map_or(-1, |p| p as i64),
        ),
        "add" | "remove" | "clear" | "insert" => {
            return Some(Err("Collection was of a fixed size.".into()))
        }
        "getenumerator" => Value::Array(items.to_vec()),
        _ => return None,
    }))
}

fn hashtable_method(
    h: &Rc<RefCell<Hashtable>>,
    method: &str,
    args: &[Value],
) -> Option<Result<Value, String>> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Null);
    Some(Ok(match method {
        "containskey" | "contains" => Value::Bool(h.borrow().get(&arg(0)).is_some()),
        "containsvalue" => Value::Bool(
            h.borrow()
                .iter()
                .any(|(_, v)| ops::equals(v, &arg(0), Case::Insensitive)),
        ),
        "add" => {
            let key = arg(0);
            if h.borrow().get(&key).is_some() {
                let k = key.to_ps_string();
                return Some(Err(format!(
                    "Item has already been added. Key in dictionary: '{k}'  Key being added: '{k}'"
                )));
            }
            h.borrow_mut().insert(key, arg(1));
            Value::Null
        }
        "remove" => {
            h.borrow_mut().remove(&arg(0));
            Value::Null
        }
        "clear" => {
            h.borrow_mut().entries.clear();
            Value::Null
        }
        "clone" => Value::Hashtable(Rc::new(RefCell::new(h.borrow().clone()))),
        "getenumerator" => Value::Array(
            h.borrow()
                .iter()
                .map(|(k, v)| {
                    PsObject::new("System.Collections.DictionaryEntry")
                        .with("Name", k.clone())
                        .with("Key", k.clone())
                        .with("Value", v.clone())
                        .into_value()
                })
                .collect(),
        ),
        _ => return None,
    }))
}

fn date_method(t: i64, method: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let amount = || to_double(args.first().unwrap_or(&Value::Null)).map_err(|e| e.message);
    let add = |seconds: f64| {
        amount().map(|n| Value::DateTime(t.saturating_add((n * seconds).round() as i64)))
    };
    Some(match method {
        "adddays" => add(86_400.0),
        "addhours" => add(3_600.0),
        "addminutes" => add(60.0),
        "addseconds" => add(1.0),
        "addmonths" | "addyears" => amount().map(|n| {
            let (y, mo, d, hh, mi, ss) = civil_from_unix(t);
            // Ten thousand years either way is as far as the calendar arithmetic goes.
            let n = n.clamp(-120_000.0, 120_000.0) as i64;
            let months = if method == "addmonths" {
                n
            } else {
                (n * 12).clamp(-120_000, 120_000)
            };
            let total = y * 12 + (mo as i64 - 1) + months;
            let (ny, nm) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
            let max_day = (28..=31)
                .rev()
                .find(|&day| civil_from_unix(unix_from_civil(ny, nm, day, 0, 0, 0)).2 == day)
                .unwrap_or(28);
            Value::DateTime(unix_from_civil(ny, nm, d.min(max_day), hh, mi, ss))
        }),
        "tostring" => Ok(Value::String(crate::engine::format::format_date(
            t,
            &args.first().map(Value::to_ps_string).unwrap_or_default(),
        ))),
        "toshortdatestring" => Ok(Value::String(crate::engine::format::format_date(t, "d"))),
        "tolongdatestring" => Ok(Value::String(crate::engine::format::format_date(t, "D"))),
        "toshorttimestring" => Ok(Value::String(crate::engine::format::format_date(t, "t"))),
        "tolongtimestring" => Ok(Value::String(crate::engine::format::format_date(t, "T"))),
        "touniversaltime" | "tolocaltime" => Ok(Value::DateTime(t)),
        _ => return None,
    })
}
