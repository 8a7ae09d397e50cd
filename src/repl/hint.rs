//! Grey text after the cursor: PSReadLine's history prediction (Right arrow accepts it) or,
//! when history has nothing and a parameter's value is next, that parameter's type and
//! allowed values (help only: Right arrow does not insert it).

use nu_ansi_term::{Color, Style};
use reedline::{DefaultHinter, Hinter, History};

use super::candidates;
use super::complete::{lock, SharedData};
use super::context::{self, Context};
use crate::catalog::Catalog;

pub struct ShellHinter {
    history: DefaultHinter,
    catalog: &'static Catalog,
    data: SharedData,
    /// The last hint came from history (and can be accepted).
    from_history: bool,
}

pub fn hint_style() -> Style {
    Style::new().fg(Color::DarkGray)
}

impl ShellHinter {
    pub fn new(catalog: &'static Catalog, data: SharedData) -> ShellHinter {
        ShellHinter {
            history: DefaultHinter::default().with_style(hint_style()),
            catalog,
            data,
            from_history: false,
        }
    }

    /// `  [Type] values` for the parameter whose value the cursor is about to take, or for
    /// the parameter name just typed in full.
    pub fn parameter_help(&self, line: &str, pos: usize) -> Option<String> {
        let data = lock(&self.data);
        let (command, name) = match context::at(line, pos) {
            Context::Value {
                command,
                parameter: Some(parameter),
                word,
                ..
            } if word.text.is_empty() => (command, parameter),
            Context::ParameterName { command, word, .. } => (command, word.text),
            _ => return None,
        };
        let def = data.resolve(self.catalog, &command)?;
        let param = candidates::resolve_parameter(def, &name)?;
        let after_space = line[..pos].ends_with(' ');
        // A name still being typed, or a switch (which takes no value after a space).
        if (!after_space && !param.name().eq_ignore_ascii_case(&name))
            || (after_space && param.is_switch())
        {
            return None;
        }
        let separator = if after_space { " " } else { "  " };
        Some(format!("{separator}{}", param.help(self.catalog)))
    }
}

impl Hinter for ShellHinter {
    fn handle(
        &mut self,
        line: &str,
        pos: usize,
        history: &dyn History,
        use_ansi_coloring: bool,
        cwd: &str,
    ) -> String {
        let from_history = self
            .history
            .handle(line, pos, history, use_ansi_coloring, cwd);
        self.from_history = !from_history.is_empty();
        if self.from_history || pos != line.len() {
            return from_history;
        }
        match self.parameter_help(line, pos) {
            Some(help) if use_ansi_coloring => hint_style().italic().paint(help).to_string(),
            Some(help) => help,
            None => String::new(),
        }
    }

    fn complete_hint(&self) -> String {
        if self.from_history {
            self.history.complete_hint()
        } else {
            String::new()
        }
    }

    fn next_hint_token(&self) -> String {
        if self.from_history {
            self.history.next_hint_token()
        } else {
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repl::complete::CompletionData;
    use reedline::{FileBackedHistory, HistoryItem};
    use std::sync::{Arc, Mutex};

    const SAMPLE: &str = r#"
module: Lync
enums:
  VerificationLevelType: [AlwaysVerifiable, AlwaysUnverifiable]
cmdlets:
  - name: Set-CsHostingProvider
    synopsis: x
    parameters:
      - { name: Identity, type: XdsGlobalRelativeIdentity, position: 0 }
      - { name: VerificationLevel, type: VerificationLevelType }
      - { name: Port, type: UInt16, range: [1, 65535] }
      - { name: Force, type: SwitchParameter }
"#;

    fn hinter() -> ShellHinter {
        let catalog: &'static Catalog = Box::leak(Box::new(
            Catalog::from_files([("cmdlets/S.yaml", SAMPLE)]).unwrap(),
        ));
        ShellHinter::new(catalog, Arc::new(Mutex::new(CompletionData::default())))
    }

    #[test]
    fn parameter_help_after_the_name() {
        let h = hinter();
        let line = "Set-CsHostingProvider -VerificationLevel ";
        assert_eq!(
            h.parameter_help(line, line.len()).as_deref(),
            Some(" [VerificationLevelType] AlwaysVerifiable|AlwaysUnverifiable")
        );
        let line = "Set-CsHostingProvider -Port";
        assert_eq!(
            h.parameter_help(line, line.len()).as_deref(),
            Some("  [UInt16] 1..65535")
        );
        let line = "Set-CsHostingProvider -Po";
        assert_eq!(h.parameter_help(line, line.len()), None);
        let line = "Set-CsHostingProvider -Port 5";
        assert_eq!(h.parameter_help(line, line.len()), None);
        let line = "Set-CsHostingProvider -Force ";
        assert_eq!(h.parameter_help(line, line.len()), None);
    }

    #[test]
    fn history_first_and_only_history_is_accepted() {
        let mut h = hinter();
        let mut history = FileBackedHistory::new(10).unwrap();
        history
            .save(HistoryItem::from_command_line(
                "Set-CsHostingProvider -VerificationLevel AlwaysVerifiable",
            ))
            .unwrap();
        let line = "Set-CsHostingProvider -VerificationLevel ";
        let shown = h.handle(line, line.len(), &history, false, "");
        assert_eq!(shown, "AlwaysVerifiable");
        assert_eq!(h.complete_hint(), "AlwaysVerifiable");
        let line = "Set-CsHostingProvider -Port ";
        let shown = h.handle(line, line.len(), &history, false, "");
        assert_eq!(shown, " [UInt16] 1..65535");
        assert_eq!(h.complete_hint(), "");
        assert_eq!(h.next_hint_token(), "");
    }
}
