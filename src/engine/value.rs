//! Values that flow through pipelines and live in variables.
//!
//! Objects and hashtables are shared by reference, as in PowerShell: `$p = Get-X; $p.A = 1`
//! changes the object that `Set-X -Instance $p` later receives.

use indexmap::IndexMap;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use crate::lang::ast;

#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Double(f64),
    String(String),
    /// A number typed in command mode: binds and computes as a number, prints as typed.
    NumberText(f64, String),
    /// Seconds since the Unix epoch, UTC.
    DateTime(i64),
    Array(Vec<Value>),
    Hashtable(Rc<RefCell<Hashtable>>),
    Object(Rc<RefCell<PsObject>>),
    ScriptBlock(Rc<ast::ScriptBlock>),
    /// A `[switch]` value as bound to a switch parameter.
    Switch(bool),
}

/// `@{}`: keys compare case-insensitively; insertion order is kept for display.
#[derive(Clone, Debug, Default)]
pub struct Hashtable {
    pub entries: IndexMap<String, (Value, Value)>,
    pub ordered: bool,
}

impl Hashtable {
    fn key_of(k: &Value) -> String {
        k.to_ps_string().to_lowercase()
    }
    pub fn get(&self, k: &Value) -> Option<&Value> {
        self.entries.get(&Self::key_of(k)).map(|(_, v)| v)
    }
    pub fn get_str(&self, k: &str) -> Option<&Value> {
        self.entries.get(&k.to_lowercase()).map(|(_, v)| v)
    }
    pub fn insert(&mut self, k: Value, v: Value) {
        self.entries.insert(Self::key_of(&k), (k, v));
    }
    pub fn remove(&mut self, k: &Value) -> Option<Value> {
        self.entries.shift_remove(&Self::key_of(k)).map(|(_, v)| v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.values().map(|(k, v)| (k, v))
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A PowerShell object: type names (most specific first) and ordered properties.
#[derive(Clone, Debug, Default)]
pub struct PsObject {
    pub type_names: Vec<String>,
    pub properties: IndexMap<String, Value>,
}

impl PsObject {
    pub fn new(type_name: impl Into<String>) -> Self {
        PsObject {
            type_names: vec![type_name.into()],
            properties: IndexMap::new(),
        }
    }
    /// Builder-style property add, keeping insertion order.
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.properties.insert(name.into(), value.into());
        self
    }
    /// Case-insensitive property lookup, as PowerShell member access does.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.properties
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
    /// Sets an existing property (keeping its spelling and position) or appends a new one.
    pub fn set(&mut self, name: &str, value: Value) {
        match self
            .properties
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            Some((_, v)) => *v = value,
            None => {
                self.properties.insert(name.to_string(), value);
            }
        }
    }
    pub fn type_name(&self) -> &str {
        self.type_names
            .first()
            .map(String::as_str)
            .unwrap_or("System.Management.Automation.PSCustomObject")
    }
    pub fn into_value(self) -> Value {
        Value::Object(Rc::new(RefCell::new(self)))
    }
}

impl Value {
    pub fn str(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// PowerShell's truthiness (`if ($x)`): empty strings, 0, `$null`, empty arrays are false;
    /// a one-element array is as true as its element.
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) | Value::Switch(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Double(d) | Value::NumberText(d, _) => *d != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => match a.len() {
                0 => false,
                1 => a[0].is_truthy(),
                _ => true,
            },
            _ => true,
        }
    }

    /// The items a pipeline enumerates: arrays unroll, everything else is one item,
    /// `$null` is one `$null` item when written explicitly.
    pub fn into_items(self) -> Vec<Value> {
        match self {
            Value::Array(a) => a,
            v => vec![v],
        }
    }

    /// Wraps pipeline output as PowerShell assigns it: nothing is `$null`, one item is itself,
    /// more are an array.
    pub fn from_items(mut items: Vec<Value>) -> Value {
        match items.len() {
            0 => Value::Null,
            1 => items.pop().unwrap(),
            _ => Value::Array(items),
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Double(d) | Value::NumberText(d, _) => Some(*d),
            Value::Bool(b) | Value::Switch(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }

    /// A short type name as PowerShell's error messages print it (`System.String`).
    pub fn type_name(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(_) => "System.Boolean".into(),
            Value::Int(i) if i32::try_from(*i).is_ok() => "System.Int32".into(),
            Value::Int(_) => "System.Int64".into(),
            Value::Double(_) => "System.Double".into(),
            Value::NumberText(d, _) if d.fract() == 0.0 => "System.Int32".into(),
            Value::NumberText(..) => "System.Double".into(),
            Value::String(_) => "System.String".into(),
            Value::DateTime(_) => "System.DateTime".into(),
            Value::Array(_) => "System.Object[]".into(),
            Value::Hashtable(_) => "System.Collections.Hashtable".into(),
            Value::Object(o) => o.borrow().type_name().to_string(),
            Value::ScriptBlock(_) => "System.Management.Automation.ScriptBlock".into(),
            Value::Switch(_) => "System.Management.Automation.SwitchParameter".into(),
        }
    }

    /// Property access with PowerShell's member enumeration: `$array.Name` collects the
    /// property of every element. Hashtable keys read as properties.
    pub fn property(&self, name: &str) -> Value {
        match self {
            Value::Object(o) => o.borrow().get(name).cloned().unwrap_or(Value::Null),
            Value::Hashtable(h) => h.borrow().get_str(name).cloned().unwrap_or(Value::Null),
            Value::Array(items) => {
                if name.eq_ignore_ascii_case("Count") || name.eq_ignore_ascii_case("Length") {
                    return Value::Int(items.len() as i64);
                }
                let vals: Vec<Value> = items
                    .iter()
                    .map(|i| i.property(name))
                    .filter(|v| !v.is_null())
                    .flat_map(Value::into_items)
                    .collect();
                Value::from_items(vals)
            }
            Value::String(s) if name.eq_ignore_ascii_case("Length") => {
                Value::Int(s.chars().count() as i64)
            }
            Value::Null => Value::Null,
            _ if name.eq_ignore_ascii_case("Count") => Value::Int(1),
            _ => Value::Null,
        }
    }

    /// How PowerShell turns the value into a string (`"$x"`, `[string]$x`, binding to
    /// `[string]`): `True`, `5`, `1.5`, arrays joined by spaces.
    pub fn to_ps_string(&self) -> String {
        self.to_ps_string_within(0)
    }

    /// [`Value::to_ps_string`] that stops descending into objects that contain themselves.
    fn to_ps_string_within(&self, depth: usize) -> String {
        const MAX_DEPTH: usize = 16;
        if depth > MAX_DEPTH {
            return self.type_name();
        }
        match self {
            Value::Null => String::new(),
            Value::Bool(b) | Value::Switch(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Double(d) => format_double(*d),
            Value::NumberText(_, t) => t.clone(),
            Value::String(s) => s.clone(),
            Value::DateTime(t) => format_datetime(*t),
            Value::Array(a) => a
                .iter()
                .map(|v| v.to_ps_string_within(depth + 1))
                .collect::<Vec<_>>()
                .join(" "),
            Value::Hashtable(_) => "System.Collections.Hashtable".into(),
            Value::Object(o) => {
                let o = o.borrow();
                if let Some(text) = special_string(&o) {
                    return text;
                }
                // Lync objects print as their identity when turned into a string.
                match o.get("Identity") {
                    Some(id) if !id.is_null() => id.to_ps_string_within(depth + 1),
                    _ => {
                        let body = o
                            .properties
                            .iter()
                            .map(|(k, v)| format!("{k}={}", v.to_ps_string_within(depth + 1)))
                            .collect::<Vec<_>>()
                            .join("; ");
                        format!("@{{{body}}}")
                    }
                }
            }
            Value::ScriptBlock(sb) => sb.text.to_string(),
        }
    }

    /// How a value shows as one property in list or table view: collections as `{a, b}`.
    pub fn to_display_string(&self) -> String {
        match self {
            Value::Array(a) => format!(
                "{{{}}}",
                a.iter()
                    .map(Value::to_ps_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            v => v.to_ps_string(),
        }
    }
}

/// Objects whose .NET `ToString()` is not the property list: error records and exceptions
/// print their message, type objects (`$x.GetType()`) their full name, Get-Location's
/// PathInfo its path (`Join-Path (Get-Location) x`).
fn special_string(o: &PsObject) -> Option<String> {
    let type_name = o.type_name();
    if type_name == "System.Management.Automation.PathInfo" {
        return o.get("Path").map(Value::to_ps_string);
    }
    if type_name == "System.Management.Automation.ErrorRecord" {
        return Some(o.get("Exception")?.property("Message").to_ps_string());
    }
    if type_name.ends_with("Exception") {
        return o.get("Message").map(Value::to_ps_string);
    }
    if type_name == "System.RuntimeType" {
        return o.get("FullName").map(Value::to_ps_string);
    }
    None
}

/// Doubles print without a trailing `.0` and with up to 15 significant digits, as .NET does.
pub fn format_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if d.fract() == 0.0 && d.abs() < 1e15 {
        return format!("{}", d as i64);
    }
    let s = format!("{:.15}", d);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    // Round away float noise (0.1 + 0.2 prints as 0.3, as in PowerShell).
    let precise: f64 = format!("{:.14e}", d).parse().unwrap_or(d);
    let short = format!("{}", precise);
    if short.len() < s.len() {
        short
    } else {
        s.to_string()
    }
}

/// `M/d/yyyy h:mm:ss tt` (en-US), as Windows PowerShell prints a `DateTime`.
pub fn format_datetime(secs: i64) -> String {
    let (y, m, d, hh, mm, ss) = civil_from_unix(secs);
    let (h12, ampm) = match hh {
        0 => (12, "AM"),
        1..=11 => (hh, "AM"),
        12 => (12, "PM"),
        _ => (hh - 12, "PM"),
    };
    format!("{m}/{d}/{y} {h12}:{mm:02}:{ss:02} {ampm}")
}

/// Converts Unix seconds into (year, month, day, hour, minute, second), UTC.
pub fn civil_from_unix(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

/// Converts a civil UTC date into Unix seconds (inverse of [`civil_from_unix`]).
pub fn unix_from_civil(y: i64, m: u32, d: u32, hh: u32, mm: u32, ss: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hh as i64 * 3600 + mm as i64 * 60 + ss as i64
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_ps_string())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<u16> for Value {
    fn from(i: u16) -> Self {
        Value::Int(i as i64)
    }
}
impl From<u32> for Value {
    fn from(i: u32) -> Self {
        Value::Int(i as i64)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::Null, Into::into)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Self {
        Value::Array(v.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_as_powershell_prints_them() {
        assert_eq!(Value::Bool(true).to_ps_string(), "True");
        assert_eq!(Value::Double(1.5).to_ps_string(), "1.5");
        assert_eq!(Value::Double(0.1 + 0.2).to_ps_string(), "0.3");
        assert_eq!(Value::Double(3.0).to_ps_string(), "3");
        let arr = Value::from(vec!["a", "b"]);
        assert_eq!(arr.to_ps_string(), "a b");
        assert_eq!(arr.to_display_string(), "{a, b}");
    }

    #[test]
    fn dates_round_trip_and_print_en_us() {
        let t = unix_from_civil(2012, 1, 12, 15, 4, 5);
        assert_eq!(civil_from_unix(t), (2012, 1, 12, 15, 4, 5));
        assert_eq!(format_datetime(t), "1/12/2012 3:04:05 PM");
    }

    #[test]
    fn member_enumeration_collects_properties() {
        let a = PsObject::new("T").with("Name", "x").into_value();
        let b = PsObject::new("T").with("name", "y").into_value();
        let arr = Value::Array(vec![a, b]);
        assert_eq!(arr.property("NAME").to_ps_string(), "x y");
        assert_eq!(arr.property("Count").to_ps_string(), "2");
    }
}
