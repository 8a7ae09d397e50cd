//! .NET composite formatting for the `-f` operator and `ToString(format)`:
//! `{0}`, `{0,-10}`, `{0:N2}`, `{1:yyyy-MM-dd}`, `{{` and `}}`, with en-US conventions.

use super::format::format_date;
use super::value::Value;

/// Field widths and precisions beyond this are refused (they would only allocate).
const MAX_WIDTH: usize = 10_000;

/// Formats `template` with `args`; `Err` carries .NET's message.
pub fn composite(template: &str, args: &[Value]) -> Result<String, String> {
    let bad_format =
        || "Error formatting a string: Input string was not in a correct format..".to_string();
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '}' => return Err(bad_format()),
            '{' => {
                let mut spec = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => spec.push(c),
                        None => return Err(bad_format()),
                    }
                }
                let (head, format) = match spec.split_once(':') {
                    Some((h, f)) => (h, Some(f)),
                    None => (spec.as_str(), None),
                };
                let (index, align) = match head.split_once(',') {
                    Some((i, a)) => (i, Some(a)),
                    None => (head, None),
                };
                let index: usize = index.trim().parse().map_err(|_| bad_format())?;
                let arg = args.get(index).ok_or_else(|| {
                    "Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..".to_string()
                })?;
                let text = match format {
                    Some(f) => format_value(arg, f),
                    None => arg.to_ps_string(),
                };
                let width: i64 = match align {
                    Some(a) => a.trim().parse().map_err(|_| bad_format())?,
                    None => 0,
                };
                if width.unsigned_abs() > MAX_WIDTH as u64 {
                    return Err(bad_format());
                }
                let pad = (width.unsigned_abs() as usize).saturating_sub(text.chars().count());
                if width < 0 {
                    out.push_str(&text);
                    out.push_str(&" ".repeat(pad));
                } else {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(&text);
                }
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// One value with a format string (`N2`, `D3`, `X`, `0.00`, `yyyy-MM-dd`, …).
pub fn format_value(value: &Value, format: &str) -> String {
    match value {
        Value::DateTime(t) => format_date(*t, format),
        v => match v.as_f64() {
            Some(n) if !matches!(v, Value::Bool(_) | Value::Switch(_)) => {
                format_number(n, matches!(v, Value::Int(_)), format)
                    .unwrap_or_else(|| v.to_ps_string())
            }
            _ => v.to_ps_string(),
        },
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1234.5` with `decimals` and optional grouping, sign kept in front.
fn fixed(n: f64, decimals: usize, grouping: bool) -> String {
    let s = format!("{:.*}", decimals, n.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let int = if grouping { group_thousands(&int) } else { int };
    let body = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    let is_zero = body.chars().all(|c| matches!(c, '0' | '.' | ','));
    if n < 0.0 && !is_zero {
        format!("-{body}")
    } else {
        body
    }
}

fn format_number(n: f64, integral: bool, format: &str) -> Option<String> {
    let mut chars = format.chars();
    let kind = chars.next()?;
    let rest: String = chars.collect();
    if !kind.is_ascii_alphabetic() || !rest.chars().all(|c| c.is_ascii_digit()) {
        return custom_number(n, format);
    }
    let precision = rest.parse::<usize>().ok().map(|p| p.min(MAX_WIDTH));
    Some(match kind.to_ascii_uppercase() {
        'N' => fixed(n, precision.unwrap_or(2), true),
        'F' => fixed(n, precision.unwrap_or(2), false),
        'D' if integral => {
            let digits = format!(
                "{:0>width$}",
                (n as i64).unsigned_abs(),
                width = precision.unwrap_or(1)
            );
            if n < 0.0 {
                format!("-{digits}")
            } else {
                digits
            }
        }
        'X' if integral => {
            let hex = format!("{:0>width$X}", n as i64, width = precision.unwrap_or(1));
            if kind == 'x' {
                hex.to_lowercase()
            } else {
                hex
            }
        }
        'P' => format!("{} %", fixed(n * 100.0, precision.unwrap_or(2), true)),
        'C' => {
            let body = fixed(n.abs(), precision.unwrap_or(2), true);
            if n < 0.0 {
                format!("(${body})")
            } else {
                format!("${body}")
            }
        }
        'G' if rest.is_empty() => super::value::format_double(n),
        _ => return custom_number(n, format),
    })
}

/// Custom numeric formats such as `0.00`, `#,##0`, `000`, `0.#`, `0%`.
fn custom_number(n: f64, format: &str) -> Option<String> {
    if !format.contains(['0', '#']) {
        return None;
    }
    let percent = format.contains('%');
    let n = if percent { n * 100.0 } else { n };
    let start = format.find(['0', '#', '.', ','])?;
    let end = format.rfind(['0', '#']).map(|i| i + 1)?;
    let (prefix, pattern, suffix) = (&format[..start], &format[start..end], &format[end..]);
    let (int_pat, frac_pat) = match pattern.split_once('.') {
        Some((i, f)) => (i, f),
        None => (pattern, ""),
    };
    let min_frac = frac_pat.chars().filter(|&c| c == '0').count();
    let max_frac = frac_pat.chars().filter(|&c| c == '0' || c == '#').count();
    let min_int = int_pat.chars().filter(|&c| c == '0').count();
    let grouping = int_pat.contains(',');
    let s = format!("{:.*}", max_frac, n.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (s, String::new()),
    };
    let mut frac = frac;
    while frac.len() > min_frac && frac.ends_with('0') {
        frac.pop();
    }
    let int = int.trim_start_matches('0').to_string();
    let int = format!("{:0>width$}", int, width = min_int);
    let int = if grouping { group_thousands(&int) } else { int };
    let sign = if n < 0.0
        && (int.chars().any(|c| c.is_ascii_digit() && c != '0') || frac.chars().any(|c| c != '0'))
    {
        "-"
    } else {
        ""
    };
    let body = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    Some(format!("{prefix}{sign}{body}{suffix}"))
}

/// The day of the week of Unix seconds (`Thursday`).
pub fn weekday_name(secs: i64) -> String {
    format_date(secs, "dddd")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value::unix_from_civil;

    fn f(template: &str, args: Vec<Value>) -> String {
        composite(template, &args).unwrap()
    }

    #[test]
    fn composite_formats_like_dotnet() {
        assert_eq!(
            f("{0} and {1}", vec![Value::Int(1), Value::str("b")]),
            "1 and b"
        );
        assert_eq!(f("{0:N2}", vec![Value::Double(1234.567)]), "1,234.57");
        assert_eq!(f("{0:N0}", vec![Value::Int(1234567)]), "1,234,567");
        assert_eq!(f("[{0,-6}]", vec![Value::str("ab")]), "[ab    ]");
        assert_eq!(f("[{0,6}]", vec![Value::str("ab")]), "[    ab]");
        assert_eq!(f("{0:D4}", vec![Value::Int(42)]), "0042");
        assert_eq!(f("{0:X}", vec![Value::Int(255)]), "FF");
        assert_eq!(f("{0:P1}", vec![Value::Double(0.125)]), "12.5 %");
        assert_eq!(f("{0:0.00}", vec![Value::Double(2.5)]), "2.50");
        assert_eq!(f("{0:#,##0}", vec![Value::Int(1234)]), "1,234");
        assert_eq!(f("{{literal}}", vec![]), "{literal}");
        assert!(composite("{1}", &[Value::Int(1)]).is_err());
    }

    #[test]
    fn dates_format_like_dotnet() {
        let t = unix_from_civil(2012, 1, 5, 15, 4, 9);
        assert_eq!(format_date(t, "yyyy-MM-dd HH:mm:ss"), "2012-01-05 15:04:09");
        assert_eq!(format_date(t, "d"), "1/5/2012");
        assert_eq!(format_date(t, "dddd, MMMM d"), "Thursday, January 5");
        assert_eq!(format_date(t, "h:mm tt"), "3:04 PM");
        assert_eq!(weekday_name(t), "Thursday");
        assert_eq!(format_value(&Value::DateTime(t), "yyyy"), "2012");
    }
}
