//! Times in the document are RFC 3339 UTC strings (`2011-11-28T09:12:40Z`): readable in the
//! YAML and diffs, and sortable as text. This is the small amount of calendar arithmetic the
//! store and the certificate rules need, without a date crate.

use std::time::{SystemTime, UNIX_EPOCH};

/// Overrides the clock (an RFC 3339 time) so tests and demos get reproducible headers and
/// certificate verdicts.
pub const NOW_ENV: &str = "LYNCSH_NOW";

/// Seconds since the Unix epoch: `LYNCSH_NOW` if set and valid, else the system clock.
pub fn now_unix() -> i64 {
    if let Some(t) = std::env::var(NOW_ENV).ok().and_then(|v| parse_rfc3339(&v)) {
        return t;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub fn now_rfc3339() -> String {
    format_rfc3339(now_unix())
}

/// Parses `YYYY-MM-DDTHH:MM:SS` with an optional fraction and a `Z` or `±HH:MM` offset.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let r = rest.get(1..)?;
            if r.len() != 5 || r.as_bytes()[2] != b':' {
                return None;
            }
            let h: i64 = r[0..2].parse().ok()?;
            let m: i64 = r[3..5].parse().ok()?;
            sign * (h * 3600 + m * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

pub fn format_rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_offsets() {
        let t = parse_rfc3339("2011-11-28T09:12:40Z").unwrap();
        assert_eq!(t, 1_322_471_560);
        assert_eq!(format_rfc3339(t), "2011-11-28T09:12:40Z");
        assert_eq!(parse_rfc3339("2011-11-28T10:12:40+01:00"), Some(t));
        assert_eq!(parse_rfc3339("2011-11-28T09:12:40.5Z"), Some(t));
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00Z").map(format_rfc3339),
            Some("2024-02-29T00:00:00Z".to_string())
        );
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "2011-11-28",
            "2011-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2011-11-28T09:12:40",
            "2011-11-28T09:12:40+0100",
            "2011-11-2aT09:12:40Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
