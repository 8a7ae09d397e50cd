//! The interactive session's host: errors in PowerShell's red, warning/verbose/debug lines in
//! its yellow, and output that can be held back while a help page is produced, so that the
//! shell can send the whole page through the pager. It also answers the engine's prompts
//! (mandatory parameters, Read-Host, -Confirm) while a command runs.

use std::cell::RefCell;
use std::io::{self, BufRead, Write};
use std::rc::Rc;

use nu_ansi_term::Color;

use crate::engine::session::Host;

/// Where held-back output collects while [`HostControl::capture`] is on.
#[derive(Debug, Default)]
struct Shared {
    capture: Option<String>,
}

/// The shell's handle on its host.
#[derive(Clone, Debug, Default)]
pub struct HostControl {
    shared: Rc<RefCell<Shared>>,
}

impl HostControl {
    /// Starts holding back output (errors still go straight to stderr).
    pub fn capture(&self) {
        self.shared.borrow_mut().capture = Some(String::new());
    }

    /// Stops holding back and returns what was held.
    pub fn release(&self) -> String {
        self.shared.borrow_mut().capture.take().unwrap_or_default()
    }
}

pub struct ReplHost {
    color: bool,
    control: HostControl,
}

impl ReplHost {
    pub fn new(color: bool) -> (ReplHost, HostControl) {
        let control = HostControl::default();
        (
            ReplHost {
                color,
                control: control.clone(),
            },
            control,
        )
    }
}

/// `text` with PowerShell's stream colours applied line by line.
pub fn colour_output(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let stream_line = ["WARNING: ", "VERBOSE: ", "DEBUG: "]
            .iter()
            .any(|p| body.starts_with(p));
        if stream_line {
            out.push_str(&Color::Yellow.paint(body).to_string());
        } else {
            out.push_str(body);
        }
        out.push_str(newline);
    }
    out
}

/// `text` in the error colour, each line coloured on its own so a pager or a resized
/// terminal never carries the colour past the end of a line.
pub fn colour_error(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(body) => format!("{}\n", Color::LightRed.paint(body)),
            None => Color::LightRed.paint(line).to_string(),
        })
        .collect()
}

impl Host for ReplHost {
    fn write_out(&mut self, text: &str) {
        let text = if self.color {
            colour_output(text)
        } else {
            text.to_string()
        };
        if let Some(held) = self.control.shared.borrow_mut().capture.as_mut() {
            held.push_str(&text);
            return;
        }
        let _ = io::stdout().lock().write_all(text.as_bytes());
    }

    fn write_err(&mut self, text: &str) {
        let text = if self.color {
            colour_error(text)
        } else {
            text.to_string()
        };
        let _ = io::stdout().lock().flush();
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }

    /// While a command runs the line editor is not active and the terminal is back in cooked
    /// mode, so a plain line read gives the user's answer with the terminal's own editing.
    fn read_line(&mut self, prompt: &str) -> Option<String> {
        let mut out = io::stdout().lock();
        let _ = out.write_all(prompt.as_bytes());
        let _ = out.flush();
        drop(out);
        read_answer(&mut io::stdin().lock())
    }
}

/// One line of input without its line ending; `None` at the end of input (Ctrl-D) or when
/// the terminal cannot be read.
fn read_answer(input: &mut impl BufRead) -> Option<String> {
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let end = line.trim_end_matches(['\n', '\r']).len();
            line.truncate(end);
            Some(line)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_lines_yellow_output_plain() {
        assert_eq!(
            colour_output("WARNING: careful\nName : x\n"),
            "\u{1b}[33mWARNING: careful\u{1b}[0m\nName : x\n"
        );
    }

    #[test]
    fn errors_red_per_line() {
        assert_eq!(
            colour_error("Set-X : bad\nAt line:1 char:1\n"),
            "\u{1b}[91mSet-X : bad\u{1b}[0m\n\u{1b}[91mAt line:1 char:1\u{1b}[0m\n"
        );
    }

    #[test]
    fn answers_are_lines_without_their_ending() {
        let mut input = io::Cursor::new("contoso.com\r\n\nlast");
        assert_eq!(read_answer(&mut input).as_deref(), Some("contoso.com"));
        assert_eq!(read_answer(&mut input).as_deref(), Some(""));
        assert_eq!(read_answer(&mut input).as_deref(), Some("last"));
        assert_eq!(read_answer(&mut input), None);
    }

    #[test]
    fn capture_holds_output_until_released() {
        let (mut host, control) = ReplHost::new(false);
        control.capture();
        host.write_out("NAME\n");
        host.write_out("    Get-CsSite\n");
        assert_eq!(control.release(), "NAME\n    Get-CsSite\n");
        assert_eq!(control.release(), "");
    }
}
