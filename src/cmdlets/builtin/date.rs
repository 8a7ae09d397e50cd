//! Get-Date (with .NET-style -Format) and Start-Sleep. Dates are UTC: lyncsh has no
//! notion of the machine's time zone, which keeps scripts and tests reproducible.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::convert::to_datetime;
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::format::format_date;
use crate::engine::value::{civil_from_unix, unix_from_civil, Value};

use super::error;

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

/// Start-Sleep: waits -Seconds or -Milliseconds, in short naps so that Ctrl-C stops it at
/// once rather than when the time is up.
pub fn start_sleep(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    const NAP: Duration = Duration::from_millis(50);
    let ms = match params.get("Milliseconds").and_then(Value::as_f64) {
        Some(ms) => ms,
        None => params.get("Seconds").and_then(Value::as_f64).unwrap_or(0.0) * 1000.0,
    };
    let end = std::time::Instant::now() + Duration::from_millis(ms.max(0.0) as u64);
    while !cx.interrupt_requested() {
        let left = end.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(NAP));
    }
    Ok(())
}
