//! PowerShell's type conversions: the number scanner behind `[int]'0x1F'`, casts, `-as`, and
//! the conversions the binder applies to parameter values.
//!
//! Types come from two spellings: catalog type names (`Int32`, `String[]`, `XdsIdentity`) and
//! cast literals (`[int]`, `[string[]]`, `[System.DateTime]`). Both resolve to [`Ty`].

use std::cell::RefCell;
use std::rc::Rc;

use super::value::{unix_from_civil, Hashtable, PsObject, Value};
use crate::catalog::Catalog;
use crate::lang::ast::Number;

/// Integer widths PowerShell scripts and the catalog use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntKind {
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
}

impl IntKind {
    fn range(self) -> (i128, i128) {
        match self {
            IntKind::Byte => (0, u8::MAX as i128),
            IntKind::Int16 => (i16::MIN as i128, i16::MAX as i128),
            IntKind::UInt16 => (0, u16::MAX as i128),
            IntKind::Int32 => (i32::MIN as i128, i32::MAX as i128),
            IntKind::UInt32 => (0, u32::MAX as i128),
            IntKind::Int64 => (i64::MIN as i128, i64::MAX as i128),
            // Values above i64::MAX cannot be represented by `Value::Int`; clamp there.
            IntKind::UInt64 => (0, i64::MAX as i128),
        }
    }
    fn dotnet(self) -> &'static str {
        match self {
            IntKind::Byte => "System.Byte",
            IntKind::Int16 => "System.Int16",
            IntKind::UInt16 => "System.UInt16",
            IntKind::Int32 => "System.Int32",
            IntKind::UInt32 => "System.UInt32",
            IntKind::Int64 => "System.Int64",
            IntKind::UInt64 => "System.UInt64",
        }
    }
    /// The noun of .NET's overflow message ("too large or too small for an Int32").
    fn overflow_noun(self) -> &'static str {
        match self {
            IntKind::Byte => "an unsigned byte",
            IntKind::Int16 => "an Int16",
            IntKind::UInt16 => "a UInt16",
            IntKind::Int32 => "an Int32",
            IntKind::UInt32 => "a UInt32",
            IntKind::Int64 => "an Int64",
            IntKind::UInt64 => "a UInt64",
        }
    }
}

/// A resolved type.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Object,
    PsObject,
    String,
    Char,
    Bool,
    Switch,
    Int(IntKind),
    Double,
    DateTime,
    ScriptBlock,
    Hashtable,
    /// `[ordered]`: an insertion-ordered hashtable.
    Ordered,
    /// `PSListModifier`: `@{Add=…; Remove=…; Replace=…}`, or a plain value meaning Replace.
    ListModifier,
    PsCustomObject,
    /// `[void]`: the value is discarded.
    Void,
    /// An enum from the catalog, with its valid names.
    Enum {
        name: String,
        values: Vec<String>,
    },
    /// A Lync identity type (`XdsIdentity`, `Fqdn`, …): binds as a string.
    Identity(String),
    Array(Box<Ty>),
}

/// Why a conversion failed; `message` is PowerShell's full text without any binder prefix.
#[derive(Clone, Debug, PartialEq)]
pub struct ConvError {
    pub message: String,
}

impl ConvError {
    fn value(value: &Value, ty: &Ty, inner: &str) -> ConvError {
        ConvError {
            message: format!(
                "Cannot convert value \"{}\" to type \"{}\". Error: \"{inner}\"",
                value.to_ps_string(),
                ty.dotnet_name()
            ),
        }
    }
    fn of_type(value: &Value, ty: &Ty) -> ConvError {
        ConvError {
            message: format!(
                "Cannot convert the \"{}\" value of type \"{}\" to type \"{}\".",
                short_text(value),
                value.type_name(),
                ty.dotnet_name()
            ),
        }
    }
}

/// How a value shows inside a conversion message: collections by their type name.
fn short_text(value: &Value) -> String {
    match value {
        Value::Array(_) | Value::Hashtable(_) => value.type_name(),
        v => v.to_ps_string(),
    }
}

impl Ty {
    /// A catalog type name (see `ParamDef::type_name`). Names the catalog does not know as
    /// enums or built-in types are identity types, which bind as strings.
    pub fn from_catalog(name: &str, catalog: &Catalog) -> Ty {
        if let Some(element) = name.strip_suffix("[]") {
            return Ty::Array(Box::new(Ty::from_catalog(element, catalog)));
        }
        if let Some(values) = catalog.enum_values(name) {
            return Ty::Enum {
                name: name.to_string(),
                values: values.to_vec(),
            };
        }
        Ty::builtin(name).unwrap_or_else(|| Ty::Identity(name.to_string()))
    }

    /// A type written in a script (`[int]`, `[System.String[]]`); `None` when unknown.
    pub fn from_script(name: &str, is_array: bool) -> Option<Ty> {
        let base = Ty::builtin(name)?;
        Some(if is_array {
            Ty::Array(Box::new(base))
        } else {
            base
        })
    }

    fn builtin(name: &str) -> Option<Ty> {
        let lower = name.to_ascii_lowercase();
        let short = lower.strip_prefix("system.").unwrap_or(&lower);
        let short = short
            .strip_prefix("management.automation.")
            .unwrap_or(short);
        let short = short.strip_prefix("collections.").unwrap_or(short);
        Some(match short {
            "object" => Ty::Object,
            "psobject" => Ty::PsObject,
            "string" => Ty::String,
            "char" => Ty::Char,
            "bool" | "boolean" => Ty::Bool,
            "switch" | "switchparameter" => Ty::Switch,
            "byte" => Ty::Int(IntKind::Byte),
            "int16" | "short" => Ty::Int(IntKind::Int16),
            "uint16" | "ushort" => Ty::Int(IntKind::UInt16),
            "int" | "int32" => Ty::Int(IntKind::Int32),
            "uint32" | "uint" => Ty::Int(IntKind::UInt32),
            "long" | "int64" => Ty::Int(IntKind::Int64),
            "uint64" | "ulong" => Ty::Int(IntKind::UInt64),
            "double" | "float" | "single" | "decimal" => Ty::Double,
            "datetime" => Ty::DateTime,
            "scriptblock" => Ty::ScriptBlock,
            "hashtable" => Ty::Hashtable,
            "ordered" | "specialized.ordereddictionary" => Ty::Ordered,
            "pslistmodifier" => Ty::ListModifier,
            "pscustomobject" => Ty::PsCustomObject,
            "void" => Ty::Void,
            // Lists are arrays here; `.Add()` on a list variable grows it in place.
            "array" | "object[]" | "arraylist" => Ty::Array(Box::new(Ty::Object)),
            _ => return None,
        })
    }

    /// The .NET name PowerShell's messages use.
    pub fn dotnet_name(&self) -> String {
        match self {
            Ty::Object => "System.Object".into(),
            Ty::PsObject => "System.Management.Automation.PSObject".into(),
            Ty::String => "System.String".into(),
            Ty::Char => "System.Char".into(),
            Ty::Bool => "System.Boolean".into(),
            Ty::Switch => "System.Management.Automation.SwitchParameter".into(),
            Ty::Int(k) => k.dotnet().into(),
            Ty::Double => "System.Double".into(),
            Ty::DateTime => "System.DateTime".into(),
            Ty::ScriptBlock => "System.Management.Automation.ScriptBlock".into(),
            Ty::Hashtable => "System.Collections.Hashtable".into(),
            Ty::Ordered => "System.Collections.Specialized.OrderedDictionary".into(),
            Ty::ListModifier => "System.Management.Automation.PSListModifier".into(),
            Ty::PsCustomObject => "System.Management.Automation.PSCustomObject".into(),
            Ty::Void => "System.Void".into(),
            Ty::Enum { name, .. } => name.clone(),
            Ty::Identity(name) => identity_dotnet_name(name),
            Ty::Array(e) => format!("{}[]", e.dotnet_name()),
        }
    }

    /// Whether `value` already has this type, with no conversion (pipeline binding's first pass).
    pub fn accepts_exactly(&self, value: &Value) -> bool {
        matches!(
            (self, value),
            (
                Ty::Object | Ty::PsObject,
                Value::Object(_) | Value::Hashtable(_)
            ) | (Ty::String | Ty::Identity(_), Value::String(_))
                | (Ty::Bool, Value::Bool(_))
                | (Ty::Int(_), Value::Int(_))
                | (Ty::Double, Value::Double(_))
                | (Ty::DateTime, Value::DateTime(_))
                | (Ty::ScriptBlock, Value::ScriptBlock(_))
                | (Ty::Hashtable | Ty::ListModifier, Value::Hashtable(_))
                | (Ty::Array(_), Value::Array(_))
        )
    }
}

/// Full .NET names of the Lync identity types, as Get-Help and binding errors print them.
fn identity_dotnet_name(name: &str) -> String {
    match name {
        "XdsIdentity" | "XdsGlobalRelativeIdentity" => {
            format!("Microsoft.Rtc.Management.Xds.{name}")
        }
        "Fqdn" => "Microsoft.Rtc.Management.Deploy.Fqdn".into(),
        "UserIdParameter" => "Microsoft.Rtc.Management.AD.UserIdParameter".into(),
        _ => name.to_string(),
    }
}

/// Converts like a PowerShell cast (`[int]$x`, `-as`, typed variables, script parameters).
pub fn convert(value: &Value, ty: &Ty) -> Result<Value, ConvError> {
    match ty {
        Ty::Object | Ty::PsObject => Ok(value.clone()),
        Ty::Void => Ok(Value::Null),
        Ty::String | Ty::Identity(_) => Ok(match value {
            Value::Null => Value::String(String::new()),
            v => Value::String(v.to_ps_string()),
        }),
        Ty::Char => {
            let s = match value {
                Value::Int(i) => char::from_u32(*i as u32).map(String::from),
                Value::String(s) if s.chars().count() == 1 => Some(s.clone()),
                _ => None,
            };
            s.map(Value::String).ok_or_else(|| {
                ConvError::value(value, ty, "String must be exactly one character long.")
            })
        }
        Ty::Bool => Ok(Value::Bool(value.is_truthy())),
        Ty::Switch => Ok(Value::Switch(value.is_truthy())),
        Ty::Int(kind) => to_int(value, *kind).map(Value::Int),
        Ty::Double => to_double(value).map(Value::Double),
        Ty::DateTime => to_datetime(value).map(Value::DateTime),
        Ty::ScriptBlock => match value {
            Value::ScriptBlock(_) => Ok(value.clone()),
            _ => Err(ConvError::of_type(value, ty)),
        },
        Ty::Hashtable | Ty::Ordered => match value {
            Value::Hashtable(h) => {
                if matches!(ty, Ty::Ordered) {
                    let mut copy = h.borrow().clone();
                    copy.ordered = true;
                    Ok(Value::Hashtable(Rc::new(RefCell::new(copy))))
                } else {
                    Ok(value.clone())
                }
            }
            _ => Err(ConvError::of_type(value, ty)),
        },
        Ty::ListModifier => Ok(match value {
            Value::Hashtable(_) => value.clone(),
            // A bare value or list replaces the whole collection, as PSListModifier(object) does.
            v => {
                let mut h = Hashtable::default();
                h.insert(Value::str("Replace"), v.clone());
                Value::Hashtable(Rc::new(RefCell::new(h)))
            }
        }),
        Ty::PsCustomObject => Ok(match value {
            Value::Hashtable(h) => {
                let mut o = PsObject::new("System.Management.Automation.PSCustomObject");
                for (k, v) in h.borrow().iter() {
                    o.properties.insert(k.to_ps_string(), v.clone());
                }
                o.into_value()
            }
            v => v.clone(),
        }),
        Ty::Enum { values, .. } => to_enum(value, ty, values).map(Value::String),
        Ty::Array(element) => match value {
            Value::Null => Ok(Value::Null),
            v => {
                let items = v.clone().into_items();
                let converted = items
                    .iter()
                    .map(|i| convert(i, element))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Value::Array(converted))
            }
        },
    }
}

/// Matches an enum name case-insensitively (or a number as the index into the names).
pub fn to_enum(value: &Value, ty: &Ty, names: &[String]) -> Result<String, ConvError> {
    let text = value.to_ps_string();
    if let Some(name) = names.iter().find(|n| n.eq_ignore_ascii_case(text.trim())) {
        return Ok(name.clone());
    }
    if let Some(i) = value.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0) {
        if let Some(name) = names.get(i as usize) {
            return Ok(name.clone());
        }
    }
    Err(ConvError::value(
        value,
        ty,
        &format!(
            "Unable to match the identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and try again:\n{}",
            names.join(", ")
        ),
    ))
}

/// A string as a number (`0x1F`, `1kb`, `2.5`, `1e3`, `10l`), by the lexer's scanner so text
/// converts exactly as the same literal in a script would. `None` when it is not a number.
pub fn parse_number(text: &str) -> Option<Value> {
    crate::lang::lexer::parse_number(text).map(|n| match n {
        Number::Int(v) => Value::Int(v),
        Number::Double(d) => Value::Double(d),
    })
}

/// A number out of any value, or `None` (strings use the number scanner; `''` is 0).
pub fn to_number(value: &Value) -> Option<Value> {
    match value {
        Value::Int(_) | Value::Double(_) => Some(value.clone()),
        Value::NumberText(d, _) => Some(if d.fract() == 0.0 && d.abs() < 9e15 {
            Value::Int(*d as i64)
        } else {
            Value::Double(*d)
        }),
        Value::Bool(b) | Value::Switch(b) => Some(Value::Int(*b as i64)),
        Value::Null => Some(Value::Int(0)),
        Value::String(s) if s.trim().is_empty() => Some(Value::Int(0)),
        Value::String(s) => parse_number(s),
        Value::Array(a) if a.len() == 1 => to_number(&a[0]),
        _ => None,
    }
}

/// Integer conversion with banker's rounding (`[int]2.5` is 2, `[int]3.5` is 4) and .NET's
/// overflow message.
pub fn to_int(value: &Value, kind: IntKind) -> Result<i64, ConvError> {
    let ty = Ty::Int(kind);
    let number = match value {
        Value::DateTime(_) | Value::Hashtable(_) | Value::Object(_) | Value::ScriptBlock(_) => {
            return Err(ConvError::of_type(value, &ty))
        }
        Value::Array(a) if a.len() != 1 => return Err(ConvError::of_type(value, &ty)),
        _ => to_number(value).ok_or_else(|| {
            ConvError::value(value, &ty, "Input string was not in a correct format.")
        })?,
    };
    let wide: i128 = match number {
        Value::Int(i) => i as i128,
        Value::Double(d) if d.is_finite() && d.abs() < 1e30 => d.round_ties_even() as i128,
        _ => i128::MAX,
    };
    let (min, max) = kind.range();
    if wide < min || wide > max {
        return Err(ConvError::value(
            value,
            &ty,
            &format!(
                "Value was either too large or too small for {}.",
                kind.overflow_noun()
            ),
        ));
    }
    Ok(wide as i64)
}

pub fn to_double(value: &Value) -> Result<f64, ConvError> {
    match value {
        Value::DateTime(_) | Value::Hashtable(_) | Value::Object(_) | Value::ScriptBlock(_) => {
            Err(ConvError::of_type(value, &Ty::Double))
        }
        _ => to_number(value).and_then(|n| n.as_f64()).ok_or_else(|| {
            ConvError::value(
                value,
                &Ty::Double,
                "Input string was not in a correct format.",
            )
        }),
    }
}

/// Dates from the formats admins type: ISO 8601 (`2012-01-31`, `2012-01-31T10:00:00Z`) and
/// en-US (`1/31/2012`, `1/31/2012 3:04 PM`).
pub fn to_datetime(value: &Value) -> Result<i64, ConvError> {
    let not_valid = || {
        ConvError::value(
            value,
            &Ty::DateTime,
            "String was not recognized as a valid DateTime.",
        )
    };
    match value {
        Value::DateTime(t) => Ok(*t),
        Value::String(s) => parse_datetime(s).ok_or_else(not_valid),
        _ => Err(ConvError::of_type(value, &Ty::DateTime)),
    }
}

fn parse_datetime(text: &str) -> Option<i64> {
    let t = text.trim();
    let (date, time) = match t.find([' ', 'T']) {
        Some(i) => (&t[..i], t[i + 1..].trim()),
        None => (t, ""),
    };
    let nums = |s: &str, sep: char| -> Option<Vec<u32>> {
        s.split(sep).map(|p| p.parse::<u32>().ok()).collect()
    };
    let (y, m, d) = if date.contains('-') {
        match nums(date, '-')?.as_slice() {
            [y, m, d] => (*y as i64, *m, *d),
            _ => return None,
        }
    } else {
        match nums(date, '/')?.as_slice() {
            [m, d, y] => (*y as i64, *m, *d),
            _ => return None,
        }
    };
    if !(1..=12).contains(&m) || !(1..=days_in_month(y, m)).contains(&d) {
        return None;
    }
    let (hh, mm, ss) = parse_time(time)?;
    Some(unix_from_civil(y, m, d, hh, mm, ss))
}

fn parse_time(time: &str) -> Option<(u32, u32, u32)> {
    if time.is_empty() {
        return Some((0, 0, 0));
    }
    let upper = time.trim_end_matches('Z').to_ascii_uppercase();
    let (clock, meridiem) = match upper.rsplit_once(' ') {
        Some((c, m @ ("AM" | "PM"))) => (c.trim().to_string(), Some(m.to_string())),
        _ => (upper.clone(), None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let mut hh: u32 = parts[0].parse().ok()?;
    let mm: u32 = parts[1].parse().ok()?;
    // Fractional seconds are accepted and dropped: values are kept to the second.
    let ss: u32 = match parts.get(2) {
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    match meridiem.as_deref() {
        Some("AM") if hh == 12 => hh = 0,
        Some("PM") if hh < 12 => hh += 12,
        _ => {}
    }
    (hh < 24 && mm < 60 && ss < 60).then_some((hh, mm, ss))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str) -> Result<i64, ConvError> {
        to_int(&Value::str(s), IntKind::Int32)
    }

    #[test]
    fn strings_scan_as_powershell_numbers() {
        assert_eq!(int("0x1F"), Ok(31));
        assert_eq!(int("1kb"), Ok(1024));
        assert_eq!(int(" 42 "), Ok(42));
        assert_eq!(int("2.5"), Ok(2));
        assert_eq!(int("3.5"), Ok(4));
        assert_eq!(int("-7"), Ok(-7));
        assert_eq!(int("\u{2013}7"), Ok(-7));
        assert_eq!(int("1e3"), Ok(1000));
        assert_eq!(int(""), Ok(0));
        assert!(matches!(parse_number("0xFFFFFFFF"), Some(Value::Int(-1))));
        assert!(matches!(
            parse_number("1tb"),
            Some(Value::Int(1099511627776))
        ));
        assert!(matches!(parse_number("1.5gb"), Some(Value::Double(d)) if d == 1610612736.0));
        assert!(parse_number("7z").is_none());
        assert!(parse_number("1.2.3").is_none());
        assert!(parse_number("e5").is_none());
    }

    #[test]
    fn integer_errors_use_dotnet_messages() {
        assert_eq!(
            int("abc").unwrap_err().message,
            "Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\""
        );
        let e = to_int(&Value::Int(70000), IntKind::UInt16).unwrap_err();
        assert!(e
            .message
            .ends_with("Error: \"Value was either too large or too small for a UInt16.\""));
        assert!(to_int(&Value::Int(-1), IntKind::UInt32).is_err());
        assert_eq!(
            to_int(&Value::Int(4294967295), IntKind::UInt32),
            Ok(4294967295)
        );
        assert_eq!(to_int(&Value::Bool(true), IntKind::Int32), Ok(1));
    }

    #[test]
    fn casts_follow_powershell() {
        assert!(matches!(
            convert(&Value::str("False"), &Ty::Bool),
            Ok(Value::Bool(true))
        ));
        assert!(matches!(
            convert(&Value::str(""), &Ty::Bool),
            Ok(Value::Bool(false))
        ));
        assert!(matches!(convert(&Value::Int(5), &Ty::String), Ok(Value::String(s)) if s == "5"));
        let arr = convert(&Value::Int(1), &Ty::from_script("string", true).unwrap()).unwrap();
        assert_eq!(arr.to_display_string(), "{1}");
        let ht = Value::Hashtable(Default::default());
        ht_insert(&ht, "b", Value::Int(2));
        ht_insert(&ht, "a", Value::Int(1));
        let o = convert(&ht, &Ty::PsCustomObject).unwrap();
        assert_eq!(o.to_ps_string(), "@{b=2; a=1}");
    }

    fn ht_insert(h: &Value, k: &str, v: Value) {
        if let Value::Hashtable(h) = h {
            h.borrow_mut().insert(Value::str(k), v);
        }
    }

    #[test]
    fn enums_match_case_insensitively_and_list_names_on_error() {
        let names = vec!["Low".to_string(), "High".to_string()];
        let ty = Ty::Enum {
            name: "Level".into(),
            values: names.clone(),
        };
        assert_eq!(to_enum(&Value::str("high"), &ty, &names), Ok("High".into()));
        let e = to_enum(&Value::str("x"), &ty, &names).unwrap_err();
        assert!(e.message.contains(
            "Unable to match the identifier name x to a valid enumerator name. Specify one of the following enumerator names and try again:\nLow, High"
        ));
    }

    #[test]
    fn dates_parse_iso_and_en_us() {
        let expected = unix_from_civil(2012, 1, 31, 15, 4, 0);
        assert_eq!(
            to_datetime(&Value::str("2012-01-31T15:04:00Z")),
            Ok(expected)
        );
        assert_eq!(to_datetime(&Value::str("1/31/2012 3:04 PM")), Ok(expected));
        assert!(to_datetime(&Value::str("2/30/2012")).is_err());
        assert!(to_datetime(&Value::str("soon")).is_err());
    }

    #[test]
    fn type_names_resolve_from_both_spellings() {
        assert_eq!(
            Ty::from_script("System.Int32", false),
            Some(Ty::Int(IntKind::Int32))
        );
        assert_eq!(Ty::from_script("nope", false), None);
        let catalog = Catalog::default();
        assert_eq!(
            Ty::from_catalog("XdsIdentity", &catalog).dotnet_name(),
            "Microsoft.Rtc.Management.Xds.XdsIdentity"
        );
        assert_eq!(
            Ty::from_catalog("String[]", &catalog),
            Ty::Array(Box::new(Ty::String))
        );
    }
}
