//! Long help pages through a pager, as PowerShell's `help` does with `more`: `$PAGER`, else
//! `less -R` (keeps the colours). `$env:PAGER = ''` turns it off; so does output that fits on
//! the screen or a stdout that is not a terminal.

use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// The pager command line from the value of `PAGER`: unset means `less -R`, empty means none.
pub fn command_from(pager: Option<&OsStr>) -> Option<Vec<String>> {
    let Some(pager) = pager else {
        return Some(vec!["less".into(), "-R".into()]);
    };
    let words: Vec<String> = pager
        .to_string_lossy()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    (!words.is_empty()).then_some(words)
}

/// How many screen rows `text` takes on a terminal `columns` wide, colour codes excluded.
pub fn rows_needed(text: &str, columns: usize) -> usize {
    let columns = columns.max(1);
    text.lines()
        .map(|line| visible_width(line).div_ceil(columns).max(1))
        .sum()
}

fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI sequence: ESC [ parameters final-byte.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            width += 1;
        }
    }
    width
}

/// Writes `text` to stdout, through the pager when stdout is a terminal, a pager is configured
/// and the text is taller than the screen. A pager that cannot be started is skipped.
pub fn show(text: &str) -> io::Result<()> {
    let stdout = io::stdout();
    if stdout.is_terminal() {
        if let (Some(cmd), Ok((columns, rows))) = (
            command_from(std::env::var_os("PAGER").as_deref()),
            crossterm::terminal::size(),
        ) {
            // One row is left for the prompt that follows.
            if rows_needed(text, columns.into()) >= usize::from(rows) && run_pager(&cmd, text) {
                return Ok(());
            }
        }
    }
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn run_pager(cmd: &[String], text: &str) -> bool {
    let Ok(mut child) = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stdin(Stdio::piped())
        .spawn()
    else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The user may quit the pager before reading everything: a broken pipe is normal.
        let _ = stdin.write_all(text.as_bytes());
    }
    child.wait().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_choice() {
        assert_eq!(command_from(None).unwrap(), ["less", "-R"]);
        assert_eq!(command_from(Some(OsStr::new(""))), None);
        assert_eq!(command_from(Some(OsStr::new("  "))), None);
        assert_eq!(
            command_from(Some(OsStr::new("more -d"))).unwrap(),
            ["more", "-d"]
        );
    }

    #[test]
    fn rows_count_wrapped_lines_and_ignore_colour() {
        assert_eq!(rows_needed("a\nb\n", 80), 2);
        assert_eq!(rows_needed("", 80), 0);
        assert_eq!(rows_needed("\n\n", 80), 2);
        assert_eq!(rows_needed(&"x".repeat(81), 80), 2);
        assert_eq!(rows_needed(&"x".repeat(80), 80), 1);
        assert_eq!(rows_needed("\x1b[93mGet-CsSite\x1b[0m", 10), 1);
    }
}
