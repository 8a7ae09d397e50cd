//! Long help pages through a pager, as PowerShell's `help` does with `more`: `$PAGER`, else
//! `less -R` (keeps the colours). `$env:PAGER = ''` turns it off; so does output that fits on
//! the screen or a stdout that is not a terminal.
//!
//! PowerShell removes an environment variable assigned `''`, so "unset" alone cannot mean
//! "use the default": once the session has assigned `$env:PAGER`, unset means off.

use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// The session's pager setting.
#[derive(Clone, Debug)]
pub struct Pager {
    /// `PAGER` was set when the shell started, or the session assigned `$env:PAGER`.
    chosen: bool,
}

impl Pager {
    pub fn from_environment() -> Pager {
        Pager {
            chosen: std::env::var_os("PAGER").is_some(),
        }
    }

    /// Notes an entry that assigns `$env:PAGER` (or may have).
    pub fn note_entry(&mut self, line: &str) {
        if line.to_ascii_lowercase().contains("$env:pager") {
            self.chosen = true;
        }
    }

    /// The pager command line now, or `None` for no pager.
    pub fn command(&self) -> Option<Vec<String>> {
        command_from(std::env::var_os("PAGER").as_deref(), self.chosen)
    }
}

/// The pager command line from the value of `PAGER`: unset means `less -R` unless a pager was
/// chosen (and since removed), empty means none.
pub fn command_from(pager: Option<&OsStr>, chosen: bool) -> Option<Vec<String>> {
    let Some(pager) = pager else {
        return (!chosen).then(|| vec!["less".into(), "-R".into()]);
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
/// `while_paging` is called repeatedly while the pager runs: Ctrl-C in the pager also reaches
/// the shell, which must not count it towards "press twice to quit".
pub fn show(text: &str, pager: &Pager, while_paging: &mut dyn FnMut()) -> io::Result<()> {
    let stdout = io::stdout();
    if stdout.is_terminal() {
        if let (Some(cmd), Ok((columns, rows))) = (pager.command(), crossterm::terminal::size()) {
            // One row is left for the prompt that follows.
            if rows_needed(text, columns.into()) >= usize::from(rows)
                && run_pager(&cmd, text, while_paging)
            {
                return Ok(());
            }
        }
    }
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn run_pager(cmd: &[String], text: &str, while_paging: &mut dyn FnMut()) -> bool {
    let Ok(mut child) = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stdin(Stdio::piped())
        .spawn()
    else {
        return false;
    };
    // Fed from a thread: a page longer than the pipe's buffer blocks until the user scrolls.
    let feeder = child.stdin.take().map(|mut stdin| {
        let text = text.to_string();
        // The user may quit the pager before reading everything: a broken pipe is normal.
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        })
    });
    let finished = loop {
        match child.try_wait() {
            Ok(Some(_)) => break true,
            Ok(None) => {
                while_paging();
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(_) => break false,
        }
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    finished
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_choice() {
        assert_eq!(command_from(None, false).unwrap(), ["less", "-R"]);
        assert_eq!(command_from(None, true), None);
        assert_eq!(command_from(Some(OsStr::new("")), false), None);
        assert_eq!(command_from(Some(OsStr::new("  ")), true), None);
        assert_eq!(
            command_from(Some(OsStr::new("more -d")), true).unwrap(),
            ["more", "-d"]
        );
    }

    #[test]
    fn assigning_env_pager_is_a_choice() {
        let mut p = Pager { chosen: false };
        p.note_entry("Get-Help Get-CsSite");
        assert!(!p.chosen);
        p.note_entry("$Env:PAGER = ''");
        assert!(p.chosen);
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
