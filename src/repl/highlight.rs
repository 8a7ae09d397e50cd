//! Syntax colouring with PSReadLine's default colours, from the lexer's highlight tokens.
//! A command name nothing knows (no cmdlet, alias or function of that name) is shown in the
//! error colour while it is typed.

use nu_ansi_term::{Color, Style};
use reedline::{Highlighter, StyledText};

use super::complete::{lock, SharedData};
use crate::catalog::Catalog;
use crate::lang::lexer::highlight_tokens;
use crate::lang::token::TokenClass;

/// PSReadLine's `Colors` defaults (Set-PSReadLineOption -Colors).
pub fn style_of(class: TokenClass) -> Style {
    let fg = |c: Color| Style::new().fg(c);
    match class {
        TokenClass::Command => fg(Color::LightYellow),
        TokenClass::Parameter | TokenClass::Operator => fg(Color::DarkGray),
        TokenClass::String => fg(Color::Cyan),
        TokenClass::Variable | TokenClass::Keyword => fg(Color::LightGreen),
        TokenClass::Number | TokenClass::Member => fg(Color::LightGray),
        TokenClass::Comment => fg(Color::Green),
        TokenClass::Type => fg(Color::White),
        TokenClass::Default => Style::new(),
    }
}

/// The error colour (ESC[91m), for unknown command names.
pub fn error_style() -> Style {
    Style::new().fg(Color::LightRed)
}

pub struct ShellHighlighter {
    catalog: &'static Catalog,
    data: SharedData,
}

impl ShellHighlighter {
    pub fn new(catalog: &'static Catalog, data: SharedData) -> ShellHighlighter {
        ShellHighlighter { catalog, data }
    }

    /// `line` cut into (style, text) runs covering all of it.
    pub fn runs(&self, line: &str) -> Vec<(Style, String)> {
        let data = lock(&self.data);
        let mut runs = Vec::new();
        let mut at = 0;
        for (span, class) in highlight_tokens(line) {
            // Tokens are sorted; one that starts inside the previous would repeat text.
            if span.start < at || span.end > line.len() {
                continue;
            }
            if span.start > at {
                runs.push((Style::new(), line[at..span.start].to_string()));
            }
            let text = &line[span.start..span.end];
            let style = if class == TokenClass::Command && !data.knows_command(self.catalog, text) {
                error_style()
            } else {
                style_of(class)
            };
            runs.push((style, text.to_string()));
            at = span.end;
        }
        if at < line.len() {
            runs.push((Style::new(), line[at..].to_string()));
        }
        runs
    }
}

impl Highlighter for ShellHighlighter {
    fn highlight(&self, line: &str, _cursor: usize) -> StyledText {
        let mut styled = StyledText::new();
        for run in self.runs(line) {
            styled.push(run);
        }
        styled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repl::complete::CompletionData;
    use std::sync::{Arc, Mutex};

    fn highlighter() -> ShellHighlighter {
        let catalog: &'static Catalog = Box::leak(Box::new(
            Catalog::from_files([(
                "cmdlets/S.yaml",
                "module: Lync\ncmdlets:\n  - { name: Set-CsWebServer, synopsis: x }\n",
            )])
            .unwrap(),
        ));
        let data = CompletionData {
            aliases: vec![("sws".into(), "Set-CsWebServer".into())],
            ..CompletionData::default()
        };
        ShellHighlighter::new(catalog, Arc::new(Mutex::new(data)))
    }

    fn codes(line: &str) -> Vec<(String, String)> {
        highlighter()
            .runs(line)
            .into_iter()
            .map(|(style, text)| (style.prefix().to_string(), text))
            .collect()
    }

    fn run(code: &str, text: &str) -> (String, String) {
        (code.to_string(), text.to_string())
    }

    #[test]
    fn psreadline_colours() {
        let line = "Set-CsWebServer -Identity 'x' -Port 443 $v # done";
        assert_eq!(
            codes(line),
            [
                run("\u{1b}[93m", "Set-CsWebServer"),
                run("", " "),
                run("\u{1b}[90m", "-Identity"),
                run("", " "),
                run("\u{1b}[36m", "'x'"),
                run("", " "),
                run("\u{1b}[90m", "-Port"),
                run("", " "),
                run("\u{1b}[97m", "443"),
                run("", " "),
                run("\u{1b}[92m", "$v"),
                run("", " "),
                run("\u{1b}[32m", "# done"),
            ]
        );
    }

    #[test]
    fn unknown_commands_in_red_aliases_known() {
        let c = codes("Set-CsWebServe | sws");
        assert_eq!(c[0], run("\u{1b}[91m", "Set-CsWebServe"));
        assert_eq!(c.last().unwrap(), &run("\u{1b}[93m", "sws"));
    }

    #[test]
    fn covers_every_byte_even_when_unterminated() {
        for line in [
            "Set-CsWebServer -Identity \"lync",
            "foreach ($s in $x) { $s.Fqdn }",
            "@'\nx",
            "–Iden `",
        ] {
            let joined: String = highlighter()
                .runs(line)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            assert_eq!(joined, line);
        }
    }
}
