//! Get-Date (with .NET-style -Format) and Start-Sleep. Dates are UTC: lyncsh has no
//! notion of the machine's time zone, which keeps scripts and tests reproducible.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::convert::to_datetime;
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::{civil_from_unix, unix_from_civil, Value};

use super::error;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Expands a .NET standard format letter into its en-US custom pattern.
fn standard_pattern(format: &str) -> Option<&'static str> {
    Some(match format {
        "d" => "M/d/yyyy",
        "D" => "dddd, MMMM d, yyyy",
        "t" => "h:mm tt",
        "T" => "h:mm:ss tt",
        "f" => "dddd, MMMM d, yyyy h:mm tt",
        "F" => "dddd, MMMM d, yyyy h:mm:ss tt",
        "g" => "M/d/yyyy h:mm tt",
        "G" => "M/d/yyyy h:mm:ss tt",
        "s" => "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        "u" => "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
        "o" | "O" => "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.0000000Z'",
        "M" | "m" => "MMMM d",
        "Y" | "y" => "MMMM yyyy",
        _ => return None,
    })
}

/// Formats Unix seconds with a .NET date format string (custom or standard).
pub fn format_date(secs: i64, format: &str) -> String {
    let pattern = standard_pattern(format).unwrap_or(format);
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    let weekday = (secs.div_euclid(86_400) + 4).rem_euclid(7) as usize;
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        let h12 = if h % 12 == 0 { 12 } else { h % 12 };
        let piece = match c {
            'y' => match run {
                1 => (y % 100).to_string(),
                2 => format!("{:02}", y % 100),
                n => format!("{y:0n$}"),
            },
            'M' => match run {
                1 => mo.to_string(),
                2 => format!("{mo:02}"),
                3 => MONTHS[mo as usize - 1][..3].to_string(),
                _ => MONTHS[mo as usize - 1].to_string(),
            },
            'd' => match run {
                1 => d.to_string(),
                2 => format!("{d:02}"),
                3 => DAYS[weekday][..3].to_string(),
                _ => DAYS[weekday].to_string(),
            },
            'H' => pad(h, run),
            'h' => pad(h12, run),
            'm' => pad(mi, run),
            's' => pad(s, run),
            'f' | 'F' => "0".repeat(run.min(7)),
            't' => {
                let ampm = if h < 12 { "AM" } else { "PM" };
                if run == 1 { &ampm[..1] } else { ampm }.to_string()
            }
            '\'' | '"' => {
                let close = chars[i + 1..].iter().position(|&x| x == c);
                let end = close.map_or(chars.len(), |p| i + 1 + p);
                out.extend(&chars[i + 1..end]);
                i = end + 1;
                continue;
            }
            '\\' => {
                if let Some(next) = chars.get(i + 1) {
                    out.push(*next);
                }
                i += 2;
                continue;
            }
            other => other.to_string().repeat(run),
        };
        out.push_str(&piece);
        i += run;
    }
    out
}

fn pad(n: u32, run: usize) -> String {
    if run >= 2 {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

/// Get-Date: now (or -Date), parts replaced by -Year … -Second, optionally formatted.
pub fn get_date(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let given = input
        .into_iter()
        .next()
        .or_else(|| params.get("Date").cloned());
    let mut secs = match given {
        Some(v) => to_datetime(&v)
            .map_err(|e| error(cx, ErrorCategory::InvalidArgument, "InvalidDate", e.message))?,
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    let (mut y, mut mo, mut d, mut h, mut mi, mut s) = civil_from_unix(secs);
    let part = |name: &str| params.get(name).and_then(Value::as_f64);
    if let Some(v) = part("Year") {
        y = v as i64;
    }
    if let Some(v) = part("Month") {
        mo = v as u32;
    }
    if let Some(v) = part("Day") {
        d = v as u32;
    }
    if let Some(v) = part("Hour") {
        h = v as u32;
    }
    if let Some(v) = part("Minute") {
        mi = v as u32;
    }
    if let Some(v) = part("Second") {
        s = v as u32;
    }
    secs = unix_from_civil(y, mo, d, h, mi, s);
    match params.string("Format") {
        Some(f) => cx.write_output(Value::String(format_date(secs, &f))),
        None => cx.write_output(Value::DateTime(secs)),
    }
    Ok(())
}

/// Start-Sleep: waits -Seconds or -Milliseconds.
pub fn start_sleep(
    _cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let ms = match params.get("Milliseconds").and_then(Value::as_f64) {
        Some(ms) => ms,
        None => params.get("Seconds").and_then(Value::as_f64).unwrap_or(0.0) * 1000.0,
    };
    std::thread::sleep(Duration::from_millis(ms.max(0.0) as u64));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_and_standard_formats() {
        let t = unix_from_civil(2012, 1, 12, 15, 4, 5);
        assert_eq!(format_date(t, "yyyyMMdd-HHmm"), "20120112-1504");
        assert_eq!(format_date(t, "s"), "2012-01-12T15:04:05");
        assert_eq!(format_date(t, "d"), "1/12/2012");
        assert_eq!(format_date(t, "dddd, MMMM d"), "Thursday, January 12");
        assert_eq!(format_date(t, "hh:mm tt"), "03:04 PM");
        assert_eq!(format_date(t, "'at' HH\\h"), "at 15h");
    }
}
